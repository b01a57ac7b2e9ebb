"""Whether a death or injury figure is one incident's toll: positive evidence tied to the death
verb's own clause (an attack word, the day it happened, a place something happened in), never a
day or a place that belongs to another verb ("paid tribute on Monday", "ISLAMABAD, May 29 -")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from peacefacts import vocab
from peacefacts.nlp.dates import DateMatch
from peacefacts.nlp.facts.reading import PART_OF_THEM, Reading, SentenceContext
from peacefacts.nlp.facts.vocabulary import vocabulary
from peacefacts.nlp.plan import mission_at_place

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["is_incident", "honours_last_year"]


#: a whole year's span without its number ("over the year", "during the year")
_OVER_THE_YEAR = re.compile(r"\b(?:over|during|throughout|across)\s+the\s+(?:whole\s+|entire\s+)?year\b", re.IGNORECASE)
_NOW = frozenset({"today", "now", "currently", "at present", "presently", "to date", "so far"})


def honours_last_year(ctx: SentenceContext) -> bool:
    """Whether the block is about an honour given for the deaths of the year before (the Dag
    Hammarskjöld medal): its tolls are that year's, by mission or by country."""
    block = ctx.full_text[ctx.plan.block.start : ctx.plan.block.end].lower()
    return any(name in block for name in vocabulary()["previous_year_honours"])


def is_incident(r: Reading, ctx: SentenceContext) -> bool:
    """Whether a death or injury figure is the toll of one event, not a running or yearly total."""
    if r.cumulative:
        return False
    if any(
        d.role == "range" and d.value is not None and d.end_value is not None
        and (d.end_value.last_day - d.value.first_day).days > 366 for d in ctx.dates
    ) and not any(d.value is not None and d.value.precision == "day" for d in ctx.dates):
        return False  # "Between 2013 and 2023, MINUSMA lost 311 peacekeepers": years are no one event
    most = vocabulary().incident_maxima.get("fatalities_incident")
    if r.predicate == "DEATH" and most is not None and r.figure.figure.value > most and not (
        r.tense == "past" and (ctx.missions_here or _located_mission(ctx))
    ):
        # "India has lost 180 peacekeepers, the largest toll of any contributor": no one attack's
        # ("In Mali, we lost 42 peacekeepers" still names where, as one year's toll does; "118 UNMISS
        # personnel have died since 2011" is the mission's running total)
        return False
    year_dated = any(
        d.value is not None and d.value.precision == "year" and d.role in {"as_of", "range"} for d in ctx.dates
    ) or (ctx.lead.as_of is not None and ctx.lead.as_of.precision == "year") or any(
        # "In the three months to the end of March", "between January and June": a span, not one event
        d.role == "range" and d.value is not None and d.end_value is not None
        and (d.end_value.last_day - d.value.first_day).days > 31
        for d in ctx.dates
    )
    one_event = any(not span.text.lower().endswith("s") for span in ctx.cues.spans.get("INCIDENT", ()))
    year_dated = year_dated or bool(_OVER_THE_YEAR.search(ctx.text))  # "MINUSMA lost 32 peacekeepers over the year"
    if year_dated and not one_event:
        return False  # "117 peacekeepers died in 2016", "103 died in 2023 in malicious acts and accidents"
    if ctx.cues.has("LIFETIME") and not one_event:
        return False  # "A total of 192 UNAMSIL personnel died during the mission"
    if ctx.cues.has("INCIDENT") or any("toll" in span.text.lower() for span in ctx.cues.spans.get("DEATH", ())):
        return True
    if any(d.value is not None and d.value.precision == "day" and d.text.lower() not in _NOW and _on_toll_clause(d, ctx, r) for d in ctx.dates):
        return True
    if _dead_described(r, ctx):
        return False  # "paid tribute to the 120 peacekeepers Ghana lost in Lebanon": who they were, not one event
    if honours_last_year(ctx):
        return False  # at a medal ceremony, "In the Central African Republic, MINUSCA lost 15 colleagues": last year's
    if PART_OF_THEM.match(ctx.text):
        return False  # "… have served. Of them, 54 died in UN missions, most in the Golan": part of a running total
    if r.tense == "past" and (ctx.missions_here or _located_mission(ctx)):
        return True  # "Two Pakistani peacekeepers were killed in the DR Congo"
    if r.tense == "perfect" and _country_has_lost(r):
        return False  # "…, saying India has lost 177 peacekeepers in UN service" in a story of one attack
    incident = ctx.plan.incident
    return incident is not None and r.tense in {"past", "perfect", "present", "none"} and r.how != "copula"


_LOCATIVE = re.compile(r"\b(?:in|near|at|outside|inside|around|into|across|off|north|south|east|west)\s+(?:of\s+)?(?:the\s+)?(?:[A-Za-z-]+\s+)?$", re.IGNORECASE)


def _located_mission(ctx: SentenceContext) -> Optional[str]:
    """The mission serving at a place the sentence puts something in ("killed near Bangui", "in the
    DR Congo"); a country named as an actor ("Pakistan on Monday paid tribute") is not a place."""
    text = ctx.places_text
    for place in vocab.place_mentions(text):
        if _LOCATIVE.search(text[max(0, place.start - 40) : place.start]):
            return mission_at_place(text[place.start :], ctx.base)
    return None


def _country_has_lost(r: Reading) -> bool:
    """Whether a country is the subject of the figure's perfect verb ("India has lost 177
    peacekeepers"): with no event word or day of its own, a running total of the country's."""
    verb = r.verb
    if verb is None:
        return False
    return any(
        c.dep_ == "nsubj" and vocab.country_for(" ".join(t.text for t in c.subtree if t.dep_ != "det"), demonyms=False)
        for c in verb.children
    )


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause holds ``tok`` (``tok`` itself when it is one)."""
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node


def _dead_described(r: Reading, ctx: SentenceContext) -> bool:
    """Whether the death is told in a relative clause of the counted noun ("the 171 peacekeepers who
    embraced martyrdom", "the 73 it has lost") with no event word: the dead are being described
    (honoured, remembered), not reported as one event's toll."""
    noun = r.noun
    if noun is None:
        return False
    death = {t.i for span in ctx.cues.spans.get("DEATH", ()) for t in span}
    return any(
        c.dep_ == "relcl" and (c.lemma_.lower() == "lose" or any(t.i in death for t in c.subtree))
        for c in noun.children
    )


def _on_toll_clause(date: DateMatch, ctx: SentenceContext, r: Reading) -> bool:
    """Whether a day in the sentence dates the death or injury itself ("were killed on Sunday",
    "the UN said on Monday that two … were killed"), not another verb's event: in "Pakistan on
    Monday paid tribute to the 171 peacekeepers who embraced martyrdom" Monday is the tribute's,
    and the dead of a relative clause died on no day the sentence gives."""
    base = ctx.sdoc[0].idx
    at = next((t for t in ctx.sdoc if date.start <= t.idx - base < date.end), None)
    roots = [span.root for label in ("DEATH", "INJURY") for span in ctx.cues.spans.get(label, ())]
    if r.noun is not None:  # "the 73 peacekeepers it has lost"
        roots += [c for c in r.noun.children if c.dep_ == "relcl" and c.lemma_.lower() == "lose"]
    if not roots and r.verb is not None:
        roots = [r.verb]  # "the mission lost three peacekeepers on Sunday": the figure's own verb
    if at is None or not roots:
        return True
    dated = _clause_verb(at)
    for root in roots:
        node = _clause_verb(root)
        while True:
            if node.i == dated.i:
                return True
            if node.dep_ in {"relcl", "acl"} or node.head.i == node.i:
                break
            node = node.head
    return False
