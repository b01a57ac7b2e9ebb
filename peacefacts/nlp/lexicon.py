"""Former home of the domain vocabulary; kept so older imports keep working.

Countries, missions and the text normaliser live in :mod:`peacefacts.vocab`; the fact rules'
word classes in ``peacefacts/resources/fact_words.toml`` (read by
:mod:`peacefacts.nlp.facts.vocabulary`). Import from those; this module only re-exports.
"""

from __future__ import annotations

from peacefacts.vocab import countries, country_for, is_demonym, mission_for, normalize

__all__ = ["country_for", "countries", "is_demonym", "mission_for", "normalize"]
