"""Rows of a located table into records: each cell parsed once (cached per distinct text), every problem
collected as an Issue with the Excel row number, a row with any reject kept out of the store."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ipdb.catalogue import CATALOGUE, message
from ipdb.importers.binding import Binding
from ipdb.importers.date_checks import date_problems
from ipdb.importers.faults import CellFault
from ipdb.importers.report import ImportReport, Issue, Skip
from ipdb.importers.spec import MERGED_ROW, Record, SheetSpec
from ipdb.importers.table import DataRow, Table
from ipdb.values import Flagged, Reject


@dataclass
class _RowPlan:
    """What parsing one table needs, worked out once per table rather than once per row."""

    spec: SheetSpec
    sheet: str
    bindings: list[Binding]
    required: list[tuple[str, str]]  # (field, label)
    groups: list[tuple[tuple[str, ...], str]]  # (fields, labels joined)
    labels: dict[str, str]
    caches: list[dict[str, Any]]
    headers: tuple[str, ...] = ()
    dates: tuple[date, date] | None = None  # (the register's date, today) when the kind checks its dates
    notes: Counter[str] = field(default_factory=Counter)  # problems said once per file, counted

    @classmethod
    def of(cls, spec: SheetSpec, table: Table, bindings: list[Binding]) -> _RowPlan:
        labels = {b.column.field: b.label for b in bindings}
        required = [(c.field, labels.get(c.field, c.header)) for c in spec.columns if c.required]
        groups = [(g, "、".join(labels.get(f, spec.field_header(f)) for f in g)) for g in spec.one_of]
        return cls(spec, table.sheet, bindings, required, groups, labels, [{} for _ in bindings])


def parse_rows(
    spec: SheetSpec, table: Table, bindings: list[Binding], report: ImportReport, today: date | None = None
) -> list[tuple[int, Record]]:
    """Parse every data row; a row with any reject is reported (all its problems) and not returned."""
    plan = _RowPlan.of(spec, table, bindings)
    day = today or date.today()
    plan.headers = table.headers
    plan.dates = (report.as_of or day, day) if spec.not_after or spec.not_before or spec.term_years else None
    positions = [b.index for b in bindings]
    group_at = next((b.index for b in bindings if b.column.field == spec.group_by), None)
    constants = [b.constant for b in bindings]
    records = []
    report.skipped += len(table.skipped)
    report.skipped_rows.extend(Skip(table.sheet, s.number, s.reason) for s in table.skipped)
    damaged = {f.row: f for f in table.faults if f.severity == "reject"}
    for seen, row in enumerate(table.rows, start=1):
        if seen % CACHE_REVIEW == 0:
            _drop_useless_caches(plan, seen)
        if damaged and row.number in damaged:
            _reject_damaged(report, table.sheet, damaged.pop(row.number))
            continue
        cells = row.cells
        raws = [cells[i] if i is not None and i < len(cells) else None for i in positions]
        if not any(raws):
            report.skipped += 1  # only unmapped cells (序号, remarks): not a data row
            report.skipped_rows.append(Skip(table.sheet, row.number, NO_MAPPED_VALUE))
            continue
        raws = [raw if raw is not None else constant for raw, constant in zip(raws, constants, strict=True)]
        report.rows += 1
        record, issues = _parse_row(plan, row.number, raws)
        if row.merged and group_at in row.merged:
            record[MERGED_ROW] = row.merged[group_at]
        if _settle(plan, report, row, record, issues):
            records.append((row.number, record))
    report.notes.extend(message(code, count=count) for code, count in plan.notes.items())
    for fault in [*damaged.values(), *(f for f in table.faults if f.severity != "reject")]:
        # a cell left out by the reader, or damage above the header: reported, never silently dropped
        report.add_issue(Issue("warning", table.sheet, fault.row, fault.column, fault.value, fault.reason, fault.code))
    return records


NO_MAPPED_VALUE = "没有可导入的值（只有序号、备注等不对应字段的列）"


def _reject_damaged(report: ImportReport, sheet: str, fault: CellFault) -> None:
    """A row the reader found damaged: counted as a row and rejected with the reader's reason."""
    report.rows += 1
    report.rejected += 1
    report.issues.append(Issue("reject", sheet, fault.row, fault.column, fault.value, fault.reason, fault.code))


NOTE_CODES = frozenset(code for code, entry in CATALOGUE.items() if entry.severity == "note")


def _counted_notes(issues: list[Issue], notes: Counter[str]) -> list[Issue]:
    """Problems said once per file (a Derwent number): counted, not listed row by row."""
    kept = []
    for issue in issues:
        if issue.code in NOTE_CODES:
            notes[issue.code] += 1
        else:
            kept.append(issue)
    return kept


def _settle(plan: _RowPlan, report: ImportReport, row: DataRow, record: Record, issues: list[Issue]) -> bool:
    """Check the row's dates, count its notes and report its problems (with the whole row); whether it is kept."""
    if plan.dates and not any(i.severity == "reject" for i in issues):
        issues.extend(_date_warnings(plan, row.number, record, *plan.dates))
    if issues and NOTE_CODES:
        issues = _counted_notes(issues, plan.notes)
    if not issues:
        return True
    whole = _whole_row(plan.headers, row.cells)
    if any(i.severity == "reject" for i in issues):
        report.rejected += 1
        report.foreign += any(i.code == "foreign_number" for i in issues)
        report.issues.extend(replace(i, cells=whole) for i in issues if i.severity == "reject")
        return False
    for issue in issues:
        report.add_issue(replace(issue, cells=whole))
    return True


def _date_warnings(plan: _RowPlan, number: int, record: Record, as_of: date, today: date) -> list[Issue]:
    return [
        Issue("warning", plan.sheet, number, plan.labels.get(name, name), value, reason, code)
        for name, code, value, reason in date_problems(plan.spec, record, as_of, today)
    ]


def _whole_row(headers: tuple[str, ...], cells: tuple[str | None, ...]) -> str:
    """The row as the file wrote it, under its own headers, for ``ipdb rejects -o`` (fix and send back)."""
    return json.dumps([[h, c or ""] for h, c in zip(headers, cells, strict=False) if h or c], ensure_ascii=False)


def _parse_row(plan: _RowPlan, number: int, raws: list[str | None]) -> tuple[Record, list[Issue]]:
    record: Record = {}
    issues: list[Issue] = []
    for binding, raw, cache in zip(plan.bindings, raws, plan.caches, strict=True):
        if raw is None:
            continue
        parsed = cache.get(raw, _MISSING)
        if parsed is _MISSING:
            parsed = cache[raw] = _parse_cell(binding, raw)
        if isinstance(parsed, Reject):
            issues.append(Issue("reject", plan.sheet, number, binding.label, raw, parsed.reason, parsed.code))
        elif isinstance(parsed, Flagged):
            record[binding.column.field] = parsed.value
            issues.append(Issue("warning", plan.sheet, number, binding.label, raw, parsed.warning, parsed.code))
        else:
            record[binding.column.field] = parsed
    missing: list[object] = [f for f, _ in plan.required if f not in record] or [
        g for g, _ in plan.groups if not any(f in record for f in g)
    ]
    if missing or plan.spec.check_row:
        issues.extend(_row_checks(plan, number, record, issues))
    return record, issues


_MISSING = object()
CACHE_REVIEW = 4096  # rows between looks at which columns' values repeat


class _Uncached(dict[str, Any]):
    """The cache of a column whose values hardly repeat (application numbers, titles): remembers nothing,
    so the parse-once cache never holds a copy of every value of a large file."""

    def __setitem__(self, key: str, value: Any) -> None:
        pass


def _drop_useless_caches(plan: _RowPlan, rows: int) -> None:
    for index, cache in enumerate(plan.caches):
        if not isinstance(cache, _Uncached) and len(cache) > rows * 0.9:
            plan.caches[index] = _Uncached()


def _parse_cell(binding: Binding, raw: str) -> Any:
    column = binding.column
    try:
        if column.parse is None:
            return raw.strip()
        if column.money:
            return column.parse(raw, binding.unit or "万元")
        return column.parse(raw)
    except Reject as exc:
        return exc
    except (ValueError, TypeError, ArithmeticError):
        return Reject(f"无法识别的{column.header}", "unparseable")


def _row_checks(plan: _RowPlan, number: int, record: Record, issues: list[Issue]) -> list[Issue]:
    rejected = {i.column for i in issues if i.severity == "reject"}
    found = [
        Issue("reject", plan.sheet, number, label, "", f"「{label}」为空，这一行无法导入", "missing_required")
        for field, label in plan.required
        if field not in record and label not in rejected
    ]
    for group, names in plan.groups:
        if not any(f in record for f in group) and not any(plan.labels.get(f) in rejected for f in group):
            found.append(
                Issue("reject", plan.sheet, number, names, "", f"{names}均为空，这一行无法导入", "missing_required")
            )
    if plan.spec.check_row and not found and not rejected:
        problem = plan.spec.check_row(record)
        if problem:
            label = plan.labels.get(problem[0], plan.spec.field_header(problem[0]))
            found.append(Issue("reject", plan.sheet, number, label, "", problem[1], "row_check"))
    return found
