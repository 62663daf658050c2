"""How much of a register figure each holder group holds (domain.md Part I "Holder groups and reconciliation").

A right counts once, in the first group (HOLDER_GROUP_ZH order) any of its holders belongs to: a patent
co-owned by a listed enterprise and a university is the enterprise list's. The rule is the vocabulary's
``holder_group``; each right fact carries the group it gives (``right_fact.holder_group``, kept by
ipdb.right_groups), so the breakdown is one pass over the index that counts the figure itself.
"""

from __future__ import annotations

from ipdb.figures.query import Query
from ipdb.vocabulary import HOLDER_GROUP_ZH

BY_GROUP = "SELECT f.holder_group, COUNT(*) FROM right_fact f WHERE {where} GROUP BY f.holder_group"


def holder_group_breakdown(q: Query, where: str) -> tuple[tuple[str, int], ...]:
    """(Chinese group, count) of the rights ``where`` selects, in HOLDER_GROUP_ZH order, groups without any
    right left out (a right without any holder is 其他)."""
    counts = dict(q.rows(BY_GROUP.format(where=where)))
    return tuple((zh, int(counts[code])) for code, zh in HOLDER_GROUP_ZH.items() if counts.get(code))
