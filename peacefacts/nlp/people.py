"""People named in peacekeeping stories, with the role and organisation the text gives.

spaCy's small model finds most names but has no TITLE label, cuts "Jean-Pierre Lacroix" to
"Pierre Lacroix", misses "Atul Khare" after a long title and tags "Euro" or "Rs300 per tola" as
people (research/extraction.md §3, lesson 9). So the work is layered, cheapest first:

1. **Sentence prefilter.** Lines first, then sentences (:func:`~peacefacts.nlp.segment.split_sentences`);
   only sentences that can name a person go further: a title word (any case; ranks and
   honorifics capitalised) together with a word that can be part of a name, or, in running
   text, two name-like capitalised words in a row. On news pages that is about a quarter of
   the text.
2. **NER only.** The kept sentences go through the pipeline with every component but ``ner``
   disabled *for that call* (``nlp.pipe(..., disable=...)``), so the shared pipeline is never
   mutated and threads can share it.
3. **Title layer** (rules over our own word tokens, data in ``resources/titles.json``): a title
   chain ``[org] MOD* HEAD ('s HEAD | and HEAD | PREP complement)* [RANK]* NAME`` before the name,
   or ``NAME, [the|a] CHAIN`` after it, or ``CHAIN, [RANK]* NAME``. The chain gives the role as
   stated and the organisation (a country from a demonym or possessive, "UN", or an organisation
   name); names are taken from capitalisation and repaired with the NER spans (hyphenated first
   names, ranks and honorifics stripped, missing tokens added).
4. **Document resolution.** Mentions of one person (a bare surname, a first name, a nickname)
   join the longest full name; one :class:`~peacefacts.records.Person` per person, with the
   mention that carries the most specific role as evidence. Bylines, photo credits and names
   that appear only in headline-like lines (sidebars, captions) are not people of the story.

Example:
    >>> people = find_people_in_text(
    ...     "UN Under Secretary General for Operational Support Atul Khare praised the troops.", None)
    >>> [(p.name, p.role, p.organization) for p in people]
    [('Atul Khare', 'Under Secretary General for Operational Support', 'UN')]
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from peacefacts.nlp.lexicon import country_for
from peacefacts.nlp.segment import split_sentences
from peacefacts.records import Document, Person

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["find_people", "find_people_in_text", "name_key", "ner_only_disable", "strip_titles"]


# --------------------------------------------------------------------------------------------
# Rule data
# --------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    """Lookup form of a word: no accents, casefolded, straight apostrophes, no dots."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().replace("’", "'").replace("`", "'").replace(".", "")


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\-]+", _norm(phrase)) if w)


class _PhraseIndex:
    """Multi-word phrases by first word, longest first (so "secretary general" beats "secretary")."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = _phrase_words(phrase)
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)
        self.words = frozenset(w for opts in self.by_first.values() for p in opts for w in p)
        self.last_words = frozenset(p[-1] for opts in self.by_first.values() for p in opts)
        self.phrases = frozenset(p for opts in self.by_first.values() for p in opts)


# Words that look like rule-list words but are common surnames: a name may end in them.
_NAME_SAFE = frozenset({"power", "law", "rule", "guard", "mine", "food", "water", "coast", "field", "lead",
                        "home", "rapid"})


@dataclass(frozen=True)
class _Lexicon:
    heads: _PhraseIndex
    head_nouns: frozenset[str]  # the noun of each title: "minister", "general" (of "secretary general")
    ranks: _PhraseIndex
    honorifics: _PhraseIndex
    modifiers: frozenset[str]
    complements: frozenset[str]
    preps: frozenset[str]
    particles: frozenset[str]
    skip_before: frozenset[str]
    un_names: frozenset[tuple[str, ...]]
    implied_org: dict[tuple[str, ...], str]
    government_heads: frozenset[tuple[str, ...]]
    military_heads: frozenset[tuple[str, ...]]
    name_stop: frozenset[str]
    byline_before: frozenset[str]
    thing_words: frozenset[str]
    org_words: frozenset[str]
    hyphen_stop: frozenset[str]
    award_regex: re.Pattern[str]
    title_regex: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    with resources.files("peacefacts").joinpath("resources", "titles.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    heads = _PhraseIndex(data["heads"])
    ranks = _PhraseIndex(data["ranks"])
    honorifics = _PhraseIndex(data["honorifics"])

    def phrases(key: str) -> frozenset[tuple[str, ...]]:
        return frozenset(_phrase_words(p) for p in data[key])

    modifiers = frozenset(_norm(w) for w in data["modifiers"] for w in w.split())
    complements = frozenset(_norm(w) for w in data["complements"] for w in w.split())
    un_names = phrases("un_names")
    name_stop = (
        frozenset(_norm(w) for w in data["non_names"])
        | heads.words | ranks.words | honorifics.words | modifiers | complements
        | frozenset(w for p in un_names for w in p)
    ) - _NAME_SAFE
    # The prefilter: the head word of any title (any case), or of a rank or honorific
    # (capitalised: "a major role" and "the private estate" hold no rank).
    def cue_words(index: _PhraseIndex) -> list[str]:
        words = {p[0] for p in index.phrases if len(p) == 1}
        words |= {p[-1] for p in index.phrases if len(p) > 1 and "of" not in p}
        return sorted(words, key=len, reverse=True)

    heads_re = "|".join(re.escape(w) for w in cue_words(heads))
    ranks_re = "|".join(re.escape(w[:1].upper() + w[1:]) + ("|" + re.escape(w.upper()) if len(w) > 3 else "")
                        for w in cue_words(ranks) + cue_words(honorifics))
    title_regex = re.compile(r"(?<!\w)(?:(?i:" + heads_re + r")|" + ranks_re + r")(?!\w)")
    return _Lexicon(
        heads=heads,
        head_nouns=frozenset(cue_words(heads)),
        ranks=ranks,
        honorifics=honorifics,
        modifiers=modifiers,
        complements=complements,
        preps=frozenset(data["preps"]),
        particles=frozenset(data["particles"]),
        skip_before=frozenset(data["skip_before"]),
        un_names=un_names,
        implied_org={_phrase_words(k): v for k, v in data["implied_org"].items()},
        government_heads=phrases("government_heads"),
        military_heads=phrases("military_heads"),
        name_stop=name_stop,
        byline_before=frozenset(data["byline_before"]),
        thing_words=frozenset(data["thing_words"]),
        org_words=frozenset(data["org_words"]),
        hyphen_stop=frozenset(data["hyphen_syllable_stop"]),
        award_regex=re.compile(
            r"[^.;:]{0,80}?\b(?:" + "|".join(map(re.escape, data["award_verbs"])) + r")\s+"
            r"(?:the\s+|an?\s+)?(?:prestigious\s+|coveted\s+|annual\s+|first\s+)*"
            r"(?P<title>(?:[A-Z][\w’'.-]*\s+){1,8}?)(?:of\s+the\s+Year\s+)?"
            r"(?:" + "|".join(w.capitalize() for w in data["award_words"]) + r")\b"
        ),
        title_regex=title_regex,
    )


@functools.lru_cache(maxsize=8192)
def _country_for(text: str) -> str | None:
    """A country's short name for a capitalised name, alias, demonym or possessive, else ``None``."""
    text = re.sub(r"['’`]s?$", "", text.strip())
    if not text or not text[0].isupper():
        return None
    return country_for(text)


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------


class _Tok(NamedTuple):
    text: str
    start: int  # offsets into the document text
    end: int
    norm: str
    kind: str  # word | num | poss | hyph | punct


_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}(?![^\W\d_])"  # dotted acronyms: U.N., U.S., H.E.
    r"|[^\W\d_](?:[^\W_]|['’`](?=[^\W\d_]))*"  # words with inner apostrophes: O'Dea, d'affaires
    r"|\d+(?:[.,:]\d+)*"
    r"|\S"
)
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_POSSESSIVE = re.compile(r"['’`][sS]$")
_HYPHENS = frozenset("-‐‑")


def _tokenize(text: str, start: int, end: int) -> list[_Tok]:
    """Our own word tokens for ``text[start:end]``: hyphens and possessives are separate tokens."""
    raw: list[_Tok] = []
    for match in _TOKEN.finditer(text, start, end):
        word, s, e = match.group(), match.start(), match.end()
        if word[0].isalpha():
            poss = _POSSESSIVE.search(word)
            if poss and len(word) > 2:
                cut = s + poss.start()
                raw.append(_Tok(text[s:cut], s, cut, _norm(text[s:cut]), "word"))
                raw.append(_Tok(text[cut:e], cut, e, "'s", "poss"))
                continue
            raw.append(_Tok(word, s, e, _norm(word), "word"))
        elif word[0].isdigit():
            raw.append(_Tok(word, s, e, word, "num"))
        else:
            raw.append(_Tok(word, s, e, word, "punct"))
    out = []
    for i, tok in enumerate(raw):
        if tok.text in _HYPHENS and 0 < i < len(raw) - 1 and raw[i - 1].end == tok.start == raw[i + 1].start - 1:
            tok = tok._replace(kind="hyph")
        out.append(tok)
    return out


# --------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------

_DEFAULT_COUNTRY = "\x00country"  # resolved per document: the country the story is about


@dataclass
class _Mention:
    name: str
    name_start: int
    name_end: int
    ev_start: int
    ev_end: int
    role: str | None = None
    role_kind: str | None = None  # "title" | "rank" | None
    org: str | None = None
    head: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    body: bool = True
    byline: bool = False
    source: str = "title"  # title | ner | award
    keys: tuple[str, ...] = field(default=())


@dataclass
class _Chain:
    kind: str  # head | rank
    org_start: int  # token index where the evidence starts (org or role)
    role_start: int
    role_end: int  # exclusive token index
    org: str | None
    head: tuple[str, ...]
    role_text_end: int = -1  # where the role text ends, when an "of ORG" tail is the organisation


class _Sentence:
    """Rule analysis of one sentence: title chains, their names, and repaired NER names."""

    def __init__(self, text: str, start: int, end: int, person_spans: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.toks = _tokenize(text, start, end)
        self.lex = _lexicon()
        letters = [ch for ch in text[start:end] if ch.isalpha()]
        # headline or shouted text: capitals no longer tell names apart
        self.upper = bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
        self.person_tok_spans = self._to_token_spans(person_spans)
        self.person_starts = {a for a, _ in self.person_tok_spans}

    # -- helpers -----------------------------------------------------------------------------

    def _to_token_spans(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        out = []
        for s, e in spans:
            idx = [i for i, t in enumerate(self.toks) if t.start >= s and t.end <= e]
            if idx:
                out.append((idx[0], idx[-1] + 1))
        return out

    def _names_un(self, a: int, b: int) -> bool:
        words = self._words(a, b)
        return any(words[i:i + len(p)] == p for p in self.lex.un_names | {("secretary", "general")}
                   for i in range(len(words)))

    def _words(self, a: int, b: int) -> tuple[str, ...]:
        return tuple(t.norm for t in self.toks[a:b] if t.kind == "word")

    def _word(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == "word"

    def _cap(self, i: int) -> bool:
        return self._word(i) and self.toks[i].text[0].isupper()

    def _attached_dot(self, i: int) -> bool:
        return (0 < i < len(self.toks) and self.toks[i].text == "."
                and self.toks[i].start == self.toks[i - 1].end)

    def _match(self, i: int, index: _PhraseIndex) -> int:
        """End (exclusive) of the longest phrase of ``index`` starting at token ``i``, else -1."""
        if not self._word(i):
            return -1
        for words in index.by_first.get(self.toks[i].norm, ()):
            j = i
            ok = True
            for n, w in enumerate(words):
                if n:
                    # between words: a glued hyphen or an abbreviation dot ("Lt. Gen.")
                    if j < len(self.toks) and (self.toks[j].kind == "hyph" or self._attached_dot(j)):
                        j += 1
                if j < len(self.toks) and self.toks[j].kind == "word" and self.toks[j].norm == w:
                    j += 1
                else:
                    ok = False
                    break
            if ok:
                if self._attached_dot(j) and len(self.toks[j - 1].text) <= 4:
                    j += 1  # "Dr.", "Gen."
                return j
        return -1

    def _rank_at(self, i: int) -> tuple[int, bool]:
        """Ranks and honorifics before a name: (end, whether any was a rank). Capitalised only,
        later words any case ("Brig gen")."""
        j = i
        any_rank = False
        while self._cap(j) or (j > i and self._word(j)):
            if j == i and not self._cap(j):
                break
            r = self._match(j, self.lex.ranks)
            h = self._match(j, self.lex.honorifics)
            if r < 0 and h < 0:
                break
            if j > i and not self._cap(j) and max(r, h) < 0:
                break
            if r >= h:
                any_rank = True
                j = r
            else:
                j = h
        return j, any_rank

    def _name_word(self, i: int) -> bool:
        if not self._word(i):
            return False
        tok = self.toks[i]
        if not tok.text[0].isupper() or any(ch.isdigit() for ch in tok.text):
            return False
        if len(tok.text) > 1 and tok.text.isupper() and not self.upper and not _DOTTED_INITIALS.fullmatch(tok.text):
            return False  # acronyms (PVARA, UN, FH) are not names in running text; initials (J.P.) are
        if tok.norm in self.lex.name_stop:
            return False
        return _country_for(tok.text) is None

    def _initial(self, i: int) -> bool:
        return self._word(i) and len(self.toks[i].text) == 1 and self.toks[i].text.isupper() and self._attached_dot(i + 1)

    def name_run(self, i: int) -> tuple[int, int, tuple[str, ...]] | None:
        """A name starting at token ``i``: (start, end, nicknames). Hyphens, particles ("bin"),
        initials ("A.") and nicknames ("(Tony)", '"Jokowi"') stay inside."""
        toks = self.toks
        if not (self._name_word(i) or self._initial(i)):
            return None
        last = -1
        words = 0
        aliases: list[str] = []
        j = i
        limit, stop = 6, len(toks)
        if self.upper:
            # capitals say nothing in shouted text: trust the model's span, else assume a short name
            limit = 2
            stop = next((e for s, e in self.person_tok_spans if s == i), stop)
        while j < stop and words < limit:
            if self._initial(j):
                last = j + 1
                j += 2
                words += 1
                continue
            if self._name_word(j):
                last = j
                words += 0 if j > i and toks[j - 1].kind == "hyph" else 1  # "Jean-Pierre" is one word
                j += 1
                continue
            if last == j - 1 and toks[j].kind == "hyph" and self._name_word(j + 1):
                j += 1
                continue
            if (last == j - 1 and toks[j].kind == "hyph" and self._word(j + 1) and toks[j + 1].text.islower()
                    and len(toks[j + 1].text) <= 5 and toks[j + 1].norm not in self.lex.hyphen_stop
                    and (j + 2 >= len(toks) or toks[j + 2].kind != "hyph")):
                last = j + 1  # a Korean given name: "Jae-in", "Jong-sup"
                j += 2
                continue
            if (last == j - 1 and self._word(j) and toks[j].norm in ("al", "el", "ul", "ud", "bin", "ibn")
                    and toks[j + 1 : j + 2] and toks[j + 1].kind == "hyph" and self._name_word(j + 2)):
                j += 2  # "al-Sisi", "el-Sisi"
                continue
            if (last == j - 1 and self._word(j) and toks[j].norm in self.lex.particles
                    and not toks[j].text[0].isupper() and (self._name_word(j + 1) or self._word(j + 1)
                                                            and toks[j + 1].norm in self.lex.particles)):
                j += 1
                continue
            if (last == j - 1 and toks[j].text in '("“' and self._name_word(j + 1)
                    and j + 2 < len(toks) and toks[j + 2].text in ')"”'):
                aliases.append(toks[j + 1].text)
                last = j + 2
                j += 3
                continue
            break
        if last < 0:
            return None
        nxt = last + 1
        if self._cap(nxt) and toks[nxt].norm in self.lex.org_words:
            return None  # the start of an organisation's name: "Indonesian Armed Forces"
        return i, last + 1, tuple(aliases)

    def name_run_left(self, i: int) -> tuple[int, int, tuple[str, ...]] | None:
        """A name ending at token ``i`` (inclusive), walking left."""
        toks = self.toks
        end = i
        if (self._word(i) and toks[i].text.islower() and i >= 2 and toks[i - 1].kind == "hyph"
                and self._name_word(i - 2)):
            i -= 2  # ends in a Korean given name: "Kim Jae-hong"
        if not self._name_word(i):
            return None
        j = i
        first = i
        words = 0
        while j >= 0 and words < 6:
            if self._name_word(j):
                first = j
                words += 1
                j -= 1
                continue
            if toks[j].kind == "hyph" and self._name_word(j - 1):
                j -= 1
                continue
            if self._attached_dot(j) and self._initial(j - 1):
                first = j - 1
                words += 1
                j -= 2
                continue
            if self._word(j) and toks[j].norm in self.lex.particles and not toks[j].text[0].isupper() and self._name_word(j - 1):
                j -= 1
                continue
            if toks[j].text in ')"”' and j >= 2 and self._name_word(j - 1) and toks[j - 2].text in '("“' and self._name_word(j - 3):
                j -= 3
                continue
            break
        run = self.name_run(first)
        if run is None or run[1] < end + 1:
            return None
        return first, end + 1, run[2]

    def _overlaps_person(self, a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in self.person_tok_spans)

    # -- title chains ------------------------------------------------------------------------

    def _left_org(self, role_start: int) -> tuple[str | None, int]:
        """The organisation written before a role: "Pakistan's", "UN", "Indonesian", "Goldman Sachs"."""
        toks = self.toks
        k = role_start - 1
        possessive = k >= 0 and toks[k].kind == "poss"
        if possessive:
            k -= 1
            if self._word(k) and toks[k].norm in ("nation", "country"):
                s = k - 1 if self._word(k - 1) and toks[k - 1].norm == "the" else k
                return _DEFAULT_COUNTRY, s
        end = k + 1
        j = k
        while j >= 0 and end - j <= 6:
            tok = toks[j]
            if tok.kind == "word" and (tok.text[0].isupper() or tok.norm == "of" and j < k):
                j -= 1
                continue
            if tok.kind == "hyph" and self._cap(j - 1):
                j -= 1
                continue
            break
        s = j + 1
        while s < end and self._word(s) and toks[s].norm in ("of", "the", "a", "an"):
            s += 1
        if s >= end:
            return None, role_start
        if any(t.kind == "word" and t.norm in self.lex.head_nouns for t in toks[s:end]) or self._overlaps_person(s, end):
            return None, role_start  # a title or a person ("Guterres's spokesman"): not an organisation
        words = tuple(t.norm for t in toks[s:end] if t.kind == "word")
        surface = self.text[toks[s].start:toks[end - 1].end]
        if words in self.lex.un_names or words[-1:] == ("un",) and len(words) == 1:
            return "UN", s
        country = _country_for(surface)
        if country:
            return country, s
        # a country or "UN" directly before the role, after other capitalised words
        last = toks[end - 1]
        if (last.norm,) in self.lex.un_names:
            return "UN", end - 1
        country = _country_for(last.text)
        if country and not possessive:
            return country, end - 1
        if s == 0 and end - s == 1:
            return None, role_start  # sentence-initial capital: "Yesterday", "Meanwhile"
        if self.upper:
            return None, role_start
        return surface, s

    def _complement(self, p: int) -> tuple[int, str]:
        """End of a complement after a preposition ("for Peace Operations", "to the UN",
        "of An Post") and its kind: ``known`` (rule-data words), ``free`` (an organisation the
        data does not know) or ``country``; ``(p, "")`` when there is none. Stops where a name
        begins."""
        toks = self.toks
        lex = self.lex
        q = p
        if self._word(q) and toks[q].norm == "the":
            q += 1
        first = q
        mode = ""
        while q < len(toks):
            tok = toks[q]
            if q > first and q in self.person_starts:
                break
            if tok.kind == "hyph":
                if q > first and self._word(q + 1):
                    q += 1
                    continue
                break
            if tok.kind in ("poss", "num"):
                if q > first:
                    q += 1
                    continue
                break
            if tok.kind != "word":
                break
            h = self._match(q, lex.heads)
            if h > q + 1 and self.toks[h - 1].kind == "word" and len(self._words(q, h)) >= 2:
                mode = mode or "known"
                q = h  # "spokesman for the Secretary-General"
                continue
            if q > first and tok.text[0].isupper() and (self._match(q, lex.ranks) > 0 or self._match(q, lex.honorifics) > 0):
                break  # "Chief of Staff Lieutenant General ..."
            known = (tok.norm in lex.complements or tok.norm in lex.modifiers or tok.norm in lex.heads.words
                     or (tok.norm,) in lex.un_names or _country_for(tok.text) is not None)
            if known and (tok.text[0].isupper() or tok.norm in lex.complements or tok.norm in lex.modifiers):
                if not tok.text[0].isupper() and tok.norm in ("and", "&") and q == first:
                    break
                mode = mode or "known"
                q += 1
                continue
            if tok.text[0].isupper() and (q == first or mode == "free") and not self.upper:
                # an organisation the rule data does not know ("of An Post", "of Goldman Sachs")
                mode = "free"
                q += 1
                continue
            break
        while q > first and (self._word(q - 1) and toks[q - 1].norm in ("and", "the", "&", "of")
                             or toks[q - 1].kind == "hyph"):
            q -= 1
        if q <= first:
            return p, ""
        if _country_for(self.text[toks[first].start:toks[q - 1].end]):
            mode = "country"
        return q, mode

    def head_chain(self, i: int, end: int) -> _Chain:
        """The whole title chain around the head phrase at ``i:end``."""
        toks = self.toks
        lex = self.lex
        head = tuple(t.norm for t in toks[i:end] if t.kind == "word")
        role_start = i
        j = i - 1
        while j >= 0:
            tok = toks[j]
            if tok.kind == "hyph":
                if self._word(j - 1) and toks[j - 1].norm in lex.modifiers and toks[j - 1].norm not in lex.skip_before:
                    role_start = j - 1
                    j -= 2
                    continue
                break
            if tok.kind == "word" and tok.norm in lex.modifiers and tok.norm not in lex.skip_before:
                if not tok.text[0].isupper() and toks[i].text[0].isupper():
                    break  # "the senior UN Police Adviser": lower-case words before a capitalised title
                role_start = j
                j -= 1
                continue
            break
        org, org_start = self._left_org(role_start)
        k = end
        last_complement: tuple[int, int, str] | None = None
        complements: list[tuple[int, int, int, str]] = []
        while k < len(toks):
            tok = toks[k]
            if tok.kind == "poss":
                m = k + 1
                while self._word(m) and toks[m].norm in lex.modifiers:
                    m += 1
                h = self._match(m, lex.heads)
                if h > 0:
                    k = h
                    continue
                break
            if tok.kind == "word" and tok.norm in ("and", "&"):
                m = k + 1
                while self._word(m) and toks[m].norm in lex.modifiers:
                    m += 1
                h = self._match(m, lex.heads)
                if h > 0 and not (self._cap(m) and self._match(m, lex.ranks) == h):
                    k = h
                    continue
                break
            if tok.kind == "word" and tok.norm in lex.preps and (not tok.text[0].isupper() or self.upper):
                c, mode = self._complement(k + 1)
                if c > k + 1:
                    last_complement = (k, c, mode)
                    complements.append((k, k + 1, c, mode))
                    k = c
                    continue
            break
        text_end = k
        if org is None and any(toks[prep].norm in ("of", "for") and self._names_un(a, b) for prep, a, b, _ in complements):
            org = "UN"  # "spokesman for the Secretary-General", "head of UN peace operations"
        if (last_complement and len(complements) == 1 and last_complement[1] == k
                and last_complement[2] in ("free", "country")):
            prep, c, mode = last_complement
            if toks[prep].norm == "of":
                # "chairman of An Post", "Foreign Minister of the Netherlands": the organisation,
                # not part of the role
                text_end = prep
                if org is None:
                    s = prep + 1 + (toks[prep + 1].norm == "the")
                    surface = self.text[toks[s].start:toks[c - 1].end]
                    org = _country_for(surface) or surface
        if org is None:
            for t in toks[role_start:text_end]:
                country = _country_for(t.text) if t.kind == "word" and t.text[0].isupper() else None
                if country:
                    org = country  # "Defense Advisor of Bangladesh Permanent Mission to the UN"
                    break
        return _Chain("head", org_start, role_start, k, org, head, text_end)

    def rank_chain(self, i: int) -> _Chain | None:
        end, any_rank = self._rank_at(i)
        if end <= i:
            return None
        role_start = i
        j = i - 1
        while j >= 0 and self._word(j) and self.toks[j].norm in self.lex.modifiers and self._cap(j):
            role_start = j
            j -= 1
        org, org_start = self._left_org(role_start) if any_rank else (None, role_start)
        head = tuple(t.norm for t in self.toks[i:end] if t.kind == "word")
        return _Chain("rank" if any_rank else "honorific", org_start, role_start, end, org, head)

    # -- mentions ----------------------------------------------------------------------------

    def _role_text(self, chain: _Chain) -> str | None:
        if chain.role_end <= chain.role_start:
            return None
        toks = self.toks
        end = chain.role_end if chain.role_text_end < 0 else chain.role_text_end
        while end > chain.role_start and toks[end - 1].kind in ("punct", "hyph", "poss") and toks[end - 1].text != ".":
            end -= 1
        if end <= chain.role_start:
            return None
        return re.sub(r"\s+", " ", self.text[toks[chain.role_start].start:toks[end - 1].end])

    def _mention(self, chain: _Chain, run: tuple[int, int, tuple[str, ...]], before: bool) -> _Mention:
        toks = self.toks
        a, b, aliases = run
        role = None
        role_kind = None
        if chain.kind == "head":
            role, role_kind = self._role_text(chain), "title"
        elif chain.kind == "rank":
            role, role_kind = self._role_text(chain), "rank"
        if before:
            ev_start, ev_end = toks[chain.org_start].start, toks[b - 1].end
        else:
            ev_start, ev_end = toks[a].start, toks[chain.role_end - 1].end
        return _Mention(
            name=self.text[toks[a].start:toks[b - 1].end],
            name_start=toks[a].start,
            name_end=toks[b - 1].end,
            ev_start=ev_start,
            ev_end=ev_end,
            role=role,
            role_kind=role_kind,
            org=chain.org if role_kind else None,
            head=chain.head,
            aliases=aliases,
        )

    def mentions(self) -> list[_Mention]:
        """Every person mention in the sentence: title chains first, then the NER names left over."""
        toks = self.toks
        lex = self.lex
        out: list[_Mention] = []
        taken: list[tuple[int, int]] = []  # name token spans already found
        covered = -1  # tokens up to here belong to an earlier chain
        i = 0
        while i < len(toks):
            if i <= covered or not self._word(i):
                i += 1
                continue
            h = self._match(i, lex.heads)
            r = self._match(i, lex.ranks) if self._cap(i) else -1
            if h > 0 and (r < 0 or h >= r) and not (r == h and self._rank_then_name(i)):
                chain = self.head_chain(i, h)
                covered = chain.role_end - 1
                found = self._bind(chain)
                if found is not None:
                    mention, run = found
                    out.append(mention)
                    taken.append((run[0], run[1]))
                    if mention.name_start > toks[chain.role_start].start:
                        covered = max(covered, run[1] - 1)
                i = max(i + 1, covered + 1)
                continue
            if self._cap(i) and (r > 0 or self._match(i, lex.honorifics) > 0):
                ranked = self.rank_chain(i)
                if ranked is not None:
                    after = self.name_run(ranked.role_end)
                    if after is not None:
                        out.append(self._mention(ranked, after, before=True))
                        taken.append((after[0], after[1]))
                        covered = after[1] - 1
                    else:
                        covered = ranked.role_end - 1
                    i = covered + 1
                    continue
            i += 1
        for a, b in self.person_tok_spans:
            if any(s < b and a < e for s, e in taken):
                continue
            repaired = self._ner_mention(a, b)
            if repaired is not None:
                out.append(repaired)
                taken.append((a, b))
        out.extend(self.awardees(taken))
        return out

    def _rank_then_name(self, i: int) -> bool:
        """A word that is both a head and a rank ("Commander", "Ambassador") directly before a name
        (not before more ranks: "Commander Air Chief Marshal Hadi Tjahjanto" is a role, then a rank)."""
        end = self._match(i, self.lex.ranks)
        return end > i and self.name_run(end) is not None

    def _bind(self, chain: _Chain) -> tuple[_Mention, tuple[int, int, tuple[str, ...]]] | None:
        """Attach a title chain to its name: directly after it, in apposition before it, or
        after a comma ("..., Ambassador Munir Akram")."""
        toks = self.toks
        n = len(toks)
        end = chain.role_end
        if end < n and toks[end].kind != "poss":
            q, _ = self._rank_at(end)
            run = self.name_run(q)
            if run is not None:
                return self._mention(chain, run, before=True), run
        # "NAME, the nation's Foreign Ministry spokesman, told ..."
        b = chain.org_start - 1
        while b >= 0 and self._word(b) and toks[b].norm in self.lex.skip_before:
            b -= 1  # "Mary Robinson, the former President of Ireland"
        if b >= 0 and self._word(b) and toks[b].norm in ("the", "a", "an", "its", "his", "her", "their"):
            b -= 1
        after_ok = end >= n or toks[end].kind == "punct" or (self._word(end) and not toks[end].text[0].isupper())
        if b >= 1 and toks[b].text == "," and after_ok:
            run = self.name_run_left(b - 1)
            if run is not None and (run[1] - run[0] >= 2 or self._overlaps_person(run[0], run[1])):
                return self._mention(chain, run, before=False), run
        # "Permanent Representative to the UN, Ambassador Munir Akram, and ..."
        if end < n - 1 and toks[end].text == ",":
            q, ranked = self._rank_at(end + 1)
            run = self.name_run(q)
            if run is not None:
                after = run[1]
                closes = after >= n or toks[after].kind == "punct" or (
                    self._word(after) and not toks[after].text[0].isupper())
                long_enough = sum(1 for t in toks[run[0]:run[1]] if t.kind == "word") >= 2
                if closes and (ranked or long_enough or self._overlaps_person(run[0], run[1])):
                    return self._mention(chain, run, before=True), run
        return None

    def _ner_mention(self, a: int, b: int) -> _Mention | None:
        """Repair an NER PERSON span: strip titles, join "Jean-" to "Pierre Lacroix", extend
        "Makhdoom Shah" to "Makhdoom Shah Mahmood Qureshi"; drop what is not a name."""
        toks = self.toks
        lex = self.lex
        chain = None
        # leading titles inside the span: "Taoiseach Brian Cowen", "Lt Gen Earley"
        while a < b and self._word(a) and not self._name_word(a):
            h = self._match(a, lex.heads)
            r, _ = self._rank_at(a)
            if h > a:
                chain = self.head_chain(a, h)
                a = max(h, chain.role_end)
            elif r > a:
                chain = self.rank_chain(a)
                a = r
            elif toks[a].norm == "the":
                a += 1
            else:
                return None
        while b > a and toks[b - 1].kind in ("punct", "poss"):
            b -= 1
        while a >= 2 and toks[a - 1].kind == "hyph" and self._name_word(a - 2):
            a -= 2
        if a >= b:
            return None
        run = self.name_run(a)
        if run is None:
            return None
        if run[1] < b:
            # the span holds something that is not a name ("Rs300 per tola", "Antonio Guterres •")
            for t in toks[run[1]:b]:
                if t.kind in ("num",) or (t.kind == "word" and not t.text[0].isupper()):
                    return None
        nxt = run[1]
        if self._cap(nxt) and toks[nxt].norm in lex.thing_words:
            return None  # part of a thing's name: "Kofi Annan Centre", "Dag Hammarskjold Medal"
        if chain is not None:
            mention = self._mention(chain, run, before=True)
        else:
            if self._word(run[0] - 1) and toks[run[0] - 1].norm == "the":
                return None  # "the Hanbit", "the Garuda": people do not take an article

            mention = _Mention(
                name=self.text[toks[run[0]].start:toks[run[1] - 1].end],
                name_start=toks[run[0]].start,
                name_end=toks[run[1] - 1].end,
                ev_start=toks[run[0]].start,
                ev_end=toks[run[1] - 1].end,
                aliases=run[2],
                source="ner",
            )
        return mention

    # -- context -----------------------------------------------------------------------------

    def is_byline(self, mention: _Mention) -> bool:
        """Author and photo credits: "By Tom Brady", "writes security analyst Tom Clonan",
        "(ANTARA/Wahyu Putro A.)"."""
        before = [t for t in self.toks if t.end <= mention.ev_start]
        if before and before[-1].text == ":":
            before = before[:-1]  # "Photo: John Smith"
        if before:
            prev = before[-1]
            if prev.kind == "word" and prev.norm in self.lex.byline_before:
                if prev.norm != "by":
                    return True
                if len(before) == 1 or (len(before) >= 2 and before[-2].norm in self.lex.byline_before):
                    return True
        # inside parentheses that hold a credit ("Photo:", "AGENCY/Name")
        opened = self.text.rfind("(", self.start, mention.name_start)
        if opened >= 0 and ")" not in self.text[opened:mention.name_start]:
            close = self.text.find(")", mention.name_end, self.end)
            inside = self.text[opened:close if close >= 0 else self.end]
            if "/" in inside or "photo" in inside.lower():
                return True
        return False

    def award_role(self, mention: _Mention) -> tuple[str, int] | None:
        """"NAME ... earned the UN International Female Police Peacekeeper Award" → the role
        the award names ("Female Police Peacekeeper") and where the award phrase ends."""
        match = self.lex.award_regex.match(self.text, mention.name_end, self.end)
        if not match:
            return None
        words = match.group("title").split()
        while words and _norm(words[0]) in _AWARD_PREFIX:
            words.pop(0)
        heads = {w.rstrip("s") for w in self.lex.heads.last_words} | {"advocate"}
        if not words or _norm(words[-1]).rstrip("s") not in heads:
            return None
        return " ".join(words), match.end()

    def awardees(self, taken: list[tuple[int, int]]) -> list[_Mention]:
        """Names the model missed that an award sentence shows to be people."""
        out: list[_Mention] = []
        if not _AWARD_WORD.search(self.text, self.start, self.end):
            return out
        for i in range(len(self.toks)):
            if self._name_word(i - 1) or any(s <= i < e for s, e in taken):
                continue
            run = self.name_run(i)
            if run is None or sum(1 for t in self.toks[run[0]:run[1]] if t.kind == "word") < 2:
                continue
            a, b = run[0], run[1]
            m = _Mention(name=self.text[self.toks[a].start:self.toks[b - 1].end], name_start=self.toks[a].start,
                         name_end=self.toks[b - 1].end, ev_start=self.toks[a].start, ev_end=self.toks[b - 1].end,
                         aliases=run[2], source="award")
            if self.award_role(m) is not None:
                out.append(m)
        return out


_AWARD_WORD = re.compile(r"\b(?:Award|Medal|Prize|Trophy)s?\b")
_AWARD_PREFIX = frozenset({"un", "united", "nations", "international", "global", "world", "annual"})

# --------------------------------------------------------------------------------------------
# Document level
# --------------------------------------------------------------------------------------------


def ner_only_disable(nlp: Language) -> list[str]:
    """Names of the components to disable so only ``ner`` (and what it listens to) runs.

    Passed per call (``nlp.pipe(texts, disable=...)``) so the shared pipeline is never changed.
    """
    names = list(nlp.pipe_names)
    if "ner" not in names:
        return names
    keep = {"ner"}
    for name, proc in nlp.pipeline:
        if "ner" in (getattr(proc, "listening_components", None) or ()):
            keep.add(name)  # a shared tok2vec the ner reads from (not so in en_core_web_sm)
    return [n for n in names if n not in keep]


def _is_body_line(line: str) -> bool:
    """Running text, as opposed to headlines, captions, bylines and sidebar lists."""
    words = len(re.findall(r"\w+", line))
    ends = line.rstrip()[-1:] in {".", "!", "?", '"', "”", "’", ":"}
    return (words >= 6 and ends) or words >= 25


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, len(text) if le < 0 else le


def _regions(document: Document) -> list[tuple[int, int]]:
    if not document.blocks:
        return [(0, len(document.text))]
    return [(b.start, b.end) for b in document.blocks if b.is_peacekeeping]


def name_key(name: str) -> tuple[str, ...]:
    """Comparable name tokens: no accents, case, ranks, honorifics, nicknames or particles.

    >>> name_key("Gen. Jean-Pierre Lacroix"), name_key("Anthony (Tony) Roe")
    (('jean', 'pierre', 'lacroix'), ('anthony', 'roe'))
    """
    lex = _lexicon()
    text = re.sub(r"\([^)]*\)|[\"“”][^\"“”]*[\"“”]", " ", name)
    words = [w for w in re.split(r"[\s\-.]+", _norm(text)) if w]
    words = [re.sub(r"'s$", "", w) for w in words]
    # leading ranks and honorifics ("Gen", "Lt Gen", "Dr"), never the last word
    while len(words) > 1 and (words[0] in lex.ranks.words or words[0] in lex.honorifics.words):
        words.pop(0)
    return tuple(w for w in words if w not in lex.particles or len(words) == 1)


def strip_titles(name: str) -> str:
    """The name without leading ranks and honorifics, as written otherwise.

    >>> strip_titles("General Jean-Pierre Lacroix"), strip_titles("Lt. Gen. Dermot Earley"), strip_titles("Major")
    ('Jean-Pierre Lacroix', 'Dermot Earley', 'Major')
    """
    lex = _lexicon()
    words = name.split()
    while len(words) > 1 and (_norm(words[0]) in lex.ranks.words or _norm(words[0]) in lex.honorifics.words):
        words.pop(0)
    return " ".join(words)


class _DocContext:
    """Per-document facts the role layer needs: the story's country and armed force."""

    _FORCE = re.compile(r"\b(Defen[cs]e Forces|Armed Forces|Army|Navy|Air Force|Marine Corps|Police Service)\b")
    _CAPS = re.compile(r"\b[A-Z][\w’'`-]*(?:\s+[A-Z][\w’'`-]*){0,2}")

    def __init__(self, text: str, regions: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.regions = regions

    @functools.cached_property
    def country(self) -> str | None:
        counts: Counter[str] = Counter()
        for s, e in self.regions:
            for match in self._CAPS.finditer(self.text, s, e):
                words = match.group().split()
                n = len(words)
                while n:
                    country = _country_for(" ".join(words[:n]))
                    if country:
                        counts[country] += 1
                        break
                    n -= 1
        return counts.most_common(1)[0][0] if counts else None

    @functools.cached_property
    def force(self) -> str | None:
        counts = Counter(m.group(1) for s, e in self.regions for m in self._FORCE.finditer(self.text, s, e))
        return counts.most_common(1)[0][0] if counts else None


def _resolve_org(m: _Mention, ctx: _DocContext) -> str | None:
    lex = _lexicon()
    if m.org == _DEFAULT_COUNTRY:
        return ctx.country
    if m.org:
        return m.org
    if not m.role_kind:
        return None
    for phrase, org in lex.implied_org.items():
        if m.head[: len(phrase)] == phrase:
            return org
    if m.role_kind == "rank" or m.head in lex.military_heads:
        return ctx.force or ctx.country
    if m.head in lex.government_heads:
        return ctx.country
    return None


@dataclass
class _Cluster:
    mentions: list[_Mention]
    key: tuple[str, ...]
    aliases: set[str]

    def matches(self, key: tuple[str, ...], aliases: Iterable[str]) -> int:
        """0 = no; 1 = a first name or nickname; 2 = the surname or a tail of the full name; 3 = same."""
        if key == self.key:
            return 3
        if not key:
            return 0
        if len(key) >= 2 and set(key) <= set(self.key) and key[-1] == self.key[-1]:
            return 2
        if len(key) == 1:
            word = key[0]
            if word == self.key[-1]:
                return 2
            if word == self.key[0] or word in self.aliases:
                return 1
        if self.aliases & set(aliases):
            return 1
        return 0


def _cluster(mentions: list[_Mention]) -> list[_Cluster]:
    """Group mentions of one person: longer names first, each shorter one joins the only
    (or the most recently mentioned) full name it fits."""
    clusters: list[_Cluster] = []
    order = sorted(range(len(mentions)), key=lambda k: (-len(mentions[k].keys), mentions[k].name_start))
    for k in order:
        m = mentions[k]
        aliases = {_norm(a) for a in m.aliases}
        scored = [(c.matches(m.keys, aliases), c) for c in clusters]
        best = max((s for s, _ in scored), default=0)
        target: _Cluster | None
        if best == 3:
            target = next(c for s, c in scored if s == 3)
        elif best:
            options = [c for s, c in scored if s == best]
            if len(options) == 1:
                target = options[0]
            else:  # several people share the surname: the one named last before this mention
                before = [(max((x.name_start for x in c.mentions if x.name_start < m.name_start), default=-1), i)
                          for i, c in enumerate(options)]
                pos, idx = max(before)
                target = options[idx] if pos >= 0 else None
        else:
            target = None
        if target is None:
            clusters.append(_Cluster([m], m.keys, set(aliases)))
        else:
            target.mentions.append(m)
            target.aliases |= aliases
    return clusters


def _role_rank(m: _Mention, full: tuple[str, ...]) -> tuple:
    kind = {"title": 2, "rank": 1}.get(m.role_kind or "", 0)
    words = len(re.findall(r"\w+", m.role or ""))
    return (kind, m.body, min(words, 12), m.keys == full, -m.name_start)


def _person(doc_id: str, text: str, cluster: _Cluster, ctx: _DocContext) -> Person | None:
    mentions = cluster.mentions
    if not any(m.body for m in mentions):
        return None  # only in headlines, captions or sidebars
    full = max(mentions, key=lambda m: (len(m.keys), m.body, -m.name_start))
    if len(full.keys) < 2 and not any(m.role_kind for m in mentions):
        return None  # a lone capitalised word the model called a person ("Euro", "Goma")
    best = max(mentions, key=lambda m: _role_rank(m, full.keys))
    org = _resolve_org(best, ctx)
    if org is None:
        org = next((o for o in (_resolve_org(m, ctx) for m in mentions if m.role_kind) if o), None)
    return Person(
        doc=doc_id,
        name=re.sub(r"\s+", " ", full.name),
        role=best.role,
        organization=org,
        evidence=text[best.ev_start:best.ev_end],
        start=best.name_start,
        end=best.name_end,
    )


_CAPITALISED = re.compile(r"(?<![\w'’`-])[A-Z][a-z\u00c0-\u024f]+(?:[-'’][A-Za-z\u00c0-\u024f]+)*")
_NAME_PAIR = re.compile(r"(?<![\w'’`-])([A-Z][a-z\u00c0-\u024f]+(?:[-'’][A-Za-z\u00c0-\u024f]+)*)"
                        r"\s+([A-Z][a-z\u00c0-\u024f]+(?:[-'’][A-Za-z\u00c0-\u024f]+)*)")
_SHOUTED = re.compile(r"(?<![\w'’`-])[A-Z][A-Z\u00c0-\u024f]+(?:[-'’][A-Z\u00c0-\u024f]+)*")


def _has_name_word(sentence: str) -> bool:
    """Whether a capitalised word that could be part of a name is in the sentence: not a rule
    word, not a country, not the sentence's first word standing alone."""
    stop = _lexicon().name_stop
    letters = [ch for ch in sentence if ch.isalpha()]
    shouted = bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
    for match in (_SHOUTED if shouted else _CAPITALISED).finditer(sentence):
        word = match.group()
        if _norm(word) in stop:
            continue
        if not sentence[: match.start()].strip(" \t\"“‘'(•-*–—"):
            # the first word of a sentence is capitalised anyway; it counts when a second follows
            if not re.match(r"\s+[A-Z]", sentence[match.end():]):
                continue
        if _country_for(word) is None:
            return True
    return False


def _has_name_pair(sentence: str) -> bool:
    """Two capitalised words in a row that could both be part of a name ("Shahzadi Gulfam")."""
    stop = _lexicon().name_stop
    for match in _NAME_PAIR.finditer(sentence):
        first, second = match.group(1), match.group(2)
        if (_norm(first) not in stop and _norm(second) not in stop
                and _country_for(first) is None and _country_for(second) is None):
            return True
    return False


def _candidate(sentence: str, body: bool) -> bool:
    """Whether a sentence can name a person: a title word and a word that can be a name, or (in
    running text) two name-like capitalised words in a row."""
    if _lexicon().title_regex.search(sentence) and _has_name_word(sentence):
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
    for rs, re_ in _regions(document):
        for s, e in split_sentences(text, rs, re_):
            ls, le = _line_bounds(text, s, e)
            if ls not in line_body:
                line_body[ls] = _is_body_line(text[ls:le])
            body = line_body[ls]
            if _candidate(text[s:e], body):
                sentences.append((s, e, body))
    return sentences


def find_people(
    document: Document, nlp: Language | None, *, parsed: Mapping[tuple[int, int], Any] | None = None
) -> list[Person]:
    """Every person named in the peacekeeping text of ``document``, with role and organisation.

    Only blocks with ``is_peacekeeping`` count; a document without blocks is one block. NER runs
    only on sentences that can name a person, with every other component disabled for the call.

    Args:
        document: the document; ``document.text`` is what offsets refer to.
        nlp: a loaded spaCy pipeline with an ``ner`` component (shared, never modified), or
            ``None`` to use the title layer alone (people without a title are then missed).
        parsed: sentences the caller already ran through a pipeline with ``ner``, keyed by their
            ``(start, end)`` offsets in ``document.text`` (as :func:`~peacefacts.nlp.segment.split_sentences`
            gives them); their entities are reused instead of running NER again.

    Returns:
        One :class:`~peacefacts.records.Person` per distinct person, in text order. ``name`` is
        the fullest form of the name in the document, ``role``/``organization``/``evidence``
        come from the mention that states the most specific role, and ``start``/``end`` are
        the name's offsets inside that mention (``text[start:end]`` may be a short form of
        ``name``, e.g. "Naqvi" in "Minister Naqvi", when only that mention carries the role).

    Example:
        >>> doc = Document(id="d", text="Pakistan's Permanent Representative to the UN, "
        ...                "Ambassador Munir Akram, attended the meeting.")
        >>> [(p.name, p.role, p.organization) for p in find_people(doc, None)]
        [('Munir Akram', 'Permanent Representative to the UN', 'Pakistan')]
    """
    text = document.text
    regions = _regions(document)
    sentences = person_sentences(document)
    person_spans: list[list[tuple[int, int]]] = [[] for _ in sentences]
    todo = []
    for n, (s, e, _) in enumerate(sentences):
        done = parsed.get((s, e)) if parsed else None
        if done is not None:
            person_spans[n] = [(s + ent.start_char, s + ent.end_char) for ent in done.ents if ent.label_ == "PERSON"]
        else:
            todo.append(n)
    if nlp is not None and todo and "ner" in nlp.pipe_names:
        texts = [text[sentences[n][0]:sentences[n][1]] for n in todo]
        for n, sdoc in zip(todo, nlp.pipe(texts, disable=ner_only_disable(nlp)), strict=True):
            s = sentences[n][0]
            person_spans[n] = [(s + ent.start_char, s + ent.end_char) for ent in sdoc.ents if ent.label_ == "PERSON"]
    mentions: list[_Mention] = []
    for (s, e, body), spans in zip(sentences, person_spans, strict=True):
        sent = _Sentence(text, s, e, spans)
        for m in sent.mentions():
            m.body = body
            m.byline = sent.is_byline(m)
            if m.byline:
                continue
            if not m.role_kind and body:
                award = sent.award_role(m)
                if award is not None:
                    m.role, m.role_kind, m.ev_end, m.source = award[0], "title", award[1], "award"
            m.keys = name_key(m.name)
            if m.keys:
                mentions.append(m)
    ctx = _DocContext(text, regions)
    people = [_person(document.id, text, c, ctx) for c in _cluster(mentions)]
    return sorted((p for p in people if p is not None), key=lambda p: (p.start, p.name))


def find_people_in_text(text: str, nlp: Language | None, doc_id: str = "text") -> list[Person]:
    """:func:`find_people` on a plain string (one block, no date): handy in tests and notebooks.

    >>> [p.name for p in find_people_in_text("Foreign Minister Makhdoom Shah Mahmood Qureshi spoke.", None)]
    ['Makhdoom Shah Mahmood Qureshi']
    """
    return find_people(Document(id=doc_id, text=text), nlp)
