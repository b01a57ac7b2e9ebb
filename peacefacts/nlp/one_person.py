"""One-person figures: an article before one person in a reported toll counts one.

"A Ghanaian peacekeeper was shot dead", "An Indian blue helmet died and another was wounded": news
reports single casualties without a number. The planner adds these figures to a sentence's
numbers; the fact rules keep them only as a past toll (any other metric is dropped).
"""

from __future__ import annotations

import re

from peacefacts.nlp.numbers import FigureMatch
from peacefacts.records import Figure
from peacefacts.vocab.calendar import alternation
from peacefacts.vocab.text import read_table

__all__ = ["one_person_figures"]


def _singular_people_nouns() -> list[str]:
    """Singular forms of the head-count nouns ("peacekeeper", "soldier", "policeman")."""
    out = set()
    for (word, *_rest) in read_table("head_count_nouns.tsv"):
        word = word.lower()
        if word.endswith("men"):
            out.add(word[:-3] + "man")
        elif word.endswith("s") and len(word) > 3:
            out.add(word[:-1])
    return sorted(out - {"casualtie", "death", "fatalitie", "life", "unit", "contingent", "battalion", "civilian", "refugee", "children"})


# "A Ghanaian peacekeeper was killed", "An Indian blue helmet died and another was wounded": an
# article before one person counts one, read only as a toll (the fact rules drop any other metric).
_ONE_PERSON = re.compile(
    r"\b(?P<art>[Aa]n?|[Aa]nother)\s+(?:(?:[A-Z][\w'’.-]*|woman|female|male|young|senior|junior)\s+){0,3}"
    rf"(?:{alternation(_singular_people_nouns() + ['blue helmet', 'blue beret'])})\b"
    r"|\b(?P<other>[Aa]nother)\s+(?=(?:was|were|has|had|later|also|died|is)\b)"
)
_TOLL_WORD = re.compile(r"kill|died|dies|dead|wound|injur|hurt|lost (?:his|her) li|succumb|shot|slain|martyr", re.IGNORECASE)


def one_person_figures(text: str, start: int, end: int, taken: tuple[FigureMatch, ...]) -> list[FigureMatch]:
    """One-person figures from articles in a sentence that reports a death or injury.

    Args:
        text: the document text.
        start: the sentence's start offset.
        end: the sentence's end offset.
        taken: the sentence's other figures (an article inside one of them is not a figure).

    Returns:
        Figures of value 1 and kind ``"article"``, on the article's offsets.
    """
    sentence = text[start:end].strip()
    if not _TOLL_WORD.search(sentence) or not sentence.endswith((".", "!", '"', "”")) or len(sentence.split()) < 8:
        return []  # headlines and related-story links ("A Nepali peacekeeper killed in Lebanon") are not reports
    out = []
    for m in _ONE_PERSON.finditer(text, start, end):
        group = "art" if m.group("art") else "other"
        a, b = m.start(group), m.end(group)
        if any(f.start <= a < f.end for f in taken):
            continue
        out.append(FigureMatch(a, b, a, b, Figure.exact(1, text[a:b]), "article"))
    return out
