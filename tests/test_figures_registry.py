"""One definition per metric: the registry in ipdb/figures/registry.py is the only place a metric's name, unit,
kind and 口径 are written, and every consumer (headline, rankings, summary JSON, briefing) reads it from there."""

from __future__ import annotations

import ast
from pathlib import Path

from ipdb.figures import registry
from ipdb.figures.registry import DISTRICT, METRICS, METRICS_BY_KEY, RANKED

PACKAGE = Path(__file__).resolve().parents[1] / "ipdb"
REGISTRY = PACKAGE / "figures" / "registry.py"


def _literals(path: Path) -> set[str]:
    """Every string constant of a module (parts of f-strings included)."""
    return {
        n.value
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


# The layers that show figures. Below them the same words may name something else: a spreadsheet kind
# (马德里国际商标 is also the register's name) or a stored award (中国专利奖).
CONSUMERS = ("figures", "briefing", "cli", "quarterly", "frames")


def _written_elsewhere(texts: set[str]) -> list[str]:
    return sorted(
        f"{path.relative_to(PACKAGE)}: {text}"
        for path in PACKAGE.rglob("*.py")
        if path != REGISTRY and path.relative_to(PACKAGE).parts[0].removesuffix(".py").split("_")[0] in CONSUMERS
        for text in _literals(path) & texts
    )


def test_every_metric_has_one_key():
    assert len(METRICS_BY_KEY) == len(METRICS)
    assert all(m.kind in ("stock", "flow") for m in METRICS)
    assert all(m.district is not None or m.holders is not None for m in METRICS)


def test_no_module_but_the_registry_writes_a_metric_name_or_definition():
    texts = {m.name for m in METRICS} | {m.short_name for m in METRICS} | {m.definition for m in METRICS}
    assert _written_elsewhere(texts) == []


def test_the_check_sees_a_name_written_twice(tmp_path):
    copy = tmp_path / "copy.py"
    copy.write_text('LABEL = "发明专利拥有量"\nOTHER = f"{x}中国驰名商标"\n', encoding="utf-8")
    assert "发明专利拥有量" in _literals(copy)
    assert "中国驰名商标" in _literals(copy)


def test_no_module_but_the_registry_declares_a_metric_table():
    declared = [
        f"{path.relative_to(PACKAGE)}: {target.id}"
        for path in PACKAGE.rglob("*.py")
        if path != REGISTRY
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id in ("METRICS", "METRICS_BY_KEY", "SOURCE_KINDS")
    ]
    assert declared == []


def test_the_headline_and_the_rankings_read_the_registry(store):
    from datetime import date

    from ipdb.figures.headline import headline
    from ipdb.figures.rankings import rank
    from ipdb.periods import year_to_date

    d = date(2026, 9, 30)
    h = headline(store, d, year_to_date(d))
    assert [(f.key, f.name, f.kind, f.unit) for f in h.figures] == [(m.key, m.name, m.kind, m.unit) for m in DISTRICT]
    for metric in RANKED.values():
        r = rank(store, metric.key, as_of=d)
        assert (r.metric, r.name, r.unit) == (metric.key, metric.name, metric.unit)
        assert (r.period is None) == (metric.kind == "stock")


def test_every_import_kind_a_metric_names_exists():
    from ipdb.importers import KINDS

    assert {k for m in registry.METRICS for k in m.sources} <= set(KINDS)
