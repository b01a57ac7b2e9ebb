"""As of when, and since when: the dates of one figure.

The as-of date, in order of evidence:

1. a date tied to the figure ("reached 2,809 in March 2016", "29 killed in 2023"),
2. the sentence's leading date ("As of October 2014, …", "Last month, …"),
3. for one incident's toll, the day of the incident ("on Sunday", resolved against publication),
4. the previous sentence's date, for an anaphoric "This also claimed the lives of …",
5. the block's reference date in effect ("as at the end of 2016" in the lead, a table heading),
6. the publication date, else an anniversary anchor for an undated piece, else none.

The period start (``since``) belongs to cumulative metrics only: "since 1960", a leading "Since
its first deployment in 1993,", "over the past 32 years", "in the UN's 70-year history".
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from peacefacts.nlp.dates import DateMatch, find_periods
from peacefacts.nlp.facts.metric import at_peak
from peacefacts.nlp.facts.parse import root_of
from peacefacts.nlp.facts.reading import LeadDates, Reading, SentenceContext, SentenceState
from peacefacts.nlp.facts.vocabulary import vocabulary
from peacefacts.nlp.plan import BlockPlan, Candidate
from peacefacts.records import AsOfSource, Metric, PartialDate
from peacefacts.vocab.calendar import WEEKDAY_NAMES, alternation

__all__ = ["lead_dates", "date_figure", "source_of"]

_SINCE_THEN = re.compile(r"\b[Ss]ince (then|this|that)\b")
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
_PREPOSED = re.compile(r"^(?:in|on|at|as\s+(?:of|at|on)|by|during|until|till|through|throughout|from|between|since|after|before|around|of|(?:the\s+)?end\s+of)\b", re.IGNORECASE)
_RELATIVE_WORDS = re.compile(
    rf"\b(last|yesterday|today|this|next|ago|now|currently|present|{alternation(WEEKDAY_NAMES)})\b", re.IGNORECASE
)


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
    as_of: Optional[PartialDate] = None
    source = AsOfSource.NONE
    since: Optional[PartialDate] = None
    since_any: Optional[PartialDate] = None
    claimed: set[int] = set()
    lead_text = ""
    for dm in dates:
        if dm.role == "since" and dm.value is not None:
            since_any = since_any or dm.value
        if lead_is_start and dm.value is not None and dm.end <= max(first_comma + 1, subject_at):
            since = dm.value
            since_any = since_any or dm.value
            claimed.add(dm.start)
            continue
        leads = dm.start <= 30 and (
            (first_comma != -1 and dm.end <= first_comma + 1) or text[dm.end : dm.end + 2].lstrip().startswith(",")
        )  # "As of Dec 2023, …", "As at August 31, 2016, …"
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
    if as_of is None and _ANAPHORA.match(text) and state.end >= 0:
        as_of, source = state.as_of, state.as_of_source
        since = since or state.since
    return LeadDates(as_of=as_of, source=source, since=since, since_any=since_any, claimed=frozenset(claimed), text=lead_text)


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
        if anc.i in others:
            return False
        if (
            anc.dep_ in {"relcl", "acl"} and anc.i not in anchors and anc.head.i not in anchors
            and not any(t.i in anchors for t in anc.subtree)
        ):
            return False  # "Nepal, which joined the UN on December 14, 1955, has 6,000": the clause's date
        # "from 2,867 in 2014": the date hangs on the preposition that governs another figure
        if anc.i != node.i and any(c.i in others and c.dep_ in {"pobj", "dobj", "nsubj"} for c in anc.children):
            return False
        # "down from a peak of 1,100 in 2016": the date hangs on the noun another figure measures
        if anc.i != node.i and anc.pos_ == "NOUN" and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.i in others for g in c.children) for c in anc.children
        ):
            return False
        if anc.i in anchors:
            return True
    return False


def _anchors(r: Reading) -> tuple[set[int], set[int]]:
    anchors = {r.root.i} | ({r.noun.i} if r.noun is not None else set()) | ({r.verb.i} if r.verb is not None else set())
    if r.finite is not None:
        anchors |= {r.finite.i} | {a.i for a in r.finite.ancestors}
    return anchors, {r.root.i} | ({r.noun.i} if r.noun is not None else set())


def _own_date(r: Reading, ctx: SentenceContext) -> Optional[DateMatch]:
    """A date right after the number, the date of a label before it ("… through May 2004: 1,870"),
    or the one date of the figure's own clause."""
    local_start = r.figure.end - ctx.offset
    if r.how in {"label", "death-subject"}:
        colon = ctx.text.rfind(":", 0, r.figure.start - ctx.offset)
        if colon != -1 and not ctx.text[colon + 1 : r.figure.start - ctx.offset].strip(" \n*"):
            labelled = [d for d in ctx.dates if d.end <= colon and d.value is not None and d.role in {"as_of", "range"}]
            if labelled:
                return labelled[-1]
    for dm in ctx.dates:
        if dm.value is None or dm.role not in {"as_of", "range"}:
            continue
        gap = ctx.text[local_start : dm.start]
        if dm.start in ctx.lead.claimed and gap.strip():
            continue  # a leading date is the sentence's, unless it follows this number ("From 1,200 in 2010, …")
        if 0 <= dm.start - local_start <= 40 and re.fullmatch(
            r"[\s,]*(?:[a-z]+\s+){0,3}(?:in|as of|as at|on|at|during|by)?\s*", gap, re.IGNORECASE
        ):
            return dm
    when = _when_date(r, ctx)
    if when is not None:
        return when
    anchors, mine = _anchors(r)
    others = set(ctx.figure_tokens) - mine
    attached = [
        d for d in ctx.dates
        if d.start not in ctx.lead.claimed and d.value is not None and d.role in {"as_of", "range"}
        and (_PREPOSED.match(d.text) or source_of(d) is AsOfSource.RELATIVE)
        and _attached(ctx, d, anchors, others) and not _statement_date(ctx, d) and not _in_since_clause(ctx, d)
    ]
    if len(attached) == 1:
        return attached[0]
    return _data_date(ctx)


_DATA_SOURCE = re.compile(
    r"\b(?:data|figures|statistics|numbers|tally|count)\s*,?\s+(?:from|for|of|dated|as\s+of|released\s+in|published\s+in|up\s+to)\s*$",
    re.IGNORECASE,
)


_SOURCE_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}(?:data|figures|statistics|report|tally|factsheet|fact\s+sheet)\b", re.IGNORECASE)
_PREPOSITION = re.compile(r"(?:(?:from|for|of|dated|as\s+of|up\s+to)\b)?", re.IGNORECASE)


def _data_date(ctx: SentenceContext) -> Optional[DateMatch]:
    """"According to UN data from December 2023, Bangladesh has 6,100 peacekeepers": the date of
    the data a sentence cites is the date of its figures (not a "since")."""
    for d in ctx.dates:
        if d.value is not None and _SOURCE_AFTER.match(ctx.text, d.end):
            return d._replace(role="as_of")  # "the UN's January 2024 contribution report lists …"
        lead_in = _PREPOSITION.match(d.text)  # the date's own "from"/"for" ("data from December")
        before = ctx.text[max(0, d.start - 40) : d.start] + (lead_in.group(0) if lead_in else "")
        if d.value is not None and _DATA_SOURCE.search(before):
            return d._replace(role="as_of")
    return None


def _when_date(r: Reading, ctx: SentenceContext) -> Optional[DateMatch]:
    """"… since June 2007, when six Spanish peacekeepers were killed": the date the "when" clause
    hangs on dates the figure in it."""
    verb = r.verb
    if verb is None or not any(c.lower_ == "when" and c.dep_ == "advmod" for c in verb.children):
        return None
    clause_start = min(t.idx for t in verb.subtree) - ctx.sdoc[0].idx
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


def _statement_day(r: Reading, ctx: SentenceContext) -> Optional[DateMatch]:
    anchors, _mine = _anchors(r)
    found = [
        d for d in ctx.dates
        if d.start not in ctx.lead.claimed and d.value is not None and d.role == "as_of" and _statement_date(ctx, d)
        and _attached(ctx, d, anchors, set())
    ]
    return found[0] if found else None


def _incident_day(ctx: SentenceContext) -> Optional[PartialDate]:
    """The day of the incident: a day-precise date next to a toll or attack word in the sentence
    ("killed on Thursday night", "Friday's attack"), else the story's incident day. A dateline
    ("NEW YORK, May 10:") or the day of a statement is neither."""
    for dm in ctx.dates:
        possessive = ctx.text[dm.end : dm.end + 2] in {"'s", "’s"}  # "from Friday's attack"
        if dm.value is None or dm.value.precision != "day" or not (dm.role in {"as_of", "range"} or possessive):
            continue
        before = ctx.text[max(0, dm.start - 100) : dm.start]
        if _REPORTED.search(before[-25:]) or not (_TOLL_WORDS.search(before) or possessive):
            continue
        return dm.value
    incident = ctx.plan.incident
    return incident.day if incident is not None else None


def date_figure(
    r: Reading, ctx: SentenceContext, metric: Metric, incident: Callable[[], bool]
) -> tuple[Optional[PartialDate], AsOfSource, Optional[PartialDate]]:
    """(as_of, its source, since) for one figure."""
    plan, lead = ctx.plan, ctx.lead
    as_of: Optional[PartialDate] = None
    source = AsOfSource.NONE
    since: Optional[PartialDate] = None
    chosen = _own_date(r, ctx)
    chosen_value = _value(chosen) if chosen is not None else None
    if chosen is not None and metric.is_incident and chosen_value is not None and chosen_value.precision == "year":
        if source_of(chosen) is AsOfSource.RELATIVE:
            chosen = None  # "the deadliest attack this year": the incident has a day
    if chosen is not None:
        as_of = _value(chosen)
        since = chosen.value if chosen.role == "range" else None
        source = source_of(chosen)
        if (
            metric is Metric.FATALITIES_TOTAL and since is None and as_of is not None and as_of.precision == "year"
            and re.match(r"(?:in|during|throughout|last)\b", chosen.text, re.IGNORECASE)
        ):
            since = as_of  # deaths within one calendar year: since = as_of = that year
    elif lead.as_of is not None:
        as_of, source, since = lead.as_of, lead.source, lead.since
        if metric is Metric.FATALITIES_TOTAL and since is None and as_of.precision == "year" and not r.cumulative:
            since = as_of  # "In 2020, 13 peacekeepers were killed": that year's deaths
    if as_of is None and metric.is_serving and r.tense != "present" and at_peak(r, ctx):
        # "At its peak, after the earthquake of January 2010, MINUSTAH had nearly 13,000": the
        # sentence's date is when the peak was, to the year (the peak came after the event)
        dated = next((d for d in ctx.dates if d.value is not None and d.role in {"as_of", "range"} and d.start not in ctx.lead.claimed), None)
        value = _value(dated) if dated is not None else None
        if dated is not None and value is not None:
            as_of, source = PartialDate(value.year), source_of(dated)
    if as_of is None and metric.may_be_incident and incident():
        day = _incident_day(ctx)
        if day is not None:
            as_of, source = day, AsOfSource.RELATIVE
    if as_of is None and ctx.candidate.reference is not None:
        as_of, source = ctx.candidate.reference.date, AsOfSource.EXPLICIT
    if as_of is None:
        said = _statement_day(r, ctx)
        if said is not None:
            as_of, source = _value(said), source_of(said)
    if as_of is None and plan.statement_day is not None and plan.incident is None:
        as_of, source = plan.statement_day, AsOfSource.RELATIVE  # "…, the minister said on Monday"
    if metric.is_forward_looking and as_of is not None and plan.published is not None:
        if as_of.first_day > plan.published.last_day:
            as_of, source, since = None, AsOfSource.NONE, None  # a target date, not when it was pledged
        elif r.tense == "future" and chosen is not None and not _YEAR.search(chosen.text):
            # "Nepal will send 850 more troops to UNIFIL in March" (published in January): a month
            # without its year in a future clause is the coming one, a target, not last year's
            as_of, source, since = None, AsOfSource.NONE, None
    if as_of is None:
        if plan.published is not None:
            as_of, source = plan.published, AsOfSource.PUBLISHED
        elif plan.anchor_as_of is not None:
            as_of, source = plan.anchor_as_of, AsOfSource.ANCHOR  # its start is a since of last resort (below)
    if since is None:
        since = lead.since or lead.since_any
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
