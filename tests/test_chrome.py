"""Page chrome: the shapes of resources/page_chrome.toml, the reading text, and what blocks make of
comment threads, notes and encyclopedia pages (pages written for these tests)."""

from __future__ import annotations

import pytest

from peacefacts.ingest import document_from_text, split_blocks
from peacefacts.ingest.chrome import (
    LINE_KINDS,
    chrome_shapes,
    comment_starts,
    correction_patterns,
    line_kind,
    mark_spans,
    reading_text,
)
from peacefacts.nlp.corrections import read_corrections

SHAPES = chrome_shapes()


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_every_shape_matches_its_examples_and_not_its_counter_examples(shape):
    assert shape.examples, f"{shape.name}: a shape needs examples"
    assert [e for e in shape.examples if not shape.matches(e)] == []
    assert [e for e in shape.counter_examples if shape.matches(e)] == []


def test_shapes_are_marks_or_known_line_kinds():
    assert {s.kind for s in SHAPES} <= LINE_KINDS | {"mark"}
    assert len({s.name for s in SHAPES}) == len(SHAPES)


CORRECTION_EXAMPLES = [(row.name, *example) for row in correction_patterns() for example in row.examples]


@pytest.mark.parametrize("name, text, wrong, right", CORRECTION_EXAMPLES, ids=[f"{c[0]}:{i}" for i, c in enumerate(CORRECTION_EXAMPLES)])
def test_every_correction_pattern_reads_its_examples(name, text, wrong, right):
    assert [(c.wrong, c.right.value) for c in read_corrections("The story.\n" + text)] == [(wrong, right)]


def test_correction_patterns_have_examples_and_their_groups():
    assert all(row.examples and {"wrong", "right"} <= set(row.pattern.groupindex) for row in correction_patterns())


def test_only_a_correction_note_corrects():
    # the same words in the article's own text, or in a reference note, retract nothing
    assert read_corrections("Officials said 120; the figure is 210.\n^ An earlier version said 120; the figure is 210.") == []


# --- the reading text -----------------------------------------------------------------------------
WIKI = (
    "Uruguay has been one of the largest contributors relative to its population.[1] Since 1952, "
    "more than 50,000 have served.[2]\n"
    "Contents\n1 History\n2 Current deployments\n2.1 Congo\n3 References\n"
    "History[edit]\n"
    "As of 2023[update], Uruguay had 1,138[6] uniformed personnel in UN missions.[7][8]\n"
    "Security Council Resolution 2100 [2013] set the ceiling; [Reuters] reported [some 1,200 troops] left.\n"
    "References[edit]\n"
    '^ "Uruguay: Peacekeeping Contributor Profile". Retrieved 12 March 2024.\n'
)


def test_reading_text_keeps_every_offset():
    read = reading_text(WIKI)
    assert len(read) == len(WIKI)
    assert [i for i, c in enumerate(WIKI) if c == "\n"] == [i for i, c in enumerate(read) if c == "\n"]
    assert all(r == c or r == " " for r, c in zip(read, WIKI))


def test_reading_text_masks_marks_contents_and_references():
    lines = reading_text(WIKI).splitlines()
    assert lines[0].endswith("relative to its population.    Since 1952, more than 50,000 have served.   ")
    assert [ln.strip() for ln in lines[1:6]] == [""] * 5  # the contents block
    assert lines[6].strip() == "History"
    assert lines[7] == "As of 2023        , Uruguay had 1,138    uniformed personnel in UN missions.      "
    assert lines[8] == WIKI.splitlines()[8]  # a year, a wire credit and a real figure in brackets
    assert lines[9].strip() == "References"
    assert lines[10].strip() == ""


def test_numbered_lines_without_a_contents_heading_stay():
    text = "Contents\n1 History\nUganda sent 600 troops.\n\nThe plan:\n1 Train police\n2 Deploy 300 troops"
    assert reading_text(text) == text  # one entry is not a table of contents, and no heading, no contents


def test_mark_spans():
    text = "deployed 531[7] personnel[a] in 2004[note 1] and [Resolution 2100 (2013)]"
    assert [text[s:e] for s, e in mark_spans(text)] == ["[7]", "[a]", "[note 1]"]


def test_line_kinds():
    assert line_kind("5 thoughts on “Our peacekeepers deserve better”") == "comments"
    assert line_kind("Correction: An earlier version of this story said four peacekeepers died.") == "note"
    assert line_kind("References") == "marker"
    assert line_kind("Ghana deploys 2,300 personnel in six missions.") is None
    assert line_kind("x" * 700) is None


def test_comment_author_needs_the_cadence():
    assert comment_starts(["Anonymous said...", "Nepal should send 10,000 more.", "12:45 PM"]) == [True, False, False]
    assert comment_starts(["Priya N. says:", "India used to send over 1,000 police.", "Reply"]) == [True, False, False]
    assert comment_starts(["The commander says:", "“We have 850 troops ready.”", "He left on Monday."]) == [False] * 3


# --- blocks ---------------------------------------------------------------------------------------
WORDPRESS = """The Harbour Times
Our blue helmets are stretched thin
Posted on 12/03/2024 by Guest Writer
Malawi today deploys about 1,100 soldiers and police officers in four UN missions, most of them in the DR Congo.
Since 1994, some 24,000 Malawians have served under the UN flag, and 38 have died on duty.
2 thoughts on “Our blue helmets are stretched thin”
Chikondi Banda
March 12, 2024 at 9:14 am
Malawi had 1,400 troops in 2019, so this is a cut, not a record.
Reply
Anonymous
March 13, 2024 at 6:40 pm
Zambia sends 900 police and nobody writes about it.
Reply
Leave a Reply
Your email address will not be published. Required fields are marked *
"""


def test_a_comment_thread_ends_the_article_and_starts_none():
    doc = document_from_text(WORDPRESS, doc_id="w")
    (block,) = doc.blocks
    assert doc.text[block.start : block.end].endswith("38 have died on duty.")
    assert (block.title, str(block.published)) == ("Our blue helmets are stretched thin", "2024-03-12")


def test_a_says_line_with_its_stamp_starts_a_thread_without_a_header():
    page = (
        "Nepal to send more police\nKATHMANDU, 3 May 2023 - Nepal has 6,100 peacekeepers deployed in UN missions, "
        "the army said in a statement on Wednesday.\n"
        "Ram K. says:\nMay 3, 2023 at 8:12 am\nNepal should send 10,000 more, Bangladesh has 7,000!\nReply\n"
    )
    (block,) = split_blocks(page)
    assert page[block.start : block.end].endswith("on Wednesday.")


def test_a_quoted_speaker_is_not_a_comment():
    page = (
        "Army chief on the mission\nACCRA, 3 May 2023 - The army chief spoke to troops before they left for Lebanon.\n"
        "The commander says:\nWe have 850 troops ready for UNIFIL and they will leave next week, he told reporters.\n"
    )
    (block,) = split_blocks(page)
    assert page[block.start : block.end].endswith("he told reporters.")


def test_a_correction_note_is_masked_inside_the_article():
    page = (
        "Three peacekeepers killed in Butembo\nGOMA, July 26, 2022 - Three peacekeepers were killed on Tuesday, "
        "the United Nations said.\n"
        "Correction: An earlier version of this story said four peacekeepers were killed.\n"
        "(Reporting by Goma bureau; Editing by Desk)\n"
    )
    doc = document_from_text(page, doc_id="c")
    (block,) = doc.blocks
    assert "Correction" in doc.text  # the document keeps the page as given
    assert "four" not in reading_text(doc.text)[block.start : block.end]


def test_an_encyclopedia_page_ends_at_its_references_and_is_dated_by_its_edit_stamp():
    page = (
        "Fiji and United Nations peacekeeping\nFrom Wikipedia, the free encyclopedia\n"
        "Fiji has sent soldiers to UN peacekeeping missions since 1978, when a battalion went to Lebanon.[1]\n"
        "As of 2023[update], Fiji had 478 uniformed personnel in UN missions, mostly in the Golan Heights.[2]\n"
        "References[edit]\n"
        '^ "Fiji: Contributor Profile". Providing for Peacekeeping. Retrieved 12 March 2024.\n'
        "Categories: Military of Fiji | United Nations peacekeeping\n"
        "This page was last edited on 3 September 2023, at 14:22 (UTC).\n"
        "Text is available under the Creative Commons Attribution-ShareAlike License 4.0; additional terms may apply.\n"
    )
    (block,) = split_blocks(page)
    assert page[block.start : block.end].endswith("mostly in the Golan Heights.")  # the mark is not text
    assert (block.title, str(block.published)) == ("Fiji and United Nations peacekeeping", "2023-09-03")


def test_a_retrieved_date_does_not_date_a_page():
    page = (
        "Fiji and United Nations peacekeeping\n"
        "Fiji has sent soldiers to UN peacekeeping missions since 1978, when a battalion went to Lebanon.[1]\n"
        "References\n"
        '^ "Fiji: Contributor Profile". Providing for Peacekeeping. Retrieved 12 March 2024.\n'
        '"UN Peacekeeping data". United Nations. Retrieved 2 May 2023.\n'
    )
    (block,) = split_blocks(page)
    assert block.published is None


def test_facts_read_through_marks_and_keep_offsets_into_the_page(extractor):
    page = (
        "United Nations Mission in Sierra Leone\n"
        "At its peak in March 2002, UNAMSIL deployed 17,368 military personnel.[3] Fiji contributed 531[7] personnel "
        "to UN operations in 2022.[8]\n"
    )
    result = extractor.extract(page, published="2024-01-10", doc_id="wiki")
    assert result.document.text == page  # the document is the page as given
    got = {(f.subject, f.value): page[f.start : f.end] for f in result.facts}
    assert got == {("UNAMSIL", 17368): "17,368", ("Fiji", 531): "531"}
    assert all("[" not in f.evidence for f in result.facts)  # evidence is cut from the reading text


def test_a_month_first_page_is_read_day_first_and_quoted_as_written(extractor):
    page = "Posted 03/28/2024\nAs of 04/05/2024, Guatemala had 178 uniformed personnel in UN missions.[2]\n"
    assert reading_text(page).splitlines()[1].startswith("As of 05/04/2024,")  # same offsets, day first
    result = extractor.extract(page, doc_id="us")
    (fact,) = result.facts
    assert (str(result.document.blocks[0].published), str(fact.as_of)) == ("2024-03-28", "2024-04-05")
    assert fact.evidence.strip() == "As of 04/05/2024, Guatemala had 178 uniformed personnel in UN missions."
