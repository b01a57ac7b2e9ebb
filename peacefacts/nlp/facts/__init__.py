"""From a parsed sentence to typed facts: what a number counts, about whom, as of when.

The fact layer is a pipeline of small, named, replaceable parts:

* :mod:`.vocabulary`: the words and cue patterns (data in ``peacefacts/resources``),
* :mod:`.parse` and :mod:`.reading`: what the dependency parse says about each number
  (its counted noun, predicate, tense, current/cumulative cues, list entry),
* :mod:`.lists`: ranked and listed countries,
* :mod:`.metric`: the chain of metric rules (:data:`METRIC_RULES`),
* :mod:`.subject`: the chain of subject rules (:data:`SUBJECT_RULES`),
* :mod:`.dating`: as-of date and period start.

Everything reads spaCy tokens (tags, lemmas and the dependency parse; no entities, so the
pipeline runs without NER for facts) and returns plain :class:`~peacefacts.records.Fact` records.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

import attrs

from peacefacts import vocab
from peacefacts.nlp.dates import find_dates
from peacefacts.nlp.facts.dating import anchor_source, date_figure, lead_dates, undated_if_closed
from peacefacts.nlp.facts.metric import METRIC_RULES, Decision, decide_metric, is_incident
from peacefacts.nlp.facts.parse import counted_noun, noun_class, root_of, span_tokens
from peacefacts.nlp.facts.reading import (
    SentenceContext,
    SentenceState,
    carries_non_un,
    continues_toll,
    names_the_un,
    read_figure,
)
from peacefacts.nlp.facts.scope import service_scope
from peacefacts.nlp.facts.subject import SUBJECT_RULES, decide_subject
from peacefacts.nlp.facts.vocabulary import find_cues, vocabulary
from peacefacts.nlp.lists import list_entries, pledge_list_item, shared_entries
from peacefacts.nlp.plan import BlockPlan, Candidate, DatedRow
from peacefacts.records import AsOfSource, Category, Fact, Metric, PartialDate, Qualifier

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = [
    "facts_from_sentence",
    "facts_from_table_row",
    "SentenceState",
    "dedupe_facts",
    "METRIC_RULES",
    "SUBJECT_RULES",
    "rule_names",
]


def rule_names() -> list[str]:
    """Every metric and subject rule name (what ``disabled_rules`` can switch off)."""
    return [r.name for r in METRIC_RULES] + [r.name for r in SUBJECT_RULES]


_AMONG = re.compile(r"^\W*(?:Among|Of)\s+(?:them|these|those|the\s+dead|the\s+victims)\b", re.IGNORECASE)


#: a part of the count before ("Women number 146 of them", "Of that number, 412 are women")
_PART_OF_BEFORE = re.compile(r"\b(?:of|among)\s+(?:them|these|those|that\s+number|this\s+number|the\s+total)\b", re.IGNORECASE)


def _dated_as_before(ctx: SentenceContext, state: SentenceState) -> SentenceContext:
    """The sentence read with the date of the one before it (a continuation of its figures)."""
    return attrs.evolve(ctx, lead=attrs.evolve(ctx.lead, as_of=state.as_of, source=state.as_of_source, since=state.since))


def _is_headline(candidate: Candidate, plan: BlockPlan, full_text: str) -> bool:
    sent = full_text[candidate.sentence.start : candidate.sentence.end].strip()
    if plan.block.title and sent == plan.block.title.strip():
        return True
    first_line = full_text[plan.block.start : plan.block.end].lstrip().split("\n", 1)[0].strip()
    return sent == first_line and not sent.endswith(".")


def _context(
    sdoc: Doc, candidate: Candidate, plan: BlockPlan, state: SentenceState, mission_before: Optional[str], full_text: str
) -> SentenceContext:
    text = sdoc.text
    offset = candidate.sentence.start
    if candidate.dateline is not None:  # a dated newsletter item is a story of its own day
        plan = attrs.evolve(plan, published=candidate.dateline, statement_day=None)
    dates = [
        dm._replace(role="as_of") if dm.role == "target" and dm.text.lower().startswith(("as of", "as at")) else dm
        for dm in find_dates(text, 0, len(text), base=plan.published)
    ]
    figure_tokens: set[int] = set()
    for other in candidate.figures:
        toks = span_tokens(sdoc, offset, other.num_start, other.num_end)
        if toks:
            other_root = root_of(toks)
            other_noun = counted_noun(other_root, {t.i for t in toks})
            figure_tokens.add(other_root.i)
            # "one single horrific attack": a noun that counts nothing of ours owns no date
            if other_noun is not None and noun_class(other_noun) in {"personnel", "mission", "country"}:
                figure_tokens.add(other_noun.i)
    return SentenceContext(
        sdoc=sdoc,
        text=text,
        offset=offset,
        full_text=full_text,
        plan=plan,
        candidate=candidate,
        state=state,
        cues=find_cues(sdoc),
        dates=tuple(dates),
        lead=lead_dates(text, dates, sdoc, state, plan, candidate, full_text),
        entries=_with_item_entries(list_entries(text, candidate.figures, offset), candidate, full_text),
        shared=shared_entries(text, candidate.figures, offset),
        figure_tokens=frozenset(figure_tokens),
        mission_before=mission_before,
        missions_here=tuple(dict.fromkeys(m for pos, m in plan.mission_positions if offset <= pos < candidate.sentence.end)),
        headline=_is_headline(candidate, plan, full_text),
    )


def _with_item_entries(entries: dict[int, tuple[str, str]], candidate: Candidate, full_text: str) -> dict[int, tuple[str, str]]:
    """A pledge list's item ("Bangladesh: one infantry battalion of 850 troops …") is the entry of
    every figure in it that no closer list entry claims."""
    country = pledge_list_item(full_text, candidate.sentence.start, vocabulary()["pledge_frame_words"])
    if country is None:
        return entries
    return {fm.num_start: entries.get(fm.num_start, (country, "pledge-item")) for fm in candidate.figures}


def facts_from_sentence(
    sdoc: Doc,
    candidate: Candidate,
    plan: BlockPlan,
    state: SentenceState,
    mission_before: Optional[str] = None,
    *,
    full_text: str,
    disabled_rules: Iterable[str] = (),
) -> list[Fact]:
    """Facts of one parsed candidate sentence (``sdoc`` is the spaCy Doc of its text).

    Args:
        sdoc: the parsed sentence.
        candidate: the planner's candidate (offsets, figures, reference date).
        plan: the block's plan.
        state: what the previous sentence left (updated in place).
        mission_before: the last mission named before the sentence.
        full_text: the document text (evidence and offsets point into it).
        disabled_rules: metric or subject rule names to skip (see :func:`rule_names`).
    """
    disabled = frozenset(disabled_rules)
    ctx = _context(sdoc, candidate, plan, state, mission_before, full_text)
    facts: list[Fact] = []
    categories: list[Category] = []
    for fm in candidate.figures:
        if fm.figure.value <= 0:
            continue
        if any(bound is not None and bound != int(bound) for bound in (fm.figure.low, fm.figure.high)):
            continue  # "5.50 peacekeepers", "0.5 troops": nobody counts part of a person (issue 11)
        reading = read_figure(ctx, fm)
        if reading is None:
            continue
        outcome = decide_metric(reading, ctx, disabled)
        if not isinstance(outcome, Decision):
            continue
        metric = outcome.metric
        if fm.kind == "article" and not (metric.is_casualty and reading.tense in {"past", "perfect"}):
            continue  # "a peacekeeper serving in Mali", "every time a peacekeeper is killed": no count
        inherited = _AMONG.match(ctx.text) and state.last_metric is not None and reading.predicate is None
        if inherited and state.last_metric is not None and state.last_metric.is_casualty:
            # "… who died in service in 2016. Among them were five Pakistani peacekeepers,"
            metric = state.last_metric
            outcome = Decision(metric, "among")
            ctx = _dated_as_before(ctx, state)
        elif (
            metric.is_casualty and not ctx.dates and continues_toll(ctx) and state.last_metric is not None
            and state.last_metric.is_casualty
        ):
            # "Sixty-one peacekeepers lost their lives in 2024. Seven of the fallen were from Nepal":
            # the parts are of the same toll, of its date (one year's, or one incident's); a part
            # with a date of its own is an event of its own ("Among them, two … were killed … in 2016")
            if reading.predicate == state.toll_kind:
                metric = state.last_metric
                outcome = Decision(metric, outcome.rule)
            ctx = _dated_as_before(ctx, state)
        elif (
            metric is Metric.WOMEN_DEPLOYED and not ctx.dates and state.last_metric is Metric.PERSONNEL_DEPLOYED
            and _PART_OF_BEFORE.search(ctx.text)
        ):
            # "As of 30 April, Senegal had 1,200 peacekeepers in MINUSCA. Women number 146 of them":
            # the women of a head count are counted on its date
            ctx = _dated_as_before(ctx, state)
        if (
            reading.how == "list" and metric.is_casualty and not ctx.cues.has("DEATH") and not ctx.cues.has("INJURY")
            and ctx.lead.as_of is None and not ctx.dates and state.as_of is not None
        ):
            # "… who lost their lives in 2024. The fallen came from 28 countries. The largest numbers
            # were from Nepal (6), …": a list counting the dead of the sentences before is of their year
            ctx = _dated_as_before(ctx, state)
        shared = ctx.shared.get(fm.num_start)
        # An ownerless figure stays only as a candidate for a UN sibling (see _share_un_scope).
        subject, subject_rule = decide_subject(reading, ctx, metric, disabled) or (_NO_OWNER, "none")
        subjects = list(shared) if shared else [subject]
        if shared:
            subject_rule = "each"
        category = reading.category
        if metric.info.counts != "personnel":
            category = None  # missions and countries have no category of personnel
        elif metric.is_casualty and category is None:
            category = Category.PERSONNEL
        as_of, as_of_source, since = date_figure(reading, ctx, metric, incident=partial(is_incident, reading, ctx))
        if category is not None:
            categories.append(category)
        for subject in subjects:
            fact_as_of, fact_source = undated_if_closed(subject, as_of, as_of_source)
            facts.append(
                Fact(
                    doc=plan.doc_id,
                    subject=subject,
                    metric=metric,
                    figure=fm.figure,
                    category=category,
                    as_of=fact_as_of,
                    as_of_source=fact_source,
                    since=since,
                    evidence=full_text[candidate.sentence.start : candidate.sentence.end],
                    start=fm.num_start,
                    end=fm.num_end,
                    rule=f"{reading.how}.{outcome.rule}@{subject_rule}" + ("+headline" if ctx.headline else ""),
                    scope=service_scope(reading, metric),
                )
            )
    facts = [f for f in _share_un_scope(_women_parts_follow(_tolls_parts_follow(_baselines_follow(facts, full_text), full_text), full_text)) if f.subject != _NO_OWNER]
    _remember(state, facts, ctx, categories)
    return facts


#: what introduces a figure compared with the one before it ("19 …, against 32 in the whole of last year")
_COMPARED_WITH = re.compile(r"\b(?:against|compared\s+(?:with|to)|versus|vs\.?|as\s+against)\s+(?:about\s+|some\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?$", re.IGNORECASE)


#: what may stand between a figure and the baseline it is compared with in the same clause
_SAME_CLAUSE_GAP = re.compile(r"[^.;:\d]{0,80}")
_SAME_SENTENCE_GAP = re.compile(r"[^.;:]{0,200}")


def _baselines_follow(facts: list[Fact], full_text: str) -> list[Fact]:
    """"Zambia now has 190 women serving …, up from 42 in 2015": a baseline with no noun of its own
    counts what the figure it is compared with counts (its subject, metric and category; a running
    total's baseline is the same running total at its own date)."""
    out: list[Fact] = []
    for fact in facts:
        if fact.rule.startswith("inferred.baseline@"):
            clause = [f for f in out if f.start < fact.start and _SAME_SENTENCE_GAP.fullmatch(full_text, f.end, fact.start)]
            nearest = clause[-1] if clause else None
            if nearest is not None and not any(f.metric.info.counts == "personnel" for f in clause) and (
                not nearest.metric.is_forward_looking and _SAME_CLAUSE_GAP.fullmatch(full_text, nearest.end, fact.start)
            ):
                # "11 active operations, down from 16 a decade ago": the baseline counts operations too
                out.append(attrs.evolve(
                    fact, subject=nearest.subject, metric=nearest.metric, category=None, since=None,
                    rule=fact.rule.split("@")[0] + "@" + nearest.rule.split("@")[-1],
                ))
                continue
            compared = next((f for f in reversed(out) if f.metric.info.counts == "personnel" and f.start < fact.start), None)
            if compared is not None:
                # a target's baseline ("to 4,000 by 2019 from 2,867 in 2014") is the level then
                metric = fact.metric if compared.metric.is_forward_looking else compared.metric
                since = fact.since if metric.is_cumulative else None
                since = compared.since if metric.is_cumulative and since is None else since
                fact = attrs.evolve(
                    fact, subject=compared.subject, metric=metric, category=compared.category, since=since,
                    rule=fact.rule.split("@")[0] + "@" + compared.rule.split("@")[-1],
                )
        elif fact.subject == _NO_OWNER and _COMPARED_WITH.search(full_text, max(0, fact.start - 40), fact.start):
            # "So far this year, 19 peacekeepers have been killed, against 32 in the whole of last year"
            compared = next((f for f in reversed(out) if f.metric is fact.metric and f.start < fact.start and f.subject != _NO_OWNER), None)
            if compared is not None:
                fact = attrs.evolve(fact, subject=compared.subject, rule=fact.rule.split("@")[0] + "@compared")
        out.append(fact)
    return out


#: what joins a part to the whole before it ("10,300 peacekeepers, including 890 women", "150,000
#: since 1958, of whom about 2,000 were women", "80,000 …, among them 3,000 women")
_PART_OF_WHOLE = re.compile(
    r"[^.;:]{0,80}?\b(?:including|among\s+(?:them|whom)|of\s+(?:whom|which|them|these))\b[^.;:\d]{0,25}$", re.IGNORECASE
)


#: subject rules that find a figure's own owner (its noun, its list entry, its origin, its incident)
_OWN_OWNER = ("@noun-country", "@list-entry", "@origin", "@incident-mission", "@each")
_INCLUDING = re.compile(r"[^.;:]{0,80}?\bincluding\s+(?:some\s+|about\s+|at\s+least\s+)?$", re.IGNORECASE)


def _tolls_parts_follow(facts: list[Fact], full_text: str) -> list[Fact]:
    """"… the more than 3,800 peacekeepers who have lost their lives in the line of duty, including 98
    who died last year": a toll counted inside another is the same owner's, unless the part names
    its own ("including 12 from Nepal")."""
    out: list[Fact] = []
    for fact in facts:
        whole = next((f for f in reversed(out) if f.end <= fact.start and f.metric is fact.metric), None)
        if (
            whole is not None and fact.metric.is_casualty and whole.subject != _NO_OWNER and fact.subject != whole.subject
            and not any(own in fact.rule for own in _OWN_OWNER) and _INCLUDING.match(full_text, whole.end, fact.start)
        ):
            fact = attrs.evolve(fact, subject=whole.subject, rule=fact.rule.split("@")[0] + "@part-of-toll")
        out.append(fact)
    return out


def _women_parts_follow(facts: list[Fact], full_text: str) -> list[Fact]:
    """Women counted as part of a running total ever served are women who ever served (a
    ``personnel_served_total`` of category women, over the whole's period), not women serving now:
    "Cambodia has sent 10,300 peacekeepers, including 890 women, … since 2006"."""
    out: list[Fact] = []
    for fact in facts:
        whole = next((f for f in reversed(out) if f.end <= fact.start), None) if fact.metric is Metric.WOMEN_DEPLOYED else None
        if (
            whole is not None and whole.metric is Metric.PERSONNEL_SERVED_TOTAL and whole.subject == fact.subject
            and _PART_OF_WHOLE.match(full_text, whole.end, fact.start)
        ):
            fact = attrs.evolve(
                fact, metric=Metric.PERSONNEL_SERVED_TOTAL, category=Category.WOMEN, since=fact.since or whole.since,
                as_of=whole.as_of, as_of_source=whole.as_of_source, rule=fact.rule.split(".")[0] + ".part-of-total@" + whole.rule.split("@")[-1],
            )
        out.append(fact)
    return out


_NO_OWNER = ""
_UN_EVIDENCE = ("@un-scale", "@un-wide", "@fact-sheet")
_WEAK_EVIDENCE = ("@previous-sentence", "@story-country", "@none")


def _share_un_scope(facts: list[Fact]) -> list[Fact]:
    """"About 70,000 uniformed personnel serve in 12 missions today": when one figure of a sentence
    is the UN's on evidence, its siblings whose subject was only a guess are the UN's too."""
    if not any(any(e in f.rule for e in _UN_EVIDENCE) or (f.subject == "UN" and f.rule.endswith("@clause")) for f in facts):
        return facts  # (the UN as a clause's subject is evidence too: "the UN has launched 71 operations; 11 remain active")
    out = []
    for fact in facts:
        for weak in _WEAK_EVIDENCE:
            if weak in fact.rule:
                fact = attrs.evolve(fact, subject="UN", rule=fact.rule.replace(weak, "@un-sibling"))
        out.append(fact)
    return out


def _remember(state: SentenceState, facts: list[Fact], ctx: SentenceContext, categories: list[Category]) -> None:
    named = [f.subject for f in facts if f.subject != "UN" and not _is_mission(f.subject)]
    if named:
        state.last_country = named[-1]
    if facts:
        # "… it had 5,913 in missions, behind Nepal (6,247) and India (6,073). Of that number, 412
        # are women": the sentence's own figure goes on, not the last of a list compared with it
        own = [f for f in facts if not f.rule.endswith("@list-entry")]
        state.last_subject = (own or facts)[-1].subject
        state.last_subject_end = ctx.candidate.sentence.end
        state.last_metric = facts[-1].metric
        state.seen_values.update(f.figure.value for f in facts)
    if facts or ctx.lead.as_of is not None:
        # a sentence whose figures have their own dates and the page's ("Since 1988, when Bangladesh
        # first sent 15 observers, 188,558 have served") passes on no figure's own date
        mixed = any(f.as_of_source is AsOfSource.PUBLISHED for f in facts)
        keep = None if mixed else next((f for f in facts if f.as_of_source in {AsOfSource.EXPLICIT, AsOfSource.RELATIVE}), None)
        state.as_of = keep.as_of if keep else ctx.lead.as_of
        state.as_of_source = keep.as_of_source if keep else ctx.lead.source
        state.since = next((f.since for f in facts if f.since), ctx.lead.since)
        state.end = ctx.candidate.sentence.end
    state.last_category = categories[-1] if categories and len(facts) > 1 else None
    if len(facts) > 1 and len(categories) == len(facts) and _whole_then_parts(facts):
        # "Brazil has fewer than 80 uniformed personnel …, only nine of them women. In 2010 it had
        # more than 2,200": a bare figure after goes on from the whole, not from its last part
        state.last_category = categories[0]
    if ctx.cues.spans.get("NON_UN") and not names_the_un(ctx.text) or (carries_non_un(ctx) and not facts):
        state.non_un_end = ctx.candidate.sentence.end  # a paragraph about KFOR or the African Union goes on
    else:
        state.non_un_end = -1
    tolls = [(span.start, label) for label in ("DEATH", "INJURY") for span in ctx.cues.spans.get(label, ())]
    casualties = [f for f in facts if f.metric.is_casualty]
    if casualties or tolls:
        kind = "INJURY" if casualties and casualties[-1].metric is Metric.INJURIES_TOTAL else max(tolls)[1] if tolls else "DEATH"
        state.toll_end, state.toll_kind = ctx.candidate.sentence.end, kind
    if casualties:
        state.toll_value = max(f.figure.value for f in casualties)
    if facts:
        last = facts[-1]
        counted = last.metric.info.counts == "personnel" and not last.metric.is_casualty
        state.count_end = ctx.candidate.sentence.end if counted else -1
        state.count_category = last.category if counted else None
        state.service_end = ctx.candidate.sentence.end if any(not f.metric.is_casualty for f in facts) else -1


def _whole_then_parts(facts: list[Fact]) -> bool:
    """Whether a sentence's facts are one head count followed by its parts ("80 personnel, nine
    of them women"; "6,146 personnel: 5,136 troops, 978 police")."""
    whole = facts[0]
    return whole.metric is Metric.PERSONNEL_DEPLOYED and all(
        f.subject == whole.subject and f.figure.value < whole.figure.value and f.metric.is_serving
        for f in facts[1:]
    )


def _is_mission(subject: str) -> bool:
    return vocab.mission(subject) is not None


def facts_from_table_row(dated: DatedRow, plan: BlockPlan, full_text: str) -> list[Fact]:
    """The facts of one table row: one per count cell (see :mod:`peacefacts.nlp.tables`).

    The table reader has said what each cell counts; here each gets its subject (a row with no
    subject of its own, in a series of years, is the story's country's; with none, the row has
    no owner and gives nothing, as in prose) and its date: the row's year in a series, else the
    heading's or the reference line's date, else the publication date, else the anchor of an
    undated page.
    """
    row = dated.row
    subject = row.subject or plan.default_country
    if subject is None:
        return []
    as_of: Optional[PartialDate]
    if row.year is not None:
        as_of, source = PartialDate(row.year), AsOfSource.EXPLICIT
    elif dated.reference is not None:
        as_of, source = dated.reference.date, AsOfSource.EXPLICIT
    elif plan.published is not None:
        as_of, source = plan.published, AsOfSource.PUBLISHED
    else:
        as_of, source = plan.anchor_as_of, anchor_source(plan)
    return [
        Fact(
            doc=plan.doc_id,
            subject=subject,
            metric=cell.metric,
            figure=cell.figure.figure,
            category=cell.category,
            as_of=as_of,
            as_of_source=source,
            since=cell.since or row.since,
            evidence=full_text[row.line.start : row.line.end],
            start=cell.figure.num_start,
            end=cell.figure.num_end,
            rule=f"table-row.{cell.column}",
        )
        for cell in row.cells
    ]


def dedupe_facts(facts: Sequence[Fact]) -> list[Fact]:
    """One fact per (subject, metric, value) in a document.

    A figure repeated in the headline and the body, with and without its hedge, or with and
    without a date, is one claim: the first body mention is kept, replaced by a hedged copy when
    it is exact, else by a dated copy when it is undated. Headline grammar ("China participates in
    30 missions") misleads the tense rules, so a headline figure the body repeats is the body's.
    """
    body_values = {(f.subject, f.figure.value) for f in facts if not f.rule.endswith("+headline")}
    facts = [f for f in facts if not (f.rule.endswith("+headline") and (f.subject, f.figure.value) in body_values)]
    best: dict[tuple[str, Metric, int], Fact] = {}
    order: list[tuple[str, Metric, int]] = []
    for fact in facts:
        key = (fact.subject, fact.metric, fact.figure.value)
        if key not in best:
            best[key] = fact
            order.append(key)
            continue
        kept = best[key]
        if kept.qualifier is Qualifier.EXACT and fact.qualifier is not Qualifier.EXACT:
            best[key] = fact
        elif kept.as_of is None and fact.as_of is not None:
            best[key] = fact
    return [best[k] for k in order]
