"""docs/schema: the JSON Schemas of every output record, checked against real outputs.

The schemas are the contract other services code against; these tests keep them honest: every
record `extract` and `reconcile` emit on the seeds (and on the reconcile fixtures, which hold
conflicts and period windows) must validate, and the schemas' property names must be exactly the
keys the converter writes, so a new field cannot ship without a schema change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SEEDS
from peacefacts.cli import main
from peacefacts.ingest import read_inputs
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import read_records, result_records
from peacefacts.reconciler import reconcile
from peacefacts.records import Document, ErrorRecord, Fact, Figure, Person, WarningRecord

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

SCHEMA_DIR = ROOT / "docs" / "schema"
VERSION = 2
RECORD_TYPES = ("document", "fact", "person", "error", "warning")


def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validators() -> dict:
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))]
    registry = referencing.Registry().with_resources(
        [(s["$id"], referencing.Resource.from_contents(s)) for s in schemas]
    )
    return {
        s["$id"].rsplit(":", 1)[1]: jsonschema.Draft202012Validator(s, registry=registry, format_checker=None)
        for s in schemas
    }


def _errors(validator, instance) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def test_schema_files_are_valid_versioned_schemas():
    names = sorted(p.name for p in SCHEMA_DIR.glob("*.json"))
    assert names == [
        f"{n}.schema.json"
        for n in ("document", "error", "fact", "person", "reconciliation", "record", "verify", "warning")
    ]
    for name in names:
        schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        kind = name.split(".")[0]
        assert schema["$id"] == f"urn:peacefacts:schema:{VERSION}:{kind}"
        assert f"(schema version {VERSION})" in schema["title"]


@pytest.mark.parametrize(
    ("kind", "record"),
    [
        ("document", Document(id="d", text="abc", published="2024-05", blocks=[])),
        ("fact", Fact(doc="d", subject="UN", metric="personnel_deployed", figure=Figure.exact(1))),
        ("person", Person(doc="d", name="Atul Khare")),
        ("error", ErrorRecord(doc="d", error="empty document")),
        ("warning", WarningRecord(doc="d", warning="dropped", kind="value_above_ceiling", stage="facts")),
    ],
)
def test_schema_properties_are_the_converters_keys(kind, record):
    """Same names, same order: the schema is the contract, the converter writes it."""
    schema = _schema(kind)
    assert list(schema["properties"]) == list(to_record(record))
    # "stage" came after version 1 of the error record: readers accept records without it
    assert schema["required"] == [k for k in to_record(record) if (kind, k) != ("error", "stage")]
    assert schema["additionalProperties"] is False


def test_schema_every_extract_record_of_the_seeds_validates(seed_results, validators):
    counts = {t: 0 for t in RECORD_TYPES}
    for result in seed_results.values():
        for record in result_records(result):
            row = to_record(record)
            assert _errors(validators[row["type"]], row) == [], row
            assert _errors(validators["record"], row) == [], row
            counts[row["type"]] += 1
    assert counts == {"document": 5, "fact": 17, "person": 17, "error": 0, "warning": 0}


def test_schema_cli_extract_output_validates(shared_model, capsys, validators):
    bad = FIXTURES / "ingest" / "empty.txt"
    main(["extract", str(SEEDS), str(bad)])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert [r["type"] for r in rows].count("error") == 1
    for row in rows:
        assert _errors(validators["record"], row) == [], row


def test_schema_error_records_of_bad_inputs_validate(validators):
    errors = [to_record(item) for item in read_inputs([str(FIXTURES / "ingest")]) if isinstance(item, ErrorRecord)]
    assert len(errors) >= 3  # empty, whitespace-only, binary...
    for row in errors:
        assert _errors(validators["error"], row) == [], row


def test_schema_reconcile_output_of_the_seeds_validates(seed_reconciliation, validators):
    data = seed_reconciliation.to_dict()
    assert _errors(validators["reconciliation"], data) == []
    assert len(data["groups"]) == 5 and len(data["copies"]) == 1


def test_schema_reconcile_of_the_fixture_facts_validates(validators):
    """The reconcile fixtures hold conflicts, hedges, windows and undated figures."""
    records = read_records(FIXTURES / "reconcile" / "facts.jsonl")
    for policy in ("latest", "conservative"):
        data = reconcile(records, policy=policy).to_dict()
        assert _errors(validators["reconciliation"], data) == []
    verdicts = {p["verdict"] for g in data["groups"] for p in g["pairs"]}
    assert verdicts == {"agree", "changed_over_time", "conflict"}


def test_schema_cli_reconcile_json_validates(seed_results, tmp_path, capsys, validators):
    facts = tmp_path / "facts.jsonl"
    facts.write_text(
        "\n".join(json.dumps(to_record(r)) for res in seed_results.values() for r in result_records(res)) + "\n",
        encoding="utf-8",
    )
    assert main(["reconcile", "--facts", str(facts)]) == 0
    assert _errors(validators["reconciliation"], json.loads(capsys.readouterr().out)) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"metric": "deaths"}, "'deaths' is not one of"),
        ({"value": 12.5}, "12.5 is not of type 'integer'"),
        ({"as_of": "May 2024"}, "does not match"),
        ({"extra": 1}, "Additional properties are not allowed"),
    ],
)
def test_schema_rejects_what_the_contract_forbids(validators, change, message):
    row = to_record(Fact(doc="d", subject="UN", metric="personnel_deployed", figure=Figure.exact(1)))
    row.update(change)
    assert any(message in e for e in _errors(validators["fact"], row))


def test_schema_is_documented():
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for name in (p.name for p in Path(SCHEMA_DIR).glob("*.json")):
        assert name in text


def test_schema_scope_is_in_the_contract(validators):
    """``Fact.scope`` (Army only vs all services) is written, validated, read back and grouped apart."""
    from peacefacts.io.convert import from_record

    army = Fact(doc="a", subject="Indonesia", metric="personnel_deployed", figure=Figure.exact(900), as_of="2020",
                scope="army")
    row = to_record(army)
    assert (row["scope"], _errors(validators["fact"], row)) == ("army", [])
    assert from_record(row) == army
    rec = reconcile([army, Fact(doc="b", subject="Indonesia", metric="personnel_deployed",
                                figure=Figure.exact(2800), as_of="2020")]).to_dict()
    assert _errors(validators["reconciliation"], rec) == []
    assert [(g["scope"], len(g["pairs"])) for g in rec["groups"]] == [(None, 0), ("army", 0)]
