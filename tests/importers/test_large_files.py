"""A file larger than the parse cache's review interval: every row parsed as in a small file (issue 13)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from support import one, query

from ipdb.importers.rows import CACHE_REVIEW
from ipdb.store import open_store
from ipdb.values.patent_numbers import check_char


def _number(i: int) -> str:
    body = f"2019{1 + i % 3}{i:07d}"
    return f"{body}.{check_char(body)}"


def test_unique_and_repeating_columns_parse_alike_past_the_cache_review(tmp_path: Path):
    rows = CACHE_REVIEW * 2 + 10
    bad = {5, CACHE_REVIEW + 7, rows - 1}  # an unreadable date before and after the caches are reviewed
    path = tmp_path / "专利.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["申请号", "专利名称", "申请日", "法律状态", "专利权人"])
        for i in range(rows):
            writer.writerow([_number(i), f"专利{i}", "无效日期" if i in bad else "2019-03-01", "有效", f"企业{i % 7}有限公司"])
    with open_store(tmp_path / "x.sqlite") as store:
        report = one(store, path, kind="patents", as_of=date(2026, 3, 31))
        assert (report.inserted, report.rejected) == (rows - len(bad), len(bad))
        assert sorted(i.row for i in report.issues if i.severity == "reject") == sorted(i + 2 for i in bad)
        assert query(store, "SELECT COUNT(DISTINCT title), COUNT(DISTINCT status_raw) FROM right_state") == [
            (rows - len(bad), 1)
        ]
