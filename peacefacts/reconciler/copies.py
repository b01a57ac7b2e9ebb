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
from typing import Any

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
    "band_keys",
    "candidate_pairs",
    "LSH_BANDS",
    "MIN_EQUAL_HASHES_FOR_CONTAINMENT",
    "copy_clusters",
]

#: Estimated Jaccard at or above which two documents are copies.
JACCARD_THRESHOLD = 0.5
#: Estimated containment (the smaller document inside the larger) at or above which two
#: documents are copies: catches an article with different sidebars or a second article
#: appended, where Jaccard alone falls to about 0.5, and a press release lightly reworded by
#: another outlet (a new lead, a word changed here and there: 40-60% of the four-word shingles
#: survive). Different stories on one event share far less (the most similar in the
#: development corpus: 24%).
CONTAINMENT_THRESHOLD = 0.4
#: Containment is only trusted when the smaller text has at least this many shingles; a
#: ten-word snippet "contained" in a long page says little.
MIN_SHINGLES_FOR_CONTAINMENT = 20
#: Containment is only trusted when at least this many of the 128 MinHash values are equal:
#: it is estimated from the Jaccard estimate, and one or two equal values (chance, or a stock
#: phrase) between a short brief and a long page would read as "contained".
MIN_EQUAL_HASHES_FOR_CONTAINMENT = 8
#: LSH bands: pairs of signature positions, every adjacent pair and every pair two apart
#: (256 overlapping bands of two rows). Two documents are compared only when all the values of
#: one band are equal. With m of the 128 values equal, a band is missed with probability about
#: exp(-m(m-1)/64): copies (m ≥ 20 or so) are found with probability above 0.997, unrelated
#: stories (m of 0 to 3) almost never meet.
LSH_BANDS: tuple[tuple[int, int], ...] = tuple((k, (k + 1) % NUM_PERM) for k in range(NUM_PERM)) + tuple(
    (k, (k + 2) % NUM_PERM) for k in range(NUM_PERM)
)


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
    return _containment(jaccard(a, b), na, nb)


def _containment(j: float, na: int, nb: int) -> float:
    return min(1.0, j * (na + nb) / ((1.0 + j) * min(na, nb)))


def is_copy(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether two fingerprints are one article: Jaccard or containment over its threshold.

    Containment counts only when the smaller text has :data:`MIN_SHINGLES_FOR_CONTAINMENT`
    shingles and :data:`MIN_EQUAL_HASHES_FOR_CONTAINMENT` MinHash values are equal.
    """
    j = jaccard(a, b)
    if j >= JACCARD_THRESHOLD:
        return True
    if j * NUM_PERM < MIN_EQUAL_HASHES_FOR_CONTAINMENT:
        return False
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

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"a", "b", "similarity", "containment"}``."""
        return {"a": self.a, "b": self.b, "similarity": self.similarity, "containment": self.containment}


def _usable(fingerprints: Mapping[str, Sequence[int] | None]) -> dict[str, Sequence[int]]:
    return {doc: fp for doc, fp in fingerprints.items() if fp is not None and not _is_empty(fp)}


def _matrix(fingerprints: Mapping[str, Sequence[int]]) -> tuple[list[str], np.ndarray]:
    ids = sorted(fingerprints)
    if not ids:
        return ids, np.zeros((0, NUM_PERM), dtype=np.uint64)
    return ids, np.stack([_split(fingerprints[doc])[0] for doc in ids])


#: multiplier that folds a band's values into one 64-bit key (odd: a bijection per value)
_FOLD = np.uint64(0x9E3779B97F4A7C15)


def band_keys(hashes: np.ndarray) -> np.ndarray:
    """One 64-bit key per document and LSH band (:data:`LSH_BANDS`).

    Args:
        hashes: an ``(n, NUM_PERM)`` array of MinHash values.

    Returns:
        An ``(n, len(LSH_BANDS))`` ``uint64`` array. Documents whose keys are equal in a band
        are candidate copies (a key collision that is not a band match is harmless: every
        candidate is checked on its whole signature).
    """
    hashes = np.asarray(hashes, dtype=np.uint64).reshape(-1, NUM_PERM)
    first = np.asarray([b[0] for b in LSH_BANDS])
    second = np.asarray([b[1] for b in LSH_BANDS])
    with np.errstate(over="ignore"):
        return hashes[:, first] * _FOLD + hashes[:, second]


def candidate_pairs(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows ``(i, j)``, ``i < j``, of documents that share a whole LSH band, sorted, unique.

    Time O(n log n) per band plus the pairs found: documents are sorted on each band's key
    and only runs of equal keys are paired.
    """
    n = len(hashes)
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    keys = band_keys(hashes)
    codes: list[np.ndarray] = []
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        sizes = np.diff(np.r_[starts, n])
        two = starts[sizes == 2]
        if len(two):  # the common case, at once
            a, b = order[two], order[two + 1]
            codes.append(np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b))
        for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist(), strict=True):
            members = np.sort(order[start : start + size]).astype(np.int64)
            i, j = np.triu_indices(size, k=1)
            codes.append(members[i] * n + members[j])
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    unique = np.unique(np.concatenate(codes))
    return unique // n, unique % n


def _judge_candidates(
    ids: list[str], fingerprints: Mapping[str, Sequence[int]], matrix: np.ndarray, i: np.ndarray, j: np.ndarray
) -> list[CopyPair]:
    """The exact check (:func:`is_copy`) on candidate rows, vectorised where it cannot decide."""
    pairs: list[CopyPair] = []
    chunk = 1 << 16
    for lo in range(0, len(i), chunk):
        ci, cj = i[lo : lo + chunk], j[lo : lo + chunk]
        equal = np.count_nonzero(matrix[ci] == matrix[cj], axis=1)
        # a pair with fewer equal values than either rule needs is not a copy (the exact test
        # below decides the others)
        maybe = (equal >= JACCARD_THRESHOLD * NUM_PERM) | (equal >= MIN_EQUAL_HASHES_FOR_CONTAINMENT)
        for a_row, b_row in zip(ci[maybe].tolist(), cj[maybe].tolist(), strict=True):
            a, b = fingerprints[ids[a_row]], fingerprints[ids[b_row]]
            if is_copy(a, b):
                c = containment(a, b)
                pairs.append(
                    CopyPair(
                        a=ids[a_row],
                        b=ids[b_row],
                        similarity=round(jaccard(a, b), 3),
                        containment=None if c is None else round(c, 3),
                    )
                )
    return pairs


def find_copies(fingerprints: Mapping[str, Sequence[int] | None], *, exhaustive: bool = False) -> tuple[CopyPair, ...]:
    """All pairs of documents whose fingerprints mark them as copies, sorted by ids.

    Candidates come from LSH banding (:func:`candidate_pairs`) and each is checked on its whole
    signature (:func:`is_copy`), so a pair found is exactly what comparing every pair would
    find; a copy is missed only when none of its 256 bands matches (probability below 0.003
    from about 20 equal values of 128, i.e. similarity 0.16). Similarities are rounded to 3
    places so the output does not depend on floating-point noise.

    Args:
        fingerprints: document id → fingerprint (``None`` or empty ones never match).
        exhaustive: compare every pair instead (quadratic; to audit the banding).

    Example:
        >>> text = "The United Nations said 12 peacekeepers from Nepal were injured in the attack on the base."
        >>> fps = {"wire": fingerprint_text(text), "mirror": fingerprint_text(text + " Read more"),
        ...        "other": fingerprint_text("Ghana has 2,700 troops in Lebanon and South Sudan.")}
        >>> [(c.a, c.b) for c in find_copies(fps)]
        [('mirror', 'wire')]
    """
    usable = _usable(fingerprints)
    ids, matrix = _matrix(usable)
    if len(ids) < 2:
        return ()
    if not exhaustive:
        i, j = candidate_pairs(matrix)
        return tuple(_judge_candidates(ids, usable, matrix, i, j))
    pairs: list[CopyPair] = []
    for row in range(len(ids) - 1):
        # equal-value counts of one document against every later one, in one step
        equal = np.count_nonzero(matrix[row + 1 :] == matrix[row], axis=1)
        later = row + 1 + np.flatnonzero(equal).astype(np.int64)
        pairs += _judge_candidates(ids, usable, matrix, np.full(len(later), row, dtype=np.int64), later)
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
