"""Headline figures against hand-computed values (domain.md Part I), on stores built from real .xlsx imports.

The district below is imported once per test; every expected number is worked out in the comments.
D = 2026-09-30 and P = 2026-01-01..2026-09-30 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from ipdb import settings
from ipdb.errors import InvalidValue
from ipdb.figures.as_json import headline_json
from ipdb.figures.headline import compare_headlines, headline, headlines
from ipdb.figures.query import ten_year_cutoff
from ipdb.figures.wording import headline_sentence, money_text
from ipdb.periods import (
    Period,
    make_period,
    parse_compare,
    parse_period,
    previous_quarter_end,
    quarter,
    year_to_date,
)
from ipdb.reading import Reader

D = date(2026, 9, 30)
P = year_to_date(D)  # 2026-01-01..2026-09-30, label 2026年1-9月
JIA, YI, BING, DING = "甲科技有限公司", "乙电子有限公司", "丙材料有限公司", "丁生物有限公司"
CODES = {JIA: "91330106MA2H0A1B2T", YI: "91330106MA2H0A1C3Y", BING: "91330106MA2H0A1D43"}

COMPANY_HEADERS = ["企业名称", "统一社会信用代码", "所属街道", "行业"]
COMPANIES = [
    [JIA, CODES[JIA], "城东街道", "制造业"],
    [YI, CODES[YI], "城西街道", "信息技术"],
    [BING, CODES[BING], "城东街道", "制造业"],
    [DING, None, None, "医药"],
]

PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "失效日", "专利权人"]
PATENTS = [  # the register as of D
    # P1 invention filed exactly ten years before D: in force, 10-year (anniversary = D)
    ["201610000011", "P1", "2016-09-30", "2018-01-10", "有效", None, JIA],
    # P2 filed one day later: in force, not yet 10 years
    ["201610000022", "P2", "2016-10-01", "2018-02-01", "有效", None, JIA],
    # P3 PCT national phase (type digit 8) = invention; co-held by 甲 (城东) and 乙 (城西)
    ["201680000033", "P3", "2019-03-01", "2021-05-01", "专利权维持", None, f"{JIA}；{YI}"],
    # P4 pending application: never in force
    ["202210000044", "P4", "2022-01-01", None, "实质审查", None, YI],
    # P5 utility model, annuity overdue but within the late period: in force
    ["202020000055", "P5", "2020-05-01", "2020-11-01", "等年费滞纳金", None, BING],
    # P6 design filed and granted in P
    ["202630000066", "P6", "2026-02-01", "2026-08-01", "有效", None, BING],
    # P7 invention terminated for annuities on 2026-03-01: in force before, not on D
    ["201810000077", "P7", "2018-01-01", "2020-01-01", "未缴年费专利权终止", "2026-03-01", JIA],
    # P8 invention application filed in P by a university (not an enterprise)
    ["202610000088", "P8", "2026-03-01", None, "公开", None, "某大学"],
    # P9 invention held by an individual: counts in the district total
    ["201910000099", "P9", "2019-01-01", "2021-01-01", "有效", None, "张三"],
]

TRADEMARK_HEADERS = ["注册号", "国际分类", "商标名称", "注册人", "注册公告日期", "专用权期限", "商标状态"]
TRADEMARKS = [  # as of 2026-06-30
    # T1: the term ends on D; T2: it ends the day before D
    ["1000001", "9", "甲", JIA, "2016-10-01", "2016年10月01日 至 2026年09月30日", "已注册"],
    ["1000002", "35", "甲", JIA, "2016-09-30", "2016年09月30日 至 2026年09月29日", "已注册"],
    ["1000003", "9", "乙", YI, "2020-01-01", "2020年01月01日 至 2029年12月31日", "已注册"],  # T3
    ["1000004", "9", "丙", BING, "2019-01-01", None, "注销"],  # T4 dead without a date: ended 2026-06-30
    # T5: the same number in class 35 is another registration
    ["1000001", "35", "甲", JIA, "2020-06-01", "2020年06月01日 至 2030年05月31日", "已注册"],
]

MADRID_HEADERS = ["国际注册号", "商标名称", "注册人", "国际注册日期", "到期日期", "状态"]
MADRID = [
    ["1234567", "JIA", JIA, "2019-04-02", "2029-04-02", "有效"],  # M1 in force
    ["1234568", "YI", YI, "2015-01-01", "2025-01-01", "有效"],  # M2 expired by its date
]

WELL_KNOWN_HEADERS = ["商标名称", "注册号", "企业名称", "认定年份"]
WELL_KNOWN = [
    ["甲", "1000001", JIA, "2015"],
    ["甲", "1000001", JIA, "2020"],  # recognised again: still one mark
    ["乙", "1000003", YI, "2026-10-15"],  # after D
]

DESIGNATION_HEADERS = ["企业名称", "类别", "级别", "认定日期", "有效期至"]
DESIGNATIONS = [
    [JIA, "国家知识产权示范企业", "国家级", "2024-10-01", "2027-09-30"],
    [YI, "国家知识产权优势企业", "国家级", "2022-01-01", "2025-12-31"],  # expired before D
    [BING, "国家知识产权优势企业", "国家级", "2023-06-01", None],  # no expiry given: held
    [DING, "省知识产权优势企业", "省级", "2023-01-01", None],  # provincial: not national
    [JIA, "贯标认证", None, "2025-01-01", "2028-01-01"],
    [BING, "贯标认证", None, "2020-01-01", "2023-01-01"],  # expired certificate
]

PLEDGE_HEADERS = ["出质人", "融资金额（万元）", "质押登记日", "质押登记号", "质押物", "质权人"]
PLEDGES = [
    # DJ001 pledges three patents: its amount counts once
    [JIA, "8000", "2026-03-05", "DJ001", "201610000011；201610000022；201680000033", "城东银行"],
    [YI, "3000", "2026-07-01", "DJ002", "201680000033", "城西银行"],
    [BING, "800", "2025-12-20", "DJ003", "202020000055", "城东银行"],  # before P
    [JIA, "1600", "2026-09-30", "DJ004", "201610000011", "城东银行"],  # on P's last day
]

AWARD_HEADERS = ["专利号", "专利名称", "专利权人", "奖项等级", "获奖年度"]
AWARDS = [
    ["201910000099", "P9", "张三", "金奖", "2024"],
    ["201680000033", "P3", JIA, "优秀奖", "2026"],
    ["202020000055", "P5", BING, "银奖", "2026"],
]

PROJECT_HEADERS = ["项目名称", "项目类型", "导航类别", "级别", "承担单位", "立项年度", "立项日期", "项目状态"]
PROJECTS = [
    ["智能装备产业专利导航", "专利导航", "产业", "省级", JIA, "2026", "2026-04-01", "立项"],  # N1 counted
    ["甲企业专利导航", "专利导航", "企业", "市级", JIA, "2026", None, "获批"],  # N2 year only: counted
    ["乙企业专利导航", "专利导航", "企业", "市级", YI, "2026", "2026-05-01", "推荐"],  # not an approval
    ["丙企业专利导航", "专利导航", "企业", "区级", BING, "2026", "2026-06-01", "拟立项"],  # not an approval
    ["区域专利导航", "专利导航", "区域", "区级", None, "2025", "2025-06-01", "立项"],  # before P
    # 在建 (under way) is a stage after approval: counted
    ["高价值专利组合培育一", "高价值专利组合培育", None, "省级", BING, "2026", "2026-03-01", "在建"],
    ["高价值专利组合培育二", "高价值专利组合培育", None, "市级", YI, "2026", "2026-10-10", "立项"],  # after P
]

FUND_HEADERS = ["企业名称", "项目类别", "申报金额（万元）", "申报日期"]
FUNDS = [
    [JIA, "贯标补助", "10", "2026-03-01"],
    [JIA, "示范企业奖励", "50", "2026-04-01"],
    [YI, "贯标补助", "20", "2025-12-01"],  # before P
    ["某大学", "专利资助", "5", "2026-05-01"],  # not in the enterprise list: counts as itself
]

CASE_HEADERS = ["案件编号", "案件名称", "立案日期", "结案日期"]
CASES = [
    ["K1", "案一", "2026-01-10", "2026-02-01"],
    ["K2", "案二", "2026-08-01", "2026-10-01"],  # closed after P
    ["K3", "案三", "2026-09-01", None],  # not closed
    ["K4", "案四", "2026-09-01", "2026-09-30"],
]


@pytest.fixture
def district(store, load):
    load("companies", COMPANY_HEADERS, COMPANIES, date(2026, 6, 30))
    load("patents", PATENT_HEADERS, PATENTS, D)
    load("trademarks", TRADEMARK_HEADERS, TRADEMARKS, date(2026, 6, 30))
    load("madrid", MADRID_HEADERS, MADRID, date(2026, 6, 30))
    load("well-known", WELL_KNOWN_HEADERS, WELL_KNOWN, D)
    load("designations", DESIGNATION_HEADERS, DESIGNATIONS, D)
    load("pledges", PLEDGE_HEADERS, PLEDGES, D)
    load("awards", AWARD_HEADERS, AWARDS, D)
    load("projects", PROJECT_HEADERS, PROJECTS, D)
    load("funds", FUND_HEADERS, FUNDS, D)
    load("cases", CASE_HEADERS, CASES, D)
    return store


EXPECTED_AT_D = {
    "invention_patents": 4,  # P1 P2 P3 P9 (P4 P8 pending, P7 terminated)
    "invention_patents_10y": 1,  # P1 only: P2 reaches ten years on 2026-10-01
    # P1 (10 years), P3 (award 2026), P9 (award 2024); the pledge criterion is not configured
    "high_value_invention_patents": 3,
    "patents_in_force": 6,  # 4 inventions + P5 utility + P6 design
    "patent_applications": 2,  # P6 (filed 2026-02-01), P8 (2026-03-01)
    "patent_grants": 1,  # P6 (2026-08-01)
    "trademarks_registered": 3,  # T1 (ends on D) T3 T5; T2 ended the day before, T4 cancelled 2026-06-30
    "madrid_registrations": 1,  # M1; M2 expired 2025-01-01
    "well_known_marks": 1,  # mark 1000001 recognised twice; 1000003 only after D
    "ip_standard_enterprises": 1,  # 甲; 丙's certificate expired 2023
    "national_demo_enterprises": 1,  # 甲
    "national_advantage_enterprises": 1,  # 丙; 乙 expired 2025-12-31, 丁 provincial
    "pledge_amount": 12600.0,  # 8000 + 3000 + 1600 万元 (DJ003 is before P; DJ001 once for 3 patents)
    "pledge_loans": 3,
    "pledge_enterprises": 2,  # 甲 (two loans), 乙
    "navigation_projects": 2,  # N1 立项, N2 获批 (year 2026 overlaps P); 推荐/拟立项 not counted
    "high_value_portfolio_projects": 1,  # the 在建 one; the other was approved after P
    "patent_awards": 2,  # 2026: P3 优秀奖, P5 银奖
    "fund_enterprises": 2,  # 甲, 某大学
    "fund_amount": 65.0,  # 10 + 50 + 5
    "trademark_cases": 2,  # K1, K4
    "invention_patents_per_10k": None,  # no population configured
    "as_of": "2026-09-30",
    "period": {"start": "2026-01-01", "end": "2026-09-30", "label": "2026年1-9月"},
    "missing": [],  # every kind is imported
}


def test_headline_json_matches_hand_computed_figures(district):
    assert headline_json(headline(district, D, P)) == EXPECTED_AT_D


def test_every_part_one_key_is_a_figure(district):
    h = headline(district, D, P)
    assert [f.key for f in h.figures] == [k for k in EXPECTED_AT_D if k not in ("as_of", "period", "missing")]
    assert h.get("invention_patents").name == "发明专利拥有量（有效发明专利）"
    assert h.get("pledge_amount").unit == "万元"
    assert h.get("invention_patents").kind == "stock" and h.get("patent_grants").kind == "flow"


def test_figures_name_their_date_or_period(district):
    h = headline(district, D, P)
    assert "截至2026年9月30日" in h.get("invention_patents").basis
    assert "统计期间2026年1-9月（2026年1月1日至2026年9月30日）" in h.get("pledge_amount").basis


def test_breakdowns(district):
    h = headline(district, D, P)
    assert h.get("patents_in_force").breakdown == (("发明", 4), ("实用新型", 1), ("外观设计", 1))
    assert h.get("patent_applications").breakdown == (("发明", 1), ("实用新型", 0), ("外观设计", 1))
    assert h.get("patent_awards").breakdown == (("银奖", 1), ("优秀奖", 1))
    # N1 产业/省级, N2 企业/市级
    assert h.get("navigation_projects").breakdown == (
        ("企业经营类", 1), ("产业规划类", 1), ("省级", 1), ("市级", 1))
    assert h.get("high_value_portfolio_projects").breakdown == (("省级", 1),)


def test_stocks_at_an_earlier_date(district):
    # 2025-12-31: P7 still in force (ends 2026-03-01), P6 not yet granted -> P1 P2 P3 P7 P9 = 5
    # advantage: 乙 valid until 2025-12-31 inclusive, 丙 -> 2; trademarks: T1..T5 (T4 ends 2026-06-30) = 5
    h = headline(district, date(2025, 12, 31), make_period(date(2025, 1, 1), date(2025, 12, 31)))
    assert h.get("invention_patents").value == 5
    assert h.get("invention_patents_10y").value == 0  # cutoff 2015-12-31
    assert h.get("national_advantage_enterprises").value == 2
    assert h.get("trademarks_registered").value == 5
    assert h.get("pledge_amount").value == 800.0  # DJ003, 2025-12-20
    assert h.get("patent_awards").value == 0  # no 2025 award


def test_ten_year_boundary_the_day_before(district):
    # On 2026-09-29 P1 is one day short of its tenth anniversary.
    assert headline(district, date(2026, 9, 29), P).get("invention_patents_10y").value == 0


def test_trademark_term_boundaries(district):
    def registered(day: date) -> int:
        return headline(district, day, P).get("trademarks_registered").value

    assert registered(date(2026, 6, 29)) == 5  # T4 not yet cancelled (dead without date ends on 2026-06-30)
    assert registered(date(2026, 6, 30)) == 4
    assert registered(date(2026, 9, 29)) == 4  # T2's last day
    assert registered(date(2026, 9, 30)) == 3  # T1's last day still counts; T2 gone
    assert registered(date(2026, 10, 1)) == 2  # T1 gone


def test_cancelled_trademark_with_a_running_term_ends_on_the_as_of_date(store, load):
    # The register says 注销 on 2026-06-30 and still prints the term to 2028: the mark ended by 2026-06-30.
    row = ["1000004", "9", "丙", BING, "2019-01-01", "2019年01月01日 至 2028年12月31日", "注销"]
    load("trademarks", TRADEMARK_HEADERS, [row], date(2026, 6, 30))
    assert headline(store, date(2026, 6, 29), P).get("trademarks_registered").value == 1
    assert headline(store, date(2026, 6, 30), P).get("trademarks_registered").value == 0


def test_well_known_marks_are_cumulative(district):
    assert headline(district, date(2026, 12, 31), P).get("well_known_marks").value == 2
    assert headline(district, date(2015, 12, 31), P).get("well_known_marks").value == 1
    assert headline(district, date(2014, 12, 31), P).get("well_known_marks").value == 0


def test_high_value_note_says_what_was_not_evaluated(district):
    note = headline(district, D, P).get("high_value_invention_patents").note
    assert "已评价：维持10年以上、获中国专利奖等奖项" in note
    assert "战略性新兴产业（无数据）" in note and "海外同族专利授权（无数据）" in note
    assert "质押融资金额（未配置门槛 high_value_pledge_min_yuan）" in note


@pytest.mark.parametrize(("threshold_wan", "expected"), [
    (8000, 4),  # P2 pledged in DJ001 for exactly 8000万: "at least" -> P1 P2 P3 P9
    (9000, 3),  # P2 below; P1 (8000 + 1600) and P3 (8000 + 3000) are high-value anyway
])
def test_high_value_pledge_threshold(district, threshold_wan, expected):
    settings.set_setting(district, "high_value_pledge_min_yuan", str(threshold_wan * 10_000))
    figure = headline(district, D, P).get("high_value_invention_patents")
    assert figure.value == expected
    assert f"累计质押融资额不低于{threshold_wan}万元" in figure.note


def test_high_value_without_awards_evaluates_ten_years_only(store, load):
    load("patents", PATENT_HEADERS, PATENTS, D)
    figure = headline(store, D, P).get("high_value_invention_patents")
    assert figure.value == 1  # P1
    assert "获中国专利奖等奖项（未导入获奖名单）" in figure.note


def test_per_10k_population(district):
    settings.set_population(district, 2026, 50.5)
    figure = headline(district, D, P).get("invention_patents_per_10k")
    assert figure.value == pytest.approx(4 / 50.5)  # 0.0792…, unrounded
    assert figure.unit == "件/万人"
    assert headline(district, date(2025, 12, 31), P).get("invention_patents_per_10k").value is None


def test_headline_sentence_golden(district):
    # 12600万元 = 1.26亿元 -> 1.3亿元 (one decimal, half up)
    assert headline_sentence(headline(district, D, P)) == (
        "截至2026年9月30日，全区注册商标拥有量3件，马德里国际商标1件，中国驰名商标1件，发明专利拥有量4件，"
        "贯标企业1家，10年以上有效发明专利1件；2026年1-9月知识产权质押融资1.3亿元。")


def test_headline_sentence_with_population_and_a_quarter(district):
    settings.set_population(district, 2026, 50.5)
    _, third_quarter, _ = quarter("2026Q3")
    # Q3: DJ002 3000 + DJ004 1600 = 4600万元
    assert headline_sentence(headline(district, D, third_quarter)) == (
        "截至2026年9月30日，全区注册商标拥有量3件，马德里国际商标1件，中国驰名商标1件，发明专利拥有量4件，"
        "每万人口发明专利拥有量0.08件，贯标企业1家，10年以上有效发明专利1件；2026年第三季度知识产权质押融资4600万元。")


@pytest.mark.parametrize(("wan", "expected"), [
    (126000.0, "12.6亿元"), (12600.0, "1.3亿元"), (10000.0, "1.0亿元"), (9999.999, "1.0亿元"),
    (9200.0, "9200万元"), (1234.5, "1234.5万元"), (0.05, "0.05万元"), (0.0, "0万元"),
])
def test_money_text(wan, expected):
    assert money_text(wan) == expected


def test_compare_headlines(district):
    previous = headline(district, date(2025, 12, 31), make_period(date(2025, 1, 1), date(2025, 12, 31)))
    changes = {c.key: c for c in compare_headlines(headline(district, D, P), previous)}
    assert (changes["invention_patents"].value, changes["invention_patents"].previous,
            changes["invention_patents"].change) == (4, 5, -1)
    assert changes["pledge_amount"].change == 12600.0 - 800.0
    assert changes["invention_patents_per_10k"].change is None


def test_pct_type_eight_is_an_invention(store, load):
    row = ["201680000033", "P3", "2019-03-01", "2021-05-01", "有效", None, JIA]
    load("patents", PATENT_HEADERS, [row], D)
    h = headline(store, D, P)
    assert h.get("invention_patents").value == 1
    assert h.get("patents_in_force").breakdown == (("发明", 1), ("实用新型", 0), ("外观设计", 0))


def test_grants_count_the_register_at_the_period_end_whatever_changed_since(store, load):
    # G1 granted in Q2 and ended in Q3, G2 granted in Q2 and gone from Q3's snapshot, G3 granted in Q2 and
    # unchanged: as the register stood on 2026-06-30 all three were granted in Q2 (G1's and G2's facts are
    # closed by Q3's import, G3's is open); G4 was granted in Q3.
    june, q2 = date(2026, 6, 30), make_period(date(2026, 4, 1), date(2026, 6, 30))
    g1 = ["202610000101", "G1", "2026-01-05", "2026-04-10", "有效", None, JIA]
    g2 = ["202620000102", "G2", "2026-01-06", "2026-05-10", "有效", None, YI]
    g3 = ["202630000103", "G3", "2026-01-07", "2026-06-30", "有效", None, BING]
    g4 = ["202610000104", "G4", "2026-01-08", "2026-07-01", "有效", None, JIA]
    load("patents", PATENT_HEADERS, [g1, g2, g3], june, snapshot=True)
    load("patents", PATENT_HEADERS, [[*g1[:4], "未缴年费专利权终止", "2026-08-01", JIA], g3, g4], D, snapshot=True)
    grants = headline(store, june, q2).get("patent_grants")
    assert (grants.value, grants.breakdown) == (3, (("发明", 1), ("实用新型", 1), ("外观设计", 1)))
    assert headline(store, D, make_period(date(2026, 7, 1), D)).get("patent_grants").value == 1  # G4
    assert (
        headline(store, date(2026, 5, 31), make_period(date(2026, 4, 1), date(2026, 5, 31))).get("patent_grants").value
        == 2
    )  # G1 G2: G3 is granted on 2026-06-30


def test_leap_day_filing_reaches_ten_years_on_28_february(store, load):
    row = ["201610000104", "闰日", "2016-02-29", "2018-01-01", "有效", None, JIA]
    load("patents", PATENT_HEADERS, [row], D)

    def ten_years(day: date) -> int:
        return headline(store, day, P).get("invention_patents_10y").value

    assert [ten_years(date(2026, 2, day)) for day in (27, 28)] == [0, 1]
    assert ten_years(date(2026, 3, 1)) == 1


@pytest.mark.parametrize(("as_of", "cutoff"), [
    (date(2026, 9, 30), date(2016, 9, 30)),
    (date(2026, 2, 28), date(2016, 2, 29)),  # 2016-02-29 + 10 years = 2026-02-28 (month-end rule)
    (date(2028, 2, 29), date(2018, 2, 28)),
    (date(2027, 2, 28), date(2017, 2, 28)),
    (date(2024, 3, 31), date(2014, 3, 31)),  # domain.md §4.4 example
])
def test_ten_year_cutoff(as_of, cutoff):
    assert ten_year_cutoff(as_of) == cutoff


# ---- complete snapshots (Part I "Complete snapshots") -------------------------------------------


@pytest.fixture
def snapshots(store, load):
    s1 = [
        ["201510000106", "X", "2015-01-01", "2017-01-01", "有效", None, JIA],  # X: dead without a date in S2
        ["201510000107", "Y", "2015-02-01", "2017-02-01", "有效", None, JIA],  # Y: not listed by S2 (left)
    ]
    s2 = [
        ["201510000106", "X", "2015-01-01", "2017-01-01", "失效", None, JIA],
        # Z: first listed by S2, though granted in 2015 (transferred in on S2)
        ["201410000108", "Z", "2014-01-01", "2015-06-01", "有效", None, YI],
    ]
    load("patents", PATENT_HEADERS, s1, date(2025, 12, 31), snapshot=True)
    report = load("patents", PATENT_HEADERS, s2, date(2026, 6, 30), snapshot=True)
    assert report.left == 1  # Y
    return store


@pytest.mark.parametrize(("day", "expected"), [
    (date(2025, 6, 30), 3),  # before the first snapshot each right's own dates decide: X Y Z
    (date(2025, 12, 31), 2),  # S1: X Y (Z not listed by S1, not yet transferred in)
    (date(2026, 6, 29), 2),  # still S1: X Y
    (date(2026, 6, 30), 1),  # S2: X dead on S2, Y left, Z entered
    (date(2026, 9, 30), 1),
])
def test_complete_snapshots(snapshots, day, expected):
    assert headline(snapshots, day, P).get("invention_patents").value == expected


# ---- periods -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "start", "end", "label"), [
    ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026年"),
    ("2026Q3", date(2026, 7, 1), date(2026, 9, 30), "2026年第三季度"),
    ("2026q1", date(2026, 1, 1), date(2026, 3, 31), "2026年第一季度"),
    ("2026H1", date(2026, 1, 1), date(2026, 6, 30), "2026年上半年"),
    ("2026-01..2026-09", date(2026, 1, 1), date(2026, 9, 30), "2026年1-9月"),
    ("2026-03..2026-03", date(2026, 3, 1), date(2026, 3, 31), "2026年3月"),
    ("2025-11..2026-02", date(2025, 11, 1), date(2026, 2, 28), "2025年11月至2026年2月"),
    ("2026-01-01..2026-09-30", date(2026, 1, 1), date(2026, 9, 30), "2026年1月1日至9月30日"),
    ("2025-11-15..2026-02-28", date(2025, 11, 15), date(2026, 2, 28), "2025年11月15日至2026年2月28日"),
])
def test_parse_period(text, start, end, label):
    assert parse_period(text) == Period(start, end, label)


@pytest.mark.parametrize("text", ["2026Q5", "26", "2026-09-30..2026-01-01", "上半年"])
def test_parse_period_rejects(text):
    with pytest.raises(InvalidValue, match="统计期间"):
        parse_period(text)


def test_quarter_and_year_to_date():
    as_of, q, ytd = quarter("2026Q3")
    assert as_of == date(2026, 9, 30)
    assert q == Period(date(2026, 7, 1), date(2026, 9, 30), "2026年第三季度")
    assert ytd == Period(date(2026, 1, 1), date(2026, 9, 30), "2026年1-9月")
    assert year_to_date(date(2026, 12, 31)).label == "2026年"
    assert year_to_date(date(2026, 9, 15)).label == "2026年1月1日至9月15日"
    with pytest.raises(InvalidValue, match="季度"):
        quarter("2026Q0")


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 9, 30), date(2026, 6, 30)),  # a quarter end: the previous quarter's end
    (date(2026, 8, 15), date(2026, 6, 30)),
    (date(2026, 7, 1), date(2026, 6, 30)),
    (date(2026, 1, 1), date(2025, 12, 31)),
])
def test_previous_quarter_end(day, expected):
    assert previous_quarter_end(day) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-06-30", date(2026, 6, 30)), ("2026Q2", date(2026, 6, 30)), ("2025", date(2025, 12, 31)),
])
def test_parse_compare(text, expected):
    assert parse_compare(text) == expected


@pytest.mark.parametrize("text", ["2026/06/30", "2026Q9", "上季度"])
def test_parse_compare_rejects(text):
    with pytest.raises(InvalidValue):
        parse_compare(text)


def test_holder_groups_are_computed_only_when_asked(district):
    # summary shows no holder-group lines, so it does not pay for them; the briefing and explain ask for them
    assert headline(district, D, P).get("invention_patents").breakdown == ()
    groups = headline(district, D, P, holder_groups=True).get("invention_patents")
    assert groups.breakdown and sum(n for _, n in groups.breakdown) == groups.value


def test_headlines_of_one_day_count_the_stocks_once(district, monkeypatch):
    # summary shows the quarter and the year to date of one D: the same figures as two headlines, but the passes
    # over every right in force (the stocks) are made once
    q3 = Period(date(2026, 7, 1), D, "2026年第三季度")
    alone = (headline(district, D, q3), headline(district, D, P))
    queries: list[str] = []
    rows = Reader.rows
    monkeypatch.setattr(Reader, "rows", lambda self, sql, params=None: queries.append(sql) or rows(self, sql, params))
    headline(district, D, q3)
    one = [sql for sql in queries if "f.in_force_from <= :d" in sql]
    queries.clear()
    assert headlines(district, D, (q3, P)) == alone
    assert [sql for sql in queries if "f.in_force_from <= :d" in sql] == one != []
