"""Dates as sets of days: the DateValue type, its exact set relations, and the French/English date parser."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Final

from recoupe.normalize.relation import Relation, from_inclusion
from recoupe.textnorm import fold_text

__all__ = ["DateValue", "parse_date"]

GRANULARITIES: Final = frozenset({"day", "week", "month", "quarter", "half", "year", "open"})

# ---------------------------------------------------------------------------------------------------------
# Calendar arithmetic on bit masks. A value's recurring constraints are masks: month m is bit m-1, day of
# month d is bit d-1, weekday w (0 = Monday) is bit w. "No constraint" is the full mask.

_FULL_MONTHS: Final = (1 << 12) - 1
_FULL_DAYS: Final = (1 << 31) - 1
_FULL_WEEKDAYS: Final = (1 << 7) - 1
_ONE_DAY: Final = timedelta(days=1)
_MONTH_LEN: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# The Gregorian calendar, weekdays included, repeats every 400 years (146097 days = 20871 weeks): a search
# that has seen 400 years and a month past its starting point has seen every combination it can meet.
_CYCLE_MONTHS: Final = 12 * 401


def _is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _month_len(y: int, m: int) -> int:
    return 29 if m == 2 and _is_leap(y) else _MONTH_LEN[m - 1]


def _build_weekday_table() -> tuple[tuple[int, ...], ...]:
    # Row: weekday of the 1st of a month; column: weekday mask; cell: days-of-month mask whose weekday is in it.
    rows = []
    for first in range(7):
        pattern = [sum(1 << k for k in range(7) if wm >> ((first + k) % 7) & 1) for wm in range(128)]
        rows.append(tuple((p | p << 7 | p << 14 | p << 21 | p << 28) & _FULL_DAYS for p in pattern))
    return tuple(rows)


_WEEKDAY_DAYS: Final = _build_weekday_table()
# Days of month that exist in month m of some year (Feb 29 counts: it exists in leap years).
_POSSIBLE_DAYS: Final = tuple((1 << (29 if m == 2 else _MONTH_LEN[m - 1])) - 1 for m in range(1, 13))

_Key = tuple[date, date, int, int, int]  # (first day, last day, month mask, day mask, weekday mask)


def _possible(mm: int, dm: int) -> bool:
    if dm & ((1 << 28) - 1):  # days 1..28 exist in every month
        return mm != 0
    return any(mm >> i & 1 and dm & _POSSIBLE_DAYS[i] for i in range(12))


def _month_bits(y: int, m: int, a: int, b: int, dm: int, wm: int) -> int:
    """The days a..b of month y-m that satisfy the day and weekday masks."""
    bits = dm & ((1 << b) - (1 << (a - 1)))
    if bits and wm != _FULL_WEEKDAYS:
        bits &= _WEEKDAY_DAYS[date(y, m, 1).weekday()][wm]
    return bits


def _first_in(lo: date, hi: date, mm: int, dm: int, wm: int) -> date | None:
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
            b = hi.day if idx == hi_idx else _month_len(y, m0 + 1)
            bits = _month_bits(y, m0 + 1, a, b, dm, wm)
            if bits:
                return date(y, m0 + 1, (bits & -bits).bit_length())
        idx += 1
    return None


def _last_in(lo: date, hi: date, mm: int, dm: int, wm: int) -> date | None:
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
            b = hi.day if idx == hi_idx else _month_len(y, m0 + 1)
            bits = _month_bits(y, m0 + 1, a, b, dm, wm)
            if bits:
                return date(y, m0 + 1, bits.bit_length())
        idx -= 1
    return None


def _nonempty(lo: date, hi: date, mm: int, dm: int, wm: int) -> bool:
    return _first_in(lo, hi, mm, dm, wm) is not None


def _subset(a: _Key, b: _Key) -> bool:
    """Whether every day of a is a day of b: a minus b, piece by piece of b's complement, is empty."""
    alo, ahi, amm, adm, awm = a
    blo, bhi, bmm, bdm, bwm = b
    if blo > alo and _nonempty(alo, min(ahi, blo - _ONE_DAY), amm, adm, awm):
        return False
    if bhi < ahi and _nonempty(max(alo, bhi + _ONE_DAY), ahi, amm, adm, awm):
        return False
    rest = amm & ~bmm
    if rest and _nonempty(alo, ahi, rest, adm, awm):
        return False
    rest = adm & ~bdm
    if rest and _nonempty(alo, ahi, amm, rest, awm):
        return False
    rest = awm & ~bwm
    return not (rest and _nonempty(alo, ahi, amm, adm, rest))


def _to_mask(values: frozenset[int] | None, offset: int, full: int) -> int:
    if values is None:
        return full
    return sum(1 << (v - offset) for v in values)


# ---------------------------------------------------------------------------------------------------------
# The value type

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
    _key: _Key = field(init=False, repr=False, compare=False, hash=False)

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
        lo = start if start is not None else date.min
        hi = end if end is not None else date.max
        if self.weekdays is None and self.months is None and self.days is None:
            # Most values (a day, a month, a year) have no recurring constraint: nothing to check.
            object.__setattr__(self, "_key", (lo, hi, _FULL_MONTHS, _FULL_DAYS, _FULL_WEEKDAYS))
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
            _to_mask(months, 1, _FULL_MONTHS),
            _to_mask(days, 1, _FULL_DAYS),
            _to_mask(weekdays, 0, _FULL_WEEKDAYS),
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
        return not _nonempty(*self._key)

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
        return _first_in(*self._key)

    def last_day(self) -> date | None:
        return _last_in(*self._key)

    def relate(self, other: DateValue) -> Relation:
        """Exact relation between the two day sets; UNKNOWN for anything that is not a DateValue."""
        if not isinstance(other, DateValue):
            return Relation.UNKNOWN
        a, b = self._key, other._key
        if a == b:
            return Relation.EQUAL
        meet = (max(a[0], b[0]), min(a[1], b[1]), a[2] & b[2], a[3] & b[3], a[4] & b[4])
        return from_inclusion(_subset(a, b), _subset(b, a), not _nonempty(*meet))

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
            "text": self.text,
            "display": str(self),
        }

    def __str__(self) -> str:
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


def _span_str(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    if end is None:
        return f">= {start}"
    if start is None:
        return f"<= {end}"
    if start == end:
        return start.isoformat()
    if start.day == 1 and end.day == _month_len(end.year, end.month) and start.year == end.year:
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


def _day(d: date, granularity: str = "day") -> DateValue:
    return DateValue(d, d, granularity=granularity)


def _whole(granularity: str, partial: bool) -> DateValue:
    """The whole timeline: what a wording allows when nothing anchors it."""
    return DateValue(None, None, granularity=granularity, partial=partial)


def _canon(v: DateValue) -> DateValue:
    """Same set, tidier fields: bounds tightened to real members, constraints the bounds imply dropped."""
    if not v.constrained:
        return v
    lo, hi, mm, dm, wm = v._key
    first = _first_in(lo, hi, mm, dm, wm)
    last = _last_in(lo, hi, mm, dm, wm)
    if first is None or last is None:
        return v
    if first == last and v.start is not None and v.end is not None:
        return DateValue(first, first, granularity=v.granularity, partial=v.partial)
    start = first if v.start is not None else None
    end = last if v.end is not None else None
    lo = start if start is not None else date.min
    hi = end if end is not None else date.max
    # A constraint is redundant when no day of the rest of the value escapes it.
    if mm != _FULL_MONTHS and not _nonempty(lo, hi, _FULL_MONTHS & ~mm, dm, wm):
        mm = _FULL_MONTHS
    if dm != _FULL_DAYS and not _nonempty(lo, hi, mm, _FULL_DAYS & ~dm, wm):
        dm = _FULL_DAYS
    if wm != _FULL_WEEKDAYS and not _nonempty(lo, hi, mm, dm, _FULL_WEEKDAYS & ~wm):
        wm = _FULL_WEEKDAYS
    return DateValue(
        start,
        end,
        weekdays=_from_mask(wm, 0, _FULL_WEEKDAYS),
        months=_from_mask(mm, 1, _FULL_MONTHS),
        days=_from_mask(dm, 1, _FULL_DAYS),
        granularity=v.granularity,
        partial=v.partial,
    )


def _from_mask(mask: int, offset: int, full: int) -> frozenset[int] | None:
    if mask == full:
        return None
    return frozenset(i + offset for i in range(mask.bit_length()) if mask >> i & 1)


# ---------------------------------------------------------------------------------------------------------
# Vocabulary (folded: lower case, no accents)

_MONTHS: Final[dict[str, int]] = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "september": 9, "sep": 9,
    "octobre": 10, "october": 10, "oct": 10,
    "novembre": 11, "november": 11, "nov": 11,
    "decembre": 12, "december": 12, "dec": 12,
}  # fmt: skip
# French weekday abbreviations are left out on purpose: « mar » would clash with English March.
_WEEKDAYS: Final[dict[str, int]] = {
    "lundi": 0, "monday": 0, "mon": 0,
    "mardi": 1, "tuesday": 1, "tue": 1, "tues": 1,
    "mercredi": 2, "wednesday": 2, "wed": 2,
    "jeudi": 3, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "vendredi": 4, "friday": 4, "fri": 4,
    "samedi": 5, "saturday": 5, "sat": 5,
    "dimanche": 6, "sunday": 6, "sun": 6,
}  # fmt: skip
_ORDINALS: Final[dict[str, int]] = {
    "premier": 1, "1er": 1, "1re": 1, "1ere": 1, "first": 1, "1st": 1, "1": 1,
    "deuxieme": 2, "second": 2, "seconde": 2, "2e": 2, "2eme": 2, "2nd": 2, "2": 2,
    "troisieme": 3, "third": 3, "3e": 3, "3eme": 3, "3rd": 3, "3": 3,
    "quatrieme": 4, "fourth": 4, "4e": 4, "4eme": 4, "4th": 4, "4": 4,
    "dernier": -1, "derniere": -1, "last": -1,
}  # fmt: skip
# Words that carry no date information once the wording is known to be a date (articles, prepositions).
_FILLERS: Final = frozenset(
    ("le", "la", "les", "l'", "d'", "de", "du", "en", "au", "aux", "dans", "a", "on", "in", "the", "of", "at",
     "during", "date", "cours", "courant", "lors", "pendant", "durant")
)  # fmt: skip
# Wordings anchored on the publication day: (unit, offset in units).
_RELATIVE: Final[dict[str, tuple[str, int]]] = {
    "aujourd'hui": ("day", 0), "today": ("day", 0), "ce jour": ("day", 0),
    "ce matin": ("day", 0), "ce midi": ("day", 0), "ce soir": ("day", 0), "cet apres-midi": ("day", 0),
    "cette apres-midi": ("day", 0), "this morning": ("day", 0), "this afternoon": ("day", 0),
    "this evening": ("day", 0), "tonight": ("day", 0),
    "hier": ("day", -1), "yesterday": ("day", -1),
    "demain": ("day", 1), "tomorrow": ("day", 1),
    "avant-hier": ("day", -2), "avant hier": ("day", -2), "day before yesterday": ("day", -2),
    "apres-demain": ("day", 2), "apres demain": ("day", 2), "day after tomorrow": ("day", 2),
    "cette nuit": ("night", 0), "last night": ("night", 0),
    "cette semaine": ("week", 0), "this week": ("week", 0),
    "semaine derniere": ("week", -1), "semaine passee": ("week", -1), "last week": ("week", -1),
    "semaine prochaine": ("week", 1), "next week": ("week", 1),
    "ce week-end": ("weekend", 0), "ce weekend": ("weekend", 0), "this weekend": ("weekend", 0),
    "week-end dernier": ("weekend", -1), "weekend dernier": ("weekend", -1), "last weekend": ("weekend", -1),
    "week-end prochain": ("weekend", 1), "next weekend": ("weekend", 1),
    "ce mois": ("month", 0), "this month": ("month", 0),
    "mois dernier": ("month", -1), "mois passe": ("month", -1), "last month": ("month", -1),
    "mois prochain": ("month", 1), "next month": ("month", 1),
    "ce trimestre": ("quarter", 0), "this quarter": ("quarter", 0),
    "trimestre dernier": ("quarter", -1), "dernier trimestre": ("quarter", -1), "last quarter": ("quarter", -1),
    "trimestre prochain": ("quarter", 1), "next quarter": ("quarter", 1),
    "ce semestre": ("half", 0), "semestre dernier": ("half", -1), "dernier semestre": ("half", -1),
    "cette annee": ("year", 0), "this year": ("year", 0), "current year": ("year", 0),
    "an dernier": ("year", -1), "annee derniere": ("year", -1), "an passe": ("year", -1),
    "annee passee": ("year", -1), "last year": ("year", -1),
    "an prochain": ("year", 1), "annee prochaine": ("year", 1), "next year": ("year", 1),
}  # fmt: skip
# How a month or day-month is placed relative to the publication year: (kind, year offset).
_MODIFIERS: Final[dict[str, tuple[str, int]]] = {
    "dernier": ("last", 0), "derniere": ("last", 0), "passe": ("last", 0), "passee": ("last", 0),
    "last": ("last", 0),
    "prochain": ("next", 0), "prochaine": ("next", 0), "next": ("next", 0), "coming": ("next", 0),
    "qui vient": ("next", 0),
    "ce": ("this", 0), "cet": ("this", 0), "cette": ("this", 0), "this": ("this", 0),
    "cette annee": ("year", 0), "this year": ("year", 0),
    "an dernier": ("year", -1), "annee derniere": ("year", -1), "an passe": ("year", -1),
    "annee passee": ("year", -1), "last year": ("year", -1),
    "an prochain": ("year", 1), "annee prochaine": ("year", 1), "next year": ("year", 1),
}  # fmt: skip
# Open-ended prefixes: which side of the inner date the set extends to, and which way a year-less inner
# date leans (« depuis le 2 août » looks back; « à partir du 2 août » looks at the nearest).
_OPEN: Final[dict[str, tuple[str, str]]] = {
    "partir": ("from", "forward"), "compter": ("from", "forward"), "des": ("from", "forward"),
    "from": ("from", "forward"), "starting": ("from", "forward"), "starting from": ("from", "forward"),
    "as from": ("from", "forward"),
    "as": ("from", "forward"),  # « as of », once the filler « of » is gone
    "beginning": ("from", "forward"),
    "depuis": ("from", "past"), "since": ("from", "past"),
    "apres": ("after", "forward"), "after": ("after", "forward"), "later than": ("after", "forward"),
    "avant": ("before", "forward"), "before": ("before", "forward"), "prior to": ("before", "forward"),
    "earlier than": ("before", "forward"),
    "jusqu'": ("until", "forward"), "until": ("until", "forward"), "till": ("until", "forward"),
    "through": ("until", "forward"), "up to": ("until", "forward"), "ici": ("until", "forward"),
    "by": ("until", "forward"),
}  # fmt: skip
# Vague position inside a period (« début août », « late 2021 »): the period itself is the faithful superset.
_VAGUE: Final = ("debut", "fin", "mi", "milieu", "early", "late", "mid")


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MON = f"(?:{_alt(_MONTHS)})"
_WD = f"(?:{_alt(_WEEKDAYS)})"
_DAY = r"(?:\d{1,2}(?:er|re|ere|eme|e|st|nd|rd|th)?|premier|first)"
_MOD = f"(?:{_alt(k for k, v in _MODIFIERS.items() if v[0] in ('last', 'next', 'year'))})"
_WDPRE = rf"(?:(?:ce|cet|this)\s)?(?:(?P<wd>{_WD})\s)?"

# Text clean-up, in order.
# Ordinal suffixes as typeset: « 1ᵉʳ », « 1^{er} » (LaTeX-ish, in the seed text), « 1<sup>er</sup> », « 1 er ».
_MODIFIER_LETTERS: Final = str.maketrans("ᵉʳᵈˢᵗⁿʰ", "erdstnh")
_SUPERSCRIPT_RE: Final = re.compile(
    r"(\d)\s*(?:\^\s*\{?\s*([a-z]+)\s*\}?|<sup>\s*([a-z]+)\s*</sup>|\s(er|re|ere)\b)"
)
_PUNCT_RE: Final = re.compile(r"[,;!?()\[\]{}]|:(?!\d)")
_ABBR_DOT_RE: Final = re.compile(r"(?<=[a-z])\.|\.$")
_ELISION_RE: Final = re.compile(r"\b(l|d|qu|jusqu)'\s*")
_HYPHEN_PREFIX_RE: Final = re.compile(r"\b(mi|mid)-")
_CI_RE: Final = re.compile(r"-ci\b")
# A clock time or time of day after a date says nothing more about the day.
_TIME_RE: Final = re.compile(
    r"\s(?:\d{1,2}\s?h(?:\s?\d{2})?(?:\s?(?:min|mn))?|\d{1,2}(?::\d{2}){1,2}(?:\s?(?:am|pm))?"
    r"|\d{1,2}\s?(?:am|pm)|matin|soir|apres-midi|midi|nuit|soiree|morning|afternoon|evening|night)"
    r"(?:\s(?:gmt|utc|heure locale|local time))?$"
)

_OPEN_RE: Final = re.compile(rf"(?P<pre>{_alt(_OPEN)})\s(?P<rest>.+)")
_VAGUE_RE: Final = re.compile(rf"(?:{_alt(_VAGUE)})\s(?P<rest>.+)")
_WEEKDAY_RE: Final = re.compile(
    rf"(?:(?P<pre>ce|cet|this|last|next|coming)\s)?(?P<wd>{_WD})"
    r"(?:\s(?P<post>dernier|derniere|passe|prochain|prochaine|last|next|qui vient))?"
)
_ISO_RE: Final = re.compile(
    _WDPRE + r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:t\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_YMD_RE: Final = re.compile(_WDPRE + r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})")
_DMY_RE: Final = re.compile(_WDPRE + r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
_DM_RE: Final = re.compile(
    _WDPRE + rf"(?P<d>{_DAY})\s(?P<mn>{_MON})(?:\s(?P<y>\d{{4}}))?(?:\s(?P<mod>{_MOD}))?"
)
_MD_RE: Final = re.compile(
    _WDPRE + rf"(?P<mn>{_MON})\s(?P<d>{_DAY})(?:\s(?P<y>\d{{4}}))?(?:\s(?P<mod>{_MOD}))?"
)
_MONTH_RE: Final = re.compile(
    rf"(?:(?P<pre>last|next|coming|this|ce|cet)\s)?(?:(?:mois|month)\s)?(?P<mn>{_MON})"
    rf"(?:\s(?P<y>\d{{4}}))?(?:\s(?P<mod>{_MOD}))?"
)
_NUM_MONTH_RE: Final = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})|(?P<m2>\d{1,2})[/.](?P<y2>\d{4})")
_PERIOD_RE: Final = re.compile(
    rf"(?P<o>{_alt(_ORDINALS)})\s(?P<u>trimestre|quarter|semestre|half)(?:\s(?P<y>\d{{4}}))?"
    rf"(?:\s(?P<mod>{_MOD}))?"
)
_PERIOD_CODE_RE: Final = re.compile(
    r"(?P<u>[tqsh])(?P<n>[1-4])(?:\s?[-/]?\s?(?P<y>\d{4}))?|(?P<y2>\d{4})\s?[-/]?\s?(?P<u2>[tqsh])(?P<n2>[1-4])"
)
_YEAR_RE: Final = re.compile(r"(?:(?:annee|an|year|exercice)\s)?(?P<y>\d{4})")


def _clean(folded: str) -> str:
    s = _SUPERSCRIPT_RE.sub(
        lambda m: m.group(1) + (m.group(2) or m.group(3) or m.group(4)), folded.translate(_MODIFIER_LETTERS)
    )
    s = _PUNCT_RE.sub(" ", s)
    s = _ABBR_DOT_RE.sub("", s)
    s = _ELISION_RE.sub(r"\1' ", s)
    s = _HYPHEN_PREFIX_RE.sub(r"\1 ", s)
    s = _CI_RE.sub("", s)
    return " ".join(t for t in s.split() if t not in _FILLERS)


# ---------------------------------------------------------------------------------------------------------
# Resolution against the publication day

_Occurrence = Callable[[int], "tuple[date, date] | None"]
# What a year holds of a periodic wording, without a closure (plans are cached and compared):
# ("day", month, day) or ("months", first month, last month).
_OccSpec = tuple[str, int, int]


def _occurrence(spec: _OccSpec) -> _Occurrence:
    kind, a, b = spec
    if kind == "day":
        return lambda y: _day_span(y, a, b)
    return lambda y: _month_span(y, a, b)


# A wording's analysis, which does not depend on the publication day. A DateValue is final (an explicit
# date); the others say how to resolve the wording against a publication day (see _resolve).
@dataclass(frozen=True, slots=True)
class _Relative:
    """« hier », « la semaine dernière »: `offset` units from the publication day's."""

    unit: str
    offset: int


@dataclass(frozen=True, slots=True)
class _Recent:
    """« vient de », « récemment »: on or before the publication day."""


_RECENT: Final = _Recent()


@dataclass(frozen=True, slots=True)
class _Weekday:
    """« lundi », « lundi dernier »: a weekday placed relative to the publication day."""

    wd: int
    how: str


@dataclass(frozen=True, slots=True)
class _Place:
    """A year-less month, quarter, half or day-month (« en mai dernier »), placed near the publication day."""

    occ: _OccSpec
    months: frozenset[int] | None
    days: frozenset[int] | None
    granularity: str
    hint: str
    mod: str | None
    weekday: int | None


@dataclass(frozen=True, slots=True)
class _Open:
    """« à partir de X », « avant X »… around an X that depends on the publication day."""

    kind: str
    inner: _Plan


_Plan = DateValue | _Relative | _Recent | _Weekday | _Place | _Open


def _safe_date(y: int, m: int, d: int) -> date | None:
    if not 1 <= y <= 9999 or not 1 <= m <= 12 or not 1 <= d <= _month_len(y, m):
        return None
    return date(y, m, d)


def _day_span(y: int, m: int, d: int) -> tuple[date, date] | None:
    day = _safe_date(y, m, d)
    return (day, day) if day is not None else None


def _month_span(y: int, first: int, last: int) -> tuple[date, date] | None:
    if not 1 <= y <= 9999:
        return None
    return date(y, first, 1), date(y, last, _month_len(y, last))


def _distance(span: tuple[date, date], d: date) -> int:
    """Days from d to the nearest day of span (0 inside it)."""
    if span[0] <= d <= span[1]:
        return 0
    return min(abs((span[0] - d).days), abs((span[1] - d).days))


def _pick_year(occ: _Occurrence, pub: date, how: str) -> tuple[int, int] | None:
    """The first and last year whose occurrence the wording can mean, seen from `pub`."""
    pub_idx = pub.year * 12 + pub.month - 1
    for reach in (1, 8):  # 8 years reaches a 29 February from anywhere but around 1900 or 2100
        cands = [(y, r) for y in range(pub.year - reach, pub.year + reach + 1) if (r := occ(y)) is not None]
        picked: list[int]
        if how == "bare":
            # A bare « mai » or « 2 août » is an occurrence less than a year away, in months, or current.
            picked = [
                y for y, (s, e) in cands if abs(s.year * 12 + s.month - 1 - pub_idx) <= 11 or s <= pub <= e
            ]
            if not picked:
                return _pick_year(occ, pub, "nearest")
        elif how == "last":
            picked = [y for y, (_, e) in cands if e < pub][-1:]
        elif how == "next":
            picked = [y for y, (s, _) in cands if s > pub][:1]
        elif how == "past":
            picked = [y for y, (s, _) in cands if s <= pub][-1:]
        elif how == "this":
            picked = [y for y, _ in cands if y == pub.year]
        else:  # nearest, ties to the later one
            best = min(cands, key=lambda c: (_distance(c[1], pub), -c[0]), default=None)
            picked = [best[0]] if best is not None else []
        if picked:
            return picked[0], picked[-1]
        if how == "this":
            return None
    return None


def _periodic(
    occ: _Occurrence,
    months: frozenset[int] | None,
    days: frozenset[int] | None,
    granularity: str,
    pub: date | None,
    how: str,
    year: int | None = None,
    weekday: int | None = None,
) -> DateValue | None:
    """A month, quarter, half or day-month, placed in an explicit year, or near `pub`, or anywhere."""
    if year is not None:
        r = occ(year)
        if r is None:
            return None
        v = DateValue(r[0], r[1], granularity=granularity)
    elif pub is None:
        v = DateValue(None, None, months=months, days=days, granularity=granularity, partial=True)
    else:
        years = _pick_year(occ, pub, how)
        if years is None:
            return None
        first, last = occ(years[0]), occ(years[1])
        assert first is not None and last is not None
        v = DateValue(first[0], last[1], months=months, days=days, granularity=granularity)
    if weekday is not None:
        w = DateValue(
            v.start, v.end, frozenset({weekday}), v.months, v.days, granularity=granularity, partial=v.partial
        )
        # « lundi 2 août 2022 » (a Tuesday) contradicts itself; the explicit date is kept over the weekday.
        if not w.is_empty:
            v = w
    return _canon(v)


def _relative(unit: str, offset: int, pub: date | None) -> DateValue:
    granularity = {"night": "day", "weekend": "week"}.get(unit, unit)
    if pub is None:
        return _whole(granularity, partial=True)
    if unit == "day":
        return _day(pub + timedelta(days=offset))
    if unit == "night":  # « cette nuit » straddles the evening before and the publication morning
        return DateValue(pub - _ONE_DAY, pub, granularity="day")
    if unit in ("week", "weekend"):
        monday = pub - timedelta(days=pub.weekday() - 7 * offset)
        if unit == "weekend":
            return DateValue(monday + timedelta(days=5), monday + timedelta(days=6), granularity="week")
        return DateValue(monday, monday + timedelta(days=6), granularity="week")
    if unit == "year":
        y = pub.year + offset
        return DateValue(date(y, 1, 1), date(y, 12, 31), granularity="year")
    size = {"month": 1, "quarter": 3, "half": 6}[unit]
    idx = pub.year * 12 + (pub.month - 1) // size * size + offset * size
    y, m0 = divmod(idx, 12)
    return DateValue(date(y, m0 + 1, 1), date(y, m0 + size, _month_len(y, m0 + size)), granularity=unit)


def _weekday_value(wd: int, how: str, pub: date | None) -> DateValue:
    if pub is None:
        return DateValue(None, None, weekdays=frozenset({wd}), partial=True)
    pw = pub.weekday()
    if how == "this":  # the one in the publication week (Monday to Sunday)
        return _day(pub + timedelta(days=wd - pw))
    if how == "last":
        return _day(pub - timedelta(days=(pw - wd - 1) % 7 + 1))
    if how == "next":
        return _day(pub + timedelta(days=(wd - pw - 1) % 7 + 1))
    if how == "past":
        return _day(pub - timedelta(days=(pw - wd) % 7))
    if how == "forward":
        return _day(pub + timedelta(days=(wd - pw) % 7))
    # A bare « lundi » is the Monday less than a week away either side: the publication day itself when it
    # is a Monday, otherwise the last one or the next one.
    six = timedelta(days=6)
    return _canon(DateValue(pub - six, pub + six, weekdays=frozenset({wd})))


def _day_num(tok: str) -> int:
    if tok in ("premier", "first"):
        return 1
    return int(tok[:2] if tok[1:2].isdigit() else tok[:1])


def _year_of(raw: str) -> int:
    y = int(raw)
    if len(raw) == 2:  # « 01/08/22 »: news dates are recent
        y += 2000 if y < 70 else 1900
    return y


def _mod_how(mod: str | None, default: str) -> tuple[str, int | None]:
    """How to place a year-less date given its modifier: (kind, year offset when the year is explicit)."""
    if not mod:
        return default, None
    kind, off = _MODIFIERS[mod]
    return (kind, off) if kind == "year" else (kind, None)


def _place(
    occ: _OccSpec,
    months: frozenset[int] | None,
    days: frozenset[int] | None,
    granularity: str,
    hint: str,
    year: str | None,
    mod: str | None,
    weekday: int | None = None,
) -> _Plan | None:
    """A month, quarter, half or day-month: its value when the year is explicit, else how to place it."""
    if year is not None:
        return _periodic(_occurrence(occ), months, days, granularity, None, hint, int(year), weekday)
    return _Place(occ, months, days, granularity, hint, mod, weekday)


def _place_near(p: _Place, pub: date | None) -> DateValue | None:
    """A year-less _Place, placed near `pub` (or anywhere, partial, without one)."""
    occ = _occurrence(p.occ)
    how, off = _mod_how(p.mod, "nearest" if p.hint == "forward" else p.hint)
    if off is not None:
        if pub is None:
            return _periodic(occ, p.months, p.days, p.granularity, None, how, None, p.weekday)
        return _periodic(occ, p.months, p.days, p.granularity, pub, how, pub.year + off, p.weekday)
    return _periodic(occ, p.months, p.days, p.granularity, pub, how, None, p.weekday)


def _open_value(kind: str, inner: DateValue | None) -> DateValue | None:
    """« à partir de X », « avant X »…: the union, over the days or periods X may be, of the open interval."""
    if inner is None:
        return None
    bound_needed = inner.start if kind in ("from", "after") else inner.end
    if bound_needed is None:
        # Anchored on something with no first (or last) day: every day qualifies.
        return _whole("open", partial=inner.partial)
    if kind == "from":
        first = inner.first_day()
        return DateValue(first, None, granularity="open", partial=inner.partial) if first else None
    if kind == "until":
        last = inner.last_day()
        return DateValue(None, last, granularity="open", partial=inner.partial) if last else None
    if kind == "after":
        first = inner.first_day()
        if first is None:
            return None
        run_end = first  # the end of the first period X may be
        if not inner.constrained and inner.end is not None:
            run_end = inner.end
        while run_end < date.max and inner.contains(run_end + _ONE_DAY):
            run_end += _ONE_DAY
        if run_end == date.max:
            return None
        return DateValue(run_end + _ONE_DAY, None, granularity="open", partial=inner.partial)
    last = inner.last_day()
    if last is None:
        return None
    run_start = last  # the start of the last period X may be
    if not inner.constrained and inner.start is not None:
        run_start = inner.start
    while run_start > date.min and inner.contains(run_start - _ONE_DAY):
        run_start -= _ONE_DAY
    if run_start == date.min:
        return None
    return DateValue(None, run_start - _ONE_DAY, granularity="open", partial=inner.partial)


# « vient d'être confiée », « a récemment signé », « has just been »: on or before the publication day, no
# more can be said without guessing how recent "recent" is.
_RECENT_RE: Final = re.compile(
    # the cleaner has dropped « de » / « d' » by now: « vient d'être confiée » reads "vient etre confiee"
    r"(?:(?:vient|viennent|venait|venaient)|(?:tout )?recemment|dernierement|recently|lately|(?:has|have) just)\b.*"
)


def _parse(s: str, hint: str, month_first: bool) -> _Plan | None:
    """Analyse a cleaned wording, independently of any publication day; None when it is no date.

    `hint` places year-less dates: bare, past (since) or forward (from, until). Whatever does not depend
    on the publication day is computed here, once per wording; `_resolve` does the rest.
    """
    rel = _RELATIVE.get(s)
    if rel is not None:
        return _Relative(rel[0], rel[1])
    if _RECENT_RE.fullmatch(s):
        return _RECENT

    m = _OPEN_RE.fullmatch(s)
    if m is not None:
        kind, lean = _OPEN[m["pre"]]
        inner = _parse(m["rest"], lean, month_first)
        if inner is None or isinstance(inner, DateValue):
            return _open_value(kind, inner)
        return _Open(kind, inner)

    m = _VAGUE_RE.fullmatch(s)
    if m is not None:
        return _parse(m["rest"], hint, month_first)

    t = _TIME_RE.search(s)
    if t is not None and t.start() > 0:
        return _parse(s[: t.start()], hint, month_first)

    m = _WEEKDAY_RE.fullmatch(s)
    if m is not None:
        wd = _WEEKDAYS[m["wd"]]
        word = m["post"] or m["pre"]
        how = _MODIFIERS[word][0] if word else hint
        return _Weekday(wd, how)

    return _parse_date_forms(s, hint, month_first)


def _parse_date_forms(s: str, hint: str, month_first: bool) -> _Plan | None:
    m = _ISO_RE.fullmatch(s) or _YMD_RE.fullmatch(s)
    if m is not None:
        # A leading weekday adds nothing to an explicit date; when it contradicts it, the date (the more
        # specific of the two) is kept.
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return _day(d) if d is not None else None

    m = _DMY_RE.fullmatch(s)
    if m is not None:
        a, b, y = int(m["a"]), int(m["b"]), _year_of(m["y"])
        # Day first, as in French and British usage; month first only for en-US or when day first is impossible.
        if (month_first and a <= 12) or (b > 12 and a <= 12):
            a, b = b, a
        d = _safe_date(y, b, a)
        return _day(d) if d is not None else None

    m = _DM_RE.fullmatch(s) or _MD_RE.fullmatch(s)
    if m is not None:
        mon, dd = _MONTHS[m["mn"]], _day_num(m["d"])
        if not 1 <= dd <= _POSSIBLE_DAYS[mon - 1].bit_length():
            return None
        wd = _WEEKDAYS[m["wd"]] if m["wd"] else None
        return _place(
            ("day", mon, dd), frozenset({mon}), frozenset({dd}), "day", hint, m["y"], m["mod"], wd
        )  # fmt: skip

    m = _MONTH_RE.fullmatch(s)
    if m is not None:
        mon = _MONTHS[m["mn"]]
        mod = m["mod"] or m["pre"]
        return _place(("months", mon, mon), frozenset({mon}), None, "month", hint, m["y"], mod)

    m = _NUM_MONTH_RE.fullmatch(s)
    if m is not None:
        y, mon = int(m["y"] or m["y2"]), int(m["m"] or m["m2"])
        if not 1 <= mon <= 12:
            return None
        span = _month_span(y, mon, mon)
        return DateValue(span[0], span[1], granularity="month") if span else None

    m = _PERIOD_RE.fullmatch(s)
    if m is not None:
        n, unit = _ORDINALS[m["o"]], m["u"]
        size = 3 if unit in ("trimestre", "quarter") else 6
        if n == -1:
            if m["y"] is None:  # « le dernier trimestre » with no year is the previous one
                return _Relative("quarter" if size == 3 else "half", -1)
            n = 12 // size
        return _period(n, size, hint, m["y"], m["mod"])

    m = _PERIOD_CODE_RE.fullmatch(s)
    if m is not None:
        code, num, year = (m["u"], m["n"], m["y"]) if m["u"] else (m["u2"], m["n2"], m["y2"])
        return _period(int(num), 3 if code in ("t", "q") else 6, hint, year, None)

    m = _YEAR_RE.fullmatch(s)
    if m is not None:
        y = int(m["y"])
        return DateValue(date(y, 1, 1), date(y, 12, 31), granularity="year") if y >= 1 else None
    return None


def _period(n: int, size: int, hint: str, year: str | None, mod: str | None) -> _Plan | None:
    if not 1 <= n <= 12 // size:
        return None
    first, last = (n - 1) * size + 1, n * size
    return _place(
        ("months", first, last),
        frozenset(range(first, last + 1)), None, "quarter" if size == 3 else "half", hint, year, mod,
    )  # fmt: skip


def _resolve(plan: _Plan, pub: date | None) -> DateValue | None:
    """The value of an analysed wording, relative forms placed against `pub`."""
    if isinstance(plan, DateValue):
        return plan
    if isinstance(plan, _Place):
        return _place_near(plan, pub)
    if isinstance(plan, _Relative):
        return _relative(plan.unit, plan.offset, pub)
    if isinstance(plan, _Weekday):
        return _weekday_value(plan.wd, plan.how, pub)
    if isinstance(plan, _Open):
        return _open_value(plan.kind, _resolve(plan.inner, pub))
    if pub is None:  # _Recent
        return _whole("open", partial=True)
    return DateValue(None, pub, granularity="open")


def _with_text(v: DateValue, text: str) -> DateValue:
    """`v` with its wording attached. `v` is valid already: copying its slots skips __post_init__."""
    out: DateValue = object.__new__(DateValue)
    for name in _DATEVALUE_SLOTS:
        object.__setattr__(out, name, getattr(v, name))
    object.__setattr__(out, "text", text)
    return out


_DATEVALUE_SLOTS: Final = tuple(f.name for f in fields(DateValue))


@lru_cache(maxsize=16384)
def _parse_folded(folded: str, month_first: bool) -> _Plan | None:
    s = _clean(folded)
    if not s:
        return None
    try:
        return _parse(s, "bare", month_first)
    except (OverflowError, ValueError):  # dates pushed past year 1 or 9999
        return None


@lru_cache(maxsize=16384)
def _analyse_text(raw: str, lang: str) -> DateValue | _Plan | None:
    """A wording analysed once whatever the publication day: a final value (with its text) when the
    wording needs no publication day, else the plan `_parse_text` resolves against one."""
    plan = _parse_folded(fold_text(raw), lang in ("en-us", "en_us"))
    if isinstance(plan, DateValue):
        return _with_text(plan, raw)
    return plan


@lru_cache(maxsize=16384)
def _parse_text(raw: str, published: date | None, lang: str) -> DateValue | None:
    plan = _analyse_text(raw, lang)
    if plan is None or isinstance(plan, DateValue):
        return plan
    try:
        v = _resolve(plan, published)
    except (OverflowError, ValueError):  # dates pushed past year 1 or 9999
        return None
    return _with_text(v, raw) if v is not None else None


def parse_date(
    raw: str | int | date | datetime, published: date | None = None, lang: str = "fr"
) -> DateValue | None:
    """The set of days a date wording allows, relative forms resolved against `published`.

    Without `published`, relative wordings stay partial (`partial=True`): « ce lundi » is some Monday,
    « en mai dernier » some May, and what cannot be placed at all (« hier ») is the whole timeline.
    Returns None when the text is not a date wording this parser knows. An int is a year (YAML reads
    `2022` as one), a date or datetime its day.
    """
    if isinstance(raw, datetime):
        return DateValue(raw.date(), raw.date(), text=raw.isoformat())
    if isinstance(raw, date):
        return DateValue(raw, raw, text=raw.isoformat())
    if isinstance(raw, int):
        raw = str(raw)
    if isinstance(published, datetime):
        published = published.date()
    # Analysis (folding, cleaning, matching the forms) depends on the wording only, so a corpus with many
    # publication days analyses each wording once; only relative forms go on to the publication day.
    lang = lang.lower()
    plan = _analyse_text(raw, lang)
    if plan is None or isinstance(plan, DateValue):
        return plan
    return _parse_text(raw, published, lang)
