"""Calendar arithmetic on bit masks: the days of an interval that a month, day and weekday mask let through.

A value's recurring constraints are masks: month m is bit m-1, day of month d is bit d-1, weekday w
(0 = Monday) is bit w. "No constraint" is the full mask.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

FULL_MONTHS: Final = (1 << 12) - 1
FULL_DAYS: Final = (1 << 31) - 1
FULL_WEEKDAYS: Final = (1 << 7) - 1
ONE_DAY: Final = timedelta(days=1)
_MONTH_LEN: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# The Gregorian calendar, weekdays included, repeats every 400 years (146097 days = 20871 weeks): a search
# that has seen 400 years and a month past its starting point has seen every combination it can meet.
_CYCLE_MONTHS: Final = 12 * 401


def is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def month_len(y: int, m: int) -> int:
    return 29 if m == 2 and is_leap(y) else _MONTH_LEN[m - 1]


def _build_weekday_table() -> tuple[tuple[int, ...], ...]:
    # Row: weekday of the 1st of a month; column: weekday mask; cell: days-of-month mask whose weekday is in it.
    rows = []
    for first in range(7):
        pattern = [sum(1 << k for k in range(7) if wm >> ((first + k) % 7) & 1) for wm in range(128)]
        rows.append(tuple((p | p << 7 | p << 14 | p << 21 | p << 28) & FULL_DAYS for p in pattern))
    return tuple(rows)


_WEEKDAY_DAYS: Final = _build_weekday_table()
# Days of month that exist in month m of some year (Feb 29 counts: it exists in leap years).
POSSIBLE_DAYS: Final = tuple((1 << (29 if m == 2 else _MONTH_LEN[m - 1])) - 1 for m in range(1, 13))

Key = tuple[date, date, int, int, int]  # (first day, last day, month mask, day mask, weekday mask)


def _possible(mm: int, dm: int) -> bool:
    if dm & ((1 << 28) - 1):  # days 1..28 exist in every month
        return mm != 0
    return any(mm >> i & 1 and dm & POSSIBLE_DAYS[i] for i in range(12))


def _month_bits(y: int, m: int, a: int, b: int, dm: int, wm: int) -> int:
    """The days a..b of month y-m that satisfy the day and weekday masks."""
    bits = dm & ((1 << b) - (1 << (a - 1)))
    if bits and wm != FULL_WEEKDAYS:
        bits &= _WEEKDAY_DAYS[date(y, m, 1).weekday()][wm]
    return bits


def first_in(lo: date, hi: date, mm: int, dm: int, wm: int) -> date | None:
    """The first day in [lo, hi] whose month, day of month and weekday are in the masks, if any."""
    if lo > hi or not wm or not _possible(mm, dm):
        return None
    lo_idx = lo.year * 12 + lo.month - 1
    hi_idx = hi.year * 12 + hi.month - 1
    stop = min(hi_idx, lo_idx + _CYCLE_MONTHS)
    idx = lo_idx
    while idx <= stop:
        y, m0 = divmod(idx, 12)
        if mm >> m0 & 1:
            a = lo.day if idx == lo_idx else 1
            b = hi.day if idx == hi_idx else month_len(y, m0 + 1)
            bits = _month_bits(y, m0 + 1, a, b, dm, wm)
            if bits:
                return date(y, m0 + 1, (bits & -bits).bit_length())
        idx += 1
    return None


def last_in(lo: date, hi: date, mm: int, dm: int, wm: int) -> date | None:
    """The last day in [lo, hi] whose month, day of month and weekday are in the masks, if any."""
    if lo > hi or not wm or not _possible(mm, dm):
        return None
    lo_idx = lo.year * 12 + lo.month - 1
    hi_idx = hi.year * 12 + hi.month - 1
    stop = max(lo_idx, hi_idx - _CYCLE_MONTHS)
    idx = hi_idx
    while idx >= stop:
        y, m0 = divmod(idx, 12)
        if mm >> m0 & 1:
            a = lo.day if idx == lo_idx else 1
            b = hi.day if idx == hi_idx else month_len(y, m0 + 1)
            bits = _month_bits(y, m0 + 1, a, b, dm, wm)
            if bits:
                return date(y, m0 + 1, bits.bit_length())
        idx -= 1
    return None


def nonempty(lo: date, hi: date, mm: int, dm: int, wm: int) -> bool:
    return first_in(lo, hi, mm, dm, wm) is not None


def subset(a: Key, b: Key) -> bool:
    """Whether every day of a is a day of b: a minus b, piece by piece of b's complement, is empty."""
    alo, ahi, amm, adm, awm = a
    blo, bhi, bmm, bdm, bwm = b
    if blo > alo and nonempty(alo, min(ahi, blo - ONE_DAY), amm, adm, awm):
        return False
    if bhi < ahi and nonempty(max(alo, bhi + ONE_DAY), ahi, amm, adm, awm):
        return False
    rest = amm & ~bmm
    if rest and nonempty(alo, ahi, rest, adm, awm):
        return False
    rest = adm & ~bdm
    if rest and nonempty(alo, ahi, amm, rest, awm):
        return False
    rest = awm & ~bwm
    return not (rest and nonempty(alo, ahi, amm, adm, rest))


def to_mask(values: frozenset[int] | None, offset: int, full: int) -> int:
    if values is None:
        return full
    return sum(1 << (v - offset) for v in values)


def from_mask(mask: int, offset: int, full: int) -> frozenset[int] | None:
    if mask == full:
        return None
    return frozenset(i + offset for i in range(mask.bit_length()) if mask >> i & 1)


def safe_date(y: int, m: int, d: int) -> date | None:
    if not 1 <= y <= 9999 or not 1 <= m <= 12 or not 1 <= d <= month_len(y, m):
        return None
    return date(y, m, d)


def day_span(y: int, m: int, d: int) -> tuple[date, date] | None:
    day = safe_date(y, m, d)
    return (day, day) if day is not None else None


def month_span(y: int, first: int, last: int) -> tuple[date, date] | None:
    if not 1 <= y <= 9999:
        return None
    return date(y, first, 1), date(y, last, month_len(y, last))
