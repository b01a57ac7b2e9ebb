"""UN missions: the one table (``resources/missions.tsv``) and the lookups every layer uses.

Each :class:`Mission` has its acronym (the id a fact's subject uses), full name, aliases, kind
(``peacekeeping`` or ``political``), the places it serves in and its years. The lookups:

* :func:`mission_for` — the mission a name or acronym refers to;
* :func:`mission_mentions` — every mission named in a text, in linear time (a word trie, not one
  regex alternation of every name);
* :func:`missions_at` / :func:`mission_at` — the missions serving at a place in a year ("Bangui",
  2015 → MINUSCA; 1999 → MINURCA); :func:`place_mentions` finds those places in a text.

Matching follows the table's rule: a name of several words matches in any case and spelling of
"United Nations" ("UN", "U.N."); a single word (an acronym, or an alias such as "Minusma") matches
only as written, so "UNPKO" or "untag" are not missions. A bare acronym shared by numbered
missions ("UNOSOM" for UNOSOM I and II) is returned as written unless a year says which.

>>> mission_for("United Nations Interim Force in Lebanon"), mission_for("Minusma"), mission_for("UNPKO")
('UNIFIL', 'MINUSMA', None)
>>> [(m.text, m.acronym) for m in mission_mentions("Minusma and the U.N. Mission in South Sudan")]
[('Minusma', 'MINUSMA'), ('U.N. Mission in South Sudan', 'UNMISS')]
>>> mission_at("Bangui", 2015), mission_at("Bangui", 1999), mission_for("UNOSOM", year=1994)
('MINUSCA', 'MINURCA', 'UNOSOM II')
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple, Optional

import attrs

from peacefacts.vocab.countries import country_for, country_names, is_acronym
from peacefacts.vocab.text import normalize, read_table

__all__ = [
    "Mission",
    "MissionMention",
    "PlaceMention",
    "missions",
    "mission",
    "mission_for",
    "mission_mentions",
    "missions_at",
    "mission_at",
    "place_mentions",
]

MissionKind = Literal["peacekeeping", "political"]
_COLUMNS = ["acronym", "kind", "start", "end", "name", "aliases", "places"]


@attrs.frozen(kw_only=True)
class Mission:
    """One UN mission, as the table lists it.

    Attributes:
        acronym: its id, as a fact's subject uses it ("UNIFIL", "UNOSOM II").
        name: the full English name.
        kind: ``"peacekeeping"`` or ``"political"`` (a special political or other field mission).
        start: the first year of deployment.
        end: the last year, or ``None`` while it is deployed.
        aliases: other names and spellings (not the "UN"/"U.N." variants, which are derived).
        places: countries, regions and cities it serves in, the main host first.
    """

    acronym: str
    name: str
    kind: MissionKind
    start: int
    end: Optional[int] = None
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    @property
    def is_current(self) -> bool:
        """Whether the mission is still deployed."""
        return self.end is None

    def active_in(self, year: int) -> bool:
        """Whether the mission was deployed at some time in ``year``."""
        return self.start <= year <= (self.end if self.end is not None else 9999)


class MissionMention(NamedTuple):
    """A mission named in a text: offsets, the words as written and the mission's acronym."""

    start: int
    end: int
    text: str
    acronym: str


class PlaceMention(NamedTuple):
    """A place where a mission serves, named in a text (a country by its short name)."""

    start: int
    end: int
    text: str
    place: str


# --------------------------------------------------------------------------------------------
# the table


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split("|") if item.strip())


@functools.lru_cache(maxsize=1)
def _table() -> tuple[Mission, ...]:
    rows = read_table("missions.tsv")
    if not rows or rows[0][: len(_COLUMNS)] != _COLUMNS:
        raise ValueError(f"missions.tsv must start with the header row {_COLUMNS}")
    out = []
    for row in rows[1:]:
        acronym, kind, start, end, name, aliases, places = row[: len(_COLUMNS)]
        if kind not in ("peacekeeping", "political"):
            raise ValueError(f"missions.tsv: {acronym}: kind must be peacekeeping or political, not {kind!r}")
        out.append(
            Mission(
                acronym=acronym,
                name=name,
                kind="peacekeeping" if kind == "peacekeeping" else "political",
                start=int(start),
                end=int(end) if end else None,
                aliases=_split(aliases),
                places=_split(places),
            )
        )
    return tuple(out)


def missions(kind: Optional[MissionKind] = None) -> tuple[Mission, ...]:
    """Every mission of the table (of one ``kind``), in order of their start."""
    return tuple(m for m in _table() if kind is None or m.kind == kind)


@functools.lru_cache(maxsize=1)
def _by_acronym() -> dict[str, Mission]:
    return {m.acronym: m for m in _table()}


def mission(acronym: str) -> Optional[Mission]:
    """The mission whose id is ``acronym`` ("UNIFIL"), or ``None``."""
    return _by_acronym().get(acronym)


# --------------------------------------------------------------------------------------------
# names: a word trie, exact for single words, case-insensitive for names of several words

_TOKEN = re.compile(r"\w+")
# what may stand between two words of one name: spaces, and one run of "-", "/", ".", "," or "'"
_GAP = re.compile(r"[^\S\n]*(?:[-–/.,'’]+[^\S\n]*)?")
_UN = re.compile(r"\bUnited Nations\b")


class _Node:
    __slots__ = ("children", "values")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.values: set[str] = set()  # what a name ending here stands for


class _Trie:
    """Names as word sequences: walk the words of a text from any position, longest match wins."""

    def __init__(self) -> None:
        self.root = _Node()

    def add(self, words: Sequence[str], value: str) -> None:
        node = self.root
        for word in words:
            node = node.children.setdefault(word, _Node())
        node.values.add(value)

    def walk(self, text: str, tokens: Sequence[re.Match[str]], i: int, folded: bool) -> tuple[int, set[str]]:
        """(number of words, values) of the longest name starting at word ``i``; (0, set()) if none."""
        node = self.root
        best: tuple[int, set[str]] = (0, set())
        for j in range(i, len(tokens)):
            if j > i and not _GAP.fullmatch(text, tokens[j - 1].end(), tokens[j].start()):
                break
            word = tokens[j].group()
            nxt = node.children.get(normalize(word) if folded else word)
            if nxt is None:
                break
            node = nxt
            if node.values:
                best = (j - i + 1, node.values)
        return best


def _words(name: str, folded: bool) -> list[str]:
    return [normalize(w) if folded else w for w in _TOKEN.findall(name)]


def _add_name(exact: _Trie, folded: _Trie, name: str, value: str) -> None:
    if len(_TOKEN.findall(name)) == 1:
        exact.add(_words(name, False), value)
        return
    for variant in {name, _UN.sub("UN", name), _UN.sub("U.N.", name)}:
        folded.add(_words(variant, True), value)


class _Tries(NamedTuple):
    """Names as written (acronyms) and folded, and a memo of the words that can open one."""

    exact: _Trie
    folded: _Trie
    #: a word as written -> whether a name of either trie starts with it: a scan asks this of
    #: every word of every text, and a dictionary look-up is a fraction of a call to normalize
    opens: dict[str, bool]


#: words remembered in a ``_Tries.opens`` before it starts afresh
_MAX_OPENS = 1 << 16


@functools.lru_cache(maxsize=1)
def _name_tries() -> _Tries:
    exact, folded = _Trie(), _Trie()
    for m in _table():
        for name in (m.acronym, m.name, *m.aliases):
            _add_name(exact, folded, name, m.acronym)
    return _Tries(exact, folded, {})


def _longest(tries: _Tries, text: str, tokens: Sequence[re.Match[str]], i: int) -> tuple[int, set[str]]:
    exact, folded = tries.exact, tries.folded
    a = exact.walk(text, tokens, i, folded=False)
    b = folded.walk(text, tokens, i, folded=True)
    return a if a[0] >= b[0] else b


def _resolve(acronyms: Iterable[str], year: Optional[int]) -> str:
    """One acronym; for a name shared by numbered missions, the one of ``year``, else the shared stem."""
    options = sorted(acronyms)
    if len(options) == 1:
        return options[0]
    if year is not None:
        active = [a for a in options if _by_acronym()[a].active_in(year)]
        if len(active) == 1:
            return active[0]
    stem = os.path.commonprefix([a.split() for a in options])  # word by word: "UNOSOM", not "UNOSOM I"
    return " ".join(stem) or options[0]


def _scan(tries: _Tries, text: str) -> Iterable[tuple[int, int, set[str]]]:
    tokens = list(_TOKEN.finditer(text))
    # most words start no name: two look-ups (remembered per word) rule them out before a walk
    exact_first, folded_first = tries.exact.root.children, tries.folded.root.children
    opens = tries.opens
    i = 0
    while i < len(tokens):
        word = tokens[i].group()
        can_open = opens.get(word)
        if can_open is None:
            if len(opens) >= _MAX_OPENS:
                opens.clear()
            can_open = opens[word] = word in exact_first or normalize(word) in folded_first
        if not can_open:
            i += 1
            continue
        n, values = _longest(tries, text, tokens, i)
        if n:
            yield tokens[i].start(), tokens[i + n - 1].end(), values
            i += n
        else:
            i += 1


def mission_mentions(text: str, *, year: Optional[int] = None) -> list[MissionMention]:
    """Every mission named in ``text``, left to right, the longest name at each place.

    Linear in the text: words are walked through a trie of the table's names.

    Args:
        text: any text.
        year: resolves a bare acronym shared by numbered missions ("UNOSOM" in 1994 is UNOSOM II).

    >>> [m.acronym for m in mission_mentions("MONUSCO took over from MONUC; UNPKO and UNICEF are not missions")]
    ['MONUSCO', 'MONUC']
    """
    return [
        MissionMention(start, end, text[start:end], _resolve(values, year))
        for start, end, values in _scan(_name_tries(), text)
    ]


def mission_for(text: str, *, year: Optional[int] = None) -> Optional[str]:
    """The acronym of the mission ``text`` names (an acronym, alias or full name), or ``None``.

    The whole text must be the name (trailing punctuation aside): "UNIFIL's" or "the UNIFIL
    force" are not names; use :func:`mission_mentions` to find names in a text.

    >>> mission_for("UN Mission in South Sudan"), mission_for("Congo operation"), mission_for("unifil")
    ('UNMISS', 'ONUC', None)
    """
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return None
    n, values = _longest(_name_tries(), text, tokens, 0)
    if n != len(tokens):
        return None
    return _resolve(values, year)


# --------------------------------------------------------------------------------------------
# places


def _place_key(place: str) -> str:
    """Countries by their short name (so "Ivory Coast" is "Cote d'Ivoire"), other places folded."""
    country = country_for(place, demonyms=False)
    return f"country:{country}" if country else normalize(place)


@functools.lru_cache(maxsize=1)
def _places() -> dict[str, tuple[Mission, ...]]:
    index: dict[str, list[Mission]] = {}
    for m in _table():
        for place in m.places:
            index.setdefault(_place_key(place), []).append(m)
    return {key: tuple(found) for key, found in index.items()}


@functools.lru_cache(maxsize=1)
def _place_tries() -> _Tries:
    exact, folded = _Trie(), _Trie()
    for m in _table():
        for place in m.places:
            key = _place_key(place)
            country = key.removeprefix("country:") if key.startswith("country:") else None
            # a country by any of its names; its acronym ("CAR", "DRC") only in capitals
            for name in (country_names(country) or (country,)) if country else (place,):
                trie, words = (exact, _words(name, False)) if is_acronym(name) else (folded, _words(name, True))
                trie.add(words, country or place)
    return _Tries(exact, folded, {})


def place_mentions(text: str) -> list[PlaceMention]:
    """Every place in ``text`` where a mission serves or served, left to right, longest first.

    A country is returned by its short name ("Ivory Coast" → ``Cote d'Ivoire``); its acronym only
    counts in capitals ("CAR", not "car"). Demonyms are not places ("Malian troops").

    >>> [(p.text, p.place) for p in place_mentions("Gunmen attacked a patrol near Bangui, in the CAR; a car was hit")]
    [('Bangui', 'Bangui'), ('CAR', 'Central African Republic')]
    """
    return [
        PlaceMention(start, end, text[start:end], sorted(values)[0])
        for start, end, values in _scan(_place_tries(), text)
    ]


def missions_at(place: str, year: Optional[int] = None) -> tuple[Mission, ...]:
    """The missions serving at ``place`` (a country, region or city) in ``year``.

    Peacekeeping operations come before political missions, and the most recently started first
    (the mission a report of that time most likely means); with no year, current missions first.
    A place is where something happened: the country of the victims or of the troops is not one
    (India and Pakistan host UNMOGIP, and contribute troops everywhere).

    >>> [m.acronym for m in missions_at("Lebanon", 2006)], [m.acronym for m in missions_at("Haiti", 2019)]
    (['UNIFIL', 'UNTSO'], ['MINUJUSTH', 'BINUH'])
    """
    found = _places().get(_place_key(place), ())
    if year is not None:
        found = tuple(m for m in found if m.active_in(year))

    def order(m: Mission) -> tuple[bool, bool, int]:
        return (m.kind != "peacekeeping", year is None and not m.is_current, -m.start)

    return tuple(sorted(found, key=order))


def mission_at(place: str, year: Optional[int] = None) -> Optional[str]:
    """The acronym of the first of :func:`missions_at`, or ``None``."""
    found = missions_at(place, year)
    return found[0].acronym if found else None
