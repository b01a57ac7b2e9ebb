"""Reading and writing the JSONL output contract."""
from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Union

from peacefacts.errors import SchemaError
from peacefacts.io.convert import OutputRecord, from_record, to_record
from peacefacts.records import ErrorRecord, ExtractionResult

__all__ = ["dumps_record", "write_jsonl", "iter_records", "read_records", "result_records"]


def dumps_record(obj: Union[OutputRecord, dict[str, Any]]) -> str:
    """One record as one JSON line (no newline)."""
    row = obj if isinstance(obj, dict) else to_record(obj)
    return json.dumps(row, ensure_ascii=False, separators=(", ", ": "))


def result_records(item: Union[ExtractionResult, ErrorRecord]) -> Iterator[OutputRecord]:
    """The output records of one extraction result, in contract order: document, facts, people."""
    if isinstance(item, ErrorRecord):
        yield item
        return
    yield item.document
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


def iter_records(lines: Iterable[str], source: str = "<jsonl>") -> Iterator[OutputRecord]:
    """Parse JSONL lines written by ``peacefacts extract`` back into records.

    Raises:
        SchemaError: a line is not JSON or not a valid record (the message names the line).
    """
    for lineno, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SchemaError(f"{source}:{lineno}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise SchemaError(f"{source}:{lineno}: not a JSON object")
        try:
            yield from_record(row)
        except SchemaError as exc:
            raise SchemaError(f"{source}:{lineno}: {exc}") from exc


def read_records(path: Union[str, Path]) -> list[OutputRecord]:
    """Read a whole extract JSONL file into records."""
    with open(path, encoding="utf-8") as handle:
        return list(iter_records(handle, str(path)))
