"""Legacy .xls workbooks are read in a child process under a memory ceiling.

calamine's BIFF reader can be driven by one damaged record to allocate without bound (a mutation fuzz found a
9 KB .xls that took the machine's memory), and an allocation failure inside Rust aborts the whole process: no
Python code can catch it. A child that dies takes only itself down; the import then says the file is broken.
.xlsx needs no child: its used range is measured before calamine reads it (sheet_scan.py).
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MEMORY_CEILING = 2 << 30  # bytes of address space for the child; a real .xls (65,536 x 256 cells) needs far less
TIMEOUT_SECONDS = 600


class ChildFailed(Exception):
    """The child died (out of memory, a Rust abort) or answered nothing we can read."""


# The child imports python_calamine only (not ipdb), so it starts in a fraction of a second, and answers with
# calamine's own values: the parent converts them exactly as it converts an in-process read.
CHILD = """
import pickle, sys
from python_calamine import CalamineWorkbook
out = []
with open(sys.argv[1], "rb") as f, CalamineWorkbook.from_filelike(f) as book:
    for meta in book.sheets_metadata:
        if str(meta.typ) != "SheetTypeEnum.WorkSheet":
            out.append((meta.name, str(meta.typ), str(meta.visible), None, None, [], None))
            continue
        sheet = book.get_sheet_by_name(meta.name)
        rows = list(sheet.iter_rows()) if sheet.start is not None else []
        merged = sheet.merged_cell_ranges if rows else None
        out.append((meta.name, str(meta.typ), str(meta.visible), sheet.start, sheet.end, rows, merged))
sys.stdout.buffer.write(pickle.dumps(out))
"""


@dataclass(frozen=True)
class ChildSheet:
    """One sheet as the child read it, shaped like the calamine objects read.py uses."""

    name: str
    typ: str
    visible: str
    start: tuple[int, int] | None
    end: tuple[int, int] | None
    rows: list[list[Any]]
    merged_cell_ranges: list[Any] | None

    def iter_rows(self) -> Iterator[list[Any]]:
        return iter(self.rows)


def read_in_child(path: Path) -> list[ChildSheet] | None:
    """The sheets of ``path`` read by a child under a memory ceiling; None where no ceiling can be set."""
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return None
    command = [sys.executable, "-c", CHILD, str(path)]
    try:
        done = subprocess.run(command, capture_output=True, preexec_fn=_ceiling, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ChildFailed("timeout") from exc
    if done.returncode != 0:
        raise ChildFailed(f"exit {done.returncode}: {done.stderr[-200:]!r}")
    try:
        return [ChildSheet(*sheet) for sheet in pickle.loads(done.stdout)]
    except Exception as exc:
        raise ChildFailed("unreadable answer") from exc


def _ceiling() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))
