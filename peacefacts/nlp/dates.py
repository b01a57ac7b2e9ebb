"""Dates as news text writes them: find them with regexes, resolve them with dateparser.

Pure functions, no model, no clock: every relative phrase ("last month", "on Saturday") is
resolved against an explicit base date (the block's publication date) and never against today.

* :func:`resolve_date` turns a phrase into a :class:`~peacefacts.records.PartialDate` that keeps
  the precision the text gives ("October 2014" is ``2014-10``, never ``2014-10-08``).
* :func:`find_dates` finds date expressions in a sentence with offsets and a role
  (``as_of``, ``since``, ``until``, ``target``, ``range``).
* :func:`period_start` and :func:`find_periods` read the start of a cumulative period
  ("since 1960", "over the past 32 years", "FIFTY years of peacekeeping").

How precision is kept: dateparser fills missing parts from its base ("1960" → 1960-06-08), so a
phrase is resolved against the first and the last day the base can mean, each result is widened
to the interval of dateparser's ``period`` (year, month, week, day), and only the part common to
the whole interval is kept. The same trick with two unrelated probe bases tells whether a phrase
is relative at all (:func:`is_relative`).

Why one module of this size: finding dates, resolving them with dateparser and reading periods
share the date patterns and the precision logic; each is a section below.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
import threading
from typing import Any, NamedTuple, Union

from peacefacts.ingest.datelines import NOT_A_DATE_BEFORE, numeric_date
from peacefacts.nlp.first_chars import with_first_char_guard
from peacefacts.nlp.numbers import NUMBER_PATTERN, parse_figure
from peacefacts.records import PartialDate, Qualifier
from peacefacts.vocab.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    NAMED_DAYS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    alternation,
)

__all__ = [
    "DateMatch",
    "PeriodMatch",
    "resolve_date",
    "is_relative",
    "find_dates",
    "period_start",
    "find_periods",
]

BaseDate = Union[PartialDate, _dt.date, None]  # noqa: UP007 - a runtime alias must work on 3.10

class DateMatch(NamedTuple):
    """A date expression in text.

    ``text`` is ``source[start:end]`` and includes the word that gives the role ("since 1960",
    "as of last March"). ``value`` is the (first) date, ``end_value`` the last one of a range
    ("from 2006 to 2012", "25-26 October 2021"); both are ``None`` when a relative phrase has
    no base.
    """

    start: int
    end: int
    text: str
    role: str
    value: PartialDate | None
    end_value: PartialDate | None


class PeriodMatch(NamedTuple):
    """A cumulative period: where it starts.

    ``years`` is the length the text gives ("over the past 32 years" → 32), ``None`` for
    "since 1960" and "over the years". ``since`` is ``None`` when it cannot be known.
    """

    start: int
    end: int
    text: str
    since: PartialDate | None
    years: int | None
    qualifier: Qualifier


# --------------------------------------------------------------------------------------------
# dateparser, wrapped once

_SETTINGS = {
    "PREFER_DATES_FROM": "past",  # news reports what happened; "March" in June is the last March
    "RETURN_TIME_AS_PERIOD": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_LOCAL = threading.local()
_MAX_PARSERS = 32


def _parser(base: _dt.date) -> Any:  # a dateparser DateDataParser (dateparser has no type hints)
    """A DateDataParser for ``base``, reused per thread.

    ``RELATIVE_BASE`` is fixed at construction, so parsers are cached per base date in a small
    per-thread dict (dateparser objects are not documented as thread-safe).
    """
    cache = getattr(_LOCAL, "parsers", None)
    if cache is None:
        cache = _LOCAL.parsers = {}
    parser = cache.get(base)
    if parser is None:
        from dateparser.date import DateDataParser  # imported lazily: import peacefacts stays cheap

        if len(cache) >= _MAX_PARSERS:
            cache.clear()
        settings = dict(_SETTINGS, RELATIVE_BASE=_dt.datetime(base.year, base.month, base.day))
        parser = cache[base] = DateDataParser(languages=["en"], settings=settings)
    return parser


# --------------------------------------------------------------------------------------------
# vocabulary

# Month and weekday names must be capitalised (or all caps): "may", "march" and "sat" are verbs.
_MONTH_NAMES = alternation(MONTH_NAMES + MONTH_ABBREVIATIONS)
_MONTH = rf"(?:(?:{_MONTH_NAMES}|{_MONTH_NAMES.upper()})\b\.?)"
_WEEKDAY = rf"(?:{alternation(WEEKDAY_NAMES)})"
_WD_ABBR = rf"(?:{alternation(WEEKDAY_ABBREVIATIONS)})\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\dA-Za-z])"  # not "1990s"
_WD_PREFIX = rf"(?:(?:{_WEEKDAY}|{_WD_ABBR}),?\s+)?"
_NUM = NUMBER_PATTERN

_NOW_WORDS = r"(?:as\s+of\s+(?:now|today)|currently|presently|at\s+present|at\s+the\s+moment|to\s+date|so\s+far|right\s+now|nowadays|now|today)"
_REL_UNIT = r"(?:week|month|year|fortnight)"
# "on New Year's Eve": a named day, either apostrophe
_NAMED_DAY = "|".join(re.escape(name).replace("'", "['\u2019]") for name in sorted(NAMED_DAYS, key=len, reverse=True))
# "a year earlier", "six months before.", "a year later": a date counted from the date stated
# before it in the sentence (else from the publication date); "before"/"after" only when nothing
# follows ("a year after the mission began" is a clause, not a date)
_SHIFT = (
    rf"(?:{_NUM}|\ban?)\s+(?:days?|weeks?|months?|years?)\s+"
    r"(?:earlier|later|(?:before|after)(?=\s*(?:[,.;:)]|$)))"
)
# "the first quarter of this year", "the first nine months of 2024", "the second half of last year"
_PART_OF_YEAR = (
    rf"(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:half|quarter|{_NUM}\s+(?:months|weeks))"
    rf"\s+of\s+(?:the\s+year|this\s+year|last\s+year|(?-i:{_YEAR}))"
)
# "(in) the three months to the end of March": a span that ends with a month
_MONTHS_TO = rf"(?:the\s+)?{_NUM}\s+months\s+(?:to|ending|ended|through)\s+(?:the\s+end\s+of\s+)?"

_I = re.IGNORECASE

# Date expressions ("atoms"); the first alternative that matches at a position wins. The guard
# (same matches) skips positions no alternative can start at: this scan was a tenth of extraction.
#: "three days ago": a part of ``rel`` that needs the word "ago"
_AGO = rf"|(?:{_NUM}|\ban?)\s+(?:days?|weeks?|months?|years?|decades?)\s+ago(?:\s+this\s+(?:month|week))?\b"


def _atom_source(holds: frozenset[str]) -> str:
    """The date pattern without the parts that need what a text does not hold (:data:`_NEEDS`)."""
    alternatives = (
        ("year", r"(?P<iso>(?<![\w/.+-])(?:1[89]|20)\d\d(?P<isep>[-/.])(?:0?[1-9]|1[0-2])(?P=isep)(?:[12]\d|3[01]|0?[1-9])(?!\d)(?![\w/.-]\d))"),
        ("year", r"(?P<numeric>(?<![\w/.+-])\d{1,2}(?P<nsep>[/.-])\d{1,2}(?P=nsep)(?:1[89]|20)\d\d(?![\w/.-]\d)(?!\w))"),
        ("year", rf"(?P<dmy>(?<![\w-]){_WD_PREFIX}{_DAY}(?:\s*[-\u2013]\s*{_DAY})?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR})"),
        (None, rf"(?P<mdy>(?<![\w-]){_WD_PREFIX}{_MONTH}\s+{_DAY}(?:\s*[-\u2013]\s*{_DAY})?(?:,?\s+{_YEAR})?(?![\w,]\d))"),
        # not before a year; "30 April, 1,100 troops" is a date
        (None, rf"(?P<dm>(?<![\w-]){_DAY}\s+(?:of\s+)?{_MONTH}(?!,?\s+(?:1[89]|20)\d\d(?![\d,]\d)))"),
        # "on the 5th of this month"
        (None, rf"(?P<dayof>(?<![\w-]){_DAY}\s+of\s+(?i:this|last|the\s+previous|the\s+current)\s+month\b)"),
        (None, rf"(?P<part>(?i:{_PART_OF_YEAR}))"),
        ("months", rf"(?P<upto>(?i:{_MONTHS_TO}){_MONTH}(?:,?\s+{_YEAR})?)"),
        ("year", rf"(?P<my>(?:(?i:(?:the\s+)?(?:(?:very\s+)?(?:early|earlier|mid|middle|late|later|end|beginning|start)(?:\s+of\s+|\s*-\s*|\s+))))?{_MONTH},?\s+(?:of\s+)?{_YEAR})"),
        ("year", rf"(?P<year>(?:(?<![\w-])(?i:(?:the\s+)?(?:(?:very\s+)?(?:early|mid|late|end|beginning|start|middle|first\s+half|second\s+half)(?:\s+of\s+|\s*-\s*|\s+)))|(?<![\w$€£.,:/-])){_YEAR}(?:\s*[-\u2013]\s*(?:(?:1[89]|20)\d\d|\d\d)(?![\w]))?)"),
        (None, rf"""(?P<rel>(?i:(?:(?:the\s+)?(?:end|beginning|start)\s+of\s+)?(?:(?:earlier|early|later|late)\s+)?(?:last|this|next|the\s+previous|the\s+past|the\s+current)\s+{_REL_UNIT}\b
          |(?:the\s+)?(?:beginning|start)\s+of\s+the\s+(?:year|month)\b
          |(?:last|this|past|previous|the)\s+weekend\b
          |(?:the\s+)?day\s+before\s+yesterday\b
          |\byesterday|\btomorrow{_AGO if "ago" in holds else ""})
          |(?i:last|this|next)\s+{_MONTH}|(?i:last|this|past|previous)\s+{_WEEKDAY}\b
          |{_MONTH}\s+(?i:this|last|next)\s+year\b)"""),
        ("shift", rf"(?P<shift>(?i:{_SHIFT}))"),
        (None, rf"(?P<named>(?i:\b(?:{_NAMED_DAY})\b))"),
        (None, rf"(?P<weekday>\b{_WEEKDAY}\b)"),
        # "June, 11 peacekeepers": a month; "mid-May"
        (None, rf"(?P<month>(?:(?<![\w-])(?i:mid|early|late|end)-|(?<![\w-])){_MONTH}(?!\s*\d|\s*,\s*(?:1[89]|20)\d\d(?![\d,.]\d)))"),
        (None, rf"(?P<now>(?i:\b{_NOW_WORDS}\b))"),
    )
    return "\n   |".join(source for need, source in alternatives if need is None or need in holds)


#: What some parts of the date pattern need the scanned text to hold (each such part consumes a
#: match of it, so where it is absent the part cannot match there). Most sentences have no year
#: and no "ago", "earlier", "later", "before", "after" or "months": they are scanned without the
#: parts that need them (the same matches; the parts led by a number that can be a word were
#: tried at nearly every word, a third of the scan). Other texts, a few in a hundred, are scanned
#: with the whole pattern (each variant costs 20 ms to compile).
_NEEDS = {
    "year": re.compile(r"(?:1[89]|20)\d\d"),
    "months": re.compile(r"months", _I),
    "ago": re.compile(r"ago", _I),
    "shift": re.compile(r"earlier|later|before|after", _I),
}
_SCANNED_WITHOUT: tuple[frozenset[str], ...] = (frozenset(), frozenset({"year"}))  # what texts hold that get a pattern of their own


@functools.cache  # at most 16 patterns (in practice 3: see _SCANNED_WITHOUT)
def _atom_pattern(holds: frozenset[str]) -> re.Pattern[str]:
    """The date pattern for a text that holds only the needs in ``holds``."""
    return with_first_char_guard(re.compile(_atom_source(holds), re.VERBOSE))


#: the whole date pattern (a scan uses :func:`_atom_pattern` of what its text holds)
_DATE_ATOM = _atom_pattern(frozenset(_NEEDS))


def prepare_date_scans() -> None:
    """Compile now the patterns most sentences are scanned with (20 ms each), not part-way
    through the first documents (:func:`peacefacts.nlp.model.prepare_pipeline` calls it)."""
    for holds in _SCANNED_WITHOUT:
        _atom_pattern(holds)

_PREP = re.compile(
    r"""(?<![\w])(?P<prep>as\s+(?:of|at|on)|as\s+(?:recently|late|early)\s+as|ever\s+since|since|from|until|till|through|up\s+to|by|before|after
        |in|on|at|during|throughout|between|around|(?:(?<=,\s)|(?<=^))to)\s+(?:the\s+)?
        (?:(?:very\s+)?(?:end|beginning|start|middle|close|course)\s+of\s+(?:the\s+)?)?\Z""",
    re.VERBOSE | _I,
)
_PREP_ROLE = {
    "as of": "as_of", "as at": "as_of", "as on": "as_of", "in": "as_of", "on": "as_of", "at": "as_of",
    "during": "as_of", "throughout": "as_of", "around": "as_of",
    "as recently as": "as_of", "as late as": "as_of", "as early as": "as_of",
    "since": "since", "ever since": "since", "from": "since", "after": "as_of",
    "until": "until", "till": "until", "through": "until", "up to": "until", "before": "until",
    "by": "by",
    # "According to UN data, to 30 September 2023 Uruguay has 1,103" (Spanish "al", French "au"
    # in machine translation): a clause that opens on "to" and a date is dated by it
    "to": "as_of",
}  # fmt: skip
_MONTH_CONTEXT = re.compile(
    r"(?<![\w])(?:in|since|from|until|till|through|by|during|between|of|and|to|for|covering|early|late|mid|end\s+of)\s+\Z|[-\u2013]\s*\Z",
    _I,
)
# "since its admission to the UN in September 1991": the date starts the period
_SINCE_EVENT = re.compile(
    r"(?<![\w])(?:ever\s+)?since\s+(?:its|the|their|his|her|our|[A-Z]\w+['\u2019]s)\s+"
    r"(?:inception|establishment|founding|creation|admission|independence|beginning|start|first\s+deployment"
    r"|first\s+mission|membership|accession|entry|participation|debut)\b[^.;:!?]{0,60}?\b(?:in|on)\s+\Z",
    _I,
)
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_RANGE_AND = re.compile(r"\s+and\s+(?:(?:in|on)\s+)?", _I)
_RANGE_TO = re.compile(r"\s*(?:to|until|till|through|[-\u2013])\s+|\s*[-\u2013]\s*", _I)
# A bare year is a count, not a date, after a hedge or label or before a counted noun ("2000 troops").
_YEAR_VETO_BEFORE = re.compile(
    r"(?<![\w])(?:over|more\s+than|about|around|nearly|almost|some|approximately|up\s+to|at\s+least|than|total\s+of"
    r"|No\.|#|[Rr]esolutions?|[Aa]rticle|[Mm]atch|Rs\.?|US|\$)\s*\Z",
    _I,
)
_YEAR_VETO_AFTER = re.compile(
    r"\s+(?:troops|peacekeepers|personnel|soldiers|officers|police|policemen|people|men|women|members|military"
    r"|staff|observers|experts|civilians|refugees|children|persons|uniformed|blue\s+helmets|of\s+(?:them|whom|the))\b",
    _I,
)

# --------------------------------------------------------------------------------------------
# resolving one phrase

_LEAD = re.compile(
    r"^(?:(?:as\s+(?:of|at|on)|ever\s+since|since|from|until|till|through|up\s+to|by|before|after|in|on|at|during"
    r"|throughout|around|about|circa|of|for)\s+)+",
    _I,
)
_MODIFIER = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?:early|earlier|mid|middle|late|later|end|beginning|start|close|first\s+half"
    r"|second\s+half)(?:\s+of\s+|\s*-\s*|\s+)(?:the\s+)?",
    _I,
)
_NOW_RE = re.compile(rf"^{_NOW_WORDS}$", _I)
_WEEKDAY_RE = re.compile(rf"^(?:(?P<mod>this|last|past|previous)\s+)?(?P<day>{alternation(WEEKDAY_NAMES)})$", _I)
_MONTH_REL_RE = re.compile(rf"^(?P<mod>last|this|next)\s+(?P<month>{_MONTH_NAMES})\.?$", _I)
# Something a date can be made of; month names only capitalised ("may" and "march" are verbs).
_DATEISH = re.compile(
    rf"\d|\b(?:{_MONTH_NAMES}|{_MONTH_NAMES.upper()})\b"
    rf"|(?i:\b(?:{alternation(WEEKDAY_NAMES)}|yesterday|today|tomorrow|week|month"
    r"|year|fortnight|ago|decade)s?\b)"
)
_BARE_NUMBER = re.compile(r"^[\d,.\s]+$")
_YEAR_RANGE_RE = re.compile(r"^((?:1[89]|20)\d\d)\s*[-\u2013]\s*((?:1[89]|20)\d\d|\d\d)$")
_DECADE_RE = re.compile(r"^(?:the\s+)?\d{3}0'?s$", _I)
_PROBES = (_dt.date(2003, 3, 12), _dt.date(2011, 9, 24))  # differ in year, month, day and weekday


def _to_partial(base: BaseDate) -> PartialDate | None:
    if base is None or isinstance(base, PartialDate):
        return base
    if isinstance(base, _dt.datetime):
        base = base.date()
    return PartialDate.from_date(base)


def _normalise(phrase: str) -> str:
    text = re.sub(r"\s+", " ", phrase).strip()
    if not text.startswith("("):
        text = re.sub(r"[\s.,;:]*\([^()]*\)$", "", text)  # a trailing credit: "June 8, 2024. (PID)"
    text = text.strip("()[],;:.").strip()
    if _NOW_RE.match(text):
        return text  # "at present" must keep its "at"
    text = _LEAD.sub("", text)
    if _EDGE_OF_RE.match(text):
        return text  # "the end of last year": December 2023, not all of 2023
    text = _MODIFIER.sub("", text)
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)?\s+of\s+(?=[A-Za-z])", " ", text)  # "25th of December"
    return text.strip(" ,")


def _period_interval(day: _dt.date, period: str) -> tuple[_dt.date, _dt.date]:
    if period == "year":
        return _dt.date(day.year, 1, 1), _dt.date(day.year, 12, 31)
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return _dt.date(day.year, day.month, 1), _dt.date(day.year, day.month, last)
    if period == "week":
        monday = day - _dt.timedelta(days=day.weekday())
        return monday, monday + _dt.timedelta(days=6)
    return day, day


def _common_prefix(first: _dt.date, last: _dt.date) -> PartialDate | None:
    if first.year != last.year:
        return None
    if first.month != last.month:
        return PartialDate(first.year)
    if first.day != last.day:
        return PartialDate(first.year, first.month)
    return PartialDate(first.year, first.month, first.day)


_EDGE_OF_RE = re.compile(r"(?:the\s+)?(?P<edge>end|beginning|start)\s+of\s+(?P<rest>(?:last|this|the\s+previous|the\s+past|the)\s+\w+)$", re.IGNORECASE)
_WEEKS_AGO_RE = re.compile(r"(?P<n>\w+)\s+(?:weeks?)\s+ago$", re.IGNORECASE)
_MONTH_OF_YEAR_RE = re.compile(rf"^(?P<month>{_MONTH_NAMES})\.?\s+(?P<mod>this|last|next)\s+year$", re.IGNORECASE)
_WEEKEND_RE = re.compile(r"^(?:(?P<mod>last|this|past|previous|the)\s+)?weekend$", re.IGNORECASE)
_YEARS_AGO_THIS_MONTH_RE = re.compile(r"(?P<n>\w+)\s+years?\s+ago\s+this\s+(?:month|week)$", re.IGNORECASE)
_SHIFT_RE = re.compile(r"(?P<n>.+?)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|before|later|after)$", re.IGNORECASE)


def _count(word: str) -> int | None:
    """A small count written as a word or digits ("a", "six", "12"), else ``None``."""
    figure = parse_figure("one" if word.lower() in {"a", "an"} else word)
    return int(figure.value) if figure is not None and 0 < figure.value <= 100 else None


def _add_months(day: _dt.date, months: int) -> _dt.date:
    month0 = day.year * 12 + day.month - 1 + months
    year, month = divmod(month0, 12)
    return _dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift_date(value: PartialDate, phrase: str) -> PartialDate | None:
    """``value`` moved by "a year earlier", "six months before", "two days later", keeping no more
    precision than ``value`` has (a year earlier than December 2023 is December 2022).

    >>> str(shift_date(PartialDate(2024, 3, 31), "a year earlier")), str(shift_date(PartialDate(2023, 6, 30), "six months earlier"))
    ('2023-03-31', '2022-12-30')
    >>> str(shift_date(PartialDate(2023, 12), "a year before")), shift_date(PartialDate(2023), "six months earlier") is None
    ('2022-12', True)
    """
    m = _SHIFT_RE.match(re.sub(r"\s+", " ", phrase.strip(" ,.;:)")))
    if m is None:
        return None
    n = _count(m.group("n"))
    if n is None:
        return None
    sign = -1 if m.group("dir").lower() in {"earlier", "before"} else 1
    unit = m.group("unit").lower()

    def moved(day: _dt.date) -> _dt.date:
        if unit in {"day", "week"}:
            return day + _dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        return _add_months(day, sign * n * (12 if unit == "year" else 1))

    first, last = moved(value.first_day), moved(value.last_day)
    if value.precision == "month" and unit in {"month", "year"}:
        last = _dt.date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])
    return _common_prefix(first, last)


def _interval_at(text: str, day: _dt.date) -> tuple[_dt.date, _dt.date] | None:
    """What ``text`` (already normalised) means on ``day``, as an inclusive interval."""
    if _NOW_RE.match(text):
        return day, day
    m = _WEEKDAY_RE.match(text)
    if m:
        # "on Saturday" in a Saturday story is that day; "last Saturday" is the one before
        back = (day.weekday() - WEEKDAYS[m.group("day").lower()]) % 7
        if back == 0 and m.group("mod"):
            back = 7
        d = day - _dt.timedelta(days=back)
        return d, d
    m = _EDGE_OF_RE.match(text)
    if m:  # "the end of last year" is its December, "the start of this month" that month
        whole = _interval_at(re.sub(r"(?i)^the\s+(year|month)$", r"this \1", m.group("rest")), day)
        if whole is None:
            return None
        first, last = whole
        if (last - first).days > 31:
            edge = last if m.group("edge").lower() == "end" else first
            return _period_interval(edge, "month")
        return whole
    if re.match(r"(?i)^(?:the\s+)?day\s+before\s+yesterday$", text):
        d = day - _dt.timedelta(days=2)
        return d, d
    m = _MONTH_OF_YEAR_RE.match(text)
    if m:  # "(the end of) August this year", "March last year"
        shift = {"this": 0, "last": -1, "next": 1}[m.group("mod").lower()]
        return _period_interval(_dt.date(day.year + shift, MONTHS[m.group("month").lower()], 1), "month")
    m = _WEEKEND_RE.match(text)
    if m:  # "last weekend" in a Tuesday story: the Saturday and Sunday before it
        back = (day.weekday() - 5) % 7
        if back == 0 and (m.group("mod") or "").lower() in {"last", "past", "previous"}:
            back = 7
        saturday = day - _dt.timedelta(days=back)
        return saturday, saturday + _dt.timedelta(days=1)
    named = NAMED_DAYS.get(text.lower().replace("\u2019", "'"))
    if named is not None:  # "on New Year's Eve": the last such day on or before the base
        d = _dt.date(day.year, *named)
        d = d if d <= day else _dt.date(day.year - 1, *named)
        return d, d
    m = _YEARS_AGO_THIS_MONTH_RE.match(text)
    if m:  # "two years ago this month"
        n = _count(m.group("n"))
        return _period_interval(_dt.date(day.year - n, day.month, 1), "month") if n else None
    m = _SHIFT_RE.match(text)
    if m:  # "a year earlier" with nothing stated before it: counted from the base
        shifted = shift_date(PartialDate.from_date(day), text)
        return (shifted.first_day, shifted.last_day) if shifted is not None else None
    m = _WEEKS_AGO_RE.match(text)
    if m:  # "three weeks ago": that week's month (a week can straddle two; the day is not meant)
        word = m.group("n")
        figure = parse_figure("one" if word.lower() in {"a", "an"} else word)
        if figure is not None and 0 < figure.value <= 52:
            return _period_interval(day - _dt.timedelta(weeks=figure.value), "month")
    m = _MONTH_REL_RE.match(text)
    if m:  # dateparser reads neither "last March" nor "this March"
        month = MONTHS[m.group("month").lower()]
        mod = m.group("mod").lower()
        year = day.year
        if mod == "last" and month >= day.month:
            year -= 1
        elif mod == "next" and month <= day.month:
            year += 1
        return _period_interval(_dt.date(year, month, 1), "month")
    m = _YEAR_RANGE_RE.match(text)
    if m:  # "2006-2012": the whole span
        y1 = int(m.group(1))
        y2 = int(m.group(2)) if len(m.group(2)) == 4 else y1 // 100 * 100 + int(m.group(2))
        return (_dt.date(y1, 1, 1), _dt.date(y2, 12, 31)) if y2 >= y1 else None
    if not _DATEISH.search(text) or _DECADE_RE.match(text):
        return None  # "we" is not Wednesday, "the 1990s" is not 1990 seconds ago
    if _BARE_NUMBER.match(text) and not re.fullmatch(r"(?:1[89]|20)\d\d", text):
        return None
    quick = _plain_relative(text, day)
    if quick is not None:
        return quick
    data = _parser(day).get_date_data(text)
    if data.date_obj is None or data.period == "time":
        return None
    return _period_interval(data.date_obj.date(), data.period)


@functools.lru_cache(maxsize=4096)  # the same phrases recur across a corpus; the cache is thread-safe
def _resolve_between(text: str, first: _dt.date, last: _dt.date) -> PartialDate | None:
    a = _interval_at(text, first)
    if a is None:
        return None
    b = a if last == first else _interval_at(text, last)
    if b is None:
        return None
    return _common_prefix(min(a[0], b[0]), max(a[1], b[1]))


def is_relative(phrase: str) -> bool:
    """Whether a date phrase needs a base date to mean anything ("last month", "Oct 1").

    The phrase is resolved against two unrelated probe dates; it is relative when the results
    differ. A phrase that does not parse is not relative.

    Example:
        >>> is_relative("last month"), is_relative("Oct 1"), is_relative("October 2014")
        (True, True, False)
    """
    text = _normalise(phrase)
    results = {_resolve_between(text, probe, probe) for probe in _PROBES}
    return len(results) > 1


_PLAIN_YEAR = re.compile(r"^((?:1[89]|20)\d\d)$")
_NUMERIC_SHAPE = re.compile(r"^(?:\d{1,2}([/.-])\d{1,2}\1\d{4}|\d{4}([/.-])\d{1,2}\2\d{1,2})$")
_PLAIN_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?,?\s+((?:1[89]|20)\d\d)$")
# "October 11, 2016", "Feb. 28, 2005", "8th September 2016", "29 May 2013": a day, read as dateparser reads it
_PLAIN_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:1[89]|20)\d\d)$")
_PLAIN_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+((?:1[89]|20)\d\d)$")


def _plain_date(text: str) -> PartialDate | None:
    """"2014", "October 2014", "October 11, 2016", "31.03.2024": absolute dates read without
    dateparser (most of the phrases news gives, and the slowest part of finding dates when each
    goes through it; a test checks that dateparser reads them the same).

    All-number dates are read day first when both parts could be the month ("05.06.2024" is 5
    June): see :func:`peacefacts.ingest.datelines.numeric_date`."""
    if text[:1].isdigit() and _NUMERIC_SHAPE.match(text):
        return numeric_date(text)
    m = _PLAIN_YEAR.match(text)
    if m:
        return PartialDate(int(m.group(1)))
    m = _PLAIN_MONTH_YEAR.match(text)
    if m and m.group(1).lower() in MONTHS:
        return PartialDate(int(m.group(2)), MONTHS[m.group(1).lower()])
    m = _PLAIN_MONTH_DAY_YEAR.match(text)
    if m:
        return _plain_day(m.group(3), m.group(1), m.group(2))
    m = _PLAIN_DAY_MONTH_YEAR.match(text)
    if m:
        return _plain_day(m.group(3), m.group(2), m.group(1))
    return None


# "May 29", "29 May", "Oct. 1st": a day without its year
_PLAIN_MONTH_DAY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")
_PLAIN_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?$")


def _plain_relative(text: str, day: _dt.date) -> tuple[_dt.date, _dt.date] | None:
    """"May 29", "29 May", "yesterday", "this year", "last year", "last week" on ``day``, read
    without dateparser as dateparser reads them (a day without its year is the last one on or
    before ``day``: ``PREFER_DATES_FROM`` past); ``None`` for anything else, left to dateparser.
    These were most of dateparser's work on news, about 1 ms each (a test compares them)."""
    m = _PLAIN_MONTH_DAY.match(text)
    name, number = (m.group(1), m.group(2)) if m else (None, None)
    if m is None and (m := _PLAIN_DAY_MONTH.match(text)) is not None:
        name, number = m.group(2), m.group(1)
    if name is not None and number is not None:
        month = MONTHS.get(name.lower())
        if month is None:
            return None
        year = day.year if (month, int(number)) <= (day.month, day.day) else day.year - 1
        if not 1 <= int(number) <= calendar.monthrange(year, month)[1]:
            return None  # "Feb 29" in 2003: dateparser goes back to a leap year
        found = _dt.date(year, month, int(number))
        return found, found
    lowered = text.lower()
    if lowered == "yesterday":
        found = day - _dt.timedelta(days=1)
        return found, found
    if lowered in ("this year", "last year"):
        year = day.year - (lowered == "last year")
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    if lowered == "last week":
        return _period_interval(day - _dt.timedelta(days=7), "week")
    return None


def _plain_day(year: str, month: str, day: str) -> PartialDate | None:
    number = MONTHS.get(month.lower())
    if number is None or not 1 <= int(day) <= calendar.monthrange(int(year), number)[1]:
        return None  # not a month name, or no such day: left to dateparser (and its refusal)
    return PartialDate(int(year), number, int(day))


def resolve_date(phrase: str, base: BaseDate) -> PartialDate | None:
    """Resolve a date phrase against a base date, keeping the precision the text gives.

    Args:
        phrase: A short date expression ("June 8, 2024", "in 2014", "as of last March",
            "on Saturday", "currently"). Leading prepositions and "the end of"/"mid-" are ignored.
        base: The publication date (any precision), or ``None`` when unknown.

    Returns:
        A :class:`PartialDate` of year, month or day precision, or ``None`` when the phrase does
        not parse, is relative and ``base`` is ``None``, or is too vague for ``base``'s
        precision ("yesterday" against a base known only to the year).

    Example:
        >>> base = PartialDate(2024, 6, 8)
        >>> [str(resolve_date(p, base)) for p in ("June 8, 2024", "October 2014", "last month", "on Saturday")]
        ['2024-06-08', '2014-10', '2024-05', '2024-06-08']
        >>> resolve_date("last year", None) is None
        True
    """
    text = _normalise(phrase)
    if not text or _impossible_day(text):
        return None  # dateparser reads "the 32nd of May" as May 1932
    plain = _plain_date(text)
    if plain is not None:
        return plain
    base_pd = _to_partial(base)
    if base_pd is None:
        results = {_resolve_between(text, probe, probe) for probe in _PROBES}
        return results.pop() if len(results) == 1 else None
    return _resolve_between(text, base_pd.first_day, base_pd.last_day)


# --------------------------------------------------------------------------------------------
# finding dates in a sentence


class _Atom(NamedTuple):
    start: int
    end: int
    kind: str


# A day number with a month name, in either order, to check that the day exists.
_DAY_OF_MONTH = re.compile(
    rf"(?<![\w-])(?P<d1>\d{{1,3}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_NAMES}|{_MONTH_NAMES.upper()})\b"
    rf"|(?<![\w-])(?P<m2>{_MONTH_NAMES}|{_MONTH_NAMES.upper()})\.?\s+(?P<d2>\d{{1,3}})(?:st|nd|rd|th)?(?![\d:])",
)
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# what sits before a month name when its day was refused ("the 32nd of May", "32 May 2024")
_REFUSED_DAY_BEFORE = re.compile(r"(?<![\w-])\d{1,3}(?:st|nd|rd|th)?\s+(?:of\s+)?\Z", _I)


def _impossible_day(phrase: str) -> bool:
    """Whether ``phrase`` gives a day its month does not have ("the 32nd of May",
    "February 30, 2024", "29 February 2023"); 29 February without a year is allowed."""
    m = _DAY_OF_MONTH.search(phrase)
    if m is None:
        return False
    day = int(m.group("d1") or m.group("d2"))
    month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    y = _FOUR_DIGIT_YEAR.search(phrase, m.end())
    year = int(y.group(1)) if y and 1 <= int(y.group(1)) <= 9999 else 2024  # a leap year: 29 February can be
    return not 1 <= day <= calendar.monthrange(year, month)[1]


def _date_atoms(text: str, start: int, end: int) -> list[_Atom]:
    atoms = []
    holds = frozenset(name for name, needed in _NEEDS.items() if needed.search(text, start, end))
    pattern = _atom_pattern(holds) if holds in _SCANNED_WITHOUT else _DATE_ATOM
    for m in pattern.finditer(text, start, end):
        kind = m.lastgroup or ""
        if kind in ("dmy", "mdy", "dm") and _impossible_day(m.group(0)):
            continue  # "February 30, 2024": no such day, so no date at all
        if kind in ("iso", "numeric") and (
            numeric_date(m.group(0)) is None or NOT_A_DATE_BEFORE.search(text, max(start, m.start() - 16), m.start())
        ):
            continue  # "31.02.2024", "Tel: 20.10.2023", "version 1.2.2024": not dates
        if kind in ("month", "my") and _REFUSED_DAY_BEFORE.search(text, max(start, m.start() - 12), m.start()):
            continue  # "the 32nd of May": the day was refused, the month alone is not the date
        if kind == "year":
            s = m.start()
            core = re.search(_YEAR, m.group(0))
            year_at = s + (core.start() if core else 0)
            if _YEAR_VETO_BEFORE.search(text, max(start, year_at - 20), year_at) or _YEAR_VETO_AFTER.match(text, m.end(), end):
                continue
        elif kind == "month":
            if "-" not in m.group(0)[:6] and not _MONTH_CONTEXT.search(text, max(start, m.start() - 12), m.start()):
                continue  # a bare month name needs "in"/"since"/... ("May" is also a verb, "March" a noun); "mid-May" is one
            if m.group(0).endswith(".") and len(m.group(0)) > 5:  # "in December." ends a sentence
                atoms.append(_Atom(m.start(), m.end() - 1, kind))
                continue
        atoms.append(_Atom(m.start(), m.end(), kind))
    return atoms


_DAY_RANGE = re.compile(rf"^(?P<pre>.*?)(?<!\d)(?P<d1>{_DAY})\s*[-\u2013]\s*(?P<d2>{_DAY})(?P<post>.*)$", re.S)


_PART_TAIL = re.compile(rf"of\s+(?P<tail>the\s+year|this\s+year|last\s+year|{_YEAR})$", _I)
_UPTO_RE = re.compile(r"^(?:the\s+)?(?P<n>\S+)\s+months\s+\w+\s+(?:the\s+end\s+of\s+)?(?P<month>.+)$", _I)


def _resolve_atom(core: str, kind: str, base: PartialDate | None) -> tuple[PartialDate | None, PartialDate | None]:
    if kind == "part":  # "the first quarter of this year": that year
        tail = _PART_TAIL.search(core)
        if tail is None:
            return None, None
        return resolve_date(re.sub(r"(?i)^the\s+year$", "this year", tail.group("tail")), base), None
    if kind == "upto":  # "the three months to the end of March": January to March
        m = _UPTO_RE.match(core)
        n = _count(m.group("n")) if m else None
        closing = resolve_date(m.group("month"), base) if m else None
        if m is None or n is None or closing is None or closing.month is None or n > 24:
            return None, None
        opening = _add_months(_dt.date(closing.year, closing.month, 1), 1 - n)
        return PartialDate(opening.year, opening.month), PartialDate(closing.year, closing.month)
    m = _YEAR_RANGE_RE.match(core.strip()) if kind == "year" else None
    if m:
        y1 = int(m.group(1))
        y2 = int(m.group(2)) if len(m.group(2)) == 4 else y1 // 100 * 100 + int(m.group(2))
        return PartialDate(y1), (PartialDate(y2) if y2 >= y1 else None)
    m = _DAY_RANGE.match(core) if kind in ("dmy", "mdy") else None
    if m:  # "25-26 October 2021", "June 8-9, 2024": two days
        first = resolve_date(m.group("pre") + m.group("d1") + m.group("post"), base)
        last = resolve_date(m.group("pre") + m.group("d2") + m.group("post"), base)
        return first, last
    return resolve_date(core, base), None


def _role_for(prep: str | None, value: PartialDate | None, base: PartialDate | None) -> str:
    prep = re.sub(r"\s+", " ", prep.lower()) if prep else None
    role = _PREP_ROLE.get(prep, "as_of") if prep else "as_of"
    if prep in ("as of", "as at", "as on"):
        return role  # an explicit "as of" stays one, even after the publication date
    if role in ("as_of", "by") and value is not None and base is not None and value.first_day > base.last_day:
        return "target"  # a date after publication is a plan or a target, never an as-of
    if role == "by":
        return "as_of" if base is not None and value is not None else "target"
    return role


def find_dates(text: str, start: int = 0, end: int | None = None, base: BaseDate = None) -> list[DateMatch]:
    """Find date expressions in ``text[start:end]`` with offsets, a role and resolved values.

    Args:
        text: The text (a sentence or a block); offsets are into ``text``.
        start: Where to start looking.
        end: Where to stop (default: the end of ``text``).
        base: The publication date used to resolve relative phrases.

    Returns:
        Matches in text order. Roles: ``as_of`` (as of / in / on / plain), ``since``
        (since / from), ``until`` (until / through / before), ``target`` (by + a date after
        ``base``, or any date after ``base``; "by 2014" without a base) and ``range``
        ("between 1960 and 2007", "from 2006 to 2012", "2006-2012").

    Example:
        >>> [(m.text, m.role, str(m.value)) for m in
        ...  find_dates("Last month, it said 235,000 troops served since 1960.", base=PartialDate(2024, 6, 8))]
        [('Last month', 'as_of', '2024-05'), ('since 1960', 'since', '1960')]
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    # The planner and the fact rules look at the same sentences several times, in the whole text
    # and alone: the scan is memoised on the sentence, the characters the patterns can look
    # back at before it (none after white space: no look-behind reads white space) and the base.
    if end - start > _MEMO_MAX_CHARS:  # not remembered: memory stays bounded
        return _find_dates(text, start, end, _to_partial(base))
    before = "" if start <= 0 or text[start - 1].isspace() else text[max(0, start - _LOOKBEHIND) : start]
    found = _find_dates_memo(before, text[start:end], _to_partial(base))
    shift = start - len(before)
    return [m._replace(start=m.start + shift, end=m.end + shift) for m in found] if shift else list(found)


#: The longest look-behind of the date and number patterns, with room to spare.
_LOOKBEHIND = 16
#: Longer sentences are scanned afresh rather than remembered.
_MEMO_MAX_CHARS = 2000


@functools.lru_cache(maxsize=4096)
def _find_dates_memo(before: str, segment: str, base: PartialDate | None) -> tuple[DateMatch, ...]:
    return tuple(_find_dates(before + segment, len(before), len(before) + len(segment), base))


def _find_dates(text: str, start: int, end: int, base_pd: PartialDate | None) -> list[DateMatch]:
    atoms = _date_atoms(text, start, end)
    out: list[DateMatch] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        p = _PREP.search(text, max(start, a.start - 32), a.start)
        prep = p.group("prep").lower() if p else None
        s = p.start() if p else a.start
        value, end_value = _resolve_atom(text[a.start : a.end], a.kind, base_pd)
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            gap = text[a.end : b.start]
            joiner = None
            if prep == "between" and _RANGE_AND.fullmatch(gap):
                joiner = "between"
            elif _RANGE_TO.fullmatch(gap) and (prep == "from" or "-" in gap or "\u2013" in gap or gap.strip().lower() == "to"):
                joiner = "to"
            if joiner == "to" and prep != "from" and b.kind in ("rel", "weekday") and gap.strip() in ("-", "\u2013"):
                joiner = None  # "Bangui, 31 May 2025 - Yesterday, a patrol …": a dateline, then the story's day
            if joiner and a.kind not in ("now", "rel", "weekday"):
                b_value, b_end = _resolve_atom(text[b.start : b.end], b.kind, base_pd)
                if b_value is not None and not _HAS_YEAR.search(text[a.start : a.end]):
                    # "from June to August 2023": the first date takes its year from the second
                    value, end_value = _resolve_atom(text[a.start : a.end], a.kind, b_end or b_value)
                if joiner == "to" and prep not in ("from", None) and prep != "between":
                    s = a.start  # "in 2006-2012": keep "in" out of a range's role
                out.append(DateMatch(s, b.end, text[s : b.end], "range", value, b_end or b_value))
                i += 2
                continue
        if a.kind == "year" and end_value is not None:  # "2006-2012" alone
            out.append(DateMatch(s, a.end, text[s : a.end], "range" if prep not in ("since", "ever since") else "since", value, end_value))
            i += 1
            continue
        if prep == "between":  # "between 1960 and ..." without a date after "and"
            prep, s = None, a.start
        if a.kind == "shift":  # "down from 2,800 a year earlier": a year before the date stated before it
            stated = next((m for m in reversed(out) if m.value is not None and m.role in ("as_of", "range", "by")), None)
            if stated is not None:
                anchor = stated.end_value or stated.value
                if anchor is not None and anchor.precision == "year" and re.search(r"(?i)\bend\b", stated.text):
                    anchor = PartialDate(anchor.year, 12)  # "at the end of 2023, …, 2,850 a year before": December 2022
                value, end_value = shift_date(anchor, text[a.start : a.end]) if anchor is not None else None, None
            prep, s = None, a.start
        if a.kind == "upto" and value is not None and end_value is not None:
            out.append(DateMatch(s, a.end, text[s : a.end], "range", value, end_value))
            i += 1
            continue
        if prep in ("in", "on"):
            ev = _SINCE_EVENT.search(text, max(start, a.start - 140), a.start)
            if ev:
                prep, s = "since", ev.start()
        role = _role_for(prep, value, base_pd)
        out.append(DateMatch(s, a.end, text[s : a.end], role, value, end_value))
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# periods

_PERIOD_UNIT = {"year": 1, "years": 1, "decade": 10, "decades": 10, "century": 100, "centuries": 100}
_PERIOD_HEDGE = r"(?:nearly|almost|over|more\s+than|some|about|around|close\s+to|roughly|approximately|well\s+over|just\s+over|at\s+least|less\s+than|under)"
_PERIOD = re.compile(
    rf"""
    (?P<dur>(?<![\w])
        (?:(?P<prep>(?i:over|in|during|for|across|throughout|within|spanning|of))\s+)?
        (?:(?P<det>(?i:the|its|their|our|his|her|those|these|almost|nearly|more\s+than|over))\s+)?
        (?:(?P<last>(?i:past|last|previous|preceding|first))\s+)?
        (?:(?P<hedge>(?i:{_PERIOD_HEDGE}))\s+)?
        (?:(?:(?P<half>(?i:half\s+an?))|(?P<num>{_NUM}|(?i:an?)))\s*-?\s*)?
        (?P<unit>(?i:years?|decades?|centur(?:y|ies)))\b
        (?!['\u2019]?[\s-]+(?i:ago|old|later|earlier|before|after|from\s+now|time|hence)\b)
        (?P<of>\s+(?i:of)\b|(?<=year)\s+(?i:history|record|tradition|involvement|engagement|presence|service|journey)\b)?)
   |(?P<years>(?<![\w])(?i:over|through|throughout|across|during|in)\s+the\s+(?i:years|decades)\b)
    """,
    re.VERBOSE,
)


def find_periods(text: str, start: int = 0, end: int | None = None, base: BaseDate = None) -> list[PeriodMatch]:
    """Find cumulative periods in ``text[start:end]``.

    Args:
        text: The text; offsets are into it.
        start: Where to start looking.
        end: Where to stop (default: the end of ``text``).
        base: The publication date; periods given as a length ("over the last 60 years") start
            ``base.year - length`` and have no start without it.

    Returns:
        Matches in text order: "since 1960", "since its admission ... in September 1991",
        "between 1960 and 2007", "from 2006 to 2012", "over the past 32 years", "in its nearly
        seven decades of service", "FIFTY years of peacekeeping", and "over the years" (no start).

    Example:
        >>> [(m.text, str(m.since), m.years) for m in
        ...  find_periods("He noted that, over the last six decades, it served.", base=PartialDate(2021, 10, 26))]
        [('over the last six decades', '1961', 60)]
    """
    end = len(text) if end is None else min(end, len(text))
    base_pd = _to_partial(base)
    out: list[PeriodMatch] = []
    taken: list[tuple[int, int]] = []
    for d in find_dates(text, start, end, base=base):
        # "since 1960", "since its admission ... in September 1991", "from 2006 to 2012"
        if d.role == "range" or (d.role == "since" and re.match(r"(?i)(?:ever\s+)?since\b", d.text)):
            out.append(PeriodMatch(d.start, d.end, d.text, d.value, None, Qualifier.EXACT))
            taken.append((d.start, d.end))
    for m in _PERIOD.finditer(text, start, end):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        kind = m.lastgroup
        if m.group("dur"):
            match = _duration(m, base_pd)
            if match is not None:
                out.append(match)
        elif kind == "years":
            out.append(PeriodMatch(m.start(), m.end(), m.group(0), None, None, Qualifier.APPROX))
    out.sort(key=lambda p: p.start)
    return out


def _duration(m: re.Match[str], base: PartialDate | None) -> PeriodMatch | None:
    # a bare "years"/"decades" with neither a number nor "the past" is not a period
    has_num = m.group("num") is not None or m.group("half") is not None
    unit = m.group("unit").lower()
    if not has_num and not m.group("last"):
        if unit in ("years", "decades") and (m.group("det") or "").lower() == "the" and m.group("prep"):
            # "over the years": cumulative, start unknown
            return PeriodMatch(m.start(), m.end(), m.group(0), None, None, Qualifier.APPROX)
        return None
    if not has_num and unit not in ("decade", "century", "year"):
        return None
    # a length only counts as a period when the text frames it as one
    if not (m.group("prep") or m.group("last") or m.group("of") or m.group("det")):
        return None
    qualifier = Qualifier.EXACT
    if m.group("half"):
        count = 0.5
    elif m.group("num") is None or m.group("num").lower() in ("a", "an"):
        count = 1
    else:
        figure = parse_figure(m.group("num"))
        if figure is None or figure.value <= 0:
            return None
        count = figure.value
    hedge = (m.group("hedge") or m.group("det") or "").lower()
    if re.match(r"(?:nearly|almost|some|about|around|close|roughly|approx)", hedge):
        qualifier = Qualifier.APPROX
    elif re.match(r"(?:over|more|well|just\s+over|at\s+least)", hedge):
        qualifier = Qualifier.AT_LEAST
    elif re.match(r"(?:less|under)", hedge):
        qualifier = Qualifier.AT_MOST
    years = int(round(count * _PERIOD_UNIT[unit]))
    if years <= 0 or years > 500:
        return None
    text = m.group(0)
    start = m.start()
    since = PartialDate(base.year - years) if base is not None and base.year - years >= 1 else None
    return PeriodMatch(start, m.end(), text, since, years, qualifier)


def period_start(phrase: str, base: BaseDate) -> PartialDate | None:
    """The start of the cumulative period a phrase describes.

    Args:
        phrase: "since 1960", "over the past 32 years", "between 1960 and 2007",
            "FIFTY years of peacekeeping", ...
        base: The publication date; needed for periods given as a length.

    Returns:
        The start as a :class:`PartialDate` (year precision for lengths), or ``None``.

    Example:
        >>> str(period_start("over the past 32 years", PartialDate(2024, 6, 8))), str(period_start("since 1960", None))
        ('1992', '1960')
        >>> period_start("over the last 60 years", None) is None
        True
    """
    for match in find_periods(phrase, base=base):
        if match.since is not None:
            return match.since
    return None
