"""peacefacts.frames: the tables analysts get (rows, DataFrames, CSV, Parquet) on the seeds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys

import pytest

from peacefacts.frames import COLUMNS, KINDS, gather_results, rows, to_arrow, to_csv, to_pandas, to_parquet
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import result_records
from peacefacts.records import ErrorRecord, Fact, Figure

pd = pytest.importorskip("pandas")


def _name(doc_id: str) -> str:
    return os.path.basename(doc_id)


def test_frames_facts_columns_follow_the_contract_order(seed_results):
    df = to_pandas(list(seed_results.values()))
    assert list(df.columns) == [name for name, _ in COLUMNS["facts"]]
    assert list(df.columns[:5]) == ["doc", "subject", "metric", "value", "qualifier"]
    assert len(df) == 17
    assert str(df["value"].dtype) == "Int64"
    assert str(df["low"].dtype) == "Float64"
    assert str(df["metric"].dtype) == "string"
    assert df["as_of_end"].dtype.kind == "M"


def test_frames_pakistan_fatalities_rows(seed_results):
    df = to_pandas(list(seed_results.values()))
    deaths = df[df.metric == "fatalities_total"].sort_values(["as_of", "doc"], na_position="last")
    got = [(_name(d), int(v), None if pd.isna(a) else a) for d, v, a in zip(deaths.doc, deaths.value, deaths.as_of, strict=True)]
    assert got == [
        ("004_7e52952e49f3ada9.txt", 161, "2021-10-26"),
        ("000_7afdc2f30fcbe9a6.txt", 181, "2024-05"),
        ("001_e651096705ef97ea.txt", 181, "2024-05"),
        ("003_982e448d4ac8b6b6.txt", 181, None),
    ]
    may = deaths[deaths.as_of == "2024-05"].iloc[0]
    assert (may.as_of_start, may.as_of_end) == (pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-31"))
    assert may.published == "2024-06-08"


def test_frames_real_dates_filter_without_parsing(seed_results):
    df = to_pandas(list(seed_results.values()))
    old = df[df.as_of_end < "2022"]
    assert sorted(int(v) for v in old.value) == [46, 161]
    assert {_name(d) for d in old.doc} == {"004_7e52952e49f3ada9.txt"}


def test_frames_hedged_figure_keeps_bounds(seed_results):
    df = to_pandas(seed_results["000_7afdc2f30fcbe9a6.txt"])
    over = df[df.qualifier == "at_least"].iloc[0]
    assert (int(over.value), float(over.low), over.high is pd.NA, over.text) == (100, 100.0, True, "Over a hundred")


def test_frames_people_and_documents(seed_results):
    people = to_pandas(list(seed_results.values()), "people")
    assert list(people.columns) == [name for name, _ in COLUMNS["people"]]
    qureshi = people[people.doc.str.endswith("004_7e52952e49f3ada9.txt")]
    assert qureshi[["name", "role", "organization"]].values.tolist() == [
        ["Makhdoom Shah Mahmood Qureshi", "Foreign Minister", "Pakistan"]
    ]
    docs = to_pandas(list(seed_results.values()), "documents").set_index("doc")
    docs.index = [_name(d) for d in docs.index]
    assert docs.loc["003_982e448d4ac8b6b6.txt", "published"] is pd.NA
    assert int(docs.loc["001_e651096705ef97ea.txt", "blocks"]) == 2
    assert int(docs.loc["001_e651096705ef97ea.txt", "peacekeeping_blocks"]) == 1
    assert [int(docs.loc[n, "facts"]) for n in sorted(docs.index)] == [6, 6, 0, 3, 2]


def test_frames_from_saved_jsonl_records_equal_from_results(seed_results):
    """Analysts load last month's JSONL: the table must not depend on where the records came from."""
    lines = [json.dumps(to_record(r)) for res in seed_results.values() for r in result_records(res)]
    from_lines = rows([json.loads(line) for line in lines], "facts")
    assert from_lines == rows(list(seed_results.values()), "facts")


def test_frames_errors_table_and_gather():
    results, errors = gather_results(
        [
            ErrorRecord(doc="bad.txt", error="empty document", kind="InputError"),
            Fact(doc="a", subject="Ghana", metric="personnel_deployed", figure=Figure.exact(800)),
        ]
    )
    assert [(r.doc_id, r.document.text, len(r.facts)) for r in results] == [("a", "", 1)]
    assert [e.doc for e in errors] == ["bad.txt"]
    assert rows(errors, "errors") == [{"doc": "bad.txt", "kind": "InputError", "error": "empty document"}]


def test_frames_empty_input_gives_typed_empty_frame():
    df = to_pandas([], "facts")
    assert (len(df), list(df.columns)) == (0, [name for name, _ in COLUMNS["facts"]])
    assert str(df["value"].dtype) == "Int64"


def test_frames_reconciliation_groups(seed_reconciliation):
    groups = to_pandas(seed_reconciliation, "groups")
    deaths = groups[groups.metric == "fatalities_total"].iloc[0]
    assert (deaths.subject, deaths.category, deaths.window) == ("Pakistan", "personnel", "all_time")
    assert (int(deaths.observations), int(deaths.documents), int(deaths.sources)) == (4, 4, 3)
    assert (int(deaths.preferred_value), deaths.preferred_as_of, int(deaths.preferred_sources)) == (181, "2024-05", 2)
    assert (int(deaths.changed_over_time), int(deaths.conflict)) == (2, 0)


def test_frames_observations_name_source_copy_and_point(seed_reconciliation):
    obs = to_pandas(seed_reconciliation)  # observations are the default table of a reconciliation
    deaths = obs[obs.metric == "fatalities_total"]
    got = [
        (_name(d), int(v), _name(s), bool(c), p, r)
        for d, v, s, c, p, r in zip(deaths.doc, deaths.value, deaths.source, deaths.is_copy, deaths.point_as_of, deaths["rank"], strict=True)
    ]
    assert got == [
        ("004_7e52952e49f3ada9.txt", 161, "004_7e52952e49f3ada9.txt", False, "2021-10-26", "normal"),
        ("000_7afdc2f30fcbe9a6.txt", 181, "000_7afdc2f30fcbe9a6.txt", False, "2024-05", "preferred"),
        ("001_e651096705ef97ea.txt", 181, "000_7afdc2f30fcbe9a6.txt", True, "2024-05", "preferred"),
        ("003_982e448d4ac8b6b6.txt", 181, "003_982e448d4ac8b6b6.txt", False, "2024-05", "preferred"),
    ]


def test_frames_pairs_discrepancies_and_join(seed_reconciliation):
    pairs = to_pandas(seed_reconciliation, "pairs")
    assert len(pairs) == len(seed_reconciliation.pairs)
    disc = to_pandas(seed_reconciliation, "discrepancies")
    assert sorted(set(disc.verdict)) == ["changed_over_time"]
    first = disc.iloc[0]
    assert (first.metric, int(first.a_value), int(first.b_value), first.cause, int(first.gap_days)) == (
        "fatalities_total", 161, 181, "stale_figure", 918
    )
    groups = to_pandas(seed_reconciliation, "groups")
    joined = disc.merge(groups, on=["subject", "metric", "category", "scope", "window"])
    assert sorted(set(joined.metric)) == ["fatalities_total", "missions_served_total"]
    assert len(joined) == len(disc)


def test_frames_series_and_copies(seed_reconciliation):
    series = to_pandas(seed_reconciliation, "series")
    deaths = series[series.metric == "fatalities_total"]
    assert [(a, int(b), r) for a, b, r in zip(deaths.as_of, deaths.best, deaths["rank"], strict=True)] == [
        ("2021-10-26", 161, "normal"),
        ("2024-05", 181, "preferred"),
    ]
    assert [sorted(_name(d) for d in docs) for docs in deaths.docs] == [
        ["004_7e52952e49f3ada9.txt"],
        ["000_7afdc2f30fcbe9a6.txt", "001_e651096705ef97ea.txt", "003_982e448d4ac8b6b6.txt"],
    ]
    copies = rows(seed_reconciliation, "copies")
    assert [(_name(c["a"]), _name(c["b"])) for c in copies] == [("000_7afdc2f30fcbe9a6.txt", "001_e651096705ef97ea.txt")]


def test_frames_csv_rows_read_back(seed_results, tmp_path):
    target = tmp_path / "facts.csv"
    assert to_csv(list(seed_results.values()), target) == 17
    table = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    hedged = next(r for r in table if r["qualifier"] == "at_least")
    assert (hedged["value"], hedged["low"], hedged["high"], hedged["as_of_end"]) == ("100", "100", "", "2024-06-08")
    assert list(table[0]) == [name for name, _ in COLUMNS["facts"]]


def test_frames_csv_series_lists_and_flags(seed_reconciliation):
    out = io.StringIO()
    to_csv(seed_reconciliation, out, "series")
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    preferred = [r for r in table if r["metric"] == "fatalities_total" and r["rank"] == "preferred"][0]
    assert preferred["docs"].count("; ") == 2
    assert preferred["disputed"] == "false"


def test_frames_parquet_has_explicit_types(seed_reconciliation, seed_results, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "facts.parquet"
    to_parquet(list(seed_results.values()), target)
    table = pq.read_table(target)
    assert [str(table.schema.field(n).type) for n in ("value", "low", "as_of", "as_of_start")] == [
        "int64", "double", "string", "date32[day]"
    ]
    assert sorted(table.column("value").to_pylist())[:3] == [29, 29, 46]
    from peacefacts.reconciler import reconcile

    empty = to_arrow(reconcile([]), "pairs")
    assert (empty.num_rows, str(empty.schema.field("copies").type)) == (0, "bool")
    series = to_arrow(seed_reconciliation, "series")
    assert str(series.schema.field("docs").type) == "list<item: string>"
    assert series.column("as_of_start").to_pylist()[0] in {dt.date(2024, 5, 1), dt.date(2021, 10, 26)}


def test_frames_kind_errors(seed_results, seed_reconciliation):
    with pytest.raises(ValueError, match="comes from a reconciliation"):
        rows(list(seed_results.values()), "pairs")
    with pytest.raises(ValueError, match="has no 'facts' table"):
        rows(seed_reconciliation, "facts")
    with pytest.raises(ValueError, match="unknown table kind 'fact'"):
        rows([], "fact")
    with pytest.raises(TypeError, match="not int"):
        rows([42], "facts")
    assert set(KINDS) == set(COLUMNS)


def test_frames_missing_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError, match=r"pip install 'peacefacts\[pandas\]'"):
        to_pandas([])
