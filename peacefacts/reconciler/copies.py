"""Copies: one article published twice, found by near-duplicate text.

A copy is never independent support: two outlets printing the same wire story are one source.
Copies are found from a MinHash signature of the article text
(:func:`peacefacts.ingest.fingerprint.fingerprint_text`, re-exported here), which the Extractor
stores in :attr:`peacefacts.records.Document.fingerprint`, so copies can be found later from
saved JSONL without the text.

A fingerprint is 128 MinHash values followed by the number of distinct shingles. The count lets
us estimate *containment* as well as Jaccard similarity: a page that carries the article plus a
second, unrelated article has a Jaccard of only about 0.5 with the bare article, but the bare
article is almost entirely contained in it. A fingerprint of exactly :data:`NUM_PERM` items (no
count) is accepted too; then only Jaccard is used.

>>> a = fingerprint_text("Pakistan has lost 181 peacekeepers in 48 UN missions since 1960, the army said.")
>>> len(a) == NUM_PERM + 1
True
>>> round(jaccard(a, a), 2)
1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs
import numpy as np

from peacefacts.ingest.fingerprint import (
    NUM_PERM,
    SEED,
    SHINGLE_WORDS,
    document_fingerprint,
    fingerprint_text,
)

__all__ = [
    "NUM_PERM",
    "SEED",
    "SHINGLE_WORDS",
    "JACCARD_THRESHOLD",
    "CONTAINMENT_THRESHOLD",
    "CopyPair",
    "fingerprint_text",
    "document_fingerprint",
    "jaccard",
    "containment",
    "is_copy",
    "find_copies",
    "copy_clusters",
]

#: Estimated Jaccard at or above which two documents are copies.
JACCARD_THRESHOLD = 0.5
#: Estimated containment (the smaller document inside the larger) at or above which two
#: documents are copies: catches an article with different sidebars or a second article
#: appended, where Jaccard alone falls to about 0.5.
CONTAINMENT_THRESHOLD = 0.6
#: Containment is only trusted when the smaller text has at least this many shingles; a
#: ten-word snippet "contained" in a long page says little.
MIN_SHINGLES_FOR_CONTAINMENT = 20


def _split(fingerprint: Sequence[int]) -> tuple[np.ndarray, int | None]:
    if len(fingerprint) == NUM_PERM + 1:
        return np.asarray(fingerprint[:NUM_PERM], dtype=np.uint64), int(fingerprint[NUM_PERM])
    if len(fingerprint) == NUM_PERM:
        return np.asarray(fingerprint, dtype=np.uint64), None
    raise ValueError(f"a fingerprint has {NUM_PERM} or {NUM_PERM + 1} items, not {len(fingerprint)}")


def _is_empty(fingerprint: Sequence[int]) -> bool:
    hashes, count = _split(fingerprint)
    return count == 0 or not hashes.any()


def jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two shingle sets (share of equal MinHash values)."""
    if _is_empty(a) or _is_empty(b):
        return 0.0
    ha, _ = _split(a)
    hb, _ = _split(b)
    return float(np.count_nonzero(ha == hb)) / NUM_PERM


def containment(a: Sequence[int], b: Sequence[int]) -> float | None:
    """Estimated share of the smaller document's shingles found in the larger one.

    From Jaccard ``J`` and the sizes: ``|A∩B| = J(|A|+|B|)/(1+J)``, divided by ``min(|A|,|B|)``.

    Returns:
        ``None`` when a fingerprint has no shingle count, or the smaller document has fewer than
        :data:`MIN_SHINGLES_FOR_CONTAINMENT` shingles.
    """
    _, na = _split(a)
    _, nb = _split(b)
    if na is None or nb is None or min(na, nb) < MIN_SHINGLES_FOR_CONTAINMENT:
        return None
    j = jaccard(a, b)
    return min(1.0, j * (na + nb) / ((1.0 + j) * min(na, nb)))


def is_copy(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether two fingerprints are one article: Jaccard or containment over its threshold."""
    if jaccard(a, b) >= JACCARD_THRESHOLD:
        return True
    c = containment(a, b)
    return c is not None and c >= CONTAINMENT_THRESHOLD


@attrs.frozen(kw_only=True)
class CopyPair:
    """Two documents that are one article published twice (``a < b`` by id).

    Attributes:
        a: the first document id.
        b: the second document id.
        similarity: estimated Jaccard similarity of the texts (0..1).
        containment: estimated share of the smaller text inside the larger, when known.
    """

    a: str
    b: str
    similarity: float
    containment: float | None = None

    def to_dict(self) -> dict:
        """The JSON form: ``{"a", "b", "similarity", "containment"}``."""
        return {"a": self.a, "b": self.b, "similarity": self.similarity, "containment": self.containment}


def find_copies(fingerprints: Mapping[str, Sequence[int]]) -> tuple[CopyPair, ...]:
    """All pairs of documents whose fingerprints mark them as copies, sorted by ids.

    Compares every pair (quadratic, vectorised per document): fine for the thousands of
    documents a reconciliation holds; similarities are rounded to 3 places so the output does
    not depend on floating-point noise.

    Args:
        fingerprints: document id → fingerprint.
    """
    ids = sorted(doc for doc, fp in fingerprints.items() if fp is not None and not _is_empty(fp))
    if len(ids) < 2:
        return ()
    split = [_split(fingerprints[doc]) for doc in ids]
    matrix = np.stack([hashes for hashes, _ in split])
    pairs: list[CopyPair] = []
    for i in range(len(ids) - 1):
        # equal-hash counts of document i against every later document in one step
        equal = np.count_nonzero(matrix[i + 1 :] == matrix[i], axis=1)
        for offset in np.flatnonzero(equal):
            j = i + 1 + int(offset)
            a, b = fingerprints[ids[i]], fingerprints[ids[j]]
            if is_copy(a, b):
                c = containment(a, b)
                pairs.append(
                    CopyPair(
                        a=ids[i],
                        b=ids[j],
                        similarity=round(jaccard(a, b), 3),
                        containment=None if c is None else round(c, 3),
                    )
                )
    return tuple(pairs)


def copy_clusters(doc_ids: Iterable[str], copies: Iterable[CopyPair]) -> dict[str, str]:
    """Map each document id to its copy cluster's id (the smallest id among its copies).

    Copies are transitive here: if A copies B and B copies C, all three are one source.
    """
    parent = {doc: doc for doc in doc_ids}
    for pair in copies:
        parent.setdefault(pair.a, pair.a)
        parent.setdefault(pair.b, pair.b)

    def root(doc: str) -> str:
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    for pair in copies:
        ra, rb = root(pair.a), root(pair.b)
        if ra != rb:
            # the smaller id becomes the root, so the cluster id does not depend on input order
            parent[max(ra, rb)] = min(ra, rb)
    return {doc: root(doc) for doc in sorted(parent)}
