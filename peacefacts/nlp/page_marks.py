"""Marks on a page that bound or set its date without the story's sentences: its copyright line,
and the dateline a story gives itself.

A footer's "© 2019 …" is the year the page was rendered, so the piece is of that year or earlier:
:func:`peacefacts.nlp.page_dates.undated_anchor` uses it only for a piece that reports no date at
all (a dated page keeps its date whatever year its footer shows: a 2004 article can carry "©2024").
A wire dateline ("JUBA, June 27 (Xinhua) --") or a first full date near the top is the story's
own day, which beats a publication date the page was given but does not show (:func:`story_day`).
"""

from __future__ import annotations

import re
from typing import Optional

from peacefacts.ingest.datelines import find_datelines
from peacefacts.records import Block, PartialDate, PublishedSource
from peacefacts.vocab.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, WEEKDAY_NAMES, alternation

__all__ = ["copyright_year", "story_day"]


#: "© 2019 Accra Daily Monitor", "Copyright © 2016-2021 …", "(c) 2020", "Atlas Morning © 2023"
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bCopyright\b)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*[-\u2013\u2014]\s*)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)


def copyright_year(text: str) -> Optional[PartialDate]:
    """The year of a page's copyright line (the last year of a range), the latest a piece can be:
    it dates an undated piece only when nothing in its text does."""
    found = [m for m in _COPYRIGHT.finditer(text)]
    return PartialDate(int(found[-1].group("year"))) if found else None


#: a stamp line's first word, not a place ("Updated June 27 - …")
_STAMP_WORDS = ["Updated", "Published", "Posted", "Modified", "Last", "Date", "Dated", "Released", "Edited", "Issued", "Filed"]
#: a wire story's dateline: a place, a day (its year often left out), an agency, a dash ("DAR ES
#: SALAAM, Dec. 8 (Xinhua) --", "JUBA, June 27 --", "BEIRUT, Oct 11 (Reuters) -")
_WIRE_DATELINE = re.compile(
    r"^[^\S\n]*(?!(?:" + alternation([*WEEKDAY_NAMES, *_STAMP_WORDS]) + r")\b)[A-Z][A-Za-z.'\u2019-]+(?:[^\S\n]+[A-Z][A-Za-z.'\u2019-]+){0,3}"
    r"(?:,[^\S\n]+[A-Z][A-Za-z.]+(?:[^\S\n]+[A-Z][A-Za-z.]+)?)?,?[^\S\n]+"
    r"(?P<month>" + alternation([*MONTH_NAMES, *MONTH_ABBREVIATIONS]) + r")\.?[^\S\n]+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?[^\S\n]*(?P<year>(?:19|20)\d\d))?"
    r"(?:[^\S\n]*\([A-Za-z .&/-]{2,30}\))?[^\S\n]*(?:--|[-\u2013\u2014:])",
    re.MULTILINE,
)


_MONTH = alternation([*MONTH_NAMES, *MONTH_ABBREVIATIONS])
#: a dateline opening a sentence: a place in capitals or a place and a date, an agency, a dash
#: ("NEW YORK, 8 June 2024 -", "JUBA, South Sudan, June 27 (Xinhua) --", "BEIRUT (AP) —")
_DATELINE_PREFIX = re.compile(
    r"[^\S\n]*(?:"
    r"[A-Z][A-Z.'\u2019-]+(?:[^\S\n]+[A-Z][A-Z.'\u2019-]+){0,3}(?:,[^\S\n]+[A-Z][A-Za-z.]+(?:[^\S\n]+[A-Z][A-Za-z.]+)?)?"
    r"(?:,?[^\S\n]+(?:[0-3]?\d[^\S\n]+(?:" + _MONTH + r")|(?:" + _MONTH + r")\.?[^\S\n]+[0-3]?\d)(?:st|nd|rd|th)?(?:,?[^\S\n]+(?:19|20)\d\d)?)?"
    r"|[A-Z][A-Za-z.'\u2019-]+(?:[^\S\n]+[A-Z][A-Za-z.'\u2019-]+){0,3},[^\S\n]+"
    r"(?:[0-3]?\d[^\S\n]+(?:" + _MONTH + r")|(?:" + _MONTH + r")\.?[^\S\n]+[0-3]?\d)(?:st|nd|rd|th)?(?:,?[^\S\n]+(?:19|20)\d\d)?"
    r")(?:[^\S\n]*\([A-Za-z .&/-]{2,30}\))?[^\S\n]*(?:--|[-\u2013\u2014])[^\S\n]*(?=[A-Z])"
)


def after_dateline(text: str, start: int, end: int) -> int:
    """Where a sentence's own words begin after the dateline it opens with, or ``start``: the
    parser reads "NEW YORK, 8 June 2024 - Nepal has 6,000 peacekeepers" with the place as
    the verb's subject.

    >>> line = "NEW YORK, 8 June 2024 - Nepal has 6,000 peacekeepers."
    >>> line[after_dateline(line, 0, len(line)):]
    'Nepal has 6,000 peacekeepers.'
    >>> after_dateline("Nepal - the country has 6,000 peacekeepers.", 0, 44)
    0
    """
    m = _DATELINE_PREFIX.match(text, start, end)
    return m.end() if m is not None and m.end() < end else start


def story_day(text: str, block: Block, block_text: str) -> Optional[PartialDate]:
    """The day a story gives itself when the page does not show the date it was given.

    A date given from outside the text (by the scraper or the address) may be a day or two late:
    a wire story filed on June 27 is stamped June 28 in another time zone or indexed the next
    day. When the page's top does not show that date, the story's dateline ("DAR ES SALAAM, Dec.
    8 (Xinhua) --", the year left out) or the first full date early in it ("NEW YORK, 12 June 2019
    — …", "… said on June 8, 2024") one to three days before it is the story's day, and the
    conventions date its figures by it. A page that shows its date keeps it (" date 2018-02-12"
    above "February 11, 2018 (KIGALI/JUBA) - …"); a date read from the text is already the page's.
    """
    published = block.published
    if published is None or published.precision != "day" or block.published_source not in {PublishedSource.GIVEN, PublishedSource.URL}:
        return None
    top_end = min(block.end, block.start + _STORY_TOP)
    shown = find_datelines(text, 0 if block.start < _STORY_TOP else block.start, top_end)
    if any(c.date == published for c in shown):
        return None
    days = [c.date for c in shown if c.kind == "early" and c.start >= block.start and c.date.precision == "day"]
    wired = _wire_dateline(block_text, published)
    if wired is not None:
        days.insert(0, wired)
    day = days[0] if days else None
    return day if day is not None and 1 <= (published.first_day - day.first_day).days <= 3 else None


#: how far into a story its dateline or first dates are looked for
_STORY_TOP = 1500


def _wire_dateline(block_text: str, published: PartialDate) -> Optional[PartialDate]:
    """The day of a wire dateline opening the story ("JUBA, June 27 --", "Kathmandu, June 2, 2024
    (AP) —"), a year-less one read in the year that puts it on or before ``published``."""
    m = _WIRE_DATELINE.search(block_text, 0, _STORY_TOP)
    if m is None:
        return None
    month = MONTHS[m.group("month").lower()]
    year = int(m.group("year")) if m.group("year") else published.year - (1 if published.month is not None and month > published.month else 0)
    try:
        return PartialDate(year, month, int(m.group("day")))
    except ValueError:
        return None
