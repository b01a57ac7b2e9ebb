"""Which sentences can name a person: the cheap pass that decides where NER runs.

Lines first, then sentences (:func:`~peacefacts.nlp.segment.split_sentences`); a sentence goes on
only if it holds a title word (any case; ranks and honorifics capitalised) together with a word
that can be part of a name, or, in running text, two name-like capitalised words in a row. On
news pages that is about a quarter of the text.
"""

from __future__ import annotations

import re

from peacefacts.nlp.people.titles import country_of, lexicon, norm
from peacefacts.nlp.segment import split_sentences
from peacefacts.records import Document

__all__ = ["is_body_line", "person_sentences", "regions"]


def is_body_line(line: str) -> bool:
    """Running text, as opposed to headlines, captions, bylines and sidebar lists."""
    words = len(re.findall(r"\w+", line))
    ends = line.rstrip()[-1:] in {".", "!", "?", '"', "”", "’", ":"}
    return (words >= 6 and ends) or words >= 25


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, len(text) if le < 0 else le


def regions(document: Document) -> list[tuple[int, int]]:
    """The spans of ``document`` people are read in: its peacekeeping blocks, or all of it."""
    if not document.blocks:
        return [(0, len(document.text))]
    return [(b.start, b.end) for b in document.blocks if b.is_peacekeeping]


_CAPITALISED = re.compile(r"(?<![\w'’`-])[A-Z][a-z\u00c0-\u024f]+(?:[-'’][A-Za-z\u00c0-\u024f]+)*")
_NAME_PAIR = re.compile(r"(?<![\w'’`-])([A-Z][a-z\u00c0-\u024f]+(?:[-'’][A-Za-z\u00c0-\u024f]+)*)"
                        r"\s+([A-Z][a-z\u00c0-\u024f]+(?:[-'’][A-Za-z\u00c0-\u024f]+)*)")
_SHOUTED = re.compile(r"(?<![\w'’`-])[A-Z][A-Z\u00c0-\u024f]+(?:[-'’][A-Z\u00c0-\u024f]+)*")


def _has_name_word(sentence: str) -> bool:
    """Whether a capitalised word that could be part of a name is in the sentence: not a rule
    word, not a country, not the sentence's first word standing alone."""
    stop = lexicon().name_stop
    letters = [ch for ch in sentence if ch.isalpha()]
    shouted = bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
    for match in (_SHOUTED if shouted else _CAPITALISED).finditer(sentence):
        word = match.group()
        if norm(word) in stop:
            continue
        if not sentence[: match.start()].strip(" \t\"“‘'(•-*–—"):
            # the first word of a sentence is capitalised anyway; it counts when a second follows
            if not re.match(r"\s+[A-Z]", sentence[match.end():]):
                continue
        if country_of(word) is None:
            return True
    return False


def _has_name_pair(sentence: str) -> bool:
    """Two capitalised words in a row that could both be part of a name ("Shahzadi Gulfam")."""
    stop = lexicon().name_stop
    for match in _NAME_PAIR.finditer(sentence):
        first, second = match.group(1), match.group(2)
        if (norm(first) not in stop and norm(second) not in stop
                and country_of(first) is None and country_of(second) is None):
            return True
    return False


def _candidate(sentence: str, body: bool) -> bool:
    """Whether a sentence can name a person: a title word and a word that can be a name, or (in
    running text) two name-like capitalised words in a row."""
    if lexicon().title_regex.search(sentence) and _has_name_word(sentence):
        return True
    return body and _has_name_pair(sentence)


def person_sentences(document: Document) -> list[tuple[int, int, bool]]:
    """The sentences of ``document`` that can name a person: ``(start, end, is_body_line)``.

    These are the only sentences :func:`find_people` runs NER on; a caller that batches many
    documents can run NER on them itself and pass the results as ``parsed``.
    """
    text = document.text
    sentences: list[tuple[int, int, bool]] = []
    line_body: dict[int, bool] = {}
    for rs, re_ in regions(document):
        for s, e in split_sentences(text, rs, re_):
            ls, le = _line_bounds(text, s, e)
            if ls not in line_body:
                line_body[ls] = is_body_line(text[ls:le])
            body = line_body[ls]
            if _candidate(text[s:e], body):
                sentences.append((s, e, body))
    return sentences
