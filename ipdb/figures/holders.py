"""Where a ranking's rows come from: one row per (enterprise, item) credited to it (domain.md Part I
"Enterprise figures credit every holder in full")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """The tables, the test and the expressions a ranking groups; ``amount`` is summed instead of counting."""

    tables: str
    where: str
    company: str  # SQL expression: the enterprise (company id) credited
    item: str  # SQL expression: the thing counted (right, loan, mark)
    amount: str | None = None  # summed instead of counting items (money, in 元)
    unique: bool = True  # one row per (enterprise, item) already: COUNT(*) suffices per enterprise
    # the rows of one enterprise are one index range (kind, category, company_id): a town or industry ranking is
    # driven by the enterprises as of D instead of joining each row to its enterprise (ipdb.figures.rankings)
    company_led: bool = False
    # SQL test of a row whose item another enterprise is credited with too: a town or industry counts only those
    # rows distinctly, the others hold an item no other row holds; None counts every row distinctly. Sound only
    # while ``where`` keeps one fact per right (lo <= D < hi, or the same at P's end), as every holding test does.
    shared: str | None = None


def holdings(kind: str, where: str, category: str | None = None, scan: bool = False) -> Source:
    """Rights of one register credited to every enterprise holder. ``scan``: the test reads a column
    ix_holding_fact_rank lacks (granted_on), so ``+f.kind`` makes one table scan instead of an index
    hit plus a row fetch per holding (shared/PERFORMANCE.md §5)."""
    category_test = f" AND f.category = '{category}'" if category else ""
    kind_test = f"{'+' if scan else ''}f.kind = '{kind}'"
    where = f"{kind_test}{category_test} AND {where}"
    return Source(
        "holding_fact f",
        where,
        "f.company_id",
        "f.right_id",
        company_led=bool(category) and not scan,
        shared="f.co_held",
    )


def by_holder(table: str, where: str, item: str, amount: str | None = None, unique: bool = True) -> Source:
    """A list whose rows name one party (holder_id); only parties linked to an enterprise count."""
    alias = table.split()[1]
    return Source(
        f"{table} JOIN holder h ON h.id = {alias}.holder_id",
        f"h.company_id IS NOT NULL AND {where}",
        "h.company_id",
        item,
        amount,
        unique,
    )
