"""Title chains: a title's words, its organisation and its complements, read over tokens.

A title chain is ``[org] MOD* HEAD ('s HEAD | and HEAD | PREP complement)* [RANK]*``: "UN Under
Secretary General for Peace Operations", "Pakistan's Permanent Representative to the UN",
"Deputy Force Commander of UNMISS". :class:`ChainReader` finds where each chain starts and ends,
the role as it is written (a plural title in the singular) and the organisation it names (a
country from a demonym or possessive, "UN", or an organisation's name after "of"); binding a
chain to its name is :mod:`peacefacts.nlp.people.sentence`'s job. Every word list comes from
:mod:`peacefacts.nlp.people.titles`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from peacefacts.nlp.dates import find_dates
from peacefacts.nlp.people.titles import country_of
from peacefacts.nlp.people.tokens import TokenView
from peacefacts.vocab import mission_for

__all__ = ["DEFAULT_COUNTRY", "DETERMINERS", "Chain", "ChainReader"]

_PLACE_PREPS = frozenset({"in", "on", "at"})
# words after a lower-case rank that show it is a noun ("a sergeant in the army", "a corporal who")
_AFTER_RANK_NOUN = frozenset({"in", "with", "of", "from", "at", "serving", "who", "attached", "assigned",
                              "deployed", "and", "posted", "based", "on"})
DEFAULT_COUNTRY = "\x00country"  # resolved per document: the country the story is about
DETERMINERS = frozenset({"the", "its", "his", "her", "their", "our", "a", "an"})
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


@dataclass
class Chain:
    """A title chain over tokens: where its organisation and role start and end."""

    kind: str  # head | rank
    org_start: int  # token index where the evidence starts (org or role)
    role_start: int
    role_end: int  # exclusive token index
    org: str | None
    head: tuple[str, ...]
    role_text_end: int = -1  # where the role text ends, when an "of ORG" tail is the organisation
    plural_at: int = -1  # the token of a plural title ("Captains"), written in the singular in the role
    singular: str = ""  # that token's singular lookup form


def _as_written(word: str, like: str) -> str:
    """``word`` in the case ``like`` is written in: "captain" like "CAPTAINS" → "CAPTAIN"."""
    if like.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


class ChainReader(TokenView):
    """The title chains of one sentence, over its tokens (see the module docstring)."""

    def overlaps_person(self, a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in self.person_tok_spans)

    # -- title chains ------------------------------------------------------------------------

    def left_org(self, role_start: int) -> tuple[str | None, int]:
        """The organisation written before a role: "Pakistan's", "UN", "Indonesian", "Goldman Sachs"."""
        toks = self.toks
        k = role_start - 1
        possessive = k >= 0 and toks[k].kind == "poss"
        if possessive:
            k -= 1
            if self.word(k) and toks[k].norm in ("nation", "country"):
                s = k - 1 if self.word(k - 1) and toks[k - 1].norm == "the" else k
                return DEFAULT_COUNTRY, s
            if self.word(k) and toks[k].text.islower():
                # "the mission's spokesperson", "the French contingent's chief of staff": the
                # possessor is part of the evidence; a country among its words is the organisation
                j = k - 1
                while j >= k - 3 and self.word(j) and toks[j].norm not in DETERMINERS:
                    j -= 1
                if self.word(j) and toks[j].norm in DETERMINERS:
                    country = next((c for t in toks[j + 1:k] if (c := country_of(t.text))), None)
                    return country, j
        end = k + 1
        j = k
        while j >= 0 and end - j <= 6:
            tok = toks[j]
            if tok.kind == "word" and (tok.text[0].isupper() or tok.norm == "of" and j < k):
                j -= 1
                continue
            if tok.kind == "hyph" and self.cap(j - 1):
                j -= 1
                continue
            break
        s = j + 1
        while s < end and self.word(s) and toks[s].norm in ("of", "the", "a", "an"):
            s += 1
        if s >= end:
            return None, role_start
        if any(t.kind == "word" and t.norm in self.lex.head_nouns for t in toks[s:end]) or self.overlaps_person(s, end):
            return None, role_start  # a title or a person ("Guterres's spokesman"): not an organisation
        words = tuple(t.norm for t in toks[s:end] if t.kind == "word")
        surface = self.text[toks[s].start:toks[end - 1].end]
        if words in self.lex.un_names or words[-1:] == ("un",) and len(words) == 1:
            return "UN", s
        country = country_of(surface)
        if country:
            return country, s
        # a country or "UN" directly before the role, after other capitalised words
        last = toks[end - 1]
        if (last.norm,) in self.lex.un_names:
            return "UN", end - 1
        country = country_of(last.text)
        if country and not possessive:
            return country, end - 1
        if end - s == 1 and (len(surface) > 1 and surface.isupper() or mission_for(surface)):
            return mission_for(surface) or surface, s  # "UNMISS head", "AU spokesman"
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
        if self.word(q) and toks[q].norm == "the":
            q += 1
        first = q
        mode = ""
        while q < len(toks):
            tok = toks[q]
            if q > first and q in self.person_starts:
                break
            if tok.kind == "hyph":
                if q > first and (self.word(q + 1) or q + 1 < len(toks) and toks[q + 1].kind == "num"):
                    q += 1
                    continue
                break
            if tok.kind == "num" and q == first and (self.cap(q + 1) or self._ordinal(q + 1)):
                q += 2 if self._ordinal(q + 1) else 1  # "of 9th Infantry Division", "of 1 Corps"
                mode = mode or "known"
                continue
            if tok.kind in ("poss", "num"):
                if q > first:
                    q += 1
                    if tok.kind == "poss":
                        tail = self._unit_after(q)
                        if tail > q:
                            return tail, "possessed"  # "of MINUSMA's civil affairs section"
                    continue
                break
            if tok.kind != "word":
                break
            h = self.match(q, lex.heads)
            if h > q + 1 and self.toks[h - 1].kind == "word" and len(self.words(q, h)) >= 2:
                mode = mode or "known"
                q = h  # "spokesman for the Secretary-General"
                continue
            if q > first and tok.text[0].isupper() and (self.match(q, lex.ranks) > 0 or self.match(q, lex.honorifics) > 0):
                break  # "Chief of Staff Lieutenant General ..."
            known = (tok.norm in lex.complements or tok.norm in lex.modifiers or tok.norm in lex.heads.words
                     or (tok.norm,) in lex.un_names or country_of(tok.text) is not None)
            if known and (tok.text[0].isupper() or tok.norm in lex.complements or tok.norm in lex.modifiers):
                if not tok.text[0].isupper() and tok.norm in ("and", "&") and q == first:
                    break
                mode = mode or "known"
                q += 1
                continue
            if (q > first and toks[q - 1].text.isupper() and len(toks[q - 1].text) > 1 and not self.upper
                    and (run := self.name_run(q)) is not None and run[1] - run[0] >= 2):
                break  # "Acting Head of MONUSCO Bruno Lemarquis": an acronym ends the organisation
            if tok.text[0].isupper() and (q == first or mode == "free") and not self.upper:
                # an organisation the rule data does not know ("of An Post", "of Goldman Sachs")
                mode = "free"
                q += 1
                continue
            if (tok.text[0].isupper() and not self.upper and mode == "known" and q > first
                    and toks[q - 1].norm in ("and", "&") and q not in self.person_starts
                    and self.match(q, lex.ranks) < 0 and self.match(q, lex.honorifics) < 0):
                q += 1  # "Minister of Defence and Veterans Affairs": a second portfolio
                while self.cap(q) and q not in self.person_starts and self.match(q, lex.ranks) < 0:
                    q += 1
                continue
            if tok.text[0].isupper() and not self.upper:
                named = self._named_org_end(q)
                if named > q:
                    # "the Tanzania People's Defence Forces", "Royal Mint Services": a name the rule
                    # data does not know makes the complement an organisation's name
                    mode = "free"
                    q = named
                    continue
            break
        while q > first and (self.word(q - 1) and toks[q - 1].norm in ("and", "the", "&", "of")
                             or toks[q - 1].kind == "hyph"):
            q -= 1
        if q <= first:
            return p, ""
        if country_of(self.text[toks[first].start:toks[q - 1].end]):
            mode = "country"
        return q, mode

    def _ordinal(self, q: int) -> bool:
        """Whether token ``q`` is an ordinal suffix glued to a number ("9th")."""
        return (self.word(q) and self.toks[q].norm in _ORDINAL_SUFFIXES and q > 0 and self.toks[q - 1].kind == "num"
                and self.toks[q - 1].end == self.toks[q].start)

    def _bare_org_end(self, k: int, apposition: bool = False, formation: bool = False) -> int:
        """End of an organisation or place written straight after a capitalised title, without a
        preposition, when a rank and a name follow: "Corps Commander Rawalpindi, Lieutenant General
        X", "Director General Inter Services Public Relations (ISPR) Major General X", "Deputy
        Chief of Army Staff (Training), Lt Gen X"; ``k`` when there is none. Two capitalised words
        before a comma may be the title's own name ("Defence Minister Kwame Asante, Major General
        Y"): only one word, or words that hold an organisation word or a number, are taken. In
        apposition to a name ("NAME, GOC 11 Infantry Division, said") such words are taken before
        the comma or the sentence's end too. After a title that commands a formation or a place
        (``formation_heads``: "Corps Commander Rawalpindi") the word is taken even when the model
        calls it a person."""
        toks, lex = self.toks, self.lex
        j, words, org_like = k, 0, False
        while j < len(toks):
            if (self.cap(j) and self.match(j, lex.ranks) < 0 and self.match(j, lex.honorifics) < 0
                    and self.match(j, lex.heads) < 0 and (apposition or formation or j not in self.person_starts)):
                org_like = org_like or toks[j].norm in lex.org_words
                words += 1
                j += 1
            elif toks[j].kind == "num" and (self.cap(j + 1) or self._ordinal(j + 1)):
                org_like = True
                j += 2 if self._ordinal(j + 1) else 1
            elif j > k and self.word(j) and toks[j].norm == "of" and self.cap(j + 1):
                j += 1
            elif j > k and toks[j].kind == "hyph" and self.cap(j + 1):
                j += 1
            elif toks[j].text == "(" and j + 2 < len(toks) and self.word(j + 1) and toks[j + 2].text == ")":
                org_like = True  # "(ISPR)", "(Training)"
                j += 3
            else:
                break
        if j == k:
            return k
        comma = j < len(toks) and toks[j].text == ","
        if comma and words > 1 and not org_like:
            return k
        if apposition and (org_like or words == 1) and (j >= len(toks) or toks[j].text in (",", ".", ";")):
            return j  # a title in apposition to a name holds no second name: "Corps Commander Peshawar"
        q, ranked = self.rank_at(j + 1 if comma else j)
        if not ranked or self.name_run(q) is None:
            return k
        return j

    def _unit_after(self, q: int) -> int:
        """End of a lower-case unit after a possessive ("civil affairs section"): up to four
        words, the last an organisation word; ``q`` when there is none."""
        k = q
        while k < min(q + 4, len(self.toks)) and self.word(k) and self.toks[k].text.islower():
            k += 1
            if self.toks[k - 1].norm in self.lex.org_words:
                return k
        return q

    def _named_org_end(self, q: int) -> int:
        """End of a capitalised organisation name starting at ``q`` ("People's Defence Forces",
        "Panel"): up to five capitalised words or possessives, ending at the last organisation
        word among them; ``q`` when none is one, or a person starts there."""
        toks = self.toks
        k, last = q, q
        while k < min(q + 6, len(toks)) and (self.cap(k) or toks[k].kind == "poss" and k > q):
            if k > q and k in self.person_starts:
                break
            k += 1
            if toks[k - 1].norm in self.lex.org_words:
                last = k
        return last

    def _starts_date(self, k: int) -> bool:
        """Whether a date phrase starts at token ``k`` ("in March", "on Friday", "in 2023")."""
        return self.toks[k].start in self._date_starts

    @functools.cached_property
    def _date_starts(self) -> frozenset[int]:
        return frozenset(m.start for m in find_dates(self.text, self.start, self.end))

    def head_chain(self, i: int, end: int, singular: tuple[str, ...] | None = None) -> Chain:
        """The whole title chain around the head phrase at ``i:end`` (a plural one when
        ``singular`` gives its singular words)."""
        toks = self.toks
        lex = self.lex
        head = singular or tuple(t.norm for t in toks[i:end] if t.kind == "word")
        role_start = i
        j = i - 1
        while j >= 0:
            tok = toks[j]
            if tok.kind == "hyph":
                if self.word(j - 1) and toks[j - 1].norm in lex.modifiers and toks[j - 1].norm not in lex.skip_before:
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
        org, org_start = self.left_org(role_start)
        if head in lex.speaker_heads and role_start < i:
            # "the Rwanda Defence Force spokesperson": the force is the organisation, not the role
            force = self.text[toks[role_start].start:toks[i - 1].end]
            if lex.force_regex.fullmatch(force) or lex.police_regex.fullmatch(force):
                org = f"{org} {force}" if org and country_of(org) else force
                role_start = i
        k = end
        last_complement: tuple[int, int, str] | None = None
        complements: list[tuple[int, int, int, str]] = []
        while k < len(toks):
            tok = toks[k]
            if tok.kind == "poss":
                m = k + 1
                while self.word(m) and toks[m].norm in lex.modifiers:
                    m += 1
                h = self.match(m, lex.heads)
                if h > 0:
                    k = h
                    continue
                break
            if tok.kind == "word" and tok.norm in ("and", "&"):
                m = k + 1
                while self.word(m) and toks[m].norm in lex.modifiers:
                    m += 1
                h = self.match(m, lex.heads)
                if h > 0 and not (self.cap(m) and self.match(m, lex.ranks) == h):
                    k = h
                    continue
                break
            if tok.kind == "word" and tok.norm in lex.preps and (not tok.text[0].isupper() or self.upper):
                if tok.norm in _PLACE_PREPS and self._starts_date(k):
                    break  # "in March", "on Friday": when, not part of the role
                if (tok.norm == "in" and self.word(k + 2) and toks[k + 1].norm == "charge"
                        and toks[k + 2].norm == "of" and self._complement(k + 3)[0] > k + 3):
                    c, mode = self._complement(k + 3)  # "Deputy Inspector-General of Police in charge of Operations"
                    last_complement = (k, c, mode)
                    complements.append((k, k + 3, c, mode))
                    k = c
                    continue
                if tok.norm == "in" and not self.cap(k + 1 + (self.word(k + 1) and toks[k + 1].norm == "the")):
                    break  # "in Liberia" names where the role is held; "in charge", "in the field" do not
                c, mode = self._complement(k + 1)
                if c > k + 1:
                    last_complement = (k, c, mode)
                    complements.append((k, k + 1, c, mode))
                    k = c
                    continue
            break
        if self.cap(i) and not self.upper and not (k < len(toks) and toks[k].kind == "poss"):
            # "Maj Gen Ali Raza, GOC 11 Infantry Division, was ...": a title in apposition to a name
            apposition = org_start >= 2 and toks[org_start - 1].text == "," and self.name_word(org_start - 2)
            k = self._bare_org_end(k, apposition, formation=head in lex.formation_heads)
        text_end = k
        if self.acronym_end(k) > k and (k + 3 >= len(toks) or not self.cap(k + 3)):
            k = self.acronym_end(k)  # "the head of the UN mission in Mali (MINUSMA), NAME": not part of the role
        if org is None and any(toks[prep].norm in ("of", "for") and self.names_un(a, b) for prep, a, b, _ in complements):
            org = "UN"  # "spokesman for the Secretary-General", "head of UN peace operations"
        if complements and toks[complements[-1][0]].norm == "from" and complements[-1][3] == "country":
            # "a police officer from Kenya": where the person comes from, not part of the role
            prep, a, b, _ = complements[-1]
            text_end = prep
            org = org or country_of(self.text[toks[a].start:toks[b - 1].end])
        if head in lex.staff_heads and complements and toks[complements[0][0]].norm in ("of", "at", "with"):
            prep, a, b, _ = complements[0]
            a += self.word(a) and toks[a].norm == "the"
            led = next((n for n in (3, 2, 1) if a + n < b and country_of(self.text[toks[a].start:toks[a + n - 1].end])), 0)
            employer = self.word(a + led) and toks[a + led].norm in lex.org_words and toks[a + led].norm not in lex.military_words
            if led and (self.cap(a + led) or employer):  # "at the Pakistani embassy", not "of the Uruguayan battalion"
                # "the Defence Adviser of Bangladesh High Commission": the adviser's employer is
                # the organisation; the function alone is the role
                surface = self.text[toks[a].start:toks[k - 1].end]
                return self._with_plural(Chain("head", org_start, role_start, k, surface, head, prep), i, end)
        if complements and toks[complements[0][0]].norm in ("at", "with") and complements[0][3] in ("free", "known"):
            prep, a, b, _ = complements[0]
            a += self.word(a) and toks[a].norm == "the"
            b = k  # "at the University of Lisbon": the organisation runs to the chain's end
            if self.cap(a) and not self.names_un(a, b) and any(
                    t.kind == "word" and t.norm in lex.org_words for t in toks[a:b]):
                # "a professor at George Washington University", "a researcher with the Institute for
                # Security Studies": where the person works is the organisation, not part of the role
                surface = self.text[toks[a].start:toks[b - 1].end]
                return self._with_plural(
                    Chain("head", org_start, role_start, k, country_of(surface) or surface, head, prep), i, end)
        possessed = next(((a, b) for _, a, b, mode in complements if mode == "possessed"), None)
        if possessed is not None:
            # "deputy head of MINUSMA's civil affairs section": the possessor is the organisation
            a, b = possessed
            a += self.word(a) and toks[a].norm == "the"
            poss = next(x for x in range(a, b) if toks[x].kind == "poss")
            surface = self.text[toks[a].start:toks[poss - 1].end]
            return self._with_plural(Chain("head", org_start, role_start, k, country_of(surface) or surface, head), i, end)
        if head in lex.speaker_heads and complements and not org == "UN":
            prep, a, b, mode = complements[0]
            a += self.word(a) and toks[a].norm == "the"
            if toks[prep].norm in ("for", "of", "at") and self.cap(a):
                # "a spokesman for the Kenya Defence Forces": the organisation, not the role
                surface = self.text[toks[a].start:toks[b - 1].end]
                return self._with_plural(
                    Chain("head", org_start, role_start, k, country_of(surface) or surface, head, prep), i, end)
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
                    org = country_of(surface) or surface
        if org is None and self.names_un(role_start, end):
            org = "UN"  # "the Secretary-General's Special Representative for Mali"
        if org is None:
            for n, t in enumerate(toks[role_start:text_end], role_start):
                if self.word(n - 1) and toks[n - 1].norm == "to":
                    break  # "ambassador to Ethiopia" is not Ethiopia's
                country = country_of(t.text) if t.kind == "word" and t.text[0].isupper() else None
                if country:
                    org = country  # "Defense Advisor of Bangladesh Permanent Mission to the UN"
                    break
        return self._with_plural(Chain("head", org_start, role_start, k, org, head, text_end), i, end)

    def rank_chain(self, i: int) -> Chain | None:
        end, any_rank = self.rank_at(i)
        if end <= i:
            return None
        role_start = i
        j = i - 1
        while j >= 0 and self.word(j) and self.toks[j].norm in self.lex.modifiers and self.cap(j):
            role_start = j
            j -= 1
        org, org_start = self.left_org(role_start) if any_rank else (None, role_start)
        # before "(Retd)", a corps ("Colonel Inf."), an acronym ("(ACP)") or an honorific after the
        # rank ("Inspector General of Police Dr. Usman Anwar")
        text_end = next((k for k in range(i + 1, end) if self.marker_end(k) == end or self.toks[k].text == "("
                         or self.cap(k) and self.toks[k].norm in self.lex.rank_suffixes
                         or any_rank and self.match(k, self.lex.honorifics) > k and self.match(k, self.lex.ranks) < 0), -1)
        head = tuple(t.norm for t in self.toks[i:text_end if text_end > 0 else end] if t.kind == "word")
        return Chain("rank" if any_rank else "honorific", org_start, role_start, end, org, head, text_end)

    def plural_rank_chain(self, i: int, end: int, singular: tuple[str, ...]) -> Chain:
        """A plural rank or grade ("Captains", "Flight lieutenants") at ``i:end``."""
        org, org_start = self.left_org(i)
        return self._with_plural(Chain("rank", org_start, i, end, org, singular), i, end)

    def _with_plural(self, chain: Chain, i: int, end: int) -> Chain:
        """Mark the plural word of a chain whose head phrase at ``i:end`` is a plural one."""
        words = [k for k in range(i, end) if self.word(k)]
        if len(words) != len(chain.head):
            return chain
        for k, singular in zip(words, chain.head, strict=True):
            if self.toks[k].norm != singular:
                chain.plural_at, chain.singular = k, singular
        return chain

    # -- mentions ----------------------------------------------------------------------------

    def role_text(self, chain: Chain) -> str | None:
        if chain.role_end <= chain.role_start:
            return None
        toks = self.toks
        end = chain.role_end if chain.role_text_end < 0 else chain.role_text_end
        while end > chain.role_start and toks[end - 1].kind in ("punct", "hyph", "poss") and toks[end - 1].text != ".":
            if toks[end - 1].text == ")" and any(t.text == "(" for t in toks[chain.role_start:end - 1]):
                break  # "Deputy Chief of Army Staff (Training)"
            end -= 1
        if end <= chain.role_start:
            return None
        a, b = toks[chain.role_start].start, toks[end - 1].end
        text = self.text[a:b]
        if chain.plural_at >= 0:
            tok = toks[chain.plural_at]
            text = text[: tok.start - a] + _as_written(chain.singular, tok.text) + text[tok.end - a :]
        return re.sub(r"\s+", " ", text)

    def lower_rank_chain(self, i: int) -> Chain | None:
        """A rank written in lower case after an article ("a sergeant"), when it stands as a noun:
        followed by punctuation or a preposition, not by another word ("a general manager")."""
        end = self.match(i, self.lex.ranks)
        if end <= i:
            return None
        if end < len(self.toks) and self.word(end) and self.toks[end].norm not in _AFTER_RANK_NOUN:
            return None
        head = tuple(t.norm for t in self.toks[i:end] if t.kind == "word")
        return Chain("rank", i, i, end, None, head)

    def phrase_at(self, i: int, end: int) -> tuple[str, ...]:
        return tuple(t.norm for t in self.toks[i:end] if t.kind in ("word", "num"))
