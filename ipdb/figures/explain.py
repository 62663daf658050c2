"""Behind every figure: the rows it counts, the rights a neighbouring rule would count, and a published figure
reconciled (domain.md Part I "Holder groups and reconciliation").

The counted rows come from ``ipdb.figures.explain_sources``, built from the predicates the figure itself uses,
so their number is the figure (their amounts add up to it, for money; for 每万人口 they are the numerator).
A scope (an enterprise, a town, an industry) keeps the rows held by an enterprise in it, as the rankings count
them; rights no enterprise of the list holds are then near misses (``holder_not_linked``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ipdb.errors import ConflictingOptions, InvalidValue
from ipdb.figures.coverage import imports_of
from ipdb.figures.due import add_months
from ipdb.figures.explain_sources import SOURCES, Source, near_sql
from ipdb.figures.headline import Figure, compute
from ipdb.figures.portfolio import find_company
from ipdb.figures.query import Query, ten_year_cutoff
from ipdb.figures.registry import DISTRICT, METRICS_BY_KEY
from ipdb.periods import Period
from ipdb.reading import Reader
from ipdb.settings import pledge_threshold
from ipdb.store import Store
from ipdb.vocabulary import HOLDER_GROUP_ZH, fold, holder_group

COUNTED = "counted"


@dataclass(frozen=True)
class Scope:
    """Whose figure: the district (all None), one enterprise, a town or an industry."""

    enterprise: str | None = None
    town: str | None = None
    industry: str | None = None

    @property
    def label(self) -> str:
        return self.enterprise or self.town or self.industry or "全区"


@dataclass(frozen=True)
class Holder:
    name: str
    company_id: int | None
    credit_code: str | None
    company: str | None  # the enterprise's name on D
    town: str | None
    industry: str | None


@dataclass(frozen=True)
class ExplainRow:
    number: str
    kind: str
    category: str | None
    title: str | None
    holders: str
    holder_group: str  # a HOLDER_GROUP_ZH code
    enterprise: str  # the linked enterprises' names on D, '；'-joined ('' when none)
    credit_code: str
    town: str
    industry: str
    status: str | None
    dates: tuple[Any, Any, Any]  # filing / granted / ends for a right; the list's own dates otherwise
    amount: float | None  # 万元, for loans and fund applications
    reason: str  # 'counted' or a near-miss code (NEAR_MISS_ZH)
    batch: str | None  # the file of the import that last stated it on the reference day
    sheet: str | None
    row: int | None  # the file row (1-based, as the import report counts); None when not recorded
    company_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Explanation:
    figure: Figure
    as_of: date
    period: Period
    scope: str
    value: int | float | None  # the figure (of the scope)
    rows: tuple[ExplainRow, ...]
    published: float | None = None

    @property
    def counted(self) -> tuple[ExplainRow, ...]:
        return tuple(r for r in self.rows if r.reason == COUNTED)

    @property
    def difference(self) -> float | None:
        """published - ours: what the published figure has more than ours."""
        return None if self.published is None or self.value is None else self.published - self.value

    @property
    def groups(self) -> dict[str, int]:
        """Near misses by reason, in the order of first appearance (rows are sorted by reason)."""
        return dict(Counter(r.reason for r in self.rows if r.reason != COUNTED))

    @property
    def holder_groups(self) -> dict[str, int]:
        found = Counter(r.holder_group for r in self.counted)
        return {code: found[code] for code in HOLDER_GROUP_ZH if found[code]}


def explain(
    store: Store,
    metric: str,
    *,
    as_of: date,
    period: Period,
    scope: Scope = Scope(),
    near: bool = False,
    published: float | None = None,
) -> Explanation:
    """The rows behind ``metric`` as of D (over P for a flow); ``near`` or ``published`` add the near misses."""
    if sum(x is not None for x in (scope.enterprise, scope.town, scope.industry)) > 1:
        raise ConflictingOptions("--enterprise、--town、--industry 只能选一个。")
    spec = METRICS_BY_KEY[resolve_explained(metric)]
    source = SOURCES[spec.key]
    with store.reading() as conn:
        q = Query(conn, as_of, period, holder_groups=True)
        figure = compute(q, spec, imports_of(conn))
        params = _params(q, source, spec.kind == "stock")
        rows = _read(conn, source.sql, params, as_of)
        near_rows = (
            _read(conn, near_sql(source), params, as_of) if (near or published is not None) and source.has_near else []
        )
        company_id = find_company(conn, scope.enterprise, as_of) if scope.enterprise else None
    value = figure.value
    if scope != Scope():
        unlinked = [replace(r, reason="holder_not_linked") for r in rows if not r.company_ids]
        rows = [r for r in rows if _in_scope(r, scope, company_id)]
        near_rows = [r for r in near_rows if _in_scope(r, scope, company_id)] + unlinked
        value = _scope_value(rows, source) if figure.value is not None else None
    ordered = sorted(rows, key=lambda r: r.number) + sorted(near_rows, key=lambda r: (r.reason, r.number))
    return Explanation(figure, as_of, period, scope.label, value, tuple(ordered), published)


def _params(q: Query, source: Source, stock: bool) -> dict[str, Any]:
    extra = {
        "ref": q.params["d"] if stock else q.params["end"],
        "cutoff_next": ten_year_cutoff(add_months(q.as_of, 12)).isoformat(),  # the anniversary within a year of D
        "near_start": add_months(q.period.start, -1).isoformat(),  # a month either side of P
        "near_end": add_months(q.period.end, 1).isoformat(),
        "pledge_min": pledge_threshold(q.conn),
    }
    return {**q.params, **extra, **dict(source.params)}


def _scope_value(rows: list[ExplainRow], source: Source) -> int | float:
    if source.amount:
        return sum(r.amount or 0 for r in rows)
    return len(rows)


def _in_scope(row: ExplainRow, scope: Scope, company_id: int | None) -> bool:
    if company_id is not None:
        return company_id in row.company_ids
    wanted, places = (scope.town, row.town) if scope.town else (scope.industry, row.industry)
    return fold(wanted or "") in {fold(p) for p in places.split("；") if p}


_LOOKUP = {fold(label).lower(): m.key for m in DISTRICT for label in (m.key, m.name, m.short_name, *m.aliases)}


def resolve_explained(metric: str) -> str:
    """The key of a figure with a district total, from its key, Chinese name or an alias."""
    key = _LOOKUP.get(fold(metric).lower())
    if key is None:
        examples = "、".join(m.short_name for m in DISTRICT[:6])
        raise InvalidValue(
            f"无法识别的指标「{metric}」。可用的指标有：{examples} 等（也可写英文键，如 invention_patents）。"
        )
    return key


# ---- reading -------------------------------------------------------------------------------------


def _read(conn: Reader, sql: str, params: dict[str, Any], as_of: date) -> list[ExplainRow]:
    raw = conn.rows(sql, params)
    registers = {r[2] for r in raw} & {"patents", "trademarks", "madrid"}
    links = _links(conn, [r[12] for r in raw if r[12] is not None], bool(registers), as_of)
    batches = _batches(conn, {r[11] for r in raw if r[11] is not None})
    return [_row(r, links.get(r[12], ()), batches.get(r[11], (None, None))) for r in raw]


LINKS_SQL = """
SELECT {link}, h.name, h.company_id, c.credit_code, COALESCE(cf.name, c.key), cf.town, cf.industry
FROM {tables}
LEFT JOIN company c ON c.id = h.company_id
LEFT JOIN company_fact cf ON cf.company_id = c.id AND cf.lo <= :d AND :d < cf.hi
WHERE {link} IN (SELECT id FROM explain_link) ORDER BY {order}
"""


def _links(conn: Reader, ids: list[int], registers: bool, as_of: date) -> dict[int, tuple[Holder, ...]]:
    """The holders of each right state (registers) or the holder (lists), with their enterprise on D."""
    if not ids:
        return {}
    conn.temp_ids("explain_link", ids)
    if registers:
        tables, link, order = (
            "right_state_holder sh JOIN holder h ON h.id = sh.holder_id",
            "sh.state_id",
            "1, sh.position",
        )
    else:
        tables, link, order = "holder h", "h.id", "1"
    sql = LINKS_SQL.format(link=link, tables=tables, order=order)
    found: dict[int, list[Holder]] = {}
    for key, *rest in conn.rows(sql, {"d": as_of.isoformat()}):
        found.setdefault(key, []).append(Holder(*rest))
    return {k: tuple(v) for k, v in found.items()}


def _batches(conn: Reader, ids: set[int]) -> dict[int, tuple[str | None, str | None]]:
    """File name and sheets of each batch (a store holds few batches: one read of them all)."""
    if not ids:
        return {}
    rows = conn.rows("SELECT id, file_name, sheets FROM import_batch")
    return {r[0]: (r[1], r[2] or None) for r in rows if r[0] in ids}


def _row(r: tuple[Any, ...], holders: tuple[Holder, ...], batch: tuple[str | None, str | None]) -> ExplainRow:
    companies = list(
        dict.fromkeys((h.company_id, h.company, h.credit_code, h.town, h.industry) for h in holders if h.company_id)
    )
    names = [h.name for h in holders] or [n for n in str(r[5] or "").split("；") if n]
    group = min((holder_group(n) for n in names), key=list(HOLDER_GROUP_ZH).index, default="other")
    row = ExplainRow(
        number=r[1] or "", kind=r[2], category=r[3], title=r[4], holders=r[5] or "；".join(names),
        holder_group="listed" if companies else group,
        enterprise="；".join(c[1] or "" for c in companies), credit_code="；".join(c[2] or "" for c in companies),
        town="；".join(dict.fromkeys(c[3] for c in companies if c[3])),
        industry="；".join(dict.fromkeys(c[4] for c in companies if c[4])), status=r[6], dates=(r[7], r[8], r[9]),
        amount=None if r[10] is None else int(r[10]) / 10_000, reason=r[13], batch=batch[0], sheet=batch[1],
        row=None if r[14] is None else int(r[14]),
        company_ids=tuple(int(c[0] or 0) for c in companies),
    )  # fmt: skip
    return row
