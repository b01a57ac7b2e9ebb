"""Month and weekday names, in one place: the date readers of ingest and nlp build on these.

Lists are title case as written in English text; the lookups are lower case. Whether a name must
be capitalised is the caller's choice ("may", "march" and "sat" are also verbs, so body-text
readers want capitals, while datelines such as "JUNE, 2023" or "sat, 05 aug" do not).

>>> MONTHS["sept"], WEEKDAYS["thurs"], alternation(["Jun", "June"])
(9, 3, 'June|Jun')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from peacefacts.vocab.text import read_table

__all__ = [
    "MONTH_NAMES",
    "MONTH_ABBREVIATIONS",
    "WEEKDAY_NAMES",
    "WEEKDAY_ABBREVIATIONS",
    "MONTHS",
    "WEEKDAYS",
    "NAMED_DAYS",
    "YEAR_SPANS",
    "NUMBERED_SERIES",
    "first_deployment_year",
    "peacekeeping_events",
    "alternation",
]

MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
#: Abbreviations as they are written, with or without a dot ("Sept." and "Sep." both occur).
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
WEEKDAY_NAMES: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = ("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun")

_MONTH_NUMBER = {name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
_WEEKDAY_NUMBER = {name[:2].lower(): i for i, name in enumerate(WEEKDAY_NAMES)}

#: Lower-case month name or abbreviation → month number (1-12).
MONTHS: dict[str, int] = {w.lower(): _MONTH_NUMBER[w[:3].lower()] for w in MONTH_NAMES + MONTH_ABBREVIATIONS}
#: Lower-case weekday name or abbreviation → weekday number (Monday is 0, as in :mod:`datetime`).
WEEKDAYS: dict[str, int] = {w.lower(): _WEEKDAY_NUMBER[w[:2].lower()] for w in WEEKDAY_NAMES + WEEKDAY_ABBREVIATIONS}


#: Days news names instead of dating ("killed on New Year's Eve"): lower-case name → (month, day).
#: Year-less, so they resolve like "31 December" against the story's date.
NAMED_DAYS: dict[str, tuple[int, int]] = {
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "boxing day": (12, 26),
}


#: Spans of years said in words ("A quarter of a century after its first deployment in 1999").
YEAR_SPANS: dict[str, int] = {
    "a quarter of a century": 25,
    "quarter of a century": 25,
    "half a century": 50,
    "a century": 100,
    "a decade and a half": 15,
    "a decade": 10,
    "two decades": 20,
}


#: What an anniversary can be of, besides the service a piece is about: "the 50th anniversary of
#: Ireland's membership of the UN" is not counted from Ireland's first deployment (a year in the same
#: sentence can still start it). Lower-case words.
ANNIVERSARY_OF_OTHER: tuple[str, ...] = (
    "membership", "admission", "independence", "founding", "foundation", "charter", "birth", "death",
    "liberation", "republic", "constitution", "treaty", "accord", "accords", "agreement", "revolution",
    "union", "relations", "ties", "partnership", "massacre", "genocide", "war", "ceasefire", "school",
    "academy", "college", "centre", "center", "university", "ministry", "newspaper",
)

#: Words before a span that make it a rough one ("nearly seven decades of service"): it does not
#: date a piece to the year.
SPAN_HEDGES: tuple[str, ...] = (
    "nearly", "almost", "over", "more than", "some", "about", "around", "close to", "roughly", "upwards of",
)

#: Words that make a start ("began in March 2023") one of a later deployment, not the first.
LATER_START_WORDS: tuple[str, ...] = (
    "most recent", "latest", "recent", "current", "new", "newest", "last", "next", "second", "third",
    "fourth", "fifth", "sixth", "another", "rotation", "rotations",
)


#: Numbered yearly events and the year their first one was held, so "the 70th United Nations General
#: Assembly" is 1945 + 70 = 2015 (sessions open each September from 1946) and "the 20th International
#: Day of UN Peacekeepers" is 2022 (first observed in 2003). Lower-case names.
NUMBERED_SERIES: dict[str, int] = {
    "general assembly": 1945,
    "session of the general assembly": 1945,
    "session of the united nations general assembly": 1945,
    "united nations general assembly": 1945,
    "un general assembly": 1945,
    "international day of un peacekeepers": 2002,
    "international day of united nations peacekeepers": 2002,
    "anniversary of the united nations": 1945,
    "anniversary of the un": 1945,
    "anniversary of un peacekeeping": 1948,
    "anniversary of united nations peacekeeping": 1948,
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so "June" is tried before "Jun")."""
    unique = dict.fromkeys(words)
    return "|".join(re.escape(w) for w in sorted(unique, key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def _first_deployments() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in read_table("first_deployments.tsv")}


def first_deployment_year(who: str) -> int | None:
    """The year a contributor (a country's short name) first served in a UN peacekeeping
    operation, or UN peacekeeping's own first year for ``"UN"`` (``resources/first_deployments.tsv``);
    None for a country the table leaves out.

    >>> first_deployment_year("Ghana"), first_deployment_year("UN"), first_deployment_year("Atlantis")
    (1960, 1948, None)
    """
    return _first_deployments().get(who)


@functools.lru_cache(maxsize=1)
def peacekeeping_events() -> dict[str, tuple[int, int]]:
    """UN-wide peacekeeping events news names without a year ("the Seoul ministerial"), lower-case
    name → (year, month) (``resources/peacekeeping_events.tsv``).

    >>> peacekeeping_events()["seoul ministerial"]
    (2021, 12)
    """
    return {row[0].lower(): (int(row[1][:4]), int(row[1][5:7])) for row in read_table("peacekeeping_events.tsv")}
