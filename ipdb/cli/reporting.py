"""ipdb summary / rank / company / config / templates."""

# Annotations are evaluated here, not strings: Typer reads every command's signature at start-up (ipdb.cli).

from pathlib import Path
from typing import Annotated

import typer

from ipdb.cli import app
from ipdb.cli.options import (
    AsOfOption,
    CompareOption,
    DbPath,
    Format,
    FormatOption,
    OutputOption,
    PeriodOption,
    QuarterOption,
    ReportFormat,
    ReportFormatOption,
    open_db,
)
from ipdb.cli.output import show
from ipdb.cli.render import console

TopOption = Annotated[int, typer.Option("--top", min=1, help="排名列出前几名（正整数）。")]
DocxSwitch = Annotated[bool, typer.Option("--docx/--no-docx", help="是否同时生成 Word 版简报。")]


@app.command("summary")
def summary_command(
    as_of: AsOfOption = None,
    period: PeriodOption = None,
    quarter: QuarterOption = None,
    compare: CompareOption = None,
    output_format: ReportFormatOption = ReportFormat.table,
    output: OutputOption = None,
    db: DbPath = None,
) -> None:
    """全区核心指标：存量截至统计截止日，流量按统计期间，附口径说明和对比。

    示例：ipdb summary --quarter 2026Q3\n
    示例：ipdb summary --as-of 2026-09-30 --compare 2025-12-31 --format json
    """
    from ipdb.cli.tables import summary_tables
    from ipdb.figures.as_json import summary_json
    from ipdb.figures.exports import export_summary
    from ipdb.figures.summary import summarize
    from ipdb.windows import resolve_window

    window = resolve_window(as_of, period, quarter, compare, default_compare=output_format is ReportFormat.table)
    store = open_db(db)
    summary = summarize(store, window)
    _warn_if_empty(store)
    show(
        output_format,
        table=lambda: summary_tables(summary),
        json=lambda: summary_json(summary, with_previous=compare is not None),
        export=lambda fmt, path: export_summary(summary, fmt, path),
        output=output,
    )


@app.command("rank")
def rank_command(
    metric: Annotated[
        str,
        typer.Argument(
            help="指标：英文键或中文名，如 invention_patents、发明专利、注册商标、质押融资。", show_default=False
        ),
    ],
    as_of: AsOfOption = None,
    period: PeriodOption = None,
    quarter: QuarterOption = None,
    by: Annotated[
        str, typer.Option("--by", help="排名对象：enterprise（企业）、town（街道/镇）或 industry（行业）。")
    ] = "enterprise",
    top: Annotated[int, typer.Option("--top", min=1, help="列出前 N 名。")] = 20,
    compare: CompareOption = None,
    output_format: ReportFormatOption = ReportFormat.table,
    output: OutputOption = None,
    db: DbPath = None,
) -> None:
    """企业、街道或行业排名，并列同名次、按名称排序；给出 --compare 时显示上期数值、名次变化（↑↓、新进）。

    示例：ipdb rank 发明专利 --quarter 2026Q3 --compare 2026Q2\n
    示例：ipdb rank pledge_amount --as-of 2026-09-30 --period 2026 --by town --format json
    """
    from ipdb.cli.tables import ranking_table
    from ipdb.figures.as_json import ranking_json
    from ipdb.figures.exports import export_ranking
    from ipdb.figures.rankings import rank_window
    from ipdb.windows import resolve_window

    window = resolve_window(as_of, period, quarter, compare)
    ranking = rank_window(open_db(db), metric, window, by=_by(by), top=top)
    show(
        output_format,
        table=lambda: [ranking_table(ranking)],
        json=lambda: ranking_json(ranking),
        export=lambda fmt, path: export_ranking(ranking, fmt, path),
        output=output,
    )


def _warn_if_empty(store) -> None:  # type: ignore[no-untyped-def]
    from ipdb.batches import list_batches
    from ipdb.cli.render import err_console

    if not list_batches(store):
        err_console.print(
            f"注意：数据库「{store.path}」中还没有导入任何清单，所有数字都是 0。请先用 ipdb import 导入。"
        )


def _by(by: str) -> str:
    from ipdb.errors import BadOption

    words = {
        "enterprise": "enterprise",
        "企业": "enterprise",
        "town": "town",
        "街道": "town",
        "镇街": "town",
        "industry": "industry",
        "行业": "industry",
    }
    if by.strip().lower() not in words:
        from ipdb.vocabulary import closest

        raise BadOption(
            f"--by 应为 enterprise（企业）、town（街道）或 industry（行业），收到的是「{by}」{closest(by, words)}。"
        )
    return words[by.strip().lower()]


@app.command("company")
def company_command(
    name_or_code: Annotated[str, typer.Argument(help="企业名称（含曾用名）或统一社会信用代码。", show_default=False)],
    as_of: AsOfOption = None,
    within: Annotated[
        str, typer.Option("--within", help="近期到期提醒的提前量，如 6m、90d、1y（同 ipdb due）。")
    ] = "6m",
    output_format: FormatOption = Format.table,
    db: DbPath = None,
) -> None:
    """一家企业截至某日的知识产权概况：名称与曾用名、街道、行业、各类有效权利件数、专利和商标清单、荣誉、项目、质押融资，以及近期到期提醒（同 ipdb due）。

    示例：ipdb company 杭州云溪智能装备股份有限公司 --as-of 2026-09-30
    """
    from ipdb.cli.jsontext import lazy_asdict
    from ipdb.cli.tables import portfolio_tables
    from ipdb.figures.portfolio import company_portfolio
    from ipdb.windows import resolve_window

    portfolio = company_portfolio(open_db(db), name_or_code, resolve_window(as_of).as_of, within)
    show(output_format, table=lambda: portfolio_tables(portfolio, within), json=lambda: lazy_asdict(portfolio))


@app.command("templates")
def templates_command(
    folder: Annotated[Path, typer.Argument(help="模板写入的文件夹。")] = Path("imports/templates"),
) -> None:
    """按各类清单的字段定义生成空白导入模板（每类一个 xlsx，含填写说明）。

    示例：ipdb templates
    """
    from ipdb.templates import write_templates

    written = write_templates(folder)
    kept = "，其余模板没有变化，未改动" if written else "：所有模板都没有变化，未改动"
    console.print(f"已在「{folder}」写入 {len(written)} 个空白模板{kept}。")


@app.command("run")
def run_command(
    folder: Annotated[
        Path, typer.Argument(help="本季度的收件夹（其中可放 导入说明.csv），如 imports/2026Q3。", show_default=False)
    ],
    quarter: QuarterOption = None,
    top: TopOption = 10,
    docx: DocxSwitch = True,
    db: DbPath = None,
) -> None:
    """季度主流程：导入收件夹中的全部表格，打印核心指标和排名（对比上季度末），在 reports/ 写出季度简报。

    不指定 --quarter 时取今天之前最近一个已结束的季度。重复运行不会重复导入。想先看看演示数据：ipdb demo。

    示例：ipdb run imports/demo --quarter 2026Q3
    """
    from datetime import date

    from ipdb.quarterly import last_complete_quarter

    _run(open_db(db, write=True), folder, quarter or last_complete_quarter(date.today()), top, docx)


DEMO_QUARTER = "2026Q3"  # the quarter the demo district's files describe


@app.command("demo")
def demo_command(
    top: TopOption = 10,
    docx: DocxSwitch = True,
    db: Annotated[
        Path, typer.Option("--db", help="演示数据库文件（与正式数据库分开）。", show_default="demo.sqlite")
    ] = Path("demo.sqlite"),
) -> None:
    """演示：把虚构的演示区数据（imports/demo）导入单独的演示数据库 demo.sqlite（不碰正式数据库），运行一次 2026 年第三季度的主流程。

    示例：ipdb demo
    """
    from ipdb.quarterly import demo_folder

    _run(open_db(db, write=True), demo_folder(), DEMO_QUARTER, top, docx)
    console.print(
        f"以上是虚构的演示区数据，已导入演示数据库「{db}」，正式数据库没有改动。"
        f"继续查看演示数据：ipdb summary --quarter {DEMO_QUARTER}"
    )


def _run(store, folder: Path, quarter: str, top: int, docx: bool) -> None:  # type: ignore[no-untyped-def]
    from ipdb.cli.render import import_progress, print_import_reports
    from ipdb.cli.tables import ranking_table, summary_tables
    from ipdb.quarterly import run_quarter

    with import_progress(enabled=True) as on_progress:
        result = run_quarter(store, folder, quarter, top=top, docx=docx, on_progress=on_progress)
    print_import_reports(result.reports)
    for part in summary_tables(result.summary):
        console.print(part)
    for ranking in result.rankings:
        console.print(ranking_table(ranking))
    console.print(f"已写入季度简报：{result.workbook}", markup=False)
    if result.document:
        console.print(f"已写入 Word 版：{result.document}", markup=False)
    if any(r.error for r in result.reports):
        raise typer.Exit(1)
