"""Page chrome inside and after the article: citation marks, contents, notes, comment threads.

Some of what a scraped page carries is not the article's text, yet sits inside it or looks like
it: an encyclopedia's citation marks ("17,368 military personnel.[3]", "531[7] personnel") and
its table of contents ("Contents" / "1 History" / "2 Current deployments"), a reference list
("Retrieved 12 March 2024"), a correction note ("Correction: An earlier version of this story said
four peacekeepers were killed"), and a comment thread after the article ("4 thoughts on …",
"Kofi A. says:" / "April 19, 2024 at 8:12 am" / "Reply"). Read as text they give figures that
are not facts ("[3]" becomes 3 missions) and break the ones that are.

Two things are built from the shapes in ``resources/page_chrome.toml`` (data: a new shape is a
row with examples, and ``tests/test_chrome.py`` checks them):

* :func:`reading_text`: the text the pipeline reads. Citation marks (superscripts too), footnote and other notes and contents blocks
  are replaced by spaces of the same length, so every offset (blocks, sentences, evidence) is an
  offset into the page as given, and ``Document.text`` stays the page as given.
* :func:`line_kind`: what a line of chrome does (a comment thread starts, a heading ends the
  article, a button is ignored), for :mod:`peacefacts.ingest.blocks`.
"""

from __future__ import annotations

import functools
import re
import sys
from importlib import resources
from typing import Any

import attrs

from peacefacts import vocab
from peacefacts.ingest.cells import is_grand_total, is_total
from peacefacts.ingest.datelines import FULL_DATE_PATTERN, TIME_PATTERN, day_first_dates
from peacefacts.ingest.lines import split_lines

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "ChromeShape",
    "chrome_shapes",
    "mark_spans",
    "line_kind",
    "author_bios",
    "normalise_line",
    "comment_starts",
    "reading_text",
    "evidence_text",
    "line_shape",
    "CorrectionNote",
    "CorrectionPattern",
    "correction_notes",
    "correction_patterns",
    "correction_ignore_words",
    "LINE_KINDS",
]

#: The kinds a ``[[line]]`` row may give (see the data file's header for what each does).
LINE_KINDS = frozenset(
    {"comments", "comment_author", "comment_stamp", "note", "contents", "contents_entry", "boiler", "marker", "footer"}
)
#: Lines longer than this are prose, never chrome (and the line patterns never scan a huge line).
MAX_CHROME_LINE = 600
#: A "Name says:" line starts a comment when a time stamp or a "Reply" button follows within this
#: many lines (the stamp comes after the comment on some sites: "Anonymous said..." / text / "12:45 PM").
COMMENT_CADENCE = 3
#: A contents heading needs at least this many numbered entries after it to be a table of contents.
MIN_CONTENTS_ENTRIES = 2

_PLACEHOLDERS = {
    "{DATE}": FULL_DATE_PATTERN,
    "{TIME}": TIME_PATTERN,
    "{NAME}": r"[^\W\d_][\w.'’-]*(?:\s+[\w.'’-]+){0,3}",
}


@attrs.frozen
class ChromeShape:
    """One row of ``resources/page_chrome.toml``: a compiled pattern and the examples it is tested on."""

    name: str
    kind: str  # "mark" for inline marks, else one of LINE_KINDS
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    corrects: bool = False  # a correction note: :func:`correction_notes` reads what it retracts
    normalised: bool = False  # matched against :func:`normalise_line` of the line
    max_chars: int = 0  # the longest line it may match (0: :data:`MAX_CHROME_LINE`)

    def matches(self, line: str) -> bool:
        """Whether the shape matches ``line`` (a stripped line; for a mark, any text holding one)."""
        if self.kind == "mark":
            return bool(self.pattern.search(line))
        if self.max_chars and len(line) > self.max_chars:
            return False
        return bool(self.pattern.match(normalise_line(line) if self.normalised else line))


def _compile(source: str) -> re.Pattern[str]:
    for placeholder, pattern in _PLACEHOLDERS.items():
        source = source.replace(placeholder, pattern)
    return re.compile(source)


def _shape(row: dict[str, Any], kind: str) -> ChromeShape:
    if kind not in LINE_KINDS and kind != "mark":
        raise ValueError(f"page_chrome.toml: {row.get('name')!r} has an unknown kind {kind!r}")
    return ChromeShape(
        name=row["name"],
        kind=kind,
        pattern=_compile(row["pattern"]),
        examples=tuple(row.get("examples", ())),
        counter_examples=tuple(row.get("not", ())),
        corrects=bool(row.get("corrects", False)),
        normalised=bool(row.get("normalised", False)),
        max_chars=int(row.get("max_chars", 0)),
    )


def normalise_line(line: str) -> str:
    """A line as the ``normalised`` shapes see it: lower case, spaces collapsed, and a trailing
    "More>>", ":" or "|" removed (menus and sidebar headings are written every which way).

    >>> normalise_line("Hot topic  More>>"), normalise_line("RELATED STORIES:"), normalise_line("|")
    ('hot topic', 'related stories', '|')
    """
    line = re.sub(r"\s+", " ", line.strip().lower())
    line = re.sub(r"\s*(?:more\s*)?(?:>>|»|›)+\s*$", "", line)
    return line.rstrip(" :|").strip() or line


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return tomllib.loads(resources.files("peacefacts.resources").joinpath("page_chrome.toml").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def chrome_shapes() -> tuple[ChromeShape, ...]:
    """Every shape of ``resources/page_chrome.toml``: the inline marks first, then the line shapes in
    file order (the first line shape that matches a line gives its kind)."""
    data = _data()
    marks = [_shape(row, "mark") for row in data.get("mark", ())]
    lines = [_shape(row, row["kind"]) for row in data.get("line", ())]
    return (*marks, *lines)


@functools.lru_cache(maxsize=1)
def _marks_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{s.pattern.pattern})" for s in chrome_shapes() if s.kind == "mark"))


def _line_shapes() -> tuple[ChromeShape, ...]:
    return tuple(s for s in chrome_shapes() if s.kind != "mark")


def mark_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The citation and editorial marks in ``text[start:end]`` as (start, end) offsets.

    >>> t = "Since 1952, 50,000 have served.[2] As of 2023[update], 1,138 serve."
    >>> [t[s:e] for s, e in mark_spans(t)]
    ['[2]', '[update]']
    """
    end = len(text) if end is None else end
    return [m.span() for m in _marks_re().finditer(text, start, end)]


@functools.lru_cache(maxsize=8192)
def line_shape(line: str) -> ChromeShape | None:
    """The first line shape that matches one stripped line, or ``None`` (see :func:`line_kind`)."""
    if not line or len(line) > MAX_CHROME_LINE:
        return None
    for shape in _line_shapes():
        if shape.matches(line):
            return shape
    return None


def line_kind(line: str) -> str | None:
    """The chrome kind of one stripped line (the first shape that matches it), or ``None``.

    >>> line_kind("5 thoughts on “Our peacekeepers deserve better”"), line_kind("Reply")
    ('comments', 'boiler')
    >>> line_kind("Ghana deploys 2,300 personnel.") is None
    True
    """
    shape = line_shape(line)
    return None if shape is None else shape.kind


def _comment_follows(kinds: list[str | None], lines: list[str], i: int) -> bool:
    for k in range(i + 1, min(len(lines), i + 1 + COMMENT_CADENCE)):
        if kinds[k] == "comment_stamp" or lines[k].lower().startswith("reply"):
            return True
    return False


_BIO_START = re.compile(r"^(?:About the authors?\b|The (?:writer|author)s? (?:is|are|was)\b)", re.IGNORECASE)
_BYLINE_PREFIX = re.compile(r"^(?:By|BY|Written by|Reported by)\s+")


def author_bios(lines: list[str], kinds: list[str]) -> list[int]:
    """Indexes of body lines that are the author's bio: a paragraph that starts with a byline's
    name and "is"/"was" ("Ratu Seru Naivalu is a retired lieutenant colonel who served three tours
    with UNIFIL" after "By Ratu Seru Naivalu"), or "About the author" / "The writer is". A bio, like
    a footer, ends the article: its tours and commands are not the story's figures.

    >>> author_bios(["By Ama Mensah", "Ghana has 900 troops in Lebanon.", "Ama Mensah is a reporter who served 2 tours."],
    ...             ["byline", "body", "body"])
    [2]
    """
    names = []
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "byline":
            name = _BYLINE_PREFIX.sub("", line.strip()).split(",")[0].strip()
            if 2 <= len(name.split()) <= 5:
                names.append(name)
    return [
        i for i, (line, kind) in enumerate(zip(lines, kinds, strict=True))
        if kind == "body" and (
            _BIO_START.match(line.strip())
            or any(line.strip().startswith((name + " is ", name + " was ")) for name in names)
        )
    ]


def comment_starts(lines: list[str]) -> list[bool]:
    """For each stripped line, whether it opens a comment thread: a thread header ("4 thoughts on
    …", "Join the discussion"), or a "Name says:" line with a time stamp or a "Reply" button
    within :data:`COMMENT_CADENCE` lines after it.

    >>> comment_starts(["Kofi A. says:", "April 19, 2024 at 8:12 am", "Ghana has 500 police.", "Reply"])
    [True, False, False, False]
    >>> comment_starts(["The minister says:", "We will send 800 troops."])
    [False, False]
    """
    kinds = [line_kind(line) for line in lines]
    return [
        kind == "comments" or (kind == "comment_author" and _comment_follows(kinds, lines, i))
        for i, kind in enumerate(kinds)
    ]


def _masked_lines(text: str, page: str) -> list[tuple[int, int]]:
    """Whole lines that are never article text: notes, and contents blocks. ``text`` is ``page``
    with its marks masked; a note is also known by a mark it starts with ("[3] UN Peacekeeping …")."""
    lines = list(split_lines(page))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        kind = line_kind(text[start:end].strip())
        if kind is None and text is not page and text[start] != page[start]:
            kind = line_kind(page[start:end])
        if kind == "note":
            out.append((start, end))
        elif kind == "contents":
            j = i + 1
            while j < len(lines) and line_kind(text[lines[j].start : lines[j].end].strip()) == "contents_entry":
                j += 1
            if j - i - 1 >= MIN_CONTENTS_ENTRIES:
                out.extend((s, e) for s, e in lines[i:j])
                i = j
                continue
        i += 1
    return out


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        if end <= start:
            continue
        pieces.append(text[pos:start])
        # a mark never spans a line break, a masked line holds none: the line structure is kept
        pieces.append(" " * (end - start))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


#: Texts up to this size are remembered (ingest, the planner and the extractor ask for the same
#: document's reading text); longer ones are masked afresh each time, so memory stays bounded.
_REMEMBER_CHARS = 1_000_000


def reading_text(text: str) -> str:
    """``text`` as the pipeline reads it: citation marks, correction and reference notes and
    contents blocks replaced by spaces of the same length, and on a page that writes numeric
    dates month first, those dates written day first in place
    (:func:`peacefacts.ingest.datelines.day_first_dates`): every offset stays valid. Evidence is
    cut from it with the dates as the page wrote them, so a fact's evidence shows a space where
    the page had "[3]".

    >>> reading_text("UNAMSIL deployed 17,368 military personnel.[3]")
    'UNAMSIL deployed 17,368 military personnel.   '
    >>> reading_text("Three were killed.\\nCorrection: An earlier version said four.").splitlines()[1].strip()
    ''
    """
    return _reading_memo(text) if len(text) <= _REMEMBER_CHARS else day_first_dates(key_value_rows(_masked(text)))


@functools.lru_cache(maxsize=64)
def _reading_memo(text: str) -> str:
    return day_first_dates(key_value_rows(evidence_text(text)))


#: a two-cell row of pipes whose second cell is a figure ("| Uniformed personnel | 61,337 |")
_KEY_VALUE_ROW = re.compile(r"^(?P<lead>[ \t]*)\|(?P<label>[^|\n]*[A-Za-z][^|\n]*)\|(?P<value>[ \t]*[\d$][^|\n]*)\|[ \t]*$", re.MULTILINE)
_YEAR_CELL = re.compile(r"\s*(?:1[89]|20)\d\d\s*")


#: a label, a run of leader dots and a figure ("Uniformed personnel deployed .......... 884")
_LEADER_ROW = re.compile(
    r"^(?P<label>[ \t]*[^\n.…]*[A-Za-z][^\n.…]*?[ \t]*)(?P<dots>[.…]{4,}|…{2,}|(?<= )\.(?= ))(?P<value>[ \t]*\d[^\n]*)$",
    re.MULTILINE,
)
# "Troops – 1,050", "Uniformed personnel as of Dec 2023 — 2,800.": a label, a dash with one space
# on each side and a line that ends with the bare figure (prose goes on after its figure). A
# column-aligned row ("2      Vanuatu   –        8") is a table's, its dash an empty cell.
_DASH_ROW = re.compile(
    r"^(?P<label>[A-Za-z](?:[^\n\t\u2013\u2014 ]| (?! ))*?)(?P<dots> [-\u2013\u2014] )"
    r"(?P<value>\d[\d,]*(?:\.\d+)?\.?)[ \t]*$",
    re.MULTILINE,
)


def _keys_a_table_row(label: str) -> bool:
    """Whether a label is a table row's key (a country, a mission, a total or a year), which the
    table reader reads, not a box's label."""
    label = label.strip().rstrip(":*").strip()
    return bool(vocab.country_for(label) or vocab.mission_for(label) or is_total(label) or is_grand_total(label) or _YEAR_CELL.fullmatch(label))


def _leader_as_colon(m: re.Match[str]) -> str:
    label = m.group("label").strip()
    if _keys_a_table_row(label) and not (is_total(label) or is_grand_total(label)):
        return m.group(0)  # a table's row ("Ghana ........ 2,644"), left to the table reader (a box's "Total ..... 3,702" is a box line)
    dots = m.group("dots")
    return m.group("label") + ":" + " " * (len(dots) - 1) + m.group("value")


def key_value_rows(text: str) -> str:
    """A box of labelled figures written as a two-column table ("| Uniformed personnel | 61,337 |",
    "| Fatalities since 1948 | 4,378 |") read as the "label: figure" lines it stands for, offsets
    unchanged (the border pipes become spaces, the middle one a colon). A row keyed by a country,
    a mission, a total or a year is a table's row and is left to the table reader.

    >>> key_value_rows("| Uniformed personnel | 61,337 |")
    '  Uniformed personnel : 61,337  '
    >>> key_value_rows("| Rwanda | 5,243 |")
    '| Rwanda | 5,243 |'

    A label and its figure joined by leader dots are read the same way:

    >>> key_value_rows("Uniformed personnel deployed ...... 884")
    'Uniformed personnel deployed :      884'

    and so are a label and a figure that ends its line joined by a spaced dash:

    >>> key_value_rows("Troops – 1,050")
    'Troops:  1,050'
    """
    if "...." in text or "…" in text or " . " in text:
        text = _LEADER_ROW.sub(_leader_as_colon, text)
    if " – " in text or " — " in text or " - " in text:
        text = _DASH_ROW.sub(_leader_as_colon, text)
    if "|" not in text:
        return text

    def rewrite(m: re.Match[str]) -> str:
        if _keys_a_table_row(m.group("label")):
            return m.group(0)
        whole = m.group(0)
        first = len(m.group("lead"))
        middle = first + 1 + len(m.group("label"))
        last = whole.rindex("|")
        return whole[:first] + " " + whole[first + 1 : middle] + ":" + whole[middle + 1 : last] + " " + whole[last + 1 :]

    return _KEY_VALUE_ROW.sub(rewrite, text)


def evidence_text(text: str) -> str:
    """:func:`reading_text` with the dates as the page wrote them: what a fact's evidence is cut
    from (the chrome masked, offsets unchanged; the same string as the reading text on a page that
    writes its dates day first)."""
    return _masked_memo(text) if len(text) <= _REMEMBER_CHARS else _masked(text)


@functools.lru_cache(maxsize=64)
def _masked_memo(text: str) -> str:
    return _masked(text)


def _masked(text: str) -> str:
    marks = mark_spans(text)
    masked = _blank(text, marks) if marks else text
    lines = _masked_lines(masked, text)
    return _blank(masked, lines) if lines else masked


# --- correction notes -----------------------------------------------------------------------------


@attrs.frozen
class CorrectionNote:
    """A correction note's line and, inside it, the retracted phrase and the corrected one
    (offsets into the page; reading the figures in them is :mod:`peacefacts.nlp.corrections`'s)."""

    start: int
    end: int
    wrong: tuple[int, int]
    right: tuple[int, int]
    #: more words about what the retracted figure counts, when the pattern has them ("450, not
    #: 540, police officers serve in Mali"); else an empty span
    words: tuple[int, int] = (0, 0)


@attrs.frozen
class CorrectionPattern:
    """One ``[[correction.pattern]]`` row: the groups ``wrong`` and ``right`` (and optionally
    ``words``: more of what the retracted figure counts), with examples of retracted and corrected values."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, int, int], ...]


@functools.lru_cache(maxsize=1)
def correction_patterns() -> tuple[CorrectionPattern, ...]:
    """The ``[[correction.pattern]]`` rows of ``resources/page_chrome.toml``, in file order."""
    rows = _data().get("correction", {}).get("pattern", ())
    return tuple(
        CorrectionPattern(
            name=row["name"],
            pattern=re.compile(row["pattern"]),
            examples=tuple((e["text"], int(e["wrong"]), int(e["right"])) for e in row.get("examples", ())),
        )
        for row in rows
    )


@functools.lru_cache(maxsize=1)
def correction_ignore_words() -> frozenset[str]:
    """The words of a correction note that say nothing about what the figure counts ("earlier",
    "version", "said"): ``[correction] ignore_words`` of ``resources/page_chrome.toml``."""
    return frozenset(_data().get("correction", {}).get("ignore_words", ()))


# only a page that says one of these can hold a correction note (spares the line walk elsewhere)
_CORRECTION_CUE = re.compile(r"(?i)correct|clarif|erratum|(?:earlier|previous|original|prior) version|updated|amended")


def correction_notes(text: str) -> list[CorrectionNote]:
    """The correction notes of a page with what each retracts and puts instead.

    >>> page = "Four were killed.\\nCorrection: An earlier version said 120; the figure is 210."
    >>> [(page[n.wrong[0] : n.wrong[1]], page[n.right[0] : n.right[1]]) for n in correction_notes(page)]
    [(' 120', 'the figure is 210')]
    """
    if not _CORRECTION_CUE.search(text):
        return []
    out = []
    for start, end in split_lines(text):
        shape = line_shape(text[start:end])
        if shape is None or not shape.corrects:
            continue
        for row in correction_patterns():
            match = row.pattern.search(text, start, end)
            if match is None:
                continue
            words = match.span("words") if "words" in row.pattern.groupindex and match.group("words") else (0, 0)
            out.append(CorrectionNote(start, end, match.span("wrong"), match.span("right"), words))
            break
    return out
