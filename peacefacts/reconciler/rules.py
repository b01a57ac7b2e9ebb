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

Conventions (docs/reconcile.md, after the development corpus's labelling conventions):
``agree`` is the same value, or values compatible through their hedges and within 5% at the
same time; ``conflict`` is different values at the same time (within 31 days; a date known only
to the month or year only when the two dates overlap), different tolls for one incident, a
cumulative total lower at a later date, or an implausible jump; any other difference between
dated observations is ``changed_over_time``; undated observations are paired only when their
values agree. Copies of one article agree when their values do; otherwise their figures are
judged like any others (an old and an updated version).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import attrs

from peacefacts.reconciler.dates import SAME_TIME_DAYS, at_same_time, gap_days, spans_at_same_time
from peacefacts.reconciler.model import (
    TOLERANCE,
    Cause,
    Observation,
    Verdict,
    format_value,
)
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
    "at_same_time",
    "spans_at_same_time",
    "values_compatible",
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
    "judge",
    "compile_rules",
]

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


def _explanation_text(explanation: str | Callable[[], str]) -> str:
    return explanation() if callable(explanation) else explanation


def _optional_verdict(value: Verdict | str | None) -> Verdict | None:
    # a rule returns a Verdict almost always: skip the enum lookup then (millions of pairs)
    if value is None or value.__class__ is Verdict:
        return value
    return Verdict(value)


def _cause_text(value: object) -> str:
    return value.value if value.__class__ is Cause else str(value)


@attrs.frozen(kw_only=True)
class Judgement:
    """A rule's decision on one pair.

    The explanation may be given as a string or as a function of no arguments that returns
    it: the default rules pass a function, so the sentence is only written when somebody reads
    it (a reconciliation of a million facts judges millions of pairs and shows a few).

    Attributes:
        verdict: agree, changed_over_time, conflict; ``None`` means "do not pair".
        cause: a :class:`~peacefacts.reconciler.model.Cause` value or a user rule's own string.
        explanation: one sentence a person can read.

    Example:
        >>> j = Judgement(verdict="agree", cause="same_value", explanation=lambda: "161 and 161")
        >>> j.explanation, j == Judgement(verdict="agree", cause="same_value", explanation="161 and 161")
        ('161 and 161', True)
    """

    verdict: Verdict | None = attrs.field(converter=_optional_verdict)
    cause: str = attrs.field(converter=_cause_text)
    _explanation: str | Callable[[], str] = attrs.field(
        default="", alias="explanation", eq=_explanation_text, repr=False
    )

    @property
    def explanation(self) -> str:
        """The sentence (written now if the rule deferred it)."""
        return _explanation_text(self._explanation)

    @classmethod
    def skip(cls, explanation: str) -> Judgement:
        """A judgement that the two observations are not paired."""
        return cls(verdict=None, cause=Cause.NOT_COMPARABLE.value, explanation=explanation)


def relative_difference(a: Observation, b: Observation) -> float:
    """``|a - b| / max(|a|, |b|)`` on the stated values (0 when both are 0)."""
    top = max(abs(a.value), abs(b.value))
    return abs(a.value - b.value) / top if top else 0.0


def values_compatible(a: Observation, b: Observation) -> bool:
    """Same value, or compatible through their hedges *and* within 5%.

    Compatible through hedges: some value is allowed by both (their
    :func:`~peacefacts.reconciler.model.hedge_interval` overlap). "more than 40,000" and "more
    than 50,000" overlap but are 20% apart, so they are not compatible; "about 85" and 86 are;
    960 and "more than 1,000" are not (4% apart, but 960 is not more than 1,000); two different
    exact figures never are (87,000 and 87,400: an exact figure has no hedge).

    >>> from peacefacts.records import Fact, Figure
    >>> def obs(v, q="exact"):
    ...     return Observation.from_fact(Fact(doc="d", subject="X", metric="fatalities_total",
    ...                                       figure=Figure(value=v, qualifier=q)))
    >>> values_compatible(obs(85, "approx"), obs(86)), values_compatible(obs(100), obs(103))
    (True, False)
    >>> values_compatible(obs(1000, "at_least"), obs(960)), values_compatible(obs(87000), obs(87400))
    (False, False)
    """
    va, vb = a.value, b.value
    if va == vb:
        return True
    # relative_difference, inline: this runs for every pair judged
    top = max(abs(va), abs(vb))
    if top and abs(va - vb) / top > TOLERANCE:
        return False
    lo_a, hi_a = a.interval
    lo_b, hi_b = b.interval
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


class Comparison:
    """What a rule sees: two observations of one group from different documents.

    Read-only by convention (a plain slotted class rather than a frozen record: a large
    reconciliation builds one for every pair it judges, and this is the cheapest object).

    Attributes:
        subject: the group's subject, as shown in explanations.
        metric: the group's metric.
        a: the earlier observation (dated before undated).
        b: the later observation.
        copies: whether the two documents are copies of one article.
        similarity: the copies' estimated text similarity, when they are copies.
        gap_days: days between the closest days of the as-of dates (0 when they overlap;
            ``None`` when either is undated).
        same_time: both dated and at the same time (see :func:`spans_at_same_time`).
        elapsed_days: days between the middles of the two as-of dates (``None`` when either is
            undated).
        later: the observation with the later middle date; ``None`` if undated or equal.
        earlier: the other one, when ``later`` is known.
        compatible: whether the values agree through their hedges (see
            :func:`values_compatible`).
    """

    __slots__ = (
        "subject", "metric", "a", "b", "copies", "similarity",
        "gap_days", "same_time", "elapsed_days", "later", "earlier", "compatible",
    )

    subject: str
    metric: Metric
    a: Observation
    b: Observation
    copies: bool
    similarity: float | None
    gap_days: int | None
    same_time: bool
    elapsed_days: int | None
    later: Observation | None
    earlier: Observation | None
    compatible: bool

    def __init__(
        self,
        *,
        subject: str,
        metric: Metric,
        a: Observation,
        b: Observation,
        copies: bool = False,
        similarity: float | None = None,
    ) -> None:
        self.subject = subject
        self.metric = metric
        self.a = a
        self.b = b
        self.copies = copies
        self.similarity = similarity
        # derived once here: every rule asks for them (spans are day ordinals: first, last, middle)
        sa, sb = a.span, b.span
        gap = elapsed = later = earlier = None
        same_time = False
        if sa is not None and sb is not None:
            gap = sb[0] - sa[1] if sa[1] < sb[0] else sa[0] - sb[1] if sb[1] < sa[0] else 0
            # spans_at_same_time, inline: every pair judged asks
            same_time = gap == 0 or (gap <= SAME_TIME_DAYS and sa[0] == sa[1] and sb[0] == sb[1])
            elapsed = abs(sb[2] - sa[2])
            if sa[2] != sb[2]:
                later, earlier = (b, a) if sb[2] > sa[2] else (a, b)
        self.gap_days = gap
        self.same_time = same_time
        self.elapsed_days = elapsed
        self.later = later
        self.earlier = earlier
        self.compatible = values_compatible(a, b)

    def __repr__(self) -> str:
        return f"<Comparison {self.subject} {self.metric.value}: {self.a.describe()} / {self.b.describe()}>"

    @property
    def dated(self) -> bool:
        return self.a.span is not None and self.b.span is not None

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

    rule.__first_match__ = func  # type: ignore[attr-defined]  # lets compile_rules skip the wrapper
    return rule


def _pct(cmp: Comparison) -> str:
    return f"{relative_difference(cmp.a, cmp.b):.1%}"


def _hedges(cmp: Comparison) -> str:
    words = [
        f"'{obs.qualifier.value}' on {format_value(obs.value)}"
        for obs in (cmp.a, cmp.b)
        if obs.qualifier is not Qualifier.EXACT
    ]
    return " and ".join(words) or "their stated bounds"


def _similarity(cmp: Comparison) -> str:
    return "" if cmp.similarity is None else f" (similarity {cmp.similarity:.2f})"


def _versions(cmp: Comparison) -> str:
    return f"; the two are copies of one article{_similarity(cmp)}, probably an old and an updated version" if cmp.copies else ""


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
    """Two copies of one article whose figures are compatible agree (they are one source).

    Copies with different figures (an old and an updated version of one page) are left to the
    other rules: their figures stay apart and are judged like any others, so two versions that
    give different tolls for one incident conflict, and a figure updated to a later date is a
    change over time (cause ``revised_copy``).
    """
    if not cmp.copies or not cmp.compatible:
        return None
    return Judgement(
        verdict=Verdict.AGREE,
        cause=Cause.COPY,
        explanation=lambda: f"{cmp.head('and')}: the same figure in two copies of one article{_similarity(cmp)}; "
        "they count as one source",
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
            explanation=lambda: f"{cmp.head()}: the same exact total {cmp.elapsed()} apart; "
            "the later source probably repeats an older figure",
        )
    return Judgement(verdict=Verdict.AGREE, cause=Cause.SAME_VALUE, explanation=lambda: f"{cmp.head('and')}: the same value")


@first_match
def undated(cmp: Comparison) -> Judgement | None:
    """An undated observation agrees through hedges or rounding, or is not paired at all."""
    if cmp.dated:
        return None
    if cmp.compatible:
        return Judgement(
            verdict=Verdict.AGREE,
            cause=Cause.HEDGE_OR_ROUNDING,
            explanation=lambda: f"{cmp.head('and')}: {_pct(cmp)} apart, compatible through {_hedges(cmp)}",
        )
    return Judgement.skip("undated observations are paired only when their values agree")


@first_match
def same_time(cmp: Comparison) -> Judgement | None:
    """At the same time, or two tolls of one incident: agree through hedges within 5%, else a
    conflict.

    Tolls of one incident (reported within :data:`INCIDENT_DAYS`, see
    :func:`incidents_far_apart`) are one count whatever their dates.
    """
    incident = cmp.metric.is_incident and cmp.dated
    if not (cmp.same_time or incident):
        return None
    gap = cmp.gap_days
    within = "at overlapping dates" if gap == 0 else "within 1 day" if gap == 1 else f"within {gap} days"
    if incident:
        within = f"for one incident ({within})" if gap else "for one incident"
    # a year overlaps a whole year of other dates: say so (a month is left unsaid, as in captions)
    coarse = any(o.as_of is not None and o.as_of.precision == "year" for o in (cmp.a, cmp.b))
    note = "; a date is known only to the year" if coarse else ""
    if cmp.compatible:
        return Judgement(
            verdict=Verdict.AGREE,
            cause=Cause.HEDGE_OR_ROUNDING,
            explanation=lambda: f"{cmp.head('and')}: {_pct(cmp)} apart {within}, compatible through {_hedges(cmp)}{note}",
        )
    low, high = (cmp.a, cmp.b) if cmp.a.value < cmp.b.value else (cmp.b, cmp.a)
    why = _narrower(low, high)
    if why:
        return Judgement(
            verdict=Verdict.CONFLICT,
            cause=Cause.SCOPE_DIFFERENCE,
            explanation=lambda: f"{cmp.head('vs')}: different figures {within}; {why}, a narrower scope{note}{_versions(cmp)}",
        )
    return Judgement(
        verdict=Verdict.CONFLICT,
        cause=Cause.SAME_TIME_CONFLICT,
        explanation=lambda: f"{cmp.head('vs')}: different figures {within} ({_pct(cmp)} apart){note}{_versions(cmp)}",
    )


@first_match
def cumulative_decrease(cmp: Comparison) -> Judgement | None:
    """An all-time total lower at a later date is a conflict (unless a hedge explains it:
    "about 170", then 168)."""
    later, earlier = cmp.later, cmp.earlier
    if not cmp.metric.is_cumulative or later is None or earlier is None or later.value >= earlier.value:
        return None
    if cmp.compatible:
        return Judgement(
            verdict=Verdict.CHANGED_OVER_TIME,
            cause=Cause.HEDGE_OR_ROUNDING,
            explanation=lambda: f"{cmp.head()}: {cmp.change()}, but within {_pct(cmp)} through {_hedges(cmp)}; "
            "not a real decrease",
        )
    why = _narrower(later, earlier)
    if why:
        return Judgement(
            verdict=Verdict.CONFLICT,
            cause=Cause.SCOPE_DIFFERENCE,
            explanation=lambda: f"{cmp.head()}: {cmp.change()}, a cumulative total lower at a later date; {why}{_versions(cmp)}",
        )
    return Judgement(
        verdict=Verdict.CONFLICT,
        cause=Cause.CUMULATIVE_DECREASE,
        explanation=lambda: f"{cmp.head()}: {cmp.change()}; a cumulative total should not fall{_versions(cmp)}",
    )


@first_match
def implausible_jump(cmp: Comparison) -> Judgement | None:
    """A change too large for the elapsed time (all-time totals: ×2 a year; stocks: ×3)."""
    later, earlier = cmp.later, cmp.earlier
    if later is None or earlier is None or earlier.value <= 0 or later.value <= 0:
        return None
    if abs(later.value - earlier.value) <= MIN_JUMP:
        return None
    # capped: a century allows any ratio of values within MAX_FACT_VALUE, and ×3 to the power of
    # 8,000 years (dates run from year 1) is a float overflow
    years = min(100.0, max(1.0, (cmp.elapsed_days or 0) / 365.25))
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
        explanation=lambda: f"{cmp.head()}: {cmp.change()} (×{ratio:.1f}); {what} is implausible{_versions(cmp)}",
    )


@first_match
def changed_over_time(cmp: Comparison) -> Judgement | None:
    """Any other difference between dated observations: the older figure is stale (or, in two
    copies of one article, the older version's)."""
    if not cmp.dated:
        return None
    if cmp.copies:
        return Judgement(
            verdict=Verdict.CHANGED_OVER_TIME,
            cause=Cause.REVISED_COPY,
            explanation=lambda: f"{cmp.head()}: two copies of one article{_similarity(cmp)} give different figures at "
            "different dates, probably an old and an updated version; both figures are kept",
        )
    earlier, later = cmp.ordered()
    if cmp.metric.is_cumulative and later.value > earlier.value:
        why = "consistent with a growing cumulative count"
    else:
        why = "the figure changed; the older one is stale"
    return Judgement(
        verdict=Verdict.CHANGED_OVER_TIME,
        cause=Cause.STALE_FIGURE,
        explanation=lambda: f"{cmp.head()}: {cmp.change()}, {why}",
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


def judge(cmp: Comparison, rules: Sequence[Rule] = DEFAULT_RULES) -> Judgement | None:
    """Run the rule chain on one comparison; ``None`` or a ``verdict=None`` judgement: no pair."""
    judgement: Judgement | None = None
    for rule in rules:
        judgement = rule(cmp, judgement)
    return judgement


def compile_rules(rules: Sequence[Rule]) -> Callable[[Comparison], Judgement | None]:
    """:func:`judge` with the chain fixed, for judging many pairs with one chain.

    Gives the same judgement as ``judge(cmp, rules)``: a :func:`first_match` rule after a
    decision would return that decision unchanged, so it is not called at all.
    """
    # runs of first_match rules (called until one decides) and of plain rules (always called)
    segments: list[tuple[bool, list[Callable[..., Judgement | None]]]] = []
    for rule in rules:
        decide: Callable[..., Judgement | None] | None = getattr(rule, "__first_match__", None)
        first = decide is not None
        if not segments or segments[-1][0] != first:
            segments.append((first, []))
        segments[-1][1].append(decide if decide is not None else rule)
    plan = tuple((first, tuple(funcs)) for first, funcs in segments)

    def run(cmp: Comparison) -> Judgement | None:
        judgement: Judgement | None = None
        for first, funcs in plan:
            if first:
                if judgement is None:
                    for decide in funcs:
                        judgement = decide(cmp)
                        if judgement is not None:
                            break
            else:
                for rule in funcs:
                    judgement = rule(cmp, judgement)
        return judgement

    return run
