"""The pre-scan of an .xlsx's sheet XML (sheet_scan.py) on real workbooks written here: reading a sheet in small
pieces, or counting its cells only as far as needed, decides exactly as counting every cell does."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ipdb.importers import sheet_scan
from ipdb.importers.read import read_file
from ipdb.importers.sheet_scan import Keep, plan_sheets

MAX_CELLS = 50_000_000
MEMBER = "xl/worksheets/sheet1.xml"
SMALL_BOX = 10_000  # rectangles over this many cells are checked for density (1,000,000 in use)


def write_table(path: Path, rows: int, strays: dict[str, str]) -> Path:
    """A dense table of ``rows`` rows x 10 columns under a header, and some cells elsewhere."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["序号", *(f"列{n}" for n in range(2, 11))])
    for row in range(1, rows + 1):
        ws.append([row, *(f"值{row}-{n}" for n in range(2, 11))])
    for ref, value in strays.items():
        ws[ref] = value
    book.save(path)
    return path


def test_a_dense_table_keeps_a_far_note_when_its_cells_are_counted_in_small_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2,011 cells hold the 1,400 x 26 rectangle densely enough: calamine reads all of it, the note included
    # (the density rule made to apply to rectangles this small). In 512-byte pieces the cells are counted only while the rectangle is not yet shown dense, so the note's
    # row outgrows that count and the sheet must be counted again in full, not searched for strays.
    path = write_table(tmp_path / "备注.xlsx", 200, {"A1400": "注：数据来源于国家知识产权局"})
    monkeypatch.setattr(sheet_scan, "CHUNK", 512)
    monkeypatch.setattr(sheet_scan, "SPARSE_MIN_BOX", SMALL_BOX)
    with zipfile.ZipFile(path) as archive:
        assert not sheet_scan._shape(archive, MEMBER, MAX_CELLS, detailed=False).exact
        assert plan_sheets(archive, MAX_CELLS) == {}
    (sheet,) = read_file(path)
    assert [fault.code for fault in sheet.faults] == []
    assert sheet.rows[-1][0] == "注：数据来源于国家知识产权局"


@pytest.mark.parametrize("chunk", [64, 512, 4096, sheet_scan.CHUNK])
@pytest.mark.parametrize(
    ("rows", "strays", "keep"),
    [
        (200, {}, {}),
        (200, {"A1400": "注"}, {}),
        (5, {"XFD1048576": "误输入"}, {MEMBER: Keep(64, 16)}),
        (5, {"A300000": "误输入", "AB7": "宽"}, {MEMBER: Keep(64, 32)}),
    ],
)
def test_the_plan_does_not_depend_on_the_piece_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, rows: int, strays: dict[str, str], keep: object
) -> None:
    path = write_table(tmp_path / "表.xlsx", rows, strays)
    monkeypatch.setattr(sheet_scan, "CHUNK", chunk)
    monkeypatch.setattr(sheet_scan, "SPARSE_MIN_BOX", SMALL_BOX)
    with zipfile.ZipFile(path) as archive:
        assert plan_sheets(archive, MAX_CELLS) == keep
        exact = sheet_scan._shape(archive, MEMBER, MAX_CELLS, detailed=False, exact=True)
        detailed = sheet_scan._shape(archive, MEMBER, MAX_CELLS, detailed=True)
    assert exact.cells == detailed.cells == 10 * (rows + 1) + len(strays)
    assert exact.rows == detailed.rows


def _row_element_says(path: Path, row: str, says: str) -> Path:
    """The workbook with ``<row r="row">`` rewritten as ``<row r="says">`` (a hand-edited or hostile file):
    calamine places a cell by its own reference, not by its row element."""
    copy = path.with_name("改行号_" + path.name)
    old, new = f'<row r="{row}"'.encode(), f'<row r="{says}"'.encode()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == MEMBER:
                assert old in data
                data = data.replace(old, new)
            target.writestr(info.filename, data)
    return copy


@pytest.mark.parametrize("chunk", [512, sheet_scan.CHUNK])
@pytest.mark.parametrize(
    ("far", "says"),
    [
        ("XFD1048576", "8"),  # more digits than any row element: found in the plain pass
        ("A900000", "8"),
        ("XFD9999", "1000"),  # as many digits as the last row element: the rectangle's bound sends it to the full pass
    ],
)
def test_a_far_cell_is_found_by_its_own_reference_whatever_its_row_element_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, far: str, says: str
) -> None:
    path = write_table(tmp_path / "表.xlsx", 5, {far: "误输入"})
    path = _row_element_says(path, far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), says)
    monkeypatch.setattr(sheet_scan, "CHUNK", chunk)
    with zipfile.ZipFile(path) as archive:
        assert plan_sheets(archive, MAX_CELLS) == {MEMBER: Keep(64, 16)}
    (sheet,) = read_file(path)
    assert [(fault.code, fault.column) for fault in sheet.faults] == [("far_cell_ignored", far)]
