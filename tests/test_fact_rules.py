"""The fact rules' shape: named, documented, switchable rules and a vocabulary that is data."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from peacefacts.nlp.facts import METRIC_RULES, SUBJECT_RULES, rule_names
from peacefacts.nlp.facts.vocabulary import CUE_LABELS, vocabulary

FACTS_DIR = Path(__file__).resolve().parent.parent / "peacefacts" / "nlp" / "facts"


def test_rule_names_are_unique_and_every_rule_says_what_it_does():
    names = rule_names()
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for rule in (*METRIC_RULES, *SUBJECT_RULES):
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name), rule.name
        assert rule.apply.__doc__ or rule.name in {"story-country", "un", "list-entry"}, rule.name


def test_vetoes_come_before_decisions():
    order = [r.apply.__name__.startswith("veto_") for r in METRIC_RULES]
    assert sum(order) >= 5 and order[: sum(order)] == [True] * sum(order)


def test_every_word_class_the_code_reads_is_in_the_data():
    lex = vocabulary()
    source = "\n".join(p.read_text(encoding="utf-8") for p in FACTS_DIR.glob("*.py"))
    read = set(re.findall(r'(?:lex|vocabulary\(\))\["([a-z_]+)"\]', source))
    assert read, "the rules read no word class: the pattern above is stale"
    assert read <= set(lex.words), sorted(read - set(lex.words))
    assert set(lex.noun_classes.values()) <= set(lex.words), lex.noun_classes


def test_word_lists_are_lower_case_without_duplicates():
    for name, words in vocabulary().words.items():
        assert all(w == w.lower() and w.strip() == w for w in words), name
    raw = resources.files("peacefacts.resources").joinpath("fact_words.toml").read_text(encoding="utf-8")
    for line in raw.splitlines():
        items = re.findall(r'"([^"]+)"', line)
        assert len(items) == len(set(items)), line


def test_cue_patterns_are_valid_rows():
    rows = [json.loads(line) for line in resources.files("peacefacts.resources").joinpath("fact_patterns.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = [(r["label"], r["id"]) for r in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert row["label"] in CUE_LABELS, row
        assert ("pattern" in row) != ("phrase" in row), row


def test_the_cue_patterns_compile(nlp):
    from peacefacts.nlp.facts.vocabulary import find_cues

    cues = find_cues(nlp("Over 120 peacekeepers have paid the ultimate price under the UN flag since 1948."))
    assert [s.text for s in cues.spans["DEATH"]] == ["ultimate price"]
    assert [s.text for s in cues.spans["UN_WIDE"]] == ["UN flag"]
    assert [s.text for s in cues.spans["CUMULATIVE"]] == ["since"]


TEXT = "Nepalese troops were honoured at a ceremony on Friday. Today, more than 90,000 peacekeepers serve in 13 operations around the world."


@pytest.mark.parametrize(
    ("disabled", "subject"),
    [((), "UN"), (("un-wide", "un-scale"), "Nepal")],
)
def test_a_rule_can_be_switched_off_by_name(nlp, disabled, subject):
    from peacefacts.extractor import Extractor

    result = Extractor(nlp, people=False, disabled_rules=disabled).extract(TEXT, published="2021-05-28")
    assert {(f.subject, f.value) for f in result.facts} == {(subject, 90000), (subject, 13)}
