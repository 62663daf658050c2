"""The file row behind every explained row (issue 11): the store records the spreadsheet row (1-based, as the
import report counts) of each observation and list row; a store from before it shows none and still explains."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support import one, query, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.figures.explain import explain
from ipdb.figures.explain_sheets import export_explanation
from ipdb.importers.pipeline import ImportOptions
from ipdb.inbox import import_inbox
from ipdb.migrations import SOURCE_ROW_TABLES
from ipdb.periods import year_to_date
from ipdb.store import SCHEMA_VERSION, open_store, schema_version
from ipdb.undo import undo_import
from ipdb.values.patent_numbers import check_char

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "imports" / "demo"
D = date(2026, 9, 30)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("rows") / "demo.sqlite"
    with open_store(path) as store:
        import_inbox(store, DEMO, ImportOptions(today=date(2026, 11, 28)))
    return path


def _explain_json(db: Path, metric: str) -> dict:
    result = CliRunner().invoke(
        app, ["explain", metric, "--as-of", D.isoformat(), "--period", "2026", "--format", "json", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _digits(value: object) -> str:
    """The digits (and check X) of a number as a clerk may type it: full-width, spaced, with ZL or dots."""
    return re.sub(r"[^0-9X]", "", unicodedata.normalize("NFKC", str(value or "")).upper())


@pytest.mark.parametrize("metric", ["invention_patents", "trademarks_registered", "pledge_loans"])
def test_each_explained_row_names_the_file_row_that_holds_its_number(demo_db, metric):
    rows = _explain_json(demo_db, metric)["rows"]
    assert rows
    books: dict[str, object] = {}
    for row in rows:
        assert row["batch"].endswith(".xlsx") and row["row"] is not None, row
        book = books.get(row["batch"]) or books.setdefault(row["batch"], load_workbook(DEMO / row["batch"]))
        cells = [_digits(c.value) for c in book[row["sheet"]][row["row"]]]  # type: ignore[index]
        body = _digits(unicodedata.normalize("NFKC", row["number"]).split(".")[0])  # a file may omit the check
        assert any(cell.startswith(body) for cell in cells), (row, cells)


def test_a_list_row_names_its_file_row(demo_db):
    rows = _explain_json(demo_db, "fund_amount")["rows"]
    book = load_workbook(DEMO / rows[0]["batch"])
    for row in rows:
        cells = [unicodedata.normalize("NFKC", str(c.value or "")) for c in book[row["sheet"]][row["row"]]]
        assert unicodedata.normalize("NFKC", row["holders"]) in cells and row["category"] in cells, (row, cells)


def test_the_row_number_reaches_the_table_csv_and_workbook(demo_db, tmp_path):
    with open_store(demo_db, read_only=True) as store:
        e = explain(store, "invention_patents", as_of=D, period=year_to_date(D))
    first = e.rows[0]
    out = tmp_path / "e.xlsx"
    export_explanation(e, "xlsx", out)
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[2]]
    assert [c.value for c in sheet[3]][header.index("行号")] == first.row
    csv_out = tmp_path / "e.csv"
    export_explanation(e, "csv", csv_out)
    lines = csv_out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",")[-1] == "行号" and lines[1].split(",")[-1] == str(first.row)
    shown = CliRunner().invoke(app, ["explain", "invention_patents", "--as-of", D.isoformat(), "--db", str(demo_db)])
    assert f"第{first.row}行" in "".join(shown.stdout.split())


def _v9(path: Path) -> None:
    """The file as version 9 left it: no source_row, and images of overwritten rows one column short."""
    with sqlite3.connect(path) as conn:
        for name in SOURCE_ROW_TABLES:
            conn.execute(f'ALTER TABLE "{name}" DROP COLUMN source_row')
        images = conn.execute("SELECT id, table_name, image FROM superseded_row").fetchall()
        for image_id, table_name, image in images:
            if table_name in SOURCE_ROW_TABLES:
                values = json.loads(image)[:-1]
                conn.execute("UPDATE superseded_row SET image = ? WHERE id = ?", (json.dumps(values), image_id))
        conn.execute("PRAGMA user_version=9")


def test_a_store_from_before_source_rows_shows_none_and_still_explains(tmp_path):
    path = tmp_path / "v9.sqlite"
    with open_store(path) as store:
        one(store, DEMO / "专利清单_2026Q3.xlsx", as_of=D)
    _v9(path)
    with open_store(path) as store:
        assert schema_version(store) == SCHEMA_VERSION
    data = _explain_json(path, "invention_patents")
    assert data["value"] > 0 and {r["row"] for r in data["rows"]} == {None}
    shown = CliRunner().invoke(app, ["explain", "invention_patents", "--as-of", D.isoformat(), "--db", str(path)])
    assert shown.exit_code == 0 and "第" not in shown.stdout


PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "失效日", "专利权人"]
PLEDGE_HEADERS = ["出质人", "融资金额（万元）", "质押登记日", "质押登记号", "质押物", "质权人"]
BODIES = {"P1": "201610311380", "P2": "201710117081"}


def _patent(key: str, status: str = "有效") -> list[str]:
    body = BODIES[key]
    return [f"{body}.{check_char(body)}", f"专利{key}", f"{body[:4]}-03-01", "2015-01-01", status, "", "甲有限公司"]


def _pledge(registration: str, amount: str) -> list[str]:
    return ["甲有限公司", amount, "2026-03-05", registration, f"{BODIES['P1']}.{check_char(BODIES['P1'])}", "城东银行"]


def _rows(store) -> tuple[list, list]:
    observed = query(store, 'SELECT r.key, o.source_row FROM right_observation o JOIN "right" r ON r.id = o.right_id '
                            "ORDER BY r.key")  # fmt: skip
    return observed, query(store, "SELECT registration_no, amount_yuan, source_row FROM pledge_loan")


def _two_imports(store, tmp_path: Path) -> int:
    """A first file; then a second of the same day that changes P2 and the loan, each on another row."""
    one(store, write_sheet(tmp_path / "专利_a.xlsx", PATENT_HEADERS, [_patent("P1"), _patent("P2")]), as_of=D)
    one(store, write_sheet(tmp_path / "质押_a.xlsx", PLEDGE_HEADERS, [_pledge("DJ001", "800")]), as_of=D)
    one(store, write_sheet(tmp_path / "专利_b.xlsx", PATENT_HEADERS, [_patent("P2", "失效"), _patent("P1")]), as_of=D)
    later = one(store, write_sheet(tmp_path / "质押_b.xlsx", PLEDGE_HEADERS, [_pledge("DJ002", "50"),
                                                                              _pledge("DJ001", "900")]), as_of=D)  # fmt: skip
    return later.batch_id


def test_an_update_records_its_row_and_undo_puts_the_earlier_row_back(tmp_path):
    with open_store(tmp_path / "a.sqlite") as store:
        later = _two_imports(store, tmp_path)
        observed, loans = _rows(store)
        assert [row for _, row in observed] == [2, 2]  # P1 unchanged keeps its first row; P2 is on row 2 now
        assert sorted(loans) == [("DJ001", 9_000_000, 3), ("DJ002", 500_000, 2)]
        undo_import(store, later)
        assert _rows(store)[1] == [("DJ001", 8_000_000, 2)]
        patents = query(store, "SELECT id FROM import_batch WHERE file_name = '专利_b.xlsx'")[0][0]
        undo_import(store, patents)
        assert [row for _, row in _rows(store)[0]] == [2, 3]


def test_a_store_from_before_source_rows_undoes_what_it_kept(tmp_path):
    path = tmp_path / "v9.sqlite"
    with open_store(path) as store:
        later = _two_imports(store, tmp_path)
    _v9(path)
    with open_store(path) as store:
        undo_import(store, later)
        assert _rows(store)[1] == [("DJ001", 8_000_000, None)]
