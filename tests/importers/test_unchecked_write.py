"""An import writes with SQLite's foreign-key checks off (``Store.atomic(foreign_keys=False)``): every parent
row of what it inserts is one the same write made or read. These tests are the net those checks were: after
the demo district, a re-import that changes rights, a dry run and an undo, no row of the store points at a row
that is not there; and every connection the store hands out afterwards checks foreign keys again.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import text

from ipdb.importers.pipeline import ImportOptions, import_files
from ipdb.inbox import import_inbox
from ipdb.store import Store, open_store
from ipdb.undo import undo_import

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 28)


def _orphans(store: Store) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text("PRAGMA foreign_key_check"))]


def _checks_foreign_keys(store: Store) -> bool:
    with store.atomic() as conn:
        return conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def _changed_patents(tmp_path: Path) -> Path:
    """The demo's patent export with every second data row in force marked lapsed (a re-import that writes)."""
    from openpyxl import load_workbook

    source = ROOT / "imports" / "demo" / "专利清单_2026Q3.xlsx"
    changed = tmp_path / source.name
    shutil.copy(source, changed)
    book = load_workbook(changed)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[3]]  # under a title and a line of who filed it
    status = header.index("法律状态") + 1
    for row in range(4, sheet.max_row + 1, 2):
        cell = sheet.cell(row=row, column=status)
        if cell.value == "有效":
            cell.value = "失效"
    book.save(changed)
    return changed


def test_imports_leave_no_row_pointing_at_a_missing_one(tmp_path: Path):
    with open_store(tmp_path / "demo.sqlite") as store:
        reports = import_inbox(store, ROOT / "imports" / "demo", ImportOptions(today=TODAY))
        assert reports and all(r.error is None for r in reports)
        options = ImportOptions(kind="patents", as_of=date(2026, 12, 31), today=TODAY)
        (dry,) = import_files(store, [_changed_patents(tmp_path)], replace(options, dry_run=True))
        (changed,) = import_files(store, [_changed_patents(tmp_path)], options)
        assert dry.error is None and changed.error is None and changed.updated > 0
        assert _orphans(store) == []
        undo_import(store, changed.batch_id)
        assert _orphans(store) == []
        assert _checks_foreign_keys(store)


def test_the_store_checks_foreign_keys_again_after_an_import(tmp_path: Path):
    with open_store(tmp_path / "a.sqlite") as store:
        (report,) = import_files(
            store, [ROOT / "imports" / "demo" / "专利清单_2026Q2.xlsx"], ImportOptions(today=TODAY)
        )
        assert report.error is None and report.inserted > 0
        assert _checks_foreign_keys(store)
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
