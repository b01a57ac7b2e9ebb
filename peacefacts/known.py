"""Known figures: the figures you expect from each document, checked against what is extracted.

A known-figures file is TOML (format 1)::

    # fixtures/known/seeds.toml
    format = 1
    inputs = ["../seeds"]            # optional: what `peacefacts check FILE` reads when no PATH is
                                     # given, relative to this file

    [[document]]
    id = "004_7e52952e49f3ada9.txt"  # the document id, or its file name (the last path part)
    complete = true                  # optional (default true): figures not listed are "unexpected"

    [[document.figure]]
    subject = "Pakistan"
    metric = "fatalities_total"
    value = 161
    qualifier = "exact"              # optional checks: qualifier, as_of, since, category, scope
    as_of = "2021-10-26"
    category = "personnel"
    since = "none"                   # "none": the field must be empty (TOML has no null)

``subject``, ``metric`` and ``value`` are required; the optional fields are checked only when
given. Each listed figure is matched to one extracted fact of its document with the same subject
and metric: first to a fact equal on every checked field, else to the closest one, which is then
reported as **changed** (with the fields that differ). A listed figure with no fact left is
**missing**; in a ``complete`` document, a fact that matches nothing is **unexpected**. A
document that cannot be read has all its figures missing.

:func:`check_figures` returns the mismatches (an empty list means no drift), so it reads well in
``assert``; :mod:`peacefacts.testing` wraps it for test suites and ``peacefacts check`` for the
command line.

Example:
    >>> from peacefacts.records import Fact, Figure
    >>> known = parse_known('''
    ... format = 1
    ... [[document]]
    ... id = "mofa.txt"
    ... [[document.figure]]
    ... subject = "Pakistan"
    ... metric = "fatalities_total"
    ... value = 161
    ... as_of = "2021-10-26"
    ... ''')
    >>> facts = [Fact(doc="pages/mofa.txt", subject="Pakistan", metric="fatalities_total",
    ...               figure=Figure.exact(168), as_of="2021-10-26")]
    >>> [str(m) for m in check_figures(facts, known)]
    ['mofa.txt: changed Pakistan fatalities_total as of 2021-10-26: expected 161, got 168 [value]']
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from peacefacts.errors import KnownFiguresError
from peacefacts.io.gather import gather_results
from peacefacts.records import Category, Fact, Metric, PartialDate, Qualifier
from peacefacts.vocab.text import normalize

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 needs the tomli backport
    import tomli as tomllib

__all__ = [
    "FORMAT",
    "NONE",
    "CHECKED_FIELDS",
    "KnownFigure",
    "KnownDocument",
    "KnownFigures",
    "Mismatch",
    "load_known",
    "parse_known",
    "check_figures",
    "dump_known",
    "describe_fact",
]

#: The format version this module reads and writes.
FORMAT = 1
#: The value that says "this field must be empty" (TOML has no null).
NONE = "none"
#: The optional fields a known figure can check, in the order they are reported.
CHECKED_FIELDS: tuple[str, ...] = ("qualifier", "as_of", "since", "category", "scope")

_DOCUMENT_KEYS = frozenset({"id", "complete", "figure", "note"})
_FIGURE_KEYS = frozenset({"subject", "metric", "value", "note", *CHECKED_FIELDS})


def _norm_subject(subject: str) -> str:
    # subjects compare as the reconciler compares them (case, spacing and accents do not matter)
    return normalize(subject, keep_other_scripts=True)


@attrs.frozen(kw_only=True)
class KnownFigure:
    """One figure a document is expected to yield.

    Attributes:
        doc: the document id as written in the file (an id, or a file name).
        subject: who the figure is about.
        metric: what it counts (a :class:`~peacefacts.records.Metric` value).
        value: the expected value.
        qualifier, as_of, since, category, scope: checked when not ``None``; the string
            ``"none"`` means the fact's field must be empty.
        note: free text kept for people (why a field is not checked, a source...).
    """

    doc: str
    subject: str
    metric: str
    value: int
    qualifier: str | None = None
    as_of: str | None = None
    since: str | None = None
    category: str | None = None
    scope: str | None = None
    note: str | None = None

    def checks(self) -> dict[str, str | None]:
        """The checked optional fields: name → expected JSON value (``None``: must be empty)."""
        out: dict[str, str | None] = {}
        for name in CHECKED_FIELDS:
            expected = getattr(self, name)
            if expected is not None:
                out[name] = None if expected == NONE else expected
        return out

    def describe(self) -> str:
        """``Pakistan fatalities_total 161 (as_of 2021-10-26)``: the figure and its checks."""
        extra = ", ".join(f"{k} {v if v is not None else NONE}" for k, v in self.checks().items())
        return f"{self.subject} {self.metric} {self.value}" + (f" ({extra})" if extra else "")


@attrs.frozen(kw_only=True)
class KnownDocument:
    """The expected figures of one document."""

    id: str
    figures: tuple[KnownFigure, ...] = ()
    complete: bool = True
    note: str | None = None


@attrs.frozen(kw_only=True)
class KnownFigures:
    """A parsed known-figures file.

    Attributes:
        documents: the documents, in file order.
        inputs: paths to read when none are given (already resolved against the file's folder).
        path: the file read, if any.
    """

    documents: tuple[KnownDocument, ...]
    inputs: tuple[str, ...] = ()
    path: str | None = None

    @property
    def figures(self) -> tuple[KnownFigure, ...]:
        """Every known figure of every document."""
        return tuple(f for d in self.documents for f in d.figures)


MismatchKind = Literal["missing", "changed", "unexpected"]


def _fact_field(fact: Fact, name: str) -> str | None:
    value = getattr(fact, name)
    if value is None:
        return None
    return value.value if hasattr(value, "value") else str(value)


def describe_fact(fact: Fact, fields: Iterable[str] = ("as_of",)) -> str:
    """``181 (as_of 2024-05)``: a fact's value with the named fields, for messages.

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> describe_fact(Fact(doc="d", subject="UN", metric="personnel_deployed",
        ...                    figure=Figure(value=61000, qualifier="approx")), ["qualifier", "as_of"])
        '61000 (qualifier approx, as_of none)'
    """
    parts = [f"{name} {_fact_field(fact, name) or NONE}" for name in fields]
    return f"{fact.value}" + (f" ({', '.join(parts)})" if parts else "")


@attrs.frozen(kw_only=True)
class Mismatch:
    """One difference between known and extracted figures.

    Attributes:
        kind: ``missing`` (expected, not extracted), ``changed`` (extracted differently) or
            ``unexpected`` (extracted, not expected, in a complete document).
        doc: the document (the known id; the extracted id for unexpected facts).
        expected: the known figure (``None`` for unexpected facts).
        actual: the extracted fact (``None`` for missing figures).
        fields: for ``changed``: the fields that differ (``value`` first).
        detail: why a figure is missing when the document itself is (not read, or failed).
    """

    kind: MismatchKind
    doc: str
    expected: KnownFigure | None = None
    actual: Fact | None = None
    fields: tuple[str, ...] = ()
    detail: str = ""

    def __str__(self) -> str:
        if self.kind == "changed" and self.expected is not None and self.actual is not None:
            exp = self.expected
            checks = exp.checks()
            # name the figure (with its date when that is not what changed), then only what differs
            context = ""
            if "as_of" in checks and "as_of" not in self.fields:
                context = f" as of {checks['as_of'] or NONE}"
            differing = [f for f in CHECKED_FIELDS if f in self.fields]
            want = f"{exp.value}" + (
                " (" + ", ".join(f"{k} {checks.get(k) or NONE}" for k in differing) + ")" if differing else ""
            )
            got = describe_fact(self.actual, differing)
            return (
                f"{self.doc}: changed {exp.subject} {exp.metric}{context}: expected {want}, got {got} "
                f"[{', '.join(self.fields)}]"
            )
        if self.kind == "missing" and self.expected is not None:
            tail = f" ({self.detail})" if self.detail else ""
            return f"{self.doc}: missing {self.expected.describe()}{tail}"
        if self.actual is not None:
            fact = self.actual
            return (
                f"{self.doc}: unexpected {fact.subject} {fact.metric.value} "
                f"{describe_fact(fact, ['qualifier', 'as_of'])}: “{fact.evidence}”"
            )
        return f"{self.doc}: {self.kind}"  # pragma: no cover - every kind is handled above


# --------------------------------------------------------------------------------------------
# reading


def _fail(where: str, message: str) -> KnownFiguresError:
    return KnownFiguresError(f"{where}: {message}")


def _string(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"{key} must be a non-empty string, not {value!r}")
    return value.strip()


def _figure(raw: Any, doc_id: str, where: str) -> KnownFigure:
    if not isinstance(raw, Mapping):
        raise _fail(where, "a figure must be a table ([[document.figure]])")
    unknown = sorted(set(raw) - _FIGURE_KEYS)
    if unknown:
        raise _fail(where, f"unknown key(s) {', '.join(unknown)}; expected: {', '.join(sorted(_FIGURE_KEYS))}")
    for key in ("subject", "metric", "value"):
        if key not in raw:
            raise _fail(where, f"{key} is required")
    metric = _string(raw["metric"], where, "metric")
    if metric not in {m.value for m in Metric}:
        raise _fail(where, f"metric {metric!r} is not one of: {', '.join(m.value for m in Metric)}")
    value = raw["value"]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, f"value must be an integer, not {value!r}")
    checks: dict[str, str | None] = {}
    for key in CHECKED_FIELDS:
        if key not in raw:
            continue
        text = _string(raw[key], where, key)
        if text != NONE:
            try:
                if key == "qualifier":
                    Qualifier(text)
                elif key == "category":
                    Category(text)
                elif key in ("as_of", "since"):
                    text = str(PartialDate.from_string(text))
            except ValueError as exc:
                raise _fail(where, f"{key} {text!r}: {exc}") from exc
        checks[key] = text
    note = raw.get("note")
    return KnownFigure(
        doc=doc_id,
        subject=_string(raw["subject"], where, "subject"),
        metric=metric,
        value=value,
        note=None if note is None else str(note),
        **checks,
    )


def parse_known(text: str, *, path: str | os.PathLike[str] | None = None) -> KnownFigures:
    """Parse the TOML text of a known-figures file.

    Args:
        text: the TOML.
        path: where it came from (for messages, and to resolve ``inputs``).

    Raises:
        KnownFiguresError: not TOML, an unknown format, an unknown key, a missing or malformed
            field; the message names the document and figure.
    """
    source = "<known figures>" if path is None else os.fspath(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KnownFiguresError(f"{source}: not valid TOML: {exc}") from exc
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise KnownFiguresError(f"{source}: format {fmt!r} is not supported (this peacefacts reads format {FORMAT})")
    unknown = sorted(set(data) - {"format", "inputs", "document", "note"})
    if unknown:
        raise KnownFiguresError(f"{source}: unknown top-level key(s) {', '.join(unknown)}")
    raw_inputs = data.get("inputs", [])
    if not isinstance(raw_inputs, list) or not all(isinstance(i, str) for i in raw_inputs):
        raise KnownFiguresError(f"{source}: inputs must be a list of paths")
    base = Path(source).parent if path is not None else Path(".")
    inputs = tuple(i if os.path.isabs(i) else os.path.normpath(base / i) for i in raw_inputs)
    raw_docs = data.get("document", [])
    if not isinstance(raw_docs, list):
        raise KnownFiguresError(f"{source}: document must be an array of tables ([[document]])")
    documents = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_docs, 1):
        where = f"{source}: document {i}"
        if not isinstance(raw, Mapping):
            raise _fail(where, "must be a table")
        unknown = sorted(set(raw) - _DOCUMENT_KEYS)
        if unknown:
            raise _fail(where, f"unknown key(s) {', '.join(unknown)}; expected: {', '.join(sorted(_DOCUMENT_KEYS))}")
        doc_id = _string(raw.get("id"), where, "id")
        where = f"{source}: document {doc_id!r}"
        if doc_id in seen:
            raise _fail(where, "listed twice")
        seen.add(doc_id)
        complete = raw.get("complete", True)
        if not isinstance(complete, bool):
            raise _fail(where, f"complete must be true or false, not {complete!r}")
        figures = raw.get("figure", [])
        if not isinstance(figures, list):
            raise _fail(where, "figure must be an array of tables ([[document.figure]])")
        documents.append(
            KnownDocument(
                id=doc_id,
                complete=complete,
                note=None if raw.get("note") is None else str(raw["note"]),
                figures=tuple(_figure(f, doc_id, f"{where}, figure {j}") for j, f in enumerate(figures, 1)),
            )
        )
    return KnownFigures(documents=tuple(documents), inputs=inputs, path=None if path is None else source)


def load_known(path: str | os.PathLike[str]) -> KnownFigures:
    """Read a known-figures TOML file.

    Raises:
        KnownFiguresError: the file cannot be read or is malformed.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise KnownFiguresError(f"{os.fspath(path)}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise KnownFiguresError(f"{os.fspath(path)}: not UTF-8 text") from exc
    return parse_known(text, path=path)


# --------------------------------------------------------------------------------------------
# checking


def _same_document(known_id: str, doc_id: str) -> bool:
    """A known id names a document by its id, or by its trailing path parts (its file name)."""
    if doc_id == known_id:
        return True
    norm_doc = doc_id.replace("\\", "/")
    norm_known = known_id.replace("\\", "/")
    return norm_doc.endswith("/" + norm_known)


def _differences(known: KnownFigure, fact: Fact) -> tuple[str, ...]:
    diffs = ["value"] if fact.value != known.value else []
    for name, expected in known.checks().items():
        if _fact_field(fact, name) != expected:
            diffs.append(name)
    return tuple(diffs)


def _check_document(known: KnownDocument, doc_id: str, facts: list[Fact]) -> list[Mismatch]:
    remaining = sorted(facts, key=lambda f: (f.start, f.end, f.metric.value, f.value))
    matched: list[tuple[KnownFigure, Fact | None]] = []
    pending: list[KnownFigure] = []

    def candidates(fig: KnownFigure) -> list[Fact]:
        subject = _norm_subject(fig.subject)
        return [f for f in remaining if f.metric.value == fig.metric and _norm_subject(f.subject) == subject]

    # exact matches first, so one changed figure cannot steal the fact of an unchanged one
    for fig in known.figures:
        exact = next((f for f in candidates(fig) if not _differences(fig, f)), None)
        if exact is None:
            pending.append(fig)
        else:
            remaining.remove(exact)
            matched.append((fig, exact))
    out: list[Mismatch] = []
    for fig in pending:
        options = candidates(fig)
        if not options:
            out.append(Mismatch(kind="missing", doc=known.id, expected=fig))
            continue
        closest = min(options, key=lambda f: (len(_differences(fig, f)), abs(f.value - fig.value)))
        remaining.remove(closest)
        out.append(Mismatch(kind="changed", doc=known.id, expected=fig, actual=closest, fields=_differences(fig, closest)))
    if known.complete:
        out.extend(Mismatch(kind="unexpected", doc=known.id, actual=f) for f in remaining)
    return out


def check_figures(results: Iterable[Any], known: KnownFigures | str | os.PathLike[str]) -> list[Mismatch]:
    """Compare extracted figures with known ones; an empty list means no drift.

    Args:
        results: extraction results, or records read back from JSONL, or facts (anything
            :func:`peacefacts.io.gather.gather_results` accepts). Documents not in ``known`` are
            not checked.
        known: a :class:`KnownFigures`, or the path of a TOML file.

    Returns:
        Mismatches in file order: per document, changed and missing figures, then unexpected
        facts.

    Raises:
        KnownFiguresError: a malformed file, or a known id that names several documents.
    """
    table = known if isinstance(known, KnownFigures) else load_known(known)
    found, errors = gather_results(results)
    out: list[Mismatch] = []
    for doc in table.documents:
        hits = [r for r in found if _same_document(doc.id, r.doc_id)]
        failed = [e for e in errors if _same_document(doc.id, e.doc)]
        if len(hits) > 1:
            names = ", ".join(r.doc_id for r in hits)
            raise KnownFiguresError(f"document {doc.id!r} names several inputs ({names}); use a longer id")
        if not hits:
            detail = f"the document failed: {failed[0].error}" if failed else "the document was not among the inputs"
            out.extend(Mismatch(kind="missing", doc=doc.id, expected=f, detail=detail) for f in doc.figures)
            continue
        out.extend(_check_document(doc, hits[0].doc_id, list(hits[0].facts)))
    return out


# --------------------------------------------------------------------------------------------
# writing


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def dump_known(results: Iterable[Any], *, inputs: Iterable[str] = (), name_by: Literal["id", "file"] = "file") -> str:
    """A known-figures TOML text listing every extracted figure: a start for a hand-checked file.

    Every field is written (empty ones as ``"none"``), so the file checks everything; loosen
    what you cannot vouch for by deleting the line.

    Args:
        results: extraction results or records.
        inputs: the ``inputs`` entry (relative to where the file will live).
        name_by: ``"file"`` writes each document's file name (ids that are paths still match
            when the inputs are read from another folder); ``"id"`` the id as is.

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> text = dump_known([Fact(doc="pages/a.txt", subject="Ghana", metric="personnel_deployed",
        ...                         figure=Figure.exact(800), as_of="2024-03")])
        >>> check_figures([Fact(doc="x/a.txt", subject="Ghana", metric="personnel_deployed",
        ...                     figure=Figure.exact(800), as_of="2024-03")], parse_known(text))
        []
    """
    found, _ = gather_results(results)
    lines = [f"# peacefacts known figures (format {FORMAT}); see docs/known-figures.md", f"format = {FORMAT}"]
    inputs = list(inputs)
    if inputs:
        lines.append("inputs = [" + ", ".join(_toml_string(i) for i in inputs) + "]")
    for result in found:
        doc_id = os.path.basename(result.doc_id) if name_by == "file" else result.doc_id
        lines += ["", "[[document]]", f"id = {_toml_string(doc_id or result.doc_id)}"]
        for fact in sorted(result.facts, key=lambda f: (f.start, f.end)):
            lines += ["", "[[document.figure]]"]
            lines.append(f"subject = {_toml_string(fact.subject)}")
            lines.append(f"metric = {_toml_string(fact.metric.value)}")
            lines.append(f"value = {fact.value}")
            for name in CHECKED_FIELDS:
                lines.append(f"{name} = {_toml_string(_fact_field(fact, name) or NONE)}")
    return "\n".join(lines) + "\n"

