"""ruff and mypy over the package, so CI's single pytest command also covers lint and types.

Both run as subprocesses with the project's configuration (pyproject.toml ``[tool.ruff]`` and
``[tool.mypy]``); a failure shows their report. Skipped only when the tool is not installed
(it is, with the ``test`` extra).
"""

from __future__ import annotations

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
