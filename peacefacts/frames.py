"""Tables for analysts: facts, people and reconciliations as rows, DataFrames, CSV and Parquet.

Every table is first built as plain rows (lists of dicts, no dependency), then turned into a
pandas DataFrame (:func:`to_pandas`, needs the ``pandas`` extra), an Arrow table or a Parquet
file (:func:`to_arrow`, :func:`to_parquet`, need only ``pyarrow``: the ``parquet`` extra), or a
CSV file (:func:`to_csv`, standard library only). pandas and pyarrow are imported on first use,
so services that never build a table never pay for them.

The kinds of table (``kind=``):

============== ==================================================================================
``facts``       one row per fact, in the output contract's field order, plus ``as_of_start`` /
                ``as_of_end`` (real dates: ``"2024-05"`` spans 2024-05-01..2024-05-31) and the
                ``published`` date of the article block the fact comes from
``people``      one row per person mention
``documents``   one row per document: dates, blocks, counts of facts and people
``errors``      one row per document that could not be read
``groups``      one row per reconciliation group, with its preferred figure and verdict counts
``observations`` one row per observation in a group: the fact, its bounds, its independent
                ``source`` (copies share one) and the series point it supports
``pairs``       one row per pair of observations with verdict, cause and explanation
``discrepancies`` the pairs whose verdict is not ``agree``, conflicts first
``series``      one row per point of each group's time series, with its rank and reason
``copies``      one row per pair of documents that are one article
============== ==================================================================================

Reconciliation tables share the key columns ``subject, metric, category, scope, window`` so
they join on them (``category`` is the *group's* category class; an observation's own category
is ``fact_category``).

Example:
    >>> from peacefacts.records import Fact, Figure
    >>> facts = [Fact(doc="a", subject="Pakistan", metric="fatalities_total",
    ...               figure=Figure.exact(181, "181"), as_of="2024-05")]
    >>> row = rows(facts, "facts")[0]
    >>> row["value"], row["as_of"], str(row["as_of_start"]), str(row["as_of_end"])
    (181, '2024-05', '2024-05-01', '2024-05-31')
    >>> df = to_pandas(facts)
    >>> int(df.loc[0, "value"]), str(df["value"].dtype)
    (181, 'Int64')

Why one module of this size: the column table is the contract of every kind of table, and each
kind's row builder is a short function beside it; the outputs (pandas, Arrow, Parquet, CSV) read
the same columns.
"""

from __future__ import annotations

import csv
import datetime as _dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Union

from peacefacts.io.convert import to_record
from peacefacts.io.gather import gather_results
from peacefacts.io.validate import check_record
from peacefacts.optional import import_optional
from peacefacts.records import Document, ExtractionResult, Fact, PartialDate, Person

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

    from peacefacts.reconciler import Group, Observation, Point, Reconciliation

__all__ = [
    "KINDS",
    "COLUMNS",
    "Kind",
    "import_optional",
    "gather_results",
    "rows",
    "to_pandas",
    "to_arrow",
    "to_parquet",
    "to_csv",
]

Kind = Literal[
    "facts", "people", "documents", "errors", "groups", "observations", "pairs", "discrepancies", "series", "copies"
]

#: Column types: ``str``, ``int``, ``float``, ``bool``, ``date`` (a real day) or ``list`` (of str).
_ColumnType = Literal["str", "int", "float", "bool", "date", "list"]

_GROUP_KEY: list[tuple[str, _ColumnType]] = [
    ("subject", "str"),
    ("metric", "str"),
    ("category", "str"),
    ("scope", "str"),
    ("window", "str"),
]

#: The columns of every kind of table, in order, with their types. The fact columns follow the
#: output contract (and ``peacefacts extract --format csv``), with the date bounds beside
#: ``as_of`` so a filter on real dates needs no parsing.
COLUMNS: dict[str, list[tuple[str, _ColumnType]]] = {
    "facts": [
        ("doc", "str"),
        ("subject", "str"),
        ("metric", "str"),
        ("value", "int"),
        ("qualifier", "str"),
        ("low", "float"),
        ("high", "float"),
        ("as_of", "str"),
        ("as_of_start", "date"),
        ("as_of_end", "date"),
        ("as_of_source", "str"),
        ("since", "str"),
        ("category", "str"),
        ("scope", "str"),
        ("text", "str"),
        ("evidence", "str"),
        ("start", "int"),
        ("end", "int"),
        ("rule", "str"),
        ("published", "str"),
    ],
    "people": [
        ("doc", "str"),
        ("name", "str"),
        ("role", "str"),
        ("organization", "str"),
        ("evidence", "str"),
        ("start", "int"),
        ("end", "int"),
        ("published", "str"),
    ],
    "documents": [
        ("doc", "str"),
        ("url", "str"),
        ("title", "str"),
        ("published", "str"),
        ("published_source", "str"),
        ("chars", "int"),
        ("blocks", "int"),
        ("peacekeeping_blocks", "int"),
        ("facts", "int"),
        ("people", "int"),
    ],
    "errors": [("doc", "str"), ("kind", "str"), ("error", "str")],
    "groups": [
        *_GROUP_KEY,
        ("label", "str"),
        ("observations", "int"),
        ("documents", "int"),
        ("sources", "int"),
        ("pairs", "int"),
        ("agree", "int"),
        ("changed_over_time", "int"),
        ("conflict", "int"),
        ("preferred_value", "int"),
        ("preferred_qualifier", "str"),
        ("preferred_as_of", "str"),
        ("preferred_sources", "int"),
        ("preferred_reason", "str"),
    ],
    "observations": [
        *_GROUP_KEY,
        ("doc", "str"),
        ("source", "str"),
        ("is_copy", "bool"),
        ("value", "int"),
        ("qualifier", "str"),
        ("low", "float"),
        ("high", "float"),
        ("as_of", "str"),
        ("as_of_start", "date"),
        ("as_of_end", "date"),
        ("since", "str"),
        ("fact_category", "str"),
        ("evidence", "str"),
        ("start", "int"),
        ("end", "int"),
        ("point_as_of", "str"),
        ("point_value", "int"),
        ("rank", "str"),
        ("disputed", "bool"),
    ],
    "pairs": [
        *_GROUP_KEY,
        ("a", "str"),
        ("a_value", "int"),
        ("a_qualifier", "str"),
        ("a_as_of", "str"),
        ("b", "str"),
        ("b_value", "int"),
        ("b_qualifier", "str"),
        ("b_as_of", "str"),
        ("verdict", "str"),
        ("cause", "str"),
        ("explanation", "str"),
        ("gap_days", "int"),
        ("copies", "bool"),
    ],
    "series": [
        *_GROUP_KEY,
        ("as_of", "str"),
        ("as_of_start", "date"),
        ("as_of_end", "date"),
        ("best", "int"),
        ("qualifier", "str"),
        ("low", "float"),
        ("high", "float"),
        ("sources", "int"),
        ("docs", "list"),
        ("rank", "str"),
        ("reason", "str"),
        ("disputed", "bool"),
    ],
    "copies": [("a", "str"), ("b", "str"), ("similarity", "float"), ("containment", "float")],
}
COLUMNS["discrepancies"] = COLUMNS["pairs"]

#: Every table kind, extraction tables first.
KINDS: tuple[str, ...] = tuple(COLUMNS)
_RECONCILIATION_KINDS = frozenset({"groups", "observations", "pairs", "discrepancies", "series", "copies"})

#: What the table functions accept: extraction results and records (as ``read_records`` returns
#: them, or their JSON dicts), or a reconciliation.
Data = Union["Reconciliation", ExtractionResult, Iterable[Any]]


# --------------------------------------------------------------------------------------------
# inputs


def _is_reconciliation(data: Any) -> bool:
    from peacefacts.reconciler import Reconciliation

    return isinstance(data, Reconciliation)


# --------------------------------------------------------------------------------------------
# rows


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def _published_at(document: Document, offset: int) -> str | None:
    block = document.block_at(offset)
    if block is not None and block.published is not None:
        return str(block.published)
    return _date(document.published)


def _fact_row(fact: Fact, document: Document) -> dict[str, Any]:
    # the output contract's fields (one converter), plus real-date bounds and the block's date;
    # checked as a saved record would be, so a hand-made fact of 10**23 is a SchemaError, not an
    # OverflowError from pandas
    record = to_record(fact)
    check_record(record)
    row = {k: v for k, v in record.items() if k != "type"}
    at = list(row).index("as_of") + 1
    items = list(row.items())
    items[at:at] = [
        ("as_of_start", None if fact.as_of is None else fact.as_of.first_day),
        ("as_of_end", None if fact.as_of is None else fact.as_of.last_day),
    ]
    return {**dict(items), "published": _published_at(document, fact.start)}


def _person_row(person: Person, document: Document) -> dict[str, Any]:
    return {
        "doc": person.doc,
        "name": person.name,
        "role": person.role,
        "organization": person.organization,
        "evidence": person.evidence,
        "start": person.start,
        "end": person.end,
        "published": _published_at(document, person.start),
    }


def _document_row(result: ExtractionResult) -> dict[str, Any]:
    doc = result.document
    return {
        "doc": doc.id,
        "url": doc.url,
        "title": doc.title,
        "published": _date(doc.published),
        "published_source": doc.published_source.value,
        # a placeholder document (records without their document line) has no length to report
        "chars": len(doc.text) if doc.text else None,
        "blocks": len(doc.blocks),
        "peacekeeping_blocks": sum(1 for b in doc.blocks if b.is_peacekeeping),
        "facts": len(result.facts),
        "people": len(result.people),
    }


def _group_key(group: Group) -> dict[str, Any]:
    return {
        "subject": group.subject,
        "metric": group.metric.value,
        "category": group.category,
        "scope": group.scope,
        "window": group.window,
    }


def _group_row(group: Group) -> dict[str, Any]:
    verdicts = [p.verdict.value for p in group.pairs]
    preferred = group.preferred
    return {
        **_group_key(group),
        "label": group.label,
        "observations": len(group.observations),
        "documents": len({o.doc for o in group.observations}),
        "sources": len({o.source for o in group.observations}),
        "pairs": len(group.pairs),
        "agree": verdicts.count("agree"),
        "changed_over_time": verdicts.count("changed_over_time"),
        "conflict": verdicts.count("conflict"),
        "preferred_value": None if preferred is None else preferred.best,
        "preferred_qualifier": None if preferred is None else preferred.qualifier.value,
        "preferred_as_of": None if preferred is None else _date(preferred.as_of),
        "preferred_sources": None if preferred is None else preferred.sources,
        "preferred_reason": None if preferred is None else preferred.reason,
    }


def point_of(observation: Observation, series: Sequence[Point]) -> Point | None:
    """The series point an observation supports.

    A point lists its documents; an undated observation may support a dated point (it agreed
    with it). Among the points of the observation's document, the one with its date and value
    wins, then its date, then its value.

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> from peacefacts.reconciler import reconcile
        >>> rec = reconcile([
        ...     Fact(doc="a", subject="Chad", metric="fatalities_total", figure=Figure.exact(9), as_of="2020"),
        ...     Fact(doc="b", subject="Chad", metric="fatalities_total", figure=Figure.exact(9)),
        ... ])
        >>> group = rec.groups[0]
        >>> str(point_of(group.observations[1], group.series).as_of)
        '2020'
    """
    candidates = [p for p in series if observation.doc in p.docs]
    if not candidates:
        return None

    def score(point: Point) -> tuple[bool, bool]:
        same_date = observation.as_of is not None and point.as_of == observation.as_of
        return (not same_date, point.best != observation.value)

    return min(candidates, key=score)


def _observation_rows(group: Group) -> list[dict[str, Any]]:
    disputed = {id(o) for p in group.pairs if p.verdict.value == "conflict" for o in (p.a, p.b)}
    out = []
    for obs in group.observations:
        fact = obs.fact
        point = point_of(obs, group.series)
        out.append(
            {
                **_group_key(group),
                "doc": obs.doc,
                "source": obs.source,
                "is_copy": obs.source != obs.doc,
                "value": obs.value,
                "qualifier": obs.qualifier.value,
                "low": obs.low,
                "high": obs.high,
                "as_of": _date(obs.as_of),
                "as_of_start": None if obs.as_of is None else obs.as_of.first_day,
                "as_of_end": None if obs.as_of is None else obs.as_of.last_day,
                "since": _date(obs.since),
                "fact_category": None if fact.category is None else fact.category.value,
                "evidence": fact.evidence,
                "start": fact.start,
                "end": fact.end,
                "point_as_of": None if point is None else _date(point.as_of),
                "point_value": None if point is None else point.best,
                "rank": None if point is None else point.rank.value,
                "disputed": id(obs) in disputed,
            }
        )
    return out


def _pair_rows(rec: Reconciliation, *, only_discrepancies: bool) -> list[dict[str, Any]]:
    group_of = {id(p): g for g in rec.groups for p in g.pairs}
    pairs = rec.discrepancies() if only_discrepancies else rec.pairs
    return [
        {
            **_group_key(group_of[id(p)]),
            "a": p.a.doc,
            "a_value": p.a.value,
            "a_qualifier": p.a.qualifier.value,
            "a_as_of": _date(p.a.as_of),
            "b": p.b.doc,
            "b_value": p.b.value,
            "b_qualifier": p.b.qualifier.value,
            "b_as_of": _date(p.b.as_of),
            "verdict": p.verdict.value,
            "cause": p.cause,
            "explanation": p.explanation,
            "gap_days": p.gap_days,
            "copies": p.copies,
        }
        for p in pairs
    ]


def _series_rows(group: Group) -> list[dict[str, Any]]:
    return [
        {
            **_group_key(group),
            "as_of": _date(point.as_of),
            "as_of_start": None if point.as_of is None else point.as_of.first_day,
            "as_of_end": None if point.as_of is None else point.as_of.last_day,
            "best": point.best,
            "qualifier": point.qualifier.value,
            "low": point.low,
            "high": point.high,
            "sources": point.sources,
            "docs": list(point.docs),
            "rank": point.rank.value,
            "reason": point.reason,
            "disputed": point.disputed,
        }
        for point in group.series
    ]


def _default_kind(data: Any) -> str:
    return "observations" if _is_reconciliation(data) else "facts"


def rows(data: Data, kind: str | None = None) -> list[dict[str, Any]]:
    """The rows of one table, as plain dicts with the columns of :data:`COLUMNS` in order.

    No dependency: this is what :func:`to_pandas`, :func:`to_arrow` and :func:`to_csv` build on.
    Dates are strings as written (``"2024-05"``) except the ``*_start``/``*_end`` columns, which
    are :class:`datetime.date`.

    Args:
        data: extraction results or records (see :func:`gather_results`), or a
            :class:`~peacefacts.reconciler.Reconciliation`.
        kind: one of :data:`KINDS`; defaults to ``"facts"`` for extraction data and
            ``"observations"`` for a reconciliation.

    Raises:
        ValueError: an unknown kind, or a kind that does not fit the data.

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> from peacefacts.reconciler import reconcile
        >>> rec = reconcile([
        ...     Fact(doc="mofa", subject="Pakistan", metric="fatalities_total",
        ...          figure=Figure.exact(161), as_of="2021-10-26"),
        ...     Fact(doc="news", subject="Pakistan", metric="fatalities_total",
        ...          figure=Figure.exact(181), as_of="2024-05"),
        ... ])
        >>> [(r["a_value"], r["b_value"], r["verdict"], r["cause"]) for r in rows(rec, "pairs")]
        [(161, 181, 'changed_over_time', 'stale_figure')]
    """
    kind = kind or _default_kind(data)
    if kind not in COLUMNS:
        raise ValueError(f"unknown table kind {kind!r}; expected one of: {', '.join(KINDS)}")
    if kind in _RECONCILIATION_KINDS:
        if not _is_reconciliation(data):
            raise ValueError(
                f"a {kind!r} table comes from a reconciliation: pass peacefacts.reconcile(results), "
                "not extraction results"
            )
        return _reconciliation_rows(data, kind)  # type: ignore[arg-type]
    if _is_reconciliation(data):
        raise ValueError(f"a reconciliation has no {kind!r} table; expected one of: {', '.join(sorted(_RECONCILIATION_KINDS))}")
    results, errors = gather_results(data)  # type: ignore[arg-type]
    if kind == "facts":
        return [_fact_row(f, r.document) for r in results for f in r.facts]
    if kind == "people":
        return [_person_row(p, r.document) for r in results for p in r.people]
    if kind == "documents":
        return [_document_row(r) for r in results]
    return [{"doc": e.doc, "kind": e.kind, "error": e.error} for e in errors]


def _reconciliation_rows(rec: Reconciliation, kind: str) -> list[dict[str, Any]]:
    if kind == "groups":
        return [_group_row(g) for g in rec.groups]
    if kind == "observations":
        return [row for g in rec.groups for row in _observation_rows(g)]
    if kind in ("pairs", "discrepancies"):
        return _pair_rows(rec, only_discrepancies=kind == "discrepancies")
    if kind == "series":
        return [row for g in rec.groups for row in _series_rows(g)]
    return [c.to_dict() for c in rec.copies]


# --------------------------------------------------------------------------------------------
# pandas, arrow, parquet, csv

# nullable extension dtypes throughout, so a missing value is pd.NA in every column and an
# integer column with a gap stays integer
_PANDAS_DTYPES: dict[str, str] = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


def to_pandas(data: Data, kind: str | None = None) -> pd.DataFrame:
    """One table as a pandas DataFrame (needs ``pip install 'peacefacts[pandas]'``).

    Columns follow :data:`COLUMNS`; integers are ``Int64``, bounds ``Float64``, text ``string``,
    flags ``boolean`` (all nullable), and the ``*_start``/``*_end`` columns are ``datetime64``
    so ``df[df.as_of_end < "2022"]`` works. An empty input gives an empty frame with the same
    columns.

    Args:
        data: extraction results or records, or a reconciliation.
        kind: the table (see :func:`rows`).

    Raises:
        ImportError: pandas is not installed (the message names the extra).
        SchemaError: a fact breaks the output contract (a value above ``MAX_FACT_VALUE``, bounds
            that do not hold the value), as :func:`peacefacts.io.validate.check_record` says.

    Example:
        >>> from peacefacts.records import Person
        >>> df = to_pandas([Person(doc="a", name="Atul Khare", role="Under-Secretary-General")], "people")
        >>> df[["name", "role"]].values.tolist()
        [['Atul Khare', 'Under-Secretary-General']]
    """
    pd = import_optional("pandas", extra="pandas")
    kind = kind or _default_kind(data)
    table = rows(data, kind)
    columns = COLUMNS[kind]
    frame = pd.DataFrame(table, columns=[name for name, _ in columns])
    for name, ctype in columns:
        if ctype == "date":
            frame[name] = pd.to_datetime(frame[name])
        elif ctype == "list":
            frame[name] = frame[name].astype(object)
        else:
            frame[name] = frame[name].astype(_PANDAS_DTYPES[ctype])
    return frame


def _arrow_type(pa: Any, ctype: str) -> Any:
    return {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }[ctype]


def to_arrow(data: Data, kind: str | None = None) -> pa.Table:
    """One table as a pyarrow Table with an explicit schema (needs ``pyarrow``, not pandas).

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> table = to_arrow([Fact(doc="a", subject="UN", metric="personnel_deployed",
        ...                        figure=Figure.exact(61000), as_of="2024")])
        >>> str(table.schema.field("value").type), str(table.schema.field("as_of_end").type)
        ('int64', 'date32[day]')
        >>> table.column("as_of_end").to_pylist()
        [datetime.date(2024, 12, 31)]
    """
    pa = import_optional("pyarrow", extra="parquet")
    kind = kind or _default_kind(data)
    columns = COLUMNS[kind]
    schema = pa.schema([(name, _arrow_type(pa, ctype)) for name, ctype in columns])
    return pa.Table.from_pylist(rows(data, kind), schema=schema)


def to_parquet(data: Data, path: str | os.PathLike[str], kind: str | None = None) -> None:
    """Write one table as a Parquet file (``pip install 'peacefacts[parquet]'``).

    The schema is explicit (``value`` int64, ``as_of`` string with ``as_of_start``/``as_of_end``
    as date32), so an empty table still has typed columns.

    Example:
        >>> import tempfile, pyarrow.parquet as pq
        >>> from peacefacts.records import Fact, Figure
        >>> path = tempfile.mkdtemp() + "/facts.parquet"
        >>> to_parquet([Fact(doc="a", subject="Ghana", metric="personnel_deployed",
        ...                  figure=Figure.exact(800))], path)
        >>> pq.read_table(path).column("value").to_pylist()
        [800]
    """
    pq = import_optional("pyarrow.parquet", extra="parquet")
    pq.write_table(to_arrow(data, kind), os.fspath(path))


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # "100", not "100.0": bounds read like the text
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def to_csv(data: Data, path_or_stream: str | os.PathLike[str] | IO[str], kind: str | None = None) -> int:
    """Write one table as CSV (standard library only); returns the number of data rows.

    Missing values are empty cells, flags ``true``/``false``, lists joined with ``"; "``.

    Example:
        >>> import io
        >>> from peacefacts.records import Fact, Figure
        >>> out = io.StringIO()
        >>> to_csv([Fact(doc="a", subject="Nepal", metric="personnel_deployed",
        ...              figure=Figure(value=6000, qualifier="approx"))], out)
        1
        >>> out.getvalue().splitlines()[1].split(",")[:5]
        ['a', 'Nepal', 'personnel_deployed', '6000', 'approx']
    """
    kind = kind or _default_kind(data)
    table = rows(data, kind)
    names = [name for name, _ in COLUMNS[kind]]

    def write(stream: IO[str]) -> None:
        writer = csv.DictWriter(stream, fieldnames=names)
        writer.writeheader()
        for row in table:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})

    if isinstance(path_or_stream, (str, os.PathLike)):
        with Path(path_or_stream).open("w", encoding="utf-8", newline="") as handle:
            write(handle)
    else:
        write(path_or_stream)
    return len(table)
