"""The first-character guard only skips positions where a pattern cannot match: on any text, the
guarded pattern finds the same matches (spans, groups, ``lastgroup``) as the pattern itself."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEEDS
from peacefacts.nlp import dates, numbers
from peacefacts.nlp.first_chars import unguarded, with_first_char_guard


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None, tuple[str | None, ...]]]:
    return [(m.span(), m.lastgroup, m.groups()) for m in pattern.finditer(text)]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for table in sorted((FIXTURES / "patterns").glob("*.jsonl")):
        for line in table.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.extend(row[key] for key in ("text", "a", "b") if key in row)
    return out


@pytest.mark.parametrize("module, name", [(dates, "_DATE_ATOM"), (numbers, "_ATOM")])
def test_the_scans_are_guarded_and_find_what_they_found(module, name, texts):
    guarded = getattr(module, name)
    assert guarded.pattern.startswith("(?=")  # the guard is in place: the scan is the fast one
    original = unguarded(guarded)
    assert original is not guarded and original.groupindex == guarded.groupindex
    found = 0
    for text in texts:
        expected = _matches(original, text)
        assert _matches(guarded, text) == expected
        found += len(expected)
    assert found > 500  # 840 dates and 2,000 numbers in these texts


CASES = [
    # case-insensitive letters that fold onto others: the long s, the Kelvin sign, dotted I
    (r"(?i:s)tar|x", ["ſtar", "STAR", "xstar"]),
    (r"(?i:k)ilo|(?i:i)d", ["\u212ailo KILO", "İd id ID"]),
    # look-behinds, word boundaries and optional prefixes before the first character
    (r"(?P<a>(?<![\w-])\d+)|(?P<b>(?:the\s+)?(?:last|next)\s+week\b)|(?P<c>\bfoo)", ["the last week, 12 foo-bar", "blast week"]),
    # verbose comments holding | and ( , classes holding | ( ) and ], escaped |
    (r"""(?x) (?P<a> [|(] \d )  # a comment | with (a bar
          | (?P<b> []|)] x )     # another )
          | (?P<c> \| y )""", ["|1 ]x )x |y (2"]),
    # the empty match, a negated class, a back-reference: left unguarded, still the same
    (r"a|", ["xa"]),
    (r"[^a]b|c", ["xb cb"]),
    (r"(a)|\1b", ["ab aab"]),
    (r"(?i)march|april", ["MARCH april"]),  # a global flag at the start
    (r"^\d+$|x", ["123", "12x"]),
]


@pytest.mark.parametrize("source, samples", CASES)
def test_guard_keeps_matches_on_tricky_patterns(source, samples):
    pattern = re.compile(source)
    guarded = with_first_char_guard(pattern)
    assert guarded.groupindex == pattern.groupindex
    for text in samples:
        assert _matches(guarded, text) == _matches(pattern, text)


def test_unguardable_patterns_are_returned_as_they_are():
    for source in (r"a|", r"[^a]b|c", r".x", r"(a)\1|\1b"):
        pattern = re.compile(source)
        assert with_first_char_guard(pattern) is pattern
    assert with_first_char_guard(re.compile(r"\d+|(?i:may)")).pattern.startswith("(?=[\\d]|(?i:[m]))")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-/aAbcdeJMNOSTlmnrsty\u017f\u212a\n")), max_size=80))
def test_guarded_scans_match_on_any_text(text):
    for guarded in (dates._DATE_ATOM, numbers._ATOM):
        original = unguarded(guarded)
        assert _matches(guarded, text) == _matches(original, text)


def _atoms_of(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    from peacefacts.nlp.segment import split_sentences

    out = []
    for text in texts:
        out.append(dates._date_atoms(text, 0, len(text)))
        out.extend(dates._date_atoms(text, s.start, s.end) for s in split_sentences(text, 0, len(text)))
    return out


def test_date_scans_without_the_parts_a_text_cannot_match_find_the_same(texts, monkeypatch):
    # a sentence without a year, "ago", "earlier", "later", "before", "after" or "months" is
    # scanned with a pattern that leaves out the parts needing them: the same atoms as the whole
    # pattern finds (switched off: every text scanned with the whole pattern)
    lean = dates._atom_pattern(frozenset())
    assert len(lean.pattern) < len(dates._DATE_ATOM.pattern) - 1000
    assert "(?P<shift>" not in lean.pattern and "(?P<year>" not in lean.pattern and "(?P<rel>" in lean.pattern
    with_parts_left_out = _atoms_of(texts)
    monkeypatch.setattr(dates, "_SCANNED_WITHOUT", ())
    assert _atoms_of(texts) == with_parts_left_out
    assert sum(map(len, with_parts_left_out)) > 1000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["2024", "1999", "12", "3", "May", "June", "mid-", "the", "last", "this", "next", "week", "year", "ago",
     "AGO", "months", "MONTHS", "three", "a", "earlier", "later", "before", "after", "to", "end", "of",
     "yesterday", "Monday", "first", "half", ",", ".", "-", "/", " ", "\n", "\u017f", "\u212a"]), max_size=30))
def test_date_scans_leave_out_only_parts_that_cannot_match(words):
    text = " ".join(words)
    holds = frozenset(name for name, needed in dates._NEEDS.items() if needed.search(text))
    kept = dates._atom_pattern(holds) if holds in dates._SCANNED_WITHOUT else dates._DATE_ATOM
    # (the groups are numbered differently; spans, kinds and texts are the same)
    assert [(m.span(), m.lastgroup) for m in kept.finditer(text)] == [(m.span(), m.lastgroup) for m in dates._DATE_ATOM.finditer(text)]
