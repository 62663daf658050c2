"""Parse at the edge: one module per kind of value, pure functions, no I/O.

Every parser takes the raw cell text (already a ``str``) and returns the
canonical value, or a :class:`Flagged` value when the row is kept with a
warning (a check-character mismatch, domain.md Part I), or raises
:class:`Reject` when the value cannot be what the column holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Gotcha 11: Excel shows a long number stored as a number as 2.01311E+12; the lost digits cannot be recovered.
# Every parser of a number-like cell (application numbers, credit codes, amounts) rejects it by this test.
SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E[+-]?\d+")


class Reject(ValueError):
    """The cell cannot be parsed; ``reason`` is one Chinese sentence for office staff."""

    def __init__(self, reason: str, code: str = "invalid") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Flagged:
    """A parsed value that is kept, with a warning (Chinese) to report."""

    value: Any
    warning: str
    code: str = "warning"


def unwrap(parsed: Any) -> tuple[Any, str | None]:
    """Split a parser's result into (value, warning or None)."""
    if isinstance(parsed, Flagged):
        return parsed.value, parsed.warning
    return parsed, None
