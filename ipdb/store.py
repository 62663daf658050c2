"""The SQLite store: one file, opened by path, schema versioned with PRAGMA user_version.

Migrations (``ipdb.migrations``): ``MIGRATIONS[n]`` upgrades a file of version n to n+1 inside one
transaction; ``open_store`` applies the missing ones in order, so an office's existing database is carried
forward without losing data.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ipdb.errors import StoreBusy, StoreCorrupt, StoreError, StoreFull, StoreMissing, StoreReadOnly
from ipdb.migrations import MIGRATIONS, SCHEMA_VERSION, metadata
from ipdb.reading import Reader, on_driver
from ipdb.workspace import DEFAULT_DB as DEFAULT_DB  # re-exported: where the database is decided
from ipdb.workspace import default_db_path as default_db_path

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlmodel import Session

BUSY_SECONDS = 5.0
WRITER_CACHE_KIB = 16 * 1024  # page cache of a writing connection (64 MiB: 4-8% faster, +47 MiB peak)


@dataclass
class Store:
    """One database file; ``engine`` (SQLAlchemy) is made on first use, ``reading()`` needs only the driver."""

    path: Path
    read_only: bool = False
    _engine: Engine | None = field(default=None, repr=False, compare=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = _engine(self.path, read_only=self.read_only)
        return self._engine

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        """One read transaction on the stdlib driver: every query inside sees the same state of the file."""
        conn = _connect(self.path, read_only=self.read_only)
        reader = on_driver(conn, self.path)
        try:
            reader.rows("BEGIN")
            yield reader
        finally:
            conn.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        from sqlmodel import Session

        with Session(self.engine) as session:
            yield session

    @contextmanager
    def atomic(self, *, foreign_keys: bool = True) -> Iterator[Connection]:
        """One transaction: everything inside lands whole or not at all.

        It takes the write lock at its start (BEGIN IMMEDIATE), waiting up to ``busy_seconds`` for another import,
        so that it never fails half-way for a lock it could not upgrade to. ``foreign_keys=False`` skips the
        foreign-key checks for this transaction only (an import's bulk inserts, whose every parent row the same
        write made or read: a third of its SQL time goes to those lookups); SQLite takes the setting only between
        transactions, so it is set on the driver connection before BEGIN and put back after the end."""
        with self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            driver = conn.connection.driver_connection if not foreign_keys else None
            if driver is not None:
                driver.execute("PRAGMA foreign_keys=OFF")
            try:
                with conn.begin():
                    yield conn
            finally:
                if driver is not None:
                    driver.execute("PRAGMA foreign_keys=ON")

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _set_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # an import's B-trees (facts and their indexes) stay in memory until the commit, and its temp id tables
    # never touch the disk (bench/bench_import.py; PERFORMANCE.md)
    cur.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def open_store(path: Path | str, *, read_only: bool = False) -> Store:
    """Open the database file at ``path``: for reading only (it must exist, nothing is written), or for writing
    (creating the file if needed); in both cases a schema older than this ipdb is brought up to date first."""
    path = Path(path)
    if read_only:
        if not path.is_file():
            raise StoreMissing(
                f"找不到数据库文件「{path}」：请检查 --db 或环境变量 IPDB_DB 指定的路径，或先用 ipdb import 导入清单。"
            )
        store = Store(path, read_only=True)
        if _version(store) == SCHEMA_VERSION:
            return store
        open_store(path).close()  # the one write a reader may cause: bringing an older file up to date
        return Store(path, read_only=True)
    if path.parent and not path.parent.exists():
        raise StoreError(f"数据库所在文件夹「{path.parent}」不存在：请先创建该文件夹，或用 --db 指定其他位置。")
    store = Store(path)
    try:
        _migrate(store)
    except BaseException:
        store.close()
        raise
    return store


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A driver connection to the file; we begin every transaction ourselves (see _begin)."""
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rwc'}"
    if read_only and not _writable(path):
        # A WAL file in a folder we cannot write cannot get its -shm index, so SQLite would refuse to read it;
        # where we cannot write, we read it as the unchanging file it is to us.
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=busy_seconds(), check_same_thread=False)
    except sqlite3.Error as exc:
        _raise_store_error(path, exc)
        raise
    conn.isolation_level = None
    if read_only:
        conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _engine(path: Path, *, read_only: bool) -> Engine:
    """An engine whose every SQLite failure (busy, read-only, full, corrupt) becomes one of our StoreErrors."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    engine = create_engine("sqlite://", creator=lambda: _connect(path, read_only=read_only), poolclass=QueuePool)
    if not read_only:
        event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "handle_error", lambda context: _raise_store_error(path, context.original_exception))
    return engine


def _begin(conn: Connection) -> None:
    """SQLAlchemy's documented fix for pysqlite: we begin every transaction (schema changes included) ourselves."""
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def busy_seconds() -> float:
    """How long a writer waits for another import's write lock (IPDB_BUSY_SECONDS, default 5)."""
    try:
        return max(0.0, float(os.environ.get("IPDB_BUSY_SECONDS") or BUSY_SECONDS))
    except ValueError:
        return BUSY_SECONDS


def _version(store: Store) -> int:
    with store.reading() as reader:
        version = int(reader.scalar("PRAGMA user_version") or 0)
    if version > SCHEMA_VERSION:
        store.close()
        raise StoreError(f"数据库由更新版本的 ipdb 创建（结构版本 {version}）：请升级 ipdb 后再使用。")
    return version


def _migrate(store: Store) -> None:
    """Create or upgrade the schema, writing only when the file's version is behind."""
    if _version(store) == SCHEMA_VERSION:
        return
    with store.atomic() as conn:
        version = conn.exec_driver_sql("PRAGMA user_version").scalar() or 0
        if version == 0:
            _require_empty(store.path, conn)
            metadata().create_all(conn)
            version = SCHEMA_VERSION
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](conn)
            version += 1
        conn.exec_driver_sql(f"PRAGMA user_version={version}")


# ---- what SQLite's failures mean to the clerk ----------------------------------------------------

# primary result codes (https://sqlite.org/rescode.html)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26


def _raise_store_error(path: Path, exc: BaseException | None) -> None:
    error = store_error(path, exc)
    if error is not None:
        raise error from exc


def store_error(path: Path, exc: BaseException | None) -> StoreError | None:
    """The StoreError a SQLite failure stands for; None for failures that are our own bugs."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreBusy("另一个导入正在写入这个数据库，请等它完成后再试。")
    if primary == SQLITE_READONLY or (primary == SQLITE_CANTOPEN and path.exists() and not _writable(path)):
        return StoreReadOnly(
            f"数据库文件「{path}」是只读的（或所在文件夹不可写），无法写入：请检查文件权限，"
            f"或把它复制到可写的位置后用 --db 指定。"
        )
    if primary == SQLITE_FULL or (primary == SQLITE_IOERR and _disk_full(path)):
        return StoreFull(f"数据库「{path}」所在的磁盘空间已满：请清理磁盘后重试；未完成的那次写入已整体撤销。")
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return _corrupt(path)
    if primary in (SQLITE_CANTOPEN, SQLITE_IOERR):
        return StoreError(
            f"无法读写数据库文件「{path}」（{exc}）：请检查路径是否是一个文件、磁盘是否可用，或用 --db 指定其他位置。"
        )
    return None


def _writable(path: Path) -> bool:
    """The file and its folder can be written (SQLite writes its -wal and -shm files beside it)."""
    folder = path.resolve().parent
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _corrupt(path: Path) -> StoreCorrupt:
    return StoreCorrupt(f"无法打开数据库文件「{path}」：它不是 ipdb 数据库或已损坏。请用 --db 指定正确的文件。")


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.resolve().parent).free < 1 << 20
    except OSError:
        return False


def _require_empty(path: Path, conn: Connection) -> None:
    """A file without our schema version must be new: never add tables to somebody else's database."""
    tables = conn.exec_driver_sql("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").scalar()
    if tables:
        raise _corrupt(path)


def schema_version(store: Store) -> int:
    with store.reading() as reader:
        return int(reader.scalar("PRAGMA user_version") or 0)
