"""One vocabulary: the codes the parsers store are the codes ipdb/vocabulary.py names, and old stores follow it."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

from support import one, query, write_sheet

from ipdb import vocabulary
from ipdb.figures.rankings import GROUPS
from ipdb.importers import KINDS
from ipdb.importers.kinds import common
from ipdb.store import SCHEMA_VERSION, open_store, schema_version
from ipdb.values.patent_numbers import PATENT_TYPE_CODES, PATENT_TYPE_KEYWORDS

PACKAGE = Path(__file__).resolve().parents[1] / "ipdb"


def test_kind_names_are_the_spec_titles():
    assert vocabulary.KIND_ZH == {kind: spec.title for kind, spec in KINDS.items()}
    assert set(vocabulary.KIND_WORDS.values()) <= set(KINDS)
    assert set(vocabulary.REGISTER_KINDS) == set(vocabulary.REGISTER_ZH) <= set(KINDS)
    assert set(vocabulary.PLEDGED_KINDS) <= set(vocabulary.REGISTER_KINDS)


def test_every_code_a_parser_stores_has_a_chinese_word():
    assert {code for _, code in common.LEVELS} == set(vocabulary.LEVEL_ZH)
    assert {code for _, code in common.AWARD_LEVELS} == set(vocabulary.AWARD_LEVEL_ZH)
    assert {code for _, code in common.NAV_KINDS} == set(vocabulary.NAV_KIND_ZH)
    assert {code for _, code in common.PROGRAMS} == set(vocabulary.PROGRAM_ZH)
    assert {code for _, code in common.DESIGNATION_CATEGORIES} == set(vocabulary.DESIGNATION_ZH)
    assert {code for _, code in PATENT_TYPE_KEYWORDS} | set(PATENT_TYPE_CODES.values()) == set(vocabulary.CATEGORY_ZH)
    assert GROUPS is vocabulary.GROUP_ZH


def test_no_query_names_a_pledged_kind_the_importer_never_writes():
    # the drift this guards against: 'patent' documented and queried while 'patents' was written
    written = re.compile(r"right_kind\s*(?:=|IN)\s*\(?((?:'[^']*'(?:,\s*)?)+)")
    named = set()
    for path in set(PACKAGE.rglob("*.py")) - {PACKAGE / "migrations.py"}:  # the migrations name the old codes
        for found in written.findall(path.read_text(encoding="utf-8")):
            named.update(re.findall(r"'([^']*)'", found))
    assert named, "the check found no query on pledged_right.right_kind"
    assert named <= set(vocabulary.PLEDGED_KINDS)


def test_fold_is_nfkc_without_whitespace():
    assert vocabulary.fold("ＺＬ２０１６ １０３１\u3000Ａ\t") == "ZL20161031A"
    assert vocabulary.fold("（有限公司）") == "(有限公司)"


def test_a_version_1_store_opens_with_its_pledged_rights_named_by_register(tmp_path):
    path = tmp_path / "v1.sqlite"
    store = open_store(path)
    headers = ["出质人", "融资金额（万元）", "质押登记日", "质押登记号", "质押物"]
    rows = [["甲公司", "500", "2026-03-05", "Y2026001", "201610311380.X；201710117081.7"],
            ["乙公司", "120", "2026-08-01", "Y2026002", "9023455"]]
    one(store, write_sheet(tmp_path / "质押.xlsx", headers, rows), as_of=date(2026, 9, 30))
    store.close()
    with sqlite3.connect(path) as conn:  # what version 1 could hold: singular codes, for one right both forms
        conn.execute("UPDATE pledged_right SET right_kind = substr(right_kind, 1, length(right_kind) - 1)")
        conn.execute("INSERT INTO pledged_right SELECT loan_id, 'patents', right_key FROM pledged_right "
                     "WHERE right_key LIKE '2016%'")
        conn.execute("PRAGMA user_version=1")
    store = open_store(path)
    assert schema_version(store) == SCHEMA_VERSION
    assert query(store, "SELECT l.registration_no, p.right_kind, p.right_key FROM pledged_right p "
                        "JOIN pledge_loan l ON l.id = p.loan_id ORDER BY 1, 3") == [
        ("Y2026001", "patents", "201610311380"), ("Y2026001", "patents", "201710117081"),
        ("Y2026002", "trademarks", "9023455")]
    assert query(store, "SELECT h.name, l.amount_yuan FROM pledge_loan l JOIN holder h ON h.id = l.holder_id ORDER BY 2") == [
        ("乙公司", 1_200_000), ("甲公司", 5_000_000)]
    store.close()
