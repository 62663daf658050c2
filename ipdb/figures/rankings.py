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

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ipdb.errors import InvalidValue
from ipdb.figures.coverage import cover_for, imports_of
from ipdb.figures.holders import Source
from ipdb.figures.numbers import MONEY_UNIT, change
from ipdb.figures.query import Query
from ipdb.figures.registry import RANKED, Metric
from ipdb.periods import Period, year_to_date
from ipdb.reading import Reader
from ipdb.settings import pledge_threshold
from ipdb.store import Store
from ipdb.vocabulary import GROUP_ZH, fold
from ipdb.windows import Window

GROUPS = GROUP_ZH
UNSPECIFIED = "未注明"
# The rules above as the briefing's 口径说明 prints them.
ENTERPRISE_RULE = (
    "每家企业按其持有的权利全额计算（共有专利计入每个共有企业）；名次按未取整的数值排列，"
    "并列者名次相同（1、2、2、4）并按名称排序；“新进”指上期未上榜"
)
GROUP_RULE = (
    f"按企业在统计截止日所属的街道/镇、行业汇总，每件权利在同一街道或行业只计一次；名录未填写的列为“{UNSPECIFIED}”"
)


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
    note: str = ""  # what the imports do not cover (尚未导入商标清单; 按…登记簿回推): rows of a kind not imported are none, not 0


def _match_key(label: str) -> str:
    return fold(label).lower()


def _names(metric: Metric) -> tuple[str, ...]:
    return (metric.key, metric.name, metric.short_name, *metric.aliases)


_LOOKUP = {_match_key(label): m.key for m in RANKED.values() for label in _names(m)}


def resolve_metric(text_: str) -> str:
    """The metric key for an English key, a Chinese name or an alias (发明专利, 有效发明专利 …)."""
    key = _LOOKUP.get(_match_key(text_))
    if key is None:
        from ipdb.vocabulary import closest

        hint = closest(text_, [label for m in RANKED.values() for label in _names(m)])
        listed = "、".join(f"{m.short_name}（{m.key}）" for m in RANKED.values())
        raise InvalidValue(f"无法识别的排名指标「{text_}」{hint}。可用的指标：{listed}。")
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
    measure = f"SUM({source.amount})" if source.amount else _distinct_items(source)
    if source.company_led:  # CROSS JOIN: the enterprises as of D drive, each one's rows one index range
        return (
            f"SELECT COALESCE(cf.{by}, '{UNSPECIFIED}') AS gid, {measure} AS value "
            f"FROM company_fact cf CROSS JOIN {source.tables} "
            f"WHERE {source.company} = cf.company_id AND cf.lo <= :d AND :d < cf.hi AND {source.where} GROUP BY 1"
        )
    return (
        f"SELECT COALESCE(cf.{by}, '{UNSPECIFIED}') AS gid, {measure} AS value FROM {source.tables} "
        f"JOIN company_fact cf ON cf.company_id = {source.company} AND cf.lo <= :d AND :d < cf.hi "
        f"WHERE {source.where} GROUP BY 1"
    )


def _distinct_items(source: Source) -> str:
    """The items of a town or industry, each once. A right's rows in force on D are those of one fact, so a row
    not ``shared`` is its right's only row: counted as it is, and only the shared ones go through DISTINCT (a
    quarter of the rows at 1M patents; ``bench/bench_rank.py``)."""
    if source.shared is None:
        return f"COUNT(DISTINCT {source.item})"
    return (
        f"(COUNT(*) - COUNT(CASE WHEN {source.shared} THEN 1 END)"
        f" + COUNT(DISTINCT CASE WHEN {source.shared} THEN {source.item} END))"
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
    conn: Reader,
    metric: Metric,
    by: str,
    as_of: date,
    period: Period,
    *,
    top: int,
    gids: tuple[Any, ...] = (),
    name_as_of: date | None = None,
) -> list[_Ranked]:
    assert metric.holders is not None, metric.key  # RANKED holds only those
    params = {
        **Query(conn, as_of, period).params,
        "top": top,
        "gids": list(gids),
        "name_d": (name_as_of or as_of).isoformat(),
        "pledge_min": pledge_threshold(conn),
    }
    scale = 10_000 if metric.unit == MONEY_UNIT else 1
    return [
        _Ranked(int(r[0]), r[1], _scaled(r[2], scale), r[3], r[4])
        for r in conn.rows(_ranked_sql(metric.holders, by), params)
    ]


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
    spec = RANKED[resolve_metric(metric)]
    if by not in GROUPS:
        raise InvalidValue(f"无法识别的排名范围「{by}」：应为 enterprise（企业）、town（街道/镇）或 industry（行业）。")
    if top < 1:
        raise InvalidValue("排名条数（--top）应为正整数。")
    period = (period or year_to_date(as_of)) if spec.kind == "flow" else None
    with store.reading() as conn:
        current = _run(conn, spec, by, as_of, period or year_to_date(as_of), top=top)
        cover = cover_for(imports_of(conn), spec.basis_kind, spec.kind == "stock", as_of, period or year_to_date(as_of))
        ranking = Ranking(
            spec.key,
            spec.name,
            spec.unit,
            by,
            as_of,
            period,
            () if cover.missing else tuple(RankingRow(r.rank, r.name, r.value, r.code) for r in current),
            note=cover.note,
        )
        if compare is None:
            return ranking
        before = (compare_period or year_to_date(compare)) if spec.kind == "flow" else None
        return _compared(conn, spec, ranking, current, compare, before, top)


def rank_window(store: Store, metric: str, window: Window, *, by: str = "enterprise", top: int = 20) -> Ranking:
    """``rank`` over a report window (``ipdb rank``'s --as-of/--period/--quarter/--compare, resolved)."""
    return rank(
        store,
        metric,
        as_of=window.as_of,
        period=window.period,
        by=by,
        top=top,
        compare=window.compare,
        compare_period=window.compare_period,
    )


def _compared(
    conn: Reader,
    spec: Metric,
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
        change(row.value, previous_value),
        movement(row.rank, previous_rank),
    )


def _dropped(conn: Reader, spec: Metric, ranking: Ranking, previous: list[_Ranked]) -> tuple[RankingRow, ...]:
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
        change(after.value, before.value),
        movement(after.rank, before.rank),
    )


def movement(rank_now: int, rank_before: int | None) -> str:
    """'↑3' moved up three places, '↓1' down one, '—' same rank, '新进' not ranked before."""
    if rank_before is None:
        return "新进"
    step = rank_before - rank_now
    return f"↑{step}" if step > 0 else f"↓{-step}" if step < 0 else "—"
