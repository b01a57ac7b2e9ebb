"""`reconcile`: facts from many documents → groups, pairs, series and copies.

Pure: no I/O, no clock, no randomness. Every collection is sorted on complete keys before it is
used, so the same input in any order gives byte-identical JSON.

Scale: groups are independent and built one at a time (in worker processes with
``n_process``); within a group, observations are sorted once and each is judged against its
neighbours in time and the group's series (:mod:`peacefacts.reconciler.pairs`), so a group of
``n`` observations costs O(n log n) time and O(n) memory; verdicts are kept as columns and
explanations are written when read. :meth:`Reconciliation.write_json` streams the JSON.
"""

from __future__ import annotations

import bisect
import io
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import IO, TYPE_CHECKING, Any, overload

import attrs
import numpy as np

from peacefacts.io.convert import from_record
from peacefacts.reconciler.copies import CopyPair, copy_clusters, document_fingerprint, find_copies
from peacefacts.reconciler.grouping import category_class, scope_key, subject_key, windows
from peacefacts.reconciler.model import Group, Observation, Pair, Policy, Verdict, fact_key
from peacefacts.reconciler.pairs import (
    CHANGED_OVER_TIME,
    CONFLICT,
    DEFAULT_NEIGHBOURS,
    GroupJudge,
    PairTable,
    candidate_pairs,
    judge_pairs,
)
from peacefacts.reconciler.rules import DEFAULT_RULES, Rule, compile_rules
from peacefacts.reconciler.series import plan_series
from peacefacts.records import (
    Document,
    ErrorRecord,
    ExtractionResult,
    Fact,
    Person,
    WarningRecord,
    render_html,
)

if TYPE_CHECKING:  # the official tables load only when asked for
    from peacefacts.reconciler.official import OfficialOption

__all__ = [
    "Reconciliation",
    "reconcile",
    "Input",
    "GroupKey",
    "partition_facts",
    "build_group",
    "group_payload",
    "group_from_payload",
    "group_order",
]

#: What :func:`reconcile` accepts, mixed freely (as :func:`peacefacts.io.jsonl.read_records`
#: returns them, or JSON dicts in that form). People and error records are ignored.
Input = ExtractionResult | Fact | Document | Person | ErrorRecord | WarningRecord | dict[str, Any]

#: (subject key, metric, category class, scope key, window): what makes a group.
GroupKey = tuple[str, str, str, str | None, str]

_VERDICT_ORDER = {Verdict.CONFLICT: 0, Verdict.CHANGED_OVER_TIME: 1, Verdict.AGREE: 2}


def _codes(pairs: Sequence[Pair]) -> np.ndarray:
    """The verdict codes of a group's pairs (a table keeps them; a plain tuple is read)."""
    if isinstance(pairs, PairTable):
        return pairs.verdict_codes
    order = {Verdict.AGREE: 0, Verdict.CHANGED_OVER_TIME: 1, Verdict.CONFLICT: 2}
    return np.asarray([order[p.verdict] for p in pairs], dtype=np.int8)


class PairView(Sequence[Pair]):
    """A read-only sequence of pairs taken from several groups, made on access."""

    __slots__ = ("_groups", "_rows", "_offsets")

    def __init__(self, groups: Sequence[Group], rows: Sequence[tuple[int, np.ndarray | None]]):
        # rows: (group index, positions of the pairs in that group, or None for all of them)
        self._groups = groups
        self._rows = [(g, r) for g, r in rows if (len(groups[g].pairs) if r is None else len(r))]
        sizes = [len(groups[g].pairs) if r is None else len(r) for g, r in self._rows]
        self._offsets = np.cumsum([0, *sizes]).tolist()

    def __len__(self) -> int:
        return int(self._offsets[-1])

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
        part = bisect.bisect_right(self._offsets, index) - 1
        g, rows = self._rows[part]
        k = index - self._offsets[part]
        return self._groups[g].pairs[k if rows is None else int(rows[k])]

    def __iter__(self) -> Iterator[Pair]:
        for g, rows in self._rows:
            pairs = self._groups[g].pairs
            if rows is None:
                yield from pairs
            else:
                for k in rows.tolist():
                    yield pairs[k]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Sequence)) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and all(x == y for x, y in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"<{len(self)} pairs>"


@attrs.frozen(kw_only=True)
class Reconciliation:
    """The result of :func:`reconcile`.

    Attributes:
        groups: one per (subject, metric, comparable scope), sorted.
        copies: pairs of documents that are one article, sorted.
        policy: the selection policy used for the series ranks.
    """

    groups: tuple[Group, ...]
    copies: tuple[CopyPair, ...]
    policy: Policy

    @property
    def pairs(self) -> Sequence[Pair]:
        """Every pair of every group, in group order (a sequence made on access)."""
        return PairView(self.groups, [(g, None) for g in range(len(self.groups))])

    def verdict_counts(self) -> dict[Verdict, int]:
        """Number of pairs of each verdict, without making the pairs."""
        counts = np.zeros(3, dtype=np.int64)
        for group in self.groups:
            counts += np.bincount(_codes(group.pairs), minlength=3)[:3]
        return {Verdict.AGREE: int(counts[0]), Verdict.CHANGED_OVER_TIME: int(counts[1]), Verdict.CONFLICT: int(counts[2])}

    def discrepancies(self) -> Sequence[Pair]:
        """Pairs whose verdict is not ``agree``: conflicts first, then changes over time.

        Each pair carries its ``cause`` and a readable ``explanation``. A sequence made on
        access: a million-fact reconciliation does not build a million pairs to list them.
        """
        rows: list[tuple[int, np.ndarray | None]] = []
        codes = [_codes(g.pairs) for g in self.groups]
        for wanted in (CONFLICT, CHANGED_OVER_TIME):
            rows += [(g, np.flatnonzero(c == wanted)) for g, c in enumerate(codes)]
        return PairView(self.groups, rows)

    def _repr_html_(self) -> str | None:  # notebook display (peacefacts.display, registered by the package)
        return render_html("reconciliation", self)

    def __repr__(self) -> str:
        counts = self.verdict_counts()
        n = sum(counts.values())
        shown = ", ".join(
            f"{counts[v]} {v.value}" for v in (Verdict.CONFLICT, Verdict.CHANGED_OVER_TIME, Verdict.AGREE)
        )
        return f"<Reconciliation: {len(self.groups)} groups, {n} pairs ({shown}), {len(self.copies)} copies>"

    def group(self, subject: str, metric: str) -> tuple[Group, ...]:
        """The groups of one subject and metric (several when scopes differ)."""
        key = subject_key(subject)
        return tuple(g for g in self.groups if subject_key(g.subject) == key and g.metric.value == str(metric))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``peacefacts reconcile --format json``."""
        return {
            "policy": self.policy.value,
            "groups": [g.to_dict() for g in self.groups],
            "copies": [c.to_dict() for c in self.copies],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as a JSON string (stable: same input, same bytes)."""
        out = io.StringIO()
        self.write_json(out, indent=indent)
        return out.getvalue()

    def write_json(self, stream: IO[str], indent: int | None = 2) -> None:
        """Write :meth:`to_json`'s text to ``stream`` a record at a time.

        The same bytes as ``json.dumps(self.to_dict(), indent=indent)``, without holding the
        whole document (or every pair's explanation) in memory at once.
        """
        from peacefacts.reconciler.stream import write_reconciliation

        write_reconciliation(self, stream, indent)


def _collect(items: Iterable[Any], documents: Iterable[Document]) -> tuple[list[Fact], dict[str, Document]]:
    facts: set[Fact] = set()
    docs: dict[str, list[Document]] = {}

    def add(item: Any) -> None:
        if isinstance(item, dict):
            item = from_record(item)
        if isinstance(item, ExtractionResult):
            docs.setdefault(item.document.id, []).append(item.document)
            facts.update(item.facts)
        elif isinstance(item, Fact):
            facts.add(item)
        elif isinstance(item, Document):
            docs.setdefault(item.id, []).append(item)
        elif isinstance(item, (Person, ErrorRecord, WarningRecord)):
            pass
        else:
            raise TypeError(f"reconcile() takes extraction results, facts or documents, not {type(item).__name__}")

    for item in items:
        add(item)
    for doc in documents:
        add(doc)
    # the same document given twice (a result and a record): keep the one that can be compared
    chosen = {
        doc_id: max(versions, key=lambda d: (d.fingerprint is not None, len(d.text), str(d.fingerprint)))
        for doc_id, versions in docs.items()
    }
    return list(facts), chosen


def partition_facts(facts: Iterable[Fact]) -> dict[GroupKey, list[Fact]]:
    """Facts by group: subject, metric, category class, scope, then period window.

    The same partition whatever the order of ``facts``; each list keeps the input order.
    """
    partitions: dict[tuple[Any, ...], list[Fact]] = {}
    for fact in facts:
        key = (subject_key(fact.subject), fact.metric.value, category_class(fact.category), scope_key(fact.scope))
        partitions.setdefault(key, []).append(fact)
    buckets: dict[GroupKey, list[Fact]] = {}
    for key, members in partitions.items():
        labels = windows(members)
        for i, fact in enumerate(members):
            buckets.setdefault((*key, labels[i] or ""), []).append(fact)
    return buckets


def _group_order(key: GroupKey) -> tuple[Any, ...]:
    return key[:3] + (key[3] or "", key[4])


def _sorted_observations(facts: Sequence[Fact], source_of: Mapping[str, str]) -> tuple[list[Observation], list[int]]:
    """The facts as observations in the group's order, and the order (positions in ``facts``)."""
    observations = [Observation.from_fact(f, source_of.get(f.doc, f.doc)) for f in facts]
    # dated first in date order, then undated; ties broken on the whole fact (determinism);
    # the fact's JSON key is made for this sort only, not kept
    keys = [
        (o.span is None, o.span[:2] if o.span is not None else (), fact_key(o.fact)) for o in observations
    ]
    order = sorted(range(len(observations)), key=keys.__getitem__)
    return [observations[k] for k in order], order


def build_group(
    key: GroupKey,
    facts: Sequence[Fact],
    *,
    source_of: Mapping[str, str] | None = None,
    similarity: dict[frozenset[str], float] | None = None,
    policy: Policy | str = Policy.LATEST,
    rules: Sequence[Rule] | None = None,
    neighbours: int | None = DEFAULT_NEIGHBOURS,
) -> Group:
    """Build one group from its facts (as :func:`partition_facts` gives them).

    Groups are independent: this is what :func:`reconcile` runs for each, in this process or in
    a worker, and what :mod:`peacefacts.dask` runs on each partition of a shuffle.

    Args:
        key: the group's key.
        facts: the group's facts, in any order.
        source_of: document id → copy cluster id (documents not in it are their own source).
        similarity: ``frozenset({a, b})`` → similarity, for document pairs that are copies.
        policy: the selection policy of the series.
        rules: the verdict rule chain (default :data:`~peacefacts.reconciler.rules.DEFAULT_RULES`).
        neighbours: observations before each one, in date order, that it is judged against
            (``None``: every pair; see :mod:`peacefacts.reconciler.pairs`).
    """
    chain = tuple(DEFAULT_RULES if rules is None else rules)
    return _build_group(key, facts, source_of or {}, similarity or {}, Policy(policy), compile_rules(chain), neighbours)


def _build_group(
    key: GroupKey,
    facts: Sequence[Fact],
    source_of: Mapping[str, str],
    similarity: dict[frozenset[str], float],
    policy: Policy,
    run: Any,
    neighbours: int | None,
) -> Group:
    return _build_group_ordered(key, facts, source_of, similarity, policy, run, neighbours)[0]


def _build_group_ordered(
    key: GroupKey,
    facts: Sequence[Fact],
    source_of: Mapping[str, str],
    similarity: dict[frozenset[str], float],
    policy: Policy,
    run: Any,
    neighbours: int | None,
) -> tuple[Group, list[int]]:
    _, _, category, scope, window = key
    sorted_observations, order = _sorted_observations(facts, source_of)
    observations = tuple(sorted_observations)
    # the name as written: the smallest spelling, so it does not depend on input order
    subject = min(f.subject for f in facts)
    scope_name = min((f.scope for f in facts if f.scope), default=None)
    metric = facts[0].metric
    plan = plan_series(observations, metric, policy)
    doc_number: dict[str, int] = {}
    docs = [doc_number.setdefault(o.doc, len(doc_number)) for o in observations]
    i, j = candidate_pairs(docs, neighbours, plan.heads, plan.preferred_head)
    judge = GroupJudge(subject, metric, run, similarity)
    table = judge_pairs(observations, judge, i, j)
    group = Group(
        subject=subject,
        metric=metric,
        category=category,
        scope=scope_name if scope is not None else None,
        window=window or None,
        observations=observations,
        pairs=table,
        series=plan.points(table.disputed_positions()),
    )
    return group, order


def reconcile(
    results_or_facts: Iterable[Input],
    *,
    documents: Iterable[Document] | None = None,
    policy: Policy | str = Policy.LATEST,
    rules: Sequence[Rule] | None = None,
    neighbours: int | None = DEFAULT_NEIGHBOURS,
    n_process: int = 1,
    official: OfficialOption = None,
) -> Reconciliation:
    """Group facts from many documents, pair them with verdicts, rank series, find copies.

    Args:
        results_or_facts: extraction results, or facts plus documents, or the mixed records
            :func:`peacefacts.io.jsonl.read_records` returns (people and errors are ignored).
        documents: more documents (for their fingerprints or text, to find copies).
        policy: ``"latest"`` (default) or ``"conservative"``; chooses each series' preferred point.
        rules: the verdict rule chain; defaults to :data:`~peacefacts.reconciler.rules.DEFAULT_RULES`.
        neighbours: each observation is judged against this many observations before it in
            date order, and against its series' points (a group no larger than
            ``neighbours + 1`` is judged exhaustively); ``None`` judges every pair (quadratic).
        n_process: build groups in this many worker processes (forked where the platform
            allows); 1 builds them here.
        official: ``None``/``False`` (default: no official record), ``True`` (the bundled
            tables), a directory (``str`` or ``Path``: a newer download of the published tables,
            or a built bundle), or :class:`~peacefacts.official.tables.OfficialTables`
            (:data:`~peacefacts.reconciler.official.OfficialOption`): each checkable group gets the
            official value as an observation and a series point of rank ``official``, and each
            conflict says which side the official record supports
            (:mod:`peacefacts.reconciler.official`).

    Returns:
        A :class:`Reconciliation`.

    Raises:
        TypeError: an item is not a record reconcile understands, or ``official`` is none of
            the above.
        OfficialDataError: ``official`` names a directory without readable official tables.
        ValueError: an unknown policy, or ``neighbours``/``n_process`` below 1.

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> facts = [
        ...     Fact(doc="mofa", subject="Pakistan", metric="fatalities_total",
        ...          figure=Figure.exact(161), as_of="2021-10-26"),
        ...     Fact(doc="arabnews", subject="Pakistan", metric="fatalities_total",
        ...          figure=Figure.exact(181), as_of="2024-05", since="1960"),
        ... ]
        >>> pair = reconcile(facts).pairs[0]
        >>> pair.verdict.value, pair.cause
        ('changed_over_time', 'stale_figure')
        >>> pair.explanation
        'Pakistan fatalities_total: 161 (2021-10-26) → 181 (2024-05): +20 in 31 months, consistent with a growing cumulative count'
    """
    policy = Policy(policy)
    if neighbours is not None and neighbours < 1:
        raise ValueError(f"neighbours must be at least 1 (or None for every pair), not {neighbours}")
    if n_process < 1:
        raise ValueError(f"n_process must be at least 1, not {n_process}")
    chain = tuple(DEFAULT_RULES if rules is None else rules)
    tables = None
    if official is not None and official is not False:
        from peacefacts.reconciler.official import OfficialArbiter, official_tables, with_official

        tables = official_tables(official)
        if tables is not None:
            chain = (*chain, OfficialArbiter(tables))
    facts, docs = _collect(results_or_facts, documents or ())

    fingerprints = {doc_id: document_fingerprint(doc) for doc_id, doc in sorted(docs.items())}
    copies = find_copies({k: v for k, v in fingerprints.items() if v is not None})
    similarity = {frozenset((c.a, c.b)): c.similarity for c in copies}
    # only documents that are copies need a lookup; every other document is its own source
    clusters = copy_clusters(sorted({doc for c in copies for doc in (c.a, c.b)}), copies)
    source_of = {doc: root for doc, root in clusters.items() if root != doc}

    buckets = partition_facts(facts)
    del facts
    keys = sorted(buckets, key=_group_order)
    if n_process > 1 and len(keys) > 1:
        groups = _build_parallel(keys, buckets, source_of, similarity, policy, chain, neighbours, n_process)
    else:
        run = compile_rules(chain)
        groups = [
            _build_group(key, buckets.pop(key), source_of, similarity, policy, run, neighbours) for key in keys
        ]
    if tables is not None:
        groups = [with_official(group, tables) for group in groups]
    return Reconciliation(groups=tuple(groups), copies=copies, policy=policy)


# -- worker processes ----------------------------------------------------------------------------

#: what forked workers read instead of receiving it pickled (set just before the pool starts)
_SHARED: dict[str, Any] = {}


def _worker_groups(task: tuple[list[GroupKey], list[list[Fact]] | None]) -> list[tuple[Any, ...]]:
    keys, payload = task
    state = _SHARED
    run = compile_rules(state["chain"])
    out = []
    for n, key in enumerate(keys):
        facts = payload[n] if payload is not None else state["buckets"][key]
        group, order = _build_group_ordered(
            key, facts, state["source_of"], state["similarity"], state["policy"], run, state["neighbours"]
        )
        # the parent has the facts: send back their order, not the observations (pickling
        # records costs more than building them)
        table = group.pairs
        assert isinstance(table, PairTable)
        a, b = table.positions
        columns = (a, b, table.verdict_codes, table._cause, table._gap, table._copies, table._causes)
        shell = attrs.evolve(group, observations=(), pairs=())
        out.append((key, np.asarray(order, dtype=np.int32), shell, columns))
    return out


def _worker_init(state: dict[str, Any]) -> None:
    _SHARED.update(state)


def group_payload(group: Group) -> tuple[Group, tuple[Any, ...]]:
    """A group as it travels between processes: the group without its pairs, and the pair
    table's columns (the rule chain, which may not pickle, stays behind)."""
    table = group.pairs
    assert isinstance(table, PairTable)
    a, b = table.positions
    return attrs.evolve(group, pairs=()), (a, b, table.verdict_codes, table._cause, table._gap, table._copies, table._causes)


def group_from_payload(
    payload: tuple[Group, tuple[Any, ...]], *, similarity: dict[frozenset[str], float], rules: Sequence[Rule] | None = None
) -> Group:
    """The group :func:`group_payload` sent, with its pairs judged by ``rules`` when read."""
    shell, columns = payload
    run = compile_rules(tuple(DEFAULT_RULES if rules is None else rules))
    judge = GroupJudge(shell.subject, shell.metric, run, similarity)
    return attrs.evolve(shell, pairs=PairTable(shell.observations, judge, *columns))


def group_order(group: Group) -> tuple[Any, ...]:
    """The order of groups in a reconciliation (as :func:`reconcile` sorts them)."""
    key = (subject_key(group.subject), group.metric.value, group.category, scope_key(group.scope), group.window or "")
    return _group_order(key)


def _build_parallel(
    keys: list[GroupKey],
    buckets: dict[GroupKey, list[Fact]],
    source_of: dict[str, str],
    similarity: dict[frozenset[str], float],
    policy: Policy,
    chain: tuple[Rule, ...],
    neighbours: int | None,
    n_process: int,
) -> list[Group]:
    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods and os.name == "posix"
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    state = {"source_of": source_of, "similarity": similarity, "policy": policy, "chain": chain, "neighbours": neighbours}
    # about four tasks per worker, of balanced size, so one huge group does not idle the rest
    sizes = [len(buckets[k]) for k in keys]
    target = max(1, sum(sizes) // (n_process * 4))
    tasks: list[list[GroupKey]] = [[]]
    filled = 0
    for key, size in zip(keys, sizes, strict=True):
        if filled >= target:
            tasks.append([])
            filled = 0
        tasks[-1].append(key)
        filled += size
    run = compile_rules(chain)
    groups: list[Group] = []
    if fork:
        _SHARED.clear()
        _SHARED.update(state, buckets=buckets)
        initargs: tuple[Any, ...] = ({},)
        payloads: list[tuple[Any, ...]] = [(t, None) for t in tasks]
    else:
        initargs = (state,)
        payloads = [(t, [buckets[k] for k in t]) for t in tasks]
    try:
        with ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_worker_init, initargs=initargs) as pool:
            for results in pool.map(_worker_groups, payloads):
                for key, order, shell, columns in results:
                    facts = buckets[key]
                    observations = tuple(
                        Observation.from_fact(facts[k], source_of.get(facts[k].doc, facts[k].doc))
                        for k in order.tolist()
                    )
                    judge = GroupJudge(shell.subject, shell.metric, run, similarity)
                    table = PairTable(observations, judge, *columns)
                    groups.append(attrs.evolve(shell, observations=observations, pairs=table))
    finally:
        _SHARED.clear()
    return groups
