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

import csv
import io
import itertools
from collections import Counter
from collections.abc import Callable

from ipdb.importers.faults import CellFault, shorten

HEADER_SCAN = 15  # the header is among the first records, as table.py assumes
Row = tuple[str | None, ...]


def read_records(
    text: str, delimiter: str, blanks: str, on_row: Callable[[int], None]
) -> tuple[list[Row], list[CellFault]]:
    """Every record as a row of stripped text (None when empty), and the faults found; ``on_row(count)``
    is called after each record (progress and row limits)."""
    lines = io.StringIO(text, newline="").readlines()
    rows: list[Row] = []
    faults: list[CellFault] = []
    widths: Counter[int] = Counter()  # field counts of the one-line records read so far
    start: int | None = 0
    while start is not None:
        start = _read_from(lines, start, delimiter, blanks, rows, faults, widths, on_row)
    expected = _expected_width(rows, widths)
    faults.extend(_extra_fields(rows, expected, {f.row for f in faults}))
    if rows and not text.endswith(("\n", "\r")) and _used(rows[-1]) < expected and len(rows) > 1:
        faults.append(_truncated(len(rows), rows[-1], expected))
    return rows, faults


def _read_from(
    lines: list[str],
    start: int,
    delimiter: str,
    blanks: str,
    rows: list[Row],
    faults: list[CellFault],
    widths: Counter[int],
    on_row: Callable[[int], None],
) -> int | None:
    """Read records from physical line ``start``; the line to restart from after an unclosed quote, else None."""
    reader = csv.reader(itertools.islice(lines, start, None), delimiter=delimiter)
    first = start
    for record in reader:
        last = start + reader.line_num  # this record is physical lines [first, last)
        if last - first > 1 and _swallows(lines[first + 1 : last], delimiter, widths):
            rows.append(_cells(lines[first].rstrip("\r\n").split(delimiter), blanks))
            faults.append(_unclosed(len(rows), first + 1, lines[first], last - first - 1))
            on_row(len(rows))
            return first + 1
        if last - first == 1:
            widths[len(record)] += 1
        rows.append(_cells(record, blanks))
        on_row(len(rows))
        first = last
    return None


def _cells(record: list[str], blanks: str) -> Row:
    return tuple([value.strip(blanks) or None for value in record])


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


def _expected_width(rows: list[Row], widths: Counter[int]) -> int:
    """The header's field count: the commonest record length, or the first record at least that long (the
    header, above shorter data rows) when it is longer. Title lines above the header are shorter."""
    common = widths.most_common(1)[0][0] if widths else 0
    header = next((_used(row) for row in rows[:HEADER_SCAN] if _used(row) >= common), 0)
    return max(common, header)


def _extra_fields(rows: list[Row], expected: int, faulty: set[int]) -> list[CellFault]:
    found = []
    for number, row in enumerate(rows, start=1):
        used = _used(row)
        if used > expected and number not in faulty:
            found.append(
                CellFault(
                    number,
                    "",
                    shorten(",".join(cell or "" for cell in row)),
                    "csv_extra_fields",
                    f"第 {number} 行有 {used} 列，比表头多 {used - expected} 列（多半是某个值里有未加引号的逗号），"
                    f"各列已错位：这一行未导入，请改正后重新导入",
                )
            )
    return found


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
    return CellFault(
        number,
        "",
        shorten(",".join(cell or "" for cell in row)),
        "csv_truncated",
        f"文件在第 {number} 行中间就结束了（只有 {_used(row)} 列，应有 {expected} 列），文件可能不完整："
        f"这一行未导入，请向报送单位重新索取完整文件",
    )
