"""Claims checked against the official tables: every kind of check and every verdict.

The tables are the slices in fixtures/official (README there cites the sources), read as a
download would be; the claims are written here (no development page is copied).
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from conftest import FIXTURES
from peacefacts.official import (
    CheckKind,
    Tolerance,
    Unchecked,
    Verdict,
    check_fact,
    claim_bounds,
    load_official,
    publisher_offsets,
    resolve_subject,
    verify,
)
from peacefacts.official.report import OUTLIER_RELATIVE, format_report, source_of
from peacefacts.records import Document, ErrorRecord, ExtractionResult, Fact, Figure, Person

D = dt.date


@pytest.fixture(scope="module")
def tables():
    return load_official(FIXTURES / "official")


def claim(value, subject="Pakistan", metric="fatalities_total", as_of="2021-10-26", qualifier="exact", doc="d",
          **extra) -> Fact:
    bounds = {"exact": (value, value), "at_least": (value, None), "at_most": (None, value), "approx": (None, None)}
    low, high = bounds[qualifier]
    return Fact(doc=doc, subject=subject, metric=metric, as_of=as_of,
                figure=Figure(value=value, qualifier=qualifier, low=low, high=high, text=str(value)), **extra)


def official(v) -> dict:
    return {scope: str(rng) for scope, rng in v.official}


# --- country cumulative fatalities ---------------------------------------------------------


def test_pakistan_2021_differs(tables):
    v = check_fact(claim(161, category="personnel"), tables)
    assert (v.check, v.verdict, v.scope, v.difference, official(v)) == (
        CheckKind.COUNTRY_FATALITIES, Verdict.DIFFERS, "all", 2, {"all": "159", "uniformed": "156"}
    )
    assert (v.period_start, v.period_end, v.period_end_latest) == (None, D(2021, 10, 26), D(2021, 10, 26))
    assert v.relative_difference == 0.0126
    assert v.tolerance == 1.59
    assert v.reason == (
        "161 is 2 above the official 159 (all personnel; 156 uniformed): deaths of Pakistan nationals up to "
        "2021-10-26, UN fatalities table (last update 2025-04-04)"
    )


def test_a_month_claim_is_checked_over_the_whole_month(tables):
    v = check_fact(claim(181, as_of="2024-05", since="1960"), tables)
    assert (v.verdict, v.difference, official(v)) == (Verdict.DIFFERS, 11, {"all": "170", "uniformed": "166"})
    assert (v.period_start, v.period_end, v.period_end_latest) == (D(1960, 1, 1), D(2024, 5, 1), D(2024, 5, 31))
    # deaths happened during 2022: the official value is the range over the year
    v = check_fact(claim(166, as_of="2022"), tables)
    assert (v.verdict, official(v)) == (Verdict.MATCHES, {"all": "160..168", "uniformed": "157..165"})
    assert (v.scope, v.difference) == ("all", 0)


def test_the_best_fitting_scope_decides(tables):
    v = check_fact(claim(156, category="personnel"), tables)
    assert (v.verdict, v.scope, v.difference) == (Verdict.MATCHES, "uniformed", 0)
    # "troops" are judged on the military; uniformed and all personnel are shown, never judged
    v = check_fact(claim(140, subject="Ghana", as_of="2019-05-31", category="troops"), tables)
    assert (v.verdict, v.scope, v.difference, official(v)) == (
        Verdict.DIFFERS, "military", 22, {"military": "118", "uniformed": "129", "all": "140"}
    )
    assert v.reason.startswith("140 is 22 above the official 118 (military; 129 uniformed; 140 all personnel)")
    v = check_fact(claim(118, subject="Ghana", as_of="2019-05-31", category="troops"), tables)
    assert (v.verdict, v.scope, v.difference) == (Verdict.MATCHES, "military", 0)
    v = check_fact(claim(140, subject="Ghana", as_of="2019-05-31", category="personnel"), tables)
    assert (v.verdict, v.scope, v.difference) == (Verdict.MATCHES, "all", 0)
    v = check_fact(claim(2, category="police", as_of="2021-10-26"), tables)
    assert (v.verdict, v.difference, official(v)) == (Verdict.DIFFERS, -3, {"police": "5"})


def test_the_offset_of_troops_is_measured_against_the_military(tables):
    # Ghana at the end of 2008: 108 military, 118 uniformed, 122 all personnel. A "troops" figure
    # of 121 is 13 above the military count, not 1 below all personnel.
    reports = [claim(121, subject="Ghana", as_of="2008-12-31", category="troops", doc="a"),
               claim(125, subject="Ghana", as_of="2008-12-31", category="troops", doc="b")]
    offsets = publisher_offsets([check_fact(f, tables) for f in reports])
    subject = next(o for o in offsets if o.by == "subject")
    assert (subject.n, subject.median, subject.low, subject.high) == (2, 15, 13, 17)


def test_deployed_troops_are_judged_on_the_troops(tables):
    v = check_fact(claim(9656, metric="personnel_deployed", as_of="2010-06", category="troops"), tables)
    assert (v.verdict, v.scope, v.difference) == (Verdict.MATCHES, "troops", 0)
    uniformed = check_fact(claim(9656, metric="personnel_deployed", as_of="2010-06"), tables).official_value()
    v = check_fact(claim(uniformed.low, metric="personnel_deployed", as_of="2010-06", category="troops"), tables)
    assert (v.verdict, v.scope, v.difference > 0) == (Verdict.DIFFERS, "troops", True)


@pytest.mark.parametrize(
    ("value", "qualifier", "verdict", "difference", "scope"),
    [
        # Ghana up to 2019-05-31: 140 deaths, 129 of them uniformed
        (140, "approx", Verdict.MATCHES, 0, "all"),   # "about 140"
        (135, "approx", Verdict.MATCHES, -5, "all"),  # 128..142 admits both; 140 is closer
        (130, "approx", Verdict.MATCHES, 1, "uniformed"),  # 123..137 admits only 129
        (130, "at_least", Verdict.MATCHES, -10, "all"),
        (141, "at_least", Verdict.NEAR, 1, "all"),  # 1 beyond its bound, within the allowance 1.4
        (150, "at_most", Verdict.MATCHES, 10, "all"),
        # a bound reaches 1.5 times its figure: "at least 90" reaches 135 (129 uniformed), "at
        # least 80" only 120, short of both scopes: true, but it says little of the record
        (90, "at_least", Verdict.MATCHES, -39, "uniformed"),
        (80, "at_least", Verdict.UNINFORMATIVE, -49, "uniformed"),
        (210, "at_most", Verdict.MATCHES, 70, "all"),
        (250, "at_most", Verdict.UNINFORMATIVE, 110, "all"),
        (139, "exact", Verdict.NEAR, -1, "all"),
        (137, "exact", Verdict.DIFFERS, -3, "all"),
    ],
)
def test_hedges_and_tolerance(tables, value, qualifier, verdict, difference, scope):
    v = check_fact(claim(value, subject="Ghana", as_of="2019-05-31", qualifier=qualifier), tables)
    assert (v.verdict, v.difference, v.scope) == (verdict, difference, scope)


@pytest.mark.parametrize(
    ("official_value", "allowance"),
    [(0, 0.0), (3, 0.3), (5, 0.5), (10, 1.0), (16, 1.0), (159, 1.59), (9425, 94.25)],
)
def test_the_tolerance_is_one_or_one_percent_never_over_ten_percent(official_value, allowance):
    assert Tolerance().allowance(official_value) == pytest.approx(allowance)


@pytest.mark.parametrize(
    ("value", "as_of", "verdict", "official_value"),
    [
        (1, "2017-05-03", Verdict.DIFFERS, "0"),  # one death where the record has none is not near
        (5, "2017-05-08", Verdict.DIFFERS, "4"),  # one off an official 4 is 25%
        (3, "2017-05-08", Verdict.DIFFERS, "4"),
        (4, "2017-05-08", Verdict.MATCHES, "4"),
    ],
)
def test_small_counts_are_not_near_one_off(tables, value, as_of, verdict, official_value):
    v = check_fact(claim(value, subject="MINUSCA", metric="fatalities_incident", as_of=as_of), tables)
    assert (v.verdict, official(v)["all"]) == (verdict, official_value)


def test_an_official_zero_is_admitted_only_by_a_hedge(tables):
    # "up to 2" holds against no death, but says little of it (under the bound / 1.5)
    v = check_fact(claim(2, subject="MINUSCA", metric="fatalities_incident", as_of="2017-05-03", qualifier="at_most"),
                   tables)
    assert (v.verdict, v.difference, v.tolerance) == (Verdict.UNINFORMATIVE, 2, 0.0)
    v = check_fact(claim(2, subject="MINUSCA", metric="fatalities_incident", as_of="2017-05-03"), tables)
    assert (v.verdict, v.difference, v.tolerance) == (Verdict.DIFFERS, 2, 0.0)


def test_one_off_sixteen_is_near(tables):
    v = check_fact(claim(15, subject="MONUSCO", metric="fatalities_incident", as_of="2017-12-07"), tables)
    assert (v.verdict, v.difference, v.tolerance) == (Verdict.NEAR, -1, 1.0)


def test_a_wider_tolerance_turns_differs_into_near(tables):
    fact = claim(161)
    assert check_fact(fact, tables).verdict is Verdict.DIFFERS
    v = check_fact(fact, tables, tolerance=Tolerance(absolute=2))
    assert (v.verdict, v.tolerance) == (Verdict.NEAR, 2.0)
    assert check_fact(claim(175, as_of="2024-05-31"), tables, tolerance=Tolerance(relative=0.05)).verdict is Verdict.NEAR


def test_a_trivial_lower_bound_is_uninformative_not_a_match(tables):
    # every death in 2021: 135, 70 of them uniformed. "At least 100" reaches 150 and matches all
    # personnel; "at least 40" holds too, but no writer who knew of 70 or 135 deaths would put it so
    v = check_fact(claim(100, subject="UN", as_of="2021", since="2021", qualifier="at_least"), tables)
    assert (v.verdict, v.scope, v.difference) == (Verdict.MATCHES, "all", -35)
    v = check_fact(claim(40, subject="UN", as_of="2021", since="2021", qualifier="at_least"), tables)
    assert (v.verdict, v.checked, v.scope, v.difference) == (Verdict.UNINFORMATIVE, True, "uniformed", -30)
    assert v.reason.startswith("at least 40 holds but says little: the official 70 is over 1.5× the bound "
                               "(uniformed; 135 all personnel)")
    report = verify([claim(40, subject="UN", as_of="2021", since="2021", qualifier="at_least")],
                    official=FIXTURES / "official")
    assert report.summary() == "1 fact(s): 1 checkable (0 matches, 0 near, 1 uninformative, 0 differs), 0 not checkable"
    assert report.verifications[0].to_dict()["verdict"] == "uninformative"


def test_claim_bounds():
    assert claim_bounds(claim(100, qualifier="approx")) == (95.0, 105.0)
    assert claim_bounds(claim(100, qualifier="at_least")) == (100, None)
    assert claim_bounds(Fact(doc="d", subject="UN", metric="fatalities_total",
                             figure=Figure(value=100, qualifier="at_most"))) == (None, 100.0)


# --- UN deaths in a year and up to a date, mission totals -----------------------------------


def test_un_deaths_in_one_year(tables):
    v = check_fact(claim(135, subject="UN", as_of="2021", since="2021"), tables)
    assert (v.check, v.verdict, official(v)) == (CheckKind.UN_FATALITIES, Verdict.MATCHES, {"all": "135", "uniformed": "70"})
    assert (v.period_start, v.period_end, v.period_end_latest) == (D(2021, 1, 1), D(2021, 12, 31), D(2021, 12, 31))
    assert v.reason.endswith("all UN peacekeeping deaths in 2021, UN fatalities table (last update 2025-04-04)")
    v = check_fact(claim(134, subject="United Nations", as_of="2021", since="2021"), tables)
    assert (v.verdict, v.difference) == (Verdict.NEAR, -1)


def test_un_deaths_from_a_start_up_to_a_date(tables):
    # "since January, 43 peacekeepers have died" (the slice holds every death of 2021)
    v = check_fact(claim(43, subject="UN", as_of="2021-03-31", since="2021"), tables)
    assert (v.check, v.verdict, official(v)) == (CheckKind.UN_FATALITIES, Verdict.MATCHES, {"all": "43", "uniformed": "21"})
    assert (v.period_start, v.period_end, v.period_end_latest) == (D(2021, 1, 1), D(2021, 3, 31), D(2021, 3, 31))
    assert v.reason.endswith("all UN peacekeeping deaths from 2021 up to 2021-03-31, UN fatalities table (last update 2025-04-04)")


def test_un_deaths_up_to_a_date_on_the_bundled_table():
    v = check_fact(claim(4200, subject="UN", as_of="2022-05-29", since="1948", qualifier="approx"), load_official())
    assert (v.check, v.verdict, v.difference, official(v)["all"]) == (CheckKind.UN_FATALITIES, Verdict.MATCHES, -12, "4,212")
    # "more than 3,100 have died": both scopes admit it; the closer one is reported
    v = check_fact(claim(3100, subject="UN", as_of="2022-05-29", qualifier="at_least"), load_official())
    assert (v.verdict, v.scope, v.difference, official(v)["all"]) == (Verdict.MATCHES, "uniformed", -234, "4,212")


def test_mission_deaths_up_to_a_date(tables):
    v = check_fact(claim(42, subject="MINUSCA", as_of="2021-12-31"), tables)
    assert (v.check, v.verdict, official(v)["all"]) == (CheckKind.MISSION_FATALITIES, Verdict.MATCHES, "42")


# --- incident tolls within ±2 days ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "as_of", "qualifier", "verdict", "days"),
    [
        (4, "2017-05-08", "exact", Verdict.MATCHES, {"2017-05-08": 4}),
        (3, "2017-05-08", "exact", Verdict.DIFFERS, {"2017-05-08": 4}),  # one off 4 is 25%: not near
        (1, "2017-05-08", "exact", Verdict.DIFFERS, {"2017-05-08": 4}),
        (4, "2017-05-10", "exact", Verdict.MATCHES, {"2017-05-08": 4}),  # reported two days later
        (4, "2017-05-11", "exact", Verdict.DIFFERS, {"2017-05-13": 2}),  # three days off: another incident
        (4, "2017-05-04", "exact", Verdict.DIFFERS, {}),
    ],
)
def test_mission_incident(tables, value, as_of, qualifier, verdict, days):
    v = check_fact(claim(value, subject="MINUSCA", metric="fatalities_incident", as_of=as_of, qualifier=qualifier), tables)
    assert (v.check, v.verdict, dict(v.details)) == (CheckKind.MISSION_INCIDENT, verdict, days)


def test_monusco_toll_as_reported_then_as_recorded(tables):
    reports = [claim(14, subject="MONUSCO", metric="fatalities_incident", as_of="2017-12-07"),
               claim(15, subject="MONUSCO", metric="fatalities_incident", as_of="2017-12-08", qualifier="at_least"),
               claim(16, subject="MONUSCO", metric="fatalities_incident", as_of="2017-12-07")]
    results = [check_fact(f, tables) for f in reports]
    assert [(v.verdict, v.difference, official(v)["all"]) for v in results] == [
        (Verdict.DIFFERS, -2, "16"), (Verdict.MATCHES, -1, "16"), (Verdict.MATCHES, 0, "16")
    ]
    assert (results[0].period_start, results[0].period_end, results[0].period_end_latest) == (
        D(2017, 12, 5), D(2017, 12, 7), D(2017, 12, 9)
    )


def test_country_incident(tables):
    v = check_fact(claim(6, metric="fatalities_incident", as_of="2022-03-30", category="troops"), tables)
    assert (v.check, v.verdict, v.scope, dict(v.details)) == (
        CheckKind.COUNTRY_INCIDENT, Verdict.MATCHES, "military", {"2022-03-29": 6}
    )


def test_incident_window_range_runs_from_the_worst_day_to_the_whole_window(tables):
    # Pakistani deaths on 1993-06-05 (22) and none nearby: range 22..22; the UN slice has no
    # other Pakistani deaths within two days
    v = check_fact(claim(22, metric="fatalities_incident", as_of="1993-06-06"), tables)
    assert official(v)["all"] == "22"
    assert v.verdict is Verdict.MATCHES


# --- deployed personnel at a month ----------------------------------------------------------


def test_country_deployed_in_a_month(tables):
    v = check_fact(claim(9656, metric="personnel_deployed", as_of="2010-06", category="troops"), tables)
    assert (v.check, v.table, v.verdict, v.scope) == (CheckKind.COUNTRY_DEPLOYED, "contributions", Verdict.MATCHES, "troops")
    # the stock during June lies between the May and June month ends
    assert official(v) == {"troops": "9,656..9,695", "uniformed": "10,692..10,719"}
    assert dict(v.details) == {"2010-05-31": 9695, "2010-06-30": 9656}
    assert (v.period_end, v.period_end_latest) == (D(2010, 5, 31), D(2010, 6, 30))


def test_deployed_on_a_day_and_at_a_month_end(tables):
    v = check_fact(claim(10700, metric="personnel_deployed", as_of="2010-06-15"), tables)
    assert (v.verdict, official(v)) == (Verdict.MATCHES, {"uniformed": "10,692..10,719"})
    v = check_fact(claim(10700, metric="personnel_deployed", as_of="2010-06-30"), tables)
    assert (v.verdict, v.difference, official(v)) == (Verdict.NEAR, 8, {"uniformed": "10,692"})


@pytest.mark.parametrize(
    ("category", "value", "scope", "official_value"),
    [("police", 919, "police", "909..919"), ("military_observers", 117, "experts", "115..117")],
)
def test_deployed_police_and_experts(tables, category, value, scope, official_value):
    v = check_fact(claim(value, metric="personnel_deployed", as_of="2010-06", category=category), tables)
    assert (v.verdict, v.scope, official(v)) == (Verdict.MATCHES, scope, {scope: official_value})


def test_un_deployed(tables):
    v = check_fact(claim(100000, subject="UN", metric="personnel_deployed", as_of="2010-06", qualifier="approx"), tables)
    assert (v.check, v.table, v.verdict, official(v)) == (
        CheckKind.UN_DEPLOYED, "contribution_totals", Verdict.MATCHES, {"uniformed": "100,645..101,888"}
    )
    v = check_fact(claim(100000, subject="UN", metric="personnel_deployed", as_of="2012-06"), tables)
    assert (v.verdict, v.cause) == (Verdict.NOT_CHECKABLE, Unchecked.OUT_OF_RANGE)
    assert v.reason == "dated 2012-06, outside the contribution totals table (2009-12..2011-01)"


def test_a_country_absent_from_a_month_had_nobody_deployed(tables):
    v = check_fact(claim(20, subject="Ghana", metric="personnel_deployed", as_of="2010-06"), tables)
    assert official(v) == {"uniformed": "3,748..3,931"}
    v = check_fact(claim(0, subject="North Macedonia", metric="personnel_deployed", as_of="2006-09"), tables)
    assert (v.verdict, official(v)) == (Verdict.MATCHES, {"uniformed": "0"})


def test_the_fatalities_table_covers_up_to_its_last_update(tables):
    # the slice's last recorded death is 2024-11-14, its last update 2025-04-04: the days between
    # had no death (a zero, not missing data), so claims dated in them are checked
    after = tables.fatalities.count(country="Pakistan", end=D(2024, 11, 14))
    for as_of in ("2025-02", "2025-03", "2025-04-04"):
        v = check_fact(claim(after, as_of=as_of), tables)
        assert (v.check, v.verdict, official(v)["all"]) == (CheckKind.COUNTRY_FATALITIES, Verdict.MATCHES, str(after))
    v = check_fact(claim(after, as_of="2025-04"), tables)  # its last day lies after the last update
    assert (v.verdict, v.cause) == (Verdict.NOT_CHECKABLE, Unchecked.OUT_OF_RANGE)
    v = check_fact(claim(2, subject="MONUSCO", metric="fatalities_incident", as_of="2025-03-10"), tables)
    assert (v.check, v.verdict, official(v)) == (CheckKind.MISSION_INCIDENT, Verdict.DIFFERS, {"all": "0", "uniformed": "0"})
    assert (tables.fatalities.last_record, tables.fatalities.last_date) == (D(2024, 11, 14), D(2025, 4, 4))


def test_a_start_after_the_date_is_set_aside_with_a_warning(tables):
    v = check_fact(claim(159, as_of="2021-10-26", since="2030"), tables)
    warning = "its start (since 2030) is after its date (2021-10-26), so it was counted from the table's first record"
    assert (v.verdict, v.period_start, v.warnings) == (Verdict.MATCHES, None, (warning,))
    assert v.reason.endswith(f"UN fatalities table (last update 2025-04-04); warning: {warning}")
    assert v.to_dict()["warnings"] == [warning]
    # a start before the date is used, and warns of nothing
    v = check_fact(claim(159, as_of="2021-10-26", since="1960"), tables)
    assert (v.period_start, v.warnings, v.to_dict()["warnings"]) == (D(1960, 1, 1), (), [])


# --- not checkable, with the reason ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fact", "cause", "reason"),
    [
        (claim(181, as_of=None), Unchecked.NO_DATE, "the claim has no date to check it at"),
        (claim(190, as_of="2025-06"), Unchecked.OUT_OF_RANGE,
         "dated 2025-06, outside the fatalities table (1960-09-30 to its last update 2025-04-04; "
         "last recorded death 2024-11-14)"),
        (claim(8000, metric="personnel_deployed", as_of="2016"), Unchecked.OUT_OF_RANGE,
         "dated 2016, outside the contributions table (1990-11..2014-02)"),
        (claim(8000, metric="personnel_deployed", as_of="1990-10"), Unchecked.OUT_OF_RANGE,
         "dated 1990-10, outside the contributions table (1990-11..2014-02)"),
        (claim(4, subject="MINUSCA", metric="fatalities_incident", as_of="2017-05"), Unchecked.DATE_TOO_COARSE,
         "an incident toll is checked on its day (±2); the claim is dated only to 2017-05"),
        (claim(4, subject="UN", metric="fatalities_incident", as_of="2017-05-08"), Unchecked.SCOPE_NOT_HELD,
         "an incident toll is checked for its mission or the victims' country; UN-wide deaths on a day mix incidents"),
        (claim(10000, subject="UNIFIL", metric="personnel_deployed", as_of="2010-06"), Unchecked.SCOPE_NOT_HELD,
         "the contributions table counts each country's personnel, not the strength of UNIFIL"),
        (claim(40, metric="personnel_deployed", as_of="2010-06", category="women"), Unchecked.SCOPE_NOT_HELD,
         "the contributions table has no breakdown by sex"),
        (claim(90, as_of="2010-06", scope="army"), Unchecked.SCOPE_NOT_HELD,
         "the official tables do not split personnel by service (army only)"),
        (claim(235000, metric="personnel_served_total", as_of="2024-05"), Unchecked.METRIC_NOT_HELD,
         "no official table counts everyone who ever served; only national sources publish it"),
        (claim(128, metric="personnel_pledged", as_of="2024-06-08"), Unchecked.METRIC_NOT_HELD,
         "a pledge is a future commitment; the tables record deployments and deaths"),
        (claim(13, metric="injuries_total"), Unchecked.METRIC_NOT_HELD, "the official tables record deaths, not injuries"),
        (claim(40, metric="women_deployed", as_of="2010-06"), Unchecked.METRIC_NOT_HELD,
         "the contributions table has no breakdown by sex"),
        (claim(3, subject="Atlantis"), Unchecked.UNKNOWN_SUBJECT,
         "'Atlantis' is not a country, a mission or the UN as the official tables know them"),
    ],
)
def test_not_checkable(tables, fact, cause, reason):
    v = check_fact(fact, tables)
    assert (v.verdict, v.cause, v.reason, v.difference, v.official, v.checked) == (
        Verdict.NOT_CHECKABLE, cause, reason, None, (), False
    )


def test_subjects_resolve_by_name_alias_and_acronym(tables):
    assert [resolve_subject(s, tables) for s in ("UN", "U.N.", "MONUSCO", "minusca",
                                                  "PAKISTAN", "ZZ [Undetermined]", "Nowhere")] == [
        ("un", "UN"), ("un", "UN"), ("mission", "MONUSCO"), ("mission", "MINUSCA"), ("country", "Pakistan"),
        ("country", "ZZ [Undetermined]"), (None, "Nowhere"),
    ]
    # the tables' own names, and a nationality peacefacts does not know as a country today
    bundled = load_official()
    assert [resolve_subject(s, bundled) for s in ("United Republic of Tanzania", "Côte d'Ivoire", "Yugoslavia")] == [
        ("country", "Tanzania"), ("country", "Cote d'Ivoire"), ("country", "Yugoslavia")
    ]


# --- verify over a corpus: sources, offsets, copies -------------------------------------------


def _result(doc, url, facts, fingerprint=None):
    return ExtractionResult(document=Document(id=doc, text="", url=url, fingerprint=fingerprint), facts=facts)


def test_verify_records_sources_and_offsets(tables):
    results = [
        _result("a1", "https://www.dawn.com/news/1", [claim(161, doc="a1"), claim(181, as_of="2024-05", doc="a1")]),
        _result("a2", "http://dawn.com/news/2", [claim(181, as_of="2024-05", doc="a2")]),  # repeated: counts once
        _result("b1", "https://news.un.org/x", [claim(159, doc="b1"), claim(150, doc="b1", qualifier="at_least"),
                                                 claim(2, doc="b1", as_of="2024-05")]),
        _result("c1", None, [claim(181, doc="c1", as_of=None)]),
        ErrorRecord(doc="bad", error="empty document"),
        Person(doc="a1", name="Someone"),
    ]
    report = verify(results, official=tables)
    assert [v.source for v in report.verifications] == ["dawn.com", "dawn.com", "dawn.com", "un.org",
                                                        "un.org", "un.org", "c1"]
    assert report.counts() == {"facts": 7, "checkable": 6, "matches": 2, "near": 0, "uninformative": 0, "differs": 4,
                               "not_checkable": 1}
    assert [e.doc for e in report.errors] == ["bad"]
    offsets = {(o.by, o.name): o for o in report.offsets}
    dawn = offsets[("source", "dawn.com")]
    assert (dawn.n, dawn.median, dawn.low, dawn.high, dawn.spread, dawn.differs) == (2, 6.5, 2, 11, 4.5, 2)
    un = offsets[("source", "un.org")]
    assert (un.n, un.median, un.matches, un.bounded, un.outliers) == (1, 0, 1, 1, 1)
    pakistan = offsets[("subject", "Pakistan")]
    # +2/159, +11/170 twice (two pages of one publisher, not known to be copies), 0/159
    assert (pakistan.n, pakistan.median, pakistan.median_relative) == (4, 6.5, 0.0386)
    assert ("source", "c1") not in offsets


def test_copies_count_once_per_subject(tables):
    facts = [claim(181, as_of="2024-05", doc="x"), claim(181, as_of="2024-05", doc="y"), claim(161, doc="z")]
    checked = [check_fact(f, tables) for f in facts]
    assert [(o.by, o.name, o.n, o.median) for o in publisher_offsets(checked)] == [
        ("source", "x", 1, 11), ("source", "y", 1, 11), ("source", "z", 1, 2), ("subject", "Pakistan", 3, 11),
    ]
    assert [(o.name, o.n, o.median) for o in publisher_offsets(checked, {"x": "x", "y": "x", "z": "z"})
            if o.by == "subject"] == [("Pakistan", 2, 6.5)]


def test_outliers_are_counted_apart(tables):
    far = claim(30, doc="o")  # an incident toll read as a total: 81% below
    assert abs(check_fact(far, tables).relative_difference) > OUTLIER_RELATIVE
    [source, subject] = publisher_offsets([check_fact(far, tables)])
    assert (source.n, source.median, source.outliers, source.differs) == (0, None, 1, 0)


def test_verify_accepts_records_as_dicts_and_rejects_others(tables):
    from peacefacts.io.convert import to_record

    report = verify([to_record(claim(161)), to_record(Document(id="d", text="", url="https://a.org"))], official=tables)
    assert [(v.source, v.verdict.value) for v in report.verifications] == [("a.org", "differs")]
    with pytest.raises(TypeError, match="verify\\(\\) takes extraction results, facts or documents, not int"):
        verify([3], official=tables)


def test_input_order_never_changes_verdicts(tables):
    facts = [claim(v, as_of=d, doc=f"d{i}") for i, (v, d) in
             enumerate([(161, "2021-10-26"), (181, "2024-05"), (140, "2019"), (159, "2021-10"), (170, None)])]
    facts.append(claim(4, subject="MINUSCA", metric="fatalities_incident", as_of="2017-05-08", doc="m"))
    base = verify(facts, official=tables)
    for seed in range(5):
        shuffled = facts[:]
        random.Random(seed).shuffle(shuffled)
        again = verify(shuffled, official=tables)
        assert sorted(v.to_dict().items().__repr__() for v in again.verifications) == sorted(
            v.to_dict().items().__repr__() for v in base.verifications)
        assert again.offsets == base.offsets


def test_source_of():
    assert source_of(Document(id="a", text="", url="HTTPS://WWW.Example.org:8080/p"), "a") == "example.org"
    assert source_of(Document(id="a", text="", url="example.org/page"), "a") == "example.org"
    assert source_of(Document(id="a", text="", url=None), "a") == "a"


@pytest.mark.parametrize(
    ("url", "publisher"),
    [
        ("https://mobile.ghanaweb.com/GhanaHomePage/x", "ghanaweb.com"),
        ("https://www.ghanaweb.com/GhanaHomePage/x", "ghanaweb.com"),
        ("https://news.un.org/en/story/1", "un.org"),
        ("https://www.bbc.co.uk/news/1", "bbc.co.uk"),  # a two-part public suffix
        ("https://tribune.com.pk/story/1", "tribune.com.pk"),
        ("https://one.blogspot.com/p", "one.blogspot.com"),  # a private suffix: each blog its own
        ("http://localhost:8000/p", "localhost"),
        ("http://10.0.0.7/p", "10.0.0.7"),
    ],
)
def test_a_publisher_is_its_registered_domain(url, publisher):
    assert source_of(Document(id="a", text="", url=url), "a") == publisher


def test_subdomains_of_one_publisher_share_its_offset(tables):
    documents = [Document(id="m", text="x", url="https://mobile.ghanaweb.com/a"),
                 Document(id="w", text="x", url="https://www.ghanaweb.com/b")]
    report = verify([*documents, claim(161, doc="m"), claim(181, doc="w", as_of="2024-05-31")], official=tables)
    sources = [(o.name, o.n, o.median) for o in report.offsets if o.by == "source"]
    assert sources == [("ghanaweb.com", 2, 6.5)]


def test_report_as_text(tables):
    report = verify([claim(161, doc="mofa"), claim(235000, metric="personnel_served_total", doc="mofa")], official=tables)
    text = format_report(report)
    assert "DIFFERS       Pakistan fatalities_total 161 (2021-10-26)  +2\n  official: 159 all personnel / 156 uniformed\n" in text
    assert "NOT_CHECKABLE Pakistan personnel_served_total 235,000 (2021-10-26)\n  no official table counts" in text
    assert "2 fact(s): 1 checkable (0 matches, 0 near, 0 uninformative, 1 differs), 1 not checkable" in text
    assert "source  n  median  min  max  spread  median %  matches  near  differs  bounded  outliers\n" \
           "mofa    1      +2   +2   +2       0     +1.3%        0     0        1        0         0\n" in text
    assert repr(report) == (
        "<VerifyReport 2 fact(s): 1 checkable (0 matches, 0 near, 0 uninformative, 1 differs), 1 not checkable; "
        "2 offset(s)>"
    )


def test_verify_with_the_api_name():
    import peacefacts

    assert "verify" in peacefacts.__all__
    report = peacefacts.verify([claim(161)])
    assert report.tables.origin == "bundled"
    assert report.verifications[0].verdict is Verdict.DIFFERS
