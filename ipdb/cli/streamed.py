"""Long tables written as they are made: Rich's look (widths, folding, CJK alignment) in bounded time and memory.

Rich lays a table out whole before its first line is written: every cell measured and rendered as segments,
about 0.4 ms a row, every row held (``ipdb due`` at city scale: 223k rows, 90 s, 1 GiB). A streamed table is
the same Rich table with its rows kept apart, and prints the same text:

* widths: Rich computes them from each column's widest cell and widest word (``Text.__rich_measure__``), so
  Rich laying out the few rows that hold those (two a column at most) gives the very widths of the whole table;
* title, header, rule, caption: Rich renders the table with those widths and no rows;
* rows: a plain cell that fits on one line is padded here (``cell_len``: wide characters count two); one that
  folds, or holds markup, is rendered by Rich at its column's width, as Rich's own table does.

Only the shape ``new_table`` and ``fitted_table`` make is streamed (SIMPLE_HEAVY box, edges not padded).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any, Generic, TypeVar

from rich import box
from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table

T = TypeVar("T")
STREAMED_ROWS = 50  # more rows are streamed: Rich then takes > 50 ms, the stream a third of that (issue-13-sd.md)
BLOCK = 2000  # rows written a print: memory stays bounded, calls stay few
CACHED = 4096  # distinct rendered cells kept (a status column repeats a handful of markup cells)

Line = list[Segment]


def rows_table(table: Table, items: Sequence[T], cells: Callable[[T], Sequence[str]]) -> Table | StreamedTable[T]:
    """``table`` (title, columns, no rows yet) with a row of ``cells(item)`` for each item: filled in when short,
    streamed when long. Both print the same text."""
    if len(items) <= STREAMED_ROWS:
        for item in items:
            table.add_row(*cells(item))
        return table
    return StreamedTable(table, items, cells)


class StreamedTable(Generic[T]):
    """A Rich renderable; ``stream`` writes it to a console a block of rows at a time (``ipdb.cli.output.show``)."""

    def __init__(self, table: Table, items: Sequence[T], cells: Callable[[T], Sequence[str]]) -> None:
        assert table.box is box.SIMPLE_HEAVY and not table.pad_edge and table.padding == (0, 1, 0, 1)
        assert table.show_edge and table.show_header and not table.show_lines and not table.row_count
        self.table, self.items, self.cells = table, items, cells

    @property
    def caption(self) -> Any:
        return self.table.caption

    @caption.setter
    def caption(self, caption: Any) -> None:  # as a Rich table's (fitted tables get theirs after their rows)
        self.table.caption = caption

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for block in self.blocks(console, options):
            for line in block:
                yield from line
                yield Segment.line()

    def stream(self, console: Console) -> None:
        for block in self.blocks(console, console.options):
            console.print(_Lines(block), crop=False)  # the lines fit: blocks() lays a wider table out whole

    def blocks(self, console: Console, options: ConsoleOptions) -> Iterator[list[Line]]:
        """Title to rule, then the rows ``BLOCK`` at a time, then bottom edge and caption: lines of segments."""
        widths = self._widths(console, options)
        narrow = any(width < self.table._get_padding_width(i) for i, width in enumerate(widths))
        if narrow or sum(widths) + self.table._extra_width > options.max_width:
            yield self._whole(console, options)  # a console too narrow for the columns: Rich's own squeeze
            return
        head, foot = _head_and_foot(self.table, widths, console, options)
        yield head
        render = _RowRenderer(self.table, widths, console, options)
        block: list[Line] = []
        for item in self.items:
            block += render(self.cells(item))
            if len(block) >= BLOCK:
                yield block
                block = []
        yield block + foot

    def _whole(self, console: Console, options: ConsoleOptions) -> list[Line]:
        table = _shaped(self.table, None)
        for item in self.items:
            table.add_row(*self.cells(item))
        return console.render_lines(table, options, pad=False)

    def _widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        """Each column's width with its padding, as Rich computes it for the whole table."""
        extremes = _Extremes(len(self.table.columns), console, options)
        for item in self.items:
            extremes.add(self.cells(item))
        sample = _shaped(self.table, None)
        for row in extremes.rows():
            sample.add_row(*row)
        max_width = options.max_width if sample.width is None else sample.width
        return sample._calculate_column_widths(console, options.update_width(max_width - sample._extra_width))


class _Lines:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield from line
            yield Segment.line()


def _plain(cell: str) -> bool:
    """A cell Rich prints as it stands: no markup, emoji code, control character or edge space (justified away)."""
    return cell.isprintable() and "[" not in cell and ":" not in cell and cell[:1] != " " and cell[-1:] != " "


class _Extremes:
    """Per column, the cell of the most cells and the cell of the longest word (what Rich measures)."""

    def __init__(self, columns: int, console: Console, options: ConsoleOptions) -> None:
        self.console, self.options = console, options
        self.widest: list[tuple[int, str]] = [(-1, "")] * columns
        self.longest_word: list[tuple[int, str]] = [(-1, "")] * columns

    def add(self, cells: Sequence[str]) -> None:
        for index, cell in enumerate(cells):
            low, high = self._measure(cell)
            if high > self.widest[index][0]:
                self.widest[index] = (high, cell)
            if low > self.longest_word[index][0]:
                self.longest_word[index] = (low, cell)

    def _measure(self, cell: str) -> tuple[int, int]:
        if _plain(cell):
            width = _cells(cell)
            words = cell.split()
            return (max(map(_cells, words)) if len(words) > 1 else width), width
        found = Measurement.get(self.console, self.options, cell)
        return found.minimum, found.maximum

    def rows(self) -> Iterator[list[str]]:
        """Rows of one extreme cell each (the others empty), two a column."""
        count = len(self.widest)
        for index in range(count):
            for width, cell in (self.widest[index], self.longest_word[index]):
                if width >= 0:
                    yield [cell if i == index else "" for i in range(count)]


def _shaped(table: Table, widths: Sequence[int] | None) -> Table:
    """A copy of ``table`` without rows; with ``widths`` (padding included) its columns are fixed to them."""
    shaped = copy.copy(table)
    shaped.rows = []
    columns = []
    for index, column in enumerate(table.columns):
        fixed = column.width if widths is None else widths[index] - table._get_padding_width(index)
        columns.append(replace(column, _cells=[], width=fixed))
    shaped.columns = columns
    return shaped


def _head_and_foot(
    table: Table, widths: Sequence[int], console: Console, options: ConsoleOptions
) -> tuple[list[Line], list[Line]]:
    """The lines above the first row and below the last, from Rich: the table without rows, split where a
    table of one row differs from it."""
    empty = console.render_lines(_shaped(table, widths), options, pad=False)
    one = _shaped(table, widths)
    one.add_row(*(["x"] * len(widths)))
    with_row = console.render_lines(one, options, pad=False)
    split = next(i for i, (a, b) in enumerate(zip(empty, with_row, strict=False)) if a != b)
    return empty[:split], empty[split:]


class _RowRenderer:
    """A row's lines: plain cells are padded, or folded as ``Text.wrap`` folds them, here; the others are
    rendered by Rich (and remembered: a status column repeats a few)."""

    def __init__(self, table: Table, widths: Sequence[int], console: Console, options: ConsoleOptions) -> None:
        self.console, self.options, self.columns = console, options, table.columns
        self.widths = list(widths)
        last = len(widths) - 1
        self.pads = [(0 if i == 0 else 1, 0 if i == last else 1) for i in range(len(widths))]
        self.rooms = [width - left - right for width, (left, right) in zip(widths, self.pads, strict=True)]
        self.folds = [c.overflow == "fold" and not c.no_wrap and c.justify == "left" for c in self.columns]
        self.cache: dict[tuple[int, str], list[Line]] = {}

    def __call__(self, cells: Sequence[str]) -> list[Line]:
        rendered: list[str | Sequence[str | Line]] = []
        for index, cell in enumerate(cells):
            left, right = self.pads[index]
            room = self.rooms[index]
            plain = _plain(cell)
            if plain and (used := _cells(cell)) <= room:
                gap = " " * (room - used)
                text = gap + cell if self.columns[index].justify == "right" else cell + gap
                rendered.append(" " * left + text + " " * right)
            elif plain and self.folds[index] and room >= 2:
                rendered.append([" " * left + line + " " * right for line in _folded(cell, room)])
            else:
                rendered.append(self._rich(index, cell))
        if all(isinstance(cell, str) for cell in rendered):
            return [[Segment(" " + " ".join(rendered) + " ")]]  # type: ignore[arg-type]
        return self._lines(rendered)

    def _rich(self, index: int, cell: str) -> list[Line]:
        key = (index, cell)
        found = self.cache.get(key)
        if found is None:
            column, (left, right) = self.columns[index], self.pads[index]
            options = self.options.update(width=self.widths[index], justify=column.justify, no_wrap=column.no_wrap,
                                          overflow=column.overflow, height=None, highlight=column.highlight)  # fmt: skip
            found = self.console.render_lines(Padding(cell, (0, right, 0, left)), options)
            if len(self.cache) < CACHED:
                self.cache[key] = found
        return found

    def _lines(self, rendered: Sequence[str | Sequence[str | Line]]) -> list[Line]:
        cells = [[cell] if isinstance(cell, str) else cell for cell in rendered]
        styled = any(not isinstance(part, str) for cell in cells for part in cell)
        lines = []
        for number in range(max(map(len, cells))):
            parts = [cell[number] if number < len(cell) else " " * self.widths[i] for i, cell in enumerate(cells)]
            if not styled:
                lines.append([Segment(" " + " ".join(parts) + " ")])  # type: ignore[arg-type]
                continue
            line: Line = [Segment(" ")]
            for index, part in enumerate(parts):
                if index:
                    line.append(Segment(" "))
                line.extend([Segment(part)] if isinstance(part, str) else part)
            line.append(Segment(" "))
            lines.append(line)
        return lines


def _cells(cell: str) -> int:
    """``cell_len`` of a plain cell: printable ASCII is one cell a character."""
    return len(cell) if cell.isascii() else _wide_cells(cell)


_WIDTHS: dict[str, int] = {}


def _wide_cells(cell: str) -> int:
    """``cell_len`` as Rich sums it, a character's width looked up once (Rich's cache holds 4096 strings, and
    numbers like "201610248043 发明" never repeat); a variation selector joins characters: Rich counts those."""
    if "\ufe0f" in cell:
        return cell_len(cell)
    widths, total = _WIDTHS, 0
    for character in cell:
        width = widths.get(character)
        if width is None:
            width = widths[character] = cell_len(character)
        total += width
    return total


@lru_cache(maxsize=1 << 16)  # an enterprise's name folds the same way in each of its rows
def _folded(cell: str, room: int) -> tuple[str, ...]:
    """The lines Rich's ``Text.wrap`` (left-justified, overflow fold) makes of a plain one-line cell."""
    from rich._wrap import divide_line

    offsets = divide_line(cell, room, fold=True)
    lines = []
    for start, end in zip([0, *offsets], [*offsets, len(cell)], strict=True):
        line = cell[start:end]
        if len(line) > room:  # Text.rstrip_end: trailing spaces beyond the width, counted in characters
            stripped = line.rstrip()
            line = line[: max(len(stripped), room)]
        lines.append(set_cell_size(line, room))
    return tuple(lines)
