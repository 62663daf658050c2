"""The outreach lists as rows: one workbook with a sheet per list (for the street offices), or one CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ipdb.figures.due import DUE_KINDS, DueItem, DueLists
from ipdb.files import save_file, save_text
from ipdb.periods import format_day
from ipdb.xlsx_style import FORMULA_PREFIXES

HEADERS = ("企业名称", "统一社会信用代码", "街道/镇", "号码", "名称", "类别", "到期日", "办理事项", "剩余天数", "说明")
NOT_LISTED = "（名录外）"  # after the holders of a right no enterprise of the list holds


def item_row(item: DueItem) -> list[Any]:
    enterprise = item.enterprise if item.linked else f"{item.enterprise}{NOT_LISTED}"
    return [
        enterprise, item.credit_code or "", item.town or "", item.number, item.title, item.category,
        item.deadline, item.action, item.days_left, item.note,
    ]  # fmt: skip


def due_csv(lists: DueLists) -> str:
    """One table, the list named in the first column (UTF-8 text; a file gets a BOM, so Excel opens it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("清单", *HEADERS))
    for item in lists.items:
        writer.writerow([_safe(v) for v in (DUE_KINDS[item.kind], *item_row(item))])
    return out.getvalue()


def export_due(lists: DueLists, fmt: str, path: Path | None) -> Path:
    """``csv``: the one table; ``xlsx``: a workbook with one sheet per list, for the street offices."""
    target = path or Path("reports") / f"近期到期提醒_{lists.as_of.isoformat()}.{fmt}"
    if fmt == "csv":
        return save_text(target, lambda handle: handle.write(due_csv(lists)), encoding="utf-8-sig")
    return save_file(target, _workbook(lists).save)


def _workbook(lists: DueLists) -> Any:
    from openpyxl import Workbook

    from ipdb.xlsx_style import append_row, autosize, style_header

    book = Workbook()
    book.remove(book.active)
    for kind, title in DUE_KINDS.items():
        sheet = book.create_sheet(title)
        sheet.append([f"{title}（截至{format_day(lists.as_of)}，到期日至{format_day(lists.horizon_end)}）"])
        sheet.append(list(HEADERS))
        items = lists.of_kind(kind)
        for item in items:
            append_row(sheet, item_row(item))
            sheet.cell(row=sheet.max_row, column=7).number_format = "yyyy-mm-dd"
        if not items:
            sheet.append(["（无）"])
        style_header(sheet, row=2)
        autosize(sheet)
    return book


def _safe(value: Any) -> Any:
    """Text from imported data that starts like a formula is quoted so that Excel shows it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
