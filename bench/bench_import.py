"""Import benchmark (not a test): a generated 100k-row patent export, timed against the raw floor.

The floor, measured in the same run on the same file: python-calamine reads the sheet, and sqlite3
executemany inserts the same rows (one flat table with a unique application number) in one transaction.
Then the same export is imported as four quarterly complete snapshots, and the database growth after
the first import is reported (issue: it must stay under half of what the first import took).

    .venv/bin/python bench/bench_import.py [--rows 100000] [--out bench/out]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

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


def check_char(body: str) -> str:
    r = sum(int(d) * WEIGHTS[i % 8] for i, d in enumerate(body)) % 11
    return "X" if r == 10 else str(r)


def generate_rows(n: int, seed: int = 7) -> list[list[object]]:
    rng = random.Random(seed)
    owners = [f"云溪{rng.choice('智能精密数字生物新材海澄青山临港')}{i}科技有限公司" for i in range(5000)]
    rows = []
    for i in range(n):
        digit, kind, _ = rng.choices(TYPES, weights=[t[2] for t in TYPES])[0]
        year = rng.randint(2005, 2025)
        body = f"{year}{digit}{i + 1:07d}"
        filed = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
        status = rng.choice(STATUSES[digit])
        granted = filed + timedelta(days=rng.randint(200, 900)) if status != "审中" else None
        holder = owners[min(int(rng.paretovariate(1.2)) - 1, len(owners) - 1)]
        if rng.random() < 0.15:
            holder += "；" + rng.choice(owners)
        rows.append(
            [
                i + 1,
                f"{body}.{check_char(body)}",
                f"一种用于{kind}的装置{i}",
                kind,
                filed,
                granted,
                status,
                holder,
                "G06F 16/00",
                "浙江省杭州市云溪区某路1号",
            ]
        )
    return rows


def write_export(path: Path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("专利清单")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)


def floor(path: Path, db: Path) -> float:
    """calamine read + sqlite3 executemany of the same rows, one transaction."""
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    rows = list(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows())[1:]
    conn = sqlite3.connect(db)
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


def db_size(db: Path) -> int:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    export = args.out / f"patents_{args.rows}.xlsx"
    if not export.exists():
        started = time.perf_counter()
        write_export(export, generate_rows(args.rows))
        print(f"generated {export} in {time.perf_counter() - started:.1f} s")
    floors, imports = [], []
    for run in range(args.repeat):
        for name in (f"floor{run}.sqlite", f"ipdb{run}.sqlite"):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{args.out / name}{suffix}").unlink(missing_ok=True)
        floors.append(floor(export, args.out / f"floor{run}.sqlite"))
        imports.append(ipdb_import(export, args.out / f"ipdb{run}.sqlite", date(2026, 3, 31)))
    f, i = statistics.median(floors), statistics.median(imports)
    print(f"rows: {args.rows:,}")
    print(f"floor (calamine read + sqlite3 executemany): {f:.2f} s")
    print(f"ipdb import (parse, link, observe, facts):   {i:.2f} s  ratio {i / f:.2f}x (target <= 3x)")
    growth(args.out / "ipdb0.sqlite", export)


def growth(db: Path, export: Path) -> None:
    """Import the same export as three more quarterly snapshots and report how much the file grew."""
    empty = args_empty_size(db.parent)
    first = db_size(db)
    times = []
    for as_of in (date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)):
        times.append(ipdb_import(export, db, as_of))
    after = db_size(db)
    taken = first - empty
    print(
        f"storage: first snapshot {taken / 2**20:.1f} MiB; three more quarterly snapshots of the same export "
        f"added {(after - first) / 2**20:.1f} MiB = {(after - first) / taken:.0%} of the first "
        f"(re-import times {', '.join(f'{t:.2f}' for t in times)} s)"
    )


def args_empty_size(folder: Path) -> int:
    from ipdb.store import open_store

    empty = folder / "empty.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{empty}{suffix}").unlink(missing_ok=True)
    open_store(empty).close()
    return db_size(empty)


if __name__ == "__main__":
    main()
