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
and ``company_fact`` does the same for enterprise-list observations. Facts are
rebuilt wholesale after each import; order of imports cannot matter because
nothing here depends on it.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

_SPANS = """
WITH snaps AS (
    SELECT DISTINCT as_of FROM import_batch WHERE kind = :kind AND snapshot = 1
),
obs AS (
    SELECT o.right_id, o.as_of, o.state_id, r.kind, r.category,
           LAG(o.state_id) OVER w AS prev_state, LAG(o.as_of) OVER w AS prev_as_of
    FROM right_observation o JOIN "right" r ON r.id = o.right_id
    WHERE r.kind = :kind
    WINDOW w AS (PARTITION BY o.right_id ORDER BY o.as_of)
),
marked AS (
    -- a run of equal states starts at the first observation, at a change of state,
    -- and after a complete snapshot that did not list the right (it left, then came back)
    SELECT *, CASE WHEN prev_as_of IS NULL OR state_id != prev_state
                     OR EXISTS (SELECT 1 FROM snaps s WHERE s.as_of > obs.prev_as_of AND s.as_of < obs.as_of)
                   THEN 1 ELSE 0 END AS starts
    FROM obs
),
numbered AS (
    SELECT *, SUM(starts) OVER (PARTITION BY right_id ORDER BY as_of) AS run FROM marked
),
runs AS (
    SELECT right_id, kind, category, run, state_id, MIN(as_of) AS first_as_of, MAX(as_of) AS last_as_of
    FROM numbered GROUP BY right_id, run
),
bounded AS (
    SELECT *, LEAD(first_as_of) OVER (PARTITION BY right_id ORDER BY run) AS next_first,
           (SELECT MIN(s.as_of) FROM snaps s WHERE s.as_of > runs.last_as_of) AS cut,
           (SELECT MIN(s.as_of) FROM snaps s) AS first_snapshot
    FROM runs
),
spans AS (
    -- before its first observation a right's earliest state decides, until the first complete snapshot
    SELECT right_id, kind, category, state_id, first_as_of AS as_of,
           CASE WHEN run = 1 AND (first_snapshot IS NULL OR first_snapshot >= first_as_of)
                THEN '0001-01-01' ELSE first_as_of END AS lo,
           MIN(COALESCE(next_first, '9999-12-31'), COALESCE(cut, '9999-12-31')) AS hi
    FROM bounded
    UNION ALL
    SELECT right_id, kind, category, state_id, first_as_of, '0001-01-01', first_snapshot
    FROM bounded WHERE run = 1 AND first_snapshot < first_as_of
)
INSERT INTO right_fact (right_id, kind, category, lo, hi, state_id, observed_on,
                        filing_date, granted_on, in_force_from, ends_on)
SELECT sp.right_id, sp.kind, sp.category, sp.lo, sp.hi, sp.state_id, sp.as_of,
       st.filing_date, st.granted_on,
       CASE WHEN st.status_class = 'pending' THEN NULL
            ELSE COALESCE(st.granted_on, CASE WHEN st.status_class = 'in_force' THEN sp.as_of END) END,
       COALESCE(st.ends_on, CASE WHEN st.status_class = 'dead' THEN sp.as_of END)
FROM spans sp JOIN right_state st ON st.id = sp.state_id
WHERE sp.lo < sp.hi
"""

_HOLDINGS = """
INSERT INTO holding_fact (company_id, right_id, kind, category, lo, hi,
                          filing_date, granted_on, in_force_from, ends_on)
SELECT DISTINCT h.company_id, f.right_id, f.kind, f.category, f.lo, f.hi,
       f.filing_date, f.granted_on, f.in_force_from, f.ends_on
FROM right_fact f
JOIN right_state_holder sh ON sh.state_id = f.state_id
JOIN holder h ON h.id = sh.holder_id
WHERE h.company_id IS NOT NULL AND f.kind = :kind
"""

_COMPANIES = """
WITH obs AS (
    SELECT company_id, as_of, name, town, industry,
           LEAD(as_of) OVER (PARTITION BY company_id ORDER BY as_of) AS next_as_of,
           ROW_NUMBER() OVER (PARTITION BY company_id ORDER BY as_of) AS n
    FROM company_observation
)
INSERT INTO company_fact (company_id, lo, hi, name, town, industry)
SELECT company_id, CASE WHEN n = 1 THEN '0001-01-01' ELSE as_of END,
       COALESCE(next_as_of, '9999-12-31'), name, town, industry
FROM obs
"""

REGISTER_KINDS = ("patents", "trademarks", "madrid")


def rebuild_rights(conn: Connection, kind: str) -> None:
    """Rebuild right and holding facts of one register (``kind`` is the import kind)."""
    conn.execute(text("DELETE FROM right_fact WHERE kind = :kind"), {"kind": kind})
    conn.execute(text(_SPANS), {"kind": kind})
    rebuild_holdings(conn, kind)


def rebuild_holdings(conn: Connection, kind: str) -> None:
    conn.execute(text("DELETE FROM holding_fact WHERE kind = :kind"), {"kind": kind})
    conn.execute(text(_HOLDINGS), {"kind": kind})


def rebuild_companies(conn: Connection) -> None:
    conn.execute(text("DELETE FROM company_fact"))
    conn.execute(text(_COMPANIES))
    for kind in REGISTER_KINDS:
        rebuild_holdings(conn, kind)


def relink_holders(conn: Connection) -> None:
    """Link holders to enterprises: credit code, then current name, then former name; never fuzzy."""
    conn.execute(text("""
        UPDATE holder SET company_id = COALESCE(
            (SELECT c.id FROM company c WHERE c.credit_code = holder.credit_code),
            (SELECT MIN(n.company_id) FROM company_name n
              WHERE n.name_key = holder.name_key AND n.is_former = 0
              HAVING COUNT(DISTINCT n.company_id) = 1),
            (SELECT MIN(n.company_id) FROM company_name n
              WHERE n.name_key = holder.name_key AND n.is_former = 1
              HAVING COUNT(DISTINCT n.company_id) = 1))
    """))
