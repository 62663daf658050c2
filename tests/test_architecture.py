"""Habits that keep the code base in shape: layers import only downwards, the linter and the type checker pass."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ipdb"

# Each module's layer, lowest first; a module may import from its own layer and the layers below it only
# (values -> models/store -> importers/facts -> figures -> briefing -> cli). A new module gets a line here.
LAYERS: dict[str, tuple[str, ...]] = {
    "values": ("__init__", "errors", "catalogue", "values", "vocabulary", "kind_names", "periods", "windows", "xlsx_style", "files", "workspace"),
    "store": ("models", "store", "migrations", "reading", "settings", "journal", "sql", "right_groups", "stock_changes"),
    "importers": ("importers", "facts", "intervals", "linking", "history", "batches", "reject_workbook", "inbox", "templates", "undo"),
    "figures": ("figures",),
    "briefing": ("briefing", "quarterly"),
    "cli": ("cli", "__main__", "frames"),
}
ORDER = list(LAYERS)
# ipdb/__init__.py holds the version (read by every layer) and the lazy entry points of the Python API, so its own
# imports, made on first use of a name, are the one place allowed to reach up.
FACADE = PACKAGE / "__init__.py"


def _layer(module: str) -> str:
    """The layer of a dotted module name below ``ipdb`` (its first component decides)."""
    head = module.split(".")[0]
    for layer, heads in LAYERS.items():
        if head in heads:
            return layer
    raise AssertionError(f"ipdb.{module} has no layer: add it to LAYERS in tests/test_architecture.py")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def _imported(tree: ast.AST) -> set[str]:
    """Every ipdb module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("ipdb."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "ipdb":
                found.update(f"ipdb.{a.name}" if _is_module(a.name) else "ipdb.__init__" for a in node.names)
            elif node.module.startswith("ipdb."):
                found.add(node.module)
    return {name.removeprefix("ipdb.") for name in found}


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name).is_dir()


def _upward_imports() -> list[str]:
    wrong = []
    for path in sorted(set(PACKAGE.rglob("*.py")) - {FACADE}):
        module = _module_name(path)
        own = ORDER.index(_layer(module))
        for target in sorted(_imported(ast.parse(path.read_text(encoding="utf-8")))):
            if ORDER.index(_layer(target)) > own:
                wrong.append(f"ipdb.{module} ({_layer(module)}) imports ipdb.{target} ({_layer(target)})")
    return wrong


def test_no_module_imports_from_a_layer_above_it():
    assert _upward_imports() == []


def test_the_layer_check_sees_an_upward_import():
    tree = ast.parse("from ipdb.cli.render import x\nfrom ipdb import figures, __version__\nimport ipdb.values.dates\n")
    assert _imported(tree) == {"cli.render", "figures", "values.dates", "__init__"}
    assert ORDER.index(_layer("cli.render")) > ORDER.index(_layer("figures.headline")) > ORDER.index(_layer("values.dates"))


def _tool(name: str) -> Path:
    tool = Path(sys.executable).with_name(name)
    if not tool.exists():
        pytest.skip(f"{name} 未安装：pip install -e '.[test]' 会安装它")
    return tool


def test_the_code_tests_tools_and_benchmarks_pass_the_linter():
    result = subprocess.run(
        [str(_tool("ruff")), "check", "ipdb", "tests", "tools", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_the_package_and_benchmarks_are_formatted():
    result = subprocess.run(
        [str(_tool("ruff")), "format", "--check", "ipdb", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_the_package_passes_the_type_checker():
    # the settings ([tool.mypy] in pyproject.toml) name the files; the cache stays out of the repository
    result = subprocess.run(
        [str(_tool("mypy")), "--cache-dir", str(ROOT / "build" / "mypy_cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_every_package_of_ipdb_is_installed_by_a_plain_pip_install():
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = config["packages"]["find"]["include"]
    packages = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "ipdb").rglob("__init__.py")}
    assert "ipdb.figures" in packages
    unlisted = {p for p in packages if not any(fnmatch.fnmatch(p, pattern) for pattern in patterns)}
    assert unlisted == set()


def test_no_module_of_ipdb_over_400_lines_and_no_function_body_over_40():
    """Issue 8's habits: small modules named for what they hold, short functions (tools/sizes.py measures them)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import sizes
    finally:
        sys.path.remove(str(ROOT / "tools"))
    files = sorted((ROOT / "ipdb").rglob("*.py"))
    assert files
    long_modules = [f.name for f in files if len(f.read_text(encoding="utf-8").splitlines()) > sizes.MODULE_LIMIT]
    long_bodies = [name for f in files for name, n in sizes.bodies(f) if n > sizes.BODY_LIMITS[1]]
    assert (long_modules, long_bodies) == ([], [])
