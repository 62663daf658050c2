"""Legacy .xls workbooks are read in a child process under a memory ceiling.

calamine's BIFF reader can be driven by one damaged record to allocate without bound (a mutation fuzz found a
9 KB .xls that took the machine's memory), and an allocation failure inside Rust aborts the whole process: no
Python code can catch it. A child that dies takes only itself down; the import then says the file is broken.
.xlsx needs no child: its used range is measured before calamine reads it (sheet_scan.py).
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

MEMORY_CEILING = 2 << 30  # bytes of address space for the child; a real .xls (65,536 x 256 cells) needs far less
TIMEOUT_SECONDS = 600
REFUSED = 3  # the child's exit code when it refused the file with a sentence (on stdout)


class ChildFailed(Exception):
    """The child died (out of memory, a Rust abort) or answered nothing we can read."""


def read_in_child(path: Path, limits: Any) -> list[Any] | None:
    """The sheets of ``path``, read by a child; None where no ceiling can be set (then read in-process)."""
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return None
    command = [sys.executable, "-m", "ipdb.importers.isolated", str(path), json.dumps(asdict(limits))]
    try:
        done = subprocess.run(command, capture_output=True, preexec_fn=_ceiling, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ChildFailed("timeout") from exc
    if done.returncode == REFUSED:
        from ipdb.errors import UnreadableFile

        raise UnreadableFile(done.stdout.decode("utf-8"))
    if done.returncode != 0:
        raise ChildFailed(f"exit {done.returncode}")
    try:
        return list(pickle.loads(done.stdout))
    except Exception as exc:
        raise ChildFailed("unreadable answer") from exc


def _ceiling() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def _main(path: str, limits: str) -> int:
    from ipdb.errors import IpdbError
    from ipdb.importers.read import ReadLimits, read_workbook_here

    try:
        sheets = read_workbook_here(Path(path), ReadLimits(**json.loads(limits)))
    except IpdbError as exc:
        sys.stdout.buffer.write(exc.message.encode("utf-8"))
        return REFUSED
    sys.stdout.buffer.write(pickle.dumps(sheets))
    return 0


if __name__ == "__main__":
    sys.exit(_main(*sys.argv[1:3]))
