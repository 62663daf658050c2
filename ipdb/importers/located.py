"""The tables an import found, and their rows parsed whole or chunk by chunk (issue 13, "bounded memory").

A file read in chunks (``ImportOptions.chunk_rows``) is located on the head of each sheet; its kind and columns
are decided from the headers, and its rows are then read, told apart and parsed one chunk at a time, so the
raw cells of a large file are never all held at once. A table whose columns must be inferred from their values
is read whole first (inference looks at every value of a column). Both ways give the same records and report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ipdb.importers.binding import Binding
from ipdb.importers.columns import needs_values
from ipdb.importers.known import Known, KnownRow, fingerprints
from ipdb.importers.report import ImportReport
from ipdb.importers.rows import RowParser
from ipdb.importers.spec import SheetSpec
from ipdb.importers.table import SkippedRow, Table, TableReader
from ipdb.importers.totals import check_totals


@dataclass
class Located:
    """A table found on a sheet: whole (``table`` holds every row) or still to be read (``table`` is its header)."""

    reader: TableReader
    table: Table
    chunk_rows: int | None  # None: read whole
    size: int  # data rows of a whole table, rows below the header of one still to be read

    @classmethod
    def of(cls, reader: TableReader, chunk_rows: int | None) -> Located:
        if chunk_rows is None:
            table = reader.whole()
            return cls(reader, table, None, len(table.rows))
        return cls(reader, reader.head, chunk_rows, reader.size)

    def for_binding(self, spec: SheetSpec, bindings: list[Binding]) -> Located:
        """This table, read whole when inferring a column needs its values."""
        if self.chunk_rows is None or not needs_values(spec, self.table, bindings):
            return self
        return Located.of(self.reader, None)


def parse_located(
    spec: SheetSpec,
    located: Located,
    bindings: list[Binding],
    report: ImportReport,
    today: date | None,
    clean_path: bool,
    known: Known | None = None,
) -> list[tuple[int, Any]]:
    """The table's records (rows with a reject reported, not returned), or their compact rows when the kind
    writes those (``SheetSpec.compact``, made chunk by chunk; a row recognised by ``known`` is a KnownRow);
    its totals checked."""
    # the totals check reads the row numbers, and the amounts of a table with money columns: those stay records
    money = any(b.column.money and b.index is not None for b in bindings)
    compact = spec.compact if not money else None
    prints = fingerprints(spec, bindings, known if clean_path else None, today or date.today()) if compact else None
    parser = RowParser(spec, located.table, bindings, report, today, clean_path=clean_path, fingerprints=prints)
    chunks = [located.table] if located.chunk_rows is None else located.reader.chunks(located.chunk_rows)
    rows: list[tuple[int, Any]] = []
    skipped: list[SkippedRow] = []
    for chunk in chunks:
        records = parser.feed(chunk)
        skipped.extend(chunk.skipped)
        if compact is None:
            rows.extend(records)
        else:
            rows.extend((n, r if type(r) is KnownRow else compact(r)) for n, r in records)
    parser.finish()
    check_totals(replace(located.table, skipped=tuple(skipped)), bindings, rows, report)
    return rows
