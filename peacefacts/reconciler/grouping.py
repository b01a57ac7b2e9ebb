"""Which observations measure the same thing: subject, metric and comparable scope.

Categories (docs/conventions.md): troops are compared with personnel (and with figures of no stated
category), police only with police, military observers only with themselves, women with women.
A narrower scope (``Fact.scope``, e.g. "army") is never compared with a different one.

Periods of cumulative metrics (the ``window``): deaths within one calendar year (``since`` and
``as_of`` in the same year) are compared only with the same year. Otherwise the explicit
``since`` years of a (subject, metric, category, scope) are clustered: starts within
:data:`SINCE_TOLERANCE_YEARS` of each other count one period ("since 1958" and "since 1960" are
both Ireland's all-time total); the earliest cluster, with every figure of no stated start, is
the all-time total, and each later cluster is its own window ("from 2006 to 2012" is not
compared with "since 1957").
"""

from __future__ import annotations

from collections.abc import Iterable

from peacefacts.records import Category, Fact
from peacefacts.vocab.text import normalize

__all__ = ["SINCE_TOLERANCE_YEARS", "category_class", "subject_key", "scope_key", "windows", "ALL_TIME"]

#: Period starts at most this many years apart count as the same all-time period.
SINCE_TOLERANCE_YEARS = 5
#: The window label of all-time totals.
ALL_TIME = "all_time"

_CATEGORY_CLASS = {
    None: "personnel",
    Category.TROOPS: "personnel",
    Category.PERSONNEL: "personnel",
    Category.POLICE: "police",
    Category.MILITARY_OBSERVERS: "military_observers",
    Category.WOMEN: "women",
}


def category_class(category: Category | None) -> str:
    """The class of categories that are compared with each other.

    >>> category_class(Category.TROOPS), category_class(None), category_class(Category.POLICE)
    ('personnel', 'personnel', 'police')
    """
    return _CATEGORY_CLASS[category]


def subject_key(subject: str) -> str:
    """Subjects compare as the vocabulary tables do: whatever their case, spacing, accents or
    apostrophes ("Côte d’Ivoire" is "cote d'ivoire"); letters of other scripts are kept.

    >>> subject_key("Côte d’Ivoire") == subject_key("COTE  d'Ivoire")
    True
    """
    return normalize(subject, keep_other_scripts=True)


def scope_key(scope: str | None) -> str | None:
    """A narrower scope, normalised like subjects; empty means none."""
    if scope is None:
        return None
    return normalize(scope, keep_other_scripts=True) or None


def _year_window(fact: Fact) -> int | None:
    if fact.since is not None and fact.as_of is not None and fact.since.year == fact.as_of.year:
        return fact.since.year
    return None


def windows(facts: Iterable[Fact]) -> dict[int, str | None]:
    """The window label of each fact (by position) among facts of one subject/metric/scope.

    Non-cumulative metrics have no window (``None``).

    >>> from peacefacts.records import Figure
    >>> def f(since, as_of="2016"):
    ...     return Fact(doc="d", subject="Indonesia", metric="personnel_served_total",
    ...                 figure=Figure(value=1), since=since, as_of=as_of)
    >>> windows([f("1957"), f("2006", "2012"), f(None), f("2019", "2019")])
    {0: 'all_time', 1: 'since 2006', 2: 'all_time', 3: 'year 2019'}
    """
    facts = list(facts)
    labels: dict[int, str | None] = {}
    starts: set[int] = set()
    for i, fact in enumerate(facts):
        if not fact.metric.is_cumulative:
            labels[i] = None
        elif _year_window(fact) is not None:
            labels[i] = f"year {_year_window(fact)}"
        elif fact.since is not None:
            starts.add(fact.since.year)
    # chain the sorted start years into clusters, each opened by its first (earliest) year
    cluster_of: dict[int, int] = {}
    opened: int | None = None
    for year in sorted(starts):
        if opened is None or year - opened > SINCE_TOLERANCE_YEARS:
            opened = year
        cluster_of[year] = opened
    earliest = min(cluster_of.values(), default=None)
    for i, fact in enumerate(facts):
        if i in labels:
            continue
        if fact.since is None or cluster_of[fact.since.year] == earliest:
            labels[i] = ALL_TIME
        else:
            labels[i] = f"since {cluster_of[fact.since.year]}"
    return dict(sorted(labels.items()))
