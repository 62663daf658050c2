"""The briefing's 近期到期提醒 sheet: the outreach lists counted by street and kind, then the 20 nearest deadlines."""

from __future__ import annotations

from typing import Any

from ipdb.briefing.model import TOP, Briefing
from ipdb.briefing.sheet import COUNT, DAY, SheetWriter
from ipdb.figures.due import DUE_KINDS, DueItem
from ipdb.figures.due_sheets import NOT_LISTED
from ipdb.periods import format_day

UNKNOWN_TOWN = "未注明街道"  # rights of holders outside the enterprise list, or enterprises without a town


def write_due_sheet(book: Any, b: Briefing) -> None:
    items = b.due.items if b.due else ()
    end = format_day(b.due.horizon_end) if b.due else ""
    caption = (
        f"截至{format_day(b.as_of)}、到期日至{end}的续展、届满、年费和证书事项，共{len(items)}项（明细见 ipdb due）"
    )
    w = SheetWriter(book, "近期到期提醒", b, 7, caption)
    w.header(("街道/镇", *DUE_KINDS.values(), "合计"))
    for town, counts in _by_town(items).items():
        w.add((town, *counts, sum(counts)), (None, *(COUNT,) * (len(DUE_KINDS) + 1)))
    totals = [len([i for i in items if i.kind == kind]) for kind in DUE_KINDS]
    w.add(("合计", *totals, sum(totals)), (None, *(COUNT,) * (len(DUE_KINDS) + 1)))
    w.blank()
    w.page_break()  # the second table starts a page under its own header (rows 1-2 are the printed titles)
    w.section(f"到期日最近的{TOP}项")
    w.header(("到期日", "剩余天数", "企业", "街道/镇", "事项", "号码", "名称"))
    for item in items[:TOP]:
        w.add(_line(item), (DAY, COUNT))
    w.finish(frozen=2, wrap={3: 30, 7: 30})


def _by_town(items: tuple[DueItem, ...]) -> dict[str, list[int]]:
    towns: dict[str, list[int]] = {}
    kinds = list(DUE_KINDS)
    for item in items:
        counts = towns.setdefault(item.town or UNKNOWN_TOWN, [0] * len(kinds))
        counts[kinds.index(item.kind)] += 1
    return dict(sorted(towns.items(), key=lambda kv: (kv[0] == UNKNOWN_TOWN, kv[0])))


def _line(item: DueItem) -> tuple[Any, ...]:
    who = item.enterprise if item.linked else f"{item.enterprise}{NOT_LISTED}"
    return (item.deadline, item.days_left, who, item.town or "", item.action, item.number, item.title)
