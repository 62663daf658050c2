"""A right's observations over time, and the rights a complete snapshot no longer lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from ipdb.errors import NotFound
from ipdb.facts import LEFT_WHERE, left_params
from ipdb.store import Store
from ipdb.values import Reject, unwrap
from ipdb.values.patent_numbers import parse_application_no
from ipdb.values.trademark_numbers import parse_registration_no
from ipdb.vocabulary import END_OF_TIME_ISO, REGISTER_ZH


@dataclass(frozen=True)
class Observation:
    as_of: date
    file_name: str
    batch_id: int
    snapshot: bool
    status: str | None
    status_class: str
    holders: str
    filing_date: date | None
    granted_on: date | None
    ends_on: date | None


@dataclass(frozen=True)
class RightHistory:
    kind: str
    number: str
    category: str | None
    title: str | None
    observations: tuple[Observation, ...]
    left_on: tuple[date, ...]  # complete snapshots that no longer listed it (it left the register)


@dataclass(frozen=True)
class LeftRight:
    number: str
    title: str | None
    holders: str
    last_seen: date


def _keys_for(number: str) -> list[tuple[str, str]]:
    """Candidate (kind, key) pairs for a number written in any form."""
    keys = []
    try:
        keys.append(("patents", unwrap(parse_application_no(number))[0].body))
    except Reject:
        pass
    try:
        keys.append(("trademarks", parse_registration_no(number)))
        keys.append(("madrid", parse_registration_no(number)))
    except Reject:
        pass
    return keys


def right_history(store: Store, number: str) -> list[RightHistory]:
    """Every right the number names (a trademark number may name several classes)."""
    found: list[RightHistory] = []
    with store.engine.connect() as conn:
        for kind, key in _keys_for(number):
            rows = conn.execute(
                text(
                    'SELECT id, kind, number, category FROM "right" WHERE kind = :k AND (key = :key OR key LIKE :prefix)'
                ),
                {"k": kind, "key": key, "prefix": f"{key}/%"},
            ).all()
            found.extend(_history(conn, *row) for row in rows)
    if not found:
        raise NotFound(f"库中没有「{number}」这件专利或商标：请检查号码，或先导入相应的清单。")
    return found


def _history(conn, right_id: int, kind: str, number: str, category: str | None) -> RightHistory:  # type: ignore[no-untyped-def]
    rows = conn.execute(
        text(
            "SELECT o.as_of, b.file_name, b.id, b.snapshot, s.status_raw, s.status_class, s.holders, "
            "s.filing_date, s.granted_on, s.ends_on, s.title FROM right_observation o "
            "JOIN import_batch b ON b.id = o.batch_id JOIN right_state s ON s.id = o.state_id "
            "WHERE o.right_id = :r ORDER BY o.as_of"
        ),
        {"r": right_id},
    ).all()
    observations = tuple(
        Observation(date.fromisoformat(r[0]), r[1], r[2], bool(r[3]), r[4], r[5], r[6], _d(r[7]), _d(r[8]), _d(r[9]))
        for r in rows
    )
    left = conn.execute(
        text(
            "SELECT DISTINCT b.as_of FROM import_batch b WHERE b.kind = :k AND b.snapshot = 1 AND b.as_of > :first "
            "AND NOT EXISTS (SELECT 1 FROM right_observation o WHERE o.right_id = :r AND o.as_of = b.as_of) "
            "AND EXISTS (SELECT 1 FROM right_fact f WHERE f.right_id = :r AND f.hi = b.as_of) ORDER BY b.as_of"
        ),
        {"k": kind, "r": right_id, "first": rows[0][0] if rows else END_OF_TIME_ISO},
    ).all()
    title = rows[-1][10] if rows else None
    return RightHistory(kind, number, category, title, observations, tuple(date.fromisoformat(r[0]) for r in left))


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def left_register(store: Store, kind: str, day: date) -> list[LeftRight]:
    """Rights the complete snapshot of ``day`` no longer lists, with their last holder: one read transaction
    that writes nothing (no temporary table), as a READ ONLY one on another engine allows."""
    with store.reading() as reader:
        if reader.scalar(_SNAPSHOT, {"k": kind, "d": day.isoformat()}) is None:
            raise NotFound(
                f"{day.isoformat()} 没有{REGISTER_ZH.get(kind, kind)}的完整快照（--snapshot 导入）："
                f"用 ipdb batches 查看各批次的日期。"
            )
        rows = reader.rows(_LEFT_ROWS, left_params(kind, day))
    return sorted((LeftRight(r[0], r[1], r[2], date.fromisoformat(r[3])) for r in rows), key=lambda x: x.number)


_SNAPSHOT = "SELECT 1 FROM import_batch WHERE kind = :k AND snapshot = 1 AND as_of = :d"
_LEFT_ROWS = (
    'SELECT r.number, s.title, s.holders, f.observed_on FROM right_fact f JOIN "right" r ON r.id = f.right_id'
    f" JOIN right_state s ON s.id = f.state_id WHERE {LEFT_WHERE}"
)
