"""Correction notes applied to a page's facts: the corrected figure wins, the retracted one is no fact.

A story corrected after publication often reaches a corpus twice: the corrected text, and a copy
taken before the correction with the note appended ("Correction: An earlier version of this story
said four peacekeepers were killed. Three were killed, the U.N. said."). The note itself is masked
in the reading text (:mod:`peacefacts.ingest.chrome`), so neither of its figures is read as a fact
of its own. What it says is applied here: a fact of the page whose value is the retracted figure,
and whose sentence is about what the retracted phrase is about, takes the corrected figure; its
evidence gains the note, and its rule says ``+corrected``. A page that already states the corrected
figure has no fact with the retracted value, and nothing changes.
"""

from __future__ import annotations

import re

import attrs

from peacefacts.ingest.chrome import correction_ignore_words, correction_notes
from peacefacts.nlp.numbers import find_figures
from peacefacts.records import Fact, Figure

__all__ = ["Correction", "read_corrections", "apply_corrections"]

_WORD = re.compile(r"[^\W\d_]{3,}")
#: the kinds of number a correction can give a count (not a year, a percentage or money)
_COUNT_KINDS = frozenset({"cardinal", "range"})
#: Words compare by their first letters, so "troops" meets "troop" and "killed" meets "killing".
_STEM = 5


@attrs.frozen
class Correction:
    """What one note retracts (``wrong``) and puts instead (``right``), and the stems of what the
    retracted figure counts (empty: a bare figure, "an earlier version said 120")."""

    wrong: int
    right: Figure
    topic: frozenset[str]
    note: str


def _count_figures(text: str) -> list[Figure]:
    return [match.figure for match in find_figures(text) if match.kind in _COUNT_KINDS]


def _stems(text: str, skip: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:_STEM] for w in _WORD.findall(text.lower()) if w not in skip)


def _number_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for m in find_figures(text) for w in _WORD.findall(text[m.num_start : m.num_end]))


def read_corrections(page: str) -> list[Correction]:
    """The corrections a page's notes state, with the figures read.

    >>> [(c.wrong, c.right.value, sorted(c.topic)) for c in read_corrections(
    ...     "Correction: An earlier version said four peacekeepers were killed in Butembo. Three were killed.")]
    [(4, 3, ['butem', 'kille', 'peace'])]
    """
    out = []
    for note in correction_notes(page):
        wrong_text, right_text = page[note.wrong[0] : note.wrong[1]], page[note.right[0] : note.right[1]]
        wrongs, rights = _count_figures(wrong_text), _count_figures(right_text)
        if not wrongs or not rights:
            continue
        wrong, right = wrongs[0], rights[-1]  # "said 4 …" / "… show that 42, not 24"
        if wrong.value == right.value:
            continue
        about = wrong_text + " " + page[note.words[0] : note.words[1]]
        topic = _stems(about, correction_ignore_words() | _number_words(about))
        out.append(Correction(wrong.value, right, topic, page[note.start : note.end]))
    return out


def _applies(correction: Correction, fact: Fact) -> bool:
    if fact.value != correction.wrong:
        return False
    if not correction.topic:
        return True
    # what is counted must meet, not only who counts it: "said four Ugandan peacekeepers had
    # died" does not correct "Uganda serves in four missions"
    subject = _stems(fact.subject, frozenset())
    return bool((correction.topic - subject) & _stems(fact.evidence, frozenset()))


def apply_corrections(page: str, facts: list[Fact]) -> list[Fact]:
    """``facts`` with the page's corrections applied (see the module's docstring).

    >>> from peacefacts.records import Metric
    >>> page = "Four peacekeepers were killed.\\nCorrection: An earlier version said four peacekeepers were killed. Three were."
    >>> fact = Fact(doc="d", subject="MONUSCO", metric=Metric("fatalities_incident"), figure=Figure.exact(4),
    ...             evidence="Four peacekeepers were killed.", rule="nsubj.killed")
    >>> [(f.value, f.rule) for f in apply_corrections(page, [fact])]
    [(3, 'nsubj.killed+corrected')]
    """
    corrections = read_corrections(page) if facts else []
    if not corrections:
        return facts
    out = []
    for fact in facts:
        for correction in corrections:
            if _applies(correction, fact):
                fact = attrs.evolve(
                    fact,
                    figure=correction.right,
                    evidence=f"{fact.evidence.strip()} [{correction.note.strip()}]",
                    rule=f"{fact.rule}+corrected",
                )
                break
        out.append(fact)
    return out
