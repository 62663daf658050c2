"""The store opened for what the command needs: readers never write or create, writers wait for the lock,
and a busy, read-only, full or damaged store each get their own sentence."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT, remount_read_only, run, table_counts, tmpfs
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.errors import StoreMissing
from ipdb.store import SCHEMA_VERSION, open_store

BUSY = "另一个导入正在写入这个数据库，请等它完成后再试。"
PATENTS = ROOT / "imports" / "demo" / "专利清单_2026Q2.xlsx"
runner = CliRunner()


def _cli(db: Path, *args: str, busy: str = "0.2") -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--db", str(db)], env={"IPDB_BUSY_SECONDS": busy, "COLUMNS": "200"})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@contextlib.contextmanager
def _write_lock(db: Path) -> Iterator[None]:
    """Another process in the middle of an import: it holds the write lock."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO setting (key, value) VALUES ('district_name', '另一个导入')")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.parametrize("args", [("summary", "--as-of", "2026-09-30"), ("batches",), ("rejects",),
                                  ("rank", "发明专利", "--as-of", "2026-09-30"), ("brief", "--quarter", "2026Q3")])
def test_a_reading_command_on_a_missing_path_says_so_and_creates_nothing(tmp_path, args):
    db = tmp_path / "打错的名字.sqlite"
    code, output = _cli(db, *args)
    assert code == 1
    assert "找不到数据库文件" in output and str(db.name) in output
    assert list(tmp_path.iterdir()) == []


def test_the_python_api_does_not_create_a_store_either(tmp_path):
    from ipdb import Store

    with pytest.raises(StoreMissing):
        Store(tmp_path / "none.sqlite")
    assert list(tmp_path.iterdir()) == []


def test_a_current_store_opens_without_writing_so_readers_run_during_an_import(tmp_path):
    db = tmp_path / "ipdb.sqlite"
    open_store(db).close()
    with _write_lock(db):
        open_store(db).close()  # a writer that has nothing to migrate takes no lock either
        code, output = _cli(db, "summary", "--as-of", "2026-09-30")
        assert code == 0, output
        assert _cli(db, "batches")[0] == 0


def test_a_second_import_gets_the_busy_sentence_and_changes_nothing(tmp_path):
    db = tmp_path / "ipdb.sqlite"
    open_store(db).close()
    with open_store(db) as store:
        before = table_counts(store)
    with _write_lock(db):
        code, output = _cli(db, "import", str(PATENTS))
        assert code == 1
        assert BUSY in output
        assert _cli(db, "config", "set", "district_name", "云溪区")[1].count(BUSY) == 1
    with open_store(db) as store:
        assert table_counts(store) == before


def test_a_read_only_store_is_read_and_refuses_writes_in_its_own_words(tmp_path):
    with tmpfs(tmp_path / "disk", "size=4m") as disk:
        db = disk / "ipdb.sqlite"
        with open_store(db) as store:
            run(store, PATENTS)
        remount_read_only(disk)
        code, output = _cli(db, "batches")
        assert code == 0 and "专利清单_2026Q2.xlsx" in output
        code, output = _cli(db, "import", str(ROOT / "imports" / "demo" / "企业名录_2026Q3.xlsx"))
        assert code == 1 and "是只读的" in output
        assert BUSY not in output and "已损坏" not in output


def test_a_full_disk_is_named_and_the_store_is_left_whole(tmp_path):
    with tmpfs(tmp_path / "disk", "size=1m") as disk:
        db = disk / "ipdb.sqlite"
        assert _cli(db, "import", str(PATENTS))[0] == 0
        with open_store(db) as store:
            before = table_counts(store)
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        code, output = _cli(db, "import", str(ROOT / "imports" / "demo" / "专利清单_2026Q3.xlsx"))
        assert code == 1 and "磁盘空间已满" in output
        assert "已损坏" not in output and BUSY not in output
        (disk / "filler").unlink()
        with open_store(db) as store, store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert table_counts(store) == before


def test_a_damaged_store_is_called_damaged(tmp_path):
    db = tmp_path / "ipdb.sqlite"
    db.write_bytes(b"SQLite format 3\0" + b"\xff" * 4000)
    for args in (("batches",), ("import", str(PATENTS))):
        code, output = _cli(db, *args)
        assert code == 1 and "不是 ipdb 数据库或已损坏" in output, output


def test_an_older_store_is_migrated_once_even_by_a_reader(tmp_path):
    db = tmp_path / "old.sqlite"
    open_store(db).close()
    with sqlite3.connect(db) as conn:  # every migration from version 1 on is safe to run on a current file
        conn.execute("PRAGMA user_version=1")
    assert _cli(db, "batches")[0] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
