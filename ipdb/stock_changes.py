"""How each register's stocks change from day to day, kept with the right facts (``stock_change``), so that a
stock as of any D is a sum over a few thousand dated changes instead of a pass over every right in force.

A right fact is in force (``ipdb.figures.predicates.IN_FORCE``) for D in [start, end): start = the later of
``lo`` and ``in_force_from``, end = the earlier of ``hi`` and ``ends_on``; never when ``in_force_from`` is
NULL or start >= end. It counts among the rights held 10 years or more (``TEN_YEARS``: filing date on or
before D's cutoff, ``ipdb.figures.query.ten_year_cutoff``) from the later of start and its filing's 10th
anniversary. So each fact adds +1 to ``in_force`` of its (kind, category) on start and -1 on end, the same
to ``ten_years`` from its anniversary on, and the count as of D is the sum of the changes dated D or
earlier. Rows whose changes cancel out are not kept, so the table is a function of the facts alone:
written with every right fact written or removed (``ipdb.facts``), equal to ``rebuild`` (a property test
holds the two equal).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from ipdb.reading import Reader
from ipdb.vocabulary import END_OF_TIME_ISO

if TYPE_CHECKING:  # the reading commands use ``stocks`` alone, on the stdlib driver
    from sqlalchemy import Connection

Fact = tuple[Any, ...]  # a right_fact row in ipdb.facts.FACT_COLUMNS order (more columns may follow)
Key = tuple[str, str, str]  # kind, category ('' for none), day
_KIND, _CATEGORY, _LO, _HI, _FILED, _SINCE, _ENDS = 1, 2, 3, 4, 7, 9, 10

_UPSERT = """INSERT INTO stock_change (kind, category, day, in_force, ten_years) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (kind, category, day) DO UPDATE
SET in_force = stock_change.in_force + excluded.in_force, ten_years = stock_change.ten_years + excluded.ten_years"""
# The stocks of one register as of :d, by category.
STOCKS = """SELECT category, SUM(in_force), SUM(ten_years) FROM stock_change
WHERE kind = :kind AND day <= :d GROUP BY category"""


def anniversary(filing: str) -> str:
    """The first D whose 10-year cutoff reaches this filing date: the same day 10 years on, or 28 February
    for a 29 February filing in a common year (ipdb.figures.query.ten_year_cutoff)."""
    year = int(filing[:4]) + 10
    if year > 9999:  # never: no date is later than the end of time
        return END_OF_TIME_ISO
    rest = filing[4:]
    if rest == "-02-29" and not calendar.isleap(year):
        rest = "-02-28"
    return f"{year:04d}{rest}"


def _changes(facts: Iterable[Fact], sign: int, in_force: Counter[Key], ten_years: Counter[Key]) -> None:
    """Add each fact's changes, times ``sign``, to the two counters (per type, through Counter's C loop: this
    runs over every fact a register's first import writes)."""
    by_type: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        if fact[_SINCE] is not None:
            by_type.setdefault((fact[_KIND], fact[_CATEGORY] or ""), []).append(fact)
    for (kind, category), group in by_type.items():
        spans = [
            (lo if lo > since else since, ends if ends is not None and ends < hi else hi, filed)
            for lo, hi, since, ends, filed in ((f[_LO], f[_HI], f[_SINCE], f[_ENDS], f[_FILED]) for f in group)
        ]
        spans = [span for span in spans if span[0] < span[1]]
        tens = _anniversaries({filed for _, _, filed in spans if filed is not None})
        aged = [(ten if ten > start else start, end) for start, end, ten in _aged(spans, tens)]
        for counter, pairs in ((in_force, spans), (ten_years, aged)):
            starts, ends = Counter(p[0] for p in pairs), Counter(p[1] for p in pairs)
            for day in starts.keys() | ends.keys():
                counter[(kind, category, day)] += sign * (starts[day] - ends[day])


def _anniversaries(filings: set[str]) -> dict[str, str]:
    return {filed: anniversary(filed) for filed in filings}


def _aged(spans: list[tuple[str, str, str | None]], tens: dict[str, str]) -> Iterable[tuple[str, str, str]]:
    """(start, end, 10th anniversary) of the spans in force after their filing's 10th anniversary."""
    return ((s, e, tens[f]) for s, e, f in spans if f is not None and tens[f] < e)


class Changes:
    """Stock changes summed over several writes of right facts and written once: a register's rights are written
    a chunk at a time, and one upsert of the days they change costs a third of one per chunk."""

    def __init__(self) -> None:
        self.in_force: Counter[Key] = Counter()
        self.ten_years: Counter[Key] = Counter()

    def add(self, facts: Iterable[Fact], sign: int = 1) -> None:
        _changes(facts, sign, self.in_force, self.ten_years)

    def write(self, conn: Connection) -> None:
        """Into ``stock_change``; the sums start again from nothing."""
        in_force, ten_years = self.in_force, self.ten_years
        self.in_force, self.ten_years = Counter(), Counter()
        keys = {k for k, n in in_force.items() if n} | {k for k, n in ten_years.items() if n}
        if not keys:
            return
        conn.exec_driver_sql(_UPSERT, [(*key, in_force[key], ten_years[key]) for key in sorted(keys)])
        # changes that now cancel out (one pass over a table of a few thousand rows per type, in C)
        conn.exec_driver_sql("DELETE FROM stock_change WHERE in_force = 0 AND ten_years = 0")


def apply(conn: Connection, added: Iterable[Fact], removed: Iterable[Fact] = ()) -> None:
    """The stock changes of right facts written (``added``) and deleted (``removed``)."""
    changes = Changes()
    changes.add(added)
    changes.add(removed, -1)
    changes.write(conn)


_FACTS = (
    "SELECT right_id, kind, category, lo, hi, NULL, NULL, filing_date, NULL, in_force_from, ends_on FROM right_fact"
)


def rebuild(conn: Connection) -> None:
    """Every stock change from the right facts as they stand (a migration, a rebuild from scratch)."""
    conn.exec_driver_sql("DELETE FROM stock_change")
    apply(conn, cast(Iterable[Fact], conn.exec_driver_sql(_FACTS)))


def stocks(reader: Reader, kind: str, d: str) -> dict[str, tuple[int, int]]:
    """(in force, of which 10 years or more) as of ``d`` (ISO) by category ('' for none) of one register."""
    return {c: (int(n or 0), int(t or 0)) for c, n, t in reader.rows(STOCKS, {"kind": kind, "d": d})}
