"""An import killed mid-write leaves the store whole; imports at the same time land or say the store is busy."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ROOT

BUSY = "另一个导入正在写入这个数据库，请等它完成后再试。"
HEADER = "案件编号,案件名称,当事人,案件类型,立案日期,结案日期,案值（万元）,罚没款（万元）\n"


def _cases(path: Path, rows: int, start: int = 0) -> Path:
    lines = (
        f"云市监立字〔2026〕{n:06d}号,第{n}号案件,云溪区甲{n % 500}商行,侵权假冒,2026-01-05,2026-03-01,{n % 97}.5,1.5\n"
        for n in range(start, start + rows)
    )
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _ipdb(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ipdb", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _state(db: Path) -> tuple[str, int, int]:
    with sqlite3.connect(db) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        batches = conn.execute("SELECT COUNT(*) FROM import_batch").fetchone()[0]
        cases = conn.execute("SELECT COUNT(*) FROM trademark_case").fetchone()[0]
    return integrity, batches, cases


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float, tuple[str, int, int]]:
    """A 20k-row file, how long a clean import of it takes, and the store it leaves."""
    folder = tmp_path_factory.mktemp("kill")
    path = _cases(folder / "案件_2026.csv", 20_000)
    db = folder / "clean.sqlite"
    _ipdb("config", "set", "district_name", "云溪区", "--db", str(db)).wait(timeout=60)
    started = time.perf_counter()
    assert _ipdb("import", str(path), "--db", str(db)).wait(timeout=120) == 0
    return path, time.perf_counter() - started, _state(db)


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9])
def test_an_import_killed_at_any_moment_leaves_the_store_whole(big, tmp_path, fraction):
    path, took, whole = big
    db = tmp_path / "ipdb.sqlite"
    _ipdb("config", "set", "district_name", "云溪区", "--db", str(db)).wait(timeout=60)
    before = _state(db)
    process = _ipdb("import", str(path), "--db", str(db))
    time.sleep(took * fraction)  # where it is then varies from run to run; what must hold does not
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    after = _state(db)
    assert after[0] == "ok"
    assert after in (before, whole)  # nothing, or the whole file: never half of it


def test_two_imports_and_a_summary_at_once_lose_and_double_nothing(tmp_path):
    db = tmp_path / "ipdb.sqlite"
    _ipdb("config", "set", "district_name", "云溪区", "--db", str(db)).wait(timeout=60)
    first = _cases(tmp_path / "案件_甲.csv", 8_000)
    second = _cases(tmp_path / "案件_乙.csv", 8_000, start=100_000)
    imports = [_ipdb("import", str(path), "--db", str(db)) for path in (first, second)]
    summary = _ipdb("summary", "--as-of", "2026-09-30", "--db", str(db))
    assert summary.wait(timeout=120) == 0, summary.stderr.read() if summary.stderr else ""
    landed = 0
    for process in imports:
        code = process.wait(timeout=120)
        output = (process.stdout.read() if process.stdout else "") + (process.stderr.read() if process.stderr else "")
        assert code in (0, 1) and "Traceback" not in output
        if code == 0:
            landed += 1
        else:
            assert BUSY in output
    integrity, batches, cases = _state(db)
    assert integrity == "ok" and batches == landed and cases == 8_000 * landed
