"""References to a person made elsewhere than at the name: pronouns, titles standing for a name,
successions, and the author's bio that closes an op-ed.

The sentence reader (:mod:`peacefacts.nlp.people.sentence`) binds a title chain to a name in the
same sentence; what it cannot bind there it may hand to the document level through these
checks: "He is the acting head of mission" and "The minister of defence said" stand for the
person of the sentence before (resolved by :mod:`peacefacts.nlp.people.document`); "X took over
from Y as ROLE" gives the role to X, not to Y; "NAME is a lecturer at ..." closing a story is
its author, not one of its people.
"""

from __future__ import annotations

from peacefacts.nlp.people.chains import DETERMINERS, Chain
from peacefacts.nlp.people.tokens import NameRun
from peacefacts.nlp.people.verbs import PRONOUNS, VerbReader

__all__ = ["ReferenceReader"]


class ReferenceReader(VerbReader):
    """What a sentence says of a person named elsewhere (see the module docstring)."""

    def _definite_subject(self, chain: Chain) -> int | None:
        """The token of "The" when "The TITLE" is the subject that starts the sentence and a verb
        follows ("The minister of defence said ..."), else None."""
        toks = self.toks
        k, end = chain.org_start - 1, chain.role_end
        if not (k >= 0 and self.word(k) and toks[k].text == "The" and self._starts_clause(k)):
            return None
        if chain.org is not None and chain.org_start < chain.role_start or chain.kind != "head":
            return None  # "The mission's spokesperson": someone of the mission, not the person before
        if not (self.word(end) and toks[end].text.islower() and toks[end].norm in _SAYING):
            return None
        return k

    def _pronoun_before(self, chain: Chain) -> int | None:
        """The token of "He"/"She" that starts the sentence and is given the chain by a copula or
        an appointment ("He is the ...", "She has served as ...", "He was appointed ..."), else None."""
        toks, lex = self.toks, self.lex
        k = chain.org_start - 1
        while k >= 0 and self.word(k) and toks[k].norm in DETERMINERS:
            k -= 1
        cue = False
        while k >= 0 and self.word(k) and toks[k].text.islower() and toks[k].norm in lex.role_bridges:
            cue = cue or toks[k].norm in lex.role_cues
            k -= 1
        if not cue or not (self.word(k) and toks[k].text in PRONOUNS and self._starts_clause(k)):
            return None
        end = chain.role_end
        if end < len(toks) and toks[end].kind == "poss":
            return None  # "He is the commander's deputy"
        return k

    def _successor(self, run: NameRun) -> NameRun | None:
        """The new holder when the name before "as ROLE" is the one replaced: "X took over from
        Y as ROLE", "X succeeds Y as ROLE" (``succession_verbs``) → X; else None."""
        toks = self.toks
        k = run[0] - 1
        while k >= 0 and self.match(k, self.lex.ranks) == run[0]:
            k -= 1  # "from Major General Y"
        k = self.rank_start(k + 1) - 1
        if self.word(k) and toks[k].norm == "from" and self.word(k - 1) and toks[k - 1].norm == "over":
            k -= 2
        elif self.word(k) and toks[k].norm in self.lex.succession_verbs:
            k -= 1
        else:
            return None
        while k >= 0 and self.word(k) and toks[k].text.islower() and toks[k].norm in _SUCCESSION_AUXILIARIES:
            k -= 1
        if k >= 1 and toks[k].text == "," and self.word(k + 1) and toks[k + 1].norm == "who":
            k -= 1  # "X, who replaced Y as ROLE"
        return self.name_run_left(self.post_nominal_start(k)) if k >= 0 else None

    def is_bio(self) -> bool:
        """Whether the sentence reads as an author's bio: "NAME is a/an [words] NOUN ..." with a
        ``bio_nouns`` noun ("Kwesi Mensah is a research fellow at ..."). Whether it is one also
        depends on where it stands (the story's last sentence) and whether the story names the
        person elsewhere: the caller decides."""
        toks = self.toks
        run = self.name_run(0)
        if run is None or run[1] - run[0] < 2:
            return False
        k = self.post_nominal_end(run[1])
        if not (self.word(k) and toks[k].norm in ("is", "was") and self.word(k + 1) and toks[k + 1].norm in ("a", "an")):
            return False
        return any(self.word(j) and toks[j].norm in self.lex.bio_nouns for j in range(k + 2, min(k + 7, len(toks))))


# verbs after "The TITLE" that make it the subject of a statement about the person just named
_SAYING = frozenset({"said", "says", "told", "added", "noted", "stressed", "explained", "urged", "warned", "assured",
                     "announced", "thanked", "praised", "also", "further", "pointed", "emphasised", "emphasized"})
# between a new holder and "over from" / "succeeds": "X formally took over from Y", "X will succeed Y"
_SUCCESSION_AUXILIARIES = frozenset({"took", "takes", "take", "taking", "taken", "will", "has", "have", "had", "would",
                                     "formally", "officially", "is", "was", "to", "set", "who"})
