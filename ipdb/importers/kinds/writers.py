"""The one write step of the list kinds: link the rows' holders, map each row, upsert by natural key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table

from ipdb.importers.events import upsert_events
from ipdb.importers.spec import Record
from ipdb.importers.upserts import WriteContext, WriteResult, ensure_holders
from ipdb.values.names import name_key

# (context, record, holder id or None) -> the table row
RowMapper = Callable[[WriteContext, Record, "int | None"], dict[str, Any]]
Upsert = Callable[[WriteContext, Table, tuple[str, ...], list[tuple[int, dict[str, Any]]]], WriteResult]
Writer = Callable[[WriteContext, list[tuple[int, Record]]], WriteResult]


def list_writer(
    table: Table,
    key: tuple[str, ...],
    to_row: RowMapper,
    *,
    holders: str | None = "holders",
    upsert: Upsert = upsert_events,
) -> Writer:
    """A kind's ``write``: the first name of field ``holders`` (with the row's credit code) becomes the holder id
    handed to ``to_row``; a row without one gets None. ``holders=None``: the kind links no holder."""

    def write(ctx: WriteContext, rows: list[tuple[int, Record]]) -> WriteResult:
        ids: dict[str, int] = {}
        if holders is not None:
            ids = ensure_holders(ctx, ((r[holders][0], r.get("credit_code")) for _, r in rows if r.get(holders)))
        return upsert(ctx, table, key, [(n, to_row(ctx, r, _holder_id(ids, r, holders))) for n, r in rows])

    return write


def _holder_id(ids: dict[str, int], record: Record, holders: str | None) -> int | None:
    names = record.get(holders) if holders is not None else None
    return ids[name_key(names[0])] if names else None


def fields(record: Record, *same: str, **renamed: str) -> dict[str, Any]:
    """Table columns copied from record fields as read: ``same`` under their own name, ``renamed`` as column=field."""
    return {**{f: record.get(f) for f in same}, **{column: record.get(f) for column, f in renamed.items()}}
