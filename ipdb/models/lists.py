"""The tables of the lists (名单) imported beside the registers: well-known marks, designations, awards, projects,
pledge loans and their rights, fund applications, trademark cases. Each row names its party (``holder_id``) and the
batch that brought it (``batch_id``), with the row of its file that stated it (``source_row``: 1-based, as the import
report counts; None for rows imported before schema v10); money is integer 元 in ``*_yuan`` columns.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from ipdb.models.base import SQLModel, batch_field, occurrence_field


class WellKnownMark(SQLModel, table=True):
    __tablename__ = "well_known_mark"
    __table_args__ = (UniqueConstraint("mark_key", "recognized_on"),)

    id: int | None = Field(default=None, primary_key=True)
    mark_key: str  # registration number, else holder + mark name
    mark_name: str | None = None
    registration_no: str | None = None
    holder_id: int | None = Field(default=None, foreign_key="holder.id", index=True)
    recognized_on: date
    route: str | None = None
    batch_id: int = batch_field()
    source_row: int | None = None


class Designation(SQLModel, table=True):
    """示范企业 / 优势企业 / 贯标认证 and similar designations of an enterprise."""

    __table_args__ = (UniqueConstraint("holder_id", "category", "level", "designated_on", "occurrence"),)

    id: int | None = Field(default=None, primary_key=True)
    holder_id: int = Field(foreign_key="holder.id", index=True)
    category: str  # 'demo' | 'advantage' | 'standard' | other text as given
    level: str = "national"  # national | provincial | city | district
    designated_on: date
    valid_until: date | None = None  # last day of validity (inclusive)
    certificate_no: str | None = None
    occurrence: int = occurrence_field()
    batch_id: int = batch_field()
    source_row: int | None = None


class PatentAward(SQLModel, table=True):
    __tablename__ = "patent_award"
    __table_args__ = (UniqueConstraint("patent_key", "award_name", "award_year", "occurrence"),)

    id: int | None = Field(default=None, primary_key=True)
    patent_key: str
    patent_number: str
    title: str | None = None
    award_name: str = "中国专利奖"
    level: str  # gold | silver | excellence
    award_year: int
    session: str | None = None
    holders: str = ""
    holder_id: int | None = Field(default=None, foreign_key="holder.id", index=True)
    occurrence: int = occurrence_field()
    batch_id: int = batch_field()
    source_row: int | None = None


class Project(SQLModel, table=True):
    """Patent-navigation and high-value-portfolio projects."""

    __table_args__ = (UniqueConstraint("name_key", "approval_year", "occurrence"),)

    id: int | None = Field(default=None, primary_key=True)
    name_key: str
    name: str
    program: str  # navigation | high_value | other text as given
    nav_kind: str | None = None  # enterprise | industry | regional
    level: str | None = None
    holder_id: int | None = Field(default=None, foreign_key="holder.id", index=True)
    approval_year: int
    approved_on: date | None = None
    status_raw: str | None = None
    status_class: str = "unknown"  # approved | not_approved | unknown
    amount_yuan: int | None = None
    occurrence: int = occurrence_field()
    batch_id: int = batch_field()
    source_row: int | None = None


class PledgeLoan(SQLModel, table=True):
    __tablename__ = "pledge_loan"

    id: int | None = Field(default=None, primary_key=True)
    loan_key: str = Field(unique=True)  # registration number, else pledgor + date + amount + pledgee
    holder_id: int = Field(foreign_key="holder.id", index=True)
    pledgee: str | None = None
    amount_yuan: int
    registered_on: date = Field(index=True)
    registration_no: str | None = None
    term_start: date | None = None
    term_end: date | None = None
    collateral_kind: str | None = None
    collateral: str = ""  # as written
    batch_id: int = batch_field()
    source_row: int | None = None


class PledgedRight(SQLModel, table=True):
    __tablename__ = "pledged_right"

    loan_id: int = Field(foreign_key="pledge_loan.id", primary_key=True, ondelete="CASCADE")
    right_kind: str = Field(primary_key=True)  # the register: ipdb.vocabulary.PLEDGED_KINDS
    right_key: str = Field(primary_key=True)


class FundApplication(SQLModel, table=True):
    __tablename__ = "fund_application"
    __table_args__ = (UniqueConstraint("holder_id", "category", "dated_on", "occurrence"),)

    id: int | None = Field(default=None, primary_key=True)
    holder_id: int = Field(foreign_key="holder.id", index=True)
    category: str = ""
    amount_yuan: int
    dated_on: date
    occurrence: int = occurrence_field()
    year_only: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})  # dated_on is its year's end
    batch_id: int = batch_field()
    source_row: int | None = None


class TrademarkCase(SQLModel, table=True):
    __tablename__ = "trademark_case"

    id: int | None = Field(default=None, primary_key=True)
    case_key: str = Field(unique=True)
    case_no: str | None = None
    title: str | None = None
    party: str | None = None
    case_type: str | None = None
    opened_on: date | None = None
    closed_on: date | None = None
    value_yuan: int | None = None
    fine_yuan: int | None = None
    batch_id: int = batch_field()
    source_row: int | None = None
