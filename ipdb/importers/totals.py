"""A file's own totals are evidence (domain.md Part I "Nothing silently lost"): each 合计/小计/总计 row's
numbers are compared with the sum of the same column over the rows imported above it, and a count such as
共160项 with the number of rows imported; a difference is a warning stating both numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ipdb.catalogue import message
from ipdb.importers.binding import Binding
from ipdb.importers.report import ImportReport, Issue
from ipdb.importers.spec import MERGED_ROW, Record
from ipdb.importers.table import SKIP_NOTE, SKIP_TOTAL, SkippedRow, Table, clean_label
from ipdb.values import Reject
from ipdb.values.money import UNIT_FACTORS

COUNT = re.compile(r"共(?:计)?(\d+)(?:项|家|件|条|笔|个|户|行|人)")
SUBTOTAL = "小计"  # a subtotal covers the rows since the previous total row; 合计/总计 every row above
COUNT_COLUMN = "行数"


@dataclass(frozen=True)
class TotalCheck:
    sheet: str
    row: int
    column: str  # the header as written ('申报金额（万元）'), or 行数 for a count
    stated: float  # in the column's own unit as written (万元 when the header says 万元)
    imported: float
    match: bool


def check_totals(
    table: Table, bindings: list[Binding], records: list[tuple[int, Record]], report: ImportReport
) -> None:
    """Append a TotalCheck (and a totals_mismatch warning when they differ) for each total the sheet states."""
    money = [b for b in bindings if b.column.money and b.index is not None]
    start = 0
    for skipped in table.skipped:
        if skipped.reason not in (SKIP_TOTAL, SKIP_NOTE) or not skipped.cells:
            continue
        is_sub = any(SUBTOTAL in clean_label(cell) for cell in skipped.cells if cell)
        above = [(n, r) for n, r in records if (start if is_sub else 0) < n < skipped.number]
        checks = _money_checks(table.sheet, skipped, money, above) if skipped.reason == SKIP_TOTAL else []
        checks.extend(_count_checks(table.sheet, skipped, len(above)))
        for check, unit in checks:
            _record(report, check, unit)
        if skipped.reason == SKIP_TOTAL:
            start = skipped.number


def _money_checks(
    sheet: str, row: SkippedRow, money: list[Binding], above: list[tuple[int, Record]]
) -> list[tuple[TotalCheck, str]]:
    found = []
    for binding in money:
        assert binding.index is not None
        raw = row.cells[binding.index] if binding.index < len(row.cells) else None
        unit = binding.unit or "万元"
        if unit not in UNIT_FACTORS:  # a foreign currency: every row of the column is a reject already
            continue
        stated = _stated(binding, raw, unit)
        if stated is None:
            continue
        yuan, places = stated
        # a loan written over merged rows carries its amount once (on the merged cell's top row)
        field = binding.column.field
        imported = sum(r[field] for n, r in above if field in r and r.get(MERGED_ROW) in (None, n))
        factor = UNIT_FACTORS[unit]
        tolerance = Decimal(factor) / 2 / (10**places)
        match = abs(Decimal(imported) - yuan) <= tolerance
        check = TotalCheck(sheet, row.number, binding.label, _in(yuan, factor), _in(imported, factor), match)
        found.append((check, unit))
    return found


def _stated(binding: Binding, raw: str | None, unit: str) -> tuple[Decimal, int] | None:
    if not raw or not raw.strip():
        return None
    try:
        yuan = binding.column.parse(raw, unit) if binding.column.parse else None
    except (Reject, ValueError):
        return None
    if yuan is None:
        return None
    decimals = raw.strip().split(".")[1] if "." in raw else ""
    return Decimal(yuan), len([c for c in decimals if c.isdigit()])


def _count_checks(sheet: str, row: SkippedRow, imported: int) -> list[tuple[TotalCheck, str]]:
    for cell in row.cells:
        found = COUNT.search(clean_label(cell)) if cell else None
        if found:
            stated = int(found.group(1))
            return [(TotalCheck(sheet, row.number, COUNT_COLUMN, stated, imported, stated == imported), "项")]
    return []


def _in(yuan: Decimal | int, factor: int) -> float:
    return float(round(Decimal(yuan) / factor, 6))


def _record(report: ImportReport, check: TotalCheck, unit: str) -> None:
    report.totals.append(check)
    if not check.match:
        stated, imported = _shown(check.stated, unit), _shown(check.imported, unit)
        difference = _shown(abs(check.stated - check.imported), unit)
        reason = message("totals_mismatch", stated=stated, imported=imported, difference=difference)
        report.add_issue(Issue("warning", check.sheet, check.row, check.column, "", reason, "totals_mismatch"))


def _shown(value: float, unit: str) -> str:
    return f"{value:.0f}{unit}" if unit in ("项", "元") else f"{value:.2f}{unit}"
