"""The records peacefacts produces: frozen, typed, plain data.

Everything downstream of the NLP layer (reconciler, outputs, tests) works on these and never on
spaCy objects, so they pickle, compare and serialise cheaply. JSON forms go through the single
converter in :mod:`peacefacts.io.convert`.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import enum
import re
from typing import Any, Callable, Iterable, Optional, Union

import attrs

__all__ = [
    "Metric",
    "MetricInfo",
    "METRIC_INFO",
    "Qualifier",
    "Category",
    "PublishedSource",
    "AsOfSource",
    "PartialDate",
    "Figure",
    "Fact",
    "Person",
    "Block",
    "Document",
    "ErrorRecord",
    "WarningRecord",
    "ExtractionResult",
    "MAX_FACT_VALUE",
    "STAGES",
    "HTML_RENDERERS",
    "render_html",
]


class Metric(str, enum.Enum):
    """What a figure counts. Values are the JSON strings of the output contract.

    Each metric's properties (cumulative, forward-looking, labels, colour) sit in one table,
    :data:`METRIC_INFO`, read by the fact rules, the reconciler, plots, notebook views and the
    docs; a test checks the JSON Schemas and docs list exactly these values.

    >>> Metric.FATALITIES_TOTAL.is_cumulative, Metric.PERSONNEL_PLEDGED.is_forward_looking
    (True, True)
    >>> Metric("injuries_total").info.title
    'peacekeepers injured, total'
    """

    PERSONNEL_DEPLOYED = "personnel_deployed"
    PERSONNEL_SERVED_TOTAL = "personnel_served_total"
    MISSIONS_SERVED_TOTAL = "missions_served_total"
    MISSIONS_CURRENT = "missions_current"
    COUNTRIES_SERVED_TOTAL = "countries_served_total"
    FATALITIES_TOTAL = "fatalities_total"
    FATALITIES_INCIDENT = "fatalities_incident"
    INJURIES_TOTAL = "injuries_total"
    PERSONNEL_PLEDGED = "personnel_pledged"
    WOMEN_DEPLOYED = "women_deployed"

    @property
    def info(self) -> MetricInfo:
        """This metric's row of :data:`METRIC_INFO`."""
        return METRIC_INFO[self]

    @property
    def is_cumulative(self) -> bool:
        """Whether the metric is an all-time running total that should never fall."""
        return METRIC_INFO[self].cumulative

    @property
    def is_forward_looking(self) -> bool:
        """Whether the figure is a commitment or target (never paired, never ranked)."""
        return METRIC_INFO[self].forward_looking

    @property
    def is_incident(self) -> bool:
        """Whether the figure is the toll of one event (compared only with reports of that event)."""
        return METRIC_INFO[self].incident

    @property
    def may_be_incident(self) -> bool:
        """Whether the figure is, or may be (when its sentence tells of one event), an event's toll."""
        return METRIC_INFO[self].incident or METRIC_INFO[self].incident_when_told

    @property
    def is_casualty(self) -> bool:
        """Whether the metric counts peacekeepers killed or injured."""
        return METRIC_INFO[self].casualty

    @property
    def is_serving(self) -> bool:
        """Whether the metric is a head count of people serving at one date."""
        return METRIC_INFO[self].serving

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class MetricInfo:
    """What one :class:`Metric` is: the properties every layer reads.

    Attributes:
        counts: the unit counted: ``"personnel"``, ``"missions"`` or ``"countries"``.
        description: what it counts, in a sentence fragment (docs, schema).
        cumulative: an all-time running total that should never fall ("since 1960", "so far"):
            the fact rules keep its ``since``, the reconciler groups it by period and flags a
            later, lower figure.
        forward_looking: a commitment or target, not a count ("will send", "pledged"): never
            paired with another figure, never ranked in a series, drawn without a series line.
        incident: the toll of one event: compared only with reports a few days apart.
        incident_when_told: a casualty count with no incident metric of its own: it is one
            event's toll when its sentence tells of an event (dated by the event's day, owned by
            the mission where it happened).
        casualty: counts peacekeepers killed or injured (of no stated category: ``personnel``).
        serving: a head count of people serving at one date ("at its peak" dates it to the peak).
        title: the plot title.
        axis_label: the plot's y-axis label.
        colour: the highlight colour of its figures in notebook views (displaCy).
    """

    counts: str
    description: str
    cumulative: bool = False
    forward_looking: bool = False
    incident: bool = False
    incident_when_told: bool = False
    casualty: bool = False
    serving: bool = False
    title: str
    axis_label: str
    colour: str = "#86efac"


_DEATH = "#fca5a5"

#: One row per metric. Adding a metric is one member above and one row here (plus its nouns
#: and rule in the fact layer, and test rows): the schema and docs tests say what else to update.
METRIC_INFO: dict[Metric, MetricInfo] = {
    Metric.PERSONNEL_DEPLOYED: MetricInfo(
        counts="personnel",
        description="personnel serving at that date",
        serving=True,
        title="personnel deployed",
        axis_label="personnel serving",
    ),
    Metric.PERSONNEL_SERVED_TOTAL: MetricInfo(
        counts="personnel",
        description="everyone who has ever served",
        cumulative=True,
        title="personnel who have ever served",
        axis_label="personnel (cumulative)",
    ),
    Metric.MISSIONS_SERVED_TOTAL: MetricInfo(
        counts="missions",
        description="missions a country has ever served in",
        cumulative=True,
        title="missions served in, all-time total",
        axis_label="missions (cumulative)",
    ),
    Metric.MISSIONS_CURRENT: MetricInfo(
        counts="missions",
        description="missions with the country's personnel now",
        title="missions with personnel now",
        axis_label="missions",
    ),
    Metric.COUNTRIES_SERVED_TOTAL: MetricInfo(
        counts="countries",
        description="countries its peacekeepers have served in",
        cumulative=True,
        title="countries served in, all-time total",
        axis_label="countries (cumulative)",
    ),
    Metric.FATALITIES_TOTAL: MetricInfo(
        counts="personnel",
        description="peacekeepers killed (all time, or within one year: then `since` = `as_of` = that year)",
        cumulative=True,
        casualty=True,
        title="peacekeepers killed, all-time total",
        axis_label="peacekeepers killed (cumulative)",
        colour=_DEATH,
    ),
    Metric.FATALITIES_INCIDENT: MetricInfo(
        counts="personnel",
        description="killed in one incident (belongs to the mission where it happened)",
        incident=True,
        casualty=True,
        title="peacekeepers killed in one incident",
        axis_label="peacekeepers killed",
        colour=_DEATH,
    ),
    Metric.INJURIES_TOTAL: MetricInfo(
        counts="personnel",
        description="peacekeepers injured",
        cumulative=True,
        incident_when_told=True,
        casualty=True,
        title="peacekeepers injured, total",
        axis_label="peacekeepers injured (cumulative)",
        colour="#fdba74",
    ),
    Metric.PERSONNEL_PLEDGED: MetricInfo(
        counts="personnel",
        description="any forward-looking commitment: will send, will join, pledged, a target",
        forward_looking=True,
        title="personnel pledged",
        axis_label="personnel pledged",
        colour="#a5f3fc",
    ),
    Metric.WOMEN_DEPLOYED: MetricInfo(
        counts="personnel",
        description="women serving now (women who ever served: `personnel_served_total` with category `women`)",
        serving=True,
        title="women deployed",
        axis_label="women serving",
    ),
}

if set(METRIC_INFO) != set(Metric):  # pragma: no cover - fails at import, before any test can
    raise TypeError(f"METRIC_INFO lacks a row for {sorted(set(Metric) - set(METRIC_INFO))}")


class Qualifier(str, enum.Enum):
    """How a figure is hedged: over/more than → at_least, up to → at_most, about → approx."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    APPROX = "approx"

    def __str__(self) -> str:
        return self.value


class Category(str, enum.Enum):
    """Which kind of personnel a figure is about."""

    TROOPS = "troops"
    POLICE = "police"
    MILITARY_OBSERVERS = "military_observers"
    WOMEN = "women"
    PERSONNEL = "personnel"

    def __str__(self) -> str:
        return self.value


class PublishedSource(str, enum.Enum):
    """Where a document's (or block's) publication date came from."""

    GIVEN = "given"  # the caller or the JSONL record
    TEXT = "text"  # a dateline in the text ("Updated 08 June 2024")
    HTML = "html"  # HTML metadata (htmldate)
    URL = "url"  # a full date in the page's address ("/2019/05/29/"), when nothing else dates it
    NONE = "none"  # undated

    def __str__(self) -> str:
        return self.value


class AsOfSource(str, enum.Enum):
    """How a fact's as-of date was found."""

    EXPLICIT = "explicit"  # a date in the sentence ("As of October 2014")
    RELATIVE = "relative"  # a relative phrase resolved against the publication date
    PUBLISHED = "published"  # the block's publication date
    ANCHOR = "anchor"  # derived from a period anchor ("over the last 60 years" since 1958)
    #: an undated page dated by the latest date it reports ("in the first quarter of 2017"): the
    #: piece is of that date or later, so the figure may be newer than ``as_of``
    LOWER_BOUND = "lower_bound"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@attrs.frozen(order=False)
class PartialDate:
    """A calendar date known to a year, a month or a day.

    >>> PartialDate.from_string("2024-05")
    PartialDate(year=2024, month=5, day=None)
    >>> str(PartialDate(2021, 10, 26)), PartialDate(2024).precision
    ('2021-10-26', 'year')
    """

    year: int = attrs.field(validator=attrs.validators.instance_of(int))
    month: Optional[int] = attrs.field(default=None)
    day: Optional[int] = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            _dt.date(self.year, self.month or 1, self.day)  # raises ValueError when impossible

    @classmethod
    def from_string(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        match = _PARTIAL_DATE.match(text.strip())
        if not match:
            raise ValueError(f"not a partial date (YYYY[-MM[-DD]]): {text!r}")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def from_date(cls, date: _dt.date, precision: str = "day") -> PartialDate:
        """Build from a :class:`datetime.date`, keeping only ``precision`` (year, month, day)."""
        if precision == "year":
            return cls(date.year)
        if precision == "month":
            return cls(date.year, date.month)
        return cls(date.year, date.month, date.day)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def first_day(self) -> _dt.date:
        """The earliest day the partial date can mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        """The latest day the partial date can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return _dt.date(self.year, month, day)

    @property
    def midpoint(self) -> _dt.date:
        """The middle day of the interval; used to measure gaps between dates."""
        return self.first_day + (self.last_day - self.first_day) // 2

    def sort_key(self) -> tuple[int, int, int]:
        """Order by start, coarser dates first among equal starts."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
        return out


def _to_partial_date(value: Union[None, str, PartialDate, _dt.date]) -> Optional[PartialDate]:
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, _dt.date):
        return PartialDate.from_date(value)
    return PartialDate.from_string(str(value))


def _optional_category(value: Union[None, str, Category]) -> Optional[Category]:
    return None if value is None else Category(value)


@attrs.frozen(kw_only=True)
class Figure:
    """A number as the text states it, with its hedge kept as bounds.

    ``low``/``high`` are ``None`` where the text gives no bound ("over 100": low=100, high=None).
    """

    value: int
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    low: Optional[float] = None
    high: Optional[float] = None
    text: str = ""

    @classmethod
    def exact(cls, value: int, text: str = "") -> Figure:
        return cls(value=value, qualifier=Qualifier.EXACT, low=value, high=value, text=text)


@attrs.frozen(kw_only=True)
class Fact:
    """One figure about peacekeeping: who, what, how many, as of when, and the evidence."""

    doc: str
    subject: str
    metric: Metric = attrs.field(converter=Metric)
    figure: Figure
    category: Optional[Category] = attrs.field(default=None, converter=_optional_category)
    as_of: Optional[PartialDate] = attrs.field(default=None, converter=_to_partial_date)
    as_of_source: AsOfSource = attrs.field(default=AsOfSource.NONE, converter=AsOfSource)
    since: Optional[PartialDate] = attrs.field(default=None, converter=_to_partial_date)
    evidence: str = ""
    start: int = 0
    end: int = 0
    rule: str = ""
    scope: Optional[str] = None  # a narrower scope than the subject ("army", "navy")

    @property
    def value(self) -> int:
        return self.figure.value

    @property
    def qualifier(self) -> Qualifier:
        return self.figure.qualifier

    @property
    def low(self) -> Optional[float]:
        """The lowest value the text allows (``None``: no lower bound stated)."""
        return self.figure.low

    @property
    def high(self) -> Optional[float]:
        """The highest value the text allows (``None``: no upper bound stated)."""
        return self.figure.high


@attrs.frozen(kw_only=True)
class Person:
    """A person named in a story, with the role and organisation the text gives."""

    doc: str
    name: str
    role: Optional[str] = None
    organization: Optional[str] = None
    evidence: str = ""
    start: int = 0
    end: int = 0


@attrs.frozen(kw_only=True)
class Block:
    """One article on a page: character span, headline and its own publication date."""

    start: int
    end: int
    title: Optional[str] = None
    published: Optional[PartialDate] = attrs.field(default=None, converter=_to_partial_date)
    published_source: PublishedSource = attrs.field(default=PublishedSource.NONE, converter=PublishedSource)
    is_peacekeeping: bool = True


# one converter per element type: the attrs mypy plugin cannot see through a generic one
def _blocks(items: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(items)


def _facts(items: Iterable[Fact]) -> tuple[Fact, ...]:
    return tuple(items)


def _people(items: Iterable[Person]) -> tuple[Person, ...]:
    return tuple(items)


#: The largest value a fact may have. No count peacekeeping news reports comes near it (the UN
#: has deployed about two million people in all its missions since 1948), so a larger reading is
#: an identifier, a sum of money or a misreading: the extractor drops it and says so in a
#: ``warning`` record, and saved records above it are refused on read. Every value fits in 32 bits.
MAX_FACT_VALUE = 100_000_000

#: Where in the pipeline an error or warning arose: reading the input, the model-free planning
#: pass, the parse, the fact rules, the people layer, the copy fingerprint, turning the result
#: into records, writing them.
STAGES = ("read", "plan", "parse", "facts", "people", "fingerprint", "serialise", "write")


@attrs.frozen(kw_only=True)
class WarningRecord:
    """Something a reader should know about a document that was still read: a ``published``
    value that is not a date (the document is read undated), figures dropped above
    :data:`MAX_FACT_VALUE`."""

    doc: str
    warning: str
    kind: str
    stage: str = "read"


def _warnings(items: Iterable[WarningRecord]) -> tuple[WarningRecord, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Document:
    """A document as read: id, provenance, text and its article blocks."""

    id: str
    text: str = attrs.field(repr=lambda t: f"<{len(t)} chars>")
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[PartialDate] = attrs.field(default=None, converter=_to_partial_date)
    published_source: PublishedSource = attrs.field(default=PublishedSource.NONE, converter=PublishedSource)
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_blocks)
    source_path: Optional[str] = None
    #: MinHash signature of the peacekeeping article text, so copies can be found from
    #: saved JSONL without the text (see :mod:`peacefacts.reconciler.copies`).
    fingerprint: Optional[tuple[int, ...]] = attrs.field(default=None, repr=False)
    #: What went wrong while reading it, though it could be read.
    warnings: tuple[WarningRecord, ...] = attrs.field(default=(), converter=_warnings, repr=False)

    def block_at(self, offset: int) -> Optional[Block]:
        """The article block holding character ``offset``, if any."""
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block
        return None


@attrs.frozen(kw_only=True)
class ErrorRecord:
    """A document that could not be processed; the batch goes on without it."""

    doc: str
    error: str
    kind: str = "InputError"
    #: the pipeline stage that failed (one of :data:`STAGES`), when known
    stage: Optional[str] = None


@attrs.frozen(kw_only=True)
class ExtractionResult:
    """Everything extracted from one document."""

    document: Document
    facts: tuple[Fact, ...] = attrs.field(default=(), converter=_facts)
    people: tuple[Person, ...] = attrs.field(default=(), converter=_people)
    #: the document's reading warnings, then the extraction's (figures dropped above the ceiling)
    warnings: tuple[WarningRecord, ...] = attrs.field(default=(), converter=_warnings)

    @property
    def doc_id(self) -> str:
        return self.document.id

    def __repr__(self) -> str:
        published = self.document.published or "undated"
        return (
            f"<ExtractionResult {self.document.id!r} ({published}): "
            f"{len(self.facts)} facts, {len(self.people)} people>"
        )

    def _repr_html_(self) -> Optional[str]:
        return render_html("result", self)


#: Notebook HTML renderers by kind (``"result"``, ``"reconciliation"``). Rendering belongs to the
#: output layer (:mod:`peacefacts.display`), which records must not import: the package face,
#: :mod:`peacefacts`, registers the renderers here, and they load on first use.
HTML_RENDERERS: dict[str, Callable[[Any], str]] = {}


def render_html(kind: str, obj: Any) -> Optional[str]:
    """The notebook HTML of ``obj`` by the renderer registered for ``kind``, or ``None``.

    ``None`` tells Jupyter to show the plain ``repr`` instead.
    """
    render = HTML_RENDERERS.get(kind)
    return None if render is None else render(obj)
