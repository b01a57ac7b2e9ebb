"""CLI hygiene (issue 11): --version, -q/-v, the progress bar, usage errors, --max-bytes, --encoding."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest

from conftest import FIXTURES, SEEDS
from peacefacts.cli import main
from peacefacts.cli.options import parse_size
from peacefacts.ingest import DEFAULT_MAX_BYTES

SEED_004 = str(SEEDS / "004_7e52952e49f3ada9.txt")
EMPTY = str(FIXTURES / "ingest" / "empty.txt")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_version(capsys):
    from importlib.metadata import version

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"peacefacts {version('peacefacts')}\n"


def test_quiet_and_verbose_are_logging_levels(shared_model, capsys):
    assert main(["extract", SEED_004, EMPTY, "--no-people"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"peacefacts: {EMPTY}: empty file", "peacefacts: 2 document(s), 2 fact(s), 1 failed"]
    assert main(["-q", "extract", SEED_004, EMPTY, "--no-people"]) == 1
    assert capsys.readouterr().err.splitlines() == [f"peacefacts: {EMPTY}: empty file"]  # errors stay
    assert main(["-v", "extract", SEED_004, EMPTY, "--no-people"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"peacefacts: {SEED_004}: 2 fact(s), 0 person(s)" in err and len(err) == 3


def test_warnings_hide_with_qq(shared_model, tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x", "published": "soon", "text": "UN troops arrived."}) + "\n")
    main(["-q", "extract", str(corpus)])
    assert "warning:" in capsys.readouterr().err
    main(["-qq", "extract", str(corpus)])
    assert capsys.readouterr().err == ""


def test_no_progress_bar_when_stderr_is_not_a_terminal(shared_model, capsys):
    assert main(["extract", str(SEEDS), "--no-people"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "doc/s" not in err and "it/s" not in err


def test_progress_bar_on_a_terminal_has_a_total_and_keeps_messages_whole(shared_model, monkeypatch, capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"")
    (folder / "more.jsonl").write_text('{"text": "UN troops arrived."}\n{"text": "UN police arrived."}\n')
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["extract", str(folder), "--no-people"]) == 1
    shown = terminal.getvalue()
    assert re.search(r"extracting: +\d+%\|.*\| [0-5]/5 ", shown)  # 2 files + 1 empty + 2 JSONL lines
    pieces = [p.strip() for p in re.split(r"[\r\n]", shown) if p.strip()]
    assert f"peacefacts: {folder / 'bad.txt'}: empty file" in pieces  # a whole line of its own
    assert any(re.fullmatch(r"peacefacts: 5 document\(s\), \d+ fact\(s\), 1 failed", p) for p in pieces)


def test_unknown_model_is_one_usage_error(capsys):
    assert main(["extract", SEED_004, "--model", "no_such_pipeline_xyz"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("peacefacts: error: no spaCy pipeline could be loaded (no_such_pipeline_xyz:")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.csv", "--format", "jsonl"], "-o x.csv: the file name says csv but --format is jsonl"),
        (["-o", "x.json", "--format", "csv"], "-o x.json: the file name says json but --format is csv"),
        (["-o", "x.txt"], "-o x.txt: this command cannot write table (formats: jsonl, json, csv, parquet)"),
    ],
)
def test_output_suffix_must_match_the_format(args, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["extract", SEED_004, *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"peacefacts: error: {message}")
    assert not list(tmp_path.iterdir())  # refused before anything was written


def test_parquet_output_says_what_it_needs(capsys, tmp_path, monkeypatch):
    """`-o x.parquet` never writes JSONL under a Parquet name: it writes Parquet, or says why not."""
    from peacefacts.cli.extract import ExtractFormat

    monkeypatch.chdir(tmp_path)
    code = main(["extract", SEED_004, "-o", "x.parquet"])
    err = capsys.readouterr().err
    if "parquet" in ExtractFormat.__members__:  # Parquet output (issue 10) is there
        assert code == 0 and (tmp_path / "x.parquet").read_bytes()[:4] == b"PAR1"
    else:
        assert code == 2 and err.startswith("peacefacts: error: -o x.parquet: this command cannot write parquet")
    import peacefacts.optional as optional

    def missing(name, extra):
        from peacefacts.errors import MissingDependencyError

        raise MissingDependencyError(f"this needs the optional dependency {name!r}; pip install 'peacefacts[{extra}]'")

    monkeypatch.setattr(optional, "import_optional", missing)
    from peacefacts.cli.options import output_format

    class Formats(str, __import__("enum").Enum):
        jsonl = "jsonl"
        parquet = "parquet"

    with pytest.raises(Exception, match=r"pip install 'peacefacts\[parquet\]'"):
        output_format(tmp_path / "x.parquet", None, Formats, {".parquet": "parquet"}, Formats.jsonl)


def test_format_comes_from_the_suffix_when_not_given(shared_model, tmp_path):
    target = tmp_path / "facts.csv"
    assert main(["extract", SEED_004, "-o", str(target), "--no-people"]) == 0
    assert target.read_text(encoding="utf-8").startswith("doc,subject,metric,value,")


def test_max_bytes_is_in_the_help_with_its_default(capsys):
    assert main(["extract", "--help"]) == 0
    out = re.sub(r"[\s│]+", " ", capsys.readouterr().out)
    assert re.search(r"--max-bytes SIZE The largest document read: a file, stdin, or one JSONL line", out)
    assert "[default: 20MB]" in out and "--encoding CODEC" in out
    assert parse_size("20MB") == DEFAULT_MAX_BYTES


def test_max_bytes_can_be_changed(shared_model, capsys):
    assert main(["extract", SEED_004, "--max-bytes", "1k"]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["type"] == "error" and rows[0]["error"].startswith("file too large:")
    assert rows[0]["error"].endswith("(limit 1000 bytes)")
    assert main(["extract", SEED_004, "--max-bytes", "lots"]) == 2
    assert "--max-bytes 'lots': expected a size" in capsys.readouterr().err


def test_encoding_option(shared_model, tmp_path, capsys):
    page = tmp_path / "cp.txt"
    page.write_bytes("Côte d’Ivoire has deployed 800 peacekeepers to UN missions.".encode("cp1252"))
    assert main(["extract", str(page), "--no-people"]) == 1
    assert "give its encoding, e.g. --encoding cp1252" in capsys.readouterr().err
    assert main(["extract", str(page), "--no-people", "--encoding", "cp1252"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["value"], r["evidence"][:13]) for r in rows if r["type"] == "fact"] == [(800, "Côte d’Ivoire")]
    assert main(["extract", str(page), "--encoding", "klingon"]) == 2
    assert "--encoding 'klingon': not an encoding Python knows" in capsys.readouterr().err


def test_output_that_cannot_be_written_is_one_error(shared_model, tmp_path, capsys):
    assert main(["extract", SEED_004, "-o", str(tmp_path / "no" / "such" / "dir.jsonl")]) == 2
    assert capsys.readouterr().err.startswith("peacefacts: error: cannot write ")
