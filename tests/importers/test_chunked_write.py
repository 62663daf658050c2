"""A register written in chunks of rights inside the import's one transaction (issue 13, "bounded memory") stores
and reports what one whole write does, at chunks of 1, 7 and the default number of rights: duplicates whose
rows fall in different chunks, rejects and warnings, a re-export with leavers, new rights and changes, a second
file of the same date, an earlier snapshot after a later one, an unchanged re-export, and an enterprise list
before them that links holders (their holding facts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from support import every_row, run, write_csv

from ipdb.importers.upserts import WRITE_ROWS
from ipdb.store import open_store

HEADERS = ["序号", "申请号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "专利权人"]


def _number(i: int) -> str:
    body = f"2019{1 + i % 3}{i:07d}"
    weights = (2, 3, 4, 5, 6, 7, 8, 9)
    r = sum(int(d) * weights[k % 8] for k, d in enumerate(body)) % 11
    return f"{body}.{'X' if r == 10 else r}"


def _row(i: int, status: str = "有效", holder: str | None = None) -> list[object]:
    kind = ("发明", "实用新型", "外观设计")[i % 3]
    holder = holder or (f"甲{i % 4}有限公司" if i % 5 else f"甲{i % 4}有限公司；乙{i % 3}有限公司")
    return [i, _number(i), f"一种装置{i}", kind, f"2019-{1 + i % 12:02d}-01", f"2021-{1 + i % 12:02d}-05", status, holder]


def _csv(path: Path, rows: list[list[object]]) -> Path:
    return write_csv(path, HEADERS, rows)


def _first_export(path: Path) -> Path:
    rows = [_row(i) for i in range(10, 40)]
    rows[4][1] = ""  # no application number: a reject
    rows[6][5] = "2018-01-01"  # granted before filing: a warning, the row kept
    rows.insert(9, list(rows[2]))  # the same right again, identical
    rows.append([*rows[3][:2], "不同的名称", *rows[3][3:]])  # the same right far below, differently
    rows.append([*rows[8][:6], "失效", rows[8][7]])  # twice more, each time otherwise
    rows.append([*rows[8][:6], "审中", rows[8][7]])
    return _csv(path, rows)


def _second_export(path: Path) -> Path:
    """Three rights gone, four changed, twelve new ones sorting before, between and after the known keys."""
    rows = [_row(i, "失效" if i % 7 == 0 else "有效") for i in range(10, 40) if i not in (12, 20, 33)]
    rows += [_row(i) for i in (1, 2, 25_000, *range(41, 50))]
    rows.insert(3, _row(41, "审中"))  # a new right stated twice, differently
    return _csv(path, rows)


def _same_day_part(path: Path) -> Path:
    return _csv(path, [_row(i, "无效", "丙有限公司") for i in (11, 14, 15, 41)])


def _companies(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["企业名称", "所属街道"])
    for n in range(4):
        sheet.append([f"甲{n}有限公司", "城东街道"])
    sheet.append(["丙有限公司", "城西街道"])
    book.save(path)
    return path


def _imports(tmp_path: Path, write_rows: int | None) -> tuple[list[dict], list]:
    """The reports of the imports, and the store after each of them."""
    folder = tmp_path / "files"
    if not folder.exists():
        folder.mkdir()
        _first_export(folder / "a.csv"), _second_export(folder / "b.csv"), _same_day_part(folder / "c.csv")
        _companies(folder / "企业名录.xlsx")
    a, b, c, companies = (folder / n for n in ("a.csv", "b.csv", "c.csv", "企业名录.xlsx"))
    steps = [
        (companies, "companies", date(2026, 3, 31), False),
        (a, "patents", date(2026, 3, 31), True),
        (b, "patents", date(2026, 6, 30), True),
        (c, "patents", date(2026, 6, 30), False),
        (a, "patents", date(2025, 12, 31), True),
        (b, "patents", date(2026, 9, 30), True),
    ]
    db = tmp_path / f"write_{write_rows}.sqlite"
    reports, stores = [], []
    with open_store(db) as store:
        for path, kind, as_of, snapshot in steps:
            reports += run(store, path, kind=kind, as_of=as_of, snapshot=snapshot, write_rows=write_rows)
            stores.append(every_row(db))
    return stores, reports


@pytest.mark.parametrize("write_rows", [1, 7, WRITE_ROWS])
def test_a_register_written_in_chunks_stores_and_reports_what_one_whole_write_does(tmp_path: Path, write_rows: int):
    whole, whole_reports = _imports(tmp_path, None)
    chunked, chunked_reports = _imports(tmp_path, write_rows)
    assert chunked_reports == whole_reports
    for step, (part_store, whole_store) in enumerate(zip(chunked, whole, strict=True)):
        assert part_store == whole_store, step
    companies, first, second, part, earlier, again = whole_reports
    assert all(r.error is None for r in whole_reports), [r.error for r in whole_reports]
    assert (first.rows, first.rejected, first.inserted, first.unchanged) == (34, 1, 29, 4)
    assert [i.row for i in first.issues if i.code == "duplicate_differs"] == [33, 34, 35]
    assert any(i.code == "grant_before_filing" for i in first.issues)
    assert (companies.inserted, first.unmatched_holders, second.unmatched_holders) == (5, 3, 3)
    assert (second.inserted, second.updated, second.unchanged, second.left) == (13, 6, 21, 3)
    assert part.updated == 4 and len(whole[-1]["superseded_row"]) == 4  # the same day's states, kept for undo
    assert (earlier.unchanged, again.updated, again.unchanged) == (33, 4, 36)
