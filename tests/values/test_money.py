"""Money as integer 元 (domain.md Part I "Money", §5.6, gotcha 17)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipdb.values import Reject
from ipdb.values.money import format_wan, format_yi, parse_money, unit_from_text, yuan_to_wan


def full_width(text: str) -> str:
    """Printable ASCII as a Chinese input method types it (full-width forms)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("融资金额（万元）", "万元"), ("金额(亿元)", "亿元"), ("主债权数额/元", "元"), ("金额（元）", "元"),
        ("融资金额(万元人民币)", "万元"), ("金额（千元）", "千元"), ("融资金额", None),
        ("常住人口(万人)", None),
        ("金额（万美元）", "万美元"), ("金额(港元)", "港元"), ("", None),
    ],
)  # fmt: skip
def test_unit_from_text(header, unit):
    assert unit_from_text(header) == unit


@pytest.mark.parametrize(
    ("raw", "unit", "yuan"),
    [
        ("500", "万元", 5_000_000),
        ("500", "元", 500),
        ("500", "亿元", 50_000_000_000),
        ("500万元", "元", 5_000_000),  # the cell's unit overrides the column's
        ("500万", "元", 5_000_000),
        ("0.05亿元", "万元", 5_000_000),
        ("0.05亿", "元", 5_000_000),
        ("1,234元", "万元", 1_234),
        ("1,234.5", "万元", 12_345_000),
        (full_width("1234"), "万元", 12_340_000),
        (" 1 234 ", "元", 1_234),
        ("¥1,234", "元", 1_234),
        ("￥1,234元", "元", 1_234),
        ("人民币500万元", "元", 5_000_000),
        ("500.0", "万元", 5_000_000),
        ("0", "万元", 0),
        ("0.00005", "万元", 1),  # 0.5 元 rounds half up
        ("0.00004", "万元", 0),
        ("12.34567", "万元", 123_457),
        ("3098", "亿元", 309_800_000_000),
        ("12", "千元", 12_000),
    ],
)
def test_parse_money(raw, unit, yuan):
    assert parse_money(raw, unit) == yuan


def test_default_unit_is_wan():
    assert parse_money("500") == 5_000_000


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"), ("-", "empty"), ("—", "empty"), ("--", "empty"), ("/", "empty"), ("  ", "empty"),
        ("伍佰万元", "chinese_numerals"), ("五百万", "chinese_numerals"), ("壹仟元", "chinese_numerals"),
        ("-500", "negative"), ("-0.5万元", "negative"),
        ("1.2E+07", "scientific_notation"),
        ("1,23", "bad_amount"), ("12,34,567", "bad_amount"), ("500万元整", "bad_amount"),
        ("500美元", "foreign_currency"),
        ("abc", "bad_amount"), ("5.", "bad_amount"), ("500万元万元", "bad_amount"),
    ],
)  # fmt: skip
def test_parse_money_rejects(raw, code):
    with pytest.raises(Reject) as info:
        parse_money(raw)
    assert info.value.code == code


def test_empty_reason_is_exact():
    with pytest.raises(Reject) as info:
        parse_money("—")
    assert info.value.reason == "金额为空"


def test_chinese_numerals_reason_gives_the_fix():
    with pytest.raises(Reject) as info:
        parse_money("伍佰万元")
    assert "阿拉伯数字" in info.value.reason


def test_unknown_unit_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_money("500", "美元")


def test_formatting():
    assert yuan_to_wan(12_345_600) == 1234.56
    assert yuan_to_wan(5) == 0.0005
    assert format_wan(12_345_600) == "1,234.56"
    assert format_wan(0) == "0.00"
    assert format_wan(50) == "0.01"  # 0.005 万元 rounds half up
    assert format_wan(49) == "0.00"
    assert format_wan(1_260_000_000) == "126,000.00"
    assert format_yi(1_260_000_000) == "12.6"
    assert format_yi(1_250_000_000) == "12.5"
    assert format_yi(5_000_000) == "0.1"  # 0.05 亿元 rounds half up
    assert format_yi(309_800_000_000) == "3098.0"


# ---- properties -------------------------------------------------------------------------------

FACTORS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


@settings(max_examples=200)
@given(st.integers(0, 10**12), st.sampled_from(sorted(FACTORS)))
def test_integers_round_trip_in_every_unit(yuan, unit):
    amount = f"{Decimal(yuan) / FACTORS[unit]:f}"
    assert parse_money(amount + unit, "元") == yuan
    assert parse_money(amount, unit) == yuan
    assert parse_money(f"{yuan:,}元", "万元") == yuan


@pytest.mark.parametrize("raw", ["100000000000000000", "99999999999999999999999万元", "10000.01亿元"])
def test_amounts_beyond_a_trillion_yuan_are_rejected_with_their_reason(raw):
    with pytest.raises(Reject, match="超过 1 万亿元") as caught:
        parse_money(raw, "元")
    assert caught.value.code == "amount_too_large"


def test_a_trillion_yuan_itself_is_accepted():
    assert parse_money("1000000000000", "元") == 10**12


@pytest.mark.parametrize(("raw", "unit"), [("50万美元", "万元"), ("USD 500", "万元"), ("1200欧元", "元"),
                                          ("€300", "万元"), ("500", "万美元"), ("20", "港元")])
def test_foreign_currency_is_a_reject_not_read_as_yuan(raw, unit):
    with pytest.raises(Reject) as caught:
        parse_money(raw, unit)
    assert caught.value.code == "foreign_currency" and "外币" in caught.value.reason
