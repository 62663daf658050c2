"""Find the table on a raw sheet: its header row(s), the title lines above, data rows and rows to skip.

The header row is the one with the most labels the caller recognises (domain.md §6.6); nothing here
knows about list kinds. Two-level headers (a merged super-header over sub-labels, domain.md §6.5)
are joined as 'upper/lower'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from ipdb.importers.faults import CellFault
from ipdb.importers.read import RawSheet
from ipdb.importers.row_text import (
    COLONS,
    NOTE_PREFIXES,
    TOTAL_COLUMNS,
    TOTAL_LABELS,
    TOTAL_SUFFIXES,
    clean_label,
    is_note,
    is_total_label,
    row_key,
    title_of,
    used_width,
)

# First characters of the labels above: (row_text.py) cheap screens that keep the per-row checks fast on 100k rows.
TOTAL_HEADS = frozenset(label[0] for label in TOTAL_LABELS)
TOTAL_ENDS = frozenset(suffix[-1] for suffix in TOTAL_SUFFIXES) | {":", "："}
NOTE_HEADS = frozenset(prefix[0] for prefix in NOTE_PREFIXES)
NUMERIC_MARKS = str.maketrans("", "", ",.-/%:+ ")

SKIP_TOTAL = "合计行"
SKIP_NOTE = "说明行"
SKIP_REPEATED_HEADER = "重复的表头行"
SKIP_SECTION = "分节标题行"

Cells = Sequence[str | None]
T = TypeVar("T")
Span = tuple[int, int]  # first and last column, inclusive


class DataRow(NamedTuple):
    """One data row (a tuple: a first import builds one a row, half the cost of a frozen dataclass)."""

    number: int  # Excel row number
    cells: tuple[str | None, ...]  # aligned with Table.headers
    # cells filled down from a merged cell: column index -> Excel row number of the merged cell's top row
    merged: dict[int, int] | None = None


@dataclass(frozen=True)
class SkippedRow:
    number: int
    reason: str  # SKIP_TOTAL, SKIP_NOTE, SKIP_REPEATED_HEADER or SKIP_SECTION
    # total and note rows: their cells, to check the file's own totals (not part of what the row *is*)
    cells: tuple[str | None, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Table:
    sheet: str
    headers: tuple[str, ...]  # one label per column, index 0 = column A; '' for an unlabelled column
    header_rows: tuple[int, ...]  # Excel row numbers of the header row(s)
    title: str  # text of the rows above the header, joined with ' '
    rows: tuple[DataRow, ...]  # data rows, blank rows dropped
    skipped: tuple[SkippedRow, ...]  # total rows, note rows, repeated header rows, section titles
    faults: tuple[CellFault, ...] = ()  # what the reader found (RawSheet.faults)


@dataclass(frozen=True)
class _Header:
    top: int  # index into sheet.rows of the first header row
    bottom: int  # index of the last header row (== top for a one-row header)
    labels: list[str]


def locate_table(
    sheet: RawSheet, is_known: Callable[[str], bool], *, scan_rows: int = 15, min_known: int = 2
) -> Table | None:
    """The table on `sheet`, or None when no row among the first `scan_rows` has `min_known` known labels."""
    found = find_table(sheet, is_known, scan_rows=scan_rows, min_known=min_known)
    return found.whole() if found is not None else None


def find_table(
    sheet: RawSheet, is_known: Callable[[str], bool], *, scan_rows: int = 15, min_known: int = 2
) -> TableReader | None:
    """The table whose header is on the head of `sheet` (all of it, or the head of a sheet read in chunks)."""
    found = _find_header_row(sheet.rows, is_known, scan_rows, min_known)
    if found is None:
        return None
    return TableReader(sheet, _read_header(sheet, found))


class TableReader:
    """A table located by its header, its body read chunk by chunk (``chunks``) or at once (``whole``).

    Each chunk is a Table of its own data and skipped rows, under the same header; the rules that tell the rows
    apart look at one row at a time, and merged cells running on into later chunks are carried over, so any
    chunking gives the rows one whole read gives (only the width of each chunk's row tuples may differ)."""

    def __init__(self, sheet: RawSheet, header: _Header) -> None:
        self.sheet, self.header = sheet, header
        self.rules = _SkipRules.for_header(sheet, header)
        self.damaged = {f.row for f in sheet.faults if f.severity == "reject"}  # rejected whatever they look like
        below = [m for m in sheet.merged if m[2] > m[0] > header.bottom]  # vertical merges in the body
        self.merges = below
        self.tops: dict[tuple[int, int, int, int], tuple[str, int]] = {}  # merge -> (its text, its row number)
        self.header_rows = tuple(sheet.row_numbers[header.top : header.bottom + 1])
        self.title = title_of(sheet.rows[: header.top])
        self.head = self._table([], [], _label_width(header.labels))  # the header alone, before any row
        self.size = (sheet.height or len(sheet.rows)) - (header.bottom + 1)  # rows below the header

    def whole(self) -> Table:
        rows, numbers = list(self.sheet.rows), list(self.sheet.row_numbers)
        for chunk, chunk_numbers in self.sheet.rest:
            rows.extend(chunk)
            numbers.extend(chunk_numbers)
        start = self.header.bottom + 1
        return self._chunk(rows[start:], numbers[start:], start)

    def chunks(self, size: int) -> Iterator[Table]:
        """The body in chunks of at most `size` rows: the head's rows below the header, then the rest's."""
        start = self.header.bottom + 1
        for at in range(start, len(self.sheet.rows), size):
            yield self._chunk(self.sheet.rows[at : at + size], self.sheet.row_numbers[at : at + size], at)
        at = len(self.sheet.rows)
        for rows, numbers in self.sheet.rest:
            yield self._chunk(rows, numbers, at)
            at += len(rows)

    def _chunk(self, rows: Sequence[Cells], numbers: list[int], start: int) -> Table:
        """The data and skipped rows of `rows`, which are the sheet's rows from index `start` on."""
        kept: list[int] = []
        skipped: list[SkippedRow] = []
        for offset, cells in enumerate(rows):
            if not any(cells):
                continue
            reason = None if numbers[offset] in self.damaged else self.rules.reason(start + offset, cells)
            if reason:
                kept_cells = tuple(cells) if reason in (SKIP_TOTAL, SKIP_NOTE) else ()
                skipped.append(SkippedRow(numbers[offset], reason, kept_cells))
            else:
                kept.append(offset)
        # cells right of the last label still count (a trailing comma in CSV exports): they get a '' header
        width = labelled = _label_width(self.header.labels)
        if max(map(len, map(rows.__getitem__, kept)), default=0) > labelled:  # else no row is used further right
            width = max([labelled] + [used_width(rows[offset]) for offset in kept])
        if self.merges:
            filled = self._filled_down(rows, numbers, start, kept)
            data = [_data_row(rows[o], numbers[o], width, filled.get(o)) for o in kept]
        else:  # _data_row without a fill, one call a row fewer
            data = [DataRow(numbers[o], _fit(rows[o], width, None)) for o in kept]
        return self._table(data, skipped, width)

    def _table(self, data: list[DataRow], skipped: list[SkippedRow], width: int) -> Table:
        return Table(
            sheet=self.sheet.name,
            headers=_fit(self.header.labels, width, ""),
            header_rows=self.header_rows,
            title=self.title,
            rows=tuple(data),
            skipped=tuple(skipped),
            faults=self.sheet.faults,
        )

    def _filled_down(
        self, rows: Sequence[Cells], numbers: list[int], start: int, kept: list[int]
    ) -> dict[int, dict[int, tuple[int, str]]]:
        """Merged data cells spanning several rows belong to each of them (domain.md Part I "Merged data
        cells"): offset -> {column: (top row number, text)} for every data row of this chunk a vertical merge
        below the header covers, its top row included (so that rows of one merged cell can be told apart from
        rows that merely agree). A merge whose top row is in an earlier chunk was remembered there."""
        end, kept_set = start + len(rows), set(kept)
        filled: dict[int, dict[int, tuple[int, str]]] = {}
        for merge in self.merges:
            r0, c0, r1, c1 = merge
            if r0 >= end or r1 < start:
                continue
            if r0 >= start and r0 - start in kept_set and rows[r0 - start][c0] is not None:
                self.tops[merge] = (str(rows[r0 - start][c0]), numbers[r0 - start])
            top = self.tops.get(merge)
            if top is None:
                continue
            for offset in range(max(r0, start) - start, min(r1, end - 1) - start + 1):
                if offset in kept_set:
                    filled.setdefault(offset, {}).update((col, (top[1], top[0])) for col in range(c0, c1 + 1))
        return filled


def _data_row(cells: Cells, number: int, width: int, filled: dict[int, tuple[int, str]] | None) -> DataRow:
    fitted = _fit(cells, width, None)
    if not filled:
        return DataRow(number, fitted)
    values = list(fitted)
    for col, (_, text) in filled.items():
        if col < width:
            values[col] = text
    return DataRow(number, tuple(values), {col: top for col, (top, _) in filled.items()})


# ------------------------------------------------------------------ header


def _find_header_row(
    rows: Sequence[Cells], is_known: Callable[[str], bool], scan_rows: int, min_known: int
) -> int | None:
    best, best_score = None, min_known - 1
    for index in _non_blank_indexes(rows, scan_rows):
        score = sum(1 for cell in rows[index] if cell and is_known(clean_label(cell)))
        if score > best_score:  # strictly greater: on a tie the upper row wins
            best, best_score = index, score
    return best


def _non_blank_indexes(rows: Sequence[Cells], limit: int) -> Iterator[int]:
    found = 0
    for index, cells in enumerate(rows):
        if found == limit:
            return
        if any(cells):
            found += 1
            yield index


def _read_header(sheet: RawSheet, row: int) -> _Header:
    """The header around the detected row: alone, or with a sub-header below or a super-header above."""
    if row + 1 < len(sheet.rows) and _is_two_level(sheet, row, row + 1, needs_side_label=False):
        return _Header(row, row + 1, _joined_labels(sheet, row, row + 1))
    if row > 0 and _is_two_level(sheet, row - 1, row, needs_side_label=True):
        return _Header(row - 1, row, _joined_labels(sheet, row - 1, row))
    return _Header(row, row, _filled_labels(sheet, row, _merge_spans(sheet, row)))


def _is_two_level(sheet: RawSheet, upper: int, lower: int, *, needs_side_label: bool) -> bool:
    """Whether `lower` holds sub-labels under groups of `upper`.

    Groups are horizontal merges (or, without merges, a label followed by blank cells) over at least two
    columns. A real sub-header labels every column of each group with text, and leaves most other
    labelled columns blank (their labels span both rows); a data row fills them. Looking upwards, a
    title line also looks like one wide group, so there at least one label must stand beside the groups.
    """
    groups = _group_spans(sheet, upper, lower)
    below = sheet.rows[lower]
    in_group = {col for first, last in groups for col in range(first, last + 1)}
    if not groups or not all(_is_sub_label(below[col]) for col in in_group):
        return False
    side = [col for col, cell in enumerate(sheet.rows[upper]) if cell and col not in in_group]
    filled = sum(1 for col in side if below[col])
    return filled * 2 <= len(side) and (bool(side) or not needs_side_label)


def _group_spans(sheet: RawSheet, upper: int, lower: int) -> list[Span]:
    """Labelled horizontal spans of `upper` that end on that row (merges going down are one tall cell)."""
    merges = _merge_spans(sheet, upper)
    if not merges:
        return _fill_spans(sheet.rows[upper], sheet.rows[lower])
    return [(first, last) for first, last, bottom in merges if bottom == upper and sheet.rows[upper][first]]


def _merge_spans(sheet: RawSheet, row: int) -> list[tuple[int, int, int]]:
    """(first column, last column, last row) of each horizontal merge through `row`."""
    return [(c0, c1, r1) for r0, c0, r1, c1 in sheet.merged if r0 <= row <= r1 and c1 > c0]


def _fill_spans(upper: Cells, lower: Cells) -> list[Span]:
    """Without merge information: a label followed by blank cells that have sub-labels below them."""
    spans = []
    for col, cell in enumerate(upper):
        last = col
        while cell and last + 1 < len(upper) and not upper[last + 1] and lower[last + 1]:
            last += 1
        if last > col:
            spans.append((col, last))
    return spans


def _filled_labels(sheet: RawSheet, row: int, spans: Sequence[tuple[int, ...]]) -> list[str]:
    """Labels of `row`, with the label of each merged (or grouped) cell copied over its whole span."""
    labels = [clean_label(cell) for cell in sheet.rows[row]]
    for first, last, *_ in spans:
        labels[first : last + 1] = [labels[first]] * (last + 1 - first)
    return labels


def _joined_labels(sheet: RawSheet, upper: int, lower: int) -> list[str]:
    spans = _merge_spans(sheet, upper) + [(*span, upper) for span in _group_spans(sheet, upper, lower)]
    tops = _filled_labels(sheet, upper, spans)
    bottoms = [clean_label(cell) for cell in sheet.rows[lower]]
    return [_join(top, bottom) for top, bottom in zip(tops, bottoms, strict=True)]


def _join(top: str, bottom: str) -> str:
    return f"{top}/{bottom}" if top and bottom and top != bottom else top or bottom


def _is_sub_label(text: str | None) -> bool:
    """Text, but not a number or date ('1', '2,300.5', '2021-03-05', '50%'): those are data."""
    return bool(text) and not str(text).translate(NUMERIC_MARKS).isdigit()


def _label_width(labels: Sequence[str]) -> int:
    return max((col + 1 for col, label in enumerate(labels) if label), default=0)


def _fit(cells: Sequence[T], width: int, fill: T) -> tuple[T, ...]:
    if len(cells) == width and isinstance(cells, tuple):
        return cells  # the common case: share the sheet's row instead of copying it
    return tuple(cells[:width]) + (fill,) * (width - len(cells))


# ------------------------------------------------------------------ body


@dataclass(frozen=True)
class _SkipRules:
    header_keys: frozenset[tuple[str, ...]]  # the header row(s) as label tuples, to spot repeats
    header_heads: frozenset[str]  # their first characters: a cheap screen before building a row's key
    first_col: int  # first labelled column: total labels sit in this one or the next two
    label_count: int  # labelled header columns: a section title is copied over all of them
    wide_merge_rows: frozenset[int]  # rows holding a horizontal merge confined to that row

    @classmethod
    def for_header(cls, sheet: RawSheet, header: _Header) -> _SkipRules:
        keys = frozenset(row_key(sheet.rows[row]) for row in range(header.top, header.bottom + 1))
        return cls(
            header_keys=keys,
            header_heads=frozenset(next(label for label in key if label)[0] for key in keys if key),
            first_col=next((col for col, label in enumerate(header.labels) if label), 0),
            label_count=sum(1 for label in header.labels if label),
            wide_merge_rows=frozenset(r0 for r0, c0, r1, c1 in sheet.merged if r0 == r1 and c1 > c0),
        )

    def reason(self, index: int, cells: Cells) -> str | None:
        """Why the (non-blank) row is skipped, or None. Screened on its first and last text first, so that a
        data row (nearly every row of a large file) builds no list of its texts."""
        first = next(filter(None, cells))
        head = first[0] if not first[0].isspace() else clean_label(first)[:1]  # split() drops what isspace() is
        if head in self.header_heads and row_key(cells) in self.header_keys:
            return SKIP_REPEATED_HEADER
        if self._has_total_label(cells):
            return SKIP_TOTAL
        if first[0] in NOTE_HEADS and is_note([cell for cell in cells if cell]):
            return SKIP_NOTE
        # a section title repeats one text: first and last differ only past a 'label：' cell (_is_section_title)
        if first != next(filter(None, reversed(cells))) and not first.endswith(COLONS):
            return None
        if self._is_sectiontitle_of(index, [cell for cell in cells if cell]):
            return SKIP_SECTION
        return None

    def _has_total_label(self, cells: Cells) -> bool:
        for cell in cells[: self.first_col + TOTAL_COLUMNS]:
            if cell and (cell[0] in TOTAL_HEADS or cell[-1] in TOTAL_ENDS) and is_total_label(cell):
                return True
        return False

    def _is_sectiontitle_of(self, index: int, texts: list[str]) -> bool:
        """A title merged across the row, or its text copied into every column (what unmerging leaves).

        Also 'label：text' with the text copied over the remaining columns ('绿色设计亮点：…' in the MIIT
        lists). Yes/no and number columns never count: the repeated text must hold letters, and a row
        like ('企业', '是', '是', '是') keeps its first cell different without a colon.
        """
        if len(texts) == 1:
            return index in self.wide_merge_rows
        spread = texts[1:] if len(texts) == self.label_count > 2 and texts[0].endswith(COLONS) else texts
        if spread[0] != spread[-1]:
            return False
        return len(set(spread)) == 1 and any(char.isalpha() for char in spread[0])
