"""ruff, mypy and the import contract over the package, so CI's single pytest command covers them.

Each runs as a subprocess with the project's configuration (pyproject.toml ``[tool.ruff]``,
``[tool.mypy]`` and ``[tool.importlinter]``); a failure shows its report. Skipped only when the
tool is not installed (it is, with the ``test`` extra).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_lint_ruff_clean():
    pytest.importorskip("ruff")
    # `python -m ruff`: the ruff of this environment, whether or not it is on PATH
    proc = _run(sys.executable, "-m", "ruff", "check", "--no-cache", "peacefacts")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_lint_mypy_clean():
    pytest.importorskip("mypy")
    # the default incremental cache (.mypy_cache, git-ignored) keeps repeated runs to about a second
    proc = _run(sys.executable, "-m", "mypy", "peacefacts")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("Success: no issues found")


def test_lint_import_contract_kept():
    """Layers only point down (ingest → nlp → extractor → reconciler → outputs), lazy imports included."""
    pytest.importorskip("importlinter")
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    proc = _run(sys.executable, "-c", code)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken\.", proc.stdout), proc.stdout


def test_lint_import_contract_catches_a_lazy_climb(tmp_path):
    """The contract is not vacuous: a function-level import of the output layer in records breaks it."""
    pytest.importorskip("importlinter")
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "peacefacts", copy / "peacefacts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    records = copy / "peacefacts" / "records.py"
    records.write_text(
        records.read_text(encoding="utf-8") + "\n\ndef _html(r):\n    from peacefacts.display import result_html\n\n"
        "    return result_html(r)\n",
        encoding="utf-8",
    )
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=copy, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(copy)},
    )
    assert proc.returncode != 0
    assert "peacefacts.records is not allowed to import peacefacts.display" in proc.stdout


MAX_LINES = 600


def test_lint_no_module_over_600_lines_without_a_reason():
    """A module over ~600 lines says at its top why it is one module ("Why one module ...")."""
    import ast

    long = {}
    for path in sorted((ROOT / "peacefacts").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_LINES:
            doc = ast.get_docstring(ast.parse(text)) or ""
            long[str(path.relative_to(ROOT))] = "Why one module" in doc
    assert [p for p, has_reason in long.items() if not has_reason] == []


def test_lint_mypy_is_strict_everywhere_but_the_listed_modules():
    """The whole package is under --strict (an exception would be listed, with its owner, in pyproject)."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    relaxed = sorted(m for o in config.get("overrides", []) for m in o["module"])
    assert relaxed == []
