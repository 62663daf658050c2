"""Rows of a located table into records: each cell parsed once (cached per distinct text), every problem
collected as an Issue with the Excel row number, a row with any reject kept out of the store.

Most rows of a large file have no problem at all. They take the clean path (``_clean_record``): cached values
straight into the record, no Issue machinery. A row with any reject, warning or missing field is parsed again
by the full path (``_parse_row`` and ``_settle``), so its problems are reported exactly as they always were; a
row whose cells are clean but whose dates cannot be right keeps its clean record and has them reported."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import repeat
from operator import itemgetter
from typing import Any

from ipdb.catalogue import CATALOGUE, message
from ipdb.importers.binding import Binding
from ipdb.importers.date_checks import date_problems, dated_rows
from ipdb.importers.faults import CellFault
from ipdb.importers.known import FINGERPRINT, Fingerprints, KnownRow
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
    caches: list[_Cache]
    fields: tuple[str, ...] = ()
    # for each required field and one_of group, the binding positions of which a row needs a cell;
    # None: no row takes the clean path
    needed: tuple[tuple[int, ...], ...] | None = ()
    headers: tuple[str, ...] = ()
    dates: tuple[date, date] | None = None  # (the register's date, today) when the kind checks its dates
    notes: Counter[str] = field(default_factory=Counter)  # problems said once per file, counted
    seen: int = 0  # rows looked at so far (the caches are reviewed every CACHE_REVIEW rows)
    unique: bool = True  # no field bound twice
    fingerprints: Fingerprints | None = None  # of the rows of a register (ipdb.importers.known)

    @classmethod
    def of(cls, spec: SheetSpec, table: Table, bindings: list[Binding]) -> _RowPlan:
        labels = {b.column.field: b.label for b in bindings}
        required = [(c.field, labels.get(c.field, c.header)) for c in spec.columns if c.required]
        groups = [(g, "、".join(labels.get(f, spec.field_header(f)) for f in g)) for g in spec.one_of]
        fields = tuple(b.column.field for b in bindings)
        needed = [
            tuple(i for i, f in enumerate(fields) if f in g)
            for g in [(f,) for f, _ in required] + [g for g, _ in groups]
        ]
        clean = all(needed)  # a required field without a column: every row is missing it
        return cls(
            spec,
            table.sheet,
            bindings,
            required,
            groups,
            labels,
            [_Cache(b) for b in bindings],
            fields,
            tuple(needed) if clean else None,
            unique=len(set(fields)) == len(fields),
        )


class RowParser:
    """One table's rows parsed: ``feed`` the whole table, or each chunk of it in order, then ``finish``. A row
    with any reject is reported (all its problems) and not returned; ``clean_path=False`` sends every row
    through the full path (the same records and issues, slower). The caches, the notes said once per file and
    the reader's faults span the chunks, so any chunking gives the same records and report as one feed."""

    def __init__(
        self,
        spec: SheetSpec,
        table: Table,
        bindings: list[Binding],
        report: ImportReport,
        today: date | None = None,
        *,
        clean_path: bool = True,
        fingerprints: Fingerprints | None = None,
    ) -> None:
        plan = self.plan = _RowPlan.of(spec, table, bindings)
        plan.fingerprints = fingerprints  # computed on either path, looked up by the clean path only
        if not clean_path:
            plan.needed = None
        day = today or date.today()
        plan.dates = (report.as_of or day, day) if spec.not_after or spec.not_before or spec.term_years else None
        self.report, self.faults = report, table.faults
        self.damaged = {f.row: f for f in table.faults if f.severity == "reject"}
        self.unmapped: list[Skip] = []  # listed after every skipped row of the table, as one pass lists them

    def feed(self, chunk: Table) -> list[tuple[int, Record]]:
        """The records of one chunk of the table (its rows and skipped rows)."""
        self.plan.headers = chunk.headers
        self.report.skipped += len(chunk.skipped)
        self.report.skipped_rows.extend(Skip(chunk.sheet, s.number, s.reason) for s in chunk.skipped)
        return list(_records(self.plan, chunk, self.report, self.damaged, self.unmapped))

    def finish(self) -> None:
        report, sheet = self.report, self.plan.sheet
        report.skipped_rows.extend(self.unmapped)
        report.notes.extend(message(code, count=count) for code, count in self.plan.notes.items())
        for fault in [*self.damaged.values(), *(f for f in self.faults if f.severity != "reject")]:
            # a cell left out by the reader, or damage above the header: reported, never silently dropped
            report.add_issue(Issue("warning", sheet, fault.row, fault.column, fault.value, fault.reason, fault.code))


def _records(
    plan: _RowPlan, table: Table, report: ImportReport, damaged: dict[int, CellFault], unmapped: list[Skip]
) -> Iterator[tuple[int, Record]]:
    group_at = next((b.index for b in plan.bindings if b.column.field == plan.spec.group_by), None)
    cells_of = _cell_picker(plan.bindings)
    at = 0
    while at < len(table.rows):  # blocks end where the caches are reviewed, counted over the whole table
        rows = table.rows[at : at + CACHE_REVIEW - plan.seen % CACHE_REVIEW]
        block = list(map(cells_of, map(itemgetter(1), rows)))
        prints, records, dated = _parsed(plan, rows, block)
        for i, (row, raws, record, fingerprint) in enumerate(zip(rows, block, records, prints, strict=True)):
            if damaged and row.number in damaged:
                _reject_damaged(report, table.sheet, damaged.pop(row.number))
                continue
            if record is None and not any(raws):
                report.skipped += 1  # only unmapped cells (序号, remarks): not a data row
                unmapped.append(Skip(table.sheet, row.number, NO_MAPPED_VALUE))
                continue
            report.rows += 1
            if type(record) is KnownRow:
                yield row.number, record  # type: ignore[misc]  # continues unchanged (ipdb.importers.known)
                continue
            issues = None
            if record is None:
                record, issues = _parse_row(plan, row.number, raws)
            elif (
                plan.dates
                and (dated is None or i in dated)
                and next(date_problems(plan.spec, record, *plan.dates), None)
            ):
                issues = []  # clean cells, dates that cannot be right: _settle reports them as for any row
            if row.merged and group_at in row.merged:
                record[MERGED_ROW] = row.merged[group_at]
            if issues is None or _settle(plan, report, row, record, issues):
                if fingerprint and not issues and "credit_code" not in record:  # no problem at all, no code taught
                    record[FINGERPRINT] = fingerprint
                yield row.number, record
        plan.seen, at = plan.seen + len(rows), at + len(rows)
        if plan.seen % CACHE_REVIEW == 0:
            _drop_useless_caches(plan, plan.seen)


def _cell_picker(bindings: list[Binding]) -> Callable[[tuple[str | None, ...]], Sequence[str | None]]:
    """The raw cell of each binding in a row (its --set constant where the cell is empty or absent)."""
    positions = [b.index for b in bindings]
    constants = [b.constant for b in bindings]
    plain = [i for i in positions if i is not None]
    if len(plain) < max(2, len(positions)) or any(c is not None for c in constants):

        def pick(cells: tuple[str | None, ...]) -> list[str | None]:
            raws = [cells[i] if i is not None and i < len(cells) else None for i in positions]
            return [raw if raw is not None else constant for raw, constant in zip(raws, constants, strict=True)]

        return pick
    every, width = itemgetter(*plain), max(plain) + 1  # C-speed for the usual row: every cell present

    def pick_plain(cells: tuple[str | None, ...]) -> Sequence[str | None]:
        if len(cells) >= width:
            return every(cells)  # type: ignore[no-any-return]
        return [cells[i] if i < len(cells) else None for i in plain]

    return pick_plain


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


def _clean_records(plan: _RowPlan, block: list[Sequence[str | None]]) -> tuple[list[Record | None], set[int] | None]:
    """Each row's record when no cell, required field or row check needs reporting; None sends it through the
    full path. Worked column by column (each cache gives ABSENT for an empty cell), so that the usual row costs
    a few C-speed passes instead of a call of its own. Also the rows whose dates may be wrong (None: any row)."""
    if plan.needed is None or not block or not plan.caches:
        return [None] * len(block), set()
    columns = list(zip(*block, strict=True))
    odd: set[int] = set()  # rows for the full path
    if not plan.needed:  # no field is required: a row without any mapped value is still no data row
        odd.update(i for i, raws in enumerate(block) if not any(raws))
    for group in plan.needed:  # every cell of a required field or one_of group is empty
        cells = columns[group[0]] if len(group) == 1 else list(map(_first, *(columns[p] for p in group)))
        if None in cells:
            odd.update([i for i, raw in enumerate(cells) if raw is None])
    values = [list(map(cache.__getitem__, column)) for cache, column in zip(plan.caches, columns, strict=True)]
    for column in values:
        if any(map(isinstance, column, repeat(_PROBLEMS))):
            odd.update(i for i, value in enumerate(column) if isinstance(value, _PROBLEMS))
    fields, rows = plan.fields, list(zip(*values, strict=True))
    records: list[Record | None] = list(map(dict, map(zip, repeat(fields), rows)))
    for name, column in zip(fields, values, strict=True):
        if ABSENT in column:
            for i in [i for i, value in enumerate(column) if value is ABSENT]:
                record = records[i]
                if plan.unique:
                    del record[name]  # type: ignore[union-attr]
                else:  # a field bound twice keeps the value of the binding that has one, as a whole row would
                    records[i] = {f: value for f, value in zip(fields, rows[i], strict=True) if value is not ABSENT}
    check = plan.spec.check_row
    for i in odd if check is None else range(len(records)):
        if i in odd or check(records[i]):  # type: ignore[misc, arg-type]
            records[i] = None
    dated = set() if not plan.dates else dated_rows(plan.spec, fields if plan.unique else (), values, *plan.dates)
    return records, dated


def _parsed(
    plan: _RowPlan, rows: Sequence[DataRow], block: list[Sequence[str | None]]
) -> tuple[list[Any], list[Any], set[int] | None]:
    """Each row's fingerprint (None: it keeps none), and its record from ``_clean_records``, or the KnownRow of
    a row recognised unparsed (ipdb.importers.known): only the others are parsed. Also the rows whose dates
    may be wrong (None: any row)."""
    prints = plan.fingerprints
    if prints is None:
        return [None] * len(block), *_clean_records(plan, block)
    fingerprints = [None if row.merged else prints.of(raws) for row, raws in zip(rows, block, strict=True)]
    known = [prints.hit(f) if f and plan.needed is not None else None for f in fingerprints]
    if not any(known):
        return fingerprints, *_clean_records(plan, block)
    unknown = [i for i, hit in enumerate(known) if hit is None]
    records, dated = _clean_records(plan, [block[i] for i in unknown])
    rest = iter(records)
    parsed = [hit if hit is not None else next(rest) for hit in known]
    return fingerprints, parsed, None if dated is None else {unknown[i] for i in dated}


def _first(*cells: str | None) -> str | None:
    """A cell of a group that is not empty, or None when all are."""
    return next((cell for cell in cells if cell is not None), None)


def _parse_row(plan: _RowPlan, number: int, raws: Sequence[str | None]) -> tuple[Record, list[Issue]]:
    record: Record = {}
    issues: list[Issue] = []
    for binding, raw, cache in zip(plan.bindings, raws, plan.caches, strict=True):
        if raw is None:
            continue
        parsed = cache[raw]
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


_PROBLEMS = (Reject, Flagged)
CACHE_REVIEW = 4096  # rows between looks at which columns' values repeat


ABSENT = object()  # what a column's cache gives for an empty cell (None): no value, no problem


class _Cache(dict[str | None, Any]):
    """One column's parsed values by cell text: a text is parsed the first time it is looked up."""

    def __init__(self, binding: Binding) -> None:
        super().__init__({None: ABSENT})
        self.binding = binding

    def __missing__(self, raw: str) -> Any:
        parsed = self[raw] = _parse_cell(self.binding, raw)
        return parsed


class _Uncached(_Cache):
    """The cache of a column whose values hardly repeat (application numbers, titles): remembers nothing,
    so the parse-once cache never holds a copy of every value of a large file."""

    def __missing__(self, raw: str) -> Any:
        return _parse_cell(self.binding, raw)


def _drop_useless_caches(plan: _RowPlan, rows: int) -> None:
    for index, cache in enumerate(plan.caches):
        if not isinstance(cache, _Uncached) and len(cache) > rows * 0.9:
            plan.caches[index] = _Uncached(cache.binding)


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
