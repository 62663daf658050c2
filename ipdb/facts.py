"""Derive the fact tables from observations (domain.md Part I, "Snapshots and history").

For one right with observations o1 < o2 < ... (by as-of date), and the as-of
dates of the complete snapshots of its register S1 < S2 < ...:

* observation oi decides the right's state for D in [oi, min(o(i+1), first S > oi));
  a complete snapshot after oi that does not list the right ends its presence
  (it left the register on S), a later observation starts it again; consecutive
  observations of the same state make one interval (a re-export costs no facts);
* before its first observation the earliest one decides, but only for D before
  the first complete snapshot (a right a snapshot lists for the first time
  entered the register on that date);
* a state that says "dead" without a date ended on its observation's as-of date.

Each interval becomes one ``right_fact`` row, so "state as of D" is the plain
test ``lo <= D < hi``; ``holding_fact`` repeats the row per enterprise holder
and ``company_fact`` does the same for enterprise-list observations.

Facts are kept incrementally: a right's facts depend only on its own observations
and the snapshot dates of its register, so an import recomputes the rights it
observes and, when it brings a new snapshot date S, the rights whose facts span S
(they may leave on S); every other right keeps its facts. ``refresh_rights`` with
no rights recomputes a whole register, and it gives the same tables (a property
test holds the two paths equal), so the order of imports cannot matter.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter
from typing import cast

from sqlalchemy import Connection, text

from ipdb import right_groups, stock_changes
from ipdb.intervals import STATE, Fact, Observed, Span, StateDates, Unspliceable, dates_of, spans_of, splice
from ipdb.sql import of_ids, temp_ids
from ipdb.vocabulary import BEGINNING_ISO, END_OF_TIME_ISO, REGISTER_KINDS

# One row per (right, fact, enterprise): the fact's columns follow from its key (right_id, lo). co_held: another
# enterprise holds the right in the same fact; a right's holdings are always written together (rebuild_holdings
# replaces them right by right), so the flag agrees with a rebuild. An enterprise is taken at the first position
# that names it (two of its names may hold one right). Both are looked up among the state's one or two holders,
# so nothing is grouped or sorted: a window and a GROUP BY over the rows cost a first import with linked
# holders 0.15 s of 0.6 s. Rights given by id come in (right_id, lo) order, the key's; ``order`` sorts the
# others (a whole register, read in the kind index's order) so that the key is still filled in order.
_HOLDINGS = """
INSERT INTO holding_fact (company_id, right_id, kind, category, lo, hi,
                          filing_date, granted_on, in_force_from, ends_on, co_held)
SELECT h.company_id, f.right_id, f.kind, f.category, f.lo, f.hi,
       f.filing_date, f.granted_on, f.in_force_from, f.ends_on,
       EXISTS (SELECT 1 FROM right_state_holder o JOIN holder oh ON oh.id = o.holder_id
               WHERE o.state_id = f.state_id AND oh.company_id <> h.company_id)
FROM {facts}
JOIN right_state_holder sh ON sh.state_id = f.state_id
JOIN holder h ON h.id = sh.holder_id
WHERE {only} AND h.company_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM right_state_holder e JOIN holder eh ON eh.id = e.holder_id
                  WHERE e.state_id = sh.state_id AND e.position < sh.position AND eh.company_id = h.company_id)
{order}
"""
_KEY_ORDER = "ORDER BY f.right_id, f.lo, h.company_id"

_COMPANIES = f"""
WITH obs AS (
    SELECT company_id, as_of, name, town, industry,
           LEAD(as_of) OVER (PARTITION BY company_id ORDER BY as_of) AS next_as_of,
           ROW_NUMBER() OVER (PARTITION BY company_id ORDER BY as_of) AS n
    FROM company_observation {{only}}
)
INSERT INTO company_fact (company_id, lo, hi, name, town, industry)
SELECT company_id, CASE WHEN n = 1 THEN '{BEGINNING_ISO}' ELSE as_of END,
       COALESCE(next_as_of, '{END_OF_TIME_ISO}'), name, town, industry
FROM obs
"""

FACT_COLUMNS = (
    "right_id",
    "kind",
    "category",
    "lo",
    "hi",
    "state_id",
    "observed_on",
    "filing_date",
    "granted_on",
    "in_force_from",
    "ends_on",
)


Rights = Collection[int] | None  # None: every right of the register


def refresh_rights(conn: Connection, kind: str, rights: Rights = None, *, around: date | None = None) -> set[int]:
    """Recompute the right and holding facts of ``rights`` (all of the register when None) from their
    observations; the difference alone is written, so a right that continues unchanged costs nothing.

    With ``around``, what changed are these rights' observations on that day or the register's snapshot of
    that day: their facts are spliced around it from the neighbouring observations (ipdb.intervals), so the
    cost does not grow with their history. This is the one entry point for every change of observations: an
    import, and an undo that removes a batch's observations. Returns the rights whose facts changed."""
    if rights is not None and not rights:
        return set()
    if rights is not None:
        temp_ids(conn, "touched_right", rights)
    stored = _stored_facts(conn, kind, rights is not None)
    snapshots = _snapshots(conn, kind)
    if around is None or rights is None:
        wanted = set(_computed_facts(conn, kind, snapshots, rights is not None))
    else:
        wanted = set(_spliced_facts(conn, kind, stored, around.isoformat(), snapshots))
    stale = [fact for fact in stored if fact not in wanted]
    fresh = sorted(fact for fact in wanted if fact not in stored)  # key order
    if stale:
        conn.exec_driver_sql("DELETE FROM right_fact WHERE right_id = ? AND lo = ?", [(f[0], f[3]) for f in stale])
        stock_changes.apply(conn, (), stale)
    _insert_facts(conn, fresh)
    changed = {cast(int, fact[0]) for fact in (*fresh, *stale)}
    rebuild_holdings(conn, kind, changed, groups=False)  # a right whose facts stand keeps its holdings too
    return changed


FirstRight = tuple[int, str | None, int, StateDates, tuple[int, ...]]  # id, category, state id, dates, holder ids


def derive_new(
    conn: Connection, kind: str, day: date, rights: Collection[FirstRight], changes: stock_changes.Changes
) -> None:
    """The facts of rights new to the store, from the one observation on ``day`` each has (right id, category,
    state id, the state's dates and holder ids), given in right-id order: what ``refresh_rights`` derives,
    without reading the observations back. Every such right's spans are the same: one observation each, the
    same date, the same snapshots; its group is its holders'. Only a right whose group is LINKED (a holder
    linked to an enterprise, ipdb.right_groups) has holding facts, so only those are looked for. The stock
    changes of the facts are added to ``changes``, for the caller to write after its last chunk of rights."""
    as_of = day.isoformat()
    spans = [(lo, hi) for lo, hi, _ in spans_of([(as_of, 0)], _snapshots(conn, kind))]
    groups = right_groups.groups_of_holders(conn, {holders for *_, holders in rights})
    _write_facts(
        conn,
        [
            (right_id, kind, category, lo, hi, state_id, as_of, *dates_of(dates, as_of), groups[holders])
            for right_id, category, state_id, dates, holders in rights
            for lo, hi in spans
        ],
        changes,
    )
    listed = [right_id for right_id, *_, holders in rights if groups[holders] == right_groups.LINKED]
    rebuild_holdings(conn, kind, listed, groups=False)


def _insert_facts(conn: Connection, fresh: Sequence[Fact]) -> None:
    """Right facts written with their holder group (ipdb.right_groups): no second write of the rows."""
    _write_facts(conn, right_groups.with_groups(conn, fresh, STATE))


def _write_facts(conn: Connection, rows: Sequence[Fact], changes: stock_changes.Changes | None = None) -> None:
    """Right fact rows, each with its holder group after the FACT_COLUMNS, and the stock changes they make
    (written now, or added to ``changes``)."""
    if rows:
        columns = (*FACT_COLUMNS, "holder_group")
        conn.exec_driver_sql(
            f"INSERT INTO right_fact ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows
        )
        if changes is None:
            stock_changes.apply(conn, rows)
        else:
            changes.add(rows)


def _snapshots(conn: Connection, kind: str) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT DISTINCT as_of FROM import_batch WHERE kind = ? AND snapshot = 1 ORDER BY as_of", (kind,)
    )
    return [d for (d,) in rows]


def _stored_facts(conn: Connection, kind: str, touched: bool) -> set[Fact]:
    columns = ", ".join(f"f.{c}" for c in FACT_COLUMNS)
    if touched:  # rights of this register (any caller's)
        source, only = of_ids("touched_right", "right_fact f")
        return set(map(tuple, conn.exec_driver_sql(f"SELECT {columns} FROM {source} WHERE {only}")))
    return set(map(tuple, conn.exec_driver_sql(f"SELECT {columns} FROM right_fact f WHERE f.kind = ?", (kind,))))


def _computed_facts(conn: Connection, kind: str, snapshots: list[str], touched: bool) -> Iterator[Fact]:
    for (right_id, category), observations, states in _observations(conn, kind, touched):
        yield from _facts_of(right_id, kind, category, spans_of(observations, snapshots), states)


def _facts_of(
    right_id: int, kind: str, category: str | None, spans: Iterable[Span], states: dict[int, StateDates]
) -> Iterator[Fact]:
    for lo, hi, run in spans:
        yield (right_id, kind, category, lo, hi, run.state_id, run.first, *dates_of(states[run.state_id], run.first))


def _spliced_facts(conn: Connection, kind: str, stored: set[Fact], day: str, snapshots: list[str]) -> Iterator[Fact]:
    """The facts of the touched rights after a change on ``day``: each right's stored facts away from it, and
    the spans its neighbouring observations give around it; a right whose stored facts do not fit its
    observations is recomputed from all of them."""
    by_right: dict[int, list[Fact]] = {}
    for fact in stored:
        by_right.setdefault(cast(int, fact[0]), []).append(fact)
    near = dict(near_observations(conn, day))
    unfit: list[int] = []
    for right_id in (i for (i,) in conn.exec_driver_sql("SELECT id FROM touched_right")):
        category, observed, states = near.get(right_id, (None, [], {}))
        try:
            kept, spans = splice(by_right.get(right_id, []), observed, day, snapshots)
        except Unspliceable:
            unfit.append(right_id)
            continue
        yield from kept
        yield from _facts_of(right_id, kind, category, spans, states)
    if unfit:
        temp_ids(conn, "touched_right", unfit)
        yield from _computed_facts(conn, kind, snapshots, True)


Near = tuple[str | None, list[Observed], dict[int, StateDates]]  # category, observations, their states' dates

_NEAR = """
SELECT n.id, r.category, o.as_of, o.state_id, s.status_class, s.filing_date, s.granted_on, s.ends_on
FROM (SELECT t.id,
             (SELECT MAX(p.as_of) FROM right_observation p WHERE p.right_id = t.id AND p.as_of < :day) AS before,
             (SELECT MIN(p.as_of) FROM right_observation p WHERE p.right_id = t.id AND p.as_of > :day) AS after
      FROM {table} t) n
JOIN "right" r ON r.id = n.id
JOIN right_observation o ON o.right_id = n.id AND (o.as_of = n.before OR o.as_of = :day OR o.as_of = n.after)
JOIN right_state s ON s.id = o.state_id
ORDER BY n.id, o.as_of
"""


def near_observations(conn: Connection, day: str, table: str = "touched_right") -> Iterator[tuple[int, Near]]:
    """For each right of the id table ``table``: its observation just before ``day``, on it and just after it
    (those that exist), with the dates of the states they name: all a change on that day needs to know of
    its history, however long that is."""
    rows = conn.execute(text(_NEAR.format(table=table)), {"day": day})
    for (right_id, category), group in groupby(rows, key=itemgetter(0, 1)):
        members = list(group)
        yield right_id, (category, [(m[2], m[3]) for m in members], {m[3]: tuple(m[4:]) for m in members})


def _observations(
    conn: Connection, kind: str, touched: bool
) -> Iterator[tuple[tuple[int, str | None], list[Observed], dict[int, StateDates]]]:
    """Each right's observations in date order, with the dates of the states they name (one pass)."""
    source, only = of_ids("touched_right", "right_observation o") if touched else ("right_observation o", "r.kind = ?")
    rows = conn.exec_driver_sql(
        "SELECT o.right_id, r.category, o.as_of, o.state_id, s.status_class, s.filing_date, s.granted_on, s.ends_on"
        f' FROM {source} JOIN "right" r ON r.id = o.right_id'
        f" JOIN right_state s ON s.id = o.state_id WHERE {only} ORDER BY o.right_id, o.as_of",
        () if touched else (kind,),
    )
    for key, group in groupby(rows, key=itemgetter(0, 1)):
        members = list(group)
        yield key, [(m[2], m[3]) for m in members], {m[3]: m[4:] for m in members}


def is_new_snapshot(conn: Connection, kind: str, day: date, batch_id: int) -> bool:
    """No other complete snapshot of the register has this date (a second file of the same snapshot
    cuts nothing the first did not)."""
    row = conn.exec_driver_sql(
        "SELECT 1 FROM import_batch WHERE kind = ? AND snapshot = 1 AND as_of = ? AND id <> ? LIMIT 1",
        (kind, day.isoformat(), batch_id),
    ).first()
    return row is None


def rights_spanning(conn: Connection, kind: str, day: date, *, besides: str | None = None) -> set[int]:
    """Rights whose facts span ``day``: the only ones a new snapshot of that date can change (those it
    does not list leave on it); every other right's facts do not depend on it (module docstring).
    ``besides``: an id table of rights to leave out (those the snapshot lists)."""
    unlisted = f"AND right_id NOT IN (SELECT id FROM {besides})" if besides else ""
    rows = conn.exec_driver_sql(
        f"SELECT right_id FROM right_fact WHERE kind = ? AND lo <= ? AND ? < hi {unlisted}",
        (kind, day.isoformat(), day.isoformat()),
    )
    return {r for (r,) in rows}


def rights_ending(conn: Connection, kind: str, day: date) -> set[int]:
    """Rights with a fact ending on ``day``: the only ones whose facts a snapshot of that date, taken away,
    can change besides those it observed (it ended them there)."""
    rows = conn.exec_driver_sql("SELECT right_id FROM right_fact WHERE kind = ? AND hi = ?", (kind, day.isoformat()))
    return {r for (r,) in rows}


def rights_by_kind(conn: Connection, rights: Collection[int]) -> dict[str, set[int]]:
    """These rights by register (``refresh_rights`` takes one register's rights at a time)."""
    if not rights:
        return {}
    temp_ids(conn, "kind_of_right", rights)
    found: dict[str, set[int]] = {}
    for kind, right_id in conn.exec_driver_sql(
        'SELECT kind, id FROM "right" WHERE id IN (SELECT id FROM kind_of_right)'
    ):
        found.setdefault(kind, set()).add(right_id)
    return found


def rebuild_holdings(conn: Connection, kind: str, rights: Rights = None, *, groups: bool = True) -> None:
    """Holding facts of a register: of every right, or only of ``rights`` (those whose facts or holders' links
    changed); with ``groups``, their facts' holder groups too (not needed for facts just written with them)."""
    if groups:
        right_groups.regroup(conn, kind, rights)
    if rights is None:
        conn.exec_driver_sql("DELETE FROM holding_fact WHERE kind = ?", (kind,))
        conn.execute(
            text(_HOLDINGS.format(facts="right_fact f", only="f.kind = :kind", order=_KEY_ORDER)), {"kind": kind}
        )
        return
    if not rights:
        return
    temp_ids(conn, "changed_right", rights)
    conn.exec_driver_sql("DELETE FROM holding_fact WHERE right_id IN (SELECT id FROM changed_right)")
    source, only = of_ids("changed_right", "right_fact f")
    conn.exec_driver_sql(_HOLDINGS.format(facts=source, only=only, order=""))  # rights of this register (any caller's)


def rights_held_by(conn: Connection, holders: Collection[int]) -> dict[str, set[int]]:
    """Rights, by register, whose facts name any of ``holders`` (their holding facts follow the holders' links)."""
    if not holders:
        return {}
    temp_ids(conn, "relinked_holder", holders)
    rows = conn.exec_driver_sql(
        "SELECT DISTINCT f.kind, f.right_id FROM relinked_holder h JOIN right_state_holder sh ON sh.holder_id = h.id"
        " JOIN right_fact f ON f.state_id = sh.state_id"
    )
    found: dict[str, set[int]] = {}
    for kind, right_id in rows:
        found.setdefault(kind, set()).add(right_id)
    return found


def refresh_companies(conn: Connection, companies: Collection[int] | None = None) -> None:
    """Company facts of ``companies`` (every enterprise when None) from their enterprise-list observations."""
    if companies is None:
        conn.exec_driver_sql("DELETE FROM company_fact")
        conn.exec_driver_sql(_COMPANIES.format(only=""))
        return
    temp_ids(conn, "touched_company", companies)
    only = "WHERE company_id IN (SELECT id FROM touched_company)"
    conn.exec_driver_sql(f"DELETE FROM company_fact {only}")
    conn.exec_driver_sql(_COMPANIES.format(only=only))


def rebuild_all(conn: Connection) -> None:
    """Every fact from the observations, as if no fact had been kept (a migration, a benchmark, the tests)."""
    refresh_companies(conn)
    for kind in REGISTER_KINDS:
        refresh_rights(conn, kind)
        rebuild_holdings(conn, kind)


# ---- rights that left the register -------------------------------------------------------------

# A condition on right_fact f: the fact holding :before (the day before the complete snapshot of :day) of a right
# that snapshot no longer lists. One fact per right, since a right's facts do not overlap; ``left_params`` fills it.
LEFT_WHERE = """
f.kind = :kind AND f.lo <= :before AND :before < f.hi
  AND EXISTS (SELECT 1 FROM right_observation o WHERE o.right_id = f.right_id AND o.as_of < :day)
  AND NOT EXISTS (SELECT 1 FROM right_observation o WHERE o.right_id = f.right_id AND o.as_of = :day)
"""


def left_rights(conn: Connection, kind: str, day: date) -> list[int]:
    """Rights in the register the day before the complete snapshot of ``day`` that it no longer lists."""
    sql = text(f"SELECT f.right_id FROM right_fact f WHERE {LEFT_WHERE}")
    return [r for (r,) in conn.execute(sql, left_params(kind, day))]


def left_params(kind: str, day: date) -> dict[str, str]:
    """The parameters of ``LEFT_WHERE``."""
    return {"kind": kind, "day": day.isoformat(), "before": (day - timedelta(days=1)).isoformat()}


def count_left(conn: Connection, kind: str, day: date) -> int:
    return len(left_rights(conn, kind, day))
