"""Run mutated imports and check what must hold for each (issue 9, item 7).

For every variant: the command ends with exit 0 or 1 (never 70, never a signal), prints no traceback, says why
in Chinese when it fails, keeps ``rows = inserted + updated + unchanged + rejected`` for every imported file, and
leaves a store whose integrity check passes and whose contents are unchanged when the import failed.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.importers.pipeline import ImportOptions
from ipdb.inbox import import_inbox
from ipdb.store import open_store

from .mutations import mutate

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "imports" / "demo"
REALDATA = ROOT.parent / "shared" / "realdata"
SUFFIXES = (".xlsx", ".xls", ".csv")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Outcome:
    tried: int = 0
    held: int = 0
    failures: list[str] = field(default_factory=list)


def sources(include_realdata: bool = True) -> list[Path]:
    """The demo files, and the real exports when ../shared/realdata is present."""
    found = sorted(p for p in DEMO.iterdir() if p.suffix in SUFFIXES and p.name != "导入说明.csv")
    if include_realdata and REALDATA.is_dir():
        found += sorted(p for p in REALDATA.rglob("*") if p.suffix in SUFFIXES and p.stat().st_size < 5 << 20)
    return found


def base_store(folder: Path) -> Path:
    """A store holding the demo district, to copy for each variant."""
    path = folder / "base.sqlite"
    with open_store(path) as store:
        import_inbox(store, DEMO, ImportOptions())
    return path


def run(
    budget: int, seed: int, work: Path, *, include_realdata: bool = True, progress: Callable[[Outcome], None] | None = None
) -> Outcome:
    outcome = Outcome()
    base = base_store(work)
    files = sources(include_realdata)
    rng = random.Random(seed)
    for number in range(budget):
        source = rng.choice(files)
        variant = work / f"v{number}{source.suffix}"
        what = mutate(source, variant, rng)
        problem = check_variant(base, variant, work / f"v{number}.sqlite")
        outcome.tried += 1
        if problem:
            outcome.failures.append(f"#{number} {source.name} ({what}): {problem}")
        else:
            outcome.held += 1
        variant.unlink(missing_ok=True)
        if progress is not None and outcome.tried % 100 == 0:
            progress(outcome)
    return outcome


def check_variant(base: Path, variant: Path, db: Path) -> str | None:
    """Why this variant breaks a promise, or None."""
    shutil.copy(base, db)
    output = ""
    try:
        before = _contents(db)
        result = CliRunner().invoke(app, ["import", str(variant), "--db", str(db), "--format", "json"])
        output = result.output
        if result.exit_code not in (0, 1):
            return f"exit {result.exit_code}: {output[-300:]} {result.exception!r}"
        if "Traceback" in output or "panicked" in output:
            return f"traceback: {output[-300:]}"
        reports = json.loads(result.stdout)
        for problem in _report_problems(reports):
            return problem
        if _integrity(db) != "ok":
            return "integrity_check failed"
        if all(r["error"] or r["dry_run"] for r in reports) and _contents(db) != before:
            return "a failed import changed the store"
        return None
    except (ValueError, KeyError, sqlite3.DatabaseError) as exc:
        return f"unreadable output or store ({exc!r}): {output[-300:]}"
    finally:
        for leftover in db.parent.glob(db.name + "*"):
            leftover.unlink()


def _report_problems(reports: list[dict]) -> Iterator[str]:
    for report in reports:
        if report["error"]:
            if not CHINESE.search(report["error"]):
                yield f"error not in Chinese: {report['error']}"
        elif report["rows"] != report["inserted"] + report["updated"] + report["unchanged"] + report["rejected"]:
            yield f"rows {report['rows']} != inserted + updated + unchanged + rejected ({report})"


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _contents(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
