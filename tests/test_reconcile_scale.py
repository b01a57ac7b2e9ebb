"""The reconciler at scale: neighbour pairing against the old all-pairs pairing, the pair table,
lazy explanations, streamed JSON and worker processes."""

from __future__ import annotations

import io
import json
import pickle
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peacefacts.io.jsonl import read_records
from peacefacts.reconciler import (
    DEFAULT_NEIGHBOURS,
    DEFAULT_RULES,
    Judgement,
    Observation,
    PairTable,
    Verdict,
    first_match,
    reconcile,
)
from peacefacts.reconciler.grouping import subject_key
from peacefacts.reconciler.rules import Comparison, judge
from peacefacts.records import Fact, Figure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def all_pairs(rec):
    """The pairing before neighbours existed: every two observations of different documents
    of a group, judged in order (the reference the new pairing is compared with)."""
    copies = {frozenset((c.a, c.b)): c.similarity for c in rec.copies}
    out = []
    for group in rec.groups:
        obs = group.observations
        for i, a in enumerate(obs):
            for b in obs[i + 1 :]:
                if a.doc == b.doc:
                    continue
                sim = copies.get(frozenset((a.doc, b.doc)))
                cmp = Comparison(
                    subject=group.subject, metric=group.metric, a=a, b=b, copies=sim is not None, similarity=sim
                )
                j = judge(cmp, DEFAULT_RULES)
                if j is None or j.verdict is None:
                    continue
                out.append((group.label, a.fact, b.fact, j.verdict, j.cause, j.explanation, cmp.gap_days, cmp.copies))
    return out


def pair_rows(rec):
    return [
        (g.label, p.a.fact, p.b.fact, p.verdict, p.cause, p.explanation, p.gap_days, p.copies)
        for g in rec.groups
        for p in g.pairs
    ]


def test_new_pairing_equals_the_old_on_the_seeds(seed_results):
    rec = reconcile(list(seed_results.values()))
    assert max(len(g.observations) for g in rec.groups) <= DEFAULT_NEIGHBOURS + 1
    assert pair_rows(rec) == all_pairs(rec)
    assert len(rec.pairs) == 14


def test_new_pairing_equals_the_old_on_the_reconcile_fixture():
    rec = reconcile(read_records(FIXTURES / "reconcile" / "facts.jsonl"))
    assert pair_rows(rec) == all_pairs(rec)
    assert rec.verdict_counts() == {Verdict.AGREE: 1, Verdict.CHANGED_OVER_TIME: 2, Verdict.CONFLICT: 2}


# -- random groups: small ones are judged exhaustively, large ones by neighbours ------------------

DATES = [None, "2019", "2019-06", "2019-06-15", "2019-07-01", "2020-01", "2020-01-20", "2021", "2022-03-03"]


@st.composite
def group_facts(draw, max_size=40):
    n = draw(st.integers(2, max_size))
    metric = draw(st.sampled_from(["fatalities_total", "personnel_deployed", "fatalities_incident"]))
    facts = set()
    for k in range(n):
        facts.add(
            Fact(
                doc=f"d{draw(st.integers(0, n))}",
                subject="Nepal",
                metric=metric,
                figure=Figure(
                    value=draw(st.sampled_from([80, 84, 85, 86, 100, 1000, 1200, 5000])),
                    qualifier=draw(st.sampled_from(["exact", "exact", "approx", "at_least", "at_most"])),
                ),
                as_of=draw(st.sampled_from(DATES)),
                evidence=f"figure {k}",
            )
        )
    return sorted(facts, key=lambda f: f.evidence)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(group_facts(), st.integers(1, 12))
def test_pairs_are_a_subset_of_all_pairs_with_the_same_verdicts(facts, neighbours):
    rec = reconcile(facts, neighbours=neighbours)
    old = all_pairs(rec)
    new = pair_rows(rec)
    assert set(new) <= set(old)
    assert new == sorted(new, key=[*old].index)  # same order as the old pairing
    for group in rec.groups:
        if len(group.observations) <= neighbours + 1:
            assert [r for r in new if r[0] == group.label] == [r for r in old if r[0] == group.label]
    everything = reconcile(facts, neighbours=None)
    assert pair_rows(everything) == old


def long_series(n: int = 300, seed: int = 7) -> list[Fact]:
    """One subject's all-time deaths reported by ``n`` documents over ten years, rising."""
    rng = random.Random(seed)
    facts = []
    for k in range(n):
        day = 3650 * k // n
        year, rest = 2010 + day // 365, day % 365
        month, dom = 1 + rest // 31 % 12, 1 + rest % 28
        facts.append(
            Fact(
                doc=f"report-{k:04d}",
                subject="Ghana",
                metric="fatalities_total",
                figure=Figure(value=100 + k // 3 + rng.choice([0, 0, 0, 1])),
                as_of=f"{year}-{month:02d}-{dom:02d}",
                evidence=f"Ghana has lost {100 + k // 3} peacekeepers",
            )
        )
    return facts


def test_a_long_series_is_linear_in_pairs_and_finds_a_planted_fall():
    facts = long_series()
    # one report well into the series gives a total far below its neighbours
    facts[150] = Fact(doc="tabloid", subject="Ghana", metric="fatalities_total", figure=Figure(value=60),
                      as_of=facts[150].as_of, evidence="Ghana has lost 60 peacekeepers")
    rec = reconcile(facts)
    (group,) = rec.groups
    n = len(group.observations)
    assert len(group.pairs) <= n * (DEFAULT_NEIGHBOURS + 2)
    assert len(reconcile(facts, neighbours=None).pairs) == n * (n - 1) // 2
    conflicts = [p for p in rec.discrepancies() if p.verdict is Verdict.CONFLICT]
    tabloid = [p for p in conflicts if "tabloid" in (p.a.doc, p.b.doc)]
    # against each neighbour on either side; the latest (preferred) total is simply higher
    assert len(tabloid) == 2 * DEFAULT_NEIGHBOURS
    assert {p.cause for p in tabloid} == {"same_time_conflict", "cumulative_decrease", "implausible_jump"}
    assert group.preferred.best == max(f.value for f in facts)
    (against_preferred,) = [p for p in group.pairs if p.a.doc == "tabloid" and p.b.value == group.preferred.best]
    assert (against_preferred.verdict, against_preferred.cause) == (Verdict.CHANGED_OVER_TIME, "stale_figure")


def test_an_undated_figure_is_paired_with_the_point_it_supports():
    facts = long_series(60)
    facts.append(Fact(doc="undated-blog", subject="Ghana", metric="fatalities_total", figure=Figure(value=100),
                      evidence="Ghana has lost 100 peacekeepers"))
    latest_100 = max((f.as_of for f in facts if f.value == 100 and f.as_of is not None), key=str)
    (group,) = reconcile(facts, neighbours=3).groups
    supported = [p for p in group.series if "undated-blog" in p.docs]
    assert [p.as_of for p in supported] == [latest_100]
    # far from it in the date order (undated come last), yet judged against it
    (pair,) = [p for p in group.pairs if p.b.doc == "undated-blog" and p.a.as_of == latest_100]
    assert (pair.verdict, pair.cause) == (Verdict.AGREE, "same_value")
    assert group.observations.index(pair.b) - group.observations.index(pair.a) > 3


def test_neighbours_and_processes_are_checked():
    facts = long_series(5)
    with pytest.raises(ValueError, match="neighbours"):
        reconcile(facts, neighbours=0)
    with pytest.raises(ValueError, match="n_process"):
        reconcile(facts, n_process=0)


# -- the pair table ---------------------------------------------------------------------------


def test_pairs_are_made_once_and_shared_with_discrepancies():
    rec = reconcile(long_series(40))
    (group,) = rec.groups
    assert isinstance(group.pairs, PairTable)
    assert group.pairs[3] is group.pairs[3] is rec.pairs[3]
    first = rec.discrepancies()[0]
    assert any(first is p for p in group.pairs)
    assert rec.pairs[-1] is group.pairs[len(group.pairs) - 1]
    assert rec.pairs[1:3] == (group.pairs[1], group.pairs[2])
    assert group.pairs.count(Verdict.CHANGED_OVER_TIME) == rec.verdict_counts()[Verdict.CHANGED_OVER_TIME]
    assert len(rec.discrepancies()) == len([p for p in rec.pairs if p.verdict is not Verdict.AGREE])
    with pytest.raises(IndexError):
        group.pairs[len(group.pairs)]


def test_explanations_are_written_only_when_read():
    written = []

    @first_match
    def counted(cmp):
        def explain():
            written.append((cmp.a.doc, cmp.b.doc))
            return f"{cmp.a.value} vs {cmp.b.value}"

        return Judgement(verdict="agree", cause="counted", explanation=explain)

    rec = reconcile(long_series(30), rules=[counted])
    assert len(rec.pairs) > 100 and written == []
    pair = rec.pairs[5]
    assert pair.explanation == f"{pair.a.value} vs {pair.b.value}"
    assert pair.explanation == pair.explanation and len(written) == 1  # kept once written


def test_a_reconciliation_pickles_with_its_explanations(seed_results):
    rec = reconcile(list(seed_results.values()))
    back = pickle.loads(pickle.dumps(rec))
    assert back.to_json() == rec.to_json()
    assert [p.explanation for p in back.pairs] == [p.explanation for p in rec.pairs]


# -- streamed JSON ----------------------------------------------------------------------------


@pytest.mark.parametrize("indent", [2, None, 0, 4])
def test_streamed_json_is_byte_identical_to_dumps(seed_results, indent):
    rec = reconcile([*seed_results.values(), *long_series(25)])
    out = io.StringIO()
    rec.write_json(out, indent=indent)
    assert out.getvalue() == json.dumps(rec.to_dict(), ensure_ascii=False, indent=indent)
    assert rec.to_json(indent=indent) == out.getvalue()


def test_streamed_json_of_nothing():
    rec = reconcile([])
    assert rec.to_json() == json.dumps({"policy": "latest", "groups": [], "copies": []}, indent=2)


# -- worker processes -------------------------------------------------------------------------


def many_groups() -> list[Fact]:
    facts = []
    for s, subject in enumerate(["Nepal", "Ghana", "Fiji", "Chad", "Peru", "Togo"]):
        for f in long_series(30 + 7 * s, seed=s):
            facts.append(Fact(doc=f.doc, subject=subject, metric=f.metric, figure=f.figure, as_of=f.as_of,
                              evidence=f.evidence))
    return facts


def test_worker_processes_give_the_same_bytes():
    facts = many_groups()
    one = reconcile(facts)
    two = reconcile(facts, n_process=2)
    assert [subject_key(g.subject) for g in two.groups] == ["chad", "fiji", "ghana", "nepal", "peru", "togo"]
    assert two.to_json() == one.to_json()
    assert two.discrepancies()[0].explanation == one.discrepancies()[0].explanation


def test_worker_processes_take_user_rules_that_do_not_pickle():
    facts = many_groups()
    rules = [*DEFAULT_RULES, lambda cmp, j: j]  # a lambda: cannot be sent to a spawned worker
    assert reconcile(facts, rules=rules, n_process=2).to_json() == reconcile(facts, rules=rules).to_json()


def test_observation_fields_are_derived_once():
    obs = Observation.from_fact(Fact(doc="d", subject="X", metric="fatalities_total",
                                     figure=Figure(value=235000, qualifier="at_least"), as_of="2024-05"))
    assert obs.value == 235000
    assert obs.interval == (235000.0, float("inf"))
    first, last, middle = obs.span
    assert (last - first, middle - first) == (30, 15)


def test_streamed_json_escapes_like_dumps():
    tricky = 'He said: "Über 12 \\ peace\nkeepers"\t— 死亡 \u2028 end'
    facts = [
        Fact(doc=f"d{k}", subject="Côte d'Ivoire", metric="fatalities_total", figure=Figure(value=10 + k),
             as_of=f"2020-0{k + 1}", evidence=tricky) for k in range(3)
    ]
    rec = reconcile(facts)
    for indent in (2, None):
        out = io.StringIO()
        rec.write_json(out, indent=indent)
        assert out.getvalue() == json.dumps(rec.to_dict(), ensure_ascii=False, indent=indent)
