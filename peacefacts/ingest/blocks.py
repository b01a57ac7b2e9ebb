"""Split a page into article blocks, drop sidebars and boilerplate, date each block.

A scraped page is rarely one article: it carries navigation, "Share"/"Follow" buttons, lists of
other headlines ("Recent Stories", "More Stories From Pakistan", "- A gateway to travel in China"),
cookie and copyright footers, and sometimes a second, unrelated article with its own dateline.
Facts must only come from article text, and relative dates ("last month") must resolve against
the date of the article they are in, so a page becomes a tuple of :class:`~peacefacts.records.Block`.

How, line by line (lines first, as everywhere in peacefacts):

0. The page is read as its reading text (:func:`peacefacts.ingest.chrome.reading_text`): citation
   marks, correction and reference notes and tables of contents are spaces there.
1. Every line gets a kind: ``marker`` (a sidebar heading: the article ends), ``footer`` (cookie,
   copyright or licence: the article ends and does not resume), ``comments`` (a comment thread:
   as a footer, and nothing in it starts an article), ``boiler`` (a button
   or nav label: ignored), ``date`` (a dateline), ``caption``, ``list`` (a short bullet or "3
   minutes ago" item), ``table`` (a pipe or tab row holding a country and a figure, and the
   header above such rows: the article's figures, not a menu), ``body`` (a paragraph),
   ``head`` (headline-like), ``byline``, ``attrib`` ("-- CNN: Title (May 12, 2017)") or
   ``other``.
2. The first article starts at its headline (the headline-like line before the first paragraph;
   the URL slug breaks ties) and runs until a sidebar marker. A new article starts where a
   headline is followed by a dateline and then a paragraph, after the current article already
   has a paragraph (a crypto story appended after a peacekeeping story). After a sidebar marker,
   two paragraphs in a row resume the article (a "Read more" link inside it).
3. Trailing lines that are not prose (headline lists, buttons, a closing date line) are trimmed.
4. Each article is dated by its strongest dateline (:mod:`peacefacts.ingest.datelines`); the first
   article also sees the page header before it, and an update stamp in the page's footer ("This
   page was last edited on …"). A date given by the caller replaces the first block's; a quoted
   piece closed by an attribution line carries the attribution's date.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

import attrs

from peacefacts.ingest import datelines as dl
from peacefacts.ingest.cells import is_table_header, is_table_row
from peacefacts.ingest.chrome import author_bios, comment_starts, line_kind, reading_text
from peacefacts.ingest.lines import continues_wrapped, split_lines, wrap_width
from peacefacts.records import Block, PartialDate, PublishedSource
from peacefacts.vocab import missions

__all__ = ["split_blocks", "is_peacekeeping", "PEACEKEEPING_RE", "MAX_BLOCK_CHARS"]

# --- peacekeeping vocabulary ----------------------------------------------------------------------
# Mission acronyms past and present, and their one-word aliases, from the missions table (as
# written: "Minusma" yes, "untag" no). A generic "UN[A-Z]+" would also catch UNICEF, UNESCO, UNHCR.
_MISSION_WORDS = sorted(
    {name for m in missions() for name in (m.acronym, *m.aliases) if len(name.split()) == 1},
    key=lambda w: (-len(w), w),
)
PEACEKEEPING_RE = re.compile(
    r"(?i:peace[- ]?keep\w*|blue[- ](?:helmets?|berets?)|peace[- ](?:missions?|forces?|operations?|support)"
    r"|(?:UN|U\.N\.|United Nations)\s+(?:\w+\s+){0,2}(?:missions?|operations?|forces?|contingents?|troops)"
    r"|troop[- ]contribut\w+|garuda contingent)"
    r"|\b(?:" + "|".join(re.escape(w) for w in _MISSION_WORDS) + r")\b"
)


def is_peacekeeping(text: str) -> bool:
    """Whether ``text`` is about UN peacekeeping (a keyword or a mission acronym).

    >>> is_peacekeeping("Blue helmets of UNIFIL patrol the border"), is_peacekeeping("UNICEF opens a school")
    (True, False)
    """
    return PEACEKEEPING_RE.search(text) is not None


# --- line kinds --------------------------------------------------------------------------------------
# Sidebar headings, footers, buttons and menus are shapes of resources/page_chrome.toml, with comment
# threads, licence lines and encyclopedia furniture (peacefacts.ingest.chrome). What a shape's kind
# makes of a line here (the other kinds are masked in the reading text, or read only in context:
# comment_author by its cadence, contents_entry after a contents heading):
_CHROME_KINDS = {"comments": "comments", "footer": "footer", "marker": "marker", "boiler": "boiler", "contents": "boiler"}
_LIST_RE = re.compile(r"^[-–—•·*▪►»◦‣]\s*\S")
_AGO_RE = re.compile(r"(?<!\d)\d{1,4}\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$", re.I)
_CAPTION_RE = re.compile(
    r"[\[(](?:[^\])]*/)?\s*(?:photos?|file photo|images?|pictures?|pic|credit)\b[^\])]*[\])]"
    r"|\((?:PID|AFP|AP|Reuters|Xinhua|ANTARA[^)]*|APP|PTI|IANS|EPA|Getty Images)\)"
    r"|\b(?:press |file )?photo\s*/",
    re.I,
)
_BYLINE_RE = re.compile(r"^(?:By|BY|Written by|Reported by)\s+\S")
_SENTENCE_END = tuple(".!?…")
_HEAD_BAD_END = tuple(".,;:|")


class _Line(NamedTuple):
    start: int
    end: int
    kind: str
    words: int
    dates: tuple[dl.DateCandidate, ...]


def _is_body(line: str, words: int) -> bool:
    if len(line) >= 150:
        return True
    if line.endswith("..") and not line.endswith("..."):  # a truncated sidebar headline "Who W .."
        return False
    return words >= 8 and _ends_sentence(line) and not line.endswith("...")


def _ends_sentence(line: str) -> bool:
    # "... said." / "... missions.”" end sentences; "... five years? (IV)" is a headline
    return line.rstrip("\"”’')]").endswith(_SENTENCE_END)


def _cut_off_prose(line: str) -> bool:
    """A last paragraph the page cut off mid-sentence ("… does not do enough to protect them"):
    long, and mostly lower-case words, as prose is and headlines are not."""
    words = line.split()
    if len(words) < 12:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised / len(words) < 0.4


def _classify(line: str) -> str:
    """The kind of one stripped line (datelines are recognised by the caller)."""
    if ("|" in line or "\t" in line) and is_table_row(line):
        return "table"  # "| 2 | Senegal | 1,012 |" looks like a menu, but holds the article's figures
    chrome = _CHROME_KINDS.get(line_kind(line) or "")
    if chrome is not None:
        return chrome
    words = len(line.split())
    if dl.ATTRIBUTION_RE.match(line):
        return "attrib"
    if len(line) < 400 and _CAPTION_RE.search(line):
        return "caption"
    body = _is_body(line, words)
    if not body and is_table_row(line):
        return "table"  # "- Ghana: 471", "Bangladesh     6,097": a row, not a headline or a sidebar item
    if (_LIST_RE.match(line) or _AGO_RE.search(line)) and not body:
        return "list"
    if body:
        return "body"
    if _BYLINE_RE.match(line) and words <= 10:
        return "byline"
    if (
        2 <= words <= 25
        and len(line) <= 200
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'")
        and not line.endswith(_HEAD_BAD_END)
        and not dl.contains_date(line)
    ):
        return "head"
    return "other"


def _lines(text: str, start: int, end: int, day_first: bool = True) -> list[_Line]:
    out: list[_Line] = []
    for s, e in split_lines(text, start, end):
        header = dl.HEADER_DATE_RE.match(text[s:e])
        if header and s + header.end() < e:  # " date 2025-04-19 Pakistan, UN Discuss ...": split off the date
            cut = s + header.end()
            out.append(_Line(s, cut, "date", 2, tuple(dl.line_datelines(text, s, cut, day_first=day_first))))
            s = cut
        line = text[s:e]
        kind = _classify(line)
        dates = tuple(dl.line_datelines(text, s, e, day_first=day_first))
        if dates and kind not in ("body", "attrib", "comments", "footer", "table") and len(line) <= 160:
            kind = "date"  # "Published April 19, 2025 | 02:40 PM", "Thursday June 26 2008"
        out.append(_Line(s, e, kind, len(line.split()), dates))
    # "Kofi A. says:" followed by a time stamp or "Reply": a comment thread starts there
    for i, starts in enumerate(comment_starts([text[ln.start : ln.end] for ln in out])):
        if starts and out[i].kind != "comments":
            out[i] = out[i]._replace(kind="comments")
    # "Ratu Seru Naivalu is a retired lieutenant colonel who …" after "By Ratu Seru Naivalu": a bio
    texts = [text[ln.start : ln.end] for ln in out]
    for i in author_bios(texts, [ln.kind for ln in out]):
        out[i] = out[i]._replace(kind="footer")
    # a table's header and rules ("| Country | Police |", "|---|") above its rows are the table's
    for i in range(len(out) - 1, 0, -1):
        k = i - 1
        while out[i].kind == "table" and k >= 0 and out[k].kind in ("boiler", "head", "other"):
            if not is_table_header(text[out[k].start : out[k].end]):
                break
            out[k] = out[k]._replace(kind="table")
            k -= 1
    return _wrapped_as_body(text, out)


_FUNCTION_END = re.compile(
    r"(?:,|\b(?:since|of|in|to|the|and|or|with|than|from|by|at|for|some|about|over|more|a|an|its|their|on))$", re.I
)


def _continues(prev: str, cur: str, width: int | None) -> bool:
    """Whether ``cur`` carries on the sentence ``prev`` broke off (print and PDF copies wrap lines)."""
    if continues_wrapped(prev, cur, width):
        return True
    return bool(prev) and bool(cur) and cur[0].isdigit() and bool(_FUNCTION_END.search(prev)) and not prev.rstrip(
        "\"”’')]"
    ).endswith(_SENTENCE_END + (":",))


def _wrapped_as_body(text: str, lines: list[_Line]) -> list[_Line]:
    """Lines of one wrapped paragraph are body text when the paragraph they make is.

    "ceremonies to pay tributes to the more than 3,500 people who have died" / "on duty since
    1948 …": each piece alone looks like a headline (or a dateline: "Wednesday 13" / "January
    2021, …"); joined, they are the article's prose.
    """
    out = list(lines)
    width = wrap_width(text, out[0].start, out[-1].end) if out else None
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].kind not in ("marker", "footer", "comments", "boiler") and _continues(
            text[out[j].start : out[j].end].strip(), text[out[j + 1].start : out[j + 1].end].strip(), width
        ):
            j += 1
        if j > i:
            joined = " ".join(text[ln.start : ln.end].strip() for ln in out[i : j + 1])
            if _is_body(joined, len(joined.split())):
                for k in range(i, j + 1):
                    if out[k].kind in ("head", "other", "list", "date") and not (out[k].kind == "date" and k == i):
                        out[k] = out[k]._replace(kind="body")
        i = j + 1
    return out


_CHROME = frozenset({"boiler", "marker", "footer", "comments", "date", "byline"})
# a comment thread ends the article like a footer, and until the next sidebar heading nothing in it
# starts an article (a commenter's name, a time stamp and a comment look like one)
_ENDS = frozenset({"marker", "footer", "comments"})
_TRAILING_KEEP = frozenset({"body", "attrib", "caption", "table"})
_SLUG_STOP = frozenset(
    {"html", "htm", "php", "aspx", "jsp", "index", "www", "com", "article", "news", "story"}
)


def _slug_tokens(url: str | None) -> frozenset[str]:
    if not url:
        return frozenset()
    try:
        path = urlsplit(url).path
    except ValueError:
        return frozenset()
    for segment in reversed([p for p in path.split("/") if p]):
        tokens = {t for t in re.findall(r"[a-z]+", segment.lower()) if len(t) > 1} - _SLUG_STOP
        if len(tokens) >= 3:
            return frozenset(tokens)
    return frozenset()


@attrs.define
class _Region:
    first: int  # line index
    kind: str  # "article", "continuation", "quote", "note"
    title: int | None = None  # line index of the headline
    stop: int | None = None  # line index (exclusive) where the region was closed
    parent: int | None = None  # for continuations: index of the article region they continue
    date: dl.DateCandidate | None = None  # quotes: the attribution's date
    has_body: bool = False


class _Splitter:
    def __init__(self, text: str, start: int, end: int, url: str | None) -> None:
        self.text = text
        self.day_first = dl.day_first_order(text, start, end)  # how this page writes "05/06/2024"
        self.lines = _lines(text, start, end, self.day_first)
        self.slug = _slug_tokens(url)
        self.regions: list[_Region] = []

    # -- helpers ---------------------------------------------------------------------------------
    def kind(self, i: int) -> str:
        return self.lines[i].kind

    def choose_title(self, lo: int, hi: int) -> int | None:
        heads = [k for k in range(lo, hi) if self.kind(k) == "head"]
        if not heads:
            return None
        if self.slug:

            def overlap(k: int) -> float:
                tokens = set(
                    re.findall(r"[a-z]+", self.text[self.lines[k].start : self.lines[k].end].lower())
                )
                return len(tokens & self.slug) / len(self.slug)

            best = max(reversed(heads), key=overlap)  # ties: the one nearest the text
            if overlap(best) >= 0.5:
                return best
        # a headline is followed by its byline, dateline or photo caption
        for k in heads:
            nxt = next((m for m in range(k + 1, hi) if self.kind(m) != "boiler"), None)
            if nxt is not None and self.kind(nxt) in ("date", "byline", "caption"):
                return k
        # else the last one before the text: nav items, "Trending" lists and section names come
        # first ("Defense Policy", "Global Commons")
        for k in reversed(heads):
            if self.lines[k].words >= 4:
                return k
        return heads[-1]  # a short headline ("Egypt and Peacekeeping") sits right above the body

    def starts_article(self, i: int) -> bool:
        """A headline, a dateline within the next four lines, then a paragraph (or a paragraph
        that opens with its dateline: "Phnom Penh, 18 April 2023 - Over the past 17 years, …")."""
        if self.kind(i) != "head":
            return False
        n = len(self.lines)
        for k in range(i + 1, min(n, i + 5)):
            kind = self.kind(k)
            if kind == "body" and self.opens_with_dateline(k):
                return True
            if kind == "date":
                for m in range(k + 1, min(n, k + 10)):
                    if self.kind(m) in _ENDS:
                        return False
                    if self.kind(m) == "body":
                        return True
                return False
            if kind in ("body", "marker", "footer", "list"):
                return False
        return False

    def opens_with_dateline(self, k: int) -> bool:
        line = self.lines[k]
        return any(c.kind == "source" and c.start - line.start <= 40 for c in line.dates)

    def next_content(self, i: int) -> int | None:
        for k in range(i + 1, len(self.lines)):
            if self.kind(k) not in ("boiler",):
                return k
        return None

    def close(self, region: _Region, stop: int) -> None:
        region.stop = stop
        self.regions.append(region)

    # -- the walk ----------------------------------------------------------------------------------
    def run(self) -> list[_Region]:
        lines, n = self.lines, len(self.lines)
        first_body = next((i for i in range(n) if self.kind(i) == "body"), None)
        if first_body is None:
            # no paragraph at all (a one-line note): keep everything that is not chrome
            content = [i for i in range(n) if self.kind(i) not in _CHROME]
            if content:
                title = self.choose_title(content[0], content[-1] + 1)
                self.close(_Region(content[0], "note", title=title), n)
            return self.regions
        markers = [i for i in range(first_body) if self.kind(i) in _ENDS]
        lo = markers[-1] + 1 if markers else 0
        title = self.choose_title(lo, first_body)
        first = title if title is not None else next(i for i in range(lo, n) if self.kind(i) not in _CHROME)
        cur: _Region | None = _Region(first, "article", title=title)
        article = 0  # index in self.regions the current article region will get
        quote_from: int | None = None
        footer = False  # seen a footer or comment thread since the last article ended
        thread = False  # in a comment thread: nothing starts an article until a sidebar heading
        i = first_body
        while i < n:
            kind = lines[i].kind
            if cur is not None:
                if kind in _ENDS:
                    self.close(cur, i)
                    cur, footer, thread = None, kind != "marker", kind == "comments"
                elif kind == "attrib":
                    cur, quote_from, article = self.split_quote(cur, i, quote_from, article)
                elif kind == "head" and cur.has_body and self.starts_article(i):
                    self.close(cur, i)
                    article = len(self.regions)
                    cur, quote_from = _Region(i, "article", title=i), None
                elif kind == "body":
                    cur.has_body = True
            else:  # in a sidebar
                footer = footer or kind in ("footer", "comments")
                thread = (thread or kind == "comments") and kind != "marker"
                if not thread and self.starts_article(i):
                    article = len(self.regions)
                    cur, quote_from, footer = _Region(i, "article", title=i), None, False
                elif kind == "body" and not footer:
                    nxt = self.next_content(i)
                    if nxt is not None and self.kind(nxt) == "body":
                        cur = _Region(i, "continuation", parent=article, has_body=True)
                        quote_from = None
            i += 1
        if cur is not None:
            self.close(cur, n)
        return self.regions

    def split_quote(
        self, cur: _Region, i: int, quote_from: int | None, article: int
    ) -> tuple[_Region, int, int]:
        """``lines[i]`` is "-- Source: Title (date)": the text above it is quoted from that source."""
        start = quote_from
        if start is None:
            body = next((k for k in range(cur.first, i) if self.kind(k) == "body"), i)
            if body - 1 > cur.first and self.kind(body - 1) == "head":  # its section heading
                body -= 1
            start = body
        if start > cur.first:
            self.close(cur, start)
        else:
            article = len(self.regions)  # the quote is the first thing: it is the article
        date = self.lines[i].dates[0] if self.lines[i].dates else None
        title = self.choose_title(start, i) if start < i else None
        if title is not None and self.lines[title].words < 2:
            title = None
        self.close(_Region(start, "quote", title=title, date=date, parent=article), i + 1)
        return _Region(i + 1, "continuation", parent=article), i + 1, article

    # -- output --------------------------------------------------------------------------------------
    def trimmed(self, region: _Region) -> tuple[int, int]:
        """Line range of the region without leading chrome and trailing non-prose."""
        first, stop = region.first, region.stop if region.stop is not None else len(self.lines)
        while first < stop and self.kind(first) in _CHROME and first != region.title:
            first += 1
        if region.kind == "note":  # no paragraph anywhere: every non-chrome line is the text
            while stop > first and self.kind(stop - 1) in _CHROME:
                stop -= 1
            return first, stop
        floor = first if region.title is None else region.title + 1  # never trim the headline away
        floor = max(floor, self.table_end(floor, stop))
        while stop > floor:
            line = self.lines[stop - 1]
            text = self.text[line.start : line.end]
            if line.kind in _TRAILING_KEEP or (
                line.kind == "other" and line.words >= 4 and _ends_sentence(text)
            ) or _cut_off_prose(text):
                break
            stop -= 1
        return first, stop

    def table_end(self, first: int, stop: int) -> int:
        """The line after the last row of a table flattened into lines ("Rwanda" / "5,918"), or 0.

        Such rows look like a headline list, but they are the article's figures: never trimmed.
        """
        end = 0
        texts = [self.text[self.lines[k].start : self.lines[k].end].strip() for k in range(first, stop)]
        for k in range(1, len(texts)):
            if _TABLE_FIGURE.match(texts[k]) and _TABLE_LABEL.match(texts[k - 1]):
                end = first + k + 1
            row = _TABLE_ROW.match(texts[k])
            if (row and _TABLE_FIGURE.match(row.group(2)) and _TABLE_LABEL.match(row.group(1))) or is_table_row(texts[k]):
                end = first + k + 1  # "Ethiopia: 6,500", "- Ghana: 471", "Bangladesh     6,097"
        return end

    def date_of(self, index: int, region: _Region, first: int, stop: int) -> dl.DateCandidate | None:
        if region.kind == "quote" and region.date is not None:
            return region.date
        lo = 0 if index == 0 else region.first
        hi = region.stop if region.stop is not None else len(self.lines)
        candidates = [(c, k < region.first) for k in range(lo, hi) for c in self.lines[k].dates]
        if stop > first:
            begin = self.lines[first].start
            limit = min(self.lines[stop - 1].end, begin + dl.EARLY_WINDOW)
            seen = {(c.start, c.end) for c, _ in candidates}
            candidates += [
                (c, False)
                for c in dl.early_dates(self.text, begin, limit, day_first=self.day_first)
                if (c.start, c.end) not in seen
            ]
        if index == 0:
            # the page's own update stamp in its footer ("This page was last edited on 3 March 2024"):
            # it dates the page when nothing in the article does
            candidates += [
                (c, True)
                for k in range(hi, len(self.lines))
                if self.lines[k].kind == "footer"
                for c in self.lines[k].dates
                if c.kind == "updated"
            ]
        if not candidates:
            return None
        # datelines inside the block beat those in the page header above it (a site-wide "today"
        # stamp); a dateline anywhere beats a date that merely sits near the top of the text
        return min(
            candidates,
            key=lambda ci: (ci[0].priority == dl.Priority.EARLY, ci[1], ci[0].priority, ci[0].start),
        )[0]


_TABLE_FIGURE = re.compile(r"^(?:about |some |over |more than )?\d{1,3}(?:[,.]\d{3})*(?:\s*\(\w+\))?$")
_TABLE_ROW = re.compile(r"^(.{2,40}?)\s*[:–—|\t-]\s*(\S.*)$")
#: a box line's label: a capitalised word and a few more, which may hold a year ("Fatalities since 2002")
_TABLE_LABEL = re.compile(r"^[A-Z][\w'’.-]*(?:[ -][A-Za-z0-9][\w'’.-]*){0,4}:?$")


def split_blocks(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    url: str | None = None,
    published: PartialDate | None = None,
    published_source: PublishedSource = PublishedSource.GIVEN,
    title: str | None = None,
    fallback: PartialDate | None = None,
    fallback_source: PublishedSource = PublishedSource.GIVEN,
) -> tuple[Block, ...]:
    """The article blocks of ``text[start:end]``, as offsets into ``text``.

    Args:
        text: The whole document text.
        start: Where the page text begins (after a ``# source:`` header, for example).
        end: Where it ends (default: the end of ``text``).
        url: The page URL; its slug helps pick the headline among short lines.
        published: A date known from outside the text (caller, JSONL, header, HTML metadata):
            it replaces the first block's dateline.
        published_source: Where ``published`` came from.
        title: A headline known from outside the text (HTML metadata), used when the first
            block has no headline line of its own.
        fallback: A date for the first block when neither ``published`` nor the text dates it
            (the CLI's ``--published`` for documents without a date of their own, or a date in
            the page's address).
        fallback_source: Where ``fallback`` came from (``given`` or ``url``).

    Returns:
        The blocks in text order; later blocks keep their own datelines.

    >>> page = ("Troops head to Lebanon\\nUpdated 08 June 2024\\nThe army said 800 peacekeepers will leave "
    ...         "for UNIFIL next week, officials said.\\nRecent Stories\\nGold price falls by Rs300 per tola")
    >>> [(page[b.start:b.end][-15:], b.title, str(b.published)) for b in split_blocks(page)]
    [('officials said.', 'Troops head to Lebanon', '2024-06-08')]
    """
    end = len(text) if end is None else end
    # citation marks, correction notes and contents blocks read as spaces (offsets unchanged)
    text = reading_text(text)
    splitter = _Splitter(text, start, end, url)
    regions = splitter.run()
    blocks: list[Block] = []
    resolved: dict[int, tuple[PartialDate | None, PublishedSource]] = {}
    titles: dict[int, str | None] = {}
    for index, region in enumerate(regions):
        first, stop = splitter.trimmed(region)
        if index == 0 and published is not None:
            date: tuple[PartialDate | None, PublishedSource] = (published, published_source)
        elif region.kind == "continuation" and region.parent in resolved:
            date = resolved[region.parent]
        else:
            cand = splitter.date_of(index, region, first, stop)
            if cand is not None:
                date = (cand.date, PublishedSource.TEXT)
            elif index == 0 and fallback is not None:
                date = (fallback, fallback_source)
            else:
                date = (None, PublishedSource.NONE)
        resolved[index] = date
        if region.title is not None:
            head = splitter.lines[region.title]
            titles[index] = text[head.start : head.end]
        elif region.kind == "continuation" and region.parent is not None:
            titles[index] = titles.get(region.parent)
        else:
            titles[index] = title if index == 0 else None
        if stop <= first:
            continue
        b_start, b_end = splitter.lines[first].start, splitter.lines[stop - 1].end
        peacekeeping = is_peacekeeping(text[b_start:b_end])
        for w_start, w_end in _windows(text, b_start, b_end):
            blocks.append(
                Block(
                    start=w_start,
                    end=w_end,
                    title=titles[index] if w_start == b_start else None,
                    published=date[0],
                    published_source=date[1] if date[0] is not None else PublishedSource.NONE,
                    is_peacekeeping=peacekeeping,
                )
            )
    return tuple(blocks)


#: The longest block. Everything read per block (the story's country, missions, dates, and the
#: fact rules' look back over the block) is bounded by it, so a page with no article structure
#: (20 MB on one line) costs the same per character as a short one. News articles stay far below
#: it (the longest in the development pages is about 6,000 characters); a longer block is cut
#: into consecutive windows with the same date, at a line break, else a sentence end, else a space.
MAX_BLOCK_CHARS = 20_000


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_BLOCK_CHARS:
        low, high = start + MAX_BLOCK_CHARS // 2, start + MAX_BLOCK_CHARS
        cut = text.rfind("\n", low, high)
        if cut == -1:
            # after a sentence's end and its closing quote, before the space
            ends = [(text.rfind(mark, low, high), mark) for mark in (". ", "! ", "? ", ".\u201d ", '." ')]
            cut = max((pos + len(mark) - 1 for pos, mark in ends if pos != -1), default=-1)
        if cut == -1:
            cut = max(text.rfind(" ", low, high), text.rfind("\t", low, high))
        if cut == -1:
            cut = high
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    out.append((start, end))
    return out
