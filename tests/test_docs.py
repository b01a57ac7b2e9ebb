"""The docs run: every ``>>>`` example in docs/*.md, and the docstring examples of every module.

docs/reconcile.md is run by tests/test_reconcile.py. Examples run from a scratch folder that
links to the repository's ``fixtures/`` and ``docs/`` (so they read ``fixtures/seeds`` as a reader at the
repository root would, and write their outputs somewhere disposable), with the session's spaCy
pipeline standing in for a second load.
"""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil

import pytest

from conftest import FIXTURES, ROOT

DOCS = sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "reconcile.md")
# the walk-through has its own test below, which also checks what it writes; official.md has its
# own in tests/test_official_docs.py
OTHER_DOCS = [p for p in DOCS if p.name not in ("walkthrough.md", "official.md")]
MODULES = [
    "peacefacts.frames",
    "peacefacts.display",
    "peacefacts.plot",
    "peacefacts.known",
    "peacefacts.testing",
]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
# every module of the package: a docstring example is documentation, and documentation runs
ALL_MODULES = sorted(
    ["peacefacts", *(m.name for m in pkgutil.walk_packages(importlib.import_module("peacefacts").__path__, "peacefacts."))]
)


@pytest.fixture()
def scratch(tmp_path, monkeypatch, shared_model):
    (tmp_path / "fixtures").symlink_to(FIXTURES, target_is_directory=True)
    (tmp_path / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_docs_exist():
    names = {p.name for p in DOCS}
    assert {"index.md", "quickstart.md", "concepts.md", "walkthrough.md", "api.md", "conventions.md",
            "services.md", "known-figures.md", "schema.md"} <= names


@pytest.mark.parametrize("path", OTHER_DOCS, ids=[p.name for p in OTHER_DOCS])
def test_docs_examples_run(path, scratch):
    result = doctest.testfile(str(path), module_relative=False, optionflags=FLAGS, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {path.name}"


def test_docs_walkthrough_draws_the_pakistan_timeline(scratch):
    result = doctest.testfile(str(ROOT / "docs" / "walkthrough.md"), module_relative=False, optionflags=FLAGS)
    assert (result.failed, result.attempted >= 30) == (0, True)
    png = (scratch / "pakistan_fatalities.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1500, 930)
    assert os.path.getsize(scratch / "seed_facts.parquet") > 0
    assert (scratch / "seed_facts.csv").read_text(encoding="utf-8").count("\n") == 18  # header + 17 facts


@pytest.mark.parametrize("name", MODULES)
def test_docs_module_examples_run(name, scratch):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS)
    assert (result.failed, result.attempted > 0) == (0, True)


@pytest.mark.parametrize("name", [m for m in ALL_MODULES if m not in MODULES])
def test_docs_every_module_example_runs(name, scratch):
    result = doctest.testmod(importlib.import_module(name), optionflags=FLAGS)
    assert result.failed == 0


def test_docs_api_reference_names_every_public_name():
    import peacefacts

    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    public = [n for n in peacefacts.__all__ if n != "__version__"]
    for name in MODULES[:-1] + ["peacefacts.testing"]:
        module = importlib.import_module(name)
        public += [n for n in module.__all__ if not n.isupper() or n in ("KINDS", "COLUMNS")]
    missing = sorted({n for n in public if f"`{n}" not in text and f" {n}(" not in text and f"{n}`" not in text})
    assert missing == []
