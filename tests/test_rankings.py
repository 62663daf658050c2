"""Rankings (domain.md Part I "Ties", "Enterprise figures credit every holder in full") on a small district.

Five enterprises, two enterprise lists (丁 renamed between them) and two patent exports (2025-12-31 and
D = 2026-09-30) with a holder change, a transfer, a lapse and a co-held patent. Every store is built in
both import orders (Part I: "the order in which exports are imported does not matter").
"""

from __future__ import annotations

from datetime import date

import pytest

from ipdb.errors import InvalidValue
from ipdb.figures.as_json import ranking_json
from ipdb.figures.rankings import RankingRow, rank, resolve_metric
from ipdb.figures.registry import RANKED as METRICS
from ipdb.periods import make_period

D = date(2026, 9, 30)
C = date(2025, 12, 31)  # the comparison date
JIA, YI, BING, WU = "甲科技有限公司", "乙电子有限公司", "丙软件有限公司", "戊贸易有限公司"
DING_OLD, DING = "丁新材料有限公司", "丁先进材料有限公司"
CODES = {JIA: "91330106MA2H0A1B2T", YI: "91330106MA2H0A1C3Y", BING: "91330106MA2H0A1D43",
         DING: "91330106MA2H0A1E57", WU: "91330106MA2H0A1F6B"}

COMPANY_HEADERS = ["企业名称", "统一社会信用代码", "曾用名", "所属街道", "行业"]
COMPANIES_2025 = [
    [JIA, CODES[JIA], None, "城东街道", "制造业"],
    [YI, CODES[YI], None, "城西街道", "信息技术"],
    [BING, CODES[BING], None, "城东街道", "信息技术"],
    [DING_OLD, CODES[DING], None, "城西街道", "制造业"],
    [WU, CODES[WU], None, None, None],  # no town, no industry: 未注明
]
COMPANIES_2026 = [row if row[0] != DING_OLD else [DING, CODES[DING], DING_OLD, "城西街道", "制造业"]
                  for row in COMPANIES_2025]  # 丁 renamed; same credit code

PATENT_HEADERS = ["申请号", "申请日", "授权公告日", "法律状态", "失效日", "专利权人"]
PATENTS_2025 = [  # as of C
    ["201810000001", "2018-01-01", "2020-01-01", "有效", None, DING_OLD],  # R1
    ["201810000002", "2018-01-02", "2020-01-02", "有效", None, DING_OLD],  # R2
    ["201810000003", "2018-01-03", "2020-01-03", "有效", None, DING_OLD],  # R3
    ["201810000004", "2018-01-04", "2020-01-04", "有效", None, JIA],  # R4
    ["201810000005", "2018-01-05", "2020-01-05", "有效", None, JIA],  # R5
    ["201810000006", "2018-01-06", "2020-01-06", "有效", None, YI],  # R6
    ["201810000007", "2018-01-07", "2020-01-07", "有效", None, WU],  # R7
]
PATENTS_2026 = [  # as of D
    ["201810000001", "2018-01-01", "2020-01-01", "有效", None, JIA],  # R1: holder changed 丁 -> 甲
    ["201810000002", "2018-01-02", "2020-01-02", "有效", None, DING],  # R2: under 丁's new name
    ["201810000003", "2018-01-03", "2020-01-03", "未缴年费专利权终止", "2026-05-01", DING],  # R3 lapsed
    ["201810000004", "2018-01-04", "2020-01-04", "有效", None, JIA],
    ["201810000005", "2018-01-05", "2020-01-05", "有效", None, JIA],
    ["201810000006", "2018-01-06", "2020-01-06", "有效", None, YI],
    ["201810000007", "2018-01-07", "2020-01-07", "有效", None, BING],  # R7: transferred 戊 -> 丙
    ["202410000008", "2024-01-08", "2026-03-01", "有效", None, YI],  # R8 granted in 2026
    ["202410000009", "2024-01-09", "2026-04-01", "有效", None, BING],  # R9
    ["202410000010", "2024-01-10", "2026-02-01", "有效", None, f"{JIA}；{BING}"],  # R10 co-held, both 城东
    ["202410000011", "2024-01-11", "2026-05-01", "有效", None, YI],  # R11
]
# Valid inventions:
#   at D: 甲 R1 R4 R5 R10 = 4; 乙 R6 R8 R11 = 3; 丙 R7 R9 R10 = 3; 丁 R2 = 1; 戊 0
#   at C: 丁 R1 R2 R3 = 3;     甲 R4 R5 = 2;      乙 R6 = 1;      戊 R7 = 1; 丙 0

PLEDGE_HEADERS = ["出质人", "融资金额（万元）", "质押登记日", "质押登记号", "质押物"]
PLEDGES = [
    [JIA, "500", "2026-03-01", "DJ1", "201810000004"],
    [YI, "500", "2026-04-01", "DJ2", "201810000006"],
    [BING, "1200.5", "2026-05-01", "DJ3", "202410000009；202410000010"],
    [DING_OLD, "300", "2025-11-01", "DJ4", "201810000002"],  # 2025, under the old name
]


@pytest.fixture(params=["enterprise lists first", "enterprise lists last"])
def district(request, store, load):
    companies = [("companies", COMPANY_HEADERS, COMPANIES_2025, date(2025, 6, 30)),
                 ("companies", COMPANY_HEADERS, COMPANIES_2026, date(2026, 6, 30))]
    registers = [("patents", PATENT_HEADERS, PATENTS_2026, D),  # the newer export first, on purpose
                 ("patents", PATENT_HEADERS, PATENTS_2025, C),
                 ("pledges", PLEDGE_HEADERS, PLEDGES, D)]
    steps = companies + registers if request.param == "enterprise lists first" else registers + companies
    for kind, headers, rows, as_of in steps:
        load(kind, headers, rows, as_of)
    return store


def triples(ranking):
    return [(r.rank, r.name, r.value) for r in ranking.rows]


def test_ties_share_a_rank_and_are_listed_by_name(district):
    ranking = rank(district, "invention_patents", as_of=D)
    # 丙 (U+4E19) sorts before 乙 (U+4E59); 戊 has nothing and is not listed
    assert triples(ranking) == [(1, JIA, 4), (2, BING, 3), (2, YI, 3), (4, DING, 1)]
    assert [r.code for r in ranking.rows] == [CODES[JIA], CODES[BING], CODES[YI], CODES[DING]]
    assert (ranking.metric, ranking.name, ranking.unit, ranking.by) == (
        "invention_patents", "发明专利拥有量（有效发明专利）", "件", "enterprise")
    assert ranking.period is None


def test_ranking_at_the_earlier_date_uses_the_old_name(district):
    ranking = rank(district, "发明专利", as_of=C)
    assert triples(ranking) == [(1, DING_OLD, 3), (2, JIA, 2), (3, YI, 1), (3, WU, 1)]


def test_comparison_keeps_one_identity_and_shows_movement(district):
    ranking = rank(district, "invention_patents", as_of=D, compare=C)
    assert ranking.compare_as_of == C
    assert ranking.rows == (
        RankingRow(1, JIA, 4, CODES[JIA], previous_value=2, previous_rank=2, change=2, movement="↑1"),
        RankingRow(2, BING, 3, CODES[BING], previous_value=0, previous_rank=None, change=3, movement="新进"),
        RankingRow(2, YI, 3, CODES[YI], previous_value=1, previous_rank=3, change=2, movement="↑1"),
        # renamed: shown under the new name, compared with its own 3 patents of 2025 (old name)
        RankingRow(4, DING, 1, CODES[DING], previous_value=3, previous_rank=1, change=-2, movement="↓3"),
    )
    assert ranking.dropped == (
        RankingRow(0, WU, 0, CODES[WU], previous_value=1, previous_rank=3, change=-1, movement="出榜"),
    )


def test_top_n_keeps_a_boundary_tie_and_reports_who_left(district):
    ranking = rank(district, "invention_patents", as_of=D, top=2, compare=C)
    assert triples(ranking) == [(1, JIA, 4), (2, BING, 3), (2, YI, 3)]
    # previous top 2: 丁 (1), 甲 (2); 丁 is now 4th
    assert ranking.dropped == (
        RankingRow(4, DING, 1, CODES[DING], previous_value=3, previous_rank=1, change=-2, movement="↓3"),
    )


def test_by_town_counts_a_co_held_patent_once(district):
    # 城东: 甲 {R1 R4 R5 R10} + 丙 {R7 R9 R10} = 6 (R10 once); 城西: 乙 {R6 R8 R11} + 丁 {R2} = 4
    ranking = rank(district, "invention_patents", as_of=D, by="town", compare=C)
    # at C: 城西 乙 R6 + 丁 R1 R2 R3 = 4; 城东 甲 R4 R5 = 2; 未注明 戊 R7 = 1
    rows = [(r.rank, r.name, r.value, r.previous_value, r.previous_rank, r.movement) for r in ranking.rows]
    assert rows == [
        (1, "城东街道", 6, 2, 2, "↑1"), (2, "城西街道", 4, 4, 1, "↓1")]
    dropped = [(r.name, r.value, r.previous_rank, r.movement) for r in ranking.dropped]
    assert dropped == [("未注明", 0, 3, "出榜")]


def test_only_a_right_held_by_two_enterprises_is_marked_co_held(district):
    # the town and industry rankings count only co-held rows distinctly: the mark must be exact
    with district.reading() as conn:
        marked = conn.rows(
            'SELECT r.key, f.lo, COUNT(*), MIN(f.co_held), MAX(f.co_held) FROM holding_fact f'
            ' JOIN "right" r ON r.id = f.right_id GROUP BY r.key, f.lo HAVING MAX(f.co_held)'
        )
    assert [(key, n, low, high) for key, _, n, low, high in marked] == [("202410000010", 2, 1, 1)]


@pytest.mark.parametrize("by", ["town", "industry"])
@pytest.mark.parametrize("metric", [k for k, m in METRICS.items() if m.holders and "holding_fact" in m.holders.tables])
def test_group_rankings_equal_a_plain_count_of_distinct_rights(district, metric, by):
    from ipdb.figures.query import Query
    from ipdb.periods import year_to_date
    from ipdb.settings import pledge_threshold

    source = METRICS[metric].holders
    oracle = (  # every row through DISTINCT, as before the co_held mark
        f"SELECT COALESCE(cf.{by}, '未注明'), COUNT(DISTINCT {source.item}) FROM {source.tables} "
        f"JOIN company_fact cf ON cf.company_id = {source.company} AND cf.lo <= :d AND :d < cf.hi "
        f"WHERE {source.where} GROUP BY 1"
    )
    for day in (D, C, date(2026, 3, 15)):
        with district.reading() as conn:
            params = {**Query(conn, day, year_to_date(day)).params, "pledge_min": pledge_threshold(conn)}
            expected = {g: v for g, v in conn.rows(oracle, params) if v}
        ranking = rank(district, metric, as_of=day, by=by, top=100)
        assert {r.name: r.value for r in ranking.rows} == expected


def test_by_industry(district):
    # 信息技术: 乙 {R6 R8 R11} + 丙 {R7 R9 R10} = 6; 制造业: 甲 {R1 R4 R5 R10} + 丁 {R2} = 5
    now = rank(district, "invention_patents", as_of=D, by="industry")
    assert triples(now) == [(1, "信息技术", 6), (2, "制造业", 5)]
    assert triples(rank(district, "invention_patents", as_of=C, by="industry")) == [
        (1, "制造业", 5), (2, "信息技术", 1), (2, "未注明", 1)]


def test_flow_ranking_defaults_to_the_year_to_date(district):
    # grants in 2026-01-01..2026-09-30: 乙 R8 R11, 丙 R9 R10, 甲 R10
    ranking = rank(district, "专利授权量", as_of=D)
    assert ranking.period == make_period(date(2026, 1, 1), D)
    assert triples(ranking) == [(1, BING, 2), (1, YI, 2), (3, JIA, 1)]


def test_invention_grants_over_a_period(district):
    # inventions granted 2026-04-01..2026-09-30 as the register stands at D: 丙 R9 (城东), 乙 R11 (城西)
    period = make_period(date(2026, 4, 1), D)
    ranking = rank(district, "当季新增发明授权", as_of=D, period=period)
    assert (ranking.metric, ranking.name, ranking.unit, ranking.period) == ("invention_grants", "发明专利授权量", "件", period)
    assert triples(ranking) == [(1, BING, 1), (1, YI, 1)]  # 丙 U+4E19 < 乙 U+4E59
    assert triples(rank(district, "invention_grants", as_of=D, period=period, by="town")) == [
        (1, "城东街道", 1), (1, "城西街道", 1)]


def test_money_ranking_in_wan_with_compare_period(district):
    ranking = rank(district, "质押融资额", as_of=D, compare=C)
    assert ranking.unit == "万元"
    assert triples(ranking) == [(1, BING, 1200.5), (2, YI, 500.0), (2, JIA, 500.0)]  # 乙 U+4E59 < 甲 U+7532
    assert ranking.compare_period == make_period(date(2025, 1, 1), C)
    # 丁 pledged 300万元 in 2025 under its old name: it led the 2025 ranking and has no 2026 loan
    assert [(r.name, r.value, r.previous_value, r.previous_rank, r.movement) for r in ranking.dropped] == [
        (DING, 0, 300.0, 1, "出榜")]
    assert ranking_json(ranking)[0] == {
        "rank": 1, "name": BING, "value": 1200.5, "code": CODES[BING],
        "previous_value": 0.0, "previous_rank": None, "change": 1200.5, "movement": "新进"}


def test_ranking_json_without_comparison(district):
    assert ranking_json(rank(district, "invention_patents", as_of=D, by="town")) == [
        {"rank": 1, "name": "城东街道", "value": 6}, {"rank": 2, "name": "城西街道", "value": 4}]


@pytest.mark.parametrize(("text", "key"), [
    ("invention_patents", "invention_patents"), ("发明专利", "invention_patents"),
    ("有效发明专利", "invention_patents"), ("发明专利拥有量", "invention_patents"),
    ("发明专利拥有量（有效发明专利）", "invention_patents"),
    (" 发明专利拥有量(有效发明专利) ", "invention_patents"),
    ("10年以上有效发明专利", "invention_patents_10y"), ("有效专利", "patents_in_force"),
    ("专利申请量", "patent_applications"), ("注册商标", "trademarks_registered"),
    ("马德里", "madrid_registrations"),
    ("质押融资额", "pledge_amount"), ("质押融资笔数", "pledge_loans"), ("专项资金", "fund_amount"),
    ("驰名商标", "well_known_marks"), ("高价值发明专利", "high_value_invention_patents"),
    ("发明专利授权量", "invention_grants"), ("新增发明授权", "invention_grants"),
])
def test_resolve_metric(text, key):
    assert resolve_metric(text) == key


def test_unknown_metric_lists_valid_names():
    with pytest.raises(InvalidValue, match=r"无法识别的排名指标「专利密度」.*可用的指标：发明专利拥有量") as raised:
        resolve_metric("专利密度")
    assert "fund_amount" in raised.value.message  # the full list, not six and 等


def test_a_mistyped_metric_gets_the_closest_names():
    with pytest.raises(InvalidValue, match="（最接近的：发明专利"):
        resolve_metric("发明专力")


def test_required_metrics_are_rankable():
    assert {"invention_patents", "invention_patents_10y", "patents_in_force", "patent_applications",
            "patent_grants", "trademarks_registered", "madrid_registrations", "pledge_amount", "pledge_loans",
            "fund_amount", "well_known_marks"} <= set(METRICS)


def test_unknown_grouping_is_refused(store):
    with pytest.raises(InvalidValue, match="排名范围"):
        rank(store, "invention_patents", as_of=D, by="street")
