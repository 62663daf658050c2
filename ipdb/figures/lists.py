"""The lists a report prints beside its figures: the period's pledge loans and its granted inventions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from ipdb.figures.numbers import wan
from ipdb.figures.predicates import INVENTIONS_GRANTED, PLEDGES_IN_P, RIGHTS_PLEDGED
from ipdb.figures.query import lines
from ipdb.periods import Period


@dataclass(frozen=True)
class LoanLine:
    pledgor: str
    pledgee: str | None
    amount_wan: float
    registered_on: date
    registration_no: str | None
    rights: int


@dataclass(frozen=True)
class GrantLine:
    number: str
    title: str | None
    holders: str
    filing_date: date | None
    granted_on: date


def loans_in(conn: Connection, period: Period) -> tuple[LoanLine, ...]:
    """Every pledge loan registered in the period, with the number of rights it pledges."""
    sql = (
        f"SELECT h.name, l.pledgee, l.amount_yuan, l.registered_on, l.registration_no, {RIGHTS_PLEDGED} "
        f"{PLEDGES_IN_P} ORDER BY l.registered_on, l.registration_no, l.id"
    )
    return lines(conn, sql, _bounds(period), _loan)


def _loan(pledgor: str, pledgee: str | None, yuan: int, on: str, reg_no: str | None, rights: int) -> LoanLine:
    return LoanLine(pledgor, pledgee, wan(yuan), date.fromisoformat(on), reg_no, int(rights))


def inventions_granted_in(conn: Connection, period: Period) -> tuple[GrantLine, ...]:
    """Inventions granted in the period that a listed enterprise holds (the register at the period's end)."""
    sql = (
        "SELECT r.number, st.title, st.holders, f.filing_date, f.granted_on FROM right_fact f "
        'JOIN "right" r ON r.id = f.right_id JOIN right_state st ON st.id = f.state_id '
        f"WHERE {INVENTIONS_GRANTED} AND EXISTS (SELECT 1 FROM holding_fact h WHERE h.right_id = f.right_id "
        "AND h.kind = 'patents' AND h.lo <= :end AND :end < h.hi) ORDER BY f.granted_on, r.number"
    )  # EXISTS: one seek on holding_fact's key per right granted, not a list of every holding of the register
    return lines(conn, sql, _bounds(period), _grant)


def _grant(number: str, title: str | None, holders: str, filed: str | None, granted: str) -> GrantLine:
    return GrantLine(number, title, holders, date.fromisoformat(filed) if filed else None, date.fromisoformat(granted))


def _bounds(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}
