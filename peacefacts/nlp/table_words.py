"""What a table's words say: its column header, its heading and the key of each row.

The vocabulary of :mod:`peacefacts.nlp.tables`, read from ``resources/table_columns.toml``:

* :func:`read_column`: a header cell ("Staff officers & experts", "Global rank") is a key (the
  row's country or mission; a year), ignored (rank, share, change, money) or a count with its
  metric and category;
* :func:`read_header`: a line whose cells are column words, in any layout, single spaces
  included ("Rank Country Number of contributions Global rank");
* :func:`read_heading`: what the text above a table says of all of it (metric, category, scope,
  a selection, a series of years, a veto for budgets and populations);
* :func:`row_key`: the cell that names a row (a mission, a country, "Total", a year).
"""

from __future__ import annotations

import functools
import re
import sys
from importlib import resources
from typing import Any, NamedTuple, Optional, Pattern, Sequence

import attrs

from peacefacts import vocab
from peacefacts.ingest.cells import TOTAL_WORDS, Cell
from peacefacts.nlp.segment import Sentence
from peacefacts.nlp.story import country_mentions
from peacefacts.records import Category, Metric, PartialDate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "Column",
    "ColumnWords",
    "Header",
    "Heading",
    "SPECIFIC_CATEGORIES",
    "column_words",
    "read_column",
    "read_header",
    "read_heading",
    "semantic_heading",
    "row_key",
    "SERIES",
]

_SINCE = re.compile(r"\bsince\s+((?:19|20)\d\d)\b", re.IGNORECASE)

#: categories narrower than "personnel": a column of one is a part of the row's total
SPECIFIC_CATEGORIES = (Category.WOMEN, Category.MILITARY_OBSERVERS, Category.POLICE, Category.TROOPS)

# --------------------------------------------------------------------------------------------
# the column vocabulary (data)


def _phrase_pattern(phrases: Sequence[str]) -> Pattern[str]:
    """One pattern for a list of phrases, each matched whole ("%" and "us$" too), longest first."""
    if not phrases:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w$%])(?:{alternatives})(?![\w$%])", re.IGNORECASE)


@attrs.frozen
class _Class:
    name: str
    pattern: Pattern[str]
    metric: Optional[Metric] = None
    category: Optional[Category] = None
    headings: bool = True


@attrs.frozen
class ColumnWords:
    """The words of table headers and headings, read from ``resources/table_columns.toml``."""

    ignore: Pattern[str]
    key: Pattern[str]
    year: Pattern[str]
    row_number: frozenset[str]
    metrics: tuple[_Class, ...]
    categories: tuple[_Class, ...]
    not_counted: Pattern[str]
    selection: Pattern[str]
    #: every phrase of a column word, for header lines written with single spaces
    phrases: frozenset[str]


@functools.lru_cache(maxsize=1)
def column_words() -> ColumnWords:
    """The table vocabulary (read once per process)."""
    data: dict[str, Any] = tomllib.loads(
        resources.files("peacefacts.resources").joinpath("table_columns.toml").read_text(encoding="utf-8")
    )
    roles = data["roles"]
    metrics = tuple(
        _Class(c["name"], _phrase_pattern(c["phrases"]), metric=Metric(c["metric"]), headings=c.get("headings", True))
        for c in data["metric"]
    )
    categories = tuple(
        _Class(c["name"], _phrase_pattern(c["phrases"]), category=Category(c["category"]) if "category" in c else None)
        for c in data["category"]
    )
    phrases = {p.lower() for name in ("ignore", "key", "year") for p in roles[name]}
    phrases |= {p.lower() for group in ("metric", "category") for c in data[group] for p in c["phrases"]}
    return ColumnWords(
        ignore=_phrase_pattern(roles["ignore"]),
        key=_phrase_pattern(roles["key"]),
        year=_phrase_pattern(roles["year"]),
        row_number=frozenset(p.lower() for p in roles["row_number"]),
        metrics=metrics,
        categories=categories,
        not_counted=_phrase_pattern(data["not_counted"]["phrases"]),
        selection=_phrase_pattern(data["selection"]["phrases"]),
        phrases=frozenset(phrases),
    )


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
    """
    low = " ".join(cell.lower().split())
    if not low:
        return None
    words = column_words()
    if low in words.row_number or words.ignore.search(low):
        return Column("ignore")
    if words.key.search(low):
        return Column("key")
    if words.year.search(low):
        return Column("year")
    metric = next((c.metric for c in words.metrics if c.pattern.search(low)), None)
    category_class = next((c for c in words.categories if c.pattern.search(low)), None)
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
_CONNECTORS = frozenset({"of", "&", "and", "/", "in", "on", "to", "per", "for", "the", "+"})
_HEADER_WORD = re.compile(r"[\w$%#&/+'’.-]+")


def _segment(line: str) -> Optional[list[str]]:
    """A header line written with single spaces ("Rank Country Number of contributions Global
    rank") cut into its column names, or ``None`` when its words are not column words."""
    words = [w.strip(".,:;") or w for w in _HEADER_WORD.findall(line.lower())]
    phrases = column_words().phrases
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
        joined = words[i + step - 1] in _CONNECTORS
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


SERIES = re.compile(r"\b(?:by|per|each|every|a)\s+year\b|\bannual(?:ly)?\b|\byearly\b|\byear[- ]by[- ]year\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
_TOP_N = re.compile(r"\btop[- ]?\d+\b|\b\d+\s+(?:largest|biggest|leading|top)\b", re.IGNORECASE)


def _categories_in(low: str) -> set[Category]:
    """The narrow categories a heading names, each phrase once: "military observers" is
    observers, and its "military" no longer names troops."""
    taken: list[tuple[int, int]] = []
    found: set[Category] = set()
    for c in column_words().categories:
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
    words = column_words()
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
        series=bool(SERIES.search(low)),
        since=PartialDate(int(since.group(1))) if since else None,
        year=int(next(iter(years))) if len(years) == 1 and not month else None,
    )


def semantic_heading(text: str, headings: Sequence[Sentence]) -> Optional[Heading]:
    """The heading that says what the table counts: the latest heading-like line above it that
    holds a column or veto word ("Data as of …" lines only date it), else the latest one."""
    words = column_words()
    latest: Optional[Heading] = None
    for h in reversed(headings):
        line = text[h.start : h.end].strip()
        if len(line) > 120 and not line.endswith(":"):
            continue  # prose: it dates the table at most
        low = line.lower()
        heading = read_heading(line)
        if latest is None:
            latest = heading
        if (
            not heading.counted
            or any(c.pattern.search(low) for c in words.metrics if c.headings)
            or any(c.pattern.search(low) for c in words.categories)
            or words.key.search(low)
        ):
            return heading
    return latest


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
    if cell.lower().rstrip(":*") in TOTAL_WORDS:
        return "total", None
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
