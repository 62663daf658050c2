"""ipdb explain: the counted rows are the figure; near misses carry their reason; a published figure reconciles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support import reads_only
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.figures.explain import Scope, explain
from ipdb.figures.explain_sheets import export_explanation, row_dates
from ipdb.figures.explain_sources import SOURCES
from ipdb.figures.rankings import rank
from ipdb.figures.registry import DISTRICT
from ipdb.importers.pipeline import ImportOptions
from ipdb.inbox import import_inbox
from ipdb.periods import quarter, year_to_date
from ipdb.settings import set_population
from ipdb.store import open_store
from ipdb.values.patent_numbers import check_char
from ipdb.vocabulary import holder_group

ROOT = Path(__file__).resolve().parents[1]
DATES = (date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    import_inbox(store, ROOT / "imports" / "demo", ImportOptions(today=date(2026, 11, 28)))
    set_population(store, 2026, 51.2)
    yield store
    store.close()


def test_every_district_figure_has_its_rows():
    assert {m.key for m in DISTRICT} == set(SOURCES)


@pytest.mark.parametrize("day", DATES)
def test_the_counted_rows_are_the_figure_for_every_metric_on_the_demo(demo, day):
    for metric in DISTRICT:
        e = explain(demo, metric.key, as_of=day, period=year_to_date(day))
        counted = e.counted
        if SOURCES[metric.key].amount:
            assert sum(r.amount or 0 for r in counted) == pytest.approx(e.value or 0), metric.key
        elif metric.key == "invention_patents_per_10k":
            assert len(counted) == round((e.value or 0) * 51.2), metric.key  # the numerator, population 51.2万
        elif e.value is None:
            assert counted == (), metric.key
        else:
            assert len(counted) == e.value, metric.key
        assert len({(r.kind, r.number, r.category, r.holders, r.dates) for r in counted}) == len(counted), metric.key


def test_a_town_figure_counts_what_the_town_ranking_counts(demo):
    day = date(2026, 9, 30)
    for key in ("invention_patents", "trademarks_registered", "pledge_loans"):
        ranking = rank(demo, key, as_of=day, by="town", top=50)
        for row in ranking.rows[:3]:
            e = explain(demo, key, as_of=day, period=year_to_date(day), scope=Scope(town=row.name))
            assert (len(e.counted), e.value) == (row.value, row.value), (key, row.name)


def body(body: str) -> str:
    return f"{body}.{check_char(body)}"


JIA, CODE = "甲科技有限公司", "91330106MA2H0A1B2T"
HEADERS = ["申请号", "专利名称", "申请日", "授权公告日", "法律状态", "专利权人"]
A, B, C, D_, E, F, G, H = (body(f"2019100001{n:02d}") for n in range(1, 9))
F = body("201610000106")
G = body("201510000107")
J, K = body("202010000109"), body("202010000110")
S1, S2, D = date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)


def patents(*omit: str) -> list[list[object]]:
    rows = [
        [A, "计入", "2019-05-01", "2021-05-01", "有效", JIA],
        [B, "离开", "2019-05-02", "2021-05-02", "有效", JIA],
        [C, "失效无日期", "2019-05-03", "2021-05-03", "失效", JIA],
        [D_, "审中", "2019-05-04", None, "实质审查", JIA],
        [E, "个人的", "2019-05-05", "2021-05-05", "有效", "张三"],
        [F, "将满十年", "2016-10-15", "2018-01-01", "有效", JIA],
        [G, "十年以上", "2015-01-01", "2017-01-01", "有效", JIA],
        [H, "截止日后授权", "2019-05-08", "2026-02-15", "有效", JIA],
    ]
    return [r for r in rows if r[0] not in omit]


@pytest.fixture
def misses(store, load):
    load("companies", ["企业名称", "统一社会信用代码", "所属街道"], [[JIA, CODE, "城东街道"]], date(2026, 1, 1))
    load("patents", HEADERS, patents(), S1, snapshot=True)
    load("patents", HEADERS, patents(B), S2, snapshot=True)
    load("patents", HEADERS, [
        [J, "当季授权", "2020-01-01", "2026-08-01", "有效", JIA],
        [K, "上季末授权", "2020-01-02", "2026-06-20", "有效", JIA],
    ], D)  # fmt: skip
    return store


def reasons(e) -> dict[str, str]:
    return {r.number: r.reason for r in e.rows}


def test_each_kind_of_near_miss_has_its_code(misses):
    period = year_to_date(D)
    e = explain(misses, "invention_patents", as_of=D, period=period, near=True)
    assert reasons(e) == {A: "counted", E: "counted", F: "counted", G: "counted", H: "counted", J: "counted",
                          K: "counted", B: "left_snapshot", C: "dead_without_date", D_: "pending"}  # fmt: skip
    early = explain(misses, "invention_patents", as_of=date(2026, 1, 31), period=period, near=True)
    assert reasons(early)[H] == "granted_after_d" and reasons(early)[B] == "counted"
    ten = explain(misses, "invention_patents_10y", as_of=D, period=period, near=True)
    assert [r.number for r in ten.counted] == [G] and reasons(ten)[F] == "under_10_years"
    town = explain(misses, "invention_patents", as_of=D, period=period, scope=Scope(town="城东街道"), near=True)
    assert reasons(town)[E] == "holder_not_linked" and town.value == 6
    _, q3, _ = quarter("2026Q3")
    grants = explain(misses, "patent_grants", as_of=D, period=q3, near=True)
    assert reasons(grants) == {J: "counted", K: "outside_period"}


def test_a_published_figure_is_reconciled_by_the_groups(misses):
    e = explain(misses, "invention_patents", as_of=D, period=year_to_date(D), published=10)
    assert (e.value, e.published, e.difference) == (7, 10, 3)
    assert e.groups == {"dead_without_date": 1, "left_snapshot": 1, "pending": 1}
    assert e.holder_groups == {"listed": 6, "individual": 1}


def test_the_cli_json_contract(misses):
    args = ["explain", "invention_patents", "--as-of", "2026-09-30", "--published", "10", "--format", "json"]
    result = CliRunner().invoke(app, [*args, "--db", str(misses.path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len([r for r in data["rows"] if r["reason"] == "counted"]) == data["value"] == 7
    assert (data["metric"], data["published"], data["difference"]) == ("invention_patents", 10, 3)
    assert data["groups"] == {"dead_without_date": 1, "left_snapshot": 1, "pending": 1}
    required = {"number", "kind", "holders", "enterprise", "town", "reason", "batch", "sheet", "row"}
    assert all(required <= set(r) for r in data["rows"])
    first = next(r for r in data["rows"] if r["number"] == A)
    assert (first["enterprise"], first["town"], first["batch"], first["filing_date"]) == (
        JIA, "城东街道", "patents-3.xlsx", "2019-05-01")  # fmt: skip
    table = CliRunner().invoke(app, ["explain", "发明专利", "--as-of", "2026-09-30", "--near", "--db", str(misses.path)])
    assert table.exit_code == 0 and "快照中已离开" in table.stdout and "审中" in table.stdout
    wrong = CliRunner().invoke(app, ["explain", "no_such_metric", "--db", str(misses.path)])
    assert wrong.exit_code == 2 and "无法识别的指标" in wrong.stderr


def test_the_workbook_reads_back(misses, tmp_path):
    e = explain(misses, "invention_patents", as_of=D, period=year_to_date(D), published=10)
    book = load_workbook(export_explanation(e, "xlsx", tmp_path / "核对.xlsx"))
    assert book.sheetnames == ["计入", "未计入", "核对"]
    assert sorted(r[1] for r in book["计入"].iter_rows(min_row=3, values_only=True)) == sorted(
        r.number for r in e.counted
    )
    assert {r[0]: r[1] for r in book["核对"].iter_rows(values_only=True)}["公布数字"] == 10


@pytest.mark.parametrize(("name", "group"), [
    ("甲科技有限公司", "enterprise"), ("浙江大学", "institute"), ("浙江大学科技园发展有限公司", "enterprise"),
    ("某某研究所", "institute"), ("张三", "individual"), ("欧阳娜娜", "individual"), ("ACME Inc.", "enterprise"),
    ("某某协会理事会", "other"),
])  # fmt: skip
def test_holder_groups(name, group):
    assert holder_group(name) == group


@pytest.mark.parametrize("day", DATES)
def test_the_district_breakdown_by_holder_group_equals_explains(demo, day):
    from ipdb.vocabulary import HOLDER_GROUP_ZH

    e = explain(demo, "invention_patents", as_of=day, period=year_to_date(day))
    assert dict(e.figure.breakdown) == {HOLDER_GROUP_ZH[k]: n for k, n in e.holder_groups.items()}
    assert sum(n for _, n in e.figure.breakdown) == e.value


def test_loans_and_cases_just_outside_the_period_are_near_misses(demo):
    as_of, q3, _ = quarter("2026Q3")
    for key, date_key in (("pledge_loans", "registered_on"), ("trademark_cases", "closed_on")):
        e = explain(demo, key, as_of=as_of, period=q3, near=True)
        near = [r for r in e.rows if r.reason != "counted"]
        assert near and {r.reason for r in near} == {"outside_period"}, key
        days = [row_dates(r)[date_key] for r in near]
        assert all("2026-06-01" <= d < "2026-07-01" or "2026-09-30" < d <= "2026-10-31" for d in days), key
        assert all(q3.start.isoformat() <= row_dates(r)[date_key] <= q3.end.isoformat() for r in e.counted), key


def test_a_long_list_shows_its_first_rows_and_the_command_that_writes_them_all(misses, monkeypatch, tmp_path):
    import shlex

    from ipdb.cli import explaining

    monkeypatch.setattr(explaining, "SHOWN_ROWS", 2)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # not the store's folder: the hint must name the store
    args = ["explain", "发明专利", "--as-of", "2026-09-30", "--near", "--published", "10", "--db", str(misses.path)]
    shown = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "计入（7 条，列出前 2 条）" in shown.stdout and "另有 5 条未列出" in shown.stdout
    assert [n for n in sorted((A, E, F, G, H, J, K)) if n in shown.stdout] == [G, F]  # the first rows by number
    assert "另有 1 条未列出" in shown.stdout and "差额（公布 - 本系统）" in shown.stdout
    hint = next(line for line in shown.stdout.splitlines() if "另有 5 条" in line).split("全部明细：")[1]
    words = shlex.split(hint)
    assert words[0] == "ipdb" and "--db" in words and "--published" in words
    written = CliRunner().invoke(app, words[1:])
    assert written.exit_code == 0, written.output
    book = load_workbook(tmp_path / "elsewhere" / "reports" / "发明专利拥有量明细_全区_2026-09-30.xlsx")
    assert sorted(r[1] for r in book["计入"].iter_rows(min_row=3, values_only=True)) == sorted((A, E, F, G, H, J, K))
    assert len(list(book["未计入"].iter_rows(min_row=3))) == 3


def test_explain_reads_in_a_transaction_that_may_not_write(misses, monkeypatch):
    """A READ ONLY transaction (PostgreSQL's for a reading command) forbids even a temporary table; SQLite's
    query_only is the same rule. Every scope and the near misses are still explained."""
    reads_only(monkeypatch)
    for scope in (Scope(), Scope(town="城东街道"), Scope(enterprise=JIA)):
        e = explain(misses, "invention_patents", as_of=D, period=year_to_date(D), scope=scope, near=True)
        assert {r.reason for r in e.rows} >= {"counted", "pending"}, scope
        assert e.value == 7 if scope == Scope() else 6, scope


def test_a_terminal_list_reads_only_the_rows_it_shows(misses, monkeypatch):
    """The counts come from the database; of the rows, only those shown are read and made (a city's 300k are not)."""
    from ipdb.cli import explaining
    from ipdb.figures import explain as explain_module

    made = []
    row = explain_module._row
    monkeypatch.setattr(explain_module, "_row", lambda *a: made.append(a[0][1]) or row(*a))
    monkeypatch.setattr(explain_module, "BLOCK", 2, raising=False)
    monkeypatch.setattr(explaining, "SHOWN_ROWS", 2)
    args = ["explain", "发明专利", "--as-of", "2026-09-30", "--near", "--db", str(misses.path)]
    shown = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "计入（7 条，列出前 2 条）" in shown.stdout and "未计入（相近口径会计入）（3 条，列出前 2 条）" in shown.stdout
    assert len(made) == 4, made  # two counted, two near misses
