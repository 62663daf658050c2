"""One enterprise's portfolio: lookup by code or any name it carried, counts and lists as of D."""

from __future__ import annotations

from datetime import date

import pytest

from ipdb.errors import AmbiguousName, NotFound
from ipdb.figures.portfolio import (
    Portfolio,
    PortfolioCounts,
    PortfolioDesignation,
    PortfolioLoan,
    PortfolioProject,
    company_portfolio,
)
from ipdb.values.patent_numbers import check_char

D = date(2026, 9, 30)
DING_OLD, DING, JIA = "丁新材料有限公司", "丁先进材料有限公司", "甲科技有限公司"
XINGHE, XINGHE_AI = "星河科技有限公司", "星河智能有限公司"
CODES = {DING: "91330106MA2H0A1E57", JIA: "91330106MA2H0A1B2T", XINGHE: "91330106MA2H0A1G7F",
         XINGHE_AI: "91330106MA2H0A1H8K"}

COMPANY_HEADERS = ["企业名称", "统一社会信用代码", "曾用名", "所属街道", "行业"]
PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "失效日", "专利权人"]
PATENTS = [  # as of D; A2 still under the old name
    ["201910000101", "A1 发明", "2019-05-01", "2021-05-01", "有效", None, DING],
    ["202120000102", "A2 实用新型", "2021-03-01", "2021-09-01", "有效", None, DING_OLD],
    ["201430000103", "A3 外观设计", "2014-02-01", "2014-08-01", "届满终止", "2024-02-01", DING],
    ["202510000104", "A4 发明申请", "2025-06-01", None, "实质审查", None, DING],
    ["202310000105", "A5 共有发明", "2023-01-01", "2025-01-01", "有效", None, f"{JIA}；{DING}"],
    ["202310000106", "甲独有", "2023-01-02", "2025-01-02", "有效", None, JIA],
]


PROJECT_HEADERS = ["项目名称", "项目类型", "导航类别", "级别", "承担单位", "立项年度", "立项日期",
                   "项目状态"]
COUNTS_ON_D = PortfolioCounts(inventions=2, utility_models=1, designs=0, trademarks=1, madrid=1)


def number(body: str) -> str:
    return f"{body}.{check_char(body)}"


@pytest.fixture
def district(store, load):
    load("companies", COMPANY_HEADERS, [
        [DING_OLD, CODES[DING], None, "城西街道", "制造业"], [JIA, CODES[JIA], None, "城东街道", "制造业"],
        [XINGHE, CODES[XINGHE], None, "城东街道", None]], date(2025, 6, 30))
    load("companies", COMPANY_HEADERS, [
        [DING, CODES[DING], DING_OLD, "城北街道", "新材料"], [JIA, CODES[JIA], None, "城东街道", "制造业"],
        [XINGHE, CODES[XINGHE], None, "城东街道", None],
        [XINGHE_AI, CODES[XINGHE_AI], XINGHE, "城东街道", None]], date(2026, 6, 30))  # shares a former name
    load("patents", PATENT_HEADERS, PATENTS, D)
    load("trademarks", ["注册号", "国际分类", "商标名称", "注册人", "注册公告日期", "专用权期限", "商标状态"],
         [["2000001", "1", "丁", DING, "2020-01-01", "2020年01月01日 至 2029年12月31日", "已注册"]], D)
    load("madrid", ["国际注册号", "商标名称", "注册人", "国际注册日期", "到期日期", "状态"],
         [["1234570", "DING", DING, "2021-01-01", "2031-01-01", "有效"]], D)
    load("designations", ["企业名称", "类别", "级别", "认定日期", "有效期至"], [
        [DING, "国家知识产权优势企业", "国家级", "2022-01-01", "2024-12-31"],
        [DING, "贯标认证", None, "2025-03-01", "2028-02-28"],
        [DING, "国家知识产权示范企业", "国家级", "2026-12-01", None]], D)  # after D: not listed
    load("projects", PROJECT_HEADERS, [
        ["丁企业专利导航", "专利导航", "企业", "市级", DING, "2026", "2026-04-01", "立项"],
        ["丁高价值培育", "高价值专利组合培育", None, "省级", DING, "2026", None, "推荐"]], D)
    load("pledges", ["出质人", "融资金额（万元）", "质押登记日", "质押登记号", "质押物", "质权人"], [
        [DING_OLD, "300", "2025-11-01", "DJ9", "201910000101；202120000102", "城西银行"],
        [DING, "100", "2026-10-08", "DJ10", "201910000101", "城西银行"]], date(2026, 10, 31))  # after D
    return store


@pytest.mark.parametrize("query", [
    CODES[DING], CODES[DING].lower(), DING, DING_OLD, "丁先进材料 有限公司", "丁新材料有限公司 ",
])
def test_lookup_by_code_or_any_name(district, query):
    assert company_portfolio(district, query, D).name == DING


def test_portfolio_as_of_d(district):
    portfolio = company_portfolio(district, DING, D)
    assert isinstance(portfolio, Portfolio)
    assert (portfolio.credit_code, portfolio.name, portfolio.former_names) == (CODES[DING], DING, (DING_OLD,))
    assert (portfolio.town, portfolio.industry) == ("城北街道", "新材料")
    # valid on D: A1 and A5 (co-held, credited in full); A2 utility; A3 expired; A4 pending
    assert portfolio.counts == COUNTS_ON_D
    assert [(p.number, p.category, p.status) for p in portfolio.patents] == [  # newest filing first
        (number("202510000104"), "发明", "审中"),
        (number("202310000105"), "发明", "有效"),
        (number("202120000102"), "实用新型", "有效"),
        (number("201910000101"), "发明", "有效"),
        (number("201430000103"), "外观设计", "失效"),
    ]
    first = portfolio.patents[-2]
    assert (first.title, first.filing_date, first.granted_on, first.status_raw) == (
        "A1 发明", date(2019, 5, 1), date(2021, 5, 1), "有效")
    assert [(t.number, t.category, t.status) for t in portfolio.trademarks] == [("2000001", "第1类", "有效")]
    assert [(m.number, m.status) for m in portfolio.madrid] == [("1234570", "有效")]


def test_portfolio_lists(district):
    portfolio = company_portfolio(district, CODES[DING], D)
    assert portfolio.designations == (
        PortfolioDesignation("贯标认证（GB/T 29490）", "国家级", date(2025, 3, 1), date(2028, 2, 28), True),
        PortfolioDesignation("知识产权优势企业", "国家级", date(2022, 1, 1), date(2024, 12, 31), False),
    )
    assert portfolio.projects == (
        PortfolioProject("丁企业专利导航", "专利导航", "企业经营类", "市级", 2026, date(2026, 4, 1),
                         "已立项"),
        PortfolioProject("丁高价值培育", "高价值专利组合培育", "", "省级", 2026, None, "未立项"),
    )
    assert portfolio.loans == (PortfolioLoan(date(2025, 11, 1), 300.0, "城西银行", "DJ9", 2),)


def test_portfolio_at_an_earlier_date_shows_the_old_name(district):
    portfolio = company_portfolio(district, DING, date(2025, 12, 31))
    assert (portfolio.name, portfolio.former_names, portfolio.town) == (DING_OLD, (), "城西街道")
    # the export of D is the only observation, so its dates decide earlier days: A1, A5 (granted 2025-01-01)
    assert portfolio.counts == COUNTS_ON_D
    assert [d.category for d in portfolio.designations] == ["贯标认证（GB/T 29490）", "知识产权优势企业"]
    assert portfolio.projects == ()  # the 2026 projects were approved after this date
    assert [loan.registration_no for loan in portfolio.loans] == ["DJ9"]


def test_a_name_carried_by_two_enterprises_is_ambiguous(district):
    with pytest.raises(AmbiguousName, match="对应多家企业") as raised:
        company_portfolio(district, XINGHE, D)
    assert f"{XINGHE}（{CODES[XINGHE]}）" in raised.value.message
    assert f"{XINGHE_AI}（{CODES[XINGHE_AI]}）" in raised.value.message
    assert company_portfolio(district, CODES[XINGHE_AI], D).name == XINGHE_AI  # the code settles it


def test_unknown_enterprise_gets_a_hint(district):
    with pytest.raises(NotFound, match=r"企业名录中找不到「某某有限公司」.*ipdb unmatched"):
        company_portfolio(district, "某某有限公司", D)


def test_portfolio_counts_are_the_enterprise_rankings(district):
    """One rule: an enterprise's counts are its values in the enterprise rankings of the same metrics."""
    from ipdb.figures.rankings import rank

    counts = company_portfolio(district, DING, D).counts
    expected = {
        "invention_patents": counts.inventions,
        "patents_in_force": counts.inventions + counts.utility_models + counts.designs,
        "trademarks_registered": counts.trademarks,
        "madrid_registrations": counts.madrid,
    }
    for key, count in expected.items():
        values = {r.name: r.value for r in rank(district, key, as_of=D, top=100).rows}
        assert values[DING] == count, key
