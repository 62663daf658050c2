"""The Python API for analysts: the same figures and rankings as the CLI, as pandas DataFrames.

    from ipdb import Store
    with Store("ipdb.sqlite") as db:
        db.rank("invention_patents", as_of="2026-09-30")                 # rank, name, code, value
        db.rank("发明专利", as_of="2026-09-30", by="town", compare="2026Q2")
        db.summary(quarter="2026Q3")                                      # one row per headline figure

A thin layer over the core (rankings.rank, summary.summarize): the numbers are the ones ``--format json``
prints (money in 万元), a figure without data is null (NaN), never 0. What the frame is about (metric,
unit, as-of date, period) is in ``DataFrame.attrs``. pandas is imported here only, when the API is used.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipdb.figures.rankings import Ranking, rank_window
from ipdb.figures.summary import Summary, summarize
from ipdb.store import DEFAULT_DB, open_store
from ipdb.windows import Window, resolve_window

if TYPE_CHECKING:
    import pandas as pd

Day = date | str  # 2026-09-30 as a date or as text; compare also takes a quarter (2026Q2) or a year (2025)
RANK_COLUMNS = ["rank", "name", "code", "value"]
COMPARE_COLUMNS = ["previous_value", "previous_rank", "change", "movement"]
SUMMARY_COLUMNS = ["key", "name", "unit", "kind", "value", "previous", "change", "year_to_date", "basis"]


class Store:
    """An ipdb database file opened for reading figures into DataFrames; close it, or use ``with``."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self._store = open_store(path, read_only=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    def rank(
        self,
        metric: str,
        *,
        as_of: Day | None = None,
        period: str | None = None,
        quarter: str | None = None,
        by: str = "enterprise",
        top: int = 20,
        compare: Day | None = None,
    ) -> pd.DataFrame:
        """The ranking ``ipdb rank`` shows: one row per enterprise, town or industry, ties sharing a rank."""
        window = _window(as_of, period, quarter, compare)
        return _ranking_frame(rank_window(self._store, metric, window, by=by, top=top))

    def summary(
        self,
        *,
        as_of: Day | None = None,
        period: str | None = None,
        quarter: str | None = None,
        compare: Day | None = None,
    ) -> pd.DataFrame:
        """The headline figures ``ipdb summary`` shows, indexed by metric key."""
        return _summary_frame(summarize(self._store, _window(as_of, period, quarter, compare)))


def _text(day: Day | None) -> str | None:
    return day.isoformat() if isinstance(day, date) else day


def _window(as_of: Day | None, period: str | None, quarter: str | None, compare: Day | None) -> Window:
    return resolve_window(_text(as_of), period, quarter, _text(compare))


def _ranking_frame(ranking: Ranking) -> pd.DataFrame:
    import pandas as pd

    columns = RANK_COLUMNS + (COMPARE_COLUMNS if ranking.compare_as_of else [])
    frame = pd.DataFrame([asdict(row) for row in ranking.rows], columns=columns)
    frame.attrs.update(
        metric=ranking.metric,
        name=ranking.name,
        unit=ranking.unit,
        by=ranking.by,
        as_of=ranking.as_of,
        period=_period(ranking.period),
        compare_as_of=ranking.compare_as_of,
    )
    return frame


def _summary_frame(summary: Summary) -> pd.DataFrame:
    import pandas as pd

    rows = [
        {
            **{k: getattr(r.figure, k) for k in ("key", "name", "unit", "kind", "value", "basis")},
            "previous": r.previous,
            "change": r.change,
            "year_to_date": r.year_to_date,
        }
        for r in summary.rows
    ]
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS).set_index("key")
    window = summary.window
    frame.attrs.update(as_of=window.as_of, period=_period(window.period), compare_as_of=window.compare)
    return frame


def _period(period: Any) -> dict[str, Any] | None:
    return None if period is None else {"start": period.start, "end": period.end, "label": period.label}
