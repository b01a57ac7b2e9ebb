"""Lines with offsets: the first cut of every text, before blocks and sentences.

"Lines first, then sentences" holds everywhere in peacefacts (a sidebar of headlines must never
become one sentence), so the line splitter sits at the bottom of the pipeline: ingest splits a
page into article blocks by its lines, and :mod:`peacefacts.nlp.segment` splits lines into
sentences.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

__all__ = ["Line", "split_lines", "wrap_width", "continues_wrapped"]


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


_TERMINAL = tuple(".!?:;…")
_CLOSERS = "\"”’')]"


def wrap_width(text: str, start: int = 0, end: int | None = None) -> int | None:
    r"""The column a text copied from print, PDF or e-mail was wrapped at, or ``None``.

    Wrapped text has many lines of nearly the same length, just under the wrap column, that stop
    in mid-sentence; web text has one line per paragraph. The width is the 90th percentile of the
    line lengths when at least half the lines of prose length come within 75% of it and most of
    those lines do not end a sentence.

    >>> page = ("The United Nations on Wednesday held ceremonies to pay tribute\n"
    ...         "to the more than 3,500 people who have died on duty since 1948\n"
    ...         "and acknowledged the dedication and courage of those serving in\n"
    ...         "the field, as it marked the International Day of United Nations\n"
    ...         "Peacekeepers.")
    >>> wrap_width(page)
    63
    >>> wrap_width("One paragraph on a line.\n\nAnother paragraph, also on one line.") is None
    True
    """
    lengths = [e - s for s, e in split_lines(text, start, end) if e - s >= 30]
    if len(lengths) < 4:
        return None
    lengths.sort()
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 140:
        return None
    near = [n for n in lengths if n >= 0.75 * width]
    if len(near) < 0.5 * len(lengths):
        return None
    open_ends = sum(
        1 for s, e in split_lines(text, start, end)
        if e - s >= 0.75 * width and not text[s:e].rstrip(_CLOSERS).endswith(_TERMINAL)
    )
    return width if open_ends >= 0.5 * len(near) else None


def continues_wrapped(line: str, next_line: str, width: int | None) -> bool:
    """Whether ``next_line`` carries on the sentence ``line`` broke off.

    In wrapped text a line that reaches the wrap column without ending a sentence always runs on,
    whatever the next line starts with ("… Wednesday 13" / "January 2021, …"); elsewhere only a
    next line in lower case does.
    """
    if not line or not next_line or line.rstrip(_CLOSERS).endswith(_TERMINAL):
        return False
    if next_line[0].islower():
        return True
    return width is not None and len(line) >= 0.75 * width and next_line[0] not in "-–—•*#|"
