"""A file imported before: its fingerprint, the earlier batch, and the report that says nothing was written again."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from ipdb.importers.report import ImportReport
from ipdb.models import ImportBatch
from ipdb.store import Store


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def find_repeat(
    store: Store, sha: str, kind: str, as_of: date | None, snapshot: bool, fingerprint: str
) -> ImportBatch | None:
    """The latest batch of the same bytes, kind, date, snapshot flag and options, if any."""
    table = ImportBatch.__table__
    with store.engine.connect() as conn:
        row = conn.execute(
            select(table)
            .where(
                table.c.sha256 == sha,
                table.c.kind == kind,
                table.c.as_of == as_of,
                table.c.snapshot == snapshot,
                table.c.options == fingerprint,
            )
            .order_by(table.c.id.desc())
        ).first()
    return ImportBatch.model_validate(row._asdict()) if row else None


def repeat_report(report: ImportReport, batch: ImportBatch) -> ImportReport:
    """The same bytes, kind, date and options were imported before: nothing is written again."""
    return replace(
        report,
        rows=batch.rows,
        unchanged=batch.rows - batch.rejected,
        rejected=batch.rejected,
        warnings=batch.warnings,
        skipped=batch.skipped,
        repeat_of=batch.id,
        sheets=batch.sheets.split("；") if batch.sheets else [],
        notes=[
            *report.notes,
            f"此文件已于 {batch.imported_at:%Y-%m-%d %H:%M} 以相同设置导入（批次 {batch.id}），本次未做任何更改。",
        ],
    )
