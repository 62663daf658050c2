"""专利清单: patent registers exported from CNIPA, incoPat, PatSnap (智慧芽), Patentics and agency lists."""

from __future__ import annotations

from ipdb.importers.kinds.columns import credit_code_column, holders_column
from ipdb.importers.kinds.common import is_patent_status, parse_holders, parse_text
from ipdb.importers.known import FINGERPRINT
from ipdb.importers.observations import RightRow, write_rights
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.values.dates import parse_date
from ipdb.values.patent_numbers import parse_application_no, parse_patent_type
from ipdb.values.statuses import classify_patent_status


def to_right(record: Record) -> RightRow:
    """The register row of a record (positional: built once per row of a large register)."""
    get = record.get
    number = record["application_no"]
    status = get("status")
    return RightRow(
        number.body,
        number.formatted,
        number.category,
        get("title"),
        status,
        classify_patent_status(status) if status else "unknown",
        get("filing_date"),
        get("grant_date"),
        get("lapse_date"),
        get("holders") or get("applicants") or (),
        get("credit_code"),
        get(FINGERPRINT),
    )


# fmt: off
COLUMNS = (
    Column("application_no", "申请号", ("专利申请号", "申请号/专利号", "专利号", "申请(专利)号", "专利号/申请号", "apno", "applicationnumber", "申请号码"), parse_application_no, infer=True, required=True, example="201610311380.X"),
    Column("title", "专利名称", ("名称", "标题", "发明名称", "标题(中文)", "中文标题", "专利标题", "title"), parse_text, example="一种智能装配机器人"),
    Column("patent_type", "专利类型", ("类型", "专利种类", "patent_type", "kindcodedesc"), parse_patent_type, infer=True, example="发明"),
    Column("filing_date", "申请日", ("申请日期", "apd", "applicationdate"), parse_date, example="2016-05-12"),
    Column("grant_date", "授权公告日", ("授权日", "授权日期", "授权公告日期", "isd"), parse_date, example="2018-03-02"),
    Column("status", "法律状态", ("当前法律状态", "专利有效性", "简单法律状态", "法律状态/事件", "法律状态事件", "simple_legal_status", "legalstatusdesc", "有效性", "专利状态"), parse_text, example="有效", infer=is_patent_status),
    Column("lapse_date", "失效日", ("失效日期", "终止日", "终止日期", "expd", "失效时间"), parse_date),
    holders_column("holders", "专利权人", ("当前权利人", "当前专利权人", "权利人", "当前申请(专利权)人", "标准化当前权利人", "anc", "当前申请专利权人", "专利权人名称")),
    Column("applicants", "申请人", ("申请(专利权)人", "原始申请(专利权)人", "申请人名称", "an", "申请专利权人"), parse_holders),
    credit_code_column(("工商统一社会信用代码", "bi_uscc", "信用代码")),
)
# fmt: on


SPEC = SheetSpec(
    kind="patents",
    title="专利清单",
    register=True,
    not_after=("grant_date",),
    not_before=(("grant_date", "filing_date"),),
    columns=COLUMNS,
    one_of=(("holders", "applicants"),),
    write=write_rights,
    compact=to_right,
)
