"""`peacefacts reconcile PATH... [--facts FILE] [--format json|table] [--policy latest|conservative] [--all-pairs] [-o FILE]`.

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
from peacefacts.errors import OutputError

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
    official: Annotated[
        bool, typer.Option("--official", help="Add the official tables' value to each checkable group, as arbiter.")
    ] = False,
    official_dir: Annotated[
        Path | None, typer.Option("--official-dir", help="Newer official tables for --official (a download or a bundle).")
    ] = None,
    all_pairs: Annotated[
        bool,
        typer.Option(
            "--all-pairs",
            help="Judge every pair of every group, as the labelling conventions do (quadratic in the largest "
            "group); by default a group of more than 11 figures pairs each with its 10 neighbours in time "
            "and its series.",
        ),
    ] = False,
    n_process: Annotated[
        int,
        typer.Option(
            "--n-process", "-j", min=1,
            help="Worker processes for the groups (independent, so the output is the same whatever N).",
        ),
    ] = 1,
) -> None:
    """Group figures from many documents, order them in time and explain every disagreement."""
    from peacefacts.reconciler import Verdict, format_table, reconcile
    from peacefacts.reconciler.pairs import DEFAULT_NEIGHBOURS

    chosen = output_format(output, fmt, ReconcileFormat, SUFFIXES, ReconcileFormat.json)
    read = read_options(max_bytes, encoding, on_error)
    tables = None
    if official or official_dir is not None:
        from peacefacts.official.build import load_official

        tables = load_official(official_dir)  # a wrong directory fails before any extraction
    items, failed = gather_items(list(paths or []), facts, read=read)
    neighbours = None if all_pairs else DEFAULT_NEIGHBOURS
    result = reconcile(items, policy=policy.value, official=tables, neighbours=neighbours, n_process=n_process)
    del items
    with open_output(output) as out:
        try:
            if chosen is ReconcileFormat.json:
                result.write_json(out)  # streamed: a record at a time, not one string of everything
                out.write("\n")
            else:
                out.write(format_table(result))
            out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write {output or 'stdout'}: {exc.strerror or exc}") from exc
    counts = result.verdict_counts()
    logger.info(
        "%d group(s), %d pair(s), %d disagreement(s), %d copy pair(s)",
        len(result.groups), sum(counts.values()), sum(counts.values()) - counts[Verdict.AGREE], len(result.copies),
    )
    if failed:
        raise typer.Exit(1)
