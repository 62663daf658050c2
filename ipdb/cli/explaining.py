"""ipdb explain: the rows behind a figure, its near misses, and a published figure reconciled."""

# Annotations are evaluated here, not strings: Typer reads every command's signature at start-up (ipdb.cli).

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import RenderableType
from rich.markup import escape
from rich.text import Text

from ipdb.cli import app
from ipdb.cli.options import (
    AsOfOption,
    DbPath,
    OutputOption,
    PeriodOption,
    QuarterOption,
    ReportFormat,
    ReportFormatOption,
    open_db,
)
from ipdb.cli.output import show
from ipdb.cli.render import new_table

if TYPE_CHECKING:
    from ipdb.figures.explain import ExplainRow, Explanation, Scope

# A terminal list is for reading: beyond this many rows it shows its first rows and the command that writes them
# all to a workbook (at 1M patents the whole table of 发明专利 was 290k rows and 80 s of layout nobody reads).
SHOWN_ROWS = 200

ScopeOption = Annotated[str | None, typer.Option(show_default=False)]


@app.command("explain")
def explain_command(
    metric: Annotated[
        str, typer.Argument(help="指标：英文键或中文名，如 invention_patents、发明专利。", show_default=False)
    ],
    as_of: AsOfOption = None,
    period: PeriodOption = None,
    quarter: QuarterOption = None,
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", help="只看一家企业（名称或信用代码）。", show_default=False)
    ] = None,
    town: Annotated[str | None, typer.Option("--town", help="只看一个街道/镇。", show_default=False)] = None,
    industry: Annotated[str | None, typer.Option("--industry", help="只看一个行业。", show_default=False)] = None,
    near: Annotated[bool, typer.Option("--near", help="同时列出按相近口径会计入的权利及其未计入原因。")] = False,
    published: Annotated[
        float | None,
        typer.Option(
            "--published", help="上级公布的数字：与本系统的数字核对，并按未计入原因分组。", show_default=False
        ),
    ] = None,
    output: OutputOption = None,
    output_format: ReportFormatOption = ReportFormat.table,
    db: DbPath = None,
) -> None:
    """一个数字背后的明细：逐条列出计入的权利（或贷款、项目、企业）及其权利人、企业、街道、状态、日期和来源文件。

    --near 另列按相近口径会计入的（审中、无失效日的失效、快照中已离开、权利人不在名录、一年内满10年、截止日后授权、期间外）；
    --published N 与公布的数字核对。

    示例：ipdb explain invention_patents --quarter 2026Q3 --near\n
    示例：ipdb explain 发明专利 --as-of 2026-09-30 --published 150 -o reports/发明专利核对.xlsx
    """
    from ipdb.figures.explain import Scope, explaining, resolve_explained
    from ipdb.figures.explain_sheets import explanation_json, export_explanation
    from ipdb.windows import resolve_window

    window = resolve_window(as_of, period, quarter)
    key = resolve_explained(metric)  # a wrong metric opens no store
    scope = Scope(enterprise, town, industry)
    if output is not None and output_format is ReportFormat.table:
        output_format = ReportFormat.csv if output.suffix.lower() == ".csv" else ReportFormat.xlsx
    store, day, span = open_db(db), window.as_of, window.period
    with explaining(store, key, as_of=day, period=span, scope=scope, near=near, published=published) as e:
        show(  # the rows are read as they are written, inside the one read transaction
            output_format,
            table=lambda: explanation_tables(e, _export_hint(e, scope, near=near)),
            json=lambda: explanation_json(e, near=near),
            export=lambda fmt, path: export_explanation(e, fmt, path),
            output=output,
        )


def explanation_tables(e: "Explanation", hint: str) -> Iterator[RenderableType]:
    """The figure and its holder groups, the counted and near-miss lists (their first SHOWN_ROWS rows, then
    ``hint``: the command that writes them all), and the reconciliation."""
    from ipdb.figures.explain_sheets import reconciliation_lines
    from ipdb.periods import format_day
    from ipdb.vocabulary import HOLDER_GROUP_ZH

    when = f"截至{format_day(e.as_of)}" if e.figure.kind == "stock" else f"统计期间{e.period.label}"
    value = "未导入" if e.value is None else f"{e.value:g}" if isinstance(e.value, float) else str(e.value)
    yield Text(
        f"{e.figure.name}（{e.scope}，{when}）：{value}{'' if e.value is None else e.figure.unit}；计入 {e.count} 条。"
    )
    groups = "；".join(f"{HOLDER_GROUP_ZH[k]} {n}" for k, n in e.holder_groups.items())
    if groups:
        yield Text(f"按权利人分组：{groups}。")
    for title, total, rows in (
        ("计入", e.count, e.counted_rows),
        ("未计入（相近口径会计入）", sum(e.groups.values()), e.near_rows),
    ):
        shown, more = _first(rows(), SHOWN_ROWS), max(0, total - SHOWN_ROWS)
        if shown:
            yield _rows_table(f"{title}（{total} 条{f'，列出前 {len(shown)} 条' if more else ''}）", shown)
        if more:
            yield f"另有 {more:,} 条未列出。全部明细：{escape(hint)}"
    if e.published is not None or e.groups:
        table = new_table("核对", "项目", "数值", numeric=("数值",))
        for label, n in reconciliation_lines(e):
            table.add_row(label, "" if n is None else f"{n:g}")
        yield table


def _first(rows: "Iterator[ExplainRow]", n: int) -> "list[ExplainRow]":
    """The first ``n`` rows; the query behind them stops there."""
    try:
        return list(islice(rows, n))
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def _rows_table(title: str, rows: "Sequence[ExplainRow]") -> RenderableType:
    """号码, 权利人 (the enterprise when linked), 街道, the deciding dates, and the source file or the reason."""
    from ipdb.cli.streamed import rows_table
    from ipdb.figures.explain import COUNTED
    from ipdb.figures.explain_sheets import row_dates
    from ipdb.vocabulary import NEAR_MISS_ZH

    counted = rows[0].reason == COUNTED
    table = new_table(title, "号码", "权利人", "街道/镇", "日期", "来源" if counted else "原因")
    table.columns[0].no_wrap = True

    def cells(r: "ExplainRow") -> tuple[str, ...]:
        dates = "\n".join(str(v) for v in row_dates(r).values() if v is not None)
        why = _source(r) if counted else NEAR_MISS_ZH.get(r.reason, r.reason)
        return r.number, r.enterprise or r.holders, r.town, dates, why

    return rows_table(table, rows, cells)


def _export_hint(e: "Explanation", scope: "Scope", *, near: bool) -> str:
    """The command that writes this explanation, every row of it, to a workbook."""
    from ipdb.cli.hints import quoted
    from ipdb.figures.explain_sheets import export_path

    words = ["ipdb explain", e.figure.key, "--as-of", e.as_of.isoformat()]
    if e.figure.kind != "stock":
        words += ["--period", f"{e.period.start.isoformat()}..{e.period.end.isoformat()}"]
    for option, value in (("--enterprise", scope.enterprise), ("--town", scope.town), ("--industry", scope.industry)):
        words += [option, quoted(value)] if value is not None else []
    words += ["--near"] if near else []
    words += ["--published", f"{e.published:.15g}"] if e.published is not None else []
    return " ".join([*words, "-o", quoted(str(export_path(e, "xlsx")))])


def _source(row: "ExplainRow") -> str:
    """The file, and the row of it that stated the right (第N行) when the store recorded it."""
    return (row.batch or "") + (f" 第{row.row}行" if row.row is not None else "")
