"""马德里国际商标: international registrations; one right per IR number (后期指定 adds none)."""

from __future__ import annotations

from ipdb.importers.kinds.columns import credit_code_column, holders_column
from ipdb.importers.kinds.common import parse_text
from ipdb.importers.kinds.trademarks import status_class
from ipdb.importers.known import FINGERPRINT
from ipdb.importers.observations import RightRow, write_rights
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.values.dates import parse_date
from ipdb.values.trademark_numbers import parse_madrid_no


def to_right(record: Record) -> RightRow:
    status = record.get("status")
    return RightRow(
        key=record["ir_no"],
        number=record["ir_no"],
        category=None,
        title=record.get("mark_name"),
        status_raw=status,
        status_class=status_class(status),
        filing_date=None,
        granted_on=record.get("ir_date"),
        ends_on=record.get("expiry"),
        holders=record.get("holders") or (),
        holder_code=record.get("credit_code"),
        fingerprint=record.get(FINGERPRINT),
    )


# fmt: off
COLUMNS = (
    Column("ir_no", "国际注册号", ("国际注册号码", "马德里注册号", "国际注册编号", "irn"), parse_madrid_no, required=True, example="1234567"),
    Column("mark_name", "商标名称", ("商标", "商标文字"), parse_text, example="YUNXI"),
    holders_column("holders", "注册人", ("持有人", "申请人", "权利人", "注册人名称"), required=True),
    Column("ir_date", "国际注册日期", ("国际注册日", "注册日期"), parse_date, example="2019-04-02"),
    Column("expiry", "到期日期", ("到期日", "有效期至", "届满日期"), parse_date, example="2029-04-02"),
    Column("designations", "指定国家", ("指定国家/地区", "后期指定国家", "指定国", "指定缔约方"), parse_text),
    Column("status", "状态", ("商标状态", "法律状态"), parse_text, example="有效"),
    credit_code_column(),
)
# fmt: on


SPEC = SheetSpec(
    kind="madrid",
    title="马德里国际商标",
    register=True,
    not_after=("ir_date",),
    columns=COLUMNS,
    write=write_rights,
    compact=to_right,
)
