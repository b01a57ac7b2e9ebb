"""Copies: MinHash fingerprints of article text, and which documents are one article."""

from __future__ import annotations

from pathlib import Path

import pytest

from peacefacts.reconciler.copies import (
    CONTAINMENT_THRESHOLD,
    NUM_PERM,
    CopyPair,
    containment,
    copy_clusters,
    document_fingerprint,
    find_copies,
    fingerprint_text,
    is_copy,
    jaccard,
)
from peacefacts.records import Block, Document

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def seed_fingerprints() -> dict[str, tuple[int, ...]]:
    return {p.name[:3]: fingerprint_text(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))}


def test_fingerprint_layout_and_determinism():
    text = "Pakistan has lost 181 peacekeepers in 48 UN missions since 1960, the army said."
    fp = fingerprint_text(text)
    assert len(fp) == NUM_PERM + 1
    assert fp[-1] == 11  # 14 words → 11 four-word shingles
    assert all(isinstance(h, int) and 0 <= h < 2**32 for h in fp)
    assert fingerprint_text(text) == fp
    # case, punctuation and typographic quotes do not matter; number separators stay in one token
    assert fingerprint_text(text.upper().replace(",", " ,")) == fp
    assert fingerprint_text("It’s 1,63,887") == fingerprint_text("it's 163887")


def test_empty_text_matches_nothing():
    empty = fingerprint_text("  \n ")
    assert empty == (0,) * (NUM_PERM + 1)
    assert jaccard(empty, empty) == 0.0
    assert not is_copy(empty, empty)
    assert find_copies({"a": empty, "b": empty}) == ()


def test_seeds_000_and_001_are_one_article_and_nothing_else_is(seed_fingerprints):
    pairs = find_copies(seed_fingerprints)
    assert [(p.a, p.b) for p in pairs] == [("000", "001")]
    (pair,) = pairs
    # 001 repeats the headline and appends a second, unrelated article: Jaccard is only about
    # one half, but almost all of 000 is inside 001
    assert 0.35 <= pair.similarity <= 0.65
    assert pair.containment is not None and pair.containment >= CONTAINMENT_THRESHOLD
    assert pair.to_dict() == {"a": "000", "b": "001", "similarity": pair.similarity, "containment": pair.containment}


def test_different_articles_on_one_topic_are_not_copies(seed_fingerprints):
    # 004 (2021 press release) and 000 (2024 news) are both about Pakistani peacekeepers
    assert jaccard(seed_fingerprints["000"], seed_fingerprints["004"]) < 0.1
    assert not is_copy(seed_fingerprints["000"], seed_fingerprints["004"])


def test_fingerprint_without_shingle_count_uses_jaccard_only(seed_fingerprints):
    a, b = seed_fingerprints["000"][:NUM_PERM], seed_fingerprints["001"][:NUM_PERM]
    assert containment(a, b) is None
    assert jaccard(a, b) == jaccard(seed_fingerprints["000"], seed_fingerprints["001"])
    same = seed_fingerprints["003"][:NUM_PERM]
    assert [(p.a, p.b, p.similarity, p.containment) for p in find_copies({"x": same, "y": same})] == [
        ("x", "y", 1.0, None)
    ]


def test_wrong_fingerprint_length_is_an_error():
    with pytest.raises(ValueError, match="128 or 129 items"):
        jaccard((1, 2, 3), (1, 2, 3))


def test_document_fingerprint_prefers_stored_then_peacekeeping_blocks():
    stored = (7,) * (NUM_PERM + 1)
    assert document_fingerprint(Document(id="d", text="whatever", fingerprint=stored)) == stored
    assert document_fingerprint(Document(id="d", text="")) is None
    text = "Peacekeepers from many countries serve in missions.\nMarkets rallied on Friday as oil prices fell."
    cut = text.index("\n")
    doc = Document(id="d", text=text, blocks=[Block(start=0, end=cut), Block(start=cut + 1, end=len(text),
                                                                              is_peacekeeping=False)])
    assert document_fingerprint(doc) == fingerprint_text(text[:cut])
    assert document_fingerprint(Document(id="d", text=text)) == fingerprint_text(text)


def test_copy_clusters_are_transitive_and_named_by_the_smallest_id():
    pairs = [CopyPair(a="b", b="c", similarity=0.9), CopyPair(a="a", b="c", similarity=0.8)]
    assert copy_clusters(["d", "c", "b", "a"], pairs) == {"a": "a", "b": "a", "c": "a", "d": "d"}
