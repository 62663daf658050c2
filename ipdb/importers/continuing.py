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
What this takes is read with the lookup of the file's keys (``stored_rights``): one probe of the right, its fact
holding D, that fact's state and (only when another import of D exists) its observation of D, per key; or, for
a file that names about the whole register (a quarterly re-export), the same read of every right of the register
in one pass, which saves filling a table of the keys (both give the same rights).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, NamedTuple, cast

from sqlalchemy import Connection

from ipdb.sql import temp_values

_STORED = """
SELECT r.key, r.id, f.state_id, s.digest, f.observed_on, {stated}, s.granted_on, NULL
FROM {rights}
LEFT JOIN right_fact f ON f.right_id = r.id AND f.lo <= ? AND ? < f.hi
LEFT JOIN right_state s ON s.id = f.state_id
{observation}
WHERE r.kind = ? {keyed}
"""
# the file's keys drive (ipdb.sql.of_ids): one probe of each table per key
_BY_KEY = {"rights": 'lookup_value l CROSS JOIN "right" r', "keyed": "AND r.key = l.v"}
_WHOLE = {"rights": '"right" r', "keyed": ""}  # every right of the register, in its (kind, key) index order
WHOLE_SHARE = 0.5  # a file naming at least this share of the store's rights reads the register whole
_OBSERVATION = "LEFT JOIN right_observation o ON o.right_id = r.id AND o.as_of = ?"


class Stored(NamedTuple):
    """A right of the file already in the store, and the fact that holds the file's date (None: no fact does)."""

    key: str
    right_id: int
    state_id: int | None
    digest: str | None
    observed_on: str | None
    stated: int | None  # the state its observation of that very date states, if it has one
    granted_on: str | None  # of that state
    fingerprint: str | None  # of its latest observation in that state (ipdb.importers.known)


class Steady(NamedTuple):
    """A right continuing unchanged: the state it stays in, and whether an observation of the day is to be written."""

    state_id: int
    write: bool


def stored_rights(conn: Connection, kind: str, keys: list[str], day: str, batch_id: int) -> dict[str, Stored]:
    """The rights of the register with these keys that the store holds, by key, with what continuing
    unchanged on ``day`` is judged by (``steady``)."""
    whole = len(keys) >= WHOLE_SHARE * rights_at_most(conn)
    read = _WHOLE if whole else _BY_KEY
    if not whole:
        temp_values(conn, "lookup_value", keys)
    params: tuple[str, ...]
    if day_observed(conn, kind, day, batch_id):
        sql, params = _STORED.format(stated="o.state_id", observation=_OBSERVATION, **read), (day, day, day, kind)
    else:  # no other import of this date: no right has an observation of it
        sql, params = _STORED.format(stated="NULL", observation="", **read), (day, day, kind)
    with conn.exec_driver_sql(sql, params) as result:  # its rows taken from the DBAPI cursor whole
        found = map(as_stored, result.cursor.fetchall())
        if whole:
            wanted = set(keys)
            return {stored.key: stored for stored in found if stored.key in wanted}
        return {stored.key: stored for stored in found}


def rights_at_most(conn: Connection) -> int:
    """An upper bound of the rights the store holds, read at no cost (ids are given in order)."""
    return int(conn.exec_driver_sql('SELECT COALESCE(MAX(id), 0) FROM "right"').scalar() or 0)


# a fetched row as it is, at C speed (one per right of a register; Stored(*row) costs 10x)
as_stored = cast(Callable[[Sequence[Any]], Stored], partial(tuple.__new__, Stored))


def day_observed(conn: Connection, kind: str, day: str, batch_id: int) -> bool:
    row = conn.exec_driver_sql(
        "SELECT 1 FROM import_batch WHERE kind = ? AND as_of = ? AND id <> ? LIMIT 1", (kind, day, batch_id)
    ).first()
    return row is not None


def steady(stored: Stored, digest: str, day: str) -> Steady | None:
    """Whether a right the file states in the state of ``digest`` continues unchanged on ``day`` (module
    docstring), and how."""
    if stored.digest != digest or stored.state_id is None:
        return None
    if stored.stated is None and str(stored.observed_on) < day:
        return Steady(stored.state_id, True)
    if stored.stated == stored.state_id:
        return Steady(stored.state_id, False)
    return None
