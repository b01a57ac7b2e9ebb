"""`peacefacts verify PATH... [--facts FILE] [--format jsonl|table|csv] [--official-dir DIR] [-o FILE]`.

PATHs are read and extracted as in ``peacefacts extract``; ``--facts`` reads a JSONL file that
``peacefacts extract`` wrote instead (no spaCy model is loaded then). Both may be given. Every
fact is checked against the official tables (the bundled ones, or a newer download in
``--official-dir``) and the publisher offsets are measured (see :mod:`peacefacts.official`).

Output on stdout (or ``-o FILE``):

- ``jsonl``: an ``official_tables`` record (the tables' provenance), one ``verification``
  record per fact, then one ``offset`` record per source and per subject
  (``docs/schema/verify.schema.json``);
- ``table``: the same for people to read;
- ``csv``: one row per fact; ``--offsets FILE`` writes the offsets as CSV as well.

The tables' provenance and the counts go to stderr. Exit status: 0, or 1 when a document
could not be read, 2 for usage errors and unreadable official tables.
"""

from __future__ import annotations

import csv
import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from peacefacts.cli.app import app
from peacefacts.cli.common import gather_items, open_output
from peacefacts.cli.console import logger
from peacefacts.cli.options import (
    DEFAULT_MAX_BYTES_TEXT,
    SUFFIXES,
    EncodingOption,
    MaxBytesOption,
    OnError,
    OnErrorOption,
    output_format,
    read_options,
)

__all__ = ["verify_command", "VerifyFormat"]


class VerifyFormat(str, Enum):
    """Output formats of ``peacefacts verify``."""

    jsonl = "jsonl"
    table = "table"
    csv = "csv"


@app.command("verify")
def verify_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Text, HTML or JSONL files or directories to extract first."),
    ] = None,
    facts: Annotated[
        Path | None,
        typer.Option("--facts", help="An extract JSONL file (from `peacefacts extract`), or - for stdin."),
    ] = None,
    fmt: Annotated[
        VerifyFormat | None,
        typer.Option("--format", "-f", help="Output format [default: from -o's suffix, else jsonl]."),
    ] = None,
    official_dir: Annotated[
        Path | None,
        typer.Option("--official-dir", help="A newer download of the official tables (or a built bundle)."),
    ] = None,
    near_absolute: Annotated[
        float, typer.Option("--near-absolute", min=0, help="Verdict `near` within this many of the official value.")
    ] = 1.0,
    near_relative: Annotated[
        float, typer.Option("--near-relative", min=0, help="... or within this fraction of it, if larger.")
    ] = 0.01,
    near_cap: Annotated[
        float,
        typer.Option("--near-cap", min=0,
                     help="... but never more than this fraction of it (nothing is near an official 0)."),
    ] = 0.1,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    offsets: Annotated[
        Path | None, typer.Option("--offsets", help="Also write the publisher offsets to this CSV file.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY[-MM[-DD]]) for documents that carry none."),
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline name or path.")] = None,
    on_error: OnErrorOption = OnError.skip,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES_TEXT,
    encoding: EncodingOption = None,
) -> None:
    """Check every figure against the UN's own tables; measure each publisher's offset."""
    from peacefacts.official import Tolerance, load_official, verify
    from peacefacts.official.report import CSV_COLUMNS, OFFSET_CSV_COLUMNS, csv_row, format_report

    chosen = output_format(output, fmt, VerifyFormat, SUFFIXES, VerifyFormat.jsonl)
    read = read_options(max_bytes, encoding, on_error)
    # the tables first: a wrong --official-dir fails before any model is loaded
    tables = load_official(official_dir)
    items, failed = gather_items(list(paths or []), facts, published=published, model=model, read=read)
    report = verify(items, official=tables, tolerance=Tolerance(absolute=near_absolute, relative=near_relative, cap=near_cap))
    with open_output(output) as out:
        if chosen is VerifyFormat.table:
            out.write(format_report(report))
        elif chosen is VerifyFormat.csv:
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(csv_row(v) for v in report.verifications)
        else:
            for record in report.to_dicts():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    if offsets is not None:
        with open_output(offsets) as out:
            writer = csv.DictWriter(out, fieldnames=OFFSET_CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: ("" if v is None else v) for k, v in o.to_dict().items() if k != "type"}
                             for o in report.offsets)
    for prov in tables.provenance:
        logger.info("%s", prov.describe())
    logger.info("%s; %d offset(s)%s", report.summary(), len(report.offsets),
                f", {failed} document(s) failed" if failed else "")
    if failed:
        raise typer.Exit(1)
