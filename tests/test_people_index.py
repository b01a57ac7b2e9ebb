"""The people index: one entry per person across documents, with dated roles; and its CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import SEEDS
from peacefacts.cli import main
from peacefacts.io.jsonl import read_records, write_jsonl
from peacefacts.nlp.people import find_people
from peacefacts.people_index import build_people_index, role_key, same_person
from peacefacts.records import Block, Document, ExtractionResult, Person

# Seed 003 carries no date; the others as their datelines say.
SEED_DATES = {"000": "2024-06-08", "001": "2024-06-08", "002": "2025-04-19", "003": None, "004": "2021-10-26"}


def _seed_document(name: str) -> Document:
    text = (SEEDS / name).read_text(encoding="utf-8")
    published = SEED_DATES[name[:3]]
    blocks: tuple[Block, ...] = ()
    if name.startswith("001"):  # the crypto article after the peacekeeping one is not about peacekeeping
        cut = text.index("Pakistan expands crypto engagement")
        blocks = (Block(start=0, end=cut, published=published),
                  Block(start=cut, end=len(text), published="2026-02-19", is_peacekeeping=False))
    return Document(id=name, text=text, published=published, blocks=blocks)


@pytest.fixture(scope="module")
def seed_results(nlp):
    documents = [_seed_document(p.name) for p in sorted(SEEDS.glob("*.txt"))]
    return [ExtractionResult(document=d, people=find_people(d, nlp)) for d in documents]


@pytest.fixture(scope="module")
def seed_index(seed_results):
    return build_people_index(seed_results)


def test_seeds_merge_mohsin_naqvi_into_one_person_with_one_role(seed_index):
    naqvi = seed_index.find("Mohsin Naqvi")
    assert naqvi is seed_index.find("Naqvi") is seed_index.find("Minister Mohsin Naqvi")
    assert naqvi.name == "Mohsin Naqvi"
    assert naqvi.docs == ("000_7afdc2f30fcbe9a6.txt", "001_e651096705ef97ea.txt", "002_9bc1dabc8887fe0b.txt")
    assert [(r.role, r.organization) for r in naqvi.roles] == [("Federal Minister for Interior", "Pakistan")]
    assert [str(d) for d in naqvi.roles[0].dates] == ["2024-06-08", "2025-04-19"]
    assert (str(naqvi.first_seen), str(naqvi.last_seen)) == ("2024-06-08", "2025-04-19")


def test_seeds_give_faisal_shahkar_two_roles_with_their_dates(seed_index):
    shahkar = seed_index.find("Faisal Shahkar")
    assert shahkar.docs == ("002_9bc1dabc8887fe0b.txt", "003_982e448d4ac8b6b6.txt")
    roles = [(r.role, r.organization, [str(d) for d in r.dates], r.docs) for r in shahkar.roles]
    assert roles == [
        ("Secretary-General's Advisor", "UN", ["2025-04-19"], ("002_9bc1dabc8887fe0b.txt",)),
        ("Police Adviser", "UN", [], ("003_982e448d4ac8b6b6.txt",)),  # seed 003 is undated
    ]


def test_seeds_merge_one_role_written_two_ways(seed_index):
    lacroix = seed_index.find("General Jean-Pierre Lacroix")
    assert lacroix is seed_index.find("Lacroix") and lacroix.name == "Jean-Pierre Lacroix"
    assert len(lacroix.roles) == 1
    role = lacroix.roles[0]
    assert set(role.variants) == {"Under-Secretary-General for Peace Operations",
                                  "Under Secretary General for Peace Operations"}
    assert role.docs == ("002_9bc1dabc8887fe0b.txt", "003_982e448d4ac8b6b6.txt")


def test_seed_index_has_every_gold_person_once(seed_index):
    assert sorted(p.name for p in seed_index) == sorted([
        "Antonio Guterres", "Atul Khare", "Faisal Shahkar", "Jean-Pierre Lacroix", "Makhdoom Shah Mahmood Qureshi",
        "Mohsin Naqvi", "Muhammad Khurram Agha", "Munir Akram", "Shahzadi Gulfam", "Talal Chaudhry",
    ])


def test_index_from_saved_jsonl_equals_index_from_results(seed_results, seed_index, tmp_path):
    path = tmp_path / "extract.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        write_jsonl(seed_results, handle)
    assert build_people_index(read_records(path)) == seed_index


def test_records_are_plain_json(seed_index):
    records = seed_index.to_records()
    assert json.loads(json.dumps(records)) == records
    shahkar = next(r for r in records if r["name"] == "Faisal Shahkar")
    assert shahkar == {
        "name": "Faisal Shahkar",
        "variants": ["Faisal Shahkar"],
        "docs": ["002_9bc1dabc8887fe0b.txt", "003_982e448d4ac8b6b6.txt"],
        "first_seen": "2025-04-19",
        "last_seen": "2025-04-19",
        "roles": [
            {"role": "Secretary-General's Advisor", "organization": "UN", "dates": ["2025-04-19"],
             "docs": ["002_9bc1dabc8887fe0b.txt"], "variants": ["Secretary-General's Advisor"]},
            {"role": "Police Adviser", "organization": "UN", "dates": [], "docs": ["003_982e448d4ac8b6b6.txt"],
             "variants": ["Police Adviser"]},
        ],
    }


# ---------------------------------------------------------------------------------------------
# Merging names and roles
# ---------------------------------------------------------------------------------------------


def _people(*rows: tuple[str, str, str | None]) -> list[Person]:
    return [Person(doc=doc, name=name, role=role) for doc, name, role in rows]


def test_names_merge_across_accents_ranks_initials_and_surnames():
    index = build_people_index(_people(
        ("a", "António Guterres", "Secretary-General"),
        ("b", "Antonio Guterres", "UN Secretary-General"),
        ("c", "General Jean-Pierre Lacroix", None),
        ("d", "Lacroix", "peacekeeping chief"),
        ("e", "J. Lacroix", None),
        ("f", "Mohsen Naqvi", "Interior Minister"),
        ("g", "Mohsin Naqvi", "Interior Minister"),
    ))
    assert [(p.name, p.docs) for p in index] == [
        ("António Guterres", ("a", "b")),  # accents do not split a person; ties go to the first spelling read
        ("Jean-Pierre Lacroix", ("c", "d", "e")),  # the rank is not shown
        ("Mohsen Naqvi", ("f", "g")),
    ]
    assert [r.role for r in index.find("guterres").roles] == ["Secretary-General"]


def test_shared_surname_stays_apart_unless_the_role_decides():
    index = build_people_index(_people(
        ("a", "Donald Trump", "President"),
        ("b", "Eric Trump", "businessman"),
        ("c", "Trump", "President"),
        ("d", "Mohammed Saleh", "Brigadier General"),
        ("e", "Ahmed Saleh", "spokesman"),
        ("f", "Saleh", None),
    ))
    by_name = {p.name: p.docs for p in index}
    assert by_name == {"Donald Trump": ("a", "c"), "Eric Trump": ("b",), "Mohammed Saleh": ("d",),
                       "Ahmed Saleh": ("e",), "Saleh": ("f",)}
    assert index.find("Trump").name == "Donald Trump"  # the form was seen as his
    assert index.find("Eric Trump").name == "Eric Trump"
    two = build_people_index(_people(("a", "Donald Trump", "President"), ("b", "Eric Trump", None)))
    assert two.find("Trump") is None  # ambiguous


def test_roles_merge_when_written_differently_and_a_short_form_joins_the_specific_one():
    index = build_people_index(
        [
            Document(id="a", text="", published="2024-06-08"),
            Document(id="b", text="", published="2025-04-19"),
            Document(id="c", text="", published="2023-01"),
            *_people(
                ("a", "Mohsin Naqvi", "Federal Minister for Interior"),
                ("b", "Mohsin Naqvi", "Minister"),
                ("c", "Mohsin Naqvi", "Chairman of the Cricket Board"),
            ),
        ]
    )
    roles = [(r.role, [str(d) for d in r.dates], r.docs) for r in index.find("Naqvi").roles]
    assert roles == [
        ("Chairman of the Cricket Board", ["2023-01"], ("c",)),
        ("Federal Minister for Interior", ["2024-06-08", "2025-04-19"], ("a", "b")),
    ]


def test_dates_come_from_the_article_block_and_can_be_overridden():
    doc = Document(id="p", text="x" * 100, published="2026-02-19",
                   blocks=(Block(start=0, end=50, published="2024-06-08"), Block(start=50, end=100)))
    people = [Person(doc="p", name="Mohsin Naqvi", role="Interior Minister", start=10, end=22)]
    result = ExtractionResult(document=doc, people=people)
    assert [str(d) for d in build_people_index([result]).find("Naqvi").roles[0].dates] == ["2024-06-08"]
    overridden = build_people_index([result], dates={"p": "2020-01-01"})
    assert [str(d) for d in overridden.find("Naqvi").roles[0].dates] == ["2020-01-01"]


def test_same_person_and_role_key():
    assert same_person(("jean", "pierre", "lacroix"), ("lacroix",))
    assert same_person(("antonio", "guterres"), ("antonio", "gutteres"))
    assert not same_person(("eric", "trump"), ("donald", "trump"))
    assert not same_person(("ahmed", "hassan"), ("ahmed", "khan"))
    assert role_key("UN Police Advisor") == role_key("Police Adviser") == frozenset({"police", "adviser"})
    assert role_key("Secretary-General's Advisor") != role_key("Police Adviser")


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_jsonl(seed_results, tmp_path_factory):
    path = tmp_path_factory.mktemp("people") / "extract.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        write_jsonl(seed_results, handle)
    return path


def test_cli_jsonl_from_facts_file(seed_jsonl, seed_index, capsys):
    assert main(["people", "--facts", str(seed_jsonl)]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line) for line in out.splitlines()] == seed_index.to_records()
    assert err.strip() == "peacefacts: 10 person(s)"


def test_cli_csv_has_one_row_per_role(seed_jsonl, capsys, tmp_path):
    target = tmp_path / "people.csv"
    assert main(["people", "--facts", str(seed_jsonl), "--format", "csv", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    shahkar = [(r["role"], r["dates"], r["role_docs"]) for r in rows if r["name"] == "Faisal Shahkar"]
    assert shahkar == [("Secretary-General's Advisor", "2025-04-19", "002_9bc1dabc8887fe0b.txt"),
                       ("Police Adviser", "", "003_982e448d4ac8b6b6.txt")]
    assert len(rows) == 11


def test_cli_table(seed_jsonl, capsys):
    assert main(["people", "--facts", str(seed_jsonl), "-f", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "role", "organization", "dates", "documents"]
    at = next(i for i, line in enumerate(lines) if line.startswith("Faisal Shahkar"))
    assert "Secretary-General's Advisor" in lines[at] and "2025-04-19" in lines[at]
    assert lines[at + 1].startswith(" ") and "Police Adviser" in lines[at + 1]  # second role, same person


def test_cli_extracts_paths(capsys):
    assert main(["people", str(SEEDS / "004_7e52952e49f3ada9.txt")]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["name"], r["roles"][0]["role"]) for r in records] == [("Makhdoom Shah Mahmood Qureshi",
                                                                       "Foreign Minister")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["people"], "nothing to read: give PATHs to extract or --facts FILE"),
        (["people", "--facts", "/nonexistent/extract.jsonl"], "--facts: no such file"),
    ],
)
def test_cli_errors_are_one_line(args, message, capsys):
    assert main(args) == 2
    assert message in capsys.readouterr().err
