"""The date a register describes is never a silent guess: --as-of, title, file name, run --quarter, import day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import one, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.values.dates import as_of_from_file_name

HEADERS = ["申请号", "专利名称", "法律状态", "专利权人"]
ROWS = [["201610311380.X", "甲", "有效", "甲公司"], ["201710117081.7", "乙", "未缴年费终止失效", "乙公司"]]


@pytest.mark.parametrize(("stem", "expected"), [
    ("专利清单_2026-09-30", date(2026, 9, 30)),
    ("专利清单_20260930", date(2026, 9, 30)),
    ("专利清单2026年9月30日", date(2026, 9, 30)),
    ("专利清单 2026.9.30", date(2026, 9, 30)),
    ("专利清单_2026Q3", date(2026, 9, 30)),
    ("云溪区2026年第三季度专利清单", date(2026, 9, 30)),
    ("专利清单（截至2021年12月31日）", date(2021, 12, 31)),
    ("2021-12-31 专利清单", date(2021, 12, 31)),
    ("专利清单", None),
    ("专利清单_export_2019-08-09", None),  # when the file was exported, not what it describes
    ("专利清单_2019-08-09_153012", None),  # a date with a time of day is an export stamp
    ("专利清单导出20190809", None),
    ("专利清单_20261340", None),  # no such day
])
def test_dates_in_file_names(stem, expected):
    assert as_of_from_file_name(stem) == expected


def test_a_file_name_dates_a_register_without_a_dated_title(store, tmp_path: Path):
    report = one(store, write_sheet(tmp_path / "专利清单_2021-12-31.xlsx", HEADERS, ROWS, title="专利清单"))
    assert (report.as_of, report.as_of_source) == (date(2021, 12, 31), "file_name")


def test_a_title_date_wins_over_the_file_name(store, tmp_path: Path):
    path = write_sheet(tmp_path / "专利清单_2021-12-31.xlsx", HEADERS, ROWS, title="专利清单（截至2022年3月31日）")
    report = one(store, path)
    assert (report.as_of, report.as_of_source) == (date(2022, 3, 31), "title")


def test_run_quarter_dates_files_without_a_date_at_the_quarter_end(store, tmp_path: Path):
    path = write_sheet(tmp_path / "专利清单.xlsx", HEADERS, ROWS, title="专利清单")
    report = one(store, path, quarter_end=date(2026, 9, 30))
    assert (report.as_of, report.as_of_source) == (date(2026, 9, 30), "quarter")
    dated = one(store, write_sheet(tmp_path / "专利_2026-06-30.xlsx", HEADERS, ROWS), quarter_end=date(2026, 9, 30))
    assert dated.as_of_source == "file_name"


def test_the_import_day_fallback_is_said_on_a_line_of_its_own(tmp_path: Path):
    path = write_sheet(tmp_path / "专利清单.xlsx", HEADERS, ROWS, title="专利清单")
    db = str(tmp_path / "x.sqlite")
    result = CliRunner().invoke(app, ["import", str(path), "--dry-run", "--format", "json", "--db", db])
    assert json.loads(result.stdout)[0]["as_of_source"] == "import_day"
    table = CliRunner().invoke(app, ["import", str(path), "--db", db])
    lines = [line for line in table.stdout.splitlines() if "没有注明日期" in line]
    assert lines and "--as-of" in "".join(table.stdout.split())


def test_run_quarter_end_to_end_says_quarter(tmp_path: Path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_sheet(folder / "专利清单.xlsx", HEADERS, ROWS, title="专利清单")
    db = str(tmp_path / "x.sqlite")
    result = CliRunner().invoke(app, ["run", str(folder), "--quarter", "2026Q3", "--db", db])
    assert result.exit_code == 0, result.output
    assert "季度末2026-09-30" in "".join(result.stdout.split())
    batches = CliRunner().invoke(app, ["batches", "--format", "json", "--db", db])
    assert [(b["as_of"], b["as_of_source"]) for b in json.loads(batches.stdout)] == [("2026-09-30", "quarter")]
