"""质押融资台账: one loan counted once, however many rights it pledges (domain.md §5.6)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from ipdb.importers.events import number_occurrences
from ipdb.importers.kinds.columns import credit_code_column, holders_column, money_column
from ipdb.importers.kinds.common import parse_collateral, parse_text
from ipdb.importers.spec import MERGED_ROW, Column, Record, SheetSpec
from ipdb.importers.upserts import WriteContext, WriteResult, ensure_holders, ids_by_key, upsert_rows
from ipdb.models import PledgedRight, PledgeLoan
from ipdb.values.dates import parse_date, parse_date_range
from ipdb.values.names import name_key


def loan_key(record: Record) -> str:
    """The registration number identifies a loan; without one, who pledged what to whom, when and for how much."""
    if record.get("registration_no"):
        return record["registration_no"]
    parts = (
        name_key(record["pledgor"][0]),
        record["registered_on"].isoformat(),
        str(record["amount"]),
        name_key(record.get("pledgee") or ""),
    )
    return "/".join(parts)


def _loan(record: Record, holder_id: int) -> dict[str, Any]:
    term = record.get("term") or (None, None)
    return {
        "loan_key": loan_key(record),
        "holder_id": holder_id,
        "pledgee": record.get("pledgee"),
        "amount_yuan": record["amount"],
        "registered_on": record["registered_on"],
        "registration_no": record.get("registration_no"),
        "term_start": term[0],
        "term_end": term[1],
        "collateral_kind": record.get("collateral_kind"),
        "collateral": "；".join(f"{kind}:{key}" for kind, key in record.get("collateral") or ()),
    }


def write(ctx: WriteContext, rows: list[tuple[int, Record]]) -> WriteResult:
    rows, merged_rows = _one_record_per_loan(ctx, rows)
    ids = ensure_holders(ctx, ((r["pledgor"][0], r.get("credit_code")) for _, r in rows))
    loans = number_occurrences(
        ctx.report, ("loan_key",), [(n, _loan(r, ids[name_key(r["pledgor"][0])])) for n, r in rows], fold=True
    )
    result = upsert_rows(ctx, PledgeLoan.__table__, ("loan_key",), loans)
    result.unchanged += merged_rows
    rights = {
        loan["loan_key"]: record.get("collateral") or () for (_, loan), (_, record) in zip(loans, rows, strict=True)
    }
    _replace_pledged_rights(ctx, rights)
    return result


def _one_record_per_loan(ctx: WriteContext, rows: list[tuple[int, Record]]) -> tuple[list[tuple[int, Record]], int]:
    """Rows of one loan (one registration number, or the loan's cells merged over them, one row per pledged
    right) become one record pledging every right they list; the rows folded in are counted, and said."""
    groups: dict[object, list[tuple[int, Record]]] = {}
    for number, record in rows:
        ident = record.get("registration_no") or (MERGED_ROW, record.get(MERGED_ROW) or number)
        groups.setdefault(ident, []).append((number, record))
    merged, spans = [], []
    for members in groups.values():
        number, first = members[0]
        if len(members) > 1:
            rights = tuple(dict.fromkeys(right for _, r in members for right in r.get("collateral") or ()))
            first = {**first, "collateral": rights}
            spans.append(f"第 {'、'.join(str(n) for n, _ in members)} 行")
        merged.append((number, first))
    if spans:
        more = f"等 {len(spans)} 处" if len(spans) > 3 else ""
        ctx.report.notes.append(f"{'；'.join(spans[:3])}{more}各是同一笔贷款（一行一项质押物），各计为 1 笔。")
    return merged, len(rows) - len(merged)


def _replace_pledged_rights(ctx: WriteContext, rights: dict[str, tuple[tuple[str, str], ...]]) -> None:
    """The rights each loan (by its stored key) pledges, as this file states them."""
    table = PledgedRight.__table__
    loan_ids = ids_by_key(ctx.conn, PledgeLoan.__table__, "loan_key", list(rights))
    ctx.conn.execute(delete(table).where(table.c.loan_id.in_(list(loan_ids.values()))))
    links = {(loan_ids[key], kind, right) for key, pledged in rights.items() for kind, right in pledged}
    if links:
        ctx.conn.execute(table.insert(), [{"loan_id": i, "right_kind": k, "right_key": v} for i, k, v in links])


# fmt: off
COLUMNS = (
    holders_column("pledgor", "出质人", ("出质企业", "借款人", "出质人名称", "pledgor", "出质单位", "企业名称"), required=True),
    credit_code_column(("信用代码", "出质人统一社会信用代码")),
    Column("pledgee", "质权人", ("贷款银行", "质权银行", "银行", "pledgee", "质权人名称", "放款银行"), parse_text, example="云溪农商银行城东支行"),
    money_column("amount", "融资金额", ("贷款金额", "质押金额", "主债权数额", "融资额", "质押融资金额", "金额", "融资金额(万元)"), required=True, example="500"),
    Column("registered_on", "质押登记日", ("登记日期", "质押登记日期", "质押日期", "ple_efdt", "生效日", "登记日", "放款日期"), parse_date, required=True, example="2026-03-05"),
    Column("registration_no", "质押登记号", ("登记号", "pledgeno", "质押登记编号", "登记编号"), parse_text),
    Column("term", "质押期限", ("债务履行期限", "融资期限", "期限", "质押期间"), parse_date_range, example="2026.3.5-2027.3.4"),
    Column("collateral_kind", "质押物类型", ("质押类型", "质押标的类型", "类型"), parse_text, example="专利"),
    Column("collateral", "质押物", ("质押专利", "专利号", "质押标的", "专利号/商标号", "质押专利号", "商标注册号", "质押物清单"), parse_collateral, example="201610311380.X；201710117081.7"),
)
# fmt: on


SPEC = SheetSpec(
    kind="pledges",
    title="知识产权质押融资台账",
    columns=COLUMNS,
    write=write,
    group_by="amount",
    not_after=("registered_on",),
)
