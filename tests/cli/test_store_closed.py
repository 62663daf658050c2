"""Every command closes the store it opened when it ends, whether it succeeded or failed: no connection to the
database file outlives the command (on Windows an open file can be neither moved nor deleted)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from support import write_sheet
from typer.testing import CliRunner

from ipdb import store as store_module
from ipdb.cli import app
from ipdb.importers.pipeline import ImportOptions, import_files
from ipdb.store import Store, open_store

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ipdb.sqlite"
    sheet = write_sheet(
        tmp_path / "专利.xlsx",
        ["申请号", "专利名称", "专利类型", "申请日", "法律状态", "专利权人"],
        [["CN202110000001.3", "一种装置", "发明", "2021-01-05", "有效", "甲公司"]],
    )
    with open_store(path) as store:
        [report] = import_files(store, [sheet], ImportOptions(kind="patents", as_of=date(2026, 9, 30), snapshot=True))
    assert report.error is None and report.rejected == 0
    return path


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Store, list[bool]]]:
    """Every store a command opens, each with a flag that its close() ran."""
    seen: list[tuple[Store, list[bool]]] = []
    real_open = store_module.open_store

    def spying_open(*args, **kwargs):  # type: ignore[no-untyped-def]
        store = real_open(*args, **kwargs)
        closed: list[bool] = []
        real_close = store.close
        store.close = lambda: (closed.append(True), real_close())[1]  # type: ignore[method-assign]
        seen.append((store, closed))
        return store

    monkeypatch.setattr(store_module, "open_store", spying_open)
    return seen


def _open_descriptors(path: Path) -> list[str]:
    """The file descriptors of this process open on the database file or its WAL side files (Linux only)."""
    fds = Path("/proc/self/fd")
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(path.resolve())):
            found.append(target)
    return found


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["summary", "--as-of", "2026-09-30"], 0),
        (["rank", "发明专利", "--as-of", "2026-09-30", "--format", "json"], 0),
        (["batches"], 0),
        (["config", "set", "district_name", "某某区"], 0),
        (["company", "不存在的公司", "--as-of", "2026-09-30"], 2),  # fails after opening the store
    ],
)
def test_a_command_closes_the_store_it_opened(db, opened, args, exit_code):
    result = runner.invoke(app, [*args, "--db", str(db)], terminal_width=80)
    assert result.exit_code == exit_code, result.output
    assert opened, "the command opened no store"
    assert all(closed for _store, closed in opened), "a store was left open"
    if Path("/proc/self/fd").is_dir():
        assert _open_descriptors(db) == []
