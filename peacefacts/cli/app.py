"""The typer application that every ``peacefacts`` sub-command registers on."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="peacefacts",
    help="Dated, sourced UN peacekeeping figures from news text, and where sources disagree.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
