"""Helpers for your own test suites: assert that documents still yield the figures you know.

Modelled on ``structlog.testing``: plain functions, no magic, nothing imported into your test
run unless you ask for it. The pytest fixtures are opt-in (see :mod:`peacefacts.testing.plugin`)::

    # conftest.py
    pytest_plugins = ["peacefacts.testing.plugin"]

    # test_figures.py
    from peacefacts.testing import assert_figures

    def test_known_figures(peacefacts_extractor):
        results = list(peacefacts_extractor.extract_many(peacefacts.read_inputs(["pages/"])))
        assert_figures(results, "tests/known.toml")

:func:`check_figures` returns the list of :class:`Mismatch` (empty means no drift), so
``assert not check_figures(...)`` works too; :func:`assert_figures` raises an
``AssertionError`` whose message lists every mismatch, one per line.

Example:
    >>> from peacefacts.records import Fact, Figure
    >>> facts = [Fact(doc="a.txt", subject="Ghana", metric="personnel_deployed",
    ...               figure=Figure.exact(800), as_of="2024-03")]
    >>> known = known_figures({"a.txt": [("Ghana", "personnel_deployed", 800)]})
    >>> assert_figures(facts, known)
    >>> assert_figures(facts, known_figures({"a.txt": [("Ghana", "personnel_deployed", 900)]}))
    Traceback (most recent call last):
    ...
    AssertionError: 1 figure(s) drifted from the known figures:
      a.txt: changed Ghana personnel_deployed: expected 900, got 800 [value]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from peacefacts.known import (
    KnownDocument,
    KnownFigure,
    KnownFigures,
    Mismatch,
    check_figures,
    dump_known,
    load_known,
    parse_known,
)

__all__ = [
    "KnownFigure",
    "KnownDocument",
    "KnownFigures",
    "Mismatch",
    "load_known",
    "parse_known",
    "check_figures",
    "dump_known",
    "known_figures",
    "assert_figures",
    "figure_tuples",
]

#: One known figure written inline: ``(subject, metric, value)`` or with a mapping of checks,
#: ``(subject, metric, value, {"as_of": "2024-05", "qualifier": "exact"})``.
FigureSpec = Sequence[Any]


def known_figures(spec: Mapping[str, Iterable[FigureSpec]], *, complete: bool = True) -> KnownFigures:
    """Known figures written inline in a test, without a TOML file.

    Args:
        spec: document id (or file name) → figures, each ``(subject, metric, value)`` with an
            optional fourth item, a mapping of checked fields (``qualifier``, ``as_of``,
            ``since``, ``category``, ``scope``; ``"none"`` for "must be empty").
        complete: whether figures not listed are reported as unexpected.

    Example:
        >>> k = known_figures({"004.txt": [("Pakistan", "fatalities_total", 161, {"as_of": "2021-10-26"})]})
        >>> k.figures[0].describe()
        'Pakistan fatalities_total 161 (as_of 2021-10-26)'
    """
    documents = []
    for doc_id, figures in spec.items():
        known = []
        for item in figures:
            subject, metric, value, *rest = item
            checks = dict(rest[0]) if rest else {}
            known.append(KnownFigure(doc=doc_id, subject=subject, metric=str(metric), value=int(value), **checks))
        documents.append(KnownDocument(id=doc_id, figures=tuple(known), complete=complete))
    return KnownFigures(documents=tuple(documents))


def assert_figures(
    results: Iterable[Any], known: KnownFigures | Mapping[str, Iterable[FigureSpec]] | str | os.PathLike[str]
) -> None:
    """Assert that extracted figures match the known ones; the message lists every mismatch.

    Args:
        results: extraction results, records read back from JSONL, or facts.
        known: a :class:`KnownFigures`, a TOML path, or an inline mapping (see
            :func:`known_figures`).

    Raises:
        AssertionError: any figure is missing, changed or unexpected.
    """
    __tracebackhide__ = True  # pytest shows the caller's line, not this helper
    if isinstance(known, Mapping):
        known = known_figures(known)
    mismatches = check_figures(results, known)
    if mismatches:
        lines = "\n".join(f"  {m}" for m in mismatches)
        raise AssertionError(f"{len(mismatches)} figure(s) drifted from the known figures:\n{lines}")


def figure_tuples(results: Iterable[Any], *fields: str) -> list[tuple[Any, ...]]:
    """Facts as sorted tuples, for direct equality assertions in tests.

    Args:
        results: extraction results, records or facts.
        *fields: fact fields to add after ``(subject, metric, value)``, as their JSON values
            (``"as_of"`` gives ``"2024-05"``).

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> figure_tuples([Fact(doc="a", subject="Nepal", metric="personnel_deployed",
        ...                     figure=Figure.exact(6000), as_of="2024")], "as_of")
        [('Nepal', 'personnel_deployed', 6000, '2024')]
    """
    from peacefacts.io.convert import to_record
    from peacefacts.io.gather import gather_results

    found, _ = gather_results(results)
    rows = []
    for result in found:
        for fact in result.facts:
            record = to_record(fact)
            rows.append((fact.subject, fact.metric.value, fact.value, *(record[f] for f in fields)))
    return sorted(rows, key=lambda row: tuple("" if v is None else str(v) for v in row))
