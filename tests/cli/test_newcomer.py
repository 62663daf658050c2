"""A newcomer's first week (issue 10): the demo kept apart, hints that work as printed, tables that fit
80 columns with every date and number whole, a GBK console."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from ipdb.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


DEMO_OUTPUT: list[str] = []


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    """A copy of the project folder's inbox where `ipdb demo` has run once (its output in DEMO_OUTPUT)."""
    folder = tmp_path_factory.mktemp("desk")
    shutil.copytree(ROOT / "imports" / "demo", folder / "imports" / "demo")
    with contextlib.chdir(folder):
        result = runner.invoke(app, ["demo", "--no-docx"])
    assert result.exit_code == 0, result.output
    assert (folder / "demo.sqlite").is_file() and not (folder / "ipdb.sqlite").exists()
    flat = result.output.replace("\n", "")
    assert "演示数据库「demo.sqlite」" in flat and "正式数据库没有改动" in flat
    DEMO_OUTPUT[:] = [result.output]
    return folder


def ipdb(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    with contextlib.chdir(folder):
        return runner.invoke(app, list(args))


def test_run_needs_a_folder(tmp_path):
    result = ipdb(tmp_path, "run", "--quarter", "2026Q3")
    assert result.exit_code == 2 and "缺少参数" in result.output
    assert not (tmp_path / "ipdb.sqlite").exists()


def hints(output: str) -> list[str]:
    """Every `ipdb …` command the output suggests, as printed (up to a closing bracket, 。, 查看 or the line's end)."""
    return [m.strip() for m in re.findall(r"(?<![\w/])ipdb [a-z].*?(?=）|\)|。| 查看|$)", output, re.MULTILINE)]


def test_every_hint_of_the_demo_names_the_demo_database_and_runs(desk):
    found = hints(DEMO_OUTPUT[0])
    assert any(h.startswith("ipdb rejects --db demo.sqlite 5 --warnings") for h in found), found
    assert all("--db demo.sqlite" in h for h in found), found
    for hint in set(found):
        args = shlex.split(hint)[1:]
        done = ipdb(desk, *args)
        assert done.exit_code == 0, (hint, done.output)
    assert not (desk / "ipdb.sqlite").exists()


def test_the_remembered_database_is_used_by_plain_commands(tmp_path, desk):
    for name in ("demo.sqlite", "demo.sqlite-wal"):  # the demo's connections may still be open, with a WAL
        if (desk / name).exists():
            (tmp_path / name).write_bytes((desk / name).read_bytes())
    assert ipdb(tmp_path, "config", "db", "demo.sqlite").exit_code == 0
    assert (tmp_path / "ipdb.toml").read_text(encoding="utf-8") == 'db = "demo.sqlite"\n'
    listed = json.loads(ipdb(tmp_path, "batches", "--format", "json").stdout)
    assert len(listed) == 15
    shown = ipdb(tmp_path, "config", "show")
    assert shown.exit_code == 0 and "ipdb.toml" in shown.output and "district_name" in shown.output
    result = ipdb(tmp_path, "rejects", "99")
    assert result.exit_code == 2 and "ipdb batches" in result.output and "--db" not in result.output
    assert not (tmp_path / "ipdb.sqlite").exists()


def test_config_population_in_words_is_one_chinese_sentence(tmp_path):
    result = ipdb(tmp_path, "config", "population", "2026", "五十万")
    assert result.exit_code == 2 and "以万人为单位的数字" in result.output
    assert ipdb(tmp_path, "config", "population", "2026", "５１.２万").exit_code == 0
    assert "51.2" in ipdb(tmp_path, "config", "show").output


def _amount(value: float | int) -> str:
    return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"


# each table, and the values of its JSON twin that must stand whole on one line of it
TABLES = {
    "batches": (("batches",), lambda d: [b["as_of"] for b in d] + [f"{b['rows']:,}" for b in d]),
    "rejects": (("rejects", "--warnings"), lambda d: [str(r["row"]) for r in d] + [r["value"] for r in d]),
    "history": (("history", "ZL201211507339.8"), lambda d: [o["as_of"] for h in d for o in h["observations"]]),
    "rank": (
        ("rank", "质押融资", "--quarter", "2026Q3", "--compare", "2026Q2"),
        lambda d: [_amount(r["value"]) for r in d] + [_amount(r["change"]) for r in d if r["change"]],
    ),
    "rank-town": (("rank", "发明专利", "--as-of", "2026-09-30", "--by", "town"), lambda d: [r["name"] for r in d]),
    "unmatched": (("unmatched",), lambda d: [f"{r['rights']:,}" for r in d]),
    "company": (
        ("company", "杭州云溪智能装备股份有限公司", "--as-of", "2026-09-30"),
        lambda d: [p["number"] for p in d["patents"]] + [p["filing_date"] for p in d["patents"] if p["filing_date"]],
    ),
}


@pytest.mark.parametrize("name", list(TABLES))
def test_tables_at_80_columns_keep_every_date_and_number_whole(desk, name):
    args, whole = TABLES[name]
    result = ipdb(desk, *args, "--db", "demo.sqlite")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    values = whole(json.loads(ipdb(desk, *args, "--db", "demo.sqlite", "--format", "json").stdout))
    assert values
    for value in values:
        assert any(value.lstrip("+") in line for line in lines), (value, result.stdout)


def test_a_gbk_console_prints_every_table(desk):
    """A Windows console on code page 936: stdout encodes strictly as GBK, so one unprintable sign fails."""
    gbk = CliRunner(charset="gbk")
    tables = [args for args, _ in TABLES.values()]
    for args in [("summary", "--quarter", "2026Q3"), *tables, ("config", "show")]:
        with contextlib.chdir(desk):
            result = gbk.invoke(app, [*args, "--db", "demo.sqlite"])
        assert result.exit_code == 0, (args, result.output)
        assert re.search(r"[\u4e00-\u9fff]", result.stdout_bytes.decode("gbk")), args
    for args in (["--help"], ["rank", "--help"], ["import", "--help"]):
        result = gbk.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)


def test_python_dash_m_ipdb_on_a_gbk_console(desk):
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-m", "ipdb", "summary", "--quarter", "2026Q3", "--db", "demo.sqlite"],
                          cwd=desk, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert "发明专利拥有量" in done.stdout.decode("gbk")


def test_the_hint_rewriter_knows_every_command_that_takes_db(tmp_path):
    from ipdb.cli.hints import db_commands, forget_store, remember_store, runnable

    assert {"summary", "rejects", "run", "demo", "config show", "config population"} <= db_commands()
    assert "templates" not in db_commands() and "config db" not in db_commands()
    remember_store(tmp_path / "其他.sqlite")
    try:
        assert runnable("用 ipdb batches 查看。") == f"用 ipdb batches --db {tmp_path / '其他.sqlite'} 查看。"
        assert runnable("运行 ipdb rank --help 查看") == "运行 ipdb rank --help 查看"
        assert runnable("它不是 ipdb 数据库") == "它不是 ipdb 数据库"
        assert runnable("ipdb templates") == "ipdb templates"
    finally:
        forget_store()


def _commands() -> list[list[str]]:
    import typer

    group = typer.main.get_command(app)
    found = [[]]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        found.append([name])
        found.extend([name, sub] for sub in getattr(command, "commands", {}))
    return found


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "ipdb")
def test_help_at_80_columns_is_chinese_and_whole(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "用法：" in text and "…" not in text, text
    for english in ("<list", "<str>", "<int", "<path>", "<bool>", "Show this message", "Usage:", "Options", "[OPTIONS]",
                    "x>=", "[default", "[required]"):
        assert english not in text, (english, text)
    assert max(cell_len(line) for line in text.splitlines()) <= 80


def test_kind_help_lists_the_chinese_names_and_they_are_accepted(tmp_path):
    text = "".join(runner.invoke(app, ["import", "--help"]).stdout.split())
    assert "专利清单（patents）" in text and "商标违法案件（cases）" in text
    from ipdb.kind_names import resolve_kind

    assert resolve_kind("专利清单") == "patents" and resolve_kind("知识产权质押融资台账") == "pledges"


@pytest.mark.parametrize(("args", "words"), [
    (["rank", "发明专利", "--top", "x"], "--top 的值不对（应为整数）"),
    (["summary", "--format", "jsn"], "--format 的值不对（「jsn」不是可选的值"),
    (["history", "a", "b"], "多出了「b」"),
    (["rank"], "缺少参数 指标"),
    (["rank", "发明专力", "--as-of", "2026-09-30"], "（最接近的：发明专利"),
    (["import", "x.xlsx", "--kind", "专力"], "（最接近的：专利"),
    (["rank", "发明专利", "--by", "twn"], "（最接近的：town）"),
])
def test_small_mistakes_get_chinese_guidance(desk, args, words):
    result = ipdb(desk, *args, "--db", "demo.sqlite")
    assert result.exit_code == 2, result.output
    assert words in result.output.replace("\n", ""), result.output
    assert not re.search(r"\b(Input|Got|Invalid|Missing|should|valid)\b", result.output), result.output


def test_debug_works_after_the_subcommand_too(desk):
    from ipdb.errors import InvalidValue

    for args in (["--debug", "summary", "--as-of", "2026-02-30"], ["summary", "--as-of", "2026-02-30", "--debug"]):
        result = ipdb(desk, *args, "--db", "demo.sqlite")
        assert isinstance(result.exception, InvalidValue), (args, result.output)


def _readme_examples() -> list[str]:
    """The command lines of the README's 日常使用 section (each code line that starts with `ipdb `)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## 日常使用", 1)[1].split("\n## ", 1)[0]
    return [line.split("  #")[0].strip() for line in section.splitlines() if line.startswith("ipdb ")]


def _help_examples() -> list[str]:
    import typer

    found = []
    for path in _commands()[1:]:
        group = typer.main.get_command(app)
        command = group.commands[path[0]]  # type: ignore[attr-defined]
        if len(path) == 2:
            command = command.commands[path[1]]
        found += re.findall(r"示例：(ipdb [^\n\\]+)", command.help or "")
    return found


def test_every_readme_and_help_example_runs_on_the_demo(desk, tmp_path):
    shutil.copytree(desk / "imports", tmp_path / "imports")
    for name in ("demo.sqlite", "demo.sqlite-wal"):
        if (desk / name).exists():
            (tmp_path / name).write_bytes((desk / name).read_bytes())
    examples = list(dict.fromkeys(_readme_examples() + _help_examples()))
    assert len(examples) > 30 and "ipdb config db demo.sqlite" in examples
    last = [e for e in examples if e.startswith("ipdb undo")]  # undo last: it takes a batch away
    for example in ["ipdb config db demo.sqlite", *(e for e in examples if e not in last), *last]:
        with contextlib.chdir(tmp_path):
            result = runner.invoke(app, shlex.split(example)[1:], input="y\n")  # undo asks
        assert result.exit_code == 0, (example, result.output)


def test_an_empty_folder_is_one_sentence_and_a_stray_note_is_skipped(tmp_path):
    (tmp_path / "空").mkdir()
    result = ipdb(tmp_path, "import", "空", "--db", "x.sqlite")
    assert result.exit_code == 2 and "中没有表格文件" in result.output
    inbox = tmp_path / "收件"
    inbox.mkdir()
    shutil.copy(ROOT / "imports" / "demo" / "商标违法案件_2026.csv", inbox)
    (inbox / "notes.txt").write_text("周一记得报送\n", encoding="utf-8")
    (inbox / "说明.pdf").write_bytes(b"%PDF-1.4")
    result = ipdb(tmp_path, "import", "收件", "--as-of", "2026-09-30", "--db", "x.sqlite")
    assert result.exit_code == 0, result.output
    assert "「notes.txt」不是表格文件" in result.output and "「说明.pdf」不是表格文件" in result.output
    assert "未导入" not in result.output


def test_templates_leave_unchanged_templates_untouched(tmp_path):
    assert ipdb(tmp_path, "templates").exit_code == 0
    folder = tmp_path / "imports" / "templates"
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}
    assert len(before) == 11
    result = ipdb(tmp_path, "templates")
    assert result.exit_code == 0 and "写入 0 个" in result.output
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()} == before
