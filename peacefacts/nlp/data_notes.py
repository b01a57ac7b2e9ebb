"""Notes that date the figures written before them: "These figures are as of 31 January 2022",
"*Figures as at 30 April 2024" (the figures its star marks), and a source line after the figures
("Figures: UN Department of Peace Operations, 30 April 2023."). Model-free, read by the planner
(:mod:`peacefacts.nlp.plan`) for each block.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from peacefacts.nlp.dates import find_dates
from peacefacts.nlp.segment import Sentence
from peacefacts.records import PartialDate

__all__ = ["DataNote", "data_notes"]


class DataNote(NamedTuple):
    """A note that dates figures written before it: "These figures are as of 31 January 2022"
    (the sentences of its line before it, or the line above when it stands alone), "*Figures as
    at 30 April 2024" (every figure marked with the star)."""

    #: the span of text whose figures it dates (document offsets)
    start: int
    end: int
    date: PartialDate
    #: where the stars are that mark the figures it dates ("2,690 personnel*"); empty when it
    #: dates every figure of its span
    marks: tuple[int, ...] = ()
    #: a source line ("Figures: UN DPO, contributions by country, 30 April 2023."): it dates the
    #: head counts of its span, not tolls, totals or pledges
    head_counts_only: bool = False


_NOTE = re.compile(
    r"[^\w*]*(?P<star>\*+)?\s*(?:(?:all|these|the|above|those)\s+)?(?:figures|data|numbers|statistics|totals)\s+"
    r"(?:(?:are|were|is)\s+)?(?:(?:correct|accurate|valid)\s+)?(?:as\s+(?:of|at|on)|up\s+to)\s",
    re.IGNORECASE,
)


#: a source line after the figures: "Figures: UN Department of Peace Operations, 30 April 2023.",
#: "Data: UN DPO, March 2024" (not a byline's "Source: GNA | 07 June 2024 | 5 min read")
_SOURCE_LINE = re.compile(r"[^\w\n]*(?:figures|data|statistics|sources?)\s*:\s*(?=\S)", re.IGNORECASE)
_LINE_END = re.compile(r"[\s.)\]]*$")
_STAMPED = re.compile(r"\b(?:updated|published|posted|accessed|retrieved|released|modified)\b[^.;]*$", re.IGNORECASE)


def _source_line_note(text: str, body: list[Sentence], sentence: Sentence) -> Optional[DataNote]:
    """A source line ending with its data's date dates the head counts before it in the block."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    if text[line_start : sentence.start].strip() or sentence.start == body[0].start:
        return None
    m = _SOURCE_LINE.match(text, sentence.start)
    if m is None:
        return None
    line_end = text.find("\n", sentence.start)
    line_end = len(text) if line_end == -1 else line_end
    if "|" in text[sentence.start : line_end]:
        return None  # a byline's fields
    found = [d for d in find_dates(text, m.end(), line_end, base=None) if d.value is not None and d.value.year >= 1945]
    if not found or not _LINE_END.match(text[found[-1].end : line_end]):
        return None
    if _STAMPED.search(text, max(m.end(), found[-1].start - 24), found[-1].start):
        return None  # "Data: UN DPO. Updated 5 August 2024": when the page was updated, not the data's date
    date = found[-1].value
    assert date is not None
    return DataNote(body[0].start, line_start, date, head_counts_only=True)


def data_notes(text: str, body: list[Sentence]) -> list[DataNote]:
    """The notes of a block that date the figures before them (:class:`DataNote`). ``text`` is
    the document's own text (a reading text masks the stars of footnotes)."""
    notes = []
    for n, sentence in enumerate(body):
        source = _source_line_note(text, body, sentence)
        if source is not None:
            notes.append(source)
            continue
        m = _NOTE.match(text, sentence.start, sentence.end)
        if m is None:
            continue
        found = [d for d in find_dates(text, m.end() - 1, sentence.end, base=None) if d.value is not None and d.value.year >= 1945]
        if not found or found[0].start - m.end() > 4:
            continue
        date = found[0].value
        assert date is not None
        if m.group("star"):
            star = m.group("star")
            marks = tuple(i for i in range(body[0].start, sentence.start) if text.startswith(star, i) and not text.startswith("*", i + len(star)) and text[i - 1] != "*")
            notes.append(DataNote(body[0].start, sentence.start, date, marks))
            continue
        line_start = text.rfind("\n", 0, sentence.start) + 1
        if text[line_start : sentence.start].strip():
            notes.append(DataNote(line_start, sentence.start, date))  # "… These figures are as of …"
        elif n > 0:
            above = text.rfind("\n", 0, max(line_start - 1, 0)) + 1  # the line above it
            notes.append(DataNote(above, sentence.start, date))
    return notes
