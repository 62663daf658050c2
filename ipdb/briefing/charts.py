"""Native charts on the briefing's 概览 sheet, each reading the sheet that holds its table."""

from __future__ import annotations

from typing import Any

from ipdb.briefing.model import Briefing
from ipdb.briefing.sheet import COUNT, SheetWriter
from ipdb.xlsx_style import CJK_FONT

CHART_ROWS = 15  # a chart's height in rows of the default 15 pt (0.53 cm)
TOP_ROWS = 20  # the top-ten chart: ten names, each on a line of its own
LABEL_POINTS = 9  # axis labels: small enough that every one is shown


def add_charts(
    overview: SheetWriter, b: Briefing, trend: SheetWriter, enterprise: dict[str, int], town: dict[str, int]
) -> None:
    """Native charts on 概览, each reading the sheet that holds its table: the trend (趋势) and the towns
    (街道排名) side by side on a printed page, the top ten enterprises (企业排名) on the next, so that no
    chart splits across pages."""
    from openpyxl.worksheet.pagebreak import Break

    sheet, book = overview.sheet, overview.sheet.parent
    section = max(overview.texts)  # the 四、图表 line
    sheet.row_breaks.append(Break(id=section - 1))
    first = section + 2
    second = first + CHART_ROWS + 1
    sheet.row_breaks.append(Break(id=second - 1))
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
            _span(second, 0, 8, TOP_ROWS),
        )


def _span(row: int, first_column: int, end_column: int, rows: int = CHART_ROWS) -> Any:
    """A chart from column ``first_column`` to the left edge of ``end_column`` (0-based), ``rows`` rows tall
    from ``row``: anchored to cells, it lines up with the tables in Excel, WPS and LibreOffice alike."""
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor

    return TwoCellAnchor(
        editAs="oneCell",
        _from=AnchorMarker(col=first_column, row=row - 1),
        to=AnchorMarker(col=end_column, row=row - 1 + rows),
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
    # Excel and WPS skip category labels that do not fit (every other company): each one is shown, small
    chart.x_axis.tickLblSkip = 1
    chart.x_axis.tickMarkSkip = 1
    chart.x_axis.txPr = _label_text()
    return chart


def _label_text() -> Any:
    """Axis label text: LABEL_POINTS, in the workbook's CJK font."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties

    face = Font(typeface=CJK_FONT)
    characters = CharacterProperties(sz=LABEL_POINTS * 100, latin=face, ea=face)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=characters), endParaRPr=characters)])
