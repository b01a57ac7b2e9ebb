"""Fuzzing saved records (issue 11): corrupted JSONL through read_records, reconcile and to_pandas.

Invariants: a line is a record or one :class:`~peacefacts.errors.SchemaError` naming its line;
``on_error="record"`` never raises; whatever is read reconciles and becomes DataFrames without
an exception; the strict reader never accepts what the JSON Schemas reject. The deep run
(10,000 examples per test) is in ``tests/test_fuzz_extract.py``'s docstring and docs/testing.md.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import schema_validators
from peacefacts.errors import SchemaError
from peacefacts.io.convert import to_record
from peacefacts.io.gather import gather_results
from peacefacts.io.jsonl import iter_records, parse_record_line
from peacefacts.io.validate import check_record
from peacefacts.reconciler import reconcile
from peacefacts.records import (
    MAX_FACT_VALUE,
    STAGES,
    AsOfSource,
    Category,
    ErrorRecord,
    Metric,
    PublishedSource,
    Qualifier,
)

pd = pytest.importorskip("pandas")

VALIDATORS = schema_validators()
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

DATES = st.one_of(
    st.none(),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28)),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1, 9999), st.integers(1, 12)),
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
)
AMOUNTS = st.one_of(st.integers(min_value=0, max_value=MAX_FACT_VALUE), st.integers(0, 1000))
TEXT = st.text(max_size=30)


@st.composite
def facts(draw: st.DrawFn) -> dict[str, object]:
    value = draw(AMOUNTS)
    qualifier = draw(st.sampled_from([q.value for q in Qualifier]))
    low = high = None
    if qualifier == "exact":
        low = high = value
    elif qualifier == "at_least":
        low = value
    elif qualifier == "at_most":
        high = value
    start = draw(st.integers(0, 10**6))
    return {
        "type": "fact", "doc": draw(st.sampled_from(["a", "b", "c", "http://x.org/1"])),
        "subject": draw(st.sampled_from(["Pakistan", "Ghana", "UN", "MINUSMA", "Côte d'Ivoire"])),
        "metric": draw(st.sampled_from([m.value for m in Metric])), "value": value, "qualifier": qualifier,
        "low": low, "high": high, "as_of": draw(DATES), "as_of_source": draw(st.sampled_from([s.value for s in AsOfSource])),
        "since": draw(DATES), "category": draw(st.sampled_from([None, *(c.value for c in Category)])),
        "scope": draw(st.sampled_from([None, "army"])), "text": draw(TEXT), "evidence": draw(TEXT),
        "start": start, "end": start + draw(st.integers(0, 20)), "rule": draw(TEXT),
    }  # fmt: skip


DOCUMENTS = st.builds(
    lambda doc, published, source, fingerprint: {
        "type": "document", "doc": doc, "url": None, "title": None, "published": published,
        "published_source": source, "chars": 10, "blocks": [], "fingerprint": fingerprint,
    },
    st.sampled_from(["a", "b", "c"]), DATES, st.sampled_from([s.value for s in PublishedSource]),
    st.none() | st.lists(st.integers(0, 2**32), min_size=128, max_size=128),
)  # fmt: skip
OTHERS = st.one_of(
    st.builds(lambda d, n: {"type": "person", "doc": d, "name": n, "role": None, "organization": None,
                            "evidence": "", "start": 0, "end": 1}, st.sampled_from(["a", "b"]), st.text(min_size=1, max_size=20)),
    st.builds(lambda d, s: {"type": "error", "doc": d, "error": "bad", "kind": "InputError", "stage": s},
              st.sampled_from(["a", "z"]), st.sampled_from([*STAGES, None])),
    st.builds(lambda d: {"type": "warning", "doc": d, "warning": "w", "kind": "invalid_published", "stage": "read"},
              st.sampled_from(["a", "b"])),
)  # fmt: skip
VALID = st.one_of(facts(), facts(), DOCUMENTS, OTHERS)
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(),
    st.text(max_size=12), st.sampled_from(["2024-13-45", "2023-02-30", "161", "", "exact", "fact", "∞"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@st.composite
def corrupted(draw: st.DrawFn) -> dict[str, object]:
    row = dict(draw(VALID))
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["set", "delete", "add"]))
        keys = sorted(row)
        if action == "set" and keys:
            row[draw(st.sampled_from(keys))] = draw(ODD_VALUES)
        elif action == "delete" and keys:
            row.pop(draw(st.sampled_from(keys)))
        else:
            row[draw(st.text(max_size=6))] = draw(ODD_VALUES)
    return row


def _line(row: dict[str, object], cut: int | None) -> str:
    text = json.dumps(row, ensure_ascii=False)  # NaN and Infinity too: JSON that Python writes
    return text if cut is None else text[:cut]


@FUZZ
@given(row=corrupted(), cut=st.none() | st.integers(0, 200))
def test_fuzz_a_line_is_a_record_or_one_schema_error(row, cut):
    line = _line(row, cut)
    try:
        record = parse_record_line(line, "facts.jsonl", 7)
    except SchemaError as exc:
        assert str(exc).startswith("facts.jsonl:7: ") and "\n" not in str(exc)
        return
    assert record is None or to_record(record)["type"] in ("document", "fact", "person", "error", "warning")


@FUZZ
@given(row=corrupted())
def test_fuzz_the_strict_reader_never_accepts_what_the_schema_rejects(row):
    try:
        kind = check_record(row)
    except SchemaError:
        return
    schema = json.loads(json.dumps(VALIDATORS[kind].schema))  # the record's own schema
    required = schema.get("required", [])
    if all(k in row for k in required):
        errors = [e.message for e in VALIDATORS[kind].iter_errors(row)]
        assert errors == [], (row, errors)


@FUZZ
@given(rows=st.lists(st.one_of(VALID, corrupted()), max_size=25), cuts=st.lists(st.none() | st.integers(0, 80), max_size=25))
def test_fuzz_read_reconcile_and_frames(rows, cuts):
    lines = [_line(r, cuts[i] if i < len(cuts) else None) for i, r in enumerate(rows)]
    records = list(iter_records(lines, "f.jsonl", on_error="record"))
    bad = [r for r in records if isinstance(r, ErrorRecord) and r.kind == "SchemaError"]
    for error in bad:
        assert error.stage == "read" and error.error.startswith(f"{error.doc}: ")
    for policy in ("latest", "conservative"):
        json.loads(reconcile(records, policy=policy).to_json())
    results, errors = gather_results(records)
    for kind in ("facts", "people", "documents", "errors"):
        from peacefacts.frames import to_pandas

        frame = to_pandas(records, kind)
        assert isinstance(frame, pd.DataFrame)
        if kind == "facts":
            assert len(frame) == sum(len(r.facts) for r in results)
            assert frame["value"].dropna().between(0, MAX_FACT_VALUE).all()
