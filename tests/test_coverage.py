"""No data is not zero (issue 12 item 7; domain.md Part I "Nothing silently lost"): what an import covers, and a figure
of a kind, date or period no import covers is null / 未导入, never 0."""

from __future__ import annotations

import json
from datetime import date

import pytest
from support import one, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.figures.coverage import NONE, PART, RECONSTRUCTED, Imports, Span, flow_cover, merge, stock_cover
from ipdb.figures.headline import headline
from ipdb.figures.summary import summarize
from ipdb.importers.spans import event_span, titled_period
from ipdb.periods import make_period, parse_period
from ipdb.store import open_store
from ipdb.vocabulary import BEGINNING
from ipdb.windows import resolve_window

Q3 = date(2026, 9, 30)
PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "专利权人"]
PATENTS = [["201610311380.X", "一种装置", "2016-03-01", "2018-01-01", "有效", "甲有限公司"],
           ["202610000003", "一种方法", "2026-02-01", "", "实质审查", "甲有限公司"]]
PLEDGE_HEADERS = ["出质人", "融资金额（万元）", "质押登记日", "质押登记号"]
PLEDGES = [["甲有限公司", "500", "2026-02-10", "DJ1"], ["乙有限公司", "300", "2026-05-01", "DJ2"]]


@pytest.mark.parametrize(("title", "span"), [
    ("2026年1-9月知识产权质押融资台账", (date(2026, 1, 1), date(2026, 9, 30))),
    ("2026年第三季度质押融资登记", (date(2026, 7, 1), date(2026, 9, 30))),
    ("质押融资_2026Q2", (date(2026, 4, 1), date(2026, 6, 30))),
    ("2026年上半年专项资金", (date(2026, 1, 1), date(2026, 6, 30))),
    ("2026年9月结案案件", (date(2026, 9, 1), date(2026, 9, 30))),
    ("2021年度专项资金申报汇总表", (date(2021, 1, 1), date(2021, 12, 31))),
    ("2026年专利导航项目", (date(2026, 1, 1), date(2026, 12, 31))),
    ("截至2026年9月30日质押融资台账", None),  # an as-of date, not a period
    ("质押融资台账", None),
])
def test_the_period_a_title_names(title, span):
    assert titled_period(title) == span


def test_a_list_of_events_covers_its_title_else_its_earliest_record_to_its_date():
    records = [{"registered_on": date(2026, 2, 10)}, {"registered_on": date(2026, 5, 1)}]
    assert event_span("pledges", records, ["2026年1-9月台账"], Q3) == (date(2026, 1, 1), Q3)
    assert event_span("pledges", records, ["质押融资台账", "台账"], Q3) == (date(2026, 2, 10), Q3)
    assert event_span("pledges", records, ["2026年知识产权质押融资台账"], Q3) == (date(2026, 1, 1), Q3)
    assert event_span("awards", [{"award_year": 2025}], [""], Q3) == (date(2025, 1, 1), Q3)
    assert event_span("patents", records, ["2026年1-9月"], Q3) is None  # a register covers up to its date


def test_spans_that_touch_merge():
    spans = [Span(date(2026, 4, 1), date(2026, 6, 30)), Span(date(2026, 1, 1), date(2026, 3, 31)),
             Span(date(2026, 8, 1), date(2026, 8, 31))]
    assert merge(spans) == [Span(date(2026, 1, 1), date(2026, 6, 30)), Span(date(2026, 8, 1), date(2026, 8, 31))]


def test_covers_of_stocks_and_flows():
    imports = Imports({"patents": (date(2026, 6, 30), Q3), "pledges": (Q3,)},
                      {"patents": (Span(BEGINNING, Q3),), "pledges": (Span(date(2026, 1, 1), date(2026, 6, 30)),)})
    assert stock_cover(imports, "trademarks", Q3).state == NONE
    assert stock_cover(imports, "patents", Q3).state == "full"
    early = stock_cover(imports, "patents", date(2025, 12, 31))
    assert (early.state, early.note) == (RECONSTRUCTED, "按2026年6月30日登记簿回推")
    assert flow_cover(imports, "patents", parse_period("2026Q3")).state == "full"
    assert flow_cover(imports, "patents", parse_period("2026Q4")).state == NONE
    part = flow_cover(imports, "pledges", parse_period("2026-01..2026-09"))
    assert (part.state, part.note) == (PART, "已导入的知识产权质押融资台账只含2026年1月1日至6月30日的数据")
    assert flow_cover(imports, "pledges", parse_period("2026Q3")).state == NONE


@pytest.fixture
def patents_only(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    one(store, write_sheet(tmp_path / "专利.xlsx", PATENT_HEADERS, PATENTS), as_of=Q3)
    return store


def test_a_kind_never_imported_is_null_and_missing_never_zero(patents_only):
    h = headline(patents_only, Q3, make_period(date(2026, 1, 1), Q3))
    assert h.get("invention_patents").value == 1
    assert h.get("patent_applications").value == 1
    for key in ("trademarks_registered", "madrid_registrations", "pledge_amount", "fund_amount", "trademark_cases"):
        assert (h.get(key).value, h.get(key).coverage) == (None, NONE), key
    assert h.missing == ["trademarks", "madrid", "well-known", "designations", "pledges", "projects", "awards",
                         "funds", "cases"]


def test_summary_json_and_table_say_not_imported(tmp_path, patents_only):
    db = str(patents_only.path)
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["summary", "--as-of", "2026-09-30", "--period", "2026", "--format", "json",
                                          "--db", db]).stdout)
    assert data["trademarks_registered"] is None and data["pledge_amount"] is None
    assert data["invention_patents"] == 1
    assert "trademarks" in data["missing"] and "patents" not in data["missing"]
    assert "注册商标" not in data["sentence"] and "质押融资" not in data["sentence"]
    assert data["sentence"] == "截至2026年9月30日，全区发明专利拥有量1件，10年以上有效发明专利1件。"
    table = runner.invoke(app, ["summary", "--quarter", "2026Q3", "--db", db], terminal_width=120).stdout
    line = next(row for row in table.splitlines() if "注册商标拥有量" in row)
    assert "未导入" in line and " 0 " not in line
    assert "（尚未导入商标清单）" in "".join(table.split())  # the note, however the console wraps it


def test_a_stock_before_the_earliest_import_is_marked_reconstructed(patents_only):
    figure = headline(patents_only, date(2025, 12, 31), parse_period("2025")).get("invention_patents")
    assert (figure.value, figure.coverage) == (1, RECONSTRUCTED)
    assert "按2026年9月30日登记簿回推" in figure.note


def test_a_period_covered_in_part_gets_its_number_with_a_note(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    ledger = write_sheet(tmp_path / "质押.xlsx", PLEDGE_HEADERS, PLEDGES, title="2026年1-6月知识产权质押融资台账")
    one(store, ledger, as_of=Q3)
    ytd = headline(store, Q3, parse_period("2026-01..2026-09")).get("pledge_amount")
    assert (ytd.value, ytd.coverage) == (800.0, PART)
    assert "只含2026年1月1日至6月30日的数据" in ytd.note
    quarter = headline(store, Q3, parse_period("2026Q3"))
    assert quarter.get("pledge_amount").value is None
    assert "pledges" in quarter.missing
    assert headline(store, Q3, parse_period("2026H1")).get("pledge_amount").coverage == "full"


def test_a_comparison_with_a_period_not_imported_shows_no_change(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    one(store, write_sheet(tmp_path / "质押.xlsx", PLEDGE_HEADERS, PLEDGES), as_of=Q3)
    summary = summarize(store, resolve_window(None, "2026", None, "2025-12-31", default_compare=False))
    row = next(r for r in summary.rows if r.figure.key == "pledge_amount")
    assert (row.figure.value, row.previous, row.previous_missing, row.change) == (800.0, None, True, None)


def test_a_store_from_before_coverage_gains_the_columns_and_keeps_its_lists(tmp_path):
    import sqlite3

    from ipdb.store import SCHEMA_VERSION, schema_version

    path = tmp_path / "v5.sqlite"
    store = open_store(path)
    one(store, write_sheet(tmp_path / "质押.xlsx", PLEDGE_HEADERS, PLEDGES), as_of=Q3)
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE import_batch DROP COLUMN covers_from")
        conn.execute("ALTER TABLE import_batch DROP COLUMN covers_to")
        conn.execute("PRAGMA user_version=5")
    upgraded = open_store(path)
    assert schema_version(upgraded) == SCHEMA_VERSION
    # a list imported before coverage was recorded is taken to cover everything up to its as-of date
    assert headline(upgraded, Q3, parse_period("2025")).get("pledge_amount").value == 0.0
    assert headline(upgraded, Q3, parse_period("2026Q4")).get("pledge_amount").value is None


# ---- records dated only by their year (Part I "Records without a date of their own") --------------------------------

FUND_HEADERS = ["企业名称", "项目类别", "申报金额（万元）"]
FUNDS = [["甲有限公司", "贯标补助", "10"], ["乙有限公司", "专利资助", "30"]]


@pytest.mark.parametrize(("period", "years"), [
    ("2026", (2026, 2026)), ("2026-01..2026-09", (2026, 2026)), ("2026Q1", (2026, 2026)),
    ("2026Q3", (2027, 2025)), ("2026-07..2026-09", (2027, 2025)), ("2025-07-01..2026-12-31", (2026, 2026)),
])
def test_the_years_a_period_places_year_only_records_in(period, years):
    from ipdb.figures.query import whole_years

    assert whole_years(parse_period(period)) == years


def test_a_year_list_counts_in_its_year_and_year_to_date_not_in_a_quarter(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    funds = write_sheet(tmp_path / "专项资金.xlsx", FUND_HEADERS, FUNDS, title="2026年度专项资金申报汇总表")
    report = one(store, funds)
    assert (report.as_of, report.covers) == (date(2026, 12, 31), (date(2026, 1, 1), date(2026, 12, 31)))
    ytd = headline(store, Q3, parse_period("2026-01..2026-09")).get("fund_amount")
    assert (ytd.value, ytd.coverage) == (40.0, "full")  # before: dated 2026-12-31, so 0 in the Q3 year to date
    assert "含年度数据" in ytd.note
    quarter = headline(store, Q3, parse_period("2026Q3")).get("fund_amount")
    assert quarter.value == 0.0
    assert "另有年度数据2项未按季度计入" in quarter.note
    q4 = headline(store, date(2026, 12, 31), parse_period("2026Q4")).get("fund_enterprises")
    assert q4.value == 0  # a year-only row is not placed in the quarter its year ends in
    assert headline(store, date(2026, 12, 31), parse_period("2026")).get("fund_enterprises").value == 2


def test_a_year_column_marks_its_rows_and_dated_rows_stay_dated(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    rows = [["甲有限公司", "贯标补助", "10", "2025"], ["乙有限公司", "专利资助", "30", "2025-08-01"]]
    one(store, write_sheet(tmp_path / "专项资金.xlsx", [*FUND_HEADERS, "申报年度"], rows), as_of=Q3)
    q3_2025 = headline(store, Q3, parse_period("2025Q3")).get("fund_amount")
    assert (q3_2025.value, q3_2025.note) == (30.0, "另有年度数据1项未按季度计入")
    assert headline(store, Q3, parse_period("2025")).get("fund_amount").value == 40.0


def test_awards_with_only_a_year_are_not_counted_in_every_quarter(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    awards = [["201680000033", "P3", "甲有限公司", "优秀奖", "2026"], ["202020000055", "P5", "乙有限公司", "银奖", "2026"]]
    one(store, write_sheet(tmp_path / "专利奖.xlsx", ["专利号", "专利名称", "专利权人", "奖项等级", "获奖年度"], awards),
        as_of=Q3)
    quarter = headline(store, Q3, parse_period("2026Q3")).get("patent_awards")
    assert (quarter.value, quarter.note) == (0, "另有年度数据2项未按季度计入")  # before: 2 in every quarter
    assert headline(store, Q3, parse_period("2026-01..2026-09")).get("patent_awards").value == 2


def test_a_store_from_before_year_only_funds_gains_the_column(tmp_path):
    import sqlite3

    from ipdb.store import SCHEMA_VERSION, schema_version

    path = tmp_path / "v6.sqlite"
    store = open_store(path)
    one(store, write_sheet(tmp_path / "专项资金.xlsx", [*FUND_HEADERS, "申报日期"],
                           [["甲有限公司", "贯标补助", "10", "2026-03-01"]]), as_of=Q3)
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE fund_application DROP COLUMN year_only")
        conn.execute("PRAGMA user_version=6")
    upgraded = open_store(path)
    assert schema_version(upgraded) == SCHEMA_VERSION
    assert headline(upgraded, Q3, parse_period("2026Q1")).get("fund_amount").value == 10.0


def test_a_ranking_of_a_kind_never_imported_says_so(patents_only):
    from ipdb.figures.rankings import rank

    trademarks = rank(patents_only, "注册商标", as_of=Q3)
    assert (trademarks.rows, trademarks.note) == ((), "尚未导入商标清单")
    table = CliRunner().invoke(app, ["rank", "注册商标", "--as-of", "2026-09-30", "--db", str(patents_only.path)])
    assert "（未导入：尚未导入商标清单）" in "".join(table.stdout.split())
    early = rank(patents_only, "发明专利", as_of=date(2025, 12, 31))
    assert early.note == "按2026年9月30日登记簿回推"


def test_the_summary_marks_a_comparison_date_before_the_first_import(patents_only):
    table = CliRunner().invoke(app, ["summary", "--as-of", "2026-09-30", "--compare", "2025-12-31",
                                     "--db", str(patents_only.path)]).stdout
    assert "上期：按2026年9月30日登记簿回推" in "".join(table.split())


def test_the_summary_csv_writes_not_imported_never_zero(tmp_path, patents_only):
    import csv

    target = tmp_path / "核心指标.csv"
    result = CliRunner().invoke(app, ["summary", "--as-of", "2026-09-30", "--format", "csv", "-o", str(target),
                                      "--db", str(patents_only.path)])
    assert result.exit_code == 0, result.output
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["键"]: row for row in csv.DictReader(handle)}
    assert rows["trademarks_registered"]["本期"] == "未导入"
    assert rows["trademarks_registered"]["说明"] == "尚未导入商标清单"
    assert rows["invention_patents"]["本期"] == "1"


def test_the_briefing_names_figures_read_back_and_periods_covered_in_part(patents_only):
    from ipdb.briefing.build import build_briefing

    notes = build_briefing(patents_only, "2026Q3").notes
    assert any(n.startswith("截至2026年6月30日的发明专利拥有量、") and n.endswith("：按2026年9月30日登记簿回推。")
               for n in notes), notes
    assert "尚未导入商标清单，相关数字显示为“未导入”。" in notes


def test_a_company_portfolio_says_which_registers_are_not_imported(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    one(store, write_sheet(tmp_path / "企业.xlsx", ["企业名称", "统一社会信用代码"], [["甲有限公司", "91110108551385082Q"]]),
        as_of=Q3)
    one(store, write_sheet(tmp_path / "专利.xlsx", PATENT_HEADERS, PATENTS), as_of=Q3)
    shown = CliRunner().invoke(app, ["company", "甲有限公司", "--as-of", "2026-09-30", "--db", str(store.path)])
    row = next(line for line in shown.stdout.splitlines() if "未导入" in line)
    assert row.split() == ["1", "0", "0", "未导入", "未导入"]
