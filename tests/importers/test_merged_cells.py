"""Merged data cells belong to every row they span; a loan written over merged rows is one loan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from support import one, query

from ipdb.store import Store


def _merged_sheet(path: Path, title: str, headers: list[str], rows: list[list[object]],
                  merges: list[str]) -> Path:
    book = Workbook()
    ws = book.active
    ws.append([title])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    book.save(path)
    return path


def test_a_street_merged_over_its_enterprises_belongs_to_each(store: Store, tmp_path: Path):
    path = _merged_sheet(tmp_path / "企业名录.xlsx", "企业名录（截至2026年9月30日）", ["企业名称", "所属街道", "行业"], [
        ["甲公司", "城东街道", "制造业"],
        ["乙公司", None, "软件业"],
        ["丙公司", None, "制造业"],
        ["丁公司", "城西街道", "软件业"],
        ["戊公司", None, "制造业"],
    ], ["B3:B5", "B6:B7"])
    report = one(store, path, kind="companies")
    assert report.rows == 5 and report.inserted == 5 and report.rejected == 0
    assert query(store, "SELECT name, town FROM company_observation ORDER BY name") == sorted([
        ("甲公司", "城东街道"), ("乙公司", "城东街道"), ("丙公司", "城东街道"), ("丁公司", "城西街道"),
        ("戊公司", "城西街道")])


def test_a_loan_over_three_merged_rows_is_one_loan_pledging_three_rights(store: Store, tmp_path: Path):
    headers = ["出质人", "质权人", "融资金额（万元）", "质押登记日", "质押专利号"]
    path = _merged_sheet(tmp_path / "质押.xlsx", "2026年质押融资台账", headers, [
        ["甲公司", "城东银行", 500, "2026-03-05", "201610311380.X"],
        [None, None, None, None, "201710117081.7"],
        [None, None, None, None, "ZL201922113032.3"],
        ["乙公司", "城西银行", 200, "2026-04-01", "201910380558.X"],
        ["乙公司", "城西银行", 200, "2026-04-01", "201921281688.X"],  # same-looking loan, not merged: another
    ], ["A3:A5", "B3:B5", "C3:C5", "D3:D5"])
    report = one(store, path, kind="pledges", as_of=date(2026, 9, 30))
    assert report.rows == 5 and report.inserted == 3 and report.unchanged == 2 and report.rejected == 0
    assert "第 3、4、5 行" in " ".join(report.notes)
    loans = query(store, "SELECT l.amount_yuan, COUNT(r.right_key) FROM pledge_loan l "
                         "JOIN pledged_right r ON r.loan_id = l.id GROUP BY l.id ORDER BY l.id")
    assert loans == [(5_000_000, 3), (2_000_000, 1), (2_000_000, 1)]
    assert query(store, "SELECT right_key FROM pledged_right WHERE loan_id = 1 ORDER BY right_key") == [
        ("201610311380",), ("201710117081",), ("201922113032",)]
