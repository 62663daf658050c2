"""Register observations: what one import says of each right, stored as (right, as-of, state) rows.

A right observed again in a state it was already in reuses that state's row, so a quarterly re-export that
repeats a right costs one small observation row. Only the rights the file names are looked up, and only their
own observations are loaded; the facts of those rights (and, for a new complete snapshot, of the rights it may
cut) are then recomputed (ipdb.facts), so an import's cost follows the file, not the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import chain
from typing import Any, NamedTuple

from sqlalchemy import Connection

from ipdb import facts, journal
from ipdb.importers.continuing import Stored, steady, stored_rights
from ipdb.importers.known import KnownAgain, KnownRow, holders_of_states
from ipdb.importers.report import Issue
from ipdb.importers.states import STATE_COLUMNS, States
from ipdb.importers.upserts import WriteContext, WriteResult, ensure_holders
from ipdb.models import RightObservation
from ipdb.sql import next_id, of_ids, temp_ids


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
    fingerprint: str | None = None  # of its raw row, kept with its observation (ipdb.importers.known)


def write_rights(ctx: WriteContext, rows: list[tuple[int, RightRow]]) -> WriteResult:
    """Store the file's rights, a chunk of ``ctx.write_rows`` rights at a time inside the import's one
    transaction, so that what the write holds stays bounded whatever the file's size. The result is the one
    whole write's: the chunks go in right-id order and ids are given in the same order; each right is in one
    chunk, and what is written of it depends on its own rows only (its facts: its observations and the
    register's snapshots); what spans rights (the holders, the snapshot's cut, the rights left) is done once."""
    result = WriteResult()
    latest = _dedupe_rows(ctx, rows, result)
    parsed = [row for _, row in latest.values() if type(row) is not KnownRow]
    states = States(ensure_holders(ctx, _parties(parsed)))
    ctx.first_of_kind = not _register_stored(ctx.conn, ctx.kind)
    day = ctx.as_of.isoformat()
    if ctx.known is not None:  # the register read whole before the parse, in this transaction
        stored = ctx.known.stored_of(list(latest))
        hits = {stored[row.key].state_id for _, row in latest.values() if type(row) is KnownRow}
        ctx.holder_ids.update(holders_of_states(ctx.conn, {s for s in hits if s is not None}))
    else:
        stored = {} if ctx.first_of_kind else stored_rights(ctx.conn, ctx.kind, list(latest), day, ctx.batch_id)
    observed: set[int] = set()
    new_ids: list[range] = []
    for rights, new in _chunks(ctx, latest, stored):
        observed.update(_write_chunk(ctx, result, rights, new, states, stored))
        new_ids.append(new)
    ctx.stock_changes.write(ctx.conn)
    if not ctx.first_of_kind:
        _refresh_facts(ctx, observed, chain((s.right_id for s in stored.values()), *new_ids))
    if ctx.snapshot and not ctx.first_of_kind:
        result.left = facts.count_left(ctx.conn, ctx.kind, ctx.as_of)
    return result


Right = tuple[int, int, RightRow]  # right id, the file row that states it, the row


def _chunks(
    ctx: WriteContext, latest: dict[str, tuple[int, RightRow]], stored: dict[str, Stored]
) -> Iterator[tuple[list[Right], range]]:
    """The file's rights in id order, ``ctx.write_rows`` at a time, each chunk with the ids of those new to the
    store: first the rights the store holds, then the new ones, whose ids follow in key order."""
    size = ctx.write_rows or max(len(latest), 1)
    known = sorted((s.right_id, *latest[key]) for key, s in stored.items())
    for start in range(0, len(known), size):
        yield known[start : start + size], range(0)
    known.clear()
    fresh = sorted(key for key in latest if key not in stored)
    first = next_id(ctx.conn, "right") if fresh else 0
    for start in range(0, len(fresh), size):
        ids = range(first + start, first + min(start + size, len(fresh)))
        yield [(i, *latest[key]) for i, key in zip(ids, fresh[start : start + size], strict=True)], ids


def _write_chunk(
    ctx: WriteContext, result: WriteResult, rights: list[Right], new: range, states: States, stored: dict[str, Stored]
) -> list[int]:
    """One chunk of the file's rights, in id order (``new``: all of them new to the store, or none): the rights
    and states it needs, its observations, and the facts of new rights. Returns the rights that the store
    held and that do not continue unchanged: their facts are refreshed after the last chunk."""
    conn = ctx.conn
    if new:
        conn.exec_driver_sql(
            'INSERT INTO "right" (id, kind, key, category, number) VALUES (?, ?, ?, ?, ?)',
            [(i, ctx.kind, row.key, row.category, row.number) for i, _, row in rights],
        )
    steady = {} if new else _steady(ctx, rights, states, stored)
    result.unchanged += len(steady)
    rights = [r for r in rights if r[0] not in steady]
    observed = [] if new else [i for i, _, _ in rights]
    history, digests = _observations(conn, observed, ctx.as_of)
    state_ids, new_states = _ensure_states(conn, rights, states, digests)
    writes, same_day = _observed(ctx, result, rights, state_ids, history)
    journal.save_superseded(conn, ctx.batch_id, RightObservation.__table__, ("right_id", "as_of"), same_day)
    if new:  # a right new to the store has no observation to conflict with
        _insert_observations(conn, writes)
    else:
        _upsert_observations(conn, sorted(writes))  # key order
        _insert_observations(conn, [o for o in steady.values() if o is not None])  # none stored of the day
    if new:
        _derive_new(ctx, rights, (state_ids, new_states), states)
    return observed


def _steady(
    ctx: WriteContext, known: list[tuple[int, int, RightRow]], states: States, stored: dict[str, Stored]
) -> dict[int, Observation | None]:
    """The rights of the file that continue unchanged (ipdb.importers.continuing), each with the observation it
    gets (None: the store already has it)."""
    day, batch_id = ctx.as_of.isoformat(), ctx.batch_id
    found: dict[int, Observation | None] = {}
    for right_id, number, right in known:
        held = stored[right.key]
        digest = (held.digest or "") if type(right) is KnownRow else states.digest(right)
        kept = steady(held, digest, day) if held.state_id is not None else None
        if kept is not None:
            found[right_id] = (
                (right_id, day, batch_id, kept.state_id, number, right.fingerprint) if kept.write else None
            )
        elif type(right) is KnownRow:
            raise KnownAgain(right.key)  # cannot be: recognised in this very transaction
    return found


Observation = tuple[int, str, int, int, int, str | None]  # right_id, as_of, batch_id, state_id, source_row, fingerprint


def _observed(
    ctx: WriteContext,
    result: WriteResult,
    rights: list[tuple[int, int, RightRow]],
    state_ids: list[int],
    history: dict[int, list[tuple[date, int]]],
) -> tuple[list[Observation], list[tuple[int, date]]]:
    """Each right's observation to write (none when the store already says this as of that date), and the
    rights that another import of the same date said otherwise of (their observation is kept for undo)."""
    as_of, day, batch_id = ctx.as_of, ctx.as_of.isoformat(), ctx.batch_id
    writes: list[Observation] = []
    same_day: list[tuple[int, date]] = []
    inserted = 0
    for (right_id, number, row), state_id in zip(rights, state_ids, strict=True):
        seen = history.get(right_id)
        if not seen:  # a right new to the store, or one with no observation left
            inserted += 1
            writes.append((right_id, day, batch_id, state_id, number, row.fingerprint))
            continue
        status = _classify(seen, as_of, state_id, False)
        setattr(result, status, getattr(result, status) + 1)
        if (as_of, state_id) not in seen:
            writes.append((right_id, day, batch_id, state_id, number, row.fingerprint))
            if any(d == as_of for d, _ in seen):
                same_day.append((right_id, as_of))
    result.inserted += inserted
    return writes, same_day


def _register_stored(conn: Connection, kind: str) -> bool:
    return conn.exec_driver_sql('SELECT 1 FROM "right" WHERE kind = ? LIMIT 1', (kind,)).first() is not None


def _derive_new(
    ctx: WriteContext,
    rights: list[tuple[int, int, RightRow]],
    stated: tuple[list[int], list[tuple[Any, ...]]],
    states: States,
) -> None:
    """The facts of these rights, new to the store: each has one observation, just written, of a
    new state (``stated``: each right's state id, in the order of ``rights``, and the new state rows), so they
    are derived without reading anything back."""
    holders = states.parties.of
    dates = {state[0]: state[4:8] for state in stated[1]}  # status class, filing, granted, ends
    facts.derive_new(
        ctx.conn,
        ctx.kind,
        ctx.as_of,
        [
            (right_id, right.category, state_id, dates[state_id], holders(right.holders)[0])
            for (right_id, _, right), state_id in zip(rights, stated[0], strict=True)
        ],
        ctx.stock_changes,
    )


def _refresh_facts(ctx: WriteContext, observed: set[int], listed: Iterable[int]) -> None:
    """The facts of the rights this file observes but for those continuing unchanged (ipdb.importers.continuing),
    spliced around its date; a new complete snapshot also may cut the rights whose facts span its date and that
    the file does not list (``listed``: every right of the file, those new to the store included)."""
    touched = observed
    if ctx.snapshot and facts.is_new_snapshot(ctx.conn, ctx.kind, ctx.as_of, ctx.batch_id):
        temp_ids(ctx.conn, "file_right", listed)
        touched = observed | facts.rights_spanning(ctx.conn, ctx.kind, ctx.as_of, besides="file_right")
    facts.refresh_rights(ctx.conn, ctx.kind, touched, around=ctx.as_of)


def _dedupe_rows(
    ctx: WriteContext, rows: list[tuple[int, RightRow]], result: WriteResult
) -> dict[str, tuple[int, RightRow]]:
    """The last row of each right with its row number (the file's own tuples: nothing is copied), by key, in
    the order the rights first appear; an earlier duplicate counts as unchanged (warned if it differs)."""
    latest: dict[str, tuple[int, RightRow]] = {}
    first_row: dict[str, int] = {}  # of the rights stated more than once only
    for item in rows:
        row = item[1]
        before = latest.get(row.key)
        if before is not None:
            if type(row) is KnownRow or type(before[1]) is KnownRow:
                raise KnownAgain(row.key)  # duplicates are compared as parsed rows
            result.unchanged += 1
            first = first_row.setdefault(row.key, before[0])
            if before[1][:-1] != row[:-1]:  # the same values, whatever their raw text (the fingerprint)
                ctx.report.add_issue(
                    Issue(
                        "warning",
                        "",
                        item[0],
                        "",
                        row.number,
                        f"与第 {first} 行是同一项权利但内容不同，以后出现的行为准",
                        "duplicate_differs",
                    )
                )
        latest[row.key] = item
    return latest


def _parties(rows: Iterable[RightRow]) -> Iterator[tuple[str, str | None]]:
    """(name, credit code or None) of every holder named, each distinct holder list once (they repeat)."""
    for holders, code in dict.fromkeys((row.holders, row.holder_code) for row in rows):
        for position, name in enumerate(holders):
            yield name, code if position == 0 else None


def _ensure_states(
    conn: Connection, rights: list[tuple[int, int, RightRow]], states: States, digests: dict[int, dict[str, int]]
) -> tuple[list[int], list[tuple[Any, ...]]]:
    """The state id of each right's new statement: a state it was already observed in, else a new row
    (returned too, in STATE_COLUMNS order).

    A quarterly re-export that repeats a right unchanged therefore costs one small observation row,
    and nothing needs an index on the digest (states are matched within one right's own history)."""
    ids: list[int] = []
    new: list[tuple[Any, ...]] = []
    links: list[tuple[int, int, int]] = []
    state_id = next_id(conn, "right_state")
    for right_id, _, right in rights:
        values, holder_ids = states.row(state_id, right)
        known = digests[right_id].get(values[1]) if right_id in digests else None
        if known is not None:
            ids.append(known)
            continue
        new.append(values)
        links.extend([(state_id, position, holder) for position, holder in enumerate(holder_ids)])
        ids.append(state_id)
        state_id += 1
    if new:
        columns = ", ".join(STATE_COLUMNS)
        conn.exec_driver_sql(f"INSERT INTO right_state ({columns}) VALUES ({', '.join('?' * len(STATE_COLUMNS))})", new)
    if links:
        conn.exec_driver_sql("INSERT INTO right_state_holder (state_id, position, holder_id) VALUES (?, ?, ?)", links)
    return ids, new


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
    source, only = of_ids("observed_right", "right_fact f")  # else SQLite walks every fact of the store, each chunk
    rows = conn.exec_driver_sql(
        f"SELECT f.right_id, f.state_id, s.digest FROM {source} JOIN right_state s ON s.id = f.state_id WHERE {only}"
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


_INSERT_OBSERVATION = (
    "INSERT INTO right_observation (right_id, as_of, batch_id, state_id, source_row, fingerprint) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def _upsert_observations(conn: Connection, writes: list[Observation]) -> None:
    if writes:
        conn.exec_driver_sql(
            f"{_INSERT_OBSERVATION} ON CONFLICT (right_id, as_of) DO UPDATE SET state_id = excluded.state_id, "
            "batch_id = excluded.batch_id, source_row = excluded.source_row, fingerprint = excluded.fingerprint",
            writes,
        )


def _insert_observations(conn: Connection, writes: list[Observation]) -> None:
    """Observations of rights that have none of the day (new to the store, or continuing unchanged: ``steady``):
    a plain insert, which costs about 0.6x the upsert (no conflict to look for)."""
    if writes:
        conn.exec_driver_sql(_INSERT_OBSERVATION, writes)
