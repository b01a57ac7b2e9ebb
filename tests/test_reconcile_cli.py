"""`peacefacts reconcile --facts FILE` through `peacefacts.cli.main` (no spaCy model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peacefacts.cli import main
from peacefacts.io.convert import to_record
from peacefacts.reconciler.copies import fingerprint_text
from peacefacts.records import Document

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "fixtures" / "reconcile" / "facts.jsonl"
SEEDS = ROOT / "fixtures" / "seeds"


@pytest.fixture()
def seed_jsonl(tmp_path: Path) -> Path:
    """Seed gold facts plus document records carrying fingerprints of the seed texts."""
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = Document(id=path.name, text="", fingerprint=fingerprint_text(path.read_text(encoding="utf-8")))
        lines.append(json.dumps(to_record(doc)))
    gold = (ROOT / "fixtures" / "gold" / "seed_facts.jsonl").read_text(encoding="utf-8").splitlines()
    lines += [json.dumps({"type": "fact", **json.loads(line)}) for line in gold if line.strip()]
    out = tmp_path / "seed.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_json_to_stdout(seed_jsonl, capsys):
    assert main(["reconcile", "--facts", str(seed_jsonl)]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert [(c["a"], c["b"]) for c in out["copies"]] == [("000_7afdc2f30fcbe9a6.txt", "001_e651096705ef97ea.txt")]
    fatalities = next(g for g in out["groups"] if g["metric"] == "fatalities_total")
    first = fatalities["pairs"][0]
    assert (first["a"], first["a_value"], first["b_value"], first["verdict"], first["cause"]) == (
        "004_7e52952e49f3ada9.txt", 161, 181, "changed_over_time", "stale_figure"
    )
    assert first["explanation"] == (
        "Pakistan fatalities_total: 161 (2021-10-26) → 181 (2024-05): +20 in 31 months, "
        "consistent with a growing cumulative count"
    )
    assert captured.err == "peacefacts: 5 group(s), 14 pair(s), 4 disagreement(s), 1 copy pair(s)\n"


def test_output_file_is_byte_identical_across_runs(seed_jsonl, tmp_path, capsys):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert main(["reconcile", "--facts", str(seed_jsonl), "-o", str(first)]) == 0
    assert main(["reconcile", "--facts", str(seed_jsonl), "--output", str(second)]) == 0
    assert capsys.readouterr().out == ""
    assert first.read_bytes() == second.read_bytes()


def test_table_has_one_block_per_disagreement(capsys):
    assert main(["reconcile", "--facts", str(FACTS), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("6 groups, 5 pairs: 2 conflict, 2 changed_over_time, 1 agree; 0 copy pairs; policy latest\n")
    blocks = [b for b in out.split("\n\n") if b.startswith(("CONFLICT", "CHANGED_OVER_TIME"))]
    assert [b.splitlines()[0] for b in blocks] == [
        "CONFLICT  Bangladesh personnel_deployed  [same_time_conflict]",
        "CONFLICT  Bangladesh personnel_served_total  [cumulative_decrease]",
        "CHANGED_OVER_TIME  Pakistan fatalities_total  [stale_figure]",
        "CHANGED_OVER_TIME  Pakistan missions_served_total  [stale_figure]",
    ]
    decrease = blocks[1]
    assert "124,500 (2022-05) → 123,456 (2022-10): -1,044 in 5 months; a cumulative total should not fall" in " ".join(
        line.strip() for line in decrease.splitlines()
    )
    # both sides with their evidence
    assert "a: may-2022.txt" in decrease and "“124,500 Bangladeshi peacekeepers have served since 1988”" in decrease
    assert "b: oct-2022.txt" in decrease and "“1,23,456 peacekeepers have served”" in decrease
    assert "Preferred figures" in out


def test_policy_option(capsys):
    assert main(["reconcile", "--facts", str(FACTS), "--policy", "conservative"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["policy"] == "conservative"
    deployed = next(g for g in out["groups"] if g["metric"] == "personnel_deployed" and g["category"] == "personnel")
    preferred = [p for p in deployed["series"] if p["rank"] == "preferred"]
    assert [(p["best"], p["as_of"]) for p in preferred] == [(6000, "2021-02-10")]


def test_facts_from_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(FACTS.read_text(encoding="utf-8")))
    assert main(["reconcile", "--facts", "-"]) == 0
    assert len(json.loads(capsys.readouterr().out)["groups"]) == 6


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "nothing to read: give PATHs to extract or --facts FILE"),
        (["--facts", "/nonexistent/facts.jsonl"], "--facts: no such file: /nonexistent/facts.jsonl"),
    ],
)
def test_errors_are_one_line(args, message, capsys):
    assert main(["reconcile", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"peacefacts: error: {message}\n"


def test_bad_jsonl_lines_are_reported_and_the_rest_is_read(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    good = '{"type": "fact", "doc": "b", "subject": "Ghana", "metric": "personnel_deployed", "value": 800}'
    bad.write_text('{"type": "fact", "doc": "a"}\nnot json\n' + good + "\n", encoding="utf-8")
    assert main(["reconcile", "--facts", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines()[:2] == [
        f'peacefacts: {bad}:1: missing field "subject"',
        f"peacefacts: {bad}:2: not JSON (Expecting value at column 1)",
    ]
    assert json.loads(out)["groups"][0]["subject"] == "Ghana"  # the good line was read


def test_bad_jsonl_with_on_error_fail_stops_at_the_first_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "fact", "doc": "a"}\nnot json\n', encoding="utf-8")
    assert main(["reconcile", "--facts", str(bad), "--on-error", "fail"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f'peacefacts: error: --facts: {bad}:1: missing field "subject" (--on-error skip reads the other lines)\n'


def test_parallel_groups_give_the_same_output(tmp_path, capsys):
    """issue 10: `reconcile -j 2` builds groups in two processes; groups are independent, so the
    output is byte-identical to one process."""
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    assert main(["reconcile", "--facts", str(FACTS), "-o", str(one)]) == 0
    assert main(["reconcile", "--facts", str(FACTS), "-j", "2", "-o", str(two)]) == 0
    assert json.loads(one.read_text())["groups"]  # the fixture has groups to split
    assert one.read_bytes() == two.read_bytes()
    assert main(["reconcile", "--facts", str(FACTS), "-j", "0"]) == 2


def test_all_pairs_judges_every_pair_of_a_large_group(tmp_path, capsys):
    # 14 yearly counts of current missions from 14 outlets: by default each figure meets its 10
    # neighbours in time and its series; --all-pairs pairs all 91, as the labelling conventions do
    values = [16, 15, 15, 16, 17, 16, 15, 16, 14, 13, 12, 12, 11, 11]
    rows = [
        {"type": "fact", "doc": f"outlet-{k:02d}", "subject": "UN", "metric": "missions_current", "value": v,
         "qualifier": "exact", "as_of": f"{2011 + k}-05-29", "evidence": f"{v} missions"}
        for k, v in enumerate(values)
    ]
    path = tmp_path / "facts.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    def pairs(*extra: str) -> dict[tuple[str, str], str]:
        assert main(["reconcile", "--facts", str(path), *extra]) == 0
        (group,) = json.loads(capsys.readouterr().out)["groups"]
        return {(p["a"], p["b"]): p["verdict"] for p in group["pairs"]}

    default, every = pairs(), pairs("--all-pairs")
    assert (len(default), len(every)) == (88, 91)
    assert set(every) - set(default) == {("outlet-00", "outlet-11"), ("outlet-00", "outlet-12"), ("outlet-01", "outlet-12")}
    assert {k: every[k] for k in default} == default
    assert every[("outlet-00", "outlet-11")] == "changed_over_time"
    assert every[("outlet-01", "outlet-02")] == "agree"
