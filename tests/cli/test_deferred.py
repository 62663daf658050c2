"""Modules loaded only when used (ipdb.cli.deferred): what keeps Typer's help module and Rich's Markdown
renderer out of the reading commands' and ``--help``'s start-up."""

from __future__ import annotations

import sys

import pytest

from ipdb.cli.deferred import defer, when_imported

MODULE = """
import pathlib
pathlib.Path({marker!r}).write_text("loaded")
def double(x):
    return 2 * x
class Box:
    size = 3
"""


@pytest.fixture
def probe(tmp_path, monkeypatch):
    """A module of its own on the path that leaves a marker file when it is really imported."""
    name = f"deferred_probe_{tmp_path.name.replace('-', '_')}"
    marker = tmp_path / "marker"
    (tmp_path / f"{name}.py").write_text(MODULE.format(marker=str(marker)), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name, marker
    sys.modules.pop(name, None)


def test_a_deferred_module_loads_when_a_name_is_called(probe):
    name, marker = probe
    defer(name, "double", "Box")
    module = __import__(name, fromlist=["double", "Box"])  # as ``from probe import double, Box`` does
    double, box = module.double, module.Box
    assert not marker.exists()  # imported by name, not loaded
    assert double(21) == 42 and marker.exists()
    assert box.size == 3
    assert sys.modules[name].double(1) == 2  # the real module has taken its place


def test_another_attribute_loads_it_at_once(probe):
    name, marker = probe
    defer(name, "double")
    assert __import__(name).Box.size == 3 and marker.exists()


def test_when_imported_runs_after_the_import_by_whoever_imports(probe):
    name, _ = probe
    seen = []
    when_imported(name, lambda module: seen.append(module.double(2)))
    assert seen == []
    __import__(name)
    assert seen == [4]
    when_imported(name, lambda module: seen.append(module.Box.size))  # already imported: at once
    assert seen == [4, 3]
