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
import itertools
import mmap
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from ipdb.errors import InvalidValue, IpdbError
from ipdb.importers.cells import BLANKS, converters, number_text
from ipdb.importers.containers import UTF16_BOMS, check_ole, check_zip
from ipdb.importers.delimited import TEXT_ENCODINGS, delimiter_of, read_records, records, text_encoding, text_lines
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
from ipdb.importers.sheets import DEFAULT_LIMITS, PROGRESS_EVERY, Job, RawSheet, ReadAgain, ReadLimits, lazy_sheet

__all__ = ["DEFAULT_LIMITS", "RawSheet", "ReadAgain", "ReadLimits", "limits_from_env", "read_file"]
Progress = Callable[[int], None]
Reader = Callable[[Job], list[RawSheet]]

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
    path: Path,
    *,
    limits: ReadLimits = DEFAULT_LIMITS,
    on_progress: Progress | None = None,
    chunk_rows: int | None = None,
) -> list[RawSheet]:
    """Every sheet of the file as text rows; raise UnreadableFile (Chinese, with the fix) otherwise.

    With ``chunk_rows`` each sheet is read as it is consumed: its head in ``rows``, the rest in chunks of that
    many rows from ``rest`` (raising ReadAgain when a cell needs the repair only a whole read makes)."""
    job = Job(Path(path), limits, on_progress, chunk_rows)
    head = _read_head(job)
    return _READERS[_sniff_format(job, head)](job)


# ------------------------------------------------------------------ telling formats apart


def _read_head(job: Job) -> bytes:
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


def _sniff_format(job: Job, head: bytes) -> str:
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
def _unreadable_on_error(job: Job) -> Iterator[None]:
    """Turn any failure of the file libraries into one Chinese sentence; the cause stays chained."""
    try:
        yield
    except (IpdbError, _Panicked, ReadAgain):
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


def _read_zip(job: Job) -> list[RawSheet]:
    with _unreadable_on_error(job), zipfile.ZipFile(job.path) as archive:
        check_zip(job, archive)
        try:
            repairs = Repairs.plan(job.path, archive, job.limits.max_cells)
        except TooManyCells as exc:
            raise job.refuse(HUGE_RANGE, ref=exc.ref, cells=exc.cells) from None
    return _read_workbook(job, repairs)


def _read_ole(job: Job) -> list[RawSheet]:
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


def _read_workbook(job: Job, repairs: Repairs | None = None) -> list[RawSheet]:
    repairs = repairs or Repairs(job.path)
    while True:
        job.rows_done = 0
        try:
            return _read_sheets(job, repairs)
        except _Panicked as panic:
            if not repairs.patch(panic.sheet, panic.rows, number_text):
                raise job.refuse(BROKEN) from None


def _read_sheets(job: Job, repairs: Repairs) -> list[RawSheet]:
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


def _read_sheet(job: Job, name: str, hidden: bool, sheet: Any) -> RawSheet:
    """One sheet from calamine: its CalamineSheet, the child's copy of it, or None for a chart or macro sheet."""
    if sheet is None or sheet.start is None or sheet.end is None:
        return RawSheet(name, [], [])
    (top, _), (bottom, right) = sheet.start, sheet.end
    _check_extent(job, name, bottom - top + 1, right + 1)
    if job.chunk_rows is not None:
        merged = _merged_ranges(sheet.merged_cell_ranges, top, bottom - top + 1, right + 1)
        lazy = _from_top(_converted(job, name, sheet.iter_rows(), right + 1), top)
        return lazy_sheet(job, name, lazy, top + 1, bottom - top + 1, merged, (), hidden)
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


def _converted(job: Job, name: str, rows: Iterator[list[Any]], width: int) -> Iterator[tuple[str | None, ...]]:
    """The sheet's rows converted chunk by chunk, a panic of calamine's (an unconvertible cell) as ReadAgain."""
    size, convert = job.chunk_rows or PROGRESS_EVERY, converters()  # one date cache for every chunk
    while True:
        chunk: list[tuple[str | None, ...]] = []
        with _unreadable_on_error(job), quiet_native_stderr():
            try:
                _convert_rows(None, itertools.islice(rows, size), width, chunk, convert)
            except BaseException as exc:
                if type(exc).__name__ != "PanicException":
                    raise
                raise ReadAgain(name) from exc
        yield from chunk
        if len(chunk) < size:
            return


def _from_top(rows: Iterator[tuple[str | None, ...]], top: int) -> Iterator[tuple[str | None, ...]]:
    """The rows from the used range's top: python-calamine 0.9 yields the blank rows above it too (a version
    that starts at the top yields a row with text first, where 0.9 yields a blank row 1)."""
    first = next(rows, None)
    if first is None:
        return
    if top and not any(first):
        for _ in itertools.islice(rows, top - 1):
            pass
    else:
        yield first
    yield from rows


def _check_extent(job: Job, sheet: str, rows: int, cols: int) -> None:
    if rows > job.limits.max_rows:
        raise job.refuse(TOO_MANY_ROWS, sheet=sheet, limit=job.limits.max_rows)
    if rows * cols > job.limits.max_cells:
        raise job.refuse(HUGE_RANGE, ref=f"{rows} 行、{cols} 列", cells=rows * cols)


def _convert_rows(
    job: Job | None,
    rows: Iterable[list[Any]],
    width: int,
    out: list[tuple[str | None, ...]],
    convert: Mapping[type, Callable[[Any], str | None]] | None = None,
) -> None:
    convert, blanks = converters() if convert is None else convert, BLANKS
    pad: tuple[None, ...] | None = None
    for row in rows:
        if pad is None:  # iter_rows starts at the first used column; pad so that index 0 is column A
            pad = (None,) * (width - len(row))
        # str is by far the commonest cell type, so it skips the dispatch table (inlined _text)
        cells = [(v.strip(blanks) or None) if type(v) is str else convert[type(v)](v) for v in row]
        out.append(pad + tuple(cells))
        if job is not None and len(out) % PROGRESS_EVERY == 0:
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


def _read_text(job: Job) -> list[RawSheet]:
    with _unreadable_on_error(job):
        encoding = text_encoding(job.path)
        if encoding is None:
            raise job.refuse(BAD_ENCODING)
        csv.field_size_limit(max(csv.field_size_limit(), job.path.stat().st_size))  # a long abstract in one cell
        delimiter = delimiter_of(job.path, encoding)
        try:
            scan = read_records(
                lambda: text_lines(job.path, encoding),
                delimiter,
                BLANKS,
                lambda count: _text_progress(job, count),
                keep=job.chunk_rows is None,
            )
        except csv.Error as exc:
            raise job.refuse(BAD_CSV, line=getattr(exc, "line", "?")) from exc
    _check_rows(job, scan.count)
    if scan.blank:
        return [RawSheet(job.path.stem, [], [], faults=tuple(scan.faults))]
    width, faults = scan.width, tuple(scan.faults)
    if job.chunk_rows is None:
        rows = [row + (None,) * (width - len(row)) for row in scan.rows]  # short (ragged) rows padded, never shifted
        return [RawSheet(job.path.stem, rows, list(range(1, len(rows) + 1)), faults=faults)]
    padded = (row + (None,) * (width - len(row)) for row in records(text_lines(job.path, encoding), delimiter, BLANKS))
    return [lazy_sheet(job, job.path.stem, padded, 1, scan.count, (), faults)]


def _text_progress(job: Job, count: int) -> None:
    if count % PROGRESS_EVERY == 0:
        _check_rows(job, count)
        job.tick(count)


def _check_rows(job: Job, count: int) -> None:
    if count > job.limits.max_rows:
        raise job.refuse(TOO_MANY_ROWS, sheet=job.path.stem, limit=job.limits.max_rows)


_READERS: dict[str, Reader] = {"zip": _read_zip, "ole": _read_ole, "text": _read_text}
