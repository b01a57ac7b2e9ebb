"""The reconciler on small hand-made fact sets: verdicts, causes, groups, series, API, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peacefacts.io.jsonl import read_records
from peacefacts.reconciler import (
    DEFAULT_RULES,
    Cause,
    Judgement,
    Policy,
    Rank,
    Verdict,
    fingerprint_text,
    first_match,
    reconcile,
)
from peacefacts.reconciler.model import hedge_interval
from peacefacts.reconciler.rules import at_same_time, gap_days, values_compatible
from peacefacts.records import Block, Document, ErrorRecord, ExtractionResult, Fact, Figure, Person

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"


def fact(
    doc: str,
    value: int,
    as_of: str | None = None,
    *,
    q: str = "exact",
    subject: str = "Pakistan",
    metric: str = "fatalities_total",
    since: str | None = None,
    category: str | None = None,
    scope: str | None = None,
    evidence: str = "",
) -> Fact:
    return Fact(
        doc=doc,
        subject=subject,
        metric=metric,
        figure=Figure(value=value, qualifier=q),
        as_of=as_of,
        since=since,
        category=category,
        scope=scope,
        evidence=evidence or f"{value} in {doc}",
    )


def only_pair(facts, **kwargs):
    pairs = reconcile(facts, **kwargs).pairs
    assert len(pairs) == 1, [p.explanation for p in pairs]
    return pairs[0]


def copies_of(text: str, ids: tuple[str, ...]) -> list[Document]:
    fp = fingerprint_text(text)
    return [Document(id=i, text="", fingerprint=fp) for i in ids]


ARTICLE = (
    "ISLAMABAD: Over a hundred police officials are soon expected to join United Nations peacekeeping "
    "missions, an official statement said on Saturday after the minister met the Secretary General. "
    "Last month the military said the country had contributed many troops to operations in missions "
    "spread around the world, and that many of them had lost their lives in different parts of the world."
)


# -- verdicts and causes -------------------------------------------------------------------------

CASES = [
    # (id, facts, verdict, cause)
    ("same value", [fact("a", 181, "2024-05"), fact("b", 181, "2024-06-08")], "agree", "same_value"),
    (
        "same value across hedges",
        [fact("a", 30, "2021-05-29", q="at_least", metric="missions_served_total"),
         fact("b", 30, "2019-06-24", q="approx", metric="missions_served_total")],
        "agree",
        "same_value",
    ),
    (
        "exact total unchanged for years is stale",
        [fact("a", 181, "2021-01-10"), fact("b", 181, "2024-05")],
        "agree",
        "stale_figure",
    ),
    ("hedge at the same time", [fact("a", 85, "2005-12-15", q="approx"), fact("b", 86, "2005-12-20")], "agree",
     "hedge_or_rounding"),
    (
        "a lower bound and a figure above it at the same time",
        [fact("a", 1000, "2024-03-01", q="at_least", metric="personnel_deployed"),
         fact("b", 1030, "2024-03-05", metric="personnel_deployed")],
        "agree",
        "hedge_or_rounding",
    ),
    ("different exact values, same time", [fact("a", 100, "2024-05-01"), fact("b", 103, "2024-05-10")], "conflict",
     "same_time_conflict"),
    # a hedge bounds one side only: it is not widened, so a figure on the wrong side conflicts
    (
        "a figure below 'more than' in the same week",
        [fact("a", 1000, "2024-03-01", q="at_least", metric="personnel_deployed"),
         fact("b", 960, "2024-03-05", metric="personnel_deployed")],
        "conflict",
        "same_time_conflict",
    ),
    (
        "a figure above 'up to' in the same week",
        [fact("a", 850, "2024-03-01", q="at_most", metric="personnel_deployed"),
         fact("b", 890, "2024-03-05", metric="personnel_deployed")],
        "conflict",
        "same_time_conflict",
    ),
    # an exact figure has no hedge, however round: no rounding tolerance, and no touching ranges
    (
        "round exact figures 0.5% apart in one month",
        [fact("a", 87000, "2024-05-10", metric="personnel_deployed"),
         fact("b", 87400, "2024-05-20", metric="personnel_deployed")],
        "conflict",
        "same_time_conflict",
    ),
    (
        "adjacent round figures in one month",
        [fact("a", 2700, "2024-05", metric="personnel_deployed"), fact("b", 2800, "2024-05-20", metric="personnel_deployed")],
        "conflict",
        "same_time_conflict",
    ),
    (
        "overlapping lower bounds 20% apart, same month",
        [fact("a", 50000, "2021-05-29", q="at_least", metric="personnel_served_total", category="personnel"),
         fact("b", 40000, "2021-06-24", q="at_least", metric="personnel_served_total", category="personnel")],
        "conflict",
        "same_time_conflict",
    ),
    (
        "troops vs personnel at the same time",
        [fact("a", 50000, "2021-05-29", q="at_least", metric="personnel_served_total", category="personnel"),
         fact("b", 40000, "2021-06-24", q="at_least", metric="personnel_served_total", category="troops")],
        "conflict",
        "scope_difference",
    ),
    (
        "cumulative total falls",
        [fact("a", 35000, "2016-10-10", metric="personnel_served_total", since="1957"),
         fact("b", 24000, "2024-01", q="at_least", metric="personnel_served_total", since="1957")],
        "conflict",
        "cumulative_decrease",
    ),
    (
        "cumulative total falls by one",
        [fact("a", 86, "2007", since="1960"), fact("b", 85, "2008-06-26", since="1958")],
        "conflict",
        "cumulative_decrease",
    ),
    (
        "a later total below an earlier lower bound",
        [fact("a", 4300, "2024-05-29", q="at_least", since="1948", subject="UN"),
         fact("b", 4250, "2024-09-10", since="1948", subject="UN")],
        "conflict",
        "cumulative_decrease",
    ),
    (
        "a round total falls by one unit",
        [fact("a", 4300, "2024-05-29", since="1948", subject="UN"), fact("b", 4200, "2024-09-10", since="1948", subject="UN")],
        "conflict",
        "cumulative_decrease",
    ),
    (
        "later total counts troops only",
        [fact("a", 35000, "2016-10-10", metric="personnel_served_total", category="personnel"),
         fact("b", 24000, "2024-01", metric="personnel_served_total", category="troops")],
        "conflict",
        "scope_difference",
    ),
    (
        "a rounded later total is not a decrease",
        [fact("a", 86, "2007-03"), fact("b", 85, "2009-01", q="approx")],
        "changed_over_time",
        "hedge_or_rounding",
    ),
    ("tenfold in a year", [fact("a", 181, "2023-01"), fact("b", 1810, "2024-01")], "conflict", "implausible_jump"),
    (
        "deployed stock fivefold in six months",
        [fact("a", 1000, "2020-01", metric="personnel_deployed"), fact("b", 5000, "2020-07", metric="personnel_deployed")],
        "conflict",
        "implausible_jump",
    ),
    (
        "deployed stock up 60% in a quarter",
        [fact("a", 1780, "2013-10-01", metric="personnel_deployed"), fact("b", 2867, "2014", metric="personnel_deployed")],
        "changed_over_time",
        "stale_figure",
    ),
    (
        "deployed stock falls over years",
        [fact("a", 3552, "2018-08-31", metric="personnel_deployed"),
         fact("b", 2700, "2024-01", q="at_least", metric="personnel_deployed")],
        "changed_over_time",
        "stale_figure",
    ),
    ("growth over years", [fact("a", 161, "2021-10-26"), fact("b", 181, "2024-05")], "changed_over_time",
     "stale_figure"),
    # a date known only to the year or month is at the same time as another only when they overlap
    (
        "a year and a day of the December before",
        [fact("a", 1000, "2022-12-16", metric="personnel_deployed"), fact("b", 1200, "2023", metric="personnel_deployed")],
        "changed_over_time",
        "stale_figure",
    ),
    (
        "a month and a day of the month before",
        [fact("a", 1000, "2023-12-20", metric="personnel_deployed"), fact("b", 1200, "2024-01", metric="personnel_deployed")],
        "changed_over_time",
        "stale_figure",
    ),
    (
        "a year and a day within it",
        [fact("a", 1000, "2023-06-10", metric="personnel_deployed"), fact("b", 1200, "2023", metric="personnel_deployed")],
        "conflict",
        "same_time_conflict",
    ),
    ("undated, same value", [fact("a", 181, "2024-05"), fact("b", 181)], "agree", "same_value"),
    ("undated, within a hedge", [fact("a", 30, None, q="approx"), fact("b", 31, "2021")], "agree",
     "hedge_or_rounding"),
    (
        "one incident reported twice",
        [fact("a", 3, "2024-03-02", metric="fatalities_incident", subject="MINUSCA"),
         fact("b", 4, "2024-03-04", metric="fatalities_incident", subject="MINUSCA")],
        "conflict",
        "same_time_conflict",
    ),
    (
        "one incident dated to its month and to a day of the next",
        [fact("a", 3, "2024-03", metric="fatalities_incident", subject="MINUSCA"),
         fact("b", 4, "2024-04-02", metric="fatalities_incident", subject="MINUSCA")],
        "conflict",
        "same_time_conflict",
    ),
    (
        "one incident, 'at least 3' and 5",
        [fact("a", 3, "2024-04-17", q="at_least", metric="fatalities_incident", subject="MINUSCA"),
         fact("b", 5, "2024-04-17", metric="fatalities_incident", subject="MINUSCA")],
        "conflict",
        "same_time_conflict",
    ),
]


@pytest.mark.parametrize("facts, verdict, cause", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_verdict_and_cause(facts, verdict, cause):
    pair = only_pair(facts)
    assert (pair.verdict.value, pair.cause) == (verdict, cause)
    assert pair.explanation.startswith(f"{facts[0].subject} {facts[0].metric.value}: ")


def test_every_verdict_and_default_cause_is_covered():
    covered = {(v, c) for _, _, v, c in CASES}
    assert {v for v, _ in covered} == {v.value for v in Verdict}
    # copy and revised_copy are covered by the copy tests below; not_comparable means "no pair"
    expected = {c.value for c in Cause} - {"copy", "revised_copy", "not_comparable"}
    assert {c for _, c in covered} == expected


def test_pakistan_161_to_181_explanation():
    pair = only_pair([fact("mofa", 161, "2021-10-26"), fact("arabnews", 181, "2024-05", since="1960")])
    assert (pair.a.doc, pair.b.doc) == ("mofa", "arabnews")
    assert pair.explanation == (
        "Pakistan fatalities_total: 161 (2021-10-26) → 181 (2024-05): +20 in 31 months, "
        "consistent with a growing cumulative count"
    )
    assert pair.gap_days == 918


@pytest.mark.parametrize(
    "facts",
    [
        pytest.param([fact("a", 161, "2021-10-26"), fact("b", 181)], id="undated, different values"),
        pytest.param(
            [fact("a", 128, "2024-06-08", metric="personnel_pledged"), fact("b", 128, "2024-06-08", metric="personnel_pledged")],
            id="pledges",
        ),
        pytest.param(
            [fact("a", 3, "2024-03-02", metric="fatalities_incident"), fact("b", 3, "2024-04-20", metric="fatalities_incident")],
            id="incidents seven weeks apart",
        ),
        pytest.param([fact("a", 161, "2021-10-26"), fact("a", 181, "2024-05")], id="same document"),
        pytest.param(
            [fact("a", 729, "2017-08-05", metric="personnel_deployed", category="police"),
             fact("b", 3000, "2017-09-10", metric="personnel_deployed", category="personnel")],
            id="police vs personnel",
        ),
        pytest.param(
            [fact("a", 50, "1958-06", metric="personnel_deployed", category="military_observers"),
             fact("b", 810, "2008-06-26", metric="personnel_deployed", category="troops")],
            id="observers vs troops",
        ),
        pytest.param(
            [fact("a", 155, "2023-12", metric="personnel_served_total", category="women"),
             fact("b", 2000, "2023-12", metric="personnel_served_total", category="personnel")],
            id="women vs personnel",
        ),
        pytest.param(
            [fact("a", 90, "2020", scope="army"), fact("b", 120, "2020")],
            id="army only vs all services",
        ),
        pytest.param(
            [fact("a", 1933, "2012", metric="personnel_served_total", since="2006"),
             fact("b", 35000, "2016-10-10", metric="personnel_served_total", since="1957")],
            id="a 2006-2012 window vs all time",
        ),
        pytest.param([fact("a", 9, "2019", since="2019"), fact("b", 181, "2024-05", since="1960")],
                     id="one year's deaths vs all time"),
        pytest.param([fact("a", 9, "2019", since="2019"), fact("b", 5, "2020", since="2020")],
                     id="different calendar years"),
    ],
)
def test_not_paired(facts):
    assert reconcile(facts).pairs == ()


def test_troops_are_compared_with_personnel_and_unspecified():
    rec = reconcile([
        fact("a", 2322, "2017-05-12", metric="personnel_deployed", category="troops"),
        fact("b", 2500, "2019-10-01", metric="personnel_deployed", category="personnel", q="at_least"),
        fact("c", 2500, "2021-05-29", metric="personnel_deployed"),
    ])
    assert len(rec.groups) == 1 and rec.groups[0].category == "personnel"
    assert [(p.a.doc, p.b.doc, p.verdict.value) for p in rec.pairs] == [
        ("a", "b", "changed_over_time"),
        ("a", "c", "changed_over_time"),
        ("b", "c", "agree"),
    ]


def test_same_calendar_year_is_compared_and_since_years_close_together_are_one_period():
    rec = reconcile([fact("a", 9, "2019-06", since="2019"), fact("b", 11, "2019-12-31", since="2019")])
    assert [(g.window, len(g.pairs)) for g in rec.groups] == [("year 2019", 1)]
    rec = reconcile([fact("a", 86, "2007", since="1960"), fact("b", 87, "2018", since="1958"), fact("c", 85, "2005")])
    assert [(g.window, len(g.pairs)) for g in rec.groups] == [("all_time", 3)]


def test_groups_are_split_by_scope_and_window():
    rec = reconcile([
        fact("a", 1933, "2012", metric="personnel_served_total", since="2006", subject="Indonesia"),
        fact("b", 35000, "2016-10-10", metric="personnel_served_total", since="1957", subject="Indonesia"),
        fact("c", 24000, "2024-01", metric="personnel_served_total", since="1957", subject="Indonesia", q="at_least"),
        fact("d", 7, "2020", scope="Army", subject="Indonesia"),
    ])
    assert [(g.metric.value, g.scope, g.window, [o.doc for o in g.observations]) for g in rec.groups] == [
        ("fatalities_total", "Army", "all_time", ["d"]),
        ("personnel_served_total", None, "all_time", ["b", "c"]),
        ("personnel_served_total", None, "since 2006", ["a"]),
    ]


def test_subjects_spelled_with_and_without_accents_or_curly_apostrophes_are_one_group():
    rec = reconcile([
        fact("a", 150, "2019-01-10", subject="Côte d'Ivoire", metric="personnel_deployed"),
        fact("b", 150, "2020-03-01", subject="Cote d'Ivoire", metric="personnel_deployed"),
        fact("c", 170, "2021-05-01", subject="Cote d\u2019Ivoire", metric="personnel_deployed"),
    ])
    # named by its smallest spelling, whatever the input order
    assert [(g.subject, [o.doc for o in g.observations]) for g in rec.groups] == [("Cote d'Ivoire", ["a", "b", "c"])]
    assert [(p.a.doc, p.b.doc, p.verdict.value) for p in rec.pairs] == [
        ("a", "b", "agree"),
        ("a", "c", "changed_over_time"),
        ("b", "c", "changed_over_time"),
    ]
    # names in other scripts keep their letters: two different names are two groups
    rec = reconcile([fact("a", 5, "2019", subject="日本"), fact("b", 6, "2020", subject="中国")])
    assert sorted(g.subject for g in rec.groups) == ["中国", "日本"]


def test_undated_figures_that_differ_are_not_paired_but_kept():
    rec = reconcile([fact("a", 161, "2021-10-26"), fact("b", 181)])
    (group,) = rec.groups
    assert [o.doc for o in group.observations] == ["a", "b"]
    assert [(p.as_of and str(p.as_of), p.best, p.rank.value) for p in group.series] == [
        ("2021-10-26", 161, "preferred"),
        (None, 181, "normal"),
    ]


# -- copies ----------------------------------------------------------------------------------------


def test_copies_agree_and_count_once():
    docs = copies_of(ARTICLE, ("site-a", "site-b"))
    rec = reconcile([fact("site-a", 181, "2024-05"), fact("site-b", 181, "2024-05"), fact("other", 181, "2024-05")],
                    documents=docs)
    assert [(c.a, c.b, c.similarity) for c in rec.copies] == [("site-a", "site-b", 1.0)]
    copy_pair = next(p for p in rec.pairs if {p.a.doc, p.b.doc} == {"site-a", "site-b"})
    assert (copy_pair.verdict, copy_pair.cause, copy_pair.copies) == (Verdict.AGREE, "copy", True)
    assert "two copies of one article (similarity 1.00); they count as one source" in copy_pair.explanation
    (point,) = rec.groups[0].series
    assert (point.sources, point.docs) == (2, ("other", "site-a", "site-b"))


def test_copies_with_figures_of_different_dates_are_an_old_and_an_updated_version():
    docs = copies_of(ARTICLE, ("old", "new"))
    rec = reconcile([fact("old", 161, "2024-05"), fact("new", 181, "2024-07-20")], documents=docs)
    (pair,) = rec.pairs
    assert (pair.verdict.value, pair.cause, pair.copies) == ("changed_over_time", "revised_copy", True)
    assert pair.explanation == (
        "Pakistan fatalities_total: 161 (2024-05) → 181 (2024-07-20): two copies of one article (similarity 1.00) "
        "give different figures at different dates, probably an old and an updated version; both figures are kept"
    )
    assert sorted(p.best for p in rec.groups[0].series) == [161, 181]
    assert {o.source for o in rec.groups[0].observations} == {"new"}


def test_copies_with_different_tolls_for_one_incident_conflict():
    # an updated wire story: 2 wounded, then 4, in two copies of one article; the figures stay
    # apart (two points) and, being different tolls for one incident, conflict
    docs = copies_of(ARTICLE, ("wire-1", "wire-2"))
    facts = [
        fact("wire-1", 2, "2024-10-10", metric="fatalities_incident", subject="UNIFIL"),
        fact("wire-2", 4, "2024-10-10", metric="fatalities_incident", subject="UNIFIL"),
    ]
    rec = reconcile(facts, documents=docs)
    (pair,) = rec.pairs
    assert (pair.verdict.value, pair.cause, pair.copies) == ("conflict", "same_time_conflict", True)
    assert pair.explanation == (
        "UNIFIL fatalities_incident: 2 (2024-10-10) vs 4 (2024-10-10): different figures for one incident "
        "(50.0% apart); the two are copies of one article (similarity 1.00), probably an old and an updated version"
    )
    assert [(p.best, p.disputed) for p in rec.groups[0].series] == [(2, True), (4, True)]
    # the same verdict whether or not the copies are known
    assert only_pair(facts).verdict is Verdict.CONFLICT


def test_undated_copies_with_different_figures_are_not_paired():
    docs = copies_of(ARTICLE, ("old", "new"))
    assert reconcile([fact("old", 161), fact("new", 181)], documents=docs).pairs == ()


# -- series, ranks and policies ----------------------------------------------------------------------


def test_series_points_ranks_and_reasons():
    rec = reconcile([
        fact("a", 85, "2005-12-15", q="approx"),
        fact("b", 86, "2007", since="1960"),
        fact("c", 85, "2008-06-26", since="1958"),
        fact("d", 87, "2018", since="1958"),
    ])
    series = rec.groups[0].series
    assert [(str(p.as_of), p.best, p.low, p.high, p.rank.value, p.disputed) for p in series] == [
        ("2005-12-15", 85, 80, 90, "normal", False),
        ("2007", 86, 86, 86, "normal", True),
        ("2008-06-26", 85, 85, 85, "normal", True),
        ("2018", 87, 87, 87, "preferred", False),
    ]
    assert series[-1].reason == "most recent figure (2018), 1 independent source"
    assert series[1].reason == "superseded by 87 (2018)"


def test_latest_and_conservative_policies():
    facts = [
        fact("a", 6711, "2021-01-31", metric="personnel_deployed"),
        fact("b", 6000, "2021-02-10", metric="personnel_deployed", q="approx"),
        fact("c", 5000, "2019-01-01", metric="personnel_deployed"),
    ]
    latest = reconcile(facts).groups[0].series
    assert [(p.best, p.rank.value) for p in latest] == [(5000, "normal"), (6711, "deprecated"), (6000, "preferred")]
    assert latest[1].reason == "conflicts with the preferred figure ~6,000 (2021-02-10) within 31 days"
    conservative = reconcile(facts, policy="conservative")
    assert conservative.policy is Policy.CONSERVATIVE
    assert [(p.best, p.rank.value) for p in conservative.groups[0].series] == [
        (5000, "normal"),
        (6711, "deprecated"),
        (6000, "preferred"),
    ]
    # the conservative policy prefers the lower of two figures of one month, even if older
    facts[1] = fact("b", 7400, "2021-02-10", metric="personnel_deployed")
    assert reconcile(facts).groups[0].preferred.best == 7400
    pref = reconcile(facts, policy=Policy.CONSERVATIVE).groups[0].preferred
    assert (pref.best, pref.reason) == (
        6711,
        "lowest of 2 figures within 31 days of the most recent (2021-02-10), 1 independent source",
    )


def test_pledges_are_not_ranked():
    rec = reconcile([
        fact("a", 4000, "2016-10-10", metric="personnel_pledged"),
        fact("b", 850, "2018-08-31", metric="personnel_pledged"),
    ])
    assert rec.pairs == ()
    assert {(p.rank, p.reason) for p in rec.groups[0].series} == {
        (Rank.NORMAL, "pledges are separate commitments; not ranked")
    }


def test_unknown_policy_is_an_error():
    with pytest.raises(ValueError):
        reconcile([], policy="newest")


# -- seeds -----------------------------------------------------------------------------------------


def seed_inputs():
    records = list(read_records(FIXTURES / "gold" / "seed_facts.jsonl"))
    docs = [Document(id=p.name, text=p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    return records, docs


def test_seed_gold_pairs_and_copies():
    records, docs = seed_inputs()
    rec = reconcile(records, documents=docs)
    assert [(c.a, c.b) for c in rec.copies] == [("000_7afdc2f30fcbe9a6.txt", "001_e651096705ef97ea.txt")]
    got = {(p.subject, p.metric.value, frozenset((p.a.doc, p.b.doc))): p.verdict.value for p in rec.pairs}
    gold = [json.loads(line) for line in (FIXTURES / "gold" / "seed_reconcile.jsonl").read_text().splitlines()]
    for group in gold:
        for pair in group["pairs"]:
            key = (group["subject"], group["metric"], frozenset((pair["a"], pair["b"])))
            assert got.get(key) == pair["verdict"], key
    (fatalities,) = rec.group("Pakistan", "fatalities_total")
    pref = fatalities.preferred
    # 000 and 001 are one article; the undated 003 agrees with them: two independent sources
    assert (str(pref.as_of), pref.best, pref.sources, len(pref.docs)) == ("2024-05", 181, 2, 3)


# -- API -------------------------------------------------------------------------------------------


def test_accepts_results_facts_documents_records_and_dicts():
    facts = [fact("a", 161, "2021-10-26"), fact("b", 181, "2024-05")]
    doc_a, doc_b = Document(id="a", text=ARTICLE), Document(id="b", text=ARTICLE + " Updated.")
    results = [ExtractionResult(document=doc_a, facts=facts[:1]), ExtractionResult(document=doc_b, facts=facts[1:])]
    extras = [Person(doc="a", name="X"), ErrorRecord(doc="z", error="empty")]
    from peacefacts.io.convert import to_record

    by_results = reconcile([*results, *extras]).to_json()
    by_facts = reconcile(facts, documents=[doc_a, doc_b]).to_json()
    by_dicts = reconcile([to_record(f) for f in facts], documents=[doc_a, doc_b]).to_json()
    assert by_results == by_facts == by_dicts
    assert json.loads(by_results)["copies"][0]["a"] == "a"


def test_rejects_unknown_items():
    with pytest.raises(TypeError, match="not int"):
        reconcile([1])


def test_reads_extract_jsonl_with_people_and_errors():
    rec = reconcile(read_records(FIXTURES / "reconcile" / "facts.jsonl"))
    assert [(p.subject, p.metric.value, p.verdict.value, p.cause) for p in rec.discrepancies()] == [
        ("Bangladesh", "personnel_deployed", "conflict", "same_time_conflict"),
        ("Bangladesh", "personnel_served_total", "conflict", "cumulative_decrease"),
        ("Pakistan", "fatalities_total", "changed_over_time", "stale_figure"),
        ("Pakistan", "missions_served_total", "changed_over_time", "stale_figure"),
    ]


def test_to_dict_shape():
    out = reconcile(read_records(FIXTURES / "reconcile" / "facts.jsonl")).to_dict()
    assert list(out) == ["policy", "groups", "copies"]
    group = out["groups"][0]
    assert list(group)[:5] == ["subject", "metric", "category", "scope", "window"]
    assert {"doc", "value", "qualifier", "low", "high", "as_of", "since", "category", "evidence"} <= set(
        group["observations"][0]
    )
    pair = next(p for g in out["groups"] for p in g["pairs"])
    assert list(pair)[:7] == ["a", "a_value", "b", "b_value", "verdict", "cause", "explanation"]
    assert {"as_of", "best", "low", "high", "sources", "rank", "reason"} <= set(group["series"][0])


# -- user rules ------------------------------------------------------------------------------------


def test_appended_rule_can_override():
    def national_counts_run_ahead(cmp, judgement):
        if judgement is not None and judgement.cause == "same_time_conflict" and any("ISPR" in o.fact.evidence for o in (cmp.a, cmp.b)):
            return attrs.evolve(judgement, verdict=Verdict.AGREE, cause="publisher_offset")
        return judgement

    facts = [fact("un", 171, "2023-05-29"), fact("ispr", 175, "2023-05-29", evidence="ISPR said 175")]
    assert only_pair(facts).cause == "same_time_conflict"
    pair = only_pair(facts, rules=[*DEFAULT_RULES, national_counts_run_ahead])
    assert (pair.verdict, pair.cause) == (Verdict.AGREE, "publisher_offset")


def test_prepended_first_match_rule_decides_first_and_no_rules_means_no_pairs():
    @first_match
    def never_compare_blogs(cmp):
        if "blog" in (cmp.a.doc, cmp.b.doc):
            return Judgement.skip("blogs are not sources")
        return None

    facts = [fact("blog", 161, "2021-10-26"), fact("b", 181, "2024-05"), fact("c", 181, "2024-05-03")]
    assert len(reconcile(facts).pairs) == 3
    assert [(p.a.doc, p.b.doc) for p in reconcile(facts, rules=[never_compare_blogs, *DEFAULT_RULES]).pairs] == [
        ("b", "c")
    ]
    assert reconcile(facts, rules=[]).pairs == ()


# -- helpers ---------------------------------------------------------------------------------------


def test_gap_days_uses_the_closest_days_of_partial_dates():
    from peacefacts.records import PartialDate as D

    assert gap_days(D(2013, 10, 1), D(2014)) == 92
    assert gap_days(D(2014), D(2018, 8, 31)) == 1339
    assert gap_days(D(2024, 5), D(2024, 5, 20)) == 0
    assert gap_days(None, D(2024)) is None


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((85, "approx"), (86, "exact"), True),
        ((100, "exact"), (103, "exact"), False),
        ((40000, "at_least"), (50000, "at_least"), False),
        ((2500, "at_least"), (2550, "exact"), True),
        ((2500, "at_least"), (2450, "exact"), False),
        ((2500, "at_most"), (2450, "exact"), True),
        ((2500, "at_most"), (2600, "exact"), False),
        ((1000, "approx"), (1040, "approx"), True),
        ((1000, "at_least"), (960, "approx"), True),
        ((124500, "exact"), (123456, "exact"), False),
        ((235000, "exact"), (234700, "exact"), False),
        ((87000, "exact"), (88000, "exact"), False),
        ((2700, "exact"), (2742, "exact"), False),
    ],
)
def test_values_compatible(a, b, expected):
    from peacefacts.reconciler import Observation

    oa = Observation.from_fact(fact("x", a[0], q=a[1]))
    ob = Observation.from_fact(fact("y", b[0], q=b[1]))
    assert values_compatible(oa, ob) is expected
    assert values_compatible(ob, oa) is expected


def test_hedge_interval_is_what_the_hedge_allows_and_no_more():
    from peacefacts.records import Qualifier as Q

    inf = float("inf")
    assert hedge_interval(235000, Q.EXACT, None, None) == (235000.0, 235000.0)
    assert hedge_interval(1000, Q.AT_LEAST, 1000, None) == (1000.0, inf)
    assert hedge_interval(850, Q.AT_MOST, None, 850) == (-inf, 850.0)
    assert hedge_interval(85, Q.APPROX, 80, 90) == (80.0, 90.0)
    # the extractor's own bounds win ("between 2 and 4")
    assert hedge_interval(3, Q.EXACT, 2, 4) == (2.0, 4.0)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("2022-12-16", "2023", False),
        ("2023-12-20", "2024-01", False),
        ("2024-01-31", "2024-02", False),
        ("2023-06-10", "2023", True),
        ("2024-05", "2024-05-29", True),
        ("2024", "2024-05", True),
        ("2024-05-01", "2024-06-01", True),
        ("2024-05-01", "2024-06-02", False),
        ("2024-05-01", None, False),
    ],
)
def test_month_and_year_dates_are_at_the_same_time_only_when_they_overlap(a, b, expected):
    from peacefacts.records import PartialDate

    da, db = (None if x is None else PartialDate.from_string(x) for x in (a, b))
    assert (at_same_time(da, db), at_same_time(db, da)) == (expected, expected)


# -- determinism and purity --------------------------------------------------------------------------

MIXED = [
    *[r for r in read_records(FIXTURES / "reconcile" / "facts.jsonl")],
    *copies_of(ARTICLE, ("site-a", "site-b")),
    fact("site-a", 50000, "2021-05-29", q="at_least", metric="personnel_served_total", subject="China"),
    fact("site-b", 40000, "2021-06-24", q="at_least", metric="personnel_served_total", subject="China",
         category="troops"),
    fact("x", 40000, "2019-10-01", q="at_least", metric="personnel_served_total", subject="China"),
    fact("y", 40000, "2019-10-01", q="at_least", metric="personnel_served_total", subject="China"),
    fact("y", 13, "2019-10-01", subject="China"),
    fact("z", 13, "2019-10-01", subject="china"),
    fact("z", 16, "2021-05-29", subject="China", category="troops"),
    fact("w", 16, "2021-05-29", subject="China", q="approx"),
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(MIXED), st.sampled_from(["latest", "conservative"]))
def test_shuffling_the_input_changes_nothing(items, policy):
    assert reconcile(items, policy=policy).to_json() == reconcile(MIXED, policy=policy).to_json()


def test_reconciling_twice_gives_the_same_bytes_and_duplicates_do_not_count():
    once = reconcile(MIXED).to_json()
    assert reconcile([*MIXED, *MIXED]).to_json() == once


def test_blocks_decide_what_text_is_fingerprinted():
    sidebar = "\n".join(f"Unrelated headline number {i} about markets and weather" for i in range(40))
    text_a = ARTICLE + "\n" + sidebar
    text_b = ARTICLE + "\nSomething else entirely: crypto, football and the stock exchange."
    a = Document(id="a", text=text_a, blocks=[Block(start=0, end=len(ARTICLE)), Block(
        start=len(ARTICLE) + 1, end=len(text_a), is_peacekeeping=False)])
    b = Document(id="b", text=text_b)
    rec = reconcile([fact("a", 1, "2024"), fact("b", 1, "2024")], documents=[a, b])
    assert [(c.a, c.b) for c in rec.copies] == [("a", "b")]


def test_reconcile_never_imports_spacy():
    code = (
        "import sys\n"
        "from peacefacts.reconciler import reconcile\n"
        "from peacefacts.io.jsonl import read_records\n"
        f"reconcile(read_records({str(FIXTURES / 'reconcile' / 'facts.jsonl')!r}))\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (out.returncode, out.stdout.strip()) == (0, "ok"), out.stderr


def test_docs_examples_run():
    import doctest

    result = doctest.testfile(str(ROOT / "docs" / "reconcile.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (result.failed, result.attempted > 10) == (0, True)


def test_a_year_is_at_the_same_time_only_as_a_date_inside_it():
    # 10 days between the closest days, but the year's figure may be from any day of 2020
    pair = only_pair([fact("a", 3, "2020"), fact("b", 4, "2021-01-10")])
    assert (pair.verdict.value, pair.cause, pair.gap_days) == ("changed_over_time", "stale_figure", 10)
    pair = only_pair([fact("a", 3, "2020"), fact("b", 4, "2020-12-10")])
    assert (pair.verdict.value, pair.cause, pair.gap_days) == ("conflict", "same_time_conflict", 0)
    assert pair.explanation.endswith("different figures at overlapping dates (25.0% apart); a date is known only to the year")


def test_a_month_just_before_the_preferred_figure_is_superseded_not_deprecated():
    facts = [
        fact("a", 1000, "2024-04", metric="personnel_deployed"),
        fact("b", 1100, "2024-05-02", metric="personnel_deployed"),
        fact("c", 1300, "2024-05-20", metric="personnel_deployed"),
    ]
    series = reconcile(facts).groups[0].series
    assert [(p.best, p.rank.value) for p in series] == [(1000, "normal"), (1100, "deprecated"), (1300, "preferred")]
    # conservative: the lowest figure at the same time as the latest, and April is not
    assert reconcile(facts, policy="conservative").groups[0].preferred.best == 1100


def test_peacefacts_reconcile_is_the_function_even_after_the_package_is_imported():
    import peacefacts
    import peacefacts.reconciler.rules  # noqa: F401 - importing the package must not shadow the function

    facts = [fact("a", 161, "2021-10-26"), fact("b", 181, "2024-05")]
    assert peacefacts.reconcile(facts).to_json() == reconcile(facts).to_json()
