"""Title vocabulary: the rule data of ``resources/titles.json``, loaded once, and name keys.

Every word list the people layer reads (title heads, ranks and grades, honorifics, modifiers,
complements, name particles, byline cues, award words) lives in the data file; this module turns
it into lookup structures (phrases indexed by their first word, lowest-common forms of words)
and holds the two small name functions the rest of the package shares: :func:`name_key` and
:func:`strip_titles`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from peacefacts.vocab import country_for, normalize
from peacefacts.vocab.calendar import MONTH_NAMES, WEEKDAY_NAMES

__all__ = ["Lexicon", "PhraseIndex", "country_of", "lexicon", "name_key", "norm", "phrase_words", "strip_titles"]


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Lookup form of a word: the package's one normaliser (:func:`peacefacts.vocab.normalize`), no dots."""
    return normalize(text).replace(".", "")


def phrase_words(phrase: str) -> tuple[str, ...]:
    """The lookup words of a phrase: a hyphen and a space both separate words."""
    return tuple(w for w in re.split(r"[\s\-]+", norm(phrase)) if w)


_PLURAL_AT = frozenset({"of", "class", "first", "general"})  # "chiefs of staff", "privates first class"


def plural_word(word: str) -> str:
    """English plural of one title word: "spokesman" → "spokesmen", "deputy" → "deputies".

    >>> [plural_word(w) for w in ("captain", "spokesman", "secretary", "attache", "boss")]
    ['captains', 'spokesmen', 'secretaries', 'attaches', 'bosses']
    """
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def plural_phrases(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The plural forms of a title phrase: its last word, or the word before "of", "class",
    "first" or "general", in the plural ("chiefs of staff", "major generals", "secretaries general")."""
    for k in range(1, len(words)):
        if words[k] in _PLURAL_AT:
            inner = words[: k - 1] + (plural_word(words[k - 1]),) + words[k:]
            # "major generals" is as common as "secretaries general"; "chiefs of staff" only so
            return {inner, words[:-1] + (plural_word(words[-1]),)} if k == len(words) - 1 else {inner}
    if not words or len(words[-1]) < 3 or not words[-1].isalpha():
        return set()
    return {words[:-1] + (plural_word(words[-1]),)}


class PhraseIndex:
    """Multi-word phrases by first word, longest first (so "secretary general" beats "secretary").

    ``singular`` maps each phrase to its singular form when the index holds plurals.
    """

    def __init__(self, phrases: Iterable[str | tuple[str, ...]], singular: dict[tuple[str, ...], tuple[str, ...]] | None = None) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.singular = singular or {}
        for phrase in phrases:
            words = phrase if isinstance(phrase, tuple) else phrase_words(phrase)
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)
        self.words = frozenset(w for opts in self.by_first.values() for p in opts for w in p)
        self.last_words = frozenset(p[-1] for opts in self.by_first.values() for p in opts)
        self.phrases = frozenset(p for opts in self.by_first.values() for p in opts)


@dataclass(frozen=True)
class Lexicon:
    """The people layer's rule data as lookup structures (see ``resources/titles.json``)."""

    heads: PhraseIndex
    head_nouns: frozenset[str]  # the noun of each title: "minister", "general" (of "secretary general")
    ranks: PhraseIndex  # officers' ranks and other ranks' grades
    plural_heads: PhraseIndex  # "ministers", "chiefs of staff"
    plural_ranks: PhraseIndex  # "captains", "flight lieutenants"
    honorifics: PhraseIndex
    modifiers: frozenset[str]
    complements: frozenset[str]
    preps: frozenset[str]
    particles: frozenset[str]
    skip_before: frozenset[str]
    un_names: frozenset[tuple[str, ...]]
    implied_org: dict[tuple[str, ...], str]
    government_heads: frozenset[tuple[str, ...]]
    military_heads: frozenset[tuple[str, ...]]
    name_stop: frozenset[str]
    byline_before: frozenset[str]
    thing_words: frozenset[str]
    org_words: frozenset[str]
    institution_heads: frozenset[str]
    hyphen_stop: frozenset[str]
    award_regex: re.Pattern[str]
    award_words: frozenset[str]
    cues_any_case: frozenset[str]  # title words that show a title in any case ("minister")
    cues_capitalised: frozenset[str]  # and those that do only capitalised ("Captain", "CAPTAIN")
    force_regex: re.Pattern[str]
    police_regex: re.Pattern[str]
    police_words: frozenset[str]
    role_bridges: frozenset[str]
    role_cues: frozenset[str]
    speaker_heads: frozenset[tuple[str, ...]]
    generic_heads: frozenset[tuple[str, ...]]
    staff_heads: frozenset[tuple[str, ...]]
    name_abbreviations: frozenset[str]
    retired_markers: frozenset[str]
    places_after: frozenset[str]
    military_words: frozenset[str]
    post_nominals: frozenset[str]
    former_markers: frozenset[str]
    formation_heads: frozenset[tuple[str, ...]]
    generic_modifiers: frozenset[str]
    rank_suffixes: frozenset[str]
    function_verbs: dict[str, str]
    passive_function_verbs: dict[str, str]
    non_titles: PhraseIndex
    place_preps: frozenset[str]
    succession_verbs: frozenset[str]
    bio_nouns: frozenset[str]


_QUALIFIER = re.compile(r"\d+|[ivx]+|one|two|three")  # "Warrant Officer Class II": not a cue alone


def _cue_words(index: PhraseIndex) -> list[str]:
    """The word of each phrase that shows a title is there: a one-word phrase, or the last word
    of a longer one ("minister" of "prime minister")."""
    words = {p[0] for p in index.phrases if len(p) == 1}
    words |= {p[-1] for p in index.phrases if len(p) > 1 and "of" not in p and not _QUALIFIER.fullmatch(p[-1])}
    return sorted(words)


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    """Any of ``phrases`` as written, longest first, as whole words."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) + r")\b")


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The rule data, read once from ``resources/titles.json``."""
    with resources.files("peacefacts").joinpath("resources", "titles.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    heads = PhraseIndex(data["heads"])
    ranks = PhraseIndex(data["ranks"] + data["grades"])

    def plurals(index: PhraseIndex) -> PhraseIndex:
        singular = {plural: p for p in sorted(index.phrases) for plural in plural_phrases(p)}
        for p in index.phrases:
            singular.pop(p, None)  # "forces", "affairs": a phrase that is already a title stays one
        return PhraseIndex(list(singular), singular)

    honorifics = PhraseIndex(data["honorifics"])

    def phrases(key: str) -> frozenset[tuple[str, ...]]:
        return frozenset(phrase_words(p) for p in data[key])

    def words(key: str) -> frozenset[str]:
        return frozenset(norm(w) for entry in data[key] for w in entry.split())

    modifiers = words("modifiers")
    complements = words("complements")
    un_names = phrases("un_names")
    plural_heads, plural_ranks = plurals(heads), plurals(ranks)
    name_stop = (
        frozenset(norm(w) for w in data["non_names"])
        | frozenset(norm(w) for w in (*MONTH_NAMES, *WEEKDAY_NAMES))
        | heads.words | ranks.words | honorifics.words | modifiers | complements
        | plural_heads.words | plural_ranks.words
        | frozenset(w for p in un_names for w in p)
        | frozenset(norm(w) for w in data["post_nominals"])
    ) - frozenset(data["name_safe"])
    # a letter of an abbreviated phrase ("S Sgt", "L Cpl") is no reason to refuse an initial ("S M Ahmed")
    name_stop = frozenset(w for w in name_stop if len(w) > 1 or w in data["non_names"])
    # The prefilter's cue words: the head word of a title in any case ("minister", "chief"); a
    # rank, grade or honorific only capitalised ("a major role", "the private estate" hold none),
    # and a plural rank ("Sergeants Berg and Holm"), also by a first word no other list holds
    # ("Lance corporals"). Plural functions ("Ministers A and B") need no cue: their names make
    # a capitalised pair.
    common = modifiers | complements | frozenset(norm(w) for w in data["non_names"])
    first_words = [p[0] for p in ranks.phrases | plural_ranks.phrases if len(p) > 1 and p[0] not in common]
    capitalised = _cue_words(ranks) + _cue_words(plural_ranks) + _cue_words(honorifics) + first_words
    cues_capitalised = frozenset(w[:1].upper() + w[1:] for w in capitalised) | frozenset(
        w.upper() for w in capitalised if len(w) > 3)
    return Lexicon(
        heads=heads,
        head_nouns=frozenset(_cue_words(heads)),
        ranks=ranks,
        plural_heads=plural_heads,
        plural_ranks=plural_ranks,
        honorifics=honorifics,
        modifiers=modifiers,
        complements=complements,
        preps=frozenset(data["preps"]),
        particles=frozenset(data["particles"]),
        skip_before=frozenset(data["skip_before"]),
        un_names=un_names,
        implied_org={phrase_words(k): v for k, v in data["implied_org"].items()},
        government_heads=phrases("government_heads"),
        military_heads=phrases("military_heads"),
        name_stop=name_stop,
        byline_before=frozenset(data["byline_before"]),
        thing_words=frozenset(data["thing_words"]),
        org_words=frozenset(data["org_words"]),
        institution_heads=frozenset(data["institution_heads"]),
        hyphen_stop=frozenset(data["hyphen_syllable_stop"]),
        award_words=frozenset(data["award_words"]),
        award_regex=re.compile(
            r"[^.;:]{0,80}?\b(?:" + "|".join(map(re.escape, data["award_verbs"])) + r")\s+"
            r"(?:the\s+|an?\s+)?(?:prestigious\s+|coveted\s+|annual\s+|first\s+)*"
            r"(?P<title>(?:[A-Z][\w’'.-]*\s+){1,8}?)(?:of\s+the\s+Year\s+)?"
            r"(?:" + "|".join(w.capitalize() for w in data["award_words"]) + r")\b"
        ),
        cues_any_case=frozenset(_cue_words(heads)),
        cues_capitalised=cues_capitalised,
        role_bridges=frozenset(data["role_bridges"]),
        role_cues=frozenset(data["role_cues"]),
        speaker_heads=phrases("speaker_heads"),
        generic_heads=phrases("generic_heads"),
        staff_heads=phrases("staff_heads"),
        name_abbreviations=frozenset(data["name_abbreviations"]),
        retired_markers=frozenset(data["retired_markers"]),
        places_after=frozenset(data["places_after"]),
        military_words=frozenset(data["military_words"]),
        post_nominals=frozenset(norm(w) for w in data["post_nominals"]),
        former_markers=frozenset(data["former_markers"]),
        formation_heads=phrases("formation_heads"),
        generic_modifiers=frozenset(data["generic_modifiers"]),
        rank_suffixes=frozenset(data["rank_suffixes"]),
        function_verbs=dict(data["function_verbs"]),
        passive_function_verbs=dict(data["passive_function_verbs"]),
        non_titles=PhraseIndex(data["non_titles"]),
        place_preps=frozenset(data["place_preps"]),
        succession_verbs=frozenset(data["succession_verbs"]),
        bio_nouns=frozenset(data["bio_nouns"]),
        force_regex=_alternation(data["armed_forces"]),
        police_regex=_alternation(data["police_forces"]),
        police_words=frozenset(data["police_words"]),
    )


@functools.lru_cache(maxsize=8192)
def country_of(text: str) -> str | None:
    """A country's short name for a capitalised name, alias, demonym or possessive, else ``None``.

    >>> country_of("Indonesian"), country_of("Pakistan's"), country_of("indonesian")
    ('Indonesia', 'Pakistan', None)
    """
    text = re.sub(r"['’`]s?$", "", text.strip())
    if not text or not text[0].isupper():
        return None
    return country_for(text)


def name_key(name: str) -> tuple[str, ...]:
    """Comparable name tokens: no accents, case, ranks, honorifics, nicknames or particles.

    >>> name_key("Gen. Jean-Pierre Lacroix"), name_key("Anthony (Tony) Roe")
    (('jean', 'pierre', 'lacroix'), ('anthony', 'roe'))
    """
    lex = lexicon()
    text = re.sub(r"\([^)]*\)|[\"“”][^\"“”]*[\"“”]", " ", name)
    words = [w for w in re.split(r"[\s\-.]+", norm(text)) if w]
    words = [re.sub(r"'s$", "", w) for w in words]
    # leading ranks and honorifics ("Gen", "Lt Gen", "Dr"), never the last word
    while len(words) > 1 and (words[0] in lex.ranks.words or words[0] in lex.honorifics.words):
        words.pop(0)
    return tuple(w for w in words if w not in lex.particles or len(words) == 1)


def strip_titles(name: str) -> str:
    """The name without leading ranks and honorifics, as written otherwise.

    >>> strip_titles("General Jean-Pierre Lacroix"), strip_titles("Lt. Gen. Dermot Earley"), strip_titles("Major")
    ('Jean-Pierre Lacroix', 'Dermot Earley', 'Major')
    """
    lex = lexicon()
    words = name.split()
    while len(words) > 1 and (norm(words[0]) in lex.ranks.words or norm(words[0]) in lex.honorifics.words):
        words.pop(0)
    return " ".join(words)
