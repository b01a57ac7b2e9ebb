"""Services: one Extractor shared by threads, and plain-dict extraction for worker pools."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import ROOT, SEEDS
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import result_records

jsonschema = pytest.importorskip("jsonschema")


def _seed_texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def _records(result) -> list[dict]:
    return [to_record(r) for r in result_records(result)]


def test_services_threads_sharing_one_extractor_equal_serial(extractor):
    texts = _seed_texts() * 3  # 15 jobs on 4 threads: several documents in flight at once
    serial = [_records(extractor.extract(text, doc_id=name)) for name, text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda job: _records(extractor.extract(job[1], doc_id=job[0])), texts))
    assert threaded == serial
    facts = [r for records in serial[:5] for r in records if r["type"] == "fact"]
    assert len(facts) == 17


def test_services_threads_extract_many_equal_serial(extractor):
    from peacefacts.ingest import read_inputs

    def run(_: int) -> list[dict]:
        return [row for item in extractor.extract_many(read_inputs([str(SEEDS)])) for row in _records(item)]

    with ThreadPoolExecutor(max_workers=3) as pool:
        outputs = list(pool.map(run, range(3)))
    assert outputs[0] == outputs[1] == outputs[2]
    assert sum(1 for row in outputs[0] if row["type"] == "fact") == 17


def test_services_extract_dicts_pickle_json_and_validate(shared_model):
    import peacefacts

    name, text = _seed_texts()[4]  # 004: the MOFA press release
    rows = peacefacts.extract_dicts(text, published="2021-10-26", doc_id=name)
    assert [r["type"] for r in rows] == ["document", "fact", "fact", "person"]
    assert [(r["metric"], r["value"], r["as_of"]) for r in rows if r["type"] == "fact"] == [
        ("missions_served_total", 46, "2021-10-26"),
        ("fatalities_total", 161, "2021-10-26"),
    ]
    assert pickle.loads(pickle.dumps(rows)) == rows
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == rows
    schema_dir = ROOT / "docs" / "schema"
    for row in rows:
        schema = json.loads((schema_dir / f"{row['type']}.schema.json").read_text(encoding="utf-8"))
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(row)) == []


def test_services_extract_dicts_from_a_worker_function(shared_model):
    """What a pool's worker runs: a JSONL corpus line in, JSON-ready records out (see docs/services.md)."""
    import peacefacts

    def work(line: str) -> list[dict]:
        job = json.loads(line)
        return peacefacts.extract_dicts(job["text"], published=job.get("published"), doc_id=job["id"])

    line = json.dumps({"id": "a", "text": "Nepal has 6,000 peacekeepers serving in UN missions.", "published": "2024-05-29"})
    rows = work(line)
    assert [(r["type"], r.get("subject"), r.get("value")) for r in rows] == [
        ("document", None, None),
        ("fact", "Nepal", 6000),
    ]
