"""The district headline: every Part I figure with a district total, stocks as of D and flows over P."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ipdb.figures.coverage import FULL, NONE, Cover, Imports, cover_for, imports_of
from ipdb.figures.numbers import change
from ipdb.figures.query import Query
from ipdb.figures.registry import DISTRICT, Metric
from ipdb.periods import Period, format_day
from ipdb.store import Store


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
    coverage: str = FULL  # full | part | none (not imported: value None) | reconstructed (ipdb.figures.coverage)
    kind_needed: str = ""  # the import kind it stands on

    @property
    def missing(self) -> bool:
        return self.coverage == NONE


@dataclass(frozen=True)
class Headline:
    as_of: date
    period: Period
    figures: tuple[Figure, ...]

    @property
    def missing(self) -> list[str]:
        """The import kinds not imported for this D and P, in the order the figures need them."""
        return list(dict.fromkeys(f.kind_needed for f in self.figures if f.missing))

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


def basis(metric: Metric, as_of: date, period: Period) -> str:
    """The 口径 footnote: the definition and the date or period it is counted at."""
    if metric.kind == "stock":
        return f"{metric.definition}；截至{format_day(as_of)}。"
    span = f"{format_day(period.start)}至{format_day(period.end)}"
    return f"{metric.definition}；统计期间{period.label}（{span}）。"


def compute(q: Query, metric: Metric, imports: Imports) -> Figure:
    """The figure, or no number when no import covers its D or P (a figure without data is not 0)."""
    assert metric.district is not None, metric.key  # DISTRICT holds only metrics with a district total
    cover = cover_of(imports, metric, q.as_of, q.period)
    value, breakdown, note = (None, (), "") if cover.missing else metric.district(q)
    return Figure(
        metric.key,
        metric.name,
        metric.kind,
        value,
        metric.unit,
        basis(metric, q.as_of, q.period),
        breakdown,
        "；".join(n for n in (cover.note, note) if n),
        cover.state,
        cover.kind,
    )


def cover_of(imports: Imports, metric: Metric, as_of: date, period: Period) -> Cover:
    return cover_for(imports, metric.basis_kind, metric.kind == "stock", as_of, period)


def headline(store: Store, as_of: date, period: Period, holder_groups: bool = False) -> Headline:
    """Every Part I figure: stocks as of ``as_of``, flows over ``period`` (one connection, shared memo);
    ``holder_groups`` adds the holder-group lines under 发明专利拥有量."""
    return headlines(store, as_of, (period,), holder_groups)[0]


def headlines(
    store: Store, as_of: date, periods: tuple[Period, ...], holder_groups: bool = False
) -> tuple[Headline, ...]:
    """The headline of D over each period, in one read transaction: a stock depends on D alone, so the stocks
    (the passes over every right in force) are counted once for all of them, the flows once per period."""
    with store.reading() as conn:
        imports = imports_of(conn)
        stocks: dict[str, Figure] = {}
        found = []
        for period in periods:
            q = Query(conn, as_of, period, holder_groups=holder_groups)
            found.append(Headline(as_of, period, tuple(_figure(q, m, imports, stocks) for m in DISTRICT)))
    return tuple(found)


def _figure(q: Query, metric: Metric, imports: Imports, stocks: dict[str, Figure]) -> Figure:
    if metric.kind != "stock":
        return compute(q, metric, imports)
    if metric.key not in stocks:
        stocks[metric.key] = compute(q, metric, imports)
    return stocks[metric.key]


def compare_headlines(current: Headline, previous: Headline) -> tuple[FigureChange, ...]:
    """Each figure of ``current`` next to the same key in ``previous``."""
    return tuple(
        FigureChange(f.key, f.name, f.kind, f.unit, f.value, before, change(f.value, before))
        for f in current.figures
        for before in (previous.get(f.key).value,)
    )
