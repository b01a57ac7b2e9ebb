"""The words of tables: what a header cell, a heading or a row's cells say (``resources/table_columns.toml``).

Read by ingest (:mod:`peacefacts.ingest.cells`: which cells are figures, placeholders or a
"Total") and by the table reader (:mod:`peacefacts.nlp.tables`: what each column counts). A new
column word is a phrase in the file, no code.

>>> words = table_words()
>>> bool(words.key.search("contributing country")), "grand total" in words.total_rows
(True, True)
>>> [c.name for c in words.categories if c.pattern.search("staff officers & experts")][:1]
['military_observers']
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Sequence
from importlib import resources
from re import Pattern
from typing import Any, Optional

import attrs

from peacefacts.records import Category, Metric

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["TableWords", "WordClass", "phrase_pattern", "table_words"]


def phrase_pattern(phrases: Sequence[str]) -> Pattern[str]:
    """One case-blind pattern for a list of phrases, each matched whole ("%" and "us$" too),
    longest first; any run of spaces matches a phrase's space.

    >>> bool(phrase_pattern(["staff officers"]).search("Staff  officers & experts"))
    True
    """
    if not phrases:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w$%])(?:{alternatives})(?![\w$%])", re.IGNORECASE)


@attrs.frozen
class WordClass:
    """A class of column words: its name, its phrases as one pattern, and what it counts."""

    name: str
    pattern: Pattern[str]
    metric: Optional[Metric] = None
    category: Optional[Category] = None
    #: whether a heading's use of the words says the same (a heading's "missions" says where)
    headings: bool = True


@attrs.frozen
class TableWords:
    """The table vocabulary, read once from ``resources/table_columns.toml``."""

    #: header cells that are never a head count (rank, share, change, money, population)
    ignore: Pattern[str]
    #: the header cell of the column that names a row (a country or a mission)
    key: Pattern[str]
    #: the header cell of a column of years (a time series)
    year: Pattern[str]
    #: header cells that are exactly a row number ("#", "No.")
    row_number: frozenset[str]
    #: metric classes, in order: the first a cell holds gives its metric
    metrics: tuple[WordClass, ...]
    #: category classes, in order: the first a cell holds gives its category
    categories: tuple[WordClass, ...]
    #: a heading holding one of these is about something other than head counts
    not_counted: Pattern[str]
    #: a heading holding one of these selects countries: its "Total" sums the selection
    selection: Pattern[str]
    #: a heading holding one of these makes the rows years ("by year", "annual")
    series: Pattern[str]
    #: words that join two words of one column name in a header written with single spaces
    connectors: frozenset[str]
    #: the key of a row that sums the others ("Total", "Grand total")
    total_rows: frozenset[str]
    #: the key of a total row over every contributor or operation ("All contributors")
    grand_total_rows: frozenset[str]
    #: hedges a figure cell may carry ("about 7,200", "c. 400")
    hedges: tuple[str, ...]
    #: what an empty cell holds ("–", "n/a")
    placeholders: tuple[str, ...]
    #: every phrase of a column word, for header lines written with single spaces
    phrases: frozenset[str]


@functools.lru_cache(maxsize=1)
def table_words() -> TableWords:
    """The table vocabulary (read once per process)."""
    data: dict[str, Any] = tomllib.loads(
        resources.files("peacefacts.resources").joinpath("table_columns.toml").read_text(encoding="utf-8")
    )
    roles = data["roles"]
    metrics = tuple(
        WordClass(c["name"], phrase_pattern(c["phrases"]), metric=Metric(c["metric"]), headings=c.get("headings", True))
        for c in data["metric"]
    )
    categories = tuple(
        WordClass(c["name"], phrase_pattern(c["phrases"]), category=Category(c["category"]) if "category" in c else None)
        for c in data["category"]
    )
    phrases = {p.lower() for name in ("ignore", "key", "year") for p in roles[name]}
    phrases |= {p.lower() for group in ("metric", "category") for c in data[group] for p in c["phrases"]}
    cells = data["cells"]
    return TableWords(
        ignore=phrase_pattern(roles["ignore"]),
        key=phrase_pattern(roles["key"]),
        year=phrase_pattern(roles["year"]),
        row_number=frozenset(p.lower() for p in roles["row_number"]),
        metrics=metrics,
        categories=categories,
        not_counted=phrase_pattern(data["not_counted"]["phrases"]),
        selection=phrase_pattern(data["selection"]["phrases"]),
        series=phrase_pattern(data["series"]["phrases"]),
        connectors=frozenset(p.lower() for p in data["header"]["connectors"]),
        total_rows=frozenset(p.lower() for p in cells["total_rows"]) | frozenset(p.lower() for p in cells["grand_total_rows"]),
        grand_total_rows=frozenset(p.lower() for p in cells["grand_total_rows"]),
        hedges=tuple(cells["hedges"]),
        placeholders=tuple(cells["placeholders"]),
        phrases=frozenset(phrases),
    )
