"""Rich renderers: core dataclasses in, Chinese tables out. Rich measures CJK by display width."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table

from ipdb.cli.consoles import console, err_console
from ipdb.cli.layout import Col, fitted_table

SHOWN_ISSUES = 15

SOURCE_ZH = {
    "option": "指定",
    "title": "取自标题",
    "file_name": "取自文件名",
    "quarter": "未注明，取 --quarter 季度末",
    "import_day": "表格未注明，取导入当天",
}


def print_json(data: Any) -> None:
    """JSON alone on stdout, for scripts (no Rich markup, no wrapping); written as it is made (lists and
    iterators item by item: ``ipdb.cli.jsontext``), the text of ``json.dumps(data, indent=2)``."""
    import sys

    from ipdb.cli.jsontext import write_json

    write_json(data, sys.stdout)


def new_table(title: str | None = None, *columns: str, numeric: Sequence[str] = ()) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", pad_edge=False)
    for column in columns:
        if column in numeric:
            table.add_column(column, justify="right", no_wrap=True)
        else:
            table.add_column(column, overflow="fold")
    return table


@contextmanager
def import_progress(enabled: bool) -> Iterator[Callable[[str, int], None] | None]:
    """Progress on stderr while files are read, checked and written (stdout stays clean for JSON)."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}… {task.completed:,.0f} 行"), TimeElapsedColumn())
    with Progress(*columns, console=err_console.get(), transient=True) as progress:
        task = progress.add_task("准备", total=None)
        yield lambda stage, rows: progress.update(task, description=stage, completed=rows)


IMPORT_NUMBERS = ("数据行", "新增", "更新", "未变", "拒收", "警告")


def print_import_reports(reports: Sequence[Any]) -> None:
    for part in import_report_parts(reports):
        console.print(part)


def import_report_parts(reports: Sequence[Any], exported: bool = False) -> Iterator[RenderableType]:
    """One row per file; the numbers never wrap, the file name folds; details below."""
    snapshots = any(r.snapshot for r in reports)
    numbers = IMPORT_NUMBERS + (("离开",) if snapshots else ())
    rows = []
    for r in reports:
        if r.error:  # a refused file that was read says what it read and rejected
            read = (f"{r.rows:,}", "", "", "", f"{r.rejected:,}", f"{r.warnings:,}") if r.rows else ("",) * 6
            rows.append([f"{_name(r.file)}\n[red]未导入[/]", *read, *([""] * (len(numbers) - 6))])
            continue
        counts = (r.rows, r.inserted, r.updated, r.unchanged, r.rejected, r.warnings) + ((r.left,) if snapshots else ())
        rows.append([f"{_name(r.file)}\n[dim]{_described(r)}[/]", *(f"{n:,}" for n in counts)])
    columns = [Col("文件", "name", min_width=24), *(Col(n, "number") for n in numbers)]
    yield fitted_table("导入结果", columns, rows)
    for r in reports:
        yield from _details(r, exported)


def _described(report: Any) -> str:
    """Phrases apart by a space, so a narrow column wraps between them and never inside a date."""
    source = SOURCE_ZH.get(report.as_of_source, report.as_of_source)
    snapshot = "完整快照， " if report.snapshot else ""
    return f"{report.kind_title}， {snapshot}截至{report.as_of:%Y-%m-%d} （{source}）"


def _name(path: str) -> str:
    from pathlib import Path

    return Path(path).name


def _details(report: Any, exported: bool = False) -> Iterator[RenderableType]:
    if report.error:
        yield f"[bold red]「{_name(report.file)}」未导入：[/]{report.error}"
        if report.issues:  # a refused file's problem rows (nothing stored), shown as an imported file's are
            yield issues_table(report)
            yield from _issues_hint(report, exported)
        return
    for note in report.notes:
        yield f"「{_name(report.file)}」：{note}"
    if report.foreign:
        yield (
            f"「{_name(report.file)}」：其中 {report.foreign} 行是外国或国际组织专利（如 US、EP、WO），"
            f"不计入本区，列在拒收中，不是表格的错误。"
        )
    if report.as_of_source in ("import_day", "quarter"):
        yield f"[yellow]「{_name(report.file)}」：{_undated(report)}[/]"
    for line in column_lines(report):
        yield f"「{_name(report.file)}」：{line}"
    if report.unmatched_holders:
        yield (
            f"「{_name(report.file)}」：{report.unmatched_holders} 个权利人未匹配到企业名录（ipdb unmatched 查看）。"
        )
    if report.dry_run:
        yield f"「{_name(report.file)}」：试运行（--dry-run），未写入数据库。"
    if report.issues:
        yield issues_table(report)
        yield from _issues_hint(report, exported)


def _undated(report: Any) -> str:
    day = f"{report.as_of:%Y-%m-%d}"
    if report.as_of_source == "quarter":
        return (
            f"标题和文件名都没有注明日期，截止日按 --quarter 的季度末 {day} 计；如不对，请用 --as-of 指定后重新导入。"
        )
    return f"标题和文件名都没有注明日期，截止日按导入当天 {day} 计；如不对，请用 --as-of 指定后重新导入。"


def column_lines(report: Any) -> list[str]:
    """The columns not read by their header: unknown ones (not imported), known ones not stored, inferred ones."""
    lines = []
    unknown = [c for c in report.ignored_columns if not c.known]
    if unknown:
        listed = "、".join(f"{c.column}「{c.header}」" for c in unknown)
        lines.append(f"[yellow]未识别的列[/]：{listed}，未导入（如有对应字段，请用 --map 原表头=字段 重新导入）。")
    known = [c for c in report.ignored_columns if c.known]
    if known:
        lines.append(f"不保存的列：{'、'.join(dict.fromkeys(c.header for c in known))}。")
    if report.totals:
        agreed = sum(1 for t in report.totals if t.match)
        differ = len(report.totals) - agreed
        tail = f"，[yellow]{differ} 处不符[/]（见下方警告）" if differ else ""
        lines.append(f"表中合计行核对：{agreed} 处与导入的行一致{tail}。")
    for c in report.inferred_columns:
        lines.append(f"[yellow]按内容识别的列[/]：{c.column}「{c.header}」的值都是{c.field}，已作为「{c.field}」导入。")
    return lines


def _issues_hint(report: Any, exported: bool) -> Iterator[str]:
    """How to see every problem row; nothing more when this run exports them (--rejects: said below)."""
    shown = min(len(report.issues), SHOWN_ISSUES)
    rest = f"另有 {len(report.issues) - shown} 条未显示" if len(report.issues) > shown else ""
    if exported:
        yield from (f"{rest}，全部写入 --rejects 的文件。",) if rest else ()
    elif report.batch_id is None:  # not stored (refused, --dry-run): ipdb rejects has none of its rows
        yield f"{rest}{'；' if rest else ''}全部导出：在本次导入的命令后加上 --rejects reports/问题行.xlsx 再运行一次（仍不写入数据库）"
    else:
        yield f"{rest}{'；' if rest else ''}全部导出：ipdb rejects {report.batch_id} --warnings -o reports/问题行.xlsx"


def issues_table(report: Any) -> RenderableType:
    shown = sorted(report.issues, key=lambda i: (i.severity != "reject", i.sheet, i.row))[:SHOWN_ISSUES]
    title = f"「{_name(report.file)}」的问题行（拒收 {report.rejected} 行、警告 {report.warnings} 条）"
    rows = [
        [
            "[red]拒收[/]" if i.severity == "reject" else "[yellow]警告[/]",
            i.sheet,
            str(i.row),
            i.column,
            _value(i.value),
            i.reason,
        ]
        for i in shown
    ]
    columns = [
        Col("类别"),
        Col("工作表", "name", drop=1, min_width=8),
        Col("行号", "number"),
        Col("列", "name", min_width=8),
        Col("原值"),
        Col("原因", "name", min_width=16),
    ]
    return fitted_table(title, columns, rows)


def _value(value: str, cells: int = 24) -> str:
    """A rejected value never wraps: a long one is cut with an ellipsis (the export has it whole)."""
    from rich.cells import cell_len, set_cell_size

    return value if cell_len(value) <= cells else set_cell_size(value, cells - 1) + "…"


def batches_table(rows: Sequence[Any]) -> RenderableType:
    columns = [
        Col("批次", "number"),
        Col("文件", "name", min_width=22),
        Col("类型"),
        Col("截止日"),
        Col("快照", drop=2),
        Col("导入时间", drop=5),
        Col("数据行", "number"),
        Col("新增", "number"),
        Col("更新", "number", drop=3),
        Col("未变", "number", drop=4),
        Col("拒收", "number"),
        Col("离开", "number", drop=1),
    ]
    cells = [
        [
            str(b.id),
            b.file_name,
            _kind_word(b.kind),
            b.as_of.isoformat(),
            "是" if b.snapshot else "",
            f"{b.imported_at:%Y-%m-%d %H:%M}",
            *(f"{n:,}" for n in (b.rows, b.inserted, b.updated, b.unchanged, b.rejected, b.left)),
        ]
        for b in rows
    ]
    return fitted_table("导入批次", columns, cells)


def _kind_word(kind: str) -> str:
    """The shortest Chinese word --kind accepts for the kind (企业、专利、商标……)."""
    from ipdb.vocabulary import KIND_WORDS

    return min((w for w, k in KIND_WORDS.items() if k == kind), key=len, default=kind)


def rejects_table(rows: Sequence[Any]) -> RenderableType:
    columns = [
        Col("批次", "number", drop=1),
        Col("文件", "name"),
        Col("工作表", "name", drop=2, min_width=8),
        Col("行号", "number"),
        Col("列", "name", min_width=8),
        Col("原值"),
        Col("原因", "name", min_width=16),
    ]
    cells = [[str(r.batch_id), r.file, r.sheet, str(r.row), r.column, _value(r.value), r.reason] for r in rows]
    return fitted_table(f"问题行（共 {len(rows)} 行）", columns, cells)


def unmatched_table(rows: Sequence[Any]) -> RenderableType:
    columns = [Col("权利人", "name"), Col("统一社会信用代码"), Col("权利件数", "number"), Col("其他清单行数", "number")]
    cells = [[r.name, r.credit_code or "", str(r.rights), str(r.lists)] for r in rows]
    return fitted_table(f"未匹配到企业名录的权利人（共 {len(rows)} 个）", columns, cells)


def left_table(rows: Sequence[Any], kind: str, as_of: str) -> RenderableType:
    columns = [Col("号码"), Col("名称", "name", drop=1), Col("最后的权利人", "name"), Col("最后出现于")]
    cells = [[r.number, r.title or "", r.holders, r.last_seen.isoformat()] for r in rows]
    return fitted_table(f"{as_of} 完整快照中不再出现的权利（共 {len(rows)} 件）", columns, cells)


STATUS_ZH = {"in_force": "有效", "pending": "审中", "dead": "失效", "unknown": "未注明"}
HISTORY_COLUMNS = (
    Col("截止日"),
    Col("来源文件", "name", drop=1),
    Col("批次", "number", drop=3),
    Col("状态", "name", min_width=8),
    Col("权利人", "name"),
    Col("申请日", drop=5),
    Col("授权/注册日", drop=2),
    Col("终止日", drop=4),
)


def history_tables(found: Sequence[Any]) -> Iterator[RenderableType]:
    for h in found:
        extra = f"（第{h.category}类）" if h.kind == "trademarks" else ""
        left = "； 离开登记簿：" + "、".join(d.isoformat() for d in h.left_on) if h.left_on else ""
        cells = [
            [
                o.as_of.isoformat(),
                o.file_name + ("（快照）" if o.snapshot else ""),
                str(o.batch_id),
                o.status or STATUS_ZH[o.status_class],
                o.holders,
                _iso(o.filing_date),
                _iso(o.granted_on),
                _iso(o.ends_on),
            ]
            for o in h.observations
        ]
        yield fitted_table(f"{h.number}{extra} {h.title or ''}{left}", HISTORY_COLUMNS, cells)


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def undo_text(u: Any, *, done: bool) -> str:
    """What undoing a batch removes (before asking) or removed (after), one line per kind of thing."""
    from ipdb.vocabulary import KIND_ZH

    head = "已撤销" if done else "将撤销"
    snapshot = "，完整快照" if u.snapshot else ""
    lines = [f"{head}批次 {u.batch_id}（「{u.file_name}」，{KIND_ZH.get(u.kind, u.kind)}，截止 {u.as_of}{snapshot}）："]
    verb = "删除了" if done else "删除"
    parts = [
        (u.observations, f"{verb} {u.observations:,} 条登记或名录记录"),
        (u.new_rights, f"其中 {u.new_rights:,} 件权利只由该批次带入，一并删除"),
        (u.new_companies, f"其中 {u.new_companies:,} 家企业只由该批次带入，一并删除"),
        (u.rows, f"{verb} {u.rows:,} 行清单数据"),
        (u.restored, f"恢复 {u.restored:,} 行被该批次覆盖的旧数据"),
        (u.rejects + u.warnings, f"{verb} {u.rejects:,} 行拒收记录、{u.warnings:,} 条警告"),
        (u.returning, f"该快照使 {u.returning:,} 件权利离开登记簿，撤销后它们恢复在册"),
        (
            u.unrestorable,
            f"注意：该批次更新过 {u.unrestorable:,} 行已有数据，但导入时尚未保存更新前的内容（早于撤销功能），"
            f"撤销后这些行将被删除而无法恢复原值",
        ),
    ]
    lines.extend(f"  {text}" for count, text in parts if count)
    if len(lines) == 1:
        lines.append("  该批次没有写入任何数据，只删除批次记录。")
    return "\n".join(lines)


def configuration_table(config: Any) -> Iterator[RenderableType]:
    settings = [[key, what, value if value is not None else "[dim]未设置[/]"] for key, what, value in config.settings]
    columns = [Col("设置项"), Col("含义", "name"), Col("当前值", "name")]
    yield fitted_table("设置项（ipdb config set 设置项 值）", columns, settings)
    population = [[str(year), f"{wan:g}"] for year, wan in config.population]
    table = fitted_table(
        "常住人口（ipdb config population 年度 万人）", [Col("年度"), Col("万人", "number")], population
    )
    if not config.population:
        table.caption = "（未设置：每万人口发明专利拥有量显示为“—”）"
    yield table
