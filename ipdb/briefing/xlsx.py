"""Write a Briefing as a finished workbook: Chinese sheets, CJK font, number formats, native charts, A4 print.

Every sheet starts with the briefing's title (row 1) and a caption (row 2); tables put their header on
row 3, which is frozen and repeated on every printed page (``ipdb.briefing.sheet``); the charts are in
``ipdb.briefing.charts``. The file is saved whole or not at all (``ipdb.files.save_file``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len

from ipdb.briefing.charts import add_charts
from ipdb.briefing.due_sheet import write_due_sheet
from ipdb.briefing.model import CHANGE, FLOW_HEADERS, GROWTH, TOP, TREND_KEYS, VALUE, Briefing, FlowLine, StockLine
from ipdb.briefing.sheet import (
    COUNT,
    DAY,
    MONEY,
    NOT_AVAILABLE,
    PERCENT,
    SheetWriter,
    default_font,
    font,
    formats,
)
from ipdb.figures.registry import METRICS_BY_KEY
from ipdb.files import save_file
from ipdb.periods import format_day
from ipdb.vocabulary import KIND_ZH

NUMERALS = "一二三四五六七八九十"


def write_briefing_xlsx(briefing: Briefing, path: Path) -> Path:
    """Write the briefing workbook to ``path`` (folders created) and return the path."""
    from openpyxl import Workbook

    book = Workbook()
    default_font(book)
    book.remove(book.active)
    overview = _overview(book, briefing)
    enterprise = _rankings(book, briefing, "企业排名", "enterprise", ("排名", "企业名称", "统一社会信用代码"))
    town = _rankings(book, briefing, "街道排名", "town", ("排名", "街道/镇"))
    _rankings(book, briefing, "行业排名", "industry", ("排名", "行业"))
    _loans(book, briefing)
    _grants(book, briefing)
    write_due_sheet(book, briefing)
    trend = _trend(book, briefing)
    _definitions(book, briefing)
    _sources(book, briefing)
    add_charts(overview, briefing, trend, enterprise, town)
    return save(book, path)


def save(book: Any, path: Path) -> Path:
    return save_file(path, book.save)


# ---- sheets --------------------------------------------------------------------------------------


def _overview(book: Any, b: Briefing) -> SheetWriter:
    caption = (
        f"统计截止日：{format_day(b.as_of)}　当季：{format_day(b.period.start)}至{format_day(b.period.end)}"
        f"　当年累计：{b.to_date.label}"
    )
    w = SheetWriter(book, "概览", b, 8, caption)
    w.blank()
    w.section("一、总体情况")
    for sentence in (*b.sentences, b.due_sentence):
        if sentence:
            w.text(sentence)
    w.blank()
    _stocks(w, b)
    w.blank()
    w.page_break()  # each table whole on a page of its own: the overview prints titles only (rows 1-2)
    _flows(w, b)
    for note in b.notes:
        w.text(f"注意：{note}", size=10)
    w.blank()
    w.section("四、图表")
    w.finish(frozen=2, portrait=True)  # portrait: the prose and the 18 stock lines fit the first page
    return w


def _stocks(w: SheetWriter, b: Briefing) -> None:
    w.section(f"二、存量指标（{b.stock_dates}）")
    w.header(b.stock_headers)
    for s in b.stocks:
        _overview_row(w, s)


def _flows(w: SheetWriter, b: Briefing) -> None:
    w.section(f"三、流量指标（{b.flow_periods}）")
    w.header(FLOW_HEADERS)
    for f in b.flows:
        _overview_row(w, f)


def _overview_row(w: SheetWriter, line: StockLine | FlowLine) -> None:
    value, delta = formats(line.unit)
    number_format = {VALUE: value, CHANGE: delta, GROWTH: PERCENT}
    cells = line.cells()
    w.add(
        (line.name, line.unit, *(_rounded(v) if role == GROWTH else v for v, role in cells)),
        (None, None, *(number_format[role] for _, role in cells)),
        indent=2 * line.level,
    )


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
        value, delta = formats(table.ranking.unit)
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


def _rounded(rate: object) -> object:
    """A growth rate shown as 0.0%; rounded so that autosize (which measures str(value)) keeps the column narrow."""
    return round(rate, 4) if isinstance(rate, float) else rate


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
        cell.font = font(bold=True)
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
        book,
        "口径说明",
        b,
        5,
        "每个数字的口径、截止日或统计期间，以及计算它所用的导入批次（批次编号见“导入批次”工作表）",
    )
    w.header(("指标", "口径", "截止日/统计期间", "补充说明", "来源批次"))
    whens = [d.when.replace("；", "；\n") for d in b.definitions]  # one phrase a line: a date never breaks
    for d, when in zip(b.definitions, whens, strict=True):
        w.add((d.name, d.definition, when, d.note, "、".join(map(str, d.batch_ids)) or NOT_AVAILABLE))
    when_width = max((cell_len(line) for when in whens for line in when.split("\n")), default=10) + 2
    w.finish(wrap={1: 22, 2: 40, 3: when_width, 4: 36})


def _sources(book: Any, b: Briefing) -> None:
    """The import batches behind the figures, on a sheet of their own (their header is not 口径说明's)."""
    w = SheetWriter(
        book, "导入批次", b, 7, "口径说明中“来源批次”的编号所指的导入批次：文件名、截至日期、导入时间和校验值"
    )
    w.header(("批次", "文件名", "清单类型", "截至日期", "完整快照", "导入时间", "SHA-256"))
    for batch in b.sources:
        w.add(
            (
                batch.id,
                batch.file_name,
                KIND_ZH.get(batch.kind, batch.kind),
                batch.as_of,
                "是" if batch.snapshot else "否",
                batch.imported_at.replace(tzinfo=None, microsecond=0),
                batch.sha256,
            ),
            (COUNT, None, None, DAY, None, "yyyy-mm-dd hh:mm:ss", None),
        )
    w.finish(wrap={2: 30})
    w.sheet.column_dimensions["G"].width = 66  # the whole 64-digit hash on one line
