"""Tables flattened into text: one reader for every layout, model-free.

A table reaches peacefacts as lines: Markdown pipes, tabs, columns aligned with spaces, bullets
("- South Africa: 512"), numbered items, "Country: figure" lines, or one cell per line ("Rwanda"
/ "5,918" / "3rd"). :func:`peacefacts.ingest.cells.split_cells` cuts every line into cells; this
module reads them, with the words of ``resources/table_columns.toml``
(:mod:`peacefacts.vocab.table_columns`):

* a **column header** is a line whose cells are column words ("Rank | Country | Police
  officers", "Country⇥Troops⇥Police⇥Staff officers & experts⇥Total", "Rank Country Troops");
  each column is a key (country or mission; a year), ignored (rank, share, change, money) or a
  count with its metric and category (:func:`read_column`);
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

Why one module over 600 lines: the header, heading and row-key readers and the row reader are
one grammar of tables, each decision reading the others (a line is a header only if no cell is a
row key; a "Total" row's owner is the heading's scope; a year cell is a key only under a series
heading or a year column). The words they read are data (``resources/table_columns.toml``), and
cutting lines into cells is ingest's (:mod:`peacefacts.ingest.cells`).
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional, Pattern, Sequence

import attrs

from peacefacts import vocab
from peacefacts.ingest.cells import Cell, is_grand_total, is_separator_row, is_total, split_cells
from peacefacts.nlp.numbers import FigureMatch, find_figures
from peacefacts.nlp.segment import Sentence
from peacefacts.nlp.story import country_mentions
from peacefacts.records import Category, Metric, PartialDate
from peacefacts.vocab.table_columns import table_words

__all__ = [
    "Column",
    "Header",
    "Heading",
    "TableCell",
    "TableRow",
    "read_column",
    "read_header",
    "read_heading",
    "read_tables",
    "row_key",
    "semantic_heading",
]

_SINCE = re.compile(r"\bsince\s+((?:19|20)\d\d)\b", re.IGNORECASE)

#: categories narrower than "personnel": a column of one is a part of the row's total
SPECIFIC_CATEGORIES = (Category.WOMEN, Category.MILITARY_OBSERVERS, Category.POLICE, Category.TROOPS)


# --------------------------------------------------------------------------------------------
# columns and headers


@attrs.frozen
class Column:
    """What one column of a table holds.

    ``role`` is ``key`` (the row's country or mission), ``year`` (the row's year), ``ignore``
    (rank, share, change, money) or ``count``; a count column has the metric and category its
    words give (``None``: the heading's), ``name``, the class that gave the category, and the
    start of its period ("Fatalities since 1948").
    """

    role: str
    metric: Optional[Metric] = None
    category: Optional[Category] = None
    name: str = ""
    since: Optional[PartialDate] = None

    @property
    def is_total(self) -> bool:
        return self.name == "total"


def read_column(cell: str) -> Optional[Column]:
    """What a header cell says its column holds, or ``None`` when it names nothing known.

    >>> experts = read_column("Staff officers & experts")
    >>> experts.role, experts.category.value, read_column("Global rank").role
    ('count', 'military_observers', 'ignore')
    >>> read_column("Country").role, read_column("Fatalities").metric.value
    ('key', 'fatalities_total')

    A rank, share or money word makes any cell ignored; between a key (or year) word and a count
    word, the longer phrase says what the column is: "Experts on mission" counts experts,
    "Troop-contributing country" names the row.

    >>> read_column("Experts on mission").category.value, read_column("Troop contributing country").role
    ('military_observers', 'key')
    """
    low = " ".join(cell.lower().split())
    if not low:
        return None
    words = table_words()
    if low in words.row_number or words.ignore.search(low):
        return Column("ignore")
    metric_match = [(c, m) for c in words.metrics if (m := c.pattern.search(low))]
    category_match = [(c, m) for c in words.categories if (m := c.pattern.search(low))]
    counted = max((len(m.group()) for _, m in metric_match + category_match), default=0)
    for role, pattern in (("key", words.key), ("year", words.year)):
        found = pattern.search(low)
        if found is not None and len(found.group()) >= counted:
            return Column(role)
    metric = metric_match[0][0].metric if metric_match else None
    category_class = category_match[0][0] if category_match else None
    if metric is None and category_class is None:
        return None
    category = category_class.category if category_class is not None else None
    since = _SINCE.search(low)
    return Column(
        "count",
        metric=metric,
        category=category,
        name=category_class.name if category_class else "",
        since=PartialDate(int(since.group(1))) if since else None,
    )


class Header(NamedTuple):
    """A table's column header: its columns and where its key column is (-1: none written)."""

    columns: tuple[Optional[Column], ...]
    key: int
    line: Sentence

    @property
    def after_key(self) -> tuple[Optional[Column], ...]:
        return self.columns[self.key + 1 :]

    @property
    def has_parts(self) -> bool:
        """Whether some column counts one category: a "Total" column is then the whole."""
        return any(c is not None and c.role == "count" and c.category in SPECIFIC_CATEGORIES for c in self.columns)


_NOT_YEAR_DIGITS = re.compile(r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d")
_HEADER_WORD = re.compile(r"[\w$%#&/+'’.-]+")


def _segment(line: str) -> Optional[list[str]]:
    """A header line written with single spaces ("Rank Country Number of contributions Global
    rank") cut into its column names, or ``None`` when its words are not column words."""
    words = [w.strip(".,:;") or w for w in _HEADER_WORD.findall(line.lower())]
    phrases = table_words().phrases
    segments: list[str] = []
    joined = False  # the last segment ends in a connector: the next word continues it
    i = 0
    while i < len(words):
        found = next((n for n in range(min(4, len(words) - i), 0, -1) if " ".join(words[i : i + n]) in phrases), 0)
        if found and not joined:
            segments.append(" ".join(words[i : i + found]))
            i += found
            continue
        if not segments:
            return None
        step = max(found, 1)
        segments[-1] += " " + " ".join(words[i : i + step])
        joined = words[i + step - 1] in table_words().connectors
        i += step
    return segments


def read_header(text: str, line: Sentence, cells: Sequence[Cell]) -> Optional[Header]:
    """The column header a line is, if it is one.

    A header has at least two cells, no figure and no country among them; at least one count
    column; and its known cells are at least half of its cells. A line written with single
    spaces is one when its words cut into column names and it starts with a key or a rank.
    """
    content = [c for c in cells if not c.marker]
    names: list[str]
    if len(content) >= 2:
        names = [text[c.start : c.end] for c in content]
    elif len(content) == 1 and line.end - line.start <= 80:
        raw = text[line.start : line.end].strip()
        if re.search(r"\d", raw) or raw.endswith((".", ":", "!", "?")):
            return None
        segments = _segment(raw)
        if segments is None or len(segments) < 2:
            return None
        first = read_column(segments[0])
        if first is None or first.role not in {"key", "ignore"}:
            return None  # "Police contributors" is a heading, not a header
        names = segments
    else:
        return None
    if any(len(n) > 40 or _NOT_YEAR_DIGITS.search(n) or (n.strip() and not re.search(r"[^\W\d_]", n)) for n in names):
        return None  # a figure (a row) or prose
    if any((row_key(n) or ("", None))[0] in {"country", "mission"} for n in names if n.strip()):
        return None  # a country or mission: a row (or a table turned on its side)
    columns = tuple(read_column(n) for n in names)
    known = [c for c in columns if c is not None]
    if not any(c.role == "count" for c in known) or 2 * len(known) < len([n for n in names if n.strip()]):
        return None
    key = next((i for i, c in enumerate(columns) if c is not None and c.role in {"key", "year"}), -1)
    return Header(columns, key, line)


# --------------------------------------------------------------------------------------------
# headings


@attrs.frozen
class Heading:
    """What the text above a table says about all of it."""

    metric: Optional[Metric] = None
    category: Category = Category.PERSONNEL
    #: False for a table of budgets, populations or shares: it gives nothing
    counted: bool = True
    #: the one country or mission the heading names: the table's scope
    country: Optional[str] = None
    mission: Optional[str] = None
    #: a selection of countries ("top 10", "African"): its "Total" is not the UN's
    selection: bool = False
    #: the rows are years ("by year", "annual")
    series: bool = False
    since: Optional[PartialDate] = None
    #: the one year a heading about deaths names ("Peacekeepers killed in 2023")
    year: Optional[int] = None


_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
_TOP_N = re.compile(r"\btop[- ]?\d+\b|\b\d+\s+(?:largest|biggest|leading|top)\b", re.IGNORECASE)


def _categories_in(low: str) -> set[Category]:
    """The narrow categories a heading names, each phrase once: "military observers" is
    observers, and its "military" no longer names troops."""
    taken: list[tuple[int, int]] = []
    found: set[Category] = set()
    for c in table_words().categories:
        if c.category not in SPECIFIC_CATEGORIES:
            continue
        for m in c.pattern.finditer(low):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append(m.span())
                found.add(c.category)
    return found


def read_heading(text: str) -> Heading:
    """What a heading says about its table.

    >>> h = read_heading("Women peacekeepers by country (June 2024)")
    >>> (h.category.value, h.metric, h.counted)
    ('women', None, True)
    >>> read_heading("Peacekeeping budget by mission (USD)").counted
    False
    """
    low = text.lower()
    words = table_words()
    metric = next((c.metric for c in words.metrics if c.headings and c.pattern.search(low)), None)
    found = _categories_in(low)
    if Category.WOMEN in found:
        category = Category.WOMEN
    elif len(found) == 1:
        category = next(iter(found))
    else:
        category = Category.PERSONNEL
    countries = {m[3] for m in country_mentions(text)}
    missions = {m.acronym for m in vocab.mission_mentions(text)}
    since = _SINCE.search(text)
    years = set(_YEAR.findall(text)) - ({since.group(1)} if since else set())
    month = any(w.lower().strip(".,()") in vocab.MONTHS for w in text.split())
    return Heading(
        metric=metric,
        category=category,
        counted=words.not_counted.search(low) is None,
        country=next(iter(countries)) if len(countries) == 1 else None,
        mission=next(iter(missions)) if len(missions) == 1 else None,
        selection=bool(words.selection.search(low) or _TOP_N.search(low)),
        series=bool(words.series.search(low)),
        since=PartialDate(int(since.group(1))) if since else None,
        year=int(next(iter(years))) if len(years) == 1 and not month else None,
    )


def semantic_heading(text: str, headings: Sequence[Sentence]) -> Optional[Heading]:
    """The heading that says what the table counts: the latest heading-like line above it that
    holds a column or veto word ("Data as of …" lines only date it), else the latest one."""
    words = table_words()
    latest: Optional[Heading] = None
    chosen: Optional[Heading] = None
    owners: list[Heading] = []  # headings that name one country or mission
    past_prose = False
    for h in reversed(headings):
        line = text[h.start : h.end].strip()
        if len(line) > 120 and not line.endswith(":"):
            past_prose = True  # (a headline above the story's paragraphs owns no table below them)
            continue  # prose: it dates the table at most
        low = line.lower()
        heading = read_heading(line)
        if (heading.country or heading.mission) and not past_prose and len({m[3] for m in country_mentions(line)}) <= 1:
            # (not a headline about several contributors that names a mission in passing: "Peru,
            # El Salvador and Guatemala lead the Latin American contribution after the end of MINUSMA")
            owners.append(heading)
        if latest is None:
            latest = heading
        if chosen is None and (
            not heading.counted
            or any(c.pattern.search(low) for c in words.metrics if c.headings)
            or any(c.pattern.search(low) for c in words.categories)
            or words.key.search(low)
        ):
            chosen = heading
    chosen = chosen or latest
    if chosen is not None and not (chosen.country or chosen.mission) and owners:
        # "FACT BOX - SENEGAL IN UN PEACEKEEPING" / "(UN figures at 30 September 2016)": the box's
        # owner is named on the nearest heading line above the one that says what it counts
        chosen = attrs.evolve(chosen, country=owners[0].country, mission=owners[0].mission)
    return chosen


_KEY_REST = re.compile(r"\s*(?:\([^)]*\)|\[[^\]]*\]|[*†‡,.:])*\s*$")
_YEAR_CELL = re.compile(r"^(?:19[4-9]\d|20\d\d)$")


def row_key(cell: str, years: bool = False) -> Optional[tuple[str, Optional[str]]]:
    """(kind, name) of a row's key cell: a mission, a country, "total", or a year in a series
    (``years``: only when the table is one).

    >>> row_key("Rwanda"), row_key("MONUSCO (DR Congo)"), row_key("Total"), row_key("2019", years=True)
    (('country', 'Rwanda'), ('mission', 'MONUSCO'), ('total', None), ('year', '2019'))
    """
    cell = cell.strip()
    if not cell or len(cell) > 60:
        return None
    if is_total(cell):
        return "total", "all" if is_grand_total(cell) else None
    if _YEAR_CELL.match(cell):
        return ("year", cell) if years else None
    if not cell[0].isalpha():
        return None
    for mention in vocab.mission_mentions(cell):
        if mention.start == 0 and _KEY_REST.match(cell, mention.end):
            return "mission", mention.acronym
        break
    mentions = country_mentions(cell)
    if mentions and mentions[0][0] == 0 and _KEY_REST.match(cell, mentions[0][1]):
        return "country", mentions[0][3]
    return None


_COUNT_KINDS = frozenset({"cardinal", "range"})


def _toll(metric: Metric) -> bool:
    """A running total of deaths or injuries: in a series of years, each row is one year's."""
    return metric.is_casualty and metric.is_cumulative


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
        if metric.info.counts != "personnel":  # missions, countries
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
        subject = heading.mission or heading.country or (None if heading.selection and name != "all" else "UN")
        if subject is None:
            return None  # the sum of a selection ("top 10"), unless it says it sums all ("All contributors")
    else:
        subject = heading.mission or heading.country
    cells = _cells_of(table, values)
    if not cells:
        return None
    year = int(name) if kind == "year" and name else None
    since = heading.since
    if year is not None and any(_toll(c.metric) for c in cells):
        since = PartialDate(year)  # deaths within one year: since = as_of = the year
    elif year is None and heading.year is not None and all(_toll(c.metric) for c in cells):
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


#: longer lines are prose, unless cut by pipes or tabs (as ingest's row check)
_LONGEST_ROW = 300
#: a value cell on a line of its own ("5,918", "about 7,200", "3rd") is short
_LONGEST_VALUE = 40


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
    header: Optional[Header] = None
    header_rows = 0
    pending: Optional[_Pending] = None
    heading_cache: dict[tuple[Sentence, ...], Optional[Heading]] = {}
    # Headings are found lazily: most lines of an article are prose and never sit above a table,
    # and the domain-word search is the costly part of a line. ``above`` holds every line that is
    # no row, header or rule; the headings in effect are its domain-word lines after the last
    # prose line (a long line without domain words), which ends a table.
    above: list[Sentence] = []
    is_heading: dict[Sentence, bool] = {}
    in_effect: tuple[int, tuple[Sentence, ...]] = (-1, ())

    def heading(line: Sentence) -> bool:
        if line not in is_heading:
            is_heading[line] = keywords.search(text, line.start, line.end) is not None
        return is_heading[line]

    def headings() -> tuple[Sentence, ...]:
        nonlocal in_effect
        if in_effect[0] != len(above):
            found: list[Sentence] = []
            for line in reversed(above):
                if heading(line):
                    found.append(line)
                elif line.end - line.start > 80:
                    break  # prose ends a table
            in_effect = (len(above), tuple(reversed(found)))
        return in_effect[1]

    def table() -> _Table:
        key = headings()
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

    def read_line(line: Sentence) -> bool:
        """Whether the line belongs to a table (a header, a row, a value or rank of a row
        written one cell per line), read into the state."""
        nonlocal header, header_rows, pending
        cells = split_cells(text, line.start, line.end)
        content = [c for c in cells if not c.marker]
        found = read_header(text, line, cells) if content else None
        if found is not None:
            flush()
            header, header_rows = found, 0
            used.add(line)
            return True
        years = header is not None and 0 <= header.key < len(header.columns) and header.columns[header.key] == Column("year")
        if not years and any(_YEAR_CELL.match(text[c.start : c.end].strip()) for c in content):
            above_table = headings()
            years = bool(above_table) and bool(table_words().series.search(text, above_table[-1].start, above_table[-1].end))
        keys = [(i, row_key(text[c.start : c.end], years)) for i, c in enumerate(content)]
        key_at = next(((i, k) for i, k in keys if k is not None), None)
        if key_at is not None and key_at[0] + 1 < len(content):
            flush()
            i, key = key_at
            if emit(key, table(), content[i + 1 :], line):
                used.add(line)
                header_rows += 1
                return True
            return False
        if key_at is not None and len(content) == 1:
            flush()
            pending = _Pending(key_at[1], table(), [line], [])
            return True
        if len(content) == 1 and content[0].end - content[0].start <= _LONGEST_VALUE and _value_of(text, content[0])[0]:
            if pending is not None:
                pending.values.append(content[0])
                pending.lines.append(line)
                need = len(pending.table.header.after_key) if pending.table.header is not None else None
                got = sum(1 for c in pending.values if _value_of(text, c)[1] is not None)
                if (need is not None and len(pending.values) >= need) or (need is None and got):
                    flush()
            return True  # a rank line ("2.") before the next row
        return False

    for line in lines:
        raw = text[line.start : line.end]
        if len(raw) <= _LONGEST_ROW or "|" in raw or "\t" in raw:
            if is_separator_row(raw):
                if header is not None or pending is not None:
                    used.add(line)
                continue
            if read_line(line):
                continue
        flush()
        above.append(line)
        if header is not None:
            if heading(line):
                if header_rows:
                    header, header_rows = None, 0  # a new heading after rows: a new table
            elif len(raw) > 80:
                header, header_rows = None, 0  # prose ends a table
    flush()
    return rows, used
