"""Parquet datasets of extraction output: parts committed a chunk at a time, resumable runs,
and ``peacefacts extract -o DIR --format parquet``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

from peacefacts.cli import main  # noqa: E402
from peacefacts.dataset import (  # noqa: E402
    DatasetWriter,
    FactsFileWriter,
    committed_parts,
    done_ids,
    read_records,
    read_table,
)
from peacefacts.errors import DatasetError  # noqa: E402
from peacefacts.ingest import read_inputs  # noqa: E402
from peacefacts.reconciler import reconcile  # noqa: E402
from peacefacts.records import Document, ErrorRecord, ExtractionResult, Fact  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A JSONL corpus of 30 documents: the seed articles under new ids, and one empty text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for k in range(30):
            text = "" if k == 7 else texts[k % len(texts)]
            out.write(json.dumps({"id": f"doc-{k:02d}", "text": text, "published": "2024-05-29"}) + "\n")
    return path


def table_rows(directory: Path, table: str) -> list[tuple]:
    rows = read_table(directory, table).to_pylist()
    return sorted(tuple(sorted((k, str(v)) for k, v in row.items())) for row in rows)


def same_dataset(a: Path, b: Path) -> None:
    for table in ("documents", "facts", "people", "errors"):
        assert table_rows(a, table) == table_rows(b, table), table


def test_parts_round_trip_to_the_extraction_results(seed_results, tmp_path):
    results = list(seed_results.values())
    out = tmp_path / "out"
    with DatasetWriter(out, chunk_size=2) as writer:
        writer.write_all([*results, ErrorRecord(doc="broken.html", error="empty document")])
    assert committed_parts(out) == ["part-000000", "part-000001", "part-000002"]
    assert done_ids(out) == {r.document.id for r in results} | {"broken.html"}
    records = list(read_records(out))
    facts = [r for r in records if isinstance(r, Fact)]
    assert facts == [f for r in results for f in r.facts]
    docs = {r.id: r for r in records if isinstance(r, Document)}
    assert {k: d.fingerprint for k, d in docs.items()} == {r.document.id: r.document.fingerprint for r in results}
    assert [r for r in records if isinstance(r, ErrorRecord)] == [ErrorRecord(doc="broken.html", error="empty document")]
    # the reconciliation of the dataset is the reconciliation of the results
    assert reconcile(records).to_json() == reconcile(results).to_json()
    assert read_table(out, "facts").schema.field("as_of_end").type.__str__() == "date32[day]"


def test_an_existing_dataset_is_resumed_or_refused(tmp_path):
    out = tmp_path / "out"
    with DatasetWriter(out) as writer:
        writer.write(ExtractionResult(document=Document(id="a", text="x")))
    with pytest.raises(DatasetError, match="already holds a dataset"):
        DatasetWriter(out)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(DatasetError, match="not a peacefacts dataset"):
        DatasetWriter(tmp_path / "other")
    with DatasetWriter(out, resume=True) as writer:
        assert writer.done == {"a"}
        writer.write(ExtractionResult(document=Document(id="b", text="y")))
    assert committed_parts(out) == ["part-000000", "part-000001"]


def test_an_interrupted_commit_is_cleaned_up_on_resume(tmp_path, monkeypatch):
    out = tmp_path / "out"
    writer = DatasetWriter(out, chunk_size=1)
    writer.write(ExtractionResult(document=Document(id="a", text="x")))
    real_replace = os.replace
    renamed = []

    def die_before_documents(src, dst):
        if "documents" in str(dst):
            raise KeyboardInterrupt  # killed between the renames of one commit
        renamed.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", die_before_documents)
    with pytest.raises(KeyboardInterrupt):
        writer.write(ExtractionResult(document=Document(id="b", text="y")))
    monkeypatch.setattr(os, "replace", real_replace)
    assert len(renamed) == 3 and all(Path(p).exists() for p in renamed)  # facts, people, errors of part 1
    assert done_ids(out) == {"a"}  # part 1 was never committed
    with DatasetWriter(out, resume=True) as resumed:
        assert resumed.done == {"a"}
        assert not any(Path(p).exists() for p in renamed)
        assert not [n for t in ("facts", "documents") for n in os.listdir(out / t) if n.startswith(".")]
        resumed.write(ExtractionResult(document=Document(id="b", text="y")))
    assert done_ids(out) == {"a", "b"}


def test_facts_file_is_written_in_row_groups(seed_results, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "facts.parquet"
    with FactsFileWriter(path, chunk_size=2) as writer:
        for result in seed_results.values():
            writer.write(result)
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_row_groups == 3
    assert parquet.read().num_rows == sum(len(r.facts) for r in seed_results.values())
    assert not list(tmp_path.glob(".*"))


# -- the command line ---------------------------------------------------------------------------


def test_cli_writes_a_dataset_and_a_resumed_run_equals_an_uninterrupted_one(corpus, tmp_path, capsys, shared_model):
    whole = tmp_path / "whole"
    assert main(["extract", str(corpus), "-o", str(whole), "--format", "parquet", "--chunk-size", "4"]) == 1
    assert "30 document(s)" in capsys.readouterr().err  # one empty text fails, the rest go on
    assert len(committed_parts(whole)) == 8
    # a run that stopped after two parts, then resumed
    part = tmp_path / "part"
    first = [d for d in read_inputs([str(corpus)])][:8]
    from peacefacts.extractor import Extractor

    with DatasetWriter(part, chunk_size=4) as writer:
        writer.write_all(Extractor().extract_many(first))
    # the failed (empty) document was in the first run: nothing fails now
    assert main(["extract", str(corpus), "-o", str(part), "--format", "parquet", "--resume", "--chunk-size", "4"]) == 0
    err = capsys.readouterr().err
    assert "22 document(s)" in err and "8 already in" in err
    same_dataset(whole, part)
    # --facts reads a dataset directory
    assert main(["reconcile", "--facts", str(whole), "-o", str(tmp_path / "rec.json")]) == 0
    assert json.loads((tmp_path / "rec.json").read_text())["copies"]


@pytest.mark.slow
def test_a_killed_run_loses_at_most_the_chunk_in_flight(corpus, tmp_path):
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    cli = "import sys; from peacefacts.cli import main; sys.exit(main(sys.argv[1:]))"
    cmd = [sys.executable, "-c", cli, "extract", str(corpus), "--format", "parquet", "--chunk-size", "2"]
    subprocess.run([*cmd, "-o", str(whole)], capture_output=True, check=False)
    proc = subprocess.Popen([*cmd, "-o", str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(committed_parts(killed)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = done_ids(killed)
    assert 4 <= len(before) <= 30
    resumed = subprocess.run([*cmd, "-o", str(killed), "--resume"], capture_output=True, text=True, check=False)
    assert f"{len(before)} already in" in resumed.stderr or len(before) == 30
    same_dataset(whole, killed)


def test_parquet_usage_errors(corpus, tmp_path, capsys):
    assert main(["extract", str(corpus), "--format", "parquet"]) == 2
    assert "needs -o DIR" in capsys.readouterr().err
    assert main(["extract", str(corpus), "-o", str(tmp_path / "x.parquet"), "--resume"]) == 2
    assert "--resume needs a dataset directory" in capsys.readouterr().err
    assert main(["extract", str(corpus), "-o", str(tmp_path / "x.jsonl"), "--resume"]) == 2
    assert "--resume needs Parquet output" in capsys.readouterr().err
