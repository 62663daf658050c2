"""Patent application numbers: every vector of domain.md §1.7, the §6.6 mess, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipdb.values import Flagged, Reject
from ipdb.values.patent_numbers import (
    ApplicationNumber,
    check_char,
    parse_application_no,
    parse_patent_type,
)
from ipdb.vocabulary import CATEGORY_ZH

# domain.md §1.7, positive vectors exactly as found: (input, body, check, type digit).
POSITIVE_VECTORS = [
    ("CN201710117081.7", "201710117081", "7", "1"),
    ("CN201610311380.X", "201610311380", "X", "1"),
    ("CN201730033448.8", "201730033448", "8", "3"),
    ("ZL201922113032.3", "201922113032", "3", "2"),
    ("ZL201921281688.X", "201921281688", "X", "2"),
    ("ZL201910380558.X", "201910380558", "X", "1"),
    ("ZL 2013 2 0043015.7", "201320043015", "7", "2"),
    ("ZL 2018 1 0119917.1", "201810119917", "1", "1"),
    ("ZL201680019204.7", "201680019204", "7", "8"),
    ("ZL201780002397.X", "201780002397", "X", "8"),
    ("201910349801.1", "201910349801", "1", "1"),
    ("201810431317.9", "201810431317", "9", "1"),
    ("202110182616.5", "202110182616", "5", "1"),
    ("202411885555.9", "202411885555", "9", "1"),
    ("200510113767.6", "200510113767", "6", "1"),
    ("00814037.5", "00814037", "5", "8"),
    ("ZL00814037.5", "00814037", "5", "8"),
    ("01800565.9", "01800565", "9", "8"),
    ("97101765.4", "97101765", "4", "1"),
    ("ZL95115608.X", "95115608", "X", "1"),
    ("90101673.X", "90101673", "X", "1"),
    ("ZL2013106997442", "201310699744", "2", "1"),
    ("200710308494.X", "200710308494", "X", "1"),
    ("201710601862.3", "201710601862", "3", "1"),
]

# domain.md §1.7, negative vectors: (input, body, computed check, check as written).
NEGATIVE_VECTORS = [
    ("ZL 2018 1 1341241.1", "201811341241", "7", "1"),
    ("200490000001.3", "200490000001", "6", "3"),
    ("89103229.2", "89103229", "0", "2"),
]

CATEGORY_OF_TYPE = {"1": "invention", "8": "invention", "2": "utility", "9": "utility", "3": "design"}


def full_width(text: str) -> str:
    """Printable ASCII as a Chinese input method types it (full-width forms)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize(("raw", "body", "check", "type_digit"), POSITIVE_VECTORS)
def test_positive_vectors_parse_unflagged(raw, body, check, type_digit):
    parsed = parse_application_no(raw)
    assert parsed == ApplicationNumber(body, check, type_digit, CATEGORY_OF_TYPE[type_digit])
    assert check_char(body) == check


@pytest.mark.parametrize(("raw", "body", "expected", "written"), NEGATIVE_VECTORS)
def test_negative_vectors_are_flagged_not_dropped(raw, body, expected, written):
    parsed = parse_application_no(raw)
    assert isinstance(parsed, Flagged)
    assert parsed.code == "bad_check_char"
    assert parsed.value.body == body
    assert parsed.value.check == expected
    assert parsed.warning == f"校验位不符：应为 {expected}，表中为 {written}"


@pytest.mark.parametrize(
    ("body", "expected"),
    [("201610311380", "X"), ("201710117081", "7"), ("97101765", "4"), ("200480002090", "2")],
)
def test_check_char_worked_examples(body, expected):
    assert check_char(body) == expected


@pytest.mark.parametrize("body", ["2017101170", "9710176", "20171011708A", ""])
def test_check_char_refuses_a_malformed_body(body):
    with pytest.raises(ValueError):
        check_char(body)


@pytest.mark.parametrize(
    ("raw", "formatted"),
    [
        ("201710117081", "201710117081.7"),  # check omitted: computed, no warning
        ("2013106997442", "201310699744.2"),  # dot omitted
        ("971017654", "97101765.4"),  # old format, dot omitted: 8-digit body + check
        ("95115608X", "95115608.X"),
        ("CN 201710117081.7", "201710117081.7"),
        ("cn201710117081.7", "201710117081.7"),
        ("2017-1-0117081.7", "201710117081.7"),
        ("2017·1·0117081.7", "201710117081.7"),
        ("\u30002017\u30001\u30000117081.7\u3000", "201710117081.7"),
        (full_width("CN201710117081.7"), "201710117081.7"),
        ("ZL" + full_width("201610311380.x"), "201610311380.X"),
        (full_width("201710117081") + ".7", "201710117081.7"),  # full-width digits, ASCII dot and check
        ("CN" + full_width("201710117081.") + "7", "201710117081.7"),
        ("201710117081.", "201710117081.7"),
        ("88100001", "88100001"),  # 1985-88: printed without check character (§1.2)
        ("85100001", "85100001"),
        ("97101765", "97101765.4"),
    ],
)
def test_written_forms(raw, formatted):
    parsed = parse_application_no(raw)
    assert isinstance(parsed, ApplicationNumber)
    assert parsed.formatted == formatted


def test_old_unchecked_number_has_no_check():
    parsed = parse_application_no("88100001")
    assert parsed == ApplicationNumber("88100001", None, "1", "invention")


@pytest.mark.parametrize(("raw", "body"), [("814037.5", "00814037"), ("1800565.9", "01800565")])
def test_lost_leading_zeros_are_restored_with_a_warning(raw, body):
    parsed = parse_application_no(raw)
    assert isinstance(parsed, Flagged)
    assert parsed.code == "zeros_restored"
    assert parsed.value.body == body
    assert "补回" in parsed.warning


@pytest.mark.parametrize(
    "raw",
    [
        "814037.4",  # padded number fails the check
        "814037",  # no check character to confirm the padding
        "1400565.9",  # padded year 01 but type digit 4
        "4800565.X",  # padded year 04 is not a year that loses zeros
    ],
)
def test_short_bodies_that_cannot_be_restored_are_rejected(raw):
    with pytest.raises(Reject) as info:
        parse_application_no(raw)
    assert info.value.code == "bad_length"


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("", "empty", "为空"),
        ("   ", "empty", "为空"),
        ("2.01311E+12", "scientific_notation", "科学计数法"),
        ("2.013106997442e+12", "scientific_notation", "无法恢复"),
        ("CN106022747A", "publication_number", "公开号"),
        ("CN304218960S", "publication_number", "公开号"),
        ("CN110013232B", "publication_number", "公开号"),
        ("CN106844774A", "publication_number", "公开号"),
        ("PCT/CN2023/085176", "pct_number", "PCT国际申请号"),
        ("PCT/CN2023/123456", "pct_number", "PCT国际申请号"),
        ("WO2024012345A1", "foreign_number", "外国或国际组织专利，不计入本区"),
        ("2017101170", "bad_length", "8位或12位"),
        ("20171011708123", "bad_length", "8位或12位"),
        ("2017A0117081.7", "bad_chars", "字符"),
        ("申请中", "bad_chars", "字符"),
        ("201740117081.3", "bad_type_digit", "第5位"),
        ("97601765.4", "bad_type_digit", "第3位"),
        ("198410117081.1", "bad_year", "年份"),
        ("210110117081.1", "bad_year", "年份"),
        ("50101765.4", "bad_year", "年份"),
    ],
)
def test_rejects(raw, code, words):
    with pytest.raises(Reject) as info:
        parse_application_no(raw)
    assert info.value.code == code
    assert words in info.value.reason


@pytest.mark.parametrize(
    ("raw", "category"),
    [
        ("发明", "invention"), ("发明专利", "invention"), ("发明授权", "invention"),
        ("发明申请", "invention"),
        ("授权发明", "invention"), ("发明公布", "invention"), ("A", "invention"), ("B", "invention"),
        ("B1", "invention"), ("b", "invention"), ("PCT发明", "invention"), ("发明（PCT）", "invention"),
        ("实用新型", "utility"), ("实用新型专利", "utility"), ("U", "utility"), (" 实用 新型 ", "utility"),
        ("外观设计", "design"), ("外观设计专利", "design"), ("D", "design"), ("S", "design"),
        (full_width("U"), "utility"),
    ],
)  # fmt: skip
def test_patent_type(raw, category):
    assert parse_patent_type(raw) == category


@pytest.mark.parametrize("raw", ["", "商标", "X", "发明和实用新型", "1"])
def test_patent_type_rejects(raw):
    with pytest.raises(Reject) as info:
        parse_patent_type(raw)
    assert info.value.code == "bad_patent_type"


def test_category_names():
    assert CATEGORY_ZH == {"invention": "发明", "utility": "实用新型", "design": "外观设计"}


# ---- properties -------------------------------------------------------------------------------

new_bodies = st.builds(
    lambda year, type_digit, serial: f"{year}{type_digit}{serial:07d}",
    st.integers(1985, 2100),
    st.sampled_from("12389"),
    st.integers(1, 9_999_999),
)
old_bodies = st.builds(
    lambda year, type_digit, serial: f"{year % 100:02d}{type_digit}{serial:05d}",
    st.integers(1985, 2003),
    st.sampled_from("12389"),
    st.integers(1, 99_999),
)
bodies = st.one_of(new_bodies, old_bodies)


def _written_forms(body: str) -> list[str]:
    check = check_char(body)
    formatted = f"{body}.{check}"
    spaced = f"{body[:4]} {body[4]} {body[5:]}.{check}" if len(body) == 12 else formatted
    return [
        formatted,
        "CN" + formatted,
        "ZL" + formatted,
        "ZL " + spaced,
        f"CN\u3000{formatted}\u3000",
        full_width(formatted),
        body + check,
    ]


@settings(max_examples=200)
@given(bodies)
def test_valid_numbers_round_trip(body):
    for written in _written_forms(body):
        parsed = parse_application_no(written)
        assert isinstance(parsed, ApplicationNumber), written
        assert (parsed.body, parsed.check) == (body, check_char(body))
        assert parse_application_no(parsed.formatted) == parsed


@settings(max_examples=200)
@given(bodies, st.data())
def test_any_single_substitution_is_detected(body, data):
    written = body + check_char(body)
    position = data.draw(st.integers(0, len(written) - 1))
    replacement = data.draw(st.sampled_from([c for c in "0123456789X" if c != written[position]]))
    changed = written[:position] + replacement + written[position + 1 :]
    dotted = f"{changed[:-1]}.{changed[-1]}"
    try:
        parsed = parse_application_no(dotted)
    except Reject:
        return
    assert isinstance(parsed, Flagged), dotted


def _outcome(written: str) -> object:
    try:
        return parse_application_no(written)
    except Reject as exc:
        return exc.code, exc.reason


@settings(max_examples=500)
@given(
    st.text("0123456789", min_size=12, max_size=12), st.sampled_from("0123456789X"), st.sampled_from(["", "CN", "ZL"])
)
def test_the_canonical_form_parses_as_the_spaced_form(body, check, prefix):
    """Any 12 digits and check, right or wrong (bad year, type digit, check character): the canonical form's
    inline path gives what the general path gives for the same number written with spaces."""
    spaced = f"{prefix} {body[:4]} {body[4]} {body[5:]}.{check}"
    assert _outcome(f"{prefix}{body}.{check}") == _outcome(spaced)
