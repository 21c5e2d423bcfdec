"""Date normalization: every French and English form, resolved with and without a publication date."""

from __future__ import annotations

import json
import pickle
import sys
from dataclasses import FrozenInstanceError
from datetime import date, datetime
from pathlib import Path

import pytest

from recoupe.normalize import dates
from recoupe.normalize.dates import DateValue, parse_date
from recoupe.normalize.relation import Relation

MON = date(2022, 8, 1)  # a Monday: the day the seed articles were published
WED = date(2022, 8, 3)
SUN = date(2022, 8, 7)
D = date


def day(d: date) -> DateValue:
    return DateValue(d, d)


def parse(text: str, published: date | None = MON, lang: str = "fr") -> DateValue:
    v = parse_date(text, published, lang)
    assert v is not None, f"{text!r} did not parse"
    return v


def span(v: DateValue) -> tuple[date | None, date | None]:
    return v.start, v.end


def shape(v: DateValue) -> tuple[object, ...]:
    return (v.start, v.end, v.weekdays, v.months, v.days, v.granularity, v.partial)


def plain(
    start: date | None, end: date | None, granularity: str, partial: bool = False
) -> tuple[object, ...]:
    return (start, end, None, None, None, granularity, partial)


# --------------------------------------------------------------------------------------------------------
# Absolute dates: the same with or without a publication date

AUG_1 = [
    "1er août 2022",
    "1^{er} août 2022",
    "1<sup>er</sup> août 2022",
    "1ᵉʳ août 2022",
    "1 er août 2022",
    "le 1er août 2022",
    "lundi 1er août 2022",
    "ce lundi 1er août 2022",
    "ce lundi 1^{er} août 2022",
    "Lundi 1er Août 2022",
    "le premier août 2022",
    "01.08.2022",
    "01/08/2022",
    "1/8/2022",
    "01-08-2022",
    "01/08/22",
    "2022-08-01",
    "2022/08/01",
    "2022-08-01T10:30:00Z",
    "en date du 1er août 2022",
    "August 1, 2022",
    "August 1st, 2022",
    "Aug. 1, 2022",
    "1 August 2022",
    "1st August 2022",
    "the 1st of August 2022",
    "on 1 August 2022",
    "Monday, August 1, 2022",
    "Monday 1 August 2022",
    "Mon, 1 Aug 2022",
]


@pytest.mark.parametrize("text", AUG_1)
@pytest.mark.parametrize("published", [MON, D(2023, 3, 9), None])
def test_absolute_day(text: str, published: date | None) -> None:
    assert shape(parse(text, published)) == plain(D(2022, 8, 1), D(2022, 8, 1), "day")


@pytest.mark.parametrize("text", ["2022-08-01 10:30", "1er août 2022 à 10h30", "1 August 2022 at 10:30 am"])
def test_a_clock_time_keeps_the_hour(text: str) -> None:
    v = parse(text, None)
    assert (shape(v), v.hours, str(v)) == (
        plain(D(2022, 8, 1), D(2022, 8, 1), "hour"),
        1 << 10,
        "2022-08-01 at 10h",
    )


def test_absolute_day_keeps_text_and_relates_equal() -> None:
    v = parse("ce lundi 1^{er} août 2022")
    assert v.text == "ce lundi 1^{er} août 2022"
    assert v.relate(day(D(2022, 8, 1))) is Relation.EQUAL
    assert str(v) == "2022-08-01"


@pytest.mark.parametrize(
    "text",
    [
        "août 2022",
        "Août 2022",
        "en août 2022",
        "August 2022",
        "in Aug 2022",
        "2022-08",
        "08/2022",
        "au mois d'août 2022",
    ],
)
def test_absolute_month(text: str) -> None:
    assert shape(parse(text, None)) == plain(D(2022, 8, 1), D(2022, 8, 31), "month")


def test_february_month_length() -> None:
    assert span(parse("février 2024", None)) == (D(2024, 2, 1), D(2024, 2, 29))
    assert span(parse("February 2023", None)) == (D(2023, 2, 1), D(2023, 2, 28))


@pytest.mark.parametrize("text", ["2022", "en 2022", "in 2022", "l'année 2022", "the year 2022"])
def test_absolute_year(text: str) -> None:
    assert shape(parse(text, None)) == plain(D(2022, 1, 1), D(2022, 12, 31), "year")


def test_int_is_a_year() -> None:
    # YAML reads `value: 2022` as an int.
    assert shape(parse_date(2022) or day(MON)) == plain(D(2022, 1, 1), D(2022, 12, 31), "year")


def test_date_and_datetime_objects() -> None:
    assert shape(parse_date(D(2022, 8, 1)) or day(MON)) == plain(MON, MON, "day")
    v = parse_date(datetime(2022, 8, 1, 23, 59))
    assert v is not None and span(v) == (MON, MON)
    assert parse(MON.isoformat()).relate(v) is Relation.EQUAL


def test_datetime_publication_date_is_its_day() -> None:
    assert span(parse("hier", datetime(2022, 8, 1, 8, 0))) == (D(2022, 7, 31), D(2022, 7, 31))


def test_day_first_unless_en_us_or_impossible() -> None:
    assert span(parse("02/08/2022")) == (D(2022, 8, 2), D(2022, 8, 2))
    assert span(parse("02/08/2022", lang="en-GB")) == (D(2022, 8, 2), D(2022, 8, 2))
    assert span(parse("08/02/2022", lang="en-US")) == (D(2022, 8, 2), D(2022, 8, 2))
    assert span(parse("08/25/2022")) == (D(2022, 8, 25), D(2022, 8, 25))


def test_contradicting_weekday_keeps_the_explicit_date() -> None:
    # 2 August 2022 is a Tuesday: the specific part of the wording wins over the weekday.
    assert span(parse("lundi 2 août 2022")) == (D(2022, 8, 2), D(2022, 8, 2))


@pytest.mark.parametrize(
    "text",
    ["", "   ", "bonjour", "31/02/2022", "32 août 2022", "0 août", "30 février", "T5 2022", "H3 2022", "le 15",
     "13/13/2022", "vers le 2 août", "cette année-là", "ce jour-là", "2022-13-01", "lundi mardi", "dernier"],
)  # fmt: skip
def test_unparseable_is_none(text: str) -> None:
    assert parse_date(text, MON) is None
    assert parse_date(text) is None


# --------------------------------------------------------------------------------------------------------
# Weekdays


@pytest.mark.parametrize("text", ["ce lundi", "Ce lundi", "this Monday"])
@pytest.mark.parametrize("published", [MON, WED, SUN])
def test_this_weekday_is_the_one_of_the_publication_week(text: str, published: date) -> None:
    assert shape(parse(text, published)) == plain(MON, MON, "day")


def test_this_weekday_can_be_later_in_the_week() -> None:
    assert span(parse("ce vendredi", MON)) == (D(2022, 8, 5), D(2022, 8, 5))
    assert span(parse("this Sunday", MON)) == (SUN, SUN)


@pytest.mark.parametrize("text", ["lundi dernier", "lundi passé", "last Monday"])
def test_last_weekday_is_strictly_before_publication(text: str) -> None:
    assert span(parse(text, MON)) == (D(2022, 7, 25), D(2022, 7, 25))
    assert span(parse(text, WED)) == (MON, MON)
    assert span(parse(text, D(2022, 8, 2))) == (MON, MON)


@pytest.mark.parametrize("text", ["lundi prochain", "next Monday", "lundi qui vient"])
def test_next_weekday_is_strictly_after_publication(text: str) -> None:
    assert span(parse(text, MON)) == (D(2022, 8, 8), D(2022, 8, 8))
    assert span(parse(text, SUN)) == (D(2022, 8, 8), D(2022, 8, 8))


@pytest.mark.parametrize("text", ["lundi", "Lundi", "le lundi", "on Monday", "Monday"])
def test_bare_weekday_on_that_weekday_is_the_publication_day(text: str) -> None:
    # dateparser resolves « lundi » published on a Monday to the week before; it is the day itself.
    assert shape(parse(text, MON)) == plain(MON, MON, "day")


def test_bare_weekday_otherwise_is_the_one_before_or_after() -> None:
    v = parse("lundi", WED)
    assert shape(v) == (MON, D(2022, 8, 8), frozenset({0}), None, None, "day", False)
    assert v.relate(day(MON)) is Relation.BROADER
    assert v.relate(day(D(2022, 8, 8))) is Relation.BROADER
    assert v.relate(day(D(2022, 7, 25))) is Relation.DISJOINT
    assert str(v) == "Monday in 2022-08-01..2022-08-08"


@pytest.mark.parametrize(
    "text",
    [
        "ce lundi",
        "lundi",
        "lundi dernier",
        "lundi prochain",
        "this Monday",
        "last Monday",
        "on Monday",
        "next Monday",
    ],
)
def test_weekday_without_publication_is_some_monday(text: str) -> None:
    v = parse(text, None)
    assert shape(v) == (None, None, frozenset({0}), None, None, "day", True)
    assert v.weekday == 0
    assert str(v) == "some Monday"


def test_some_monday_relations() -> None:
    some_monday = parse("ce lundi", None)
    assert some_monday.relate(parse("lundi 1er août 2022", None)) is Relation.BROADER
    assert parse("lundi 1er août 2022", None).relate(some_monday) is Relation.NARROWER
    assert some_monday.relate(day(D(2022, 8, 3))) is Relation.DISJOINT
    assert some_monday.relate(parse("août 2022")) is Relation.OVERLAP
    assert some_monday.relate(parse("lundi dernier", None)) is Relation.EQUAL
    assert some_monday.relate(parse("mardi", None)) is Relation.DISJOINT
    # A week holds one Monday, so the set of Mondays is neither inside nor outside it.
    assert some_monday.relate(parse("cette semaine")) is Relation.OVERLAP


def test_ce_lundi_published_that_monday_equals_the_day() -> None:
    assert parse("ce lundi", MON).relate(day(D(2022, 8, 1))) is Relation.EQUAL
    assert parse("ce lundi", MON).relate(parse("ce lundi 1er août 2022")) is Relation.EQUAL


# --------------------------------------------------------------------------------------------------------
# Months relative to the publication


@pytest.mark.parametrize("text", ["en mai dernier", "En mai dernier", "mai dernier", "last May"])
def test_last_may(text: str) -> None:
    assert shape(parse(text, MON)) == plain(D(2022, 5, 1), D(2022, 5, 31), "month")
    # « dernier » is strictly before the publication month.
    assert span(parse(text, D(2022, 5, 20))) == (D(2021, 5, 1), D(2021, 5, 31))


@pytest.mark.parametrize(
    "text",
    [
        "en décembre dernier",
        "décembre dernier",
        "last December",
        "in December last year",
        "en décembre de l'année dernière",
        "décembre de l'an dernier",
        "December of last year",
    ],
)
def test_last_december_is_the_year_before(text: str) -> None:
    assert shape(parse(text, MON)) == plain(D(2021, 12, 1), D(2021, 12, 31), "month")


@pytest.mark.parametrize("text", ["en mai prochain", "next May", "May next year", "mai de l'an prochain"])
def test_next_may(text: str) -> None:
    assert span(parse(text, MON)) == (D(2023, 5, 1), D(2023, 5, 31))


@pytest.mark.parametrize("text", ["en mai de cette année", "May this year", "this May", "ce mois de mai"])
def test_this_years_may(text: str) -> None:
    assert span(parse(text, MON)) == (D(2022, 5, 1), D(2022, 5, 31))


@pytest.mark.parametrize(
    "text", ["en mai dernier", "last May", "en mai", "in May", "May", "mai prochain", "May last year"]
)
def test_month_without_publication_is_some_may(text: str) -> None:
    v = parse(text, None)
    assert shape(v) == (None, None, None, frozenset({5}), None, "month", True)
    assert str(v) == "some May"


def test_some_may_relations() -> None:
    some_may = parse("en mai dernier", None)
    assert some_may.relate(parse("mai 2022")) is Relation.BROADER
    assert some_may.relate(day(D(2022, 5, 9))) is Relation.BROADER
    assert some_may.relate(parse("ce lundi", None)) is Relation.OVERLAP
    assert some_may.relate(parse("juin 2022")) is Relation.DISJOINT
    assert some_may.relate(parse("T2 2022")) is Relation.OVERLAP
    assert some_may.relate(parse("last May", None)) is Relation.EQUAL


def test_bare_month_is_the_one_less_than_a_year_away() -> None:
    # Published in August: the May just gone, or the next one.
    v = parse("en mai", MON)
    assert shape(v) == (D(2022, 5, 1), D(2023, 5, 31), None, frozenset({5}), None, "month", False)
    assert v.relate(parse("mai 2022")) is Relation.BROADER
    assert v.relate(parse("mai 2021")) is Relation.DISJOINT
    # Published in May: that May.
    assert span(parse("en mai", D(2022, 5, 20))) == (D(2022, 5, 1), D(2022, 5, 31))


# --------------------------------------------------------------------------------------------------------
# Day and month without a year


@pytest.mark.parametrize(
    "text", ["le 2 août", "2 août", "2 August", "August 2", "August 2nd", "the 2nd of August"]
)
def test_day_month_near_publication(text: str) -> None:
    # The latest such day on or before publication, or one in the week after it (an announcement);
    # never one further in the future.
    v = parse(text, MON)
    assert shape(v) == (D(2021, 8, 2), D(2022, 8, 2), None, frozenset({8}), frozenset({2}), "day", False)
    assert v.relate(day(D(2022, 8, 2))) is Relation.BROADER
    assert v.relate(day(D(2021, 8, 3))) is Relation.DISJOINT
    assert shape(parse(text, D(2022, 2, 1))) == plain(D(2021, 8, 2), D(2021, 8, 2), "day")
    assert shape(parse(text, D(2022, 8, 2))) == plain(D(2022, 8, 2), D(2022, 8, 2), "day")
    # Without a publication date: some 2 August.
    w = parse(text, None)
    assert shape(w) == (None, None, None, frozenset({8}), frozenset({2}), "day", True)
    assert str(w) == "some 2 August"


def test_day_month_with_modifiers() -> None:
    assert span(parse("le 2 août dernier", MON)) == (D(2021, 8, 2), D(2021, 8, 2))
    assert span(parse("le 15 mai dernier", MON)) == (D(2022, 5, 15), D(2022, 5, 15))
    assert span(parse("le 2 août prochain", MON)) == (D(2022, 8, 2), D(2022, 8, 2))
    assert span(parse("2 August last year", MON)) == (D(2021, 8, 2), D(2021, 8, 2))


def test_weekday_and_day_month_without_year() -> None:
    v = parse("lundi 1er août", None)
    assert shape(v) == (None, None, frozenset({0}), frozenset({8}), frozenset({1}), "day", True)
    assert v.relate(day(D(2022, 8, 1))) is Relation.BROADER
    assert v.relate(day(D(2021, 8, 1))) is Relation.DISJOINT  # a Sunday
    # With a publication date half a year off, the weekday picks the year.
    assert span(parse("lundi 1er août", D(2022, 2, 1))) == (D(2022, 8, 1), D(2022, 8, 1))


def test_february_29_without_year() -> None:
    assert shape(parse("29 février", None)) == (
        None,
        None,
        None,
        frozenset({2}),
        frozenset({29}),
        "day",
        True,
    )
    assert span(parse("29 février", D(2024, 1, 10))) == (D(2020, 2, 29), D(2020, 2, 29))
    assert span(parse("29 février", D(2024, 3, 1))) == (D(2024, 2, 29), D(2024, 2, 29))


# --------------------------------------------------------------------------------------------------------
# Open-ended


@pytest.mark.parametrize(
    "text",
    [
        "à partir du 2 août",
        "A partir du 2 août",
        "dès le 2 août",
        "à compter du 2 août",
        "from 2 August",
        "from August 2",
        "starting August 2",
        "as of 2 August",
    ],
)
def test_from_day_month(text: str) -> None:
    v = parse(text, MON)
    assert shape(v) == plain(D(2022, 8, 2), None, "open")
    assert str(v) == ">= 2022-08-02"
    assert v.relate(day(D(2022, 8, 5))) is Relation.BROADER
    assert v.relate(day(D(2022, 8, 1))) is Relation.DISJOINT
    assert v.relate(parse("août 2022")) is Relation.OVERLAP


def test_from_takes_next_year_when_needed() -> None:
    assert span(parse("à partir du 2 janvier", D(2022, 12, 20))) == (D(2023, 1, 2), None)
    assert span(parse("from January 2", D(2022, 12, 20))) == (D(2023, 1, 2), None)


@pytest.mark.parametrize(
    "text",
    [
        "à partir du 2 août",
        "from 2 August",
        "depuis le 2 août",
        "avant le 2 août",
        "before 2 August",
        "jusqu'au 2 août",
    ],
)
def test_open_without_publication_is_the_whole_timeline(text: str) -> None:
    v = parse(text, None)
    assert shape(v) == plain(None, None, "open", partial=True)
    assert v.relate(day(MON)) is Relation.BROADER


@pytest.mark.parametrize("text", ["depuis le 2 août", "since 2 August", "since August 2nd"])
def test_since_looks_back(text: str) -> None:
    assert span(parse(text, MON)) == (D(2021, 8, 2), None)
    assert span(parse(text, D(2022, 8, 10))) == (D(2022, 8, 2), None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("à partir du 2 août 2022", (D(2022, 8, 2), None)),
        ("from 2 August 2022", (D(2022, 8, 2), None)),
        ("depuis 2020", (D(2020, 1, 1), None)),
        ("since 2020", (D(2020, 1, 1), None)),
        ("depuis mai 2022", (D(2022, 5, 1), None)),
        ("avant le 2 août 2022", (None, D(2022, 8, 1))),
        ("before August 2, 2022", (None, D(2022, 8, 1))),
        ("avant 2022", (None, D(2021, 12, 31))),
        ("jusqu'au 15 août 2022", (None, D(2022, 8, 15))),
        ("until 15 August 2022", (None, D(2022, 8, 15))),
        ("d'ici 2030", (None, D(2030, 12, 31))),
        ("après le 2 août 2022", (D(2022, 8, 3), None)),
        ("after 2 August 2022", (D(2022, 8, 3), None)),
        ("après mai 2022", (D(2022, 6, 1), None)),
        ("after the first quarter of 2022", (D(2022, 4, 1), None)),
    ],
)
def test_open_with_explicit_year(text: str, expected: tuple[date | None, date | None]) -> None:
    for published in (MON, None):
        v = parse(text, published)
        assert shape(v) == plain(*expected, "open")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("avant le 2 août", MON, (None, D(2022, 8, 1))),
        ("before 2 August", MON, (None, D(2022, 8, 1))),
        ("jusqu'au 15 août", MON, (None, D(2022, 8, 15))),
        ("depuis lundi", WED, (MON, None)),
        ("since Monday", WED, (MON, None)),
        ("dès lundi", WED, (D(2022, 8, 8), None)),
        ("from Monday", WED, (D(2022, 8, 8), None)),
        ("depuis l'an dernier", MON, (D(2021, 1, 1), None)),
        ("since last year", MON, (D(2021, 1, 1), None)),
        ("depuis hier", MON, (D(2022, 7, 31), None)),
        ("avant mai", D(2022, 8, 3), (None, D(2022, 4, 30))),
    ],
)
def test_open_relative(text: str, published: date, expected: tuple[date | None, date | None]) -> None:
    assert span(parse(text, published)) == expected


# --------------------------------------------------------------------------------------------------------
# Quarters and halves

Q1_2022 = (D(2022, 1, 1), D(2022, 3, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("au premier trimestre 2022", Q1_2022),
        ("lors du premier trimestre 2022", Q1_2022),
        ("1er trimestre 2022", Q1_2022),
        ("T1 2022", Q1_2022),
        ("T1-2022", Q1_2022),
        ("Q1 2022", Q1_2022),
        ("2022-Q1", Q1_2022),
        ("2022 Q1", Q1_2022),
        ("in the first quarter of 2022", Q1_2022),
        ("first quarter 2022", Q1_2022),
        ("1st quarter of 2022", Q1_2022),
        ("au 2e trimestre 2022", (D(2022, 4, 1), D(2022, 6, 30))),
        ("au deuxième trimestre 2022", (D(2022, 4, 1), D(2022, 6, 30))),
        ("second quarter of 2022", (D(2022, 4, 1), D(2022, 6, 30))),
        ("Q2 2022", (D(2022, 4, 1), D(2022, 6, 30))),
        ("troisième trimestre 2022", (D(2022, 7, 1), D(2022, 9, 30))),
        ("T4 2021", (D(2021, 10, 1), D(2021, 12, 31))),
        ("au dernier trimestre 2021", (D(2021, 10, 1), D(2021, 12, 31))),
        ("the last quarter of 2021", (D(2021, 10, 1), D(2021, 12, 31))),
        ("fourth quarter 2021", (D(2021, 10, 1), D(2021, 12, 31))),
    ],
)
def test_quarter(text: str, expected: tuple[date, date]) -> None:
    v = parse(text, None)
    assert shape(v) == plain(*expected, "quarter")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("premier semestre 2022", (D(2022, 1, 1), D(2022, 6, 30))),
        ("au 1er semestre 2022", (D(2022, 1, 1), D(2022, 6, 30))),
        ("S1 2022", (D(2022, 1, 1), D(2022, 6, 30))),
        ("first half of 2022", (D(2022, 1, 1), D(2022, 6, 30))),
        ("H1 2022", (D(2022, 1, 1), D(2022, 6, 30))),
        ("second semestre 2022", (D(2022, 7, 1), D(2022, 12, 31))),
        ("second half of 2022", (D(2022, 7, 1), D(2022, 12, 31))),
        ("H2 2022", (D(2022, 7, 1), D(2022, 12, 31))),
    ],
)
def test_half(text: str, expected: tuple[date, date]) -> None:
    assert shape(parse(text, None)) == plain(*expected, "half")


def test_quarter_relations_and_display() -> None:
    q1 = parse("Q1 2022")
    assert q1.relate(day(D(2022, 2, 15))) is Relation.BROADER
    assert day(D(2022, 2, 15)).relate(q1) is Relation.NARROWER
    assert q1.relate(parse("au premier trimestre 2022")) is Relation.EQUAL
    assert q1.relate(parse("premier semestre 2022")) is Relation.NARROWER
    assert q1.relate(parse("T2 2022")) is Relation.DISJOINT
    assert str(q1) == "2022-Q1 (quarter)"
    assert str(parse("H2 2022")) == "2022-H2 (half)"


def test_quarter_without_year() -> None:
    v = parse("au premier trimestre", None)
    assert shape(v) == (None, None, None, frozenset({1, 2, 3}), None, "quarter", True)
    assert str(v) == "some Q1"
    assert v.relate(parse("Q1 2022")) is Relation.BROADER
    assert v.relate(parse("en mai dernier", None)) is Relation.DISJOINT
    # With a publication date: this year's, or next year's if it is still ahead.
    w = parse("au premier trimestre", MON)
    assert shape(w) == (D(2022, 1, 1), D(2023, 3, 31), None, frozenset({1, 2, 3}), None, "quarter", False)
    assert span(parse("au premier trimestre de l'année dernière", MON)) == (D(2021, 1, 1), D(2021, 3, 31))


def test_previous_and_current_quarter() -> None:
    assert shape(parse("le trimestre dernier", MON)) == plain(D(2022, 4, 1), D(2022, 6, 30), "quarter")
    assert span(parse("last quarter", MON)) == (D(2022, 4, 1), D(2022, 6, 30))
    assert span(parse("ce trimestre", MON)) == (D(2022, 7, 1), D(2022, 9, 30))
    assert span(parse("last quarter", D(2022, 2, 1))) == (D(2021, 10, 1), D(2021, 12, 31))


# --------------------------------------------------------------------------------------------------------
# Years, months, weeks and days relative to the publication


@pytest.mark.parametrize(
    ("text", "expected", "granularity"),
    [
        ("l'an dernier", (D(2021, 1, 1), D(2021, 12, 31)), "year"),
        ("l’an dernier", (D(2021, 1, 1), D(2021, 12, 31)), "year"),
        ("l'année dernière", (D(2021, 1, 1), D(2021, 12, 31)), "year"),
        ("l'an passé", (D(2021, 1, 1), D(2021, 12, 31)), "year"),
        ("last year", (D(2021, 1, 1), D(2021, 12, 31)), "year"),
        ("cette année", (D(2022, 1, 1), D(2022, 12, 31)), "year"),
        ("this year", (D(2022, 1, 1), D(2022, 12, 31)), "year"),
        ("l'an prochain", (D(2023, 1, 1), D(2023, 12, 31)), "year"),
        ("next year", (D(2023, 1, 1), D(2023, 12, 31)), "year"),
        ("le mois dernier", (D(2022, 7, 1), D(2022, 7, 31)), "month"),
        ("last month", (D(2022, 7, 1), D(2022, 7, 31)), "month"),
        ("ce mois-ci", (D(2022, 8, 1), D(2022, 8, 31)), "month"),
        ("this month", (D(2022, 8, 1), D(2022, 8, 31)), "month"),
        ("cette semaine", (D(2022, 8, 1), D(2022, 8, 7)), "week"),
        ("this week", (D(2022, 8, 1), D(2022, 8, 7)), "week"),
        ("la semaine dernière", (D(2022, 7, 25), D(2022, 7, 31)), "week"),
        ("last week", (D(2022, 7, 25), D(2022, 7, 31)), "week"),
        ("le week-end dernier", (D(2022, 7, 30), D(2022, 7, 31)), "week"),
        ("hier", (D(2022, 7, 31), D(2022, 7, 31)), "day"),
        ("hier soir", (D(2022, 7, 31), D(2022, 7, 31)), "hour"),
        ("yesterday", (D(2022, 7, 31), D(2022, 7, 31)), "day"),
        ("aujourd'hui", (MON, MON), "day"),
        ("Aujourd’hui", (MON, MON), "day"),
        ("today", (MON, MON), "day"),
        ("ce matin", (MON, MON), "day"),
        ("this morning", (MON, MON), "day"),
        ("demain", (D(2022, 8, 2), D(2022, 8, 2)), "day"),
        ("tomorrow", (D(2022, 8, 2), D(2022, 8, 2)), "day"),
        ("avant-hier", (D(2022, 7, 30), D(2022, 7, 30)), "day"),
        ("the day before yesterday", (D(2022, 7, 30), D(2022, 7, 30)), "day"),
        ("après-demain", (D(2022, 8, 3), D(2022, 8, 3)), "day"),
        ("cette nuit", (D(2022, 7, 31), MON), "day"),
    ],
)
def test_relative_to_publication(text: str, expected: tuple[date, date], granularity: str) -> None:
    assert shape(parse(text, MON)) == plain(*expected, granularity)
    # Without a publication date nothing places them: the whole timeline, marked partial.
    assert shape(parse(text, None)) == plain(None, None, granularity, partial=True)


def test_last_year_in_january() -> None:
    assert span(parse("l'an dernier", D(2023, 1, 2))) == (D(2022, 1, 1), D(2022, 12, 31))
    assert span(parse("le mois dernier", D(2023, 1, 2))) == (D(2022, 12, 1), D(2022, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "début août 2022",
        "fin août 2022",
        "mi-août 2022",
        "mid-August 2022",
        "early August 2022",
        "courant août 2022",
    ],
)
def test_vague_position_is_the_whole_period(text: str) -> None:
    assert span(parse(text, None)) == (D(2022, 8, 1), D(2022, 8, 31))


# --------------------------------------------------------------------------------------------------------
# Relations asked for by the design


def test_required_relations() -> None:
    aug1, aug3 = parse("1er août 2022"), parse("3 août 2022")
    assert aug1.relate(aug3) is Relation.DISJOINT
    assert parse("août 2022").relate(aug1) is Relation.BROADER
    assert aug1.relate(parse("août 2022")) is Relation.NARROWER
    assert parse("Q1 2022").relate(day(D(2022, 2, 15))) is Relation.BROADER
    assert parse("ce lundi", None).relate(parse("lundi 1er août 2022", None)) is Relation.BROADER
    assert parse("ce lundi", MON).relate(day(MON)) is Relation.EQUAL
    assert span(parse("lundi", MON)) == (MON, MON)
    assert shape(parse("en mai dernier", MON)) == plain(D(2022, 5, 1), D(2022, 5, 31), "month")
    assert span(parse("en décembre dernier", MON)) == (D(2021, 12, 1), D(2021, 12, 31))
    frm = parse("à partir du 2 août", MON)
    assert frm.relate(day(D(2022, 8, 5))) is Relation.BROADER
    assert frm.relate(day(D(2022, 8, 1))) is Relation.DISJOINT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("depuis 2020", "avant 2022"),
        ("mai 2022", "after 15 May 2022"),
        ("premier semestre 2022", "from 1 June 2022"),
        ("cette semaine", "avant le 3 août 2022"),
        ("lundi", "avant le 3 août 2022"),  # two Mondays, one before
    ],
)
def test_overlapping_values(a: str, b: str) -> None:
    va, vb = parse(a, WED), parse(b, WED)
    assert va.relate(vb) is Relation.OVERLAP
    assert vb.relate(va) is Relation.OVERLAP


def test_open_intervals_against_each_other() -> None:
    since_2020, before_2022 = parse("depuis 2020"), parse("avant 2022")
    assert since_2020.relate(parse("depuis 2021")) is Relation.BROADER
    assert before_2022.relate(parse("avant 2021")) is Relation.BROADER
    assert parse("avant 2020").relate(since_2020) is Relation.DISJOINT
    assert parse("à partir du 2 août", None).relate(parse("depuis lundi", None)) is Relation.EQUAL
    assert DateValue(None, None).relate(since_2020) is Relation.BROADER


def test_recurring_against_open_interval() -> None:
    some_may = parse("en mai dernier", None)
    assert some_may.relate(parse("depuis 2020")) is Relation.OVERLAP
    assert parse("2 août", None).relate(parse("à partir du 2 août 2022")) is Relation.OVERLAP


def test_seed_articles_agree_on_the_meeting_day() -> None:
    # 000 is dated 01.08.2022 and says « ce lundi 1^{er} août 2022 »; 001 carries no date and says « ce lundi ».
    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if seeds.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
        assert "ce lundi 1^{er} août 2022" in texts[0] and "ce lundi" in texts[1]
    published = parse("01.08.2022", None).start
    a = parse("ce lundi 1^{er} août 2022", published)
    b = parse("ce lundi", None)
    assert b.relate(a) is Relation.BROADER
    assert a.relate(b) is Relation.NARROWER
    assert parse("à partir du 2 août", published).relate(a) is Relation.DISJOINT


def test_relate_with_other_types_is_unknown() -> None:
    assert parse("2022").relate("2022") is Relation.UNKNOWN  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------------
# The value type


def test_value_is_frozen_hashable_picklable() -> None:
    values = [
        parse(t, p) for t in ("ce lundi", "2 août", "en mai", "à partir du 2 août") for p in (MON, None)
    ]
    values.append(parse("Q1 2022"))
    for v in values:
        assert pickle.loads(pickle.dumps(v)) == v
        assert pickle.loads(pickle.dumps(v)).relate(v) is Relation.EQUAL
        assert hash(v) == hash(pickle.loads(pickle.dumps(v)))
    assert len(set(values)) == len(values)
    with pytest.raises(FrozenInstanceError):
        values[0].start = MON  # type: ignore[misc]


def test_to_dict_is_json_friendly() -> None:
    d = parse("ce lundi", None).to_dict()
    assert d == {
        "type": "date", "start": None, "end": None, "weekdays": [0], "months": None, "days": None,
        "granularity": "day", "partial": True, "hours": None, "text": "ce lundi", "display": "some Monday",
    }  # fmt: skip
    assert json.loads(json.dumps(parse("en mai", MON).to_dict()))["months"] == [5]
    assert parse("Q1 2022").to_dict()["start"] == "2022-01-01"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (DateValue(MON, MON), "2022-08-01"),
        (DateValue(D(2022, 5, 1), D(2022, 5, 31)), "2022-05 (month)"),
        (DateValue(D(2022, 1, 1), D(2022, 12, 31)), "2022 (year)"),
        (DateValue(D(2022, 8, 1), D(2022, 8, 7)), "2022-W31 (week)"),
        (DateValue(D(2022, 8, 2), D(2022, 8, 9)), "2022-08-02..2022-08-09"),
        (DateValue(D(2022, 8, 2), None), ">= 2022-08-02"),
        (DateValue(None, D(2022, 8, 1)), "<= 2022-08-01"),
        (DateValue(None, None), "any date"),
        (DateValue(None, None, weekdays=frozenset({0})), "some Monday"),
        (DateValue(None, None, months=frozenset({5})), "some May"),
        (DateValue(None, None, months=frozenset({5, 6})), "some May/June"),
        (DateValue(None, None, days=frozenset({1, 15})), "some day 1/15"),
        (DateValue(D(2022, 8, 2), None, weekdays=frozenset({0})), "Monday >= 2022-08-02"),
        (DateValue(None, None, months=frozenset({2}), days=frozenset({30})), "no date"),
    ],
)
def test_str(value: DateValue, text: str) -> None:
    assert str(value) == text


def test_construction_validates_and_normalizes() -> None:
    with pytest.raises(ValueError):
        DateValue(D(2022, 8, 2), D(2022, 8, 1))
    with pytest.raises(ValueError):
        DateValue(None, None, weekdays=frozenset({7}))
    with pytest.raises(ValueError):
        DateValue(None, None, months=frozenset({0}))
    with pytest.raises(ValueError):
        DateValue(None, None, days=frozenset({32}))
    with pytest.raises(ValueError):
        DateValue(None, None, granularity="fortnight")
    # The full set constrains nothing and is spelled None, so equal sets compare equal.
    assert DateValue(None, None, weekdays=frozenset(range(7))) == DateValue(None, None)
    assert DateValue(datetime(2022, 8, 1, 12), None).start == MON
    assert DateValue(None, None, weekdays=frozenset({0})).weekday == 0
    assert DateValue(None, None, months=frozenset({5, 6})).month is None


def test_empty_sets_relate_as_sets() -> None:
    empty = DateValue(None, None, months=frozenset({2}), days=frozenset({30}))
    also_empty = DateValue(D(2022, 8, 2), D(2022, 8, 2), weekdays=frozenset({0}))
    assert empty.is_empty and also_empty.is_empty
    assert empty.relate(also_empty) is Relation.EQUAL
    assert empty.relate(day(MON)) is Relation.NARROWER
    assert day(MON).relate(empty) is Relation.BROADER


def test_contains_and_bounds() -> None:
    v = parse("lundi", WED)
    assert v.contains(MON) and not v.contains(WED)
    assert v.first_day() == MON and v.last_day() == D(2022, 8, 8)
    assert DateValue(None, None, months=frozenset({5})).first_day() == D(1, 5, 1)


def test_far_ends_of_the_calendar() -> None:
    feb29_monday = DateValue(None, None, weekdays=frozenset({0}), months=frozenset({2}), days=frozenset({29}))
    assert feb29_monday.relate(day(D(2016, 2, 29))) is Relation.BROADER  # a Monday
    assert feb29_monday.relate(day(D(2020, 2, 29))) is Relation.DISJOINT  # a Saturday
    assert DateValue(D(9999, 12, 25), None).relate(DateValue(None, D(1, 1, 6))) is Relation.DISJOINT
    assert parse_date("demain", D(9999, 12, 31)) is None


# --------------------------------------------------------------------------------------------------------
# Implementation promises


def test_cache_keeps_each_wording() -> None:
    a, b = parse("Août 2022"), parse("août 2022")
    assert a.text == "Août 2022" and b.text == "août 2022"
    assert a.relate(b) is Relation.EQUAL
    assert parse("août 2022") is b


def test_no_dateparser() -> None:
    modules = sorted(Path(dates.__file__).parent.rglob("*.py"))
    assert len(modules) > 5  # the package's modules, not only its __init__
    for path in modules:
        source = path.read_text(encoding="utf-8")
        assert "import dateparser" not in source and "from dateparser" not in source, path
    assert "dateparser" not in sys.modules or "dateparser" not in dates.__dict__


@pytest.mark.parametrize(
    "text", ["vient d'être confiée", "vient de signer", "récemment", "has just been appointed", "recently"]
)
def test_recent_past_is_on_or_before_publication(text: str) -> None:
    from recoupe.normalize.dates import DateValue

    assert parse_date(text, date(2022, 8, 1)) == DateValue(
        None, date(2022, 8, 1), granularity="open", text=text
    )
    whole = parse_date(text, None)
    assert whole is not None and (whole.start, whole.end, whole.partial) == (None, None, True)
