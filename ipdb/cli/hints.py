"""Every command ipdb prints as a hint must work as printed: same program, same database.

``open_db`` records the database a command opened; ``runnable`` rewrites each ``ipdb <command>`` in a message
so that it names the program as it was started (``.venv/bin/ipdb`` when ipdb is not on PATH) and carries
``--db`` when that database is not the one a plain command would use (IPDB_DB, ipdb.toml, ./ipdb.sqlite).
"""

from __future__ import annotations

import functools
import re
import shutil
import sys
from pathlib import Path

COMMAND = re.compile(r"(?<![\w./\\-])ipdb(?: (config [a-z]+|[a-z][a-z-]*))?(?![a-z0-9_.-])")

_opened: list[Path] = []


@functools.cache
def db_commands() -> frozenset[str]:
    """The commands (``summary``, ``config show`` …) that take --db, read from the app itself."""
    import typer

    from ipdb.cli import app

    found = set()
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        for sub, leaf in getattr(command, "commands", {name: command}).items():
            if any("--db" in param.opts for param in leaf.params):
                found.add(name if sub == name else f"{name} {sub}")
    return frozenset(found)


def remember_store(path: Path) -> None:
    """The database this command works on (one per process; the last one wins)."""
    _opened[:] = [path]


def forget_store() -> None:
    _opened.clear()


def program() -> str:
    """How to start ipdb again: ``ipdb`` when that is on PATH, else the path it was started by."""
    script = Path(sys.argv[0])
    if script.stem != "ipdb":
        return "ipdb"
    on_path = shutil.which("ipdb")
    if on_path and Path(on_path).resolve() == script.resolve():
        return "ipdb"
    try:
        return str(script.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return quoted(str(script))


def quoted(text: str) -> str:
    return f'"{text}"' if re.search(r"[\s\"'&;|()<>$`\[\]]", text) else text


def db_option() -> str:
    """`` --db FILE`` when the opened database is not the default one, else nothing."""
    from ipdb.workspace import default_db_path

    if not _opened or _same(_opened[0], default_db_path()):
        return ""
    return f" --db {quoted(str(_opened[0]))}"


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def runnable(message: str) -> str:
    """Each ``ipdb <command>`` in the message, as a command that works when copied."""
    if "ipdb " not in message:
        return message
    prog, db = program(), db_option()

    def rewrite(match: re.Match[str]) -> str:
        command, after = match.group(1) or "", message[match.end() :]
        if not command:  # "ipdb --help" is a command; "ipdb 数据库" is a word
            return prog if after.startswith(" --") else match.group(0)
        wants_db = command in db_commands() and "--db" not in message and not after.startswith(" --help")
        return f"{prog} {command}{db if wants_db else ''}"

    return COMMAND.sub(rewrite, message)
