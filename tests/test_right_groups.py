"""The holder group kept on each right fact (ipdb.right_groups): equal to the rule applied holder by holder,
and looked up from the states asked for, not by walking every state's holders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from ipdb import right_groups
from ipdb.importers.pipeline import ImportOptions, import_files
from ipdb.store import open_store
from ipdb.vocabulary import HOLDER_GROUP_ZH, holder_group

DEMO = Path(__file__).resolve().parents[1] / "imports" / "demo"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    store = open_store(tmp_path_factory.mktemp("groups") / "ipdb.sqlite")
    files = [DEMO / "专利清单_2026Q3.xlsx", DEMO / "企业名录_2026Q3.xlsx"]  # the list links holders afterwards
    assert all(r.error is None for r in import_files(store, files, ImportOptions(today=date(2026, 11, 1))))
    yield store
    store.close()


def test_every_fact_carries_the_first_group_of_its_holders(store):
    with store.engine.connect() as conn:
        holders: dict[int, list[str]] = {}
        for state_id, name, company_id in conn.execute(
            text("SELECT sh.state_id, h.name, h.company_id FROM right_state_holder sh JOIN holder h ON h.id = sh.holder_id")
        ):
            holders.setdefault(state_id, []).append(holder_group(name, company_id is not None))
        facts = conn.execute(text("SELECT state_id, holder_group FROM right_fact")).all()
    order = list(HOLDER_GROUP_ZH)
    expected = [min(holders.get(s, ["other"]), key=order.index) for s, _ in facts]
    assert [g for _, g in facts] == expected
    assert {"listed", "individual"} <= set(expected)  # linked by the enterprise list imported after the patents


def test_the_states_asked_for_drive_the_lookup(store):
    with store.engine.connect() as conn:
        right_groups.groups_of_states(conn, [1, 2, 3])
        plan = [row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {right_groups._OF_STATES}")]
    assert plan[0] == "SCAN t", plan
