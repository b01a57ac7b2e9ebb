"""Which metric a figure is: a chain of small named rules, the first that decides wins.

Each rule reads a :class:`~peacefacts.nlp.facts.reading.Reading` (and the sentence's
:class:`~peacefacts.nlp.facts.reading.SentenceContext`) and returns a :class:`Decision` (the
metric), a :class:`Veto` (the figure is not one of ours: a withdrawal, another force, the host
country's army, missing people) or ``None`` to pass. Vetoes come first. The chain is data
(:data:`METRIC_RULES`); a rule can be switched off by name (``Extractor(disabled_rules=...)``).

Why one module over 600 lines: the rules are read as one ordered chain, and their helpers
(pledge, peak and clause tests) are shared between rules; split across files the order of the
chain, which is what decides, would no longer be visible in one place.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Callable, Optional, Union

import attrs

from peacefacts import vocab
from peacefacts.nlp.facts.incident import is_incident
from peacefacts.nlp.facts.parse import (
    aux_words,
    country_of_tokens,
    hosts_peacekeepers,
    noun_class,
    reported_speaker,
    subject_phrase_country,
    verb_of,
    without_clauses,
)
from peacefacts.nlp.facts.reading import (
    LEVEL_OF_COUNT,
    PART_OF_THEM,
    PEACEKEEPING_CONTEXT,
    UN_WORDS,
    Reading,
    SentenceContext,
    carries_non_un,
    follows_service,
    follows_toll,
    names_the_un,
)
from peacefacts.nlp.facts.vocabulary import vocabulary
from peacefacts.nlp.lists import pledge_list_item
from peacefacts.nlp.plan import mission_at_place, mission_mentions
from peacefacts.nlp.story import country_mentions
from peacefacts.records import Category, Metric

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["Decision", "Veto", "MetricRule", "METRIC_RULES", "decide_metric", "is_incident", "at_peak"]


@attrs.frozen
class Decision:
    metric: Metric
    rule: str


@attrs.frozen
class Veto:
    rule: str


Outcome = Union[Decision, Veto]


@attrs.frozen
class MetricRule:
    """A named step of the metric chain."""

    name: str
    apply: Callable[[Reading, SentenceContext], Optional[Outcome]]


def _lemma(tok: object) -> str:
    return tok.lemma_.lower() if tok is not None else ""  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# vetoes


def veto_age(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"Steven Kambalame (38)", "Lieutenant Aubrey Kachemwe, 35, from Mzuzu": a person's age."""
    if r.noun is not None and r.how in {"nummod", "partitive"}:
        return None
    doc, i = ctx.sdoc, r.root.i
    if not 15 <= r.figure.figure.value <= 110 or i < 2:
        return None
    if doc[i - 1].lower_ in {"at", "aged"} and doc[i - 2].lemma_.lower() in {"die", "pass", "aged", "be"} | {"dies", "died"}:
        return Veto("age")  # "Ola Hansen, who led Norway's battalion in Lebanon, dies at 84", "died aged 91"
    if i >= 3 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ == "age" and doc[i - 3].lower_ in {"the", "an"}:
        return Veto("age")  # "died on Tuesday in Abidjan at the age of 67"
    if doc[i - 1].lower_ == "aged" or i + 1 >= len(doc):
        return Veto("age") if doc[i - 1].lower_ == "aged" else None  # "a veteran aged 78"
    before, after = doc[i - 1].text, doc[i + 1].text
    name = doc[i - 2]
    if ((before, after) == ("(", ")") or (before, after) == (",", ",")) and name.pos_ == "PROPN" and name.text[:1].isupper():
        if not vocab.country_for(name.text) and not vocab.mission(name.text):
            return Veto("age")
    if (before, after) == ("(", ")") and name.tag_ == "NN" and name.lower_ in vocabulary()["person_nouns"]:
        return Veto("age")  # "Soldier (24) from Co Donegal", "a peacekeeper (31)": one person's age
    return None


def veto_one_person(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"one West African officer who served in the north said": one person, told of as a person, is
    no head count; only a toll counts one ("one Irish soldier was killed")."""
    noun = r.noun
    if r.figure.figure.value != 1 or noun is None or r.predicate is not None or noun.tag_ != "NN" or noun.dep_ not in {"nsubj", "nsubjpass"}:
        return None  # (not what a country gives: "Jamaica contributed the minimum of one police officer")
    return Veto("one-person") if noun.lower_ in vocabulary()["person_nouns"] else None


def veto_displaced(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"Some 670,000 people remain internally displaced", "more than 375,000 Malians are displaced",
    "has some 2.3 million people displaced": the displaced and the refugees are no peacekeepers."""
    words = vocabulary()["displacement_words"]
    phrase = [*r.anchor.subtree]
    if r.verb is not None:
        phrase += [r.verb, *(t for c in r.verb.children if c.dep_ in {"acomp", "oprd", "attr", "xcomp", "advmod", "dobj"} for t in c.subtree)]
    others = _other_figures(r, ctx)
    return Veto("displaced") if any(t.lower_ in words and t.i not in others for t in phrase) else None


def veto_rate(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"one for roughly every 3,400 citizens", "3.2 peacekeepers per 10,000 inhabitants": both
    numbers of a per-capita rate (the ``RATE`` cues), which is no head count."""
    if any(span.start <= r.root.i < span.end for span in ctx.cues.spans.get("RATE", ())):
        return Veto("rate")
    return None


def veto_mission_part(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"311 Swedish personnel served in UN operations, of whom 254 in MINUSMA": a contributor's
    people in one mission, a split by mission (neutral by the conventions), not the mission's own
    strength nor the country's."""
    if r.how != "of-which" or r.noun_class != "personnel" or r.predicate is not None:
        return None
    after = ctx.text[r.figure.end - ctx.offset :]
    own = re.split(r"[,;.]|\s+and\s+(?=\d)", after, maxsplit=1)[0]  # not "… and 11 in UNTSO": the next part's
    named = {m for _, m in mission_mentions(own)}
    if not named and re.search(r"\b(?:mission|operation)\s+(?:in|to)\b", own, re.IGNORECASE):
        hosted = mission_at_place(own, ctx.base)  # "of which 858 are in the mission in the Republic of South Sudan"
        named = {hosted} if hosted else set()
    return Veto("mission-part") if len(named) == 1 else None


def veto_unit_size(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"a battalion of 850 soldiers", "a contingent of 140": the size of one unit, not a strength."""
    noun = r.noun if r.how in {"nummod", "partitive"} else r.root
    if noun is None:
        return None
    head = noun.head
    if head.lower_ != "of" or head.head.lower_ not in vocabulary()["units"] or head.head.i == noun.i:
        return None  # (the unit first: the pledge test below is the costly one)
    if _is_pledge(r, ctx):
        return None  # "will deploy an additional battalion of 650 soldiers": the pledge itself
    return Veto("unit-size")


def veto_echo(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"four (04) soldiers": the digits in brackets repeat the number before them."""
    before = ctx.text[: r.figure.num_start - ctx.offset].rstrip()
    if before.endswith("(") and ctx.sdoc[r.root.i - 2].like_num if r.root.i >= 2 else False:
        return Veto("echo")
    return None


def veto_repeat(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"the two army officers", "the 14 peacekeepers": a figure the story already gave, named again."""
    noun = r.noun
    if noun is None or r.how != "nummod" or r.figure.figure.value not in ctx.state.seen_values:
        return None
    det = [c for c in noun.children if c.dep_ in {"det", "poss"} and c.i < r.root.i]
    if det and det[0].lower_ in {"the", "these", "those", "their", "its"} and not any(
        c.dep_ in {"relcl", "acl"} for c in noun.children
    ):
        return Veto("repeat")
    return None

_EXCEPT_PREPS = frozenset({"besides", "beyond", "unlike", "except", "apart", "addition", "outside", "including"})


def _own_conjunct(r: Reading, ctx: SentenceContext) -> set[int]:
    """The figure and the words after it up to the next conjunction or punctuation (at most eight):
    "300 with UN missions" in "300 with UN missions and 800 in NATO's battlegroup"."""
    own = {r.root.i}
    i = r.root.i + 1
    while i < len(ctx.sdoc) and i - r.root.i <= 8:
        tok = ctx.sdoc[i]
        if (tok.is_punct and tok.text not in {"-", "/"}) or tok.lower_ in {"and", "or", "but", "while", "whereas"}:
            break
        own.add(i)
        i += 1
    return own


#: nouns that stand for a figure just given ("…, a number set to grow to 2,200")
_ECHO_NOUNS = frozenset({"number", "figure", "total", "strength", "contingent"})


_OTHER_BODIES = r"(?:AU|EU|NATO|OSCE|ECOWAS|SADC|African\s+Union|European\s+Union)"
_UN_NAME = r"(?:UN|U\.N\.|United\s+Nations)"
#: a list joining two names: "and", "or", a comma ("of the UN, NATO and the EU")
_LIST_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?"
#: a count across UN and other organisations' operations ("in UN and AU missions", "under the
#: mandates of the UN and the EU", "in 17 operations of the UN, NATO and the EU", "…, including
#: those of NATO in Kosovo")
_MIXED_SCOPE = re.compile(
    rf"\b{_UN_NAME}{_LIST_JOIN}{_OTHER_BODIES}\b|\b{_OTHER_BODIES}{_LIST_JOIN}{_UN_NAME}\b"
    rf"|\bincluding\s+(?:those|missions|operations)\s+(?:of|led\s+by)\s+(?:the\s+)?{_OTHER_BODIES}\b"
)
_OTHER_BODY = re.compile(rf"\b{_OTHER_BODIES}\b")


def veto_mixed_scope(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """A figure that counts UN and other organisations' operations together ("deployed 30,000
    soldiers in UN and AU missions"; "312 members: in four UN missions with 271 members and in two
    missions of the European Union with 41") is no UN figure; its UN part, where given, is."""
    if ctx.missions_here:
        return None  # "The UN and the AU jointly ran UNAMID, which had 20,000 troops": a UN mission's
    own_tokens = [ctx.sdoc[i] for i in sorted(_own_conjunct(r, ctx))]
    own = " ".join(t.text for t in own_tokens)
    span = (own_tokens[0].idx - ctx.sdoc[0].idx, own_tokens[-1].idx + len(own_tokens[-1].text) - ctx.sdoc[0].idx)
    mixed = _MIXED_SCOPE.search(ctx.text)
    if mixed is not None and mixed.start() < span[1] and span[0] < mixed.end():
        return Veto("mixed-scope")  # "30,000 soldiers in UN and AU missions"
    if names_the_un(own) or _OTHER_BODY.search(own):
        return None  # "in four UN missions with 271 members": the UN part
    if mixed is not None:
        return Veto("mixed-scope")
    colon = ctx.text.find(":", r.figure.end - ctx.offset)
    after = ctx.text[colon + 1 :] if colon != -1 else ""
    if after and names_the_un(after) and _OTHER_BODY.search(after) and not names_the_un(ctx.text[: r.figure.start - ctx.offset]):
        return Veto("mixed-scope")  # a whole split after a colon into UN and other parts
    return None


def _other_figures(r: Reading, ctx: SentenceContext) -> set[int]:
    """The tokens of the sentence's other figures' phrases (a figure and its counted noun's
    subtree), leaving out any that holds this figure."""
    out: set[int] = set()
    for tok in ctx.sdoc:
        if tok.like_num and tok.i != r.root.i and tok.i in ctx.figure_tokens:
            counted = tok.head if tok.dep_ == "nummod" else tok
            phrase = {t.i for t in counted.subtree}
            if r.root.i not in phrase:
                out |= phrase
                clause = counted.head
                if counted.dep_ in {"nsubj", "nsubjpass"} and clause.pos_ in {"VERB", "AUX"} and r.root.i not in {t.i for t in clause.subtree}:
                    # "…, while another 170 serve with the MFO in the Sinai, which is not a UN operation": the other figure's whole clause
                    out |= {t.i for t in clause.subtree}
    return out


def veto_non_un(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """KFOR, EUFOR, the African Union, bilateral or Russian deployments: not UN figures."""
    others = _other_figures(r, ctx)
    for aside in ctx.cues.spans.get("OUTSIDE_UN", ()):
        semicolon = next((t.i for t in ctx.sdoc[min(aside.start, r.root.i) : max(aside.end, r.root.i)] if t.text == ";"), None)
        if semicolon is not None and any(
            (t.i > semicolon) == (aside.start > semicolon) for t in ctx.sdoc if t.i in ctx.figure_tokens and t.i != r.root.i
        ):
            continue  # "Honduras has 12 officers in UN missions; the 5,000 agents … have nothing to do with the UN": the other figure's
        # "Apart from the PKO, the SDF dispatches 2 members to the MFO …": the figures of what the
        # disclaimer is attached to (the whole clause, or one noun: "not counting its 3,000
        # soldiers outside the UN"), but not those inside it ("Apart from its 5,000 UN peacekeepers")
        head = aside.root.head
        if head.dep_ in {"relcl", "acl"} and head.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            head = head.head  # "instructors, estimated at about 1,500, who are not part of the UN force"
        inside = {t.i for t in aside.root.subtree} | set(range(aside.start, aside.end))
        if r.root.i in {t.i for t in head.subtree} - inside:
            return Veto("non-un-force")
        copula = next((a for a in [aside.root, *aside.root.ancestors] if a.lemma_.lower() == "be"), None)
        if copula is not None and copula.dep_ not in {"relcl", "acl", "advcl", "ccomp"} and any(
            c.dep_ in {"nsubj", "nsubjpass"} and r.root.i in {t.i for t in c.subtree} for c in copula.children
        ):
            return Veto("non-un-force")  # "The 1998 deployment of 2,000 troops … was … not a United Nations mission"
        clause = next((a for a in [aside.root, *aside.root.ancestors] if a.dep_ == "relcl"), None)
        # (not the force of another figure: "517 in UN missions, and another 170 with the MFO, which is not a UN mission")
        if clause is not None and r.verb is not None and clause.head.i in {t.i for t in r.verb.subtree} - others and r.root.i not in inside:
            return Veto("non-un-force")  # "2,000 Chadian troops serve in a regional force that does not report to the UN"
    spans = ctx.cues.spans.get("NON_UN", ())
    if r.how == "of-which" and spans and not names_the_un(ctx.text) and not ctx.missions_here:
        # "The G5 Sahel Joint Force counts about 5,000 men, of whom 650 are Burkinabè": a part of
        # the force the sentence counts
        cut = re.search(r",\s*(?:of|out\s+of|among)\s+(?:whom|which|them|these)\b", ctx.text)
        if cut is not None and cut.start() < r.figure.start - ctx.offset and any(
            span.end_char <= cut.start() for span in spans
        ):
            return Veto("non-un-force")
    if not names_the_un(ctx.text) and not ctx.missions_here:
        # "the operation Koundjoaré mobilises 4,000 soldiers", but not "UNIFIL, where France deploys
        # 700 soldiers under Operation Daman" (a nation's name for its share of a UN force)
        spans = (*spans, *ctx.cues.spans.get("NAMED_OPERATION", ()))
    if not spans:
        return Veto("non-un-force") if carries_non_un(ctx) else None
    own = _own_conjunct(r, ctx)
    own_text = " ".join(ctx.sdoc[i].text for i in sorted(own))
    if (names_the_un(own_text) or mission_mentions(own_text)) and not any(any(t.i in own for t in span) for span in spans):
        return None  # "… of whom about 420 are with UN missions and the remainder with EU and NATO-led operations"
    anchor = r.anchor
    near: set[int] = set()
    for step in (-1, 1):  # a few words on each side of the number, not across punctuation
        i = r.root.i + step
        while 0 <= i < len(ctx.sdoc) and abs(i - r.root.i) <= (3 if step < 0 else 8) and not (
            ctx.sdoc[i].is_punct and ctx.sdoc[i].text not in {"-", "/"}
        ):
            near.add(i)
            i += step
    phrase = {t.i for t in anchor.subtree} | near
    verb = r.verb
    if verb is not None:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                phrase |= {t.i for t in child.subtree}
            if child.dep_ in {"prep", "dative"} and child.lower_ not in _EXCEPT_PREPS:
                phrase |= {t.i for t in child.subtree}
        clause = verb
        while clause.dep_ in {"xcomp", "ccomp"} and clause.head.pos_ in {"VERB", "AUX"} and clause.head.i != clause.i:
            controlled = clause.dep_ == "xcomp"
            clause = clause.head  # "the ECOWAS Standby Force, which ECOWAS leaders want to expand to 5,000"
            if controlled:  # "The Kenyan-led force … is expected to reach 2,500": the subject it shares
                phrase |= {t.i for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
        if clause.dep_ in {"relcl", "acl"}:
            phrase |= {t.i for t in clause.head.subtree}
            echoed = clause.head
            if echoed.lower_ in _ECHO_NOUNS and echoed.dep_ in {"npadvmod", "appos"} and echoed.head.pos_ in {"VERB", "AUX"}:
                # "… leads NATO's brigade with 1,000 troops, a number set to grow to 2,200": the
                # number the clause before gave, and its force
                phrase |= {t.i for t in echoed.head.subtree}
        if r.root.head.lower_ == "with" and r.root.head.head.i == verb.i or (
            anchor.head.lower_ == "with" and anchor.head.dep_ == "prep" and anchor.head.head.i == verb.i
        ):
            # "Canada leads NATO's brigade in Latvia with about 1,000 troops": the size of what it leads
            phrase |= {t.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree}
        relative = next((t for t in ctx.sdoc if t.i in phrase and t.lower_ in {"which", "whom", "where"} and t.i < r.root.i), None)
        if relative is not None:
            # "…, a non-UN mission to Haiti, for which Kenya has offered 1,000 police": the words
            # the relative pronoun refers back to, up to the verb before them
            i = relative.i - 1
            while i >= 0 and relative.i - i <= 12 and ctx.sdoc[i].pos_ not in {"VERB", "AUX"}:
                phrase.add(i)
                i -= 1
    phrase -= others  # "810 serving on 12 missions, including 408 personnel in the Eufor mission"
    for span in spans:
        colon = next((t.i for t in ctx.sdoc[span.end : r.root.i] if t.text == ":"), None)
        if colon is not None and not names_the_un(ctx.sdoc[colon + 1 :].text):
            return Veto("non-un-force")  # "… sends personnel to non-UN observer groups: …, which numbered 1,160"
        if any(t.i in phrase for t in span):
            # "the African Union/UN hybrid operation in Darfur (UNAMID)" is the UN's
            if not ctx.missions_here or (span.root.head.i in phrase or span.root.i in {a.i for a in anchor.ancestors}) and (
                "UNAMID" not in ctx.missions_here
            ):
                return Veto("non-un-force")  # (the force the figure's phrase hangs on: "the EU battlegroup with 2,000")
    return None


def veto_missing(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """Missing, abducted or unaccounted for: neither killed nor injured."""
    return Veto("missing") if r.predicate == "MISSING" else None


def _partitive_whole(r: Reading) -> bool:
    """Whether the figure is the whole of a partitive ("2,000 of MONUSCO's 13,500 troops"): what the
    clause says happens to the part does not happen to it."""
    noun = r.noun
    return noun is not None and r.how == "nummod" and noun.head.lower_ == "of" and noun.head.head.like_num


def _is_place(tok: Token) -> bool:
    """A country, mission or mission's place as an object ("will leave Mali", "leave MINUSMA")."""
    words = " ".join(t.text for t in tok.subtree)
    return bool(vocab.country_for(words, demonyms=False) or vocab.mission_for(words) or vocab.place_mentions(words))


def _departing(verb: Token) -> bool:
    """"are due to leave", "will leave Mali": people going home from a mission ("leave for Juba to
    join UNMISS" is going out to one)."""
    holders = [verb] + [c for c in verb.children if c.dep_ == "acomp"]
    for holder in holders:
        for clause in [holder] + [c for c in holder.children if c.dep_ == "xcomp"]:
            if _lemma(clause) in vocabulary()["departure_lemmas"] and not any(
                c.dep_ == "prep" and (c.lower_ == "for" or c.lower_ == "with" and any(t.like_num for t in c.subtree))
                or c.dep_ in {"oprd", "acomp", "dobj", "ccomp"} and not _is_place(c)
                for c in clause.children
            ):
                return True  # not "left two peacekeepers dead", "leaves the Bundeswehr with 500 soldiers"
    return False


#: a time adverbial that places the figure after an event ("Since the withdrawal of the engineers,
#: only four officers have remained", "After the drawdown, 200 troops remain"): not the figure's own
_AFTER_EVENT = frozenset({"since", "after", "following"})


def veto_withdrawal(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """Withdrawals, cuts, repatriation, authorised ceilings and troops going home."""
    if r.predicate == "DEATH" and (any(
        "DEATH" in ctx.cues.on(t.i) and t.pos_ in {"VERB", "AUX"} for t in [*([r.verb] if r.verb is not None else []), *r.anchor.subtree]
    ) or (r.verb is not None and _lemma(r.verb) == "lose")):
        # "88 never came home", "36 soldiers returned home in coffins", "the 40 peacekeepers who
        # never came back": a toll, not a return
        return None
    node = verb_of(r.anchor)
    for _ in range(3):
        if node is None:
            break
        if _lemma(node) in vocabulary()["veto_lemmas"]:
            return Veto("withdrawal")
        if node.dep_ not in {"xcomp", "conj", "aux", "auxpass", "acl", "pcomp"}:
            break  # "It is recalled that Senegal deploys 2,100": a statement's verb is not the figure's
        if node.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            break  # "Japan withdrew its unit in 2017, and now only 4 staff officers are dispatched": a clause of its own
        node = verb_of(node)
    if r.verb is not None and _departing(r.verb) and not _partitive_whole(r):
        return Veto("withdrawal")  # "the first 2,000 … are due to leave by the end of April"
    phrase = {t.i for t in r.anchor.subtree}
    if r.verb is not None:
        # not a clause inside those ("… had some 13,000 uniformed personnel in July, when it began its
        # withdrawal": the withdrawal came after the figure)
        phrase |= {r.verb.i}.union(*(without_clauses(c, _RELATIVE_CLAUSES) for c in r.verb.children if c.dep_ in {"prt", "advmod", "prep"}))
    first = r.anchor
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "Its authorized strength is 13,289 military personnel and 1,920 police": the whole coordination's
    for held in {r.anchor, first}:
        if held.head.i != held.i:
            phrase |= {t.i for t in held.head.subtree if abs(t.i - held.i) < 8}
    if r.anchor.head.lower_ == "of" and r.anchor.head.head.i != r.anchor.head.i:
        phrase.add(r.anchor.head.head.i)  # "Repatriation of the 400 troops"
    if r.verb is not None:
        phrase -= {t.i for c in r.verb.children if c.dep_ == "prep" and c.lower_ in _AFTER_EVENT for t in c.subtree}
    if any(any(t.i in phrase for t in span) for span in ctx.cues.spans.get("WITHDRAW", ())):
        return Veto("withdrawal")
    return None


def veto_at_home(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"the Armed Forces deployed 3,000 effectives against the forest fires", "6,800 military on
    the national territory", "deployed 60,000 troops across the country": a force at home, in a
    sentence that names no UN word, mission or mission place."""
    if r.noun_class != "personnel" or r.predicate is not None or not ctx.cues.has("AT_HOME"):
        return None
    said = ctx.text
    for aside in ctx.cues.spans.get("OUTSIDE_UN", ()):
        # the UN words of a disclaimer ("a domestic role that has nothing to do with the blue
        # helmets") say the figure is not the UN's
        said = said[: aside.start_char] + " " * (aside.end_char - aside.start_char) + said[aside.end_char :]
    if UN_WORDS.search(said) or ctx.missions_here or mission_at_place(ctx.places_text, ctx.base):
        return None
    if ctx.plan.missions and _THE_MISSION.match(said):
        return None  # "The Mission, which has some 18,500 troops and police across the country": a mission named before
    return Veto("at-home")


_THE_MISSION = re.compile(r"\W*the\s+(?:mission|operation)\b", re.IGNORECASE)


def veto_recruits(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"2,500 recruits had completed basic training", "4,700 recruits passed out", "120 new women
    recruits would join the force": people joining a national force, not peacekeepers (unless the
    sentence is about UN service)."""
    if r.noun is None or r.noun.lower_ not in vocabulary()["recruit_nouns"] or UN_WORDS.search(ctx.text):
        return None
    return Veto("recruits")


def veto_training(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"The centre trains around 12,000 personnel … every year": people trained, not deployed."""
    verb = r.verb
    prepared = verb is not None and _lemma(verb) == "prepare" and (
        (r.anchor.dep_ == "dobj" and r.anchor.head.i == verb.i)
        # "prepares each year around 1,500 soldiers": the parse may read the hedge as a preposition
        or (r.anchor.dep_ == "pobj" and r.anchor.head.lower_ in {"around", "about", "over", "some"} and r.anchor.head.head.i == verb.i)
    )
    if verb is None or (_lemma(verb) not in vocabulary()["training_lemmas"] and not prepared) or r.how not in {"nummod", "partitive"}:
        return None  # ("the training centre prepares each year around 1,500 soldiers": not "prepares to send")
    service = vocabulary()["personnel_verbs"] | vocabulary()["pledge_lemmas"]
    if any(_lemma(c) in service for c in verb.conjuncts):
        return None  # "has trained and deployed 8,800 peacekeepers"
    return Veto("training")


def veto_not_deployed(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"1,200 soldiers are on standby", "300 officers awaiting deployment", "trained but not yet
    deployed": ready, not serving. A pledge of them stays one ("offered to place a battalion of
    700 on standby")."""
    if r.noun_class != "personnel" or not _cue_near("NOT_DEPLOYED", r, ctx) or _pledge_verb(r):
        return None
    return Veto("not-deployed")


def _pledge_verb(r: Reading) -> bool:
    """Whether a pledge verb governs the figure ("offered to place … on standby"); a future or
    "to be" alone does not ("are yet to be deployed")."""
    lex = vocabulary()
    return any(
        tok.pos_ in {"VERB", "AUX"} and (_lemma(tok) in lex["pledge_lemmas"] or tok.lower_ in {"pledged", "committed"})
        for tok in r.anchor.ancestors
    )


def _host_force(tok: Token, ctx: SentenceContext) -> bool:
    """"the Malian army", "Lebanon's army", "The Central African armed forces", "South Sudan
    People's Defence Forces": the own forces of a country a peacekeeping force serves in."""
    if tok.lower_ not in vocabulary()["national_forces"]:
        return False
    phrase = " ".join(t.text for t in tok.subtree if t.i <= tok.i)
    return any(hosts_peacekeepers(country, ctx.base) for *_, country in country_mentions(phrase))


def _host_force_clause(r: Reading, ctx: SentenceContext) -> bool:
    """Whether the figure's clause, or the statement it is reported in, has a host country's own
    force as its subject ("The Lebanese army has lost 45 soldiers", "The Malian army said 17 of its
    soldiers were killed"). Peacekeepers reported by that force stay ("… said two peacekeepers died")."""
    noun = r.noun
    if noun is not None and any(
        t.lower_.startswith(("peacekeep", "u.n")) or t.lower_ in {"un", "blue", "helmets", "berets"} for t in noun.subtree
    ):
        return False
    node, steps = r.verb, 0
    while node is not None and steps < 3:
        steps += 1
        for child in node.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i != r.root.i and (noun is None or child.i != noun.i):
                speaker = reported_speaker(node) if child.lower_ in {"it", "they"} else None
                return _host_force(speaker if speaker is not None else child, ctx)  # "The Lebanese army says it will deploy 6,000"
        if node.head.i == node.i:
            break
        node = node.head if node.head.pos_ in {"VERB", "AUX"} else verb_of(node)
    return False


_OTHER_CLAUSES = frozenset({"advcl", "conj", "ccomp", "parataxis", "relcl"})


def _national_force_subject(r: Reading, ctx: SentenceContext) -> bool:
    """"Its army has 1.4 million soldiers", "The Lebanese army has deployed 10,000 troops to the
    south": a national force's own strength, in a sentence with no UN word, mission or mission place."""
    verb = r.verb
    ceiling = vocabulary().country_maxima.get(Metric.PERSONNEL_DEPLOYED.value)
    over_a_period = any(d.role in {"range", "since"} for d in ctx.dates)  # "Between 2004 and 2017, Brazil sent 37,449"
    if ceiling is not None and r.figure.figure.value > ceiling and not r.cumulative and r.tense != "perfect" and not over_a_period:
        if verb is not None:
            other = {t.i for c in verb.children if c.dep_ in _OTHER_CLAUSES for t in c.subtree}
            words = [t for t in verb.subtree if t.i not in other]
            owner = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        else:  # "…; the Malian army itself numbers about 40,000" (the tagger read "numbers" as a noun)
            start = max((t.i for t in ctx.sdoc[: r.root.i] if t.text in {";", ":"}), default=-1) + 1
            words = list(ctx.sdoc[start : r.root.i + 1])
            owner = next((t for t in words if t.lower_ in vocabulary()["national_forces"]), None)
        clause = " ".join(t.text for t in words)
        if owner is not None and (owner.i == r.anchor.i or r.anchor.i in {c.i for c in owner.conjuncts}):
            owner = None  # "some 76,000 military, police and civilian personnel serve": the counted people, not a force
        if owner is not None and not UN_WORDS.search(clause) and not mission_mentions(clause) and (
            subject_phrase_country(owner) or owner.lower_ in vocabulary()["national_forces"]
        ):
            # "Turkey keeps about 35,000 soldiers in northern Cyprus, while UNFICYP has 800", "the Malian
            # army itself numbers about 40,000": more than any country ever had serving with the UN
            return True
    if UN_WORDS.search(ctx.text) or ctx.missions_here or mission_at_place(ctx.places_text, ctx.base):
        return False
    if verb is None:
        # "Azerbaijan's army numbers some 64,000 active personnel" (the tagger read "numbers" as a
        # noun); not a word of a kind of personnel ("Military experts on mission: 1,993")
        return any(
            t.lower_ in vocabulary()["national_forces"] and t.pos_ != "ADJ" and t.dep_ != "amod" for t in ctx.sdoc[: r.root.i]
        )
    force = next((
        c for c in verb.children
        if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in vocabulary()["national_forces"] and c.i != (r.noun.i if r.noun is not None else -1)
    ), None)
    speaker = reported_speaker(verb) if force is None else None
    if speaker is not None and speaker.lower_ in vocabulary()["national_forces"]:
        force = speaker  # "The army said it has 90,000 soldiers": the pronoun is the speaker
    if force is None or (_lemma(verb) in vocabulary()["reporting_verbs"] and r.anchor.dep_ not in {"dobj", "ccomp"}):
        return False  # (not "Women number 146 of them, the army said": the army is the source)
    if _lemma(verb) in vocabulary()["personnel_verbs"] - {"have", "number", "count", "total", "stand", "comprise", "boast", "maintain", "keep"}:
        # "The Bangladesh Army has sent 1,49,512 members since 1988": sending abroad is peacekeeping,
        # unless the army is the host's ("The Lebanese army has deployed 10,000 soldiers to the south")
        country = country_of_tokens(force.subtree)
        return bool(country and hosts_peacekeepers(country, ctx.base))
    return True


_STRENGTH_NOUNS = frozenset({"strength", "size", "numbers", "establishment", "headcount"})
_HOLDING_VERBS = frozenset({"have", "number", "count", "total", "stand", "comprise", "boast", "maintain", "keep", "be", "reach"})


_RESIZE_VERBS = frozenset({"grow", "expand", "increase", "raise", "boost", "enlarge", "cut", "reduce", "shrink", "trim", "bring"})


def _national_strength(r: Reading) -> bool:
    """"The Defence Forces' strength stood at 7,550", "Fiji's military has a total strength of 3,500,
    of whom 500 serve with the UN", "Uruguay's army, with 16,000 soldiers, keeps 1,100 of them in UN
    missions", "Rwanda's defence force of 33,000": a national force's own size, told in words of its
    own that say nothing of the UN (the UN words of another figure's clause do not make it one)."""
    if r.predicate is not None or r.cumulative or r.tense == "perfect" or r.noun_class != "personnel":
        return False  # (not its missions: "Sweden's armed forces … are now present in only three")
    owner: Optional[Token] = None
    scope: Optional[Token] = None
    noun = r.noun
    if r.how == "unit-of" and noun is not None and noun.lower_ not in _STRENGTH_NOUNS:
        owner, scope = noun, noun  # "Rwanda's defence force of 33,000"
    elif r.anchor.head.lower_ == "to" and r.anchor.head.head.pos_ == "VERB" and _lemma(r.anchor.head.head) in _RESIZE_VERBS:
        resized = r.anchor.head.head  # "plans to grow the Defence Forces to 11,500 personnel", "the army will be cut to 9,000"
        owner = next((c for c in resized.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        scope = resized
    elif noun is not None and noun.head.lower_ == "with" and noun.head.head.pos_ in {"NOUN", "PROPN"}:
        owner, scope = noun.head.head, noun.head  # "Uruguay's army, with 16,000 soldiers, …"
        if owner.head.lower_ == "of" and owner.dep_ == "pobj":
            owner = owner.head.head  # "the Armed Forces of the Philippines, with some 143,000 active personnel"
    else:
        holder = verb_of(noun) if r.how == "unit-of" and noun is not None else r.verb  # "… has a total strength of 3,500"
        if holder is not None and _lemma(holder) in _HOLDING_VERBS:
            owner, scope = next((c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}), None), holder
            if owner is not None and owner.lower_ in {"which", "that", "who"} and holder.dep_ == "relcl":
                before = owner.nbor(-1) if owner.i > 0 else owner
                before = before.nbor(-1) if before.is_punct and before.i > 0 else before
                # "the Malaysian Armed Forces, which has about 113,000 active personnel"; the word
                # before the pronoun when the parser hangs the clause higher ("a sixth of an Army that
                # today has some 16,000 members")
                owner = before if not _is_national_force(holder.head) and _is_national_force(before) else holder.head
        elif holder is None:  # "Senegal's army numbers 17,000 troops" (the tagger read "numbers" as a noun)
            owner = next((t for t in r.root.sent[: r.root.i - r.root.sent.start] if t.dep_ == "nsubj"), None)
            scope = r.anchor
        if owner is not None and owner.lower_ in _STRENGTH_NOUNS:
            owner = next((c for c in owner.children if c.dep_ == "poss"), None) or next(
                (o for c in owner.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"), None
            )  # "The Defence Forces' strength", "The strength of the Permanent Defence Force stands at 8,446"
    if owner is None or scope is None or not _is_national_force(owner):
        return False
    own = without_clauses(scope, _ASIDE_CLAUSES)
    words = " ".join(t.text for t in scope.subtree if t.i in own)
    return not UN_WORDS.search(words) and not mission_mentions(words)


_ASIDE_CLAUSES = frozenset({"relcl", "acl", "advcl", "conj", "ccomp", "parataxis"})
_RELATIVE_CLAUSES = frozenset({"relcl", "advcl", "acl"})


def _is_national_force(tok: Token) -> bool:
    """"the army", "Fiji's military", "the Defence Forces", "Rwanda's defence force", "the Bundeswehr"."""
    lex = vocabulary()
    if tok.lower_ in lex["national_forces"] or tok.lower_ in lex["national_force_names"]:
        return not any(c.lower_ in lex["international_force_modifiers"] for c in tok.children if c.dep_ in {"amod", "compound"})
    return tok.lower_ == "force" and any(c.lower_ in lex["national_force_modifiers"] for c in tok.children if c.dep_ in {"amod", "compound"})


def veto_national_strength(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """A national force's own size, in a clause that says nothing of the UN (see
    :func:`_national_strength`), or in the words that say so whatever the clause
    ("its 11,000-strong army", "an army of about 3,500", "whose army numbers 1,60,000": the
    ``FORCE_SIZE`` cues; not "a 900-strong army contingent", a unit of it)."""
    for span in ctx.cues.spans.get("FORCE_SIZE", ()):
        if span.start <= r.root.i < span.end:
            after = ctx.sdoc[span.end] if span.end < len(ctx.sdoc) else None
            named_unit = span[-1].lower_ not in {"of", "strong"} and after is not None and after.pos_ == "NOUN"
            if not named_unit:
                return Veto("national-force")
    return Veto("national-force") if _national_strength(r) else None


def _where_a_national_force_is(r: Reading, ctx: SentenceContext) -> bool:
    """Whether the toll is told in a "where" clause of the place a national force is deployed in
    ("The army also has about 60,000 troops in the deep South, where a roadside bomb killed two
    rangers"), in a sentence that names no UN word or mission."""
    verb = r.verb
    if verb is None or verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return False
    if UN_WORDS.search(ctx.text) or ctx.missions_here:
        return False
    holder = verb_of(verb.head)
    return holder is not None and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in vocabulary()["national_forces"] for c in holder.children
    )


def _killed_by_disaster(r: Reading) -> bool:
    """Whether the figure's death verb has an epidemic, a natural disaster or war's leftovers as
    its killer ("the epidemic that killed 10,000 Haitians", "floods killed 300 Somalis",
    "landmines have killed or injured 64,900 Cambodians")."""
    verb = r.verb
    if verb is None:
        return False
    causes = vocabulary()["civilian_death_causes"]
    if verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "landmines have killed or injured 64,900 Cambodians": the first verb's subject
    killers = [c for c in verb.children if c.dep_ == "nsubj"]
    killers += [a for c in verb.children if c.dep_ == "agent" for a in c.children if a.dep_ == "pobj"]
    if verb.dep_ == "relcl" and any(k.lower_ in {"that", "which"} for k in killers):
        killers.append(verb.head)
    return any(k.lower_ in causes or any(c.dep_ in {"compound", "amod"} and c.lower_ in causes for c in k.children) for k in killers)


def veto_not_peacekeepers(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """Civilians, rebels, and the host country's own soldiers are never peacekeepers."""
    noun = r.noun
    if noun is None:
        return None
    if noun.lower_ in vocabulary()["not_peacekeepers"]:
        return Veto("not-peacekeepers")
    if noun.lower_ in {"sons", "daughters"} and any(c.dep_ == "poss" and c.lower_ in {"her", "his", "my"} for c in noun.children):
        return Veto("not-peacekeepers")  # "her two daughters were waiting" (not "Ghana's sons and daughters serving abroad")
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in {"former", "retired", "ex", "veteran"} for c in noun.children):
        return Veto("former")  # "Around 300 former peacekeepers marched in the parade"
    if r.predicate is None and _national_force_subject(r, ctx):
        return Veto("national-force")
    if r.predicate in {"DEATH", "INJURY"} and _where_a_national_force_is(r, ctx):
        return Veto("national-force")  # "The army has 60,000 troops in the deep South, where a bomb killed two rangers"
    if r.predicate in {"DEATH", "INJURY"} and vocab.is_demonym(noun.text) and _killed_by_disaster(r):
        return Veto("disaster")  # "a cholera epidemic that killed more than 10,000 Haitians": a people, not peacekeepers
    if _host_force_clause(r, ctx):
        return Veto("host-army")
    if r.predicate in {"DEATH", "INJURY"} and r.category is Category.TROOPS and "peacekeep" not in noun.lower_:
        demonym = next(
            (vocab.country_for(c.text) for c in noun.children if c.dep_ in {"amod", "compound", "nmod"} and vocab.country_for(c.text)),
            None,
        )
        if demonym is not None and demonym in _incident_hosts(ctx):
            # "five Congolese soldiers were also killed": the army of the country the attack was in
            if not any(t.lower_.startswith(("peacekeep", "u.n", "un")) or t.lower_ in {"blue", "helmets", "berets"} for t in noun.subtree):
                return Veto("host-army")
        beside_peacekeepers = any(c.lower_ in vocabulary()["peacekeeper_nouns"] for c in noun.conjuncts)
        unsaid = not UN_WORDS.search(ctx.text) and not ctx.missions_here
        if demonym is not None and hosts_peacekeepers(demonym, ctx.base) and (unsaid or beside_peacekeepers):
            # "Over 400 Malian soldiers were killed in 2019 in attacks by jihadists", "Five Congolese
            # soldiers and two Indian peacekeepers were killed": the host country's own army
            return Veto("host-army")
    return None




#: a toll told as one of service, not of an event ("Two servicemen lost their lives while on duty")
_ON_DUTY = re.compile(r"\b(?:on|in\s+the\s+line\s+of)\s+duty\b|\bin\s+(?:the\s+)?service\b|\bwhile\s+serving\b|\bon\s+(?:such\s+)?missions?\b", re.IGNORECASE)


def veto_home_toll(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"The army said 12 soldiers were killed when Boko Haram attacked a base in Borno", "Seven
    soldiers were killed in an avalanche": a contributor's army hit at home, not its peacekeepers.
    A toll of soldiers (not of peacekeepers) is ours only where something ties it to the UN: a UN
    word or a mission in the sentence, a mission's place, the story's UN incident, or the toll of
    the sentence before it."""
    if r.predicate not in {"DEATH", "INJURY"} or r.noun is None or r.category is not Category.TROOPS:
        return None
    year_toll = any(d.value is not None and d.value.month is None for d in ctx.dates) and not is_incident(r, ctx)
    if r.cumulative or r.tense != "past" or year_toll:
        return None  # "86 Irish soldiers have died in service overseas", "Nepal lost seven soldiers last year": tolls of service
    if r.noun.lower_ in vocabulary()["peacekeeper_nouns"]:
        return None
    if UN_WORDS.search(ctx.text) or ctx.missions_here or mission_at_place(ctx.places_text, ctx.base):
        return None
    if (ctx.plan.incident is not None and ctx.plan.incident.mission) or follows_toll(ctx):
        return None
    earlier = _mission_earlier_in_paragraph(ctx)
    if (earlier and not _named_elsewhere(ctx, earlier)) or (
        follows_service(ctx) and _ON_DUTY.search(ctx.text) and not ctx.dates and not is_incident(r, ctx)
    ):
        # "… of the UN operation in Somalia (UNOSOM II) joined the rescue. One Malaysian soldier was
        # killed"; "… has deployed 20,000 peacekeepers to 15 UN missions. Two servicemen lost their lives"
        return None
    return Veto("home-toll")


def _mission_earlier_in_paragraph(ctx: SentenceContext) -> Optional[str]:
    """The last mission named before the sentence in its paragraph."""
    paragraph_start = ctx.full_text.rfind("\n", ctx.plan.block.start, ctx.offset) + 1
    return next((m for pos, m in reversed(ctx.plan.mission_positions) if paragraph_start <= pos < ctx.offset), None)


def _named_elsewhere(ctx: SentenceContext, acronym: str) -> bool:
    """Whether the sentence names a country (not a demonym) where ``acronym`` does not serve ("Chad
    has 1,400 troops with MINUSMA. Ten soldiers were killed near Lake Chad": at home)."""
    mission = vocab.mission(acronym)
    hosts = {c for c in (vocab.country_for(p, demonyms=False) for p in mission.places) if c} if mission is not None else set()
    return any(c not in hosts for _s, _e, surface, c in country_mentions(ctx.text) if not vocab.is_demonym(surface))


def _incident_hosts(ctx: SentenceContext) -> set[str]:
    """Countries hosting the missions of this sentence or of the story's incident."""
    missions = set(ctx.missions_here)
    if ctx.plan.incident is not None and ctx.plan.incident.mission:
        missions.add(ctx.plan.incident.mission)
    here = mission_at_place(ctx.places_text, ctx.base)
    if here:
        missions.add(here)
    hosts: set[str] = set()
    for acronym in missions:
        mission = vocab.mission(acronym)
        if mission is not None:
            hosts.update(c for c in (vocab.country_for(p, demonyms=False) for p in mission.places) if c)
    return hosts


def veto_hypothetical(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"If Ireland were to send another 500 troops, …", "Had the UN deployed 5,000 more troops in
    1994, …": a counterfactual condition counts nobody (a real condition on a pledge, "will send
    1,000 if the UN asks", leaves the pledge in the main clause)."""
    node: Optional[Token] = r.verb
    while node is not None:
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        auxes = {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
        if "if" in marks and (auxes & {"had", "were", "would"} or any(
            c.lower_ == "were" for c in node.children if c.dep_ == "aux" or c.lower_ == "to"
        ) or node.lower_ == "were"):
            return Veto("hypothetical")
        if auxes & {"would", "could", "might"} and "have" in auxes:
            return Veto("hypothetical")  # "… 2,000 peacekeepers would have been deployed"
        if node.dep_ == "advcl" and "had" in auxes and node.i > 0 and ctx.sdoc[0].lower_ == "had":
            return Veto("hypothetical")  # "Had the UN deployed …, …": the inverted condition
        if node.dep_ in {"ROOT"} or node.head.i == node.i:
            break
        node = node.head
    return None


def veto_severity(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"four wounded, one gravely": how badly some of them were hurt, not another toll."""
    if r.noun is not None and r.how in {"nummod", "partitive"}:
        return None
    nxt = ctx.sdoc[r.root.i + 1 : r.root.i + 3]
    if len(nxt) > 1 and nxt[0].lower_ == "of" and nxt[1].lower_ in {"them", "whom", "those"}:
        nxt = ctx.sdoc[r.root.i + 3 : r.root.i + 4]
    if len(nxt) and nxt[0].lower_ in {"gravely", "seriously", "critically", "badly", "severely", "slightly", "lightly"}:
        return Veto("severity")
    return None


#: words that name peacekeepers themselves, not merely the UN as a source ("the UN says …")
_PEACEKEEPERS_NAMED = re.compile(
    r"peacekeep|peace keep|blue helmet|blue beret|blue flag|(?:UN|U\.N\.|United Nations) flag|\bmission|\bduty\b|\bservice\b|"
    r"\bserving\b|deploy|\btroops?\b|\bsoldiers?\b|\bpersonnel\b|contingent|battalion|\bjawans?\b",
    re.IGNORECASE,
)


#: the UN as the source of a figure ("the UN says at least 3,000 people were killed")
_UN_AS_SOURCE = re.compile(
    r"\b(?:UN|U\.N\.|United Nations)(?:\s+[A-Za-z]+){0,3}?\s+(?:says?|said|reports?|reported|estimates?|estimated|counts?|counted)\b"
)


def veto_unnamed_victims(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"… and 400,000 died in the civil war": a toll that names no victims is ours only where the
    sentence is about peacekeeping or a toll, or follows a story's toll ("Two more were killed")."""
    bare_toll = r.how == "toll-noun" and r.noun is not None and r.noun.lower_ in {"dead", "injured", "wounded"}
    if not bare_toll and (r.how not in {"death-subject", "injury-subject"} or r.noun is not None):
        return None  # ("Rains leave 12 dead and 3,400 affected in Piura": "dead" is no one in particular)
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in {"them", "whom", "these", "those"} for g in c.children)
           for c in r.root.children):
        return None  # "The Ministry says 120 of them have died": the people the story was counting
    lex = vocabulary()
    if _names_other_victims(ctx) and not _PEACEKEEPERS_NAMED.search(ctx.text):
        return Veto("unnamed-victims")  # "3,000 people were killed … and 500,000 displaced"
    if PEACEKEEPING_CONTEXT.search(ctx.text) or ctx.missions_here or any(t.lower_ in lex["toll_words"] for t in ctx.sdoc):
        return None
    if any(t.pos_ == "VERB" and _lemma(t) in lex["service_verbs"] for t in ctx.sdoc):
        return None  # "… have served under the blue flag, and more than 4,200 have lost their lives"
    last = ctx.state.last_metric
    if last is not None and last.is_casualty and not _names_other_victims(ctx):
        return None
    if last is Metric.PERSONNEL_SERVED_TOTAL and r.tense == "perfect" and not _names_other_victims(ctx):
        return None  # "… 70,000 Irish peacekeepers have served with the UN. 88 have made the ultimate sacrifice": of those
    if r.verb is not None and _lemma(r.verb) in {"come", "return", "make"} and "DEATH" in ctx.cues.on(r.verb.i):
        return None  # "Thirty-two never returned to their families": who went abroad and died there
    return Veto("unnamed-victims")


def _peacekeepers_a_part(ctx: SentenceContext) -> bool:
    """Whether the sentence counts peacekeepers as a part of a wider toll ("…, including a Ghanaian
    peacekeeper", "among them three Tanzanian blue helmets")."""
    for tok in ctx.sdoc:
        if tok.lower_ in {"including", "among", "incl"} and tok.i > 0 and any(
            t.lower_ in vocabulary()["peacekeeper_nouns"] for t in ctx.sdoc[tok.i + 1 : tok.i + 7]
        ):
            return True
    return False


def _in_blue(verb: Optional[Token]) -> bool:
    """"have worn the blue helmet", "donned the blue beret": service told by the uniform."""
    return verb is not None and _lemma(verb) in {"wear", "don", "put"} and any(
        o.lower_ in {"helmet", "helmets", "beret", "berets"} for o in verb.children if o.dep_ == "dobj"
    )


def _names_other_victims(ctx: SentenceContext) -> bool:
    """Whether the sentence counts people who are not peacekeepers ("displaced 2 million people")."""
    others = vocabulary()["not_peacekeepers"] | {"people", "persons", "population"}
    return any(t.lower_ in others for t in ctx.sdoc)


def _doing_duty(verb: Optional[Token], ctx: SentenceContext) -> bool:
    """"91 Vietnamese officers and staff doing duty at the missions", "performing service in UN
    operations": duty or service done where peacekeepers serve."""
    if verb is None or _lemma(verb) not in {"do", "perform", "carry"}:
        return False
    if not any(c.dep_ == "dobj" and c.lower_ in {"duty", "duties", "service"} for c in verb.children):
        return False
    words = " ".join(t.text for t in verb.subtree)
    return bool(UN_WORDS.search(words) or mission_mentions(words) or re.search(r"\bmissions?\b", words, re.IGNORECASE))


def _placed_in_service(verb: Optional[Token], ctx: SentenceContext) -> bool:
    """"are on UN duty", "are working at UN missions", "remain with UNMISS": a placing verb whose
    preposition's object is a mission or UN service (not a place: "people were at the UN base")."""
    lex = vocabulary()
    if verb is None or _lemma(verb) not in lex["placing_verbs"] or verb.tag_ not in {"VBP", "VBZ", "VBG"}:
        return False  # present strength, not a story's narrative ("five officers were with the patrol")
    if verb.tag_ == "VBG" and not any(a.lower_ in {"are", "is", "'re"} for a in verb.children if a.dep_ == "aux"):
        return False
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"on", "in", "with", "at", "under", "for"}:
            continue
        for obj in (t for t in prep.children if t.dep_ == "pobj"):
            phrase = " ".join(t.text for t in obj.subtree)
            if vocab.mission_for(obj.text) or noun_class(obj) == "mission" and UN_WORDS.search(phrase):
                return True
            if obj.lower_ in lex["service_places"] and UN_WORDS.search(phrase):
                return True  # "on UN duty", "under the UN flag"
    return False


_POPULATION_OF = re.compile(
    r"\b(?:nation|country|population|city|town|state|island|people)\s+of\s+(?:(?:under|over|about|nearly|some|around|almost|"
    r"just|roughly|more\s+than|less\s+than|fewer\s+than)\s+){0,2}(?:a\s+|an\s+)?$",
    re.IGNORECASE,
)


#: bodies whose members are a membership, not a force ("the association's 9,000 members")
_MEMBERSHIP_BODIES = frozenset({
    "association", "club", "union", "federation", "party", "league", "society", "network", "foundation", "organisation",
    "organization", "chapter", "branch", "guild", "council", "committee", "parliament", "assembly", "senate",
})


#: who the people were, said after them ("killed 15 people, all of them Tanzanian peacekeepers")
_ALL_OF_THEM = re.compile(
    r"\s*[,(—–-]\s*(?:all|both|each|every\s+one|most)\b(?:\s+of\s+them)?[^.;,)]{0,40}?"
    r"(?:peacekeep|blue\s+helmet|soldiers?|troops|personnel|\w+\s+mission)",
    re.IGNORECASE,
)


def veto_generic_people(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"officials", "people", "members": a head count only with a peacekeeping predicate."""
    noun = r.noun
    if noun is None or r.how not in {"nummod", "partitive"} or noun.lower_ not in vocabulary()["generic_person"]:
        return None
    if noun.head.lower_ == "of" and noun.head.head.lower_ in vocabulary()["country"] | {"population", "city", "town", "area"}:
        return Veto("generic-people")  # "a country of fewer than one million people"
    if _POPULATION_OF.search(ctx.text[: r.figure.num_start - ctx.offset]):
        return Veto("generic-people")  # "a nation of under a million people"
    if _is_pledge(r, ctx):
        return None  # "Another 120 members will leave next week"
    if noun.dep_ == "conj" and noun.head.lower_ in vocabulary()["not_peacekeepers"]:
        return Veto("generic-people")  # "30 civilians and 12 people"
    if noun.lower_ in {"members", "member"} and r.verb is not None and any(
        c.dep_ in {"nsubj", "nsubjpass", "poss"} and c.lemma_.lower() in _MEMBERSHIP_BODIES for c in [*r.verb.children, *noun.children]
    ):
        return Veto("generic-people")  # "Our association has about 9,000 members": a body's membership
    if r.predicate in {"DEATH", "INJURY"}:
        # "the UN says at least 3,000 people were killed in the fighting": a UN source is no UN toll
        own_people = any(c.dep_ == "poss" for c in noun.children) or any(
            c.dep_ == "poss" for p in noun.children if p.dep_ == "prep" for o in p.children for c in o.children
        ) or (noun.head.lower_ == "of" and any(c.dep_ == "poss" for c in noun.children))
        earlier = _mission_earlier_in_paragraph(ctx) if own_people else None
        in_mission = earlier is not None and not _named_elsewhere(ctx, earlier)
        # ("… after the UN mission in Mali, MINUSMA, closed. In Mali, two of its members were killed")
        if (not PEACEKEEPING_CONTEXT.search(ctx.text) and not in_mission) or (
            _UN_AS_SOURCE.search(ctx.text) and not _PEACEKEEPERS_NAMED.search(ctx.text)
        ):
            return Veto("generic-people")
        if (
            noun.lower_ in vocabulary()["anyone_nouns"] and noun.dep_ == "dobj" and r.verb is not None
            and any(c.dep_ == "nsubj" for c in r.verb.children) and not _PEACEKEEPERS_NAMED.search(" ".join(t.text for t in noun.subtree))
            and not _ALL_OF_THEM.match(ctx.text, noun.idx + len(noun.text) - ctx.sdoc[0].idx)
        ):
            # "as a genocide killed some 800,000 people", "militias killed 8,000 men and boys": who
            # an attacker killed is anyone, unless the words of the victims say peacekeepers
            return Veto("generic-people")
        if noun.lower_ in {"people", "persons", "others"} and _peacekeepers_a_part(ctx) and any(
            t.lower_ in {"people", "persons", "civilians"} for t in ctx.sdoc
        ):
            # "killed at least 52 people, including a Ghanaian peacekeeper, and wounded 64 others":
            # everyone hit, of whom the peacekeepers are counted on their own
            return Veto("generic-people")
        return None
    if noun.lower_ == "women" and any(c.lower_ in {"peacekeepers", "personnel", "officers"} for c in noun.subtree):
        return None
    if noun.lower_ == "women" and any(
        c.dep_ == "prep" and c.lower_ in {"among", "of"} and any(g.lower_ in {"them", "these", "those"} for g in c.children)
        for c in noun.children
    ):
        return None  # "… 400 peacekeepers deployed. Among them, 28 women.": a part of the count before
    if noun.lower_ == "women" and PART_OF_THEM.match(ctx.text):
        return None  # "… the 476 personnel currently serving with UN missions. Among them are 38 women."
    if r.category is Category.WOMEN and PEACEKEEPING_CONTEXT.search(ctx.text):
        return None  # "Women make up 14 per cent of Zambia's contingent, or about 130 officers"
    if any(any(t.i in {x.i for x in noun.subtree} for t in span) and span.text.lower().startswith("from") for span in ctx.cues.spans.get("UN_WIDE", ())):
        return None  # "more than 115,000 individuals from 123 nations"
    service = vocabulary()["personnel_verbs"] | vocabulary()["pledge_lemmas"] | {"station", "rotate", "return", "arrive", "remain", "stay"}
    if any(c.dep_ in {"acl", "relcl"} and _lemma(c) in service for c in noun.children):
        return None
    if _placed_in_service(r.verb, ctx) or _in_blue(r.verb) or _doing_duty(r.verb, ctx):
        return None
    if LEVEL_OF_COUNT.search(ctx.text[: r.figure.start - ctx.offset]):
        return None  # "Sweden's contribution to UN peacekeeping drops to 37 people"
    if any(c.dep_ in {"compound", "amod", "nmod"} and c.lower_ in vocabulary()["post_modifiers"] for c in noun.children):
        return None  # "11 staff officers", "140 FPU members"
    if any(c.dep_ == "compound" and c.lower_ == "police" for c in noun.children) and r.current and PEACEKEEPING_CONTEXT.search(ctx.text):
        return None  # "… in UN operations now number 1,052, made up of 364 troops, 623 police officers and …"
    node = r.verb
    for _ in range(4):
        if node is None:
            break
        if _lemma(node) in service or (_lemma(node) == "take" and any(c.lower_ == "part" for c in node.children)):
            return None  # (and "283 members … take part in four UN peacekeeping operations")
        if node.head.i == node.i:
            break
        node = verb_of(node)
    return Veto("generic-people")


# ---------------------------------------------------------------------------------------------
# deaths and injuries


def death_toll(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """A death predicate: one incident's toll or a total (all-time, or within one year)."""
    if r.predicate != "DEATH" or r.noun_class != "personnel":
        return None
    if is_incident(r, ctx):
        return Decision(Metric.FATALITIES_INCIDENT, "death.incident")
    return Decision(Metric.FATALITIES_TOTAL, "death.total")


def injury_toll(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """An injury predicate: injuries (in one attack, or all told)."""
    if r.predicate != "INJURY" or r.noun_class != "personnel":
        return None
    return Decision(Metric.INJURIES_TOTAL, "injury")


# ---------------------------------------------------------------------------------------------
# pledges and plans


def in_pledge_list(ctx: SentenceContext) -> bool:
    """Whether the sentence is an item of a list of pledges ("Pledges announced at the ministerial:"
    / "Bangladesh: one infantry battalion of 850 troops …")."""
    return pledge_list_item(ctx.full_text, ctx.candidate.sentence.start, vocabulary()["pledge_frame_words"]) is not None


def _target(r: Reading, ctx: SentenceContext) -> bool:
    """"to raise the number of its women peacekeepers to 500 by 2024" (published 2021): what a
    count is to rise to by a later date is a target."""
    root = r.root
    if root.dep_ != "pobj" or root.head.lower_ != "to" or _lemma(root.head.head) not in vocabulary()["target_lemmas"]:
        return False
    base = ctx.base
    return base is not None and any(
        d.value is not None and d.text.lower().startswith("by") and d.value.first_day > base.last_day for d in ctx.dates
    )


def _ready_to(tok: Token) -> bool:
    """"ready to provide", "prepared to deploy": a readiness word with its infinitive."""
    ready = vocabulary()["readiness_words"]
    return (tok.lower_ in ready or tok.lemma_.lower() in ready) and any(c.dep_ == "xcomp" for c in tok.children)


def _own_sentence_before_semicolon(verb: Token) -> bool:
    """Whether a finite verb with its own subject is a clause the parse hung, across a semicolon,
    on the clause after it: what follows the semicolon does not set its tense."""
    head = verb.head
    if head.i == verb.i or head.i < verb.i or not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children):
        return False
    return any(t.text == ";" for t in verb.doc[verb.i + 1 : head.i])


def _is_pledge(r: Reading, ctx: SentenceContext) -> bool:
    lex = vocabulary()
    if r.tense == "future":
        return True
    if _serving_now(r):
        return False  # "The offer comes on top of the roughly 180 German soldiers currently serving in UN missions"
    if in_pledge_list(ctx) or _target(r, ctx):
        return True
    path = [r.anchor, *r.anchor.ancestors]
    for came_from, tok in itertools.pairwise(path):
        if tok.pos_ in {"VERB", "AUX"} and came_from.dep_ in {"nsubj", "nsubjpass"} and came_from.i != r.anchor.i:
            return False  # "Morocco, the largest contributor with some 1,700 blue helmets, offered a company": the subject's own count
        if tok.pos_ in {"VERB", "AUX"}:
            if _lemma(tok) == "commit" and r.cumulative and r.tense in {"perfect", "past"}:
                return False  # "has committed 80,000 troops since 1960": all who served, not a pledge
            if _lemma(tok) in lex["pledge_lemmas"] or tok.lower_ in {"pledged", "committed", "planned", "targeted"}:
                return True
            if aux_words(tok) & lex["future_aux"]:
                return True
            if _ready_to(tok) or any(_ready_to(c) for c in tok.children):
                return True  # "is prepared to deploy an additional 250 personnel"
            if any(c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.lower_ in lex["pledge_nouns"] for c in tok.children):
                return True
            if tok.dep_ == "relcl" and tok.tag_ in {"VBZ", "VBP", "VBD"}:
                return False  # "will serve with UNMISS, which has about 17,000 peacekeepers": the clause's own tense
            if tok.tag_ in {"VBZ", "VBP", "VBD"} and _own_sentence_before_semicolon(tok):
                return False  # "The UN runs 12 operations with 70,000 personnel; when MINUSMA closes there will be 11"
        if tok.lower_ in lex["pledge_nouns"] or any(
            c.dep_ in {"amod", "compound"} and c.lower_ in lex["pledge_nouns"] for c in tok.children
        ):
            return True  # "its standby force of 8,000 troops"
        if _ready_to(tok):
            return True  # "ready to provide 5,000 troops" (not "was prepared for the 300 troops")
    return False


def _serving_now(r: Reading) -> bool:
    """Whether the counted noun has a participle of service said of now ("180 soldiers currently
    serving in UN missions", "the 2,300 troops now deployed"): who is there, whatever is offered
    around them."""
    noun = r.noun
    if noun is None:
        return False
    lex = vocabulary()
    return any(
        c.dep_ in {"acl", "relcl"} and c.tag_ in {"VBG", "VBN"} and _lemma(c) in lex["personnel_verbs"]
        and any(a.dep_ == "advmod" and a.lower_ in lex["now_words"] for a in c.children)
        for c in noun.children
    )


def pledge(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """Future tense, a pledge verb or noun, "to send", "ready to provide": a forward-looking figure."""
    if r.noun_class != "personnel" or not _is_pledge(r, ctx):
        return None
    if r.root.dep_ == "pobj" and r.root.head.lower_ == "from":
        return None  # the baseline of "from 2,867 to 4,000"
    if _partitive_whole(r):
        return None  # "the first 2,000 of MONUSCO's 13,500 troops are due to leave": the whole is there now
    return Decision(Metric.PERSONNEL_PLEDGED, "pledge")


# ---------------------------------------------------------------------------------------------
# missions and countries


def _owned_missions(r: Reading) -> bool:
    """"the pledges would help it fill gaps … in its 12 peacekeeping operations": a possessed count
    of missions that no service verb governs is the missions there are, whatever the tense."""
    noun = r.noun
    if noun is None or r.how != "nummod" or not any(c.dep_ == "poss" for c in noun.children):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ in {"for", "to", "in", "across", "among"}:
        return True  # "pledged troops and training for the United Nations' 11 peacekeeping operations": where they go
    lex = vocabulary()
    verb = verb_of(noun)
    return verb is not None and _lemma(verb) not in lex["personnel_verbs"] | lex["pledge_lemmas"] | lex["target_lemmas"]


#: "has participated in a total of 19 operations": a perfect tense that counts everything so far
_TOTAL_SO_FAR = re.compile(r"\ba\s+total\s+of\s+\Z", re.IGNORECASE)


def missions(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """Missions served in: current, or all told."""
    if r.noun_class != "mission":
        return None
    if r.noun is not None and any(c.dep_ == "amod" and c.lower_ in {"other", "further", "additional", "more"} for c in r.noun.children):
        return Veto("missions.part")  # "in UNMISS, UNISFA and five other missions": a part of a count never given
    if r.how == "participle" and r.current:
        return Decision(Metric.MISSIONS_CURRENT, "missions.participle")  # "… missions, now totalling 16" in a pledge
    if r.tense == "future" or _is_pledge(r, ctx):
        if _owned_missions(r):
            return Decision(Metric.MISSIONS_CURRENT, "missions.owned")
        return Veto("missions.pledge")
    if r.how == "in-operation":
        return Decision(Metric.MISSIONS_CURRENT, "missions.in-operation")
    if r.how == "label" and not r.cumulative and r.tense == "none":
        return Decision(Metric.MISSIONS_CURRENT, "missions.label")  # a fact sheet's "Number of peacekeeping operations: 16"
    noun = r.noun
    if noun is not None and any(c.lower_ in {"current", "ongoing", "active", "existing"} for c in noun.children):
        return Decision(Metric.MISSIONS_CURRENT, "missions.current")
    if r.tense == "perfect" and _TOTAL_SO_FAR.search(ctx.text[max(0, r.figure.start - ctx.offset - 16) : r.figure.start - ctx.offset]):
        return Decision(Metric.MISSIONS_SERVED_TOTAL, "missions.total")  # "has participated in a total of 19 … until today"
    if r.current and not r.cumulative:
        return Decision(Metric.MISSIONS_CURRENT, "missions.current")
    if not r.cumulative and _point_dated(r, ctx) and not _all_sent_by_then(r):
        return Decision(Metric.MISSIONS_CURRENT, "missions.dated")  # "By the end of 2020, … in six missions"
    verb = r.verb
    if not r.cumulative and verb is not None and verb.tag_ == "VBG" and any(
        a.dep_ == "aux" and a.lower_ in {"was", "were", "are", "is", "'re"} for a in verb.children
    ):
        return Decision(Metric.MISSIONS_CURRENT, "missions.progressive")  # "were serving in nine missions last month"
    if not r.cumulative and r.tense == "none" and verb is not None and (verb.tag_ in {"VBP", "VBZ"} or (
        verb.tag_ == "VB" and verb.dep_ == "ROOT" and not any(c.dep_ in {"aux", "auxpass", "mark"} for c in verb.children)
    )):
        return Decision(Metric.MISSIONS_CURRENT, "missions.present")  # "…, 2,600 in total, serve in six operations"
    if not r.cumulative and verb is not None and verb.tag_ in {"VBN", "VBD"} and verb.dep_ in {"acl", "ccomp"}:
        holder = verb.head if verb.dep_ == "ccomp" else verb_of(verb.head)
        if holder is not None and holder.tag_ in {"VBZ", "VBP"} and _lemma(holder) in {"have", "keep", "maintain", "be"}:
            # "has 42 observers deployed in six missions", "is the largest contributor, with 6,100
            # troops deployed across 10 missions"
            return Decision(Metric.MISSIONS_CURRENT, "missions.present")
    if r.cumulative or r.tense in {"perfect", "past"}:
        return Decision(Metric.MISSIONS_SERVED_TOTAL, "missions.total")
    if r.tense == "present":
        return Decision(Metric.MISSIONS_CURRENT, "missions.present")
    return Decision(Metric.MISSIONS_SERVED_TOTAL, "missions.total")


def countries(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"served in more than 30 countries": countries served in, all told."""
    if r.noun_class != "country":
        return None
    noun = r.noun
    prep = noun.head.lower_ if noun is not None else ""
    if prep not in {"in", "to", "across"}:
        return Veto("countries.not-served")  # "from 120 countries": contributors, not a figure
    if r.current and not r.cumulative:
        return Veto("countries.current")
    if not (r.cumulative or r.tense in {"perfect", "past"}):
        return Veto("countries.not-served")
    return Decision(Metric.COUNTRIES_SERVED_TOTAL, "countries")


# ---------------------------------------------------------------------------------------------
# personnel: strength now, or all who ever served


def baseline(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """The earlier strength in "up to 4,000 from 2,867 in 2014"."""
    if r.noun_class == "personnel" and r.root.dep_ == "pobj" and r.root.head.lower_ == "from" and r.root.head.head.pos_ in {"VERB", "NOUN", "ADV", "ADP"}:
        counted = [noun_class(t.head) for t in ctx.sdoc[: r.root.head.i] if t.like_num and t.head.pos_ == "NOUN"]
        if counted and counted[-1] == "country" and "personnel" not in counted:
            return Veto("baseline.of-countries")  # "120 countries now contribute …, up from 80 in 2000"
        after = ctx.text[r.figure.end - ctx.offset :]
        dated = any(d.start >= r.figure.end - ctx.offset and d.value is not None and d.role in {"as_of", "range"} and d.start - (r.figure.end - ctx.offset) <= 12 for d in ctx.dates)
        if dated:
            return Decision(Metric.PERSONNEL_DEPLOYED, "baseline")
        if not after.strip() or after.lstrip()[:1] in {".", ",", ";"} or "earlier" in after[:30] or "ago" in after[:30]:
            return Veto("baseline.undated")  # "down from 2,500 a decade earlier": no date to give it
    return None


def _cue_near(label: str, r: Reading, ctx: SentenceContext) -> bool:
    """Whether a cue of ``label`` is in the figure's phrase, its clause (not another clause's, nor
    another figure's phrase) or the sentence's leading adverbial ("At its peak, …")."""
    spans = ctx.cues.spans.get(label, ())
    if not spans:
        return False
    phrase = {t.i for t in r.anchor.subtree}
    near = set(phrase)
    head = r.finite or r.verb
    if head is not None:
        near |= {t.i for t in head.subtree}
        for tok in head.subtree:  # not another clause's cue ("Ethiopia, whose contribution peaked …, deploys 2,000")
            if tok.i == head.i or tok.i in phrase or tok.pos_ not in {"VERB", "AUX"}:
                continue
            if tok.dep_ in {"relcl", "acl", "advcl", "ccomp", "conj"} and r.root.i not in {t.i for t in tok.subtree}:
                if tok.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
                    continue  # "have been trained but not yet deployed": the same subject's clause
                near -= {t.i for t in tok.subtree}
    others = {t.i for t in ctx.sdoc if t.like_num and t.i in ctx.figure_tokens and t.i != r.root.i}
    for i in others:  # nor another figure's phrase ("1,000 troops on standby and 2,260 deployed")
        other = ctx.sdoc[i].head if ctx.sdoc[i].dep_ == "nummod" else ctx.sdoc[i]
        sub = {t.i for t in other.subtree} - {t.i for c in other.children if c.dep_ == "conj" for t in c.subtree}
        if r.root.i not in sub:
            near -= sub
    root = next((t for t in ctx.sdoc if t.dep_ == "ROOT"), None)
    for span in spans:
        governed = {t.i for t in span.root.subtree}
        if governed & others and r.root.i not in governed:
            continue  # "… 400 troops, down from a peak of 1,100": the other figure's cue
        if any(t.i in near for t in span) or (root is not None and span.end <= root.i and span.start == 0):
            return True
    return False


def at_peak(r: Reading, ctx: SentenceContext) -> bool:
    """Whether the figure is a peak ("its highest ever", "At its peak, …", "peaked at")."""
    return _cue_near("PEAK", r, ctx)


def _dated(ctx: SentenceContext, points_only: bool = False) -> bool:
    """Whether the sentence holds a date a peak can take ("in 2010", "At its peak in 2018,"), or
    with ``points_only``, one that is not the start of a period ("its largest since 2000")."""
    roles = {"as_of"} if points_only else {"as_of", "range"}
    return ctx.lead.as_of is not None or any(
        d.value is not None and d.role in roles and d.text.lower() not in vocabulary()["now_words"] for d in ctx.dates
    )


def peak(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"In 2007, Uruguay had 2,583 personnel deployed, its highest ever": a peak is the strength at
    one date (dated by the sentence), not a running total, nor today's strength when the sentence
    does not say when it was ("Bangladesh, which at its height deployed 10,000": no fact). A
    record in the present tense is today's strength ("has 2,100 deployed, its highest ever")."""
    if r.noun_class != "personnel" or not at_peak(r, ctx):
        return None
    level_now = r.tense == "present" or (
        r.tense == "perfect" and r.finite is not None and _lemma(r.finite) in vocabulary()["level_change_verbs"]
    )  # "has fallen to 72, the lowest since 1990": where the level stands now
    if level_now and not _dated(ctx, points_only=True):
        return Decision(Metric.PERSONNEL_DEPLOYED, "peak.now")  # "has 2,100 deployed, the highest in its history"
    if not _dated(ctx):
        return Veto("peak.undated")
    return Decision(Metric.PERSONNEL_DEPLOYED, "peak")


def current_strength(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"currently", "now", "on the ground", "stands at": serving at that date."""
    if r.noun_class != "personnel" or not r.current:
        return None
    if r.cumulative and r.tense == "perfect":
        return None  # "has sent 40,000 so far" even beside "now"
    if r.cumulative and r.finite is not None and _lemma(r.finite) in {"stand", "total", "amount", "reach"}:
        return None  # "Pakistan's total contribution since 1960 stands at 2,00,000": a level of a running total
    return Decision(Metric.PERSONNEL_DEPLOYED, "current")


def list_entry(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """A country's figure in a ranking or list of contributors is its strength at the time."""
    if r.noun_class != "personnel" or r.entry is None or r.cumulative:
        return None
    return Decision(Metric.PERSONNEL_DEPLOYED, "list")


_AS_OF_PHRASE = re.compile(r"as\s+(?:of|at|on)\b|(?:at|by)\s+the\s+end\s+of\b", re.IGNORECASE)


def _point_dated(r: Reading, ctx: SentenceContext) -> bool:
    """A date that fixes the figure to a moment: "as at August 31, 2016", "at the end of 2022", "in 2016"."""
    running = re.search(r"\b(?:until|till|up\s+to|through)\b", ctx.lead.text, re.IGNORECASE)
    stated = ctx.lead.source.value == "explicit" or (
        ctx.lead.source.value == "relative" and _AS_OF_PHRASE.match(ctx.lead.text.lstrip()) is not None
    )  # "As of last month,", "As at the end of last year,"
    if ctx.lead.as_of is not None and stated and ctx.lead.since is None and not running:
        return True  # "As of March 2023," (not "From 2006 to 2012,", a period, nor "Up to the end of 2023,")
    if ctx.candidate.reference is not None:
        return True
    for d in ctx.dates:
        if d.value is None or d.role not in {"as_of"} or d.start in ctx.lead.claimed:
            continue
        text = d.text.lower()
        if text.startswith(("as of", "as at", "as on")) or "end" in text:
            return True
        if re.match(r"(?:this|the current)\s+(?:year|month)\b", text) and r.finite is not None and r.tense in {"perfect", "present"}:
            return True  # "Fiji has deployed about 400 troops this year"
        if r.tense in {"past", "present"} and text.startswith(("in ", "by ")) and r.finite is not None and _lemma(r.finite) in {
            "contribute", "have", "deploy", "provide", "number", "total", "stand", "reach", "give"
        }:
            return True
    return False


def _all_sent_by_then(r: Reading) -> bool:
    """"had sent", "has served": a perfect of sending or serving counts everyone up to the date
    ("By the end of last year, Ghana had sent a total of 13,000 peacekeepers to 20 missions")."""
    return r.tense == "perfect" and r.finite is not None and _lemma(r.finite) in {"serve", "send"}


def dated_snapshot(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """A strength fixed to a date ("As at end-2019, Zambia contributed a total of 1,205") is not a
    running total, whatever the tense, unless the clause says it is ("since", "so far")."""
    if r.noun_class != "personnel" or r.cumulative or not _point_dated(r, ctx):
        return None
    if _all_sent_by_then(r) and not _sent_to_one_mission(r, ctx):
        return None  # "By the end of last year, Ghana had sent a total of 13,000": all who went, up to then
    return Decision(Metric.PERSONNEL_DEPLOYED, "dated-snapshot")


_COMPARED_WITH_BEFORE = re.compile(r"[^.;]{0,60}?\b(?:up|down|rising|falling|increased|decreased)\s+from\s+\d", re.IGNORECASE)


def _sent_to_one_mission(r: Reading, ctx: SentenceContext) -> bool:
    """"Ghana has deployed 812 peacekeepers to UNIFIL / to the UN mission in Lebanon": a perfect
    deployment verb with one mission or mission's place as its destination, and nothing that adds
    up ("since", "so far"), is the contingent there now, not everyone who ever went."""
    verb = r.verb
    if verb is None or _lemma(verb) not in vocabulary()["deployment_verbs"]:
        return False
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"to", "in", "with"}:
            words = " ".join(t.text for t in prep.subtree)
            if mission_mentions(words) or mission_at_place(words, ctx.base):
                return True
    return False


def cumulative_total(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"since 1960", "so far", "in its history", or the perfect "has served": all who ever served."""
    if r.noun_class != "personnel":
        return None
    range_dated = any(d.role == "range" and d.value is not None for d in ctx.dates)
    if not (r.cumulative or r.tense == "perfect" or range_dated):
        return None
    if r.tense == "perfect" and r.finite is not None and _lemma(r.finite) in {"have", "be"} and not r.cumulative:
        return Decision(Metric.PERSONNEL_DEPLOYED, "possession")  # "We have had 3,552 personnel"
    if r.verb is not None and _lemma(r.verb) in {"remain", "stay"}:
        return Decision(Metric.PERSONNEL_DEPLOYED, "remaining")  # "since the withdrawal, four officers have remained"
    if r.tense == "perfect" and not r.cumulative and not range_dated and _sent_to_one_mission(r, ctx):
        return Decision(Metric.PERSONNEL_DEPLOYED, "deployed-to")
    if r.tense == "perfect" and not r.cumulative and _COMPARED_WITH_BEFORE.match(ctx.text, r.figure.end - ctx.offset):
        return Decision(Metric.PERSONNEL_DEPLOYED, "compared")  # "has deployed 420 …, up from 200 in 2015": a level now
    if not r.cumulative and r.finite is not None and _lemma(r.finite) in vocabulary()["level_change_verbs"]:
        return Decision(Metric.PERSONNEL_DEPLOYED, "level")  # "the Kenyan contingent had shrunk to fewer than 300"
    return Decision(Metric.PERSONNEL_SERVED_TOTAL, "cumulative")


_RAISE_TO = frozenset({"raise", "bring", "increase", "boost", "lift", "take", "push"})


def past_total(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """"Ireland sent 1,000 soldiers to the Congo" (no date): a total of those who went."""
    if r.noun_class != "personnel" or r.tense != "past" or r.finite is None:
        return None
    if r.verb is not None and r.verb.i != r.finite.i and _lemma(r.verb) in _RAISE_TO and r.root.head.lower_ == "to":
        return None  # "sent 1,000 more troops, raising its contingent to 2,300": the level they made
    if _lemma(r.finite) in {"involve", "send", "dispatch"} and not any(d.role == "as_of" and d.value is not None for d in ctx.dates):
        return Decision(Metric.PERSONNEL_SERVED_TOTAL, "past-total")
    return None


def deployed(r: Reading, ctx: SentenceContext) -> Optional[Outcome]:
    """Any other head count: serving at that date."""
    if r.noun_class != "personnel":
        return None
    return Decision(Metric.PERSONNEL_DEPLOYED, "deployed")


METRIC_RULES: tuple[MetricRule, ...] = (
    MetricRule("age", veto_age),
    MetricRule("one-person", veto_one_person),
    MetricRule("displaced", veto_displaced),
    MetricRule("rate", veto_rate),
    MetricRule("echo", veto_echo),
    MetricRule("repeat", veto_repeat),
    MetricRule("unit-size", veto_unit_size),
    MetricRule("mission-part", veto_mission_part),
    MetricRule("severity", veto_severity),
    MetricRule("unnamed-victims", veto_unnamed_victims),
    MetricRule("hypothetical", veto_hypothetical),
    MetricRule("non-un-force", veto_non_un),
    MetricRule("mixed-scope", veto_mixed_scope),
    MetricRule("missing", veto_missing),
    MetricRule("withdrawal", veto_withdrawal),
    MetricRule("training", veto_training),
    MetricRule("recruits", veto_recruits),
    MetricRule("at-home", veto_at_home),
    MetricRule("not-deployed", veto_not_deployed),
    MetricRule("not-peacekeepers", veto_not_peacekeepers),
    MetricRule("home-toll", veto_home_toll),
    MetricRule("national-strength", veto_national_strength),
    MetricRule("generic-people", veto_generic_people),
    MetricRule("death", death_toll),
    MetricRule("injury", injury_toll),
    MetricRule("missions", missions),
    MetricRule("countries", countries),
    MetricRule("baseline", baseline),
    MetricRule("pledge", pledge),
    MetricRule("peak", peak),
    MetricRule("current", current_strength),
    MetricRule("list", list_entry),
    MetricRule("dated-snapshot", dated_snapshot),
    MetricRule("cumulative", cumulative_total),
    MetricRule("past-total", past_total),
    MetricRule("deployed", deployed),
)


def decide_metric(r: Reading, ctx: SentenceContext, disabled: frozenset[str] = frozenset()) -> Optional[Outcome]:
    """The first decision or veto of the chain (``None``: no rule took the figure)."""
    for rule in METRIC_RULES:
        if rule.name in disabled:
            continue
        outcome = rule.apply(r, ctx)
        if outcome is not None:
            if isinstance(outcome, Decision) and outcome.metric is Metric.PERSONNEL_DEPLOYED and r.category is Category.WOMEN:
                return Decision(Metric.WOMEN_DEPLOYED, outcome.rule + ".women")
            return outcome
    return None
