"""驰名商标名单: recognitions are cumulative with no expiry; a repeated recognition is one mark."""

from __future__ import annotations

from typing import Any

from ipdb.importers.kinds.columns import holders_column
from ipdb.importers.kinds.common import parse_day_or_year, parse_text
from ipdb.importers.kinds.writers import fields, list_writer
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.importers.upserts import WriteContext, upsert_rows
from ipdb.models import WellKnownMark
from ipdb.values.names import name_key
from ipdb.values.trademark_numbers import parse_registration_no


def mark_key(record: Record) -> str:
    if record.get("reg_no"):
        return record["reg_no"]
    return f"{name_key(record['holders'][0])}/{name_key(record['mark_name'])}"


def to_row(ctx: WriteContext, r: Record, holder_id: int | None) -> dict[str, Any]:
    return {
        "mark_key": mark_key(r),
        "holder_id": holder_id,
        **fields(r, "mark_name", "recognized_on", "route", registration_no="reg_no"),
    }


def check_row(record: Record) -> tuple[str, str] | None:
    if not record.get("reg_no") and not record.get("mark_name"):
        return "mark_name", "商标名称和注册号均为空，无法确定是哪件商标"
    return None


# fmt: off
COLUMNS = (
    Column("mark_name", "商标名称", ("驰名商标", "商标", "商标文字"), parse_text, example="云溪"),
    Column("reg_no", "注册号", ("商标注册号", "注册号码"), parse_registration_no, example="9023455"),
    holders_column("holders", "企业名称", ("注册人", "商标所有人", "权利人", "企业", "商标注册人", "持有人"), required=True),
    Column("recognized_on", "认定年份", ("认定年度", "认定日期", "认定时间", "年份", "认定年"), parse_day_or_year, required=True, example="2021"),
    Column("route", "认定途径", ("认定方式", "途径", "认定机关"), parse_text, example="行政认定"),
)
# fmt: on


SPEC = SheetSpec(
    kind="well-known",
    title="驰名商标名单",
    columns=COLUMNS,
    check_row=check_row,
    write=list_writer(WellKnownMark.__table__, ("mark_key", "recognized_on"), to_row, upsert=upsert_rows),
)
