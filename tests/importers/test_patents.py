"""Patent registers: messy cells parsed once, rejects with Excel row numbers, observations per as-of date."""

from __future__ import annotations

from dataclasses import astuple, fields
from datetime import date
from pathlib import Path

from support import one, query, table_counts, write_sheet

from ipdb.importers.report import Issue
from ipdb.models import RowIssue

HEADERS = ["序号", "申请号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "专利权人"]
TITLE = "云溪区企业有效专利清单（截至2026年6月30日）"


def messy_patents(path: Path) -> Path:
    rows = [
        [1, "CN201610311380.X", "一种检测装置", "发明", date(2016, 5, 12), date(2018, 3, 2), "有效", "甲科技有限公司"],
        [2, "ZL 2013 2 0043015.7", "一种夹具", "实用新型", "2013.1.28", "2013年7月3日", "专利权维持",
         "甲科技有限公司；乙大学"],
        [3, "２０１７１０１１７０８１.７", "一种方法", "发明", "20170301", "", "实质审查", "乙大学"],
        [4, "201780002397", "PCT进入", "发明", "2017-01-05T00:00:00", "2020-02-02", "等年费滞纳金",
         "丙股份有限公司"],
        [5, "201710601862.0", "校验位错误", "发明", "2017-07-01", "2019-09-09", "有效", "甲科技有限公司"],
        [6, "CN2021A0123456", "字母", "发明", "2021-01-01", "", "审中", "甲科技有限公司"],
        [7, "", "空申请号", "发明", "2021-01-01", "", "审中", "甲科技有限公司"],
        [8, "97101765.4", "老专利", "发明", "1997-02-01", "1999-05-05", "未缴年费专利权终止", "丁研究所"],
    ]
    bottom = [["合计", "", "", "", "", "", "", ""], ["注：数据来源于国家知识产权局。"]]
    return write_sheet(path, HEADERS, rows, title=TITLE, extra_top=[["填报单位：云溪区市场监督管理局"]], bottom=bottom)


def test_messy_patent_list_is_parsed_once_and_stored_canonically(db, tmp_path):
    report = one(db, messy_patents(tmp_path / "专利.xlsx"))
    assert (report.kind, report.as_of, report.as_of_source) == ("patents", date(2026, 6, 30), "title")
    assert (report.rows, report.inserted, report.rejected, report.warnings) == (8, 6, 2, 1)
    assert report.rows == report.inserted + report.updated + report.unchanged + report.rejected
    stored = query(db, "SELECT r.key, r.category, r.number, s.status_class, s.filing_date, s.granted_on, s.holders "
                       "FROM right r JOIN right_observation o ON o.right_id = r.id "
                       "JOIN right_state s ON s.id = o.state_id ORDER BY r.key")
    assert stored == [
        ("201320043015", "utility", "201320043015.7", "in_force", "2013-01-28", "2013-07-03", "甲科技有限公司；乙大学"),
        ("201610311380", "invention", "201610311380.X", "in_force", "2016-05-12", "2018-03-02", "甲科技有限公司"),
        ("201710117081", "invention", "201710117081.7", "pending", "2017-03-01", None, "乙大学"),
        ("201710601862", "invention", "201710601862.3", "in_force", "2017-07-01", "2019-09-09", "甲科技有限公司"),
        ("201780002397", "invention", "201780002397.X", "in_force", "2017-01-05", "2020-02-02", "丙股份有限公司"),
        ("97101765", "invention", "97101765.4", "dead", "1997-02-01", "1999-05-05", "丁研究所"),
    ]


def test_rejects_and_warnings_name_the_excel_row_and_column(db, tmp_path):
    report = one(db, messy_patents(tmp_path / "专利.xlsx"))
    problems = {(i.severity, i.row, i.column) for i in report.issues}
    # title row 1, 填报单位 row 2, header row 3: data row n sits on Excel row n + 3
    assert problems == {("warning", 8, "申请号"), ("reject", 9, "申请号"), ("reject", 10, "申请号")}
    assert report.skipped == 2  # the 合计 row and the note
    stored = query(db, "SELECT severity, sheet, row, column, value FROM row_issue WHERE severity <> 'skipped' ORDER BY row")
    assert stored == [("warning", "Sheet1", 8, "申请号", "201710601862.0"),
                      ("reject", "Sheet1", 9, "申请号", "CN2021A0123456"),
                      ("reject", "Sheet1", 10, "申请号", "")]


def test_every_field_of_a_reported_issue_is_stored_in_row_issue(db, tmp_path):
    """The report's Issue and the stored RowIssue are one record at two layers: a field added to one and not the
    other is lost on the way to the store (ipdb rejects reads the stored one)."""
    report = one(db, messy_patents(tmp_path / "专利.xlsx"))
    names = [f.name for f in fields(Issue)]
    assert [c.name for c in RowIssue.__table__.columns if c.name not in ("id", "batch_id")] == names
    stored = query(db, f"SELECT {', '.join(f'[{n}]' for n in names)} FROM row_issue WHERE severity <> 'skipped'")
    assert sorted(stored) == sorted(astuple(i) for i in report.issues)
    assert all(i.code and i.cells for i in report.issues)


def test_reimporting_the_same_file_changes_nothing(db, tmp_path):
    path = messy_patents(tmp_path / "专利.xlsx")
    one(db, path)
    before = table_counts(db)
    again = one(db, path)
    assert table_counts(db) == before
    assert again.repeat_of is not None
    assert (again.rows, again.unchanged, again.rejected, again.inserted) == (8, 6, 2, 0)


def test_a_newer_export_adds_only_references_for_unchanged_rights(db, tmp_path):
    one(db, messy_patents(tmp_path / "q2.xlsx"))
    states = query(db, "SELECT COUNT(*) FROM right_state")[0][0]
    later = one(db, messy_patents(tmp_path / "q3.xlsx"), as_of=date(2026, 9, 30))
    assert (later.inserted, later.updated, later.unchanged) == (0, 0, 6)
    assert query(db, "SELECT COUNT(*) FROM right_state")[0][0] == states
    assert query(db, "SELECT COUNT(*) FROM right_observation")[0][0] == 12


def test_a_changed_status_is_an_update_and_keeps_history(db, tmp_path):
    first = write_sheet(tmp_path / "a.xlsx", HEADERS, [[1, "201610311380.X", "A", "发明", "2016-05-12", "2018-03-02",
                                                         "有效", "甲科技有限公司"]])
    second = write_sheet(tmp_path / "b.xlsx", HEADERS, [[1, "CN201610311380", "A", "发明", "2016-05-12", "2018-03-02",
                                                          "失效", "甲科技有限公司"]])
    one(db, first, as_of=date(2026, 6, 30))
    report = one(db, second, as_of=date(2026, 9, 30))
    assert (report.updated, report.inserted) == (1, 0)
    assert query(db, "SELECT o.as_of, s.status_class FROM right_observation o JOIN right_state s ON s.id = o.state_id "
                     "ORDER BY o.as_of") == [("2026-06-30", "in_force"), ("2026-09-30", "dead")]


def test_the_same_patent_with_and_without_check_character_is_one_right(db, tmp_path):
    rows = [[1, "201610311380.X", "A", "发明", "2016-05-12", "2018-03-02", "有效", "甲科技有限公司"],
            [2, "ZL201610311380", "A", "发明", "2016-05-12", "2018-03-02", "有效", "甲科技有限公司"]]
    report = one(db, write_sheet(tmp_path / "dup.xlsx", HEADERS, rows), as_of=date(2026, 6, 30))
    assert (report.rows, report.inserted, report.unchanged) == (2, 1, 1)
    assert query(db, "SELECT COUNT(*) FROM right")[0][0] == 1


def test_holders_fall_back_to_applicants_and_a_row_with_neither_is_rejected(db, tmp_path):
    headers = ["申请号", "申请人", "授权公告日"]
    rows = [["201610311380.X", "甲科技有限公司、乙大学", "2018-03-02"], ["201710117081.7", "", "2019-01-01"]]
    report = one(db, write_sheet(tmp_path / "p.xlsx", headers, rows), kind="patents", as_of=date(2026, 6, 30))
    assert (report.inserted, report.rejected) == (1, 1)
    assert [(i.row, i.column) for i in report.issues] == [(3, "专利权人、申请人")] or \
        [(i.row, i.column) for i in report.issues] == [(3, "申请人")]
    assert query(db, "SELECT holders FROM right_state") == [("甲科技有限公司；乙大学",)]


def test_dry_run_reports_without_writing(db, tmp_path):
    before = table_counts(db)
    report = one(db, messy_patents(tmp_path / "专利.xlsx"), dry_run=True)
    assert (report.inserted, report.rejected) == (6, 2)
    assert table_counts(db) == before
