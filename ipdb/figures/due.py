"""Outreach lists (domain.md Part I "Outreach lists (due)"): whose rights need action soon, as of D over a horizon H.

Four lists, each row naming the enterprise, the right, the deadline and what to do:

* ``trademarks``: registrations in force on D whose term ends in [D, D+H] (续展), and those whose term ended
  before D with the 6-month grace period (宽展期) still running on D (宽展期内续展; deadline: the grace end).
  A cancelled, invalidated or otherwise dead registration is not renewable and is not listed (one the register
  calls 过期/期满 is: its term simply ran out); a renewal stated
  by a later import (a later term) moves the term end, so the mark drops out.
* ``patents``: patents in force on D whose statutory term ends in [D, D+H]. The last day of the term is the day
  before the anniversary of the filing date (a 29 February filing: 28 February, as ``ten_year_cutoff``).
* ``fees``: patents in force on D whose status is 等年费滞纳金 (deadline: 6 months after the latest filing
  anniversary on or before the register's date, a guess said in the note), and patents that a register dated
  in the last ``restoration_months`` (a setting, default 2) first marks dead for unpaid fees (未缴年费), while
  a request for restoration may still be made (counted from the register's 失效日 when it states one, and not
  listed when that date is older than the window). Both are listed whatever H is: the state is the alarm.
* ``certificates``: 贯标 certificates (valid 3 years unless a date is given: a guess said in the note) and
  示范/优势 designations whose validity ends in [D, D+H]; a later designation of the same enterprise and kind
  replaces an earlier one.

Date arithmetic happens here in Python and SQL only compares ISO dates, so the queries stay portable.
A right is listed once per enterprise of the list holding it; a right no listed enterprise holds is listed
once under its holders as written (``linked`` false), so nothing is silently left out.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ipdb.errors import InvalidValue
from ipdb.figures.due_rights import OBSERVED_ON, RightRow, day, required_day, rights
from ipdb.figures.predicates import IN_FORCE
from ipdb.reading import Reader
from ipdb.settings import restoration_months
from ipdb.store import Store
from ipdb.vocabulary import CATEGORY_ZH, DESIGNATION_ZH, LEVEL_ZH, fold

DUE_KINDS = {  # --kind value -> the list's name (sheet title)
    "trademarks": "商标续展",
    "patents": "专利权期限届满",
    "fees": "年费提醒",
    "certificates": "证书及称号到期",
}
RENEW, GRACE = "续展", "宽展期内续展"
PAY_LATE, RESTORE = "缴纳年费及滞纳金", "请求恢复权利"
TERM_END, RECERTIFY, REVIEW = "专利权期限届满", "证书到期复审", "称号到期复核"
GRACE_MONTHS = 6  # Trademark Law art. 40: six months after the term
LATE_FEE_MONTHS = 6  # Patent Law rules: the annual fee may be paid with a surcharge for six months
CERTIFICATE_YEARS = 3  # 贯标 (GB/T 29490) certificates, when the list gives no validity
# Statutory patent terms from the filing date: (category, years, filed on or after, filed before).
PATENT_TERMS = (
    ("invention", 20, None, None),
    ("utility", 10, None, None),
    ("design", 10, None, date(2021, 6, 1)),
    ("design", 15, date(2021, 6, 1), None),  # 2020 Patent Law, in force 2021-06-01
)
# A registration a register calls dead only because its term ran out is still renewable in the grace period.
LAPSED_MARK_WORDS = ("过期", "期满", "届满")
LATE_FEE_STATUS, UNPAID_STATUS = "滞纳金", "未缴年费"  # words of the status text (等年费滞纳金, 未缴年费专利权终止)
_HORIZON = re.compile(r"^(\d{1,3})\s*(m|个月|月|d|天|日|y|年)$")


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: str  # a DUE_KINDS key
    number: str  # patent / registration number; certificate number or '' for a designation
    title: str  # patent or mark name; the designation's name
    category: str  # 发明 / 第9类 / 国家级
    enterprise: str  # name on D (the holders as written when no listed enterprise holds it)
    credit_code: str | None
    town: str | None
    linked: bool  # held by an enterprise of the enterprise list
    deadline: date
    action: str
    days_left: int
    note: str = ""  # how the deadline was found, when it is a guess
    company_id: int | None = None


@dataclass(frozen=True)
class DueLists:
    as_of: date
    horizon_end: date
    within: str  # as given, e.g. '6m'
    items: tuple[DueItem, ...]

    def of_kind(self, kind: str) -> tuple[DueItem, ...]:
        return tuple(i for i in self.items if i.kind == kind)


def parse_horizon(value: str, as_of: date) -> date:
    """D+H for '6m', '90d', '1y' (also 6个月, 90天, 1年); a month-end clamps (8-31 + 6m = 2-28/29)."""
    found = _HORIZON.match(fold(value).lower())
    if not found:
        raise InvalidValue(f"--within 应写成 6m（6个月）、90d（90天）或 1y（1年），收到的是「{value}」。")
    n, unit = int(found[1]), found[2]
    if unit in ("d", "天", "日"):
        return as_of + timedelta(days=n)
    return add_months(as_of, 12 * n if unit in ("y", "年") else n)


def horizon_label(value: str) -> str:
    """'6m' -> '6个月', '90d' -> '90天', '1y' -> '1年' (as a sentence says it)."""
    found = _HORIZON.match(fold(value).lower())
    if not found:
        return value
    unit = {"m": "个月", "月": "个月", "d": "天", "日": "天", "y": "年"}.get(found[2], found[2])
    return f"{int(found[1])}{unit}"


def parse_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(k.strip().lower() for k in kinds))
    wrong = [k for k in chosen if k not in DUE_KINDS]
    if wrong:
        raise InvalidValue(f"--kind 应为 {'、'.join(DUE_KINDS)} 之一，收到的是「{'、'.join(wrong)}」。")
    return chosen or tuple(DUE_KINDS)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (or earlier); a day the month lacks becomes its last day (民法典 第二百零三条)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def due_lists(
    store: Store,
    as_of: date,
    within: str = "6m",
    *,
    kinds: Iterable[str] = (),
    town: str | None = None,
    company_id: int | None = None,
) -> DueLists:
    """The outreach lists as of ``as_of`` over ``within``, sorted by deadline (module docstring)."""
    end = parse_horizon(within, as_of)
    chosen = parse_kinds(kinds)
    with store.reading() as conn:  # the stdlib driver: no SQLAlchemy for a reading command
        items = [item for kind in chosen for item in LISTS[kind](conn, as_of, end, company_id)]
    if town:
        items = [i for i in items if i.town and fold(i.town) == fold(town)]
    if company_id is not None:
        items = [i for i in items if i.company_id == company_id]
    items.sort(key=lambda i: (i.deadline, i.kind, i.enterprise, i.number))
    return DueLists(as_of, end, within, tuple(items))


# ---- registers -----------------------------------------------------------------------------------


def _items(right: RightRow, kind: str, category: str, deadline: date, action: str, as_of: date, note: str = ""):  # type: ignore[no-untyped-def]
    """One item per listed enterprise holding the right, else one under its holders as written."""
    days = (deadline - as_of).days
    if not right.companies:
        return [DueItem(kind, right.number, right.title, category, right.holders, None, None, False, deadline, action,
                        days, note)]  # fmt: skip
    return [
        DueItem(kind, right.number, right.title, category, name, code, town, True, deadline, action, days, note, cid)
        for cid, code, name, town in right.companies
    ]


def trademark_renewals(conn: Reader, as_of: date, end: date, company_id: int | None = None) -> list[DueItem]:
    """Terms ending in [D, D+H] (ends_on, the day after the term, in [D+1, D+H+1]) and grace periods running."""
    params = {"d": as_of.isoformat(), "lo": (as_of + timedelta(days=1)).isoformat()}
    params |= {"hi": (end + timedelta(days=1)).isoformat(), "grace": add_months(as_of, -GRACE_MONTHS).isoformat()}
    lapsed = " OR ".join(f"s.status_raw LIKE :lapsed{i}" for i in range(len(LAPSED_MARK_WORDS)))
    params |= {f"lapsed{i}": f"%{word}%" for i, word in enumerate(LAPSED_MARK_WORDS)}
    where = (
        f"(s.status_class <> 'dead' OR {lapsed}) AND f.in_force_from <= :d AND f.ends_on IS NOT NULL "
        "AND (f.ends_on BETWEEN :lo AND :hi OR (f.ends_on > :grace AND f.ends_on <= :d))"
    )
    items = []
    for right in rights(conn, "trademarks", where, params, company_id):
        assert right.ends_on is not None
        term_end = right.ends_on - timedelta(days=1)
        category = f"第{right.category}类" if right.category else ""
        if term_end >= as_of:
            items += _items(right, "trademarks", category, term_end, RENEW, as_of, f"专用权期限至{term_end}")
        else:
            grace_end = add_months(term_end, GRACE_MONTHS)
            items += _items(right, "trademarks", category, grace_end, GRACE, as_of, f"专用权期限{term_end}届满")
    return items


def term_end(filing: date, years: int) -> date:
    """The last day of a term of ``years`` from the filing date: the day before its anniversary."""
    day = min(filing.day, calendar.monthrange(filing.year + years, filing.month)[1])
    return date(filing.year + years, filing.month, day) - timedelta(days=1)


SLACK = timedelta(days=3)
PATENT_TERM_WHERE = f"{IN_FORCE} AND f.category = :cat AND f.filing_date BETWEEN :flo AND :fhi"


def patent_terms(conn: Reader, as_of: date, end: date, company_id: int | None = None) -> list[DueItem]:
    """Patents in force on D whose statutory term ends in [D, D+H] (PATENT_TERMS)."""
    items = []
    for category, years, filed_from, filed_before in PATENT_TERMS:
        # filings whose term ends in [D, D+H], give or take a few days (29 February): a superset, filtered below
        lo, hi = add_months(as_of, -12 * years) - SLACK, add_months(end, -12 * years) + SLACK
        lo, hi = max(lo, filed_from or lo), min(hi, (filed_before or date.max) - timedelta(days=1))
        params = {"d": as_of.isoformat(), "cat": category, "flo": lo.isoformat(), "fhi": hi.isoformat()}
        for right in rights(conn, "patents", PATENT_TERM_WHERE, params, company_id):
            assert right.filing_date is not None
            last = term_end(right.filing_date, years)
            if as_of <= last <= end:
                label = CATEGORY_ZH.get(category, category)
                items += _items(right, "patents", label, last, TERM_END, as_of, f"申请日{right.filing_date}起{years}年")
    return items


# A dead state's fact ends by its run's first register (ipdb.intervals.dates_of: ends_on <= observed_on), so one
# first marked dead by D has ended by D: that index-only test leaves out every right in force before OBSERVED_ON.
# Its end is earlier only when the register states a lapse date (失效日): one stated before the window is past
# restoring, however recently a register first showed it (a district's first import shows every old lapse).
RESTORABLE = f"f.ends_on BETWEEN :since AND :d AND {OBSERVED_ON} BETWEEN :since AND :d"


def fee_watch(conn: Reader, as_of: date, end: date, company_id: int | None = None) -> list[DueItem]:
    """等年费滞纳金 in force on D, and rights first marked dead for unpaid fees in the restoration window."""
    months = restoration_months(conn)
    params = {"d": as_of.isoformat(), "late": f"%{LATE_FEE_STATUS}%", "unpaid": f"%{UNPAID_STATUS}%"}
    params["since"] = add_months(as_of, -months).isoformat()
    items = []
    for right in rights(conn, "patents", IN_FORCE, params, company_id, states="s.status_raw LIKE :late"):
        deadline, note = _late_fee_deadline(right)
        items += _items(right, "fees", _category(right), deadline, PAY_LATE, as_of, note)
    unpaid = "s.status_class = 'dead' AND s.status_raw LIKE :unpaid"
    for right in rights(conn, "patents", RESTORABLE, params, company_id, states=unpaid):
        deadline, note = _restoration_deadline(right, months)
        items += _items(right, "fees", _category(right), deadline, RESTORE, as_of, note)
    return items


def _restoration_deadline(right: RightRow, months: int) -> tuple[date, str]:
    """``months`` after the stated lapse date, else after the register that first showed the right dead."""
    if right.ends_on is not None and right.ends_on < right.observed_on:
        return add_months(right.ends_on, months), f"失效日{right.ends_on}起按{months}个月推算"
    return add_months(right.observed_on, months), f"{right.observed_on}登记簿首次记为{right.status}，按{months}个月推算"


def _late_fee_deadline(right: RightRow) -> tuple[date, str]:
    """Six months after the latest filing anniversary on or before the latest register's date (a guess)."""
    seen = right.last_seen
    if right.filing_date is None:
        return add_months(seen, LATE_FEE_MONTHS), f"无申请日，按{seen}登记簿日期推算"
    years = seen.year - right.filing_date.year
    due = add_months(right.filing_date, 12 * years)
    if due > seen:
        due = add_months(right.filing_date, 12 * (years - 1))
    return add_months(due, LATE_FEE_MONTHS), f"年费应缴日{due}（按申请日推算）后{LATE_FEE_MONTHS}个月"


def _category(right: RightRow) -> str:
    return CATEGORY_ZH.get(right.category or "", right.category or "")


# ---- certificates and designations ---------------------------------------------------------------

DESIGNATIONS_SQL = """
SELECT g.category, g.level, g.designated_on, g.valid_until, g.certificate_no, h.name,
       c.id, c.credit_code, COALESCE(cf.name, c.key), cf.town
FROM designation g
JOIN holder h ON h.id = g.holder_id
LEFT JOIN company c ON c.id = h.company_id
LEFT JOIN company_fact cf ON cf.company_id = c.id AND cf.lo <= :d AND :d < cf.hi
WHERE g.category IN ('standard', 'demo', 'advantage') AND g.designated_on <= :d
  AND NOT EXISTS (SELECT 1 FROM designation n WHERE n.holder_id = g.holder_id AND n.category = g.category
                  AND n.level = g.level AND n.designated_on > g.designated_on AND n.designated_on <= :d)
"""


def certificates(conn: Reader, as_of: date, end: date, company_id: int | None = None) -> list[DueItem]:
    """贯标 certificates and 示范/优势 designations whose validity ends in [D, D+H]."""
    items = []
    params: dict[str, Any]
    sql, params = DESIGNATIONS_SQL, {"d": as_of.isoformat()}
    if company_id is not None:
        sql, params = f"{sql} AND h.company_id = :cid", {**params, "cid": company_id}
    for category, level, on, until, cert_no, holder, cid, code, name, town in conn.rows(sql, params):
        last, note = _valid_until(category, required_day(on), day(until))
        if last is None or not as_of <= last <= end:
            continue
        action = RECERTIFY if category == "standard" else REVIEW
        who = name if cid is not None else holder
        kind_name, level_name = DESIGNATION_ZH.get(category, category), LEVEL_ZH.get(level, level)
        days = (last - as_of).days
        items.append(
            DueItem(
                "certificates", cert_no or "", kind_name, level_name, who, code, town, cid is not None, last, action,
                days, note, cid,
            )
        )  # fmt: skip
    return items


def _valid_until(category: str, on: date, until: date | None) -> tuple[date | None, str]:
    if until is not None:
        return until, ""
    if category != "standard":
        return None, ""  # a designation without a validity never expires (Part I metrics)
    last = add_months(on, 12 * CERTIFICATE_YEARS) - timedelta(days=1)
    return last, f"未注明有效期，按发证日{on}起{CERTIFICATE_YEARS}年推算"


LISTS = {"trademarks": trademark_renewals, "patents": patent_terms, "fees": fee_watch, "certificates": certificates}


# ---- output shapes -------------------------------------------------------------------------------

JSON_KEYS = ("kind", "number", "title", "category", "enterprise", "credit_code", "town", "linked", "deadline",
             "action", "days_left", "note")  # fmt: skip


def due_json(lists: DueLists) -> Iterator[dict[str, Any]]:
    """The JSON contract of ``ipdb due --format json``: the list's items, dates as ISO text, made one at a time
    (the command writes each as it comes)."""
    for item in lists.items:
        yield {key: (value.isoformat() if isinstance(value, date) else value) for key in JSON_KEYS
               for value in (getattr(item, key),)}  # fmt: skip


# The import kind each list needs (a list whose kind was never imported is left out of the sentence, never 0).
NEEDS = {"trademarks": "trademarks", "patents": "patents", "fees": "patents", "certificates": "designations"}


def due_sentence(lists: DueLists, imported: set[str]) -> str:
    """One sentence for a report's overview: how many rights of each list need action within the horizon."""
    counts = {kind: len(lists.of_kind(kind)) for kind in DUE_KINDS if NEEDS[kind] in imported}
    if not counts:
        return ""
    grace = sum(1 for i in lists.of_kind("trademarks") if i.action == GRACE)
    clauses = {
        "trademarks": f"{counts.get('trademarks')}件注册商标需续展" + (f"（其中{grace}件在宽展期内）" if grace else ""),
        "patents": f"{counts.get('patents')}件专利权期限届满",
        "fees": f"{counts.get('fees')}件专利需缴纳年费滞纳金或可请求恢复权利",
        "certificates": f"{counts.get('certificates')}项贯标证书或示范/优势称号到期",
    }
    said = "，".join(clauses[kind] for kind, n in counts.items() if n)
    window = f"未来{horizon_label(lists.within)}内（至{lists.horizon_end.year}年{lists.horizon_end.month}月{lists.horizon_end.day}日）"
    return f"{window}，{said}。" if said else f"{window}没有需要提醒企业的到期事项。"
