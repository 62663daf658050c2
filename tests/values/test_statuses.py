"""Status vocabularies (domain.md Part I "In force on D" and "Approved means approved", §3.4, §4.1)."""

from __future__ import annotations

import pytest

from ipdb.values import Reject
from ipdb.values.statuses import (
    classify_patent_status,
    classify_project_status,
    classify_trademark_status,
    parse_yes_no,
)


def full_width(text: str) -> str:
    """Printable ASCII as a Chinese input method types it (full-width forms)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


PATENT_STATUSES = {
    "in_force": [
        "有效", "授权", "专利权维持", "等年费滞纳金", "有效专利", "维持", "1", " 有 效 ", "有效;权利转移",
        "授权 | 一案双申 | 权利转移", "权利转移;有效", "授权\uff5c质押", "部分无效",
    ],
    "pending": [
        "审中", "实质审查", "实质审查的生效", "公开", "公布", "申请中", "待审", "2",
        "发明专利申请公布及进入实质审查程序",
        "在审",
    ],
    "dead": [
        "失效", "终止", "无效", "届满", "期满", "放弃", "撤回", "驳回", "视为撤回",
        "未缴年费专利权终止，等恢复",
        "未缴年费专利权终止,等恢复", "未缴年费终止失效", "届满终止失效", "无效宣告失效", "放弃专利权",
        "放弃专利权（重复授权）", "PCT-有效期满", "进入国家阶段-PCT有效期满",
        "PCT" + full_width("-") + "有效期满", "避重放弃", "0",
        "专利权有效期届满", "视为放弃取得专利权",
    ],
    "unknown": ["999", "未确认", "其他", "", "  ", "权利转移", "质押", "一案双申", "999;权利转移"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "expected"), [(raw, cls) for cls, raws in PATENT_STATUSES.items() for raw in raws]
)
def test_patent_status(raw, expected):
    assert classify_patent_status(raw) == expected


TRADEMARK_STATUSES = {
    "registered": ["已注册", "注册", "注册商标", "商标已注册", "续展", "有效", "转让", "部分驳回", "宽展期"],
    "pending": ["申请中", "等待实质审查", "初审公告", "待审", "受理", "商标注册申请受理", "注册申请中"],
    "dead": ["无效", "已无效", "注销", "撤销", "驳回", "失效", "过期", "宣告无效", "已销亡"],
    "unknown": ["", "其他", "质押"],
}


@pytest.mark.parametrize(
    ("raw", "expected"), [(raw, cls) for cls, raws in TRADEMARK_STATUSES.items() for raw in raws]
)
def test_trademark_status(raw, expected):
    assert classify_trademark_status(raw) == expected


PROJECT_STATUSES = {
    "approved": [
        "立项", "已立项", "获批", "批准", "在建", "实施中", "在研", "已验收", "验收", "通过验收", "结项",
        "已结项",
        "完成", "已立项;在建",
    ],
    "not_approved": [
        "推荐", "申报", "申报中", "拟立项", "公示", "未通过", "不通过", "撤销", "终止", "验收未通过",
        "不予立项",
        "未获批", "立项公示",
    ],
    "unknown": ["", "其他", "待定"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "expected"), [(raw, cls) for cls, raws in PROJECT_STATUSES.items() for raw in raws]
)
def test_project_status(raw, expected):
    assert classify_project_status(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("是", True), ("否", False), ("Y", True), ("n", False), ("yes", True), ("No", False), ("√", True),
     ("\u00d7", False), ("1", True), ("0", False), ("1.0", True), ("有", True), ("无", False), (" 是 ", True),
     (full_width("1"), True)],
)  # fmt: skip
def test_parse_yes_no(raw, expected):
    assert parse_yes_no(raw) is expected


@pytest.mark.parametrize(
    ("raw", "code"), [("", "empty"), ("  ", "empty"), ("可能", "bad_yes_no"), ("2", "bad_yes_no")]
)
def test_parse_yes_no_rejects(raw, code):
    with pytest.raises(Reject) as info:
        parse_yes_no(raw)
    assert info.value.code == code
