"""Laws of QuantityValue.relate: reflexive, converse, NARROWER transitive, and sound against points."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.normalize.quantities import QuantityValue
from recoupe.normalize.relation import Relation, from_inclusion

# Integer bounds keep the sample points below exact: midpoints of integers are halves.
_BOUND = st.one_of(st.none(), st.integers(min_value=-12, max_value=12))


@st.composite
def quantities(
    draw: st.DrawFn, units: tuple[str | None, ...] = (None,), ordinal: bool = False
) -> QuantityValue:
    low, high = draw(_BOUND), draw(_BOUND)
    if low is not None and high is not None and low > high:
        low, high = high, low
    low_open, high_open = draw(st.booleans()), draw(st.booleans())
    if low is not None and low == high:
        low_open = high_open = False  # a point; an open end would make it empty
    return QuantityValue(
        low,
        high,
        low_open,
        high_open,
        unit=draw(st.sampled_from(units)),
        ordinal=draw(st.booleans()) if ordinal else False,
    )


def _contains(q: QuantityValue, x: float) -> bool:
    if q.low is not None and (x < q.low or (x == q.low and q.low_open)):
        return False
    return not (q.high is not None and (x > q.high or (x == q.high and q.high_open)))


def _samples(*values: QuantityValue) -> list[float]:
    """One point in every cell the bounds cut the line into: each bound, each gap, each outside."""
    ends = sorted({float(b) for q in values for b in (q.low, q.high) if b is not None})
    if not ends:
        return [0.0]
    gaps = [(a + b) / 2 for a, b in itertools.pairwise(ends)]
    return [ends[0] - 1, *ends, *gaps, ends[-1] + 1]


_LAWS = settings(deadline=None, max_examples=150)


@_LAWS
@given(quantities(units=(None, "km"), ordinal=True))
def test_reflexive(a: QuantityValue) -> None:
    assert a.relate(a) is Relation.EQUAL


@_LAWS
@given(quantities(units=(None, "km", "kg"), ordinal=True), quantities(units=(None, "km", "kg"), ordinal=True))
def test_converse(a: QuantityValue, b: QuantityValue) -> None:
    assert a.relate(b) is b.relate(a).converse


@st.composite
def _within(draw: st.DrawFn, q: QuantityValue) -> QuantityValue:
    """Often a sub-interval of q (so chains of NARROWER are common), in a unit drawn afresh."""
    low, low_open = q.low, q.low_open
    if low is None:
        low = draw(st.one_of(st.none(), st.integers(-12, 12)))
    else:
        low += draw(st.integers(0, 4))
        low_open = draw(st.booleans()) or (low == q.low and q.low_open)
    high, high_open = q.high, q.high_open
    if high is None:
        high = draw(st.one_of(st.none(), st.integers(-12, 12)))
    else:
        high -= draw(st.integers(0, 4))
        high_open = draw(st.booleans()) or (high == q.high and q.high_open)
    unit = draw(st.sampled_from((None, "km")))
    try:
        return QuantityValue(low, high, low_open, high_open, unit=unit)
    except ValueError:  # shrunk to nothing
        return QuantityValue(q.low, q.high, q.low_open, q.high_open, unit=unit)


@st.composite
def _chains(draw: st.DrawFn) -> tuple[QuantityValue, QuantityValue, QuantityValue]:
    c = draw(quantities(units=(None, "km")))
    b = draw(_within(c))
    a = draw(_within(b))
    return a, b, c


@_LAWS
@given(_chains())
def test_narrower_is_transitive(chain: tuple[QuantityValue, QuantityValue, QuantityValue]) -> None:
    # Units are drawn from one unit and none: a unit-less value compares with any unit, so across
    # two different units (km ⊂ none ⊂ kg) transitivity does not hold, by design.
    a, b, c = chain
    if a.relate(b) is Relation.NARROWER and b.relate(c) is Relation.NARROWER:
        assert a.relate(c) is Relation.NARROWER


@_LAWS
@given(quantities(), quantities())
def test_sound_against_sample_points(a: QuantityValue, b: QuantityValue) -> None:
    points = _samples(a, b)
    in_a = [_contains(a, x) for x in points]
    in_b = [_contains(b, x) for x in points]
    a_in_b = all(y for x, y in zip(in_a, in_b, strict=True) if x)
    b_in_a = all(x for x, y in zip(in_a, in_b, strict=True) if y)
    disjoint = not any(x and y for x, y in zip(in_a, in_b, strict=True))
    assert a.relate(b) is from_inclusion(a_in_b, b_in_a, disjoint)


@_LAWS
@given(quantities(units=(None, "km")), quantities(units=(None, "kg")))
def test_different_units_are_unknown_only_when_both_known(a: QuantityValue, b: QuantityValue) -> None:
    if a.unit is not None and b.unit is not None:
        assert a.relate(b) is Relation.UNKNOWN
    else:
        assert a.relate(b) is not Relation.UNKNOWN


@_LAWS
@given(quantities(ordinal=True), quantities(ordinal=True))
def test_rank_against_count_is_unknown(a: QuantityValue, b: QuantityValue) -> None:
    assert (a.relate(b) is Relation.UNKNOWN) == (a.ordinal != b.ordinal)
