"""District totals: every metric of domain.md Part I, computed in SQL over the store.

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

from typing import Any

from ipdb import stock_changes
from ipdb.figures import predicates
from ipdb.figures.holder_groups import holder_group_breakdown
from ipdb.figures.numbers import wan
from ipdb.figures.query import Query
from ipdb.figures.wording import money_text
from ipdb.reading import as_reader
from ipdb.settings import pledge_threshold
from ipdb.vocabulary import AWARD_LEVEL_ZH, CATEGORY_ZH, END_OF_TIME_ISO, LEVEL_ZH, NAV_KIND_ZH

# (value, breakdown lines, note): value unrounded (money in 万元), None when it cannot be computed.
Result = tuple[int | float | None, tuple[tuple[str, float | int], ...], str]


# ---- registers -----------------------------------------------------------------------------------
#
# Query shapes are chosen for the planner (shared/PERFORMANCE.md §5). The stocks (in force, 10 years or more) are
# sums over the registers' stock changes by day (ipdb.stock_changes): a few thousand rows, not a pass over every
# right in force; only the high-value patents that are not 10 years old are counted on the facts, driven by the
# few special patents (CROSS JOIN: SQLite would otherwise walk every invention in force). The filings in P test a
# date the kind index holds only after its range, so ``+f.kind`` keeps the planner off that index and on the
# filed-led one; the grants in P range over the kind index itself (PATENT_GRANTS).

SPECIAL_IN_FORCE = f"""
SELECT COUNT(*) FROM ({predicates.SPECIAL_PATENTS}) s CROSS JOIN right_fact f
WHERE f.right_id = s.id AND {predicates.INVENTIONS} AND {predicates.IN_FORCE}
  AND (f.filing_date IS NULL OR f.filing_date > :cutoff)
"""
PATENT_FLOW = "SELECT f.category, COUNT(*) FROM right_fact f WHERE +f.kind = 'patents' AND {where} GROUP BY f.category"
# Grants in P as the register stands at P's end (IN_REGISTER_AT_END, split at END_OF_TIME) from ix_right_fact_kind
# (kind, category, hi, granted_on, …) alone: the open spans are one granted_on range per type, the spans closed
# after P's end (the changes since) a short scan; no granted-led index is written.
_GRANTS_OF = f"""SELECT f.category, COUNT(*) AS n FROM right_fact f
WHERE {predicates.PATENTS} AND {{spans}} AND f.lo <= :end AND {predicates.GRANTED_IN_P} GROUP BY f.category"""
PATENT_GRANTS = f"""SELECT category, SUM(n) FROM (
{_GRANTS_OF.format(spans=f"f.hi = '{END_OF_TIME_ISO}'")}
UNION ALL
{_GRANTS_OF.format(spans=f":end < f.hi AND f.hi < '{END_OF_TIME_ISO}'")}
) GROUP BY category"""


def _stocks(q: Query, kind: str) -> dict[str, tuple[int, int]]:
    """(in force, of which 10 years or more) as of D by type of one register, shared by the headline's figures."""
    key = f"stocks/{kind}"
    if key not in q.memo:
        q.memo[key] = stock_changes.stocks(q.reader, kind, q.as_of.isoformat())
    found: dict[str, tuple[int, int]] = q.memo[key]
    return found


def _inventions(q: Query) -> tuple[int, int, int]:
    """(in force, of which 10 years or more, of which high-value) as of D."""
    if "inventions" not in q.memo:
        in_force, ten_years = _stocks(q, "patents").get("invention", (0, 0))
        params = {**q.params, "pledge_min": pledge_threshold(q.conn)}
        special = int(q.reader.scalar(SPECIAL_IN_FORCE, params) or 0)
        q.memo["inventions"] = (in_force, ten_years, ten_years + special)
    counts: tuple[int, int, int] = q.memo["inventions"]
    return counts


def _by_category(counts: dict[str, int]) -> Result:
    breakdown = tuple((zh, int(counts.get(key, 0))) for key, zh in CATEGORY_ZH.items())
    return sum(n for _, n in breakdown), breakdown, ""


def _patent_flow(q: Query, where: str) -> Result:
    return _by_category(dict(q.rows(PATENT_FLOW.format(where=where))))


def _count_rights(q: Query, kind: str) -> int:
    return sum(n for n, _ in _stocks(q, kind).values())


def invention_patents(q: Query) -> Result:
    """In force on D, with how much of it each holder group holds (Part I "Holder groups")."""
    total = _inventions(q)[0]
    groups = holder_group_breakdown(q, f"{predicates.INVENTIONS} AND {predicates.IN_FORCE}") if q.holder_groups else ()
    return total, groups, ""


def invention_patents_10y(q: Query) -> Result:
    return _inventions(q)[1], (), ""


def high_value_invention_patents(q: Query) -> Result:
    return _inventions(q)[2], (), high_value_note(q.conn)


def patents_in_force(q: Query) -> Result:
    others = {c: n for c, (n, _) in _stocks(q, "patents").items() if c in ("utility", "design")}
    return _by_category({"invention": _inventions(q)[0], **others})


def patent_applications(q: Query) -> Result:
    return _patent_flow(q, f"{predicates.IN_REGISTER_AT_END} AND {predicates.FILED_IN_P}")


def patent_grants(q: Query) -> Result:
    return _by_category(dict(q.rows(PATENT_GRANTS)))


def trademarks_registered(q: Query) -> Result:
    return _count_rights(q, "trademarks"), (), ""


def madrid_registrations(q: Query) -> Result:
    return _count_rights(q, "madrid"), (), ""


def high_value_note(conn: Any) -> str:
    """Which of the five criteria were evaluated (domain.md §4.3: report those not evaluated)."""
    threshold = pledge_threshold(conn)
    has_awards = as_reader(conn).scalar("SELECT EXISTS (SELECT 1 FROM patent_award)")
    done = ["维持10年以上"]
    missing = ["战略性新兴产业（无数据）", "海外同族专利授权（无数据）"]
    awards = "获中国专利奖等奖项" + ("" if has_awards else "（未导入获奖名单）")
    (done if has_awards else missing).append(awards)
    if threshold is None:
        missing.append("质押融资金额（未配置门槛 high_value_pledge_min_yuan）")
    else:
        done.append(f"累计质押融资额不低于{money_text(threshold / 10_000)}")
    return f"已评价：{'、'.join(done)}；未评价：{'、'.join(missing)}。"


# ---- lists ---------------------------------------------------------------------------------------


def well_known_marks(q: Query) -> Result:
    value = q.scalar(f"SELECT COUNT(DISTINCT mark_key) FROM well_known_mark WHERE {predicates.RECOGNIZED}")
    return int(value), (), ""


def _designated(q: Query, category: str, level: str | None) -> Result:
    value = q.scalar(
        f"SELECT COUNT(DISTINCT {predicates.PARTY}) {predicates.DESIGNATIONS_HELD}", category=category, level=level
    )
    return int(value or 0), (), ""


def ip_standard_enterprises(q: Query) -> Result:
    return _designated(q, "standard", None)


def national_demo_enterprises(q: Query) -> Result:
    return _designated(q, "demo", "national")


def national_advantage_enterprises(q: Query) -> Result:
    return _designated(q, "advantage", "national")


def pledge_amount(q: Query) -> Result:
    return wan(q.scalar(f"SELECT COALESCE(SUM(l.amount_yuan), 0) {predicates.PLEDGES_IN_P}")), (), ""


def pledge_loans(q: Query) -> Result:
    return int(q.scalar(f"SELECT COUNT(*) {predicates.PLEDGES_IN_P}")), (), ""


def pledge_enterprises(q: Query) -> Result:
    return int(q.scalar(f"SELECT COUNT(DISTINCT {predicates.PARTY}) {predicates.PLEDGES_IN_P}")), (), ""


def _projects(q: Query, program: str) -> Result:
    rows = q.rows(
        f"SELECT nav_kind, level, COUNT(*) FROM project WHERE program = :program "
        f"AND {predicates.APPROVED_IN_P} GROUP BY nav_kind, level",
        program=program,
    )
    kinds = _tally(rows, 0, NAV_KIND_ZH, "未注明类别") if program == "navigation" else ()
    return (
        sum(r[2] for r in rows),
        kinds + _tally(rows, 1, LEVEL_ZH, "未注明级别"),
        year_note(q, "projects", program=program),
    )


def year_note(q: Query, kind: str, **extra: Any) -> str:
    """含年度数据 when records dated only by their year are counted; 另有年度数据N项未按季度计入 when the period is
    inside their year (Part I "Records without a date of their own")."""
    counted = (
        int(q.scalar(predicates.YEAR_ONLY_COUNTED[kind], **extra) or 0) if kind in predicates.YEAR_ONLY_COUNTED else 0
    )
    left_out = int(q.scalar(predicates.YEAR_ONLY_LEFT_OUT[kind], **extra) or 0)
    notes = ["含年度数据"] if counted else []
    if left_out:
        notes.append(f"另有年度数据{left_out}项未按季度计入")
    return "；".join(notes)


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
        f"WHERE {predicates.AWARDED_IN_P} GROUP BY a.level"
    )
    return sum(r[1] for r in rows), _tally(rows, 0, AWARD_LEVEL_ZH, "未注明等级"), year_note(q, "awards")


def fund_enterprises(q: Query) -> Result:
    return (
        int(q.scalar(f"SELECT COUNT(DISTINCT {predicates.PARTY}) {predicates.FUNDS_IN_P}")),
        (),
        year_note(q, "funds"),
    )


def fund_amount(q: Query) -> Result:
    return wan(q.scalar(f"SELECT COALESCE(SUM(a.amount_yuan), 0) {predicates.FUNDS_IN_P}")), (), year_note(q, "funds")


def trademark_cases(q: Query) -> Result:
    value = q.scalar(f"SELECT COUNT(*) FROM trademark_case WHERE {predicates.CLOSED_IN_P}")
    return int(value), (), ""


def invention_patents_per_10k(q: Query) -> Result:
    persons = q.scalar("SELECT persons FROM population WHERE year = :year")
    if not persons:
        return None, (), f"未配置{q.as_of.year}年常住人口，无法计算。"
    wan = persons / 10_000
    return _inventions(q)[0] / wan, (), f"常住人口{wan:g}万人（{q.as_of.year}年）。"
