"""Countries by name, alias or demonym: ``resources/countries.tsv``, completed by pycountry
(names) and countryinfo (demonyms).

The table holds what the libraries lack or get wrong: the short names news use ("South Korea",
"DR Congo"), aliases ("Ivory Coast", "DRC") and demonyms ("Pakistani"; plurals are derived).
Every other country is known by its ISO names and by countryinfo's demonym ("Georgian",
"Jamaican"), so a contributor the table lacks is still a country, and so are its people.

Names and demonyms match in any case and spelling of accents; an alias written in capitals
("CAR", "DRC", "US") only as written, since "car" and "us" are words.
"""

from __future__ import annotations

import functools
import re
from typing import Callable, NamedTuple, Optional

from peacefacts.vocab.text import normalize, read_table

__all__ = [
    "capital_country", "country_for", "countries", "country_names", "demonym_forms", "is_acronym", "is_demonym",
    "may_open_name",
]


class _Countries(NamedTuple):
    folded: dict[str, str]  # normalised name, alias or demonym → country
    names: dict[str, str]  # the same without demonyms
    exact: dict[str, str]  # aliases in capitals, as written → country
    forms: dict[str, tuple[str, ...]]  # country → its names and aliases as written (no demonyms)
    demonyms: frozenset[str]  # normalised demonyms and their plurals


def _plural(demonym: str) -> list[str]:
    # "Pakistani" → "Pakistanis", "Irish"/"Chinese"/"Swiss" have no plural form
    if demonym.endswith(("sh", "ese", "ss", "ch")):
        return []
    return [demonym + "s"]


def is_acronym(name: str) -> bool:
    """Whether ``name`` is written in capitals ("CAR", "U.S."): such names match only as written."""
    return name.upper() == name and any(c.isalpha() for c in name)


@functools.lru_cache(maxsize=1)
def _countries() -> _Countries:
    folded: dict[str, str] = {}
    names: dict[str, str] = {}
    exact: dict[str, str] = {}
    forms: dict[str, list[str]] = {}
    demonym_keys: set[str] = set()

    def add_name(name: str, country: str) -> None:
        forms.setdefault(country, [])
        if name not in forms[country]:
            forms[country].append(name)
        if is_acronym(name):
            exact.setdefault(name, country)
        else:
            folded.setdefault(normalize(name), country)
            names.setdefault(normalize(name), country)

    for name, aliases in (row[:2] for row in read_table("countries.tsv")):
        for alias in [name, *(a for a in aliases.split(",") if a)]:
            add_name(alias, name)
    import pycountry  # only when a country is first looked up

    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        short = common or (country.name if "," not in country.name else None)
        if short is None:
            continue
        for iso_name in (country.name, common, official):
            if iso_name and "," not in iso_name and normalize(iso_name) not in folded:
                add_name(iso_name, short)
    for owner, demonym in _demonyms(lambda name: names.get(normalize(name))):
        for form in (demonym, *_plural(demonym)):
            folded.setdefault(normalize(form), owner)
            demonym_keys.add(normalize(form))
    return _Countries(folded, names, exact, {k: tuple(v) for k, v in forms.items()}, frozenset(demonym_keys))


def _demonyms(short_name: Callable[[str], Optional[str]]) -> list[tuple[str, str]]:
    """(country, demonym) pairs: the table's, then countryinfo's that the table lacks ("Georgian",
    "Jamaican", "Omani"). A library demonym that two countries share ("Dominican", "Channel
    Islander") or that names no country we know is left out."""
    pairs: list[tuple[str, str]] = []
    for name, _aliases, demonyms in (row[:3] for row in read_table("countries.tsv")):
        pairs.extend((name, demonym) for demonym in demonyms.split(",") if demonym)
    import countryinfo  # only when a country is first looked up

    found: dict[str, set[str]] = {}
    for info in countryinfo.all_countries():
        country = short_name(info.name())
        for demonym in (d.strip() for d in re.split(r"[,/]", info.demonym() or "")):
            if country is not None and demonym and " and " not in demonym:
                found.setdefault(demonym, set()).add(country)
    known = {normalize(d) for _, d in pairs}
    for demonym, owners in sorted(found.items()):
        country = next(iter(owners))
        if len(owners) == 1 and normalize(demonym) not in known and short_name(demonym) is None:  # not "Djibouti"
            pairs.append((country, demonym))
    return pairs


@functools.lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Every country short name peacefacts knows."""
    return frozenset(_countries().folded.values()) | frozenset(_countries().exact.values())


def country_names(country: str) -> tuple[str, ...]:
    """A country's names and aliases as written (no demonyms), its short name first.

    >>> country_names("Central African Republic")
    ('Central African Republic', 'CAR')
    """
    return _countries().forms.get(country, ())


@functools.lru_cache(maxsize=1)
def demonym_forms() -> tuple[str, ...]:
    """Every demonym of the table as written, with its derived plural ("Finn", "Finns", "Swiss").

    >>> {"Finns", "Thais", "Filipinos", "Pakistanis"} <= set(demonym_forms())
    True
    """
    forms: list[str] = []
    for _country, demonym in _demonyms(lambda name: country_for(name, demonyms=False)):
        forms.extend(f for f in (demonym, *_plural(demonym)) if f not in forms)
    return tuple(forms)


def is_demonym(text: str) -> bool:
    """Whether ``text`` names a country's people ("Malawian", "Pakistanis"), not the country
    ("Malawi", "DRC", "Democratic Republic of Congo").

    >>> is_demonym("Malawians"), is_demonym("DRC"), is_demonym("Irish")
    (True, False, True)
    """
    return normalize(text) in _countries().demonyms


_POSSESSIVE = re.compile(r"['’`]s?$")
_THE = re.compile(r"^[Tt]he\s+")


@functools.lru_cache(maxsize=8192)  # story and fact rules look up the same few words again and again
def country_for(text: str, *, demonyms: bool = True) -> Optional[str]:
    """The country a name, alias, demonym or possessive refers to.

    Args:
        text: a name ("Republic of Korea"), alias ("DRC"), demonym ("Pakistanis") or possessive.
        demonyms: also accept demonyms; ``False`` when ``text`` must name a place.

    >>> country_for("Pakistanis"), country_for("Pakistan's"), country_for("Republic of Korea")
    ('Pakistan', 'Pakistan', 'South Korea')
    >>> country_for("Irish"), country_for("Goldman") is None, country_for("CAR"), country_for("car")
    ('Ireland', True, 'Central African Republic', None)
    """
    tables = _countries()
    exact = tables.exact.get(_THE.sub("", _POSSESSIVE.sub("", text.strip())))
    if exact is not None:
        return exact
    key = normalize(text)
    if key.startswith("the "):
        key = key[4:]
    key = _POSSESSIVE.sub("", key)
    table = tables.folded if demonyms else tables.names
    return table.get(key) or table.get("the " + key)


@functools.lru_cache(maxsize=1 << 16)  # every capitalised word of every page is asked
def may_open_name(word: str) -> bool:
    """Whether a name, alias or demonym :func:`country_for` knows can begin with ``word``: when
    not, no run of words that starts with it is a country, and a scan need not look them up.

    A cheap, exact test for ASCII words: a surface that starts with ``word`` folds to a key that
    starts with ``word`` lower-cased, less a final period or possessive when the word is the
    whole surface. "The" (which :func:`country_for` drops) and other scripts are always tried.

    >>> may_open_name("Burkina"), may_open_name("Pakistan's"), may_open_name("Secretary"), may_open_name("The")
    (True, True, False, True)
    """
    head = _POSSESSIVE.sub("", word.rstrip(".").lower())
    return not word.isascii() or word.lower() == "the" or head in _key_prefixes()


@functools.lru_cache(maxsize=1)
def _key_prefixes() -> frozenset[str]:
    """Every prefix of every key :func:`country_for` looks up (capitalised aliases lower-cased,
    and folded keys without their "the ")."""
    tables = _countries()
    keys = {key.lower() for key in tables.exact} | set(tables.folded)
    keys |= {key[4:] for key in keys if key.startswith("the ")}
    return frozenset(key[:n] for key in keys for n in range(len(key) + 1))


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import countryinfo  # only when a capital is first looked up

    seats: dict[str, str] = {}
    for info in countryinfo.all_countries():
        capital = info.capital()
        country = country_for(info.name(), demonyms=False)
        if capital and country:
            seats.setdefault(normalize(capital), country)
    for row in read_table("countries.tsv"):
        for seat in (row[3].split(",") if len(row) > 3 else ()):
            if seat:
                seats[normalize(seat)] = row[0]
    return seats


@functools.lru_cache(maxsize=4096)
def capital_country(text: str) -> Optional[str]:
    """The country whose capital (or other seat of government) ``text`` names: news write
    "Islamabad has contributed …" for Pakistan's government. Only a clause's subject should be read
    this way: a capital in a dateline or after "in" is a place.

    >>> capital_country("Islamabad"), capital_country("Kigali"), capital_country("Abidjan") == "Cote d'Ivoire"
    ('Pakistan', 'Rwanda', True)
    >>> capital_country("Monday") is None
    True
    """
    key = normalize(_POSSESSIVE.sub("", text.strip()))
    return _capitals().get(key)
