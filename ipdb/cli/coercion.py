"""Command-line values converted without pydantic where Typer's own result is plain: a reading command's start-up.

Typer (0.29) converts every value through a pydantic TypeAdapter built on first use, so every command paid for
importing pydantic (about 55 ms, a tenth of ``ipdb rank``'s whole run at a million patents) to turn text into
the text, flag, choice, path or whole number it already was. ``light`` gives a parameter a converter that does what Typer
does for those cases with Typer's own functions (``coerce_cli_choice``, ``coerce_cli_path``), and hands
anything else to Typer's converter: a number with a fraction, an integer out of its range, a value it cannot convert (so the error
message is Typer's, word for word). tests/cli/test_coercion.py holds the two equal over every parameter.
"""

from __future__ import annotations

import re
import types
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

try:  # Typer's internals: without them (another Typer), every value goes through Typer's own converter
    from typer import _param_types
except ImportError:  # pragma: no cover
    _param_types = None  # type: ignore[assignment]

DIGITS = re.compile(r"[0-9]+")


class _Pass(Exception):
    """Not a plain case: Typer's converter decides."""


def light(param: Any) -> None:
    """Convert ``param``'s values without pydantic where the case is plain (module docstring)."""
    needed = ("coerce_cli_choice", "coerce_cli_path")
    if _param_types is None or not all(hasattr(_param_types, n) for n in needed):
        return
    if not hasattr(param, "get_runtime_param") or not hasattr(param, "type_descriptor"):
        return
    param.get_runtime_param = types.MethodType(_runtime_param, param)


def _runtime_param(param: Any) -> Any:
    return _Light(param)


class _Light:
    def __init__(self, param: Any) -> None:
        self.param = param

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return _plain(value, param, ctx)
        except _Pass:
            return type(param).get_runtime_param(param).coerce(value, param=param, ctx=ctx)


def _plain(value: Any, param: Any, ctx: Any) -> Any:
    descriptor = param.type_descriptor
    info, annotation = descriptor.parameter_info, descriptor.annotation
    if getattr(info, "parser", None) is not None or descriptor.file_annotation is not None:
        raise _Pass
    many = param.multiple or param.nargs == -1
    if value is None:
        return () if many else None
    if many:
        if get_origin(annotation) is list and get_args(annotation) == (str,) and isinstance(value, (list, tuple)):
            if all(isinstance(v, str) for v in value):
                return list(value)
        raise _Pass
    return _one(value, annotation, info, param, ctx)


def _one(value: Any, annotation: Any, info: Any, param: Any, ctx: Any) -> Any:
    if annotation is str and isinstance(value, str):
        return value
    if annotation is bool and isinstance(value, bool):
        return value
    if annotation is int and not info.clamp:
        number = (
            value if type(value) is int else int(value) if isinstance(value, str) and DIGITS.fullmatch(value) else None
        )
        if number is not None and (info.min is None or number >= info.min) and (info.max is None or number <= info.max):
            return number
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        try:
            return _param_types.coerce_cli_choice(
                value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx
            )
        except ValueError:
            raise _Pass from None
    if annotation is Path and info.path_type is None and isinstance(value, (str, Path)) and str(value):
        return _param_types.coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    raise _Pass
