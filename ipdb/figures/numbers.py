"""Units and comparisons shared by every figure: one ``change()`` (current - previous) and one ``growth()``."""

from __future__ import annotations

MONEY_UNIT = "万元"  # money is integer 元 in the store; figures carry it in 万元, unrounded
PER_10K_UNIT = "件/万人"

Number = int | float | None


def change(value: Number, before: Number) -> Number:
    """current - previous; None when either side is unknown (a figure without data is not 0)."""
    return None if value is None or before is None else value - before


def growth(value: Number, before: Number) -> float | None:
    """Relative change (0.125 = 12.5%); None when the base is missing or zero."""
    return None if value is None or not before else (value - before) / before


def wan(yuan: object) -> float:
    """Integer 元 from SQL (None when nothing was summed) as 万元."""
    return int(yuan or 0) / 10_000  # type: ignore[call-overload]
