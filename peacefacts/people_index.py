"""One entry per person across documents: every role they held, when, and where it was said.

:func:`~peacefacts.nlp.people.find_people` gives one :class:`~peacefacts.records.Person` per person
*per document*. The index merges those across documents: names are compared without accents,
ranks, honorifics, nicknames or particles ("General Jean-Pierre Lacroix" = "Jean-Pierre Lacroix";
"Lacroix" joins the one full name with that surname; "J. Lacroix" and "Mohsen Naqvi" match by
initial and by a close spelling, scored with rapidfuzz). Roles are merged when they are the same
title written differently ("UN Under-Secretary-General for Peace Operations" and "Under Secretary
General for Peace Operations"), and each role keeps the publication dates of the documents (or
article blocks) that state it. No model is needed: the index is built from extraction results or
from the records of a saved ``peacefacts extract`` JSONL file.

Example:
    >>> from peacefacts.records import Person, Document
    >>> docs = [Document(id="a", text="", published="2025-04-19"), Document(id="b", text="")]
    >>> people = [
    ...     Person(doc="a", name="Faisal Shahkar", role="Secretary-General's Advisor", organization="UN"),
    ...     Person(doc="b", name="Faisal Shahkar", role="Police Adviser", organization="UN"),
    ... ]
    >>> index = build_people_index([*docs, *people])
    >>> [(r.role, [str(d) for d in r.dates], list(r.docs)) for r in index.find("Shahkar").roles]
    [("Secretary-General's Advisor", ['2025-04-19'], ['a']), ('Police Adviser', [], ['b'])]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
from rapidfuzz import fuzz

from peacefacts.nlp.people import name_key, strip_titles
from peacefacts.records import Document, ErrorRecord, ExtractionResult, Fact, PartialDate, Person

__all__ = ["PeopleIndex", "IndexedPerson", "HeldRole", "build_people_index", "same_person", "role_key"]

#: What :func:`build_people_index` accepts: results, or records read back from JSONL.
IndexInput = ExtractionResult | Person | Document | ErrorRecord | Fact

# First names closer than this (rapidfuzz ``fuzz.ratio``, 0-100) are spellings of one name
# ("Mohsin"/"Mohsen" 83, "Mohammad"/"Muhammad" 88); "Eric"/"Donald" score far below.
_FIRST_NAME_SIMILARITY = 80.0
# Whole keys this close (``fuzz.token_sort_ratio``) with the same surname initial are one person
# written twice ("Antonio Guterres"/"Antonio Gutteres" 97).
_NAME_SIMILARITY = 92.0


@attrs.frozen(kw_only=True)
class HeldRole:
    """One role a person held, with the evidence for it across documents."""

    role: str
    organization: str | None = None
    dates: tuple[PartialDate, ...] = ()  # publication dates of the documents that state it
    docs: tuple[str, ...] = ()  # every document that states it (dated or not)
    variants: tuple[str, ...] = ()  # the role as each document wrote it

    @property
    def first_date(self) -> PartialDate | None:
        return self.dates[0] if self.dates else None

    @property
    def last_date(self) -> PartialDate | None:
        return self.dates[-1] if self.dates else None


@attrs.frozen(kw_only=True)
class IndexedPerson:
    """One person across documents."""

    name: str
    variants: tuple[str, ...] = ()
    roles: tuple[HeldRole, ...] = ()
    docs: tuple[str, ...] = ()

    @property
    def first_seen(self) -> PartialDate | None:
        dates = [d for r in self.roles for d in r.dates] + list(self._mention_dates)
        return min(dates, key=PartialDate.sort_key) if dates else None

    @property
    def last_seen(self) -> PartialDate | None:
        dates = [d for r in self.roles for d in r.dates] + list(self._mention_dates)
        return max(dates, key=PartialDate.sort_key) if dates else None

    _mention_dates: tuple[PartialDate, ...] = attrs.field(default=(), repr=False, alias="mention_dates")

    def to_record(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        first, last = self.first_seen, self.last_seen
        return {
            "name": self.name,
            "variants": list(self.variants),
            "docs": list(self.docs),
            "first_seen": None if first is None else str(first),
            "last_seen": None if last is None else str(last),
            "roles": [
                {
                    "role": r.role,
                    "organization": r.organization,
                    "dates": [str(d) for d in r.dates],
                    "docs": list(r.docs),
                    "variants": list(r.variants),
                }
                for r in self.roles
            ],
        }


@attrs.frozen
class PeopleIndex:
    """People merged across documents, sorted by name.

    Iterate over it, ``len()`` it, :meth:`find` a person by any form of the name, or turn it
    into plain dicts with :meth:`to_records`.
    """

    people: tuple[IndexedPerson, ...] = ()

    def __iter__(self) -> Iterator[IndexedPerson]:
        return iter(self.people)

    def __len__(self) -> int:
        return len(self.people)

    def find(self, name: str) -> IndexedPerson | None:
        """The person a name (full, surname only, with rank, without accents) refers to.

        A bare surname shared by several people finds nobody.
        """
        key = name_key(name)
        exact = [p for p in self.people if any(name_key(v) == key for v in p.variants)]
        if exact:
            return exact[0]
        close = [p for p in self.people if same_person(key, name_key(p.name))]
        return close[0] if len(close) == 1 else None

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per person (see :meth:`IndexedPerson.to_record`)."""
        return [p.to_record() for p in self.people]


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def _first_names_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]  # an initial: "J" and "Jean"
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= _FIRST_NAME_SIMILARITY


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two name keys (see :func:`~peacefacts.nlp.people.name_key`) can be one person.

    A bare surname matches any full name with that surname (the index then only merges it when
    the match is unique).

    >>> same_person(("jean", "pierre", "lacroix"), ("pierre", "lacroix"))
    True
    >>> same_person(("mohsin", "naqvi"), ("mohsen", "naqvi")), same_person(("eric", "trump"), ("donald", "trump"))
    (True, False)
    """
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if short[-1] != long_[-1]:
        # one surname spelled two ways ("Guterres"/"Gutteres"): the whole names must be very close
        return (
            len(short) >= 2
            and short[-1][0] == long_[-1][0]
            and _first_names_match(short[0], long_[0])
            and fuzz.token_sort_ratio(" ".join(short), " ".join(long_)) >= _NAME_SIMILARITY
        )
    if len(short) == 1:
        return True
    if set(short) <= set(long_):
        return True  # "Pierre Lacroix" in "Jean Pierre Lacroix"
    return _first_names_match(short[0], long_[0])


# --------------------------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------------------------

_SPELLING = {"advisor": "adviser", "defense": "defence", "organization": "organisation", "labor": "labour",
             "undersecretary": "under secretary"}
_ROLE_DROP = frozenset({"the", "of", "for", "to", "un", "u", "n", "united", "nations", "s", "then", "former"})


def role_key(role: str | None) -> frozenset[str]:
    """The words that make a role, however it is written.

    >>> role_key("UN Under-Secretary-General for Peace Operations") == role_key(
    ...     "Under Secretary General for Peace Operations")
    True
    >>> sorted(role_key("UN Police Advisor"))
    ['adviser', 'police']
    """
    if not role:
        return frozenset()
    text = re.sub(r"['’`]s\b", " ", role.casefold())
    words = []
    for word in re.split(r"[^\w]+", text):
        if word:
            words.extend(_SPELLING.get(word, word).split())
    return frozenset(w for w in words if w not in _ROLE_DROP)


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Sighting:
    person: Person
    date: PartialDate | None
    order: int


def _date_for(person: Person, document: Document | None) -> PartialDate | None:
    """The publication date of the article block the person is named in, else the document's."""
    if document is None:
        return None
    block = document.block_at(person.start) if document.blocks else None
    if block is not None and block.published is not None:
        return block.published
    return document.published


def _collect(items: Iterable[IndexInput], dates: Mapping[str, Any] | None) -> list[_Sighting]:
    documents: dict[str, Document] = {}
    loose: list[Person] = []
    sightings: list[_Sighting] = []
    for item in items:
        if isinstance(item, ExtractionResult):
            documents[item.document.id] = item.document
            for person in item.people:
                sightings.append(_Sighting(person, _date_for(person, item.document), len(sightings)))
        elif isinstance(item, Document):
            documents[item.id] = item
        elif isinstance(item, Person):
            loose.append(item)
        # facts and error records carry nothing for the index
    for person in loose:  # JSONL: person records may come before or after their document record
        sightings.append(_Sighting(person, _date_for(person, documents.get(person.doc)), len(sightings)))
    if dates:
        given = {doc: None if d is None else (d if isinstance(d, PartialDate) else PartialDate.from_string(str(d)))
                 for doc, d in dates.items()}
        sightings = [
            attrs.evolve(s, date=given[s.person.doc]) if s.person.doc in given else s for s in sightings
        ]
    return sightings


def _group_names(sightings: list[_Sighting]) -> list[list[_Sighting]]:
    """Union the sightings of one person: same key first, then compatible names; a bare
    surname (or a name fitting several people) joins only a unique candidate, else the one whose
    roles it shares."""
    by_key: dict[tuple[str, ...], list[_Sighting]] = defaultdict(list)
    for s in sightings:
        key = name_key(s.person.name)
        if key:
            by_key[key].append(s)
    keys = sorted(by_key, key=lambda k: (-len(k), min(s.order for s in by_key[k])))
    groups: list[tuple[list[tuple[str, ...]], list[_Sighting]]] = []
    for key in keys:
        candidates = [g for g in groups if any(same_person(key, k) for k in g[0])]
        target = None
        if len(candidates) == 1:
            target = candidates[0]
        elif len(candidates) > 1:
            mine = {role_key(s.person.role) for s in by_key[key]} - {frozenset()}
            sharing = [g for g in candidates if mine & {role_key(s.person.role) for s in g[1]}]
            # several full names fit: pick the one with the same last name *and* first name, else roles
            exact_tail = [g for g in candidates if any(k[-1] == key[-1] and len(key) > 1 and k[0] == key[0]
                                                       for k in g[0])]
            if len(exact_tail) == 1:
                target = exact_tail[0]
            elif len(sharing) == 1:
                target = sharing[0]
        if target is None:
            groups.append(([key], list(by_key[key])))
        else:
            target[0].append(key)
            target[1].extend(by_key[key])
    return [g[1] for g in groups]


def _display_name(group: list[_Sighting]) -> str:
    """The fullest form of the name, as most documents write it."""
    best_len = max(len(name_key(s.person.name)) for s in group)
    forms = Counter(strip_titles(s.person.name) for s in group if len(name_key(s.person.name)) == best_len)
    order = {strip_titles(s.person.name): s.order for s in reversed(group)}
    return min(forms, key=lambda f: (-forms[f], order[f]))


def _roles(group: list[_Sighting]) -> tuple[HeldRole, ...]:
    with_role = [s for s in group if s.person.role]
    keys: dict[frozenset[str], list[_Sighting]] = defaultdict(list)
    for s in with_role:
        keys[role_key(s.person.role)].append(s)
    # a shorter form of one more specific role joins it ("Minister" → "Federal Minister for
    # Interior") when that role is the only one containing it
    merged: dict[frozenset[str], list[_Sighting]] = {}
    for key in sorted(keys, key=len, reverse=True):
        supersets = [k for k in merged if key < k]
        if len(supersets) == 1 and key:
            merged[supersets[0]].extend(keys[key])
        else:
            merged[key] = list(keys[key])
    out: list[tuple[tuple[bool, tuple[int, ...], int], HeldRole]] = []
    for sightings in merged.values():
        forms = Counter(s.person.role for s in sightings)
        order = {s.person.role: s.order for s in reversed(sightings)}
        # as most documents write it; among equals the most specific, then the first seen
        role = min(forms, key=lambda f: (-forms[f], -len(role_key(f)), order[f]))
        orgs = Counter(s.person.organization for s in sightings if s.person.organization)
        dates = sorted({s.date for s in sightings if s.date is not None}, key=PartialDate.sort_key)
        held = HeldRole(
            role=str(role),
            organization=orgs.most_common(1)[0][0] if orgs else None,
            dates=tuple(dates),
            docs=tuple(dict.fromkeys(s.person.doc for s in sorted(sightings, key=_when))),
            variants=tuple(dict.fromkeys(str(s.person.role) for s in sightings)),
        )
        # earliest dated role first; undated roles after, in the order they were read
        when = (not dates, dates[0].sort_key() if dates else (), min(s.order for s in sightings))
        out.append((when, held))
    return tuple(held for _, held in sorted(out, key=lambda pair: pair[0]))


def _when(s: _Sighting) -> tuple[bool, tuple[int, ...], int]:
    return (s.date is None, s.date.sort_key() if s.date else (), s.order)


def build_people_index(
    items: Iterable[IndexInput], *, dates: Mapping[str, PartialDate | str | None] | None = None
) -> PeopleIndex:
    """Merge the people of many documents into one index.

    Args:
        items: :class:`~peacefacts.records.ExtractionResult` objects (dates come from their
            documents and article blocks), or records as read back from ``peacefacts extract``
            JSONL: :class:`~peacefacts.records.Person` and :class:`~peacefacts.records.Document`
            records (the document record gives the date); facts and errors are skipped.
        dates: publication date per document id, overriding what the documents say.

    Returns:
        A :class:`PeopleIndex`, people sorted by name, each role with the sorted publication
        dates and the documents that state it.
    """
    sightings = _collect(items, dates)
    people = []
    for group in _group_names(sightings):
        group.sort(key=lambda s: s.order)
        people.append(
            IndexedPerson(
                name=_display_name(group),
                variants=tuple(dict.fromkeys(s.person.name for s in group)),
                roles=_roles(group),
                docs=tuple(dict.fromkeys(s.person.doc for s in sorted(group, key=_when))),
                mention_dates=tuple(s.date for s in group if s.date is not None),
            )
        )
    people.sort(key=lambda p: (name_key(p.name)[-1:], name_key(p.name)))
    return PeopleIndex(tuple(people))
