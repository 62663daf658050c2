"""Every column accounted for: ignored columns reported, --strict refuses them, a needed column found by its values."""

from __future__ import annotations

import json
from pathlib import Path

from support import query, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.importers.columns import column_letter
from ipdb.store import open_store

runner = CliRunner()


def _import(path: Path, db: Path, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["import", str(path), "--format", "json", "--db", str(db), *extra])


def _funds(path: Path) -> Path:
    return write_sheet(path, ["序号", "企业名称", "审核意见", "申报金额（万元）", "发明人"], [
        [1, "甲公司", "同意", "10", "张三"],
        [2, "乙公司", "同意", "20", "李四"],
    ], title="2026年度知识产权专项资金申报汇总表")


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_ignored_columns_are_listed_in_json_and_the_table(tmp_path):
    path = _funds(tmp_path / "funds.xlsx")
    result = _import(path, tmp_path / "x.sqlite")
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["ignored_columns"] == [
        {"sheet": "Sheet1", "column": "A", "header": "序号", "known": True},
        {"sheet": "Sheet1", "column": "C", "header": "审核意见", "known": False},
        {"sheet": "Sheet1", "column": "E", "header": "发明人", "known": True},
    ]
    assert entry["inferred_columns"] == [] and entry["inserted"] == 2
    table = runner.invoke(app, ["import", str(_funds(tmp_path / "again.xlsx")), "--dry-run", "--db",
                                str(tmp_path / "y.sqlite")])
    flat = "".join(table.stdout.split())
    assert "未识别的列：C「审核意见」，未导入" in flat and "不保存的列：序号、发明人" in flat


def test_strict_refuses_a_file_with_an_unknown_column(tmp_path):
    db = tmp_path / "x.sqlite"
    result = runner.invoke(app, ["import", str(_funds(tmp_path / "funds.xlsx")), "--strict", "--db", str(db)])
    assert result.exit_code == 1
    flat = "".join(result.stdout.split())
    assert "C列「审核意见」" in flat and "--strict" in flat and "--map" in flat
    with open_store(db) as store:
        assert query(store, "SELECT COUNT(*) FROM fund_application") == [(0,)]


def test_strict_accepts_known_columns_that_are_not_stored(tmp_path):
    path = write_sheet(tmp_path / "f.xlsx", ["序号", "企业名称", "申报金额"], [[1, "甲公司", "10"]],
                       title="2026年度专项资金")
    assert _import(path, tmp_path / "x.sqlite", "--strict").exit_code == 0


def test_a_needed_column_is_bound_by_its_values(tmp_path):
    path = write_sheet(tmp_path / "p.xlsx", ["号码", "专利名称", "专利权人", "当前情况"], [
        ["201610311380.X", "甲", "甲公司", "有效"],
        ["201710117081.7", "乙", "乙公司", "未缴年费终止失效"],
        ["ZL201922113032.3", "丙", "甲公司", "有效"],
    ], title="专利清单（截至2026年6月30日）")
    db = tmp_path / "x.sqlite"
    result = _import(path, db, "--kind", "patents")
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["inferred_columns"] == [
        {"sheet": "Sheet1", "column": "A", "header": "号码", "field": "申请号"},
        {"sheet": "Sheet1", "column": "D", "header": "当前情况", "field": "法律状态"},
    ]
    assert entry["ignored_columns"] == [] and entry["inserted"] == 3
    with open_store(db) as store:
        assert query(store, 'SELECT key FROM "right" ORDER BY key') == [
            ("201610311380",), ("201710117081",), ("201922113032",)]
        assert query(store, "SELECT status_class FROM right_state ORDER BY id") == [
            ("in_force",), ("dead",), ("in_force",)]


def test_without_a_fitting_column_the_error_names_the_unknown_columns_and_the_map(tmp_path):
    path = write_sheet(tmp_path / "p.xlsx", ["号码", "专利名称", "专利权人"], [
        ["见附件", "甲", "甲公司"],
        ["201710117081.7", "乙", "乙公司"],
    ])
    result = runner.invoke(app, ["import", str(path), "--kind", "patents", "--db", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 1
    flat = "".join(result.stdout.split())
    assert "未识别的列：「号码」" in flat and "--map号码=申请号" in flat
