"""`peacefacts extract PATH... [--format jsonl|json|csv] [--published DATE] [-o FILE]`."""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import IO, Iterator, List, Optional

import typer

from peacefacts.cli.app import app
from peacefacts.errors import InputError

__all__ = ["extract_command", "FACT_CSV_COLUMNS", "open_output", "run_extraction"]


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


FACT_CSV_COLUMNS = [
    "doc", "subject", "metric", "value", "qualifier", "low", "high", "as_of", "as_of_source", "since",
    "category", "scope", "text", "evidence", "start", "end", "rule",
]


@contextlib.contextmanager
def open_output(path: Optional[Path]) -> Iterator[IO[str]]:
    """stdout, or a file opened for writing as UTF-8."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc
    with handle:
        yield handle


def run_extraction(
    paths: List[str],
    *,
    published: Optional[str] = None,
    n_process: int = 1,
    batch_size: int = 32,
    people: bool = True,
    model: Optional[str] = None,
    progress: bool = True,
):
    """Read PATHs and stream extraction results (shared by extract, reconcile, people, plot)."""
    from peacefacts.extractor import Extractor
    from peacefacts.ingest import read_inputs

    if published is not None:
        from peacefacts.records import PartialDate

        try:
            PartialDate.from_string(published)
        except ValueError as exc:
            raise InputError(f"--published: {exc}") from exc
    extractor = Extractor(model, people=people, batch_size=batch_size)
    results = extractor.extract_many(read_inputs(paths, published=published), n_process=n_process)
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        results = tqdm(results, desc="extracting", unit="doc", file=sys.stderr)
    return results


@app.command("extract")
def extract_command(
    paths: List[str] = typer.Argument(..., help="Text, HTML or JSONL files, directories, or - for stdin."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="Output format."),
    published: Optional[str] = typer.Option(
        None, "--published", help="Publication date (YYYY[-MM[-DD]]) for documents that carry none."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    n_process: int = typer.Option(1, "--n-process", "-j", min=1, help="Worker processes."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per batch."),
    people: bool = typer.Option(True, "--people/--no-people", help="Also find people and roles."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline name or path."),
) -> None:
    """Extract dated, sourced peacekeeping figures (and people) from documents."""
    from peacefacts.io.convert import to_record
    from peacefacts.io.jsonl import dumps_record, result_records
    from peacefacts.records import ErrorRecord

    n_docs = n_failed = n_facts = 0
    with open_output(output) as out:
        writer = None
        if fmt is ExtractFormat.csv:
            writer = csv.DictWriter(out, fieldnames=FACT_CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
        first = True
        if fmt is ExtractFormat.json:
            out.write("[")
        for item in run_extraction(
            paths, published=published, n_process=n_process, batch_size=batch_size, people=people, model=model
        ):
            n_docs += 1
            if isinstance(item, ErrorRecord):
                n_failed += 1
                where = "" if item.error.startswith(item.doc) else f"{item.doc}: "
                print(f"peacefacts: {where}{item.error}", file=sys.stderr)
            else:
                n_facts += len(item.facts)
            for record in result_records(item):
                row = to_record(record)
                if writer is not None:
                    if row["type"] == "fact":
                        writer.writerow(row)
                elif fmt is ExtractFormat.json:
                    out.write(("\n  " if first else ",\n  ") + json.dumps(row, ensure_ascii=False))
                    first = False
                else:
                    out.write(dumps_record(row) + "\n")
            out.flush()
        if fmt is ExtractFormat.json:
            out.write("\n]\n")
    print(
        f"peacefacts: {n_docs} document(s), {n_facts} fact(s), {n_failed} failed", file=sys.stderr
    )
    if n_failed:
        raise typer.Exit(1)
