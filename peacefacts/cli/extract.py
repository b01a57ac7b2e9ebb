"""`peacefacts extract PATH... [--format jsonl|json|csv] [--published DATE] [-o FILE]`."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from peacefacts.cli.app import app
from peacefacts.cli.common import open_output, report_error, run_extraction
from peacefacts.errors import InputError

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

    if dask is not None:
        large.extract_with_dask(paths, output, scheduler=dask, chunk_size=chunk_size, published=published,
                                people=people, model=model)
        return
    if large.wants_parquet(fmt.value, output):
        large.extract_to_parquet(paths, output, resume=resume, chunk_size=chunk_size, published=published,
                                 n_process=n_process, batch_size=batch_size, people=people, model=model)
        return
    if resume:
        raise InputError("--resume needs Parquet output: -o DIR --format parquet")
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
                report_error(item)
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
