"""Mentions, and functions written as verbs: "NAME, who heads the X", "the X is commanded by NAME".

:class:`Mention` is what the sentence reader finds of a person in one sentence.
:class:`VerbReader` adds to the title chains of :class:`~peacefacts.nlp.people.chains.ChainReader`
the posts a verb gives (``function_verbs`` and ``passive_function_verbs`` in the rule data) and
the checks the binding rules share (is a run surely a name; is a rank word followed by a name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from peacefacts.nlp.people.chains import DETERMINERS, ChainReader
from peacefacts.nlp.people.titles import country_of
from peacefacts.nlp.people.tokens import NameRun
from peacefacts.vocab import mission_for

__all__ = ["PRONOUNS", "Mention", "VerbReader"]


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
    secondary: bool = False  # a role added in passing: "NAME, who is also Minister of ..."
    former: bool = False  # a post held before: "NAME, former Chief of General Staff, was named ..."
    weak: bool = False  # a lone word before its title: a name only if the document gives it in full
    keys: tuple[str, ...] = field(default=())


class VerbReader(ChainReader):
    """Posts given by verbs, and the name checks the binding rules share."""

    def _sure_name(self, run: NameRun, taken: Sequence[tuple[int, int]]) -> bool:
        """Whether a name run is surely a name: two words or more, or a name the model or another
        title found. A lone capitalised word ("Masanja, the army spokesman", but also
        "Separately, the spokesman") is a name only if the document names the person in full."""
        return run[1] - run[0] >= 2 or self.overlaps_person(run[0], run[1]) or run[:2] in taken

    def _rank_then_name(self, i: int) -> bool:
        """A word that is both a head and a rank ("Commander", "Ambassador") directly before a name
        (not before more ranks: "Commander Air Chief Marshal Hadi Tjahjanto" is a role, then a rank)."""
        end = self.match(i, self.lex.ranks)
        run = self.name_run(end) if end > i else None
        if run is None:
            return False
        j = i - 1
        while j >= i - 2 and self.cap(j):
            j -= 1
        if (j >= 1 and self.toks[j].text == "," and self.name_word(j - 1) and run[1] - run[0] == 1
                and (run[1] >= len(self.toks) or self.toks[run[1]].text in (",", ".", ";"))):
            return False  # "Lt Gen Faiz Hameed, Corps Commander Peshawar, said": a place, not a second name
        return True

    def _verb_functions(self, taken: Sequence[tuple[int, int]]) -> list[tuple[Mention, NameRun]]:
        """A function given as a verb: in a relative clause, "NAME, who heads the mission's human
        rights division" → "head of the mission's human rights division"; "who commanded the
        force from 2007" → "commander of the force" (``function_verbs`` in the rule data); with the
        name (ranked or not, or "He"/"She") as the sentence's subject and the verb in the present,
        "Dlamini heads the South African aviation unit", "Lt Col X is leading the contingent" (a
        past "X led the patrol" tells an event, not a post); and a command taken, "X assumed
        command of UNIFIL", "X, who took over command of the company" → "commander of …". A lone
        surname is kept weak: a name only if the document gives it in full."""
        toks, lex = self.toks, self.lex
        out: list[tuple[Mention, NameRun]] = []
        for w in range(1, len(toks) - 2):
            start = w + 1  # where the verb's object starts
            if self.word(w) and toks[w].norm == "who" and toks[w - 1].text == ",":
                v = w + 1
                while self.word(v) and toks[v].norm in _VERB_AUXILIARIES:
                    v += 1
                subject, name_end, start = False, self.post_nominal_start(w - 2), v + 1
                if self._command_taken(v):
                    v = self._command_taken(v)
                    start = v + 2
            elif self.word(w) and toks[w].text.islower() and toks[w].norm in lex.function_verbs:
                k = w - 1
                while self.word(k) and toks[k].text.islower() and toks[k].norm in _SUBJECT_AUXILIARIES:
                    k -= 1
                progressive = toks[w].norm.endswith("ing") and k < w - 1 and toks[w - 1].norm in ("is", "been")
                if not (toks[w].norm.endswith("s") and k == w - 1 or progressive):
                    continue
                v, subject, name_end = w, True, k
            elif self.word(w) and toks[w].norm in _TAKE_VERBS and self._command_taken(w):
                v = self._command_taken(w)
                start = v + 2
                k = w - 1
                while self.word(k) and toks[k].text.islower() and toks[k].norm in _SUBJECT_AUXILIARIES:
                    k -= 1
                subject, name_end = True, k
            else:
                continue
            if not (self.name_word(name_end) or subject and self.word(name_end) and toks[name_end].text in PRONOUNS):
                continue
            found = self._function_object(v, start)
            if found is None or subject and self.word(start) and toks[start].norm in ("a", "an"):
                continue  # "Captain X commands a platoon of 30": what the job is like, not a post
            noun, q = found
            pronoun = toks[name_end].text in PRONOUNS
            run = (name_end, name_end + 1, ()) if pronoun else self.name_run_left(name_end)
            if run is None or subject and not self._starts_clause(self._capitals_start(run[0])):
                continue  # the subject form: the name (and its ranks) starts the sentence
            obj = self.text[toks[start].start:toks[q - 1].end]
            org = next((c for t in toks[start:q] if t.kind == "word" and (c := country_of(t.text) or mission_for(t.text))),
                       None)
            a, b = run[0], run[1]
            mention = Mention(name=self.text[toks[a].start:toks[b - 1].end], name_start=toks[a].start,
                              name_end=toks[b - 1].end, ev_start=toks[a].start, ev_end=toks[q - 1].end,
                              role=f"{noun} of {obj}", role_kind="title", org=org, head=(noun,), aliases=run[2])
            mention.weak = not self._sure_name(run, taken)
            if pronoun:
                mention.source, mention.weak = "pronoun", True  # "She commands the …": the person before
            out.append((mention, run))
        return out

    def _command_taken(self, v: int) -> int:
        """The token of "command" in "assumed / took (over) command of" starting at token ``v``, else 0."""
        toks = self.toks
        k = v
        if not (self.word(k) and toks[k].norm in _TAKE_VERBS):
            return 0
        k += 1
        if self.word(k) and toks[k].norm == "over":
            k += 1
        if self.word(k + 1) and toks[k].norm == "command" and toks[k + 1].norm == "of":
            return k
        return 0

    def _capitals_start(self, i: int) -> int:
        """The first of the capitalised words, particles, initials and hyphens that run up to token
        ``i`` ("Colonel Fatima Zahra El Idrissi", "Major General Hyun-woo Park")."""
        toks = self.toks
        j = i
        while j > 0 and (self.cap(j - 1) or toks[j - 1].kind == "hyph" or self.attached_dot(j - 1)
                         or self.word(j - 1) and toks[j - 1].norm in self.lex.particles
                         or self.word(j - 1) and toks[j - 1].text.islower() and j >= 2 and toks[j - 2].kind == "hyph"):
            j -= 1
        return j

    def rank_start(self, end: int) -> int:
        """Where the ranks and honorifics that end at token ``end`` begin ("from Major General Y")."""
        for start in range(max(0, end - 5), end):
            if self.cap(start) and self.rank_at(start)[0] == end:
                return start
        return end

    def _function_object(self, v: int, start: int = -1) -> tuple[str, int] | None:
        """The function noun of the verb at token ``v`` and where its object ends ("commands the
        Brazilian engineering company from" → ("commander", the token of "from")), when the object
        is a body ("the force", "the contingent"), not a task ("the patrol"). The object starts at
        token ``start`` (after the verb when not given: "command of UNIFIL" starts after "of")."""
        toks, lex = self.toks, self.lex
        o = v + 1 if start < 0 else start
        noun = lex.function_verbs.get(toks[v].norm) if self.word(v) and toks[v].text.islower() else None
        if noun is None or not (self.word(o) and toks[o].norm in DETERMINERS | {"a", "an"}
                                or self.cap(o) or o < len(toks) and toks[o].kind == "poss"):
            return None
        q = o
        while q < len(toks) and (toks[q].kind in ("word", "poss", "hyph")) and not (
                self.word(q) and toks[q].norm in _OBJECT_STOP and q > o):
            q += 1
        while q > o + 1 and self.word(q - 1) and (toks[q - 1].norm in self.lex.preps or toks[q - 1].norm in DETERMINERS):
            q -= 1  # "the Nepalese contingent of 850 troops": the object ends before "of"
        if q <= o + (toks[o].norm in DETERMINERS):
            return None
        if not any(t.kind == "word" and (t.norm in lex.org_words or t.norm in lex.military_words
                                         or t.text.isupper() and len(t.text) > 2) for t in toks[o:q]):
            return None  # a body ("the contingent", "UNIFIL"), not a task ("the patrol")
        return noun, q

    def _starts_clause(self, i: int) -> bool:
        """Whether token ``i`` starts the sentence or a clause (after a quote, a dash or a semicolon)."""
        j = i - 1
        while j >= 0 and self.toks[j].kind == "punct" and self.toks[j].text in '"“”\'‘’(':
            j -= 1
        return j < 0 or self.toks[j].text in (".", ";", "—", "–", ":")

    def _passive_functions(self, taken: Sequence[tuple[int, int]]) -> list[tuple[Mention, NameRun]]:
        """A post given by a passive verb: "The contingent is commanded by Lieutenant Colonel X",
        "The unit, which is led by Major Y", "The battalion, under the command of Lt Col Z" →
        "commander of the contingent" (``passive_function_verbs``).
        Only for a unit or organisation (not "the patrol, led by Captain Z") and only for a name with
        a rank or none: a name with its own function keeps it."""
        toks, lex = self.toks, self.lex
        out: list[tuple[Mention, NameRun]] = []
        for b in range(2, len(toks) - 1):
            if not (self.word(b) and toks[b].norm in ("by", "of") and self.word(b - 1)):
                continue
            noun: str | None
            if toks[b].norm == "of":
                # "The battalion, under the command of Lt Col X, ...": the same as "commanded by"
                if not (b >= 3 and toks[b - 1].norm == "command" and self.word(b - 2) and toks[b - 2].norm == "the"
                        and self.word(b - 3) and toks[b - 3].norm == "under"):
                    continue
                noun = "commander"
            else:
                noun = lex.passive_function_verbs.get(toks[b - 1].norm)
            if noun is None:
                continue
            q, _ = self.rank_at(b + 1)
            if q > b + 1 and self.match(b + 1, lex.heads) > b + 1 and not self._rank_then_name(b + 1):
                continue  # "led by Defence Minister X": a function of its own
            run = self.name_run(q)
            if run is None or not self._sure_name(run, taken) and q == b + 1:
                continue
            # the body commanded: the nearest unit or organisation word before the verb
            body = next((k for k in range(b - 2, max(-1, b - 12), -1)
                         if self.word(k) and toks[k].text.islower()
                         and (toks[k].norm in lex.org_words or toks[k].norm in lex.military_words)), None)
            if body is None or any(t.text in ".;" for t in toks[body:b]):
                continue
            if q == b + 1 and toks[b - 1].norm not in ("commanded", "command"):
                noun = "head"  # "The mission was led by Ellen Løj": a civilian heads it
            a, e = run[0], run[1]
            out.append((Mention(name=self.text[toks[a].start:toks[e - 1].end], name_start=toks[a].start,
                                name_end=toks[e - 1].end, ev_start=toks[body].start, ev_end=toks[e - 1].end,
                                role=f"{noun} of the {toks[body].text}", role_kind="title", head=(noun,),
                                aliases=run[2]), run))
        return out


PRONOUNS = frozenset({"He", "She"})  # a sentence's subject standing for the person named just before
# between "who" and a function verb: "who is also heading", "who has commanded"
_VERB_AUXILIARIES = frozenset({"also", "currently", "now", "later", "then", "still", "will", "would",
                               "is", "was", "has", "had", "been"})
# between a subject and its function verb: "X is leading", "X has been heading", "X formally assumed"
_SUBJECT_AUXILIARIES = frozenset({"is", "has", "had", "been", "was", "currently", "now", "also", "still", "will",
                                  "formally", "officially", "recently"})
# a command taken: "assumed command of", "took over command of"
_TAKE_VERBS = frozenset({"assumed", "assumes", "assume", "assuming", "took", "takes", "take", "taking", "taken"})
# where the object of a function verb ends: "who commanded the force from 2007 to 2009"
_OBJECT_STOP = frozenset({"from", "until", "till", "since", "between", "during", "in", "on", "at", "for", "and",
                          "when", "before", "after", "with", "to", "who", "which", "that", "as", "but"})
