"""Whose figure it is, by evidence in a fixed order: a chain of small named rules.

1. the list or ranking entry that holds the number ("Uruguay is second with 1,112"),
2. for one incident's toll, the mission where it happened (named, or by the place and date),
3. the counted noun's own words: a demonym ("181 Pakistanis"), "from Bangladesh", a mission
   acronym ("UNIFIL peacekeepers"), "international troops",
4. the clause's subject or possessor ("Pakistan had contributed", "the country's troops"),
5. the UN, for UN-wide cues ("under the UN flag", "worldwide", "from 120 countries"),
6. the mission the story is about, for "the mission has 13,000 peacekeepers",
7. the subject of the sentence just before ("Kenya is third … There are 27 police, …"),
8. the story's country, and last the UN.

Why one module over 600 lines: like the metric chain, the order of these rules is what decides,
and the clause walk (:func:`clause_subject`) is shared by several of them (the UN-scale and
mission rules ask it first); split across files that order would no longer be read in one place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Optional

import attrs

from peacefacts import vocab
from peacefacts.nlp.facts.incident import is_incident
from peacefacts.nlp.facts.parse import (
    country_of_tokens,
    demonym_phrase,
    honoured,
    hosts_peacekeepers,
    noun_class,
    reported_speaker,
    subject_phrase_country,
    verb_of,
)
from peacefacts.nlp.facts.reading import LEVEL_OF_COUNT, Reading, SentenceContext
from peacefacts.nlp.facts.vocabulary import vocabulary
from peacefacts.nlp.plan import mission_at_place, mission_mentions
from peacefacts.nlp.story import country_mentions
from peacefacts.records import Metric
from peacefacts.vocab.calendar import MONTH_NAMES, WEEKDAY_NAMES, alternation

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["SubjectRule", "SUBJECT_RULES", "decide_subject"]


@attrs.frozen
class SubjectRule:
    """A named step of the subject chain."""

    name: str
    apply: Callable[[Reading, SentenceContext, Metric], Optional[str]]


_GENERIC_MISSION = re.compile(
    r"\b(?:the|this|that)\s+(?:U\.?N\.?\s+|United Nations\s+|UN-led\s+|peacekeeping\s+)*(?:mission|force|operation)\b"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|to|into|from|across|near|at|inside|around|throughout|of|for)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'-]+\s+(?:and|or)\s+(?:the\s+)?)?"  # "to Iraq and Iran": both places
    r"(?:(?:north|south|east|west|central)(?:ern)?\s+)?$",
    re.IGNORECASE,
)
_DESTINATION_BEFORE = re.compile(r"\b(?:to|into|in|with|within|join(?:ed|ing|s)?)\s+(?:the\s+)?$", re.IGNORECASE)
_CLAUSE_START = re.compile(
    r"(?:^|[.!?;:,]\s+|\n\s*|\b(?:and|while|but|said|when|where|after|since|as|because|since\s+then|until)\s+)"
    r"(?:the\s+(?:Republic\s+of\s+)?)?$",
    re.IGNORECASE,
)  # "Since 1988, when Bangladesh first sent observers …, around 1,95,000 of its peacekeepers"
_UN = re.compile(r"\b(?:the\s+)?(?:United Nations|U\.N\.|UN)(?!\s*(?:peacekeep|mission|force|operation|flag|[A-Z]))\b")


def _antecedent(ctx: SentenceContext, at: int) -> Optional[str]:
    """Who a pronoun at sentence offset ``at`` stands for: the last mission, contributing country or
    the UN named before it in the block ("MINUSMA … More than 140 of its peacekeepers", "Bangladesh
    said it was ready to send 1,000"). Places ("in northern Mali") own no peacekeepers."""
    start = ctx.plan.block.start
    end = ctx.offset + at
    text = ctx.full_text
    # a mission someone was sent to or serves in is where, not who ("In 1990, China sent five
    # observers to UNTSO. It has since joined 25 missions": "It" is China)
    found: list[tuple[int, str]] = [
        (pos, acronym) for pos, acronym in ctx.plan.mission_positions
        if pos < end and not _DESTINATION_BEFORE.search(text[max(start, pos - 30) : pos])
    ]
    for match in _GENERIC_MISSION.finditer(text, max(start, end - 2000), end):
        found.append((match.start(), _story_mission(ctx) or ""))
    for s, e, surface, country in ctx.plan.country_positions:
        if e > end:
            break
        # an owner of peacekeepers is a clause's subject, a possessor or a demonym; "patrolled
        # southern Lebanon", "in Mali" name places
        opening = bool(_CLAUSE_START.search(text[max(start, s - 40) : s]))
        possessive = text[e : e + 2] in {"'s", "’s"} or surface.endswith(("'s", "’s"))
        if (opening or possessive or vocab.is_demonym(surface)) and not _PLACE_BEFORE.search(text[max(start, s - 30) : s]) and not (
            _attributive(ctx, s, e)
        ):
            found.append((s, country))
    found = [f for f in found if f[1]]
    return max(found)[1] if found else None


def _attributive(ctx: SentenceContext, start: int, end: int) -> bool:
    """Whether a country named in the sentence itself only modifies a noun ("after the Haiti
    earthquake", "the Mali deployment"): it owns nothing a pronoun could stand for."""
    tokens = [t for t in ctx.sdoc if start <= ctx.offset + t.idx - ctx.sdoc[0].idx < end]
    if not tokens:
        return False
    last = tokens[-1]
    return last.dep_ in {"compound", "amod", "nmod"} and last.head.pos_ == "NOUN" and last.head.i > last.i and noun_class(last.head) == "other"


def _story_mission(ctx: SentenceContext) -> Optional[str]:
    if ctx.plan.incident is not None and ctx.plan.incident.mission:
        return ctx.plan.incident.mission
    if ctx.plan.missions:
        return ctx.plan.missions[0]
    return mission_at_place(ctx.full_text[ctx.plan.block.start : ctx.candidate.sentence.end], ctx.base)


def _carried(ctx: SentenceContext, pronoun: str = "it", at: Optional[int] = None) -> Optional[str]:
    """Who "it", "they", "its" or "the country" stand for: the entity named last before them
    (a mission, a contributor or the UN), else the story's country."""
    if pronoun in {"it", "they"} and ctx.candidate.paragraph_mission:
        return ctx.candidate.paragraph_mission  # in a paragraph about one mission, "it" is the mission
    if pronoun in {"we", "our", "us"}:
        # a quote: the speaker's country ("… of our country …, informed the Ministry of Defence of Serbia"),
        # never a country peacekeepers serve in ("Samoa's first deployment … 187 of our officers")
        anywhere = [c for *_, c in ctx.plan.country_positions if not hosts_peacekeepers(c, ctx.base)]
        candidates = [ctx.plan.default_country, ctx.state.last_country, anywhere[0] if anywhere else None]
        return next((c for c in candidates if c and not hosts_peacekeepers(c, ctx.base)), None)
    if pronoun == "they":
        return ctx.state.last_subject or _antecedent(ctx, at or 0) or ctx.plan.default_country  # people: the last figure's
    named = _antecedent(ctx, at if at is not None else 0)
    if pronoun in {"country", "nation", "government"}:
        country = named if named and vocab.mission(named) is None and vocab.mission_for(named) is None and named != "UN" else None
        if country is not None and hosts_peacekeepers(country, ctx.base):
            # "BENTIU, South Sudan — Vietnamese medics arrived … The country will add 60": the host
            # is where the figure is, the contributor is who it is
            others = [c for *_, c in ctx.plan.country_positions if c != country and not hosts_peacekeepers(c, ctx.base)]
            country = others[-1] if others else None
        return country or ctx.state.last_country or ctx.plan.default_country
    return named or ctx.state.last_subject or ctx.plan.default_country


def list_entry(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    return r.entry[0] if r.entry is not None else None


def _is_incident_metric(r: Reading, ctx: SentenceContext, metric: Metric) -> bool:
    if metric.is_incident:
        return True
    if metric.may_be_incident:
        return is_incident(r, ctx)
    return False


def incident_mission(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """One incident's dead and wounded belong to the mission where it happened."""
    if not _is_incident_metric(r, ctx, metric):
        return None
    if ctx.missions_here:
        return ctx.missions_here[0]
    stated = next((d.value for d in ctx.dates if d.value is not None and d.role in {"as_of", "since", "range"}), None)
    when = stated or (ctx.plan.incident.day if ctx.plan.incident and ctx.plan.incident.day else ctx.base)
    here = mission_at_place(ctx.places_text, when)  # "in June 1993, … killed in Mogadishu": UNOSOM II
    if here is not None:
        return here
    if ctx.plan.incident is not None and ctx.plan.incident.mission:
        return ctx.plan.incident.mission
    return ctx.mission_before


def noun_country(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """A country or mission on the counted noun itself: "181 Pakistanis", "two Tanzanian UN
    peacekeepers", "13 peacekeepers from Bangladesh", "two peacekeepers of UNMISS"."""
    if r.entry is not None and r.entry[1] == "from" and r.how != "nummod":
        return None  # "five peacekeepers from Nepal, four from Pakistan": the four's own origin (list-entry)
    if r.how == "possessed":  # "Bangladesh's 5,998"
        owner = next((c for c in r.root.children if c.dep_ == "poss"), None)
        if owner is not None:
            words = " ".join(t.text for t in owner.subtree if t.dep_ != "case")
            return vocab.country_for(words) or vocab.mission_for(owner.text)
    noun = r.noun
    if noun is not None and r.how == "inferred" and r.root.head.lower_ == "to" and r.root.head.head.i == noun.head.i:
        # "raised Ghana's contingent in UNIFIL to 870": the object the number is the new size of
        return country_of_tokens([c for c in noun.children if c.dep_ in {"amod", "compound", "poss"}])
    if noun is None or r.how not in {"nummod", "partitive", "copula", "conj", "number-of", "appos"}:
        return None
    is_personnel = noun_class(noun) == "personnel"
    if is_personnel and noun.lower_ not in vocabulary().noun_category:
        country = vocab.country_for(demonym_phrase(noun))
        if country:
            return country  # "181 Pakistanis", "South Africans"
    if r.how == "nummod" and any(c.dep_ == "poss" and c.text in {"UN", "U.N.", "Nations"} for c in noun.children):
        return "UN"  # "the UN's 12 current operations" (not "10 of the UN's 12", which are Bangladesh's)
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
    country = country_of_tokens(mods) or country_of_tokens(
        [g for c in mods if c.dep_ in {"compound", "nmod"} for g in c.children if g.dep_ in {"compound", "amod", "nmod"}]
    )  # "UK Armed Forces personnel", "45,000 Indonesian military and police personnel"
    if country:
        return country
    origin = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"from", "of"} for g in c.children if g.dep_ == "pobj"]
    country = country_of_tokens(origin) or country_of_tokens(
        [c for g in origin for c in g.children if c.dep_ in {"compound", "amod", "poss"}]
    )
    if country and is_personnel:
        return country  # "13 peacekeepers from Bangladesh", "members of the Bangladesh Armed Forces"
    mission = next((vocab.mission_for(g.text) for g in origin if vocab.mission_for(g.text)), None)
    if mission and is_personnel:
        return mission  # "two peacekeepers of UNMISS"
    return None


def origin_verb(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"Of the 74,000 now serving, 6,200 come from Nepal", "1,300 of the mission's soldiers hail
    from Egypt": the figure's own verb says where its people come from."""
    subject = r.root if r.root.dep_ == "nsubj" else r.anchor
    verb = subject.head
    if subject.dep_ == "nsubj" and verb.lemma_ == "be":
        nationality = next((c for c in verb.children if c.dep_ in {"acomp", "attr"} and c.pos_ in {"ADJ", "PROPN"}), None)
        country = vocab.country_for(nationality.text) if nationality is not None else None
        if country:
            return country  # "Of the 14,000 troops in MINUSCA, 2,100 are Rwandan"
    if r.root.dep_ == "pobj" and r.root.head.lower_ == "of" and r.root.head.head.lower_ == "out":
        return _whole_mission(r, ctx)  # "with 2,100 troops, out of 14,000 in the mission"
    if subject.dep_ != "nsubj" or verb.lemma_.lower() not in vocabulary()["origin_verbs"]:
        return None
    origin = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"]
    return country_of_tokens(origin)


def _whole_mission(r: Reading, ctx: SentenceContext) -> Optional[str]:
    """The mission a partitive's whole is in ("out of 14,000 in the mission", "out of 10,500 in UNIFIL")."""
    for prep in r.root.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "with"}:
            words = " ".join(t.text for t in prep.subtree)
            named = next((m for _, m in mission_mentions(words)), None) or vocab.mission_for(words)
            if named:
                return named
            if re.search(r"\b(?:mission|operation|force)\b", words, re.IGNORECASE):
                return ctx.missions_here[0] if ctx.missions_here else ctx.mission_before
    return None


def noun_words(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """The counted noun's other words: "international troops", "UN peacekeepers", a mission acronym."""
    noun = r.noun
    if noun is None or r.how not in {"nummod", "partitive", "copula", "conj", "number-of"}:
        return None
    is_personnel = noun_class(noun) == "personnel"
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
    un_words = vocabulary()["un_modifiers"]
    if is_personnel and not any(c.lower_ in un_words for c in mods) and (any(
        t.lower_ in vocabulary()["national_force_nouns"] | vocabulary()["national_force_modifiers"]
        for c in mods if c.dep_ == "compound" for t in c.subtree
    ) or any(_national_force(g) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")):
        # "the number of Defence Forces members who have died", "5,850 members of the Armed Forces
        # and Police": the story's own army, whatever "across the world" says; but the clause's own
        # country first ("Japan … said it would send four Self-Defense Force staff officers")
        clause_owner = clause_subject(r, ctx, metric)
        if clause_owner and clause_owner != "UN" and vocab.mission(clause_owner) is None:
            return clause_owner
        return ctx.plan.default_country or _carried(ctx, "country")
    international = is_personnel and any(c.lower_ in {"international", "foreign", "multinational"} for c in mods)
    if international or is_personnel and any(
        c.dep_ == "prep" and c.lower_ == "from" and any(g.lower_ in {"countries", "nations"} for g in c.subtree)
        for c in noun.children
    ):
        if ctx.missions_here:
            return ctx.missions_here[0]
        force = _force_named(ctx)  # "3,000 personnel from 40 countries serve with the force"
        return _mission_of_story(ctx, force) if force is not None else "UN"
    possessed = _possessor(noun, ctx) if r.how != "partitive" or noun_class(noun) != "mission" else None
    if possessed:
        return possessed  # "2,000 of MONUSCO's 13,500 troops", "the mission's 14,000 blue helmets"
    if noun.head.lower_ == "of" and noun.head.head.like_num and noun.head.dep_ == "prep" and noun.head.head.i != r.root.i:
        if noun_class(noun) == "mission" or any(c.lower_ in un_words for c in mods):
            return "UN"  # "49 of the 71 UN peacekeeping missions": the 71 are the UN's
        return None  # "two of the five peacekeepers wounded …": the whole is whoever the part's is
    fronted = noun.head.lower_ == "of" and noun.head.i - ctx.sdoc[0].i <= 1 and noun.head.dep_ == "prep"
    if noun.head.lower_ == "of" and (noun.head.head.lower_ in {"out", "among", "of"} or fronted) and noun_class(noun) == "mission":
        return "UN"  # "Out of 12 current UN missions, Kenyan troops serve in five"
    mission = next((vocab.mission_for(c.text) for c in mods if vocab.mission_for(c.text)), None)
    if mission and is_personnel:
        return mission  # "Three UNIFIL peacekeepers were injured"
    if r.how == "copula" and noun.lower_ in vocabulary()["mission_subjects"] and noun.lower_ != "forces" and any(
        c.lower_ in {"un", "u.n."} for c in mods
    ):
        return _mission_of_story(ctx, noun)  # "Ghana has 870 troops in Lebanon, where the UN force totals about 10,000"
    if is_personnel and any(c.lower_ in un_words for c in mods):
        verb = r.verb
        if verb is not None and any(
            c.dep_ == "nsubj" and c.i != noun.i and subject_phrase_country(c) for c in verb.children
        ):
            return None  # "Cote d'Ivoire still has 287 blue helmets in MINUSCA and UNMISS": the clause's country
        if re.search(r"\b(that|the|this) (operation|mission)\b", ctx.text, re.IGNORECASE) and ctx.mission_before:
            return ctx.mission_before
        return ctx.missions_here[0] if ctx.missions_here else None
    for anc in noun.ancestors:  # "with nearly 20,000 military personnel" attached to "The Congo operation"
        if anc.lower_ in {"operation", "mission", "force"}:
            phrase = " ".join(t.text for t in anc.subtree if t.dep_ in {"compound"} or t.i == anc.i)
            mission = vocab.mission_for(phrase)
            if mission:
                return mission
    whose = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
    clause = next((a for a in noun.ancestors if a.dep_ == "relcl"), None) if whose is not None else None
    if clause is not None:
        antecedent = _relative_antecedent(clause)
        if antecedent:
            return antecedent  # "congratulated Bangladesh, whose 6,000 blue helmets lead the world"
    if any(c.lower_ in {"country", "its", "their", "our"} or any(g.lower_ == "country" for g in c.children)
           for c in noun.children if c.dep_ == "poss"):
        owner = next(c for c in noun.children if c.dep_ == "poss")
        word = "country" if owner.lower_ == "country" or any(g.lower_ == "country" for g in owner.children) else "its"
        if word == "its":
            # "The Kingdom deplores the loss of 90 of its blue helmets": the clause's own subject first
            subject = clause_subject(r, ctx, metric)
            if subject:
                return subject
        return _carried(ctx, word, owner.idx - ctx.sdoc[0].idx)  # "the country's contingent", "its troops"
    return None




def _force_country(force: Token) -> Optional[str]:
    """The country a force's name holds anywhere in it ("The Tanzania People's Defence Force
    (TPDF)", "the Republic of Fiji Military Forces"), unless the force is the UN's."""
    clauses = {t.i for c in force.children if c.dep_ in {"relcl", "acl", "appos", "advcl"} for t in c.subtree}
    words = [t for t in force.subtree if t.i not in clauses]  # "The force, which Ghana has supported, …": not Ghana's
    if not any(c.dep_ in {"compound", "poss", "nmod", "amod"} for c in force.children):
        return None
    if any(t.lower_ in vocabulary()["international_force_modifiers"] for t in words):
        return None
    return subject_phrase_country(force) or next(
        (c for c in (vocab.country_for(t.text, demonyms=False) for t in words if t.pos_ == "PROPN") if c), None
    )


def _national_force(tok: Token) -> bool:
    """"the Armed Forces", "the Royal Armed Forces", "the Army": a country's force named without the
    country (nor the UN: "the UN force" is a mission)."""
    lex = vocabulary()
    if tok.lower_ not in lex["national_force_nouns"] or vocab.country_for(" ".join(t.text for t in tok.subtree)):
        return False
    mods = {c.lower_ for c in tok.children if c.dep_ in {"compound", "amod"}}
    if mods & lex["international_force_modifiers"]:
        return False
    return tok.lower_ == "army" or bool(mods & lex["national_force_modifiers"])


def _possessor(noun: Token, ctx: SentenceContext) -> Optional[str]:
    """Whose the counted noun is by its possessor: "MONUSCO's troops", "the mission's blue helmets",
    "the UN's operations" (a country possessor is the noun-country rule's)."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    if poss.text in {"UN", "U.N.", "Nations"}:
        return "UN"
    words = " ".join(t.text for t in poss.subtree if t.dep_ not in {"det", "case"})
    mission = vocab.mission_for(words) or vocab.mission_for(poss.text)
    if mission:
        return mission
    if poss.lower_ in vocabulary()["mission_subjects"]:
        return _mission_of_story(ctx, poss)
    return None


def _force_named(ctx: SentenceContext) -> Optional[Token]:
    """"the force", "the mission" standing for the story's mission anywhere in the sentence."""
    for tok in ctx.sdoc:
        if tok.lower_ in {"mission", "force", "operation"} and any(c.lower_ in {"the", "this", "that"} for c in tok.children):
            return tok
    return None


def _un_scale_in(verb: Token, ctx: SentenceContext) -> bool:
    """Whether the clause of ``verb`` holds a head count larger than any country ever deployed."""
    ceiling = vocabulary().country_maxima.get(Metric.PERSONNEL_DEPLOYED.value)
    if ceiling is None:
        return False
    base = ctx.sdoc[0].idx
    span = {t.idx - base for t in verb.subtree}
    return any(f.num_start - ctx.offset in span and f.figure.value > ceiling for f in ctx.candidate.figures)


def clause_subject(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """The subject of the governing clause(s): a country, a mission, or a pronoun for the story's."""
    anchor = r.anchor
    node = r.verb
    pronouns = vocabulary()["country_pronouns"]
    steps = 0
    reporting = vocabulary()["reporting_verbs"]
    while node is not None and steps < 4:
        steps += 1
        if steps > 1 and node.lemma_.lower() in reporting:
            break  # "…, the Fijian minister said": the speaker is not whose figure it is
        stranded = _stranded_subject(node, ctx)
        if stranded is not None:
            return stranded
        # "Austria has 180 troops deployed": the parse may hang the subject on the auxiliary
        children = [*node.children, *(g for c in node.children if c.dep_ in {"aux", "auxpass"} for g in c.children)]
        for child in children:
            if child.dep_ not in {"nsubj", "nsubjpass"} or child.i == anchor.i or child in anchor.subtree:
                continue
            if child.lower_ == "it" and _expletive(node):
                continue  # "It is a great honour to present the medal to the 128 …": nobody's
            if child.lower_ in {"which", "that", "who"} and node.dep_ == "relcl" and anchor.head.i == node.i and r.how != "strong":
                owner = _relative_antecedent(node)
                if owner:
                    return owner  # "UNMISS, which has about 17,000 peacekeepers": the antecedent's
            speaker = reported_speaker(node) if child.lower_ in {"it", "they"} else None
            if speaker is not None and speaker.pos_ == "PROPN":
                words = " ".join(t.text for t in speaker.subtree if t.dep_ not in {"det", "case"})
                named = vocab.country_for(words, demonyms=False) or vocab.mission_for(words)
                if named:
                    return named  # "the Philippines said it would provide up to 500": the speaker is "it"
            if child.lower_ == "we" and _un_scale_in(node, ctx):
                return "UN"  # a UN official's "we have a little over 81,000 uniformed personnel in 13 operations"
            if child.lower_ == "we" and honoured(anchor, node):
                break  # "Today, we pay tribute to 61 peacekeepers who lost their lives": the speaker honours them, not owns them
            if child.lower_ in pronouns:
                return _carried(ctx, child.lower_, child.idx - ctx.sdoc[0].idx)
            if child.lower_ == "kingdom" and not any(c.dep_ in {"prep", "compound", "amod"} for c in child.children):
                return _carried(ctx, "country")  # "The Kingdom has lost 8 of its peacekeepers" ("the Kingdom of Morocco" names it)
            if child.lower_ in vocabulary()["units"] and any(c.dep_ == "det" for c in child.children) and not any(
                c.dep_ in {"amod", "compound", "poss", "nmod"} or (c.dep_ == "prep" and c.lower_ == "of") for c in child.children
            ):
                return _carried(ctx, "country")  # "The contingent includes 120 women": a country's unit
            if child.lower_ in {"mission", "operation", "force"} and any(c.dep_ == "poss" and c.lower_ == "our" for c in child.children):
                return _mission_of_story(ctx, child)  # a mission's own voice: "Our mission today counts 218 military observers"
            aside = {t.i for c in child.children if c.dep_ in {"relcl", "acl", "appos"} and c.i > child.i for t in c.subtree}
            if any(t.lower_ in {"our", "we"} for t in child.subtree if t.i not in aside):
                # "The peacekeepers of our country … count 1 345" (not "Ireland, a country one-eighth
                # our size, keeps 560 troops": the apposition's "our" is the speaker's, Ireland the subject)
                return _carried(ctx, "our")
            owner_pronoun = next((c for c in child.children if c.dep_ == "poss" and c.lower_ in {"its", "their", "country", "nation"}), None)
            if owner_pronoun is not None and child.lower_ in vocabulary()["count_subjects"]:
                # "Monusco …; its strength fell to 11,500", "the country's police contribution stands at 1,250"
                word = "country" if owner_pronoun.lower_ in {"country", "nation"} else "it"
                return _carried(ctx, word, owner_pronoun.idx - ctx.sdoc[0].idx)
            if child.lower_ in vocabulary()["country"] and any(c.like_num for c in child.children):
                return "UN"  # "More than 50 countries pledged …": the UN's total
            if _member_states(child):
                return "UN"  # "Member States pledged more than 4,000 in total": all of them
            # the subject's own words, not a clause or apposition about it ("Nepal, which first sent
            # observers to UNOGIL in 1958, has since contributed …", "Uruguay, a founding
            # contributor to UNMOGIP, has sent …")
            phrase = " ".join(t.text for t in child.subtree if t.dep_ != "det" and t.i not in aside)
            mission = vocab.mission_for(phrase) or vocab.mission_for(child.text) or next(
                (m for _, m in mission_mentions(phrase)), None
            )
            if mission:
                return mission  # "The Congo operation was …, with nearly 20,000 military personnel"
            national = country_of_tokens([c for c in child.children if c.dep_ in {"compound", "amod", "poss"}]) or (
                # "the Republic of Fiji Military Forces", "The Tanzania People's Defence Force (TPDF)"
                _force_country(child) if child.lower_ in {"forces", "force", "army"} else None
            )
            if not national and _national_force(child):
                # "At present, the Royal Armed Forces deploy 1,700 military": the story's own army
                return ctx.plan.default_country or _carried(ctx, "country")
            if child.lower_ in {"operations", "missions"} and not national and not any(
                c.dep_ in {"poss", "nummod", "compound", "amod"} and (c.like_num or c.dep_ == "poss" or vocab.mission_for(c.text))
                for c in child.children
            ):
                return "UN"  # "the operations of peace lost 4,300 members since 1948": all of them
            if child.lower_ in vocabulary()["mission_subjects"] and not national:
                return _mission_of_story(ctx, child)  # "The mission in South Sudan counts 17,000"
            if child.lower_ in vocabulary()["mission_subjects"] and child.lower_ not in {"forces", "force"}:
                hosted = mission_at_place(national, ctx.base) if national else None
                if hosted:
                    return hosted  # "The Mali mission has lost more than 170 peacekeepers"
            if node.lemma_.lower() in vocabulary()["host_verbs"] or _is_home_to(node, anchor):
                country = vocab.country_for(phrase, demonyms=False)
                if country:  # "South Sudan hosts 17,000 UN peacekeepers": the mission there
                    return mission_at_place(country, ctx.base)
            country = subject_phrase_country(child) or national or _capital_for_government(child)
            if country:
                return country
            if child.lower_ in {"un", "u.n.", "nations"}:
                if re.search(r"\b(?:mission|force|operation)\b", ctx.text, re.IGNORECASE):
                    return _mission_of_story(ctx, child)  # "The UN launched a mission there and now has 12,000 troops"
                return _un_subject(node, ctx)
            if child.lower_ in vocabulary()["mission_subjects"]:
                return _mission_of_story(ctx, child)
        if node.head.i == node.i:
            break
        node = node.head if node.head.pos_ in {"VERB", "AUX"} else verb_of(node)
    if r.noun is None and node is not None:
        # "Guatemala has deployed about 7,000 soldiers; today 180 are on missions": a bare number's
        # clause after a semicolon or a comma keeps the subject of the clause before it
        for clause in node.children:
            if clause.dep_ in {"ccomp", "parataxis", "conj"} and clause.i < anchor.i and clause.pos_ in {"VERB", "AUX"}:
                subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                owner = subject_phrase_country(subject) if subject is not None else None
                if owner:
                    return owner
    return None


_NOUN_PHRASE_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "PART"})


def _stranded_subject(verb: Token, ctx: SentenceContext) -> Optional[str]:
    """The country named by the words just before a finite verb whose subject the parse put
    elsewhere: "According to RNP spokesperson CP Emmanuel Habiyaremye, Rwanda National Police
    currently has 1,175 officers deployed" (the force read as an apposition of the speaker, and the
    verb left with no subject or with the speaker's name for one). The words run back to the last
    comma and must be a name; a subject among them is the parse's own reading, and stands."""
    if verb.tag_ not in {"VBZ", "VBD", "VBP"}:
        return None
    fronted = _after_leading_day(verb, ctx)
    if fronted is not None:
        return fronted
    sent = verb.sent
    first = verb.i
    while first - 1 >= sent.start and ctx.sdoc[first - 1].text not in {",", ";", ":", "(", "—", "–"}:
        first -= 1
    if first == sent.start or any(
        c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} and c.i >= first for c in verb.children
    ):
        return None
    words = [t for t in ctx.sdoc[first : verb.i] if t.pos_ != "ADV"]
    if not words or not any(t.pos_ == "PROPN" for t in words) or any(t.pos_ not in _NOUN_PHRASE_POS for t in words):
        return None
    named = {c for *_, c in country_mentions(" ".join(t.text for t in words))}
    if len(named) != 1:
        return None
    country = next(iter(named))
    return None if hosts_peacekeepers(country, ctx.base) else country


#: a leading day run into the name after it: "On Wednesday Tanzania, represented by …, offered …"
_LEADING_DAY = re.compile(
    rf"^\W*(?:[Oo]n|[Ll]ast|[Tt]his|[Ee]arlier|[Ll]ater)\s+(?:(?:this|last|next)\s+)?"
    rf"(?:{alternation(WEEKDAY_NAMES)}|(?:{alternation(MONTH_NAMES)})(?:\s+[0-3]?\d)?|[0-3]?\d\s+(?:{alternation(MONTH_NAMES)}))"
    rf"(?:\s+(?:morning|afternoon|evening|night))?\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})\s*,"
)


def _after_leading_day(verb: Token, ctx: SentenceContext) -> Optional[str]:
    """The country a leading day runs into when the parse took it for part of the date and left
    the verb with no subject ("On Wednesday Tanzania, represented by its defence minister, offered
    a formed police unit of 140 officers")."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children):
        return None
    m = _LEADING_DAY.match(ctx.text)
    if m is None or ctx.sdoc[0].idx + m.end("name") > verb.idx:
        return None
    country = vocab.country_for(m.group("name"), demonyms=False)
    return None if country is None or hosts_peacekeepers(country, ctx.base) else country


def _member_states(subject: Token) -> bool:
    """"Member States", "troop-contributing countries", "delegations", "other contributors": the
    UN's members as one body, not a country ("Nepal's delegation" and "African member states" are
    not)."""
    lex = vocabulary()
    mods = [c for c in subject.children if c.dep_ in {"compound", "amod", "poss", "nmod"}]
    if country_of_tokens(mods) or any(c.dep_ == "poss" for c in mods):
        return False
    if subject.lower_ in lex["collective_members"] and not any(m.dep_ in {"compound", "amod"} and m.text[:1].isupper() for m in mods):
        return True
    words = {t.lower_ for m in mods for t in m.subtree}
    if words - lex["collective_member_modifiers"] - {"-", "all", "the"}:
        return False  # "EU member states", "African troop-contributing countries": a group's, not all
    return subject.lower_ in {"states", "countries", "nations"} and bool(words & lex["collective_member_modifiers"])


def _relative_antecedent(clause: Token) -> Optional[str]:
    """The mission or country a relative clause is about ("the UN Mission in South Sudan, which has
    …", "Nepal, which has …"), from the antecedent's own words (not the clause's)."""
    inside = {t.i for t in clause.subtree}
    antecedent = clause.head
    if antecedent.dep_ == "pobj" and antecedent.head.lower_ == "in" and antecedent.head.head.pos_ == "PROPN":
        owner = antecedent.head.head  # "MINUSMA in Mali, which had 13,000 peacekeepers": the mission, not its place
        mission = vocab.mission_for(" ".join(t.text for t in owner.subtree if t.i < antecedent.head.i and t.dep_ != "det"))
        if mission:
            return mission
    words = " ".join(t.text for t in antecedent.subtree if t.i not in inside and t.dep_ not in {"det", "punct"})
    mission = vocab.mission_for(words) or next((m for _, m in mission_mentions(words)), None)
    if mission:
        return mission
    if antecedent.dep_ == "appos" and antecedent.pos_ == "NOUN" and antecedent.head.pos_ == "PROPN":
        # "UNIFIL, the mission which has lost 335 peacekeepers": the name the noun stands beside
        named = " ".join(t.text for t in antecedent.head.subtree if t.i < antecedent.i and t.dep_ not in {"det", "punct"})
        return vocab.mission_for(named) or vocab.country_for(named, demonyms=False)
    return vocab.country_for(words, demonyms=False) if antecedent.pos_ == "PROPN" else None


def _expletive(verb: Token) -> bool:
    """"It is an honour to …", "It was sad that …": a copula with a complement and a clause after it
    has a dummy "it" for subject."""
    complements = [c for c in verb.children if c.dep_ in {"attr", "acomp"}]
    if verb.lemma_ != "be" or not complements:
        return False
    clauses = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "advcl"}] + [
        g for c in complements for g in c.children if g.dep_ in {"relcl", "acl", "xcomp"}  # "an honour to present"
    ]
    # "It is proud/ready to send …" is the country speaking; "It is sad that …" and "It is an
    # honour to …" are not
    markers = {"to", "that"} if any(c.dep_ == "attr" for c in complements) else {"that"}
    return any(any(a.lower_ in markers and a.dep_ in {"aux", "mark"} for a in c.children) for c in clauses)


def _is_home_to(verb: Token, anchor: Token) -> bool:
    """"Lebanon is home to 10,000 blue helmets": the copula with "home to" over the figure."""
    if verb.lemma_ != "be":
        return False
    return any(
        t.lower_ == "home" and any(p.lower_ == "to" and anchor.i in {x.i for x in p.subtree} for p in t.children)
        for t in verb.children
    )


def _capital_for_government(subject: object) -> Optional[str]:
    """"Islamabad has contributed …", "Kigali has pledged …": a capital standing for its government.
    Capitals that are also people's names or words ("Victoria", "Male") are left alone."""
    words = [t for t in subject.subtree if t.dep_ != "det"]  # type: ignore[attr-defined]
    if not words or len(words) > 3 or any(t.pos_ not in {"PROPN", "NOUN"} or not t.text[:1].isupper() for t in words):
        return None
    phrase = " ".join(t.text for t in words)
    if phrase.lower() in vocabulary()["capitals_not_governments"]:
        return None
    return vocab.capital_country(phrase)


def _un_subject(verb: Token, ctx: SentenceContext) -> str:
    """"Overall, the UN deploys around 68,000", "The UN itself has 11 operations": the UN as a
    whole, even in a story about one mission; "The UN has 14,000 troops in South Sudan" is the
    mission serving there."""
    holders = [verb] + [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    for prep in (c for holder in holders for c in holder.children):
        if prep.dep_ == "prep" and prep.lower_ in {"in", "to"}:
            mission = mission_at_place(" ".join(t.text for t in prep.subtree), ctx.base)
            if mission:
                return mission
    return "UN"


def _mission_of_story(ctx: SentenceContext, subject: object) -> Optional[str]:
    """"The mission/force/UN has …": the mission named here or before, else where the story is."""
    words = " ".join(t.text for t in subject.subtree)  # type: ignore[attr-defined]
    named = vocab.mission_for(re.sub(r"^(?:the|The)\s+", "", words))
    if named:
        return named
    if ctx.missions_here:
        return ctx.missions_here[0]
    if ctx.mission_before:
        return ctx.mission_before
    if ctx.plan.missions:
        return ctx.plan.missions[0]
    if subject.lower_ in {"un", "u.n.", "nations"} and not re.search(r"\bmission\b", ctx.text, re.IGNORECASE):  # type: ignore[attr-defined]
        return "UN"
    block = ctx.full_text[ctx.plan.block.start : ctx.candidate.sentence.end]
    return mission_at_place(block, ctx.base) or ("UN" if subject.lower_ in {"un", "u.n.", "nations"} else None)  # type: ignore[attr-defined]


_TOPIC = re.compile(r"^\W*(?:For|As for|As regards|In the case of|Regarding|Turning to)\s+(?:the\s+)?(?P<name>[^,]{2,60}?)\s*,")


def fronted_topic(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"For Nepal, the figure stands at 6,200", "In the case of Fiji, some 400 soldiers …": a
    sentence that opens on a country or mission is about it ("In Mali, …" is a place, not this)."""
    m = _TOPIC.match(ctx.text)
    if m is None or r.figure.start - ctx.offset < m.end():
        return None
    name = m.group("name")
    return vocab.country_for(name, demonyms=False) or vocab.mission_for(name, year=ctx.base.year if ctx.base else None)


def speaker_country(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"A further 40 policewomen would join UNMISS in May, Zambia's police service said": a figure
    the clause gives no owner is the country whose army, police or ministry reports it."""
    reporting = vocabulary()["reporting_verbs"]
    node = r.verb
    while node is not None and node.head.i != node.i and node.lemma_.lower() not in reporting:
        node = node.head
    if node is None or node.lemma_.lower() not in reporting:
        return None
    for child in node.children:
        if child.dep_ == "nsubj" and child.lower_ in vocabulary()["national_bodies"]:
            return subject_phrase_country(child)
    return None


def partitive_frame(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"Of Kenya's 1,100 uniformed personnel in UN missions, 190 are women": a part named after a
    fronted "Of/Out of <whole>," belongs to whoever the whole belongs to."""
    # the sentence opens with it ("Of Kenya's 1,100 …, 190 are women", "Out of …", "Among them, …"),
    # not "145 of them are women"
    opener = next((t for t in ctx.sdoc[:3] if t.lower_ in {"of", "among"} and t.dep_ == "prep" and (
        t.i == ctx.sdoc[0].i or t.nbor(-1).lower_ == "out" or not any(x.like_num or x.is_alpha for x in ctx.sdoc[: t.i - ctx.sdoc[0].i])
    )), None)
    if opener is None or r.anchor in opener.subtree or r.root in opener.subtree:
        return None
    whole = next((g for g in opener.children if g.dep_ == "pobj"), None)
    if whole is not None and whole.lower_ in {"them", "these", "those"} and not metric.is_forward_looking:
        # "… 40,000 Austrians have served. Of them, 54 died in UN missions": whoever they were
        return ctx.state.last_subject if ctx.state.last_subject_end >= 0 else None
    if whole is None or noun_class(whole) != "personnel":
        return None  # "Of Indonesia's contingent, …": the whole need not give its number
    mods = [c for c in whole.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
    demonym = vocab.country_for(demonym_phrase(whole)) if whole.lower_ not in vocabulary().noun_category else None
    return demonym or country_of_tokens(mods) or _possessor(whole, ctx)  # "Of the 2,700 Ghanaians …, 420 are female"


def mission_subject(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"The force numbers about 1,100, more than 1,000 of which are soldiers": a sentence whose
    subject is the mission or force gives its figures to that mission."""
    for tok in ctx.sdoc:
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.lower_ in vocabulary()["mission_subjects"] and any(
            c.lower_ in {"the", "this", "that"} for c in tok.children
        ):
            if tok.lower_ in {"force", "forces"} and _force_country(tok):
                return None  # "The Tanzania People's Defence Force currently has 1,420 troops": the country's
            return _mission_of_story(ctx, tok)
    for tok in ctx.sdoc:
        # "Since UNMISS was set up in 2011, 90 peacekeepers have been killed": a mission named as
        # the subject of a clause of the sentence (here the one that opens the period)
        named = vocab.mission_for(tok.text) if tok.dep_ in {"nsubj", "nsubjpass"} and tok.pos_ == "PROPN" else None
        if named:
            return named
    return None


def fact_sheet(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"Current peacekeeping operations: 12", "Fatalities in 2021: 117": a label that names no
    country or mission is a line of a fact sheet on UN peacekeeping as a whole."""
    if r.how not in {"label", "death-subject"}:
        return None
    colon = ctx.text.rfind(":", 0, r.figure.start - ctx.offset)
    if colon == -1 or ctx.text[colon + 1 : r.figure.start - ctx.offset].strip(" \n*"):
        return None
    label = ctx.text[:colon]
    if country_mentions(label) or vocab.mission_mentions(label):
        return None
    return _sheet_mission(ctx) or _box_owner(ctx) or "UN"


# (leader-dot lines arrive as "label : figure": ingest.chrome.key_value_rows rewrote them)
_BOX_LINE = re.compile(
    r"^[ \t|*•-]*[^\n]{1,80}:[ \t]*[\d$][^\n:]*$"  # "Troops: 9,800", "Largest contingent: UNMISS : 850"
    r"|^[ \t]*\|.*\|[ \t]*$"  # "| Personnel deployed | 2,700 |"
)


def _box_owner(ctx: SentenceContext) -> Optional[str]:
    """The one country or mission a box of labelled figures is headed by ("Ghana in UN peacekeeping"
    / "| Personnel deployed | 2,700 |", "UNIFIL fact box" / "Troops: 9,800"): its lines are that
    owner's. The heading is the first line above the box's lines."""
    text, pos = ctx.full_text, ctx.candidate.sentence.start
    start = ctx.plan.block.start
    for _ in range(20):
        line_end = text.rfind("\n", start, pos)
        if line_end == -1:
            return None
        line_start = text.rfind("\n", start, line_end) + 1
        line = text[line_start:line_end]
        pos = line_start
        if not line.strip():
            return None  # a blank line ends the box: no heading
        if _BOX_LINE.match(line):
            continue
        countries = {c for _s, _e, _surface, c in country_mentions(line)}
        missions = {m.acronym for m in vocab.mission_mentions(line)}
        if not countries and not missions and (line.strip().startswith("(") or (len(line.strip()) <= 60 and re.search(r"\d", line))):
            # "(UN figures at 30 September 2016)" under "FACT BOX - SENEGAL IN UN PEACEKEEPING": the
            # heading's date line; "Rank among contributors  8th": a box line of another shape
            continue
        if len(countries) + len(missions) == 1:
            owner = next(iter(countries | missions))
            if owner in countries and hosts_peacekeepers(owner, ctx.base):
                return mission_at_place(line, ctx.base)  # "UN peacekeeping in Lebanon": the force there
            return owner
        return None
    return None


def _sheet_mission(ctx: SentenceContext) -> Optional[str]:
    """The one mission a fact sheet is about, named first on its page ("UNMIK — United Nations
    Interim Administration Mission in Kosovo / Fact sheet …"): its lines are that mission's."""
    head = ctx.full_text[ctx.plan.block.start : ctx.plan.block.start + 500]
    mentions = vocab.mission_mentions(head)
    named = list(dict.fromkeys(m.acronym for m in mentions))
    sheet = _SHEET.search(head)
    if len(named) != 1 or sheet is None:
        return None
    # the mission named before the sheet's own words ("UNMIK — … / Fact sheet, published …")
    return named[0] if any(m.start < sheet.start() for m in mentions) else None


_SHEET = re.compile(r"\bfact\s*sheet\b|\bat a glance\b|\bkey (?:facts|figures)\b|\bprofile\b", re.IGNORECASE)


def un_wide(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"under the UN flag", "worldwide", "from 120 countries", the Secretary-General: the UN's figure."""
    if not ctx.cues.has("UN_WIDE") or any(_national_force(t) for t in ctx.sdoc):
        return None  # "members of the Armed Forces … serving in 10 missions across the world": a country's
    if all(_LOCATIVE_CUE.match(span.text) for span in ctx.cues.spans["UN_WIDE"]) and country_mentions(ctx.text):
        # "Nigeria's uniformed personnel in UN operations now number 1,052, made up of 364 troops, …":
        # "in UN operations" says where a country's people serve, not that they are everyone
        return None
    return "UN"


_LOCATIVE_CUE = re.compile(r"(?:in|across|throughout)\s+(?:all\s+)?(?:the\s+)?(?:un|u\.n\.)\s+(?:peacekeeping\s+)?(?:missions|operations)$", re.IGNORECASE)


_UN_COUNTS = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?(?:latest\s+)?(?:UN|U\.N\.|United\s+Nations)\b|"
    r"\b(?:UN|U\.N\.|United\s+Nations)(?:['’]s?)?\s+(?:data|figures|statistics|records|tally|count)\b|"
    r"\bDepartment\s+of\s+(?:Peace|Peacekeeping)\s+Operations\b|\bDP(?:K)?O\b|"
    r"\b(?:UN|U\.N\.|United\s+Nations)(?:\s+[A-Za-z]+){0,3}?\s+(?:says?|said|reports?|reported|recorded|records|counted)\b"
)
_TOLL_NOUNS = frozenset({"deaths", "fatalities"})


def un_source_toll(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"Sixty-one peacekeepers lost their lives in 2024, down from 103 in 2023, according to figures
    released by the UN Department of Peace Operations", "The UN recorded 61 peacekeeper deaths":
    the dead the UN counts, of no country, mission or place the sentence names, are all of its own."""
    if metric is not Metric.FATALITIES_TOTAL or not _UN_COUNTS.search(ctx.text):
        return None  # (not the wounded of one attack: "At least 10 peacekeepers were hurt, the UN said")
    if r.noun is not None and r.noun.lower_ not in vocabulary()["peacekeeper_nouns"] | _TOLL_NOUNS:
        return None
    if country_mentions(ctx.text) or ctx.missions_here or vocab.place_mentions(ctx.text):
        return None
    return "UN"


def level_owner(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"Sweden's contribution to UN peacekeeping drops to 37 people": the owner of the contribution."""
    match = LEVEL_OF_COUNT.search(ctx.text[: r.figure.start - ctx.offset])
    return vocab.country_for(match.group("owner")) or vocab.mission_for(match.group("owner")) if match else None


def whole_of_countries(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"Of the 61 peacekeepers who died in 2024, seven were from Nepal", "Pakistan lost 4 soldiers,
    out of the 103 peacekeepers killed worldwide that year": the whole that countries' shares are
    taken from is everyone's (unless it is a mission's, or a country's own)."""
    noun = r.noun
    if not metric.is_casualty or noun is None or r.how != "nummod" or noun.lower_ not in vocabulary()["peacekeeper_nouns"] | _TOLL_NOUNS or noun.head.lower_ != "of":
        return None  # (a strength split by country is a mission's or a sector's: "Of the 1,200 in the sector")
    of = noun.head
    if not (of.head.lower_ == "out" or (of.i == ctx.sdoc[0].i and of.dep_ == "prep")):
        return None
    if any(c.dep_ in {"amod", "compound", "poss", "nmod"} for c in noun.children) or ctx.missions_here or _force_named(ctx):
        return None  # (not "the 311 peacekeepers the mission lost": the mission's)
    outside = {t.i for t in noun.subtree}
    rest = " ".join(t.text for t in ctx.sdoc if t.i not in outside)
    return "UN" if country_mentions(rest) and not vocab.place_mentions(" ".join(t.text for t in noun.subtree)) else None


def mission_context(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"There are 13,000 peacekeepers in MINUSCA": a mission's own strength, when no country is
    named (a pledge to join a mission is the pledging country's, not the mission's)."""
    if metric.is_forward_looking or (metric.is_casualty and metric.is_cumulative):
        return None
    # the mission must be on the figure's own phrase ("13,000 peacekeepers in MINUSCA", "serve with
    # UNIFIL"), not in another clause ("With the end of MINUSTAH, Brazil's contribution falls to 280")
    phrase: set[int] = _own_subtree(r.anchor)
    for holder in (r.verb, r.noun):
        if holder is None:
            continue
        for c in holder.children:
            if c.i == r.anchor.i or c.dep_ not in {"prep", "nsubj", "nsubjpass", "attr", "dobj", "agent"}:
                continue
            if c.lower_ in _PARTS:
                continue  # "160 are women peacekeepers, including a Female Engagement Team in MONUSCO": a part's place
            if c.dep_ == "prep" and (c.i < holder.i or any(
                o.lower_ in vocabulary()["time_nouns"] or o.lower_ in {"end", "start", "beginning", "close"} for o in c.children
            )):
                continue  # "With the end of MINUSTAH, …", "in the final months of MINUSMA": when, not where
            phrase |= _own_subtree(c)
    if r.noun is not None:
        phrase.add(r.noun.i)  # "UNIFIL numbers about 10,500": the force read as the count's owner
    root = r.root.sent.root  # "UNIFIL numbers 10,500, more than 9,000 of whom are soldiers": the sentence's subject
    phrase |= {t.i for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "dep"} and c.i < root.i for t in c.subtree}
    words = " ".join(t.text for t in ctx.sdoc if t.i in phrase)
    named = [m for _, m in mission_mentions(words)] or [m for m in (vocab.mission_for(t.text) for t in ctx.sdoc if t.i in phrase) if m]
    if len(set(named)) > 1:
        return None  # "1,006 members of the force … are serving in MONUSCO, MINUSCA, UNMISS, …": a contributor's, spread over several
    if named and _MAINLY.search(words):
        return None  # "468 are on United Nations missions, principally UNIFIL in Lebanon": missions, and the main one
    if named:
        return named[0]
    for tok in (ctx.sdoc[i] for i in sorted(phrase)):
        # "more than 13,000 uniformed personnel in the mission": the mission named before
        if tok.lower_ in {"mission", "operation"} and tok.dep_ == "pobj" and any(
            c.dep_ == "det" and c.lower_ in {"the", "this"} for c in tok.children
        ) and not any(c.dep_ in {"amod", "compound", "poss", "nmod"} for c in tok.children):
            return ctx.missions_here[0] if ctx.missions_here else ctx.mission_before
    return None


_PARTS = frozenset({"including", "excluding", "besides", "among"})
#: a mission named as the main one of several ("on UN missions, principally UNIFIL", "mainly within the MONUSCO")
_MAINLY = re.compile(r"\b(?:principally|mainly|mostly|chiefly|largely|primarily|notably|especially|above all)\b", re.IGNORECASE)


def _own_subtree(tok: Token) -> set[int]:
    """``tok``'s subtree without the parts an "including …" lists ("160 are women peacekeepers,
    including a Female Engagement Team in MONUSCO": MONUSCO is where some of them are)."""
    inside = {t.i for t in tok.subtree}
    for t in tok.subtree:
        if t.i != tok.i and ((t.lower_ in _PARTS and t.dep_ == "prep") or t.lower_ in _SHARES):
            # (and a share of them somewhere: "64 women, the majority within the MINUSMA")
            inside -= {g.i for g in t.subtree}
    return inside


_SHARES = frozenset({"majority", "most", "mostly", "bulk", "half", "many"})


def mission_place(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"4,050 military personnel … were deployed in Darfur": the strength of the mission there."""
    if not (metric.is_serving or (metric.is_casualty and not metric.is_incident)) or r.verb is None:
        return None  # "26 peacekeepers were killed in Mali last year": that mission's toll
    holder = r.verb
    if r.root.dep_ == "conj" and r.root.head.i == r.verb.i and any(c.dep_ == "prep" for c in r.root.children):
        holder = r.root  # "47 … have died in Lebanon alone and 89 in UN service overall": the 89's own place
    for prep in holder.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "to"}:
            words = " ".join(t.text for t in prep.subtree)
            if len({p.text for p in vocab.place_mentions(words)}) > 1:
                return None  # "mostly in South Sudan and the Central African Republic": a contributor's spread, no one mission's
            mission = mission_at_place(words, ctx.base)
            if mission is not None:
                return mission
    return None


#: a toll's place, not a part of it ("in Mali, 80 peacekeepers died in 2013"; not "…, most of them in Somalia")
_PLACE_OF_TOLL = re.compile(r"^\W*(?:[Ii]n|[Aa]cross)\s+[A-Z]|\b(?:died|killed|lost)\s+(?:[a-z]+\s+){0,3}in\s+(?:the\s+)?[A-Z]")


def un_scale(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """A figure larger than any country's ever was ("over 4,400 peacekeepers who lost their lives")
    is the UN's, whatever country the story is about."""
    ceiling = vocabulary().country_maxima.get(metric.value)
    year_ceiling = vocabulary().year_maxima.get(metric.value)
    one_year = (
        year_ceiling is not None and not r.cumulative and r.tense == "past" and r.anchor.dep_ in {"nsubj", "nsubjpass"}
        and any(d.value is not None and d.value.month is None and d.role == "as_of" for d in ctx.dates)
        and not any(d.role in {"since", "range"} for d in ctx.dates) and not _is_incident_metric(r, ctx, metric)
    )
    if one_year and year_ceiling is not None and r.figure.figure.value > year_ceiling and not ctx.missions_here and not _PLACE_OF_TOLL.search(ctx.text):
        return "UN"  # "The deadliest year was 1993, when 252 peacekeepers died": more than any country lost in a year
    if ceiling is None or r.figure.figure.value <= ceiling:
        return None
    owner = clause_subject(r, ctx, metric)
    if owner and owner != "UN" and vocab.mission(owner) is not None:
        return None  # "UNOSOM II had 28,000 troops": a mission may be larger than any country's share
    return "UN"


def paragraph_mission(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """A paragraph about one mission ("UNFICYP — Established in 1964 … the staff was comprised of
    937 total uniformed personnel") gives its figures to that mission."""
    if metric.is_forward_looking:
        return None
    return ctx.candidate.paragraph_mission


def the_mission(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"Since 1964, 186 peacekeepers have died while serving with the mission": "the mission" (or
    "the force", "the operation") in the figure's own clause is the mission the story is about."""
    if metric.is_forward_looking or r.verb is None or len(set(ctx.missions_here)) > 1:
        return None  # (not "1,006 members of the force … are serving in MONUSCO, MINUSCA, UNMISS …": which one?)
    for tok in r.verb.subtree:
        if tok.lower_ in {"mission", "force", "operation"} and tok.dep_ == "pobj" and any(
            c.dep_ == "det" and c.lower_ in {"the", "this"} for c in tok.children
        ) and not any(c.dep_ in {"amod", "compound", "poss", "nmod", "prep"} for c in tok.children):
            return _mission_of_story(ctx, tok)
    return None


def un_noun(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"a year in which 64 UN peacekeepers died in total", "12 peacekeeping operations led by the
    UN": a count the text gives to the UN itself, in a sentence that names no country or mission,
    is the UN's, not the story's country's (one incident's dead are still the mission's)."""
    noun = r.noun
    if noun is None or _is_incident_metric(r, ctx, metric) or metric.is_forward_looking:
        return None
    if ctx.missions_here or country_mentions(ctx.places_text) or any(c.dep_ == "prep" and c.lower_ == "from" for c in noun.children):
        return None  # "2,700 UN peacekeepers from the country": whoever the country is
    mods = {c.lower_ for c in noun.children if c.dep_ in {"amod", "compound", "nmod"}}
    if noun_class(noun) == "personnel" and mods & {"un", "u.n."}:
        return "UN"
    led = next((c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in {"lead", "run", "manage"}), None)
    if noun_class(noun) == "mission" and led is not None and re.search(
        r"\b(?:UN|U\.N\.|United Nations|Department of Peace(?:keeping)? Operations|DPO|DPKO)\b", " ".join(t.text for t in led.subtree)
    ):
        return "UN"  # "12 peacekeeping operations led by the Department of Peace Operations"
    if noun_class(noun) == "mission" and r.verb is not None and any(
        c.dep_ in {"nsubj", "nsubjpass"} and noun_class(c) == "personnel"
        and {g.lower_ for g in c.children if g.dep_ in {"amod", "compound", "nmod"}} & {"un", "u.n."}
        and not any(g.dep_ == "prep" and g.lower_ == "from" for g in c.children)
        for c in r.verb.children
    ):
        return "UN"  # "UN peacekeepers serve in 11 operations": the UN's missions, when no one else is named
    return None


def sentence_country(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"Morocco is a curious case: almost all of its contribution is military, concentrated in two
    missions": the one contributor the sentence names (not as a place), before the owner of the
    sentence before."""
    if r.noun is not None and r.noun.lower_ in vocabulary()["mission_subjects"]:
        return None  # "…, which contributes 900 troops to the 15,000-strong force": the force's size
    base = ctx.sdoc[0].idx if len(ctx.sdoc) else 0
    named = {
        country for start, end, _surface, country in country_mentions(ctx.text)
        if not _PLACE_BEFORE.search(ctx.text[max(0, start - 30) : start]) and any(
            base + start <= t.idx < base + end and (
                t.dep_ in {"nsubj", "nsubjpass"} or (t.dep_ in {"poss", "compound", "amod"} and t.head.dep_ in {"nsubj", "nsubjpass"})
            ) for t in ctx.sdoc
        )
    }
    if len(named) != 1:
        return None
    country = next(iter(named))
    return None if hosts_peacekeepers(country, ctx.base) else country


def previous_sentence(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"Kenya is third, with 1,229. There are 27 police, …": the subject of the sentence before."""
    state = ctx.state
    if state.last_subject is None or state.last_subject_end < 0:
        return None
    gap = ctx.full_text[state.last_subject_end : ctx.candidate.sentence.start]
    return state.last_subject if len(gap.strip()) == 0 else None


_MISSIONS_AT_LARGE = re.compile(r"\b(?:missions|operations)\b", re.IGNORECASE)


def story_country(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """The country the story is about, last. A country a peacekeeping force serves in owns no
    figure of peacekeepers ("Last year, 61 peacekeepers were killed" in a story about the Congo,
    "raising the country's contribution to 400" in a story from Bentiu): its own soldiers are not
    peacekeepers, and the figure is someone else's."""
    country = ctx.plan.default_country or ctx.state.last_subject
    if hosts_peacekeepers(country, ctx.base):
        return None
    if metric.is_serving and len(set(ctx.missions_here)) == 1 and not _MISSIONS_AT_LARGE.search(ctx.text):
        # "Another 1,200 soldiers serve with MINUSCA" in a story about Rwanda: a contingent in one
        # mission (which the conventions leave neutral) or the mission's own strength, never the
        # country's whole contribution, which an owner taken from the story would claim (not "468
        # are on United Nations missions, principally UNIFIL")
        return None
    if metric.is_casualty and metric.is_cumulative and not any(_national_force(t) for t in ctx.sdoc):
        # "Since the mission began, 57 peacekeepers have been killed" in a story about Ghana: an
        # all-time toll with no owner in its sentence is a mission's or everyone's; a country's own
        # dead are told as its own ("Ghana has lost", "Ghanaian peacekeepers", "members of the
        # Defence Forces have died")
        return None
    return country



def peacekeepers_at_large(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[str]:
    """"More than 40 peacekeepers died in hostile acts in 2017": peacekeepers as such, in a story
    that names no country, no mission and no place of one, are the UN's. Any of those named
    anywhere in the block is the owner a reader would look for instead, so the figure has none."""
    noun = r.noun
    if noun is None or noun.lower_ not in vocabulary()["peacekeeper_nouns"] or _is_incident_metric(r, ctx, metric):
        return None  # one incident's dead are a mission's, never the UN's at large
    if any(c.dep_ == "poss" for c in noun.children) or r.how not in {"nummod", "partitive", "copula", "conj"}:
        return None
    owner_words = vocabulary()["country_pronouns"] | vocabulary()["mission_subjects"]
    if r.verb is not None and any(c.dep_ == "nsubj" and c.lower_ in owner_words for c in r.verb.children):
        return None  # "the country has 6,000 peacekeepers": an owner the text names but we could not resolve
    plan = ctx.plan
    if ctx.missions_here or ctx.mission_before or plan.missions or plan.default_country or plan.country_positions:
        return None
    block = ctx.full_text[plan.block.start : plan.block.end]
    if country_mentions(ctx.text) or mission_at_place(block, ctx.base):
        return None
    return "UN"


SUBJECT_RULES: tuple[SubjectRule, ...] = (
    SubjectRule("incident-mission", incident_mission),
    SubjectRule("noun-country", noun_country),
    SubjectRule("origin", origin_verb),
    SubjectRule("list-entry", list_entry),
    SubjectRule("whole-of-countries", whole_of_countries),
    SubjectRule("level-owner", level_owner),
    SubjectRule("noun", noun_words),
    SubjectRule("un-scale", un_scale),
    SubjectRule("clause", clause_subject),
    SubjectRule("topic", fronted_topic),
    SubjectRule("partitive-frame", partitive_frame),
    SubjectRule("mission-subject", mission_subject),
    SubjectRule("fact-sheet", fact_sheet),
    SubjectRule("un-wide", un_wide),
    SubjectRule("un-source", un_source_toll),
    SubjectRule("mission-context", mission_context),
    SubjectRule("mission-place", mission_place),
    SubjectRule("paragraph-mission", paragraph_mission),
    SubjectRule("speaker", speaker_country),
    SubjectRule("the-mission", the_mission),
    SubjectRule("un-noun", un_noun),
    SubjectRule("sentence-country", sentence_country),
    SubjectRule("previous-sentence", previous_sentence),
    SubjectRule("story-country", story_country),
    SubjectRule("peacekeepers-at-large", peacekeepers_at_large),
)


def decide_subject(
    r: Reading, ctx: SentenceContext, metric: Metric, disabled: frozenset[str] = frozenset()
) -> Optional[tuple[str, str]]:
    """(subject, rule name) from the first rule that finds one; None when nothing in the text says
    whose figure it is. There is no default owner: a last-resort "the UN's" gave only wrong facts
    on the red-team pages (a host country's wounded, a mission's strength) and no right one on the
    development or unseen pages."""
    for rule in SUBJECT_RULES:
        if rule.name in disabled:
            continue
        subject = rule.apply(r, ctx, metric)
        if subject:
            return subject, rule.name
    return None
