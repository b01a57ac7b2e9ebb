"""Which predicate a number's phrase carries: DEATH, INJURY or MISSING, or none.

The search goes outwards from the number: its own adjective ("four injured"), its own clauses
("161 Pakistanis who had made the ultimate sacrifice", "the 73 it has lost"), then the governing
words with their objects; a time clause hanging on the number ("risen to two after one of the
wounded died") is another event's and is skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from peacefacts.nlp.facts.vocabulary import Cues

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["predicate_of", "cue_kind"]



def cue_kind(tok: Token, cues: Cues) -> Optional[str]:
    """DEATH, INJURY or MISSING when a cue of that label covers ``tok``."""
    labels = cues.on(tok.i)
    for label in ("DEATH", "INJURY", "MISSING"):
        if label in labels:
            return label
    return None


_TIME_PREPS = frozenset({"after", "before", "since", "until", "following"})


def predicate_of(anchor: Token, cues: Cues) -> Optional[str]:
    """DEATH, INJURY, MISSING or None: the nearest such predicate of the number's phrase.

    The phrase's own clauses come first ("161 Pakistanis who had made the ultimate sacrifice",
    "29 killed in 2023"), then the governing words outwards, each with its objects ("lost their
    lives"), so "two killed and four others wounded" gives the four an injury; a clause subject
    that is itself a toll ("the death toll reached six") counts too.
    """
    doc = anchor.doc
    if anchor.like_num and anchor.i + 1 < len(doc) and doc[anchor.i + 1].pos_ in {"ADJ", "VERB"}:
        kind = cue_kind(doc[anchor.i + 1], cues)
        if kind:
            return kind  # "two … dead and four injured": a number's own adjective comes first
    for clause in anchor.children:
        if clause.dep_ == "relcl" and clause.lemma_.lower() == "lose" and not any(c.dep_ == "dobj" for c in clause.children):
            return "DEATH"  # "the 73 peacekeepers it has lost": the noun is what was lost
    if anchor.pos_ in {"NOUN", "PROPN"}:
        # "Of the 311 peacekeepers the mission lost between 2013 and …": a contact clause the parse
        # did not hang on the noun (its subject and "lost", nothing lost of its own)
        for tok in doc[anchor.i + 1 : anchor.i + 6]:
            if tok.lemma_.lower() == "lose" and tok.tag_ in {"VBD", "VBN"} and not any(c.dep_ in {"dobj", "attr"} for c in tok.children):
                between = doc[anchor.i + 1 : tok.i]
                if between and all(t.pos_ in {"DET", "NOUN", "PROPN", "PRON", "AUX"} for t in between) and any(
                    t.pos_ in {"NOUN", "PROPN", "PRON"} for t in between
                ):
                    return "DEATH"
                break
    # "risen to two after one of the wounded peacekeepers died": a time clause is another event's
    elsewhere = {t.i for c in anchor.children if c.dep_ == "prep" and c.lower_ in _TIME_PREPS for t in c.subtree}
    # "13,000 troops in the country, where an ambush killed two peacekeepers": a clause about a
    # place or a time the phrase names, not about what is counted
    elsewhere |= {
        t.i for c in anchor.subtree
        if c.dep_ == "relcl" and c.i != anchor.i and any(w.lower_ in {"where", "when"} for w in c.children) for t in c.subtree
    }
    for tok in sorted(anchor.subtree, key=lambda t: abs(t.i - anchor.i)):
        if tok.i != anchor.i and tok.i not in elsewhere:
            kind = cue_kind(tok, cues)
            if kind:
                return kind
    mine = {t.i for t in anchor.subtree}
    prev = anchor
    for anc in anchor.ancestors:
        leaving = prev.pos_ in {"VERB", "AUX"} and prev.dep_ in {"advcl", "conj", "ccomp", "parataxis"} and any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in prev.children
        ) and (prev.pos_ == "VERB" or any(c.dep_ in {"acomp", "attr", "xcomp", "oprd"} for c in prev.children))
        # (a clause with a subject and a predicate of its own: not "…, bringing the total to 4,300",
        # nor the ellipsis "Two … were killed and three were …")
        prev = anc
        if leaving and anc.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.i not in mine and anchor.i not in {t.i for t in c.subtree}
            and any(g.like_num for g in c.children) for c in anc.children
        ) and anchor.i not in {t.i for c in anc.children if c.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} for t in c.subtree} and not (
            anchor.dep_ == "conj" and anchor.head.i == anc.i and anchor.like_num  # gapped: "… died in Lebanon and 89 in UN service"
        ):
            break  # "…, the army has sent more than 50,000 …, 26 Chinese peacekeepers sacrificed their lives": the 26's verb
        kind = cue_kind(anc, cues)
        if kind == "MISSING" and any(c.dep_ == "conj" and cue_kind(c, cues) == "DEATH" for c in anc.children):
            return "DEATH"  # "were disarmed and murdered": what became of them last
        if kind:
            return kind
        if anc.lemma_.lower() == "lose" and anc.i in {anchor.head.i, anchor.head.head.head.i} and (
            anchor.dep_ in {"dobj", "nsubjpass"} or (anchor.dep_ == "pobj" and anchor.head.head.dep_ in {"dobj", "nsubjpass"})
        ):
            return "DEATH"  # "the mission has lost 180 peacekeepers", "has lost 60 of its soldiers"
        for child in anc.children:
            if child.dep_ == "relcl" and anc.pos_ in {"NOUN", "PROPN"} and anc.i != anchor.i and child.i not in {t.i for t in anchor.subtree}:
                # "the 4,200 peacekeepers who had died …, including 103 last year": the part's toll
                if any(cue_kind(t, cues) == "DEATH" for t in child.subtree):
                    return "DEATH"
            if child.dep_ in {"dobj", "prt", "attr", "acomp", "oprd"} or (child.dep_ == "prep" and cue_kind(child, cues) == "DEATH"):
                for tok in child.subtree:  # (a preposition that opens a death phrase: "came 53 Austrians around the life")
                    if tok.i in elsewhere:
                        continue
                    kind = cue_kind(tok, cues)
                    if kind:
                        return kind
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i != anchor.i and cue_kind(child, cues) == "DEATH":
                return "DEATH"  # "the death toll has risen to 15"
        if anc.pos_ in {"VERB", "AUX"} and anc.dep_ not in {"conj", "xcomp", "aux", "auxpass", "acl", "advcl", "pcomp", "prep"}:
            break
        if anc.pos_ in {"VERB", "AUX"} and anc.dep_ in {"advcl", "conj"} and any(
            t.text == ";" for t in doc[min(anc.i, anc.head.i) : max(anc.i, anc.head.i)]
        ):
            break  # "70,000 have served with UN missions; 88 never came home": another clause's toll
    return None
