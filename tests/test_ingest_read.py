"""Reading inputs: files, directories, JSONL, stdin, and every kind of bad input."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from peacefacts.errors import InputError, JSONLError
from peacefacts.ingest import (
    DEFAULT_MAX_BYTES,
    decode_bytes,
    parse_jsonl_record,
    read_document,
    read_inputs,
    read_text_file,
)
from peacefacts.ingest import read as read_module
from peacefacts.records import Document, ErrorRecord, PartialDate, PublishedSource

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
INGEST = FIXTURES / "ingest"
SEEDS = FIXTURES / "seeds"


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def error_of(path) -> ErrorRecord:
    record = only(read_inputs([path]))
    assert isinstance(record, ErrorRecord), record
    return record


# --- bad files: one error record each, with the path as doc id ------------------------------------------
@pytest.mark.parametrize(
    "name, message",
    [
        ("empty.txt", "empty file"),
        ("whitespace.txt", "empty file (only whitespace)"),
        ("nul_bytes.bin", "binary file (NUL byte at offset 15)"),
        ("control_chars.txt", "binary file (57% control characters)"),
        ("latin1.txt", "not valid UTF-8: byte 0xE9 at offset 48 (give its encoding, e.g. --encoding cp1252)"),
        ("missing.txt", "no such file"),
    ],
)
def test_bad_file_gives_error_record(name, message):
    path = str(INGEST / name)
    assert error_of(path) == ErrorRecord(doc=path, error=message, kind="InputError", stage="read")


def test_bad_file_raises_typed_error_from_read_text_file():
    with pytest.raises(InputError, match=r"^not valid UTF-8: byte 0xE9 at offset 48 \(give its encoding"):
        read_text_file(INGEST / "latin1.txt")
    with pytest.raises(InputError, match=r"^no such file$"):
        read_text_file(INGEST / "missing.txt")
    with pytest.raises(InputError, match=r"^is a directory, not a file$"):
        read_text_file(INGEST)


def test_directory_given_as_file_to_read_document():
    with pytest.raises(InputError, match="is a directory"):
        read_document(INGEST)


def test_permission_denied(monkeypatch, tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("UN peacekeepers arrived in Juba on Monday, the mission said.", encoding="utf-8")

    def refuse(_path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read_module, "_open_binary", refuse)
    assert error_of(str(path)) == ErrorRecord(doc=str(path), error="permission denied", kind="InputError", stage="read")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("UN peacekeepers arrived.", encoding="utf-8")
    path.chmod(0)
    try:
        assert error_of(str(path)).error == "permission denied"
    finally:
        path.chmod(0o644)


def test_too_large_file_is_refused_without_reading(monkeypatch, tmp_path):
    path = tmp_path / "dump.txt"
    with open(path, "wb") as handle:  # 50 MB, sparse: nothing is written but the size
        handle.truncate(50_000_000)

    def must_not_open(_path):
        raise AssertionError("a too-large file was opened")

    monkeypatch.setattr(read_module, "_open_binary", must_not_open)
    assert error_of(str(path)) == ErrorRecord(
        doc=str(path), error="file too large: 50000000 bytes (limit 20000000 bytes)", kind="InputError", stage="read"
    )
    assert DEFAULT_MAX_BYTES == 20_000_000


def test_max_bytes_is_configurable(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("x" * 200, encoding="utf-8")
    record = only(read_inputs([path], max_bytes=100))
    assert record.error == "file too large: 200 bytes (limit 100 bytes)"


def test_batch_goes_on_after_bad_inputs():
    paths = [INGEST / "empty.txt", SEEDS / "003_982e448d4ac8b6b6.txt", INGEST / "missing.txt"]
    kinds = [type(item).__name__ for item in read_inputs(paths)]
    assert kinds == ["ErrorRecord", "Document", "ErrorRecord"]


# --- encodings ------------------------------------------------------------------------------------------------
def test_utf8_bom_is_dropped():
    doc = only(read_inputs([INGEST / "utf8_bom.txt"]))
    assert doc.text.startswith("UN peacekeepers from Freedonia")


def test_utf16_with_bom_is_decoded():
    doc = only(read_inputs([INGEST / "utf16_bom.txt"]))
    assert doc.text.startswith("Les casques bleus — UN peacekeepers")
    assert doc.blocks[0].is_peacekeeping is True


def test_decode_bytes_table():
    assert decode_bytes("casques bleus".encode("utf-16-be").join([b"\xfe\xff", b""])) == "casques bleus"
    assert decode_bytes(b"\xef\xbb\xbfUN") == "UN"
    with pytest.raises(InputError, match=r"^not valid UTF-8: byte 0xFF at offset 6 "):
        decode_bytes(b"\xef\xbb\xbfUN \xff")  # the offset counts the BOM: it is a file offset
    with pytest.raises(InputError, match=r"^empty file$"):
        decode_bytes(b"")


def test_html_declared_charset_is_honoured():
    page = b'<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9</p></body></html>'
    assert "Café" in decode_bytes(page, html=True)
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(page)


# --- JSONL ----------------------------------------------------------------------------------------------------
def test_jsonl_id_then_url_then_path_and_line():
    path = str(INGEST / "corpus.jsonl")
    docs = list(read_inputs([path]))
    assert [d.id for d in docs] == ["rur-001", "https://news.example.org/ghana-police", f"{path}:4"]
    assert [d.url for d in docs] == [
        "https://news.example.org/ruritania-troops",
        "https://news.example.org/ghana-police",
        None,
    ]
    assert [d.source_path for d in docs] == [path, path, path]
    assert docs[0].title == "Ruritania sends troops"  # the record's title wins over the headline line
    assert docs[1].title == "Ghana police unit leaves for Lebanon"


def test_jsonl_dates_record_then_text_then_default():
    docs = list(read_inputs([INGEST / "corpus.jsonl"], published="2020-01-01"))
    assert [(str(d.published), d.published_source) for d in docs] == [
        ("2023-03-14", PublishedSource.GIVEN),  # the record's own "published"
        ("2022-05-02", PublishedSource.TEXT),  # its own dateline "Published 2 May 2022"
        ("2020-01-01", PublishedSource.GIVEN),  # nothing of its own: the default
    ]


def test_jsonl_bad_lines_give_error_records_and_the_batch_goes_on():
    path = str(INGEST / "bad_lines.jsonl")
    got = [(r.doc, r.error, r.kind) if isinstance(r, ErrorRecord) else r.id for r in read_inputs([path])]
    assert got == [
        "ok-1",
        (f"{path}:2", f"{path}:2: not JSON (Expecting value at column 1)", "JSONLError"),
        (f"{path}:3", f"{path}:3: not a JSON object (got array)", "JSONLError"),
        ("no-text", f'{path}:4: missing "text"', "JSONLError"),
        (
            "https://news.example.org/number-text",
            f'{path}:5: "text" is not a string (got number)',
            "JSONLError",
        ),
        ("blank-text", f'{path}:6: "text" is empty', "JSONLError"),
        "bad-date",  # a "published" that is not a date loses the date, not the text
        "ok-2",
    ]


def test_parse_jsonl_record_raises_typed_errors():
    with pytest.raises(JSONLError, match=r'^c\.jsonl:9: "title" is not a string \(got array\)$'):
        parse_jsonl_record('{"text": "UN mission", "title": []}', source="c.jsonl", lineno=9)
    with pytest.raises(InputError):  # JSONLError is an InputError is a ValueError
        parse_jsonl_record("{", source="c.jsonl", lineno=1)
    doc = parse_jsonl_record(
        '{"id": 7, "text": "Blue helmets arrived.", "published": "2021-06-24T08:00:00Z"}'
    )
    assert (doc.id, str(doc.published), doc.published_source) == ("7", "2021-06-24", PublishedSource.GIVEN)


def test_jsonl_record_too_long_is_skipped_not_loaded(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(
        '{"id": "big", "text": "' + "x" * 500 + '"}\n{"id": "small", "text": "UN peacekeepers arrived."}\n',
        encoding="utf-8",
    )
    got = list(read_inputs([path], max_bytes=200))
    assert got[0] == ErrorRecord(
        doc=f"{path}:1",
        error=f"{path}:1: record too large: more than 200 bytes (limit 200 bytes)",
        kind="JSONLError",
        stage="read",
    )
    assert got[1].id == "small"


def test_jsonl_invalid_utf8_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "UN"}\n{"id": "b", "text": "Caf\xe9"}\n')
    got = list(read_inputs([path]))
    assert got[0].id == "a"
    assert got[1] == ErrorRecord(
        doc=f"{path}:2", error=f"{path}:2: not valid UTF-8: byte 0xE9 at offset 50", kind="JSONLError", stage="read"
    )


def test_jsonl_utf16_with_bom(tmp_path):
    path = tmp_path / "wide.ndjson"
    path.write_bytes('{"id": "w", "text": "Les casques bleus de la MINUSCA."}\n'.encode("utf-16"))
    doc = only(read_inputs([path]))
    assert (doc.id, doc.text) == ("w", "Les casques bleus de la MINUSCA.")


def test_empty_jsonl_file(tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_bytes(b"")
    assert error_of(str(path)) == ErrorRecord(doc=str(path), error="empty file", kind="InputError", stage="read")


def test_jsonl_is_streamed(tmp_path):
    path = tmp_path / "stream.jsonl"
    path.write_text('{"id": "first", "text": "UN peacekeepers arrived."}\n', encoding="utf-8")
    items = read_inputs([path])
    with open(path, "a", encoding="utf-8") as handle:  # written after the iterator was made
        handle.write('{"id": "second", "text": "More UN peacekeepers arrived."}\n')
    assert [d.id for d in items] == ["first", "second"]


# --- directories --------------------------------------------------------------------------------------------------
def test_directory_recursion_is_sorted_and_skips_hidden(tmp_path):
    root = tmp_path / "pages"
    (root / "a").mkdir(parents=True)
    (root / ".cache").mkdir()
    text = "UN peacekeepers from Freedonia arrived in Juba on Monday, the mission said."
    (root / "b.txt").write_text(text, encoding="utf-8")
    (root / "a" / "z.txt").write_text(text, encoding="utf-8")
    (root / "a" / "y.txt").write_text(text, encoding="utf-8")
    (root / ".hidden.txt").write_text(text, encoding="utf-8")
    (root / ".cache" / "c.txt").write_text(text, encoding="utf-8")
    (root / "c.jsonl").write_text(
        '{"text": "UN mission"}\n{"id": "c2", "text": "UN mission"}\n', encoding="utf-8"
    )
    ids = [item.id for item in read_inputs([str(root)])]
    base = str(root)
    assert ids == [
        os.path.join(base, "a", "y.txt"),
        os.path.join(base, "a", "z.txt"),
        os.path.join(base, "b.txt"),
        os.path.join(base, "c.jsonl") + ":1",
        "c2",
    ]


def test_single_path_and_pathlike_are_accepted():
    doc = only(read_inputs(SEEDS / "003_982e448d4ac8b6b6.txt"))
    assert doc.id == str(SEEDS / "003_982e448d4ac8b6b6.txt")


def test_bad_published_argument_raises_at_once():
    with pytest.raises(InputError, match="not a date"):
        read_inputs([SEEDS], published="yesterday")


def test_published_argument_types():
    import datetime as dt

    for value in ("2024-06", dt.date(2024, 6, 1), PartialDate(2024, 6)):
        doc = only(read_inputs([SEEDS / "003_982e448d4ac8b6b6.txt"], published=value))
        assert doc.published == PartialDate.from_string(
            str(value)[:7] if isinstance(value, str) else str(value)
        )


# --- stdin ----------------------------------------------------------------------------------------------------------
def fake_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch):
    fake_stdin(
        monkeypatch,
        b"Troops leave for Lebanon\nPublished 3 May 2022\nThe army said 300 UN peacekeepers left.\n",
    )
    doc = only(read_inputs(["-"]))
    assert (doc.id, str(doc.published), doc.title) == ("-", "2022-05-03", "Troops leave for Lebanon")


def test_stdin_jsonl(monkeypatch):
    fake_stdin(monkeypatch, b'{"id": "s1", "text": "UN mission"}\n\n{"text": "UN peacekeepers"}\n')
    assert [d.id for d in read_inputs(["-"])] == ["s1", "-:3"]


def test_stdin_jsonl_with_bad_lines_is_a_corpus_with_error_records(monkeypatch):
    """A corpus on stdin with a broken line is still a corpus: the bad lines are error records,
    never one text document whose "figures" are ids."""
    fake_stdin(
        monkeypatch,
        b'{"id": "s1", "text": "UN mission"}\n{"id": "s2", "text": "cut off\n'
        b'{"id": "' + b"7" * 400 + b'", "text": 12}\n{"id": "s3", "text": "UN peacekeepers"}\n',
    )
    got = [(r.doc, r.error) if isinstance(r, ErrorRecord) else r.id for r in read_inputs(["-"])]
    assert got == [
        "s1",
        ("-:2", "-:2: not JSON (Invalid control character at column 30)"),
        ("7" * 400, '-:3: "text" is not a string (got number)'),
        "s3",
    ]


def test_stdin_text_with_braces_is_still_text(monkeypatch):
    fake_stdin(monkeypatch, b'UN peacekeepers {arrived}\n{"id": "x"} was quoted in the text\nmore text\n')
    doc = only(read_inputs(["-"]))
    assert doc.id == "-" and doc.text.startswith("UN peacekeepers {arrived}")


def test_stdin_text_only_stream(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("UN peacekeepers arrived in Juba, the mission said."))
    doc = only(read_inputs(["-"]))
    assert doc.text == "UN peacekeepers arrived in Juba, the mission said."


def test_stdin_empty(monkeypatch):
    fake_stdin(monkeypatch, b"")
    assert only(read_inputs(["-"])) == ErrorRecord(doc="-", error="empty file", kind="InputError", stage="read")


def test_stdin_larger_than_limit_streams_jsonl(monkeypatch):
    lines = b"".join(b'{"id": "r%d", "text": "UN peacekeepers arrived."}\n' % i for i in range(20))
    fake_stdin(monkeypatch, lines)
    assert [d.id for d in read_inputs(["-"], max_bytes=100)] == [f"r{i}" for i in range(20)]


def test_stdin_text_larger_than_limit(monkeypatch):
    fake_stdin(monkeypatch, b"UN peacekeepers " * 20)
    assert only(read_inputs(["-"], max_bytes=100)) == ErrorRecord(
        doc="-",
        error="stdin too large: more than 100 bytes (limit 100 bytes; see --max-bytes)",
        kind="InputError",
        stage="read",
    )


def test_documents_are_documents():
    doc = only(read_inputs([SEEDS / "000_7afdc2f30fcbe9a6.txt"]))
    assert isinstance(doc, Document)
    assert doc.source_path == str(SEEDS / "000_7afdc2f30fcbe9a6.txt")


def test_jsonl_published_unknown_means_look_in_the_text():
    doc = parse_jsonl_record(
        '{"id": "u", "published": "unknown", "text": "Troops go\\nUpdated 4 April 2019\\nUN peacekeepers left."}'
    )
    assert (str(doc.published), doc.published_source) == ("2019-04-04", PublishedSource.TEXT)


# --- issue 11: encodings, stdin corpora, bad dates, odd characters ------------------------------------------
def test_utf16_without_a_bom_is_detected(tmp_path):
    text = "UN peacekeepers from Ghana arrived in Juba on Monday, the mission said."
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        assert only(read_inputs([path])).text == text
    corpus = tmp_path / "wide.jsonl"
    corpus.write_bytes(('{"id": "w", "text": "' + text + '"}\n').encode("utf-16-le"))
    assert only(read_inputs([corpus])).text == text


def test_binary_with_nul_bytes_is_still_binary():
    assert error_of(str(INGEST / "nul_bytes.bin")).error == "binary file (NUL byte at offset 15)"
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(bytes(range(256)) * 4)


def test_an_encoding_can_be_given(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes("Les casques bleus de Côte d’Ivoire sont arrivés.".encode("cp1252"))
    assert error_of(str(path)).error.startswith("not valid UTF-8: byte 0xF4 at offset 22 (give its encoding")
    assert only(read_inputs([path], encoding="cp1252")).text == "Les casques bleus de Côte d’Ivoire sont arrivés."
    corpus = tmp_path / "cp.jsonl"
    corpus.write_bytes('{"id": "c", "text": "Côte d’Ivoire"}\n'.encode("cp1252"))
    assert only(read_inputs([corpus], encoding="cp1252")).text == "Côte d’Ivoire"
    with pytest.raises(InputError, match="unknown encoding: 'klingon'"):
        read_inputs([path], encoding="klingon")
    with pytest.raises(InputError, match="max_bytes must be a positive number"):
        read_inputs([path], max_bytes=0)


def test_a_jsonl_line_that_cannot_be_decoded_in_the_given_encoding(tmp_path):
    corpus = tmp_path / "u.jsonl"
    corpus.write_bytes(b'{"id": "a", "text": "UN"}\n{"id": "b", "text": "\xff"}\n{"id": "c", "text": "UN"}\n')
    got = list(read_inputs([corpus], encoding="ascii"))
    assert [getattr(d, "id", None) for d in got] == ["a", None, "c"]
    assert got[1] == ErrorRecord(
        doc=f"{corpus}:2", error=f"{corpus}:2: not valid ASCII: byte 0xFF at offset 47", kind="JSONLError", stage="read"
    )
    # UTF-16 has no byte for a line break: after bad bytes the rest of the file is lost, said once
    wide = tmp_path / "w.jsonl"
    wide.write_bytes('{"id": "a", "text": "UN"}\n'.encode("utf-16-le") + b"\x00\xd8" + '"}\n'.encode("utf-16-le"))
    got = list(read_inputs([wide], encoding="utf-16-le"))
    assert got[-1].error.endswith("not valid UTF-16-LE: the rest of the file is unreadable")


@pytest.mark.parametrize(
    ("text", "corpus"),
    [
        ('{"text": "a"}\n{"text": "b"}', True),
        ('{"text": "a"}\n{"text": "b"\n{"text": "c"}', True),  # a broken line: still a corpus
        ('\ufeff{"text": "a"}', True),
        ('{"text": "a"}\nplain line\nanother plain line', False),
        ("UN peacekeepers arrived {in Mali}.", False),
        ('{not json at all}\n{"still": "no"', False),
        ("", False),
    ],
)
def test_looks_like_jsonl(text, corpus):
    from peacefacts.ingest.read import looks_like_jsonl

    assert looks_like_jsonl(text) is corpus


def test_invalid_published_is_a_warning_not_an_error():
    doc = parse_jsonl_record('{"id": "x", "published": "2024-13-45", "text": "Blue helmets arrived."}', source="c", lineno=2)
    assert (doc.published, doc.text) == (None, "Blue helmets arrived.")
    [warning] = doc.warnings
    assert (warning.doc, warning.kind, warning.stage) == ("x", "invalid_published", "read")
    assert warning.warning == 'c:2: "published" is not a date (YYYY[-MM[-DD]]): "2024-13-45"; read without it'
    doc = parse_jsonl_record('{"id": "y", "published": 20240101, "text": "Blue helmets arrived."}')
    assert doc.warnings[0].warning.endswith('"published" is not a date (YYYY[-MM[-DD]]): 20240101; read without it')


def test_invalid_published_falls_back_to_the_default_date(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "x", "published": "13/45/2024", "text": "Blue helmets arrived."}\n', encoding="utf-8")
    doc = only(read_inputs([corpus], published="2020-01"))
    assert (str(doc.published), doc.published_source, len(doc.warnings)) == ("2020-01", PublishedSource.GIVEN, 1)


def test_an_unreadable_published_header_is_a_warning():
    from peacefacts.ingest import document_from_text

    doc = document_from_text("# source: http://x.org/a\n# published: 2024-13-45\n\nBlue helmets arrived.", doc_id="h")
    assert doc.published is None and [w.kind for w in doc.warnings] == ["invalid_published"]
    ok = document_from_text("# source: http://x.org/a\n# published: unknown\n\nBlue helmets arrived.", doc_id="h")
    assert ok.warnings == ()


def test_lone_surrogates_in_a_jsonl_record_become_replacement_characters():
    doc = parse_jsonl_record('{"id": "s\\ud800", "title": "t\\udfff", "text": "UN troops \\ud83d arrived."}')
    assert (doc.id, doc.title, doc.text) == ("s\ufffd", "t\ufffd", "UN troops \ufffd arrived.")
    doc.text.encode("utf-8")  # writable
