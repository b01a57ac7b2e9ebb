"""Verdict rules: small functions that judge one pair of observations.

Rules work like structlog processors: each receives the :class:`Comparison` and the judgement
so far (``None`` while undecided) and returns a judgement. The default rules decide only when
nothing has decided yet (they are wrapped in :func:`first_match`), in the order of
:data:`DEFAULT_RULES`; a rule appended after them sees the final judgement and may replace it::

    def ispr_runs_ahead(cmp, judgement):
        # national counts run ahead of the UN's: not a conflict for us
        if judgement and judgement.cause == "same_time_conflict" and "ispr" in cmp.b.fact.evidence.lower():
            return attrs.evolve(judgement, verdict=Verdict.AGREE, cause="publisher_offset")
        return judgement

    reconcile(facts, rules=[*DEFAULT_RULES, ispr_runs_ahead])

A judgement whose ``verdict`` is ``None`` means "do not pair these" (pledges, undated figures
that differ); if every rule returns ``None`` the pair is not reported either.

Conventions (docs/conventions.md): ``agree`` is the same value, or values compatible
through their hedges and within 5% at the same time; ``conflict`` is different values within
31 days, a cumulative total lower at a later date, or an implausible jump; any other difference
between dated observations is ``changed_over_time``; undated observations are paired only when
their values agree.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import attrs

from peacefacts.reconciler.model import TOLERANCE, Cause, Observation, Verdict, format_value
from peacefacts.records import Category, Metric, PartialDate, Qualifier

__all__ = [
    "SAME_TIME_DAYS",
    "INCIDENT_DAYS",
    "STALE_DAYS",
    "MAX_GROWTH_PER_YEAR",
    "MAX_STOCK_CHANGE_PER_YEAR",
    "MIN_JUMP",
    "Judgement",
    "Comparison",
    "Rule",
    "first_match",
    "gap_days",
    "values_compatible",
    "is_rounded",
    "rounding_unit",
    "pledges_not_paired",
    "incidents_far_apart",
    "copies_of_one_article",
    "same_value",
    "undated",
    "same_time",
    "cumulative_decrease",
    "implausible_jump",
    "changed_over_time",
    "DEFAULT_RULES",
]

#: Two dated observations at most this many days apart are "at the same time".
SAME_TIME_DAYS = 31
#: Deaths in one incident reported more than this many days apart are different incidents.
INCIDENT_DAYS = 7
#: The same exact all-time total repeated more than this many days later is probably a stale
#: figure copied forward, not a count that did not move.
STALE_DAYS = 365
#: An all-time total may at most double per year (at least one year allowed).
MAX_GROWTH_PER_YEAR = 2.0
#: A stock (deployed now, missions now) may change at most threefold per year either way:
#: contingents arrive and leave in blocks of hundreds, so stocks move faster than totals.
MAX_STOCK_CHANGE_PER_YEAR = 3.0
#: Changes of at most this many are never implausible (2 → 5 deaths is a small count).
MIN_JUMP = 10


@attrs.frozen(kw_only=True)
class Judgement:
    """A rule's decision on one pair.

    Attributes:
        verdict: agree, changed_over_time, conflict; ``None`` means "do not pair".
        cause: a :class:`~peacefacts.reconciler.model.Cause` value or a user rule's own string.
        explanation: one sentence a person can read.
    """

    verdict: Verdict | None = attrs.field(converter=lambda v: None if v is None else Verdict(v))
    cause: str = attrs.field(converter=str)
    explanation: str = ""

    @classmethod
    def skip(cls, explanation: str) -> Judgement:
        """A judgement that the two observations are not paired."""
        return cls(verdict=None, cause=Cause.NOT_COMPARABLE.value, explanation=explanation)


def gap_days(a: PartialDate | None, b: PartialDate | None) -> int | None:
    """Days between two partial dates as intervals: 0 when they overlap, ``None`` if undated.

    ``2013-10-01`` and ``2014`` are 92 days apart (to 2014-01-01), ``2014`` and ``2018-08-31``
    1339 days (from 2014-12-31): the closest days the two dates can mean.

    >>> gap_days(PartialDate(2013, 10, 1), PartialDate(2014))
    92
    """
    if a is None or b is None:
        return None
    if a.last_day < b.first_day:
        return (b.first_day - a.last_day).days
    if b.last_day < a.first_day:
        return (a.first_day - b.last_day).days
    return 0


def rounding_unit(obs: Observation) -> int:
    """The unit an exact figure looks rounded to (235,000 → 1000; 124,500 → 100), else 1.

    Only figures of 1,000 or more with at least two trailing zeros count as rounded: "300
    killed" is a count, "2,500 peacekeepers" a round number.
    """
    v = abs(obs.value)
    if obs.qualifier is not Qualifier.EXACT or v < 1000:
        return 1
    unit = 1
    while v % (unit * 10) == 0:
        unit *= 10
    return unit if unit >= 100 else 1


def is_rounded(obs: Observation) -> bool:
    """Whether an exact figure looks rounded (see :func:`rounding_unit`)."""
    return rounding_unit(obs) > 1


def _tolerant_interval(obs: Observation) -> tuple[float, float]:
    """The values a figure allows: exact → itself (± half its rounding unit); hedged → its
    bounds widened by 5%."""
    inf = float("inf")
    if obs.qualifier is Qualifier.EXACT:
        half = rounding_unit(obs) / 2 if is_rounded(obs) else 0.0
        return obs.value - half, obs.value + half
    low = obs.low if obs.low is not None else (None if obs.qualifier is Qualifier.AT_MOST else obs.value)
    high = obs.high if obs.high is not None else (None if obs.qualifier is Qualifier.AT_LEAST else obs.value)
    return (
        -inf if low is None else low * (1 - TOLERANCE),
        inf if high is None else high * (1 + TOLERANCE),
    )


def relative_difference(a: Observation, b: Observation) -> float:
    """``|a - b| / max(|a|, |b|)`` on the stated values (0 when both are 0)."""
    top = max(abs(a.value), abs(b.value))
    return abs(a.value - b.value) / top if top else 0.0


def values_compatible(a: Observation, b: Observation) -> bool:
    """Same value, or compatible through hedges/rounding *and* within 5%.

    "more than 40,000" and "more than 50,000" overlap as intervals but are 20% apart, so they
    are not compatible; "about 85" and 86 are.

    >>> from peacefacts.records import Fact, Figure
    >>> def obs(v, q="exact"):
    ...     return Observation.from_fact(Fact(doc="d", subject="X", metric="fatalities_total",
    ...                                       figure=Figure(value=v, qualifier=q)))
    >>> values_compatible(obs(85, "approx"), obs(86)), values_compatible(obs(100), obs(103))
    (True, False)
    """
    if a.value == b.value:
        return True
    if relative_difference(a, b) > TOLERANCE:
        return False
    lo_a, hi_a = _tolerant_interval(a)
    lo_b, hi_b = _tolerant_interval(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _narrower(smaller: Observation, larger: Observation) -> str | None:
    """Why ``smaller`` may count less than ``larger`` by scope, or ``None``."""
    s, b = smaller.fact, larger.fact
    if s.category is Category.TROOPS and b.category in (Category.PERSONNEL, None):
        return "the lower figure counts troops only"
    if s.since is not None and b.since is not None and s.since.first_day > b.since.first_day:
        return f"the lower figure counts from {s.since}, the higher from {b.since}"
    return None


def _month_index(date: PartialDate) -> int:
    return date.year * 12 + (date.month or 1) - 1


@attrs.frozen(kw_only=True)
class Comparison:
    """What a rule sees: two observations of one group from different documents.

    Attributes:
        subject: the group's subject, as shown in explanations.
        metric: the group's metric.
        a: the earlier observation (dated before undated).
        b: the later observation.
        copies: whether the two documents are copies of one article.
        similarity: the copies' estimated text similarity, when they are copies.
    """

    subject: str
    metric: Metric
    a: Observation
    b: Observation
    copies: bool = False
    similarity: float | None = None

    #: days between the as-of dates (0 when they overlap; ``None`` when either is undated)
    gap_days: int | None = attrs.field(init=False)
    #: days between the middles of the two as-of dates (``None`` when either is undated)
    elapsed_days: int | None = attrs.field(init=False)
    #: the observation with the later middle date; ``None`` if undated or equal
    later: Observation | None = attrs.field(init=False, repr=False)
    #: the other one, when ``later`` is known
    earlier: Observation | None = attrs.field(init=False, repr=False)
    #: whether the values agree through hedges or rounding (see :func:`values_compatible`)
    compatible: bool = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        # derived once here: every rule asks for them, and a group compares all its pairs
        sa, sb = self.a.span, self.b.span
        gap = elapsed = later = earlier = None
        if sa is not None and sb is not None:
            gap = (sb[0] - sa[1]).days if sa[1] < sb[0] else (sa[0] - sb[1]).days if sb[1] < sa[0] else 0
            elapsed = abs((sb[2] - sa[2]).days)
            if sa[2] != sb[2]:
                later, earlier = (self.b, self.a) if sb[2] > sa[2] else (self.a, self.b)
        set_ = object.__setattr__
        set_(self, "gap_days", gap)
        set_(self, "elapsed_days", elapsed)
        set_(self, "later", later)
        set_(self, "earlier", earlier)
        set_(self, "compatible", values_compatible(self.a, self.b))

    @property
    def dated(self) -> bool:
        return self.a.span is not None and self.b.span is not None

    @property
    def same_time(self) -> bool:
        """Both dated and at most :data:`SAME_TIME_DAYS` apart."""
        return self.gap_days is not None and self.gap_days <= SAME_TIME_DAYS

    def elapsed(self) -> str:
        """``31 months``, ``26 days``, ``7 years``: the time between the two as-of dates.

        Months are counted on the calendar when both dates have a month (2021-10-26 to 2024-05
        is 31 months), else from the middle days.
        """
        days = self.elapsed_days
        if days is None:
            return "an unknown time"
        a, b = self.a.as_of, self.b.as_of
        if a.month is not None and b.month is not None:  # type: ignore[union-attr]
            months = abs(_month_index(b) - _month_index(a))  # type: ignore[arg-type]
        else:
            months = round(days / 30.4375)
        if days < 62 or months < 2:
            return "1 day" if days == 1 else f"{days} days"
        if months < 48:
            return f"{months} months"
        return f"{round(months / 12)} years"

    def ordered(self) -> tuple[Observation, Observation]:
        """``(earlier, later)`` when the dates tell, else ``(a, b)``."""
        if self.earlier is not None and self.later is not None:
            return self.earlier, self.later
        return self.a, self.b

    def head(self, joiner: str = "→") -> str:
        """``Pakistan fatalities_total: 161 (2021-10-26) → 181 (2024-05)``."""
        first, second = self.ordered()
        return f"{self.subject} {self.metric.value}: {first.describe()} {joiner} {second.describe()}"

    def change(self) -> str:
        """``+20 in 31 months``: the signed change from the earlier to the later figure."""
        first, second = self.ordered()
        return f"{second.value - first.value:+,} in {self.elapsed()}"


#: A verdict rule: ``(comparison, judgement so far) -> judgement`` (``None``: undecided).
Rule = Callable[[Comparison, Judgement | None], Judgement | None]


def first_match(func: Callable[[Comparison], Judgement | None]) -> Rule:
    """Make ``func(cmp)`` a rule that decides only while nothing has decided yet.

    Example:
        >>> @first_match
        ... def army_figures_agree(cmp):
        ...     return None
        >>> army_figures_agree.__name__
        'army_figures_agree'
    """

    @functools.wraps(func)
    def rule(cmp: Comparison, judgement: Judgement | None = None) -> Judgement | None:
        if judgement is not None:
            return judgement
        return func(cmp)

    return rule


def _pct(cmp: Comparison) -> str:
    return f"{relative_difference(cmp.a, cmp.b):.1%}"


def _hedges(cmp: Comparison) -> str:
    words = []
    for obs in (cmp.a, cmp.b):
        if obs.qualifier is not Qualifier.EXACT:
            words.append(f"'{obs.qualifier.value}' on {format_value(obs.value)}")
        elif is_rounded(obs):
            words.append(f"rounding of {format_value(obs.value)}")
    return " and ".join(words) or "rounding"


@first_match
def pledges_not_paired(cmp: Comparison) -> Judgement | None:
    """Pledges and targets made at different times are distinct commitments: never paired."""
    if cmp.metric.is_forward_looking:
        return Judgement.skip("pledges are separate commitments")
    return None


@first_match
def incidents_far_apart(cmp: Comparison) -> Judgement | None:
    """Deaths in one incident are compared only when reported within a week (one incident)."""
    if cmp.metric.is_incident:
        gap = cmp.gap_days
        if gap is None or gap > INCIDENT_DAYS:
            return Judgement.skip("probably different incidents")
    return None


@first_match
def copies_of_one_article(cmp: Comparison) -> Judgement | None:
    """Two copies of one article: agree (one source), or an old and an updated version."""
    if not cmp.copies:
        return None
    sim = "" if cmp.similarity is None else f" (similarity {cmp.similarity:.2f})"
    if cmp.compatible:
        return Judgement(
            verdict=Verdict.AGREE,
            cause=Cause.COPY,
            explanation=f"{cmp.head('and')}: the same figure in two copies of one article{sim}; "
            "they count as one source",
        )
    return Judgement(
        verdict=Verdict.CHANGED_OVER_TIME,
        cause=Cause.REVISED_COPY,
        explanation=f"{cmp.head()}: two copies of one article{sim} give different figures, "
        "probably an old and an updated version; both figures are kept",
    )


@first_match
def same_value(cmp: Comparison) -> Judgement | None:
    """The same figure agrees; an exact all-time total unchanged for over a year is stale."""
    if cmp.a.value != cmp.b.value:
        return None
    gap = cmp.gap_days
    if (
        cmp.metric.is_cumulative
        and gap is not None
        and gap > STALE_DAYS
        and cmp.a.qualifier is Qualifier.EXACT
        and cmp.b.qualifier is Qualifier.EXACT
    ):
        return Judgement(
            verdict=Verdict.AGREE,
            cause=Cause.STALE_FIGURE,
            explanation=f"{cmp.head()}: the same exact total {cmp.elapsed()} apart; "
            "the later source probably repeats an older figure",
        )
    return Judgement(verdict=Verdict.AGREE, cause=Cause.SAME_VALUE, explanation=f"{cmp.head('and')}: the same value")


@first_match
def undated(cmp: Comparison) -> Judgement | None:
    """An undated observation agrees through hedges or rounding, or is not paired at all."""
    if cmp.dated:
        return None
    if cmp.compatible:
        return Judgement(
            verdict=Verdict.AGREE,
            cause=Cause.HEDGE_OR_ROUNDING,
            explanation=f"{cmp.head('and')}: {_pct(cmp)} apart, compatible through {_hedges(cmp)}",
        )
    return Judgement.skip("undated observations are paired only when their values agree")


@first_match
def same_time(cmp: Comparison) -> Judgement | None:
    """Within 31 days: agree through hedges/rounding within 5%, else a conflict."""
    if not cmp.same_time:
        return None
    gap = cmp.gap_days
    within = "at overlapping dates" if gap == 0 else "within 1 day" if gap == 1 else f"within {gap} days"
    # the convention measures between the closest days; say so when a date is only a year
    coarse = any(o.as_of is not None and o.as_of.precision == "year" for o in (cmp.a, cmp.b))
    note = "; a date is known only to the year" if coarse else ""
    if cmp.compatible:
        return Judgement(
            verdict=Verdict.AGREE,
            cause=Cause.HEDGE_OR_ROUNDING,
            explanation=f"{cmp.head('and')}: {_pct(cmp)} apart {within}, compatible through {_hedges(cmp)}{note}",
        )
    low, high = (cmp.a, cmp.b) if cmp.a.value < cmp.b.value else (cmp.b, cmp.a)
    why = _narrower(low, high)
    if why:
        return Judgement(
            verdict=Verdict.CONFLICT,
            cause=Cause.SCOPE_DIFFERENCE,
            explanation=f"{cmp.head('vs')}: different figures {within}; {why}, a narrower scope{note}",
        )
    return Judgement(
        verdict=Verdict.CONFLICT,
        cause=Cause.SAME_TIME_CONFLICT,
        explanation=f"{cmp.head('vs')}: different figures {within} ({_pct(cmp)} apart){note}",
    )


@first_match
def cumulative_decrease(cmp: Comparison) -> Judgement | None:
    """An all-time total lower at a later date is a conflict (unless rounding explains it)."""
    later, earlier = cmp.later, cmp.earlier
    if not cmp.metric.is_cumulative or later is None or earlier is None or later.value >= earlier.value:
        return None
    if cmp.compatible:
        return Judgement(
            verdict=Verdict.CHANGED_OVER_TIME,
            cause=Cause.HEDGE_OR_ROUNDING,
            explanation=f"{cmp.head()}: {cmp.change()}, but within {_pct(cmp)} through {_hedges(cmp)}; "
            "not a real decrease",
        )
    why = _narrower(later, earlier)
    if why:
        return Judgement(
            verdict=Verdict.CONFLICT,
            cause=Cause.SCOPE_DIFFERENCE,
            explanation=f"{cmp.head()}: {cmp.change()}, a cumulative total lower at a later date; {why}",
        )
    return Judgement(
        verdict=Verdict.CONFLICT,
        cause=Cause.CUMULATIVE_DECREASE,
        explanation=f"{cmp.head()}: {cmp.change()}; a cumulative total should not fall",
    )


@first_match
def implausible_jump(cmp: Comparison) -> Judgement | None:
    """A change too large for the elapsed time (all-time totals: ×2 a year; stocks: ×3)."""
    later, earlier = cmp.later, cmp.earlier
    if later is None or earlier is None or earlier.value <= 0 or later.value <= 0:
        return None
    if abs(later.value - earlier.value) <= MIN_JUMP:
        return None
    years = max(1.0, (cmp.elapsed_days or 0) / 365.25)
    if cmp.metric.is_cumulative:
        ratio = later.value / earlier.value
        allowed, what = MAX_GROWTH_PER_YEAR**years, f"more than ×{MAX_GROWTH_PER_YEAR:g} a year"
    else:
        ratio = max(later.value, earlier.value) / min(later.value, earlier.value)
        allowed, what = MAX_STOCK_CHANGE_PER_YEAR**years, f"more than ×{MAX_STOCK_CHANGE_PER_YEAR:g} a year"
    if ratio <= allowed:
        return None
    return Judgement(
        verdict=Verdict.CONFLICT,
        cause=Cause.IMPLAUSIBLE_JUMP,
        explanation=f"{cmp.head()}: {cmp.change()} (×{ratio:.1f}); {what} is implausible",
    )


@first_match
def changed_over_time(cmp: Comparison) -> Judgement | None:
    """Any other difference between dated observations: the older figure is stale."""
    if not cmp.dated:
        return None
    earlier, later = cmp.ordered()
    if cmp.metric.is_cumulative and later.value > earlier.value:
        why = "consistent with a growing cumulative count"
    else:
        why = "the figure changed; the older one is stale"
    return Judgement(
        verdict=Verdict.CHANGED_OVER_TIME,
        cause=Cause.STALE_FIGURE,
        explanation=f"{cmp.head()}: {cmp.change()}, {why}",
    )


#: The default rule chain, in order; extend it with ``[*DEFAULT_RULES, my_rule]``.
DEFAULT_RULES: tuple[Rule, ...] = (
    pledges_not_paired,
    incidents_far_apart,
    copies_of_one_article,
    same_value,
    undated,
    same_time,
    cumulative_decrease,
    implausible_jump,
    changed_over_time,
)


def judge(cmp: Comparison, rules: tuple[Rule, ...] = DEFAULT_RULES) -> Judgement | None:
    """Run the rule chain on one comparison; ``None`` or a ``verdict=None`` judgement: no pair."""
    judgement: Judgement | None = None
    for rule in rules:
        judgement = rule(cmp, judgement)
    return judgement

