"""Check a corpus's claims against the official tables, and measure each publisher's offset.

:func:`verify` checks every fact (see :mod:`peacefacts.official.checks`) and sums the checked
claims per publisher (the page's domain) and per subject into :class:`PublisherOffset` records:
the median difference from the official count and its spread, so that "national press counts
about +10 above the UN" is a figure, not a hunch.

>>> from peacefacts.records import Fact, Figure
>>> report = verify([
...     Fact(doc="mofa", subject="Pakistan", metric="fatalities_total", figure=Figure.exact(161), as_of="2021-10-26"),
...     Fact(doc="arabnews", subject="Pakistan", metric="fatalities_total", figure=Figure.exact(181), as_of="2024-05"),
... ])
>>> [(v.verdict.value, v.difference) for v in report.verifications]
[('differs', 2), ('differs', 11)]
>>> [(o.by, o.name, o.n, o.median) for o in report.offsets if o.by == "subject"]
[('subject', 'Pakistan', 2, 6.5)]
"""

from __future__ import annotations

import functools
import statistics
import urllib.parse
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional, Union

import attrs

from peacefacts.io.convert import from_record, to_record
from peacefacts.official.build import load_official
from peacefacts.official.checks import (
    SCOPE_LABELS,
    Tolerance,
    Verdict,
    Verification,
    check_fact,
)
from peacefacts.official.tables import OfficialTables
from peacefacts.records import Document, ErrorRecord, ExtractionResult, Fact, Person, Qualifier, WarningRecord

__all__ = [
    "RECORD_TYPES", "OFFSET_BY", "OFFSET_QUALIFIERS", "OUTLIER_RELATIVE", "PublisherOffset", "VerifyReport", "verify", "publisher_offsets", "source_of",
    "format_report", "format_offsets", "csv_row", "CSV_COLUMNS", "OFFSET_CSV_COLUMNS",
]

#: The ``type`` of each record of the JSONL output, in the order they are written.
RECORD_TYPES = ("official_tables", "verification", "offset")
#: What offsets are summed by: the publisher (the page's domain), or the subject.
OFFSET_BY = ("source", "subject")

#: Hedges whose value is the publisher's own count; "more than 100" says where a count is not.
OFFSET_QUALIFIERS = frozenset({Qualifier.EXACT, Qualifier.APPROX})


@functools.lru_cache(maxsize=1)
def _domain_reader() -> Any:
    import tldextract

    # the Public Suffix List snapshot bundled with tldextract: no download (no suffix_list_urls),
    # no cache written (cache_dir=None); private suffixes kept, so two blogs on one host differ
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@functools.lru_cache(maxsize=4096)
def _registered_domain(host: str) -> str:
    parts = _domain_reader()(host)
    return str(parts.top_domain_under_public_suffix) or host


def source_of(document: Optional[Document], doc_id: str) -> str:
    """The publisher of a document: its URL's registered domain, else the document id.

    The registered domain is the name under its public suffix (the Public Suffix List snapshot
    bundled with ``tldextract``, read offline), so a publisher's subdomains and mobile site count
    as one publisher; a host with no public suffix (``localhost``, an IP address) is itself.

    >>> source_of(Document(id="a", text="x", url="https://www.arabnews.com/node/1"), "a")
    'arabnews.com'
    >>> source_of(Document(id="a", text="x", url="https://mobile.ghanaweb.com/x"), "a")
    'ghanaweb.com'
    >>> source_of(Document(id="a", text="x", url="https://www.bbc.co.uk/news/1"), "a")
    'bbc.co.uk'
    >>> source_of(None, "fixtures/seeds/004.txt")
    'fixtures/seeds/004.txt'
    """
    url = document.url if document is not None else None
    if url:
        host = urllib.parse.urlsplit(url if "//" in url else "//" + url).hostname or ""
        host = host.lower().rstrip(".")
        if host:
            return _registered_domain(host)
    return doc_id


@attrs.frozen(kw_only=True)
class PublisherOffset:
    """How far one publisher's (or one subject's) claims sit from the official counts.

    Attributes:
        by: ``source`` or ``subject``.
        name: the publisher's domain (or document id) or the subject.
        n: checked claims measured: exact or "about" figures within :data:`OUTLIER_RELATIVE` of
            the official value (copies of one article, and a claim a publisher repeats, count once).
        median: median of claim − official over those (``None`` when ``n`` is 0).
        low: the smallest difference.
        high: the largest difference.
        spread: median absolute deviation of the differences from their median.
        median_relative: median of the relative differences.
        matches: measured claims with verdict ``matches``.
        near: … ``near``.
        differs: … ``differs``.
        bounded: checked claims not measured because they state a bound ("more than 100").
        outliers: checked claims not measured because they are further than
            :data:`OUTLIER_RELATIVE` from the official value, or the official value is 0.
    """

    by: str
    name: str
    n: int
    median: Optional[float]
    low: Optional[int]
    high: Optional[int]
    spread: Optional[float]
    median_relative: Optional[float]
    matches: int
    near: int
    differs: int
    bounded: int = 0
    outliers: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (record type ``offset``)."""
        return {"type": "offset", **attrs.asdict(self)}


#: A claim further than this fraction from the official value is left out of the offsets: a
#: figure half or double the official count is almost always another quantity (an incident toll
#: read as a total, a mission's strength as a country's), not a publisher's habitual offset.
OUTLIER_RELATIVE = 0.5


# (copy cluster or source, subject, metric, category, value, as_of): one claim, however often printed
_ClaimKey = tuple[str, str, str, str, int, str]


def _number(value: float) -> float:
    return int(value) if float(value).is_integer() else round(value, 4)


def publisher_offsets(
    verifications: Iterable[Verification], clusters: Optional[dict[str, str]] = None
) -> tuple[PublisherOffset, ...]:
    """Offsets per source and per subject over the checked claims.

    Args:
        verifications: checked claims (``not_checkable`` ones are skipped).
        clusters: document id → its copy cluster (from the reconciler's copy detection); copies of
            one article count once per subject, and once per publisher.

    Returns:
        ``source`` offsets, then ``subject`` offsets, each sorted by name.
    """
    clusters = clusters or {}
    measured: dict[tuple[str, str], dict[_ClaimKey, Verification]] = {}
    bounded: dict[tuple[str, str], set[_ClaimKey]] = {}
    outliers: dict[tuple[str, str], set[_ClaimKey]] = {}
    for v in verifications:
        if not v.checked or v.difference is None:
            continue
        f = v.fact
        claim = (clusters.get(f.doc, f.doc), f.subject, f.metric.value, str(f.category), f.value, str(f.as_of))
        for by, name, key in zip(OFFSET_BY, (v.source, f.subject), ((v.source, *claim[1:]), claim), strict=True):
            if f.qualifier not in OFFSET_QUALIFIERS:
                bounded.setdefault((by, name), set()).add(key)
            elif v.relative_difference is None or abs(v.relative_difference) > OUTLIER_RELATIVE:
                outliers.setdefault((by, name), set()).add(key)
            else:
                measured.setdefault((by, name), {}).setdefault(key, v)
    out = []
    for (by, name) in sorted(set(measured) | set(bounded) | set(outliers)):
        members = list(measured.get((by, name), {}).values())
        diffs = [v.difference for v in members if v.difference is not None]
        relatives = [v.relative_difference for v in members if v.relative_difference is not None]
        median = statistics.median(diffs) if diffs else None
        out.append(PublisherOffset(
            by=by, name=name, n=len(diffs), median=None if median is None else _number(median),
            low=min(diffs, default=None), high=max(diffs, default=None),
            spread=None if median is None else _number(statistics.median(abs(d - median) for d in diffs)),
            median_relative=round(statistics.median(relatives), 4) if relatives else None,
            matches=sum(v.verdict is Verdict.MATCHES for v in members),
            near=sum(v.verdict is Verdict.NEAR for v in members),
            differs=sum(v.verdict is Verdict.DIFFERS for v in members),
            bounded=len(bounded.get((by, name), ())),
            outliers=len(outliers.get((by, name), ())),
        ))
    return tuple(sorted(out, key=lambda o: (o.by != "source", o.name)))


@attrs.frozen(kw_only=True)
class VerifyReport:
    """What :func:`verify` returns.

    Attributes:
        verifications: one per fact, in input order.
        offsets: per source, then per subject.
        tables: the official tables used (their provenance is in ``tables.provenance``).
        errors: error records met in the input (documents that could not be read).
    """

    verifications: tuple[Verification, ...]
    offsets: tuple[PublisherOffset, ...]
    tables: OfficialTables = attrs.field(repr=False)
    errors: tuple[ErrorRecord, ...] = ()

    def counts(self) -> dict[str, int]:
        """``{"facts", "checkable", "matches", "near", "uninformative", "differs", "not_checkable"}``."""
        out = {"facts": len(self.verifications), "checkable": sum(v.checked for v in self.verifications)}
        for verdict in Verdict:
            out[verdict.value] = sum(v.verdict is verdict for v in self.verifications)
        return out

    def summary(self) -> str:
        """One line: ``17 fact(s): 3 checkable (0 matches, 0 near, 0 uninformative, 3 differs), 14 not checkable``."""
        c = self.counts()
        return (f"{c['facts']} fact(s): {c['checkable']} checkable ({c['matches']} matches, {c['near']} near, "
                f"{c['uninformative']} uninformative, "
                f"{c['differs']} differs), {c['not_checkable']} not checkable")

    def provenance_record(self) -> dict[str, Any]:
        """The JSON record naming the official tables used (record type ``official_tables``)."""
        return {
            "type": "official_tables",
            "origin": self.tables.origin,
            "tables": [p.to_dict() for p in self.tables.provenance],
        }

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every record of the JSONL output: the tables used, one per fact, then the offsets."""
        return [self.provenance_record(), *(v.to_dict() for v in self.verifications),
                *(o.to_dict() for o in self.offsets)]

    def __repr__(self) -> str:
        return f"<VerifyReport {self.summary()}; {len(self.offsets)} offset(s)>"


Input = Union[ExtractionResult, Fact, Document, Person, ErrorRecord, WarningRecord, dict[str, Any]]


def _collect(items: Iterable[Input]) -> tuple[list[Fact], dict[str, Document], list[ErrorRecord]]:
    facts: list[Fact] = []
    seen: set[Fact] = set()
    documents: dict[str, Document] = {}
    errors: list[ErrorRecord] = []

    def add_fact(fact: Fact) -> None:
        if fact not in seen:
            seen.add(fact)
            facts.append(fact)

    if isinstance(items, (ExtractionResult, Fact, Document, dict)):
        items = [items]
    for item in items:
        if isinstance(item, dict):
            item = from_record(item)
        if isinstance(item, ExtractionResult):
            documents.setdefault(item.document.id, item.document)
            for fact in item.facts:
                add_fact(fact)
        elif isinstance(item, Fact):
            add_fact(item)
        elif isinstance(item, Document):
            documents.setdefault(item.id, item)
        elif isinstance(item, ErrorRecord):
            errors.append(item)
        elif not isinstance(item, (Person, WarningRecord)):
            raise TypeError(f"verify() takes extraction results, facts or documents, not {type(item).__name__}")
    return facts, documents, errors


def _copy_clusters(documents: dict[str, Document]) -> dict[str, str]:
    fingerprints = {d: doc.fingerprint for d, doc in sorted(documents.items()) if doc.fingerprint}
    if len(fingerprints) < 2:
        return {}
    from peacefacts.reconciler.copies import copy_clusters, find_copies

    return copy_clusters(sorted(documents), find_copies(fingerprints))


def verify(
    items: Iterable[Input],
    *,
    official: Union[None, str, Path, OfficialTables] = None,
    tolerance: Optional[Tolerance] = None,
) -> VerifyReport:
    """Check every fact against the official tables; measure publisher offsets.

    Args:
        items: extraction results, facts and documents, the records
            :func:`peacefacts.read_records` returns, or their JSON dicts (people and error
            records are passed over; errors are kept in the report).
        official: the tables: ``None`` for the bundled ones, a directory (a newer download of
            the published tables, or a bundle built by ``python -m peacefacts.official build``),
            or :class:`~peacefacts.official.tables.OfficialTables`.
        tolerance: the allowance for the verdict ``near`` (default: 1, or 1% if larger, never
            over 10%: :class:`~peacefacts.official.checks.Tolerance`).

    Returns:
        A :class:`VerifyReport`: one :class:`~peacefacts.official.checks.Verification` per fact,
        in input order, and the :class:`PublisherOffset` records.

    Raises:
        OfficialDataError: ``official`` is not a readable set of official tables.
        TypeError: an item is not a record verify understands.

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> report = verify([Fact(doc="gh", subject="Ghana", metric="fatalities_total",
        ...                       figure=Figure(value=140, qualifier="approx"), as_of="2019-05")])
        >>> v = report.verifications[0]
        >>> v.verdict.value, v.scope, str(v.official_value("all")), str(v.official_value("uniformed"))
        ('matches', 'all', '140', '129')
    """
    tables = load_official(official)
    facts, documents, errors = _collect(items)
    tolerance = tolerance or Tolerance()
    verifications = tuple(
        check_fact(f, tables, source=source_of(documents.get(f.doc), f.doc), tolerance=tolerance) for f in facts
    )
    offsets = publisher_offsets(verifications, _copy_clusters(documents))
    return VerifyReport(verifications=verifications, offsets=offsets, tables=tables, errors=tuple(errors))


# ---------------------------------------------------------------------------------------------
# text outputs

def _signed(value: Optional[float]) -> str:
    if value is None:
        return "-"
    text = f"{value:+,}" if isinstance(value, int) else f"{value:+,.1f}"
    return text


def _percent(value: Optional[float]) -> str:
    return "-" if value is None else f"{value * 100:+.1f}%"


def _claim_label(v: Verification) -> str:
    f = v.fact
    hedge = {Qualifier.AT_LEAST: "≥", Qualifier.AT_MOST: "≤", Qualifier.APPROX: "~"}.get(f.qualifier, "")
    category = f" {f.category.value}" if f.category is not None and f.category.value != "personnel" else ""
    return f"{f.subject} {f.metric.value}{category} {hedge}{f.value:,} ({f.as_of or 'undated'})"


def _official_label(v: Verification) -> str:
    if not v.official:
        return "-"
    return " / ".join(f"{rng} {SCOPE_LABELS[s]}" for s, rng in v.official)


def _table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return lines


def format_offsets(offsets: Sequence[PublisherOffset]) -> list[str]:
    """The offsets as an aligned table, one block per ``by``."""
    lines = []
    for by in ("source", "subject"):
        members = [o for o in offsets if o.by == by]
        if not members:
            continue
        rows = [[by, "n", "median", "min", "max", "spread", "median %", "matches", "near", "differs", "bounded",
                 "outliers"]]
        rows += [[o.name, str(o.n), _signed(o.median), _signed(o.low), _signed(o.high),
                  "-" if o.spread is None else f"{o.spread:g}", _percent(o.median_relative), str(o.matches),
                  str(o.near), str(o.differs), str(o.bounded), str(o.outliers)] for o in members]
        lines += _table(rows, right=range(1, 12))
        lines.append("")
    return lines


def format_report(report: VerifyReport) -> str:
    """The report a person reads: each claim, its verdict and reason, then the offsets."""
    lines = [report.tables.describe(), ""]
    for v in report.verifications:
        difference = "" if v.difference is None else f"  {_signed(v.difference)}"
        lines.append(f"{v.verdict.value.upper():<14}{_claim_label(v)}{difference}")
        if v.checked:
            lines.append(f"  official: {_official_label(v)}")
        lines.append(f"  {v.reason}")
        lines.append(f"  source: {v.source}" + (f"  (doc {v.doc})" if v.doc != v.source else ""))
        lines.append("")
    lines.append(f"{report.summary()}")
    lines.append("")
    if report.offsets:
        lines.append("Publisher offsets: claim minus official value, over checked exact and 'about' claims within "
                     f"{OUTLIER_RELATIVE:.0%} of it (bounds and outliers counted apart)")
        lines.append("")
        lines += format_offsets(report.offsets)
    else:
        lines += ["Publisher offsets: no checked claim to measure", ""]
    return "\n".join(lines).rstrip() + "\n"


#: Columns of ``peacefacts verify --format csv``.
CSV_COLUMNS = [
    "doc", "source", "subject", "metric", "category", "value", "qualifier", "as_of", "since", "check", "scope",
    "official_low", "official_high", "official_all", "difference", "relative_difference", "verdict", "cause",
    "reason", "evidence",
]


def csv_row(v: Verification) -> dict[str, Any]:
    """One verification as a flat CSV row (:data:`CSV_COLUMNS`)."""
    rng = v.official_value()
    row = to_record(v.fact)
    return {
        "doc": v.doc, "source": v.source, "subject": row["subject"], "metric": row["metric"],
        "category": row["category"] or "", "value": row["value"], "qualifier": row["qualifier"],
        "as_of": row["as_of"] or "", "since": row["since"] or "", "check": "" if v.check is None else v.check.value,
        "scope": v.scope or "", "official_low": "" if rng is None else rng.low,
        "official_high": "" if rng is None else rng.high,
        "official_all": "; ".join(f"{s}={r}" for s, r in v.official),
        "difference": "" if v.difference is None else v.difference,
        "relative_difference": "" if v.relative_difference is None else v.relative_difference,
        "verdict": v.verdict.value, "cause": "" if v.cause is None else v.cause.value,
        "reason": v.reason, "evidence": row["evidence"],
    }


#: Columns of the offsets CSV (``peacefacts verify --offsets FILE``).
OFFSET_CSV_COLUMNS = ["by", "name", "n", "median", "low", "high", "spread", "median_relative", "matches", "near",
                      "differs", "bounded", "outliers"]
