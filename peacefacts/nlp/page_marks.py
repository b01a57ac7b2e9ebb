"""Marks on a page that bound its date without any story text: its copyright line.

A footer's "© 2019 …" is the year the page was rendered, so the piece is of that year or earlier:
:func:`peacefacts.nlp.page_dates.undated_anchor` uses it only for a piece that reports no date at
all (a dated page keeps its date whatever year its footer shows: a 2004 article can carry "©2024").
"""

from __future__ import annotations

import re
from typing import Optional

from peacefacts.records import PartialDate

__all__ = ["copyright_year"]


#: "© 2019 Accra Daily Monitor", "Copyright © 2016-2021 …", "(c) 2020", "Atlas Morning © 2023"
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bCopyright\b)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*[-\u2013\u2014]\s*)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)


def copyright_year(text: str) -> Optional[PartialDate]:
    """The year of a page's copyright line (the last year of a range), the latest a piece can be:
    it dates an undated piece only when nothing in its text does."""
    found = [m for m in _COPYRIGHT.finditer(text)]
    return PartialDate(int(found[-1].group("year"))) if found else None
