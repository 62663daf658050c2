"""An import's batch row: written first, its counts and problem rows when the write is done."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection

from ipdb.importers.report import ImportReport
from ipdb.models import ImportBatch, RowIssue
from ipdb.sql import temp_ids


def insert_batch(
    conn: Connection, path: Path, sha: str, kind: str, report: ImportReport, snapshot: bool, options: str
) -> int:
    """The import's batch row, before its rows (they name it); counted by ``finish_batch``."""
    result = conn.execute(
        ImportBatch.__table__.insert().values(
            file_name=path.name,
            file_path=str(path.resolve()),
            sha256=sha,
            kind=kind,
            sheets="；".join(report.sheets),
            as_of=report.as_of,
            as_of_source=report.as_of_source,
            covers_from=report.covers[0] if report.covers else None,
            covers_to=report.covers[1] if report.covers else None,
            snapshot=snapshot,
            imported_at=datetime.now().astimezone().replace(microsecond=0),
            options=options,
        )
    )
    key = result.inserted_primary_key
    assert key is not None  # an insert of one row always returns its key
    return int(key[0])


def finish_batch(conn: Connection, batch_id: int, report: ImportReport) -> None:
    table = ImportBatch.__table__
    conn.execute(
        table.update()
        .where(table.c.id == batch_id)
        .values(
            rows=report.rows,
            inserted=report.inserted,
            updated=report.updated,
            unchanged=report.unchanged,
            rejected=report.rejected,
            warnings=report.warnings,
            skipped=report.skipped,
            left=report.left,
        )
    )
    issues = report.problems()
    if issues:
        conn.execute(
            RowIssue.__table__.insert(),
            [
                {
                    "batch_id": batch_id,
                    "severity": i.severity,
                    "sheet": i.sheet,
                    "row": i.row,
                    "column": i.column,
                    "value": i.value,
                    "reason": i.reason,
                    "code": i.code,
                    "cells": i.cells,
                }
                for i in issues
            ],
        )


def unmatched(conn: Connection, holder_ids: set[int]) -> int:
    temp_ids(conn, "report_holder", holder_ids)
    found = conn.exec_driver_sql(
        "SELECT COUNT(*) FROM report_holder t JOIN holder h ON h.id = t.id WHERE h.company_id IS NULL"
    )
    return int(found.scalar() or 0)
