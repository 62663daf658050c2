"""The command line: a thin layer over the core. Each command parses, calls one core function, renders.

Heavy libraries (pandas, openpyxl, SQLModel) are imported inside the commands, so that
``ipdb --help`` appears at once. The command modules do not use ``from __future__ import annotations``:
Typer reads every command's signature at each start-up, and a string annotation costs it an ``eval`` per
parameter, twice (18 ms of a 0.2 s ``ipdb --help``; tests/cli/test_reading_imports.py).
"""

import sys
from typing import Annotated, Any

import typer

from ipdb import __version__
from ipdb.cli.chinese import localize, value_message
from ipdb.cli.consoles import err_console

INTERNAL_ERROR_EXIT = 70


class IpdbGroup(typer.core.TyperGroup):
    """The one error boundary: IpdbError becomes a red Chinese sentence and an exit code, never a traceback.
    It also hands out its commands with Chinese help (ipdb.cli.chinese) and accepts --debug anywhere."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize(self)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        return localize(command) if command is not None else None

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if "--debug" in args[1:]:  # `ipdb summary --debug` means what `ipdb --debug summary` means
            args = ["--debug", *(a for a in args if a != "--debug")]
        try:
            return super().parse_args(ctx, args)
        except typer.exceptions.TyperException as exc:
            if type(exc).__name__ not in USAGE_ERRORS or "--debug" in args:
                raise
            err_console.print(f"[bold red]错误：[/]{usage_message(exc)}", highlight=False)
            raise typer.Exit(2) from None

    def invoke(self, ctx: Any) -> Any:
        from ipdb.errors import IpdbError

        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except typer.exceptions.TyperException as exc:
            if type(exc).__name__ not in USAGE_ERRORS or _debug(ctx):
                raise
            err_console.print(f"[bold red]错误：[/]{usage_message(exc)}", highlight=False)
            raise typer.Exit(2) from None
        except IpdbError as exc:
            if _debug(ctx):
                raise
            err_console.print(f"[bold red]错误：[/]{exc.message}", highlight=False)
            raise typer.Exit(exit_code(exc)) from None
        except BrokenPipeError:
            _stop_writing_to_stdout()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            err_console.print("已中断，本次未完成的导入没有写入数据库。")
            raise typer.Exit(130) from None
        except Exception as exc:
            if _debug(ctx):
                raise
            err_console.print(
                f"[bold red]错误：[/]程序内部出错（{type(exc).__name__}）。数据库未被改动。"
                f"请加 --debug 重新运行以查看详情，并把输出发给维护人员。",
                highlight=False,
            )
            raise typer.Exit(INTERNAL_ERROR_EXIT) from None


def _stop_writing_to_stdout() -> None:
    """The reader of our output went away (`ipdb rank … | head`): end quietly, as Unix tools do.

    Python would otherwise report the pipe again when it flushes stdout at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test runner's buffer)
        pass


def exit_code(exc: Exception) -> int:
    """2 when what was asked for cannot be (README: 参数错误为 2), 1 when the work itself failed."""
    from ipdb import errors

    asked_wrong = (
        errors.BadOption,
        errors.InvalidValue,
        errors.ConflictingOptions,
        errors.NotFound,
        errors.AmbiguousName,
    )
    return 2 if isinstance(exc, asked_wrong) else 1


USAGE_ERRORS = ("UsageError", "MissingParameter", "NoSuchOption", "BadParameter", "BadOptionUsage", "BadArgumentUsage")


def usage_message(exc: Any) -> str:
    """A command-line mistake in one Chinese sentence (Typer's own messages are English)."""
    kind = type(exc).__name__
    path = exc.ctx.command_path if getattr(exc, "ctx", None) else "ipdb"
    hint = f"运行 {path} --help 查看用法和示例。"
    what = _param_words(exc)
    if kind == "MissingParameter":
        return f"缺少参数 {what}：{hint}"
    if kind == "NoSuchOption":
        return f"没有 {exc.option_name} 这个选项：{hint}"
    if kind == "BadParameter":
        return f"{what} 的值不对（{value_message(exc.message)}）：{hint}"
    message = exc.format_message()
    if message.startswith("No such command"):
        return f"没有这个命令（{message.split(chr(39))[1] if chr(39) in message else message}）：运行 ipdb --help 查看所有命令。"
    return f"命令写法有误（{value_message(message)}）：{hint}"


def _param_words(exc: Any) -> str:
    """How the user wrote the parameter: --format for an option, 指标 (its Chinese metavar) for an argument."""
    param = getattr(exc, "param", None)
    if param is None:
        hint = getattr(exc, "param_hint", None) or ""
        return hint if isinstance(hint, str) else " / ".join(hint)
    if getattr(param, "param_type_name", "") == "option":
        return max(param.opts, key=len)
    return param.metavar or param.name or ""


def _debug(ctx: Any) -> bool:
    return bool((ctx.obj or {}).get("debug")) or "--debug" in sys.argv


app = typer.Typer(
    cls=IpdbGroup,
    name="ipdb",
    help="ipdb：区级知识产权数据库。导入各类清单，统计核心指标与排名，生成季度简报。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipdb {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的技术信息（供维护人员排查）。")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号。")] = False,
) -> None:
    """ipdb：区级知识产权数据库。"""
    from ipdb.cli.hints import forget_store
    from ipdb.cli.options import close_stores

    forget_store()  # hints name the database of this command, not of an earlier one in the same process
    ctx.call_on_close(close_stores)
    ctx.obj = {"debug": debug}


from ipdb.cli import (  # noqa: E402  (commands register themselves on app)
    briefing,
    configuring,
    explaining,
    importing,
    outreach,
    reporting,
)

__all__ = ["app", "briefing", "configuring", "explaining", "importing", "main", "outreach", "reporting"]


def main() -> None:
    # a console that cannot show a character (a GBK console and a rare symbol) shows "?" instead of failing
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    app()
