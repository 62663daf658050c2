"""Outreach lists (domain.md Part I "Outreach lists (due)") at their boundaries, on hand-made registers."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.errors import InvalidValue
from ipdb.figures.due import DUE_KINDS, add_months, due_lists, parse_horizon
from ipdb.figures.due_sheets import export_due
from ipdb.figures.portfolio import company_portfolio
from ipdb.settings import set_setting
from ipdb.values.patent_numbers import check_char

D = date(2026, 9, 30)
END = date(2027, 3, 30)  # D + 6 months
JIA, YI = "甲科技有限公司", "乙材料有限公司"
CODES = {JIA: "91330106MA2H0A1B2T", YI: "91330106MA2H0A1E57"}
COMPANY_HEADERS = ["企业名称", "统一社会信用代码", "所属街道"]
TM_HEADERS = ["注册号", "国际分类", "商标名称", "注册人", "注册公告日期", "专用权截止日", "商标状态"]
PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "专利权人"]
DESIGNATION_HEADERS = ["企业名称", "类别", "认定日期", "有效期至", "证书编号"]


def number(body: str) -> str:
    return f"{body}.{check_char(body)}"


def mark(reg_no: str, term_end: date, status: str = "已注册", holder: str = JIA) -> list[object]:
    return [reg_no, "9", f"标{reg_no}", holder, "2016-01-01", term_end.isoformat(), status]


TRADEMARKS = [
    mark("9000001", D),  # term ends on D: still in force, renew today
    mark("9000002", END),  # ends on D+H: the last day of the window
    mark("9000003", END.replace(day=31)),  # one day after D+H
    mark("9000004", date(2026, 3, 30)),  # ended; the grace period ends on D
    mark("9000005", date(2026, 3, 29)),  # ended; the grace period ended the day before D
    mark("9000006", date(2026, 12, 1), status="注销"),  # cancelled: not renewable
    mark("9000007", date(2026, 11, 1), holder="张三"),  # no listed enterprise holds it
    mark("9000008", date(2026, 8, 1), status="已过期"),  # dead only because the term ran out: still in grace
]


@pytest.fixture
def district(store, load):
    load("companies", COMPANY_HEADERS, [[JIA, CODES[JIA], "城东街道"], [YI, CODES[YI], "城西街道"]], date(2026, 6, 30))
    load("trademarks", TM_HEADERS, TRADEMARKS, D)
    return store


def numbers(lists, kind: str | None = None) -> list[str]:
    return [i.number for i in lists.items if kind is None or i.kind == kind]


def test_a_term_ending_on_d_and_on_d_plus_h_is_listed_one_day_later_is_not(district):
    lists = due_lists(district, D, "6m", kinds=["trademarks"])
    renew = {i.number: i for i in lists.items if i.action == "续展"}
    assert sorted(renew) == ["9000001", "9000002", "9000007"]
    assert (renew["9000001"].deadline, renew["9000001"].days_left) == (D, 0)
    assert (renew["9000002"].deadline, renew["9000002"].days_left) == (END, (END - D).days)


def test_a_mark_in_its_grace_period_is_listed_one_just_past_it_is_not(district):
    grace = [i for i in due_lists(district, D, "6m").items if i.action == "宽展期内续展"]
    assert [(i.number, i.deadline, i.days_left) for i in grace] == [("9000004", D, 0), ("9000008", date(2027, 2, 1), 124)]


def test_a_cancelled_mark_is_not_listed_and_an_unlisted_holder_is_listed_under_its_name(district):
    items = {i.number: i for i in due_lists(district, D, "6m").items}
    assert "9000006" not in items
    assert (items["9000007"].enterprise, items["9000007"].linked, items["9000007"].town) == ("张三", False, None)
    assert (items["9000001"].credit_code, items["9000001"].town, items["9000001"].linked) == (CODES[JIA], "城东街道", True)


def test_a_renewed_mark_drops_out_after_the_later_import(district, load):
    later = date(2026, 10, 31)
    load("trademarks", TM_HEADERS, [mark("9000002", date(2037, 3, 30), status="续展")], later)
    assert "9000002" in numbers(due_lists(district, date(2026, 10, 30), "6m"))  # before the later import
    assert "9000002" not in numbers(due_lists(district, later, "6m"))


def test_the_list_is_sorted_by_deadline_and_filtered_by_town(district, load):
    lists = due_lists(district, D, "6m")
    assert [i.deadline for i in lists.items] == sorted(i.deadline for i in lists.items)
    assert numbers(due_lists(district, D, "6m", town="城西街道")) == []
    assert set(numbers(due_lists(district, D, "6m", town="城东街道"))) == {"9000001", "9000002", "9000004", "9000008"}


def test_late_fees_and_restoration_are_listed(store, load):
    load("companies", COMPANY_HEADERS, [[JIA, CODES[JIA], "城东街道"]], date(2026, 6, 30))
    late, first, before = number("201510000011"), number("201510000012"), number("201510000013")
    load("patents", PATENT_HEADERS, [
        [late, "滞纳", "2015-06-10", "2018-01-01", "等年费滞纳金", JIA],
        [first, "终止", "2015-04-10", "2018-01-01", "有效", JIA],
        [before, "早已终止", "2015-05-10", "2018-01-01", "未缴年费专利权终止", JIA],
    ], date(2026, 3, 31))  # fmt: skip
    load("patents", PATENT_HEADERS, [
        [late, "滞纳", "2015-06-10", "2018-01-01", "等年费滞纳金", JIA],
        [first, "终止", "2015-04-10", "2018-01-01", "未缴年费专利权终止，等恢复", JIA],
        [before, "早已终止", "2015-05-10", "2018-01-01", "未缴年费专利权终止", JIA],
    ], D)  # fmt: skip
    fees = {i.number: i for i in due_lists(store, D, "6m", kinds=["fees"]).items}
    assert (fees[late].action, fees[late].deadline) == ("缴纳年费及滞纳金", date(2026, 12, 10))  # 2026-06-10 + 6m
    assert (fees[first].action, fees[first].deadline) == ("请求恢复权利", date(2026, 11, 30))  # D's register + 2m
    assert before not in fees  # first marked dead by the register of 2026-03-31: the window has passed
    assert numbers(due_lists(store, date(2026, 12, 1), "6m", kinds=["fees"])) == [late]
    assert numbers(due_lists(store, date(2026, 3, 31), "6m", kinds=["fees"])) == [late, before]
    set_setting(store, "restoration_months", "3")  # the window is a setting
    assert numbers(due_lists(store, date(2026, 12, 1), "6m", kinds=["fees"])) == [late, first]


def test_a_stated_lapse_date_decides_whether_restoration_is_still_possible(store, load):
    """A district's first register shows every old lapse for the first time: the stated 失效日 tells them apart."""
    load("companies", COMPANY_HEADERS, [[JIA, CODES[JIA], "城东街道"]], date(2026, 6, 30))
    old, recent, unstated = number("201510000031"), number("201510000032"), number("201510000033")
    load("patents", [*PATENT_HEADERS, "失效日"], [
        [old, "多年前失效", "2015-04-10", "2018-01-01", "未缴年费专利权终止", JIA, "2021-04-10"],
        [recent, "近期失效", "2015-04-10", "2018-01-01", "未缴年费专利权终止", JIA, "2026-08-15"],
        [unstated, "未写失效日", "2015-04-10", "2018-01-01", "未缴年费专利权终止", JIA, None],
    ], D)  # fmt: skip
    fees = {i.number: i for i in due_lists(store, D, "6m", kinds=["fees"]).items}
    assert old not in fees  # lapsed five years before D: past restoring, though first shown by D's register
    assert (fees[recent].deadline, fees[recent].note) == (date(2026, 10, 15), "失效日2026-08-15起按2个月推算")
    assert fees[unstated].deadline == date(2026, 11, 30)  # no lapse date: D's register + 2 months, as before
    assert fees[unstated].note.startswith("2026-09-30登记簿首次记为")
    assert numbers(due_lists(store, date(2026, 10, 16), "6m", kinds=["fees"])) == [unstated]


def test_a_design_filed_before_2021_06_01_has_10_years_one_filed_on_it_15(store, load):
    rows = [
        [number("202130000021"), "旧外观", "2021-05-31", "2021-09-01", "有效", JIA],
        [number("202130000022"), "新外观", "2021-06-01", "2021-09-01", "有效", JIA],
        [number("200610000023"), "发明", "2006-12-01", "2009-01-01", "有效", JIA],
    ]
    load("patents", PATENT_HEADERS, rows, date(2026, 9, 30))
    soon = {i.number: i for i in due_lists(store, date(2031, 3, 1), "6m", kinds=["patents"]).items}
    assert list(soon) == [number("202130000021")]
    assert (soon[number("202130000021")].deadline, soon[number("202130000021")].action) == (date(2031, 5, 30), "专利权期限届满")
    later = due_lists(store, date(2036, 3, 1), "6m", kinds=["patents"])
    assert [(i.number, i.deadline) for i in later.items] == [(number("202130000022"), date(2036, 5, 31))]
    invention = due_lists(store, D, "6m", kinds=["patents"]).items
    assert [(i.number, i.deadline) for i in invention] == [(number("200610000023"), date(2026, 11, 30))]


def test_a_certificate_without_an_expiry_date_is_valid_3_years(store, load):
    load("companies", COMPANY_HEADERS, [[JIA, CODES[JIA], "城东街道"], [YI, CODES[YI], "城西街道"]], date(2026, 6, 30))
    load("designations", DESIGNATION_HEADERS, [
        [JIA, "贯标认证", "2024-01-10", None, "C-1"],  # valid to 2027-01-09
        [YI, "贯标认证", "2023-01-10", None, "C-2"],  # valid to 2026-01-09: already past
        [YI, "国家知识产权示范企业", "2021-11-01", "2026-10-31", None],
        [JIA, "国家知识产权优势企业", "2021-11-01", None, None],  # no validity: never expires
    ], D)  # fmt: skip
    items = due_lists(store, D, "6m", kinds=["certificates"]).items
    assert [(i.enterprise, i.deadline, i.action) for i in items] == [
        (YI, date(2026, 10, 31), "称号到期复核"),
        (JIA, date(2027, 1, 9), "证书到期复审"),
    ]
    assert "3年" in items[1].note


def test_a_later_certificate_replaces_the_earlier_one(store, load):
    load("designations", DESIGNATION_HEADERS, [[JIA, "贯标认证", "2024-01-10", None, "C-1"]], D)
    assert len(due_lists(store, D, "6m", kinds=["certificates"]).items) == 1
    load("designations", DESIGNATION_HEADERS, [[JIA, "贯标认证", "2026-09-01", None, "C-3"]], D)
    assert due_lists(store, D, "6m", kinds=["certificates"]).items == ()


def test_horizons():
    assert parse_horizon("6m", date(2026, 8, 31)) == date(2027, 2, 28)
    assert parse_horizon("90d", D) == date(2026, 12, 29)
    assert parse_horizon("1y", D) == date(2027, 9, 30)
    assert parse_horizon("6个月", D) == END
    assert add_months(date(2024, 2, 29), -12) == date(2023, 2, 28)
    with pytest.raises(InvalidValue):
        parse_horizon("soon", D)


def test_the_workbook_has_one_sheet_per_list_and_reads_back(district, tmp_path):
    path = export_due(due_lists(district, D, "6m"), "xlsx", tmp_path / "out" / "到期.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == list(DUE_KINDS.values())
    sheet = book["商标续展"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[3] for r in rows] == ["9000001", "9000004", "9000007", "9000008", "9000002"]
    assert rows[0][:3] == (JIA, CODES[JIA], "城东街道") and rows[0][7] == "续展" and rows[0][8] == 0
    assert rows[2][0] == "张三（名录外）"
    assert book["证书及称号到期"].cell(row=3, column=1).value == "（无）"


def test_the_cli_json_contract(district, tmp_path):
    db = str(district.path)
    result = CliRunner().invoke(app, ["due", "--as-of", "2026-09-30", "--within", "6m", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    required = {"kind", "number", "enterprise", "credit_code", "town", "deadline", "action", "days_left"}
    assert all(required <= set(i) for i in items)
    assert items[0] == {**items[0], "kind": "trademarks", "number": "9000001", "deadline": "2026-09-30", "days_left": 0}
    table = CliRunner().invoke(app, ["due", "--as-of", "2026-09-30", "--kind", "trademarks", "--db", db])
    assert table.exit_code == 0 and "9000004" in table.stdout and "宽展期内续展" in table.stdout
    out = tmp_path / "due.csv"
    written = CliRunner().invoke(app, ["due", "--as-of", "2026-09-30", "-o", str(out), "--db", db])
    assert written.exit_code == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("商标续展,甲科技有限公司")
    wrong = CliRunner().invoke(app, ["due", "--kind", "rights", "--db", db])
    assert wrong.exit_code == 2 and "--kind" in wrong.stderr


def test_company_shows_the_same_deadlines(district):
    portfolio = company_portfolio(district, JIA, D)
    assert [d.number for d in portfolio.deadlines] == [i.number for i in due_lists(district, D).items if i.linked]
    result = CliRunner().invoke(app, ["company", JIA, "--as-of", "2026-09-30", "--db", str(district.path)])
    assert result.exit_code == 0 and "近期到期提醒" in result.stdout and "9000004" in result.stdout


def test_one_enterprise_s_lists_are_the_whole_lists_filtered_to_it(store, load):
    # the company filter runs in SQL (holding facts); it must keep exactly what filtering the whole lists keeps,
    # a right two enterprises hold included, and links learnt after the registers were imported
    late, term, shared = number("201510000011"), number("200610000023"), number("200610000024")
    load("patents", PATENT_HEADERS, [
        [late, "滞纳", "2015-06-10", "2018-01-01", "等年费滞纳金", JIA],
        [term, "发明", "2006-12-01", "2009-01-01", "有效", YI],
        [shared, "共有", "2006-11-15", "2009-01-01", "有效", f"{JIA}；{YI}"],
    ], D)  # fmt: skip
    load("trademarks", TM_HEADERS, [*TRADEMARKS, mark("9000009", END, holder=YI)], D)
    load("designations", DESIGNATION_HEADERS, [[JIA, "贯标认证", "2024-01-10", None, "C-1"]], D)
    load("companies", COMPANY_HEADERS, [[JIA, CODES[JIA], "城东街道"], [YI, CODES[YI], "城西街道"]], D)
    whole = due_lists(store, D, "6m").items
    ids = {i.company_id for i in whole if i.company_id is not None}
    assert len(ids) == 2 and {i.kind for i in whole} == {"trademarks", "patents", "fees", "certificates"}
    for company_id in ids:
        mine = due_lists(store, D, "6m", company_id=company_id).items
        assert mine == tuple(i for i in whole if i.company_id == company_id)
    assert sum(i.number == shared for i in whole) == 2  # one line for each enterprise holding it
