"""The parameters every figure's SQL binds: D, P and the bounds derived from them (ISO text)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from ipdb.periods import Period
from ipdb.reading import Reader, as_reader

Line = TypeVar("Line")


def lines(conn: Any, sql: str, params: dict[str, Any], make: Callable[..., Line]) -> tuple[Line, ...]:
    """A list's lines: ``make(*row)`` for each row of ``sql``, in its order (``conn``: a Reader or a
    SQLAlchemy connection)."""
    return tuple(make(*row) for row in as_reader(conn).rows(sql, params))


def ten_year_cutoff(d: date, years: int = 10) -> date:
    """The latest filing date whose 10th anniversary is on or before D.

    A 29 February filing reaches its anniversary on 28 February of a common year (民法典 第二百零三条: a
    period without the corresponding day ends on the month's last day), not on 1 March as SQLite's date() has it.
    """
    year = d.year - years
    if (d.month, d.day) == (2, 28) and not calendar.isleap(d.year) and calendar.isleap(year):
        return date(year, 2, 29)
    if (d.month, d.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, d.month, d.day)


def whole_years(period: Period) -> tuple[int, int]:
    """(first, last) year in which a record dated only by its year counts in P (Part I "Records without a date of
    their own"): a year P contains whole, or the year P starts on 1 January of (its year to date). Empty when
    first > last: a quarter or a month inside a year places no such record."""
    starts_year = (period.start.month, period.start.day) == (1, 1)
    first = period.start.year if starts_year else period.start.year + 1
    last = period.end.year if (period.end.month, period.end.day) == (12, 31) else period.end.year - 1
    return first, max(last, period.start.year) if starts_year else last


@dataclass(frozen=True)
class Query:
    """One connection (a Reader, or a SQLAlchemy connection read through one), D and P; ``memo`` holds results
    shared by several metrics of one headline."""

    conn: Any
    as_of: date
    period: Period
    memo: dict[str, Any] = field(default_factory=dict, compare=False)
    # The holder-group lines under 发明专利拥有量 cost one more pass over the rights in force: computed only for
    # the headlines that show them (the briefing's overview, explain), not for summary.
    holder_groups: bool = False

    @property
    def params(self) -> dict[str, Any]:
        return {
            "d": self.as_of.isoformat(),
            "year": self.as_of.year,
            "cutoff": ten_year_cutoff(self.as_of).isoformat(),
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "y0": self.period.start.year,
            "y1": self.period.end.year,
            "yf": whole_years(self.period)[0],
            "yl": whole_years(self.period)[1],
            # a year-only row holds its year's last day: it counts when that day falls in these bounds
            "yf_end": f"{whole_years(self.period)[0]:04d}-12-31",
            "yl_end": f"{whole_years(self.period)[1]:04d}-12-31",
            "y0_end": f"{self.period.start.year:04d}-12-31",
            "y1_end": f"{self.period.end.year:04d}-12-31",
        }

    @property
    def reader(self) -> Reader:
        return as_reader(self.conn)

    def rows(self, sql: str, **extra: Any) -> list[tuple[Any, ...]]:
        return self.reader.rows(sql, {**self.params, **extra})

    def scalar(self, sql: str, **extra: Any) -> Any:
        return self.reader.scalar(sql, {**self.params, **extra})
