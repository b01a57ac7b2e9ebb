"""A figure of one armed service carries its scope, and the reconciler never pairs it with a figure
of all services (the conventions: "Army only vs all services are not paired")."""

from __future__ import annotations

from peacefacts import reconcile
from peacefacts.records import Metric


def _facts(extractor, text: str, published: str, doc: str):
    return list(extractor.extract(text, published=published, doc_id=doc).facts)


def test_an_army_toll_is_not_paired_with_the_national_toll(extractor):
    army = _facts(extractor, "The Pakistan Army has lost 160 soldiers in UN missions since 1960.", "2021-10-26", "a")
    nation = _facts(extractor, "Pakistan has lost 181 peacekeepers in UN missions since 1960.", "2024-05-29", "b")
    assert [(f.subject, f.metric, f.value, f.scope) for f in army] == [("Pakistan", Metric.FATALITIES_TOTAL, 160, "army")]
    assert [(f.subject, f.metric, f.value, f.scope) for f in nation] == [("Pakistan", Metric.FATALITIES_TOTAL, 181, None)]
    assert reconcile(army + nation).pairs == ()


def test_two_army_tolls_are_paired(extractor):
    first = _facts(extractor, "The Pakistan Army has lost 160 soldiers in UN missions since 1960.", "2021-10-26", "a")
    later = _facts(extractor, "The Pakistan Army has now lost 172 soldiers in UN missions since 1960.", "2024-05-29", "b")
    pairs = reconcile(first + later).pairs
    assert [(p.a.value, p.b.value, p.verdict.value) for p in pairs] == [(160, 172, "changed_over_time")]


def test_a_service_deeper_in_the_subject_gives_no_scope(extractor):
    facts = _facts(
        extractor,
        "The deaths of the two army officers bring to five the number of Tanzanian peacekeepers killed this year.",
        "2017-12-10",
        "c",
    )
    assert {f.value: f.scope for f in facts}[5] is None
