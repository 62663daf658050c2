"""A workbook cell as the text a grid holds: stripped text, numbers as Excel shows them, ISO dates, 是/否."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

EXCEL_DIGITS = 15  # Excel keeps and shows 15 significant digits (domain.md §6.6, "Excel 15-digit precision")
# Whitespace seen around cell text: ASCII, no-break space and ideographic space (U+3000), plus the
# BOM and zero-width space that copy-paste from web pages leaves behind. Kept short: strip() is the
# hot path, and its cost grows with the length of this set.
BLANKS = " \t\n\r\x0b\x0c\xa0\u3000\ufeff\u200b"
SHOWN_WHOLE = float(10**EXCEL_DIGITS)  # a float bound: no int power and no float-to-int comparison a cell
# Distinct dates kept by one read's converters: a register has a few thousand in 100k rows; a hostile file with
# more only makes the cache start again, never grow past this.
DATE_CACHE = 1 << 16


def _text(value: str) -> str | None:
    return value.strip(BLANKS) or None


def number_text(value: float) -> str:
    """A float cell as Excel shows it: whole numbers without .0, at most 15 significant digits."""
    if not value.is_integer():
        return repr(value)  # shortest round-trip form: 201710117081.7 stays 201710117081.7
    if -SHOWN_WHOLE < value < SHOWN_WHOLE:
        return str(int(value))
    # an 18-digit credit code stored as a number: show the digits Excel shows, 914403001922038000
    return format(Decimal(f"{value:.{EXCEL_DIGITS}g}"), "f")


def _datetime(value: dt.datetime) -> str:
    if value.time() == dt.time():
        return value.date().isoformat()
    return value.isoformat(sep=" ", timespec="seconds")


def _other(value: object) -> str | None:
    return _text(str(value))


class _Converters(dict[type, Callable[[Any], str | None]]):
    def __missing__(self, key: type) -> Callable[[Any], str | None]:
        return _other


class _IsoDates(dict[dt.date, str]):
    """date -> its ISO text, made once per distinct date: isoformat costs about eight dict lookups, and a
    register's 100k rows hold two date columns over a few thousand days."""

    def __missing__(self, day: dt.date) -> str:
        if len(self) >= DATE_CACHE:
            self.clear()
        text = self[day] = day.isoformat()
        return text


CONVERTERS = _Converters(  # calamine's cell types -> the text a grid holds
    {
        str: _text,
        float: number_text,
        int: str,
        bool: lambda value: "是" if value else "否",
        dt.date: dt.date.isoformat,
        dt.datetime: _datetime,
        dt.time: lambda value: value.isoformat(timespec="seconds"),
        dt.timedelta: str,
    }
)


def converters() -> dict[type, Callable[[Any], str | None]]:
    """CONVERTERS with a cache of date texts of its own: one table for one read of a sheet."""
    table = _Converters(CONVERTERS)
    table[dt.date] = _IsoDates().__getitem__
    return table
