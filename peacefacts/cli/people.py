"""`peacefacts people PATH... [--facts FILE] [--format jsonl|csv|table] [-o FILE]`.

PATHs are read and extracted as in ``peacefacts extract``; ``--facts`` reads a JSONL file that
``peacefacts extract`` wrote instead (no spaCy model is loaded then). Both may be given. The index
(one line per person for ``jsonl``, one row per person and role for ``csv`` and ``table``) goes to
stdout or ``-o FILE``; counts and per-document errors go to stderr.
"""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

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

__all__ = ["people_command", "PeopleFormat", "CSV_COLUMNS", "render_people"]


class PeopleFormat(str, Enum):
    """Output formats of ``peacefacts people``."""

    jsonl = "jsonl"
    csv = "csv"
    table = "table"


#: Columns of ``--format csv``: one row per (person, role); a person without a role has one row.
CSV_COLUMNS = ["name", "role", "organization", "dates", "role_docs", "docs", "variants"]


def _rows(records: list[dict[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for person in records:
        common = {"name": person["name"], "docs": ";".join(person["docs"]), "variants": ";".join(person["variants"])}
        for role in person["roles"] or [None]:
            rows.append({
                **common,
                "role": "" if role is None else role["role"],
                "organization": "" if role is None else role["organization"] or "",
                "dates": "" if role is None else ";".join(role["dates"]),
                "role_docs": "" if role is None else ";".join(role["docs"]),
            })
    return rows


def render_people(records: list[dict[str, Any]], fmt: PeopleFormat) -> str:
    """The index records (:meth:`~peacefacts.people_index.PeopleIndex.to_records`) as text.

    >>> rec = [{"name": "Faisal Shahkar", "variants": ["Faisal Shahkar"], "docs": ["a", "b"],
    ...         "first_seen": "2025-04-19", "last_seen": "2025-04-19",
    ...         "roles": [{"role": "Police Adviser", "organization": "UN", "dates": [], "docs": ["b"],
    ...                    "variants": ["Police Adviser"]}]}]
    >>> print(render_people(rec, PeopleFormat.table), end="")
    name            role            organization  dates  documents
    Faisal Shahkar  Police Adviser  UN            -      b
    """
    if fmt is PeopleFormat.jsonl:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    rows = _rows(records)
    if fmt is PeopleFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    header = ["name", "role", "organization", "dates", "documents"]
    table = [header]
    last_name = None
    for row in rows:
        # the name only on a person's first row, so several roles read as one block
        table.append([
            row["name"] if row["name"] != last_name else "",
            row["role"] or "-",
            row["organization"] or "-",
            row["dates"].replace(";", ", ") or "-",
            (row["role_docs"] or row["docs"]).replace(";", ", "),
        ])
        last_name = row["name"]
    widths = [max(len(r[i]) for r in table) for i in range(len(header) - 1)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1] + "\n"
        for r in table
    )


@app.command("people")
def people_command(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Text, HTML or JSONL files, directories, or - for stdin.")
    ] = None,
    facts: Annotated[
        Path | None,
        typer.Option("--facts", help="A JSONL file written by `peacefacts extract` (read instead of extracting)."),
    ] = None,
    fmt: Annotated[
        PeopleFormat | None,
        typer.Option("--format", "-f", help="Output format [default: from -o's suffix, else jsonl]."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY[-MM[-DD]]) for documents that carry none."),
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline name or path.")] = None,
    on_error: OnErrorOption = OnError.skip,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES_TEXT,
    encoding: EncodingOption = None,
) -> None:
    """People across documents: every role they held, when, and in which documents."""
    from peacefacts.people_index import build_people_index
    from peacefacts.records import ErrorRecord

    chosen = output_format(output, fmt, PeopleFormat, SUFFIXES, PeopleFormat.jsonl)
    gathered, failed = gather_items(
        list(paths or []), facts, people=True, published=published, model=model,
        read=read_options(max_bytes, encoding, on_error),
    )
    index = build_people_index([item for item in gathered if not isinstance(item, ErrorRecord)])
    write_text(render_people(index.to_records(), chosen), output)
    logger.info("%d person(s)%s", len(index), f", {failed} document(s) failed" if failed else "")
    if failed:
        raise typer.Exit(1)
