"""peacefacts.display: notebook HTML (escaped, capped) and the displaCy view from saved JSONL."""

from __future__ import annotations

import json

import attrs
import pytest

from conftest import SEEDS
from peacefacts.display import MAX_ROWS, displacy_data, reconciliation_html, render, result_html
from peacefacts.ingest import read_document
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import iter_records, result_records
from peacefacts.reconciler import reconcile
from peacefacts.records import Document, ExtractionResult, Fact, Figure, Person

SEED_004 = "004_7e52952e49f3ada9.txt"
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def _saved(result: ExtractionResult) -> list:
    """The result as `peacefacts extract` writes it and `read_records` reads it back (no text)."""
    lines = [json.dumps(to_record(r)) for r in result_records(result)]
    return list(iter_records(lines))


def test_display_result_html_counts_and_marks_the_figure(seed_results):
    html = result_html(seed_results["000_7afdc2f30fcbe9a6.txt"])
    assert "6 facts" in html and "4 people" in html and "published 2024-06-08" in html
    assert "the lives of <mark>181</mark> Pakistanis" in html
    assert "<mark>a hundred</mark> Pakistani police" in html  # marked by offsets, not by "Over a hundred"
    assert '<td class="num">≥100</td>' in html


def test_display_repr_html_is_result_html(seed_results):
    result = seed_results[SEED_004]
    assert result._repr_html_() == result_html(result)


def test_display_result_html_escapes_everything():
    doc = Document(id=f"page{HOSTILE}", text="", title=HOSTILE)
    result = ExtractionResult(
        document=doc,
        facts=[
            Fact(doc=doc.id, subject=HOSTILE, metric="fatalities_total", figure=Figure.exact(3, "3"),
                 evidence=f"3 died {HOSTILE}")
        ],
        people=[Person(doc=doc.id, name=HOSTILE, role=HOSTILE, organization=HOSTILE)],
    )
    html = result_html(result)
    assert "<script>" not in html and "<img" not in html
    # title, id, subject, evidence, name, role and organisation: each shown, each escaped
    assert html.count("&lt;script&gt;") == 7
    assert "<mark>3</mark> died &lt;script&gt;" in html


def test_display_tables_are_capped():
    doc = Document(id="many", text="")
    facts = [Fact(doc="many", subject="UN", metric="personnel_deployed", figure=Figure.exact(i)) for i in range(60)]
    html = result_html(ExtractionResult(document=doc, facts=facts))
    assert html.count("<tr>") == MAX_ROWS + 1  # header + 50 rows
    assert "… and 10 more" in html
    assert "60 facts" in html


def test_display_reconciliation_html_on_the_seeds(seed_reconciliation):
    html = reconciliation_html(seed_reconciliation)
    assert "5 groups" in html and "0 conflicts" in html and "4 changes over time" in html and "1 copy pair" in html
    assert "161 (2021-10-26) → 181 (2024-05): +20 in 31 months" in html
    # four pairs, two disagreements: 004 against the article and against its copy is one row
    assert html.count("stale_figure") == 2
    assert html.count("also in copies: ") == 2 and html.count("001_e651096705ef97ea.txt</span>") == 2
    assert "most recent figure (2024-05), 2 independent sources" in html


def test_display_reconciliation_html_escapes_and_shows_conflicts():
    rec = reconcile(
        [
            Fact(doc="a<b>", subject=HOSTILE, metric="fatalities_total", figure=Figure.exact(86), as_of="2007"),
            Fact(doc="b", subject=HOSTILE, metric="fatalities_total", figure=Figure.exact(85), as_of="2008-06-26"),
        ]
    )
    html = reconciliation_html(rec)
    assert "<script>" not in html and "a<b>" not in html and "a&lt;b&gt;" in html
    assert "1 conflict " in html and "cumulative_decrease" in html
    assert 'color:#b91c1c;font-weight:600">conflict</td>' in html


def test_display_displacy_from_saved_jsonl_needs_the_text(seed_results):
    records = _saved(seed_results[SEED_004])
    with pytest.raises(ValueError, match="pass text="):
        displacy_data(records)
    with pytest.raises(ValueError, match="does not match the offsets"):
        displacy_data(records, "x" * 3000)


def test_display_displacy_ent_style_from_saved_jsonl(seed_results):
    text = read_document(SEEDS / SEED_004).text
    data = displacy_data(_saved(seed_results[SEED_004]), text, style="ent")
    assert [(text[e["start"] : e["end"]], e["label"]) for e in data["ents"]] == [
        ("Makhdoom Shah Mahmood Qureshi", "PERSON"),
        ("on 25-26 October 2021", "DATE"),
        ("46", "MISSIONS_SERVED_TOTAL"),
        ("161", "FATALITIES_TOTAL"),
        ("on 7-8 December 2021", "DATE"),
        ("26 October 2021", "DATE"),
    ]


def test_display_displacy_span_style_overlaps_fact_and_figure(seed_results):
    result = seed_results[SEED_004]
    data = displacy_data(result, style="span", dates=False)  # the result still has its text
    spans = [(" ".join(data["tokens"][s["start_token"] : s["end_token"]]), s["label"]) for s in data["spans"]]
    facts = [t for t, label in spans if label == "FACT"]
    assert len(facts) == 2 and facts[1].startswith("The Foreign Minister paid tribute")
    assert ("161", "FATALITIES_TOTAL") in spans and ("161", "NUMBER") not in spans
    figure = next(s for s in data["spans"] if s["label"] == "FATALITIES_TOTAL")
    holders = [
        " ".join(data["tokens"][s["start_token"] : s["end_token"]])
        for s in data["spans"]
        if s["label"] == "FACT" and s["start_token"] < figure["start_token"] < s["end_token"]
    ]
    assert [h[:33] for h in holders] == ["The Foreign Minister paid tribute"]


def test_display_render_returns_escaped_markup(seed_results):
    html = render(seed_results[SEED_004], jupyter=False)
    assert "FATALITIES_TOTAL" in html and "Makhdoom" in html
    hostile = ExtractionResult(
        document=Document(id="h", text=f"UN chief {HOSTILE} met Atul Khare"),
        people=[Person(doc="h", name="Atul Khare", start=len(f"UN chief {HOSTILE} met "), end=len(f"UN chief {HOSTILE} met Atul Khare"))],
    )
    for style in ("span", "ent"):
        markup = render(hostile, style=style, jupyter=False)
        assert "<script>" not in markup and "<img" not in markup and "PERSON" in markup


@pytest.mark.parametrize("style", ["span", "ent"])
@pytest.mark.parametrize("page", [False, True])
def test_display_render_escapes_markup_in_title_id_and_evidence(style, page):
    """Issue 11: a headline holding <script> came out of render() as a live script tag."""
    text = f"UN chief {HOSTILE} met Atul Khare. Pakistan has lost 181 peacekeepers."
    start = text.index("181")
    doc = Document(id=f"id{HOSTILE}", text=text, title=f"Title {HOSTILE}")
    result = ExtractionResult(
        document=doc,
        facts=[Fact(doc=doc.id, subject=HOSTILE, metric="fatalities_total", figure=Figure.exact(181, "181"),
                    start=start, end=start + 3, evidence=text[text.index("Pakistan"):])],
        people=[Person(doc=doc.id, name="Atul Khare", start=text.index("Atul"), end=text.index("Atul") + 10)],
    )
    markup = render(result, style=style, page=page, jupyter=False)
    assert "<script>" not in markup and "<img" not in markup
    assert "Title &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in markup
    untitled = attrs.evolve(result, document=attrs.evolve(doc, title=None))
    assert "id&lt;script&gt;" in render(untitled, style=style, page=page, jupyter=False)


def test_display_render_one_document_at_a_time(seed_results):
    records = _saved(seed_results[SEED_004]) + _saved(seed_results["003_982e448d4ac8b6b6.txt"])
    with pytest.raises(ValueError, match="one document at a time; got 2"):
        render(records, "text", jupyter=False)
