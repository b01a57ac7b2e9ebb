"""Tables flattened into text: one reader for every layout, model-free.

A table reaches peacefacts as lines: Markdown pipes, tabs, columns aligned with spaces, bullets
("- South Africa: 512"), numbered items, "Country: figure" lines, or one cell per line ("Rwanda"
/ "5,918" / "3rd"). :func:`peacefacts.ingest.cells.split_cells` cuts every line into cells; this
module and :mod:`peacefacts.nlp.table_words` (what the words of headers and headings say)
read the cells:

* a **column header** is a line whose cells are column words ("Rank | Country | Police
  officers", "Country⇥Troops⇥Police⇥Staff officers & experts⇥Total", "Rank Country Troops");
  each column is a key (country or mission; a year), ignored (rank, share, change, money) or a
  count with its metric and category (:func:`~peacefacts.nlp.table_words.read_column`; the words are data in
  ``resources/table_columns.toml``);
* a **heading** is the text above the table ("Women peacekeepers by country (June 2024)"): it
  says what a column that does not say it counts, the table's scope (a heading that names one
  mission makes the rows that mission's contingents, and its "Total" the mission's), and its
  date (read by the planner);
* a **row** is a key cell (a country, a mission, "Total", or a year in a series) and the value
  cells after it, aligned with the header's columns after its key column; a row written one
  cell per line is gathered until it has as many cells as the header has columns after the key
  (without a header: until its first count).

Each count cell of a row becomes one :class:`TableCell` (one fact, built by
:func:`peacefacts.nlp.facts.facts_from_table_row`): a "Total" column is the row's total
(category ``personnel``) and the category columns its parts, as the breakdown convention has it
for prose. Without a column header a row must have a single count (a rank after or before it is
no count); with neither header nor heading nobody says what the figures count, and the row gives
nothing.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional, Pattern, Sequence

import attrs

from peacefacts.ingest.cells import Cell, is_separator_row, split_cells
from peacefacts.nlp.numbers import FigureMatch, find_figures
from peacefacts.nlp.segment import Sentence
from peacefacts.nlp.table_words import (
    SERIES,
    Column,
    Header,
    Heading,
    read_header,
    row_key,
    semantic_heading,
)
from peacefacts.records import Category, Metric, PartialDate

__all__ = ["TableCell", "TableRow", "read_tables"]

_COUNT_KINDS = frozenset({"cardinal", "range"})
_NO_CATEGORY = frozenset({Metric.MISSIONS_CURRENT, Metric.MISSIONS_SERVED_TOTAL, Metric.COUNTRIES_SERVED_TOTAL})
_TOLLS = frozenset({Metric.FATALITIES_TOTAL, Metric.INJURIES_TOTAL})


# --------------------------------------------------------------------------------------------
# rows


@attrs.frozen(kw_only=True)
class TableCell:
    """One count of a table row: its figure, what it counts, and the column that says so."""

    figure: FigureMatch
    metric: Metric
    category: Optional[Category]
    #: the column class that gave the category ("troops", "total") or "heading"
    column: str
    #: the start of the column's period ("Fatalities since 1948")
    since: Optional[PartialDate] = None


@attrs.frozen(kw_only=True)
class TableRow:
    """A row of a table: whose figures (``None``: the story's own, for a series of years with
    no subject named), its counts, its lines, and the headings above its table (latest last)."""

    subject: Optional[str]
    cells: tuple[TableCell, ...]
    line: Sentence
    headings: tuple[Sentence, ...] = ()
    #: the row's year, in a series ("2019 | 3")
    year: Optional[int] = None
    since: Optional[PartialDate] = None


_TRAILER = re.compile(r"[\s*†‡]*(?:\[\w{1,3}\]|\(\w{1,5}\.?\))?[\s*†‡]*$")
#: an empty cell, or a change ("+45", "▼12", "-3%"): a value that counts nothing
_PLACEHOLDER = re.compile(r"^(?:[–—-]+|n/?a|nil|none|\.\.\.|…|[+−–-]\s*\d[\d,.]*\s*%?|[▲▼↑↓]\s*\d[\d,.]*\s*%?)?$", re.IGNORECASE)


def _value_of(text: str, cell: Cell) -> tuple[bool, Optional[FigureMatch]]:
    """(whether the cell is a value, its count): "1,106" is a count; "3rd", "12%", "–", an
    empty cell are values that count nothing; "Rwanda" or a phrase is not a value."""
    raw = text[cell.start : cell.end]
    if _PLACEHOLDER.match(raw.strip()):
        return True, None
    figures = find_figures(text, cell.start, cell.end)
    if len(figures) != 1 or figures[0].start != cell.start or not _TRAILER.match(text, figures[0].end, cell.end):
        return False, None
    fm = figures[0]
    return True, (fm if fm.kind in _COUNT_KINDS else None)


@attrs.frozen
class _Table:
    """What is known of the table a row belongs to."""

    header: Optional[Header]
    headings: tuple[Sentence, ...]
    heading: Optional[Heading]


def _cells_of(table: _Table, values: Sequence[tuple[Optional[Column], FigureMatch]]) -> list[TableCell]:
    heading = table.heading or Heading()
    parts = table.header is not None and table.header.has_parts
    out = []
    for column, fm in values:
        if fm.figure.value <= 0:
            continue
        metric = (column.metric if column is not None else None) or heading.metric or Metric.PERSONNEL_DEPLOYED
        name = column.name if column is not None and column.name else "heading"
        category: Optional[Category]
        if column is not None and column.is_total:
            category = Category.PERSONNEL if parts else heading.category
        elif column is not None and column.category is not None and column.name != "personnel":
            category = column.category
        else:
            category = heading.category
        if metric in _NO_CATEGORY:
            category = None
        elif metric is Metric.PERSONNEL_DEPLOYED and category is Category.WOMEN:
            metric = Metric.WOMEN_DEPLOYED
        since = column.since if column is not None else None
        out.append(TableCell(figure=fm, metric=metric, category=category, column=name, since=since))
    return out


def _row(
    table: _Table, key: tuple[str, Optional[str]], values: Sequence[tuple[Optional[Column], FigureMatch]], line: Sentence
) -> Optional[TableRow]:
    """The row's facts-to-be, or ``None`` when its table says they are not facts."""
    heading = table.heading or Heading()
    if not heading.counted or (table.header is None and table.heading is None):
        return None
    kind, name = key
    subject: Optional[str]
    if kind == "country":
        if heading.mission is not None:
            return None  # one contingent in one mission: neutral
        subject = name
    elif kind == "mission":
        if heading.country is not None:
            return None  # a country's contingent in one mission: neutral
        subject = name
    elif kind == "total":
        subject = heading.mission or heading.country or (None if heading.selection else "UN")
        if subject is None:
            return None  # the sum of a selection ("top 10")
    else:
        subject = heading.mission or heading.country
    cells = _cells_of(table, values)
    if not cells:
        return None
    year = int(name) if kind == "year" and name else None
    since = heading.since
    if year is not None and any(c.metric in _TOLLS for c in cells):
        since = PartialDate(year)  # deaths within one year: since = as_of = the year
    elif year is None and heading.year is not None and all(c.metric in _TOLLS for c in cells):
        year = heading.year  # "Peacekeepers killed in 2023, by nationality"
        since = PartialDate(heading.year)
    return TableRow(subject=subject, cells=tuple(cells), line=line, headings=table.headings, year=year, since=since)


def _aligned(
    text: str, header: Optional[Header], values: Sequence[Cell]
) -> Optional[list[tuple[Optional[Column], FigureMatch]]]:
    """The counts of a row's value cells with their columns; ``None`` when a cell is no value
    (the line is not a row) or, without a header, when the row has more than one count."""
    read = [_value_of(text, c) for c in values]
    if not all(is_value for is_value, _ in read):
        return None
    counts = [(i, fm) for i, (_, fm) in enumerate(read) if fm is not None]
    if header is None:
        if len(counts) > 1:
            return []  # several counts and no header to say what each is
        return [(None, fm) for _, fm in counts]
    columns = header.after_key
    return [(columns[i], fm) for i, fm in counts if i < len(columns) and columns[i] is not None and columns[i].role == "count"]  # type: ignore[union-attr]


class _Pending(NamedTuple):
    key: tuple[str, Optional[str]]
    table: _Table
    lines: list[Sentence]
    values: list[Cell]


def read_tables(
    text: str, lines: Sequence[Sentence], keywords: Pattern[str]
) -> tuple[list[TableRow], set[Sentence]]:
    """The rows of every table in ``lines`` (a block's lines, its headline first) and the lines
    that belong to tables (rows, headers and rules), which the sentence rules then skip.

    Args:
        text: the document text.
        lines: the block's lines as offsets.
        keywords: what makes a line a heading (the planner's domain words).
    """
    rows: list[TableRow] = []
    used: set[Sentence] = set()
    headings: list[Sentence] = []
    header: Optional[Header] = None
    header_rows = 0
    pending: Optional[_Pending] = None
    heading_cache: dict[tuple[Sentence, ...], Optional[Heading]] = {}

    def table() -> _Table:
        key = tuple(headings)
        if key not in heading_cache:
            heading_cache[key] = semantic_heading(text, key) if key else None
        return _Table(header, key, heading_cache[key])

    def emit(key: tuple[str, Optional[str]], tbl: _Table, values: Sequence[Cell], span: Sentence) -> bool:
        aligned = _aligned(text, tbl.header, values)
        if aligned is None:
            return False
        row = _row(tbl, key, aligned, span)
        if row is not None:
            rows.append(row)
        return True

    def flush() -> None:
        nonlocal pending, header_rows
        if pending is not None:
            span = Sentence(pending.lines[0].start, pending.lines[-1].end)
            if emit(pending.key, pending.table, pending.values, span):
                used.update(pending.lines)
                header_rows += 1
            pending = None

    for line in lines:
        raw = text[line.start : line.end]
        if is_separator_row(raw):
            if header is not None or pending is not None:
                used.add(line)
            continue
        cells = split_cells(text, line.start, line.end)
        content = [c for c in cells if not c.marker]
        found = read_header(text, line, cells) if content else None
        if found is not None:
            flush()
            header, header_rows = found, 0
            used.add(line)
            continue
        years = (header is not None and 0 <= header.key < len(header.columns) and header.columns[header.key] == Column("year")) or (
            bool(headings) and bool(SERIES.search(text[headings[-1].start : headings[-1].end]))
        )
        keys = [(i, row_key(text[c.start : c.end], years)) for i, c in enumerate(content)]
        key_at = next(((i, k) for i, k in keys if k is not None), None)
        if key_at is not None and key_at[0] + 1 < len(content):
            flush()
            i, key = key_at
            if emit(key, table(), content[i + 1 :], line):
                used.add(line)
                header_rows += 1
                continue
        elif key_at is not None and len(content) == 1:
            flush()
            pending = _Pending(key_at[1], table(), [line], [])
            continue
        elif len(content) == 1 and _value_of(text, content[0])[0]:
            if pending is not None:
                pending.values.append(content[0])
                pending.lines.append(line)
                need = len(pending.table.header.after_key) if pending.table.header is not None else None
                got = sum(1 for c in pending.values if _value_of(text, c)[1] is not None)
                if (need is not None and len(pending.values) >= need) or (need is None and got):
                    flush()
            continue  # a rank line ("2.") before the next row
        flush()
        if keywords.search(raw):
            if header_rows:
                header, header_rows = None, 0  # a new heading after rows: a new table
            headings.append(line)
        elif len(raw) > 80:
            header, header_rows, headings = None, 0, []  # prose ends a table
    flush()
    return rows, used
