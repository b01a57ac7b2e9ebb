"""A spaCy ``Matcher`` that tries, on each ``Doc``, only the patterns that can match there.

spaCy's ``Matcher`` starts every pattern at every token and calls a Python predicate for each
``IN`` set it meets: with the fact rules' hundred-odd cue patterns that was 0.7 ms a sentence,
more than the tagger. Most patterns need a word ("lives", "toll") or a lemma ("lose") that a
given sentence does not hold. :class:`AnchoredMatcher` gives each pattern an *anchor*, a token
every match must contain (a required word or lemma, or a word the pattern's ``REGEX`` accepts),
and runs on a sentence a ``Matcher`` of the patterns whose anchor occurs in it, built once per
such set and kept.

The matches are the same, in the same order, as those of one ``Matcher`` of all the patterns:
the ``Matcher`` follows its patterns' partial matches independently, in the order they were
added, so leaving out patterns that cannot complete changes nothing for the others (a test
compares the two on real sentences).
"""

from __future__ import annotations

import collections
import re
import threading
from typing import TYPE_CHECKING, Any, Optional, Union

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["AnchoredMatcher"]

#: token attributes an anchor can be: what the ``Doc`` holds as string hashes
_ANCHOR_ATTRS = ("LOWER", "LEMMA")
#: ``OP`` values that make a token required (absent: exactly one)
_REQUIRED_OPS = frozenset({"1", "+"})
#: token attributes a pipe sets: a Matcher refuses a Doc whose patterns read one it lacks
_ANNOTATIONS = frozenset({"TAG", "POS", "MORPH", "LEMMA", "DEP"})

_Anchor = tuple[str, frozenset[int]]  # attribute, string hashes of the words a token must be
_RegexAnchor = tuple[str, str]  # attribute, a regular expression the token's string must hold
#: words remembered per regular-expression anchor before the memo starts afresh
_MAX_REGEX_WORDS = 100_000


class AnchoredMatcher:
    """Matcher rows added with :meth:`add`, run on a ``Doc`` with :meth:`__call__`.

    Args:
        vocab: the pipeline's vocabulary (its string store gives the words' hashes).
        max_matchers: the ``Matcher`` objects kept, one per set of patterns that could match
            some ``Doc``; the least recently used goes first.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> matcher = AnchoredMatcher(nlp.vocab)
        >>> matcher.add("DEATH", [{"LOWER": "lost"}, {"LOWER": "their"}, {"LOWER": "lives"}])
        >>> matcher.add("CURRENT", [{"LOWER": "currently"}])
        >>> doc = nlp("Twelve lost their lives, and 2,400 currently serve.")
        >>> [(nlp.vocab.strings[key], doc[s:e].text) for key, s, e in matcher(doc)]
        [('DEATH', 'lost their lives'), ('CURRENT', 'currently')]
    """

    def __init__(self, vocab: Vocab, *, max_matchers: int = 2048) -> None:
        self._vocab = vocab
        self._rows: list[tuple[str, list[dict[str, Any]]]] = []
        #: per attribute, word hash -> (row, anchor) it satisfies
        self._index: dict[str, dict[int, list[tuple[int, int]]]] = {name: {} for name in _ANCHOR_ATTRS}
        #: per attribute, regular expression -> (row, anchor) it satisfies: a pattern with no word
        #: list but a ``REGEX`` ("^(attack|ambush|…)s?$") would otherwise be tried on every Doc, and
        #: put in every Matcher built (each pattern costs about 75 µs to add)
        self._regex_index: dict[str, dict[str, list[tuple[int, int]]]] = {name: {} for name in _ANCHOR_ATTRS}
        self._regex_words: dict[tuple[str, str], dict[int, bool]] = {}  # (attr, regex) -> word hash -> holds
        self._needs: list[int] = []  # anchors per row
        self._free: list[int] = []  # rows without anchors: tried on every Doc
        self._annotations: set[str] = set()  # what the patterns read that a pipe must have set
        self._matchers: collections.OrderedDict[tuple[int, ...], Any] = collections.OrderedDict()
        self._max_matchers = max_matchers
        self._lock = threading.Lock()
        from spacy.matcher import Matcher

        self._all = Matcher(vocab)  # every pattern: checks each as it is added

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one token pattern under ``key`` (a ``Matcher`` pattern, as ``Matcher.add`` takes)."""
        with self._lock:
            self._all.add(key, [pattern])  # an invalid pattern fails here, not on some later Doc
            row = len(self._rows)
            self._rows.append((key, pattern))
            anchors = self._anchors_of(pattern)
            for j, (name, words) in enumerate(anchors):
                if isinstance(words, str):
                    self._regex_index[name].setdefault(words, []).append((row, j))
                    continue
                for word in words:
                    self._index[name].setdefault(word, []).append((row, j))
            self._needs.append(len(anchors))
            self._annotations |= {key.upper() for spec in pattern for key in spec} & _ANNOTATIONS
            if not anchors:
                self._free.append(row)
            self._matchers.clear()
            self._matchers[tuple(range(len(self._rows)))] = self._all

    def __len__(self) -> int:
        return len(self._rows)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` of every match in ``doc``, as ``Matcher.__call__`` gives them."""
        if not len(doc):
            return []
        if any(not doc.has_annotation(name) for name in self._annotations):
            return list(self._all(doc))  # the Matcher's own error ("requires the lemmatizer"…)
        satisfied: dict[int, set[int]] = {}
        for name, column in zip(_ANCHOR_ATTRS, doc.to_array(list(_ANCHOR_ATTRS)).T.tolist(), strict=True):
            index = self._index[name]
            words = set(column)
            for word in index.keys() & words:
                for row, j in index[word]:
                    satisfied.setdefault(row, set()).add(j)
            for regex, regex_rows in self._regex_index[name].items():
                if self._regex_holds(name, regex, words):
                    for row, j in regex_rows:
                        satisfied.setdefault(row, set()).add(j)
        rows = tuple(sorted([*self._free, *(row for row, js in satisfied.items() if len(js) == self._needs[row])]))
        if not rows:
            return []
        return list(self._matcher(rows)(doc))

    def _regex_holds(self, name: str, regex: str, words: set[int]) -> bool:
        """Whether one of ``words`` (string hashes) holds ``regex``, as the ``Matcher`` tests a
        ``REGEX``: ``re.search`` on the token's string. Remembered per word: a sentence's words
        are mostly words seen before."""
        with self._lock:
            memo = self._regex_words.setdefault((name, regex), {})
            if len(memo) > _MAX_REGEX_WORDS:
                memo.clear()
        strings = self._vocab.strings
        for word in words:
            holds = memo.get(word)
            if holds is None:
                holds = memo[word] = re.search(regex, strings[word]) is not None
            if holds:
                return True
        return False

    def _matcher(self, rows: tuple[int, ...]) -> Any:
        with self._lock:
            matcher = self._matchers.get(rows)
            if matcher is not None:
                self._matchers.move_to_end(rows)
                return matcher
        from spacy.matcher import Matcher

        matcher = Matcher(self._vocab, validate=False)  # each pattern was checked by add()
        for i in rows:
            key, pattern = self._rows[i]
            matcher.add(key, [pattern])
        with self._lock:
            self._matchers[rows] = matcher
            while len(self._matchers) > self._max_matchers:
                self._matchers.popitem(last=False)
        return matcher

    def _anchors_of(self, pattern: list[dict[str, Any]]) -> tuple[Union[_Anchor, _RegexAnchor], ...]:
        """For each required token of ``pattern`` that must be one of some words or lemmas, those
        words, or that must hold a regular expression, that expression: a ``Doc`` without such a
        word cannot match (no anchor: tried on every Doc)."""
        anchors: list[Union[_Anchor, _RegexAnchor]] = []
        for spec in pattern:
            if spec.get("OP", "1") not in _REQUIRED_OPS:
                continue
            for name in _ANCHOR_ATTRS:
                words = _words(spec.get(name))
                if words is not None:
                    # the Matcher compares the value as written with the token's form's hash
                    anchors.append((name, frozenset(self._vocab.strings.add(w) for w in words)))
                    break
                regex = _regex(spec.get(name))
                if regex is not None:
                    anchors.append((name, regex))
                    break
        return tuple(anchors)


def _words(value: Union[str, dict[str, Any], None]) -> Optional[list[str]]:
    """The strings a token attribute must equal, for the plain forms (a string, ``IN``)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return list(value["IN"])
    return None


def _regex(value: Union[str, dict[str, Any], None]) -> Optional[str]:
    """The regular expression a token attribute must hold, for the plain form (``REGEX`` alone)."""
    if isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
        return str(value["REGEX"])
    return None
