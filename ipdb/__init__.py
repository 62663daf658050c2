"""ipdb: intellectual-property portfolio tracker for one district's enterprises.

``from ipdb import Store`` gives the Python API (ipdb/frames.py: figures and rankings as pandas DataFrames).
It is imported on first use, so that ``import ipdb`` and ``ipdb --help`` stay light.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Store", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from ipdb.frames import Store

        return Store
    raise AttributeError(f"module 'ipdb' has no attribute {name!r}")
