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

The package itself is callable and means :func:`reconcile`, so ``peacefacts.reconcile(facts)``
works whether ``peacefacts.reconcile`` names this package (once anything imported it) or the
function (``peacefacts.__getattr__`` exports it lazily under the same name).
"""

import sys
import types

from peacefacts.reconcile.copies import CopyPair, document_fingerprint, find_copies, fingerprint_text
from peacefacts.reconcile.core import Reconciliation, reconcile
from peacefacts.reconcile.model import Cause, Group, Observation, Pair, Point, Policy, Rank, Verdict
from peacefacts.reconcile.report import format_table
from peacefacts.reconcile.rules import DEFAULT_RULES, Comparison, Judgement, Rule, first_match, judge

__all__ = [
    "reconcile",
    "Reconciliation",
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


class _CallableModule(types.ModuleType):
    """This package, callable as :func:`reconcile` (see the module docstring)."""

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return reconcile(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
