"""Fixtures for importer tests: a fresh store file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ipdb.store import Store, open_store


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "test.sqlite")
    yield store
    store.close()
