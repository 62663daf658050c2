"""A quarter's inbox: a folder of spreadsheets and, optionally, a manifest saying how to import each one.

The manifest (``导入说明.csv`` in the folder, UTF-8 or GBK) has the columns 文件, 类型, 截止日, 完整快照,
补充列 and 表头映射 — the same choices as ``ipdb import``'s --kind, --as-of, --snapshot, --set and --map
(补充列 and 表头映射 hold ``表头=值`` pairs separated by ；). Files the manifest does not name are imported
with the kind and date read from the file itself.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ipdb.errors import InvalidValue, NotFound
from ipdb.importers.pipeline import ImportOptions, Progress, expand_paths, import_files
from ipdb.importers.report import ImportReport
from ipdb.kind_names import resolve_kind
from ipdb.store import Store
from ipdb.values import Reject
from ipdb.values.dates import parse_date

MANIFEST = "导入说明.csv"
MANIFEST_HEADERS = ("文件", "类型", "截止日", "完整快照", "补充列", "表头映射")


@dataclass(frozen=True)
class Planned:
    path: Path
    options: ImportOptions = field(default_factory=ImportOptions)


def plan_inbox(folder: Path, base: ImportOptions) -> list[Planned]:
    """Every spreadsheet of the folder, in manifest order first, with the options the manifest gives."""
    manifest = _read_manifest(folder, base)
    listed = {p.path.name for p in manifest}
    rest = [Planned(p, base) for p in expand_paths([folder]) if p.name not in listed and p.name != MANIFEST]
    return manifest + rest


def import_inbox(
    store: Store, folder: Path, base: ImportOptions, on_progress: Progress | None = None
) -> list[ImportReport]:
    if not folder.is_dir():
        raise NotFound(f"找不到文件夹「{folder}」：请确认路径，或先把本季度收到的表格放进 imports/ 下的一个文件夹。")
    reports = []
    for planned in plan_inbox(folder, base):
        reports.extend(import_files(store, [planned.path], planned.options, on_progress))
    return reports


def import_paths(
    store: Store, paths: list[Path], options: ImportOptions, on_progress: Progress | None = None
) -> list[ImportReport]:
    """What ``ipdb import`` is given: a folder holding 导入说明.csv is an inbox (imported as its manifest says),
    any other folder stands for its spreadsheets, a file for itself. A folder without a spreadsheet is an error."""
    reports = []
    for path in paths:
        if path.is_dir() and not expand_paths([path]):
            raise NotFound(f"文件夹「{path}」中没有表格文件（.xlsx、.xls、.csv）：请确认收到的表格放在这个文件夹里。")
        if path.is_dir() and (path / MANIFEST).is_file():
            reports.extend(import_inbox(store, path, options, on_progress))
        elif path.is_dir():
            reports.extend(_folder(store, path, options, on_progress))
        else:
            reports.extend(import_files(store, [path], options, on_progress))
    return reports


NOTE_SUFFIXES = (".txt",)  # a folder's .txt is read as a table when it is one, and is a note beside them when not


def _folder(store: Store, folder: Path, options: ImportOptions, on_progress: Progress | None) -> list[ImportReport]:
    reports = []
    for path in expand_paths([folder]):
        [report] = import_files(store, [path], options, on_progress)
        if not (report.error and report.rows == 0 and path.suffix.lower() in NOTE_SUFFIXES):
            reports.append(report)
    return reports


def not_spreadsheets(paths: list[Path], reports: list[ImportReport]) -> list[str]:
    """Names of the files in the given folders that were skipped: not spreadsheets, or a .txt holding no table."""
    reported = {Path(r.file).name for r in reports}
    return sorted(
        f.name
        for folder in paths
        if folder.is_dir()
        for f in folder.iterdir()
        if f.is_file() and f.name not in reported and not f.name.startswith(("~$", ".")) and f.name != MANIFEST
    )


def _read_manifest(folder: Path, base: ImportOptions) -> list[Planned]:
    path = folder / MANIFEST
    if not path.is_file():
        return []
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig") if _is_utf8(raw) else raw.decode("gb18030")
    rows = list(csv.DictReader(text.splitlines()))
    return [
        _planned(folder, row, number, base)
        for number, row in enumerate(rows, start=2)
        if (row.get("文件") or "").strip()
    ]


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _planned(folder: Path, row: dict[str, str], number: int, base: ImportOptions) -> Planned:
    where = f"{MANIFEST} 第 {number} 行"
    path = folder / row["文件"].strip()
    if not path.is_file():
        raise NotFound(f"{where}列出的文件「{path.name}」不在文件夹「{folder}」中：请核对文件名。")
    return Planned(
        path,
        replace(
            base,
            kind=resolve_kind((row.get("类型") or "").strip() or None) or base.kind,
            as_of=_as_of(row.get("截止日"), where) or base.as_of,
            snapshot=(row.get("完整快照") or "").strip() in ("是", "Y", "y", "1", "√", "true"),
            sets={**base.sets, **_pairs(row.get("补充列"), where)},
            maps={**base.maps, **_pairs(row.get("表头映射"), where)},
        ),
    )


def _as_of(value: str | None, where: str) -> date | None:
    if not value or not value.strip():
        return None
    try:
        return parse_date(value)
    except Reject as exc:
        raise InvalidValue(f"{where}的截止日「{value}」无法识别：{exc.reason}") from None


def _pairs(value: str | None, where: str) -> dict[str, str]:
    pairs = {}
    for item in (value or "").replace(";", "；").split("；"):
        if item.strip():
            head, sep, tail = item.replace("＝", "=").partition("=")
            if not sep:
                raise InvalidValue(f"{where}的「{item}」应写成 表头=值。")
            pairs[head.strip()] = tail.strip()
    return pairs
