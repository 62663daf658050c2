"""The suite's terminal-output checks pass at any COLUMNS and any temp-path length (issue 10, item 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.store import open_store

ROOT = Path(__file__).resolve().parents[1]
# the tests that read Rich output: tables at 80 columns, messages that carry a path, Chinese usage errors
CLI_CHECKS = [
    "tests/cli/test_reporting_cli.py::test_summary_table_fits_80_columns_in_chinese",
    "tests/cli/test_reporting_cli.py::test_usage_mistakes_are_explained_in_chinese",
    "tests/cli/test_import_cli.py::test_table_output_is_chinese",
    "tests/test_briefing.py::test_brief_command_errors_are_one_chinese_sentence",
    "tests/test_briefing.py::test_brief_command_writes_where_it_is_told",
    "tests/test_history.py::test_left_and_history_commands",
]


def long_path(base: Path, length: int = 100) -> Path:
    """A folder whose path is at least ``length`` characters long (CJK in it, as on an office PC); exactly
    ``length`` unless the temp folder's own path is already longer (a long TMPDIR is what this tests anyway)."""
    name = "简报" + "临时文件夹" * 4
    path = base / name
    path = path.with_name(path.name + "x" * max(0, length - len(str(path))))
    assert len(str(path)) == max(length, len(str(base / name)))
    return path


@pytest.mark.parametrize("columns", ["40", "200"])
def test_cli_checks_pass_at_any_width_and_temp_path_length(columns, tmp_path):
    basetemp = long_path(tmp_path)
    env = {**os.environ, "COLUMNS": columns}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", f"--basetemp={basetemp}", *CLI_CHECKS],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert f"{len(CLI_CHECKS) + 2} passed" in done.stdout  # the brief errors test has three cases


@pytest.mark.parametrize("columns", ["40", "200"])
def test_a_message_with_a_long_path_keeps_every_phrase_on_one_line(columns, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", columns)
    db = long_path(tmp_path, 160) / "empty.sqlite"
    db.parent.mkdir()
    open_store(db).close()
    result = CliRunner().invoke(app, ["summary", "--as-of", "2026-09-30", "--db", str(db)])
    assert result.exit_code == 0
    assert f"数据库「{db}」中还没有导入任何清单" in result.output
