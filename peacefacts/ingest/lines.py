"""Lines with offsets: the first cut of every text, before blocks and sentences.

"Lines first, then sentences" holds everywhere in peacefacts (a sidebar of headlines must never
become one sentence), so the line splitter sits at the bottom of the pipeline: ingest splits a
page into article blocks by its lines, and :mod:`peacefacts.nlp.segment` splits lines into
sentences.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

__all__ = ["Line", "split_lines"]


class Line(NamedTuple):
    """A stripped, non-blank line as character offsets into the document text."""

    start: int
    end: int


def split_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """Yield the non-blank lines of ``text[start:end]``, stripped, as offsets.

    >>> t = "  Six killed \\n\\nUN troops arrive\\n"
    >>> [t[s:e] for s, e in split_lines(t)]
    ['Six killed', 'UN troops arrive']
    """
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        s, e = pos, line_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield Line(s, e)
        pos = line_end + 1
