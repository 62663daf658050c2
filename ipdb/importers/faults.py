"""What a reader found wrong in one row or cell of a file, before any table is located.

A reject fault makes its row a reject (the row is counted and reported with its number, never silently merged
or dropped); a warning fault is reported and the row, if any, is read as usual.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellFault:
    row: int  # Excel row number (for CSV: the record number, as Excel numbers the rows when it opens the file)
    column: str  # where, as the user sees it ('XFD1048576', 'B7'); '' for the whole row
    value: str  # the raw text, shortened
    code: str  # a code of ipdb/catalogue.py
    reason: str  # the Chinese sentence
    severity: str = "reject"


def shorten(text: str, limit: int = 120) -> str:
    """Raw text for a report cell: one line, at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
