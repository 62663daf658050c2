"""Every column of a table accounted for (domain.md Part I "Nothing silently lost"): bound to a field by its
header, bound by its values (a needed field without a known header, one unknown column whose every value
belongs to that field), or reported as ignored, known-but-not-stored or unknown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ipdb.importers.binding import Binding, missing_fields
from ipdb.importers.spec import Column, SheetSpec, header_keys
from ipdb.importers.table import Table
from ipdb.values import Reject

# Headers the bureau's lists carry that ipdb deliberately does not store; they are listed as such, not as
# unknown. The last four are the columns `ipdb rejects -o` adds to an export (import it back as it is).
NOT_STORED = frozenset(
    {
        "序号", "编号", "no", "no.", "发明人", "设计人", "ipc", "ipc分类号", "主分类号", "ipc主分类", "分类号",
        "代理机构", "代理人", "专利代理机构", "摘要", "地址", "通讯地址", "联系人", "联系电话", "电话", "手机",
        "备注", "说明", "优先权", "公开号", "公开日", "公告号", "公告日", "授权公告号", "同族", "引证",
        "原文件", "工作表", "原行号", "原因",
    }
)  # fmt: skip


@dataclass(frozen=True)
class IgnoredColumn:
    sheet: str
    column: str  # Excel letter
    header: str
    known: bool  # a known column ipdb does not store (序号, 发明人, IPC …), not an unknown one


@dataclass(frozen=True)
class InferredColumn:
    sheet: str
    column: str
    header: str
    field: str  # the Chinese header of the field it was bound to


def column_letter(index: int) -> str:
    """Excel's letter of the column at 0-based ``index``: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_not_stored(label: str) -> bool:
    return any(key in NOT_STORED for key in header_keys(label))


def unbound_columns(table: Table, bindings: list[Binding]) -> list[int]:
    """Indexes of the labelled columns no binding reads."""
    used = {b.index for b in bindings}
    return [i for i, label in enumerate(table.headers) if label and i not in used]


def infer_bindings(spec: SheetSpec, table: Table, bindings: list[Binding]) -> list[tuple[Binding, InferredColumn]]:
    """Bind each inferable field that has no column to the one unknown column whose values all fit it."""
    bound = {b.column.field for b in bindings}
    unknown = [i for i in unbound_columns(table, bindings) if not is_not_stored(table.headers[i])]
    found: list[tuple[Binding, InferredColumn]] = []
    taken: set[int] = set()
    for column in spec.columns:
        if column.infer and column.field not in bound:
            fits = [i for i in unknown if i not in taken and _fits(column, _values(table, i))]
            if len(fits) == 1:
                index = fits[0]
                taken.add(index)
                label = table.headers[index]
                note = InferredColumn(table.sheet, column_letter(index), label, column.header)
                found.append((Binding(column, label, index), note))
    return found


def needs_values(spec: SheetSpec, table: Table, bindings: list[Binding]) -> bool:
    """Whether ``infer_bindings`` looks at the table's values: a field to infer has no column, and an unknown
    column is there to try."""
    bound = {b.column.field for b in bindings}
    if not any(column.infer and column.field not in bound for column in spec.columns):
        return False
    return any(not is_not_stored(table.headers[i]) for i in unbound_columns(table, bindings))


def ignored_columns(table: Table, bindings: list[Binding]) -> list[IgnoredColumn]:
    return [
        IgnoredColumn(table.sheet, column_letter(i), table.headers[i], is_not_stored(table.headers[i]))
        for i in unbound_columns(table, bindings)
    ]


def _values(table: Table, index: int) -> list[str]:
    cells = (row.cells[index] for row in table.rows if index < len(row.cells))
    return list(dict.fromkeys(cell.strip() for cell in cells if cell and cell.strip()))


def _fits(column: Column, values: list[str]) -> bool:
    if not values:
        return False
    test: Callable[[str], Any] = column.infer if callable(column.infer) else _parses(column)
    return all(test(value) for value in values)


def _parses(column: Column) -> Callable[[str], bool]:
    def parses(value: str) -> bool:
        try:
            assert column.parse is not None
            column.parse(value)
        except (Reject, ValueError, TypeError, ArithmeticError):
            return False
        return True

    return parses


def listed(columns: list[IgnoredColumn]) -> str:
    return "、".join(f"工作表「{c.sheet}」{c.column}列「{c.header}」" for c in columns)


def map_hint(spec: SheetSpec, table: Table, bindings: list[Binding]) -> str:
    """Name the unknown columns and the --map that would bind the first of them to the first missing field."""
    unknown = [table.headers[i] for i in unbound_columns(table, bindings) if not is_not_stored(table.headers[i])]
    if not unknown:
        return ""
    field_name = missing_fields(spec, bindings)[0].split(" 或 ")[0]
    names = "、".join(f"「{label}」" for label in unknown)
    return (
        f"（表中未识别的列：{names}；如果「{unknown[0]}」就是「{field_name}」，请加 --map {unknown[0]}={field_name}）"
    )
