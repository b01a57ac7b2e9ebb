"""Fuzzing the way in (issue 11): hostile text, bytes, JSONL lines and HTML through ingest and
extraction.

Invariants, for every input: nothing raises but the documented errors (``InputError`` for a
blank text, error records in streams); every record is JSON-serialisable and valid against
``docs/schema``; values are integers within ``MAX_FACT_VALUE``; offsets point into the text;
the same input gives the same output. Time per input is measured by
``benchmarks/long_pages.py``, not here.

CI runs the default profile (a hundred examples per test); the deep run is 10,000 per test::

    .venv/bin/python -m pytest -q tests/test_fuzz_extract.py tests/test_fuzz_records.py --hypothesis-profile=deep
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, schema_validators
from peacefacts.errors import InputError
from peacefacts.ingest import decode_bytes, document_from_html, parse_jsonl_record
from peacefacts.ingest.read import looks_like_jsonl
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import result_records
from peacefacts.nlp.dates import find_dates, find_periods
from peacefacts.nlp.numbers import find_figures, parse_figure
from peacefacts.nlp.segment import MAX_SENTENCE_CHARS, split_sentences
from peacefacts.records import MAX_FACT_VALUE, Document, ExtractionResult, PartialDate

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- the domain's vocabulary, and everything hostile around it ----------------------------------------
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}".replace(",", ".")),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}".replace(",", "'")),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}".replace(",", ",\u200b")),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}".replace(",", "\u2009")),
    st.integers(min_value=1, max_value=99).map(lambda n: f"{n},{n:02d},{n * 7 % 1000:03d}"),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=1, max_value=5000).map(lambda n: "7" * n),
    st.sampled_from([
        "eighty eight", "a hundred", "two dozen", "half a million", "1.5 lakh", "2 crore", "3 mln",
        "\u22125", "-40", "1e3", "10-15", "between 1,200 and 1,500", "hundreds of", "1/2", "9/11",
        "4x4", "M-17", "1990s", "32nd", "twenty-first", "one " * 40, "12th", "$3m", "50%",
    ]),
)
WORDS = st.sampled_from(
    """Pakistan Pakistani Ghana Nepal Bangladesh India UN U.N. United Nations MINUSMA UNIFIL MONUSCO
    troops peacekeepers soldiers police officers personnel women observers blue helmets contingent
    mission missions countries deployed serving served killed died lost their lives martyred
    injured wounded pledged sent will send has have had since as of in on by over more than about
    nearly up to at least some the a an and of to from between currently so far total Lt Gen
    Mr. Dr. said Monday Saturday yesterday last month this year June May March 2024 1960 1066
    the 32nd of May February 30, 2024 June 8, 2024 2024-13-45 decades years ago""".split()
)
SEPARATORS = st.sampled_from(
    [" ", " ", " ", ", ", ". ", "\n", "\n\n", "\t", "  ", "\u00a0", "\u200b", "\u202e", "\u2066", "\u200d",
     "\ufeff", "\x07", "\r\n", " \U0001F54A\ufe0f ", "\U0001F1F5\U0001F1F0", " \u270a\U0001F3FD ", "\ufffd",
     "<b>", "</p>", "&amp;", "\u0301", "\ud800", "…", "—", "“", "”", "'", "\u2028"]
)
TOKEN = st.one_of(WORDS, NUMBERS, SEPARATORS)
SOUP = st.lists(TOKEN, max_size=120).map("".join)
HOSTILE = st.one_of(
    SOUP,
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400),  # surrogates too
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "So", "Sk", "Mn"]), max_size=200),
    st.tuples(SOUP, st.integers(min_value=1, max_value=40)).map(lambda t: t[0] * t[1]),  # long and repetitive
)


VALIDATORS = schema_validators()


def _check_result(result: ExtractionResult, text: str) -> list[dict[str, object]]:
    rows = [to_record(r) for r in result_records(result)]
    for row in rows:
        json.dumps(row, ensure_ascii=False, allow_nan=False)
        errors = [e.message for e in VALIDATORS["record"].iter_errors(row)]
        assert errors == [], (row, errors)
    for fact in result.facts:
        assert isinstance(fact.value, int) and 0 < fact.value <= MAX_FACT_VALUE
        for bound in (fact.low, fact.high):
            assert bound is None or (math.isfinite(bound) and 0 <= bound <= MAX_FACT_VALUE)
        assert 0 <= fact.start <= fact.end <= len(text)
    for person in result.people:
        assert 0 <= person.start <= person.end <= len(text)
    return rows


@FUZZ
@given(text=HOSTILE)
def test_fuzz_extract(extractor, text):
    try:
        result = extractor.extract(text, published="2024-06-08", doc_id="fuzz")
    except InputError:
        assert not text.strip()  # the one documented refusal: nothing to read
        return
    rows = _check_result(result, text)
    again = extractor.extract(text, published="2024-06-08", doc_id="fuzz")
    assert [to_record(r) for r in result_records(again)] == rows  # same input, same output


@FUZZ
@given(texts=st.lists(HOSTILE, min_size=1, max_size=4))
def test_fuzz_extract_many_never_raises(extractor, texts):
    documents = [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]
    out = list(extractor.extract_many(documents, batch_size=2))
    assert [r.doc_id if isinstance(r, ExtractionResult) else r.doc for r in out] == [d.id for d in documents]
    for item, text in zip(out, texts, strict=True):
        assert isinstance(item, ExtractionResult), item  # a stage that fails on text is a bug
        _check_result(item, text)


@FUZZ
@given(text=HOSTILE, base=st.sampled_from([None, PartialDate(2024, 6, 8), PartialDate(1999), PartialDate(2024, 2)]))
def test_fuzz_model_free_readers(text, base):
    for match in find_figures(text):
        assert 0 <= match.start <= match.num_start <= match.num_end <= match.end <= len(text)
        assert isinstance(match.figure.value, int)
    parse_figure(text[:200])
    for d in find_dates(text, base=base):
        assert 0 <= d.start <= d.end <= len(text)
    for p in find_periods(text, base=base):
        assert 0 <= p.start <= p.end <= len(text)
    sentences = split_sentences(text)
    assert all(0 <= s < e <= len(text) and e - s <= MAX_SENTENCE_CHARS for s, e in sentences)
    assert sentences == sorted(sentences)


@FUZZ
@given(data=st.one_of(st.binary(max_size=600), SOUP.map(lambda t: t.encode("utf-16-le", "surrogatepass")),
                      SOUP.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_fuzz_bytes(data):
    try:
        text = decode_bytes(data)
    except InputError:
        return
    assert isinstance(text, str) and text.strip() and "\x00" not in text


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)


@FUZZ
@given(
    record=st.fixed_dictionaries(
        {},
        optional={
            "id": JSON_VALUES, "url": JSON_VALUES, "title": JSON_VALUES, "published": JSON_VALUES | WORDS,
            "text": HOSTILE | JSON_VALUES,
        },
    ),
    garbage=st.one_of(st.none(), st.text(max_size=40)),
)
def test_fuzz_jsonl_lines(record, garbage):
    line = json.dumps(record) if garbage is None else json.dumps(record)[: len(garbage)] + garbage
    try:
        document = parse_jsonl_record(line, source="f.jsonl", lineno=3)
    except InputError as exc:
        assert str(exc).startswith("f.jsonl:3: ")
        return
    assert isinstance(document, Document) and document.text.strip()
    document.text.encode("utf-8")  # lone surrogates were replaced
    for warning in document.warnings:
        assert warning.kind == "invalid_published"
    looks_like_jsonl(line)


@FUZZ
@given(
    depth=st.integers(min_value=0, max_value=3000),
    tags=st.lists(st.sampled_from(["div", "p", "span", "b", "table", "td", "script", "style", "li", "x-y"]), min_size=1, max_size=5),
    body=SOUP,
    title=SOUP,
)
def test_fuzz_html(depth, tags, body, title):
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth)))
    page = f"<html><head><title>{title}</title></head><body>{opening}<p>{body}</p>{closing}</body></html>"
    try:
        document = document_from_html(page, doc_id="h")
    except InputError:
        return
    assert document.text.strip()


def test_the_deep_run_is_documented():
    """The command the docs give for the deep run is this module's (so it keeps working)."""
    assert "--hypothesis-profile=deep" in (Path(__file__).read_text(encoding="utf-8"))
    assert "--hypothesis-profile=deep" in (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
