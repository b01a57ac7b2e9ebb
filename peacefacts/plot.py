"""A timeline of one figure across sources: who said what, as of when, and how they relate.

:func:`plot_timeline` draws one subject and metric (``Pakistan``, ``fatalities_total``) from a
reconciliation:

* one marker per independent source, at the figure's as-of date (a horizontal bar spans a
  month or a year when that is all the text says);
* hedges as error bars: "about 85" is a bar over its range, "over 100" an arrow up, "up to 50"
  an arrow down;
* copies of one article are one marker (ringed, "2 copies of one article"): they are one
  source, not two;
* undated figures stand apart on the right, in an "undated" lane, with the dated point they
  agree with named, because inventing a date for them would mislead;
* the reconciled series (the best figure per date) as a line, the preferred point ringed, and
  conflicts drawn in red with a dashed link between the two figures;
* the explanations of the disagreements as the caption;
* with ``official=True`` (``peacefacts plot --official``), the UN's own count as a broad pale
  line behind the points: a country's, mission's or the UN's cumulative deaths (all personnel,
  and uniformed only dashed) from the UN fatalities table, or the personnel deployed at each
  month's end from the IPI contributions table (see :mod:`peacefacts.official`).

matplotlib is an optional extra (``pip install 'peacefacts[plot]'``), imported on first use.
The figure is built with the object-oriented API (``matplotlib.figure.Figure``), never pyplot,
so it does not touch the global backend: it works headless (Agg) in services and CI, and
notebooks still display it.

Example:
    >>> from peacefacts.records import Fact, Figure
    >>> facts = [
    ...     Fact(doc="mofa", subject="Pakistan", metric="fatalities_total",
    ...          figure=Figure.exact(161), as_of="2021-10-26"),
    ...     Fact(doc="news", subject="Pakistan", metric="fatalities_total",
    ...          figure=Figure.exact(181), as_of="2024-05"),
    ... ]
    >>> fig = plot_timeline(facts, "Pakistan", "fatalities_total")
    >>> fig.axes[0].get_title(loc="left")
    'Pakistan: peacekeepers killed, all-time total'
"""

from __future__ import annotations

import datetime as _dt
import os
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from peacefacts.frames import point_of
from peacefacts.io.gather import gather_results
from peacefacts.optional import import_optional
from peacefacts.records import Category, Document, Metric, PartialDate, Qualifier

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from peacefacts.official.tables import OfficialTables
    from peacefacts.reconciler import Group, Observation, Reconciliation

__all__ = ["METRIC_LABELS", "plot_timeline", "save_timeline", "timeline_points", "TimelinePoint"]

#: Title and y-axis label per metric (from :data:`peacefacts.records.METRIC_INFO`).
METRIC_LABELS: dict[Metric, tuple[str, str]] = {m: (m.info.title, m.info.axis_label) for m in Metric}

# colour-blind-safe (Okabe-Ito) colours and distinct marker shapes: sources differ by both
_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
_MARKERS = ["o", "s", "D", "^", "v", "P", "X", "h"]
_CONFLICT = "#C00000"
_SERIES = "#6B7280"
_OFFICIAL = "#009EDB"  # UN blue, drawn pale and broad behind everything


@attrs.frozen(kw_only=True)
class TimelinePoint:
    """One marker of the timeline: the figure of one independent source at one date.

    Attributes:
        source: the copy cluster (smallest document id among copies of one article).
        docs: every document behind the marker (copies of one article share one marker).
        value: the figure.
        qualifier: its hedge.
        low: lowest value the text allows (``None``: unbounded).
        high: highest value the text allows (``None``: unbounded).
        as_of: the as-of date, ``None`` for an undated figure (drawn in the undated lane).
        supports: for an undated figure, the dated series point it agrees with.
        conflict: whether the figure is in a conflict pair.
        preferred: whether it belongs to the preferred point of the series.
        group: the group label (several groups appear when categories or scopes differ).
    """

    source: str
    docs: tuple[str, ...]
    value: int
    qualifier: Qualifier
    low: float | None
    high: float | None
    as_of: PartialDate | None
    supports: PartialDate | None = None
    conflict: bool = False
    preferred: bool = False
    group: str = ""


def _prepare(data: Any, policy: str) -> tuple[Reconciliation, list[Document]]:
    """The reconciliation to draw and the documents behind it (read once: ``data`` may be a
    generator such as ``Extractor.extract_many``)."""
    from peacefacts.reconciler import Reconciliation, reconcile

    if isinstance(data, Reconciliation):
        return data, []
    results, _ = gather_results(data)
    return reconcile(results, policy=policy), [r.document for r in results]


def _groups(rec: Reconciliation, subject: str, metric: str) -> tuple[Group, ...]:
    groups = rec.group(subject, metric)
    if groups:
        return groups
    available = sorted({f"{g.subject} {g.metric.value}" for g in rec.groups})
    hint = "; available: " + ", ".join(available[:12]) if available else "; no figures at all"
    raise ValueError(f"no {metric} figures about {subject}{hint}")


def timeline_points(data: Any, subject: str, metric: str, *, policy: str = "latest") -> list[TimelinePoint]:
    """The markers :func:`plot_timeline` draws, without drawing (no matplotlib needed).

    Observations of one source with the same date, value and hedge become one point, so copies
    of one article count once.

    Args:
        data: extraction results or records (they are reconciled first), or a reconciliation.
        subject: the subject, as in the facts (case-insensitive).
        metric: a :class:`~peacefacts.records.Metric` value.
        policy: the selection policy when ``data`` still has to be reconciled.

    Raises:
        ValueError: no figures for that subject and metric (the message lists what there is).

    Example:
        >>> from peacefacts.records import Fact, Figure
        >>> facts = [Fact(doc=d, subject="Chad", metric="fatalities_total",
        ...               figure=Figure(value=9, qualifier="approx"), as_of="2020") for d in "ab"]
        >>> [(p.docs, p.value, p.qualifier.value, str(p.as_of)) for p in timeline_points(facts, "Chad", "fatalities_total")]
        [(('a',), 9, 'approx', '2020'), (('b',), 9, 'approx', '2020')]
    """
    rec, _ = _prepare(data, policy)
    points: list[TimelinePoint] = []
    for group in _groups(rec, subject, str(metric)):
        conflicted = {id(o) for p in group.pairs if p.verdict.value == "conflict" for o in (p.a, p.b)}
        merged: dict[tuple[Any, ...], list[Observation]] = {}
        for obs in group.observations:
            if obs.source == "official":
                continue  # the official record is a line (official=...), not a source's marker
            key = (obs.source, str(obs.as_of), obs.value, obs.qualifier.value, obs.low, obs.high)
            merged.setdefault(key, []).append(obs)
        for members in merged.values():
            first = members[0]
            point = point_of(first, group.series)
            points.append(
                TimelinePoint(
                    source=first.source,
                    docs=tuple(sorted({o.doc for o in members})),
                    value=first.value,
                    qualifier=first.qualifier,
                    low=first.low,
                    high=first.high,
                    as_of=first.as_of,
                    supports=point.as_of if first.as_of is None and point is not None else None,
                    conflict=any(id(o) in conflicted for o in members),
                    preferred=point is not None and point.rank.value == "preferred",
                    group=group.label,
                )
            )
    return points


def _short(doc_id: str) -> str:
    # file paths are long and their folders say nothing about the source
    return os.path.basename(doc_id.rstrip("/")) or doc_id


def _middle(text: str, width: int) -> str:
    """Shorten in the middle: ids differ at both ends ("…-mirror-a.txt", "…-mirror-b.txt")."""
    if len(text) <= width:
        return text
    keep = width - 1
    return text[: keep - keep // 2] + "…" + text[-(keep // 2) :]


#: Characters per legend line; two legend columns fit the default figure width.
_LEGEND_WIDTH = 58


def _source_label(docs: list[str], known: dict[str, Document]) -> str:
    """A source in the legend: its documents (copies joined by "="), date, and headline."""
    names = [_middle(_short(d), _LEGEND_WIDTH - 2) for d in docs]
    lines = [names[0]] + [f"= {n}" for n in names[1:]]
    doc = known.get(docs[0])
    details = []
    if len(docs) > 1:
        details.append(f"{len(docs)} copies of one article")
    if doc is not None:
        details.append(f"published {doc.published}" if doc.published is not None else "undated page")
    if details:
        lines.append(", ".join(details))
    if doc is not None and doc.title:
        lines.append(textwrap.shorten(doc.title, _LEGEND_WIDTH, placeholder="…"))
    return "\n".join(lines)


def _format_value(value: int, qualifier: Qualifier) -> str:
    sign = {Qualifier.AT_LEAST: "≥", Qualifier.AT_MOST: "≤", Qualifier.APPROX: "~"}.get(qualifier, "")
    return f"{sign}{value:,}"


def _date_num(mdates: Any, day: _dt.date) -> float:
    return float(mdates.date2num(day))


def _official_lines(
    official: bool | str | os.PathLike[str] | OfficialTables | None,
    groups: tuple[Group, ...],
    metric: Metric,
    start: _dt.date,
    end: _dt.date,
) -> list[Any]:
    """The official series to draw behind the points (see :mod:`peacefacts.official.series`)."""
    if official is None or official is False:
        return []
    from peacefacts.official.build import load_official
    from peacefacts.official.series import official_lines

    tables = load_official(None if official is True else official)  # type: ignore[arg-type]
    # an all-time count only fits all-time figures; "deaths in 2012" is another series
    drawn = [g for g in groups if g.window in (None, "all_time")]
    if not drawn:
        return []
    category = drawn[0].category if drawn[0].category in {c.value for c in Category} else None
    return list(official_lines(tables, drawn[0].subject, metric, start, end, category))


def plot_timeline(
    data: Any,
    subject: str,
    metric: str,
    *,
    policy: str = "latest",
    title: str | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (10.0, 6.2),
    documents: Iterable[Document] = (),
    official: bool | str | os.PathLike[str] | OfficialTables | None = None,
) -> Figure:
    """Draw the timeline of one subject and metric across sources.

    Args:
        data: extraction results or records (reconciled first, so copies and verdicts are
            known), or a :class:`~peacefacts.reconciler.Reconciliation`.
        subject: the subject (``"Pakistan"``, ``"UNIFIL"``, ``"UN"``).
        metric: a metric value (``"fatalities_total"``).
        policy: the selection policy for the preferred point when ``data`` is not reconciled.
        title: replaces the default title.
        ax: draw on these axes (the caption and legend then go on its figure).
        figsize: inches, when a new figure is made.
        documents: documents whose titles name the sources in the legend (optional; taken from
            ``data`` when it holds documents).
        official: ``True`` to draw the official count behind the points (bundled tables), or
            a directory of newer tables, or :class:`~peacefacts.official.tables.OfficialTables`.

    Returns:
        The matplotlib ``Figure`` (save it with ``fig.savefig(path, dpi=150)``).

    Raises:
        ValueError: no figures for that subject and metric.
        ImportError: matplotlib is not installed.
        OfficialDataError: ``official`` names a directory that holds no official table.
    """
    import_optional("matplotlib", extra="plot")
    from matplotlib import dates as _mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter
    from matplotlib.transforms import offset_copy

    mdates: Any = _mdates  # parts of matplotlib.dates are unannotated
    rec, known_documents = _prepare(data, policy)
    groups = _groups(rec, subject, str(metric))
    points = timeline_points(rec, subject, metric)
    metric_enum = Metric(str(metric))
    subject_name = groups[0].subject

    own_figure = ax is None
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure  # type: ignore[assignment]

    # --- x positions: real dates, then an "undated" lane to the right ------------------------
    dated = [p for p in points if p.as_of is not None]
    days = [d for p in dated for d in (p.as_of.first_day, p.as_of.last_day)]  # type: ignore[union-attr]
    lo = min(days) if days else _dt.date(2000, 1, 1)
    hi = max(days) if days else lo
    span = max((hi - lo).days, 1)
    pad = _dt.timedelta(days=max(90, int(span * 0.08)))
    left, right = _date_num(mdates, lo - pad), _date_num(mdates, hi + pad)
    has_undated = any(p.as_of is None for p in points)
    # the lane is wide enough for a two-line label ("agrees with 2024-05") under its marker
    boundary = right + (right - left) * 0.03
    lane = boundary + (right - left) * 0.1
    x_end = lane + (right - left) * 0.1 if has_undated else right

    def x_of(p: TimelinePoint) -> float:
        if p.as_of is None:
            return lane
        return _date_num(mdates, p.as_of.midpoint)

    # --- sources: one colour and marker each, ordered by their earliest date -----------------
    def first_date(source: str) -> tuple[bool, _dt.date]:
        mine = [p.as_of.first_day for p in points if p.source == source and p.as_of is not None]
        return (not mine, min(mine) if mine else _dt.date.max)

    sources = sorted({p.source for p in points}, key=lambda s: (first_date(s), s))
    style = {s: (_COLORS[i % len(_COLORS)], _MARKERS[i % len(_MARKERS)]) for i, s in enumerate(sources)}
    known = {doc.id: doc for doc in [*known_documents, *documents]}

    # --- the official count: a broad pale step line behind everything ------------------------
    lines = _official_lines(official, groups, metric_enum, lo - pad, hi + pad)
    for i, line in enumerate(lines):
        xs = [_date_num(mdates, day) for day, _ in line.points]
        ax.step(xs, [v for _, v in line.points], where="post", color=_OFFICIAL, alpha=0.45,
                lw=4.0 if i == 0 else 2.5, ls="-" if i == 0 else "--", zorder=0.5, solid_capstyle="butt")
        # the last official value at the line's end, so the gap to the figures can be read off
        ax.annotate(f"{line.points[-1][1]:,}", (xs[-1], line.points[-1][1]), xytext=(4, 0),
                    textcoords="offset points", fontsize=8, color="#0369A1", va="center", ha="left", zorder=5)

    # --- the reconciled series: best figure per dated point, in time order --------------------
    for gi, group in enumerate(groups):
        series = [pt for pt in group.series if pt.as_of is not None and pt.rank.value != "official"]
        if len(series) >= 2 and not metric_enum.is_forward_looking:
            xs = [_date_num(mdates, pt.as_of.midpoint) for pt in series]  # type: ignore[union-attr]
            ys = [pt.best for pt in series]
            ax.plot(xs, ys, color=_SERIES, lw=1.2, ls=["-", "--", ":"][gi % 3], zorder=1)

    # --- markers ------------------------------------------------------------------------------
    for p in points:
        color, marker = style[p.source]
        x, y = x_of(p), p.value
        lower = None if p.low is None else max(0.0, y - p.low)
        upper = None if p.high is None else max(0.0, p.high - y)
        if p.as_of is not None and p.as_of.precision != "day":
            # "2024-05" is a month, not a day: a translucent band shows the whole period
            x0, x1 = _date_num(mdates, p.as_of.first_day), _date_num(mdates, p.as_of.last_day + _dt.timedelta(days=1))
            ax.plot([x0, x1], [y, y], color=color, lw=5, alpha=0.35, solid_capstyle="butt", zorder=2)
        # hedges: a range is an error bar; an open bound ("over", "up to") an arrow of fixed
        # length pointing the way the true value may lie (an error bar end would look like a
        # second marker)
        upward = p.qualifier is Qualifier.AT_LEAST or (upper is None and lower is not None)
        downward = not upward and (p.qualifier is Qualifier.AT_MOST or (lower is None and upper is not None))
        yerr = None
        if not upward and not downward and lower is not None and upper is not None and (lower > 0 or upper > 0):
            yerr = [[lower], [upper]]
        ax.errorbar(
            [x], [y], yerr=yerr, fmt=marker, color=color,
            ms=9, mec="white", mew=1.0, ecolor=color, elinewidth=1.4, capsize=4, zorder=3,
        )
        if upward or downward:
            ax.annotate(
                "", xy=(x, y), xytext=(0, 26 if upward else -26), textcoords="offset points",
                arrowprops={"arrowstyle": "<|-", "color": color, "lw": 1.4, "shrinkA": 0, "shrinkB": 6,
                            "mutation_scale": 11},
                zorder=3,
            )
        if len(p.docs) > 1:
            # copies of one article: the same marker stacked behind, like pages in a pile; one
            # source, but the reader sees that more than one page printed it
            for k in range(1, min(len(p.docs), 3)):
                shifted = offset_copy(ax.transData, fig=fig, x=-5.0 * k, y=5.0 * k, units="points")
                ax.plot([x], [y], marker=marker, ms=9, color=color, alpha=0.5, mec="white",
                        transform=shifted, zorder=3.5 - 0.1 * k)
        if p.preferred and p.as_of is not None:
            ax.plot([x], [y], marker="o", ms=24, mfc="none", mec="#111827", mew=1.0, ls="none", zorder=2)
        if p.conflict:
            ax.plot([x], [y], marker="o", ms=15, mfc="none", mec=_CONFLICT, mew=2.2, zorder=4)
        label = f"{_format_value(p.value, p.qualifier)}  ({p.as_of or 'undated'})"
        if len(p.docs) > 1:
            label += f"\n{len(p.docs)} copies of one article"
        if p.as_of is None and p.supports is not None:
            label += f"\nagrees with {p.supports}"
        # dated labels beside their marker (on the left near the right edge, so they stay clear
        # of the undated lane); in the narrow undated lane, below the marker
        if p.as_of is None:
            offset, align, valign = (0.0, -16.0), "center", "top"
        elif x > left + (right - left) * 0.7:
            offset, align, valign = (-16.0, 8.0), "right", "bottom"
        else:
            offset, align, valign = (12.0, 8.0), "left", "bottom"
        ax.annotate(
            label, (x, y), xytext=offset, textcoords="offset points", fontsize=9, color="#111827",
            ha=align, va=valign, zorder=5,
        )
        if p.as_of is None and p.supports is not None:
            # a faint link to the dated point it agrees with, at the same height
            ax.plot([_date_num(mdates, p.supports.midpoint), x], [y, y], color=color, ls=":", lw=1.0, zorder=1)

    # --- conflicts: a red dashed link between the two figures --------------------------------
    positions = {(d, p.value, str(p.as_of)): (x_of(p), p.value) for p in points for d in p.docs}
    conflicts = [pair for g in groups for pair in g.pairs if pair.verdict.value == "conflict"]
    for pair in conflicts:
        a = positions.get((pair.a.doc, pair.a.value, str(pair.a.as_of)))
        b = positions.get((pair.b.doc, pair.b.value, str(pair.b.as_of)))
        if a and b:
            ax.plot([a[0], b[0]], [a[1], b[1]], color=_CONFLICT, ls="--", lw=1.4, zorder=2)

    # --- axes ---------------------------------------------------------------------------------
    ax.set_xlim(left, x_end)
    values = [v for p in points for v in (p.value, p.low, p.high) if v is not None]
    values += [v for line in lines for _, v in line.points]
    ymin, ymax = min(values), max(values)
    yspan = max(ymax - ymin, ymax * 0.1, 1.0)
    ax.set_ylim(max(0.0, ymin - yspan * 0.35), ymax + yspan * 0.45)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ticks = [t for t in locator.tick_values(mdates.num2date(left), mdates.num2date(right)) if left <= t <= right]
    fmt = "%Y" if span > 3 * 365 else "%b %Y"
    labels = [mdates.num2date(t).strftime(fmt) for t in ticks]
    if has_undated:
        ax.axvspan(boundary, x_end, color="#F3F4F6", zorder=0)
        ax.axvline(boundary, color="#9CA3AF", ls=":", lw=1.0, zorder=0)
        ticks.append(lane)
        labels.append("undated")
    ax.set_xticks(ticks, labels)
    ax.grid(axis="y", color="#E5E7EB", lw=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    what, unit = METRIC_LABELS.get(metric_enum, (metric_enum.value, metric_enum.value))
    ax.set_title(title or f"{subject_name}: {what}", loc="left", fontsize=13, fontweight="bold", pad=20)
    n_docs = len({d for p in points for d in p.docs})
    ax.text(
        0.0, 1.015,
        f"{n_docs} documents, {len(sources)} independent sources (copies of one article count once)",
        transform=ax.transAxes, fontsize=9, color="#4B5563", va="bottom", ha="left",
    )
    ax.set_ylabel(unit)
    ax.set_xlabel("as-of date (when the figure was true, not when it was published)")

    # --- legend and caption ------------------------------------------------------------------
    handles: list[Any] = []
    for s in sources:
        color, marker = style[s]
        docs = sorted({d for p in points if p.source == s for d in p.docs})
        handles.append(Line2D([], [], color=color, marker=marker, ls="none", ms=8, label=_source_label(docs, known)))
    if any(sum(p.rank.value != "official" for p in g.series) >= 2 for g in groups) and not metric_enum.is_forward_looking:
        handles.append(Line2D([], [], color=_SERIES, lw=1.2, label="reconciled series (best figure per date)"))
    for i, line in enumerate(lines):
        handles.append(Line2D([], [], color=_OFFICIAL, alpha=0.45, lw=4.0 if i == 0 else 2.5,
                              ls="-" if i == 0 else "--", label=line.label))
    if any(p.preferred and p.as_of is not None for p in points):
        handles.append(
            Line2D([], [], marker="o", ms=12, mfc="none", mec="#111827", ls="none", label=f"preferred figure ({rec.policy.value})")
        )
    if any(p.as_of is None and p.supports is not None for p in points):
        handles.append(
            Line2D([], [], color=_SERIES, ls=":", lw=1.0, label="undated figure ··· the dated point it agrees with")
        )
    if any(p.qualifier is not Qualifier.EXACT for p in points):
        handles.append(Line2D([], [], color="#374151", lw=1.4, label="hedge: bar = range, arrow = over / up to"))
    if conflicts:
        handles.append(Line2D([], [], color=_CONFLICT, ls="--", marker="o", mfc="none", mec=_CONFLICT, label="conflict"))
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8.5, frameon=False)
    notes = []
    in_groups = {id(pair) for g in groups for pair in g.pairs}
    # conflicts first: they are what a reader of the chart must not miss; of the changes over
    # time only those between neighbouring dates (the steps of the series), not every pair
    dates = sorted({p.as_of.sort_key() for p in points if p.as_of is not None})
    step = {d: i for i, d in enumerate(dates)}

    def shown_in_caption(pair: Any) -> bool:
        if pair.verdict.value == "conflict":
            return True
        if pair.a.as_of is None or pair.b.as_of is None:
            return False
        return step.get(pair.b.as_of.sort_key(), -9) - step.get(pair.a.as_of.sort_key(), 0) == 1

    for pair in [pair for pair in rec.discrepancies() if id(pair) in in_groups and shown_in_caption(pair)]:
        note = f"{pair.verdict.value.replace('_', ' ')} ({pair.cause.replace('_', ' ')}): {pair.explanation}"
        note = note.replace(f"{subject_name} {metric_enum.value}: ", "")
        if note not in notes:
            notes.append(note)
    if notes:
        shown = notes[:3] + ([f"… and {len(notes) - 3} more"] if len(notes) > 3 else [])
        # wrapped, not cut: the end of an explanation ("counts troops only") is often the point
        caption = "\n".join(textwrap.fill(n, 150, subsequent_indent="    ") for n in shown)
        # anchored under the x-axis label (left edge of the axes), so the layout engine makes
        # room for it however tall the legend below is
        ax.annotate(
            caption, xy=(0.0, 0.0), xycoords=("axes fraction", ax.xaxis.label), xytext=(0, -8),
            textcoords="offset points", fontsize=8.5, color="#374151", va="top", ha="left",
        )
    if own_figure:
        # a tall legend (many sources, long headlines) gets extra height rather than squashing
        # the plot
        lines = sum(h.get_label().count("\n") + 1 for h in handles)
        extra = max(0.0, (lines / 2 - 6) * 0.16)
        fig.set_size_inches(figsize[0], figsize[1] + extra)
    return fig


def save_timeline(
    data: Any, subject: str, metric: str, path: str | os.PathLike[str], *, dpi: int = 150, **options: Any
) -> Path:
    """Draw :func:`plot_timeline` and save it (format from the suffix: .png, .svg, .pdf).

    Args:
        data: extraction results or records, or a reconciliation.
        subject: the subject.
        metric: the metric.
        path: where to write.
        dpi: resolution of raster formats.
        **options: passed to :func:`plot_timeline`.

    Returns:
        The path written.

    Example:
        >>> import tempfile
        >>> from peacefacts.records import Fact, Figure
        >>> facts = [Fact(doc="a", subject="Ghana", metric="personnel_deployed",
        ...               figure=Figure.exact(800), as_of="2024-03")]
        >>> out = save_timeline(facts, "Ghana", "personnel_deployed", tempfile.mkdtemp() + "/g.png")
        >>> out.read_bytes()[:4]
        b'\\x89PNG'
    """
    fig = plot_timeline(data, subject, metric, **options)
    target = Path(path)
    fig.savefig(target, dpi=dpi)
    return target
