"""The date value: a set of days, its exact set relations with another, its display, and how to build one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import Final

from recoupe.normalize.dates.calendar import (
    FULL_DAYS,
    FULL_MONTHS,
    FULL_WEEKDAYS,
    Key,
    first_in,
    from_mask,
    last_in,
    month_len,
    nonempty,
    subset,
    to_mask,
)
from recoupe.normalize.relation import Relation, from_inclusion

GRANULARITIES: Final = frozenset({"hour", "day", "week", "month", "quarter", "half", "year", "open"})
FULL_HOURS: Final = (1 << 24) - 1  # every hour of a day, 0h to 23h

_WEEKDAY_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_EN: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_PERIOD_MONTHS: Final = {
    frozenset({1, 2, 3}): "Q1",
    frozenset({4, 5, 6}): "Q2",
    frozenset({7, 8, 9}): "Q3",
    frozenset({10, 11, 12}): "Q4",
    frozenset(range(1, 7)): "H1",
    frozenset(range(7, 13)): "H2",
}


def _clean_set(name: str, values: Iterable[int] | None, lo: int, hi: int) -> frozenset[int] | None:
    if values is None:
        return None
    fs = frozenset(values)
    for v in fs:
        if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
            raise ValueError(f"DateValue.{name}: {v!r} is not in {lo}..{hi}")
    # The full set constrains nothing; one spelling for it keeps equal values equal.
    return None if len(fs) == hi - lo + 1 else fs


@dataclass(frozen=True, slots=True)
class DateValue:
    """A set of days: the interval [start, end] (None = unbounded) cut down by recurring constraints.

    A day belongs to the set when it lies in the interval, and its weekday (0 = Monday), month and day of
    month are in `weekdays`, `months` and `days` (None = any). "Some Monday" is weekdays={0} with no bounds;
    "some 2 August" is months={8}, days={2}. Malformed fields raise ValueError; a well-formed value may still
    be empty (months={2}, days={30}), and then relates as the empty set does: EQUAL to another empty value,
    NARROWER than any other.
    """

    start: date | None
    end: date | None
    weekdays: frozenset[int] | None = None
    months: frozenset[int] | None = None
    days: frozenset[int] | None = None
    granularity: str = "day"
    partial: bool = False
    text: str = ""
    # the hours of each day that the set keeps, as a bit mask (bit h for h o'clock): « à 13h », « vers 22 heures »
    hours: int = FULL_HOURS
    # what the wording says that cannot be (« samedi 17 septembre 2023 », a Sunday): the value keeps the date
    conflict: str = field(default="", compare=False)
    # how the wording could be read otherwise (« 05/12/2024 » in English without a region)
    doubt: str = field(default="", compare=False)
    _key: Key = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        start, end = self.start, self.end
        # A datetime is a date to isinstance but does not compare with one: keep its day only.
        if isinstance(start, datetime):
            start = start.date()
            object.__setattr__(self, "start", start)
        if isinstance(end, datetime):
            end = end.date()
            object.__setattr__(self, "end", end)
        if start is not None and end is not None and start > end:
            raise ValueError(f"DateValue: start {start} is after end {end}")
        if self.granularity not in GRANULARITIES:
            raise ValueError(f"DateValue: unknown granularity {self.granularity!r}")
        if not 0 < self.hours <= FULL_HOURS:
            raise ValueError(f"DateValue: hours mask {self.hours!r} keeps no hour of 0..23")
        lo = start if start is not None else date.min
        hi = end if end is not None else date.max
        if self.weekdays is None and self.months is None and self.days is None:
            # Most values (a day, a month, a year) have no recurring constraint: nothing to check.
            object.__setattr__(self, "_key", (lo, hi, FULL_MONTHS, FULL_DAYS, FULL_WEEKDAYS))
            return
        weekdays = _clean_set("weekdays", self.weekdays, 0, 6)
        months = _clean_set("months", self.months, 1, 12)
        days = _clean_set("days", self.days, 1, 31)
        object.__setattr__(self, "weekdays", weekdays)
        object.__setattr__(self, "months", months)
        object.__setattr__(self, "days", days)
        key = (
            lo,
            hi,
            to_mask(months, 1, FULL_MONTHS),
            to_mask(days, 1, FULL_DAYS),
            to_mask(weekdays, 0, FULL_WEEKDAYS),
        )
        object.__setattr__(self, "_key", key)

    # -- the single-valued views the rest of the project may prefer ------------------------------------
    @property
    def weekday(self) -> int | None:
        """The weekday every day of the set has, when the set is constrained to exactly one."""
        return next(iter(self.weekdays)) if self.weekdays is not None and len(self.weekdays) == 1 else None

    @property
    def month(self) -> int | None:
        return next(iter(self.months)) if self.months is not None and len(self.months) == 1 else None

    @property
    def day(self) -> int | None:
        return next(iter(self.days)) if self.days is not None and len(self.days) == 1 else None

    @property
    def constrained(self) -> bool:
        """Whether a recurring constraint (weekday, month, day of month) cuts the interval."""
        return self.weekdays is not None or self.months is not None or self.days is not None

    # -- set logic -------------------------------------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        return not nonempty(*self._key)

    def contains(self, d: date) -> bool:
        if isinstance(d, datetime):
            d = d.date()
        lo, hi, mm, dm, wm = self._key
        return (
            lo <= d <= hi
            and bool(mm >> (d.month - 1) & 1)
            and bool(dm >> (d.day - 1) & 1)
            and bool(wm >> d.weekday() & 1)
        )

    def first_day(self) -> date | None:
        """The earliest day of the set (date.min when unbounded below and unconstrained), None if empty."""
        return first_in(*self._key)

    def last_day(self) -> date | None:
        return last_in(*self._key)

    def relate(self, other: DateValue) -> Relation:
        """Exact relation between the two day sets; UNKNOWN for anything that is not a DateValue."""
        if not isinstance(other, DateValue):
            return Relation.UNKNOWN
        a, b = self._key, other._key
        ha, hb = self.hours, other.hours
        if a == b and ha == hb:
            return Relation.EQUAL
        meet = (max(a[0], b[0]), min(a[1], b[1]), a[2] & b[2], a[3] & b[3], a[4] & b[4])
        if ha == hb:
            return from_inclusion(subset(a, b), subset(b, a), not nonempty(*meet))
        # days x hours: a product of sets is within another when both factors are
        return from_inclusion(
            subset(a, b) and not ha & ~hb, subset(b, a) and not hb & ~ha, not (ha & hb and nonempty(*meet))
        )

    # -- display ---------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, object]:
        return {
            "type": "date",
            "start": self.start.isoformat() if self.start is not None else None,
            "end": self.end.isoformat() if self.end is not None else None,
            "weekdays": sorted(self.weekdays) if self.weekdays is not None else None,
            "months": sorted(self.months) if self.months is not None else None,
            "days": sorted(self.days) if self.days is not None else None,
            "granularity": self.granularity,
            "partial": self.partial,
            "hours": hours_list(self.hours),
            "text": self.text,
            "display": str(self),
        }

    def __str__(self) -> str:
        if self.hours != FULL_HOURS:
            return f"{self._days_str()} at {hours_str(self.hours)}"
        return self._days_str()

    def _days_str(self) -> str:
        if self.is_empty:
            return "no date"
        span = _span_str(self.start, self.end)
        cons = self._constraint_str()
        if not cons:
            return span or "any date"
        if not span:
            return f"some {cons}"
        return f"{cons} {span}" if span[0] in "<>" else f"{cons} in {span}"

    def _constraint_str(self) -> str:
        parts: list[str] = []
        if self.weekdays is not None:
            parts.append("/".join(_WEEKDAY_EN[w] for w in sorted(self.weekdays)))
        if self.days is not None and self.months is not None and len(self.days) == len(self.months) == 1:
            parts.append(f"{self.day} {_MONTH_EN[next(iter(self.months)) - 1]}")
        else:
            if self.months is not None:
                named = _PERIOD_MONTHS.get(self.months)
                parts.append(named or "/".join(_MONTH_EN[m - 1] for m in sorted(self.months)))
            if self.days is not None:
                parts.append("day " + "/".join(str(d) for d in sorted(self.days)))
        return " ".join(parts)


def hours_list(mask: int) -> list[int] | None:
    """The hours a mask keeps, or None for every hour."""
    return None if mask == FULL_HOURS else [h for h in range(24) if mask >> h & 1]


def hours_str(mask: int) -> str:
    """« 13h », « 21h-23h »: the hours a mask keeps, as runs."""
    hs = hours_list(mask) or []
    runs: list[list[int]] = []
    for h in hs:
        if runs and runs[-1][-1] == h - 1:
            runs[-1].append(h)
        else:
            runs.append([h])
    return ", ".join(f"{r[0]}h" if len(r) == 1 else f"{r[0]}h-{r[-1]}h" for r in runs)


def _span_str(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    if end is None:
        return f">= {start}"
    if start is None:
        return f"<= {end}"
    if start == end:
        return start.isoformat()
    if start.day == 1 and end.day == month_len(end.year, end.month) and start.year == end.year:
        span = end.month - start.month + 1
        if span == 1:
            return f"{start.year}-{start.month:02d} (month)"
        if span == 3 and start.month % 3 == 1:
            return f"{start.year}-Q{start.month // 3 + 1} (quarter)"
        if span == 6 and start.month % 6 == 1:
            return f"{start.year}-H{start.month // 6 + 1} (half)"
        if span == 12:
            return f"{start.year} (year)"
    if start.weekday() == 0 and end - start == timedelta(days=6):
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d} (week)"
    return f"{start}..{end}"


# ---------------------------------------------------------------------------------------------------------
# Building values


def day_value(d: date, granularity: str = "day") -> DateValue:
    return DateValue(d, d, granularity=granularity)


def whole(granularity: str, partial: bool) -> DateValue:
    """The whole timeline: what a wording allows when nothing anchors it."""
    return DateValue(None, None, granularity=granularity, partial=partial)


def canon(v: DateValue) -> DateValue:
    """Same set, tidier fields: bounds tightened to real members, constraints the bounds imply dropped."""
    if not v.constrained:
        return v
    lo, hi, mm, dm, wm = v._key
    first = first_in(lo, hi, mm, dm, wm)
    last = last_in(lo, hi, mm, dm, wm)
    if first is None or last is None:
        return v
    if first == last and v.start is not None and v.end is not None:
        return DateValue(
            first,
            first,
            granularity=v.granularity,
            partial=v.partial,
            hours=v.hours,
            conflict=v.conflict,
            doubt=v.doubt,
        )
    start = first if v.start is not None else None
    end = last if v.end is not None else None
    lo = start if start is not None else date.min
    hi = end if end is not None else date.max
    # A constraint is redundant when no day of the rest of the value escapes it.
    if mm != FULL_MONTHS and not nonempty(lo, hi, FULL_MONTHS & ~mm, dm, wm):
        mm = FULL_MONTHS
    if dm != FULL_DAYS and not nonempty(lo, hi, mm, FULL_DAYS & ~dm, wm):
        dm = FULL_DAYS
    if wm != FULL_WEEKDAYS and not nonempty(lo, hi, mm, dm, FULL_WEEKDAYS & ~wm):
        wm = FULL_WEEKDAYS
    return DateValue(
        start,
        end,
        weekdays=from_mask(wm, 0, FULL_WEEKDAYS),
        months=from_mask(mm, 1, FULL_MONTHS),
        days=from_mask(dm, 1, FULL_DAYS),
        granularity=v.granularity,
        partial=v.partial,
        hours=v.hours,
        conflict=v.conflict,
        doubt=v.doubt,
    )


def with_text(v: DateValue, text: str, **more: object) -> DateValue:
    """`v` with its wording attached (and other fields: hours, conflict, doubt). `v` is valid already:
    copying its slots skips __post_init__."""
    out: DateValue = object.__new__(DateValue)
    put = object.__setattr__
    for name, value in zip(_DATEVALUE_SLOTS, _get_slots(v), strict=True):
        put(out, name, value)
    put(out, "text", text)
    for name, value in more.items():
        put(out, name, value)
    return out


_DATEVALUE_SLOTS: Final = tuple(f.name for f in fields(DateValue))
_get_slots: Final = attrgetter(*_DATEVALUE_SLOTS)  # every slot in one call
