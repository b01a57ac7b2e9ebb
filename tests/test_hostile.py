"""Never lose a document (issue 11): every hostile case the issue lists, end to end.

Each test feeds one case from the issue's "Why" and checks what a user sees: the facts, the
error and warning records, the exit status. The last test mixes them all among good files.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import SEEDS
from peacefacts.cli import main
from peacefacts.io.jsonl import read_records
from peacefacts.records import MAX_FACT_VALUE, ErrorRecord, ExtractionResult

SEED_000 = SEEDS / "000_7afdc2f30fcbe9a6.txt"
SEED_004 = SEEDS / "004_7e52952e49f3ada9.txt"
GOOD_TEXT = "Pakistan has lost 181 peacekeepers in UN missions since 1960, the army said."


@pytest.fixture(autouse=True)
def _model(shared_model):
    return shared_model


def _rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _facts(rows: list[dict]) -> list[tuple]:
    return [(r["doc"], r["subject"], r["metric"], r["value"]) for r in rows if r["type"] == "fact"]


def _values(extractor, text: str, **kw) -> list[int]:
    return [f.value for f in extractor.extract(text, published="2024-06-08", **kw).facts]


# --- huge numbers ------------------------------------------------------------------------------------
@pytest.mark.parametrize("digits", [4301, 8000])
def test_a_number_of_thousands_of_digits_is_an_identifier_and_the_batch_goes_on(tmp_path, capsys, digits):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "text": GOOD_TEXT}) + "\n"
        + json.dumps({"id": "huge", "text": f"Pakistan has sent {'7' * digits} troops to UN missions."}) + "\n"
        + json.dumps({"id": "b", "text": GOOD_TEXT}) + "\n",
        encoding="utf-8",
    )
    assert main(["extract", str(corpus), "--no-people"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert [r["doc"] for r in rows if r["type"] == "document"] == ["a", "huge", "b"]
    assert _facts(rows) == [("a", "Pakistan", "fatalities_total", 181), ("b", "Pakistan", "fatalities_total", 181)]


def test_values_above_the_ceiling_are_dropped_and_counted(extractor):
    result = extractor.extract(
        "Pakistan has deployed 100000000000000 troops and 5,000 police officers to UN missions.",
        published="2024-06-08",
    )
    assert [f.value for f in result.facts] == [5000]
    [warning] = result.warnings
    assert (warning.kind, warning.stage) == ("value_above_ceiling", "facts")
    assert warning.warning.startswith(f"1 figure(s) outside 0..{MAX_FACT_VALUE:,} dropped: '100000000000000'")


def test_frames_never_overflow_on_extracted_or_read_facts(extractor, tmp_path):
    pd = pytest.importorskip("pandas")
    from peacefacts.frames import to_pandas

    result = extractor.extract(f"Nepal sent {'9' * 23} troops and 800 police to UN missions.", published="2024-06-08")
    frame = to_pandas([result])
    assert frame["value"].tolist() == [800] and str(frame["value"].dtype) == "Int64"
    saved = tmp_path / "f.jsonl"
    row = {"type": "fact", "doc": "a", "subject": "Nepal", "metric": "personnel_deployed", "value": 10**22}
    saved.write_text(json.dumps(row) + "\n", encoding="utf-8")
    records = read_records(saved, on_error="record")
    assert [type(r).__name__ for r in records] == ["ErrorRecord"]
    assert "above the ceiling" in records[0].error
    assert isinstance(to_pandas(records), pd.DataFrame)
    from peacefacts.errors import SchemaError
    from peacefacts.records import Fact, Figure

    handmade = Fact(doc="a", subject="Nepal", metric="personnel_deployed", figure=Figure.exact(10**22))
    with pytest.raises(SchemaError, match=r'field "value": 10000000000000000000000 is above the ceiling'):
        to_pandas([handmade])  # was an OverflowError from pandas


@pytest.mark.slow
def test_a_huge_number_with_two_processes(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    docs = [("a", GOOD_TEXT), ("huge", "Pakistan sent " + "7" * 5000 + " troops."), ("b", GOOD_TEXT)]
    corpus.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in docs), encoding="utf-8")
    assert main(["extract", str(corpus), "--no-people", "-j", "2", "--batch-size", "1"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert [r["doc"] for r in rows if r["type"] == "document"] == ["a", "huge", "b"]
    assert [f[0] for f in _facts(rows)] == ["a", "b"]


# --- JSONL on stdin ---------------------------------------------------------------------------------
def test_a_jsonl_corpus_on_stdin_with_a_bad_line_gives_error_records(monkeypatch, capsys):
    lines = [
        json.dumps({"id": "a", "text": GOOD_TEXT}),
        '{"id": "' + "4" * 400 + '", "text": "cut off',
        json.dumps({"id": "b", "text": GOOD_TEXT}),
    ]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode() + b"\n")))
    assert main(["extract", "-", "--no-people"]) == 1
    out, err = capsys.readouterr()
    rows = _rows(out)
    assert [(r["type"], r["doc"]) for r in rows if r["type"] != "fact"] == [
        ("document", "a"), ("error", "-:2"), ("document", "b"),
    ]
    assert all(r["value"] < 10**9 for r in rows if r["type"] == "fact")
    assert _facts(rows) == [("a", "Pakistan", "fatalities_total", 181), ("b", "Pakistan", "fatalities_total", 181)]
    assert "-:2: not JSON" in err


# --- long pages ---------------------------------------------------------------------------------------
def test_a_long_one_line_page_gives_the_facts_of_its_sentences(extractor):
    paragraph = " ".join(line.strip() for line in SEED_004.read_text(encoding="utf-8").splitlines() if line.strip().endswith("."))
    alone = sorted(_values(extractor, paragraph))
    page = " ".join([paragraph] * 60)  # ~150 kB on one line
    assert len(page) > 100_000 and "\n" not in page
    values = _values(extractor, page)
    assert sorted(set(values)) == sorted(set(alone)) == [46, 161]


def test_a_line_with_no_sentence_end_is_still_read(extractor):
    filler = "and the talks went on " * 3000  # 66 kB without a full stop
    assert _values(extractor, filler + "while Pakistan has lost 181 peacekeepers in UN missions") == [181]


# --- deep HTML -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [300, 3000])
def test_deeply_nested_html_is_read(tmp_path, capsys, depth):
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><head><title>Peacekeepers</title></head><body>" + "<div>" * depth
        + f"<p>{GOOD_TEXT}</p>" + "</div>" * depth + "</body></html>",
        encoding="utf-8",
    )
    assert main(["extract", str(page), "--no-people"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert _facts(rows) == [(str(page), "Pakistan", "fatalities_total", 181)]


# --- an invalid published date ----------------------------------------------------------------------
def test_an_invalid_published_keeps_the_text_undated_with_a_warning(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x", "published": "2024-13-45", "text": GOOD_TEXT}) + "\n", encoding="utf-8")
    assert main(["extract", str(corpus), "--no-people"]) == 0
    out, err = capsys.readouterr()
    rows = _rows(out)
    assert [r["type"] for r in rows] == ["document", "warning", "fact"]
    assert rows[0]["published"] is None and rows[2]["as_of"] is None
    assert rows[1] == {
        "type": "warning", "doc": "x",
        "warning": f'{corpus}:1: "published" is not a date (YYYY[-MM[-DD]]): "2024-13-45"; read without it',
        "kind": "invalid_published", "stage": "read",
    }
    assert "warning:" in err and "2024-13-45" in err


@pytest.mark.parametrize(
    ("written", "date"),
    [("May 29, 2019", "2019-05-29"), ("29/05/2019", "2019-05-29"), ("Wed, 29 May 2019 10:00:00 GMT", "2019-05-29")],
)
def test_a_published_date_as_a_scraper_wrote_it_is_read(tmp_path, capsys, written, date):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x", "published": written, "text": GOOD_TEXT}) + "\n", encoding="utf-8")
    assert main(["extract", str(corpus), "--no-people"]) == 0
    rows = _rows(capsys.readouterr()[0])
    assert [r["type"] for r in rows] == ["document", "fact"]
    assert rows[0]["published"] == date and rows[1]["as_of"] == date


# --- reconcile --facts --------------------------------------------------------------------------------
def test_reconcile_facts_reports_every_bad_line_and_uses_the_good_ones(tmp_path, capsys):
    good = {"type": "fact", "doc": "g", "subject": "Ghana", "metric": "personnel_deployed", "value": 800}
    bad = [
        {**good, "value": "161"}, {**good, "value": 161.7}, {**good, "value": True}, {**good, "value": -5},
        {**good, "low": 900, "high": 100}, {**good, "as_of": 2024}, {**good, "subject": 42},
        {k: v for k, v in good.items() if k != "value"},
    ]
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [*bad, good]) + "\n", encoding="utf-8")
    assert main(["reconcile", "--facts", str(path)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert [line.split(": ", 2)[1] for line in lines[:8]] == [f"{path}:{i}" for i in range(1, 9)]
    assert lines[6] == f'peacefacts: {path}:7: field "subject": expected a string, got integer 42'
    assert lines[7] == f'peacefacts: {path}:8: missing field "value"'
    assert json.loads(out)["groups"][0]["subject"] == "Ghana"


# --- silent wrong readings ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Nepal has sent 5.500 troops to UN missions.", [5500]),
        ("Nepal has 5,\u200b500 peacekeepers in UN missions.", [5500]),
        ("Nepal has 5'500 peacekeepers in UN missions.", [5500]),
        ("Nepal has \u22125 peacekeepers in UN missions.", []),
        ("As of 1066, Nepal had deployed peacekeepers to UN missions.", []),
        ("Pakistan has lost 181 \U0001F54A\ufe0f peacekeepers since 1960.", [181]),
        ("Pakistan has lost 181\U0001F54Apeacekeepers since 1960.", [181]),
        ("Pakistan has lost 181 \u270a\U0001F3FD peacekeepers since 1960.", [181]),
        ("Pakistan has lost 181 \u200b peacekeepers since 1960.", [181]),
    ],
)
def test_numbers_as_pages_write_them(extractor, text, values):
    assert _values(extractor, text) == values


def test_an_impossible_date_is_not_an_explicit_as_of(extractor):
    result = extractor.extract(
        "As of the 32nd of May, Pakistan had 500 peacekeepers deployed in Mali.", published="2024-06-08"
    )
    [fact] = result.facts
    assert (fact.value, str(fact.as_of), fact.as_of_source.value) == (500, "2024-06-08", "published")


def test_a_failing_stage_is_that_documents_error_record(extractor, monkeypatch):
    import peacefacts.extractor as module

    real = module.facts_from_sentence

    def broken(sdoc, *args, **kwargs):
        if "Ghana" in sdoc.text:
            raise RuntimeError("rule bug")
        return real(sdoc, *args, **kwargs)

    monkeypatch.setattr(module, "facts_from_sentence", broken)
    docs = [GOOD_TEXT, "Ghana has deployed 800 peacekeepers to UN missions.", GOOD_TEXT]
    out = list(extractor.extract_many(docs))
    assert [type(r).__name__ for r in out] == ["ExtractionResult", "ErrorRecord", "ExtractionResult"]
    assert (out[1].stage, out[1].kind, out[1].error) == ("facts", "RuntimeError", "facts failed: RuntimeError: rule bug")
    with pytest.raises(RuntimeError, match="rule bug"):  # one document through the API: the exception itself
        extractor.extract(docs[1])


def test_a_result_that_cannot_be_serialised_is_an_error_record(extractor, monkeypatch):
    import peacefacts.extractor as module

    real = module._with_fingerprint
    monkeypatch.setattr(
        module, "_with_fingerprint",
        lambda d: real(d) if "Ghana" not in d.text else __import__("attrs").evolve(real(d), fingerprint=(float("nan"),)),
    )
    out = list(extractor.extract_many([GOOD_TEXT, "Ghana has deployed 800 peacekeepers to UN missions."]))
    assert isinstance(out[0], ExtractionResult)
    assert isinstance(out[1], ErrorRecord) and out[1].stage == "serialise"


# --- all of it at once ------------------------------------------------------------------------------
def test_a_directory_of_hostile_files_among_good_ones(tmp_path, capsys):
    """Exit 1, one error record per bad document, and every good document's facts."""
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "a_huge_number.txt").write_text(f"Pakistan has sent {'7' * 5000} troops to UN missions. {GOOD_TEXT}")
    (folder / "b_one_line.txt").write_text(" ".join([GOOD_TEXT] * 3000))
    (folder / "c_deep.html").write_text(
        "<html><body>" + "<div>" * 3000 + f"<p>{GOOD_TEXT}</p>" + "</div>" * 3000 + "</body></html>"
    )
    (folder / "d_symbols.txt").write_text("Pakistan \U0001F1F5\U0001F1F0 has lost 181\u200b \u270a\U0001F3FD peacekeepers since 1960.")
    (folder / "e_corpus.jsonl").write_text(
        json.dumps({"id": "bad-date", "published": "2024-13-45", "text": GOOD_TEXT}) + "\n"
        + '{"id": "cut", "text": "Pakistan has\n'
        + json.dumps({"id": "ok", "text": GOOD_TEXT}) + "\n"
    )
    (folder / "f_empty.txt").write_bytes(b"")
    (folder / "g_binary.bin").write_bytes(b"\x00\x01\x02PK" * 50)
    (folder / "h_latin1.txt").write_bytes("Caf\xe9 ".encode("latin-1") * 10)
    (folder / "i_utf16_no_bom.txt").write_bytes(GOOD_TEXT.encode("utf-16-le"))
    (folder / "j_too_large.txt").write_text("x" * 3_000_000)

    assert main(["extract", str(folder), "--no-people", "--max-bytes", "2MB"]) == 1
    out, err = capsys.readouterr()
    rows = _rows(out)
    errors = {r["doc"].replace(str(folder) + "/", ""): (r["stage"], r["kind"]) for r in rows if r["type"] == "error"}
    assert errors == {
        "e_corpus.jsonl:2": ("read", "JSONLError"),
        "f_empty.txt": ("read", "InputError"),
        "g_binary.bin": ("read", "InputError"),
        "h_latin1.txt": ("read", "InputError"),
        "j_too_large.txt": ("read", "InputError"),
    }
    assert [r["doc"] for r in rows if r["type"] == "warning"] == ["bad-date"]
    facts = {}
    for doc, *fact in _facts(rows):
        facts.setdefault(Path(doc).name, []).append(tuple(fact))
    pakistan = [("Pakistan", "fatalities_total", 181)]
    for name in ("a_huge_number.txt", "c_deep.html", "d_symbols.txt", "bad-date", "ok", "i_utf16_no_bom.txt"):
        assert facts[name] == pakistan, name
    assert set(facts["b_one_line.txt"]) == set(pakistan)
    # the good documents give exactly what they give alone
    for seed in sorted(SEEDS.glob("*.txt")):
        assert main(["extract", str(seed), "--no-people"]) == 0
        alone = [tuple(f[1:]) for f in _facts(_rows(capsys.readouterr().out))]
        assert facts.get(seed.name, []) == alone, seed.name
    assert err.splitlines()[-1] == f"peacefacts: 17 document(s), {sum(map(len, facts.values()))} fact(s), 5 failed"


class _FlakyParser:
    """A pipeline whose parser breaks on one sentence: the batch's other documents must not care."""

    def __init__(self, nlp) -> None:
        self._nlp = nlp
        self.pipe_names = nlp.pipe_names

    def pipe(self, texts, **kwargs):
        for doc in self._nlp.pipe(texts, **kwargs):
            if "BOOM" in doc.text:
                raise ValueError("the parser broke")
            yield doc

    def __getattr__(self, name):
        return getattr(self._nlp, name)


def test_a_parser_failure_is_that_documents_error_record(nlp):
    from peacefacts.extractor import Extractor

    extractor = Extractor(_FlakyParser(nlp), people=False)
    docs = [GOOD_TEXT, "Ghana has deployed 800 BOOM peacekeepers to UN missions.", GOOD_TEXT, GOOD_TEXT]
    out = list(extractor.extract_many(docs, batch_size=4))
    assert [type(r).__name__ for r in out] == ["ExtractionResult", "ErrorRecord", "ExtractionResult", "ExtractionResult"]
    assert (out[1].stage, out[1].error) == ("parse", "parse failed: ValueError: the parser broke")
    assert [[f.value for f in r.facts] for r in (out[0], out[2], out[3])] == [[181], [181], [181]]
    with pytest.raises(ValueError, match="the parser broke"):
        extractor.extract(docs[1])
