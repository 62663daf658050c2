"""Trademark registration numbers, Nice classes and Madrid numbers (domain.md §3)."""

from __future__ import annotations

import re
import unicodedata

from ipdb.values import Reject

# §3.1: one number serves as application and registration number; no check digit is known,
# so only the shape is validated.
REGISTRATION_DIGITS = range(1, 10)
# §3.5: international registration numbers are plain digits (6-7 today); the Chinese register
# often shows them with a G prefix [unconfirmed]. The bracket is kept loose on purpose.
MADRID_DIGITS = range(5, 9)
MADRID_PREFIX = "G"
# §3.2: 45 classes, 1-34 goods and 35-45 services.
NICE_CLASSES = range(1, 46)

# A number stored as a float reads back as "9023455.0".
DIGITS = re.compile(r"(\d+)(?:\.0+)?")
CLASS_WRAPPER = re.compile(r"第?(.+?)类?")
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_TENS = re.compile(r"([一二三四五六七八九]?)十([一二三四五六七八九]?)")

CLASS_REASON = "商标类别应为1至45之间的整数（如 9、09、第9类、第九类）"


def parse_registration_no(raw: str) -> str:
    """The national registration number as digits (leading zeros kept, a float's '.0' dropped)."""
    text = _normalise(raw, "商标注册号为空")
    if text.startswith(MADRID_PREFIX) and DIGITS.fullmatch(text[1:]):
        raise Reject("G开头的是马德里国际注册号，不是国内商标注册号：请放到国际注册号一列", "madrid_number")
    digits = DIGITS.fullmatch(text)
    if not digits or len(digits.group(1)) not in REGISTRATION_DIGITS:
        raise Reject("商标注册号应为1至9位数字", "bad_format")
    return digits.group(1)


def parse_nice_class(raw: str) -> int:
    """The Nice class 1-45 from 9, 09, 9.0, 9类, 第9类, 第 9 类, 第九类 (domain.md §3.2)."""
    text = _normalise(raw, "商标类别为空")
    inner = CLASS_WRAPPER.fullmatch(text)
    number = _class_number(inner.group(1)) if inner else None
    if number is None or number not in NICE_CLASSES:
        raise Reject(CLASS_REASON, "bad_class")
    return number


def parse_madrid_no(raw: str) -> str:
    """The international registration number as digits, without the G prefix (domain.md §3.5)."""
    text = _normalise(raw, "国际注册号为空").removeprefix(MADRID_PREFIX)
    digits = DIGITS.fullmatch(text)
    if not digits or len(digits.group(1)) not in MADRID_DIGITS:
        raise Reject("国际注册号应为5至8位数字（可带G前缀）", "bad_format")
    return digits.group(1)


def _normalise(raw: str, empty_reason: str) -> str:
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", raw)).upper()
    if not text:
        raise Reject(empty_reason, "empty")
    return text


def _class_number(text: str) -> int | None:
    digits = DIGITS.fullmatch(text)
    if digits:
        return int(digits.group(1))
    if text in CHINESE_DIGITS:
        return CHINESE_DIGITS[text]
    tens = CHINESE_TENS.fullmatch(text)
    if not tens:
        return None
    return CHINESE_DIGITS.get(tens.group(1), 1) * 10 + CHINESE_DIGITS.get(tens.group(2), 0)
