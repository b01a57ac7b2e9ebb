"""As of when, and since when: the dates of one figure.

The as-of date, in order of evidence:

1. a date tied to the figure ("reached 2,809 in March 2016", "29 killed in 2023"),
   but a "now/currently/today" on the figure's own verb is the piece's (or newsletter item's)
   date, whatever other clause or leading date the sentence has; only an explicit "as of" beats it,
2. the sentence's leading date ("As of October 2014, …", "Last month, …"), unless it is
   history ("UNFICYP, created in March 1964, …", "Ten years after its launch in 2014, …"),
3. for one incident's toll, the day of the incident ("on Sunday", resolved against publication),
4. the previous sentence's date, for an anaphoric "This also claimed the lives of …",
5. the block's reference date in effect ("as at the end of 2016" in the lead, a table heading),
6. the publication date, else an anniversary anchor for an undated piece, else none.

A forward-looking figure (a pledge) is dated by when it was made: its target ("by June", "on 5
January", "in 2025") is never its date, and a reference (data) date never dates it.

Why one module over 600 lines: :func:`date_figure` is one ordered chain of evidence (own date,
"now", lead, peak, incident day, honours, pledge day, reference, statement day, publication,
anchor) and its tests for each link read the same parse; split across files, the order that
decides would no longer be visible in one place.

The period start (``since``) belongs to cumulative metrics only: "since 1960", a leading "Since
its first deployment in 1993,", "over the past 32 years", "in the UN's 70-year history".
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from peacefacts import vocab
from peacefacts.nlp.dates import DateMatch, find_dates, find_periods
from peacefacts.nlp.facts.incident import honours_last_year
from peacefacts.nlp.facts.metric import at_peak
from peacefacts.nlp.facts.parse import root_of
from peacefacts.nlp.facts.reading import LeadDates, Reading, SentenceContext, SentenceState
from peacefacts.nlp.facts.vocabulary import vocabulary
from peacefacts.nlp.plan import BlockPlan, Candidate
from peacefacts.nlp.segment import split_sentences
from peacefacts.nlp.story_days import TOLL_REACH, incident_day
from peacefacts.records import AsOfSource, Metric, PartialDate
from peacefacts.vocab.calendar import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, alternation

__all__ = ["anchor_source", "lead_dates", "date_figure", "source_of", "undated_if_closed"]

_SINCE_THEN = re.compile(r"\b[Ss]ince (then|this|that)\b")
_SINCE_ADVERB = re.compile(r"\b(?:has|have|had)\s+since\b(?!\s+(?:19|20)\d\d)", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19[4-9]\d|20\d\d)\b")
_ANAPHORA = re.compile(
    r"^\W*(This|These|That|Those|It|They|Over those|In those|During those|Of these|Of them|Of those|Among them|"
    r"Among these|That number|The figure|The number)\b"
)
_LEAD_START = re.compile(r"\W*(since|with its (very )?first|from its first|after its first)\b", re.IGNORECASE)
_END_OF_YEAR = re.compile(r"\bend(?:\s+of|\s*-)\s*(?:the\s+year\s+)?(?:of\s+)?(1[89]\d\d|20\d\d)\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|noted|confirmed|expressed|statement)\b", re.IGNORECASE)
_TOLL_WORDS = re.compile(
    r"\b(?:kill\w*|died|dead|deaths?|wounded|injur\w+|attack\w*|ambush\w*|explosion|blast|fire|raid|clash\w*|"
    r"struck|hit|crash\w*)\b",
    re.IGNORECASE,
)
# a date that dates a clause comes with its preposition ("in March 2016", "as of 2023", "by 2014")
_LATEST_EXAMPLE = re.compile(r"[,;(]\s*(?:most\s+recently|the\s+(?:latest|most\s+recent|last)\s+(?:of\s+whom|being|one|in))\b", re.IGNORECASE)
_PREPOSED = re.compile(r"^(?:in|on|at|to|as\s+(?:of|at|on)|as\s+(?:recently|late|early)\s+as|by|during|until|till|through|throughout|from|between|since|after|before|around|of|(?:the\s+)?end\s+of)\b", re.IGNORECASE)
_RELATIVE_WORDS = re.compile(
    rf"\b(last|yesterday|today|this|next|ago|now|currently|present|earlier|later|{alternation(WEEKDAY_NAMES)})\b",
    re.IGNORECASE,
)
_SHIFTED = re.compile(r"\b(?:earlier|later|before|after)\s*$", re.IGNORECASE)
_YEAR_TO_DATE = re.compile(r"\b(?:this|the)\s+year\b", re.IGNORECASE)
_AS_OF = re.compile(r"^as\s+(?:of|at|on)\b", re.IGNORECASE)
_LEAD_WORDS = re.compile(r"(?:[^\W\d]+\s+)*")
#: "to present the medal to the 128 men and women who lost their lives": the dead, whatever the
#: tense of the verb that governs them ("It is an honour to present …")
_WHO_DIED = re.compile(
    r"[^.;:!?]{0,60}?\bwho\s+(?:had\s+)?(?:lost\s+their\s+lives|died|fell|gave\s+their\s+lives|were\s+killed|paid\s+the\s+ultimate\s+price|made\s+the\s+ultimate\s+sacrifice)\b(?![^.;:!?]{0,60}\bsince\b)",
    re.IGNORECASE,
)
def _medal_to_the_dead(r: Reading, ctx: SentenceContext) -> bool:
    """"to present the Dag Hammarskjöld medal to the 128 men and women who lost their lives": the
    medal's own dead, whatever the tense of the verb that governs them."""
    before = ctx.text[: r.figure.start - ctx.offset].lower()
    return bool(_WHO_DIED.match(ctx.text, r.figure.end - ctx.offset)) and any(
        name in before for name in vocabulary()["previous_year_honours"]
    )


#: a toll that grew after the incident ("rose to five on Tuesday"): the day it was updated is not the incident's
_TOLL_UPDATE = re.compile(r"\b(?:rose|risen|rises|climbed|increased|reached|went\s+up|jumped)\b", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:later|next|coming|upcoming|rest\s+of)\b", re.IGNORECASE)
_TARGET_PREP = re.compile(r"^(?:by|before|until|till|from|through)\b", re.IGNORECASE)


def _is_now(match: DateMatch) -> bool:
    """"now", "currently", "as of today": the time of speaking, not a date of its own."""
    words = re.sub(r"^(?:as\s+(?:of|at|on)|at|for)\s+", "", match.text.strip().lower())
    return re.sub(r"\s+", " ", words) in vocabulary()["now_words"]


def _is_past_of(r: Reading, ctx: SentenceContext, match: DateMatch) -> bool:
    """Whether a date before a present or perfect figure is history ("created in 1964", "after its
    first deployment in 2004"), not the figure's date."""
    return _of_today(r) and match.end <= r.figure.start - ctx.offset and match.role == "as_of" and _is_history(ctx.text, match)


def _of_today(r: Reading) -> bool:
    """A figure in the present or the perfect ("has", "have sent", "still patrol")."""
    verb = r.verb
    if r.tense in {"present", "perfect"} or (verb is not None and verb.tag_ in {"VBP", "VBZ"}):
        return True
    # "some 800 troops still patrol": a bare verb with a subject and no auxiliary (tagged VB) is a present
    children = list(verb.children) if verb is not None else []
    return verb is not None and verb.tag_ == "VB" and any(c.dep_ == "nsubj" for c in children) and not any(
        c.dep_ in {"aux", "auxpass"} for c in children
    )


def _lead_is_target(r: Reading, ctx: SentenceContext) -> bool:
    """Whether a pledge's leading date is its target ("On 2 January, a further 40 police officers
    are scheduled to depart")."""
    lead = next((d for d in ctx.dates if d.start in ctx.lead.claimed and d.text == ctx.lead.text), None)
    published = ctx.plan.published
    if lead is None:
        return published is not None and ctx.lead.as_of is not None and ctx.lead.as_of.first_day > published.last_day
    return _is_target(lead, r, ctx)


def _lead_is_history(ctx: SentenceContext) -> bool:
    """Whether the sentence's leading date is history ("created in March 1964, …")."""
    lead = next((d for d in ctx.dates if d.start in ctx.lead.claimed and d.text == ctx.lead.text), None)
    return lead is not None and _is_history(ctx.text, lead)


def _is_history(text: str, match: DateMatch) -> bool:
    """A leading date in a history phrase: "created in March 1964", "after its launch in 2014",
    "Forty years ago, in 1984", "On the 50th anniversary of …, established in 1974", "Two years
    after the 2022 attack"."""
    clause_start = max(text.rfind(";", 0, match.start), 0)
    # with the date's own preposition: "Two years after the 2022 attack" ("after the 2022" is the match)
    own_words = _LEAD_WORDS.match(match.text)
    before = (text[clause_start : match.start] + (own_words.group(0) if own_words else "")).lower()
    return any(re.search(rf"\b{re.escape(cue)}\b", before) for cue in vocabulary()["history_cues"])


def anchor_source(plan: BlockPlan) -> AsOfSource:
    """How an undated block's anchor was found: an anniversary or named year (``anchor``), or only
    the latest date the piece reports (``lower_bound``)."""
    if plan.anchor_as_of is None:
        return AsOfSource.NONE
    return AsOfSource.LOWER_BOUND if plan.anchor_is_bound else AsOfSource.ANCHOR


def source_of(match: DateMatch) -> AsOfSource:
    """Whether a date phrase is relative ("last month") or explicit ("October 2014")."""
    return AsOfSource.RELATIVE if _RELATIVE_WORDS.search(match.text) else AsOfSource.EXPLICIT


def _value(match: DateMatch) -> Optional[PartialDate]:
    value = match.end_value if match.role == "range" and match.end_value else match.value
    if value is not None and value.precision == "year" and (
        _END_OF_YEAR.search(match.text) or re.search(r"\bend\s+of\s+(?:last|this|the)\s+year\b", match.text, re.IGNORECASE)
    ):
        return PartialDate(value.year, 12)  # "at the end of 2019", "at the end of last year": December
    return value


def lead_dates(text: str, dates: list[DateMatch], sdoc: object, state: SentenceState, plan: BlockPlan, candidate: Candidate, full_text: str) -> LeadDates:
    """Dates the sentence states before its clause, and what an anaphoric sentence inherits."""
    first_comma = text.find(",")
    lead_clause = text[: first_comma + 1] if first_comma != -1 else ""
    # "Since its initial service with the UN in 1957, …": a date inside a leading since/first
    # clause starts the period, it does not date the figure
    lead_is_start = bool(_LEAD_START.match(lead_clause))
    root = next((t for t in sdoc if t.dep_ == "ROOT"), None)  # type: ignore[attr-defined]
    subject_at = (
        min((t.idx for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree), default=root.idx)
        if root is not None
        else 0
    )
    # a date after the main verb is that clause's, not a lead of the sentence
    verb_at = root.idx if root is not None and root.pos_ in {"VERB", "AUX"} else len(text)
    as_of: Optional[PartialDate] = None
    source = AsOfSource.NONE
    since: Optional[PartialDate] = None
    since_any: Optional[PartialDate] = None
    claimed: set[int] = set()
    lead_text = ""
    for dm in dates:
        if dm.role == "since" and dm.value is not None:
            since_any = since_any or dm.value
        if _is_now(dm):
            continue  # "Today, …", "As of today, …": the time of speaking (see date_figure)
        if lead_is_start and dm.value is not None and dm.end <= max(first_comma + 1, subject_at):
            since = dm.value
            since_any = since_any or dm.value
            claimed.add(dm.start)
            continue
        leads = dm.start <= 30 and dm.start < verb_at and (
            (first_comma != -1 and dm.end <= first_comma + 1) or text[dm.end : dm.end + 2].lstrip().startswith(",")
        )  # "As of Dec 2023, …", "As at August 31, 2016, …"; not "Some 61 died in 2023, bringing the total …"
        if leads:
            # "Up to the end of last year, China has dispatched …", "Calculated until the end of
            # June 2024, …": a leading "until" is the date the running figure stands at
            if dm.role in {"as_of", "range", "until"} and dm.value is not None:
                as_of = _value(dm)
                since = dm.value if dm.role == "range" else None
                source = source_of(dm)
                claimed.add(dm.start)
                lead_text = dm.text
            elif dm.role == "since" and dm.value is not None:
                since = dm.value
                claimed.add(dm.start)
    if since_any is None and since is None and _SINCE_THEN.search(text):
        years = _YEAR.findall(full_text, plan.block.start, candidate.sentence.start)
        if years:
            since_any = PartialDate(int(years[-1]))
    adverb = _SINCE_ADVERB.search(text)
    if since_any is None and since is None and adverb:
        # "first deployed troops to the Congo in 1960 and had since sent over 80,000": since that year
        years = _YEAR.findall(text, 0, adverb.start())
        if years:
            since_any = PartialDate(int(years[-1]))
    if as_of is None and adverb and _ANAPHORA.match(text) and state.end >= 0:
        # "In 1990, China sent five observers to UNTSO. It has since joined 25 missions": the
        # previous sentence's date starts the period, it does not date the running figure
        since_any = since_any or state.as_of
    elif as_of is None and _ANAPHORA.match(text) and state.end >= 0 and not _lasting(text[: max(first_comma, 0) + 1]):
        # "Over those 75 years, …" after "At the peak, in 1993, …": decades up to now, not the previous
        # sentence's date ("In those two years" after "Between 2013 and 2015" still is)
        as_of, source = state.as_of, state.as_of_source
        since = since or state.since
    return LeadDates(as_of=as_of, source=source, since=since, since_any=since_any, claimed=frozenset(claimed), text=lead_text)


def _lasting(lead: str) -> bool:
    """Whether a sentence's lead names a period of ten years or more ("Over those 75 years, …"):
    asked only of an anaphoric lead, not of every sentence (a period scan of each lead cost 12 ms
    over the development pages)."""
    return any((period.years or 0) >= 10 for period in find_periods(lead))


def _attached(ctx: SentenceContext, dm: DateMatch, anchors: set[int], others: set[int]) -> bool:
    """Whether a date phrase belongs to this figure's clause and not to another figure.

    Walking up from the date, the figure's number, noun or verb must come before any other
    figure's number or noun ("Over 4,000 have died since 1948, including 29 killed in 2023": the
    2023 belongs to the 29).
    """
    tokens = [t for t in ctx.sdoc if dm.start <= t.idx < dm.end]
    if not tokens:
        return False
    node = root_of(tokens)
    if any(c.i in others for c in node.children):
        return False  # "including 102 last year": the date is the other figure's
    for anc in [node, *node.ancestors]:
        if anc.i in others and not _from_places(anc, anchors):
            return False
        if (
            anc.dep_ in {"relcl", "acl"} and anc.i not in anchors and anc.head.i not in anchors
            and not _from_places(anc.head, anchors) and not any(t.i in anchors for t in anc.subtree)
        ):
            return False  # "Nepal, which joined the UN on December 14, 1955, has 6,000": the clause's date
        # "from 2,867 in 2014": the date hangs on the preposition that governs another figure
        if anc.i != node.i and any(
            c.i in others and c.dep_ in {"pobj", "dobj", "nsubj", "nsubjpass"} and not _from_places(c, anchors) for c in anc.children
        ):
            return False
        # "down from a peak of 1,100 in 2016": the date hangs on the noun another figure measures
        if anc.i != node.i and anc.pos_ == "NOUN" and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.i in others for g in c.children) for c in anc.children
        ):
            return False
        if anc.dep_ == "prep" and anc.lower_ in {"from", "than"} and anc.head.i not in anchors and any(
            t.i in others for t in anc.subtree
        ):
            return False  # "down from a peak of over 100,000 in 2011": the baseline's date (the parse hangs it on "from")
        if anc.i in anchors:
            return True
        if anc.dep_ == "conj":
            return False  # "… risen to 2,840, and at the end of last year it stood at 2,727": the other conjunct's date
    return False


def _from_places(tok: object, anchors: set[int]) -> bool:
    """"117 peacekeepers from 43 countries who died in 2016": the relative clause the parser hangs on
    "countries" tells of the peacekeepers."""
    prep = getattr(tok, "head", None)
    return (
        getattr(tok, "dep_", "") == "pobj" and getattr(tok, "pos_", "") in {"NOUN", "PROPN"} and not getattr(tok, "like_num", False)
        and prep is not None and prep.lower_ == "from" and prep.head.i in anchors
    )


def _anchors(r: Reading) -> tuple[set[int], set[int]]:
    anchors = {r.root.i} | ({r.noun.i} if r.noun is not None else set()) | ({r.verb.i} if r.verb is not None else set())
    noun = r.noun
    while noun is not None and noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "61 military, police and civilian personnel who lost …": the whole coordination
        anchors.add(noun.i)
    if r.finite is not None:
        anchors.add(r.finite.i)
        node = r.finite
        while node.head.i != node.i:
            # "deployed its first unit to Haiti in 2004 and had 1,800 … last year": the first
            # conjunct's own dates are not this figure's; what governs both still is
            if node.dep_ != "conj":
                anchors.add(node.head.i)
            node = node.head
    return anchors, {r.root.i} | ({r.noun.i} if r.noun is not None else set())


def _conj_heads(r: Reading) -> set[int]:
    """The heads the figure's clause is a conjunct of: a date on them is the other clause's."""
    heads: set[int] = set()
    node = r.finite
    while node is not None and node.head.i != node.i:
        if node.dep_ == "conj":
            heads.add(node.head.i)
        node = node.head
    return heads


def _adjacent_date(r: Reading, ctx: SentenceContext, skip: Callable[[DateMatch], bool]) -> Optional[DateMatch]:
    """A date right after the number ("reached 2,809 in March 2016", "58 (as of 31 August 2024)"),
    or the date of a label before it ("… through May 2004: 1,870")."""
    local_start = r.figure.end - ctx.offset
    if r.how in {"label", "death-subject"}:
        colon = ctx.text.rfind(":", 0, r.figure.start - ctx.offset)
        if colon != -1 and not ctx.text[colon + 1 : r.figure.start - ctx.offset].strip(" \n*"):
            labelled = [d for d in ctx.dates if d.end <= colon and d.value is not None and d.role in {"as_of", "range"} and not skip(d)]
            if labelled:
                return labelled[-1]
    for dm in ctx.dates:
        if dm.value is None or dm.role not in {"as_of", "range"} or skip(dm):
            continue
        gap = ctx.text[local_start : dm.start]
        if dm.start in ctx.lead.claimed and gap.strip():
            continue  # a leading date is the sentence's, unless it follows this number ("From 1,200 in 2010, …")
        if 0 <= dm.start - local_start <= 40 and re.fullmatch(
            r"[\s,(]*(?:[a-z]+\s+){0,3}(?:in|as of|as at|on|at|during|by)?\s*", gap, re.IGNORECASE
        ):
            return dm
    return None


def _trailing_as_of(r: Reading, ctx: SentenceContext) -> Optional[DateMatch]:
    """An "as of DATE" that ends the sentence right after a list the figure is in dates the whole
    list ("the contingent comprised 930 troops, 75 police officers and 13 military observers as of
    December 31"): no other date and no other verb between the figure and it."""
    figure_end = r.figure.end - ctx.offset
    later = [d for d in ctx.dates if d.start >= figure_end and d.value is not None]
    if len(later) != 1 or not _AS_OF.match(later[0].text) or ctx.text[later[0].end :].strip(" .;)\"”'\n"):
        return None
    between = [t for t in ctx.sdoc if figure_end <= t.idx - ctx.sdoc[0].idx < later[0].start]
    if any(t.pos_ in {"VERB", "AUX"} for t in between) or not any(t.like_num for t in between):
        return None  # the date closes another clause, or the figure is the last item (the adjacent rule has it)
    return later[0]


def _own_date(r: Reading, ctx: SentenceContext, skip: Callable[[DateMatch], bool] = lambda d: False) -> Optional[DateMatch]:
    """A date right after the number, the date of a label before it ("… through May 2004: 1,870"),
    or the one date of the figure's own clause. "now" and the dates ``skip`` refuses are none."""

    figure_end = r.figure.end - ctx.offset

    def refused(d: DateMatch) -> bool:
        # "88 have made the ultimate sacrifice, most recently Pte X in December 2022": the latest
        # example's date, not the running total's
        return _is_now(d) or skip(d) or (d.start >= figure_end and bool(_LATEST_EXAMPLE.search(ctx.text, figure_end, d.start)))

    # (not a count of the missions the figure is in: "61,117 personnel deployed in 11 missions as
    # of 30 April 2025" dates both)
    later_figures = [
        f.end - ctx.offset for f in ctx.candidate.figures
        if f.start - ctx.offset >= figure_end and not _MISSIONS_AFTER.match(ctx.text, f.end - ctx.offset)
    ]

    def nearer_figure(d: DateMatch) -> bool:
        # "has fallen to about 68,000 from a peak of over 100,000 in 2016": a date right after a
        # later figure (its noun at most between) is that figure's
        return any(0 <= d.start - end <= 25 and not re.search(r"[,;]", ctx.text[end : d.start]) for end in later_figures if end <= d.start)

    def counted_back(d: DateMatch) -> bool:
        # "Malaysia had 870 …; six months earlier it had 830": a date counted back from another
        # belongs to the figure after it (or right after the number), never to one before it
        return d.start >= figure_end and bool(_SHIFTED.search(d.text))

    adjacent = _adjacent_date(r, ctx, refused)
    if adjacent is not None:
        return adjacent
    trailing = _trailing_as_of(r, ctx)
    if trailing is not None:
        return trailing
    when = _when_date(r, ctx)
    if when is not None:
        return when
    anchors, mine = _anchors(r)
    others = (set(ctx.figure_tokens) - mine) | _conj_heads(r)
    # "It was the second attack this year; in February, a peacekeeper was killed": a clause after
    # a semicolon is a sentence of its own, and so are its dates
    figure_start = r.figure.start - ctx.offset
    clause_start = ctx.text.rfind(";", 0, figure_start) + 1
    clause_end = ctx.text.find(";", figure_end)
    clause_end = len(ctx.text) if clause_end == -1 else clause_end
    attached = [
        d for d in ctx.dates
        if clause_start <= d.start and d.end <= clause_end and d.start not in ctx.lead.claimed and d.value is not None and d.role in {"as_of", "range"} and not refused(d)
        and not counted_back(d) and not nearer_figure(d) and (_PREPOSED.match(d.text) or source_of(d) is AsOfSource.RELATIVE)
        and _attached(ctx, d, anchors, others) and not _statement_date(ctx, d) and not _in_since_clause(ctx, d)
    ]
    if len(attached) == 1:
        return attached[0]
    return _data_date(ctx)


_MISSIONS_AFTER = re.compile(r"\s+(?:(?:UN|U\.N\.|United\s+Nations|peacekeeping|peace|current|active)\s+)*(?:missions|operations)\b", re.IGNORECASE)


def _now_of(r: Reading, ctx: SentenceContext) -> Optional[DateMatch]:
    """A "now / currently / today / as of today" on the figure's own verb ("Ghana now has 2,690",
    "As of today, Zambia has 1,010", "280 of its troops are now serving"), not on a verb above it
    ("awarded today to 61 personnel who lost their lives in 2023")."""
    own = {t.i for t in (r.verb, r.finite) if t is not None}
    for dm in ctx.dates:
        if not _is_now(dm):
            continue
        tokens = [t for t in ctx.sdoc if dm.start <= t.idx - ctx.sdoc[0].idx < dm.end]
        if not tokens:
            continue
        if any(abs(t.i - i) == 1 for t in tokens for i in own):
            return dm  # "Cameroon today has 910": right by the verb, however the parser hangs it
        for anc in [root_of(tokens), *root_of(tokens).ancestors]:
            if anc.pos_ in {"VERB", "AUX"} or anc.i in own:
                if anc.i in own or (anc.dep_ in {"aux", "auxpass"} and anc.head.i in own):
                    return dm
                break
    return None


_DATA_SOURCE = re.compile(
    r"\b(?:data|figures|statistics|numbers|tally|count|report|briefing)\s*,?\s+(?:from|for|of|dated|as\s+of|released\s+in|published\s+in|up\s+to|covering)\s*$",
    re.IGNORECASE,
)


#: "the latest UN figures (April 2023)", "(UN data, April 2023)": the data's date in brackets or after a comma
_DATA_SOURCE_BRACKET = re.compile(r"\b(?:data|figures|statistics|numbers|tally|count|report)\s*(?:\(|,)\s*$", re.IGNORECASE)


_SOURCE_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}(?:data|figures|statistics|report|tally|factsheet|fact\s+sheet)\b", re.IGNORECASE)
_PREPOSITION = re.compile(r"(?:(?:from|for|of|dated|as\s+of|up\s+to|covering)\b)?", re.IGNORECASE)


def _data_date(ctx: SentenceContext) -> Optional[DateMatch]:
    """"According to UN data from December 2023, Bangladesh has 6,100 peacekeepers", "the
    Secretary-General's report of 30 March 2023": the date of the data or report a sentence cites
    is the date of its figures (not a "since")."""
    for d in ctx.dates:
        if d.value is not None and _SOURCE_AFTER.match(ctx.text, d.end):
            return d._replace(role="as_of")  # "the UN's January 2024 contribution report lists …"
        lead_in = _PREPOSITION.match(d.text)  # the date's own "from"/"for" ("data from December")
        before = ctx.text[max(0, d.start - 40) : d.start] + (lead_in.group(0) if lead_in else "")
        if d.value is not None and (_DATA_SOURCE.search(before) or _DATA_SOURCE_BRACKET.search(before)):
            return d._replace(role="as_of")
    return None


_CLAUSE_COMMA = re.compile(r",(?!\d)")


#: "according to the same figures", "the same data show": the sentence cites the figures cited before
_SAME_FIGURES = re.compile(
    r"\b(?:according\s+to|by|from|in|under|on)\s+the\s+same\s+(?:UN\s+|official\s+)?(?:figures|data|statistics|numbers|source|count|report|tally|table|ranking)\b"
    r"|\bthe\s+same\s+(?:UN\s+|official\s+)?(?:figures|data|statistics|numbers|report|tally|table|ranking)\s+(?:shows?|showed|lists?|listed|puts?|gives?|gave)\b",
    re.IGNORECASE,
)


def _same_figures_date(ctx: SentenceContext) -> Optional[PartialDate]:
    """The date of the data a sentence says it cites again ("In Africa, only Rwanda (5,935) … had
    more, according to the same figures" after "…, according to UN figures from June 2022"): the
    last data date before it in the block (an "as of" date, or the date of cited figures)."""
    if not _SAME_FIGURES.search(ctx.text):
        return None
    last = _last_data_date(ctx, ctx.plan.block.start, ctx.candidate.sentence.start)
    return _value(last) if last is not None else None


def _paragraph_data_date(r: Reading, ctx: SentenceContext) -> Optional[PartialDate]:
    """The date of the data a sentence of the same paragraph cited before it ("As at 31 March 2024,
    Nigeria had 1,052 personnel in UN missions. Of these, 623 were police"; "Morocco had 1,716,
    according to UN figures from June 2022. Rwanda (5,935) and Egypt (2,793) had more"): head
    counts in the past tense go on with that data until the paragraph ends, and with the data the
    story's first paragraph gives after it. Not across other paragraphs (a piece moves on), and
    not to a count in the present tense ("As at August 31, 2016, Nigeria
    had 1,721 troops. The biggest contributors are Ethiopia with 8,326": the page's now)."""
    if any(_is_now(d) for d in ctx.dates):
        return None  # "Today the number is 297, including 41 women": the sentence says when it is
    text, end = ctx.full_text, ctx.candidate.sentence.start
    start = max(ctx.plan.block.start, text.rfind("\n", ctx.plan.block.start, end) + 1)
    last = _last_data_date(ctx, start, end)
    lead_end = ctx.plan.lead_end
    if last is None and lead_end is not None and lead_end <= start:
        # "The blue helmets are fewer than a decade ago. As at 30 June 2020, there were 82,000 …"
        # then "The biggest contributors were Ethiopia, 6,600; …": the data the story opened with
        last = _last_data_date(ctx, ctx.plan.block.start, lead_end)
    if last is not None and r.tense != "present":
        return _value(last)  # not "The biggest contributors are Ethiopia with 8,326": a count of now is the page's
    # "According to the UN's data for July 2024, … Nepal (5,705) …" then "Nepal's 5,705 include 592
    # women. Of the total, 188 are from Nepal Police": the parts of a figure the piece dated
    repeated = _repeated_figure_date(ctx, start, ctx.candidate.sentence.end)
    return _value(repeated) if repeated is not None else None


def _last_data_date(ctx: SentenceContext, start: int, end: int) -> Optional[DateMatch]:
    """The last data date in ``full_text[start:end]``: an "as of" date or the date of cited figures."""
    text = ctx.full_text
    last: Optional[DateMatch] = None
    for d in find_dates(text, start, end, base=ctx.plan.published):
        if d.value is None:
            continue
        lead_in = _PREPOSITION.match(d.text)
        before = text[max(start, d.start - 40) : d.start] + (lead_in.group(0) if lead_in else "")
        if _AS_OF.match(d.text) or _DATA_SOURCE.search(before) or _DATA_SOURCE_BRACKET.search(before) or _SOURCE_AFTER.match(text, d.end):
            last = d
    return last


#: a figure worth recognising when repeated: grouped thousands ("5,705") or five digits and more
_BIG_FIGURE = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d,.])\d{5,}(?![\d,])")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _repeated_figure_date(ctx: SentenceContext, start: int, end: int) -> Optional[DateMatch]:
    """The data date of an earlier sentence of the block that gave a figure ``full_text[start:end]``
    repeats ("Nepal's 5,705 include 592 women" after "… Nepal (5,705) …, according to the UN's
    latest data for July 2024")."""
    text, block_start = ctx.full_text, ctx.plan.block.start
    for m in reversed(list(_BIG_FIGURE.finditer(text, start, end))):
        figure = m.group(0)
        earlier = text.rfind(figure, block_start, start)
        while earlier != -1 and (text[earlier - 1 : earlier].isdigit() or text[earlier + len(figure) : earlier + len(figure) + 1].isdigit()):
            earlier = text.rfind(figure, block_start, earlier)
        if earlier == -1:
            continue
        ends = [e.end() for e in _SENTENCE_END.finditer(text, block_start, earlier)]
        sentence_start = ends[-1] if ends else block_start
        after = _SENTENCE_END.search(text, earlier)
        dated = _last_data_date(ctx, sentence_start, after.start() if after else start)
        if dated is not None:
            return dated
    return None


def _when_date(r: Reading, ctx: SentenceContext) -> Optional[DateMatch]:
    """"… since June 2007, when six Spanish peacekeepers were killed": the date the "when" clause
    hangs on dates the figure in it."""
    verb = r.verb
    if verb is None or not any(c.lower_ == "when" and c.dep_ == "advmod" for c in verb.children):
        return None
    clause_start = min(t.idx for t in verb.subtree) - ctx.sdoc[0].idx
    # the clause ends at its comma, whatever the parse hangs on it ("Since 1988, when Bangladesh
    # first sent 15 observers to UNIIMOG, a total of 188,558 have served": only the 15 is the clause's)
    comma = _CLAUSE_COMMA.search(ctx.text, clause_start)
    if comma is not None and r.figure.start - ctx.offset > comma.start():
        return None
    before = [d for d in ctx.dates if d.value is not None and d.end <= clause_start and clause_start - d.end <= 4]
    return before[-1]._replace(role="as_of") if before else None


def _in_since_clause(ctx: SentenceContext, dm: DateMatch) -> bool:
    """"since it was set up in 2013", "since its first deployment in 1993": a date inside a since
    clause starts the period; it does not date the figure."""
    tokens = [t for t in ctx.sdoc if dm.start <= t.idx - ctx.sdoc[0].idx < dm.end]
    if not tokens:
        return False
    for anc in [root_of(tokens), *root_of(tokens).ancestors]:
        if any(c.lower_ == "since" and c.dep_ in {"mark", "prep"} for c in anc.children) and anc.pos_ in {"VERB", "AUX", "NOUN"}:
            return True
        if anc.lower_ == "since":
            return True
    return False


def _statement_date(ctx: SentenceContext, dm: DateMatch) -> bool:
    """"…, the army said on Tuesday": the day of a statement, weaker than a date of the figure."""
    tokens = [t for t in ctx.sdoc if dm.start <= t.idx < dm.end]
    if not tokens:
        return False
    node = root_of(tokens)
    verb = next((a for a in node.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return verb is not None and verb.lemma_.lower() in vocabulary()["reporting_verbs"]


def _speech_date(ctx: SentenceContext, dm: DateMatch) -> bool:
    """A statement's day, or the day of a speech, briefing or interview the figure is quoted from
    ("Speaking on Tuesday, …", "in a statement on 28 May", "In an interview published on Sunday")."""
    if _statement_date(ctx, dm):
        return True
    tokens = [t for t in ctx.sdoc if dm.start <= t.idx < dm.end]
    if not tokens:
        return False
    frames = vocabulary()["statement_frames"]
    for anc in root_of(tokens).ancestors:
        if anc.lemma_.lower() in frames:
            return True
        if anc.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _statement_day(r: Reading, ctx: SentenceContext, *, leads: bool = False) -> Optional[DateMatch]:
    """The day of the statement that gives the figure; with ``leads``, a leading "On Thursday, the
    ministry said …" counts too."""
    anchors, _mine = _anchors(r)
    found = [
        d for d in ctx.dates
        if (leads or d.start not in ctx.lead.claimed) and d.value is not None and d.role == "as_of" and not _is_now(d)
        and (_speech_date(ctx, d) if leads else _statement_date(ctx, d))
        and (_governs(ctx, d, anchors) if leads else _attached(ctx, d, anchors, set()))
    ]
    return found[0] if found else None


def _governs(ctx: SentenceContext, dm: DateMatch, anchors: set[int]) -> bool:
    """Whether the statement a date belongs to governs the figure ("In an interview published on
    Sunday, the commander said UNIFIL has …": the interview's day)."""
    tokens = [t for t in ctx.sdoc if dm.start <= t.idx < dm.end]
    return bool(tokens) and any(a.i in anchors for a in root_of(tokens).ancestors)


def _incident_day(ctx: SentenceContext) -> Optional[PartialDate]:
    """The day of the incident: a day-precise date next to a toll or attack word in the sentence
    ("killed on Thursday night", "Friday's attack"), else the story's incident day. A dateline
    ("NEW YORK, May 10:") or the day of a statement is neither."""
    for dm in ctx.dates:
        possessive = ctx.text[dm.end : dm.end + 2] in {"'s", "’s"}  # "from Friday's attack"
        if dm.value is None or dm.value.precision != "day" or not (dm.role in {"as_of", "range"} or possessive):
            continue
        if _is_now(dm) and "today" not in dm.text.lower():
            # "were wounded and are now being treated": the treatment's now, not the attack's day
            # ("killed today" is a day)
            continue
        before = ctx.text[max(0, dm.start - TOLL_REACH) : dm.start]
        toll_cue = any(
            0 <= dm.start - span.end_char <= TOLL_REACH for label in ("DEATH", "INJURY") for span in ctx.cues.spans.get(label, ())
        )  # "lost his life on Friday", "embraced shahadat on Tuesday": the death idioms of the cue table
        if _REPORTED.search(before[-25:]) or not (_TOLL_WORDS.search(before) or toll_cue or possessive):
            continue
        return dm.value
    same = _same_event_day(ctx)
    if same is not None:
        return same
    incident = ctx.plan.incident
    if incident is not None and incident.day is not None:
        return incident.day
    # "the crisis that took place in Juba in July 2016 … resulted in the deaths of two peacekeepers":
    # with no day anywhere, the month the sentence gives the event is the incident's
    months = [
        dm.value for dm in ctx.dates
        if dm.value is not None and dm.value.precision == "month" and dm.role in {"as_of", "range"}
        and source_of(dm) is AsOfSource.EXPLICIT and not _REPORTED.search(ctx.text[max(0, dm.start - 25) : dm.start])
        and not _is_history(ctx.text, dm)
    ]
    return months[-1] if len(months) == 1 else None


#: "killed in the same shelling", "wounded in that attack": the event an earlier sentence dated
_SAME_EVENT = re.compile(
    r"\b(?:the\s+same|that|this)\s+(?:\w+\s+)?(?:attack|shelling|ambush|incident|blast|explosion|strike|raid|assault|clash|bombing)\b",
    re.IGNORECASE,
)


def _same_event_day(ctx: SentenceContext) -> Optional[PartialDate]:
    """The day an earlier sentence of the paragraph gives the attack this one names again ("The
    three were killed when shells hit their base on January 24. A Uruguayan peacekeeper was
    killed in the same shelling"), over the story's incident day (a later death from wounds)."""
    if not _SAME_EVENT.search(ctx.text):
        return None
    text, start = ctx.full_text, ctx.candidate.sentence.start
    paragraph_start = max(ctx.plan.block.start, text.rfind("\n", ctx.plan.block.start, start) + 1)
    for sentence in reversed(split_sentences(text, paragraph_start, start)):  # the nearest first
        day = incident_day(text, [sentence], ctx.plan.published)
        if day is not None:
            return day
    return None


def _refines(finer: PartialDate, coarse: PartialDate) -> bool:
    """Whether ``finer`` is a more precise date inside ``coarse`` (31 March 2025 in March 2025)."""
    order = {"year": 0, "month": 1, "day": 2}
    return order[finer.precision] > order[coarse.precision] and coarse.first_day <= finer.first_day and finer.last_day <= coarse.last_day


def _is_target(d: DateMatch, r: Reading, ctx: SentenceContext) -> bool:
    """A forward-looking figure's date that says when it is to happen, not when it was promised:
    "by June", "from April", "in 2025" (after publication), and a year-less date in a future
    clause ("will deploy … on 5 January"; dateparser reads it in the past)."""
    published = ctx.plan.published
    if d.role in {"target", "until", "since"} or _TARGET_PREP.match(d.text) or _AHEAD.search(d.text):
        return True  # "by June", "later this year", "next month", "in the coming weeks"
    if published is not None and d.value is not None and d.value.first_day > published.last_day:
        return True
    return (
        r.tense in {"future", "present"} and source_of(d) is AsOfSource.EXPLICIT and not _YEAR.search(d.text)
        and not _speech_date(ctx, d)
    )


def date_figure(
    r: Reading, ctx: SentenceContext, metric: Metric, incident: Callable[[], bool]
) -> tuple[Optional[PartialDate], AsOfSource, Optional[PartialDate]]:
    """(as_of, its source, since) for one figure."""
    plan, lead = ctx.plan, ctx.lead
    as_of: Optional[PartialDate] = None
    source = AsOfSource.NONE
    since: Optional[PartialDate] = None
    forward = metric.is_forward_looking
    chosen = _own_date(r, ctx, skip=(lambda d: _is_target(d, r, ctx)) if forward else (lambda d: False))
    chosen_value = _value(chosen) if chosen is not None else None
    if chosen is not None and metric.is_incident and chosen_value is not None and chosen_value.precision == "year":
        if source_of(chosen) is AsOfSource.RELATIVE:
            chosen = None  # "the deadliest attack this year": the incident has a day
    if chosen is not None and metric.may_be_incident and chosen_value is not None and chosen_value.precision == "month" and (
        source_of(chosen) is AsOfSource.RELATIVE and any(
            d.value is not None and d.value.precision == "day" and d.role == "as_of" and not _statement_date(ctx, d) for d in ctx.dates
        )
    ):
        chosen = None  # "On Saturday, in the second such attack this month, rebels killed …": the day is the incident's
    if chosen is not None and metric.may_be_incident and _TOLL_UPDATE.search(ctx.text, 0, chosen.start) and incident():
        day = _incident_day(ctx)
        if day is not None and chosen_value is not None and day.first_day < chosen_value.first_day:
            chosen = None  # "The death toll from Sunday's ambush rose to five on Tuesday": Sunday's toll
    # a toll is dated by its deaths ("awarded today to 61 … who lost their lives in 2023")
    now = _now_of(r, ctx) if not metric.is_casualty else None
    history_since: Optional[PartialDate] = None
    if chosen is not None and _is_past_of(r, ctx, chosen):
        # "Twenty years after its first deployment in 2004, Rwanda has …": history before a figure
        # of today starts a running total's period and never dates what is there now
        history_since, chosen = chosen.value, None
    data = _data_date(ctx)
    if now is not None and chosen is not None and not _AS_OF.match(chosen.text) and _adjacent_date(r, ctx, _is_now) != chosen and not (
        data is not None and data.start == chosen.start  # "Today, Ghana has 2,300 …, according to UN figures for December"
    ):
        chosen = None  # "Ghana now has 2,690, up from 2,540 at the end of 2023": the 2,690 is now
    if chosen is not None:
        as_of = _value(chosen)
        since = chosen.value if chosen.role == "range" else None
        source = source_of(chosen)
        reference = ctx.candidate.reference
        if as_of is not None and reference is not None and _refines(reference.date, as_of):
            as_of = reference.date  # "at the end of March" under "as of 31 March 2025": the 31st
        if (
            metric is Metric.FATALITIES_TOTAL and since is None and as_of is not None and as_of.precision == "year"
            and re.match(r"(?:in|during|throughout|last)\b", chosen.text, re.IGNORECASE)
        ):
            since = as_of  # deaths within one calendar year: since = as_of = that year
    elif now is not None and data is not None and _value(data) is not None:
        as_of, source = _value(data), source_of(data)  # "Today, according to the UN's own September figures, …"
    elif now is not None:
        # "Ghana now has 2,690", "2 May: Mongolia currently deploys …": a relative phrase, read
        # against the piece's (or the newsletter item's) date as the conventions say, even inside
        # a statement made on another day; only an explicit leading "As of 31 May," beats it
        if lead.as_of is not None and _AS_OF.match(lead.text):
            as_of, source, since = lead.as_of, lead.source, lead.since
    elif lead.as_of is not None and _lead_is_history(ctx) and (_of_today(r) or metric.is_incident or metric is Metric.INJURIES_TOTAL):
        # "UNFICYP, created in March 1964, … has": as above; "UNIFIL, set up in March 1978, said two
        # of its peacekeepers were wounded": the mission's history, not the incident's day
        since = lead.as_of if _of_today(r) else None
    elif lead.as_of is not None and not (forward and _lead_is_target(r, ctx)):
        as_of, source, since = lead.as_of, lead.source, lead.since
        if metric is Metric.FATALITIES_TOTAL and since is None and as_of.precision == "year" and (
            not r.cumulative or _YEAR_TO_DATE.search(lead.text)
        ):
            since = as_of  # "In 2020, 13 peacekeepers were killed", "So far this year, …": that year's deaths
    if as_of is None and now is None and metric.is_serving and r.tense != "present" and at_peak(r, ctx):
        # "At its peak, after the earthquake of January 2010, MINUSTAH had nearly 13,000": the
        # sentence's date is when the peak was, to the year (the peak came after the event)
        dated = next((d for d in ctx.dates if d.value is not None and d.role in {"as_of", "range"} and d.start not in ctx.lead.claimed), None)
        value = _value(dated) if dated is not None else None
        if dated is not None and value is not None:
            as_of, source = PartialDate(value.year), source_of(dated)
    if as_of is None and now is None and metric.may_be_incident and incident():
        day = _incident_day(ctx)
        if day is not None:
            as_of, source = day, AsOfSource.RELATIVE
    if (
        metric is Metric.FATALITIES_TOTAL and chosen is None and (as_of is None or as_of.precision == "day")
        and (r.tense == "past" or _medal_to_the_dead(r, ctx)) and not r.cumulative
        and plan.published is not None and honours_last_year(ctx)
    ):
        # "present the Dag Hammarskjöld medal to the 128 … who lost their lives": last year's dead,
        # whatever day the ceremony was
        as_of = since = PartialDate(plan.published.year - 1)
        source = AsOfSource.RELATIVE
    if as_of is None and forward:
        # a pledge is dated by when it was made ("announced last week", "pledged on Tuesday"),
        # never by the data date of the figures around it
        said = _statement_day(r, ctx, leads=True)
        if said is not None:
            as_of, source = _value(said), source_of(said)
    if as_of is None and not forward and now is None and metric.is_serving and ctx.candidate.reference is None:
        carried = _paragraph_data_date(r, ctx)
        if carried is not None:
            as_of, source = carried, AsOfSource.EXPLICIT
    if as_of is None and not forward:
        same = _same_figures_date(ctx)
        if same is not None:
            as_of, source = same, AsOfSource.EXPLICIT  # "…, according to the same figures": the figures the piece cited before
    if as_of is None and not forward:
        note = _data_note(r, ctx, metric)
        if note is not None:
            as_of, source = note, AsOfSource.EXPLICIT  # "2,690 personnel* … *Figures as at 30 April 2024"
    if as_of is None and now is None and not forward and ctx.candidate.reference is not None and not (metric.may_be_incident and incident()) and not (
        any(_is_now(d) for d in ctx.dates)  # "Today the number is 297, including 41 women": the sentence says when
    ):
        # the date of the story's data dates its head counts and totals, not the toll of an
        # attack it reports ("As at 30 September, Malawi had 850 … Two were killed on Monday")
        as_of, source = ctx.candidate.reference.date, AsOfSource.EXPLICIT
    if as_of is None and now is None:
        said = _statement_day(r, ctx)
        if said is not None:
            as_of, source = _value(said), source_of(said)
    if as_of is None and now is None and plan.statement_day is not None and plan.incident is None:
        as_of, source = plan.statement_day, AsOfSource.RELATIVE  # "…, the minister said on Monday"
    if forward and as_of is not None and plan.published is not None and as_of.first_day > plan.published.last_day:
        as_of, source, since = None, AsOfSource.NONE, None  # a target date, not when it was pledged
    if as_of is None:
        if plan.published is not None:
            as_of, source = plan.published, AsOfSource.PUBLISHED
        elif plan.anchor_as_of is not None and not _unresolved_month(ctx):
            as_of, source = plan.anchor_as_of, anchor_source(plan)  # its start is a since of last resort (below)
    if since is None:
        since = lead.since or lead.since_any or history_since
    if since is None and metric.is_cumulative:
        since = next((d.value for d in ctx.dates if d.value is not None and d.role == "as_of" and _in_since_clause(ctx, d)), None)
    if since is None and metric.is_cumulative:
        since = _period_since(ctx.text, as_of or plan.published)
        if since is None and plan.anchor_since is not None and as_of == plan.anchor_as_of:
            since = plan.anchor_since
    if not metric.is_cumulative:
        since = None
    if since is not None and since.precision != "year":
        since = PartialDate(since.year)
    if since is not None and as_of is not None and since.first_day > as_of.last_day:
        since = None
    return as_of, source, since


_MONTH_WORD = re.compile(r"\b(?:" + alternation(MONTH_NAMES) + r")\b", re.IGNORECASE)


def _data_note(r: Reading, ctx: SentenceContext, metric: Metric) -> Optional[PartialDate]:
    """The date of a note after the figure that dates it (:class:`~peacefacts.nlp.data_notes.DataNote`)."""
    at = r.figure.start
    for note in ctx.plan.data_notes:
        if not note.start <= at < note.end:
            continue
        if note.head_counts_only and (not metric.is_serving or ctx.candidate.reference is not None):
            continue  # a source line dates head counts, and never overrides the date the lead set
        if note.marks and not any(
            0 <= mark - r.figure.end <= 30 and not re.search(r"[\d,.;:()\n]", ctx.full_text[r.figure.end : mark]) for mark in note.marks
        ):
            continue  # a footnote dates only the figures it marks
        return note.date
    return None


def _unresolved_month(ctx: SentenceContext) -> bool:
    """Whether the sentence gives a month it cannot place in a year, other than the anchor's ("In
    July, seven soldiers were killed" on a page anchored at May 2015): its figures have a date of
    their own, only not a known one, so the anchor is not theirs ("On March 30" on a page anchored
    at March 2018 is the anchor's month)."""
    anchor = ctx.plan.anchor_as_of
    for d in ctx.dates:
        month = _MONTH_WORD.search(d.text) if d.value is None and d.role == "as_of" else None
        if month is not None and (anchor is None or anchor.month != MONTHS.get(month.group(0).lower())):
            return True
    return False


def undated_if_closed(
    subject: str, as_of: Optional[PartialDate], source: AsOfSource
) -> tuple[Optional[PartialDate], AsOfSource]:
    """A mission that had closed before the piece was published had no strength, toll or total on
    the publication day ("The Congo operation … with nearly 20,000 military personnel" in 2017):
    without a date of its own, the figure is undated, not dated by the page."""
    if source is not AsOfSource.PUBLISHED or as_of is None:
        return as_of, source
    closed = vocab.mission(subject)
    if closed is not None and closed.end is not None and closed.end < as_of.year - 1:
        return None, AsOfSource.NONE
    return as_of, source


def _period_since(sentence: str, base: Optional[PartialDate]) -> Optional[PartialDate]:
    """"over the past 32 years", "in the UN's 70-year history": the start of the period, when tied
    to a length (a vague "over the last six decades" keeps its start only with a number)."""
    for period in find_periods(sentence, base=base):
        if (
            period.since is not None and period.years is not None and "year" in period.text.lower()
            and re.search(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)", period.text, re.IGNORECASE)
        ):  # "over the past 32 years", "70-year history"; "last year" is a date, not a period
            return period.since
    return None
