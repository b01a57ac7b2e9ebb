"""Reconciliation: where sources disagree, and why.

Works on :class:`~peacefacts.records.Fact` records only and never imports spaCy, so last
month's JSONL can be reconciled without loading a model. No I/O, no clock: the same input, in
any order, gives byte-identical JSON.

>>> from peacefacts.records import Fact, Figure
>>> rec = reconcile([
...     Fact(doc="a", subject="Ireland", metric="fatalities_total", figure=Figure.exact(86), as_of="2007"),
...     Fact(doc="b", subject="Ireland", metric="fatalities_total", figure=Figure.exact(85), as_of="2008-06-26"),
... ])
>>> [(p.verdict.value, p.cause) for p in rec.discrepancies()]
[('conflict', 'cumulative_decrease')]
>>> rec.groups[0].preferred.best
85

The package is ``peacefacts.reconciler`` so that ``peacefacts.reconcile`` can be the function.
"""

from peacefacts.reconciler.copies import CopyPair, document_fingerprint, find_copies, fingerprint_text
from peacefacts.reconciler.core import Reconciliation, build_group, partition_facts, reconcile
from peacefacts.reconciler.model import Cause, Group, Observation, Pair, Point, Policy, Rank, Verdict
from peacefacts.reconciler.pairs import DEFAULT_NEIGHBOURS, PairTable
from peacefacts.reconciler.report import format_table
from peacefacts.reconciler.rules import DEFAULT_RULES, Comparison, Judgement, Rule, first_match, judge

__all__ = [
    "reconcile",
    "Reconciliation",
    "build_group",
    "partition_facts",
    "DEFAULT_NEIGHBOURS",
    "PairTable",
    "Group",
    "Observation",
    "Pair",
    "Point",
    "CopyPair",
    "Verdict",
    "Cause",
    "Rank",
    "Policy",
    "Judgement",
    "Comparison",
    "Rule",
    "DEFAULT_RULES",
    "first_match",
    "judge",
    "fingerprint_text",
    "document_fingerprint",
    "find_copies",
    "format_table",
]

