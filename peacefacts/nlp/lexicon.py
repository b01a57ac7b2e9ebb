"""Domain vocabulary: countries and demonyms, mission acronyms, and what counted nouns mean.

Country and mission tables live in ``peacefacts/resources/*.tsv`` (data, not code) and are
checked against pycountry, which has the names but no demonyms ("Pakistani").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources
from typing import Optional

from peacefacts.records import Category

__all__ = [
    "country_for",
    "is_demonym",
    "mission_for",
    "countries",
    "NOUN_CATEGORY",
    "PERSONNEL_NOUNS",
    "MISSION_NOUNS",
    "COUNTRY_NOUNS",
    "NON_UN_FORCES",
    "normalize",
]


def normalize(text: str) -> str:
    """Casefold, strip accents and curly quotes, collapse spaces: the lookup key of every table."""
    # curly and back-tick apostrophes first: the ASCII fold below would drop them
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text).strip().casefold()


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    with resources.files("peacefacts.resources").joinpath(name).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            rows.append([cell.strip() for cell in line.rstrip("\n").split("\t")])
    return rows


def _plural(demonym: str) -> list[str]:
    # "Pakistani" → "Pakistanis", "Irish"/"Chinese"/"Swiss" have no plural form
    if demonym.endswith(("sh", "ese", "ss", "ch")):
        return []
    return [demonym + "s"]


@functools.lru_cache(maxsize=1)
def _country_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in _read_tsv("countries.tsv"):
        row += [""] * (3 - len(row))
        name, aliases, demonyms = row[0], row[1], row[2]
        keys = [name] + [a for a in aliases.split(",") if a]
        for demonym in (d for d in demonyms.split(",") if d):
            keys += [demonym, *_plural(demonym)]
        for key in keys:
            table.setdefault(normalize(key), name)
    # every other country by its ISO names, so a contributor our table lacks is still a country
    import pycountry

    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        short = common or (country.name if "," not in country.name else None)
        if short is None:
            continue
        for iso_name in (country.name, common, official):
            if iso_name and "," not in iso_name:
                table.setdefault(normalize(iso_name), short)
    return table


@functools.lru_cache(maxsize=1)
def _mission_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in _read_tsv("missions.tsv"):
        acronym = row[0]
        table[normalize(acronym)] = acronym
        for alias in (row[1].split(",") if len(row) > 1 else []):
            if alias:
                table[normalize(alias)] = acronym
    return table


@functools.lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Every country short name peacefacts knows."""
    return frozenset(_country_table().values())


def country_for(text: str) -> Optional[str]:
    """The country a name, alias, demonym or possessive refers to.

    >>> country_for("Pakistanis"), country_for("Pakistan's"), country_for("Republic of Korea")
    ('Pakistan', 'Pakistan', 'South Korea')
    >>> country_for("Irish"), country_for("Goldman") is None
    ('Ireland', True)
    """
    key = normalize(text)
    key = re.sub(r"^the ", "", key)
    key = re.sub(r"'s?$", "", key)
    table = _country_table()
    return table.get(key) or table.get("the " + key)


@functools.lru_cache(maxsize=1)
def _demonym_keys() -> frozenset[str]:
    keys: set[str] = set()
    for row in _read_tsv("countries.tsv"):
        for demonym in (d for d in (row[2] if len(row) > 2 else "").split(",") if d):
            keys.update(normalize(k) for k in (demonym, *_plural(demonym)))
    return frozenset(keys)


def is_demonym(text: str) -> bool:
    """Whether ``text`` names a country's people ("Malawian", "Pakistanis"), not the country
    ("Malawi", "DRC", "Democratic Republic of Congo").

    >>> is_demonym("Malawians"), is_demonym("DRC"), is_demonym("Irish")
    (True, False, True)
    """
    return normalize(text) in _demonym_keys()


def mission_for(text: str) -> Optional[str]:
    """The mission acronym for an acronym or a long mission name.

    >>> mission_for("UNIFIL"), mission_for("United Nations Interim Force in Lebanon")
    ('UNIFIL', 'UNIFIL')
    """
    return _mission_table().get(normalize(text).rstrip("."))


def mission_names() -> dict[str, str]:
    """Normalised alias → acronym, for scanning text."""
    return dict(_mission_table())


# What a counted noun tells about the category of personnel. Keys are lower-case lemmas/forms.
NOUN_CATEGORY: dict[str, Category] = {
    **dict.fromkeys(
        ["troop", "troops", "soldier", "soldiers", "servicemen", "serviceman", "servicemembers",
         "army", "infantry", "battalion", "battalions", "marines", "sailors", "airmen", "engineers",
         "medics", "pilots", "commandos", "paratroopers", "gunners", "sappers"],
        Category.TROOPS,
    ),
    **dict.fromkeys(
        ["police", "policemen", "policeman", "policewomen", "gardai", "gardaí", "fpu", "fpus"],
        Category.POLICE,
    ),
    **dict.fromkeys(["observer", "observers", "monitors"], Category.MILITARY_OBSERVERS),
    **dict.fromkeys(["women", "woman", "female", "females", "policewomen"], Category.WOMEN),
    **dict.fromkeys(
        ["peacekeeper", "peacekeepers", "personnel", "people", "members", "member", "staff", "men",
         "officers", "officer", "officials", "nationals", "citizens", "helmets", "contingent",
         "assignments", "individuals", "persons", "others", "doctors", "nurses", "experts",
         "specialists", "volunteers", "berets"],
        Category.PERSONNEL,
    ),
}

#: Nouns that count people who serve.
PERSONNEL_NOUNS = frozenset(NOUN_CATEGORY) - {"army", "battalion", "battalions", "contingent"}

MISSION_NOUNS = frozenset({"mission", "missions", "operation", "operations", "deployments", "areas"})
COUNTRY_NOUNS = frozenset({"country", "countries", "nations", "nation", "continents"})

#: Forces whose figures are not UN peacekeeping figures.
NON_UN_FORCES = re.compile(
    r"\b(African Union(?!\s*/\s*U\.?N)|AMISOM|ATMIS|AU mission|EUFOR|Eufor|KFOR|Kfor|NATO|ECOWAS|ECOMOG|"
    r"Operation Barkhane|coalition forces|national army|Rapid Support Forces)\b"
)
