"""The file's own totals are checked: a 合计 row that matches, one that does not, a count, subtotals."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support import one, query, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.store import open_store

HEADERS = ["序号", "企业名称", "项目类别", "申报金额（万元）"]
TITLE = "2026年度知识产权专项资金申报汇总表"


def _funds(path: Path, rows: list[list[object]], total: object, *, note: str | None = None) -> Path:
    bottom: list[list[object]] = [["合计", None, None, total]]
    if note:
        bottom.append([note])
    return write_sheet(path, HEADERS, rows, title=TITLE, bottom=bottom)


ROWS = [
    [1, "甲公司", "贯标补助", "1200.50"],
    [2, "乙公司", "专利奖励", "337.35"],
    [3, "丙公司", "专利奖励", "一百七十四点五"],  # Chinese numerals: a reject, so the total cannot agree
]


def test_a_matching_total_is_recorded_as_a_match(store, tmp_path: Path):
    report = one(store, _funds(tmp_path / "f.xlsx", ROWS[:2], "1537.85", note="注：共2项"), kind="funds")
    assert [(t.row, t.column, t.stated, t.imported, t.match) for t in report.totals] == [
        (5, "申报金额（万元）", 1537.85, 1537.85, True), (6, "行数", 2, 2, True)]
    assert report.warnings == 0


def test_a_total_that_differs_is_a_warning_stating_both_numbers(tmp_path: Path):
    path = _funds(tmp_path / "f.xlsx", ROWS, "1712.35")
    db = tmp_path / "x.sqlite"
    result = CliRunner().invoke(app, ["import", str(path), "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["totals"] == [{"sheet": "Sheet1", "row": 6, "column": "申报金额（万元）", "stated": 1712.35,
                                "imported": 1537.85, "match": False}]
    assert entry["rejected"] == 1 and entry["warnings"] == 1
    rejects = CliRunner().invoke(app, ["rejects", "--warnings", "--format", "json", "--db", str(db)])
    warning = next(r for r in json.loads(rejects.stdout) if r["code"] == "totals_mismatch")
    assert warning["row"] == 6 and warning["reason"] == "合计行为1712.35万元，导入的行合计1537.85万元，相差174.50万元"
    with open_store(db) as store:
        assert query(store, "SELECT SUM(amount_yuan) FROM fund_application") == [(15_378_500,)]


def test_a_count_that_differs_and_subtotals_per_section(store, tmp_path: Path):
    rows = [[1, "甲公司", "贯标补助", "10"], [2, "乙公司", "贯标补助", "20"], ["城东街道小计", None, None, "30"],
            [3, "丙公司", "专利奖励", "5"], ["城西街道小计", None, None, "6"]]
    path = write_sheet(tmp_path / "f.xlsx", HEADERS, rows, title=TITLE,
                       bottom=[["合计", None, None, "35"], ["注：共4项"]])
    report = one(store, path, kind="funds")
    assert [(t.row, t.stated, t.imported, t.match) for t in report.totals] == [
        (5, 30, 30, True), (7, 6, 5, False), (8, 35, 35, True), (9, 4, 3, False)]
    assert [i.code for i in report.issues] == ["totals_mismatch", "totals_mismatch"]


@settings(max_examples=12)
@given(st.lists(st.tuples(st.sampled_from(["甲公司", "乙公司", "丙公司"]), st.sampled_from(["贯标补助", "专利奖励"]),
                          st.integers(min_value=1, max_value=99_999)), min_size=1, max_size=8))
def test_the_imported_total_equals_the_files_own_total(tmp_path_factory, events):
    """Random small event lists, duplicates included: every row counts, so the store's total is the 合计."""
    folder = tmp_path_factory.mktemp("funds")
    rows = [[n, name, kind, f"{cents / 100:.2f}"] for n, (name, kind, cents) in enumerate(events, start=1)]
    total = sum(cents for _, _, cents in events)
    path = _funds(folder / "f.xlsx", rows, f"{total / 100:.2f}", note=f"注：共{len(rows)}项")
    with open_store(folder / "x.sqlite") as store:
        report = one(store, path, kind="funds")
        assert report.inserted == len(rows) and all(t.match for t in report.totals) and len(report.totals) == 2
        stored = query(store, "SELECT COALESCE(SUM(amount_yuan), 0) FROM fund_application")[0][0]
    assert stored == total * 100  # 万元 with two decimals = 100 元 per cent
