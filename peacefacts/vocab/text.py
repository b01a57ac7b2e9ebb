"""The one text normaliser, and the reader of the vocabulary tables.

Every lookup table of peacefacts (countries, missions, places) is keyed by :func:`normalize`,
and so is the document fingerprint: a word compares the same whatever its accents, case,
spacing or apostrophes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

__all__ = ["normalize", "read_table"]

# curly and back-tick apostrophes become straight ones before the ASCII fold, which would drop them
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_SPACES = re.compile(r"\s+")


def normalize(text: str, *, keep_other_scripts: bool = False) -> str:
    """Casefold, strip accents, straighten apostrophes, collapse spaces: the key of every table.

    Characters with no ASCII form (non-Latin scripts, ``ʼ``) are dropped, unless
    ``keep_other_scripts`` is set: then they stay (casefolded), so names written in another
    script (a subject "日本") keep distinct keys instead of all becoming empty.

    >>> normalize("  Côte d’Ivoire\\n"), normalize("MINUSMA"), normalize("Timor-Leste")
    ("cote d'ivoire", 'minusma', 'timor-leste')
    >>> normalize("Côte d'Ivoire 日本", keep_other_scripts=True)
    "cote d'ivoire 日本"
    """
    if len(text) <= _MEMO_LENGTH:
        return _normalize_short(text, keep_other_scripts)
    return _normalize(text, keep_other_scripts)


# Words and names are normalised again and again (every word of every page is looked up in the
# country, mission and place tables): a memo makes the repeats a dictionary look-up. Long texts
# (a whole page for its fingerprint) are not kept.
_MEMO_LENGTH = 64


def _normalize(text: str, keep_other_scripts: bool) -> str:
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        # most text: nothing to decompose or drop, and ASCII casefolds as it lowers; split and
        # join collapse the same white space as _SPACES
        return " ".join(text.split()).lower()
    text = unicodedata.normalize("NFKD", text)
    if keep_other_scripts:
        text = "".join(c for c in text if not unicodedata.combining(c))
    else:
        text = text.encode("ascii", "ignore").decode()
    return _SPACES.sub(" ", text).strip().casefold()


_normalize_short = functools.lru_cache(maxsize=1 << 16)(_normalize)


def read_table(name: str) -> list[list[str]]:
    """The rows of a tab-separated table in ``peacefacts/resources``, cells stripped.

    Blank lines and ``#`` comment lines are skipped; short rows are padded with empty cells to
    the length of the longest row, so optional trailing columns may be left out.
    """
    rows = []
    with resources.files("peacefacts.resources").joinpath(name).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            rows.append([cell.strip() for cell in line.rstrip("\n").split("\t")])
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]
