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
