"""The SQL of one explanation: its counted and near-miss rows, in order, for the district or a scope, and the
counts the explanation states before any row (how many, how much, by holder group, by reason).

A scope (an enterprise, a town, an industry) keeps the rows held by an enterprise in it, as the rankings count
them, and makes the rows no listed enterprise holds near misses (``holder_not_linked``). It is a test on the
row's link (``COLUMNS``: a right state for a register row, a holder for a list row), so that the counts and the
rows come from the database in one pass each: nothing of a city's 300k rights is held to count or sort them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipdb.figures.explain_sources import COLUMNS, Source, near_sql

# A row's holder group where its SQL leaves it NULL (a list row): its holder's, as ipdb.right_groups decides it.
LINK_GROUP = (
    "(SELECT CASE WHEN h.company_id IS NOT NULL THEN 'listed' ELSE h.name_group END FROM holder h WHERE h.id = ex.link)"
)
# The holders of a row's link: a register row's state's holders, or a list row's one holder.
STATE_HOLDERS = "right_state_holder sh JOIN holder h ON h.id = sh.holder_id WHERE sh.state_id = ex.link"
ONE_HOLDER = "holder h WHERE h.id = ex.link"
ON_D = "JOIN company_fact cf ON cf.company_id = h.company_id AND cf.lo <= :d AND :d < cf.hi"
LINKED = "h.company_id IS NOT NULL"
NAMED = ", ".join(COLUMNS)
FIELDS = ", ".join(f"ex.{c}" for c in COLUMNS if c != "grp")


@dataclass(frozen=True)
class ScopeTest:
    """Which rows a scope keeps: ``place`` a company_fact column (town, industry) and the stored spellings that
    fold to the one asked for, or ``company`` one enterprise; neither for the district."""

    company: int | None = None
    place: str | None = None
    places: tuple[str, ...] = ()

    @property
    def district(self) -> bool:
        return self.company is None and self.place is None


def _held(register: bool, test: str, join: str = "") -> str:
    holders = STATE_HOLDERS if register else ONE_HOLDER
    table, where = holders.split(" WHERE ")
    return f"EXISTS (SELECT 1 FROM {table} {join} WHERE {where} AND {test})"


def _in_scope(register: bool, scope: ScopeTest) -> str:
    if scope.company is not None:
        return _held(register, "h.company_id = :scope_company")
    return _held(register, f"cf.{scope.place} IN :scope_places", ON_D)


def _rows(sql: str, register: bool) -> str:
    """The source's rows under the column names of COLUMNS, each with its holder group where SQL knows it."""
    group = "ex.grp" if register else LINK_GROUP
    return f"WITH ex({NAMED}) AS ({sql}) SELECT {FIELDS}, {group} AS grp FROM ex"


def counted_sql(source: Source, scope: ScopeTest, tally: bool = False) -> str:
    """The counted rows of the figure (of the scope), unordered; ``tally``: only what ``totals_sql`` counts."""
    register = bool(source.base)
    rows = _rows(source.tally if tally and source.tally else source.sql, register)
    return rows if scope.district else f"{rows} WHERE {_in_scope(register, scope)}"


def near_rows_sql(source: Source, scope: ScopeTest, near: bool, tally: bool = False) -> str | None:
    """The near misses (when asked for and the figure has any), and for a scope the counted rows it does not hold;
    None when there are none to look for. ``tally``: only what ``reasons_sql`` counts."""
    register = bool(source.base)
    parts = []
    if near and source.has_near:
        rows = _rows(near_sql(source, tally), register)
        parts.append(rows if scope.district else f"{rows} WHERE {_in_scope(register, scope)}")
    if not scope.district:
        unlinked = _rows(source.tally if tally and source.tally else source.sql, register).replace(
            " ex.reason,", " 'holder_not_linked' AS reason,", 1
        )
        parts.append(f"{unlinked} WHERE NOT {_held(register, LINKED)}")
    return " UNION ALL ".join(f"SELECT * FROM ({p}) n" for p in parts) or None


def ordered(sql: str, near: bool) -> str:
    """Counted rows by number; near misses by reason, then number. Rows without a number (funds, projects …)
    follow their key, the list's prefix and id ('a9' before 'a10'): the order the list's rows were stored in."""
    return f"SELECT * FROM ({sql}) q ORDER BY {'q.reason, ' if near else ''}q.number, length(q.key), q.key"


def totals_sql(sql: str) -> str:
    """Rows, amount (元) and, where SQL knows it, holder group; the rows SQL leaves without one by holders."""
    return f"SELECT t.grp, CASE WHEN t.grp IS NULL THEN t.holders END, COUNT(*), SUM(t.amount) FROM ({sql}) t GROUP BY 1, 2"


def reasons_sql(sql: str) -> str:
    return f"SELECT r.reason, COUNT(*) FROM ({sql}) r GROUP BY r.reason ORDER BY r.reason"
