"""Chunked reading (issue 13, "bounded memory") gives the same rows, row numbers and rejects as reading whole:
the same sheets from the reader, and the same store and reports from an import, at chunks of 1, 7 and the
default number of rows (a chunk of 1 puts every merged cell, total and repeated header across a boundary)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from support import ROOT, every_row, run

from ipdb.importers.pipeline import CHUNK_ROWS, ImportOptions, import_files
from ipdb.importers.read import RawSheet, read_file
from ipdb.store import open_store

CHUNKS = [1, 7, CHUNK_ROWS]
PATENT_HEADERS = ["序号", "申请号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "专利权人"]


def _check_char(body: str) -> str:
    weights = (2, 3, 4, 5, 6, 7, 8, 9)
    r = sum(int(d) * weights[i % 8] for i, d in enumerate(body)) % 11
    return "X" if r == 10 else str(r)


def _number(i: int) -> str:
    body = f"2019{1 + i % 3}{i:07d}"
    return f"{body}.{_check_char(body)}"


def _patent_rows(count: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for i in range(1, count + 1):
        kind = ("发明", "实用新型", "外观设计")[i % 3]
        rows.append([i, _number(i), f"一种装置{i}", kind, date(2019, 1 + i % 12, 1), None, "审中", f"甲{i % 4}有限公司"])
    return rows


def _patents_xlsx(path: Path) -> Path:
    """A register with every kind of row a body holds: problems, blanks, a repeated header, a section title,
    a subtotal with a count, duplicates far apart, notes and a signature under the data."""
    book = Workbook()
    ws = book.active
    ws.append(["云溪区专利清单（截至2026年6月30日）"])
    ws.merge_cells("A1:H1")
    ws.append([None])
    ws.append(PATENT_HEADERS)
    rows = _patent_rows(40)
    rows[3][1] = "201910000001.0"  # a wrong check character: a reject
    rows[5][1] = None  # no application number: a reject
    rows[8][4] = "某日"  # an unreadable date: a reject
    rows[11][5] = date(2018, 1, 1)  # granted before filing: a warning, the row kept
    rows[30] = list(rows[2])  # the same right again, far below
    rows[33] = [*rows[4][:2], "不同的名称", *rows[4][3:]]  # the same right, differently: a warning
    for index, row in enumerate(rows):
        if index == 12:
            ws.append(["小计", "共12项"])
        if index == 15:
            ws.append([None] * 8)
            ws.append(PATENT_HEADERS)  # a repeated header (a printed page)
        if index == 20:
            ws.append(["第二部分：实用新型"] * 8)  # a section title copied over the row
        ws.append(row)
    ws.append([41])  # a 序号 alone: no value to import
    ws.append(["合计", "共40项"])
    ws.append(["注：数据来源于国家知识产权局"])
    ws.append(["制表人：", "张三", None, "审核人：", "李四"])
    book.save(path)
    return path


def _pledges_xlsx(path: Path) -> Path:
    """Loans written over merged rows (each merge crosses a boundary of chunks of 7), with a 小计 and a 合计."""
    book = Workbook()
    ws = book.active
    ws.append(["2026年质押融资台账"])
    ws.append(["出质人", "质权人", "融资金额（万元）", "质押登记日", "质押专利号"])
    row, merges = 3, []
    for loan in range(1, 9):
        size = 1 + loan % 4
        for k in range(size):
            first = k == 0
            ws.append([f"企业{loan}" if first else None, "城东银行" if first else None, 100 * loan if first else None,
                       f"2026-0{1 + loan % 9}-05" if first else None, _number(100 + loan * 10 + k)])
        if size > 1:
            merges += [f"{col}{row}:{col}{row + size - 1}" for col in "ABCD"]
        row += size
        if loan == 4:
            ws.append(["小计", None, 1000])
            row += 1
    ws.append(["合计", None, 3600])
    for cells in merges:
        ws.merge_cells(cells)
    book.save(path)
    return path


def _damaged_csv(path: Path) -> Path:
    """A GB18030 CSV with a title line, ragged rows, an unclosed quote that swallows the next lines, a row with
    an unquoted comma (one field too many) and a last record cut off without its line break."""
    lines = ["云溪区商标违法案件（2026年）", "案件编号,案件名称,当事人,案由,立案日期,结案日期,罚没金额（万元）"]
    for n in range(1, 30):
        lines.append(f"云市监立字〔2026〕{n:03d}号,案件{n},商行{n % 5},侵权假冒,2026-01-{1 + n % 27:02d},,{n}")
    lines[6] = '云市监立字〔2026〕900号,"未闭合的案件,商行,侵权假冒,2026-01-05,,1'
    lines[12] = "云市监立字〔2026〕901号,案件,甲,乙,商行,侵权假冒,2026-01-05,,1"
    lines[15] = "云市监立字〔2026〕902号,短行"
    lines.append("云市监立字〔2026〕903号,被截断")
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    return path


def _two_sheets_xlsx(path: Path) -> Path:
    """A workbook of three company lists (one starting at B4) and a sheet without a table."""
    book = Workbook()
    first = book.active
    first.title = "城东"
    first.append(["企业名称", "所属街道", "行业"])
    for n in range(12):
        first.append([f"城东企业{n}", "城东街道", "制造业"])
    notes = book.create_sheet("说明")
    notes.append(["本表由街道报送"])
    second = book.create_sheet("城西")
    second.append(["企业名录"])
    second.append(["企业名称", "所属街道", "行业"])
    for n in range(9):
        second.append([f"城西企业{n}", None if n % 3 else "城西街道", "软件业"])
    second.merge_cells("B3:B5")
    third = book.create_sheet("城北")  # the table starts at B4: blank rows and a blank column before it
    for r, values in enumerate([["企业名称", "所属街道", "行业"], *[[f"城北企业{n}", "城北街道", "服务业"] for n in range(5)]]):
        for c, value in enumerate(values):
            third.cell(row=4 + r, column=2 + c, value=value)
    book.save(path)
    return path


def _inferred_xlsx(path: Path) -> Path:
    """A patent register whose number column has an unknown header: bound by its values (a whole read)."""
    book = Workbook()
    ws = book.active
    ws.append(["商标清单（截至2026年6月30日）"])
    ws.append(["号码", "专利名称", "专利权人", "当前情况"])
    for n in range(1, 20):
        ws.append([_number(n), f"装置{n}", f"乙{n % 3}有限公司", "有效" if n % 4 else "未缴年费终止失效"])
    book.save(path)
    return path


def _imported(tmp_path: Path, files: list[Path], chunk_rows: int | None, **options: object) -> tuple[dict, list]:
    db = tmp_path / f"chunk_{chunk_rows}.sqlite"
    with open_store(db) as store:
        reports = run(store, *files, chunk_rows=chunk_rows, **options)
    return every_row(db), reports


def _flat(sheet: RawSheet) -> tuple[list[tuple[str | None, ...]], list[int]]:
    rows, numbers = list(sheet.rows), list(sheet.row_numbers)
    for chunk, chunk_numbers in sheet.rest:
        rows.extend(chunk)
        numbers.extend(chunk_numbers)
    return rows, numbers


@pytest.fixture
def messy(tmp_path: Path) -> list[Path]:
    return [
        _patents_xlsx(tmp_path / "专利清单.xlsx"),
        _pledges_xlsx(tmp_path / "质押融资台账.xlsx"),
        _damaged_csv(tmp_path / "商标违法案件_2026.csv"),
        _two_sheets_xlsx(tmp_path / "企业名录_2026Q3.xlsx"),
    ]


@pytest.mark.parametrize("chunk_rows", CHUNKS)
def test_a_sheet_read_in_chunks_is_the_sheet_read_whole(messy: list[Path], chunk_rows: int):
    demo = [p for p in (ROOT / "imports" / "demo").iterdir() if p.suffix in (".xlsx", ".xls", ".csv")]
    for path in [*messy, *sorted(demo)]:
        whole = read_file(path)
        chunked = read_file(path, chunk_rows=chunk_rows)
        assert [s.name for s in chunked] == [s.name for s in whole], path.name
        for part, full in zip(chunked, whole, strict=True):
            assert (part.merged, part.faults, part.hidden) == (full.merged, full.faults, full.hidden), path.name
            assert _flat(part) == (full.rows, full.row_numbers), path.name
            assert all(len(c) <= chunk_rows for c, _ in read_file(path, chunk_rows=chunk_rows)[0].rest)


@pytest.mark.parametrize("chunk_rows", CHUNKS)
def test_an_import_in_chunks_stores_and_reports_what_a_whole_import_does(
    tmp_path: Path, messy: list[Path], chunk_rows: int
):
    whole, whole_reports = _imported(tmp_path, messy, None)
    chunked, chunked_reports = _imported(tmp_path, messy, chunk_rows)
    assert chunked == whole
    assert chunked_reports == whole_reports
    patents, pledges, cases, companies = whole_reports
    assert all(r.error is None for r in whole_reports), [r.error for r in whole_reports]
    assert (patents.rows, patents.rejected, patents.unchanged) == (40, 2, 2)
    assert {i.code for i in patents.issues} >= {"grant_before_filing", "duplicate_differs", "totals_mismatch"}
    assert {s.reason for s in patents.skipped_rows} >= {"合计行", "重复的表头行", "分节标题行", "说明行"}
    assert any(s.reason.startswith("没有可导入的值") for s in patents.skipped_rows)
    assert (pledges.rows, pledges.inserted) == (20, 8) and [t.match for t in pledges.totals] == [True, True]
    assert {i.code for i in cases.issues} >= {"csv_unclosed_quote", "csv_extra_fields", "csv_truncated"}
    assert companies.sheets == ["城东", "城西", "城北"] and companies.inserted == 26


@pytest.mark.parametrize("chunk_rows", CHUNKS)
def test_a_table_whose_column_is_bound_by_its_values_imports_alike_in_chunks(tmp_path: Path, chunk_rows: int):
    files = [_inferred_xlsx(tmp_path / "专利清单_无申请号表头.xlsx")]
    whole, (report,) = _imported(tmp_path, files, None, kind="patents")
    chunked, chunked_reports = _imported(tmp_path, files, chunk_rows, kind="patents")
    assert (chunked, chunked_reports) == (whole, [report])
    assert [c.header for c in report.inferred_columns] == ["号码", "当前情况"] and report.inserted == 19


@pytest.mark.parametrize("chunk_rows", CHUNKS)
def test_every_demo_file_imports_alike_in_chunks(tmp_path: Path, chunk_rows: int):
    files = sorted(p for p in (ROOT / "imports" / "demo").iterdir() if p.suffix in (".xlsx", ".xls", ".csv"))
    files = [p for p in files if not p.name.startswith("导入说明")]
    whole, whole_reports = _imported(tmp_path, files, None, as_of=date(2026, 9, 30))
    chunked, chunked_reports = _imported(tmp_path, files, chunk_rows, as_of=date(2026, 9, 30))
    assert chunked == whole
    assert chunked_reports == whole_reports
    assert sum(r.inserted for r in whole_reports) > 100


def test_a_file_read_in_chunks_tells_its_progress_as_rows_checked(store, tmp_path: Path):
    lines = [",".join(PATENT_HEADERS)]
    lines += [f"{i},{_number(i)},一种装置{i},发明,2019-01-01,,审中,甲有限公司" for i in range(1, 12_001)]
    path = tmp_path / "专利清单.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[tuple[str, int]] = []
    (report,) = import_files(store, [path], ImportOptions(kind="patents"), lambda stage, rows: seen.append((stage, rows)))
    assert report.rows == 12_000
    checking = seen.index(("检查「专利清单.csv」的各行", 0))
    during = [entry for entry in seen[checking + 1 :] if entry[0] != "写入数据库"]
    assert {stage for stage, _ in during} == {"检查「专利清单.csv」的各行"}  # rows read so far, as they are checked
    assert [rows // 5000 for _, rows in during] == [1, 2]
    assert seen[0][0] == "读取「专利清单.csv」" and seen[-1] == ("写入数据库", 12_000)
