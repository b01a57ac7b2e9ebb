"""The model-free pass: which sentences of a document can hold a fact, and what the story is about.

Runs at millions of characters a second and decides where the expensive spaCy parse runs: only
sentences of peacekeeping article blocks that hold a figure (digits or number words, not years,
percentages or money) and a domain word. It also gathers what the rules need from the whole
block:

* its publication date and the country the story is mostly about (:mod:`peacefacts.nlp.story`),
* **reference dates**: an explicit "as at the end of 2016" in the lead, or a date on a table's
  heading line, dates the figures that follow until the next one,
* **table rows**: tables flattened into lines (pipes, tabs, aligned columns, bullets, "Ethiopia:
  6,500", "Rwanda" / "5,918"), read without the parser by :mod:`peacefacts.nlp.tables` and dated
  by their heading or the reference line above them,
* **the incident** of a story about an attack: the day it happened and the mission where,
* missions named along the way (for "that operation"), and the dates of the page itself
  (:mod:`peacefacts.nlp.page_dates`): an anchor for undated pieces (the anniversary they mark,
  "marks 60 years of service" + "began in 1958" → 2018, else the latest date they state), and
  the day each newsletter item starts with ("5 July — …").
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple, Optional

import attrs

from peacefacts import vocab
from peacefacts.ingest.chrome import reading_text
from peacefacts.ingest.lines import continues_wrapped, split_lines, wrap_width
from peacefacts.nlp.data_notes import DataNote, data_notes
from peacefacts.nlp.dates import DateMatch, find_dates
from peacefacts.nlp.lists import is_ranking
from peacefacts.nlp.numbers import FigureMatch, find_figures
from peacefacts.nlp.one_person import one_person_figures
from peacefacts.nlp.page_dates import (
    UndatedAnchor,
    item_dateline,
    later_stamps,
    lead_paragraph,
    lead_sentences,
    page_date,
    undated_anchor,
)
from peacefacts.nlp.page_marks import after_dateline
from peacefacts.nlp.segment import Sentence, split_sentences
from peacefacts.nlp.story import country_mentions, story_country
from peacefacts.nlp.story_days import incident_day, statement_day, tells_of_incident
from peacefacts.nlp.tables import TableRow, read_tables
from peacefacts.records import Block, Document, PartialDate, PublishedSource

__all__ = [
    "Candidate",
    "BlockPlan",
    "ReferenceDate",
    "DatedRow",
    "TableRow",
    "Incident",
    "plan_document",
    "mission_mentions",
    "mission_at_place",
    "KEYWORDS",
]


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# A sentence is worth parsing only if it holds a figure and one of these. Demonyms and mission
# acronyms come from the tables, matched as whole words ("Finns", "Minusma", "Unmiss's"); other
# "UN..." acronyms ("15 UNMEM") only in capitals: under IGNORECASE, "UN[A-Z]{2,}" matched
# "under", "until" and "unknown", and a demonym suffix matched "this" and "plans", so every
# sentence with a number passed.
KEYWORDS = re.compile(
    r"peace|troop|soldier|personnel|police|officer|official|observer|mission|operation|contingent|"
    r"battalion|force|helmet|beret|kill|died|dead|death|li(?:fe|ves)|martyr|sacrific|fallen|casualt|injur|"
    r"wound|deploy|serv|contribut|pledg|countr|nation|women|female|staff|member|\bmen\b|people|loss|"
    r"(?-i:[A-Z][a-z]+(?:ians|ans|ese|is)\b)|dispatch|sent\b|send|join|(?-i:\bUN[A-Z]{2,})|\bUN\b|U\.N\.|"
    r"keepers|boots|workforce|work force|fatalit|toll|wounded|ultimate price|marines|sailors|airmen|gendarm|"
    r"\b(?:come|came|make|made)\s+(?:it\s+)?(?:home|back)\b|\bnever\s+returned|\bnot\s+return|\bcoffins?\b|\bcaskets?\b|"
    r"\bfield(?:ed|s|ing)\b|['’]s\s+(?:number|total|strength|figure)\b|"
    rf"\b(?:{_alternation([m.acronym for m in vocab.missions()])})\b|"
    rf"(?-i:\b(?:{_alternation(list(vocab.demonym_forms()))})\b)",
    re.IGNORECASE,
)

_FIGURE_KINDS = frozenset({"cardinal", "range"})
#: an ordinal that counts the dead ("the 101st French soldier to die under the UN flag", "the 48th
#: member of the Defence Forces to be killed on UN service"): a running toll ("the first … to die"
#: marks a first of a kind, not a count)
_ORDINAL_TOLL = re.compile(
    r"\s+(?:[\w'’-]+\s+){1,7}?to\s+(?:die|be\s+killed|lose\s+(?:his|her|their)\s+li(?:fe|ves)|fall|make\s+the\s+ultimate\s+sacrifice)\b",
    re.IGNORECASE,
)

#: An explicit reference date: "as of", "as at", "at/by the end of", "end-2019".
_REFERENCE = re.compile(r"^(?:as\s+(?:of|at|on)\b|(?:at|by)\s+(?:the\s+)?end\b|end\b|(?:at|by)\s+end\b)", re.IGNORECASE)
_END_OF_YEAR = re.compile(r"\bend(?:\s+of|\s*-)\s*(?:the\s+year\s+)?(?:of\s+)?(1[89]\d\d|20\d\d)\b", re.IGNORECASE)
_BARE_FIGURE = re.compile(r"^[\s(]*(?:(?:about|some|over|more than|nearly|almost|around|approximately)\s+)?[\d.,\s]+\)?\s*$", re.IGNORECASE)
_DATA_AS_OF = re.compile(
    r"^(?:\W*(?:data|figures|statistics|numbers|situation)\s+)?(?:as\s+(?:of|at|on)|updated)\b"
    r"|^\W*(?:data|sources?|figures|statistics)\s*:",  # "Data: UN Peacekeeping, 31 May 2024."
    re.IGNORECASE,
)
def _box_heading_reference(text: str, sentence: Sentence, published: Optional[PartialDate]) -> Optional[ReferenceDate]:
    """The date of a box's heading line ("Mongolia in UN peacekeeping (figures as of 31 December
    2021)", "Current strength (as of 31 August 2023)"), which dates the labelled lines below it;
    the heading may share a sentence with the box's first line, having no full stop of its own."""
    if ")" not in text[sentence.start : sentence.end]:
        return None
    pos = sentence.start
    for line in text[sentence.start : sentence.end].split("\n"):
        stripped = line.strip()
        if len(stripped) <= 90 and _BOX_HEADING_AS_OF.search(stripped):
            ref = _reference_in(text, Sentence(pos, pos + len(line)), published, heading=True)
            if ref is not None:
                return ref
        pos += len(line) + 1
    return None


#: a heading's parenthesised data date ("Current strength (as of 31 August 2023)", "(UN figures,
#: 31 March 2024)", "(source: UN, March 2024)"): a date is looked for in it, to the month at least
_BOX_HEADING_AS_OF = re.compile(
    r"\((?:[\w.]+[\s,:]+){0,3}(?:(?:as\s+)?(?:of|at|on)\s+)?[^()]{4,30}\)\s*:?$", re.IGNORECASE
)
#: "(source: UN Peacekeeping)." after a reference line
_SOURCE_NOTE = re.compile(r"\s*(?:[(\[]\s*(?:sources?|data|via|compiled\s+by)\b[^)\]]*[)\]]|[–—-]?\s*\bsources?\s*:.*)?\s*\.?$", re.IGNORECASE)


class ReferenceDate(NamedTuple):
    """A date stated once that dates the figures after it ("As at the end of 2016, …")."""

    date: PartialDate
    start: int
    text: str


class DatedRow(NamedTuple):
    """A table row and the reference date in effect for it (its heading's, else the last one
    stated above it)."""

    row: TableRow
    reference: Optional[ReferenceDate] = None


class Candidate(NamedTuple):
    """A sentence that may hold a fact: its offsets, its figures and the reference date in effect."""

    sentence: Sentence
    figures: tuple[FigureMatch, ...]
    reference: Optional[ReferenceDate] = None
    #: the last mission named earlier in the same paragraph ("UNFICYP — Established in 1964 …
    #: As of Feb. 28, 2005, the staff was comprised of 937 …")
    paragraph_mission: Optional[str] = None
    #: the day a newsletter item or timeline line starts with ("5 July — MONUSCO: …"): the item's
    #: own publication date, for its relative phrases and its "now"
    dateline: Optional[PartialDate] = None


@attrs.frozen(kw_only=True)
class Incident:
    """The attack or accident a story reports: when, and in which mission's area."""

    day: Optional[PartialDate]
    mission: Optional[str]


@attrs.frozen(kw_only=True)
class BlockPlan:
    """Everything known about one article block before parsing."""

    doc_id: str
    block: Block
    published: Optional[PartialDate]
    default_country: Optional[str]
    anchor_as_of: Optional[PartialDate] = None
    anchor_since: Optional[PartialDate] = None
    #: the anchor is only the latest date the undated piece reports (it may postdate it)
    anchor_is_bound: bool = False
    candidates: tuple[Candidate, ...] = ()
    #: the last mission named before each candidate, for "that operation"
    missions_before: tuple[Optional[str], ...] = ()
    table_rows: tuple[DatedRow, ...] = ()
    incident: Optional[Incident] = None
    #: every mission the block names, in order of first mention
    missions: tuple[str, ...] = ()
    #: the day of the statement the story reports ("…, the minister said on Monday")
    statement_day: Optional[PartialDate] = None
    #: notes that date the figures before them ("These figures are as of 31 January 2022")
    data_notes: tuple[DataNote, ...] = ()
    #: (document offset, acronym) of every mission the block names, in text order
    mission_positions: tuple[tuple[int, str], ...] = ()
    #: (document offset, end, surface, country) of every country name or demonym in the block
    country_positions: tuple[tuple[int, int, str, str], ...] = ()
    #: where the story's first paragraph ends (its top lines and lead paragraph), whose data date
    #: past-tense head counts further down go on with
    lead_end: Optional[int] = None


# --------------------------------------------------------------------------------------------
# missions


_GENERIC_NAME = re.compile(r"\b(?:mission|operation|force)\s+(?:in|for)\s+(?:the\s+)?(?P<place>.+)$", re.IGNORECASE)


def mission_mentions(text: str, year: Optional[int] = None) -> list[tuple[int, str]]:
    """(offset, acronym) of every mission named in ``text`` (see :func:`peacefacts.vocab.mission_mentions`).

    With the ``year`` of the text, a description that is also an old mission's name ("the UN
    mission in the Democratic Republic of the Congo" in 2022, MONUC's English name) is the mission
    serving there that year (MONUSCO).

    >>> mission_mentions("the UN mission in the Central African Republic", 2024)
    [(4, 'MINUSCA')]
    """
    found = []
    for m in vocab.mission_mentions(text, year=year):
        acronym = m.acronym
        mission = vocab.mission(acronym)
        generic = _GENERIC_NAME.search(m.text)
        if year is not None and mission is not None and not mission.active_in(year) and generic:
            serving = [x for x in vocab.missions_at(generic.group("place"), year) if x.kind == "peacekeeping"]
            if serving:
                acronym = serving[0].acronym
        found.append((m.start, acronym))
    return found


_POSSESSIVE = re.compile(r"['’]s?\b")
_LOCATIVE = re.compile(r"\b(?:in|near|at|outside|around|inside|into|across|north|south|east|west)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)


def mission_at_place(text: str, when: Optional[PartialDate]) -> Optional[str]:
    """The mission serving where ``text`` first names a mission's place, at ``when`` (if known).

    >>> mission_at_place("Gunmen killed two peacekeepers near Bangui", PartialDate(2017, 5, 8))
    'MINUSCA'
    >>> mission_at_place("22 Pakistani soldiers were killed in Mogadishu", PartialDate(1993, 6))
    'UNOSOM II'
    """
    year = when.year if when is not None else None
    places = [p for p in vocab.place_mentions(text) if not _POSSESSIVE.match(text, p.end)]  # "Egypt's Armed Forces": an owner
    # a place after a locative preposition is where it happened ("… said on Monday that … near Kidal")
    places.sort(key=lambda p: not _LOCATIVE.search(text, max(0, p.start - 16), p.start))
    for place in places:
        serving = [m for m in vocab.missions_at(place.place, year) if m.kind == "peacekeeping"]
        if serving:
            return serving[0].acronym
        if year is not None:
            # "returned from Darfur" after the mission closed: the one that served there last
            ended = [
                m for m in vocab.missions_at(place.place)
                if m.kind == "peacekeeping" and m.end is not None and year - 3 <= m.end <= year
            ]
            if ended:
                return max(ended, key=lambda m: m.end or 0).acronym
    return None


# --------------------------------------------------------------------------------------------
# block-level context


def _reference_value(match: DateMatch) -> Optional[PartialDate]:
    if match.value is None or match.role not in {"as_of", "target", "range"}:
        return None
    value = match.end_value if match.role == "range" and match.end_value else match.value
    end = _END_OF_YEAR.search(match.text)
    if end and value.precision == "year":
        return PartialDate(value.year, 12)  # "at the end of 2016" is December 2016
    return value


# What every explicit reference date holds ("as of …", "at the end of …", "end-2019"): a lead
# sentence without it states none, and is not scanned for dates.
_MAY_REFER = re.compile(r"as\s+(?:of|at|on)|end", re.IGNORECASE)


def _reference_in(text: str, sentence: Sentence, published: Optional[PartialDate], heading: bool) -> Optional[ReferenceDate]:
    """The reference date a lead sentence or a table heading states, if any."""
    if not heading and not _MAY_REFER.search(text, sentence.start, sentence.end):
        return None
    for match in find_dates(text, sentence.start, sentence.end, base=published):
        explicit = bool(_REFERENCE.match(match.text)) or bool(_END_OF_YEAR.search(match.text))
        if not (explicit or (heading and match.value is not None and match.value.precision != "year")):
            continue
        value = _reference_value(match)
        if value is None:
            continue
        if match.text.lower().startswith("by") and not re.search(r"\d{4}|\b(?:last|previous|past)\b", match.text, re.IGNORECASE):
            continue  # "will deploy … by the end of March": a year-less deadline is a target, not a reference
        if published is not None and value.first_day > published.last_day:
            continue  # a target ("by the end of 2030"), not a reference date
        return ReferenceDate(value, sentence.start, match.text)
    return None


def _is_heading(text: str, sentence: Sentence) -> bool:
    line = text[sentence.start : sentence.end].rstrip()
    return line.endswith(":") or not line.endswith((".", "!", "?", '"', "”"))


_FUNCTION_END = re.compile(
    r"(?:,|\b(?:since|of|in|to|the|and|or|with|than|from|by|at|for|some|about|over|nearly|almost|around|"
    r"more|least|a|an|its|their|his|her|our|on))\s*$",
    re.IGNORECASE,
)


#: a fact-sheet line, a label and its figure ("Total personnel serving (as of April 30, 2019): 103,510"): complete
_LABEL_VALUE_LINE = re.compile(r":\s*(?:about|some|over|around|nearly|approximately|c\.|~)?\s*\d[\d,.\s]*\*?$", re.IGNORECASE)


def _merge_lines(text: str, sentences: list[Sentence], width: Optional[int] = None) -> list[Sentence]:
    """Join a line broken mid-sentence to the next, and a label ending in a colon to the bare
    figure on the next line.

    Pages copied from print or PDF wrap sentences over lines, even over blank lines ("… who have
    died" / "" / "on duty since 1948"): a line that does not end a sentence joins the next one
    when that one starts in lower case, or with a number after a function word ("… since" /
    "1948."), or, in text wrapped at a fixed column (``width``), whatever it starts with.
    Headlines and table rows start with a capital and stay apart.
    """
    out: list[Sentence] = []
    for s in sentences:
        if out:
            prev = out[-1]
            between = text[prev.end : s.start]
            prev_text = text[prev.start : prev.end].rstrip()
            cur_text = text[s.start : s.end]
            if "\n" in between and between.count("\n") <= 3:
                line_start = text.rfind("\n", 0, prev.end) + 1
                prev_line = text[line_start : prev.end].strip()
                open_end = not prev_text.endswith((".", "!", "?", ":", '"', "”", ";"))
                continues = not _LABEL_VALUE_LINE.search(prev_line) and (continues_wrapped(prev_line, cur_text, width) or (
                    open_end and cur_text[:1].isdigit() and bool(_FUNCTION_END.search(prev_text))
                ))
                label_value = prev_text.endswith(":") and _BARE_FIGURE.match(cur_text) and len(prev_text) < 200
                if continues or label_value:
                    out[-1] = Sentence(prev.start, s.end)
                    continue
        out.append(s)
    return out


class _Lines:
    """Where a block's table lines are: a table's rows are read by the table reader, and a
    sentence that runs into a table (a heading with no full stop, wrapped into the header and
    the rows) takes none of the table's figures."""

    def __init__(self, lines: set[Sentence]) -> None:
        self.lines = sorted(lines)
        self.starts = [line.start for line in self.lines]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.lines[i].start <= pos < self.lines[i].end


def _heading_reference(
    text: str, row: TableRow, published: Optional[PartialDate], dated: dict[Sentence, Optional[ReferenceDate]]
) -> Optional[ReferenceDate]:
    """The date of a table's heading ("Top contributors of troops, 30 April 2017:"), or of a
    reference line above it ("According to UN figures (as of 31 March 2024), …"), latest first.

    Read lazily: most headings never get a row, and reading a date costs a dateparser call."""
    for h in reversed(row.headings):
        if h not in dated:
            dated[h] = _reference_in(text, h, published, heading=_is_heading(text, h))
        if dated[h] is not None:
            return dated[h]
    return None


#: a line of prose has lower-case words ("One Egyptian peacekeeper was killed."); a menu, a date
#: line or a ticker has none ("News  Politics  Business", "Saturday, June 14, 2025 | Accra 29°C")
_PROSE_WORDS = re.compile(r"(?:\b[a-z]{3,}\b.*){2}")


def _incident(text: str, sentences: list[Sentence], block: Block, published: Optional[PartialDate], missions: list[str]) -> Optional[Incident]:
    """The attack or accident the story reports, when its headline or lead is about one."""
    # the block's first six lines, and its first six lines of prose: a block may open with a menu,
    # a ticker and cookie lines before the story's first sentence
    opening = [text[s.start : s.end] for s in sentences[:6]]
    said = [t for t in (text[s.start : s.end] for s in sentences[:20]) if _PROSE_WORDS.search(t) and not t.rstrip().endswith("]")]
    lead = [block.title or ""] + opening + [t for t in said[:6] if t not in opening]
    # the attack, then what it cost: "Yesterday, a patrol was ambushed near Bria. One peacekeeper was killed."
    told_in_two = [" ".join(pair) for pair in zip(lead[1:], lead[2:], strict=False)]
    if not any(tells_of_incident(t) for t in lead + told_in_two):
        return None
    mission = missions[0] if missions else None
    if mission is None:
        mission = mission_at_place(" ".join(lead), published)
    return Incident(day=incident_day(text, sentences, published), mission=mission)


# A sentence that only names who or what the count is about, the counted noun left to the sentence
# before it: "Morocco had 1,720.", "For Nepal, the figure stands at 6,200.", "It stood at 2,727."
_ELLIPTIC_OWNER = re.compile(r"\b(?:the\s+(?:figure|number|total|tally|count)|it|that\s+number)\b", re.IGNORECASE)


def _continues_count(text: str, sentence: Sentence, candidates: list[Candidate]) -> bool:
    """Whether a sentence with no counted noun goes on with the candidate just before it, in the
    same paragraph, naming a country or standing for the count ("Morocco had 1,720.")."""
    if not candidates:
        return False
    previous = candidates[-1].sentence
    between = text[previous.end : sentence.start]
    if between.count("\n") > 1 or between.strip():
        return False
    words = text[sentence.start : sentence.end]
    return bool(country_mentions(words) or _ELLIPTIC_OWNER.search(words))


def _finest(heading: ReferenceDate, before: list[ReferenceDate]) -> ReferenceDate:
    """A table heading's date, or the finer date stated before the table inside it: "…, March
    2025" over a table that the lead dated "as of 31 March 2025" is the 31st."""
    for ref in reversed(before):
        finer = ref.date
        coarse = heading.date
        if ref is not heading and finer.year == coarse.year and (coarse.month is None or finer.month == coarse.month) and (
            (finer.month is not None and coarse.month is None) or (finer.day is not None and coarse.day is None)
        ):
            return ref
    return heading


def plan_document(document: Document) -> list[BlockPlan]:
    """Find, without any model, the sentences of a document that can hold a fact.

    Only peacekeeping blocks are read; a document without blocks is one block.
    """
    text = reading_text(document.text)  # citation marks and notes masked, offsets unchanged
    blocks = [b for b in document.blocks if b.is_peacekeeping]
    if len(document.blocks) == 1 and not blocks:
        # one article and no other to tell it from: the sentence prefilter and the rules decide
        blocks = list(document.blocks)
    if not document.blocks:
        blocks = [Block(start=0, end=len(text), published=document.published, published_source=document.published_source)]
    plans = []
    for block in blocks:
        block_text = text[block.start : block.end]
        published = page_date(text, block, block_text)
        sentences = _merge_lines(text, split_sentences(text, block.start, block.end), wrap_width(text, block.start, block.end))
        # the headline is not body text (but a last line taken for a title is, as in a table)
        body = sentences[1:] if sentences and block.title and text[sentences[0].start : sentences[0].end].strip() == block.title.strip() else sentences
        year = published.year if published is not None else None
        missions_named = [(block.start + pos, m) for pos, m in mission_mentions(block_text, year)]
        lines = [Sentence(s, e) for s, e in split_lines(text, block.start, block.end)]
        rows, table_lines = read_tables(text, lines, KEYWORDS)
        on_table = _Lines(table_lines)
        references: list[ReferenceDate] = []
        tops = lead_sentences(text, body)
        stamps = later_stamps(text, block.start, block.end, tops[-1].end) if tops else []
        first_paragraph = lead_paragraph(text, body, tops)
        lead_ref = next((ref for ref in (_reference_in(text, s, published, heading=False) for s in tops) if ref is not None), None)
        if lead_ref is not None:
            # the headline's "at the end of 2023" and the first paragraph's "As of 31 December
            # 2023" name one date: the finer one dates the story (a date of another period there
            # is only its own sentence's: "The figures for Mali are as of December 2022")
            finer = [ref for ref in (_reference_in(text, s, published, heading=False) for s in first_paragraph) if ref is not None]
            lead_ref = _finest(lead_ref, finer)
            references.append(ReferenceDate(lead_ref.date, block.start, lead_ref.text))
        for s in body:
            raw = text[s.start : s.end].strip()
            heading_ref = _box_heading_reference(text, s, published)
            if heading_ref is not None:
                references.append(heading_ref)
                continue
            if not _DATA_AS_OF.search(raw):
                # a pre-check (the line is a prefix of ``raw`` cut before a non-word character, so
                # it opens as ``raw`` does): the source-note scan tries every position of the line
                continue
            line = _SOURCE_NOTE.sub("", raw) or raw  # "Source: UN Peacekeeping, 30 April 2024" is all source
            if len(line) <= 60 and _DATA_AS_OF.match(line):
                ref = _reference_in(text, s, published, heading=True)
                rest = line.replace(ref.text, " ") if ref is not None else line
                if ref is not None and len(re.findall(r"[A-Za-z]+", rest)) <= 3 and not re.search(r"\d", rest):
                    references.append(ref)  # "Data as of 31 August 2022 (source: UN)" on a line of its own
        dated: dict[Sentence, Optional[ReferenceDate]] = {}
        headed = [DatedRow(row, _heading_reference(text, row, published, dated)) for row in rows]
        for dated_row in headed:
            if dated_row.reference is not None and dated_row.reference not in references:
                # a table's date also dates the prose after it (the finer date the lead gave it, if any)
                finest = _finest(dated_row.reference, [r for r in references if r.start <= dated_row.row.line.start])
                references.append(finest if finest is not dated_row.reference else dated_row.reference)
        references.sort(key=lambda r: r.start)
        table_rows = [
            DatedRow(d.row, _finest(d.reference, [r for r in references if r.start <= d.row.line.start]))
            if d.reference is not None else DatedRow(d.row, next(
                (r for r in reversed(references) if r.start <= d.row.line.start), None))
            for d in headed
        ]
        candidates: list[Candidate] = []
        missions_before: list[Optional[str]] = []
        for sentence in sentences:
            if sentence.start in on_table:
                continue
            own_start = after_dateline(text, sentence.start, sentence.end)
            if own_start != sentence.start:
                sentence = Sentence(own_start, sentence.end)  # the dateline is no part of the clause
            figures = tuple(
                f for f in find_figures(text, sentence.start, sentence.end)
                if (f.kind in _FIGURE_KINDS or (f.kind == "ordinal" and f.figure.value > 1 and _ORDINAL_TOLL.match(text, f.end, sentence.end)))
                and f.num_start not in on_table
            )
            figures = tuple(sorted(figures + tuple(one_person_figures(text, sentence.start, sentence.end, figures)), key=lambda f: f.num_start))
            if not figures:
                continue
            if not KEYWORDS.search(text, sentence.start, sentence.end) and not is_ranking(
                text[sentence.start : sentence.end], figures, sentence.start
            ) and not _continues_count(text, sentence, candidates):
                continue
            in_effect = [r for r in references if r.start <= sentence.start]
            paragraph_start = max(block.start, text.rfind("\n", block.start, sentence.start) + 1)
            # a paragraph about one mission names it first ("UNFICYP — Established in 1964 …")
            in_paragraph = [m for pos, m in missions_named if paragraph_start <= pos < min(sentence.start, paragraph_start + 12)]
            candidates.append(
                Candidate(
                    sentence,
                    figures,
                    in_effect[-1] if in_effect else None,
                    in_paragraph[-1] if in_paragraph else None,
                    item_dateline(
                        text, sentence, published, read_from_text=block.published_source is not PublishedSource.GIVEN, stamps=stamps
                    ),
                )
            )
            before = [m for pos, m in missions_named if pos < sentence.start]
            missions_before.append(before[-1] if before else None)
        anchor = undated_anchor(text, block_text, body, block.title) if published is None else UndatedAnchor()
        ordered_missions = tuple(dict.fromkeys(m for _, m in missions_named))
        plans.append(
            BlockPlan(
                doc_id=document.id,
                block=block,
                published=published,
                default_country=story_country(block_text, block.title),
                anchor_as_of=anchor.date,
                anchor_since=anchor.since,
                anchor_is_bound=anchor.lower_bound,
                candidates=tuple(candidates),
                missions_before=tuple(missions_before),
                table_rows=tuple(table_rows),
                incident=_incident(text, body, block, published, list(ordered_missions)),
                missions=ordered_missions,
                statement_day=statement_day(text, body, published),
                # a footnote may sit just past the block, among the lines taken for trailing chrome
                data_notes=tuple(data_notes(document.text, body + split_sentences(document.text, block.end, min(len(text), block.end + 300)))),
                mission_positions=tuple(missions_named),
                country_positions=tuple(
                    (block.start + m_start, block.start + m_end, surface, country)
                    for m_start, m_end, surface, country in country_mentions(block_text)
                ),
                lead_end=first_paragraph[-1].end if first_paragraph else None,
            )
        )
    return plans

