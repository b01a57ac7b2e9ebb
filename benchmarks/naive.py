"""The baseline both benchmarks measure peacefacts against (issue 10): the full small spaCy model,
quantulum3 and dateparser's ``search_dates`` over every whole document. One definition, so
``throughput.py`` and ``scale.py`` quote ratios against the same thing."""

from __future__ import annotations

import warnings
from typing import Callable


def naive_pipeline(warm_up: str) -> Callable[[str], None]:
    """The naive reading of one text, loaded and run once on ``warm_up`` (as the tiered run is)."""
    import dateparser.search
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns that its optional classifier is missing
        from quantulum3 import parser as qparser

    from peacefacts.nlp.model import DEFAULT_MODELS

    nlp = None
    for name in DEFAULT_MODELS:
        try:
            nlp = spacy.load(name)  # the whole pipeline: no component left out
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit("no spaCy model installed")

    def read(text: str) -> None:
        nlp(text)
        qparser.parse(text)
        dateparser.search.search_dates(text, languages=["en"])

    read(warm_up)
    return read
