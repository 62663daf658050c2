"""Holder and enterprise names: matching keys, display form, holder lists (domain.md §6.6, gotcha 12)."""

from __future__ import annotations

import re
from functools import lru_cache

from ipdb.vocabulary import fold

# Gotcha 12: NFKC turns （） and full-width digits into ASCII; these brackets survive NFKC.
BRACKETS = str.maketrans({"【": "(", "】": ")", "\u3014": "(", "\u3015": ")", "〖": "(", "〗": ")", "[": "(", "]": ")"})
WHITESPACE = re.compile(r"\s+")  # includes U+3000, the ideographic space

# §6.6: holders in one cell are separated by ; ； 、 | (half or full width) or line breaks. A comma separates
# holders only between two Chinese names, never inside "Co., Ltd." or "Inc.,".
HOLDER_SEPARATORS = re.compile(r"[;；、|\uff5c\r\n]")
COMMA = re.compile(r"([,，])")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# §6.5 / gotcha 15: total and subtotal rows, compared after name_key.
TOTAL_LABELS = (
    "合计",
    "小计",
    "总计",
    "全区",
    "全省",
    "全市",
    "总数",
    "累计",
    "Total",
    "Subtotal",
    "Grand Total",
)
TOTAL_SUFFIXES = ("合计", "小计", "总计")  # "全区合计", "XX街道小计"
# §6.6: note rows below the table end the data.
NOTE_PREFIXES = (
    "注：", "注:", "说明：", "备注：", "数据来源", "资料来源",
    "制表人", "审核人", "填报人", "填报日期", "制表日期", "联系人：",
)  # fmt: skip


# "惠普发展公司,有限责任合伙企业" (HP Development Company, L.P.): a legal form after a comma is not a second holder.
LEGAL_FORM_ONLY = re.compile(r"(?:有限责任)?合伙企业|(?:普通|有限)合伙|(?:股份)?有限(?:责任)?公司|股份公司")


@lru_cache(maxsize=1 << 16)  # holders repeat thousands of times in one register
def name_key(raw: str) -> str:
    """The matching key: NFKC, no whitespace, Latin lower-cased, one bracket style (Part I "Holder")."""
    text = fold(raw)
    return text.lower().translate(BRACKETS)


def clean_name(raw: str) -> str:
    """The display form: trimmed, inner whitespace runs collapsed; brackets kept as written."""
    return WHITESPACE.sub(" ", raw).strip()


def split_holders(raw: str) -> list[str]:
    """Holders in their written order (the first is 第一申请人), duplicates dropped."""
    pieces = [name for part in HOLDER_SEPARATORS.split(raw) for name in _split_commas(part)]
    holders: dict[str, str] = {}
    for piece in pieces:
        name = clean_name(piece)
        if name:
            holders.setdefault(name_key(name), name)
    return list(holders.values())


def is_total_label(text: str) -> bool:
    key = _label_key(text)
    return key in _TOTAL_KEYS or key.endswith(TOTAL_SUFFIXES)


def is_note_text(text: str) -> bool:
    return fold(text).startswith(_NOTE_KEYS)


_TOTAL_KEYS = frozenset(name_key(label) for label in TOTAL_LABELS)
_NOTE_KEYS = tuple(fold(prefix) for prefix in NOTE_PREFIXES)


def _label_key(text: str) -> str:
    """name_key without a trailing colon or unit in brackets: "合计：", "合计（件）"."""
    return re.sub(r"\([^()]*\)$", "", name_key(text)).rstrip(":")


def _split_commas(part: str) -> list[str]:
    tokens = COMMA.split(part)
    names = [tokens[0]]
    for comma, token in zip(tokens[1::2], tokens[2::2], strict=True):
        if CJK.search(names[-1]) and CJK.search(token) and not LEGAL_FORM_ONLY.fullmatch(token.strip()):
            names.append(token)
        else:
            names[-1] += comma + token
    return names
