"""示范/优势企业 and 贯标 lists: an enterprise holds a designation from its date to its validity end."""

from __future__ import annotations

from typing import Any

from ipdb.importers.kinds.columns import credit_code_column, holders_column
from ipdb.importers.kinds.common import parse_day_or_year, parse_designation_category, parse_level, parse_text
from ipdb.importers.kinds.writers import fields, list_writer
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.importers.upserts import WriteContext
from ipdb.models import Designation
from ipdb.values.dates import parse_date


def _level(record: Record) -> str:
    """A national programme unless the list says otherwise (贯标 certification has no level: national)."""
    return record.get("level") or "national"


def to_row(ctx: WriteContext, r: Record, holder_id: int | None) -> dict[str, Any]:
    return {
        "holder_id": holder_id,
        "level": _level(r),
        **fields(r, "category", "designated_on", "valid_until", "certificate_no"),
    }


# fmt: off
COLUMNS = (
    holders_column("holders", "企业名称", ("单位名称", "企业", "名称", "获证企业", "获证组织名称", "组织名称"), required=True),
    credit_code_column(("信用代码", "社会信用代码")),
    Column("category", "类别", ("认定类别", "荣誉类别", "称号", "荣誉名称", "认定类型", "类型"), parse_designation_category, required=True, example="国家知识产权示范企业"),
    Column("level", "级别", ("认定级别", "层级"), parse_level, example="国家级", infer=True),
    Column("designated_on", "认定日期", ("认定年度", "认定年份", "发证日期", "获证日期", "认证日期", "批次年度", "年度", "颁证日期", "认定时间"), parse_day_or_year, required=True, example="2023-10-15"),
    Column("valid_until", "有效期至", ("有效期", "证书有效期至", "有效截止日期", "到期日期", "有效期截止"), parse_date, example="2026-10-14"),
    Column("certificate_no", "证书编号", ("证书号", "认证证书编号"), parse_text),
)
# fmt: on


SPEC = SheetSpec(
    kind="designations",
    title="知识产权示范/优势/贯标企业名单",
    columns=COLUMNS,
    write=list_writer(Designation.__table__, ("holder_id", "category", "level", "designated_on"), to_row),
)
