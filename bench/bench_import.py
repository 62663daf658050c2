"""Import benchmark (not a test): a generated 100k-row patent export, every figure a ratio from the same run.

Prints, on the same machine in one run (issue 13, "Benchmarks that tell the truth"):

* first import vs the floor: python-calamine reads the sheet and sqlite3 executemany inserts the same rows
  (one flat table, unique application number) in one transaction; in wall time, and in CPU time (steadier
  when other processes share the machine);
* the same first import into a store holding an enterprise list that names every generated owner, so that its
  holders link and it writes holding facts (the headline's holders link to none; ``--skip linked`` leaves it);
* eight quarterly complete snapshots of the unchanged export, and of a changing one (each quarter 2% status
  changes, 1% gone, 1% new), each vs the first import, and the eighth quarter vs the second;
* the same 100k import into a store already holding 1M patents (bench_rank.py's store, copied) vs into an
  empty store;
* peak RSS of a child process importing the 100k xlsx, and a 1M-row CSV (its VmHWM on Linux, else
  ``resource.getrusage``, whose ru_maxrss a child inherits from its parent).

Generated exports are cached in --out. Medians of --repeat runs; the two sides of a ratio alternate so that a
busy neighbour slows both alike. Nothing here asserts.

    .venv/bin/python bench/bench_import.py                       # everything (several minutes)
    .venv/bin/python bench/bench_import.py --skip quarters,big,memory   # first import vs floor only (+ linked)
    .venv/bin/python bench/bench_import.py --skip first,quarters,big    # peak memory only
    .venv/bin/python bench/bench_import.py --skip first,quarters,memory --rank-store COPY   # the 1M store only
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADERS = [
    "序号",
    "申请号",
    "专利名称",
    "专利类型",
    "申请日",
    "授权公告日",
    "法律状态",
    "专利权人",
    "IPC分类号",
    "地址",
]
TYPES = (("1", "发明", 0.45), ("2", "实用新型", 0.42), ("3", "外观设计", 0.13))
STATUSES = {"1": ("有效", "有效", "审中", "失效"), "2": ("有效", "有效", "失效"), "3": ("有效", "失效")}
WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)
QUARTERS = [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]
QUARTERS += [date(2027, 3, 31), date(2027, 6, 30), date(2027, 9, 30), date(2027, 12, 31)]
TOWNS = ("城东街道", "城西街道", "临港街道", "青山镇", "海澄镇")
INDUSTRIES = ("专用设备制造业", "软件和信息技术服务业", "医药制造业", "电气机械和器材制造业")
RANK_STORE = ROOT / "bench" / "out" / "bench_rank_1000000.sqlite"
CHILD = """
import resource, sys, time
from datetime import date
from pathlib import Path
sys.path.insert(0, {root!r})
from ipdb.importers.pipeline import ImportOptions, import_files
from ipdb.store import open_store
store = open_store(Path({db!r}))
(report,) = import_files(store, [Path({path!r})], ImportOptions(kind="patents", as_of=date(2026, 3, 31), snapshot=True))
store.close()
try:  # this process's own high-water mark: ru_maxrss would include the parent's, inherited across fork and exec
    kib = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except OSError:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(report.error or "", kib)
"""


def say(line: str) -> None:
    print(line, flush=True)


def check_char(body: str) -> str:
    r = sum(int(d) * WEIGHTS[i % 8] for i, d in enumerate(body)) % 11
    return "X" if r == 10 else str(r)


def owner_names(rng: random.Random) -> list[str]:
    return [f"云溪{rng.choice('智能精密数字生物新材海澄青山临港')}{i}科技有限公司" for i in range(5000)]


def generate_rows(n: int, seed: int = 7, first: int = 1) -> list[list[object]]:
    rng = random.Random(seed)
    owners = owner_names(rng)
    rows = []
    for i in range(first, first + n):
        digit, kind, _ = rng.choices(TYPES, weights=[t[2] for t in TYPES])[0]
        year = rng.randint(2005, 2025)
        body = f"{year}{digit}{i + 5_000_000:07d}"  # clear of bench_rank's numbers (i <= 1M)
        filed = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
        status = rng.choice(STATUSES[digit])
        granted = filed + timedelta(days=rng.randint(200, 900)) if status != "审中" else None
        holder = owners[min(int(rng.paretovariate(1.2)) - 1, len(owners) - 1)]
        if rng.random() < 0.15:
            holder += "；" + rng.choice(owners)
        rows.append(
            [i, f"{body}.{check_char(body)}", f"一种用于{kind}的装置{i}", kind, filed, granted, status, holder,
             "G06F 16/00", "浙江省杭州市云溪区某路1号"]
        )  # fmt: skip
    return rows


def next_quarter(rows: list[list[object]], quarter: int, total: int) -> list[list[object]]:
    """2% of the rows change status, 1% are gone, 1% are new (numbers never used before)."""
    rng = random.Random(1000 + quarter)
    kept = [list(r) for r in rows if rng.random() >= 0.01]
    for row in rng.sample(kept, len(kept) // 50):
        row[6] = "失效" if row[6] != "失效" else "有效"
    fresh = generate_rows(len(rows) // 100, seed=2000 + quarter, first=total + 1)
    return kept + fresh


def write_export(path: Path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("专利清单")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)


def cached(path: Path, make: object) -> Path:
    if not path.exists():
        started = time.perf_counter()
        make()  # type: ignore[operator]
        say(f"generated {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def exports(out: Path, n: int, quarters: int) -> list[Path]:
    """The first export and the changing exports of the following quarters."""
    rows = generate_rows(n)
    paths = [cached(out / f"patents_{n}.xlsx", lambda: write_export(out / f"patents_{n}.xlsx", rows))]
    total = n
    for quarter in range(1, quarters):
        rows = next_quarter(rows, quarter, total)
        total += n // 100
        path = out / f"patents_{n}_q{quarter + 1}.xlsx"
        paths.append(cached(path, lambda p=path, r=rows: write_export(p, r)))  # type: ignore[misc]
    return paths


def fresh(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def floor(path: Path, db: Path) -> float:
    """calamine read + sqlite3 executemany of the same rows, one transaction."""
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    rows = list(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows())[1:]
    conn = sqlite3.connect(fresh(db))
    conn.execute(
        "CREATE TABLE patent (id INTEGER PRIMARY KEY, seq, app_no TEXT UNIQUE, title, ptype, filed, granted,"
        " status, owners, ipc, address)"
    )
    with conn:
        conn.executemany(
            "INSERT INTO patent (seq, app_no, title, ptype, filed, granted, status, owners, ipc, address)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            [[str(v) if v != "" else None for v in r] for r in rows],
        )
    conn.close()
    return time.perf_counter() - start


def ipdb_import(path: Path, db: Path, as_of: date, snapshot: bool = True) -> float:
    from ipdb.importers.pipeline import ImportOptions, import_files
    from ipdb.store import open_store

    store = open_store(db)
    start = time.perf_counter()
    (report,) = import_files(store, [path], ImportOptions(kind="patents", as_of=as_of, snapshot=snapshot))
    elapsed = time.perf_counter() - start
    store.close()
    if report.error:
        sys.exit(report.error)
    return elapsed


def enterprise_list(out: Path) -> Path:
    """Every owner of the generated exports as the district's enterprise list (企业名录, with towns and
    industries), so that a patent import after it links its holders and writes their holding facts."""
    path = out / "enterprises_5000.csv"
    rng = random.Random(3)
    rows = [[name, rng.choice(TOWNS), rng.choice(INDUSTRIES)] for name in owner_names(random.Random(7))]
    return cached(path, lambda: write_csv(path, rows, headers=["企业名称", "所属街道", "行业"]))


def with_enterprises(db: Path, companies: Path) -> Path:
    from ipdb.importers.pipeline import ImportOptions, import_files
    from ipdb.store import open_store

    with open_store(fresh(db)) as store:
        (report,) = import_files(store, [companies], ImportOptions(kind="companies", as_of=QUARTERS[0]))
    if report.error:
        sys.exit(report.error)
    return db


def timed(walls: list[float], cpus: list[float], measure: Callable[..., float], *args: object) -> None:
    started = time.process_time()
    walls.append(measure(*args))
    cpus.append(time.process_time() - started)


def first_import(export: Path, out: Path, repeat: int, linked: bool) -> tuple[float, float]:
    """Wall time, the issue's figure; and the same ratio in this process's CPU time, which busy neighbours on a
    shared machine disturb far less (the import's side also opens and closes the store). ``linked``: also the
    same import into a store holding only the enterprise list, whose holding facts the headline never writes
    (the generated holders link to no enterprise there); the list's own import is not timed."""
    floors, firsts, floors_cpu, firsts_cpu, links, links_cpu = [], [], [], [], [], []
    companies = enterprise_list(out) if linked else None
    for run in range(repeat):
        timed(floors, floors_cpu, floor, export, out / "floor.sqlite")
        timed(firsts, firsts_cpu, ipdb_import, export, fresh(out / f"first{run}.sqlite"), QUARTERS[0])
        if companies is not None:
            linked_db = with_enterprises(out / f"linked{run}.sqlite", companies)
            timed(links, links_cpu, ipdb_import, export, linked_db, QUARTERS[0])
    f, i = statistics.median(floors), statistics.median(firsts)
    say(f"floor (calamine read + sqlite3 executemany): {f:.2f} s   (runs {_list(floors)})")
    say(f"first import: {i:.2f} s = {i / f:.2f}x the floor (target <= 2.5x, moonshot 1.5x)   (runs {_list(firsts)})")
    fc, ic = statistics.median(floors_cpu), statistics.median(firsts_cpu)
    say(f"   in CPU time: floor {fc:.2f} s, first import {ic:.2f} s = {ic / fc:.2f}x")
    if companies is not None:
        lw, lc = statistics.median(links), statistics.median(links_cpu)
        say(f"first import after the enterprise list ({_holding_facts(out / 'linked0.sqlite'):,} holding facts):"
            f" {lw:.2f} s = {lw / f:.2f}x the floor, CPU {lc:.2f} s = {lc / fc:.2f}x   (runs {_list(links)})")  # fmt: skip
    return i, ic


def _holding_facts(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM holding_fact").fetchone()[0])


def quarters(paths: list[Path], out: Path, first: tuple[float, float], label: str) -> None:
    """Q1 into a fresh store, then Q2..Q8 as complete snapshots, each timed in wall and in CPU time (``first``:
    the first import's median of each)."""
    db = fresh(out / f"quarters_{label}.sqlite")
    times, cpu = [], []
    for quarter, path in enumerate(paths):
        started = time.process_time()
        times.append(ipdb_import(path, db, QUARTERS[quarter]))
        cpu.append(time.process_time() - started)
    for name, seconds, base in (("", times, first[0]), ("   in CPU time: ", cpu, first[1])):
        ratios = ", ".join(f"{t / base:.2f}" for t in seconds[1:])
        say(f"{name or 're-imports, '}{label}: {_list(seconds[1:])} s; vs first import {ratios} (target <= 0.6)")
        say(f"   eighth quarter vs second: {seconds[-1] / seconds[1]:.2f} (target <= 1.10)")


def big_store(export: Path, out: Path, repeat: int, rank_store: Path) -> None:
    """The 100k export (not a snapshot) into a copy of the 1M-patent store vs into an empty store, in wall and in
    CPU time (the CPU side, like the first import's, also opens and closes the store)."""
    if not rank_store.exists():
        say(f"big store: skipped, {rank_store} missing (run bench/bench_rank.py first)")
        return
    from ipdb.store import open_store

    into_big, into_empty, big_cpu, empty_cpu = [], [], [], []
    for _ in range(repeat):
        copy = fresh(out / "big_copy.sqlite")
        shutil.copyfile(rank_store, copy)
        open_store(copy).close()  # an older schema's migration stays out of the CPU time
        empty = fresh(out / "empty_copy.sqlite")
        open_store(empty).close()  # so that both sides open a store of the current schema
        started = time.process_time()
        into_big.append(ipdb_import(export, copy, QUARTERS[0], snapshot=False))
        big_cpu.append(time.process_time() - started)
        started = time.process_time()
        into_empty.append(ipdb_import(export, empty, QUARTERS[0], snapshot=False))
        empty_cpu.append(time.process_time() - started)
    big, empty = statistics.median(into_big), statistics.median(into_empty)
    say(f"100k into a 1M-patent store: {big:.2f} s vs into an empty store {empty:.2f} s = {big / empty:.2f}x "
        f"(target <= 1.3x)   (runs {_list(into_big)} vs {_list(into_empty)})")  # fmt: skip
    big, empty = statistics.median(big_cpu), statistics.median(empty_cpu)
    say(
        f"   in CPU time: {big:.2f} s vs {empty:.2f} s = {big / empty:.2f}x   (runs {_list(big_cpu)} vs {_list(empty_cpu)})"
    )
    fresh(out / "big_copy.sqlite")
    fresh(out / "empty_copy.sqlite")


def peak_rss(path: Path, db: Path) -> float:
    """MiB: the peak resident set of a child process importing ``path`` into a fresh store."""
    code = CHILD.format(root=str(ROOT), db=str(fresh(db)), path=str(path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    error, kib = done.stdout.strip().rsplit(" ", 1) if " " in done.stdout.strip() else ("", done.stdout.strip())
    if error:
        sys.exit(error)
    return int(kib) / 1024


def memory(export: Path, out: Path, rows: int) -> None:
    big_csv = out / f"patents_{rows * 10}.csv"
    cached(big_csv, lambda: write_csv(big_csv, generate_rows(rows * 10, seed=11)))
    xlsx = peak_rss(export, out / "rss.sqlite")
    say(f"peak RSS, {rows:,}-row xlsx: {xlsx:.0f} MiB (target <= 300)")
    csv_rss = peak_rss(big_csv, out / "rss.sqlite")
    say(f"peak RSS, {rows * 10:,}-row CSV: {csv_rss:.0f} MiB (target <= 1024)")
    fresh(out / "rss.sqlite")


def write_csv(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--skip", default="", help="comma-separated: first, linked, quarters, big, memory")
    parser.add_argument("--rank-store", type=Path, default=RANK_STORE, help="the 1M-patent store to copy (read only)")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    args.out.mkdir(parents=True, exist_ok=True)
    paths = exports(args.out, args.rows, args.quarters if "quarters" not in skip else 1)
    say(f"rows: {args.rows:,}")
    first = first_import(paths[0], args.out, args.repeat, "linked" not in skip) if "first" not in skip else None
    if first is None and "quarters" not in skip:
        say("quarters: skipped (their ratios need the first import)")
    elif first is not None and "quarters" not in skip:
        quarters([paths[0]] * args.quarters, args.out, first, "unchanged export")
        quarters(paths, args.out, first, "changing export (2% status, 1% gone, 1% new)")
    if "big" not in skip:
        big_store(paths[0], args.out, args.repeat, args.rank_store)
    if "memory" not in skip:
        memory(paths[0], args.out, args.rows)


if __name__ == "__main__":
    main()
