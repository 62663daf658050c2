"""The one import pipeline: read → find the table → tell the kind → parse every row → write atomically.
It imports no Rich and never prompts; the CLI passes a progress callback and renders the report."""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from ipdb.errors import (
    IpdbError,
    MissingColumns,
    NoTableFound,
    StoreError,
    UnknownSheetKind,
    UnmappedColumns,
    UnreadableFile,
)
from ipdb.facts import count_left
from ipdb.importers import KINDS
from ipdb.importers.batch_rows import finish_batch, insert_batch, unmatched
from ipdb.importers.binding import Binding, Options, bind, detect, known_label, missing_fields
from ipdb.importers.columns import ignored_columns, infer_bindings, listed, map_hint
from ipdb.importers.known import Known, KnownAgain, read_known
from ipdb.importers.located import Located, parse_located
from ipdb.importers.read import ReadAgain, ReadLimits, limits_from_env, read_file
from ipdb.importers.repeats import find_repeat, repeat_report, sha256_of
from ipdb.importers.report import ImportReport, refused, refused_snapshot
from ipdb.importers.spans import event_span
from ipdb.importers.spec import SheetSpec
from ipdb.importers.table import Table, find_table
from ipdb.importers.upserts import WRITE_ROWS, WriteContext, WriteResult
from ipdb.models import ImportBatch
from ipdb.store import Store
from ipdb.values.dates import as_of_from_file_name, as_of_from_title
from ipdb.values.money import unit_from_text

CHUNK_ROWS = 5000  # rows read and parsed at a time (ImportOptions.chunk_rows)
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")
_YEAR_TITLE = re.compile(r"(\d{4})\s*年度")

# on_progress(stage, rows): stage is what a person reads ("读取「x.xlsx」", "写入数据库"), rows done so far
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class ImportOptions:
    kind: str | None = None
    as_of: date | None = None
    snapshot: bool = False
    dry_run: bool = False
    strict: bool = False  # an ignored unknown column is an error (for scripts)
    sets: dict[str, str] = field(default_factory=dict)
    maps: dict[str, str] = field(default_factory=dict)
    limits: ReadLimits = field(default_factory=limits_from_env)  # IPDB_MAX_FILE_MB, IPDB_MAX_UNZIPPED_MB
    today: date | None = None  # the import day; tests fix it
    quarter_end: date | None = None  # run --quarter: the date of files that state none of their own
    clean_path: bool = True  # False: every row parsed by the full path (the same result, slower; tests compare)
    chunk_rows: int | None = CHUNK_ROWS  # None: each sheet read whole (the same result, more memory; tests compare)
    write_rows: int | None = WRITE_ROWS  # None: a register's rights written at once (the same result, more memory)
    known_rows: bool = True  # False: no row recognised unparsed (ipdb.importers.known; the same result, slower)

    def header_options(self) -> Options:
        from ipdb.importers.spec import header_key

        return Options({header_key(k): v for k, v in self.maps.items()}, dict(self.sets))

    def fingerprint(self) -> str:
        return json.dumps({"set": self.sets, "map": self.maps}, ensure_ascii=False, sort_keys=True)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for the spreadsheets directly inside it, by name."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in SPREADSHEET_SUFFIXES and not p.name.startswith(("~$", "."))
                )
            )
        else:
            found.append(path)
    return found


def import_files(
    store: Store, paths: Iterable[Path], options: ImportOptions, on_progress: Progress | None = None
) -> list[ImportReport]:
    """Import each file in its own transaction; a file that cannot be imported gets a report with ``error``."""
    reports = []
    for path in expand_paths(paths):
        try:
            with bulk_phase():
                reports.append(import_file(store, path, options, on_progress))
        except IpdbError as exc:
            reports.append(refused(path, options.kind or "", exc))
            if isinstance(exc, StoreError):
                break  # busy, read-only, full or damaged: no later file would fare better
    if options.snapshot and not options.dry_run:
        _settle_left(store, reports)
    return reports


def _settle_left(store: Store, reports: list[ImportReport]) -> None:
    """The files of one --snapshot import are together the complete register: a right that the first file
    does not list but a later one does has not left. Count once, after all of them, on the last file."""
    groups: dict[tuple[str, date], list[ImportReport]] = {}
    for report in reports:
        if report.batch_id is not None and report.as_of is not None:
            groups.setdefault((report.kind, report.as_of), []).append(report)
    table = ImportBatch.__table__
    with store.atomic() as conn:
        for (kind, day), members in groups.items():
            if len(members) > 1:
                anything_left = any(m.left for m in members)
                for report in members:
                    report.left = 0
                members[-1].left = count_left(conn, kind, day) if anything_left else 0
                for report in members:
                    conn.execute(table.update().where(table.c.id == report.batch_id).values(left=report.left))


@contextmanager
def bulk_phase() -> Iterator[None]:
    """Cyclic garbage collection paused: an import makes millions of small acyclic objects (cells, tuples)
    whose reference counts free them; the collector only rescans them (measured 0.84x of the import time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_file(store: Store, path: Path, options: ImportOptions, on_progress: Progress | None = None) -> ImportReport:
    if not path.is_file():
        raise UnreadableFile(f"找不到文件「{path}」：请检查文件名和所在文件夹。")
    try:
        return _import_file(store, path, options, on_progress)
    except ReadAgain:  # a cell only a whole read can repair; nothing was written yet
        return import_file(store, path, replace(options, chunk_rows=None), on_progress)
    except KnownAgain:  # a right stated twice, once recognised: nothing was written yet
        return import_file(store, path, replace(options, known_rows=False), on_progress)


def _import_file(store: Store, path: Path, options: ImportOptions, on_progress: Progress | None) -> ImportReport:
    sha = sha256_of(path)
    notify = on_progress or _quiet
    stage = [f"读取「{path.name}」"]  # a file read in chunks is read while its rows are checked: rows read so far
    sheets = read_file(
        path,
        limits=options.limits,
        on_progress=lambda rows: notify(stage[0], rows),
        chunk_rows=options.chunk_rows,
    )
    header_options = options.header_options()
    report = ImportReport(file=str(path), kind=options.kind or "", snapshot=options.snapshot, dry_run=options.dry_run)
    tables = _tables(path, sheets, options, header_options, report)
    spec = _choose_spec(path, tables, options, header_options)
    bound = _bind_tables(path, spec, tables, header_options, report, options.strict)
    report.kind, report.kind_title = spec.kind, spec.title
    report.as_of, report.as_of_source = decide_as_of(options, [t.table.title for t, _ in bound], path)
    if options.snapshot and not spec.register:
        raise UnknownSheetKind(
            f"「{spec.title}」不是权利登记簿，不能用 --snapshot：只有专利、商标、马德里清单可以声明为完整快照。"
        )
    repeat = find_repeat(store, sha, spec.kind, report.as_of, options.snapshot, options.fingerprint())
    if repeat is not None:
        return repeat_report(report, repeat)
    stage[0] = f"检查「{path.name}」的各行"
    notify(stage[0], 0)
    try:  # parsed inside the write's transaction: what it recognises unparsed stays true (ipdb.importers.known)
        with store.atomic(foreign_keys=False) as conn:  # tests/importers/test_unchecked_write.py
            known = _known(conn, spec, bound, report.as_of, options)
            records = []
            for located, bindings in bound:
                records.extend(parse_located(spec, located, bindings, report, options.today, options.clean_path, known))
            titles = [*(t.table.title for t, _ in bound), path.stem]
            report.covers = event_span(spec.kind, (r for _, r in records), titles, report.as_of)
            del sheets, tables, bound  # the raw cells are parsed: free them before the write, not after it
            notify("写入数据库", len(records))
            _write(conn, path, sha, spec, records, report, options, known)
    except _DryRun:
        report.batch_id = None
    return report


def _known(
    conn: Connection, spec: SheetSpec, bound: list[tuple[Located, list[Binding]]], day: date, options: ImportOptions
) -> Known | None:
    """The register read whole, when the file names about all of it and its rows may be recognised unparsed."""
    if not (options.known_rows and options.clean_path and spec.register and spec.compact is not None):
        return None
    return read_known(conn, spec.kind, day, sum(located.size for located, _ in bound))


def _quiet(_stage: str, _rows: int) -> None:  # no progress display (scripts and tests)
    pass


# ---- tables, kinds and columns -------------------------------------------------------------------


def _tables(
    path: Path, sheets: list[Any], options: ImportOptions, header_options: Options, report: ImportReport
) -> list[Located]:
    specs = [KINDS[options.kind]] if options.kind else list(KINDS.values())
    is_known = known_label(specs, header_options)
    tables = []
    for sheet in sheets:
        found = find_table(sheet, is_known) if sheet.rows else None
        if found is None:
            report.notes.append(f"工作表「{sheet.name}」{'为空' if not sheet.rows else '中没有清单表头'}，已跳过。")
        else:
            tables.append(Located.of(found, options.chunk_rows))
            if sheet.hidden:
                report.notes.append(f"工作表「{sheet.name}」在 Excel 中是隐藏的，其中的清单已照常导入。")
    if not tables:
        raise NoTableFound(
            f"文件「{path.name}」中没有找到可识别的清单表头：请确认表头行含有“申请号”“企业名称”等列名，"
            f"或用 --map 原表头=字段 说明。"
        )
    return tables


def _choose_spec(path: Path, tables: list[Located], options: ImportOptions, header_options: Options) -> SheetSpec:
    if options.kind:
        return KINDS[options.kind]
    errors: list[IpdbError] = []
    for located in sorted(tables, key=lambda t: -t.size):
        try:
            return detect(list(KINDS.values()), located.table.headers, header_options, _where(path, located.table))
        except UnknownSheetKind as exc:
            errors.append(exc)
    raise errors[0]


def _where(path: Path, table: Table) -> str:
    return f"文件「{path.name}」工作表「{table.sheet}」"


def _bind_tables(
    path: Path, spec: SheetSpec, tables: list[Located], header_options: Options, report: ImportReport, strict: bool
) -> list[tuple[Located, list[Binding]]]:
    bound, problems = [], []
    for located in tables:
        table = located.table
        bindings = bind(spec, table.headers, header_options, unit_from_text(table.title))
        located = located.for_binding(spec, bindings)
        table = located.table
        inferred = infer_bindings(spec, table, bindings)
        bindings += [binding for binding, _ in inferred]
        missing = missing_fields(spec, bindings)
        if missing:
            problems.append(f"{_where(path, table)}缺少必需的列：{'、'.join(missing)}{map_hint(spec, table, bindings)}")
            report.notes.append(f"工作表「{table.sheet}」不是{spec.title}（缺少 {'、'.join(missing)}），已跳过。")
        else:
            bound.append((located, bindings))
            report.sheets.append(table.sheet)
            report.inferred_columns.extend(note for _, note in inferred)
            report.ignored_columns.extend(ignored_columns(table, bindings))
    if not bound:
        raise MissingColumns(
            f"{problems[0]}。请在表头中补上这些列，或用 --map 原表头=字段 指明对应的列，"
            f"或用 --set 表头=值 为每一行补上。"
        )
    unknown = [c for c in report.ignored_columns if not c.known]
    if strict and unknown:
        raise UnmappedColumns(
            f"文件「{path.name}」有未识别的列：{listed(unknown)}（--strict 不允许忽略列）。"
            f"请用 --map 原表头=字段 指明它们对应的字段，或从表中删去这些列。"
        )
    return bound


def decide_as_of(options: ImportOptions, titles: list[str], path: Path) -> tuple[date, str]:
    """--as-of, else a date in a title (截至…, 2021年第三季度, 2021年度), else in the file name, else the quarter
    end of ``run --quarter``, else today (domain.md Part I "The register's date")."""
    if options.as_of:
        return options.as_of, "option"
    for title in titles:
        found = as_of_from_title(title) or _year_end(title)
        if found:
            return found, "title"
    found = as_of_from_file_name(path.stem) or _year_end(path.stem)
    if found:
        return found, "file_name"
    if options.quarter_end:
        return options.quarter_end, "quarter"
    return options.today or date.today(), "import_day"


def _year_end(text_: str) -> date | None:
    match = _YEAR_TITLE.search(text_)
    return date(int(match.group(1)), 12, 31) if match else None


# ---- writing -------------------------------------------------------------------------------------


class _DryRun(Exception):
    """Raised inside the transaction of a --dry-run import so that nothing is kept."""


def _write(
    conn: Connection,
    path: Path,
    sha: str,
    spec: SheetSpec,
    records: list[tuple[int, Any]],
    report: ImportReport,
    options: ImportOptions,
    known: Known | None,
) -> None:
    if options.snapshot and not records:  # surely not the whole register: refused, not every right "left"
        raise refused_snapshot(path, report)
    batch_id = insert_batch(conn, path, sha, spec.kind, report, options.snapshot, options.fingerprint())
    ctx = WriteContext(conn, batch_id, report.as_of or date.today(), spec.kind, options.snapshot, report)
    ctx.write_rows, ctx.known = options.write_rows, known
    result = spec.write(ctx, records) if records else WriteResult()
    report.inserted, report.updated = result.inserted, result.updated
    report.unchanged, report.left = result.unchanged, result.left
    report.unmatched_holders = unmatched(conn, ctx.holder_ids)
    finish_batch(conn, batch_id, report)
    report.batch_id = batch_id
    if options.dry_run:
        raise _DryRun
