"""Numbers as news text writes them: digits, words, scales and hedges, with offsets.

Pure functions, no model. :func:`find_figures` scans raw text (a sentence or a whole document)
with compiled regexes and returns every number expression it recognises with its *kind*, so the
caller (a spaCy component) can veto years, ordinals, percentages, money and durations and keep
the counts. :func:`parse_figure` reads one short phrase.

Why our own parser: none of quantulum3, Recognizers-Text, number-parser or text2num reads
South Asian grouping ("1,63,887"), lakh/crore/mln, "two dozen" and hedges kept as bounds
(quantulum3 reads "161 gallant" as gallons and splits "1,63,887" into 1 and 63,887). quantulum3 is used only as a guarded fallback inside
:func:`parse_figure` for digit forms our regexes do not know (e.g. "1e3").

Conventions:

* ``Figure.value`` is an int; non-integral values ("1.5") round half up and the exact value is
  kept in ``low``/``high`` when the qualifier is exact.
* exact: ``low == high == value``; at_least: ``low=value, high=None``; at_most:
  ``low=None, high=value``; approx: no bounds; a range is approx with both bounds and the
  rounded midpoint as value.
* Vague plurals ("hundreds of", "thousands", "dozens", "several hundred") are not figures.
* Numbers glued to letters are codes, not figures ("M-17", "COVID-19", "G20", "1990s").
* All-digit dates ("2024-04-19", "19/04/2025", "31-12-2023", "2023/12/31") and clock times ("02:40 PM") are consumed and
  not reported; a day number beside a month name ("8 June", "June 8") is kind ``"date"``.
* Grouping separators: commas (western and South Asian), spaces of every width, apostrophes
  ("5'500"), zero-width characters beside a comma ("5,\u200b500"), and dots when there are two
  or more ("1.234.567"). A single dot before three digits is a decimal point, except before a
  word that counts people ("5.500 troops" is 5,500: nobody counts half a soldier).
* A minus sign glued to the digits ("\u22125", "-5") makes kind ``"negative"``: never a count.
* Years are never counts: four digits from 1900 to 2099 are kind ``"year"``, and so is any other
  four-digit number after a date preposition ("As of 1066,") unless people are counted after it.
* A run of more than :data:`MAX_DIGITS` digits is an identifier and is not reported. Every
  pattern reads a bounded neighbourhood, so scanning is linear in the length of the text.

Why one module of this size: the word tables, scale words, hedges and the scanner share one set
of compiled patterns (a hedge is read by the same pass that reads its number); split apart, each
part would import the others' private patterns.
"""

from __future__ import annotations

import functools
import math
import re
import warnings
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from peacefacts.nlp.first_chars import with_first_char_guard
from peacefacts.records import Figure, Qualifier
from peacefacts.vocab.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, alternation
from peacefacts.vocab.countries import is_demonym

__all__ = ["FigureMatch", "find_figures", "parse_figure", "KINDS", "VALUE_KINDS", "MAX_DIGITS", "NUMBER_PATTERN"]

#: Every kind :func:`find_figures` can report.
KINDS = frozenset(
    {"cardinal", "year", "range", "ordinal", "percent", "money", "time", "duration", "quantity", "date", "label",
     "negative"}
)
#: Kinds whose figure is a value a phrase can mean (what :func:`parse_figure` accepts).
VALUE_KINDS = frozenset({"cardinal", "year", "range", "percent", "money", "duration", "quantity"})


class FigureMatch(NamedTuple):
    """A number expression found in text.

    ``start``/``end`` cover the whole expression with its hedge words and, for percent, money,
    time, duration and quantity, its unit; ``num_start``/``num_end`` cover the number itself
    (digits or number words, with a scale word; both numbers of a range).
    """

    start: int
    end: int
    num_start: int
    num_end: int
    figure: Figure
    kind: str


# --------------------------------------------------------------------------------------------
# vocabularies

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_BIG = {
    "thousand": 10**3, "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5, "million": 10**6,
    "crore": 10**7, "crores": 10**7, "billion": 10**9, "trillion": 10**12,
}  # fmt: skip
# Scales that may follow digits ("2 thousand", "0.3 mln", "$1.2bn"); "m"/"k" only for money.
_DIGIT_SCALES = {**_BIG, "hundred": 100, "dozen": 12, "mln": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
_MONEY_SCALES = {"m": 10**6, "k": 10**3, "b": 10**9}

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 10**6,
}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    # longest first so an alternation never stops at a prefix ("seven" in "seventy")
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_NUMBER_WORDS = {**_UNITS, **_TEENS, **_TENS, "hundred": 100, **_BIG, "dozen": 12}
_WORD = rf"(?:{_alt(_NUMBER_WORDS)})\b"
_WORD_RUN = rf"\b{_WORD}(?:(?:\s*-\s*|\s+)(?:and\s+)?{_WORD})*"

#: The longest run of digits read as a number (grouping separators not counted). A longer run is
#: an identifier (an order number, a 400-digit id), never a figure, and is not reported; this
#: also bounds the work per number, so scanning stays linear in the text.
MAX_DIGITS = 15

# zero-width characters that web pages leave inside numbers ("5,\u200b500")
_ZW = "\u200b\u200c\u200d\u2060\ufeff"
# spaces that group digits: space, no-break, figure, punctuation, thin, hair and narrow no-break
_SPACE_SEP = "[ \u00a0\u2007\u2008\u2009\u200a\u202f]"
_DIGITNUM = (
    rf"\d{{1,3}}(?:[{_ZW}]*,[{_ZW}]*\d{{3}})+(?:\.\d+)?(?![\d,]\d)"  # 235,000 (western)
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,]\d)"  # 1,63,887 (South Asian)
    rf"|\d{{1,3}}(?:{_SPACE_SEP}\d{{3}})+(?![\d,.]\d)"  # 10 490 (space grouping)
    r"|\d{1,3},[ ]\d{3}(?![\d,.]\d)(?=[ ]+(?!and\b|or\b|to\b|of\b)[a-z])"  # "a total of 2, 341 personnel" (a stray space)
    rf"|\d{{1,3}}(?:['\u2019][{_ZW}]*\d{{3}})+(?![\d'\u2019]\d)"  # 5'500 (apostrophe grouping)
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.]\d)"  # 1.234.567 (dots: European thousands)
    rf"|\d(?:[{_ZW}]?\d)*(?:\.\d+)?"  # a zero-width character a page left between digits ("1\u200b81") joins them
)
#: Regex source for "a number" (digits or number words); :mod:`peacefacts.nlp.dates` reuses it
#: inside larger patterns, so it is bounded: it only starts where a number starts (never inside
#: a run of digits) and reads at most :data:`MAX_DIGITS` digits and nine number words. Unbounded,
#: every position of a 4,000-digit id restarted the scan to its end (quadratic).
NUMBER_PATTERN = (
    rf"(?:(?<![\w.,])\d{{1,{MAX_DIGITS}}}(?:[,.]\d{{1,3}}){{0,5}}(?![,.]?\d)"
    rf"|(?i:\b{_WORD}(?:(?:\s*-\s*|\s+)(?:and\s+)?{_WORD}){{0,8}}))"
)

_CURRENCY_PREFIX = r"(?:US\s?\$|A\$|C\$|HK\$|\$|€|£|¥|₹|Rs\.?|INR|PKR|USD|EUR|GBP|Tk\.?|Rp\.?|KSh)"
_MONTH = rf"(?:{alternation(MONTH_NAMES + MONTH_ABBREVIATIONS)})\.?"
_MONTH_ANY = rf"(?:{_MONTH}|(?:{alternation(n.upper() for n in MONTH_NAMES)}))"

_ORDINAL_WORD_RE = (
    rf"(?:(?:{_alt(_TENS)})[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    rf"|{_alt(w for w in _ORDINAL_WORDS if _ORDINAL_WORDS[w] >= 10)}"
)

# One pass over the text finds every atom; context is read around each afterwards. The order of
# alternatives matters only at equal start positions. The guard (same matches) skips positions no
# alternative can start at.
_ATOM = with_first_char_guard(re.compile(
    rf"""
    (?P<iso>(?<![\w.])(?:1[89]|20)\d{{2}}(?:-[01]\d-[0-3]\d|/[01]?\d/[0-3]?\d|\.[01]\d\.[0-3]\d)(?![\w]))
   |(?P<numdate>(?<![\w./])\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})(?![\w/.]\d)
      |(?<![\w./-])\d{{1,2}}-\d{{1,2}}-(?:1[89]|20)\d{{2}}(?![\w/.-]?\d))
   |(?P<slashed>(?<![\w./])\d+/\d+(?![\w/]))
   |(?P<clock>(?<![\w:.])\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[AaPp]\.?[Mm]\b\.?)?)
   |(?P<money>(?<![A-Za-z]){_CURRENCY_PREFIX}\s?(?P<mnum>{_DIGITNUM}))
   |(?P<digits>(?<![\w.,])(?<![A-Za-z]-)(?<![A-Za-z]\u2013)(?:{_DIGITNUM}))
   |(?P<ordword>(?i:\b(?:{_ORDINAL_WORD_RE})\b))
   |(?P<words>(?i:{_WORD_RUN}))
    """,
    re.VERBOSE,
))

_I = re.IGNORECASE
# --- what may follow a number
_SCALE_AFTER = re.compile(rf"\s*(?:({_alt(_DIGIT_SCALES)})\b)", _I)
_MONEY_SCALE_AFTER = re.compile(r"([mMkKbB])\b")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", _I)
_GLUED = re.compile(r"[A-Za-z0-9_]")
_POST_HEDGE = re.compile(
    r"""(?:
        (?P<plus>\s*\+(?!\s*\d)|\s*-?\s*plus\b(?!\s+\d))
       |(?P<more>\s+(?:or|and)\s+(?:more|above|over|greater|upwards|upward)\b)
       |(?P<less>\s+or\s+(?:fewer|less|under|below)\b)
       |(?P<approx>\s+or\s+so\b|\s*-\s*odd\b|\s+odd\b)
    )""",
    re.VERBOSE | _I,
)
_PERCENT = re.compile(r"\s*(?:%|per\s?cent\b|pct\b|percentage\s+points?\b)", _I)
_MONEY_SUFFIX = re.compile(
    r"\s+(?:US\s+)?(?:dollars?|USD|euros?|EUR|rupees?|PKR|INR|pounds?\s+sterling|GBP|yuan|RMB|taka"
    r"|francs?|yen|shillings?|naira|rand|won|rupiah)\b",
    _I,
)
_TIME_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)"
_DURATION = re.compile(
    rf"(?:\s*-\s*|\s+)(?P<unit>{_TIME_UNIT}|years?|yrs?|months?|weeks?|days?|decades?|centuries|century|nights?)\b"
    r"(?P<ago>\s+ago\b)?",
    _I,
)
_AMPM = re.compile(r"\s*(?:[ap]\.m\.|[ap]m\b)", _I)
_QUANTITY = re.compile(
    r"\s*(?:km|kilomet(?:er|re)s?|miles?|kg|kilo(?:gram)?s?|tonnes?|tons?|met(?:er|re)s?|sq\.?\s?km|hectares?|ha\b"
    r"|lit(?:er|re)s?|gallons?|mw|kw|mm|cm|magnitude|degrees?|°c?|kph|mph|km/h|feet|ft|inch(?:es)?|acres?|kilowatts?"
    r"|megawatts?|barrels?)(?![\w])",
    _I,
)
# --- what may precede a number
_HEDGE_BEFORE = re.compile(
    r"""(?<![\w])(?:
        (?P<exact>as\s+many\s+as|as\s+few\s+as|as\s+much\s+as)
       |(?P<at_least>(?:(?:well|just|slightly|a\s+little|a\s+bit|far|much)\s+)?
            (?:over|more\s+than|above|exceed(?:ing|s|ed)?|in\s+excess\s+of|upwards?\s+of|at\s+least
              |no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of|greater\s+than|north\s+of))
       |(?P<at_most>(?:(?:well|just|slightly|a\s+little|a\s+bit)\s+)?
            (?:up\s+to|at\s+most|at\s+the\s+most|less\s+than|fewer\s+than|under|below|no\s+more\s+than
              |not\s+more\s+than|a\s+maximum\s+of|a\s+max(?:imum)?\s+of))
       |(?P<approx>about|around|nearly|almost|some|approximately|approx\.?|roughly|close\s+to|an\s+estimated
              |estimated|circa|ca\.|just\s+about|more\s+or\s+less|approaching|in\s+the\s+region\s+of
              |(?:of\s+)?the\s+order\s+of|an\s+approximate|~)
    )\s*\Z""",
    re.VERBOSE | _I,
)
_BETWEEN = re.compile(r"(?<![\w])between\s+\Z", _I)
_FROM = re.compile(r"(?<![\w])from\s+\Z", _I)
_A_BEFORE = re.compile(r"(?<![\w])(?P<half>half\s+)?an?\s+\Z", _I)
_PRONOUN_ONE = re.compile(r"(?<![\w])(?:no|any|every|each|the|this|that|which)\s+\Z", _I)
_ONE_COUNTS = re.compile(r"\s+(?:[A-Z][a-z]+|(?:more|other|additional|foreign|un|u\.n\.)\s+\w+|peacekeeper|soldier|officer|member|person)\b")
_LABEL_BEFORE = re.compile(
    # "Photo 6 of 6", "Page 2/5": a gallery's or a document's counter, both numbers
    r"(?:(?<![\w])(?:[Pp]hoto|PHOTO|[Ii]mage|[Pp]icture|[Ss]lide|[Pp]age)\s+\d{1,3}\s*(?:of|/)\s*"
    r"|(?<![\w])(?:No|NO|no|Nos|nos)\.\s*|#\s*|(?<![\w])(?:[Pp]hoto|[Ii]mage|[Pp]icture|[Ss]lide|[Rr]esolutions?|[Aa]rticles?|[Cc]hapter|[Ss]ection|[Pp]aragraph"
    r"|[Pp]ara|[Pp]age|[Pp]hase|[Ff]light|[Rr]oute|[Hh]ighway|[Rr]oom|[Ll]evel|[Vv]ersion|[Mm]atch|[Gg]rade|[Tt]ier"
    r"|[Rr]ound|[Pp]art|[Vv]ol|[Ff]ig|[Ff]igure|[Tt]able|[Ss]eason|[Ss]ector|[Bb]attalion|[Bb]rigade|[Bb]atch|[Pp]ost"
    r"|[Cc]amp|[Uu]nit|[Cc]ompany|[Gg]roup|[Zz]one|[Bb]lock|[Ww]ard|[Gg]ate|[Ll]ine|[Ss]erial|[Rr]ule|[Cc]lause)\.?\s+)\Z"
)
_MONTH_BEFORE = re.compile(rf"(?<![\w]){_MONTH_ANY}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s*[-\u2013]\s*)?\Z")
_MONTH_AFTER = re.compile(
    rf"(?:(?:st|nd|rd|th)?\s*[-\u2013]\s*\d{{1,2}}(?:st|nd|rd|th)?)?(?:st|nd|rd|th)?\s*(?:of\s+)?,?\s*{_MONTH_ANY}(?![\w])"
)
_RANGE_GAP = re.compile(r"\s*[-\u2013\u2014]\s*|\s+to\s+", _I)
_AND_GAP = re.compile(r"\s+and\s+", _I)
_HALF_WORDS = re.compile(r"\b(?:half|quarter|third|couple|few|several|many|dozens|hundreds|thousands)\b", _I)
# a digit glued to letters is a code ("M-17", "G20", "1990s"), except an exponent ("1e3")
_FRACTION_AFTER = re.compile(
    r"[\s-]+(?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b", _I
)
_FRACTION_BEFORE = re.compile(rf"(?:\b(?:{_alt(_UNITS)}|{_alt(_TEENS)}|{_alt(_TENS)}|a|an)|\d)\s*-\s*\Z|\b(?:{_alt(_UNITS)}|a|an)\s+\Z", _I)
_CODE = re.compile(r"(?<!\d)[A-Za-z]-?\d|\d(?![eE][+-]?\d)[A-Za-z]")
_LONG_DIGITS = re.compile(rf"\d{{{MAX_DIGITS + 1}}}")
_GROUPING = re.compile(rf"[,\s'\u2019{_ZW}]|\.\d{{3}}\.")
_SEPARATORS = re.compile(rf"[,\s'\u2019{_ZW}]")
# a single dot before exactly three digits: 5.5 in English, 5,500 in much of Europe
_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")
# signs glued to the digits: a count is never negative ("\u22125" is minus five, not five)
_MINUS_SIGNS = frozenset("\u2212\ufe63\uff0d")
# a four-digit number after these is a year ("As of 1066, ..."), unless people are counted after it
_YEAR_PREPOSITION = re.compile(
    r"(?<![\w])(?:as\s+(?:of|at|on)|since|until|till|by|from|in|during|before|after|circa|c\.|year|years"
    r"|early|mid|late|end\s+of)\s*-?\s*\Z",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s+(?:[\w-]+\s+)?([A-Za-z]+)")


# --------------------------------------------------------------------------------------------
# atoms


class _Atom:
    """One number before context is read: value and where it sits."""

    __slots__ = ("start", "end", "num_start", "num_end", "value", "kind", "scaled", "grouped", "money")

    def __init__(self, start: int, end: int, value: Decimal, kind: str = "cardinal") -> None:
        self.start = self.num_start = start
        self.end = self.num_end = end
        self.value = value
        self.kind = kind
        self.scaled = False  # a scale word multiplied the digits ("2 thousand")
        self.grouped = False  # written with grouping separators ("2,000")
        self.money = False


def _digits_value(raw: str) -> Decimal | None:
    cleaned = _SEPARATORS.sub("", raw)
    if cleaned.count(".") > 1:  # "1.234.567": dots group thousands
        cleaned = cleaned.replace(".", "")
    try:
        return Decimal(cleaned)
    except ArithmeticError:  # pragma: no cover - the regex only passes digits and one dot
        return None


def _word_kind(word: str) -> tuple[str, int]:
    if word in _UNITS:
        return "unit", _UNITS[word]
    if word in _TEENS:
        return "teen", _TEENS[word]
    if word in _TENS:
        return "tens", _TENS[word]
    if word == "hundred":
        return "hundred", 100
    if word == "dozen":
        return "dozen", 12
    if word in _BIG:
        return "big", _BIG[word]
    return "and", 0


def _parse_words(tokens: list[tuple[str, int, int]], i: int, lead: Decimal | None) -> tuple[Decimal, int]:
    """Read the longest valid number from ``tokens[i:]``; return (value, index after it).

    ``lead`` is the value of a leading "a"/"half a" already read before ``tokens[i]``. The grammar
    is strict so two numbers in a row ("one two") are not summed and "eighty eight" is 88.
    """
    total = Decimal(0)
    cur = lead if lead is not None else Decimal(0)
    last = "unit" if lead is not None else None
    last_big = math.inf
    j = i
    end = i
    n = len(tokens)
    while j < n:
        kind, val = _word_kind(tokens[j][0])
        if kind == "and":
            if last in ("hundred", "big") and j + 1 < n and _word_kind(tokens[j + 1][0])[0] in ("unit", "teen", "tens"):
                j += 1
                continue
            break
        if kind == "unit":
            if last not in (None, "hundred", "big", "tens"):
                break
            cur += val
        elif kind in ("teen", "tens"):
            if last not in (None, "hundred", "big"):
                break
            cur += val
        elif kind == "hundred":
            if last not in ("unit", "teen", "tens") or cur >= 100:
                break
            cur *= 100
        elif kind == "dozen":
            if last not in ("unit", "teen", "tens") or cur >= 100:
                break
            cur *= 12
            last = kind
            end = j = j + 1
            break  # "two dozen" ends a number
        else:  # big
            if last not in ("unit", "teen", "tens", "hundred") or val >= last_big or cur == 0:
                break
            total += cur * val
            cur = Decimal(0)
            last_big = val
        last = kind
        j += 1
        end = j
    return total + cur, end


def _word_atoms(text: str, start: int, end: int, region_start: int) -> list[_Atom]:
    run = text[start:end]
    tokens = [(m.group(0).lower(), start + m.start(), start + m.end()) for m in re.finditer(r"[A-Za-z]+", run)]
    atoms: list[_Atom] = []
    i = 0
    while i < len(tokens):
        if tokens[i][0] == "and":
            i += 1
            continue
        lead = None
        atom_start = tokens[i][1]
        kind = _word_kind(tokens[i][0])[0]
        if kind in ("hundred", "big", "dozen"):
            # a bare scale is vague ("several hundred", "few thousand") unless "a"/"half a" precedes
            m = _A_BEFORE.search(text, max(region_start, atom_start - 12), atom_start) if i == 0 else None
            if m is None:
                i += 1
                continue
            lead = Decimal("0.5") if m.group("half") else Decimal(1)
            atom_start = m.start()
        value, j = _parse_words(tokens, i, lead)
        if j == i:
            i += 1
            continue
        atom = _Atom(atom_start, tokens[j - 1][2], value)
        atom.scaled = any(_word_kind(t[0])[0] in ("hundred", "big", "dozen") for t in tokens[i:j])
        if _FRACTION_AFTER.match(text, atom.end):
            i = j
            continue  # "two-thirds of the troops" is not 2
        if j - i == 1 and lead is None and tokens[i][0] == "one":
            pronoun = _PRONOUN_ONE.search(text, max(region_start, atom_start - 8), atom_start)
            if pronoun and not (pronoun.group(0).lower().startswith("that") and _ONE_COUNTS.match(text, atom.end)):
                i = j
                continue  # "no one", "the one": pronouns (but "said that one Cambodian peacekeeper")
        atoms.append(atom)
        i = j
    return atoms


def _signed(text: str, at: int, start: int) -> bool:
    """Whether the digits at ``at`` carry a minus sign: a Unicode minus, or a hyphen that is
    neither inside a word ("M-17") nor a range or dash after a number ("10-15", "--")."""
    if at - 1 < start:
        return False
    sign = text[at - 1]
    if sign in _MINUS_SIGNS:
        return True
    if sign != "-":
        return False
    before = text[at - 2] if at - 2 >= start else " "
    return not (before.isalnum() or before in "-\u2013\u2014_")


_HEAD_COUNT_NOUNS: frozenset[str] | None = None


def _head_count_nouns() -> frozenset[str]:
    global _HEAD_COUNT_NOUNS
    if _HEAD_COUNT_NOUNS is None:
        from peacefacts.vocab.text import read_table

        _HEAD_COUNT_NOUNS = frozenset(row[0].lower() for row in read_table("head_count_nouns.tsv"))
    return _HEAD_COUNT_NOUNS


def _counts_people(text: str, pos: int, end: int) -> bool:
    """Whether a word that counts people follows ``pos`` (next word, or the one after it:
    "5.500 troops", "5.500 UN peacekeepers")."""
    m = _NEXT_WORD.match(text, pos, end)
    if m is None:
        return False
    nouns = _head_count_nouns()
    if m.group(1).lower() in nouns:
        return True
    # the word right after the number, when the optional skipped word was itself the noun
    first = re.match(r"\s+([A-Za-z]+)", text[pos : min(end, pos + 40)])
    if first is None:
        return False
    word = first.group(1)
    # "more than 47.000 Uruguayans passed through peace missions": a people is counted in heads
    return word.lower() in nouns or (word[:1].isupper() and word.endswith("s") and is_demonym(word))


def _scan_atoms(text: str, start: int, end: int) -> list[_Atom]:
    atoms: list[_Atom] = []
    for m in _ATOM.finditer(text, start, end):
        group = m.lastgroup
        if group in ("iso", "numdate", "clock", "slashed"):
            continue  # all-digit dates, clock times, "9/11", "24/7", "1/2": not figures, nor their parts
        if group == "words":
            atoms.extend(_word_atoms(text, m.start(), m.end(), start))
            continue
        if group == "ordword":
            if _FRACTION_BEFORE.search(text, max(start, m.start() - 12), m.start()):
                continue  # "two-thirds", "one third": fractions, not ordinals
            word = re.split(r"[\s-]+", m.group(0).lower())
            ordinal = sum(_TENS.get(w, 0) + _ORDINAL_WORDS.get(w, 0) for w in word)
            atoms.append(_Atom(m.start(), m.end(), Decimal(ordinal), "ordinal"))
            continue
        raw = m.group("mnum") if group == "money" else m.group(0)
        if sum(c.isdigit() for c in raw) > MAX_DIGITS:
            continue  # an identifier, not a number
        if group == "money":
            num_start, num_end = m.span("mnum")
            value = _digits_value(m.group("mnum"))
            atom = _Atom(m.start(), m.end(), value if value is not None else Decimal(0), "money")
            atom.num_start, atom.num_end = num_start, num_end
            atom.money = True
        else:
            value = _digits_value(raw)
            if value is None:  # pragma: no cover
                continue
            atom = _Atom(m.start(), m.end(), value)
            if _signed(text, m.start(), start):
                atom.start -= 1
                atom.value = -value
                atom.kind = "negative"
        atom.grouped = _GROUPING.search(raw) is not None
        # glued letters: ordinal suffix, attached scale ("2bn") or a code ("20G", "1990s")
        pos = atom.num_end
        if pos < end and _GLUED.match(text, pos):
            o = _ORDINAL_SUFFIX.match(text, pos, end)
            s = _SCALE_AFTER.match(text, pos, end)
            ms = _MONEY_SCALE_AFTER.match(text, pos, end) if atom.money else None
            if o and not atom.money:
                atom.end = atom.num_end = o.end()
                atom.kind = "ordinal"
            elif s and s.group(1).lower() in ("mln", "mn", "bn", "tn", "lakh", "lakhs", "crore", "crores"):
                pass  # handled below with the other scales
            elif ms:
                atom.value *= _MONEY_SCALES[ms.group(1).lower()]
                atom.end = atom.num_end = ms.end()
                atom.scaled = True
            else:
                continue
        atoms.append(atom)
    return atoms


# --------------------------------------------------------------------------------------------
# context


def _read_context(text: str, atom: _Atom, region_start: int, end: int) -> tuple[str | None, str | None]:
    """Extend ``atom`` with scale, unit and hedge words; return (prefix hedge, post hedge)."""
    if atom.kind == "negative":
        return None, None
    if atom.kind == "ordinal":
        if _MONTH_AFTER.match(text, atom.end, end) or _MONTH_BEFORE.search(text, max(region_start, atom.start - 16), atom.start):
            atom.kind = "date"
        return None, None
    pos = atom.num_end
    if not atom.scaled and not atom.grouped and atom.kind == "cardinal":
        digits = text[atom.num_start : atom.num_end]
        if _DOT_THOUSANDS.fullmatch(digits) and _counts_people(text, atom.num_end, end):
            # "5.500 troops": nobody counts half a soldier, so the dot groups thousands
            atom.value = Decimal(digits.replace(".", ""))
            atom.grouped = True
    if not atom.scaled:
        s = _SCALE_AFTER.match(text, pos, end)
        if s:
            atom.value *= _DIGIT_SCALES[s.group(1).lower()]
            atom.scaled = True
            atom.end = atom.num_end = pos = s.end()
    window = max(region_start, atom.start - 40)
    post = None
    ph = _POST_HEDGE.match(text, pos, end)
    if ph:
        post = ph.lastgroup
        pos = ph.end()

    kind = atom.kind
    if kind == "money":
        m = _MONEY_SUFFIX.match(text, pos, end)  # "Rs 2 crore rupees": keep the unit in the span
        if m:
            pos = m.end()
    elif m := _PERCENT.match(text, pos, end):
        kind, pos = "percent", m.end()
    elif m := _MONEY_SUFFIX.match(text, pos, end):
        kind, pos = "money", m.end()
    elif m := _DURATION.match(text, pos, end):
        kind, pos = ("time" if m.group("ago") else "duration"), m.end()
    elif m := _AMPM.match(text, pos, end):
        kind, pos = "time", m.end()
    elif m := _QUANTITY.match(text, pos, end):
        kind, pos = "quantity", m.end()
    elif (
        not atom.scaled
        and not atom.grouped
        and atom.num_end - atom.num_start <= 2
        and 1 <= atom.value <= 31
        and (
            _MONTH_AFTER.match(text, atom.num_end, end)
            or _MONTH_BEFORE.search(text, max(region_start, atom.start - 16), atom.start)
        )
    ):
        kind = "date"
    if post is None and kind != "date":
        ph = _POST_HEDGE.match(text, pos, end)
        if ph and ph.lastgroup != "plus":
            post = ph.lastgroup
            pos = ph.end()
    atom.end = pos
    if kind == "cardinal":
        digits = text[atom.num_start : atom.num_end]
        if _LABEL_BEFORE.search(text, window, atom.start):
            kind = "label"
        elif digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2099:
            kind = "year"
        elif (
            digits.isdigit()
            and len(digits) == 4
            and 1000 <= int(digits) <= 2099
            and _YEAR_PREPOSITION.search(text, window, atom.start)
            and not _counts_people(text, atom.num_end, end)
        ):
            kind = "year"  # "As of 1066, ...": a year, however odd, is never a count
    atom.kind = kind
    if kind in ("date", "label", "time"):
        return None, None
    h = _HEDGE_BEFORE.search(text, window, atom.start)
    hedge = None
    if h:
        hedge = h.lastgroup
        atom.start = h.start()
    return hedge, post


def _round(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _figure(value: Decimal, qualifier: Qualifier, surface: str) -> Figure:
    v = _round(value)
    if qualifier is Qualifier.EXACT:
        return Figure(value=v, qualifier=qualifier, low=_plain(value), high=_plain(value), text=surface)
    if qualifier is Qualifier.AT_LEAST:
        return Figure(value=v, qualifier=qualifier, low=_plain(value), high=None, text=surface)
    if qualifier is Qualifier.AT_MOST:
        return Figure(value=v, qualifier=qualifier, low=None, high=_plain(value), text=surface)
    return Figure(value=v, qualifier=qualifier, low=None, high=None, text=surface)


_QUALIFIER = {
    "exact": Qualifier.EXACT,
    "at_least": Qualifier.AT_LEAST,
    "at_most": Qualifier.AT_MOST,
    "approx": Qualifier.APPROX,
    "plus": Qualifier.AT_LEAST,
    "more": Qualifier.AT_LEAST,
    "less": Qualifier.AT_MOST,
}

# kinds read without hedges, units or ranges: their figure is the number alone
_NO_CONTEXT_KINDS = frozenset({"date", "label", "time", "ordinal", "negative"})

_RANGE_KINDS = frozenset({"cardinal", "percent", "money", "duration", "quantity"})


def _join_range(text: str, a: _Atom, b: _Atom, region_start: int, between: bool) -> FigureMatch | None:
    # years never join: "between 1960 and 2007" is a period and "from 2,867 in 2014 to 4,000" a change
    if a.kind not in _RANGE_KINDS or b.kind not in _RANGE_KINDS:
        return None
    if a.kind != "cardinal" and b.kind != "cardinal" and a.kind != b.kind:
        return None
    low, high = a.value, b.value
    # "1.2 to 1.5 million", "two to three thousand": the scale of the upper bound applies to both
    if b.scaled and not a.scaled:
        scale = _scale_of(text, b)
        if scale and low < high / scale:
            low *= scale
    if not low < high:
        return None
    kind = a.kind if a.kind != "cardinal" else b.kind
    if kind == "cardinal":
        kind = "range"
    start = a.start
    if between:
        m = _BETWEEN.search(text, max(region_start, a.start - 12), a.start)
        start = m.start() if m else start
    surface = text[start : b.end]
    mid = (low + high) / 2
    figure = Figure(value=_round(mid), qualifier=Qualifier.APPROX, low=_plain(low), high=_plain(high), text=surface)
    return FigureMatch(start, b.end, a.num_start, b.num_end, figure, kind)


def _scale_of(text: str, atom: _Atom) -> int | None:
    m = re.search(rf"({_alt(_DIGIT_SCALES)})\s*\Z", text[atom.num_start : atom.num_end], _I)
    if m:
        return _DIGIT_SCALES[m.group(1).lower()]
    m = _MONEY_SCALE_AFTER.search(text, atom.num_end - 1, atom.num_end)
    return _MONEY_SCALES.get(m.group(1).lower()) if m and atom.money else None


#: Sentences longer than this are scanned afresh rather than remembered (bounded memory).
_MEMO_MAX_CHARS = 2000
#: How far before ``start`` the patterns may look (their longest look-behind is two characters).
_LOOKBEHIND = 16


def _memoised(scan: Callable[[str, int, int | None], list[FigureMatch]]) -> Callable[..., list[FigureMatch]]:
    """``scan`` with its results kept for the last sentences: the planner scans each sentence
    twice (for table rows and for candidates) and the fact rules read the same short phrases
    again and again. Remembered by the sentence and the few characters before it that the
    patterns can look back at, never by the whole text (memory stays bounded); offsets are
    moved back into the caller's text, and each caller gets its own list."""

    @functools.lru_cache(maxsize=2048)
    def cached(before: str, segment: str) -> tuple[FigureMatch, ...]:
        return tuple(scan(before + segment, len(before), len(before) + len(segment)))

    @functools.wraps(scan)
    def memoised(text: str, start: int = 0, end: int | None = None) -> list[FigureMatch]:
        start = max(0, start)
        end = len(text) if end is None else min(end, len(text))
        if end - start > _MEMO_MAX_CHARS:
            return scan(text, start, end)
        before = text[max(0, start - _LOOKBEHIND) : start]
        shift = start - len(before)
        found = cached(before, text[start:end])
        if not shift:
            return list(found)
        return [
            m._replace(start=m.start + shift, end=m.end + shift, num_start=m.num_start + shift, num_end=m.num_end + shift)
            for m in found
        ]

    return memoised


@_memoised
def find_figures(text: str, start: int = 0, end: int | None = None) -> list[FigureMatch]:
    """Find every number expression in ``text[start:end]``, with offsets into ``text``.

    Args:
        text: The text to scan (a sentence or a whole document).
        start: Where to start scanning.
        end: Where to stop (default: the end of ``text``).

    Returns:
        Matches in text order, never overlapping. ``kind`` is one of :data:`KINDS`; the caller
        decides which kinds can be counts ("cardinal", "range", sometimes "year").

    Example:
        >>> [(m.figure.value, m.figure.qualifier.value, m.kind) for m in
        ...  find_figures("Over 1,63,887 troops served in 48 missions since 1960.")]
        [(163887, 'at_least', 'cardinal'), (48, 'exact', 'cardinal'), (1960, 'exact', 'year')]
    """
    end = len(text) if end is None else min(end, len(text))
    atoms = _scan_atoms(text, start, end)
    contexts = [_read_context(text, a, start, end) for a in atoms]
    out: list[FigureMatch] = []
    i = 0
    n = len(atoms)
    while i < n:
        a = atoms[i]
        hedge, post = contexts[i]
        if i + 1 < n and a.kind not in _NO_CONTEXT_KINDS and post is None:
            b = atoms[i + 1]
            gap = text[a.end : b.start]
            joined = None
            if b.kind not in _NO_CONTEXT_KINDS and contexts[i + 1][0] is None:
                if _AND_GAP.fullmatch(gap) and _BETWEEN.search(text, max(start, a.start - 12), a.start):
                    joined = _join_range(text, a, b, start, between=True)
                elif _RANGE_GAP.fullmatch(gap) and not (
                    "to" in gap.lower() and _FROM.search(text, max(start, a.start - 8), a.start)
                ):
                    joined = _join_range(text, a, b, start, between=False)
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        if a.kind in _NO_CONTEXT_KINDS:
            figure = Figure.exact(_round(a.value), text=text[a.start : a.end])
        else:
            qualifier = _QUALIFIER[hedge] if hedge else (_QUALIFIER[post] if post in _QUALIFIER else Qualifier.EXACT)
            if hedge is None and post == "approx":
                qualifier = Qualifier.APPROX
            figure = _figure(a.value, qualifier, text[a.start : a.end])
        out.append(FigureMatch(a.start, a.end, a.num_start, a.num_end, figure, a.kind))
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# one phrase


def parse_figure(text: str) -> Figure | None:
    """Read one number, with its hedge, from a short phrase.

    Args:
        text: A short phrase such as a spaCy CARDINAL span ("Nearly 6,000", "eighty eight").

    Returns:
        The first figure whose kind can carry a value (:data:`VALUE_KINDS`), or ``None`` when the
        phrase holds no such number ("hundreds of", "11th", "M-17").

    Example:
        >>> parse_figure("Over a hundred")
        Figure(value=100, qualifier=<Qualifier.AT_LEAST: 'at_least'>, low=100, high=None, text='Over a hundred')
        >>> parse_figure("1.5 lakh").value, parse_figure("between 1,200 and 1,500").value
        (150000, 1350)
    """
    matches = find_figures(text)
    for match in matches:
        if match.kind in VALUE_KINDS:
            return match.figure
    if matches or not any(c.isdigit() for c in text) or _CODE.search(text) or _LONG_DIGITS.search(text):
        return None  # no number, a code, or an identifier too long to be one
    if any(m.lastgroup in ("iso", "numdate", "clock", "slashed") for m in _ATOM.finditer(text)):
        return None  # a date, a clock time or "9/11": read and refused on purpose
    # Our regexes cover every form the news corpus uses; quantulum3 only sees digit forms they
    # do not know ("1e3"), on the short phrase, and only dimensionless integral results count.
    return _quantulum_figure(text.strip())


def _quantulum_figure(span: str) -> Figure | None:
    """Ask quantulum3 about a short span; accept only one dimensionless, integral count.

    quantulum3 reads "161 gallant" as gallons, "two dozen" as 2 dozen and "half a million" as
    1.5 million, so anything with a unit, a fraction word or a non-integral value is refused.
    """
    if not span or len(span) > 60 or _HALF_WORDS.search(span):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as qparser

            quantities = qparser.parse(span)
    except Exception:  # noqa: BLE001 - a third-party parser failing on odd input means "no figure"
        return None
    if len(quantities) != 1:
        return None
    q = quantities[0]
    if q.unit.name != "dimensionless" or q.unit.entity.name != "dimensionless":
        return None
    value = float(q.value)
    if not math.isfinite(value) or value < 0 or abs(value - round(value)) > 1e-9:
        return None
    if q.uncertainty:
        return Figure(value=int(round(value)), qualifier=Qualifier.APPROX, text=q.surface)
    return Figure.exact(int(round(value)), text=q.surface)
