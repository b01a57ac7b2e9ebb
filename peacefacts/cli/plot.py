"""`peacefacts plot --subject S --metric M PATH... [--facts FILE] -o out.png`.

PATHs are read and extracted as in ``peacefacts extract``; ``--facts`` reads a JSONL file that
``peacefacts extract`` wrote (no spaCy model is loaded then). Both may be given. The figures are
reconciled, then one subject and metric is drawn as a timeline across sources (see
:mod:`peacefacts.plot`). The image goes to ``-o`` (format from its suffix: .png, .svg, .pdf).
``--official`` draws the UN's own count behind the points (``--official-dir DIR``: newer tables).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from peacefacts.cli.app import app
from peacefacts.cli.common import gather_items
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

__all__ = ["plot_command"]


@app.command("plot")
def plot_command(
    subject: Annotated[str, typer.Option("--subject", "-s", help="Subject: a country, a mission or UN.")],
    metric: Annotated[str, typer.Option("--metric", "-m", help="Metric, e.g. fatalities_total.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Image file (.png, .svg or .pdf).")],
    paths: Annotated[
        list[str] | None, typer.Argument(help="Text, HTML or JSONL files or directories to extract first.")
    ] = None,
    facts: Annotated[
        Path | None, typer.Option("--facts", help="An extract JSONL file (from `peacefacts extract`), or - for stdin.")
    ] = None,
    policy: Annotated[str, typer.Option("--policy", help="Preferred point: latest or conservative.")] = "latest",
    title: Annotated[str | None, typer.Option("--title", help="Replace the default title.")] = None,
    dpi: Annotated[int, typer.Option("--dpi", min=50, max=600, help="Resolution of raster images.")] = 150,
    on_error: OnErrorOption = OnError.skip,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES_TEXT,
    encoding: EncodingOption = None,
    official: Annotated[
        bool, typer.Option("--official", help="Draw the UN's own count (official tables) behind the points.")
    ] = False,
    official_dir: Annotated[
        Path | None, typer.Option("--official-dir", help="Newer official tables for --official (a download or a bundle).")
    ] = None,
) -> None:
    """Draw one subject and metric across sources as a timeline image."""
    from peacefacts.records import Metric

    if not subject.strip():
        raise InputError("--subject must not be empty (e.g. --subject Pakistan)")
    known_metrics = [m.value for m in Metric]
    if metric not in known_metrics:
        raise InputError(f"--metric {metric!r} is not a metric; expected one of: {', '.join(known_metrics)}")
    if policy not in ("latest", "conservative"):
        raise InputError(f"--policy {policy!r}: expected latest or conservative")
    if output.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise InputError(f"-o {output}: the file name must end in .png, .svg or .pdf")
    read = read_options(max_bytes, encoding, on_error)
    tables = None
    if official or official_dir is not None:
        from peacefacts.official.build import load_official

        tables = load_official(official_dir)  # a wrong directory fails before any extraction
    items, failed = gather_items(list(paths or []), facts, read=read)

    from peacefacts.io.gather import gather_results
    from peacefacts.plot import save_timeline, timeline_points
    from peacefacts.reconciler import reconcile

    results, _ = gather_results(items)
    rec = reconcile(results, policy=policy)  # once, for the summary line and the image
    try:
        points = timeline_points(rec, subject, metric)
        save_timeline(rec, subject, metric, output, title=title, dpi=dpi, documents=[r.document for r in results],
                      official=tables)
    except ValueError as exc:  # no such subject/metric: a usage error, said in one line
        raise InputError(str(exc)) from exc
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror}") from exc
    dated = sum(1 for p in points if p.as_of is not None)
    logger.info(
        "%s: %d figure(s) of %s %s (%d dated, %d undated)",
        output, len(points), subject, metric, dated, len(points) - dated,
    )
    if failed:
        raise typer.Exit(1)
