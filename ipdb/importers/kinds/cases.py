"""商标违法案件: cases are counted when closed (结案) in the period."""

from __future__ import annotations

from typing import Any

from ipdb.importers.kinds.columns import money_column
from ipdb.importers.kinds.common import parse_text
from ipdb.importers.kinds.writers import fields, list_writer
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.importers.upserts import WriteContext
from ipdb.models import TrademarkCase
from ipdb.values.dates import parse_date
from ipdb.values.names import name_key


def case_key(record: Record) -> str:
    if record.get("case_no"):
        return name_key(record["case_no"])
    return f"{name_key(record.get('title') or '')}/{name_key(record.get('party') or '')}"


def check_row(record: Record) -> tuple[str, str] | None:
    if not record.get("case_no") and not record.get("title"):
        return "case_no", "案件编号和案件名称均为空，无法确定是哪一件案件"
    return None


def to_row(ctx: WriteContext, r: Record, holder_id: int | None) -> dict[str, Any]:
    return {
        "case_key": case_key(r),
        **fields(
            r, "case_no", "title", "party", "case_type", "opened_on", "closed_on", value_yuan="value", fine_yuan="fine"
        ),
    }


# fmt: off
COLUMNS = (
    Column("case_no", "案件编号", ("案号", "立案编号", "行政处罚决定书文号", "处罚决定书文号", "文书号"), parse_text, example="云市监处罚〔2026〕12号"),
    Column("title", "案件名称", ("案由", "案件名"), parse_text, example="某商行销售侵犯注册商标专用权商品案"),
    Column("party", "当事人", ("当事人名称", "被处罚人", "涉案主体"), parse_text),
    Column("case_type", "案件类型", ("案件类别", "违法类型", "案件性质"), parse_text, example="侵权假冒"),
    Column("opened_on", "立案日期", ("立案时间",), parse_date),
    Column("closed_on", "结案日期", ("结案时间", "办结日期", "处罚决定日期"), parse_date, example="2026-08-20"),
    money_column("value", "案值", ("案值(万元)", "涉案金额", "违法经营额")),
    money_column("fine", "罚没款", ("罚没金额", "罚没款金额", "罚款金额", "罚没款(万元)")),
)
# fmt: on


SPEC = SheetSpec(
    kind="cases",
    title="商标违法案件",
    columns=COLUMNS,
    check_row=check_row,
    write=list_writer(TrademarkCase.__table__, ("case_key",), to_row, holders=None),
)
