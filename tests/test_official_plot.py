"""The official count as a series (peacefacts.official.series) and behind the timeline (plot --official)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import FIXTURES
from peacefacts.cli import main
from peacefacts.io.convert import to_record
from peacefacts.io.jsonl import result_records
from peacefacts.official import load_official, official_lines
from peacefacts.records import Fact, Figure

D = dt.date


@pytest.fixture(scope="module")
def tables():
    return load_official(FIXTURES / "official")


def test_cumulative_deaths_as_steps(tables):
    lines = official_lines(tables, "Pakistan", "fatalities_total", D(2021, 10, 1), D(2022, 4, 30))
    assert [line.scope for line in lines] == ["all", "uniformed"]
    assert lines[0].label == "UN fatalities table, all personnel (last update 2025-04-04)"
    # 159 on 2021-10-26 (as the press release's day); the helicopter crash of 2022-03-29 adds 6
    assert lines[0].points[0] == (D(2021, 10, 1), 159)
    assert lines[0].points[-1] == (D(2022, 4, 30), 166)
    assert (D(2022, 3, 29), 166) in lines[0].points
    assert all(a[0] < b[0] and a[1] <= b[1] for a, b in zip(lines[0].points, lines[0].points[1:], strict=False))


def test_a_line_stops_where_the_table_ends(tables):
    # at the table's last update, flat after the last recorded death (2024-11-14)
    [line, _] = official_lines(tables, "Pakistan", "fatalities_total", D(2024, 1, 1), D(2026, 1, 1))
    assert line.points[-2:] == ((D(2024, 11, 14), line.points[-1][1]), (D(2025, 4, 4), line.points[-1][1]))


def test_police_deaths_draw_one_line(tables):
    lines = official_lines(tables, "Pakistan", "fatalities_total", D(2021, 1, 1), D(2021, 12, 31), category="police")
    assert [(line.scope, line.points[-1][1]) for line in lines] == [("police", 5)]


def test_deployed_personnel_at_month_ends(tables):
    lines = official_lines(tables, "Pakistan", "personnel_deployed", D(2010, 5, 15), D(2010, 7, 31), category="troops")
    assert [line.scope for line in lines] == ["troops", "uniformed"]
    # the month end before the range, then each month end inside it
    assert lines[0].points == ((D(2010, 4, 30), 9702), (D(2010, 5, 31), 9695), (D(2010, 6, 30), 9656),
                               (D(2010, 7, 31), 9650))
    [un] = official_lines(tables, "UN", "personnel_deployed", D(2010, 6, 1), D(2010, 6, 30))
    assert (un.table, un.points) == ("contribution_totals", ((D(2010, 5, 31), 101888), (D(2010, 6, 30), 100645)))


@pytest.mark.parametrize(
    ("subject", "metric", "start"),
    [
        ("Pakistan", "personnel_served_total", D(2010, 1, 1)),  # no official series of that
        ("Atlantis", "fatalities_total", D(2010, 1, 1)),  # not a subject the tables know
        ("UNIFIL", "personnel_deployed", D(2010, 1, 1)),  # a mission's strength
        ("Pakistan", "personnel_deployed", D(2020, 1, 1)),  # after the IPI table
    ],
)
def test_no_line(tables, subject, metric, start):
    assert official_lines(tables, subject, metric, start, start + dt.timedelta(days=365)) == ()


pytest.importorskip("matplotlib")


def _official_artists(fig):
    return [line for line in fig.axes[0].get_lines() if line.get_color() == "#009EDB"]


def test_plot_draws_the_official_count_behind_the_points(seed_results):
    from peacefacts.plot import plot_timeline

    fig = plot_timeline(list(seed_results.values()), "Pakistan", "fatalities_total", official=True)
    lines = _official_artists(fig)
    assert len(lines) == 2
    assert all(line.get_zorder() < 1 for line in lines)  # behind the series line and the markers
    ys = list(lines[0].get_ydata())
    assert 159 in ys and ys[-1] == 170
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "UN fatalities table, all personnel (last update 2025-04-04)" in legend
    assert "UN fatalities table, uniformed (last update 2025-04-04)" in legend
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "170" in texts and "166" in texts  # the official values at the lines' end
    # off by default: the chart is the sources' unless asked
    assert _official_artists(plot_timeline(list(seed_results.values()), "Pakistan", "fatalities_total")) == []


def test_plot_skips_the_all_time_line_for_one_year_figures():
    from peacefacts.plot import plot_timeline

    facts = [Fact(doc=d, subject="UN", metric="fatalities_total", figure=Figure.exact(v), as_of="2021", since="2021")
             for d, v in (("a", 135), ("b", 130))]
    assert _official_artists(plot_timeline(facts, "UN", "fatalities_total", official=True)) == []


def test_cli_plot_official(seed_results, tmp_path, capsys):
    facts = tmp_path / "seeds.jsonl"
    facts.write_text("".join(json.dumps(to_record(r)) + "\n" for res in seed_results.values()
                             for r in result_records(res)), encoding="utf-8")
    out = tmp_path / "p.png"
    assert main(["plot", "-s", "Pakistan", "-m", "fatalities_total", "--facts", str(facts), "-o", str(out),
                 "--official"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["plot", "-s", "Pakistan", "-m", "fatalities_total", "--facts", str(facts), "-o", str(out),
                 "--official-dir", str(FIXTURES / "official")]) == 0
    (tmp_path / "empty").mkdir()
    assert main(["plot", "-s", "Pakistan", "-m", "fatalities_total", "--facts", str(facts), "-o", str(out),
                 "--official-dir", str(tmp_path / "empty")]) == 2
    assert "holds no official table" in capsys.readouterr().err
