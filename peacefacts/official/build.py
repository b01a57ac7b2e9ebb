"""Reading the published tables, checking their format, and writing the compact bundle.

The published files:

- the UN's fatalities CSV (``DPPADPOSS-FATALITIES``, UN Peace and Security Data Hub): one row
  per death, columns ``incident_date, casualty_id, mission_acronym, casualty_nationality,
  casualty_personnel_type, type_of_incident, last_update`` (and others, ignored);
- the IPI contributions: a directory of ``COUNTRY.csv`` files with ``Date, Troops, Police,
  Experts`` (``NA`` where none), and ``ipi_monthly_totals.csv`` with the monthly sums over all
  contributors (``date, n.conributors, troops.sum, police.sum, observers.sum``).

``python -m peacefacts.official build --fatalities CSV --contributions DIR [--out DIR]`` turns
them into the compact bundle :mod:`peacefacts.official.tables` reads; ``load_official(DIR)``
reads a newer download directly. A file that is not the expected table raises
:class:`~peacefacts.errors.OfficialDataError` naming the file, the line and what was expected.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import gzip
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Optional, Union

from peacefacts.errors import OfficialDataError
from peacefacts.official.tables import (
    BUNDLE_FILES,
    BUNDLE_FORMAT,
    PROVENANCE_FILE,
    ContributionTable,
    FatalityRow,
    FatalityTable,
    OfficialTables,
    TableProvenance,
    load_bundled,
    read_bundle_dir,
)
from peacefacts.vocab import country_for

__all__ = [
    "FATALITY_COLUMNS",
    "CONTRIBUTION_COLUMNS",
    "TOTALS_COLUMNS",
    "official_country",
    "read_fatalities_csv",
    "read_contributions",
    "read_directory",
    "load_official",
    "bundle_files",
    "write_bundle",
]

#: Columns the fatalities CSV must have.
FATALITY_COLUMNS = (
    "incident_date", "casualty_id", "mission_acronym", "casualty_nationality", "casualty_personnel_type",
    "type_of_incident", "last_update",
)
#: Columns of each IPI country file.
CONTRIBUTION_COLUMNS = ("Date", "Troops", "Police", "Experts")
#: Columns the IPI monthly totals file must have (its "n.conributors" is spelt so by the IPI).
TOTALS_COLUMNS = ("date", "n.conributors", "troops.sum", "police.sum", "observers.sum")
TOTALS_FILE = "ipi_monthly_totals.csv"
CONTRIBUTIONS_DIR = "ipi_contributions"

# What each table is; the file actually read is recorded beside it.
_FATALITIES_META = {
    "title": "UN peacekeeper fatalities (DPPADPOSS-FATALITIES)",
    "source": "UN DPO/DPPA, UN Peace and Security Data Hub",
    "url": "https://psdata.un.org/dataset/DPPADPOSS-FATALITIES",
}
_CONTRIBUTIONS_META = {
    "title": "IPI Peacekeeping Database: monthly uniformed contributions by country",
    "source": "International Peace Institute, Providing for Peacekeeping project",
    "url": "https://github.com/IPIDataLab/TCC-DataScraper",
}
_TOTALS_META = {
    "title": "IPI Peacekeeping Database: monthly totals over all contributors",
    "source": _CONTRIBUTIONS_META["source"],
    "url": _CONTRIBUTIONS_META["url"],
}


@functools.lru_cache(maxsize=1)
def _name_table() -> dict[str, str]:
    table = {}
    with resources.files("peacefacts.official").joinpath("names.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                name, country = line.rstrip("\n").split("\t")
                table[name.strip()] = country.strip()
    return table


@functools.cache
def official_country(name: str, iso3: str = "") -> str:
    """peacefacts' country name for a name the official tables use.

    Tries the names table of this package, peacefacts' country lookup
    (:func:`peacefacts.vocab.country_for`: names, aliases), the
    name without its parenthesis ("Bolivia (Plurinational State of)"), then the ISO 3166 code;
    a name none of these know (a state that no longer exists) is kept as written.

    >>> official_country("United Republic of Tanzania"), official_country("Côte dIvoire")
    ('Tanzania', "Cote d'Ivoire")
    >>> official_country("Iran (Islamic Republic of)", "IRN"), official_country("Yugoslavia", "YUG")
    ('Iran', 'Yugoslavia')
    """
    name = name.strip()
    if name in _name_table():
        return _name_table()[name]
    for candidate in (name, re.sub(r"\s*\(.*\)\s*$", "", name)):
        found = country_for(candidate)
        if found:
            return found
    if iso3:
        import pycountry

        iso = pycountry.countries.get(alpha_3=iso3.strip())
        if iso is not None:
            for iso_name in (getattr(iso, "common_name", None), iso.name, getattr(iso, "official_name", None)):
                found = country_for(iso_name) if iso_name else None
                if found:
                    return found
    return name


def _sha256(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise OfficialDataError(f"{what}: no such file: {path}") from None
    except IsADirectoryError:
        raise OfficialDataError(f"{what}: {path} is a directory, not a CSV file") from None
    except UnicodeDecodeError:
        raise OfficialDataError(f"{what}: {path} is not UTF-8 text (is it a spreadsheet, not a CSV?)") from None
    except OSError as exc:
        raise OfficialDataError(f"{what}: cannot read {path}: {exc.strerror}") from None


def _header(text: str) -> list[str]:
    return [cell.strip() for cell in next(csv.reader(io.StringIO(text)), [])]


def _require(header: list[str], required: Iterable[str], path: Path, what: str) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise OfficialDataError(
            f"{path} is not {what}: it lacks the column(s) {', '.join(missing)} "
            f"(found: {', '.join(header[:12]) or 'nothing'})"
        )


def _date(text: str, path: Path, line: int, column: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise OfficialDataError(f"{path}, line {line}: {column} {text!r} is not a date (YYYY-MM-DD)") from None


def read_fatalities_csv(path: Path) -> FatalityTable:
    """Read and check the UN's fatalities CSV; sum its rows per day and kind of death.

    A casualty id listed twice (the UNMIK local staff listed once as Montenegro and once as
    Serbia and Montenegro) counts once, as its first row; the provenance notes how many.

    Raises:
        OfficialDataError: the file is missing, not UTF-8, lacks the table's columns, or has a
            row whose date is not a date.
    """
    path = Path(path)
    what = "the UN fatalities table (DPPADPOSS-FATALITIES CSV)"
    text = _read_text(path, "--fatalities")
    _require(_header(text), FATALITY_COLUMNS, path, what)
    reader = csv.DictReader(io.StringIO(text))
    counts: dict[tuple[_dt.date, str, str, str, str, str, str], int] = {}
    seen: set[str] = set()
    duplicates = undetermined = rows_read = 0
    updates: set[str] = set()
    first: Optional[_dt.date] = None
    last: Optional[_dt.date] = None
    for line, row in enumerate(reader, start=2):
        rows_read += 1
        if None in row:  # more cells than the header: a shifted or broken line
            raise OfficialDataError(f"{path}, line {line}: more cells than columns")
        if row.get("type_of_casualty", "Fatality").strip() not in ("Fatality", ""):
            continue  # the dataset is fatalities only; any other casualty type is not counted
        casualty = (row["casualty_id"] or "").strip()
        if casualty and casualty in seen:
            duplicates += 1
            continue
        seen.add(casualty)
        date = _date(row["incident_date"] or "", path, line, "incident_date")
        first = date if first is None or date < first else first
        last = date if last is None or date > last else last
        if (row["last_update"] or "").strip():
            updates.add(_date(row["last_update"], path, line, "last_update").isoformat())
        nationality = (row["casualty_nationality"] or "").strip()
        if nationality.startswith("ZZ") or not nationality:
            undetermined += 1
        country = official_country(nationality, row.get("isocode3") or "") if nationality else ""
        key = (
            date, (row["mission_acronym"] or "").strip(), nationality, country,
            (row["casualty_personnel_type"] or "").strip(), (row["type_of_incident"] or "").strip(),
            (row.get("gender") or "").strip(),
        )
        counts[key] = counts.get(key, 0) + 1
    if first is None or last is None:
        raise OfficialDataError(f"{path} is {what} but holds no rows")
    notes = []
    if duplicates:
        notes.append(f"{duplicates} casualty id(s) listed twice counted once (first row kept)")
    if undetermined:
        notes.append(f"{undetermined} death(s) of undetermined nationality count in UN and mission totals only")
    if len(updates) > 1:
        notes.append(f"rows carry {len(updates)} different last_update dates; the latest is shown")
    rows = tuple(
        FatalityRow(incident_date=k[0], mission=k[1], nationality=k[2], country=k[3], personnel_type=k[4],
                    incident_type=k[5], gender=k[6], deaths=n)
        for k, n in sorted(counts.items())
    )
    provenance = TableProvenance(
        table="fatalities", **_FATALITIES_META, file=path.name, sha256=_sha256([text.encode("utf-8")]),
        last_update=max(updates) if updates else None, first=first.isoformat(), last=last.isoformat(),
        rows_read=rows_read, rows=len(rows), notes=tuple(notes),
    )
    return FatalityTable(rows=rows, provenance=provenance)


def _cell(text: Optional[str], path: Path, line: int, column: str) -> int:
    text = (text or "").strip()
    if text in ("", "NA"):
        return 0
    try:
        return int(float(text)) if "." in text else int(text)
    except ValueError:
        raise OfficialDataError(f"{path}, line {line}: {column} {text!r} is not a number or NA") from None


def _month(text: str, path: Path, line: int) -> str:
    return _date(text, path, line, "date").isoformat()[:7]


def _read_totals(path: Path) -> tuple[dict[str, tuple[int, int, int, int]], str]:
    text = _read_text(path, "contribution totals")
    _require(_header(text), TOTALS_COLUMNS, path, "the IPI monthly totals table (ipi_monthly_totals.csv)")
    totals = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        totals[_month(row["date"] or "", path, line)] = (
            _cell(row["n.conributors"], path, line, "n.conributors"),
            _cell(row["troops.sum"], path, line, "troops.sum"),
            _cell(row["police.sum"], path, line, "police.sum"),
            _cell(row["observers.sum"], path, line, "observers.sum"),
        )
    if not totals:
        raise OfficialDataError(f"{path} is the IPI monthly totals table but holds no rows")
    return totals, _sha256([text.encode("utf-8")])


def read_contributions(
    directory: Path, totals: Optional[Path] = None, last_update: Optional[str] = None
) -> ContributionTable:
    """Read and check the IPI country files in ``directory`` and the monthly totals.

    Args:
        directory: the ``ipi_contributions`` directory (one ``COUNTRY.csv`` per contributor).
        totals: ``ipi_monthly_totals.csv``; by default looked for in ``directory`` and beside
            it. Without it, totals are summed over the country files (and the provenance says so).
        last_update: when the snapshot was taken (``YYYY-MM-DD``), if known.

    Raises:
        OfficialDataError: not a directory, no country file, or a file not in the IPI format.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise OfficialDataError(f"--contributions: {directory} is not a directory of IPI country files")
    files = sorted(p for p in directory.glob("*.csv") if p.name != TOTALS_FILE)
    if not files:
        raise OfficialDataError(f"--contributions: {directory} holds no COUNTRY.csv files")
    by_country: dict[str, dict[str, tuple[int, int, int]]] = {}
    names: dict[str, set[str]] = {}
    merged: set[str] = set()
    rows_read = 0
    chunks = []
    for path in files:
        text = _read_text(path, "--contributions")
        chunks += [path.name.encode("utf-8"), text.encode("utf-8")]
        _require(_header(text), CONTRIBUTION_COLUMNS, path, "an IPI country contributions file (Date, Troops, Police, Experts)")
        country = official_country(path.stem)
        series = by_country.setdefault(country, {})
        if country in names:
            merged.add(country)
        names.setdefault(country, set()).add(path.stem)
        for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            rows_read += 1
            month = _month(row["Date"] or "", path, line)
            counts = tuple(_cell(row[c], path, line, c) for c in CONTRIBUTION_COLUMNS[1:])
            old = series.get(month, (0, 0, 0))
            series[month] = (old[0] + counts[0], old[1] + counts[1], old[2] + counts[2])
    months = sorted({m for series in by_country.values() for m in series})
    notes = [f"{', '.join(sorted(names[c]))} merged as {c}" for c in sorted(merged)]
    provenance = TableProvenance(
        table="contributions", **_CONTRIBUTIONS_META, file=directory.name, sha256=_sha256(chunks),
        last_update=last_update, first=months[0], last=months[-1], rows_read=rows_read,
        rows=sum(len(s) for s in by_country.values()), notes=tuple(notes),
    )

    candidates = [totals] if totals is not None else [directory / TOTALS_FILE, directory.parent / TOTALS_FILE]
    found = next((p for p in candidates if p is not None and p.is_file()), None)
    if totals is not None and found is None:
        raise OfficialDataError(f"--contribution-totals: no such file: {totals}")
    if found is not None:
        total_rows, digest = _read_totals(found)
        total_notes: tuple[str, ...] = ()
        total_file = found.name
    else:
        total_rows, digest, total_file = {}, "", ""
        for series in by_country.values():
            for month, counts in series.items():
                so_far = total_rows.get(month, (0, 0, 0, 0))
                total_rows[month] = (so_far[0] + 1, so_far[1] + counts[0], so_far[2] + counts[1], so_far[3] + counts[2])
        total_notes = (f"no {TOTALS_FILE}: totals summed over the country files",)
    total_months = sorted(total_rows)
    totals_provenance = TableProvenance(
        table="contribution_totals", **_TOTALS_META, file=total_file, sha256=digest, last_update=last_update,
        first=total_months[0], last=total_months[-1], rows_read=len(total_rows), rows=len(total_rows),
        notes=total_notes,
    )
    return ContributionTable(
        by_country=by_country, names={k: tuple(sorted(v)) for k, v in names.items()}, totals=total_rows,
        provenance=provenance, totals_provenance=totals_provenance,
    )


def read_directory(directory: Path) -> OfficialTables:
    """Official tables from a directory: a compact bundle, or a download of the published tables.

    A download directory may hold the fatalities CSV (any name; recognised by its columns),
    ``ipi_contributions/`` and ``ipi_monthly_totals.csv``; a table it lacks is taken from the
    bundle. Any other CSV at its top level is an error, so a wrong file is never silently skipped.

    Raises:
        OfficialDataError: the directory holds no official table, or a file in it is not one.
    """
    directory = Path(directory)
    if (directory / PROVENANCE_FILE).is_file():
        return read_bundle_dir(directory)
    fatalities: Optional[FatalityTable] = None
    for path in sorted(directory.glob("*.csv")):
        if path.name == TOTALS_FILE:
            continue
        header = _header(_read_text(path, "--official-dir"))
        if not set(FATALITY_COLUMNS) <= set(header):
            raise OfficialDataError(
                f"{path} is not an official table: expected the UN fatalities CSV (columns "
                f"{', '.join(FATALITY_COLUMNS)}) or {TOTALS_FILE}; found {', '.join(header[:12]) or 'nothing'}"
            )
        if fatalities is not None:
            raise OfficialDataError(f"{directory} holds two fatalities tables ({fatalities.provenance.file}, {path.name})")
        fatalities = read_fatalities_csv(path)
    contributions = None
    if (directory / CONTRIBUTIONS_DIR).is_dir():
        contributions = read_contributions(directory / CONTRIBUTIONS_DIR)
    elif (directory / TOTALS_FILE).is_file():
        raise OfficialDataError(f"{directory} has {TOTALS_FILE} but no {CONTRIBUTIONS_DIR}/ directory of country files")
    if fatalities is None and contributions is None:
        raise OfficialDataError(
            f"{directory} holds no official table: expected {PROVENANCE_FILE} (a bundle from "
            f"`python -m peacefacts.official build`), a UN fatalities CSV, or {CONTRIBUTIONS_DIR}/"
        )
    bundled = load_bundled()
    if fatalities is not None and contributions is not None:
        origin = str(directory)
    else:
        origin = f"{'fatalities' if fatalities is not None else 'contributions'} from {directory}, the rest bundled"
    return OfficialTables(
        fatalities=fatalities or bundled.fatalities,
        contributions=contributions or bundled.contributions,
        origin=origin,
    )


@functools.lru_cache(maxsize=8)
def _read_directory_once(path: str) -> OfficialTables:
    return read_directory(Path(path))


def load_official(path: Union[None, str, Path, OfficialTables] = None) -> OfficialTables:
    """The official tables: the bundled ones, or those in ``path``.

    Args:
        path: ``None`` for the tables bundled with peacefacts; or a directory holding either a
            bundle written by ``python -m peacefacts.official build`` or a newer download of the
            published tables (the UN fatalities CSV, and/or an ``ipi_contributions/`` directory
            with ``ipi_monthly_totals.csv``); a table the directory lacks comes from the bundle.
            An :class:`OfficialTables` is returned as it is.

    Returns:
        The tables, read once per process and path.

    Raises:
        OfficialDataError: the directory holds no official table, or a file is not in the
            published format.

    Example:
        >>> load_official().fatalities.provenance.last_update
        '2025-04-04'
        >>> load_official("fixtures/official").fatalities.provenance.file
        'un_fatalities_slice.csv'
    """
    if isinstance(path, OfficialTables):
        return path
    if path is None:
        return load_bundled()
    resolved = Path(path).expanduser().resolve()
    if not resolved.is_dir():
        raise OfficialDataError(f"official tables: {path} is not a directory")
    return _read_directory_once(str(resolved))


def _gzip_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    # mtime=0 and no file name: the same tables always give the same bytes
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))
    return out.getvalue()


def bundle_files(tables: OfficialTables) -> dict[str, bytes]:
    """The compact bundle of ``tables``: file name → bytes, deterministic."""
    fat = tables.fatalities
    con = tables.contributions
    files = {
        "fatalities.csv.gz": _gzip_csv(
            BUNDLE_FILES["fatalities.csv.gz"],
            ((r.incident_date.isoformat(), r.mission, r.nationality, r.country, r.personnel_type, r.incident_type,
              r.gender, r.deaths) for r in fat.rows),
        ),
        "contributions.csv.gz": _gzip_csv(
            BUNDLE_FILES["contributions.csv.gz"],
            ((month, country, "|".join(con.names.get(country, ())), *(c or "" for c in counts))
             for country in sorted(con.by_country) for month, counts in sorted(con.by_country[country].items())),
        ),
        "contribution_totals.csv.gz": _gzip_csv(
            BUNDLE_FILES["contribution_totals.csv.gz"],
            ((month, *counts) for month, counts in sorted(con.totals.items())),
        ),
    }
    meta = {
        "format": BUNDLE_FORMAT,
        "tables": {p.table: p.to_dict() for p in tables.provenance},
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    files[PROVENANCE_FILE] = (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def write_bundle(tables: OfficialTables, out: Path) -> Mapping[str, int]:
    """Write the compact bundle into ``out`` (created if needed); returns file name → size in bytes."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        sizes = {}
        for name, data in bundle_files(tables).items():
            (out / name).write_bytes(data)
            sizes[name] = len(data)
    except OSError as exc:
        raise OfficialDataError(f"cannot write the bundle to {out}: {exc.strerror}") from exc
    return sizes
