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


def test_docs_official_page_runs(scratch):
    result = doctest.testfile(str(ROOT / "docs" / "official.md"), module_relative=False, optionflags=FLAGS)
    assert (result.failed, result.attempted >= 15) == (0, True)
