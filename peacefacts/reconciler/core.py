"""`reconcile`: facts from many documents → groups, pairs, series and copies.

Pure: no I/O, no clock, no randomness. Every collection is sorted on complete keys before it is
used, so the same input in any order gives byte-identical JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from peacefacts.io.convert import from_record
from peacefacts.reconciler.copies import CopyPair, copy_clusters, document_fingerprint, find_copies
from peacefacts.reconciler.grouping import category_class, scope_key, subject_key, windows
from peacefacts.reconciler.model import Group, Observation, Pair, Policy, Verdict, fact_key
from peacefacts.reconciler.rules import DEFAULT_RULES, Comparison, Rule, judge
from peacefacts.reconciler.series import build_series
from peacefacts.records import Document, ErrorRecord, ExtractionResult, Fact, Person, render_html

__all__ = ["Reconciliation", "reconcile", "Input"]

#: What :func:`reconcile` accepts, mixed freely (as :func:`peacefacts.io.jsonl.read_records`
#: returns them, or JSON dicts in that form). People and error records are ignored.
Input = ExtractionResult | Fact | Document | Person | ErrorRecord | dict

_VERDICT_ORDER = {Verdict.CONFLICT: 0, Verdict.CHANGED_OVER_TIME: 1, Verdict.AGREE: 2}


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
    def pairs(self) -> tuple[Pair, ...]:
        """Every pair of every group, in group order."""
        return tuple(p for g in self.groups for p in g.pairs)

    def discrepancies(self) -> tuple[Pair, ...]:
        """Pairs whose verdict is not ``agree``: conflicts first, then changes over time.

        Each pair carries its ``cause`` and a readable ``explanation``.
        """
        ranked = [(i, p) for i, p in enumerate(self.pairs) if p.verdict is not Verdict.AGREE]
        ranked.sort(key=lambda ip: (_VERDICT_ORDER[ip[1].verdict], ip[0]))
        return tuple(p for _, p in ranked)

    def _repr_html_(self) -> str | None:  # notebook display (peacefacts.display, registered by the package)
        return render_html("reconciliation", self)

    def __repr__(self) -> str:
        verdicts = [p.verdict.value for p in self.pairs]
        counts = ", ".join(f"{verdicts.count(v)} {v}" for v in ("conflict", "changed_over_time", "agree"))
        return f"<Reconciliation: {len(self.groups)} groups, {len(verdicts)} pairs ({counts}), {len(self.copies)} copies>"

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
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


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
        elif isinstance(item, (Person, ErrorRecord)):
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
    return sorted(facts, key=fact_key), chosen


def reconcile(
    results_or_facts: Iterable[Input],
    *,
    documents: Iterable[Document] | None = None,
    policy: Policy | str = Policy.LATEST,
    rules: Sequence[Rule] | None = None,
) -> Reconciliation:
    """Group facts from many documents, pair them with verdicts, rank series, find copies.

    Args:
        results_or_facts: extraction results, or facts plus documents, or the mixed records
            :func:`peacefacts.io.jsonl.read_records` returns (people and errors are ignored).
        documents: more documents (for their fingerprints or text, to find copies).
        policy: ``"latest"`` (default) or ``"conservative"``; chooses each series' preferred point.
        rules: the verdict rule chain; defaults to :data:`~peacefacts.reconciler.rules.DEFAULT_RULES`.

    Returns:
        A :class:`Reconciliation`.

    Raises:
        TypeError: an item is not a record reconcile understands.
        ValueError: an unknown policy.

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
    chain = tuple(DEFAULT_RULES if rules is None else rules)
    facts, docs = _collect(results_or_facts, documents or ())

    fingerprints = {doc_id: document_fingerprint(doc) for doc_id, doc in sorted(docs.items())}
    copies = find_copies({k: v for k, v in fingerprints.items() if v is not None})
    similarity = {frozenset((c.a, c.b)): c.similarity for c in copies}
    source_of = copy_clusters(sorted({f.doc for f in facts} | set(docs)), copies)

    # partition by subject, metric, category class and scope; then split by period window
    partitions: dict[tuple, list[Fact]] = {}
    for fact in facts:
        key = (subject_key(fact.subject), fact.metric.value, category_class(fact.category), scope_key(fact.scope))
        partitions.setdefault(key, []).append(fact)
    buckets: dict[tuple, list[Fact]] = {}
    for key, members in partitions.items():
        labels = windows(members)
        for i, fact in enumerate(members):
            buckets.setdefault((*key, labels[i] or ""), []).append(fact)

    groups = [
        _build_group(key, members, source_of, similarity, policy, chain)
        for key, members in sorted(buckets.items(), key=lambda kv: kv[0][:3] + (kv[0][3] or "", kv[0][4]))
    ]
    return Reconciliation(groups=tuple(groups), copies=copies, policy=policy)


def _build_group(
    key: tuple,
    facts: list[Fact],
    source_of: dict[str, str],
    similarity: dict[frozenset, float],
    policy: Policy,
    rules: tuple[Rule, ...],
) -> Group:
    _, _, category, scope, window = key
    observations = tuple(
        sorted((Observation.from_fact(f, source_of.get(f.doc, f.doc)) for f in facts), key=Observation.sort_key)
    )
    # the name as written: the smallest spelling, so it does not depend on input order
    subject = min(f.subject for f in facts)
    scope_name = min((f.scope for f in facts if f.scope), default=None)
    metric = facts[0].metric
    pairs: list[Pair] = []
    for i, a in enumerate(observations):
        for b in observations[i + 1 :]:
            if a.doc == b.doc:
                continue  # figures of one document are not evidence about each other
            sim = similarity.get(frozenset((a.doc, b.doc)))
            cmp = Comparison(subject=subject, metric=metric, a=a, b=b, copies=sim is not None, similarity=sim)
            judgement = judge(cmp, rules)
            if judgement is None or judgement.verdict is None:
                continue
            pairs.append(
                Pair(
                    a=a,
                    b=b,
                    verdict=judgement.verdict,
                    cause=judgement.cause,
                    explanation=judgement.explanation,
                    gap_days=cmp.gap_days,
                    copies=cmp.copies,
                )
            )
    series = build_series(observations, tuple(pairs), metric, policy)
    return Group(
        subject=subject,
        metric=metric,
        category=category,
        scope=scope_name if scope is not None else None,
        window=window or None,
        observations=observations,
        pairs=tuple(pairs),
        series=series,
    )
