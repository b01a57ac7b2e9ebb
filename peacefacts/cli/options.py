"""Options several sub-commands share, declared once: how inputs are read, what a bad saved
record does, and which output format a file name asks for."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Annotated, Mapping, NamedTuple, Optional, TypeVar

import typer

from peacefacts.errors import InputError
from peacefacts.ingest.read import DEFAULT_MAX_BYTES

__all__ = [
    "OnError",
    "ReadOptions",
    "MaxBytesOption",
    "EncodingOption",
    "OnErrorOption",
    "parse_size",
    "read_options",
    "output_format",
]


class OnError(str, Enum):
    """What a bad line of a ``--facts`` file does."""

    skip = "skip"  # report it, read the rest, exit 1 at the end
    fail = "fail"  # stop at it, exit 1


class ReadOptions(NamedTuple):
    """How PATHs are read (``--max-bytes``, ``--encoding``) and ``--facts`` checked (``--on-error``)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    encoding: Optional[str] = None
    on_error: OnError = OnError.skip


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 10**3, "m": 10**6, "g": 10**9, "ki": 2**10, "mi": 2**20, "gi": 2**30}


def parse_size(text: str) -> int:
    """A size in bytes from ``20000000``, ``20MB``, ``500k``, ``1.5GB`` or ``64MiB``.

    >>> parse_size("20MB"), parse_size("500k"), parse_size("64MiB"), parse_size("1000")
    (20000000, 500000, 67108864, 1000)
    """
    match = _SIZE.match(text)
    if not match:
        raise InputError(f"--max-bytes {text!r}: expected a size such as 20000000, 20MB or 500k")
    unit = (match.group(2) or "").lower().rstrip("b")
    size = int(float(match.group(1)) * _UNITS[unit])
    if size < 1:
        raise InputError(f"--max-bytes {text!r}: must be at least one byte")
    return size


MaxBytesOption = Annotated[
    str,
    typer.Option(
        "--max-bytes",
        metavar="SIZE",
        help=(
            "The largest document read: a file, stdin, or one JSONL line (bytes, or 20MB, 500k). "
            "Larger ones become error records."
        ),
    ),
]
DEFAULT_MAX_BYTES_TEXT = "20MB"

EncodingOption = Annotated[
    Optional[str],
    typer.Option(
        "--encoding",
        metavar="CODEC",
        help=(
            "Decode every input with this codec (e.g. cp1252, latin-1, utf-16). "
            "Default: UTF-8, or UTF-16/32 found by their byte-order mark or by detection."
        ),
    ),
]

OnErrorOption = Annotated[
    OnError,
    typer.Option(
        "--on-error",
        help="A bad line in --facts: skip it (report it, go on, exit 1) or fail (stop there, exit 1).",
    ),
]


def read_options(max_bytes: str, encoding: Optional[str], on_error: OnError = OnError.skip) -> ReadOptions:
    """Check the shared reading options at once (a usage error before anything is read)."""
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"--encoding {encoding!r}: not an encoding Python knows (e.g. cp1252, utf-16)") from None
    return ReadOptions(parse_size(max_bytes), encoding, on_error)


F = TypeVar("F", bound=Enum)


def output_format(output: Optional[Path], given: Optional[F], choices: type[F], suffixes: Mapping[str, str], default: F) -> F:
    """The output format: ``--format`` if given, else what ``-o``'s suffix says, else ``default``.

    Args:
        output: the ``-o`` path (``None`` or ``-``: stdout).
        given: the ``--format`` value, ``None`` when not given.
        choices: the command's format enum.
        suffixes: file suffix → format name, for every suffix a format is known by (including
            formats this command cannot write, such as ``.parquet``).
        default: the format when neither says.

    Raises:
        InputError: the suffix names another format than ``--format``, or one this command
            cannot write (a usage error: exit 2).
    """
    suffix = output.suffix.lower() if output is not None and str(output) != "-" else ""
    implied = suffixes.get(suffix)
    names = {c.value: c for c in choices}
    if implied is not None and implied not in names:
        raise InputError(
            f"-o {output}: this command cannot write {implied} (formats: {', '.join(names)})"
        )
    if given is not None:
        if implied is not None and implied != given.value:
            raise InputError(
                f"-o {output}: the file name says {implied} but --format is {given.value}; "
                "make them agree (or drop one)"
            )
        chosen = given
    else:
        chosen = names[implied] if implied is not None else default
    if chosen.value == "parquet":
        from peacefacts.optional import import_optional

        import_optional("pyarrow", extra="parquet")  # say so now, not after hours of extraction
    return chosen


#: Every suffix a data format is known by.
SUFFIXES: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "table",
    ".text": "table",
}
