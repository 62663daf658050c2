"""The import history kept in the store: batches, their rejected rows, and holders no enterprise matches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipdb.errors import NotFound
from ipdb.reading import as_reader
from ipdb.store import Store

if TYPE_CHECKING:
    from ipdb.importers.report import ImportReport


@dataclass(frozen=True)
class BatchRow:
    id: int
    file_name: str
    kind: str
    sheets: str
    as_of: date
    as_of_source: str
    snapshot: bool
    imported_at: datetime
    rows: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    warnings: int
    left: int
    sha256: str


@dataclass(frozen=True)
class RejectRow:
    batch_id: int | None  # None: a row of a file not stored (refused, or --dry-run: ipdb import --rejects)
    file: str
    sheet: str
    row: int
    column: str
    value: str
    reason: str
    severity: str
    code: str  # stable code of ipdb/catalogue.py
    as_of: date | None = None  # the batch's as-of date
    cells: str = field(default="", repr=False)  # the whole row, JSON [[header, text], ...] (ipdb/reject_workbook.py)


@dataclass(frozen=True)
class UnmatchedHolder:
    name: str
    credit_code: str | None
    rights: int  # rights of any register whose latest observation names this holder
    lists: int  # rows of other lists (loans, designations, funds, …) naming it


def list_batches(store: Store) -> list[BatchRow]:
    with store.reading() as conn:
        rows = conn.rows(
            "SELECT id, file_name, kind, sheets, as_of, as_of_source, snapshot, imported_at, rows, inserted, "
            "updated, unchanged, rejected, warnings, left, sha256 FROM import_batch ORDER BY id"
        )
        return [
            BatchRow(*[*r[:4], date.fromisoformat(r[4]), r[5], bool(r[6]), datetime.fromisoformat(r[7]), *r[8:]])
            for r in rows
        ]


def list_rejects(store: Store, batch_id: int | None = None, *, warnings: bool = False) -> list[RejectRow]:
    severities = ("reject", "warning", "skipped") if warnings else ("reject",)
    with store.reading() as conn:
        if batch_id is not None and not conn.rows("SELECT 1 FROM import_batch WHERE id = :b", {"b": batch_id}):
            raise NotFound(f"没有编号为 {batch_id} 的导入批次：用 ipdb batches 查看所有批次。")
        rows = conn.rows(
            "SELECT i.batch_id, b.file_name, i.sheet, i.row, i.column, i.value, i.reason, i.severity, i.code, "
            "b.as_of, i.cells "
            "FROM row_issue i JOIN import_batch b ON b.id = i.batch_id "
            "WHERE (:b IS NULL OR i.batch_id = :b) AND i.severity IN (" + ",".join(f"'{s}'" for s in severities) + ") "
            "ORDER BY i.batch_id, i.sheet, i.row, i.id",
            {"b": batch_id},
        )
        return [_reject_row(r) for r in rows]


def report_rejects(reports: Sequence[ImportReport]) -> list[RejectRow]:
    """The problem rows of this import's reports as ``list_rejects(warnings=True)`` lists a batch's, stored or
    not (a refused file, a dry run): what ``ipdb import --rejects`` exports."""
    found = []
    for r in reports:
        for i in sorted(r.problems(), key=lambda i: (i.sheet, i.row)):
            row = (r.batch_id, Path(r.file).name, i.sheet, i.row, i.column, i.value, i.reason, i.severity, i.code)
            found.append(RejectRow(*row, as_of=r.as_of, cells=i.cells))
    return found


def _reject_row(r: Sequence[Any]) -> RejectRow:
    as_of = date.fromisoformat(r[9]) if r[9] else None
    return RejectRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], as_of=as_of, cells=r[10])


SEVERITY_ZH = {"reject": "拒收", "warning": "警告", "skipped": "跳过"}


_UNMATCHED = """
WITH latest AS (
    SELECT o.right_id, o.state_id FROM right_observation o
    WHERE o.as_of = (SELECT MAX(o2.as_of) FROM right_observation o2 WHERE o2.right_id = o.right_id)
)
SELECT h.name, h.credit_code,
       (SELECT COUNT(DISTINCT l.right_id) FROM latest l JOIN right_state_holder sh ON sh.state_id = l.state_id
         WHERE sh.holder_id = h.id) AS rights,
       (SELECT COUNT(*) FROM pledge_loan WHERE holder_id = h.id) + (SELECT COUNT(*) FROM designation WHERE holder_id = h.id)
       + (SELECT COUNT(*) FROM fund_application WHERE holder_id = h.id) + (SELECT COUNT(*) FROM project WHERE holder_id = h.id)
       + (SELECT COUNT(*) FROM well_known_mark WHERE holder_id = h.id)
       + (SELECT COUNT(*) FROM patent_award WHERE holder_id = h.id) AS lists
FROM holder h WHERE h.company_id IS NULL
ORDER BY rights DESC, lists DESC, h.name
"""


def list_unmatched(store: Store) -> list[UnmatchedHolder]:
    """Holders that no enterprise of the enterprise list matches, most rights first."""
    with store.reading() as conn:
        return [UnmatchedHolder(*r) for r in conn.rows(_UNMATCHED)]


def deciding_batches(conn: Any, kind: str, dates: list[date]) -> set[int]:
    """The batches whose observations decide the register ``kind`` on any of ``dates`` (Part I "Snapshots")."""
    found: set[int] = set()
    for d in dates:
        found.update(
            r[0]
            for r in as_reader(conn).rows(
                "SELECT DISTINCT o.batch_id FROM right_fact f JOIN right_observation o "
                "ON o.right_id = f.right_id AND o.as_of = f.observed_on "
                "WHERE f.kind = :kind AND f.lo <= :d AND :d < f.hi",
                {"kind": kind, "d": d.isoformat()},
            )
        )
    return found
