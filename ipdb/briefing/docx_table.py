"""The Word briefing's tables: grid, shaded header repeated on every page, columns sized to their content.

Columns that hold dates, numbers, codes and registration numbers are as wide as their longest value and marked
no-wrap, so none of them breaks mid-string; the columns of names and titles share what is left of the text
block and wrap. Word and WPS would otherwise share the width equally and wrap whatever is long.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from rich.cells import cell_len

from ipdb.figures.numbers import MONEY_UNIT

BODY_FONT = "宋体"
TABLE_POINTS = 9
HEADER_SHADE = "DDEBF7"
NOT_AVAILABLE = "—"
TEXT_WIDTH = 16.6  # cm: A4 less 2.2 cm margins
CELL_PADDING = 0.55  # cm: Word's default cell margins (0.19 cm each side) and air for bold or wider glyphs
POINTS_PER_CM = 28.35
HEADER_MAX = 2.4  # cm: a whole column is at least as wide as its header, up to this (longer headers wrap)


def add_table(
    doc: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric_from: int,
    wrap: Collection[int] = (1,),
    size: float = TABLE_POINTS,
) -> Any:
    """A grid table: shaded bold header repeated on each page; columns from ``numeric_from`` on right-aligned;
    the columns in ``wrap`` (names, titles) wrap, every other one is sized to its content and never wraps."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.autofit = False  # a fixed layout: Word and WPS keep the widths below
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER  # a narrow table (the trend) sits in the middle
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        _shade(cell, HEADER_SHADE)
        cell_text(cell, header, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for values in rows:
        for column, (cell, value) in enumerate(zip(grid.add_row().cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if column >= numeric_from else None
            cell_text(cell, value, size, align=align)
            if column not in wrap:
                _no_wrap(cell)
    _rows_whole(grid)
    for column, width in zip(grid.columns, widths(headers, rows, wrap, size), strict=True):
        column.width = Cm(width)  # the grid (LibreOffice), each cell (Word)
        for cell in column.cells:
            cell.width = Cm(width)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return grid


def text_width(text: str, size: float) -> float:
    """Centimetres ``text`` takes at ``size`` points: a CJK character is one em, a digit or letter half."""
    return cell_len(text) * size / 2 / POINTS_PER_CM


def widths(headers: Sequence[str], rows: Sequence[Sequence[str]], wrap: Collection[int], size: float) -> list[float]:
    """Whole columns as wide as their longest value (and their header, up to HEADER_MAX); the wrapping columns
    share the rest of the text block in proportion to their longest value."""
    longest = [max((text_width(r[i], size) for r in rows), default=0) + CELL_PADDING for i in range(len(headers))]
    heads = [min(text_width(h, size) + CELL_PADDING, HEADER_MAX) for h in headers]
    out = [max(longest[i], heads[i]) if i not in wrap else 0.0 for i in range(len(headers))]
    left = max(TEXT_WIDTH - sum(out), 1.5 * len(wrap))
    shares = {i: max(longest[i], heads[i]) for i in wrap if i < len(headers)}
    for i, share in shares.items():
        out[i] = round(left * share / sum(shares.values()), 2)
    return out


def cell_text(cell: Any, text: str, size: float, *, bold: bool = False, align: Any = None) -> None:
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold or None
    east_asian(run, BODY_FONT)


def east_asian(run: Any, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _shade(cell: Any, color: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shade)


def _no_wrap(cell: Any) -> None:
    from docx.oxml import OxmlElement

    cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))


def _rows_whole(grid: Any) -> None:
    """No row splits across pages; the header row is repeated at the top of each page the table reaches."""
    from docx.oxml import OxmlElement

    for index, row in enumerate(grid.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            properties.append(OxmlElement("w:tblHeader"))


def number(value: int | float | str | None, unit: str, *, signed: bool = False) -> str:
    """How a figure reads in a table: thousands separators; 万元 and ratios with two decimals; text (未导入) as is."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, str):
        return value
    sign = "+" if signed and value != 0 else ""
    if unit == MONEY_UNIT or "/" in unit:
        return f"{value:{sign},.2f}"
    return f"{value:{sign},.0f}"


def percent(rate: float | None) -> str:
    return NOT_AVAILABLE if rate is None else f"{rate * 100:+.1f}%"
