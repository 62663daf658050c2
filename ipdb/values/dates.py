"""Dates, date ranges, years, quarters and reporting periods (domain.md §6.6, gotcha 16)."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta

from ipdb.values import Reject
from ipdb.vocabulary import fold

# §6.6: Excel's 1900 date system counts from 1899-12-30. That epoch is right only from serial 61
# on (Excel's fictitious 1900-02-29 is serial 60); every serial of our year range has five digits.
EXCEL_EPOCH = date(1899, 12, 30)
FIRST_YEAR, LAST_YEAR = 1950, 2100

TIME_SUFFIX = re.compile(r"(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
EXCEL_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?")
DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?"),
    re.compile(r"(?P<y>\d{4})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})日?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:\.0+)?"),  # 20210305, also as a float
)

# §6.6 "date ranges in one cell"; NFKC has already turned the full-width tilde into ~.
DASHES = "\u2014\u2013"  # em dash, en dash
RANGE_SEPARATORS = re.compile(rf"至|~|[{DASHES}]+|到")
DATE_TIME = r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"
ISO_PAIR = re.compile(rf"({DATE_TIME})\s*-\s*({DATE_TIME})?")
OPEN_ENDS = ("", "今", "至今", "现在", "长期", "永久")

YEAR = re.compile(r"(\d{4})(?:\.0+)?(?:年度|年)?")

# Titles such as "2024年第三季度XX区有效发明专利统计表" or "（截至2021.9.30）".
AS_OF_CLAUSE = re.compile(r"截[至止](?:到|至)?(\d{4}[年./-]\d{1,2}[月./-]\d{1,2}[日号]?|\d{8})")
TITLE_QUARTERS = (re.compile(r"(\d{4})年?(?:第|前)?([一二三四1-4])季度"), re.compile(r"(\d{4})年?Q([1-4])"))
TITLE_HALF = re.compile(r"(\d{4})年?([上下])半年")
TITLE_MONTH_SPAN = re.compile(rf"(\d{{4}})年(\d{{1,2}})[-~至{DASHES}](\d{{1,2}})月")
TITLE_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?!\d)")  # not a full date: those need 截至
TITLE_YEAR_END = re.compile(r"(\d{4})年(?:底|末)")
QUARTER_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
HALF_END_MONTH = {"上": 6, "下": 12}

# CLI periods (parse_period): a year, a quarter, a half year, whole months, or two dates.
PERIOD_YEAR = re.compile(r"(\d{4})")
PERIOD_QUARTER = re.compile(r"(\d{4})Q([1-4])")
PERIOD_HALF = re.compile(r"(\d{4})H([12])")
PERIOD_MONTHS = re.compile(r"(\d{4})-(\d{1,2})\.\.(\d{4})-(\d{1,2})")
PERIOD_DAYS = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

DATE_REASON = "无法识别的日期：应为 2021-03-05、2021.3.5、2021/3/5、2021年3月5日 或 20210305 等形式"
RANGE_REASON = "无法识别的日期区间：应写成“2021.3.5-2022.3.4”或“2021年3月5日至2022年3月4日”"
PERIOD_REASON = "无法识别的统计期间：可写 2021、2021Q3、2021H1、2021-01..2021-09 或 2021-01-01..2021-09-30"


def parse_date(raw: str) -> date:
    """One date from any of the forms in domain.md §6.6 (a time of day is ignored)."""
    text = TIME_SUFFIX.sub("", unicodedata.normalize("NFKC", raw).strip())
    text = re.sub(r"\s", "", text)
    if not text:
        raise Reject("日期为空", "empty")
    serial = EXCEL_SERIAL.fullmatch(text)
    if serial:
        return _require_year(EXCEL_EPOCH + timedelta(days=int(serial.group(1))))
    for form in DATE_FORMS:
        found = form.fullmatch(text)
        if found:
            return _make_date(int(found["y"]), int(found["m"]), int(found["d"]))
    raise Reject(DATE_REASON, "bad_date")


def parse_date_range(raw: str) -> tuple[date | None, date | None]:
    """(start, end) from one cell; an open end ("2021.3.5至今", "2021.3.5-") gives None."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        raise Reject("日期区间为空", "empty")
    start, end = (_range_end(part) for part in _split_range(text))
    if start is None and end is None:
        raise Reject("日期区间为空", "empty")
    if start is not None and end is not None and end < start:
        raise Reject("日期区间的结束日期早于开始日期", "bad_range")
    return start, end


class YearDate(date):
    """A record dated only by its year, held as the year's last day; Part I: it counts in the whole year and
    its year to date, never in a quarter or month (``ipdb.figures.query``)."""


def parse_year(raw: str) -> int:
    """A year from 2021, 2021年, 2021年度 or 2021.0; a session number (第N届) is not a year."""
    text = fold(raw)
    if not text:
        raise Reject("年份为空", "empty")
    if "届" in text:
        raise Reject("“届”是届次，不是年份：请填写年份（如 2021）", "bad_year")
    found = YEAR.fullmatch(text)
    if not found:
        raise Reject("无法识别的年份：应为四位数字（如 2021 或 2021年度）", "bad_year")
    return _check_year(int(found.group(1)))


def as_of_from_title(text: str) -> date | None:
    """The as-of date a sheet title states (截至 a date, a quarter, a month), else None."""
    title = fold(text).upper()
    clause = AS_OF_CLAUSE.search(title)
    if clause:
        return _date_or_none(clause.group(1))
    for finder in (_title_quarter, _title_half, _title_month_span, _title_month, _title_year_end):
        found = finder(title)
        if found is not None:
            return found
    return None


# File names (domain.md Part I "The register's date"): 专利清单_2026-09-30, _20260930, 2026年9月30日, 2026.9.30,
# 2026Q3, 2026年第三季度. A date right after an export word or right before a time of day is when the file was
# exported (Export_2019-08-09_153012), not the date the register describes.
NAME_DATES = (
    re.compile(r"(?<!\d)(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"),
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),
)
EXPORT_WORDS = re.compile(r"(导出|下载|打印|生成|EXPORT|DOWNLOAD|EXPORTED)[\W_]{0,3}$")
TIME_AFTER = re.compile(r"^[\sT_-]?\d{1,2}[-:.]?\d{2}(?:[-:.]?\d{2})?(?!\d)")


def as_of_from_file_name(stem: str) -> date | None:
    """The register date a file name states (a full date, else a quarter, half year or month end), else None."""
    name = unicodedata.normalize("NFKC", stem).upper()
    for pattern in NAME_DATES:
        for found in pattern.finditer(name):
            if _is_export_stamp(name, found.start(), found.end()):
                continue
            try:
                return _make_date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
            except Reject:
                continue
    return as_of_from_title(fold(name))


def _is_export_stamp(name: str, start: int, end: int) -> bool:
    return bool(EXPORT_WORDS.search(name[:start]) or TIME_AFTER.match(name[end:]))


def quarter_end(year: int, q: int) -> date:
    return quarter_bounds(year, q)[1]


def quarter_bounds(year: int, q: int) -> tuple[date, date]:
    if q not in (1, 2, 3, 4):
        raise Reject("季度应为1至4", "bad_quarter")
    return _month_span(year, 3 * q - 2, year, 3 * q)


def parse_period(text: str) -> tuple[date, date]:
    """A CLI period: 2021, 2021Q3, 2021H1, 2021-01..2021-09 or 2021-01-01..2021-09-30."""
    cleaned = fold(text).upper()
    start, end = _period_bounds(cleaned)
    if end < start:
        raise Reject("统计期间的开始晚于结束", "bad_period")
    return start, end


def parse_quarter(text: str) -> tuple[int, int]:
    """(year, quarter) from 2021Q3 (or 2021q3)."""
    found = PERIOD_QUARTER.fullmatch(unicodedata.normalize("NFKC", text).strip().upper())
    if not found:
        raise Reject("季度应写成 2021Q3 的形式", "bad_quarter")
    return _check_year(int(found.group(1))), int(found.group(2))


def parse_iso_date(text: str) -> date:
    """A strict YYYY-MM-DD date, for command-line options."""
    found = ISO_DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if not found:
        raise Reject("日期应写成 YYYY-MM-DD，例如 2025-09-30", "bad_date")
    return _make_date(*map(int, found.groups()))


def _make_date(year: int, month: int, day: int) -> date:
    _check_year(year)  # outside the try: Reject is itself a ValueError
    try:
        return date(year, month, day)
    except ValueError:
        raise Reject(f"日期不存在：{year}年{month}月{day}日", "impossible_date") from None


def _require_year(value: date) -> date:
    _check_year(value.year)
    return value


def _check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Reject(f"年份{year}不在{FIRST_YEAR}至{LAST_YEAR}之间", "year_out_of_range")
    return year


def _month_span(first_year: int, first_month: int, last_year: int, last_month: int) -> tuple[date, date]:
    if not (1 <= first_month <= 12 and 1 <= last_month <= 12):
        raise Reject(PERIOD_REASON, "bad_period")
    start = _make_date(first_year, first_month, 1)
    end_day = calendar.monthrange(last_year, last_month)[1]
    return start, _make_date(last_year, last_month, end_day)


def _period_bounds(text: str) -> tuple[date, date]:
    if found := PERIOD_YEAR.fullmatch(text):
        return _month_span(int(found[1]), 1, int(found[1]), 12)
    if found := PERIOD_QUARTER.fullmatch(text):
        return quarter_bounds(int(found[1]), int(found[2]))
    if found := PERIOD_HALF.fullmatch(text):
        year, half = int(found[1]), int(found[2])
        return _month_span(year, 6 * half - 5, year, 6 * half)
    if found := PERIOD_MONTHS.fullmatch(text):
        return _month_span(*map(int, found.groups()))
    if found := PERIOD_DAYS.fullmatch(text):
        return parse_iso_date(found[1]), parse_iso_date(found[2])
    raise Reject(PERIOD_REASON, "bad_period")


def _split_range(text: str) -> tuple[str, str]:
    """Split on 至, ~ or a dash first; on '-' only when the dates do not use '-' themselves."""
    parts = RANGE_SEPARATORS.split(text)
    if len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) == 1:
        iso = ISO_PAIR.fullmatch(text)
        if iso:
            return iso.group(1), iso.group(2) or ""
        if text.count("-") == 1:
            start, end = text.split("-")
            return start, end
    raise Reject(RANGE_REASON, "bad_range")


def _range_end(part: str) -> date | None:
    return None if re.sub(r"\s", "", part) in OPEN_ENDS else parse_date(part)


def _date_or_none(text: str) -> date | None:
    try:
        return parse_date(text)
    except Reject:
        return None


def _month_end_or_none(year: int, month: int) -> date | None:
    try:
        return _month_span(year, month, year, month)[1]
    except Reject:
        return None


def _title_quarter(title: str) -> date | None:
    for pattern in TITLE_QUARTERS:
        found = pattern.search(title)
        if found:
            return _month_end_or_none(int(found.group(1)), 3 * QUARTER_NUMERALS[found.group(2)])
    return None


def _title_half(title: str) -> date | None:
    found = TITLE_HALF.search(title)
    return _month_end_or_none(int(found.group(1)), HALF_END_MONTH[found.group(2)]) if found else None


def _title_month_span(title: str) -> date | None:
    found = TITLE_MONTH_SPAN.search(title)
    return _month_end_or_none(int(found.group(1)), int(found.group(3))) if found else None


def _title_month(title: str) -> date | None:
    found = TITLE_MONTH.search(title)
    return _month_end_or_none(int(found.group(1)), int(found.group(2))) if found else None


def _title_year_end(title: str) -> date | None:
    found = TITLE_YEAR_END.search(title)
    return _month_end_or_none(int(found.group(1)), 12) if found else None
