"""Mutations of a real import file, as a hostile or careless user would make them; every choice from one seeded RNG."""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

ODD_TEXT = (
    "\u202e公司名称\u202c",  # right-to-left override
    "甲\u200b乙\ufeff丙",  # zero-width and BOM inside text
    "😀🏭有限公司",
    "e\u0301\u0301\u0301",  # stacked combining marks
    "=HYPERLINK(\"http://x\")",
    "\x00\x07控制字符",
    "　",  # ideographic space only
    "𠀀𪚥𰻞",  # astral CJK
)
BIG_NUMBERS = ("1e17", "99999999999999999999999万元", "-1e15", "1E+308", "NaN", "inf", "0x1F", "１２３")
ODD_DATES = ("2026-02-30", "0000-00-00", "9999-99-99", "1899-12-31", "20261301", "二〇二六年十三月", "-1e15")


def mutate(path: Path, out: Path, rng: random.Random) -> str:
    """Write one mutation of ``path`` to ``out``; return what was done (for the report)."""
    data = path.read_bytes()
    choices: list[Callable[[bytes, random.Random], tuple[bytes, str]]] = [*BYTE_MUTATIONS]
    if path.suffix == ".xlsx":
        choices += [lambda d, r: _xlsx(path, out, r)] * 4
        choices += [_flip_in_zip_member]
    if path.suffix == ".csv":
        choices += [_csv_structural] * 4
    try:
        result, what = rng.choice(choices)(data, rng)
    except Exception:  # openpyxl cannot load or save this workbook: mutate its bytes instead
        result, what = _flip(data, rng)
    if result:
        out.write_bytes(result)
    return what


# ---- bytes -------------------------------------------------------------------------------------------


def _truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = rng.randrange(1, max(2, len(data)))
    return data[:at], f"truncated at {at} of {len(data)} bytes"


def _flip(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    buffer = bytearray(data)
    spots = [rng.randrange(len(buffer)) for _ in range(rng.randint(1, 8))]
    for spot in spots:
        buffer[spot] ^= 1 << rng.randrange(8)
    return bytes(buffer), f"flipped bits at {spots}"


def _cut(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 512))
    return data[:start] + data[end:], f"deleted bytes {start}:{end}"


def _repeat(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 512))
    return data[:end] + data[start:end] + data[end:], f"duplicated bytes {start}:{end}"


BYTE_MUTATIONS = (_truncate, _flip, _cut, _repeat)


def _flip_in_zip_member(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A bit flipped inside one deflated member: the zip opens, the member's XML is damaged."""
    import io

    source = zipfile.ZipFile(io.BytesIO(data))
    member = rng.choice([i.filename for i in source.infolist() if i.filename.endswith(".xml")])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member and content:
                spot = rng.randrange(len(content))
                content = content[:spot] + bytes([content[spot] ^ 0x20]) + content[spot + 1 :]
            target.writestr(info.filename, content)
    return out.getvalue(), f"changed one byte of {member}"


# ---- spreadsheets --------------------------------------------------------------------------------------


def _xlsx(path: Path, out: Path, rng: random.Random) -> tuple[bytes, str]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = rng.choice(book.worksheets)
    what = rng.choice(list(SHEET_EDITS))
    try:
        SHEET_EDITS[what](sheet, rng)
    except Exception:  # a merged cell is read-only; openpyxl refuses control characters
        what = "far cell (instead of " + what + ")"
        _far_cell(sheet, rng)
    book.save(out)
    return b"", f"{what} in sheet {sheet.title}"


def _random_cell(sheet, rng: random.Random):  # type: ignore[no-untyped-def]
    return sheet.cell(rng.randint(1, max(1, sheet.max_row)), rng.randint(1, max(1, sheet.max_column)))


def _set_cell(values: tuple[str, ...]) -> Callable[..., None]:
    def edit(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
        _random_cell(sheet, rng).value = rng.choice(values)

    return edit


def _delete_rows(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    sheet.delete_rows(rng.randint(1, max(1, sheet.max_row)), rng.randint(1, 3))


def _duplicate_row(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    row = rng.randint(1, max(1, sheet.max_row))
    sheet.append([c.value for c in sheet[row]])


def _delete_column(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    sheet.delete_cols(rng.randint(1, max(1, sheet.max_column)))


def _duplicate_column(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    column = rng.randint(1, max(1, sheet.max_column))
    target = sheet.max_column + 1
    for row in range(1, sheet.max_row + 1):
        sheet.cell(row, target).value = sheet.cell(row, column).value


def _merge(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    row, col = rng.randint(1, max(1, sheet.max_row)), rng.randint(1, max(1, sheet.max_column))
    sheet.merge_cells(start_row=row, start_column=col, end_row=row + rng.randint(0, 3), end_column=col + rng.randint(1, 30))


def _long_text(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    _random_cell(sheet, rng).value = rng.choice("甲A1,\"") * 32767


def _number_as_text(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    cell = _random_cell(sheet, rng)
    cell.value = f" {cell.value} " if cell.value is not None else "1,234.5"


def _date_serial(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    cell = _random_cell(sheet, rng)
    cell.value = rng.choice((-1e15, 1e15, 2958466, -1))
    cell.number_format = "yyyy-mm-dd"


def _far_cell(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    sheet[rng.choice(("XFD1048576", "XFD1", "A1048576", "ZZ70000"))] = "误输入"


def _hide(sheet, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    sheet.sheet_state = rng.choice(("hidden", "veryHidden"))


SHEET_EDITS: dict[str, Callable[..., None]] = {
    "deleted rows": _delete_rows,
    "duplicated a row": _duplicate_row,
    "deleted a column": _delete_column,
    "duplicated a column": _duplicate_column,
    "merged cells": _merge,
    "32767-character cell": _long_text,
    "odd Unicode": _set_cell(ODD_TEXT),
    "number as text": _number_as_text,
    "huge or odd number": _set_cell(BIG_NUMBERS),
    "impossible date": _set_cell(ODD_DATES),
    "out-of-range date serial": _date_serial,
    "far cell": _far_cell,
    "hidden sheet": _hide,
}


def _csv_structural(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = data.decode("gb18030", errors="replace")
    lines = text.splitlines(keepends=True)
    spot = rng.randrange(len(lines))
    what = rng.choice(("unclosed quote", "extra field", "deleted line", "duplicated line", "odd value", "no newline"))
    if what == "unclosed quote":
        lines[spot] = re.sub(",", ',"', lines[spot], count=1)
    elif what == "extra field":
        lines[spot] = lines[spot].replace(",", ",,", 1)
    elif what == "deleted line":
        del lines[spot]
    elif what == "duplicated line":
        lines.insert(spot, lines[spot])
    elif what == "odd value":
        lines[spot] = lines[spot].rstrip("\r\n") + "," + rng.choice(BIG_NUMBERS + ODD_TEXT) + "\n"
    else:
        lines[-1] = lines[-1].rstrip("\r\n")[: rng.randint(1, 40)]
    return "".join(lines).encode("gb18030", errors="replace"), f"{what} at line {spot + 1}"
