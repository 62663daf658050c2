"""Settings: checked before they are stored, read back in one place; errors named for the condition."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipdb import errors, settings
from ipdb.cli import app, exit_code
from ipdb.store import open_store

PACKAGE = Path(__file__).resolve().parents[1] / "ipdb"


def test_a_setting_is_checked_stored_and_read_back_stripped(tmp_path):
    with open_store(tmp_path / "a.sqlite") as store:
        with pytest.raises(errors.InvalidValue, match="可设置的项目：district_name、high_value_pledge_min_yuan"):
            settings.set_setting(store, "district", "云溪区")
        with pytest.raises(errors.InvalidValue, match="以元为单位的整数"):
            settings.set_setting(store, settings.PLEDGE_MIN, "1000万")
        settings.set_setting(store, settings.DISTRICT_NAME, " 云溪区 ")
        settings.set_setting(store, settings.PLEDGE_MIN, "80000000")
        with store.engine.connect() as conn:
            assert settings.read_setting(conn, settings.DISTRICT_NAME) == "云溪区"
            assert settings.pledge_threshold(conn) == 80_000_000
        settings.set_setting(store, settings.DISTRICT_NAME, "  ")
        with store.engine.connect() as conn:
            assert settings.read_setting(conn, settings.DISTRICT_NAME) is None


def test_population_is_checked_and_stored_in_persons(tmp_path):
    with open_store(tmp_path / "a.sqlite") as store:
        with pytest.raises(errors.InvalidValue, match="人口应为正数"):
            settings.set_population(store, 2026, 0)
        settings.set_population(store, 2026, 51.23456)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT year, persons FROM population").all() == [(2026, 512346)]


def test_a_wrong_setting_on_the_command_line_exits_2_and_creates_no_store(tmp_path):
    db = tmp_path / "new.sqlite"
    result = CliRunner().invoke(app, ["config", "set", "district", "云溪区", "--db", str(db)])
    assert result.exit_code == 2 and "可设置的项目" in result.output
    assert not db.exists()


def test_the_store_closes_at_the_end_of_a_with_block(tmp_path):
    with open_store(tmp_path / "a.sqlite") as store:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        assert store.engine.pool.checkedin() == 1
    assert store.engine.pool.checkedin() == 0  # disposed: no connection left open on the file


@pytest.mark.parametrize(("error", "code"), [
    (errors.InvalidValue, 2), (errors.ConflictingOptions, 2), (errors.NotFound, 2), (errors.AmbiguousName, 2),
    (errors.BadOption, 2), (errors.UnreadableFile, 1), (errors.StoreError, 1), (errors.IpdbError, 1),
])
def test_the_cli_boundary_gives_each_condition_its_exit_code(error, code):
    assert exit_code(error("x")) == code


def test_an_unknown_right_exits_2_with_one_sentence(tmp_path):
    open_store(tmp_path / "a.sqlite").close()
    result = CliRunner().invoke(app, ["history", "ZL201610311380.X", "--db", str(tmp_path / "a.sqlite")])
    assert result.exit_code == 2 and "库中没有" in result.output and "Traceback" not in result.output


def _names_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
    }


def test_the_core_raises_no_command_line_errors():
    core = [p for p in PACKAGE.rglob("*.py") if "cli" not in p.relative_to(PACKAGE).parts and p.name != "errors.py"]
    assert core, "no core module found"
    assert [str(p.relative_to(PACKAGE)) for p in core if "BadOption" in _names_used(p)] == []


def test_the_setting_table_is_read_and_written_only_by_settings():
    touching = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if any(s in p.read_text(encoding="utf-8") for s in ("FROM setting", "INTO setting", "UPDATE setting"))
    ]
    assert touching == ["settings.py"]
