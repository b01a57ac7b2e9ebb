"""Parsing sentences with the pipeline: batched, and each distinct sentence once.

News repeats itself: a wire story runs on many sites, a page quotes its own lead, a site ends
every article with the same paragraph of figures. The fact rules and the people layer read a
sentence's parse and never change it, and spaCy parses each text of a batch on its own (the
same text gives the same parse wherever it sits in a batch), so a sentence seen again, in the
same batch or a recent one, reuses its parse. :class:`ParseMemo` keeps the recent parses;
:func:`parse_sentences` parses what it has not seen.
"""

from __future__ import annotations

import collections
import itertools
import re
import threading
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, Union

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["ParseMemo", "parse_sentences", "tokenized"]


class ParseMemo:
    """The parses of the most recently seen sentences, by text (thread-safe).

    Args:
        max_entries: sentences kept; the least recently used goes first. A sentence's
            parse (with its token vectors) is about 23 KB on news text, so the default holds about 25 MB.
    """

    def __init__(self, max_entries: int = 1024) -> None:
        self.max_entries = max_entries
        self._docs: collections.OrderedDict[str, Doc] = collections.OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._docs)

    def get(self, text: str) -> Optional[Doc]:
        """The remembered parse of ``text``, or ``None``."""
        with self._lock:
            doc = self._docs.get(text)
            if doc is not None:
                self._docs.move_to_end(text)
            return doc

    def put(self, text: str, doc: Doc) -> None:
        """Remember ``doc`` as the parse of ``text``."""
        if self.max_entries <= 0:
            return
        with self._lock:
            self._docs[text] = doc
            self._docs.move_to_end(text)
            while len(self._docs) > self.max_entries:
                self._docs.popitem(last=False)


def parse_sentences(
    nlp: Language,
    texts: list[str],
    *,
    disable: list[str],
    memo: Optional[ParseMemo] = None,
    finish: Optional[Callable[[list[Any]], None]] = None,
    batch_size: int = 256,
) -> Iterator[Doc]:
    """The parses of ``texts``, in order, each distinct text parsed once.

    Args:
        nlp: the pipeline; ``disable`` names the components not run.
        texts: the sentences.
        memo: parses to reuse, and where to keep the new ones (the caller keeps one memo per
            combination of ``disable`` and ``finish``: a parse is only reused for the same work).
        finish: run on each list of new parses (at most ``batch_size``) before they are given
            out, e.g. :meth:`peacefacts.nlp.model.TokenAttributes.apply`.

    The texts are read lazily, ``batch_size`` parses at a time; a text repeated in ``texts``
    keeps its parse only until its last use.
    """
    known: dict[str, Doc] = {}
    if memo is not None:
        for text in dict.fromkeys(texts):
            doc = memo.get(text)
            if doc is not None:
                known[text] = doc  # held here: the memo may drop it before its turn
    fresh = [text for text in dict.fromkeys(texts) if text not in known]
    remaining = collections.Counter(texts)
    stream = _parse(nlp, fresh, disable, finish, batch_size)
    for text in texts:
        doc = known.get(text)
        if doc is None:
            doc = next(stream)
            if memo is not None:
                memo.put(text, doc)
            if remaining[text] > 1:
                known[text] = doc
        remaining[text] -= 1
        if not remaining[text]:
            known.pop(text, None)
        yield doc


# A dash written with no space between a word and a figure ("6,247 personnel—5,781 troops and
# 466 police"): spaCy's infixes split a dash only before a letter, so "personnel—5,781" would be
# one token, and the figure would have no token of its own to read its noun from.
_GLUED_DASH = re.compile(r"[^\W\d_][\u2013\u2014]\d")
_GLUED_DASH_TOKEN = re.compile(r"(.*?[^\W\d_])([\u2013\u2014])(\d.*)")


def tokenized(nlp: Language, text: str) -> Union[str, Doc]:
    """``text`` as the pipeline should read it: the text itself (the pipeline tokenizes it), or,
    when a dash joins a word to a figure, its tokens with that dash split off (a
    :class:`~spacy.tokens.Doc` with the same text, so offsets do not move).

    >>> import spacy
    >>> [t.text for t in tokenized(spacy.blank("en"), "6,247 personnel—5,781 troops")]
    ['6,247', 'personnel', '—', '5,781', 'troops']
    """
    if not _GLUED_DASH.search(text):
        return text
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    for token in nlp.make_doc(text):
        m = _GLUED_DASH_TOKEN.fullmatch(token.text)
        if m:
            words.extend(m.groups())
            spaces.extend((False, False))
        else:
            words.append(token.text)
        spaces.append(bool(token.whitespace_))
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _parse(
    nlp: Language, texts: list[str], disable: list[str], finish: Optional[Callable[[list[Any]], None]], batch_size: int
) -> Iterator[Doc]:
    docs = iter(nlp.pipe((tokenized(nlp, text) for text in texts), batch_size=batch_size, disable=disable))
    while chunk := list(itertools.islice(docs, batch_size)):
        if finish is not None:
            finish(chunk)
        yield from chunk
