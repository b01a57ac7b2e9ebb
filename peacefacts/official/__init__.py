"""Official figures: the UN's own tables, and every claim checked against them.

The bundled tables (built by ``python -m peacefacts.official build``, see
:mod:`peacefacts.official.build`) are the UN's peacekeeper fatalities by day (1948 to February
2025) and the IPI's monthly uniformed contributions by country (November 1990 to February
2014). :func:`verify` checks facts against them and measures each publisher's offset::

    >>> import peacefacts
    >>> from peacefacts.records import Fact, Figure
    >>> report = peacefacts.verify([Fact(doc="mofa", subject="Pakistan", metric="fatalities_total",
    ...                                  figure=Figure.exact(161), as_of="2021-10-26")])
    >>> print(report.verifications[0].reason)
    161 is 2 above the official 159 (all personnel; 156 uniformed): deaths of Pakistan nationals up to 2021-10-26, UN fatalities table (last update 2025-04-04)

Nothing here touches the network; a newer download of the tables is read from a directory
(``load_official(DIR)``, ``verify(..., official=DIR)``, ``peacefacts verify --official-dir DIR``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# name → module that defines it, imported on first use: the reconciler imports
# peacefacts.official.build, .checks and .tables, and must not pull in report (which imports
# the reconciler's copy detection)
_LAZY = {
    "verify": "peacefacts.official.report",
    "VerifyReport": "peacefacts.official.report",
    "PublisherOffset": "peacefacts.official.report",
    "publisher_offsets": "peacefacts.official.report",
    "source_of": "peacefacts.official.report",
    "format_report": "peacefacts.official.report",
    "OUTLIER_RELATIVE": "peacefacts.official.report",
    "Verification": "peacefacts.official.checks",
    "Verdict": "peacefacts.official.checks",
    "CheckKind": "peacefacts.official.checks",
    "Unchecked": "peacefacts.official.checks",
    "Tolerance": "peacefacts.official.checks",
    "OfficialRange": "peacefacts.official.checks",
    "check_fact": "peacefacts.official.checks",
    "claim_bounds": "peacefacts.official.checks",
    "resolve_subject": "peacefacts.official.checks",
    "APPROX_BAND": "peacefacts.official.checks",
    "INCIDENT_DAYS": "peacefacts.official.checks",
    "load_official": "peacefacts.official.build",
    "OfficialLine": "peacefacts.official.series",
    "official_lines": "peacefacts.official.series",
    "load_bundled": "peacefacts.official.tables",
    "OfficialTables": "peacefacts.official.tables",
    "FatalityTable": "peacefacts.official.tables",
    "FatalityRow": "peacefacts.official.tables",
    "ContributionTable": "peacefacts.official.tables",
    "TableProvenance": "peacefacts.official.tables",
}

__all__ = [
    "verify",
    "VerifyReport",
    "PublisherOffset",
    "publisher_offsets",
    "source_of",
    "format_report",
    "OUTLIER_RELATIVE",
    "Verification",
    "Verdict",
    "CheckKind",
    "Unchecked",
    "Tolerance",
    "OfficialRange",
    "check_fact",
    "claim_bounds",
    "resolve_subject",
    "APPROX_BAND",
    "INCIDENT_DAYS",
    "load_official",
    "OfficialLine",
    "official_lines",
    "load_bundled",
    "OfficialTables",
    "FatalityTable",
    "FatalityRow",
    "ContributionTable",
    "TableProvenance",
]

if TYPE_CHECKING:  # pragma: no cover
    from peacefacts.official.build import load_official
    from peacefacts.official.checks import (
        APPROX_BAND,
        INCIDENT_DAYS,
        CheckKind,
        OfficialRange,
        Tolerance,
        Unchecked,
        Verdict,
        Verification,
        check_fact,
        claim_bounds,
        resolve_subject,
    )
    from peacefacts.official.report import (
        OUTLIER_RELATIVE,
        PublisherOffset,
        VerifyReport,
        format_report,
        publisher_offsets,
        source_of,
        verify,
    )
    from peacefacts.official.series import OfficialLine, official_lines
    from peacefacts.official.tables import (
        ContributionTable,
        FatalityRow,
        FatalityTable,
        OfficialTables,
        TableProvenance,
        load_bundled,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'peacefacts.official' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
