"""Country, demonym and mission lookups (peacefacts.vocab)."""
from __future__ import annotations

import pytest

from peacefacts.vocab import country_for, mission_for


@pytest.mark.parametrize(
    "text,country",
    [
        ("Pakistani", "Pakistan"), ("Pakistanis", "Pakistan"), ("Pakistan's", "Pakistan"),
        ("Irish", "Ireland"), ("Chinese", "China"), ("Nepalese", "Nepal"), ("Nepali", "Nepal"),
        ("Republic of Korea", "South Korea"), ("ROK", "South Korea"), ("the Netherlands", "Netherlands"),
        ("Côte d'Ivoire", "Cote d'Ivoire"), ("Ivory Coast", "Cote d'Ivoire"), ("US", "United States"),
        ("Indonesia`s", "Indonesia"), ("Pakistan’s", "Pakistan"), ("Bangladeshis", "Bangladesh"),
        # not in our own table: found through the ISO names
        ("Tonga", "Tonga"), ("Mongolia", "Mongolia"),
    ],
)
def test_country_for(text, country):
    assert country_for(text) == country


@pytest.mark.parametrize("text", ["Goldman", "Missions", "UN", "Guterres", ""])
def test_not_countries(text):
    assert country_for(text) is None


@pytest.mark.parametrize(
    "text,mission",
    [("UNIFIL", "UNIFIL"), ("United Nations Interim Force in Lebanon", "UNIFIL"), ("Congo operation", "ONUC"),
     ("MONUSCO", "MONUSCO"), ("UN Mission in South Sudan", "UNMISS")],
)
def test_mission_for(text, mission):
    assert mission_for(text) == mission
