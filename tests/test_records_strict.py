"""Strict records on read: each bad line is one clear error naming the line and the field."""

from __future__ import annotations

import json

import pytest

from peacefacts.errors import SchemaError
from peacefacts.io.convert import from_record, to_record
from peacefacts.io.jsonl import iter_records, parse_record_line, read_records, result_records
from peacefacts.io.validate import check_record
from peacefacts.records import MAX_FACT_VALUE, ErrorRecord, Fact, Figure, WarningRecord

GOOD = {
    "type": "fact", "doc": "d1", "subject": "Pakistan", "metric": "fatalities_total", "value": 161,
    "qualifier": "exact", "low": 161, "high": 161, "as_of": "2021-10-26", "as_of_source": "explicit",
    "since": None, "category": None, "scope": None, "text": "161", "evidence": "…161 gallant Pakistanis…",
    "start": 10, "end": 13, "rule": "nummod.death",
}  # fmt: skip


# (change to a good fact, the message after "line:")
BAD_FACTS = [
    ({"value": "161"}, "field \"value\": expected an integer, got string '161'"),
    ({"value": 161.7}, 'field "value": expected an integer, got number 161.7'),
    ({"value": True}, 'field "value": expected an integer, got boolean True'),
    ({"value": -5, "low": None, "high": None}, 'field "value": -5 is negative'),
    ({"value": 10**22, "low": None, "high": None}, 'field "value": 10000000000000000000000 is above the ceiling of 100,000,000'),
    ({"low": 200, "high": 100, "value": 150}, 'fields "low"/"high": low 200 is above high 100'),
    ({"low": 170, "high": None}, 'fields "value"/"low": value 161 is below low 170'),
    ({"low": None, "high": 100}, 'fields "value"/"high": value 161 is above high 100'),
    ({"low": float("nan")}, 'field "low": nan is not a finite number'),
    ({"as_of": 2021}, 'field "as_of": expected a date string YYYY[-MM[-DD]] or null, got integer 2021'),
    ({"as_of": "2024-13-45"}, "field \"as_of\": '2024-13-45' is not a date"),
    ({"since": "2023-02-30"}, "field \"since\": '2023-02-30' is not a date (day is out of range for month)"),
    ({"subject": 42}, 'field "subject": expected a string, got integer 42'),
    ({"subject": ""}, 'field "subject": must not be empty'),
    ({"metric": "deaths"}, "field \"metric\": 'deaths' is not one of"),
    ({"qualifier": "roughly"}, "field \"qualifier\": 'roughly' is not one of approx, at_least, at_most, exact"),
    ({"category": "army"}, "field \"category\": 'army' is not one of"),
    ({"start": 20, "end": 10}, 'fields "start"/"end": end 10 is before start 20'),
    ({"start": -1}, 'field "start": -1 is negative'),
    ({"colour": "red"}, 'unknown field "colour"'),
    ({"type": "facts"}, "field \"type\": 'facts' is not one of document, fact, person, error, warning"),
]


@pytest.mark.parametrize(("change", "message"), BAD_FACTS)
def test_a_bad_fact_line_names_the_line_and_the_field(change, message):
    row = {**GOOD, **change}
    line = json.dumps(row)
    with pytest.raises(SchemaError) as caught:
        parse_record_line(line, "facts.jsonl", 3)
    assert str(caught.value).startswith(f"facts.jsonl:3: {message}")


@pytest.mark.parametrize("missing", ["doc", "subject", "metric", "value"])
def test_a_missing_field_is_named(missing):
    row = {k: v for k, v in GOOD.items() if k != missing}
    with pytest.raises(SchemaError, match=rf'^f:1: missing field "{missing}"$'):
        parse_record_line(json.dumps(row), "f", 1)


def test_rounded_bounds_are_not_an_error():
    """"1.5" is the value 2 with bounds 1.5; "between 1.2 and 1.5 million" has its midpoint."""
    assert from_record({**GOOD, "value": 2, "low": 1.5, "high": 1.5}).figure.value == 2
    assert from_record({**GOOD, "value": 1350000, "low": 1200000, "high": 1500000}).figure.value == 1350000
    assert from_record({**GOOD, "value": MAX_FACT_VALUE, "low": None, "high": None}).figure.value == MAX_FACT_VALUE


def test_not_json_and_not_an_object():
    with pytest.raises(SchemaError, match=r"^f:2: not JSON \(Expecting value at column 1\)$"):
        parse_record_line("nope", "f", 2)
    with pytest.raises(SchemaError, match=r"^f:2: not a JSON object$"):
        parse_record_line("[1, 2]", "f", 2)
    with pytest.raises(SchemaError, match=r"^f:2: not JSON \(nested too deeply\)$"):
        parse_record_line("[" * 100_000 + "]" * 100_000, "f", 2)


def test_one_bad_line_does_not_sink_the_file_in_record_mode(tmp_path):
    path = tmp_path / "facts.jsonl"
    lines = [json.dumps(GOOD), json.dumps({**GOOD, "value": "161"}), "{", json.dumps({**GOOD, "doc": "d2"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r':2: field "value"'):
        read_records(path)
    records = read_records(path, on_error="record")
    assert [type(r).__name__ for r in records] == ["Fact", "ErrorRecord", "ErrorRecord", "Fact"]
    bad = records[1]
    assert bad == ErrorRecord(
        doc=f"{path}:2", error=f"{path}:2: field \"value\": expected an integer, got string '161'",
        kind="SchemaError", stage="read",
    )


def test_every_record_type_round_trips_and_validates(seed_results):
    rows = [to_record(r) for res in seed_results.values() for r in result_records(res)]
    rows.append(to_record(ErrorRecord(doc="x", error="empty file", stage="read")))
    rows.append(to_record(WarningRecord(doc="x", warning="dropped", kind="value_above_ceiling", stage="facts")))
    for row in rows:
        assert check_record(row) == row["type"]
        back = to_record(from_record(row))
        if row["type"] == "document":  # saved documents carry no text, so no length either
            back["chars"] = row["chars"]
        assert back == row
    assert list(iter_records(json.dumps(r) for r in rows)) == [from_record(r) for r in rows]


def test_records_written_before_version_2_still_read():
    """Error records without "stage", facts with only the fields a reader needs."""
    assert from_record({"type": "error", "doc": "a", "error": "empty", "kind": "InputError"}).stage is None
    fact = from_record({"type": "fact", "doc": "a", "subject": "Ghana", "metric": "personnel_deployed", "value": 8})
    assert fact == Fact(doc="a", subject="Ghana", metric="personnel_deployed", figure=Figure(value=8))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"type": "document", "doc": "a", "blocks": [{"start": 0}]}, 'missing field "blocks[0].end"'),
        ({"type": "document", "doc": "a", "published": "2024-02-30"}, "field \"published\": '2024-02-30' is not a date"),
        ({"type": "document", "doc": "a", "fingerprint": [1, 2]}, 'field "fingerprint": 2 numbers, expected 128'),
        ({"type": "person", "doc": "a", "name": None}, 'field "name": expected a string, got null None'),
        ({"type": "error", "doc": "a", "error": "x", "stage": "cooking"}, "field \"stage\": 'cooking' is not one of"),
        ({"type": "warning", "doc": "a", "warning": "x"}, 'missing field "kind"'),
    ],
)
def test_other_record_types_are_checked_too(row, message):
    with pytest.raises(SchemaError, match="^" + message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(").replace(")", r"\)")):
        check_record(row)


def test_an_offset_without_its_end_covers_nothing():
    fact = from_record({"type": "fact", "doc": "a", "subject": "Ghana", "metric": "personnel_deployed",
                        "value": 8, "start": 40})
    assert (fact.start, fact.end) == (40, 40)
    person = from_record({"type": "person", "doc": "a", "name": "Atul Khare", "start": 7})
    assert (person.start, person.end) == (7, 7)


def test_dates_eight_thousand_years_apart_reconcile():
    """Found by the fuzz suite: ×3 a year to the power of 8,000 years overflowed a float."""
    from peacefacts.reconciler import reconcile

    rows = [{"type": "fact", "doc": d, "subject": "Ghana", "metric": "personnel_deployed", "value": v, "as_of": y}
            for d, v, y in (("a", 800, "0001"), ("b", 90_000_000, "9999"))]
    [pair] = reconcile([from_record(r) for r in rows]).pairs
    assert pair.verdict.value == "changed_over_time"
