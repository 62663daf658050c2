"""A complete snapshot with no row to store is refused: it would make every right of the register leave."""

from __future__ import annotations

from datetime import date

from support import every_row, one, run, write_sheet

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
    assert report.error is not None and "（2 行被拒收，去掉 --snapshot 加 --dry-run 可查看原因）" in report.error
    (dry,) = run(store, bad, kind="patents", as_of=date(2025, 6, 30), dry_run=True)  # the way the message names
    assert dry.rejected == 2 and {issue.row for issue in dry.issues} == {2, 3}
