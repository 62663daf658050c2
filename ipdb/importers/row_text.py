"""The text tests a table's rows are told apart by (table.py): labels, totals, notes and titles."""

from __future__ import annotations

from collections.abc import Sequence

Cells = Sequence[str | None]

# Row labels of total rows (domain.md §6.6), compared after removing all whitespace ('合 计').
# To be unified with ipdb/values/names.py.
TOTAL_LABELS = frozenset({"合计", "小计", "总计", "全区", "全省", "全市", "全县", "总数", "共计"})
TOTAL_SUFFIXES = ("合计", "小计", "总计")  # '全区合计', '本页小计', 'XX街道小计'
TOTAL_SUFFIX_MAX_LEN = 8  # longer text ending in 合计 is prose, not a row label
TOTAL_COLUMNS = 3  # the label sits in one of the table's first three columns
# Starts of note and signature lines written under (or between) the data.
NOTE_STARTS = ("注：", "注:", "注1", "注①", "说明", "备注：", "备注:", "数据来源", "资料来源")
SIGNATURE_STARTS = ("制表人", "制表单位", "制表日期", "审核人", "填报人", "填报日期", "单位负责人")
NOTE_PREFIXES = NOTE_STARTS + SIGNATURE_STARTS
COLONS = (":", "：")


def clean_label(text: str | None) -> str:
    """A header label with every space and line break removed ('专利同\\n族数量' -> '专利同族数量')."""
    return "".join(text.split()) if text else ""


def used_width(cells: Cells) -> int:
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    return width


def row_key(cells: Cells) -> tuple[str, ...]:
    return tuple(clean_label(cell) for cell in cells[: used_width(cells)])


def is_total_label(text: str) -> bool:
    label = clean_label(text).rstrip(":：")
    return label in TOTAL_LABELS or (len(label) <= TOTAL_SUFFIX_MAX_LEN and label.endswith(TOTAL_SUFFIXES))


def is_note(texts: list[str]) -> bool:
    """Every cell is a note ('注：…', '制表人：张三') or the value after a note label ('审核人：', '李四')."""
    labels = [clean_label(text) for text in texts]
    return all(
        label.startswith(NOTE_PREFIXES) or (i > 0 and labels[i - 1].endswith(COLONS)) for i, label in enumerate(labels)
    )


def title_of(rows: Sequence[Cells]) -> str:
    """Title lines above the header, whitespace collapsed, text repeated by merging or copying once."""
    parts: list[str] = []
    for cells in rows:
        for cell in cells:
            text = " ".join(cell.split()) if cell else ""
            if text and text not in parts:
                parts.append(text)
    return " ".join(parts)
