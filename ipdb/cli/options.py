"""Options shared by several commands, defined once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from ipdb.store import Store

DbPath = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="IPDB_DB",
        help="数据库文件（默认：ipdb config db 记住的文件，否则当前文件夹下的 ipdb.sqlite；也可用环境变量 IPDB_DB）。",
        show_default=False,
    ),
]


class Format(str, Enum):
    table = "table"
    json = "json"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="输出格式：table（表格）或 json。")]
ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="输出格式：table（表格）、json、csv（带 BOM，Excel 可直接打开）或 xlsx。"),
]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="统计截止日，格式 YYYY-MM-DD。", show_default=False)]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="统计期间：2021、2021Q3、2021H1、2021-01..2021-09 或 2021-01-01..2021-09-30。",
        show_default=False,
    ),
]
QuarterOption = Annotated[
    str | None,
    typer.Option("--quarter", help="季度，如 2021Q3：截止日为季末，期间为当季（并给出当年累计）。", show_default=False),
]
CompareOption = Annotated[
    str | None,
    typer.Option(
        "--compare", help="对比日期（YYYY-MM-DD）或季度（如 2021Q2）；summary 默认对比上一季度末。", show_default=False
    ),
]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="输出文件路径。", show_default=False)]


_opened: list[Store] = []


def open_db(db: Path | None, *, write: bool = False):  # type: ignore[no-untyped-def]
    """The store named by --db / IPDB_DB / ipdb.toml, else ./ipdb.sqlite (SQLModel is imported only when a command runs).

    Commands that only read open it read-only: they never create a file, and never wait for an import."""
    from ipdb.cli.hints import remember_store
    from ipdb.store import default_db_path, open_store

    path = db or default_db_path()
    remember_store(path)  # so that the hints this command prints name this database
    store = open_store(path, read_only=not write)
    _opened.append(store)
    return store


def close_stores() -> None:
    """Close every store this command opened: the app's context calls it when the command ends, however it ends,
    so that no connection outlives the command (a file still open cannot be moved or deleted on Windows)."""
    while _opened:
        _opened.pop().close()
