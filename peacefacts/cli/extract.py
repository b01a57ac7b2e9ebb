"""`peacefacts extract PATH... [--format jsonl|json|csv] [--published DATE] [-o FILE]`.

Each document is written as soon as it is extracted, inside its own guard: a document whose
records cannot be serialised or written becomes an ``error`` record naming the stage, and the
run goes on. The exit status is 1 when any document failed.
"""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from pathlib import Path
from typing import Any, List, Optional

import typer

from peacefacts.cli.app import app
from peacefacts.cli.common import open_output, report_error, report_warning, run_extraction
from peacefacts.cli.console import logger
from peacefacts.cli.options import (
    DEFAULT_MAX_BYTES_TEXT,
    SUFFIXES,
    EncodingOption,
    MaxBytesOption,
    output_format,
    read_options,
)
from peacefacts.errors import InputError, OutputError

__all__ = ["extract_command", "FACT_CSV_COLUMNS"]


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"


FACT_CSV_COLUMNS = [
    "doc", "subject", "metric", "value", "qualifier", "low", "high", "as_of", "as_of_source", "since",
    "category", "scope", "text", "evidence", "start", "end", "rule",
]


class _Writer:
    """Turns one document's records into the text of the chosen format."""

    def __init__(self, fmt: ExtractFormat) -> None:
        self.fmt = fmt
        self.first = True

    def header(self) -> str:
        if self.fmt is ExtractFormat.csv:
            return self._csv_rows([], header=True)
        return "[" if self.fmt is ExtractFormat.json else ""

    def footer(self) -> str:
        return "\n]\n" if self.fmt is ExtractFormat.json else ""

    def chunk(self, rows: list[dict[str, Any]]) -> str:
        from peacefacts.io.jsonl import dumps_record

        if self.fmt is ExtractFormat.csv:
            return self._csv_rows([r for r in rows if r["type"] == "fact"])
        if self.fmt is ExtractFormat.json:
            parts = []
            for row in rows:
                parts.append(("\n  " if self.first else ",\n  ") + json.dumps(row, ensure_ascii=False, allow_nan=False))
                self.first = False
            return "".join(parts)
        return "".join(dumps_record(row) + "\n" for row in rows)

    @staticmethod
    def _csv_rows(rows: list[dict[str, Any]], header: bool = False) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FACT_CSV_COLUMNS, extrasaction="ignore")
        if header:
            writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()


def _serialised(item: Any, writer: _Writer) -> tuple[Any, str]:
    """The item and its text, or, when it cannot be serialised, its error record and that text."""
    from peacefacts.io.convert import to_record
    from peacefacts.io.jsonl import result_records
    from peacefacts.records import ErrorRecord

    try:
        first = writer.first
        rows = [to_record(record) for record in result_records(item)]
        text = writer.chunk(rows)
        text.encode("utf-8")  # what the file will hold: a lone surrogate fails here, not mid-stream
        return item, text
    except Exception as exc:  # noqa: BLE001 - one document never stops the stream
        writer.first = first
        doc = item.document.id if hasattr(item, "document") else getattr(item, "doc", "?")
        error = ErrorRecord(
            doc=doc.encode("utf-8", "backslashreplace").decode("utf-8"),
            error=f"serialise failed: {type(exc).__name__}: {' '.join(str(exc).split())}"[:500],
            kind=type(exc).__name__,
            stage="serialise",
        )
        return error, writer.chunk([to_record(error)])


@app.command("extract")
def extract_command(
    paths: List[str] = typer.Argument(..., help="Text, HTML or JSONL files, directories, or - for stdin."),
    fmt: Optional[ExtractFormat] = typer.Option(
        None, "--format", "-f", help="Output format [default: from -o's suffix, else jsonl]."
    ),
    published: Optional[str] = typer.Option(
        None, "--published", help="Publication date (YYYY[-MM[-DD]]) for documents that carry none."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    n_process: int = typer.Option(1, "--n-process", "-j", min=1, help="Worker processes."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per batch."),
    people: bool = typer.Option(True, "--people/--no-people", help="Also find people and roles."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline name or path."),
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES_TEXT,
    encoding: EncodingOption = None,
    resume: bool = typer.Option(
        False, "--resume", help="Parquet dataset: skip documents already in -o DIR (after a stopped run)."
    ),
    chunk_size: int = typer.Option(
        500, "--chunk-size", min=1, help="Parquet: documents per part (a killed run loses at most one)."
    ),
    dask: Optional[str] = typer.Option(
        None, "--dask", help="Run on Dask: a scheduler address (tcp://host:8786) or 'local'; writes -o DIR."
    ),
) -> None:
    """Extract dated, sourced peacekeeping figures (and people) from documents."""
    from peacefacts.cli import dataset as large
    from peacefacts.records import ErrorRecord

    chosen = output_format(output, fmt, ExtractFormat, SUFFIXES, ExtractFormat.jsonl)
    read = read_options(max_bytes, encoding)
    if dask is not None:  # large runs (issue 10) live in cli/dataset.py
        large.extract_with_dask(paths, output, scheduler=dask, chunk_size=chunk_size, published=published,
                                people=people, model=model)
        return
    if chosen is ExtractFormat.parquet:
        large.extract_to_parquet(paths, output, resume=resume, chunk_size=chunk_size, published=published,
                                 n_process=n_process, batch_size=batch_size, people=people, model=model, read=read)
        return
    if resume:
        raise InputError("--resume needs Parquet output: -o DIR --format parquet")
    results = run_extraction(
        paths, published=published, n_process=n_process, batch_size=batch_size, people=people, model=model, read=read
    )
    n_docs = n_failed = n_facts = 0
    writer = _Writer(chosen)
    with open_output(output) as out:
        try:
            out.write(writer.header())
            for item in results:
                n_docs += 1
                item, text = _serialised(item, writer)
                try:
                    out.write(text)
                except (UnicodeError, ValueError) as exc:  # the stream refused this document's text
                    item = ErrorRecord(
                        doc=item.doc if isinstance(item, ErrorRecord) else item.document.id,
                        error=f"write failed: {type(exc).__name__}: {exc}",
                        kind=type(exc).__name__,
                        stage="write",
                    )
                    out.write(_serialised(item, writer)[1])
                if isinstance(item, ErrorRecord):
                    n_failed += 1
                    report_error(item)
                else:
                    n_facts += len(item.facts)
                    for warning in item.warnings:
                        report_warning(warning)
                    logger.debug("%s: %d fact(s), %d person(s)", item.document.id, len(item.facts), len(item.people))
                out.flush()
            out.write(writer.footer())
            out.flush()
        except BrokenPipeError:
            raise  # the reader went away (`| head`): main() ends quietly
        except OSError as exc:
            raise OutputError(f"cannot write {output or 'stdout'}: {exc.strerror or exc}") from exc
    logger.info("%d document(s), %d fact(s), %d failed", n_docs, n_facts, n_failed)
    if n_failed:
        raise typer.Exit(1)
