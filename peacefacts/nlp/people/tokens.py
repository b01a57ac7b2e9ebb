"""Word tokens with document offsets, and the name runs read over them.

The people layer reads its own tokens rather than spaCy's: hyphens and possessives are tokens
of their own ("Jean-Pierre", "Pakistan's"), dotted acronyms and initials stay whole ("U.N.",
"J.P."), and every token keeps its offsets into the document text, so no model is needed to
find a title chain or a name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from peacefacts.nlp.people.titles import PhraseIndex, country_of, lexicon, norm

__all__ = ["NameRun", "Tok", "TokenView", "tokenize"]

#: A name found over tokens: (first token, end token exclusive, nicknames written inside it).
NameRun = tuple[int, int, tuple[str, ...]]


class Tok(NamedTuple):
    """One token: its text, offsets into the document text, lookup form and kind."""

    text: str
    start: int
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


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """Our own word tokens for ``text[start:end]``: hyphens and possessives are separate tokens."""
    raw: list[Tok] = []
    for match in _TOKEN.finditer(text, start, end):
        word, s, e = match.group(), match.start(), match.end()
        if word[0].isalpha():
            poss = _POSSESSIVE.search(word)
            if poss and len(word) > 2:
                cut = s + poss.start()
                raw.append(Tok(text[s:cut], s, cut, norm(text[s:cut]), "word"))
                raw.append(Tok(text[cut:e], cut, e, "'s", "poss"))
                continue
            raw.append(Tok(word, s, e, norm(word), "word"))
        elif word[0].isdigit():
            raw.append(Tok(word, s, e, word, "num"))
        else:
            raw.append(Tok(word, s, e, word, "punct"))
    out = []
    for i, tok in enumerate(raw):
        if tok.text in _HYPHENS and 0 < i < len(raw) - 1 and raw[i - 1].end == tok.start == raw[i + 1].start - 1:
            tok = tok._replace(kind="hyph")
        out.append(tok)
    return out


@functools.lru_cache(maxsize=512)
def _tokens_and_case(text: str, start: int, end: int) -> tuple[list[Tok], bool]:
    """The tokens of ``text[start:end]`` and whether it is shouted (a headline in capitals).

    Remembered (never changed by a reader): a sentence NER must read is read twice, by the title
    layer alone and again with NER's names, and a batch's sentences are read before its people.
    """
    letters = [ch for ch in text[start:end] if ch.isalpha()]
    # headline or shouted text: capitals no longer tell names apart
    return tokenize(text, start, end), bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


class TokenView:
    """The tokens of one sentence with the questions the rules ask of them: is this a word, a
    capitalised word, a title phrase, a name; where does the name starting here end."""

    def __init__(self, text: str, start: int, end: int, person_spans: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.toks, self.upper = _tokens_and_case(text, start, end)
        # word() and cap() are asked of every token again and again: answered by a set look-up
        self._words = frozenset(i for i, t in enumerate(self.toks) if t.kind == "word")
        self._caps = frozenset(i for i in self._words if self.toks[i].text[0].isupper())
        self.lex = lexicon()
        # the small model calls a country a person now and then ("Nepal's first woman commander")
        person_spans = [(s, e) for s, e in person_spans if country_of(text[s:e]) is None]
        self.person_tok_spans = self.to_token_spans(person_spans)
        self.person_starts = {a for a, _ in self.person_tok_spans}

    def to_token_spans(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        out = []
        for s, e in spans:
            idx = [i for i, t in enumerate(self.toks) if t.start >= s and t.end <= e]
            if idx:
                out.append((idx[0], idx[-1] + 1))
        return out

    def names_un(self, a: int, b: int) -> bool:
        words = self.words(a, b)
        return any(words[i:i + len(p)] == p for p in self.lex.un_names | {("secretary", "general")}
                   for i in range(len(words)))

    def words(self, a: int, b: int) -> tuple[str, ...]:
        return tuple(t.norm for t in self.toks[a:b] if t.kind == "word")

    def word(self, i: int) -> bool:
        return i in self._words

    def cap(self, i: int) -> bool:
        return i in self._caps

    def attached_dot(self, i: int) -> bool:
        return (0 < i < len(self.toks) and self.toks[i].text == "."
                and self.toks[i].start == self.toks[i - 1].end)

    def glued_slash(self, i: int) -> bool:
        """A slash inside an abbreviation: "L/Cpl", "S/Sgt"."""
        toks = self.toks
        return (0 < i < len(toks) - 1 and toks[i].text == "/" and toks[i - 1].end == toks[i].start
                and toks[i].end == toks[i + 1].start)

    def match(self, i: int, index: PhraseIndex) -> int:
        """End (exclusive) of the longest phrase of ``index`` starting at token ``i``, else -1."""
        if not self.word(i):
            return -1
        for words in index.by_first.get(self.toks[i].norm, ()):
            j = i
            ok = True
            for n, w in enumerate(words):
                if n:
                    # between words: a glued hyphen or an abbreviation dot ("Lt. Gen."), or both ("Brig.-Gen.")
                    if j < len(self.toks) and self.attached_dot(j) and j + 1 < len(self.toks) and self.toks[j + 1].kind == "hyph":
                        j += 1
                    if j < len(self.toks) and (self.toks[j].kind == "hyph" or self.attached_dot(j) or self.glued_slash(j)):
                        j += 1
                # later words may be numbers: "Warrant Officer Class 2"
                if j < len(self.toks) and self.toks[j].kind in ("word", "num" if n else "word") and self.toks[j].norm == w:
                    j += 1
                else:
                    ok = False
                    break
            if ok:
                if self.attached_dot(j) and len(self.toks[j - 1].text) <= 4:
                    j += 1  # "Dr.", "Gen."
                return j
        return -1

    def rank_at(self, i: int) -> tuple[int, bool]:
        """Ranks and honorifics before a name: (end, whether any was a rank). Capitalised only,
        later words any case ("Brig gen")."""
        j = i
        any_rank = False
        while self.cap(j) or (j > i and (self.word(j) or self.marker_end(j) > j)):
            if j == i and not self.cap(j):
                break
            if j > i and self.marker_end(j) > j:
                j = self.marker_end(j)  # "Lt Col (Retd) Dr. Ahmed Shah"
                continue
            r = self.match(j, self.lex.ranks)
            h = self.match(j, self.lex.honorifics)
            if r < 0 and h < 0:
                break
            if j > i and not self.cap(j) and max(r, h) < 0:
                break
            if r >= h:
                any_rank = True
                j = r
            else:
                j = h
        if j > i:
            j = self.marker_end(j)  # "Lt Gen (Retd) Syed Ali Raza"
            if any_rank and self.cap(j) and self.toks[j].norm in self.lex.rank_suffixes:
                j += 1 + self.attached_dot(j + 1)  # "Colonel Inf. Dwi Sasongko": the corps
            j = self.acronym_end(j)  # "Assistant Commissioner of Police (ACP) Jean Bosco Rutikanga"
        return j, any_rank

    def acronym_end(self, i: int) -> int:
        """After a parenthesised acronym at token ``i`` ("(ACP)", "(CDS)"), else ``i``."""
        toks = self.toks
        if (i + 2 < len(toks) and toks[i].text == "(" and self.word(i + 1) and len(toks[i + 1].text) > 1
                and toks[i + 1].text.isupper() and toks[i + 2].text == ")"):
            return i + 3
        return i

    def marker_end(self, i: int) -> int:
        """After a retired marker ("(Retd)", "(rtd.)") or a bracketed honorific ("(Dr)") that starts at
        token ``i``, else ``i``."""
        toks = self.toks
        if i + 2 < len(toks) and toks[i].text == "(" and self.word(i + 1) and (
                toks[i + 1].norm in self.lex.retired_markers or toks[i + 1].norm in self.lex.honorifics.words):
            k = i + 2 + self.attached_dot(i + 2)
            if k < len(toks) and toks[k].text == ")":
                return k + 1
        return i

    def marker_start(self, i: int) -> int:
        """The token before a retired marker that ends at token ``i`` (its ")"), else ``i``."""
        for k in (i - 2, i - 3):
            if k >= 1 and self.toks[i].text == ")" and self.marker_end(k) == i + 1:
                return k - 1
        return i

    def _post_nominal_at(self, i: int) -> int:
        """End of one post-nominal at token ``i`` ("psc", "TD", "NI (M)"), else ``i``."""
        toks = self.toks
        if not (self.word(i) and toks[i].norm in self.lex.post_nominals):
            return i
        if (i + 3 < len(toks) and toks[i + 1].text == "(" and self.word(i + 2) and len(toks[i + 2].text) <= 2
                and toks[i + 3].text == ")"):
            return i + 4  # "NI (M)": a class of the award
        return i + 1

    def post_nominal_end(self, i: int) -> int:
        """After the post-nominals that follow a name ending before token ``i`` ("Ahmed, SBP, psc,
        PhD", "Martin TD"), so what comes next can still be read; ``i`` when there are none."""
        j = i
        while True:
            k = j + 1 if j < len(self.toks) and self.toks[j].text == "," else j
            end = self._post_nominal_at(k)
            if end == k:
                return j
            j = end

    def post_nominal_start(self, k: int) -> int:
        """The last token before the post-nominals that end at token ``k`` ("Ahmed, SBP, psc" with
        ``k`` at "psc" → "Ahmed"), else ``k``."""
        toks = self.toks
        j = k
        while j >= 1:
            m = j
            if toks[m].text == ")" and m >= 3 and toks[m - 2].text == "(":
                m -= 3
            if not (self.word(m) and toks[m].norm in self.lex.post_nominals and self._post_nominal_at(m) == j + 1):
                break
            j = m - 1
            if j >= 1 and toks[j].text == ",":
                j -= 1
        return j

    def name_word(self, i: int) -> bool:
        if not self.word(i):
            return False
        tok = self.toks[i]
        if not tok.text[0].isupper() or any(ch in "0123456789" for ch in tok.text):
            return False
        if len(tok.text) > 1 and tok.text.isupper() and not self.upper and not _DOTTED_INITIALS.fullmatch(tok.text):
            return False  # acronyms (PVARA, UN, FH) are not names in running text; initials (J.P.) are
        if tok.norm in self.lex.name_stop:
            return False
        return country_of(tok.text) is None

    def initial(self, i: int) -> bool:
        return self.word(i) and len(self.toks[i].text) == 1 and self.toks[i].text.isupper() and self.attached_dot(i + 1)

    def name_run(self, i: int) -> NameRun | None:
        """A name starting at token ``i``: (start, end, nicknames). Hyphens, particles ("bin"),
        initials ("A.") and nicknames ("(Tony)", '"Jokowi"') stay inside."""
        toks = self.toks
        if not (self.name_word(i) or self.initial(i)):
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
        after_particle = False  # "de la Cruz", "van der Berg": particles in a row
        while j < stop and words < limit:
            joined = last == j - 1 or after_particle
            after_particle = False
            if self.marker_end(j) > j:
                break  # "(Retd)" after a name is not part of it, nor a nickname
            if self.name_word(j) and toks[j].norm in self.lex.name_abbreviations and self.attached_dot(j + 1):
                last = j + 1  # "Md.", "Mohd.", "Jr." keep their dot
                j += 2
                words += 1
                continue
            if self.initial(j):
                last = j + 1
                j += 2
                words += 1
                continue
            if self.name_word(j):
                last = j
                words += 0 if j > i and toks[j - 1].kind == "hyph" else 1  # "Jean-Pierre" is one word
                j += 1
                continue
            if last == j - 1 and toks[j].kind == "hyph" and self.name_word(j + 1):
                j += 1
                continue
            if (last == j - 1 and toks[j].kind == "hyph" and self.word(j + 1) and toks[j + 1].text.islower()
                    and len(toks[j + 1].text) <= 5 and toks[j + 1].norm not in self.lex.hyphen_stop
                    and (j + 2 >= len(toks) or toks[j + 2].kind != "hyph")):
                last = j + 1  # a Korean given name: "Jae-in", "Jong-sup"
                j += 2
                continue
            if (last == j - 1 and self.word(j) and toks[j].norm in ("al", "el", "ul", "ud", "bin", "ibn")
                    and toks[j + 1 : j + 2] and toks[j + 1].kind == "hyph" and self.name_word(j + 2)):
                j += 2  # "al-Sisi", "el-Sisi"
                continue
            if (joined and self.word(j) and toks[j].norm in self.lex.particles
                    and not toks[j].text[0].isupper() and (self.name_word(j + 1) or self.word(j + 1)
                                                            and toks[j + 1].norm in self.lex.particles)):
                after_particle = True
                j += 1
                continue
            if (last == j - 1 and toks[j].text in '("“' and self.name_word(j + 1)
                    and j + 2 < len(toks) and toks[j + 2].text in ')"”'):
                aliases.append(toks[j + 1].text)
                last = j + 2
                j += 3
                continue
            break
        if last < 0:
            return None
        nxt = last + 1
        if self.cap(nxt) and toks[nxt].norm in self.lex.org_words:
            return None  # the start of an organisation's name: "Indonesian Armed Forces"
        if self.word(nxt) and toks[nxt].norm in self.lex.places_after:
            return None  # a place: "Tboung Khmum province", "Halim Perdanakusuma airport"
        if self.cap(nxt) and toks[nxt].norm in self.lex.thing_words:
            return None  # a thing named after a person: "the Captain Mbaye Diagne Medal"
        return i, last + 1, tuple(aliases)

    def name_run_left(self, i: int) -> NameRun | None:
        """A name ending at token ``i`` (inclusive), walking left."""
        toks = self.toks
        i = self.marker_start(i)  # "Derek Mensah (Rtd), a former minister"
        end = i
        if self.attached_dot(i) and self.word(i - 1) and toks[i - 1].norm in self.lex.name_abbreviations:
            end = i  # "Martin Luther Jr."
            i -= 1
        if (self.word(i) and toks[i].text.islower() and i >= 2 and toks[i - 1].kind == "hyph"
                and self.name_word(i - 2)):
            i -= 2  # ends in a Korean given name: "Kim Jae-hong"
        if not self.name_word(i):
            return None
        j = i
        first = i
        words = 0
        while j >= 0 and words < 6:
            if self.name_word(j):
                first = j
                words += 1
                j -= 1
                continue
            if toks[j].kind == "hyph" and self.name_word(j - 1):
                j -= 1
                continue
            if self.attached_dot(j) and (self.initial(j - 1) or self.word(j - 1) and self.name_word(j - 1)
                                         and toks[j - 1].norm in self.lex.name_abbreviations):
                first = j - 1
                words += 1
                j -= 2
                continue
            k = j
            while self.word(k) and toks[k].norm in self.lex.particles and not toks[k].text[0].isupper():
                k -= 1  # "van der", "de la"
            if k < j and self.name_word(k):
                j = k
                continue
            if toks[j].text in ')"”' and j >= 2 and self.name_word(j - 1) and toks[j - 2].text in '("“' and self.name_word(j - 3):
                j -= 3
                continue
            break
        run = self.name_run(first)
        if run is None or run[1] < end + 1:
            return None
        return first, end + 1, run[2]
