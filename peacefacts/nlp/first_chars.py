"""Faster scans with large alternations: skip the places where no alternative can start.

Python's ``re`` tries every alternative of a pattern at every position of the text. For the
date pattern (seventeen alternatives, several case-insensitive word lists with optional
prefixes) that was a tenth of the extraction time, although most positions (spaces,
punctuation, most letters) cannot start any of them. :func:`with_first_char_guard` puts a
lookahead in front of the pattern, and in front of each of its top-level alternatives, that
lets only the characters the alternative can begin with through. The lookahead is computed
from the pattern itself (so it follows the pattern when the pattern changes), and it only
rules out positions where the alternative could not match anyway: the matches, their order,
groups and ``lastgroup`` are the pattern's own (a test compares them).

Where the pattern is beyond this analysis (an alternative that can match the empty string or
begin with a back-reference, a negated class), that part is left unguarded.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any, Optional

__all__ = ["unguarded", "with_first_char_guard"]

# The pattern parser is the ``re`` module's own (``re._parser`` since 3.11, ``sre_parse`` before).
if sys.version_info >= (3, 11):
    _parser: Any = importlib.import_module("re._parser")
    _constants: Any = importlib.import_module("re._constants")
else:  # pragma: no cover - exercised on Python 3.10 only
    _parser = importlib.import_module("sre_parse")
    _constants = importlib.import_module("sre_constants")


#: each guarded pattern's original, for :func:`unguarded`
_ORIGINALS: dict[re.Pattern[str], re.Pattern[str]] = {}


def unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern :func:`with_first_char_guard` was given for ``pattern`` (``pattern`` itself
    if it is not a guarded one): what tests compare the guarded scan with."""
    return _ORIGINALS.get(pattern, pattern)


class _Unguardable(Exception):
    """The alternative can begin with something a character class cannot describe."""


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


class _FirstChars:
    """The characters a match can begin with: class items, case-sensitive and case-insensitive
    apart (an item under ``(?i)`` stays under it, so it folds exactly as in the pattern)."""

    def __init__(self) -> None:
        self.exact: set[str] = set()
        self.folded: set[str] = set()

    def add(self, item: str, flags: int) -> None:
        (self.folded if flags & re.IGNORECASE else self.exact).add(item)

    def lookahead(self) -> str:
        parts = []
        if self.exact:
            parts.append("[" + "".join(sorted(self.exact)) + "]")
        if self.folded:
            parts.append("(?i:[" + "".join(sorted(self.folded)) + "])")
        return "(?=" + "|".join(parts) + ")"


def _first(items: Any, flags: int, out: _FirstChars) -> bool:
    """Add to ``out`` what the sequence ``items`` can begin with; True if it can match empty."""
    for op, av in items:
        if not _node(op, av, flags, out):
            return False
    return True


def _node(op: Any, av: Any, flags: int, out: _FirstChars) -> bool:
    """Add what one node can begin with; True if it can match the empty string."""
    c = _constants
    if op is c.LITERAL:
        out.add(re.escape(chr(av)), flags)
        return False
    if op is c.IN:
        out.add(_class_items(av), flags)
        return False
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return True  # zero-width: the match begins with what follows
    if op is c.BRANCH:
        empty = False
        for alternative in av[1]:
            empty |= _first(alternative, flags, out)
        return empty
    if op is c.SUBPATTERN:
        _group, add, remove, body = av
        return _first(body, (flags | add) & ~remove, out)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
        low, _high, body = av
        return _first(body, flags, out) or low == 0
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _first(av, flags, out)
    raise _Unguardable(str(op))  # ANY, NOT_LITERAL, back-references, conditionals


def _class_items(items: Any) -> str:
    """The inside of a character class, written back (a negated class is not guarded)."""
    c = _constants
    parts = []
    for op, av in items:
        if op is c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is c.RANGE:
            parts.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif op is c.CATEGORY and str(av) in _CATEGORIES:
            parts.append(_CATEGORIES[str(av)])
        else:
            raise _Unguardable(str(op))  # NEGATE and the rest
    return "".join(parts)


def _lookahead(source: str, flags: int) -> Optional[str]:
    """The guard of a pattern: a lookahead for the characters it can begin with, or ``None``."""
    try:
        parsed = _parser.parse(source, flags)
        out = _FirstChars()
        if _first(list(parsed), parsed.state.flags, out):
            return None  # it can match the empty string anywhere
    except (_Unguardable, re.error):
        return None
    return out.lookahead()


def _top_level_alternatives(source: str, flags: int) -> Optional[list[str]]:
    """``source`` cut at its top-level ``|``, or ``None`` if it has only one alternative."""
    verbose = bool(flags & re.VERBOSE)
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source[i + 1 : i + 2] == "^":
                i += 1
            if source[i + 1 : i + 2] == "]":
                i += 1  # "[]...]" and "[^]...]": a leading "]" is a literal
        elif verbose and ch == "#":
            newline = source.find("\n", i)
            i = len(source) if newline < 0 else newline
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts if len(parts) > 1 else None


def with_first_char_guard(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with lookaheads that skip the positions where it cannot begin to match.

    Every top-level alternative gets a lookahead for the characters it can begin with, and the
    whole pattern one for those of any alternative. Matches (spans, groups, ``lastgroup``) are
    the same as ``pattern``'s on any text; only positions where no alternative could match are
    skipped sooner. Returns ``pattern`` itself when no guard can be computed.

    Example:
        >>> guarded = with_first_char_guard(re.compile(r"(?P<year>(?<!\\d)(?:19|20)\\d\\d)|(?P<rel>(?i:last|next) week)"))
        >>> [(m.lastgroup, m.group()) for m in guarded.finditer("In 2023 and LAST week")]
        [('year', '2023'), ('rel', 'LAST week')]
    """
    flags = pattern.flags
    source = pattern.pattern
    whole = _lookahead(source, flags)
    if whole is None:
        return pattern
    try:
        guarded = _guarded(pattern, source, flags, whole)
    except re.error:  # e.g. global inline flags, which must stay at the start
        return pattern
    if guarded is not pattern:
        _ORIGINALS[guarded] = pattern
    return guarded


def _guarded(pattern: re.Pattern[str], source: str, flags: int, whole: str) -> re.Pattern[str]:
    close = "\n)" if flags & re.VERBOSE else ")"  # a comment on the last line of a verbose pattern ends there
    parts = _top_level_alternatives(source, flags)
    if parts is not None:
        guarded = []
        for part in parts:
            guard = _lookahead(part, flags)
            guarded.append(part if guard is None else guard + part)
        body = "|".join(guarded)
        # the cut must be the parser's own: as many parts as top-level alternatives, and the same groups
        try:
            branches = list(_parser.parse(source, flags))
            same_cut = len(branches) == 1 and branches[0][0] is _constants.BRANCH and len(branches[0][1][1]) == len(parts)
            candidate = re.compile(f"{whole}(?:{body}{close}", flags)
            if not same_cut or candidate.groupindex != pattern.groupindex or candidate.groups != pattern.groups:
                body = source
        except re.error:
            body = source
    else:
        body = source
    guarded_pattern = re.compile(f"{whole}(?:{body}{close}", flags)
    if guarded_pattern.groupindex != pattern.groupindex or guarded_pattern.groups != pattern.groups:
        return pattern  # pragma: no cover - a lookahead adds no group
    return guarded_pattern
