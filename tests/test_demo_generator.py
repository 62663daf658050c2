"""The committed demo is what tools/make_demo.py generates: regenerating it changes no byte of any file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "imports" / "demo"


def test_regenerating_the_demo_reproduces_every_committed_file(tmp_path):
    out, facts = tmp_path / "demo", tmp_path / "demo_facts.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_demo.py"), "--out", str(out), "--facts", str(facts)],
                   check=True, capture_output=True)
    committed = sorted(p.name for p in COMMITTED.iterdir())
    assert sorted(p.name for p in out.iterdir()) == committed
    assert "导入说明.csv" in committed and "README.md" in committed
    differing = [name for name in committed if (out / name).read_bytes() != (COMMITTED / name).read_bytes()]
    assert differing == [], "请运行 python tools/make_demo.py 重新生成演示数据，不要手改 imports/demo"
    assert facts.read_bytes() == (ROOT / "tools" / "demo_facts.json").read_bytes()
