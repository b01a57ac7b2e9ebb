"""Lines first, then sentences: cheap, model-free segmentation with offsets.

A sidebar of headlines must never become one sentence that joins "Six killed" to "peace
missions", so every line break ends a sentence. Inside a line a rule splitter cuts at sentence
punctuation followed by a capital, a digit or a quote, except after common abbreviations
("U.N.", "Lt.", "Dec."). Lines come from :func:`peacefacts.ingest.lines.split_lines` (re-exported
here), which ingest uses to split pages into article blocks.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from peacefacts.ingest.lines import split_lines
from peacefacts.vocab.calendar import MONTH_ABBREVIATIONS

__all__ = ["Sentence", "split_sentences", "split_lines"]


class Sentence(NamedTuple):
    """A sentence as character offsets into the document text."""

    start: int
    end: int


_ABBREVIATIONS = frozenset(
    """u.n u.s u.k mr mrs ms dr st lt gen col maj brig capt cdr sgt cpl pvt adm no nos vol
    inc ltd co corp jr sr prof rev gov sen rep vs etc approx est fig e.g i.e a.m p.m""".split()
) | {abbreviation.lower() for abbreviation in MONTH_ABBREVIATIONS}

# sentence end: . ! ? (optionally closing quotes/brackets) + spaces + an opening that starts a sentence
_BOUNDARY = re.compile(r"""([.!?]+)(["”’'\)\]]*)(\s+)(?=["“‘'(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(line: str, dot_at: int) -> bool:
    match = _WORD_BEFORE.search(line, 0, dot_at)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # single capital initial ("J. Smith") or dotted acronym ("U.N.")
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


# After a dotted acronym ("the U.N. According to …") these words still start a new sentence.
_STARTERS = frozenset(
    """the a an in on at according he she it they we this these that those but and however meanwhile
    since as for with after before during there his her its their our some many most all both each
    while when if last earlier later today yesterday""".split()
)


def _is_acronym(line: str, dot_at: int) -> bool:
    match = _WORD_BEFORE.search(line, 0, dot_at)
    return bool(match and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", match.group(1)))


def _starts_sentence(line: str, at: int) -> bool:
    word = re.match(r"[\"“‘']?([A-Za-z]+)", line[at:])
    return bool(word and word.group(1)[0].isupper() and word.group(1).lower() in _STARTERS)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences (lines first), as offsets into ``text``.

    >>> t = "Recent Stories\\nSix killed in Florida\\nPakistan sent 128 officers. They will join U.N. missions."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Recent Stories', 'Six killed in Florida', 'Pakistan sent 128 officers.', 'They will join U.N. missions.']
    >>> u = "Troops served under the U.N. According to the centre, 28 died."
    >>> [u[s:e] for s, e in split_sentences(u)]
    ['Troops served under the U.N.', 'According to the centre, 28 died.']
    """
    out: list[Sentence] = []
    for line_start, line_end in split_lines(text, start, end):
        line = text[line_start:line_end]
        cut = 0
        for match in _BOUNDARY.finditer(line):
            if match.group(1) == "." and _is_abbreviation(line, match.start(1)):
                if not (_is_acronym(line, match.start(1)) and _starts_sentence(line, match.end(3))):
                    continue
            sent_end = match.end(2)
            if sent_end > cut:
                out.append(Sentence(line_start + cut, line_start + sent_end))
            cut = match.end(3)
        if cut < len(line):
            out.append(Sentence(line_start + cut, line_end))
    return out
