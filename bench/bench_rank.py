"""Benchmark: headline figures and invention-patent rankings at 1M patents (shared/PERFORMANCE.md §5).

Builds (once; reused while the size matches) a store of N patents held by M enterprises in 10 towns,
Zipf-distributed, written straight into the store's tables with sqlite3 executemany in one
transaction, then derives the fact tables with ipdb.facts. It then times, warm, the median of 5:

* ``headline.headline()``                             vs the same figures' SQL written by hand;
* ``rankings.rank('invention_patents', by='enterprise')`` vs a hand-written GROUP BY … LIMIT 20;
* ``rankings.rank('invention_patents', by='town')``   vs a hand-written town GROUP BY;

the hand-written SQL runs on a raw sqlite3 connection to the same file in the same run.
Targets: each under 1 s and within 1.5x of the hand-written query. Then the whole-process wall time
(interpreter start, imports, query, rendering; median of 5 after one warm-up), CPU and peak RSS of ``ipdb --help``,
``ipdb summary`` (``--as-of`` and ``--quarter``), ``ipdb rank 发明专利`` and ``ipdb rank 发明专利 --by town`` on the same store
(issue 13 targets: --help <= 0.15 s, the others <= 0.5 s), and of ``ipdb explain 发明专利`` (table, and ``-o`` a workbook)
and ``ipdb due --within 1y``, city-sized lists. Not a test; prints only.

    .venv/bin/python bench/bench_rank.py                     # 1,000,000 patents / 50,000 enterprises
    .venv/bin/python bench/bench_rank.py --patents 100000    # quick run
    .venv/bin/python bench/bench_rank.py --plans             # also print EXPLAIN QUERY PLAN
    .venv/bin/python bench/bench_rank.py --against /tmp/base # whole-process times beside another checkout's ipdb/
                                                             # (git archive <commit> ipdb | tar -x -C /tmp/base)
                                           --against-db FILE # ... reading its own copy of the store (older schema)

The indexes that make the as-of and period queries fast are declared in ipdb/models.py (RightFact).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ipdb import facts, stock_changes
from ipdb.figures import (
    district,
    due,
    due_rights,
    explain_sources,
    headline,
    holder_groups,
    predicates,
    query,
    rankings,
    registry,
)
from ipdb.periods import year_to_date
from ipdb.store import open_store
from ipdb.vocabulary import HOLDER_GROUP_ZH, holder_group

OUT = Path(__file__).resolve().parent / "out"
AS_OF = date(2026, 9, 30)
OBSERVED = "2026-09-30"
TOWNS = ("城东街道", "城西街道", "城南街道", "城北街道", "新城街道", "高新园区", "东湖镇", "西山镇", "南湖镇", "北塘镇")
INDUSTRIES = tuple(f"行业{i:02d}" for i in range(20))
CATEGORIES = (("1", "invention", 45), ("2", "utility", 42), ("3", "design", 13))  # §1 of PERFORMANCE.md
NON_ENTERPRISE_SHARE = 0.1  # universities and individuals: district totals only
CO_HELD_SHARE = 0.15
REPEATS = 5


def say(line: str) -> None:
    print(line)


# ---- building the store --------------------------------------------------------------------------


def build(path: Path, patents: int, companies: int, seed: int = 7) -> None:
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_store(path).close()  # the schema, exactly as ipdb creates it
    rng = random.Random(seed)
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    with conn:
        _batches(conn)
        _companies(conn, companies, rng)
        holders = _holders(conn, companies)
        _patents(conn, patents, holders, companies, rng)
        conn.execute("INSERT INTO setting (key, value) VALUES ('bench_size', ?)", (f"{patents}/{companies}",))
    conn.close()
    written = time.perf_counter()
    store = open_store(path)
    with store.atomic() as sa:
        facts.refresh_companies(sa)  # company facts first: the holdings are then built once, below
        facts.refresh_rights(sa, "patents")
    store.close()
    done = time.perf_counter()
    say(
        f"built {patents:,} patents / {companies:,} enterprises -> {path.name}: "
        f"tables {written - started:.1f} s, facts.rebuild_* {done - written:.1f} s"
    )


def _batches(conn: sqlite3.Connection) -> None:
    row = (
        "INSERT INTO import_batch (id, file_name, file_path, sha256, kind, sheets, as_of, as_of_source, snapshot,"
        " imported_at, rows, inserted, updated, unchanged, rejected, warnings, skipped, left, options)"
        " VALUES (?, ?, '', ?, ?, '', ?, 'option', 0, '2026-10-01 00:00:00', 0, 0, 0, 0, 0, 0, 0, 0, '')"
    )
    conn.execute(row, (1, "企业名录.xlsx", "bench-companies", "companies", "2026-06-30"))
    conn.execute(row, (2, "专利清单.xlsx", "bench-patents", "patents", OBSERVED))


def _companies(conn: sqlite3.Connection, n: int, rng: random.Random) -> None:
    town_weights = [1 / (k + 1) for k in range(len(TOWNS))]
    towns = rng.choices(TOWNS, weights=town_weights, k=n)
    ids = range(1, n + 1)
    conn.executemany("INSERT INTO company VALUES (?, ?, NULL, 1)", ((i, f"bench:{i}") for i in ids))
    conn.executemany(
        "INSERT INTO company_observation VALUES (?, ?, 1, '2026-06-30', ?, ?, ?, '')",
        ((i, i, _name(i), towns[i - 1], INDUSTRIES[i % len(INDUSTRIES)]) for i in ids),
    )
    conn.executemany(
        "INSERT INTO company_name VALUES (?, ?, ?, ?, 0)", ((i, i, _name(i), _name(i)) for i in range(1, n + 1))
    )


def _name(i: int) -> str:
    return f"云溪第{i}号科技有限公司"


def _holders(conn: sqlite3.Connection, companies: int) -> int:
    """Holders 1..companies are the enterprises; 2,000 more are universities and individuals."""
    conn.executemany(
        "INSERT INTO holder VALUES (?, ?, ?, NULL, ?, ?)",
        ((i, _name(i), _name(i), i, holder_group(_name(i))) for i in range(1, companies + 1)),
    )
    others = range(companies + 1, companies + 2001)
    conn.executemany(
        "INSERT INTO holder VALUES (?, ?, ?, NULL, NULL, ?)",
        ((i, f"个人{i}", f"个人{i}", holder_group(f"个人{i}")) for i in others),
    )
    return companies + 2000


def _patents(conn: sqlite3.Connection, n: int, holders: int, companies: int, rng: random.Random) -> None:
    zipf = list(itertools.accumulate(1 / (k**0.9) for k in range(1, companies + 1)))
    owners = iter(rng.choices(range(1, companies + 1), cum_weights=zipf, k=2 * n))
    rows = [_patent(i, rng, owners, companies, holders) for i in range(1, n + 1)]
    conn.executemany("INSERT INTO \"right\" VALUES (?, 'patents', ?, ?, ?)", (r[0] for r in rows))
    conn.executemany("INSERT INTO right_state VALUES (?, ?, NULL, ?, ?, ?, ?, ?, '')", (r[1] for r in rows))
    conn.executemany("INSERT INTO right_state_holder VALUES (?, ?, ?)", (h for r in rows for h in r[2]))
    conn.executemany(
        f"INSERT INTO right_observation (right_id, as_of, batch_id, state_id) VALUES (?, '{OBSERVED}', 2, ?)",
        ((i, i) for i in range(1, n + 1)),
    )


def _patent(i: int, rng: random.Random, owners: Iterator[int], companies: int, holders: int) -> tuple:
    digit, category, _ = rng.choices(CATEGORIES, weights=[c[2] for c in CATEGORIES])[0]
    filed = date(2000, 1, 1) + timedelta(days=rng.randrange(26 * 365 + 270))
    body = f"{filed.year}{digit}{i:07d}"
    status, granted, ends = _status(rng, filed)
    enterprise = rng.random() > NON_ENTERPRISE_SHARE
    first = next(owners) if enterprise else rng.randrange(companies + 1, holders + 1)
    links = [(i, 0, first)] + ([(i, 1, next(owners))] if rng.random() < CO_HELD_SHARE else [])
    links = list({h: (s, p, h) for s, p, h in links}.values())
    state = (i, f"s{i}", status, _class(status), filed.isoformat(), granted, ends)
    return (i, body, category, body), state, links


def _status(rng: random.Random, filed: date) -> tuple[str, str | None, str | None]:
    granted = filed + timedelta(days=rng.randrange(180, 1500))
    if granted > AS_OF or rng.random() < 0.08:
        return "实质审查", None, None
    roll = rng.random()
    if roll < 0.72:
        return "有效", granted.isoformat(), None
    lapse = granted + timedelta(days=rng.randrange(1, 3000))
    if lapse > AS_OF:
        return "有效", granted.isoformat(), None
    return "未缴年费专利权终止", granted.isoformat(), lapse.isoformat()


def _class(status: str) -> str:
    return {"有效": "in_force", "实质审查": "pending"}.get(status, "dead")


# ---- the hand-written queries ----------------------------------------------------------------------

D = AS_OF.isoformat()
START, END = f"{AS_OF.year}-01-01", D
CUTOFF = query.ten_year_cutoff(AS_OF).isoformat()
IN_FORCE = "f.lo <= :d AND :d < f.hi AND f.in_force_from <= :d AND (f.ends_on IS NULL OR f.ends_on > :d)"
SPECIAL = """SELECT r.id FROM "right" r WHERE r.kind = 'patents' AND r.key IN (
    SELECT patent_key FROM patent_award WHERE award_year <= :year AND award_name LIKE '中国专利%'
    UNION SELECT p.right_key FROM pledged_right p JOIN pledge_loan l ON l.id = p.loan_id
    WHERE l.registered_on <= :d GROUP BY p.right_key HAVING SUM(l.amount_yuan) >= :pledge_min)"""
HAND_HEADLINE = (  # every figure of the headline, as an expert would write it against the same tables
    f"SELECT COUNT(*), SUM(f.filing_date <= :cutoff), "
    f"SUM(f.filing_date <= :cutoff OR f.right_id IN ({SPECIAL})) "
    f"FROM right_fact f WHERE f.kind = 'patents' AND f.category = 'invention' AND {IN_FORCE}",
    f"SELECT f.category, COUNT(*) FROM right_fact f WHERE f.kind = 'patents' "
    f"AND f.category IN ('utility', 'design') AND {IN_FORCE} GROUP BY f.category",
    "SELECT f.category, COUNT(*) FROM right_fact f WHERE +f.kind = 'patents' AND f.lo <= :e AND :e < f.hi "
    "AND f.filing_date BETWEEN :s AND :e GROUP BY f.category",
    "SELECT category, SUM(n) FROM (SELECT f.category, COUNT(*) AS n FROM right_fact f WHERE f.kind = 'patents' "
    "AND f.category IN ('invention', 'utility', 'design') AND f.hi = '9999-12-31' AND f.lo <= :e "
    "AND f.granted_on BETWEEN :s AND :e GROUP BY f.category UNION ALL SELECT f.category, COUNT(*) FROM right_fact f "
    "WHERE f.kind = 'patents' AND f.category IN ('invention', 'utility', 'design') AND :e < f.hi "
    "AND f.hi < '9999-12-31' AND f.lo <= :e AND f.granted_on BETWEEN :s AND :e GROUP BY f.category) GROUP BY category",
    f"SELECT COUNT(*) FROM right_fact f WHERE f.kind = 'trademarks' AND {IN_FORCE}",
    f"SELECT COUNT(*) FROM right_fact f WHERE f.kind = 'madrid' AND {IN_FORCE}",
    "SELECT COUNT(DISTINCT mark_key) FROM well_known_mark WHERE recognized_on <= :d",
    "SELECT g.category, COUNT(DISTINCT COALESCE('c' || h.company_id, 'h' || h.id)) FROM designation g "
    "JOIN holder h ON h.id = g.holder_id WHERE g.designated_on <= :d "
    "AND (g.valid_until IS NULL OR g.valid_until >= :d) GROUP BY g.category",
    "SELECT COALESCE(SUM(l.amount_yuan), 0), COUNT(*), "
    "COUNT(DISTINCT COALESCE('c' || h.company_id, 'h' || h.id)) "
    "FROM pledge_loan l JOIN holder h ON h.id = l.holder_id WHERE l.registered_on BETWEEN :s AND :e",
    "SELECT program, COUNT(*) FROM project WHERE status_class = 'approved' AND approved_on BETWEEN :s AND :e "
    "GROUP BY program",
    "SELECT level, COUNT(*) FROM patent_award WHERE award_year = :year GROUP BY level",
    "SELECT COUNT(DISTINCT holder_id), SUM(amount_yuan) FROM fund_application WHERE dated_on BETWEEN :s AND :e",
    "SELECT COUNT(*) FROM trademark_case WHERE closed_on BETWEEN :s AND :e",
    "SELECT persons FROM population WHERE year = :year",
)
HAND_GROUPS = (  # the holder-group lines under 发明专利拥有量 (the briefing's overview, explain)
    "SELECT f.holder_group, COUNT(*) FROM right_fact f WHERE f.kind = 'patents' AND f.category = 'invention' "
    f"AND {IN_FORCE} GROUP BY f.holder_group"
)
HAND_ENTERPRISE = f"""
SELECT cf.name, t.n FROM (
    SELECT f.company_id, COUNT(*) AS n FROM holding_fact f
    WHERE f.kind = 'patents' AND f.category = 'invention' AND {IN_FORCE}
    GROUP BY f.company_id ORDER BY n DESC LIMIT 20) t
JOIN company_fact cf ON cf.company_id = t.company_id AND cf.lo <= :d AND :d < cf.hi
ORDER BY t.n DESC, cf.name
"""
HAND_TOWN = f"""
SELECT COALESCE(cf.town, '未注明') AS town, COUNT(DISTINCT f.right_id) AS n FROM holding_fact f
JOIN company_fact cf ON cf.company_id = f.company_id AND cf.lo <= :d AND :d < cf.hi
WHERE f.kind = 'patents' AND f.category = 'invention' AND {IN_FORCE}
GROUP BY town ORDER BY n DESC
"""
PARAMS = {"d": D, "s": START, "e": END, "cutoff": CUTOFF, "year": AS_OF.year, "pledge_min": None}


def hand(conn: sqlite3.Connection, sqls: tuple[str, ...]) -> list[list[tuple]]:
    return [conn.execute(sql, _params(sql)).fetchall() for sql in sqls]


def _params(sql: str, **extra: object) -> dict[str, object]:
    return {k: v for k, v in {**PARAMS, **extra}.items() if f":{k}" in sql}


# ---- timing ----------------------------------------------------------------------------------------


Run = Callable[[], object]


def paired_medians(ours: Run, theirs: Run) -> tuple[float, float, object, object]:
    """Median seconds of each side over REPEATS rounds, the two sides alternating within a round so that
    a busy neighbour on a shared machine slows both alike; one warm-up round first."""
    ours_result, theirs_result = ours(), theirs()
    ours_times, theirs_times = [], []
    for _ in range(REPEATS):
        for run, times in ((ours, ours_times), (theirs, theirs_times)):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
    return statistics.median(ours_times), statistics.median(theirs_times), ours_result, theirs_result


def report(label: str, ours: float, theirs: float) -> None:
    ratio = ours / theirs if theirs else float("inf")
    verdict = "OK" if ours < 1.0 and ratio <= 1.5 else "MISS"
    say(f"{label:<36} ipdb {ours * 1000:8.1f} ms   hand {theirs * 1000:8.1f} ms   ratio {ratio:5.2f}   {verdict}")


def show_plans(conn: sqlite3.Connection, store_sql: dict[str, str]) -> None:
    for label, sql in store_sql.items():
        say(f"\n-- EXPLAIN QUERY PLAN: {label}")
        extra = {
            "near_start": START,
            "near_end": END,
            "ref": END,
            "kind": "patents",
            "cat": "invention",
            "flo": START,
            "fhi": END,
        }
        params = _params(sql, top=20, name_d=D, start=START, end=END, **extra)
        for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params):
            say(f"    {row[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--patents", type=int, default=1_000_000)
    parser.add_argument("--companies", type=int, default=50_000)
    parser.add_argument("--rebuild", action="store_true", help="regenerate even if this size exists")
    parser.add_argument("--plans", action="store_true", help="print EXPLAIN QUERY PLAN of the queries")
    parser.add_argument(
        "--against",
        type=Path,
        help="a folder holding another version's ipdb/ package: "
        "whole-process times of both, alternating, and their ratio",
    )
    parser.add_argument(
        "--against-db",
        type=Path,
        help="the store the --against side reads (a copy at its older schema: an older ipdb refuses a newer file)",
    )
    parser.add_argument("--whole-only", action="store_true", help="only the whole-process times")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"bench_rank_{args.patents}.sqlite"
    if args.rebuild or not _has_size(path, f"{args.patents}/{args.companies}"):
        build(path, args.patents, args.companies)
    if not args.whole_only:
        measure(path, args.plans)
    whole_process(path, args.against, args.against_db)


# label, arguments, target (s; None where the issue sets none: explain should cost about the query listing its rights)
COMMANDS = (
    ("ipdb --help", ["--help"], 0.15),
    ("ipdb summary", ["summary", "--as-of", D], 0.5),
    ("ipdb summary --quarter 2026Q3", ["summary", "--quarter", "2026Q3"], 0.5),
    ("ipdb rank 发明专利", ["rank", "发明专利", "--as-of", D], 0.5),
    ("ipdb rank 发明专利 --by town", ["rank", "发明专利", "--by", "town", "--as-of", D], 0.5),
    ("ipdb explain 发明专利", ["explain", "发明专利", "--as-of", D], None),
    ("ipdb explain 发明专利 -o FILE.xlsx", ["explain", "发明专利", "--as-of", D, "-o", "explain_bench.xlsx"], None),
    ("ipdb due --within 1y", ["due", "--as-of", D, "--within", "1y"], None),
)


def whole_process(path: Path, against: Path | None = None, against_db: Path | None = None) -> None:
    """Median of REPEATS after one warm-up; with ``against``, that version's run alternates with this one's
    (on ``against_db`` if given, else on the same store)."""
    # each side's package comes first on PYTHONPATH, run from a folder holding none (``python -m`` puts the
    # working directory before PYTHONPATH: run from the checkout, the other side would time this one)
    here = Path(__file__).resolve().parents[1]
    sides = {"ipdb": here} if against is None else {"ipdb": here, "against": against.resolve()}
    stores = {"ipdb": path, "against": (against_db or path).resolve()}
    for label, args, target in COMMANDS:
        runs: dict[str, list[tuple[float, float, int]]] = {side: [] for side in sides}
        for _ in range(REPEATS + 1):
            for side, folder in sides.items():
                db = ["--db", str(stores[side])] if args != ["--help"] else []
                runs[side].append(_child([sys.executable, "-m", "ipdb", *args, *db], folder))
        ours, ours_cpu, ours_rss = _medians(runs["ipdb"])
        line = f"{label:<36} whole process {ours:6.3f} s, CPU {ours_cpu:6.3f} s, peak {ours_rss:4d} MiB"
        line += f"   (target <= {target} s)" if target is not None else ""
        if against is not None:
            theirs, theirs_cpu, theirs_rss = _medians(runs["against"])
            line += f"   against {theirs:6.3f} s, CPU {theirs_cpu:6.3f} s, peak {theirs_rss:4d} MiB"
            line += f"   ratio {ours / theirs:5.2f} (CPU {ours_cpu / theirs_cpu:5.2f})"
        say(line)
    say(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


# A child's peak RSS counts the memory of the process it was forked from (Linux keeps the high-water mark across
# exec): the command is forked from this small launcher, not from the benchmark (42 MiB), and its usage sent back.
LAUNCHER = """import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, used = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - started} {used.ru_utime + used.ru_stime} {used.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _child(command: list[str], package: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one run, its output discarded."""
    env = {**os.environ, "PYTHONPATH": str(package)}
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as usage:
        launched = [sys.executable, "-S", "-c", LAUNCHER, usage.name, *command]  # errors: a file, not a pipe
        status = subprocess.run(launched, stdout=subprocess.DEVNULL, stderr=errors, env=env, cwd=OUT).returncode
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed: {errors.read().decode()}")
        wall, cpu, peak = usage.read().split()
    return float(wall), float(cpu), int(peak) // 1024


def _medians(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """Medians of the runs after the warm-up."""
    kept = runs[1:]
    return tuple(statistics.median(run[i] for run in kept) for i in range(3))  # type: ignore[return-value]


def _has_size(path: Path, size: str) -> bool:
    if not path.exists():
        return False
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key = 'bench_size'").fetchone()
    return bool(row and row[0] == size)


def measure(path: Path, plans: bool) -> None:
    store = open_store(path)
    raw = sqlite3.connect(path)
    period = year_to_date(AS_OF)
    facts_n, holdings_n = raw.execute(
        "SELECT (SELECT COUNT(*) FROM right_fact), (SELECT COUNT(*) FROM holding_fact)"
    ).fetchone()
    say(f"store: {path.name}: right_fact {facts_n:,} rows, holding_fact {holdings_n:,} rows; D = {D}")

    def ranking(by: str) -> Run:
        return lambda: rankings.rank(store, "invention_patents", as_of=AS_OF, by=by)

    cases = (
        ("headline()", lambda: headline.headline(store, AS_OF, period), lambda: hand(raw, HAND_HEADLINE)),
        (
            "headline(holder_groups=True)",
            lambda: headline.headline(store, AS_OF, period, holder_groups=True),
            lambda: hand(raw, (*HAND_HEADLINE, HAND_GROUPS)),
        ),
        ("rank(invention_patents, enterprise)", ranking("enterprise"), lambda: hand(raw, (HAND_ENTERPRISE,))),
        ("rank(invention_patents, town)", ranking("town"), lambda: hand(raw, (HAND_TOWN,))),
    )
    for label, ours, theirs in cases:
        ours_s, theirs_s, ours_result, theirs_result = paired_medians(ours, theirs)
        report(label, ours_s, theirs_s)
        _check(label, ours_result, theirs_result)
    if plans:
        show_plans(raw, _plans())
    raw.close()
    store.close()


def _plans() -> dict[str, str]:
    source = registry.RANKED["invention_patents"].holders
    assert source is not None
    filings = f"{predicates.IN_REGISTER_AT_END} AND {predicates.FILED_IN_P}"
    return {
        "rank enterprise (ipdb)": rankings._ranked_sql(source, "enterprise").replace("IN :gids", "IN (NULL)"),
        "rank town (ipdb)": rankings._ranked_sql(source, "town").replace("IN :gids", "IN (NULL)"),
        "hand enterprise": HAND_ENTERPRISE,
        "hand town": HAND_TOWN,
        "stocks (ipdb)": stock_changes.STOCKS,
        "high-value, special patents (ipdb)": district.SPECIAL_IN_FORCE,
        "holder groups (ipdb)": holder_groups.BY_GROUP.format(
            where=f"{predicates.INVENTIONS} AND {predicates.IN_FORCE}"
        ),
        "patent_applications (ipdb)": district.PATENT_FLOW.format(where=filings),
        "patent_grants (ipdb)": district.PATENT_GRANTS,
        "explain patent_grants --near (ipdb)": explain_sources.near_sql(explain_sources.SOURCES["patent_grants"]),
        "due: patent terms (ipdb)": due_rights.RIGHTS_SQL.format(
            source="right_fact f", where=due.PATENT_TERM_WHERE, observed_on=due_rights.OBSERVED_ON
        ),
    }


def _check(label: str, ours: object, theirs: list[list[tuple]]) -> None:
    """The two sides must agree, or the timing means nothing."""
    if isinstance(ours, headline.Headline):
        inventions = theirs[0][0]
        expected: list[object] = [
            *inventions,
            inventions[0] + sum(n for _, n in theirs[1]),
            sum(n for _, n in theirs[3]),
        ]
        keys = (
            "invention_patents",
            "invention_patents_10y",
            "high_value_invention_patents",
            "patents_in_force",
            "patent_grants",
        )
        got: list[object] = [ours.get(k).value for k in keys]
        if len(theirs) > len(HAND_HEADLINE):  # and the holder groups
            expected.append({HOLDER_GROUP_ZH[code]: n for code, n in theirs[-1]})
            got.append(dict(ours.get("invention_patents").breakdown))
    else:
        expected = [n for _, n in theirs[0]][: len(ours.rows)]
        got = [r.value for r in ours.rows][: len(expected)]
    if got != expected:
        say(f"   !! {label}: ipdb {got} != hand {expected}")


if __name__ == "__main__":
    main()
