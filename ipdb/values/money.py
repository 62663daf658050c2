"""Money amounts, stored as an integer number of 元 (domain.md Part I "Money", §5.6, gotcha 17)."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from ipdb.values import SCIENTIFIC, Reject

# §5.6: lists state amounts in 万元, headlines in 亿元. 千元 is accepted as well, because reading
# "（千元）" as 元 would be off by a factor of 1000.
UNIT_FACTORS = {"元": 1, "千元": 1_000, "万元": 10_000, "亿元": 100_000_000}
# A unit written in a header; longer units first, and never the 元 of a foreign currency.
HEADER_UNIT = re.compile(r"(?<![美港欧日澳台])(亿元|万元|千元|元)")
# A unit written in the cell itself ("500万元", "500万", "0.05亿元", "1,234元") overrides the column's.
AMOUNT = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<unit>亿元|万元|千元|元|亿|万)?")
CELL_UNIT_ALIASES = {"亿": "亿元", "万": "万元"}
THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# Money in another currency is not read as 元 (issue 12 decision): the row is a reject with that reason.
FOREIGN_CURRENCY = re.compile(
    r"(?:[万千亿]?(?:美元|欧元|港元|港币|日元|英镑|澳元|卢布|韩元)|USD|EUR|HKD|JPY|GBP|US\$|\$|€|£)"
)
CURRENCY_MARKS = re.compile(r"人民币|RMB|CNY|¥")  # NFKC turns ￥ into ¥
EMPTY_MARKS = ("", "-", "--", "\u2014", "\u2014\u2014", "\u2013", "/")  # "no amount": dashes, slash
# §6.6: amounts written in Chinese numerals (伍佰万元) are rejected, not guessed.
CHINESE_NUMERALS = re.compile(r"[零〇壹贰叁肆伍陆柒捌玖拾佰仟一二三四五六七八九十百千两]")

# A district's single loan, fund or award above 10^12 元 (1 万亿元) is a typing or unit error, and would not fit
# the store's 64-bit integers far beyond it (1e17 万元 would).
MAX_YUAN = Decimal(10) ** 12
WAN = Decimal(10_000)
YI = Decimal(100_000_000)


def unit_from_text(text: str) -> str | None:
    """The unit named in a header such as '融资金额（万元）' or '主债权数额/元' (or a foreign currency such as
    '万美元', which parse_money rejects), else None."""
    normal = unicodedata.normalize("NFKC", text)
    foreign = FOREIGN_CURRENCY.search(normal.upper())
    if foreign:
        return foreign.group(0)
    found = HEADER_UNIT.search(normal)
    return found.group(1) if found else None


def parse_money(raw: str, unit: str = "万元") -> int:
    """Whole 元 from a cell; ``unit`` is the column's unit, used when the cell names none."""
    if FOREIGN_CURRENCY.fullmatch(unit):
        raise _foreign(unit)
    if unit not in UNIT_FACTORS:
        raise ValueError(f"unknown money unit {unit!r}; expected one of {sorted(UNIT_FACTORS)}")
    text = _normalise(raw)
    found = AMOUNT.fullmatch(text)
    if not found:
        raise Reject("无法识别的金额：应为数字，可带单位（如 500、500万元、0.05亿元）", "bad_amount")
    cell_unit = found["unit"]
    factor = UNIT_FACTORS[CELL_UNIT_ALIASES.get(cell_unit, cell_unit) if cell_unit else unit]
    yuan = Decimal(found["number"]) * factor
    if yuan > MAX_YUAN:
        raise Reject("金额超过 1 万亿元，超出合理范围：请核对数值和单位（万元、元）是否填错", "amount_too_large")
    return int(yuan.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def yuan_to_wan(yuan: int) -> float:
    return yuan / 10_000


def format_wan(yuan: int) -> str:
    """万元 with two decimals and thousands separators, for tables: 12345600 -> '1,234.56'."""
    return f"{_rounded(Decimal(yuan) / WAN, '0.01'):,.2f}"


def format_yi(yuan: int) -> str:
    """亿元 with one decimal, for headline sentences: 1260000000 -> '12.6'."""
    return f"{_rounded(Decimal(yuan) / YI, '0.1'):.1f}"


def _foreign(currency: str) -> Reject:
    return Reject(f"金额是外币（{currency}），不计入本区：请换算成人民币后填写", "foreign_currency")


def _normalise(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).upper()
    foreign = FOREIGN_CURRENCY.search(text)
    if foreign:
        raise _foreign(foreign.group(0))
    text = CURRENCY_MARKS.sub("", re.sub(r"\s", "", text))
    if text in EMPTY_MARKS:
        raise Reject("金额为空", "empty")
    if CHINESE_NUMERALS.search(text):
        raise Reject("金额用了中文数字：请改写为阿拉伯数字（如 500万元）", "chinese_numerals")
    if text.startswith("-"):
        raise Reject("金额不能为负数", "negative")
    if SCIENTIFIC.fullmatch(text):
        raise Reject("金额被Excel存成了科学计数法，位数可能已丢失：请把该列设为文本后重新导出", "scientific_notation")
    return _drop_thousands_separators(text)


def _drop_thousands_separators(text: str) -> str:
    if "," not in text:
        return text
    number = re.match(r"[\d,.]+", text)
    if not number or not THOUSANDS.fullmatch(number.group(0)):
        raise Reject("金额中的逗号位置不对：千分位应每3位一个逗号", "bad_amount")
    return text.replace(",", "")


def _rounded(value: Decimal, step: str) -> Decimal:
    return value.quantize(Decimal(step), rounding=ROUND_HALF_UP)
