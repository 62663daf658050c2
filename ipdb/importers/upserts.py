"""Generic writes of the import's one transaction: the write context, and upserts of plain lists by natural key.

Every writer classifies each data row as inserted, updated or unchanged and writes with executemany
(``INSERT … ON CONFLICT DO UPDATE``), never per-row ORM objects: see ../shared/PERFORMANCE.md §3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ipdb import journal, linking
from ipdb.importers.known import Known
from ipdb.importers.report import ImportReport
from ipdb.sql import lookup_ids
from ipdb.stock_changes import Changes

WRITE_ROWS = 5000  # rights written at a time inside an import's one transaction (ImportOptions.write_rows)


@dataclass
class WriteContext:
    conn: Connection
    batch_id: int
    as_of: date
    kind: str
    snapshot: bool
    report: ImportReport
    holder_ids: set[int] = field(default_factory=set)
    first_of_kind: bool = False  # nothing of this register was stored before: nothing can have left
    write_rows: int | None = None  # a register's rights written this many at a time (None: all at once)
    stock_changes: Changes = field(default_factory=Changes)  # of the new rights' facts, written after the last chunk
    known: Known | None = None  # the register read whole before the parse, in this transaction


@dataclass
class WriteResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    left: int = 0


def ensure_holders(ctx: WriteContext, parties: Any) -> dict[str, int]:
    """Holder ids by name key for (name, credit code or None) pairs (ipdb.linking), remembered for the report."""
    ids = linking.ensure_holders(ctx.conn, ctx.batch_id, parties)
    ctx.holder_ids.update(ids.values())
    return ids


def upsert_rows(
    ctx: WriteContext, table: Table, key: tuple[str, ...], rows: list[tuple[int, dict[str, Any]]]
) -> WriteResult:
    """Insert or update rows by natural ``key``; identical rows are unchanged and not written (a row that only
    moved in the file keeps the batch and row that stated it first). A table with ``source_row`` records the
    file row (the number each row comes with) of every row written."""
    result = WriteResult()
    compared = [c for c in rows[0][1] if c not in key and c not in ("batch_id", "source_row")] if rows else []
    existing = _existing_rows(ctx.conn, table, key, compared)
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}
    numbers: dict[tuple[Any, ...], int] = {}
    for number, row in rows:
        ident = tuple(row[k] for k in key)
        before = latest.get(ident) or existing.get(ident)
        if before is None:
            result.inserted += 1
        elif all(before.get(c) == row.get(c) for c in compared):
            result.unchanged += 1
            continue
        else:
            result.updated += 1
        latest[ident], numbers[ident] = row, number
    journal.save_superseded(ctx.conn, ctx.batch_id, table, key, [k for k in latest if k in existing])
    if "source_row" in table.c:
        written = [{**r, "batch_id": ctx.batch_id, "source_row": numbers[k]} for k, r in latest.items()]
    else:
        written = [{**r, "batch_id": ctx.batch_id} for r in latest.values()]
    upsert(ctx.conn, table, key, written)
    return result


def _existing_rows(
    conn: Connection, table: Table, key: tuple[str, ...], compared: list[str]
) -> dict[tuple[Any, ...], dict[str, Any]]:
    columns = [table.c[k] for k in (*key, *compared)]
    found = {}
    for values in conn.execute(select(*columns)):
        row = dict(zip((*key, *compared), values, strict=True))
        found[tuple(row[k] for k in key)] = row
    return found


def upsert(conn: Connection, table: Table, key: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    """``INSERT … ON CONFLICT (key) DO UPDATE`` through the dialect construct (PostgreSQL has the same one)."""
    if not rows:
        return
    stmt = sqlite_insert(table)
    updates = {c: stmt.excluded[c] for c in rows[0] if c not in key}
    conn.execute(stmt.on_conflict_do_update(index_elements=list(key), set_=updates), rows)


def ids_by_key(conn: Connection, table: Table, column: str, values: list[Any]) -> dict[Any, int]:
    return lookup_ids(conn, table.name, column, values)
