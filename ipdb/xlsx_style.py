"""Small openpyxl helpers shared by every workbook ipdb writes (rejects, exports, briefings)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len

FORMULA_PREFIXES = ("=", "+", "-", "@")
CJK_FONT = "等线"
MAX_WIDTH = 60


def append_row(sheet: Any, values: Sequence[Any]) -> None:
    """Append a row; text from imported data that starts like a formula stays text, never evaluated."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
            cell.data_type = "s"


def style_header(sheet: Any, row: int = 1) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for cell in sheet[row]:
        cell.font = Font(name=CJK_FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def autosize(sheet: Any) -> None:
    """Column widths from display width (a CJK character is two columns wide), not character count."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                widths[cell.column] = max(widths.get(cell.column, 0), cell_len(str(cell.value)))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, width + 2)


def set_widths(sheet: Any, rows: Sequence[Sequence[Any]]) -> None:
    """``autosize`` for a write-only sheet, from rows measured before any is written."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in rows:
        for column, value in enumerate(row, start=1):
            if value is not None:
                widths[column] = max(widths.get(column, 0), cell_len(str(value)))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, width + 2)


def header_cells(sheet: Any, headers: Sequence[str]) -> list[Any]:
    """A write-only sheet's header row, styled as ``style_header`` styles one."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    font, fill = Font(name=CJK_FONT, bold=True), PatternFill("solid", fgColor="DDEBF7")
    alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, header)
        cell.font, cell.fill, cell.alignment = font, fill, alignment
        cells.append(cell)
    return cells


def text_cells(sheet: Any, values: Sequence[Any]) -> list[Any]:
    """``append_row``'s values for a write-only sheet: text that starts like a formula stays text."""
    from openpyxl.cell import WriteOnlyCell

    row: list[Any] = list(values)
    for i, value in enumerate(row):
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            row[i] = WriteOnlyCell(sheet, value)
            row[i].data_type = "s"
    return row


def print_setup(sheet: Any, title_rows: int) -> None:
    """A4 landscape, one page wide and as many pages long as needed, rows ``1:title_rows`` (the titles and the
    table's header) repeated on every printed page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"1:{title_rows}"
