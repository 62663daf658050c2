"""Values converted without pydantic (ipdb.cli.coercion) are what Typer's own converter makes of them, and a value
that converter refuses is refused with its words: over every parameter of every command, on typical and
hostile values."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any, get_origin

import pytest
import typer
from typer._click import Context

from ipdb.cli import app
from ipdb.cli.coercion import _Light

SAMPLES: dict[Any, list[Any]] = {
    str: ["abc", "", "云溪区", " 2026Q3 ", "-x"],
    int: ["5", "0", "20", "-3", "x", "٥", "1_000", " 7", "7.0", 7, 0],
    float: ["1.5", "x", "2"],
    bool: [True, False],
    Path: ["/tmp", "", "no/such/dir/x.sqlite", Path("/tmp"), "."],
}


def _params() -> list[tuple[Any, Any]]:
    found: list[tuple[Any, Any]] = []

    def walk(command: Any) -> None:
        found.extend((command, p) for p in command.params if hasattr(p, "type_descriptor"))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    return found


def _samples(param: Any) -> list[Any]:
    annotation = param.type_descriptor.annotation
    if param.multiple or param.nargs == -1:
        return [None, ("a", "b"), (), ["甲=乙"]] if get_origin(annotation) is list else [None, ()]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        members = list(annotation)
        return [None, *members, *(m.value for m in members), "bogus", str(members[0].value).upper()]
    return [None, *SAMPLES.get(annotation, ["x"])]


def _outcome(convert: Any, value: Any) -> tuple[str, Any]:
    try:
        result = convert(value)
    except Exception as exc:  # the same refusal, word for word
        return type(exc).__name__, getattr(exc, "message", str(exc))
    return type(result).__name__, result


PARAMS = _params()


@pytest.mark.parametrize(("command", "param"), PARAMS, ids=[f"{c.name}:{p.name}" for c, p in PARAMS])
def test_a_value_converts_as_typer_converts_it(command, param):
    ctx = Context(command)
    typers = type(param).get_runtime_param(param)
    for value in _samples(param):
        ours = _outcome(lambda v: _Light(param).coerce(v, param=param, ctx=ctx), value)
        theirs = _outcome(lambda v: typers.coerce(v, param=param, ctx=ctx), value)
        assert ours == theirs, (param.name, value)


def test_every_kind_of_parameter_is_covered():
    kinds = {repr(p.type_descriptor.annotation) for _, p in PARAMS}
    assert {"<class 'str'>", "<class 'int'>", "<class 'pathlib.Path'>", "<class 'bool'>", "list[str]"} <= kinds
