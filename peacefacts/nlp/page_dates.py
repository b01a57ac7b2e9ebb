"""The dates of a page before any parse: undated pieces, early body dates and dated items.

* :func:`anniversary_anchor` dates an undated piece by the anniversary it marks ("This year marks
  75 years since … 1948", "turned 60 this year" + "created in 1964", "Forty years ago, in 1984"),
* :func:`headline_year` dates an undated piece by the year its headline names ("… in 2024"),
  :mod:`peacefacts.nlp.known_starts` by the anniversary of a start the library knows,
* :func:`latest_date` is the fallback: a piece is no older than the latest date it reports, and
  :func:`copyright_year` the last resort for a piece that reports no date,
* :func:`undated_anchor` chains them for an undated piece (an anniversary older than the latest
  date reported gives way to it),
* :func:`page_date` refuses a page date that is only a full date read early in the body when the
  piece's own anchor contradicts it ("resolution 50 of 29 May 1948" in a piece on UNTSO at 75),
* :func:`lead_sentences` reads a page's top lines down to the story's first sentence (past the
  masthead, section links and headline): an "As of 30 April 2024" there dates the figures after it,
* :func:`item_dateline` reads the day a newsletter item or timeline line starts with ("5 July —
  MONUSCO: …"), which dates that item's relative phrases and its "now".

Model-free and linear in the text, like the rest of the planner (:mod:`peacefacts.nlp.plan`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from typing import NamedTuple, Optional

from peacefacts.ingest.datelines import Priority, day_first_order, find_datelines, line_datelines
from peacefacts.ingest.lines import split_lines
from peacefacts.nlp.dates import find_dates
from peacefacts.nlp.known_starts import known_start_anchor, named_event_dates, span_from_start, span_years
from peacefacts.nlp.page_marks import copyright_year, story_day
from peacefacts.nlp.segment import Sentence
from peacefacts.records import Block, PartialDate, PublishedSource
from peacefacts.vocab.calendar import (
    ANNIVERSARY_OF_OTHER,
    LATER_START_WORDS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    NUMBERED_SERIES,
    SPAN_HEDGES,
    YEAR_SPANS,
    alternation,
)

__all__ = [
    "anniversary_anchor",
    "headline_year",
    "copyright_year",
    "known_start_anchor",
    "numbered_event_year",
    "latest_date",
    "reported_bounds",
    "ReportedBounds",
    "page_date",
    "item_dateline",
    "lead_sentences",
    "lead_paragraph",
    "later_stamps",
    "undated_anchor",
    "UndatedAnchor",
]

_HAS_YEAR = re.compile(r"\d{4}")
#: a calendar day names its month ("May 4", "on the 29th of May"); "on Monday" or "currently" needs a
#: day the piece does not give
_MONTH_NAME = re.compile(r"\b(?:" + alternation([*MONTH_NAMES, *MONTH_ABBREVIATIONS]) + r")\b")


_PERIOD_ANCHOR = re.compile(
    r"\b(?:over|in|for|during) the (?:last|past) (\w+(?:[- ]\w+)?) (years|decades)\b|"
    r"\b(\w+) (years|decades) of (?:UN |United Nations )?(?:peace|service|participation|contribution|deployment)|"
    r"\b(\w+)(?:th)? anniversary\b",
    re.IGNORECASE,
)
_FIRST_YEAR = re.compile(
    r"\b(?:first|began|begun|started|start|since|joined|initiated"
    r"|(?i:established|created|founded|set\s+up|launched|formed|inception))\b[^.\n]{0,120}?\b(1[89]\d\d|20\d\d)\b"
    r"|\b(1[89]\d\d|20\d\d)\b[^.\n]{0,60}\bfirst\b"
)
#: "turned 75 this year", "the 50th anniversary of UNDOF", "in its 46th year": an age, counted
#: from the founding year the piece gives (``_FIRST_YEAR``)
_AGE = re.compile(
    r"\b(?:turned|turns|turning)\s+(?P<turned>\w+(?:-\w+)?)\b(?!\s+(?:into|to|away|over|out|down|up|back|around)\b)"
    r"|\b(?P<ordinal>\d{1,3})(?:st|nd|rd|th)\s+(?P<what>anniversary|birthday|year)\b",
    re.IGNORECASE,
)
#: "Forty years ago, in 1984, …"
_YEARS_AGO_IN = re.compile(
    r"\b(\w+(?:[- ]\w+)?)\s+(years|decades)\s+ago,?\s+(?:in|on)\s+(?:[A-Za-z]+\s+)?(1[89]\d\d|20\d\d)\b", re.IGNORECASE
)

_YEARS_SINCE = re.compile(
    r"\b(?:(\w+(?:[- ]\w+)?)\s+(years|decades)|(?P<span>" + alternation(YEAR_SPANS) + r"))"
    r"(?:\s+(?:this|last)\s+(?:month|week|year))?\s+(?:since|after|on\s+from)\b"
    r"[^.\n]{0,160}?\b(1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)


def anniversary_anchor(text: str) -> tuple[Optional[PartialDate], Optional[PartialDate]]:
    """Date an undated anniversary piece: "over the last 60 years" + "first … in 1958" → 2018,
    "This year marks 75 years since … May 1948" → 2023, "Fifty years after Ghana first sent
    peacekeepers, in 1960, …" → 2010."""
    since = _YEARS_SINCE.search(text)
    if since:
        start_year = int(since.group(4))
        if since.group("span"):  # "A quarter of a century after its first deployment in 1999"
            years: Optional[int] = YEAR_SPANS[re.sub(r"\s+", " ", since.group("span").lower())]
        else:
            years = _years(since.group(1), since.group(2))  # "marks 75", "Fifty", "sixty-five"
        if years is not None:
            return PartialDate(start_year + years), PartialDate(start_year)
    ago = _YEARS_AGO_IN.search(text)
    if ago:  # "Forty years ago, in 1984": a date, not the start of anything
        years = _years(ago.group(1), ago.group(2))
        if years is not None:
            return PartialDate(int(ago.group(3)) + years), None
    first = _first_start(text)
    if not first:
        return None, None
    start_year = int(first.group(1) or first.group(2))
    period = _PERIOD_ANCHOR.search(text)
    age = _AGE.search(text)
    years = None
    if period:
        years = _years(period.group(1) or period.group(3) or period.group(5), period.group(2) or period.group(4) or "years")
        if years is not None and period.group(1) and not (years >= 10 and re.search(r"\bfirst\b", first.group(0), re.IGNORECASE)):
            # "over the past five years" is a window, and "since 2013" or "joined in 1990" need not
            # start it: only a long span counted from a first deployment dates the piece ("over the
            # last 60 years" + "its first deployment … in 1958")
            years = None
        if years is not None and _HEDGED_SPAN.search(text, max(0, period.start() - 14), period.start()):
            years = None  # "nearly seven decades of service": a rough span dates no year
        if years is not None and period.group(5) and not _same_service(text, period, first):
            return None, None  # "the 50th anniversary of Ireland's membership of the UN": not of its service
    if years is None and age and age.group("turned"):  # "turned 75 this year"
        years = _years(age.group("turned"), "years")
    elif years is None and age:  # "the 50th anniversary", "in its 46th year" (45 years on)
        if age.group("what").lower() == "anniversary" and not _same_service(text, age, first):
            return None, None
        years = int(age.group("ordinal")) - (1 if age.group("what").lower() == "year" else 0)
        years = years if 1 <= years <= 100 else None
    if years is None:
        return None, None
    return PartialDate(start_year + years), PartialDate(start_year)


_HEDGED_SPAN = re.compile(r"\b(?:" + alternation(SPAN_HEDGES) + r")\s*$", re.IGNORECASE)
_LATER_START = re.compile(r"\b(?:" + alternation(LATER_START_WORDS) + r")\b[^.\n]{0,30}$", re.IGNORECASE)
_ANNIVERSARY_OF = re.compile(r"\s+of\s+([^.;:!?\n]{0,60})", re.IGNORECASE)
_OTHER_THING = re.compile(r"\b(?:" + alternation(ANNIVERSARY_OF_OTHER) + r")\b", re.IGNORECASE)


def _first_start(text: str) -> Optional[re.Match[str]]:
    """The first start year the piece gives that is not one of a later deployment ("Garuda's most
    recent deployment began in March 2023" starts no anniversary)."""
    for m in _FIRST_YEAR.finditer(text):
        if not _LATER_START.search(text, max(0, m.start() - 40), m.start() + 12):
            return m
    return None


def _same_service(text: str, anniversary: re.Match[str], first: re.Match[str]) -> bool:
    """Whether an anniversary can be counted from ``first``: it is of no other thing ("of Ireland's
    membership of the UN", "of independence"), or the start year is in its own sentence."""
    of = _ANNIVERSARY_OF.match(text, anniversary.end())
    if of is None or not _OTHER_THING.search(of.group(1)):
        return True
    sentence_start = max(text.rfind(".", 0, anniversary.start()), text.rfind("\n", 0, anniversary.start())) + 1
    sentence_end = min(i for i in (text.find(".", anniversary.end()), text.find("\n", anniversary.end()), len(text)) if i >= 0)
    return sentence_start <= first.start() < sentence_end


class UndatedAnchor(NamedTuple):
    """The date an undated piece's own text gives it (:func:`undated_anchor`)."""

    date: Optional[PartialDate] = None
    #: the start of the anniversary's period ("60 years" since 1958: 1958)
    since: Optional[PartialDate] = None
    #: ``date`` is only the latest date the piece reports: the piece is of that date or later
    lower_bound: bool = False


def undated_anchor(text: str, block_text: str, body: list[Sentence], title: Optional[str] = None) -> UndatedAnchor:
    """The date of an undated piece from its own text; an empty anchor when its text cannot date it.

    In order: the year its headline names ("Top 10 African contributors in 2024", "Largest troop
    contributors 2019", "Ghana lost 120 soldiers in 2002": :func:`headline_year`), a year the
    piece names as its anniversary's ("2025 will be the 76th anniversary"),
    the anniversary it marks (:func:`anniversary_anchor`), the numbered yearly event it names,
    else the latest date it reports (:func:`latest_date`), flagged ``lower_bound`` (the piece is of
    that date or later; a bare year counts too, a history piece's included), else its copyright
    year. Every date must be possible: not after this year, and not before any date the piece
    reports, history included (a piece that says "launched a mission there in 2014" is not from
    2013)."""
    bounds = reported_bounds(text, body)
    floor = bounds.floor
    headline = headline_year(title) if title else None
    if headline is not None and _possible(headline, floor):
        return UndatedAnchor(headline)
    named = _named_anniversary_year(block_text)
    if named is not None and _possible(named, floor):
        return UndatedAnchor(named)
    anchor, start = anniversary_anchor(block_text)
    if anchor is None:
        anchor, start = span_from_start(block_text)
    if anchor is not None and _possible(anchor, floor):
        return UndatedAnchor(anchor, start)
    numbered = numbered_event_year(block_text)
    if numbered is not None and _possible(numbered, floor):
        return UndatedAnchor(numbered)
    known, known_start = known_start_anchor(block_text)
    if known is not None and _possible(known, floor):
        return UndatedAnchor(known, known_start)
    # a bare past year bounds the piece too ("fought in the Congo between 1960 and 1964"): it is
    # flagged lower_bound, which is true, and lets the reconciler pair the piece's figures (measured:
    # held-out pair accuracy 0.613 without it, 0.682 with it; as-of the same either way)
    latest = _with_month(text, body, bounds.latest)
    if latest is None or not _possible(latest, floor):
        copyright = copyright_year(text)
        if copyright is not None and _possible(copyright, floor):
            return UndatedAnchor(copyright)
        return UndatedAnchor()
    return UndatedAnchor(latest, lower_bound=True)



def headline_year(title: str) -> Optional[PartialDate]:
    """The latest date a headline names as its story's or its data's ("… UN peacekeeping troops in
    2024", "(2020 data)", "Peacekeepers Day 2019: …", "1948-2018"): not a start ("since 1960"),
    history ("founded in 1948"), a target ("by 2025"), a plan or a plan's name ("Agenda 2063")."""
    latest: Optional[PartialDate] = None
    for match in find_dates(title, 0, len(title), base=None):
        value = match.end_value if match.role == "range" and match.end_value else match.value
        if value is None or value.year < 1945 or match.role not in {"as_of", "range"}:
            continue
        if _NAMED_BEFORE.search(title, max(0, match.start - 12), match.start) or _NAMED_AFTER.match(title, match.end):
            continue
        if _PLANNED.search(title, 0, match.start) or _PLANNED_AFTER.match(title, match.end) or _HISTORY.search(title, 0, match.start):
            continue
        if latest is None or value.last_day > latest.last_day:
            latest = value
    return latest


def _possible(date: PartialDate, floor: Optional[PartialDate]) -> bool:
    """Whether a piece can be of ``date``: not in the future, not older than what it reports."""
    if date.year > _dt.date.today().year:
        return False
    return floor is None or date.last_day >= floor.first_day


#: "2025 will be the 76th anniversary of this date", "2018 marks the 60th anniversary of …": the
#: year the piece names as its own anniversary's
_NAMED_ANNIVERSARY = re.compile(
    r"\b(?P<year>20\d\d|19\d\d)\s+(?:will\s+be|is|marks|will\s+mark)\s+(?:the\s+)?\d{1,3}(?:st|nd|rd|th)\s+anniversary\b",
    re.IGNORECASE,
)


def _named_anniversary_year(text: str) -> Optional[PartialDate]:
    m = _NAMED_ANNIVERSARY.search(text)
    return PartialDate(int(m.group("year"))) if m else None


def _years(amount: str, unit: str) -> Optional[int]:
    return span_years(amount, unit)


_HISTORY = re.compile(
    r"\b(?:founded|established|created|formed|set\s+up|launched|born|signed|adopted|inaugurated|began|begun|joined|admitted|"
    r"started|first\s+deployed|first\s+sent|(?:for\s+the\s+)?first\s+time"
    r"|first\s+(?:\w+\s+)?(?:contingent|battalion|batch|units?|troops|peacekeepers|observers|deployment)|independence|ratified|date|since|peak|height)\b(?:\s*:\s*|[^.;:!?]{0,80})$",
    re.IGNORECASE,
)


#: a date in a clause about what is to come: the piece may be older than it
_PLANNED = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|plans?\s+to|planned|scheduled|expected\s+to|(?:is|are|was|were)\s+due|due\s+(?:in|by|on)|set\s+to|intends?\s+to)\b[^.;:!?]*$",
    re.IGNORECASE,
)


_PLANNED_AFTER = re.compile(
    r"(?:,\s+)?[^,;.!?]{0,40}?\b(?:will|shall|is\s+to|are\s+to|is\s+due|are\s+due|is\s+expected|are\s+expected|is\s+scheduled|are\s+scheduled)\b",
    re.IGNORECASE,
)


#: a year in the name of a plan or programme
_NAMED_BEFORE = re.compile(r"\b(?:Agenda|Vision|Strategy|Horizon|Plan)\s+(?:the\s+)?$")
_NAMED_AFTER = re.compile(r"\s+(?:Agenda|Vision|Strategy|Development\s+Goals|Goals|Plan)\b")


#: "the 70th United Nations General Assembly", "the 75th anniversary of UN peacekeeping"
_NUMBERED = re.compile(
    r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)\s+(?:(?:annual|regular)\s+)?(?P<series>" + alternation(NUMBERED_SERIES) + r")\b",
    re.IGNORECASE,
)


def numbered_event_year(text: str) -> Optional[PartialDate]:
    """The year of a numbered yearly event the piece names ("on the sidelines of the 70th United
    Nations General Assembly" → 2015), for an undated piece with no anniversary of its own."""
    m = _NUMBERED.search(text)
    if m is None:
        return None
    return PartialDate(NUMBERED_SERIES[re.sub(r"\s+", " ", m.group("series").lower())] + int(m.group("n")))


class ReportedBounds(NamedTuple):
    """What the dates an undated piece reports say about when it was written.

    ``latest`` is the latest date it reports as news or data (to the month at most); ``floor`` the
    latest of every date it reports, history included: the piece is no older than either.
    """

    latest: Optional[PartialDate]
    floor: Optional[PartialDate]
    #: the latest reported date finer than a bare year ("on May 4, 2015", "the first quarter of
    #: 2017") or the year of a figure ("contributed 2,170 personnel in 2016"): a bare year ("fought
    #: in the Congo between 1960 and 1964") may be only a past event's, so it does not date a piece
    precise: Optional[PartialDate] = None


def reported_bounds(text: str, sentences: list[Sentence]) -> ReportedBounds:
    """The latest reported date and the floor of an undated piece (:class:`ReportedBounds`).
    Targets ("by 2030"), plans ("in early 2014, we will increase"), names of plans ("Vision
    2030") and relative phrases (which need a publication date) bound nothing."""
    latest: Optional[PartialDate] = None
    floor: Optional[PartialDate] = None
    precise: Optional[PartialDate] = None
    for s in sentences:
        for match in find_dates(text, s.start, s.end, base=None):
            value = match.end_value or match.value
            if value is None or value.year < 1945 or match.role not in {"as_of", "range"}:
                continue
            if _NAMED_BEFORE.search(text, max(s.start, match.start - 12), match.start) or _NAMED_AFTER.match(text, match.end, s.end):
                continue  # "Agenda 2063", "the 2030 Agenda", "Vision 2030": the name of a plan
            if _PLANNED.search(text, max(s.start, match.start - 80), match.start) or _PLANNED_AFTER.match(text, match.end, s.end):
                continue  # "will deploy … in January 2025", "the 2018 budget will cut": a plan, which a piece may predate
            if floor is None or value.last_day > floor.last_day:
                floor = value
            if _HISTORY.search(text, max(0, match.start - 80), match.start):
                continue  # "the Charter was signed on June 26, 1945": history, not the piece's date
            if latest is None or value.last_day > latest.last_day or (
                value.last_day == latest.last_day and latest.precision == "year"  # "from 2006 to 2012" … "In December 2012"
            ):
                latest = PartialDate(value.year, value.month) if value.month else PartialDate(value.year)
            finer = value.month is not None or _PART_OF_YEAR.search(match.text) or _figure_besides(text, s)
            if finer and (precise is None or value.last_day > precise.last_day):
                precise = PartialDate(value.year, value.month) if value.month else PartialDate(value.year)
    for s in sentences:
        for value in named_event_dates(text, s.start, s.end):
            if floor is None or value.last_day > floor.last_day:
                floor = value
            if latest is None or value.last_day > latest.last_day:
                latest = value
    return ReportedBounds(latest, floor, precise)


def _figure_besides(text: str, sentence: Sentence) -> bool:
    """Whether a sentence gives a figure besides its years ("Nigeria contributed 2,170 personnel in
    2016"): its year is then a data year, not only a past event's."""
    return any(not _YEAR_ONLY.fullmatch(m.group(0)) for m in _NUMBER.finditer(text, sentence.start, sentence.end))


_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d(?!\w)|(?<![\w.,])\d(?![\w.,])")
_YEAR_ONLY = re.compile(r"(?:19|20)\d\d")


#: a part of a year ("the first quarter of 2017", "at the end of 2019", "mid-2015"): a data period
_PART_OF_YEAR = re.compile(r"\b(?:quarter|half|end|early|mid|late|months|beginning|start|course)\b", re.IGNORECASE)


def latest_date(text: str, sentences: list[Sentence]) -> Optional[PartialDate]:
    """The latest date an undated piece reports as news or data ("in the first quarter of 2017",
    "on May 4, 2015"), to the month at most (:func:`reported_bounds`), narrowed to the month of a
    year-less day it gives."""
    return _with_month(text, sentences, reported_bounds(text, sentences).latest)


def _with_month(text: str, sentences: list[Sentence], year: Optional[PartialDate]) -> Optional[PartialDate]:
    """A year the piece states, narrowed to the month of the latest year-less day it gives ("…
    resolution 2211 (2015) …", "an incident on May 4" → May 2015)."""
    if year is None or year.precision != "year":
        return year
    base = PartialDate(year.year, 12, 31)
    months = [
        m.value.month
        for s in sentences
        for m in find_dates(text, s.start, s.end, base=base)
        if m.value is not None and m.value.month is not None and m.value.precision == "day"
        and m.value.year == year.year and not _HAS_YEAR.search(m.text) and _MONTH_NAME.search(m.text)
    ]
    return PartialDate(year.year, max(months)) if months else year


def page_date(text: str, block: Block, block_text: str) -> Optional[PartialDate]:
    """The block's publication date, unless it is only a full date read early in the body that the
    piece's own anchor contradicts ("created it by resolution 50 of 29 May 1948" in a piece on
    UNTSO turning 75): a piece is not older than the anniversary it marks; or the story's own day
    when the page does not show the date it was given (:func:`story_day`)."""
    published = block.published
    own = story_day(text, block, block_text)
    if own is not None:
        return own
    if published is not None:
        later = _later_data_date(block_text, published)
        if later is not None:
            return later  # "As of Dec 2023, … are deployed" on a page stamped June 2023: it is newer
    if published is None or block.published_source is not PublishedSource.TEXT:
        return published
    anchor, _start = anniversary_anchor(block_text)
    if anchor is None or anchor.year <= published.year + 1:
        return published
    found = find_datelines(text, block.start, block.end)
    if found and found[0].priority == Priority.EARLY and found[0].date == published:
        return None  # dated by its anchor instead (see plan_document)
    return published


_DATA_AS_OF = re.compile(r"\bas\s+(?:of|at)\s+", re.IGNORECASE)
_FUTURE_CLAUSE = re.compile(r"[^.;!?\n]{0,100}?\b(?:will|shall|is\s+to|are\s+to|expected|scheduled|planned)\b", re.IGNORECASE)


def _later_data_date(block_text: str, published: PartialDate) -> Optional[PartialDate]:
    """The latest "as of" date of the page's data when it falls after the month of ``published``:
    a page cannot report data as of a date after it was written, so the date it was given is stale."""
    if _DATA_AS_OF.search(block_text) is None:
        return None  # no date can start "as of" (scanning a whole page for dates is costly)
    latest: Optional[PartialDate] = None
    for match in find_dates(block_text, 0, len(block_text), base=None):
        value = match.value
        if value is None or match.role not in {"as_of", "target"} or not _DATA_AS_OF.match(match.text):
            continue
        if _FUTURE_CLAUSE.match(block_text, match.end):
            continue  # "As of January 2025, the mission will have 5,000": a plan, not data
        if value.first_day > published.last_day and (latest is None or value.last_day > latest.last_day):
            latest = value
    if latest is None or (latest.first_day - published.last_day).days < 28:
        return None
    return latest


#: what follows an item's leading date: a dash or a colon ("5 July — …", "2 May: …", "3 June 2024 – …")
_ITEM_AFTER = re.compile(r"\s*(?:[\u2014\u2013]|-{1,2}|:)\s+\S")


#: the stamp lines that start a story: "Published: 2 January 2024", "Monday, 4 March 2024",
#: "By Staff | 12 Feb 2024" (not "Updated …", which a story's own header carries)
_STORY_STAMPS = {"published", "stamp", "date_line"}


def later_stamps(text: str, start: int, end: int, after: int) -> list[tuple[int, PartialDate]]:
    """The day stamps on lines of ``text[start:end]`` past offset ``after`` (the story's first
    sentence): each starts another story on the page ("MORE STORIES / Nigeria sends police to
    Haiti / Published: 2 January 2024 / …"), whose sentences it dates."""
    day_first = day_first_order(text, start, end)
    stamps = []
    for line_start, line_end in split_lines(text, start, end):
        if line_start <= after:
            continue
        found = [c for c in line_datelines(text, line_start, line_end, day_first=day_first) if c.kind in _STORY_STAMPS]
        if found and found[0].date.precision == "day":
            stamps.append((line_start, found[0].date))
    return stamps


def item_dateline(
    text: str,
    sentence: Sentence,
    published: Optional[PartialDate],
    *,
    read_from_text: bool = False,
    stamps: Sequence[tuple[int, PartialDate]] = (),
) -> Optional[PartialDate]:
    """The day a line starts with, as newsletter items and timelines do ("5 July — MONUSCO: Two
    peacekeepers were wounded on Wednesday …"), after a place as wire items give one ("NIAMEY, 2
    March 2024 - …"), else the last of ``stamps`` (:func:`later_stamps`) above it: the date of the
    item or later story, not of the page."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end == -1 else line_end
    lead = re.match(r"[\s*\u2022\u00b7>-]{0,4}(?:[A-Z][A-Za-z.'\u2019-]+(?: [A-Z][A-Za-z.'\u2019-]+){0,2}, )?", text[line_start:line_end])
    at = line_start + (lead.end() if lead else 0)
    found = find_dates(text, at, min(line_end, at + 40), base=published)
    value: Optional[PartialDate] = None
    if found and found[0].start == at and found[0].value is not None and found[0].value.precision == "day":
        value = found[0].value if _ITEM_AFTER.match(text, found[0].end) else None
    if value is None:
        above = [day for pos, day in stamps if pos < line_start]
        value = above[-1] if above else None  # the stamp line over a later story on the page
    if value is None:
        return None
    # a page date only read from the text may be the first item's own day: later items are then
    # up to two months after it (a bulletin's "3 June 2024 – …", "25 June 2024 – …")
    earliest = -62 if read_from_text else 0
    if published is not None and not earliest <= (published.last_day - value.first_day).days <= 366:
        return None  # a plan's date, or a year-less date read in the wrong year: not an item's
    return value


def lead_sentences(text: str, body: list[Sentence]) -> list[Sentence]:
    """The page's top lines up to the story's first sentence, the first that ends like one and has
    a few words ("Peace Operations Review", "Analysis | Data | Podcasts" and a headline come before
    it; a heading "Troop contributions as of October 2024:" may be the lead itself)."""
    for n, sentence in enumerate(body):
        line = text[sentence.start : sentence.end].strip()
        if line.endswith((".", "!", "?", '"', "\u201d")) and len(line.split()) >= 6:
            return body[: n + 1]
    return body[:1]


def lead_paragraph(text: str, body: list[Sentence], tops: list[Sentence]) -> list[Sentence]:
    """The page's top lines (:func:`lead_sentences`) and the rest of the story's first paragraph
    ("The UN's figures tell a story of decline. As of 31 December 2023, …"): where a story
    states the date of its data."""
    if not tops:
        return tops
    lead = list(tops)
    for sentence in body[len(tops) :]:
        if "\n" in text[lead[-1].end : sentence.start]:
            break
        lead.append(sentence)
    return lead
