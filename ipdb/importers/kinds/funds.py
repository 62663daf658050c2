"""专项资金申报: dated by a date column, else by the list's as-of date; a 2021年度 list, or a 申报年度 column, dates its
rows by their year only (they count in 2021 and its year to date, not in a quarter)."""

from __future__ import annotations

from typing import Any

from ipdb.importers.kinds.columns import credit_code_column, holders_column, money_column
from ipdb.importers.kinds.common import parse_day_or_year, parse_text
from ipdb.importers.kinds.writers import list_writer
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.importers.upserts import WriteContext
from ipdb.models import FundApplication
from ipdb.values.dates import YearDate


def to_row(ctx: WriteContext, r: Record, holder_id: int | None) -> dict[str, Any]:
    return {
        "holder_id": holder_id,
        "category": r.get("category") or "",
        "amount_yuan": r["amount"],
        "dated_on": r.get("dated_on") or ctx.as_of,
        "year_only": _year_only(ctx, r),
    }


def _year_only(ctx: WriteContext, record: Record) -> bool:
    """Dated by a bare year (申报年度 2026), or undated in a list whose title names a whole year (2026年度)."""
    day = record.get("dated_on")
    if day is not None:
        return isinstance(day, YearDate)
    covers = ctx.report.covers
    return covers is not None and (covers[0].month, covers[0].day, covers[1].month, covers[1].day) == (1, 1, 12, 31)


# fmt: off
COLUMNS = (
    holders_column("holders", "企业名称", ("申报单位", "单位名称", "企业", "申请单位", "资助对象"), required=True),
    credit_code_column(),
    Column("category", "项目类别", ("资助类别", "资金类别", "申报类别", "资助项目", "补助类别", "申报项目"), parse_text, example="贯标补助"),
    money_column("amount", "申报金额", ("金额", "资助金额", "拟资助金额", "补助金额", "申请金额", "奖励金额"), required=True, example="10"),
    Column("dated_on", "申报日期", ("日期", "申报年度", "资助年度", "拨付日期"), parse_day_or_year),
)
# fmt: on


SPEC = SheetSpec(
    kind="funds",
    title="知识产权专项资金申报",
    columns=COLUMNS,
    write=list_writer(FundApplication.__table__, ("holder_id", "category", "dated_on"), to_row),
)
