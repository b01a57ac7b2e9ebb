"""A group's time series: points with best/low/high, independent sources and a rank.

Points: dated observations with the same as-of date whose values are compatible (same value,
or through hedges within 5%) form one point; an undated observation joins the latest dated point
it agrees with (it supports it), else undated observations form their own points.

Ranks (Wikidata): one point is ``preferred`` by the policy; points at the same time as it (within
31 days; a month or a year only when it overlaps) whose values conflict with it are
``deprecated``; everything else is ``normal`` (older figures are superseded, not wrong).
Pledges are separate commitments: all ``normal``, none preferred.

The series is planned before the pairs are judged (:func:`plan_series`), because each
observation is also judged against the head of its point and of the preferred point; the
points are finished once the conflicts are known (:meth:`SeriesPlan.points`). Both steps take
O(n log n) time in the number of observations.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

from peacefacts.reconciler.dates import spans_at_same_time
from peacefacts.reconciler.model import (
    TOLERANCE,
    Observation,
    Pair,
    Point,
    Policy,
    Rank,
    Verdict,
    format_value,
)
from peacefacts.reconciler.rules import values_compatible
from peacefacts.records import Metric, PartialDate, Qualifier

__all__ = ["build_series", "plan_series", "SeriesPlan"]


def _date_key(date: PartialDate) -> tuple[Any, ...]:
    return (date.first_day.toordinal(), date.last_day.toordinal())


def _cluster(observations: Sequence[Observation], indices: list[int]) -> list[list[int]]:
    """Chain observations (sorted by value) into runs compatible with the run's first member.

    ``indices`` are positions in the group's sorted observations, so their order is the
    observations' sort order (the tie-break after the value).
    """
    runs: list[list[int]] = []
    for i in sorted(indices, key=lambda k: (observations[k].value, k)):
        if runs and values_compatible(observations[runs[-1][0]], observations[i]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _min_bound(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else min(values)  # type: ignore[type-var]


def _max_bound(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else max(values)  # type: ignore[type-var]


class _Draft:
    """A point before ranking; ``members`` are positions in the group's observations."""

    def __init__(self, as_of: PartialDate | None, members: list[int], observations: Sequence[Observation]):
        self.as_of = as_of
        self.members = members
        obs = [observations[i] for i in members]
        # (first, last) day ordinals of the date: every member of a dated point shares it
        span = obs[0].span if as_of is not None else None
        self.days: tuple[int, int] | None = None if span is None else (span[0], span[1])
        by_value: dict[int, set[str]] = {}
        for o in obs:
            by_value.setdefault(o.value, set()).add(o.source)
        exact_values = {o.value for o in obs if o.qualifier is Qualifier.EXACT}
        # best: the value with most independent sources; then an exact statement; then the lower
        self.best = min(by_value, key=lambda v: (-len(by_value[v]), v not in exact_values, v))
        hedges = sorted(o.qualifier.value for o in obs if o.value == self.best)
        self.qualifier = Qualifier.EXACT if self.best in exact_values else Qualifier(hedges[0])
        self.low = _min_bound([o.low for o in obs])
        self.high = _max_bound([o.high for o in obs])
        self.sources = len({o.source for o in obs})
        self.docs = tuple(sorted({o.doc for o in obs}))
        # a representative for compatibility tests between points: the first of the best value
        self.head = min(i for i in members if observations[i].value == self.best)
        self.head_obs = observations[self.head]

    def sort_key(self) -> tuple[Any, ...]:
        return (self.days is None, self.days or (), self.best, self.docs)

    def point(self, rank: Rank, reason: str, disputed: bool) -> Point:
        return Point(
            as_of=self.as_of,
            best=self.best,
            qualifier=self.qualifier,
            low=self.low,
            high=self.high,
            sources=self.sources,
            docs=self.docs,
            rank=rank,
            reason=reason,
            disputed=disputed,
        )


def _describe(draft: _Draft) -> str:
    date = "undated" if draft.as_of is None else str(draft.as_of)
    return f"{format_value(draft.best, draft.qualifier)} ({date})"


def _sources(n: int) -> str:
    return "1 independent source" if n == 1 else f"{n} independent sources"


class _RunIndex:
    """Find the latest run whose first member is compatible with an undated observation.

    Two figures more than 5% apart are never compatible, so only runs whose first value lies in
    a window around the observation's value are tested, and those at once (numpy) with the very
    arithmetic of :func:`~peacefacts.reconciler.rules.values_compatible`.
    """

    def __init__(self, firsts: list[Observation]):
        order = sorted(range(len(firsts)), key=lambda k: firsts[k].value)
        self.values = [firsts[k].value for k in order]
        self.position = np.asarray(order, dtype=np.int64)
        self.ints = np.asarray(self.values, dtype=np.float64)
        self.lo = np.asarray([firsts[k].interval[0] for k in order], dtype=np.float64)
        self.hi = np.asarray([firsts[k].interval[1] for k in order], dtype=np.float64)

    def latest_compatible(self, obs: Observation) -> int | None:
        v = obs.value
        # every value within 5% of v (either side, either sign), widened against float error
        ends = (v * (1 - TOLERANCE), v / (1 - TOLERANCE))
        lo_v, hi_v = min(ends) - 1, max(ends) + 1
        start = bisect.bisect_left(self.values, lo_v)
        stop = bisect.bisect_right(self.values, hi_v)
        if start >= stop:
            return None
        vals = self.ints[start:stop]
        top = np.maximum(np.abs(vals), abs(v))
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.where(top > 0, np.abs(vals - v) / np.where(top > 0, top, 1), 0.0)
        lo_o, hi_o = obs.interval
        ok = (vals == v) | ((rel <= TOLERANCE) & (self.lo[start:stop] <= hi_o) & (lo_o <= self.hi[start:stop]))
        if not ok.any():
            return None
        return int(self.position[start:stop][ok].max())


class SeriesPlan:
    """The points of a group's series before the conflicts are known.

    Attributes:
        heads: for each observation (by position), the position of its point's head.
        preferred_head: the position of the preferred point's head (``None`` for pledges and
            empty groups).
    """

    def __init__(self, observations: Sequence[Observation], metric: Metric, policy: Policy):
        self._observations = observations
        self._metric = metric
        by_date: dict[str, list[int]] = {}
        dates: dict[str, PartialDate] = {}
        undated: list[int] = []
        for i, obs in enumerate(observations):
            if obs.as_of is None:
                undated.append(i)
            else:
                key = str(obs.as_of)
                by_date.setdefault(key, []).append(i)
                dates[key] = obs.as_of
        runs: list[tuple[PartialDate | None, list[int]]] = []
        for key in sorted(by_date, key=lambda k: _date_key(dates[k])):
            runs += [(dates[key], run) for run in _cluster(observations, by_date[key])]
        # an undated figure that agrees with a dated point supports the latest such point
        alone: list[int] = []
        if undated and runs:
            index = _RunIndex([observations[members[0]] for _, members in runs])
            for i in undated:
                found = index.latest_compatible(observations[i])
                if found is None:
                    alone.append(i)
                else:
                    runs[found][1].append(i)
        else:
            alone = undated
        runs += [(None, run) for run in _cluster(observations, alone)]
        self._drafts = sorted((_Draft(date, members, observations) for date, members in runs), key=_Draft.sort_key)
        self.heads = [0] * len(observations)
        for draft in self._drafts:
            for i in draft.members:
                self.heads[i] = draft.head
        self._preferred: _Draft | None = None
        self._reason = ""
        if self._drafts and not metric.is_forward_looking:
            self._preferred, self._reason = _choose(self._drafts, policy)
        self.preferred_head = None if self._preferred is None else self._preferred.head

    def points(self, disputed: Collection[int] = ()) -> tuple[Point, ...]:
        """The ranked points; ``disputed`` are the positions of observations in a conflict."""

        def is_disputed(draft: _Draft) -> bool:
            return any(i in disputed for i in draft.members)

        drafts, preferred = self._drafts, self._preferred
        if preferred is None:
            return tuple(
                d.point(Rank.NORMAL, "pledges are separate commitments; not ranked", is_disputed(d)) for d in drafts
            )
        points = []
        for draft in drafts:
            if draft is preferred:
                points.append(draft.point(Rank.PREFERRED, self._reason, is_disputed(draft)))
            else:
                rank, reason = _rank_other(draft, preferred)
                points.append(draft.point(rank, reason, is_disputed(draft)))
        return tuple(points)


def plan_series(observations: Sequence[Observation], metric: Metric, policy: Policy) -> SeriesPlan:
    """Plan the series of one group (observations in the group's sort order)."""
    return SeriesPlan(observations, metric, policy)


def build_series(
    observations: tuple[Observation, ...],
    pairs: Sequence[Pair],
    metric: Metric,
    policy: Policy,
) -> tuple[Point, ...]:
    """The ranked time series of one group.

    Args:
        observations: the group's observations, in date order.
        pairs: the group's pairs (conflicts mark points as disputed).
        metric: the group's metric (pledges are not ranked).
        policy: which point is preferred.
    """
    position = {id(o): i for i, o in enumerate(observations)}
    disputed = {position[id(o)] for p in pairs if p.verdict is Verdict.CONFLICT for o in (p.a, p.b)}
    return plan_series(observations, metric, policy).points(disputed)


def _choose(drafts: list[_Draft], policy: Policy) -> tuple[_Draft, str]:
    dated = [d for d in drafts if d.as_of is not None]
    if not dated:
        if policy is Policy.CONSERVATIVE:
            best = min(drafts, key=lambda d: (d.best, -d.sources, d.sort_key()))
            return best, f"undated; the lowest figure, {_sources(best.sources)}"
        best = min(drafts, key=lambda d: (-d.sources, d.best, d.sort_key()))
        return best, f"undated; the best-supported figure, {_sources(best.sources)}"
    latest_key = max(d.days for d in dated)  # type: ignore[type-var]
    latest = [d for d in dated if d.days == latest_key]
    if policy is Policy.CONSERVATIVE:
        anchor = latest[0].as_of
        window = [d for d in dated if spans_at_same_time(d.days, latest_key)]  # type: ignore[arg-type]
        best = min(window, key=lambda d: (d.best, -d.sources, d.sort_key()))
        if len(window) == 1:
            return best, f"most recent figure ({best.as_of}), {_sources(best.sources)}; no other within 31 days"
        return best, (
            f"lowest of {len(window)} figures within 31 days of the most recent ({anchor}), "
            f"{_sources(best.sources)}"
        )
    best = min(latest, key=lambda d: (-d.sources, d.qualifier is not Qualifier.EXACT, d.best, d.sort_key()))
    reason = f"most recent figure ({best.as_of}), {_sources(best.sources)}"
    if len(latest) > 1:
        reason += f"; the best supported of {len(latest)} figures of that date"
    return best, reason


def _rank_other(draft: _Draft, preferred: _Draft) -> tuple[Rank, str]:
    if draft.days is None:
        return Rank.NORMAL, "undated; no dated figure agrees with it"
    if preferred.days is not None and spans_at_same_time(draft.days, preferred.days):
        # the same time as the preferred figure: it either agrees or loses
        if values_compatible(draft.head_obs, preferred.head_obs):
            return Rank.NORMAL, f"agrees with the preferred figure {_describe(preferred)}"
        return Rank.DEPRECATED, f"conflicts with the preferred figure {_describe(preferred)} within 31 days"
    if draft.best == preferred.best:
        return Rank.NORMAL, f"the same figure as the preferred {_describe(preferred)}"
    if preferred.days is not None and draft.days < preferred.days:
        # an older figure is stale, not wrong (Dong et al., truth in a dynamic world)
        return Rank.NORMAL, f"superseded by {_describe(preferred)}"
    return Rank.NORMAL, f"not preferred under the policy; the preferred figure is {_describe(preferred)}"
