"""Reading commands start light: they read through the stdlib driver and never import SQLAlchemy or SQLModel
(issue 13 item 4; bench/bench_rank.py measures what that is worth at a million patents)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ipdb.importers.pipeline import ImportOptions, import_files
from ipdb.store import open_store

DEMO = Path(__file__).resolve().parents[2] / "imports" / "demo"
HEAVY = ("sqlalchemy", "sqlmodel", "pandas", "openpyxl")
HELP_ONLY = ("typer.rich_utils",)  # Typer's help module: for help and errors only (ipdb.cli.deferred)
NEVER_USED = ("markdown_it", "pygments")  # Rich's Markdown and traceback renderers: ipdb's help uses neither
PLAIN_VALUES = ("pydantic",)  # Typer's converter, for values ipdb.cli.coercion does not convert itself
# Runs one command as ``python -m ipdb`` does and prints which heavy modules it loaded, whatever its exit.
PROBE = """
import atexit, json, runpy, sys
atexit.register(lambda: print(json.dumps([m for m in {heavy!r} if m in sys.modules])))
sys.argv = ["ipdb", *{args!r}]
runpy.run_module("ipdb", run_name="__main__")
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reading") / "ipdb.sqlite"
    store = open_store(path)
    files = [DEMO / "企业名录_2026Q3.xlsx", DEMO / "专利清单_2026Q3.xlsx", DEMO / "质押融资台账_2026.xlsx"]
    reports = import_files(store, files, ImportOptions(today=date(2026, 11, 1)))
    store.close()
    assert all(r.error is None for r in reports)
    return path


def _loaded(*args: str, heavy: tuple[str, ...] = HEAVY) -> tuple[int, list[str], str]:
    code = PROBE.format(heavy=heavy, args=list(args))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    last = done.stdout.strip().splitlines()[-1]
    return done.returncode, json.loads(last), done.stdout + done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "--quarter", "2026Q3"],
        ["summary", "--as-of", "2026-09-30", "--format", "json"],
        ["rank", "发明专利", "--quarter", "2026Q3"],
        ["rank", "发明专利", "--quarter", "2026Q3", "--by", "town", "--compare", "2026Q2"],
        ["rank", "质押融资", "--quarter", "2026Q3", "--format", "json"],
        ["batches"],
        ["config", "show"],
        ["due", "--as-of", "2026-09-30"],
        ["due", "--as-of", "2026-09-30", "--within", "1y", "--format", "json"],
        ["explain", "发明专利", "--quarter", "2026Q3"],
        ["explain", "发明专利", "--quarter", "2026Q3", "--town", "城东街道", "--near", "--format", "json"],
        ["explain", "质押融资", "--quarter", "2026Q3", "--enterprise", "青山"],
    ],
)
def test_a_reading_command_imports_no_sqlalchemy(db, args):
    code, heavy, output = _loaded(*args, "--db", str(db), heavy=HEAVY + HELP_ONLY + NEVER_USED + PLAIN_VALUES)
    assert code == 0, output
    assert heavy == [], output


@pytest.mark.parametrize("args", [["--help"], ["summary", "--help"], ["import", "--help"]])
def test_help_imports_no_sqlalchemy_nor_a_markdown_renderer(args):
    code, heavy, output = _loaded(*args, heavy=HEAVY + NEVER_USED)
    assert code == 0, output
    assert heavy == [], output
    assert "选项" in output  # the help panels in Chinese: the words were set when Typer loaded its help module


def test_a_mistake_is_still_told_in_chinese(db):
    code, _, output = _loaded("summary", "--as-of", "2026-09-30", "--db", str(db), "--format")
    assert code == 2, output
    assert "错误" in output and "Error" not in output, output


def test_the_probe_sees_a_heavy_import(db):
    """The check above can fail: a command that writes (here: setting a value) does load SQLAlchemy."""
    code, heavy, output = _loaded("config", "set", "district_name", "云溪区", "--db", str(db))
    assert code == 0, output
    assert "sqlalchemy" in heavy


def test_company_imports_no_sqlalchemy(db):
    import sqlite3

    with sqlite3.connect(db) as conn:
        [name] = conn.execute("SELECT name FROM company_name ORDER BY id LIMIT 1").fetchone()
    for args in (["company", name], ["company", name, "--format", "json"]):
        code, heavy, output = _loaded(*args, "--as-of", "2026-09-30", "--db", str(db), heavy=HEAVY + PLAIN_VALUES)
        assert code == 0, output
        assert heavy == [], output


def test_commands_declare_their_parameters_evaluated():
    """Typer reads every command's signature at each start-up (``ipdb --help`` lists them all); a string
    annotation (``from __future__ import annotations`` in a command module) costs it an ``eval`` per
    parameter, twice: 18 ms of a 0.2 s ``--help`` for ipdb's commands (issue 13, helper sc)."""
    import inspect

    from ipdb.cli import app

    stringly = [
        f"{info.callback.__module__}.{info.callback.__name__}({name})"
        for info in [app.registered_callback, *app.registered_commands]
        if info is not None and info.callback is not None
        for name, param in inspect.signature(info.callback).parameters.items()
        if isinstance(param.annotation, str)
    ]
    assert stringly == []
