"""Gather records into results: one :class:`~peacefacts.records.ExtractionResult` per document.

Saved output is a stream of loose records (a document line, then its facts and people, or only
facts); every consumer of saved output (tables, plots, notebook views, known-figure checks)
first regroups them by document, in one way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from peacefacts.io.convert import from_record
from peacefacts.records import Document, ErrorRecord, ExtractionResult, Fact, Person, WarningRecord

__all__ = ["gather_results"]


def gather_results(items: Iterable[Any]) -> tuple[list[ExtractionResult], list[ErrorRecord]]:
    """Group extraction results and loose records into one :class:`ExtractionResult` per document.

    Accepts what :meth:`Extractor.extract_many` yields, what
    :func:`peacefacts.io.jsonl.read_records` returns (documents, warnings, facts, people, errors) and the
    JSON dicts of either, mixed freely. Facts and people whose document record is missing get a
    placeholder :class:`Document` with no text. Documents keep their first-seen order.

    Args:
        items: results, records or JSON dicts.

    Returns:
        ``(results, errors)``.

    Raises:
        TypeError: an item is not a result, a record or a record dict.

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> results, errors = gather_results([
        ...     {"type": "fact", "doc": "a", "subject": "Ghana", "metric": "personnel_deployed", "value": 800},
        ...     {"type": "error", "doc": "b", "error": "empty document", "kind": "InputError"},
        ... ])
        >>> [(r.doc_id, [f.value for f in r.facts]) for r in results], [e.doc for e in errors]
        ([('a', [800])], ['b'])
    """
    if isinstance(items, (ExtractionResult, ErrorRecord, WarningRecord, Document, Fact, Person, dict)):
        items = [items]
    order: list[str] = []
    documents: dict[str, Document] = {}
    facts: dict[str, list[Fact]] = {}
    people: dict[str, list[Person]] = {}
    warnings: dict[str, list[WarningRecord]] = {}
    errors: list[ErrorRecord] = []

    def seen(doc_id: str) -> None:
        if doc_id not in facts:
            order.append(doc_id)
            facts[doc_id] = []
            people[doc_id] = []
            warnings[doc_id] = []

    for item in items:
        record = from_record(item) if isinstance(item, dict) else item
        if isinstance(record, ExtractionResult):
            seen(record.doc_id)
            documents[record.doc_id] = record.document
            facts[record.doc_id].extend(record.facts)
            people[record.doc_id].extend(record.people)
            warnings[record.doc_id].extend(record.warnings)
        elif isinstance(record, Document):
            seen(record.id)
            documents[record.id] = record
        elif isinstance(record, Fact):
            seen(record.doc)
            facts[record.doc].append(record)
        elif isinstance(record, Person):
            seen(record.doc)
            people[record.doc].append(record)
        elif isinstance(record, WarningRecord):
            seen(record.doc)
            warnings[record.doc].append(record)
        elif isinstance(record, ErrorRecord):
            errors.append(record)
        else:
            raise TypeError(f"expected extraction results or records, not {type(record).__name__}")
    results = [
        ExtractionResult(
            document=documents.get(doc_id) or Document(id=doc_id, text=""),
            facts=tuple(facts[doc_id]),
            people=tuple(people[doc_id]),
            warnings=tuple(warnings[doc_id]),
        )
        for doc_id in order
    ]
    return results, errors
