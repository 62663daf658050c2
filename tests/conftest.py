"""Shared fixtures: a fresh store per test, and real .xlsx files imported through the real pipeline."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from support import write_sheet

from ipdb.importers.pipeline import ImportOptions, import_files
from ipdb.importers.report import ImportReport
from ipdb.store import Store, open_store

# No per-example deadline (a busy CI machine must not turn a slow example into a failure), no example
# database in the work tree, and the same examples on every run so that a failure can be reproduced.
settings.register_profile("ipdb", deadline=None, database=None, derandomize=True)
settings.load_profile("ipdb")

IMPORT_DAY = date(2026, 11, 1)
CONSOLE_WIDTH = 80  # every test of terminal output sees an 80-column console, whatever the terminal running pytest


@pytest.fixture(autouse=True)
def fixed_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich takes its width from COLUMNS (else the real terminal) and colour from FORCE_COLOR: pin both."""
    monkeypatch.setenv("COLUMNS", str(CONSOLE_WIDTH))
    monkeypatch.setenv("LINES", "25")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "IPDB_DB"):
        monkeypatch.delenv(name, raising=False)  # the "today" of every test import, so nothing depends on the clock


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "ipdb.sqlite")
    yield opened
    opened.close()


Load = Callable[..., ImportReport]


@pytest.fixture
def load(store: Store, tmp_path: Path) -> Load:
    """load(kind, headers, rows, as_of, snapshot=False): write an .xlsx and import it; fail on any reject."""
    counter = itertools.count(1)

    def _load(kind: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], as_of: date,
              snapshot: bool = False, title: str | None = None) -> ImportReport:
        text_rows = [[None if value is None else str(value) for value in row] for row in rows]
        path = write_sheet(tmp_path / f"{kind}-{next(counter)}.xlsx", headers, text_rows, title=title)
        options = ImportOptions(kind=kind, as_of=as_of, snapshot=snapshot, today=IMPORT_DAY)
        [report] = import_files(store, [path], options)
        assert report.error is None, report.error
        assert report.rejected == 0, [(i.row, i.column, i.value, i.reason) for i in report.issues]
        return report

    return _load
