"""How much of a register figure each holder group holds (domain.md Part I "Holder groups and reconciliation").

A right counts once, in the first group (HOLDER_GROUP_ZH order) any of its holders belongs to: a patent
co-owned by a listed enterprise and a university is the enterprise list's. The rule is the vocabulary's
``holder_group``, applied here in Python so there is one copy of it.
"""

from __future__ import annotations

from collections import Counter

from ipdb.figures.query import Query
from ipdb.vocabulary import HOLDER_GROUP_ZH, holder_group

HOLDERS_OF = """
SELECT f.right_id, h.name, h.company_id FROM right_fact f
JOIN right_state_holder sh ON sh.state_id = f.state_id JOIN holder h ON h.id = sh.holder_id
WHERE {where}
"""
ORDER = list(HOLDER_GROUP_ZH)


def holder_group_breakdown(q: Query, where: str, total: int) -> tuple[tuple[str, int], ...]:
    """(Chinese group, count) of the rights ``where`` selects, in HOLDER_GROUP_ZH order; ``total`` is their
    number (a right without any holder is 其他)."""
    best: dict[int, int] = {}
    for right_id, name, company_id in q.rows(HOLDERS_OF.format(where=where)):
        rank = ORDER.index(holder_group(name, company_id is not None))
        best[right_id] = min(rank, best.get(right_id, rank))
    counts = Counter(best.values())
    counts[ORDER.index("other")] += total - len(best)
    return tuple((HOLDER_GROUP_ZH[code], counts[i]) for i, code in enumerate(ORDER) if counts[i])
