"""python -m tests.fuzz [--budget N] [--seed S] [--no-realdata]: mutate the demo (and real) files, import each
variant, and print how many were tried, held and failed, with every failure. Exit 1 when any failed."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--budget", type=int, default=2000, help="variants to try")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--no-realdata", action="store_true", help="mutate the demo files only")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support
    from tests.fuzz.harness import run

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        outcome = run(args.budget, args.seed, Path(work), include_realdata=not args.no_realdata, progress=_progress)
    seconds = time.perf_counter() - started
    for failure in outcome.failures:
        print(failure)  # noqa: T201
    print(  # noqa: T201
        f"variants tried {outcome.tried}, held {outcome.held}, failed {len(outcome.failures)} "
        f"(seed {args.seed}, {seconds:.0f} s)"
    )
    return 1 if outcome.failures else 0


def _progress(outcome) -> None:  # type: ignore[no-untyped-def]
    print(f"… {outcome.tried} tried, {len(outcome.failures)} failed", file=sys.stderr, flush=True)  # noqa: T201


if __name__ == "__main__":
    sys.exit(main())
