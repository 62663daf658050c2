"""企业名录: the district's enterprise list; every name an enterprise carries links its rights."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ipdb import facts
from ipdb.importers.kinds.common import parse_text
from ipdb.importers.spec import Column, Record, SheetSpec
from ipdb.importers.writers import WriteContext, WriteResult, pairs, upsert_rows
from ipdb.models import Company, CompanyName, CompanyObservation
from ipdb.values.credit_codes import parse_credit_code
from ipdb.values.names import clean_name, name_key, split_holders


def parse_former_names(raw: str) -> tuple[str, ...]:
    return tuple(split_holders(raw))


def write(ctx: WriteContext, rows: list[tuple[int, Record]]) -> WriteResult:
    known = _effective_observations(ctx)
    company_ids = _ensure_companies(ctx, [r for _, r in rows])
    observations = [(n, _observation(ctx, company_ids[i], r)) for i, (n, r) in enumerate(rows)]
    result = upsert_rows(ctx, CompanyObservation.__table__, ("company_id", "as_of"), observations)
    result = _compared_with_earlier_lists(observations, known, result)
    _record_names(ctx, company_ids, [r for _, r in rows])
    facts.rebuild_companies(ctx.conn)
    if facts.relink_holders(ctx.conn):
        facts.rebuild_all_holdings(ctx.conn)
    return result


OBSERVED = ("name", "town", "industry", "former_names")


def _effective_observations(ctx: WriteContext) -> dict[int, tuple[Any, ...]]:
    """What the store already says of each enterprise as of this list's date (latest list on or before it,
    else the earliest), so that a new list repeating an enterprise unchanged counts as unchanged."""
    rows = ctx.conn.exec_driver_sql(
        f"SELECT company_id, as_of, {', '.join(OBSERVED)} FROM company_observation ORDER BY company_id, as_of"
    )
    effective: dict[int, tuple[Any, ...]] = {}
    day = ctx.as_of.isoformat()
    for company_id, as_of, *values in rows:
        if company_id not in effective or as_of <= day:
            effective[company_id] = tuple(values)
    return effective


def _compared_with_earlier_lists(
    observations: list[tuple[int, dict[str, Any]]], known: dict[int, tuple[Any, ...]], result: WriteResult
) -> WriteResult:
    """Re-count inserted rows: an enterprise already known in the same state is unchanged, else updated."""
    inserted = updated = unchanged = 0
    known = dict(known)
    for _, row in observations:
        before = known.get(row["company_id"])
        known[row["company_id"]] = tuple(row[c] for c in OBSERVED)  # a repeat within the list compares with this row
        if before is None:
            inserted += 1
        elif before == tuple(row[c] for c in OBSERVED):
            unchanged += 1
        else:
            updated += 1
    return WriteResult(inserted, updated, unchanged, result.left)


def _identity(conn: Any, record: Record) -> str:
    """Credit code when given; else an existing enterprise carrying the name; else the name itself."""
    if record.get("credit_code"):
        return record["credit_code"]
    key = name_key(record["name"])
    owner = conn.execute(
        text(
            "SELECT c.key FROM company_name n JOIN company c ON c.id = n.company_id "
            "WHERE n.name_key = :k GROUP BY n.name_key HAVING COUNT(DISTINCT n.company_id) = 1"
        ),
        {"k": key},
    ).scalar()
    return owner or f"名称:{key}"


def _ensure_companies(ctx: WriteContext, records: list[Record]) -> dict[int, int]:
    """Company id for each record (by position in ``records``)."""
    keys = [_identity(ctx.conn, r) for r in records]
    table = Company.__table__
    new = {k: r.get("credit_code") for k, r in zip(keys, records, strict=True)}
    stmt = sqlite_insert(table).on_conflict_do_nothing(index_elements=["key"])
    ctx.conn.execute(stmt, [{"key": k, "credit_code": c, "first_batch_id": ctx.batch_id} for k, c in new.items()])
    ids = dict(pairs(ctx.conn.execute(select(table.c.key, table.c.id))))
    return {position: ids[k] for position, k in enumerate(keys)}


def _observation(ctx: WriteContext, company_id: int, record: Record) -> dict[str, Any]:
    return {
        "company_id": company_id,
        "as_of": ctx.as_of,
        "name": clean_name(record["name"]),
        "town": record.get("town"),
        "industry": record.get("industry"),
        "former_names": "；".join(record.get("former_names") or ()),
    }


def _record_names(ctx: WriteContext, company_ids: dict[int, int], records: list[Record]) -> None:
    names = []
    for position, record in enumerate(records):
        company_id = company_ids[position]
        names.append((company_id, record["name"], False))
        names.extend((company_id, former, True) for former in record.get("former_names") or ())
    table = CompanyName.__table__
    stmt = sqlite_insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["company_id", "name_key"],
        set_={"is_former": text("MIN(company_name.is_former, excluded.is_former)")},
    )
    ctx.conn.execute(
        stmt, [{"company_id": c, "name_key": name_key(n), "name": clean_name(n), "is_former": f} for c, n, f in names]
    )


SPEC = SheetSpec(
    kind="companies",
    title="企业名录",
    columns=(
        Column(
            "name",
            "企业名称",
            ("单位名称", "公司名称", "企业名", "名称", "企业", "纳税人名称", "市场主体名称"),
            parse_text,
            required=True,
            example="云溪智能装备有限公司",
        ),
        Column(
            "credit_code",
            "统一社会信用代码",
            ("社会信用代码", "信用代码", "统一代码", "统一社会信用代码/注册号"),
            parse_credit_code,
            infer=True,
            example="91330106MA2H0A1B2C",
        ),
        Column("former_names", "曾用名", ("原名称", "曾用名称", "历史名称", "原企业名称"), parse_former_names),
        Column(
            "town",
            "所属街道",
            (
                "街道",
                "所属镇街",
                "镇街",
                "属地",
                "所在街道",
                "所属街道/镇",
                "街道/镇",
                "所属街镇",
                "街镇",
                "所属乡镇街道",
            ),
            parse_text,
            example="城东街道",
        ),
        Column(
            "industry",
            "行业",
            ("所属行业", "行业类别", "国民经济行业", "行业名称", "行业分类", "国民经济行业分类"),
            parse_text,
            example="专用设备制造业",
        ),
    ),
    write=write,
)
