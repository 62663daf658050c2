"""Blank import templates generated from the kind specs, so template headers and parsers cannot drift apart."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import IO

from ipdb.files import save_file
from ipdb.importers import KINDS
from ipdb.importers.spec import SheetSpec

GUIDE_HEADERS = ("表头", "必填", "也认得的表头写法", "示例")


def template_name(spec: SheetSpec) -> str:
    return f"{spec.title.replace('/', '、')}_模板.xlsx"


def template_grid(spec: SheetSpec) -> dict[str, list[list[str]]]:
    """Sheet name -> rows of text: the blank list, and a guide to its columns."""
    required = {f for group in spec.one_of for f in group}
    guide = [list(GUIDE_HEADERS)] + [
        [c.header, "是" if c.required else ("之一" if c.field in required else ""), "、".join(c.aliases), c.example]
        for c in spec.columns
    ]
    return {spec.title.replace("/", "、")[:31]: [[c.header for c in spec.columns]], "填写说明": guide}


def write_templates(folder: Path) -> list[Path]:
    from openpyxl import Workbook

    from ipdb.xlsx_style import append_row, autosize, style_header

    written = []
    for spec in KINDS.values():
        book = Workbook()
        book.remove(book.active)
        for name, rows in template_grid(spec).items():
            sheet = book.create_sheet(name)
            for row in rows:
                append_row(sheet, row)
            style_header(sheet)
            autosize(sheet)
        book.properties.creator = "ipdb"
        target = folder / template_name(spec)
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
        if not _same_workbook(target, data):  # an unchanged template keeps its file and its date
            written.append(save_file(target, functools.partial(_write, data)))
    return written


def _write(data: bytes, stream: IO[bytes]) -> None:
    stream.write(data)


def _same_workbook(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` holds the same workbook, save for the time stamps openpyxl writes."""
    import zipfile

    if not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(io.BytesIO(data)) as new:
            if sorted(old.namelist()) != sorted(new.namelist()):
                return False
            return all(old.read(n) == new.read(n) for n in new.namelist() if n != "docProps/core.xml")
    except (OSError, zipfile.BadZipFile):
        return False
