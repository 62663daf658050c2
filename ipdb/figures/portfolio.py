"""One enterprise's portfolio as of D: identity, names, counts, rights, designations, projects, loans.

Counts follow domain.md Part I exactly as the enterprise rankings do (every right the enterprise
holds, in full, in force on D); the lists show every right in the register on D, newest first.
The enterprise is found by credit code, else by any name it has carried (current or 曾用名, matched
by ``name_key``: Part I "Holder"); never by similarity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any

from ipdb.errors import AmbiguousName, NotFound
from ipdb.figures.coverage import imports_of
from ipdb.figures.due import DueItem, due_lists
from ipdb.figures.numbers import wan
from ipdb.figures.predicates import IN_FORCE, PLEDGED, RIGHTS_PLEDGED
from ipdb.figures.query import lines
from ipdb.reading import Reader, as_reader
from ipdb.store import Store
from ipdb.values.names import name_key
from ipdb.vocabulary import (
    CATEGORY_ZH,
    DESIGNATION_ZH,
    LEVEL_ZH,
    NAV_KIND_ZH,
    PROGRAM_ZH,
    PROJECT_STATUS_ZH,
    REGISTER_KINDS,
)

REGISTER_CATEGORIES = {  # the holding_fact categories of each register (lets the index serve the lookup)
    "patents": "h.category IN ('invention', 'utility', 'design')",
    "trademarks": "h.category IS NOT NULL",
    "madrid": "h.category IS NULL",
}


@dataclass(frozen=True)
class PortfolioRight:
    number: str
    title: str | None
    category: str  # 发明/实用新型/外观设计; 第9类 for a trademark; '' for a Madrid registration
    status: str  # as of D: 有效 | 审中 | 失效 | 未知
    status_raw: str | None
    filing_date: date | None
    granted_on: date | None
    ends_on: date | None  # first day no longer in force, when known


@dataclass(frozen=True)
class PortfolioCounts:
    inventions: int  # in force on D (Part I invention_patents, this enterprise's share in full)
    utility_models: int
    designs: int
    trademarks: int
    madrid: int


@dataclass(frozen=True)
class PortfolioDesignation:
    category: str
    level: str
    designated_on: date
    valid_until: date | None
    current: bool  # held on D
    certificate_no: str | None = None


@dataclass(frozen=True)
class PortfolioProject:
    name: str
    program: str
    nav_kind: str
    level: str
    approval_year: int
    approved_on: date | None
    status: str


@dataclass(frozen=True)
class PortfolioLoan:
    registered_on: date
    amount: float  # 万元
    pledgee: str | None
    registration_no: str | None
    rights: int  # rights pledged by the loan


@dataclass(frozen=True)
class Portfolio:
    company_id: int
    credit_code: str | None
    name: str  # as of D
    former_names: tuple[str, ...]
    town: str | None
    industry: str | None
    as_of: date
    counts: PortfolioCounts
    patents: tuple[PortfolioRight, ...]
    trademarks: tuple[PortfolioRight, ...]
    madrid: tuple[PortfolioRight, ...]
    designations: tuple[PortfolioDesignation, ...]
    projects: tuple[PortfolioProject, ...]
    loans: tuple[PortfolioLoan, ...]
    deadlines: tuple[DueItem, ...] = ()  # the outreach lists' rows for this enterprise (ipdb.figures.due)
    not_imported: tuple[str, ...] = ()  # registers never imported: their counts are 未导入, not 0


def company_portfolio(store: Store, name_or_code: str, as_of: date, within: str = "6m") -> Portfolio:
    """The portfolio as of D, with the deadlines of ``ipdb due`` over ``within`` for this enterprise."""
    with store.reading() as conn:  # the stdlib driver: no SQLAlchemy for a reading command
        company_id = find_company(conn, name_or_code, as_of)
        portfolio = _portfolio(conn, company_id, as_of)
    deadlines = due_lists(store, as_of, within, company_id=company_id).items
    return replace(portfolio, deadlines=deadlines)


def _portfolio(conn: Reader, company_id: int, as_of: date) -> Portfolio:
    params: dict[str, Any] = {"cid": company_id, "d": as_of.isoformat(), "year": as_of.year}
    code, name, town, industry = _identity(conn, params)
    patents = _rights(conn, "patents", params)
    trademarks = _rights(conn, "trademarks", params)
    madrid = _rights(conn, "madrid", params)
    former = _former_names(conn, company_id, name, as_of.isoformat())
    return Portfolio(
        company_id,
        code,
        name,
        former,
        town,
        industry,
        as_of,
        _counts(conn, params),
        patents,
        trademarks,
        madrid,
        _designations(conn, params, as_of),
        _projects(conn, params),
        _loans(conn, params),
        not_imported=_not_imported(conn),
    )


def _not_imported(conn: Reader) -> tuple[str, ...]:
    imports = imports_of(conn)
    return tuple(k for k in REGISTER_KINDS if not imports.imported(k))


# ---- lookup --------------------------------------------------------------------------------------


def find_company(conn: Any, name_or_code: str, as_of: date) -> int:
    """The company id for a credit code, else a current or former name, else any part of a name or code;
    several candidates are listed (AmbiguousName), none gets the closest names (NotFound). ``conn``: a Reader
    or a SQLAlchemy connection."""
    conn = as_reader(conn)
    code = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", name_or_code)).upper()
    found = conn.scalar("SELECT id FROM company WHERE credit_code = :code", {"code": code})
    if found is not None:
        return int(found)
    query = "SELECT DISTINCT company_id FROM company_name WHERE name_key = :k ORDER BY company_id"
    ids = [r[0] for r in conn.rows(query, {"k": name_key(name_or_code)})] or _partial(conn, name_or_code, code)
    if len(ids) == 1:
        return int(ids[0])
    if not ids:
        raise NotFound(
            f"企业名录中找不到「{name_or_code}」{_closest(conn, name_or_code)}：请核对企业名称或统一社会信用代码。"
            f"若该企业尚未列入企业名录，请先导入企业名录；"
            f"可用 ipdb unmatched 查看未匹配到企业的权利人。"
        )
    shown = "；".join(_label(conn, i, as_of) for i in ids[:SHOWN_CANDIDATES])
    more = f"等 {len(ids)} 家" if len(ids) > SHOWN_CANDIDATES else ""
    raise AmbiguousName(f"「{name_or_code}」对应多家企业：{shown}{more}。请写出完整名称，或改用统一社会信用代码查询。")


SHOWN_CANDIDATES = 10


def _partial(conn: Reader, raw: str, code: str) -> list[int]:
    """Enterprises whose name (current or former) contains the text, or whose credit code contains it."""
    key = name_key(raw)
    if len(key) < 2:
        return []
    like = {"n": f"%{_escaped(key)}%", "c": f"%{_escaped(code)}%" if len(code) >= 4 else ""}
    rows = conn.rows(
        "SELECT company_id FROM company_name WHERE name_key LIKE :n ESCAPE '!' "
        "UNION SELECT id FROM company WHERE credit_code LIKE :c ESCAPE '!' ORDER BY 1",
        like,
    )
    return [int(r[0]) for r in rows]


def _escaped(text_: str) -> str:
    return text_.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _closest(conn: Reader, raw: str) -> str:
    import difflib

    names = [r[0] for r in conn.rows("SELECT DISTINCT name FROM company_name")]
    close = difflib.get_close_matches(raw.strip(), names, n=3, cutoff=0.5)
    return f"（相近的有：{'、'.join(close)}）" if close else ""


def _label(conn: Reader, company_id: int, as_of: date) -> str:
    code, name, _, _ = _identity(conn, {"cid": company_id, "d": as_of.isoformat()})
    return f"{name}（{code or '无信用代码'}）"


def _identity(conn: Reader, params: dict[str, Any]) -> tuple[str | None, str, str | None, str | None]:
    row = conn.one(
        "SELECT c.credit_code, COALESCE(cf.name, c.key), cf.town, cf.industry FROM company c "
        "LEFT JOIN company_fact cf ON cf.company_id = c.id AND cf.lo <= :d AND :d < cf.hi WHERE c.id = :cid",
        params,
    )
    return row[0], row[1], row[2], row[3]


def _former_names(conn: Reader, company_id: int, current: str, d: str) -> tuple[str, ...]:
    """Names the enterprise carried up to D: names of the lists dated on or before D (else of its
    earliest list) and the 曾用名 they give, except the name it has on D."""
    rows = conn.rows(
        "SELECT name, former_names FROM company_observation WHERE company_id = :cid AND as_of <= MAX(:d, "
        "(SELECT MIN(as_of) FROM company_observation WHERE company_id = :cid)) ORDER BY as_of DESC",
        {"cid": company_id, "d": d},
    )
    names = [n for name, former in rows for n in (name, *(former.split("；") if former else ()))]
    return tuple(dict.fromkeys(n for n in names if name_key(n) != name_key(current)))


# ---- rights --------------------------------------------------------------------------------------


def _counts(conn: Reader, params: dict[str, Any]) -> PortfolioCounts:
    rows = conn.rows(
        f"SELECT f.kind, f.category, COUNT(*) FROM holding_fact f WHERE f.company_id = :cid AND {IN_FORCE} "
        "GROUP BY f.kind, f.category",
        params,
    )
    found: dict[str, int] = {}
    for kind, category, n in rows:
        label = category if kind == "patents" else kind
        found[label] = found.get(label, 0) + int(n)
    return PortfolioCounts(
        found.get("invention", 0),
        found.get("utility", 0),
        found.get("design", 0),
        found.get("trademarks", 0),
        found.get("madrid", 0),
    )


RIGHTS_SQL = """
SELECT r.number, s.title, r.category, s.status_raw, s.status_class,
       f.filing_date, f.granted_on, f.in_force_from, f.ends_on
FROM holding_fact h
JOIN right_fact f ON f.right_id = h.right_id AND f.lo = h.lo
JOIN "right" r ON r.id = h.right_id
JOIN right_state s ON s.id = f.state_id
WHERE h.kind = :kind AND {categories} AND h.company_id = :cid AND h.lo <= :d AND :d < h.hi
ORDER BY COALESCE(f.filing_date, f.granted_on) DESC, r.number DESC
"""


def _rights(conn: Reader, kind: str, params: dict[str, Any]) -> tuple[PortfolioRight, ...]:
    """The enterprise's rights of one register in the register on D, newest filing first."""
    sql = RIGHTS_SQL.format(categories=REGISTER_CATEGORIES[kind])
    rows = conn.rows(sql, {**params, "kind": kind})
    return tuple(_right(kind, row, params["d"]) for row in rows)


def _right(kind: str, row: Any, d: str) -> PortfolioRight:
    number, title, category, status_raw, status_class, filing, granted, in_force_from, ends_on = row
    status = status_label(status_class, in_force_from, ends_on, d)
    return PortfolioRight(
        number, title, _category_label(kind, category), status, status_raw, _day(filing), _day(granted), _day(ends_on)
    )


def _category_label(kind: str, category: str | None) -> str:
    if kind == "patents":
        return CATEGORY_ZH.get(category or "", category or "")
    return f"第{category}类" if category else ""


def status_label(status_class: str, in_force_from: str | None, ends_on: str | None, d: str) -> str:
    """The right's status on D: 有效 (Part I "In force on D"), 失效 (ended on or before D), 审中, 未知."""
    if ends_on is not None and ends_on <= d:
        return "失效"
    if in_force_from is not None and in_force_from <= d:
        return "有效"
    if status_class == "pending" or in_force_from is not None:
        return "审中"
    return "未知"


# ---- lists ---------------------------------------------------------------------------------------


def _designations(conn: Reader, params: dict[str, Any], as_of: date) -> tuple[PortfolioDesignation, ...]:
    sql = (
        "SELECT g.category, g.level, g.designated_on, g.valid_until, g.certificate_no FROM designation g "
        "JOIN holder h ON h.id = g.holder_id WHERE h.company_id = :cid AND g.designated_on <= :d "
        "ORDER BY g.designated_on DESC, g.category"
    )
    return lines(conn, sql, params, partial(_designation, params["d"]))


def _designation(d: str, cat: str, level: str, on: str, until: str | None, cert: str | None) -> PortfolioDesignation:
    valid = until is None or until >= d
    return PortfolioDesignation(
        DESIGNATION_ZH.get(cat, cat), LEVEL_ZH.get(level, level), _required_day(on), _day(until), valid, cert
    )


def _projects(conn: Reader, params: dict[str, Any]) -> tuple[PortfolioProject, ...]:
    sql = (
        "SELECT p.name, p.program, p.nav_kind, p.level, p.approval_year, p.approved_on, p.status_class, "
        "p.status_raw "
        "FROM project p JOIN holder h ON h.id = p.holder_id WHERE h.company_id = :cid "
        "AND CASE WHEN p.approved_on IS NOT NULL THEN p.approved_on <= :d ELSE p.approval_year <= :year END "
        "ORDER BY p.approval_year DESC, p.name"
    )
    return lines(conn, sql, params, _project)


def _project(
    name: str, program: str, kind: str | None, level: str | None, year: int, on: Any, status: str, raw: str | None
) -> PortfolioProject:
    return PortfolioProject(
        name,
        PROGRAM_ZH.get(program, program),
        NAV_KIND_ZH.get(kind or "", kind or ""),
        LEVEL_ZH.get(level or "", level or ""),
        year,
        _day(on),
        PROJECT_STATUS_ZH.get(status, raw or "未知"),
    )


def _loans(conn: Reader, params: dict[str, Any]) -> tuple[PortfolioLoan, ...]:
    sql = (
        f"SELECT l.registered_on, l.amount_yuan, l.pledgee, l.registration_no, {RIGHTS_PLEDGED} "
        f"{PLEDGED} WHERE h.company_id = :cid AND l.registered_on <= :d ORDER BY l.registered_on DESC"
    )
    return lines(conn, sql, params, _loan)


def _loan(on: str, yuan: int, pledgee: str | None, reg_no: str | None, rights: int) -> PortfolioLoan:
    return PortfolioLoan(_required_day(on), wan(yuan), pledgee, reg_no, int(rights))


def _day(value: Any) -> date | None:
    """A stored date (ISO text in SQLite) as a date; None stays None."""
    return None if value is None else _required_day(value)


def _required_day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
