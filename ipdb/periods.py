"""As-of dates and reporting periods for figures and rankings (domain.md Part I "Stocks and flows").

A stock is counted as of a date D; a flow over a period P = [start, end], both days included.
Every Period carries a Chinese label that a briefing prints next to its figures:

    2026          -> 2026年
    2026Q3        -> 2026年第三季度
    2026H1        -> 2026年上半年
    2026-01..2026-09          -> 2026年1-9月
    2026-01-01..2026-09-30    -> 2026年1月1日至9月30日   (a day range keeps its days)
    year_to_date(2026-09-30)  -> 2026年1-9月              (Jan 1 to a month end)
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from ipdb.errors import InvalidValue
from ipdb.values import Reject
from ipdb.values import dates as date_values

QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
DAY_RANGE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\.\.\d{4}-\d{1,2}-\d{1,2}")
YEAR_ONLY = re.compile(r"\d{4}")

PERIOD_HINT = "可写 2026、2026Q3、2026H1、2026-01..2026-09 或 2026-01-01..2026-09-30"
COMPARE_HINT = "应为日期（如 2025-12-31）、季度（如 2026Q2，取季末）或年份（如 2025，取年末）"


@dataclass(frozen=True)
class Period:
    """A flow's period: ``start`` and ``end`` both included; ``label`` is what a person reads."""

    start: date
    end: date
    label: str


def format_day(d: date) -> str:
    """2026-09-30 -> '2026年9月30日' (no leading zeros, as in official text)."""
    return f"{d.year}年{d.month}月{d.day}日"


def make_period(start: date, end: date) -> Period:
    """A Period with the most natural label for its dates (year, quarter, half, months, else days)."""
    if end < start:
        raise InvalidValue(f"统计期间的开始（{format_day(start)}）晚于结束（{format_day(end)}）。")
    return Period(start, end, _label(start, end))


def parse_period(text: str) -> Period:
    """A CLI period: 2026, 2026Q3, 2026H1, 2026-01..2026-09 or 2026-01-01..2026-09-30."""
    try:
        start, end = date_values.parse_period(text)
    except Reject as exc:
        raise InvalidValue(f"无法识别的统计期间「{text}」：{PERIOD_HINT}。") from exc
    if DAY_RANGE.fullmatch(_clean(text)):
        return Period(start, end, _day_label(start, end))
    return make_period(start, end)


def year_to_date(d: date) -> Period:
    """From 1 January of D's year to D: the 当年累计 period of a briefing dated D."""
    return make_period(date(d.year, 1, 1), d)


def quarter(text: str) -> tuple[date, Period, Period]:
    """For ``--quarter 2026Q3``: (as-of = the quarter's last day, the quarter, the year to date)."""
    try:
        year, q = date_values.parse_quarter(text)
    except Reject as exc:
        raise InvalidValue(f"无法识别的季度「{text}」：应写成 2026Q3 的形式。") from exc
    start, end = date_values.quarter_bounds(year, q)
    return end, make_period(start, end), year_to_date(end)


def quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def previous_quarter_end(d: date) -> date:
    """The last day of the quarter before the one containing D.

    So for 2026-09-30 (itself a quarter end) it is 2026-06-30, and for 2026-08-15 also
    2026-06-30: the comparison point of a quarterly briefing (domain.md §4.1).
    """
    return quarter_start(d) - timedelta(days=1)


def parse_compare(text: str) -> date:
    """A comparison date: YYYY-MM-DD, a quarter (2026Q2 -> 2026-06-30) or a year (2025 -> 2025-12-31)."""
    cleaned = _clean(text)
    if YEAR_ONLY.fullmatch(cleaned):
        return date(int(cleaned), 12, 31)
    if "Q" in cleaned:
        return quarter(cleaned)[0]
    return parse_day(text, what="对比日期", hint=COMPARE_HINT)


DAY_HINT = "应写成 YYYY-MM-DD，例如 2026-09-30"


def parse_day(text: str, *, what: str = "统计截止日", hint: str = DAY_HINT) -> date:
    """A strict YYYY-MM-DD date from the command line."""
    try:
        return date_values.parse_iso_date(text)
    except Reject as exc:
        raise InvalidValue(f"无法识别的{what}「{text}」：{hint}。") from exc


def _clean(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text)).upper()


def _is_month_end(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def _label(start: date, end: date) -> str:
    if start.day != 1 or not _is_month_end(end):
        return _day_label(start, end)
    return _month_label(start, end)


def _month_label(start: date, end: date) -> str:
    """Whole months: a year, a quarter, a half, one month or a span of months."""
    first, last = start.month, end.month
    if start.year != end.year:
        return f"{start.year}年{first}月至{end.year}年{last}月"
    if (first, last) == (1, 12):
        return f"{start.year}年"
    if first % 3 == 1 and last == first + 2:
        return f"{start.year}年{QUARTER_NAMES[last // 3]}"
    if (first, last) in ((1, 6), (7, 12)):
        return f"{start.year}年{'上' if first == 1 else '下'}半年"
    if first == last:
        return f"{start.year}年{first}月"
    return f"{start.year}年{first}-{last}月"


def _day_label(start: date, end: date) -> str:
    if start == end:
        return format_day(start)
    if start.year == end.year:
        return f"{format_day(start)}至{end.month}月{end.day}日"
    return f"{format_day(start)}至{format_day(end)}"
