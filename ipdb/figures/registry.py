"""The one table of Part I metrics: every figure the summary, the rankings, the portfolios and the briefing show.

A metric is declared once: its key, Chinese name, unit, stock or flow, 口径 text, the district SQL
(``district``: each right once, whoever holds it) and the per-holder source a ranking counts (``holders``:
every enterprise holder credited in full), the aliases a clerk may type, and the import kinds it is computed
from (口径说明's sources). ``district`` None: a ranking only (the briefing's 当季新增发明授权); ``holders``
None: not ranked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ipdb.figures import district
from ipdb.figures.district import Result
from ipdb.figures.holders import Source, by_holder, holdings
from ipdb.figures.numbers import MONEY_UNIT
from ipdb.figures.predicates import FUND_IN_P, HIGH_VALUE, IN_FORCE, IN_P, IN_REGISTER_AT_END
from ipdb.figures.query import Query


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    kind: str  # 'stock' | 'flow'
    unit: str
    definition: str  # the printed 口径, Chinese, from Part I
    district: Callable[[Query], Result] | None
    holders: Source | None = None
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ("patents",)  # import kinds the figure is computed from

    @property
    def short_name(self) -> str:
        """The name without its parenthesised gloss: 发明专利拥有量（有效发明专利） -> 发明专利拥有量."""
        return re.sub(r"（.*）$", "", self.name)

    @property
    def basis_kind(self) -> str:
        """The import kind the figure stands on: without it the figure is not imported (the others, such as
        awards for high-value patents, are criteria that say when they are not evaluated)."""
        return next(k for k in self.sources if k != "companies")

    @property
    def count_unit(self) -> str:
        """The unit a sentence says after the number (件/万人 -> 件)."""
        return self.unit.split("/")[0]


METRICS: tuple[Metric, ...] = (  # Part I's table, in its order
    Metric(
        "invention_patents",
        "发明专利拥有量（有效发明专利）",
        "stock",
        "件",
        "在统计截止日有效的发明专利（类型号1或8，含PCT进入中国的发明），每件只计一次",
        district.invention_patents,
        holders=holdings("patents", IN_FORCE, "invention"),
        aliases=("发明专利拥有量", "有效发明专利", "发明专利", "发明专利有效量", "发明"),
    ),
    Metric(
        "invention_patents_10y",
        "10年以上有效发明专利",
        "stock",
        "件",
        "有效发明专利中，统计截止日已满申请日起10周年的（2月29日申请的以2月28日为周年日）",
        district.invention_patents_10y,
        holders=holdings("patents", f"{IN_FORCE} AND f.filing_date <= :cutoff", "invention"),
        aliases=("10年以上发明专利", "十年以上有效发明专利", "维持10年以上发明专利", "维持十年以上发明专利"),
    ),
    Metric(
        "high_value_invention_patents",
        "高价值发明专利",
        "stock",
        "件",
        "有效发明专利中，符合任一高价值情形的（同时符合多项只计一次）",
        district.high_value_invention_patents,
        holders=holdings("patents", f"{IN_FORCE} AND {HIGH_VALUE}", "invention"),
        aliases=("高价值发明专利拥有量", "高价值专利"),
        sources=("patents", "awards", "pledges"),
    ),
    Metric(
        "patents_in_force",
        "有效专利",
        "stock",
        "件",
        "在统计截止日有效的各类专利，每件只计一次",
        district.patents_in_force,
        holders=holdings("patents", IN_FORCE),
        aliases=("有效专利量", "专利拥有量", "专利"),
    ),
    Metric(
        "patent_applications",
        "专利申请量",
        "flow",
        "件",
        "申请日在统计期间内的专利申请（按期末登记簿），每件只计一次",
        district.patent_applications,
        holders=holdings("patents", f"{IN_REGISTER_AT_END} AND f.filing_date {IN_P}"),
        aliases=("专利申请", "申请量"),
    ),
    Metric(
        "patent_grants",
        "专利授权量",
        "flow",
        "件",
        "授权公告日在统计期间内的专利（按期末登记簿），每件只计一次",
        district.patent_grants,
        holders=holdings("patents", f"{IN_REGISTER_AT_END} AND f.granted_on {IN_P}", scan=True),
        aliases=("专利授权", "授权量"),
    ),
    Metric(
        "invention_grants",
        "发明专利授权量",
        "flow",
        "件",
        "名录内企业持有的、授权公告日在当季的发明专利（按季末登记簿），每家企业全额计算",
        None,
        holders=holdings("patents", f"{IN_REGISTER_AT_END} AND f.granted_on {IN_P}", "invention", scan=True),
        aliases=("发明专利授权", "发明授权", "新增发明授权", "当季新增发明授权"),
        sources=("companies", "patents"),
    ),
    Metric(
        "trademarks_registered",
        "注册商标拥有量（有效注册商标）",
        "stock",
        "件",
        "统计截止日已注册、专用权期限未届满且未被注销或宣告无效的注册商标（按注册号+类别计）",
        district.trademarks_registered,
        holders=holdings("trademarks", IN_FORCE),
        aliases=("注册商标拥有量", "有效注册商标", "注册商标", "商标拥有量", "商标"),
        sources=("trademarks",),
    ),
    Metric(
        "madrid_registrations",
        "马德里国际商标",
        "stock",
        "件",
        "统计截止日已国际注册且未到期、未注销的马德里国际注册（按国际注册号计，后期指定不另计）",
        district.madrid_registrations,
        holders=holdings("madrid", IN_FORCE),
        aliases=("马德里商标", "马德里", "马德里国际注册"),
        sources=("madrid",),
    ),
    Metric(
        "well_known_marks",
        "中国驰名商标",
        "stock",
        "件",
        "统计截止日前（含当日）被认定的驰名商标，累计计算，重复认定只计一次",
        district.well_known_marks,
        holders=by_holder("well_known_mark w", "w.recognized_on <= :d", "w.mark_key", unique=False),
        aliases=("驰名商标",),
        sources=("well-known",),
    ),
    Metric(
        "ip_standard_enterprises",
        "贯标企业",
        "stock",
        "家",
        "统计截止日持有GB/T 29490认证（已发证且未过有效期）的企业",
        district.ip_standard_enterprises,
        sources=("designations",),
    ),
    Metric(
        "national_demo_enterprises",
        "国家知识产权示范企业",
        "stock",
        "家",
        "统计截止日持有国家知识产权示范企业称号（已认定且在有效期内，未注明有效期的视为有效）的企业",
        district.national_demo_enterprises,
        sources=("designations",),
    ),
    Metric(
        "national_advantage_enterprises",
        "国家知识产权优势企业",
        "stock",
        "家",
        "统计截止日持有国家知识产权优势企业称号（已认定且在有效期内，未注明有效期的视为有效）的企业",
        district.national_advantage_enterprises,
        sources=("designations",),
    ),
    Metric(
        "pledge_amount",
        "知识产权质押融资额",
        "flow",
        MONEY_UNIT,
        "质押登记日在统计期间内的质押融资金额合计（每笔贷款只计一次，不论质押几件权利）",
        district.pledge_amount,
        holders=by_holder("pledge_loan l", f"l.registered_on {IN_P}", "l.id", "l.amount_yuan"),
        aliases=("质押融资额", "质押融资金额", "质押融资", "融资额"),
        sources=("pledges",),
    ),
    Metric(
        "pledge_loans",
        "质押融资笔数",
        "flow",
        "笔",
        "质押登记日在统计期间内的质押融资笔数",
        district.pledge_loans,
        holders=by_holder("pledge_loan l", f"l.registered_on {IN_P}", "l.id"),
        aliases=("质押笔数", "融资笔数"),
        sources=("pledges",),
    ),
    Metric(
        "pledge_enterprises",
        "质押融资企业数",
        "flow",
        "家",
        "统计期间内有质押融资登记的出质企业数",
        district.pledge_enterprises,
        sources=("pledges",),
    ),
    Metric(
        "navigation_projects",
        "专利导航项目",
        "flow",
        "项",
        "统计期间内立项（获批）的专利导航项目（推荐、申报、拟立项、公示、未通过不计；仅有年度的按年度计）",
        district.navigation_projects,
        sources=("projects",),
    ),
    Metric(
        "high_value_portfolio_projects",
        "高价值专利组合培育项目",
        "flow",
        "项",
        "统计期间内立项（获批）的高价值专利组合培育项目（仅有年度的按年度计）",
        district.high_value_portfolio_projects,
        sources=("projects",),
    ),
    Metric(
        "patent_awards",
        "中国专利奖",
        "flow",
        "项",
        "获奖年度在统计期间所涉年度内的中国专利奖（金奖、银奖、优秀奖）",
        district.patent_awards,
        sources=("awards",),
    ),
    Metric(
        "fund_enterprises",
        "专项资金申报企业数",
        "flow",
        "家",
        "统计期间内申报知识产权专项资金的企业数",
        district.fund_enterprises,
        sources=("funds",),
    ),
    Metric(
        "fund_amount",
        "专项资金申报金额",
        "flow",
        MONEY_UNIT,
        "统计期间内知识产权专项资金申报金额合计",
        district.fund_amount,
        holders=by_holder("fund_application a", FUND_IN_P, "a.id", "a.amount_yuan"),
        aliases=("专项资金", "专项资金金额", "资助金额"),
        sources=("funds",),
    ),
    Metric(
        "trademark_cases",
        "查办商标违法案件",
        "flow",
        "件",
        "结案日期在统计期间内的商标违法案件",
        district.trademark_cases,
        sources=("cases",),
    ),
    Metric(
        "invention_patents_per_10k",
        "每万人口发明专利拥有量",
        "stock",
        "件/万人",
        "有效发明专利件数除以统计截止日所在年度的常住人口（万人）",
        district.invention_patents_per_10k,
    ),
)
METRICS_BY_KEY = {m.key: m for m in METRICS}
DISTRICT = tuple(m for m in METRICS if m.district is not None)  # the headline's figures, in order
RANKED = {m.key: m for m in METRICS if m.holders is not None}  # what ``ipdb rank`` accepts
