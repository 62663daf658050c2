"""Cell, sheet and workbook helpers shared by the writers (fixed timestamps, so files are byte-identical)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from demo.data import BUREAU, FIXED_DT, FIXED_ZIP_TIME
from demo.values import Fmt

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def put(ws, r: int, c: int, v):
    cell = ws.cell(row=r, column=c)
    if isinstance(v, Fmt):
        cell.value = v.value
        cell.number_format = v.number_format
    else:
        cell.value = v
    return cell


def write_sheet(ws, headers, rows, *, title=None, unit_line=None, total=None, notes=(), widths=None):
    """Title row (merged), optional 填报单位 row, header, data, optional 合计 row, note rows.
    Returns (header_row, first_data_row)."""
    n = len(headers)
    r = 1
    if title:
        c = put(ws, r, 1, title)
        c.font = Font(name="宋体", size=14, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        ws.row_dimensions[r].height = 28
        r += 1
    if unit_line:
        put(ws, r, 1, unit_line).font = Font(name="宋体", size=10)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    header_row = r
    for j, h in enumerate(headers, 1):
        c = put(ws, r, j, h)
        c.font = Font(name="宋体", bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = BORDER
    r += 1
    first = r
    for row in rows:
        for j, v in enumerate(row, 1):
            put(ws, r, j, v).border = BORDER
        r += 1
    if total:
        for j, v in enumerate(total, 1):
            c = put(ws, r, j, v)
            c.border = BORDER
            c.font = Font(bold=True)
        r += 1
    for note in notes:
        put(ws, r, 1, note).font = Font(size=9)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    for j in range(1, n + 1):
        ws.column_dimensions[get_column_letter(j)].width = (widths or {}).get(j, 14)
    ws.freeze_panes = ws.cell(row=first, column=1)
    return header_row, first


def new_wb() -> Workbook:
    wb = Workbook()
    wb.properties.creator = BUREAU
    wb.properties.lastModifiedBy = BUREAU
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    return wb


def save_wb(wb: Workbook, path: Path):
    """Save with fixed timestamps (core.xml and zip entries) so that reruns are byte-identical."""
    buf = io.BytesIO()
    wb.save(buf)
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2026-10-08T09:00:00Z\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
