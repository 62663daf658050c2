"""What an import overwrites, kept so that the import can be undone (``ipdb.undo``).

Rows an import adds carry its ``batch_id`` and are simply deleted by an undo; a row it updates in place
(an observation of the same date, a newer export of a list, a holder's credit code filled in) loses its old
values, so the writers hand those rows here first, and they are stored whole, as SQLite holds them, in
``superseded_row``. Only overwritten rows cost anything: a first import writes nothing here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table

from ipdb.models import SupersededRow


def has_batches(table: Table) -> bool:
    return "batch_id" in table.c


def save_superseded(
    conn: Connection,
    batch_id: int,
    table: Table,
    key: Sequence[str],
    keys: Iterable[Sequence[Any]],
    where: str = "",
) -> int:
    """Keep the rows of ``table`` whose ``key`` columns equal one of ``keys`` and that another batch wrote
    (and that meet ``where``, SQL on alias ``t``), before batch ``batch_id`` overwrites them. Returns how
    many were kept."""
    wanted = [tuple(_stored(v) for v in k) for k in keys]
    if not wanted:
        return 0
    columns = [c.name for c in table.columns]
    probe = f"superseded_key_{len(key)}"
    slots = [f"k{i}" for i in range(len(key))]
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {probe} ({', '.join(slots)})")
    conn.exec_driver_sql(f"DELETE FROM {probe}")
    conn.exec_driver_sql(f"INSERT INTO {probe} VALUES ({', '.join('?' * len(key))})", wanted)
    join = " AND ".join(f't."{k}" = p.{s}' for k, s in zip(key, slots, strict=True))
    conditions = [c for c in ("t.batch_id <> ?" if has_batches(table) else "", where) if c]
    filtered = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = conn.exec_driver_sql(
        f'SELECT {", ".join(f"t.{_q(c)}" for c in columns)} FROM "{table.name}" t JOIN {probe} p ON {join} {filtered}',
        (batch_id,) if has_batches(table) else (),
    ).all()
    _store_images(conn, batch_id, table, [tuple(r) for r in rows])
    return len(rows)


def _store_images(conn: Connection, batch_id: int, table: Table, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    columns = [c.name for c in table.columns]
    pk = [columns.index(c.name) for c in table.primary_key.columns]
    owner = columns.index("batch_id") if has_batches(table) else None
    conn.execute(
        SupersededRow.__table__.insert(),
        [
            {
                "batch_id": batch_id,
                "table_name": table.name,
                "ref": row_ref(row[i] for i in pk),
                "prior_batch_id": None if owner is None else row[owner],
                "image": json.dumps(list(row), ensure_ascii=False),
            }
            for row in rows
        ],
    )


def row_ref(values: Iterable[Any]) -> str:
    """A row's primary key as one text, the same for the stored row and its kept image."""
    return json.dumps([_stored(v) for v in values], ensure_ascii=False)


def _stored(value: Any) -> Any:
    """A key value as SQLite stores it (dates are ISO text), so it matches the column it is compared with."""
    return value.isoformat() if isinstance(value, date) else value


def _q(name: str) -> str:
    return f'"{name}"'
