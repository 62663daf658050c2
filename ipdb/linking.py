"""Holders and enterprises: the one place that creates holders, links them to enterprises and relinks them.

A holder (a party named in a register or list) is linked to an enterprise of the enterprise list by
credit code, else by a current name that only one enterprise carries, else by such a former name; never
fuzzily. Links change only when a holder is created or learns a credit code, or when an enterprise list
brings names and codes; only the holders concerned are relinked, and only the holding facts of the rights
they hold are redone, so the cost follows the file, not the store.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import Connection, text

from ipdb import facts, journal
from ipdb.models import Holder
from ipdb.sql import lookup_ids, pairs, temp_ids, temp_values
from ipdb.values.names import clean_name, name_key
from ipdb.vocabulary import holder_group

_PROPOSED_LINKS = """
SELECT id, company_id, COALESCE(
    (SELECT c.id FROM company c WHERE c.credit_code = holder.credit_code),
    (SELECT MIN(n.company_id) FROM company_name n
      WHERE n.name_key = holder.name_key AND n.is_former = 0 HAVING COUNT(DISTINCT n.company_id) = 1),
    (SELECT MIN(n.company_id) FROM company_name n
      WHERE n.name_key = holder.name_key AND n.is_former = 1 HAVING COUNT(DISTINCT n.company_id) = 1))
FROM holder {only}
"""


def ensure_holders(conn: Connection, batch_id: int, parties: Iterable[tuple[str, str | None]]) -> dict[str, int]:
    """Holder ids by name key for (name, credit code or None), creating the missing holders and linking them.

    A credit code is recorded the first time a row gives one, the holder as it was kept for undo."""
    wanted: dict[str, tuple[str, str | None]] = {}
    for name, code in parties:
        key = name_key(name)
        if key and (key not in wanted or (code and not wanted[key][1])):
            wanted[key] = (clean_name(name), code)
    ids = lookup_ids(conn, "holder", "name_key", list(wanted))
    new = [
        {"name_key": k, "name": n, "credit_code": c, "name_group": holder_group(n)}
        for k, (n, c) in wanted.items()
        if k not in ids
    ]
    if new:
        conn.execute(Holder.__table__.insert(), new)
        ids.update(lookup_ids(conn, "holder", "name_key", [str(row["name_key"]) for row in new]))
    # in id order: the same whichever rows a re-import recognised unparsed (ipdb.importers.known) and left out
    coded = sorted((ids[k], c) for k, (_, c) in wanted.items() if c)
    if coded:
        journal.save_superseded(
            conn, batch_id, Holder.__table__, ("id",), [(i,) for i, _ in coded], "t.credit_code IS NULL"
        )
        conn.execute(
            text("UPDATE holder SET credit_code = :code WHERE id = :id AND credit_code IS NULL"),
            [{"id": i, "code": c} for i, c in coded],
        )
    created = {ids[str(row["name_key"])] for row in new}
    # a credit code learnt by a known holder may move its rights to another enterprise
    relink(conn, created | {i for i, _ in coded}, created=created)
    return ids


def relink(conn: Connection, holders: Collection[int] | None = None, *, created: Collection[int] = ()) -> set[int]:
    """Link ``holders`` (every holder when None) afresh and redo the holding facts of the rights held by
    those whose link changed (except ``created`` ones: no fact names a holder created in this import yet).

    Returns the holders whose link changed."""
    if holders is not None and not holders:
        return set()
    only = ""
    if holders is not None:
        temp_ids(conn, "relink_holder", holders)
        only = "WHERE id IN (SELECT id FROM relink_holder)"
    proposed = conn.exec_driver_sql(_PROPOSED_LINKS.format(only=only))
    changes = [(new, holder_id) for holder_id, old, new in proposed if old != new]
    if changes:
        conn.exec_driver_sql("UPDATE holder SET company_id = ? WHERE id = ?", changes)
    changed = {holder_id for _, holder_id in changes}
    for kind, rights in facts.rights_held_by(conn, changed - set(created)).items():
        facts.rebuild_holdings(conn, kind, rights)
    return changed


def holders_matching(conn: Connection, name_keys: Iterable[str], codes: Iterable[str]) -> set[int]:
    """Holders whose name key or credit code is among these: those an enterprise list can relink."""
    temp_values(conn, "match_key", name_keys)
    found = {i for (i,) in conn.exec_driver_sql("SELECT h.id FROM holder h JOIN match_key k ON k.v = h.name_key")}
    temp_values(conn, "match_key", codes)
    found |= {i for (i,) in conn.exec_driver_sql("SELECT h.id FROM holder h JOIN match_key k ON k.v = h.credit_code")}
    return found


def holders_of_companies(conn: Connection, companies: Collection[int]) -> set[int]:
    """Holders linked to these enterprises, or named or coded like them: the links that a change of their
    names and codes (an undone enterprise list) may move; ask before and after the change."""
    if not companies:
        return set()
    temp_ids(conn, "named_company", companies)
    among = "IN (SELECT id FROM named_company)"
    linked = {i for (i,) in conn.exec_driver_sql(f"SELECT id FROM holder WHERE company_id {among}")}
    keys = [k for (k,) in conn.exec_driver_sql(f"SELECT name_key FROM company_name WHERE company_id {among}")]
    codes = [c for (c,) in conn.exec_driver_sql(f"SELECT credit_code FROM company WHERE id {among}") if c]
    return linked | holders_matching(conn, keys, codes)


# ---- enterprises of the enterprise list ------------------------------------------------------------

_UNIQUE_OWNER = """
SELECT n.name_key, MIN(c.key) FROM company_name n JOIN match_key k ON k.v = n.name_key
JOIN company c ON c.id = n.company_id GROUP BY n.name_key HAVING COUNT(DISTINCT n.company_id) = 1
"""


def company_keys(conn: Connection, records: list[dict[str, Any]]) -> list[str]:
    """Each enterprise-list row's identity: its credit code when given; else the one existing enterprise
    carrying its name; else the name itself (looked up for all rows at once)."""
    keys = [name_key(r["name"]) for r in records]
    temp_values(conn, "match_key", [k for k, r in zip(keys, records, strict=True) if not r.get("credit_code")])
    owners: dict[str, str] = dict(pairs(conn.exec_driver_sql(_UNIQUE_OWNER)))
    return [r.get("credit_code") or owners.get(k) or f"名称:{k}" for k, r in zip(keys, records, strict=True)]


def record_names(conn: Connection, names: list[tuple[int, str, bool]]) -> None:
    """(company id, name, is former) for every name a list gives; a name once current stays current."""
    rows: dict[tuple[int, str], tuple[int, str, str, int]] = {}
    for company_id, name, former in names:
        key = (company_id, name_key(name))
        before = rows.get(key)
        if before is None:
            rows[key] = (company_id, key[1], clean_name(name), int(former))
        elif not former:
            rows[key] = (*before[:3], 0)
    conn.exec_driver_sql(
        "INSERT INTO company_name (company_id, name_key, name, is_former) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (company_id, name_key) DO UPDATE SET is_former = MIN(company_name.is_former, excluded.is_former)",
        list(rows.values()),
    )
