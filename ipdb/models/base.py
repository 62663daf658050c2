"""The base class of every table, and the columns every list table declares alike."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Table
from sqlmodel import Field
from sqlmodel import SQLModel as _SQLModel


class SQLModel(_SQLModel):
    """SQLModel with the ``__table__`` that SQLAlchemy sets on every table class declared, so mypy knows it."""

    __table__: ClassVar[Table]


def batch_field() -> Any:
    """``batch_id``: the import batch that wrote the row."""
    return Field(foreign_key="import_batch.id")


def occurrence_field() -> Any:
    """``occurrence``: the n-th row (from 0) of one file with the row's natural key (ipdb/importers/events.py)."""
    return Field(default=0, sa_column_kwargs={"server_default": "0"})
