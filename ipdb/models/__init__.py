"""Every table of the store: ``from ipdb.models import X`` for any of them (the lists' tables are declared in
``ipdb.models.lists`` and named here too, so that importing this package registers every table).

Registers (patents, trademarks, Madrid registrations) are kept as observations:
``Right`` is the identity, ``RightState`` the content-addressed state an import
stated (shared by every import that repeats it), and ``RightObservation`` the
small reference "as of this date, this right was in this state". The ``*Fact``
tables are derived from them (see ``ipdb.facts``) so that figures at any date
are plain range queries; they are rebuilt after every import and never edited
by hand.

Dates are stored as ``date`` (ISO text in SQLite); money as integer 元 in
columns named ``*_yuan``; population as integer persons.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from ipdb.models.base import SQLModel, batch_field


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"

    id: int | None = Field(default=None, primary_key=True)
    file_name: str
    file_path: str
    sha256: str = Field(index=True)
    kind: str = Field(index=True)
    sheets: str = ""
    as_of: date
    as_of_source: str  # 'option' | 'title' | 'file_name' | 'quarter' | 'import_day'
    snapshot: bool = False
    covers_from: date | None = None  # a list of events: the period it covers (ipdb.importers.spans);
    covers_to: date | None = None  # none given: a register or list of stocks, covering any period up to as_of
    imported_at: datetime
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    warnings: int = 0
    skipped: int = 0
    left: int = 0
    options: str = ""  # the --set/--map given, so a batch can be traced and repeated


class RowIssue(SQLModel, table=True):
    __tablename__ = "row_issue"

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="import_batch.id", index=True, ondelete="CASCADE")
    severity: str  # 'reject' | 'warning'
    sheet: str
    row: int
    column: str
    value: str
    reason: str
    code: str = ""  # ipdb.catalogue
    cells: str = ""  # the whole row as JSON [[header, text], ...] in the file's column order (ipdb rejects -o)


class SupersededRow(SQLModel, table=True):
    """A row an import overwrote, kept as it was stored, so that undoing the import puts it back (ipdb.undo).

    ``prior_batch_id`` is the batch that wrote the row kept here (none for a table without batches, e.g. a
    holder whose credit code the import filled in); ``ref`` is the row's primary key and ``image`` every
    column in table order, both JSON of the stored values."""

    __tablename__ = "superseded_row"

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="import_batch.id", index=True, ondelete="CASCADE")
    table_name: str
    ref: str
    prior_batch_id: int | None = Field(default=None, index=True)
    image: str


class Company(SQLModel, table=True):
    """An enterprise of the district's enterprise list; keyed by credit code, else by name."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    credit_code: str | None = Field(default=None, unique=True)
    first_batch_id: int | None = Field(default=None, foreign_key="import_batch.id")


class CompanyObservation(SQLModel, table=True):
    __tablename__ = "company_observation"
    __table_args__ = (UniqueConstraint("company_id", "as_of"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    batch_id: int = batch_field()
    as_of: date
    name: str
    town: str | None = None
    industry: str | None = None
    former_names: str = ""  # as written, '；'-joined


class CompanyName(SQLModel, table=True):
    """Every name an enterprise has carried (current and 曾用名): each one links rights."""

    __tablename__ = "company_name"
    __table_args__ = (UniqueConstraint("company_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    name_key: str = Field(index=True)
    name: str
    is_former: bool = False


class Holder(SQLModel, table=True):
    """A party named in a register or list; linked to an enterprise when one matches exactly."""

    id: int | None = Field(default=None, primary_key=True)
    name_key: str = Field(unique=True)
    name: str
    credit_code: str | None = Field(default=None, index=True)
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    # the HOLDER_GROUP_ZH code its name alone gives (never 'listed': that follows company_id); see ipdb.right_groups
    name_group: str = Field(default="other", sa_column_kwargs={"server_default": "other"})


class Right(SQLModel, table=True):
    """A patent (kind 'patents'), trademark registration ('trademarks') or Madrid registration ('madrid')."""

    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    key: str  # patent: application number body; trademark: 'number/class'; madrid: IR number
    category: str | None = None  # patent: invention|utility|design; trademark: Nice class
    number: str  # display form, e.g. '201610311380.X'


class RightState(SQLModel, table=True):
    """What one import said of a right; a right observed again in the same state reuses its row (``digest``)."""

    __tablename__ = "right_state"

    id: int | None = Field(default=None, primary_key=True)
    digest: str  # of the content and holder ids; compared within one right's history only
    title: str | None = None
    status_raw: str | None = None
    status_class: str = "unknown"  # in_force | pending | dead | unknown
    filing_date: date | None = None
    granted_on: date | None = None  # grant / registration / international registration date
    ends_on: date | None = None  # first day no longer in force (exclusive), when the register gives it
    holders: str = ""  # display, '；'-joined in register order


class RightStateHolder(SQLModel, table=True):
    __tablename__ = "right_state_holder"

    state_id: int = Field(foreign_key="right_state.id", primary_key=True)
    position: int = Field(primary_key=True)
    holder_id: int = Field(foreign_key="holder.id", index=True)


class RightObservation(SQLModel, table=True):
    """As of ``as_of`` (the batch's as-of date) the right was in ``state_id``."""

    __tablename__ = "right_observation"
    __table_args__ = ({"sqlite_with_rowid": False},)

    right_id: int = Field(foreign_key="right.id", primary_key=True)
    as_of: date = Field(primary_key=True)
    batch_id: int = batch_field()
    state_id: int = Field(foreign_key="right_state.id")
    source_row: int | None = None  # the file's row (1-based, as the import report counts) that stated it
    # of the raw cells that stated it and their parse context, when the row had no problem (ipdb.importers.known)
    fingerprint: str | None = None


class RightFact(SQLModel, table=True):
    """Derived: the state a right is in for every D with lo <= D < hi (see ipdb.facts).

    Keyed by (right_id, lo) without a rowid: one right's facts are read and replaced through the table itself
    (an import refreshes only the rights it touches), and no separate per-right index is written."""

    __tablename__ = "right_fact"
    __table_args__ = (
        # hi before lo: for a recent D only the open spans are visited; the rest makes the stock counts
        # index-only. granted_on right after hi serves the grants in P: the open spans (hi = END_OF_TIME) are
        # one range on it, the closed ones after P's end a short scan (ipdb.figures.district.PATENT_GRANTS),
        # so no granted-led index is written. The filed-led one serves filings in P, the terms due and the
        # near misses by filing date. See bench/bench_rank.py --plans.
        Index(
            "ix_right_fact_kind",
            "kind",
            "category",
            "hi",
            "granted_on",
            "lo",
            "in_force_from",
            "ends_on",
            "filing_date",
            "holder_group",  # the breakdown by holder group of the rights in force, from the index alone
            "state_id",
            "right_id",
        ),
        Index("ix_right_fact_filed", "filing_date", "kind", "category", "lo", "hi"),
        {"sqlite_with_rowid": False},
    )

    right_id: int = Field(foreign_key="right.id", primary_key=True)
    lo: date = Field(primary_key=True)
    kind: str
    category: str | None = None
    hi: date
    state_id: int
    observed_on: date
    filing_date: date | None = None
    granted_on: date | None = None
    in_force_from: date | None = None
    ends_on: date | None = None
    # the HOLDER_GROUP_ZH code the right counts in while in this state (ipdb.right_groups keeps it)
    holder_group: str = Field(default="other", sa_column_kwargs={"server_default": "other"})


class HoldingFact(SQLModel, table=True):
    """Derived: RightFact rows repeated for each enterprise holding the right (every holder in full).

    Keyed by (right_id, lo, company_id) without a rowid, so that the facts of one right are found (and
    replaced, when its facts change) through the table itself, at the cost of no extra index."""

    __tablename__ = "holding_fact"
    __table_args__ = (
        Index(
            "ix_holding_fact_rank",
            "kind",
            "category",
            "company_id",
            "lo",
            "hi",
            "in_force_from",
            "ends_on",
            "filing_date",
            "co_held",  # a town or industry counts only these rows distinctly (ipdb.figures.rankings)
            "right_id",
        ),
        {"sqlite_with_rowid": False},
    )

    right_id: int = Field(primary_key=True)
    lo: date = Field(primary_key=True)
    company_id: int = Field(primary_key=True)
    kind: str
    category: str | None = None
    hi: date
    filing_date: date | None = None
    granted_on: date | None = None
    in_force_from: date | None = None
    ends_on: date | None = None
    # another enterprise holds the right in the same fact (same right_id, lo): only such rows can repeat a right
    # within a town or an industry
    co_held: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class StockChange(SQLModel, table=True):
    """Derived: how many rights of a register and type come into force (``in_force``) or reach 10 years
    (``ten_years``) on ``day``, net of those that leave it; a stock as of D sums the rows up to D (ipdb.stock_changes)."""

    __tablename__ = "stock_change"
    __table_args__ = ({"sqlite_with_rowid": False},)

    kind: str = Field(primary_key=True)
    category: str = Field(primary_key=True)  # '' for a register without types
    day: date = Field(primary_key=True)
    in_force: int
    ten_years: int


class CompanyFact(SQLModel, table=True):
    """Derived: an enterprise's name, town and industry for every D with lo <= D < hi."""

    __tablename__ = "company_fact"
    __table_args__ = (Index("ix_company_fact", "company_id", "lo", "hi"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int
    lo: date
    hi: date
    name: str
    town: str | None = None
    industry: str | None = None


class Population(SQLModel, table=True):
    """Resident population (常住人口) per year, configured by the office."""

    year: int = Field(primary_key=True)
    persons: int


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


# The lists imported beside the registers (one table per list kind); declared after the tables they reference.
from ipdb.models.lists import (  # noqa: E402
    Designation,
    FundApplication,
    PatentAward,
    PledgedRight,
    PledgeLoan,
    Project,
    TrademarkCase,
    WellKnownMark,
)

__all__ = [
    "Company",
    "CompanyFact",
    "CompanyName",
    "CompanyObservation",
    "Designation",
    "FundApplication",
    "Holder",
    "HoldingFact",
    "ImportBatch",
    "PatentAward",
    "PledgeLoan",
    "PledgedRight",
    "Population",
    "Project",
    "Right",
    "RightFact",
    "RightObservation",
    "RightState",
    "RightStateHolder",
    "RowIssue",
    "SQLModel",
    "Setting",
    "SupersededRow",
    "TrademarkCase",
    "WellKnownMark",
]
