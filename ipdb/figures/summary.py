"""The headline figures of a report window: this date, its year to date, and the comparison date."""

from __future__ import annotations

from dataclasses import dataclass

from ipdb.figures.coverage import PART, RECONSTRUCTED
from ipdb.figures.headline import Figure, Headline, headline, headlines
from ipdb.figures.numbers import change
from ipdb.figures.wording import headline_sentence
from ipdb.store import Store
from ipdb.windows import Window


@dataclass(frozen=True)
class SummaryRow:
    figure: Figure
    previous: int | float | None = None
    change: int | float | None = None
    year_to_date: int | float | None = None  # flows, with --quarter
    previous_missing: bool = False  # not imported at the comparison date or period
    year_to_date_missing: bool = False
    previous_cover: str = ""  # the comparison's coverage note (按…登记簿回推, or the part covered)


@dataclass(frozen=True)
class Summary:
    window: Window
    current: Headline
    rows: tuple[SummaryRow, ...]
    sentence: str
    previous: Headline | None = None
    year_to_date: Headline | None = None


def summarize(store: Store, window: Window) -> Summary:
    periods = (window.period, window.year_to_date) if window.year_to_date else (window.period,)
    current, *rest = headlines(store, window.as_of, periods)  # the stocks of D counted once for both
    ytd = rest[0] if rest else None
    previous = (
        headline(store, window.compare, window.compare_period) if window.compare and window.compare_period else None
    )
    rows = tuple(_row(f, previous, ytd) for f in current.figures)
    return Summary(window, current, rows, headline_sentence(ytd or current), previous, ytd)


def _row(figure: Figure, previous: Headline | None, ytd: Headline | None) -> SummaryRow:
    earlier = previous.get(figure.key) if previous else None
    to_date = ytd.get(figure.key) if ytd and figure.kind == "flow" else None
    before = earlier.value if earlier else None
    return SummaryRow(
        figure,
        before,
        change(figure.value, before),
        to_date.value if to_date else None,
        bool(earlier and earlier.missing),
        bool(to_date and to_date.missing),
        earlier.note if earlier and earlier.coverage in (PART, RECONSTRUCTED) else "",
    )
