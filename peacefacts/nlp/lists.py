"""Ranked and listed countries: which country a figure in a list belongs to.

Model-free: a country mention and the figure right after it, joined by the few ways lists are
written ("Uruguay is second with 1,112", "Brazil with 980", "Kenya (60)", "Burkina Faso – 3,036",
"Pakistan, which contributed 7,161", "…, Pakistan 4,300 and China 2,200"), and "respectively"
lists ("Bangladesh and Nepal have 6,100 and 5,700 peacekeepers deployed, respectively").
The gaps are data (:data:`ENTRY_GAPS`), each a named regular expression.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from peacefacts import vocab
from peacefacts.nlp.numbers import FigureMatch
from peacefacts.nlp.story import country_mentions

__all__ = ["ENTRY_GAPS", "list_entries", "shared_entries", "is_ranking", "list_item_country", "pledge_list_item"]

_HEDGE = r"(?:(?:a\s+total\s+of|a\s+combined|about|around|some|over|more\s+than|nearly|almost|roughly|approximately|at\s+least|up\s+to)\s+)?"

#: How a listed country is joined to its figure: the text between the country and the figure.
ENTRY_GAPS: dict[str, re.Pattern[str]] = {
    "parenthesis": re.compile(rf"\s*\(\s*{_HEDGE}$"),
    "dash": re.compile(rf"\s*[–—:-]\s*{_HEDGE}$"),
    "with": re.compile(rf",?\s+(?:with|on|at)\s+(?:(?:a|an|the|its|their)\s+)?(?:[A-Za-z-]+\s+){{0,3}}?(?:of\s+)?{_HEDGE}$", re.IGNORECASE),
    "ordinal": re.compile(
        rf",?\s+(?:(?:is|was|comes|came|ranks|ranked|placed)\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
        rf"tenth|next|last|\d+(?:st|nd|rd|th))\b,?\s+(?:(?:with|on|at|fielding|contributing|providing|deploying|having)\s+)?{_HEDGE}$",
        re.IGNORECASE,
    ),
    "in-place": re.compile(rf",?\s+in\s+\w+\s+place,?\s+(?:(?:with|on|at)\s+)?{_HEDGE}$", re.IGNORECASE),
    "ranked-with": re.compile(
        rf",?\s+(?:is|was|ranks|ranked|comes|came|stands|stood|placed|sits|follows|followed|leads|led|tops|topped|heads|headed)\s+(?:[\w-]+\s+){{0,5}}?"
        rf"(?:with|at|on)\s+(?:(?:a|an|the|its)\s+)?(?:[A-Za-z-]+\s+){{0,3}}?(?:of\s+)?{_HEDGE}$",
        re.IGNORECASE,
    ),
    "which-has": re.compile(
        rf",?\s+(?:which|that|who)\s+(?:has|had|have|contributed|contributes|provides|provided|deploys|deployed|"
        rf"sent|sends|fields|fielded|supplied|supplies|gave|gives)\s+{_HEDGE}$",
        re.IGNORECASE,
    ),
}
# "India provides 5,500 peacekeepers, Pakistan 4,300 and China 2,200": a country right before its
# figure counts only after a list separator
_GAPPED = re.compile(rf"\s+{_HEDGE}$", re.IGNORECASE)
# "Jordan offered a 160-strong unit, Sri Lanka a company of 180 and Peru an engineering company of
# 205", "Bangladesh will send 1,000 troops and Nepal a battalion of 850": the gapped verb's object
# is a unit of that size
_GAPPED_UNIT = re.compile(rf"\s+(?:a|an|one)\s+(?:(?:[\w-]+\s+){{0,4}}?of\s+)?{_HEDGE}$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"(?:,|;|:|[·•]|\band|\bwhile|\bwhereas|\bfollowed\s+by)\s*(?:\d{1,2}[.)]\s+)?$", re.IGNORECASE)
# "Nepal, 6,098; Bangladesh, 5,910; …": a comma between a country and its figure, in a list whose
# entries a semicolon separates
_COMMA_GAP = re.compile(rf"\s*,\s*{_HEDGE}", re.IGNORECASE)
_SEMICOLON_AFTER = re.compile(r"[\w ]{0,30}?;")
_SEMICOLON_BEFORE = re.compile(r";\s*(?:and\s+)?(?:\d{1,2}[.)]\s+)?$", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
# "Burkina Faso, Niger and Togo — field 1,500, 900 and 1,400 troops": two coordinated lists
_PARALLEL = re.compile(r"[A-Z][\w'’ -]+(?:,\s*[A-Z][\w'’ -]+)*,?\s+and\s+[A-Z][\w'’ -]+\b.{0,40}?\d[\d,.]*(?:,\s*\d[\d,.]*)*,?\s+and\s+\d")
_MAX_GAP = 70
_PART_OF = re.compile(r"\bof\s+(?:the\s+)?$", re.IGNORECASE)
_ORDINALS = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)
# "the mission in Mali, with 12,000 troops": a place, not a listed contributor
_PLACE = re.compile(
    r"\b(?:in|into|to|across|throughout|at|inside)\s+(?:the\s+)?(?:[A-Z][\w.'-]*\s+(?:and|or)\s+(?:the\s+)?)?$", re.IGNORECASE
)  # "… in the DRC and CAR, with 78 women": places, not listed contributors


def list_entries(sentence: str, figures: Sequence[FigureMatch], offset: int) -> dict[int, tuple[str, str]]:
    """Figure start offset → (country, how) for figures that are entries of a list.

    Args:
        sentence: the sentence text.
        figures: the figures found in it (document offsets).
        offset: the sentence's start offset in the document.
    """
    countries = country_mentions(sentence)
    # "MONUSCO is the largest mission with 14,000 personnel, followed by UNMISS with 13,000": missions
    # are listed the same ways
    missions = [(m.start, m.end, sentence[m.start : m.end], m.acronym) for m in vocab.mission_mentions(sentence)]
    mentions = sorted([*countries, *missions])
    if not mentions:
        return {}
    out: dict[int, tuple[str, str]] = {}
    if countries and (_RESPECTIVELY.search(sentence) or _PARALLEL.search(sentence)):
        out.update(_respectively(sentence, figures, offset, countries))
    for fm in figures:
        if fm.num_start in out:
            continue
        start = fm.start - offset
        before = [m for m in mentions if m[1] <= start]
        if not before:
            continue
        m_start, m_end, _surface, country = before[-1]
        gap = sentence[m_end:start]
        if len(gap) > _MAX_GAP or re.search(r"\d", _ORDINALS.sub("", gap)) or _PLACE.search(sentence, 0, m_start):
            continue
        for name, pattern in ENTRY_GAPS.items():
            if pattern.match(gap):
                out[fm.num_start] = (country, name)
                break
        else:
            if _GAPPED.fullmatch(gap) and _LIST_SEPARATOR.search(sentence, 0, m_start) and len(mentions) > 1:
                out[fm.num_start] = (country, "gapped")
            elif _GAPPED_UNIT.fullmatch(gap) and _LIST_SEPARATOR.search(sentence, 0, m_start) and len(mentions) > 1:
                out[fm.num_start] = (country, "gapped-unit")
            elif _COMMA_GAP.fullmatch(gap) and len(mentions) > 1 and (
                _SEMICOLON_AFTER.match(sentence, fm.end - offset) or _SEMICOLON_BEFORE.search(sentence, 0, m_start)
            ):
                out[fm.num_start] = (country, "comma")
        mission = (m_start, m_end, _surface, country) in missions
        if fm.num_start in out and mission and (
            out[fm.num_start][1] not in _MISSION_GAPS or _listed_place(sentence, missions, m_start)
            or (_PART_OF.search(sentence, 0, m_start) and any(c[1] <= m_start for c in countries))
        ):
            # "MONUSCO, 1,200" or "MONUSCO a battalion of 850": a country's list, not a mission's;
            # "Indian troops serve in MONUSCO (1,800) and UNMISS (2,200)": places, not entries;
            # "Italy leads the western sector of UNIFIL with 1,000 soldiers": the country's unit
            del out[fm.num_start]
    _origin_entries(sentence, figures, offset, countries, out)
    return out


#: "five peacekeepers from Nepal, four from Pakistan": a figure, a few words, "from" and a country
_FROM_GAP = re.compile(r"\s+(?:[A-Za-z-]+\s+){0,3}?from\s+(?:the\s+)?", re.IGNORECASE)


def _origin_entries(
    sentence: str, figures: Sequence[FigureMatch], offset: int, countries: Sequence[tuple[int, int, str, str]],
    out: dict[int, tuple[str, str]],
) -> None:
    """"Among those honoured were five peacekeepers from Nepal, four from Pakistan and three from
    Bangladesh": figures each followed by the country they come from, two or more in a row."""
    found: dict[int, str] = {}
    for fm in figures:
        end = fm.end - offset
        after = next((m for m in countries if m[0] >= end), None)
        if after is not None and _FROM_GAP.fullmatch(sentence, end, after[0]):
            found[fm.num_start] = after[3]
    if len(found) >= 2:
        for start, country in found.items():
            out.setdefault(start, (country, "from"))


_PLACE_LIST_JOIN = re.compile(r"[\s\d,.()~+-]*(?:,|\band\b|\bor\b)\s*$", re.IGNORECASE)


def _listed_place(sentence: str, missions: Sequence[tuple[int, int, str, str]], start: int) -> bool:
    """Whether the mission at ``start`` continues a list of places ("in MONUSCO (1,800) and UNMISS")."""
    earlier = [m for m in missions if m[1] <= start]
    while earlier:
        prev = earlier.pop()
        if not _PLACE_LIST_JOIN.fullmatch(sentence, prev[1], start):
            return False
        if _PLACE.search(sentence, 0, prev[0]):
            return True
        start = prev[0]
    return False


#: how a listed mission may be joined to its figure
_MISSION_GAPS = frozenset({"parenthesis", "with", "ordinal", "ranked-with", "in-place", "gapped"})


def _respectively(
    sentence: str, figures: Sequence[FigureMatch], offset: int, mentions: Sequence[tuple[int, int, str, str]]
) -> dict[int, tuple[str, str]]:
    """"A and B have N and M troops, respectively": the i-th country gets the i-th figure."""
    if not figures:
        return {}
    word = _RESPECTIVELY.search(sentence)
    if word is not None:
        # the parallel lists end at "respectively" ("Ireland and Poland contribute 348 and 243
        # respectively, while Germany has 176": Germany is a clause of its own)
        figures = [f for f in figures if f.start - offset < word.start()]
        mentions = [m for m in mentions if m[0] < word.start()]
        if not figures or not mentions:
            return {}
    listed = [f for f in figures if f.start - offset > mentions[0][0]]  # "The next three — Burkina Faso, …"
    if not listed:
        return {}
    if any(m[0] > listed[-1].start - offset for m in mentions):
        return {}  # a country after the figures: not two parallel lists
    # the parallel lists may follow another clause's figure ("Italy has 1,030 troops, while Spain
    # and France have 660 and 620 respectively"): the countries between the figure before and these
    for k in range(len(listed)):
        after = listed[k - 1].end - offset if k else -1
        first_figure = listed[k].start - offset
        countries = [m[3] for m in mentions if m[0] >= after and m[1] <= first_figure]
        rest = listed[k:]
        if len(countries) >= 2 and len(countries) == len(rest) and not any(
            m[0] > first_figure for m in mentions
        ):
            return {f.num_start: (c, "respectively") for c, f in zip(countries, rest, strict=True)}
    return {}


_EACH = re.compile(r"^\s*(?:[A-Za-z]+\s+){0,2}(?:each|apiece|every\s+one)\b", re.IGNORECASE)


def shared_entries(sentence: str, figures: Sequence[FigureMatch], offset: int) -> dict[int, tuple[str, ...]]:
    """Figure start offset → countries for a figure shared by a list of countries ("Jamaica,
    Mozambique and Latvia contributed the minimum, with one each")."""
    out: dict[int, tuple[str, ...]] = {}
    mentions = country_mentions(sentence)
    for k, fm in enumerate(figures):
        if not _EACH.match(sentence[fm.end - offset :]):
            continue
        # the countries since the figure before ("Nepal lost seven, …, followed by India and
        # Bangladesh with five each": not Nepal)
        after = max((f.end - offset for f in figures[:k]), default=0)
        countries = tuple(dict.fromkeys(m[3] for m in mentions if after <= m[0] and m[1] <= fm.start - offset))
        following = _EACH_FROM.match(sentence, fm.end - offset)
        if following is not None:
            # "…, five each from Ghana and Tanzania": the countries the "from" names
            end = min((f.start - offset for f in figures[k + 1 :]), default=len(sentence))
            countries = tuple(dict.fromkeys(m[3] for m in mentions if following.end() <= m[0] < end))
        if len(countries) >= 2:
            out[fm.num_start] = countries
    return out


_EACH_FROM = re.compile(r"\s+(?:each|apiece)\s+(?:from|of)\s+", re.IGNORECASE)


def is_ranking(sentence: str, figures: Sequence[FigureMatch], offset: int) -> bool:
    """Whether a sentence lists at least two countries each with its figure (a ranking)."""
    entries = list_entries(sentence, figures, offset)
    ranked = any(how in {"ranked-with", "ordinal", "in-place"} for _country, how in entries.values())
    return len(entries) >= 2 or ranked or bool(shared_entries(sentence, figures, offset))


# "Bangladesh: one infantry battalion …", "• Rwanda – two police units …", "3. Nepal: …"
_ITEM = re.compile(r"^[\s\-•*·–—>]*(?:\d{1,2}[.)]\s+)?([A-Z][\w'’.,() -]{1,40}?)\s*(?::|\s[–—-])\s")
_MAX_ITEMS = 20


def list_item_country(line: str) -> Optional[str]:
    """The country a list item line starts with ("Bangladesh: one infantry battalion …"), or None."""
    m = _ITEM.match(line)
    return vocab.country_for(m.group(1).strip()) if m else None


def pledge_list_item(text: str, start: int, frame_words: Iterable[str]) -> Optional[str]:
    """The country of the list item holding offset ``start`` when a heading or lead about pledges
    introduces the list ("Pledges announced at the Seoul ministerial:" / "Bangladesh: one
    infantry battalion of 850 troops …"), else None.

    Args:
        text: the document text.
        start: an offset in the item (a sentence's start).
        frame_words: lower-case words that make a line a pledge frame ("pledges", "committed").

    >>> page = "Who pledged what:\\nBangladesh: one battalion of 850 troops.\\nRwanda: two units."
    >>> pledge_list_item(page, page.index("Rwanda"), {"pledged"})
    'Rwanda'
    >>> pledge_list_item("Contributors:\\nRwanda: 6,087 personnel.", 14, {"pledged"}) is None
    True
    """
    words = frozenset(frame_words)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    country = list_item_country(text[line_start : line_end if line_end != -1 else len(text)])
    if country is None:
        return None
    end = line_start - 1
    for _ in range(_MAX_ITEMS):
        if end <= 0:
            return None
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        end = begin - 1
        if not line.strip() or list_item_country(line) is not None:
            continue  # a blank line or another item of the list
        return country if any(w.lower() in words for w in re.findall(r"[A-Za-z]+", line)) else None
    return None
