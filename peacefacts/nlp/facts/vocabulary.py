"""The fact rules' vocabulary, loaded once from data files.

* ``resources/fact_words.toml``: word classes (counted nouns by category, pronouns, verbs …),
* ``resources/fact_patterns.jsonl``: multi-word cues as spaCy ``Matcher`` rows
  (``{"label", "id", "pattern" | "phrase"}``), the way spaCy's span ruler keeps patterns.

Labels of the cue patterns, and what the rules make of them:

============ ===========================================================================
DEATH        a death predicate ("lost their lives", "paid the ultimate price", "martyred")
INJURY       an injury predicate ("were wounded", "injured")
MISSING      missing, abducted: neither killed nor injured
WITHDRAW     withdrawals, cuts, authorised ceilings, going home: no fact
CURRENT      current strength ("currently", "on the ground", "stands at")
CUMULATIVE   an all-time or period total ("since", "so far", "in its history", "have ever served")
PEAK         the highest strength, a dated snapshot ("its highest ever", "at its peak", "peaked at")
NOT_DEPLOYED ready or trained, not serving ("on standby", "awaiting deployment", "not yet deployed")
UN_WIDE      a figure of the UN as a whole ("under the UN flag", "worldwide", "from 120 countries")
INCIDENT     a single violent event or accident ("attack", "ambush", "convoy", "came under fire")
LIFETIME     a mission's whole life ("a total of", "during the mission", "over its 15 years"): a
             toll over it is a total, never one incident's
NON_UN       a force that is not the UN's (African Union, KFOR, EUFOR, bilateral deployments)
COMPARED     a comparison with a date ("the lowest total since 2004", "the first time since
             1995"): a CUMULATIVE cue inside it is none
============ ===========================================================================
"""

from __future__ import annotations

import functools
import json
import sys
import threading
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from peacefacts.nlp.matcher import AnchoredMatcher
from peacefacts.records import Category

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

__all__ = ["Vocabulary", "vocabulary", "CUE_LABELS", "Cues", "find_cues"]

CUE_LABELS = (
    "DEATH", "INJURY", "MISSING", "WITHDRAW", "CURRENT", "CUMULATIVE", "PEAK", "NOT_DEPLOYED", "UN_WIDE", "INCIDENT", "LIFETIME",
    "NON_UN", "OUTSIDE_UN", "NAMED_OPERATION", "AT_HOME", "FORCE_SIZE", "RATE", "COMPARED",
)

_CATEGORY_CLASSES = {
    "troops": Category.TROOPS,
    "police": Category.POLICE,
    "military_observers": Category.MILITARY_OBSERVERS,
    "women": Category.WOMEN,
    "personnel": Category.PERSONNEL,
}


@attrs.frozen
class Vocabulary:
    """Word classes and cue patterns, as read from ``peacefacts/resources``."""

    words: dict[str, frozenset[str]]
    noun_category: dict[str, Category]
    patterns: tuple[dict[str, Any], ...]
    #: metric value → the most one country has had (a larger figure is the UN's)
    country_maxima: dict[str, int] = attrs.field(factory=dict)
    year_maxima: dict[str, int] = attrs.field(factory=dict)
    #: metric value → the largest figure one incident has had (a larger one is no incident's)
    incident_maxima: dict[str, int] = attrs.field(factory=dict)
    #: metric value → the most there has ever been, for anyone (the UN's own operations since 1948)
    all_time_maxima: dict[str, int] = attrs.field(factory=dict)
    #: noun class → the word list that holds its nouns, in order of precedence
    noun_classes: dict[str, str] = attrs.field(factory=dict)
    #: a service's name → the scope it gives a figure ("army", "navy", "air force")
    service_scopes: dict[str, str] = attrs.field(factory=dict)

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.words[name]


def _read_resource(name: str) -> str:
    return resources.files("peacefacts.resources").joinpath(name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary (read once per process)."""
    data = tomllib.loads(_read_resource("fact_words.toml"))
    words: dict[str, frozenset[str]] = {}
    noun_category: dict[str, Category] = {}
    for name, values in data["nouns"].items():
        words[name] = frozenset(values)
    # a noun listed under a narrower category keeps it ("policewomen" is women, not police)
    for name in ("personnel", "troops", "police", "military_observers", "women"):
        for noun in data["nouns"][name]:
            noun_category[noun] = _CATEGORY_CLASSES[name]
    patterns = tuple(json.loads(line) for line in _read_resource("fact_patterns.jsonl").splitlines() if line.strip())
    return Vocabulary(
        words=words,
        noun_category=noun_category,
        patterns=patterns,
        country_maxima=dict(data.get("country_maxima", {})),
        year_maxima=dict(data.get("year_maxima", {})),
        incident_maxima=dict(data.get("incident_maxima", {})),
        all_time_maxima=dict(data.get("all_time_maxima", {})),
        noun_classes=dict(data.get("noun_classes", {})),
        service_scopes={
            name: scope.replace("_", " ") for scope, names in data.get("service_scopes", {}).items() for name in names
        },
    )


def _across_line_breaks(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pattern with optional whitespace tokens between its tokens: a sentence wrapped over
    lines ("who have lost" / "" / "their lives") still matches."""
    out: list[dict[str, Any]] = []
    for i, token in enumerate(pattern):
        if i:
            out.append({"IS_SPACE": True, "OP": "*"})
        out.append(token)
    return out


_MATCHERS: dict[int, AnchoredMatcher] = {}
_MATCHER_LOCK = threading.Lock()


def _matcher(vocab: Vocab) -> AnchoredMatcher:
    key = id(vocab)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        with _MATCHER_LOCK:
            matcher = _MATCHERS.get(key)
            if matcher is None:
                # a Matcher that tries on each sentence only the patterns whose words it holds
                matcher = AnchoredMatcher(vocab)
                for row in vocabulary().patterns:
                    pattern = row.get("pattern") or [{"LOWER": word} for word in row["phrase"].lower().split()]
                    matcher.add(f"{row['label']}|{row['id']}", _across_line_breaks(pattern))
                _MATCHERS[key] = matcher
    return matcher


@attrs.frozen
class Cues:
    """The cue spans of one parsed sentence, by label, and the labels on each token."""

    spans: dict[str, tuple[Span, ...]]
    by_token: dict[int, frozenset[str]]

    def has(self, label: str) -> bool:
        return bool(self.spans.get(label))

    def on(self, token_i: int) -> frozenset[str]:
        return self.by_token.get(token_i, frozenset())

    def within(self, label: str, start: int, end: int) -> bool:
        """Whether a ``label`` cue lies inside tokens ``[start, end)``."""
        return any(s.start >= start and s.end <= end for s in self.spans.get(label, ()))


def find_cues(sdoc: Doc) -> Cues:
    """Run the cue patterns over a parsed sentence; overlapping cues keep the longest."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    matcher = _matcher(sdoc.vocab)
    found: dict[str, list[Span]] = {}
    spans = [
        Span(sdoc, start, end, label=sdoc.vocab.strings[match_id].split("|", 1)[0])
        for match_id, start, end in matcher(sdoc)
    ]
    compared = [s for s in spans if s.label_ == "COMPARED"]
    if compared:
        spans = [s for s in spans if s.label_ != "CUMULATIVE" or not any(c.start <= s.start and s.end <= c.end for c in compared)]
    by_token: dict[int, set[str]] = {}
    # death and injury phrases overlap ("succumbed to their injuries"): the longest wins
    for span in filter_spans([s for s in spans if s.label_ in {"DEATH", "INJURY", "MISSING"}]) + [
        s for s in spans if s.label_ not in {"DEATH", "INJURY", "MISSING"}
    ]:
        found.setdefault(span.label_, []).append(span)
        for tok in span:
            by_token.setdefault(tok.i, set()).add(span.label_)
    return Cues(
        spans={k: tuple(v) for k, v in found.items()},
        by_token={k: frozenset(v) for k, v in by_token.items()},
    )
