"""The records of the demo model: an enterprise, one export's view of a patent, a patent, a trademark."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from demo.data import Q3
from demo.values import pat_check


@dataclass
class Enterprise:
    key: str
    name_q2: str | None            # None = not in the Q2 list
    name_q3: str
    former: list[str]              # 曾用名 as listed in Q3 (Q2 list: FORMER_NAMES only)
    town: str
    industry: str
    code: str
    group: str

    def name_at(self, d: date) -> str:
        # name as of D: latest list on or before D, else the earliest
        if d >= Q3 or self.name_q2 is None:
            return self.name_q3
        return self.name_q2


@dataclass
class View:
    """One export's statement about a patent."""
    holders: list[str]             # holder ids: enterprise key "Exx" or "U:<name>" for non-enterprises
    status: str
    granted: date | None
    lapse: date | None = None      # the register's 失效日, if the export gives one
    lapse_shown: bool = True


@dataclass
class Patent:
    pid: int
    body: str
    ptype: str                     # '1', '2', '3', '8'
    title: str
    filed: date
    views: dict = field(default_factory=dict)    # 'Q2' / 'Q3' / 'LEGACY' -> View
    tag: str = ""
    no_style: str = "plain"
    date_styles: tuple = ("date", "date", "date")
    show_code: bool = False
    former_name: bool = False      # E04 patents still recorded under its 曾用名
    halfwidth: bool = False        # holder written with half-width brackets
    sep: str = "；"

    @property
    def chk(self) -> str:
        return pat_check(self.body)

    @property
    def is_invention(self) -> bool:
        return self.ptype in ("1", "8")


@dataclass
class Trademark:
    regno: str
    cls: int
    name: str
    holder: str                    # holder id
    applied: date
    registered: date | None
    term_start: date | None
    term_end: date | None
    status: str
    tag: str = ""
    holder_written: str | None = None
    cls_style: str = "int"
    date_styles: tuple = ("date", "date")
    term_style: str = "cn"
