"""The records a reconciliation produces: observations, pairs, series points, groups.

All frozen attrs records with a ``to_dict`` giving the JSON form of ``peacefacts reconcile``.
"""

from __future__ import annotations

import enum
import functools
import json
import math
from collections.abc import Callable, Sequence
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
    "hedge_interval",
    "fact_key",
    "format_value",
    "format_date",
]

#: Relative tolerance of "about" ("about 85" is 80..90) and of agreement (two different figures
#: agree only if they are within 5% of each other, and their hedges allow a common value).
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
    HEDGE_OR_ROUNDING = "hedge_or_rounding"  # compatible through a hedge ("about", "over", "up to")
    COPY = "copy"  # the same article published twice
    REVISED_COPY = "revised_copy"  # two copies of one article with different figures
    STALE_FIGURE = "stale_figure"  # an older figure, superseded (or repeated unchanged)
    SCOPE_DIFFERENCE = "scope_difference"  # troops vs personnel, a shorter period
    CUMULATIVE_DECREASE = "cumulative_decrease"  # an all-time total lower at a later date
    SAME_TIME_CONFLICT = "same_time_conflict"  # different values at the same time, or for one incident
    IMPLAUSIBLE_JUMP = "implausible_jump"  # growth too fast for the elapsed time
    NOT_COMPARABLE = "not_comparable"  # the rules chose not to pair (pledges, undated…)

    def __str__(self) -> str:
        return self.value


class Rank(str, enum.Enum):
    """Wikidata-style rank of a series point."""

    PREFERRED = "preferred"
    NORMAL = "normal"
    DEPRECATED = "deprecated"
    OFFICIAL = "official"  # the official tables' value (reconcile(official=True)), not a source's

    def __str__(self) -> str:
        return self.value


class Policy(str, enum.Enum):
    """Which point of a series is preferred.

    ``latest``: the most recent figure (ties: the best supported, then the lowest).
    ``conservative``: the lowest figure among those at the same time as the most recent one
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


def _explanation_text(explanation: str | Callable[[], str]) -> str:
    return explanation() if callable(explanation) else explanation


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


def hedge_interval(
    value: int, qualifier: Qualifier, low: float | None, high: float | None
) -> tuple[float, float]:
    """The values a figure's hedge allows, as a closed interval (``±inf``: unbounded).

    exact → the value alone ("as many as 120" and a round "87,000" too: the dev conventions give
    exact figures no tolerance); "more than 1,000" → [1000, ∞); "up to 850" → (-∞, 850]; "about
    85" → its bounds (80..90). Bounds the extractor gave (``low``/``high``) win over the hedge.
    Nothing is widened: 960 is not "more than 1,000", and 890 is not "up to 850".

    >>> hedge_interval(1000, Qualifier.AT_LEAST, 1000.0, None), hedge_interval(87000, Qualifier.EXACT, 87000.0, 87000.0)
    ((1000.0, inf), (87000.0, 87000.0))
    """
    inf = float("inf")
    lo = low if low is not None else (None if qualifier is Qualifier.AT_MOST else value)
    hi = high if high is not None else (None if qualifier is Qualifier.AT_LEAST else value)
    return (-inf if lo is None else float(lo), inf if hi is None else float(hi))


@functools.lru_cache(maxsize=65536)
def _span(date: PartialDate) -> tuple[int, int, int]:
    # shared: a million observations hold a few thousand distinct dates
    first, last = date.first_day.toordinal(), date.last_day.toordinal()
    return (first, last, first + (last - first) // 2)


#: equal intervals share one tuple (exact figures repeat: 181 deaths in many reports)
_INTERVALS: dict[tuple[float, float], tuple[float, float]] = {}


@attrs.frozen(kw_only=True)
class Observation:
    """One fact as the reconciler sees it: the fact, its bounds and its independent source.

    Attributes:
        fact: the extracted fact (kept whole: evidence, offsets, rule).
        low: lowest value the text allows (``None``: unbounded).
        high: highest value the text allows (``None``: unbounded).
        source: id of the copy cluster of the fact's document (the smallest document id among
            copies of one article); observations with the same source are one source.
        value: the figure's value.
        span: ``(first, last, middle)`` day of the as-of date as proleptic ordinals
            (:meth:`datetime.date.toordinal`), or ``None`` when undated.
        interval: the values the figure's hedge allows (see :func:`hedge_interval`).
    """

    fact: Fact
    low: float | None
    high: float | None
    source: str
    # derived once: a group judges each observation against several others
    value: int = attrs.field(init=False, eq=False, repr=False)
    span: tuple[int, int, int] | None = attrs.field(init=False, eq=False, repr=False)
    interval: tuple[float, float] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        fact = self.fact
        date = fact.as_of
        set_ = object.__setattr__
        set_(self, "value", fact.figure.value)
        set_(self, "span", None if date is None else _span(date))
        interval = hedge_interval(self.value, fact.figure.qualifier, self.low, self.high)
        set_(self, "interval", _INTERVALS.setdefault(interval, interval) if len(_INTERVALS) < 65536 else interval)

    @classmethod
    def from_fact(cls, fact: Fact, source: str | None = None) -> Observation:
        """Wrap a fact; ``source`` defaults to the fact's own document."""
        low, high = observation_bounds(fact)
        return cls(fact=fact, low=low, high=high, source=source or fact.doc)

    @property
    def doc(self) -> str:
        return self.fact.doc

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

    def sort_key(self) -> tuple[Any, ...]:
        """Dated first in date order, then undated; ties broken on the whole fact (determinism)."""
        span = self.span
        return (span is None, span[:2] if span else (), fact_key(self.fact))

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
        explanation: one sentence a person can read (written when first read: a string, or a
            function of no arguments that returns it).
        gap_days: days between the two as-of dates (0 when they overlap; ``None`` if undated).
        copies: whether the two documents are copies of one article.
    """

    a: Observation
    b: Observation
    verdict: Verdict = attrs.field(converter=Verdict)
    cause: str = attrs.field(converter=str)
    _explanation: str | Callable[[], str] = attrs.field(alias="explanation", eq=_explanation_text, repr=False)
    gap_days: int | None = None
    copies: bool = False

    @property
    def explanation(self) -> str:
        """The sentence explaining the verdict."""
        text = self._explanation
        if callable(text):
            text = text()
            object.__setattr__(self, "_explanation", text)  # written once, then kept
        return text

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
        rank: preferred, normal or deprecated; ``official`` for the official tables' value.
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
        pairs: verdicts between observations of different documents, ordered by their
            observations (a :class:`~peacefacts.reconciler.pairs.PairTable`: a sequence of
            :class:`Pair` records made on first access).
        series: points in date order, undated last.
    """

    subject: str
    metric: Metric
    category: str
    scope: str | None
    window: str | None
    observations: tuple[Observation, ...]
    pairs: Sequence[Pair]
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
