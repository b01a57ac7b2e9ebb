"""What the sub-commands share: reading inputs, extracting them, and writing outputs.

Data goes to stdout (or ``-o FILE``), messages to stderr (:mod:`peacefacts.cli.console`), one
line per failed document.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Container, Iterator, List, Optional, Union

from peacefacts.cli.console import count_inputs, logger, progress, report_error, report_warning
from peacefacts.cli.options import OnError, ReadOptions
from peacefacts.errors import InputError, OutputError, SchemaError

if TYPE_CHECKING:  # pragma: no cover
    from peacefacts.records import ErrorRecord, ExtractionResult

__all__ = [
    "open_output",
    "write_text",
    "run_extraction",
    "read_facts_file",
    "gather_items",
    "report_error",
    "report_warning",
]


@contextlib.contextmanager
def open_output(path: Optional[Path]) -> Iterator[IO[str]]:
    """stdout, or a file opened for writing as UTF-8."""
    if path is None or str(path) == "-":
        _utf8_stdout()
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc
    with handle:
        yield handle


def _utf8_stdout() -> None:
    """Data is UTF-8 whatever the locale says (LANG=C would refuse every accent)."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if reconfigure is not None and encoding not in ("utf8", ""):
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8")


def run_extraction(
    paths: List[str],
    *,
    published: Optional[str] = None,
    n_process: int = 1,
    batch_size: int = 32,
    people: bool = True,
    model: Optional[str] = None,
    progress_bar: bool = True,
    read: ReadOptions = ReadOptions(),
    skip: Optional[Container[str]] = None,
) -> Iterator[Union[ExtractionResult, ErrorRecord]]:
    """Read PATHs and stream extraction results (shared by extract, reconcile, people, plot, check).

    The model is loaded before anything is read, so a model that cannot be loaded is one usage
    error (exit 2), not an error record per document. ``skip``: ids of documents not to extract
    (already in a resumed output).
    """
    from peacefacts.extractor import Extractor
    from peacefacts.ingest import read_inputs
    from peacefacts.ingest.read import JSONL_SUFFIXES

    if published is not None:
        from peacefacts.records import PartialDate

        try:
            PartialDate.from_string(published)
        except ValueError as exc:
            raise InputError(f"--published: {exc}") from exc
    extractor = Extractor(model, people=people, batch_size=batch_size)
    extractor.nlp  # noqa: B018 - raises ModelNotFoundError now
    inputs = read_inputs(paths, published=published, max_bytes=read.max_bytes, encoding=read.encoding)
    if skip:
        from peacefacts.records import ErrorRecord

        inputs = (d for d in inputs if (d.doc if isinstance(d, ErrorRecord) else d.id) not in skip)
    results = extractor.extract_many(inputs, n_process=n_process)
    if not progress_bar:
        return iter(results)
    total = count_inputs(paths, jsonl_suffixes=JSONL_SUFFIXES) if sys.stderr.isatty() else None
    return progress(results, total=total)


def write_text(text: str, output: Optional[Path]) -> None:
    """Write a whole output to stdout or to ``output``."""
    with open_output(output) as out:
        try:
            out.write(text)
            out.flush()
        except OSError as exc:
            raise OutputError(f"cannot write {output or 'stdout'}: {exc.strerror or exc}") from exc


def read_facts_file(path: Path, on_error: OnError = OnError.skip) -> tuple[list[Any], int]:
    """Records from a ``peacefacts extract`` JSONL file, or stdin for ``-``, and the number of
    bad lines.

    Every line is checked against the output contract. With ``on_error=skip`` each bad line is
    reported on stderr (file, line, field and what is wrong) and the rest is read; with ``fail``
    the first bad line stops the command.

    Raises:
        InputError: the file is missing, unreadable or not UTF-8.
        SchemaError: a bad line, with ``on_error=fail``.
    """
    from peacefacts.io.jsonl import parse_record_line

    if path.is_dir():  # a Parquet dataset written by `extract -o DIR --format parquet`
        from peacefacts.dataset import read_records as read_dataset

        return list(read_dataset(path)), 0
    if str(path) == "-":
        source = "<stdin>"
    elif not path.is_file():
        raise InputError(f"--facts: no such file: {path}")
    else:
        source = str(path)
    items: list[Any] = []
    bad = 0
    try:
        with contextlib.ExitStack() as stack:
            lines: Any = sys.stdin if str(path) == "-" else stack.enter_context(open(path, encoding="utf-8"))
            for lineno, line in enumerate(lines, 1):
                try:
                    record = parse_record_line(line, source, lineno)
                except SchemaError as exc:
                    if on_error is OnError.fail:
                        raise SchemaError(f"--facts: {exc} (--on-error skip reads the other lines)") from exc
                    bad += 1
                    logger.error("%s", exc)
                    continue
                if record is not None:
                    items.append(record)
    except UnicodeDecodeError as exc:
        raise InputError(f"--facts: {path} is not UTF-8 text") from exc
    except OSError as exc:
        raise InputError(f"--facts: cannot read {path}: {exc.strerror}") from exc
    return items, bad


def gather_items(
    paths: List[str],
    facts: Optional[Path],
    *,
    people: bool = False,
    published: Optional[str] = None,
    model: Optional[str] = None,
    read: ReadOptions = ReadOptions(),
) -> tuple[list[Any], int]:
    """Saved records (``--facts``) plus fresh extraction results of PATHs.

    Error records stay in the list (a reconciliation or a check ignores them); each document
    that fails now, and each bad line of ``--facts``, is reported on stderr. Returns the items
    and the number of those failures.

    Raises:
        InputError: neither PATHs nor ``--facts`` were given.
    """
    from peacefacts.records import ErrorRecord, ExtractionResult

    if not paths and facts is None:
        raise InputError("nothing to read: give PATHs to extract or --facts FILE")
    items, failed = read_facts_file(facts, read.on_error) if facts is not None else ([], 0)
    # error records already in --facts were reported when they were made
    if paths:
        for item in run_extraction(paths, people=people, published=published, model=model, read=read):
            if isinstance(item, ErrorRecord):
                failed += 1
                report_error(item)
            elif isinstance(item, ExtractionResult):
                for warning in item.warnings:
                    report_warning(warning)
            items.append(item)
    if failed:
        logger.debug("%d input(s) failed", failed)
    return items, failed
