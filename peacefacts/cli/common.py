"""What the sub-commands share: reading inputs, extracting them, and writing outputs.

Data goes to stdout (or ``-o FILE``), messages to stderr, one line per failed document.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Container, Iterator, List, Optional, Union

from peacefacts.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from peacefacts.records import ErrorRecord, ExtractionResult

__all__ = ["open_output", "write_text", "run_extraction", "read_facts_file", "gather_items", "report_error"]


@contextlib.contextmanager
def open_output(path: Optional[Path]) -> Iterator[IO[str]]:
    """stdout, or a file opened for writing as UTF-8."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc
    with handle:
        yield handle


def run_extraction(
    paths: List[str],
    *,
    published: Optional[str] = None,
    n_process: int = 1,
    batch_size: int = 32,
    people: bool = True,
    model: Optional[str] = None,
    progress: bool = True,
    skip: Optional[Container[str]] = None,
) -> Iterator[Union[ExtractionResult, ErrorRecord]]:
    """Read PATHs and stream extraction results (shared by extract, reconcile, people, plot).

    ``skip``: ids of documents not to extract (already in a resumed output).
    """
    from peacefacts.extractor import Extractor
    from peacefacts.ingest import read_inputs

    if published is not None:
        from peacefacts.records import PartialDate

        try:
            PartialDate.from_string(published)
        except ValueError as exc:
            raise InputError(f"--published: {exc}") from exc
    extractor = Extractor(model, people=people, batch_size=batch_size)
    inputs = read_inputs(paths, published=published)
    if skip:
        from peacefacts.records import ErrorRecord

        inputs = (d for d in inputs if (d.doc if isinstance(d, ErrorRecord) else d.id) not in skip)
    results = extractor.extract_many(inputs, n_process=n_process)
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        return iter(tqdm(results, desc="extracting", unit="doc", file=sys.stderr))
    return results


def report_error(item: Any) -> None:
    """One line on stderr for a document that failed."""
    where = "" if item.error.startswith(item.doc) else f"{item.doc}: "
    print(f"peacefacts: {where}{item.error}", file=sys.stderr)


def write_text(text: str, output: Optional[Path]) -> None:
    """Write a whole output to stdout or to ``output``."""
    with open_output(output) as out:
        out.write(text)
        out.flush()


def read_facts_file(path: Path) -> list[Any]:
    """Records from a ``peacefacts extract`` JSONL file, or stdin for ``-``.

    Raises:
        InputError: the file is missing, unreadable or not UTF-8.
        SchemaError: a line is not a record of the output contract.
    """
    from peacefacts.io.jsonl import iter_records, read_records

    if str(path) == "-":
        return list(iter_records(sys.stdin, "<stdin>"))
    if path.is_dir():  # a Parquet dataset written by `extract -o DIR --format parquet`
        from peacefacts.dataset import read_records as read_dataset

        return list(read_dataset(path))
    if not path.is_file():
        raise InputError(f"--facts: no such file: {path}")
    try:
        return read_records(path)
    except UnicodeDecodeError as exc:
        raise InputError(f"--facts: {path} is not UTF-8 text") from exc
    except OSError as exc:
        raise InputError(f"--facts: cannot read {path}: {exc.strerror}") from exc


def gather_items(
    paths: List[str],
    facts: Optional[Path],
    *,
    people: bool = False,
    published: Optional[str] = None,
    model: Optional[str] = None,
) -> tuple[list[Any], int]:
    """Saved records (``--facts``) plus fresh extraction results of PATHs.

    Error records stay in the list (a reconciliation or a check ignores them); each document
    that fails now is reported on stderr. Returns the items and the number of those failures.

    Raises:
        InputError: neither PATHs nor ``--facts`` were given.
    """
    from peacefacts.records import ErrorRecord

    if not paths and facts is None:
        raise InputError("nothing to read: give PATHs to extract or --facts FILE")
    items: list[Any] = read_facts_file(facts) if facts is not None else []
    failed = 0  # documents that fail now; error records already in --facts were reported then
    if paths:
        for item in run_extraction(paths, people=people, published=published, model=model):
            if isinstance(item, ErrorRecord):
                failed += 1
                report_error(item)
            items.append(item)
    return items, failed
