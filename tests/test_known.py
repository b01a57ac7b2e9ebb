"""Known figures: the TOML format, check_figures, `peacefacts check`, peacefacts.testing and its plugin."""

from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURES, SEEDS
from peacefacts.cli import main
from peacefacts.errors import KnownFiguresError
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import result_records
from peacefacts.known import check_figures, dump_known, load_known, parse_known
from peacefacts.records import ErrorRecord, Fact, Figure
from peacefacts.testing import assert_figures, figure_tuples, known_figures

pytest_plugins = ["pytester"]

KNOWN = FIXTURES / "known" / "seeds.toml"
SEED_004 = "004_7e52952e49f3ada9.txt"


def _drifted(tmp_path, old: str, new: str):
    """A copy of the seeds' known figures with one change (first occurrence); inputs still point at the seeds."""
    text = KNOWN.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1).replace('inputs = ["../seeds"]', f"inputs = [{json.dumps(str(SEEDS))}]")
    path = tmp_path / "known.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the seeds ---------------------------------------------------------------------------------


def test_known_seeds_file_lists_the_gold_figures():
    known = load_known(KNOWN)
    assert [d.id for d in known.documents] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(known.figures) == 17
    assert known.inputs == (str(SEEDS),)  # resolved against the file's folder, not the working directory
    deaths = [(f.doc, f.value, f.as_of) for f in known.figures if f.metric == "fatalities_total"]
    assert deaths == [
        ("000_7afdc2f30fcbe9a6.txt", 181, "2024-05"),
        ("001_e651096705ef97ea.txt", 181, "2024-05"),
        ("003_982e448d4ac8b6b6.txt", 181, "none"),
        (SEED_004, 161, "2021-10-26"),
    ]


def test_known_seed_results_match(seed_results):
    """The project's own seed test, through the helper users get."""
    assert_figures(seed_results.values(), KNOWN)
    assert check_figures(seed_results.values(), KNOWN) == []


def test_known_cli_check_passes_on_the_seeds(shared_model, capsys):
    assert main(["check", str(KNOWN), str(SEEDS)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines()[-1] == (
        f"peacefacts: check {KNOWN}: ok: 17 known figure(s) in 5 document(s); 0 changed, 0 missing, 0 unexpected"
    )


def test_known_cli_check_reads_the_files_inputs(shared_model, capsys):
    assert main(["check", str(KNOWN)]) == 0
    assert ": ok: " in capsys.readouterr().err


def test_known_cli_check_fails_naming_the_changed_figure(shared_model, tmp_path, capsys):
    path = _drifted(tmp_path, "value = 161\n", "value = 162\n")
    assert main(["check", str(path), str(SEEDS)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{SEED_004}: changed Pakistan fatalities_total as of 2021-10-26: expected 162, got 161 [value]"
    ]
    assert ": drift: 17 known figure(s) in 5 document(s); 1 changed, 0 missing, 0 unexpected" in captured.err


def test_known_cli_check_from_saved_facts_without_a_model(seed_results, tmp_path, capsys):
    facts = tmp_path / "facts.jsonl"
    lines = [json.dumps(to_record(r)) for res in seed_results.values() for r in result_records(res)]
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", str(KNOWN), "--facts", str(facts)]) == 0
    path = _drifted(tmp_path, 'as_of = "2024-05"\nsince = "1960"\ncategory = "personnel"',
                    'as_of = "2024-06"\nsince = "1960"\ncategory = "personnel"')
    capsys.readouterr()
    assert main(["check", str(path), "--facts", str(facts)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "000_7afdc2f30fcbe9a6.txt: changed Pakistan fatalities_total: expected 181 (as_of 2024-06), "
        "got 181 (as_of 2024-05) [as_of]"
    ]


def test_known_cli_malformed_file_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text('format = 1\n[[document]]\nid = "a"\n[[document.figure]]\nsubject = "X"\nmetric = "deaths"\nvalue = 1\n')
    assert main(["check", str(path), "--facts", str(tmp_path / "none.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"peacefacts: error: {path}: document 'a', figure 1: metric 'deaths' is not one of:")
    assert "Traceback" not in err


def test_known_cli_init_writes_a_file_that_passes_and_never_overwrites(seed_results, tmp_path, capsys):
    facts = tmp_path / "facts.jsonl"
    facts.write_text(
        "\n".join(json.dumps(to_record(r)) for res in seed_results.values() for r in result_records(res)) + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "new.toml"
    assert main(["check", "--init", str(target), "--facts", str(facts)]) == 0
    assert main(["check", str(target), "--facts", str(facts)]) == 0
    assert main(["check", "--init", str(target), "--facts", str(facts)]) == 2
    assert "exists" in capsys.readouterr().err


# --- matching -------------------------------------------------------------------------------------


def _fact(doc="pages/a.txt", value=100, metric="personnel_deployed", **kw) -> Fact:
    fig = Figure(value=value, qualifier=kw.pop("qualifier", "exact"))
    return Fact(doc=doc, subject=kw.pop("subject", "Ghana"), metric=metric, figure=fig, **kw)


def test_known_missing_changed_unexpected():
    known = known_figures(
        {"a.txt": [("Ghana", "personnel_deployed", 100), ("Ghana", "personnel_deployed", 200, {"as_of": "2024"}),
                   ("Ghana", "fatalities_total", 5)]}
    )
    facts = [_fact(value=100), _fact(value=210, as_of="2024"), _fact(value=7, metric="injuries_total")]
    got = [(m.kind, m.fields, str(m)) for m in check_figures(facts, known)]
    assert got == [
        ("changed", ("value",), "a.txt: changed Ghana personnel_deployed as of 2024: expected 200, got 210 [value]"),
        ("missing", (), "a.txt: missing Ghana fatalities_total 5"),
        ("unexpected", (), "a.txt: unexpected Ghana injuries_total 7 (qualifier exact, as_of none): “”"),
    ]


def test_known_exact_match_wins_over_order():
    """Two figures of one metric: an unchanged one keeps its fact even if listed after a changed one."""
    known = known_figures({"a.txt": [("Ghana", "personnel_pledged", 150), ("Ghana", "personnel_pledged", 100)]})
    facts = [_fact(value=100, metric="personnel_pledged"), _fact(value=128, metric="personnel_pledged")]
    assert [str(m) for m in check_figures(facts, known)] == [
        "a.txt: changed Ghana personnel_pledged: expected 150, got 128 [value]"
    ]


def test_known_incomplete_documents_ignore_extra_facts_and_subject_case():
    known = known_figures({"a.txt": [("GHANA", "personnel_deployed", 100)]}, complete=False)
    assert check_figures([_fact(value=100), _fact(value=5, metric="fatalities_total")], known) == []


def test_known_none_means_empty():
    known = known_figures({"a.txt": [("Ghana", "personnel_deployed", 100, {"as_of": "none", "qualifier": "approx"})]})
    assert [m.fields for m in check_figures([_fact(value=100, as_of="2024")], known)] == [("qualifier", "as_of")]
    assert check_figures([_fact(value=100, qualifier="approx")], known) == []


def test_known_documents_not_read_or_failed():
    known = known_figures({"a.txt": [("Ghana", "personnel_deployed", 100)], "b.txt": [("Mali", "fatalities_total", 3)]})
    got = [str(m) for m in check_figures([ErrorRecord(doc="in/b.txt", error="not valid UTF-8")], known)]
    assert got == [
        "a.txt: missing Ghana personnel_deployed 100 (the document was not among the inputs)",
        "b.txt: missing Mali fatalities_total 3 (the document failed: not valid UTF-8)",
    ]


def test_known_ambiguous_document_name():
    known = known_figures({"a.txt": [("Ghana", "personnel_deployed", 100)]})
    with pytest.raises(KnownFiguresError, match="names several inputs"):
        check_figures([_fact(doc="x/a.txt"), _fact(doc="y/a.txt")], known)


def test_known_dump_round_trips(seed_results):
    text = dump_known(seed_results.values(), inputs=["../seeds"])
    assert check_figures(seed_results.values(), parse_known(text)) == []
    assert text.count("[[document.figure]]") == 17


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("format = 2", "format 2 is not supported"),
        ("formt = 1", "unknown top-level key(s) formt"),
        ("document = 1", "document must be an array of tables"),
        ('[[document]]\nid = "a"\nfigures = []', "document 1: unknown key(s) figures"),
        ('[[document]]\nid = "a"\n[[document]]\nid = "a"', "document 'a': listed twice"),
        ('[[document]]\nid = "a"\ncomplete = "yes"', "complete must be true or false"),
        ('[[document]]\nid = "a"\n[[document.figure]]\nsubject = "X"\nmetric = "fatalities_total"', "value is required"),
        ('[[document]]\nid = "a"\n[[document.figure]]\nsubject = "X"\nmetric = "fatalities_total"\nvalue = 1.5',
         "value must be an integer"),
        ('[[document]]\nid = "a"\n[[document.figure]]\nsubject = "X"\nmetric = "fatalities_total"\nvalue = 1\n'
         'as_of = "May 2024"', "as_of 'May 2024'"),
        ('[[document]]\nid = "a"\n[[document.figure]]\nsubject = "X"\nmetric = "fatalities_total"\nvalue = 1\n'
         'qualifier = "over"', "qualifier 'over'"),
        ("not toml [", "not valid TOML"),
    ],
)
def test_known_malformed_files_say_where(toml, message):
    with pytest.raises(KnownFiguresError, match=re.escape(message)):
        parse_known(toml)


def test_known_figure_tuples(seed_results):
    assert figure_tuples(seed_results[SEED_004], "as_of", "category") == [
        ("Pakistan", "fatalities_total", 161, "2021-10-26", "personnel"),
        ("Pakistan", "missions_served_total", 46, "2021-10-26", None),
    ]


# --- the opt-in pytest plugin -----------------------------------------------------------------------


def test_known_pytest_plugin_is_opt_in(pytester):
    pytester.makeconftest('pytest_plugins = ["peacefacts.testing.plugin"]')
    pytester.makepyfile(
        test_users=f"""
        from peacefacts.records import Fact, Figure

        FACTS = [Fact(doc="a.txt", subject="Ghana", metric="personnel_deployed", figure=Figure.exact(800))]

        def test_extractor_is_shared(peacefacts_extractor, request):
            assert type(peacefacts_extractor).__name__ == "Extractor"
            assert peacefacts_extractor._model_spec == "my_model"

        def test_figures_pass(assert_figures, known_figures):
            assert_figures(FACTS, known_figures({{"a.txt": [("Ghana", "personnel_deployed", 800)]}}))

        def test_figures_drift(assert_figures):
            assert_figures(FACTS, {{"a.txt": [("Ghana", "personnel_deployed", 900)]}})

        def test_figures_from_toml(known_figures):
            assert len(known_figures({str(KNOWN)!r}).figures) == 17
        """
    )
    result = pytester.runpytest_inprocess("--peacefacts-model", "my_model", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.re_match_lines([r"E +a\.txt: changed Ghana personnel_deployed: expected 900, got 800 \[value\]"])
    # the helper's own frame is hidden: users see their test line and the mismatch, not our code
    assert "def assert_figures(" not in result.stdout.str()


def test_known_plugin_fixtures_absent_without_opt_in(pytester):
    pytester.makepyfile("def test_x(peacefacts_extractor):\n    pass\n")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'peacefacts_extractor' not found*"])
