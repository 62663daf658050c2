"""Helpers shared by tests: writers of real messy spreadsheets, an import runner, store inspection."""

from __future__ import annotations

import contextlib
import csv
import os
import subprocess
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from ipdb.importers.pipeline import ImportOptions, import_files
from ipdb.importers.report import ImportReport
from ipdb.store import Store

TODAY = date(2026, 11, 28)
ROOT = Path(__file__).resolve().parents[1]


def write_sheet(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str | None = None,
                extra_top: Sequence[Sequence[Any]] = (), bottom: Sequence[Sequence[Any]] = (),
                sheet: str = "Sheet1") -> Path:
    """An .xlsx like the bureau's: optional title row(s) above the header and notes below the data."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, len(headers)))
    for row in extra_top:
        ws.append(list(row))
    ws.append(list(headers))
    for row in [*rows, *bottom]:
        ws.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8") -> Path:
    """A CSV export: the header row, then ``rows`` (``utf-8-sig``: with the BOM Excel writes)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def run(store: Store, *paths: Path, **options: Any) -> list[ImportReport]:
    options.setdefault("today", TODAY)
    return import_files(store, list(paths), ImportOptions(**options))


def one(store: Store, path: Path, **options: Any) -> ImportReport:
    (report,) = run(store, path, **options)
    assert report.error is None, report.error
    return report


def table_counts(store: Store) -> dict[str, int]:
    """Row count of every table: the store's whole state, for 'nothing changed' assertions."""
    with store.engine.connect() as conn:
        names = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))]
        return {n: conn.execute(text(f'SELECT COUNT(*) FROM "{n}"')).scalar() for n in names}


def query(store: Store, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A real small disk at ``folder`` (a tmpfs, so root only) to fill up or remount read-only; skip elsewhere."""
    folder.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    ).returncode == 0
    if not mounted:
        pytest.skip("needs root and tmpfs mounts to make a real full or read-only disk")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def every_row(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, ids included, sorted, but the import's own clock (``imported_at``)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        found = {}
        for name in names:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")') if r[1] != "imported_at"]
            quoted = ", ".join(f'"{c}"' for c in columns)
            found[name] = sorted(conn.execute(f'SELECT {quoted} FROM "{name}"'), key=repr)
        return found


PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "专利权人"]


def patent_number(i: int) -> str:
    """The i-th application number of a small generated register, with its check digit."""
    body = f"2018{1 + i % 3}{i:07d}"
    r = sum(int(d) * (2, 3, 4, 5, 6, 7, 8, 9)[k % 8] for k, d in enumerate(body)) % 11
    return f"{body}.{'X' if r == 10 else r}"


def patent_row(i: int, status: str = "有效") -> list[str]:
    """Right i of that register under PATENT_HEADERS; right 13 is granted after the first quarter's date (warned)."""
    granted = "2026-05-01" if i == 13 else f"2020-{1 + i % 12:02d}-03"
    return [patent_number(i), f"一种装置{i}", f"2018-{1 + i % 12:02d}-01", granted, status, f"甲{i % 3}有限公司"]


def reads_only(monkeypatch: Any) -> None:
    """Every store connection opened from now on is query_only: SQLite's rule for what PostgreSQL's READ ONLY
    transaction of a reading command forbids (any write, a temporary table included)."""
    from ipdb import store as store_module

    connect = store_module._connect

    def query_only(path: Any, *, read_only: bool) -> Any:
        conn = connect(path, read_only=read_only)
        conn.execute("PRAGMA query_only = ON")
        return conn

    monkeypatch.setattr(store_module, "_connect", query_only)
