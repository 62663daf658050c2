"""Reviewed status vocabularies: patent, trademark and project statuses, yes/no cells.

Each vocabulary is an exact table (codes such as PatSnap's 0/1/2) and an ordered list of
substring rules, so that long CNIPA strings classify; the first rule found wins, so the order
is part of the review. Text is compared after NFKC, whitespace removal and upper-casing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ipdb.values import Reject
from ipdb.vocabulary import fold

# A multi-valued cell ("授权 | 一案双申 | 权利转移", "有效;权利转移") is classified by its
# first part that maps. Commas are not separators: "未缴年费专利权终止，等恢复" is one status.
PART_SEPARATORS = re.compile(r"[|;、\n]")  # NFKC has turned the full-width | and ; into ASCII

# Part I "In force on D", §4.1, §6.2 (PatSnap SIMPLE_LEGAL_STATUS: 0 失效, 1 有效, 2 审中, 999 未确认).
# 权利转移, 质押 and the like are events, not statuses: they map to nothing.
PATENT_STATUS_CODES = {
    "1": "in_force",
    "2": "pending",
    "0": "dead",
    "999": "unknown",
    "未确认": "unknown",
    "其他": "unknown",
}
PATENT_STATUS_RULES = (
    ("等恢复", "dead"),  # 未缴年费专利权终止，等恢复: not in force until restored (§4.1 convention)
    ("滞纳金", "in_force"),  # 等年费滞纳金: still within the 6-month late period (§4.1)
    ("未缴年费", "dead"),  # ended for unpaid annual fees (build-kg export writes just 未缴年费)
    ("部分无效", "in_force"),  # the remaining claims stay in force
    ("期满", "dead"), ("届满", "dead"),  # before 有效: "PCT-有效期满", "有效期届满"
    ("失效", "dead"), ("无效", "dead"), ("终止", "dead"), ("放弃", "dead"),
    ("撤回", "dead"), ("驳回", "dead"), ("撤销", "dead"),
    ("审中", "pending"), ("在审", "pending"), ("实质审查", "pending"), ("公开", "pending"),
    ("公布", "pending"), ("申请中", "pending"), ("待审", "pending"),
    ("有效", "in_force"), ("授权", "in_force"), ("维持", "in_force"),
)  # fmt: skip

# §3.4 [convention]: the vocabulary differs per export.
TRADEMARK_STATUS_RULES = (
    ("部分驳回", "registered"),  # registered for the goods not refused
    ("无效", "dead"), ("注销", "dead"), ("撤销", "dead"), ("驳回", "dead"),
    ("失效", "dead"), ("过期", "dead"), ("销亡", "dead"),
    ("申请中", "pending"), ("等待实质审查", "pending"), ("实质审查", "pending"), ("初审", "pending"),
    ("待审", "pending"), ("受理", "pending"),
    ("注册", "registered"), ("续展", "registered"), ("宽展", "registered"), ("有效", "registered"),
    ("转让", "registered"),  # as a status: assigned, still registered
)  # fmt: skip

# Part I "Approved means approved": the negative words come first, because 拟立项 contains
# 立项 and 未通过 contains 通过.
PROJECT_STATUS_RULES = (
    ("拟立项", "not_approved"), ("未立项", "not_approved"), ("不予", "not_approved"),
    ("未通过", "not_approved"), ("不通过", "not_approved"), ("未获批", "not_approved"),
    ("未批准", "not_approved"), ("不批准", "not_approved"), ("推荐", "not_approved"),
    ("申报", "not_approved"), ("公示", "not_approved"), ("撤销", "not_approved"),
    ("终止", "not_approved"),
    ("立项", "approved"), ("获批", "approved"), ("批准", "approved"), ("在建", "approved"),
    ("实施中", "approved"), ("在研", "approved"), ("验收", "approved"), ("结项", "approved"),
    ("完成", "approved"),
)  # fmt: skip

YES_WORDS = frozenset({"是", "Y", "YES", "√", "✓", "✔", "1", "1.0", "有", "TRUE"})
NO_WORDS = frozenset({"否", "N", "NO", "\u00d7", "✗", "✕", "X", "0", "0.0", "无", "FALSE"})

Rules = tuple[tuple[str, str], ...]


@lru_cache(maxsize=4096)  # a register has a handful of distinct status texts
def classify_patent_status(raw: str) -> str:
    """'in_force', 'pending', 'dead' or 'unknown' (domain.md Part I "In force on D", §4.1)."""
    return _classify(raw, PATENT_STATUS_CODES, PATENT_STATUS_RULES)


@lru_cache(maxsize=4096)  # a register has a handful of distinct status texts
def classify_trademark_status(raw: str) -> str:
    """'registered', 'pending', 'dead' or 'unknown' (domain.md §3.4)."""
    return _classify(raw, {}, TRADEMARK_STATUS_RULES)


@lru_cache(maxsize=4096)  # a register has a handful of distinct status texts
def classify_project_status(raw: str) -> str:
    """'approved', 'not_approved' or 'unknown' (domain.md Part I "Approved means approved")."""
    return _classify(raw, {}, PROJECT_STATUS_RULES)


def parse_yes_no(raw: str) -> bool:
    text = _normalise(raw)
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    if not text:
        raise Reject("未填写“是”或“否”", "empty")
    raise Reject("应填写“是”或“否”", "bad_yes_no")


def _classify(raw: str, codes: dict[str, str], rules: Rules) -> str:
    for part in PART_SEPARATORS.split(unicodedata.normalize("NFKC", raw)):
        text = _normalise(part)
        found = codes.get(text) or next((cls for word, cls in rules if word in text), None)
        if found and found != "unknown":
            return found
    return "unknown"


def _normalise(raw: str) -> str:
    return fold(raw).upper()
