"""The store file: pragmas, schema version, migrations, and refusing files that are not ipdb databases."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import text

from ipdb import store as store_module
from ipdb.errors import StoreError
from ipdb.store import SCHEMA_VERSION, open_store, schema_version


def test_a_new_store_is_versioned_with_wal_and_foreign_keys(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    assert schema_version(store) == SCHEMA_VERSION
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_migrations_run_in_order_and_keep_data(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO setting (key, value) VALUES ('district_name', '云溪区')")

    def add_column(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("ALTER TABLE setting ADD COLUMN note TEXT")

    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(store_module.MIGRATIONS, SCHEMA_VERSION, add_column)
    upgraded = open_store(path)
    assert schema_version(upgraded) == SCHEMA_VERSION + 1
    with upgraded.engine.connect() as conn:
        assert conn.execute(text("SELECT value, note FROM setting")).all() == [("云溪区", None)]


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    with pytest.raises(StoreError, match="升级 ipdb"):
        open_store(path)


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b""])
def test_a_file_that_is_not_a_database_is_refused_or_started(tmp_path, content):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    if content:
        with pytest.raises(StoreError, match="不是 ipdb 数据库"):
            open_store(path)
    else:
        assert schema_version(open_store(path)) == SCHEMA_VERSION


def test_someone_elses_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="不是 ipdb 数据库"):
        open_store(path)


def test_version_4_holding_facts_are_carried_into_the_keyed_table(tmp_path):
    path = tmp_path / "v4.sqlite"
    open_store(path).close()
    row = (7, "2020-01-01", 3, "patents", "invention", "9999-12-31", "2019-01-01", "2020-01-01", "2020-01-01", None)
    with sqlite3.connect(path) as conn:  # the version-4 layout: a rowid table and its ranking index
        conn.execute("DROP TABLE holding_fact")
        conn.execute(
            "CREATE TABLE holding_fact (id INTEGER PRIMARY KEY, company_id INTEGER, right_id INTEGER, kind, category,"
            " lo, hi, filing_date, granted_on, in_force_from, ends_on)"
        )
        conn.execute("CREATE INDEX ix_holding_fact_rank ON holding_fact (kind, category, company_id, lo, hi)")
        conn.execute(
            "INSERT INTO holding_fact (right_id, lo, company_id, kind, category, hi, filing_date, granted_on,"
            " in_force_from, ends_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )
        conn.execute("PRAGMA user_version=4")
    with open_store(path) as upgraded, upgraded.engine.connect() as conn:
        assert schema_version(upgraded) == SCHEMA_VERSION
        carried = conn.exec_driver_sql(
            "SELECT right_id, lo, company_id, kind, category, hi, filing_date, granted_on, in_force_from, ends_on"
            " FROM holding_fact"
        ).all()
        assert carried == [row]
        ddl = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'holding_fact'").scalar()
        assert "WITHOUT ROWID" in ddl


V10_FACT_INDEX = (  # ix_right_fact_kind as version 10 declared it
    "CREATE INDEX ix_right_fact_kind ON right_fact (kind, category, hi, lo, in_force_from, ends_on, filing_date,"
    " state_id, right_id)"
)


def test_version_10_facts_get_their_holder_groups(tmp_path):
    from datetime import date
    from pathlib import Path

    from ipdb.importers.pipeline import ImportOptions, import_files

    demo = Path(__file__).resolve().parents[1] / "imports" / "demo"
    path = tmp_path / "v10.sqlite"
    with open_store(path) as store:
        files = [demo / "专利清单_2026Q3.xlsx", demo / "企业名录_2026Q3.xlsx"]  # patents first: relinked after
        assert all(r.error is None for r in import_files(store, files, ImportOptions(today=date(2026, 11, 1))))
    groups = "SELECT right_id, lo, holder_group FROM right_fact ORDER BY 1, 2"
    names = "SELECT id, name_group FROM holder ORDER BY id"
    with sqlite3.connect(path) as conn:
        expected = conn.execute(groups).fetchall(), conn.execute(names).fetchall()
        holder = conn.execute("SELECT id, name_key, name, credit_code, company_id FROM holder LIMIT 1").fetchone()
        conn.execute(
            "INSERT INTO superseded_row (batch_id, table_name, ref, prior_batch_id, image) VALUES (1, 'holder', ?, NULL, ?)",
            (f"[{holder[0]}]", json.dumps(list(holder), ensure_ascii=False)),
        )
        conn.execute("DROP INDEX ix_right_fact_kind")  # the version-10 layout: neither column
        conn.execute("ALTER TABLE right_fact DROP COLUMN holder_group")
        conn.execute("ALTER TABLE holder DROP COLUMN name_group")
        conn.execute(V10_FACT_INDEX)
        conn.execute("PRAGMA user_version=10")
    with open_store(path) as upgraded:
        assert schema_version(upgraded) == SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        assert (conn.execute(groups).fetchall(), conn.execute(names).fetchall()) == expected
        assert {g for _, _, g in expected[0]} >= {"listed", "institute", "individual"}  # the demo has these
        index = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_right_fact_kind'").fetchone()[0]
        assert "holder_group" in index
        [image] = conn.execute("SELECT image FROM superseded_row WHERE table_name = 'holder'").fetchone()
        assert json.loads(image) == [*holder, dict(expected[1])[holder[0]]]


V11_FACT_INDEXES = (  # ix_right_fact_kind and the granted-led index as version 11 declared them
    "CREATE INDEX ix_right_fact_kind ON right_fact (kind, category, hi, lo, in_force_from, ends_on, filing_date,"
    " holder_group, state_id, right_id)",
    "CREATE INDEX ix_right_fact_granted ON right_fact (granted_on, kind, category, lo, hi)",
)


def test_version_11_grants_move_to_the_kind_index(tmp_path):
    from datetime import date
    from pathlib import Path

    from ipdb.figures.headline import headline
    from ipdb.importers.pipeline import ImportOptions, import_files
    from ipdb.periods import year_to_date

    demo = Path(__file__).resolve().parents[1] / "imports" / "demo"
    path, day = tmp_path / "v11.sqlite", date(2026, 9, 30)
    with open_store(path) as store:
        files = [demo / "专利清单_2026Q3.xlsx"]
        assert all(r.error is None for r in import_files(store, files, ImportOptions(today=date(2026, 11, 1))))
        grants = headline(store, day, year_to_date(day)).get("patent_grants")
    assert grants.value
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX ix_right_fact_kind")  # the version-11 layout
        for sql in V11_FACT_INDEXES:
            conn.execute(sql)
        conn.execute("PRAGMA user_version=11")
    with open_store(path) as upgraded:
        assert schema_version(upgraded) == SCHEMA_VERSION
        again = headline(upgraded, day, year_to_date(day)).get("patent_grants")
    assert (again.value, again.breakdown) == (grants.value, grants.breakdown)
    with sqlite3.connect(path) as conn:
        indexes = dict(
            conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'right_fact' AND sql IS NOT NULL"
            )
        )
    assert set(indexes) == {"ix_right_fact_kind", "ix_right_fact_filed"}
    assert "hi, granted_on, lo" in indexes["ix_right_fact_kind"]


V13_HOLDING_INDEX = (  # ix_holding_fact_rank as version 13 declared it
    "CREATE INDEX ix_holding_fact_rank ON holding_fact (kind, category, company_id, lo, hi, in_force_from, ends_on,"
    " filing_date, right_id)"
)


def test_version_13_holding_facts_get_their_co_held_mark(tmp_path):
    from datetime import date
    from pathlib import Path

    from ipdb.importers.pipeline import ImportOptions, import_files

    demo = Path(__file__).resolve().parents[1] / "imports" / "demo"
    path = tmp_path / "v13.sqlite"
    with open_store(path) as store:
        files = [demo / "企业名录_2026Q3.xlsx", demo / "专利清单_2026Q3.xlsx"]
        assert all(r.error is None for r in import_files(store, files, ImportOptions(today=date(2026, 11, 1))))
    marks = "SELECT right_id, lo, company_id, co_held FROM holding_fact ORDER BY 1, 2, 3"
    with sqlite3.connect(path) as conn:
        expected = conn.execute(marks).fetchall()
        conn.execute("DROP INDEX ix_holding_fact_rank")  # the version-13 layout: no column, no mark in the index
        conn.execute("ALTER TABLE holding_fact DROP COLUMN co_held")
        conn.execute(V13_HOLDING_INDEX)
        conn.execute("PRAGMA user_version=13")
    with open_store(path) as upgraded:
        assert schema_version(upgraded) == SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        assert conn.execute(marks).fetchall() == expected
        index = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_holding_fact_rank'").fetchone()[0]
    assert {co_held for *_, co_held in expected} == {0, 1}  # the demo has co-held patents and single ones
    assert "filing_date, co_held, right_id" in index


def test_version_14_observations_get_a_fingerprint_column_empty_and_undo_still_puts_them_back(tmp_path):
    from datetime import date

    from support import every_row, run, write_csv

    from ipdb.undo import undo_import

    headers = ["申请号", "专利名称", "法律状态", "专利权人"]
    first = write_csv(tmp_path / "a.csv", headers, [["201810000001.9", "一种装置", "有效", "甲有限公司"]])
    second = write_csv(tmp_path / "b.csv", headers, [["201810000001.9", "一种装置", "失效", "甲有限公司"]])
    path = tmp_path / "v14.sqlite"
    with open_store(path) as store:
        run(store, first, kind="patents", as_of=date(2026, 3, 31))
        before = every_row(path)
        (later,) = run(store, second, kind="patents", as_of=date(2026, 3, 31))  # overwrites the observation
    observations = "SELECT right_id, as_of, batch_id, state_id, source_row FROM right_observation ORDER BY 1, 2"
    with sqlite3.connect(path) as conn:
        expected = conn.execute(observations).fetchall()
        conn.execute("ALTER TABLE right_observation DROP COLUMN fingerprint")  # the version-14 layout
        for image_id, image in conn.execute(
            "SELECT id, image FROM superseded_row WHERE table_name = 'right_observation'"
        ):
            conn.execute(
                "UPDATE superseded_row SET image = ? WHERE id = ?", (json.dumps(json.loads(image)[:-1]), image_id)
            )
        conn.execute("PRAGMA user_version=14")
    with open_store(path) as upgraded:
        assert schema_version(upgraded) == SCHEMA_VERSION
        with sqlite3.connect(path) as conn:
            assert conn.execute(observations).fetchall() == expected
            assert conn.execute("SELECT COUNT(fingerprint) FROM right_observation").fetchone() == (0,)
        undo_import(upgraded, later.batch_id)
    after = every_row(path)
    fingerprint = [c[1] for c in sqlite3.connect(path).execute("PRAGMA table_info(right_observation)")].index(
        "fingerprint"
    )
    assert after["right_observation"] == [
        (*row[:fingerprint], None, *row[fingerprint + 1 :]) for row in before["right_observation"]
    ]
