"""Reading the store through the database driver alone: the few calls the figures make, on plain SQL.

Reading commands (``summary``, ``rank``) spent most of their start-up importing SQLAlchemy, for queries written as
text anyway (shared/PERFORMANCE.md "Cold start"); they read through a ``Reader`` on the stdlib driver instead. The
schema is still declared once, in ``ipdb.models``; writing, creating and migrating stay on SQLAlchemy.

SQL is written with ``:name`` parameters, which sqlite3 binds from a mapping as they are; a list or tuple value
expands into ``(:name_0, :name_1, …)`` for ``IN :name``. A PostgreSQL driver needs ``%(name)s``: the one place to
translate is ``_expanded``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

_T = TypeVar("_T")
Params = Mapping[str, Any]
Run = Callable[[str, dict[str, Any]], Iterable[Any]]
Scan = Callable[[str, dict[str, Any], int], Iterator[list[Any]]]


class Reader:
    """One read connection: ``rows``, ``one`` and ``scalar`` of a query with ``:name`` parameters, and ``blocks``
    of a long result. It never writes, not even a temporary table (a READ ONLY transaction forbids that)."""

    def __init__(self, run: Run, scan: Scan) -> None:
        self._run, self._scan = run, scan

    def blocks(self, sql: str, params: Params | None = None, size: int = 500) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of a query ``size`` at a time, fetched as they are read: a long list is never held whole."""
        for block in self._scan(*_expanded(sql, params or {}), size):
            yield [tuple(row) for row in block]

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._run(*_expanded(sql, params or {}))]

    def one(self, sql: str, params: Params | None = None) -> tuple[Any, ...]:
        rows = self.rows(sql, params)
        if len(rows) != 1:
            raise LookupError(f"expected one row, got {len(rows)}")
        return rows[0]

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        """The first column of the first row; None without a row."""
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None


def _expanded(sql: str, params: Params) -> tuple[str, dict[str, Any]]:
    """The SQL and its parameters, each list or tuple parameter spelt out as one parameter per item."""
    bound = dict(params)
    for name, value in params.items():
        if isinstance(value, (list, tuple)):
            del bound[name]
            names = [f"{name}_{i}" for i in range(len(value))]
            bound.update(zip(names, value, strict=True))
            listed = ", ".join(f":{n}" for n in names) or "NULL"  # IN (NULL) holds for no row
            sql = re.sub(rf":{name}\b", f"({listed})", sql)
    return sql, bound


def on_driver(conn: sqlite3.Connection, path: Path) -> Reader:
    """A reader on a DB-API connection; the driver's failures become ipdb's StoreErrors, as on the engine."""

    def guarded(call: Callable[[], _T]) -> _T:
        try:
            return call()
        except sqlite3.Error as exc:
            from ipdb.store import store_error

            error = store_error(path, exc)
            if error is None:
                raise
            raise error from exc

    def scan(sql: str, params: Any, size: int) -> Iterator[list[Any]]:
        cursor = guarded(lambda: conn.execute(sql, params))
        while block := guarded(lambda: cursor.fetchmany(size)):
            yield block

    return Reader(lambda sql, params: guarded(lambda: conn.execute(sql, params).fetchall()), scan)


def as_reader(conn: Any) -> Reader:
    """A reader over an open SQLAlchemy connection (inside its transaction, with its error handling), or the
    reader itself: functions shared by the write path and the reading commands take either."""
    if isinstance(conn, Reader):
        return conn

    def scan(sql: str, params: Any, size: int) -> Iterator[list[Any]]:
        result = conn.exec_driver_sql(sql, params)
        while block := result.fetchmany(size):
            yield block

    return Reader(lambda sql, params: conn.exec_driver_sql(sql, params), scan)
