"""Headline figures: every metric of domain.md Part I, computed in SQL over the store.

Stocks are counted as of a date D, flows over a period P (Part I "Stocks and flows"). District
totals count each right once, whoever holds it, from ``right_fact`` (Part I "The registers are the
district's"). ``right_fact`` holds exactly one row per right for any D (its intervals [lo, hi) do
not overlap, see ipdb.facts), so ``COUNT(*)`` over a date test counts distinct rights and stays an
index-only scan (shared/PERFORMANCE.md §5).

Conventions decided here (the contract leaves them open; each is also said in the figure's 口径):

* 10-year anniversary (§4.4): D counts once D >= filing date + 10 years. A 29 February filing
  reaches its anniversary on 28 February of a common year (民法典 第二百零三条: a period without
  the corresponding day ends on the month's last day), not on 1 March as SQLite's date() has it.
* Records that only carry a year (projects without an approval date, award years) fall in P when
  their year overlaps P: ``year between P.start.year and P.end.year``. For the same reason an award
  makes a patent high-value (§4.3 criterion 5) as of any D in or after its award year.
* High-value criterion 4 (§4.3, threshold unconfirmed): the loans registered on or before D that
  pledge the patent, each counted in full, add up to at least ``high_value_pledge_min_yuan``;
  not evaluated while that setting is absent. Criteria 1 and 2 have no data: never evaluated.
* Enterprises in list-based figures (贯标, 示范, 质押, 专项资金) are counted once per linked
  enterprise; a party not linked to the enterprise list counts once as itself.
* Money is integer 元 in the store; a Figure carries it in 万元, unrounded.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, text

from ipdb.periods import Period, format_day
from ipdb.settings import pledge_threshold
from ipdb.store import Store
from ipdb.values.money import format_yi
from ipdb.vocabulary import AWARD_LEVEL_ZH, CATEGORY_ZH, LEVEL_ZH, NAV_KIND_ZH

MONEY_UNIT = "万元"

# Part I "In force on D", on a right_fact (or holding_fact) row aliased f.
IN_FORCE = "f.lo <= :d AND :d < f.hi AND f.in_force_from <= :d AND (f.ends_on IS NULL OR f.ends_on > :d)"
# Flows of a register: the right as the register stands at the period's end.
IN_REGISTER_AT_END = "f.lo <= :end AND :end < f.hi"
# One enterprise per linked company; an unlinked party counts as itself (module docstring).
PARTY = "COALESCE('c' || h.company_id, 'h' || h.id)"
# §5.3 / §4.3 criterion 5: China Patent Award (incl. 中国外观设计奖); national S&T awards for high value.
CHINA_AWARD = "(a.award_name LIKE '中国专利%' OR a.award_name LIKE '中国外观设计%')"
HIGH_VALUE_AWARD = f"({CHINA_AWARD} OR a.award_name LIKE '国家%科学技术%奖%' OR a.award_name LIKE '国家%科技%奖%')"


@dataclass(frozen=True)
class Figure:
    """One headline figure; ``value`` is unrounded (money in 万元), ``basis`` is its 口径 footnote."""

    key: str
    name: str
    kind: str  # 'stock' | 'flow'
    value: int | float | None
    unit: str
    basis: str
    breakdown: tuple[tuple[str, float | int], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Headline:
    as_of: date
    period: Period
    figures: tuple[Figure, ...]

    def get(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)


@dataclass(frozen=True)
class FigureChange:
    key: str
    name: str
    kind: str
    unit: str
    value: int | float | None
    previous: int | float | None
    change: int | float | None


@dataclass(frozen=True)
class Query:
    """The parameters every metric's SQL binds: D, P and the derived bounds (ISO text)."""

    conn: Connection
    as_of: date
    period: Period
    memo: dict[str, Any] = field(default_factory=dict, compare=False)  # results shared by several metrics

    @property
    def params(self) -> dict[str, Any]:
        return {
            "d": self.as_of.isoformat(),
            "year": self.as_of.year,
            "cutoff": ten_year_cutoff(self.as_of).isoformat(),
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "y0": self.period.start.year,
            "y1": self.period.end.year,
        }

    def rows(self, sql: str, **extra: Any) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.conn.execute(text(sql), {**self.params, **extra})]

    def scalar(self, sql: str, **extra: Any) -> Any:
        return self.conn.execute(text(sql), {**self.params, **extra}).scalar()


Result = tuple[int | float | None, tuple[tuple[str, float | int], ...], str]


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    kind: str
    unit: str
    definition: str  # Chinese, from Part I
    compute: Callable[[Query], Result]


def ten_year_cutoff(d: date, years: int = 10) -> date:
    """The latest filing date whose 10th anniversary is on or before D (module docstring: 29 Feb)."""
    year = d.year - years
    if (d.month, d.day) == (2, 28) and not calendar.isleap(d.year) and calendar.isleap(year):
        return date(year, 2, 29)
    if (d.month, d.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, d.month, d.day)


# ---- registers -----------------------------------------------------------------------------------
#
# Query shapes are chosen for the planner (shared/PERFORMANCE.md §5). Stocks range over
# ix_right_fact_kind (kind, category, …); the invention pass also reads filing_date and right_id, so
# it is index-only once that index carries them (see bench/bench_rank.py RECOMMENDED_INDEXES). The
# flows test a date the kind index does not hold, so ``+f.kind`` keeps the planner off that index (an
# index hit plus a row fetch per right is the slow path) and lets it use a date-led index when the
# store has one, else scan the table once.

# Patents (right ids) meeting criterion 4 or 5 as of D (§4.3); criterion 3 is tested on the row.
SPECIAL_PATENTS = f"""
SELECT r.id FROM "right" r WHERE r.kind = 'patents' AND r.key IN (
    SELECT a.patent_key FROM patent_award a WHERE a.award_year <= :year AND {HIGH_VALUE_AWARD}
    UNION
    SELECT p.right_key FROM pledged_right p JOIN pledge_loan l ON l.id = p.loan_id
    WHERE p.right_kind = 'patents' AND l.registered_on <= :d
    GROUP BY p.right_key HAVING SUM(l.amount_yuan) >= :pledge_min)
"""
HIGH_VALUE = f"(f.filing_date <= :cutoff OR f.right_id IN ({SPECIAL_PATENTS}))"

INVENTION_STOCKS = f"""
SELECT COUNT(*), SUM(f.filing_date <= :cutoff), SUM({HIGH_VALUE})
FROM right_fact f WHERE f.kind = 'patents' AND f.category = 'invention' AND {IN_FORCE}
"""
OTHER_PATENT_STOCKS = f"""
SELECT f.category, COUNT(*) FROM right_fact f
WHERE f.kind = 'patents' AND f.category IN ('utility', 'design') AND {IN_FORCE} GROUP BY f.category
"""
PATENT_FLOW = "SELECT f.category, COUNT(*) FROM right_fact f WHERE +f.kind = 'patents' AND {where} GROUP BY f.category"


def _inventions(q: Query) -> tuple[int, int, int]:
    """(in force, of which 10 years or more, of which high-value) as of D, in one index pass."""
    if "inventions" not in q.memo:
        params = {**q.params, "pledge_min": pledge_threshold(q.conn)}
        row = q.conn.execute(text(INVENTION_STOCKS), params).one()
        q.memo["inventions"] = (int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))
    counts: tuple[int, int, int] = q.memo["inventions"]
    return counts


def _by_category(counts: dict[str, int]) -> Result:
    breakdown = tuple((zh, int(counts.get(key, 0))) for key, zh in CATEGORY_ZH.items())
    return sum(n for _, n in breakdown), breakdown, ""


def _patent_flow(q: Query, where: str) -> Result:
    return _by_category(dict(q.rows(PATENT_FLOW.format(where=where))))


def _count_rights(q: Query, kind: str) -> int:
    sql = f"SELECT COUNT(*) FROM right_fact f WHERE f.kind = :kind AND {IN_FORCE}"
    return int(q.scalar(sql, kind=kind) or 0)


def invention_patents(q: Query) -> Result:
    return _inventions(q)[0], (), ""


def invention_patents_10y(q: Query) -> Result:
    return _inventions(q)[1], (), ""


def high_value_invention_patents(q: Query) -> Result:
    return _inventions(q)[2], (), high_value_note(q.conn)


def patents_in_force(q: Query) -> Result:
    return _by_category({"invention": _inventions(q)[0], **dict(q.rows(OTHER_PATENT_STOCKS))})


def patent_applications(q: Query) -> Result:
    return _patent_flow(q, f"{IN_REGISTER_AT_END} AND f.filing_date BETWEEN :start AND :end")


def patent_grants(q: Query) -> Result:
    return _patent_flow(q, f"{IN_REGISTER_AT_END} AND f.granted_on BETWEEN :start AND :end")


def trademarks_registered(q: Query) -> Result:
    return _count_rights(q, "trademarks"), (), ""


def madrid_registrations(q: Query) -> Result:
    return _count_rights(q, "madrid"), (), ""


def high_value_note(conn: Connection) -> str:
    """Which of the five criteria were evaluated (domain.md §4.3: report those not evaluated)."""
    threshold = pledge_threshold(conn)
    has_awards = conn.execute(text("SELECT EXISTS (SELECT 1 FROM patent_award)")).scalar()
    done = ["维持10年以上"]
    missing = ["战略性新兴产业（无数据）", "海外同族专利授权（无数据）"]
    awards = "获中国专利奖等奖项" + ("" if has_awards else "（未导入获奖名单）")
    (done if has_awards else missing).append(awards)
    if threshold is None:
        missing.append("质押融资金额（未配置门槛 high_value_pledge_min_yuan）")
    else:
        done.append(f"累计质押融资额不低于{_wan_text(threshold)}")
    return f"已评价：{'、'.join(done)}；未评价：{'、'.join(missing)}。"


# ---- lists ---------------------------------------------------------------------------------------


def well_known_marks(q: Query) -> Result:
    value = q.scalar("SELECT COUNT(DISTINCT mark_key) FROM well_known_mark WHERE recognized_on <= :d")
    return int(value), (), ""


def _designated(q: Query, category: str, level: str | None) -> Result:
    value = q.scalar(
        f"""
        SELECT COUNT(DISTINCT {PARTY}) FROM designation g JOIN holder h ON h.id = g.holder_id
        WHERE g.category = :category AND (:level IS NULL OR g.level = :level)
          AND g.designated_on <= :d AND (g.valid_until IS NULL OR g.valid_until >= :d)""",
        category=category,
        level=level,
    )
    return int(value or 0), (), ""


def ip_standard_enterprises(q: Query) -> Result:
    return _designated(q, "standard", None)


def national_demo_enterprises(q: Query) -> Result:
    return _designated(q, "demo", "national")


def national_advantage_enterprises(q: Query) -> Result:
    return _designated(q, "advantage", "national")


PLEDGES_IN_P = "FROM pledge_loan l JOIN holder h ON h.id = l.holder_id WHERE l.registered_on BETWEEN :start AND :end"


def pledge_amount(q: Query) -> Result:
    return _wan(q.scalar(f"SELECT COALESCE(SUM(l.amount_yuan), 0) {PLEDGES_IN_P}")), (), ""


def pledge_loans(q: Query) -> Result:
    return int(q.scalar(f"SELECT COUNT(*) {PLEDGES_IN_P}")), (), ""


def pledge_enterprises(q: Query) -> Result:
    return int(q.scalar(f"SELECT COUNT(DISTINCT {PARTY}) {PLEDGES_IN_P}")), (), ""


APPROVED_IN_P = """status_class = 'approved' AND CASE WHEN approved_on IS NOT NULL
    THEN approved_on BETWEEN :start AND :end ELSE approval_year BETWEEN :y0 AND :y1 END"""


def _projects(q: Query, program: str) -> Result:
    rows = q.rows(
        f"SELECT nav_kind, level, COUNT(*) FROM project WHERE program = :program "
        f"AND {APPROVED_IN_P} GROUP BY nav_kind, level",
        program=program,
    )
    kinds = _tally(rows, 0, NAV_KIND_ZH, "未注明类别") if program == "navigation" else ()
    return sum(r[2] for r in rows), kinds + _tally(rows, 1, LEVEL_ZH, "未注明级别"), ""


def _tally(
    rows: list[tuple[Any, ...]], column: int, names: dict[str, str], unknown: str
) -> tuple[tuple[str, int], ...]:
    """Counts (last column) by one column, in the order of ``names``; zero entries left out."""
    totals: dict[str, int] = {}
    labels = names
    for row in rows:
        label = labels.get(row[column]) or (row[column] if row[column] else unknown)
        totals[label] = totals.get(label, 0) + int(row[-1])
    order = [*names.values(), *sorted(k for k in totals if k not in labels.values())]
    return tuple((label, totals[label]) for label in order if totals.get(label))


def navigation_projects(q: Query) -> Result:
    return _projects(q, "navigation")


def high_value_portfolio_projects(q: Query) -> Result:
    return _projects(q, "high_value")


def patent_awards(q: Query) -> Result:
    rows = q.rows(
        f"SELECT a.level, COUNT(DISTINCT a.patent_key || '/' || a.award_year) FROM patent_award a "
        f"WHERE a.award_year BETWEEN :y0 AND :y1 AND {CHINA_AWARD} GROUP BY a.level"
    )
    return sum(r[1] for r in rows), _tally(rows, 0, AWARD_LEVEL_ZH, "未注明等级"), ""


FUNDS_IN_P = "FROM fund_application a JOIN holder h ON h.id = a.holder_id WHERE a.dated_on BETWEEN :start AND :end"


def fund_enterprises(q: Query) -> Result:
    return int(q.scalar(f"SELECT COUNT(DISTINCT {PARTY}) {FUNDS_IN_P}")), (), ""


def fund_amount(q: Query) -> Result:
    return _wan(q.scalar(f"SELECT COALESCE(SUM(a.amount_yuan), 0) {FUNDS_IN_P}")), (), ""


def trademark_cases(q: Query) -> Result:
    value = q.scalar("SELECT COUNT(*) FROM trademark_case WHERE closed_on BETWEEN :start AND :end")
    return int(value), (), ""


def invention_patents_per_10k(q: Query) -> Result:
    persons = q.scalar("SELECT persons FROM population WHERE year = :year")
    if not persons:
        return None, (), f"未配置{q.as_of.year}年常住人口，无法计算。"
    wan = persons / 10_000
    return _inventions(q)[0] / wan, (), f"常住人口{wan:g}万人（{q.as_of.year}年）。"


def _wan(yuan: Any) -> float:
    return int(yuan or 0) / 10_000


METRICS: tuple[Metric, ...] = (  # Part I's table, in its order; definitions are the printed 口径
    Metric(
        "invention_patents",
        "发明专利拥有量（有效发明专利）",
        "stock",
        "件",
        "在统计截止日有效的发明专利（类型号1或8，含PCT进入中国的发明），每件只计一次",
        invention_patents,
    ),
    Metric(
        "invention_patents_10y",
        "10年以上有效发明专利",
        "stock",
        "件",
        "有效发明专利中，统计截止日已满申请日起10周年的（2月29日申请的以2月28日为周年日）",
        invention_patents_10y,
    ),
    Metric(
        "high_value_invention_patents",
        "高价值发明专利",
        "stock",
        "件",
        "有效发明专利中，符合任一高价值情形的（同时符合多项只计一次）",
        high_value_invention_patents,
    ),
    Metric("patents_in_force", "有效专利", "stock", "件", "在统计截止日有效的各类专利，每件只计一次", patents_in_force),
    Metric(
        "patent_applications",
        "专利申请量",
        "flow",
        "件",
        "申请日在统计期间内的专利申请（按期末登记簿），每件只计一次",
        patent_applications,
    ),
    Metric(
        "patent_grants",
        "专利授权量",
        "flow",
        "件",
        "授权公告日在统计期间内的专利（按期末登记簿），每件只计一次",
        patent_grants,
    ),
    Metric(
        "trademarks_registered",
        "注册商标拥有量（有效注册商标）",
        "stock",
        "件",
        "统计截止日已注册、专用权期限未届满且未被注销或宣告无效的注册商标（按注册号+类别计）",
        trademarks_registered,
    ),
    Metric(
        "madrid_registrations",
        "马德里国际商标",
        "stock",
        "件",
        "统计截止日已国际注册且未到期、未注销的马德里国际注册（按国际注册号计，后期指定不另计）",
        madrid_registrations,
    ),
    Metric(
        "well_known_marks",
        "中国驰名商标",
        "stock",
        "件",
        "统计截止日前（含当日）被认定的驰名商标，累计计算，重复认定只计一次",
        well_known_marks,
    ),
    Metric(
        "ip_standard_enterprises",
        "贯标企业",
        "stock",
        "家",
        "统计截止日持有GB/T 29490认证（已发证且未过有效期）的企业",
        ip_standard_enterprises,
    ),
    Metric(
        "national_demo_enterprises",
        "国家知识产权示范企业",
        "stock",
        "家",
        "统计截止日持有国家知识产权示范企业称号（已认定且在有效期内，未注明有效期的视为有效）的企业",
        national_demo_enterprises,
    ),
    Metric(
        "national_advantage_enterprises",
        "国家知识产权优势企业",
        "stock",
        "家",
        "统计截止日持有国家知识产权优势企业称号（已认定且在有效期内，未注明有效期的视为有效）的企业",
        national_advantage_enterprises,
    ),
    Metric(
        "pledge_amount",
        "知识产权质押融资额",
        "flow",
        MONEY_UNIT,
        "质押登记日在统计期间内的质押融资金额合计（每笔贷款只计一次，不论质押几件权利）",
        pledge_amount,
    ),
    Metric("pledge_loans", "质押融资笔数", "flow", "笔", "质押登记日在统计期间内的质押融资笔数", pledge_loans),
    Metric(
        "pledge_enterprises", "质押融资企业数", "flow", "家", "统计期间内有质押融资登记的出质企业数", pledge_enterprises
    ),
    Metric(
        "navigation_projects",
        "专利导航项目",
        "flow",
        "项",
        "统计期间内立项（获批）的专利导航项目（推荐、申报、拟立项、公示、未通过不计；仅有年度的按年度计）",
        navigation_projects,
    ),
    Metric(
        "high_value_portfolio_projects",
        "高价值专利组合培育项目",
        "flow",
        "项",
        "统计期间内立项（获批）的高价值专利组合培育项目（仅有年度的按年度计）",
        high_value_portfolio_projects,
    ),
    Metric(
        "patent_awards",
        "中国专利奖",
        "flow",
        "项",
        "获奖年度在统计期间所涉年度内的中国专利奖（金奖、银奖、优秀奖）",
        patent_awards,
    ),
    Metric(
        "fund_enterprises",
        "专项资金申报企业数",
        "flow",
        "家",
        "统计期间内申报知识产权专项资金的企业数",
        fund_enterprises,
    ),
    Metric(
        "fund_amount", "专项资金申报金额", "flow", MONEY_UNIT, "统计期间内知识产权专项资金申报金额合计", fund_amount
    ),
    Metric("trademark_cases", "查办商标违法案件", "flow", "件", "结案日期在统计期间内的商标违法案件", trademark_cases),
    Metric(
        "invention_patents_per_10k",
        "每万人口发明专利拥有量",
        "stock",
        "件/万人",
        "有效发明专利件数除以统计截止日所在年度的常住人口（万人）",
        invention_patents_per_10k,
    ),
)
METRICS_BY_KEY = {m.key: m for m in METRICS}


def basis(metric: Metric, as_of: date, period: Period) -> str:
    """The 口径 footnote: the definition and the date or period it is counted at."""
    if metric.kind == "stock":
        return f"{metric.definition}；截至{format_day(as_of)}。"
    span = f"{format_day(period.start)}至{format_day(period.end)}"
    return f"{metric.definition}；统计期间{period.label}（{span}）。"


def compute(q: Query, metric: Metric) -> Figure:
    value, breakdown, note = metric.compute(q)
    return Figure(
        metric.key, metric.name, metric.kind, value, metric.unit, basis(metric, q.as_of, q.period), breakdown, note
    )


def headline(store: Store, as_of: date, period: Period) -> Headline:
    """Every Part I figure: stocks as of ``as_of``, flows over ``period`` (one connection, shared memo)."""
    with store.engine.connect() as conn:
        q = Query(conn, as_of, period)
        figures = tuple(compute(q, m) for m in METRICS)
    return Headline(as_of, period, figures)


# ---- output shapes -------------------------------------------------------------------------------


def json_value(figure: Figure) -> int | float | None:
    """Counts as int, money in 万元 with at most 2 decimals, ratios unrounded, unknown as None."""
    if figure.value is None:
        return None
    if figure.unit == MONEY_UNIT:
        return round(float(figure.value), 2)
    if figure.unit == "件/万人":
        return float(figure.value)
    return int(figure.value)


def headline_json(h: Headline) -> dict[str, Any]:
    data: dict[str, Any] = {f.key: json_value(f) for f in h.figures}
    data["as_of"] = h.as_of.isoformat()
    period = h.period
    data["period"] = {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label}
    return data


def money_text(wan: float) -> str:
    """A headline amount: 亿元 with one decimal from 1亿元 up, else 万元 without trailing zeros."""
    yuan = round(wan * 10_000)
    rounded_wan = (Decimal(yuan) / 10_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rounded_wan >= 10_000:
        return f"{format_yi(yuan)}亿元"
    return f"{_trim(rounded_wan)}万元"


def _wan_text(yuan: int) -> str:
    return money_text(yuan / 10_000)


def _trim(value: Decimal) -> str:
    text_ = f"{value:.2f}".rstrip("0").rstrip(".")
    return text_ or "0"


SENTENCE_STOCKS = (  # (key, wording, unit as a sentence says it)
    ("trademarks_registered", "注册商标拥有量", "件"),
    ("madrid_registrations", "马德里国际商标", "件"),
    ("well_known_marks", "中国驰名商标", "件"),
    ("invention_patents", "发明专利拥有量", "件"),
    ("invention_patents_per_10k", "每万人口发明专利拥有量", "件"),
    ("ip_standard_enterprises", "贯标企业", "家"),
    ("invention_patents_10y", "10年以上有效发明专利", "件"),
)


def headline_sentence(h: Headline) -> str:
    """The summary sentence of an annual/quarterly report.

    Stocks as of D, then the pledge flow over P; the per-10k clause only when population is
    configured (2 decimals); money per ``money_text``. Golden strings: tests/test_metrics.py.
    """
    parts = [
        f"{label}{_number_text(h.get(key).value)}{unit}"
        for key, label, unit in SENTENCE_STOCKS
        if h.get(key).value is not None
    ]
    pledge = money_text(float(h.get("pledge_amount").value or 0))
    return f"截至{format_day(h.as_of)}，全区{'，'.join(parts)}；{h.period.label}知识产权质押融资{pledge}。"


def _number_text(value: int | float | None) -> str:
    if isinstance(value, float):
        return f"{Decimal(str(value)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"
    return str(value)


def compare_headlines(current: Headline, previous: Headline) -> tuple[FigureChange, ...]:
    """Each figure of ``current`` next to the same key in ``previous`` (change = current - previous)."""
    changes = []
    for figure in current.figures:
        before = previous.get(figure.key).value
        change = figure.value - before if figure.value is not None and before is not None else None
        changes.append(FigureChange(figure.key, figure.name, figure.kind, figure.unit, figure.value, before, change))
    return tuple(changes)
