"""How the demo writes identifiers and dates: check characters (domain.md §1.4, §2.3, §2.4), cell date styles."""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.data import CN_NUM

# =============================================================================
# Identifier helpers (domain.md §1.4, §2.3, §2.4)
# =============================================================================

USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_W = (3, 7, 9, 10, 5, 8, 4, 2)
PAT_W = (2, 3, 4, 5, 6, 7, 8, 9)


def uscc_check(first17: str) -> str:
    s = sum(USCC_ALPHA.index(ch) * w for ch, w in zip(first17, USCC_W, strict=True))
    return USCC_ALPHA[(31 - s % 31) % 31]


def org_check(first8: str) -> str:
    """GB 11714 check character of the organisation code (USCC position 17)."""
    s = sum((int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(first8, ORG_W, strict=True))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def pat_check(body: str) -> str:
    assert body.isdigit() and len(body) in (8, 12), body
    r = sum(int(d) * PAT_W[i % 8] for i, d in enumerate(body)) % 11
    return "X" if r == 10 else str(r)


def make_uscc(rng: random.Random, area: str, style: str, used: set) -> str:
    while True:
        if style == "MA":
            org8 = "MA2" + "".join(rng.choice(USCC_ALPHA[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(5))
        else:
            org8 = rng.choice("567") + "".join(rng.choice("0123456789") for _ in range(7))
        first17 = "91" + area + org8 + org_check(org8)
        code = first17 + uscc_check(first17)
        if code not in used:
            used.add(code)
            return code


def cn_numeral(n: int) -> str:
    """1..45 -> 一..四十五"""
    if n < 10:
        return CN_NUM[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUM[tens]) + "十" + (CN_NUM[ones] if ones else "")


FULLWIDTH = str.maketrans({**{chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}})


def to_fullwidth(s: str) -> str:
    return s.translate(FULLWIDTH)


def halfwidth_brackets(s: str) -> str:
    return s.replace("（", "(").replace("）", ")")


# =============================================================================
# Date helpers
# =============================================================================

def add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:                      # 29 Feb
        return d.replace(year=d.year + n, day=28)


def rand_date(rng: random.Random, a: date, b: date) -> date:
    d = a + timedelta(days=rng.randint(0, (b - a).days))
    if d.month == 2 and d.day == 29:
        d = d.replace(day=28)
    return d


def excel_serial(d: date) -> int:
    return (d - date(1899, 12, 30)).days


class Fmt:
    """A cell value with an explicit number format."""

    def __init__(self, value, number_format: str):
        self.value = value
        self.number_format = number_format


DATE_STYLES = ["date"] * 40 + ["date_slash"] * 6 + ["dot"] * 4 + ["cn"] * 3 + ["int8"] * 2 + \
              ["str8"] * 2 + ["serial"] * 2


def date_value(d: date | None, style: str):
    """How a date is written in a cell."""
    if d is None:
        return None
    if style == "date":
        return Fmt(d, "yyyy-mm-dd")
    if style == "date_slash":
        return Fmt(d, "yyyy/m/d")
    if style == "dot":
        return f"{d.year}.{d.month}.{d.day}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "cn0":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if style == "int8":
        return int(d.strftime("%Y%m%d"))
    if style == "str8":
        return d.strftime("%Y%m%d")
    if style == "serial":
        return excel_serial(d)
    if style == "iso":
        return d.isoformat()
    if style == "slash_text":
        return f"{d.year}/{d.month}/{d.day}"
    raise ValueError(style)
