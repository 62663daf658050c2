"""The base class of every table."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import Table
from sqlmodel import SQLModel as _SQLModel


class SQLModel(_SQLModel):
    """SQLModel with the ``__table__`` that SQLAlchemy sets on every table class declared, so mypy knows it."""

    __table__: ClassVar[Table]
