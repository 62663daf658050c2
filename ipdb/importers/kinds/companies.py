"""企业名录: the district's enterprise list; every name an enterprise carries links its rights."""

from __future__ import annotations

from ipdb.importers.company_list import CompanyRow, write_companies
from ipdb.importers.kinds.columns import credit_code_column
from ipdb.importers.kinds.common import parse_text
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.importers.upserts import WriteContext, WriteResult
from ipdb.values.names import split_holders


def parse_former_names(raw: str) -> tuple[str, ...]:
    return tuple(split_holders(raw))


def to_company(record: Record) -> CompanyRow:
    return CompanyRow(
        name=record["name"],
        credit_code=record.get("credit_code"),
        former_names=tuple(record.get("former_names") or ()),
        town=record.get("town"),
        industry=record.get("industry"),
    )


def write(ctx: WriteContext, rows: list[tuple[int, Record]]) -> WriteResult:
    return write_companies(ctx, [(n, to_company(r)) for n, r in rows])


# fmt: off
COLUMNS = (
    Column("name", "企业名称", ("单位名称", "公司名称", "企业名", "名称", "企业", "纳税人名称", "市场主体名称"), parse_text, required=True, example="云溪智能装备有限公司"),
    credit_code_column(("社会信用代码", "信用代码", "统一代码", "统一社会信用代码/注册号"), example="91330106MA2H0A1B2C"),
    Column("former_names", "曾用名", ("原名称", "曾用名称", "历史名称", "原企业名称"), parse_former_names),
    Column("town", "所属街道", ("街道", "所属镇街", "镇街", "属地", "所在街道", "所属街道/镇", "街道/镇", "所属街镇", "街镇", "所属乡镇街道"), parse_text, example="城东街道"),
    Column("industry", "行业", ("所属行业", "行业类别", "国民经济行业", "行业名称", "行业分类", "国民经济行业分类"), parse_text, example="专用设备制造业"),
)
# fmt: on


SPEC = SheetSpec(
    kind="companies",
    title="企业名录",
    columns=COLUMNS,
    write=write,
)
