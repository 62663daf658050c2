"""How figures read in Chinese: money text and the report's summary sentence."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ipdb.periods import format_day
from ipdb.values.money import format_yi

if TYPE_CHECKING:
    from ipdb.figures.headline import Headline

# The stocks the summary sentence names, in its order (each by its registry short name and unit).
SENTENCE_STOCKS = (
    "trademarks_registered",
    "madrid_registrations",
    "well_known_marks",
    "invention_patents",
    "invention_patents_per_10k",
    "ip_standard_enterprises",
    "invention_patents_10y",
)


def money_text(wan: float) -> str:
    """A headline amount: 亿元 with one decimal from 1亿元 up, else 万元 without trailing zeros."""
    yuan = round(wan * 10_000)
    rounded_wan = (Decimal(yuan) / 10_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rounded_wan >= 10_000:
        return f"{format_yi(yuan)}亿元"
    return f"{_trim(rounded_wan)}万元"


def _trim(value: Decimal) -> str:
    text_ = f"{value:.2f}".rstrip("0").rstrip(".")
    return text_ or "0"


def headline_sentence(h: Headline) -> str:
    """The summary sentence of an annual/quarterly report.

    Stocks as of D, then the pledge flow over P; the per-10k clause only when population is
    configured (2 decimals); money per ``money_text``. Golden strings: tests/test_metrics.py.
    """
    from ipdb.figures.registry import METRICS_BY_KEY  # here: the registry imports district, which imports us

    parts = []
    for key in SENTENCE_STOCKS:
        metric, value = METRICS_BY_KEY[key], h.get(key).value
        if value is not None:
            parts.append(f"{metric.short_name}{_number_text(value)}{metric.count_unit}")
    stocks = f"截至{format_day(h.as_of)}，全区{'，'.join(parts)}" if parts else ""
    amount = h.get("pledge_amount").value  # None: not imported, and the clause is left out
    pledge = f"{h.period.label}知识产权质押融资{money_text(float(amount))}" if amount is not None else ""
    sentence = "；".join(p for p in (stocks, pledge) if p)
    return f"{sentence}。" if sentence else f"截至{format_day(h.as_of)}，尚未导入可统计的清单。"


def _number_text(value: int | float | None) -> str:
    if isinstance(value, float):
        return f"{Decimal(str(value)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"
    return str(value)
