"""Derive the fact tables from observations (domain.md Part I, "Snapshots and history").

For one right with observations o1 < o2 < ... (by as-of date), and the as-of
dates of the complete snapshots of its register S1 < S2 < ...:

* observation oi decides the right's state for D in [oi, min(o(i+1), first S > oi));
  a complete snapshot after oi that does not list the right ends its presence
  (it left the register on S), a later observation starts it again; consecutive
  observations of the same state make one interval (a re-export costs no facts);
* before its first observation the earliest one decides, but only for D before
  the first complete snapshot (a right a snapshot lists for the first time
  entered the register on that date);
* a state that says "dead" without a date ended on its observation's as-of date.

Each interval becomes one ``right_fact`` row, so "state as of D" is the plain
test ``lo <= D < hi``; ``holding_fact`` repeats the row per enterprise holder
and ``company_fact`` does the same for enterprise-list observations. Facts are
rebuilt wholesale after each import; order of imports cannot matter because
nothing here depends on it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import cast

from sqlalchemy import Connection, text

from ipdb.vocabulary import BEGINNING_ISO, END_OF_TIME_ISO, REGISTER_KINDS

_HOLDINGS = """
INSERT INTO holding_fact (company_id, right_id, kind, category, lo, hi,
                          filing_date, granted_on, in_force_from, ends_on)
SELECT DISTINCT h.company_id, f.right_id, f.kind, f.category, f.lo, f.hi,
       f.filing_date, f.granted_on, f.in_force_from, f.ends_on
FROM right_fact f
JOIN right_state_holder sh ON sh.state_id = f.state_id
JOIN holder h ON h.id = sh.holder_id
WHERE h.company_id IS NOT NULL AND f.kind = :kind {only}
ORDER BY f.category, h.company_id, f.lo
"""

_COMPANIES = f"""
WITH obs AS (
    SELECT company_id, as_of, name, town, industry,
           LEAD(as_of) OVER (PARTITION BY company_id ORDER BY as_of) AS next_as_of,
           ROW_NUMBER() OVER (PARTITION BY company_id ORDER BY as_of) AS n
    FROM company_observation
)
INSERT INTO company_fact (company_id, lo, hi, name, town, industry)
SELECT company_id, CASE WHEN n = 1 THEN '{BEGINNING_ISO}' ELSE as_of END,
       COALESCE(next_as_of, '{END_OF_TIME_ISO}'), name, town, industry
FROM obs
"""

BEGIN, END = BEGINNING_ISO, END_OF_TIME_ISO


@dataclass
class Run:
    """Consecutive observations of one right stating the same state, with no snapshot gap between them."""

    state_id: int
    first: str
    last: str


def next_snapshot(day: str, snapshots: list[str]) -> str | None:
    """The first complete-snapshot date strictly after ``day``."""
    index = bisect_right(snapshots, day)
    return snapshots[index] if index < len(snapshots) else None


def runs_of(observations: list[tuple[str, int]], snapshots: list[str]) -> list[Run]:
    runs: list[Run] = []
    for as_of, state_id in observations:
        last = runs[-1] if runs else None
        gap = last is not None and (next_snapshot(last.last, snapshots) or END) < as_of
        if last is not None and last.state_id == state_id and not gap:
            last.last = as_of
        else:
            runs.append(Run(state_id, as_of, as_of))
    return runs


def spans_of(observations: list[tuple[str, int]], snapshots: list[str]) -> Iterator[tuple[str, str, Run]]:
    """(lo, hi, run) intervals of one right, from its observations sorted by date (module docstring)."""
    runs = runs_of(observations, snapshots)
    first_snapshot = snapshots[0] if snapshots else None
    for index, run in enumerate(runs):
        following = runs[index + 1].first if index + 1 < len(runs) else END
        hi = min(following, next_snapshot(run.last, snapshots) or END)
        lo = run.first
        if index == 0:
            if first_snapshot is None or first_snapshot >= run.first:
                lo = BEGIN
            else:
                yield BEGIN, first_snapshot, run
        if lo < hi:
            yield lo, hi, run


FACT_COLUMNS = (
    "right_id",
    "kind",
    "category",
    "lo",
    "hi",
    "state_id",
    "observed_on",
    "filing_date",
    "granted_on",
    "in_force_from",
    "ends_on",
)


def rebuild_rights(conn: Connection, kind: str) -> None:
    """Bring the right and holding facts of one register up to date with its observations.

    The facts are recomputed in full but written as a difference, so a quarterly re-export that
    changes little rewrites little (issue: a re-import costs about what a first import costs)."""
    snapshots = [
        d
        for (d,) in conn.exec_driver_sql(
            "SELECT DISTINCT as_of FROM import_batch WHERE kind = ? AND snapshot = 1 ORDER BY as_of", (kind,)
        )
    ]
    wanted = set(_computed_facts(conn, kind, snapshots))
    stored = {
        row[1:]: row[0]
        for row in conn.exec_driver_sql(f"SELECT id, {', '.join(FACT_COLUMNS)} FROM right_fact WHERE kind = ?", (kind,))
    }
    stale = {fact: fact_id for fact, fact_id in stored.items() if fact not in wanted}
    fresh = sorted(fact for fact in wanted if fact not in stored)  # index-friendly order
    if stale:
        conn.exec_driver_sql("DELETE FROM right_fact WHERE id = ?", [(fact_id,) for fact_id in stale.values()])
    if fresh:
        conn.exec_driver_sql(
            f"INSERT INTO right_fact ({', '.join(FACT_COLUMNS)}) VALUES ({', '.join('?' * len(FACT_COLUMNS))})", fresh
        )
    changed = {cast(int, fact[0]) for fact in fresh} | {cast(int, fact[0]) for fact in stale}
    rebuild_holdings(conn, kind, changed)


def _computed_facts(conn: Connection, kind: str, snapshots: list[str]) -> Iterator[tuple[object, ...]]:
    for (right_id, category), observations, states in _observations(conn, kind):
        for lo, hi, run in spans_of(observations, snapshots):
            yield (right_id, kind, category, lo, hi, run.state_id, run.first, *_dates(states[run.state_id], run))


StateDates = tuple[str, str | None, str | None, str | None]  # status class, filing, granted, ends


def _observations(
    conn: Connection, kind: str
) -> Iterator[tuple[tuple[int, str | None], list[tuple[str, int]], dict[int, StateDates]]]:
    """Each right's observations in date order, with the dates of the states they name (one pass)."""
    rows = conn.exec_driver_sql(
        "SELECT o.right_id, r.category, o.as_of, o.state_id, s.status_class, s.filing_date, s.granted_on, s.ends_on"
        ' FROM right_observation o JOIN "right" r ON r.id = o.right_id JOIN right_state s ON s.id = o.state_id'
        " WHERE r.kind = ? ORDER BY o.right_id, o.as_of",
        (kind,),
    )
    for key, group in groupby(rows, key=itemgetter(0, 1)):
        members = list(group)
        yield key, [(m[2], m[3]) for m in members], {m[3]: m[4:] for m in members}


def _dates(state: StateDates, run: Run) -> tuple[str | None, ...]:
    """filing, granted, in force from, ends on: a pending application is never in force; a state in force
    with no grant date is known in force from its observation; a "dead" state ended by its observation at
    the latest, on its own end date when that is earlier (Part I) — a cancelled mark's printed term
    running on does not keep it alive."""
    status, filing, granted, ends = state
    in_force_from = None if status == "pending" else granted or (run.first if status == "in_force" else None)
    if status == "dead":
        ends = min(ends, run.first) if ends else run.first
    return filing, granted, in_force_from, ends


def rebuild_holdings(conn: Connection, kind: str, rights: set[int] | None = None) -> None:
    """Holding facts of a register: of every right, or only of ``rights`` (those whose facts changed)."""
    if rights is None:
        conn.exec_driver_sql("DELETE FROM holding_fact WHERE kind = ?", (kind,))
        conn.execute(text(_HOLDINGS.format(only="")), {"kind": kind})
        return
    if not rights:
        return
    temp_ids(conn, "changed_right", rights)
    conn.exec_driver_sql(
        "DELETE FROM holding_fact WHERE kind = ? AND right_id IN (SELECT id FROM changed_right)", (kind,)
    )
    conn.execute(text(_HOLDINGS.format(only="AND f.right_id IN (SELECT id FROM changed_right)")), {"kind": kind})


def temp_ids(conn: Connection, table: str, ids: Iterable[int]) -> None:
    """Fill a temporary one-column table with ids, so that a set of rights joins in one query."""
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY)")
    conn.exec_driver_sql(f"DELETE FROM {table}")
    rows = [(i,) for i in ids]
    if rows:
        conn.exec_driver_sql(f"INSERT INTO {table} (id) VALUES (?)", rows)


def rebuild_companies(conn: Connection) -> None:
    conn.execute(text("DELETE FROM company_fact"))
    conn.execute(text(_COMPANIES))


def rebuild_all_holdings(conn: Connection) -> None:
    for kind in REGISTER_KINDS:
        rebuild_holdings(conn, kind)


_PROPOSED_LINKS = """
SELECT id, company_id, COALESCE(
    (SELECT c.id FROM company c WHERE c.credit_code = holder.credit_code),
    (SELECT MIN(n.company_id) FROM company_name n
      WHERE n.name_key = holder.name_key AND n.is_former = 0 HAVING COUNT(DISTINCT n.company_id) = 1),
    (SELECT MIN(n.company_id) FROM company_name n
      WHERE n.name_key = holder.name_key AND n.is_former = 1 HAVING COUNT(DISTINCT n.company_id) = 1))
FROM holder
"""


def relink_holders(conn: Connection) -> set[int]:
    """Link holders to enterprises: credit code, then current name, then former name; never fuzzy.

    Returns the holders whose link changed, so callers rebuild only the holding facts they affect."""
    changes = [(new, holder_id) for holder_id, old, new in conn.exec_driver_sql(_PROPOSED_LINKS) if old != new]
    if changes:
        conn.exec_driver_sql("UPDATE holder SET company_id = ? WHERE id = ?", changes)
    return {holder_id for _, holder_id in changes}
