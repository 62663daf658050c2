"""Summary and ranking tables as CSV (UTF-8 with BOM, so Chinese Excel opens it) or .xlsx."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from ipdb.figures.numbers import MONEY_UNIT
from ipdb.figures.rankings import Ranking
from ipdb.figures.summary import Summary
from ipdb.files import save_file, save_text
from ipdb.vocabulary import GROUP_SHORT_ZH, NOT_IMPORTED_ZH
from ipdb.xlsx_style import FORMULA_PREFIXES


def summary_rows(summary: Summary) -> tuple[list[str], list[list[Any]]]:
    headers = ["指标", "键", "单位", "本期", "上期", "增减", "当年累计", "口径", "说明"]
    rows = [
        [
            r.figure.name,
            r.figure.key,
            r.figure.unit,
            NOT_IMPORTED_ZH if r.figure.missing else r.figure.value,
            NOT_IMPORTED_ZH if r.previous_missing else r.previous,
            r.change,
            NOT_IMPORTED_ZH if r.year_to_date_missing else r.year_to_date,
            r.figure.basis,
            r.figure.note,
        ]
        for r in summary.rows
    ]
    return headers, rows


def ranking_rows(ranking: Ranking) -> tuple[list[str], list[list[Any]]]:
    headers = ["排名", GROUP_SHORT_ZH[ranking.by], f"{ranking.name}（{ranking.unit}）"]
    if ranking.by == "enterprise":
        headers.insert(2, "统一社会信用代码")
    if ranking.compare_as_of:
        headers += ["上期数值", "上期排名", "增减", "名次变化"]
    rows = []
    for row in ranking.rows:
        values: list[Any] = [row.rank, row.name, row.value]
        if ranking.by == "enterprise":
            values.insert(2, row.code)
        if ranking.compare_as_of:
            values += [row.previous_value, row.previous_rank, row.change, row.movement]
        rows.append(values)
    return headers, rows


def write_table(path: Path, fmt: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str) -> Path:
    if fmt == "csv":

        def write(handle: IO[str]) -> None:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows([[_csv_safe(v) for v in row] for row in rows])

        return save_text(path, write, encoding="utf-8-sig")
    return _write_xlsx(path, headers, rows, title)


def _csv_safe(value: Any) -> Any:
    """Text from imported data that starts like a formula is quoted so that Excel shows it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str) -> Path:
    from openpyxl import Workbook

    from ipdb.xlsx_style import append_row, autosize, style_header

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for row in rows:
        append_row(sheet, row)
    for column, header in enumerate(headers, start=1):
        fmt = "#,##0.00" if MONEY_UNIT in header else "#,##0"
        for cell in sheet.iter_cols(min_col=column, max_col=column, min_row=2):
            for c in cell:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    c.number_format = fmt
    style_header(sheet)
    autosize(sheet)
    return save_file(path, book.save)


def default_path(stem: str, fmt: str) -> Path:
    return Path("reports") / f"{stem}.{fmt}"


def export_summary(summary: Summary, fmt: str, path: Path | None) -> Path:
    headers, rows = summary_rows(summary)
    target = path or default_path(f"核心指标_{summary.window.as_of.isoformat()}", fmt)
    return write_table(target, fmt, headers, rows, "核心指标")


def export_ranking(ranking: Ranking, fmt: str, path: Path | None) -> Path:
    headers, rows = ranking_rows(ranking)
    target = path or default_path(f"{ranking.name}排名_{GROUP_SHORT_ZH[ranking.by]}_{ranking.as_of.isoformat()}", fmt)
    return write_table(target, fmt, headers, rows, f"{ranking.name}排名")
