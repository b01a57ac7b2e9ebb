"""Which observations of a group are judged against which, and the compact table of verdicts.

Judging every two observations of a group is quadratic: 1,000 observations of one subject and
metric make half a million pairs, 100,000 make five billion. Most of those pairs say nothing a
reader needs: a figure from 2012 against one from 2024 when twenty figures lie between them.
So each observation is judged against

- its **neighbours in time**: the :data:`DEFAULT_NEIGHBOURS` observations just before it in the
  group's date order (the *sorted-neighbourhood* method of record linkage, Hernández & Stolfo
  1995); a change, a conflict at the same time or a fall of a cumulative total anywhere in a
  series shows between neighbours, because a sequence that is not monotone has a step that is
  not;
- the **series**: the head of its own point (an undated figure is paired with the dated point it
  supports) and the head of the preferred point (every figure is judged against the one the
  policy prefers).

A group with at most ``neighbours + 1`` observations is judged exhaustively, exactly as before
this bound existed; ``neighbours=None`` judges every pair of every group (quadratic: for audits
of small corpora). Verdicts do not depend on which pairs are judged: a pair's verdict is a
function of its two observations only.

The verdicts are kept as columns (:class:`PairTable`): two observation positions, a verdict code,
a cause code, the gap and the copies flag, about 14 bytes a pair. :class:`Pair` records, and
their explanations, are made only when read.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

import numpy as np

from peacefacts.reconciler.model import Observation, Pair, Verdict
from peacefacts.reconciler.rules import Comparison, Judgement
from peacefacts.records import Metric

__all__ = ["DEFAULT_NEIGHBOURS", "PairTable", "GroupJudge", "candidate_pairs", "judge_pairs"]

#: Observations before each one (in date order) that it is judged against.
DEFAULT_NEIGHBOURS = 10

_VERDICTS = (Verdict.AGREE, Verdict.CHANGED_OVER_TIME, Verdict.CONFLICT)
_VERDICT_CODE = {v: i for i, v in enumerate(_VERDICTS)}
#: the verdict codes, for filtering tables
AGREE, CHANGED_OVER_TIME, CONFLICT = 0, 1, 2
_NO_GAP = -1


class GroupJudge:
    """Judges pairs of one group: its subject, metric, copies and rule chain.

    Args:
        subject: the group's subject as shown in explanations.
        metric: the group's metric.
        run: the compiled rule chain (:func:`~peacefacts.reconciler.rules.compile_rules`).
        similarity: ``frozenset({doc_a, doc_b})`` → estimated similarity, for documents that are
            copies of one article.
    """

    __slots__ = ("subject", "metric", "run", "similarity")

    def __init__(
        self,
        subject: str,
        metric: Metric,
        run: Callable[[Comparison], Judgement | None],
        similarity: dict[frozenset[str], float],
    ) -> None:
        self.subject = subject
        self.metric = metric
        self.run = run
        self.similarity = similarity

    def compare(self, a: Observation, b: Observation) -> Comparison:
        sim = self.similarity.get(frozenset((a.doc, b.doc))) if a.source == b.source else None
        return Comparison(subject=self.subject, metric=self.metric, a=a, b=b, copies=sim is not None, similarity=sim)

    def judge(self, a: Observation, b: Observation) -> tuple[Comparison, Judgement | None]:
        cmp = self.compare(a, b)
        return cmp, self.run(cmp)


def candidate_pairs(
    docs: Sequence[int],
    neighbours: int | None,
    series_heads: Sequence[int] = (),
    preferred_head: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(i, j)``, ``i < j``, of the pairs to judge, sorted, without same-document pairs.

    Args:
        docs: a document number for each observation (figures of one document are not evidence
            about each other).
        neighbours: observations before each one that it is judged against; ``None``: all.
        series_heads: for each observation, the position of the head of its series point.
        preferred_head: the position of the head of the preferred point.
    """
    n = len(docs)
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    if neighbours is None or neighbours >= n - 1:
        i, j = np.triu_indices(n, k=1)
    else:
        w = max(int(neighbours), 1)
        # for each j, the window i = j - counts[j] .. j - 1
        counts = np.minimum(np.arange(n, dtype=np.int64), w)
        j = np.repeat(np.arange(n, dtype=np.int64), counts)
        first = np.repeat(np.cumsum(counts) - counts, counts)
        i = j - np.repeat(counts, counts) + (np.arange(len(j), dtype=np.int64) - first)
        extra: list[np.ndarray] = []
        if len(series_heads):
            extra.append(np.asarray(series_heads, dtype=np.int64))
        if preferred_head is not None:
            extra.append(np.full(n, preferred_head, dtype=np.int64))
        if extra:
            others = np.concatenate(extra)
            selves = np.tile(np.arange(n, dtype=np.int64), len(extra))
            keep = others != selves
            lo = np.minimum(others, selves)[keep]
            hi = np.maximum(others, selves)[keep]
            i = np.concatenate([i, lo])
            j = np.concatenate([j, hi])
        codes = np.unique(i.astype(np.int64) * n + j)
        i, j = codes // n, codes % n
    doc = np.asarray(docs, dtype=np.int64)
    keep = doc[i] != doc[j]
    return i[keep].astype(np.int64), j[keep].astype(np.int64)


class PairTable(Sequence[Pair]):
    """The judged pairs of one group as columns; a read-only sequence of :class:`Pair`.

    A :class:`Pair` is made when first read and then kept, so ``table[k] is table[k]``;
    :meth:`iter_records` streams the JSON form without keeping anything.
    """

    __slots__ = ("_observations", "_judge", "_a", "_b", "_verdict", "_cause", "_gap", "_copies", "_causes", "_cache")

    def __init__(
        self,
        observations: Sequence[Observation],
        judge: GroupJudge | None,
        a: np.ndarray,
        b: np.ndarray,
        verdict: np.ndarray,
        cause: np.ndarray,
        gap: np.ndarray,
        copies: np.ndarray,
        causes: Sequence[str],
    ) -> None:
        self._observations = observations
        self._judge = judge
        self._a, self._b = a, b
        self._verdict, self._cause, self._gap, self._copies = verdict, cause, gap, copies
        self._causes = tuple(causes)
        self._cache: list[Pair | None] | None = None

    @classmethod
    def empty(cls, observations: Sequence[Observation] = ()) -> PairTable:
        z = np.zeros(0, dtype=np.int32)
        return cls(observations, None, z, z, z.astype(np.int8), z.astype(np.int16), z, z.astype(bool), ())

    # -- columns ---------------------------------------------------------------------------

    @property
    def verdict_codes(self) -> np.ndarray:
        """The verdict of each pair: 0 agree, 1 changed_over_time, 2 conflict."""
        return self._verdict

    @property
    def positions(self) -> tuple[np.ndarray, np.ndarray]:
        """The positions of each pair's observations in the group."""
        return self._a, self._b

    def count(self, value: Any = None) -> int:
        """Number of pairs with a verdict (``count(Verdict.CONFLICT)``), or equal to a pair."""
        if isinstance(value, (Verdict, str)) and not isinstance(value, Pair):
            return int(np.count_nonzero(self._verdict == _VERDICT_CODE[Verdict(value)]))
        return sum(1 for p in self if p == value)

    def disputed_positions(self) -> set[int]:
        """Positions of the observations in a conflict pair."""
        hit = self._verdict == CONFLICT
        return set(self._a[hit].tolist()) | set(self._b[hit].tolist())

    # -- sequence --------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._a)

    @overload
    def __getitem__(self, index: int) -> Pair: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Pair, ...]: ...

    def __getitem__(self, index: int | slice) -> Pair | tuple[Pair, ...]:
        if isinstance(index, slice):
            return tuple(self[k] for k in range(*index.indices(len(self))))
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("pair index out of range")
        if self._cache is None:
            self._cache = [None] * n
        pair = self._cache[index]
        if pair is None:
            pair = self._cache[index] = self._make(index)
        return pair

    def __iter__(self) -> Iterator[Pair]:
        for k in range(len(self)):
            yield self[k]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (PairTable, tuple, list)):
            return len(self) == len(other) and all(x == y for x, y in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        counts = ", ".join(f"{self.count(v)} {v.value}" for v in _VERDICTS)
        return f"<PairTable: {len(self)} pairs ({counts})>"

    def __reduce__(self) -> tuple[Any, ...]:
        # the rule chain may not pickle (lambdas); explanations are written before pickling
        return (_rebuild, (tuple(self),))

    def _make(self, k: int) -> Pair:
        a = self._observations[int(self._a[k])]
        b = self._observations[int(self._b[k])]
        gap = int(self._gap[k])
        judge = self._judge
        explanation: str | Callable[[], str] = ""
        if judge is not None:
            explanation = _Explainer(judge, a, b)
        return Pair(
            a=a,
            b=b,
            verdict=_VERDICTS[int(self._verdict[k])],
            cause=self._causes[int(self._cause[k])],
            explanation=explanation,
            gap_days=None if gap == _NO_GAP else gap,
            copies=bool(self._copies[k]),
        )

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """The JSON form of each pair, in order, without keeping the pairs."""
        cache = self._cache
        for k in range(len(self)):
            pair = cache[k] if cache is not None else None
            yield (pair or self._make(k)).to_dict()


def _rebuild(pairs: tuple[Pair, ...]) -> Sequence[Pair]:
    return pairs


class _Explainer:
    """Writes a pair's explanation when it is read, by judging the pair again."""

    __slots__ = ("judge", "a", "b")

    def __init__(self, judge: GroupJudge, a: Observation, b: Observation) -> None:
        self.judge, self.a, self.b = judge, a, b

    def __call__(self) -> str:
        _, judgement = self.judge.judge(self.a, self.b)
        return "" if judgement is None else judgement.explanation

    def __reduce__(self) -> tuple[Any, ...]:
        return (str, (self(),))


def judge_pairs(
    observations: Sequence[Observation],
    judge: GroupJudge,
    i: np.ndarray,
    j: np.ndarray,
) -> PairTable:
    """Judge the pairs ``(observations[i[k]], observations[j[k]])`` into a :class:`PairTable`.

    Pairs whose judgement is ``None`` or has no verdict are left out.
    """
    a_col, b_col, gap_col = array("i"), array("i"), array("i")
    verdict_col, cause_col, copies_col = array("b"), array("h"), array("b")
    causes: dict[str, int] = {}
    run, compare = judge.run, judge.compare
    for ia, ib in zip(i.tolist(), j.tolist(), strict=True):
        cmp = compare(observations[ia], observations[ib])
        judgement = run(cmp)
        if judgement is None or judgement.verdict is None:
            continue
        cause = judgement.cause
        code = causes.get(cause)
        if code is None:
            code = causes[cause] = len(causes)
        a_col.append(ia)
        b_col.append(ib)
        verdict_col.append(_VERDICT_CODE[judgement.verdict])
        cause_col.append(code)
        gap = cmp.gap_days
        gap_col.append(_NO_GAP if gap is None else gap)
        copies_col.append(cmp.copies)
    return PairTable(
        observations,
        judge,
        np.frombuffer(a_col, dtype=np.int32) if len(a_col) else np.zeros(0, dtype=np.int32),
        np.frombuffer(b_col, dtype=np.int32) if len(b_col) else np.zeros(0, dtype=np.int32),
        np.frombuffer(verdict_col, dtype=np.int8) if len(verdict_col) else np.zeros(0, dtype=np.int8),
        np.frombuffer(cause_col, dtype=np.int16) if len(cause_col) else np.zeros(0, dtype=np.int16),
        np.frombuffer(gap_col, dtype=np.int32) if len(gap_col) else np.zeros(0, dtype=np.int32),
        np.frombuffer(copies_col, dtype=np.int8).astype(bool) if len(copies_col) else np.zeros(0, dtype=bool),
        list(causes),
    )
