"""A figure's narrower scope: one armed service ("the Pakistan Army has lost 160 soldiers").

Read from the figure's own words only: the counted noun's modifiers ("Indian Navy personnel") or a
clause subject that *is* a service ("the Bangladesh Air Force has 500 in MONUSCO"), never a service
named deeper in the subject ("the deaths of two army officers bring to five the number of …"). A
phrase naming more than one service, or coordinating one with others ("army and police personnel"),
has no scope, and neither has one incident's toll: reports of one event are compared whatever they
call the dead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from peacefacts.nlp.facts.reading import Reading
from peacefacts.nlp.facts.vocabulary import vocabulary
from peacefacts.records import Metric

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["service_scope"]

_MODIFIERS = {"compound", "amod", "nmod", "poss"}


def _phrases(r: Reading) -> list[list[Token]]:
    phrases: list[list[Token]] = []
    if r.noun is not None:
        phrases.append([t for c in r.noun.children if c.dep_ in _MODIFIERS for t in c.subtree])
    if r.verb is not None and (r.noun is None or r.noun.dep_ not in {"nsubj", "nsubjpass"}):
        for subject in r.verb.children:
            if subject.dep_ in {"nsubj", "nsubjpass"}:
                # the head and its own name words only: "the Pakistan Army", "the Bangladesh Air Force"
                phrases.append([t for t in subject.children if t.dep_ in {"compound", "cc", "conj"}] + [subject])
    return phrases


def service_scope(r: Reading, metric: Metric) -> Optional[str]:
    """The one service the figure is of ("army", "navy", "air force"), else None."""
    if metric.may_be_incident or metric.info.counts != "personnel":
        return None
    table = vocabulary().service_scopes
    found: set[str] = set()
    for tokens in _phrases(r):
        if any(t.dep_ in {"cc", "conj"} for t in tokens):
            return None  # "Egyptian army and police personnel": mixed
        text = " ".join(t.lower_ for t in sorted(tokens, key=lambda t: t.i))
        found |= {scope for name, scope in table.items() if re.search(rf"\b{re.escape(name)}\b", text)}
    return found.pop() if len(found) == 1 else None
