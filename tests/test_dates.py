"""Tables of real strings for the model-free date layer.

Every relative phrase is resolved against an explicit base date, so nothing here depends on
the day the tests run. Sentences come from the seed fixtures or were written for these tests.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peacefacts.nlp.dates import (
    DateMatch,
    PeriodMatch,
    find_dates,
    find_periods,
    is_relative,
    period_start,
    resolve_date,
)
from peacefacts.records import PartialDate, Qualifier

P = PartialDate
SAT = P(2024, 6, 8)  # seed 000/001: a Saturday

RESOLVE = [
    # explicit dates keep the precision the text gives
    ("June 8, 2024", SAT, "2024-06-08"),
    ("on June 8, 2024. (PID)", SAT, "2024-06-08"),
    ("08 June 2024", None, "2024-06-08"),
    ("Updated 08 June 2024", None, None),  # the caller strips the dateline label
    ("19th Apr, 2025", None, "2025-04-19"),
    ("2024-04-19", None, "2024-04-19"),
    ("Sat, 05 Aug 2017", None, "2017-08-05"),
    ("(May 12, 2017)", None, "2017-05-12"),
    ("October 2014", SAT, "2014-10"),
    ("As of October 2014", None, "2014-10"),
    ("Dec 2023", SAT, "2023-12"),
    ("Dec. 2023", None, "2023-12"),
    ("Sept 2023", None, "2023-09"),
    ("March, 2016", None, "2016-03"),
    ("the end of March 2016", None, "2016-03"),
    ("2014", SAT, "2014"),
    ("in 2014", SAT, "2014"),
    ("in 2014", None, "2014"),
    ("since 1960", None, "1960"),
    ("by 2014", P(2013, 10, 1), "2014"),  # a target after the base still resolves
    ("end of 2014", SAT, "2014"),
    ("mid-2014", SAT, "2014"),
    ("the 8th of June 2024", None, "2024-06-08"),
    # month-day without a year takes the year from the base
    ("Oct 1", P(2013, 10, 1), "2013-10-01"),
    ("October 1", P(2013, 10, 1), "2013-10-01"),
    ("8 June", SAT, "2024-06-08"),
    ("March", SAT, "2024-03"),
    # relative phrases
    ("last month", SAT, "2024-05"),
    ("Last month,", SAT, "2024-05"),
    ("last month", P(2024, 6), "2024-05"),
    ("yesterday", SAT, "2024-06-07"),
    ("on Saturday", SAT, "2024-06-08"),  # the story's own day
    ("on Saturday", P(2024, 6, 10), "2024-06-08"),  # else the Saturday before
    ("Saturday", P(2024, 6, 9), "2024-06-08"),
    ("last Saturday", SAT, "2024-06-01"),
    ("on Wednesday", SAT, "2024-06-05"),
    ("as of last March", P(2024, 6), "2024-03"),
    ("last March", P(2024, 3, 15), "2023-03"),
    ("this March", P(2024, 6, 8), "2024-03"),
    ("last year", SAT, "2023"),
    ("last year", P(2024), "2023"),
    ("this year", SAT, "2024"),
    ("earlier this year", SAT, "2024"),
    ("late last year", SAT, "2023"),
    ("earlier this month", SAT, "2024-06"),
    ("next month", SAT, "2024-07"),
    ("two years ago", SAT, "2022"),
    ("3 days ago", SAT, "2024-06-05"),
    ("now", SAT, "2024-06-08"),
    ("currently", P(2024, 6), "2024-06"),
    ("as of now", P(2024), "2024"),
    ("at present", SAT, "2024-06-08"),
    ("today", dt.date(2024, 6, 8), "2024-06-08"),
    ("yesterday", dt.datetime(2018, 8, 31, 23, 59), "2018-08-30"),
    # a base far from today: nothing depends on the clock
    ("last month", P(1995, 1, 15), "1994-12"),
    ("this year", P(1961, 7), "1961"),
    # relative phrases without a base, or too vague for the base's precision
    ("last month", None, None),
    ("Oct 1", None, None),
    ("on Saturday", None, None),
    ("this year", None, None),
    ("currently", None, None),
    ("last month", P(2024), None),
    ("yesterday", P(2024, 6), "2024"),  # only the year is sure
    ("on Saturday", P(2024, 6), "2024-06"),
    # not dates
    ("we", SAT, None),
    ("may", SAT, None),
    ("march", SAT, None),
    ("the 1990s", SAT, None),
    ("1,200", SAT, None),
    ("48", SAT, None),
    ("recent years", SAT, None),
    ("", SAT, None),
    ("two-day", SAT, None),
    # impossible dates are no date (issue 11): dateparser read "the 32nd of May" as May 1932
    ("the 32nd of May", SAT, None),
    ("32 May 2024", SAT, None),
    ("February 30, 2024", SAT, None),
    ("29 February 2023", SAT, None),
    ("31 April", SAT, None),
    ("29 February 2024", SAT, "2024-02-29"),
    ("29 February", P(2024, 6, 8), "2024-02-29"),
]


@pytest.mark.parametrize(("phrase", "base", "expected"), RESOLVE)
def test_resolve_date(phrase, base, expected):
    result = resolve_date(phrase, base)
    assert (str(result) if result is not None else None) == expected


def test_resolve_date_returns_partial_dates():
    assert resolve_date("October 2014", None) == PartialDate(2014, 10)


@pytest.mark.parametrize(
    ("phrase", "relative"),
    [
        ("last month", True),
        ("Oct 1", True),
        ("on Saturday", True),
        ("yesterday", True),
        ("this year", True),
        ("now", True),
        ("October 2014", False),
        ("June 8, 2024", False),
        ("in 2014", False),
        ("since 1960", False),
        ("we", False),
    ],
)
def test_is_relative(phrase, relative):
    assert is_relative(phrase) is relative


def _dates(text, base=None):
    return [(m.text, m.role, _s(m.value), _s(m.end_value)) for m in find_dates(text, base=base)]


def _s(value):
    return None if value is None else str(value)


FIND = [
    # seeds
    (
        "Pakistan Interior Mohsin Naqvi (left) meets UN Secretary General Antonio Guterres in New York, US, on June 8, 2024. (PID)",
        SAT,
        [("on June 8, 2024", "as_of", "2024-06-08", None)],
    ),
    (
        "Last month, the military said Pakistan had contributed 235,000 troops to UN peacekeeping operations "
        "in 48 missions spread around in 29 countries since 1960.",
        SAT,
        [("Last month", "as_of", "2024-05", None), ("since 1960", "since", "1960", None)],
    ),
    ("announced an official statement on Saturday, following a meeting", SAT, [("on Saturday", "as_of", "2024-06-08", None)]),
    (
        "ISLAMABAD, (UrduPoint / Pakistan Point News - 19th Apr, 2025) Federal Minister",
        None,
        [("19th Apr, 2025", "as_of", "2025-04-19", None)],
    ),
    (" date 2025-04-19 Pakistan, UN Discuss", None, [("2025-04-19", "as_of", "2025-04-19", None)]),
    (
        "hosted by Pakistan and the Netherlands in a virtual format on 25-26 October 2021.",
        None,
        [("on 25-26 October 2021", "as_of", "2021-10-25", "2021-10-26")],
    ),
    (
        "scheduled to be held in Seoul on 7-8 December 2021.",
        P(2021, 10, 26),
        [("on 7-8 December 2021", "target", "2021-12-07", "2021-12-08")],
    ),
    ("a crypto-based finance platform launched in September 2024", P(2026, 2, 19), [("in September 2024", "as_of", "2024-09", None)]),
    ("He said we protect communities; they may march.", SAT, []),
    # written for these tests
    ("Between 1960 and 2007, 86 Irish soldiers have died overseas.", None, [("Between 1960 and 2007", "range", "1960", "2007")]),
    ("From 2006 to 2012, the army sent 1,933 personnel.", None, [("From 2006 to 2012", "range", "2006", "2012")]),
    ("It served 2006-2012 in Lebanon.", None, [("2006-2012", "range", "2006", "2012")]),
    ("From June to August 2023 it grew.", None, [("From June to August 2023", "range", "2023-06", "2023-08")]),
    ("Between January and March 2024, 12 died.", None, [("Between January and March 2024", "range", "2024-01", "2024-03")]),
    ("Since 1957, over 24,000 peacekeepers have served.", None, [("Since 1957", "since", "1957", None)]),
    (
        "Since its admission to the UN in September 1991, it has served.",
        None,
        [("Since its admission to the UN in September 1991", "since", "1991-09", None)],
    ),
    ("a target of sending 3,500 personnel by 2014.", P(2013, 10, 1), [("by 2014", "target", "2014", None)]),
    ("a target of sending 3,500 personnel by 2014.", None, [("by 2014", "target", "2014", None)]),
    ("By the end of 2023, it had deployed 2,700 troops.", P(2024, 1, 15), [("By the end of 2023", "as_of", "2023", None)]),
    (
        "It will rise to 4,000 by 2019 from 2,867 in 2014.",
        P(2016, 10, 10),
        [("by 2019", "target", "2019", None), ("in 2014", "as_of", "2014", None)],
    ),
    (
        "As of October 2014, some 2,000 were deployed; as of last March there were 2,100.",
        P(2015, 6, 1),
        [("As of October 2014", "as_of", "2014-10", None), ("as of last March", "as_of", "2015-03", None)],
    ),
    ("As of Dec 2023, 955 served.", P(2023, 6), [("As of Dec 2023", "as_of", "2023-12", None)]),  # never a target
    ("We have had 3,552 military personnel as of now.", P(2018, 8, 31), [("as of now", "as_of", "2018-08-31", None)]),
    ("Indonesia currently has 1,780 personnel.", P(2013, 10, 1), [("currently", "as_of", "2013-10-01", None)]),
    ("The mandate runs until 31 August 2024.", SAT, [("until 31 August 2024", "until", "2024-08-31", None)]),
    ("as at 31 December 2023 there were 955", None, [("as at 31 December 2023", "as_of", "2023-12-31", None)]),
    ("The total reached 2,809 in March 2016 (May 12, 2017).", None, [("in March 2016", "as_of", "2016-03", None), ("May 12, 2017", "as_of", "2017-05-12", None)]),
    ("Sat, 05 Aug 2017 - Egypt has sent 2000 troops and over 2000 police.", None, [("Sat, 05 Aug 2017", "as_of", "2017-08-05", None)]),
    ("the 2022 floods and the 1990s", None, [("2022", "as_of", "2022", None)]),
    ("The contingent returned in December.", P(2008, 6, 26), [("in December", "as_of", "2007-12", None)]),
    ("In May, they left. May God help.", SAT, [("In May", "as_of", "2024-05", None)]),
    ("It was signed in mid-2014 and at the end of 2015.", None, [("in mid-2014", "as_of", "2014", None), ("at the end of 2015", "as_of", "2015", None)]),
    ("Last month, it said.", None, [("Last month", "as_of", None, None)]),
    ("He spoke yesterday and will travel next month.", SAT, [("yesterday", "as_of", "2024-06-07", None), ("next month", "target", "2024-07", None)]),
    # impossible days (issue 11): neither the day nor the month around it is a date
    ("As of the 32nd of May, 500 troops served.", SAT, []),
    ("On 32 May 2024 they left.", SAT, []),
    ("On February 30, 2024 they left, and on 8 June 2024 came back.", SAT, [("on 8 June 2024", "as_of", "2024-06-08", None)]),
    # all-number dates: day first when both parts could be the month, never from a phone or a version
    ("As at 31.03.2024, Nepal had 6,100 personnel deployed.", P(2024, 5, 1), [("As at 31.03.2024", "as_of", "2024-03-31", None)]),
    ("As of 30/04/2024 there were 955.", None, [("As of 30/04/2024", "as_of", "2024-04-30", None)]),
    ("As of 04/05/2024 there were 955.", None, [("As of 04/05/2024", "as_of", "2024-05-04", None)]),
    ("As of 03/31/2024 there were 955.", None, [("As of 03/31/2024", "as_of", "2024-03-31", None)]),
    ("Figures as at 30-06-2023: 478 troops.", None, [("as at 30-06-2023", "as_of", "2023-06-30", None)]),
    ("Data as of 2023.06.30 and 2023/07/31.", None, [("as of 2023.06.30", "as_of", "2023-06-30", None), ("2023/07/31", "as_of", "2023-07-31", None)]),
    ("Call Tel: 12.10.2023 or see version 1.2.2024 and build 3.4.2022.1.", None, []),
    ("On 31.02.2024 and 12/31/2024-5 nothing happened.", None, []),
    # long runs of digits and number words are read once, not from every position in them
    ("id " + "7" * 3000 + " days ago", SAT, []),
    # round 4: dates counted from another date, parts of a year, month edges, named days
    (
        "As of 31 March 2024, Ghana had 2,650 personnel, down from 2,800 a year earlier.",
        P(2024, 5, 2),
        [("As of 31 March 2024", "as_of", "2024-03-31", None), ("a year earlier", "as_of", "2023-03-31", None)],
    ),
    (
        "At the end of 2023, Indonesia had 2,700, compared with 2,850 a year before.",
        P(2024, 2, 10),
        [("At the end of 2023", "as_of", "2023", None), ("a year before", "as_of", "2022-12", None)],
    ),
    ("Brazil had 250 six months earlier.", P(2024, 5, 10), [("six months earlier", "as_of", "2023-11-10", None)]),
    ("Four years after the mission began, it had 300.", P(2024, 3, 3), []),
    (
        "In the three months to the end of March, four were killed.",
        P(2024, 4, 25),
        [("In the three months to the end of March", "range", "2024-01", "2024-03")],
    ),
    ("During the first quarter of this year, five died.", P(2024, 5, 10), [("During the first quarter of this year", "as_of", "2024", None)]),
    ("In the first six months of last year, six died.", P(2024, 5, 10), [("In the first six months of last year", "as_of", "2023", None)]),
    ("Since the start of the year, 12 died.", P(2024, 4, 8), [("Since the start of the year", "since", "2024-01", None)]),
    ("It had 3,100 in UN missions at the end of February.", P(2024, 4, 10), [("at the end of February", "as_of", "2024-02", None)]),
    ("UN figures for March list Ghana with 2,660.", P(2024, 5, 5), [("March", "as_of", "2024-03", None)]),
    ("Between January and June, 11 were killed.", P(2023, 7, 5), [("Between January and June", "range", "2023-01", "2023-06")]),
    # machine translation of "al 30 de septiembre": a clause that opens on "to" and a date is dated by it
    ("According to UN data, to 30 September 2023 Uruguay had", P(2023, 10, 26), [("to 30 September 2023", "as_of", "2023-09-30", None)]),
    ("To 31 August 2022, Peru had 241.", P(2022, 10, 1), [("To 31 August 2022", "as_of", "2022-08-31", None)]),
    ("the troops sent to 12 camps", P(2022, 10, 1), []),
    # a dateline, then the story's own day: two dates, not a range
    ("Bangui, 31 May 2025 - Yesterday, a patrol was ambushed", P(2025, 5, 31), [("31 May 2025", "as_of", "2025-05-31", None), ("Yesterday", "as_of", "2025-05-30", None)]),
    ("JUBA, 4 March 2024 \u2013 Saturday, gunmen attacked", P(2024, 3, 4), [("4 March 2024", "as_of", "2024-03-04", None), ("Saturday", "as_of", "2024-03-02", None)]),
    ("from 12 May 2023 - yesterday", P(2023, 6, 1), [("from 12 May 2023 - yesterday", "range", "2023-05-12", "2023-05-31")]),
    ("killed on New Year\u2019s Eve near Bambari", P(2024, 1, 3), [("on New Year\u2019s Eve", "as_of", "2023-12-31", None)]),
    ("wounded on Christmas Day", P(2023, 12, 27), [("on Christmas Day", "as_of", "2023-12-25", None)]),
    ("Two years ago this month, Nepal had 5,800.", P(2024, 7, 15), [("Two years ago this month", "as_of", "2022-07", None)]),
    ("killed near Kaga-Bandoro last weekend", P(2024, 4, 2), [("last weekend", "as_of", "2024-03", None)]),
    ("wounded last weekend", P(2024, 6, 4), [("last weekend", "as_of", "2024-06", None)]),
    ("The day before yesterday, two were wounded", P(2023, 10, 17), [("The day before yesterday", "as_of", "2023-10-15", None)]),
    ("As of the end of August this year, 2,200 served", P(2024, 9, 18), [("As of the end of August this year", "as_of", "2024-08", None)]),
    ("In March last year, Ghana had 2,800.", P(2024, 5, 1), [("In March last year", "as_of", "2023-03", None)]),
]


@pytest.mark.parametrize(("text", "base", "expected"), FIND)
def test_find_dates(text, base, expected):
    assert _dates(text, base) == expected


def test_a_long_run_of_number_words_is_read_as_at_most_nine_words():
    text = "one " * 2000 + "years ago"
    [match] = find_dates(text, base=SAT)
    assert match.text == "one " * 9 + "years ago" and match.end == len(text)


def test_find_dates_offsets_point_into_the_whole_text():
    text = "Skip 2001 here. Since 1957, over 24,000 served. And 2003 there."
    start, end = text.index("Since"), text.index(" And")
    (m,) = find_dates(text, start, end)
    assert m == DateMatch(start, start + len("Since 1957"), "Since 1957", "since", P(1957), None)
    assert text[m.start : m.end] == m.text


PERIODS = [
    ("since 1960", None, "1960", None, Qualifier.EXACT),
    ("over the past 32 years", P(2024, 6, 8), "1992", 32, Qualifier.EXACT),
    ("over the last six decades", P(2021, 10, 26), "1961", 60, Qualifier.EXACT),
    ("over the last 60 years", P(2018), "1958", 60, Qualifier.EXACT),
    ("in its nearly seven decades of service", P(2018), "1948", 70, Qualifier.APPROX),
    ("for 50 years", P(2008), "1958", 50, Qualifier.EXACT),
    ("FIFTY years of peacekeeping", P(2008, 6, 26), "1958", 50, Qualifier.EXACT),
    ("Over those six decades, 87 soldiers died", P(2018), "1958", 60, Qualifier.EXACT),
    ("for more than six decades", P(2020), "1960", 60, Qualifier.AT_LEAST),
    ("over the past decade", P(2020), "2010", 10, Qualifier.EXACT),
    ("half a century of service", P(2008), "1958", 50, Qualifier.EXACT),
    ("over its 60-year history", P(2018), "1958", 60, Qualifier.EXACT),
    ("Between 1960 and 2007, 86 soldiers", None, "1960", None, Qualifier.EXACT),
    ("from 2006 to 2012", None, "2006", None, Qualifier.EXACT),
    ("Since its independence in 1947", None, "1947", None, Qualifier.EXACT),
    ("since last year", P(2020, 5), "2019", None, Qualifier.EXACT),
    ("Over the years, Pakistan has deployed", P(2024), None, None, Qualifier.APPROX),
    ("over the last 60 years", None, None, 60, Qualifier.EXACT),
    ("since last year", None, None, None, Qualifier.EXACT),
]


@pytest.mark.parametrize(("text", "base", "since", "years", "qualifier"), PERIODS)
def test_find_periods(text, base, since, years, qualifier):
    (m,) = find_periods(text, base=base)
    assert (_s(m.since), m.years, m.qualifier) == (since, years, qualifier)
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "six years ago",
        "a 20-year-old soldier",
        "in 20 years' time",
        "it has 20 years",
        "the 50th anniversary",
        "the years",
        "from 2,867 in 2014 to 4,000 by 2019",
    ],
)
def test_not_periods(text):
    assert find_periods(text, base=P(2020)) == []


@pytest.mark.parametrize(
    ("phrase", "base", "expected"),
    [
        ("since 1960", None, "1960"),
        ("over the past 32 years", P(2024, 6, 8), "1992"),
        ("over the past 32 years", dt.date(2024, 6, 8), "1992"),
        ("over the last six decades", P(2021), "1961"),
        ("over the last 60 years", P(2018, 3), "1958"),
        ("in its nearly seven decades of service", P(2018), "1948"),
        ("for 50 years", P(2008), "1958"),
        ("FIFTY years of peacekeeping", P(2008), "1958"),
        ("over the last 60 years", None, None),
        ("Over the years", P(2024), None),
        ("in 2014", P(2024), None),
        pytest.param("since the 1990s", None, "1990", marks=pytest.mark.xfail(strict=True, reason="decades are not dates yet")),
        ("in the six decades since its first deployment", P(2018), "1958"),
    ],
)
def test_period_start(phrase, base, expected):
    assert _s(period_start(phrase, base)) == expected


def test_period_match_fields():
    (m,) = find_periods("over the past 32 years", base=P(2024, 6, 8))
    assert m == PeriodMatch(0, 22, "over the past 32 years", P(1992), 32, Qualifier.EXACT)


@pytest.mark.parametrize(
    ("phrase", "base", "expected"),
    [
        # dateparser's week period straddles months: only the year is sure
        pytest.param("last week", SAT, "2024-05", marks=pytest.mark.xfail(strict=True, reason="week periods keep year only")),
        pytest.param("the first week of June 2014", None, "2014-06", marks=pytest.mark.xfail(strict=True, reason="not parsed")),
        pytest.param("Q3 2015", None, "2015", marks=pytest.mark.xfail(strict=True, reason="quarters not parsed")),
    ],
)
def test_known_misses(phrase, base, expected):
    assert _s(resolve_date(phrase, base)) == expected


def test_parsers_are_safe_across_threads():
    bases = [P(2024, 6, d) for d in range(1, 29)] + [P(2019, m, 15) for m in range(1, 13)]
    phrases = ["last month", "yesterday", "on Saturday", "last year", "Oct 1", "June 8, 2024"]
    jobs = [(p, b) for b in bases for p in phrases]
    serial = [resolve_date(p, b) for p, b in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda job: resolve_date(*job), jobs))
    assert parallel == serial


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_explicit_day_dates_round_trip(day):
    for text in (f"{day:%B} {day.day}, {day.year}", f"{day.day} {day:%B} {day.year}", day.isoformat()):
        assert resolve_date(text, None) == PartialDate.from_date(day)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_relative_phrases_follow_the_base(day):
    last_month = (day.replace(day=1) - dt.timedelta(days=1))
    assert resolve_date("last month", day) == PartialDate(last_month.year, last_month.month)
    assert resolve_date("last year", day) == PartialDate(day.year - 1)
    assert resolve_date("now", day) == PartialDate.from_date(day)
    weekday = day.strftime("%A")
    assert resolve_date(f"on {weekday}", day) == PartialDate.from_date(day)


def test_first_deployments_table_names_known_countries_and_missions():
    """Each contributor in ``first_deployments.tsv`` is a country the library knows, and its first
    operation is in the missions table and was running in that year (UN is UN peacekeeping itself)."""
    from peacefacts.vocab import country_for
    from peacefacts.vocab.missions import mission
    from peacefacts.vocab.text import read_table

    rows = read_table("first_deployments.tsv")
    assert len(rows) >= 10
    for who, year, first in rows:
        assert who == "UN" or country_for(who, demonyms=False) == who, who
        operation = mission(first)
        assert operation is not None, first
        assert operation.start <= int(year) <= (operation.end or 9999), (who, year, first)
    assert dict((r[0], int(r[1])) for r in rows)["UN"] == 1948


def test_peacekeeping_events_table_reads_as_months():
    """Every named event in ``peacekeeping_events.tsv`` has a month no later than the table's newest
    event year, and a piece that reports one as past is bounded by it."""
    from peacefacts.nlp.known_starts import named_event_dates
    from peacefacts.vocab.calendar import peacekeeping_events

    events = peacekeeping_events()
    assert len(events) >= 10 and all(1945 <= y <= 2100 and 1 <= m <= 12 for y, m in events.values())
    text = "Rwanda pledged 400 troops at the Vancouver ministerial, ahead of the Seoul ministerial."
    assert named_event_dates(text, 0, len(text)) == [PartialDate(2017, 11)]
