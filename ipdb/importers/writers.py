"""Bulk writers: parsed records into the store, inside the import's one transaction.

Every writer classifies each data row as inserted, updated or unchanged and
writes with SQLAlchemy Core executemany (``INSERT … ON CONFLICT DO UPDATE``),
never per-row ORM objects: see ../shared/PERFORMANCE.md §3.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ipdb import facts, journal
from ipdb.importers.report import ImportReport, Issue
from ipdb.models import Holder, RightObservation
from ipdb.values.names import clean_name, name_key

CHUNK = 500  # SQLite host parameters per IN (...) query stay well below its limit


@dataclass
class WriteContext:
    conn: Connection
    batch_id: int
    as_of: date
    kind: str
    snapshot: bool
    report: ImportReport
    holder_ids: set[int] = field(default_factory=set)
    first_of_kind: bool = False  # nothing of this register was stored before: nothing can have left


@dataclass
class WriteResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    left: int = 0


def pairs(result: Any) -> Iterator[tuple[Any, Any]]:
    """(key, value) tuples from a two-column result."""
    return ((first, second) for first, second in result)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---- holders -------------------------------------------------------------------------------------


def ensure_holders(ctx: WriteContext, parties: Iterable[tuple[str, str | None]]) -> dict[str, int]:
    """Holder ids by name key for (name, credit code or None), creating the missing holders."""
    wanted: dict[str, tuple[str, str | None]] = {}
    for name, code in parties:
        key = name_key(name)
        if key and (key not in wanted or (code and not wanted[key][1])):
            wanted[key] = (clean_name(name), code)
    ids = _holder_ids(ctx.conn, list(wanted))
    new = [{"name_key": k, "name": n, "credit_code": c} for k, (n, c) in wanted.items() if k not in ids]
    if new:
        ctx.conn.execute(Holder.__table__.insert(), new)
        ids.update(_holder_ids(ctx.conn, [str(row["name_key"]) for row in new]))
    if new or any(c for _, c in wanted.values()):
        _fill_codes(ctx.conn, ctx.batch_id, [(ids[k], c) for k, (_, c) in wanted.items() if c])
        # an enterprise list imported earlier links the new holders now; a credit code learnt for a known
        # holder may move its rights to another enterprise, so then every holding fact is redone
        created = {ids[str(row["name_key"])] for row in new}
        if facts.relink_holders(ctx.conn) - created:
            facts.rebuild_all_holdings(ctx.conn)
    ctx.holder_ids.update(ids.values())
    return ids


def _holder_ids(conn: Connection, keys: list[str]) -> dict[str, int]:
    return lookup_ids(conn, "holder", "name_key", keys)


def _fill_codes(conn: Connection, batch_id: int, pairs: list[tuple[int, str]]) -> None:
    """Record a holder's credit code the first time a row gives one (keeping the holder as it was, for undo)."""
    if pairs:
        journal.save_superseded(
            conn, batch_id, Holder.__table__, ("id",), [(i,) for i, _ in pairs], "t.credit_code IS NULL"
        )
        conn.execute(
            text("UPDATE holder SET credit_code = :code WHERE id = :id AND credit_code IS NULL"),
            [{"id": i, "code": c} for i, c in pairs],
        )


# ---- registers: observations of rights -----------------------------------------------------------


class RightRow(NamedTuple):
    """One register row, normalised: what ``write_rights`` stores as an observation (a tuple: cheap to build
    a hundred thousand times)."""

    key: str
    number: str
    category: str | None
    title: str | None
    status_raw: str | None
    status_class: str
    filing_date: date | None
    granted_on: date | None
    ends_on: date | None
    holders: tuple[str, ...]
    holder_code: str | None = None  # credit code of the first holder, when the row carries one


def write_rights(ctx: WriteContext, rows: list[tuple[int, RightRow]]) -> WriteResult:
    result = WriteResult()
    latest = _dedupe_rows(ctx, rows, result)
    holder_ids = ensure_holders(ctx, _parties(latest.values()))
    history, digests = _observations(ctx.conn, ctx.kind)
    ctx.first_of_kind = not history
    right_ids, new_keys = _ensure_rights(ctx, latest)
    states = {key: _state_of(row, holder_ids) for key, row in latest.items()}
    state_ids = _ensure_states(ctx.conn, {right_ids[k]: s for k, s in states.items()}, digests)
    writes, same_day = [], []
    for key in states:
        right_id = right_ids[key]
        state_id = state_ids[right_id]
        status = _classify(history.get(right_id, []), ctx.as_of, state_id, key in new_keys)
        setattr(result, status, getattr(result, status) + 1)
        if (ctx.as_of, state_id) not in history.get(right_id, []):
            writes.append({"right_id": right_id, "as_of": ctx.as_of, "batch_id": ctx.batch_id, "state_id": state_id})
            if any(d == ctx.as_of for d, _ in history.get(right_id, [])):
                same_day.append((right_id, ctx.as_of))  # another import of this date said otherwise: keep it
    journal.save_superseded(ctx.conn, ctx.batch_id, RightObservation.__table__, ("right_id", "as_of"), same_day)
    _upsert_observations(ctx.conn, writes)
    facts.rebuild_rights(ctx.conn, ctx.kind)
    if ctx.snapshot and not ctx.first_of_kind:
        result.left = count_left(ctx.conn, ctx.kind, ctx.as_of)
    return result


def _dedupe_rows(ctx: WriteContext, rows: list[tuple[int, RightRow]], result: WriteResult) -> dict[str, RightRow]:
    """Keep the last row of each right; an earlier duplicate counts as unchanged (warned if it differs)."""
    latest: dict[str, RightRow] = {}
    first_row: dict[str, int] = {}
    for number, row in rows:
        if row.key in latest:
            result.unchanged += 1
            if latest[row.key] != row:
                ctx.report.add_issue(
                    Issue(
                        "warning",
                        "",
                        number,
                        "",
                        row.number,
                        f"与第 {first_row[row.key]} 行是同一项权利但内容不同，以后出现的行为准",
                        "duplicate_differs",
                    )
                )
        first_row.setdefault(row.key, number)
        latest[row.key] = row
    return latest


def _parties(rows: Iterable[RightRow]) -> Iterator[tuple[str, str | None]]:
    for row in rows:
        for position, name in enumerate(row.holders):
            yield name, row.holder_code if position == 0 else None


class State(NamedTuple):
    digest: str
    values: tuple[Any, ...]  # the right_state columns after digest, ready for SQL (dates as ISO text)
    holder_ids: tuple[int, ...]


def _state_of(row: RightRow, holder_ids: dict[str, int]) -> State:
    ids = tuple(dict.fromkeys(holder_ids[k] for k in map(name_key, row.holders) if k))
    filing, granted, ends = _iso(row.filing_date), _iso(row.granted_on), _iso(row.ends_on)
    holders = "；".join(clean_name(n) for n in row.holders)
    content = "\x1f".join(
        (
            row.title or "",
            row.status_raw or "",
            row.status_class,
            filing or "",
            granted or "",
            ends or "",
            ",".join(map(str, ids)),
        )
    )
    digest = hashlib.blake2b(content.encode(), digest_size=12).hexdigest()
    return State(digest, (row.title, row.status_raw, row.status_class, filing, granted, ends, holders), ids)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


STATE_COLUMNS = ("digest", "title", "status_raw", "status_class", "filing_date", "granted_on", "ends_on", "holders")


def _ensure_states(conn: Connection, states: dict[int, State], digests: dict[int, dict[str, int]]) -> dict[int, int]:
    """The state id of each right's new statement: a state it was already observed in, else a new row.

    A quarterly re-export that repeats a right unchanged therefore costs one small observation row,
    and nothing needs an index on the digest (states are matched within one right's own history)."""
    ids: dict[int, int] = {}
    new: list[tuple[int, State]] = []
    for right_id, state in states.items():
        known = digests.get(right_id, {}).get(state.digest)
        if known is None:
            new.append((right_id, state))
        else:
            ids[right_id] = known
    if new:
        first = next_id(conn, "right_state")
        conn.exec_driver_sql(
            f"INSERT INTO right_state (id, {', '.join(STATE_COLUMNS)}) VALUES (?, {', '.join('?' * len(STATE_COLUMNS))})",
            [(first + i, s.digest, *s.values) for i, (_, s) in enumerate(new)],
        )
        ids.update((right_id, first + i) for i, (right_id, _) in enumerate(new))
        links = [(first + i, p, h) for i, (_, s) in enumerate(new) for p, h in enumerate(s.holder_ids)]
        if links:
            conn.exec_driver_sql(
                "INSERT INTO right_state_holder (state_id, position, holder_id) VALUES (?, ?, ?)", links
            )
    return ids


def next_id(conn: Connection, table: str) -> int:
    """The next free id: inside the import's write transaction nobody else can take it, so new rows get
    their ids assigned here instead of being looked up again after the insert."""
    return int(conn.exec_driver_sql(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"').scalar() or 1)


def lookup_ids(conn: Connection, table: str, column: str, values: list[Any], where: str = "") -> dict[Any, int]:
    """ids by ``column`` value for many values at once, through a temporary table (one join, not N queries)."""
    if not values:
        return {}
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS lookup_value (v PRIMARY KEY) WITHOUT ROWID")
    conn.exec_driver_sql("DELETE FROM lookup_value")
    conn.exec_driver_sql("INSERT OR IGNORE INTO lookup_value (v) VALUES (?)", [(v,) for v in values])
    rows = conn.exec_driver_sql(
        f'SELECT t."{column}", t.id FROM "{table}" t JOIN lookup_value l ON l.v = t."{column}" {where}'
    )
    return dict(pairs(rows))


def _ensure_rights(ctx: WriteContext, rows: dict[str, RightRow]) -> tuple[dict[str, int], set[str]]:
    where = f"WHERE t.kind = '{ctx.kind}'"
    existing = {} if ctx.first_of_kind else lookup_ids(ctx.conn, "right", "key", list(rows), where)
    new_keys = {k for k in rows if k not in existing}
    if new_keys:
        first = next_id(ctx.conn, "right")
        assigned = {k: first + i for i, k in enumerate(sorted(new_keys))}
        ctx.conn.exec_driver_sql(
            'INSERT INTO "right" (id, kind, key, category, number) VALUES (?, ?, ?, ?, ?)',
            [(i, ctx.kind, k, rows[k].category, rows[k].number) for k, i in assigned.items()],
        )
        existing.update(assigned)
    return existing, new_keys


def _observations(conn: Connection, kind: str) -> tuple[dict[int, list[tuple[date, int]]], dict[int, dict[str, int]]]:
    """Each right's observations (date, state) in order, and the digests of the states it has been in."""
    rows = conn.exec_driver_sql(
        'SELECT o.right_id, o.as_of, o.state_id, s.digest FROM right_observation o JOIN "right" r ON r.id = o.right_id'
        " JOIN right_state s ON s.id = o.state_id WHERE r.kind = ? ORDER BY o.right_id, o.as_of",
        (kind,),
    )
    history: dict[int, list[tuple[date, int]]] = {}
    digests: dict[int, dict[str, int]] = {}
    for right_id, as_of, state_id, digest in rows:
        history.setdefault(right_id, []).append((date.fromisoformat(as_of), state_id))
        digests.setdefault(right_id, {})[digest] = state_id
    return history, digests


def _classify(history: list[tuple[date, int]], as_of: date, state_id: int, is_new: bool) -> str:
    """inserted: a right new to the store; unchanged: the store already said this as of that date."""
    if is_new or not history:
        return "inserted"
    before = [s for d, s in history if d <= as_of]
    effective = before[-1] if before else history[0][1]
    return "unchanged" if effective == state_id else "updated"


def _upsert_observations(conn: Connection, writes: list[dict[str, Any]]) -> None:
    if writes:
        conn.exec_driver_sql(
            "INSERT INTO right_observation (right_id, as_of, batch_id, state_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (right_id, as_of) DO UPDATE SET state_id = excluded.state_id, batch_id = excluded.batch_id",
            [(w["right_id"], w["as_of"].isoformat(), w["batch_id"], w["state_id"]) for w in writes],
        )


_LEFT = """
SELECT f.right_id FROM right_fact f
WHERE f.kind = :kind AND f.lo <= :before AND :before < f.hi
  AND EXISTS (SELECT 1 FROM right_observation o WHERE o.right_id = f.right_id AND o.as_of < :day)
  AND NOT EXISTS (SELECT 1 FROM right_observation o WHERE o.right_id = f.right_id AND o.as_of = :day)
"""


def left_rights(conn: Connection, kind: str, day: date) -> list[int]:
    """Rights in the register the day before the complete snapshot of ``day`` that it no longer lists."""
    params = {"kind": kind, "day": day, "before": day - timedelta(days=1)}
    return [r for (r,) in conn.execute(text(_LEFT), params)]


def count_left(conn: Connection, kind: str, day: date) -> int:
    return len(left_rights(conn, kind, day))


# ---- plain lists: one row per natural key --------------------------------------------------------


def upsert_rows(
    ctx: WriteContext, table: Table, key: tuple[str, ...], rows: list[tuple[int, dict[str, Any]]]
) -> WriteResult:
    """Insert or update rows by natural ``key``; identical rows are unchanged and not written."""
    result = WriteResult()
    compared = [c for c in rows[0][1] if c not in key and c != "batch_id"] if rows else []
    existing = _existing_rows(ctx.conn, table, key, compared)
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}
    for _, row in rows:
        ident = tuple(row[k] for k in key)
        before = latest.get(ident) or existing.get(ident)
        if before is None:
            result.inserted += 1
        elif all(before.get(c) == row.get(c) for c in compared):
            result.unchanged += 1
            continue
        else:
            result.updated += 1
        latest[ident] = row
    journal.save_superseded(ctx.conn, ctx.batch_id, table, key, [k for k in latest if k in existing])
    _upsert(ctx.conn, table, key, [{**r, "batch_id": ctx.batch_id} for r in latest.values()])
    return result


def _existing_rows(
    conn: Connection, table: Table, key: tuple[str, ...], compared: list[str]
) -> dict[tuple[Any, ...], dict[str, Any]]:
    columns = [table.c[k] for k in (*key, *compared)]
    found = {}
    for values in conn.execute(select(*columns)):
        row = dict(zip((*key, *compared), values, strict=True))
        found[tuple(row[k] for k in key)] = row
    return found


def _upsert(conn: Connection, table: Table, key: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    stmt = sqlite_insert(table)
    updates = {c: stmt.excluded[c] for c in rows[0] if c not in key}
    conn.execute(stmt.on_conflict_do_update(index_elements=list(key), set_=updates), rows)


def ids_by_key(conn: Connection, table: Table, column: str, values: list[Any]) -> dict[Any, int]:
    return lookup_ids(conn, table.name, column, values)
