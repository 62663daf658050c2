"""Register observations: what one import says of each right, stored as (right, as-of, state) rows.

A right observed again in a state it was already in reuses that state's row, so a quarterly re-export that
repeats a right costs one small observation row. Only the rights the file names are looked up, and only their
own observations are loaded; the facts of those rights (and, for a new complete snapshot, of the rights it may
cut) are then recomputed (ipdb.facts), so an import's cost follows the file, not the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Connection

from ipdb import facts, journal
from ipdb.importers.continuing import steady_rights
from ipdb.importers.report import Issue
from ipdb.importers.upserts import WriteContext, WriteResult, ensure_holders
from ipdb.models import RightObservation
from ipdb.sql import lookup_ids, next_id, temp_ids
from ipdb.values.names import clean_name, name_key


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
    latest, numbers = _dedupe_rows(ctx, rows, result)
    holder_ids = ensure_holders(ctx, _parties(latest.values()))
    ctx.first_of_kind = not _register_stored(ctx.conn, ctx.kind)
    right_ids, new_keys = _ensure_rights(ctx, latest)
    parties = _Parties(holder_ids)
    states = {right_ids[key]: _state_of(row, parties) for key, row in latest.items()}
    source_rows = {right_ids[key]: number for key, number in numbers.items()}
    known = [right_ids[k] for k in latest if k not in new_keys]
    temp_ids(ctx.conn, "file_right", known)
    day = ctx.as_of.isoformat()
    steady = steady_rights(ctx.conn, "file_right", {i: states[i].digest for i in known}, day)
    result.unchanged += len(steady)
    writes = [(i, day, ctx.batch_id, s.state_id, source_rows[i]) for i, s in steady.items() if s.write]
    others = {i: state for i, state in states.items() if i not in steady}
    new_ids = {right_ids[k] for k in new_keys}
    writes += _observe(ctx, others, new_ids, source_rows, result)
    _upsert_observations(ctx.conn, sorted(writes))  # key order
    _refresh_facts(ctx, set(others))
    if ctx.snapshot and not ctx.first_of_kind:
        result.left = facts.count_left(ctx.conn, ctx.kind, ctx.as_of)
    return result


def _observe(
    ctx: WriteContext, states: dict[int, State], new_ids: set[int], source_rows: dict[int, int], result: WriteResult
) -> list[tuple[int, str, int, int, int]]:
    """The general path, for rights new to the store, changed, or not continuing: classify each against its
    neighbouring observations, find or make its state; returns the observations to write."""
    history, digests = _observations(ctx.conn, [i for i in states if i not in new_ids], ctx.as_of)
    state_ids = _ensure_states(ctx.conn, states, digests)
    writes, same_day = [], []
    for right_id, state_id in state_ids.items():
        status = _classify(history.get(right_id, []), ctx.as_of, state_id, right_id in new_ids)
        setattr(result, status, getattr(result, status) + 1)
        if (ctx.as_of, state_id) not in history.get(right_id, []):
            writes.append((right_id, ctx.as_of.isoformat(), ctx.batch_id, state_id, source_rows[right_id]))
            if any(d == ctx.as_of for d, _ in history.get(right_id, [])):
                same_day.append((right_id, ctx.as_of))  # another import of this date said otherwise: keep it
    journal.save_superseded(ctx.conn, ctx.batch_id, RightObservation.__table__, ("right_id", "as_of"), same_day)
    return writes


def _register_stored(conn: Connection, kind: str) -> bool:
    return conn.exec_driver_sql('SELECT 1 FROM "right" WHERE kind = ? LIMIT 1', (kind,)).first() is not None


def _refresh_facts(ctx: WriteContext, observed: set[int]) -> None:
    """The facts of the rights this file observes but for those continuing unchanged (ipdb.importers.continuing),
    spliced around its date; a new complete snapshot also may cut the rights whose facts span its date and that
    the file does not list (they leave on it). A first import of a register holds only this file's rights, so it
    derives the whole register (no id set to join)."""
    if ctx.first_of_kind:
        facts.refresh_rights(ctx.conn, ctx.kind)
        return
    touched = observed
    if ctx.snapshot and facts.is_new_snapshot(ctx.conn, ctx.kind, ctx.as_of, ctx.batch_id):
        touched = observed | facts.rights_spanning(ctx.conn, ctx.kind, ctx.as_of, besides="file_right")
    facts.refresh_rights(ctx.conn, ctx.kind, touched, around=ctx.as_of)


def _dedupe_rows(
    ctx: WriteContext, rows: list[tuple[int, RightRow]], result: WriteResult
) -> tuple[dict[str, RightRow], dict[str, int]]:
    """Keep the last row of each right, and its row number; an earlier duplicate counts as unchanged (warned
    if it differs)."""
    latest: dict[str, RightRow] = {}
    first_row: dict[str, int] = {}
    last_row: dict[str, int] = {}
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
        last_row[row.key] = number
        latest[row.key] = row
    return latest, last_row


def _parties(rows: Iterable[RightRow]) -> Iterator[tuple[str, str | None]]:
    for row in rows:
        for position, name in enumerate(row.holders):
            yield name, row.holder_code if position == 0 else None


class State(NamedTuple):
    digest: str
    values: tuple[Any, ...]  # the right_state columns after digest, ready for SQL (dates as ISO text)
    holder_ids: tuple[int, ...]


class _Parties:
    """Holder ids and display text of each distinct holder list, worked out once (lists repeat, Zipf-like)."""

    def __init__(self, holder_ids: dict[str, int]) -> None:
        self.holder_ids = holder_ids
        self.known: dict[tuple[str, ...], tuple[tuple[int, ...], str, str]] = {}

    def of(self, holders: tuple[str, ...]) -> tuple[tuple[int, ...], str, str]:
        found = self.known.get(holders)
        if found is None:
            ids = tuple(dict.fromkeys(self.holder_ids[k] for k in map(name_key, holders) if k))
            found = self.known[holders] = (ids, "；".join(clean_name(n) for n in holders), ",".join(map(str, ids)))
        return found


def _state_of(row: RightRow, parties: _Parties) -> State:
    ids, holders, id_text = parties.of(row.holders)
    filing, granted, ends = _iso(row.filing_date), _iso(row.granted_on), _iso(row.ends_on)
    content = "\x1f".join(
        (row.title or "", row.status_raw or "", row.status_class, filing or "", granted or "", ends or "", id_text)
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


def _ensure_rights(ctx: WriteContext, rows: dict[str, RightRow]) -> tuple[dict[str, int], set[str]]:
    where = f"WHERE t.kind = '{ctx.kind}'"  # a kind code of the registry, never user text
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


def _observations(
    conn: Connection, right_ids: list[int], as_of: date
) -> tuple[dict[int, list[tuple[date, int]]], dict[int, dict[str, int]]]:
    """Of each of these rights: its observations (date, state) just before, on and just after ``as_of`` (all
    that classifying a new one needs), and the digests of the states it was ever in — every state of a right
    is in one of its facts, and it has one fact per run, not per observation."""
    history: dict[int, list[tuple[date, int]]] = {}
    digests: dict[int, dict[str, int]] = {}
    if not right_ids:
        return history, digests
    temp_ids(conn, "observed_right", right_ids)
    for right_id, (_, observed, _) in facts.near_observations(conn, as_of.isoformat(), "observed_right"):
        history[right_id] = [(date.fromisoformat(d), state_id) for d, state_id in observed]
    rows = conn.exec_driver_sql(
        "SELECT f.right_id, f.state_id, s.digest FROM observed_right t"
        " JOIN right_fact f ON f.right_id = t.id JOIN right_state s ON s.id = f.state_id"
    )
    for right_id, state_id, digest in rows:
        digests.setdefault(right_id, {})[digest] = state_id
    return history, digests


def _classify(history: list[tuple[date, int]], as_of: date, state_id: int, is_new: bool) -> str:
    """inserted: a right new to the store; unchanged: the store already said this as of that date (the
    observation on or before it decides, else the first after it: ``history`` holds those neighbours)."""
    if is_new or not history:
        return "inserted"
    before = [s for d, s in history if d <= as_of]
    effective = before[-1] if before else history[0][1]
    return "unchanged" if effective == state_id else "updated"


def _upsert_observations(conn: Connection, writes: list[tuple[int, str, int, int, int]]) -> None:
    if writes:
        conn.exec_driver_sql(
            "INSERT INTO right_observation (right_id, as_of, batch_id, state_id, source_row) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (right_id, as_of) DO UPDATE SET state_id = excluded.state_id, batch_id = excluded.batch_id, "
            "source_row = excluded.source_row",
            writes,
        )
