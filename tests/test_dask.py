"""peacefacts.dask on a local distributed cluster: the same facts, copies and verdicts as one
process."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from peacefacts.dask import (  # noqa: E402
    extract_bag,
    extract_to_dataset,
    find_copies_dask,
    read_corpus,
    reconcile_dataset,
)
from peacefacts.dataset import done_ids, read_records  # noqa: E402
from peacefacts.extractor import Extractor  # noqa: E402
from peacefacts.ingest import read_inputs  # noqa: E402
from peacefacts.reconciler import find_copies, fingerprint_text, reconcile  # noqa: E402
from peacefacts.records import Document, ErrorRecord, ExtractionResult, Fact, Person  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        yield cluster, client


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> list[Path]:
    """The seed articles as two JSONL shards, one story reprinted under another id, and a bad line."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    folder = tmp_path_factory.mktemp("shards")
    names = sorted(texts)
    records = [{"id": name, "text": texts[name], "published": "2024-05-29"} for name in names]
    records.append({"id": "mirror-of-002", "text": texts[names[2]], "published": "2024-05-30"})
    paths = []
    for k, chunk in enumerate((records[:3], records[3:])):
        path = folder / f"shard-{k}.jsonl"
        lines = [json.dumps(r) for r in chunk]
        if k == 1:
            lines.append('{"id": "broken", "text": ""}')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def by_doc(records) -> dict:
    out: dict = {}
    for r in records:
        doc = r.id if isinstance(r, Document) else r.doc
        out.setdefault(doc, {"facts": [], "people": [], "error": None})
        if isinstance(r, Fact):
            out[doc]["facts"].append(r)
        elif isinstance(r, Person):
            out[doc]["people"].append(r)
        elif isinstance(r, ErrorRecord):
            out[doc]["error"] = r.error
    return out


def test_dask_gives_the_single_process_facts_and_verdicts(cluster, shards, tmp_path):
    local, client = cluster
    single = list(Extractor().extract_many(read_inputs([str(p) for p in shards])))
    out = tmp_path / "out"
    summary = extract_to_dataset(shards, out, scheduler=local.scheduler_address, documents_per_partition=2)
    assert (summary.documents, summary.failed, summary.partitions) == (7, 1, 2)
    assert summary.facts == sum(len(r.facts) for r in single if isinstance(r, ExtractionResult))

    records = list(read_records(out))
    expected = by_doc(
        [x for r in single for x in ([r] if isinstance(r, ErrorRecord) else [r.document, *r.facts, *r.people])]
    )
    assert by_doc(records) == expected
    assert expected["broken"]["error"]

    # copies by LSH bands on the cluster, then the groups built where their facts lie
    rec = reconcile_dataset(out)
    assert [(c.a, c.b) for c in rec.copies] == [
        ("000_7afdc2f30fcbe9a6.txt", "001_e651096705ef97ea.txt"),
        ("002_9bc1dabc8887fe0b.txt", "mirror-of-002"),
    ]
    assert rec.to_json() == reconcile(single).to_json()
    assert rec.discrepancies()[0].explanation == reconcile(single).discrepancies()[0].explanation


def test_a_resumed_dask_run_adds_only_what_is_missing(cluster, shards, tmp_path):
    out = tmp_path / "out"
    first = extract_to_dataset(shards[:1], out)
    assert first.documents == 3
    again = extract_to_dataset(shards, out, resume=True)
    assert (again.skipped, again.documents) == (3, 4)
    assert len(done_ids(out)) == 7
    whole = tmp_path / "whole"
    extract_to_dataset(shards, whole)
    assert by_doc(read_records(out)) == by_doc(read_records(whole))


def test_bags_of_records_texts_and_files(cluster, tmp_path):
    import dask.bag as db

    text = (SEEDS / "004_7e52952e49f3ada9.txt").read_text(encoding="utf-8")
    bag = db.from_sequence([{"id": "rec", "text": text, "published": "2021-10-26"}, text, {"text": ""}], npartitions=2)
    results = extract_bag(bag, people=False).compute()
    assert [type(r).__name__ for r in results] == ["ExtractionResult", "ExtractionResult", "ErrorRecord"]
    assert results[0].document.id == "rec" and results[1].document.id.startswith("text-")
    assert results[0].facts == Extractor(people=False).extract(text, published="2021-10-26", doc_id="rec").facts
    files = read_corpus([SEEDS], documents_per_partition=2)
    assert files.npartitions == 3
    assert sorted(d.id for d in files.compute()) == sorted(str(p) for p in SEEDS.glob("*.txt"))


def test_copies_by_lsh_bands_on_dask_are_the_copies(cluster):
    import dask.dataframe as dd
    import pandas as pd

    rng = random.Random(5)
    words = [f"w{k}" for k in range(3000)]
    texts = {f"p{k:03d}": " ".join(rng.choices(words, k=rng.randint(60, 200))) for k in range(120)}
    for k in range(0, 120, 10):  # copies: a sidebar added, or the last third cut
        base = texts[f"p{k:03d}"]
        texts[f"c{k:03d}"] = base + " read more stories" if k % 20 else " ".join(base.split()[: len(base.split()) * 2 // 3])
    fingerprints = {doc: fingerprint_text(t) for doc, t in texts.items()}
    frame = pd.DataFrame({"doc": list(fingerprints), "fingerprint": [list(fp) for fp in fingerprints.values()]})
    got = find_copies_dask(dd.from_pandas(frame, npartitions=4))
    assert got == find_copies(fingerprints)
    assert len(got) >= 12


def test_cli_extract_on_a_dask_scheduler(cluster, shards, tmp_path, capsys):
    from peacefacts.cli import main

    local, _ = cluster
    out = tmp_path / "out"
    assert main(["extract", str(shards[0]), "-o", str(out), "--dask", local.scheduler_address]) == 0
    err = capsys.readouterr().err
    assert "3 document(s)" in err and "1 partition(s)" in err
    assert len(done_ids(out)) == 3
    assert main(["extract", str(shards[0]), "-o", str(tmp_path / "f.parquet"), "--dask", "local"]) == 2
    assert "--dask writes a Parquet dataset" in capsys.readouterr().err
