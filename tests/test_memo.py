"""The shortcuts that make extraction fast give exactly the output of the work they skip.

* :class:`~peacefacts.nlp.model.TokenAttributes` stands for the pipeline's attribute ruler and
  lemmatizer: every token must get the POS, morphology, lemma, tag and label they give it.
* :class:`~peacefacts.nlp.matcher.AnchoredMatcher` tries on a sentence only the patterns whose
  words it holds: its matches must be a spaCy ``Matcher``'s, in the same order.
* :func:`~peacefacts.nlp.dates.find_dates` and :func:`~peacefacts.nlp.numbers.find_figures`
  keep their recent results: a remembered answer must be the one the scan gives, wherever the
  sentence sits in a text, and a caller changing its list must not change the next answer.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from peacefacts.nlp import dates, numbers
from peacefacts.nlp.dates import find_dates
from peacefacts.nlp.model import TokenAttributes, token_attributes
from peacefacts.nlp.numbers import find_figures
from peacefacts.records import PartialDate

# words the attribute ruler's multi-token patterns change, and sentences around them
TRICKY = [
    "There are 5,000 peacekeepers in Mali; there were 4,000 in 2019 and there's a plan.",
    "They are peacekeepers. Are there any?",
    "Let's see: they gotta go, y'all ain't gonna stay, nothin' more.",
    "C'mon, he gets it and she got it: the Blue Helmets' 75th year.",
    "UNMISS said 270 members of the Rwanda Defence Force left on Sunday.",
]


def _attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def texts():
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    lines = [line for text in seeds for line in text.splitlines() if line.strip()]
    return seeds + lines + TRICKY


def test_token_attributes_give_what_the_components_give(nlp, texts):
    stage = token_attributes(nlp)
    assert stage is not None and stage.replaces == ("attribute_ruler", "lemmatizer")
    expected = [_attributes(d) for d in nlp.pipe(texts, disable=["ner"])]
    fresh = TokenAttributes.for_pipeline(nlp)  # an empty memo: every word computed
    assert fresh is not None
    fresh.prepare()  # the rulers built ahead, as the extractor does at load time
    for _ in range(2):  # then every word remembered
        docs = list(nlp.pipe(texts, disable=["ner", *fresh.replaces]))
        fresh.apply(docs)
        assert [_attributes(d) for d in docs] == expected
    assert sum(len(d) for d in expected) > 5000


def test_token_attributes_keep_multi_token_patterns(nlp):
    stage = token_attributes(nlp)
    assert stage is not None
    docs = list(nlp.pipe(TRICKY[:3], disable=["ner", *stage.replaces]))
    stage.apply(docs)
    there_are, they_are, contractions = docs
    assert (there_are[1].text, there_are[1].pos_) == ("are", "VERB")  # "There are": expl + are
    assert (they_are[1].text, they_are[1].pos_) == ("are", "AUX")
    lemmas = {t.text: t.lemma_ for t in contractions}
    assert (lemmas["'s"], lemmas["ta"], lemmas["gon"], lemmas["na"], lemmas["y'"], lemmas["ai"]) == (
        "us", "to", "go", "to", "you", "be",
    )


def test_token_attributes_refuse_pipelines_they_cannot_copy():
    import spacy
    from spacy.lookups import Lookups

    def pipeline(patterns, mode="rule", extra=None):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add_patterns(patterns)
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": mode})
        lookups = Lookups()
        for table in ("lemma_rules", "lemma_index", "lemma_exc", "lemma_lookup"):
            lookups.add_table(table, {})
        lemmatizer.initialize(lookups=lookups)
        if extra:
            nlp.add_pipe(extra)
        return nlp

    word = [{"patterns": [[{"LOWER": "un"}]], "attrs": {"POS": "PROPN"}}]
    assert TokenAttributes.for_pipeline(pipeline(word)) is not None
    assert TokenAttributes.for_pipeline(pipeline(word, mode="lookup")) is None
    assert TokenAttributes.for_pipeline(pipeline(word, extra="sentencizer")) is None  # it runs after
    any_token = [{"patterns": [[{"LOWER": "the"}, {"IS_PUNCT": True}]], "attrs": {"POS": "X"}, "index": 1}]
    assert TokenAttributes.for_pipeline(pipeline(any_token)) is None  # reads IS_PUNCT
    unbounded = [{"patterns": [[{"LOWER": "un", "OP": "+"}]], "attrs": {"POS": "X"}}]
    assert TokenAttributes.for_pipeline(pipeline(unbounded)) is None
    no_word = [{"patterns": [[{"LOWER": "new"}, {"TAG": "NNP"}]], "attrs": {"POS": "X"}, "index": 1}]
    assert TokenAttributes.for_pipeline(pipeline(no_word)) is None  # could change any word


def test_token_attributes_window_on_a_custom_ruler():
    import spacy
    from spacy.lookups import Lookups

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([
        {"patterns": [[{"IS_SPACE": False}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"LOWER": "york"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": "new"}, {"LOWER": {"REGEX": "^yorks?$"}}]], "attrs": {"LEMMA": "NYC", "POS": "NOUN"}, "index": -1},
    ])
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    for table in ("lemma_rules", "lemma_index", "lemma_exc"):
        lookups.add_table(table, {})
    lemmatizer.initialize(lookups=lookups)
    stage = TokenAttributes.for_pipeline(nlp)
    assert stage is not None
    text = "York and New York, new yorks and york."
    expected = _attributes(nlp(text))
    doc = nlp.make_doc(text)
    stage(doc)
    assert _attributes(doc) == expected
    assert [(t.text, t.pos_, t.lemma_) for t in doc if t.lower_.startswith("york")] == [
        ("York", "PROPN", "York"), ("York", "NOUN", "NYC"), ("yorks", "NOUN", "NYC"), ("york", "PROPN", "york"),
    ]


# --- the cue matcher -------------------------------------------------------------------------


def test_anchored_matcher_matches_what_a_matcher_matches(nlp, texts):
    from spacy.matcher import Matcher

    from peacefacts.nlp.facts.vocabulary import _across_line_breaks, vocabulary
    from peacefacts.nlp.matcher import AnchoredMatcher

    stage = token_attributes(nlp)
    assert stage is not None
    docs = list(nlp.pipe(texts, disable=["ner", *stage.replaces]))
    stage.apply(docs)
    rows = [
        (f"{row['label']}|{row['id']}", row.get("pattern") or [{"LOWER": w} for w in row["phrase"].lower().split()])
        for row in vocabulary().patterns
    ]
    rows += [  # optional, negated, repeated and lower-case keys: never anchors
        ("OPTIONAL", [{"LOWER": "the", "OP": "?"}, {"LEMMA": {"IN": ["peacekeeper", "troop"]}}]),
        ("NEGATED", [{"LOWER": "peacekeepers", "OP": "!"}, {"LOWER": {"IN": ["in", "from"]}}]),
        ("REPEATED", [{"LOWER": {"IN": ["un", "united"]}, "OP": "+"}, {"IS_TITLE": True}]),
        ("KEY", [{"lower": "since"}, {"LIKE_NUM": True}]),
        # a regular expression anchors its pattern too (a word of the Doc must hold it)
        ("REGEX", [{"LIKE_NUM": True}, {"LOWER": {"REGEX": "^peacekeep"}}]),
    ]
    plain, anchored = Matcher(nlp.vocab), AnchoredMatcher(nlp.vocab, max_matchers=8)
    for key, pattern in rows:
        plain.add(key, [_across_line_breaks(pattern)])
        anchored.add(key, _across_line_breaks(pattern))
    for _ in range(2):  # the Matchers of pattern subsets built, then reused (and some evicted)
        found = [anchored(d) for d in docs]
        assert found == [plain(d) for d in docs]
    labels = {nlp.vocab.strings[key].split("|")[0] for matches in found for key, _, _ in matches}
    assert {"DEATH", "CUMULATIVE", "OPTIONAL", "NEGATED", "REPEATED", "KEY", "REGEX", "INCIDENT"} <= labels
    assert anchored(nlp.make_doc("")) == []


# --- find_dates / find_figures -----------------------------------------------------------------

_PIECES = [
    "since", "1960", "June", "8,", "2024", "last", "month", "in", "-", "M", "17", "May", "UN",
    "on", "Saturday", "as of", "between", "and", "2006-2012", "1,63,887", "troops", "about", "the end of",
    "2016", "$", "5", "Oct", "1", "4th", "ago", "two", "years", ",", ".", "(", ")", "/", "2,500",
]
_SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "", "-", "\u2013", ", "])
_TEXTS = st.lists(st.tuples(st.sampled_from(_PIECES), _SEPARATORS), max_size=14).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, cut=st.integers(0, 40), length=st.integers(0, 80),
       base=st.sampled_from([None, PartialDate(2024, 6, 8), PartialDate(2019)]))
def test_find_dates_remembers_only_what_the_scan_gives(text, cut, length, base):
    start = min(cut, len(text))
    end = min(len(text), start + length)
    scanned = dates._find_dates(text, start, end, base)
    assert find_dates(text, start, end, base) == scanned
    assert find_dates(text, start, end, base) == scanned  # remembered
    # the same sentence alone, as the fact rules ask it, gives the same dates shifted
    if start == 0 or text[start - 1].isspace():
        alone = find_dates(text[start:end], base=base)
        assert [m._replace(start=m.start + start, end=m.end + start) for m in alone] == scanned


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, cut=st.integers(0, 40), length=st.integers(0, 80))
def test_find_figures_remembers_only_what_the_scan_gives(text, cut, length):
    start = min(cut, len(text))
    end = min(len(text), start + length)
    scanned = numbers.find_figures.__wrapped__(text, start, end)  # type: ignore[attr-defined]
    assert find_figures(text, start, end) == scanned
    assert find_figures(text, start, end) == scanned


def test_remembered_answers_are_each_callers_own():
    sentence = "Since 1960, 235,000 troops served in 48 missions, as of June 2024."
    dates_found = find_dates(sentence, base=PartialDate(2024, 6, 8))
    figures = find_figures(sentence)
    assert [m.text for m in dates_found] == ["Since 1960", "as of June 2024"]
    assert [f.figure.value for f in figures] == [1960, 235000, 48, 2024]
    dates_found.clear()
    figures.clear()
    assert [m.text for m in find_dates(sentence, base=PartialDate(2024, 6, 8))] == ["Since 1960", "as of June 2024"]
    assert [f.figure.value for f in find_figures(sentence)] == [1960, 235000, 48, 2024]


def test_long_sentences_are_scanned_not_remembered():
    line = "Over 1,63,887 troops have served since 1960, as of June 2024; " * 40  # 2,400 chars
    base = PartialDate(2024, 6, 8)
    assert len(line) > dates._MEMO_MAX_CHARS and len(line) > numbers._MEMO_MAX_CHARS
    assert find_dates(line, 3, base=base) == dates._find_dates(line, 3, len(line), base)
    assert len(find_dates(line, base=base)) == 80
    assert find_figures(line, 3) == numbers.find_figures.__wrapped__(line, 3, None)  # type: ignore[attr-defined]
    assert [f.figure.value for f in find_figures(line)][:3] == [163887, 1960, 2024]


def test_prepare_pipeline_loads_ahead_what_the_first_documents_would(nlp):
    import gc
    import importlib

    from peacefacts.nlp.model import prepare_pipeline

    # the modules (the package's names ``countries`` and ``missions`` are functions)
    countries = importlib.import_module("peacefacts.vocab.countries")
    missions = importlib.import_module("peacefacts.vocab.missions")

    prepare_pipeline(nlp)
    prepare_pipeline(nlp)  # once per pipeline: the second call finds it done
    stage = token_attributes(nlp)
    assert stage is not None
    assert len(stage._tags) == len(nlp.get_pipe("tagger").labels) == 50
    assert {nlp.vocab.strings[t] for t in stage._rulers} >= set(stage._tags)
    assert (countries._capitals.cache_info().currsize, missions._place_tries.cache_info().currsize) == (1, 1)
    assert gc.get_freeze_count() > 100_000  # the model's objects, out of the collector's way


# --- sentence parses ---------------------------------------------------------------------------


def test_parse_sentences_parses_each_distinct_sentence_once(nlp, texts):
    from peacefacts.nlp.parsing import ParseMemo, parse_sentences

    stage = token_attributes(nlp)
    assert stage is not None
    disable = ["ner", *stage.replaces]
    lines = list(dict.fromkeys(t for t in texts if "\n" not in t))[:40]
    assert len(set(lines)) == len(lines) == 40
    sentences = lines[:25] + lines[:5] + lines[25:] + lines[3:4]  # 6 repeats, one of them twice
    expected = [_attributes(d) for d in nlp.pipe(sentences, disable=["ner"])]  # each alone

    finished: list[int] = []

    def finish(chunk):
        finished.append(len(chunk))
        stage.apply(chunk)

    memo = ParseMemo(max_entries=30)
    docs = list(parse_sentences(nlp, sentences, disable=disable, memo=memo, finish=finish, batch_size=16))
    assert [_attributes(d) for d in docs] == expected
    assert finished == [16, 16, 8]  # the 40 distinct sentences, in chunks
    assert docs[25] is docs[0] and docs[-1] is docs[3] is docs[28]
    assert len(memo) == 30  # the most recent 30 kept

    again = list(parse_sentences(nlp, lines[::-1], disable=disable, memo=memo, finish=finish, batch_size=16))
    assert [_attributes(d) for d in again] == [_attributes(d) for d in nlp.pipe(lines[::-1], disable=["ner"])]
    assert finished[3:] == [10]  # only the 10 the memo had dropped were parsed again
    assert again[0] is docs[-2]  # the last sentence came from the memo

    unkept = list(parse_sentences(nlp, ["Six peacekeepers died.", "Six peacekeepers died."], disable=disable,
                                  memo=ParseMemo(max_entries=0), finish=stage.apply))
    assert unkept[0] is unkept[1] and unkept[0][2].lemma_ == "die"


# --- dates read without dateparser ----------------------------------------------------------------


def test_plain_day_dates_are_what_dateparser_reads():
    import calendar
    import random

    from peacefacts.vocab import MONTHS

    rng = random.Random(11)
    bases = [PartialDate(2024, 6, 8), PartialDate(2003, 3, 12), PartialDate(2017, 1), PartialDate(2011, 9, 24)]
    shapes = ["{m}{dot} {d}, {y}", "{m}{dot} {d} {y}", "{d} {m}{dot} {y}", "{d} {m}{dot}, {y}", "{d} of {m} {y}"]
    checked = 0
    for _ in range(240):
        name = rng.choice(sorted(MONTHS))
        month = rng.choice([name, name.capitalize(), name.upper()])
        day = rng.choice([1, 2, 3, 9, 12, 21, 22, 23, 28, 29, 30, 31])
        day_text = rng.choice([str(day), f"{day:02d}", f"{day}{'st' if day % 10 == 1 else 'th'}"])
        year = rng.choice([1850, 1948, 2000, 2016, 2023, 2024, 2099])
        phrase = rng.choice(shapes).format(m=month, dot=rng.choice(["", "."]), d=day_text, y=year)
        text = dates._normalise(phrase)
        fast = dates._plain_date(text)
        if dates._impossible_day(text):
            assert dates.resolve_date(phrase, bases[0]) is None, phrase
            continue
        if fast is None:  # no such day ("sept. 31st"): left to dateparser, as before
            assert day > calendar.monthrange(year, MONTHS[name])[1], phrase
            continue
        base = rng.choice(bases)
        read_by_dateparser = dates._resolve_between.__wrapped__(text, base.first_day, base.last_day)
        assert (phrase, fast) == (phrase, read_by_dateparser)
        checked += 1
    assert checked > 180
    assert dates._plain_date("Sunday, June 8, 2024") is None  # a weekday: dateparser's to read
    assert dates._plain_date("Juneteenth 8, 2024") is None


def test_days_without_a_year_and_plain_relative_dates_are_what_dateparser_reads():
    import datetime as dt
    import random

    from peacefacts.vocab import MONTHS

    rng = random.Random(5)
    bases = [dt.date(2003, 3, 12), dt.date(2011, 9, 24), dt.date(2024, 2, 29), dt.date(2023, 12, 31), dt.date(2021, 1, 1)]
    bases += [dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000)) for _ in range(6)]
    phrases = ["yesterday", "Yesterday", "this year", "This year", "last year", "LAST YEAR", "last week", "Last week"]
    for name in sorted(MONTHS):
        for day in (1, 9, 12, 28, 29, 30, 31):
            shape = rng.choice(["{m} {d}", "{d} {m}", "{m}. {d}", "{m} {d}th", "{d}th {m}", "{d}st of {m}"])
            phrases.append(shape.format(m=rng.choice([name, name.capitalize(), name.upper()]), d=day))
    checked = 0
    for base in bases:
        for phrase in phrases:
            text = dates._normalise(phrase)
            fast = dates._plain_relative(text, base)
            data = dates._parser(base).get_date_data(text)
            read = None if data.date_obj is None else dates._period_interval(data.date_obj.date(), data.period)
            if fast is None:  # left to dateparser: no such day that year ("Feb 29" in 2003, "Sept 31")
                assert read is None or read[0].year < base.year - 1 or read[0].month == 2, (base, phrase, read)
                continue
            assert (base, phrase, fast) == (base, phrase, read)
            checked += 1
    assert checked > 600
    # what is not one of these shapes is dateparser's to read
    assert [dates._plain_relative(t, bases[0]) for t in ("two decades ago", "Sunday June 8", "next year", "May")] == [None] * 4


def test_reused_parses_give_the_same_results(nlp):
    from peacefacts import Extractor

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts = seeds + seeds[:2]  # the same articles again: every sentence's parse is reused
    remembering, forgetting = Extractor(nlp), Extractor(nlp, parse_memo=0)
    got = list(remembering.extract_many(texts, batch_size=2))
    assert len(remembering._fact_parses) > 10 and len(forgetting._fact_parses) == 0
    expected = list(forgetting.extract_many(texts, batch_size=2))
    assert [(r.facts, r.people) for r in got] == [(r.facts, r.people) for r in expected]
    assert sum(len(r.facts) for r in got) > 15 and sum(len(r.people) for r in got) > 15


def test_anchored_matcher_refuses_what_a_matcher_refuses(nlp):
    from peacefacts.nlp.matcher import AnchoredMatcher

    anchored = AnchoredMatcher(nlp.vocab)
    anchored.add("DEATH", [{"LEMMA": "die"}])
    with pytest.raises(ValueError, match="lemmatizer"):
        anchored(nlp.make_doc("Two peacekeepers died."))  # no lemmas: spaCy's own error, not no match
    assert [(s, e) for _, s, e in anchored(nlp("Two peacekeepers died."))] == [(2, 3)]


def test_country_scan_skips_only_words_no_country_name_starts_with(texts, monkeypatch):
    from peacefacts import vocab
    from peacefacts.nlp import story
    from peacefacts.vocab.countries import _countries

    # every name, alias and demonym as written, possessive, after "the", at a sentence end
    tables = _countries()
    names = [*tables.exact, *(n for forms in tables.forms.values() for n in forms), *vocab.demonym_forms()]
    tricky = [f"{lead}{name}{tail} troops" for name in names for lead, tail in (("", ""), ("The ", "'s"), ("the ", "."))]
    scanned = [*texts, *tricky, "Côte d’Ivoire, U.S. and US$5, Latin American and South Sudanese"]
    skipping = [story.country_mentions.__wrapped__(t) for t in scanned]
    monkeypatch.setattr(vocab, "may_open_name", lambda word: True)
    assert skipping == [story.country_mentions.__wrapped__(t) for t in scanned]
    assert sum(len(found) for found in skipping) > 1000


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=127)), keep=st.booleans())
def test_normalize_reads_ascii_as_the_full_fold_does(text, keep):
    from peacefacts.vocab.text import _normalize

    # a combining accent sends the text through the full fold (NFKD, ...), which drops it again
    assert _normalize(text, keep) == _normalize(text + "\u0301", keep)
    assert _normalize("Pakistan`s  troops\t", keep) == _normalize("Pakistan’s troops", keep) == "pakistan's troops"
