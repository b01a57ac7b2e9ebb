"""The fact rules' vocabulary: what counted nouns mean, and forces that are not the UN's.

Countries, missions and the text normaliser live in :mod:`peacefacts.vocab` (one table and one
loader each); they are re-exported here for the modules that still import them from this one.
"""

from __future__ import annotations

import re

from peacefacts.records import Category
from peacefacts.vocab import countries, country_for, mission_for, missions, normalize
from peacefacts.vocab.countries import is_demonym

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


def mission_names() -> dict[str, str]:
    """Normalised name or alias → acronym, for the planning pass's own scan.

    Prefer :func:`peacefacts.vocab.mission_mentions`, which scans in linear time and keeps the
    table's case rules; this stays until the fact rules move to it.
    """
    names: dict[str, str] = {}
    for m in missions():
        for name in (m.acronym, m.name, *m.aliases):
            names.setdefault(normalize(name), m.acronym)
    return names


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
