"""The dates a report is about: an as-of date, a period for flows, and what it is compared with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ipdb.errors import ConflictingOptions
from ipdb.periods import (
    Period,
    make_period,
    parse_compare,
    parse_day,
    parse_period,
    previous_quarter_end,
    quarter,
    quarter_start,
    year_to_date,
)


@dataclass(frozen=True)
class Window:
    as_of: date
    period: Period
    year_to_date: Period | None = None  # with --quarter: flows are shown for the quarter and the year to date
    compare: date | None = None
    compare_period: Period | None = None
    compare_year_to_date: Period | None = None


def resolve_window(
    as_of: str | None = None,
    period: str | None = None,
    quarter_text: str | None = None,
    compare: str | None = None,
    *,
    default_compare: bool = False,
    today: date | None = None,
) -> Window:
    """--quarter Q, or --as-of D with --period P (default: the year to date of D); --compare D2 or Q2."""
    if quarter_text and (as_of or period):
        raise ConflictingOptions("--quarter 不能与 --as-of 或 --period 同时使用：季度已经确定了截止日和统计期间。")
    if quarter_text:
        day, flow, ytd = quarter(quarter_text)
    else:
        day = parse_day(as_of) if as_of else (today or date.today())
        flow, ytd = (parse_period(period) if period else year_to_date(day)), None
    previous = parse_compare(compare) if compare else (previous_quarter_end(day) if default_compare else None)
    if previous is None:
        return Window(day, flow, ytd)
    return Window(
        day, flow, ytd, previous, shifted_period(flow, day, previous), year_to_date(previous) if ytd else None
    )


def shifted_period(period: Period, as_of: date, compare: date) -> Period:
    """The comparable period ending at the comparison date: the same quarter shape, year to date, or length."""
    if period.start == date(as_of.year, 1, 1) and period.end == as_of:
        return year_to_date(compare)
    if period.start == quarter_start(period.end) and _is_quarter_end(period.end):
        return make_period(quarter_start(compare), compare)
    return make_period(compare - (period.end - period.start), compare)


def _is_quarter_end(d: date) -> bool:
    return d.month % 3 == 0 and (d + timedelta(days=1)).day == 1
