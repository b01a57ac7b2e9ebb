"""The model-free pass: which sentences of a document can hold a fact, and what the story is about.

Runs at millions of characters a second and decides where the expensive spaCy parse runs: only
sentences of peacekeeping article blocks that hold a figure (digits or number words, not years,
percentages or money) and a domain word. It also gathers what the rules need from the whole
block: its publication date, the day of the statement ("said on Monday"), the country the story
is mostly about, missions named along the way, and an anniversary anchor for undated pieces.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

import attrs

from peacefacts import vocab
from peacefacts.nlp.dates import resolve_date
from peacefacts.nlp.numbers import FigureMatch, find_figures, parse_figure
from peacefacts.nlp.segment import Sentence, split_sentences
from peacefacts.nlp.story import story_country
from peacefacts.records import Block, Document, PartialDate

__all__ = ["Candidate", "BlockPlan", "plan_document", "mission_mentions", "KEYWORDS"]

# A sentence is worth parsing only if it holds a figure and one of these.
KEYWORDS = re.compile(
    r"peace|troop|soldier|personnel|police|officer|official|observer|mission|operation|contingent|"
    r"battalion|force|helmet|kill|died|dead|death|li(?:fe|ves)|martyr|sacrific|fallen|casualt|injur|"
    r"wound|deploy|serv|contribut|pledg|countr|nation|women|female|staff|member|\bmen\b|people|"
    r"[A-Z][a-z]+(?:is|ians|ans|ese)\b|dispatch|sent\b|send|join|UN[A-Z]{2,}|MINU|MONU",
    re.IGNORECASE,
)

_FIGURE_KINDS = frozenset({"cardinal", "range"})

_WEEKDAY = re.compile(
    r"\b(?:on |last |this )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(yesterday)\b"
)
_PERIOD_ANCHOR = re.compile(
    r"\b(?:over|in|for|during) the (?:last|past) (\w+(?:[- ]\w+)?) (years|decades)\b|"
    r"\b(\w+) (years|decades) of (?:UN )?peace",
    re.IGNORECASE,
)
_FIRST_YEAR = re.compile(r"\bfirst\b[^.\n]{0,120}?\b(1[89]\d\d|20\d\d)\b|\b(1[89]\d\d|20\d\d)\b[^.\n]{0,60}\bfirst\b")



class Candidate(NamedTuple):
    """A sentence that may hold a fact: its offsets and the figures found in it."""

    sentence: Sentence
    figures: tuple[FigureMatch, ...]


@attrs.frozen(kw_only=True)
class BlockPlan:
    """Everything known about one article block before parsing."""

    doc_id: str
    block: Block
    published: Optional[PartialDate]
    event_date: Optional[PartialDate]
    default_country: Optional[str]
    anchor_as_of: Optional[PartialDate] = None
    anchor_since: Optional[PartialDate] = None
    candidates: tuple[Candidate, ...] = ()
    #: the last mission named before each candidate, for "that operation"
    missions_before: tuple[Optional[str], ...] = ()


def mission_mentions(text: str) -> list[tuple[int, str]]:
    return [(m.start, m.acronym) for m in vocab.mission_mentions(text)]


def _event_date(text: str, published: Optional[PartialDate]) -> Optional[PartialDate]:
    """The day of the story's statement ("said on Monday"), resolved against publication."""
    if published is None or published.precision != "day":
        return None
    match = _WEEKDAY.search(text)
    if not match:
        return None
    phrase = match.group(0)
    if not phrase.lower().startswith(("on ", "last ", "this ", "yesterday")):
        phrase = "on " + phrase
    resolved = resolve_date(phrase, published)
    if resolved is None or resolved.precision != "day":
        return None
    gap = (published.first_day - resolved.first_day).days
    return resolved if 0 <= gap <= 7 else None


def _anchor(text: str) -> tuple[Optional[PartialDate], Optional[PartialDate]]:
    """Date an undated anniversary piece: "over the last 60 years" + "first … in 1958" → 2018."""
    period = _PERIOD_ANCHOR.search(text)
    first = _FIRST_YEAR.search(text)
    if not period or not first:
        return None, None
    amount_text = period.group(1) or period.group(3)
    unit = (period.group(2) or period.group(4)).lower()
    figure = parse_figure(amount_text)
    if figure is None:
        return None, None
    amount = figure.value
    years = int(amount * (10 if unit.startswith("decade") else 1))
    start_year = int(first.group(1) or first.group(2))
    if not 1 <= years <= 100:
        return None, None
    return PartialDate(start_year + years), PartialDate(start_year)


def plan_document(document: Document) -> list[BlockPlan]:
    """Find, without any model, the sentences of a document that can hold a fact.

    Only peacekeeping blocks are read; a document without blocks is one block.
    """
    text = document.text
    blocks = [b for b in document.blocks if b.is_peacekeeping]
    if not document.blocks:
        blocks = [
            Block(
                start=0,
                end=len(text),
                published=document.published,
                published_source=document.published_source,
            )
        ]
    plans = []
    for block in blocks:
        published = block.published
        block_text = text[block.start : block.end]
        candidates = []
        missions_before: list[Optional[str]] = []
        missions = [(block.start + pos, m) for pos, m in mission_mentions(block_text)]
        for sentence in split_sentences(text, block.start, block.end):
            figures = tuple(
                f for f in find_figures(text, sentence.start, sentence.end) if f.kind in _FIGURE_KINDS
            )
            if not figures:
                continue
            if not KEYWORDS.search(text, sentence.start, sentence.end):
                continue
            candidates.append(Candidate(sentence, figures))
            before = [m for pos, m in missions if pos < sentence.start]
            missions_before.append(before[-1] if before else None)
        anchor_as_of = anchor_since = None
        if published is None:
            anchor_as_of, anchor_since = _anchor(block_text)
        plans.append(
            BlockPlan(
                doc_id=document.id,
                block=block,
                published=published,
                event_date=_event_date(block_text, published),
                default_country=story_country(block_text, block.title),
                anchor_as_of=anchor_as_of,
                anchor_since=anchor_since,
                candidates=tuple(candidates),
                missions_before=tuple(missions_before),
            )
        )
    return plans
