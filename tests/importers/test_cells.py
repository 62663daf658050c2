"""The cell converters of a workbook read: the date cache and the whole-number bound give the texts the plain
conversions give."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ipdb.importers import cells
from ipdb.importers.cells import CONVERTERS, converters, number_text


def _number_text_by_int_bound(value: float) -> str:
    """number_text as written before the float bound (abs against the int 10**15)."""
    if not value.is_integer():
        return repr(value)
    if abs(value) < 10**cells.EXCEL_DIGITS:
        return str(int(value))
    return format(Decimal(f"{value:.{cells.EXCEL_DIGITS}g}"), "f")


@pytest.mark.parametrize(
    "value",
    [
        0.0,
        -0.0,
        3.0,
        -7.0,
        0.5,
        201710117081.7,
        1e15 - 1,
        1e15,
        1e15 + 2,
        -(1e15 - 1),
        -1e15,
        9.144030019220380e17,
        float("inf"),
        float("-inf"),
        float("nan"),
        2.0**53,
        -(2.0**60),
    ],
)
def test_number_text_keeps_the_texts_of_the_int_bound(value: float) -> None:
    assert number_text(value) == _number_text_by_int_bound(value)


def test_dates_read_through_the_cache_are_their_iso_texts_also_after_it_starts_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cells, "DATE_CACHE", 3)
    table = converters()
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=i % 5) for i in range(23)] + [dt.date(1, 1, 1), dt.date.max]
    assert [table[type(day)](day) for day in days] == [day.isoformat() for day in days]
    cache = table[dt.date].__self__  # type: ignore[attr-defined]
    assert len(cache) <= 3


def test_a_fresh_table_converts_every_other_type_as_the_shared_one() -> None:
    table = converters()
    values = [
        1.0,
        2.5,
        7,
        True,
        False,
        dt.datetime(2020, 1, 2),
        dt.datetime(2020, 1, 2, 3, 4, 5),
        dt.time(1, 2, 3),
        dt.timedelta(days=2),
        Decimal("1.50"),
        "  甲 ",
    ]
    assert [table[type(v)](v) for v in values] == [CONVERTERS[type(v)](v) for v in values]
    assert converters()[dt.date] is not table[dt.date]  # one cache per read, never shared between reads
