"""Size statistics of a package: modules over a line limit, function bodies over 25 and 40 lines.

    python tools/sizes.py [ipdb] [--list]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MODULE_LIMIT = 400
BODY_LIMITS = (25, 40)


def bodies(path: Path) -> list[tuple[str, int]]:
    """(qualified name, body lines) of every function; the body runs from its first statement (docstring
    included) to its last line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            last = node.body[-1].end_lineno or node.body[-1].lineno
            found.append((f"{path}:{node.lineno} {node.name}", last - node.body[0].lineno + 1))
    return found


def main(argv: list[str]) -> None:
    root = Path(next((a for a in argv if not a.startswith("-")), "ipdb"))
    files = sorted(root.rglob("*.py"))
    long_files = [(f, n) for f in files if (n := len(f.read_text(encoding="utf-8").splitlines())) > MODULE_LIMIT]
    functions = [b for f in files for b in bodies(f)]
    print(f"{len(files)} modules, {len(functions)} functions")
    print(f"modules over {MODULE_LIMIT} lines: {len(long_files)}")
    for limit in BODY_LIMITS:
        print(f"function bodies over {limit} lines: {sum(n > limit for _, n in functions)}")
    if "--list" in argv:
        for f, n in long_files:
            print(f"  {n:5} {f}")
        for name, n in sorted(functions, key=lambda b: -b[1]):
            if n > BODY_LIMITS[0]:
                print(f"  {n:5} {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
