"""Enterprise-list observations: who each enterprise is, its names, town and industry as of the list's date.

Each row is matched onto an enterprise (ipdb.linking), observed as of the list's date, and every name it
carries is recorded; then the company facts of those enterprises are redone and the holders whose names or
credit codes the list mentions are relinked, so the list's cost follows its own rows.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ipdb import facts, linking
from ipdb.importers.upserts import WriteContext, WriteResult, upsert_rows
from ipdb.models import Company, CompanyObservation
from ipdb.sql import lookup_ids, temp_ids
from ipdb.values.names import clean_name, name_key


class CompanyRow(NamedTuple):
    """One enterprise-list row, normalised."""

    name: str
    credit_code: str | None
    former_names: tuple[str, ...]
    town: str | None
    industry: str | None


OBSERVED = ("name", "town", "industry", "former_names")


def write_companies(ctx: WriteContext, rows: list[tuple[int, CompanyRow]]) -> WriteResult:
    listed = [row for _, row in rows]
    company_ids = _ensure_companies(ctx, listed)
    known = _effective_observations(ctx, set(company_ids))
    observations = [(n, _observation(ctx, company_ids[i], row)) for i, (n, row) in enumerate(rows)]
    result = upsert_rows(ctx, CompanyObservation.__table__, ("company_id", "as_of"), observations)
    result = _compared_with_earlier_lists(observations, known, result)
    names = [(c, row.name, False) for c, row in zip(company_ids, listed, strict=True)]
    names += [(c, former, True) for c, row in zip(company_ids, listed, strict=True) for former in row.former_names]
    linking.record_names(ctx.conn, names)
    facts.refresh_companies(ctx.conn, set(company_ids))
    codes = [row.credit_code for row in listed if row.credit_code]
    linking.relink(ctx.conn, linking.holders_matching(ctx.conn, {name_key(n) for _, n, _ in names}, codes))
    return result


def _ensure_companies(ctx: WriteContext, listed: list[CompanyRow]) -> list[int]:
    """Company id of each row, creating the enterprises the store does not know yet."""
    keys = linking.company_keys(ctx.conn, [row._asdict() for row in listed])
    codes = {k: row.credit_code for k, row in zip(keys, listed, strict=True)}
    stmt = sqlite_insert(Company.__table__).on_conflict_do_nothing(index_elements=["key"])
    ctx.conn.execute(stmt, [{"key": k, "credit_code": c, "first_batch_id": ctx.batch_id} for k, c in codes.items()])
    ids = lookup_ids(ctx.conn, "company", "key", list(codes))
    return [ids[k] for k in keys]


def _effective_observations(ctx: WriteContext, company_ids: set[int]) -> dict[int, tuple[Any, ...]]:
    """What the store already says of each of these enterprises as of this list's date (latest list on or
    before it, else the earliest), so that a new list repeating an enterprise unchanged counts as unchanged."""
    temp_ids(ctx.conn, "listed_company", company_ids)
    rows = ctx.conn.exec_driver_sql(
        f"SELECT o.company_id, o.as_of, {', '.join(f'o.{c}' for c in OBSERVED)} FROM listed_company t"
        " JOIN company_observation o ON o.company_id = t.id ORDER BY o.company_id, o.as_of"
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


def _observation(ctx: WriteContext, company_id: int, row: CompanyRow) -> dict[str, Any]:
    return {
        "company_id": company_id,
        "as_of": ctx.as_of,
        "name": clean_name(row.name),
        "town": row.town,
        "industry": row.industry,
        "former_names": "；".join(row.former_names),
    }
