"""`peacefacts extract PATH... -o DIR --format parquet [--resume] [--chunk-size N] [--dask [SCHEDULER]]`.

Large runs: extraction into a partitioned Parquet dataset, written a chunk at a time and
resumable (:mod:`peacefacts.dataset`), or into one Parquet file of facts (``-o x.parquet``), or
on a Dask cluster (:mod:`peacefacts.dask`). Kept apart from ``cli/extract.py``, which only
dispatches here.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from peacefacts.cli.common import run_extraction
from peacefacts.cli.console import logger, report_error
from peacefacts.cli.options import ReadOptions
from peacefacts.errors import InputError

__all__ = ["extract_to_parquet", "extract_with_dask"]


def _check(output: Optional[Path], resume: bool) -> bool:
    """Validate the options; returns whether the output is a single file."""
    if output is None or str(output) == "-":
        raise InputError("Parquet output needs -o DIR (a dataset) or -o FILE.parquet (facts only)")
    single = output.suffix.lower() in (".parquet", ".pq")
    if single and resume:
        raise InputError("--resume needs a dataset directory (-o DIR --format parquet), not one .parquet file")
    return single


def extract_to_parquet(
    paths: List[str],
    output: Optional[Path],
    *,
    resume: bool,
    chunk_size: int,
    published: Optional[str],
    n_process: int,
    batch_size: int,
    people: bool,
    model: Optional[str],
    read: ReadOptions = ReadOptions(),
) -> None:
    """Extract PATHs into a Parquet dataset (or a facts file), a chunk at a time."""
    from peacefacts.dataset import DatasetWriter, FactsFileWriter
    from peacefacts.records import ErrorRecord

    single = _check(output, resume)
    assert output is not None
    writer: DatasetWriter | FactsFileWriter
    if single:
        writer = FactsFileWriter(output, chunk_size=chunk_size)
    else:
        writer = DatasetWriter(output, chunk_size=chunk_size, resume=resume)
    skipped = set(writer.done) if isinstance(writer, DatasetWriter) else set()
    n_docs = n_failed = n_facts = 0
    with writer:
        for item in run_extraction(
            paths,
            published=published,
            n_process=n_process,
            batch_size=batch_size,
            people=people,
            model=model,
            read=read,
            skip=skipped,
        ):
            n_docs += 1
            if isinstance(item, ErrorRecord):
                n_failed += 1
                report_error(item)
            else:
                n_facts += len(item.facts)
            writer.write(item)
    resumed = f"; {len(skipped)} already in {output}" if skipped else ""
    logger.info("%d document(s), %d fact(s), %d failed%s", n_docs, n_facts, n_failed, resumed)
    if n_failed:
        raise typer.Exit(1)


def extract_with_dask(
    paths: List[str],
    output: Optional[Path],
    *,
    scheduler: str,
    chunk_size: int,
    published: Optional[str],
    people: bool,
    model: Optional[str],
) -> None:
    """Extract PATHs on a Dask cluster into a Parquet dataset (``scheduler``: an address such as
    ``tcp://host:8786``, ``local`` for a local cluster, or a Dask scheduler name)."""
    from peacefacts.dask import extract_to_dataset

    if output is None or str(output) == "-" or output.suffix.lower() == ".parquet":
        raise InputError("--dask writes a Parquet dataset: give -o DIR")
    summary = extract_to_dataset(
        paths,
        output,
        scheduler=scheduler,
        documents_per_partition=chunk_size,
        published=published,
        people=people,
        model=model,
    )
    logger.info(
        "%d document(s), %d fact(s), %d failed in %d partition(s) on %s",
        summary.documents, summary.facts, summary.failed, summary.partitions, summary.scheduler,
    )
    if summary.failed:
        raise typer.Exit(1)
