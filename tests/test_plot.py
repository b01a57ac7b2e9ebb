"""peacefacts.plot and `peacefacts plot`: the timeline of one figure across sources."""

from __future__ import annotations

import json
import os

import pytest

from peacefacts.cli import main
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import result_records
from peacefacts.plot import plot_timeline, save_timeline, timeline_points
from peacefacts.records import Fact, Figure

pytest.importorskip("matplotlib")

PNG = b"\x89PNG\r\n\x1a\n"


def _name(doc_id: str) -> str:
    return os.path.basename(doc_id)


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]


def test_plot_seed_points_copies_once_undated_apart(seed_reconciliation):
    points = timeline_points(seed_reconciliation, "pakistan", "fatalities_total")
    got = [
        ([_name(d) for d in p.docs], p.value, None if p.as_of is None else str(p.as_of),
         None if p.supports is None else str(p.supports), p.preferred)
        for p in points
    ]
    assert got == [
        (["004_7e52952e49f3ada9.txt"], 161, "2021-10-26", None, False),
        (["000_7afdc2f30fcbe9a6.txt", "001_e651096705ef97ea.txt"], 181, "2024-05", None, True),
        (["003_982e448d4ac8b6b6.txt"], 181, None, "2024-05", True),
    ]


def test_plot_seed_timeline_reads_well(seed_results, tmp_path):
    fig = plot_timeline(list(seed_results.values()), "Pakistan", "fatalities_total")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Pakistan: peacekeepers killed, all-time total"
    assert ax.get_ylabel() == "peacekeepers killed (cumulative)"
    assert ax.get_xlabel().startswith("as-of date")
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "undated"
    texts = _texts(fig)
    assert "161  (2021-10-26)" in texts
    assert "181  (2024-05)\n2 copies of one article" in texts
    assert "181  (undated)\nagrees with 2024-05" in texts
    assert "4 documents, 3 independent sources (copies of one article count once)" in texts
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0] == "004_7e52952e49f3ada9.txt\npublished 2021-10-26"
    assert legend[1].splitlines() == [
        "000_7afdc2f30fcbe9a6.txt",
        "= 001_e651096705ef97ea.txt",
        "2 copies of one article, published 2024-06-08",
        "Pakistan to send 128 police officers to UN peacekeeping…",
    ]
    assert legend[2] == "003_982e448d4ac8b6b6.txt\nundated page"
    assert "preferred figure (latest)" in legend and "conflict" not in legend
    assert any(t.startswith("changed over time (stale figure): 161 (2021-10-26) → 181 (2024-05)") for t in texts)
    out = save_timeline(list(seed_results.values()), "Pakistan", "fatalities_total", tmp_path / "t.png")
    data = out.read_bytes()
    assert data[:8] == PNG
    # 10 x 6.2 inches at 150 dpi
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1500, 930)


def test_plot_conflicts_and_hedges_are_drawn():
    facts = [
        Fact(doc="wire-a", subject="UNIFIL", metric="personnel_deployed", figure=Figure(value=10000, qualifier="approx"),
             as_of="2024-03"),
        Fact(doc="wire-b", subject="UNIFIL", metric="personnel_deployed", figure=Figure.exact(9000), as_of="2024-03-15"),
        Fact(doc="un", subject="UNIFIL", metric="personnel_deployed",
             figure=Figure(value=10500, qualifier="at_least", low=10500), as_of="2023-01"),
    ]
    fig = plot_timeline(facts, "UNIFIL", "personnel_deployed")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "conflict" in legend and "hedge: bar = range, arrow = over / up to" in legend
    red_dashes = [
        line for line in fig.axes[0].get_lines() if line.get_color() == "#C00000" and line.get_linestyle() == "--"
    ]
    assert len(red_dashes) == 1
    assert sorted(red_dashes[0].get_ydata()) == [9000, 10000]
    caption = next(t for t in _texts(fig) if "stale figure" in t)
    assert caption.splitlines()[0].startswith("conflict (same time conflict): 9,000 (2024-03-15) vs ~10,000 (2024-03)")
    # the conflict, then the step from 2023-01 to 2024-03 (not every pair of the series)
    assert [line.split(":")[0] for line in caption.splitlines()] == [
        "conflict (same time conflict)", "changed over time (stale figure)"
    ]


def test_plot_unknown_subject_lists_what_there_is(seed_reconciliation):
    with pytest.raises(ValueError, match=r"no fatalities_total figures about Chad; available: .*Pakistan fatalities_total"):
        timeline_points(seed_reconciliation, "Chad", "fatalities_total")


@pytest.fixture()
def seed_jsonl(seed_results, tmp_path):
    path = tmp_path / "seeds.jsonl"
    lines = [json.dumps(to_record(r), ensure_ascii=False) for res in seed_results.values() for r in result_records(res)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_plot_cli_from_saved_facts(seed_jsonl, tmp_path, capsys):
    out = tmp_path / "pakistan.png"
    code = main(["plot", "--subject", "Pakistan", "--metric", "fatalities_total", "--facts", str(seed_jsonl), "-o", str(out)])
    assert code == 0
    assert out.read_bytes()[:8] == PNG
    err = capsys.readouterr().err
    assert err.strip() == f"peacefacts: {out}: 3 figure(s) of Pakistan fatalities_total (2 dated, 1 undated)"


def test_plot_cli_svg_from_paths(shared_model, tmp_path, capsys):
    from conftest import SEEDS

    out = tmp_path / "missions.svg"
    assert main(["plot", "-s", "Pakistan", "-m", "missions_served_total", str(SEEDS), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--subject", "Chad", "--metric", "fatalities_total"], "no fatalities_total figures about Chad"),
        (["--subject", "Pakistan", "--metric", "deaths"], "--metric 'deaths' is not a metric"),
        (["--subject", "Pakistan", "--metric", "fatalities_total", "--policy", "oldest"], "--policy 'oldest'"),
    ],
)
def test_plot_cli_usage_errors_are_one_line(seed_jsonl, tmp_path, capsys, args, message):
    code = main(["plot", *args, "--facts", str(seed_jsonl), "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("peacefacts: error: ") and message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_plot_cli_needs_an_image_suffix(seed_jsonl, tmp_path, capsys):
    code = main(["plot", "-s", "Pakistan", "-m", "fatalities_total", "--facts", str(seed_jsonl), "-o", str(tmp_path / "x.txt")])
    assert code == 2
    assert "must end in .png, .svg or .pdf" in capsys.readouterr().err
