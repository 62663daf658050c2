"""专利导航 and 高价值专利组合培育 projects; only approvals count (domain.md Part I)."""

from __future__ import annotations

from typing import Any

from ipdb.importers.kinds.columns import holders_column, money_column
from ipdb.importers.kinds.common import (
    is_program,
    is_project_status,
    parse_level,
    parse_nav_kind,
    parse_program,
    parse_text,
)
from ipdb.importers.kinds.writers import fields, list_writer
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.importers.upserts import WriteContext
from ipdb.models import Project
from ipdb.values.dates import parse_date, parse_year
from ipdb.values.names import clean_name, name_key
from ipdb.values.statuses import classify_project_status


def _year(record: Record) -> int:
    return record.get("approval_year") or record["approved_on"].year


def to_row(ctx: WriteContext, r: Record, holder_id: int | None) -> dict[str, Any]:
    return {
        "name_key": name_key(r["name"]),
        "name": clean_name(r["name"]),
        "approval_year": _year(r),
        "holder_id": holder_id,
        "status_class": classify_project_status(r["status"]) if r.get("status") else "unknown",
        **fields(r, "program", "nav_kind", "level", "approved_on", status_raw="status", amount_yuan="amount"),
    }


# fmt: off
COLUMNS = (
    Column("name", "项目名称", ("项目", "名称"), parse_text, required=True, example="智能装备产业专利导航"),
    Column("program", "项目类型", ("计划类别", "项目类型名称", "计划类型"), parse_program, required=True, infer=is_program, example="专利导航"),
    Column("nav_kind", "导航类别", ("导航类型", "导航项目类别"), parse_nav_kind, example="产业", infer=True),
    Column("level", "级别", ("项目级别", "立项级别", "层级"), parse_level, example="省级", infer=True),
    holders_column("lead", "承担单位", ("企业名称", "申报单位", "实施单位", "牵头单位", "项目承担单位")),
    Column("approval_year", "立项年度", ("年度", "立项年份", "批次年度"), parse_year, example="2026"),
    Column("approved_on", "立项日期", ("立项时间", "批准日期", "获批日期"), parse_date),
    Column("status", "项目状态", ("状态", "进展", "项目进展", "当前状态"), parse_text, example="立项", infer=is_project_status),
    money_column("amount", "资助金额", ("资助金额(万元)", "经费", "资助经费", "财政资助"), example="50"),
)
# fmt: on


SPEC = SheetSpec(
    kind="projects",
    title="专利导航及高价值专利培育项目",
    columns=COLUMNS,
    one_of=(("approval_year", "approved_on"),),
    write=list_writer(Project.__table__, ("name_key", "approval_year"), to_row, holders="lead"),
)
