"""Which sentences can name a person: the cheap pass that decides where NER runs.

Lines first, then sentences (:func:`~peacefacts.nlp.segment.split_sentences`); a sentence goes on
only if it holds a title word (any case; ranks and honorifics capitalised) together with a word
that can be part of a name, or, in running text, two name-like capitalised words in a row. On
news pages that is about a quarter of the text.
"""

from __future__ import annotations

import re

from peacefacts.ingest.lines import continues_wrapped, wrap_width
from peacefacts.nlp.people.titles import country_of, lexicon, norm
from peacefacts.nlp.people.verbs import PRONOUNS
from peacefacts.nlp.segment import split_sentences
from peacefacts.records import Document

__all__ = ["candidate_sentences", "ends_story", "is_body_line", "regions", "title_cues"]


def is_body_line(line: str, next_line: str = "") -> bool:
    """Running text, as opposed to headlines, captions, bylines and sidebar lists.

    A line of six words or more is running text when it ends a sentence, or when it is cut
    mid-sentence by a hard wrap: it ends in a comma, or the next line goes on in lower case.

    >>> is_body_line("Peacekeepers In Mali Mark A Solemn Day"), is_body_line("the fallen of the mission were remembered by UN chief", "said, while ...")
    (False, True)
    """
    words = len(re.findall(r"\w+", line))
    last = line.rstrip()[-1:]
    ends = last in {".", "!", "?", '"', "”", "’", ":"}
    wrapped = last in {",", ";"} or next_line.lstrip()[:1].islower()
    return (words >= 6 and (ends or wrapped)) or words >= 25


_NEXT_LINE = re.compile(r"\s*\n\s*([^\n]*)")


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


# A title is bound to a name this close to it (in characters): "Defense Advisor of Bangladesh
# Permanent Mission to the UN, Brig gen Md Sadequzzaman" is the longest reach in our patterns.
_TITLE_REACH = 80


def _has_name_word(sentence: str, cues: list[tuple[int, int]]) -> bool:
    """Whether a capitalised word that could be part of a name is near a title cue: not a rule
    word, not a country, not the sentence's first word standing alone."""
    stop = lexicon().name_stop
    letters = [ch for ch in sentence if ch.isalpha()]
    shouted = bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
    for match in (_SHOUTED if shouted else _CAPITALISED).finditer(sentence):
        if not any(a - _TITLE_REACH <= match.start() and match.end() <= b + _TITLE_REACH for a, b in cues):
            continue
        word = match.group()
        if norm(word) in stop:
            continue
        if not sentence[: match.start()].strip(" \t\"“‘'(•-*–—"):
            # the first word of a sentence is capitalised anyway; it counts when a second follows
            if not re.match(r"\s+[A-Z]|,", sentence[match.end():]):
                continue  # a second capital follows, or an apposition ("Masanja, the army spokesman")
        if country_of(word) is None:
            return True
    return False


def _has_name_pair(sentence: str) -> bool:
    """Two capitalised words in a row that could both be part of a name ("Shahzadi Gulfam")."""
    stop = lexicon().name_stop
    for match in _NAME_PAIR.finditer(sentence):
        first, second = match.group(1), match.group(2)
        if (norm(first) not in stop and norm(second) not in stop
                and country_of(first) is None and country_of(second) is None and country_of(match.group()) is None):
            return True
    return False


_WORD = re.compile(r"[^\W\d_]+")


def title_cues(sentence: str) -> list[tuple[int, int]]:
    """Where ``sentence`` holds a title word: a title's head in any case and without accents
    ("minister", "Tánaiste"), a rank, grade, honorific or plural title capitalised ("Captain",
    "Lance corporals", "Ministers"). A set lookup per word: far faster than one alternation."""
    global _cues_of
    lex = lexicon()
    if _cues_of is not lex or len(_cues) >= _MAX_CUES:
        _cues.clear()
        _cues_of = lex
    known = _cues
    spans = []
    for m in _WORD.finditer(sentence):
        word = m.group()
        cue = known.get(word)
        if cue is None:
            cue = known[word] = word in lex.cues_capitalised or norm(word) in lex.cues_any_case
        if cue:
            spans.append(m.span())
    return spans


# Every word of every block is asked whether it is a title word: the answers are remembered (for
# the lexicon they came from), up to this many words before starting afresh.
_MAX_CUES = 1 << 16
_cues: dict[str, bool] = {}
_cues_of: object = None  # the lexicon whose answers _cues holds


def _candidate(sentence: str, body: bool) -> bool:
    """Whether a sentence can name a person: a title word and a word that can be a name, or (in
    running text) two name-like capitalised words in a row."""
    cues = title_cues(sentence)
    if cues and _has_name_word(sentence, cues):
        return True
    return body and _has_name_pair(sentence)


_ENDS_IN_ABBREVIATION = re.compile(r"(?<![\w.])([A-Za-z]+)\.$|(?<=[A-Za-z]\.)([A-Za-z]{2,})\.$")  # "Brig.", "Maj.Gen."


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences as :func:`~peacefacts.nlp.segment.split_sentences` cuts them, joined again where
    a cut fell after an abbreviated name word, rank or honorific on the same line ("Lt Col Md.
    Rashedul Hasan", "Hon. Jean Bosco Kazura"), and where a hard-wrapped line runs on into the
    next (``ingest.lines.continues_wrapped``: "the Chief of the Defence Forces,\nGeneral Francis
    Ogolla"), as the fact planner joins them."""
    out: list[tuple[int, int]] = []
    lex = lexicon()
    width = wrap_width(text, start, end)
    # abbreviated name words, ranks and honorifics ("Md.", "Hon.", "Brig.", "Cpl."): a name follows
    abbreviations = lex.name_abbreviations | lex.rank_suffixes | {
        w for w in lex.ranks.words | lex.honorifics.words if len(w) <= 5}
    for s, e in split_sentences(text, start, end):
        if out:
            ps, pe = out[-1]
            match = _ENDS_IN_ABBREVIATION.search(text, ps, pe)
            if match and norm(match.group(1) or match.group(2)) in abbreviations and "\n" not in text[pe:s]:
                out[-1] = (ps, e)
                continue
            gap = text[pe:s]
            if gap.count("\n") == 1 and not gap.strip():
                prev_line = text[text.rfind("\n", 0, pe) + 1:pe].strip()
                next_line = text[s:_line_bounds(text, s, s)[1]].strip()
                prose = len(prev_line.split()) >= 6 and not any(ch in prev_line for ch in "•|")  # not a byline
                if prose and continues_wrapped(prev_line, next_line, width):
                    out[-1] = (ps, e)
                    continue
        out.append((s, e))
    return out


# Reader comments end a story for people: a "Comments (2)" / "Leave a reply" line after the body,
# and "NAME says: June 4, 2024 at 9:14 am" lines wherever they are.
_COMMENT_HEADER = re.compile(
    r"^[ \t]*(?:\d+\s+)?(?:comments?|reader(?:s'|s’)? comments|leave a (?:reply|comment)|post a comment|"
    r"add (?:a |your )?comment|join the discussion|what do you think\??)\b[^\n]{0,12}$", re.IGNORECASE | re.MULTILINE)
_COMMENTER = re.compile(r"^[ \t]*[A-Z][^\n:]{0,40}?\s+(?:says|said|wrote|commented)\s*:", re.MULTILINE)
_BODY_BEFORE = re.compile(r"^[^\n]*(?:\w+\W+){12,}[^\n]*[.!?\"”]\s*$", re.MULTILINE)


def _story_end(text: str, start: int, end: int) -> int:
    """Where the story of ``text[start:end]`` ends for people: at a reader-comments header that
    follows a paragraph of running text, else ``end``."""
    for header in _COMMENT_HEADER.finditer(text, start, end):
        if _BODY_BEFORE.search(text, start, header.start()):
            return header.start()
    return end


def ends_story(document: Document, end: int) -> bool:
    """Whether no line of running text follows offset ``end`` in its peacekeeping block before the
    story ends (at the block's end or a comments header): the sentence there is the story's last."""
    text = document.text
    for rs, re_ in regions(document):
        if rs <= end <= re_:
            stop = _story_end(text, rs, re_)
            lines = [ln.strip() for ln in text[end:stop].split("\n")]
            return not any(is_body_line(ln) for ln in lines if ln)
    return False


def _paragraph_end(text: str, start: int, end: int) -> int:
    """The end of the paragraph holding offset ``start``: the next blank line, else ``end``."""
    blank = re.compile(r"\n[ \t]*\n").search(text, start, end)
    return blank.start() if blank else end


def candidate_sentences(document: Document) -> list[tuple[int, int, bool]]:
    """The sentences of ``document`` that can name a person: ``(start, end, is_body_line)``.

    Reader comments are not part of the story: the text after a comments header, and lines of
    the form "NAME says: DATE", are left out. A sentence that starts with a surname the story
    has given in full, or with "He"/"She", goes on when it holds a title or function word: it
    may give that person's post ("Diallo, who commands the battalion"; "He is the force
    commander")."""
    text = document.text
    sentences: list[tuple[int, int, bool]] = []
    later: list[tuple[int, int, bool, str]] = []  # sentences that start with a capital standing alone
    surnames: set[str] = set()
    line_body: dict[int, bool] = {}
    for rs, re_ in regions(document):
        re_ = _story_end(text, rs, re_)
        comments = [(m.start(), _paragraph_end(text, m.end(), re_)) for m in _COMMENTER.finditer(text, rs, re_)]
        for s, e in _sentences(text, rs, re_):
            if any(a <= s < b for a, b in comments):
                continue
            ls, le = _line_bounds(text, s, e)
            if ls not in line_body:
                following = _NEXT_LINE.match(text, le)
                line_body[ls] = is_body_line(text[ls:le], following.group(1) if following else "")
            body = line_body[ls]
            sentence = text[s:e]
            if _candidate(sentence, body):
                sentences.append((s, e, body))
                words = list(_CAPITALISED.finditer(sentence))
                # the second of two capitalised words in a row may be a surname ("Colonel Kofi Badu")
                surnames.update(b.group() for a, b in zip(words, words[1:], strict=False) if sentence[a.end():b.start()] == " ")
                continue
            opening = _FIRST_WORD.match(sentence)
            if body and opening:
                later.append((s, e, body, opening.group(1)))
    if later:
        lex = lexicon()
        surnames = {w for w in surnames if norm(w) not in lex.name_stop and country_of(w) is None}
        for s, e, body, first in later:
            sentence = text[s:e]
            if first == "The":
                # "The minister of defence said …" may be the person of the sentence before
                if any(a < 60 for a, _ in title_cues(sentence)) and _SAYING.search(sentence):
                    sentences.append((s, e, body))
                continue
            if first not in surnames and first not in PRONOUNS:
                continue
            if title_cues(sentence) or any(norm(w) in lex.function_verbs for w in _WORD.findall(sentence)):
                sentences.append((s, e, body))
        sentences.sort()
    return sentences


_FIRST_WORD = re.compile(r"[\s\"“‘'(]*([A-Z][\w'’-]*)")
_SAYING = re.compile(r"\b(?:said|says|told|added|noted|stressed|explained|urged|warned|assured|announced|thanked|praised)\b")
