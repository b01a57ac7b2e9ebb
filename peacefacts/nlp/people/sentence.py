"""Sentence-level reading: title chains bound to names, model names repaired, bylines and awards.

A title chain (:mod:`peacefacts.nlp.people.chains`) is bound to the name right after it
("CHAIN [RANK]* NAME"; a plural title to a list of names), to the name before it in apposition
("NAME, [the|a] CHAIN", "NAME, who was appointed CHAIN", "NAME was named the new CHAIN"), or to
the name after a comma ("CHAIN, RANK NAME"). Names are read from capitalisation and repaired
with the model's PERSON spans (hyphenated first names joined, ranks and honorifics stripped,
missing tokens added); bylines, credits and award titles are told apart here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from peacefacts.nlp.people.chains import DEFAULT_COUNTRY, DETERMINERS, Chain
from peacefacts.nlp.people.references import ReferenceReader
from peacefacts.nlp.people.titles import country_of, norm
from peacefacts.nlp.people.tokens import NameRun
from peacefacts.nlp.people.verbs import Mention
from peacefacts.vocab import mission_for

__all__ = ["Mention", "SentenceReader"]


class SentenceReader(ReferenceReader):
    """Rule analysis of one sentence: title chains, their names, and repaired NER names.

    ``person_spans`` are the model's PERSON entities in the sentence (document offsets), or
    none when the title layer runs alone.
    """

    def _mention(self, chain: Chain, run: NameRun, before: bool, org: str | None = None) -> Mention:
        toks = self.toks
        a, b, aliases = run
        role = None
        role_kind = None
        if chain.kind == "head":
            role, role_kind = self.role_text(chain), "title"
        elif chain.kind == "rank":
            role, role_kind = self.role_text(chain), "rank"
        if before:
            ev_start, ev_end = toks[chain.org_start].start, toks[b - 1].end
        else:
            ev_start, ev_end = toks[a].start, toks[chain.role_end - 1].end
        if org is None and chain.org is None and self.word(b) and toks[b].norm in ("of", "from") and self.cap(b + 1):
            org = country_of(toks[b + 1].text)  # "the late Corporal Daniel Amankwah of Ghana"
        before_role = chain.role_start - 1
        return Mention(
            name=self.text[toks[a].start:toks[b - 1].end],
            name_start=toks[a].start,
            name_end=toks[b - 1].end,
            ev_start=ev_start,
            ev_end=ev_end,
            role=role,
            role_kind=role_kind,
            org=(org or chain.org) if role_kind else None,
            head=chain.head,
            aliases=aliases,
            former=self.word(before_role) and toks[before_role].norm in self.lex.former_markers,
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
            skip = self.match(i, lex.non_titles)
            if skip > i:
                i = skip  # "the chief guest": a part at an event, not a post
                continue
            h = self.match(i, lex.heads)
            r = self.match(i, lex.ranks) if self.cap(i) else -1
            if h == i + 1 and r < 0 and toks[i].norm in lex.modifiers and toks[i].text[:1].isupper() and (
                    self.match(i + 1, lex.heads) > 0 or self.cap(i + 1) and self.match(i + 1, lex.ranks) > 0):
                # "Deputy Inspector General of Police": the title starts at the next word and
                # takes "Deputy" in as a modifier (a lower-case "army chief Gen. X" is a title, then a rank)
                i += 1
                continue
            if 0 < h < r and self.name_run(self.rank_at(r)[0]) is None and self.head_chain(i, h).role_end > r:
                # "the Deputy Inspector-General of Police in charge of Operations, NAME": a title
                # that runs on past the grade it starts with, no name right after the grade
                r = -1
            hp = self.match(i, lex.plural_heads)
            rp = self.match(i, lex.plural_ranks) if self.cap(i) else -1
            plural: Chain | None = None
            if hp > max(h, r, rp):
                plural = self.head_chain(i, hp, lex.plural_heads.singular[self.phrase_at(i, hp)])
            elif rp > max(h, r):
                plural = self.plural_rank_chain(i, rp, lex.plural_ranks.singular[self.phrase_at(i, rp)])
            if plural is not None or h > 0 and (r < 0 or h >= r) and not (r == h and self._rank_then_name(i)):
                chain = plural or self.head_chain(i, h)
                if self._names_award(chain):
                    # "the UN Military Gender Advocate of the Year Award from Secretary-General X":
                    # an award's name, not a post; the title after it is read on its own
                    i += 1
                    continue
                covered = chain.role_end - 1
                for mention, run in self._bind(chain, taken):
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
                        # "Joseph Banda, a Warrant Officer, died": the rank after the name;
                        # "The Inspector General of Police, Dr. Kamal Hassan": a name after a comma
                        found = self._bind_after_name(ranked, taken)
                        comma = self._name_after_comma(ranked) if not found else None
                        if comma is not None:
                            found = [(self._mention(ranked, comma, before=True), comma)]
                        for mention, run in found:
                            out.append(mention)
                            taken.append((run[0], run[1]))
                        covered = comma[1] - 1 if comma is not None else ranked.role_end - 1
                    i = covered + 1
                    continue
            if not self.cap(i) and self.word(i - 1) and self.toks[i - 1].norm in ("a", "an", "the"):
                lower = self.lower_rank_chain(i)
                if lower is not None:
                    # "Amadou Diallo, a sergeant in the Senegalese army, was killed"
                    for mention, run in self._bind_after_name(lower, taken):
                        out.append(mention)
                        taken.append((run[0], run[1]))
                    i = lower.role_end
                    continue
            i += 1
        for mention, run in self._verb_functions(taken) + self._passive_functions(taken):
            out.append(mention)
            taken.append((run[0], run[1]))
        for a, b in self.person_tok_spans:
            if any(s < b and a < e for s, e in taken):
                continue
            repaired = self._ner_mention(a, b)
            if repaired is not None:
                out.append(repaired)
                taken.append((a, b))
        out.extend(self.awardees(taken))
        return out

    def _names_award(self, chain: Chain) -> bool:
        """Whether a title chain runs into an award's name ("Gender Advocate of the Year Award")."""
        return any(self.cap(k) and self.toks[k].norm in self.lex.award_words
                   for k in range(chain.role_start, chain.role_end))

    def _bind_after_name(self, chain: Chain, taken: Sequence[tuple[int, int]]) -> list[tuple[Mention, NameRun]]:
        runs, _ = self._names_before(chain, taken)
        found = [(self._mention(chain, run, before=False), run) for run in runs]
        for mention, run in found:
            mention.weak = not self._sure_name(run, taken)
        return found

    def _bind(self, chain: Chain, taken: Sequence[tuple[int, int]] = ()) -> list[tuple[Mention, NameRun]]:
        """Attach a title chain to its name (or, plural, its names): directly after it, in
        apposition before it ("NAME, the CHAIN", "NAME, who was appointed CHAIN"), or after a
        comma ("CHAIN, Ambassador Munir Akram")."""
        toks = self.toks
        n = len(toks)
        end = chain.role_end
        plural = chain.plural_at >= 0
        if end < n and toks[end].kind != "poss":
            start = end + 1 if plural and toks[end].text == "," else end  # "The spokesmen, A and B,"
            runs = self._name_list(start) if plural else []
            if not plural:
                q, ranked = self.rank_at(end)
                run = self.name_run(q)
                runs = [(run, None, end)] if run is not None else []
                if run is not None and ranked:
                    chain = self._rank_for_generic(chain, end)
            if runs and (not plural or len(runs) >= 2):  # a plural title lists two names or more
                # "Peacekeepers Sgt. A and Cpl. B": a rank before a listed name is that name's role
                return [(self._mention(self._rank_for_generic(chain, at) if plural else chain, run, before=True, org=org), run)
                        for run, org, at in runs]
        left, secondary = self._names_before(chain, taken)
        right = None if plural else self._name_after_comma(chain)
        if left and not (right is not None and any(r[:2] in taken or not self._sure_name(r, taken) for r in left)):
            # "Dr. Hany Saleh, the chief of defence staff, General Olu Adeyemi": a name already
            # bound to its own title gives way to the ranked name after the comma
            found = [(self._mention(chain, run, before=False), run) for run in left]
            for mention, run in found:
                mention.secondary = secondary
                mention.weak = not self._sure_name(run, taken)
            return found
        if right is not None:
            comma = self._place_phrase_end(end)
            mention = self._mention(self._rank_for_generic(chain, comma + 1), right, before=True)
            mention.weak = right[0] == comma + 1 and not self._sure_name(right, taken)
            return [(mention, right)]
        pronoun = None if plural else self._pronoun_before(chain)
        if pronoun is not None:
            # "He is the acting head of mission": the person of the sentence before (document level)
            mention = self._mention(chain, (pronoun, pronoun + 1, ()), before=False)
            mention.source, mention.weak = "pronoun", True
            return [(mention, (pronoun, pronoun + 1, ()))]
        the = None if plural else self._definite_subject(chain)
        if the is not None:
            # "NAME addressed the troops. The minister of defence said …": the one person of the
            # sentence before, if no title of theirs is known (document level)
            mention = self._mention(chain, (the, the + 1, ()), before=False)
            mention.source, mention.weak, mention.secondary = "definite", True, True
            return [(mention, (the, the + 1, ()))]
        return []

    def _rank_for_generic(self, chain: Chain, at: int) -> Chain:
        """A generic title ("peacekeeper", "soldier") gives way to the rank at token ``at``
        before the name: "Nepalese peacekeeper Corporal Ram Thapa", "the soldier, Lance Corporal X"."""
        if chain.head not in self.lex.generic_heads:
            return chain
        words = [t.norm for t in self.toks[chain.role_start:chain.role_end] if t.kind == "word"]
        before = words[: words.index(chain.head[0])] if chain.head[0] in words else []
        if any(w not in self.lex.generic_modifiers for w in before):
            return chain  # "the contingent's medical officer, Captain X": a function, not a generic word
        rank = self.rank_chain(at)
        if rank is None or rank.kind != "rank":
            return chain
        rank.org, rank.org_start = rank.org or chain.org, chain.org_start
        return rank

    def _name_list(self, start: int) -> list[tuple[NameRun, str | None, int]]:
        """Names listed from token ``start``: "A, B and C", each with its own "of [the] COUNTRY" if
        given ("Kofi Asare of Ghana and Musa Bello of Nigeria") and the token where its own ranks
        start ("Sgt. A and Cpl. B")."""
        toks = self.toks
        out: list[tuple[NameRun, str | None, int]] = []
        k = start
        while True:
            at = k
            q, _ = self.rank_at(k)
            run = self.name_run(q)
            if run is None:
                break
            k = run[1]
            org = None
            if self.word(k) and toks[k].norm in ("of", "from"):
                the = self.word(k + 1) and toks[k + 1].norm == "the"
                if self.cap(k + 1 + the):
                    org = country_of(toks[k + 1 + the].text)
                    k += 2 + the if org else 0
            out.append((run, org, at))
            if k < len(toks) and toks[k].text == ",":
                k += 1
            if self.word(k) and toks[k].norm in ("and", "&"):
                k += 1
            elif k == run[1] or toks[k - 1].text != ",":
                break
        return out

    def _names_before(self, chain: Chain, taken: Sequence[tuple[int, int]]) -> tuple[list[NameRun], bool]:
        """The name (plural: names) a chain is given to in apposition: "NAME, the CHAIN",
        "NAME, appointed as CHAIN", "NAME was named the new CHAIN", "A and B, members of X"; and
        whether the role is given in passing ("NAME, who is also CHAIN")."""
        toks = self.toks
        lex = self.lex
        n = len(toks)
        end = chain.role_end
        b = chain.org_start - 1
        skipped_cue = False
        while b >= 0:
            if self.word(b) and (toks[b].norm in lex.skip_before or toks[b].norm in DETERMINERS
                                 or toks[b].norm in ("first", "new")):
                # "has been appointed Force Commander": a skipped "appointed" still links the chain
                skipped_cue = skipped_cue or (toks[b].norm in lex.role_cues and toks[b].text.islower())
                b -= 1  # "Mary Robinson, the former President of Ireland"
            elif b >= 4 and self.word(b) and toks[b].norm == "old" and toks[b - 4].kind == "num":
                b -= 5  # "a 32-year-old police officer"
            else:
                break
        k, bridged, cue, secondary = b, 0, skipped_cue, False
        while k >= 0 and bridged < 8 and self.word(k) and toks[k].text.islower() and toks[k].norm in lex.role_bridges:
            cue = cue or toks[k].norm in lex.role_cues
            secondary = secondary or toks[k].norm == "also"
            k -= 1
            bridged += 1
        if (bridged or skipped_cue) and cue:
            # "NAME was appointed Force Commander", "NAME, who served as Chief Military Observer"
            if k >= 1 and toks[k].text == ",":
                k -= 1
            if end < n and toks[end].kind == "poss":
                return [], False
        elif b >= 1 and toks[b].text == ",":
            after_ok = end >= n or not self.cap(end)  # "NAME, the CHAIN Xyz": Xyz may be another name
            if not after_ok:
                return [], False
            k = b - 1
            if k >= 2 and toks[k].kind == "num" and toks[k - 1].text == ",":
                k -= 2  # "Amadou Diallo, 32, a sergeant"
        elif b >= 1 and (toks[b].text == "(" and end < n and toks[end].text == ")"
                         or toks[b].text in _DASHES and (end >= n or not self.cap(end))):
            k = b - 1  # "Lt Col Ali Khan (Contingent Commander)", "Colonel Ana Ruiz – commander of the company"
        else:
            return [], False
        run = self.name_run_left(self.post_nominal_start(k))
        if run is None and (bridged or skipped_cue) and cue:
            origin = self._origin_start(k)  # "NAME of the Ghana Armed Forces has been appointed as CHAIN"
            run = self.name_run_left(self.post_nominal_start(origin)) if origin != k else None
        if run is None and (bridged or skipped_cue) and cue:
            run = self._name_before_apposition(k)  # "NAME, a Danish officer, has been appointed CHAIN"
        if run is not None and (bridged or skipped_cue) and cue:
            run = self._successor(run) or run
        if run is None or chain.plural_at >= 0 and not self._sure_name(run, taken):
            return [], False
        runs = [run]
        while chain.plural_at >= 0:
            # "Lars Nilsen and Ingrid Dahl, members of ...": the names listed before
            j = runs[-1][0] - 1
            if not (self.word(j) and toks[j].norm in ("and", "&") or j >= 0 and toks[j].text == ","):
                break
            j -= 1
            if j >= 0 and toks[j].text == ",":
                j -= 1
            more = self.name_run_left(j)
            if more is None:
                break
            runs.append(more)
        if chain.plural_at >= 0 and len(runs) < 2:
            return [], False
        return runs[::-1], secondary

    def _name_before_apposition(self, k: int) -> NameRun | None:
        """The name before a short lower-case apposition that ends at token ``k``: "Michael
        Lollesgaard, a Danish officer(k), has been appointed …"."""
        toks = self.toks
        j = k
        while j >= 0 and k - j < 6 and toks[j].text != ",":
            if toks[j].kind == "punct":
                return None
            j -= 1
        if j < 1 or toks[j].text != "," or not (self.word(j + 1) and (toks[j + 1].norm in DETERMINERS
                                                                     or toks[j + 1].norm in self.lex.former_markers)):
            return None
        return self.name_run_left(self.post_nominal_start(j - 1))

    def _origin_start(self, k: int) -> int:
        """The token before "of/from [the] ORIGIN" that ends at token ``k`` ("Mohan Subramanian of
        India", "Emmanuel Kotia of the Ghana Armed Forces"): a country, a mission or an organisation
        a person comes from, between the name and what is said of it; ``k`` when there is none."""
        toks = self.toks
        j = k
        while j >= 0 and k - j < 7 and (self.cap(j) or toks[j].kind == "poss" or self.word(j) and toks[j].norm == "the"):
            j -= 1
        if j < 1 or j == k or not (self.word(j) and toks[j].norm in ("of", "from") and toks[j].text.islower()):
            return k
        a = j + 1 + (self.word(j + 1) and toks[j + 1].norm == "the")
        if a > k:
            return k
        surface = self.text[toks[a].start:toks[k].end]
        if country_of(surface) or mission_for(surface) or any(
                t.norm in self.lex.org_words for t in toks[a:k + 1] if t.kind == "word"):
            return j - 1
        return k

    def _place_phrase_end(self, k: int) -> int:
        """After a short lower-case place phrase that ends at a comma ("in the country", "on the
        ground") starting at token ``k``; ``k`` when there is none: "The UN's top humanitarian
        official in the country, Ramiz Alakbarov, said" still binds the name after the comma."""
        toks = self.toks
        if not (self.word(k) and toks[k].text in ("in", "on", "at")):
            return k
        j = k + 1
        while j < len(toks) and j - k <= 3 and self.word(j) and toks[j].text.islower():
            j += 1
        return j if j > k + 1 and j < len(toks) and toks[j].text == "," else k

    def _name_after_comma(self, chain: Chain) -> NameRun | None:
        """ "Permanent Representative to the UN, Ambassador Munir Akram, and ..." """
        toks = self.toks
        n = len(toks)
        end = self._place_phrase_end(chain.role_end)
        if end < n - 1 and toks[end].text == ",":
            q, ranked = self.rank_at(end + 1)
            if q == end + 1 and self.word(q) and toks[q].norm == "the" and self.match(q + 1, self.lex.ranks) > q + 1:
                q, ranked = self.match(q + 1, self.lex.ranks), True  # "the commander of the contingent, the colonel X"
            titled = False
            if q == end + 1 and self.cap(q) and self.match(q, self.lex.heads) > q:
                # "The Head of the UN Police Division, Commissioner Luis Carrilho, said": a title
                # of the name's own, in an apposition closed by a comma, gives way to the first one
                q, _ = self.rank_at(self.match(q, self.lex.heads))
                titled = True
            run = self.name_run(q)
            if run is not None:
                after = self.post_nominal_end(run[1])
                closes = after >= n or toks[after].kind == "punct" or (
                    self.word(after) and not toks[after].text[0].isupper())
                if titled:
                    closes = after >= n or toks[after].text in (",", ".", ")", ";")
                    ranked = True
                # a lone surname ("The contingent commander, Mensah, said") is kept, weak: a name
                # only if the document gives it in full
                if closes and (titled or toks[after].text in (",", ".") if after < n else True):
                    return run
                long_enough = sum(1 for t in toks[run[0]:run[1]] if t.kind == "word") >= 2
                if closes and (ranked or long_enough or self.overlaps_person(run[0], run[1])):
                    return run
                a = chain.org_start - 1
                if closes and self.word(a) and toks[a].norm == "as" and self._starts_clause(a):
                    return run  # "As deputy force commander, Wongsawat oversees ...": the subject holds the post
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
            if self.word(run[0] - 1) and toks[run[0] - 1].text in lex.place_preps:
                return None  # "ambushed near Sam Ouandja": the model's person is a place

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

    def explained(self, mentions: Sequence[Mention]) -> bool:
        """Whether these mentions, read without the model, account for every word of the sentence
        that could be part of a name: then NER has nothing to add. Not so in shouted text, when
        a capitalised word is left outside every title chain and name, or when a title's
        organisation is a name the data does not know (it may be a person: "Kagame's spokesman")."""
        if self.upper:
            return False
        spans = [(m.ev_start, m.ev_end) for m in mentions]
        for i, tok in enumerate(self.toks):
            # a capital that starts the sentence counts too: "Guterres thanked Minister X"
            if self.name_word(i) and not any(a <= tok.start < b for a, b in spans):
                return False
        return all(m.org in (None, DEFAULT_COUNTRY, "UN") or country_of(m.org) is not None for m in mentions)

    # -- context -----------------------------------------------------------------------------

    def is_byline(self, mention: Mention) -> bool:
        """Author and photo credits: "By Tom Brady", "writes security analyst Tom Clonan",
        "(ANTARA/Wahyu Putro A.)"."""
        before = [t for t in self.toks if t.end <= mention.ev_start]
        if before and before[-1].text == ":":
            before = before[:-1]  # "Photo: John Smith"
        if before:
            prev = before[-1]
            if prev.norm in self.lex.byline_before and (prev.kind == "word" or not prev.text.isalnum()):  # "📸 Cpl Lee Coyle"
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


_DASHES = frozenset({"-", "–", "—"})
_AWARD_WORD = re.compile(r"\b(?:Award|Medal|Prize|Trophy)s?\b")
_AWARD_PREFIX = frozenset({"un", "united", "nations", "international", "global", "world", "annual"})
