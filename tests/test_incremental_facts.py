"""Incremental facts equal a full rebuild (issue 13): after every import of a random sequence of complete
snapshots and partial exports — with leavers, returners, status and holder changes, enterprise lists that
rename enterprises and teach credit codes, imported in any order of dates — the kept fact tables and holder
links are exactly what deriving everything again from the observations gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection
from support import write_csv

from ipdb import facts, linking
from ipdb.importers.pipeline import ImportOptions, import_files
from ipdb.store import Store, open_store
from ipdb.undo import undo_import
from ipdb.values.patent_numbers import check_char

DAYS = (date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31))
BODIES = ("201610311380", "201710117081", "201910349801", "201810431317", "202110182616", "201010000001")
HOLDERS = ("甲有限公司", "乙有限公司", "丙旧有限公司", "丙新有限公司", "丁大学")
JIA, YI, BING = "91110108551385082Q", "91110000600037341L", "914403001922038216"
COMPANIES = (  # (name, credit code, former names) variants an enterprise list may give
    ("甲有限公司", JIA, ""),
    ("甲有限公司", "", ""),
    ("乙有限公司", YI, ""),
    ("丙旧有限公司", BING, ""),
    ("丙新有限公司", BING, "丙旧有限公司"),
    ("丙新有限公司", "", "丙旧有限公司"),
)
PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "失效日", "专利权人", "统一社会信用代码"]
COMPANY_HEADERS = ["企业名称", "统一社会信用代码", "曾用名", "所属街道"]
STATUSES = (
    ("有效", "2015-01-01", ""),
    ("失效", "2015-01-01", ""),
    ("失效", "2015-01-01", "2025-05-01"),
    ("实质审查", "", ""),
)

patent_rows = st.lists(
    st.tuples(
        st.sampled_from(BODIES),
        st.sampled_from(STATUSES),
        st.lists(st.sampled_from(HOLDERS), min_size=1, max_size=2, unique=True),
        st.booleans(),  # the row carries the first holder's credit code
    ),
    max_size=6,
)
company_rows = st.lists(st.tuples(st.sampled_from(COMPANIES), st.sampled_from(("城东街道", "城西街道"))), max_size=4)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("patents"), st.sampled_from(DAYS), st.booleans(), patent_rows),
        st.tuples(st.just("companies"), st.sampled_from(DAYS), st.just(False), company_rows),
    ),
    min_size=1,
    max_size=5,
)

# one export re-imported quarter after quarter, each time with a few rows gone or changed: most rights continue
# unchanged (ipdb.importers.continuing), some inside a run, some before or after it, some leave and return
reexports = st.tuples(
    patent_rows.filter(bool),
    st.lists(
        st.tuples(
            st.sampled_from(DAYS),
            st.booleans(),
            st.sets(st.integers(min_value=0, max_value=5), max_size=2),  # rows gone this time
            st.dictionaries(st.integers(min_value=0, max_value=5), st.sampled_from(STATUSES), max_size=1),
        ),
        min_size=1,
        max_size=5,
    ),
)


def _patent(body: str, status: tuple[str, str, str], holders: list[str], coded: bool) -> list[str]:
    word, granted, lapse = status
    code = {"甲有限公司": JIA, "乙有限公司": YI}.get(holders[0], "") if coded else ""
    return [
        f"{body}.{check_char(body)}",
        f"专利{body}",
        f"{body[:4]}-03-01",
        granted,
        word,
        lapse,
        "；".join(holders),
        code,
    ]


def _write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    return write_csv(path, headers, rows, encoding="utf-8-sig")


def _file(folder: Path, index: int, kind: str, rows: list[Any]) -> Path:
    if kind == "patents":
        return _write_csv(folder / f"p{index}.csv", PATENT_HEADERS, [_patent(*r) for r in rows])
    return _write_csv(folder / f"c{index}.csv", COMPANY_HEADERS, [[*variant, town] for variant, town in rows])


def _fact_tables(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "right_fact": f"SELECT {', '.join(facts.FACT_COLUMNS)}, holder_group FROM right_fact",
        "holding_fact": "SELECT right_id, lo, company_id, kind, category, hi, filing_date, granted_on, "
        "in_force_from, ends_on, co_held FROM holding_fact",
        "company_fact": "SELECT company_id, lo, hi, name, town, industry FROM company_fact",
        "links": "SELECT id, company_id FROM holder",
        "stock_change": "SELECT kind, category, day, in_force, ten_years FROM stock_change",
    }
    return {name: sorted(conn.exec_driver_sql(sql).all(), key=repr) for name, sql in queries.items()}


def _rebuilt_from_scratch(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    for table in ("right_fact", "holding_fact", "company_fact", "stock_change"):
        conn.exec_driver_sql(f"DELETE FROM {table}")
    conn.exec_driver_sql("UPDATE holder SET company_id = NULL")
    linking.relink(conn)
    facts.rebuild_all(conn)
    return _fact_tables(conn)


def _import_all(store: Store, folder: Path, sequence: list[Any], check: bool) -> list[int]:
    """Import each step; with ``check``, compare the facts with a rebuild after each. Returns the batch ids."""
    batches = []
    for index, (kind, day, snapshot, rows) in enumerate(sequence):
        if not rows:
            continue
        options = ImportOptions(kind=kind, as_of=day, snapshot=snapshot, today=date(2026, 1, 5))
        [report] = import_files(store, [_file(folder, index, kind, rows)], options)
        assert report.error is None and report.rejected == 0, (report.error, report.issues)
        if report.batch_id is not None:
            batches.append(report.batch_id)
        if check:
            _assert_equal_to_a_rebuild(store, f"after import {index + 1} of {sequence}")
    return batches


def _undo_and_compare(store, batches: list[int], picks: list[int], what: object) -> None:
    """Undo the picked batches one by one; after each, the facts equal a rebuild from what is left."""
    for pick in picks:
        if not batches:
            break
        batch_id = batches.pop(pick % len(batches))
        undo_import(store, batch_id)
        _assert_equal_to_a_rebuild(store, f"after undoing batch {batch_id} of {what}")


def _assert_equal_to_a_rebuild(store: Store, where: str) -> None:
    with store.engine.connect() as conn, conn.begin() as transaction:
        kept = _fact_tables(conn)
        assert _rebuilt_from_scratch(conn) == kept, where
        transaction.rollback()


@settings(max_examples=40)
@given(sequence=steps)
def test_incremental_facts_equal_a_full_rebuild(tmp_path_factory, sequence):
    folder = tmp_path_factory.mktemp("imports")
    with open_store(folder / "ipdb.sqlite") as store:
        _import_all(store, folder, sequence, check=True)


@settings(max_examples=40, deadline=None)
@given(sequence=steps, picks=st.lists(st.integers(min_value=0), min_size=1, max_size=2))
def test_facts_after_undoing_any_batch_equal_a_full_rebuild(tmp_path_factory, sequence, picks):
    """Undo splices the facts of the rights the batch observed (and those its snapshot ended) around its date."""
    folder = tmp_path_factory.mktemp("imports")
    with open_store(folder / "ipdb.sqlite") as store:
        _undo_and_compare(store, _import_all(store, folder, sequence, check=False), picks, sequence)


def test_a_partial_import_writes_only_the_facts_of_the_rights_it_names(tmp_path):
    bodies = BODIES[:3]
    with open_store(tmp_path / "ipdb.sqlite") as store:
        first = _file(tmp_path, 1, "patents", [(b, STATUSES[0], ["甲有限公司"], False) for b in bodies])
        import_files(store, [first], ImportOptions(kind="patents", as_of=DAYS[1], snapshot=True))
        later = _file(tmp_path, 2, "patents", [(bodies[0], STATUSES[1], ["乙有限公司"], False)])
        with store.engine.connect() as conn:  # a spy on the same connection pool: every fact row written
            conn.exec_driver_sql("CREATE TABLE written (right_id INTEGER)")
            for event in ("INSERT", "DELETE"):
                row = "NEW" if event == "INSERT" else "OLD"
                conn.exec_driver_sql(
                    f"CREATE TRIGGER spy_{event.lower()} AFTER {event} ON right_fact "
                    f"BEGIN INSERT INTO written VALUES ({row}.right_id); END"
                )
            conn.commit()
        import_files(store, [later], ImportOptions(kind="patents", as_of=DAYS[2]))
        with store.engine.connect() as conn:
            written = conn.exec_driver_sql('SELECT DISTINCT r.key FROM written w JOIN "right" r ON r.id = w.right_id')
            assert written.all() == [(bodies[0],)]


def _reexported(folder: Path, sequence: list[Any]) -> tuple[list[tuple[int, ...]], dict[str, list[tuple[Any, ...]]]]:
    """Import the sequence (checking the facts after each import); the reports' counts and the stored rows."""
    counts = []
    with open_store(folder / "ipdb.sqlite") as store:
        for index, (kind, day, snapshot, rows) in enumerate(sequence):
            options = ImportOptions(kind=kind, as_of=day, snapshot=snapshot, today=date(2026, 1, 5))
            [report] = import_files(store, [_file(folder, index, kind, rows)], options)
            counts.append((report.inserted, report.updated, report.unchanged, report.left, report.rejected))
            _assert_equal_to_a_rebuild(store, f"after import {index + 1} of {sequence}")
        with store.engine.connect() as conn:
            tables = {t: sorted(conn.exec_driver_sql(f"SELECT * FROM {t}").all()) for t in STORED}
    return counts, tables


STORED = ("right_observation", "right_state", "right_state_holder", "right_fact", "holding_fact")


def _quarters(export: tuple[list[Any], list[Any]]) -> list[Any]:
    base, quarters = export
    return [
        (
            "patents",
            day,
            snapshot,
            [(b, changed.get(i, s), h, c) for i, (b, s, h, c) in enumerate(base) if i not in gone],
        )
        for day, snapshot, gone, changed in quarters
    ]


@settings(max_examples=40, deadline=None)
@given(export=reexports)
def test_reexports_with_few_changes_equal_a_full_rebuild(tmp_path_factory, export):
    """... and the shortcut for rights continuing unchanged stores and reports what the general path does."""
    sequence = _quarters(export)
    shortcut = _reexported(tmp_path_factory.mktemp("imports"), sequence)
    with patch("ipdb.importers.observations.steady", return_value=None):
        general = _reexported(tmp_path_factory.mktemp("imports"), sequence)
    assert shortcut == general


@settings(max_examples=30, deadline=None)
@given(export=reexports, picks=st.lists(st.integers(min_value=0), min_size=1, max_size=2))
def test_undoing_a_reexport_equals_a_full_rebuild(tmp_path_factory, export, picks):
    """Undo of a quarter whose rights mostly continued unchanged (their observations written by the shortcut)."""
    folder = tmp_path_factory.mktemp("imports")
    with open_store(folder / "ipdb.sqlite") as store:
        _undo_and_compare(store, _import_all(store, folder, _quarters(export), check=False), picks, export)
