"""The language-data layer: the missions and countries tables, their integrity, and their lookups.

Data-integrity tests in the manner of dateparser's: the tables are data, so these catch a row
that breaks the table's own rules (duplicate ids, impossible years, places that are neither a
known country's short name nor a plain place) and an acronym typed into the code that the table
does not know. The facts checked against the UN's list of peacekeeping operations are the ones a
reader can verify: which operations are deployed today and when the long-running ones started.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from peacefacts.ingest.blocks import is_peacekeeping
from peacefacts.vocab import (
    MONTHS,
    WEEKDAYS,
    country_for,
    mission,
    mission_at,
    mission_for,
    mission_mentions,
    missions,
    missions_at,
    normalize,
    place_mentions,
)
from peacefacts.vocab.calendar import MONTH_NAMES, WEEKDAY_NAMES, alternation
from peacefacts.vocab.countries import country_names, demonym_forms, is_demonym

# --------------------------------------------------------------------------------------------
# the missions table: integrity

THIS_YEAR = 2025  # the table is checked up to the year it was last reviewed


def test_missions_table_ids_kinds_and_years():
    table = missions()
    acronyms = [m.acronym for m in table]
    assert len(acronyms) == len(set(acronyms))
    assert all(re.fullmatch(r"[A-Z]{4,9}(?: (?:I|II|III))?", a) for a in acronyms), acronyms
    assert {m.kind for m in table} == {"peacekeeping", "political"}
    for m in table:
        assert 1948 <= m.start <= THIS_YEAR, m
        assert m.end is None or m.start <= m.end <= THIS_YEAR, m
        assert m.places, m
        assert m.name and m.name != m.acronym, m
    # in order of their start, as the file says
    assert [m.start for m in table if m.kind == "peacekeeping"] == sorted(
        m.start for m in table if m.kind == "peacekeeping"
    )


def test_missions_table_matches_the_un_list_of_operations():
    """Facts from the UN's list of peacekeeping operations (deployed today, and the oldest)."""
    current = sorted(m.acronym for m in missions("peacekeeping") if m.is_current)
    assert current == sorted(
        ["UNTSO", "UNMOGIP", "UNFICYP", "UNDOF", "UNIFIL", "MINURSO", "UNMIK", "MONUSCO", "UNISFA", "UNMISS", "MINUSCA"]
    )
    assert len(missions("peacekeeping")) == 70
    starts = {m.acronym: m.start for m in missions()}
    assert (starts["UNTSO"], starts["UNMOGIP"], starts["UNFICYP"], starts["UNIFIL"], starts["MINUSMA"]) == (
        1948, 1949, 1964, 1978, 2013,
    )
    ended = {m.acronym: m.end for m in missions()}
    assert (ended["MINUSMA"], ended["UNAMID"], ended["MINUSTAH"], ended["UNMIL"], ended["ONUC"]) == (
        2023, 2020, 2017, 2018, 1964,
    )
    assert mission("UNIFIL").name == "United Nations Interim Force in Lebanon"  # type: ignore[union-attr]


def test_missions_table_places_are_countries_by_their_short_name_or_plain_places():
    for m in missions():
        for place in m.places:
            country = country_for(place, demonyms=False)
            # a country is written as the countries table writes it ("DR Congo", "Timor-Leste")
            assert country is None or country == place, (m.acronym, place, country)
        assert len(set(m.places)) == len(m.places), m


def test_missions_table_every_name_finds_its_mission():
    by_name: dict[str, set[str]] = {}
    for m in missions():
        for name in (m.acronym, m.name, *m.aliases):
            by_name.setdefault(name, set()).add(m.acronym)
    for name, acronyms in by_name.items():
        if len(acronyms) == 1:
            assert mission_for(name) == next(iter(acronyms)), name
        else:  # a name numbered missions share: the stem, or the one a year makes clear
            stem = " ".join(sorted(acronyms)[0].split()[:-1])
            assert mission_for(name) == stem, name
            for acronym in acronyms:
                own = mission(acronym)
                assert own is not None and own.end is not None
                alone = [y for y in range(own.start, own.end + 1)
                         if not any(mission(o).active_in(y) for o in acronyms - {acronym})]  # type: ignore[union-attr]
                assert alone and mission_for(name, year=alone[0]) == acronym, (name, acronym)
    assert sorted(n for n, a in by_name.items() if len(a) > 1) == [
        "UNAVEM", "UNEF", "UNOSOM", "United Nations Angola Verification Mission", "United Nations Emergency Force",
        "United Nations Operation in Somalia",
    ]
    for m in missions():
        if m.name.startswith("United Nations "):
            short = m.name.replace("United Nations", "UN", 1)
            assert (mission_for(short), mission_for(short.upper()), mission_for(m.name.replace("United Nations", "U.N."))) == (
                m.acronym, m.acronym, m.acronym,
            )


# Words that look like mission acronyms but are not missions (agencies, units, a truck brand).
NOT_MISSIONS = frozenset(
    {"UNICEF", "UNESCO", "UNHCR", "UNDP", "UNFPA", "UNGA", "UNMEM", "UNPKO", "UNOCHA", "UNOPS", "UNSC",
     "UNIMOG", "UNIDO", "UNOG", "UNEP", "UNHQ", "UNITAR", "UNODC", "UNWTO", "UNMAS",
     "UNINFORMATIVE",  # a verdict of peacefacts.official
     "MINU", "MONU"}  # the last two: prefixes in the planning pass's keyword filter
)
_ACRONYM = re.compile(r"\b(?:UN[A-Z]{2,}|MINU[A-Z]+|MONU[A-Z]*|ONU[A-Z]+|BINU[A-Z]+)\b")


def test_missions_every_acronym_in_the_code_is_in_the_table():
    """Drift check: a mission acronym written anywhere in the package must be a row of the table."""
    known = {name for m in missions() for name in (m.acronym, *m.aliases)} | {
        w for m in missions() for w in m.acronym.split()
    }
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "peacefacts").rglob("*.py")):
        for word in _ACRONYM.findall(path.read_text(encoding="utf-8")):
            if word not in known and word not in NOT_MISSIONS:
                found.setdefault(word, []).append(str(path.relative_to(ROOT)))
    assert found == {}


def test_missions_not_missions_are_not_in_the_table():
    for word in NOT_MISSIONS:
        assert (mission_for(word), word in {m.acronym for m in missions()}) == (None, False)


# --------------------------------------------------------------------------------------------
# the missions table: lookups on real sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three UNIFIL peacekeepers were injured near Naqoura.", ["UNIFIL"]),
        ("A Minusma convoy hit a mine near Kidal, the mission said.", ["MINUSMA"]),
        ("The U.N. Organization Stabilization Mission in the Democratic Republic of the Congo (MONUSCO) replaced MONUC.",
         ["MONUSCO", "MONUSCO", "MONUC"]),
        ("Troops of the African Union-United Nations Hybrid Operation in Darfur left in 2021.", ["UNAMID"]),
        ("UNOSOM II took over from UNOSOM I in 1993.", ["UNOSOM II", "UNOSOM I"]),
        ("UNMISS's base in Malakal; MINUSCA-led patrols.", ["UNMISS", "MINUSCA"]),
        ("UNPKO, UNMEM and UNICEF staff; untag the photo; the United Nations force.", []),
        ("the un mission in south sudan", ["UNMISS"]),  # a name of several words, in any case
    ],
)
def test_mission_mentions(text, expected):
    assert [m.acronym for m in mission_mentions(text)] == expected
    for m in mission_mentions(text):
        assert text[m.start : m.end] == m.text


def test_mission_mentions_offsets_and_shared_acronyms():
    text = "UNEF was deployed in Sinai; the United Nations Emergency Force left in 1967."
    found = mission_mentions(text)
    assert [(m.text, m.acronym) for m in found] == [("UNEF", "UNEF"), ("United Nations Emergency Force", "UNEF")]
    assert [m.acronym for m in mission_mentions(text, year=1960)] == ["UNEF I", "UNEF I"]
    assert [m.acronym for m in mission_mentions(text, year=1975)] == ["UNEF II", "UNEF II"]


def test_mission_for_needs_the_whole_name():
    assert (mission_for("UNIFIL."), mission_for("UNIFIL's"), mission_for("the UNIFIL force")) == ("UNIFIL", None, None)
    assert (mission_for("Unifil"), mission_for("unifil"), mission_for("UNAVEM", year=1996), mission_for("")) == (
        "UNIFIL", None, "UNAVEM III", None,
    )


@pytest.mark.parametrize(
    ("place", "year", "expected"),
    [
        ("Bangui", 2015, ["MINUSCA"]),
        ("Bangui", 1999, ["MINURCA"]),
        ("Central African Republic", 2008, ["MINURCAT", "MINURCA"][:1]),
        ("Mali", 2019, ["MINUSMA"]),
        ("Mali", 2024, []),
        ("Timbuktu", 2014, ["MINUSMA"]),
        ("Goma", 2009, ["MONUC"]),
        ("North Kivu", 2020, ["MONUSCO"]),
        ("DRC", 2020, ["MONUSCO"]),
        ("Katanga", 1961, ["ONUC"]),
        ("Lebanon", 2006, ["UNIFIL", "UNTSO"]),
        ("Darfur", 2015, ["UNAMID"]),
        ("Sudan", 2010, ["UNAMID", "UNMIS"]),
        ("Somalia", 1994, ["UNOSOM II"]),
        ("Somalia", 2025, ["UNTMIS"]),
        ("Ivory Coast", 2010, ["UNOCI"]),
        ("Haiti", 2019, ["MINUJUSTH", "BINUH"]),
        ("East Timor", 2000, ["UNTAET"]),
        ("Macedonia", 1996, ["UNPREDEP"]),
        ("Pakistani", 2020, []),  # a demonym is not a place
        ("Atlantis", 2020, []),
    ],
)
def test_missions_at(place, year, expected):
    assert [m.acronym for m in missions_at(place, year)] == expected


def test_missions_at_without_a_year_puts_current_missions_first():
    assert [m.acronym for m in missions_at("Lebanon")][:2] == ["UNIFIL", "UNTSO"]
    assert [m.acronym for m in missions_at("DR Congo")] == ["MONUSCO", "MONUC", "ONUC"]
    assert (mission_at("Abyei"), mission_at("Abyei", 2008), mission_at("Atlantis")) == ("UNISFA", "UNMIS", None)


def test_place_mentions():
    text = "Gunmen killed two peacekeepers near Bangui in the CAR on Monday; a car bomb hit a base in the Democratic Republic of Congo."
    assert [(p.text, p.place) for p in place_mentions(text)] == [
        ("Bangui", "Bangui"),
        ("CAR", "Central African Republic"),
        ("Democratic Republic of Congo", "DR Congo"),
    ]
    assert [p.text for p in place_mentions("Malian and Congolese troops")] == []


def test_is_peacekeeping_reads_the_missions_table():
    assert is_peacekeeping("A Minusma patrol came under fire.") is True
    assert is_peacekeeping("UNTMIS opened its office in Mogadishu.") is True  # a row added to the table
    assert is_peacekeeping("UNICEF and UNDP opened a school; UNIMOG trucks were sold.") is False


# --------------------------------------------------------------------------------------------
# countries


@pytest.mark.parametrize(
    ("text", "country"),
    [("CAR", "Central African Republic"), ("car", None), ("Car", None), ("DRC", "DR Congo"), ("US", "United States"),
     ("us", None), ("U.S.", "United States"), ("The Netherlands", "Netherlands"), ("THE NETHERLANDS", "Netherlands"),
     ("Macedonia", "North Macedonia"), ("Malians", "Mali")],
)
def test_country_for_acronyms_only_in_capitals(text, country):
    assert country_for(text) == country


def test_country_for_places_without_demonyms():
    assert (country_for("Malian"), country_for("Malian", demonyms=False), country_for("Mali", demonyms=False)) == (
        "Mali", None, "Mali",
    )
    assert country_names("Central African Republic") == ("Central African Republic", "CAR")


@pytest.mark.parametrize(
    ("text", "country"),
    [("Georgian", "Georgia"), ("Georgians", "Georgia"), ("Jamaicans", "Jamaica"), ("Omani", "Oman"),
     ("Argentinean", "Argentina"), ("Burmese", "Myanmar"),
     # shared by two countries, or a country's name: not a demonym of either
     ("Dominican", None), ("Channel Islander", None)],
)
def test_demonyms_the_table_lacks_come_from_countryinfo(text, country):
    assert country_for(text) == country
    assert is_demonym(text) is (country is not None)
    assert country_for(text, demonyms=False) is None
    assert (text in demonym_forms()) is (country is not None)


def test_a_country_name_is_never_its_own_demonym():
    assert (is_demonym("Djibouti"), country_for("Djibouti"), is_demonym("Malians")) == (False, "Djibouti", True)


# --------------------------------------------------------------------------------------------
# calendar and the normaliser


def test_calendar_names_and_numbers():
    assert [MONTHS[n.lower()] for n in MONTH_NAMES] == list(range(1, 13))
    assert (MONTHS["sept"], MONTHS["sep"], MONTHS["may"], WEEKDAYS["thurs"], WEEKDAYS["sun"]) == (9, 9, 5, 3, 6)
    assert [WEEKDAYS[n.lower()] for n in WEEKDAY_NAMES] == list(range(7))
    assert re.fullmatch(rf"(?:{alternation(['Jun', 'June'])})\.?", "June.") is not None


def test_no_module_spells_out_month_or_weekday_names():
    """Month and weekday names come from peacefacts.vocab.calendar, not a module's own list."""
    spelled = re.compile(r"January\W+February|february\W+march|Monday\W+Tuesday|monday\W+tuesday|jan\W+feb\W+mar", re.I)
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "peacefacts").rglob("*.py"))
        if p.name != "calendar.py" and spelled.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("text", "key"),
    [("Côte d’Ivoire", "cote d'ivoire"), ("  MINUSMA\n", "minusma"), ("Indonesia`s", "indonesia's"), ("Ñ  ü", "n u")],
)
def test_normalize(text, key):
    assert normalize(text) == key


def test_one_normaliser():
    """No module but vocab/text.py folds text into a key of its own: no unicodedata, and no
    hand-made "collapse the spaces and casefold" key (the reconciler's and the known-figures'
    subject keys once were, and "Côte d'Ivoire" / "Cote d’Ivoire" made two groups)."""
    own_key = re.compile(
        r"unicodedata\.(?:normalize|combining)|\.encode\([\"']ascii|\"\s*\"\.join\([^()]*\.split\(\)\)\s*\.(?:casefold|lower)\(\)"
        r"|re\.sub\(r?[\"']\\\\s\+[\"'],\s*[\"'] [\"'][^)]*\)\s*\.(?:casefold|lower)\(\)"
    )
    users = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "peacefacts").rglob("*.py")
        if own_key.search(p.read_text(encoding="utf-8"))
    )
    assert users == ["peacefacts/vocab/text.py"]


@pytest.mark.parametrize("spelling", ["Côte d'Ivoire", "Cote d\u2019Ivoire", " COTE  D`IVOIRE "])
def test_subject_keys_are_the_normaliser(spelling):
    from peacefacts.known import _norm_subject
    from peacefacts.reconciler.grouping import scope_key, subject_key

    assert subject_key(spelling) == _norm_subject(spelling) == scope_key(spelling) == "cote d'ivoire"


def test_fingerprint_uses_the_normaliser():
    from peacefacts.ingest.fingerprint import fingerprint_text

    assert fingerprint_text("Côte d’Ivoire’s 1,63,887 troops") == fingerprint_text("cote d'ivoires 163887 TROOPS")


def test_tables_are_package_data():
    """The tables ship inside the package (read with importlib.resources, never from the repo)."""
    resources = Path(__import__("peacefacts").__file__).parent / "resources"
    assert {p.name for p in resources.glob("*.tsv")} >= {"missions.tsv", "countries.tsv"}
