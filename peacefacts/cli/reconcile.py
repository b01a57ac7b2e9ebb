"""`peacefacts reconcile PATH... [--facts FILE] [--format json|table] [--policy latest|conservative] [-o FILE]`.

PATHs are read and extracted as in ``peacefacts extract``; ``--facts`` reads a JSONL file that
``peacefacts extract`` wrote instead (no spaCy model is loaded then). Both may be given. The
reconciliation goes to stdout (or ``-o FILE``); counts and per-document errors go to stderr.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from peacefacts.cli.app import app
from peacefacts.errors import InputError

__all__ = ["reconcile_command", "ReconcileFormat", "PolicyChoice"]


class ReconcileFormat(str, Enum):
    """Output formats: the JSON contract, or a report a person reads."""

    json = "json"
    table = "table"


class PolicyChoice(str, Enum):
    """Selection policies (see :class:`peacefacts.reconciler.Policy`)."""

    latest = "latest"
    conservative = "conservative"


def _read_facts(path: Path) -> list[Any]:
    from peacefacts.io.jsonl import read_records

    if str(path) != "-" and not path.is_file():
        raise InputError(f"--facts: no such file: {path}")
    if str(path) == "-":
        from peacefacts.io.jsonl import iter_records

        return list(iter_records(sys.stdin, "<stdin>"))
    try:
        return read_records(path)
    except UnicodeDecodeError as exc:
        raise InputError(f"--facts: {path} is not UTF-8 text") from exc
    except OSError as exc:
        raise InputError(f"--facts: cannot read {path}: {exc.strerror}") from exc


def _extract(paths: list[str]) -> tuple[list[Any], int]:
    """Extract PATHs; errors go to stderr, one line each, and the batch goes on."""
    # imported here: the extractor loads spaCy, which --facts never needs
    from peacefacts.extractor import Extractor
    from peacefacts.ingest import read_inputs
    from peacefacts.records import ErrorRecord

    items: list[Any] = []
    failed = 0
    for item in Extractor().extract_many(read_inputs(paths)):
        if isinstance(item, ErrorRecord):
            failed += 1
            print(f"peacefacts: {item.doc}: {item.error}", file=sys.stderr)
        else:
            items.append(item)
    return items, failed


def _write(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror}") from exc


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
    fmt: Annotated[ReconcileFormat, typer.Option("--format", "-f", help="Output format.")] = ReconcileFormat.json,
    policy: Annotated[
        PolicyChoice, typer.Option("--policy", help="Which figure of a series is preferred.")
    ] = PolicyChoice.latest,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Group figures from many documents, order them in time and explain every disagreement."""
    from peacefacts.reconciler import format_table, reconcile

    paths = list(paths or [])
    if not paths and facts is None:
        raise InputError("nothing to reconcile: give PATHs to extract or --facts FILE")
    items: list[Any] = []
    failed = 0
    if facts is not None:
        items += _read_facts(facts)
    if paths:
        extracted, failed = _extract(paths)
        items += extracted
    result = reconcile(items, policy=policy.value)
    text = result.to_json() + "\n" if fmt is ReconcileFormat.json else format_table(result)
    _write(text, output)
    print(
        f"peacefacts: {len(result.groups)} group(s), {len(result.pairs)} pair(s), "
        f"{len(result.discrepancies())} disagreement(s), {len(result.copies)} copy pair(s)",
        file=sys.stderr,
    )
    if failed:
        raise typer.Exit(1)
