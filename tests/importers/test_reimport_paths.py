"""Two shortcuts of a re-import's write give what the general way gives, the same store (every table) and the same
reports, over a sequence of quarterly snapshots: unchanged, changing (status changes, leavers, new rights),
returners, a warned row, another import of the same date that repeats and changes rights, an earlier date
between two stored ones, an undo and an import after it:

* the observations that cannot meet a stored one (of rights new to the store, and of rights continuing unchanged
  that have none of the import's date) are written with a plain insert, not the upsert the others take
  (ipdb.importers.observations);
* a file that names about the whole register reads the stored rights in one pass of the register, not by probing
  each of its keys (ipdb.importers.continuing.stored_rights).
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from pathlib import Path
from unittest.mock import patch

import pytest
from support import PATENT_HEADERS, every_row, patent_row, run, write_csv

from ipdb.importers import continuing, observations
from ipdb.store import open_store
from ipdb.undo import undo_import

HEADERS = PATENT_HEADERS


def _csv(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, HEADERS, rows)


def _files(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    return {
        "a": _csv(folder / "a.csv", [patent_row(i) for i in range(10, 30)]),
        # four gone (returning in a), three changed, two new
        "b": _csv(folder / "b.csv", [patent_row(i, "失效" if i % 6 == 0 else "有效") for i in range(10, 33) if i % 5]),
        # the same date as a later import of a: two repeated as they are, two changed, one new
        "c": _csv(folder / "c.csv", [patent_row(11), patent_row(14), patent_row(16, "无效"), patent_row(17, "审中"), patent_row(40)]),
    }


WAYS = {
    "upsert every observation": patch.object(observations, "_insert_observations", observations._upsert_observations),
    "probe every key": patch.object(continuing, "WHOLE_SHARE", float("inf")),
    "read the register whole": patch.object(continuing, "WHOLE_SHARE", 0),
}


def _imports(tmp_path: Path, way: str | None) -> tuple[list[dict], list]:
    """The store after each step, and the reports, the usual way or another (WAYS)."""
    files = _files(tmp_path / "files")
    steps = [
        ("a", date(2026, 3, 31), True),
        ("a", date(2026, 6, 30), True),
        ("b", date(2026, 9, 30), True),
        ("a", date(2026, 12, 31), True),
        ("c", date(2026, 12, 31), False),
        ("b", date(2026, 8, 15), True),
        ("undo", None, None),
        ("a", date(2027, 3, 31), True),
    ]
    db = tmp_path / f"{way}.sqlite"
    stores, reports, batches = [], [], []
    with WAYS[way] if way else nullcontext(), open_store(db) as store:
        for name, as_of, snapshot in steps:
            if name == "undo":
                undo_import(store, batches.pop(3))  # the returners' snapshot
            else:
                (report,) = run(store, files[name], kind="patents", as_of=as_of, snapshot=snapshot)
                reports.append(report)
                batches.append(report.batch_id)
            stores.append(every_row(db))
    return stores, reports


@pytest.mark.parametrize("way", list(WAYS))
def test_a_reimport_stores_and_reports_the_same_whichever_way_it_writes(tmp_path: Path, way: str):
    other, other_reports = _imports(tmp_path, way)
    inserted, insert_reports = _imports(tmp_path, None)
    assert insert_reports == other_reports
    for step, (usual, otherwise) in enumerate(zip(inserted, other, strict=True)):
        assert usual == otherwise, step
    first, again, changed, back, same_day, earlier, after_undo = insert_reports
    assert all(r.error is None for r in insert_reports), [r.error for r in insert_reports]
    assert any(i.code == "date_after_as_of" for i in first.issues)
    assert (again.unchanged, again.updated, again.inserted) == (20, 0, 0)
    assert (changed.inserted, changed.updated, changed.left) == (2, 3, 4)
    assert back.left == 2 and same_day.updated == 2 and same_day.unchanged == 2 and same_day.inserted == 1
    assert (earlier.inserted, earlier.updated, earlier.unchanged, earlier.left) == (0, 3, 15, 4)
    assert (after_undo.inserted, after_undo.updated, after_undo.unchanged, after_undo.left) == (0, 5, 15, 3)
    assert len(inserted[-1]["right_observation"]) > len(inserted[-2]["right_observation"])
