"""`ipdb import` and friends end to end through Typer's CliRunner: contracts, errors, atomicity."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from support import query, table_counts, write_sheet
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.store import open_store

runner = CliRunner()
HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "专利权人"]


def patents(path: Path) -> Path:
    return write_sheet(path, HEADERS, [
        ["201610311380.X", "A", "2016-05-12", "2018-03-02", "有效", "甲公司"],
        ["201710601862.0", "B", "2017-07-01", "2019-09-09", "有效", "乙公司"],  # check mismatch: warning
        ["CN2021A0123456", "C", "2021-01-01", "", "审中", "甲公司"],  # reject
    ], title="专利清单（截至2026年6月30日）")


def invoke(*args: str, db: Path) -> object:
    return runner.invoke(app, [*args, "--db", str(db)])


def test_import_json_contract(tmp_path):
    db = tmp_path / "x.sqlite"
    result = invoke("import", str(patents(tmp_path / "p.xlsx")), "--format", "json", db=db)
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert {k: entry[k] for k in ("kind", "rows", "inserted", "updated", "unchanged", "rejected", "warnings")} == {
        "kind": "patents", "rows": 3, "inserted": 2, "updated": 0, "unchanged": 0, "rejected": 1, "warnings": 1}
    assert entry["file"].endswith("p.xlsx") and entry["left"] == 0 and entry["as_of"] == "2026-06-30"


def test_rejects_json_and_export(tmp_path):
    db = tmp_path / "x.sqlite"
    invoke("import", str(patents(tmp_path / "p.xlsx")), db=db)
    result = invoke("rejects", "--format", "json", db=db)
    assert result.exit_code == 0, result.output
    (reject,) = json.loads(result.stdout)
    assert {k: reject[k] for k in ("sheet", "row", "column", "value")} == {
        "sheet": "Sheet1", "row": 5, "column": "申请号", "value": "CN2021A0123456"}
    assert reject["file"] == "p.xlsx" and reject["reason"]
    out = tmp_path / "reports" / "拒收.xlsx"
    assert invoke("rejects", "1", "--warnings", "-o", str(out), db=db).exit_code == 0
    from openpyxl import load_workbook

    book = load_workbook(out)
    assert book.sheetnames == ["拒收行", "警告"]
    rows = list(book["拒收行"].iter_rows(values_only=True))
    assert rows[0][0] == "问题行（原清单截至2026年6月30日）"
    assert rows[1] == (*HEADERS, "原文件", "工作表", "原行号", "原因") and len(rows) == 3
    assert rows[2][:2] == ("CN2021A0123456", "C") and rows[2][-4:-1] == ("p.xlsx", "Sheet1", 5)
    assert len(list(book["警告"].iter_rows(values_only=True))) == 3


def test_table_output_is_chinese(tmp_path):
    result = invoke("import", str(patents(tmp_path / "p.xlsx")), db=tmp_path / "x.sqlite")
    assert result.exit_code == 0
    flat = "".join(result.stdout.split())
    assert "导入结果" in flat and "拒收" in flat and "2026-06-30（取自标题）" in flat
    assert "…" not in result.stdout  # nothing truncated at 80 columns


def _hostile(tmp_path: Path) -> dict[str, Path]:
    files = {}
    files["empty"] = tmp_path / "empty.xlsx"
    files["empty"].write_bytes(b"")
    files["pdf"] = tmp_path / "report.xlsx"
    files["pdf"].write_bytes(b"%PDF-1.4\n" + b"x" * 200)
    files["no_header"] = write_sheet(tmp_path / "noheader.xlsx", ["甲", "乙"], [["1", "2"]])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(80):  # 80 MiB of zeros, 80 KiB on disk; the test lowers the limit to 64 MiB
                member.write(chunk)
    files["zip_bomb"] = bomb
    laughs = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(laughs, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                   '<!ENTITY lol2 "&lol;&lol;&lol;">]><Types>&lol2;</Types>')
        z.writestr("xl/workbook.xml", "<workbook/>")
    files["entity_bomb"] = laughs
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(_cfb_with_stream("EncryptionInfo"))
    files["password"] = encrypted
    return files


def _cfb_with_stream(name: str) -> bytes:
    """A minimal OLE2 compound file whose directory names ``name`` (what Excel writes for an encrypted xlsx)."""
    header = bytearray(512)
    header[:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    header[0x1A:0x1C] = (3).to_bytes(2, "little")  # major version 3
    header[0x1C:0x1E] = (0xFFFE).to_bytes(2, "little")
    header[0x1E:0x20] = (9).to_bytes(2, "little")  # 512-byte sectors
    header[0x20:0x22] = (6).to_bytes(2, "little")
    header[0x2C:0x30] = (1).to_bytes(4, "little")  # one FAT sector
    header[0x30:0x34] = (1).to_bytes(4, "little")  # directory starts at sector 1
    header[0x38:0x3C] = (4096).to_bytes(4, "little")
    header[0x3C:0x40] = (0xFFFFFFFE).to_bytes(4, "little")
    header[0x44:0x48] = (0xFFFFFFFE).to_bytes(4, "little")
    header[0x4C:0x50] = (0).to_bytes(4, "little")  # FAT in sector 0
    header[0x50:0x200] = b"\xff" * (0x200 - 0x50)
    fat = bytearray(b"\xff" * 512)
    fat[0:4] = (0xFFFFFFFD).to_bytes(4, "little")
    fat[4:8] = (0xFFFFFFFE).to_bytes(4, "little")
    directory = bytearray(512)
    for index, entry_name in enumerate(("Root Entry", name)):
        entry = bytearray(128)
        encoded = entry_name.encode("utf-16-le") + b"\0\0"
        entry[: len(encoded)] = encoded
        entry[64:66] = len(encoded).to_bytes(2, "little")
        entry[66] = 5 if index == 0 else 2
        entry[68:80] = b"\xff" * 12
        directory[index * 128 : (index + 1) * 128] = entry
    return bytes(header + fat + directory)


@pytest.mark.parametrize("case", ["empty", "pdf", "no_header", "zip_bomb", "entity_bomb", "password"])
def test_hostile_files_get_a_chinese_error_and_the_store_stays_intact(tmp_path, case, monkeypatch):
    monkeypatch.setenv("IPDB_MAX_UNZIPPED_MB", "64")
    db = tmp_path / "x.sqlite"
    invoke("import", str(patents(tmp_path / "good.xlsx")), db=db)
    store = open_store(db)
    before = table_counts(store)
    result = invoke("import", str(_hostile(tmp_path)[case]), db=db)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "未导入" in result.stdout
    assert table_counts(store) == before


def test_a_failure_midway_leaves_the_store_unchanged(tmp_path, monkeypatch):
    db = tmp_path / "x.sqlite"
    invoke("import", str(patents(tmp_path / "good.xlsx")), db=db)
    store = open_store(db)
    before = table_counts(store)

    def explode(*_args: object, **_options: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("ipdb.facts.rebuild_holdings", explode)
    newer = write_sheet(tmp_path / "newer.xlsx", HEADERS, [["201910349801.1", "N", "2019-01-01", "2020-01-01", "有效", "丙"]])
    result = invoke("import", str(newer), "--as-of", "2026-09-30", db=db)
    assert result.exit_code == 70
    assert "程序内部出错" in result.output and "Traceback" not in result.output
    assert table_counts(store) == before


def test_malformed_options_are_explained(tmp_path):
    path = patents(tmp_path / "p.xlsx")
    result = invoke("import", str(path), "--as-of", "2026/13/01", db=tmp_path / "x.sqlite")
    assert result.exit_code == 2 and "日期" in result.output
    result = invoke("import", str(path), "--set", "类别", db=tmp_path / "x.sqlite")
    assert result.exit_code == 2 and "表头=值" in result.output
    result = invoke("import", str(path), "--kind", "bogus", db=tmp_path / "x.sqlite")
    assert result.exit_code == 2 and "清单类型" in result.output


def test_snapshot_reports_rights_that_left_and_left_lists_them(tmp_path):
    db = tmp_path / "x.sqlite"
    q2 = write_sheet(tmp_path / "q2.xlsx", HEADERS, [
        ["201610311380.X", "A", "2016-05-12", "2018-03-02", "有效", "甲公司"],
        ["201910349801.1", "B", "2019-01-01", "2020-01-01", "有效", "乙公司"]])
    q3 = write_sheet(tmp_path / "q3.xlsx", HEADERS, [["201610311380.X", "A", "2016-05-12", "2018-03-02", "有效", "甲公司"]])
    invoke("import", str(q2), "--as-of", "2026-06-30", "--snapshot", db=db)
    result = invoke("import", str(q3), "--as-of", "2026-09-30", "--snapshot", "--format", "json", db=db)
    assert json.loads(result.stdout)[0]["left"] == 1
    listed = json.loads(invoke("left", "--kind", "patents", "--as-of", "2026-09-30", "--format", "json", db=db).stdout)
    assert [(r["number"], r["holders"], r["last_seen"]) for r in listed] == [("201910349801.1", "乙公司", "2026-06-30")]
    again = invoke("import", str(q3), "--as-of", "2026-09-30", "--snapshot", "--format", "json", db=db)
    assert json.loads(again.stdout)[0]["left"] == 0
    history = invoke("history", "ZL 2019 1 0349801.1", "--format", "json", db=db)
    (entry,) = json.loads(history.stdout)
    assert [o["as_of"] for o in entry["observations"]] == ["2026-06-30"] and entry["left_on"] == ["2026-09-30"]


def test_unmatched_lists_holders_with_right_counts(tmp_path):
    db = tmp_path / "x.sqlite"
    invoke("import", str(patents(tmp_path / "p.xlsx")), db=db)
    rows = json.loads(invoke("unmatched", "--format", "json", db=db).stdout)
    assert [(r["name"], r["rights"]) for r in rows] == [("乙公司", 1), ("甲公司", 1)]
    assert query(open_store(db), "SELECT COUNT(*) FROM holder") == [(2,)]
    _ = date  # dates are given as strings on the command line
