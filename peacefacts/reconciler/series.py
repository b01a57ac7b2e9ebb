"""A group's time series: points with best/low/high, independent sources and a rank.

Points: dated observations with the same as-of date whose values are compatible (same value,
or through hedges within 5%) form one point; an undated observation joins the latest dated point
it agrees with (it supports it), else undated observations form their own points.

Ranks (Wikidata): one point is ``preferred`` by the policy; points within 31 days of it whose
values conflict with it are ``deprecated``; everything else is ``normal`` (older figures are
superseded, not wrong). Pledges are separate commitments: all ``normal``, none preferred.
"""

from __future__ import annotations

from peacefacts.reconciler.model import Observation, Pair, Point, Policy, Rank, Verdict, format_value
from peacefacts.reconciler.rules import SAME_TIME_DAYS, gap_days, values_compatible
from peacefacts.records import Metric, PartialDate, Qualifier

__all__ = ["build_series"]


def _date_key(date: PartialDate) -> tuple:
    return (date.first_day, date.last_day)


def _cluster(observations: list[Observation]) -> list[list[Observation]]:
    """Chain observations (sorted by value) into runs compatible with the run's first member."""
    runs: list[list[Observation]] = []
    for obs in sorted(observations, key=lambda o: (o.value, o.sort_key())):
        if runs and values_compatible(runs[-1][0], obs):
            runs[-1].append(obs)
        else:
            runs.append([obs])
    return runs


def _min_bound(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else min(values)  # type: ignore[type-var]


def _max_bound(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else max(values)  # type: ignore[type-var]


class _Draft:
    """A point before ranking."""

    def __init__(self, as_of: PartialDate | None, members: list[Observation], disputed_ids: set[int]):
        self.as_of = as_of
        self.members = members
        by_value: dict[int, set[str]] = {}
        for obs in members:
            by_value.setdefault(obs.value, set()).add(obs.source)
        exact_values = {o.value for o in members if o.qualifier is Qualifier.EXACT}
        # best: the value with most independent sources; then an exact statement; then the lower
        self.best = min(by_value, key=lambda v: (-len(by_value[v]), v not in exact_values, v))
        hedges = sorted(o.qualifier.value for o in members if o.value == self.best)
        self.qualifier = Qualifier.EXACT if self.best in exact_values else Qualifier(hedges[0])
        self.low = _min_bound([o.low for o in members])
        self.high = _max_bound([o.high for o in members])
        self.sources = len({o.source for o in members})
        self.docs = tuple(sorted({o.doc for o in members}))
        self.disputed = any(id(o) in disputed_ids for o in members)
        # a representative for compatibility tests between points
        self.head = min((o for o in members if o.value == self.best), key=lambda o: o.sort_key())

    def sort_key(self) -> tuple:
        date = self.as_of
        return (date is None, _date_key(date) if date else (), self.best, self.docs)

    def point(self, rank: Rank, reason: str) -> Point:
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
            disputed=self.disputed,
        )


def _describe(draft: _Draft) -> str:
    date = "undated" if draft.as_of is None else str(draft.as_of)
    return f"{format_value(draft.best, draft.qualifier)} ({date})"


def _sources(n: int) -> str:
    return "1 independent source" if n == 1 else f"{n} independent sources"


def build_series(
    observations: tuple[Observation, ...],
    pairs: tuple[Pair, ...],
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
    disputed = {id(o) for p in pairs if p.verdict is Verdict.CONFLICT for o in (p.a, p.b)}
    by_date: dict[str, list[Observation]] = {}
    dates: dict[str, PartialDate] = {}
    undated: list[Observation] = []
    for obs in observations:
        if obs.as_of is None:
            undated.append(obs)
        else:
            by_date.setdefault(str(obs.as_of), []).append(obs)
            dates[str(obs.as_of)] = obs.as_of
    runs: list[tuple[PartialDate | None, list[Observation]]] = []
    for key in sorted(by_date, key=lambda k: _date_key(dates[k])):
        runs += [(dates[key], run) for run in _cluster(by_date[key])]
    # an undated figure that agrees with a dated point supports the latest such point
    alone: list[Observation] = []
    for obs in undated:
        for _, members in reversed(runs):
            if values_compatible(members[0], obs):
                members.append(obs)
                break
        else:
            alone.append(obs)
    runs += [(None, run) for run in _cluster(alone)]
    drafts = sorted((_Draft(date, members, disputed) for date, members in runs), key=_Draft.sort_key)
    if not drafts:
        return ()
    if metric.is_forward_looking:
        return tuple(d.point(Rank.NORMAL, "pledges are separate commitments; not ranked") for d in drafts)
    preferred, reason = _choose(drafts, policy)
    points = []
    for draft in drafts:
        if draft is preferred:
            points.append(draft.point(Rank.PREFERRED, reason))
        else:
            points.append(_rank_other(draft, preferred))
    return tuple(points)


def _choose(drafts: list[_Draft], policy: Policy) -> tuple[_Draft, str]:
    dated = [d for d in drafts if d.as_of is not None]
    if not dated:
        if policy is Policy.CONSERVATIVE:
            best = min(drafts, key=lambda d: (d.best, -d.sources, d.sort_key()))
            return best, f"undated; the lowest figure, {_sources(best.sources)}"
        best = min(drafts, key=lambda d: (-d.sources, d.best, d.sort_key()))
        return best, f"undated; the best-supported figure, {_sources(best.sources)}"
    latest_key = max(_date_key(d.as_of) for d in dated)  # type: ignore[arg-type]
    latest = [d for d in dated if _date_key(d.as_of) == latest_key]  # type: ignore[arg-type]
    if policy is Policy.CONSERVATIVE:
        anchor = latest[0].as_of
        window = [d for d in dated if (gap_days(d.as_of, anchor) or 0) <= SAME_TIME_DAYS]
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


def _rank_other(draft: _Draft, preferred: _Draft) -> Point:
    if draft.as_of is None:
        return draft.point(Rank.NORMAL, "undated; no dated figure agrees with it")
    gap = gap_days(draft.as_of, preferred.as_of)
    if gap is not None and gap <= SAME_TIME_DAYS:
        # the same time as the preferred figure: it either agrees or loses
        if values_compatible(draft.head, preferred.head):
            return draft.point(Rank.NORMAL, f"agrees with the preferred figure {_describe(preferred)}")
        return draft.point(
            Rank.DEPRECATED, f"conflicts with the preferred figure {_describe(preferred)} within 31 days"
        )
    if draft.best == preferred.best:
        return draft.point(Rank.NORMAL, f"the same figure as the preferred {_describe(preferred)}")
    if preferred.as_of is not None and _date_key(draft.as_of) < _date_key(preferred.as_of):
        # an older figure is stale, not wrong (Dong et al., truth in a dynamic world)
        return draft.point(Rank.NORMAL, f"superseded by {_describe(preferred)}")
    return draft.point(Rank.NORMAL, f"not preferred under the policy; the preferred figure is {_describe(preferred)}")
