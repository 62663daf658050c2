"""Rejects staff can fix and send back: exported whole under the original headers, corrected, imported back."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from support import query, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.store import open_store

runner = CliRunner()
HEADERS = ["序号", "企业名称", "统一社会信用代码", "项目类别", "申报金额（万元）", "申报日期"]
ROWS = [
    [1, "甲公司", "", "贯标补助", "10", "2026-03-01"],
    [2, "乙公司", "", "专利奖励", "伍拾", "2026-04-01"],  # Chinese numerals: a reject
    [3, "丙公司", "", "专利奖励", "25", "2026-13-01"],  # no such month: a reject
    [4, "丁公司", "", "贯标补助", "-5", "2026-05-01"],  # negative: a reject
]


def _invoke(*args: str, db: Path):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result


def test_rejected_rows_round_trip_through_a_corrected_export(tmp_path: Path):
    db = tmp_path / "x.sqlite"
    source = write_sheet(tmp_path / "专项资金.xlsx", HEADERS, ROWS, title="2026年度知识产权专项资金申报汇总表")
    _invoke("import", str(source), db=db)
    out = tmp_path / "reports" / "拒收行.xlsx"
    _invoke("rejects", "1", "-o", str(out), db=db)

    book = load_workbook(out)
    sheet = book["拒收行"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("问题行（原清单截至2026年12月31日）",) + (None,) * 9
    assert rows[1] == (*HEADERS, "原文件", "工作表", "原行号", "原因")
    assert [r[:6] for r in rows[2:]] == [
        ("2", "乙公司", None, "专利奖励", "伍拾", "2026-04-01"), ("3", "丙公司", None, "专利奖励", "25", "2026-13-01"),
        ("4", "丁公司", None, "贯标补助", "-5", "2026-05-01")]
    assert [r[6:9] for r in rows[2:]] == [("专项资金.xlsx", "Sheet1", n) for n in (4, 5, 6)]
    assert "中文数字" in rows[2][9] and "申报日期" in rows[3][9]
    # set up to print: A4 landscape, one page wide, the title line and the header repeated on every page
    assert (sheet.page_setup.orientation, int(sheet.page_setup.paperSize)) == ("landscape", 9)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.cell(3, 10).alignment.wrap_text is True  # a long 原因 prints whole

    sheet["E3"], sheet["F4"], sheet["E5"] = "50", "2026-12-01", "5"  # staff fix the cells
    book.save(out)
    back = json.loads(_invoke("import", str(out), "--kind", "funds", "--format", "json", db=db).stdout)[0]
    assert (back["inserted"], back["rejected"], back["as_of"]) == (3, 0, "2026-12-31")
    assert {c["header"] for c in back["ignored_columns"]} == {"序号", "原文件", "工作表", "原行号", "原因"}
    with open_store(db) as store:
        assert query(store, "SELECT h.name, f.amount_yuan, f.dated_on FROM fund_application f "
                            "JOIN holder h ON h.id = f.holder_id ORDER BY f.dated_on") == [
            ("甲公司", 100_000, "2026-03-01"), ("乙公司", 500_000, "2026-04-01"),
            ("丁公司", 50_000, "2026-05-01"), ("丙公司", 250_000, "2026-12-01")]
    summary = json.loads(_invoke("summary", "--as-of", "2026-12-31", "--period", "2026", "--format", "json",
                                 db=db).stdout)
    assert summary["fund_amount"] == 90  # 万元: every row of the list is in


def test_warnings_go_to_their_own_sheet(tmp_path: Path):
    db = tmp_path / "x.sqlite"
    rows = [[1, "甲公司", "91350203M0001QAY9B", "贯标补助", "10", "2026-03-01"]]  # check character: a warning
    _invoke("import", str(write_sheet(tmp_path / "f.xlsx", HEADERS, rows, title="2026年度专项资金")), db=db)
    out = tmp_path / "w.xlsx"
    _invoke("rejects", "--warnings", "-o", str(out), db=db)
    book = load_workbook(out)
    assert book.sheetnames == ["拒收行", "警告"]
    warned = list(book["警告"].iter_rows(values_only=True))
    assert warned[2][:3] == ("1", "甲公司", "91350203M0001QAY9B") and "校验位" in warned[2][-1]
