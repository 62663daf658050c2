"""Modules loaded only when something uses them: the start-up of ``ipdb --help`` and of the reading commands.

* ``when_imported(name, then)``: run ``then(module)`` as soon as ``name`` is imported, by whoever imports it.
  Typer imports its help module (``typer.rich_utils``, and with it most of Rich) only to show help or an
  error; its words are set to Chinese at that moment (ipdb.cli.chinese) instead of importing it up front, so
  a command that shows neither never loads it.
* ``defer(name, *names)``: until something uses them, ``name`` stands in the module table as a module whose
  ``names`` load the real one when called (any other attribute loads it at once). Typer's help module imports
  Rich's Markdown renderer (markdown-it and Pygments, about a third of ``ipdb --help``'s imports) for help
  written in Markdown; ipdb writes its help in Rich markup and never calls it.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any


def when_imported(name: str, then: Callable[[types.ModuleType], None]) -> None:
    """``then(module)`` once ``name`` is imported (now, if it already is)."""
    if name in sys.modules:
        then(sys.modules[name])
        return
    sys.meta_path.insert(0, _AfterImport(name, then))


class _AfterImport(importlib.abc.MetaPathFinder):
    def __init__(self, name: str, then: Callable[[types.ModuleType], None]) -> None:
        self.name, self.then = name, then

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # found once, by the finders after it
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _Then(spec.loader, self.then)
        return spec


class _Then(importlib.abc.Loader):
    def __init__(self, loader: Any, then: Callable[[types.ModuleType], None]) -> None:
        self.loader, self.then = loader, then

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        self.loader.exec_module(module)
        self.then(module)


def defer(name: str, *names: str) -> None:
    """Let ``name`` be imported for real only when one of ``names`` is used or another attribute is read."""
    if name in sys.modules:
        return
    stand_in = sys.modules[name] = _StandIn(name, names)
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:  # ``import rich.markdown`` then ``rich.markdown.X`` finds it too
        setattr(sys.modules[parent], child, stand_in)


class _StandIn(types.ModuleType):
    def __init__(self, name: str, names: Sequence[str]) -> None:
        super().__init__(name)
        for each in names:
            setattr(self, each, _Deferred(self, each))

    def __getattr__(self, attribute: str) -> Any:  # what the stand-in does not hold: the real module's
        if attribute.startswith("__"):  # the import system asking (``__path__``): not a use
            raise AttributeError(attribute)
        return getattr(self.real(), attribute)

    def real(self) -> types.ModuleType:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)


class _Deferred:
    """One name of a stand-in: called, or asked for an attribute, it is the real module's."""

    def __init__(self, stand_in: _StandIn, attribute: str) -> None:
        self._stand_in, self._attribute = stand_in, attribute

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._real()(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)

    def __or__(self, other: Any) -> Any:  # ``Markdown | Text`` in an annotation evaluated at import
        return self

    __ror__ = __or__

    def _real(self) -> Any:
        return getattr(self._stand_in.real(), self._attribute)
