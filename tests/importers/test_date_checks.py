"""Dates that cannot be right are warnings on their row; the row is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from support import TODAY, one, query, write_sheet

AS_OF = date(2026, 6, 30)


def test_a_future_grant_and_a_grant_before_filing_are_warnings(store, tmp_path: Path):
    headers = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "专利权人"]
    rows = [
        ["201610311380.X", "甲", "2016-05-12", "2018-03-02", "有效", "甲公司"],  # fine
        ["201710117081.7", "乙", "2017-01-10", "2026-08-01", "有效", "乙公司"],  # after the register's date
        ["201910380558.X", "丙", "2019-05-01", "2027-01-05", "有效", "丙公司"],  # after today as well
        ["201922113032.3", "丁", "2019-12-01", "2019-06-01", "有效", "丁公司"],  # granted before it was filed
    ]
    report = one(store, write_sheet(tmp_path / "p.xlsx", headers, rows), as_of=AS_OF)
    assert report.inserted == 4 and report.rejected == 0
    found = [(i.row, i.column, i.value, i.code) for i in report.issues]
    assert found == [(3, "授权公告日", "2026-08-01", "date_after_as_of"), (4, "授权公告日", "2027-01-05", "date_after_today"),
                     (5, "授权公告日", "2019-06-01", "grant_before_filing")]
    assert report.issues[0].reason == "授权公告日2026-08-01晚于清单截止日2026-06-30"
    assert report.issues[1].reason == f"授权公告日2027-01-05晚于今天{TODAY}"
    assert query(store, "SELECT granted_on FROM right_state ORDER BY id")[2] == ("2027-01-05",)


def test_a_trademark_term_that_does_not_follow_the_registration_date(store, tmp_path: Path):
    headers = ["注册号", "国际分类", "商标名称", "注册人", "注册公告日期", "专用权期限"]
    rows = [
        ["9023455", "9", "云溪", "甲公司", "2012-07-14", "2012年07月14日 至 2022年07月13日"],  # one term
        ["9023456", "9", "云溪", "甲公司", "2012-07-14", "2022年07月14日 至 2032年07月13日"],  # renewed
        ["9023457", "9", "云溪", "甲公司", "2012-07-14", "2012年07月14日 至 2022年09月30日"],  # not 10 years
        ["9023458", "9", "云溪", "甲公司", "2026-09-01", "2026年09月01日 至 2036年08月31日"],  # after as-of
    ]
    report = one(store, write_sheet(tmp_path / "t.xlsx", headers, rows), kind="trademarks", as_of=AS_OF)
    assert report.inserted == 4
    assert [(i.row, i.code) for i in report.issues] == [(4, "term_mismatch"), (5, "date_after_as_of")]


def test_a_pledge_registered_after_the_list_date(store, tmp_path: Path):
    headers = ["出质人", "融资金额（万元）", "质押登记日"]
    rows = [["甲公司", "100", "2026-03-05"], ["乙公司", "100", "2026-07-05"]]
    report = one(store, write_sheet(tmp_path / "p.xlsx", headers, rows), kind="pledges", as_of=AS_OF)
    assert report.inserted == 2 and [(i.row, i.code) for i in report.issues] == [(3, "date_after_as_of")]
