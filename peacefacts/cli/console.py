"""What the command line says on stderr: messages through :mod:`logging`, and a progress bar.

Data goes to stdout; everything a person reads goes to stderr through the ``peacefacts`` logger,
so ``--quiet`` and ``--verbose`` are logging levels:

===========  =======================================================================
``-qq``      errors only: one line per document that failed
``-q``       and warnings (a ``published`` that is not a date, figures dropped)
(default)    and the summary line, and a progress bar when stderr is a terminal
``-v``       and what each document gave, and third-party warnings (trafilatura, ...)
===========  =======================================================================

The progress bar (tqdm) has a total when the inputs can be counted cheaply (files, JSONL lines),
is off when stderr is not a terminal, and every message is written through ``tqdm.write``, so a
message never lands in the middle of the bar.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

__all__ = [
    "logger",
    "configure",
    "verbosity",
    "progress",
    "count_inputs",
    "report_error",
    "report_warning",
]

logger = logging.getLogger("peacefacts")

T = TypeVar("T")

# the level of the peacefacts logger for -qq, -q, default, -v
_LEVELS = {-2: logging.ERROR, -1: logging.WARNING, 0: logging.INFO, 1: logging.DEBUG}
_state = {"verbosity": 0}


class _StderrHandler(logging.Handler):
    """One line per message on the *current* ``sys.stderr``, clear of any progress bar."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
            from tqdm import tqdm

            tqdm.write(message, file=sys.stderr)
        except Exception:  # noqa: BLE001 - logging must never raise
            self.handleError(record)


def configure(verbosity: int = 0) -> None:
    """Set up the ``peacefacts`` logger for a CLI run (idempotent: replaces its own handlers).

    Args:
        verbosity: -2 (``-qq``) to 1 (``-v``); see the module docstring.
    """
    verbosity = max(-2, min(1, verbosity))
    _state["verbosity"] = verbosity
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("peacefacts: %(message)s"))
    logger.handlers = [handler]
    logger.setLevel(_LEVELS[verbosity])
    logger.propagate = False
    # third-party libraries (trafilatura, htmldate, ...) log parse trouble on hostile pages; it
    # is shown with -v only, and never through Python's last-resort handler
    third = _StderrHandler()
    third.setFormatter(logging.Formatter("%(name)s: %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [third]
    root.setLevel(logging.WARNING if verbosity >= 1 else logging.CRITICAL + 1)


def verbosity() -> int:
    """The verbosity of this run (-2 to 1)."""
    return _state["verbosity"]


def progress(items: Iterable[T], *, total: int | None, unit: str = "doc", desc: str = "extracting") -> Iterator[T]:
    """``items`` with a progress bar on stderr when it is a terminal and messages are on."""
    if verbosity() < 0 or not _is_terminal(sys.stderr):
        yield from items
        return
    from tqdm import tqdm

    bar = tqdm(items, total=total, unit=unit, desc=desc, file=sys.stderr, dynamic_ncols=True, leave=False)
    try:
        yield from bar
    finally:
        bar.close()


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def count_inputs(paths: Iterable[str], *, jsonl_suffixes: frozenset[str]) -> int | None:
    """How many documents ``paths`` hold, counted cheaply: one per file, one per line of a JSONL
    file (newlines counted in large chunks); ``None`` when stdin is among them."""
    from peacefacts.ingest.read import walk_files
    from peacefacts.records import ErrorRecord

    total = 0
    for path in paths:
        if path == "-":
            return None
        files: Iterable[Any] = walk_files(path) if os.path.isdir(path) else [path]
        for file in files:
            if isinstance(file, ErrorRecord):
                total += 1
            elif os.path.splitext(file)[1].lower() in jsonl_suffixes:
                total += _count_lines(file)
            else:
                total += 1
    return total


def _count_lines(path: str) -> int:
    lines = 0
    last = b"\n"
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")


def report_error(item: Any) -> None:
    """One line on stderr for a document that failed (an :class:`~peacefacts.records.ErrorRecord`)."""
    where = "" if item.error.startswith(item.doc) else f"{item.doc}: "
    logger.error("%s%s", where, item.error)


def report_warning(item: Any) -> None:
    """One line on stderr for a :class:`~peacefacts.records.WarningRecord`."""
    where = "" if item.warning.startswith(item.doc) else f"{item.doc}: "
    logger.warning("warning: %s%s", where, item.warning)
