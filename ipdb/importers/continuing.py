"""Rights that a register import finds continuing unchanged: recognised from their stored facts, they cost one
observation row and nothing else (no history, no new state, no fact refresh).

A right continues unchanged on day D when the fact that holds D (lo <= D < hi) states what the file says (the
same state digest) and its run began before D, or an observation of D already states it. Its facts then stay
exactly as they are, whatever D is (proof, in the terms of ipdb.intervals: only the segments of the observation
before D and of D itself can change; the run of the fact holding D contains the observation before D, so with D
in the same state, the merged run is the one already stored: same first observation, same end, which the next
observation after D or the first snapshot after D decides as before; a new snapshot on D cuts nothing, the right
being observed on it). An observation of D in that state already stored is kept, not rewritten (it keeps the
batch that stated it first). Every other right of the file takes the general path (ipdb.importers.observations).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from sqlalchemy import Connection

_HOLDING_DAY = """
SELECT t.id, f.state_id, s.digest, f.observed_on, o.state_id
FROM {table} t CROSS JOIN right_fact f
JOIN right_state s ON s.id = f.state_id
LEFT JOIN right_observation o ON o.right_id = t.id AND o.as_of = ?
WHERE f.right_id = t.id AND f.lo <= ? AND ? < f.hi
"""


class Steady(NamedTuple):
    """A right continuing unchanged: the state it stays in, and whether an observation of the day is to be written."""

    state_id: int
    write: bool


def steady_rights(conn: Connection, table: str, digests: Mapping[int, str], day: str) -> dict[int, Steady]:
    """Of the rights in the id table ``table`` (with the digest of the state the file gives each, in
    ``digests``), those that continue unchanged on ``day`` (module docstring)."""
    steady: dict[int, Steady] = {}
    rows = conn.exec_driver_sql(_HOLDING_DAY.format(table=table), (day, day, day)).all()  # t drives (ipdb.sql.of_ids)
    for right_id, state_id, digest, observed_on, stated in rows:
        if digests.get(right_id) != digest:
            continue
        if stated is None and str(observed_on) < day:
            steady[right_id] = Steady(state_id, True)
        elif stated == state_id:
            steady[right_id] = Steady(state_id, False)
    return steady
