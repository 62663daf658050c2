"""Behind every figure: the rows it counts, the rights a neighbouring rule would count, and a published figure
reconciled (domain.md Part I "Holder groups and reconciliation").

The counted rows come from ``ipdb.figures.explain_sources``, built from the predicates the figure itself uses,
so their number is the figure (their amounts add up to it, for money; for 每万人口 they are the numerator).
A scope (an enterprise, a town, an industry) keeps the rows held by an enterprise in it, as the rankings count
them; rights no enterprise of the list holds are then near misses (``holder_not_linked``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ipdb.errors import ConflictingOptions, InvalidValue
from ipdb.figures import explain_queries as queries
from ipdb.figures.coverage import imports_of
from ipdb.figures.due import add_months
from ipdb.figures.explain_sources import SOURCES, Source
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


Rows = Callable[[], Iterator["ExplainRow"]]


@dataclass(frozen=True)
class Explanation:
    """A figure, its counts, and its rows: ``counted_rows`` and ``near_rows`` read them from the store as they
    are iterated (inside ``explaining``), or give the rows ``explain`` kept."""

    figure: Figure
    as_of: date
    period: Period
    scope: str
    value: int | float | None  # the figure (of the scope)
    count: int  # the counted rows
    holder_groups: dict[str, int]  # counted rows by HOLDER_GROUP_ZH code, in that order, groups without rows left out
    groups: dict[str, int]  # near misses by reason, in the rows' order
    counted_rows: Rows
    near_rows: Rows
    published: float | None = None

    @property
    def counted(self) -> tuple[ExplainRow, ...]:
        return tuple(self.counted_rows())

    @property
    def rows(self) -> tuple[ExplainRow, ...]:
        return (*self.counted_rows(), *self.near_rows())

    @property
    def difference(self) -> float | None:
        """published - ours: what the published figure has more than ours."""
        return None if self.published is None or self.value is None else self.published - self.value


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
    """The rows behind ``metric`` as of D (over P for a flow), all read; ``near`` or ``published`` add the near
    misses."""
    with explaining(store, metric, as_of=as_of, period=period, scope=scope, near=near, published=published) as e:
        counted, near_rows = e.counted, tuple(e.near_rows())
    return replace(e, counted_rows=lambda: iter(counted), near_rows=lambda: iter(near_rows))


@contextmanager
def explaining(
    store: Store,
    metric: str,
    *,
    as_of: date,
    period: Period,
    scope: Scope = Scope(),
    near: bool = False,
    published: float | None = None,
) -> Iterator[Explanation]:
    """``explain``, its rows read as they are iterated, in one read transaction that lasts while this is open."""
    if sum(x is not None for x in (scope.enterprise, scope.town, scope.industry)) > 1:
        raise ConflictingOptions("--enterprise、--town、--industry 只能选一个。")
    spec = METRICS_BY_KEY[resolve_explained(metric)]
    source = SOURCES[spec.key]
    with store.reading() as conn:
        q = Query(conn, as_of, period, holder_groups=True)
        figure = compute(q, spec, imports_of(conn))
        test = _scope_test(conn, scope, as_of)
        params = {
            **_params(q, source, spec.kind == "stock"),
            "scope_company": test.company,
            "scope_places": test.places,
        }
        counted = queries.counted_sql(source, test)
        near_sql = queries.near_rows_sql(source, test, near or published is not None)
        count, amount, by_group = _totals(conn, queries.counted_sql(source, test, tally=True), params)
        value = figure.value if test.district or figure.value is None else amount if source.amount else count
        tally = queries.near_rows_sql(source, test, near or published is not None, tally=True)
        groups = dict(conn.rows(queries.reasons_sql(tally), params)) if tally else {}
        read = _RowReader(conn, params, as_of, _batches(conn))
        yield Explanation(
            figure, as_of, period, scope.label, value, count, by_group, groups,
            counted_rows=lambda: read(queries.ordered(counted, near=False)),
            near_rows=lambda: read(queries.ordered(near_sql, near=True)) if near_sql else iter(()),
            published=published,
        )  # fmt: skip


def _scope_test(conn: Reader, scope: Scope, as_of: date) -> queries.ScopeTest:
    if scope.enterprise:
        return queries.ScopeTest(company=find_company(conn, scope.enterprise, as_of))
    wanted, place = (scope.town, "town") if scope.town else (scope.industry, "industry")
    if wanted is None:
        return queries.ScopeTest()
    stored = conn.rows(f"SELECT DISTINCT {place} FROM company_fact WHERE {place} IS NOT NULL")
    return queries.ScopeTest(place=place, places=tuple(p for (p,) in stored if fold(p) == fold(wanted)))


def _totals(conn: Reader, counted: str, params: dict[str, Any]) -> tuple[int, float, dict[str, int]]:
    """How many counted rows, their amount (万元), and how many in each holder group."""
    found: Counter[str] = Counter()
    amount = 0
    for group, holders, n, yuan in conn.rows(queries.totals_sql(counted), params):
        found[group or _names_group(holders)] += n
        amount += int(yuan or 0)
    by_group = {code: found[code] for code in HOLDER_GROUP_ZH if found[code]}
    return sum(found.values()), amount / 10_000, by_group


def _params(q: Query, source: Source, stock: bool) -> dict[str, Any]:
    extra = {
        "ref": q.params["d"] if stock else q.params["end"],
        "cutoff_next": ten_year_cutoff(add_months(q.as_of, 12)).isoformat(),  # the anniversary within a year of D
        "near_start": add_months(q.period.start, -1).isoformat(),  # a month either side of P
        "near_end": add_months(q.period.end, 1).isoformat(),
        "pledge_min": pledge_threshold(q.conn),
    }
    return {**q.params, **extra, **dict(source.params)}


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


LINKS_SQL = """
SELECT {link}, h.name, h.company_id, c.credit_code, COALESCE(cf.name, c.key), cf.town, cf.industry
FROM {tables}
LEFT JOIN company c ON c.id = h.company_id
LEFT JOIN company_fact cf ON cf.company_id = c.id AND cf.lo <= :d AND :d < cf.hi
WHERE {link} IN :ids ORDER BY {order}
"""
# The holders of a block of rows: a register row's link is its right state, a list row's its holder.
STATE_LINKS = LINKS_SQL.format(
    link="sh.state_id", tables="right_state_holder sh JOIN holder h ON h.id = sh.holder_id", order="1, sh.position"
)
HOLDER_LINKS = LINKS_SQL.format(link="h.id", tables="holder h", order="1")
REGISTERS = {"patents", "trademarks", "madrid"}
BLOCK = 500  # rows read, and holders looked up, at a time (host parameters of one IN list)


class _RowReader:
    """The rows of an ordered query, a block at a time, each with its holders and their enterprise on D."""

    def __init__(self, conn: Reader, params: dict[str, Any], as_of: date, batches: dict[int, Any]) -> None:
        self.conn, self.params, self.day, self.batches = conn, params, as_of.isoformat(), batches

    def __call__(self, sql: str) -> Iterator[ExplainRow]:
        for block in self.conn.blocks(sql, self.params, BLOCK):
            links = self._links(block)
            for r in block:
                yield _row(r, links.get(r[12], ()), self.batches.get(r[11], (None, None)))

    def _links(self, block: list[tuple[Any, ...]]) -> dict[int, tuple[Holder, ...]]:
        ids = sorted({r[12] for r in block if r[12] is not None})
        if not ids:
            return {}
        sql = STATE_LINKS if {r[2] for r in block} & REGISTERS else HOLDER_LINKS
        found: dict[int, list[Holder]] = {}
        for key, *rest in self.conn.rows(sql, {"d": self.day, "ids": ids}):
            found.setdefault(key, []).append(Holder(*rest))
        return {k: tuple(v) for k, v in found.items()}


def _batches(conn: Reader) -> dict[int, tuple[str | None, str | None]]:
    """File name and sheets of each batch (a store holds few batches: one read of them all)."""
    return {r[0]: (r[1], r[2] or None) for r in conn.rows("SELECT id, file_name, sheets FROM import_batch")}


def _names_group(holders: str | None) -> str:
    """The group of a row SQL cannot group (no holder to link): the first its holders' names give."""
    names = [n for n in str(holders or "").split("；") if n]
    return min((holder_group(n) for n in names), key=list(HOLDER_GROUP_ZH).index, default="other")


def _row(r: tuple[Any, ...], holders: tuple[Holder, ...], batch: tuple[str | None, str | None]) -> ExplainRow:
    companies = list(
        dict.fromkeys((h.company_id, h.company, h.credit_code, h.town, h.industry) for h in holders if h.company_id)
    )
    names = [h.name for h in holders]
    row = ExplainRow(
        number=r[1] or "", kind=r[2], category=r[3], title=r[4], holders=r[5] or "；".join(names),
        holder_group=r[15] or _names_group(r[5]),
        enterprise="；".join(c[1] or "" for c in companies), credit_code="；".join(c[2] or "" for c in companies),
        town="；".join(dict.fromkeys(c[3] for c in companies if c[3])),
        industry="；".join(dict.fromkeys(c[4] for c in companies if c[4])), status=r[6], dates=(r[7], r[8], r[9]),
        amount=None if r[10] is None else int(r[10]) / 10_000, reason=r[13], batch=batch[0], sheet=batch[1],
        row=None if r[14] is None else int(r[14]),
        company_ids=tuple(int(c[0] or 0) for c in companies),
    )  # fmt: skip
    return row
