"""The terminal portfolio shows the soonest SHOWN_DEADLINES deadlines and says how to list the rest; JSON keeps
them all, and the command it names lists exactly those."""

from __future__ import annotations

import json
import shlex
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.cli.tables import SHOWN_DEADLINES

D = date(2026, 9, 30)
JIA, CODE = "甲科技有限公司", "91330106MA2H0A1B2T"
TM_HEADERS = ["注册号", "国际分类", "商标名称", "注册人", "注册公告日期", "专用权截止日", "商标状态"]


def district(store, load, marks: int):  # type: ignore[no-untyped-def]
    load("companies", ["企业名称", "统一社会信用代码", "所属街道"], [[JIA, CODE, "城东街道"]], D)
    rows = [[f"{9100000 + n}", "9", f"标{n}", JIA, "2016-01-01", (D + timedelta(days=n + 1)).isoformat(), "已注册"]
            for n in range(marks)]  # fmt: skip
    load("trademarks", TM_HEADERS, rows, D)
    return store


def run(store, *args: str) -> str:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, [*args, "--as-of", "2026-09-30", "--db", str(store.path)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("marks", [SHOWN_DEADLINES, SHOWN_DEADLINES + 1])
def test_the_portfolio_shows_the_soonest_deadlines_and_points_to_the_rest(store, load, marks):
    district(store, load, marks)
    table = run(store, "company", JIA).split("近期到期提醒")[1]  # the rights' own list names them too
    listed = [str(9100000 + n) for n in range(marks) if str(9100000 + n) in table]
    assert listed == [str(9100000 + n) for n in range(SHOWN_DEADLINES)]  # the soonest, in deadline order
    whole = json.loads(run(store, "company", JIA, "--format", "json"))["deadlines"]
    assert [d["number"] for d in whole] == [str(9100000 + n) for n in range(marks)]  # JSON: every deadline
    if marks == SHOWN_DEADLINES:
        assert "未列出" not in table and "--company" not in table
        return
    assert "另有 1 条到期事项未列出。完整清单：" in table
    command = table.replace("\n", "").split("完整清单：")[1].split()  # as printed, --db included
    args = command[command.index("due") :]
    assert args[-6:] == ["--within", "6m", "--company", CODE, "--format", "xlsx"] and "2026-09-30" in args
    result = CliRunner().invoke(app, [*args[:-1], "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == json.loads(run(store, "due", "--format", "json"))


def test_due_for_one_enterprise_by_name_is_its_share_of_the_district(store, load):
    district(store, load, 3)
    load("trademarks", TM_HEADERS, [["9200001", "9", "他标", "乙公司", "2016-01-01", "2026-10-10", "已注册"]], D)
    everyone = json.loads(run(store, "due", "--format", "json"))
    mine = json.loads(run(store, "due", "--company", JIA, "--format", "json"))
    assert len(everyone) == 4 and mine == [d for d in everyone if d["credit_code"] == CODE]


def test_the_pointer_keeps_a_name_without_a_credit_code_whole_for_the_shell(store, load):
    name = "丙 (集团) 有限公司"  # no credit code in the list: the pointer names the enterprise
    load("companies", ["企业名称", "所属街道"], [[name, "城东街道"]], D)
    rows = [[f"{9300000 + n}", "9", f"标{n}", name, "2016-01-01", (D + timedelta(days=n + 1)).isoformat(), "已注册"]
            for n in range(SHOWN_DEADLINES + 2)]  # fmt: skip
    load("trademarks", TM_HEADERS, rows, D)
    table = run(store, "company", name).split("近期到期提醒")[1]
    printed = table.replace("\n", "").split("完整清单：")[1].strip()
    args = shlex.split(printed)  # as a shell reads it
    assert args[args.index("--company") + 1] == name
    args = args[args.index("due") :]
    result = CliRunner().invoke(app, [*args[:-1], "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == SHOWN_DEADLINES + 2
