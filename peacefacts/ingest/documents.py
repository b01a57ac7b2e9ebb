"""Build :class:`~peacefacts.records.Document` objects from text or HTML.

Publication dates follow one precedence: a date the caller gives (argument, JSONL ``published``,
the ``# published:`` header of a saved page) wins for the first article block; else HTML metadata
(htmldate); else the dateline in the text (:mod:`peacefacts.ingest.datelines`); else none, never a
guess. Later blocks on the same page keep their own datelines.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import attrs

from peacefacts.errors import InputError
from peacefacts.ingest.blocks import split_blocks
from peacefacts.ingest.datelines import parse_date
from peacefacts.ingest.markup import DEEP_HTML_LEVELS, load_tree, page_text, tree_depth
from peacefacts.records import Block, Document, PartialDate, PublishedSource, WarningRecord
from peacefacts.vocab.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, alternation

__all__ = ["document_from_text", "document_from_html", "parse_header", "coerce_published", "looks_like_html"]

DateLike = str | _dt.date | PartialDate | None

# "# source: URL" / "# published: 2021-06-24|unknown", then a blank line (saved pages of the dev corpus)
_HEADER_LINE = re.compile(r"# ?(?P<key>[a-z_]+): ?(?P<value>[^\n]*?)[ \t]*\r?\n")
_HEADER_KEYS = frozenset({"source", "url", "published", "title"})
_HTML_START = re.compile(
    r"\A\s*<(?:!doctype\s+html|html|head|body)\b|\A\s*<[!?a-z][^>]*>[\s\S]{0,2000}?<(?:html|head|body)\b",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page (its first tags are a doctype, ``html``, ``head`` or ``body``).

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>"), looks_like_html("a < b")
    (True, False)
    """
    return bool(_HTML_START.match(text[:4096]))


def parse_header(text: str) -> tuple[dict[str, str], int]:
    """Read a ``# key: value`` header at the very start of ``text``.

    Returns:
        The header fields and the offset where the page text starts (after the blank line that
        ends the header); ``({}, 0)`` when there is no header.

    >>> parse_header("# source: http://x.org/a\\n# published: unknown\\n\\nText")
    ({'source': 'http://x.org/a', 'published': 'unknown'}, 47)
    """
    meta: dict[str, str] = {}
    pos = 0
    while True:
        match = _HEADER_LINE.match(text, pos)
        if not match or match.group("key") not in _HEADER_KEYS:
            break
        meta[match.group("key")] = match.group("value").strip()
        pos = match.end()
    if not meta or not ({"source", "published"} & meta.keys()):
        return {}, 0
    blank = re.match(r"[ \t]*\r?\n", text[pos:])
    return meta, pos + (blank.end() if blank else 0)


def coerce_published(value: DateLike, *, what: str = '"published"') -> PartialDate | None:
    """A publication date from a string (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, an ISO timestamp),
    a :class:`datetime.date` or a :class:`PartialDate`.

    Raises:
        InputError: the value is not a date.

    >>> coerce_published("2024-06"), coerce_published("2021-06-24T08:00:00Z")
    (PartialDate(year=2024, month=6, day=None), PartialDate(year=2021, month=6, day=24))
    """
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, _dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, _dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        text = value.strip()
        iso = re.match(r"(\d{4}-\d{2}-\d{2})[T ]\d", text)  # a timestamp: keep its day
        try:
            return PartialDate.from_string(iso.group(1) if iso else text)
        except ValueError:
            pass
    raise InputError(f"{what} is not a date (YYYY[-MM[-DD]]): {value!r}")


def _header_date_given(value: str | None) -> bool:
    return bool(value) and value.lower() not in ("unknown", "none", "null", "-")  # type: ignore[union-attr]


def _header_date(value: str | None) -> PartialDate | None:
    if not _header_date_given(value):
        return None
    assert value is not None
    try:
        return coerce_published(value)
    except InputError:
        return parse_date(value)  # "June 2021": read it rather than drop it


def _document(
    text: str,
    blocks: tuple[Block, ...],
    *,
    doc_id: str,
    url: str | None,
    title: str | None,
    fallback: PartialDate | None,
    fallback_source: PublishedSource,
    source_path: str | None,
) -> Document:
    # the document's date is the first peacekeeping block's, else the first block's
    lead = next((b for b in blocks if b.is_peacekeeping), blocks[0] if blocks else None)
    if lead is not None:
        published, source = lead.published, lead.published_source
    else:
        published, source = fallback, fallback_source if fallback is not None else PublishedSource.NONE
    if title is None and lead is not None:
        title = lead.title
    return Document(
        id=doc_id,
        text=text,
        url=url,
        title=title,
        published=published,
        published_source=source if published is not None else PublishedSource.NONE,
        blocks=blocks,
        source_path=source_path,
    )


def build_text_document(
    text: str,
    *,
    doc_id: str,
    url: str | None = None,
    title: str | None = None,
    published: DateLike = None,
    default_published: PartialDate | None = None,
    source_path: str | None = None,
) -> Document:
    """:func:`document_from_text` with a fallback date for documents that carry none of their own.

    ``published`` wins over a ``# published:`` header; ``default_published`` (the CLI's
    ``--published``) only fills in when the document has no date of its own, not even a dateline.
    """
    meta, body_start = parse_header(text)
    url = url or meta.get("source") or meta.get("url") or None
    given = coerce_published(published)
    warnings: tuple[WarningRecord, ...] = ()
    if given is None:
        given = _header_date(meta.get("published"))
        if given is None and _header_date_given(meta.get("published")):
            warnings = (
                WarningRecord(
                    doc=doc_id,
                    warning=f'"# published:" header is not a date: {meta["published"][:40]!r}; read without it',
                    kind="invalid_published",
                    stage="read",
                ),
            )
    from_url = url_date(url) if given is None and default_published is None else None
    blocks = split_blocks(
        text,
        body_start,
        url=url,
        published=given,
        published_source=PublishedSource.GIVEN,
        fallback=default_published or from_url,
        fallback_source=PublishedSource.URL if from_url is not None and default_published is None else PublishedSource.GIVEN,
    )
    given = given or default_published
    document = _document(
        text,
        blocks,
        doc_id=doc_id,
        url=url,
        title=title or meta.get("title") or None,
        fallback=given,
        fallback_source=PublishedSource.GIVEN,
        source_path=source_path,
    )
    return attrs.evolve(document, warnings=warnings) if warnings else document


def document_from_text(
    text: str,
    *,
    doc_id: str,
    url: str | None = None,
    title: str | None = None,
    published: DateLike = None,
) -> Document:
    """A :class:`Document` from plain text, split into dated article blocks.

    A ``# source: URL`` / ``# published: DATE|unknown`` header followed by a blank line (saved
    pages) is read and skipped; offsets stay relative to the whole text.

    Args:
        text: The page text.
        doc_id: The document id.
        url: Where the text comes from (overrides a ``# source:`` header).
        title: The headline, if known (else the first peacekeeping block's headline line).
        published: The publication date if known: it wins over the text's datelines for the
            first block.

    Raises:
        InputError: ``published`` is not a date.

    >>> doc = document_from_text("Troops leave for Mali\\nUpdated 08 June 2024\\n"
    ...     "The army said 800 peacekeepers will leave for MINUSMA next week.", doc_id="a")
    >>> str(doc.published), doc.published_source.value, doc.title
    ('2024-06-08', 'text', 'Troops leave for Mali')
    """
    return build_text_document(text, doc_id=doc_id, url=url, title=title, published=published)


def url_date(url: str | None) -> PartialDate | None:
    """A full date in a page's address ("…/2019/05/29/…", "…-2023-12-04-…"), read with htmldate's
    own pattern, else the year and month a site files a story under ("…/2024/01/slug", a month);
    None when the address has none (a year alone dates nothing).

    >>> url_date("https://example.org/news/2019/05/29/ghana-peacekeepers"), url_date("https://example.org/about")
    (PartialDate(year=2019, month=5, day=29), None)
    >>> url_date("http://example.cn/a/202106/24/WS60d4300e.html"), url_date("https://x.org/20190529_un.html")
    (PartialDate(year=2021, month=6, day=24), PartialDate(year=2019, month=5, day=29))
    >>> url_date("https://blog.example.com/2017/01/nigeria-troops.html"), url_date("https://x.org/files/2019/report.pdf")
    (PartialDate(year=2017, month=1, day=None), None)
    """
    if not url:
        return None
    from htmldate.extractors import COMPLETE_URL

    match = COMPLETE_URL.search(url) or _COMPACT_URL_DATE.search(url)
    try:
        if match is not None:
            return PartialDate(int(match[1]), int(match[2]), int(match[3]))
        named = _NAMED_MONTH_URL_DATE.search(url)
        if named is not None:
            number = MONTHS[named[2].lower()]
            return PartialDate(int(named[1]), number, int(named[3])) if named[3] else PartialDate(int(named[1]), number)
        month = _MONTH_URL_DATE.search(url)
        return PartialDate(int(month[1]), int(month[2])) if month else None
    except (ValueError, InputError):
        return None


# "/a/202106/24/…", "/20210624/…", "_20210624_": the compact shapes htmldate's pattern leaves out
_COMPACT_URL_DATE = re.compile(r"[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])/?(0[1-9]|[12]\d|3[01])(?=[/_.-])")
#: "/2024/01/indonesias-garuda-…", "/2017/05/36030": blogs and news sites file a story under its
#: year and month only; the month dates the story (a year alone, "/2019/report.pdf", dates nothing)
#: "/world/2019/mar/12/slug", "/2019/march/slug": a month by its name
_NAMED_MONTH_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)/(" + alternation([*MONTH_NAMES, *MONTH_ABBREVIATIONS]) + r")/(?:(0?[1-9]|[12]\d|3[01])/)?(?=[^/\s]*[A-Za-z])",
    re.IGNORECASE,
)
_MONTH_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(?=[^/\s]*[A-Za-z_-]|\d{3,})")


def _html_date(tree: Any, url: str | None) -> PartialDate | None:  # tree: an lxml element
    import htmldate

    try:
        # a parsed tree, never a string: htmldate fetches strings that look like URLs. Fast search
        # only (metadata, <time>, URL): the extensive text search turns "© 2023" into 2023-01-01,
        # and the text datelines below keep their real precision.
        found = htmldate.find_date(
            tree,
            extensive_search=False,
            original_date=True,
            outputformat="%Y-%m-%d",
            url=url,
            min_date="1945-01-01",
            max_date="2099-12-31",  # fixed, not "today": the same page always gives the same date
        )
    except Exception:  # noqa: BLE001 - htmldate on hostile markup must not stop a batch
        return None
    return PartialDate.from_string(found) if found else None


def build_html_document(
    html: str,
    *,
    doc_id: str,
    url: str | None = None,
    title: str | None = None,
    published: DateLike = None,
    default_published: PartialDate | None = None,
    source_path: str | None = None,
) -> Document:
    """:func:`document_from_html` with a fallback date for pages that carry none of their own.

    ``title`` (a corpus record's) wins over the page's own title as the document's title.
    """
    import trafilatura

    tree = load_tree(html)
    if tree is None:
        raise InputError("not parseable as HTML")
    text, meta_title = "", None
    if tree_depth(tree) <= DEEP_HTML_LEVELS:
        extracted = trafilatura.bare_extraction(
            tree,
            url=url,  # metadata only; trafilatura never fetches in bare_extraction
            include_comments=False,  # comment threads are full of unrelated numbers
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True, "max_date": "2099-12-31"},
        )
        text = getattr(extracted, "text", None) or ""  # a trafilatura Document, or None
        meta_title = getattr(extracted, "title", None)
        if not text.strip():
            text = trafilatura.html2txt(load_tree(html)) or ""  # no article found: keep the page text
    if not text.strip():
        # nested too deeply for a tree (or no text in it): read the page as a stream of events
        text, page_title = page_text(html)
        meta_title = meta_title or page_title
    if not text.strip():
        raise InputError("no text found in HTML")
    given = coerce_published(published)
    source = PublishedSource.GIVEN
    if given is None:
        given, source = _html_date(load_tree(html), url), PublishedSource.HTML
    blocks = split_blocks(
        text, url=url, published=given, published_source=source, title=meta_title, fallback=default_published
    )
    if given is None and default_published is not None:
        given, source = default_published, PublishedSource.GIVEN
    return _document(
        text,
        blocks,
        doc_id=doc_id,
        url=url,
        title=title or meta_title,
        fallback=given,
        fallback_source=source,
        source_path=source_path,
    )


def document_from_html(
    html: str,
    *,
    doc_id: str,
    url: str | None = None,
    published: DateLike = None,
) -> Document:
    """A :class:`Document` from an HTML page: the article text (trafilatura) and its date.

    ``Document.text`` is the extracted article text and every offset refers to it. The URL is
    only used as metadata; nothing is fetched. The date comes from ``published`` if given, else
    from the page metadata (htmldate, ``published_source="html"``), else from a dateline in the
    extracted text.

    Raises:
        InputError: the page has no text, or ``published`` is not a date.

    >>> page = ('<html><head><meta property="article:published_time" content="2023-03-14"></head>'
    ...         '<body><article><h1>Troops go to Mali</h1><p>The army said 800 peacekeepers will '
    ...         'leave for the UN mission in Mali next week, officials said on Tuesday.</p>'
    ...         '</article></body></html>')
    >>> doc = document_from_html(page, doc_id="p")
    >>> str(doc.published), doc.published_source.value, doc.text.splitlines()[0]
    ('2023-03-14', 'html', 'Troops go to Mali')
    """
    return build_html_document(html, doc_id=doc_id, url=url, published=published)
