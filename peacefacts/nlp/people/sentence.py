"""Sentence-level reading: title chains bound to names, model names repaired, bylines and awards.

A title chain is ``[org] MOD* HEAD ('s HEAD | and HEAD | PREP complement)* [RANK]* NAME`` before
the name, ``NAME, [the|a] CHAIN`` after it, or ``CHAIN, [RANK]* NAME``. The chain gives the role
as stated and the organisation (a country from a demonym or possessive, "UN", or an
organisation's name); names are read from capitalisation and repaired with the model's PERSON
spans (hyphenated first names joined, ranks and honorifics stripped, missing tokens added).
Every word list comes from :mod:`peacefacts.nlp.people.titles`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peacefacts.nlp.people.titles import country_of, norm
from peacefacts.nlp.people.tokens import NameRun, TokenView

__all__ = ["DEFAULT_COUNTRY", "Chain", "Mention", "SentenceReader"]

DEFAULT_COUNTRY = "\x00country"  # resolved per document: the country the story is about


@dataclass
class Mention:
    """One mention of a person in a sentence: the name, its evidence span and what the text says
    of the person there (offsets into the document text)."""

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
class Chain:
    """A title chain over tokens: where its organisation and role start and end."""

    kind: str  # head | rank
    org_start: int  # token index where the evidence starts (org or role)
    role_start: int
    role_end: int  # exclusive token index
    org: str | None
    head: tuple[str, ...]
    role_text_end: int = -1  # where the role text ends, when an "of ORG" tail is the organisation


class SentenceReader(TokenView):
    """Rule analysis of one sentence: title chains, their names, and repaired NER names.

    ``person_spans`` are the model's PERSON entities in the sentence (document offsets), or
    none when the title layer runs alone.
    """

    def overlaps_person(self, a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in self.person_tok_spans)

    # -- title chains ------------------------------------------------------------------------

    def _left_org(self, role_start: int) -> tuple[str | None, int]:
        """The organisation written before a role: "Pakistan's", "UN", "Indonesian", "Goldman Sachs"."""
        toks = self.toks
        k = role_start - 1
        possessive = k >= 0 and toks[k].kind == "poss"
        if possessive:
            k -= 1
            if self.word(k) and toks[k].norm in ("nation", "country"):
                s = k - 1 if self.word(k - 1) and toks[k - 1].norm == "the" else k
                return DEFAULT_COUNTRY, s
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
                if q > first and self.word(q + 1):
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
            if tok.text[0].isupper() and (q == first or mode == "free") and not self.upper:
                # an organisation the rule data does not know ("of An Post", "of Goldman Sachs")
                mode = "free"
                q += 1
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

    def head_chain(self, i: int, end: int) -> Chain:
        """The whole title chain around the head phrase at ``i:end``."""
        toks = self.toks
        lex = self.lex
        head = tuple(t.norm for t in toks[i:end] if t.kind == "word")
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
        org, org_start = self._left_org(role_start)
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
                c, mode = self._complement(k + 1)
                if c > k + 1:
                    last_complement = (k, c, mode)
                    complements.append((k, k + 1, c, mode))
                    k = c
                    continue
            break
        text_end = k
        if org is None and any(toks[prep].norm in ("of", "for") and self.names_un(a, b) for prep, a, b, _ in complements):
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
                    org = country_of(surface) or surface
        if org is None:
            for t in toks[role_start:text_end]:
                country = country_of(t.text) if t.kind == "word" and t.text[0].isupper() else None
                if country:
                    org = country  # "Defense Advisor of Bangladesh Permanent Mission to the UN"
                    break
        return Chain("head", org_start, role_start, k, org, head, text_end)

    def rank_chain(self, i: int) -> Chain | None:
        end, any_rank = self.rank_at(i)
        if end <= i:
            return None
        role_start = i
        j = i - 1
        while j >= 0 and self.word(j) and self.toks[j].norm in self.lex.modifiers and self.cap(j):
            role_start = j
            j -= 1
        org, org_start = self._left_org(role_start) if any_rank else (None, role_start)
        head = tuple(t.norm for t in self.toks[i:end] if t.kind == "word")
        return Chain("rank" if any_rank else "honorific", org_start, role_start, end, org, head)

    # -- mentions ----------------------------------------------------------------------------

    def _role_text(self, chain: Chain) -> str | None:
        if chain.role_end <= chain.role_start:
            return None
        toks = self.toks
        end = chain.role_end if chain.role_text_end < 0 else chain.role_text_end
        while end > chain.role_start and toks[end - 1].kind in ("punct", "hyph", "poss") and toks[end - 1].text != ".":
            end -= 1
        if end <= chain.role_start:
            return None
        return re.sub(r"\s+", " ", self.text[toks[chain.role_start].start:toks[end - 1].end])

    def _mention(self, chain: Chain, run: NameRun, before: bool) -> Mention:
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
        return Mention(
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

    def mentions(self) -> list[Mention]:
        """Every person mention in the sentence: title chains first, then the NER names left over."""
        toks = self.toks
        lex = self.lex
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []  # name token spans already found
        covered = -1  # tokens up to here belong to an earlier chain
        i = 0
        while i < len(toks):
            if i <= covered or not self.word(i):
                i += 1
                continue
            h = self.match(i, lex.heads)
            r = self.match(i, lex.ranks) if self.cap(i) else -1
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
            if self.cap(i) and (r > 0 or self.match(i, lex.honorifics) > 0):
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
        end = self.match(i, self.lex.ranks)
        return end > i and self.name_run(end) is not None

    def _bind(self, chain: Chain) -> tuple[Mention, NameRun] | None:
        """Attach a title chain to its name: directly after it, in apposition before it, or
        after a comma ("..., Ambassador Munir Akram")."""
        toks = self.toks
        n = len(toks)
        end = chain.role_end
        if end < n and toks[end].kind != "poss":
            q, _ = self.rank_at(end)
            run = self.name_run(q)
            if run is not None:
                return self._mention(chain, run, before=True), run
        # "NAME, the nation's Foreign Ministry spokesman, told ..."
        b = chain.org_start - 1
        while b >= 0 and self.word(b) and toks[b].norm in self.lex.skip_before:
            b -= 1  # "Mary Robinson, the former President of Ireland"
        if b >= 0 and self.word(b) and toks[b].norm in ("the", "a", "an", "its", "his", "her", "their"):
            b -= 1
        after_ok = end >= n or toks[end].kind == "punct" or (self.word(end) and not toks[end].text[0].isupper())
        if b >= 1 and toks[b].text == "," and after_ok:
            run = self.name_run_left(b - 1)
            if run is not None and (run[1] - run[0] >= 2 or self.overlaps_person(run[0], run[1])):
                return self._mention(chain, run, before=False), run
        # "Permanent Representative to the UN, Ambassador Munir Akram, and ..."
        if end < n - 1 and toks[end].text == ",":
            q, ranked = self.rank_at(end + 1)
            run = self.name_run(q)
            if run is not None:
                after = run[1]
                closes = after >= n or toks[after].kind == "punct" or (
                    self.word(after) and not toks[after].text[0].isupper())
                long_enough = sum(1 for t in toks[run[0]:run[1]] if t.kind == "word") >= 2
                if closes and (ranked or long_enough or self.overlaps_person(run[0], run[1])):
                    return self._mention(chain, run, before=True), run
        return None

    def _ner_mention(self, a: int, b: int) -> Mention | None:
        """Repair an NER PERSON span: strip titles, join "Jean-" to "Pierre Lacroix", extend
        "Makhdoom Shah" to "Makhdoom Shah Mahmood Qureshi"; drop what is not a name."""
        toks = self.toks
        lex = self.lex
        chain = None
        # leading titles inside the span: "Taoiseach Brian Cowen", "Lt Gen Earley"
        while a < b and self.word(a) and not self.name_word(a):
            h = self.match(a, lex.heads)
            r, _ = self.rank_at(a)
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
        while a >= 2 and toks[a - 1].kind == "hyph" and self.name_word(a - 2):
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
        if self.cap(nxt) and toks[nxt].norm in lex.thing_words:
            return None  # part of a thing's name: "Kofi Annan Centre", "Dag Hammarskjold Medal"
        if chain is not None:
            mention = self._mention(chain, run, before=True)
        else:
            if self.word(run[0] - 1) and toks[run[0] - 1].norm == "the":
                return None  # "the Hanbit", "the Garuda": people do not take an article

            mention = Mention(
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

    def is_byline(self, mention: Mention) -> bool:
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

    def award_role(self, mention: Mention) -> tuple[str, int] | None:
        """"NAME ... earned the UN International Female Police Peacekeeper Award" → the role
        the award names ("Female Police Peacekeeper") and where the award phrase ends."""
        match = self.lex.award_regex.match(self.text, mention.name_end, self.end)
        if not match:
            return None
        words = match.group("title").split()
        while words and norm(words[0]) in _AWARD_PREFIX:
            words.pop(0)
        heads = {w.rstrip("s") for w in self.lex.heads.last_words} | {"advocate"}
        if not words or norm(words[-1]).rstrip("s") not in heads:
            return None
        return " ".join(words), match.end()

    def awardees(self, taken: list[tuple[int, int]]) -> list[Mention]:
        """Names the model missed that an award sentence shows to be people."""
        out: list[Mention] = []
        if not _AWARD_WORD.search(self.text, self.start, self.end):
            return out
        for i in range(len(self.toks)):
            if self.name_word(i - 1) or any(s <= i < e for s, e in taken):
                continue
            run = self.name_run(i)
            if run is None or sum(1 for t in self.toks[run[0]:run[1]] if t.kind == "word") < 2:
                continue
            a, b = run[0], run[1]
            m = Mention(name=self.text[self.toks[a].start:self.toks[b - 1].end], name_start=self.toks[a].start,
                         name_end=self.toks[b - 1].end, ev_start=self.toks[a].start, ev_end=self.toks[b - 1].end,
                         aliases=run[2], source="award")
            if self.award_role(m) is not None:
                out.append(m)
        return out


_AWARD_WORD = re.compile(r"\b(?:Award|Medal|Prize|Trophy)s?\b")
_AWARD_PREFIX = frozenset({"un", "united", "nations", "international", "global", "world", "annual"})
