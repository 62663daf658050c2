"""Undo one import: remove what only it brought, put back what it overwrote (domain.md Part I, "Nothing silently lost").

Afterwards every figure at every date, and every right's history, is what it was before that import:

* rows the batch wrote (observations, enterprise-list rows, list rows) are deleted, and the rows it had
  overwritten (kept in ``superseded_row`` by ``ipdb.journal``) are put back as they were stored;
* a later import that overwrote this batch's rows now remembers what this batch had overwritten instead,
  so undoing that one later still restores the right rows;
* what only this batch brought goes with it: rights and enterprises no other import observes, their
  states, holders nothing else names; the batch row, its rejects and warnings;
* the derived tables follow: pledged rights of restored loans, an enterprise's names, holder links, and
  the facts (a complete snapshot that is undone no longer ends the rights it did not list).

All of it in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, text

from ipdb import facts, linking
from ipdb.errors import NoSuchBatch
from ipdb.journal import has_batches
from ipdb.models import SQLModel
from ipdb.store import Store
from ipdb.values.names import clean_name, name_key
from ipdb.vocabulary import REGISTER_KINDS

KEPT_APART = ("row_issue", "superseded_row")  # the batch's own records, removed with the batch row


@dataclass(frozen=True)
class UndoSummary:
    """What undoing a batch removes (``undo_preview``) or removed (``undo_import``)."""

    batch_id: int
    file_name: str
    kind: str
    as_of: date
    snapshot: bool
    observations: int  # register observations and enterprise-list rows
    new_rights: int  # rights only this batch observed: they leave the store
    new_companies: int  # enterprises only this batch listed
    rows: int  # rows of the other lists (funds, loans, awards, …)
    restored: int  # rows it had overwritten, put back as they were
    rejects: int
    warnings: int
    returning: int  # rights this complete snapshot ended that are in the register again
    unrestorable: int = 0  # list rows it updated in place with nothing kept of before (imported before schema 3)


def batch_tables() -> list[Table]:
    """Every table whose rows name the import that wrote them (``batch_id``), besides the batch's own records."""
    return [t for t in SQLModel.metadata.sorted_tables if has_batches(t) and t.name not in KEPT_APART]


def undo_preview(store: Store, batch_id: int) -> UndoSummary:
    with store.engine.connect() as conn:
        return _summarize(conn, _batch(conn, batch_id))


def undo_import(store: Store, batch_id: int) -> UndoSummary:
    """Remove batch ``batch_id`` and everything only it brought, in one transaction (module docstring)."""
    with store.atomic() as conn:
        summary = _summarize(conn, _batch(conn, batch_id))
        touched = _touched(conn, batch_id)
        touched["right"] |= _cut(conn, summary)
        touched["relink"] = (
            linking.holders_of_companies(conn, touched["company"]) | _holders_kept(conn, batch_id) | touched["holder"]
        )
        _splice_later_records(conn, batch_id)
        for table in reversed(batch_tables()):
            conn.execute(text(f'DELETE FROM "{table.name}" WHERE batch_id = :b'), {"b": batch_id})
        restored_loans = _restore(conn, batch_id)
        _rebuild_pledged_rights(conn, restored_loans)
        _forget_batch(conn, batch_id, touched["company"])
        _rederive(conn, touched, summary.as_of)
    return summary


# ---- what the batch is and what it brought -------------------------------------------------------


def _batch(conn: Connection, batch_id: int) -> dict[str, Any]:
    row = conn.execute(
        text("SELECT id, file_name, kind, as_of, snapshot, updated FROM import_batch WHERE id = :b"), {"b": batch_id}
    ).first()
    if row is None:
        raise NoSuchBatch(f"没有编号为 {batch_id} 的导入批次：用 ipdb batches 查看所有批次。")
    return dict(row._mapping)


def _count(conn: Connection, sql: str, batch_id: int) -> int:
    return int(conn.execute(text(sql), {"b": batch_id}).scalar() or 0)


def _summarize(conn: Connection, batch: dict[str, Any]) -> UndoSummary:
    b = int(batch["id"])
    only_here = "NOT EXISTS (SELECT 1 FROM {t} o2 WHERE o2.{c} = o.{c} AND o2.batch_id <> :b)"
    lists = [t.name for t in batch_tables() if t.name not in ("right_observation", "company_observation")]
    issues: dict[str, int] = {
        severity: int(n)
        for severity, n in conn.execute(
            text("SELECT severity, COUNT(*) FROM row_issue WHERE batch_id = :b GROUP BY severity"), {"b": b}
        )
    }
    return UndoSummary(
        batch_id=b,
        file_name=batch["file_name"],
        kind=batch["kind"],
        as_of=date.fromisoformat(str(batch["as_of"])),
        snapshot=bool(batch["snapshot"]),
        observations=_count(
            conn,
            "SELECT (SELECT COUNT(*) FROM right_observation WHERE batch_id = :b)"
            " + (SELECT COUNT(*) FROM company_observation WHERE batch_id = :b)",
            b,
        ),
        new_rights=_count(
            conn,
            "SELECT COUNT(DISTINCT o.right_id) FROM right_observation o WHERE o.batch_id = :b AND "
            + only_here.format(t="right_observation", c="right_id"),
            b,
        ),
        new_companies=_count(
            conn,
            "SELECT COUNT(DISTINCT o.company_id) FROM company_observation o WHERE o.batch_id = :b AND "
            + only_here.format(t="company_observation", c="company_id"),
            b,
        ),
        rows=sum(_count(conn, f'SELECT COUNT(*) FROM "{name}" WHERE batch_id = :b', b) for name in lists),
        restored=_count(conn, "SELECT COUNT(*) FROM superseded_row WHERE batch_id = :b", b),
        rejects=int(issues.get("reject", 0)),
        warnings=int(issues.get("warning", 0)),
        returning=_returning(conn, batch),
        unrestorable=_unrestorable(conn, batch),
    )


def _unrestorable(conn: Connection, batch: dict[str, Any]) -> int:
    """A list import that updated rows in place but kept nothing of them was made before ``superseded_row``
    existed: undoing it deletes those rows instead of putting their old values back, and the preview says so.
    (Registers and enterprise lists count as updated what changed since an earlier date: no row is overwritten.)"""
    if batch["kind"] in (*REGISTER_KINDS, "companies") or not batch["updated"]:
        return 0
    kept = _count(conn, "SELECT COUNT(*) FROM superseded_row WHERE batch_id = :b", int(batch["id"]))
    return 0 if kept else int(batch["updated"])


def _returning(conn: Connection, batch: dict[str, Any]) -> int:
    """Rights that left at this snapshot and come back when it is undone (unless another file of the same
    complete snapshot is still there)."""
    if not batch["snapshot"]:
        return 0
    others = conn.execute(
        text("SELECT 1 FROM import_batch WHERE kind = :k AND as_of = :d AND snapshot = 1 AND id <> :b"),
        {"k": batch["kind"], "d": str(batch["as_of"]), "b": batch["id"]},
    ).first()
    return 0 if others else len(facts.left_rights(conn, batch["kind"], date.fromisoformat(str(batch["as_of"]))))


def _touched(conn: Connection, batch_id: int) -> dict[str, set[int]]:
    """Rights, states, enterprises and holders the batch's rows name: after the undo, those nothing else
    names any more are what only this batch brought."""
    ids = {"b": batch_id}
    found: dict[str, set[int]] = {
        "right": _ids(conn, "SELECT right_id FROM right_observation WHERE batch_id = :b", ids),
        "right_state": _ids(conn, "SELECT state_id FROM right_observation WHERE batch_id = :b", ids),
        "company": _ids(conn, "SELECT company_id FROM company_observation WHERE batch_id = :b", ids),
        "holder": _ids(
            conn,
            "SELECT sh.holder_id FROM right_state_holder sh JOIN right_observation o ON o.state_id = sh.state_id"
            " WHERE o.batch_id = :b",
            ids,
        ),
    }
    for table in batch_tables():
        if "holder_id" in table.c:
            found["holder"] |= _ids(conn, f'SELECT holder_id FROM "{table.name}" WHERE batch_id = :b', ids)
    # this batch's rows that later imports overwrote live on only in their records, which the undo rewrites
    later = _image_references(conn, "prior_batch_id = :b AND batch_id <> :b", ids)
    for name in found:
        found[name] |= later.get(name, set())
    return found


def _ids(conn: Connection, sql: str, params: dict[str, Any]) -> set[int]:
    return {int(v) for (v,) in conn.execute(text(sql), params) if v is not None}


def _cut(conn: Connection, summary: UndoSummary) -> set[int]:
    """Rights this complete snapshot ended on its date, unless another file of that snapshot stays (read
    while its facts are still there): undone, their facts run on."""
    if not summary.snapshot or not facts.is_new_snapshot(conn, summary.kind, summary.as_of, summary.batch_id):
        return set()
    return facts.rights_ending(conn, summary.kind, summary.as_of)


def _holders_kept(conn: Connection, batch_id: int) -> set[int]:
    """Holders whose credit code this batch filled in (their kept rows give it back)."""
    rows = conn.exec_driver_sql(
        "SELECT image FROM superseded_row WHERE batch_id = ? AND table_name = 'holder'", (batch_id,)
    )
    return {int(json.loads(image)[0]) for (image,) in rows}


# ---- the records of overwritten rows ---------------------------------------------------------------


def _splice_later_records(conn: Connection, batch_id: int) -> None:
    """A later batch that overwrote a row this batch wrote now keeps what this batch had overwritten in
    its place, or nothing when this batch had added the row: as if this batch had never been imported."""
    same = (
        "FROM superseded_row mine WHERE mine.batch_id = :b AND mine.table_name = superseded_row.table_name"
        " AND mine.ref = superseded_row.ref"
    )
    conn.execute(
        text(
            f"UPDATE superseded_row SET image = (SELECT mine.image {same}), "
            f"prior_batch_id = (SELECT mine.prior_batch_id {same}) "
            f"WHERE prior_batch_id = :b AND batch_id <> :b AND EXISTS (SELECT 1 {same})"
        ),
        {"b": batch_id},
    )
    conn.execute(text("DELETE FROM superseded_row WHERE prior_batch_id = :b AND batch_id <> :b"), {"b": batch_id})


def _restore(conn: Connection, batch_id: int) -> set[int]:
    """Put back the rows this batch overwrote; returns the ids of restored pledge loans."""
    loans: set[int] = set()
    rows = conn.execute(
        text("SELECT table_name, image FROM superseded_row WHERE batch_id = :b ORDER BY id"), {"b": batch_id}
    ).all()
    for table_name, image in rows:
        table = SQLModel.metadata.tables[table_name]
        values = json.loads(image)
        _put_back(conn, table, values)
        if table_name == "pledge_loan":
            loans.add(int(values[[c.name for c in table.columns].index("id")]))
    return loans


def _put_back(conn: Connection, table: Table, values: list[Any]) -> None:
    """A row of a table with batches comes back only where no later import has written the row since;
    a row of a table without batches (a holder) gets its kept values back."""
    columns = [c.name for c in table.columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    if has_batches(table):
        conn.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(columns))}) ON CONFLICT DO NOTHING',
            tuple(values),
        )
        return
    keys = [c.name for c in table.primary_key.columns]
    others = [c for c in columns if c not in keys]
    assignments = ", ".join(f'"{c}" = ?' for c in others)
    match = " AND ".join(f'"{k}" = ?' for k in keys)
    conn.exec_driver_sql(
        f'UPDATE "{table.name}" SET {assignments} WHERE {match}',
        tuple(values[columns.index(c)] for c in (*others, *keys)),
    )


def _forget_batch(conn: Connection, batch_id: int, companies: set[int]) -> None:
    """Remove the batch row (its rejects, warnings and records go with it) and what still points at it."""
    conn.execute(
        text(
            "UPDATE company SET first_batch_id = (SELECT MIN(o.batch_id) FROM company_observation o "
            "WHERE o.company_id = company.id) WHERE first_batch_id = :b"
        ),
        {"b": batch_id},
    )
    _drop_companies(conn, companies)
    conn.execute(text("DELETE FROM row_issue WHERE batch_id = :b"), {"b": batch_id})
    conn.execute(text("DELETE FROM superseded_row WHERE batch_id = :b"), {"b": batch_id})
    conn.execute(text("DELETE FROM import_batch WHERE id = :b"), {"b": batch_id})


# ---- what follows from the rows ---------------------------------------------------------------------


def _rebuild_pledged_rights(conn: Connection, loans: set[int]) -> None:
    """A restored loan pledges again what it pledged: the rights written in its collateral column
    ('kind:key；kind:key', as the pledge writer stores them)."""
    if not loans:
        return
    facts.temp_ids(conn, "undo_loan", loans)
    conn.exec_driver_sql("DELETE FROM pledged_right WHERE loan_id IN (SELECT id FROM undo_loan)")
    links = {
        (loan_id, kind, key)
        for loan_id, collateral in conn.exec_driver_sql(
            "SELECT id, collateral FROM pledge_loan WHERE id IN (SELECT id FROM undo_loan)"
        )
        for kind, _, key in (part.partition(":") for part in (collateral or "").split("；") if part)
    }
    if links:
        conn.exec_driver_sql(
            "INSERT INTO pledged_right (loan_id, right_kind, right_key) VALUES (?, ?, ?)", sorted(links)
        )


def _drop_companies(conn: Connection, companies: set[int]) -> None:
    """Enterprises no list names any more go; the names of the others are those their lists give."""
    if not companies:
        return
    facts.temp_ids(conn, "undo_company", companies)
    gone = "SELECT id FROM undo_company WHERE NOT EXISTS (SELECT 1 FROM company_observation o WHERE o.company_id = undo_company.id)"
    conn.exec_driver_sql(f"UPDATE holder SET company_id = NULL WHERE company_id IN ({gone})")
    conn.exec_driver_sql("DELETE FROM company_name WHERE company_id IN (SELECT id FROM undo_company)")
    conn.exec_driver_sql(f"DELETE FROM company WHERE id IN ({gone})")
    rows = conn.exec_driver_sql(
        "SELECT company_id, name, former_names FROM company_observation WHERE company_id IN "
        "(SELECT id FROM undo_company) ORDER BY company_id, batch_id, as_of"
    )
    _insert_names(conn, rows)


def _insert_names(conn: Connection, rows: Iterable[Any]) -> None:
    """Every name an enterprise's lists give it (former names as such, unless a list gives it as current)."""
    names: dict[tuple[int, str], list[Any]] = {}
    for company_id, name, former in rows:
        for each, is_former in ((name, False), *((f, True) for f in (former or "").split("；") if f)):
            entry = names.setdefault((company_id, name_key(each)), [clean_name(each), is_former])
            entry[1] = entry[1] and is_former
    if names:
        conn.exec_driver_sql(
            "INSERT INTO company_name (company_id, name_key, name, is_former) VALUES (?, ?, ?, ?)",
            [(c, k, n, f) for (c, k), (n, f) in names.items()],
        )


def _rederive(conn: Connection, touched: dict[str, set[int]], day: date) -> None:
    """Links, facts, then what nothing names any more (facts first: they point at rights). Only what the
    batch touched is redone: its holders and enterprises, and its rights' facts around its date."""
    holders = touched["relink"] | linking.holders_of_companies(conn, touched["company"])
    linking.relink(conn, holders)
    for kind, rights in facts.rights_held_by(conn, holders).items():  # links the undo itself cut, too
        facts.rebuild_holdings(conn, kind, rights)
    facts.refresh_companies(conn, touched["company"])
    for kind, rights in facts.rights_by_kind(conn, touched["right"]).items():
        facts.refresh_rights(conn, kind, rights, around=day)
    kept = _image_references(conn)  # rows kept for undoing other batches still point at these
    _drop_orphans(conn, "right", touched["right"] - kept.get("right", set()))
    _drop_orphans(conn, "right_state", touched["right_state"] - kept.get("right_state", set()))
    _drop_orphans(conn, "holder", touched["holder"] - kept.get("holder", set()))


def _image_references(
    conn: Connection, where: str = "1 = 1", params: dict[str, Any] | None = None
) -> dict[str, set[int]]:
    """Ids that kept rows (of ``superseded_row`` rows meeting ``where``) point at, by the table pointed at."""
    found: dict[str, set[int]] = {}
    rows = conn.execute(text(f"SELECT table_name, image FROM superseded_row WHERE {where}"), params or {})
    for table_name, image in rows:
        table = SQLModel.metadata.tables[table_name]
        values = dict(zip([c.name for c in table.columns], json.loads(image), strict=True))
        for column in table.columns:
            for fk in column.foreign_keys:
                if values[column.name] is not None:
                    found.setdefault(fk.column.table.name, set()).add(int(values[column.name]))
    return found


def _drop_orphans(conn: Connection, table_name: str, candidates: set[int]) -> None:
    """Delete the candidates no row of any table points at (the links to them are found in the schema)."""
    if not candidates:
        return
    facts.temp_ids(conn, "undo_orphan", candidates)
    pointing = [
        (t.name, c.name)
        for t in SQLModel.metadata.sorted_tables
        for c in t.columns
        for fk in c.foreign_keys
        if fk.column.table.name == table_name and t.name not in KEPT_APART
    ]
    unused = (
        " AND ".join(f'NOT EXISTS (SELECT 1 FROM "{t}" x WHERE x."{c}" = undo_orphan.id)' for t, c in pointing)
        or "1 = 1"
    )
    if table_name == "right_state":
        conn.exec_driver_sql(
            "DELETE FROM right_state_holder WHERE state_id IN (SELECT id FROM undo_orphan WHERE "
            "NOT EXISTS (SELECT 1 FROM right_observation x WHERE x.state_id = undo_orphan.id))"
        )
    conn.exec_driver_sql(f'DELETE FROM "{table_name}" WHERE id IN (SELECT id FROM undo_orphan WHERE {unused})')
