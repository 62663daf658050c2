"""ipdb undo (issue 12 item 9): after undoing an import, every figure at every date, every right's history and the
whole store are what they were before that import.

The district: 甲, 乙 and 丙 (renamed 丙旧有限公司 -> 丙新有限公司 in the Q3 list, same credit code). Q2 and Q3 patent
exports are complete snapshots; between them P2 dies without a date, P3 dies on 2026-08-15, P5 vanishes (leaves at
the Q3 snapshot), P6 and P10 appear, P7 moves from 甲 to 乙, and P8's holder is written with 丙's new name.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from support import TODAY, one, query, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.figures.as_json import headline_json, ranking_json
from ipdb.figures.headline import headline
from ipdb.figures.rankings import rank
from ipdb.history import right_history
from ipdb.periods import make_period
from ipdb.store import Store, open_store
from ipdb.undo import undo_import, undo_preview
from ipdb.values.patent_numbers import check_char

Q2, MID, Q3, YEAR_END = date(2026, 6, 30), date(2026, 8, 14), date(2026, 9, 30), date(2026, 12, 31)
DAYS = (date(2025, 12, 31), Q2, MID, Q3, YEAR_END)
JIA, YI, BING = "91110108551385082Q", "91110000600037341L", "914403001922038216"
COMPANY_HEADERS = ["企业名称", "统一社会信用代码", "曾用名", "所属街道", "行业"]
PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "失效日", "专利权人"]
PLEDGE_HEADERS = ["出质人", "融资金额（万元）", "质押登记日", "质押登记号", "质押物", "质权人"]
BODIES = {f"P{i}": body for i, body in enumerate(
    ["201610311380", "201710117081", "201910349801", "201810431317", "202110182616", "201010000001",
     "200510113767", "201710601862", "202510000002", "202610000003"], start=1)}


def number(key: str) -> str:
    return f"{BODIES[key]}.{check_char(BODIES[key])}"


def patent(key: str, holder: str, status: str = "有效", granted: str = "2015-01-01", lapse: str = "") -> list[str]:
    return [number(key), f"专利{key}", f"{BODIES[key][:4]}-03-01", granted, status, lapse, holder]


Q2_PATENTS = [patent("P1", "甲有限公司"), patent("P2", "甲有限公司"), patent("P3", "乙有限公司"),
              patent("P5", "乙有限公司"), patent("P7", "甲有限公司"), patent("P8", "丙旧有限公司")]
Q3_PATENTS = [patent("P1", "甲有限公司"), patent("P2", "甲有限公司", "失效"),
              patent("P3", "乙有限公司", "失效", lapse="2026-08-15"), patent("P6", "甲有限公司", granted="2013-05-05"),
              patent("P7", "乙有限公司"), patent("P8", "丙新有限公司"), patent("P10", "乙有限公司", granted="2026-09-01")]
COMPANIES_Q2 = [["甲有限公司", JIA, "", "城东街道", "制造业"], ["乙有限公司", YI, "", "城西街道", "软件业"],
                ["丙旧有限公司", BING, "", "城东街道", "制造业"]]
COMPANIES_Q3 = [*COMPANIES_Q2[:2], ["丙新有限公司", BING, "丙旧有限公司", "城南街道", "制造业"]]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "companies_q2": write_sheet(tmp_path / "企业_q2.xlsx", COMPANY_HEADERS, COMPANIES_Q2),
        "companies_q3": write_sheet(tmp_path / "企业_q3.xlsx", COMPANY_HEADERS, COMPANIES_Q3),
        "patents_q2": write_sheet(tmp_path / "专利_q2.xlsx", PATENT_HEADERS, Q2_PATENTS),
        "patents_q3": write_sheet(tmp_path / "专利_q3.xlsx", PATENT_HEADERS, Q3_PATENTS),
    }


def figures(store: Store) -> dict[str, Any]:
    """Every figure at several dates, the rankings by enterprise and town, and the history of every right."""
    found: dict[str, Any] = {}
    for day in DAYS:
        found[f"headline {day}"] = headline_json(headline(store, day, make_period(date(day.year, 1, 1), day)))
        for by in ("enterprise", "town", "industry"):
            found[f"rank {by} {day}"] = ranking_json(rank(store, "invention_patents", as_of=day, by=by))
    for key in BODIES:
        try:
            found[f"history {key}"] = [_without_batch_ids(asdict(h)) for h in right_history(store, number(key))]
        except Exception as exc:
            found[f"history {key}"] = type(exc).__name__
    return found


def _without_batch_ids(history: dict[str, Any]) -> dict[str, Any]:
    """Batch numbers depend on how many imports a store has seen; the file names say the same."""
    return {**history, "observations": [{k: v for k, v in o.items() if k != "batch_id"} for o in history["observations"]]}


DERIVED = ("right_fact", "holding_fact", "company_fact", "company_name")  # their row ids are not part of the state


def store_state(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table (the import's own records aside), ids of derived rows left out and a batch
    named by its file."""
    with store.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
        files = dict(conn.exec_driver_sql("SELECT id, file_name FROM import_batch").all())
        state = {}
        for name in sorted(set(names) - {"import_batch", "row_issue", "superseded_row"}):
            rows = conn.exec_driver_sql(f'SELECT * FROM "{name}"')
            columns = list(rows.keys())
            keep = [i for i, c in enumerate(columns) if not (name in DERIVED and c == "id")]
            state[name] = sorted(
                (tuple(files.get(r[i]) if columns[i].endswith("batch_id") else r[i] for i in keep) for r in rows),
                key=repr,
            )
        return state


def last_batch(store: Store) -> int:
    return query(store, "SELECT MAX(id) FROM import_batch")[0][0]


def test_undoing_a_snapshot_that_ended_rights_brings_back_every_figure_and_history(tmp_path, files):
    store = open_store(tmp_path / "a.sqlite")
    one(store, files["companies_q2"], as_of=Q2)
    one(store, files["patents_q2"], as_of=Q2, snapshot=True)
    one(store, files["companies_q3"], as_of=Q3)
    before, state = figures(store), store_state(store)
    report = one(store, files["patents_q3"], as_of=Q3, snapshot=True)
    assert report.left == 1  # P5
    assert figures(store) != before
    preview = undo_preview(store, report.batch_id)
    assert (preview.observations, preview.new_rights, preview.returning, preview.snapshot) == (7, 2, 1, True)
    undone = undo_import(store, report.batch_id)
    assert undone == preview
    assert figures(store) == before
    assert store_state(store) == state
    assert query(store, "SELECT COUNT(*) FROM import_batch WHERE id = :b", b=report.batch_id) == [(0,)]


def test_undoing_a_companies_import_that_renamed_an_enterprise(tmp_path, files):
    store = open_store(tmp_path / "a.sqlite")
    one(store, files["companies_q2"], as_of=Q2)
    one(store, files["patents_q2"], as_of=Q2, snapshot=True)
    one(store, files["patents_q3"], as_of=Q3, snapshot=True)
    before, state = figures(store), store_state(store)
    renamed = one(store, files["companies_q3"], as_of=Q3)
    after = figures(store)
    assert after != before  # 丙新有限公司 now links P8 in Q3 and 丙 moved to 城南街道
    assert ("丙新有限公司", 1) in [(r["name"], r["value"]) for r in after[f"rank enterprise {Q3}"]]
    undo_import(store, renamed.batch_id)
    assert figures(store) == before
    assert store_state(store) == state


def test_undoing_the_first_import_of_a_kind_leaves_an_empty_register(tmp_path, files):
    store = open_store(tmp_path / "a.sqlite")
    one(store, files["companies_q2"], as_of=Q2)
    before, state = figures(store), store_state(store)
    first = one(store, files["patents_q2"], as_of=Q2, snapshot=True)
    undo_import(store, first.batch_id)
    assert figures(store) == before
    assert store_state(store) == state
    assert query(store, 'SELECT COUNT(*) FROM "right"') == [(0,)]
    assert query(store, "SELECT COUNT(*) FROM holder") == [(0,)]


@pytest.mark.parametrize("order", [(1, 2), (0, 2), (2, 0), (0, 1)])
def test_imports_of_one_date_overwrite_and_undo_restores_in_any_order(tmp_path, order):
    """Three exports dated alike say three things of P1; undoing two of them, in any order, gives after each step
    the store that never had the ones undone."""
    paths = [write_sheet(tmp_path / f"专利_{status}.xlsx", PATENT_HEADERS, [patent("P1", "甲有限公司", status)])
             for status in ("有效", "等年费滞纳金", "失效")]
    store = open_store(tmp_path / "a.sqlite")
    ids = [one(store, path, as_of=Q3).batch_id for path in paths]
    assert query(store, "SELECT COUNT(*) FROM superseded_row") == [(2,)]
    for step, undone in enumerate(order, start=1):
        undo_import(store, ids[undone])
        fresh = open_store(tmp_path / f"ref{step}.sqlite")
        for i in sorted(set(range(3)) - set(order[:step])):
            one(fresh, paths[i], as_of=Q3)
        assert (figures(store), said(store)) == (figures(fresh), said(fresh))
    assert query(store, "SELECT COUNT(*) FROM superseded_row") == [(0,)]


def said(store: Store) -> list[tuple[Any, ...]]:
    """What the store says of each right and date, which file said it, and how many states it keeps (a state the
    undone import brought is gone; one a later import overwrote stays, for undoing that one)."""
    states = query(store, "SELECT COUNT(*) FROM right_state")
    return states + query(store, "SELECT o.right_id, o.as_of, b.file_name, s.status_raw FROM right_observation o "
                                 "JOIN import_batch b ON b.id = o.batch_id JOIN right_state s ON s.id = o.state_id")


def test_undoing_a_newer_ledger_restores_the_loans_it_updated(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    old = write_sheet(tmp_path / "质押_旧.xlsx", PLEDGE_HEADERS, [
        ["甲有限公司", "800", "2026-03-05", "DJ001", number("P1"), "城东银行"]])
    new = write_sheet(tmp_path / "质押_新.xlsx", PLEDGE_HEADERS, [
        ["甲有限公司", "900", "2026-03-05", "DJ001", f"{number('P1')}；{number('P2')}", "城东银行"],
        ["丁有限公司", "300", "2026-04-01", "DJ002", number("P3"), "城西银行"]])
    one(store, old, as_of=Q3)
    before, state = figures(store), store_state(store)
    newer = one(store, new, as_of=Q3)
    assert (newer.inserted, newer.updated) == (1, 1)
    assert headline(store, Q3, make_period(date(2026, 1, 1), Q3)).get("pledge_amount").value == 1200.0
    preview = undo_preview(store, newer.batch_id)
    assert (preview.rows, preview.restored) == (2, 1)
    undo_import(store, newer.batch_id)
    assert headline(store, Q3, make_period(date(2026, 1, 1), Q3)).get("pledge_amount").value == 800.0
    assert query(store, "SELECT right_key FROM pledged_right") == [(BODIES["P1"],)]
    assert figures(store) == before
    assert store_state(store) == state  # 丁有限公司, a holder only the newer ledger named, is gone too


def test_a_credit_code_the_import_filled_in_is_taken_back(tmp_path):
    store = open_store(tmp_path / "a.sqlite")
    one(store, write_sheet(tmp_path / "质押_1.xlsx", PLEDGE_HEADERS, [
        ["甲有限公司", "800", "2026-03-05", "DJ001", number("P1"), "城东银行"]]), as_of=Q3)
    state = store_state(store)
    headers = ["出质人", "统一社会信用代码", "融资金额（万元）", "质押登记日", "质押登记号", "质押物", "质权人"]
    coded = one(store, write_sheet(tmp_path / "质押_2.xlsx", headers, [
        ["甲有限公司", JIA, "500", "2026-05-05", "DJ009", number("P2"), "城东银行"]]), as_of=Q3)
    assert query(store, "SELECT credit_code FROM holder") == [(JIA,)]
    undo_import(store, coded.batch_id)
    assert store_state(store) == state


def test_undo_command_asks_then_undoes_and_batches_no_longer_lists_it(tmp_path, files):
    db = tmp_path / "a.sqlite"
    store = open_store(db)
    one(store, files["companies_q2"], as_of=Q2)
    one(store, files["patents_q2"], as_of=Q2, snapshot=True)
    batch = one(store, files["patents_q3"], as_of=Q3, snapshot=True).batch_id
    before = store_state(store)
    store.close()
    runner = CliRunner()
    declined = runner.invoke(app, ["undo", str(batch), "--db", str(db)], input="n\n", terminal_width=200)
    assert declined.exit_code == 1
    assert f"将撤销批次 {batch}（「专利_q3.xlsx」" in declined.stdout
    assert "该快照使 1 件权利离开登记簿，撤销后它们恢复在册" in declined.stdout
    assert "已取消：数据库未做任何更改。" in declined.stdout
    assert store_state(open_store(db)) == before
    done = runner.invoke(app, ["undo", str(batch), "--db", str(db)], input="y\n", terminal_width=200)
    assert done.exit_code == 0, done.output
    assert f"已撤销批次 {batch}" in done.stdout
    listed = json.loads(runner.invoke(app, ["batches", "--format", "json", "--db", str(db)]).stdout)
    assert batch not in [b["id"] for b in listed]
    again = runner.invoke(app, ["undo", str(batch), "--yes", "--db", str(db)])
    assert again.exit_code == 1
    assert f"没有编号为 {batch} 的导入批次" in again.stderr


def test_undo_yes_does_not_ask_and_the_file_can_be_imported_again(tmp_path, files):
    db = tmp_path / "a.sqlite"
    store = open_store(db)
    first = one(store, files["patents_q2"], as_of=Q2)
    state = store_state(store)
    result = CliRunner().invoke(app, ["undo", str(first.batch_id), "--yes", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "确定撤销吗" not in result.stdout
    again = one(store, files["patents_q2"], as_of=Q2, today=TODAY)
    assert (again.repeat_of, again.inserted) == (None, len(Q2_PATENTS))
    assert store_state(store) == state


def test_a_store_from_before_undo_gains_the_table_of_overwritten_rows(tmp_path):
    from ipdb.store import SCHEMA_VERSION

    path = tmp_path / "v2.sqlite"
    open_store(path).close()
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE superseded_row")
        conn.execute("PRAGMA user_version=2")
    upgraded = open_store(path)
    assert query(upgraded, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert query(upgraded, "SELECT COUNT(*) FROM superseded_row") == [(0,)]


def test_the_preview_warns_when_a_batch_kept_nothing_of_the_rows_it_updated(tmp_path):
    """A ledger imported before superseded_row existed updated a loan in place and kept nothing of it."""
    db = tmp_path / "a.sqlite"
    store = open_store(db)
    one(store, write_sheet(tmp_path / "质押_旧.xlsx", PLEDGE_HEADERS, [
        ["甲有限公司", "800", "2026-03-05", "DJ001", number("P1"), "城东银行"]]), as_of=Q3)
    newer = one(store, write_sheet(tmp_path / "质押_新.xlsx", PLEDGE_HEADERS, [
        ["甲有限公司", "900", "2026-03-05", "DJ001", number("P1"), "城东银行"]]), as_of=Q3)
    assert undo_preview(store, newer.batch_id).unrestorable == 0
    with store.atomic() as conn:
        conn.exec_driver_sql("DELETE FROM superseded_row")
    assert undo_preview(store, newer.batch_id).unrestorable == 1
    store.close()
    shown = CliRunner().invoke(app, ["undo", str(newer.batch_id), "--db", str(db)], input="n\n")
    assert "注意：该批次更新过1行已有数据" in "".join(shown.stdout.split())
