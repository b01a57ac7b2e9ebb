"""The records a reconciliation produces: observations, pairs, series points, groups.

All frozen attrs records with a ``to_dict`` giving the JSON form of ``peacefacts reconcile``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import math
from typing import Any

import attrs

from peacefacts.io.convert import to_record
from peacefacts.records import Fact, Metric, PartialDate, Qualifier

__all__ = [
    "Verdict",
    "Cause",
    "Rank",
    "Policy",
    "TOLERANCE",
    "Observation",
    "Pair",
    "Point",
    "Group",
    "observation_bounds",
    "fact_key",
    "format_value",
    "format_date",
]

#: Relative tolerance for hedges and rounding ("about 85" is 80.75..89.25; two figures agree
#: at the same time only if they are within 5% of each other).
TOLERANCE = 0.05


class Verdict(str, enum.Enum):
    """How two observations of the same thing relate (docs/conventions.md, "Reconciliation")."""

    AGREE = "agree"
    CHANGED_OVER_TIME = "changed_over_time"
    CONFLICT = "conflict"

    def __str__(self) -> str:
        return self.value


class Cause(str, enum.Enum):
    """Why two observations relate as they do: the fixed vocabulary of the default rules.

    User rules may use other strings; the JSON form is always the plain string.
    """

    SAME_VALUE = "same_value"  # the same figure
    HEDGE_OR_ROUNDING = "hedge_or_rounding"  # compatible through "about"/"over" or rounding
    COPY = "copy"  # the same article published twice
    REVISED_COPY = "revised_copy"  # two copies of one article with different figures
    STALE_FIGURE = "stale_figure"  # an older figure, superseded (or repeated unchanged)
    SCOPE_DIFFERENCE = "scope_difference"  # troops vs personnel, a shorter period
    CUMULATIVE_DECREASE = "cumulative_decrease"  # an all-time total lower at a later date
    SAME_TIME_CONFLICT = "same_time_conflict"  # different values within 31 days
    IMPLAUSIBLE_JUMP = "implausible_jump"  # growth too fast for the elapsed time
    NOT_COMPARABLE = "not_comparable"  # the rules chose not to pair (pledges, undated…)

    def __str__(self) -> str:
        return self.value


class Rank(str, enum.Enum):
    """Wikidata-style rank of a series point."""

    PREFERRED = "preferred"
    NORMAL = "normal"
    DEPRECATED = "deprecated"

    def __str__(self) -> str:
        return self.value


class Policy(str, enum.Enum):
    """Which point of a series is preferred.

    ``latest``: the most recent figure (ties: the best supported, then the lowest).
    ``conservative``: the lowest figure among those within 31 days of the most recent one
    (ACLED's rule for differing reports).
    """

    LATEST = "latest"
    CONSERVATIVE = "conservative"

    def __str__(self) -> str:
        return self.value


def observation_bounds(fact: Fact) -> tuple[float | None, float | None]:
    """``(low, high)`` of a fact: the extractor's bounds, else from its hedge.

    exact → (v, v); at_least → (v, None); at_most → (None, v); approx → v ± 5%.
    ``None`` means unbounded on that side.
    """
    fig = fact.figure
    if fig.low is not None or fig.high is not None:
        return fig.low, fig.high
    v = float(fig.value)
    if fig.qualifier is Qualifier.AT_LEAST:
        return v, None
    if fig.qualifier is Qualifier.AT_MOST:
        return None, v
    if fig.qualifier is Qualifier.APPROX:
        return float(math.floor(v * (1 - TOLERANCE))), float(math.ceil(v * (1 + TOLERANCE)))
    return v, v


def fact_key(fact: Fact) -> str:
    """A complete, total order on facts: their JSON form with sorted keys."""
    return json.dumps(to_record(fact), sort_keys=True, ensure_ascii=False)


def _number(value: float | None) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_HEDGE_SIGN = {Qualifier.AT_LEAST: "≥", Qualifier.AT_MOST: "≤", Qualifier.APPROX: "~", Qualifier.EXACT: ""}


def format_value(value: int, qualifier: Qualifier = Qualifier.EXACT) -> str:
    """A figure for people: thousands separators and the hedge as a sign (``≥40,000``, ``~30``)."""
    return f"{_HEDGE_SIGN[qualifier]}{value:,}"


def format_date(date: PartialDate | None) -> str:
    """A partial date as written (``2024-05``), or ``undated``."""
    return "undated" if date is None else str(date)


@attrs.frozen(kw_only=True)
class Observation:
    """One fact as the reconciler sees it: the fact, its bounds and its independent source.

    Attributes:
        fact: the extracted fact (kept whole: evidence, offsets, rule).
        low: lowest value the text allows (``None``: unbounded).
        high: highest value the text allows (``None``: unbounded).
        source: id of the copy cluster of the fact's document (the smallest document id among
            copies of one article); observations with the same source are one source.
    """

    fact: Fact
    low: float | None
    high: float | None
    source: str
    #: (first day, last day, middle day) of the as-of date, or None: computed once, because
    #: pairing compares every observation of a group with every other.
    span: tuple[_dt.date, _dt.date, _dt.date] | None = attrs.field(init=False, eq=False, repr=False)
    #: the sort key, computed once (it serialises the fact)
    _key: tuple = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        date = self.fact.as_of
        span = None if date is None else (date.first_day, date.last_day, date.midpoint)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "_key", (span is None, span[:2] if span else (), fact_key(self.fact)))

    @classmethod
    def from_fact(cls, fact: Fact, source: str | None = None) -> Observation:
        """Wrap a fact; ``source`` defaults to the fact's own document."""
        low, high = observation_bounds(fact)
        return cls(fact=fact, low=low, high=high, source=source or fact.doc)

    @property
    def doc(self) -> str:
        return self.fact.doc

    @property
    def value(self) -> int:
        return self.fact.value

    @property
    def qualifier(self) -> Qualifier:
        return self.fact.qualifier

    @property
    def as_of(self) -> PartialDate | None:
        return self.fact.as_of

    @property
    def since(self) -> PartialDate | None:
        return self.fact.since

    @property
    def metric(self) -> Metric:
        return self.fact.metric

    def describe(self) -> str:
        """``161 (2021-10-26)``: value with hedge, and date."""
        return f"{format_value(self.value, self.qualifier)} ({format_date(self.as_of)})"

    def sort_key(self) -> tuple:
        """Dated first in date order, then undated; ties broken on the whole fact (determinism)."""
        return self._key

    def to_dict(self) -> dict[str, Any]:
        """JSON form of one observation in a group."""
        f = self.fact
        return {
            "doc": f.doc,
            "value": f.value,
            "qualifier": f.qualifier.value,
            "low": _number(self.low),
            "high": _number(self.high),
            "as_of": None if f.as_of is None else str(f.as_of),
            "since": None if f.since is None else str(f.since),
            "category": None if f.category is None else f.category.value,
            "scope": f.scope,
            "evidence": f.evidence,
            "start": f.start,
            "end": f.end,
            "source": self.source,
        }


@attrs.frozen(kw_only=True)
class Pair:
    """Two observations of the same thing from different documents, and the verdict.

    ``a`` is the earlier observation (undated ones come last).

    Attributes:
        a: the earlier observation.
        b: the later observation.
        verdict: agree, changed_over_time or conflict.
        cause: why (a :class:`Cause` value, or a user rule's own string).
        explanation: one sentence a person can read.
        gap_days: days between the two as-of dates (0 when they overlap; ``None`` if undated).
        copies: whether the two documents are copies of one article.
    """

    a: Observation
    b: Observation
    verdict: Verdict = attrs.field(converter=Verdict)
    cause: str = attrs.field(converter=str)
    explanation: str
    gap_days: int | None = None
    copies: bool = False

    @property
    def subject(self) -> str:
        return self.a.fact.subject

    @property
    def metric(self) -> Metric:
        return self.a.fact.metric

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``{"a", "a_value", "b", "b_value", "verdict", "cause", "explanation", ...}``."""
        return {
            "a": self.a.doc,
            "a_value": self.a.value,
            "b": self.b.doc,
            "b_value": self.b.value,
            "verdict": self.verdict.value,
            "cause": self.cause,
            "explanation": self.explanation,
            "a_as_of": None if self.a.as_of is None else str(self.a.as_of),
            "b_as_of": None if self.b.as_of is None else str(self.b.as_of),
            "gap_days": self.gap_days,
            "copies": self.copies,
        }


@attrs.frozen(kw_only=True)
class Point:
    """One point of a group's time series.

    Attributes:
        as_of: the date of the point (``None``: undated figures with no dated match).
        best: the best estimate (the best-supported figure of the point).
        low: the lowest reliable estimate (``None``: unbounded).
        high: the highest reliable estimate (``None``: unbounded, e.g. "more than 40,000").
        sources: number of independent sources (copies of one article count once).
        docs: the documents behind the point.
        rank: preferred, normal or deprecated.
        reason: why the point has its rank.
        disputed: whether any observation of the point is in a conflict pair.
    """

    as_of: PartialDate | None
    best: int
    qualifier: Qualifier = Qualifier.EXACT
    low: float | None
    high: float | None
    sources: int
    docs: tuple[str, ...]
    rank: Rank = attrs.field(converter=Rank)
    reason: str
    disputed: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON form of one series point."""
        return {
            "as_of": None if self.as_of is None else str(self.as_of),
            "best": self.best,
            "qualifier": self.qualifier.value,
            "low": _number(self.low),
            "high": _number(self.high),
            "sources": self.sources,
            "docs": list(self.docs),
            "rank": self.rank.value,
            "reason": self.reason,
            "disputed": self.disputed,
        }


@attrs.frozen(kw_only=True)
class Group:
    """Observations of one subject, metric and comparable scope, with pairs and series.

    Attributes:
        subject: the country, mission or ``UN``.
        metric: what is counted.
        category: the category class: ``personnel`` (troops, personnel or unspecified, which
            are compared), ``police``, ``military_observers`` or ``women``.
        scope: a narrower scope than the subject (``army``), or ``None``.
        window: for cumulative metrics, the period: ``all_time``, ``since YYYY`` (a later start
            than the all-time figures, e.g. "from 2006 to 2012") or ``year YYYY`` (one calendar
            year); ``None`` for other metrics.
        observations: in date order.
        pairs: verdicts between observations of different documents.
        series: points in date order, undated last.
    """

    subject: str
    metric: Metric
    category: str
    scope: str | None
    window: str | None
    observations: tuple[Observation, ...]
    pairs: tuple[Pair, ...]
    series: tuple[Point, ...]

    @property
    def label(self) -> str:
        """``Pakistan fatalities_total`` plus any non-default scope, for reports."""
        parts = [f"{self.subject} {self.metric.value}"]
        extra = [self.category] if self.category != "personnel" else []
        extra += [x for x in (self.scope, self.window) if x and x != "all_time"]
        if extra:
            parts.append(f"({', '.join(extra)})")
        return " ".join(parts)

    @property
    def preferred(self) -> Point | None:
        """The preferred point of the series under the policy used, if any."""
        for point in self.series:
            if point.rank is Rank.PREFERRED:
                return point
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON form of one group."""
        return {
            "subject": self.subject,
            "metric": self.metric.value,
            "category": self.category,
            "scope": self.scope,
            "window": self.window,
            "observations": [o.to_dict() for o in self.observations],
            "pairs": [p.to_dict() for p in self.pairs],
            "series": [p.to_dict() for p in self.series],
        }
