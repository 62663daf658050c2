"""The Python API: `from ipdb import Store` gives the CLI's figures and rankings as pandas DataFrames."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ipdb.importers.pipeline import ImportOptions
from ipdb.inbox import import_inbox
from ipdb.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FACTS = json.loads((ROOT / "tools" / "demo_facts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("frames") / "demo.sqlite"
    with open_store(path) as store:
        import_inbox(store, ROOT / "imports" / "demo", ImportOptions(today=date(2026, 11, 28)))
    return path


def test_rank_returns_the_ground_truth_as_a_dataframe(demo_db):
    import pandas as pd

    from ipdb import Store

    with Store(demo_db) as db:
        frame = db.rank("invention_patents", as_of=date(2026, 9, 30), top=5)
    assert isinstance(frame, pd.DataFrame)
    expected = FACTS["rankings"]["invention_patents"]["2026-09-30"]
    assert frame[["rank", "code", "name", "value"]].to_dict("records") == [
        {k: e[k] for k in ("rank", "code", "name", "value")} for e in expected
    ][: len(frame)]
    assert list(frame.columns) == ["rank", "name", "code", "value"]
    assert (frame.attrs["metric"], frame.attrs["unit"], frame.attrs["as_of"]) == ("invention_patents", "件", date(2026, 9, 30))


def test_rank_with_a_comparison_has_the_previous_columns(demo_db):
    from ipdb import Store

    with Store(demo_db) as db:
        frame = db.rank("发明专利", as_of="2026-09-30", compare="2026Q2", top=5)
    renamed = frame.set_index("name").loc["杭州数策智能科技有限公司"]
    assert (renamed["previous_value"], renamed["previous_rank"], renamed["change"]) == (10, 3, 1)
    assert frame.attrs["compare_as_of"] == date(2026, 6, 30)


def test_summary_is_indexed_by_metric_key_and_keeps_missing_figures_null(demo_db):
    from ipdb import Store

    truth, before = FACTS["figures"]["2026-09-30"], FACTS["figures"]["2026-06-30"]
    with Store(demo_db) as db:
        frame = db.summary(as_of="2026-09-30", period="2026Q3", compare="2026-06-30")
    for key in ("invention_patents", "trademarks_registered", "madrid_registrations", "well_known_marks"):
        assert frame.loc[key, "value"] == truth[key], key
        assert frame.loc[key, "previous"] == before[key], key
        assert frame.loc[key, "change"] == truth[key] - before[key], key
    assert frame.loc["pledge_amount", "value"] == FACTS["figures"]["2026Q3"]["pledge_amount_wan"]
    per_10k = frame.loc["invention_patents_per_10k", "value"]
    assert per_10k is None or math.isnan(per_10k)  # no population configured: null, never 0
    assert frame.attrs["period"]["start"] == date(2026, 7, 1)


def test_a_bad_metric_is_the_same_one_sentence_error_as_on_the_command_line(demo_db):
    from ipdb import Store
    from ipdb.errors import InvalidValue

    with Store(demo_db) as db, pytest.raises(InvalidValue, match="无法识别的排名指标「专利大王」"):
        db.rank("专利大王", as_of="2026-09-30")


def test_importing_ipdb_stays_light_until_the_api_is_used():
    probe = ("import sys, ipdb\n"
             "light = [m for m in ('pandas', 'sqlmodel', 'ipdb.frames') if m in sys.modules]\n"
             "ipdb.Store\n"
             "print(','.join(light), 'pandas' in sys.modules or 'ipdb.frames' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True"]  # nothing heavy before ipdb.Store; the API module after it


def test_openpyxl_reads_xml_through_defusedxml():
    # defusedxml is declared for this: openpyxl picks it up at import and parses every workbook it loads with it,
    # so the workbooks the tests (and analysts) open with openpyxl cannot expand XML entities
    from openpyxl import xml

    assert xml.DEFUSEDXML is True
