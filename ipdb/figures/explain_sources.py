"""What each figure counts, as rows: the SQL behind ``ipdb explain``, built from the same predicates as the figure.

Every query selects the same columns (``COLUMNS``), so one reader turns any of them into rows. A register row
is one right as the register stands on the reference day (D for a stock, P's end for a flow), with the batch of
the latest import on or before that day that stated it; a list row is one record, or one party where the figure
counts parties (贯标, 质押融资企业数 …: ``PARTY`` as the district figure counts it). The figure's own condition
is the counted ``where``; ``near`` lists the neighbouring rules (domain.md Part I "Near misses"), each a code
and the SQL test that finds it among the rights the figure does not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipdb.figures import predicates

# key, number, kind, category, title, holders, status, first date, second date, end date, amount (元),
# batch id, link (right_state id for a register row, holder id for a list row), reason, the batch's file row
# (None for a row imported before the store recorded it, and for a party or award standing for several records),
# holder group (a register row's, right_fact.holder_group; NULL for a list row: ipdb.figures.explain_queries)
COLUMNS = ("key", "number", "kind", "category", "title", "holders", "status", "date1", "date2", "date3", "amount",
           "batch_id", "link", "reason", "row", "grp")  # fmt: skip

# The latest observation of the right on or before :ref (else its first, for a day before it).
_OBSERVATION = """LEFT JOIN right_observation o ON o.right_id = f.right_id AND o.as_of = COALESCE(
    (SELECT MAX(o2.as_of) FROM right_observation o2 WHERE o2.right_id = f.right_id AND o2.as_of <= :ref), f.observed_on)"""
REGISTER_SQL = f"""
SELECT r.key, r.number, r.kind, r.category, s.title, s.holders, s.status_raw, f.filing_date, f.granted_on,
       f.ends_on, NULL, o.batch_id, s.id, {{reason}} AS reason, o.source_row, f.holder_group
FROM right_fact f JOIN "right" r ON r.id = f.right_id JOIN right_state s ON s.id = f.state_id
{_OBSERVATION}
WHERE {{where}}
"""
# The same rows for counting alone (ipdb.figures.explain_queries.totals_sql): kind, link, reason and holder group,
# without the observation and the right's own row (at 1M patents 0.1 s against 3.5 s).
TALLY_SQL = """
SELECT NULL, NULL, f.kind, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, s.id, {reason} AS reason, NULL,
       f.holder_group
FROM right_fact f JOIN right_state s ON s.id = f.state_id
WHERE {where}
"""
# Rights on D that the figure does not count, each with the first neighbouring rule that would count it.
NEAR_SQL = """
SELECT * FROM ({inner}) x WHERE x.reason IS NOT NULL
"""
ON_D = "f.lo <= :d AND :d < f.hi"
NOT_COUNTED = "(CASE WHEN {counted} THEN 1 ELSE 0 END) = 0"
# The general near misses of a stock, in order: the first that applies is the reason.
STOCK_NEAR = (
    ("granted_after_d", "f.granted_on > :d"),
    ("pending", "s.status_class = 'pending'"),
    ("dead_without_date", "s.status_class = 'dead' AND s.ends_on IS NULL AND f.ends_on <= :d"),
)
# Rights a complete snapshot on or before D no longer lists, in force until it: they left the register on S.
LEFT_AT_SNAPSHOT = """f.hi <= :d AND f.in_force_from < f.hi AND (f.ends_on IS NULL OR f.ends_on >= f.hi)
  AND f.hi IN (SELECT b.as_of FROM import_batch b WHERE b.kind = f.kind AND b.snapshot = 1)
  AND f.hi = (SELECT MAX(g.hi) FROM right_fact g WHERE g.right_id = f.right_id AND g.hi <= :d)
  AND NOT EXISTS (SELECT 1 FROM right_fact g WHERE g.right_id = f.right_id AND g.lo <= :d AND :d < g.hi)"""


@dataclass(frozen=True)
class Source:
    """The counted rows of one figure; for a register figure also the rows it draws from (``base``: kind and type),
    its own test (``counted``) and the neighbouring rules (``near``: code, SQL test) of its near misses."""

    sql: str  # the counted rows (a full SELECT of COLUMNS)
    tally: str = ""  # the same rows for counting alone (a register figure's TALLY_SQL; else ``sql``)
    base: str = ""
    counted: str = ""
    near: tuple[tuple[str, str], ...] = ()
    stock: bool = True  # a register stock (near misses on D, left at a snapshot) or flow (outside P)
    params: tuple[tuple[str, object], ...] = ()
    amount: bool = False  # the figure sums ``amount`` (money) instead of counting rows
    near_list: str = ""  # a list figure's near misses (a full SELECT of COLUMNS), when it has any

    @property
    def has_near(self) -> bool:
        return bool(self.base or self.near_list)


def register(base: str, counted: str, near: tuple[tuple[str, str], ...] = (), stock: bool = True) -> Source:
    where = f"{base} AND {counted}"
    rules = (*STOCK_NEAR, *near) if stock else near
    sql, tally = (t.format(reason="'counted'", where=where) for t in (REGISTER_SQL, TALLY_SQL))
    return Source(sql, tally=tally, base=base, counted=counted, near=rules, stock=stock)


def near_sql(source: Source, tally: bool = False) -> str:
    """The near misses of a register figure: the rights on the reference day it does not count, with a reason;
    for a stock also the rights a complete snapshot on or before D no longer lists. A list figure's own SQL.
    ``tally``: the same rows for counting alone (TALLY_SQL)."""
    if source.near_list:
        return source.near_list
    rows = TALLY_SQL if tally else REGISTER_SQL
    cases = " ".join(f"WHEN {test} THEN '{code}'" for code, test in source.near)
    on_day = ON_D if source.stock else predicates.IN_REGISTER_AT_END
    where = f"{source.base} AND {on_day} AND {NOT_COUNTED.format(counted=source.counted)}"
    sql = NEAR_SQL.format(inner=rows.format(reason=f"CASE {cases} END", where=where))
    if source.stock:
        left = rows.format(reason="'left_snapshot'", where=f"{source.base} AND {LEFT_AT_SNAPSHOT}")
        sql = f"{sql} UNION ALL {left}"
    return sql


def _list(select: str, tail: str) -> str:
    return f"SELECT {select} {tail}"


# The file row of a group standing for one record (several records have no one row).
ONE_RECORD = "CASE WHEN COUNT(*) = 1 THEN MAX({row}) END"
# A party (predicates.PARTY) per row: one holder of it stands for the link; dates are the latest.
_PARTY_ROW = "{party}, '', '{kind}', NULL, NULL, MAX(h.name), NULL, MAX({day}), NULL, NULL, {amount}, MAX({batch}), MIN(h.id), 'counted', {row}, NULL"


def _parties(kind: str, tail: str, day: str, batch: str, amount: str = "NULL") -> str:
    row = ONE_RECORD.format(row=batch.replace("batch_id", "source_row"))
    select = _PARTY_ROW.format(party=predicates.PARTY, kind=kind, day=day, batch=batch, amount=amount, row=row)
    return f"SELECT {select} {tail} GROUP BY {predicates.PARTY}"


def _designations(category: str, level: str | None) -> Source:
    sql = _parties("designations", predicates.DESIGNATIONS_HELD, "g.designated_on", "g.batch_id")
    return Source(sql, params=(("category", category), ("level", level)))


COUNTED, OUTSIDE = "'counted'", "'outside_period'"
LOAN_ROW = ("'l' || l.id, COALESCE(l.registration_no, ''), 'pledges', NULL, l.pledgee, h.name, NULL, l.registered_on, "
            "NULL, NULL, l.amount_yuan, l.batch_id, h.id, {reason}, l.source_row, NULL")  # fmt: skip
FUND_ROW = ("'a' || a.id, '', 'funds', a.category, NULL, h.name, NULL, a.dated_on, NULL, NULL, a.amount_yuan, "
            "a.batch_id, h.id, 'counted', a.source_row, NULL")  # fmt: skip
PROJECT_SQL = f"""
SELECT 'p' || p.id, '', 'projects', p.level, p.name, h.name, p.status_raw, p.approved_on, p.approval_year, NULL,
       NULL, p.batch_id, h.id, 'counted', p.source_row, NULL
FROM project p LEFT JOIN holder h ON h.id = p.holder_id WHERE p.program = :program AND {predicates.APPROVED_IN_P}
"""
AWARDS_SQL = f"""
SELECT a.patent_key || '/' || a.award_year, MAX(a.patent_number), 'awards', a.level, MAX(a.title), MAX(a.holders),
       NULL, NULL, a.award_year, NULL, NULL, MAX(a.batch_id), MIN(a.holder_id), 'counted',
       {ONE_RECORD.format(row="a.source_row")}, NULL
FROM patent_award a WHERE {predicates.AWARDED_IN_P} GROUP BY a.patent_key, a.award_year, a.level
"""
MARKS_SQL = f"""
SELECT w.mark_key, MAX(COALESCE(w.registration_no, '')), 'well-known', NULL, MAX(w.mark_name), MAX(h.name), NULL,
       MIN(w.recognized_on), NULL, NULL, NULL, MAX(w.batch_id), MIN(w.holder_id), 'counted',
       {ONE_RECORD.format(row="w.source_row")}, NULL
FROM well_known_mark w LEFT JOIN holder h ON h.id = w.holder_id WHERE w.{predicates.RECOGNIZED} GROUP BY w.mark_key
"""
# Records dated within a month either side of P, not in P: a list's one near miss (outside_period).
NEAR_P = "BETWEEN :near_start AND :near_end"
LOANS_NEAR = f"SELECT {LOAN_ROW.format(reason=OUTSIDE)} {predicates.PLEDGED} WHERE l.registered_on {NEAR_P} AND NOT ({predicates.PLEDGED_IN_P})"
CASES = """
SELECT 't' || t.id, COALESCE(t.case_no, ''), 'cases', t.case_type, t.title, t.party, NULL, t.opened_on, t.closed_on,
       NULL, NULL, t.batch_id, NULL, {reason}, t.source_row, NULL
FROM trademark_case t WHERE """
CASES_SQL = f"{CASES.format(reason=COUNTED)} t.{predicates.CLOSED_IN_P}"
CASES_NEAR = f"{CASES.format(reason=OUTSIDE)} t.closed_on {NEAR_P} AND NOT (t.{predicates.CLOSED_IN_P})"

INVENTIONS_IN_FORCE = register(predicates.INVENTIONS, predicates.IN_FORCE)
SOURCES: dict[str, Source] = {
    "invention_patents": INVENTIONS_IN_FORCE,
    "invention_patents_10y": register(
        predicates.INVENTIONS,
        f"{predicates.IN_FORCE} AND {predicates.TEN_YEARS}",
        (("under_10_years", f"{predicates.IN_FORCE} AND f.filing_date <= :cutoff_next"),),
    ),
    "high_value_invention_patents": register(
        predicates.INVENTIONS, f"{predicates.IN_FORCE} AND {predicates.HIGH_VALUE}"
    ),
    "patents_in_force": register(predicates.PATENTS, predicates.IN_FORCE),
    "patent_applications": register(
        predicates.PATENTS,
        f"{predicates.IN_REGISTER_AT_END} AND {predicates.FILED_IN_P}",
        (("outside_period", "f.filing_date BETWEEN :near_start AND :near_end"),),
        stock=False,
    ),
    "patent_grants": register(
        predicates.PATENTS,
        f"{predicates.IN_REGISTER_AT_END} AND {predicates.GRANTED_IN_P}",
        (("outside_period", "f.granted_on BETWEEN :near_start AND :near_end"),),
        stock=False,
    ),
    "trademarks_registered": register("f.kind = 'trademarks'", predicates.IN_FORCE),
    "madrid_registrations": register("f.kind = 'madrid'", predicates.IN_FORCE),
    "well_known_marks": Source(MARKS_SQL),
    "ip_standard_enterprises": _designations("standard", None),
    "national_demo_enterprises": _designations("demo", "national"),
    "national_advantage_enterprises": _designations("advantage", "national"),
    "pledge_amount": Source(
        _list(LOAN_ROW.format(reason=COUNTED), predicates.PLEDGES_IN_P), amount=True, near_list=LOANS_NEAR
    ),
    "pledge_loans": Source(_list(LOAN_ROW.format(reason=COUNTED), predicates.PLEDGES_IN_P), near_list=LOANS_NEAR),
    "pledge_enterprises": Source(
        _parties("pledges", predicates.PLEDGES_IN_P, "l.registered_on", "l.batch_id", "SUM(l.amount_yuan)")
    ),
    "navigation_projects": Source(PROJECT_SQL, params=(("program", "navigation"),)),
    "high_value_portfolio_projects": Source(PROJECT_SQL, params=(("program", "high_value"),)),
    "patent_awards": Source(AWARDS_SQL),
    "fund_enterprises": Source(
        _parties("funds", predicates.FUNDS_IN_P, "a.dated_on", "a.batch_id", "SUM(a.amount_yuan)")
    ),
    "fund_amount": Source(_list(FUND_ROW, predicates.FUNDS_IN_P), amount=True),
    "trademark_cases": Source(CASES_SQL, near_list=CASES_NEAR),
    "invention_patents_per_10k": INVENTIONS_IN_FORCE,  # the numerator's rights
}
