"""Issue 9's reproductions, each from a minimal generated file: one Chinese sentence, exit 0 or 1, no lost row."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook
from support import ROOT, query, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.importers.read import read_file

runner = CliRunner()
CASES = ["案件编号", "案件名称", "当事人", "案件类型", "立案日期", "结案日期", "案值（万元）", "罚没款（万元）"]


def _case(n: int, value: str = "10.12") -> str:
    return f"云市监立字〔2026〕{n:03d}号,第{n}号案件,云溪区甲{n}商行,侵权假冒,2026-01-05,2026-03-01,{value},1.5"


def _csv(path: Path, lines: list[str], *, end: str = "\n") -> Path:
    path.write_text(",".join(CASES) + "\n" + "\n".join(lines) + end, encoding="utf-8")
    return path


def _import(path: Path, db: Path, *extra: str) -> tuple[int, dict, str]:
    result = runner.invoke(app, ["import", str(path), "--format", "json", "--db", str(db), *extra])
    assert "Traceback" not in result.output
    reports = json.loads(result.stdout) if result.stdout.startswith("[") else [{}]
    return result.exit_code, reports[0], result.output


def _balanced(report: dict) -> bool:
    return report["rows"] == report["inserted"] + report["updated"] + report["unchanged"] + report["rejected"]


def _rejects(db: Path) -> list[tuple]:
    return query_db(db, "SELECT row, code FROM row_issue WHERE severity = 'reject' ORDER BY row")


def query_db(db: Path, sql: str) -> list[tuple]:
    from ipdb.store import open_store

    with open_store(db, read_only=True) as store:
        return query(store, sql)


# ---- 1. CSV damage --------------------------------------------------------------------------------


def test_an_unclosed_quote_rejects_its_row_and_the_rows_it_swallowed_are_read(tmp_path):
    lines = [_case(n) for n in range(1, 11)]
    lines[2] = lines[2].replace("第3号案件", '"第3号案件')  # the quote opens in record 4 and never closes
    code, report, _ = _import(_csv(tmp_path / "案件.csv", lines), tmp_path / "ipdb.sqlite")
    assert code == 0
    assert (report["rows"], report["inserted"], report["rejected"]) == (10, 9, 1)
    assert _rejects(tmp_path / "ipdb.sqlite") == [(4, "csv_unclosed_quote")]
    (reason,) = query_db(tmp_path / "ipdb.sqlite", "SELECT reason FROM row_issue WHERE severity = 'reject'")
    assert "第 4 行（文件第 4 行）有一个引号没有闭合，会把其后 7 行并进一个单元格" in reason[0]


def test_a_record_with_more_fields_than_the_header_is_rejected(tmp_path):
    lines = [_case(1), _case(2).replace("第2号案件", "第2号,案件"), _case(3)]
    code, report, _ = _import(_csv(tmp_path / "案件.csv", lines), tmp_path / "ipdb.sqlite")
    assert code == 0 and (report["rows"], report["rejected"]) == (3, 1) and _balanced(report)
    assert _rejects(tmp_path / "ipdb.sqlite") == [(3, "csv_extra_fields")]


def test_a_file_cut_off_mid_record_rejects_the_half_record(tmp_path):
    lines = [_case(1), _case(2), _case(3)[:40]]
    code, report, _ = _import(_csv(tmp_path / "案件.csv", lines, end=""), tmp_path / "ipdb.sqlite")
    assert code == 0 and (report["rows"], report["inserted"], report["rejected"]) == (3, 2, 1)
    assert _rejects(tmp_path / "ipdb.sqlite") == [(4, "csv_truncated")]


def test_quoted_newlines_and_equal_length_ragged_rows_stay_readable(tmp_path):
    path = tmp_path / "导出.csv"
    path.write_text('申请号,摘要\nCN1,"第一行\n第二行，还有一行"\nCN2,"含,逗号"\n', encoding="utf-8")
    (sheet,) = read_file(path)
    assert sheet.faults == () and sheet.rows[1] == ("CN1", "第一行\n第二行，还有一行")
    ragged = tmp_path / "商标.csv"
    ragged.write_text("序号,注册号,类别\n1,59068242,9,2021年09月07日,华为\n2,59068243,9,2021年09月08日,华为\n")
    assert read_file(ragged)[0].faults == ()


# ---- 4. merged title wider than the table; 5. huge amounts ------------------------------------------


def test_a_title_merged_wider_than_the_table_is_read(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["云溪区商标违法案件（2026年）"])
    sheet.merge_cells("A1:Z1")
    sheet.append(CASES)
    sheet.append(_case(1).split(","))
    book.save(tmp_path / "案件.xlsx")
    code, report, _ = _import(tmp_path / "案件.xlsx", tmp_path / "ipdb.sqlite")
    assert code == 0 and report["inserted"] == 1


def test_huge_amounts_are_rejected_rows_not_a_crash(tmp_path):
    lines = [_case(1, "1e17"), _case(2, "99999999999999999999999万元"), _case(3, "100000000000"), _case(4)]
    code, report, _ = _import(_csv(tmp_path / "案件.csv", lines), tmp_path / "ipdb.sqlite")
    assert code == 0 and (report["rows"], report["inserted"], report["rejected"]) == (4, 1, 3)
    codes = {c for _, c in _rejects(tmp_path / "ipdb.sqlite")}
    assert codes <= {"amount_too_large", "scientific_notation"} and "amount_too_large" in codes


# ---- 6. pipes, hidden sheets, skipped rows, repeats -----------------------------------------------------


def test_a_closed_pipe_ends_quietly_with_exit_0(tmp_path):
    db = tmp_path / "ipdb.sqlite"
    lines = [_case(n).replace("2026-01-05", "2026-13-45") for n in range(1, 1500)]  # many rejects: long output
    _import(_csv(tmp_path / "案件.csv", lines), db)
    command = [sys.executable, "-m", "ipdb", "rejects", "--format", "json", "--db", str(db)]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()  # `| head -c 100`
        error = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0, error
    assert error == ""


def test_hidden_sheets_are_imported_and_named(tmp_path):
    path = write_sheet(tmp_path / "案件.xlsx", CASES, [_case(1).split(",")])
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.create_sheet("封面")
    book["Sheet1"].sheet_state = "hidden"
    book.save(path)
    code, report, output = _import(path, tmp_path / "ipdb.sqlite")
    assert code == 0 and report["inserted"] == 1, output
    assert any("隐藏" in note and "Sheet1" in note for note in report["notes"])


def test_skipped_rows_are_listed_with_their_numbers_and_reasons(tmp_path):
    db = tmp_path / "ipdb.sqlite"
    rows = [_case(1).split(","), ["合计", "", "", "", "", "", "10.12", "1.5"], ["注：数据来源于执法系统"]]
    code, report, _ = _import(write_sheet(tmp_path / "案件.xlsx", CASES, rows), db)
    assert code == 0 and report["skipped"] == 2
    assert report["skipped_rows"] == [
        {"sheet": "Sheet1", "row": 3, "reason": "合计行"},
        {"sheet": "Sheet1", "row": 4, "reason": "说明行"},
    ]
    listed = json.loads(runner.invoke(app, ["rejects", "--warnings", "-f", "json", "--db", str(db)]).stdout)
    assert [(r["row"], r["reason"], r["severity"]) for r in listed if r["severity"] == "skipped"] == [
        (3, "合计行", "skipped"), (4, "说明行", "skipped")]


def test_a_repeat_import_reports_the_original_counts(tmp_path):
    db = tmp_path / "ipdb.sqlite"
    lines = [_case(1), _case(2, "-5"), _case(3).replace("2026-03-01", "2099-03-01")]
    path = _csv(tmp_path / "案件.csv", lines)
    _, first, _ = _import(path, db)
    _, again, _ = _import(path, db)
    assert again["repeat_of"] == first["batch_id"]
    for key in ("rows", "rejected", "warnings", "skipped"):
        assert again[key] == first[key], key
    assert first["rejected"] == 1


# ---- 2. used range from the data; 3. unconvertible cells ---------------------------------------------


def _without_dimension(path: Path) -> Path:
    """The sheet XML without its <dimension> (as some exporters write it), so that only the cells tell the range."""
    import re
    import zipfile

    copy = path.with_name("无维度_" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
            target.writestr(info.filename, data)
    return copy


def test_one_cell_in_the_far_corner_is_ignored_with_a_warning(tmp_path):
    book = Workbook()
    for row in (CASES, _case(1).split(",")):
        book.active.append(row)
    book.active["XFD1048576"] = "误输入"
    book.save(tmp_path / "案件.xlsx")
    for path in (tmp_path / "案件.xlsx", _without_dimension(tmp_path / "案件.xlsx")):
        db = tmp_path / f"{path.stem}.sqlite"
        code, report, _ = _import(path, db)
        assert code == 0 and (report["rows"], report["inserted"], report["warnings"]) == (1, 1, 1)
        assert query_db(db, "SELECT row, column, value, code FROM row_issue WHERE severity = 'warning'") == [
            (1048576, "XFD1048576", "", "far_cell_ignored")]


def test_a_sheet_with_more_cells_than_the_limit_is_refused_from_its_cells_not_its_dimension(tmp_path):
    from ipdb.errors import UnreadableFile
    from ipdb.importers.read import ReadLimits

    book = Workbook()
    for n in range(1, 400):
        book.active.append(_case(n).split(","))
    book.save(tmp_path / "案件.xlsx")
    path = _without_dimension(tmp_path / "案件.xlsx")
    try:
        read_file(path, limits=ReadLimits(max_cells=1000))
    except UnreadableFile as exc:
        assert "已拒绝读取" in exc.message and "案件" in exc.message
    else:
        raise AssertionError("a sheet of 3192 cells passed a limit of 1000")


def test_a_date_serial_out_of_range_rejects_its_row_and_no_panic_reaches_the_terminal(tmp_path):
    import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(CASES)
    for n in (1, 2, 3):
        sheet.append([f"云市监立字〔2026〕00{n}号", "案", "甲商行", "侵权假冒", datetime.date(2026, 1, 5),
                      datetime.date(2026, 3, 1), 1, 1])
    sheet["E3"].value = -1e15
    book.save(tmp_path / "案件.xlsx")
    db = tmp_path / "ipdb.sqlite"
    command = [sys.executable, "-m", "ipdb", "import", str(tmp_path / "案件.xlsx"), "--db", str(db), "-f", "json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**_env(), "RUST_BACKTRACE": "1"})
    assert done.returncode == 0, done.stderr
    assert "panicked" not in done.stderr and "stack backtrace" not in done.stderr
    (report,) = json.loads(done.stdout)
    assert (report["rows"], report["inserted"], report["rejected"]) == (3, 2, 1)
    assert query_db(db, "SELECT row, column, value, code FROM row_issue WHERE severity = 'reject'") == [
        (3, "E3", "-1000000000000000", "unconvertible_cell")]


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)
