"""Which official scopes a claim's category can mean, and how each reads in a sentence.

A claim is judged on the scope its category names (troops on the military, police on the
police); only a figure of "personnel" (or none) can mean all personnel or the uniformed only.
See :mod:`peacefacts.official.checks`.
"""

from __future__ import annotations

from typing import Optional

from peacefacts.records import Category

__all__ = ["SCOPE_LABELS", "FATALITY_SCOPES_FOR", "DEPLOYED_SCOPES_FOR", "EITHER_SCOPE"]

#: How a scope reads in a sentence.
SCOPE_LABELS = {
    "all": "all personnel",
    "uniformed": "uniformed",
    "military": "military",
    "police": "police",
    "military_observers": "military observers",
    "women": "women",
    "women_uniformed": "uniformed women",
    "troops": "troops",
    "experts": "experts on mission",
}

#: The official scopes of the fatalities table shown for a claim's category, the one it is judged
#: on first. Judging "troops" on whichever of military, uniformed or all was closest biased the offsets towards
#: zero (a Ghanaian "120 troops" met 94 deaths of all personnel rather than 87 military ones).
FATALITY_SCOPES_FOR: dict[Optional[Category], tuple[str, ...]] = {
    None: ("all", "uniformed"),
    Category.PERSONNEL: ("all", "uniformed"),
    Category.TROOPS: ("military", "uniformed", "all"),
    Category.POLICE: ("police",),
    Category.MILITARY_OBSERVERS: ("military_observers",),
    Category.WOMEN: ("women", "women_uniformed"),
}
#: Categories that can mean more than one official scope: judged on each, the better fit decides.
EITHER_SCOPE = frozenset({None, Category.PERSONNEL, Category.WOMEN})
#: The same for the contributions table (the IPI's troops, police, experts on mission).
DEPLOYED_SCOPES_FOR: dict[Optional[Category], tuple[str, ...]] = {
    None: ("uniformed",),
    Category.PERSONNEL: ("uniformed",),
    Category.TROOPS: ("troops", "uniformed"),
    Category.POLICE: ("police",),
    Category.MILITARY_OBSERVERS: ("experts",),
}
