"""Opt-in pytest fixtures for projects that test on peacefacts figures.

Enable them in your ``conftest.py``::

    pytest_plugins = ["peacefacts.testing.plugin"]

They are not registered through a ``pytest11`` entry point on purpose: that would import
peacefacts into every pytest run of every project installed alongside it.

Fixtures:

* ``peacefacts_extractor`` (session): one :class:`~peacefacts.Extractor`, its pipeline loaded
  on first use and shared by all tests. The model is ``--peacefacts-model`` if given, else the
  ``PEACEFACTS_MODEL`` environment variable, else the default small English model.
* ``assert_figures``: :func:`peacefacts.testing.assert_figures`, as a fixture for tests that
  prefer fixtures to imports.
* ``known_figures``: a factory, ``known_figures(path_or_mapping)`` → ``KnownFigures``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from peacefacts.testing import FigureSpec, KnownFigures, load_known
from peacefacts.testing import assert_figures as _assert_figures
from peacefacts.testing import known_figures as _known_figures

if TYPE_CHECKING:  # pragma: no cover
    from peacefacts.extractor import Extractor

__all__ = ["pytest_addoption", "peacefacts_extractor", "assert_figures", "known_figures"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--peacefacts-model`` (a spaCy package name or path)."""
    group = parser.getgroup("peacefacts")
    group.addoption(
        "--peacefacts-model",
        default=None,
        help="spaCy pipeline (package name or path) for the peacefacts_extractor fixture",
    )


@pytest.fixture(scope="session")
def peacefacts_extractor(request: pytest.FixtureRequest) -> Extractor:
    """One Extractor for the whole test session (the pipeline loads on first use)."""
    from peacefacts.extractor import Extractor

    model = request.config.getoption("--peacefacts-model") or os.environ.get("PEACEFACTS_MODEL") or None
    return Extractor(model)


@pytest.fixture()
def assert_figures() -> Callable[[Iterable[Any], Any], None]:
    """:func:`peacefacts.testing.assert_figures`."""
    return _assert_figures


@pytest.fixture()
def known_figures() -> Callable[[Any], KnownFigures]:
    """Build known figures from a TOML path or an inline mapping (see ``known_figures``)."""

    def build(source: str | os.PathLike[str] | Mapping[str, Iterable[FigureSpec]]) -> KnownFigures:
        if isinstance(source, Mapping):
            return _known_figures(source)
        return load_known(source)

    return build
