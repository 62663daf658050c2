"""Name keys, display names, holder lists, total and note rows (domain.md §6.6, gotchas 12 and 15)."""

from __future__ import annotations

import pytest

from ipdb.values.names import clean_name, is_note_text, is_total_label, name_key, split_holders


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("腾讯科技（深圳）有限公司", "腾讯科技(深圳)有限公司"),  # gotcha 12
        ("腾讯科技【深圳】有限公司", "腾讯科技(深圳)有限公司"),
        ("腾讯科技\u3014深圳\u3015有限公司", "腾讯科技(深圳)有限公司"),
        ("华为技术有限公司", " 华为 技术\u3000有限公司 "),
        ("ＡＢＣ科技１号有限公司", "abc科技1号有限公司"),
        ("Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES CO.,LTD."),
    ],
)
def test_name_key_unifies(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("华为技术有限公司", "华为技术有限公司深圳分公司"),
        ("深圳市腾讯计算机系统有限公司", "腾讯科技(深圳)有限公司"),
    ],
)
def test_name_key_keeps_distinct_names_apart(a, b):
    assert name_key(a) != name_key(b)


def test_name_key_form():
    assert name_key("腾讯科技（深圳）有限公司") == "腾讯科技(深圳)有限公司"
    assert name_key(" Apple Inc. ") == "appleinc."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  腾讯科技（深圳）有限公司 ", "腾讯科技（深圳）有限公司"),
        ("\u3000华为技术有限公司\u3000", "华为技术有限公司"),
        ("Huawei   Technologies\nCo., Ltd.", "Huawei Technologies Co., Ltd."),
        ("华为\u3000\u3000技术", "华为 技术"),
        ("", ""),
    ],
)
def test_clean_name(raw, expected):
    assert clean_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("A公司;B公司", ["A公司", "B公司"]),
        ("A公司；B公司", ["A公司", "B公司"]),
        ("A公司、B大学", ["A公司", "B大学"]),
        ("A公司\nB大学", ["A公司", "B大学"]),
        ("A公司\r\nB大学", ["A公司", "B大学"]),
        ("A公司 | B大学 | C研究院", ["A公司", "B大学", "C研究院"]),
        ("A公司\uff5cB大学", ["A公司", "B大学"]),
        ("A公司，B大学", ["A公司", "B大学"]),
        ("A公司,B大学", ["A公司", "B大学"]),
        ("Huawei Technologies Co., Ltd.", ["Huawei Technologies Co., Ltd."]),
        ("Apple Inc., Cupertino", ["Apple Inc., Cupertino"]),
        (
            "华为技术有限公司;Huawei Technologies Co., Ltd.",
            ["华为技术有限公司", "Huawei Technologies Co., Ltd."],
        ),
        ("A公司, Apple Inc.", ["A公司, Apple Inc."]),  # a comma splits only between two Chinese names
        ("B大学；A公司；B大学", ["B大学", "A公司"]),
        ("腾讯科技（深圳）有限公司;腾讯科技(深圳)有限公司", ["腾讯科技（深圳）有限公司"]),
        ("A公司;;  ; B大学;", ["A公司", "B大学"]),
        ("  A公司  ", ["A公司"]),
        ("", []),
    ],
)
def test_split_holders(raw, expected):
    assert split_holders(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["合计", "小计", "总计", "全区", "全省", "全市", "总数", "累计", "Total", "TOTAL", "合 计", "合\u3000计",
     "合计：", "合计:", "合计（件）", "全区合计", "XX街道小计", "Grand Total", "subtotal"],
)  # fmt: skip
def test_total_labels(text):
    assert is_total_label(text)


@pytest.mark.parametrize(
    "text", ["合肥计算机有限公司", "华为技术有限公司", "其他", "", "总计划研究院有限公司"]
)
def test_not_total_labels(text):
    assert not is_total_label(text)


@pytest.mark.parametrize(
    "text",
    ["注：1.数据来源于国家知识产权局", "注:以上数据", "说明：本表", "备注：无", "数据来源：CNIPA",
     "制表人：张三", "审核人：李四", "填报人：王五", "填报日期：2021年9月30日", "制表日期:2021.9.30",
     "联系人：赵六", " 注：…"],
)  # fmt: skip
def test_note_text(text):
    assert is_note_text(text)


@pytest.mark.parametrize("text", ["注册商标", "华为技术有限公司", "备注", "联系人", "说明书", ""])
def test_not_note_text(text):
    assert not is_note_text(text)
