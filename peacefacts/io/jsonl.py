"""Reading and writing the JSONL output contract."""
from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Literal, Optional, Union

from peacefacts.errors import SchemaError
from peacefacts.io.convert import OutputRecord, from_record, to_record
from peacefacts.records import ErrorRecord, ExtractionResult

__all__ = ["dumps_record", "write_jsonl", "iter_records", "read_records", "result_records", "parse_record_line"]


def dumps_record(obj: Union[OutputRecord, dict[str, Any]]) -> str:
    """One record as one JSON line (no newline)."""
    row = obj if isinstance(obj, dict) else to_record(obj)
    return json.dumps(row, ensure_ascii=False, separators=(", ", ": "))


def result_records(item: Union[ExtractionResult, ErrorRecord]) -> Iterator[OutputRecord]:
    """The output records of one extraction result, in contract order: document, warnings,
    facts, people."""
    if isinstance(item, ErrorRecord):
        yield item
        return
    yield item.document
    yield from item.warnings
    yield from item.facts
    yield from item.people


def write_jsonl(items: Iterable[Union[ExtractionResult, ErrorRecord, OutputRecord]], stream: IO[str]) -> int:
    """Write results or records as JSONL; returns the number of lines written."""
    n = 0
    for item in items:
        records = result_records(item) if isinstance(item, (ExtractionResult, ErrorRecord)) else [item]
        for record in records:
            stream.write(dumps_record(record) + "\n")
            n += 1
    return n


def parse_record_line(line: str, source: str = "<jsonl>", lineno: int = 1) -> Optional[OutputRecord]:
    """One line of a saved extract JSONL file as a record (``None`` for a blank line).

    Raises:
        SchemaError: not JSON, not an object, or not a valid record; the message names the
            line and the field (``facts.jsonl:3: field "value": expected an integer, got string '161'``).
    """
    line = line.strip()
    if not line:
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")  # "Invalid control character at": the column follows
        raise SchemaError(f"{source}:{lineno}: not JSON ({reason} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise SchemaError(f"{source}:{lineno}: not JSON (nested too deeply)") from exc
    if not isinstance(row, dict):
        raise SchemaError(f"{source}:{lineno}: not a JSON object")
    try:
        return from_record(row)
    except SchemaError as exc:
        raise SchemaError(f"{source}:{lineno}: {exc}") from exc


OnError = Literal["raise", "record"]


def iter_records(lines: Iterable[str], source: str = "<jsonl>", *, on_error: OnError = "raise") -> Iterator[OutputRecord]:
    """Parse JSONL lines written by ``peacefacts extract`` back into records.

    Each line is checked against the output contract (:func:`peacefacts.io.validate.check_record`).

    Args:
        lines: the lines (an open file, a list of strings).
        source: the name used in messages.
        on_error: ``"raise"`` stops at the first bad line; ``"record"`` yields an
            :class:`ErrorRecord` for it instead (``doc`` ``source:lineno``, ``kind``
            ``"SchemaError"``, ``stage`` ``"read"``) and goes on.

    Raises:
        SchemaError: a line is not JSON or not a valid record (with ``on_error="raise"``); the
            message names the line and the field.
    """
    for lineno, line in enumerate(lines, 1):
        try:
            record = parse_record_line(line, source, lineno)
        except SchemaError as exc:
            if on_error == "raise":
                raise
            yield ErrorRecord(doc=f"{source}:{lineno}", error=str(exc), kind="SchemaError", stage="read")
            continue
        if record is not None:
            yield record


def read_records(path: Union[str, Path], *, on_error: OnError = "raise") -> list[OutputRecord]:
    """Read a whole extract JSONL file into records (see :func:`iter_records`)."""
    with open(path, encoding="utf-8") as handle:
        return list(iter_records(handle, str(path), on_error=on_error))
