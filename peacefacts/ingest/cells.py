"""Table cells: one line of a table flattened into text, cut into its cells, with offsets.

Pages flatten tables in many ways: Markdown pipes ("| 1 | Rwanda | 1,106 |"), tabs
("Rwanda⇥4,951⇥1,050⇥6,087"), columns aligned with spaces ("Bangladesh     6,097"), bullets
("- South Africa: 512"), numbered items ("1. Rwanda 5,918") and "label: figure" lines
("Ethiopia: 6,500", "Nepal – 5,800", "Ghana 2,644"). One splitter reads them all, so that ingest
(which keeps table rows in the article and out of the boilerplate) and the planner's table reader
(:mod:`peacefacts.nlp.tables`) see the same cells. Model-free and linear in the line. The
words (hedges, placeholders, "Total", column words) are data: :mod:`peacefacts.vocab.table_columns`.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from peacefacts import vocab
from peacefacts.vocab.table_columns import table_words

__all__ = ["Cell", "split_cells", "is_separator_row", "is_figure_cell", "is_table_header", "is_table_row", "is_total", "is_grand_total"]


class Cell(NamedTuple):
    """One cell as character offsets into the text; ``marker`` for a bullet or item number."""

    start: int
    end: int
    marker: bool = False


#: "|---|:--:|", "+-----+", "=====": a rule between a table's header and its rows
_SEPARATOR_ROW = re.compile(r"^[\s|:+=_–—-]*[-=_–—][\s|:+=_–—-]*$")
#: a bullet or an item number before the row: "- ", "• ", "* ", "1. ", "2) ", "#3 "
_MARKER = re.compile(r"(?:[-–—•·*▪►◦‣]|\d{1,3}[.)]|#\d{1,3})(?=\s)")
_PIPE = re.compile(r"\s*\|\s*")
_TABS = re.compile(r"\s*\t+\s*")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]{2,}")
_ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)|#\d{1,3})\b"


def _alternatives(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


class _Patterns(NamedTuple):
    figure_cell: re.Pattern[str]
    labelled: re.Pattern[str]
    value: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """The cell patterns, built from the table words on first use."""
    words = table_words()
    # a count as a table writes it: digits with separators, maybe hedged or footnoted ("about
    # 7,200", "5,918*", "1,63,887"); a placeholder ("–", "n/a") stands for an empty cell
    figure = rf"(?:(?:{_alternatives(words.hedges)})\s*)?\d[\d,.\u00a0\u202f]*\d?(?:\s*[*†‡]+|\s*\[\w{{1,3}}\])?"
    placeholder = _alternatives(words.placeholders)
    return _Patterns(
        figure_cell=re.compile(rf"^{figure}$", re.IGNORECASE),
        # "Ethiopia: 6,500", "Nepal – 5,800", "Ghana 2,644", "Rwanda 5,918 3rd": a label, then
        # figures (matched at a position: no "^")
        labelled=re.compile(
            rf"(?P<label>[^\d|\t:–—]{{2,60}}?)(?:\s*[:–—]\s*|\s+-\s+|\s+)"
            rf"(?P<values>(?:{_ORDINAL}|{figure})(?:\s+(?:{_ORDINAL}|{figure}|{placeholder}))*)$",
            re.IGNORECASE,
        ),
        value=re.compile(rf"{_ORDINAL}|{figure}|{placeholder}", re.IGNORECASE),
    )


def is_total(cell: str) -> bool:
    """Whether a row's key cell says the row sums the others ("Total", "Grand total:", "Total, 11
    missions", "Total (121 countries)")."""
    key = cell.strip().lower().rstrip(":*").strip()
    return key in table_words().total_rows or bool(_COUNTED_TOTAL.match(key))


#: a total row that says how many rows of what it sums ("Total, 11 missions", "Total (121 countries)")
_COUNTED_TOTAL = re.compile(
    r"^(?:grand\s+)?total\s*[,:(–—-]?\s*(?:of\s+)?\d+\s+(?:missions|operations|countries|contributors|tccs|pccs)\)?$"
)


def is_grand_total(cell: str) -> bool:
    """Whether a row's key cell says the row sums every contributor or operation ("All
    contributors"), not only the rows above it."""
    return cell.strip().lower().rstrip(":*").strip() in table_words().grand_total_rows


_DIGIT = re.compile(r"\d")
_RULE = re.compile(r"[|+]|[-=_–—]{3}")


def is_separator_row(line: str) -> bool:
    """Whether a line is a rule between rows ("|---|---|", "+----+", "=====").

    A lone "–" or "--" is an empty cell of a table written one cell per line, not a rule.

    >>> is_separator_row("|------|:-------:|"), is_separator_row("| 1 | Rwanda |"), is_separator_row("–")
    (True, False, False)
    """
    return bool(_SEPARATOR_ROW.match(line)) and bool(_RULE.search(line))


def is_figure_cell(cell: str) -> bool:
    """Whether a cell holds a count and nothing else ("1,106", "about 7,200", "5,918*")."""
    return bool(_patterns().figure_cell.match(cell.strip()))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


#: "Peacekeepers in 2023", "Fatalities since 1948": a label that ends in a function word runs on
#: into its number, which is no figure of the label's
_RUNS_ON = re.compile(r"\b(?:in|of|since|by|for|on|at|to|from|until|till|before|after|during|than|the|and|or)\s*$", re.IGNORECASE)


def _labelled(text: str, start: int, end: int) -> list[Cell]:
    """A "label: figure" cell cut into its label and its figures (or itself, if it is not one)."""
    patterns = _patterns()
    if patterns.figure_cell.match(text[start:end]):
        return [Cell(start, end)]  # "over 500": a hedged figure, not the label "over"
    match = patterns.labelled.match(text, start, end)
    if match is None or _RUNS_ON.search(match.group("label")):
        return [Cell(start, end)]
    label_start, label_end = _strip(text, match.start("label"), match.end("label"))
    cells = [Cell(label_start, label_end)]
    cells.extend(Cell(start + v.start(), start + v.end()) for v in patterns.value.finditer(text[start:end], match.start("values") - start))
    return cells


def split_cells(text: str, start: int = 0, end: int | None = None) -> list[Cell]:
    """The cells of the line ``text[start:end]``, as offsets into ``text``.

    A line is cut on pipes, else on tabs, else on runs of two or more spaces; a leading bullet or
    item number is a cell of its own (``marker``); a cell that is a label followed by figures
    ("South Africa: 512", "Ghana 2,644") is cut into the label and each figure. Empty cells
    between pipes are kept (zero-width), so columns stay aligned; a border pipe makes no cell.

    >>> line = "| 1 | Rwanda | 1,106 |"
    >>> [line[c.start:c.end] for c in split_cells(line)]
    ['1', 'Rwanda', '1,106']
    >>> line = "- South Africa: 512"
    >>> [(line[c.start:c.end], c.marker) for c in split_cells(line)]
    [('-', True), ('South Africa', False), ('512', False)]
    >>> line = "Rwanda\\t4,951\\t1,050"
    >>> [line[c.start:c.end] for c in split_cells(line)]
    ['Rwanda', '4,951', '1,050']
    """
    end = len(text) if end is None else end
    start, end = _strip(text, start, end)
    cells: list[Cell] = []
    marker = _MARKER.match(text, start, end)
    if marker is not None and _strip(text, marker.end(), end)[0] < end:  # a lone "–" is an empty cell
        cells.append(Cell(start, marker.end(), marker=True))
        start, end = _strip(text, marker.end(), end)
    if start >= end:
        return cells
    line = text[start:end]
    splitter = _PIPE if "|" in line else _TABS if "\t" in line else _SPACES
    pieces: list[tuple[int, int]] = []
    pos = start
    for sep in splitter.finditer(text, start, end):
        pieces.append((pos, sep.start()))
        pos = sep.end()
    pieces.append((pos, end))
    if splitter is _PIPE:
        # "| a | b |": the border pipes close no cell
        if pieces and pieces[0][0] == pieces[0][1]:
            pieces = pieces[1:]
        if pieces and pieces[-1][0] == pieces[-1][1]:
            pieces = pieces[:-1]
    elif not pieces:
        return cells
    for piece_start, piece_end in pieces:
        s, e = _strip(text, piece_start, piece_end)
        if s == e:
            cells.append(Cell(s, s))
            continue
        cells.extend(_labelled(text, s, e))
    return cells


def _names_subject(cell: str) -> bool:
    cell = cell.strip().rstrip("*†‡:").strip()
    if not cell or len(cell) > 60:
        return False
    return bool(vocab.country_for(cell, demonyms=False) or vocab.mission_for(cell) or is_total(cell))


def is_table_row(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a line is a row of a table: a country, mission or "Total" cell and a count cell.

    What ingest keeps as the article's figures ("| 1 | Rwanda | 1,106 |", "Rwanda⇥4,951") while
    a menu ("Home | World | Sport") or a contact line ("Tel: +250 … | Email: …") stays
    boilerplate.

    >>> is_table_row("| 1 | Rwanda | 1,106 |"), is_table_row("Home | World | Sport")
    (True, False)
    >>> is_table_row("Release ID: 2022145 | Visitor Counter : 3456")
    False
    """
    end = len(text) if end is None else end
    if end - start > 300 or not _DIGIT.search(text, start, end):
        return False  # most lines ingest asks about hold no figure at all
    cells = [text[c.start : c.end] for c in split_cells(text, start, end) if not c.marker and c.end > c.start]
    if len(cells) < 2:
        return False
    return any(is_figure_cell(c) for c in cells) and any(_names_subject(c) for c in cells)


def is_table_header(line: str) -> bool:
    """Whether a pipe or tab line can head a table's rows: a rule, or two or more cells of which
    one is a column word ("| Country | Police |"); a menu ("Home | World | Sport") cannot.

    >>> is_table_header("| Country | Police |"), is_table_header("|---|---|"), is_table_header("Home | World | Sport")
    (True, True, False)
    """
    if "|" not in line and "\t" not in line:
        return False
    if is_separator_row(line):
        return True
    cells = [line[c.start : c.end] for c in split_cells(line) if not c.marker and c.end > c.start]
    words = table_words()
    patterns = (words.key, words.ignore, *(c.pattern for c in words.categories), *(c.pattern for c in words.metrics))
    return len(cells) >= 2 and any(p.search(c) for c in cells for p in patterns)
