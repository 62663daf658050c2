"""专项资金申报: dated by a date column, else by the list's as-of date; a 2021年度 list, or a 申报年度 column, dates its
rows by their year only (they count in 2021 and its year to date, not in a quarter)."""

from __future__ import annotations

from ipdb.importers.events import upsert_events
from ipdb.importers.kinds.common import parse_day_or_year, parse_holders, parse_text
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.importers.upserts import WriteContext, WriteResult, ensure_holders
from ipdb.models import FundApplication
from ipdb.values.credit_codes import parse_credit_code
from ipdb.values.dates import YearDate
from ipdb.values.money import parse_money
from ipdb.values.names import name_key


def write(ctx: WriteContext, rows: list[tuple[int, Record]]) -> WriteResult:
    ids = ensure_holders(ctx, ((r["holders"][0], r.get("credit_code")) for _, r in rows))
    return upsert_events(
        ctx,
        FundApplication.__table__,
        ("holder_id", "category", "dated_on"),
        [
            (
                n,
                {
                    "holder_id": ids[name_key(r["holders"][0])],
                    "category": r.get("category") or "",
                    "amount_yuan": r["amount"],
                    "dated_on": r.get("dated_on") or ctx.as_of,
                    "year_only": _year_only(ctx, r),
                },
            )
            for n, r in rows
        ],
    )


def _year_only(ctx: WriteContext, record: Record) -> bool:
    """Dated by a bare year (申报年度 2026), or undated in a list whose title names a whole year (2026年度)."""
    day = record.get("dated_on")
    if day is not None:
        return isinstance(day, YearDate)
    covers = ctx.report.covers
    return covers is not None and (covers[0].month, covers[0].day, covers[1].month, covers[1].day) == (1, 1, 12, 31)


SPEC = SheetSpec(
    kind="funds",
    title="知识产权专项资金申报",
    columns=(
        Column(
            "holders",
            "企业名称",
            ("申报单位", "单位名称", "企业", "申请单位", "资助对象"),
            parse_holders,
            required=True,
            example="云溪智能装备有限公司",
        ),
        Column("credit_code", "统一社会信用代码", ("信用代码",), parse_credit_code, infer=True),
        Column(
            "category",
            "项目类别",
            ("资助类别", "资金类别", "申报类别", "资助项目", "补助类别", "申报项目"),
            parse_text,
            example="贯标补助",
        ),
        Column(
            "amount",
            "申报金额",
            ("金额", "资助金额", "拟资助金额", "补助金额", "申请金额", "奖励金额"),
            parse_money,
            required=True,
            money=True,
            example="10",
        ),
        Column("dated_on", "申报日期", ("日期", "申报年度", "资助年度", "拨付日期"), parse_day_or_year),
    ),
    write=write,
)
