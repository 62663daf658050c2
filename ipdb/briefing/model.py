"""The quarterly briefing as plain data: what the workbook and the Word document show, in frozen dataclasses.

``ipdb.briefing.build`` fills them from the figures; ``ipdb.briefing.xlsx`` and ``ipdb.briefing.docx`` render them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ipdb.batches import BatchRow
from ipdb.figures.due import DueLists
from ipdb.figures.lists import GrantLine, LoanLine
from ipdb.figures.numbers import Number, change, growth
from ipdb.figures.rankings import Ranking
from ipdb.periods import Period, format_day
from ipdb.vocabulary import NOT_IMPORTED_ZH

TOP = 20  # rows of each ranking
TREND_KEYS = ("invention_patents", "trademarks_registered")  # the stocks a TrendPoint holds, in its order


# A cell of an overview line and what it holds: a value (or 未导入), a change, or a growth rate.
VALUE, CHANGE, GROWTH = "value", "change", "growth"
Cell = tuple[Number | str | None, str]


@dataclass(frozen=True)
class OverviewLine:
    """A figure of the overview, or one of its 其中 lines (``level`` 1), with its values in its kind's order."""

    key: str
    name: str
    unit: str
    values: tuple[Number, ...]
    level: int = 0
    missing: tuple[bool, ...] = ()  # per value, in order: not imported (shown as 未导入, never 0)

    def value(self, index: int) -> Cell:
        """A value as a table shows it: 未导入 when no import covers it."""
        missing = index < len(self.missing) and self.missing[index]
        return (NOT_IMPORTED_ZH if missing else self.values[index]), VALUE

    def change(self, index: int, base: int) -> Cell:
        return change(self.values[index], self.values[base]), CHANGE


class StockLine(OverviewLine):
    """A stock figure at D, the previous quarter end and a year earlier."""

    def cells(self) -> tuple[Cell, ...]:
        """The columns after name and unit (``Briefing.stock_headers``), as the workbook and the document show them."""
        growth_rate = growth(self.values[0], self.values[2]), GROWTH
        return (self.value(0), self.value(1), self.change(0, 1), self.value(2), self.change(0, 2), growth_rate)


class FlowLine(OverviewLine):
    """A flow over the quarter and the year to date, each next to the same period a year earlier."""

    def cells(self) -> tuple[Cell, ...]:
        """The columns after name and unit (``FLOW_HEADERS``), as the workbook and the document show them."""
        return (self.value(0), self.value(1), self.change(0, 1), self.value(2), self.value(3), self.change(2, 3))


FLOW_HEADERS = ("指标", "单位", "当季", "上年同季", "同比增减", "当年累计", "上年同期累计", "同比增减")


@dataclass(frozen=True)
class RankingTable:
    """One ranking of the briefing: the label a person reads, what it covers, and the rows."""

    label: str
    caption: str
    ranking: Ranking


@dataclass(frozen=True)
class TrendPoint:
    quarter: str  # '2026Q3'
    as_of: date
    invention_patents: int | None  # None: not imported (the chart leaves a gap, never a 0)
    trademarks_registered: int | None


@dataclass(frozen=True)
class Definition:
    """口径说明: what a figure counts, at which date or over which period, and the batches behind it."""

    name: str
    definition: str
    when: str
    note: str
    batch_ids: tuple[int, ...]


@dataclass(frozen=True)
class Briefing:
    district: str
    quarter: str
    as_of: date
    period: Period
    to_date: Period
    previous_as_of: date
    year_ago_as_of: date
    sentences: tuple[str, ...]
    stocks: tuple[StockLine, ...]
    flows: tuple[FlowLine, ...]
    rankings: dict[str, tuple[RankingTable, ...]]  # by 'enterprise' | 'town' | 'industry'
    trend: tuple[TrendPoint, ...]
    loans: tuple[LoanLine, ...]
    grants: tuple[GrantLine, ...]
    definitions: tuple[Definition, ...]
    sources: tuple[BatchRow, ...]
    notes: tuple[str, ...]
    due: DueLists | None = None  # the outreach lists as of D over the next 6 months (ipdb.figures.due)
    due_sentence: str = ""
    issuer: str = ""  # the office that issues the briefing (the .docx masthead; setting issuer_name)

    @property
    def title(self) -> str:
        return f"{self.district}知识产权季度简报（{self.period.label}）"

    @property
    def issue(self) -> str:
        """The issue number of a quarterly briefing: 2026年第3期 for 2026Q3."""
        return f"{self.as_of.year}年第{(self.as_of.month - 1) // 3 + 1}期"

    @property
    def previous_label(self) -> str:
        return previous_label(self.as_of)

    @property
    def stock_headers(self) -> tuple[str, ...]:
        previous = self.previous_label
        return ("指标", "单位", "本季度末", previous, f"较{previous}", "上年同期末", "较上年同期", "同比增长")

    @property
    def stock_dates(self) -> str:
        """The days the stocks are counted at, as the overview's caption names them."""
        return (
            f"本季度末{format_day(self.as_of)}，{self.previous_label}{format_day(self.previous_as_of)}，"
            f"上年同期末{format_day(self.year_ago_as_of)}"
        )

    @property
    def flow_periods(self) -> str:
        return f"当季{self.period.label}，当年累计{self.to_date.label}，均与上年同期比较"

    def default_path(self, folder: Path = Path("reports")) -> Path:
        return folder / f"{self.quarter} 知识产权季度简报.xlsx"


def previous_label(as_of: date) -> str:
    """A first-quarter briefing compares with the year end (上年末), any other with 上季度末."""
    return "上年末" if as_of.month == 3 else "上季度末"
