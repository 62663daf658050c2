"""Things generated from code are checked against the code; every command and kind is documented and tested."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.importers import KINDS
from ipdb.kind_names import KIND_ZH
from ipdb.templates import template_grid, template_name, write_templates

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ["import", "batches", "rejects", "unmatched", "left", "history", "summary", "rank", "company", "brief",
            "run", "templates", "config"]


def test_committed_templates_match_the_specs(tmp_path):
    from openpyxl import load_workbook

    committed = ROOT / "imports" / "templates"
    for spec in KINDS.values():
        book = load_workbook(committed / template_name(spec))
        expected = template_grid(spec)
        assert book.sheetnames == list(expected), spec.kind
        for name, rows in expected.items():
            found = [[c if c is not None else "" for c in row] for row in book[name].iter_rows(values_only=True)]
            assert found == rows, f"{template_name(spec)} / {name}: 请运行 ipdb templates 重新生成模板"
    assert sorted(p.name for p in committed.glob("*.xlsx")) == sorted(template_name(s) for s in KINDS.values())
    assert len(write_templates(tmp_path)) == len(KINDS)


def test_every_kind_has_a_name_a_template_and_a_test():
    assert set(KIND_ZH) == set(KINDS)
    tested = (ROOT / "tests" / "importers" / "test_kinds.py").read_text(encoding="utf-8") + \
        (ROOT / "tests" / "importers" / "test_patents.py").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f'"{kind}"' in tested, f"no importer test asserts kind {kind}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_chinese_help_with_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=120)
    assert result.exit_code == 0, result.output
    if command != "config":
        assert "示例" in result.stdout


def test_help_does_not_load_the_heavy_libraries():
    probe = ("import sys, ipdb.cli\n"
             "heavy = [m for m in ('pandas', 'sqlmodel', 'sqlalchemy', 'openpyxl') if m in sys.modules]\n"
             "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_python_dash_m_ipdb_runs():
    result = subprocess.run([sys.executable, "-m", "ipdb", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("ipdb ")

