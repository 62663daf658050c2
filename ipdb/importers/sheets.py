"""What a reader gives: each sheet's rows as text (whole, or its head and the rest in chunks), and the limits
and progress of one read (read.py reads, table.py finds the table)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ipdb.errors import UnreadableFile
from ipdb.importers.faults import CellFault
from ipdb.importers.refusals import MiB

PROGRESS_EVERY = 5000
# A sheet read in chunks first reads this many non-blank rows (with the blank ones between): table.py looks for
# the header among the first 15 and at the row below it.
HEAD_ROWS = 16


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
    # read in chunks (read_file's chunk_rows): `rows` is the head of the sheet, `rest` gives the rows after it,
    # chunk by chunk, as (rows, their row numbers), read only as they are asked for; `height` counts them all
    rest: Iterable[tuple[list[tuple[str | None, ...]], list[int]]] = field(default=(), compare=False, repr=False)
    height: int = field(default=0, compare=False)


class ReadAgain(Exception):
    """A sheet read in chunks holds a cell calamine cannot convert: read the file again whole, which repairs it."""


Progress = Callable[[int], None]


@dataclass
class Job:
    """One read in progress: the file, its limits, and rows reported so far across sheets."""

    path: Path
    limits: ReadLimits
    on_progress: Progress | None
    chunk_rows: int | None = None  # None: every sheet read whole
    rows_done: int = 0

    def tick(self, rows_in_sheet: int) -> None:
        if self.on_progress is not None:
            self.on_progress(self.rows_done + rows_in_sheet)

    def refuse(self, template: str, **fields: object) -> UnreadableFile:
        return UnreadableFile(template.format(name=self.path.name, **fields))


def lazy_sheet(
    job: Job,
    name: str,
    rows: Iterator[tuple[str | None, ...]],
    first: int,
    height: int,
    merged: tuple[tuple[int, int, int, int], ...],
    faults: tuple[CellFault, ...],
    hidden: bool = False,
) -> RawSheet:
    """A sheet whose head (HEAD_ROWS non-blank rows) is read now and the rest chunk by chunk, when asked for."""
    head: list[tuple[str | None, ...]] = []
    seen = 0
    while seen < HEAD_ROWS and (row := next(rows, None)) is not None:
        head.append(row)
        seen += any(row)
    numbers = list(range(first, first + len(head)))
    rest = _chunks(job, rows, first + len(head), len(head))
    return RawSheet(name, head, numbers, merged, faults, hidden, rest, height)


def _chunks(
    job: Job, rows: Iterator[tuple[str | None, ...]], first: int, done: int
) -> Iterator[tuple[list[tuple[str | None, ...]], list[int]]]:
    size = job.chunk_rows or PROGRESS_EVERY
    while chunk := list(itertools.islice(rows, size)):
        if (done + len(chunk)) // PROGRESS_EVERY > done // PROGRESS_EVERY:
            job.tick(done + len(chunk))
        done += len(chunk)
        yield chunk, list(range(first, first + len(chunk)))
        first += len(chunk)
