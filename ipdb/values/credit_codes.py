"""Unified social credit codes (统一社会信用代码, GB 32100-2015; domain.md §2)."""

from __future__ import annotations

import re
import unicodedata

from ipdb.values import SCIENTIFIC, Flagged, Reject

# §2.2: 31 symbols, I O S V Z excluded; a symbol's value is its index here.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# §2.3: 3^i mod 31 for i = 0..16.
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# §2.1: registration-authority codes. Gotcha 10: A, N and Y are legitimate first characters,
# which python-stdnum's digits-only rule would reject.
FIRST_CHARS = "123456789ANY"
LENGTH = 18

SEPARATORS = re.compile(r"[\s\-]")
FLOAT_TAIL = re.compile(r"(\d{18})\.0+")
_SYMBOL = "[0-9A-HJ-NPQRTUWXY]"
SHAPE = re.compile(rf"[1-9ANY]{_SYMBOL}\d{{6}}{_SYMBOL}{{10}}")
# An 18-digit code Excel stored as a number (9.14403E+17): column sniffing still takes the column for codes.
SCIENTIFIC_18 = re.compile(r"\d(?:\.\d+)?E\+?17")
# §2.6: identifiers that pre-date the USCC and still appear in old sheets (keep as aliases, not keys).
LENGTH_HINTS = {
    15: "（15位的可能是旧的工商注册号）",
    9: "（9位的可能是旧的组织机构代码）",
}


def check_char(first17: str) -> str:
    """The 18th character computed from the first 17 (domain.md §2.3)."""
    if len(first17) != 17 or any(ch not in ALPHABET for ch in first17):
        raise ValueError(f"not 17 credit-code characters: {first17!r}")
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def parse_credit_code(raw: str) -> str | Flagged:
    """The 18-character code, Flagged when its check character does not match (§2.6: keep, flag, ask)."""
    code = _normalise(raw)
    _require_shape(code)
    expected = check_char(code[:17])
    if code[17] == expected:
        return code
    if code.isdigit() and code.endswith("000"):
        warning = "校验位不符且末尾为000：很可能被Excel按数字存储截掉了后几位，请重新查询该代码"
        return Flagged(code, warning, "excel_truncated")
    return Flagged(code, f"校验位不符：应为 {expected}，表中为 {code[17]}", "bad_check_char")


def looks_like_credit_code(raw: str) -> bool:
    """Cheap shape test for column sniffing; also true for 9.14403E+17, a code column Excel broke."""
    text = SEPARATORS.sub("", unicodedata.normalize("NFKC", raw).upper())
    return bool(SHAPE.fullmatch(text) or SCIENTIFIC_18.fullmatch(text))


def _normalise(raw: str) -> str:
    code = SEPARATORS.sub("", unicodedata.normalize("NFKC", raw).upper())
    if not code:
        raise Reject("统一社会信用代码为空", "empty")
    if SCIENTIFIC.fullmatch(code):
        reason = "统一社会信用代码被Excel存成了科学计数法，位数已丢失，无法恢复：请把该列设为文本后重新导出"
        raise Reject(reason, "scientific_notation")
    float_form = FLOAT_TAIL.fullmatch(code)
    return float_form.group(1) if float_form else code


def _require_shape(code: str) -> None:
    if len(code) != LENGTH:
        hint = LENGTH_HINTS.get(len(code), "")
        raise Reject(f"统一社会信用代码应为18位，表中为{len(code)}位{hint}", "bad_length")
    bad = [ch for ch in code if ch not in ALPHABET]
    if bad:
        raise Reject(f"统一社会信用代码含有不允许的字符“{bad[0]}”（不用I、O、S、V、Z）", "bad_chars")
    if code[0] not in FIRST_CHARS:
        raise Reject("统一社会信用代码第1位应为1至9、A、N或Y", "bad_chars")
    if not code[2:8].isdigit():
        raise Reject("统一社会信用代码第3至8位（行政区划码）应为数字", "bad_chars")
