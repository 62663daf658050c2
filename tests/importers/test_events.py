"""Rows of an event list are records: never merged because their known fields are equal, never doubled on
re-import (identity = natural key + occurrence, ipdb/importers/events.py)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from support import one, query, write_sheet

from ipdb.store import SCHEMA_VERSION, open_store, schema_version

HEADERS = ["企业名称", "申报方向", "申报金额（万元）"]  # 申报方向: a category column no spec knows
ROWS = [
    ["甲公司", "贯标补助", "10"],
    ["甲公司", "专利奖励", "25"],
    ["乙公司", "贯标补助", "10"],
    ["甲公司", "专利奖励", "25"],  # the same as row 5 in every column
]
TITLE = "2026年度知识产权专项资金申报汇总表"


def _total(store) -> int:  # type: ignore[no-untyped-def]
    return query(store, "SELECT SUM(amount_yuan) FROM fund_application")[0][0]


def test_equal_looking_rows_of_a_fund_list_are_all_kept_and_flagged(store, tmp_path: Path):
    report = one(store, write_sheet(tmp_path / "funds.xlsx", HEADERS, ROWS, title=TITLE), kind="funds")
    assert report.inserted == 4 and report.unchanged == 0 and _total(store) == 700_000
    assert [(c.column, c.header, c.known) for c in report.ignored_columns] == [("B", "申报方向", False)]
    flagged = [(i.row, i.code, i.reason) for i in report.issues]
    # without the category, row 6 equals row 4 in everything ipdb reads: both kept, the second flagged
    assert [(row, code) for row, code, _ in flagged] == [(6, "possible_duplicate")]
    assert "第 4 行" in flagged[0][2]


def test_reimporting_the_same_list_or_a_longer_export_updates_in_place(store, tmp_path: Path):
    one(store, write_sheet(tmp_path / "funds.xlsx", HEADERS, ROWS, title=TITLE), kind="funds")
    again = one(store, write_sheet(tmp_path / "funds-copy.xlsx", HEADERS, ROWS, title=TITLE), kind="funds")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 4) and _total(store) == 700_000
    longer = [*ROWS[:3], ["甲公司", "专利奖励", "30"], ["丙公司", "贯标补助", "5"]]  # row 6 corrected, one added
    newer = one(store, write_sheet(tmp_path / "funds-new.xlsx", HEADERS, longer, title=TITLE), kind="funds")
    assert (newer.inserted, newer.updated, newer.unchanged) == (1, 1, 3)
    assert _total(store) == 800_000


def test_a_known_category_keeps_rows_apart_without_warnings(store, tmp_path: Path):
    headers = ["企业名称", "申报项目", "申报金额（万元）"]  # 申报项目 is an alias of 项目类别
    report = one(store, write_sheet(tmp_path / "funds.xlsx", headers, ROWS[:3], title=TITLE), kind="funds")
    assert report.inserted == 3 and report.issues == [] and report.ignored_columns == []
    assert query(store, "SELECT category, amount_yuan FROM fund_application ORDER BY id") == [
        ("贯标补助", 100_000), ("专利奖励", 250_000), ("贯标补助", 100_000)]


def test_equal_loans_without_a_registration_number_are_two_loans(store, tmp_path: Path):
    headers = ["出质人", "融资金额（万元）", "质押登记日", "质押物"]
    rows = [["甲公司", "100", "2026-03-05", "201610311380.X"], ["甲公司", "100", "2026-03-05", "201610311380.X"]]
    report = one(store, write_sheet(tmp_path / "p.xlsx", headers, rows), kind="pledges", as_of=date(2026, 9, 30))
    assert report.inserted == 2 and [i.code for i in report.issues] == ["possible_duplicate"]
    assert query(store, "SELECT COUNT(*), SUM(amount_yuan) FROM pledge_loan") == [(2, 2_000_000)]
    assert one(store, write_sheet(tmp_path / "p2.xlsx", headers, rows), kind="pledges",
               as_of=date(2026, 9, 30)).unchanged == 2
    assert query(store, "SELECT COUNT(*) FROM pledge_loan") == [(2,)]


def test_a_version_3_store_gets_occurrences_whole_rows_and_catalogue_codes(tmp_path: Path):
    path = tmp_path / "v3.sqlite"
    store = open_store(path)
    one(store, write_sheet(tmp_path / "funds.xlsx", HEADERS, [ROWS[0], ROWS[2]], title=TITLE), kind="funds")
    store.close()
    with sqlite3.connect(path) as conn:  # what version 3 held: no occurrence, no cells, older code names
        conn.executescript(
            "CREATE TABLE f2 (id INTEGER PRIMARY KEY, holder_id INTEGER NOT NULL REFERENCES holder (id), "
            "category VARCHAR NOT NULL, amount_yuan INTEGER NOT NULL, dated_on DATE NOT NULL, "
            "batch_id INTEGER NOT NULL REFERENCES import_batch (id), UNIQUE (holder_id, category, dated_on));"
            "INSERT INTO f2 SELECT id, holder_id, category, amount_yuan, dated_on, batch_id FROM fund_application;"
            "DROP TABLE fund_application; ALTER TABLE f2 RENAME TO fund_application;"
            "CREATE INDEX ix_fund_application_holder_id ON fund_application (holder_id);"
            "ALTER TABLE row_issue DROP COLUMN cells;"
            "INSERT INTO row_issue (batch_id, severity, sheet, row, \"column\", value, reason, code) "
            "VALUES (1, 'warning', 'Sheet1', 3, '信用代码', 'x', '校验位不符', 'check_mismatch');"
            "PRAGMA user_version=3;"
        )
    store = open_store(path)
    assert schema_version(store) == SCHEMA_VERSION
    assert query(store, "SELECT category, amount_yuan, occurrence FROM fund_application ORDER BY id") == [
        ("", 100_000, 0), ("", 100_000, 0)]
    assert query(store, "SELECT code, cells FROM row_issue") == [("bad_check_char", "")]
    one(store, write_sheet(tmp_path / "more.xlsx", HEADERS, ROWS, title=TITLE), kind="funds")
    assert _total(store) == 700_000
    store.close()
