"""Strict checks of output records read back from JSON: one clear error per bad record.

:func:`check_record` holds a dict to the JSON Schemas in ``docs/schema/`` (types, enums, required
fields, no unknown fields) and to what a schema cannot say: values are whole, non-negative and at
most :data:`~peacefacts.records.MAX_FACT_VALUE`; ``low ≤ high`` and the value lies between them
(rounded outward: "1.5" is the value 2 with bounds 1.5); dates exist (no 2024-02-30); offsets do
not run backwards. The message names the field and what was wrong with it, so a person can fix
the line::

    >>> check_record({"type": "fact", "doc": "a", "subject": "Nepal", "metric": "personnel_deployed",
    ...               "value": "161"})
    Traceback (most recent call last):
    ...
    peacefacts.errors.SchemaError: field "value": expected an integer, got string '161'

It is hand-written rather than a JSON Schema validator because reading a million facts must stay
cheap (a few microseconds a record); ``tests/test_fuzz_records.py`` checks that it agrees with the
schemas on generated records.
"""

from __future__ import annotations

import json
import math
from typing import Any, Callable

from peacefacts.errors import SchemaError
from peacefacts.records import (
    MAX_FACT_VALUE,
    STAGES,
    AsOfSource,
    Category,
    Metric,
    PartialDate,
    PublishedSource,
    Qualifier,
)

__all__ = ["check_record", "RECORD_TYPES"]

#: The record types of the output contract, by their ``type`` value.
RECORD_TYPES = ("document", "fact", "person", "error", "warning")

_METRICS = frozenset(m.value for m in Metric)
_QUALIFIERS = frozenset(q.value for q in Qualifier)
_CATEGORIES = frozenset(c.value for c in Category)
_AS_OF_SOURCES = frozenset(s.value for s in AsOfSource)
_PUBLISHED_SOURCES = frozenset(s.value for s in PublishedSource)
_STAGES = frozenset(STAGES)
# the fingerprint is a MinHash signature of fixed size (docs/schema/document.schema.json)
_FINGERPRINT_SIZES = range(128, 130)


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _bad(field: str, expected: str, value: object) -> SchemaError:
    return SchemaError(f'field "{field}": expected {expected}, got {_type_name(value)} {_shown(value)}')


def _string(row: dict[str, Any], field: str, *, nullable: bool = False, non_empty: bool = False) -> None:
    value = row[field]
    if value is None and nullable:
        return
    if not isinstance(value, str):
        raise _bad(field, "a string" + (" or null" if nullable else ""), value)
    if non_empty and not value:
        raise SchemaError(f'field "{field}": must not be empty')


def _enum(row: dict[str, Any], field: str, allowed: frozenset[str], *, nullable: bool = False) -> None:
    value = row[field]
    if value is None and nullable:
        return
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(sorted(allowed)) + (", null" if nullable else "")
        raise SchemaError(f'field "{field}": {_shown(value)} is not one of {choices}')


def _integer(row: dict[str, Any], field: str, *, maximum: int | None = None) -> int:
    value = row[field]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(field, "an integer", value)
    if value < 0:
        raise SchemaError(f'field "{field}": {value} is negative')
    if maximum is not None and value > maximum:
        raise SchemaError(f'field "{field}": {value} is above the ceiling of {maximum:,}')
    return value


def _bound(row: dict[str, Any], field: str) -> float | None:
    value = row[field]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(field, "a number or null", value)
    if not math.isfinite(value):
        raise SchemaError(f'field "{field}": {value} is not a finite number')
    if value < 0:
        raise SchemaError(f'field "{field}": {value} is negative')
    if value > MAX_FACT_VALUE:
        raise SchemaError(f'field "{field}": {value} is above the ceiling of {MAX_FACT_VALUE:,}')
    return float(value)


def _boolean(row: dict[str, Any], field: str) -> None:
    if not isinstance(row[field], bool):
        raise _bad(field, "true or false", row[field])


def _date(row: dict[str, Any], field: str) -> None:
    value = row[field]
    if value is None:
        return
    if not isinstance(value, str):
        raise _bad(field, "a date string YYYY[-MM[-DD]] or null", value)
    try:
        PartialDate.from_string(value)
    except ValueError as exc:
        raise SchemaError(f'field "{field}": {_shown(value)} is not a date ({exc})') from None


def _offsets(row: dict[str, Any], prefix: str = "") -> None:
    start = _integer(row, "start") if "start" in row else None
    end = _integer(row, "end") if "end" in row else None
    if start is not None and end is not None and end < start:
        raise SchemaError(f'fields "{prefix}start"/"{prefix}end": end {end} is before start {start}')


def _fingerprint(row: dict[str, Any], field: str) -> None:
    value = row[field]
    if value is None:
        return
    if not isinstance(value, list):
        raise _bad(field, "an array of integers or null", value)
    if len(value) not in _FINGERPRINT_SIZES:
        raise SchemaError(f'field "{field}": {len(value)} numbers, expected {_FINGERPRINT_SIZES[0]}')
    for i, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, int) or item < 0:
            raise _bad(f"{field}[{i}]", "a non-negative integer", item)


def _block(block: Any, where: str) -> None:
    if not isinstance(block, dict):
        raise _bad(where, "an object", block)
    _fields(block, _BLOCK_FIELDS, _BLOCK_REQUIRED, where + ".")
    for field in ("start", "end"):
        _integer(block, field)
    if block["end"] < block["start"]:
        raise SchemaError(f'field "{where}.end": {block["end"]} is before start {block["start"]}')
    _string(block, "title", nullable=True)
    _date(block, "published")
    _enum(block, "published_source", _PUBLISHED_SOURCES)
    _boolean(block, "is_peacekeeping")


def _blocks(row: dict[str, Any], field: str) -> None:
    value = row[field]
    if not isinstance(value, list):
        raise _bad(field, "an array of blocks", value)
    for i, block in enumerate(value):
        _block(block, f"{field}[{i}]")


def _fields(row: dict[str, Any], allowed: frozenset[str], required: tuple[str, ...], prefix: str = "") -> None:
    for field in required:
        if field not in row:
            raise SchemaError(f'missing field "{prefix}{field}"')
    unknown = sorted(k for k in row if k not in allowed)
    if unknown:
        # JSON-quoted with ASCII escapes: a field name may hold anything (a newline, U+2028), a
        # message is one line
        names = ", ".join(json.dumps(prefix + k) for k in unknown[:3])
        raise SchemaError(f"unknown field{'s' if len(unknown) > 1 else ''} {names}")


_BLOCK_FIELDS = frozenset({"start", "end", "title", "published", "published_source", "is_peacekeeping"})
_BLOCK_REQUIRED = ("start", "end", "title", "published", "published_source", "is_peacekeeping")


def _check_fact(row: dict[str, Any]) -> None:
    _string(row, "doc", non_empty=True)
    _string(row, "subject", non_empty=True)
    _enum(row, "metric", _METRICS)
    value = _integer(row, "value", maximum=MAX_FACT_VALUE)
    if "qualifier" in row:
        _enum(row, "qualifier", _QUALIFIERS)
    low = _bound(row, "low") if "low" in row else None
    high = _bound(row, "high") if "high" in row else None
    if low is not None and high is not None and low > high:
        raise SchemaError(f'fields "low"/"high": low {_shown(row["low"])} is above high {_shown(row["high"])}')
    # the value is the bounds' figure rounded half up ("1.5": value 2, low 1.5), or their midpoint
    if low is not None and value < math.floor(low):
        raise SchemaError(f'fields "value"/"low": value {value} is below low {_shown(row["low"])}')
    if high is not None and value > math.ceil(high):
        raise SchemaError(f'fields "value"/"high": value {value} is above high {_shown(row["high"])}')
    for field in ("as_of", "since"):
        if field in row:
            _date(row, field)
    if "as_of_source" in row:
        _enum(row, "as_of_source", _AS_OF_SOURCES)
    if "category" in row:
        _enum(row, "category", _CATEGORIES, nullable=True)
    if "scope" in row:
        _string(row, "scope", nullable=True)
    for field in ("text", "evidence", "rule"):
        if field in row:
            _string(row, field)
    _offsets(row)


def _check_document(row: dict[str, Any]) -> None:
    _string(row, "doc", non_empty=True)
    for field in ("url", "title"):
        if field in row:
            _string(row, field, nullable=True)
    if "published" in row:
        _date(row, "published")
    if "published_source" in row:
        _enum(row, "published_source", _PUBLISHED_SOURCES)
    if "chars" in row:
        _integer(row, "chars")
    if "blocks" in row:
        _blocks(row, "blocks")
    if "fingerprint" in row:
        _fingerprint(row, "fingerprint")


def _check_person(row: dict[str, Any]) -> None:
    _string(row, "doc", non_empty=True)
    _string(row, "name", non_empty=True)
    for field in ("role", "organization"):
        if field in row:
            _string(row, field, nullable=True)
    if "evidence" in row:
        _string(row, "evidence")
    _offsets(row)


def _check_error(row: dict[str, Any]) -> None:
    _string(row, "doc")
    _string(row, "error", non_empty=True)
    if "kind" in row:
        _string(row, "kind", non_empty=True)
    if "stage" in row:
        _enum(row, "stage", _STAGES, nullable=True)


def _check_warning(row: dict[str, Any]) -> None:
    _string(row, "doc")
    _string(row, "warning", non_empty=True)
    _string(row, "kind", non_empty=True)
    if "stage" in row:
        _enum(row, "stage", _STAGES, nullable=True)


# allowed fields (the schema's properties) and the fields a reader cannot do without
_SHAPES: dict[str, tuple[frozenset[str], tuple[str, ...], Callable[[dict[str, Any]], None]]] = {
    "fact": (
        frozenset({
            "type", "doc", "subject", "metric", "value", "qualifier", "low", "high", "as_of", "as_of_source",
            "since", "category", "scope", "text", "evidence", "start", "end", "rule",
        }),
        ("doc", "subject", "metric", "value"),
        _check_fact,
    ),
    "document": (
        frozenset({"type", "doc", "url", "title", "published", "published_source", "chars", "blocks", "fingerprint"}),
        ("doc",),
        _check_document,
    ),
    "person": (
        frozenset({"type", "doc", "name", "role", "organization", "evidence", "start", "end"}),
        ("doc", "name"),
        _check_person,
    ),
    "error": (frozenset({"type", "doc", "error", "kind", "stage"}), ("doc", "error"), _check_error),
    "warning": (frozenset({"type", "doc", "warning", "kind", "stage"}), ("doc", "warning", "kind"), _check_warning),
}  # fmt: skip


def check_record(row: Any) -> str:
    """Check one record dict against the output contract; return its type.

    A record without ``type`` is a fact (the fields a fact needs are required all the same).
    Optional fields may be left out; a field that is present must be valid.

    Raises:
        SchemaError: the first problem found, naming the field.
    """
    if not isinstance(row, dict):
        raise SchemaError(f"expected a JSON object, got {_type_name(row)}")
    kind = row.get("type", "fact")
    if not isinstance(kind, str) or kind not in _SHAPES:
        raise SchemaError(f'field "type": {_shown(kind)} is not one of {", ".join(RECORD_TYPES)}')
    allowed, required, check = _SHAPES[kind]
    _fields(row, allowed, required)
    check(row)
    return kind
