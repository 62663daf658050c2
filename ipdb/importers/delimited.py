"""CSV and tab-separated records, read strictly enough to notice damage (issue 9, item 1).

The csv module is lenient: a quote that opens and never closes swallows every later line into one cell, and
a file cut off mid-record yields a half record. Here each record is checked against the file's own shape:

* a record spanning several physical lines whose inner lines look like whole records of this file is an
  unclosed quote: that record's first line becomes a reject and reading resumes on the next line, so the
  swallowed rows are read as rows again;
* a record with more fields than the header (a comma inside an unquoted value shifts every later column) is
  a reject;
* a last record shorter than the file's records, in a file that does not end with a line break, was cut off.

Equal-length ragged rows (every row short of the header, as some exports write them) stay readable.
"""

from __future__ import annotations

import codecs
import csv
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ipdb.importers.faults import CellFault, shorten

HEADER_SCAN = 15  # the header is among the first records, as table.py assumes
SNIFF_CHARS = 8192  # the delimiter is the commoner of tab and comma in the file's first characters
TEXT_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
TEXT_ENCODINGS = ("utf-8", "gb18030")  # GB18030 is a superset of GBK and GB2312
Row = tuple[str | None, ...]


@dataclass
class Scan:
    """What one pass over a file's records found: the faults (by row), the widest record, the row count."""

    faults: list[CellFault] = field(default_factory=list)
    width: int = 0
    count: int = 0
    blank: bool = True  # no record holds any text
    rows: list[Row] = field(default_factory=list)  # every row, when the pass keeps them


def read_records(
    lines: Callable[[], Iterable[str]], delimiter: str, blanks: str, on_row: Callable[[int], None], *, keep: bool = True
) -> Scan:
    """Every record of the physical lines ``lines()`` gives (line ends kept) as a row of stripped text (None when
    empty), and the faults found; ``on_row(count)`` is called after each record (progress and row limits).
    Without ``keep`` the rows are only looked at, not kept: ``records`` reads them again, in chunks."""
    scan = Scan()
    used = array("L")  # each row's used width: a row wider than the file's records is a reject
    widths: Counter[int] = Counter()  # field counts of the one-line records read so far
    head: list[Row] = []
    last: tuple[list[str], str] = ([], "")
    for record, fault, line in _records(iter(lines()), delimiter, widths):
        scan.count += 1
        if fault is not None:
            scan.faults.append(fault)
        if keep:
            scan.rows.append(_cells(record, blanks))
        used.append(_used_text(record, blanks))
        scan.width = max(scan.width, len(record))
        scan.blank = scan.blank and not any(value.strip(blanks) for value in record)
        if len(head) < HEADER_SCAN:
            head.append(_cells(record, blanks))
        last = (record, line)
        on_row(scan.count)
    expected = _expected_width(head, widths)
    wide = [n for n, width in enumerate(used, start=1) if width > expected and n not in {f.row for f in scan.faults}]
    if wide:  # rare: a damaged file; the rows' text is read again unless the rows were kept
        found = scan.rows if keep else _rows_numbered(records(lines(), delimiter, blanks), set(wide))
        scan.faults.extend(_extra(n, used[n - 1], expected, found[n - 1]) for n in wide)
    row, line = _cells(last[0], blanks), last[1]
    if scan.count > 1 and not line.endswith(("\n", "\r")) and _used(row) < expected:
        scan.faults.append(_truncated(scan.count, row, expected))
    return scan


def records(lines: Iterable[str], delimiter: str, blanks: str) -> Iterator[Row]:
    """The rows ``read_records`` reads, one by one (its faults are not told again)."""
    for record, _, _ in _records(iter(lines), delimiter, Counter()):
        yield _cells(record, blanks)


def _records(
    lines: Iterator[str], delimiter: str, widths: Counter[int]
) -> Iterator[tuple[list[str], CellFault | None, str]]:
    """(fields, its unclosed-quote fault or None, its last physical line) of each record. A record spanning
    several lines whose inner lines look like whole records is an unclosed quote: its first line becomes the
    row, and reading resumes on the line after it, so the swallowed rows are read as rows again."""
    pending: deque[str] = deque()  # lines to read again after an unclosed quote
    taken: list[str] = []  # the physical lines of the record being read
    first = count = 0  # physical line index of the record's first line; records so far

    def source() -> Iterator[str]:
        while True:
            line = pending.popleft() if pending else next(lines, None)
            if line is None:
                return
            taken.append(line)
            yield line

    while True:
        restarted = False
        for record in csv.reader(source(), delimiter=delimiter):
            inner, taken[:] = taken[1:], taken[:1]
            count += 1
            if inner and _swallows(inner, delimiter, widths):
                fields = taken[0].rstrip("\r\n").split(delimiter)
                yield fields, _unclosed(count, first + 1, taken[0], len(inner)), taken[0]
                pending.extendleft(reversed(inner))
                first += 1
                taken.clear()
                restarted = True
                break
            if not inner:
                widths[len(record)] += 1
            yield record, None, (inner or taken)[-1]
            first += 1 + len(inner)
            taken.clear()
        if not restarted:
            return


def _cells(record: list[str], blanks: str) -> Row:
    return tuple([value.strip(blanks) or None for value in record])


def _used_text(record: list[str], blanks: str) -> int:
    """``_used`` of the record's row, without making the row."""
    width = len(record)
    while width and not record[width - 1].strip(blanks):
        width -= 1
    return width


def _swallows(inner: list[str], delimiter: str, widths: Counter[int]) -> bool:
    """Whether the lines inside one multi-line record look like whole records of this file."""
    expected = widths.most_common(1)[0][0] if widths else 0
    for line in inner:
        fields = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
        if len(fields) >= 3 and (not expected or len(fields) == expected):
            return True
    return False


def _used(row: Row) -> int:
    width = len(row)
    while width and row[width - 1] is None:
        width -= 1
    return width


def _expected_width(head: list[Row], widths: Counter[int]) -> int:
    """The header's field count: the commonest record length, or the first record at least that long (the
    header, above shorter data rows) when it is longer. Title lines above the header are shorter."""
    common = widths.most_common(1)[0][0] if widths else 0
    header = next((_used(row) for row in head if _used(row) >= common), 0)
    return max(common, header)


def _rows_numbered(rows: Iterable[Row], wanted: set[int]) -> dict[int, Row]:
    """The rows numbered ``wanted`` (zero-based keys: the row numbered n under n - 1)."""
    return {n - 1: row for n, row in enumerate(rows, start=1) if n in wanted}


def _row_fault(number: int, row: Row, code: str, reason: str) -> CellFault:
    return CellFault(number, "", shorten(",".join(cell or "" for cell in row)), code, reason)


def _extra(number: int, used: int, expected: int, row: Row) -> CellFault:
    reason = (
        f"第 {number} 行有 {used} 列，比表头多 {used - expected} 列（多半是某个值里有未加引号的逗号），"
        f"各列已错位：这一行未导入，请改正后重新导入"
    )
    return _row_fault(number, row, "csv_extra_fields", reason)


def _unclosed(number: int, line: int, text: str, swallowed: int) -> CellFault:
    return CellFault(
        number,
        "",
        shorten(text),
        "csv_unclosed_quote",
        f"第 {number} 行（文件第 {line} 行）有一个引号没有闭合，会把其后 {swallowed} 行并进一个单元格："
        f"这一行未导入，其后各行已照常读取",
    )


def _truncated(number: int, row: Row, expected: int) -> CellFault:
    reason = (
        f"文件在第 {number} 行中间就结束了（只有 {_used(row)} 列，应有 {expected} 列），文件可能不完整："
        f"这一行未导入，请向报送单位重新索取完整文件"
    )
    return _row_fault(number, row, "csv_truncated", reason)


def text_encoding(path: Path) -> str | None:
    """The file's encoding: its BOM's, else the first of TEXT_ENCODINGS that decodes all of it (None: neither)."""
    with path.open("rb") as f:
        head = f.read(4)
    for bom, encoding in TEXT_BOMS:
        if head.startswith(bom):
            return encoding
    for encoding in TEXT_ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as f:
                while block := f.read(1 << 20):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def text_lines(path: Path, encoding: str) -> Iterator[str]:
    """The file's physical lines, line ends kept (\\n, \\r\\n and \\r alike), read as they are needed."""
    with path.open(encoding=encoding, newline="") as f:
        yield from f


def delimiter_of(path: Path, encoding: str) -> str:
    with path.open(encoding=encoding, newline="") as f:
        sample = f.read(SNIFF_CHARS)
    return "\t" if sample.count("\t") > sample.count(",") else ","
