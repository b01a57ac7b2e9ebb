"""Copies: one article published twice, found by near-duplicate text.

A copy is never independent support: two outlets printing the same wire story are one source.
Copies are found from a MinHash signature of the article text (:func:`fingerprint_text`), which
the Extractor stores in :attr:`peacefacts.records.Document.fingerprint`, so copies can be found
later from saved JSONL without the text.

Fingerprint layout (a tuple of ints)::

    (h_0, h_1, ..., h_127, n_shingles)

``h_i`` are the 128 MinHash values (datasketch, fixed seed) over the set of word 4-shingles of
the normalised text, and the last item is the number of distinct shingles. The count lets us
estimate *containment* as well as Jaccard similarity: a page that carries the article plus a
second, unrelated article (seeds 000 and 001) has a Jaccard of only about 0.5 with the bare
article, but the bare article is almost entirely contained in it. A fingerprint of exactly
:data:`NUM_PERM` items (no count) is accepted too; then only Jaccard is used.

>>> a = fingerprint_text("Pakistan has lost 181 peacekeepers in 48 UN missions since 1960, the army said.")
>>> len(a) == NUM_PERM + 1
True
>>> round(jaccard(a, a), 2)
1.0
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import attrs
import numpy as np
from datasketch import MinHash

from peacefacts.records import Document

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

#: MinHash permutations. 128 gives a standard error of about 0.044 on a Jaccard of 0.5.
NUM_PERM = 128
#: Fixed seed: fingerprints written today must compare with fingerprints written next year.
SEED = 1
#: Word shingle length. Four words are long enough that two articles on the same topic share
#: few shingles (the Egypt pages in dev share 12%) and short enough for 60-word briefs.
SHINGLE_WORDS = 4
#: Estimated Jaccard at or above which two documents are copies.
JACCARD_THRESHOLD = 0.5
#: Estimated containment (the smaller document inside the larger) at or above which two
#: documents are copies: catches an article with different sidebars or a second article
#: appended, where Jaccard alone falls to about 0.5.
CONTAINMENT_THRESHOLD = 0.6
#: Containment is only trusted when the smaller text has at least this many shingles; a
#: ten-word snippet "contained" in a long page says little.
MIN_SHINGLES_FOR_CONTAINMENT = 20

# a word, or a number with its group separators ("40,000", "1,63,887" stay one token)
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


# apostrophes are dropped, not split on: "Pakistan’s" and "Pakistan's" are both "pakistans"
_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`")


def _words(text: str) -> list[str]:
    # ASCII-fold and lowercase so typographic quotes, or accents lost by a mirror site, do not
    # break shingles.
    folded = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    folded = folded.encode("ascii", "ignore").decode("ascii").lower()
    return [w.replace(",", "") for w in _WORD.findall(folded)]


def _shingles(text: str) -> set[str]:
    words = _words(text)
    if not words:
        return set()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def fingerprint_text(text: str) -> tuple[int, ...]:
    """MinHash fingerprint of ``text``: 128 hash values, then the number of distinct shingles.

    Pure and deterministic (fixed seed, shingles hashed in sorted order). A text with no words
    gives 128 zeros and a count of 0, which never matches anything.

    Args:
        text: the article text (the Extractor passes the peacekeeping blocks of a document).

    Returns:
        A tuple of ``NUM_PERM + 1`` non-negative ints.

    Example:
        >>> fp = fingerprint_text("China has sent more than 40,000 military personnel")
        >>> fp[-1], len(fp)
        (5, 129)
    """
    shingles = _shingles(text)
    if not shingles:
        return (0,) * NUM_PERM + (0,)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return tuple(int(h) for h in minhash.hashvalues) + (len(shingles),)


def document_fingerprint(document: Document) -> tuple[int, ...] | None:
    """The document's stored fingerprint, else one computed from its text.

    When computing, only the peacekeeping blocks are used if the document has any (the same
    text the Extractor fingerprints), so a sidebar or an appended unrelated article does not
    dilute the signature; else all blocks, else the whole text.

    Returns:
        ``None`` when the document has neither a fingerprint nor text (e.g. a document record
        read back from JSONL, which does not keep the text).
    """
    if document.fingerprint:
        return tuple(document.fingerprint)
    if not document.text:
        return None
    # the same text the Extractor fingerprints: peacekeeping blocks, else every block
    blocks = [b for b in document.blocks if b.is_peacekeeping] or list(document.blocks)
    text = "\n".join(document.text[b.start : b.end] for b in blocks) if blocks else document.text
    return fingerprint_text(text)


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
