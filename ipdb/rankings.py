"""Rankings of enterprises, towns and industries by a Part I metric (domain.md Part I "Ties", "Enterprise
figures credit every holder in full").

Rules:

* Per enterprise every holder is credited in full (``holding_fact`` repeats a right per enterprise
  holder); per town / industry each right counts once (distinct rights held by at least one of its
  enterprises, grouped by the enterprise's town / industry as of D; none given -> 未注明).
* Ties share a rank (1, 2, 2, 4) and are listed by name (Unicode order); ranks use unrounded values;
  rows with value 0 are not listed. ``top=N`` lists every row ranked N or better, so a tie at the
  boundary is shown whole.
* Enterprise names are shown as of the ranking date D. With a comparison date the previous values
  are computed for the same enterprise (company id), so a renamed enterprise keeps one identity;
  ``previous_rank`` is its rank in the full previous ranking; ``None`` marks a new entry (新进).
  Towns and industries are compared by name, each ranking grouped as of its own date.
* Flow metrics need a period; without one the year to date of D is used (and of the comparison date
  for the previous ranking).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, text

from ipdb.errors import InvalidValue
from ipdb.metrics import HIGH_VALUE, IN_FORCE, IN_REGISTER_AT_END, MONEY_UNIT, Query
from ipdb.periods import Period, year_to_date
from ipdb.settings import pledge_threshold
from ipdb.store import Store
from ipdb.vocabulary import GROUP_ZH, fold

GROUPS = GROUP_ZH
UNSPECIFIED = "未注明"


@dataclass(frozen=True)
class Source:
    """Where a metric's rows come from: one row per (enterprise, item) credited to it."""

    tables: str
    where: str
    company: str  # SQL expression: the enterprise (company id) credited
    item: str  # SQL expression: the thing counted (right, loan, mark)
    amount: str | None = None  # summed instead of counting items (money, in 元)
    unique: bool = True  # one row per (enterprise, item) already: COUNT(*) suffices per enterprise


@dataclass(frozen=True)
class RankMetric:
    key: str
    name: str
    unit: str
    kind: str  # 'stock' | 'flow'
    aliases: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class RankingRow:
    rank: int  # 0 only in ``Ranking.dropped`` for an enterprise whose value fell to 0
    name: str
    value: float | int
    code: str | None = None
    previous_value: float | int | None = None
    previous_rank: int | None = None
    change: float | int | None = None
    movement: str = ""  # '↑3', '↓1', '—' (same rank), '新进' (new entry), '出榜' (dropped out)


@dataclass(frozen=True)
class Ranking:
    metric: str
    name: str
    unit: str
    by: str
    as_of: date
    period: Period | None
    rows: tuple[RankingRow, ...]
    compare_as_of: date | None = None
    compare_period: Period | None = None
    dropped: tuple[RankingRow, ...] = ()  # in the previous top N, no longer in it


def _holdings(kind: str, where: str, category: str | None = None, scan: bool = False) -> Source:
    """Rights of one register credited to every enterprise holder. ``scan``: the test reads a column
    ix_holding_fact_rank lacks (granted_on), so ``+f.kind`` makes one table scan instead of an index
    hit plus a row fetch per holding (shared/PERFORMANCE.md §5)."""
    category_test = f" AND f.category = '{category}'" if category else ""
    kind_test = f"{'+' if scan else ''}f.kind = '{kind}'"
    return Source("holding_fact f", f"{kind_test}{category_test} AND {where}", "f.company_id", "f.right_id")


def _by_holder(table: str, where: str, item: str, amount: str | None = None, unique: bool = True) -> Source:
    """A list whose rows name one party (holder_id); only parties linked to an enterprise count."""
    alias = table.split()[1]
    return Source(
        f"{table} JOIN holder h ON h.id = {alias}.holder_id",
        f"h.company_id IS NOT NULL AND {where}",
        "h.company_id",
        item,
        amount,
        unique,
    )


IN_P = "BETWEEN :start AND :end"

METRICS: dict[str, RankMetric] = {
    m.key: m
    for m in (
        RankMetric(
            "invention_patents",
            "发明专利拥有量（有效发明专利）",
            "件",
            "stock",
            ("发明专利拥有量", "有效发明专利", "发明专利", "发明专利有效量", "发明"),
            _holdings("patents", IN_FORCE, "invention"),
        ),
        RankMetric(
            "invention_patents_10y",
            "10年以上有效发明专利",
            "件",
            "stock",
            ("10年以上发明专利", "十年以上有效发明专利", "维持10年以上发明专利", "维持十年以上发明专利"),
            _holdings("patents", f"{IN_FORCE} AND f.filing_date <= :cutoff", "invention"),
        ),
        RankMetric(
            "high_value_invention_patents",
            "高价值发明专利",
            "件",
            "stock",
            ("高价值发明专利拥有量", "高价值专利"),
            _holdings("patents", f"{IN_FORCE} AND {HIGH_VALUE}", "invention"),
        ),
        RankMetric(
            "patents_in_force",
            "有效专利",
            "件",
            "stock",
            ("有效专利量", "专利拥有量", "专利"),
            _holdings("patents", IN_FORCE),
        ),
        RankMetric(
            "patent_applications",
            "专利申请量",
            "件",
            "flow",
            ("专利申请", "申请量"),
            _holdings("patents", f"{IN_REGISTER_AT_END} AND f.filing_date {IN_P}"),
        ),
        RankMetric(
            "patent_grants",
            "专利授权量",
            "件",
            "flow",
            ("专利授权", "授权量"),
            _holdings("patents", f"{IN_REGISTER_AT_END} AND f.granted_on {IN_P}", scan=True),
        ),
        RankMetric(
            "trademarks_registered",
            "注册商标拥有量（有效注册商标）",
            "件",
            "stock",
            ("注册商标拥有量", "有效注册商标", "注册商标", "商标拥有量", "商标"),
            _holdings("trademarks", IN_FORCE),
        ),
        RankMetric(
            "madrid_registrations",
            "马德里国际商标",
            "件",
            "stock",
            ("马德里商标", "马德里", "马德里国际注册"),
            _holdings("madrid", IN_FORCE),
        ),
        RankMetric(
            "well_known_marks",
            "中国驰名商标",
            "件",
            "stock",
            ("驰名商标",),
            _by_holder("well_known_mark w", "w.recognized_on <= :d", "w.mark_key", unique=False),
        ),
        RankMetric(
            "pledge_amount",
            "知识产权质押融资额",
            MONEY_UNIT,
            "flow",
            ("质押融资额", "质押融资金额", "质押融资", "融资额"),
            _by_holder("pledge_loan l", f"l.registered_on {IN_P}", "l.id", "l.amount_yuan"),
        ),
        RankMetric(
            "pledge_loans",
            "质押融资笔数",
            "笔",
            "flow",
            ("质押笔数", "融资笔数"),
            _by_holder("pledge_loan l", f"l.registered_on {IN_P}", "l.id"),
        ),
        RankMetric(
            "fund_amount",
            "专项资金申报金额",
            MONEY_UNIT,
            "flow",
            ("专项资金", "专项资金金额", "资助金额"),
            _by_holder("fund_application a", f"a.dated_on {IN_P}", "a.id", "a.amount_yuan"),
        ),
    )
}


def _match_key(label: str) -> str:
    return fold(label).lower()


def _names(metric: RankMetric) -> tuple[str, ...]:
    short = re.sub(r"\(.*\)$", "", fold(metric.name))
    return (metric.key, metric.name, short, *metric.aliases)


_LOOKUP = {_match_key(label): m.key for m in METRICS.values() for label in _names(m)}


def resolve_metric(text_: str) -> str:
    """The metric key for an English key, a Chinese name or an alias (发明专利, 有效发明专利 …)."""
    key = _LOOKUP.get(_match_key(text_))
    if key is None:
        examples = "、".join(re.sub(r"（.*）$", "", m.name) for m in list(METRICS.values())[:6])
        raise InvalidValue(
            f"无法识别的排名指标「{text_}」。可用的指标有：{examples} 等（也可写英文键，如 invention_patents）。"
        )
    return key


# ---- SQL -----------------------------------------------------------------------------------------


def _grouped_sql(source: Source, by: str) -> str:
    """(gid, value) per enterprise / town / industry, value unrounded (money in 元)."""
    if by == "enterprise":
        measure = (
            f"SUM({source.amount})"
            if source.amount
            else ("COUNT(*)" if source.unique else f"COUNT(DISTINCT {source.item})")
        )
        return (
            f"SELECT {source.company} AS gid, {measure} AS value FROM {source.tables} "
            f"WHERE {source.where} GROUP BY {source.company}"
        )
    measure = f"SUM({source.amount})" if source.amount else f"COUNT(DISTINCT {source.item})"
    return (
        f"SELECT COALESCE(cf.{by}, '{UNSPECIFIED}') AS gid, {measure} AS value FROM {source.tables} "
        f"JOIN company_fact cf ON cf.company_id = {source.company} AND cf.lo <= :d AND :d < cf.hi "
        f"WHERE {source.where} GROUP BY 1"
    )


def _ranked_sql(source: Source, by: str) -> str:
    """Ranked rows (rank, gid, value, name, code) for rank <= :top or gid in :gids; names as of :name_d."""
    ranked = (
        f"WITH v AS ({_grouped_sql(source, by)}), "
        "r AS (SELECT gid, value, RANK() OVER (ORDER BY value DESC) AS rnk FROM v WHERE value > 0) "
    )
    if by != "enterprise":
        return ranked + ("SELECT rnk, gid, value, gid, NULL FROM r WHERE rnk <= :top OR gid IN :gids ORDER BY rnk, gid")
    return ranked + (
        "SELECT r.rnk, r.gid, r.value, COALESCE(cf.name, c.key) AS name, c.credit_code FROM r "
        "JOIN company c ON c.id = r.gid "
        "LEFT JOIN company_fact cf ON cf.company_id = r.gid AND cf.lo <= :name_d AND :name_d < cf.hi "
        "WHERE r.rnk <= :top OR r.gid IN :gids ORDER BY r.rnk, name"
    )


@dataclass(frozen=True)
class _Ranked:
    rank: int
    gid: Any
    value: float | int
    name: str
    code: str | None


def _run(
    conn: Connection,
    metric: RankMetric,
    by: str,
    as_of: date,
    period: Period,
    *,
    top: int,
    gids: tuple[Any, ...] = (),
    name_as_of: date | None = None,
) -> list[_Ranked]:
    stmt = text(_ranked_sql(metric.source, by)).bindparams(bindparam("gids", expanding=True))
    params = {
        **Query(conn, as_of, period).params,
        "top": top,
        "gids": list(gids),
        "name_d": (name_as_of or as_of).isoformat(),
        "pledge_min": pledge_threshold(conn),
    }
    scale = 10_000 if metric.unit == MONEY_UNIT else 1
    return [_Ranked(int(r[0]), r[1], _scaled(r[2], scale), r[3], r[4]) for r in conn.execute(stmt, params)]


def _scaled(value: Any, scale: int) -> float | int:
    return value / scale if scale != 1 else int(value)


# ---- ranking -------------------------------------------------------------------------------------


def rank(
    store: Store,
    metric: str,
    *,
    as_of: date,
    period: Period | None = None,
    by: str = "enterprise",
    top: int = 20,
    compare: date | None = None,
    compare_period: Period | None = None,
) -> Ranking:
    """The ranking of ``metric`` as of ``as_of`` (flows over ``period``), optionally against ``compare``."""
    spec = METRICS[resolve_metric(metric)]
    if by not in GROUPS:
        raise InvalidValue(f"无法识别的排名范围「{by}」：应为 enterprise（企业）、town（街道/镇）或 industry（行业）。")
    if top < 1:
        raise InvalidValue("排名条数（--top）应为正整数。")
    period = (period or year_to_date(as_of)) if spec.kind == "flow" else None
    with store.engine.connect() as conn:
        current = _run(conn, spec, by, as_of, period or year_to_date(as_of), top=top)
        ranking = Ranking(
            spec.key,
            spec.name,
            spec.unit,
            by,
            as_of,
            period,
            tuple(RankingRow(r.rank, r.name, r.value, r.code) for r in current),
        )
        if compare is None:
            return ranking
        before = (compare_period or year_to_date(compare)) if spec.kind == "flow" else None
        return _compared(conn, spec, ranking, current, compare, before, top)


def _compared(
    conn: Connection,
    spec: RankMetric,
    ranking: Ranking,
    current: list[_Ranked],
    compare: date,
    before: Period | None,
    top: int,
) -> Ranking:
    previous = _run(
        conn,
        spec,
        ranking.by,
        compare,
        before or year_to_date(compare),
        top=top,
        gids=tuple(r.gid for r in current),
        name_as_of=ranking.as_of,
    )
    by_gid = {r.gid: r for r in previous}
    rows = tuple(_row_with_previous(r, by_gid.get(r.gid)) for r in current)
    listed = {r.gid for r in current}
    dropped_prev = [r for r in previous if r.rank <= top and r.gid not in listed]
    dropped = _dropped(conn, spec, ranking, dropped_prev)
    return replace(ranking, rows=rows, compare_as_of=compare, compare_period=before, dropped=dropped)


def _row_with_previous(row: _Ranked, before: _Ranked | None) -> RankingRow:
    previous_value = before.value if before else 0
    previous_rank = before.rank if before else None
    return RankingRow(
        row.rank,
        row.name,
        row.value,
        row.code,
        previous_value,
        previous_rank,
        row.value - previous_value,
        movement(row.rank, previous_rank),
    )


def _dropped(conn: Connection, spec: RankMetric, ranking: Ranking, previous: list[_Ranked]) -> tuple[RankingRow, ...]:
    """Rows of the previous top N that left it, with their current rank and value (0 when gone)."""
    if not previous:
        return ()
    period = ranking.period or year_to_date(ranking.as_of)
    current = _run(conn, spec, ranking.by, ranking.as_of, period, top=0, gids=tuple(r.gid for r in previous))
    now = {r.gid: r for r in current}
    return tuple(_dropped_row(before, now.get(before.gid)) for before in previous)


def _dropped_row(before: _Ranked, after: _Ranked | None) -> RankingRow:
    if after is None:
        return RankingRow(0, before.name, 0, before.code, before.value, before.rank, -before.value, "出榜")
    return RankingRow(
        after.rank,
        after.name,
        after.value,
        before.code,
        before.value,
        before.rank,
        after.value - before.value,
        movement(after.rank, before.rank),
    )


def movement(rank_now: int, rank_before: int | None) -> str:
    """'↑3' moved up three places, '↓1' down one, '—' same rank, '新进' not ranked before."""
    if rank_before is None:
        return "新进"
    step = rank_before - rank_now
    return f"↑{step}" if step > 0 else f"↓{-step}" if step < 0 else "—"


def ranking_json(r: Ranking) -> list[dict[str, Any]]:
    """One dict per row: rank, name, value (money in 万元, 2 decimals), code; with a comparison also
    previous_value, previous_rank, change and movement."""
    return [_row_json(row, r) for row in r.rows]


def _row_json(row: RankingRow, r: Ranking) -> dict[str, Any]:
    data: dict[str, Any] = {"rank": row.rank, "name": row.name, "value": _json_number(row.value, r.unit)}
    if r.by == "enterprise":
        data["code"] = row.code
    if r.compare_as_of is not None:
        data.update(
            previous_value=_json_number(row.previous_value, r.unit),
            previous_rank=row.previous_rank,
            change=_json_number(row.change, r.unit),
            movement=row.movement,
        )
    return data


def _json_number(value: float | int | None, unit: str) -> float | int | None:
    if value is None:
        return None
    return round(float(value), 2) if unit == MONEY_UNIT else int(value)
