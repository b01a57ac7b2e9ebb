"""`peacefacts extract`: output formats, per-document errors, exit status, no tracebacks."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import FIXTURES, SEEDS
from peacefacts.cli import main

SEED_004 = str(SEEDS / "004_7e52952e49f3ada9.txt")


@pytest.fixture(autouse=True)
def _shared_model(monkeypatch, nlp):
    # the CLI builds its own Extractor; give it the session's pipeline instead of loading again
    import peacefacts.extractor  # noqa: F401 - imported before the patch, or it would import the patched name
    import peacefacts.nlp.model as model

    monkeypatch.setattr(model, "load_pipeline", lambda spec=None: nlp)
    monkeypatch.setattr("peacefacts.extractor.load_pipeline", lambda spec=None: nlp)


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_jsonl_contract(capsys):
    assert main(["extract", SEED_004]) == 0
    out, err = capsys.readouterr()
    rows = _jsonl(out)
    assert [r["type"] for r in rows][:1] == ["document"]
    doc = rows[0]
    assert (doc["doc"], doc["published"], doc["published_source"]) == (SEED_004, "2021-10-26", "text")
    facts = [r for r in rows if r["type"] == "fact"]
    assert sorted((f["metric"], f["value"]) for f in facts) == [
        ("fatalities_total", 161), ("missions_served_total", 46)
    ]
    for f in facts:
        assert set(f) >= {"doc", "subject", "metric", "value", "qualifier", "low", "high", "as_of", "since",
                          "category", "evidence", "start", "end"}
    people = [r for r in rows if r["type"] == "person"]
    assert [p["name"] for p in people] == ["Makhdoom Shah Mahmood Qureshi"]
    assert err.strip().splitlines()[-1] == "peacefacts: 1 document(s), 2 fact(s), 0 failed"


def test_csv_and_json_formats(capsys, tmp_path):
    target = tmp_path / "facts.csv"
    assert main(["extract", SEED_004, "--format", "csv", "-o", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert sorted(r["value"] for r in rows) == ["161", "46"]
    assert {r["as_of"] for r in rows} == {"2021-10-26"}
    capsys.readouterr()
    assert main(["extract", SEED_004, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["type"] for r in data].count("fact") == 2


def test_bad_inputs_give_error_records_and_the_batch_goes_on(capsys, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"id": "ok", "published": "2024-05-01", "text": "Pakistan has deployed 235,000 peacekeepers in 48 UN missions."}\n'
        "this line is not json\n"
        '{"id": "no-text"}\n',
        encoding="utf-8",
    )
    paths = [
        str(FIXTURES / "ingest" / "empty.txt"),
        str(FIXTURES / "ingest" / "nul_bytes.bin"),
        str(FIXTURES / "ingest" / "latin1.txt"),
        str(tmp_path / "missing.txt"),
        str(corpus),
    ]
    assert main(["extract", *paths]) == 1
    out, err = capsys.readouterr()
    rows = _jsonl(out)
    errors = {r["doc"]: r["error"] for r in rows if r["type"] == "error"}
    assert set(errors) == {paths[0], paths[1], paths[2], paths[3], f"{corpus}:2", "no-text"}
    assert errors[paths[0]] == "empty file"
    assert errors[paths[3]] == "no such file"
    assert [(r["doc"], r["value"]) for r in rows if r["type"] == "fact"] == [("ok", 235000), ("ok", 48)]
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "peacefacts: 7 document(s), 2 fact(s), 6 failed"
    # one line per failed document on stderr
    assert sum(1 for line in err.splitlines() if line.startswith("peacefacts: ")) == 7


def test_usage_errors_are_one_line_and_exit_2(capsys):
    assert main(["extract", "--published", "yesterday", SEED_004]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "peacefacts: error: --published: not a partial date (YYYY[-MM[-DD]]): 'yesterday'"
    assert main(["no-such-command"]) == 2
    assert "No such command" in capsys.readouterr().err


def test_published_option_dates_undated_documents(capsys):
    undated = str(SEEDS / "003_982e448d4ac8b6b6.txt")
    assert main(["extract", undated, "--published", "2024-05-28", "--no-people"]) == 0
    rows = _jsonl(capsys.readouterr().out)
    assert rows[0]["published"] == "2024-05-28"
    assert {r["as_of"] for r in rows if r["type"] == "fact"} == {"2024-05-28"}
