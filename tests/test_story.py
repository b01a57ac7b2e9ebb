"""The one "story country" function shared by the fact rules and the people layer."""

from __future__ import annotations

import pytest

from peacefacts.nlp.story import story_country
from peacefacts.vocab import is_demonym


@pytest.mark.parametrize(
    ("title", "text", "country"),
    [
        # an acronym or a long name is the country, not its people: "in DRC" is where, not who
        ("Zambian peacekeepers wounded in CAR", "Three Zambian soldiers were hurt in CAR on Monday, the Zambia "
         "Army said. The troops serve in CAR with the UN.", "Zambia"),
        (None, "A Nepal Army statement said two soldiers died in an ambush in the Democratic Republic of Congo. "
         "Both had served in DRC since May.", "Nepal"),
        # equal weight: the country named first wins, not the first in the alphabet
        (None, "The conference was hosted by Uruguay and Canada.", "Uruguay"),
        (None, "The conference was hosted by Canada and Uruguay.", "Canada"),
        # a demonym counts double
        (None, "Kenya and Ghana met. Ghanaian troops left.", "Ghana"),
        # only ever a destination: nobody's story
        (None, "Troops were sent to Lebanon and to Mali.", None),
    ],
)
def test_story_country(title, text, country):
    assert story_country(text, title) == country


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Malawian", True), ("Malawians", True), ("Irish", True), ("Chinese", True), ("Malawi", False),
     ("DRC", False), ("Democratic Republic of Congo", False), ("US", False)],
)
def test_is_demonym(text, expected):
    assert is_demonym(text) is expected
