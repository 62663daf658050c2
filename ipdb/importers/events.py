"""The identity of an event row (domain.md Part I "Rows of an event list are records, not keys").

Special-fund applications, pledge loans, awards, cases, projects and designations are counted row by row, so
two rows of one file are two records even when every field ipdb reads is equal. A row is identified by its
natural key (who, what, when: each kind's writer names it) plus its *occurrence*: 0 for the first row of the
file with that key, 1 for the second, and so on. Re-importing the same file, or a newer export of the same
list that keeps its rows in order, gives every row the same identity again, so it updates in place and never
doubles; a second equal row is kept and reported as a possible duplicate naming the first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

from ipdb.catalogue import message
from ipdb.importers.report import ImportReport, Issue
from ipdb.importers.upserts import WriteContext, WriteResult, upsert_rows

Row = tuple[int, dict[str, Any]]


def number_occurrences(report: ImportReport, key: tuple[str, ...], rows: list[Row], *, fold: bool = False) -> list[Row]:
    """Each row with its occurrence among the file's rows of the same natural ``key``: in an ``occurrence``
    column, or with ``fold`` appended to the single key column ('key', 'key#2', 'key#3')."""
    seen: dict[tuple[Any, ...], list[Row]] = {}
    numbered = []
    for number, row in rows:
        ident = tuple(row[k] for k in key)
        earlier = seen.setdefault(ident, [])
        same = next((first for first, values in earlier if values == row), None)
        if same is not None:
            report.add_issue(
                Issue("warning", "", number, "", "", message("possible_duplicate", first=same), "possible_duplicate")
            )
        occurrence = len(earlier)
        earlier.append((number, row))
        if fold:
            numbered.append((number, {**row, key[0]: f"{row[key[0]]}#{occurrence + 1}" if occurrence else row[key[0]]}))
        else:
            numbered.append((number, {**row, "occurrence": occurrence}))
    return numbered


def upsert_events(ctx: WriteContext, table: Table, key: tuple[str, ...], rows: list[Row]) -> WriteResult:
    """``upsert_rows`` by natural key + occurrence: in the table's ``occurrence`` column when it has one, else
    folded into its single key column."""
    if "occurrence" in table.c:
        return upsert_rows(ctx, table, (*key, "occurrence"), number_occurrences(ctx.report, key, rows))
    return upsert_rows(ctx, table, key, number_occurrences(ctx.report, key, rows, fold=True))
