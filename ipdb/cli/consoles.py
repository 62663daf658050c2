"""Consoles made for each print, so the width is the terminal's (or COLUMNS) now, not at import time.

A module-level ``rich.console.Console`` reads ``COLUMNS`` and the terminal size once, when the module
is first imported; a test run (or a resized window) then prints at whatever width that happened to be.
``console.print(...)`` here builds a fresh Console for every call instead.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

from ipdb.cli.hints import runnable


def make_console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False)


class PerCallConsole:
    """``print`` like Rich's Console. A message (only strings) is soft-wrapped so that a path or a phrase
    in it never breaks across lines (the terminal wraps it, and it can be copied whole), and each
    ``ipdb <command>`` in it is printed as a command that works as it stands (``ipdb.cli.hints``)."""

    def __init__(self, stderr: bool = False) -> None:
        self.stderr = stderr

    def print(self, *objects: Any, **options: Any) -> None:
        if all(isinstance(o, str) for o in objects):
            options.setdefault("soft_wrap", True)
            objects = tuple(runnable(o) for o in objects)
        make_console(self.stderr).print(*objects, **options)

    def get(self) -> Console:
        """A real Console, for Rich objects that need one (Progress)."""
        return make_console(self.stderr)


console = PerCallConsole()
err_console = PerCallConsole(stderr=True)
