"""Dates that cannot be right are warnings on their row, the row kept (domain.md Part I "Impossible dates"):
a grant, registration or pledge date after the register's date or after today, a grant before the filing date,
a trademark term that is not a whole number of 10-year terms from the registration date."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from ipdb.catalogue import message
from ipdb.importers.spec import Record, SheetSpec

Found = tuple[str, str, str, str]  # (field, code, value shown, message)


def date_problems(spec: SheetSpec, record: Record, as_of: date, today: date) -> Iterator[Found]:
    for name in spec.not_after:
        value = record.get(name)
        if not isinstance(value, date):
            continue
        if value > today:
            code, bound = "date_after_today", {"today": today}
        elif value > as_of:
            code, bound = "date_after_as_of", {"as_of": as_of}
        else:
            continue
        yield name, code, f"{value}", message(code, column=spec.field_header(name), value=value, **bound)
    for later, earlier in spec.not_before:
        late, early = record.get(later), record.get(earlier)
        if isinstance(late, date) and isinstance(early, date) and late < early:
            yield later, "grant_before_filing", f"{late}", message("grant_before_filing", granted=late, filed=early)
    if spec.term_years:
        yield from _term(spec, record)


def dated_rows(
    spec: SheetSpec, fields: Sequence[str], columns: Sequence[Sequence[object]], as_of: date, today: date
) -> set[int] | None:
    """The rows (indexes into the value ``columns`` of ``fields``) in which ``date_problems`` may find something,
    screened a column at a time; None when every row needs looking at (a term to check, or no ``fields``)."""
    if spec.term_years or not fields:
        return None
    at, bound = dict(zip(fields, columns, strict=True)), min(as_of, today)
    rows: set[int] = set()
    for name in spec.not_after:
        if name in at:
            rows.update([i for i, value in enumerate(at[name]) if isinstance(value, date) and value > bound])
    for later, earlier in spec.not_before:
        if later in at and earlier in at:
            pairs = enumerate(zip(at[later], at[earlier], strict=True))
            rows.update(
                [i for i, (late, early) in pairs if isinstance(late, date) and isinstance(early, date) and late < early]
            )
    return rows


def _term(spec: SheetSpec, record: Record) -> Iterator[Found]:
    """The term ends the day before an anniversary of the registration date (专用权期限 2012-07-14 至 2022-07-13)."""
    assert spec.term_years is not None
    start_field, end_field, years = spec.term_years
    start, end = record.get(start_field), record.get(end_field)
    if isinstance(end, tuple):
        start = start or end[0]
        end = end[1]
    if not isinstance(start, date) or not isinstance(end, date):
        return
    after = end + timedelta(days=1)
    span = after.year - start.year
    if (after.month, after.day) != (start.month, start.day) or span <= 0 or span % years:
        yield end_field, "term_mismatch", f"{end}", message("term_mismatch", end=end, registered=start)
