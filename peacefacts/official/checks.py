"""One claim against the official tables: which check applies, the official values, a verdict.

The kinds of check (:class:`CheckKind`):

============================  =================================================================
``country_fatalities``        deaths of a country's nationals up to the claim's date (since its
                              ``since``, or in one year when ``since`` and ``as_of`` are that year)
``mission_fatalities``        deaths in a mission, likewise
``un_fatalities``             all deaths in UN peacekeeping, likewise
``mission_incident``          deaths in a mission within ±2 days of the incident's day
``country_incident``          deaths of a country's nationals within ±2 days
``country_deployed``          a country's uniformed personnel at the months around the claim's
                              date (1990-11..2014-02)
``un_deployed``               all contributors' uniformed personnel, likewise
============================  =================================================================

A claim is judged on the official scope its category names: troops on the military (or the
IPI's troops), police on the police, military observers on the military observers (the IPI's
experts on mission). Only a figure of "personnel" or "peacekeepers" (or no category) can mean
either all personnel or the uniformed only; it is judged on both and the better fit decides. The
record also shows the wider scopes beside a named type ("troops": uniformed and all personnel),
for context; they never decide the verdict.

Verdicts (:class:`Verdict`): ``matches`` when the claim's hedge admits an official value
("about 140": 133..147; "at least 15": 15 to 22, :data:`BOUND_REACH`), ``uninformative`` when a
one-sided bound holds only far from its figure ("at least 100" of 3,119), ``near`` when it misses by no more than the
tolerance (default: 1, or 1% of the official value if larger, but never more than 10% of it, so
nothing is near an official 0: :class:`Tolerance`), ``differs`` otherwise, and
``not_checkable`` with a :class:`Unchecked` cause and a reason.

Partial dates are checked over their whole span: a ``YYYY-MM`` cumulative claim against the
range of the official count through that month; a deployment against the month ends around it.

>>> from peacefacts.records import Fact, Figure
>>> from peacefacts.official.tables import load_bundled
>>> fact = Fact(doc="mofa", subject="Pakistan", metric="fatalities_total", figure=Figure.exact(161),
...             as_of="2021-10-26", category="personnel")
>>> v = check_fact(fact, load_bundled())
>>> v.verdict.value, v.difference, [(s, str(r)) for s, r in v.official]
('differs', 2, [('all', '159'), ('uniformed', '156')])
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
import math
from typing import Any, Optional

import attrs

from peacefacts.io.convert import to_record
from peacefacts.official.scopes import DEPLOYED_SCOPES_FOR, EITHER_SCOPE, FATALITY_SCOPES_FOR, SCOPE_LABELS
from peacefacts.official.tables import FatalityTable, OfficialTables
from peacefacts.records import Fact, Metric, PartialDate, Qualifier
from peacefacts.vocab import country_for, mission_for, normalize

__all__ = [
    "APPROX_BAND",
    "BOUND_REACH",
    "INCIDENT_DAYS",
    "Verdict",
    "CheckKind",
    "Unchecked",
    "Tolerance",
    "OfficialRange",
    "Verification",
    "claim_bounds",
    "resolve_subject",
    "check_fact",
    "SCOPE_LABELS",
]

#: "about N" admits N ± 5%, the same hedge band the reconciler gives an approximate figure.
APPROX_BAND = 0.05
#: How far a one-sided bound reaches: "at least / more than / over N" matches an official value
#: up to N × 1.5, "up to / at most N" one down to N / 1.5. Beyond that the bound holds but says
#: little about the record (a writer who knew of 3,119 deaths would not say "at least 100"): the
#: verdict is ``uninformative``.
BOUND_REACH = 1.5
#: An incident toll is compared with the deaths within this many days of the incident's date:
#: reports date an attack by the day they learn of it, and the wounded die days later.
INCIDENT_DAYS = 2


class Verdict(str, enum.Enum):
    """What the official tables say of a claim."""

    MATCHES = "matches"
    NEAR = "near"
    #: a one-sided bound the record satisfies but sits far from ("at least 100" of 3,119):
    #: true, but no support for the figure (see :data:`BOUND_REACH`)
    UNINFORMATIVE = "uninformative"
    DIFFERS = "differs"
    NOT_CHECKABLE = "not_checkable"

    def __str__(self) -> str:
        return self.value


_VERDICT_ORDER = {Verdict.MATCHES: 0, Verdict.NEAR: 1, Verdict.UNINFORMATIVE: 2, Verdict.DIFFERS: 3,
                  Verdict.NOT_CHECKABLE: 4}


class CheckKind(str, enum.Enum):
    """Which question the tables were asked."""

    COUNTRY_FATALITIES = "country_fatalities"
    MISSION_FATALITIES = "mission_fatalities"
    UN_FATALITIES = "un_fatalities"
    MISSION_INCIDENT = "mission_incident"
    COUNTRY_INCIDENT = "country_incident"
    COUNTRY_DEPLOYED = "country_deployed"
    UN_DEPLOYED = "un_deployed"

    def __str__(self) -> str:
        return self.value


class Unchecked(str, enum.Enum):
    """Why a claim could not be checked."""

    NO_DATE = "undated"  # no as-of date
    OUT_OF_RANGE = "out_of_range"  # the date lies outside the table
    DATE_TOO_COARSE = "date_too_coarse"  # an incident dated only to a month or a year
    SCOPE_NOT_HELD = "scope_not_held"  # e.g. a mission's strength, women deployed, army only
    METRIC_NOT_HELD = "metric_not_held"  # e.g. everyone who ever served, injuries, pledges
    UNKNOWN_SUBJECT = "unknown_subject"  # not a country, a mission or the UN

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Tolerance:
    """How far outside a claim's hedge an official value may be for the verdict ``near``.

    The allowance is the larger of ``absolute`` and ``relative`` × the official value, but never
    more than ``cap`` × the official value. The cap is for small counts: one death either way is
    near an official 159 (0.6%) but not an official 3 (33%), and nothing is near an official 0, so
    a claim of 1 death where the record has none ``differs`` (unless its hedge admits 0).

    >>> Tolerance().allowance(159), Tolerance().allowance(9425)
    (1.59, 94.25)
    >>> Tolerance().allowance(16), Tolerance().allowance(5), Tolerance().allowance(0)
    (1.0, 0.5, 0.0)
    """

    absolute: float = attrs.field(default=1.0, validator=attrs.validators.ge(0))
    relative: float = attrs.field(default=0.01, validator=attrs.validators.ge(0))
    cap: float = attrs.field(default=0.1, validator=attrs.validators.ge(0))

    def allowance(self, official: float) -> float:
        """The allowance for ``near`` at an official value."""
        return min(max(self.absolute, self.relative * abs(official)), self.cap * abs(official))


@attrs.frozen
class OfficialRange:
    """The official value over the claim's span: one number, or a range (``170..172``)."""

    low: int
    high: int

    def nearest(self, value: float) -> int:
        """The official value closest to ``value``."""
        return self.low if value <= self.low else self.high if value >= self.high else int(value)

    def __str__(self) -> str:
        return f"{self.low:,}" if self.low == self.high else f"{self.low:,}..{self.high:,}"


_NOT_HELD = {
    Metric.PERSONNEL_SERVED_TOTAL: "no official table counts everyone who ever served; only national sources publish it",
    Metric.MISSIONS_SERVED_TOTAL: "the official tables do not count the missions a country has served in",
    Metric.MISSIONS_CURRENT: "the official tables do not list a country's current missions",
    Metric.COUNTRIES_SERVED_TOTAL: "the official tables do not count the countries served in",
    Metric.INJURIES_TOTAL: "the official tables record deaths, not injuries",
    Metric.PERSONNEL_PLEDGED: "a pledge is a future commitment; the tables record deployments and deaths",
    Metric.WOMEN_DEPLOYED: "the contributions table has no breakdown by sex",
}

_UN_NAMES = frozenset({"un", "u.n.", "united nations", "un peacekeeping", "united nations peacekeeping"})


@attrs.frozen(kw_only=True)
class Verification:
    """One claim checked against the official tables.

    Attributes:
        fact: the claim.
        source: the publisher (the page's domain), or the document id when the page has no URL.
        verdict: matches, near, uninformative, differs or not_checkable.
        reason: one sentence a person reads: what was compared, or why nothing could be.
        check: the kind of check, when one applies.
        table: the official table asked (``fatalities``, ``contributions``, ``contribution_totals``).
        official: (scope, official value) for every scope the claim can mean, in order.
        scope: the scope the verdict and the difference refer to: the one the claim's category
            names (troops: military), the better fit of all and uniformed for personnel.
        difference: the claim's value minus the nearest official value of ``scope``.
        relative_difference: ``difference`` over that official value (``None`` when it is 0).
        tolerance: the allowance for ``near`` at that official value.
        cause: for ``not_checkable``, an :class:`Unchecked` value.
        period_start: first day counted (``None``: from the table's first record).
        period_end: the earliest day the claim's date can mean (the last day counted).
        period_end_latest: the latest day it can mean.
        details: per-day deaths of an incident window, or the monthly values of a deployment,
            in the chosen scope (date string → number).
        warnings: what was set aside to check the claim (a ``since`` after its date); each also
            ends the reason.
    """

    fact: Fact
    source: str
    verdict: Verdict = attrs.field(converter=Verdict)
    reason: str
    check: Optional[CheckKind] = None
    table: Optional[str] = None
    official: tuple[tuple[str, OfficialRange], ...] = ()
    scope: Optional[str] = None
    difference: Optional[int] = None
    relative_difference: Optional[float] = None
    tolerance: Optional[float] = None
    cause: Optional[Unchecked] = None
    period_start: Optional[_dt.date] = None
    period_end: Optional[_dt.date] = None
    period_end_latest: Optional[_dt.date] = None
    details: tuple[tuple[str, int], ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def doc(self) -> str:
        return self.fact.doc

    @property
    def checked(self) -> bool:
        """Whether the tables could check the claim (any verdict but ``not_checkable``)."""
        return self.verdict is not Verdict.NOT_CHECKABLE

    def official_value(self, scope: Optional[str] = None) -> Optional[OfficialRange]:
        """The official value in ``scope`` (default: the verdict's scope)."""
        wanted = scope or self.scope
        return next((r for s, r in self.official if s == wanted), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``docs/schema/verify.schema.json``, record type ``verification``)."""
        return {
            "type": "verification",
            "doc": self.fact.doc,
            "source": self.source,
            "subject": self.fact.subject,
            "metric": self.fact.metric.value,
            "claim": to_record(self.fact),
            "check": None if self.check is None else self.check.value,
            "table": self.table,
            "official": {s: {"low": r.low, "high": r.high} for s, r in self.official},
            "scope": self.scope,
            "difference": self.difference,
            "relative_difference": self.relative_difference,
            "tolerance": self.tolerance,
            "verdict": self.verdict.value,
            "cause": None if self.cause is None else self.cause.value,
            "reason": self.reason,
            "period": {
                "start": _iso(self.period_start),
                "end": _iso(self.period_end),
                "end_latest": _iso(self.period_end_latest),
            },
            "details": dict(self.details),
            "warnings": list(self.warnings),
        }


def _iso(day: Optional[_dt.date]) -> Optional[str]:
    return None if day is None else day.isoformat()


def claim_bounds(fact: Fact) -> tuple[Optional[float], Optional[float]]:
    """``(low, high)`` the claim admits: the extractor's bounds, else from its hedge.

    >>> from peacefacts.records import Fact, Figure
    >>> claim_bounds(Fact(doc="d", subject="Ghana", metric="fatalities_total",
    ...                   figure=Figure(value=140, qualifier="approx")))
    (133.0, 147.0)
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
        return float(math.floor(v * (1 - APPROX_BAND))), float(math.ceil(v * (1 + APPROX_BAND)))
    return v, v


def resolve_subject(subject: str, tables: OfficialTables) -> tuple[Optional[str], str]:
    """``("un" | "mission" | "country" | None, name)`` for a fact's subject.

    A subject is the UN, a mission (acronym or name, :func:`peacefacts.vocab.mission_for`, or
    any mission of the fatalities table), or a country (:func:`peacefacts.vocab.country_for`, or
    a nationality as the tables write it: "United Republic of Tanzania", "Yugoslavia").

    >>> from peacefacts.official.tables import load_bundled
    >>> t = load_bundled()
    >>> resolve_subject("UN", t), resolve_subject("MONUSCO", t), resolve_subject("Republic of Korea", t)
    (('un', 'UN'), ('mission', 'MONUSCO'), ('country', 'South Korea'))
    """
    text = " ".join(subject.split())
    if normalize(text) in _UN_NAMES:
        return "un", "UN"
    mission = tables.mission_named(text) or mission_for(text)
    if mission is not None:
        return "mission", mission
    country = country_for(text) or tables.country_named(text)
    if country is not None:
        return "country", country
    return None, text


def _unchecked(fact: Fact, source: str, cause: Unchecked, reason: str, check: Optional[CheckKind] = None) -> Verification:
    return Verification(fact=fact, source=source, verdict=Verdict.NOT_CHECKABLE, cause=cause, reason=reason, check=check)


def _judge(
    fact: Fact, official: dict[str, OfficialRange], tolerance: Tolerance
) -> tuple[str, Verdict, int, Optional[float], float]:
    """The scope judged (the better fit where the category allows two), its verdict, the difference,
    the relative difference, the allowance."""
    low, high = claim_bounds(fact)
    value = fact.value
    judged = list(official.items())
    if fact.category not in EITHER_SCOPE:
        judged = judged[:1]
    best: Optional[tuple[tuple[int, int, int], str, Verdict, int, Optional[float], float]] = None
    for order, (scope, rng) in enumerate(judged):
        nearest = rng.nearest(value)
        difference = value - nearest
        if high is not None and high < rng.low:
            gap = rng.low - high
        elif low is not None and low > rng.high:
            gap = low - rng.high
        else:
            gap = 0.0
        allowance = tolerance.allowance(nearest)
        if gap > 0:
            verdict = Verdict.NEAR if gap <= allowance else Verdict.DIFFERS
        elif _beyond_reach(low, high, rng):
            verdict = Verdict.UNINFORMATIVE
        else:
            verdict = Verdict.MATCHES
        relative = None if nearest == 0 else round(difference / nearest, 4)
        key = (_VERDICT_ORDER[verdict], abs(difference), order)
        if best is None or key < best[0]:
            best = (key, scope, verdict, difference, relative, round(allowance, 4))
    assert best is not None
    return best[1], best[2], best[3], best[4], best[5]


def _beyond_reach(low: Optional[float], high: Optional[float], rng: OfficialRange) -> bool:
    """Whether a one-sided bound holds for ``rng`` only far from its own value (:data:`BOUND_REACH`)."""
    if high is None and low is not None:
        return rng.low > low * BOUND_REACH
    if low is None and high is not None:
        return rng.high < high / BOUND_REACH
    return False


def _claim_text(fact: Fact) -> str:
    hedge = {Qualifier.AT_LEAST: "at least ", Qualifier.AT_MOST: "at most ", Qualifier.APPROX: "about "}
    return f"{hedge.get(fact.qualifier, '')}{fact.value:,}"


def _reason(fact: Fact, official: dict[str, OfficialRange], scope: str, difference: int, basis: str) -> str:
    scopes = "; ".join([f"{SCOPE_LABELS[scope]}"] + [f"{rng} {SCOPE_LABELS[s]}" for s, rng in official.items() if s != scope])
    claim = _claim_text(fact)
    main = official[scope]
    low, high = claim_bounds(fact)
    if difference == 0:
        relation = f"{claim} agrees with the official {main}"
    elif _admits(fact, main) and _beyond_reach(low, high, main):
        far = f"over {BOUND_REACH:g}× the bound" if high is None else f"under the bound / {BOUND_REACH:g}"
        relation = f"{claim} holds but says little: the official {main} is {far}"
    elif fact.qualifier is not Qualifier.EXACT and claim_bounds(fact) != (fact.value, fact.value) and _admits(fact, main):
        relation = f"{claim} admits the official {main}"
    else:
        relation = f"{claim} is {abs(difference):,} {'above' if difference > 0 else 'below'} the official {main}"
    return f"{relation} ({scopes}): {basis}"


def _admits(fact: Fact, rng: OfficialRange) -> bool:
    low, high = claim_bounds(fact)
    return (high is None or high >= rng.low) and (low is None or low <= rng.high)


def _finish(
    fact: Fact, source: str, check: CheckKind, table: str, official: dict[str, OfficialRange], tolerance: Tolerance,
    basis: str, start: Optional[_dt.date], end: _dt.date, end_latest: _dt.date,
    details: Optional[dict[str, dict[str, int]]] = None, warnings: tuple[str, ...] = (),
) -> Verification:
    scope, verdict, difference, relative, allowance = _judge(fact, official, tolerance)
    reason = _reason(fact, official, scope, difference, basis)
    return Verification(
        fact=fact, source=source, verdict=verdict, check=check, table=table,
        official=tuple(official.items()), scope=scope, difference=difference, relative_difference=relative,
        tolerance=allowance, reason="; ".join((reason, *(f"warning: {w}" for w in warnings))),
        period_start=start, period_end=end, period_end_latest=end_latest,
        details=tuple(sorted((details or {}).get(scope, {}).items())), warnings=warnings,
    )


def _span(date: PartialDate) -> str:
    return str(date) if date.precision == "day" else f"{date} ({date.first_day}..{date.last_day})"


def _outside_fatalities(as_of: PartialDate, table: FatalityTable) -> str:
    prov = table.provenance
    if prov.last_update and table.last_date != table.last_record:
        covered = (f"{table.first_date} to its last update {table.last_date}; "
                   f"last recorded death {table.last_record}")
    else:
        covered = f"{table.first_date}..{table.last_date}" + (f", last update {prov.last_update}" if prov.last_update else "")
    return f"dated {as_of}, outside the fatalities table ({covered})"


def _fatalities_total(
    fact: Fact, source: str, kind: str, name: str, tables: OfficialTables, tolerance: Tolerance
) -> Verification:
    table = tables.fatalities
    check = {"un": CheckKind.UN_FATALITIES, "mission": CheckKind.MISSION_FATALITIES,
             "country": CheckKind.COUNTRY_FATALITIES}[kind]
    as_of = fact.as_of
    assert as_of is not None
    prov = table.provenance
    if as_of.last_day > table.last_date or as_of.first_day < table.first_date:
        return _unchecked(
            fact, source, Unchecked.OUT_OF_RANGE,
            _outside_fatalities(as_of, table),
            check,
        )
    since = fact.since if fact.since is not None and fact.since.first_day <= as_of.first_day else None
    warnings: tuple[str, ...] = ()
    if fact.since is not None and since is None:
        # a count cannot start after it is taken: a misread date, most likely; the claim is
        # still checked, from the table's first record, and says so
        warnings = (f"its start (since {fact.since}) is after its date ({as_of}), so it was counted from the "
                    "table's first record",)
    start = since.first_day if since is not None else None
    if since is not None and since == as_of and as_of.precision != "day":
        end = end_latest = as_of.last_day  # deaths within one year (or month): the whole period
        period = f"in {as_of}"
    else:
        end, end_latest = as_of.first_day, as_of.last_day
        period = (f"from {since} " if since is not None else "") + f"up to {_span(as_of)}"
    selector = {"country": name} if kind == "country" else {"mission": name} if kind == "mission" else {}
    official = {}
    for scope in FATALITY_SCOPES_FOR[fact.category]:
        low = table.count(start=start, end=end, scope=scope, **selector)
        high = low if end_latest == end else table.count(start=start, end=end_latest, scope=scope, **selector)
        official[scope] = OfficialRange(low, high)
    who = {"un": "all UN peacekeeping deaths", "mission": f"deaths in {name}", "country": f"deaths of {name} nationals"}[kind]
    basis = f"{who} {period}, UN fatalities table (last update {prov.last_update})"
    return _finish(fact, source, check, "fatalities", official, tolerance, basis, start, end, end_latest,
                   warnings=warnings)


def _fatalities_incident(
    fact: Fact, source: str, kind: str, name: str, tables: OfficialTables, tolerance: Tolerance
) -> Verification:
    table = tables.fatalities
    as_of = fact.as_of
    assert as_of is not None
    if kind == "un":
        return _unchecked(
            fact, source, Unchecked.SCOPE_NOT_HELD,
            "an incident toll is checked for its mission or the victims' country; UN-wide deaths on a day mix incidents",
        )
    check = CheckKind.MISSION_INCIDENT if kind == "mission" else CheckKind.COUNTRY_INCIDENT
    if as_of.precision != "day":
        return _unchecked(
            fact, source, Unchecked.DATE_TOO_COARSE,
            f"an incident toll is checked on its day (±{INCIDENT_DAYS}); the claim is dated only to {as_of}", check,
        )
    day = as_of.first_day
    start, end = day - _dt.timedelta(days=INCIDENT_DAYS), day + _dt.timedelta(days=INCIDENT_DAYS)
    prov = table.provenance
    if end > table.last_date or start < table.first_date:
        return _unchecked(
            fact, source, Unchecked.OUT_OF_RANGE,
            _outside_fatalities(as_of, table),
            check,
        )
    selector = {"country": name} if kind == "country" else {"mission": name}
    official, details = {}, {}
    for scope in FATALITY_SCOPES_FOR[fact.category]:
        days = table.daily(start, end, scope=scope, **selector)
        # one incident: at least its worst day, at most everything in the window
        official[scope] = OfficialRange(max(days.values(), default=0), sum(days.values()))
        details[scope] = {d.isoformat(): n for d, n in days.items()}
    who = f"deaths in {name}" if kind == "mission" else f"deaths of {name} nationals"
    basis = (f"{who} within {INCIDENT_DAYS} days of {as_of} ({start}..{end}; the worst day to the whole window), "
             f"UN fatalities table (last update {prov.last_update})")
    return _finish(fact, source, check, "fatalities", official, tolerance, basis, start, day, end, details)


def _deployed(
    fact: Fact, source: str, kind: str, name: str, tables: OfficialTables, tolerance: Tolerance
) -> Verification:
    table = tables.contributions
    as_of = fact.as_of
    assert as_of is not None
    if kind == "mission":
        return _unchecked(
            fact, source, Unchecked.SCOPE_NOT_HELD,
            f"the contributions table counts each country's personnel, not the strength of {name}",
        )
    check = CheckKind.UN_DEPLOYED if kind == "un" else CheckKind.COUNTRY_DEPLOYED
    scopes = DEPLOYED_SCOPES_FOR.get(fact.category)
    if scopes is None:
        return _unchecked(fact, source, Unchecked.SCOPE_NOT_HELD, "the contributions table has no breakdown by sex", check)
    months = table.months(country=kind == "country")
    ends = table.month_ends(country=kind == "country")
    prov = table.provenance if kind == "country" else table.totals_provenance
    if as_of.first_day < ends[0].replace(day=1) or as_of.last_day > ends[-1]:
        return _unchecked(
            fact, source, Unchecked.OUT_OF_RANGE,
            f"dated {as_of}, outside the {prov.table.replace('_', ' ')} table ({months[0]}..{months[-1]})", check,
        )
    # the stock on any day of the span lies between the month ends around it: the last one on or
    # before its first day, those inside it, and the first one on or after its last day
    first = max(0, bisect.bisect_right(ends, as_of.first_day) - 1)
    last = min(len(ends) - 1, bisect.bisect_left(ends, as_of.last_day))
    indices = list(range(first, last + 1))
    country = None if kind == "un" else name
    official, details = {}, {}
    for scope in scopes:
        values = {ends[i].isoformat(): table.value(country, months[i], scope) for i in indices}
        official[scope] = OfficialRange(min(values.values()), max(values.values()))
        details[scope] = values
    who = "all contributors' personnel" if kind == "un" else f"{name}'s personnel"
    when = months[indices[0]] if len(indices) == 1 else f"{months[indices[0]]}..{months[indices[-1]]}"
    basis = f"{who} deployed at the end of {when}, IPI contributions table"
    return _finish(fact, source, check, prov.table, official, tolerance, basis, None,
                   ends[indices[0]], ends[indices[-1]], details)


def check_fact(
    fact: Fact, tables: OfficialTables, *, source: Optional[str] = None, tolerance: Optional[Tolerance] = None
) -> Verification:
    """Check one claim against the official tables.

    Args:
        fact: the claim.
        tables: from :func:`peacefacts.official.load_official`.
        source: the publisher to record (default: the fact's document id).
        tolerance: the allowance for ``near`` (default :class:`Tolerance`\\ ()).

    Returns:
        A :class:`Verification`; claims the tables cannot check get ``not_checkable`` and a reason.
    """
    source = source or fact.doc
    tolerance = tolerance or Tolerance()
    if fact.metric in _NOT_HELD:
        return _unchecked(fact, source, Unchecked.METRIC_NOT_HELD, _NOT_HELD[fact.metric])
    kind, name = resolve_subject(fact.subject, tables)
    if kind is None:
        return _unchecked(
            fact, source, Unchecked.UNKNOWN_SUBJECT,
            f"{fact.subject!r} is not a country, a mission or the UN as the official tables know them",
        )
    if fact.scope:
        return _unchecked(
            fact, source, Unchecked.SCOPE_NOT_HELD,
            f"the official tables do not split personnel by service ({fact.scope} only)",
        )
    if fact.as_of is None:
        return _unchecked(fact, source, Unchecked.NO_DATE, "the claim has no date to check it at")
    if fact.metric is Metric.FATALITIES_TOTAL:
        return _fatalities_total(fact, source, kind, name, tables, tolerance)
    if fact.metric is Metric.FATALITIES_INCIDENT:
        return _fatalities_incident(fact, source, kind, name, tables, tolerance)
    if fact.metric is Metric.PERSONNEL_DEPLOYED:
        return _deployed(fact, source, kind, name, tables, tolerance)
    return _unchecked(fact, source, Unchecked.METRIC_NOT_HELD, f"the official tables hold no {fact.metric.value}")
