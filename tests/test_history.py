"""Quarter after quarter (domain.md Part I, "Snapshots and history"): two complete exports of one district.

Between Q2 (2026-06-30) and Q3 (2026-09-30), all inventions (type digit 1) granted long ago unless said:
  P1 甲 in force in both                       P6 甲 appears in Q3 only (transferred in; filed 2010)
  P2 甲 失效 in Q3 without a date               P7 moves from 甲 (Q2) to 乙 (Q3)
  P3 乙 失效 in Q3 with 失效日 2026-08-15        P8 丙, renamed 丙旧有限公司 -> 丙新有限公司 (same credit code)
  P4 乙 失效 in Q3 with 失效日 2026-05-01, before the Q2 export, which still said 有效
  P5 乙 vanishes in Q3 (transferred out)       P9 甲 pending in Q2, granted 2026-08-01 in Q3
                                               P10 乙 new in Q3, granted 2026-09-01
Hand counts of valid inventions — Q2: P1 P2 P3 P4 P5 P7 P8 = 7; Q3: P1 P6 P7 P8 P9 P10 = 6;
2026-08-14 (only the Q2 export speaks, P6/P10 not yet in the register) = 7.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import one, query, reads_only, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.figures.as_json import headline_json, ranking_json
from ipdb.figures.headline import headline
from ipdb.figures.rankings import rank
from ipdb.periods import make_period
from ipdb.store import open_store

Q2, Q3, MID = date(2026, 6, 30), date(2026, 9, 30), date(2026, 8, 14)
JIA, YI, BING = "91110108551385082Q", "91110000600037341L", "914403001922038216"
COMPANY_HEADERS = ["企业名称", "统一社会信用代码", "曾用名", "所属街道", "行业"]
PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "失效日", "专利权人"]
NUMBERS = {f"P{i}": body for i, body in enumerate(
    ["201610311380", "201710117081", "201910349801", "201810431317", "202110182616", "201010000001",
     "200510113767", "201710601862", "202510000002", "202610000003"], start=1)}


def number(key: str) -> str:
    from ipdb.values.patent_numbers import check_char

    body = NUMBERS[key]
    return f"{body}.{check_char(body)}"


def patent(key: str, holder: str, status: str = "有效", granted: str = "2015-01-01", lapse: str = "") -> list[str]:
    body = NUMBERS[key]
    return [number(key), f"专利{key}", f"{body[:4]}-03-01", granted, status, lapse, holder]


Q2_PATENTS = [patent("P1", "甲有限公司"), patent("P2", "甲有限公司"), patent("P3", "乙有限公司"),
              patent("P4", "乙有限公司"), patent("P5", "乙有限公司"), patent("P7", "甲有限公司"),
              patent("P8", "丙旧有限公司"), patent("P9", "甲有限公司", "实质审查", "")]
Q3_PATENTS = [patent("P1", "甲有限公司"), patent("P2", "甲有限公司", "失效"),
              patent("P3", "乙有限公司", "失效", lapse="2026-08-15"), patent("P4", "乙有限公司", "失效", lapse="2026-05-01"),
              patent("P6", "甲有限公司", granted="2013-05-05"), patent("P7", "乙有限公司"), patent("P8", "丙新有限公司"),
              patent("P9", "甲有限公司", granted="2026-08-01"), patent("P10", "乙有限公司", granted="2026-09-01")]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    companies_q2 = [["甲有限公司", JIA, "", "城东街道", "制造业"], ["乙有限公司", YI, "", "城西街道", "软件业"],
                    ["丙旧有限公司", BING, "", "城东街道", "制造业"]]
    companies_q3 = [*companies_q2[:2], ["丙新有限公司", BING, "丙旧有限公司", "城东街道", "制造业"]]
    return {
        "companies_q2": write_sheet(tmp_path / "企业_q2.xlsx", COMPANY_HEADERS, companies_q2),
        "companies_q3": write_sheet(tmp_path / "企业_q3.xlsx", COMPANY_HEADERS, companies_q3),
        "patents_q2": write_sheet(tmp_path / "专利_q2.xlsx", PATENT_HEADERS, Q2_PATENTS),
        "patents_q3": write_sheet(tmp_path / "专利_q3.xlsx", PATENT_HEADERS, Q3_PATENTS),
    }


def load(store, files, order=("q2", "q3")) -> dict[str, int]:  # type: ignore[no-untyped-def]
    left = {}
    for quarter in order:
        day = Q2 if quarter == "q2" else Q3
        one(store, files[f"companies_{quarter}"], as_of=day)
        left[quarter] = one(store, files[f"patents_{quarter}"], as_of=day, snapshot=True).left
    return left


def inventions(store, day: date) -> int:  # type: ignore[no-untyped-def]
    return headline(store, day, make_period(date(day.year, 1, 1), day)).get("invention_patents").value


def ranking(store, day: date, by: str = "enterprise") -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(r.name, r.value) for r in rank(store, "invention_patents", as_of=day, by=by).rows]


def test_figures_at_both_quarter_ends_and_between(tmp_path, files):
    store = open_store(tmp_path / "a.sqlite")
    left = load(store, files)
    assert (inventions(store, Q2), inventions(store, MID), inventions(store, Q3)) == (7, 7, 6)
    assert left == {"q2": 0, "q3": 1}  # P5
    assert ranking(store, Q2) == [("乙有限公司", 3), ("甲有限公司", 3), ("丙旧有限公司", 1)]
    assert ranking(store, Q3) == [("甲有限公司", 3), ("乙有限公司", 2), ("丙新有限公司", 1)]
    assert ranking(store, Q2, "town") == [("城东街道", 4), ("城西街道", 3)]
    assert ranking(store, Q3, "town") == [("城东街道", 4), ("城西街道", 2)]


def test_the_first_quarter_is_unchanged_by_the_second_import(tmp_path, files):
    store = open_store(tmp_path / "a.sqlite")
    one(store, files["companies_q2"], as_of=Q2)
    one(store, files["patents_q2"], as_of=Q2, snapshot=True)
    period = make_period(date(2026, 4, 1), Q2)
    before = (headline_json(headline(store, Q2, period)), ranking(store, Q2), ranking(store, Q2, "town"))
    one(store, files["companies_q3"], as_of=Q3)
    one(store, files["patents_q3"], as_of=Q3, snapshot=True)
    after = (headline_json(headline(store, Q2, period)), ranking(store, Q2), ranking(store, Q2, "town"))
    assert after == before


def test_import_order_does_not_matter(tmp_path, files):
    forward, backward = open_store(tmp_path / "f.sqlite"), open_store(tmp_path / "b.sqlite")
    load(forward, files, ("q2", "q3"))
    load(backward, files, ("q3", "q2"))
    for day in (Q2, MID, Q3, date(2026, 12, 31)):
        period = make_period(date(day.year, 1, 1), day)
        assert headline_json(headline(forward, day, period)) == headline_json(headline(backward, day, period))
        for by in ("enterprise", "town", "industry"):
            assert ranking_json(rank(forward, "invention_patents", as_of=day, by=by, compare=Q2)) == \
                ranking_json(rank(backward, "invention_patents", as_of=day, by=by, compare=Q2))


def test_comparison_shows_movement_and_one_identity_across_the_rename(tmp_path, files):
    store = open_store(tmp_path / "a.sqlite")
    load(store, files)
    rows = {r.name: r for r in rank(store, "invention_patents", as_of=Q3, compare=Q2).rows}
    assert (rows["甲有限公司"].rank, rows["甲有限公司"].previous_rank, rows["甲有限公司"].movement) == (1, 1, "—")
    assert (rows["乙有限公司"].rank, rows["乙有限公司"].previous_rank, rows["乙有限公司"].movement) == (2, 1, "↓1")
    assert (rows["丙新有限公司"].previous_value, rows["丙新有限公司"].previous_rank) == (1, 3)


def test_reimporting_the_same_snapshot_adds_nothing(tmp_path, files):
    store = open_store(tmp_path / "a.sqlite")
    load(store, files)
    observations = query(store, "SELECT COUNT(*) FROM right_observation")
    again = one(store, files["patents_q3"], as_of=Q3, snapshot=True)
    assert (again.left, again.inserted, again.updated) == (0, 0, 0)
    assert query(store, "SELECT COUNT(*) FROM right_observation") == observations


def test_a_partial_import_ends_nothing(tmp_path, files):
    store = open_store(tmp_path / "a.sqlite")
    load(store, files)
    few = write_sheet(tmp_path / "几件.xlsx", PATENT_HEADERS, [patent("P1", "甲有限公司")])
    report = one(store, few, as_of=date(2026, 12, 31))
    assert (report.left, report.unchanged) == (0, 1)
    assert inventions(store, date(2026, 12, 31)) == inventions(store, Q3) == 6


def test_left_and_history_commands(tmp_path, files):
    db = tmp_path / "a.sqlite"
    load(open_store(db), files)
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["left", "--as-of", "2026-09-30", "--format", "json", "--db", str(db)]).stdout)
    assert [(r["number"], r["holders"]) for r in listed] == [(number("P5"), "乙有限公司")]
    history = runner.invoke(app, ["history", f"ZL{number('P7')}", "--format", "json", "--db", str(db)])
    (entry,) = json.loads(history.stdout)
    assert [(o["as_of"], o["holders"]) for o in entry["observations"]] == [("2026-06-30", "甲有限公司"),
                                                                            ("2026-09-30", "乙有限公司")]
    table = runner.invoke(app, ["rank", "发明专利", "--as-of", "2026-09-30", "--compare", "2026Q2", "--db", str(db)],
                          terminal_width=80)
    assert "↓1" in table.stdout and "丙新有限公司" in table.stdout


def test_left_reads_in_a_transaction_that_may_not_write(tmp_path, files, monkeypatch):
    """PostgreSQL's READ ONLY transaction forbids even a temporary table; SQLite's query_only is the same rule."""
    from ipdb.history import left_register

    store = open_store(tmp_path / "a.sqlite")
    load(store, files)
    reads_only(monkeypatch)
    (left,) = left_register(open_store(tmp_path / "a.sqlite"), "patents", Q3)
    assert (left.number, left.holders, left.last_seen) == (number("P5"), "乙有限公司", date(2026, 6, 30))


def test_a_snapshot_split_over_two_files_counts_left_once(tmp_path, files):
    from ipdb.importers.pipeline import ImportOptions, import_files

    store = open_store(tmp_path / "a.sqlite")
    load(store, files, ("q2",))
    first = write_sheet(tmp_path / "q3_a.xlsx", PATENT_HEADERS, Q3_PATENTS[:4])
    second = write_sheet(tmp_path / "q3_b.xlsx", PATENT_HEADERS, Q3_PATENTS[4:])
    reports = import_files(store, [first, second], ImportOptions(kind="patents", as_of=Q3, snapshot=True))
    assert [r.left for r in reports] == [0, 1]  # only P5 left; P7 and P8 are in the second file
    assert query(store, "SELECT left FROM import_batch ORDER BY id DESC LIMIT 2") == [(1,), (0,)]
    assert inventions(store, Q3) == 6
