"""The quarterly briefing (季度简报) as data: every figure, ranking and list the workbook and the Word
document show, assembled from the core (metrics, rankings) into frozen dataclasses. No openpyxl here.

Dates of a briefing for quarter Q (domain.md Part I "Stocks and flows"):

* stocks as of D = Q's last day, next to the previous quarter end and the same quarter end a year earlier;
* flows over Q (当季) and over 1 January .. D (当年累计), each next to the same period a year earlier;
* rankings as of D, with the movement since the previous quarter end (flows: since the previous quarter,
  or the year to date at the previous quarter end for 当年质押融资额);
* a trend of eight quarter ends ending at D.

当季新增发明授权 is the ``invention_grants`` ranking over the quarter, next to the previous quarter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ipdb.batches import BatchRow, deciding_batches, list_batches
from ipdb.briefing.model import (
    TOP,
    TREND_KEYS,
    Briefing,
    Definition,
    FlowLine,
    RankingTable,
    StockLine,
    TrendPoint,
    previous_label,
)
from ipdb.errors import NothingImported
from ipdb.figures.coverage import PART, RECONSTRUCTED
from ipdb.figures.due import due_lists, due_sentence
from ipdb.figures.headline import Headline, headline
from ipdb.figures.lists import inventions_granted_in, loans_in
from ipdb.figures.numbers import Number, change, growth
from ipdb.figures.rankings import ENTERPRISE_RULE, GROUP_RULE, rank
from ipdb.figures.registry import METRICS_BY_KEY
from ipdb.figures.wording import headline_sentence, money_text
from ipdb.periods import Period, format_day, quarter, year_to_date
from ipdb.settings import district_name, issuer_name
from ipdb.store import Store
from ipdb.vocabulary import (
    AWARD_LEVEL_ZH,
    CATEGORY_ZH,
    GROUP_ZH,
    HOLDER_GROUP_ZH,
    KIND_ZH,
    LEVEL_ZH,
    NAV_KIND_ZH,
    NOT_IMPORTED_ZH,
    REGISTER_KINDS,
)

TREND_QUARTERS = 8  # at least 5: the trend holds the same quarter a year earlier
GROUPS = tuple(GROUP_ZH)
WATCHED_KINDS = ("companies", "patents", "trademarks", "pledges")
DUE_WITHIN = "6m"  # the 近期到期提醒 sheet: deadlines in the 6 months after D (domain.md Part I "Outreach lists")
GRANTS_LABEL = "当季新增发明授权"  # the invention_grants ranking as the briefing names it


# ---- assembling ----------------------------------------------------------------------------------


def build_briefing(store: Store, quarter_text: str) -> Briefing:
    """Everything the quarterly briefing of ``quarter_text`` (e.g. '2026Q3') shows."""
    as_of, period, to_date = quarter(quarter_text)
    batches = _batches(store)
    ends = quarter_ends(as_of, TREND_QUARTERS)
    shown = {len(ends) - 1, len(ends) - 2, len(ends) - 5}  # current, previous, year ago: the overview's columns
    trend = [headline(store, end, quarter(code)[1], i in shown) for i, (code, end) in enumerate(ends)]
    current, previous, year_ago = trend[-1], trend[-2], trend[-5]
    ytd = headline(store, as_of, to_date)
    ytd_year_ago = headline(store, year_ago.as_of, year_to_date(year_ago.as_of))
    with store.engine.connect() as conn:
        district, issuer = district_name(conn), issuer_name(conn)
        tables = {by: _rankings(store, by, current, previous, to_date) for by in GROUPS}
        loans, grants = loans_in(conn, period), inventions_granted_in(conn, period)
        registers = {k: deciding_batches(conn, k, [e for _, e in ends]) for k in REGISTER_KINDS}
    definitions = _definitions(current, previous, year_ago, to_date, batches, registers)
    used = {i for d in definitions for i in d.batch_ids}
    due = due_lists(store, as_of, DUE_WITHIN)
    return Briefing(
        district,
        ends[-1][0],
        as_of,
        period,
        to_date,
        previous.as_of,
        year_ago.as_of,
        _sentences(current, previous, year_ago, ytd),
        tuple(StockLine(*line) for line in _lines("stock", current, previous, year_ago)),
        tuple(FlowLine(*line) for line in _lines("flow", current, year_ago, ytd, ytd_year_ago)),
        tables,
        _trend(ends, trend),
        loans,
        grants,
        definitions,
        tuple(b for b in batches if b.id in used),
        _notes(batches, as_of) + coverage_notes(current, previous, year_ago, ytd, ytd_year_ago),
        due,
        due_sentence(due, {b.kind for b in batches}),
        issuer,
    )


def _batches(store: Store) -> list[BatchRow]:
    """Every import; a briefing of a store with none would be empty, so it is refused."""
    batches = list_batches(store)
    if not batches:
        raise NothingImported(
            f"数据库「{store.path}」中还没有导入任何清单：请先用 ipdb import 导入本季度收到的表格，再生成简报。"
        )
    return batches


def _trend(ends: list[tuple[str, date]], headlines: list[Headline]) -> tuple[TrendPoint, ...]:
    return tuple(
        TrendPoint(code, h.as_of, *(None if h.get(key).missing else int(h.get(key).value or 0) for key in TREND_KEYS))
        for (code, _), h in zip(ends, headlines, strict=True)
    )


def quarter_ends(as_of: date, count: int) -> list[tuple[str, date]]:
    """The ``count`` quarter codes and ends up to and including the quarter ending ``as_of``, oldest first."""
    index = as_of.year * 4 + (as_of.month - 1) // 3
    codes = [f"{i // 4}Q{i % 4 + 1}" for i in range(index - count + 1, index + 1)]
    return [(code, quarter(code)[0]) for code in codes]


# ---- overview ------------------------------------------------------------------------------------


def _lines(kind: str, *headlines: Headline) -> list[tuple[Any, ...]]:
    """(key, name, unit, values (one per headline), level[, missing]) for every figure of ``kind`` and its breakdown
    lines."""
    out: list[tuple[Any, ...]] = []
    for figure in headlines[0].figures:
        if figure.kind != kind:
            continue
        same = [h.get(figure.key) for h in headlines]
        out.append(
            (figure.key, figure.name, figure.unit, tuple(f.value for f in same), 0, tuple(f.missing for f in same))
        )
        for label in sorted({label for f in same for label, _ in f.breakdown}, key=_breakdown_order):
            values = tuple(dict(f.breakdown).get(label, 0) for f in same)
            out.append((figure.key, f"其中：{label}", figure.unit, values, 1))
    return out


def _breakdown_order(label: str) -> tuple[int, str]:
    """Breakdown lines in the order metrics lists them (types, kinds, then levels); others after, by name."""
    known = [
        zh for order in (CATEGORY_ZH, NAV_KIND_ZH, LEVEL_ZH, AWARD_LEVEL_ZH, HOLDER_GROUP_ZH) for zh in order.values()
    ]
    return (known.index(label), "") if label in known else (len(known), label)


def _sentences(current: Headline, previous: Headline, year_ago: Headline, ytd: Headline) -> tuple[str, ...]:
    """The annual summary's sentence (stocks and 当年累计 pledges), the quarter's flows, the changes."""
    grants = current.get("patent_grants")
    inventions = dict(grants.breakdown).get("发明", 0)
    loans, firms = current.get("pledge_loans").value, current.get("pledge_enterprises").value
    amount = current.get("pledge_amount").value  # None: not imported, and the clause is left out
    clauses = [
        f"全区专利授权{grants.value}件，其中发明专利{inventions}件" if grants.value is not None else "",
        f"知识产权质押融资{money_text(float(amount))}（{loans}笔，{firms}家企业）" if amount is not None else "",
    ]
    said = "；".join(c for c in clauses if c) or f"尚未导入{current.period.label}的专利和质押数据"
    changes = [
        _change_clause(key, METRICS_BY_KEY[key].short_name, current, previous, year_ago)
        for key in ("invention_patents", "trademarks_registered")
        if not current.get(key).missing
    ]
    changed = "；".join(changes) + "。" if changes else ""
    return tuple(t for t in (headline_sentence(ytd), f"{current.period.label}，{said}。", changed) if t)


def _change_clause(key: str, label: str, current: Headline, previous: Headline, year_ago: Headline) -> str:
    """发明专利拥有量较上季度末增加2件，较上年同期增加5件（增长3.8%）"""
    now, before, year_before = (h.get(key).value for h in (current, previous, year_ago))
    unit, rate = current.get(key).unit, growth(now, year_before)
    percent = f"（{'增长' if rate > 0 else '下降'}{abs(rate) * 100:.1f}%）" if rate else ""
    return (
        f"{label}较{previous_label(current.as_of)}{_moved(change(now, before), unit)}，"
        f"较上年同期{_moved(change(now, year_before), unit)}{percent}"
    )


def _moved(delta: Number, unit: str) -> str:
    if delta is None:
        return "无可比数据"
    if delta == 0:
        return "持平"
    return f"{'增加' if delta > 0 else '减少'}{abs(delta):g}{unit}"


# ---- rankings ------------------------------------------------------------------------------------


def _rankings(
    store: Store, by: str, current: Headline, previous: Headline, to_date: Period
) -> tuple[RankingTable, ...]:
    """The four rankings of one scope, each as of D and compared with the previous quarter end."""
    as_of, before = current.as_of, previous.as_of
    stock_caption = f"截至{format_day(as_of)}，名次变化对比{format_day(before)}"
    to_date_before = year_to_date(before)
    plan = (  # (label, metric, period, previous period, caption); stocks take no period
        (METRICS_BY_KEY["invention_patents"].short_name, "invention_patents", None, None, stock_caption),
        (METRICS_BY_KEY["trademarks_registered"].short_name, "trademarks_registered", None, None, stock_caption),
        (
            GRANTS_LABEL,
            "invention_grants",
            current.period,
            previous.period,
            f"{current.period.label}授权，名次变化对比{previous.period.label}",
        ),
        (
            "当年质押融资额",
            "pledge_amount",
            to_date,
            to_date_before,
            f"{to_date.label}累计，名次变化对比{to_date_before.label}累计",
        ),
    )
    return tuple(
        RankingTable(
            label,
            caption,
            rank(store, key, as_of=as_of, period=period, by=by, top=TOP, compare=before, compare_period=earlier),
        )
        for label, key, period, earlier, caption in plan
    )


# ---- 口径说明 -------------------------------------------------------------------------------------


def _batch_ids(
    kinds: tuple[str, ...],
    batches: list[BatchRow],
    registers: dict[str, set[int]],
) -> tuple[int, ...]:
    """Register kinds: the deciding batches; lists: every batch of the kind (rows of any batch may count)."""
    ids = {b.id for b in batches if b.kind in kinds and b.kind not in registers}
    ids.update(i for k in kinds for i in registers.get(k, ()))
    return tuple(sorted(ids))


def _definitions(
    current: Headline,
    previous: Headline,
    year_ago: Headline,
    to_date: Period,
    batches: list[BatchRow],
    registers: dict[str, set[int]],
) -> tuple[Definition, ...]:
    stock_when = f"截至{format_day(current.as_of)}；对比{format_day(previous.as_of)}、{format_day(year_ago.as_of)}"
    flow_when = f"当季：{_span(current.period)}；当年累计：{_span(to_date)}；对比上年同期"
    ranked_when = f"截至{format_day(current.as_of)}；名次对比{format_day(previous.as_of)}"
    grants = METRICS_BY_KEY["invention_grants"]
    out = [
        Definition(
            f.name,
            METRICS_BY_KEY[f.key].definition,
            stock_when if f.kind == "stock" else flow_when,
            f.note,
            _batch_ids(METRICS_BY_KEY[f.key].sources, batches, registers),
        )
        for f in current.figures
    ]
    ranked = _batch_ids(("companies", "patents", "trademarks", "pledges"), batches, registers)
    out += [
        Definition("企业排名", ENTERPRISE_RULE, ranked_when, "", ranked),
        Definition("街道排名、行业排名", GROUP_RULE, ranked_when, "", ranked),
        Definition(
            GRANTS_LABEL,
            grants.definition,
            f"当季：{_span(current.period)}；名次对比{previous.period.label}",
            "",
            _batch_ids(grants.sources, batches, registers),
        ),
    ]
    return tuple(out)


def _span(period: Period) -> str:
    """2026年7月1日至9月30日 (the year is not repeated within one year)."""
    end = format_day(period.end)
    return f"{format_day(period.start)}至{end[5:] if period.start.year == period.end.year else end}"


def coverage_notes(*headlines: Headline) -> tuple[str, ...]:
    """Figures of the briefing that stand on part of their period, or on a register read back (按…登记簿回推):
    one line per date or period and note, naming the figures it concerns."""
    names: dict[tuple[str, str], list[str]] = {}
    for h in headlines:
        for f in h.figures:
            if f.coverage in (PART, RECONSTRUCTED) and f.note:
                when = f"截至{format_day(h.as_of)}" if f.kind == "stock" else h.period.label
                cover = f.note.split("；")[0]  # the coverage note leads the figure's note
                concerned = names.setdefault((when, cover), [])
                if METRICS_BY_KEY[f.key].short_name not in concerned:
                    concerned.append(METRICS_BY_KEY[f.key].short_name)
    return tuple(f"{when}的{'、'.join(figures)}：{cover}。" for (when, cover), figures in names.items())


def _notes(batches: list[BatchRow], as_of: date) -> tuple[str, ...]:
    """Warnings for the reader: a list never imported, or last imported as of a date before D."""
    notes = []
    for kind in WATCHED_KINDS:
        dates = [b.as_of for b in batches if b.kind == kind]
        if not dates:
            notes.append(f"尚未导入{KIND_ZH[kind]}，相关数字显示为“{NOT_IMPORTED_ZH}”。")
        elif max(dates) < as_of:
            notes.append(
                f"{KIND_ZH[kind]}最近一次导入截至{format_day(max(dates))}，早于统计截止日"
                f"{format_day(as_of)}：相关数字按该次导入的数据计算。"
            )
    return tuple(notes)
