"""The quantity value: an interval of numbers with its unit, its set relation with another, its display."""

from __future__ import annotations

import math
from dataclasses import dataclass

from recoupe.normalize.relation import Relation, from_inclusion


@dataclass(frozen=True, slots=True)
class QuantityValue:
    """The interval of numbers a wording allows, with its unit.

    `low` / `high` of None mean unbounded; their `*_open` flag is then always False. Bounds are
    floats (ints are converted); the interval is never empty.
    """

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False
    unit: str | None = None
    """Normalized unit: "%", "pp", "km", "kg", "t", "EUR", "USD", "MAD", "FCFA", "years", "days"…"""
    noun: str | None = None
    """The counted noun as worded (« tentatives »); kept for reports, never compared."""
    ordinal: bool = False
    text: str = ""

    def __post_init__(self) -> None:
        low, high = _check_bound(self.low, "low"), _check_bound(self.high, "high")
        if low == math.inf or high == -math.inf:
            raise ValueError(f"empty quantity interval: low={self.low!r}, high={self.high!r}")
        # Infinite ends are stored as None so that equal sets have equal fields.
        if low == -math.inf:
            low = None
        if high == math.inf:
            high = None
        low_open = self.low_open and low is not None
        high_open = self.high_open and high is not None
        if low is not None and high is not None and (low > high or (low == high and (low_open or high_open))):
            raise ValueError(f"empty quantity interval: {_interval_text(low, high, low_open, high_open)}")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "low_open", low_open)
        object.__setattr__(self, "high_open", high_open)

    @property
    def is_point(self) -> bool:
        return self.low is not None and self.low == self.high

    def relate(self, other: QuantityValue) -> Relation:
        """The set relation of the two intervals.

        UNKNOWN when one is a rank and the other a count, or when both have a unit and the units
        differ. A value without a unit compares with any unit, so with three values in km, no unit
        and kg, NARROWER is transitive only among values whose units agree.
        """
        if self.ordinal != other.ordinal:
            return Relation.UNKNOWN
        if self.unit is not None and other.unit is not None and self.unit != other.unit:
            return Relation.UNKNOWN
        a_lo, a_hi = self._lower_key(), self._upper_key()
        b_lo, b_hi = other._lower_key(), other._upper_key()
        a_in_b = a_lo >= b_lo and a_hi <= b_hi
        b_in_a = b_lo >= a_lo and b_hi <= a_hi
        lo, hi = max(a_lo, b_lo), min(a_hi, b_hi)
        disjoint = lo[0] > hi[0] or (lo[0] == hi[0] and (lo[1] == 1 or hi[1] == -1))
        return from_inclusion(a_in_b, b_in_a, disjoint)

    # Bounds as sortable keys: a larger lower key and a smaller upper key are tighter, and an open
    # end sits just inside its number, so inclusion is two tuple comparisons.
    def _lower_key(self) -> tuple[float, int]:
        if self.low is None:
            return (-math.inf, 0)
        return (self.low, 1 if self.low_open else 0)

    def _upper_key(self) -> tuple[float, int]:
        if self.high is None:
            return (math.inf, 0)
        return (self.high, -1 if self.high_open else 0)

    def to_dict(self) -> dict[str, object]:
        return {
            "type": "quantity",
            "low": _json_number(self.low),
            "high": _json_number(self.high),
            "low_open": self.low_open,
            "high_open": self.high_open,
            "unit": self.unit,
            "noun": self.noun,
            "ordinal": self.ordinal,
            "text": self.text,
        }

    def __str__(self) -> str:
        if self.ordinal and self.is_point and self.low is not None:
            return _fmt(self.low) + _english_ordinal_suffix(self.low)
        body = _interval_text(self.low, self.high, self.low_open, self.high_open)
        return f"{body} {self.unit}" if self.unit else body


def _check_bound(value: float | None, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"QuantityValue.{name} must be a number or None, got {value!r}")
    value = float(value)
    if math.isnan(value):
        raise ValueError(f"QuantityValue.{name} is NaN")
    return value


def _fmt(value: float) -> str:
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value)


def _json_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _interval_text(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    if low is not None and low == high:
        return _fmt(low)
    if low is None and high is None:
        return "any"
    if high is None and low is not None:
        return f"{'>' if low_open else '>='} {_fmt(low)}"
    if low is None and high is not None:
        return f"{'<' if high_open else '<='} {_fmt(high)}"
    assert low is not None and high is not None
    return f"{'(' if low_open else '['}{_fmt(low)}, {_fmt(high)}{')' if high_open else ']'}"


def _english_ordinal_suffix(value: float) -> str:
    n = abs(int(value))
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
