"""The model-free planning pass: which sentences get parsed, and the block context."""
from __future__ import annotations

import pytest

from conftest import SEEDS
from peacefacts.ingest import document_from_text, read_inputs
from peacefacts.nlp.plan import plan_document
from peacefacts.records import Document, PartialDate


def _seed(name: str) -> Document:
    return next(d for d in read_inputs([str(SEEDS / name)]) if isinstance(d, Document))


def test_seed_000_context_and_candidates():
    doc = _seed("000_7afdc2f30fcbe9a6.txt")
    [plan] = plan_document(doc)
    assert (plan.default_country, plan.published, plan.incident) == ("Pakistan", PartialDate(2024, 6, 8), None)
    sentences = [doc.text[c.sentence.start : c.sentence.end] for c in plan.candidates]
    assert any(s.startswith("Last month, the military said") for s in sentences)
    # a year alone ("during the 2022 floods") never makes a sentence worth parsing
    assert not any("2022 floods" in s for s in sentences)


def test_sidebar_and_second_article_are_never_parsed():
    sidebar = _seed("002_9bc1dabc8887fe0b.txt")
    parsed = [sidebar.text[c.sentence.start : c.sentence.end] for p in plan_document(sidebar) for c in p.candidates]
    assert parsed == ["The two sides discussed strengthening collaboration between Pakistan and the United Nations "
                      "in peacekeeping missions across the globe."]
    crypto = _seed("001_e651096705ef97ea.txt")
    plans = plan_document(crypto)
    assert len(plans) == 1  # only the peacekeeping block
    assert all("Mar-a-Lago" not in crypto.text[c.sentence.start : c.sentence.end] for c in plans[0].candidates)


def test_statement_day_resolves_against_publication(extractor):
    result = extractor.extract(
        "Indonesia to expand UN peacekeeping troops\nThe minister said on Monday that 4,000 troops would serve.",
        doc_id="x", published="2016-10-11",
    )
    [fact] = result.facts
    assert (fact.metric.value, fact.value, str(fact.as_of)) == ("personnel_pledged", 4000, "2016-10-10")


def test_lead_reference_date_dates_the_block_and_a_heading_dates_its_table():
    text = (
        "Rwanda tops contributors\n"
        "As at the end of 2016, Rwanda was the largest contributor in the region, a UN report said.\n"
        "It had 6,146 personnel in total.\n"
        "Top contributors of troops, 30 April 2017:\n\nEthiopia\n\n8,326\n\nIndia\n\n7,471\n"
    )
    [plan] = plan_document(document_from_text(text, doc_id="x", published="2017-06-01"))
    assert [str(c.reference.date) for c in plan.candidates] == ["2016-12"]
    assert [(r.row.subject, r.row.cells[0].figure.figure.value, str(r.reference.date)) for r in plan.table_rows] == [
        ("Ethiopia", 8326, "2017-04-30"), ("India", 7471, "2017-04-30")
    ]


def test_incident_story_gives_its_day_and_mission():
    text = (
        "Two peacekeepers killed in Mali\n"
        "Two Chadian peacekeepers were killed on Sunday when their convoy hit a mine near Kidal, the UN said on Monday."
    )
    [plan] = plan_document(document_from_text(text, doc_id="x", published="2019-01-22"))
    assert (plan.incident.day, plan.incident.mission) == (PartialDate(2019, 1, 20), "MINUSMA")


def test_undated_anniversary_piece_is_anchored():
    text = (
        "Ireland's first deployment with the UN was to Lebanon in 1958.\n"
        "Over the last 60 years, 87 Irish soldiers have given their lives on UN peacekeeping duty."
    )
    [plan] = plan_document(document_from_text(text, doc_id="x"))
    assert (plan.published, plan.anchor_as_of, plan.anchor_since) == (None, PartialDate(2018), PartialDate(1958))


def test_destinations_are_not_the_main_country():
    doc = document_from_text(
        "Troops to South Sudan\nA new UN peacekeeping contingent of 300 soldiers flew to South Sudan.",
        doc_id="x", published="2023-01-01",
    )
    assert plan_document(doc)[0].default_country is None


def test_keywords_need_a_word_of_the_trade_not_a_word_starting_with_un():
    text = (
        "Peacekeepers from Malawi serve in the Congo.\n\n"
        "The bridge stayed closed until 2019 under a plan that cost 45 million dollars.\n"
        "Unknown to most, this town has 12 schools.\n"
        "Unmiss now counts 13,000 uniformed personnel.\n"
        "Some 400 Finns wear the blue beret today.\n"
        "The report lists 15 UNMEM in Juba.\n"
    )
    doc = document_from_text(text, doc_id="kw", published="2024-05-29")
    parsed = [doc.text[c.sentence.start : c.sentence.end].strip() for p in plan_document(doc) for c in p.candidates]
    assert parsed == [
        "Unmiss now counts 13,000 uniformed personnel.",
        "Some 400 Finns wear the blue beret today.",
        "The report lists 15 UNMEM in Juba.",
    ]


@pytest.mark.parametrize(
    ("text", "as_of", "source"),
    [
        # an anniversary counted from a first deployment dates the piece
        ("This year Sri Lanka marks 60 years since it first sent officers to the Congo in 1960. Over those 60 years, "
         "22,000 Sri Lankan peacekeepers have served in UN missions.", "2020", "anchor"),
        # the latest date the piece reports is only a lower bound, and says so
        ("Attacks on aid workers rose in the first quarter of 2017, the UN said. MONUSCO has 16,000 peacekeepers "
         "in the country.", "2017", "lower_bound"),
        # history alone, or an anniversary that would fall in the future, dates nothing
        ("Egypt dispatched police peacekeepers for the first time in 1995. Today it has 1,600 personnel in UN missions.",
         None, "none"),
        ("Cambodia first sent peacekeepers to Sudan in 2006. Its army, proud of 75 years of service, now has 850 troops "
         "in UN missions.", None, "none"),
    ],
)
def test_undated_piece_date_and_how_it_was_found(text, as_of, source, extractor):
    [fact] = [f for f in extractor.extract(text, doc_id="x").facts if f.metric.value != "missions_current"]
    assert (str(fact.as_of) if fact.as_of else None, fact.as_of_source.value) == (as_of, source)
