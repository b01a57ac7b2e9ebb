"""A document's fingerprint: a MinHash signature of its article text.

The Extractor stores it in :attr:`peacefacts.records.Document.fingerprint`, and the reconciler
compares fingerprints to find copies (:mod:`peacefacts.reconciler.copies`), also from saved JSONL
that no longer holds the text. Both need the same signature of the same text, so it is computed
here, below both.

Fingerprint layout (a tuple of ints)::

    (h_0, h_1, ..., h_127, n_shingles)

``h_i`` are the 128 MinHash values (datasketch, fixed seed) over the set of word 4-shingles of
the normalised text, and the last item is the number of distinct shingles (which lets the
reconciler estimate containment as well as Jaccard similarity).

>>> a = fingerprint_text("Pakistan has lost 181 peacekeepers in 48 UN missions since 1960, the army said.")
>>> len(a) == NUM_PERM + 1, a[-1]
(True, 11)
"""

from __future__ import annotations

import functools
import re
from typing import Any

from peacefacts.records import Document
from peacefacts.vocab.text import normalize

__all__ = ["NUM_PERM", "SEED", "SHINGLE_WORDS", "fingerprint_text", "fingerprint_source", "document_fingerprint"]

#: MinHash permutations. 128 gives a standard error of about 0.044 on a Jaccard of 0.5.
NUM_PERM = 128
#: Fixed seed: fingerprints written today must compare with fingerprints written next year.
SEED = 1
#: Word shingle length. Four words are long enough that two articles on the same topic share
#: few shingles (two different stories on Egypt's contingent share 12%) and short enough for
#: 60-word briefs.
SHINGLE_WORDS = 4

# a word, or a number with its group separators ("40,000", "1,63,887" stay one token)
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


def _words(text: str) -> list[str]:
    # the package's normaliser, so typographic quotes or accents lost by a mirror site do not
    # break shingles; apostrophes are dropped, not split on: "Pakistan’s" is "pakistans"
    folded = normalize(text).replace("'", "")
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
        text: the article text (see :func:`fingerprint_source`).

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
    from datasketch import MinHash  # here, not at import: datasketch imports scipy (about a second)

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", permutations=_permutations())
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return tuple(int(h) for h in minhash.hashvalues) + (len(shingles),)


@functools.lru_cache(maxsize=1)
def _permutations() -> Any:
    """The seeded permutations, drawn once: a MinHash draws them anew on every construction.
    Scheme pinned: datasketch 1.x hashed differently."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def fingerprint_source(document: Document) -> str:
    """The text a document's fingerprint is taken from.

    Its peacekeeping blocks if it has any, so a sidebar or an appended unrelated article does
    not dilute the signature; else all its blocks; else the whole text.
    """
    blocks = [b for b in document.blocks if b.is_peacekeeping] or list(document.blocks)
    return "\n".join(document.text[b.start : b.end] for b in blocks) if blocks else document.text


def document_fingerprint(document: Document) -> tuple[int, ...] | None:
    """The document's stored fingerprint, else one computed from its text.

    Returns:
        ``None`` when the document has neither a fingerprint nor text (e.g. a document record
        read back from JSONL, which does not keep the text).
    """
    if document.fingerprint:
        return tuple(document.fingerprint)
    if not document.text:
        return None
    return fingerprint_text(fingerprint_source(document))
