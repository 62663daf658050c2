"""The holder group each right fact counts in (domain.md Part I "Holder groups and reconciliation"), kept in
``right_fact.holder_group`` so that a register figure's breakdown by group is one pass over an index.

A fact's group is its state's holders' group: 名录内企业 ('listed') when any of them is linked to an enterprise,
else the first group (HOLDER_GROUP_ZH order) one of their names puts it in (``holder.name_group``, decided by
``vocabulary.holder_group`` when the holder is created: a holder's name never changes), 'other' for a state
without holders. A state's holders never change either, so a fact's group can change only with its holders'
links: facts are written with their group (``with_groups``), and whatever redoes the holding facts of rights
whose holders' links moved regroups them (``regroup``, through ``facts.rebuild_holdings``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import cast

from sqlalchemy import Connection

from ipdb.sql import of_ids, temp_ids
from ipdb.vocabulary import HOLDER_GROUP_ZH

Row = tuple[object, ...]
RANKED = tuple(HOLDER_GROUP_ZH)  # a right counts in the first of its holders' groups
NO_HOLDER = "other"
LINKED = "listed"  # the group of holders any of whom is linked to an enterprise: the rights with holding facts
_RANK = " ".join(
    [f"CASE WHEN h.company_id IS NOT NULL THEN {RANKED.index(LINKED)}"]
    + [f"WHEN h.name_group = '{code}' THEN {rank}" for rank, code in enumerate(RANKED) if code != LINKED]
    + [f"ELSE {RANKED.index(NO_HOLDER)} END"]
)
_OF_STATES = f"""
SELECT t.id, MIN({_RANK}) FROM grouped_state t
CROSS JOIN right_state_holder sh JOIN holder h ON h.id = sh.holder_id
WHERE sh.state_id = t.id
GROUP BY t.id
"""  # CROSS JOIN: the states asked for drive, grouped in the order walked (SQLite's planner would walk every
# state's holders: 0.29 s for 143 states of the 1M-patent store, 0.01 s so; ipdb.sql.of_ids)


def groups_of_states(conn: Connection, states: Iterable[int]) -> dict[int, str]:
    """The holder group of each of these right states (a state without holders is absent: NO_HOLDER)."""
    temp_ids(conn, "grouped_state", states)
    return {state_id: RANKED[rank] for state_id, rank in conn.exec_driver_sql(_OF_STATES)}


def groups_of_holders(conn: Connection, lists: Collection[tuple[int, ...]]) -> dict[tuple[int, ...], str]:
    """The group of each of these lists of holder ids: what ``groups_of_states`` gives a state they hold."""
    temp_ids(conn, "grouped_holder", {holder for holders in lists for holder in holders})
    ranks = conn.exec_driver_sql(f"SELECT h.id, {_RANK} FROM grouped_holder t JOIN holder h ON h.id = t.id")
    rank = {holder: r for holder, r in ranks}
    return {holders: RANKED[min(rank[h] for h in holders)] if holders else NO_HOLDER for holders in lists}


def with_groups(conn: Connection, facts: Sequence[Row], state: int) -> list[Row]:
    """Right fact rows with their holder group after them, as right_fact stores them (``state``: where each
    row holds its state_id)."""
    groups = groups_of_states(conn, {cast(int, fact[state]) for fact in facts})
    return [(*fact, groups.get(cast(int, fact[state]), NO_HOLDER)) for fact in facts]


def regroup(conn: Connection, kind: str, rights: Collection[int] | None = None) -> None:
    """Give the facts of ``rights`` (of the whole register when None) the group their holders' links put them
    in now; only the facts whose group changed are written."""
    params: tuple[str, ...] = (kind,)
    source, only = "right_fact f", "f.kind = ?"
    if rights is not None:  # rights of this register (any caller's)
        temp_ids(conn, "regrouped_right", rights)
        (source, only), params = of_ids("regrouped_right", source), ()
    stored = conn.exec_driver_sql(
        f"SELECT f.right_id, f.lo, f.state_id, f.holder_group FROM {source} WHERE {only}", params
    ).all()
    groups = groups_of_states(conn, {row[2] for row in stored})
    changes = [
        (group, right_id, lo)
        for right_id, lo, state_id, old in stored
        if (group := groups.get(state_id, NO_HOLDER)) != old
    ]
    if changes:
        conn.exec_driver_sql("UPDATE right_fact SET holder_group = ? WHERE right_id = ? AND lo = ?", changes)
