"""What the parse says about one number: its counted noun, predicate, tense and cues.

:func:`read_figure` turns a number of a parsed sentence into a :class:`Reading`, the plain
evidence every later rule reads (metric rules in :mod:`.metric`, subject rules in
:mod:`.subject`, dates in :mod:`.dating`). :class:`SentenceContext` holds what is shared by the
numbers of one sentence.

Why one module over 600 lines: the counted-noun inference (:func:`_infer_noun`) is one ordered
chain of fallbacks whose order decides, and it reads the same context and state types defined
here; split across files, the chain's order would no longer be visible in one place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

import attrs

from peacefacts import vocab
from peacefacts.nlp.dates import DateMatch
from peacefacts.nlp.facts.parse import (
    category_of,
    counted_noun,
    finite_verb,
    noun_before_comma,
    noun_class,
    root_of,
    span_tokens,
    tense_of,
    verb_of,
)
from peacefacts.nlp.facts.predicate import cue_kind, predicate_of
from peacefacts.nlp.facts.vocabulary import Cues, vocabulary
from peacefacts.nlp.numbers import FigureMatch, parse_figure
from peacefacts.nlp.plan import BlockPlan, Candidate
from peacefacts.records import AsOfSource, Category, Metric, PartialDate
from peacefacts.vocab.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, alternation

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["SentenceState", "LeadDates", "SentenceContext", "Reading", "read_figure", "predicate_of", "PEACEKEEPING_CONTEXT"]

#: words that name the UN or its peacekeepers
UN_WORDS = re.compile(r"peacekeep|peace[- ]keep|blue helmet|blue beret|\bU\.?N\.?\b|United Nations", re.IGNORECASE)

# ... and those that name the UN itself ("peacekeepers" alone may be Russian or the African Union's)
_NAMES_THE_UN = re.compile(r"blue helmet|blue beret|\bU\.?N\.?\b|United Nations", re.IGNORECASE)

#: a sentence that opens on the set the sentence before counted ("Of them, 54 died", "Among them
#: are 38 women"): what follows is a part of that count
PART_OF_THEM = re.compile(r"\W*(?:Of|Among|Amongst|Out\s+of)\s+(?:them|these|those|whom)\b", re.IGNORECASE)

PEACEKEEPING_CONTEXT = re.compile(
    r"peacekeep|peace keep|blue helmet|blue beret|blue flag|peace (?:operation|mission|support)|operations? of peace|"
    r"\bU\.?N\.?\b|United Nations|\bmission|\bduty\b|\bservice\b|\bserving\b|"
    r"deploy|contingent|battalion|troops|soldiers",
    re.IGNORECASE,
)


@attrs.define
class SentenceState:
    """What a sentence leaves to the next one ("This also claimed the lives of …")."""

    as_of: Optional[PartialDate] = None
    as_of_source: AsOfSource = AsOfSource.NONE
    since: Optional[PartialDate] = None
    end: int = -1
    #: the subject the story was last about (any, for "they"/"it"), the last country (for "its",
    #: "the country"), and where that sentence ended
    last_subject: Optional[str] = None
    last_country: Optional[str] = None
    last_subject_end: int = -1
    #: the metric, dates and subject of the last figure ("Among them were five Pakistani …")
    last_metric: Optional[Metric] = None
    #: values already given as facts in this block ("the two officers" seen again)
    seen_values: set[int] = attrs.field(factory=set)
    #: the counted noun's category of the last list of figures ("There are 27 police, …")
    last_category: Optional[Category] = None
    #: where the last sentence whose last fact was a head count ended, and that count's category:
    #: the next sentence may leave the noun out ("Egypt had 1,600 personnel. Morocco had 1,720.")
    count_end: int = -1
    count_category: Optional[Category] = None
    #: where the last sentence that counted peacekeepers or their missions ended (not the dead)
    service_end: int = -1
    #: where the last sentence about a force that is not the UN's ended (KFOR, the African Union,
    #: Russian peacekeepers in Karabakh): the paragraph goes on about it until a UN word appears
    non_un_end: int = -1
    #: where the last sentence about the dead or wounded ended, and which ("The fallen came from 28
    #: countries."): a list after it that names no people counts them
    toll_end: int = -1
    toll_kind: Optional[str] = None
    #: the largest toll told so far in the block: parts of it are no larger
    toll_value: Optional[float] = None


@attrs.frozen(kw_only=True)
class LeadDates:
    """Dates a sentence states before its clause: "As of Dec 2023,", "Last month,", "Since 1990,"."""

    as_of: Optional[PartialDate] = None
    source: AsOfSource = AsOfSource.NONE
    since: Optional[PartialDate] = None
    since_any: Optional[PartialDate] = None
    claimed: frozenset[int] = frozenset()
    text: str = ""


@attrs.frozen(kw_only=True)
class SentenceContext:
    """Everything the rules share about one parsed candidate sentence."""

    sdoc: Doc
    text: str
    offset: int
    full_text: str
    plan: BlockPlan
    candidate: Candidate
    state: SentenceState
    cues: Cues
    dates: tuple[DateMatch, ...]
    lead: LeadDates
    #: figure start offset → (country, how) for list and ranking entries
    entries: dict[int, tuple[str, str]]
    #: figure start offset → countries sharing it ("… contributed the minimum, with one each")
    shared: dict[int, tuple[str, ...]]
    #: token indices of every figure's number and counted noun
    figure_tokens: frozenset[int]
    mission_before: Optional[str]
    #: missions named in this sentence, in order
    missions_here: tuple[str, ...]
    headline: bool

    @property
    def base(self) -> Optional[PartialDate]:
        return self.plan.published

    @property
    def places_text(self) -> str:
        """The sentence without a leading dateline ("JUBA, Jan 28 (Reuters) -", "ISLAMABAD, May 29
        (APP):"), blanked to keep offsets: where the story was filed is not where anything happened."""
        m = _DATELINE.match(self.text)
        if m is None or vocab.country_for(m.group("city").strip().title(), demonyms=False):
            return self.text  # "MALI: Three peacekeepers killed": a headline's place, not a dateline
        return " " * m.end() + self.text[m.end() :]


_DATELINE = re.compile(
    r"\s*(?P<city>[A-Z][A-Z'.\- ]{2,30})(?:,\s*[A-Z][A-Za-z .'\-]{1,30})?"  # a city in capitals, its country
    rf"(?:,?\s*(?:{alternation(MONTH_NAMES + MONTH_ABBREVIATIONS)})\.?\s+\d{{1,2}})?"  # , Jan 28
    r"\s*(?:\((?:[A-Za-z.&/ ]{2,30})\)|/[A-Z]{2,20}/)?\s*[:\-\u2013\u2014]+\s"  # (Reuters) - / (APP): / /MONTSAME/
)


@attrs.frozen(kw_only=True, eq=False)
class Reading:
    """The evidence about one number that the rules decide on."""

    figure: FigureMatch
    root: Token
    #: the counted noun (None when the count is implied: "168 of them have died", "Ghana – 2,972")
    noun: Optional[Token]
    #: how the noun was found: nummod, partitive, death-subject, injury-subject, toll, copula,
    #: label, list, inferred, conj, in-operation
    how: str
    #: personnel, mission, country (or unit/other, which give no fact)
    noun_class: str
    verb: Optional[Token]
    finite: Optional[Token]
    tense: str
    current: bool
    cumulative: bool
    #: DEATH, INJURY, MISSING or None
    predicate: Optional[str]
    category: Optional[Category]
    #: (country, how) when the figure is an entry of a list or ranking
    entry: Optional[tuple[str, str]] = None

    @property
    def anchor(self) -> Token:
        """The token the figure's phrase hangs on: the counted noun, else the number."""
        return self.noun if self.noun is not None and self.how in {"nummod", "partitive"} else self.root


_CLAUSAL = frozenset({"conj", "advcl", "parataxis", "ccomp", "relcl", "acl"})


_ASIDE_MARKS = frozenset({",", "\u2014", "\u2013", "-", "--"})


def _aside_after(sdoc: Doc, subject: Token, keep: Token) -> set[int]:
    """The phrase between commas or dashes right after a subject, before its verb ("UNMOGIP, in
    place since 1949, has …", "The Irish Defence Forces, on UN duty without a break since 1958,
    have …", "Mongolia — a contributor since 2002 — now deploys …"): an aside about the subject,
    whose "since" is no period of the figure."""
    opening = subject.i + 1
    if opening >= subject.head.i or sdoc[opening].text not in _ASIDE_MARKS:
        return set()
    closing = next((t.i for t in sdoc[opening + 1 : subject.head.i] if t.text in _ASIDE_MARKS), None)
    if closing is None or opening < keep.i < closing:
        return set()
    return set(range(opening + 1, closing))


def _clause_tokens(sdoc: Doc, top: Token, keep: Token, lead: bool = True) -> set[int]:
    """Token indices of ``top``'s clause: its subtree without the clauses hanging on it that do not
    hold ``keep`` ("Two were killed, bringing to 160 the number …": the 160 is another clause's),
    plus a sentence-leading adverbial ("At present, …", "Since 1990, …")."""
    clause = _own_clause_tokens(sdoc, top, keep)
    return clause | _leading_adverbial(sdoc, clause) if lead else clause


def _own_clause_tokens(sdoc: Doc, top: Token, keep: Token) -> set[int]:
    """:func:`_clause_tokens` without the sentence-leading adverbial."""
    subtrees: dict[int, set[int]] = {}

    def below(tok: Token) -> set[int]:  # a subtree is walked once a call (each walk makes its tokens anew)
        sub = subtrees.get(tok.i)
        if sub is None:
            sub = subtrees[tok.i] = {t.i for t in tok.subtree}
        return sub

    skip: set[int] = set()
    for child in top.children:
        if child.dep_ in _CLAUSAL and child.pos_ in {"VERB", "AUX"}:
            sub = below(child)
            if keep.i not in sub:
                skip |= sub
    for tok in top.subtree:
        # "Mongolia, a UN member since 1961, currently has …": an aside about the subject
        aside = tok.dep_ == "appos" and not tok.like_num or (
            tok.dep_ == "relcl" and tok.head.pos_ == "PROPN" and tok.head.dep_ in {"nsubj", "nsubjpass"}
        )  # "Ghana, which has served since 1960, now has …"
        if aside and keep.i not in below(tok):
            skip |= below(tok)
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            skip |= _aside_after(sdoc, tok, keep)
        # "has about 870 personnel in UN operations, most of them in MALBATT, which has been part of
        # the force since 2007": a relative clause on another noun is a fact about that noun
        if tok.dep_ == "relcl" and tok.i != top.i and tok.pos_ in {"VERB", "AUX"} and tok.head.i not in {keep.i, keep.head.i}:
            if keep.i not in below(tok):
                skip |= below(tok)
        # "…, with about 850 currently deployed": another number's own clause
        if tok.dep_ in {"acl", "relcl"} and tok.head.like_num and tok.head.i != keep.i:
            if keep.i not in below(tok):
                skip |= below(tok)
    return below(top) - skip


def _leading_adverbial(sdoc: Doc, clause: set[int]) -> set[int]:
    """The words before the sentence's first comma when ``clause`` lies after it and the root and
    its subject do too ("At present, …", "Since 1990, …"); else none."""
    root = next((t for t in sdoc if t.dep_ == "ROOT"), None)
    comma = next((t.i for t in sdoc if t.text == ","), None)
    if comma is not None and root is not None and comma < min(clause, default=0) and comma < root.i:
        opening = sdoc[:comma]
        if not any(t.i == root.i or (t.dep_ in {"nsubj", "nsubjpass"} and t.head.i == root.i) for t in opening):
            return set(range(0, comma))
    return set()


def _cues_within(cues: Cues, clause: set[int]) -> tuple[bool, bool]:
    """(current, cumulative): whether CURRENT and CUMULATIVE cues fall on the given tokens."""
    def inside(label: str) -> bool:
        return any(any(t.i in clause for t in span) for span in cues.spans.get(label, ()))

    return inside("CURRENT"), inside("CUMULATIVE")


def _attribute_phrase(anchor: Token, verb: Optional[Token]) -> Optional[Token]:
    """The "with" phrase holding the figure when the phrase describes a noun ("UNIFIL, with 10,000
    troops from 49 countries, has come under fire since October", "Senegal, with some 2,200 blue
    helmets on the ground, has lost 32 since 2013"), unless the figure's own verb is in it
    ("Pakistan, with over 200,000 troops having served since 1960, …"). A "with" after the verb
    ("has sent 40,000 so far, with about 850 deployed") is the verb's."""
    node = anchor
    while node.head.i != node.i and not (node.dep_ == "prep" and node.lower_ == "with"):
        if node.head.pos_ in {"VERB", "AUX"}:
            return None
        node = node.head
    prep = node
    if prep.dep_ != "prep" or prep.lower_ != "with" or (verb is not None and any(t.i == verb.i for t in prep.subtree)):
        return None
    head = prep.head
    if head.pos_ in {"NOUN", "PROPN"}:
        # a noun before the verb, as its subject is ("Egypt has contributed to 37 missions with over
        # 30,000 peacekeepers": the object's "with" is what the verb did)
        return prep if verb is None or head.i < verb.i else None
    after_subject = 0 < prep.i < head.i and prep.doc[prep.i - 1].text == "," and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.i < prep.i for c in head.children
    )
    return prep if head.pos_ in {"VERB", "AUX"} and after_subject else None


def _markers(sdoc: Doc, cues: Cues, verb: Optional[Token], finite: Optional[Token], keep: Token) -> tuple[bool, bool]:
    """(current, cumulative): cues in the number's own clause first, then in the clause governing it.

    "It has sent 40,000 troops so far, with about 850 currently deployed": the 850's own
    "currently" beats the governing "so far"; "bringing to 160 the number who have died": the
    160's own clause is cumulative, the governing "Two were killed" is not.
    """
    def found(clause: set[int]) -> tuple[bool, bool]:
        return _cues_within(cues, clause)

    if not cues.has("CURRENT") and not cues.has("CUMULATIVE"):
        return False, False  # no cue to place: every clause reads (False, False), so none is cut out
    if verb is None:
        return found({t.i for t in sdoc})
    top = verb
    while top.dep_ in {"xcomp", "pcomp", "aux", "auxpass"} and top.head.i != top.i:
        top = top.head
    own = _clause_tokens(sdoc, top, keep, lead=False)
    own_current, own_cumulative = found(own)
    with_lead = own | _leading_adverbial(sdoc, own)  # _clause_tokens(sdoc, top, keep)
    lead_current, lead_cumulative = found(with_lead - own)
    # "Since 1960, Ghana has served in 50 missions and is currently in nine": the clause's own
    # "currently" beats the sentence's leading "Since 1960"
    local_current = own_current or (lead_current and not own_cumulative)
    local_cumulative = own_cumulative or (lead_cumulative and not own_current)
    governing = finite if finite is not None else top
    # a relative clause is an event of its own ("since June 1993, when 22 soldiers were killed")
    while governing.dep_ in {"xcomp", "acl", "advcl", "pcomp", "ccomp"} and governing.head.i != governing.i:
        if governing.dep_ == "ccomp" and governing.head.lemma_.lower() in vocabulary()["reporting_verbs"]:
            break  # "…, the army said": the quote is the clause
        governing = governing.head
    gov_current, gov_cumulative = found(with_lead if governing.i == top.i else _clause_tokens(sdoc, governing, keep))
    current = local_current or (gov_current and not local_cumulative)
    cumulative = local_cumulative or (gov_cumulative and not local_current)
    return current, cumulative


# ---------------------------------------------------------------------------------------------
# a number without a counted noun


def _claimed_nouns(sdoc: Doc, root: Token) -> set[int]:
    """Nouns other numbers of the sentence count ("more than 1,000 of which are soldiers")."""
    claimed = set()
    for tok in sdoc:
        if tok.like_num and tok.i != root.i:
            noun = counted_noun(tok, {tok.i}) or _copula_noun(tok)
            if noun is not None and not _shared_noun(root, tok, noun):
                claimed.add(noun.i)
    return claimed


def _shared_noun(root: Token, other: Token, noun: Token) -> bool:
    """"5,900 and 6,000 troops (respectively)", "6,100, 6,000 and 5,900 personnel": numbers listed
    together before one noun all count it."""
    if not (root.i < other.i < noun.i) or noun.i - root.i > 12:
        return False
    between = root.doc[root.i + 1 : other.i]
    return all(t.like_num or t.lower_ in {",", "and", "or"} for t in between) and not any(
        t.pos_ in {"NOUN", "PROPN"} for t in root.doc[other.i + 1 : noun.i]
    )


def _nearest_personnel_noun(sdoc: Doc, root: Token) -> Optional[Token]:
    best = None
    claimed = _claimed_nouns(sdoc, root)
    for tok in sdoc:
        if tok.i == root.i or tok.i in claimed or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        if noun_class(tok) == "personnel" and tok.lower_ not in vocabulary()["generic_person"]:
            if best is None or abs(tok.i - root.i) < abs(best.i - root.i):
                best = tok
    return best


def _origin_noun(root: Token) -> Optional[Token]:
    """"978 from the police", "32 to the United Nations Military Experts on Mission (UNMEM)", "15 for UNMEM"."""
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "to", "for", "in"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (noun_class(obj) == "personnel" or obj.lower_ in vocabulary()["police"]):
                    return obj
                if obj.dep_ == "pobj" and obj.lower_ in {"experts", "expert"}:
                    return obj
                mission = next((t for t in obj.subtree if t.lower_ in vocabulary()["military_observers"]), None)
                if obj.dep_ == "pobj" and mission is not None:
                    return mission
    return None


def _number_of(root: Token) -> Optional[Token]:
    """"bring to 42 the number of Nigerian peacekeepers killed", "the toll of Tanzanian soldiers
    rose to 15": the noun the sentence says the number is the count of."""
    verb = root.head if root.dep_ != "pobj" else root.head.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    counted = verb.head
    if verb.dep_ == "acl" and counted.dep_ == "pobj" and counted.head.lower_ == "of" and counted.head.head.lower_ in {
        "number", "total", "toll", "tally", "count"
    } and noun_class(counted) == "personnel":
        return counted  # "bringing the number of MINUSMA personnel killed … to 177": "to 177" hung on "killed"
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubj", "nsubjpass"} and child.lower_ in {"number", "total", "toll", "tally", "count"}:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and (noun_class(obj) == "personnel" or obj.lower_ in vocabulary()["death_nouns"]):
                            return obj  # "the number of Nigerian peacekeepers killed", "of Minusca fatalities"
    return None


def _copula_noun(root: Token) -> Optional[Token]:
    """"more than 3,600 of which are soldiers", "out of which 95 are from the police", "130 are women"."""
    head = root.head
    if root.dep_ == "appos" and head.lower_ in {"them", "these", "those"} and head.head.lower_ in {"of", "among"} and (
        head.head.dep_ == "prep" and head.head.head.lemma_.lower() == "be"
    ):
        head = head.head.head  # "Of them 76 are women servicemen": the parse hangs the number on "them"
    elif root.dep_ == "attr" and head.lemma_.lower() == "be":
        # "The women servicemen are 78", "the women are 560": the subject is what is counted
        subject = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}), None)
        if subject is not None and noun_class(subject) == "personnel" and not any(t.like_num for t in subject.subtree):
            return subject
        return None
    elif root.dep_ not in {"nsubj", "nsubjpass"} or head.lemma_.lower() != "be":
        return None
    for child in head.children:
        if child.dep_ in {"attr", "acomp"} and child.pos_ in {"NOUN", "PROPN", "ADJ"}:
            return child
        if child.dep_ == "prep" and child.lower_ in {"from", "in", "with"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and noun_class(obj) == "personnel":
                    return obj
    return None


def _partitioned_set(sdoc: Doc, root: Token) -> Optional[Token]:
    """"Of the 1,200 women peacekeepers Bangladesh has sent, 200 are currently serving": the part
    counts what the leading "Of the …" phrase counts."""
    first = sdoc[0] if len(sdoc) else None
    if first is None or first.lower_ not in {"of", "out", "among"} or root.i < 3:
        return None
    comma = next((t.i for t in sdoc if t.text == ","), None)
    if comma is None or comma > root.i:
        return None
    return next((t for t in sdoc[:comma] if t.pos_ in {"NOUN", "PROPN"} and noun_class(t) == "personnel"), None)


def _label_noun(sdoc: Doc, root: Token, cues: Cues, ctx: SentenceContext) -> tuple[Optional[Token], Optional[str]]:
    """"Current Operations*: 16", "Total number of fatalities … through May 2004: 1,870": the label
    before a colon says what the figure after it counts; so does the cell before the figure's in a
    key-value box ("| Uniformed personnel | 61,337 |")."""
    start = 0
    colon = next((t for t in reversed(sdoc[: root.i]) if t.text == ":" or (t.is_punct and t.text.endswith(":"))), None)  # "…, 2019):"
    if colon is None and sdoc.text.lstrip().startswith("|"):
        bars = [t for t in sdoc[: root.i] if t.text == "|"]
        if len(bars) >= 2:
            start, colon = bars[-2].i + 1, bars[-1]
    if colon is None or any(t.like_num or t.is_alpha for t in sdoc[colon.i + 1 : root.i]):
        return None, None
    in_dates = {t.i for d in ctx.dates for t in sdoc if d.start <= t.idx < d.end}
    if any(t.like_num and t.i not in in_dates and not re.fullmatch(r"(?:1[89]|20)\d\d", t.text) for t in sdoc[start : colon.i]):
        return None, None  # "1,205 personnel: 310 from the police": a breakdown, not a label
    label = [t for t in sdoc[start : colon.i] if t.pos_ in {"NOUN", "PROPN"}]
    for tok in label:
        if cue_kind(tok, cues) == "DEATH":
            return None, "death-label"
    # the label's head: before its first preposition or participle ("Countries contributing
    # uniformed personnel: 122" counts countries; "Number of peacekeeping operations: 16", operations)
    if label and label[0].lower_ in {"number", "total", "count"} and label[0].i + 1 < colon.i and sdoc[label[0].i + 1].lower_ == "of":
        label = label[1:]
    first_prep = next((t.i for t in sdoc[start : colon.i] if t.pos_ in {"ADP", "VERB"} and t.i > (label[0].i if label else start)), colon.i)
    head_part = [t for t in label if t.i < first_prep] or label
    # "Current peacekeeping operations: 12": the label's head noun, not a modifier before it
    for tok in reversed(head_part):
        if noun_class(tok) in {"personnel", "mission", "country"}:
            return tok, "label"
    return None, None


_RESTATED_SHARE = re.compile(r"(?:%|\bper\s*cent|\bpercent)[^.;]{0,60}?,?\s+(?:or|that\s+is|i\.e\.,?)\s+(?:about\s+|some\s+|around\s+|nearly\s+)?$", re.IGNORECASE)


def _share_restated(before: str) -> bool:
    """Whether the number restates a share just given ("8 per cent of the contingent, or 480")."""
    return bool(_RESTATED_SHARE.search(before))


def _women_frame(sdoc: Doc, root: Token) -> bool:
    """Whether a women word before the number frames the sentence's counts ("the most women in
    uniform, with 380", "Among women contributors, … Ghana (150)") without a number of its own."""
    women = vocabulary()["women"] - {"policewomen", "servicewomen"}
    for tok in sdoc[: root.i]:
        if tok.lower_ in women:
            noun = tok.head if tok.dep_ in {"compound", "amod"} else tok
            siblings = list(tok.head.children) if tok.dep_ in {"attr", "nsubj", "dobj", "appos"} else []
            if not any(c.like_num for c in [*noun.children, *tok.children, *siblings]):
                return True
    return False


def _follows(ctx: SentenceContext, end: int) -> bool:
    """Whether the sentence comes right after the one that ended at ``end``, in the same paragraph."""
    if end < 0 or end > ctx.offset:
        return False
    between = ctx.full_text[end : ctx.offset]
    return not between.strip() and between.count("\n") <= 1


#: a contribution's or a contingent's level just before a figure, with its owner ("Sweden's
#: contribution to UN peacekeeping drops to 37 people")
LEVEL_OF_COUNT = re.compile(
    r"(?P<owner>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})['’]s?\s+(?:contribution|strength|contingent|deployment|presence)\b[^.;]{0,60}?\b"
    r"(?:drops?|dropped|falls?|fell|rises?|rose|stands?|stood|grows?|grew|increases?|increased|decreases?|decreased|shrinks?|shrank)"
    r"\s+(?:to|at)\s+(?:about\s+|some\s+|around\s+|nearly\s+|just\s+)?$",
)


def follows_toll(ctx: SentenceContext) -> bool:
    """Whether the sentence comes right after one that reported a toll, in the same paragraph."""
    return _follows(ctx, ctx.state.toll_end)


def follows_service(ctx: SentenceContext) -> bool:
    """Whether the sentence comes right after one that counted peacekeepers or their missions, in
    the same paragraph."""
    return _follows(ctx, ctx.state.service_end)


#: a sentence that opens on a part of the dead just counted ("Among the dead were nine Indians",
#: "Of them, 10 came from Pakistan", "Seven of the fallen were from Nepal", "Of those killed, …")
PART_OF_TOLL = re.compile(
    r"^\W*(?:(?:Among|Of)\s+(?:them|these|those|the\s+(?:dead|fallen|victims|killed|slain))|"
    r"[\w-]+\s+of\s+(?:them|these|those|the\s+(?:dead|fallen|victims|killed|slain)))\b",
    re.IGNORECASE,
)


def continues_toll(ctx: SentenceContext) -> bool:
    """Whether the sentence counts parts of the toll of the sentence right before it."""
    return ctx.state.toll_kind is not None and follows_toll(ctx) and PART_OF_TOLL.match(ctx.text) is not None


def names_the_un(text: str) -> bool:
    """Whether the text names the UN itself ("the UN", "blue helmets"), not just peacekeepers; the
    UN as the authority over another force ("authorised by the UN Security Council") does not."""
    return bool(_NAMES_THE_UN.search(_UN_AS_AUTHORITY.sub(" ", text)))


_UN_AS_AUTHORITY = re.compile(
    r"\b(?:U\.?N\.?|United\s+Nations)(?:['’]s)?\s+(?:Security\s+Council|General\s+Assembly|Charter|resolution)", re.IGNORECASE
)
# "The force is expected to reach 2,500": the force of the paragraph before
_THE_FORCE = re.compile(r"^\W*(?:the|this|that)\s+(?:force|mission|operation|deployment|coalition)\b", re.IGNORECASE)


def carries_non_un(ctx: SentenceContext) -> bool:
    """Whether the paragraph is still about a force that is not the UN's ("Since the deployment, six
    Russian peacekeepers have been killed" after "Russia deployed peacekeepers to Nagorno-Karabakh"),
    or the next paragraph is, when it opens with "The force …"."""
    end = ctx.state.non_un_end
    follows = _follows(ctx, end) or (
        0 <= end <= ctx.offset and not ctx.full_text[end : ctx.offset].strip() and _THE_FORCE.match(ctx.text) is not None
    )
    return follows and not _NAMES_THE_UN.search(ctx.text) and not ctx.missions_here


def carries_count(ctx: SentenceContext) -> bool:
    """Whether the sentence follows, in the same paragraph, one whose last fact was a head count:
    its noun-less figures can count the same people ("Morocco had 1,720.", "it stood at 2,727")."""
    return _follows(ctx, ctx.state.count_end)


def _in_service(verb: Token) -> bool:
    """Whether a copula-like verb puts its subject in service ("remain deployed", "are on duty",
    "stay in the field")."""
    if verb.lemma_.lower() not in {"be", "remain", "stay"}:
        return False
    for c in verb.children:
        if c.dep_ in {"acomp", "xcomp", "advcl"} and c.lemma_.lower() in {"deploy", "station", "serve", "post"}:
            return True
        if c.dep_ == "prep" and c.lower_ in {"on", "in"} and any(
            o.lower_ in {"duty", "field", "mission", "missions", "deployment"} for o in c.children if o.dep_ == "pobj"
        ):
            return True
    return False


def _next_verb_predicate(root: Token, cues: Cues) -> Optional[str]:
    """DEATH or INJURY when the words right after a bare number are a death or injury verb and its
    auxiliaries ("and 19 have died", "and 4 were wounded"): the parse often makes the number a
    conjunct of the noun before and leaves that verb without a subject."""
    doc = root.doc
    i = root.i + 1
    while i < len(doc) and doc[i].pos_ == "AUX" and i - root.i <= 3:
        i += 1
    if i >= len(doc) or doc[i].pos_ != "VERB" or any(c.dep_ in {"nsubj", "nsubjpass"} and c.i != root.i for c in doc[i].children):
        return None
    labels = cues.on(i)
    return "DEATH" if "DEATH" in labels else "INJURY" if "INJURY" in labels else None


def _women_make_up(root: Token) -> bool:
    """Whether a part is what women make up ("Women make up 130 of the personnel", "Female officers
    account for 95 of them", "48 of Uruguay's 1,050 troops are women")."""
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
        c.dep_ in {"attr", "acomp"} and c.lower_ in {"women", "female", "females"} for c in root.head.children
    ):
        return True  # "48 of Uruguay's 1,050 troops are women"
    return _women_making_up(root) is not None


def _women_making_up(root: Token) -> Optional[Token]:
    """The women word that makes up the part ``root`` ("Women make up 130", "female soldiers account
    for 71 of those"): the verb's subject, when the part itself is the verb's object (not a number
    inside it: "64 of Ghana's 2,700 peacekeepers", 2,700 is the whole)."""
    link = root.head if root.dep_ == "pobj" and root.head.lower_ == "for" else root
    if link.dep_ in {"dobj", "attr", "prep", "npadvmod"}:
        verb = link.head
    elif link.dep_ == "nsubj" and link.head.dep_ in {"ccomp", "xcomp"}:
        verb = link.head.head  # "Women make up 130 of the personnel currently deployed": parsed as a clause
    else:
        return None
    if verb.lemma_.lower() not in {"make", "account", "comprise", "constitute", "represent", "number", "total"}:
        return None
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in {"women", "females"} or any(
        g.lower_ in {"female", "women"} for g in c.children if g.dep_ in {"amod", "compound"}
    ))), None)


def _infer_noun(
    root: Token, ctx: SentenceContext, entry: Optional[tuple[str, str]], value: int
) -> tuple[Optional[Token], Optional[str], str]:
    """(noun, how, noun class) for a number with no counted noun, or (None, None, "") when none."""
    sdoc, cues = ctx.sdoc, ctx.cues
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in {"country", "nation", "population", "city", "state"}:
        return None, None, ""  # "remarkable for a country of 3.4 million": a population
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in {"them", "these", "whom"} for g in c.children) for c in root.children):
        women_word = next((c for c in root.children if c.dep_ in {"conj", "appos", "npadvmod", "attr"} and c.lower_ in {"women", "females"}), None)
        if women_word is not None:
            return women_word, "of-which", "personnel"  # "292 peacekeepers in UN missions, 31 of them women"
    women = _women_making_up(root)
    if women is not None and noun_class(women) == "personnel":
        return women, "inferred", "personnel"  # "women make up 310 of them", "160 of that number": a part of the count before
    whole = next((o for p in root.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
    if whole is not None and whole.pos_ in {"NOUN", "PROPN"} and noun_class(whole) not in {"personnel", "mission", "country"}:
        return None, None, ""  # "one of the region's deadliest rebel groups"
    predicate = predicate_of(root, cues)
    counted_set = _number_of(root)
    if counted_set is not None:
        return counted_set, "number-of", "personnel"  # "bring to 42 the number of Nigerian peacekeepers killed"
    # "… have served as peacekeepers and 19 have died", "three … embraced shahadat and two were
    # injured": the verb right after a bare number is its own, whatever the coordination says
    predicate = _next_verb_predicate(root, cues) or predicate
    subjectish = root.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj", "appos", "conj", "attr", "npadvmod", "ROOT"} or (
        root.dep_ == "nummod" and root.head.lower_ in vocabulary()["time_nouns"]  # "including 102 last year"
    )
    if predicate is None and subjectish and continues_toll(ctx):
        predicate = ctx.state.toll_kind  # "Of them, 10 came from Pakistan": a part of the dead just counted
    if predicate is None and subjectish and any(a.lower_ == "including" for a in list(root.ancestors)[:3]):
        predicate = _whole_predicate(ctx, root)  # "Ghana has lost 141 peacekeepers since 1960, including 12 last year"
    if predicate == "DEATH" and subjectish:
        return None, "death-subject", "personnel"
    if predicate == "INJURY" and subjectish:
        return None, "injury-subject", "personnel"
    if predicate == "MISSING":
        return None, "missing", "personnel"
    which = next((o for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                  if o.dep_ == "pobj" and o.lower_ in {"which", "whom"}), None)
    if which is None and root.dep_ in {"nsubj", "nsubjpass"}:
        # "…, of whom some 1,800 are currently on duty": the parse hangs "of whom" on the verb
        which = next((o for c in root.head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < root.i
                      for o in c.children if o.dep_ == "pobj" and o.lower_ in {"which", "whom"}), None)
    if which is not None:
        clause = next((a for a in root.ancestors if a.dep_ == "relcl"), None)
        people_only = which.lower_ == "whom"  # "1,100 police in UN missions, 240 of whom …": people
        most_missions = vocabulary().all_time_maxima.get("missions_served_total")
        if most_missions is not None and value > most_missions:
            # "870 servicemen … in UN peacekeeping operations, of which 858 are in the mission in
            # South Sudan": more than there ever were missions, so the people are its antecedent
            people_only = True
        women = next((c for c in root.head.children if c.dep_ == "attr" and (c.lower_ in {"women", "female", "females"} or (
            noun_class(c) == "personnel" and any(a.dep_ in {"amod", "compound"} and a.lower_ in {"female", "women"} for a in c.children)
        ))), None)
        if women is not None:
            return women, "of-which", "personnel"  # "240 of whom are women", "of which 15 are female officers"
        antecedent = clause.head if clause is not None and not people_only else next(
            (t for t in reversed(sdoc[: root.i]) if t.pos_ in {"NOUN", "PROPN"}
             and noun_class(t) in ({"personnel"} if people_only else {"personnel", "mission"})), None
        )
        if antecedent is not None and noun_class(antecedent) in {"personnel", "mission"}:
            return antecedent, "of-which", noun_class(antecedent)  # "71 operations …, eleven of which are still active"
    copula = _copula_noun(root)
    if copula is not None and noun_class(copula) == "personnel":
        return copula, "copula", "personnel"
    origin = _origin_noun(root)
    if origin is not None:
        return origin, "origin", "personnel"
    link = root.head if root.dep_ == "nummod" and root.head.lower_ in vocabulary()["time_nouns"] else root
    into = link.head.lower_ == "to" and link.head.head.lemma_.lower() in vocabulary()["deployment_verbs"] | {"serve"} and (
        _count(root) <= _MOST_MISSIONS
    )
    if link.dep_ == "pobj" and (link.head.lower_ in {"in", "across"} or into) and any(
        noun_class(t) == "mission" and t.i != root.i for t in sdoc if t.pos_ in {"NOUN", "PROPN"}
    ):
        return None, "elided-missions", "mission"  # "Out of 12 current UN missions, Kenyan troops serve in five", "now deploys to two"
    nxt = sdoc[root.i + 1 : root.i + 4]
    if len(nxt) >= 2 and nxt[0].lower_ in {"in", "still"} and any(t.lower_ == "operation" for t in nxt):
        return None, "in-operation", "mission"  # "there were 16 in operation"
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in {"remain", "be", "stay"} and any(
        c.dep_ in {"acomp", "attr"} and c.lower_ in {"active", "ongoing", "operational", "open"} for c in root.head.children
    ) and any(noun_class(t) == "mission" for t in sdoc[: root.i] if t.pos_ == "NOUN"):
        return None, "in-operation", "mission"  # "the UN has launched 71 peacekeeping operations; 11 remain active"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ == "out" and not any(
        c.dep_ == "pobj" for c in root.children
    ):
        whole_noun = next((t for t in reversed(sdoc[: root.i]) if t.pos_ == "NOUN" and noun_class(t) == "personnel"), None)
        if whole_noun is not None:  # the part's own noun counts the whole too
            return whole_noun, "inferred", "personnel"  # "with 2,100 troops, out of 14,000 in the mission"
    noun, how = _label_noun(sdoc, root, cues, ctx)
    if how == "death-label":
        return None, "death-subject", "personnel"
    if noun is not None:
        return noun, "label", noun_class(noun)
    counting = PEACEKEEPING_CONTEXT.search(ctx.text) or ctx.missions_here or carries_count(ctx)
    owner = next((c for c in root.children if c.dep_ == "poss"), None)
    if owner is not None and counting and (vocab.country_for(" ".join(t.text for t in owner.subtree if t.dep_ != "case")) or vocab.mission_for(owner.text)):
        return None, "possessed", "personnel"  # "Of Indonesia's 2,730, 215 are women", "just behind Bangladesh's 5,998"
    if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"} and not any(c.lower_ == "of" for c in root.children):
        apposed = root.head
        if noun_class(apposed) == "personnel":
            return apposed, "appos", "personnel"  # "Zambia's female peacekeepers, 190 in all,"
        if apposed.lower_ in vocabulary()["count_subjects"] and counting:
            return apposed, "appos", "personnel"  # "Morocco's contribution, 1,720 at the end of 2022,"
    if root.dep_ == "conj" and root.head.like_num:
        sibling = counted_noun(root.head, {root.head.i})
        if sibling is not None:
            return sibling, "conj", noun_class(sibling)
    if root.dep_ == "conj" and root.head.pos_ in {"VERB", "AUX"}:
        # "Ghana has lost 60 soldiers in Lebanon and 140 in all UN missions": the verb's counted
        # object before the number is what the gapped conjunct counts
        sibling = next((c for c in root.head.children if c.dep_ in {"dobj", "attr"} and c.i < root.i and any(
            n.dep_ == "nummod" and n.like_num for n in c.children)), None)
        elsewhere = any(t.pos_ == "PROPN" and (vocab.country_for(t.text) or vocab.mission_for(t.text)) for t in root.subtree)
        if sibling is not None and noun_class(sibling) in {"personnel", "mission"} and not elsewhere:
            return sibling, "conj", noun_class(sibling)  # (not "…; 33 in the Congo": another place's own figure)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in vocabulary()["units"] | {"force", "strength"}:
        return root.head.head, "unit-of", "personnel"  # "a contingent of 800", "a force of 4,000"
    if entry is not None:
        return _nearest_personnel_noun(sdoc, root), "list", "personnel"
    whole = _partitioned_set(sdoc, root)
    if whole is not None:
        return whole, "of-the-set", "personnel"
    verb = verb_of(root)
    lemma = verb.lemma_.lower() if verb is not None else ""
    if verb is not None and verb.dep_ in {"acl", "advcl"} and lemma in {"total", "number", "stand", "reach"} and (
        root.dep_ in {"dobj", "attr", "npadvmod", "pobj"} or (root.dep_ == "nummod" and root.head.i == verb.i)
    ):  # (the parse may hang "850" on "numbering" as its modifier)
        head = verb.head if verb.head.pos_ in {"NOUN", "PROPN"} else noun_before_comma(verb)
        count = parse_figure(root.text)
        if head is not None and noun_class(head) == "mission" and count is not None and count.value > _MOST_MISSIONS:
            head = _nearest_personnel_noun(sdoc, root)  # "310 police and 880 troops in UN missions, totalling 1,190"
        if head is not None and head.pos_ in {"NOUN", "PROPN"} and noun_class(head) in {"personnel", "mission"}:
            return head, "participle", noun_class(head)  # "UN peacekeeping missions …, now totalling 16"
        if head is not None and head.pos_ in {"NOUN", "PROPN"} and noun_class(head) == "unit":
            return head, "participle", "personnel"  # "The Tanzanian contingent, numbering 850, …": its people
    verb_as_noun = next((t for t in sdoc[max(0, root.i - 3) : root.i] if t.lower_ in {"numbers", "totals", "counts"} and t.pos_ == "NOUN"), None)
    if verb_as_noun is not None and all(not t.like_num for t in sdoc[verb_as_noun.i + 1 : root.i]):
        # "The Indian contingent in South Sudan numbers about 2,400": the tagger read the verb as a noun
        owner = next((t for t in reversed(sdoc[: verb_as_noun.i]) if t.pos_ in {"NOUN", "PROPN"} and (
            noun_class(t) in {"personnel", "unit"} or t.lower_ in vocabulary()["mission_subjects"] or vocab.mission_for(t.text))), None)
        if owner is not None:
            return owner, "copula", "personnel"
    if root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.i - sdoc[0].i <= 1 and any(
        t.lemma_.lower() in {"contributor", "contributing", "provider"} for t in sdoc
    ):
        return _nearest_personnel_noun(sdoc, root), "inferred", "personnel"  # "At 6,100, Bangladesh is the largest contributor"
    total = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    if total is not None and total.lower_ == "total" and (
        total.head.lemma_.lower() in {"make", "bring", "give"} or total.head.lower_ == "for"
    ) and any(noun_class(t) == "personnel" for t in sdoc[: root.i]):
        return None, "inferred", "personnel"  # "30 police, three UNMEM and 533 troops making a total of 566"
    personnel_verb = lemma in vocabulary()["personnel_verbs"] or lemma in vocabulary()["pledge_lemmas"] or (
        root.dep_ == "nsubj" and verb is not None and _in_service(verb)
    )  # "…; 840 remain deployed today", "roughly 950 are on duty this month"
    of_noun = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    if of_noun is not None and of_noun.pos_ == "NOUN" and noun_class(of_noun) not in {"personnel", "unit"} and of_noun.lower_ not in (
        vocabulary()["count_subjects"] | vocabulary()["units"] | vocabulary()["level_nouns"]
    ):
        personnel_verb = False  # "a father of two", "a population of 30 million": that noun's number
    if verb is not None and (personnel_verb or (root.dep_ == "pobj" and root.head.lower_ in {"to", "from", "at"})) and root.dep_ in {
        "dobj", "pobj", "attr", "nsubj", "nsubjpass", "appos", "npadvmod", "conj"
    }:
        noun = _nearest_personnel_noun(sdoc, root)
        if noun is not None:
            return noun, "inferred", "personnel"
        if ctx.state.last_category is not None or PEACEKEEPING_CONTEXT.search(ctx.text) or ctx.missions_here:
            return None, "inferred", "personnel"  # "Jordan comes next with a total of 1,340", "UNIFIL numbers 10,500"
        if carries_count(ctx) and (root.dep_ in {"dobj", "attr", "conj"} or root.dep_ == "pobj" and root.head.lower_ in {"at", "to"}):
            return None, "elided", "personnel"  # "Egypt had 1,600 personnel deployed. Morocco had 1,720."
    if verb is not None and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in vocabulary()["count_subjects"] for c in verb.children
    ) and root.dep_ in {"pobj", "dobj", "attr"}:
        return None, "inferred", "personnel"  # "the number had fallen to 2,800"
    return None, None, ""


# ---------------------------------------------------------------------------------------------


#: More missions than the UN has ever run (71 since 1948): a larger count is of people.
_MOST_MISSIONS = 100


def _count(root: Token) -> float:
    """The number a token states (infinite when it states none)."""
    figure = parse_figure(root.text)
    return figure.value if figure is not None else float("inf")


def _sized_unit(root: Token) -> Optional[Token]:
    """"the 15,000-strong force", "a 140-member formed police unit", "a 750-man battalion": the
    unit whose head count the number is (its kind gives the category)."""
    after = root.doc[root.i + 1 : root.i + 7]
    if len(after) < 3 or after[0].text not in {"-", "–"} or after[1].lower_ not in vocabulary()["size_compounds"]:
        return None
    unit = next((t for t in after[2:] if t.pos_ in {"NOUN", "PROPN"}), None)
    while unit is not None and unit.dep_ in {"compound", "nmod"} and unit.head.i > unit.i and unit.head.i <= root.i + 9:
        unit = unit.head  # "infantry battalion", "level-II field hospital": the head noun
    lex = vocabulary()
    if unit is None or not (
        noun_class(unit) in {"unit", "personnel"} or unit.lower_ in lex["units"] | lex["mission_subjects"] | lex["sized_heads"]
    ):
        return None
    return unit


def _toll_reading(ctx: SentenceContext, fm: FigureMatch, root: Token, noun: Token, entry: Optional[tuple[str, str]]) -> Reading:
    """"suffered 11 fatalities", "20 losses in 2017": the noun is the toll itself."""
    death = noun.lower_ in vocabulary()["death_nouns"]
    verb = verb_of(noun)
    finite = finite_verb(verb)
    current, cumulative = _markers(ctx.sdoc, ctx.cues, verb, finite, root)
    return Reading(
        figure=fm, root=root, noun=noun, how="toll-noun", noun_class="personnel", verb=verb, finite=finite,
        tense=tense_of(finite), current=current, cumulative=cumulative, predicate="DEATH" if death else "INJURY",
        category=Category.PERSONNEL, entry=entry,
    )


def _list_toll_frame(ctx: SentenceContext, root: Token, frame: Optional[Token]) -> Optional[str]:
    """DEATH or INJURY when a list's entries count the dead or wounded of a frame before them: a
    toll word earlier in the clause ("Those killed in 2023 included peacekeepers from Nepal (4),
    Ghana (3)", "India has lost 180, Nigeria 157"), or, for a list that names no people of its own,
    the toll of the sentence before ("The fallen came from 28 countries. The largest numbers were
    from Nepal (6), Pakistan (5)")."""
    stop = max((t.i for t in ctx.sdoc[: root.i] if t.text in {";", ":"}), default=-1)
    if stop >= 0 and ctx.sdoc[stop].text == ":":
        # "the heaviest losses in 2022 were borne by …: Togo, with six dead, Guinea, with five": a
        # colon opens the list its clause frames
        stop = max((t.i for t in ctx.sdoc[:stop] if t.text in {";", ":"}), default=-1)
    before = [(span.start, label) for label in ("DEATH", "INJURY") for span in ctx.cues.spans.get(label, ()) if stop < span.start and span.end <= root.i]
    after = [
        (span.start, label) for label in ("DEATH", "INJURY") for span in ctx.cues.spans.get(label, ())
        if span.start > root.i and frame is None and not any(t.like_num and t.i in ctx.figure_tokens for t in ctx.sdoc[root.i + 1 : span.start] if t.i > _last_entry(ctx))
    ]
    if not before and after:
        return min(after)[1]  # "Chad, with nine, and Niger, with five, paid the heaviest price"
    for start, label in sorted(before, reverse=True):
        # a toll with a number of its own before it is that number's ("Two peacekeepers were killed,
        # and the mission relies on Chad (1,400)"); an earlier frame may still hold ("the heaviest
        # losses …: Togo, with six dead, Guinea, with five")
        if not any(t.like_num and t.i in ctx.figure_tokens for t in ctx.sdoc[stop + 1 : start]):
            return label
    toll = ctx.state.toll_value
    if frame is None and ctx.state.toll_kind is not None and _follows(ctx, ctx.state.toll_end) and toll is not None and _count(root) < toll:
        return ctx.state.toll_kind  # (and parts of that toll: "The largest contributors are Chad (1,400)" is no part of two dead)
    return None


def _last_entry(ctx: SentenceContext) -> int:
    """The token of the sentence's last figure."""
    return max((t.i for t in ctx.sdoc if t.i in ctx.figure_tokens and t.like_num), default=-1)


def _whole_predicate(ctx: SentenceContext, part: Token) -> Optional[str]:
    """The predicate of the figure a part ("including 103") belongs to: the nearest figure before it."""
    before = [t for t in ctx.sdoc if t.i in ctx.figure_tokens and t.i < part.i and t.like_num]
    for tok in reversed(before):
        anchor = tok.head if tok.dep_ == "nummod" else tok
        kind = predicate_of(anchor, ctx.cues)
        if kind is not None:
            return kind
    return None


_VOTE = re.compile(r"\bvot(?:e|es|ed|ing)\b|\bballots?\b", re.IGNORECASE)


def read_figure(ctx: SentenceContext, fm: FigureMatch) -> Optional[Reading]:
    """The :class:`Reading` of one figure, or None when the number counts nothing we measure."""
    tokens = span_tokens(ctx.sdoc, ctx.offset, fm.num_start, fm.num_end)
    if not tokens:
        return None
    root = root_of(tokens)
    inside = {t.i for t in tokens}
    doc = ctx.sdoc
    if root.i + 3 < len(doc) and doc[root.i + 1].text == "(" and doc[root.i + 2].like_num and doc[root.i + 3].text == ")":
        # "four (04) soldiers": the digits repeat the words; the parse hangs the noun on them
        root, inside = doc[root.i + 2], {doc[root.i + 2].i}
    of_what = next((o for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"), None)
    alone = fm.figure.value == 1  # (not the "one" of "thirty-one", which the tokenizer splits off)
    if alone and root.lower_ in {"one", "1"} and of_what is not None and noun_class(of_what) != "personnel":
        return None  # "one of the UN's largest missions": not a count of one ("one of its peacekeepers" is)
    if alone and root.lower_ == "one" and root.dep_ in {"nsubj", "nsubjpass"} and of_what is None and any(
        a.dep_ == "aux" and a.lower_ in {"must", "should", "can", "may", "might", "could", "would", "cannot"} for a in root.head.children
    ):
        return None  # "to be eligible, one must have served …": the pronoun, not a count
    if root.i > 0 and ctx.sdoc[root.i - 1].lower_ in {"number", "no", "no.", "#"} and ctx.sdoc[root.i - 1].pos_ != "VERB" and root.i == tokens[0].i and not any(
        c.dep_ == "nsubj" or (c.dep_ == "compound" and c.lower_ in {"women", "females"})
        for c in ctx.sdoc[root.i - 1].children  # (not "personnel … now number 1,052", "Women number 146": a verb)
    ):
        return None  # "number seven", "No. 3": a label
    if root.i + 1 < len(doc) and doc[root.i + 1].lower_ in {"per", "fewer", "less"}:
        return None  # "1.2 lakh per month", "3 per cent", "680 fewer than a year ago": a rate or a difference
    if root.i > 0 and doc[root.i - 1].lower_ == "top":
        return None  # "among the top ten contributors": a rank, not a count
    if (
        0 < root.i < len(doc) - 1 and doc[root.i - 1].pos_ == "PROPN" and root.text.isdigit() and int(root.text) < 100
        and doc[root.i + 1].lower_ in {"contingent", "battalion", "rotation", "detachment", "company"}
    ):
        return None  # "the final 30 soldiers of the Mali 17 contingent": a unit's name
    if _VOTE.search(ctx.text) and (
        (root.i + 2 < len(doc) and doc[root.i + 1].lower_ == "to" and doc[root.i + 2].like_num)
        or (root.i > 1 and doc[root.i - 1].lower_ == "to" and doc[root.i - 2].like_num)
    ):
        return None  # "the Bundestag voted 471 to 112 to extend the mandate": votes
    entry = ctx.entries.get(fm.num_start)
    noun = counted_noun(root, inside)
    how = "nummod"
    lex = vocabulary()
    if noun is not None and noun.head.lower_ == "of" and noun.head.head.i == root.i:
        how = "partitive"
    if noun is None and root.dep_ in {"meta", "dep"} and root.i + 1 < len(doc) and doc[root.i + 1].pos_ in {"NOUN", "PROPN"} and (
        noun_class(doc[root.i + 1]) == "personnel"
    ):
        noun = doc[root.i + 1]  # "… while 168 Bangladeshis have been killed": a number the parse left loose
    if noun is None and root.dep_ == "nummod" and root.head.lower_ in {"number", "total"} and root.head.tag_ == "NN" and root.head.i < root.i:
        # "Nigeria's uniformed personnel in UN operations now number 1,052": the verb read as a noun;
        # its subject is what is counted
        counted = next((c for c in root.head.children if c.dep_ == "nsubj" and noun_class(c) == "personnel" or (
            c.dep_ == "compound" and c.lower_ in {"women", "females"}  # "Women number 146 of them"
        )), None)
        if counted is not None:
            noun, how = counted, "copula"
    if (
        noun is not None and how == "nummod" and noun.dep_ == "poss" and any(c.tag_ == "POS" for c in noun.children)
        and noun_class(noun.head) != "personnel"
    ):
        return None  # "they run 12 women's desks", "five children's schools": the possessed things are counted
    if how == "nummod" and noun is not None and noun.i == root.head.i and noun.lower_ in lex["units"] and noun.lower_.endswith("s") and (
        _sized_unit(root) is None
    ):
        return None  # "sent 37,449 military to Haiti, in 26 contingents": units are counted, not people
    if how == "partitive" and noun is not None and noun.lower_ in {"number", "total", "figure"}:
        noun, how = None, "nummod"  # "Women constitute 160 of that number": a part of the count before
    sized = _sized_unit(root)
    if sized is not None:
        noun, how = sized, "strong"  # "a 140-member formed police unit": 140 personnel
    if noun is not None and noun.lower_ in lex["time_nouns"] and (
        noun.i != root.i + 1 or any(d.start <= noun.idx - ctx.sdoc[0].idx < d.end for d in ctx.dates)
    ):
        noun = None  # "102 last year": a date follows the number, no years are counted
    if noun is not None and entry is not None and vocab.country_for(noun.text) and noun.pos_ == "PROPN":
        noun = None  # "…, Pakistan 4,300 and China 2,200": the country is the entry, not the noun
    if noun is not None and noun.lower_ in lex["death_nouns"] | lex["injury_nouns"] and (
        "DEATH" in ctx.cues.on(noun.i) or "INJURY" in ctx.cues.on(noun.i) or noun.lower_ in {"fatalities", "deaths"}
    ):
        return _toll_reading(ctx, fm, root, noun, entry)
    cls = "personnel" if how == "strong" else noun_class(noun) if noun is not None else ""
    if noun is None:
        noun, inferred_how, cls = _infer_noun(root, ctx, entry, fm.figure.value)
        if inferred_how is None:
            return None
        how = inferred_how
    if cls not in {"personnel", "mission", "country"}:
        return None
    if cls == "personnel" and noun is not None and how in {"nummod", "partitive"} and noun.lower_ not in lex.noun_category and not PEACEKEEPING_CONTEXT.search(ctx.text) and not continues_toll(ctx):
        return None  # "About 14,000 Ghanaians who lived in Liberia …": people, not peacekeepers
    anchor = noun if noun is not None and how in {"nummod", "partitive"} else root
    verb = verb_of(anchor)
    if verb is not None and verb.lower_ in {"including", "excluding"} and verb.dep_ == "prep" and any(
        c.like_num for c in verb.head.children
    ):
        verb = verb_of(verb) or verb  # "killed at least 52 people, including a Ghanaian peacekeeper": killed
    if anchor is root:
        # "with about 850 currently deployed": the number's own participle is its predicate
        own_clause = next((c for c in root.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"), None)
        if own_clause is not None:
            verb = own_clause
    if noun is not None and how == "nummod":
        # "the 1,200 women peacekeepers Bangladesh has sent": the relative clause is the predicate
        own = next((c for c in noun.children if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB"), None)
        if own is not None and predicate_of(anchor, ctx.cues) is None:
            verb = own
    finite = finite_verb(verb)
    tense = tense_of(finite)
    current, cumulative = _markers(ctx.sdoc, ctx.cues, verb, finite, root)
    attribute = _attribute_phrase(anchor, verb)
    if attribute is not None:
        # "UNIFIL, with 10,000 troops from 49 countries, has come under fire since October": the
        # figure describes the force as it is; the verb's "since" and perfect are the event's
        current, cumulative = _cues_within(ctx.cues, {t.i for t in attribute.subtree})
        tense = "present" if tense == "perfect" else tense
    if how == "number-of" and noun is not None and any(
        c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in {"serve", "deploy", "work"} for c in noun.children
    ):
        current, cumulative = True, False  # "the number of Indian women serving in UN missions rises to 150": a level
    elif how == "number-of" and noun is not None and finite is not None and finite.lemma_.lower() in lex["level_change_verbs"] and not any(
        c.dep_ in {"relcl", "acl"} for c in noun.children
    ) and predicate_of(anchor, ctx.cues) is None:
        current, cumulative = True, False  # "The number of Rwandan women peacekeepers has tripled to 570": a level
    predicate = predicate_of(anchor, ctx.cues) if how not in {"death-subject", "injury-subject", "missing"} else {
        "death-subject": "DEATH", "injury-subject": "INJURY", "missing": "MISSING"
    }[how]
    if predicate is None and how == "list":
        # "The countries that have lost the most peacekeepers are India (180), Nigeria (157)",
        # "India has lost 180 peacekeepers, Nigeria 157": the entries count what the list's noun does
        frame = noun if noun is not None and noun.i != root.i else next(
            (t for t in reversed(ctx.sdoc[: root.i]) if t.pos_ in {"NOUN", "PROPN"} and noun_class(t) == "personnel"), None
        )
        if frame is not None:
            predicate = predicate_of(frame, ctx.cues)
        if predicate is None:
            predicate = _list_toll_frame(ctx, root, frame)
    if how == "partitive" and root.dep_ in {"nsubj", "nsubjpass"}:
        # "Three of the injured soldiers later died": the part's own verb says what happened to it
        part_kind = cue_kind(root.head, ctx.cues) if root.head.pos_ in {"VERB", "AUX"} else None
        if part_kind:
            predicate = part_kind
    if how == "conj" and predicate is None and noun is not None and root.head.pos_ in {"VERB", "AUX"}:
        predicate = predicate_of(noun, ctx.cues)  # "has lost 60 soldiers in Lebanon and 140 in all UN missions"
    if how == "copula" and predicate is None:
        whole = _partitioned_set(ctx.sdoc, root)
        if whole is not None:
            # "Of the 311 peacekeepers the mission lost …, more than 60 were Chadians": the part of a
            # toll is dead too
            predicate = predicate_of(whole, ctx.cues)
    if how == "of-the-set" and noun is not None:
        # "Of the 4,300 peacekeepers who have died since 1948, 180 were Indian": the part counts what
        # the set does, unless its own verb says otherwise ("Of the 20 wounded, three later died")
        own_kind = cue_kind(root.head, ctx.cues) if root.head.pos_ in {"VERB", "AUX"} else None
        predicate = own_kind or predicate or predicate_of(noun, ctx.cues)
    if predicate is None and any(a.lower_ in {"including", "among"} for a in list(root.ancestors)[:3]):
        predicate = _whole_predicate(ctx, root)  # "… who had lost their lives, including 103 last year"
    if fm.kind == "ordinal":
        # the planner keeps an ordinal only before "to die", "to be killed" ("the 101st French
        # soldier to die under the UN flag"): the toll it is the last of, to that day
        predicate, cumulative, current, tense = "DEATH", True, False, "perfect"
    if how in {"death-subject", "injury-subject", "missing", "in-operation"} or noun is None:
        category = Category.PERSONNEL if cls == "personnel" else None
        if how in {"inferred", "list"} and ctx.state.last_category is not None and entry is None:
            category = ctx.state.last_category
        elif how == "elided" and ctx.state.count_category is not None:
            category = ctx.state.count_category
        if how in {"inferred", "list", "elided"} and _women_frame(ctx.sdoc, root):
            category = Category.WOMEN  # "Ghana has the most women in uniform, with 380, followed by Rwanda (310)"
    else:
        category = category_of(noun, verb)
        if category is None and how in {"copula", "appos"} and cls == "personnel":
            category = Category.PERSONNEL  # "UNIFIL numbers about 10,500": the force's people, of every kind
        if category is not None and category is not Category.WOMEN and _share_restated(ctx.text[: fm.start - ctx.offset]) and _women_frame(ctx.sdoc, root):
            category = Category.WOMEN  # "Women make up about 8 per cent of the contingent, or 480 personnel"
    if cls != "personnel":
        category = None
    elif _women_make_up(root):
        # "Women make up 130 of the Nigerian personnel deployed", "women account for 187 of them",
        # "Of the 1,200 Nepali peacekeepers in Lebanon, women account for 48": whatever the part's
        # noun, what it counts is women
        category = Category.WOMEN
    return Reading(
        figure=fm,
        root=root,
        noun=noun,
        how=how,
        noun_class=cls,
        verb=verb,
        finite=finite,
        tense=tense,
        current=current,
        cumulative=cumulative,
        predicate=predicate,
        category=category,
        entry=entry,
    )
