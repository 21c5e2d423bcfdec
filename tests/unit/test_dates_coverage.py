"""Dates as press coverage words them (issue 13): ranges, wordings relative to publication, hours,
weekday conflicts and numeric dates by language, each with its exact set of days."""

from __future__ import annotations

from datetime import date as D

import pytest

from recoupe.normalize.dates import DateValue, parse_date
from recoupe.normalize.relation import Relation

TUE = D(2023, 3, 7)  # a Tuesday
WED = D(2022, 8, 3)


def days(v: DateValue | None) -> tuple[object, ...]:
    assert v is not None
    return (v.start, v.end, v.weekdays, v.months, v.days, v.granularity)


@pytest.mark.parametrize(
    ("text", "published", "lang", "start", "end"),
    [
        ("du 2 au 5 août", TUE, "fr", D(2022, 8, 2), D(2022, 8, 5)),
        ("du 2 au 5 août 2022", None, "fr", D(2022, 8, 2), D(2022, 8, 5)),
        ("entre le 2 et le 5 août", TUE, "fr", D(2022, 8, 2), D(2022, 8, 5)),
        ("du 30 juillet au 2 août", TUE, "fr", D(2022, 7, 30), D(2022, 8, 2)),
        ("du 30 juillet au 2 août 2022", None, "fr", D(2022, 7, 30), D(2022, 8, 2)),
        ("du 30 décembre au 2 janvier 2023", None, "fr", D(2022, 12, 30), D(2023, 1, 2)),
        ("du 1er au 5 août", D(2022, 8, 3), "fr", D(2022, 8, 1), D(2022, 8, 5)),
        ("from 1 to 5 August 2022", None, "en", D(2022, 8, 1), D(2022, 8, 5)),
        ("1–5 August", TUE, "en", D(2022, 8, 1), D(2022, 8, 5)),
        ("1-5 August 2022", None, "en", D(2022, 8, 1), D(2022, 8, 5)),
        ("August 1-5", TUE, "en", D(2022, 8, 1), D(2022, 8, 5)),
        ("August 1-5, 2022", None, "en", D(2022, 8, 1), D(2022, 8, 5)),
        ("between 1 and 5 August 2022", None, "en", D(2022, 8, 1), D(2022, 8, 5)),
        ("dans la nuit du 2 au 3 août 2022", None, "fr", D(2022, 8, 2), D(2022, 8, 3)),
    ],
)
def test_ranges(text: str, published: D | None, lang: str, start: D, end: D) -> None:
    assert days(parse_date(text, published, lang)) == (start, end, None, None, None, "day")


def test_a_year_less_range_without_publication_is_its_days_of_the_month() -> None:
    v = parse_date("du 2 au 5 août")
    assert v is not None and (v.partial, v.months, v.days) == (True, frozenset({8}), frozenset({2, 3, 4, 5}))
    assert v.relate(parse_date("3 août 2022")) is Relation.BROADER  # type: ignore[arg-type]
    assert v.relate(parse_date("6 août 2022")) is Relation.DISJOINT  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["du 5 au 2 août 2022", "du lundi au mercredi", "du 31 au 35 août", "entre 2 et"]
)
def test_impossible_or_unknown_ranges_are_none(text: str) -> None:
    assert parse_date(text, TUE) is None


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("le 31 janvier", D(2023, 1, 31), D(2023, 1, 31), "day"),
        ("il y a deux semaines", D(2023, 2, 18), D(2023, 2, 24), "week"),
        ("il y a 3 jours", D(2023, 3, 4), D(2023, 3, 4), "day"),
        ("il y a un mois", D(2023, 1, 23), D(2023, 2, 22), "month"),
        ("two weeks ago", D(2023, 2, 18), D(2023, 2, 24), "week"),
        ("la semaine dernière", D(2023, 2, 27), D(2023, 3, 5), "week"),
        ("dans la nuit de samedi à dimanche", D(2023, 3, 4), D(2023, 3, 5), "day"),
        ("mardi dernier", D(2023, 2, 28), D(2023, 2, 28), "day"),
        ("en début de semaine", D(2023, 3, 6), D(2023, 3, 8), "week"),
        ("en fin de semaine dernière", D(2023, 3, 2), D(2023, 3, 5), "week"),
        ("earlier this week", D(2023, 3, 6), D(2023, 3, 8), "week"),
    ],
)
def test_relative_to_publication(text: str, start: D, end: D, granularity: str) -> None:
    assert days(parse_date(text, TUE)) == (start, end, None, None, None, granularity)


def test_a_day_month_in_the_week_after_publication_may_be_an_announcement() -> None:
    v = parse_date("le 9 mars", TUE)
    assert days(v) == (D(2022, 3, 9), D(2023, 3, 9), None, frozenset({3}), frozenset({9}), "day")


@pytest.mark.parametrize(
    ("text", "hours", "shown"),
    [
        ("hier à 13h", [13], "2023-03-06 at 13h"),
        ("hier soir", list(range(17, 24)), "2023-03-06 at 17h-23h"),
        ("le 6 mars vers 22 heures", [21, 22, 23], "2023-03-06 at 21h-23h"),
        ("6 March at 10 pm", [22], "2023-03-06 at 22h"),
        ("lundi à 13h30", [13], "Monday in 2023-03-06..2023-03-13 at 13h"),
    ],
)
def test_hours(text: str, hours: list[int], shown: str) -> None:
    v = parse_date(text, TUE)
    assert v is not None and (v.to_dict()["hours"], str(v), v.granularity) == (hours, shown, "hour")


def test_hours_relate_as_a_product_with_days() -> None:
    at13, at22, day = (parse_date(t, TUE) for t in ("hier à 13h", "hier vers 22 heures", "6 mars 2023"))
    assert at13 is not None and at22 is not None and day is not None
    assert at13.relate(at22) is Relation.DISJOINT
    assert at13.relate(day) is Relation.NARROWER
    assert day.relate(at22) is Relation.BROADER
    bare = parse_date("à 13h", TUE)
    assert bare is not None and (str(bare), bare.relate(at13)) == ("any date at 13h", Relation.BROADER)


@pytest.mark.parametrize(
    ("text", "published", "conflict"),
    [
        ("samedi 17 septembre 2023", None, "17 September 2023 is a Sunday, not a Saturday"),
        ("lundi 2022-08-02", None, "2 August 2022 is a Tuesday, not a Monday"),
        ("ce lundi", WED, "the source was published on Wednesday 2022-08-03, not a Monday"),
        ("lundi 1er août 2022", None, ""),
        ("ce lundi", D(2022, 8, 1), ""),
        ("ce lundi 1er août 2022", WED, ""),
        ("this Monday", WED, ""),  # may be the coming one in English
    ],
)
def test_weekday_conflicts_keep_the_date_and_say_why(text: str, published: D | None, conflict: str) -> None:
    v = parse_date(text, published)
    assert v is not None and v.conflict == conflict


def test_a_weekday_that_fits_neither_reading_of_a_year_less_date() -> None:
    v = parse_date("samedi 17 septembre", D(2023, 10, 1))
    # 17 September 2023 is a Sunday and 17 September 2024 a Tuesday
    assert v is not None and (v.start, v.end, v.conflict) == (
        D(2023, 9, 17),
        D(2024, 9, 17),
        "17 September is no Saturday in any year it may mean",
    )


@pytest.mark.parametrize("text", ["31 février 2023", "le 31 février", "30/02/2024", "29 février 2023"])
def test_impossible_days_are_none(text: str) -> None:
    assert parse_date(text, TUE) is None


@pytest.mark.parametrize(
    ("lang", "start", "end", "doubt"),
    [
        ("fr", D(2024, 12, 5), D(2024, 12, 5), False),
        ("en-GB", D(2024, 12, 5), D(2024, 12, 5), False),
        ("en-US", D(2024, 5, 12), D(2024, 5, 12), False),
        ("en", D(2024, 1, 1), D(2024, 12, 31), True),
    ],
)
def test_numeric_dates_by_language(lang: str, start: D, end: D, doubt: bool) -> None:
    v = parse_date("05/12/2024", None, lang)
    assert v is not None and (v.start, v.end, bool(v.doubt)) == (start, end, doubt)
    if doubt:  # both readings, never a contradiction with either
        assert v.relate(parse_date("5 December 2024")) is Relation.BROADER  # type: ignore[arg-type]
        assert v.relate(parse_date("12 May 2024")) is Relation.BROADER  # type: ignore[arg-type]
        assert v.relate(parse_date("6 May 2024")) is Relation.DISJOINT  # type: ignore[arg-type]
    # a day above 12 reads one way only, in any language
    v = parse_date("25/12/2024", None, lang)
    assert v is not None and (v.start, v.end, v.doubt) == (D(2024, 12, 25), D(2024, 12, 25), "")
