"""The headline figures of a report window: this date, its year to date, and the comparison date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ipdb.metrics import Figure, Headline, headline, headline_json, headline_sentence, json_value
from ipdb.store import Store
from ipdb.windows import Window


@dataclass(frozen=True)
class SummaryRow:
    figure: Figure
    previous: int | float | None = None
    change: int | float | None = None
    year_to_date: int | float | None = None  # flows, with --quarter


@dataclass(frozen=True)
class Summary:
    window: Window
    current: Headline
    rows: tuple[SummaryRow, ...]
    sentence: str
    previous: Headline | None = None
    year_to_date: Headline | None = None


def summarize(store: Store, window: Window) -> Summary:
    current = headline(store, window.as_of, window.period)
    ytd = headline(store, window.as_of, window.year_to_date) if window.year_to_date else None
    previous = (
        headline(store, window.compare, window.compare_period) if window.compare and window.compare_period else None
    )
    rows = tuple(_row(f, previous, ytd) for f in current.figures)
    return Summary(window, current, rows, headline_sentence(ytd or current), previous, ytd)


def _row(figure: Figure, previous: Headline | None, ytd: Headline | None) -> SummaryRow:
    before = previous.get(figure.key).value if previous else None
    change = figure.value - before if figure.value is not None and before is not None else None
    to_date = ytd.get(figure.key).value if ytd and figure.kind == "flow" else None
    return SummaryRow(figure, before, change, to_date)


def summary_json(summary: Summary, *, with_previous: bool) -> dict[str, Any]:
    """The contract: every metric key -> number (money in 万元), as_of, period; `previous` with --compare."""
    data = headline_json(summary.current)
    if summary.year_to_date:
        ytd = summary.year_to_date
        data["year_to_date"] = {f.key: json_value(f) for f in ytd.figures if f.kind == "flow"} | {
            "period": {
                "start": ytd.period.start.isoformat(),
                "end": ytd.period.end.isoformat(),
                "label": ytd.period.label,
            }
        }
    if with_previous and summary.previous:
        data["previous"] = headline_json(summary.previous)
    data["sentence"] = summary.sentence
    return data
