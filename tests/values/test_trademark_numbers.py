"""Trademark registration numbers, Nice classes and Madrid numbers (domain.md §3)."""

from __future__ import annotations

import pytest

from ipdb.values import Reject
from ipdb.values.trademark_numbers import parse_madrid_no, parse_nice_class, parse_registration_no


def full_width(text: str) -> str:
    """Printable ASCII as a Chinese input method types it (full-width forms)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("9023455", "9023455"),
        ("9023455.0", "9023455"),
        (" 9023455 ", "9023455"),
        (full_width("9023455"), "9023455"),
        ("12345678", "12345678"),
        ("123456789", "123456789"),
        ("0123456", "0123456"),  # leading zeros are kept as written
        ("7", "7"),
    ],
)
def test_registration_no(raw, expected):
    assert parse_registration_no(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("G1234567", "madrid_number"),
        ("g1234567", "madrid_number"),
        ("1234567890", "bad_format"),
        ("9023455A", "bad_format"),
        ("TM9023455", "bad_format"),
        ("9023455.5", "bad_format"),
        ("第9023455号", "bad_format"),
    ],
)
def test_registration_no_rejects(raw, code):
    with pytest.raises(Reject) as info:
        parse_registration_no(raw)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("9", 9), ("09", 9), ("9.0", 9), ("第9类", 9), ("第九类", 9), ("9类", 9), ("第09类", 9),
        ("第 9 类", 9), ("第" + full_width("9") + "类", 9), ("1", 1), ("45", 45), ("一", 1), ("十", 10),
        ("十一", 11),
        ("二十", 20), ("二十五", 25), ("三十五", 35), ("四十五", 45), ("第四十五类", 45),
    ],
)  # fmt: skip
def test_nice_class(raw, expected):
    assert parse_nice_class(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "0", "46", "第46类", "四十六", "二三", "九十九", "类", "第类", "9,35", "A", "9.5"]
)
def test_nice_class_rejects(raw):
    with pytest.raises(Reject) as info:
        parse_nice_class(raw)
    assert info.value.code in {"bad_class", "empty"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1234567", "1234567"), ("G1234567", "1234567"), ("g 1234567", "1234567"), ("987654", "987654"),
     ("1234567.0", "1234567")],
)  # fmt: skip
def test_madrid_no(raw, expected):
    assert parse_madrid_no(raw) == expected


@pytest.mark.parametrize("raw", ["", "G", "GG1234567", "1234", "123456789", "M1234567", "1234567A"])
def test_madrid_no_rejects(raw):
    with pytest.raises(Reject):
        parse_madrid_no(raw)
