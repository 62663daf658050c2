"""The right_state row a register row states: its holders' ids and display text, its ISO dates, its digest."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING, Any

from ipdb.values.names import clean_name, name_key

if TYPE_CHECKING:
    from ipdb.importers.observations import RightRow


class Parties:
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


class IsoDates(dict[date | None, str | None]):
    """Dates as ISO text for SQL, each distinct date turned into text once (a register's dates repeat)."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


class States:
    """The right_state row a register row states, ready for SQL, with its holder ids in order."""

    def __init__(self, holder_ids: dict[str, int]) -> None:
        self.parties = Parties(holder_ids)
        self.iso = IsoDates()

    def digest(self, right: RightRow) -> str:
        """The digest of the state the row states, and nothing else built (one per known right of a re-import)."""
        _, _, _, title, status_raw, status_class, filing_date, granted_on, ends_on, holders, _, _ = right
        iso = self.iso
        filing, granted, ends = iso[filing_date], iso[granted_on], iso[ends_on]
        return _digest(title, status_raw, status_class, filing, granted, ends, self.parties.of(holders)[2])

    def row(self, state_id: int, right: RightRow) -> tuple[tuple[Any, ...], tuple[int, ...]]:
        """The right_state row (STATE_COLUMNS) under ``state_id``, and the holder ids in order."""
        _, _, _, title, status_raw, status_class, filing_date, granted_on, ends_on, holders, _, _ = right
        ids, shown, id_text = self.parties.of(holders)
        iso = self.iso
        filing, granted, ends = iso[filing_date], iso[granted_on], iso[ends_on]
        digest = _digest(title, status_raw, status_class, filing, granted, ends, id_text)
        return (state_id, digest, title, status_raw, status_class, filing, granted, ends, shown), ids


def _digest(*values: str | None) -> str:
    """A state's digest: its values (ISO dates, holder ids) joined, the holders' display text left out."""
    content = "\x1f".join([value or "" for value in values])
    return hashlib.blake2b(content.encode(), digest_size=12).hexdigest()


STATE_COLUMNS = (
    "id",
    "digest",
    "title",
    "status_raw",
    "status_class",
    "filing_date",
    "granted_on",
    "ends_on",
    "holders",
)
