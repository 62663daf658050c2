"""Write a Briefing as a finished workbook: Chinese sheets, CJK font, number formats, native charts, A4 print.

Every sheet starts with the briefing's title (row 1) and a caption (row 2); tables put their header on
row 3, which is frozen and repeated on every printed page. Text that came from imported data goes
through ``xlsx_style.append_row``, so a name such as ``=HYPERLINK(…)`` stays text.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from ipdb.briefing import TOP, TREND_KEYS, Briefing
from ipdb.figures.numbers import MONEY_UNIT, change, growth
from ipdb.figures.registry import METRICS_BY_KEY
from ipdb.files import save_file
from ipdb.periods import format_day
from ipdb.vocabulary import KIND_ZH
from ipdb.xlsx_style import CJK_FONT, FORMULA_PREFIXES, append_row, autosize

COUNT = "#,##0"
MONEY = "#,##0.00"  # 万元 (and ratios) with two decimals
SIGNED_COUNT = "+#,##0;-#,##0;0"
SIGNED_MONEY = "+#,##0.00;-#,##0.00;0.00"
PERCENT = "+0.0%;-0.0%;0.0%"
DAY = "yyyy-mm-dd"
NOT_AVAILABLE = "—"
LINE_POINTS = 15  # height of one line of 11-point text
BORDER_COLOR = "BFBFBF"
SECTION_FILL = "F2F2F2"
HEADER_FILL = "DDEBF7"  # as xlsx_style.style_header
NUMERALS = "一二三四五六七八九十"
CHART_ROWS = 15  # a chart's height in rows of the default 15 pt (0.53 cm)


def write_briefing_xlsx(briefing: Briefing, path: Path) -> Path:
    """Write the briefing workbook to ``path`` (folders created) and return the path."""
    from openpyxl import Workbook

    book = Workbook()
    _default_font(book)
    book.remove(book.active)
    overview = _overview(book, briefing)
    enterprise = _rankings(book, briefing, "企业排名", "enterprise", ("排名", "企业名称", "统一社会信用代码"))
    town = _rankings(book, briefing, "街道排名", "town", ("排名", "街道/镇"))
    _rankings(book, briefing, "行业排名", "industry", ("排名", "行业"))
    _loans(book, briefing)
    _grants(book, briefing)
    trend = _trend(book, briefing)
    _definitions(book, briefing)
    _charts(overview, briefing, trend, enterprise, town)
    return save(book, path)


def save(book: Any, path: Path) -> Path:
    return save_file(path, book.save)


def _default_font(book: Any) -> None:
    """Empty cells and the Normal style use the CJK font too (openpyxl has no public API for this)."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=CJK_FONT, sz=11, family=2)
    book._fonts = IndexedList([font])
    book._named_styles["Normal"].font = font


# ---- a sheet -------------------------------------------------------------------------------------


class SheetWriter:
    """Appends titles, tables and text to one sheet, then fits and dresses it for screen and A4 print."""

    def __init__(self, book: Any, name: str, briefing: Briefing, columns: int, caption: str) -> None:
        self.sheet = book.create_sheet(name)
        self.columns = columns
        self.texts: dict[int, tuple[int, bool]] = {}  # row -> (font size, bold) of merged text rows
        self.tables: list[int] = []
        self.centered: set[int] = set()  # columns centred in table rows (ranks, movements)
        self.headers: set[int] = set()
        self.text(briefing.title, size=16, bold=True)
        self.text(caption, size=10)

    @property
    def row(self) -> int:
        return int(self.sheet.max_row)

    def text(self, value: str, *, size: int = 11, bold: bool = False) -> int:
        """A line of prose merged across the sheet's columns; it does not widen column A."""
        self.sheet.append([value])
        self.texts[self.row] = (size, bold)
        return self.row

    def section(self, value: str) -> int:
        row = self.text(value, bold=True)
        self.sheet.cell(row, 1).fill = _fill(SECTION_FILL)
        return row

    def header(self, labels: tuple[str, ...]) -> int:
        """A header row in the look of ``xlsx_style.style_header``, limited to the labelled columns."""
        self.sheet.append(list(labels))
        for cell in self.sheet[self.row][: len(labels)]:
            cell.font = _font(bold=True)
            cell.fill = _fill(HEADER_FILL)
            cell.alignment = _alignment(wrap=True, center=True)
        self.tables.append(self.row)
        self.headers.add(self.row)
        return self.row

    def add(self, values: tuple[Any, ...], formats: tuple[str | None, ...] = (), indent: int = 0) -> int:
        """A table row; imported text stays text; ``formats`` per column (None: leave as is)."""
        append_row(self.sheet, [NOT_AVAILABLE if v is None and i >= 2 else v for i, v in enumerate(values)])
        for cell, fmt in zip(self.sheet[self.row], formats, strict=False):  # formats may stop early
            if fmt and isinstance(cell.value, (int, float)):
                cell.number_format = fmt
        if indent:
            self.sheet.cell(self.row, 1).alignment = _alignment(indent=indent, left=True)
        self.tables.append(self.row)
        return self.row

    def blank(self) -> None:
        self.sheet.append([None])

    def finish(self, *, frozen: int = 3, wrap: dict[int, int] | None = None) -> None:
        """Fit columns to the tables (prose excluded; ``wrap``: column -> fixed width, text wrapped), then
        fonts, borders, row heights, frozen title rows and print setup."""
        from openpyxl.utils import get_column_letter

        wrap = wrap or {}
        saved = {row: self.sheet.cell(row, 1).value for row in self.texts}
        for row in saved:
            self.sheet.cell(row, 1).value = None
        autosize(self.sheet)
        _widen_for_numbers(self.sheet)
        for column, width in wrap.items():
            self.sheet.column_dimensions[get_column_letter(column)].width = width
        for row, value in saved.items():
            self.sheet.cell(row, 1).value = value
            if value.startswith(FORMULA_PREFIXES):  # a district name from the settings, say: text all the same
                self.sheet.cell(row, 1).data_type = "s"
            self._merge(row)
        self._dress(wrap)
        self.sheet.freeze_panes = self.sheet.cell(frozen + 1, 1)
        _print_setup(self.sheet, frozen)

    def _merge(self, row: int) -> None:
        size, bold = self.texts[row]
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.columns)
        cell = self.sheet.cell(row, 1)
        cell.font = _font(size=size, bold=bold)
        cell.alignment = _alignment(wrap=True, center=row == 1)

    def _dress(self, wrap: dict[int, int]) -> None:
        from openpyxl.styles import Border, Side

        side = Side(style="thin", color=BORDER_COLOR)
        tables = set(self.tables)
        for cells in self.sheet.iter_rows(min_row=1, max_row=self.row):
            for cell in cells:
                if cell.font.name != CJK_FONT:
                    cell.font = _font(size=cell.font.sz or 11, bold=bool(cell.font.b))
                if cell.row in tables and cell.column <= self.columns:
                    cell.border = Border(left=side, right=side, top=side, bottom=side)
                if cell.row not in tables or cell.row in self.texts or cell.row in self.headers:
                    continue
                centered = cell.column in self.centered or cell.value == NOT_AVAILABLE
                indent = cell.alignment.indent
                cell.alignment = _alignment(wrap=cell.column in wrap, center=centered, indent=indent)
            self._fit_height(cells[0].row, wrap)

    def _fit_height(self, row: int, wrap: dict[int, int]) -> None:
        """Wrapped and merged text needs a row height: neither Excel nor WPS grows merged rows by itself."""
        from openpyxl.utils import get_column_letter

        def width(column: int) -> float:
            return float(self.sheet.column_dimensions[get_column_letter(column)].width or 10)

        lines = 1
        if row in self.texts:
            size = self.texts[row][0]
            total = sum(width(c) for c in range(1, self.columns + 1)) * 11 / size
            lines = math.ceil(cell_len(str(self.sheet.cell(row, 1).value or "")) / max(total - 1, 1))
            self.sheet.row_dimensions[row].height = max(lines, 1) * (size + 6) + 4
            return
        for column in wrap:
            value = self.sheet.cell(row, column).value
            if isinstance(value, str):
                lines = max(lines, math.ceil(cell_len(value) / max(width(column) - 1, 1)))
        if lines > 1:
            self.sheet.row_dimensions[row].height = lines * LINE_POINTS + 3


def _alignment(*, wrap: bool = False, center: bool = False, indent: float = 0, left: bool = False) -> Any:
    from openpyxl.styles import Alignment

    horizontal = "center" if center else "left" if left or indent else None
    return Alignment(wrap_text=wrap, vertical="center", horizontal=horizontal, indent=indent)


def _shown(value: Any, fmt: str) -> str:
    """Roughly a number as ``fmt`` shows it (autosize measures ``str(value)``: 2200.0, not +2,200.00)."""
    if "%" in fmt:
        return f"{value * 100:+.1f}%"
    sign = "+" if fmt.startswith("+") else ""
    return f"{value:{sign},.2f}" if "0.00" in fmt else f"{value:{sign},.0f}"


def _widen_for_numbers(sheet: Any) -> None:
    from openpyxl.utils import get_column_letter

    for cells in sheet.iter_cols():
        shown = [
            _shown(c.value, c.number_format)
            for c in cells
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
        ]
        if shown:
            letter = get_column_letter(cells[0].column)
            width = sheet.column_dimensions[letter].width or 0
            sheet.column_dimensions[letter].width = max(width, max(map(len, shown)) + 2)


def _font(*, size: float = 11, bold: bool = False) -> Any:
    from openpyxl.styles import Font

    return Font(name=CJK_FONT, size=size, bold=bold)


def _fill(color: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor=color)


def _print_setup(sheet: Any, title_rows: int) -> None:
    """A4 landscape, one page wide (as many pages long as needed), titles repeated on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"1:{title_rows}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


# ---- sheets --------------------------------------------------------------------------------------


def _formats(unit: str) -> tuple[str, str]:
    """(value format, change format) for a unit: 万元 with two decimals, ratios too, else whole numbers."""
    if unit == MONEY_UNIT:
        return MONEY, SIGNED_MONEY
    return (MONEY, SIGNED_MONEY) if "/" in unit else (COUNT, SIGNED_COUNT)


def _overview(book: Any, b: Briefing) -> SheetWriter:
    caption = (
        f"统计截止日：{format_day(b.as_of)}　当季：{format_day(b.period.start)}至{format_day(b.period.end)}"
        f"　当年累计：{b.to_date.label}"
    )
    w = SheetWriter(book, "概览", b, 8, caption)
    w.blank()
    w.section("一、总体情况")
    for sentence in b.sentences:
        w.text(sentence)
    w.blank()
    w.section(
        f"二、存量指标（本季度末{format_day(b.as_of)}，{b.previous_label}{format_day(b.previous_as_of)}，"
        f"上年同期末{format_day(b.year_ago_as_of)}）"
    )
    w.header(
        ("指标", "单位", "本季度末", b.previous_label, f"较{b.previous_label}", "上年同期末", "较上年同期", "同比增长")
    )
    for s in b.stocks:
        value, delta = _formats(s.unit)
        w.add(
            (
                s.name,
                s.unit,
                s.shown(0),
                s.shown(1),
                change(s.current, s.previous),
                s.shown(2),
                change(s.current, s.year_ago),
                _rounded(growth(s.current, s.year_ago)),
            ),
            (None, None, value, value, delta, value, delta, PERCENT),
            indent=2 * s.level,
        )
    w.blank()
    w.section(f"三、流量指标（当季{b.period.label}，当年累计{b.to_date.label}，均与上年同期比较）")
    w.header(("指标", "单位", "当季", "上年同季", "同比增减", "当年累计", "上年同期累计", "同比增减"))
    for f in b.flows:
        value, delta = _formats(f.unit)
        w.add(
            (
                f.name,
                f.unit,
                f.shown(0),
                f.shown(1),
                change(f.quarter, f.quarter_year_ago),
                f.shown(2),
                f.shown(3),
                change(f.to_date, f.to_date_year_ago),
            ),
            (None, None, value, value, delta, value, value, delta),
            indent=2 * f.level,
        )
    for note in b.notes:
        w.text(f"注意：{note}", size=10)
    w.blank()
    w.section("四、图表")
    w.finish(frozen=2)
    return w


def _rankings(book: Any, b: Briefing, name: str, by: str, leading: tuple[str, ...]) -> dict[str, int]:
    """Four stacked rankings under one header; returns the first data row of each (for the charts)."""
    caption = f"各项前{TOP}名（并列者名次相同）；名次变化：↑上升，↓下降，—持平，新进：上期未上榜"
    w = SheetWriter(book, name, b, len(leading) + 4, caption)
    w.header((*leading, "本期", "上期", "增减", "名次变化"))
    w.centered = {1, len(leading) + 4}
    first_rows = {}
    for number, table in enumerate(b.rankings[by]):
        w.section(f"{NUMERALS[number]}、{table.label}（{table.ranking.unit}；{table.caption}）")
        first_rows[table.label] = w.row + 1
        value, delta = _formats(table.ranking.unit)
        for r in table.ranking.rows:
            identity = (r.rank, r.name, r.code)[: len(leading)]
            w.add(
                (*identity, r.value, r.previous_value, r.change, r.movement),
                (COUNT, *[None] * (len(leading) - 1), value, value, delta),
            )
        if not table.ranking.rows:
            w.add(("", "（本期无数据）"))
        w.blank()
    w.finish()
    return first_rows


def _rounded(rate: float | None) -> float | None:
    """Shown as 0.0%; rounded so that autosize (which measures str(value)) keeps the column narrow."""
    return None if rate is None else round(rate, 4)


def _loans(book: Any, b: Briefing) -> None:
    caption = f"{b.period.label}质押登记的贷款，共{len(b.loans)}笔"
    w = SheetWriter(book, "质押融资明细", b, 7, caption)
    w.header(("序号", "出质人", "质权人", "金额（万元）", "登记日", "登记号", "质押物件数"))
    formats = (COUNT, None, None, MONEY, DAY, None, COUNT)
    for number, loan in enumerate(b.loans, start=1):
        w.add(
            (
                number,
                loan.pledgor,
                loan.pledgee,
                loan.amount_wan,
                loan.registered_on,
                loan.registration_no,
                loan.rights,
            ),
            formats,
        )
    total = w.add(
        ("合计", f"{len(b.loans)}笔", "", sum(x.amount_wan for x in b.loans), "", "", sum(x.rights for x in b.loans)),
        formats,
    )
    for cell in w.sheet[total]:
        cell.font = _font(bold=True)
    w.finish()


def _grants(book: Any, b: Briefing) -> None:
    caption = f"{b.period.label}授权、企业名录内企业持有的发明专利，共{len(b.grants)}件"
    w = SheetWriter(book, "新增授权", b, 6, caption)
    w.header(("序号", "申请号", "名称", "权利人", "申请日", "授权日"))
    for number, grant in enumerate(b.grants, start=1):
        w.add(
            (number, grant.number, grant.title, grant.holders, grant.filing_date, grant.granted_on),
            (COUNT, None, None, None, DAY, DAY),
        )
    w.finish(wrap={3: 40, 4: 40})


def _trend(book: Any, b: Briefing) -> SheetWriter:
    w = SheetWriter(book, "趋势", b, 4, f"近{len(b.trend)}个季度末的存量（图表数据）")
    w.header(("季度", "季度末", *(METRICS_BY_KEY[key].short_name for key in TREND_KEYS)))
    for point in b.trend:
        w.add(
            (point.quarter, point.as_of, point.invention_patents, point.trademarks_registered),
            (None, DAY, COUNT, COUNT),
        )
    w.finish()
    return w


def _definitions(book: Any, b: Briefing) -> None:
    w = SheetWriter(
        book, "口径说明", b, 7, "每个数字的口径、截止日或统计期间，以及计算它所用的导入批次（批次编号见下方“导入批次”）"
    )
    w.header(("指标", "口径", "截止日/统计期间", "补充说明", "来源批次"))
    for d in b.definitions:
        w.add((d.name, d.definition, d.when, d.note, "、".join(map(str, d.batch_ids)) or NOT_AVAILABLE))
    w.blank()
    w.section("导入批次")
    w.header(("批次", "文件名", "清单类型", "截至日期", "完整快照", "导入时间", "SHA-256"))
    for batch in b.sources:
        w.add(
            (
                batch.id,
                batch.file_name,
                KIND_ZH.get(batch.kind, batch.kind),
                batch.as_of,
                "是" if batch.snapshot else "否",
                batch.imported_at.replace(tzinfo=None),
                batch.sha256,
            ),
            (COUNT, None, None, DAY, None, "yyyy-mm-dd hh:mm:ss", None),
        )
    w.finish(wrap={1: 22, 2: 40, 3: 28, 4: 28, 7: 34})


# ---- charts --------------------------------------------------------------------------------------


def _charts(
    overview: SheetWriter, b: Briefing, trend: SheetWriter, enterprise: dict[str, int], town: dict[str, int]
) -> None:
    """Native charts on 概览, on a printed page of their own, each reading the sheet that holds its table:
    the trend (趋势) and the towns (街道排名) side by side, the top ten enterprises (企业排名) below."""
    from openpyxl.worksheet.pagebreak import Break

    sheet, book = overview.sheet, overview.sheet.parent
    section = max(overview.texts)  # the 四、图表 line
    sheet.row_breaks.append(Break(id=section - 1))
    first = section + 2
    sheet.add_chart(_line_chart(trend.sheet, (4, 3 + len(b.trend))), _span(first, 0, 3))
    towns = len(b.rankings["town"][0].ranking.rows)
    if towns:
        row = town[b.rankings["town"][0].label]
        sheet.add_chart(
            _bar_chart(
                book["街道排名"], (row, row + towns - 1), (2, 3), "各街道/镇发明专利拥有量（件）", horizontal=False
            ),
            _span(first, 3, 8),
        )
    top = min(10, len(b.rankings["enterprise"][0].ranking.rows))
    if top:
        row = enterprise[b.rankings["enterprise"][0].label]
        sheet.add_chart(
            _bar_chart(book["企业排名"], (row, row + top - 1), (2, 4), "发明专利拥有量前十企业（件）", horizontal=True),
            _span(first + CHART_ROWS + 1, 0, 8),
        )


def _span(row: int, first_column: int, end_column: int) -> Any:
    """A chart from column ``first_column`` to the left edge of ``end_column`` (0-based), CHART_ROWS rows tall
    from ``row``: anchored to cells, it lines up with the tables in Excel, WPS and LibreOffice alike."""
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor

    return TwoCellAnchor(
        editAs="oneCell",
        _from=AnchorMarker(col=first_column, row=row - 1),
        to=AnchorMarker(col=end_column, row=row - 1 + CHART_ROWS),
    )


def _line_chart(sheet: Any, rows: tuple[int, int]) -> Any:
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.title = "发明专利与注册商标拥有量（件）"
    data = Reference(sheet, min_col=3, max_col=4, min_row=rows[0] - 1, max_row=rows[1])  # with the header
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=rows[0], max_row=rows[1]))
    for series in chart.series:
        series.marker.symbol = "circle"
        series.smooth = False
    chart.legend.position = "b"
    return _dress_chart(chart)


def _bar_chart(sheet: Any, rows: tuple[int, int], columns: tuple[int, int], title: str, *, horizontal: bool) -> Any:
    """Bars of ``columns`` = (name column, value column) over ``rows``, each bar labelled with its value."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList

    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.add_data(Reference(sheet, min_col=columns[1], min_row=rows[0], max_row=rows[1]))
    chart.set_categories(Reference(sheet, min_col=columns[0], min_row=rows[0], max_row=rows[1]))
    chart.legend = None
    chart.dataLabels = DataLabelList(
        showVal=True, showCatName=False, showSerName=False, showLegendKey=False, showPercent=False
    )
    if horizontal:  # rank 1 on top; the value axis stays at the bottom
        chart.x_axis.scaling.orientation = "maxMin"
        chart.y_axis.crosses = "max"
    return _dress_chart(chart)


def _dress_chart(chart: Any) -> Any:
    chart.x_axis.delete = False  # openpyxl 3.1 hides both axes unless told otherwise
    chart.y_axis.delete = False
    chart.y_axis.number_format = COUNT
    return chart
