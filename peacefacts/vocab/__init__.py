"""Language data: the vocabulary every layer shares, as data tables with one loader each.

The bottom of the pipeline (only :mod:`peacefacts.errors` and :mod:`peacefacts.records` are
below it): ingest, nlp, the extractor and the reconciler may all read it. The tables live in
``peacefacts/resources`` and load on first use.

* :mod:`~peacefacts.vocab.text`: :func:`normalize`, the one text normaliser (the key of every
  table and of the document fingerprint).
* :mod:`~peacefacts.vocab.calendar`: month and weekday names.
* :mod:`~peacefacts.vocab.countries`: countries by name, alias or demonym (``countries.tsv``).
* :mod:`~peacefacts.vocab.missions`: UN missions, their names, kinds, places and years
  (``missions.tsv``).
* :mod:`~peacefacts.vocab.table_columns`: the words of tables' cells, headers and headings
  (``table_columns.toml``).
"""

from __future__ import annotations

from peacefacts.vocab.calendar import MONTHS, WEEKDAYS
from peacefacts.vocab.countries import (
    capital_country,
    countries,
    country_for,
    country_names,
    demonym_forms,
    is_demonym,
    may_open_name,
)
from peacefacts.vocab.missions import (
    Mission,
    MissionMention,
    PlaceMention,
    mission,
    mission_at,
    mission_for,
    mission_mentions,
    missions,
    missions_at,
    place_mentions,
)
from peacefacts.vocab.text import normalize

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "Mission",
    "MissionMention",
    "PlaceMention",
    "capital_country",
    "countries",
    "country_for",
    "country_names",
    "demonym_forms",
    "is_demonym",
    "may_open_name",
    "mission",
    "mission_at",
    "mission_for",
    "mission_mentions",
    "missions",
    "missions_at",
    "normalize",
    "place_mentions",
]
