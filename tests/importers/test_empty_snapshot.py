"""A complete snapshot with no row to store is refused: it would make every right of the register leave. Its
rejected rows are still shown and exported (--rejects), as an imported file's are; nothing is stored."""

from __future__ import annotations

import json
import re
from datetime import date

from openpyxl import load_workbook
from support import every_row, one, run, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.values.patent_numbers import check_char

HEADERS = ["申请号", "专利名称", "申请日", "法律状态", "专利权人"]


def test_an_empty_complete_snapshot_is_refused_and_the_store_is_unchanged(store, tmp_path):
    body = "201610311380"
    first = write_sheet(tmp_path / "q1.xlsx", HEADERS, [[f"{body}.{check_char(body)}", "装置", "2015-01-01", "有效", "甲有限公司"]])
    one(store, first, kind="patents", as_of=date(2025, 3, 31))
    before = every_row(store.path)
    empty = write_sheet(tmp_path / "q2.xlsx", HEADERS, [])
    (report,) = run(store, empty, kind="patents", as_of=date(2025, 6, 30), snapshot=True)
    assert report.error is not None and "不能作为完整快照" in report.error and "q2.xlsx" in report.error
    assert report.batch_id is None and report.left == 0
    assert every_row(store.path) == before  # no batch, no right left
    (plain,) = run(store, empty, kind="patents", as_of=date(2025, 6, 30))  # without --snapshot: an empty list
    assert plain.error is None and plain.inserted == 0


def test_a_complete_snapshot_whose_rows_are_all_rejected_says_how_many_and_how_to_see_why(store, tmp_path):
    rows = [["不是申请号", "装置", "2015-01-01", "有效", "甲有限公司"], ["12345", "装置二", "2015-01-01", "有效", "乙有限公司"]]
    bad = write_sheet(tmp_path / "bad.xlsx", HEADERS, rows)
    (report,) = run(store, bad, kind="patents", as_of=date(2025, 6, 30), snapshot=True)
    assert report.error is not None and "（2 行被拒收，原因见下方问题行）" in report.error
    assert report.rows == report.rejected == 2 and {issue.row for issue in report.issues} == {2, 3}  # kept
    assert report.batch_id is None


def _cells(path):  # type: ignore[no-untyped-def]
    book = load_workbook(path)
    return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets}


def test_the_rejects_of_a_refused_file_are_shown_and_exported_as_an_imported_files_are(store, tmp_path):
    rows = [["不是申请号", "装置", "2015-01-01", "有效", "甲有限公司"], ["12345", "装置二", "2015-01-01", "有效", "乙有限公司"]]
    bad = write_sheet(tmp_path / "bad.xlsx", HEADERS, rows)
    before = every_row(store.path)
    args = ["import", str(bad), "--kind", "patents", "--as-of", "2025-06-30", "--db", str(store.path)]
    refused = CliRunner().invoke(app, [*args, "--snapshot", "--rejects", str(tmp_path / "refused.xlsx")],
                                 env={"COLUMNS": "200"})  # fmt: skip
    assert refused.exit_code == 1, refused.output
    assert every_row(store.path) == before  # shown and exported, nothing stored
    assert "问题行（拒收 2 行、警告 0 条）" in refused.stdout and "不是申请号" in refused.stdout
    assert re.search(r"bad\.xlsx\s+2\s+2\s+0\s", refused.stdout)  # read 2, rejected 2, no warning
    assert "加上 --rejects" not in refused.stdout and "已把 2 行问题行写入" in refused.stdout  # exported: no rerun hint
    shown = CliRunner().invoke(app, [*args, "--snapshot"], env={"COLUMNS": "200"})
    assert "全部导出：在本次导入的命令后加上 --rejects reports/问题行.xlsx 再运行一次" in shown.stdout
    as_json = CliRunner().invoke(app, [*args, "--snapshot", "--format", "json", "--rejects", str(tmp_path / "j.xlsx")])
    assert json.loads(as_json.stdout)[0]["rejected"] == 2 and json.loads(as_json.stdout)[0]["error"]
    stored = CliRunner().invoke(app, args)  # without --snapshot the file is a batch of rejects
    assert stored.exit_code == 0, stored.output
    batch = json.loads(CliRunner().invoke(app, ["batches", "--format", "json", "--db", str(store.path)]).stdout)[-1]
    exported = CliRunner().invoke(app, ["rejects", str(batch["id"]), "--warnings", "-o", str(tmp_path / "stored.xlsx"),
                                        "--db", str(store.path)])  # fmt: skip
    assert exported.exit_code == 0, exported.output
    assert _cells(tmp_path / "refused.xlsx") == _cells(tmp_path / "stored.xlsx")
    assert len(_cells(tmp_path / "refused.xlsx")["拒收行"]) == 2 + 2  # title line, header, the two rows
