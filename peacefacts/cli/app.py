"""The typer application that every ``peacefacts`` sub-command registers on, with the options
that apply to all of them (``--version``, ``--quiet``, ``--verbose``)."""
from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    name="peacefacts",
    help="Dated, sourced UN peacekeeping figures from news text, and where sources disagree.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("peacefacts")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            number = "unknown"
        typer.echo(f"peacefacts {number}")
        raise typer.Exit(0)


@app.callback()
def _global_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    quiet: Annotated[
        int,
        typer.Option(
            "--quiet", "-q", count=True, help="Fewer messages: -q hides the summary and progress, -qq warnings too."
        ),
    ] = 0,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="More messages: each document, and third-party warnings.")
    ] = False,
) -> None:
    """Dated, sourced UN peacekeeping figures from news text, and where sources disagree.

    Data goes to stdout; messages and a progress bar (when stderr is a terminal) to stderr.
    """
    from peacefacts.cli import console

    console.configure(1 if verbose else -min(quiet, 2))
