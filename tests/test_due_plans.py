"""The index-led register queries of the outreach lists (ipdb.figures.due_rights) give what the queries they
replaced gave, on a generated district: several registers, every status the lists read, co-held and unlisted
rights, filing dates around each term's end, several as-of dates and horizons."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from ipdb.figures import due, due_rights
from ipdb.figures.due import due_lists
from ipdb.figures.due_rights import OBSERVED_ON, RightRow, day, required_day
from ipdb.values.credit_codes import check_char as credit_check
from ipdb.values.patent_numbers import check_char

# The register query before issue 13 (rk): every fact row fetched, the state joined for every right.
OLD_RIGHTS_SQL = """
SELECT r.id, r.number, r.category, s.title, s.holders, s.status_raw, f.filing_date, f.ends_on, f.observed_on,
       c.id, c.credit_code, COALESCE(cf.name, c.key), cf.town,
       (SELECT MAX(o.as_of) FROM right_observation o WHERE o.right_id = r.id AND o.as_of <= :d)
FROM {source}
JOIN "right" r ON r.id = f.right_id
JOIN right_state s ON s.id = f.state_id
LEFT JOIN right_state_holder sh ON sh.state_id = f.state_id
LEFT JOIN holder h ON h.id = sh.holder_id
LEFT JOIN company c ON c.id = h.company_id
LEFT JOIN company_fact cf ON cf.company_id = c.id AND cf.lo <= :d AND :d < cf.hi
WHERE f.kind = :kind AND f.lo <= :d AND :d < f.hi AND {where}
ORDER BY r.id, sh.position
"""


def old_rights(conn, kind, where, params, company_id=None, states=None):  # type: ignore[no-untyped-def]
    """The old query: the plain column, the state joined, no index-only cut (the filing window: see the test)."""
    where = where.replace(OBSERVED_ON, "f.observed_on").replace("f.ends_on <= :d AND ", "")
    where = f"{where} AND {states}" if states else where
    source = "right_fact f"
    if company_id is not None:
        (source, held), params = due_rights.HELD_BY, {**params, "cid": company_id}
        where = f"{where} AND {held}"
    by_right: dict[int, list[Any]] = {}
    for row in conn.rows(OLD_RIGHTS_SQL.format(source=source, where=where), {"kind": kind, **params}):
        by_right.setdefault(row[0], []).append(row)
    for members in by_right.values():
        first = members[0]
        companies = tuple(dict.fromkeys((m[9], m[10], m[11], m[12]) for m in members if m[9] is not None))
        yield RightRow(
            first[1], first[2], first[3] or "", first[4], first[5] or "", day(first[6]), day(first[7]),
            required_day(first[8]), required_day(first[13] or first[8]), companies,
        )  # fmt: skip


COMPANIES = [(f"第{i}科技有限公司", f"91330106MA2H0A{i:03d}", f"街道{i % 3}") for i in range(1, 7)]
COMPANIES = [(name, code + credit_check(code), town) for name, code, town in COMPANIES]
HOLDERS = [c[0] for c in COMPANIES] + ["张三", "某某大学"]
STATUSES = ["有效", "有效", "等年费滞纳金", "未缴年费专利权终止", "实质审查", "专利权期限届满"]
PATENT_HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "专利权人"]
TM_HEADERS = ["注册号", "国际分类", "商标名称", "注册人", "注册公告日期", "专用权截止日", "商标状态"]
SNAPSHOTS = [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]
AS_OF = [date(2026, 9, 30), date(2026, 8, 15), date(2026, 4, 30), date(2031, 3, 1), date(2036, 3, 1)]


def _patents(rng: random.Random) -> list[list[Any]]:
    """Filing dates near each term's end for the as-of dates above (20, 10 and 15 years back)."""
    rows = []
    for n in range(160):
        years, code = rng.choice([(20, "1"), (10, "2"), (10, "3"), (15, "3"), (5, "3")])
        anchor = rng.choice(AS_OF)
        filed = date(anchor.year - years, anchor.month, 1) + timedelta(days=rng.randint(-40, 220))
        body = f"{filed.year}{code}{n:07d}"
        holders = "；".join(rng.sample(HOLDERS, rng.choice([1, 1, 2])))
        rows.append([f"{body}.{check_char(body)}", f"专利{n}", filed, filed + timedelta(days=900), None, holders])
    return rows


def _marks(rng: random.Random) -> list[list[Any]]:
    rows = []
    for n in range(60):
        ends = rng.choice(AS_OF) + timedelta(days=rng.randint(-220, 400))
        status = rng.choice(["已注册", "已注册", "注销", "已过期"])
        rows.append([f"{9100000 + n}", "9", f"标{n}", rng.choice(HOLDERS), "2016-01-01", ends, status])
    return rows


@pytest.fixture
def district(store, load):
    rng = random.Random(13)
    load("companies", ["企业名称", "统一社会信用代码", "所属街道"], [list(c) for c in COMPANIES[:4]], SNAPSHOTS[0])
    patents, marks = _patents(rng), _marks(rng)
    for snapshot in SNAPSHOTS:  # statuses move between quarters; some rights leave a complete snapshot
        for row in patents:
            row[4] = rng.choice(STATUSES)
        kept = [row for row in patents if rng.random() > 0.05]
        load("patents", PATENT_HEADERS, kept, snapshot, snapshot=True)
        load("trademarks", TM_HEADERS, marks, snapshot)
    load("companies", ["企业名称", "统一社会信用代码", "所属街道"], [list(c) for c in COMPANIES], SNAPSHOTS[-1])
    return store


@pytest.mark.parametrize("within", ["6m", "90d", "1y"])
def test_the_index_led_lists_equal_the_old_queries(district, monkeypatch, within):
    new = {d: due_lists(district, d, within) for d in AS_OF}
    ids = {i.company_id for lists in new.values() for i in lists.items if i.company_id is not None}
    mine = {(d, c): due_lists(district, d, within, company_id=c) for d in AS_OF[:2] for c in ids}
    monkeypatch.setattr(due, "rights", old_rights)
    monkeypatch.setattr(due, "SLACK", timedelta(days=400))  # wider than the old window of whole calendar years
    assert sum(len(lists.items) for lists in new.values()) > 40  # the district gives every list something to do
    assert {i.action for lists in new.values() for i in lists.items} >= {"续展", "专利权期限届满", "请求恢复权利"}
    for d, lists in new.items():
        assert lists == due_lists(district, d, within)
    for (d, company_id), lists in mine.items():
        assert lists == due_lists(district, d, within, company_id=company_id)

