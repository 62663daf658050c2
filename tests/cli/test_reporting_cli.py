"""summary / rank / company / config / run end to end through CliRunner, on the demo district."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.importers.pipeline import ImportOptions
from ipdb.inbox import import_inbox
from ipdb.store import open_store

ROOT = Path(__file__).resolve().parents[2]
FACTS = json.loads((ROOT / "tools" / "demo_facts.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    store = open_store(path)
    import_inbox(store, ROOT / "imports" / "demo", ImportOptions(today=date(2026, 11, 28)))
    store.close()
    return path


def invoke(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--db", str(db)], terminal_width=80)


def test_summary_json_matches_the_demo_ground_truth(demo_db):
    result = invoke(demo_db, "summary", "--as-of", "2026-09-30", "--period", "2026Q3", "--compare", "2026-06-30",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    truth, before, quarter = FACTS["figures"]["2026-09-30"], FACTS["figures"]["2026-06-30"], FACTS["figures"]["2026Q3"]
    for key in ("invention_patents", "invention_patents_10y", "patents_in_force", "trademarks_registered",
                "madrid_registrations", "well_known_marks", "ip_standard_enterprises", "national_demo_enterprises",
                "national_advantage_enterprises"):
        assert data[key] == truth[key], key
        assert data["previous"][key] == before[key], key
    assert data["pledge_amount"] == quarter["pledge_amount_wan"]
    assert (data["pledge_loans"], data["pledge_enterprises"]) == (quarter["pledge_loans"], quarter["pledge_enterprises"])
    assert (data["patent_grants"], data["trademark_cases"]) == (quarter["patent_grants"], quarter["trademark_cases_closed"])
    assert data["as_of"] == "2026-09-30" and data["period"]["start"] == "2026-07-01"


def test_summary_without_compare_has_no_previous_and_year_figures(demo_db):
    data = json.loads(invoke(demo_db, "summary", "--as-of", "2026-12-31", "--period", "2026", "--format", "json").stdout)
    year = FACTS["figures"]["2026"]
    assert "previous" not in data
    assert data["navigation_projects"] == year["navigation_projects"]
    assert data["high_value_portfolio_projects"] == year["high_value_portfolio_projects"]
    assert (data["fund_enterprises"], data["fund_amount"]) == (year["fund_enterprises"], year["fund_amount_wan"])


def test_summary_table_fits_80_columns_in_chinese(demo_db):
    result = invoke(demo_db, "summary", "--quarter", "2026Q3")
    assert result.exit_code == 0, result.output
    assert "发明专利拥有量" in result.stdout and "口径" in result.stdout and "当年累计" in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    assert "截至2026年9月30日，全区注册商标拥有量207件" in result.stdout.replace("\n", "")


def test_rank_json_with_comparison_matches_ground_truth(demo_db):
    result = invoke(demo_db, "rank", "发明专利", "--as-of", "2026-09-30", "--compare", "2026Q2", "--top", "5",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    expected = FACTS["rankings"]["invention_patents"]["2026-09-30"]
    assert [(r["name"], r["value"]) for r in rows] == [(e["name"], e["value"]) for e in expected][: len(rows)]
    renamed = next(r for r in rows if r["name"] == "杭州数策智能科技有限公司")
    assert (renamed["previous_value"], renamed["previous_rank"]) == (10, 3)  # one identity across the rename
    assert all({"rank", "name", "value", "previous_value", "previous_rank", "change"} <= set(r) for r in rows)


def test_rank_by_town_csv_has_bom_and_chinese_headers(demo_db, tmp_path):
    out = tmp_path / "towns.csv"
    result = invoke(demo_db, "rank", "invention_patents", "--as-of", "2026-09-30", "--by", "town", "--format", "csv",
                    "-o", str(out))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    by_town = FACTS["invention_patents_by_town"]["2026-09-30"]
    assert rows[0][:2] == ["排名", "街道"]
    assert {r[1]: int(r[2]) for r in rows[1:]} == by_town


def test_rank_xlsx_export(demo_db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "rank.xlsx"
    assert invoke(demo_db, "rank", "质押融资", "--as-of", "2026-09-30", "--format", "xlsx", "-o", str(out)).exit_code == 0
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "排名" and sheet["D2"].number_format == "#,##0.00"


def test_unknown_metric_and_bad_date_are_explained(demo_db):
    result = invoke(demo_db, "rank", "专利大王", "--as-of", "2026-09-30")
    assert result.exit_code == 2 and "指标" in result.output and "Traceback" not in result.output
    result = invoke(demo_db, "summary", "--as-of", "2026-02-30")
    assert result.exit_code == 2 and "2026-02-30" in result.output


def test_company_by_former_name(demo_db):
    result = invoke(demo_db, "company", "杭州数策软件技术有限公司", "--as-of", "2026-09-30", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "杭州数策智能科技有限公司" and "杭州数策软件技术有限公司" in data["former_names"]
    assert data["counts"]["inventions"] == 11


def test_config_population_enables_per_10k(tmp_path, demo_db):
    db = tmp_path / "copy.sqlite"
    db.write_bytes(demo_db.read_bytes())
    assert invoke(db, "config", "population", "2026", "55").exit_code == 0
    data = json.loads(invoke(db, "summary", "--as-of", "2026-09-30", "--format", "json").stdout)
    assert data["invention_patents_per_10k"] == pytest.approx(138 / 55)


def test_run_is_the_whole_main_job(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(ROOT / "imports" / "demo", tmp_path / "imports" / "demo")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", "imports/demo", "--quarter", "2026Q3", "--db", "demo.sqlite"], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "导入结果" in result.stdout and "发明专利拥有量" in result.stdout
    assert (tmp_path / "reports" / "2026Q3 知识产权季度简报.xlsx").exists()
    assert (tmp_path / "reports" / "2026Q3 知识产权季度简报.docx").exists()
    again = runner.invoke(app, ["run", "imports/demo", "--quarter", "2026Q3", "--db", "demo.sqlite", "--no-docx"])
    assert again.exit_code == 0 and "本次未做任何更改" in again.stdout.replace("\n", "")


def test_usage_mistakes_are_explained_in_chinese(tmp_path):
    db = tmp_path / "empty.sqlite"
    open_store(db).close()
    for args, words in ((["rank"], "缺少参数"), (["summary", "--bogus"], "没有 --bogus 这个选项"),
                        (["frobnicate"], "没有这个命令")):
        result = runner.invoke(app, [*args, "--db", str(db)] if args[0] != "frobnicate" else args)
        assert result.exit_code == 2 and words in result.output, result.output
    result = runner.invoke(app, ["summary", "--as-of", "2026-09-30", "--db", str(db)])
    assert result.exit_code == 0 and "还没有导入任何清单" in result.output
