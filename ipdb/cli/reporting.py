"""ipdb summary / rank / company / config / templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ipdb.cli import app
from ipdb.cli.render import console


@app.command("templates")
def templates_command(
    folder: Annotated[Path, typer.Argument(help="模板写入的文件夹。")] = Path("imports/templates"),
) -> None:
    """按各类清单的字段定义生成空白导入模板（每类一个 xlsx，含填写说明）。

    示例：ipdb templates
    """
    from ipdb.templates import write_templates

    written = write_templates(folder)
    console.print(f"已在「{folder}」写入 {len(written)} 个空白模板。")
