"""What the imports cover: no data is not zero (domain.md Part I, "Nothing silently lost").

* A figure of a kind never imported is *not imported*: no number (null in JSON, 未导入 in tables).
* A stock at a D before its kind's earliest import is reconstructed from that register's own dates, and
  says so (按2026年6月30日登记簿回推).
* A flow over P counts what its imports cover. A register (or a list of stocks) as of S covers any period
  up to S; a list of events covers the period its title names, else the span from its earliest record to
  its as-of date (``import_batch.covers_from`` / ``covers_to``, written at import). A P no import covers
  is not imported; a P covered in part gets its number with a note naming the part covered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ipdb.periods import Period, format_day
from ipdb.reading import as_reader
from ipdb.vocabulary import BEGINNING, KIND_ZH, REGISTER_KINDS

FULL, PART, NONE, RECONSTRUCTED = "full", "part", "none", "reconstructed"


@dataclass(frozen=True)
class Span:
    start: date
    end: date  # included


@dataclass(frozen=True)
class Cover:
    """How far the imports reach for one figure: ``state`` is full, part, none or reconstructed."""

    state: str
    kind: str
    note: str = ""

    @property
    def missing(self) -> bool:
        return self.state == NONE


@dataclass(frozen=True)
class Imports:
    """Per import kind: the as-of dates of its batches (sorted) and the spans its batches cover."""

    as_ofs: dict[str, tuple[date, ...]]
    spans: dict[str, tuple[Span, ...]]

    def imported(self, kind: str) -> bool:
        return kind in self.as_ofs


def imports_of(conn: Any) -> Imports:
    as_ofs: dict[str, list[date]] = {}
    spans: dict[str, list[Span]] = {}
    rows = as_reader(conn).rows("SELECT kind, as_of, covers_from, covers_to FROM import_batch ORDER BY as_of")
    for kind, as_of, start, end in rows:
        day = _day(as_of)
        as_ofs.setdefault(kind, []).append(day)
        spans.setdefault(kind, []).append(Span(_day(start) if start else BEGINNING, _day(end) if end else day))
    return Imports({k: tuple(v) for k, v in as_ofs.items()}, {k: tuple(merge(v)) for k, v in spans.items()})


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def merge(spans: Iterable[Span]) -> list[Span]:
    """The union of spans as disjoint spans in order; spans that touch (one ends the day before the next
    starts) become one."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end + timedelta(days=1):
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def stock_cover(imports: Imports, kind: str, as_of: date) -> Cover:
    """A stock as of D: not imported, reconstructed (D before the kind's earliest import), or full."""
    if not imports.imported(kind):
        return Cover(NONE, kind, f"尚未导入{KIND_ZH.get(kind, kind)}")
    first = imports.as_ofs[kind][0]
    if as_of < first:
        source = "登记簿" if kind in REGISTER_KINDS else "名单"
        return Cover(RECONSTRUCTED, kind, f"按{format_day(first)}{source}回推")
    return Cover(FULL, kind)


def flow_cover(imports: Imports, kind: str, period: Period) -> Cover:
    """A flow over P: the part of P the kind's imports cover."""
    name = KIND_ZH.get(kind, kind)
    if not imports.imported(kind):
        return Cover(NONE, kind, f"尚未导入{name}")
    covered = [
        Span(max(s.start, period.start), min(s.end, period.end))
        for s in imports.spans[kind]
        if s.start <= period.end and s.end >= period.start
    ]
    if not covered:
        return Cover(NONE, kind, f"已导入的{name}不含{period.label}的数据")
    if covered == [Span(period.start, period.end)]:
        return Cover(FULL, kind)
    parts = "、".join(span_text(s) for s in covered)
    return Cover(PART, kind, f"已导入的{name}只含{parts}的数据")


def cover_for(imports: Imports, kind: str, stock: bool, as_of: date, period: Period) -> Cover:
    """A stock's cover as of D, else a flow's over P."""
    return stock_cover(imports, kind, as_of) if stock else flow_cover(imports, kind, period)


def span_text(span: Span) -> str:
    if span.start == span.end:
        return format_day(span.start)
    end = format_day(span.end)
    if span.end.year == span.start.year:
        end = end.split("年", 1)[1]
    return f"{format_day(span.start)}至{end}"
