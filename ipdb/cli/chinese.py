"""Typer's and Click's own words in Chinese: help panels, the help option, the usage line, defaults, and the
messages of a mistyped value; help texts laid out so that a value list wraps between values, never inside one.

Typer keeps these words as module constants (``typer.rich_utils``, set the moment Typer imports it: a command
that shows neither help nor an error never loads it, ipdb.cli.deferred) and Click as literals in the help
option and the usage line; each command is dressed by ``localize`` when the group hands it out
(``IpdbGroup.get_command``).
"""

from __future__ import annotations

import enum
import re
import types
from typing import Any

from rich.cells import cell_len

from ipdb.cli.coercion import light
from ipdb.cli.deferred import defer, when_imported

HELP_OPTION = "显示本帮助后退出。"
OPTIONS_METAVAR = "[选项]"
COMMAND_METAVAR = "命令 [参数]..."
TYPER_WORDS = {  # typer.rich_utils' constants, set when Typer imports it (to show help or an error)
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已停用）",
    "ABORTED_TEXT": "已取消。",
    "RICH_HELP": "运行 '{command_path} {help_option}' 查看用法。",
    "RANGE_STRING": "",  # "[x>=1]": the help text says 正整数 in words
}


def _in_chinese(rich_utils: types.ModuleType) -> None:
    for name, words in TYPER_WORDS.items():
        setattr(rich_utils, name, words)


when_imported("typer.rich_utils", _in_chinese)
# Typer's help module imports Rich's Markdown and traceback renderers (markdown-it, Pygments); ipdb's help is
# Rich markup and its tracebacks plain (--debug), so they load only if something does call them
defer("rich.markdown", "Markdown")
defer("rich.traceback", "Traceback")

# Typer lays a help text out in rich.columns.Columns, which cuts a line it cannot wrap with "…"; Rich wraps
# only at spaces, and Chinese has none. So help texts are broken into lines here, after 、，；：。 or a space.
_BREAK = re.compile(r"(?<=[、，；：。\s])(?![、，；：。）])")


def lines(text: str | None, cells: int) -> str | None:
    """The text in lines of at most ``cells`` (a piece longer than that keeps a line of its own)."""
    if not text:
        return text
    out, line = [], ""
    pieces = [p for p in _BREAK.split(text.replace("\n", "")) if p]
    # a piece too long for a line is broken before its bracket: 知识产权示范企业名单 / （designations）
    for piece in (r for p in pieces for q in _bracketed(p, cells) for r in _folded(q, cells)):
        if line and cell_len(line + piece.rstrip()) > cells:
            out.append(line.rstrip())
            line = ""
        line += piece
    return "\n".join([*out, line.rstrip()])


def _bracketed(piece: str, cells: int) -> list[str]:
    return [q for q in re.split(r"(?=（)", piece) if q] if cell_len(piece) > cells else [piece]


def _folded(piece: str, cells: int) -> list[str]:
    """A run of Chinese longer than a line, cut between two Chinese characters (never inside a Latin word)."""
    if cell_len(piece) <= cells:  # nearly every piece: measured once, not once per character
        return [piece]
    out, chunk = [], ""
    for char in piece:
        if cell_len(chunk + char) > cells and chunk and ord(chunk[-1]) > 0x2E80 and ord(char) > 0x2E80:
            out.append(chunk)
            chunk = ""
        chunk += char
    return [*out, chunk]


def _help_cells(command: Any) -> int:
    """The width of the help column of the command's panels: the console less the option, its short form and
    the metavar columns (Typer sizes them to their longest entry), less borders and padding."""
    from ipdb.cli.consoles import make_console

    params = list(command.params)
    longs = max((cell_len(o) for p in params for o in p.opts if o.startswith("--")), default=6)
    shorts = max((cell_len(o) for p in params for o in p.opts if not o.startswith("--")), default=2)
    metavars = max((cell_len(p.metavar or "") for p in params), default=0)
    return max(24, make_console().width - (longs + shorts + metavars + 16))


def localize(command: Any) -> Any:
    """Chinese help for one command or group (done once; returns the command)."""
    if getattr(command, "_ipdb_localized", False):
        return command
    command._ipdb_localized = True
    if command.options_metavar:
        command.options_metavar = OPTIONS_METAVAR
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = COMMAND_METAVAR
    command.format_usage = types.MethodType(_format_usage, command)
    command.get_help_option = types.MethodType(_help_option, command)
    for param in command.params:
        if param.metavar is None:
            param.metavar = metavar(param)
        light(param)  # its values converted without pydantic where that is plain
    cells = _help_cells(command)
    if command.help and not command.short_help:  # the list of commands shows the first sentence, whole
        command.short_help = lines(re.split(r"[：。]", command.help.strip(), maxsplit=1)[0], cells + 28)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = "\b\n" + (lines(param.help, cells) or "")  # \b: Click's "keep these line breaks"
        if getattr(param, "param_type_name", "") == "argument":  # its metavar is its name; no <str> beside it
            param.display_type_rich = types.MethodType(_no_type, param)
    return command


def _no_type(_param: Any, ctx: Any = None) -> None:
    return None


METAVARS = {  # what to type, by option or argument name
    "as_of": "日期",
    "period": "期间",
    "quarter": "季度",
    "compare": "日期或季度",
    "output": "文件",
    "db": "数据库文件",
    "kind": "类型",
    "by": "对象",
    "top": "数量",
    "set_": "表头=值",
    "map_": "原表头=字段",
    "within": "时长",
    "enterprise": "企业",
    "town": "街道",
    "industry": "行业",
    "published": "数字",
    "files": "文件或文件夹...",
    "folder": "文件夹",
    "metric": "指标",
    "batch": "批次",
    "number": "号码",
    "name_or_code": "企业名称或代码",
    "key": "设置项",
    "value": "值",
    "path": "文件",
}


def metavar(param: Any) -> str:
    """Chinese words for what goes after an option (a choice lists its values; a flag takes nothing)."""
    if getattr(param, "is_flag", False):
        return ""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "|".join(str(member.value) for member in annotation)
    return METAVARS.get(param.name or "", "值")


def _format_usage(self: Any, ctx: Any, formatter: Any) -> None:
    formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")


def _help_option(command: Any, ctx: Any) -> Any:
    option = type(command).get_help_option(command, ctx)
    if option is not None:
        option.help, option.metavar = HELP_OPTION, ""
        light(option)
    return option


CLICK_MESSAGES = {  # Click's words for a value it could not convert (a regex), and ours
    r"'(.*)' is not a valid integer": "「{0}」不是整数",
    r"'(.*)' is not a valid float": "「{0}」不是数字",
    r"'(.*)' is not a valid boolean": "「{0}」不是 是/否",
    r"'(.*)' is not one of (.*)\.": "「{0}」不是可选的值，可选：{1}",
    r"(.*) is not in the range (.*)\.": "{0} 不在允许的范围（{1}）内",
    r"(?:File|Path|Directory) '(.*)' does not exist": "找不到「{0}」",
    r"Input should be a valid integer": "应为整数",
    r"Input should be a valid (?:number|float|decimal)": "应为数字",
    r"Input should be a valid date": "应为日期，如 2026-09-30",
    r"Input should be (.*)": "应为 {0}",
    r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)": "多出了「{0}」",
    r"Missing command": "缺少命令",
}


def value_message(message: str) -> str:
    """A conversion error of Click in Chinese; one we do not know becomes a plain "值不对"."""
    for pattern, chinese in CLICK_MESSAGES.items():
        found = re.search(pattern, message)
        if found:
            return chinese.format(*(g.replace("'", "") for g in found.groups()))
    return "值不对"
