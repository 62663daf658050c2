"""What an import returns: counts per file and every problem found, with Excel row numbers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ipdb.errors import EmptySnapshot, IpdbError

SKIPPED_ROW = "skipped_row"  # row_issue.code of a row read but not taken as data (severity 'skipped')
AS_OF_SOURCES = {
    "option": "命令行 --as-of",
    "title": "表格标题",
    "file_name": "文件名",
    "quarter": "run --quarter 的季度末（表格和文件名都未注明日期）",
    "import_day": "导入当天（表格未注明日期）",
}


@dataclass(frozen=True)
class Issue:
    severity: str  # 'reject' | 'warning'
    sheet: str
    row: int
    column: str
    value: str
    reason: str
    code: str = ""
    cells: str = ""  # the whole row, JSON [[header, text], ...] (rejects and row warnings), for ipdb rejects -o


@dataclass(frozen=True)
class Skip:
    """A row read but not taken as data: a total, a note, a section title, a repeated header, no mapped value."""

    sheet: str
    row: int
    reason: str


@dataclass
class ImportReport:
    file: str
    kind: str
    kind_title: str = ""
    sheets: list[str] = field(default_factory=list)
    as_of: date | None = None
    as_of_source: str = ""
    snapshot: bool = False
    dry_run: bool = False
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    foreign: int = 0  # of the rejected rows, those of foreign or WO patents: not the district's, not errors
    warnings: int = 0
    skipped: int = 0
    left: int = 0
    unmatched_holders: int = 0
    batch_id: int | None = None
    repeat_of: int | None = None  # the batch this identical import repeats (nothing was written)
    error: str | None = None  # set when the file could not be imported at all
    notes: list[str] = field(default_factory=list)
    covers: tuple[date, date] | None = None  # the period a list of events covers (ipdb.importers.spans)
    issues: list[Issue] = field(default_factory=list)
    skipped_rows: list[Skip] = field(default_factory=list)  # each of the `skipped` rows, with its number
    ignored_columns: list[Any] = field(default_factory=list)  # columns.IgnoredColumn
    inferred_columns: list[Any] = field(default_factory=list)  # columns.InferredColumn
    totals: list[Any] = field(default_factory=list)  # totals.TotalCheck

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat() if self.as_of else None
        data["covers"] = [d.isoformat() for d in self.covers] if self.covers else None
        data["issues"] = [asdict(i) for i in self.issues]
        return data

    def problems(self) -> list[Issue]:
        """Every problem row as the store keeps it (row_issue): the issues, then each skipped row."""
        skipped = (Issue("skipped", s.sheet, s.row, "", "", s.reason, SKIPPED_ROW) for s in self.skipped_rows)
        return [*self.issues, *skipped]

    def add_issue(self, issue: Issue) -> None:
        self.issues.append(issue)
        if issue.severity == "warning":
            self.warnings += 1


def refused(path: Path, kind: str, error: IpdbError) -> ImportReport:
    """The report of a file not imported: the file's own, with the rows it rejected, when the error carries it."""
    own = getattr(error, "report", None)
    return replace(own if isinstance(own, ImportReport) else ImportReport(str(path), kind), error=error.message)


def refused_snapshot(path: Path, report: ImportReport) -> EmptySnapshot:
    """A complete snapshot with no row to store would make every right leave: refused, its rejected rows kept
    in the report (shown below the refusal, exported by --rejects), nothing stored."""
    why = f"（{report.rejected} 行被拒收，原因见下方问题行）" if report.rejected else ""
    return EmptySnapshot(
        f"文件「{path.name}」没有可导入的数据行{why}，不能作为完整快照（--snapshot）导入："
        f"那会让登记簿中的全部权利“离开”。请检查文件，或去掉 --snapshot。",
        report,
    )
