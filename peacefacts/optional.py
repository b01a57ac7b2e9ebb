"""Optional dependencies: import one, or say exactly which extra installs it.

The pattern of pandas' own ``import_optional_dependency``: the core package stays small, and the
message says what to do. Any layer may use it (frames need pandas and pyarrow, plots matplotlib).
"""

from __future__ import annotations

import importlib
from typing import Any

from peacefacts.errors import MissingDependencyError

__all__ = ["import_optional"]


def import_optional(name: str, extra: str) -> Any:
    """Import an optional dependency, or raise :class:`MissingDependencyError` naming the extra.

    Args:
        name: the module to import (``"pandas"``).
        extra: the peacefacts extra that provides it (``"pandas"``).

    Raises:
        MissingDependencyError: the module is not installed (also an ``ImportError``).

    Example:
        >>> import_optional("json", extra="none").dumps([1])
        '[1]'
        >>> import_optional("no_such_module_here", extra="plot")
        Traceback (most recent call last):
        ...
        peacefacts.errors.MissingDependencyError: this needs the optional dependency 'no_such_module_here', which is not installed; install it with: pip install 'peacefacts[plot]'
    """
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MissingDependencyError(
            f"this needs the optional dependency {name!r}, which is not installed; "
            f"install it with: pip install 'peacefacts[{extra}]'"
        ) from exc
