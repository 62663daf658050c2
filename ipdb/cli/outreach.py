"""ipdb due: the outreach lists (trademark renewals, patent term ends, fees, certificates)."""

# Annotations are evaluated here, not strings: Typer reads every command's signature at start-up (ipdb.cli).

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import RenderableType
from rich.text import Text

from ipdb.cli import app
from ipdb.cli.options import AsOfOption, DbPath, OutputOption, ReportFormat, ReportFormatOption, open_db
from ipdb.cli.output import show
from ipdb.cli.render import new_table

if TYPE_CHECKING:
    from datetime import date

    from ipdb.figures.due import DueItem, DueLists
    from ipdb.store import Store

WithinOption = Annotated[
    str, typer.Option("--within", help="提前量：到期日在统计截止日之后多久以内，如 6m（6个月）、90d、1y。")
]


@app.command("due")
def due_command(
    as_of: AsOfOption = None,
    within: WithinOption = "6m",
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="只列某类：trademarks（商标续展）、patents（专利期限届满）、fees（年费）、certificates（证书）。",
        ),
    ] = None,
    town: Annotated[str | None, typer.Option("--town", help="只列某街道/镇的企业。", show_default=False)] = None,
    company: Annotated[
        str | None,
        typer.Option(
            "--company", help="只列一家企业（名称、曾用名或统一社会信用代码，同 ipdb company）。", show_default=False
        ),
    ] = None,
    output: OutputOption = None,
    output_format: ReportFormatOption = ReportFormat.table,
    db: DbPath = None,
) -> None:
    """近期到期提醒：商标续展（含宽展期）、专利权期限届满、年费滞纳及恢复、贯标证书和示范/优势称号到期，按到期日排序。

    -o 写出工作簿（每类清单一个工作表，可直接发给各街道）；文件名以 .csv 结尾时写 CSV。

    示例：ipdb due --as-of 2026-09-30 --within 6m\n
    示例：ipdb due --as-of 2026-09-30 --kind trademarks --town 城西街道 -o reports/商标续展.xlsx\n
    示例：ipdb due --as-of 2026-09-30 --company 杭州云溪智能装备股份有限公司 -o reports/云溪智能到期提醒.xlsx
    """
    from ipdb.figures.due import due_json, due_lists, parse_horizon, parse_kinds
    from ipdb.figures.due_sheets import export_due
    from ipdb.windows import resolve_window

    day = resolve_window(as_of).as_of
    parse_horizon(within, day), parse_kinds(kind or ())  # a wrong option opens no store
    store = open_db(db)
    lists = due_lists(store, day, within, kinds=kind or (), town=town, company_id=_company_id(store, company, day))
    if output is not None and output_format is ReportFormat.table:
        output_format = ReportFormat.csv if output.suffix.lower() == ".csv" else ReportFormat.xlsx
    show(
        output_format,
        table=lambda: due_tables(lists),
        json=lambda: due_json(lists),
        export=lambda fmt, path: export_due(lists, fmt, path),
        output=output,
    )


def _company_id(store: "Store", company: str | None, day: "date") -> int | None:
    if company is None:
        return None
    from ipdb.figures.portfolio import find_company

    with store.reading() as conn:
        return find_company(conn, company, day)


def due_tables(lists: "DueLists") -> Iterator[RenderableType]:
    """One table per list that has rows; the window said once above them."""
    from ipdb.cli.streamed import rows_table
    from ipdb.figures.due import DUE_KINDS
    from ipdb.figures.due_sheets import NOT_LISTED
    from ipdb.periods import format_day

    yield Text(f"截至{format_day(lists.as_of)}，到期日至{format_day(lists.horizon_end)}：共 {len(lists.items)} 条。")
    for kind, title in DUE_KINDS.items():
        items = lists.of_kind(kind)
        if not items:
            continue
        table = new_table(f"{title}（{len(items)} 条）", "到期日", "剩余天数", "企业", "街道/镇", "号码", "办理事项",
                          numeric=("剩余天数",))  # fmt: skip
        yield rows_table(table, items, partial(_due_cells, NOT_LISTED))


def _due_cells(not_listed: str, i: "DueItem") -> tuple[str, ...]:
    who = i.enterprise if i.linked else f"{i.enterprise}{not_listed}"
    number = " ".join(p for p in (i.number, i.category) if p)
    return i.deadline.isoformat(), str(i.days_left), who, i.town or "", number, i.action
