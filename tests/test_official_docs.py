"""docs/official.md runs: the seeds checked against the official tables, with the chart."""

from __future__ import annotations

import doctest

import pytest

from conftest import FIXTURES, ROOT

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.fixture()
def scratch(tmp_path, monkeypatch, shared_model):
    (tmp_path / "fixtures").symlink_to(FIXTURES, target_is_directory=True)
    (tmp_path / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_docs_official_page_runs_and_draws_the_chart(scratch):
    result = doctest.testfile(str(ROOT / "docs" / "official.md"), module_relative=False, optionflags=FLAGS)
    assert (result.failed, result.attempted >= 15) == (0, True)
    drawn = _png_size((scratch / "pakistan_official.png").read_bytes())
    # the chart shown on the page is this one (regenerate docs/official-pakistan.png when it changes)
    assert drawn == _png_size((ROOT / "docs" / "official-pakistan.png").read_bytes()) == (1500, 942)
