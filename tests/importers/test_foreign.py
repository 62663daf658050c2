"""Decisions of the office (issue 12): Derwent CN numbers accepted, foreign numbers their own rejects and line,
foreign currency a reject."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from support import one, query, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app

HEADERS = ["申请号", "专利名称", "专利权人"]
ROWS = [["CN201711214252A", "甲", "甲公司"], ["CN201610311380U", "乙", "乙公司"], ["US2019123456A1", "丙", "丙公司"],
        ["WO2017CN112861A", "丁", "甲公司"], ["EP3456789", "戊", "甲公司"]]


def test_derwent_numbers_are_application_numbers_and_foreign_ones_their_own_rejects(store, tmp_path: Path):
    path = write_sheet(tmp_path / "derwent.xlsx", HEADERS, ROWS, title="Derwent Innovation Export, 2019-08-09")
    report = one(store, path, as_of=date(2019, 8, 9))
    assert (report.inserted, report.rejected, report.foreign, report.warnings) == (2, 3, 3, 0)
    assert query(store, 'SELECT key, number FROM "right" ORDER BY key') == [
        ("201610311380", "201610311380.X"), ("201711214252", "201711214252.4")]
    assert {(i.code, i.reason) for i in report.issues} == {("foreign_number", "外国或国际组织专利，不计入本区")}
    assert sum("Derwent" in n for n in report.notes) == 1


def test_the_import_table_counts_foreign_rows_on_their_own_line(tmp_path: Path):
    path = write_sheet(tmp_path / "derwent.xlsx", HEADERS, ROWS)
    result = CliRunner().invoke(app, ["import", str(path), "--as-of", "2019-08-09", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0
    assert "其中3行是外国或国际组织专利" in "".join(result.stdout.split())


def test_money_in_a_foreign_currency_is_a_reject(tmp_path: Path):
    headers = ["出质人", "融资金额（万美元）", "质押登记日"]
    path = write_sheet(tmp_path / "p.xlsx", headers, [["甲公司", "50", "2026-03-05"], ["乙公司", "20", "2026-04-01"]])
    db = tmp_path / "x.db"
    result = CliRunner().invoke(app, ["import", str(path), "--kind", "pledges", "--as-of", "2026-09-30",
                                      "--format", "json", "--db", str(db)])
    (entry,) = json.loads(result.stdout)
    assert (entry["inserted"], entry["rejected"], entry["totals"]) == (0, 2, [])
    rejects = json.loads(CliRunner().invoke(app, ["rejects", "--format", "json", "--db", str(db)]).stdout)
    assert {(r["code"], r["reason"]) for r in rejects} == {
        ("foreign_currency", "金额是外币（万美元），不计入本区：请换算成人民币后填写")}
