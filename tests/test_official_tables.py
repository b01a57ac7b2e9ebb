"""The official tables: the bundled data, building it from the published files, and format checks.

The published-file tests read fixtures/official (slices of the UN and IPI tables; README there).
The bundled data is package data, checked here against the figures issue 9 counted from the
full tables.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from conftest import FIXTURES
from peacefacts.errors import OfficialDataError, PeacefactsError
from peacefacts.official import load_official
from peacefacts.official.__main__ import main as official_main
from peacefacts.official.build import (
    bundle_files,
    official_country,
    read_contributions,
    read_directory,
    read_fatalities_csv,
    write_bundle,
)
from peacefacts.official.tables import BUNDLE_FILES, month_end

OFFICIAL = FIXTURES / "official"
SLICE = OFFICIAL / "un_fatalities_slice.csv"
D = dt.date


@pytest.fixture(scope="module")
def bundled():
    return load_official()


@pytest.fixture(scope="module")
def sliced():
    return load_official(OFFICIAL)


# --- the bundled tables ----------------------------------------------------------------------


def test_bundled_data_is_small_and_complete():
    data = resources.files("peacefacts.official").joinpath("data")
    sizes = {name: len(data.joinpath(name).read_bytes()) for name in (*BUNDLE_FILES, "provenance.json")}
    assert sum(sizes.values()) <= 2_000_000
    assert all(size > 1000 for size in sizes.values())


def test_bundled_provenance_is_recorded(bundled):
    fat, con, tot = bundled.provenance
    assert (fat.table, fat.first, fat.last, fat.last_update, fat.rows_read) == (
        "fatalities", "1948-07-06", "2025-02-18", "2025-04-04", 4429
    )
    assert fat.notes == (
        "taken from the public GitHub copy iv-div/my-jupyter-portfolio: peacekeeping-fatalities/DPPADPOSS-FATALITIES.csv",
        "6 casualty id(s) listed twice counted once (first row kept)",
        "15 death(s) of undetermined nationality count in UN and mission totals only",
    )
    assert (con.table, con.first, con.last, con.last_update, con.rows_read) == (
        "contributions", "1990-11", "2014-02", "2014-03-24", 25261
    )
    assert (tot.table, tot.first, tot.last, tot.rows) == ("contribution_totals", "1990-11", "2014-02", 280)
    assert con.notes[0] == tot.notes[0] == (
        "taken from the public GitHub copy IPIDataLab/TCC-DataScraper: tcc_files/ (commit 936f28e)"
    )
    assert bundled.origin == "bundled"
    text = bundled.describe()
    assert "fatalities: UN peacekeeper fatalities (DPPADPOSS-FATALITIES)" in text
    assert "1948-07-06..2025-02-18, last update 2025-04-04" in text
    assert "1990-11..2014-02, last update 2014-03-24" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "Pakistan", "end": D(2021, 10, 26)}, 159),
        ({"country": "Pakistan", "end": D(2021, 10, 26), "scope": "uniformed"}, 156),
        ({"country": "Pakistan", "end": D(2024, 5, 31)}, 170),
        ({"country": "Pakistan", "end": D(2024, 5, 31), "scope": "uniformed"}, 166),
        ({"country": "Ghana", "end": D(2019, 5, 31)}, 140),
        ({"country": "Ghana", "end": D(2019, 5, 31), "scope": "uniformed"}, 129),
        ({"start": D(2021, 1, 1), "end": D(2021, 12, 31)}, 135),
        ({"start": D(2012, 1, 1), "end": D(2012, 12, 31)}, 112),
        # 4,218 rows, six of them a second listing of one casualty id
        ({"end": D(2022, 5, 31)}, 4212),
        ({"mission": "MINUSCA", "start": D(2017, 5, 8), "end": D(2017, 5, 8)}, 4),
        ({"mission": "MONUSCO", "start": D(2017, 12, 7), "end": D(2017, 12, 7)}, 16),
    ],
)
def test_bundled_fatalities_give_the_issue_figures(bundled, query, expected):
    assert bundled.fatalities.count(**query) == expected


def test_bundled_contributions(bundled):
    con = bundled.contributions
    assert [con.value("Pakistan", "2010-06", s) for s in ("troops", "police", "experts", "uniformed")] == [
        9656, 919, 117, 10692
    ]
    assert con.value(None, "2010-11") == 99230  # the IPI's own monthly total
    assert con.value("Iceland", "1991-01") == 0  # not among that month's contributors
    with pytest.raises(KeyError, match="outside the contributions table"):
        con.value("Pakistan", "2014-03")
    with pytest.raises(ValueError, match="unknown scope 'navy'"):
        con.value("Pakistan", "2010-06", "navy")


def test_bundle_rebuilt_from_itself_is_byte_identical(bundled):
    data = resources.files("peacefacts.official").joinpath("data")
    assert bundle_files(bundled) == {name: data.joinpath(name).read_bytes() for name in bundle_files(bundled)}


# --- building from the published files --------------------------------------------------------


def test_read_fatalities_slice(sliced):
    table = read_fatalities_csv(SLICE)
    prov = table.provenance
    assert (prov.file, prov.rows_read, prov.first, prov.last, prov.last_update) == (
        "un_fatalities_slice.csv", 465, "1960-09-30", "2024-11-14", "2025-04-04"
    )
    assert prov.notes[0] == "1 casualty id(s) listed twice counted once (first row kept)"
    # the slice holds every Pakistani death: the same counts as the whole table
    assert table.count(country="Pakistan", end=D(2021, 10, 26)) == 159
    assert table.count(country="Pakistan", end=D(2024, 5, 31), scope="uniformed") == 166
    # the duplicate casualty counts once, under its first nationality
    assert (table.count(country="Montenegro", end=D(2004, 1, 1)),
            table.count(country="Serbia and Montenegro", end=D(2004, 1, 1))) == (1, 0)
    assert table.daily(D(2017, 12, 5), D(2017, 12, 9), mission="MONUSCO") == {D(2017, 12, 7): 16}
    assert table.daily(D(2017, 12, 5), D(2017, 12, 9), country="Tanzania", scope="police") == {}


def test_read_contributions_merges_two_files_of_one_country():
    table = read_contributions(OFFICIAL / "ipi_contributions", last_update="2014-03-24")
    assert table.names["North Macedonia"] == ("Macedonia", "The former Yugoslav Republic o")
    assert [table.value("North Macedonia", m) for m in ("2013-07", "2013-08", "2013-12", "2014-01")] == [1, 2, 2, 1]
    assert table.provenance.notes == ("Macedonia, The former Yugoslav Republic o merged as North Macedonia",)
    assert table.totals_provenance.file == "ipi_monthly_totals.csv"
    assert (table.totals_provenance.first, table.totals_provenance.last) == ("2009-12", "2011-01")


def test_read_contributions_values():
    table = read_contributions(OFFICIAL / "ipi_contributions")
    assert table.value("Pakistan", "2010-05", "troops") == 9695
    assert table.value("Ghana", "2010-06") == 3748
    assert table.value(None, "2010-06") == 100645
    assert table.totals_provenance.notes == ()


def test_contributions_without_a_totals_file_sum_the_countries(tmp_path):
    shutil.copytree(OFFICIAL / "ipi_contributions", tmp_path / "ipi_contributions")
    table = read_contributions(tmp_path / "ipi_contributions")
    assert table.totals_provenance.notes == ("no ipi_monthly_totals.csv: totals summed over the country files",)
    assert table.value(None, "2010-06") == 10692 + 3748 + 1  # Pakistan, Ghana, North Macedonia


def test_built_bundle_reads_back_the_same(tmp_path, sliced):
    sizes = write_bundle(sliced, tmp_path / "bundle")
    assert sorted(sizes) == sorted([*BUNDLE_FILES, "provenance.json"])
    again = load_official(tmp_path / "bundle")
    assert again.provenance == sliced.provenance
    assert again.fatalities.rows == sliced.fatalities.rows
    assert again.contributions.by_country == sliced.contributions.by_country
    assert again.contributions.names == sliced.contributions.names
    assert bundle_files(again) == bundle_files(sliced)


def test_build_command_writes_a_bundle(tmp_path, capsys):
    out = tmp_path / "data"
    status = official_main([
        "build", "--fatalities", str(SLICE), "--contributions", str(OFFICIAL / "ipi_contributions"),
        "--contributions-last-update", "2014-03-24", "--fatalities-from", "fixtures", "--out", str(out),
    ])
    printed = capsys.readouterr().out
    assert status == 0
    assert "built from un_fatalities_slice.csv: 465 rows read, 347 kept" in printed
    assert f"wrote {out / 'fatalities.csv.gz'}" in printed
    meta = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert meta["format"] == 1
    assert meta["tables"]["contributions"]["last_update"] == "2014-03-24"
    assert meta["tables"]["fatalities"]["notes"][0] == "taken from fixtures"
    assert load_official(out).fatalities.count(country="Ghana", end=D(2019, 5, 31)) == 140


@pytest.mark.parametrize(
    ("left_out", "message"),
    [
        ("--out", "the following arguments are required: --out"),
        ("--contributions-last-update", "the following arguments are required: --contributions-last-update"),
    ],
)
def test_build_command_requires_out_and_the_ipi_date(tmp_path, capsys, monkeypatch, left_out, message):
    # without --out, build wrote into the installed package's data/; without the IPI date the
    # bundle recorded no last_update for the contributions
    from peacefacts.official import __main__ as official_cli

    monkeypatch.chdir(tmp_path)
    bundled = {p.name: p.stat().st_mtime_ns for p in official_cli.BUNDLED_DIR.iterdir()}
    given = {"--out": str(tmp_path / "data"), "--contributions-last-update": "2014-03-24"}
    del given[left_out]
    argv = ["build", "--fatalities", str(SLICE), "--contributions", str(OFFICIAL / "ipi_contributions"),
            *(x for pair in given.items() for x in pair)]
    with pytest.raises(SystemExit) as stopped:
        official_main(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in official_cli.BUNDLED_DIR.iterdir()} == bundled
    assert list(tmp_path.iterdir()) == []


def test_build_help_says_what_is_required(capsys):
    with pytest.raises(SystemExit):
        official_main(["build", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--out DIR required: the directory to write the bundle to" in text
    assert "--contributions-last-update YYYY-MM-DD required: when the IPI snapshot was taken" in text


def test_info_command_prints_the_provenance(capsys):
    assert official_main(["info"]) == 0
    assert "last update 2025-04-04" in capsys.readouterr().out


def test_directory_with_only_a_fatalities_table_takes_the_rest_from_the_bundle(tmp_path, bundled):
    shutil.copy(SLICE, tmp_path / "fatalities.csv")
    tables = read_directory(tmp_path)
    assert tables.origin == f"fatalities from {tmp_path}, the rest bundled"
    assert tables.fatalities.provenance.file == "fatalities.csv"
    assert tables.contributions is bundled.contributions


@pytest.mark.parametrize(
    ("name", "iso3", "country"),
    [
        ("Pakistan", "PAK", "Pakistan"),
        ("United Republic of Tanzania", "TZA", "Tanzania"),
        ("Côte dIvoire", "", "Cote d'Ivoire"),
        ("Cote d Ivoire", "", "Cote d'Ivoire"),
        ("Bolivia (Plurinational State of)", "BOL", "Bolivia"),
        ("Democratic Republic of the Congo", "COD", "DR Congo"),
        ("Republic of Korea", "KOR", "South Korea"),
        ("Türkiye", "", "Turkey"),
        ("The former Yugoslav Republic o", "", "North Macedonia"),
        ("Yugoslavia", "YUG", "Yugoslavia"),
        ("ZZ [Undetermined]", "", "ZZ [Undetermined]"),
    ],
)
def test_official_country_names(name, iso3, country):
    assert official_country(name, iso3) == country


def test_month_end():
    assert [month_end(m) for m in ("2024-02", "2023-02", "2013-12")] == [D(2024, 2, 29), D(2023, 2, 28), D(2013, 12, 31)]


# --- wrong files get clear, typed errors --------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_wrong_fatalities_file(tmp_path):
    ipi = OFFICIAL / "ipi_contributions" / "Ghana.csv"
    with pytest.raises(OfficialDataError, match=r"is not the UN fatalities table .*lacks the column\(s\) incident_date"):
        read_fatalities_csv(ipi)


def test_fatalities_row_with_a_bad_date(tmp_path):
    lines = SLICE.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[1], "26/10/2021", 1)
    bad = _write(tmp_path / "bad.csv", "\n".join(lines) + "\n")
    with pytest.raises(OfficialDataError, match=r"bad.csv, line 4: incident_date '26/10/2021' is not a date"):
        read_fatalities_csv(bad)


def test_fatalities_file_that_is_not_text(tmp_path):
    xlsx = tmp_path / "fatalities.xlsx"
    xlsx.write_bytes(b"PK\x03\x04\xff\xfe\x00binary")
    with pytest.raises(OfficialDataError, match="not UTF-8 text"):
        read_fatalities_csv(xlsx)
    with pytest.raises(OfficialDataError, match="no such file"):
        read_fatalities_csv(tmp_path / "missing.csv")


def test_fatalities_header_only(tmp_path):
    header = SLICE.read_text(encoding="utf-8").splitlines()[0]
    with pytest.raises(OfficialDataError, match="holds no rows"):
        read_fatalities_csv(_write(tmp_path / "empty.csv", header + "\n"))


def test_wrong_contributions_files(tmp_path):
    with pytest.raises(OfficialDataError, match="is not a directory of IPI country files"):
        read_contributions(SLICE)
    with pytest.raises(OfficialDataError, match="holds no COUNTRY.csv files"):
        read_contributions(tmp_path)
    _write(tmp_path / "ipi" / "Ghana.csv", '"Date","Troops","Police"\n1991-01-31,1,NA\n')
    with pytest.raises(OfficialDataError, match=r"Ghana.csv is not an IPI country contributions file.*lacks the column\(s\) Experts"):
        read_contributions(tmp_path / "ipi")
    _write(tmp_path / "ipi2" / "Ghana.csv", '"Date","Troops","Police","Experts"\n1991-01-31,many,NA,NA\n')
    with pytest.raises(OfficialDataError, match="Ghana.csv, line 2: Troops 'many' is not a number or NA"):
        read_contributions(tmp_path / "ipi2")
    _write(tmp_path / "ipi3" / "Ghana.csv", '"Date","Troops","Police","Experts"\n1991-01-31,1,NA,NA\n')
    with pytest.raises(OfficialDataError, match="--contribution-totals: no such file"):
        read_contributions(tmp_path / "ipi3", totals=tmp_path / "nope.csv")


def test_official_dir_errors(tmp_path):
    with pytest.raises(OfficialDataError, match="is not a directory"):
        load_official(tmp_path / "missing")
    with pytest.raises(OfficialDataError, match="holds no official table"):
        load_official(tmp_path)
    _write(tmp_path / "a" / "notes.csv", "name,value\nx,1\n")
    with pytest.raises(OfficialDataError, match=r"notes.csv is not an official table: expected the UN fatalities CSV"):
        load_official(tmp_path / "a")
    (tmp_path / "b").mkdir()
    shutil.copy(SLICE, tmp_path / "b" / "one.csv")
    shutil.copy(SLICE, tmp_path / "b" / "two.csv")
    with pytest.raises(OfficialDataError, match="holds two fatalities tables"):
        load_official(tmp_path / "b")
    _write(tmp_path / "c" / "ipi_monthly_totals.csv", (OFFICIAL / "ipi_monthly_totals.csv").read_text(encoding="utf-8"))
    with pytest.raises(OfficialDataError, match="but no ipi_contributions/ directory"):
        load_official(tmp_path / "c")


def test_damaged_bundle(tmp_path, sliced):
    write_bundle(sliced, tmp_path / "b")
    data = gzip.decompress((tmp_path / "b" / "fatalities.csv.gz").read_bytes()).replace(b",Pakistan,", b",Pakistn,", 1)
    (tmp_path / "b" / "fatalities.csv.gz").write_bytes(gzip.compress(data))
    with pytest.raises(OfficialDataError, match="fatalities.csv.gz: checksum differs from provenance.json"):
        load_official(tmp_path / "b")
    (tmp_path / "b" / "provenance.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(OfficialDataError, match="provenance.json: not JSON"):
        load_official(tmp_path / "b")
    (tmp_path / "b" / "provenance.json").write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(OfficialDataError, match="not a peacefacts official bundle of format 1"):
        load_official(tmp_path / "b")
    (tmp_path / "b" / "contributions.csv.gz").unlink()
    with pytest.raises(OfficialDataError, match="lacks contributions.csv.gz"):
        load_official(tmp_path / "b")


def test_errors_are_typed():
    assert issubclass(OfficialDataError, PeacefactsError) and issubclass(OfficialDataError, ValueError)


def test_build_command_reports_a_wrong_file_in_one_line(tmp_path, capsys):
    status = official_main(["build", "--fatalities", str(OFFICIAL / "ipi_monthly_totals.csv"),
                            "--contributions", str(OFFICIAL / "ipi_contributions"), "--out", str(tmp_path),
                            "--contributions-last-update", "2014-03-24"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("peacefacts.official: error: ") and err.count("\n") == 1
    assert "lacks the column(s) incident_date" in err
    assert list(tmp_path.iterdir()) == []
