"""`peacefacts reconcile PATH... [--facts FILE] [--format json|table] [--policy latest|conservative] [-o FILE]`.

PATHs are read and extracted as in ``peacefacts extract``; ``--facts`` reads a JSONL file that
``peacefacts extract`` wrote instead (no spaCy model is loaded then). Both may be given. The
reconciliation goes to stdout (or ``-o FILE``); counts and per-document errors go to stderr.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from peacefacts.cli.app import app
from peacefacts.cli.common import gather_items, write_text
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

__all__ = ["reconcile_command", "ReconcileFormat", "PolicyChoice"]


class ReconcileFormat(str, Enum):
    """Output formats: the JSON contract, or a report a person reads."""

    json = "json"
    table = "table"


class PolicyChoice(str, Enum):
    """Selection policies (see :class:`peacefacts.reconciler.Policy`)."""

    latest = "latest"
    conservative = "conservative"


@app.command("reconcile")
def reconcile_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Text, HTML or JSONL files or directories to extract first."),
    ] = None,
    facts: Annotated[
        Path | None,
        typer.Option("--facts", help="An extract JSONL file (from `peacefacts extract`), or - for stdin."),
    ] = None,
    fmt: Annotated[
        ReconcileFormat | None,
        typer.Option("--format", "-f", help="Output format [default: from -o's suffix, else json]."),
    ] = None,
    policy: Annotated[
        PolicyChoice, typer.Option("--policy", help="Which figure of a series is preferred.")
    ] = PolicyChoice.latest,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    on_error: OnErrorOption = OnError.skip,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES_TEXT,
    encoding: EncodingOption = None,
) -> None:
    """Group figures from many documents, order them in time and explain every disagreement."""
    from peacefacts.reconciler import format_table, reconcile

    chosen = output_format(output, fmt, ReconcileFormat, SUFFIXES, ReconcileFormat.json)
    items, failed = gather_items(list(paths or []), facts, read=read_options(max_bytes, encoding, on_error))
    result = reconcile(items, policy=policy.value)
    text = result.to_json() + "\n" if chosen is ReconcileFormat.json else format_table(result)
    write_text(text, output)
    logger.info(
        "%d group(s), %d pair(s), %d disagreement(s), %d copy pair(s)",
        len(result.groups), len(result.pairs), len(result.discrepancies()), len(result.copies),
    )
    if failed:
        raise typer.Exit(1)
