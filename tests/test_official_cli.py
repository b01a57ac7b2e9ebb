"""`peacefacts verify` on the seeds, and the JSON Schema of its records."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SEEDS
from peacefacts.cli import main
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import result_records
from peacefacts.official import Verdict, load_official, verify
from peacefacts.records import Fact, Figure

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

SCHEMA_DIR = ROOT / "docs" / "schema"


@pytest.fixture(scope="module")
def verify_validator():
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))]
    registry = referencing.Registry().with_resources(
        [(s["$id"], referencing.Resource.from_contents(s)) for s in schemas]
    )
    schema = next(s for s in schemas if s["$id"] == "urn:peacefacts:schema:2:verify")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def _errors(validator, row) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(row)]


@pytest.fixture()
def seed_facts_file(seed_results, tmp_path) -> Path:
    path = tmp_path / "seeds.jsonl"
    path.write_text("".join(json.dumps(to_record(r)) + "\n" for res in seed_results.values()
                            for r in result_records(res)), encoding="utf-8")
    return path


def _rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_verify_the_seeds(shared_model, capsys, verify_validator):
    assert main(["verify", str(SEEDS)]) == 0
    captured = capsys.readouterr()
    rows = _rows(captured.out)
    assert rows[0]["type"] == "official_tables" and rows[0]["origin"] == "bundled"
    checks = [r for r in rows if r["type"] == "verification"]
    assert len(checks) == 17
    fatalities = sorted((
        (r["claim"]["value"], r["claim"]["as_of"], r["official"].get("all"), r["official"].get("uniformed"),
         r["difference"], r["verdict"], Path(r["doc"]).name[:3])
        for r in checks if r["metric"] == "fatalities_total"
    ), key=lambda row: (row[0], str(row[1]), row[-1]))
    assert fatalities == [
        (161, "2021-10-26", {"low": 159, "high": 159}, {"low": 156, "high": 156}, 2, "differs", "004"),
        (181, "2024-05", {"low": 170, "high": 170}, {"low": 166, "high": 166}, 11, "differs", "000"),
        (181, "2024-05", {"low": 170, "high": 170}, {"low": 166, "high": 166}, 11, "differs", "001"),
        (181, None, None, None, None, "not_checkable", "003"),
    ]
    # every other claim is checked or says why not
    assert {(r["verdict"], r["cause"]) for r in checks if r["metric"] != "fatalities_total"} == {
        ("not_checkable", "metric_not_held")
    }
    assert all(r["reason"] for r in checks)
    offsets = {(r["by"], Path(r["name"]).name): (r["n"], r["median"]) for r in rows if r["type"] == "offset"}
    assert offsets == {
        ("source", "000_7afdc2f30fcbe9a6.txt"): (1, 11),
        ("source", "001_e651096705ef97ea.txt"): (1, 11),
        ("source", "004_7e52952e49f3ada9.txt"): (1, 2),
        ("subject", "Pakistan"): (2, 6.5),  # 000 and 001 are one article: counted once
    }
    for row in rows:
        assert _errors(verify_validator, row) == [], row
    assert "last update 2025-04-04" in captured.err
    assert captured.err.endswith(
        "peacefacts: 17 fact(s): 3 checkable (0 matches, 0 near, 0 uninformative, 3 differs), 14 not checkable; "
        "4 offset(s)\n"
    )


def test_verify_saved_facts_without_a_model(seed_facts_file, capsys):
    assert main(["verify", "--facts", str(seed_facts_file), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("official tables (bundled):\n  fatalities: UN peacekeeper fatalities")
    assert "DIFFERS       Pakistan fatalities_total 161 (2021-10-26)  +2\n  official: 159 all personnel / 156 uniformed\n" in out
    assert "DIFFERS       Pakistan fatalities_total 181 (2024-05)  +11\n  official: 170 all personnel / 166 uniformed\n" in out
    assert "NOT_CHECKABLE Pakistan fatalities_total 181 (undated)\n  the claim has no date to check it at\n" in out
    assert "subject   n  median  min  max  spread  median %" in out
    assert "Pakistan  2    +6.5   +2  +11     4.5     +3.9%" in out


def test_verify_csv_and_offsets_file(seed_facts_file, tmp_path, capsys):
    offsets = tmp_path / "offsets.csv"
    assert main(["verify", "--facts", str(seed_facts_file), "--format", "csv", "--offsets", str(offsets)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 17
    row = next(r for r in rows if r["value"] == "161")
    assert (row["check"], row["scope"], row["official_low"], row["official_all"], row["difference"], row["verdict"]) == (
        "country_fatalities", "all", "159", "all=159; uniformed=156", "2", "differs"
    )
    table = list(csv.DictReader(offsets.open(encoding="utf-8")))
    assert [(r["by"], r["n"], r["median"]) for r in table if r["by"] == "subject"] == [("subject", "2", "6.5")]


def test_verify_with_an_official_dir(seed_facts_file, capsys):
    assert main(["verify", "--facts", str(seed_facts_file), "--official-dir", str(FIXTURES / "official")]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0]["origin"].endswith("fixtures/official")
    assert rows[0]["tables"][0]["file"] == "un_fatalities_slice.csv"


def test_verify_with_a_wrong_official_dir_fails_in_one_line(seed_facts_file, tmp_path, capsys):
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["verify", "--facts", str(seed_facts_file), "--official-dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("peacefacts: error: ") and captured.err.count("\n") == 1
    assert "notes.csv is not an official table" in captured.err


def test_verify_needs_input(capsys):
    assert main(["verify"]) == 2
    assert "nothing to read" in capsys.readouterr().err


def test_verify_reports_unreadable_documents(shared_model, capsys):
    assert main(["verify", str(FIXTURES / "ingest" / "empty.txt"), "--format", "table"]) == 1
    captured = capsys.readouterr()
    assert "0 fact(s): 0 checkable" in captured.out
    assert "1 document(s) failed" in captured.err


# --- the schema --------------------------------------------------------------------------------


def _every_kind_of_record() -> list[dict]:
    """Records of every verdict, cause and check kind (fixture tables), and the offsets."""
    facts = [
        Fact(doc="a", subject="Pakistan", metric="fatalities_total", figure=Figure.exact(161), as_of="2021-10-26"),
        Fact(doc="a", subject="Ghana", metric="fatalities_total", figure=Figure(value=140, qualifier="approx"),
             as_of="2019-05"),
        Fact(doc="b", subject="UN", metric="fatalities_total", figure=Figure.exact(134), as_of="2021", since="2021"),
        Fact(doc="b", subject="MINUSCA", metric="fatalities_total", figure=Figure.exact(42), as_of="2021-12-31"),
        Fact(doc="b", subject="MONUSCO", metric="fatalities_incident", figure=Figure.exact(14), as_of="2017-12-07"),
        Fact(doc="b", subject="Pakistan", metric="fatalities_incident", figure=Figure.exact(6), as_of="2022-03-29"),
        Fact(doc="c", subject="Pakistan", metric="personnel_deployed", figure=Figure.exact(9656), as_of="2010-06",
             category="troops"),
        Fact(doc="c", subject="UN", metric="personnel_deployed", figure=Figure(value=100000, qualifier="approx"),
             as_of="2010-06"),
        Fact(doc="c", subject="Pakistan", metric="fatalities_total", figure=Figure(value=100, qualifier="at_least", low=100),
             as_of="2021-10-26"),
        Fact(doc="d", subject="Pakistan", metric="fatalities_total", figure=Figure.exact(181)),
        Fact(doc="d", subject="Pakistan", metric="fatalities_total", figure=Figure.exact(190), as_of="2025-06"),
        Fact(doc="d", subject="MINUSCA", metric="fatalities_incident", figure=Figure.exact(4), as_of="2017-05"),
        Fact(doc="d", subject="UNIFIL", metric="personnel_deployed", figure=Figure.exact(10000), as_of="2010-06"),
        Fact(doc="d", subject="Pakistan", metric="personnel_served_total", figure=Figure.exact(235000), as_of="2024-05"),
        Fact(doc="d", subject="Atlantis", metric="fatalities_total", figure=Figure.exact(3), as_of="2020"),
    ]
    report = verify(facts, official=load_official(FIXTURES / "official"))
    # every verdict ("at least 100" of Pakistan's 159 deaths is uninformative)
    assert {v.verdict.value for v in report.verifications} == {v.value for v in Verdict}
    assert len({v.check for v in report.verifications if v.check}) == 7
    assert len({v.cause for v in report.verifications if v.cause}) == 6
    return report.to_dicts()


def test_schema_every_kind_of_verify_record_validates(verify_validator):
    rows = _every_kind_of_record()
    assert {r["type"] for r in rows} == {"official_tables", "verification", "offset"}
    for row in rows:
        assert _errors(verify_validator, row) == [], row


def test_schema_properties_are_the_records_keys():
    schema = json.loads((SCHEMA_DIR / "verify.schema.json").read_text(encoding="utf-8"))
    rows = _every_kind_of_record()
    for kind in ("official_tables", "verification", "offset"):
        row = next(r for r in rows if r["type"] == kind)
        definition = schema["$defs"][kind]
        assert list(definition["properties"]) == list(row)
        assert definition["required"] == list(row)
        assert definition["additionalProperties"] is False
    assert list(schema["$defs"]["provenance"]["properties"]) == list(rows[0]["tables"][0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"verdict": "wrong"}, "'wrong' is not one of"),
        ({"cause": "undated"}, "is not of type 'null'"),  # a checked claim has no cause
        ({"difference": None}, "None is not of type 'integer'"),
        ({"official": {"navy": {"low": 1, "high": 1}}}, "'navy' is not one of"),
        ({"period": {"start": "2021", "end": None, "end_latest": None}}, "does not match"),
    ],
)
def test_schema_rejects_what_the_contract_forbids(verify_validator, change, message):
    row = next(r for r in _every_kind_of_record() if r["type"] == "verification" and r["verdict"] == "differs")
    row.update(change)
    assert any(message in e for e in _errors(verify_validator, row)), _errors(verify_validator, row)
