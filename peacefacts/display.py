"""Notebook display: HTML tables for results and reconciliations, and a displaCy view of a text.

Two things live here:

* ``_repr_html_`` helpers (:func:`result_html`, :func:`reconciliation_html`): a header with
  counts, then at most :data:`MAX_ROWS` rows. Plain HTML with inline styles, no dependency.
  Every value is passed through :func:`html.escape`, because the text comes from web pages.
* :func:`render`: a displaCy view (spaCy's visualiser, manual mode) of one document's facts,
  people, numbers and dates, highlighted in its text. It needs no ``Doc`` and no model, so it
  works from a saved ``peacefacts extract`` JSONL file as long as you pass the text (JSONL
  document records do not carry it).

Example:
    >>> from peacefacts.records import Document, ExtractionResult, Fact, Figure
    >>> text = "Pakistan has lost 181 <b>peacekeepers</b> since 1960."
    >>> result = ExtractionResult(
    ...     document=Document(id="d1", text=text, published="2024-05-29"),
    ...     facts=[Fact(doc="d1", subject="Pakistan", metric="fatalities_total",
    ...                 figure=Figure.exact(181, "181"), as_of="2024-05-29", start=18, end=21,
    ...                 evidence=text)])
    >>> html = result_html(result)
    >>> "1 fact" in html, "&lt;b&gt;peacekeepers" in html, "<b>" in html
    (True, True, False)
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from peacefacts.records import ExtractionResult, Fact, Metric, Qualifier

if TYPE_CHECKING:  # pragma: no cover
    from peacefacts.reconciler import Pair, Reconciliation

__all__ = [
    "MAX_ROWS",
    "DISPLACY_COLORS",
    "result_html",
    "reconciliation_html",
    "displacy_data",
    "render",
]

#: Rows shown per table before "… N more"; a notebook cell should stay readable.
MAX_ROWS = 50

_HEDGE = {Qualifier.EXACT: "", Qualifier.AT_LEAST: "≥", Qualifier.AT_MOST: "≤", Qualifier.APPROX: "~"}

#: displaCy colours for the labels :func:`render` uses (keys upper-case, as displaCy looks
#: them up). Fact figures are labelled with their metric.
DISPLACY_COLORS: dict[str, str] = {
    "FACT": "#fde68a",
    "NUMBER": "#e5e7eb",
    "DATE": "#bfdbfe",
    "PERSON": "#c4b5fd",
    **{m.value.upper(): m.info.colour for m in Metric},
}

_VERDICT_COLORS = {"conflict": "#b91c1c", "changed_over_time": "#92400e", "agree": "#166534"}

_STYLE = (
    "<style>"
    ".peacefacts table{border-collapse:collapse;font-size:90%;margin:.3em 0 .8em}"
    ".peacefacts th,.peacefacts td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;"
    "vertical-align:top}"
    ".peacefacts td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".peacefacts mark{background:#fde68a;padding:0 2px}"
    ".peacefacts .muted{color:#6b7280}"
    "</style>"
)


def _e(value: object) -> str:
    """Escape anything for HTML; ``None`` shows as an em dash."""
    return "—" if value is None else html.escape(str(value))


def _value(value: int, qualifier: Qualifier) -> str:
    return f"{_HEDGE[qualifier]}{value:,}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _table(header: Sequence[str], body: Iterable[Sequence[str]], total: int) -> str:
    """An HTML table from already-escaped cells; notes how many rows were left out."""
    head = "".join(f"<th>{h}</th>" for h in header)
    rows = "".join("<tr>" + "".join(cells) + "</tr>" for cells in body)
    more = ""
    if total > MAX_ROWS:
        more = f'<p class="muted">… and {total - MAX_ROWS} more (use peacefacts.frames.to_pandas for all)</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}"


def _sentence_start(fact: Fact, text: str) -> int | None:
    """Where the fact's evidence sentence starts in ``text``: the occurrence holding its figure."""
    sentence = fact.evidence
    if not sentence or not text or not 0 <= fact.start < fact.end <= len(text):
        return None
    begin = text.find(sentence, max(0, fact.end - len(sentence)), fact.start + len(sentence))
    if begin == -1 or not begin <= fact.start < fact.end <= begin + len(sentence):
        return None
    return begin


def _evidence_with_mark(fact: Fact, text: str) -> str:
    """The fact's sentence, escaped, with its figure marked.

    With the document text at hand the number is found by its offsets (a number can occur twice
    in one sentence); without it (records read back from JSONL), by the first occurrence of the
    figure as written.
    """
    sentence = fact.evidence
    at = end = -1
    begin = _sentence_start(fact, text)
    if begin is not None:
        at, end = fact.start - begin, fact.end - begin
    if at == -1 and sentence and fact.figure.text:
        at = sentence.find(fact.figure.text)
        end = at + len(fact.figure.text)
    if at == -1:
        return _e(sentence)
    return f"{_e(sentence[:at])}<mark>{_e(sentence[at:end])}</mark>{_e(sentence[end:])}"


def result_html(result: ExtractionResult) -> str:
    """HTML for one extraction result: a header, then its facts and its people.

    Used by ``ExtractionResult._repr_html_`` (Jupyter calls it). Every value is escaped.

    Args:
        result: the result to show.

    Returns:
        An HTML fragment.

    Example:
        >>> from peacefacts.records import Document, ExtractionResult, Person
        >>> r = ExtractionResult(document=Document(id="a", text=""),
        ...                      people=[Person(doc="a", name="Atul Khare", role="USG")])
        >>> "0 facts" in result_html(r), "Atul Khare" in result_html(r)
        (True, True)
    """
    doc = result.document
    header = [f"<strong>{_e(doc.title or doc.id)}</strong>"]
    if doc.title:
        header.append(f'<span class="muted">{_e(doc.id)}</span>')
    header.append(f"published {_e(doc.published) if doc.published else 'unknown'}")
    header.append(_plural(len(result.facts), "fact"))
    header.append(_plural(len(result.people), "person") if len(result.people) == 1 else f"{len(result.people)} people")
    parts = [_STYLE, '<div class="peacefacts">', "<p>" + " · ".join(header) + "</p>"]
    if result.facts:
        facts = result.facts[:MAX_ROWS]
        body = (
            [
                f"<td>{_e(f.subject)}</td>",
                f"<td>{_e(f.metric.value)}</td>",
                f'<td class="num">{_e(_value(f.value, f.qualifier))}</td>',
                f"<td>{_e(f.as_of) if f.as_of else 'undated'}</td>",
                f"<td>{_e(f.since)}</td>",
                f"<td>{_e(f.category.value if f.category else None)}</td>",
                f"<td>{_evidence_with_mark(f, doc.text)}</td>",
            ]
            for f in facts
        )
        parts.append(
            _table(["subject", "metric", "value", "as of", "since", "category", "evidence"], body, len(result.facts))
        )
    if result.people:
        body = (
            [f"<td>{_e(p.name)}</td>", f"<td>{_e(p.role)}</td>", f"<td>{_e(p.organization)}</td>"]
            for p in result.people[:MAX_ROWS]
        )
        parts.append(_table(["person", "role", "organization"], body, len(result.people)))
    parts.append("</div>")
    return "".join(parts)


def _verdict_cell(pair: Pair) -> str:
    color = _VERDICT_COLORS.get(pair.verdict.value, "#111827")
    return f'<td style="color:{color};font-weight:600">{_e(pair.verdict.value)}</td>'


def reconciliation_html(rec: Reconciliation) -> str:
    """HTML for a reconciliation: counts, the disagreements with their explanations, the
    preferred figure of each group, and the copies found.

    Meant for ``Reconciliation._repr_html_``; every value is escaped.

    Args:
        rec: the reconciliation to show.

    Returns:
        An HTML fragment.

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> from peacefacts.reconciler import reconcile
        >>> rec = reconcile([
        ...     Fact(doc="a", subject="Ireland", metric="fatalities_total", figure=Figure.exact(86), as_of="2007"),
        ...     Fact(doc="b", subject="Ireland", metric="fatalities_total", figure=Figure.exact(85),
        ...          as_of="2008-06-26"),
        ... ])
        >>> html = reconciliation_html(rec)
        >>> "1 conflict" in html, "cumulative_decrease" in html
        (True, True)
    """
    pairs = rec.pairs
    verdicts = [p.verdict.value for p in pairs]
    disagreements = rec.discrepancies()
    summary = " · ".join(
        [
            "<strong>Reconciliation</strong>",
            _plural(len(rec.groups), "group"),
            _plural(len(pairs), "pair"),
            _plural(verdicts.count("conflict"), "conflict"),
            _plural(verdicts.count("changed_over_time"), "change") + " over time",
            _plural(len(rec.copies), "copy pair") if len(rec.copies) == 1 else f"{len(rec.copies)} copy pairs",
            f"policy {_e(rec.policy.value)}",
        ]
    )
    parts = [_STYLE, '<div class="peacefacts">', f"<p>{summary}</p>"]
    label_of = {id(p): g.label for g in rec.groups for p in g.pairs}
    if disagreements:
        # the same disagreement seen again through a copy of an article is one row, naming the
        # copies (as the text report does): copies are one source, not more evidence
        rows: dict[tuple[object, ...], list[Pair]] = {}
        for p in disagreements:
            key = (
                label_of[id(p)], p.verdict.value, p.cause,
                p.a.source, p.a.value, str(p.a.as_of), p.b.source, p.b.value, str(p.b.as_of),
            )
            rows.setdefault(key, []).append(p)
        shown = list(rows.values())

        def copies_note(same: list[Pair]) -> str:
            others = sorted({d for q in same[1:] for d in (q.a.doc, q.b.doc)} - {same[0].a.doc, same[0].b.doc})
            return f'<br><span class="muted">also in copies: {_e(", ".join(others))}</span>' if others else ""

        body = (
            [
                _verdict_cell(same[0]),
                f"<td>{_e(label_of[id(same[0])])}</td>",
                f'<td class="num">{_e(_value(same[0].a.value, same[0].a.qualifier))} ({_e(same[0].a.as_of or "undated")})</td>',
                f'<td class="num">{_e(_value(same[0].b.value, same[0].b.qualifier))} ({_e(same[0].b.as_of or "undated")})</td>',
                f"<td>{_e(same[0].cause)}</td>",
                f"<td>{_e(same[0].explanation)}"
                + (' <span class="muted">(copies of one article)</span>' if same[0].copies else "")
                + f'<br><span class="muted">{_e(same[0].a.doc)} → {_e(same[0].b.doc)}</span>'
                + copies_note(same)
                + "</td>",
            ]
            for same in shown[:MAX_ROWS]
        )
        parts.append("<p><strong>Disagreements</strong></p>")
        parts.append(_table(["verdict", "figure", "a", "b", "cause", "explanation"], body, len(shown)))
    groups = rec.groups
    if groups:
        body_rows = []
        for g in groups[:MAX_ROWS]:
            point = g.preferred
            figure = "—" if point is None else f"{_e(_value(point.best, point.qualifier))}"
            as_of = "—" if point is None else _e(point.as_of or "undated")
            reason = "no preferred figure" if point is None else point.reason
            sources = len({o.source for o in g.observations})
            body_rows.append(
                [
                    f"<td>{_e(g.label)}</td>",
                    f'<td class="num">{figure}</td>',
                    f"<td>{as_of}</td>",
                    f'<td class="num">{len(g.observations)} / {sources}</td>',
                    f"<td>{_e(reason)}</td>",
                ]
            )
        parts.append("<p><strong>Preferred figures</strong></p>")
        parts.append(_table(["group", "figure", "as of", "observations / sources", "why"], body_rows, len(groups)))
    if rec.copies:
        body = (
            [
                f"<td>{_e(c.a)}</td>",
                f"<td>{_e(c.b)}</td>",
                f'<td class="num">{c.similarity:.2f}</td>',
                f'<td class="num">{"—" if c.containment is None else f"{c.containment:.2f}"}</td>',
            ]
            for c in rec.copies[:MAX_ROWS]
        )
        parts.append("<p><strong>Copies</strong> (one article published twice; counted as one source)</p>")
        parts.append(_table(["document", "copy", "similarity", "containment"], body, len(rec.copies)))
    parts.append("</div>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# displaCy

Style = Literal["span", "ent"]

# words and single punctuation marks, each with its offsets: enough to place spans on tokens
# for displaCy's span style without loading a tokenizer
_TOKEN = re.compile(r"\w+(?:[.,'’-]\w+)*|[^\w\s]")


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _single_result(obj: Any) -> ExtractionResult:
    if isinstance(obj, ExtractionResult):
        return obj
    from peacefacts.io.gather import gather_results

    results, _ = gather_results(obj)
    if len(results) != 1:
        ids = ", ".join(r.doc_id for r in results[:5]) or "none"
        raise ValueError(f"render one document at a time; got {len(results)} ({ids})")
    return results[0]


def _check_text(result: ExtractionResult, text: str) -> None:
    # offsets point into the text the extractor read; a different text would mislabel silently
    expected = [(f.figure.text, f.start, f.end) for f in result.facts]
    expected += [(p.name, p.start, p.end) for p in result.people]
    for surface, start, end in expected:
        # the offsets may cover less than the surface ("a hundred" of "Over a hundred", a
        # surname the name was resolved from), never something else
        found = text[start:end]
        if surface and (not found or found not in surface):
            raise ValueError(
                f"the text does not match the offsets of {result.doc_id}: expected {surface!r} at "
                f"{start}..{end}, found {text[start:end]!r}; pass the text the extractor read "
                "(peacefacts.ingest.read_document(path).text)"
            )


def _candidate_spans(result: ExtractionResult, text: str, *, numbers: bool, dates: bool) -> list[tuple[int, int, str, int]]:
    """``(start, end, label, priority)`` of everything worth highlighting; lower priority wins."""
    spans: list[tuple[int, int, str, int]] = []
    for fact in result.facts:
        spans.append((fact.start, fact.end, fact.metric.value.upper(), 0))
        begin = _sentence_start(fact, text)
        if begin is not None:
            spans.append((begin, begin + len(fact.evidence), "FACT", 4))
    for person in result.people:
        spans.append((person.start, person.end, "PERSON", 1))
    if dates:
        from peacefacts.nlp.dates import find_dates

        base = result.document.published
        spans.extend((m.start, m.end, "DATE", 2) for m in find_dates(text, base=base))
    if numbers:
        from peacefacts.nlp.numbers import find_figures

        figures = [(f.start, f.end) for f in result.facts]
        spans.extend(
            (m.num_start, m.num_end, "NUMBER", 3)
            for m in find_figures(text)
            # a number that is a fact's figure is already marked with its metric
            if m.kind in ("cardinal", "range") and not any(m.num_start < e and s < m.num_end for s, e in figures)
        )
    return sorted({s for s in spans if 0 <= s[0] < s[1] <= len(text)})


def displacy_data(
    obj: ExtractionResult | Iterable[Any],
    text: str | None = None,
    *,
    style: Style = "span",
    numbers: bool = True,
    dates: bool = True,
) -> dict[str, Any]:
    """The manual-mode displaCy data for one document (what :func:`render` draws).

    Labels: each fact's figure gets its metric (``FATALITIES_TOTAL``), its sentence ``FACT``;
    people ``PERSON``; other numbers ``NUMBER`` and date phrases ``DATE`` (found by the
    model-free readers in :mod:`peacefacts.nlp`). The ``span`` style shows overlapping spans
    (a figure inside its fact's sentence); the ``ent`` style cannot, so there a fact figure
    beats a person, a date and a plain number, and sentences are left out.

    Args:
        obj: an :class:`ExtractionResult`, or the records of one document read back from JSONL.
        text: the document text; required when ``obj`` has none (JSONL records never do).
        style: ``"span"`` or ``"ent"``.
        numbers: also mark numbers that are not facts.
        dates: also mark date phrases.

    Raises:
        ValueError: no text, a text that does not match the offsets, or several documents.

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> text = "Pakistan has lost 181 peacekeepers."
        >>> records = [{"type": "document", "doc": "d"},
        ...            Fact(doc="d", subject="Pakistan", metric="fatalities_total",
        ...                 figure=Figure.exact(181, "181"), start=18, end=21, evidence=text)]
        >>> data = displacy_data(records, text, style="ent", dates=False)
        >>> [(text[e["start"]:e["end"]], e["label"]) for e in data["ents"]]
        [('181', 'FATALITIES_TOTAL')]
    """
    result = _single_result(obj)
    text = text if text is not None else result.document.text
    if not text:
        raise ValueError(
            f"no text for {result.doc_id}: saved JSONL records carry no text; pass text= "
            "(e.g. peacefacts.ingest.read_document(path).text)"
        )
    _check_text(result, text)
    spans = _candidate_spans(result, text, numbers=numbers, dates=dates)
    # displaCy writes the title into its markup as it is (it escapes only the text): a headline
    # "<script>…" from a web page must arrive escaped
    title = html.escape(result.document.title or result.doc_id)
    if style == "ent":
        chosen: list[tuple[int, int, str]] = []
        # highest priority first, then longest; skip anything overlapping what is already chosen
        for start, end, label, priority in sorted(spans, key=lambda s: (s[3], s[0] - s[1], s[0])):
            if priority == 4 or any(start < e and s < end for s, e, _ in chosen):
                continue
            chosen.append((start, end, label))
        ents = [{"start": s, "end": e, "label": lab} for s, e, lab in sorted(chosen)]
        return {"text": text, "ents": ents, "title": title}
    if style != "span":
        raise ValueError(f"style must be 'span' or 'ent', not {style!r}")
    tokens = _tokens(text)
    starts = [s for s, _ in tokens]
    out_spans = []
    seen: set[tuple[int, int, str]] = set()
    for start, end, label, _ in spans:
        first = bisect.bisect_right(starts, start) - 1
        if first < 0 or tokens[first][1] <= start:
            first += 1
        last = bisect.bisect_left(starts, end)
        if first >= last:
            continue
        key = (first, last, label)
        if key not in seen:
            seen.add(key)
            out_spans.append({"start_token": first, "end_token": last, "label": label})
    return {"text": text, "tokens": [text[s:e] for s, e in tokens], "spans": out_spans, "title": title}


def render(
    obj: ExtractionResult | Iterable[Any],
    text: str | None = None,
    *,
    style: Style = "span",
    numbers: bool = True,
    dates: bool = True,
    jupyter: bool | None = None,
    page: bool = False,
    options: dict[str, Any] | None = None,
) -> str:
    """Highlight one document's facts, people, numbers and dates with displaCy (manual mode).

    No ``Doc`` and no model: works on an :class:`ExtractionResult` or on the records of one
    document read back from a ``peacefacts extract`` JSONL file (then pass its ``text``).

    Args:
        obj: the result or records of one document.
        text: the document text, when ``obj`` has none.
        style: ``"span"`` (overlapping spans) or ``"ent"`` (inline, no overlaps).
        numbers: also mark numbers that are not facts.
        dates: also mark date phrases.
        jupyter: as in ``spacy.displacy.render``: ``None`` detects a notebook (and displays
            there, returning ``None``); ``False`` returns the HTML string.
        page: a whole HTML page rather than a fragment.
        options: extra displaCy options (``colors`` are merged over :data:`DISPLACY_COLORS`).

    Returns:
        The HTML markup (``None`` when displayed in a notebook).

    Example:
        >>> from peacefacts.io.jsonl import iter_records
        >>> lines = [
        ...     '{"type": "document", "doc": "d"}',
        ...     '{"type": "person", "doc": "d", "name": "Atul Khare", "start": 4, "end": 14}',
        ... ]
        >>> html = render(list(iter_records(lines)), "USG Atul Khare <visited>.", jupyter=False)
        >>> "PERSON" in html, "<visited>" in html, "&lt;" in html
        (True, False, True)
    """
    from spacy import displacy

    data = displacy_data(obj, text, style=style, numbers=numbers, dates=dates)
    settings: dict[str, Any] = dict(options or {})
    settings["colors"] = {**DISPLACY_COLORS, **settings.get("colors", {})}
    if style == "ent":
        settings.setdefault("ents", sorted({e["label"] for e in data["ents"]}))
    markup: str = displacy.render(data, style=style, manual=True, jupyter=jupyter, page=page, options=settings)
    return markup

