"""reconcile(..., official=True): the official value in each checkable group, and as arbiter of conflicts."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from peacefacts.cli import main
from peacefacts.errors import OfficialDataError
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import result_records
from peacefacts.official import load_official
from peacefacts.reconciler import Rank, reconcile
from peacefacts.reconciler.official import OFFICIAL_SOURCE, OfficialArbiter
from peacefacts.records import Fact, Figure


def fact(doc, value, as_of, subject="Pakistan", metric="fatalities_total", qualifier="exact", **extra) -> Fact:
    low, high = {"exact": (value, value), "at_least": (value, None)}.get(qualifier, (None, None))
    return Fact(doc=doc, subject=subject, metric=metric, as_of=as_of,
                figure=Figure(value=value, qualifier=qualifier, low=low, high=high), **extra)


def _official(group):
    return [(str(p.as_of), p.best, p.low, p.high, p.docs) for p in group.series if p.rank is Rank.OFFICIAL]


def test_the_seeds_get_the_official_count_at_each_date(seed_results):
    plain = reconcile(list(seed_results.values()))
    rec = reconcile(list(seed_results.values()), official=True)
    [group] = rec.group("Pakistan", "fatalities_total")
    assert _official(group) == [
        ("2021-10-26", 159, 159, 159, ("official:fatalities",)),
        ("2024-05", 170, 170, 170, ("official:fatalities",)),
    ]
    official = [o for o in group.observations if o.source == OFFICIAL_SOURCE]
    assert [o.fact.evidence for o in official] == [
        "159 all personnel (156 uniformed): deaths of Pakistan nationals up to 2021-10-26, "
        "UN fatalities table (last update 2025-04-04)",
        "170 all personnel (166 uniformed): deaths of Pakistan nationals from 1960 up to 2024-05 "
        "(2024-05-01..2024-05-31), UN fatalities table (last update 2025-04-04)",
    ]
    # the sources' pairs, verdicts and preferred point are what they were without the tables
    [before] = plain.group("Pakistan", "fatalities_total")
    assert [p.to_dict() for p in group.pairs] == [p.to_dict() for p in before.pairs]
    assert group.preferred == before.preferred
    assert [p for p in group.series if p.rank is not Rank.OFFICIAL] == list(before.series)
    # groups the tables cannot check are untouched
    for g in rec.groups:
        if g.metric.value != "fatalities_total":
            assert g == next(b for b in plain.groups if (b.subject, b.metric, b.window) == (g.subject, g.metric, g.window))


def test_official_reconciliation_validates_against_the_schema(seed_results):
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "docs" / "schema").glob("*.schema.json")]
    registry = referencing.Registry().with_resources([(s["$id"], referencing.Resource.from_contents(s)) for s in schemas])
    schema = next(s for s in schemas if s["$id"].endswith(":reconciliation"))
    data = reconcile(list(seed_results.values()), official=True).to_dict()
    errors = [e.message for e in jsonschema.Draft202012Validator(schema, registry=registry).iter_errors(data)]
    assert errors == []
    ranks = [p["rank"] for g in data["groups"] for p in g["series"]]
    assert ranks.count("official") == 2


def test_a_conflict_says_which_side_the_record_supports():
    rec = reconcile([fact("army", 181, "2024-05-31"), fact("un", 170, "2024-06-02")], official=True)
    [pair] = rec.pairs
    assert (pair.verdict.value, pair.cause) == ("conflict", "same_time_conflict")
    assert pair.explanation.endswith(
        "; official record: 170 (all personnel; 166 uniformed) at 2024-05-31 and 2024-06-02 — "
        "it supports 170 (un), not 181 (army)"
    )
    # without the tables, the same verdict and no note
    [plain] = reconcile([fact("army", 181, "2024-05-31"), fact("un", 170, "2024-06-02")]).pairs
    assert "official record" not in plain.explanation
    assert (plain.verdict, plain.cause) == (pair.verdict, pair.cause)


@pytest.mark.parametrize(
    ("a", "b", "ending"),
    [
        # both admitted by the record
        (fact("x", 14, "2017-12-08", subject="MONUSCO", metric="fatalities_incident", qualifier="at_least"),
         fact("y", 15, "2017-12-09", subject="MONUSCO", metric="fatalities_incident", qualifier="at_least"),
         "it agrees with both"),
        # neither, one closer
        (fact("x", 175, "2024-05-31"), fact("y", 181, "2024-06-05"),
         "it supports neither; 175 (x) is closer"),
        # one near, one far
        (fact("x", 4, "2017-05-08", subject="MINUSCA", metric="fatalities_incident"),
         fact("y", 1, "2017-05-09", subject="MINUSCA", metric="fatalities_incident"),
         "it supports 4 (x), not 1 (y)"),
        # the record has no death: one death is not near it (UNIFIL, May 2011, bundled table)
        (fact("x", 1, "2011-05-27", subject="UNIFIL", metric="fatalities_incident"),
         fact("y", 3, "2011-05-28", subject="UNIFIL", metric="fatalities_incident"),
         "official record: 0 (all personnel; 0 uniformed) at 2011-05-27 and 2011-05-28 — "
         "it supports neither; 1 (x) is closer"),
        # a bound far below the record supports nothing: the closer figure is supported
        (fact("x", 100, "2013-06-30", subject="UN", qualifier="at_least"),
         fact("y", 3100, "2013-07-01", subject="UN", qualifier="at_least"),
         "it supports ≥3,100 (y), not ≥100 (x)"),
        (fact("x", 100, "2013-06-30", subject="UN", qualifier="at_least"),
         fact("y", 5000, "2013-07-01", subject="UN"),
         "it supports neither; 5,000 (y) is closer"),
    ],
)
def test_arbiter_sentences(a, b, ending):
    [pair] = reconcile([a, b], official=True).pairs
    assert pair.verdict.value == "conflict"
    assert pair.explanation.endswith(ending), pair.explanation


def test_changes_over_time_are_left_alone():
    [pair] = reconcile([fact("a", 161, "2021-10-26"), fact("b", 181, "2024-05")], official=True).pairs
    assert pair.verdict.value == "changed_over_time"
    assert "official record" not in pair.explanation


def test_official_tables_from_a_directory():
    tables = load_official(FIXTURES / "official")
    facts = [fact("a", 10000, "2010-06", metric="personnel_deployed"), fact("b", 10700, "2010-06-15", metric="personnel_deployed")]
    for official in (FIXTURES / "official", str(FIXTURES / "official"), tables):
        [group] = reconcile(facts, official=official).groups
        assert _official(group) == [
            ("2010-06", 10719, 10692, 10719, ("official:contributions",)),
            ("2010-06-15", 10719, 10692, 10719, ("official:contributions",)),
        ]
    assert reconcile(facts, official=False) == reconcile(facts)


def test_the_official_option_is_typed_and_checked(tmp_path):
    import inspect
    import typing

    from peacefacts.official.tables import OfficialTables
    from peacefacts.reconciler import official as official_module

    annotation = inspect.signature(reconcile).parameters["official"].annotation
    assert annotation == "OfficialOption"
    assert set(typing.get_args(official_module.OfficialOption)) == {bool, str, Path, OfficialTables, type(None)}
    with pytest.raises(TypeError, match="official= takes True .* not int"):
        reconcile([fact("a", 161, "2021-10-26")], official=3)  # type: ignore[arg-type]
    with pytest.raises(OfficialDataError):
        reconcile([fact("a", 161, "2021-10-26")], official=tmp_path)


def test_the_arbiter_pickles_as_where_its_tables_came_from():
    bundled = pickle.loads(pickle.dumps(OfficialArbiter(load_official())))
    assert bundled.tables is load_official()
    fixture = pickle.loads(pickle.dumps(OfficialArbiter(load_official(FIXTURES / "official"))))
    assert fixture.tables is load_official(FIXTURES / "official")


def test_cli_reconcile_official(seed_results, tmp_path, capsys):
    facts = tmp_path / "seeds.jsonl"
    facts.write_text("".join(json.dumps(to_record(r)) + "\n" for res in seed_results.values()
                             for r in result_records(res)), encoding="utf-8")
    assert main(["reconcile", "--facts", str(facts), "--official"]) == 0
    data = json.loads(capsys.readouterr().out)
    group = next(g for g in data["groups"] if g["metric"] == "fatalities_total")
    assert [(p["as_of"], p["best"], p["rank"]) for p in group["series"] if p["rank"] == "official"] == [
        ("2021-10-26", 159, "official"), ("2024-05", 170, "official")
    ]
    (tmp_path / "empty").mkdir()
    assert main(["reconcile", "--facts", str(facts), "--official-dir", str(tmp_path / "empty")]) == 2
    assert "holds no official table" in capsys.readouterr().err


def test_plot_of_an_official_reconciliation_keeps_the_record_off_the_markers(seed_results):
    from peacefacts.plot import timeline_points

    rec = reconcile(list(seed_results.values()), official=True)
    points = timeline_points(rec, "Pakistan", "fatalities_total")
    assert [(p.value, str(p.as_of)) for p in points] == [(161, "2021-10-26"), (181, "2024-05"), (181, "None")]


def test_worker_processes_give_the_same_official_reconciliation():
    facts = [fact("army", 181, "2024-05-31"), fact("un", 170, "2024-06-02"), fact("mofa", 161, "2021-10-26"),
             fact("g", 140, "2019-05", subject="Ghana", qualifier="approx"),
             fact("h", 135, "2019-05-20", subject="Ghana")]
    assert reconcile(facts, official=True, n_process=2).to_json() == reconcile(facts, official=True).to_json()
