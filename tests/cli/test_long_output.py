"""Long tables are streamed and JSON is written as it is made (issue 13, sd): both print, to the byte, what the
whole-text code printed (Rich's table; ``json.dumps`` of the whole list)."""

from __future__ import annotations

import copy
import io
import json
import random
from dataclasses import asdict
from datetime import date

import pytest
from rich.console import Console
from test_due_plans import COMPANIES, district  # noqa: F401  (the generated district: every list has rows)
from typer.testing import CliRunner

from ipdb.cli import app, streamed
from ipdb.cli.layout import Col, fitted_table
from ipdb.cli.render import new_table
from ipdb.figures.due import JSON_KEYS, due_lists
from ipdb.figures.portfolio import company_portfolio

D = date(2026, 9, 30)
# Cells of every kind the renderer treats apart: CJK (two cells a character), words that fold, markup, an
# emoji code's colon, edge spaces, a full-width space (not printable), half-width kana, combining marks, a
# variation selector.
WORDS = ["杭州云溪智能装备股份有限公司", "城西街道", "ZL202310000001.1", "发明", "A very long english name", "Ltd",
         "（名录外）", "[green]有效[/]", "[dim]失效[/]", "缴纳年费及滞纳金", "2026-10-01", "", " ", "x", "ab:cd",
         "A  B", "ｱｲｳ", "é", "e\u0301", "\u3000空", "12,345", "✈\ufe0f"]  # fmt: skip
HEADERS = ("到期日", "剩余天数", "企业", "街道/镇", "号码", "办理事项")


def _printed(renderable, width: int, terminal: bool) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False, force_terminal=terminal,
                      color_system="truecolor" if terminal else None)  # fmt: skip
    if isinstance(renderable, streamed.StreamedTable) and terminal:
        renderable.stream(console)  # as ipdb.cli.output.show writes it
    else:
        console.print(renderable)
    return out.getvalue()


@pytest.mark.parametrize("seed", range(4))
def test_a_streamed_table_prints_what_rich_prints(seed, monkeypatch):
    monkeypatch.setattr(streamed, "BLOCK", 3)  # several blocks a table
    rng = random.Random(seed)
    for _ in range(25):
        title = "年费提醒（N 条）很长的标题" * rng.randint(1, 3)
        table = new_table(title, *HEADERS, numeric=("剩余天数",))
        if rng.random() < 0.3:
            table.caption = "（窗口较窄，未显示：街道；加宽窗口或用 --format json 查看）"
        cell = lambda: " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 3)))  # noqa: E731
        rows = [[cell() for _ in HEADERS] for _ in range(rng.randint(0, 12))]
        whole = copy.deepcopy(table)
        for row in rows:
            whole.add_row(*row)
        width, terminal = rng.choice([24, 40, 80, 200, rng.randint(20, 250)]), rng.random() < 0.5
        made = streamed.StreamedTable(table, rows, lambda row: row)
        assert _printed(made, width, terminal) == _printed(whole, width, terminal), (width, terminal, rows)


@pytest.mark.parametrize("seed", range(3))
def test_a_streamed_fitted_table_prints_what_rich_prints(seed, monkeypatch):
    """fitted_table's columns: codes and numbers that never wrap, names folding above a minimum, dropped ones."""
    monkeypatch.setattr(streamed, "BLOCK", 3)
    rng = random.Random(seed)
    for _ in range(20):
        columns = [Col(f"列{i}" * rng.randint(1, 3), rng.choice(["code", "number", "name"]), rng.choice([0, 0, 1, 2]),
                       rng.choice([8, 12, 20])) for i in range(rng.randint(1, 6))]  # fmt: skip
        cell = lambda: " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 2)))  # noqa: E731
        rows = [[cell() for _ in columns] for _ in range(rng.randint(1, 10))]
        width, terminal = rng.choice([40, 80, 120, rng.randint(30, 200)]), rng.random() < 0.5
        monkeypatch.setenv("COLUMNS", str(width))  # fitted_table chooses its columns for the console's width
        made = []
        for limit in (10**9, 0):  # filled in, then streamed
            monkeypatch.setattr(streamed, "STREAMED_ROWS", limit)
            made.append(_printed(fitted_table("标题", columns, rows), width, terminal))
        assert made[0] == made[1], (width, terminal, columns, rows)


def _cli(*args: str, columns: str = "160") -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("columns", ["40", "160"])
def test_due_and_company_print_the_same_tables_streamed(district, monkeypatch, columns):  # noqa: F811
    commands = [("due", "--as-of", D.isoformat()), ("company", COMPANIES[0][0], "--as-of", D.isoformat()),
                ("left", "--as-of", "2026-06-30"), ("explain", "invention_patents", "--as-of", D.isoformat()),
                ("batches",), ("unmatched",)]  # fmt: skip
    commands = [(*command, "--db", str(district.path)) for command in commands]
    whole = [_cli(*command, columns=columns) for command in commands]
    streams = []
    monkeypatch.setattr(streamed, "STREAMED_ROWS", 0)
    monkeypatch.setattr(streamed, "BLOCK", 2)
    monkeypatch.setattr(streamed.StreamedTable, "stream", _counted(streamed.StreamedTable.stream, streams))
    assert [_cli(*command, columns=columns) for command in commands] == whole
    assert len(streams) >= 9  # due: 3 lists; company: patents, marks; left, explain, batches, unmatched


def _counted(stream, calls):  # type: ignore[no-untyped-def]
    def counted(self, console):  # type: ignore[no-untyped-def]
        calls.append(self)
        return stream(self, console)

    return counted


def _old_due_json(lists):  # type: ignore[no-untyped-def]
    """ipdb.figures.due.due_json before the JSON was streamed (verbatim)."""
    return [
        {key: (value.isoformat() if isinstance(value, date) else value) for key in JSON_KEYS
         for value in (getattr(item, key),)}
        for item in lists.items
    ]  # fmt: skip


def test_streamed_json_is_the_text_the_whole_dump_made(district):  # noqa: F811
    def old(data):  # type: ignore[no-untyped-def]  # print_json before
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"

    db = ("--db", str(district.path))
    due = _cli("due", "--as-of", D.isoformat(), "--format", "json", *db)
    expected = _old_due_json(due_lists(district, D))
    assert len(expected) > 20 and json.loads(due) == expected and due == old(expected)
    name = COMPANIES[0][0]
    company = _cli("company", name, "--as-of", D.isoformat(), "--format", "json", *db)
    expected = asdict(company_portfolio(district, name, D))
    assert expected["patents"] and expected["deadlines"]
    assert json.loads(company) == json.loads(old(expected)) and company == old(expected)
    empty = _cli("due", "--as-of", "2001-01-01", "--format", "json", *db)
    assert empty == old([]) == "[]\n"


def test_streamed_json_holds_about_a_megabyte_of_text_at_a_time():
    """A long list is written as it is made: no write (and so no joined text held) much beyond FLUSH_CHARS."""
    from ipdb.cli import jsontext

    class Writes(io.StringIO):
        largest = 0

        def write(self, text: str) -> int:
            self.largest = max(self.largest, len(text))
            return super().write(text)

    rows = ({"number": f"{i:012d}", "holders": "云溪第一号科技有限公司" * 4, "amount": i / 7} for i in range(40_000))
    out = Writes()
    jsontext.write_json({"rows": rows}, out)
    assert json.loads(out.getvalue())["rows"][-1]["number"] == f"{39_999:012d}"
    block = len(json.dumps([{"number": "0" * 12, "holders": "云溪第一号科技有限公司" * 4, "amount": 1 / 7}] * 500, indent=2))
    assert out.largest <= (1 << 20) + 2 * block, out.largest
