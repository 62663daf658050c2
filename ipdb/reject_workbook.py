"""The rejects workbook (``ipdb rejects -o``): every problem row whole, under the original file's own headers, so
that staff fix the cells and import the same file back with ``ipdb import FILE --kind KIND``.

Each row is written as the file had it, followed by 原文件, 工作表, 原行号 and 原因 (columns the importer knows and
ignores, ``ipdb/importers/columns.py``). When every row comes from registers of one as-of date, a title line
above the header states it (截至…), so the corrected rows come back with the date they describe.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ipdb.batches import SEVERITY_ZH, RejectRow
from ipdb.files import save_file

EXTRA_HEADERS = ("原文件", "工作表", "原行号", "原因")


def export_rejects(rows: Sequence[RejectRow], path: Path) -> Path:
    """Rejected rows on 拒收行; warnings (and skipped rows) on sheets of their own when ``rows`` holds them."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for severity, title in SEVERITY_ZH.items():
        chosen = [r for r in rows if r.severity == severity]
        if chosen or severity == "reject":
            _write_sheet(book.create_sheet(f"{title}行" if severity != "warning" else title), chosen)
    return save_file(path, book.save)


def _write_sheet(sheet, rows: list[RejectRow]) -> None:  # type: ignore[no-untyped-def]
    from ipdb.xlsx_style import append_row, autosize, print_setup, style_header

    grouped = _by_source_row(rows)
    headers = _headers([cells for cells, _ in grouped.values()])
    day = _one_date(rows)
    if day is not None:
        append_row(sheet, (f"问题行（原清单截至{day.year}年{day.month}月{day.day}日）",))
    append_row(sheet, (*headers, *EXTRA_HEADERS))
    for (file, sheet_name, number), (cells, reasons) in grouped.items():
        values = dict(cells)
        append_row(sheet, (*(values.get(h, "") for h in headers), file, sheet_name, number, "；".join(reasons)))
    header_row = 2 if day is not None else 1
    style_header(sheet, row=header_row)
    autosize(sheet)
    _wrap_reasons(sheet, header_row)
    print_setup(sheet, header_row)  # landscape, one page wide, the title line and header on every page


def _wrap_reasons(sheet, header_row: int) -> None:  # type: ignore[no-untyped-def]
    """The 原因 column (the last) wraps at its width, so a long reason prints whole instead of running off."""
    from openpyxl.styles import Alignment

    for row in sheet.iter_rows(min_row=header_row + 1, min_col=sheet.max_column, max_col=sheet.max_column):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _by_source_row(rows: list[RejectRow]) -> dict[tuple[str, str, int], tuple[list[tuple[str, str]], list[str]]]:
    """One line per source row: its cells (the stored whole row, else the one cell the problem names) and
    every problem found on it."""
    grouped: dict[tuple[str, str, int], tuple[list[tuple[str, str]], list[str]]] = {}
    for r in rows:
        key = (r.file, r.sheet, r.row)
        if key not in grouped:
            cells = [(h, v) for h, v in json.loads(r.cells)] if r.cells else [(r.column, r.value)]
            grouped[key] = (cells, [])
        grouped[key][1].append(f"{r.column}：{r.reason}" if r.column else r.reason)
    return grouped


def _headers(rows: list[list[tuple[str, str]]]) -> list[str]:
    """The original headers, in the files' own order, each once (a column without a header keeps its place)."""
    found: dict[str, None] = {}
    for cells in rows:
        for header, _ in cells:
            found.setdefault(header)
    return [h for h in found if h not in EXTRA_HEADERS]


def _one_date(rows: list[RejectRow]) -> date | None:
    days = {r.as_of for r in rows}
    return days.pop() if len(days) == 1 else None
