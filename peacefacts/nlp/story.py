"""The country a story is about: one algorithm for the fact rules and the people layer.

Model-free and linear in the text: capitalised word runs are looked up in the country table, a
demonym ("Indonesian troops") weighs double, a destination ("to South Sudan", "in the Congo")
barely counts, and a headline counts three times a body mention.
"""

from __future__ import annotations

import functools
import re
from typing import Optional

from peacefacts import vocab

__all__ = ["story_country", "country_mentions"]

_WORD = re.compile(r"[A-Za-z][\w'’`.-]*")
_CURRENCY = re.compile(r"\s?\$")
_DESTINATION = re.compile(r"\b(?i:to|in|into|from|at|across|of)(?: the)?\s+(?:[A-Z][\w-]+,\s+)?$")
_UN_COMPOUND = re.compile(r"\b(?:UN|U\.N\.|United Nations)\s+$")
#: a story this long names its country more than once if it has one
_LONG_STORY = 1000
_CONNECTORS = frozenset({"of", "the", "and", "d'ivoire"})
#: a region's demonym holds a country's ("Latin American contributors" are not the United States')
_REGION_WORDS = frozenset({"latin", "south", "north", "central"})
_REGION_DEMONYMS = frozenset({"american", "americans", "america"})  # "Latin America" is no "America"


@functools.lru_cache(maxsize=512)
def country_mentions(chunk: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, surface, country) for every country name or demonym in ``chunk``.

    Cached: the planner, the list reader and the subject rules ask about the same block and
    sentences.

    Capitalised word runs (up to four words, "Republic of Korea") are looked up longest first:
    linear in the text, where one regex alternation of every name was the slowest step here.
    """
    words = list(_WORD.finditer(chunk))
    out = []
    i = 0
    while i < len(words):
        first = words[i].group()
        if not first[:1].isupper():
            i += 1
            continue
        if first.lower() in _REGION_WORDS and i + 1 < len(words) and words[i + 1].group().lower() in _REGION_DEMONYMS:
            i += 2
            continue
        if not vocab.may_open_name(first):
            i += 1  # "Secretary", "Minister": no country name starts here, nothing to look up
            continue
        found = None
        for n in range(min(4, len(words) - i), 0, -1):
            last = words[i + n - 1]
            if n > 1 and not last.group()[:1].isupper() and last.group().lower() not in _CONNECTORS:
                continue
            surface = chunk[words[i].start() : last.end()].rstrip(".")
            country = vocab.country_for(surface)
            if country:
                found = (words[i].start(), words[i].start() + len(surface), surface, country, n)
                break
        if found and _CURRENCY.match(chunk, found[1]):
            found = None  # "US$41.3 million", "A$ 20m": a currency, not a country
        if found:
            out.append(found[:4])
            i += found[4]
        else:
            i += 1
    return tuple(out)


@functools.lru_cache(maxsize=256)
def story_country(text: str, title: Optional[str]) -> Optional[str]:
    """The country a block is mostly about: mentions counted, the headline's weighted.

    Cached: the planning pass and the people layer both ask it of every block of a batch.
    """
    counts: dict[str, float] = {}
    first: dict[str, int] = {}  # order of first mention, headline first: breaks ties
    named: set[str] = set()  # countries mentioned at least once other than as a destination
    for weight, chunk in ((3.0, title or ""), (1.0, text)):
        for start, _end, surface, country in country_mentions(chunk):
            if surface.lower() in {"us", "u.s."} and surface != surface.upper():
                continue  # "Us" the pronoun at a sentence start
            w = weight
            if vocab.is_demonym(surface):
                w *= 2.0  # a demonym ("Indonesian troops") names the contributor
            elif _DESTINATION.search(chunk, max(0, start - 12), start) or _UN_COMPOUND.search(chunk, max(0, start - 16), start):
                w *= 0.25  # "to Lebanon, DR Congo", "in the Congo", "the UN Cyprus medal": where, not who
            else:
                named.add(country)
            if w > 0.25 * weight:
                named.add(country)
            counts[country] = counts.get(country, 0.0) + w
            first.setdefault(country, len(first))
    if not counts:
        return None
    best, score = sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]]))[0]
    if score < 2.0 and len(text) > _LONG_STORY:
        return None  # one passing mention in a long piece ("the UN Cyprus medal") is not its subject
    return best if best in named else None  # only ever a destination ("to South Sudan"): not who
