"""The catalogue of reject and warning codes: every code ipdb raises is listed, with a title and a template."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

from support import write_sheet
from typer.testing import CliRunner

from ipdb.catalogue import CATALOGUE, message, title
from ipdb.cli import app

PACKAGE = Path(__file__).resolve().parents[1] / "ipdb"
# call name -> position of the code among its positional arguments
CODE_POSITION = {"Reject": 1, "Flagged": 2, "Issue": 6, "message": 0, "issue": 0, "warn": 0}


def _codes_raised() -> dict[str, str]:
    """Every literal code passed to Reject, Flagged, Issue or message() in ipdb/, with where it is."""
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                for code in _code_args(node, CODE_POSITION.get(name or "")):
                    found.setdefault(code, f"{path.name}:{node.lineno}")
    return found


def _code_args(node: ast.Call, position: int | None) -> list[str]:
    if position is None:
        return []
    args = [k.value for k in node.keywords if k.arg == "code"]
    if len(node.args) > position:
        args.append(node.args[position])
    return [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def test_every_code_raised_in_the_package_is_catalogued():
    raised = _codes_raised()
    assert {"bad_check_char", "missing_required", "bad_amount", "empty"} <= set(raised)  # the scan sees them
    assert {code: where for code, where in raised.items() if code not in CATALOGUE} == {}


def test_every_reject_without_a_code_is_refused():
    """Reject(reason) alone would get the vague default code: every call names its code."""
    vague = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Reject", "Flagged"):
                needed = CODE_POSITION[node.func.id]  # type: ignore[attr-defined]
                if len(node.args) <= needed and not any(k.arg == "code" for k in node.keywords):
                    vague.append(f"{path.name}:{node.lineno}")
    assert vague == []


def test_entries_have_a_severity_a_chinese_title_and_a_template_that_renders():
    for code, entry in CATALOGUE.items():
        assert entry.code == code and code.isascii() and code == code.lower()
        assert entry.severity in ("reject", "warning", "note")
        assert entry.title and not entry.title.isascii()
        fields = {name: "X" for _, name, _, _ in string.Formatter().parse(entry.template) if name}
        assert message(code, **fields)


def test_the_message_fills_the_template():
    assert message("totals_mismatch", stated="1712.35万元", imported="1537.85万元", difference="174.50万元") == (
        "合计行为1712.35万元，导入的行合计1537.85万元，相差174.50万元"
    )
    assert title("bad_check_char") == "校验位不符" and title("no_such_code") == "no_such_code"


def test_rejects_json_carries_the_code(tmp_path):
    path = write_sheet(tmp_path / "p.xlsx", ["申请号", "专利权人", "申请日"], [
        ["201610311380.X", "甲公司", "2016-05-12"],
        ["201710601862.0", "乙公司", "2017-07-01"],  # check character mismatch: a warning
        ["CN2021A0123456", "甲公司", "2021-01-01"],  # not a number: a reject
        ["201710117081.7", "", "2017-01-01"],  # no holder: a reject
    ], title="专利清单（截至2026年6月30日）")
    db = str(tmp_path / "x.sqlite")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(path), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["rejects", "--warnings", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    found = {(r["row"], r["severity"], r["code"]) for r in json.loads(result.stdout)}
    assert found == {(4, "warning", "bad_check_char"), (5, "reject", "bad_chars"), (6, "reject", "missing_required")}
