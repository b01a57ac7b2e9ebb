"""Dates the library knows, for undated pieces: a span counted from a start (one the library
knows, or one the piece gives next to the span ("for the past 15 years, since 2005"; "… first battalion in 2005. Fifteen
years on, …": :func:`span_from_start`), and UN-wide events named without a year ("pledged at
the Seoul ministerial": :func:`named_event_dates`).

A piece that marks "45 years of UNIFIL" or "60 years of Ghana's service in UN peacekeeping" without
saying when either began is dated by the start years of the data tables: a mission's from
``resources/missions.tsv``, a contributor's first deployment and UN peacekeeping's own (1948) from
``resources/first_deployments.tsv``. :mod:`peacefacts.nlp.page_dates` asks for this only after the
anchors a piece gives itself (a start year it states always wins), and keeps it only when it is
possible (not after this year, not before a date the piece reports).
"""

from __future__ import annotations

import re
from typing import Optional

from peacefacts.nlp.numbers import parse_figure
from peacefacts.nlp.story import country_mentions
from peacefacts.records import PartialDate
from peacefacts.vocab.calendar import (
    ANNIVERSARY_OF_OTHER,
    SPAN_HEDGES,
    YEAR_SPANS,
    alternation,
    first_deployment_year,
    peacekeeping_events,
)
from peacefacts.vocab.missions import mission, mission_mentions

__all__ = ["known_start_anchor", "named_event_dates", "span_from_start", "span_years"]


def span_years(amount: str, unit: str) -> Optional[int]:
    """"75" / "Fifty" / "sixty-five" / "marks 75" years or decades, as a number of years (1-100).

    >>> span_years("sixty-five", "years"), span_years("seven", "decades"), span_years("many", "years")
    (65, 70, None)
    """
    figure = parse_figure(amount) or parse_figure(amount.split()[-1])
    if figure is None:
        return None
    years = int(figure.value * (10 if unit.lower().startswith("decade") else 1))
    return years if 1 <= years <= 100 else None


_HEDGED_SPAN = re.compile(r"\b(?:" + alternation(SPAN_HEDGES) + r")\s*$", re.IGNORECASE)
_OTHER_THING = re.compile(r"\b(?:" + alternation(ANNIVERSARY_OF_OTHER) + r")\b", re.IGNORECASE)


#: "60 years of UN peacekeeping", "65 years in peacekeeping", "70 years of service with the United
#: Nations": a span of the service itself (the tail must name peacekeeping or the UN)
_SERVICE_SPAN = re.compile(
    r"\b(?P<n>\w+(?:-\w+)?)\s+years?\s+(?:of|in)\s+(?P<of>[^.;:!?\n]{0,60}?\b(?:peace-?keeping|peace\s+operations"
    r"|(?:UN|United\s+Nations)\b))"
    # "has taken part in UN peacekeeping for 30 years", "has served UN peacekeeping for the past 60 years"
    r"|\b(?P<of2>(?:UN|United\s+Nations)\s+peace-?keeping(?:\s+(?:operations|missions))?)\s+for\s+(?:the\s+(?:last|past)\s+)?"
    r"(?P<n2>\w+(?:-\w+)?)\s+years\b",
    re.IGNORECASE,
)
#: "the 45th anniversary of UNIFIL", "UNIFIL marks its 45th anniversary", "turns 60", "UN Peacekeeping at 70"
_OWN_AGE = re.compile(
    r"\b(?P<ord>\d{1,3})(?:st|nd|rd|th)\s+anniversary\b(?P<of>\s+of\s+[^.;:!?\n]{0,60})?"
    r"|\b(?:turns|turned|turning|marks|marked|celebrates|celebrated)\s+(?P<turned>\d{1,3}|\w+(?:-\w+)?)(?=\s*(?:[.,;:!?\n]|this\s+year|$))"
    r"|\b(?P<at_who>[A-Z][A-Za-z]{3,}|(?:UN|United\s+Nations)\s+[Pp]eace-?keeping)\s+at\s+(?P<at>\d{2})\b(?!\s*(?:%|per|percent))",
)
#: "Ghana first sent troops to the Congo 60 years ago", "UN peacekeeping began 70 years ago": a
#: first start counted back from the piece's year
_FIRST_AGO = re.compile(
    r"\b(?:first|began|begun|started)\b[^.;:!?\n]{0,80}?\b(?P<n>\w+(?:-\w+)?)\s+(?P<unit>years|decades)\s+ago\b",
    re.IGNORECASE,
)
#: "UNIFIL has been in southern Lebanon for 45 years", "UNFICYP has kept the peace in Cyprus for 60
#: years": a mission's presence since its start
_MISSION_FOR = re.compile(
    r"\b(?:has|have)\s+(?:been(?:\s+(?:deployed|present|stationed|based|serving|operating))?\s+(?:in|on|along)|served|operated|kept\s+the\s+peace)"
    r"\b[^.;:!?\n]{0,50}?\bfor\s+(?:the\s+(?:last|past)\s+)?(?P<n>\w+(?:-\w+)?)\s+years\b",
    re.IGNORECASE,
)
#: words between a country and a span that make the span the world's ("Ghana joins the world in
#: marking 70 years of UN peacekeeping")
_WORLDWIDE = re.compile(r"\b(?:world|global|globe|international|United\s+Nations|UN|Secretary-General|everyone)\b", re.IGNORECASE)
_PEACEKEEPING_TAIL = re.compile(r"\b(?:peace-?keeping|peace\s+operations|UN|United\s+Nations)\b", re.IGNORECASE)
_UN_PEACEKEEPING = re.compile(r"^\s*(?:of\s+)?(?:the\s+)?(?:UN|United\s+Nations)\s+peace-?keeping\b|^\s*(?:of\s+)?peace-?keeping\b", re.IGNORECASE)


def known_start_anchor(text: str) -> tuple[Optional[PartialDate], Optional[PartialDate]]:
    """Date an undated piece by the anniversary it marks of a start the piece does not give:
    a mission's (``missions.tsv``: "UNIFIL marks its 45th anniversary" → 2023), a contributor's
    first deployment or UN peacekeeping's own (``first_deployments.tsv``: "Ghana celebrates 60 years
    of UN peacekeeping" → 2020, "the world marks 70 years of UN peacekeeping" → 2018).

    A contributor's or UN peacekeeping's span counts only in round years (multiples of five: a
    piece marks its 60th year, while "35 years of service" is a career) and not when hedged
    ("nearly 70 years"); a country's bare anniversary ("Ghana marks its 60th anniversary") is
    not taken for its service (it may be its independence's)."""
    for m in _SERVICE_SPAN.finditer(text):
        if m.group("n2"):  # "… UN peacekeeping for 30 years": the clause before says whose
            years = span_years(m.group("n2"), "years")
            if years is None or years % 5 or _HEDGED_SPAN.search(text, max(0, m.start("n2") - 14), m.start("n2")):
                continue
            start = _service_start(text, m.start(), "", m.start(), countries=True, span=True)
            if start is not None:
                return PartialDate(start + years), PartialDate(start)
            continue
        years = span_years(m.group("n"), "years")
        if years is None or years % 5 or _HEDGED_SPAN.search(text, max(0, m.start() - 14), m.start()):
            continue
        tail = _THROUGH_CLAUSE.match(text, m.start("of"))
        start = _service_start(text, m.start(), tail.group(0) if tail else m.group("of"), m.start("of"), countries=True)
        if start is not None:
            return PartialDate(start + years), PartialDate(start)
    for m in _FIRST_AGO.finditer(text):
        years = span_years(m.group("n"), m.group("unit"))
        if years is None or _HEDGED_SPAN.search(text, max(0, m.start("n") - 14), m.start("n")):
            continue
        sentence = text[_sentence_start(text, m.start()) : m.end()]
        start = _starter(sentence)
        if start is not None:
            return PartialDate(start + years), PartialDate(start)
    for m in _MISSION_FOR.finditer(text):
        years = span_years(m.group("n"), "years")
        if years is None or _HEDGED_SPAN.search(text, max(0, m.start("n") - 14), m.start("n")):
            continue
        named = mission_mentions(text[_sentence_start(text, m.start()) : m.start()])
        known = mission(named[-1].acronym) if named else None
        if known is not None:
            return PartialDate(known.start + years), PartialDate(known.start)
    for m in _OWN_AGE.finditer(text):
        amount = m.group("ord") or m.group("turned") or m.group("at")
        years = span_years(amount, "years")
        if years is None:
            continue
        if m.group("at_who"):
            start = _service_start(text, m.start(), m.group("at_who"), m.start("at_who"), countries=False)
        elif m.group("of"):
            start = _service_start(text, m.start(), m.group("of"), m.start("of"), countries=True)
            if start is not None and start == first_deployment_year("UN"):
                start = None  # "the 75th anniversary of UN peacekeeping": numbered_event_year's
        else:
            start = _service_start(text, m.start(), "", m.end(), countries=False)
        if start is not None and (years % 5 == 0 or mission_mentions(text[_sentence_start(text, m.start()) : m.end()])):
            return PartialDate(start + years), PartialDate(start)
    return None, None


_THROUGH_CLAUSE = re.compile(r"[^.;:!?\n,]{0,60}")


def _starter(sentence: str) -> Optional[int]:
    """The start year of the mission, the contributor or UN peacekeeping a sentence about a first
    start names ("Ghana first sent troops …", "UNIFIL was first deployed …", "UN peacekeeping began …")."""
    named = mission_mentions(sentence)
    if named:
        known = mission(named[0].acronym)
        return known.start if known is not None else None
    countries = country_mentions(sentence)
    if countries:
        return first_deployment_year(countries[0][3])
    if re.search(r"\bpeace-?keeping\b", sentence, re.IGNORECASE):
        return first_deployment_year("UN")
    return None


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(".", 0, at), text.rfind("\n", 0, at), text.rfind("!", 0, at), text.rfind("?", 0, at)) + 1


def _service_start(text: str, at: int, tail: str, tail_at: int, *, countries: bool, span: bool = False) -> Optional[int]:
    """The start year of whose service an anniversary or span at ``at`` is: a mission or country
    it names after it ("of UNIFIL", "of Ghana's participation"), else the mission or the country
    (with ``countries``) its clause names before it, else UN peacekeeping when it says so."""
    missions_after = mission_mentions(tail)
    if missions_after:
        known = mission(missions_after[0].acronym)
        return known.start if known is not None else None
    if countries:
        # the possessor right after "of": "of Ghana's participation", "of Irish service"
        for c_start, _e, _surface, country in country_mentions(tail):
            if c_start > 16:
                break
            if _OTHER_THING.search(tail) or not _PEACEKEEPING_TAIL.search(tail):
                return None  # "of Ghana's independence"
            return first_deployment_year(country)
    if tail and _OTHER_THING.search(tail):
        return None
    sentence = text[_sentence_start(text, at) : at]
    missions_before = mission_mentions(sentence)
    if missions_before:
        known = mission(missions_before[-1].acronym)
        return known.start if known is not None else None
    if countries and (span or _PEACEKEEPING_TAIL.search(tail)):
        named = country_mentions(sentence)
        if named and not _WORLDWIDE.search(sentence, named[-1][1]):
            return first_deployment_year(named[-1][3])
    if _UN_PEACEKEEPING.search(tail) or re.search(r"peace-?keeping\s*$", tail, re.IGNORECASE):
        return first_deployment_year("UN")
    return None


_AMOUNT = r"(?P<n>\w+(?:-\w+)?|" + alternation(YEAR_SPANS) + r")"
_UNIT = r"(?:\s+(?P<u>years|decades))?"
#: "for the past 15 years, since 2005", "since 2005, … for 15 years running": a span and its start
#: in one clause
_SPAN_SINCE = re.compile(
    r"\b(?:for|over|in|during)\s+the\s+(?:past|last)\s+" + _AMOUNT + _UNIT + r",?\s+(?:ever\s+)?since\s+(?:(?!\d)\w+\s+)?(?P<y>1[89]\d\d|20\d\d)\b"
    r"|\bsince\s+(?P<y2>1[89]\d\d|20\d\d)\b[^.;!?\n]{0,80}?\bfor\s+(?:the\s+(?:past|last)\s+)?(?P<n2>\w+(?:-\w+)?)\s+(?P<u2>years|decades)\b",
    re.IGNORECASE,
)
#: "Fifteen years on, some 6,000 Rwandans serve …", "Now, a decade and a half later, …": a span
#: from the first start the piece gave before it, to a present it speaks of
_SPAN_LATER = re.compile(r"\b" + _AMOUNT + _UNIT + r"\s+(?:on|later)\b", re.IGNORECASE)
_PRESENT = re.compile(r"\b(?:now|today|currently|still|serves?|is|are|has|have|remains?)\b", re.IGNORECASE)
_FIRST_IN = re.compile(r"\bfirst\b[^.\n]{0,80}?\b(1[89]\d\d|20\d\d)\b|\b(1[89]\d\d|20\d\d)\b[^.\n]{0,60}\bfirst\b", re.IGNORECASE)


def span_from_start(text: str) -> tuple[Optional[PartialDate], Optional[PartialDate]]:
    """Date an undated piece by a span the piece counts from a start it gives: "has contributed
    for the past 15 years, since 2005" → 2020, "Since 2005, … for 15 years running" → 2020, "…
    deployed its first battalion in 2005. Fifteen years on, some 6,000 serve" → 2020. Hedged spans
    ("nearly 15 years") date nothing, and a span "later" in a history ("Five years later, Ghana
    sent …") only when what follows is of now."""
    for m in _SPAN_SINCE.finditer(text):
        amount, unit = (m.group("n"), m.group("u")) if m.group("n") else (m.group("n2"), m.group("u2"))
        at = m.start("n") if m.group("n") else m.start("n2")
        years = _amount_years(amount, unit)
        if years is None or _HEDGED_SPAN.search(text, max(0, at - 14), at):
            continue
        start = int(m.group("y") or m.group("y2"))
        return PartialDate(start + years), PartialDate(start)
    for m in _SPAN_LATER.finditer(text):
        years = _amount_years(m.group("n"), m.group("u"))
        if years is None or _HEDGED_SPAN.search(text, max(0, m.start() - 14), m.start()):
            continue
        sentence_end = min((i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0), default=len(text))
        if not _PRESENT.search(text, m.end(), sentence_end):
            continue
        firsts = [f for f in _FIRST_IN.finditer(text, 0, m.start())]
        if firsts:
            start = int(firsts[-1].group(1) or firsts[-1].group(2))
            return PartialDate(start + years), PartialDate(start)
    return None, None


def _amount_years(amount: str, unit: Optional[str]) -> Optional[int]:
    """"Fifteen" years, "two" decades, "a decade and a half" (a span in words needs no unit)."""
    span = YEAR_SPANS.get(re.sub(r"\s+", " ", amount.lower()))
    if span is not None:
        return span
    return span_years(amount, unit) if unit else None


#: an event named without its year ("pledged at the Seoul ministerial"): the piece is no older
_EVENT = re.compile(r"\b(?:" + alternation(peacekeeping_events()) + r")\b", re.IGNORECASE)
_AHEAD = re.compile(
    r"\b(?:ahead\s+of|before|upcoming|forthcoming|next|will|to\s+be\s+held|preparations?\s+for|host)\b[^.;]*$", re.IGNORECASE
)


def named_event_dates(text: str, start: int, end: int) -> list[PartialDate]:
    """The months of the UN-wide events ``text[start:end]`` reports as past ("pledged 400 troops at
    the Seoul ministerial" → 2021-12; ``resources/peacekeeping_events.tsv``); not one it looks
    ahead to ("ahead of the Accra ministerial")."""
    out = []
    for event in _EVENT.finditer(text, start, end):
        if _AHEAD.search(text, max(start, event.start() - 40), event.start()):
            continue
        year, month = peacekeeping_events()[re.sub(r"\s+", " ", event.group(0).lower())]
        out.append(PartialDate(year, month))
    return out
