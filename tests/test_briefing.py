"""The quarterly briefing: figures, rankings, lists and charts of a small hand-computed district, read back
from the written workbook and Word document; then `ipdb brief` end to end on the demo district.

The small district, briefing 2026Q3 (D = 2026-09-30; previous quarter end 2026-06-30; a year earlier
2025-09-30). Three enterprises: 甲 and 丙 in 城东街道, "=乙…" (a name that looks like a formula) in 城西街道.

    patent                  holders     granted      in force at  year-ago  prev  D
    P1 201810000001 发明     甲          2020-01-01                 x        x    x
    P2 201810000002 发明     甲          2020-01-02                 x        x    x
    P3 202410000003 发明     甲          2026-08-01 (Q3)                          x
    P4 202410000004 发明     乙；丙      2026-07-15 (Q3)                          x
    P5 201910000005 发明     乙          2021-01-05, lapsed 2026-08-01  x      x
    P6 202420000006 实用新型  丙          2025-03-01
    P7 202410000007 发明     丙          2026-05-01 (Q2)                   x    x
    P8 202310000008 发明     某大学       2025-06-01                 x        x    x
    => 发明专利拥有量 4 / 5 / 6; per enterprise at D: 甲 3, 丙 2, 乙 1 (at prev: 甲 2, 乙 1, 丙 1)
    trademarks: 甲 2, 乙 1 registered before 2025; 丙 1 registered 2026-08-01 => 3 / 3 / 4
    loans: 甲 500万 2026-08-10, 乙 300万 2026-09-01, 丙 200万 2026-03-01 => 当季 800万, 当年 1000万
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from rich.cells import cell_len
from typer.testing import CliRunner

from ipdb.briefing.build import build_briefing, quarter_ends
from ipdb.briefing.docx import write_briefing_docx
from ipdb.briefing.xlsx import write_briefing_xlsx
from ipdb.cli import app
from ipdb.figures.due import DUE_KINDS, due_lists
from ipdb.importers.pipeline import ImportOptions, import_files
from ipdb.inbox import import_inbox
from ipdb.settings import set_setting
from ipdb.store import open_store
from ipdb.xlsx_style import append_row

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 1)
D = date(2026, 9, 30)
JIA, YI, BING = "甲科技有限公司", "=乙电子有限公司", "丙软件有限公司"
CODES = {JIA: "91330106MA2H0A1B2T", YI: "91330106MA2H0A1C3Y", BING: "91330106MA2H0A1D43"}
SHEETS = ["概览", "企业排名", "街道排名", "行业排名", "质押融资明细", "新增授权", "近期到期提醒", "趋势", "口径说明",
          "导入批次"]

LISTS = {  # kind -> (headers, rows); imported as of D
    "patents": (["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "失效日", "专利权人"], [
        ["201810000001", "一种装置", "2018-01-01", "2020-01-01", "有效", None, JIA],
        ["201810000002", "一种方法", "2018-01-02", "2020-01-02", "有效", None, JIA],
        ["202410000003", "一种系统", "2024-01-03", "2026-08-01", "有效", None, JIA],
        ["202410000004", "=SUM(1)一种电路", "2024-01-04", "2026-07-15", "有效", None, f"{YI}；{BING}"],
        ["201910000005", "一种材料", "2019-01-05", "2021-01-05", "未缴年费专利权终止", "2026-08-01", YI],
        ["202420000006", "一种夹具", "2024-01-06", "2025-03-01", "有效", None, BING],
        ["202410000007", "一种算法", "2024-01-07", "2026-05-01", "有效", None, BING],
        ["202310000008", "一种试剂", "2023-01-08", "2025-06-01", "有效", None, "某大学"],
    ]),
    "trademarks": (["注册号", "国际分类", "商标名称", "注册人", "注册公告日期", "专用权期限", "商标状态"], [
        ["2000001", "9", "甲", JIA, "2020-01-01", "2020年01月01日 至 2029年12月31日", "已注册"],
        ["2000002", "35", "甲", JIA, "2020-02-01", "2020年02月01日 至 2030年01月31日", "已注册"],
        ["2000003", "9", "乙", YI, "2021-01-01", "2021年01月01日 至 2030年12月31日", "已注册"],
        ["2000004", "42", "丙", BING, "2026-08-01", "2026年08月01日 至 2036年07月31日", "已注册"],
    ]),
    "pledges": (["出质人", "质权人", "融资金额（万元）", "质押登记日", "质押登记号", "质押物"], [
        [JIA, "云溪银行", "500", "2026-08-10", "DJ1", "201810000001"],
        [YI, "=溪谷银行", "300", "2026-09-01", "DJ2", "202410000004"],
        [BING, "云溪银行", "200", "2026-03-01", "DJ3", "202420000006"],
    ]),
    # The enterprise list last: holders named by registers imported after it are not linked to it yet
    # (ipdb.importers does not relink them; reported to the importer's owner).
    "companies": (["企业名称", "统一社会信用代码", "所属街道", "行业"], [
        [JIA, CODES[JIA], "城东街道", "制造业"],
        [YI, CODES[YI], "城西街道", "信息技术"],
        [BING, CODES[BING], "城东街道", "信息技术"],
    ]),
}


def write_list(path: Path, headers: list[str], rows: list[list[str | None]]) -> Path:
    """An .xlsx list; every value a text cell (append_row keeps '=乙…' text, as a bureau's export has it)."""
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        append_row(book.active, row)
    book.save(path)
    return path


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    store = open_store(folder / "ipdb.sqlite")
    for kind, (headers, rows) in LISTS.items():
        path = write_list(folder / f"{kind}.xlsx", headers, rows)
        [report] = import_files(store, [path], ImportOptions(kind=kind, as_of=D, today=TODAY))
        assert report.error is None and report.rejected == 0, (kind, report.error, report.issues)
    set_setting(store, "district_name", "云溪区")
    yield store, folder
    store.close()


@pytest.fixture(scope="module")
def briefing(district):
    return build_briefing(district[0], "2026Q3")


@pytest.fixture(scope="module")
def workbook_path(briefing, tmp_path_factory):
    return write_briefing_xlsx(briefing, tmp_path_factory.mktemp("out") / "reports" / "简报.xlsx")


@pytest.fixture(scope="module")
def book(workbook_path):
    return load_workbook(workbook_path)


def find_row(sheet, first_cell: str) -> tuple:
    for row in sheet.iter_rows(values_only=True):
        if row[0] == first_cell:
            return row
    raise AssertionError(f"no row starting with {first_cell!r} in {sheet.title}")


def block(sheet, title_start: str) -> list[tuple]:
    """The data rows under the section line that starts with ``title_start``, up to the next empty row."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if isinstance(r[0], str) and r[0].startswith(title_start))
    out = []
    for row in rows[start + 1:]:
        if row[0] is None:
            break
        out.append(row)
    return out


# ---- workbook ------------------------------------------------------------------------------------


def test_sheets_are_named_in_chinese_in_order(book):
    assert book.sheetnames == SHEETS


def test_every_sheet_has_the_title_and_a_frozen_printed_header(book):
    for sheet in book.worksheets:
        assert sheet["A1"].value == "云溪区知识产权季度简报（2026年第三季度）"
        assert sheet["A1"].font.name == "等线"
        assert sheet.freeze_panes in ("A3", "A4")
        orientation = "portrait" if sheet.title == "概览" else "landscape"
        assert sheet.page_setup.orientation == orientation and int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows in ("$1:$2", "$1:$3")


def header_rows(sheet) -> list[int]:
    """The rows a table's header is on (shaded as ipdb.briefing.sheet.HEADER_FILL)."""
    return [r for r in range(1, sheet.max_row + 1) if str(sheet.cell(r, 1).fill.fgColor.rgb).endswith("DDEBF7")]


def test_each_printed_page_repeats_its_own_tables_header(book):
    for sheet in book.worksheets:
        headers = header_rows(sheet)
        labels = {tuple(c.value for c in sheet[r]) for r in headers}
        starts = {1} | {b.id + 1 for b in sheet.row_breaks.brk}  # first row of each printed page
        if sheet.print_title_rows == "$1:$3":  # one table (or stacked ones under one header): its header printed
            assert headers[0] == 3 and len(labels) == 1, sheet.title
        else:  # several tables: only the titles are printed, and each later table starts a page of its own
            assert sheet.print_title_rows == "$1:$2" and len(labels) > 1, sheet.title
            for row in headers[1:]:
                assert starts & {row, row - 1}, (sheet.title, row)  # the page starts at its section line


def test_every_date_phrase_of_the_definitions_is_on_one_line(book):
    sheet = book["口径说明"]
    width = sheet.column_dimensions["C"].width
    lines = [line for (when,) in sheet.iter_rows(min_row=4, min_col=3, max_col=3, values_only=True)
             for line in (when or "").split("\n")]
    assert "截至2026年9月30日；" in lines
    assert all(cell_len(line) + 1 <= width for line in lines)
    sources = book["导入批次"]
    assert sources["G3"].value == "SHA-256" and sources.column_dimensions["G"].width >= 65


def test_overview_stocks_at_the_three_dates(book):
    sheet = book["概览"]
    #                                      unit  D  prev  Δ  year-ago  Δ  growth
    assert find_row(sheet, "发明专利拥有量（有效发明专利）")[1:] == ("件", 6, 5, 1, 4, 2, 0.5)
    assert find_row(sheet, "注册商标拥有量（有效注册商标）")[1:] == ("件", 4, 3, 1, 3, 1, 0.3333)
    assert find_row(sheet, "有效专利")[2] == 7
    assert find_row(sheet, "每万人口发明专利拥有量")[2:5] == ("—", "—", "—")  # no population configured


def test_overview_flows_for_the_quarter_and_the_year_to_date(book):
    sheet = book["概览"]
    # the ledger covers 2026-03-01 (its earliest loan) to D: a year earlier is not imported, so no change against 0
    #                                  unit  Q  Q-1y  Δ  YTD  YTD-1y  Δ
    assert find_row(sheet, "知识产权质押融资额")[1:] == ("万元", 800, "未导入", "—", 1000, "未导入", "—")
    assert find_row(sheet, "质押融资笔数")[2:] == (2, "未导入", "—", 3, "未导入", "—")
    assert find_row(sheet, "专利授权量")[2] == 2
    money = next(r for r in sheet.iter_rows() if r[0].value == "知识产权质押融资额")
    assert (money[2].number_format, money[5].number_format) == ("#,##0.00", "#,##0.00")
    assert next(r for r in sheet.iter_rows() if r[0].value == "质押融资笔数")[2].number_format == "#,##0"


def test_headline_sentences_read_like_the_annual_summary(briefing, book):
    expected = (
        # no Madrid, well-known or designation list imported: those clauses are left out, never 0
        "截至2026年9月30日，全区注册商标拥有量4件，发明专利拥有量6件，"
        "10年以上有效发明专利0件；2026年1-9月知识产权质押融资1000万元。",
        "2026年第三季度，全区专利授权2件，其中发明专利2件；知识产权质押融资800万元（2笔，2家企业）。",
        "发明专利拥有量较上季度末增加1件，较上年同期增加2件（增长50.0%）；"
        "注册商标拥有量较上季度末增加1件，较上年同期增加1件（增长33.3%）。",
    )
    assert briefing.sentences == expected
    column_a = [row[0] for row in book["概览"].iter_rows(values_only=True)]
    assert all(sentence in column_a for sentence in expected)


def test_enterprise_rankings_with_movement(book):
    sheet = book["企业排名"]
    assert block(sheet, "一、发明专利拥有量") == [
        (1, JIA, CODES[JIA], 3, 2, 1, "—"),
        (2, BING, CODES[BING], 2, 1, 1, "—"),
        (3, YI, CODES[YI], 1, 1, 0, "↓1"),  # tied 2nd with 丙 at the previous quarter end
    ]
    assert block(sheet, "二、注册商标拥有量") == [
        (1, JIA, CODES[JIA], 2, 2, 0, "—"),
        (2, YI, CODES[YI], 1, 1, 0, "—"),
        (2, BING, CODES[BING], 1, 0, 1, "新进"),
    ]
    # inventions granted in Q3: 甲 P3, 乙 and 丙 the co-held P4 (each in full); 丙 had P7 in Q2
    assert block(sheet, "三、当季新增发明授权") == [
        (1, YI, CODES[YI], 1, 0, 1, "新进"),
        (1, BING, CODES[BING], 1, 1, 0, "—"),
        (1, JIA, CODES[JIA], 1, 0, 1, "新进"),
    ]
    assert block(sheet, "四、当年质押融资额") == [
        (1, JIA, CODES[JIA], 500, 0, 500, "新进"),
        (2, YI, CODES[YI], 300, 0, 300, "新进"),
        (3, BING, CODES[BING], 200, 200, 0, "↓2"),
    ]


def test_town_and_industry_rankings_count_each_right_once(book):
    towns = book["街道排名"]
    assert block(towns, "一、发明专利拥有量") == [(1, "城东街道", 5, 3, 2, "—"), (2, "城西街道", 1, 1, 0, "—")]
    assert block(towns, "三、当季新增发明授权") == [(1, "城东街道", 2, 1, 1, "—"), (2, "城西街道", 1, 0, 1, "新进")]
    # P4 is held by 乙 and 丙, both 信息技术: one right for the industry (at D: P4, P7; before: P5, P7)
    assert block(book["行业排名"], "一、发明专利拥有量") == [(1, "制造业", 3, 2, 1, "—"), (2, "信息技术", 2, 2, 0, "↓1")]


def test_loans_and_new_grants_of_the_quarter(book):
    loans = book["质押融资明细"]
    assert [c.value for c in loans[3]] == ["序号", "出质人", "质权人", "金额（万元）", "登记日", "登记号", "质押物件数"]
    rows = list(loans.iter_rows(min_row=4, values_only=True))
    assert [(r[1], r[2], r[3], r[4].date(), r[5], r[6]) for r in rows[:2]] == [
        (JIA, "云溪银行", 500, date(2026, 8, 10), "DJ1", 1),
        (YI, "=溪谷银行", 300, date(2026, 9, 1), "DJ2", 1),
    ]
    assert rows[2][:4] == ("合计", "2笔", None, 800)
    grants = list(book["新增授权"].iter_rows(min_row=4, values_only=True))
    assert [(r[1], r[2], r[3], r[5].date()) for r in grants] == [
        ("202410000004.3", "=SUM(1)一种电路", f"{YI}；{BING}", date(2026, 7, 15)),  # the check character added
        ("202410000003.9", "一种系统", JIA, date(2026, 8, 1)),
    ]


def test_definitions_name_the_date_and_the_source_batches(book, district):
    sheet = book["口径说明"]
    row = find_row(sheet, "发明专利拥有量（有效发明专利）")
    assert row[1].startswith("在统计截止日有效的发明专利")
    assert row[2] == "截至2026年9月30日；\n对比2026年6月30日、2025年9月30日"  # one phrase a line
    assert row[4] == "1"  # the patent list was imported first
    assert find_row(sheet, "知识产权质押融资额")[4] == "3"
    batches = list(book["导入批次"].iter_rows(min_row=4, values_only=True))  # after the header
    folder = district[1]
    assert [(r[0], r[1], r[6]) for r in batches] == [
        (i, f"{kind}.xlsx", hashlib.sha256((folder / f"{kind}.xlsx").read_bytes()).hexdigest())
        for i, kind in enumerate(LISTS, start=1)]
    assert all(r[3].date() == D for r in batches)


def test_text_from_imported_data_that_looks_like_a_formula_stays_text(book):
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert {c.value for c in cells} == {YI, "=溪谷银行", "=SUM(1)一种电路", f"{YI}；{BING}"}
    assert all(c.data_type == "s" for c in cells)


def test_charts_are_native_and_read_the_tables(book):
    charts = book["概览"]._charts
    assert [(type(c).__name__, getattr(c, "type", None)) for c in charts] == [
        ("LineChart", None), ("BarChart", "col"), ("BarChart", "bar")]
    trend, towns, top = charts
    assert [s.val.numRef.f for s in trend.series] == ["'趋势'!$C$4:$C$11", "'趋势'!$D$4:$D$11"]
    assert trend.series[0].cat.numRef.f == "'趋势'!$A$4:$A$11"
    assert [s.val.numRef.f for s in towns.series] == ["'街道排名'!$C$5:$C$6"]
    assert [s.val.numRef.f for s in top.series] == ["'企业排名'!$D$5:$D$7"]
    assert top.series[0].cat.numRef.f == "'企业排名'!$B$5:$B$7"
    trend_table = list(book["趋势"].iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in trend_table] == [code for code, _ in quarter_ends(D, 8)]
    assert [r[2] for r in trend_table][-5:] == [4, 4, 4, 5, 6]  # 2025Q3 .. 2026Q3


def chart_xml(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        return [archive.read(n).decode() for n in names]


def test_bar_charts_show_every_category_label(workbook_path):
    bars = [xml for xml in chart_xml(workbook_path) if "<c:barChart>" in xml or "<barChart>" in xml]
    assert len(bars) == 2
    for xml in bars:
        axis = re.search(r"<(?:c:)?catAx>.*?</(?:c:)?catAx>", xml, re.S).group(0)
        assert re.search(r'<(?:c:)?delete val="(0|false)"/>', axis)
        assert re.search(r'<(?:c:)?tickLblSkip val="1"/>', axis)


def test_no_chart_splits_across_printed_pages(book):
    sheet = book["概览"]
    starts = sorted({1} | {b.id + 1 for b in sheet.row_breaks.brk})
    for chart in sheet._charts:
        first, last = chart.anchor._from.row + 1, chart.anchor.to.row  # 1-based rows the chart covers
        page = max(s for s in starts if s <= first)
        following = [s for s in starts if s > page]
        assert not following or last < following[0], (first, last, starts)
        assert last - page + 1 <= 24  # with the printed titles, within one A4 page at 15 pt a row


def test_quarter_ends_cross_the_year():
    assert quarter_ends(date(2026, 3, 31), 3) == [
        ("2025Q3", date(2025, 9, 30)), ("2025Q4", date(2025, 12, 31)), ("2026Q1", date(2026, 3, 31))]


def test_workbook_opens_in_libreoffice(workbook_path, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice（soffice）未安装：跳过 PDF 转换检查")
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"  # never the user's own profile
    result = subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook_path)],
        capture_output=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "简报.pdf").stat().st_size > 10_000


# ---- Word document -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document(briefing, tmp_path_factory):
    from docx import Document

    path = tmp_path_factory.mktemp("docx") / "简报.docx"
    return Document(str(write_briefing_docx(briefing, path, issued_on=date(2026, 10, 15))))


def test_docx_opens_with_the_title_block_of_a_government_briefing(document):
    from docx.oxml.ns import qn

    name, issue, office, title = document.paragraphs[:4]
    assert name.text == "知识产权工作简报" and str(name.runs[0].font.color.rgb) == "FF0000"
    assert name.runs[0].font.size.pt >= 22 and name.alignment == 1  # centred
    assert issue.text == "2026年第3期"
    assert office.text == "云溪区市场监督管理局（知识产权局）\t2026年10月15日"
    rule = office._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (rule.get(qn("w:val")), rule.get(qn("w:color"))) == ("single", "FF0000")
    order = [child.tag.split("}")[1] for child in office._p.pPr]
    assert order.index("pBdr") < order.index("tabs") < order.index("spacing")  # the schema's order (Word checks it)
    assert title.style.name == "Title"


def test_docx_headings_and_headline_paragraph(document, briefing):
    paragraphs = document.paragraphs[3:]  # after the title block
    assert (paragraphs[0].style.name, paragraphs[0].text) == ("Title", briefing.title)
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、总体情况", "二、主要指标", "三、企业排名（前10名）", "四、街道排名（前10名）",
                        "五、行业排名（前10名）", "六、质押融资和新增发明授权明细", "七、口径说明"]
    texts = [p.text for p in paragraphs]
    assert texts[texts.index("一、总体情况") + 1] == briefing.sentences[0]


def test_docx_tables_hold_figures_and_rankings(document):
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    stocks = tables[0]
    assert stocks[0][:3] == ["指标", "单位", "本季度末"]
    assert next(r for r in stocks if r[0] == "发明专利拥有量（有效发明专利）")[2:] == ["6", "5", "+1", "4", "+2", "+50.0%"]
    rankings = [t for t in tables if t[0] == ["排名", "企业名称", "本期", "上期", "增减", "名次变化"]]
    assert len(rankings) == 4
    assert rankings[0][1:] == [["1", JIA, "3", "2", "+1", "—"], ["2", BING, "2", "1", "+1", "—"],
                               ["3", YI, "1", "1", "0", "↓1"]]
    assert rankings[3][1] == ["1", JIA, "500.00", "0.00", "+500.00", "新进"]


def test_docx_has_the_trend_table(document, briefing):
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    [trend] = [t for t in tables if t[0][:2] == ["季度", "季度末"]]
    assert [r[:2] for r in trend[1:]] == [[p.quarter, p.as_of.isoformat()] for p in briefing.trend]
    assert [r[2] for r in trend[1:]][-5:] == ["4", "4", "4", "5", "6"]  # 2025Q3 .. 2026Q3, as on 趋势
    assert [r[3] for r in trend[1:]][-1] == "4"
    caption = next(p for p in document.paragraphs if p.text == f"近{len(briefing.trend)}个季度末的存量")
    assert caption.paragraph_format.keep_with_next is True  # never alone at the foot of a page


def test_docx_tables_repeat_their_header_and_keep_dates_and_numbers_whole(document):
    from docx.oxml.ns import qn

    from ipdb.briefing.docx_table import TEXT_WIDTH, text_width

    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        assert sum(c.width.cm for c in table.columns) <= TEXT_WIDTH + 0.05
        for index, column in enumerate(table.columns):
            cells = column.cells[1:]
            whole = [c for c in cells if c._tc.tcPr.find(qn("w:noWrap")) is not None]
            for cell in whole:  # Word's cell margins are 0.19 cm a side
                size = cell.paragraphs[0].runs[0].font.size.pt if cell.paragraphs[0].runs else 9
                assert text_width(cell.text, size) + 0.38 <= column.width.cm, (cell.text, index)
    loans = next(t for t in document.tables if [c.text for c in t.rows[0].cells][4:5] == ["登记日"])
    [no_wrap] = {c._tc.tcPr.find(qn("w:noWrap")) is not None for c in loans.columns[4].cells[1:-1]}
    assert no_wrap and loans.rows[1].cells[5].text == "DJ1"  # the date and the registration number never wrap
    assert loans.columns[5].cells[1]._tc.tcPr.find(qn("w:noWrap")) is not None


def test_docx_has_the_workbooks_charts_as_inline_images(document):
    from docx.enum.shape import WD_INLINE_SHAPE

    shapes = document.inline_shapes
    assert len(shapes) == 3  # the trend, the towns, the top enterprises (as on 概览)
    assert all(s.type == WD_INLINE_SHAPE.PICTURE and round(s.width.cm, 1) == 16.0 for s in shapes)
    blobs = [r.target_part.blob for r in document.part.rels.values() if "image" in r.reltype]
    assert len(blobs) == 3 and all(b.startswith(b"\x89PNG") for b in blobs)


def test_chart_text_is_set_in_the_bundled_cjk_font():
    import matplotlib
    from matplotlib import font_manager

    from ipdb.briefing.images import FONT_FILE, _cjk_font

    with _cjk_font():
        found = font_manager.findfont(font_manager.FontProperties(family=matplotlib.rcParams["font.family"]))
    assert Path(found).name == FONT_FILE and "mplfonts" in Path(found).parts  # not a font of this PC


def test_docx_styles_carry_an_east_asian_font(document):
    from docx.oxml.ns import qn

    for name in ("Normal", "Title", "Heading 1"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) in ("宋体", "黑体")
        assert not [a for a in fonts.attrib if a.endswith("Theme")]


# ---- the command, on the demo district -----------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    store = open_store(path)
    import_inbox(store, ROOT / "imports" / "demo", ImportOptions(today=date(2026, 11, 28)))
    store.close()
    return path


def test_brief_command_writes_workbook_and_docx_into_reports(demo_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["brief", "--quarter", "2026Q3", "--docx", "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    workbook = Path("reports") / "2026Q3 知识产权季度简报.xlsx"
    assert f"已写入季度简报：{workbook}" in result.output
    assert f"已写入 Word 版：{workbook.with_suffix('.docx')}" in result.output
    assert workbook.is_file() and workbook.with_suffix(".docx").is_file()
    overview = load_workbook(workbook)["概览"]
    assert find_row(overview, "发明专利拥有量（有效发明专利）")[2:4] == (138, 136)
    assert overview["A1"].value == "全区知识产权季度简报（2026年第三季度）"  # no district_name setting


def test_brief_command_writes_where_it_is_told(demo_db, tmp_path):
    target = tmp_path / "简报" / "三季度.xlsx"
    args = ["brief", "--quarter", "2026Q3", "-o", str(target), "--db", str(demo_db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert target.is_file() and not target.with_suffix(".docx").exists()
    assert str(target) in result.output


def test_the_briefing_counts_the_deadlines_by_street_and_lists_the_nearest(demo_db, tmp_path):
    target = tmp_path / "三季度.xlsx"
    result = CliRunner().invoke(app, ["brief", "--quarter", "2026Q3", "-o", str(target), "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    store = open_store(demo_db)
    due = due_lists(store, date(2026, 9, 30), "6m")
    store.close()
    book = load_workbook(target)
    sheet = book["近期到期提醒"]
    assert find_row(sheet, "合计")[1:6] == (*(len(due.of_kind(k)) for k in DUE_KINDS), len(due.items))
    nearest = block(sheet, "到期日最近的")[1:]  # below its header
    assert [r[5] for r in nearest] == [i.number for i in due.items[:20]]
    assert [r[1] for r in nearest] == sorted(r[1] for r in nearest)
    trademarks = len(due.of_kind("trademarks"))
    sentence = next(r[0] for r in book["概览"].iter_rows(values_only=True) if str(r[0]).startswith("未来6个月内"))
    assert f"{trademarks}件注册商标需续展" in sentence and "2027年3月30日" in sentence


def test_the_due_sentence_names_only_lists_with_deadlines(briefing):
    # P5 is first marked dead for unpaid fees by the register of D; no trademark term ends before 2029
    assert briefing.due_sentence == "未来6个月内（至2027年3月30日），1件专利需缴纳年费滞纳金或可请求恢复权利。"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["brief"], 2, "请用 --quarter 指明季度"),
    (["brief", "--quarter", "2026Q5"], 2, "无法识别的季度「2026Q5」"),
    (["brief", "--quarter", "2026Q3"], 1, "还没有导入任何清单"),
])
def test_brief_command_errors_are_one_chinese_sentence(args, code, message, tmp_path):
    open_store(tmp_path / "empty.sqlite").close()
    result = CliRunner().invoke(app, [*args, "--db", str(tmp_path / "empty.sqlite")])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
