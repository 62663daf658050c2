"""SQL tests shared by the district figures, the rankings, the portfolios and the briefing's lists.

Each is a fragment over a ``right_fact`` / ``holding_fact`` row aliased ``f`` (or the alias it names),
binding the parameters of ``ipdb.figures.query.Query``.
"""

from __future__ import annotations

# Part I "In force on D".
IN_FORCE = "f.lo <= :d AND :d < f.hi AND f.in_force_from <= :d AND (f.ends_on IS NULL OR f.ends_on > :d)"
# Flows of a register: the right as the register stands at the period's end.
IN_REGISTER_AT_END = "f.lo <= :end AND :end < f.hi"
IN_P = "BETWEEN :start AND :end"
# What a register figure counts: invention patents; patents of the three types (Part I metrics table).
INVENTIONS = "f.kind = 'patents' AND f.category = 'invention'"
PATENTS = "f.kind = 'patents' AND f.category IN ('invention', 'utility', 'design')"
TEN_YEARS = "f.filing_date <= :cutoff"  # §4.4: the 10th anniversary of filing on or before D
FILED_IN_P = f"f.filing_date {IN_P}"
GRANTED_IN_P = f"f.granted_on {IN_P}"
# Inventions granted in P, as the register stands at P's end (the briefing's 当季新增发明授权 and its list).
INVENTIONS_GRANTED = f"f.kind = 'patents' AND f.category = 'invention' AND {IN_REGISTER_AT_END} AND f.granted_on {IN_P}"
# One enterprise per linked company; an unlinked party (holder h) counts as itself.
PARTY = "COALESCE('c' || h.company_id, 'h' || h.id)"
# §5.3 / §4.3 criterion 5: China Patent Award (incl. 中国外观设计奖); national S&T awards for high value.
CHINA_AWARD = "(a.award_name LIKE '中国专利%' OR a.award_name LIKE '中国外观设计%')"
HIGH_VALUE_AWARD = f"({CHINA_AWARD} OR a.award_name LIKE '国家%科学技术%奖%' OR a.award_name LIKE '国家%科技%奖%')"

# Patents (right ids) meeting §4.3 criterion 4 (pledged for at least :pledge_min 元 in all, loans registered
# on or before D, each counted in full) or criterion 5 (an award in or before D's year); criterion 3 (10 years)
# is tested on the row. Criteria 1 and 2 have no data: never evaluated.
SPECIAL_PATENTS = f"""
SELECT r.id FROM "right" r WHERE r.kind = 'patents' AND r.key IN (
    SELECT a.patent_key FROM patent_award a WHERE a.award_year <= :year AND {HIGH_VALUE_AWARD}
    UNION
    SELECT p.right_key FROM pledged_right p JOIN pledge_loan l ON l.id = p.loan_id
    WHERE p.right_kind = 'patents' AND l.registered_on <= :d
    GROUP BY p.right_key HAVING SUM(l.amount_yuan) >= :pledge_min)
"""
HIGH_VALUE = f"(f.filing_date <= :cutoff OR f.right_id IN ({SPECIAL_PATENTS}))"

# Lists of one party (holder h) in P.
PLEDGED = "FROM pledge_loan l JOIN holder h ON h.id = l.holder_id"
PLEDGED_IN_P = f"l.registered_on {IN_P}"
PLEDGES_IN_P = f"{PLEDGED} WHERE {PLEDGED_IN_P}"
RIGHTS_PLEDGED = "(SELECT COUNT(*) FROM pledged_right p WHERE p.loan_id = l.id)"  # of loan l
# Lists: well-known marks recognised by D; a designation (:category, :level or NULL for any) held on D (designated
# on or before D, within its validity where given); cases closed in P.
RECOGNIZED = "recognized_on <= :d"
DESIGNATED = """g.category = :category AND (:level IS NULL OR g.level = :level)
    AND g.designated_on <= :d AND (g.valid_until IS NULL OR g.valid_until >= :d)"""
DESIGNATIONS_HELD = f"FROM designation g JOIN holder h ON h.id = g.holder_id WHERE {DESIGNATED}"
CLOSED_IN_P = f"closed_on {IN_P}"
# Records dated only by their year count in a P that holds the whole year or is its year to date (Part I), never in
# a quarter or a month: the bounds :yf..:yl come from ipdb.figures.query.whole_years.
FUND_IN_P = (
    "CASE WHEN a.year_only = 1 THEN a.dated_on BETWEEN :yf_end AND :yl_end ELSE a.dated_on BETWEEN :start AND :end END"
)
FUNDS_IN_P = f"FROM fund_application a JOIN holder h ON h.id = a.holder_id WHERE {FUND_IN_P}"
# Projects approved in P; a project with only a year, by that rule.
APPROVED_IN_P = """status_class = 'approved' AND CASE WHEN approved_on IS NOT NULL
    THEN approved_on BETWEEN :start AND :end ELSE approval_year BETWEEN :yf AND :yl END"""
AWARD_IN_P = "a.award_year BETWEEN :yf AND :yl"
AWARDED_IN_P = f"{AWARD_IN_P} AND {CHINA_AWARD}"  # China Patent Awards of a year in P
# Year-only records of a year P touches: counted (含年度数据) and left out by the rule (另有年度数据N项未按季度计入).
YEAR_ONLY_COUNTED = {
    "funds": "SELECT COUNT(*) FROM fund_application a WHERE a.year_only = 1 AND a.dated_on BETWEEN :yf_end AND :yl_end",
    "projects": "SELECT COUNT(*) FROM project WHERE status_class = 'approved' AND approved_on IS NULL "
    "AND program = :program AND approval_year BETWEEN :yf AND :yl",
}
YEAR_ONLY_LEFT_OUT = {
    "funds": "SELECT COUNT(*) FROM fund_application a WHERE a.year_only = 1 AND a.dated_on BETWEEN :y0_end AND :y1_end "
    "AND NOT (a.dated_on BETWEEN :yf_end AND :yl_end)",
    "projects": "SELECT COUNT(*) FROM project WHERE status_class = 'approved' AND approved_on IS NULL "
    "AND program = :program AND approval_year BETWEEN :y0 AND :y1 AND NOT (approval_year BETWEEN :yf AND :yl)",
    "awards": f"SELECT COUNT(*) FROM patent_award a WHERE {CHINA_AWARD} AND a.award_year BETWEEN :y0 AND :y1 "
    "AND NOT (a.award_year BETWEEN :yf AND :yl)",
}
