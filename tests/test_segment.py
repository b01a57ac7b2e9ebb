"""nlp.segment: lines first, then sentences; bounded windows on long lines; what the parser reads."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from peacefacts.nlp.segment import MAX_SENTENCE_CHARS, mask_symbols, split_sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pakistan sent 128 officers. They will join U.N. missions.",
         ["Pakistan sent 128 officers.", "They will join U.N. missions."]),
        ("Troops served under the U.N. According to the centre, 28 died.",
         ["Troops served under the U.N.", "According to the centre, 28 died."]),
        ("Lt. Gen. Khan said 30 died. Mr. Ali agreed.", ["Lt. Gen. Khan said 30 died.", "Mr. Ali agreed."]),
        ("It ended... Then 12 more came!", ["It ended...", "Then 12 more came!"]),
        ("“We lost 3.” The army said so.", ["“We lost 3.”", "The army said so."]),
        ("Six killed\nUN troops arrive", ["Six killed", "UN troops arrive"]),
    ],
)
def test_split_sentences_table(text, expected):
    assert _texts(text) == expected


def test_a_line_without_punctuation_is_cut_into_bounded_windows_at_spaces():
    words = [f"word{i}" for i in range(2000)]
    text = " ".join(words)
    pieces = split_sentences(text)
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in pieces)
    assert " ".join(text[s:e] for s, e in pieces) == text  # nothing lost, nothing cut mid-word
    assert all(e - s > MAX_SENTENCE_CHARS - 12 for s, e in pieces[:-1])  # cut at the last space in reach


def test_a_line_without_any_space_is_cut_all_the_same():
    text = "x" * (3 * MAX_SENTENCE_CHARS + 10)
    assert [(s, e) for s, e in split_sentences(text)] == [
        (0, 1000), (1000, 2000), (2000, 3000), (3000, 3010)
    ]


def test_pathological_lines_give_the_sentences_they_hold():
    """Runs of dots, initials and abbreviations once rescanned the line at every boundary."""
    assert _texts("." * 5000 + " Then 5 died.") == ["." * 1000] * 5 + ["Then 5 died."]
    initials = "A. " * 3000 + "Bob said 4 died."
    assert _texts(initials) == [initials[s:e] for s, e in split_sentences(initials)]
    assert _texts(initials)[-1].endswith("Bob said 4 died.")


def test_a_whole_page_on_one_line_gives_the_same_sentences_as_the_page():
    page = (SEEDS / "004_7e52952e49f3ada9.txt").read_text(encoding="utf-8")
    body = [line.strip() for line in page.splitlines() if line.strip().endswith(".")]  # paragraphs
    one_line = " ".join(body)
    per_line = [s for line in body for s in _texts(line)]
    assert _texts(one_line) == per_line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lost 181 \U0001F54A\ufe0f peacekeepers", "lost 181    peacekeepers"),
        ("lost 181\u200bpeacekeepers", "lost 181 peacekeepers"),
        ("lost 181 \u270a\U0001F3FD peacekeepers", "lost 181    peacekeepers"),
        ("\U0001F1F5\U0001F1F0 Pakistan", "   Pakistan"),
        ("a\u202eb\x07c", "a b c"),
        ("Côte d’Ivoire: 1,200 € and 5 % — ok", "Côte d’Ivoire: 1,200 € and 5 % — ok"),
        ("plain ascii stays", "plain ascii stays"),
    ],
)
def test_mask_symbols_keeps_offsets_and_words(text, expected):
    masked = mask_symbols(text)
    assert masked == expected and len(masked) == len(text)
