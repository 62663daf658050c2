"""An explanation as JSON (the ``ipdb explain --format json`` contract), as one CSV table, or as a workbook
(计入 / 未计入 / 核对), the rows in the same shape everywhere."""

from __future__ import annotations

import csv
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from ipdb.figures.explain import ExplainRow, Explanation
from ipdb.figures.registry import METRICS_BY_KEY
from ipdb.files import save_file, save_text
from ipdb.periods import format_day
from ipdb.vocabulary import HOLDER_GROUP_ZH, NEAR_MISS_ZH
from ipdb.xlsx_style import FORMULA_PREFIXES, header_cells, set_widths, text_cells

# The names of a row's three dates, per kind of row (None: the kind has no such date).
DATE_NAMES: dict[str, tuple[str | None, str | None, str | None]] = {
    "patents": ("filing_date", "granted_on", "ends_on"),
    "trademarks": ("filing_date", "granted_on", "ends_on"),
    "madrid": ("filing_date", "granted_on", "ends_on"),
    "designations": ("designated_on", None, None),
    "pledges": ("registered_on", None, None),
    "funds": ("dated_on", None, None),
    "projects": ("approved_on", "approval_year", None),
    "awards": (None, "award_year", None),
    "well-known": ("recognized_on", None, None),
    "cases": ("opened_on", "closed_on", None),
}
DATE_ZH = {"filing_date": "申请日", "granted_on": "授权/注册日", "ends_on": "失效日", "designated_on": "认定日期",
           "registered_on": "登记日", "dated_on": "申报日期", "approved_on": "立项日期", "approval_year": "立项年度",
           "award_year": "获奖年度", "recognized_on": "认定日期", "opened_on": "立案日期", "closed_on": "结案日期"}  # fmt: skip
WIDTH_ROWS = 500  # rows of a sheet its column widths are measured on
HEADERS = ("原因", "号码", "名称", "类别", "权利人", "权利人分组", "企业", "统一社会信用代码", "街道/镇", "状态", "日期",
           "金额（万元）", "来源文件", "工作表", "行号")  # fmt: skip


def row_dates(row: ExplainRow) -> dict[str, Any]:
    names = DATE_NAMES.get(row.kind, (None, None, None))
    return {name: _iso(value) for name, value in zip(names, row.dates, strict=True) if name}


def row_json(row: ExplainRow) -> dict[str, Any]:
    return {
        "number": row.number, "kind": row.kind, "category": row.category, "title": row.title,
        "holders": row.holders, "holder_group": row.holder_group, "enterprise": row.enterprise,
        "credit_code": row.credit_code, "town": row.town, "industry": row.industry, "status": row.status,
        **row_dates(row), "amount": row.amount, "reason": row.reason,
        "batch": row.batch, "sheet": row.sheet, "row": row.row,
    }  # fmt: skip


def explanation_json(e: Explanation, *, near: bool) -> dict[str, Any]:
    """The contract: ``metric``, ``value``, ``rows`` (``reason`` 'counted' or a near-miss code) and, with near misses
    or a published figure, ``groups``; with a published figure also ``published`` and ``difference``."""
    data: dict[str, Any] = {
        "metric": e.figure.key, "name": e.figure.name, "unit": e.figure.unit, "as_of": e.as_of.isoformat(),
        "period": {"start": e.period.start.isoformat(), "end": e.period.end.isoformat(), "label": e.period.label},
        "scope": e.scope, "value": _json_value(e), "count": e.count, "holder_groups": e.holder_groups,
        "rows": map(row_json, chain(e.counted_rows(), e.near_rows())),  # written as read (ipdb.cli.jsontext)
    }  # fmt: skip
    if near or e.published is not None:
        data["groups"] = e.groups
    if e.published is not None:
        data["published"] = _whole(e.published)
        data["difference"] = _whole(e.difference)
    return data


def _whole(value: float | None) -> int | float | None:
    """1461.0 as 1461: a published count is written as the office typed it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _json_value(e: Explanation) -> int | float | None:
    if e.value is None or e.figure.unit.endswith("元") or "/" in e.figure.unit:
        return None if e.value is None else round(float(e.value), 4)
    return int(e.value)


def table_row(row: ExplainRow) -> list[Any]:
    dates = "；".join(f"{DATE_ZH[k]}{v}" for k, v in row_dates(row).items() if v is not None)
    return [
        NEAR_MISS_ZH.get(row.reason, row.reason), row.number, row.title or "", row.category or "", row.holders,
        HOLDER_GROUP_ZH.get(row.holder_group, row.holder_group), row.enterprise, row.credit_code, row.town,
        row.status or "", dates, row.amount, row.batch or "", row.sheet or "",
        row.row,
    ]  # fmt: skip


def reconciliation_lines(e: Explanation) -> list[tuple[str, Any]]:
    """我们的数字, 公布数字, 差额, then each near-miss group and its count."""
    lines: list[tuple[str, Any]] = [(f"本系统（{e.scope}）", e.value)]
    if e.published is not None:
        lines += [("公布数字", e.published), ("差额（公布 - 本系统）", e.difference)]
    lines += [(f"未计入：{NEAR_MISS_ZH.get(code, code)}", n) for code, n in e.groups.items()]
    return lines


def export_path(e: Explanation, fmt: str) -> Path:
    """Where ``-o`` is not given: reports/发明专利明细_全区_2026-09-30.xlsx."""
    short = METRICS_BY_KEY[e.figure.key].short_name
    return Path("reports") / f"{short}明细_{e.scope}_{e.as_of.isoformat()}.{fmt}"


def export_explanation(e: Explanation, fmt: str, path: Path | None) -> Path:
    """The rows written as they are read (a city's 300k rights are never one list)."""
    target = path or export_path(e, fmt)
    if fmt == "csv":
        return save_text(target, lambda handle: _write_csv(e, handle), encoding="utf-8-sig")
    return save_file(target, lambda stream: _workbook(e).save(stream))


def _write_csv(e: Explanation, handle: IO[str]) -> None:
    writer = csv.writer(handle)
    writer.writerow(HEADERS)
    for row in chain(e.counted_rows(), e.near_rows()):
        writer.writerow([_safe(v) for v in table_row(row)])


def _workbook(e: Explanation) -> Any:
    """A write-only workbook: each sheet's rows go to its file as they come, so its widths are taken from its
    first rows (WIDTH_ROWS), which are read ahead."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    title = f"{e.figure.name}（{e.scope}，截至{format_day(e.as_of)}）：{e.value}{e.figure.unit}"
    for name, rows in (("计入", e.counted_rows()), ("未计入", e.near_rows())):
        sheet = book.create_sheet(name)
        first = [table_row(r) for r in islice(rows, WIDTH_ROWS)]
        set_widths(sheet, [list(HEADERS), *first])
        sheet.freeze_panes = "A3"
        sheet.append([title])
        sheet.append(header_cells(sheet, HEADERS))
        for values in chain(first, map(table_row, rows)):
            sheet.append(text_cells(sheet, values))
    check = book.create_sheet("核对")
    lines = [list(line) for line in reconciliation_lines(e)]
    set_widths(check, lines)
    for line in lines:
        check.append(line)
    return book


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
