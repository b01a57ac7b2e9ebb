"""Article blocks and publication dates: the seeds, datelines, and pages written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from peacefacts.ingest import document_from_text, find_datelines, is_peacekeeping, read_inputs, split_blocks
from peacefacts.ingest.datelines import day_first_order, is_date_only, numeric_date, parse_date
from peacefacts.records import Document, PartialDate, PublishedSource

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def seed(prefix: str) -> Document:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    (doc,) = read_inputs([path])
    assert isinstance(doc, Document), doc
    return doc


def block_texts(doc: Document) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks]


def outside_blocks(doc: Document, phrase: str) -> bool:
    at = doc.text.index(phrase)
    return all(doc.block_at(i) is None for i in range(at, at + len(phrase)))


# --- seeds ------------------------------------------------------------------------------------------------
def test_seed_000_dated_by_photo_caption():
    doc = seed("000")
    assert (str(doc.published), doc.published_source) == ("2024-06-08", PublishedSource.TEXT)
    (block,) = doc.blocks
    assert (
        block.title
        == "Pakistan to send 128 police officers to UN peacekeeping missions, discusses security with UN chief"
    )
    assert (block.start, block.is_peacekeeping) == (0, True)
    assert doc.text[block.start : block.end].endswith("and other senior UN officials.")
    assert doc.title == block.title


def test_seed_001_second_article_keeps_its_own_date():
    doc = seed("001")
    first, second = doc.blocks
    assert (str(first.published), first.published_source, first.is_peacekeeping) == (
        "2024-06-08",
        PublishedSource.TEXT,
        True,
    )
    assert (str(second.published), second.published_source, second.is_peacekeeping) == (
        "2026-02-19",
        PublishedSource.TEXT,
        False,
    )
    assert second.title == "Pakistan expands crypto engagement with appearance at Mar-a-Lago finance forum"
    crypto = doc.text.index("Pakistan expands crypto engagement")
    assert first.end < crypto == second.start
    assert doc.block_at(doc.text.index("Last month, Pakistan signed")) == second
    assert doc.block_at(doc.text.index("Last month, the military said")) == first
    assert str(doc.published) == "2024-06-08"  # the peacekeeping block's date, not the crypto story's


def test_seed_002_sidebars_are_outside_every_block():
    doc = seed("002")
    (block,) = doc.blocks
    assert (str(block.published), block.published_source) == ("2025-04-19", PublishedSource.TEXT)
    assert block.title == "Pakistan, UN Discuss Enhanced Cooperation In Peace Missions"
    for phrase in (
        "Recent Stories",
        "5.9 magnitude",
        "Rs300 per tola",
        "56 runs",
        "Six killed, five injured",
        "More Stories From Pakistan",
    ):
        assert outside_blocks(doc, phrase), phrase
    assert block_texts(doc)[0].endswith("vital contributor to global peace and security.")


def test_seed_003_has_no_date_and_gets_none():
    doc = seed("003")
    (block,) = doc.blocks
    assert (doc.published, doc.published_source) == (None, PublishedSource.NONE)
    assert (block.published, block.published_source, block.title) == (None, PublishedSource.NONE, None)


def test_seed_004_closing_date_line_beats_the_range_in_the_body():
    doc = seed("004")
    (block,) = doc.blocks
    assert (str(block.published), block.published_source) == ("2021-10-26", PublishedSource.TEXT)
    assert outside_blocks(doc, "Close Search Window")
    assert outside_blocks(doc, "Press Releases|")
    assert block_texts(doc)[0].startswith("Foreign Minister Makhdoom Shah Mahmood Qureshi")


def test_given_date_wins_for_the_first_block_only():
    (doc,) = read_inputs([next(SEEDS.glob("001_*.txt"))], published="2024-06-09")
    # the file has its own dateline, so the default does not apply
    assert [str(b.published) for b in doc.blocks] == ["2024-06-08", "2026-02-19"]
    text = (next(SEEDS.glob("001_*.txt"))).read_text(encoding="utf-8")
    doc = document_from_text(text, doc_id="001", published="2024-06-09")
    assert [(str(b.published), b.published_source) for b in doc.blocks] == [
        ("2024-06-09", PublishedSource.GIVEN),
        ("2026-02-19", PublishedSource.TEXT),
    ]


# --- saved pages with a header --------------------------------------------------------------------------------
HEADER_PAGE = """# source: https://news.example.org/2019/05/freedonia-medics-leave-for-mali
# published: {published}

Freedonia medics leave for Mali

By Ann Example

BAMAKO – 14 May 2019: A team of 60 Freedonian army medics left for the UN mission in Mali on Tuesday.

The team will run a field hospital for the peacekeepers of MINUSMA for one year, the army said.
"""


def test_header_published_is_given_and_offsets_stay_whole_file():
    text = HEADER_PAGE.format(published="2019-05-15")
    doc = document_from_text(text, doc_id="page")
    (block,) = doc.blocks
    assert doc.url == "https://news.example.org/2019/05/freedonia-medics-leave-for-mali"
    assert (str(doc.published), doc.published_source) == ("2019-05-15", PublishedSource.GIVEN)
    assert block.start == text.index("Freedonia medics leave for Mali")
    assert text[block.start : block.end].endswith("for one year, the army said.")
    assert block.title == "Freedonia medics leave for Mali"


def test_header_unknown_looks_in_the_text():
    doc = document_from_text(HEADER_PAGE.format(published="unknown"), doc_id="page")
    assert (str(doc.published), doc.published_source) == ("2019-05-14", PublishedSource.TEXT)


# --- pages written for these tests --------------------------------------------------------------------------------
TWO_STORIES = """Stocks rally as tech shares climb
Published 3 March 2023
Shares rose for a third day on Friday as investors bought technology stocks, traders said.
The index closed 1.2 per cent higher, its best week since January, brokers said.

Freedonia sends engineers to UN mission in South Sudan
Updated 14 March 2023
JUBA: A company of 200 Freedonian army engineers joined the UN peacekeeping mission on Tuesday.
Last month, the army said 3,100 of its soldiers had served with UN missions since 1990.

Most Read
Lottery winner claims prize after 9 months
Storm leaves 80,000 homes without power
"""


def test_document_date_is_the_first_peacekeeping_blocks():
    doc = document_from_text(TWO_STORIES, doc_id="two")
    assert [(b.title, str(b.published), b.is_peacekeeping) for b in doc.blocks] == [
        ("Stocks rally as tech shares climb", "2023-03-03", False),
        ("Freedonia sends engineers to UN mission in South Sudan", "2023-03-14", True),
    ]
    assert (str(doc.published), doc.title) == (
        "2023-03-14",
        "Freedonia sends engineers to UN mission in South Sudan",
    )
    assert outside_blocks(doc, "Most Read")
    assert outside_blocks(doc, "80,000 homes")


QUOTED = """What the world's press said about the summit (II)
Leaders at the closing session in Geneva on Oct 2, 2022. [Photo/Agency] |
On peacekeeping
The country now keeps 2,000 troops in UN missions, more than any other member of its region, and has promised 500 more for a standby force.
-- Daily Example: A new kind of contributor (June 5, 2022)
"""


def test_quoted_piece_carries_its_attribution_date():
    doc = document_from_text(QUOTED, doc_id="q", published="2022-10-09")
    page, quote = doc.blocks
    assert (str(page.published), page.published_source) == ("2022-10-09", PublishedSource.GIVEN)
    assert (str(quote.published), quote.published_source, quote.title) == (
        "2022-06-05",
        PublishedSource.TEXT,
        "On peacekeeping",
    )
    assert doc.block_at(QUOTED.index("2,000 troops")) == quote


READ_MORE = """Freedonia extends its UN mission in Cyprus
Published 9 September 2021
NICOSIA: Freedonia will keep its 120 soldiers with the UN peacekeeping force in Cyprus for another year, the defence ministry said on Thursday.
Read more
Freedonia wins football friendly
The contingent has served in the buffer zone since 2004 and rotates every six months, the ministry said.
Its commander said the soldiers patrol 30 kilometres of the line every day, often on foot.
"""


def test_read_more_link_inside_an_article_does_not_end_it():
    doc = document_from_text(READ_MORE, doc_id="rm")
    first, second = doc.blocks
    assert outside_blocks(doc, "Freedonia wins football friendly")
    assert (second.title, str(second.published)) == (
        "Freedonia extends its UN mission in Cyprus",
        "2021-09-09",
    )
    assert doc.block_at(READ_MORE.index("30 kilometres")) == second
    assert doc.block_at(READ_MORE.index("120 soldiers")) == first


def test_trailing_headline_list_is_dropped():
    text = (
        "Freedonia to double its police in UN missions\n"
        "The interior ministry said on Monday it would send 80 more police officers to UN peacekeeping missions.\n"
        "- A weekend guide to the old town\n"
        "- Scientists map a new coral reef\n"
        "- Rail line reopens after 3 years\n"
    )
    doc = document_from_text(text, doc_id="list")
    (block,) = doc.blocks
    assert text[block.start : block.end].endswith("to UN peacekeeping missions.")


def test_one_line_note_is_one_block():
    doc = document_from_text("Ghana: 140 police to UNIFIL", doc_id="note")
    assert [(b.start, b.end) for b in doc.blocks] == [(0, 27)]


def test_url_slug_picks_the_headline_among_short_lines():
    text = "World News\nAfrica Desk\nEgypt and Peacekeeping\nCairo has sent more than 30,000 peacekeepers to UN missions since 1960, officials said.\n"
    blocks = split_blocks(text, url="https://example.org/story/1/egypt-and-peacekeeping")
    assert blocks[0].title == "Egypt and Peacekeeping"
    assert blocks[0].start == text.index("Egypt and Peacekeeping")
    # without the URL the first headline of four words or more is taken
    assert split_blocks(text)[0].title == "Egypt and Peacekeeping"


# --- datelines ----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line, date, kind",
    [
        ("Staff Reporter Published March 2, 2024 | 11:05 AM", "2024-03-02", "published"),
        ("Release time:2020-07-15 Publisher:Example Wire", "2020-07-15", "published"),
        ("Posted on: 4 January 2019", "2019-01-04", "published"),
        (" date 2022-11-30 Headline of the day", "2022-11-30", "header"),
        ("LAHORE, (Example News - 21st Mar, 2023) The minister said", "2023-03-21", "source"),
        ("Agencia, March 3, 2015 Adjust font size:", "2015-03-03", "source"),
        ("NAIROBI – 9 July 2018: Kenya said", "2018-07-09", "source"),
        ("Mon, 12 Feb 2018 - 10:20 GMT", "2018-02-12", "stamp"),
        ("Friday July 4 2003", "2003-07-04", "stamp"),
        ("Sunday، 3 March 2019 - 01:15 PM", "2019-03-03", "stamp"),
        ("Updated 30 November 2020", "2020-11-30", "updated"),
        ("[Last Updated : MAY, 2021]", "2021-05", "updated"),
        ("14 November 2022", "2022-11-14", "date_line"),
        ("-- Daily Example: A new kind of contributor (June 5, 2022)", "2022-06-05", "attribution"),
        # all-number dates (day first unless the page shows otherwise)
        ("Posted by Admin | Last updated: 18/04/2024 | 6 min read", "2024-04-18", "updated"),
        ("Posted on 29/05/2023", "2023-05-29", "published"),
        ("Published: 2024-04-18", "2024-04-18", "published"),
        ("Published: 2024/04/18 10:02", "2024-04-18", "published"),
        ("05.06.2024", "2024-06-05", "date_line"),
        ("Tue, 31-10-2023 - 09:14", "2023-10-31", "stamp"),
        ("This page was last edited on 3 March 2024, at 14:22 (UTC).", "2024-03-03", "updated"),
    ],
)
def test_dateline_table(line, date, kind):
    (best, *_) = find_datelines(line)
    assert (str(best.date), best.kind) == (date, kind)


@pytest.mark.parametrize(
    "text",
    [
        "The mission will hold talks next month in Berlin.",
        "The report, published in May 2019, says troops stayed.",  # a sentence, not a dateline
        "Deployments on 25-26 October are planned.",  # no year
        "May 29 marks the day of peacekeepers.",
        "Firmware version 1.2.2024 is out; call +254 20.10.2023 or Tel: 12.10.2023.",
        "31.02.2024",  # no such day
        # a figure's own date, and a cited source's, never date the page
        "According to the latest UN figures (as of 31 March 2024), around 7,200 police serve.",
        "Data as at 30.06.2023: Fiji had 478 personnel.",
        "Figures as of: 31/03/2024",
        "As of: 31 March 2024, 1,200 troops",
        '"UNAMSIL: Facts and figures". United Nations. Retrieved 8 August 2023.',
    ],
)
def test_no_dateline(text):
    assert find_datelines(text) == []


def test_published_beats_updated_and_range_end_is_skipped():
    text = "Talks held on 25-26 October 2021\nUpdated 2 November 2021\nPublished 1 November 2021\nBody."
    assert [str(c.date) for c in find_datelines(text)] == ["2021-11-01", "2021-11-02"]


def test_numeric_dates_follow_the_pages_own_order():
    # nothing shows the order: day first
    assert [str(c.date) for c in find_datelines("Updated 05/06/2024\nBody text.")] == ["2024-06-05"]
    # another date on the page has a part above 12 in second place: month first
    us = "Posted 04/18/2024\nUpdated 05/06/2024\nBody text."
    assert [str(c.date) for c in find_datelines(us)] == ["2024-04-18", "2024-05-06"]
    # a page with both orders is read day first, the default
    mixed = "Posted 04/18/2024\nUpdated 05/06/2024 and 20/06/2024\nBody."
    assert str(find_datelines(mixed)[1].date) == "2024-06-05"
    assert (day_first_order("Released 12/25/2023."), day_first_order("Released 25/12/2023.")) == (False, True)


@pytest.mark.parametrize(
    "text, day_first, expected",
    [
        ("18/04/2024", True, "2024-04-18"),
        ("04/18/2024", True, "2024-04-18"),
        ("05.06.2024", True, "2024-06-05"),
        ("05.06.2024", False, "2024-05-06"),
        ("5-6-2024", True, "2024-06-05"),
        ("2024.06.05", False, "2024-06-05"),  # year first is always year-month-day
        ("29/02/2023", True, None),
        ("13/13/2024", True, None),
        ("05/06-2024", True, None),  # mixed separators
        ("05/06/1066", True, None),
    ],
)
def test_numeric_date(text, day_first, expected):
    got = numeric_date(text, day_first=day_first)
    assert (str(got) if got else None) == expected


def test_an_as_of_date_in_the_lead_does_not_date_the_page():
    page = (
        "Top police contributors\nPosted by Admin | 6 min read\n"
        "According to the latest UN figures (as of 31 March 2024), around 7,200 police officers serve in UN missions.\n"
        "Rwanda tops the list with 1,106 officers, the UN said on 2 April 2024."
    )
    (block,) = split_blocks(page)
    assert str(block.published) == "2024-04-02"


def test_parse_date_keeps_precision():
    assert parse_date("8th of September 2016") == PartialDate(2016, 9, 8)
    assert parse_date("Dec 2023") == PartialDate(2023, 12)
    assert parse_date("June 8") is None  # no year: never filled in from a base date


def test_is_date_only():
    assert is_date_only("04 March 2024 04:54 PM") == ("04 March 2024", True)
    assert is_date_only("Oct 16, 2007") == ("Oct 16, 2007", False)
    assert is_date_only("Talks on 16 October 2007") is None


@pytest.mark.xfail(strict=True, reason="known miss: only English month names are read")
def test_indonesian_month_name():
    assert str(find_datelines("31 Agustus 2018 13:59 WIB")[0].date) == "2018-08-31"


# --- peacekeeping vocabulary --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Troops joined the UN peacekeeping force.", True),
        ("Peace-keepers left on Monday.", True),
        ("The blue helmets patrol the line.", True),
        ("A UN mission in Mali closed.", True),
        ("The United Nations Interim Force in Lebanon said", True),
        ("Soldiers of UNIFIL and MONUSCO", True),
        ("Indonesia will add to the peace force", True),
        ("Pakistan, UN discuss cooperation in peace missions", True),
        ("UNICEF opened a school and UNESCO listed a site.", False),
        ("Pakistan expands crypto engagement", False),
    ],
)
def test_is_peacekeeping(text, expected):
    assert is_peacekeeping(text) is expected


NAV_AND_COMMENTS = """Home | World | Sport | Business
Trending
Storm hits the coast again
Markets close higher on Friday
FREEDONIA SENDS 250 TROOPS TO UN MISSION IN CONGO
By Staff Writer
Published: 2023-03-14T09:30:00Z
KINSHASA: Freedonia will send 250 soldiers to the UN peacekeeping mission in Congo next month, the defence ministry said on Tuesday.
The contingent brings the number of Freedonian troops serving with MONUSCO to 1,400, officials said.
Comments (2)
I think this is a great decision and I hope that all 250 of them come back safely to their families soon.
We have sent 5,000 soldiers over the years and many never came back, which the government never mentions.
"""


def test_headline_after_trending_list_and_no_comments():
    doc = document_from_text(NAV_AND_COMMENTS, doc_id="nav")
    (block,) = doc.blocks
    assert (block.title, str(block.published)) == (
        "FREEDONIA SENDS 250 TROOPS TO UN MISSION IN CONGO",
        "2023-03-14",
    )
    assert block.start == NAV_AND_COMMENTS.index("FREEDONIA SENDS")
    assert NAV_AND_COMMENTS[block.start : block.end].endswith("to 1,400, officials said.")
    assert outside_blocks(doc, "5,000 soldiers")  # a comment thread never resumes the article


def test_press_release_of_short_lines_keeps_its_closing_date():
    text = (
        "Press release\nFreedonia joins UN mission\nFreedonia will send 40 police officers.\n"
        "They will serve in Haiti.\nThe deployment starts in May.\n12 April 2022\n"
    )
    doc = document_from_text(text, doc_id="pr")
    (block,) = doc.blocks
    assert (block.title, str(block.published)) == ("Freedonia joins UN mission", "2022-04-12")
    assert text[block.start : block.end].endswith("The deployment starts in May.")


def test_a_block_longer_than_the_window_is_cut_into_windows():
    """Issue 11: everything read per block is bounded, so a 20 MB one-line page stays linear."""
    from peacefacts.ingest.blocks import MAX_BLOCK_CHARS

    sentence = "Pakistan sent 500 troops to the UN mission in Mali, the army said."
    page = "Troops for Mali\nUpdated 08 June 2024\n" + " ".join([sentence] * 4000)
    blocks = split_blocks(page)
    assert len(page) // MAX_BLOCK_CHARS < len(blocks) <= 2 * len(page) // MAX_BLOCK_CHARS + 1
    assert all(b.end - b.start <= MAX_BLOCK_CHARS for b in blocks)
    assert all(page[b.start : b.end].endswith("said.") for b in blocks)  # cut after a sentence
    assert all(a.end < b.start and not page[a.end : b.start].strip() for a, b in zip(blocks, blocks[1:], strict=False))
    assert {str(b.published) for b in blocks} == {"2024-06-08"} and all(b.is_peacekeeping for b in blocks)
    assert [b.title for b in blocks[:2]] == ["Troops for Mali", None]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Posted by AFP | December 4, 2023 | 0 Comments", "2023-12-04"),
        ("By Ama Mensah · 12 March 2024 · 3 min read", "2024-03-12"),
        ("News | Africa | 4 December 2023 | 10:32 GMT", "2023-12-04"),
        ("Staff Reporter • Dec 4, 2023 • 5 min read", "2023-12-04"),
        ("Written by Admin | on 4th December 2023", "2023-12-04"),
        ("Date: 2023-12-04", "2023-12-04"),
        ("SG/SM/19596 4 DECEMBER 2023", "2023-12-04"),
        ("4 December 2023 - Press release", "2023-12-04"),
    ],
)
def test_a_date_field_of_a_meta_line_dates_the_page(line, date):
    """A line of meta fields ("Posted by AFP | December 4, 2023 | 0 Comments") dates the page."""
    text = f"Peacekeepers killed in Beni\n{line}\nTwo Malawian peacekeepers were killed in an attack near Beni on Monday, the UN said.\n"
    blocks = split_blocks(text, 0)
    assert str(blocks[0].published) == date


@pytest.mark.parametrize(
    "line", ["Home | News | Sport | Africa", "Ghana | Nigeria | 2023", "Kenya sent 1,000 police | the UN said", "Note: Ghana has 900 troops"]
)
def test_a_meta_line_without_a_date_field_dates_nothing(line):
    text = f"Peacekeepers killed in Beni\n{line}\nTwo Malawian peacekeepers were killed in an attack near Beni on Monday, the UN said.\n"
    assert split_blocks(text, 0)[0].published is None


def test_a_full_date_in_the_address_dates_an_undated_page_and_the_text_wins_over_it():
    from peacefacts.ingest.documents import build_text_document

    body = "Two Malawian peacekeepers were killed in an attack near Beni on Monday, the UN said.\n"
    undated = build_text_document(body, doc_id="u", url="https://news.example/africa/2019/05/29/beni-attack")
    assert (str(undated.published), str(undated.published_source)) == ("2019-05-29", "url")
    dated = build_text_document("Updated 08 June 2024\n" + body, doc_id="d", url="https://news.example/2019/05/29/x")
    assert (str(dated.published), str(dated.published_source)) == ("2024-06-08", "text")
    assert build_text_document(body, doc_id="n", url="https://news.example/africa/beni-attack").published is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://defenceforum.example/2024/01/garuda-contingent-vital-force/", "2024-01"),
        ("https://someblog.blogspot.com/2017/01/nigeria-14th-largest-un-troops.html", "2017-01"),
        ("https://nepal-news.example/2017/05/36030", "2017-05"),
        ("https://news.example/world/2016-10/11/content_39463622.htm", "2016-10-11"),
        ("https://paper.example/world/2019/mar/12/un-peacekeepers-mali-attack", "2019-03-12"),
        ("https://paper.example/2019/march/ghana-troops-return", "2019-03"),
        ("https://paper.example/2019/may/", None),
        ("https://news.example/2019/05/29/beni-attack", "2019-05-29"),
        ("https://news.example/archive/2019/13/beni-attack", None),
        ("https://news.example/files/2019/peacekeeping-report.pdf", None),
        ("https://news.example/tag/2019/05/", None),
        ("https://news.example/africa/beni-attack", None),
    ],
)
def test_a_year_and_month_in_the_address_date_an_undated_page_to_the_month(url, expected):
    from peacefacts.ingest.documents import build_text_document

    body = "Ghana has 2,700 peacekeepers in UN missions, the army said.\n"
    doc = build_text_document(body, doc_id="u", url=url)
    assert (str(doc.published) if doc.published else None) == expected
    if expected is not None:
        assert str(doc.published_source) == "url"


DIGEST_PAGE = """# source: https://digest.example.org/weekly-2023-04-20
# published: 2023-04-20

DEFENCE DIGEST
Weekly roundup | Africa

GHANA
Ghanaian engineers head for South Sudan

Accra, 20 April 2023 - A company of 120 Ghana Armed Forces engineers left for UNMISS today, the army said.

The engineers will repair roads around Malakal for a year, the army said.

----------------------------------------

ZAMBIA
Zambia's women peacekeepers: a quiet success

Lusaka, 17 April 2023 - Currently, 910 Zambian peacekeepers, 120 of them women, serve in four missions, the defence ministry told reporters on Monday.

The ministry plans to raise the share of women to a fifth by 2028, the ministry said.
"""


def test_a_digests_second_story_is_dated_by_the_dateline_its_paragraph_opens_with():
    doc = document_from_text(DIGEST_PAGE, doc_id="digest", published="2023-04-20")
    titles = [b.title for b in doc.blocks]
    assert titles[-1] == "Zambia's women peacekeepers: a quiet success"
    assert [str(b.published) for b in doc.blocks] == ["2023-04-20", "2023-04-17"]


def test_a_digests_second_story_dates_its_figures(extractor):
    result = extractor.extract(DIGEST_PAGE, published="2023-04-20", doc_id="digest")
    dated = {(f.subject, f.metric.value, f.value): str(f.as_of) for f in result.facts}
    assert dated[("Zambia", "personnel_deployed", 910)] == "2023-04-17"
    assert dated[("Zambia", "women_deployed", 120)] == "2023-04-17"
