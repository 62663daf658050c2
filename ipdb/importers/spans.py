"""The period a list of events covers, decided at import (domain.md Part I, "No data is not zero").

A list of events (loans, funds, cases, projects, awards) covers the period its title names (2026年,
2026年度, 2026年1-9月, 2026年第三季度, 2026年上半年, 2026Q3) up to its as-of date, else the span from its earliest
record's date to its as-of date. Registers and lists of stocks store nothing here: as of S they cover any period up to S.
The span is kept on the batch (``import_batch.covers_from`` / ``covers_to``) and read by ``ipdb.figures.coverage``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ipdb.importers.spec import Record
from ipdb.values.dates import YearDate, quarter_bounds
from ipdb.vocabulary import fold

# The field that places each event in time, per kind: a date, or a year (an int) for lists that only have years.
EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    "pledges": ("registered_on",),
    "funds": ("dated_on",),
    "cases": ("closed_on", "opened_on"),
    "projects": ("approved_on", "approval_year"),
    "awards": ("award_year",),
}

_QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS = re.compile(r"(\d{4})年(\d{1,2})(?:月)?[-—~至到](\d{1,2})月")
_QUARTER = re.compile(r"(\d{4})年?第?([一二三四1-4])季度|(\d{4})Q([1-4])")
_HALF = re.compile(r"(\d{4})年?(上|下)半年|(\d{4})H([12])")
_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?!\d{1,2}日)(?!份?[-—~至到])")
_YEAR = re.compile(r"(\d{4})年(?:度)?(?![\d第上下])")


def titled_period(text: str) -> tuple[date, date] | None:
    """The period a title names: 2026年1-9月, 2026年第三季度, 2026Q3, 2026年上半年, 2026年9月, 2026年(度)."""
    title = fold(text).upper()
    if found := _MONTHS.search(title):
        year, first, last = (int(g) for g in found.groups())
        if 1 <= first <= last <= 12:
            return date(year, first, 1), _month_end(year, last)
    if found := _QUARTER.search(title):
        year = int(found.group(1) or found.group(3))
        return quarter_bounds(year, _QUARTER_WORDS[found.group(2) or found.group(4)])
    if found := _HALF.search(title):
        year = int(found.group(1) or found.group(3))
        first_half = (found.group(2) or "") == "上" or found.group(4) == "1"
        return (date(year, 1, 1), date(year, 6, 30)) if first_half else (date(year, 7, 1), date(year, 12, 31))
    if (found := _MONTH.search(title)) and 1 <= int(found.group(2)) <= 12:
        year, month = int(found.group(1)), int(found.group(2))
        return date(year, month, 1), _month_end(year, month)
    if found := _YEAR.search(title):
        year = int(found.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _month_end(year: int, month: int) -> date:
    import calendar

    return date(year, month, calendar.monthrange(year, month)[1])


def event_span(kind: str, records: Iterable[Record], titles: Iterable[str], as_of: date) -> tuple[date, date] | None:
    """(covers_from, covers_to) of an import of ``kind``; None for a kind that is not a list of events."""
    fields = EVENT_FIELDS.get(kind)
    if fields is None:
        return None
    for title in titles:
        named = titled_period(title) if title else None
        if named:
            # a 2026 ledger as of 30 September speaks for 2026 up to that day, not for the months after it
            return (named[0], min(named[1], as_of)) if as_of >= named[0] else named
    days = [day for record in records if (day := _placed(record, fields)) is not None]
    return (min(min(days), as_of), as_of) if days else (as_of, as_of)


def _placed(record: Record, fields: tuple[str, ...]) -> date | None:
    for name in fields:
        value = record.get(name)
        if isinstance(value, YearDate):
            return date(value.year, 1, 1)
        if isinstance(value, date):
            return value
        if isinstance(value, int):
            return date(value, 1, 1)
    return None
