"""The official count as a line over time, to draw behind the sources' figures.

:func:`official_lines` gives, for one subject and metric, the official value as a step function
over a date range: the cumulative deaths of a country, mission or the whole UN (all personnel
and uniformed only), or the personnel a country (or all contributors) had deployed at each
month's end. :mod:`peacefacts.plot` draws it; it is plain data, so any other chart can too.

>>> import datetime
>>> from peacefacts.official.tables import load_bundled
>>> lines = official_lines(load_bundled(), "Pakistan", "fatalities_total",
...                        datetime.date(2021, 1, 1), datetime.date(2024, 6, 30))
>>> [(line.scope, line.points[0], line.points[-1]) for line in lines]
[('all', (datetime.date(2021, 1, 1), 154), (datetime.date(2024, 6, 30), 170)), ('uniformed', (datetime.date(2021, 1, 1), 152), (datetime.date(2024, 6, 30), 166))]
"""

from __future__ import annotations

import datetime as _dt
from typing import Optional, Union

import attrs

from peacefacts.official.checks import SCOPE_LABELS, resolve_subject
from peacefacts.official.tables import OfficialTables
from peacefacts.records import Category, Metric

__all__ = ["OfficialLine", "official_lines"]

# the scopes drawn per category: at most two lines, the widest first
_FATALITY_LINES: dict[Optional[Category], tuple[str, ...]] = {
    None: ("all", "uniformed"),
    Category.PERSONNEL: ("all", "uniformed"),
    Category.TROOPS: ("all", "uniformed"),
    Category.POLICE: ("police",),
    Category.MILITARY_OBSERVERS: ("military_observers",),
    Category.WOMEN: ("women",),
}
_DEPLOYED_LINES: dict[Optional[Category], tuple[str, ...]] = {
    None: ("uniformed",),
    Category.PERSONNEL: ("uniformed",),
    Category.TROOPS: ("troops", "uniformed"),
    Category.POLICE: ("police",),
    Category.MILITARY_OBSERVERS: ("experts",),
}


@attrs.frozen(kw_only=True)
class OfficialLine:
    """The official value of one scope as a step function.

    Attributes:
        scope: ``all``, ``uniformed``, ``troops``... (:data:`~peacefacts.official.checks.SCOPE_LABELS`).
        label: a legend entry: which table, which scope, how recent.
        table: the table it comes from.
        points: ``(day, value)`` in date order; each value holds from its day until the next.
    """

    scope: str
    label: str
    table: str
    points: tuple[tuple[_dt.date, int], ...]


def official_lines(
    tables: OfficialTables,
    subject: str,
    metric: Union[str, Metric],
    start: _dt.date,
    end: _dt.date,
    category: Union[None, str, Category] = None,
) -> tuple[OfficialLine, ...]:
    """The official series of ``subject`` and ``metric`` between ``start`` and ``end``.

    Args:
        tables: the official tables.
        subject: a country, a mission or ``UN``.
        metric: ``fatalities_total`` (cumulative deaths) or ``personnel_deployed`` (month ends);
            other metrics have no official series.
        start: first day wanted.
        end: last day wanted (cut at the table's last date).
        category: the category of the figures drawn ("police" draws police only).

    Returns:
        Zero, one or two lines (all personnel and uniformed only, where both make sense).
    """
    metric = Metric(str(metric))
    category = None if category is None else Category(str(category))
    kind, name = resolve_subject(subject, tables)
    if kind is None or start > end:
        return ()
    if metric is Metric.FATALITIES_TOTAL:
        table = tables.fatalities
        end = min(end, table.last_date)
        if end < start:
            return ()
        country = name if kind == "country" else None
        mission = name if kind == "mission" else None
        prov = table.provenance
        lines = []
        for scope in _FATALITY_LINES[category]:
            days = sorted(table.daily(start, end, country=country, mission=mission, scope=scope))
            steps = [start, *(d for d in days if d > start), end]
            points = tuple((d, table.count(end=d, country=country, mission=mission, scope=scope)) for d in steps)
            lines.append(OfficialLine(
                scope=scope, table="fatalities", points=points,
                label=f"UN fatalities table, {SCOPE_LABELS[scope]} (last update {prov.last_update})",
            ))
        return tuple(lines)
    if metric is Metric.PERSONNEL_DEPLOYED and kind in ("country", "un"):
        scopes = _DEPLOYED_LINES.get(category)
        if not scopes:
            return ()
        contributions = tables.contributions
        months = contributions.months(country=kind == "country")
        ends = contributions.month_ends(country=kind == "country")
        chosen = [i for i, e in enumerate(ends) if start <= e <= end]
        before = [i for i, e in enumerate(ends) if e < start]
        indices = ([before[-1]] if before and chosen else []) + chosen
        if not indices:
            return ()
        country = name if kind == "country" else None
        return tuple(
            OfficialLine(
                scope=scope, table="contributions" if country else "contribution_totals",
                points=tuple((ends[i], contributions.value(country, months[i], scope)) for i in indices),
                label=f"IPI contributions table, {SCOPE_LABELS[scope]} (month ends, "
                      f"{contributions.first_month}..{contributions.last_month})",
            )
            for scope in scopes
        )
    return ()
