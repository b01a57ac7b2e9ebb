"""Metamorphic check of the table reader: a ranking is the same facts in any layout.

Every ranking or table row of ``fixtures/patterns/rankings.jsonl``, ``layout.jsonl`` and
``tables.jsonl`` (two or more countries, each with its own head count) is written again as a
table: a heading that says what is counted (and as of when, where the row's facts say), a column
header, and one row per country, as a Markdown pipe table, a tab-separated table, columns aligned
with spaces, one cell per line, and a bulleted list; and again with its rows shuffled under a
rank column (1, 2, 3 … in the new order). Each rendering must give the row's facts: the same
(subject, metric, value) set, and the category and date wherever the row gives them. Reads only
``fixtures/``.
"""

from __future__ import annotations

import json
import random

import pytest

from conftest import FIXTURES
from peacefacts import vocab

SOURCES = ("rankings.jsonl", "layout.jsonl", "tables.jsonl")
HEAD_COUNTS = {"personnel_deployed", "women_deployed"}
COLUMN_WORDS = {
    "troops": "Troops",
    "police": "Police",
    "military_observers": "Military observers",
    "women": "Women",
    "personnel": "Personnel",
}
HEADING_WORDS = {
    "troops": "Troops",
    "police": "Police officers",
    "military_observers": "Military observers",
    "women": "Women peacekeepers",
    "personnel": "Uniformed personnel",
}
HEDGES = {"exact": "", "approx": "about ", "at_least": "over ", "at_most": "up to "}
MONTHS = "January February March April May June July August September October November December".split()


def _ranking_rows():
    for name in SOURCES:
        for n, line in enumerate((FIXTURES / "patterns" / name).read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line) if line.strip() else None
            if row is None or row.get("xfail") or not row["facts"] or row.get("neutral"):
                continue  # a row with neutral values holds figures a table of its facts would not
            facts = row["facts"]
            subjects = {f["subject"] for f in facts}
            if len(subjects) < 2 or any(f["metric"] not in HEAD_COUNTS for f in facts) or "UN" in subjects:
                continue
            yield pytest.param(row, id=f"{name.removesuffix('.jsonl')}:{n}")


def _date_words(as_of: str) -> str:
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _heading(row: dict, word: str) -> str:
    dates = {f["as_of"] for f in row["facts"] if f.get("as_of")}
    when = f" (as of {_date_words(dates.pop())})" if len(dates) == 1 else ""
    return f"{word} contributed to UN peacekeeping, by country{when}"


def _column_of(fact: dict) -> str:
    """The column a fact sits in: its category; a count of women or of all personnel otherwise."""
    if fact.get("category"):
        return fact["category"]
    return "women" if fact["metric"] == "women_deployed" else "personnel"


def _columns(row: dict) -> list:
    """The row's columns, in the order its facts name them; the whole ("personnel") last."""
    named = list(dict.fromkeys(_column_of(f) for f in row["facts"]))
    return sorted(named, key=lambda c: c == "personnel")


def _grid(row: dict) -> tuple[list, list[tuple[str, list[str]]]]:
    columns = _columns(row)
    lines: dict[str, list[str]] = {}
    for fact in row["facts"]:
        cells = lines.setdefault(fact["subject"], ["–"] * len(columns))
        column = columns.index(_column_of(fact))
        assert cells[column] == "–", "two figures of one country in one column: not a ranking row"
        cells[column] = HEDGES[fact.get("qualifier", "exact")] + f"{fact['value']:,}"
    return columns, list(lines.items())


def render(row: dict, layout: str, shuffle: int | None = None) -> str:
    """The row's facts written as a table in ``layout`` (pipe, tab, spaces, cells or bullets);
    with ``shuffle`` (a seed), its rows in another order under a rank column."""
    columns, body = _grid(row)
    key = "Mission" if all(vocab.mission(subject) for subject, _ in body) else "Country"
    # with parts beside it, the whole is the "Total" column
    words = [key] + ["Total" if c == "personnel" and len(columns) > 1 else COLUMN_WORDS[c] for c in columns]
    if shuffle is not None:
        order = list(body)
        random.Random(shuffle).shuffle(order)
        body = order if order != body else body[::-1]  # never the original order
        words = ["Rank"] + words
    if layout == "bullets":
        assert len(columns) == 1
        head = _heading(row, HEADING_WORDS[columns[0]]) + ":"
        return "\n".join([head] + [f"- {subject}: {cells[0]}" for subject, cells in body])
    head = _heading(row, "Peacekeepers")
    ranks = [[str(n)] if shuffle is not None else [] for n in range(1, len(body) + 1)]
    table = [words] + [rank + [subject] + cells for rank, (subject, cells) in zip(ranks, body, strict=True)]
    if layout == "pipe":
        lines = ["| " + " | ".join(r) + " |" for r in table]
        lines.insert(1, "|" + "|".join("---" for _ in words) + "|")
    elif layout == "tab":
        lines = ["\t".join(r) for r in table]
    elif layout == "cells":
        # the header on one line with single spaces, then one cell per line (as pages flatten
        # an HTML table), blank lines between
        lines = [" ".join(table[0])] + ["\n".join(cell for cell in r) for r in table[1:]]
        return "\n\n".join([head] + lines)
    else:
        widths = [max(len(r[i]) for r in table) for i in range(len(words))]
        lines = ["   ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in table]
    return "\n".join([head] + lines)


def _check(extractor, row: dict, text: str) -> None:
    result = extractor.extract(text, published=row["published"], doc_id="layout")
    want = {(f["subject"], f["metric"], f["value"]): f for f in row["facts"]}
    got = {(f.subject, f.metric.value, f.value): f for f in result.facts}
    assert sorted(got) == sorted(want), (text, [f.rule for f in result.facts])
    for key, expected in want.items():
        fact = got[key]
        if "category" in expected:
            assert fact.category is not None and fact.category.value == expected["category"], (key, text)
        if expected.get("as_of"):
            assert str(fact.as_of).startswith(expected["as_of"]), (key, str(fact.as_of), text)


LAYOUTS = ["pipe", "tab", "spaces", "cells"]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("row", list(_ranking_rows()))
def test_ranking_as_a_table_gives_the_same_facts(row, layout, extractor):
    _check(extractor, row, render(row, layout))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("row", list(_ranking_rows()))
def test_shuffled_rows_under_a_rank_column_give_the_same_facts(row, layout, extractor):
    """Row order carries no meaning, and a rank column is never a figure."""
    _check(extractor, row, render(row, layout, shuffle=len(row["facts"])))


@pytest.mark.parametrize("row", [r for r in _ranking_rows() if len(_columns(r.values[0])) == 1])
def test_ranking_as_a_bulleted_list_gives_the_same_facts(row, extractor):
    _check(extractor, row, render(row, "bullets"))


def test_the_renderings_are_tables():
    """The check is only as good as its renderings: they hold what a reader would call a table."""
    row = {
        "published": "2024-07-01",
        "facts": [
            {"subject": "Kenya", "metric": "personnel_deployed", "value": 620, "category": "troops", "as_of": "2024-05"},
            {"subject": "Kenya", "metric": "personnel_deployed", "value": 180, "category": "police", "as_of": "2024-05"},
            {"subject": "Ghana", "metric": "personnel_deployed", "value": 2700, "category": "troops", "as_of": "2024-05"},
        ],
    }
    assert render(row, "pipe").splitlines() == [
        "Peacekeepers contributed to UN peacekeeping, by country (as of May 2024)",
        "| Country | Troops | Police |",
        "|---|---|---|",
        "| Kenya | 620 | 180 |",
        "| Ghana | 2,700 | – |",
    ]
    assert render(row, "tab").splitlines()[3] == "Ghana\t2,700\t–"
    assert render(row, "spaces").splitlines()[1:] == [
        "Country   Troops   Police",
        "Kenya     620      180",
        "Ghana     2,700    –",
    ]
    assert render(row, "pipe", shuffle=1).splitlines()[1:] == [
        "| Rank | Country | Troops | Police |",
        "|---|---|---|---|",
        "| 1 | Ghana | 2,700 | – |",
        "| 2 | Kenya | 620 | 180 |",
    ]
    assert render(row, "cells").split("\n\n")[1:] == ["Country Troops Police", "Kenya\n620\n180", "Ghana\n2,700\n–"]
    single = {"published": "2024-07-01", "facts": row["facts"][2:]}
    assert render(single, "bullets").splitlines() == [
        "Troops contributed to UN peacekeeping, by country (as of May 2024):",
        "- Ghana: 2,700",
    ]
    assert len(list(_ranking_rows())) >= 20


def test_a_table_of_pipes_stays_in_the_article_and_a_menu_of_pipes_does_not():
    """Ingest keeps a table's header, rule and rows (pipes, like a menu) in the article; the
    menu above the headline and the sidebar after the table stay out."""
    from peacefacts.ingest.blocks import split_blocks

    text = (
        "Home | World | Africa | Sport\n"
        "Ghana's police abroad\n"
        "ACCRA, May 3 - Ghana has more police officers in UN missions than ever, the police service said on"
        " Friday, and more will follow next year.\n"
        "Police contributors (as of 31 March 2024)\n"
        "| Country | Police |\n|---|---|\n| Ghana | 410 |\n| Togo | 380 |\n"
        "More from Africa\nSix killed in bus crash\nOil prices rise"
    )
    [block] = split_blocks(text)
    article = text[block.start : block.end]
    assert article.startswith("Ghana's police abroad\n")
    assert article.endswith("| Country | Police |\n|---|---|\n| Ghana | 410 |\n| Togo | 380 |")
