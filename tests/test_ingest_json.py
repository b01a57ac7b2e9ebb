"""A corpus record reads the same whatever holds it: a JSONL line, a ``.json`` file (one object or an
array of them), stdin; its ``published``, ``url``, ``title`` and ``id`` are never dropped."""

from __future__ import annotations

import io
import json
import sys

import pytest

from peacefacts.cli import main
from peacefacts.errors import JSONLError
from peacefacts.extractor import Extractor
from peacefacts.ingest import read_document, read_inputs
from peacefacts.records import Document, ErrorRecord, PublishedSource

# The text carries a dateline of its own (8 June 2024): the record's "published" must win over it,
# as it does for a JSONL line, so a .json file read as plain text shows at once.
RECORD = {
    "id": "nepal-1",
    "url": "https://news.example.org/nepal-troops",
    "title": "Nepal's blue helmets",
    "published": "2021-03-15T08:00:00Z",
    "text": "UNITED NATIONS, 8 June 2024 - Nepal has 6,000 peacekeepers serving in UN missions, "
    "officials said.",
}
SECOND = {"id": "ghana-2", "published": "May 29, 2019", "text": "Ghana has deployed 870 peacekeepers to UNIFIL."}


def fields(doc: Document) -> tuple:
    return (doc.id, doc.url, doc.title, str(doc.published), doc.published_source, doc.text)


EXPECTED = (
    "nepal-1",
    "https://news.example.org/nepal-troops",
    "Nepal's blue helmets",
    "2021-03-15",
    PublishedSource.GIVEN,
    RECORD["text"],
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("one.jsonl", json.dumps(RECORD) + "\n"),
        ("one.json", json.dumps(RECORD)),
        ("pretty.json", json.dumps(RECORD, indent=2)),
        ("array.json", json.dumps([RECORD])),
    ],
)
def test_every_form_keeps_the_record_fields(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (doc,) = read_inputs([path])
    assert isinstance(doc, Document), doc
    assert fields(doc) == EXPECTED
    assert doc.source_path == str(path)


def test_json_array_reads_each_record_with_its_own_date_and_fallback_id(tmp_path):
    path = tmp_path / "pages.json"
    path.write_text(json.dumps([RECORD, SECOND, {"text": "UN peacekeepers arrived in Juba."}]), encoding="utf-8")
    docs = list(read_inputs([path], published="2020-01-01"))
    assert [(d.id, str(d.published), d.published_source) for d in docs] == [
        ("nepal-1", "2021-03-15", PublishedSource.GIVEN),
        ("ghana-2", "2019-05-29", PublishedSource.GIVEN),  # a scraper's date as written
        (f"{path}[2]", "2020-01-01", PublishedSource.GIVEN),  # nothing of its own: the default
    ]


def test_malformed_records_are_typed_errors_and_the_others_are_read(tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text(
        json.dumps([SECOND, {"id": "bad-text", "text": 5}, "a string", {"id": "bad-url", "text": "UN troops", "url": 3}]),
        encoding="utf-8",
    )
    got = [(r.doc, r.error, r.kind) if isinstance(r, ErrorRecord) else r.id for r in read_inputs([path])]
    assert got == [
        "ghana-2",
        ("bad-text", f'{path}[1]: "text" is not a string (got number)', "JSONLError"),
        (f"{path}[2]", f"{path}[2]: not a JSON object (got string)", "JSONLError"),
        ("bad-url", f'{path}[3]: "url" is not a string (got number)', "JSONLError"),
    ]


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ('{"id": "x", "text": "UN troops", ', "not JSON (Expecting property name enclosed in double quotes at line 1 column 34)"),
        ("[]", "an empty array: no records"),
        ('"UN troops"', "not a JSON object or array of objects (got string)"),
        ('{"id": "x"}', 'missing "text"'),
    ],
)
def test_a_json_file_that_is_no_record_is_one_error_record(tmp_path, content, error):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    (record,) = read_inputs([path])
    assert isinstance(record, ErrorRecord), record
    assert (record.error, record.kind, record.stage) == (f"{path}: {error}", "JSONLError", "read")


def test_a_jsonl_corpus_saved_as_json_is_read_line_by_line(tmp_path):
    path = tmp_path / "corpus.json"
    path.write_text(json.dumps(RECORD) + "\n" + json.dumps(SECOND) + "\n", encoding="utf-8")
    docs = list(read_inputs([path]))
    assert [(d.id, str(d.published)) for d in docs] == [("nepal-1", "2021-03-15"), ("ghana-2", "2019-05-29")]


def test_read_document_reads_one_json_record(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(RECORD), encoding="utf-8")
    assert fields(read_document(path)) == EXPECTED
    assert str(read_document(path, published="2020-05-05").published) == "2020-05-05"  # the caller's date wins
    many = tmp_path / "many.json"
    many.write_text(json.dumps([RECORD, SECOND]), encoding="utf-8")
    with pytest.raises(JSONLError, match=r"an array of 2 record\(s\), not one"):
        read_document(many)


def test_html_record_keeps_its_title(tmp_path):
    page = (
        "<html><head><title>Site name | Home</title></head><body><article><h1>Page headline</h1>"
        "<p>Nepal has 6,000 peacekeepers serving in UN missions, officials said on Tuesday.</p>"
        "</article></body></html>"
    )
    record = {"id": "h", "title": "Record title", "published": "2022-02-02", "text": page}
    for name, content in (("h.jsonl", json.dumps(record) + "\n"), ("h.json", json.dumps(record))):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        (doc,) = read_inputs([path])
        assert (doc.id, doc.title, str(doc.published)) == ("h", "Record title", "2022-02-02")


@pytest.mark.parametrize("content", [json.dumps(RECORD, indent=2), json.dumps([RECORD, SECOND])])
def test_stdin_json_is_read_as_records(monkeypatch, content):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode("utf-8")), encoding="utf-8"))
    docs = list(read_inputs(["-"]))
    assert fields(docs[0]) == EXPECTED
    assert [d.id for d in docs] == ["nepal-1", "ghana-2"][: len(docs)]


def test_stdin_text_that_starts_like_json_stays_a_text(monkeypatch):
    text = "[Reuters] UN peacekeepers from Ghana arrived in Lebanon on Monday, officials said."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    (doc,) = read_inputs(["-"])
    assert (doc.id, doc.text) == ("-", text)


def test_extract_many_dates_facts_by_the_json_record(tmp_path, extractor: Extractor):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(RECORD), encoding="utf-8")
    (result,) = extractor.extract_many(read_inputs([path]))
    assert result.document.id == "nepal-1"
    assert sorted((f.value, str(f.as_of)) for f in result.facts) == [(6000, "2021-03-15")]


@pytest.fixture
def _shared_model(monkeypatch, nlp):
    import peacefacts.extractor  # noqa: F401 - imported before the patch
    import peacefacts.nlp.model as model

    monkeypatch.setattr(model, "load_pipeline", lambda spec=None: nlp)
    monkeypatch.setattr("peacefacts.extractor.load_pipeline", lambda spec=None: nlp)


@pytest.mark.usefixtures("_shared_model")
def test_cli_extract_of_a_json_record_equals_its_jsonl_line(tmp_path, capsys):
    as_json, as_jsonl = tmp_path / "one.json", tmp_path / "one.jsonl"
    as_json.write_text(json.dumps(RECORD, indent=2), encoding="utf-8")
    as_jsonl.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    assert main(["extract", str(as_json), "--format", "jsonl"]) == 0
    from_json = capsys.readouterr().out
    assert main(["extract", str(as_jsonl), "--format", "jsonl"]) == 0
    assert from_json == capsys.readouterr().out
    rows = [json.loads(line) for line in from_json.splitlines()]
    document = rows[0]
    assert (document["doc"], document["url"], document["title"], document["published"]) == (
        "nepal-1",
        "https://news.example.org/nepal-troops",
        "Nepal's blue helmets",
        "2021-03-15",
    )
    assert [(r["value"], r["as_of"]) for r in rows if r["type"] == "fact"] == [(6000, "2021-03-15")]
