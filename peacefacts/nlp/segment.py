"""Lines first, then sentences: cheap, model-free segmentation with offsets, linear in the text.

A sidebar of headlines must never become one sentence that joins "Six killed" to "peace
missions", so every line break ends a sentence. Inside a line a rule splitter cuts at sentence
punctuation followed by a capital, a digit or a quote, except after common abbreviations
("U.N.", "Lt.", "Dec."). Lines come from :func:`peacefacts.ingest.lines.split_lines` (re-exported
here), which ingest uses to split pages into article blocks.

Every step looks at a bounded neighbourhood of the text (never back to the start of the line),
and a "sentence" is never longer than :data:`MAX_SENTENCE_CHARS`: a page with no sentence
punctuation (a 2 MB one-line dump) is cut into windows at whitespace, so what reaches the parser
is bounded whatever the input.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator, NamedTuple

from peacefacts.ingest.lines import split_lines
from peacefacts.vocab.calendar import MONTH_ABBREVIATIONS

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "mask_symbols", "split_sentences", "split_lines"]

#: The longest sentence returned. Real sentences in news text stay well below it (the longest in
#: the development pages is 730 characters); longer runs are cut at whitespace into windows.
MAX_SENTENCE_CHARS = 1000


class Sentence(NamedTuple):
    """A sentence as character offsets into the document text."""

    start: int
    end: int


_ABBREVIATIONS = frozenset(
    """u.n u.s u.k mr mrs ms dr st lt gen col maj brig capt cdr sgt cpl pvt adm no nos vol
    inc ltd co corp jr sr prof rev gov sen rep vs etc approx est fig e.g i.e a.m p.m""".split()
) | {abbreviation.lower() for abbreviation in MONTH_ABBREVIATIONS}

# sentence end: . ! ? (optionally closing quotes/brackets) + spaces + an opening that starts a
# sentence. The lookbehind makes a run of dots one candidate, not one per dot.
_BOUNDARY = re.compile(r"""(?<![.!?])([.!?]+)(["”’'\)\]]*)(\s+)(?=["“‘'(\[]?[A-Z0-9])""")
# the word before a dot: letters and dots, read backwards at most this far (no abbreviation is longer)
_WORD_REACH = 24
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_DOTTED_ANY_CASE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_STARTER_WORD = re.compile(r"[\"“‘']?([A-Za-z]+)")


#: a list item's number after a colon or semicolon, or at the start of a line: "; 2." ("4." in "rose
#: to 4. Then" is a sentence's end)
_LIST_NUMBER = re.compile(r"(?:^|[;:])\s*\d{1,2}$")


def _word_before(text: str, line_start: int, dot_at: int) -> str:
    """The run of letters and dots that ends at ``dot_at`` (at most :data:`_WORD_REACH` long),
    starting with a letter; ``""`` when there is none."""
    s = dot_at
    floor = max(line_start, dot_at - _WORD_REACH)
    while s > floor and text[s - 1] in _WORD_CHARS:
        s -= 1
    if s == floor and s > line_start and text[s - 1] in _WORD_CHARS:
        return ""  # a longer run: no abbreviation is that long
    while s < dot_at and text[s] == ".":
        s += 1
    return text[s:dot_at]


def _is_abbreviation(word: str) -> bool:
    lowered = word.lower().rstrip(".")
    if not lowered:
        return False
    if lowered in _ABBREVIATIONS:
        return True
    # single capital initial ("J. Smith") or dotted acronym ("U.N.")
    return len(lowered) == 1 or bool(_DOTTED.fullmatch(lowered))


# After a dotted acronym ("the U.N. According to …") these words still start a new sentence.
_STARTERS = frozenset(
    """the a an in on at according he she it they we this these that those but and however meanwhile
    since as for with after before during there his her its their our some many most all both each
    while when if last earlier later today yesterday""".split()
)


def _starts_sentence(text: str, at: int) -> bool:
    word = _STARTER_WORD.match(text, at)
    return bool(word and word.group(1)[0].isupper() and word.group(1).lower() in _STARTERS)


def _windows(text: str, start: int, end: int) -> Iterator[Sentence]:
    """``text[start:end]`` in pieces of at most :data:`MAX_SENTENCE_CHARS`, cut at whitespace.

    A piece ends at the last whitespace of its window (or mid-word when a window holds none), so
    a number and its noun are only separated when a sentence is longer than any real one.
    """
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = limit
        for i in range(limit, start + MAX_SENTENCE_CHARS // 2, -1):
            if text[i].isspace():
                cut = i
                break
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            yield Sentence(start, piece_end)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield Sentence(start, end)


#: a stat card: a line that is only a head count ("61,117", "4,400+"), then a line naming what it
#: counts ("Uniformed personnel deployed in 11 missions", "Peacekeepers who died in 2024")
_CARD_NUMBER = re.compile(r"[^\S\n]*\d{1,3}(?:[,.\u202f ]\d{3})*\+?[^\S\n]*$")
_CARD_LABEL = re.compile(r"[^\S\n]*[A-Z][a-z]+(?:[^\S\n]+\(?[\w'’-]+,?\)?){2,}")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences (lines first), as offsets into ``text``.

    Linear in the length of the text; no sentence is longer than :data:`MAX_SENTENCE_CHARS`.

    >>> t = "Recent Stories\\nSix killed in Florida\\nPakistan sent 128 officers. They will join U.N. missions."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Recent Stories', 'Six killed in Florida', 'Pakistan sent 128 officers.', 'They will join U.N. missions.']
    >>> u = "Troops served under the U.N. According to the centre, 28 died."
    >>> [u[s:e] for s, e in split_sentences(u)]
    ['Troops served under the U.N.', 'According to the centre, 28 died.']
    """
    out: list[Sentence] = []
    lines = list(split_lines(text, start, end))
    joined_to = -1  # a stat card's number line, already joined to the label line after it
    for n, (line_start, line_end) in enumerate(lines):
        if (
            n + 1 < len(lines) and _CARD_NUMBER.match(text, line_start, line_end) and _CARD_LABEL.match(text, lines[n + 1][0], lines[n + 1][1])
            # after prose, not after a label ("Current operations:" / "12") or a table's key cell
            # ("Pakistan" / "4,305" / "Top five contributors of police")
            and (n == 0 or text[lines[n - 1][0] : lines[n - 1][1]].rstrip().endswith((".", "!", "?", "\"", "”", ")")))
        ):
            joined_to = line_start  # "61,117" / "Uniformed personnel … deployed in 11 missions": one sentence
            continue
        cut = line_start if joined_to < 0 else joined_to
        joined_to = -1
        for match in _BOUNDARY.finditer(text, line_start, line_end):
            if match.group(1) == "." and _LIST_NUMBER.search(text, line_start, match.start(1)):
                continue  # "Top contributors: 1. Nepal 6,247; 2. Bangladesh 5,961": an item's number
            if match.group(1) == ".":
                word = _word_before(text, line_start, match.start(1))
                if _is_abbreviation(word) and not (
                    _DOTTED_ANY_CASE.fullmatch(word) and _starts_sentence(text, match.end(3))
                ):
                    continue
            sent_end = match.end(2)
            if sent_end > cut:
                out.extend(_windows(text, cut, sent_end))
            cut = match.end(3)
        if cut < line_end:
            out.extend(_windows(text, cut, line_end))
    return out


# Unicode categories that carry no words: symbols and emoji (So, and Sk outside ASCII: skin
# tones), format characters (Cf: zero-width spaces and joiners, bidi marks), controls, private
# use, unassigned code points and lone surrogates. Variation selectors and the keycap mark are
# nonspacing marks that only decorate an emoji.
_NO_WORD_CATEGORIES = frozenset({"So", "Sk", "Cf", "Cc", "Co", "Cn", "Cs"})
_EMOJI_MARKS = frozenset(chr(c) for c in (*range(0xFE00, 0xFE10), 0x20E3))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _mask_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _EMOJI_MARKS or unicodedata.category(char) in _NO_WORD_CATEGORIES:
        return " "
    return char


def mask_symbols(text: str) -> str:
    """``text`` with emoji, symbols, zero-width and control characters replaced by spaces.

    What the parser reads: "181 ✊🏽 peacekeepers" parses as "181 peacekeepers" would. Each
    character becomes one space, so every offset into the result is an offset into ``text``.

    >>> mask_symbols("lost 181\\u200b\\U0001F54A\\ufe0fpeacekeepers")
    'lost 181   peacekeepers'
    """
    if text.isascii():
        return _ASCII_CONTROL.sub(" ", text)
    return _ASCII_CONTROL.sub(" ", _NON_ASCII.sub(_mask_char, text))
