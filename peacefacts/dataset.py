"""Extraction output as a partitioned Parquet dataset, written a chunk at a time, resumable.

A million articles do not fit in one JSON array, and a run that stops after ten hours should not
start again from zero. :class:`DatasetWriter` writes extraction results into a directory::

    out/
      _peacefacts.json          what this is (format, version, tables)
      documents/part-000000.parquet
      facts/part-000000.parquet
      people/part-000000.parquet
      errors/part-000000.parquet
      documents/part-000001.parquet
      ...

Each chunk of documents (``chunk_size``) becomes one part in every table, with the columns of
:data:`peacefacts.frames.COLUMNS` (the documents table also keeps each document's copy
``fingerprint``). A part is written under a hidden temporary name and renamed into place, the
``documents`` part last: a part is *committed* once its ``documents`` file exists, so a run
killed at any moment loses at most the chunk it was filling. ``resume=True`` removes what an
interrupted commit left behind, and :attr:`DatasetWriter.done` holds the ids already written
(documents and errors), which the caller skips.

Any Parquet reader takes the directory (``pyarrow.dataset``, ``pandas.read_parquet``,
DuckDB's ``read_parquet('out/facts/*.parquet')``, Dask, Spark); :func:`read_table` reads one
table's committed parts, and :func:`read_records` gives back the records of the output contract,
so ``peacefacts.reconcile(read_records(out))`` reconciles a dataset.

Needs the ``parquet`` extra (``pip install 'peacefacts[parquet]'``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from peacefacts.errors import DatasetError
from peacefacts.frames import to_arrow
from peacefacts.optional import import_optional
from peacefacts.records import ErrorRecord, ExtractionResult

__all__ = [
    "TABLES",
    "DEFAULT_CHUNK_SIZE",
    "DatasetWriter",
    "FactsFileWriter",
    "is_dataset",
    "committed_parts",
    "done_ids",
    "read_table",
    "read_records",
    "table_schema",
]

#: The tables of a dataset, in the order a part is committed (``documents`` last: its file is
#: the mark that the part is complete).
TABLES: tuple[str, ...] = ("facts", "people", "errors", "documents")
#: Documents per part: what a killed run can lose at most.
DEFAULT_CHUNK_SIZE = 500
_MANIFEST = "_peacefacts.json"
_FORMAT = "peacefacts-dataset"
_VERSION = 1
_PART = re.compile(r"^(part-[0-9A-Za-z_.-]+)\.parquet$")


def _pa() -> Any:
    return import_optional("pyarrow", extra="parquet")


def table_schema(table: str) -> Any:
    """The Arrow schema of one table: the columns of :data:`peacefacts.frames.COLUMNS`, plus the
    documents' ``fingerprint`` (a list of int64: 128 MinHash values and the shingle count)."""
    schema = to_arrow([], table).schema
    if table == "documents":
        pa = _pa()
        schema = schema.append(pa.field("fingerprint", pa.list_(pa.int64())))
    return schema


def _table(results: list[ExtractionResult | ErrorRecord], table: str) -> Any:
    arrow = to_arrow(results, table)
    if table == "documents":
        pa = _pa()
        fingerprints = {r.document.id: r.document.fingerprint for r in results if isinstance(r, ExtractionResult)}
        column = [fingerprints.get(doc) for doc in arrow.column("doc").to_pylist()]
        values = [None if fp is None else list(fp) for fp in column]
        arrow = arrow.append_column(pa.field("fingerprint", pa.list_(pa.int64())), pa.array(values, pa.list_(pa.int64())))
    return arrow


def is_dataset(directory: str | os.PathLike[str]) -> bool:
    """Whether ``directory`` holds a peacefacts dataset (its manifest)."""
    return (Path(directory) / _MANIFEST).is_file()


def committed_parts(directory: str | os.PathLike[str]) -> list[str]:
    """Names of the committed parts (those whose ``documents`` file exists), sorted."""
    folder = Path(directory) / "documents"
    if not folder.is_dir():
        return []
    return sorted(m.group(1) for m in map(_PART.match, os.listdir(folder)) if m)


def _files(directory: Path, table: str) -> list[str]:
    return [str(directory / table / f"{part}.parquet") for part in committed_parts(directory)]


def read_table(directory: str | os.PathLike[str], table: str) -> Any:
    """One table of the committed parts, as a pyarrow Table (in part order).

    Raises:
        DatasetError: ``directory`` is not a peacefacts dataset, or ``table`` is not one of
            :data:`TABLES`.
    """
    path = Path(directory)
    if table not in TABLES:
        raise DatasetError(f"unknown table {table!r}; a dataset has {', '.join(TABLES)}")
    if not is_dataset(path):
        raise DatasetError(f"{path} is not a peacefacts dataset (no {_MANIFEST})")
    pa = _pa()
    pq = import_optional("pyarrow.parquet", extra="parquet")
    parts = [pq.read_table(f, schema=table_schema(table)) for f in _files(path, table)]
    return pa.concat_tables(parts) if parts else table_schema(table).empty_table()


def done_ids(directory: str | os.PathLike[str]) -> set[str]:
    """Ids of the documents (and failed documents) in the committed parts."""
    path = Path(directory)
    if not is_dataset(path):
        return set()
    done: set[str] = set()
    for table in ("documents", "errors"):
        done.update(read_table(path, table).column("doc").to_pylist())
    return done


def read_records(directory: str | os.PathLike[str]) -> Iterator[Any]:
    """The dataset's records as the output contract's records: documents (with their
    fingerprints, without text), then facts, people and errors, part by part.

    Example:
        >>> import tempfile
        >>> from peacefacts.records import Document, Fact, Figure
        >>> out = tempfile.mkdtemp() + "/out"
        >>> from peacefacts.records import ExtractionResult
        >>> with DatasetWriter(out) as writer:
        ...     writer.write(ExtractionResult(document=Document(id="a", text="..."), facts=[
        ...         Fact(doc="a", subject="Ghana", metric="personnel_deployed", figure=Figure.exact(800))]))
        >>> [(type(r).__name__, r.doc if hasattr(r, "doc") else r.id) for r in read_records(out)]
        [('Document', 'a'), ('Fact', 'a')]
    """
    from peacefacts.io.convert import from_record

    path = Path(directory)
    if not is_dataset(path):
        raise DatasetError(f"{path} is not a peacefacts dataset (no {_MANIFEST})")
    pq = import_optional("pyarrow.parquet", extra="parquet")
    for part in committed_parts(path):
        for table in ("documents", "facts", "people", "errors"):
            rows_ = pq.read_table(path / table / f"{part}.parquet", schema=table_schema(table)).to_pylist()
            for row in rows_:
                yield from_record(_record(table, row))


def _record(table: str, row: dict[str, Any]) -> dict[str, Any]:
    if table == "documents":
        return {
            "type": "document",
            "doc": row["doc"],
            "url": row["url"],
            "title": row["title"],
            "published": row["published"],
            "published_source": row["published_source"],
            "fingerprint": row["fingerprint"],
        }
    if table == "facts":
        record = {k: v for k, v in row.items() if k not in ("as_of_start", "as_of_end", "published")}
        return {"type": "fact", **record}
    if table == "people":
        return {"type": "person", **{k: v for k, v in row.items() if k != "published"}}
    return {"type": "error", **row}


class DatasetWriter:
    """Write extraction results into a partitioned Parquet dataset, one part per chunk.

    Args:
        directory: the dataset directory (created if missing).
        chunk_size: documents per part; a killed run loses at most this many.
        resume: continue a dataset an earlier run wrote: clean up what an interrupted commit
            left, and fill :attr:`done` with the ids already written.
        part_prefix: names parts ``{part_prefix}-NNNNNN`` (workers of one run writing into one
            dataset each take their own prefix).

    Raises:
        DatasetError: the directory exists, is not empty and ``resume`` is false; or it is not
            a peacefacts dataset.

    Example:
        >>> import tempfile
        >>> from peacefacts.records import Document, ExtractionResult
        >>> out = tempfile.mkdtemp() + "/out"
        >>> with DatasetWriter(out, chunk_size=2) as writer:
        ...     for k in range(3):
        ...         writer.write(ExtractionResult(document=Document(id=f"d{k}", text="...")))
        >>> committed_parts(out), sorted(done_ids(out))
        (['part-000000', 'part-000001'], ['d0', 'd1', 'd2'])
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        resume: bool = False,
        part_prefix: str = "part",
        attach: bool = False,
    ) -> None:
        import_optional("pyarrow.parquet", extra="parquet")
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
        self.directory = Path(directory)
        self.chunk_size = chunk_size
        self._prefix = part_prefix
        self._buffer: list[ExtractionResult | ErrorRecord] = []
        self._closed = False
        # attach: one of several writers (Dask workers) filling a dataset their driver opened
        if not attach:
            self._open(resume)
        elif not is_dataset(self.directory):
            raise DatasetError(f"{self.directory} is not a peacefacts dataset (no {_MANIFEST})")
        self.done: set[str] = done_ids(self.directory) if resume and not attach else set()
        taken = [int(p.rsplit("-", 1)[1]) for p in committed_parts(self.directory) if _own(p, part_prefix)]
        self._next = max(taken, default=-1) + 1
        #: documents (and errors) written by this writer
        self.written = 0

    def _open(self, resume: bool) -> None:
        path = self.directory
        if path.exists() and not path.is_dir():
            raise DatasetError(f"{path} exists and is not a directory")
        if path.is_dir() and any(path.iterdir()):
            if not is_dataset(path):
                raise DatasetError(f"{path} is not empty and is not a peacefacts dataset")
            if not resume:
                raise DatasetError(f"{path} already holds a dataset: resume it, or write somewhere else")
            self._clean_up()
        for table in TABLES:
            (path / table).mkdir(parents=True, exist_ok=True)
        manifest = {"format": _FORMAT, "version": _VERSION, "tables": list(TABLES)}
        (path / _MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    def _clean_up(self) -> None:
        """Remove temporary files and parts whose commit did not finish."""
        committed = set(committed_parts(self.directory))
        for table in TABLES:
            folder = self.directory / table
            if not folder.is_dir():
                continue
            for name in os.listdir(folder):
                m = _PART.match(name)
                if name.startswith(".") or (m and m.group(1) not in committed):
                    (folder / name).unlink()

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        # results already in the buffer are complete documents: keep them even on an error
        self.close()

    def write(self, item: ExtractionResult | ErrorRecord) -> None:
        """Add one document's result; a part is committed every ``chunk_size`` documents."""
        if self._closed:
            raise ValueError("the dataset writer is closed")
        self._buffer.append(item)
        if len(self._buffer) >= self.chunk_size:
            self.flush()

    def write_all(self, items: Iterable[ExtractionResult | ErrorRecord]) -> int:
        """Write every result of a stream; returns how many."""
        n = 0
        for item in items:
            self.write(item)
            n += 1
        return n

    def flush(self) -> str | None:
        """Commit the buffered results as one part; returns its name (``None`` if empty)."""
        if not self._buffer:
            return None
        pq = import_optional("pyarrow.parquet", extra="parquet")
        part = f"{self._prefix}-{self._next:06d}"
        staged = []
        for table in TABLES:
            tmp = self.directory / table / f".{part}.parquet.tmp"
            pq.write_table(_table(self._buffer, table), tmp)
            staged.append((tmp, self.directory / table / f"{part}.parquet"))
        for tmp, final in staged:  # documents last: its file commits the part
            os.replace(tmp, final)
        for item in self._buffer:
            self.done.add(item.doc_id if isinstance(item, ExtractionResult) else item.doc)
        self.written += len(self._buffer)
        self._buffer = []
        self._next += 1
        return part

    def close(self) -> None:
        """Commit what is buffered."""
        if not self._closed:
            self.flush()
            self._closed = True


def _own(part: str, prefix: str) -> bool:
    head, _, number = part.rpartition("-")
    return head == prefix and number.isdigit()


class FactsFileWriter:
    """Write the facts of a stream of results into one Parquet file, a row group per chunk.

    The file is written under a temporary name and renamed when closed: a reader never sees a
    half-written file. (A single file cannot be resumed; write a dataset directory for that.)

    Args:
        path: the ``.parquet`` file.
        chunk_size: documents per row group.
    """

    def __init__(self, path: str | os.PathLike[str], *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> None:
        pq = import_optional("pyarrow.parquet", extra="parquet")
        self.path = Path(path)
        self.chunk_size = chunk_size
        self._tmp = self.path.with_name(f".{self.path.name}.tmp")
        self._writer = pq.ParquetWriter(self._tmp, table_schema("facts"))
        self._buffer: list[ExtractionResult | ErrorRecord] = []
        self.written = 0

    def __enter__(self) -> FactsFileWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, item: ExtractionResult | ErrorRecord) -> None:
        self._buffer.append(item)
        if len(self._buffer) >= self.chunk_size:
            self.flush()

    def flush(self) -> None:
        if self._buffer:
            self._writer.write_table(_table(self._buffer, "facts"))
            self.written += len(self._buffer)
            self._buffer = []

    def close(self) -> None:
        if self._writer is not None:
            self.flush()
            self._writer.close()
            self._writer = None
            os.replace(self._tmp, self.path)
