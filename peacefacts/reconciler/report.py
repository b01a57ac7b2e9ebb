"""A report a person reads: one block per disagreement, both sides' evidence, the explanation.

Pure: builds a string (the CLI prints it for ``--format table``).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from peacefacts.reconciler.model import Group, Observation, Pair, Rank, Verdict, format_value
from peacefacts.reconciler.pairs import PairTable

if TYPE_CHECKING:  # pragma: no cover
    from peacefacts.reconciler.core import Reconciliation

__all__ = ["format_table"]

_WIDTH = 100


def _side(label: str, obs: Observation) -> list[str]:
    f = obs.fact
    details = [f"{format_value(f.value, f.qualifier)} {f.qualifier.value}", f"as of {obs.as_of or 'undated'}"]
    if f.since is not None:
        details.append(f"since {f.since}")
    if f.category is not None:
        details.append(f.category.value)
    if f.scope:
        details.append(f"scope {f.scope}")
    lines = [f"  {label}: {f.doc}", f"     {', '.join(details)}"]
    if f.evidence:
        quoted = textwrap.wrap(f"“{f.evidence}”", width=_WIDTH - 5)
        lines += [f"     {line}" for line in quoted]
    return lines


def _block(pair: Pair, group_label: str) -> list[str]:
    title = f"{pair.verdict.value.upper()}  {group_label}  [{pair.cause}]"
    if pair.copies:
        title += "  (copies of one article)"
    lines = [title]
    lines += [f"  {line}" for line in textwrap.wrap(pair.explanation, width=_WIDTH - 2)]
    lines += _side("a", pair.a)
    lines += _side("b", pair.b)
    return lines


def _block_key(pair: Pair, label: str) -> tuple[Any, ...]:
    def side(obs: Observation) -> tuple[Any, ...]:
        return (obs.source, obs.value, obs.qualifier.value, str(obs.as_of))

    return (label, side(pair.a), side(pair.b), pair.verdict.value, pair.cause)


def _has_discrepancy(group: Group) -> bool:
    pairs = group.pairs
    if isinstance(pairs, PairTable):
        return bool((pairs.verdict_codes != 0).any())
    return any(p.verdict is not Verdict.AGREE for p in pairs)


def format_table(reconciliation: Reconciliation) -> str:
    """Render a :class:`~peacefacts.reconciler.core.Reconciliation` as a plain-text report.

    Sections: a summary line, one block per discrepancy (conflicts first; the same disagreement
    seen through a copy of an article is shown once, naming the copies), the preferred figure
    of every group with a disagreement, and the copies found.
    """
    groups = reconciliation.groups
    counts = reconciliation.verdict_counts()
    out = [
        f"{len(groups)} groups, {sum(counts.values())} pairs: {counts[Verdict.CONFLICT]} conflict, "
        f"{counts[Verdict.CHANGED_OVER_TIME]} changed_over_time, {counts[Verdict.AGREE]} agree; "
        f"{len(reconciliation.copies)} copy pairs; policy {reconciliation.policy.value}",
        "",
    ]
    # pairs are made on access and kept, so a pair read twice is the same object
    label_of = {id(p): g.label for g in groups if _has_discrepancy(g) for p in g.pairs}
    discrepancies = reconciliation.discrepancies()
    if not discrepancies:
        out += ["No disagreements.", ""]
    # a disagreement seen again through a copy of one of its articles is one block, not two
    blocks: dict[tuple[Any, ...], list[Pair]] = {}
    for pair in discrepancies:
        blocks.setdefault(_block_key(pair, label_of[id(pair)]), []).append(pair)
    for key, same in blocks.items():
        out += _block(same[0], key[0])
        extra = sorted({o.doc for p in same[1:] for o in (p.a, p.b)} - {same[0].a.doc, same[0].b.doc})
        if extra:
            out.append(f"  also in copies: {', '.join(extra)}")
        out.append("")
    disputed = [g for g in groups if _has_discrepancy(g)]
    if disputed:
        out.append("Preferred figures")
        for group in disputed:
            pref = group.preferred
            if pref is None:
                continue
            flag = " (disputed)" if pref.disputed else ""
            out.append(
                f"  {group.label}: {format_value(pref.best, pref.qualifier)} as of "
                f"{pref.as_of or 'undated'}{flag}; {pref.reason}"
            )
            deprecated = [p for p in group.series if p.rank is Rank.DEPRECATED]
            for point in deprecated:
                out.append(f"    deprecated: {format_value(point.best, point.qualifier)} ({point.as_of}); {point.reason}")
        out.append("")
    if reconciliation.copies:
        out.append("Copies (one article published twice; counted as one source)")
        for c in reconciliation.copies:
            contained = "" if c.containment is None else f", containment {c.containment:.2f}"
            out.append(f"  {c.a} = {c.b}  (similarity {c.similarity:.2f}{contained})")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
