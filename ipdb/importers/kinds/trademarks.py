"""商标清单: registered trademarks; one right per registration number and Nice class."""

from __future__ import annotations

from datetime import date, timedelta

from ipdb.importers.kinds.columns import credit_code_column, holders_column
from ipdb.importers.kinds.common import is_trademark_status, parse_text
from ipdb.importers.known import FINGERPRINT
from ipdb.importers.observations import RightRow, write_rights
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.values.dates import parse_date, parse_date_range
from ipdb.values.statuses import classify_trademark_status
from ipdb.values.trademark_numbers import parse_nice_class, parse_registration_no

# Trademark statuses mapped onto the register-wide classes used by the facts.
STATUS_CLASS = {"registered": "in_force", "pending": "pending", "dead": "dead", "unknown": "unknown"}


def status_class(status: str | None) -> str:
    return STATUS_CLASS[classify_trademark_status(status)] if status else "unknown"


def _end(record: Record) -> date | None:
    """First day no longer in force: the day after the term (专用权期限 is inclusive), or the cancellation."""
    term_end = record.get("term_end") or (record.get("term") or (None, None))[1]
    ends = [d for d in (term_end and term_end + timedelta(days=1), record.get("cancel_date")) if d]
    return min(ends) if ends else None


def to_right(record: Record) -> RightRow:
    status = record.get("status")
    registered = record.get("reg_date") or (record.get("term") or (None, None))[0]
    return RightRow(
        key=f"{record['reg_no']}/{record['nice_class']}",
        number=record["reg_no"],
        category=str(record["nice_class"]),
        title=record.get("mark_name"),
        status_raw=status,
        status_class=status_class(status),
        filing_date=record.get("filing_date"),
        granted_on=registered,
        ends_on=_end(record),
        holders=record.get("holders") or (),
        holder_code=record.get("credit_code"),
        fingerprint=record.get(FINGERPRINT),
    )


# fmt: off
COLUMNS = (
    Column("reg_no", "注册号", ("申请号/注册号", "注册号/申请号", "商标注册号", "注册号码", "regno", "商标号"), parse_registration_no, required=True, example="9023455"),
    Column("nice_class", "国际分类", ("类别", "类号", "国际分类号", "商品类别", "尼斯分类", "intcls", "分类", "商标类别", "国际类别"), parse_nice_class, infer=True, required=True, example="9"),
    Column("mark_name", "商标名称", ("商标", "商标文字", "商标名"), parse_text, example="云溪"),
    holders_column("holders", "注册人", ("申请人", "商标注册人", "申请人名称", "注册人名称", "申请人/注册人", "applicantcn", "商标权人", "权利人"), required=True),
    Column("filing_date", "申请日期", ("申请日", "appdate"), parse_date),
    Column("reg_date", "注册公告日期", ("注册日期", "注册日", "核准注册日期", "regdate", "注册公告日"), parse_date, example="2016-07-14"),
    Column("term", "专用权期限", ("专用期限", "商标专用权期限", "专用权期限(起止)", "有效期限"), parse_date_range, example="2016年07月14日 至 2026年07月13日"),
    Column("term_end", "专用权截止日", ("有效期至", "专用权到期日", "到期日期", "到期日"), parse_date),
    Column("status", "商标状态", ("状态", "法律状态", "当前状态", "商标流程状态"), parse_text, example="已注册", infer=is_trademark_status),
    Column("cancel_date", "注销日期", ("无效日期", "撤销日期", "失效日期", "无效宣告日期"), parse_date),
    credit_code_column(),
)
# fmt: on


SPEC = SheetSpec(
    kind="trademarks",
    title="商标清单",
    register=True,
    not_after=("reg_date",),
    term_years=("reg_date", "term", 10),
    columns=COLUMNS,
    write=write_rights,
    compact=to_right,
)
