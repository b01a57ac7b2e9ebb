"""Copies: MinHash fingerprints of article text, and which documents are one article."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pytest

from peacefacts.reconciler.copies import (
    CONTAINMENT_THRESHOLD,
    JACCARD_THRESHOLD,
    LSH_BANDS,
    MIN_EQUAL_HASHES_FOR_CONTAINMENT,
    NUM_PERM,
    CopyPair,
    band_keys,
    candidate_pairs,
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


# -- copies by LSH, and reworded releases (issue 8, item 10) -------------------------------------

RELEASE = (
    "The Bangladesh Army said on Sunday that a contingent of 180 engineers will leave for the United "
    "Nations mission in South Sudan next week, replacing a unit that has served for twelve months in "
    "Malakal. The engineers will build roads, bridges and camps for the mission and for displaced "
    "families in the region, the Inter Services Public Relations directorate said in a statement. "
    "Bangladesh has been one of the largest contributors of uniformed personnel to United Nations "
    "peacekeeping for more than two decades, and its troops have served in forty missions in "
    "twenty countries since 1988. The outgoing contingent was praised by the force commander for its "
    "work during the rainy season, when it kept the main supply route open for convoys carrying food "
    "and medicine to remote county towns along the White Nile."
)


def reworded(text: str, every: int) -> str:
    """Another outlet's version: a new lead, and one word in ``every`` changed."""
    words = text.split()
    lead = "Dhaka will send a fresh team of army engineers to South Sudan, officials announced.".split()
    body = [("several" if k % every == every // 2 else w) for k, w in enumerate(words[20:])]
    return " ".join(lead + body)


def test_a_lightly_reworded_release_is_a_copy_and_a_rewrite_is_not():
    original = fingerprint_text(RELEASE)
    light = fingerprint_text(reworded(RELEASE, 12))
    assert 0.4 <= containment(original, light) < 0.7 and jaccard(original, light) < JACCARD_THRESHOLD
    assert is_copy(original, light)
    heavy = fingerprint_text(reworded(RELEASE, 3))  # every third word changed: a new text
    assert containment(original, heavy) < CONTAINMENT_THRESHOLD
    assert not is_copy(original, heavy)


def test_containment_needs_equal_values_not_just_a_short_text():
    brief = fingerprint_text(" ".join(RELEASE.split()[:26]))  # 23 shingles
    page = fingerprint_text(RELEASE + " " + " ".join(f"word{k} other{k} text{k}" for k in range(900)))
    equal = round(jaccard(brief, page) * NUM_PERM)
    assert equal < MIN_EQUAL_HASHES_FOR_CONTAINMENT
    assert containment(brief, page) >= CONTAINMENT_THRESHOLD  # the estimate alone would call it a copy
    assert not is_copy(brief, page)


def corpus(n: int, seed: int = 3) -> tuple[dict[str, tuple[int, ...]], set[frozenset]]:
    """``n`` unrelated stories from one vocabulary, with copies planted (whole with a sidebar,
    trimmed, or reworded), as fingerprints."""
    rng = random.Random(seed)
    vocab = [f"w{k}" for k in range(4000)]
    cumulative = list(itertools.accumulate(1 / (k + 1) for k in range(len(vocab))))
    texts: dict[str, str] = {}
    planted: set[frozenset] = set()
    for k in range(n):
        doc = f"p{k:04d}"
        if texts and k % 7 == 0:
            source = rng.choice(sorted(texts))
            words = texts[source].split()
            kind = k % 3
            if kind == 0:
                text = texts[source] + " " + " ".join(rng.choices(vocab, cum_weights=cumulative, k=40))
            elif kind == 1:
                text = " ".join(words[: len(words) * 2 // 3])
            else:
                text = reworded(texts[source], 12)
            planted.add(frozenset((source, doc)))
        else:
            text = " ".join(rng.choices(vocab, cum_weights=cumulative, k=rng.randint(80, 300)))
        texts[doc] = text
    return {doc: fingerprint_text(t) for doc, t in texts.items()}, planted


def test_lsh_finds_what_comparing_every_pair_finds():
    fps, planted = corpus(400)
    lsh = find_copies(fps)
    assert lsh == find_copies(fps, exhaustive=True)
    found = {frozenset((c.a, c.b)) for c in lsh}
    assert planted <= found
    # unrelated stories rarely share a band: candidates are a sliver of the 79,800 pairs
    i, j = candidate_pairs(np.stack([np.asarray(fp[:NUM_PERM], dtype=np.uint64) for _, fp in sorted(fps.items())]))
    assert len(found) <= len(i) < 2000
    assert (i < j).all() and len(set(zip(i.tolist(), j.tolist(), strict=True))) == len(i)


def test_band_keys_are_equal_exactly_when_a_band_is():
    fp = np.asarray(fingerprint_text(RELEASE)[:NUM_PERM], dtype=np.uint64)
    other = fp.copy()
    other[5] += 1  # breaks the bands holding position 5: (3,5), (4,5), (5,6), (5,7)
    keys = band_keys(np.stack([fp, other]))
    assert keys.shape == (2, len(LSH_BANDS)) == (2, 256)
    differ = {LSH_BANDS[b] for b in np.flatnonzero(keys[0] != keys[1])}
    assert differ == {(3, 5), (4, 5), (5, 6), (5, 7)}


def test_fingerprints_use_the_pinned_minhash_scheme():
    from datasketch import MinHash

    shingles = sorted({"the united nations said", "united nations said on"})
    legacy = MinHash(num_perm=NUM_PERM, seed=1, scheme="legacy")
    legacy.update_batch([s.encode() for s in shingles])
    assert fingerprint_text("The United Nations said on")[:NUM_PERM] != tuple(int(h) for h in legacy.hashvalues)
