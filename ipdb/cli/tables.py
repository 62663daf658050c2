"""Rich tables for figures, rankings and one enterprise's portfolio (fit 80 columns; CJK aligned)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ipdb.cli.hints import quoted
from ipdb.cli.layout import Col, fitted_table
from ipdb.cli.render import new_table
from ipdb.cli.streamed import rows_table
from ipdb.figures.numbers import MONEY_UNIT
from ipdb.figures.rankings import Ranking
from ipdb.figures.summary import Summary
from ipdb.periods import format_day
from ipdb.vocabulary import GROUP_SHORT_ZH, NOT_IMPORTED_ZH, REGISTER_ZH

if TYPE_CHECKING:  # the portfolio's module reads through SQLAlchemy: summary and rank do not load it
    from ipdb.figures.portfolio import Portfolio, PortfolioRight

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"  # the circled numbers a GBK (code page 936) console can print; then (11), (12)…


def number(value: Any, unit: str = "", signed: bool = False) -> str:
    if value is None:
        return "—"
    if unit == MONEY_UNIT or isinstance(value, float):
        text = f"{value:+,.2f}" if signed else f"{value:,.2f}"
    else:
        text = f"{value:+,}" if signed else f"{value:,}"
    return text


def _shown(value: Any, missing: bool, unit: str) -> str:
    """未导入 for a figure no import covers (never 0); else the number."""
    return NOT_IMPORTED_ZH if missing else number(value, unit)


def summary_tables(summary: Summary) -> Iterator[RenderableType]:
    window = summary.window
    compared = f"；上期：{format_day(window.compare)}" if window.compare else ""
    title = f"全区知识产权核心指标（存量截至{format_day(window.as_of)}；流量：{window.period.label}{compared}）"
    columns = ["指标", "单位", "本期"]
    if window.compare:
        columns += ["上期", "增减"]
    if window.year_to_date:
        columns.append("当年累计")
    table = new_table(title, *columns, numeric=columns[2:])
    table.min_width = 78
    for index, row in enumerate(summary.rows):
        f = row.figure
        cells = [f"{_mark(index)}{f.name.split('（')[0]}", f.unit, _shown(f.value, f.missing, f.unit)]
        if window.compare:
            cells += [_shown(row.previous, row.previous_missing, f.unit), number(row.change, f.unit, signed=True)]
        if window.year_to_date:
            cells.append(_shown(row.year_to_date, row.year_to_date_missing, f.unit) if f.kind == "flow" else "")
        table.add_row(*cells)
    yield table
    notes = Table.grid(padding=(0, 1))
    notes.add_column(no_wrap=True)
    notes.add_column(overflow="fold")
    for index, row in enumerate(summary.rows):
        earlier = f"上期：{row.previous_cover}" if row.previous_cover else ""
        said = "；".join(n for n in (row.figure.note, earlier) if n)
        note = f"（{said}）" if said else ""
        notes.add_row(_mark(index), f"{row.figure.name}：{row.figure.basis}{note}")
    yield Text("口径：", style="bold")
    yield notes
    yield Text("")
    yield Text(summary.sentence, style="bold", overflow="fold")


def _mark(index: int) -> str:
    return CIRCLED[index] if index < len(CIRCLED) else f"({index + 1})"


def ranking_table(ranking: Ranking) -> RenderableType:
    when = f"截至{format_day(ranking.as_of)}" if ranking.period is None or _is_stock(ranking) else ranking.period.label
    compare = f"， 对比{format_day(ranking.compare_as_of)}" if ranking.compare_as_of else ""
    title = f"{ranking.name}{GROUP_SHORT_ZH[ranking.by]}排名 （{when}{compare}； 单位：{ranking.unit}）"
    columns = [Col("名次", "number"), Col(GROUP_SHORT_ZH[ranking.by], "name", min_width=28), Col("数值", "number")]
    if ranking.compare_as_of:
        columns += [
            Col("上期", "number", drop=1),
            Col("上期名次", "number", drop=2),
            Col("增减", "number"),
            Col("变化"),
        ]
    rows = []
    for row in ranking.rows:
        cells = [str(row.rank), row.name, number(row.value, ranking.unit)]
        if ranking.compare_as_of:
            cells += [
                number(row.previous_value, ranking.unit),
                str(row.previous_rank or "—"),
                number(row.change, ranking.unit, signed=True),
                row.movement,
            ]
        rows.append(cells)
    for row in ranking.dropped:
        rows.append(
            [
                "",
                f"[dim]{row.name}[/]",
                number(row.value, ranking.unit),
                number(row.previous_value, ranking.unit),
                str(row.previous_rank or "—"),
                number(row.change, ranking.unit, signed=True),
                "出榜",
            ]
        )
    table = fitted_table(title, columns, rows)
    if ranking.note:
        table.caption = f"（{NOT_IMPORTED_ZH}：{ranking.note}）" if not ranking.rows else f"（{ranking.note}）"
    elif not ranking.rows:
        table.caption = "（没有数值大于 0 的对象：请检查是否已导入相应清单和企业名录）"
    return table


def _is_stock(ranking: Ranking) -> bool:
    from ipdb.figures.registry import METRICS_BY_KEY

    return METRICS_BY_KEY[ranking.metric].kind == "stock"


STATUS_STYLE = {"有效": "green", "审中": "yellow", "失效": "dim"}


def portfolio_tables(p: Portfolio, within: str = "6m") -> Iterator[RenderableType]:
    former = f"；曾用名：{'、'.join(p.former_names)}" if p.former_names else ""
    yield Text(f"{p.name}（{p.credit_code or '无信用代码'}）", style="bold")
    yield Text(f"截至{format_day(p.as_of)}；所属街道：{p.town or '未注明'}；行业：{p.industry or '未注明'}{former}")
    c = p.counts
    counts = new_table(
        "有效权利（件）",
        "发明",
        "实用新型",
        "外观设计",
        "注册商标",
        "马德里",
        numeric=("发明", "实用新型", "外观设计", "注册商标", "马德里"),
    )
    kinds = ("patents", "patents", "patents", "trademarks", "madrid")
    values = (c.inventions, c.utility_models, c.designs, c.trademarks, c.madrid)
    counts.add_row(*(NOT_IMPORTED_ZH if k in p.not_imported else f"{n:,}" for k, n in zip(kinds, values, strict=True)))
    yield counts
    for title, rights in (("专利", p.patents), ("商标", p.trademarks), (REGISTER_ZH["madrid"], p.madrid)):
        if rights:
            table = new_table(
                f"{title}（{len(rights)} 件，新的在前）", "号码", "名称", "类型", "状态", "申请日", "授权/注册日"
            )
            yield rows_table(table, rights, _right_cells)
    yield from _programme_tables(p)
    yield from _deadline_tables(p, within)


def _right_cells(r: PortfolioRight) -> tuple[str, ...]:
    status = f"[{STATUS_STYLE.get(r.status, '')}]{r.status}[/]"
    return r.number, r.title or "", r.category, status, _day(r.filing_date), _day(r.granted_on)


# The terminal portfolio shows the soonest deadlines only: an enterprise with tens of thousands of them (1M-patent
# district) took 26 s of Rich layout for a screen nobody reads; JSON keeps them all, ipdb due --company lists them.
SHOWN_DEADLINES = 50


def _deadline_tables(p: Portfolio, within: str) -> Iterator[RenderableType]:
    if not p.deadlines:
        return
    shown = p.deadlines[:SHOWN_DEADLINES]
    title = f"近期到期提醒（{len(p.deadlines)} 条" + (
        f"，到期最早的 {len(shown)} 条）" if len(shown) < len(p.deadlines) else "）"
    )
    table = new_table(title, "到期日", "剩余天数", "号码", "名称", "办理事项", numeric=("剩余天数",))
    for d in shown:
        table.add_row(_day(d.deadline), str(d.days_left), " ".join(x for x in (d.number, d.category) if x),
                      d.title, d.action)  # fmt: skip
    yield table
    if len(shown) < len(p.deadlines):
        who = p.credit_code or quoted(p.name)  # a name may hold ASCII brackets or spaces: the shell must keep it whole
        yield (
            f"另有 {len(p.deadlines) - len(shown):,} 条到期事项未列出。完整清单："
            f"ipdb due --as-of {p.as_of.isoformat()} --within {within} --company {who} --format xlsx"
        )


def _programme_tables(p: Portfolio) -> Iterator[RenderableType]:
    if p.designations:
        table = new_table("荣誉与认证", "类别", "级别", "认定日期", "有效期至", "当前")
        for d in p.designations:
            table.add_row(d.category, d.level, _day(d.designated_on), _day(d.valid_until), "是" if d.current else "否")
        yield table
    if p.projects:
        table = new_table("项目", "名称", "类型", "级别", "年度", "状态")
        for j in p.projects:
            table.add_row(j.name, j.program, j.level, str(j.approval_year), j.status)
        yield table
    if p.loans:
        table = new_table(
            "质押融资", "登记日", "金额（万元）", "质权人", "登记号", "质押件数", numeric=("金额（万元）", "质押件数")
        )
        for loan in p.loans:
            table.add_row(
                _day(loan.registered_on),
                f"{loan.amount:,.2f}",
                loan.pledgee or "",
                loan.registration_no or "",
                str(loan.rights),
            )
        yield table


def _day(value: Any) -> str:
    return value.isoformat() if value else ""
