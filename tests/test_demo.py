"""The demo district in imports/demo loads with exactly the counts its generator planted (tools/demo_facts.json)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ipdb.importers.pipeline import ImportOptions
from ipdb.inbox import import_inbox
from ipdb.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FACTS = json.loads((ROOT / "tools" / "demo_facts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    reports = import_inbox(store, ROOT / "imports" / "demo", ImportOptions(today=date(2026, 11, 28)))
    yield store, {Path(r.file).name: r for r in reports}
    store.close()


def test_every_demo_file_imports(demo):
    _, reports = demo
    assert set(reports) == set(FACTS["files"])
    assert all(r.error is None for r in reports.values())


@pytest.mark.parametrize("name", sorted(FACTS["files"]))
def test_rows_rejects_and_warnings_match_the_planted_ones(demo, name):
    report = demo[1][name]
    expected = FACTS["files"][name]
    if "data_rows" in expected:
        assert report.rows == expected["data_rows"]
    assert sorted(i.row for i in report.issues if i.severity == "reject") == sorted(r["row"] for r in expected.get("rejects", []))
    assert sorted(i.row for i in report.issues if i.severity == "warning") == sorted(w["row"] for w in expected.get("warnings", []))
    assert report.rows == report.inserted + report.updated + report.unchanged + report.rejected


def test_reimporting_the_demo_changes_nothing(demo):
    store, _ = demo
    again = import_inbox(store, ROOT / "imports" / "demo", ImportOptions(today=date(2026, 11, 28)))
    assert all(r.repeat_of is not None for r in again)
    assert sum(r.inserted + r.updated for r in again) == 0
