"""A pre-scan of an .xlsx's sheet XML before calamine sees it, and the repairs calamine needs (issue 9, item 2-3).

calamine allocates the whole rectangle from the first to the last used cell in one go, whatever the declared
``<dimension>`` says, so one stray value in XFD1048576 asks for 512 GiB and aborts the process. Here each sheet
is streamed in 1 MiB pieces (never held whole) to count its cells and bound its used rectangle:

* more cells than ``max_cells``, or a rectangle over it that is dense, is refused before anything is allocated;
* a rectangle over it because of a few cells far from the table: those cells are left out (each reported as a
  warning) and calamine reads a copy of the workbook without them;
* a numeric cell calamine cannot turn into a date (a serial out of range panics inside it) is rewritten as the
  text of its number, so that the row is rejected with its raw value instead of the file failing.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ipdb.importers.faults import CellFault

CHUNK = 1 << 20
ROW_BLOCK, COL_BLOCK = 64, 8  # cells are counted per block of 64 rows x 8 columns to find strays
FAR_ROWS, FAR_COLS = 1024, 64  # a gap this wide separates stray cells from the table
# A rectangle this big and this empty is looked at for strays even under max_cells: calamine would still
# allocate all of it (32 bytes a cell) and Python would walk every empty cell.
SPARSE_MIN_BOX, SPARSE_RATIO = 1_000_000, 20
STRAY_SHARE = 0.01  # strays are at most this share of the cells (else the sheet is simply too big)
LAST_DATE_SERIAL = 2_958_465  # 9999-12-31
FIRST_DATE_SERIAL = -693_593  # 0001-01-01
SHEET_PREFIX = "xl/worksheets/"
CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
ROW_REF = re.compile(rb'<row r="(\d{1,10})"')
# calamine places a cell by its own reference, not by its <row r>. One pass of a piece finds the row elements'
# numbers and, as b"", any cell past column Z or whose row has more digits than any row seen before (k digits:
# REFS[k]; REFS[0] flags every cell); OUTLYING[k] then reads those cells' column and row in that piece only.
REFS = [re.compile(rb'<(?:row r="(\d{1,10})"|c r="(?:[A-Z]{2,3}\d|[A-Z]\d{%d}))' % (k + 1)) for k in range(10)]
OUTLYING = [re.compile(rb'<c r="([A-Z]{2,3}|[A-Z](?=\d{%d}))(\d{1,10})' % (k + 1)) for k in range(10)]
CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
VALUE = re.compile(rb"<v>([^<]*)</v>")
DIMENSION = re.compile(rb"<dimension [^>]*/>")
TYPE = re.compile(rb'\bt="([^"]*)"')
SHEET_ENTRY = re.compile(rb'<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
RELATION = re.compile(
    rb'<Relationship [^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"|<Relationship [^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"'
)


@dataclass
class SheetShape:
    cells: int = 0
    rows: int = 0  # last row number seen
    cols: int = 0  # widest column seen (1-based)
    blocks: Counter[tuple[int, int]] = field(default_factory=Counter)
    exact: bool = True  # False: ``cells`` is a lower bound (see _shape)
    every_row: bool = False  # every cell's own row read (else only those with more digits than ``rows``)
    # the last row a cell may have: ``rows`` once every cell's row was read, else below the next power of ten
    row_bound: int = 0


@dataclass(frozen=True)
class Keep:
    """The part of a sheet calamine may read: rows 1..rows and columns 1..cols."""

    rows: int
    cols: int


class TooManyCells(Exception):
    def __init__(self, member: str, cells: int, ref: str) -> None:
        super().__init__(member)
        self.member, self.cells, self.ref = member, cells, ref


def column_number(letters: bytes | str) -> int:
    text = letters.decode() if isinstance(letters, bytes) else letters
    number = 0
    for letter in text:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML member, from xl/workbook.xml and its relations."""
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for match in RELATION.finditer(rels):
        rid, target = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        path = target.decode().lstrip("/")
        targets[rid] = path if path.startswith("xl/") else "xl/" + path
    return {_unescape(name): targets.get(rid, "") for name, rid in SHEET_ENTRY.findall(book)}


def _unescape(name: bytes) -> str:
    text = name.decode("utf-8", errors="replace")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def plan_sheets(archive: zipfile.ZipFile, max_cells: int) -> dict[str, Keep]:
    """For each sheet member whose used rectangle is over ``max_cells``: the part to keep; raise TooManyCells
    when the sheet really holds that much."""
    keeps = {}
    for info in archive.infolist():
        if not (info.filename.startswith(SHEET_PREFIX) and info.filename.endswith(".xml")):
            continue
        shape = _shape(archive, info.filename, max_cells, detailed=False)
        if not _calamine_holds(shape, max_cells):
            shape = _shape(archive, info.filename, max_cells, detailed=False, exact=True, every_row=True)
        if _calamine_holds(shape, max_cells):
            continue
        box = shape.rows * shape.cols
        shape = _shape(archive, info.filename, max_cells, detailed=True)
        if not shape.blocks:
            continue  # references written in another order: calamine's own extent check applies
        keep = _table_part(shape)
        if keep is None and box <= max_cells:
            continue  # sparse but not far apart: calamine can hold it
        if keep is None or keep.rows * keep.cols > max_cells:
            ref = f"A1:{column_letters(shape.cols)}{shape.rows}"
            raise TooManyCells(info.filename, shape.rows * shape.cols, ref)
        keeps[info.filename] = keep
    return keeps


def _calamine_holds(shape: SheetShape, max_cells: int) -> bool:
    """The used rectangle is within ``max_cells`` and dense enough that no stray cells need looking for."""
    box = shape.rows * shape.cols
    return shape.row_bound * shape.cols <= max_cells and (box <= SPARSE_MIN_BOX or box <= SPARSE_RATIO * shape.cells)


def _shape(
    archive: zipfile.ZipFile,
    member: str,
    max_cells: int,
    *,
    detailed: bool,
    exact: bool = False,
    every_row: bool = False,
) -> SheetShape:
    """Cells, last row and widest column of one sheet, streamed; per-block counts when ``detailed``.

    Unless ``exact`` (or ``detailed``), the cells are counted only as far as needed to show the rectangle dense
    (a lower bound), when the member is too small to hold more than ``max_cells`` cells (each takes 3 bytes)."""
    exact = exact or detailed or archive.getinfo(member).file_size // 3 > max_cells
    shape = SheetShape(exact=exact, every_row=every_row or detailed)
    with archive.open(member) as stream:
        carry = b""  # an element cut by the end of the last piece
        while chunk := stream.read(CHUNK):
            first, cut = chunk.find(b"<"), chunk.rfind(b"<")
            if first < 0:
                carry += chunk
                continue
            # every pattern starts at a "<" and holds no other: the piece is read in place, never copied
            head = carry + chunk[:first]
            _measure(shape, head, 0, len(head), detailed)
            _measure(shape, chunk, first, cut, detailed)
            carry = chunk[cut:]
            if shape.cells > max_cells:
                raise TooManyCells(member, shape.cells, f"{column_letters(max(shape.cols, 1))}{shape.rows}")
        _measure(shape, carry, 0, len(carry), detailed)
    shape.row_bound = shape.rows if shape.every_row else 10 ** len(str(shape.rows)) - 1
    return shape


def _measure(shape: SheetShape, data: bytes, start: int, end: int, detailed: bool) -> None:
    """Adds what ``data[start:end]`` holds to ``shape``."""
    if detailed:  # every cell's reference is read there
        shape.rows = max(shape.rows, max(map(int, ROW_REF.findall(data, start, end)), default=0))
        _measure_cells(shape, data, start, end)
        return
    k = 0 if shape.every_row else min(len(str(shape.rows)), len(REFS) - 1)
    found = REFS[k].findall(data, start, end)
    shape.rows = max(shape.rows, max(map(int, filter(None, found)), default=0))
    # one-letter columns are at most Z: only the rarer outlying references need reading
    wide = OUTLYING[k].findall(data, start, end) if b"" in found else ()
    shape.rows = max(shape.rows, max((int(digits) for _, digits in wide), default=0))
    shape.cols = max(
        [shape.cols, 26 if data.find(b'<c r="', start, end) >= 0 else 0, *(column_number(c) for c, _ in wide)]
    )
    if shape.exact:
        shape.cells += data.count(b"<c ", start, end) + data.count(b"<c>", start, end)
    elif SPARSE_RATIO * shape.cells < shape.rows * shape.cols:
        shape.cells += data.count(b"<c ", start, end)  # the cells with attributes, a lower bound


def _measure_cells(shape: SheetShape, data: bytes, start: int, end: int) -> None:
    shape.cells += data.count(b"<c ", start, end) + data.count(b"<c>", start, end)
    for letters, digits in CELL_REF.findall(data, start, end):
        row, col = int(digits), column_number(letters)
        shape.cols = max(shape.cols, col)
        shape.rows = max(shape.rows, row)
        shape.blocks[(row - 1) // ROW_BLOCK, (col - 1) // COL_BLOCK] += 1


def _table_part(shape: SheetShape) -> Keep | None:
    """The rectangle of the table without the few cells far right of or below it; None when nothing is far."""
    rows = _near_end({r for r, _ in shape.blocks}, FAR_ROWS // ROW_BLOCK)
    cols = _near_end({c for _, c in shape.blocks}, FAR_COLS // COL_BLOCK)
    far = sum(n for (r, c), n in shape.blocks.items() if r > rows or c > cols)
    if not far or far > max(1, shape.cells * STRAY_SHARE):
        return None
    return Keep((rows + 1) * ROW_BLOCK, (cols + 1) * COL_BLOCK)


def _near_end(blocks: set[int], gap: int) -> int:
    """The last block before the first gap of ``gap`` empty blocks."""
    ordered = sorted(blocks)
    for previous, current in itertools.pairwise(ordered):
        if current - previous > gap:
            return previous
    return ordered[-1] if ordered else 0


def drop_far_cells(xml: bytes, keep: Keep, sheet: str) -> tuple[bytes, list[CellFault]]:
    """The sheet without cells outside ``keep`` (and without its stale dimension), and a warning for each."""
    faults: list[CellFault] = []

    def drop(match: re.Match[bytes]) -> bytes:
        col, row = column_number(match.group(1)), int(match.group(2))
        if row <= keep.rows and col <= keep.cols:
            return match.group(0)
        ref = match.group(1).decode() + match.group(2).decode()
        value = VALUE.search(match.group(4) or b"")
        raw = value.group(1).decode("utf-8", errors="replace") if value else ""
        reason = f"工作表「{sheet}」的单元格 {ref} 远离表格（表格只到第 {keep.rows} 行内），已忽略，未导入"
        faults.append(CellFault(row, ref, raw, "far_cell_ignored", reason, "warning"))
        return b""

    return CELL.sub(drop, DIMENSION.sub(b"", xml)), faults


def numbers_as_text(xml: bytes, rows: set[int], fmt: Callable[[float], str]) -> tuple[bytes, list[CellFault]]:
    """Numeric cells in ``rows`` that no date can hold, rewritten as inline text (``fmt`` of the number)."""
    faults: list[CellFault] = []

    def rewrite(match: re.Match[bytes]) -> bytes:
        row = int(match.group(2))
        value = VALUE.search(match.group(4) or b"")
        kind = TYPE.search(match.group(3))
        if row not in rows or value is None or (kind is not None and kind.group(1) != b"n"):
            return match.group(0)
        try:
            number = float(value.group(1))
        except ValueError:
            return match.group(0)
        if FIRST_DATE_SERIAL <= number <= LAST_DATE_SERIAL:
            return match.group(0)
        ref = (match.group(1) + match.group(2)).decode()
        text = fmt(number)
        faults.append(
            CellFault(
                row,
                ref,
                text,
                "unconvertible_cell",
                f"单元格 {ref} 的值 {text} 无法转换（超出 Excel 的日期范围）：这一行未导入，请改正后重新导入",
            )
        )
        return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), text.encode())

    return CELL.sub(rewrite, xml), faults


def rewritten(path: Path, replacements: dict[str, bytes]) -> io.BytesIO:
    """A copy of the workbook (in memory) with some members replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = replacements.get(info.filename)
            target.writestr(info.filename, data if data is not None else source.read(info.filename))
    out.seek(0)
    return out


MAX_PATCHED_ROWS = 200  # past this many unconvertible rows the file is called broken


@dataclass
class Repairs:
    """The copy of a workbook calamine reads: the file itself, or the file with some sheet members repaired."""

    path: Path
    members: dict[str, str] = field(default_factory=dict)  # sheet name -> member
    replacements: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, list[CellFault]] = field(default_factory=dict)  # sheet name -> what was repaired
    patched: int = 0

    @classmethod
    def plan(cls, path: Path, archive: zipfile.ZipFile, max_cells: int) -> Repairs:
        """Leave out far stray cells of every sheet that needs it; raise TooManyCells for a sheet too big."""
        keeps = plan_sheets(archive, max_cells)
        repairs = cls(path, sheet_members(archive))
        names = {member: name for name, member in repairs.members.items()}
        for member, keep in keeps.items():
            name = names.get(member, member)
            repairs.replacements[member], faults = drop_far_cells(archive.read(member), keep, name)
            repairs.faults.setdefault(name, []).extend(faults)
        return repairs

    def open(self) -> IO[bytes]:
        return rewritten(self.path, self.replacements) if self.replacements else self.path.open("rb")

    def patch(self, sheet: str, rows: set[int], fmt: Callable[[float], str]) -> bool:
        """After calamine panicked on one of ``rows``: rewrite their unconvertible numbers; False if none."""
        member = self.members.get(sheet)
        if not member or self.patched >= MAX_PATCHED_ROWS:
            return False
        xml = self.replacements.get(member)
        if xml is None:
            with zipfile.ZipFile(self.path) as archive:
                xml = archive.read(member)
        repaired, faults = numbers_as_text(xml, rows, fmt)
        if not faults:
            return False
        self.replacements[member] = repaired
        self.faults.setdefault(sheet, []).extend(faults)
        self.patched += 1
        return True


@contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """A Rust panic inside calamine prints its message (and a backtrace when RUST_BACKTRACE is set) straight to
    file descriptor 2; the clerk must see one Chinese sentence instead. Python's own stderr (Rich's progress)
    keeps writing to the terminal through a copy of the descriptor."""
    try:
        sys.stderr.flush()
        terminal = os.dup(2)
    except (AttributeError, OSError, ValueError):
        yield
        return
    previous = sys.stderr
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        sys.stderr = open(os.dup(terminal), "w", encoding=previous.encoding, errors="backslashreplace")
        try:
            yield
        finally:
            sys.stderr.flush()
            sys.stderr.close()
            sys.stderr = previous
            os.dup2(terminal, 2)
            os.close(terminal)
