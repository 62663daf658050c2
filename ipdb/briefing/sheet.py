"""One briefing sheet: its title and caption rows, tables and prose, fitted and dressed for screen and A4 print.

Text that came from imported data goes through ``xlsx_style.append_row``, so a name such as ``=HYPERLINK(…)``
stays text.
"""

from __future__ import annotations

import math
from typing import Any

from rich.cells import cell_len

from ipdb.briefing.model import Briefing
from ipdb.figures.numbers import MONEY_UNIT
from ipdb.xlsx_style import CJK_FONT, FORMULA_PREFIXES, append_row, autosize, print_setup

COUNT = "#,##0"
MONEY = "#,##0.00"  # 万元 (and ratios) with two decimals
SIGNED_COUNT = "+#,##0;-#,##0;0"
SIGNED_MONEY = "+#,##0.00;-#,##0.00;0.00"
PERCENT = "+0.0%;-0.0%;0.0%"
DAY = "yyyy-mm-dd"
NOT_AVAILABLE = "—"
LINE_POINTS = 15  # height of one line of 11-point text
BORDER_COLOR = "BFBFBF"
SECTION_FILL = "F2F2F2"
HEADER_FILL = "DDEBF7"  # as xlsx_style.style_header


def formats(unit: str) -> tuple[str, str]:
    """(value format, change format) for a unit: 万元 with two decimals, ratios too, else whole numbers."""
    if unit == MONEY_UNIT:
        return MONEY, SIGNED_MONEY
    return (MONEY, SIGNED_MONEY) if "/" in unit else (COUNT, SIGNED_COUNT)


def default_font(book: Any) -> None:
    """Empty cells and the Normal style use the CJK font too (openpyxl has no public API for this)."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=CJK_FONT, sz=11, family=2)
    book._fonts = IndexedList([font])
    book._named_styles["Normal"].font = font


class SheetWriter:
    """Appends titles, tables and text to one sheet, then fits and dresses it for screen and A4 print."""

    def __init__(self, book: Any, name: str, briefing: Briefing, columns: int, caption: str) -> None:
        self.sheet = book.create_sheet(name)
        self.columns = columns
        self.texts: dict[int, tuple[int, bool]] = {}  # row -> (font size, bold) of merged text rows
        self.tables: list[int] = []
        self.centered: set[int] = set()  # columns centred in table rows (ranks, movements)
        self.headers: set[int] = set()
        self.text(briefing.title, size=16, bold=True)
        self.text(caption, size=10)

    @property
    def row(self) -> int:
        return int(self.sheet.max_row)

    def text(self, value: str, *, size: int = 11, bold: bool = False) -> int:
        """A line of prose merged across the sheet's columns; it does not widen column A."""
        self.sheet.append([value])
        self.texts[self.row] = (size, bold)
        return self.row

    def section(self, value: str) -> int:
        row = self.text(value, bold=True)
        self.sheet.cell(row, 1).fill = _fill(SECTION_FILL)
        return row

    def header(self, labels: tuple[str, ...]) -> int:
        """A header row in the look of ``xlsx_style.style_header``, limited to the labelled columns."""
        self.sheet.append(list(labels))
        for cell in self.sheet[self.row][: len(labels)]:
            cell.font = font(bold=True)
            cell.fill = _fill(HEADER_FILL)
            cell.alignment = _alignment(wrap=True, center=True)
        self.tables.append(self.row)
        self.headers.add(self.row)
        return self.row

    def add(self, values: tuple[Any, ...], formats: tuple[str | None, ...] = (), indent: int = 0) -> int:
        """A table row; imported text stays text; ``formats`` per column (None: leave as is)."""
        append_row(self.sheet, [NOT_AVAILABLE if v is None and i >= 2 else v for i, v in enumerate(values)])
        for cell, fmt in zip(self.sheet[self.row], formats, strict=False):  # formats may stop early
            if fmt and isinstance(cell.value, (int, float)):
                cell.number_format = fmt
        if indent:
            self.sheet.cell(self.row, 1).alignment = _alignment(indent=indent, left=True)
        self.tables.append(self.row)
        return self.row

    def blank(self) -> None:
        self.sheet.append([None])

    def page_break(self) -> None:
        """What follows starts a printed page (a second table, under a header of its own)."""
        from openpyxl.worksheet.pagebreak import Break

        self.sheet.row_breaks.append(Break(id=self.row))

    def finish(self, *, frozen: int = 3, wrap: dict[int, int] | None = None, portrait: bool = False) -> None:
        """Fit columns to the tables (prose excluded; ``wrap``: column -> fixed width, text wrapped), then
        fonts, borders, row heights, frozen title rows and print setup. The frozen rows are the ones printed on
        every page: a sheet of one table freezes its header (3); a sheet of several, the titles (2), and each
        later table starts a page (``page_break``)."""
        from openpyxl.utils import get_column_letter

        wrap = wrap or {}
        saved = {row: self.sheet.cell(row, 1).value for row in self.texts}
        for row in saved:
            self.sheet.cell(row, 1).value = None
        autosize(self.sheet)
        _widen_for_numbers(self.sheet)
        for column, width in wrap.items():
            self.sheet.column_dimensions[get_column_letter(column)].width = width
        for row, value in saved.items():
            self.sheet.cell(row, 1).value = value
            if value.startswith(FORMULA_PREFIXES):  # a district name from the settings, say: text all the same
                self.sheet.cell(row, 1).data_type = "s"
            self._merge(row)
        self._dress(wrap)
        self.sheet.freeze_panes = self.sheet.cell(frozen + 1, 1)
        _print_setup(self.sheet, frozen, portrait)

    def _merge(self, row: int) -> None:
        size, bold = self.texts[row]
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.columns)
        cell = self.sheet.cell(row, 1)
        cell.font = font(size=size, bold=bold)
        cell.alignment = _alignment(wrap=True, center=row == 1)

    def _dress(self, wrap: dict[int, int]) -> None:
        from openpyxl.styles import Border, Side

        side = Side(style="thin", color=BORDER_COLOR)
        tables = set(self.tables)
        for cells in self.sheet.iter_rows(min_row=1, max_row=self.row):
            for cell in cells:
                if cell.font.name != CJK_FONT:
                    cell.font = font(size=cell.font.sz or 11, bold=bool(cell.font.b))
                if cell.row in tables and cell.column <= self.columns:
                    cell.border = Border(left=side, right=side, top=side, bottom=side)
                if cell.row not in tables or cell.row in self.texts or cell.row in self.headers:
                    continue
                centered = cell.column in self.centered or cell.value == NOT_AVAILABLE
                indent = cell.alignment.indent
                cell.alignment = _alignment(wrap=cell.column in wrap, center=centered, indent=indent)
            self._fit_height(cells[0].row, wrap)

    def _fit_height(self, row: int, wrap: dict[int, int]) -> None:
        """Wrapped and merged text needs a row height: neither Excel nor WPS grows merged rows by itself."""
        from openpyxl.utils import get_column_letter

        def width(column: int) -> float:
            return float(self.sheet.column_dimensions[get_column_letter(column)].width or 10)

        lines = 1
        if row in self.texts:
            size = self.texts[row][0]
            total = sum(width(c) for c in range(1, self.columns + 1)) * 11 / size
            lines = math.ceil(cell_len(str(self.sheet.cell(row, 1).value or "")) / max(total - 1, 1))
            self.sheet.row_dimensions[row].height = max(lines, 1) * (size + 6) + 4
            return
        for column in wrap:
            value = self.sheet.cell(row, column).value
            if isinstance(value, str):  # a line break of our own (between phrases) starts a line too
                shown = sum(math.ceil(cell_len(part) / max(width(column) - 1, 1)) for part in value.split("\n"))
                lines = max(lines, shown)
        if lines > 1:
            self.sheet.row_dimensions[row].height = lines * LINE_POINTS + 3


def _alignment(*, wrap: bool = False, center: bool = False, indent: float = 0, left: bool = False) -> Any:
    from openpyxl.styles import Alignment

    horizontal = "center" if center else "left" if left or indent else None
    return Alignment(wrap_text=wrap, vertical="center", horizontal=horizontal, indent=indent)


def _shown(value: Any, fmt: str) -> str:
    """Roughly a number as ``fmt`` shows it (autosize measures ``str(value)``: 2200.0, not +2,200.00)."""
    if "%" in fmt:
        return f"{value * 100:+.1f}%"
    sign = "+" if fmt.startswith("+") else ""
    return f"{value:{sign},.2f}" if "0.00" in fmt else f"{value:{sign},.0f}"


def _widen_for_numbers(sheet: Any) -> None:
    from openpyxl.utils import get_column_letter

    for cells in sheet.iter_cols():
        shown = [
            _shown(c.value, c.number_format)
            for c in cells
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
        ]
        if shown:
            letter = get_column_letter(cells[0].column)
            width = sheet.column_dimensions[letter].width or 0
            sheet.column_dimensions[letter].width = max(width, max(map(len, shown)) + 2)


def font(*, size: float = 11, bold: bool = False) -> Any:
    from openpyxl.styles import Font

    return Font(name=CJK_FONT, size=size, bold=bold)


def _fill(color: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor=color)


def _print_setup(sheet: Any, title_rows: int, portrait: bool) -> None:
    """A4 landscape (or portrait), one page wide (as many pages long as needed), titles repeated on every page."""
    print_setup(sheet, title_rows)
    if portrait:
        sheet.page_setup.orientation = "portrait"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
