"""ipdb config population / set / show / db."""

# Annotations are evaluated here, not strings: Typer reads every command's signature at start-up (ipdb.cli).

from pathlib import Path
from typing import Annotated

import typer

from ipdb.cli import IpdbGroup, app
from ipdb.cli.options import DbPath, open_db
from ipdb.cli.render import console

config_app = typer.Typer(
    cls=IpdbGroup, help="设置：常住人口、区名、默认数据库等（ipdb config show 查看全部）。", no_args_is_help=True
)
app.add_typer(config_app, name="config")


@config_app.command("population")
def population_command(
    year: Annotated[int, typer.Argument(help="年度，如 2026。", show_default=False, metavar="年度")],
    wan: Annotated[str, typer.Argument(help="年末常住人口（万人），如 51.2。", show_default=False, metavar="万人")],
    db: DbPath = None,
) -> None:
    """设置某年度的常住人口（万人），用于每万人口发明专利拥有量。

    示例：ipdb config population 2026 51.2
    """
    from ipdb.settings import check_population, parse_population, set_population

    persons = parse_population(wan)
    check_population(year, persons)  # before the store is opened: a wrong value creates no file
    set_population(open_db(db, write=True), year, persons)
    console.print(f"已设置 {year} 年常住人口为 {persons:g} 万人。")


@config_app.command("set")
def setting_command(
    key: Annotated[
        str,
        typer.Argument(
            help="设置项：district_name（区名）、high_value_pledge_min_yuan（高价值专利质押金额门槛，元）或 restoration_months（可请求恢复权利的月数）。",
            show_default=False,
            metavar="设置项",
        ),
    ],
    value: Annotated[str, typer.Argument(help="设置值。", show_default=False, metavar="值")],
    db: DbPath = None,
) -> None:
    """设置区名（简报标题用）或高价值发明专利的质押融资金额门槛（元）。

    示例：ipdb config set district_name 云溪区
    """
    from ipdb.settings import check_setting, set_setting

    check_setting(key, value)  # before the store is opened: a wrong value creates no file
    set_setting(open_db(db, write=True), key, value)
    console.print(f"已设置 {key} = {value}。")


@config_app.command("show")
def show_command(db: DbPath = None) -> None:
    """列出所用的数据库、每个设置项的当前值和各年度常住人口。

    示例：ipdb config show
    """
    from ipdb.cli.render import configuration_table
    from ipdb.settings import read_configuration

    store = open_db(db)
    console.print(f"数据库：{store.path}（{_db_source(db)}）", markup=False)
    for table in configuration_table(read_configuration(store)):
        console.print(table)


def _db_source(db: Path | None) -> str:
    import os

    from ipdb.workspace import CONFIG_FILE, remembered_db

    if db is not None:
        return "由环境变量 IPDB_DB 指定" if os.environ.get("IPDB_DB") == str(db) else "由 --db 指定"
    if os.environ.get("IPDB_DB"):
        return "由环境变量 IPDB_DB 指定"
    if remembered_db():
        return f"记在本文件夹的 {CONFIG_FILE} 中"
    return "默认"


@config_app.command("db")
def db_command(
    path: Annotated[
        Path, typer.Argument(help="数据库文件，如 demo.sqlite。", show_default=False, metavar="数据库文件")
    ],
) -> None:
    """记住本文件夹所用的数据库：之后在这里运行的命令不加 --db 也用它（写入本文件夹的 ipdb.toml）。

    示例：ipdb config db demo.sqlite
    """
    from ipdb.workspace import remember_db

    written = remember_db(path)
    console.print(f"已记住数据库「{path}」（写在 {written.name} 中）：在本文件夹运行的命令不加 --db 时都用它。")
