"""Write a Briefing as a Word document (python-docx): the same content as the workbook, set for reading.

Chinese text needs an East-Asian font on every style (w:rFonts/@w:eastAsia); without it Word and WPS
fall back to the theme's Latin font for the style and pick a CJK font on their own. Heading styles
also carry theme-font attributes, which win over explicit fonts, so they are removed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ipdb.briefing.docx_table import BODY_FONT, NOT_AVAILABLE, TEXT_WIDTH, add_table, east_asian, number, percent
from ipdb.briefing.images import WIDTH_CM, chart_images
from ipdb.briefing.model import (
    CHANGE,
    FLOW_HEADERS,
    GROWTH,
    TREND_KEYS,
    VALUE,
    Briefing,
    FlowLine,
    RankingTable,
    StockLine,
)
from ipdb.figures.numbers import MONEY_UNIT
from ipdb.figures.registry import METRICS_BY_KEY
from ipdb.files import save_file
from ipdb.periods import format_day
from ipdb.vocabulary import GROUP_ZH, NOT_IMPORTED_ZH

HEADING_FONT = "黑体"
DOCX_TOP = 10
SECTIONS = "一二三四五六七"
SUBSECTIONS = ("（一）", "（二）", "（三）", "（四）")
MASTHEAD = "知识产权工作简报"
PBDR_SUCCESSORS = tuple(
    f"w:{tag}"
    for tag in (
        "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
        "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
        "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ).split()
)
MASTHEAD_RED = "FF0000"  # 报头 and the rule under it are red in a government briefing (GB/T 9704 layout)


def write_briefing_docx(briefing: Briefing, path: Path, issued_on: date | None = None) -> Path:
    """Write the briefing as a .docx at ``path`` (folders created) and return the path; ``issued_on`` is the
    date on the masthead (default: today)."""
    from docx import Document

    doc = Document()
    _set_up(doc)
    _masthead(doc, briefing, issued_on or date.today())
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


def _masthead(doc: Any, b: Briefing, issued_on: date) -> None:
    """The 简报 title block: the briefing's name large and red, the issue number, then the issuing office and
    the date on one line over a red rule."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor

    name = doc.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = name.add_run(MASTHEAD)
    run.font.size, run.font.bold = Pt(26), True
    run.font.color.rgb = RGBColor.from_string(MASTHEAD_RED)
    east_asian(run, BODY_FONT)
    issue = doc.add_paragraph()
    issue.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issue.add_run(b.issue).font.size = Pt(14)
    office = doc.add_paragraph()
    office.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    office.add_run(f"{b.issuer}\t{format_day(issued_on)}").font.size = Pt(12)
    _rule_under(office, MASTHEAD_RED)
    office.paragraph_format.space_after = Pt(18)


def _rule_under(paragraph: Any, color: str) -> None:
    """A 1.5-point line under the paragraph (its bottom border), as wide as the text block."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", color)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    # w:pPr is a sequence: the border goes before the tab stops, spacing and alignment (Word rejects it after)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *PBDR_SUCCESSORS)


def _caption(doc: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True  # a caption stays on the page of its table
    paragraph.add_run(text).font.size = Pt(10)


def _body(doc: Any, text: str) -> None:
    """A paragraph of prose, first line indented two characters as in official documents."""
    from docx.shared import Pt

    paragraph = doc.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = Pt(21)
    paragraph.paragraph_format.line_spacing = 1.3


# ---- sections ------------------------------------------------------------------------------------


def _figures(doc: Any, b: Briefing, numeral: str) -> None:
    doc.add_heading(f"{numeral}、主要指标", level=1)
    _caption(doc, f"存量：{b.stock_dates}")
    add_table(doc, b.stock_headers, [_overview_row(s) for s in b.stocks], numeric_from=2, wrap=(0,), size=8)
    _caption(doc, f"流量：{b.flow_periods}")
    add_table(doc, FLOW_HEADERS, [_overview_row(f) for f in b.flows], numeric_from=2, wrap=(0,), size=8)
    _trend(doc, b)


def _trend(doc: Any, b: Briefing) -> None:
    """The quarter ends the trend chart shows, as a table (the workbook's 趋势 sheet)."""
    _caption(doc, f"近{len(b.trend)}个季度末的存量")
    headers = ("季度", "季度末", *(METRICS_BY_KEY[key].short_name for key in TREND_KEYS))
    rows = [
        (
            p.quarter,
            p.as_of.isoformat(),
            *(
                NOT_IMPORTED_ZH if v is None else number(v, "件")
                for v in (p.invention_patents, p.trademarks_registered)
            ),
        )
        for p in b.trend
    ]
    add_table(doc, headers, rows, numeric_from=2, wrap=(), size=9)
    _charts(doc, b)


def _charts(doc: Any, b: Briefing) -> None:
    """The workbook's charts as inline images, each centred in a paragraph of its own."""
    import io

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    for image in chart_images(b):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_together = True
        paragraph.add_run().add_picture(io.BytesIO(image.png), width=Cm(WIDTH_CM))


def _overview_row(line: StockLine | FlowLine) -> tuple[str, ...]:
    u = line.unit
    shown = {
        VALUE: lambda v: number(v, u),
        CHANGE: lambda v: number(v, u, signed=True),
        GROWTH: percent,
    }
    return (_indented(line.name, line.level), u, *(shown[role](v) for v, role in line.cells()))


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
    add_table(
        doc,
        headers,
        rows or [("", "（本期无数据）", "", "", "", "")],
        numeric_from=2,
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
    add_table(
        doc,
        ("序号", "出质人", "质权人", "金额（万元）", "登记日", "登记号", "质押物件数"),
        loans,
        numeric_from=3,
        wrap=(1, 2),
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
    add_table(
        doc,
        ("序号", "申请号", "名称", "权利人", "申请日", "授权日"),
        grants,
        numeric_from=9,
        wrap=(2, 3),
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
    add_table(
        doc,
        ("批次", "文件名", "截至日期", "导入时间", "SHA-256"),
        [
            (str(x.id), x.file_name, x.as_of.isoformat(), x.imported_at.strftime("%Y-%m-%d %H:%M"), x.sha256)
            for x in b.sources
        ],
        numeric_from=9,
        wrap=(1, 4),
        size=7.5,
    )
