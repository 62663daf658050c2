"""Parsers shared by several kinds: vocabularies first, then the small functions applying them."""

from __future__ import annotations

from datetime import date

from ipdb.values import Reject, unwrap
from ipdb.values.dates import YearDate, parse_date, parse_year
from ipdb.values.names import clean_name, name_key, split_holders
from ipdb.values.patent_numbers import parse_application_no
from ipdb.values.statuses import classify_patent_status, classify_project_status, classify_trademark_status
from ipdb.values.trademark_numbers import parse_registration_no

DESIGNATION_CATEGORIES = (  # (words in the cell, stored category); first match wins
    (("示范",), "demo"),
    (("优势",), "advantage"),
    (("贯标", "29490", "知识产权管理体系", "合规管理体系", "管理规范"), "standard"),
)
LEVELS = (
    (("国家", "国家级", "全国"), "national"),
    (("省",), "provincial"),
    (("市",), "city"),
    (("区", "县"), "district"),
)
AWARD_LEVELS = (("金奖", "gold"), ("银奖", "silver"), ("优秀奖", "excellence"), ("优秀", "excellence"))
PROGRAMS = (("导航", "navigation"), ("高价值", "high_value"), ("组合", "high_value"))
NAV_KINDS = (("企业", "enterprise"), ("产业", "industry"), ("区域", "regional"), ("园区", "regional"))


def parse_text(raw: str) -> str:
    return clean_name(raw)


def parse_holders(raw: str) -> tuple[str, ...]:
    names = tuple(split_holders(raw))
    if not names:
        raise Reject("名称为空", "empty")
    return names


def parse_day_or_year(raw: str) -> date:
    """A date, or a bare year taken as that year's last day and marked as a year (a list that only says 2021年)."""
    try:
        return parse_date(raw)
    except Reject:
        return YearDate(parse_year(raw), 12, 31)


def _lookup(raw: str, table: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    text = name_key(raw)
    return next((value for words, value in table if any(w in text for w in words)), None)


def parse_designation_category(raw: str) -> str:
    return _lookup(raw, DESIGNATION_CATEGORIES) or clean_name(raw)


def parse_level(raw: str) -> str:
    level = _lookup(raw, LEVELS)
    if level is None:
        raise Reject("级别无法识别：应为 国家级、省级、市级 或 区级", "bad_level")
    return level


def _word(raw: str, table: tuple[tuple[str, str], ...]) -> str | None:
    text = name_key(raw)
    return next((value for word, value in table if word in text), None)


def parse_award_level(raw: str) -> str:
    level = _word(raw, AWARD_LEVELS)
    if level is None:
        raise Reject("奖项等级无法识别：应为 金奖、银奖 或 优秀奖", "bad_award_level")
    return level


def parse_program(raw: str) -> str:
    return _word(raw, PROGRAMS) or clean_name(raw)


def is_program(raw: str) -> bool:
    return _word(raw, PROGRAMS) is not None


# Vocabulary tests: a column of unknown header whose every value passes one is bound to that field.
def is_patent_status(raw: str) -> bool:
    return classify_patent_status(raw) != "unknown"


def is_trademark_status(raw: str) -> bool:
    return classify_trademark_status(raw) != "unknown"


def is_project_status(raw: str) -> bool:
    return classify_project_status(raw) != "unknown"


def parse_nav_kind(raw: str) -> str:
    kind = _word(raw, NAV_KINDS)
    if kind is None:
        raise Reject("导航类别无法识别：应为 企业、产业 或 区域", "bad_nav_kind")
    return kind


def parse_collateral(raw: str) -> tuple[tuple[str, str], ...]:
    """Pledged rights as (kind, key): patent application numbers, else trademark registration numbers."""
    found = []
    for token in split_holders(raw):
        found.append(_collateral_item(token))
    return tuple(dict.fromkeys(found))


def _collateral_item(token: str) -> tuple[str, str]:
    try:
        value = parse_application_no(token)
        return "patents", unwrap(value)[0].body
    except Reject:
        pass
    try:
        return "trademarks", parse_registration_no(token)
    except Reject:
        raise Reject(f"质押物「{token}」既不是专利申请号也不是商标注册号", "bad_collateral") from None
