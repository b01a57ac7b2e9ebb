"""From a parsed sentence to typed facts: what a number counts, about whom, as of when.

The model is CQE (EMNLP 2023): dependency rules around each number, with the counted noun as
the unit. For every candidate number the rules find

* the **counted noun** (``nummod`` head, climbing compounds: "161 gallant Pakistanis"),
* its **predicate** (death and injury phrases, pledges and futures, cumulative markers such as
  "since 1960" or the perfect "has deployed", current markers such as "currently", "on duty"),
* the **subject** (a demonym on the noun, a mission-wide "international troops … in UNIFIL",
  the clause subject "Pakistan had contributed", else the block's main country),
* the **category** (troops / police / military observers / women / personnel) from the noun,
  its modifiers and conjuncts,
* the **as-of date** and **period start** (a date tied to the number, a sentence-leading date,
  an anaphoric "This also …" sentence inheriting the previous one, the story's event date,
  the publication date, or an anniversary anchor).

Everything here reads spaCy tokens (tags, lemmas and the dependency parse; no entities, so the
pipeline runs without NER for facts) and returns plain :class:`~peacefacts.records.Fact` records.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

import attrs

from peacefacts.nlp import lexicon
from peacefacts.nlp.dates import find_dates
from peacefacts.nlp.plan import BlockPlan, Candidate, mission_mentions
from peacefacts.records import AsOfSource, Category, Fact, Metric, PartialDate, Qualifier

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["facts_from_sentence", "SentenceState", "dedupe_facts"]

INCIDENT_WORDS = re.compile(
    r"\b(attack\w*|ambush\w*|explosion|blast|IED|mine|convoy|crash\w*|clash\w*|shelling|shot|gunmen|"
    r"rocket|mortar|raid|bomb\w*|assault)\b",
    re.IGNORECASE,
)

PLEDGE_LEMMAS = frozenset(
    {"pledge", "commit", "promise", "plan", "target", "aim", "expect", "intend", "offer", "propose",
     "announce", "vow", "prepare"}
)
PLEDGE_NOUNS = frozenset({"pledge", "pledges", "commitment", "target", "plan", "offer"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "going"})
PERSONNEL_VERBS = frozenset(
    {"send", "deploy", "contribute", "dispatch", "serve", "supply", "provide", "join", "participate",
     "have", "reach", "increase", "expand", "raise", "number", "total", "station", "rotate", "involve"}
)

CURRENT_MARKERS = re.compile(
    r"\b(currently|presently|at present|now|today|as of now|on duty|at the moment|are serving|is serving|"
    r"are deployed|is deployed|are on|still serving|this time)\b",
    re.IGNORECASE,
)
CUMULATIVE_MARKERS = re.compile(
    r"\b(since|so far|to date|till date|until now|over the years|(?:over|in|during) the (?:last|past)|in total|"
    r"altogether|in all|ever|cumulative\w*|in (?:its|their) history|over th(?:ose|ese)|decades of|"
    r"years of)\b",
    re.IGNORECASE,
)

_SINCE_THEN = re.compile(r"\b[Ss]ince (then|this|that)\b")
_YEAR = re.compile(r"\b(?:19[4-9]\d|20\d\d)\b")
_ANAPHORA = re.compile(r"^\W*(This|These|That|Those|It|They|Over those|In those|During those)\b")
@attrs.define
class SentenceState:
    """What a sentence leaves to the next one ("This also claimed the lives of …")."""

    as_of: Optional[PartialDate] = None
    as_of_source: AsOfSource = AsOfSource.NONE
    since: Optional[PartialDate] = None
    end: int = -1
    last_subject: Optional[str] = None  # the country the story was last about


# ---------------------------------------------------------------------------------------------
# rules over a parsed sentence


def _span_tokens(sdoc: Any, offset: int, start: int, end: int) -> list[Token]:
    span = sdoc.char_span(start - offset, end - offset, alignment_mode="expand")
    return list(span) if span is not None else []


def _root_of(tokens: Sequence[Token]) -> Token:
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[-1]


_SCALE = frozenset({"thousand", "lakh", "lakhs", "crore", "crores", "million", "mln", "billion", "hundred", "dozen"})


def _counted_noun(root, inside: set[int]):
    """The noun a number counts: its nummod head, climbing compounds and scale words."""
    tok = root
    head = tok.head
    if head.i in inside or head.i == tok.i:
        return None
    if tok.dep_ not in {"nummod", "quantmod", "compound", "amod", "nmod", "nsubj", "nsubjpass", "appos", "conj", "dobj", "pobj"}:
        return None
    partitive = next(
        (g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
         if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}),
        None,
    )
    if partitive is not None and tok.lower_ not in {"one", "1"}:
        return partitive  # "15 of its peacekeepers", "160 of the soldiers" (not "one of the largest …")
    if tok.dep_ in {"nsubj", "nsubjpass", "appos", "conj", "dobj", "pobj"}:
        # "155 of them women": the appositive noun
        if head.lower_ in {"women", "female"} and tok.dep_ == "nsubj":
            return head
        return None
    if head.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return None
    while head.lower_ in _SCALE and head.head.i != head.i and head.head.pos_ in {"NOUN", "PROPN"}:
        head = head.head
    while head.dep_ in {"compound", "nmod"} and head.head.pos_ in {"NOUN", "PROPN"} and head.head.i != head.i:
        head = head.head  # "army and police personnel": the head noun counts
    return head


def _noun_class(noun) -> str:
    low = noun.lower_
    if low in lexicon.MISSION_NOUNS:
        if low == "areas" and not any(c.lower_ == "mission" for c in noun.children):
            return "other"
        return "mission"
    if low in lexicon.COUNTRY_NOUNS:
        return "country" if low != "continents" else "other"
    if low in lexicon.PERSONNEL_NOUNS:
        return "personnel"
    if noun.text[:1].isupper() and low.endswith("s") and lexicon.country_for(noun.text) and (
        lexicon.normalize(noun.text) != lexicon.normalize(lexicon.country_for(noun.text) or "")
    ):
        return "personnel"  # a demonym plural: "181 Pakistanis"
    return "other"


def _verb_of(tok):
    """The nearest verb governing ``tok``."""
    for anc in tok.ancestors:
        if anc.pos_ in {"VERB", "AUX"}:
            return anc
    return None


def _finite(verb):
    """Climb infinitives and participles to the verb that carries tense."""
    seen = 0
    while verb is not None and seen < 6:
        seen += 1
        if verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBN", "VBG"} and verb.head.i != verb.i:
            # a participle modifying a noun ("troops deployed in 10 missions") has no tense of its own
            nxt = verb.head if verb.head.pos_ in {"VERB", "AUX"} else _verb_of(verb.head)
            if nxt is None:
                return verb
            verb = nxt
            continue
        if verb.tag_ in {"VBZ", "VBP", "VBD", "MD"}:
            return verb
        if any(c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO" for c in verb.children):
            return verb
        if verb.dep_ in {"xcomp", "acl", "advcl", "relcl", "conj", "ccomp", "pcomp"} and verb.head.i != verb.i:
            nxt = verb.head
            if nxt.pos_ not in {"VERB", "AUX"}:
                nxt = _verb_of(nxt)
            verb = nxt
            continue
        return verb
    return verb


def _aux_words(verb) -> set[str]:
    words = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if verb.dep_ == "conj" and not words:
        words = {c.lower_ for c in verb.head.children if c.dep_ in {"aux", "auxpass"}}
    return words


def _chain(tok) -> list:
    """``tok`` and its ancestors up to the root."""
    return [tok, *tok.ancestors]


def _death_or_injury_word(tok) -> Optional[str]:
    low = tok.lower_
    lemma = tok.lemma_.lower() if tok.lemma_ else low
    if low.startswith(("injur", "wound")) or lemma in {"injure", "wound"}:
        return "injury"
    if low in {"killed", "died", "martyred", "perished", "fallen", "sacrificed", "sacrificing", "dead", "deaths"}:
        return "death"
    if lemma in {"die", "perish", "martyr", "kill"}:
        return "death"
    if low in {"lives", "life"}:  # "lost their lives", "claimed the lives of", "laid down their lives"
        return "death"
    if low == "sacrifice" and any(c.lower_ in {"ultimate", "supreme"} for c in tok.children):
        return "death"
    return None


def _predicate(anchor) -> Optional[str]:
    """"death", "injury" or None: the nearest such predicate of the number's phrase.

    The phrase's own clauses come first ("161 Pakistanis who had made the ultimate sacrifice",
    "29 killed in 2023"), then the governing words outwards, each with its objects ("lost their
    lives"), so "two killed and four others wounded" gives the four an injury.
    """
    for tok in sorted(anchor.subtree, key=lambda t: abs(t.i - anchor.i)):
        if tok.i != anchor.i:
            kind = _death_or_injury_word(tok)
            if kind:
                return kind
    for anc in anchor.ancestors:
        kind = _death_or_injury_word(anc)
        if kind:
            return kind
        if (anc.lemma_ or "").lower() == "lose" and anchor.dep_ == "dobj" and anchor.head.i == anc.i:
            return "death"  # "the mission has lost 180 peacekeepers"
        for child in anc.children:
            if child.dep_ in {"dobj", "prt", "attr", "acomp"}:
                for tok in child.subtree:
                    kind = _death_or_injury_word(tok)
                    if kind:
                        return kind
    return None


def _is_death(root, noun) -> bool:
    return _predicate(noun if noun is not None else root) == "death"


def _is_injury(root, noun) -> bool:
    return _predicate(noun if noun is not None else root) == "injury"


def _is_pledge(root, noun, verb) -> bool:
    anchor = noun if noun is not None else root
    for tok in _chain(anchor)[1:]:
        if tok.pos_ in {"VERB", "AUX"}:
            lemma = tok.lemma_.lower() if tok.lemma_ else tok.lower_
            if lemma in PLEDGE_LEMMAS or tok.lower_ in {"pledged", "committed", "planned", "expected", "targeted"}:
                return True
            if _aux_words(tok) & FUTURE_AUX:
                return True
            if any(c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.lower_ in PLEDGE_NOUNS for c in tok.children):
                return True
        if tok.lower_ in PLEDGE_NOUNS:
            return True
    # "We have set a target of sending 3,500 personnel by 2014"
    sent = anchor.doc.text.lower()
    return bool(re.search(r"\b(target|goal|aim) of\b", sent))


def _clause_text(doc, top) -> str:
    """The text of ``top``'s clause without clauses conjoined to it ("…, and currently has …")."""
    skip: set[int] = set()
    for child in top.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
            skip.update(t.i for t in child.subtree)
    return " ".join(t.text for t in top.subtree if t.i not in skip)


def _markers(doc, verb) -> tuple[bool, bool]:
    """(current, cumulative) markers in the clause of ``verb`` (or the sentence)."""
    if verb is not None:
        top = verb
        while top.dep_ in {"xcomp", "acl", "advcl", "pcomp"} and top.head.i != top.i:
            top = top.head
        clause = _clause_text(doc, top)
        # sentence-leading adverbials ("At present, …", "Since 1990, …") attach to the root
        lead_end = next((t.idx for t in doc if t.dep_ == "punct" and t.text == ","), 0)
        text = doc.text[:lead_end] + " " + clause if lead_end < min(t.idx for t in top.subtree) else clause
    else:
        text = doc.text
    current = bool(CURRENT_MARKERS.search(text))
    cumulative = bool(CUMULATIVE_MARKERS.search(text))
    return current, cumulative


def _tense(verb) -> str:
    """perfect / future / present / past / none for the finite verb of a clause."""
    if verb is None:
        return "none"
    aux = _aux_words(verb)
    if aux & FUTURE_AUX:
        return "future"
    if aux == {"to"} and verb.tag_ == "VB" and (verb.dep_ == "ROOT" or verb.head.pos_ in {"PROPN", "NOUN"}):
        return "future"  # headline grammar: "Pakistan to send 128 police officers"
    if aux & {"has", "have", "had", "'ve", "'s"} and verb.tag_ == "VBN":
        return "perfect"
    if verb.tag_ in {"VBZ", "VBP"} or aux & {"is", "are", "am"}:
        return "present"
    if verb.tag_ == "VBD" or aux & {"was", "were"}:
        return "past"
    return "none"


def _category(noun, verb) -> Optional[Category]:
    if noun is None:
        return None
    words: list[str] = []
    nouns = [noun, *noun.conjuncts]
    for n in nouns:
        words.append(n.lower_)
        for child in n.children:
            if child.dep_ in {"compound", "amod", "nmod", "conj"}:
                words.append(child.lower_)
                words.extend(c.lower_ for c in child.children if c.dep_ in {"compound", "conj"})
            if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                words.extend(t.lower_ for t in child.subtree)
    text = " ".join(words)
    found: set[Category] = set()
    for word in words:
        cat = lexicon.NOUN_CATEGORY.get(word)
        if cat is not None and cat is not Category.PERSONNEL:
            found.add(cat)
    if re.search(r"\b(military|armed|army|service|defence|defense)\b", text):
        found.add(Category.TROOPS)
    if verb is not None and any(
        t.lower_ == "observers" and t.head.lower_ == "as" for t in verb.subtree
    ):
        found = {Category.MILITARY_OBSERVERS}
    if "men" in words and "women" in words:
        found.discard(Category.WOMEN)
    if Category.WOMEN in found:
        return Category.WOMEN
    if Category.MILITARY_OBSERVERS in found and noun.lower_ in {"observers", "observer"}:
        return Category.MILITARY_OBSERVERS
    if len(found) == 1:
        return next(iter(found))
    if len(found) > 1:
        return Category.PERSONNEL
    return Category.PERSONNEL if _noun_class(noun) == "personnel" else None


def _country_of_tokens(tokens: Iterable) -> Optional[str]:
    for tok in tokens:
        if tok.pos_ in {"PROPN", "ADJ", "NOUN"}:
            country = lexicon.country_for(tok.text)
            if country:
                return country
    return None


def _subject_phrase_country(subj) -> Optional[str]:
    words = [t for t in subj.subtree]
    if len(words) <= 6:
        phrase = " ".join(t.text for t in words if t.dep_ != "det")
        country = lexicon.country_for(phrase)
        if country:
            return country
    # "Indonesia's peacekeeping unit", "the Republic of Korea", "Pakistani peacekeepers"
    return _country_of_tokens(
        [subj] + [c for c in subj.children if c.dep_ in {"poss", "compound", "amod", "nmod", "pobj", "prep"}]
        + [g for c in subj.children if c.dep_ == "prep" for g in c.children]
    )


_PRONOUNS = frozenset({"we", "it", "she", "he", "they", "country", "nation", "our", "its"})


def _subject(
    noun, root, verb, plan: BlockPlan, mission_before: Optional[str], sdoc, state: Optional[SentenceState] = None
) -> Optional[str]:
    anchor = noun if noun is not None else root
    # 1. the counted noun is a demonym plural, or carries a demonym/possessive
    if noun is not None:
        if _noun_class(noun) == "personnel" and noun.lower_ not in lexicon.PERSONNEL_NOUNS:
            country = lexicon.country_for(noun.text)
            if country:
                return country
        mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
        is_personnel = _noun_class(noun) == "personnel"
        international = is_personnel and any(c.lower_ in {"international", "foreign", "multinational"} for c in mods)
        mission_in_sentence = next((m for _, m in mission_mentions(sdoc.text)), None)
        if international or is_personnel and any(
            c.dep_ == "prep" and c.lower_ == "from" and any(g.lower_ == "countries" for g in c.subtree)
            for c in noun.children
        ):
            return mission_in_sentence or "UN"
        country = _country_of_tokens(mods)
        if country:
            return country
        origin = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"from", "of"} for g in c.children
                  if g.dep_ == "pobj"]
        country = _country_of_tokens(origin)
        if country and is_personnel:
            return country  # "13 peacekeepers from Bangladesh"
        if noun.head.lower_ == "of" and noun.head.head.like_num and noun.head.dep_ == "prep" and noun.head.head.i != root.i:
            return "UN"  # "49 of the 71 UN peacekeeping missions": the 71 are the UN's
        mission = next((lexicon.mission_for(c.text) for c in mods if lexicon.mission_for(c.text)), None)
        if mission and is_personnel:
            return mission  # "Three UNIFIL peacekeepers were injured"
        if is_personnel and any(c.lower_ in {"u.n.", "un", "united"} for c in mods):
            if re.search(r"\b(that|the|this) (operation|mission)\b", sdoc.text, re.IGNORECASE) and mission_before:
                return mission_before
            return mission_in_sentence or "UN"
        # "with nearly 20,000 military personnel" attached to "The Congo operation"
        for anc in noun.ancestors:
            if anc.lower_ in {"operation", "mission", "force"}:
                phrase = " ".join(t.text for t in anc.subtree if t.dep_ in {"compound"} or t.i == anc.i)
                mission = lexicon.mission_for(phrase)
                if mission:
                    return mission
                if anc.dep_ in {"attr", "nsubj"}:
                    for sib in anc.head.children:
                        if sib.dep_ == "nsubj" and sib.i != anc.i:
                            phrase = " ".join(t.text for t in sib.subtree if t.dep_ != "det")
                            mission = lexicon.mission_for(phrase)
                            if mission:
                                return mission
    # 2. the subject of the governing clause(s)
    steps = 0
    node = verb
    while node is not None and steps < 4:
        steps += 1
        for child in node.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i != anchor.i and child not in anchor.subtree:
                if child.lower_ in _PRONOUNS or (child.lower_ == "country" and child.dep_ == "nsubj"):
                    return (state.last_subject if state else None) or plan.default_country
                if child.lower_ in {"mission", "operation", "force"}:
                    named = lexicon.mission_for(" ".join(t.text for t in child.subtree if t.dep_ != "det"))
                    in_sentence = next((m for _, m in mission_mentions(sdoc.text)), None)
                    return named or in_sentence or mission_before or "UN"
                country = _subject_phrase_country(child)
                if country:
                    return country
                mission = lexicon.mission_for(child.text)
                if mission:
                    return mission
        if node.head.i == node.i:
            break
        node = node.head if node.head.pos_ in {"VERB", "AUX"} else _verb_of(node)
    if noun is not None and any(c.lower_ in {"country", "its", "their", "our"} for c in noun.subtree if c.dep_ == "poss"):
        # "the country's contingent", "its troops": whoever the story was just about
        return (state.last_subject if state else None) or plan.default_country
    return plan.default_country or (state.last_subject if state else None)


_NON_UN_WINDOW = 8

PEACEKEEPING_CONTEXT = re.compile(
    r"peacekeep|blue helmet|\bU\.?N\.?\b|United Nations|\bmission|\bduty\b|\bservice\b|\bserving\b|"
    r"deploy|contingent|battalion|troops|soldiers",
    re.IGNORECASE,
)

#: Predicates that make a figure something other than a deployment, a pledge or a toll:
#: withdrawals, cuts and authorised ceilings.
VETO_LEMMAS = frozenset(
    {"withdraw", "repatriate", "reduce", "cut", "evacuate", "expel", "drawdown", "authorize", "authorise",
     "mandate", "cap", "slash", "trim", "downsize"}
)
VETO_WORDS = re.compile(r"\b(authori[sz]ed strength|ceiling|troop cap|pull(?:ed|ing)? out|drawdown|draw down)\b", re.IGNORECASE)


def _vetoed_predicate(root, noun) -> bool:
    anchor = noun if noun is not None else root
    node = _verb_of(anchor)
    for _ in range(3):
        if node is None:
            break
        if (node.lemma_ or node.lower_).lower() in VETO_LEMMAS:
            return True
        node = _verb_of(node)
    span = " ".join(t.text for t in anchor.subtree)
    head_text = " ".join(t.text for t in anchor.head.subtree) if anchor.head.i != anchor.i else span
    return bool(VETO_WORDS.search(span) or VETO_WORDS.search(head_text[:200]))

#: Nouns that count people in general; they need a peacekeeping predicate to be a figure
#: ("The two officials also discussed …" is not a deployment).
GENERIC_PERSON_NOUNS = frozenset(
    {"officials", "officers", "officer", "members", "member", "people", "staff", "men", "persons",
     "individuals", "citizens", "nationals", "women", "others"}
)
_SERVICE_LEMMAS = PERSONNEL_VERBS | PLEDGE_LEMMAS | {"station", "rotate", "include", "comprise", "return", "arrive"}


def _has_service_predicate(noun, verb) -> bool:
    if any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _SERVICE_LEMMAS for c in noun.children):
        return True
    node = verb
    for _ in range(4):
        if node is None:
            return False
        if node.lemma_.lower() in _SERVICE_LEMMAS:
            return True
        if node.head.i == node.i:
            return False
        node = _verb_of(node)
    return False


def _non_un(root, noun, sdoc) -> bool:
    """A figure about EUFOR, KFOR, the African Union …: the number's phrase names the force."""
    words = []
    for tok in sdoc[root.i : root.i + _NON_UN_WINDOW]:
        if tok.is_punct and tok.text not in {"-", "/"}:
            break
        words.append(tok.text)
    before = " ".join(t.text for t in sdoc[max(0, root.i - 4) : root.i])
    return bool(lexicon.NON_UN_FORCES.search(" ".join(words)) or lexicon.NON_UN_FORCES.search(before))


def _nearest_personnel_noun(sdoc, root):
    best = None
    for tok in sdoc:
        if tok.i == root.i:
            continue
        if _noun_class(tok) == "personnel" and tok.pos_ in {"NOUN", "PROPN"}:
            if best is None or abs(tok.i - root.i) < abs(best.i - root.i):
                best = tok
    return best


def facts_from_sentence(
    sdoc,
    candidate: Candidate,
    plan: BlockPlan,
    state: SentenceState,
    mission_before: Optional[str] = None,
    *,
    full_text: str,
) -> list[Fact]:
    """Facts of one parsed candidate sentence (``sdoc`` is the spaCy Doc of its text)."""
    offset = candidate.sentence.start
    base = plan.event_date or plan.published
    dates = find_dates(sdoc.text, 0, len(sdoc.text), base=base)
    sentence_text = sdoc.text

    # sentence-level dates: a leading adverbial ("As of Dec 2023,", "Last month,", "Between 1960 and 2007,")
    lead_as_of = lead_since = None
    lead_source = AsOfSource.NONE
    first_comma = sentence_text.find(",")
    since_any = None
    claimed: set[int] = set()
    lead_clause = sentence_text[: first_comma + 1] if first_comma != -1 else ""
    # "Since its initial service with the UN in 1957, …", "With its very first deployment … in 1993, …":
    # a date inside a leading since/first clause starts the period, it does not date the figure
    lead_is_start = bool(re.match(r"\W*(since|with its (very )?first|from its first|after its first)\b", lead_clause, re.IGNORECASE))
    dates = [
        dm._replace(role="as_of") if dm.role == "target" and dm.text.lower().startswith("as of") else dm
        for dm in dates
    ]
    root = next((t for t in sdoc if t.dep_ == "ROOT"), None)
    subject_at = min((t.idx for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree), default=root.idx) if root is not None else 0
    for dm in dates:
        if dm.role == "since" and dm.value is not None:
            since_any = since_any or dm.value
        if lead_is_start and dm.value is not None and dm.end <= max(first_comma + 1, subject_at):
            lead_since = dm.value
            since_any = since_any or dm.value
            claimed.add(dm.start)
            continue
        if first_comma != -1 and dm.end <= first_comma + 1 and dm.start <= 30:
            if dm.role in {"as_of", "range"} and dm.value is not None:
                lead_as_of = dm.end_value if (dm.role == "range" and dm.end_value) else dm.value
                lead_since = dm.value if dm.role == "range" else None
                lead_source = _source_of(dm)
                claimed.add(dm.start)
            elif dm.role == "since" and dm.value is not None:
                lead_since = dm.value
                claimed.add(dm.start)
    if since_any is None and lead_since is None and _SINCE_THEN.search(sentence_text):
        years = _YEAR.findall(full_text, plan.block.start, candidate.sentence.start)
        if years:
            since_any = PartialDate(int(years[-1]))
    if lead_as_of is None and _ANAPHORA.match(sentence_text) and state.end >= 0:
        lead_as_of, lead_source = state.as_of, state.as_of_source
        lead_since = lead_since or state.since

    # every figure's number and counted noun, so a date is given to the figure it belongs to
    figure_tokens: set[int] = set()
    for other in candidate.figures:
        toks = _span_tokens(sdoc, offset, other.num_start, other.num_end)
        if toks:
            other_root = _root_of(toks)
            figure_tokens.add(other_root.i)
            other_noun = _counted_noun(other_root, {t.i for t in toks})
            if other_noun is not None:
                figure_tokens.add(other_noun.i)

    facts: list[Fact] = []
    for fm in candidate.figures:
        tokens = _span_tokens(sdoc, offset, fm.num_start, fm.num_end)
        if not tokens:
            continue
        root = _root_of(tokens)
        inside = {t.i for t in tokens}
        if fm.figure.value <= 0:
            continue
        noun = _counted_noun(root, inside)
        rule = "nummod"
        if noun is None:
            # no counted noun: a death predicate, "from N in YEAR", or an object of a personnel verb
            verb = _verb_of(root)
            lemma = (verb.lemma_.lower() if verb is not None and verb.lemma_ else "")
            if _predicate(root) == "death" and root.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj", "appos", "conj"} and (
                root.dep_ in {"nsubj", "nsubjpass"} or any(c.dep_ in {"acl", "relcl"} for c in root.children)
            ):
                rule = "death-subject"  # "168 of them have died", "including 29 killed in 2023"
            elif _predicate(root) == "injury" and root.dep_ in {"nsubj", "nsubjpass"}:
                rule = "injury-subject"
            elif verb is not None and (
                lemma in PERSONNEL_VERBS or lemma in PLEDGE_LEMMAS
                or (root.dep_ == "pobj" and root.head.lower_ in {"to", "from"})
            ) and root.dep_ in {"dobj", "pobj", "attr", "nsubj", "appos"}:
                noun = _nearest_personnel_noun(sdoc, root)
                if noun is None:
                    continue
                rule = "inferred-noun"
            else:
                continue
        noun_class = _noun_class(noun) if noun is not None else "personnel"
        if noun_class == "other":
            continue  # "30 civilians were killed", "59,000 tours of duty": not peacekeepers
        if noun is not None and noun.dep_ == "conj" and _noun_class(noun.head) == "other" and noun.lower_ in GENERIC_PERSON_NOUNS:
            continue  # "30 civilians and 12 people"
        if _vetoed_predicate(root, noun):
            continue
        if _non_un(root, noun, sdoc):
            continue
        verb = _verb_of(noun if (noun is not None and rule == "nummod") else root)
        if noun is not None and rule == "nummod":
            # "the 1,200 women peacekeepers Bangladesh has sent": the relative clause is the predicate
            own = next((c for c in noun.children if c.dep_ == "relcl" and c.pos_ == "VERB"), None)
            if own is not None and not _is_death(root, noun):
                verb = own
        if noun is not None and rule == "nummod" and noun.lower_ in GENERIC_PERSON_NOUNS:
            if _is_death(root, noun) or _is_injury(root, noun):
                # "the attack killed 30 people": a death toll is ours only among peacekeepers
                if not PEACEKEEPING_CONTEXT.search(sentence_text):
                    continue
            elif not _has_service_predicate(noun, verb):
                continue
        finite = _finite(verb)
        tense = _tense(finite)
        current, cumulative = _markers(sdoc, finite if finite is not None else verb)
        category = _category(noun, verb) if rule not in {"death-subject", "injury-subject"} else Category.PERSONNEL

        metric: Optional[Metric]
        if noun_class == "personnel":
            anchor_tok = noun if rule == "nummod" else root
            if rule == "injury-subject":
                metric = Metric.INJURIES_TOTAL
                rule += ".injury"
            elif _is_death(root, anchor_tok if rule == "nummod" else None) or rule == "death-subject":
                incident = bool(INCIDENT_WORDS.search(sentence_text)) and not cumulative
                metric = Metric.FATALITIES_INCIDENT if incident else Metric.FATALITIES_TOTAL
                rule += ".death"
            elif _is_injury(root, anchor_tok if rule == "nummod" else None):
                metric = Metric.INJURIES_TOTAL
                rule += ".injury"
            elif root.dep_ == "pobj" and root.head.lower_ == "from":
                metric = Metric.PERSONNEL_DEPLOYED  # the baseline of "to 4,000 from 2,867 in 2014"
                rule += ".baseline"
            elif tense == "future" or _is_pledge(root, anchor_tok, verb):
                metric = Metric.PERSONNEL_PLEDGED
                rule += ".pledge"
            elif current and not (cumulative and tense == "perfect"):
                metric = Metric.PERSONNEL_DEPLOYED
                rule += ".current"
            elif cumulative or tense == "perfect" or _is_range_dated(dates):
                if tense == "perfect" and finite is not None and finite.lemma_.lower() == "have" and not cumulative:
                    metric = Metric.PERSONNEL_DEPLOYED  # "We have had 3,552 personnel"
                    rule += ".possession"
                else:
                    metric = Metric.PERSONNEL_SERVED_TOTAL
                    rule += ".cumulative"
            elif tense == "past" and finite is not None and finite.lemma_.lower() in {"involve", "send", "dispatch", "contribute"} and not _has_point_date(dates):
                metric = Metric.PERSONNEL_SERVED_TOTAL
                rule += ".past-total"
            else:
                metric = Metric.PERSONNEL_DEPLOYED
                rule += ".deployed"
            if metric is Metric.PERSONNEL_DEPLOYED and category is Category.WOMEN:
                metric = Metric.WOMEN_DEPLOYED
        elif noun_class == "mission":
            if tense == "future" or _is_pledge(root, noun, verb):
                continue
            if current and not cumulative:
                metric = Metric.MISSIONS_CURRENT
            elif cumulative or tense in {"perfect", "past"}:
                metric = Metric.MISSIONS_SERVED_TOTAL
            elif tense == "present":
                metric = Metric.MISSIONS_CURRENT  # "has 6,000 peacekeepers deployed in 10 missions"
            else:
                metric = Metric.MISSIONS_SERVED_TOTAL
            category = None
            rule += ".missions"
        else:  # country
            prep = noun.head.lower_ if noun is not None else ""
            if prep not in {"in", "to", "across"}:
                continue
            if current and not cumulative:
                continue  # "deployed in 13 different countries" now: not in the vocabulary
            if not (cumulative or tense in {"perfect", "past"}):
                continue
            metric = Metric.COUNTRIES_SERVED_TOTAL
            category = None
            rule += ".countries"

        subject = _subject(noun if rule.startswith("nummod") else None, root, verb, plan, mission_before, sdoc, state)
        if metric is Metric.FATALITIES_INCIDENT:
            subject = _incident_mission(sdoc.text) or mission_before or subject
        if subject is None:
            subject = "UN"

        anchors = {root.i} | ({noun.i} if noun is not None else set()) | ({verb.i} if verb is not None else set())
        anchors |= {finite.i} | {a.i for a in finite.ancestors} if finite is not None else set()
        others = figure_tokens - {root.i} - ({noun.i} if noun is not None else set())
        as_of, as_of_source, since = _as_of_for(
            fm, dates, offset, claimed, lead_as_of, lead_source, lead_since, since_any, metric, plan, sentence_text,
            attached=lambda dm, a=anchors, o=others: _date_attached(sdoc, dm, a, o),
        )
        facts.append(
            Fact(
                doc=plan.doc_id,
                subject=subject,
                metric=metric,
                figure=fm.figure,
                category=category,
                as_of=as_of,
                as_of_source=as_of_source,
                since=since,
                evidence=full_text[candidate.sentence.start : candidate.sentence.end],
                start=fm.num_start,
                end=fm.num_end,
                rule=rule + ("+headline" if _is_headline(candidate, plan, full_text) else ""),
            )
        )
    # the story's country for "its troops" later on: any subject that is not the UN or a mission
    named = [f.subject for f in facts if f.subject != "UN" and not lexicon.mission_for(f.subject)]
    if named:
        state.last_subject = named[-1]
    if facts or lead_as_of is not None:
        keep = next((f for f in facts if f.as_of_source in {AsOfSource.EXPLICIT, AsOfSource.RELATIVE}), None)
        state.as_of = keep.as_of if keep else lead_as_of
        state.as_of_source = keep.as_of_source if keep else lead_source
        state.since = next((f.since for f in facts if f.since), lead_since)
        state.end = candidate.sentence.end
    return facts


def _is_headline(candidate: Candidate, plan: BlockPlan, full_text: str) -> bool:
    sent = full_text[candidate.sentence.start : candidate.sentence.end].strip()
    if plan.block.title and sent == plan.block.title.strip():
        return True
    first_line = full_text[plan.block.start : plan.block.end].lstrip().split("\n", 1)[0].strip()
    return sent == first_line and not sent.endswith(".")


# Where a deadly incident happened → the mission there (the current one for each place).
_PLACE_MISSIONS = (
    (re.compile(r"\bCentral African Republic\b|\bCAR\b|\bBangui\b"), "MINUSCA"),
    (re.compile(r"\bMali\b|\bTimbuktu\b|\bKidal\b|\bGao\b"), "MINUSMA"),
    (re.compile(r"\bDemocratic Republic of (?:the )?Congo\b|\bDRC\b|\bDR Congo\b|\bBeni\b|\bGoma\b|\bNorth Kivu\b"), "MONUSCO"),
    (re.compile(r"\bSouth Sudan\b|\bJuba\b"), "UNMISS"),
    (re.compile(r"\bLebanon\b|\bNaqoura\b"), "UNIFIL"),
    (re.compile(r"\bDarfur\b"), "UNAMID"),
    (re.compile(r"\bAbyei\b"), "UNISFA"),
    (re.compile(r"\bGolan\b"), "UNDOF"),
    (re.compile(r"\bCyprus\b"), "UNFICYP"),
    (re.compile(r"\bWestern Sahara\b"), "MINURSO"),
    (re.compile(r"\bHaiti\b"), "MINUSTAH"),
    (re.compile(r"\bLiberia\b"), "UNMIL"),
)


def _incident_mission(sentence: str) -> Optional[str]:
    mentioned = mission_mentions(sentence)
    if mentioned:
        return mentioned[0][1]
    for pattern, mission in _PLACE_MISSIONS:
        if pattern.search(sentence):
            return mission
    return None


def _is_range_dated(dates) -> bool:
    return any(d.role == "range" and d.value is not None for d in dates)


def _has_point_date(dates) -> bool:
    return any(d.role == "as_of" and d.value is not None for d in dates)


def _source_of(dm) -> AsOfSource:
    text = dm.text.lower()
    if re.search(r"\b(last|yesterday|today|this|next|ago|now|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", text):
        return AsOfSource.RELATIVE
    return AsOfSource.EXPLICIT


_CUMULATIVE_METRICS = frozenset(
    {Metric.PERSONNEL_SERVED_TOTAL, Metric.MISSIONS_SERVED_TOTAL, Metric.COUNTRIES_SERVED_TOTAL, Metric.FATALITIES_TOTAL}
)


def _date_attached(sdoc, dm, anchors: set[int], others: set[int]) -> bool:
    """Whether a date phrase belongs to this figure's clause and not to another figure.

    Walking up from the date, the figure's number, noun or verb must come before any other
    figure's number or noun ("Over 4,000 have died since 1948, including 29 killed in 2023": the
    2023 belongs to the 29).
    """
    tokens = [t for t in sdoc if dm.start <= t.idx < dm.end]
    if not tokens:
        return False
    node = _root_of(tokens)
    for anc in [node, *node.ancestors]:
        if anc.i in others:
            return False
        # "from 2,867 in 2014": the date hangs on the preposition that governs another figure
        if anc.i != node.i and any(c.i in others and c.dep_ in {"pobj", "dobj", "nsubj"} for c in anc.children):
            return False
        if anc.i in anchors:
            return True
    return False


def _as_of_for(fm, dates, offset, claimed, lead_as_of, lead_source, lead_since, since_any, metric, plan, sentence,
               attached=lambda dm: True):
    """As-of date, its source, and period start for one figure."""
    local_start = fm.end - offset
    as_of = None
    source = AsOfSource.NONE
    since = None
    chosen = None
    # a date right after the number ("from 2,867 in 2014", "reached 2,809 in March 2016", "29 killed in 2023")
    for dm in dates:
        if dm.start in claimed or dm.value is None or dm.role not in {"as_of", "range"}:
            continue
        gap = sentence[local_start : dm.start]
        if 0 <= dm.start - local_start <= 40 and re.fullmatch(r"[\s,]*(?:[a-z]+\s+){0,3}(?:in|as of|on|at|during)?\s*", gap, re.IGNORECASE):
            chosen = dm
            break
    if chosen is None and lead_as_of is not None:
        as_of, source = lead_as_of, lead_source
        since = lead_since
    if chosen is None and as_of is None:
        # a point date or range elsewhere in the figure's own clause ("were sent … in June 1958",
        # "…, President Xi told the General Assembly in September 2015")
        others = [
            d for d in dates
            if d.start not in claimed and d.value is not None and d.role in {"as_of", "range"} and attached(d)
        ]
        if len(others) == 1:
            chosen = others[0]
    if chosen is not None:
        as_of = chosen.end_value if chosen.role == "range" and chosen.end_value else chosen.value
        since = chosen.value if chosen.role == "range" else None
        source = _source_of(chosen)
        if (
            metric is Metric.FATALITIES_TOTAL
            and since is None
            and as_of is not None
            and as_of.precision == "year"
            and re.match(r"(?:in|during|throughout)\b", chosen.text, re.IGNORECASE)
        ):
            since = as_of  # deaths within one calendar year: since = as_of = that year
    if (
        chosen is None
        and metric is Metric.FATALITIES_TOTAL
        and since is None
        and as_of is not None
        and as_of.precision == "year"
        and lead_source is AsOfSource.EXPLICIT
        and re.match(r"\W*(?:in|during|throughout)\s+\d{4}\b", sentence, re.IGNORECASE)
    ):
        since = as_of  # "In 2020, 13 peacekeepers were killed": that year's deaths
    if metric is Metric.PERSONNEL_PLEDGED and as_of is not None and plan.published is not None:
        if as_of.first_day > plan.published.last_day:
            as_of, source, since = None, AsOfSource.NONE, None  # a target date, not when it was pledged
    if as_of is None:
        if plan.event_date is not None:
            as_of, source = plan.event_date, AsOfSource.RELATIVE
        elif plan.published is not None:
            as_of, source = plan.published, AsOfSource.PUBLISHED
        elif plan.anchor_as_of is not None:
            as_of, source = plan.anchor_as_of, AsOfSource.ANCHOR
            since = since or plan.anchor_since
    if since is None:
        since = lead_since or since_any
    if since is None and metric in _CUMULATIVE_METRICS:
        since = _period_since(sentence, as_of or plan.published)
        if since is None and plan.anchor_since is not None and as_of == plan.anchor_as_of:
            since = plan.anchor_since
    if metric not in _CUMULATIVE_METRICS:
        since = None
    if since is not None and since.precision != "year":
        since = PartialDate(since.year)
    return as_of, source, since


def _period_since(sentence: str, base: Optional[PartialDate]) -> Optional[PartialDate]:
    from peacefacts.nlp.dates import period_start

    match = re.search(r"\b(?:over|in|during|for) the (?:last|past) [\w-]+(?: [\w-]+)? (?:years|decades)\b", sentence, re.IGNORECASE)
    if not match or base is None:
        return None
    return period_start(match.group(0), base)


def dedupe_facts(facts: Sequence[Fact]) -> list[Fact]:
    """One fact per (subject, metric, value, category) in a document.

    A figure repeated in the headline and the body, or with and without its hedge, is one
    claim: keep the hedged form and the first body mention.
    """
    body_values = {(f.subject, f.figure.value) for f in facts if not f.rule.endswith("+headline")}
    # headline grammar ("China participates in 30 missions") misleads the tense rules: a
    # headline figure the body repeats is the body's fact
    facts = [f for f in facts if not (f.rule.endswith("+headline") and (f.subject, f.figure.value) in body_values)]
    best: dict[tuple, Fact] = {}
    order: list[tuple] = []
    for fact in facts:
        key = (fact.subject, fact.metric, fact.figure.value)
        if key not in best:
            best[key] = fact
            order.append(key)
            continue
        kept = best[key]
        if kept.qualifier is Qualifier.EXACT and fact.qualifier is not Qualifier.EXACT:
            best[key] = fact
        elif (kept.as_of is None) and fact.as_of is not None:
            best[key] = fact
    return [best[k] for k in order]
