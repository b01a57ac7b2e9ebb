"""The official tables in memory: peacekeeper fatalities by day, contributions by month.

Two public tables, compacted by :mod:`peacefacts.official.build` and bundled with the package:

- **fatalities**: the UN's peacekeeper fatalities dataset (DPPADPOSS-FATALITIES), one row per
  death, here summed per incident day, mission, nationality, personnel type, incident type and
  gender. It answers "how many nationals of X died up to a date" (all personnel, or uniformed
  only), "how many died in mission M on a day", "how many died in a year".
- **contributions**: the IPI Peacekeeping Database's monthly uniformed personnel per
  contributing country (troops, police, experts on mission), November 1990 to February 2014,
  with the IPI's own monthly totals over all contributors.

Every table carries its :class:`TableProvenance` (source, ``last_update``, date range), printed
by ``python -m peacefacts.official info`` and by ``peacefacts verify``.

Loading the bundle reads three gzip-compressed CSV files with the standard library only (no
pandas), once per process. This module reads bundles only; :func:`peacefacts.official.load_official`
also reads a download of the published tables (:mod:`peacefacts.official.build`)::

    >>> import datetime
    >>> tables = load_bundled()
    >>> tables.fatalities.count(country="Pakistan", end=datetime.date(2021, 10, 26))
    159
    >>> tables.fatalities.count(country="Pakistan", end=datetime.date(2021, 10, 26), scope="uniformed")
    156
    >>> tables.contributions.value("Pakistan", "2010-06", "troops")
    9656
"""

from __future__ import annotations

import bisect
import csv
import datetime as _dt
import functools
import gzip
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Optional, Union

import attrs

from peacefacts.errors import OfficialDataError
from peacefacts.vocab import normalize

__all__ = [
    "BUNDLE_FORMAT",
    "BUNDLE_FILES",
    "TABLE_NAMES",
    "FATALITY_SCOPES",
    "CONTRIBUTION_SCOPES",
    "UNIFORMED_TYPES",
    "TableProvenance",
    "FatalityRow",
    "FatalityTable",
    "ContributionTable",
    "OfficialTables",
    "load_bundled",
    "read_bundle",
    "read_bundle_dir",
    "month_end",
]

#: Version of the compact bundle layout (the CSV columns below and ``provenance.json``).
BUNDLE_FORMAT = 1

#: File name → its CSV header, in the order ``provenance.json`` lists them.
BUNDLE_FILES: dict[str, tuple[str, ...]] = {
    "fatalities.csv.gz": (
        "incident_date", "mission", "nationality", "country", "personnel_type", "incident_type", "gender", "deaths",
    ),
    "contributions.csv.gz": ("month", "country", "name", "troops", "police", "experts"),
    "contribution_totals.csv.gz": ("month", "contributors", "troops", "police", "experts"),
}
PROVENANCE_FILE = "provenance.json"
#: The official tables, in the order their provenance is listed.
TABLE_NAMES = ("fatalities", "contributions", "contribution_totals")

#: The personnel types the UN counts as uniformed.
UNIFORMED_TYPES = frozenset({"Military", "Police", "Military Observer"})


def _uniformed(row: FatalityRow) -> bool:
    return row.personnel_type in UNIFORMED_TYPES


#: Scopes of the fatalities table: name → which rows count.
FATALITY_SCOPES: dict[str, Callable[[FatalityRow], bool]] = {
    "all": lambda row: True,
    "uniformed": _uniformed,
    "military": lambda row: row.personnel_type == "Military",
    "police": lambda row: row.personnel_type == "Police",
    "military_observers": lambda row: row.personnel_type == "Military Observer",
    "women": lambda row: row.gender == "F",
    "women_uniformed": lambda row: row.gender == "F" and _uniformed(row),
}

#: Scopes of the contributions table: name → the columns summed.
CONTRIBUTION_SCOPES: dict[str, tuple[int, ...]] = {
    "uniformed": (0, 1, 2),
    "troops": (0,),
    "police": (1,),
    "experts": (2,),
}


def _notes(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class TableProvenance:
    """Where one official table comes from and what it covers.

    Attributes:
        table: ``fatalities``, ``contributions`` or ``contribution_totals``.
        title: the table's published name.
        source: who publishes it, and the copy it was taken from.
        url: where to download it.
        file: the file (or directory) it was built from.
        sha256: checksum of that input (of the concatenated files for a directory), or ``""``.
        last_update: the publisher's last update (``YYYY-MM-DD``), if the table states one.
        first: the first date the table covers (``YYYY-MM-DD``).
        last: the last date the table covers.
        rows_read: rows in the input.
        rows: rows kept in the compact form (after aggregation).
        notes: what was changed on the way (duplicates dropped, names mapped).
    """

    table: str
    title: str
    source: str
    url: Optional[str] = None
    file: str = ""
    sha256: str = ""
    last_update: Optional[str] = None
    first: str
    last: str
    rows_read: int = 0
    rows: int = 0
    notes: tuple[str, ...] = attrs.field(default=(), converter=_notes)

    def describe(self) -> str:
        """One line a person reads: ``fatalities: UN ... 1948-07-06..2025-02-18, last update 2025-04-04``."""
        update = f", last update {self.last_update}" if self.last_update else ""
        return f"{self.table}: {self.title} ({self.source}), {self.first}..{self.last}{update}"

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=False) | {"notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TableProvenance:
        try:
            return cls(**{f.name: data[f.name] for f in attrs.fields(cls) if f.name in data})
        except TypeError as exc:
            raise OfficialDataError(f"provenance: {exc}") from exc


@attrs.frozen(kw_only=True)
class FatalityRow:
    """Deaths on one day, in one mission, of one nationality, personnel type, incident type and sex."""

    incident_date: _dt.date
    mission: str
    nationality: str  # as the table writes it ("United Republic of Tanzania")
    country: str  # peacefacts' name for it ("Tanzania"); the table's name when it has none
    personnel_type: str  # Military, Police, Military Observer, International Civilian, Local, Other
    incident_type: str
    gender: str  # M, F or "" (not recorded)
    deaths: int


def _check_scope(scope: str, known: Iterable[str]) -> None:
    if scope not in known:
        raise ValueError(f"unknown scope {scope!r}; expected one of: {', '.join(known)}")


@attrs.define(eq=False)
class FatalityTable:
    """The fatalities table: counts over dates, for a country, a mission or the whole UN.

    Counts are over incident dates, both ends included. Prefix sums are built on first use per
    (country or mission, scope), so a corpus of claims about one country costs one pass.
    """

    rows: tuple[FatalityRow, ...]
    provenance: TableProvenance
    _by_country: dict[str, list[FatalityRow]] = attrs.field(init=False, factory=dict)
    _by_mission: dict[str, list[FatalityRow]] = attrs.field(init=False, factory=dict)
    _prefix: dict[tuple[str, str, str], tuple[list[_dt.date], list[int]]] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        ordered = sorted(self.rows, key=lambda r: r.incident_date)
        self.rows = tuple(ordered)
        for row in ordered:
            self._by_country.setdefault(row.country, []).append(row)
            self._by_mission.setdefault(row.mission, []).append(row)

    @property
    def first_date(self) -> _dt.date:
        return _dt.date.fromisoformat(self.provenance.first)

    @property
    def last_date(self) -> _dt.date:
        """The last day the table covers: its ``last_update`` (else its last recorded death).

        A day between the last recorded death and the last update had no death: a zero, not
        missing data, so claims dated up to ``last_update`` can be checked. Later claims cannot.
        """
        last = self.last_record
        update = self.provenance.last_update
        return max(last, _dt.date.fromisoformat(update)) if update else last

    @property
    def last_record(self) -> _dt.date:
        """The incident date of the last recorded death."""
        return _dt.date.fromisoformat(self.provenance.last)

    @property
    def countries(self) -> frozenset[str]:
        """Every nationality with at least one death, by peacefacts' country name."""
        return frozenset(self._by_country)

    @property
    def missions(self) -> frozenset[str]:
        """Every mission acronym with at least one death."""
        return frozenset(self._by_mission)

    def _subset(self, country: Optional[str], mission: Optional[str]) -> tuple[str, str, list[FatalityRow]]:
        if country is not None and mission is not None:
            rows = [r for r in self._by_country.get(country, ()) if r.mission == mission]
            return "country+mission", f"{country}\t{mission}", rows
        if country is not None:
            return "country", country, self._by_country.get(country, [])
        if mission is not None:
            return "mission", mission, self._by_mission.get(mission, [])
        return "all", "", list(self.rows)

    def _prefix_sums(self, country: Optional[str], mission: Optional[str], scope: str) -> tuple[list[_dt.date], list[int]]:
        _check_scope(scope, FATALITY_SCOPES)
        kind, name, rows = self._subset(country, mission)
        key = (kind, name, scope)
        cached = self._prefix.get(key)
        if cached is None:
            keep = FATALITY_SCOPES[scope]
            dates: list[_dt.date] = []
            sums = [0]
            for row in rows:
                if keep(row):
                    dates.append(row.incident_date)
                    sums.append(sums[-1] + row.deaths)
            cached = self._prefix[key] = (dates, sums)
        return cached

    def count(
        self,
        *,
        end: _dt.date,
        start: Optional[_dt.date] = None,
        country: Optional[str] = None,
        mission: Optional[str] = None,
        scope: str = "all",
    ) -> int:
        """Deaths with ``start <= incident date <= end`` (``start=None``: from the first record).

        Args:
            end: last incident date counted.
            start: first incident date counted.
            country: only nationals of this country (peacefacts' name, e.g. ``"Tanzania"``).
            mission: only deaths in this mission (acronym).
            scope: a key of :data:`FATALITY_SCOPES` (``all``, ``uniformed``, ``military``, ...).

        Example:
            >>> import datetime
            >>> t = load_bundled().fatalities
            >>> t.count(end=datetime.date(2021, 12, 31), start=datetime.date(2021, 1, 1))
            135
        """
        dates, sums = self._prefix_sums(country, mission, scope)
        hi = bisect.bisect_right(dates, end)
        lo = 0 if start is None else bisect.bisect_left(dates, start)
        return sums[hi] - sums[lo] if hi > lo else 0

    def daily(
        self,
        start: _dt.date,
        end: _dt.date,
        *,
        country: Optional[str] = None,
        mission: Optional[str] = None,
        scope: str = "all",
    ) -> dict[_dt.date, int]:
        """Deaths per incident day between ``start`` and ``end`` (days without deaths left out)."""
        _check_scope(scope, FATALITY_SCOPES)
        keep = FATALITY_SCOPES[scope]
        _, _, rows = self._subset(country, mission)
        dates = [r.incident_date for r in rows]
        out: dict[_dt.date, int] = {}
        for row in rows[bisect.bisect_left(dates, start) : bisect.bisect_right(dates, end)]:
            if keep(row):
                out[row.incident_date] = out.get(row.incident_date, 0) + row.deaths
        return out


def month_end(month: str) -> _dt.date:
    """The last day of a ``YYYY-MM`` month (the IPI dates each month by its end).

    >>> month_end("2024-02")
    datetime.date(2024, 2, 29)
    """
    year, mon = int(month[:4]), int(month[5:7])
    nxt = _dt.date(year + mon // 12, mon % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


@attrs.define(eq=False)
class ContributionTable:
    """Uniformed personnel each country had deployed at each month's end, and the monthly totals.

    A country absent from a month of the table had nobody deployed then (the IPI lists every
    contributor each month), so its value is 0 inside the table's range.
    """

    by_country: dict[str, dict[str, tuple[int, int, int]]]
    names: dict[str, tuple[str, ...]]  # country → the IPI file names merged into it
    totals: dict[str, tuple[int, int, int, int]]  # month → (contributors, troops, police, experts)
    provenance: TableProvenance
    totals_provenance: TableProvenance
    country_months: tuple[str, ...] = attrs.field(init=False)
    total_months: tuple[str, ...] = attrs.field(init=False)
    _ends: dict[bool, tuple[_dt.date, ...]] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self.country_months = tuple(sorted({m for series in self.by_country.values() for m in series}))
        self.total_months = tuple(sorted(self.totals))
        self._ends = {True: tuple(map(month_end, self.country_months)), False: tuple(map(month_end, self.total_months))}

    def months(self, country: bool = True) -> tuple[str, ...]:
        """The months (``YYYY-MM``) of the country series, or of the totals (``country=False``)."""
        return self.country_months if country else self.total_months

    def month_ends(self, country: bool = True) -> tuple[_dt.date, ...]:
        """The last day of each of :meth:`months`, in the same order."""
        return self._ends[country]

    @property
    def first_month(self) -> str:
        return self.country_months[0]

    @property
    def last_month(self) -> str:
        return self.country_months[-1]

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(self.by_country)

    def value(self, country: Optional[str], month: str, scope: str = "uniformed") -> int:
        """Personnel deployed at the end of ``month`` (``YYYY-MM``); ``country=None``: all contributors.

        Raises:
            KeyError: the month is outside the table.

        Example:
            >>> load_bundled().contributions.value(None, "2010-11", "uniformed")
            99230
        """
        _check_scope(scope, CONTRIBUTION_SCOPES)
        months = self.months(country is not None)
        if month not in months:
            raise KeyError(f"{month} is outside the contributions table ({months[0]}..{months[-1]})")
        columns = CONTRIBUTION_SCOPES[scope]
        if country is None:
            total = self.totals[month]
            return sum(total[1 + c] for c in columns)
        series = self.by_country.get(country, {})
        counts = series.get(month, (0, 0, 0))
        return sum(counts[c] for c in columns)


@attrs.frozen(kw_only=True)
class OfficialTables:
    """The official tables peacefacts checks claims against.

    Attributes:
        fatalities: the UN's fatalities, by day.
        contributions: the IPI's monthly contributions.
        origin: ``"bundled"`` or the directory they were read from.
    """

    fatalities: FatalityTable
    contributions: ContributionTable
    origin: str = "bundled"
    # name key → country: peacefacts' names and the tables' own ("United Republic of Tanzania")
    _countries: dict[str, str] = attrs.field(init=False, repr=False, eq=False)
    _missions: dict[str, str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        countries: dict[str, str] = {}
        for row in self.fatalities.rows:
            countries.setdefault(normalize(row.country), row.country)
            countries.setdefault(normalize(row.nationality), row.country)
        for country, names in self.contributions.names.items():
            countries.setdefault(normalize(country), country)
            for name in names:
                countries.setdefault(normalize(name), country)
        countries.pop("", None)
        object.__setattr__(self, "_countries", countries)
        object.__setattr__(self, "_missions", {normalize(m): m for m in self.fatalities.missions if m})

    def country_named(self, name: str) -> Optional[str]:
        """The country a subject names, by peacefacts' name or the tables' own; ``None`` if unknown.

        >>> load_bundled().country_named("United Republic of Tanzania")
        'Tanzania'
        """
        return self._countries.get(normalize(name))

    def mission_named(self, name: str) -> Optional[str]:
        """The mission acronym a subject names (a mission with at least one recorded death)."""
        return self._missions.get(normalize(name))

    @property
    def provenance(self) -> tuple[TableProvenance, ...]:
        """Provenance of each table, fatalities first."""
        return (self.fatalities.provenance, self.contributions.provenance, self.contributions.totals_provenance)

    def describe(self) -> str:
        """Several lines: where each table comes from, what it covers, and where it was read."""
        lines = [f"official tables ({self.origin}):"]
        for prov in self.provenance:
            lines.append(f"  {prov.describe()}")
            if prov.url:
                lines.append(f"    {prov.url}")
            if prov.file:
                lines.append(f"    built from {prov.file}: {prov.rows_read:,} rows read, {prov.rows:,} kept")
            lines.extend(f"    note: {note}" for note in prov.notes)
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# reading the compact bundle

def _open_csv(data: bytes, name: str, header: tuple[str, ...]) -> Iterable[list[str]]:
    try:
        text = gzip.decompress(data).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise OfficialDataError(f"{name}: not a gzip-compressed UTF-8 CSV file ({exc})") from exc
    reader = csv.reader(io.StringIO(text))
    first = next(reader, None)
    if first is None or tuple(first) != header:
        raise OfficialDataError(f"{name}: expected the columns {', '.join(header)}; found {', '.join(first or [])}")
    return reader


def _int(cell: str, name: str, line: int) -> int:
    if cell == "":
        return 0
    try:
        return int(cell)
    except ValueError:
        raise OfficialDataError(f"{name}, line {line}: {cell!r} is not a whole number") from None


def _fatality_rows(data: bytes, name: str) -> list[FatalityRow]:
    rows = []
    for line, cells in enumerate(_open_csv(data, name, BUNDLE_FILES["fatalities.csv.gz"]), start=2):
        try:
            date = _dt.date.fromisoformat(cells[0])
            rows.append(FatalityRow(
                incident_date=date, mission=cells[1], nationality=cells[2], country=cells[3],
                personnel_type=cells[4], incident_type=cells[5], gender=cells[6], deaths=_int(cells[7], name, line),
            ))
        except (ValueError, IndexError) as exc:
            if isinstance(exc, OfficialDataError):
                raise
            raise OfficialDataError(f"{name}, line {line}: {exc}") from None
    return rows


def _contribution_rows(
    data: bytes, name: str
) -> tuple[dict[str, dict[str, tuple[int, int, int]]], dict[str, tuple[str, ...]]]:
    by_country: dict[str, dict[str, tuple[int, int, int]]] = {}
    names: dict[str, set[str]] = {}
    for line, cells in enumerate(_open_csv(data, name, BUNDLE_FILES["contributions.csv.gz"]), start=2):
        if len(cells) != 6:
            raise OfficialDataError(f"{name}, line {line}: expected 6 cells, found {len(cells)}")
        month, country, source_name = cells[0], cells[1], cells[2]
        counts = (_int(cells[3], name, line), _int(cells[4], name, line), _int(cells[5], name, line))
        by_country.setdefault(country, {})[month] = counts
        names.setdefault(country, set()).update(n for n in source_name.split("|") if n)
    return by_country, {k: tuple(sorted(v)) for k, v in names.items()}


def _total_rows(data: bytes, name: str) -> dict[str, tuple[int, int, int, int]]:
    totals: dict[str, tuple[int, int, int, int]] = {}
    for line, cells in enumerate(_open_csv(data, name, BUNDLE_FILES["contribution_totals.csv.gz"]), start=2):
        if len(cells) != 5:
            raise OfficialDataError(f"{name}, line {line}: expected 5 cells, found {len(cells)}")
        totals[cells[0]] = (
            _int(cells[1], name, line), _int(cells[2], name, line), _int(cells[3], name, line), _int(cells[4], name, line)
        )
    return totals


def read_bundle(files: Mapping[str, bytes], origin: str = "bundled") -> OfficialTables:
    """Build :class:`OfficialTables` from the bytes of a compact bundle's files.

    Args:
        files: file name → content, for ``provenance.json`` and every file of :data:`BUNDLE_FILES`.
        origin: where they came from, for messages.

    Raises:
        OfficialDataError: a file is missing, damaged (checksum), or not in the bundle format.
    """
    missing = [n for n in (PROVENANCE_FILE, *BUNDLE_FILES) if n not in files]
    if missing:
        raise OfficialDataError(f"{origin}: the official bundle lacks {', '.join(missing)}")
    try:
        meta = json.loads(files[PROVENANCE_FILE].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OfficialDataError(f"{origin}/{PROVENANCE_FILE}: not JSON ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("format") != BUNDLE_FORMAT:
        raise OfficialDataError(
            f"{origin}/{PROVENANCE_FILE}: not a peacefacts official bundle of format {BUNDLE_FORMAT}"
        )
    for name, digest in meta.get("files", {}).items():
        if name in files and hashlib.sha256(files[name]).hexdigest() != digest:
            raise OfficialDataError(f"{origin}/{name}: checksum differs from {PROVENANCE_FILE}; rebuild the bundle")
    tables = meta.get("tables", {})
    try:
        prov = {key: TableProvenance.from_dict(tables[key]) for key in TABLE_NAMES}
    except KeyError as exc:
        raise OfficialDataError(f"{origin}/{PROVENANCE_FILE}: no provenance for the {exc} table") from None
    fatalities = FatalityTable(rows=tuple(_fatality_rows(files["fatalities.csv.gz"], f"{origin}/fatalities.csv.gz")),
                               provenance=prov["fatalities"])
    by_country, names = _contribution_rows(files["contributions.csv.gz"], f"{origin}/contributions.csv.gz")
    totals = _total_rows(files["contribution_totals.csv.gz"], f"{origin}/contribution_totals.csv.gz")
    contributions = ContributionTable(
        by_country=by_country, names=names, totals=totals,
        provenance=prov["contributions"], totals_provenance=prov["contribution_totals"],
    )
    return OfficialTables(fatalities=fatalities, contributions=contributions, origin=origin)


@functools.lru_cache(maxsize=1)
def load_bundled() -> OfficialTables:
    """The official tables bundled with peacefacts, read once per process.

    Example:
        >>> load_bundled().fatalities.provenance.last_update
        '2025-04-04'
    """
    data = resources.files("peacefacts.official").joinpath("data")
    files = {}
    for name in (PROVENANCE_FILE, *BUNDLE_FILES):
        try:
            files[name] = data.joinpath(name).read_bytes()
        except OSError as exc:  # pragma: no cover - a broken installation
            raise OfficialDataError(f"the bundled official table {name} is missing: reinstall peacefacts") from exc
    return read_bundle(files, "bundled")


def read_bundle_dir(directory: Union[str, Path]) -> OfficialTables:
    """A bundle written by ``python -m peacefacts.official build --out DIR``.

    Raises:
        OfficialDataError: a file of the bundle is missing, damaged or not in the bundle format.
    """
    directory = Path(directory)
    files = {}
    for name in (PROVENANCE_FILE, *BUNDLE_FILES):
        path = directory / name
        if path.is_file():
            try:
                files[name] = path.read_bytes()
            except OSError as exc:
                raise OfficialDataError(f"cannot read {path}: {exc.strerror}") from exc
    return read_bundle(files, str(directory))
