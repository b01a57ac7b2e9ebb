"""Publication dates in plain text: datelines, date stamps and closing date lines.

Patterns find the candidate spans (a dateline must sit on a short line or at a paragraph start, in
a known shape); :class:`dateparser.date.DateDataParser` reads only those spans, so body text such
as "we" or "of 629" is never handed to it (over whole articles it reads "we" as Wednesday). Each candidate gets a
priority, lower is stronger::

    0  "Published April 19, 2025 | 02:40 PM", "Release time:2019-10-01", "Posted on 3 May 2020"
    1  " date 2025-04-19" (the scraper header some pages carry), "-- CNN: Title (May 12, 2017)"
    2  "(UrduPoint / Pakistan Point News - 19th Apr, 2025)", "Xinhua, October 11, 2016",
       "CAIRO – 5 August 2017: ..."
    3  a line that is only a date with a weekday or a time: "Sat, 05 Aug 2017 - 08:44 GMT",
       "Thursday June 26 2008"
    4  "Updated 08 June 2024", "[Last Updated : JUNE, 2023]", "This page was last edited on 3 March 2024"
    5  a line that is only a date: "26 October 2021" (press releases close with one)
    6  a full day-month-year date near the top of the article ("... on June 8, 2024. (PID)")

Month-only dates keep their precision ("JUNE, 2023" → ``2023-06``). All-number dates ("Last updated:
18/04/2024", "05.06.2024", "2024/04/18") are read without dateparser, day first unless the page's
own numeric dates show the month first (:func:`numeric_date`, :func:`day_first_order`). A date
after "as of" is a figure's date, and one after "Retrieved" a cited source's: neither dates the page.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Any, NamedTuple

from peacefacts.ingest.lines import split_lines
from peacefacts.records import PartialDate
from peacefacts.vocab.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    alternation,
)

__all__ = [
    "DateCandidate",
    "find_datelines",
    "parse_date",
    "numeric_date",
    "day_first_order",
    "day_first_dates",
    "is_date_only",
    "contains_date",
    "Priority",
    "NOT_A_DATE_BEFORE",
    "FULL_DATE_PATTERN",
    "TIME_PATTERN",
]


class Priority:
    """Candidate priorities (lower wins); see the module docstring."""

    PUBLISHED = 0
    HEADER = 1
    ATTRIBUTION = 1
    SOURCE = 2
    STAMP = 3
    UPDATED = 4
    DATE_LINE = 5
    EARLY = 6


class DateCandidate(NamedTuple):
    """A publication-date candidate found in the text."""

    date: PartialDate
    priority: int
    start: int  # offset of the date text in the document
    end: int
    kind: str  # "published", "header", "attribution", "source", "stamp", "updated", "date_line", "early"


# --- date expressions (case-insensitive pieces, embedded in case-sensitive patterns) -------------
_MONTH = rf"(?i:{alternation(MONTH_NAMES + MONTH_ABBREVIATIONS)})\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?i:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = rf"(?i:{alternation(WEEKDAY_NAMES + WEEKDAY_ABBREVIATIONS)})\.?"
_TIME = r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?:\s*(?i:[ap]\.?m\.?))?"
_ISO = r"(?:1[89]\d\d|20\d\d)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
# all-number dates: "18/04/2024", "05.06.2024", "31-03-2024", "2024/04/18" (one separator per date;
# not inside a longer run of numbers: "v1.2.2024.5" and "+254 20.10.2023" are not dates)
_DM = r"(?:0?[1-9]|[12]\d|3[01])"
_NUMERIC = (
    rf"(?:(?<![\w./+-]){_DM}(?:/{_DM}/|\.{_DM}\.|-{_DM}-){_YEAR}"
    rf"|(?<![\w./+-]){_YEAR}(?:/{_DM}/|\.{_DM}\.){_DM})(?![.\-/]\d)"
)
_FULL_DATE = (
    rf"(?:{_DAY}\s+(?i:of\s+)?{_MONTH},?\s+{_YEAR}"
    rf"|{_MONTH}\s+{_DAY},?\s+{_YEAR}"
    rf"|{_ISO}|{_NUMERIC})"
)
_MONTH_YEAR = rf"(?:{_MONTH},?\s+{_YEAR})"
#: A day-month-year date in any shape ingest reads, and a clock time (regex sources, for patterns
#: built elsewhere: the comment time stamps of :mod:`peacefacts.ingest.chrome`).
FULL_DATE_PATTERN = _FULL_DATE
TIME_PATTERN = _TIME
_ANY_DATE = rf"(?:{_FULL_DATE}|{_MONTH_YEAR})"

_DATE_END = r"(?!(?!T\d)\w)"  # not inside a word; "2023-03-14T09:30" is fine
FULL_DATE_RE = re.compile(rf"(?<![\w-]){_FULL_DATE}{_DATE_END}")
_TIME_RE = re.compile(rf"(?<![\d:]){_TIME}(?![\d:])")

# "Published April 19, 2025", "Release time:2019-10-01", "Posted on: 3 May 2020"
_PUBLISHED_RE = re.compile(
    # capitalised labels only: body sentences say "the report, published in May 2019, ..."
    r"\b(?:First [Pp]ublished|Published|PUBLISHED|Posted|POSTED|Released?(?:\s*[Tt]ime|\s*[Dd]ate)?"
    r"|RELEASED?|Publication [Dd]ate|Date [Pp]ublished)\b"
    r"(?:\s+by\s+[^|\n]{1,40}?\s*(?=\||\bon\b))?"  # "Posted by AFP | December 4, 2023", "Posted by Admin on 3 May 2020"
    rf"(?:\s*(?i:on|at|:|-|–|—|\|))*\s*(?P<date>{_ANY_DATE}){_DATE_END}"
)
_UPDATED_RE = re.compile(
    r"\b(?:Last [Uu]pdated|LAST UPDATED|Updated|UPDATED|Last [Mm]odified|Modified|[Ll]ast [Ee]dited)\b"
    rf"(?:\s*(?i:on|at|:|-|–|—))*\s*(?P<date>{_ANY_DATE}){_DATE_END}"
)
# " date 2025-04-19 Pakistan, UN Discuss ..." (a header some scraped pages start with)
HEADER_DATE_RE = re.compile(rf"^[ \t]*date[ \t]+(?P<date>{_ISO})(?:[ \t]+|$)")
# "(UrduPoint / Pakistan Point News - 19th Apr, 2025)"
_SOURCE_PAREN_RE = re.compile(rf"\([^()\n]{{2,80}}?\s*[-–—,]\s*(?P<date>{_FULL_DATE})\s*\)")
# "Xinhua, October 11, 2016 ...", "CAIRO – 5 August 2017: ...", "Geneva, 12 May 2020 - ..."
_PLACE_DATELINE_RE = re.compile(
    rf"^(?!{_WEEKDAY}\b)(?P<place>[A-Z][A-Za-z.'’]*(?:[ /][A-Z][A-Za-z.'’]*){{0,3}})\s*(?:,|\s[-–—]+)\s*"
    rf"(?:{_WEEKDAY},?\s+)?(?P<date>{_FULL_DATE})(?=\s*(?:[:\-–—]|$|\s+[A-Z]))"
)
# "-- CNN: A global military player (May 12, 2017)": the text above it is quoted from that source
ATTRIBUTION_RE = re.compile(
    rf"^(?:--|[-–—])\s*[A-Z][\w&.'’ ]{{1,40}}:\s*(?P<title>.+?)\s*\((?P<date>{_FULL_DATE})\)\s*$"
)
# a line that is only a date, maybe with a weekday, a time and a zone: "Sat, 05 Aug 2017 - 08:44 GMT"
_DATE_ONLY_RE = re.compile(
    rf"^[\W_]*(?:(?P<weekday>{_WEEKDAY})[\W_]{{1,4}})?(?P<date>{_ANY_DATE})"
    rf"(?:[\s,|\-–—]*(?i:at\s+)?(?P<time>{_TIME})(?:\s*(?:[A-Z]{{2,5}}|[+-]\d{{2}}:?\d{{2}}))?)?[\W_]*$"
)
# not a publication date: the end of a range ("25-26 October 2021") or a period bound ("since 5 June
# 1990", "between ... and")
_RANGE_BEFORE = re.compile(r"\d\s*[-–—]\s*$|(?i:\b(?:between|and|since|from|until|till|to|after|before))\s+$")

# a figure's date or a cited source's, never the page's: "(as of 31 March 2024)", "Data as at
# 30.06.2023", "Retrieved 12 March 2024", "Archived from the original on 4 May 2022", "the
# Secretary-General's report of 30 March 2023"
_NOT_PUBLICATION_BEFORE = re.compile(
    r"(?i:\b(?:as\s+(?:of|at|on)|(?:data|figures?|statistics|numbers?)\s+(?:as\s+)?(?:of|at|on|for)|retrieved|accessed"
    r"|(?:report|letter|resolution|decision|communiqu[eé])\s+(?:of|dated)"
    r"|archived(?:\s+from\s+the\s+original)?)(?:\s+on)?(?:\s*[:,]\s*|\s+)(?:the\s+)?)$"
)
#: what makes an all-number date a phone, version or reference number ("Tel: 20.10.2023", "v1.2.2024",
#: "+254 20.10.2023": more digits just before it)
NOT_A_DATE_BEFORE = re.compile(
    r"(?:(?i:\b(?:tel|telephone|phone|fax|mobile|cell|call|whatsapp|version|ver|v|release|build|ref|no|nos|number"
    r"|isbn|issn|doi|id|code|serial)\.?\s*[:#]?\s*)|\d[\d()]*[ \t])$"
)

# an event's date, not the story's: "founded on", "was established on 29 May 1948"
_HISTORY_BEFORE = re.compile(
    r"(?i:\b(?:founded|established|created|formed|set\s+up|launched|born|signed|adopted|inaugurated|joined|admitted|"
    r"began|begun|started|first\s+deployed|independence|ratified)\b[^.;:!?]{0,30}?\b(?:on|in)\s+(?:the\s+)?)$"
    # a fact sheet's label: "Established: 27 June 2011"
    r"|(?i:\b(?:founded|established|created|set\s+up|launched|inaugurated|deployed|mandate\s+(?:start|began))\s*:\s*)$"
    # an event the piece looks back on: "the Niemba ambush of 8 November 1960", "60 years since …"
    r"|(?i:\b(?:ambush|attack|massacre|killing|killings|battle|bombing|crash|disaster|tragedy|siege|earthquake)\s+(?:of|on)\s+(?:the\s+)?)$"
    r"|(?i:\b\w+\s+(?:years?|decades?)\s+(?:\w+\s+){0,2}(?:since|after|ago)\b[^.;:!?]{0,80})$"
    # a first deployment: "its first contingent deployed on 14 July 1960", "began when … first arrived on"
    r"|(?i:\bfirst\b[^.;:!?]{0,40}?\b(?:deployed|arrived|sent|dispatched|left|landed|departed|served|joined)\b[^.;:!?]{0,30}?\b(?:on|in)\s+(?:the\s+)?)$"
)

#: lines longer than this are body text, not datelines ("the report, published in May 2019, ...")
_MAX_DATELINE_LEN = 160
#: how far into an article a bare full date may sit and still date it (photo captions, ledes)
EARLY_WINDOW = 600


@lru_cache(maxsize=1)
def _parser() -> Any:  # a dateparser DateDataParser (dateparser has no type hints)
    # Built once: DateDataParser set-up costs ~50 ms. English only, UTC, a fixed base date (never
    # "now"); the patterns above always include a year, so the base never fills in a part.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": _dt.datetime(2000, 1, 1),
            "TIMEZONE": "UTC",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_DATES_FROM": "past",
        },
    )


_NUMERIC_PARTS = re.compile(r"^(?:(\d{1,2})([./-])(\d{1,2})\2(\d{4})|(\d{4})([./-])(\d{1,2})\6(\d{1,2}))$")
_NUMERIC_RE = re.compile(_NUMERIC)


def numeric_date(text: str, *, day_first: bool = True) -> PartialDate | None:
    """Read an all-number date ("18/04/2024", "05.06.2024", "31-03-2024", "2024/04/18").

    A part above 12 is the day, whichever side it is on. When both could be the month
    ("05.06.2024"), ``day_first`` decides: the day comes first outside the United States, so that
    is the default, and a page whose other numeric dates show the order passes its own (see
    :func:`day_first_order`). Year first is always year-month-day. ``None`` for anything else and
    for days that do not exist.

    >>> numeric_date("18/04/2024"), numeric_date("04/18/2024")
    (PartialDate(year=2024, month=4, day=18), PartialDate(year=2024, month=4, day=18))
    >>> str(numeric_date("05.06.2024")), str(numeric_date("05.06.2024", day_first=False)), numeric_date("31.02.2024")
    ('2024-06-05', '2024-05-06', None)
    """
    match = _NUMERIC_PARTS.match(text.strip())
    if match is None:
        return None
    if match.group(1):
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if first > 12 or (second <= 12 and day_first):
            day, month = first, second
        else:
            month, day = first, second
    else:
        year, month, day = int(match.group(5)), int(match.group(7)), int(match.group(8))
    if not 1800 <= year <= 2099:
        return None
    try:
        return PartialDate.from_date(_dt.date(year, month, day))
    except ValueError:
        return None


def day_first_order(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether the all-number dates of ``text[start:end]`` put the day first.

    Only a date with a part above 12 shows the order ("18/04/2024" day first, "04/18/2024" month
    first). Month first is read only when the page shows it and nothing contradicts it; else day
    first, the default (:func:`numeric_date`).

    >>> day_first_order("Posted 04/18/2024. Updated 05/06/2024"), day_first_order("Updated 05/06/2024")
    (False, True)
    """
    end = len(text) if end is None else end
    if not any(sep in text[start:end] for sep in "/.-"):
        return True
    day_seen = month_seen = False
    for found in _NUMERIC_RE.finditer(text, start, end):
        match = _NUMERIC_PARTS.match(found.group(0))
        if match is None or not match.group(1):
            continue
        day_seen = day_seen or int(match.group(1)) > 12
        month_seen = month_seen or int(match.group(3)) > 12
    return not (month_seen and not day_seen)


def day_first_dates(text: str) -> str:
    """``text`` with its all-number dates written day first, when the page writes them month first.

    A page whose numeric dates show the month first ("04/18/2024", and nothing day first) has
    each of its day-month-year dates turned around in place ("04/05/2024" → "05/04/2024": 5
    April), so every reader after ingest, which reads them day first, reads them as the page means
    them. Same length, same offsets; year-first dates, phone and version numbers are left alone.

    >>> day_first_dates("Posted 04/18/2024. As of 4/05/2024, 955 served.")
    'Posted 18/04/2024. As of 05/4/2024, 955 served.'
    >>> day_first_dates("Posted 18/04/2024. As of 04/05/2024, 955 served.")
    'Posted 18/04/2024. As of 04/05/2024, 955 served.'
    """
    if day_first_order(text):
        return text
    pieces, pos = [], 0
    for found in _NUMERIC_RE.finditer(text):
        match = _NUMERIC_PARTS.match(found.group(0))
        if match is None or not match.group(1) or int(match.group(1)) > 12:
            continue
        if NOT_A_DATE_BEFORE.search(text, max(0, found.start() - 16), found.start()):
            continue
        month, sep, day, year = match.group(1), match.group(2), match.group(3), match.group(4)
        pieces += [text[pos : found.start()], f"{day}{sep}{month}{sep}{year}"]
        pos = found.end()
    return "".join(pieces) + text[pos:] if pieces else text


@lru_cache(maxsize=4096)
def parse_date(text: str, *, day_first: bool = True) -> PartialDate | None:
    """Read one date expression (already isolated) into a :class:`PartialDate`.

    The precision dateparser reports is kept: a month and a year give a month. All-number dates
    are read by :func:`numeric_date` (``day_first`` settles "05.06.2024").

    >>> parse_date("19th Apr, 2025"), parse_date("JUNE, 2023"), parse_date("next month")
    (PartialDate(year=2025, month=4, day=19), PartialDate(year=2023, month=6, day=None), None)
    >>> parse_date("18/04/2024")
    PartialDate(year=2024, month=4, day=18)
    """
    cleaned = re.sub(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", text.strip(" \t.,:;|[]()"))
    if not re.search(r"\d{4}", cleaned):  # no year: never let a base date fill it in
        return None
    if _NUMERIC_PARTS.match(cleaned):
        return numeric_date(cleaned, day_first=day_first)
    data = _parser().get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    period = data.period if data.period in ("day", "month", "year") else "day"
    return PartialDate.from_date(data.date_obj.date(), period)


def is_date_only(line: str) -> tuple[str, bool] | None:
    """If ``line`` is nothing but a date (weekday, time and zone allowed), return (date text, stamped).

    ``stamped`` is true when the line also has a weekday or a time, the shape of a dateline.

    >>> is_date_only("Sat, 05 Aug 2017 - 08:44 GMT"), is_date_only("26 October 2021")
    (('05 Aug 2017', True), ('26 October 2021', False))
    >>> is_date_only("Held on 26 October 2021") is None
    True
    """
    match = _DATE_ONLY_RE.match(line.strip())
    if not match:
        return None
    return match.group("date"), bool(match.group("weekday") or match.group("time"))


def contains_date(line: str) -> bool:
    """Whether ``line`` has a full date or a clock time (headlines and sidebar items rarely do)."""
    return bool(FULL_DATE_RE.search(line) or _TIME_RE.search(line))


def _candidate(
    text: str, start: int, end: int, priority: int, kind: str, day_first: bool = True
) -> DateCandidate | None:
    date = parse_date(text[start:end], day_first=day_first)
    return None if date is None else DateCandidate(date, priority, start, end, kind)


def line_datelines(text: str, start: int, end: int, *, day_first: bool = True) -> list[DateCandidate]:
    """Dateline candidates (priorities 0-5) on the line ``text[start:end]`` (stripped, no newline).

    ``day_first`` settles all-number dates such as "05.06.2024" (:func:`day_first_order`).
    """
    line = text[start:end]
    found: list[DateCandidate] = []

    def add(match: re.Match[str] | None, priority: int, kind: str) -> None:
        if match:
            cand = _candidate(
                text, start + match.start("date"), start + match.end("date"), priority, kind, day_first
            )
            if cand:
                found.append(cand)

    header = HEADER_DATE_RE.match(line)
    add(header, Priority.HEADER, "header")
    add(ATTRIBUTION_RE.match(line), Priority.ATTRIBUTION, "attribution")
    add(_SOURCE_PAREN_RE.search(line, 0, 200) if "(" in line[:120] else None, Priority.SOURCE, "source")
    add(_PLACE_DATELINE_RE.match(line), Priority.SOURCE, "source")
    if len(line) <= _MAX_DATELINE_LEN:
        add(_PUBLISHED_RE.search(line), Priority.PUBLISHED, "published")
        add(_UPDATED_RE.search(line), Priority.UPDATED, "updated")
        only = _DATE_ONLY_RE.match(line)
        if only and not header:
            stamped = bool(only.group("weekday") or only.group("time"))
            add(only, Priority.STAMP if stamped else Priority.DATE_LINE, "stamp" if stamped else "date_line")
        elif not found:
            found.extend(_meta_line_dates(text, start, end, day_first))
    return found


# "Posted by AFP | December 4, 2023 | 0 Comments", "By John Doe · 12 March 2024 · 3 min read":
# a line of meta fields; one field that is only a date (or "on <date>") is the page's stamp.
_META_SEPARATOR = re.compile(r"\s+[|·•‧]\s+|\s*\|\s*|\s+[—–-]\s+")
# a label, a UN document symbol or a place before a date that is the rest of the line: "Date:
# 2019-05-29", "SG/SM/19596 29 MAY 2019", "ISLAMABAD: May 29, 2019"
_META_LABEL = re.compile(
    r"^(?:(?i:date|dated|date of (?:publication|issue|release)|issued|release date)\s*:\s*"
    r"|[A-Z]{1,6}(?:/[A-Z0-9.]{1,10}){1,4}\s+"
    # a place, not a history label ("Established: 27 June 2011" on a fact sheet dates the mission)
    r"|(?!(?i:established|founded|created|set\s+up|launched|began|started|born|died|signed|adopted|deployed|mandate)\b)"
    r"[A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+){0,2}\s*:\s+)"
)
_META_FIELD_DATE = re.compile(r"^(?:(?:posted|published|updated|written|added)\b[^|·•]{0,40}?\bon\s+|on\s+)", re.IGNORECASE)


def _meta_line_dates(text: str, start: int, end: int, day_first: bool) -> list[DateCandidate]:
    line = text[start:end]
    label = _META_LABEL.match(line)
    if label is not None:
        only = _DATE_ONLY_RE.match(line[label.end() :])
        if only:
            begin = start + label.end()
            cand = _candidate(text, begin + only.start("date"), begin + only.end("date"), Priority.STAMP, "stamp", day_first)
            return [cand] if cand else []
    cuts = [0] + [p for m in _META_SEPARATOR.finditer(line) for p in (m.start(), m.end())] + [len(line)]
    if len(cuts) < 4:
        return []  # not a line of fields
    out = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        field = line[a:b]
        lead = _META_FIELD_DATE.match(field)
        offset = lead.end() if lead else 0
        only = _DATE_ONLY_RE.match(field[offset:].strip())
        if only:
            pad = len(field[offset:]) - len(field[offset:].lstrip())
            begin = start + a + offset + pad
            cand = _candidate(text, begin + only.start("date"), begin + only.end("date"), Priority.STAMP, "stamp", day_first)
            if cand:
                out.append(cand)
    return out[:1]


def early_dates(text: str, start: int, end: int, *, day_first: bool = True) -> list[DateCandidate]:
    """Full day-month-year dates in ``text[start:end]`` (priority 6), skipping the ends of ranges,
    the dates of historical events ("The United Nations was founded on October 24, 1945"), a
    figure's own date ("(as of 31 March 2024)": it dates the figures after it, not the page), a
    cited source's ("Retrieved 12 March 2024") and numbers that only look like dates ("Tel:
    20.10.2023")."""
    found = []
    for match in FULL_DATE_RE.finditer(text, start, end):
        if _RANGE_BEFORE.search(text, max(start, match.start() - 12), match.start()):
            continue
        if _HISTORY_BEFORE.search(text, max(start, match.start() - 60), match.start()):
            continue
        if _NOT_PUBLICATION_BEFORE.search(text, max(start, match.start() - 40), match.start()):
            continue
        if match.group(0)[:1].isdigit() and NOT_A_DATE_BEFORE.search(text, max(start, match.start() - 16), match.start()):
            continue
        cand = _candidate(text, match.start(), match.end(), Priority.EARLY, "early", day_first)
        if cand:
            found.append(cand)
    return found


def find_datelines(text: str, start: int = 0, end: int | None = None) -> list[DateCandidate]:
    """All publication-date candidates in ``text[start:end]``, strongest first.

    >>> t = "Pakistan to send officers\\nUpdated 08 June 2024\\nISLAMABAD: Officers will go, it said on June 1, 2024."
    >>> [(str(c.date), c.kind) for c in find_datelines(t)]
    [('2024-06-08', 'updated'), ('2024-06-01', 'early')]
    """
    end = len(text) if end is None else end
    day_first = day_first_order(text, start, end)
    found: list[DateCandidate] = []
    for line_start, line_end in split_lines(text, start, end):
        found.extend(line_datelines(text, line_start, line_end, day_first=day_first))
    seen = {(c.start, c.end) for c in found}
    found.extend(
        c
        for c in early_dates(text, start, min(end, start + EARLY_WINDOW), day_first=day_first)
        if (c.start, c.end) not in seen
    )
    return sorted(found, key=lambda c: (c.priority, c.start))
