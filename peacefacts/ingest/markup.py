"""HTML pages into trees and text, whatever their depth.

libxml2 (under lxml and trafilatura) stops at 256 levels of nesting and, even with its
``huge_tree`` option, at 2,048: what lies deeper is silently dropped, and trafilatura slows down
with depth. So a page is parsed with ``huge_tree`` (:func:`load_tree`), and a page nested deeper
than :data:`DEEP_HTML_LEVELS` is read by :func:`page_text` instead: the standard library's
event parser, which keeps no tree, so nothing is lost and the time is linear in the page.
"""

from __future__ import annotations

import html.parser
import re
from typing import Any

__all__ = ["DEEP_HTML_LEVELS", "load_tree", "tree_depth", "page_text"]

#: Pages nested deeper than this skip trafilatura's article finder (which slows down with depth
#: and whose parser loses anything below 2,048 levels) for :func:`page_text`.
DEEP_HTML_LEVELS = 400

_PARSER: Any = None


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        from lxml.html import HTMLParser

        # trafilatura's own settings, plus huge_tree: no 256-level limit
        _PARSER = HTMLParser(
            collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True,
            huge_tree=True,
        )  # fmt: skip
    return _PARSER


def load_tree(markup: str) -> Any:
    """The page as an lxml tree (``None`` when there is nothing to parse)."""
    from lxml.etree import ParserError
    from lxml.html import fromstring

    data = markup.encode("utf-8", "surrogatepass")
    try:
        tree = fromstring(data, parser=_parser())
    except (ParserError, ValueError):
        return None
    return tree if tree is not None and len(tree) else None


def tree_depth(tree: Any) -> int:
    """How deeply the tree nests (iteratively: a deep tree must not exhaust the stack)."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node)
    return deepest


_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
_BLOCK = frozenset(
    """p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table section article header footer aside nav
    blockquote pre figure figcaption main address hr form fieldset details summary""".split()
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


class _TextCollector(html.parser.HTMLParser):
    """Text of a page, one line per block element; nothing inside script, style or head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def page_text(markup: str) -> tuple[str, str | None]:
    """All the visible text of a page and its ``<title>``, by an event parser (no tree, no depth
    limit): one line per block element, spaces collapsed, blank lines dropped.

    >>> page_text("<html><head><title>T</title></head><body>" + "<div>" * 3000 + "<p>Deep text.</p>")
    ('Deep text.', 'T')
    """
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    title = _SPACES.sub(" ", "".join(collector.title)).strip() or None
    return "\n".join(line for line in lines if line), title
