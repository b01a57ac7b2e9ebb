"""The one converter between records and the JSON output contract.

Output records are flat dicts with a ``type`` key (``document``, ``fact``, ``person``,
``error``), exactly as ``peacefacts extract --format jsonl`` prints them::

    >>> from peacefacts.records import Fact, Figure
    >>> fact = Fact(doc="d1", subject="Pakistan", metric="fatalities_total",
    ...             figure=Figure.exact(181, "181"), as_of="2024-05")
    >>> row = to_record(fact)
    >>> row["type"], row["value"], row["as_of"]
    ('fact', 181, '2024-05')
    >>> from_record(row) == fact
    True
"""

from __future__ import annotations

from typing import Any, Union

import cattrs

from peacefacts.errors import SchemaError
from peacefacts.io.validate import check_record
from peacefacts.records import (
    AsOfSource,
    Block,
    Category,
    Document,
    ErrorRecord,
    Fact,
    Figure,
    Metric,
    PartialDate,
    Person,
    PublishedSource,
    Qualifier,
    WarningRecord,
)

__all__ = ["converter", "to_record", "from_record", "OutputRecord"]

OutputRecord = Union[Document, Fact, Person, ErrorRecord, WarningRecord]

converter = cattrs.Converter()
converter.register_unstructure_hook(PartialDate, str)
converter.register_structure_hook(PartialDate, lambda v, _: PartialDate.from_string(v))
for _enum in (Metric, Qualifier, Category, PublishedSource, AsOfSource):
    converter.register_unstructure_hook(_enum, lambda e: e.value)
    converter.register_structure_hook(_enum, lambda v, t: t(v))


def _number(value: Any) -> Any:
    """Whole floats print as ints so bounds read like the text ("100", not "100.0")."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _unstructure_fact(fact: Fact) -> dict[str, Any]:
    fig = fact.figure
    return {
        "type": "fact",
        "doc": fact.doc,
        "subject": fact.subject,
        "metric": fact.metric.value,
        "value": fig.value,
        "qualifier": fig.qualifier.value,
        "low": _number(fig.low),
        "high": _number(fig.high),
        "as_of": None if fact.as_of is None else str(fact.as_of),
        "as_of_source": fact.as_of_source.value,
        "since": None if fact.since is None else str(fact.since),
        "category": None if fact.category is None else fact.category.value,
        "scope": fact.scope,
        "text": fig.text,
        "evidence": fact.evidence,
        "start": fact.start,
        "end": fact.end,
        "rule": fact.rule,
    }


def _structure_fact(row: dict[str, Any], _: type) -> Fact:
    figure = Figure(
        value=int(row["value"]),
        qualifier=row.get("qualifier") or "exact",
        low=row.get("low"),
        high=row.get("high"),
        text=row.get("text") or "",
    )
    return Fact(
        doc=row["doc"],
        subject=row["subject"],
        metric=row["metric"],
        figure=figure,
        category=row.get("category"),
        as_of=row.get("as_of"),
        as_of_source=row.get("as_of_source") or "none",
        since=row.get("since"),
        evidence=row.get("evidence") or "",
        start=int(row.get("start") or 0),
        end=int(row["end"] if row.get("end") is not None else row.get("start") or 0),
        rule=row.get("rule") or "",
        scope=row.get("scope"),
    )


def _unstructure_document(doc: Document) -> dict[str, Any]:
    return {
        "type": "document",
        "doc": doc.id,
        "url": doc.url,
        "title": doc.title,
        "published": None if doc.published is None else str(doc.published),
        "published_source": doc.published_source.value,
        "chars": len(doc.text),
        "blocks": [
            {
                "start": b.start,
                "end": b.end,
                "title": b.title,
                "published": None if b.published is None else str(b.published),
                "published_source": b.published_source.value,
                "is_peacekeeping": b.is_peacekeeping,
            }
            for b in doc.blocks
        ],
        "fingerprint": None if doc.fingerprint is None else list(doc.fingerprint),
    }


def _structure_document(row: dict[str, Any], _: type) -> Document:
    return Document(
        id=row["doc"],
        text=row.get("text") or "",
        url=row.get("url"),
        title=row.get("title"),
        published=row.get("published"),
        published_source=row.get("published_source") or "none",
        blocks=[Block(**b) for b in row.get("blocks") or ()],
        fingerprint=None if row.get("fingerprint") is None else tuple(row["fingerprint"]),
    )


def _unstructure_person(person: Person) -> dict[str, Any]:
    return {"type": "person", **converter.unstructure_attrs_asdict(person)}


def _unstructure_error(err: ErrorRecord) -> dict[str, Any]:
    return {"type": "error", "doc": err.doc, "error": err.error, "kind": err.kind, "stage": err.stage}


def _unstructure_warning(warning: WarningRecord) -> dict[str, Any]:
    return {"type": "warning", "doc": warning.doc, "warning": warning.warning, "kind": warning.kind,
            "stage": warning.stage}


converter.register_unstructure_hook(Fact, _unstructure_fact)
converter.register_structure_hook(Fact, _structure_fact)
converter.register_unstructure_hook(Document, _unstructure_document)
converter.register_structure_hook(Document, _structure_document)
converter.register_unstructure_hook(Person, _unstructure_person)
converter.register_unstructure_hook(ErrorRecord, _unstructure_error)
converter.register_unstructure_hook(WarningRecord, _unstructure_warning)

_TYPES: dict[str, type] = {
    "document": Document, "fact": Fact, "person": Person, "error": ErrorRecord, "warning": WarningRecord,
}


def to_record(obj: OutputRecord) -> dict[str, Any]:
    """Turn a record into its JSON-ready dict (with a ``type`` key)."""
    record: dict[str, Any] = converter.unstructure(obj)
    return record


def from_record(row: dict[str, Any]) -> OutputRecord:
    """Turn a JSON dict (as written by :func:`to_record`) back into a record.

    The dict is checked first (:func:`peacefacts.io.validate.check_record`): types, enums,
    values within :data:`~peacefacts.records.MAX_FACT_VALUE`, bounds around the value, dates
    that exist.

    Raises:
        SchemaError: the dict is not a valid record; the message names the field.
    """
    kind = check_record(row)
    target = _TYPES[kind]
    data = {k: v for k, v in row.items() if k != "type"}
    if "start" in data and "end" not in data:  # an offset without its end covers nothing
        data["end"] = data["start"]
    try:
        record: OutputRecord = converter.structure(data if target in _PLAIN else row, target)
        return record
    except (KeyError, TypeError, ValueError, cattrs.errors.BaseValidationError) as exc:
        raise SchemaError(f"invalid {kind} record: {exc}") from exc


# records whose JSON fields are exactly their attributes
_PLAIN = (Person, ErrorRecord, WarningRecord)
