"""ipdb import / batches / rejects / unmatched / left / history."""

# Annotations are evaluated here, not strings: Typer reads every command's signature at start-up (ipdb.cli).

from pathlib import Path
from typing import Annotated

import typer

from ipdb.cli import app
from ipdb.cli.options import AsOfOption, DbPath, Format, FormatOption, OutputOption, open_db
from ipdb.cli.output import show, show_rows
from ipdb.cli.render import console, err_console
from ipdb.kind_names import kind_choices


def _pairs(values: list[str], option: str) -> dict[str, str]:
    from ipdb.errors import BadOption

    pairs = {}
    for value in values:
        head, sep, tail = value.replace("＝", "=").partition("=")
        if not sep or not head.strip() or not tail.strip():
            raise BadOption(f"{option} 的写法应为 表头=值，例如 {option} 类别=贯标；收到的是「{value}」。")
        pairs[head.strip()] = tail.strip()
    return pairs


@app.command("import")
def import_command(
    files: Annotated[
        list[Path], typer.Argument(help="要导入的文件或文件夹（文件夹：导入其中所有表格文件）。", show_default=False)
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help=f"清单类型（不填则按表头自动识别），中文或英文均可：{kind_choices()}；也可写 专利、商标、企业 等简称。",
        ),
    ] = None,
    as_of: AsOfOption = None,
    set_: Annotated[list[str], typer.Option("--set", help="为每一行补上一列：表头=值，如 --set 类别=贯标。")] = [],  # noqa: B006
    map_: Annotated[
        list[str], typer.Option("--map", help="说明未知表头对应的字段：原表头=字段，如 --map 专利号码=申请号。")
    ] = [],  # noqa: B006
    snapshot: Annotated[
        bool, typer.Option("--snapshot", help="这些文件是该类登记簿截至 --as-of 的完整快照（未列出的权利视为已离开）。")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只检查并报告，不写入数据库。")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="表中有未识别的列时不导入该文件（供脚本使用；默认只在报告中列出）。")
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects",
            help="把本次各文件的问题行（拒收、警告、跳过）整行导出到 xlsx（同 ipdb rejects --warnings -o），"
            "未能导入的文件和 --dry-run 也导出，不写入数据库；改正后可重新导入。",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = Format.table,
    db: DbPath = None,
) -> None:
    """导入清单文件（xlsx、xls、csv），每个文件要么全部导入，要么完全不导入。

    示例：ipdb import imports/demo/专利清单_2026Q3.xlsx --snapshot\n
    示例：ipdb import imports/demo/贯标企业名单_无类别列.xlsx --kind designations --set 类别=贯标 --as-of 2026-09-30
    """
    from ipdb.cli.render import import_progress, import_report_parts
    from ipdb.importers.pipeline import ImportOptions
    from ipdb.inbox import import_paths, not_spreadsheets
    from ipdb.kind_names import resolve_kind
    from ipdb.periods import parse_day

    options = ImportOptions(
        kind=resolve_kind(kind),
        as_of=parse_day(as_of, what="清单截止日期") if as_of else None,
        snapshot=snapshot,
        dry_run=dry_run,
        strict=strict,
        sets=_pairs(set_, "--set"),
        maps=_pairs(map_, "--map"),
    )
    store = open_db(db, write=True)
    with import_progress(enabled=output_format is Format.table) as on_progress:
        reports = import_paths(store, files, options, on_progress)
    show(
        output_format,
        table=lambda: import_report_parts(reports, exported=rejects is not None),
        json=lambda: [_report_json(r) for r in reports],
    )
    if rejects is not None:
        _export_rejects(store, reports, rejects, json_out=output_format is Format.json)
    for name in not_spreadsheets(files, reports):
        err_console.print(f"「{name}」不是表格文件（.xlsx、.xls、.csv），已跳过。", markup=False)
    if any(r.error for r in reports) or not reports:
        raise typer.Exit(1)


def _export_rejects(store, reports, path: Path, *, json_out: bool) -> None:  # type: ignore[no-untyped-def]
    """The problem rows of every file (a repeated file's from the batch it repeats), stored or not."""
    from ipdb.batches import list_rejects, report_rejects
    from ipdb.reject_workbook import export_rejects

    rows = report_rejects([r for r in reports if r.repeat_of is None])
    rows += [row for r in reports if r.repeat_of is not None for row in list_rejects(store, r.repeat_of, warnings=True)]
    written = export_rejects(rows, path)
    said = err_console if json_out else console  # stdout holds the JSON alone
    said.print(f"已把 {len({(r.file, r.sheet, r.row) for r in rows})} 行问题行写入「{written}」。")


def _report_json(report) -> dict:  # type: ignore[no-untyped-def]
    data = report.to_json()
    data.pop("issues")
    return data


@app.command("batches")
def batches_command(output_format: FormatOption = Format.table, db: DbPath = None) -> None:
    """列出历次导入（批次）：文件、类型、截止日、行数及结果。

    示例：ipdb batches
    """
    from ipdb.batches import list_batches
    from ipdb.cli.render import batches_table

    show_rows(output_format, list_batches(open_db(db)), batches_table)


@app.command("rejects")
def rejects_command(
    batch: Annotated[int | None, typer.Argument(help="批次编号（不填：所有批次）。", show_default=False)] = None,
    output: OutputOption = None,
    warnings: Annotated[
        bool, typer.Option("--warnings", help="同时列出警告（行已导入，但有值得核对的地方）。")
    ] = False,
    output_format: FormatOption = Format.table,
    db: DbPath = None,
) -> None:
    """列出被拒收的行（文件、工作表、行号、列、原值、原因）；-o 导出为 Excel：每行按原文件的表头整行写出，
    另加 原文件、工作表、原行号、原因 四列，改正后可直接用 ipdb import 重新导入。

    示例：ipdb rejects 5 -o reports/拒收行.xlsx\n
    示例：ipdb import reports/拒收行.xlsx --kind patents --dry-run
    """
    from dataclasses import asdict

    from ipdb.batches import list_rejects
    from ipdb.cli.render import rejects_table
    from ipdb.reject_workbook import export_rejects

    rows = list_rejects(open_db(db), batch, warnings=warnings)
    if output is not None:
        export_rejects(rows, output)
        console.print(f"已把 {len({(r.batch_id, r.sheet, r.row) for r in rows})} 行写入「{output}」。")
        return
    show(
        output_format,
        table=lambda: [rejects_table(rows)],
        json=lambda: [
            {k: v for k, v in asdict(r).items() if k not in ("batch_id", "cells")} | {"batch": r.batch_id} for r in rows
        ],
    )


@app.command("unmatched")
def unmatched_command(output_format: FormatOption = Format.table, db: DbPath = None) -> None:
    """列出与企业名录中任何企业都对不上的权利人（及其权利件数），便于补充企业名录或曾用名。

    示例：ipdb unmatched
    """
    from ipdb.batches import list_unmatched
    from ipdb.cli.render import unmatched_table

    show_rows(output_format, list_unmatched(open_db(db)), unmatched_table)


@app.command("left")
def left_command(
    kind: Annotated[str, typer.Option("--kind", "-k", help="登记簿：patents、trademarks 或 madrid。")] = "patents",
    as_of: AsOfOption = None,
    output_format: FormatOption = Format.table,
    db: DbPath = None,
) -> None:
    """列出在某次完整快照（--snapshot）中不再出现、因而离开登记簿的权利及其最后的权利人。

    示例：ipdb left --kind patents --as-of 2026-09-30
    """
    from ipdb.cli.render import left_table
    from ipdb.errors import BadOption
    from ipdb.history import left_register
    from ipdb.kind_names import REGISTER_KINDS, resolve_kind
    from ipdb.periods import parse_day

    resolved = resolve_kind(kind)
    if resolved not in REGISTER_KINDS or as_of is None:
        raise BadOption("ipdb left 需要 --kind patents|trademarks|madrid 和 --as-of 快照日期。")
    rows = left_register(open_db(db), resolved, parse_day(as_of, what="快照日期"))
    show_rows(output_format, rows, lambda rows: left_table(rows, resolved, as_of))


@app.command("history")
def history_command(
    number: Annotated[str, typer.Argument(help="专利申请号（任何写法）或商标注册号。", show_default=False)],
    output_format: FormatOption = Format.table,
    db: DbPath = None,
) -> None:
    """显示一件专利或商标在历次导入中的记录：截止日、来源文件、状态、权利人，以及何时离开登记簿。

    示例：ipdb history ZL201211507339.8
    """
    from dataclasses import asdict

    from ipdb.cli.render import history_tables
    from ipdb.history import right_history

    found = right_history(open_db(db), number)
    show(output_format, table=lambda: history_tables(found), json=lambda: [asdict(h) for h in found])


@app.command("undo")
def undo_command(
    batch: Annotated[int, typer.Argument(help="要撤销的批次编号（见 ipdb batches）。", show_default=False)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="不再询问，直接撤销（供脚本使用）。")] = False,
    db: DbPath = None,
) -> None:
    """撤销一次导入：删除该批次带入的登记记录、清单行、拒收行，恢复它覆盖的旧数据，各日期的数字回到导入之前。

    不加 --yes 时先列出将删除的内容并询问。退出码：0 已撤销；1 没有该批次或未确认。

    示例：ipdb undo 7\n
    示例：ipdb undo 8 --yes
    """
    from ipdb.cli.render import undo_text
    from ipdb.undo import undo_import, undo_preview

    store = open_db(db, write=True)
    if not yes:
        console.print(undo_text(undo_preview(store, batch), done=False))
        try:
            confirmed = typer.confirm("确定撤销吗？", default=False)
        except typer.Abort:
            confirmed = False
        if not confirmed:
            console.print("已取消：数据库未做任何更改。")
            raise typer.Exit(1)
    console.print(undo_text(undo_import(store, batch), done=True))
