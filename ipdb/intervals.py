"""The fact intervals of one right, from its observations and its register's snapshot dates (pure; see ipdb.facts).

Each observation o(i) covers the segment [o(i), min(o(i+1), first snapshot after o(i))); a right's facts are
its segments merged where one ends where the next begins in the same state (a run: a snapshot between two
observations leaves a gap, so it splits the run). A fact remembers the date its run began (``observed_on``).
The first run also covers the time before it (lo = the beginning), unless a complete snapshot earlier than the
run did not list the right: then only the time before that first snapshot.

Because a segment depends only on its observation, the next one and the snapshot dates, a change of
observations or snapshots on one day D changes only the segments of the observation before D and of D itself:
``splice`` recomputes a right's facts around D from those neighbours, the stored facts that hold them and the
one that holds the observation after D, and leaves every other fact as it is (``spans_of`` is the whole
computation, for a rebuild; a property test holds the two equal).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ipdb.vocabulary import BEGINNING_ISO, END_OF_TIME_ISO

BEGIN, END = BEGINNING_ISO, END_OF_TIME_ISO
StateDates = tuple[str, str | None, str | None, str | None]  # status class, filing, granted, ends
Observed = tuple[str, int]  # (as_of, state_id)
Fact = tuple[object, ...]  # one right_fact row, in facts.FACT_COLUMNS order
LO, HI, STATE, OBSERVED_ON = 3, 4, 5, 6  # positions in a Fact


@dataclass
class Run:
    """Consecutive observations of one right stating the same state, with no snapshot gap between them:
    ``last`` is its last observation (``runs_of``), or where its facts end (``splice``'s pieces)."""

    state_id: int
    first: str
    last: str


def next_snapshot(day: str, snapshots: Sequence[str]) -> str | None:
    """The first complete-snapshot date strictly after ``day``."""
    index = bisect_right(snapshots, day)
    return snapshots[index] if index < len(snapshots) else None


def runs_of(observations: list[Observed], snapshots: Sequence[str]) -> list[Run]:
    runs: list[Run] = []
    for as_of, state_id in observations:
        last = runs[-1] if runs else None
        gap = last is not None and (next_snapshot(last.last, snapshots) or END) < as_of
        if last is not None and last.state_id == state_id and not gap:
            last.last = as_of
        else:
            runs.append(Run(state_id, as_of, as_of))
    return runs


def spans_of(observations: list[Observed], snapshots: Sequence[str]) -> Iterator[tuple[str, str, Run]]:
    """(lo, hi, run) intervals of one right, from its observations sorted by date (module docstring)."""
    runs = runs_of(observations, snapshots)
    first_snapshot = snapshots[0] if snapshots else None
    for index, run in enumerate(runs):
        following = runs[index + 1].first if index + 1 < len(runs) else END
        hi = min(following, next_snapshot(run.last, snapshots) or END)
        lo = run.first
        if index == 0:
            if first_snapshot is None or first_snapshot >= run.first:
                lo = BEGIN
            else:
                yield BEGIN, first_snapshot, run
        if lo < hi:
            yield lo, hi, run


def dates_of(state: StateDates, first: str) -> tuple[str | None, ...]:
    """filing, granted, in force from, ends on of a run of ``state`` that began on ``first``: a pending
    application is never in force; a state in force with no grant date is known in force from its run's first
    observation; a "dead" state ended by then at the latest, on its own end date when that is earlier (Part I)
    — a cancelled mark's printed term running on does not keep it alive."""
    status, filing, granted, ends = state
    in_force_from = None if status == "pending" else granted or (first if status == "in_force" else None)
    if status == "dead":
        ends = min(ends, first) if ends else first
    return filing, granted, in_force_from, ends


class Unspliceable(Exception):
    """The stored facts do not hold a neighbour observation (facts older than the observations): recompute
    the right from all of its observations instead."""


Span = tuple[str, str, Run]  # (lo, hi, run)


def splice(
    stored: list[Fact], near: list[Observed], day: str, snapshots: Sequence[str]
) -> tuple[list[Fact], list[Span]]:
    """The stored facts of one right that stay, and the spans that replace the others, after its observations
    or its register's snapshots changed on ``day`` (module docstring). ``stored`` are the right's facts before
    the change; ``near`` its observations now just before, on and just after ``day``, in date order."""
    before = next((o for o in near if o[0] < day), None)
    at = next((o for o in near if o[0] == day), None)
    after = next((o for o in near if o[0] > day), None)
    region = [
        f for f in stored if (before is None or str(f[HI]) > before[0]) and (after is None or str(f[LO]) <= after[0])
    ]
    pieces: list[Run] = []  # Run(state, first, end): what each neighbour covers now
    if before is not None:
        held = _holding(region, before[0])
        pieces.append(Run(before[1], str(held[OBSERVED_ON]), before[0]))  # its run up to it: unchanged
        following = at[0] if at else after[0] if after else END
        pieces.append(Run(before[1], before[0], min(following, next_snapshot(before[0], snapshots) or END)))
    if at is not None:
        pieces.append(Run(at[1], day, min(after[0] if after else END, next_snapshot(day, snapshots) or END)))
    if after is not None:
        pieces.append(Run(after[1], after[0], str(_holding(region, after[0])[HI])))  # its run from it on: unchanged
    spans = [(run.first, run.last, run) for run in _merged(pieces)]
    if spans and before is None:
        spans = _from_the_beginning(spans, snapshots)
    elif spans and str(held[LO]) == BEGIN:  # the first run stays first: it still covers the time before it
        spans[0] = (BEGIN, *spans[0][1:])
    return [f for f in stored if f not in region], spans


def _holding(region: list[Fact], day: str) -> Fact:
    for fact in region:
        if str(fact[LO]) <= day < str(fact[HI]):
            return fact
    raise Unspliceable(day)


def _merged(pieces: list[Run]) -> list[Run]:
    """Pieces in date order merged where one ends where the next begins in the same state (one run)."""
    runs: list[Run] = []
    for piece in pieces:
        if runs and runs[-1].state_id == piece.state_id and runs[-1].last == piece.first:
            runs[-1].last = piece.last
        else:
            runs.append(piece)
    return runs


def _from_the_beginning(spans: list[Span], snapshots: Sequence[str]) -> list[Span]:
    """The first run's spans as ``spans_of`` gives them: from the beginning, or only before the first
    snapshot when that is earlier than the run."""
    _, hi, run = spans[0]
    if not snapshots or snapshots[0] >= run.first:
        return [(BEGIN, hi, run), *spans[1:]]
    return [(BEGIN, snapshots[0], run), *spans]
