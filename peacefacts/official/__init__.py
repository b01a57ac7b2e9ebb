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
from peacefacts.official.tables import (
    ContributionTable,
    FatalityRow,
    FatalityTable,
    OfficialTables,
    TableProvenance,
    load_official,
)
from peacefacts.official.verify import (
    PublisherOffset,
    VerifyReport,
    format_report,
    publisher_offsets,
    source_of,
    verify,
)

__all__ = [
    "verify",
    "VerifyReport",
    "Verification",
    "PublisherOffset",
    "Verdict",
    "CheckKind",
    "Unchecked",
    "Tolerance",
    "OfficialRange",
    "check_fact",
    "claim_bounds",
    "resolve_subject",
    "publisher_offsets",
    "source_of",
    "format_report",
    "load_official",
    "OfficialTables",
    "FatalityTable",
    "FatalityRow",
    "ContributionTable",
    "TableProvenance",
    "APPROX_BAND",
    "INCIDENT_DAYS",
]
