"""Small SQL helpers shared by the write path and the facts: id sets as temporary tables, bulk id lookups."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection

CHUNK = 500  # SQLite host parameters per IN (...) query stay well below its limit


def pairs(result: Any) -> Iterator[tuple[Any, Any]]:
    """(key, value) tuples from a two-column result."""
    return ((first, second) for first, second in result)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def temp_ids(conn: Connection, table: str, ids: Iterable[int]) -> None:
    """Fill a temporary one-column table with ids, so that a set of rows joins in one query."""
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY)")
    conn.exec_driver_sql(f"DELETE FROM {table}")
    rows = [(i,) for i in sorted(set(ids))]
    if rows:
        conn.exec_driver_sql(f"INSERT INTO {table} (id) VALUES (?)", rows)


def of_ids(ids: str, table: str) -> tuple[str, str]:
    """FROM clause and condition for ``table`` (with its alias; keyed by ``right_id``) restricted to the rights
    of the id table ``ids``, read from it: the id table drives, so SQLite probes the table's key for each id
    instead of walking a kind-led index of the whole register (its planner, without statistics, prefers
    ``kind = ?`` on an index). CROSS JOIN fixes that order in SQLite and is plain SQL elsewhere."""
    alias = table.split()[-1]
    return f"{ids} CROSS JOIN {table}", f"{alias}.right_id = {ids}.id"


def temp_values(conn: Connection, table: str, values: Iterable[str]) -> None:
    """Fill a temporary one-column table with distinct values (text keys, codes), in order: a B-tree filled in
    key order costs half of one filled at random (100k keys of a register), and the joins it drives then probe
    the keys' index in order too."""
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {table} (v PRIMARY KEY) WITHOUT ROWID")
    conn.exec_driver_sql(f"DELETE FROM {table}")
    rows = [(v,) for v in sorted(set(values))]
    if rows:
        conn.exec_driver_sql(f"INSERT INTO {table} (v) VALUES (?)", rows)


def lookup_ids(conn: Connection, table: str, column: str, values: list[Any], where: str = "") -> dict[Any, int]:
    """ids by ``column`` value for many values at once, through a temporary table (one join, not N queries)."""
    if not values:
        return {}
    temp_values(conn, "lookup_value", values)
    rows = conn.exec_driver_sql(
        f'SELECT t."{column}", t.id FROM "{table}" t JOIN lookup_value l ON l.v = t."{column}" {where}'
    )
    return dict(pairs(rows))


def next_id(conn: Connection, table: str) -> int:
    """The next free id. Called only inside an import's write transaction, where nobody else can take it,
    so new rows get their ids assigned here instead of being looked up again after the insert."""
    return int(conn.exec_driver_sql(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"').scalar() or 1)
