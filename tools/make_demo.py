#!/usr/bin/env python3
"""Generate the demo district 云溪区 (imports/demo/) and its ground truth (tools/demo_facts.json).

The demo is what a newcomer sees first: a folder of spreadsheets as a district
市场监督管理局 IP office receives them (Chinese headers, title rows, 合计 and
note rows, mixed date forms, full-width characters, a renamed enterprise, a few
deliberately bad rows), small enough to read by eye.

Everything is generated from an internal model (tools/demo/model*.py: enterprises,
patents with one "view" per export, trademarks, programmes, loans ...) by the
writers (tools/demo/writers*.py, readme.py), every committed file of imports/demo
included. The headline figures in demo_facts.json are computed from that model
by tools/demo/oracle.py following Part I of /work/shared/domain.md - never by
reading the written files back. The fixed tables are in tools/demo/data.py.

Deterministic: fixed seed, fixed workbook timestamps, fixed zip entry times.
Running it twice gives byte-identical files (tests/test_demo.py regenerates and compares).
No dependency on the ipdb package.

Usage:  python tools/make_demo.py [--out DIR] [--facts FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tools/demo is imported as the package demo

from demo.data import MANIFEST, MANIFEST_NAME
from demo.model import Demo
from demo.oracle import build_facts, check_identifiers
from demo.readme import write_manifest, write_readme
from demo.writers import Writer

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "imports" / "demo"
DEFAULT_FACTS = ROOT / "tools" / "demo_facts.json"
BUILD_ORDER = ("enterprises", "patents", "legacy", "trademarks", "madrid", "wellknown", "honours", "awards",
               "projects", "loans", "funds", "cases")  # the random draws happen in this order
WRITE_ORDER = ("enterprise_list:Q2", "enterprise_list:Q3", "patent_list:Q2", "patent_list:Q3", "legacy_xls",
               "trademark_list", "madrid_list", "wellknown_list", "honours", "awards", "projects", "pledges", "funds",
               "cases")


def build() -> Demo:
    demo = Demo()
    for part in BUILD_ORDER:
        getattr(demo, f"build_{part}")()
    check_identifiers(demo)
    return demo


def write(demo: Demo, out: Path, facts_path: Path) -> None:
    writer = Writer(demo, out)
    for step in WRITE_ORDER:
        method, _, export = step.partition(":")
        getattr(writer, method)(*([export] if export else []))
    facts = build_facts(demo)
    write_readme(demo, out, facts)
    write_manifest(out)
    facts_path.write_text(json.dumps(facts, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    written = {p.name for p in out.iterdir()} - {"README.md", MANIFEST_NAME}
    assert written == {name for name, *_ in MANIFEST}, "导入说明.csv must list every written file"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--facts", type=Path, default=DEFAULT_FACTS)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    args.facts.parent.mkdir(parents=True, exist_ok=True)
    write(build(), args.out, args.facts)
    total = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"wrote {len(list(args.out.iterdir()))} files to {args.out} ({total / 1024:.0f} KiB), facts to {args.facts}")


if __name__ == "__main__":
    main()
