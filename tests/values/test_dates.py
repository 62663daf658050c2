"""Dates, ranges, years, titles and CLI periods (domain.md §6.6, gotcha 16)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipdb.values import Reject
from ipdb.values.dates import (
    as_of_from_title,
    parse_date,
    parse_date_range,
    parse_iso_date,
    parse_period,
    parse_quarter,
    parse_year,
    quarter_bounds,
    quarter_end,
)

D = date(2021, 3, 5)


def full_width(text: str) -> str:
    """Printable ASCII as a Chinese input method types it (full-width forms)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize(
    "raw",
    [
        "44260", "44260.0", "44260.5", " 44260 ", "2021.3.5", "2021.03.05", "2021/03/05", "2021/3/5",
        "2021-03-05", "2021-3-5", "2021年3月5日", "2021年03月05日", "2021年3月5", "2021 年 3 月 5 日",
        "20210305", "20210305.0", "2021-03-05T00:00:00", "2021-03-05 00:00:00", "2021/3/5 0:00:00",
        "2021-03-05T08:30:00+08:00", "2021-03-05 00:00:00.000", full_width("2021年3月5日"),
        full_width("2021-03-05"),
        full_width("44260"),
    ],
)  # fmt: skip
def test_parse_date_forms(raw):
    assert parse_date(raw) == D


def test_worked_examples():
    assert parse_date("2016-05-12T00:00:00") == date(2016, 5, 12)
    assert parse_date("2012年07月14日") == date(2012, 7, 14)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("  ", "empty"),
        ("2021-02-30", "impossible_date"),
        ("2021年13月1日", "impossible_date"),
        ("20210230", "impossible_date"),
        ("1949-12-31", "year_out_of_range"),
        ("2101.1.1", "year_out_of_range"),
        ("10000", "year_out_of_range"),  # serial 10000 is 1927
        ("99999", "year_out_of_range"),
        ("2021.3", "bad_date"),
        ("2021年3月", "bad_date"),
        ("21.3.5", "bad_date"),
        ("2021-03/05", "bad_date"),
        ("2021", "bad_date"),
        ("4426", "bad_date"),
        ("三月五日", "bad_date"),
    ],
)
def test_parse_date_rejects(raw, code):
    with pytest.raises(Reject) as info:
        parse_date(raw)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2012年07月14日 至 2022年07月13日", (date(2012, 7, 14), date(2022, 7, 13))),
        ("2023.1.1-2025.12.31", (date(2023, 1, 1), date(2025, 12, 31))),
        ("2023.1.1 - 2025.12.31", (date(2023, 1, 1), date(2025, 12, 31))),
        ("2021/03/05~2022/03/04", (D, date(2022, 3, 4))),
        ("2021/03/05\uff5e2022/03/04", (D, date(2022, 3, 4))),
        ("2021-03-05 至 2022-03-04", (D, date(2022, 3, 4))),
        ("2021-03-05—2022-03-04", (D, date(2022, 3, 4))),
        ("2021.3.5\u20132022.3.4", (D, date(2022, 3, 4))),
        ("2021-03-05-2022-03-04", (D, date(2022, 3, 4))),
        ("2021-03-05 - 2022-03-04", (D, date(2022, 3, 4))),
        ("20210305-20220304", (D, date(2022, 3, 4))),
        ("2021年3月5日-2022年3月4日", (D, date(2022, 3, 4))),
        ("2021.3.5至今", (D, None)),
        ("2021.3.5-", (D, None)),
        ("2021-03-05-", (D, None)),
        ("2021年3月5日至长期", (D, None)),
        ("2021-03-05 00:00:00 至 2022-03-04 00:00:00", (D, date(2022, 3, 4))),
    ],
)
def test_parse_date_range(raw, expected):
    assert parse_date_range(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("—", "empty"),
        ("2021-03-05", "bad_range"),
        ("2021.3.5", "bad_range"),
        ("2021.3.5-2022.3.4-2023.3.3", "bad_range"),
        ("2022.3.4-2021.3.5", "bad_range"),
        ("2021.2.30-2022.3.4", "impossible_date"),
        ("2021.3.5至明年", "bad_date"),
    ],
)
def test_parse_date_range_rejects(raw, code):
    with pytest.raises(Reject) as info:
        parse_date_range(raw)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021", 2021),
        ("2021年", 2021),
        ("2021年度", 2021),
        ("2021.0", 2021),
        (f" {full_width('2021')} ", 2021),
    ],
)
def test_parse_year(raw, expected):
    assert parse_year(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [("", "empty"), ("2021届", "bad_year"), ("第23届", "bad_year"), ("21", "bad_year"),
     ("2021.5", "bad_year"), ("2021-2022", "bad_year"), ("1949", "year_out_of_range"),
     ("0000", "year_out_of_range")],
)  # fmt: skip
def test_parse_year_rejects(raw, code):
    with pytest.raises(Reject) as info:
        parse_year(raw)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("XX区有效发明专利统计表（截至2021年12月31日）", date(2021, 12, 31)),
        ("截止2021-09-30专利清单", date(2021, 9, 30)),
        ("企业专利名录（截至2021.9.30）", date(2021, 9, 30)),
        ("截至到2021年9月30日", date(2021, 9, 30)),
        ("截至 2021 年 9 月 30 日", date(2021, 9, 30)),
        ("2021年第三季度（截至2021年9月30日）", date(2021, 9, 30)),
        ("2024年第三季度XX区有效发明专利统计表", date(2024, 9, 30)),
        ("2021年三季度专利统计", date(2021, 9, 30)),
        ("2021年第3季度", date(2021, 9, 30)),
        ("2021年Q3", date(2021, 9, 30)),
        ("2021q4 商标清单", date(2021, 12, 31)),
        ("2021年前三季度", date(2021, 9, 30)),
        ("2021年第一季度", date(2021, 3, 31)),
        ("2021年上半年质押融资情况", date(2021, 6, 30)),
        ("2021年1-9月专利授权情况", date(2021, 9, 30)),
        ("2020年11月湖南省有效发明专利统计表", date(2020, 11, 30)),
        ("2024年2月", date(2024, 2, 29)),
        ("截至2021年9月", date(2021, 9, 30)),
        ("截至2021年底", date(2021, 12, 31)),
    ],
)
def test_as_of_from_title(title, expected):
    assert as_of_from_title(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "2021年度专项资金申报企业名单",  # a bare year is not an as-of date
        "2021年",
        "企业名录",
        "",
        "截至2021年2月30日",  # impossible: ask for --as-of rather than guess
        "专利清单（2021年3月5日导出）",  # a full date without 截至 is not an as-of statement
        "2021年13月",
    ],
)
def test_as_of_from_title_none(title):
    assert as_of_from_title(title) is None


def test_quarters():
    assert quarter_end(2021, 3) == date(2021, 9, 30)
    assert quarter_end(2021, 1) == date(2021, 3, 31)
    assert quarter_bounds(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_bounds(2021, 4) == (date(2021, 10, 1), date(2021, 12, 31))
    with pytest.raises(Reject):
        quarter_end(2021, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021", (date(2021, 1, 1), date(2021, 12, 31))),
        ("2021Q3", (date(2021, 7, 1), date(2021, 9, 30))),
        ("2021q3", (date(2021, 7, 1), date(2021, 9, 30))),
        ("2021H1", (date(2021, 1, 1), date(2021, 6, 30))),
        ("2021H2", (date(2021, 7, 1), date(2021, 12, 31))),
        ("2021-01..2021-09", (date(2021, 1, 1), date(2021, 9, 30))),
        ("2020-11..2021-02", (date(2020, 11, 1), date(2021, 2, 28))),
        ("2021-01-01..2021-09-30", (date(2021, 1, 1), date(2021, 9, 30))),
        (" 2021Q3 ", (date(2021, 7, 1), date(2021, 9, 30))),
    ],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "2021Q5", "2021H3", "21Q3", "2021-13..2021-14", "2021-09..2021-01", "2021-01-01..2021-02-30",
     "2021-01-01", "2021-1-1..2021-9-30", "2021年", "last year"],
)  # fmt: skip
def test_parse_period_rejects(text):
    with pytest.raises(Reject) as info:
        parse_period(text)
    assert info.value.code in {"bad_period", "impossible_date"}


def test_parse_period_reason_lists_the_forms():
    with pytest.raises(Reject) as info:
        parse_period("上季度")
    for form in ("2021", "2021Q3", "2021H1", "2021-01..2021-09", "2021-01-01..2021-09-30"):
        assert form in info.value.reason


def test_parse_quarter():
    assert parse_quarter("2021Q3") == (2021, 3)
    assert parse_quarter("2021q1") == (2021, 1)
    for bad in ("2021Q0", "2021", "Q3", "2021-Q3", "1900Q1"):
        with pytest.raises(Reject):
            parse_quarter(bad)


def test_parse_iso_date():
    assert parse_iso_date("2025-09-30") == date(2025, 9, 30)
    for bad in ("2025-9-30", "2025/09/30", "20250930", "2025-02-30", "30-09-2025", ""):
        with pytest.raises(Reject) as info:
            parse_iso_date(bad)
        assert "YYYY-MM-DD" in info.value.reason or info.value.code == "impossible_date"


# ---- properties -------------------------------------------------------------------------------

EPOCH = date(1899, 12, 30)


def _seven_forms(d: date) -> list[str]:
    return [
        d.isoformat(),
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}/{d.month:02d}/{d.day:02d}",
        f"{d.year}年{d.month}月{d.day}日",
        d.strftime("%Y%m%d"),
        str((d - EPOCH).days),
        f"{d.isoformat()}T00:00:00",
    ]


@settings(max_examples=200)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_round_trips_in_seven_forms(d):
    for written in _seven_forms(d):
        assert parse_date(written) == d, written
