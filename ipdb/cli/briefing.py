"""ipdb brief: the quarterly briefing workbook (and Word document)."""

# Annotations are evaluated here, not strings: Typer reads every command's signature at start-up (ipdb.cli).

from typing import Annotated

import typer

from ipdb.cli import app
from ipdb.cli.options import DbPath, OutputOption, QuarterOption, open_db
from ipdb.cli.render import console

DocxOption = Annotated[bool, typer.Option("--docx", help="同时在简报旁边生成内容相同的 Word 文档（.docx）。")]


@app.command("brief")
def brief_command(
    quarter: QuarterOption = None, output: OutputOption = None, docx: DocxOption = False, db: DbPath = None
) -> None:
    """生成季度简报：概览、企业/街道/行业排名、质押融资和新增授权明细、口径说明及图表，写入 reports/ 文件夹。

    默认文件名为「reports/2026Q3 知识产权季度简报.xlsx」；简报标题中的区名取自设置项 district_name。

    示例：ipdb brief --quarter 2026Q3\n
    示例：ipdb brief --quarter 2026Q3 --docx -o reports/三季度简报.xlsx
    """
    from ipdb.briefing.build import build_briefing
    from ipdb.briefing.docx import write_briefing_docx
    from ipdb.briefing.xlsx import write_briefing_xlsx
    from ipdb.errors import BadOption

    if not quarter:
        raise BadOption("请用 --quarter 指明季度，例如 ipdb brief --quarter 2026Q3。")
    briefing = build_briefing(open_db(db), quarter)
    workbook = write_briefing_xlsx(briefing, output or briefing.default_path())
    # a path may hold [brackets] (Rich markup) and must stay on one line to be copied
    console.print(f"已写入季度简报：{workbook}", markup=False, soft_wrap=True)
    if docx:
        document = write_briefing_docx(briefing, workbook.with_suffix(".docx"))
        console.print(f"已写入 Word 版：{document}", markup=False, soft_wrap=True)
    for note in briefing.notes:
        console.print(f"注意：{note}", markup=False, soft_wrap=True)
