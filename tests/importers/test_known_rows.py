"""Rows recognised unparsed (ipdb.importers.known) give what parsing every row gives: the same store (every table)
and the same reports, over a sequence of quarterly snapshots that also undoes one and re-imports after it,
imports earlier than a grant and "today" before one (the dates checked again), fills a column by --set, moves
the columns, changes the parser's version and states a right twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from unittest.mock import patch

from support import PATENT_HEADERS, every_row, patent_row, run, write_csv

from ipdb.importers import known, pipeline
from ipdb.store import open_store
from ipdb.undo import undo_import

HEADERS = PATENT_HEADERS


def _files(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    rows = [patent_row(i) for i in range(10, 30)]
    moved = [HEADERS[5], *HEADERS[:5]]
    return {
        "a": write_csv(folder / "a.csv", HEADERS, rows),
        "b": write_csv(folder / "b.csv", HEADERS, [patent_row(i, "失效" if i % 6 == 0 else "有效") for i in range(10, 33)]),
        "c": write_csv(folder / "c.csv", HEADERS, [patent_row(11), patent_row(16, "无效"), patent_row(40)]),
        "blank": write_csv(folder / "blank.csv", HEADERS, [[*r[:4], "", r[5]] for r in rows]),  # status by --set
        "moved": write_csv(folder / "moved.csv", moved, [[r[5], *r[:5]] for r in rows]),
        "twice": write_csv(folder / "twice.csv", HEADERS, [*rows, patent_row(12)]),
        "twice_changed": write_csv(folder / "twice2.csv", HEADERS, [*rows, patent_row(12, "失效")]),
        # first another text of the same values (not recognised), then the row as stored (recognised)
        "twice_spaced": write_csv(
            folder / "twice3.csv", HEADERS, [[*patent_row(12)[:2], "2018/01/01", *patent_row(12)[3:]], *rows]
        ),
    }


STEPS: list[tuple[str, date | None, dict[str, Any]]] = [
    ("a", date(2026, 3, 31), {}),
    ("a", date(2026, 6, 30), {}),  # recognised: every row but 13 (warned on the first date)
    ("b", date(2026, 9, 30), {}),
    ("a", date(2026, 12, 31), {}),
    ("c", date(2026, 12, 31), {"snapshot": False}),
    ("a", date(2019, 12, 31), {}),  # before every grant: each row warned, none recognised
    ("a", date(2027, 3, 31), {"today": date(2026, 4, 15)}),  # row 13 granted after "today"
    ("undo", None, {}),
    ("a", date(2027, 6, 30), {}),
    ("blank", date(2027, 9, 30), {"sets": {"法律状态": "有效"}}),
    ("blank", date(2027, 12, 31), {"sets": {"法律状态": "有效"}}),
    ("moved", date(2028, 3, 31), {}),
    ("a", date(2028, 6, 30), {"version": 2}),
    ("a", date(2028, 9, 30), {}),
    ("twice", date(2028, 12, 31), {}),  # a right recognised twice: done again, parsing every row
    ("twice_changed", date(2029, 3, 31), {}),  # recognised, then stated otherwise: the same
    ("a", date(2029, 6, 30), {}),
    ("twice_spaced", date(2029, 9, 30), {}),  # the same values twice: no warning
]


def _imports(tmp_path: Path, recognise: bool) -> tuple[list[dict], list, list[int]]:
    """The store after each step, the reports, and how many rows each step recognised."""
    files = _files(tmp_path / "files")
    db = tmp_path / f"{recognise}.sqlite"
    stores, reports, batches, hits = [], [], [], []
    found = known.Fingerprints.hit
    counted = [0]

    def hit(self: known.Fingerprints, fingerprint: str) -> known.KnownRow | None:
        row = found(self, fingerprint)
        counted[0] += row is not None
        return row

    with patch.object(known.Fingerprints, "hit", hit), open_store(db) as store:
        for name, as_of, extra in STEPS:
            counted[0] = 0
            if name == "undo":
                undo_import(store, batches.pop(3))
            else:
                options = {"snapshot": True, **extra, "known_rows": recognise}
                with patch.object(known, "PARSE_VERSION", options.pop("version", known.PARSE_VERSION)):
                    (report,) = run(store, files[name], kind="patents", as_of=as_of, **options)
                reports.append(report)
                batches.append(report.batch_id)
            stores.append(every_row(db))
            hits.append(counted[0])
    return stores, reports, hits


def test_rows_recognised_unparsed_store_and_report_what_parsing_them_does(tmp_path: Path):
    parsed, parsed_reports, none = _imports(tmp_path, False)
    recognised, recognised_reports, hits = _imports(tmp_path, True)
    assert all(r.error is None for r in recognised_reports), [r.error for r in recognised_reports]
    assert recognised_reports == parsed_reports
    for step, (usual, otherwise) in enumerate(zip(recognised, parsed, strict=True)):
        assert usual == otherwise, step
    assert not any(none)
    # a re-import recognises all but the rows warned or changed (13 and the changed ones: b, c); the file of the
    # same date names too few rights to read the register whole; before every grant, none; "today" before 13's
    # grant: all but 13 and 16 (changed by c); a --set, moved columns, another parser version: none, then all again
    assert hits == [0, 19, 17, 17, 0, 0, 18, 0, 19, 0, 20, 0, 0, 0, 21, 20, 19, 20], hits
    assert sum(i.code == "date_after_as_of" for i in recognised_reports[5].issues) == 20
    assert any(i.code == "date_after_today" for i in recognised_reports[6].issues)
    twice, twice_changed, _, twice_spaced = recognised_reports[-4:]
    assert not any(i.code == "duplicate_differs" for i in twice.issues + twice_spaced.issues)
    assert any(i.code == "duplicate_differs" for i in twice_changed.issues)


def test_a_store_without_fingerprints_is_parsed_in_full(tmp_path: Path):
    """Observations that keep no fingerprint (a store migrated from version 14) recognise nothing; the next
    import keeps one with each, and the one after it recognises every row."""
    path = write_csv(tmp_path / "a.csv", HEADERS, [patent_row(i) for i in range(10, 20)])
    seen = []
    with patch.object(pipeline, "read_known", side_effect=lambda *a: seen.append(known_rows(*a)) or seen[-1]):
        with open_store(tmp_path / "s.sqlite") as store:
            run(store, path, kind="patents", as_of=date(2026, 3, 31), snapshot=True)
            with store.atomic() as conn:
                conn.exec_driver_sql("UPDATE right_observation SET fingerprint = NULL")
            for as_of in (date(2026, 6, 30), date(2026, 9, 30)):
                (report,) = run(store, path, kind="patents", as_of=as_of, snapshot=True)
                assert report.unchanged == 10
            with store.atomic() as conn:
                prints = conn.exec_driver_sql("SELECT as_of, COUNT(fingerprint) FROM right_observation GROUP BY as_of")
                assert dict(prints.all()) == {"2026-03-31": 0, "2026-06-30": 10, "2026-09-30": 10}
    assert [len(k.by_fingerprint) if k else None for k in seen] == [None, 0, 10]


known_rows = known.read_known


def test_an_edit_of_the_parsing_code_is_another_version(tmp_path: Path, monkeypatch):
    import shutil

    package = Path(known.__file__).resolve().parents[1]
    copy = tmp_path / "ipdb"
    for part in ("importers", "values"):
        shutil.copytree(package / part, copy / part)
    shutil.copy(package / "vocabulary.py", copy / "vocabulary.py")
    monkeypatch.setattr(known, "__file__", str(copy / "importers" / "known.py"))
    assert known.code_version.__wrapped__() == known.code_version()
    dates = copy / "values" / "dates.py"
    dates.write_text(dates.read_text(encoding="utf-8") + "\n# another parser\n", encoding="utf-8")
    assert known.code_version.__wrapped__() != known.code_version()
