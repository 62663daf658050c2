"""Write a Briefing as a Word document (python-docx): the same content as the workbook, set for reading.

Chinese text needs an East-Asian font on every style (w:rFonts/@w:eastAsia); without it Word and WPS
fall back to the theme's Latin font for the style and pick a CJK font on their own. Heading styles
also carry theme-font attributes, which win over explicit fonts, so they are removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ipdb.briefing.model import Briefing, FlowLine, RankingTable, StockLine
from ipdb.figures.numbers import MONEY_UNIT, change, growth
from ipdb.files import save_file
from ipdb.periods import format_day
from ipdb.vocabulary import GROUP_ZH

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
TABLE_POINTS = 9
DOCX_TOP = 10
HEADER_SHADE = "DDEBF7"
NOT_AVAILABLE = "—"
SECTIONS = "一二三四五六七"
SUBSECTIONS = ("（一）", "（二）", "（三）", "（四）")
FIGURE_WIDTHS = (3.6, 1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0)  # cm; the text block is 16.6 cm wide


def write_briefing_docx(briefing: Briefing, path: Path) -> Path:
    """Write the briefing as a .docx at ``path`` (folders created) and return the path."""
    from docx import Document

    doc = Document()
    _set_up(doc)
    doc.add_heading(briefing.title, level=0)
    _caption(
        doc,
        f"统计截止日：{format_day(briefing.as_of)}　当季：{briefing.period.label}　当年累计：{briefing.to_date.label}",
    )
    sections = iter(SECTIONS)
    doc.add_heading(f"{next(sections)}、总体情况", level=1)
    for sentence in (*briefing.sentences, briefing.due_sentence):
        if sentence:
            _body(doc, sentence)
    for note in briefing.notes:
        _body(doc, f"注意：{note}")
    _figures(doc, briefing, next(sections))
    for by, what in (("enterprise", "企业排名"), ("town", "街道排名"), ("industry", "行业排名")):
        doc.add_heading(f"{next(sections)}、{what}（前{DOCX_TOP}名）", level=1)
        for sub, table in zip(SUBSECTIONS, briefing.rankings[by], strict=True):
            _ranking(doc, sub, table, by)
    _details(doc, briefing, next(sections))
    _sources(doc, briefing, next(sections))
    return save_file(path, doc.save)


# ---- styles --------------------------------------------------------------------------------------


def _set_up(doc: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    _font(doc.styles["Normal"], BODY_FONT, 10.5)
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
        style = doc.styles[name]
        _font(style, HEADING_FONT, size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = name != "Heading 2"
        style.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 6)
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _font(style: Any, name: str, size: float) -> None:
    """Latin and East-Asian font of a style; theme fonts removed so the names apply."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = name
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in [a for a in fonts.attrib if a.endswith("Theme")]:
        del fonts.attrib[attribute]
    fonts.set(qn("w:eastAsia"), name)


def _east_asian(run: Any, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _caption(doc: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).font.size = Pt(10)


def _body(doc: Any, text: str) -> None:
    """A paragraph of prose, first line indented two characters as in official documents."""
    from docx.shared import Pt

    paragraph = doc.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = Pt(21)
    paragraph.paragraph_format.line_spacing = 1.3


# ---- tables --------------------------------------------------------------------------------------


def _table(
    doc: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric_from: int,
    widths: Sequence[float],
    size: float = TABLE_POINTS,
) -> Any:
    """A grid table: shaded bold header; columns from ``numeric_from`` on right-aligned; ``widths`` in cm
    (Word and WPS would otherwise share the width equally and wrap the names)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _shade(cell, HEADER_SHADE)
        _cell_text(cell, header, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for values in rows:
        for column, (cell, value) in enumerate(zip(table.add_row().cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if column >= numeric_from else None
            _cell_text(cell, value, size, align=align)
    for column, width in zip(table.columns, widths, strict=True):  # the grid (LibreOffice), each cell (Word)
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def _cell_text(cell: Any, text: str, size: float, *, bold: bool = False, align: Any = None) -> None:
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold or None
    _east_asian(run, BODY_FONT)


def _shade(cell: Any, color: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shade)


def number(value: int | float | str | None, unit: str, *, signed: bool = False) -> str:
    """How a figure reads in a table: thousands separators; 万元 and ratios with two decimals; text (未导入) as is."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, str):
        return value
    sign = "+" if signed and value != 0 else ""
    if unit == MONEY_UNIT or "/" in unit:
        return f"{value:{sign},.2f}"
    return f"{value:{sign},.0f}"


def percent(rate: float | None) -> str:
    return NOT_AVAILABLE if rate is None else f"{rate * 100:+.1f}%"


# ---- sections ------------------------------------------------------------------------------------


def _figures(doc: Any, b: Briefing, numeral: str) -> None:
    doc.add_heading(f"{numeral}、主要指标", level=1)
    _caption(
        doc,
        f"存量：本季度末{format_day(b.as_of)}，{b.previous_label}{format_day(b.previous_as_of)}，"
        f"上年同期末{format_day(b.year_ago_as_of)}",
    )
    headers = (
        "指标",
        "单位",
        "本季度末",
        b.previous_label,
        f"较{b.previous_label}",
        "上年同期末",
        "较上年同期",
        "同比增长",
    )
    _table(doc, headers, [_stock_row(s) for s in b.stocks], numeric_from=2, widths=FIGURE_WIDTHS, size=8)
    _caption(doc, f"流量：当季{b.period.label}，当年累计{b.to_date.label}，均与上年同期比较")
    headers = ("指标", "单位", "当季", "上年同季", "同比增减", "当年累计", "上年同期累计", "同比增减")
    _table(doc, headers, [_flow_row(f) for f in b.flows], numeric_from=2, widths=FIGURE_WIDTHS, size=8)


def _stock_row(s: StockLine) -> tuple[str, ...]:
    u = s.unit
    return (
        _indented(s.name, s.level),
        u,
        number(s.shown(0), u),
        number(s.shown(1), u),
        number(change(s.current, s.previous), u, signed=True),
        number(s.shown(2), u),
        number(change(s.current, s.year_ago), u, signed=True),
        percent(growth(s.current, s.year_ago)),
    )


def _flow_row(f: FlowLine) -> tuple[str, ...]:
    u = f.unit
    return (
        _indented(f.name, f.level),
        u,
        number(f.shown(0), u),
        number(f.shown(1), u),
        number(change(f.quarter, f.quarter_year_ago), u, signed=True),
        number(f.shown(2), u),
        number(f.shown(3), u),
        number(change(f.to_date, f.to_date_year_ago), u, signed=True),
    )


def _indented(name: str, level: int) -> str:
    return "　" * 2 * level + name


def _ranking(doc: Any, sub: str, table: RankingTable, by: str) -> None:
    """The rows ranked 10th or better (a tie at the boundary is shown whole), with their movement."""
    doc.add_heading(f"{sub}{table.label}（{table.ranking.unit}）", level=2)
    _caption(doc, table.caption)
    u = table.ranking.unit
    rows = [
        (
            str(r.rank),
            r.name,
            number(r.value, u),
            number(r.previous_value, u),
            number(r.change, u, signed=True),
            r.movement,
        )
        for r in table.ranking.rows
        if r.rank <= DOCX_TOP
    ]
    headers = (
        "排名",
        {**GROUP_ZH, "enterprise": "企业名称"}[by],
        "本期",
        "上期",
        "增减",
        "名次变化",
    )
    _table(
        doc,
        headers,
        rows or [("", "（本期无数据）", "", "", "", "")],
        numeric_from=2,
        widths=(1.2, 6.7, 2.2, 2.2, 2.2, 2.1),
    )


def _details(doc: Any, b: Briefing, numeral: str) -> None:
    doc.add_heading(f"{numeral}、质押融资和新增发明授权明细", level=1)
    doc.add_heading(f"（一）{b.period.label}质押融资（{len(b.loans)}笔）", level=2)
    loans = [
        (
            str(i),
            x.pledgor,
            x.pledgee or "",
            number(x.amount_wan, MONEY_UNIT),
            x.registered_on.isoformat(),
            x.registration_no or "",
            str(x.rights),
        )
        for i, x in enumerate(b.loans, start=1)
    ]
    total = number(sum(x.amount_wan for x in b.loans), MONEY_UNIT)
    loans.append(("合计", f"{len(b.loans)}笔", "", total, "", "", str(sum(x.rights for x in b.loans))))
    _table(
        doc,
        ("序号", "出质人", "质权人", "金额（万元）", "登记日", "登记号", "质押物件数"),
        loans,
        numeric_from=3,
        widths=(1.0, 3.6, 3.8, 2.0, 2.0, 2.8, 1.4),
        size=8,
    )
    _grants(doc, b)


def _grants(doc: Any, b: Briefing) -> None:
    doc.add_heading(f"（二）{b.period.label}新增发明专利授权（{len(b.grants)}件）", level=2)
    grants = [
        (
            str(i),
            g.number,
            g.title or "",
            g.holders,
            g.filing_date.isoformat() if g.filing_date else "",
            g.granted_on.isoformat(),
        )
        for i, g in enumerate(b.grants, start=1)
    ]
    _table(
        doc,
        ("序号", "申请号", "名称", "权利人", "申请日", "授权日"),
        grants,
        numeric_from=9,
        widths=(1.0, 2.8, 4.6, 4.0, 2.1, 2.1),
        size=8,
    )


def _sources(doc: Any, b: Briefing, numeral: str) -> None:
    """口径说明: each figure's definition, date or period and source batches, then the batches themselves."""
    from docx.shared import Pt

    doc.add_heading(f"{numeral}、口径说明", level=1)
    for d in b.definitions:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(3)
        paragraph.add_run(f"{d.name}：").bold = True
        batches = "、".join(map(str, d.batch_ids)) or NOT_AVAILABLE
        paragraph.add_run(f"{d.definition}。{d.when}。{d.note}（来源批次：{batches}）")
    doc.add_heading("导入批次", level=2)
    _table(
        doc,
        ("批次", "文件名", "截至日期", "导入时间", "SHA-256"),
        [
            (str(x.id), x.file_name, x.as_of.isoformat(), x.imported_at.strftime("%Y-%m-%d %H:%M"), x.sha256)
            for x in b.sources
        ],
        numeric_from=9,
        widths=(1.0, 4.6, 2.0, 2.6, 6.4),
        size=7.5,
    )
