"""The SQLite store: one file, opened by path, schema versioned with PRAGMA user_version.

Migrations: ``MIGRATIONS[n]`` upgrades a file of version n to n+1 inside one
transaction; ``open_store`` applies the missing ones in order, so an office's
existing database is carried forward without losing data. Version 1 is the
first release (``SQLModel.metadata.create_all``); version 2 names a pledged right's register by its kind code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, SQLModel

from ipdb import models  # noqa: F401  (registers every table on SQLModel.metadata)
from ipdb.errors import StoreError
from ipdb.workspace import DEFAULT_DB as DEFAULT_DB  # re-exported: where the database is decided
from ipdb.workspace import default_db_path as default_db_path

SCHEMA_VERSION = 2


def _pledged_kinds_as_registers(conn: Connection) -> None:
    """1 -> 2: a pledged right names its register as every other table does ('patent' becomes 'patents')."""
    conn.exec_driver_sql(
        "DELETE FROM pledged_right WHERE right_kind IN ('patent', 'trademark') AND EXISTS (SELECT 1 FROM "
        "pledged_right t WHERE t.loan_id = pledged_right.loan_id AND t.right_key = pledged_right.right_key "
        "AND t.right_kind = pledged_right.right_kind || 's')"
    )
    conn.exec_driver_sql(
        "UPDATE pledged_right SET right_kind = right_kind || 's' WHERE right_kind IN ('patent', 'trademark')"
    )


# version n -> function upgrading n to n+1
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _pledged_kinds_as_registers}


@dataclass
class Store:
    path: Path
    engine: Engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """One transaction: everything inside lands whole or not at all."""
        with self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _set_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def open_store(path: Path | str) -> Store:
    """Open (creating if needed) the database file at ``path`` and bring its schema up to date."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"数据库所在文件夹「{path.parent}」不存在：请先创建该文件夹，或用 --db 指定其他位置。")
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    try:
        _migrate(engine)
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        raise StoreError(
            f"无法打开数据库文件「{path}」：它不是 ipdb 数据库或已损坏。请用 --db 指定正确的文件。"
        ) from exc
    return Store(path=path, engine=engine)


def _migrate(engine: Engine) -> None:
    with engine.begin() as conn:
        version = conn.exec_driver_sql("PRAGMA user_version").scalar() or 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"数据库由更新版本的 ipdb 创建（结构版本 {version}）：请升级 ipdb 后再使用。")
        if version == 0:
            _require_empty(conn)
            SQLModel.metadata.create_all(conn)
            version = SCHEMA_VERSION
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](conn)
            version += 1
        conn.exec_driver_sql(f"PRAGMA user_version={version}")


def _require_empty(conn: Connection) -> None:
    """A file without our schema version must be new: never add tables to somebody else's database."""
    tables = conn.exec_driver_sql("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").scalar()
    if tables:
        raise DatabaseError("not an ipdb database", None, Exception("foreign tables"))


def schema_version(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("PRAGMA user_version")).scalar() or 0)
