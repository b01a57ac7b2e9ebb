"""`peacefacts check KNOWN.toml [PATH...] [--facts FILE]`: regression check on known figures.

PATHs (default: the file's own ``inputs``) are extracted as in ``peacefacts extract``; ``--facts``
reads a saved extract JSONL file instead (no model is loaded then). Every figure listed in
KNOWN.toml is compared with what was extracted (see :mod:`peacefacts.known` for the format).

Output: one line per mismatch on stdout (``missing``, ``changed``, ``unexpected``), a summary
on stderr. Exit status: 0 no drift, 1 drift (or a document that could not be read), 2 a usage
error or a malformed KNOWN.toml.

``--init`` writes KNOWN.toml from the current extraction instead (it never overwrites a file):
a starting point to check by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from peacefacts.cli.app import app
from peacefacts.cli.console import logger
from peacefacts.cli.options import (
    DEFAULT_MAX_BYTES_TEXT,
    EncodingOption,
    MaxBytesOption,
    OnError,
    OnErrorOption,
    read_options,
)
from peacefacts.errors import InputError

__all__ = ["check_command"]


@app.command("check")
def check_command(
    known: Annotated[Path, typer.Argument(help="The known-figures TOML file.")],
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or directories to extract (default: the file's `inputs`)."),
    ] = None,
    facts: Annotated[
        Path | None, typer.Option("--facts", help="An extract JSONL file (from `peacefacts extract`), or - for stdin.")
    ] = None,
    init: Annotated[
        bool, typer.Option("--init", help="Write KNOWN.toml from the current extraction (never overwrites).")
    ] = False,
    on_error: OnErrorOption = OnError.skip,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES_TEXT,
    encoding: EncodingOption = None,
) -> None:
    """Compare extracted figures with a known-figures file; exit 1 on any drift."""
    from peacefacts.cli.common import gather_items
    from peacefacts.known import check_figures, dump_known, load_known

    read = read_options(max_bytes, encoding, on_error)

    if init:
        if known.exists():
            raise InputError(f"--init: {known} exists; remove it or choose another name")
        items, failed = gather_items(list(paths or []), facts, read=read)
        known.write_text(dump_known(items), encoding="utf-8")
        logger.warning("wrote %s; check every figure by hand before trusting it", known)
        raise typer.Exit(1 if failed else 0)

    table = load_known(known)
    paths = list(paths or [])
    if not paths and facts is None:
        if not table.inputs:
            raise InputError(f"nothing to check: give PATHs or --facts, or list `inputs` in {known}")
        paths = list(table.inputs)
    items, failed = gather_items(paths, facts, read=read)
    mismatches = check_figures(items, table)
    for mismatch in mismatches:
        print(mismatch)
    counts = {kind: sum(1 for m in mismatches if m.kind == kind) for kind in ("changed", "missing", "unexpected")}
    verdict = "drift" if mismatches else "ok"
    logger.info(
        "check %s: %s: %d known figure(s) in %d document(s); %d changed, %d missing, %d unexpected",
        known, verdict, len(table.figures), len(table.documents),
        counts["changed"], counts["missing"], counts["unexpected"],
    )
    if mismatches or failed:
        raise typer.Exit(1)
