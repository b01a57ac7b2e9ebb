"""Copies family: pairs of texts written by the team, one article published twice or two articles.

Each line of ``fixtures/patterns/copies.jsonl`` is a pair ``a``/``b`` and whether they are copies
of one article (syndicated with a dateline, lightly edited, lead rewritten, trimmed, updated
with a new toll) or not (another outlet's own story of the same event, the same template about
another country, a later story that mentions the event).
"""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from peacefacts.ingest import document_from_text
from peacefacts.reconciler.copies import document_fingerprint, find_copies

ROWS = [json.loads(line) for line in (FIXTURES / "patterns" / "copies.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_family_has_ten_pairs_of_both_kinds():
    assert len(ROWS) >= 10 and {r["copies"] for r in ROWS} == {True, False}


@pytest.mark.parametrize("row", ROWS, ids=[f"copies:{n}" for n in range(1, len(ROWS) + 1)])
def test_copy_pattern(row):
    fingerprints = {
        name: document_fingerprint(document_from_text(row[name], doc_id=name, published="2024-05-12")) for name in ("a", "b")
    }
    pairs = find_copies(fingerprints)
    assert bool(pairs) is row["copies"], row["note"]
