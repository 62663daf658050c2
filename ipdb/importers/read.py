"""Read a spreadsheet file into one text grid per sheet, refusing broken or hostile files first.

No knowledge of list kinds lives here: finding the table inside a grid is table.py's job. The checks on a
workbook's zip or OLE container are in containers.py, the sentences of refusal in refusals.py.
Workbooks (.xlsx/.xls/.ods, told apart by their bytes, not by their extension) are read with
python-calamine's ``iter_rows()`` (shared/PERFORMANCE.md). CSV and tab-separated text are read with
the stdlib csv module, which keeps ragged rows whole where pandas would stop or shift the columns.
"""

from __future__ import annotations

import codecs
import csv
import mmap
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from ipdb.errors import InvalidValue, IpdbError, UnreadableFile
from ipdb.importers.cells import BLANKS, CONVERTERS, number_text
from ipdb.importers.containers import UTF16_BOMS, check_ole, check_zip
from ipdb.importers.delimited import read_records
from ipdb.importers.faults import CellFault
from ipdb.importers.isolated import ChildFailed, read_in_child
from ipdb.importers.refusals import (
    BAD_CSV,
    BAD_ENCODING,
    BAD_ENV,
    BROKEN,
    CANNOT_OPEN,
    EMPTY,
    ENCRYPTED,
    HUGE_RANGE,
    LOCK_FILE,
    MARKUP,
    NO_MEMORY,
    NOT_SPREADSHEET,
    TOO_BIG,
    TOO_MANY_ROWS,
    UNKNOWN_FORMAT,
    MiB,
    mib,
)
from ipdb.importers.sheet_scan import Repairs, TooManyCells, quiet_native_stderr

PROGRESS_EVERY = 5000
SNIFF_BYTES = 8192

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# An .xlsx with an opening password is an OLE2 (CFB) container holding these streams.
NOT_SPREADSHEET_MAGICS = (
    (b"%PDF", "PDF 文档"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"{\\rtf", "RTF 文档"),
)
TEXT_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
TEXT_ENCODINGS = ("utf-8", "gb18030")  # GB18030 is a superset of GBK and GB2312


@dataclass(frozen=True)
class ReadLimits:
    max_file_bytes: int = 200 * MiB  # refuse larger files before reading
    max_unzipped_bytes: int = 1024 * MiB  # xlsx/ods: sum of declared uncompressed member sizes
    max_ratio: int = 200  # refuse a member compressed more than this (when over 10 MiB unpacked)
    max_rows: int = 2_000_000
    # calamine allocates rows x columns cells in one go: a stray value in XFD1048576 aborts the
    # whole process (a Rust allocation failure cannot be caught), so huge ranges are refused first.
    max_cells: int = 50_000_000


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True)
class RawSheet:
    name: str
    rows: list[tuple[str | None, ...]]  # every row of the used range, all one length; text, None when empty
    row_numbers: list[int]  # the Excel row number (1-based) of each row in `rows`
    # merged ranges (row0, col0, row1, col1), 0-based inclusive; row = index into `rows`, col 0 = column A
    merged: tuple[tuple[int, int, int, int], ...] = ()
    faults: tuple[CellFault, ...] = ()  # rows the reader found damaged (rejects) or cells it left out (warnings)
    hidden: bool = False  # hidden in Excel (its rows are imported all the same; the report says so)


Progress = Callable[[int], None]
Reader = Callable[["_Job"], list[RawSheet]]


@dataclass
class _Job:
    """One read in progress: the file, its limits, and rows reported so far across sheets."""

    path: Path
    limits: ReadLimits
    on_progress: Progress | None
    rows_done: int = 0

    def tick(self, rows_in_sheet: int) -> None:
        if self.on_progress is not None:
            self.on_progress(self.rows_done + rows_in_sheet)

    def refuse(self, template: str, **fields: object) -> UnreadableFile:
        return UnreadableFile(template.format(name=self.path.name, **fields))


def limits_from_env(environ: Mapping[str, str] | None = None) -> ReadLimits:
    """Default limits, with IPDB_MAX_FILE_MB / IPDB_MAX_UNZIPPED_MB applied when set."""
    environ = os.environ if environ is None else environ
    return ReadLimits(
        max_file_bytes=_env_mib(environ, "IPDB_MAX_FILE_MB", DEFAULT_LIMITS.max_file_bytes),
        max_unzipped_bytes=_env_mib(environ, "IPDB_MAX_UNZIPPED_MB", DEFAULT_LIMITS.max_unzipped_bytes),
    )


def _env_mib(environ: Mapping[str, str], var: str, default: int) -> int:
    value = environ.get(var, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) == 0:
        raise InvalidValue(BAD_ENV.format(var=var, value=value))
    return int(value) * MiB


def read_file(
    path: Path, *, limits: ReadLimits = DEFAULT_LIMITS, on_progress: Progress | None = None
) -> list[RawSheet]:
    """Every sheet of the file as text rows; raise UnreadableFile (Chinese, with the fix) otherwise."""
    job = _Job(Path(path), limits, on_progress)
    head = _read_head(job)
    return _READERS[_sniff_format(job, head)](job)


# ------------------------------------------------------------------ telling formats apart


def _read_head(job: _Job) -> bytes:
    if job.path.name.startswith("~$"):
        raise job.refuse(LOCK_FILE)
    try:
        size = job.path.stat().st_size
        with job.path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError as exc:
        raise job.refuse(CANNOT_OPEN) from exc
    if size == 0:
        raise job.refuse(EMPTY)
    if size > job.limits.max_file_bytes:
        raise job.refuse(TOO_BIG, size=mib(size), limit=mib(job.limits.max_file_bytes))
    return head


def _sniff_format(job: _Job, head: bytes) -> str:
    if head.startswith(ZIP_MAGICS):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    for magic, what in NOT_SPREADSHEET_MAGICS:
        if head.startswith(magic):
            raise job.refuse(NOT_SPREADSHEET, what=what)
    if not _looks_like_text(head):
        raise job.refuse(UNKNOWN_FORMAT)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise job.refuse(MARKUP)  # many government systems export an HTML table named .xls
    return "text"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith(UTF16_BOMS):
        return True
    return b"\x00" not in head and any(_decodes(head, encoding) for encoding in TEXT_ENCODINGS)


def _decodes(head: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(head, final=False)  # head may end mid-character
    except UnicodeDecodeError:
        return False
    return True


@contextmanager
def _unreadable_on_error(job: _Job) -> Iterator[None]:
    """Turn any failure of the file libraries into one Chinese sentence; the cause stays chained."""
    try:
        yield
    except (IpdbError, _Panicked):
        raise
    except PasswordError as exc:
        raise job.refuse(ENCRYPTED) from exc
    except MemoryError as exc:
        raise job.refuse(NO_MEMORY) from exc
    except Exception as exc:  # calamine, zipfile, zlib and OS errors all mean "cannot read" to the user
        raise job.refuse(ENCRYPTED if "password" in str(exc).lower() else BROKEN) from exc
    except BaseException as exc:
        # A Rust panic inside calamine (e.g. a truncated .xls record) arrives as pyo3's PanicException,
        # which derives from BaseException; Ctrl+C and SystemExit must still pass through.
        if type(exc).__name__ != "PanicException":
            raise
        raise job.refuse(BROKEN) from exc


# ------------------------------------------------------------------ containers (checks in containers.py)


def _read_zip(job: _Job) -> list[RawSheet]:
    with _unreadable_on_error(job), zipfile.ZipFile(job.path) as archive:
        check_zip(job, archive)
        try:
            repairs = Repairs.plan(job.path, archive, job.limits.max_cells)
        except TooManyCells as exc:
            raise job.refuse(HUGE_RANGE, ref=exc.ref, cells=exc.cells) from None
    return _read_workbook(job, repairs)


def _read_ole(job: _Job) -> list[RawSheet]:
    with _unreadable_on_error(job), job.path.open("rb") as f:
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:  # no copy of a 200 MB file
            check_ole(job, data)
    try:
        read = read_in_child(job.path)
    except ChildFailed:
        raise job.refuse(BROKEN) from None
    if read is None:
        return _read_workbook(job)
    sheets = []
    for sheet in read:
        worksheet, hidden = sheet.typ == str(SheetTypeEnum.WorkSheet), sheet.visible != str(SheetVisibleEnum.Visible)
        sheets.append(_read_sheet(job, sheet.name, hidden, sheet if worksheet else None))
        job.rows_done += len(sheets[-1].rows)
    return sheets


# ------------------------------------------------------------------ workbooks via calamine


class _Panicked(Exception):
    """calamine panicked while converting one of ``rows`` of ``sheet`` (an unconvertible cell)."""

    def __init__(self, sheet: str, rows: set[int]) -> None:
        super().__init__(sheet)
        self.sheet, self.rows = sheet, rows


def _read_workbook(job: _Job, repairs: Repairs | None = None) -> list[RawSheet]:
    repairs = repairs or Repairs(job.path)
    while True:
        job.rows_done = 0
        try:
            return _read_sheets(job, repairs)
        except _Panicked as panic:
            if not repairs.patch(panic.sheet, panic.rows, number_text):
                raise job.refuse(BROKEN) from None


def _read_sheets(job: _Job, repairs: Repairs) -> list[RawSheet]:
    sheets = []
    # from_filelike sniffs the content, so a renamed file (.xlsx saved as .xls) still opens.
    with (
        _unreadable_on_error(job),
        quiet_native_stderr(),
        repairs.open() as f,
        CalamineWorkbook.from_filelike(f) as book,
    ):
        for meta in book.sheets_metadata:
            worksheet, hidden = meta.typ == SheetTypeEnum.WorkSheet, meta.visible != SheetVisibleEnum.Visible
            sheet = _read_sheet(job, meta.name, hidden, book.get_sheet_by_name(meta.name) if worksheet else None)
            sheets.append(replace(sheet, faults=tuple(repairs.faults.get(meta.name, ()))))
            job.rows_done += len(sheets[-1].rows)
    return sheets


def _read_sheet(job: _Job, name: str, hidden: bool, sheet: Any) -> RawSheet:
    """One sheet from calamine: its CalamineSheet, the child's copy of it, or None for a chart or macro sheet."""
    if sheet is None or sheet.start is None or sheet.end is None:
        return RawSheet(name, [], [])
    (top, _), (bottom, right) = sheet.start, sheet.end
    _check_extent(job, name, bottom - top + 1, right + 1)
    rows: list[tuple[str | None, ...]] = []
    try:
        _convert_rows(job, sheet.iter_rows(), right + 1, rows)
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        # iter_rows is lazy: the row after the last one converted holds the cell (numbered from row 1 or top)
        raise _Panicked(name, {len(rows) + 1, top + len(rows) + 1}) from exc
    # python-calamine 0.9 also yields the blank rows above the used range; count from the bottom,
    # which is right whether or not a version does so.
    first = bottom + 1 - len(rows)
    del rows[: max(top - first, 0)]
    first = max(first, top)
    numbers = list(range(first + 1, first + 1 + len(rows)))
    merged = _merged_ranges(sheet.merged_cell_ranges, first, len(rows), right + 1)
    return RawSheet(name, rows, numbers, merged, hidden=hidden)


def _check_extent(job: _Job, sheet: str, rows: int, cols: int) -> None:
    if rows > job.limits.max_rows:
        raise job.refuse(TOO_MANY_ROWS, sheet=sheet, limit=job.limits.max_rows)
    if rows * cols > job.limits.max_cells:
        raise job.refuse(HUGE_RANGE, ref=f"{rows} 行、{cols} 列", cells=rows * cols)


def _convert_rows(job: _Job, rows: Iterable[list[Any]], width: int, out: list[tuple[str | None, ...]]) -> None:
    convert, blanks = CONVERTERS, BLANKS
    pad: tuple[None, ...] | None = None
    for row in rows:
        if pad is None:  # iter_rows starts at the first used column; pad so that index 0 is column A
            pad = (None,) * (width - len(row))
        # str is by far the commonest cell type, so it skips the dispatch table (inlined _text)
        cells = [(v.strip(blanks) or None) if type(v) is str else convert[type(v)](v) for v in row]
        out.append(pad + tuple(cells))
        if len(out) % PROGRESS_EVERY == 0:
            job.tick(len(out))


def _merged_ranges(
    ranges: list[tuple[tuple[int, int], tuple[int, int]]] | None, first_row: int, row_count: int, width: int
) -> tuple[tuple[int, int, int, int], ...]:
    """calamine's absolute ((r0, c0), (r1, c1)) ranges, shifted to row indexes into `rows` and clipped to the
    grid (a title merged across A:Z above a table of four columns is an ordinary government layout)."""
    out = []
    for (r0, c0), (r1, c1_) in ranges or ():
        top, bottom = max(r0 - first_row, 0), min(r1 - first_row, row_count - 1)
        c1 = min(c1_, width - 1)
        if top <= bottom and c0 <= c1 and (top, c0) != (bottom, c1):
            out.append((top, c0, bottom, c1))
    return tuple(sorted(out))


# ------------------------------------------------------------------ CSV and tab-separated text


def _read_text(job: _Job) -> list[RawSheet]:
    with _unreadable_on_error(job):
        text = _decode(job)
        # a long abstract or a 32767-character search query must not trip the 128 KiB default
        csv.field_size_limit(max(csv.field_size_limit(), len(text)))
        try:
            rows, faults = read_records(text, _delimiter(text), BLANKS, lambda count: _text_progress(job, count))
        except csv.Error as exc:
            raise job.refuse(BAD_CSV, line=getattr(exc, "line", "?")) from exc
    _check_rows(job, len(rows))
    width = max(map(len, rows), default=0)
    rows = [row + (None,) * (width - len(row)) for row in rows]  # short (ragged) rows padded, never shifted
    if not any(any(row) for row in rows):
        rows = []
    return [RawSheet(job.path.stem, rows, list(range(1, len(rows) + 1)), faults=tuple(faults))]


def _decode(job: _Job) -> str:
    data = job.path.read_bytes()
    encodings = [enc for bom, enc in TEXT_BOMS if data.startswith(bom)][:1] or TEXT_ENCODINGS
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise job.refuse(BAD_ENCODING)


def _delimiter(text: str) -> str:
    sample = text[:SNIFF_BYTES]
    return "\t" if sample.count("\t") > sample.count(",") else ","


def _text_progress(job: _Job, count: int) -> None:
    if count % PROGRESS_EVERY == 0:
        _check_rows(job, count)
        job.tick(count)


def _check_rows(job: _Job, count: int) -> None:
    if count > job.limits.max_rows:
        raise job.refuse(TOO_MANY_ROWS, sheet=job.path.stem, limit=job.limits.max_rows)


_READERS: dict[str, Reader] = {"zip": _read_zip, "ole": _read_ole, "text": _read_text}
