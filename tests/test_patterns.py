"""Pattern families: sentences the team wrote, one data file per family, one test for all.

Each line of ``fixtures/patterns/<family>.jsonl`` is a text (one or a few sentences), its
publication date (or null) and the facts it must yield, compared as a set on
(subject, metric, value); ``qualifier``, ``as_of``, ``since`` and ``category`` are checked
where the row gives them (``as_of: null`` means "undated", not "don't care"). ``facts: []``
means the text must yield nothing. ``neutral`` lists values a reader may fairly extract that the
conventions do not require (as in the development corpus's neutral file): a predicted fact with
such a value counts neither way. A row may carry ``xfail`` with the reason it is a known miss
(strict: a fixed miss fails until the mark is removed). None of these sentences is copied from a
development page: they are the language, written with other countries, numbers and word orders.
"""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES

PATTERNS = FIXTURES / "patterns"
#: families with another shape have their own tests: people (tests/test_people_patterns.py) and
#: copies (tests/test_copy_patterns.py)
OTHER_SHAPES = ("people", "copies")
FACT_FAMILIES = sorted(p for p in PATTERNS.glob("*.jsonl") if not p.stem.startswith(OTHER_SHAPES))


def _rows():
    for path in FACT_FAMILIES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
            yield pytest.param(row, id=f"{path.stem}:{n}", marks=marks)


CHECKED = ("qualifier", "as_of", "since", "category", "scope")


def _got(fact) -> dict:
    return {
        "qualifier": fact.qualifier.value,
        "as_of": str(fact.as_of) if fact.as_of else None,
        "since": str(fact.since) if fact.since else None,
        "category": fact.category.value if fact.category else None,
        "scope": fact.scope,
    }


def test_every_family_has_ten_sentences():
    counts = {p.stem: sum(1 for line in p.read_text().splitlines() if line.strip()) for p in FACT_FAMILIES}
    assert counts and all(n >= 10 for n in counts.values()), counts


@pytest.mark.parametrize("row", list(_rows()))
def test_pattern(row, extractor):
    result = extractor.extract(row["text"], published=row["published"], doc_id="pattern")
    neutral = set(row.get("neutral", ()))
    want = {(w["subject"], w["metric"], w["value"]): w for w in row["facts"]}
    got = {
        (f.subject, f.metric.value, f.value): f
        for f in result.facts
        if (f.subject, f.metric.value, f.value) in want or f.value not in neutral
    }
    assert sorted(got) == sorted(want), [f.rule for f in result.facts]
    for key, expected in want.items():
        actual = _got(got[key])
        for field in CHECKED:
            if field in expected:
                assert actual[field] == expected[field], (key, field, actual[field], expected[field])
