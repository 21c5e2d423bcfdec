"""Laws of DateValue.relate: reflexive, converse, NARROWER transitive, and exact against brute force."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.normalize.dates import DateValue
from recoupe.normalize.relation import Relation, from_inclusion

SETTINGS = settings(max_examples=200, deadline=None)
BASE = date(2020, 1, 1)


def constraint(lo: int, hi: int) -> st.SearchStrategy[frozenset[int] | None]:
    """None (mostly: random constraints on every axis would make most sets empty) or a non-empty subset.

    Drawn as a bit mask, which is much cheaper for hypothesis than a set of integers.
    """
    width = hi - lo + 1
    subset = st.integers(1, (1 << width) - 1).map(
        lambda mask: frozenset(lo + i for i in range(width) if mask >> i & 1)
    )
    return st.one_of(st.none(), st.none(), subset)


@st.composite
def bounded(draw: st.DrawFn, max_span: int = 500) -> DateValue:
    start = BASE + timedelta(days=draw(st.integers(0, 800)))
    end = start + timedelta(days=draw(st.integers(0, max_span)))
    return DateValue(
        start,
        end,
        weekdays=draw(constraint(0, 6)),
        months=draw(constraint(1, 12)),
        days=draw(constraint(1, 31)),
    )


@st.composite
def any_value(draw: st.DrawFn) -> DateValue:
    v = draw(bounded())
    start = None if draw(st.booleans()) else v.start
    end = None if draw(st.booleans()) else v.end
    return DateValue(start, end, v.weekdays, v.months, v.days)


def widen(draw: st.DrawFn, v: DateValue) -> DateValue:
    """A value whose day set contains v's."""
    start, end = v.start, v.end
    if start is not None and draw(st.booleans()):
        start = None if draw(st.booleans()) else start - timedelta(days=draw(st.integers(0, 400)))
    if end is not None and draw(st.booleans()):
        end = None if draw(st.booleans()) else end + timedelta(days=draw(st.integers(0, 400)))

    def grow(values: frozenset[int] | None, lo: int, hi: int) -> frozenset[int] | None:
        if values is None or draw(st.integers(0, 3)) == 0:
            return None if values is None or draw(st.booleans()) else values
        extra = draw(st.integers(0, (1 << (hi - lo + 1)) - 1))
        return values | {lo + i for i in range(hi - lo + 1) if extra >> i & 1}

    return DateValue(start, end, grow(v.weekdays, 0, 6), grow(v.months, 1, 12), grow(v.days, 1, 31))


@st.composite
def chain(draw: st.DrawFn) -> tuple[DateValue, DateValue, DateValue]:
    a = draw(any_value())
    b = widen(draw, a)
    return a, b, widen(draw, b)


def day_set(v: DateValue) -> frozenset[date]:
    """The day set by enumeration, from the field definitions alone."""
    assert v.start is not None and v.end is not None
    out = []
    d = v.start
    while d <= v.end:
        if (
            (v.weekdays is None or d.weekday() in v.weekdays)
            and (v.months is None or d.month in v.months)
            and (v.days is None or d.day in v.days)
        ):
            out.append(d)
        d += timedelta(days=1)
    return frozenset(out)


def brute_relation(a: DateValue, b: DateValue) -> Relation:
    sa, sb = day_set(a), day_set(b)
    return from_inclusion(sa <= sb, sb <= sa, not (sa & sb))


@SETTINGS
@given(any_value())
def test_reflexive(a: DateValue) -> None:
    assert a.relate(a) is Relation.EQUAL
    same = DateValue(a.start, a.end, a.weekdays, a.months, a.days, "month", True, "other wording")
    assert a.relate(same) is Relation.EQUAL


@SETTINGS
@given(any_value(), any_value())
def test_converse(a: DateValue, b: DateValue) -> None:
    assert a.relate(b) is b.relate(a).converse


@SETTINGS
@given(chain())
def test_widening_and_narrower_transitive(abc: tuple[DateValue, DateValue, DateValue]) -> None:
    a, b, c = abc
    # widen() only ever adds days.
    assert a.relate(b) in (Relation.EQUAL, Relation.NARROWER)
    assert b.relate(c) in (Relation.EQUAL, Relation.NARROWER)
    if a.relate(b) is Relation.NARROWER and b.relate(c) is Relation.NARROWER:
        assert a.relate(c) is Relation.NARROWER
    if a.relate(b) is Relation.NARROWER or b.relate(c) is Relation.NARROWER:
        assert a.relate(c) is Relation.NARROWER


@SETTINGS
@given(bounded(), bounded())
def test_sound_against_brute_force(a: DateValue, b: DateValue) -> None:
    assert a.relate(b) is brute_relation(a, b)
    assert a.is_empty is (not day_set(a))


@SETTINGS
@given(bounded(max_span=60), st.data())
def test_sound_on_close_values(a: DateValue, data: st.DataObject) -> None:
    # Values drawn near each other, so that EQUAL, NARROWER and OVERLAP come up, not only DISJOINT.
    assert a.start is not None and a.end is not None
    shift = timedelta(days=data.draw(st.integers(-40, 40)))
    stretch = timedelta(days=data.draw(st.integers(0, 40)))
    start = a.start + shift
    b = DateValue(
        start,
        max(start, a.end + shift + stretch),
        weekdays=data.draw(st.sampled_from([None, a.weekdays, frozenset({0}), frozenset({0, 2, 4})])),
        months=data.draw(st.sampled_from([None, a.months])),
        days=data.draw(st.sampled_from([None, a.days, frozenset({1, 2, 3})])),
    )
    assert a.relate(b) is brute_relation(a, b)


@SETTINGS
@given(any_value(), st.dates(date(2019, 1, 1), date(2024, 12, 31)))
def test_single_day_relation_is_membership(a: DateValue, d: date) -> None:
    one = DateValue(d, d)
    rel = one.relate(a)
    if a.is_empty:
        assert rel is Relation.BROADER
    elif a.contains(d):
        assert rel in (Relation.EQUAL, Relation.NARROWER)
    else:
        assert rel is Relation.DISJOINT
