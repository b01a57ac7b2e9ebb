"""One table per concept: every place that lists metrics (or any other vocabulary of the output
contract) agrees with the Python definition, so adding a metric cannot leave one behind.

The schemas under docs/schema are hand-written JSON: each ``enum`` in them must be exactly the
values of the Python enum it stands for, in the same order. The metric table in docs/concepts.md
must be :data:`peacefacts.records.METRIC_INFO`; plot labels and notebook colours are read from it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ROOT
from peacefacts.official import CheckKind, Unchecked
from peacefacts.official import Verdict as OfficialVerdict
from peacefacts.official.checks import SCOPE_LABELS
from peacefacts.official.report import OFFSET_BY, RECORD_TYPES
from peacefacts.official.tables import TABLE_NAMES
from peacefacts.reconciler import Policy, Rank, Verdict, reconcile
from peacefacts.reconciler.grouping import category_class
from peacefacts.records import (
    METRIC_INFO,
    STAGES,
    AsOfSource,
    Category,
    Fact,
    Figure,
    Metric,
    MetricInfo,
    PublishedSource,
    Qualifier,
)

SCHEMA_DIR = ROOT / "docs" / "schema"

#: The allowed values of each enum-valued property of the schemas, from the Python definitions.
#: A group's category is its comparable class (troops count as personnel).
EXPECTED_ENUMS: dict[str, list[Any]] = {
    "metric": [m.value for m in Metric],
    "qualifier": [q.value for q in Qualifier],
    "as_of_source": [s.value for s in AsOfSource],
    "published_source": [s.value for s in PublishedSource],
    "category": [c.value for c in Category] + [None],
    "group.category": list(dict.fromkeys(category_class(c) for c in [None, *Category])),
    "verdict": [v.value for v in Verdict],
    "rank": [r.value for r in Rank],
    "policy": [p.value for p in Policy],
    "stage": [*STAGES, None],
    # verify.schema.json (issue 9): its own vocabularies, keyed "verify.<property or $defs name>"
    "verify.type": list(RECORD_TYPES),
    "verify.table_name": list(TABLE_NAMES),
    "verify.check": [k.value for k in CheckKind] + [None],
    "verify.verdict": [v.value for v in OfficialVerdict],
    "verify.cause": [c.value for c in Unchecked] + [None],
    "verify.scope_name": list(SCOPE_LABELS),
    "verify.by": list(OFFSET_BY),
}


def _enums(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], list[Any]]]:
    if isinstance(node, dict):
        if "enum" in node:
            yield path, node["enum"]
        for key, value in node.items():
            yield from _enums(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _enums(value, (*path, str(i)))


def _schema_enums() -> list[tuple[str, str, list[Any]]]:
    found = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        for where, values in _enums(json.loads(path.read_text(encoding="utf-8"))):
            prop = where[-1]
            key = "group.category" if where[-4:] == ("$defs", "group", "properties", "category") else prop
            if path.name == "verify.schema.json":
                key = f"verify.{prop}"
            found.append((f"{path.name}:{'/'.join(where)}", key, values))
    return found


def test_metric_info_has_one_row_per_metric_in_enum_order():
    assert list(METRIC_INFO) == list(Metric)
    assert all(isinstance(info, MetricInfo) for info in METRIC_INFO.values())
    assert [m.value for m in Metric if m.is_cumulative] == [
        "personnel_served_total", "missions_served_total", "countries_served_total", "fatalities_total", "injuries_total",
    ]
    assert [m for m in Metric if m.is_forward_looking] == [Metric.PERSONNEL_PLEDGED]
    assert [m for m in Metric if m.is_incident] == [Metric.FATALITIES_INCIDENT]
    assert Metric.INJURIES_TOTAL.info.counts == "personnel" and Metric.MISSIONS_CURRENT.info.counts == "missions"
    assert [m.value for m in Metric if m.is_casualty] == ["fatalities_total", "fatalities_incident", "injuries_total"]
    assert [m.value for m in Metric if m.may_be_incident] == ["fatalities_incident", "injuries_total"]
    assert [m.value for m in Metric if m.is_serving] == ["personnel_deployed", "women_deployed"]
    assert [m.value for m in Metric if m.info.counts != "personnel"] == [
        "missions_served_total", "missions_current", "countries_served_total",
    ]


_METRIC_SET = re.compile(r"[{(\[]\s*Metric\.[A-Z_]+\s*,\s*Metric\.[A-Z_]+")


def test_metric_no_hand_written_metric_sets_outside_the_table():
    """Code outside records.py asks a metric for its properties (``metric.is_casualty``), never
    lists metrics by hand (``metric in {Metric.A, Metric.B}``): such a set silently misses a new
    metric (``injuries_total`` once lost its ``since`` that way)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "peacefacts").rglob("*.py"))
        if path.name != "records.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _METRIC_SET.search(line)
    ]
    assert offenders == []
    assert _METRIC_SET.search("if metric in {Metric.FATALITIES_TOTAL, Metric.INJURIES_TOTAL}:")


def test_metric_every_schema_enum_is_the_python_enum():
    found = _schema_enums()
    # every enum the schemas hold is one we know (a new one must be added above), and matches
    unknown = sorted({where for where, key, _ in found if key not in EXPECTED_ENUMS})
    assert unknown == []
    mismatched = [(where, values) for where, key, values in found if values != EXPECTED_ENUMS[key]]
    assert mismatched == []
    # the metric enum appears where facts and groups are described
    assert sorted(where for where, key, _ in found if key == "metric") == [
        "fact.schema.json:properties/metric",
        "reconciliation.schema.json:$defs/group/properties/metric",
    ]


def test_metric_schema_check_fails_on_a_missing_metric():
    """The check above is not vacuous: a schema without one metric is reported."""
    schema = json.loads((SCHEMA_DIR / "fact.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["metric"]["enum"].remove("injuries_total")
    (where, values), = [(w, v) for w, v in _enums(schema) if w[-1] == "metric"]
    assert values != EXPECTED_ENUMS["metric"]
    assert sorted(set(EXPECTED_ENUMS["metric"]) - set(values)) == ["injuries_total"]


def test_metric_concepts_table_is_the_metric_table():
    text = (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")
    section = text.split("## Metrics", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \| (yes|no) \|$", section, flags=re.MULTILINE)
    expected = [(m.value, m.info.description, "yes" if m.is_cumulative else "no") for m in Metric]
    assert rows == expected


@pytest.mark.parametrize("doc", ["README.md", "docs/conventions.md"])
def test_metric_every_metric_is_named_in(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert [m.value for m in Metric if f"`{m.value}`" not in text] == []


def test_metric_notebook_colours_come_from_the_table():
    from peacefacts.display import DISPLACY_COLORS

    assert {m.value.upper(): DISPLACY_COLORS[m.value.upper()] for m in Metric} == {
        m.value.upper(): m.info.colour for m in Metric
    }
    assert DISPLACY_COLORS["FATALITIES_TOTAL"] == "#fca5a5"


def test_metric_plot_is_titled_and_labelled_from_the_table():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from peacefacts.plot import plot_timeline

    facts = [
        Fact(doc=doc, subject="Ireland", metric="injuries_total", figure=Figure.exact(value), as_of=as_of)
        for doc, value, as_of in (("a", 40, "2019"), ("b", 47, "2022"))
    ]
    fig = plot_timeline(facts, "Ireland", "injuries_total")
    ax = fig.axes[0]
    assert (ax.get_title(loc="left"), ax.get_ylabel()) == (
        "Ireland: peacekeepers injured, total",
        "peacekeepers injured (cumulative)",
    )
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_metric_properties_drive_the_reconciler():
    """Forward-looking figures are never paired; an incident toll only within days; a cumulative total groups by period."""
    def fact(doc: str, metric: str, value: int, as_of: str, since: str | None = None) -> Fact:
        return Fact(doc=doc, subject="Ghana", metric=metric, figure=Figure.exact(value), as_of=as_of, since=since)

    rec = reconcile([
        fact("a", "personnel_pledged", 100, "2024-01"),
        fact("b", "personnel_pledged", 300, "2024-03"),
        fact("c", "fatalities_incident", 2, "2024-01-03"),
        fact("d", "fatalities_incident", 3, "2024-05-09"),
        fact("e", "injuries_total", 50, "2020", since="2013"),
        fact("f", "injuries_total", 40, "2022", since="2013"),
    ])
    pairs = {g.metric.value: [(p.verdict.value, p.cause) for p in g.pairs] for g in rec.groups}
    assert pairs == {
        "personnel_pledged": [],
        "fatalities_incident": [],
        "injuries_total": [("conflict", "cumulative_decrease")],
    }
