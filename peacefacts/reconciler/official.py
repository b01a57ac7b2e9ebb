"""The official record in a reconciliation: the UN's own value beside the sources', as arbiter.

With ``reconcile(..., official=True)`` (``peacefacts reconcile --official``):

* :func:`with_official` adds, to each group the official tables can check, the official value
  at each date the sources speak of: an observation whose source is ``official`` (after the
  sources' observations) and a series point of rank ``official``, first among the points of its
  date (never ``preferred``: the policy still chooses among the sources);
* :class:`OfficialArbiter`, a verdict rule run after the default ones, says of every conflict
  between two sources which side the official record supports.

The official observations are not paired with the sources (what one source says against the
tables is :func:`peacefacts.verify`'s job); the checks are :mod:`peacefacts.official.checks`.

>>> from peacefacts.records import Fact, Figure
>>> from peacefacts.reconciler import reconcile
>>> rec = reconcile([
...     Fact(doc="army", subject="Pakistan", metric="fatalities_total", figure=Figure.exact(181), as_of="2024-05-31"),
...     Fact(doc="un", subject="Pakistan", metric="fatalities_total", figure=Figure.exact(170), as_of="2024-06-02"),
... ], official=True)
>>> [(p.as_of.__str__(), p.best, p.rank.value) for p in rec.groups[0].series]
[('2024-05-31', 170, 'official'), ('2024-05-31', 181, 'deprecated'), ('2024-06-02', 170, 'official'), ('2024-06-02', 170, 'preferred')]
>>> pair = rec.pairs[0]
>>> pair.verdict.value, pair.cause
('conflict', 'same_time_conflict')
>>> print(pair.explanation)
Pakistan fatalities_total: 181 (2024-05-31) vs 170 (2024-06-02): different figures within 2 days (6.1% apart); official record: 170 (all personnel; 166 uniformed) at 2024-05-31 and 2024-06-02 — it supports 170 (un), not 181 (army)
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Optional, Union

import attrs

from peacefacts.official.build import load_official
from peacefacts.official.checks import SCOPE_LABELS, Verification, check_fact
from peacefacts.official.checks import Verdict as OfficialVerdict
from peacefacts.official.tables import OfficialTables
from peacefacts.reconciler.model import Group, Observation, Point, Rank, Verdict
from peacefacts.reconciler.rules import Comparison, Judgement
from peacefacts.records import AsOfSource, Category, Fact, Figure, Qualifier

__all__ = ["OFFICIAL_SOURCE", "OfficialArbiter", "OfficialOption", "official_tables", "with_official"]

#: The ``source`` of official observations (and the prefix of their ``doc``: ``official:fatalities``).
OFFICIAL_SOURCE = "official"

#: What ``reconcile(official=...)`` takes: ``None`` or ``False`` (no official record), ``True``
#: (the bundled tables), a directory (``str`` or :class:`~pathlib.Path`: a newer download of the
#: published tables, or a bundle from ``python -m peacefacts.official build``), or loaded
#: :class:`~peacefacts.official.tables.OfficialTables`.
OfficialOption = Union[bool, str, Path, OfficialTables, None]


def official_tables(official: OfficialOption) -> Optional[OfficialTables]:
    """The tables ``reconcile(official=...)`` means.

    Args:
        official: see :data:`OfficialOption`.

    Returns:
        The tables, or ``None`` for ``None``/``False``.

    Raises:
        TypeError: ``official`` is none of those.
        OfficialDataError: the directory holds no readable official tables.
    """
    if official is None or official is False:
        return None
    if official is True:
        return load_official(None)
    if not isinstance(official, (str, os.PathLike, OfficialTables)):
        raise TypeError(
            "official= takes True (the bundled tables), a directory of official tables or OfficialTables, "
            f"not {type(official).__name__}"
        )
    return load_official(official)


@functools.lru_cache(maxsize=65536)
def _check(fact: Fact, tables: OfficialTables) -> Verification:
    return check_fact(fact, tables)


def _probe(group: Group, obs: Observation) -> Fact:
    """The group's claim at one observation's date, category and window (its value is not used)."""
    category = group.category if group.category in {c.value for c in Category} else None
    return attrs.evolve(obs.fact, category=category)


def _official_fact(probe: Fact, verification: Verification) -> Fact:
    scope, rng = verification.official[0]
    others = "; ".join(f"{r} {SCOPE_LABELS[s]}" for s, r in verification.official[1:])
    table = verification.table or "official"
    return Fact(
        doc=f"{OFFICIAL_SOURCE}:{table}",
        subject=probe.subject,
        metric=probe.metric,
        figure=Figure(value=rng.high, qualifier=Qualifier.EXACT if rng.low == rng.high else Qualifier.APPROX,
                      low=rng.low, high=rng.high, text=str(rng)),
        category=probe.category,
        as_of=probe.as_of,
        as_of_source=AsOfSource.EXPLICIT,
        since=probe.since,
        evidence=f"{rng} {SCOPE_LABELS[scope]}" + (f" ({others})" if others else "") + f": {_basis(verification)}",
        rule=f"official.{verification.check.value if verification.check else 'none'}",
    )


def _basis(verification: Verification) -> str:
    # the reason is "<claim> … (<scopes>): <basis>"; the basis says what the tables were asked
    return verification.reason.split("): ", 1)[-1]


def with_official(group: Group, tables: OfficialTables) -> Group:
    """``group`` with the official value at each date its sources speak of.

    Returns the group unchanged when the tables cannot check any of its observations.
    """
    found: dict[tuple[str, str], tuple[Fact, Verification]] = {}
    for obs in group.observations:
        if obs.as_of is None or obs.source == OFFICIAL_SOURCE:
            continue
        probe = _probe(group, obs)
        key = (str(probe.as_of), str(probe.since))
        if key in found:
            continue
        verification = _check(attrs.evolve(probe, scope=group.scope), tables)
        if verification.checked and verification.official:
            found[key] = (_official_fact(probe, verification), verification)
    if not found:
        return group
    observations = [Observation.from_fact(fact, source=OFFICIAL_SOURCE) for fact, _ in found.values()]
    points = [
        Point(
            as_of=fact.as_of, best=fact.value, qualifier=fact.qualifier, low=fact.low, high=fact.high,
            sources=1, docs=(fact.doc,), rank=Rank.OFFICIAL, reason=f"official record: {fact.evidence}",
        )
        for fact, _ in found.values()
    ]
    # official points first among points of the same date: the record, then what sources said
    dated = sorted([*points, *(p for p in group.series if p.as_of is not None)],
                   key=lambda p: (p.as_of.sort_key(), p.rank is not Rank.OFFICIAL))  # type: ignore[union-attr]
    undated = [p for p in group.series if p.as_of is None]
    return attrs.evolve(
        group,
        # after the sources' observations, so the positions the group's pairs refer to stay valid
        observations=(*group.observations, *sorted(observations, key=Observation.sort_key)),
        series=(*dated, *undated),
    )


# a bound that holds far from the record ("at least 100" of 3,119) supports no figure: it ranks
# with a figure that differs, and the closer of the two is named
_VERDICT_RANK = {OfficialVerdict.MATCHES: 0, OfficialVerdict.NEAR: 1, OfficialVerdict.UNINFORMATIVE: 2,
                 OfficialVerdict.DIFFERS: 2}


class OfficialArbiter:
    """A verdict rule: a conflict between two sources says which side the official record supports.

    Appended after the default rules (``reconcile(..., official=True)`` does it); it leaves
    every other judgement alone. The side supported is the one the tables judge better
    (``matches`` over ``near`` over ``differs``); a bound that holds only far from the record
    (``uninformative``: "at least 100" of 3,119) supports nothing and ranks with ``differs``.
    Between two sides judged alike, the closer one is named.
    """

    def __init__(self, tables: OfficialTables):
        self.tables = tables

    def __reduce__(self) -> tuple[Any, ...]:
        # worker processes reload the tables from where they came (cached there) instead of
        # receiving them pickled
        origin = None if self.tables.origin == "bundled" else self.tables.origin
        return (_arbiter_from, (origin,))

    def __call__(self, cmp: Comparison, judgement: Optional[Judgement]) -> Optional[Judgement]:
        if judgement is None or judgement.verdict is not Verdict.CONFLICT:
            return judgement
        if OFFICIAL_SOURCE in (cmp.a.source, cmp.b.source):
            return judgement
        va, vb = (_check(o.fact, self.tables) for o in (cmp.a, cmp.b))
        if not (va.checked and vb.checked) or va.difference is None or vb.difference is None:
            return judgement
        rank_a = (_VERDICT_RANK[va.verdict], abs(va.difference))
        rank_b = (_VERDICT_RANK[vb.verdict], abs(vb.difference))
        values = [f"{_official_value(va)} at {cmp.a.as_of}"]
        if str(va.official_value()) != str(vb.official_value()):
            values.append(f"{vb.official_value()} at {cmp.b.as_of}")
        elif str(cmp.a.as_of) != str(cmp.b.as_of):
            values[0] += f" and {cmp.b.as_of}"
        def name(o: Observation) -> str:
            return f"{o.describe().split(' (')[0]} ({o.doc})"

        closer, farther = (cmp.a, cmp.b) if rank_a <= rank_b else (cmp.b, cmp.a)
        if va.verdict is vb.verdict is OfficialVerdict.MATCHES:
            side = "it agrees with both"
        elif rank_a[0] != rank_b[0]:
            side = f"it supports {name(closer)}, not {name(farther)}"
        else:
            word = "it supports neither" if rank_a[0] == 2 else "both are near it"
            side = word if rank_a == rank_b else f"{word}; {name(closer)} is closer"
        note = f"official record: {', '.join(values)} — {side}"
        return attrs.evolve(judgement, explanation=f"{judgement.explanation}; {note}")


def _official_value(v: Verification) -> str:
    first = f"{v.official_value()} ({SCOPE_LABELS[v.scope or 'all']}"
    others = [f"{r} {SCOPE_LABELS[s]}" for s, r in v.official if s != v.scope]
    return first + ("; " + "; ".join(others) if others else "") + ")"


def _arbiter_from(origin: Optional[str]) -> OfficialArbiter:
    return OfficialArbiter(load_official(origin))
