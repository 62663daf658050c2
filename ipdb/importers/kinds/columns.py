"""Columns several kinds declare alike: the holder, the credit code, an amount of money."""

from __future__ import annotations

from ipdb.importers.kinds.common import parse_holders
from ipdb.importers.spec import Column
from ipdb.values.credit_codes import parse_credit_code
from ipdb.values.money import parse_money

HOLDER_EXAMPLE = "云溪智能装备有限公司"


def holders_column(field: str, header: str, aliases: tuple[str, ...], *, required: bool = False) -> Column:
    """Who holds the right or takes part: one or more names, the first one linked to a holder."""
    return Column(field, header, aliases, parse_holders, required=required, example=HOLDER_EXAMPLE)


def credit_code_column(aliases: tuple[str, ...] = ("信用代码",), *, example: str = "") -> Column:
    return Column("credit_code", "统一社会信用代码", aliases, parse_credit_code, infer=True, example=example)


def money_column(
    field: str, header: str, aliases: tuple[str, ...], *, required: bool = False, example: str = ""
) -> Column:
    """An amount in yuan; a unit in the header (万元) scales it."""
    return Column(field, header, aliases, parse_money, required=required, money=True, example=example)
