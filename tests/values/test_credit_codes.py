"""Unified social credit codes: every vector of domain.md §2.6, Excel damage, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipdb.values import Flagged, Reject
from ipdb.values.credit_codes import ALPHABET, check_char, looks_like_credit_code, parse_credit_code

# domain.md §2.6, verified vectors exactly as listed.
POSITIVE_VECTORS = [
    "914403001922038216",
    "91110108551385082Q",
    "91110000600037341L",
    "121200004013590816",
    "91620105L015101280",
    "91310115MA1K3BTP2B",
    "92340602MA2PBMEM24",
    "9135021359498494XQ",
    "91350200776049653A",
    "913502000728319549",
    "91512081MA62K0260E",
]


def full_width(text: str) -> str:
    """Printable ASCII as a Chinese input method types it (full-width forms)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize("code", POSITIVE_VECTORS)
def test_positive_vectors(code):
    assert parse_credit_code(code) == code
    assert check_char(code[:17]) == code[17]
    assert looks_like_credit_code(code)


def test_worked_examples():
    assert check_char("91440300192203821") == "6"
    assert check_char("91512081MA62K0260") == "E"


def test_cautionary_vector_is_flagged_and_kept():
    parsed = parse_credit_code("91350203M0001QAY9B")
    assert parsed == Flagged("91350203M0001QAY9B", "校验位不符：应为 9，表中为 B", "bad_check_char")


def test_excel_truncated_code_is_flagged_as_such():
    parsed = parse_credit_code("914403001922038000")
    assert isinstance(parsed, Flagged)
    assert parsed.value == "914403001922038000"
    assert parsed.code == "excel_truncated"
    assert "Excel" in parsed.warning


def test_first_characters_a_n_y_are_accepted():
    for first in "ANY":
        body = first + "1440300192203821"
        code = body + check_char(body)
        assert parse_credit_code(code) == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("9144 0300 1922 0382 16", "914403001922038216"),
        ("91440300-1922038216", "914403001922038216"),
        ("\u3000914403001922038216\u3000", "914403001922038216"),
        ("91110108551385082q", "91110108551385082Q"),
        (full_width("91110108551385082Q"), "91110108551385082Q"),
        ("913502000728319549.0", "913502000728319549"),
    ],
)
def test_written_forms(raw, expected):
    assert parse_credit_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("", "empty", "为空"),
        (" - ", "empty", "为空"),
        ("9.14403E+17", "scientific_notation", "科学计数法"),
        ("9.14403001922038e+17", "scientific_notation", "无法恢复"),
        ("440301104001819", "bad_length", "注册号"),
        ("19220382-1", "bad_length", "组织机构代码"),
        ("91440300192203821", "bad_length", "18位"),
        ("9144030019220382160", "bad_length", "18位"),
        ("91110000600037341I", "bad_chars", "I"),
        ("91110000600O37341L", "bad_chars", "O"),
        ("S1110000600037341L", "bad_chars", "S"),
        ("01110000600037341L", "bad_chars", "第1位"),
        ("B1110000600037341L", "bad_chars", "第1位"),
        ("9111A000600037341L", "bad_chars", "第3至8位"),
        ("华为技术有限公司华为技术有限公司华为", "bad_chars", "字符"),
    ],
)
def test_rejects(raw, code, words):
    with pytest.raises(Reject) as info:
        parse_credit_code(raw)
    assert info.value.code == code
    assert words in info.value.reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91350203M0001QAY9B", True),  # shape only: a failing check still looks like a code
        ("9144 0300 1922 0382 16", True),
        ("9.14403E+17", True),  # a code column that Excel turned into numbers
        ("440301104001819", False),
        ("华为技术有限公司", False),
        ("", False),
        ("0144030019220382160", False),
        ("9111A000600037341L", False),
    ],
)
def test_looks_like_credit_code(raw, expected):
    assert looks_like_credit_code(raw) is expected


def test_check_char_refuses_bad_input():
    with pytest.raises(ValueError):
        check_char("9144030019220382")
    with pytest.raises(ValueError):
        check_char("9144030019220382I")


# ---- properties -------------------------------------------------------------------------------

symbols = st.sampled_from(ALPHABET)
first17 = st.builds(
    lambda first, second, region, rest: first + second + region + "".join(rest),
    st.sampled_from("123456789ANY"),
    symbols,
    st.integers(0, 999_999).map(lambda n: f"{n:06d}"),
    st.lists(symbols, min_size=9, max_size=9),
)


@settings(max_examples=200)
@given(first17)
def test_valid_codes_round_trip(body):
    code = body + check_char(body)
    for written in (
        code,
        code.lower(),
        f" {code[:8]} {code[8:]} ",
        full_width(code),
        f"{code[:8]}-{code[8:]}",
    ):
        assert parse_credit_code(written) == code, written


@settings(max_examples=200)
@given(first17, st.data())
def test_any_single_substitution_is_detected(body, data):
    code = body + check_char(body)
    position = data.draw(st.integers(0, 17))
    replacement = data.draw(st.sampled_from([c for c in ALPHABET + "IOSVZ" if c != code[position]]))
    changed = code[:position] + replacement + code[position + 1 :]
    try:
        parsed = parse_credit_code(changed)
    except Reject:
        return
    assert isinstance(parsed, Flagged), changed
    assert parsed.value == changed
