"""Rows of a register re-import that need no parsing: the same raw cells, parsed the same way, as the right's
latest observation in the state of its fact holding the file's date (issue 13, target 2).

Each observation keeps a fingerprint of its raw row: the bound cells as the file gave them, with the parse context
(the kind, each binding's field, --set constant and unit, ``PARSE_VERSION`` and a digest of the parsing code). It is kept only for a row
that had no problem at all (no reject, warning or note, no merged cell) and no credit code (a hit teaches none),
and it goes with its batch when that is undone. A row whose fingerprint is the one of the right's latest observation
in the state of the fact holding the file's date would parse to that state: the same digest, its holders linked already
(a holder a state names is never dropped, and a name key names one holder). So it continues unchanged
(ipdb.importers.continuing.steady), and cleaning, date checks, ``to_right`` and the state digest are skipped.
What depends on the import's date is checked again: a grant after the register's date or after today is
warned, so such a row takes the full path. A key the file states twice, once by a hit, sends the whole import
back to the full path (``KnownAgain``): the duplicate rows are compared as parsed rows.

This applies to a file that names about the whole register (``continuing.WHOLE_SHARE``): the register is read
in one pass, and that read serves the write too (``stored_rights``). The read and the write are in one
transaction (the parse runs inside it), so nothing can change between them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection

from ipdb.importers.binding import Binding
from ipdb.importers.continuing import WHOLE_SHARE, Stored, as_stored, day_observed, rights_at_most, steady
from ipdb.importers.spec import SheetSpec
from ipdb.sql import temp_ids

PARSE_VERSION = 1  # with the text of the parsing code (``code_version``): any edit to it is another version
FINGERPRINT = "\x00fingerprint"  # the record field a clean row's fingerprint travels in, to its RightRow
GRANTED = frozenset({"grant_date", "reg_date", "ir_date"})  # the fields a state keeps as granted_on


class KnownRow(NamedTuple):
    """A row recognised as continuing unchanged: its right's key and its fingerprint (kept with the observation)."""

    key: str
    fingerprint: str


class KnownAgain(Exception):
    """A key both recognised and stated again: the import is done again without recognising rows."""


_READ = """
SELECT r.key, r.id, f.state_id, s.digest, f.observed_on, {stated}, s.granted_on, (
    SELECT b.fingerprint FROM right_observation b WHERE b.right_id = r.id AND b.state_id = f.state_id
    ORDER BY b.as_of DESC LIMIT 1
)
FROM "right" r
LEFT JOIN right_fact f ON f.right_id = r.id AND f.lo <= ? AND ? < f.hi
LEFT JOIN right_state s ON s.id = f.state_id
{observation}
WHERE r.kind = ?
"""
_OBSERVATION = "LEFT JOIN right_observation o ON o.right_id = r.id AND o.as_of = ?"


@dataclass
class Fingerprints:
    """The fingerprint of each raw row of one table, and (``known``) the stored rights they recognise."""

    start: Any  # a blake2b state fed the parse context
    known: dict[str, Stored] | None = None  # by fingerprint, those that continue unchanged on the day
    bound: str = ""  # a hit's grant date must not be after this (the earlier of the register's date and today)

    def of(self, raws: Sequence[str | None]) -> str:
        found = self.start.copy()
        found.update(repr(raws).encode())  # a tuple or list of text and None: repr tells each apart
        return str(found.hexdigest())

    def hit(self, fingerprint: str) -> KnownRow | None:
        stored = self.known.get(fingerprint) if self.known else None
        if stored is None or (stored.granted_on is not None and str(stored.granted_on) > self.bound):
            return None
        return KnownRow(stored.key, fingerprint)


def fingerprints(spec: SheetSpec, bindings: list[Binding], known: Known | None, today: date) -> Fingerprints | None:
    """The fingerprints of a table's rows; None for a kind that keeps none (not a register, or with checks of its
    dates that a state does not keep)."""
    if not spec.register or spec.compact is None or not set(spec.not_after) <= GRANTED:
        return None
    context = [PARSE_VERSION, code_version(), spec.kind, [(b.column.field, b.constant, b.unit) for b in bindings]]
    start = hashlib.blake2b(json.dumps(context, ensure_ascii=False).encode(), digest_size=16)
    if known is None:
        return Fingerprints(start)
    return Fingerprints(start, known.by_fingerprint, min(known.day, today.isoformat()))


@cache
def code_version() -> str:
    """A digest of the code that turns raw cells into a state: every module of ipdb.importers (the kinds'
    columns, rows, the state digest) and ipdb.values, and ipdb.vocabulary. An upgrade that edits any of them
    recognises nothing until each right is parsed once more (about 2 ms, once per process)."""
    package = Path(__file__).resolve().parents[1]
    found = hashlib.blake2b(digest_size=16)
    for path in sorted([*(package / "importers").rglob("*.py"), *(package / "values").rglob("*.py")]):
        found.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    found.update((package / "vocabulary.py").read_bytes())
    return found.hexdigest()


@dataclass
class Known:
    """The register as stored, read in one pass: each right by key, and those continuing unchanged on ``day``
    by the fingerprint of their latest observation in that state."""

    day: str
    by_key: dict[str, Stored]
    by_fingerprint: dict[str, Stored]

    def stored_of(self, keys: Sequence[str]) -> dict[str, Stored]:
        """What ``continuing.stored_rights`` gives for these keys."""
        by_key = self.by_key
        return {key: by_key[key] for key in keys if key in by_key}


def read_known(conn: Connection, kind: str, day: date, rows: int) -> Known | None:
    """The register read whole, when a file of about ``rows`` rows names about all of it (else None)."""
    stored = rights_at_most(conn)
    if not stored or rows < WHOLE_SHARE * stored:
        return None
    iso = day.isoformat()
    params: tuple[str, ...]
    if day_observed(conn, kind, iso, 0):  # before this import's batch: any batch of the day is another's
        sql, params = _READ.format(stated="o.state_id", observation=_OBSERVATION), (iso, iso, iso, kind)
    else:
        sql, params = _READ.format(stated="NULL", observation=""), (iso, iso, kind)
    by_key: dict[str, Stored] = {}
    by_fingerprint: dict[str, Stored] = {}
    with conn.exec_driver_sql(sql, params) as result:
        for held in map(as_stored, result.cursor.fetchall()):
            by_key[held.key] = held
            if held.fingerprint is not None and steady(held, held.digest or "", iso) is not None:
                by_fingerprint[held.fingerprint] = held
    return Known(iso, by_key, by_fingerprint)


def holders_of_states(conn: Connection, state_ids: set[int]) -> set[int]:
    """The holders the states name (those of the rights recognised, which the report counts)."""
    if not state_ids:
        return set()
    temp_ids(conn, "known_state", state_ids)
    rows = conn.exec_driver_sql(
        "SELECT DISTINCT h.holder_id FROM known_state k JOIN right_state_holder h ON h.state_id = k.id"
    )
    return {int(holder) for (holder,) in rows}


def known_keys(rows: Sequence[tuple[int, Any]]) -> set[str]:
    """The keys of the recognised rows."""
    return {row.key for _, row in rows if type(row) is KnownRow}


Compact = Callable[[Any], Any]
