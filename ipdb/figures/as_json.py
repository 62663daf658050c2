"""The JSON contracts of ``summary`` and ``rank`` (README): numbers as a program reads them."""

from __future__ import annotations

from typing import Any

from ipdb.figures.headline import Figure, Headline
from ipdb.figures.numbers import MONEY_UNIT, PER_10K_UNIT
from ipdb.figures.rankings import Ranking, RankingRow
from ipdb.figures.summary import Summary
from ipdb.periods import Period


def json_number(value: float | int | None, unit: str) -> float | int | None:
    """Counts as int, money in 万元 with at most 2 decimals, ratios unrounded, unknown as None."""
    if value is None:
        return None
    if unit == MONEY_UNIT:
        return round(float(value), 2)
    if unit == PER_10K_UNIT:
        return float(value)
    return int(value)


def json_value(figure: Figure) -> int | float | None:
    return json_number(figure.value, figure.unit)


def period_json(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label}


def headline_json(h: Headline) -> dict[str, Any]:
    data: dict[str, Any] = {f.key: json_value(f) for f in h.figures}
    data["as_of"] = h.as_of.isoformat()
    data["period"] = period_json(h.period)
    data["missing"] = h.missing  # kinds not imported for this D and P: their figures are null, not 0
    return data


def summary_json(summary: Summary, *, with_previous: bool) -> dict[str, Any]:
    """The contract: every metric key -> number (money in 万元), as_of, period; `previous` with --compare."""
    data = headline_json(summary.current)
    if summary.year_to_date:
        ytd = summary.year_to_date
        data["year_to_date"] = {f.key: json_value(f) for f in ytd.figures if f.kind == "flow"} | {
            "period": period_json(ytd.period),
            "missing": list(dict.fromkeys(f.kind_needed for f in ytd.figures if f.kind == "flow" and f.missing)),
        }
    if with_previous and summary.previous:
        data["previous"] = headline_json(summary.previous)
    data["sentence"] = summary.sentence
    return data


def ranking_json(r: Ranking) -> list[dict[str, Any]]:
    """One dict per row: rank, name, value (money in 万元, 2 decimals), code; with a comparison also
    previous_value, previous_rank, change and movement."""
    return [_row_json(row, r) for row in r.rows]


def _row_json(row: RankingRow, r: Ranking) -> dict[str, Any]:
    data: dict[str, Any] = {"rank": row.rank, "name": row.name, "value": json_number(row.value, r.unit)}
    if r.by == "enterprise":
        data["code"] = row.code
    if r.compare_as_of is not None:
        data.update(
            previous_value=json_number(row.previous_value, r.unit),
            previous_rank=row.previous_rank,
            change=json_number(row.change, r.unit),
            movement=row.movement,
        )
    return data
