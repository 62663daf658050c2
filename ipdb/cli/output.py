"""The one output path of every command with ``--format``: table (Rich, to the console), json (stdout), and for
reports csv / xlsx (a file, through ipdb.figures.exports and ipdb.files).

A command hands ``show`` thunks, so only the chosen shape is built (a JSON run never lays out a Rich table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rich.console import RenderableType

from ipdb.cli.options import Format, ReportFormat

Tables = Callable[[], Iterable[RenderableType]]  # a title line, tables … in order
Export = Callable[[str, Path | None], Path]  # (csv | xlsx, --output) -> the file written


def show(
    output_format: Format | ReportFormat,
    *,
    table: Tables,
    json: Callable[[], Any],
    export: Export | None = None,
    output: Path | None = None,
) -> None:
    """Print or write the command's result in ``output_format``."""
    from ipdb.cli.render import console, print_json

    if output_format.value == "json":
        print_json(json())
    elif output_format.value == "table":
        for part in table():
            stream = getattr(part, "stream", None)  # a long table (ipdb.cli.streamed), written a block at a time
            if stream is not None:
                from ipdb.cli.consoles import make_console

                stream(make_console())
            else:
                console.print(part)
    else:
        assert export is not None, "csv / xlsx are offered by report commands only (ReportFormat)"
        console.print(f"已写入「{export(output_format.value, output)}」。")


def show_rows(output_format: Format, rows: list[Any], table: Callable[[list[Any]], RenderableType]) -> None:
    """A list of dataclass rows: as one table, or in JSON as their fields."""
    from dataclasses import asdict

    show(output_format, table=lambda: [table(rows)], json=lambda: [asdict(r) for r in rows])
