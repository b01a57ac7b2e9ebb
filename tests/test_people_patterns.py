"""People pattern families: sentences the team wrote, one data file, one test for all.

Each line of ``fixtures/patterns/people.jsonl`` is a text, its pattern ``family`` and the people
it must yield, each with ``name`` (as written), ``role`` (the function the text gives, else the
rank or grade, else null) and ``organization``; ``people: []`` means the text names nobody of
the story. The found people must be exactly the expected ones. A row may carry ``xfail`` with
the reason it is a known miss (strict: a fixed miss fails until the mark is removed). None of
these sentences is copied from a development page: they are the language, written with other
countries, names and word orders.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import FIXTURES
from peacefacts.nlp.people import find_people_in_text

PATTERNS = FIXTURES / "patterns" / "people.jsonl"
ROWS = [json.loads(line) for line in PATTERNS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _params():
    for n, row in enumerate(ROWS, 1):
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        yield pytest.param(row, id=f"{row['family']}:{n}", marks=marks)


def test_every_family_has_ten_sentences():
    counts = Counter(row["family"] for row in ROWS)
    assert len(counts) >= 5 and min(counts.values()) >= 10, counts


@pytest.mark.parametrize("row", list(_params()))
def test_people_pattern(row, nlp):
    people = find_people_in_text(row["text"], nlp)
    got = sorted((p.name, p.role, p.organization) for p in people)
    want = sorted((w["name"], w["role"], w["organization"]) for w in row["people"])
    assert got == want
    for person in people:
        assert person.evidence in row["text"] and row["text"][person.start : person.end] in person.evidence
