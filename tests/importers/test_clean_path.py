"""The clean path of row parsing (rows without any problem skip the Issue machinery) stores exactly what the
full path stores: the same rights, states, links, observations, facts, batches and row issues (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from support import ROOT, every_row, run, write_sheet

from ipdb.importers import KINDS
from ipdb.importers.binding import Options, bind
from ipdb.importers.report import ImportReport
from ipdb.importers.rows import RowParser
from ipdb.importers.table import DataRow, Table
from ipdb.store import open_store

HEADERS = ["序号", "申请号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "专利权人", "统一社会信用代码"]
CODE = "91330100MA2B0XXX0K"  # not a valid credit code: a reject of its own


def _patents(path: Path) -> Path:
    """Clean rows around every kind of problem a register row can carry, each on its own row."""
    rows = [
        [1, "CN201610311380.X", "一种检测装置", "发明", date(2016, 5, 12), date(2018, 3, 2), "有效", "甲科技有限公司", ""],
        [2, "201710601862.0", "校验位错误", "发明", "2017-07-01", "2019-09-09", "有效", "甲科技有限公司", ""],
        [3, "CN2021A0123456", "字母", "发明", "2021-01-01", "", "审中", "甲科技有限公司", ""],
        [4, "", "空申请号", "发明", "2021-01-01", "", "审中", "甲科技有限公司", ""],
        [5, "201910000001.9", "无权利人", "发明", "2019-01-01", "", "审中", "", ""],
        [6, "201910000002.3", "授权早于申请", "发明", "2019-05-01", "2019-01-01", "有效", "乙大学", ""],
        [7, "201910000003.8", "授权晚于今天", "发明", "2019-05-01", "2027-01-01", "有效", "乙大学", ""],
        [8, "201910000004.2", "日期无法识别", "发明", "某日", "", "审中", "乙大学", ""],
        [9, "CN201711214252A", "Derwent", "发明", "2017-11-20", "", "审中", "丙股份有限公司", ""],
        [10, "US2019123456A1", "外国", "发明", "2019-01-01", "", "审中", "丙股份有限公司", ""],
        [11, "201910000005.7", "两种类型", "发明实用新型", "2019-01-01", "", "审中", "丙股份有限公司", ""],
        [12, "201910000006.1", "信用代码错误", "发明", "2019-01-01", "", "审中", "丁研究所", CODE],
        [13, "201910000007.6", "一种装置", "实用新型", "2019-02-01", "2019-08-01", "专利权维持", "丁研究所；甲科技有限公司", ""],
        [14, "CN201610311380.X", "一种检测装置（重复）", "发明", date(2016, 5, 12), date(2018, 3, 2), "有效", "甲科技有限公司", ""],
        [15, "", "", "", "", "", "", "", ""],
        [16, "201910000008.0", "最后一行", "外观设计", "2019-03-01", "", "失效", "戊有限公司", ""],
    ]  # fmt: skip
    bottom = [["合计", "共7项"]]
    return write_sheet(path, HEADERS, rows, title="专利清单（截至2026年6月30日）", bottom=bottom)


def _import_both(tmp_path: Path, files: list[Path], **options: object) -> tuple[dict, dict, list, list]:
    stores, reports = [], []
    for clean in (True, False):
        path = tmp_path / f"clean_{clean}.sqlite"
        with open_store(path) as store:
            reports.append(run(store, *files, clean_path=clean, **options))
        stores.append(every_row(path))
    return stores[0], stores[1], reports[0], reports[1]


def test_a_register_with_problem_rows_is_stored_alike_by_both_paths(tmp_path: Path):
    fast, full, fast_reports, full_reports = _import_both(tmp_path, [_patents(tmp_path / "专利.xlsx")])
    assert fast == full
    assert fast_reports == full_reports
    (report,) = fast_reports
    assert report.rejected and report.warnings and report.inserted  # the file does exercise both paths
    assert fast["right_state"] and fast["row_issue"]


def test_every_demo_file_is_stored_alike_by_both_paths(tmp_path: Path):
    files = sorted(p for p in (ROOT / "imports" / "demo").iterdir() if p.suffix in (".xlsx", ".xls", ".csv"))
    files = [p for p in files if not p.name.startswith("导入说明")]
    fast, full, fast_reports, full_reports = _import_both(tmp_path, files, as_of=date(2026, 9, 30))
    assert fast == full
    assert [r.error for r in fast_reports] == [r.error for r in full_reports]
    assert fast_reports == full_reports
    assert sum(r.inserted for r in fast_reports) > 100



def test_a_row_without_mapped_values_is_no_data_row_when_no_field_is_required():
    """A kind without a required field or a row check: a row holding only unmapped cells (序号, a remark) is
    skipped on either path, not taken as an empty record."""
    spec = replace(KINDS["cases"], check_row=None)  # cases require no field; their row check would mask this
    headers = ("序号", "案件编号", "案件名称", "备注")
    rows = (DataRow(2, ("1", "云市监〔2026〕1号", "销售假冒商品案", None)), DataRow(3, ("2", None, None, "待补")))
    table = Table("Sheet1", headers, (1,), "", rows, ())
    bindings = bind(spec, headers, Options({}, {}), None)
    for clean in (True, False):
        report = ImportReport(file="案件.xlsx", kind="cases")
        parser = RowParser(spec, table, bindings, report, date(2026, 9, 30), clean_path=clean)
        assert [number for number, _ in parser.feed(table)] == [2]
        parser.finish()
        assert (report.rows, report.skipped, [s.row for s in report.skipped_rows]) == (1, 1, [3])
