"""Chinese patent application numbers (专利申请号) and patent types (domain.md §1).

A patent right is keyed by the body of its application number: 12 digits (since Oct 2003) or
8 digits (1985 - Sep 2003), without check character and prefixes (domain.md Part I "Identifiers").
"""

from __future__ import annotations

import re
import unicodedata
from operator import mul
from typing import NamedTuple

from ipdb.values import SCIENTIFIC, Flagged, Reject
from ipdb.vocabulary import fold

# §1.3: the type digit. 8 and 9 are PCT national-phase inventions / utility models (gotcha 1).
TYPE_CATEGORY = {"1": "invention", "8": "invention", "2": "utility", "9": "utility", "3": "design"}

# §1.4: weights 2..9 restarting after 9; the remainder mod 11 *is* the check, 10 -> X (gotcha 2).
CHECK_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)
# with what the ASCII codes add to the weighted sum (an ASCII digit is 48 + its value)
BODY_WEIGHTS = {n: (w, 48 * sum(w)) for n in (8, 12) for w in [tuple(CHECK_WEIGHTS[i % 8] for i in range(n))]}

# §1.1: a fixed bound, so that parsing never depends on today's date.
FIRST_YEAR, LAST_YEAR = 1985, 2100
# §1.2: the 8-digit format ran from 1985 to Sep 2003; 1985-88 numbers were printed without check.
OLD_FORMAT_YEARS = tuple(f"{year % 100:02d}" for year in range(1985, 2004))
UNCHECKED_YEARS = ("85", "86", "87", "88")
# §6.6: stored as a number, 00814037.5 becomes 814037.5; only 2000-2003 numbers start with 0.
ZERO_LOSING_YEARS = ("00", "01", "02", "03")

# §1.5: spaced forms ("ZL 2013 2 0043015.7"), hyphens and middle dots are layout, not content.
SEPARATORS = re.compile(r"[\s\-·・]")
PREFIX = re.compile(r"^(?:CN|ZL)")
# §1.8: PCT international application / publication numbers are another numbering series.
PCT_NUMBER = re.compile(r"(?:PCT/?[A-Z]{2}\d{2,4}/?\d{5,6}|WO/?\d{4}/?\d{6}(?:[A-Z]\d?)?)")
# §1.5 / gotcha 4: publication numbers (公开号/授权公告号) end in a kind code; X is a check char.
PUBLICATION_NUMBER = re.compile(r"(?:CN)?\d{7,9}[ABCDSUY]\d?")
DOTTED = re.compile(r"(\d+)\.([0-9X])")
# Derwent writes a CN application number as its 12 digits and a kind letter: CN201711214252A. The office
# decided (issue 12) to accept it as the application number; there is no check character to verify.
DERWENT = re.compile(r"CN(\d{12})[A-Z]")
# Another office's number (US…, EP…, JP…, WO…, incoPat's WOCN…, WOIT…): not part of a Chinese register.
FOREIGN = re.compile(r"(?!CN|ZL)[A-Z]{2}(?:[A-Z]{2})?\d")
WIPO = re.compile(r"WO/?\d{4}/?\d{6}(?:[A-Z]\d?)?")
FOREIGN_REASON = "外国或国际组织专利，不计入本区"
# The form most exports use; matched first so that a 100k-row register skips the general path. ASCII digits
# only: a full-width number (\d alone matches any digit) takes the general path, which normalises it.
CANONICAL = re.compile(r"(?:CN|ZL)?([0-9]{12})\.([0-9X])")
UNDOTTED = re.compile(r"(\d+)(X?)")

# Patent-type text (专利类型) from CNIPA lists and database exports (§1.5, §6.2 PatSnap A/B/U/D).
PATENT_TYPE_CODES = {
    "A": "invention", "B": "invention", "B1": "invention", "B2": "invention", "C": "invention",
    "U": "utility", "Y": "utility", "D": "design", "S": "design",
    "INVENTION": "invention", "UTILITY": "utility", "UTILITYMODEL": "utility", "DESIGN": "design",
}  # fmt: skip
# Keywords of the Chinese names; a text naming two categories is ambiguous and rejected.
PATENT_TYPE_KEYWORDS = (
    ("实用新型", "utility"),
    ("新型", "utility"),
    ("外观", "design"),
    ("发明", "invention"),
)

LENGTH_REASON = "申请号位数不对：应为8位或12位数字（可带校验位）"


def check_char(body: str) -> str:
    """The check character of an 8- or 12-digit body (domain.md §1.4)."""
    if not (body.isascii() and body.isdigit() and len(body) in (8, 12)):
        raise ValueError(f"not an 8- or 12-digit application number body: {body!r}")
    weights, offset = BODY_WEIGHTS[len(body)]
    remainder = (sum(map(mul, body.encode(), weights)) - offset) % 11
    return "X" if remainder == 10 else str(remainder)


class ApplicationNumber(NamedTuple):
    """A parsed application number; ``body`` is the key, ``check`` is None only for 1985-88 numbers.
    (A tuple: a register parses one per row, and a frozen dataclass costs several times as much to build.)"""

    body: str
    check: str | None
    type_digit: str
    category: str

    @property
    def formatted(self) -> str:
        return self.body if self.check is None else f"{self.body}.{self.check}"


def parse_application_no(raw: str) -> ApplicationNumber | Flagged:
    """Parse an application or patent number as written in a sheet (domain.md §1.5, §6.6)."""
    canonical = CANONICAL.fullmatch(raw)
    if canonical:
        body, check = canonical.groups()
        number = _canonical(body, check)
        return _checked(body, check) if number is None else number  # None: _checked says what is wrong
    text = _normalise(raw)
    _reject_other_numbers(text)
    derwent = DERWENT.fullmatch(text)
    if derwent:
        number = _checked(derwent.group(1), None)
        assert isinstance(number, ApplicationNumber)  # no check character given: nothing to disagree with
        return Flagged(
            number, "Derwent 格式的申请号（12位数字加类型字母），无校验位可核对，已按申请号导入", "derwent_number"
        )
    body, check = _split_check(PREFIX.sub("", text))
    if len(body) < 8:
        return _restore_zeros(body, check)
    if len(body) not in (8, 12):
        raise Reject(LENGTH_REASON, "bad_length")
    return _checked(body, check)


WEIGHTS_12, OFFSET_12 = BODY_WEIGHTS[12]
CHECKS = "0123456789X"  # the check character of each remainder
LOWEST_YEAR, HIGHEST_YEAR = f"{FIRST_YEAR:04d}", f"{LAST_YEAR:04d}"  # as text: 4 ASCII digits compare as numbers


def _canonical(body: str, check: str) -> ApplicationNumber | Flagged | None:
    """``_checked`` inline for 12 ASCII digits (one per row of a large register); None when the year or the
    type digit is wrong."""
    type_digit = body[4]
    category = TYPE_CATEGORY.get(type_digit)
    if category is None or not LOWEST_YEAR <= body[:4] <= HIGHEST_YEAR:
        return None
    expected = CHECKS[(sum(map(mul, body.encode(), WEIGHTS_12)) - OFFSET_12) % 11]
    number = ApplicationNumber(body, expected, type_digit, category)
    if check == expected:
        return number
    return Flagged(number, f"校验位不符：应为 {expected}，表中为 {check}", "bad_check_char")


def parse_patent_type(raw: str) -> str:
    """'invention', 'utility' or 'design' from a 专利类型 cell (发明授权, 实用新型, U, D, PCT发明 …)."""
    text = fold(raw).upper()
    if text in PATENT_TYPE_CODES:
        return PATENT_TYPE_CODES[text]
    found = {category for keyword, category in PATENT_TYPE_KEYWORDS if keyword in text}
    if len(found) != 1:
        raise Reject("无法识别的专利类型：应为发明、实用新型或外观设计", "bad_patent_type")
    return found.pop()


def _normalise(raw: str) -> str:
    text = SEPARATORS.sub("", unicodedata.normalize("NFKC", raw).upper()).rstrip(".")
    if not text:
        raise Reject("申请号为空", "empty")
    return text


def _reject_other_numbers(text: str) -> None:
    """Numbers that look close to an application number but belong to another series."""
    if WIPO.fullmatch(text):
        raise Reject(FOREIGN_REASON, "foreign_number")
    if PCT_NUMBER.fullmatch(text):
        raise Reject("这是PCT国际申请号，不是中国申请号：请填写进入中国国家阶段后的申请号", "pct_number")
    if SCIENTIFIC.fullmatch(text):
        raise Reject(
            "申请号被Excel存成了科学计数法，位数已丢失，无法恢复：请把该列设为文本后重新导出",
            "scientific_notation",
        )
    if PUBLICATION_NUMBER.fullmatch(text):
        raise Reject("这是公开号（公告号），不是申请号：请填写申请号", "publication_number")
    if FOREIGN.match(text):
        raise Reject(FOREIGN_REASON, "foreign_number")


def _split_check(text: str) -> tuple[str, str | None]:
    """Separate body and check character; the dot may be omitted (§1.5) or the check missing."""
    dotted = DOTTED.fullmatch(text)
    if dotted:
        return dotted.group(1), dotted.group(2)
    undotted = UNDOTTED.fullmatch(text)
    if not undotted:
        raise Reject("申请号含有不允许的字符：只能是数字，校验位可为X", "bad_chars")
    digits, x = undotted.groups()
    if x:
        return digits, x
    if len(digits) in (9, 13):  # 8 or 12 digits followed by the check, dot omitted
        return digits[:-1], digits[-1]
    return digits, None


def _restore_zeros(body: str, check: str | None) -> Flagged:
    """§6.6: pad to 8 digits only when year 00-03, type digit and check character all agree."""
    padded = body.zfill(8)
    if check is None or padded[:2] not in ZERO_LOSING_YEARS or padded[2] not in TYPE_CATEGORY:
        raise Reject(LENGTH_REASON, "bad_length")
    if check_char(padded) != check:
        raise Reject(LENGTH_REASON, "bad_length")
    number = _number(padded, check)
    return Flagged(number, f"申请号开头的0被Excel删掉了，已补回为 {number.formatted}", "zeros_restored")


def _checked(body: str, check: str | None) -> ApplicationNumber | Flagged:
    _require_year(body)
    type_digit = _type_digit(body)
    if check is None and len(body) == 8 and body[:2] in UNCHECKED_YEARS:
        return ApplicationNumber(body, None, type_digit, TYPE_CATEGORY[type_digit])
    expected = check_char(body)  # a ValueError for digits other than ASCII ones (\d matches them too)
    number = ApplicationNumber(body, expected, type_digit, TYPE_CATEGORY[type_digit])
    if check is None or check == expected:
        return number
    return Flagged(number, f"校验位不符：应为 {expected}，表中为 {check}", "bad_check_char")


def _number(body: str, check: str) -> ApplicationNumber:
    type_digit = _type_digit(body)
    return ApplicationNumber(body, check, type_digit, TYPE_CATEGORY[type_digit])


def _type_digit(body: str) -> str:
    position = 5 if len(body) == 12 else 3
    digit = body[position - 1]
    if digit not in TYPE_CATEGORY:
        raise Reject(f"申请种类号（第{position}位）为{digit}，应为1、2、3、8或9", "bad_type_digit")
    return digit


def _require_year(body: str) -> None:
    if len(body) == 8 and body[:2] not in OLD_FORMAT_YEARS:
        raise Reject(f"8位旧申请号的年份为{body[:2]}，应为85至99或00至03", "bad_year")
    if len(body) == 12 and not FIRST_YEAR <= int(body[:4]) <= LAST_YEAR:
        raise Reject(f"申请号年份{body[:4]}不在{FIRST_YEAR}至{LAST_YEAR}之间", "bad_year")
