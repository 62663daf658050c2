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

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from ipdb.batches import BatchRow, list_batches
from ipdb.errors import IpdbError
from ipdb.figures.headline import Headline, headline
from ipdb.figures.numbers import change, growth
from ipdb.figures.predicates import INVENTIONS_GRANTED
from ipdb.figures.rankings import ENTERPRISE_RULE, GROUP_RULE, Ranking, rank
from ipdb.figures.registry import METRICS_BY_KEY
from ipdb.figures.wording import headline_sentence, money_text
from ipdb.periods import Period, format_day, quarter, year_to_date
from ipdb.settings import DISTRICT_NAME, read_setting
from ipdb.store import Store
from ipdb.vocabulary import (
    AWARD_LEVEL_ZH,
    CATEGORY_ZH,
    GROUP_ZH,
    KIND_ZH,
    LEVEL_ZH,
    NAV_KIND_ZH,
    NOT_IMPORTED_ZH,
    REGISTER_KINDS,
)

TOP = 20
TREND_QUARTERS = 8  # at least 5: the trend holds the same quarter a year earlier
TREND_KEYS = ("invention_patents", "trademarks_registered")  # the stocks a TrendPoint holds, in its order
DEFAULT_DISTRICT = "全区"
GROUPS = tuple(GROUP_ZH)
WATCHED_KINDS = ("companies", "patents", "trademarks", "pledges")
Number = int | float | None


class NothingImported(IpdbError):
    """The store holds no import at all: a briefing would be empty."""


@dataclass(frozen=True)
class StockLine:
    """A stock figure at D, the previous quarter end and a year earlier; ``level`` 1 is a 其中 line."""

    key: str
    name: str
    unit: str
    current: Number
    previous: Number
    year_ago: Number
    level: int = 0
    missing: tuple[bool, ...] = ()  # per value, in order: not imported (shown as 未导入, never 0)

    def shown(self, index: int) -> Number | str:
        return shown((self.current, self.previous, self.year_ago), self.missing, index)


@dataclass(frozen=True)
class FlowLine:
    """A flow over the quarter and the year to date, each next to the same period a year earlier."""

    key: str
    name: str
    unit: str
    quarter: Number
    quarter_year_ago: Number
    to_date: Number
    to_date_year_ago: Number
    level: int = 0
    missing: tuple[bool, ...] = ()  # per value, in order: not imported (shown as 未导入, never 0)

    def shown(self, index: int) -> Number | str:
        return shown((self.quarter, self.quarter_year_ago, self.to_date, self.to_date_year_ago), self.missing, index)


def shown(values: tuple[Number, ...], missing: tuple[bool, ...], index: int) -> Number | str:
    """A value as a table shows it: 未导入 when no import covers it."""
    return NOT_IMPORTED_ZH if index < len(missing) and missing[index] else values[index]


@dataclass(frozen=True)
class RankingTable:
    """One ranking of the briefing: the label a person reads, what it covers, and the rows."""

    label: str
    caption: str
    ranking: Ranking


@dataclass(frozen=True)
class TrendPoint:
    quarter: str  # '2026Q3'
    as_of: date
    invention_patents: int
    trademarks_registered: int


@dataclass(frozen=True)
class LoanLine:
    pledgor: str
    pledgee: str | None
    amount_wan: float
    registered_on: date
    registration_no: str | None
    rights: int


@dataclass(frozen=True)
class GrantLine:
    number: str
    title: str | None
    holders: str
    filing_date: date | None
    granted_on: date


@dataclass(frozen=True)
class Definition:
    """口径说明: what a figure counts, at which date or over which period, and the batches behind it."""

    name: str
    definition: str
    when: str
    note: str
    batch_ids: tuple[int, ...]


@dataclass(frozen=True)
class Briefing:
    district: str
    quarter: str
    as_of: date
    period: Period
    to_date: Period
    previous_as_of: date
    year_ago_as_of: date
    sentences: tuple[str, ...]
    stocks: tuple[StockLine, ...]
    flows: tuple[FlowLine, ...]
    rankings: dict[str, tuple[RankingTable, ...]]  # by 'enterprise' | 'town' | 'industry'
    trend: tuple[TrendPoint, ...]
    loans: tuple[LoanLine, ...]
    grants: tuple[GrantLine, ...]
    definitions: tuple[Definition, ...]
    sources: tuple[BatchRow, ...]
    notes: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"{self.district}知识产权季度简报（{self.period.label}）"

    @property
    def previous_label(self) -> str:
        return previous_label(self.as_of)

    def default_path(self, folder: Path = Path("reports")) -> Path:
        return folder / f"{self.quarter} 知识产权季度简报.xlsx"


# ---- assembling ----------------------------------------------------------------------------------


def build_briefing(store: Store, quarter_text: str) -> Briefing:
    """Everything the quarterly briefing of ``quarter_text`` (e.g. '2026Q3') shows."""
    as_of, period, to_date = quarter(quarter_text)
    batches = list_batches(store)
    if not batches:
        raise NothingImported(
            f"数据库「{store.path}」中还没有导入任何清单：请先用 ipdb import 导入本季度收到的表格，再生成简报。"
        )
    ends = quarter_ends(as_of, TREND_QUARTERS)
    trend = [headline(store, end, quarter(code)[1]) for code, end in ends]  # each end with its quarter
    current, previous, year_ago = trend[-1], trend[-2], trend[-5]
    ytd = headline(store, as_of, to_date)
    ytd_year_ago = headline(store, year_ago.as_of, year_to_date(year_ago.as_of))
    with store.engine.connect() as conn:
        district = _district(conn)
        tables = {by: _rankings(store, by, current, previous, to_date) for by in GROUPS}
        loans, grants = _loans(conn, period), _grants(conn, period)
        registers = {k: _register_batches(conn, k, [e for _, e in ends]) for k in REGISTER_KINDS}
    definitions = _definitions(current, previous, year_ago, to_date, batches, registers)
    used = {i for d in definitions for i in d.batch_ids}
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
        _notes(batches, as_of),
    )


def _trend(ends: list[tuple[str, date]], headlines: list[Headline]) -> tuple[TrendPoint, ...]:
    return tuple(
        TrendPoint(
            code, h.as_of, int(h.get("invention_patents").value or 0), int(h.get("trademarks_registered").value or 0)
        )
        for (code, _), h in zip(ends, headlines, strict=True)
    )


def quarter_ends(as_of: date, count: int) -> list[tuple[str, date]]:
    """The ``count`` quarter codes and ends up to and including the quarter ending ``as_of``, oldest first."""
    index = as_of.year * 4 + (as_of.month - 1) // 3
    codes = [f"{i // 4}Q{i % 4 + 1}" for i in range(index - count + 1, index + 1)]
    return [(code, quarter(code)[0]) for code in codes]


def previous_label(as_of: date) -> str:
    """A first-quarter briefing compares with the year end (上年末), any other with 上季度末."""
    return "上年末" if as_of.month == 3 else "上季度末"


def _district(conn: Connection) -> str:
    return read_setting(conn, DISTRICT_NAME) or DEFAULT_DISTRICT


# ---- overview ------------------------------------------------------------------------------------


def _lines(kind: str, *headlines: Headline) -> list[tuple[Any, ...]]:
    """(key, name, unit, value per headline …, level) for every figure of ``kind`` and its breakdown lines."""
    out: list[tuple[Any, ...]] = []
    for figure in headlines[0].figures:
        if figure.kind != kind:
            continue
        same = [h.get(figure.key) for h in headlines]
        out.append((figure.key, figure.name, figure.unit, *(f.value for f in same), 0, tuple(f.missing for f in same)))
        for label in sorted({label for f in same for label, _ in f.breakdown}, key=_breakdown_order):
            values = (dict(f.breakdown).get(label, 0) for f in same)
            out.append((figure.key, f"其中：{label}", figure.unit, *values, 1))
    return out


def _breakdown_order(label: str) -> tuple[int, str]:
    """Breakdown lines in the order metrics lists them (types, kinds, then levels); others after, by name."""
    known = [zh for order in (CATEGORY_ZH, NAV_KIND_ZH, LEVEL_ZH, AWARD_LEVEL_ZH) for zh in order.values()]
    return (known.index(label), "") if label in known else (len(known), label)


def _sentences(current: Headline, previous: Headline, year_ago: Headline, ytd: Headline) -> tuple[str, ...]:
    """The annual summary's sentence (stocks and 当年累计 pledges), the quarter's flows, the changes."""
    grants = current.get("patent_grants")
    inventions = dict(grants.breakdown).get("发明", 0)
    loans, firms = current.get("pledge_loans").value, current.get("pledge_enterprises").value
    amount = current.get("pledge_amount").value
    clauses = [
        f"全区专利授权{grants.value}件，其中发明专利{inventions}件" if grants.value is not None else "",
        f"知识产权质押融资{money_text(float(amount))}（{loans}笔，{firms}家企业）" if amount is not None else "",
    ]
    said = "；".join(c for c in clauses if c) or f"尚未导入{current.period.label}的专利和质押数据"
    quarter_sentence = f"{current.period.label}，{said}。"
    changes = [
        _change_clause(key, METRICS_BY_KEY[key].short_name, current, previous, year_ago)
        for key in ("invention_patents", "trademarks_registered")
        if not current.get(key).missing
    ]
    return tuple(
        t for t in (headline_sentence(ytd), quarter_sentence, "；".join(changes) + "。" if changes else "") if t
    )


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
    as_of, before = current.as_of, previous.as_of
    stock_caption = f"截至{format_day(as_of)}，名次变化对比{format_day(before)}"
    return (
        RankingTable(
            METRICS_BY_KEY["invention_patents"].short_name,
            stock_caption,
            rank(store, "invention_patents", as_of=as_of, by=by, top=TOP, compare=before),
        ),
        RankingTable(
            METRICS_BY_KEY["trademarks_registered"].short_name,
            stock_caption,
            rank(store, "trademarks_registered", as_of=as_of, by=by, top=TOP, compare=before),
        ),
        RankingTable(
            "当季新增发明授权",
            f"{current.period.label}授权，名次变化对比{previous.period.label}",
            rank(
                store,
                "invention_grants",
                as_of=as_of,
                period=current.period,
                by=by,
                top=TOP,
                compare=before,
                compare_period=previous.period,
            ),
        ),
        RankingTable(
            "当年质押融资额",
            f"{to_date.label}累计，名次变化对比{year_to_date(before).label}累计",
            rank(
                store,
                "pledge_amount",
                as_of=as_of,
                period=to_date,
                by=by,
                top=TOP,
                compare=before,
                compare_period=year_to_date(before),
            ),
        ),
    )


# ---- lists ---------------------------------------------------------------------------------------


def _loans(conn: Connection, period: Period) -> tuple[LoanLine, ...]:
    rows = conn.execute(
        text(
            "SELECT h.name, l.pledgee, l.amount_yuan, l.registered_on, l.registration_no, "
            "(SELECT COUNT(*) FROM pledged_right p WHERE p.loan_id = l.id) "
            "FROM pledge_loan l JOIN holder h ON h.id = l.holder_id "
            "WHERE l.registered_on BETWEEN :start AND :end ORDER BY l.registered_on, l.registration_no, l.id"
        ),
        _bounds(period),
    )
    return tuple(LoanLine(r[0], r[1], r[2] / 10_000, date.fromisoformat(r[3]), r[4], int(r[5])) for r in rows)


def _grants(conn: Connection, period: Period) -> tuple[GrantLine, ...]:
    """Inventions granted in the period that a listed enterprise holds (the register at the period's end)."""
    rows = conn.execute(
        text(
            "SELECT r.number, st.title, st.holders, f.filing_date, f.granted_on FROM right_fact f "
            'JOIN "right" r ON r.id = f.right_id JOIN right_state st ON st.id = f.state_id '
            f"WHERE {INVENTIONS_GRANTED} AND f.right_id IN (SELECT h.right_id FROM holding_fact h "
            "WHERE h.kind = 'patents' AND h.lo <= :end AND :end < h.hi) ORDER BY f.granted_on, r.number"
        ),
        _bounds(period),
    )
    return tuple(
        GrantLine(r[0], r[1], r[2], date.fromisoformat(r[3]) if r[3] else None, date.fromisoformat(r[4])) for r in rows
    )


def _bounds(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


# ---- 口径说明 -------------------------------------------------------------------------------------


def _register_batches(conn: Connection, kind: str, dates: list[date]) -> set[int]:
    """The batches whose observations decide the register on any of ``dates`` (Part I "Snapshots")."""
    found: set[int] = set()
    for d in dates:
        found.update(
            r[0]
            for r in conn.execute(
                text(
                    "SELECT DISTINCT o.batch_id FROM right_fact f JOIN right_observation o "
                    "ON o.right_id = f.right_id AND o.as_of = f.observed_on "
                    "WHERE f.kind = :kind AND f.lo <= :d AND :d < f.hi"
                ),
                {"kind": kind, "d": d.isoformat()},
            )
        )
    return found


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
            "当季新增发明授权",
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
