"""The registers' side of the outreach lists (ipdb.figures.due): the rights a list finds on D and the listed
enterprises holding them.

A list keeps a few thousand rights out of a register of a million, so its query must not visit every right's row.
Two rules keep the walk on ``ix_right_fact_kind`` alone (1M patents, CPU: patent terms 11.6 s -> about 1 s;
docs/notes/issue-13-rk.md):

* every condition and column on the fact is one the index holds; ``observed_on`` (not in the index) is read
  through its key (``OBSERVED_ON``), so only for a right the other conditions kept (a WITHOUT ROWID table
  row is fetched before any condition is tested, so a plain ``f.observed_on`` fetched every right's row);
* a condition on the state is ``f.state_id IN (states)`` when the whole register is read: the states are found
  in one pass over right_state and the walk tests the id it holds, instead of fetching each right's state.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from ipdb.reading import Reader

RIGHTS_SQL = """
SELECT f.right_id, r.number, r.category, s.title, s.holders, s.status_raw, f.filing_date, f.ends_on,
       {observed_on}, c.id, c.credit_code, COALESCE(cf.name, c.key), cf.town,
       (SELECT MAX(o.as_of) FROM right_observation o WHERE o.right_id = f.right_id AND o.as_of <= :d)
FROM {source}
JOIN "right" r ON r.id = f.right_id
JOIN right_state s ON s.id = f.state_id
LEFT JOIN right_state_holder sh ON sh.state_id = f.state_id
LEFT JOIN holder h ON h.id = sh.holder_id
LEFT JOIN company c ON c.id = h.company_id
LEFT JOIN company_fact cf ON cf.company_id = c.id AND cf.lo <= :d AND :d < cf.hi
WHERE f.kind = :kind AND f.lo <= :d AND :d < f.hi AND {where}
ORDER BY f.right_id, sh.position
"""

# The fact's first register of its state's run, read by the fact's key: a condition on it is tested after the
# index-only ones (SQLite codes subquery terms last), so only the rights they kept are fetched.
OBSERVED_ON = "(SELECT k.observed_on FROM right_fact k WHERE k.right_id = f.right_id AND k.lo = f.lo)"

# One enterprise's rights only (ipdb company): its holding facts drive (CROSS JOIN fixes the order in SQLite, as
# in ipdb.sql.of_ids), so a large register is not walked right by right (1M patents: 4-5 s -> 0.07-0.8 s a list).
HELD_BY = (
    "holding_fact hf CROSS JOIN right_fact f",
    "hf.kind = :kind AND hf.company_id = :cid AND hf.lo <= :d AND :d < hf.hi AND f.right_id = hf.right_id AND f.lo = hf.lo",
)


@dataclass(frozen=True, slots=True)
class RightRow:
    """One right of a register on D and the listed enterprises holding it."""

    number: str
    category: str | None
    title: str
    holders: str
    status: str
    filing_date: date | None
    ends_on: date | None
    observed_on: date  # the first register of the state's run (ipdb.facts)
    last_seen: date  # the latest register on or before D stating it (the earliest, for a D before it)
    companies: tuple[tuple[int, str | None, str, str | None], ...]  # id, credit code, name on D, town on D


def rights(
    conn: Reader,
    kind: str,
    where: str,
    params: dict[str, Any],
    company_id: int | None = None,
    states: str | None = None,
) -> Iterator[RightRow]:
    """The rights of ``kind`` in the register on D meeting ``where`` (on the fact ``f``, index columns and
    ``OBSERVED_ON`` only) and ``states`` (on the state ``s``), each with its listed holders in register order."""
    source = "right_fact f"
    if company_id is not None:
        (source, held), params = HELD_BY, {**params, "cid": company_id}
        where = f"{where} AND {held}"
        if states:  # a few rights: their states are looked up one by one
            where = f"{where} AND {states}"
    elif states:
        where = f"{where} AND f.state_id IN (SELECT s.id FROM right_state s WHERE {states})"
    sql = RIGHTS_SQL.format(source=source, where=where, observed_on=OBSERVED_ON)
    by_right: dict[int, list[Any]] = {}
    for row in conn.rows(sql, {"kind": kind, **params}):
        by_right.setdefault(row[0], []).append(row)
    for members in by_right.values():
        first = members[0]
        companies = tuple(dict.fromkeys((m[9], m[10], m[11], m[12]) for m in members if m[9] is not None))
        yield RightRow(
            first[1], first[2], first[3] or "", first[4], first[5] or "", day(first[6]), day(first[7]),
            required_day(first[8]), required_day(first[13] or first[8]), companies,
        )  # fmt: skip


def day(value: Any) -> date | None:
    return None if value is None else required_day(value)


def required_day(value: Any) -> date:
    return value if isinstance(value, date) else _iso_day(str(value))


@lru_cache(maxsize=1 << 16)
def _iso_day(text: str) -> date:
    """A stored date: a list parses the same few thousand dates hundreds of thousands of times."""
    return date.fromisoformat(text[:10])
