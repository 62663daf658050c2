"""One output path: every command with --format prints through ipdb/cli/output.py's ``show`` (or ``show_rows``,
which calls it)."""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).resolve().parents[2] / "ipdb" / "cli"
SHOWS = ("show", "show_rows")


def _calls(name: str) -> list[str]:
    found = []
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                found.append(f"{path.name}:{node.lineno}")
    return found


def _commands_with_format() -> list[str]:
    """Every function of ipdb/cli/ that takes an ``output_format`` parameter."""
    found = []
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(a.arg == "output_format" for a in node.args.args):
                found.append((path.name, node))
    return [f"{name}:{node.name}" for name, node in found if name != "output.py" and not _shows(node)]


def _shows(node: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in SHOWS for n in ast.walk(node))


def test_json_is_printed_only_by_the_output_path():
    assert [c for c in _calls("print_json") if not c.startswith("output.py:")] == []


def test_every_command_with_a_format_uses_the_output_path():
    assert _commands_with_format() == []
    assert (
        len(_calls("show")) + len(_calls("show_rows")) >= 9
    )  # import, batches, rejects, unmatched, left, history, summary, rank, company
