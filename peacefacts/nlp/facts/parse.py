"""Reading the dependency parse around a number: its counted noun, its verb, tense and category.

Pure functions over spaCy tokens (tags, lemmas, dependencies; no entities). The model is CQE
(EMNLP 2023): the counted noun is the number's unit, found by climbing ``nummod`` and compounds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from peacefacts import vocab
from peacefacts.nlp.facts.vocabulary import vocabulary
from peacefacts.records import Category, PartialDate

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = [
    "span_tokens",
    "root_of",
    "counted_noun",
    "noun_class",
    "noun_before_comma",
    "verb_of",
    "without_clauses",
    "finite_verb",
    "aux_words",
    "tense_of",
    "category_of",
    "honoured",
    "country_of_tokens",
    "subject_phrase_country",
    "hosts_peacekeepers",
    "reported_speaker",
]

_SCALE_WORDS = frozenset({"thousand", "lakh", "lakhs", "crore", "crores", "million", "mln", "billion", "hundred", "dozen"})
_NOUN_LINKS = frozenset(
    {"nummod", "quantmod", "compound", "amod", "nmod", "nsubj", "nsubjpass", "appos", "conj", "dobj", "pobj", "attr"}
)


def span_tokens(sdoc: Doc, offset: int, start: int, end: int) -> list[Token]:
    """The tokens of the document span ``[start, end)`` in a sentence Doc starting at ``offset``."""
    span = sdoc.char_span(start - offset, end - offset, alignment_mode="expand")
    return list(span) if span is not None else []


def root_of(tokens: Sequence[Token]) -> Token:
    """The token of ``tokens`` whose head lies outside them."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[-1]


def _partitive(tok: Token) -> Optional[Token]:
    """"15 of its peacekeepers", "more than 1,000 of which": the noun after "of"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.pos_ in {"NOUN", "PROPN"} or obj.lower_ in {"which", "whom", "them", "these", "those"}):
                    return obj
    return None


def counted_noun(root: Token, inside: set[int]) -> Optional[Token]:
    """The noun a number counts: its ``nummod`` head, climbing compounds and scale words.

    A partitive counts its noun ("160 of the soldiers"), a number that is itself the subject or
    object counts nothing here (the caller infers the noun from context).
    """
    tok = root
    head = tok.head
    part = _partitive(tok)
    one = tok.lower_ in {"one", "1"} and not any(c.like_num for c in tok.children if c.i < tok.i)  # (not "thirty-one")
    if part is not None and not one and part.pos_ in {"NOUN", "PROPN"}:
        return part
    if head.i in inside or head.i == tok.i:
        return None
    if tok.dep_ == "det" and tok.lower_ in {"a", "an", "another"}:
        return head if head.pos_ in {"NOUN", "PROPN"} else None  # "a Ghanaian peacekeeper"
    if tok.dep_ not in _NOUN_LINKS:
        return None
    if tok.dep_ == "nummod" and head.i < tok.i:
        if noun_class(head) == "personnel" and head.i == tok.i - 1:
            return head  # "(troops 1,320; police 255)": a label before its figure
        # "said on Wednesday two Tanzanian army officers …": a misattached number counts the noun after it
        return _noun_after(tok)
    if tok.dep_ == "nummod" and head.pos_ in {"VERB", "AUX"}:
        return _noun_after(tok)  # "Presently 641 Sri Lanka Army personnel serve …": the number hung on the verb
    if tok.dep_ in {"nsubj", "nsubjpass", "appos", "conj", "dobj", "pobj", "attr"}:
        of_them = any(c.lower_ == "of" and any(g.lower_ in {"them", "whom"} for g in c.children) for c in tok.children)
        if tok.dep_ == "nsubj" and (head.lower_ in {"women", "female", "females"} or of_them and head.lower_ in vocabulary().noun_category):
            return head  # "155 of them women", "35 of them police"
        own = next((c for c in tok.children if c.lower_ in {"women", "female", "females"} and c.dep_ in {"appos", "attr", "npadvmod", "dobj"}), None)
        if of_them and own is not None:
            return own  # "638 police officers …, 112 of them women": whatever the parse calls the link
        return None
    if head.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return None
    while head.lower_ in _SCALE_WORDS and head.head.i != head.i and head.head.pos_ in {"NOUN", "PROPN"}:
        head = head.head
    while head.dep_ in {"compound", "nmod"} and head.head.pos_ in {"NOUN", "PROPN"} and head.head.i != head.i:
        head = head.head  # "army and police personnel": the head noun counts
    if noun_class(head) != "personnel" or head.lower_ in vocabulary()["troop_modifiers"] | vocabulary()["police"]:
        # "87,000 military, police and civilian personnel": the last conjunct is what is counted
        last = next((c for c in reversed(list(head.conjuncts)) if c.i > head.i and noun_class(c) == "personnel"), None)
        if last is not None and not any(t.like_num for t in last.children):
            return last
    return head


def _noun_after(tok: Token) -> Optional[Token]:
    doc = tok.doc
    for right in doc[tok.i + 1 : tok.i + 5]:
        if right.pos_ in {"NOUN", "PROPN"} and right.dep_ not in {"compound", "amod", "nmod"}:
            return right
        if right.pos_ not in {"ADJ", "NOUN", "PROPN", "ADV"}:
            return None
    return None


def demonym_phrase(noun: Token) -> str:
    """The noun with the capitalised compounds before it ("South Africans", "Sri Lankans")."""
    words = [c.text for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.text[:1].isupper() and not c.like_num]
    return " ".join([*words, noun.text])


def noun_class(noun: Token) -> str:
    """The noun's class: one of ``fact_words.toml``'s ``[noun_classes]`` (unit, mission, country),
    ``personnel`` (a counted noun of a category, or a demonym plural), or ``other``."""
    lex = vocabulary()
    low = noun.lower_
    for cls, listed in lex.noun_classes.items():  # fact_words.toml [noun_classes], in order
        if low in lex[listed]:
            return cls
    if low in lex["mission_qualifiers"] and any(c.lower_ == "mission" for c in noun.children):
        return "mission"  # "in eight mission areas"
    if low in lex.noun_category:
        return "personnel"
    counted = low.endswith("s") or (low.endswith(("ese", "ish", "ch")) and any(c.like_num for c in noun.children))
    if noun.text[:1].isupper() and counted:  # (a collective counted: "16,000 Togolese", "2,000 Irish")
        phrase = demonym_phrase(noun)
        country = vocab.country_for(phrase)
        if country and vocab.normalize(phrase) != vocab.normalize(country):
            return "personnel"  # a demonym plural: "181 Pakistanis", "1,150 South Africans"
    if low in {"force"} and any(c.lower_ in {"work"} for c in noun.children):
        return "personnel"
    return "other"


def without_clauses(tok: Token, deps: frozenset[str]) -> set[int]:
    """``tok``'s subtree without the clauses nested in it (tokens other than ``tok`` whose
    dependency is in ``deps``, with their subtrees): what ``tok``'s own words say."""
    nested = {t.i for c in tok.subtree if c.dep_ in deps and c.i != tok.i for t in c.subtree}
    return {t.i for t in tok.subtree} - nested


def verb_of(tok: Token) -> Optional[Token]:
    """The nearest verb governing ``tok``."""
    for anc in tok.ancestors:
        if anc.pos_ in {"VERB", "AUX"}:
            return anc
    return None


def finite_verb(verb: Optional[Token]) -> Optional[Token]:
    """Climb infinitives and participles to the verb that carries tense."""
    seen = 0
    while verb is not None and seen < 6:
        seen += 1
        if verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBN", "VBG"} and verb.head.i != verb.i:
            # a participle modifying a noun ("troops deployed in 10 missions") has no tense of its own
            nxt = verb.head if verb.head.pos_ in {"VERB", "AUX"} else verb_of(verb.head)
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
                nxt = verb_of(nxt)
            verb = nxt
            continue
        return verb
    return verb


def aux_words(verb: Token) -> set[str]:
    """The auxiliaries of ``verb`` (those of the first conjunct for "has served and lost")."""
    words = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if verb.dep_ == "conj" and not words:
        words = {c.lower_ for c in verb.head.children if c.dep_ in {"aux", "auxpass"}}
    return words


def tense_of(verb: Optional[Token]) -> str:
    """``future``, ``perfect``, ``present``, ``past`` or ``none`` for a finite verb."""
    if verb is None:
        return "none"
    aux = aux_words(verb)
    if aux & vocabulary()["future_aux"]:
        return "future"
    if "to" in aux and verb.tag_ == "VB" and (
        verb.dep_ == "ROOT" or verb.head.pos_ in {"PROPN", "NOUN"} or verb.head.lemma_ == "be"
    ):  # headline "Pakistan to send 128 police", "are to join"
        return "future"  # headline "Pakistan to send 128 police", "are to join"
    if verb.lemma_ == "be" and verb.tag_ in {"VBZ", "VBP"} and not any(c.dep_ in {"attr", "acomp"} for c in verb.children) and any(
        c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children) for c in verb.children
    ):
        return "future"  # "personnel are to join"
    about_to = {"set", "due", "about", "poised"}
    holder = verb if verb.lower_ in about_to else next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in about_to), None)
    if holder is not None and (aux & {"is", "are", "was", "were", "be", "'s", "'re"} or verb.lemma_ == "be") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in holder.children
    ):
        return "future"  # "Kenya is set to send 1,000 police", "troops are due to leave"
    if aux & {"has", "have", "had", "'ve", "'s"} and verb.tag_ == "VBN":
        return "perfect"
    if verb.tag_ in {"VBZ", "VBP"} or aux & {"is", "are", "am"}:
        return "present"
    if verb.tag_ == "VBD" or aux & {"was", "were"}:
        return "past"
    return "none"


def _counted_elsewhere(noun: Token, counted: Optional[Token] = None) -> bool:
    """Whether a conjunct noun has a number of its own ("310 from the police and 880 troops"),
    other than the one the counted noun ``counted`` has ("7,436 troops and police": one figure)."""
    mine = {t.i for t in counted.children if t.like_num} if counted is not None else set()
    if any(t.like_num and t.i not in mine for t in noun.children):
        return True
    if counted is not None and any(t.dep_ == "det" and t.lower_ in {"no", "zero"} for t in noun.children):
        return True  # "1,700 troops but almost no police": the police count none of the 1,700
    if any(  # "… and a formed police unit of 180 officers": the unit's own head count
        p.dep_ == "prep" and p.lower_ == "of" and any(t.like_num and t.i not in mine for o in p.children for t in o.children)
        for p in noun.children
    ):
        return True
    node = noun
    for _ in range(3):  # "310 from the police": the noun hangs on another number
        if node.head.i == node.i:
            break
        node = node.head
        if node.like_num and node.i not in mine:
            return True
    return False


def _police_force_subject(verb: Token) -> bool:
    """Whether the verb's subject is a police force ("The Ghana Police Service has …"); its
    members are police whatever the noun that counts them."""
    police = vocabulary()["police_modifiers"]
    for node in [verb, *verb.ancestors]:  # "has 240 officers serving": the subject is the finite verb's
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            # the force's own name words, not a police figure deeper in the subject ("2,700
            # personnel deployed: 2,300 troops, 300 police")
            names = [t for c in subjects for t in (c, *(k for k in c.children if k.dep_ in {"compound", "amod"}))]
            return any(t.lower_ in police for t in names)
    return False


def category_of(noun: Optional[Token], verb: Optional[Token]) -> Optional[Category]:
    """The category of personnel a counted noun names, from the noun, its modifiers and conjuncts."""
    if noun is None:
        return None
    lex = vocabulary()
    words: list[str] = []
    own = [noun]
    bare = not any(t.like_num for t in noun.children)
    for c in sorted(noun.conjuncts, key=lambda t: t.i):
        if c.i > noun.i and _counted_elsewhere(c, noun):
            break  # "5,980 troops, 215 police officers and 52 staff officers and military observers": the rest are 52's
        if not _counted_elsewhere(c, noun) or (bare and c.i < noun.i and c.i == noun.head.i):
            # (the parse may hang the number on the first conjunct: "45,000 Indonesian military and
            # police personnel" counts "military" and "police personnel" together)
            own.append(c)
    if noun.head.lower_ == "of" and noun.head.head.lower_ in {"unit", "units", "company", "battalion", "contingent"}:
        own.append(noun.head.head)  # "a formed police unit of 160 officers"
    if noun.dep_ == "appos" and noun.head.lower_ in lex["units"] and noun.lower_ not in lex["units"]:
        own.append(noun.head)  # "two formed police units, some 280 officers in total"
    for n in own:
        words.append(n.lower_)
        for child in n.children:
            if child.dep_ in {"compound", "amod", "nmod"} or (child.dep_ == "conj" and not _counted_elsewhere(child, noun)):
                words.append(child.lower_)
                words.extend(  # not "…, the MINURSO, of which 41 women": the women have a number of their own
                    c.lower_ for c in child.children
                    if c.dep_ in {"compound", "amod"} or (c.dep_ == "conj" and not _counted_elsewhere(c, noun))
                )
            if child.dep_ == "prep" and child.lower_ in {"of", "from"} and not any(t.like_num for t in child.subtree):
                words.extend(t.lower_ for t in child.subtree)  # not "…, 79 from the police": another figure
    if noun.dep_ == "conj" and not any(t.like_num for t in noun.children) and not _counted_elsewhere(noun.head):
        first = noun.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        words.extend(t.lower_ for t in first.subtree if t.i < noun.i and t.pos_ in {"NOUN", "ADJ", "PROPN"})
    found: set[Category] = set()
    for word in words:
        cat = lex.noun_category.get(word)
        if cat is not None and cat is not Category.PERSONNEL:
            found.add(cat)
    modifiers = set(words) - {noun.lower_}
    if modifiers & lex["troop_modifiers"]:
        found.add(Category.TROOPS)
    if modifiers & lex["police_modifiers"] and noun.lower_ not in lex["women"]:
        found.add(Category.POLICE)
    own_modifiers = {c.lower_ for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}}
    if noun.lower_ in {"officers", "officer"} and own_modifiers & lex["observer_modifiers"]:
        found = {Category.MILITARY_OBSERVERS}  # "staff officers"
    if noun.lower_ in {"experts", "specialists"} and modifiers & {"military"}:
        found = {Category.MILITARY_OBSERVERS}  # "military experts on mission", "military specialists"
    if verb is not None and any(t.lower_ in {"observers", "observer"} and t.head.lower_ == "as" for t in verb.subtree):
        found = {Category.MILITARY_OBSERVERS}
    if "men" in words and "women" in words or any(
        c.dep_ == "conj" and c.lower_ == "women" for c in noun.children
    ) and noun.lower_ in {"servicemen", "soldiers", "officers", "troops", "personnel"}:
        found.discard(Category.WOMEN)  # "men and women", "35 servicemen and women": everyone
    if not found and noun.lower_ in lex["force_member_nouns"] and verb is not None and _police_force_subject(verb):
        found = {Category.POLICE}  # "The Rwanda National Police has deployed 1,175 officers"
    if Category.WOMEN in found:
        return Category.WOMEN
    if Category.MILITARY_OBSERVERS in found and noun.lower_ in lex["military_observers"]:
        return Category.MILITARY_OBSERVERS
    if len(found) == 1:
        return next(iter(found))
    if len(found) > 1:
        return Category.PERSONNEL
    return Category.PERSONNEL if noun_class(noun) == "personnel" else None


#: words of a state's own name that follow the country's name in a force's ("Zimbabwe Republic
#: Police", "Lesotho Kingdom Defence Force")
_STATE_WORDS = frozenset({"republic", "kingdom", "federation", "state", "union", "national", "royal"})


def country_of_tokens(tokens: Iterable[Token]) -> Optional[str]:
    """The first country named (or its demonym) among ``tokens``."""
    for tok in tokens:
        if tok.pos_ in {"PROPN", "ADJ", "NOUN"} and tok.text[:1].isupper():
            # "Sri Lanka's", "South Sudanese", "Burkina Faso's": the name's compound words with it
            words = [c for c in tok.lefts if c.dep_ == "compound" and c.text[:1].isupper()]
            if words and " ".join(t.lower_ for t in [*words, tok]) in vocabulary()["region_names"]:
                continue  # "Latin America as a whole contributes …": a region, not the "America" in it
            country = (vocab.country_for(" ".join(t.text for t in [*words, tok])) if words else None) or vocab.country_for(tok.text)
            if not country and words and tok.lower_ in _STATE_WORDS:
                country = vocab.country_for(" ".join(t.text for t in words), demonyms=False)  # "the Zimbabwe Republic Police"
            if country:
                return country
    return None


_LEADING_TIME_WORDS = frozenset({"today", "currently", "now", "presently", "meanwhile", "also", "still"})


def subject_phrase_country(subj: Token) -> Optional[str]:
    """The country a clause subject names: "The Republic of Tanzania", "Indonesia's unit",
    "The Republic of Uganda's contribution"."""
    words = list(subj.subtree)
    while words and words[0].lower_ in _LEADING_TIME_WORDS:
        words = words[1:]  # "Today Cote d'Ivoire still has …": the parse makes the adverb a compound
    if len(words) <= 6:
        phrase = " ".join(t.text for t in words if t.dep_ != "det")
        country = vocab.country_for(phrase)
        if country:
            return country
    for child in subj.children:
        # "Indonesia's unit"; "the Republic of Fiji Military Forces" (a name the parse makes a modifier)
        if child.dep_ == "poss" or (child.dep_ in {"nmod", "compound"} and any(t.dep_ == "prep" for t in child.children)):
            phrase = " ".join(t.text for t in child.subtree if t.dep_ not in {"det", "case"})
            country = vocab.country_for(phrase)
            if country:
                return country
    objects = [g for c in subj.children if c.dep_ == "prep" for g in c.children]
    return country_of_tokens(
        [subj]
        + [c for c in subj.children if c.dep_ in {"poss", "compound", "amod", "nmod", "pobj", "prep"}]
        + objects
        # "members of the Nepal Army", "personnel of the Bangladesh Armed Forces"
        + [c for g in objects if g.dep_ == "pobj" for c in g.children if c.dep_ in {"compound", "amod", "poss"}]
    )


def noun_before_comma(participle: Token) -> Optional[Token]:
    """The noun a participle after a comma describes when the parser hangs it on the verb ("…
    bolster UN missions around the world, now totalling 16": "missions", up from "world")."""
    i = participle.left_edge.i - 1
    if i < 1 or participle.doc[i].text != ",":
        return None
    node = participle.doc[i - 1]
    for _ in range(4):
        if node.pos_ in {"NOUN", "PROPN"} and noun_class(node) in {"personnel", "mission"}:
            return node
        if node.dep_ not in {"pobj", "prep", "compound", "amod"} or node.head.i == node.i:
            break
        node = node.head
    # "strengthen UN operations across the globe, now numbering 11": the verb's object
    return next(
        (c for c in participle.head.children
         if c.dep_ == "dobj" and c.i < participle.i and noun_class(c) in {"personnel", "mission"}),
        None,
    )


def hosts_peacekeepers(country: Optional[str], when: Optional[PartialDate]) -> bool:
    """Whether a peacekeeping force (not an observer mission) serves in ``country`` at ``when``:
    Mali in 2020, not Egypt or India (hosts of UNTSO and UNMOGIP posts who send troops)."""
    if not country or when is None or vocab.mission(country) is not None:
        return False
    observers = vocabulary()["observer_missions"]
    return any(m.kind == "peacekeeping" and m.acronym.lower() not in observers for m in vocab.missions_at(country, when.year))


def reported_speaker(verb: Token) -> Optional[Token]:
    """The subject of the reporting verb a clause is the object of, when the clause's own subject
    is "it" or "they" ("the Philippines said it would provide 500", "The army said it has 90,000"):
    the pronoun stands for the speaker. None for any other clause."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in vocabulary()["reporting_verbs"]:
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in {"it", "they"} for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)


def honoured(anchor: Token, verb: Token) -> bool:
    """Whether the figure is who the verb's subject honours ("pay tribute to 61 peacekeepers",
    "we honour the 128 …", "we remember 57 colleagues")."""
    honour = vocabulary()["honour_lemmas"]
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head  # "61 military, police and civilian peacekeepers": the first conjunct's place
    if anchor.dep_ == "dobj" and anchor.head.lemma_.lower() in honour and (anchor.head.i == verb.i or anchor.head.head.i == verb.i):
        return True  # "we honour the 98 …", "we gather to honour the 98 …"
    if anchor.dep_ != "pobj" or anchor.head.lower_ != "to":
        return False
    held = anchor.head.head  # "tribute to 61 …", "pay tribute to 61 …" ("to" on the verb), "honour to"
    return held.lemma_.lower() in honour | _TRIBUTE_NOUNS or (
        held.lemma_.lower() == "pay" and any(c.dep_ == "dobj" and c.lemma_.lower() in _TRIBUTE_NOUNS for c in held.children)
    )


_TRIBUTE_NOUNS = frozenset({"tribute", "homage", "respect", "respects"})
