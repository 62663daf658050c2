"""read_file: real files written here (xlsx, xls, ods, csv) and hostile ones, plus the public samples."""

from __future__ import annotations

import random
import struct
import time
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from ipdb.errors import InvalidValue, UnreadableFile
from ipdb.importers.read import DEFAULT_LIMITS, RawSheet, ReadLimits, limits_from_env, read_file

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"
SPREADSHEET_SUFFIXES = {".xlsx", ".xls", ".csv", ".ods"}
MiB = 2**20
QUICK_SECONDS = 2.0  # hostile files are refused before anything big is unpacked


# ------------------------------------------------------------------ writers


def write_bureau_xlsx(path: Path) -> Path:
    """A district patent list as it arrives: title lines, a merged two-row header, subtotal and total
    rows, a blank spacer row, notes under the table, and a second sheet of prose."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "专利清单"
    ws.append(["2024年第三季度XX区企业专利清单"])
    ws.merge_cells("A1:H1")
    ws.append(["填报单位：XX区市场监督管理局", None, None, None, None, None, "单位：件、万元"])
    ws.append([])
    ws.append(["序号", "企业名称", "专利信息", None, None, None, "申请日", "备注"])
    ws.append([None, None, "申请号", "专利\n名称", "专利类型", "金额（万元）"])
    for col in "ABGH":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("C4:F4")
    ws.append(
        [1, " 甲科技有限公司\u3000", "CN201710117081.7", "一种\n装置", "发明", 12.5, date(2017, 3, 1), None]
    )
    ws.append([2, "\ufeff乙公司", 201710117081.7, "装置二", "实用新型", 3.0, datetime(2018, 1, 2), "  "])
    ws.append([])
    ws.append([None, "小计", None, None, None, 15.5])
    ws.append([3, "丙公司", 2013106997442, "装置三", "外观设计", 0, datetime(2019, 5, 6, 14, 30), True])
    ws.append(["合 计", None, None, None, None, 15.5])
    ws.append(["注：1.数据来源于国家知识产权局。"])
    ws.merge_cells("A12:H12")
    ws.append(["制表人：张三", None, None, "审核人：李四"])
    notes = book.create_sheet("说明")
    notes.append(["本表由各街道于每季度末报送。"])
    notes.append(["如有疑问请联系区市场监管局知识产权科。"])
    book.create_sheet("空白")
    book.save(path)
    return path


def write_xlsx(path: Path, cells: dict[str, object], merged: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Sheet1"
    for ref, value in cells.items():
        ws[ref] = value
    for ref in merged:
        ws.merge_cells(ref)
    book.save(path)
    return path


def write_xls(path: Path) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("企业名录")
    ws.write_merge(1, 1, 1, 4, "2024年企业名录")  # B2:E2, one row down and one column in
    for col, label in enumerate(["序号", "企业名称", "注册日期", "注册资本"], start=1):
        ws.write(2, col, label)
    ws.write(3, 1, 1)
    ws.write(3, 2, "  丁有限公司 ")
    ws.write(3, 3, date(2021, 3, 5), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    ws.write(3, 4, 500.25)
    ws.write(4, 1, 2.0)
    ws.write(4, 2, "戊公司")
    ws.write(4, 4, True)
    book.add_sheet("Sheet2")
    book.save(str(path))
    return path


def write_ods(path: Path) -> Path:
    office = "urn:oasis:names:tc:opendocument:xmlns"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content xmlns:office="{office}:office:1.0" xmlns:table="{office}:table:1.0" '
        f'xmlns:text="{office}:text:1.0" office:version="1.2"><office:body><office:spreadsheet>'
        '<table:table table:name="企业名录"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>序号</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>注册日期</text:p></table:table-cell>'
        "</table:table-row><table:table-row>"
        '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
        '<table:table-cell office:value-type="date" office:date-value="2021-03-05"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        f'<manifest:manifest xmlns:manifest="{office}:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def cfb_bytes(streams: dict[str, bytes]) -> bytes:
    """A minimal valid OLE2 compound file (version 3, 512-byte sectors) holding `streams`.

    Streams of at least 4096 bytes live in ordinary sectors, so no mini stream is needed. Layout:
    sector 0 = FAT, sector 1 = directory, then the streams' sectors in order.
    """
    sector, free, end, fat_sector = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    datas = [data.ljust(4096, b"\0") for data in streams.values()]
    fat, starts = [fat_sector, end], []
    for data in datas:
        count, start = -(-len(data) // sector), len(fat)
        starts.append(start)
        fat += [*range(start + 1, start + count), end]
    fat += [free] * (sector // 4 - len(fat))

    def entry(
        name: str, kind: int, right: int = free, child: int = free, start: int = end, size: int = 0
    ) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(raw), kind, 1, free, right, child)
            + bytes(36)
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, child=1) + b"".join(
        entry(name, 2, right=i + 2 if i + 1 < len(names) else free, start=starts[i], size=len(datas[i]))
        for i, name in enumerate(names)
    )
    directory = directory.ljust(sector, b"\0")
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<109I", 0, *[free] * 108)
    )
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + b"".join(datas)


def rewrite_member(source: Path, target: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, change(data) if info.filename == member else data)
    return target


def add_zeros_member(path: Path, name: str, size: int) -> Path:
    """Append a member of `size` zero bytes, streamed in chunks (deflate packs it about 1000:1)."""
    chunk = bytes(MiB)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as member:
        for _ in range(size // MiB):
            member.write(chunk)
    return path


def refusal(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    """The message read_file refuses `path` with; checks it is one Chinese sentence naming the file."""
    started = time.perf_counter()
    with pytest.raises(UnreadableFile) as caught:
        read_file(path, limits=limits)
    assert time.perf_counter() - started < QUICK_SECONDS
    message = caught.value.message
    assert f"「{path.name}」" in message and "：" in message and "\n" not in message
    assert message.endswith("。") and message.count("。") == 1
    return message


@pytest.fixture
def bureau(tmp_path: Path) -> list[RawSheet]:
    return read_file(write_bureau_xlsx(tmp_path / "专利清单.xlsx"))


# ------------------------------------------------------------------ workbooks


def test_reads_every_sheet_in_order_and_returns_empty_sheets_empty(bureau: list[RawSheet]) -> None:
    assert [sheet.name for sheet in bureau] == ["专利清单", "说明", "空白"]
    assert bureau[1].rows == [("本表由各街道于每季度末报送。",), ("如有疑问请联系区市场监管局知识产权科。",)]
    assert bureau[2] == RawSheet("空白", [], [], ())


def test_rows_are_text_with_excel_row_numbers(bureau: list[RawSheet]) -> None:
    sheet = bureau[0]
    assert sheet.row_numbers == list(range(1, 14))
    assert sheet.rows[0] == ("2024年第三季度XX区企业专利清单",) + (None,) * 7
    assert sheet.rows[2] == (None,) * 8
    assert sheet.rows[4] == (None, None, "申请号", "专利\n名称", "专利类型", "金额（万元）", None, None)
    assert sheet.rows[5] == (
        "1",
        "甲科技有限公司",
        "CN201710117081.7",
        "一种\n装置",
        "发明",
        "12.5",
        "2017-03-01",
        None,
    )
    assert sheet.rows[6] == ("2", "乙公司", "201710117081.7", "装置二", "实用新型", "3", "2018-01-02", None)
    assert sheet.rows[9] == (
        "3",
        "丙公司",
        "2013106997442",
        "装置三",
        "外观设计",
        "0",
        "2019-05-06 14:30:00",
        "是",
    )
    assert sheet.rows[10] == ("合 计", None, None, None, None, "15.5", None, None)


def test_merged_ranges_are_zero_based_in_row_index_space(bureau: list[RawSheet]) -> None:
    assert bureau[0].merged == (
        (0, 0, 0, 7),
        (3, 0, 4, 0),
        (3, 1, 4, 1),
        (3, 2, 3, 5),
        (3, 6, 4, 6),
        (3, 7, 4, 7),
        (11, 0, 11, 7),
    )


def test_a_used_range_away_from_a1_keeps_excel_columns_and_row_numbers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "偏移.xlsx", {"C3": "标题", "C5": "序号", "D5": "企业名称", "D6": "甲公司"}, ("C3:D3",)
    )
    (sheet,) = read_file(path)
    assert sheet.row_numbers == [3, 4, 5, 6]
    assert sheet.rows == [
        (None, None, "标题", None),
        (None, None, None, None),
        (None, None, "序号", "企业名称"),
        (None, None, None, "甲公司"),
    ]
    assert sheet.merged == ((0, 2, 0, 3),)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (123.0, "123"),
        (-0.0, "0"),
        (201710117081.7, "201710117081.7"),
        (0.1, "0.1"),
        (914403001922038216, "914403001922038000"),  # Excel kept 15 digits; show them, not binary noise
        (False, "否"),
        ("\u3000\ufeff 专利\n名称 \u200b", "专利\n名称"),
        ("   ", None),
        ("长" * 32767, "长" * 32767),  # Excel's cell limit
        (date(2021, 3, 5), "2021-03-05"),
        (datetime(2021, 3, 5, 0, 0), "2021-03-05"),
        (datetime(2021, 3, 5, 9, 8, 7), "2021-03-05 09:08:07"),
    ],
)
def test_cell_values_become_text(tmp_path: Path, value: object, text: str | None) -> None:
    (sheet,) = read_file(write_xlsx(tmp_path / "cell.xlsx", {"A1": "表头", "A2": value}))
    assert sheet.rows[-1] == (text,)


def test_legacy_xls_with_merges_dates_and_offset(tmp_path: Path) -> None:
    first, second = read_file(write_xls(tmp_path / "企业名录.xls"))
    assert first.name == "企业名录"
    assert first.row_numbers == [2, 3, 4, 5]
    assert first.rows == [
        (None, "2024年企业名录", None, None, None),
        (None, "序号", "企业名称", "注册日期", "注册资本"),
        (None, "1", "丁有限公司", "2021-03-05", "500.25"),
        (None, "2", "戊公司", None, "是"),
    ]
    assert first.merged == ((0, 1, 0, 4),)
    assert second == RawSheet("Sheet2", [], [], ())


def test_ods_is_read_and_has_no_merge_information(tmp_path: Path) -> None:
    (sheet,) = read_file(write_ods(tmp_path / "名录.ods"))
    assert sheet.rows == [("序号", "注册日期"), ("1", "2021-03-05")]
    assert sheet.merged == ()


@pytest.mark.parametrize("wrong_name", ["清单.xls", "清单.csv", "清单"])
def test_format_comes_from_the_bytes_not_the_extension(tmp_path: Path, wrong_name: str) -> None:
    real = write_bureau_xlsx(tmp_path / "清单.xlsx")
    renamed = tmp_path / wrong_name
    renamed.write_bytes(real.read_bytes())
    assert read_file(renamed) == read_file(real)


def test_xls_content_named_xlsx_is_read(tmp_path: Path) -> None:
    renamed = tmp_path / "名录.xlsx"
    renamed.write_bytes(write_xls(tmp_path / "名录.xls").read_bytes())
    assert read_file(renamed)[0].rows[1] == (None, "序号", "企业名称", "注册日期", "注册资本")


def test_progress_is_reported_every_5000_rows_across_sheets(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, count in (("一", 7000), ("二", 6000)):
        sheet = book.create_sheet(name)
        for i in range(count):
            sheet.append([i])
    book.save(tmp_path / "大.xlsx")
    seen: list[int] = []
    read_file(tmp_path / "大.xlsx", on_progress=seen.append)
    assert seen == [5000, 7000 + 5000]


# ------------------------------------------------------------------ CSV


ENTERPRISE_CSV = (
    "序号,企业名称,统一社会信用代码,注册资金\r\n1,甲公司,91540321MA6TCRT16N,50(万元)\r\n2,乙公司,,\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "名录.csv"
    path.write_bytes(ENTERPRISE_CSV.encode(encoding))
    (sheet,) = read_file(path)
    assert sheet.name == "名录"
    assert sheet.rows == [
        ("序号", "企业名称", "统一社会信用代码", "注册资金"),
        ("1", "甲公司", "91540321MA6TCRT16N", "50(万元)"),
        ("2", "乙公司", None, None),
    ]
    assert sheet.row_numbers == [1, 2, 3]


def test_csv_ragged_rows_keep_every_field_unshifted(tmp_path: Path) -> None:
    # Patentics exports end each data row with a comma; the CNIPA trademark crawl has 5-field rows
    path = tmp_path / "导出.csv"
    path.write_bytes(
        "公开号,申请号,标题\nCN1A,CN2,装置,\n1,59068242,9,2021年09月07日,华为技术有限公司\n".encode("gbk")
    )
    (sheet,) = read_file(path)
    assert sheet.rows == [
        ("公开号", "申请号", "标题", None, None),
        ("CN1A", "CN2", "装置", None, None),
        ("1", "59068242", "9", "2021年09月07日", "华为技术有限公司"),
    ]


def test_csv_quoted_newline_stays_in_its_cell_and_records_are_numbered(tmp_path: Path) -> None:
    path = tmp_path / "摘要.csv"
    path.write_text('申请号,摘要\nCN1,"第一行\n第二行"\n\nCN2,"含,逗号"\n', encoding="utf-8")
    (sheet,) = read_file(path)
    assert sheet.rows == [("申请号", "摘要"), ("CN1", "第一行\n第二行"), (None, None), ("CN2", "含,逗号")]
    assert sheet.row_numbers == [1, 2, 3, 4]


def test_csv_field_longer_than_the_csv_module_default(tmp_path: Path) -> None:
    path = tmp_path / "长.csv"
    path.write_text("摘要\n" + "长" * 200_000 + "\n", encoding="utf-8")
    assert read_file(path)[0].rows[1] == ("长" * 200_000,)


def test_tab_separated_text(tmp_path: Path) -> None:
    path = tmp_path / "导出.txt"
    path.write_text("申请号\t申请人\nCN1\t甲公司, 乙公司\n", encoding="utf-8")
    assert read_file(path)[0].rows == [("申请号", "申请人"), ("CN1", "甲公司, 乙公司")]


def test_csv_with_only_blank_lines_is_an_empty_sheet(tmp_path: Path) -> None:
    path = tmp_path / "空.csv"
    path.write_text("\ufeff\n,,\n \n", encoding="utf-8")
    assert read_file(path) == [RawSheet("空", [], [], ())]


# ------------------------------------------------------------------ hostile and broken files


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    assert "空文件" in refusal(path)


@pytest.mark.parametrize(
    ("head", "what"),
    [(b"\x89PNG\r\n\x1a\n", "PNG 图片"), (b"%PDF-1.7\n", "PDF 文档"), (b"\xff\xd8\xff\xe0", "JPEG 图片")],
)
def test_pictures_and_pdfs_are_named(tmp_path: Path, head: bytes, what: str) -> None:
    path = tmp_path / "清单.xlsx"
    path.write_bytes(head + bytes(range(256)) * 4)
    message = refusal(path)
    assert what in message and "不是电子表格" in message


def test_random_bytes_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "清单.xlsx"
    path.write_bytes(random.Random(7).randbytes(5000))
    assert "不是电子表格" in refusal(path)


def test_html_saved_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    path.write_text("<html><body><table><tr><td>申请号</td></tr></table></body></html>", encoding="utf-8")
    assert "网页" in refusal(path)


@pytest.mark.parametrize("keep", [0.5, 0.98])
def test_truncated_xlsx(tmp_path: Path, keep: float) -> None:
    data = write_bureau_xlsx(tmp_path / "完整.xlsx").read_bytes()
    path = tmp_path / "截断.xlsx"
    path.write_bytes(data[: int(len(data) * keep)])
    assert "损坏" in refusal(path)


def test_corrupted_sheet_data_inside_a_valid_zip(tmp_path: Path) -> None:
    source = write_bureau_xlsx(tmp_path / "原.xlsx")
    path = rewrite_member(source, tmp_path / "坏.xlsx", "xl/worksheets/sheet1.xml", lambda data: data[:300])
    assert "损坏" in refusal(path)


def test_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "加密.xlsx"
    path.write_bytes(cfb_bytes({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x01" * 5000}))
    assert (
        refusal(path)
        == "文件「加密.xlsx」设有打开密码，无法读取：请在 Excel 中取消密码后另存为 .xlsx 再导入。"
    )


def test_corrupt_legacy_xls_is_refused_even_when_calamine_panics(tmp_path: Path) -> None:
    path = tmp_path / "坏.xls"
    path.write_bytes(cfb_bytes({"Workbook": b"\x09\x08" + bytes(100)}))  # a BIFF record cut short
    assert "损坏" in refusal(path)


def test_word_document_in_an_ole_container(tmp_path: Path) -> None:
    path = tmp_path / "通知.xls"
    path.write_bytes(cfb_bytes({"WordDocument": b"\xec\xa5" * 100}))
    assert "Word 文档" in refusal(path)


def test_billion_laughs(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        + b"]>"
    )
    source = write_bureau_xlsx(tmp_path / "原.xlsx")
    path = rewrite_member(
        source, tmp_path / "炸弹.xlsx", "xl/worksheets/sheet1.xml", lambda data: laughs + data
    )
    message = refusal(path)
    assert "XML 实体" in message and "xl/worksheets/sheet1.xml" in message


def test_zip_bomb_by_compression_ratio(tmp_path: Path) -> None:
    path = add_zeros_member(write_bureau_xlsx(tmp_path / "炸弹.xlsx"), "xl/media/image1.png", 64 * MiB)
    assert "压缩炸弹" in refusal(path)


def test_zip_bomb_by_total_unpacked_size(tmp_path: Path) -> None:
    path = add_zeros_member(write_bureau_xlsx(tmp_path / "炸弹.xlsx"), "xl/media/image1.png", 12 * MiB)
    limits = ReadLimits(max_unzipped_bytes=8 * MiB, max_ratio=10**9)
    assert "压缩炸弹" in refusal(path, limits)


def test_stray_cell_at_the_end_of_the_sheet_is_ignored_with_a_warning_not_a_crash(tmp_path: Path) -> None:
    # calamine would try to allocate 1048576 x 16384 cells and abort the interpreter
    path = write_xlsx(tmp_path / "误输入.xlsx", {"A1": "序号", "A2": "1", "XFD1048576": "x"})
    (sheet,) = read_file(path)
    assert sheet.rows == [("序号",), ("1",)]
    (fault,) = sheet.faults
    assert (fault.row, fault.column, fault.severity, fault.code) == (1048576, "XFD1048576", "warning", "far_cell_ignored")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = write_bureau_xlsx(tmp_path / "大.xlsx")
    assert "上限" in refusal(path, ReadLimits(max_file_bytes=1000))


@pytest.mark.parametrize("name", ["多.csv", "多.xlsx"])
def test_too_many_rows(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("序号\n" + "1\n" * 12_000, encoding="utf-8")
    else:
        write_xlsx(path, {"A1": "序号", "A12001": "1"})
    assert "10000 行" in refusal(path, ReadLimits(max_rows=10_000))


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "乱码.csv"
    path.write_bytes(b"a,b\n" * 3000 + b"\xff\xfe\xfd\x80\n")
    assert "编码" in refusal(path)


def test_plain_zip_and_word_docx(tmp_path: Path) -> None:
    plain, docx = tmp_path / "资料.zip", tmp_path / "通知.xlsx"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("清单.xlsx", b"PK")
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
    assert "解压" in refusal(plain)
    assert "Word 文档" in refusal(docx)


def test_excel_lock_file_and_missing_file(tmp_path: Path) -> None:
    lock = tmp_path / "~$专利清单.xlsx"
    lock.write_bytes(b"\x08zhangsan" + bytes(150))
    assert "锁文件" in refusal(lock)
    assert "无法打开" in refusal(tmp_path / "不存在.xlsx")


def test_limits_from_environment() -> None:
    assert limits_from_env({}) == DEFAULT_LIMITS
    limits = limits_from_env({"IPDB_MAX_FILE_MB": "500", "IPDB_MAX_UNZIPPED_MB": " 4096 "})
    assert (limits.max_file_bytes, limits.max_unzipped_bytes) == (500 * MiB, 4096 * MiB)
    with pytest.raises(InvalidValue, match="IPDB_MAX_FILE_MB"):
        limits_from_env({"IPDB_MAX_FILE_MB": "200MB"})


# ------------------------------------------------------------------ the public samples in shared/realdata


def realdata_files() -> list[Path]:
    if not REALDATA.is_dir():
        return []
    return sorted(p for p in REALDATA.rglob("*") if p.suffix.lower() in SPREADSHEET_SUFFIXES)


@pytest.mark.skipif(not REALDATA.is_dir(), reason=f"public sample folder {REALDATA} is absent")
@pytest.mark.parametrize("path", realdata_files(), ids=lambda p: p.name)
def test_every_public_sample_reads(path: Path) -> None:
    sheets = read_file(path)
    assert sheets and any(sheet.rows for sheet in sheets)
    for sheet in sheets:
        assert len(sheet.rows) == len(sheet.row_numbers)
        assert len({len(row) for row in sheet.rows}) <= 1  # rectangular


@pytest.mark.skipif(not REALDATA.is_dir(), reason=f"public sample folder {REALDATA} is absent")
@pytest.mark.parametrize(
    ("relative", "sheet", "rows", "cols"),
    [
        ("patent-container/incopat_iflytek_3816.xlsx", "下载的著录项1", 3817, 25),
        ("patent-container/derwent_ti.xls", "Sheet1", 70, 132),
        ("wkun-trademark/info.csv", "info", 7150, 6),
        ("patent-container/patentics_apollo_20220414.csv", "patentics_apollo_20220414", 52, 25),
    ],
)
def test_public_sample_sizes(relative: str, sheet: str, rows: int, cols: int) -> None:
    found = {s.name: s for s in read_file(REALDATA / relative)}[sheet]
    assert (len(found.rows), len(found.rows[0])) == (rows, cols)


@pytest.mark.skipif(not REALDATA.is_dir(), reason=f"public sample folder {REALDATA} is absent")
def test_public_samples_keep_their_messy_values() -> None:
    derwent = read_file(REALDATA / "patent-container/derwent_ti.xls")[0]
    assert len(derwent.rows[0][2] or "") == 32767  # the banner cell cut at Excel's limit survives whole
    trademarks = read_file(REALDATA / "wkun-trademark/info.csv")[0]
    assert sum(1 for row in trademarks.rows if row[5] is None) == 42  # the 5-field figurative marks
    merged = read_file(REALDATA / "renyidake-streamlit/pingfenbiao2.xlsx")[1].merged
    assert (0, 1, 0, 4) in merged and (0, 15, 1, 15) in merged
