"""The declarative description of one spreadsheet kind: its fields, headers, aliases and parsers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ipdb.vocabulary import fold

if TYPE_CHECKING:
    from ipdb.importers.upserts import WriteContext, WriteResult

Record = dict[str, Any]
MERGED_ROW = "_merged_row"  # record key set by the pipeline for SheetSpec.group_by

# A trailing note in brackets ('（万元）', '(如专利类型为…)') or a leading marker ('[标]') is not part of a header's name.
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_LEADING_MARK = re.compile(r"^\[[^\]]*\]")


def header_key(label: str) -> str:
    """Matching form of a header label: NFKC, no whitespace, Latin lower-cased."""
    return fold(label).lower()


def header_keys(label: str) -> list[str]:
    """The label's key, then the same without trailing notes and markers, most specific first."""
    key = header_key(label)
    keys = [key]
    for part in (key.rsplit("/", 1)[-1],):
        keys.append(part)
    stripped = _LEADING_MARK.sub("", key)
    while True:
        keys.append(stripped)
        shorter = _TRAILING_NOTE.sub("", stripped)
        if shorter == stripped or not shorter:
            break
        stripped = shorter
    return list(dict.fromkeys(k for k in keys if k))


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Chinese header of the blank template
    aliases: tuple[str, ...] = ()
    parse: Callable[..., Any] | None = None  # None: the cleaned text itself
    required: bool = False
    money: bool = False  # parse(raw, unit) with the unit read from the header
    example: str = ""  # a sample value for the template
    # may bind an unknown column whose every value fits: True (every value parses) or a vocabulary test
    infer: bool | Callable[[str], bool] = False

    def labels(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    title: str  # Chinese name of the list
    columns: tuple[Column, ...]
    write: Callable[[WriteContext, list[tuple[int, Any]]], WriteResult]  # takes records, or their compact rows
    register: bool = False  # a register of rights: observations, --snapshot
    # the row ``write`` takes, made from each record as soon as its chunk is parsed (a register's RightRow), so
    # that the record dicts of a large file are never all held at once (kinds of events keep records: their
    # span is read from them); None: ``write`` takes the records
    compact: Callable[[Record], Any] | None = None
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one field of each group must be present
    check_row: Callable[[Record], tuple[str, str] | None] | None = None  # (field, reason) to reject
    # rows whose cell of this field is one merged cell are one record (a loan written over several rows):
    # their records carry MERGED_ROW, the Excel row of the merged cell's top
    group_by: str | None = None
    # dates that cannot be right, warned on their row (ipdb/importers/date_checks.py): fields never after the
    # register's date or today; (later, earlier) pairs; (registration field, term field, years of one term)
    not_after: tuple[str, ...] = ()
    not_before: tuple[tuple[str, str], ...] = ()
    term_years: tuple[str, str, int] | None = None
    index: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for column in self.columns:
            for label in column.labels():
                self.index.setdefault(header_key(label), column)

    def column_for(self, label: str) -> Column | None:
        for key in header_keys(label):
            if key in self.index:
                return self.index[key]
        return None

    def field_header(self, name: str) -> str:
        return next(c.header for c in self.columns if c.field == name)
