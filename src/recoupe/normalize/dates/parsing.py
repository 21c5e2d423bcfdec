"""Parsing: a cleaned date wording analysed into a final value or a plan, whatever the publication day."""

from __future__ import annotations

from datetime import date
from typing import Final

from recoupe.normalize.dates.calendar import POSSIBLE_DAYS, month_span, safe_date
from recoupe.normalize.dates.lexicon import WORDS
from recoupe.normalize.dates.patterns import (
    AGO_RE,
    DM_RE,
    DMY_RE,
    ISO_RE,
    MD_RE,
    MONTH_RE,
    NIGHT_RE,
    NUM_MONTH_RE,
    OPEN_RE,
    PERIOD_CODE_RE,
    PERIOD_RE,
    RECENT_RE,
    VAGUE_RE,
    WEEKDAY_RE,
    YEAR_RE,
    YMD_RE,
)
from recoupe.normalize.dates.plans import RECENT, AtHours, OccSpec, Open, Place, Plan, Relative, Weekday
from recoupe.normalize.dates.resolving import occurrence, open_value, periodic, weekday_conflict
from recoupe.normalize.dates.times import split_time
from recoupe.normalize.dates.value import DateValue, day_value, with_text

_MONTHS: Final = WORDS.months
_WEEKDAYS: Final = WORDS.weekdays
_ORDINALS: Final = WORDS.ordinals
_RELATIVE: Final = WORDS.relative
_MODIFIERS: Final = WORDS.modifiers
_OPEN: Final = WORDS.open
_FIRST_DAY: Final = frozenset(WORDS.first_day)
_PERIOD_UNITS: Final = WORDS.period_units
_PERIOD_CODES: Final = WORDS.period_codes
_NUMBERS: Final = WORDS.numbers
_MONTH_NAMES: Final = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                       "October", "November", "December")  # fmt: skip
_UNITS: Final = WORDS.units
_AGO_WORDS: Final = frozenset(w for phrase in (*WORDS.ago_before, *WORDS.ago_after) for w in phrase.split())
_STRICT: Final = frozenset(("ce", "cet"))  # « ce lundi »; « this Monday » may well be the coming one
ANY_DAY: Final = DateValue(None, None)


def _day_num(tok: str) -> int:
    if tok in _FIRST_DAY:
        return 1
    return int(tok[:2] if tok[1:2].isdigit() else tok[:1])


def _year_of(raw: str) -> int:
    y = int(raw)
    if len(raw) == 2:  # « 01/08/22 »: news dates are recent
        y += 2000 if y < 70 else 1900
    return y


def _place(
    occ: OccSpec,
    months: frozenset[int] | None,
    days: frozenset[int] | None,
    granularity: str,
    hint: str,
    year: str | None,
    mod: str | None,
    weekday: int | None = None,
) -> Plan | None:
    """A month, quarter, half or day-month: its value when the year is explicit, else how to place it."""
    if year is not None and weekday is None and occ[0] == "day":  # « 17 septembre 2023 », the common case
        d = safe_date(int(year), occ[1], occ[2])
        return day_value(d) if d is not None else None
    if year is not None:
        return periodic(occurrence(occ), months, days, granularity, None, hint, int(year), weekday)
    return Place(occ, months, days, granularity, hint, mod, weekday)


def parse_cleaned(s: str, hint: str, order: str) -> Plan | None:
    """Analyse a cleaned wording, independently of any publication day; None when it is no date.

    `hint` places year-less dates: bare, past (since) or forward (from, until). `order` reads numeric
    dates: dmy, mdy (en-US) or either (English with no region). Whatever does not depend on the
    publication day is computed here, once per wording; `resolve` does the rest.
    """
    rel = _RELATIVE.get(s)
    if rel is not None:
        return Relative(rel[0], rel[1])
    if RECENT_RE.fullmatch(s):
        return RECENT

    m = OPEN_RE.fullmatch(s)
    if m is not None:
        kind, lean = _OPEN[m["pre"]]
        inner = parse_cleaned(m["rest"], lean, order)
        if inner is None or isinstance(inner, DateValue):
            return open_value(kind, inner)
        return Open(kind, inner)

    m = VAGUE_RE.fullmatch(s)
    if m is not None:
        return parse_cleaned(m["rest"], hint, order)

    t = split_time(s)
    if t is not None:
        rest, hours = t
        inner = parse_cleaned(rest, hint, order) if rest else (ANY_DAY if hours is not None else None)
        if inner is None or hours is None:
            return inner
        if isinstance(inner, DateValue):
            return with_text(inner, inner.text, hours=hours, granularity="hour")
        return AtHours(inner, hours)

    m = WEEKDAY_RE.fullmatch(s)
    if m is not None:
        wd = _WEEKDAYS[m["wd"]]
        word = m["post"] or m["pre"]
        how = _MODIFIERS[word][0] if word else hint
        return Weekday(wd, how, m["pre"] in _STRICT and not m["post"])

    m = AGO_RE.fullmatch(s) if _AGO_WORDS.intersection(s.split()) else None
    if m is not None and (m["pre"] or m["post"]):
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
        return Relative("ago:" + _UNITS[m["u"]], n)

    m = NIGHT_RE.fullmatch(s) if "night" in s or "nuit" in s else None
    if m is not None:
        a, b = _WEEKDAYS[m["a"]], _WEEKDAYS[m["b"]]
        return Weekday(b, "night") if b == (a + 1) % 7 else None

    return _parse_date_forms(s, hint, order)


def _dated(d: date | None, wd: str | None) -> DateValue | None:
    """An explicit day. A leading weekday adds nothing to it; when it contradicts it, the date (the more
    specific of the two) is kept and the conflict noted."""
    if d is None:
        return None
    v = day_value(d)
    if wd is not None:
        conflict = weekday_conflict(d, _WEEKDAYS[wd])
        if conflict:
            return DateValue(d, d, conflict=conflict)
    return v


def _parse_date_forms(s: str, hint: str, order: str) -> Plan | None:
    m = ISO_RE.fullmatch(s) or YMD_RE.fullmatch(s)
    if m is not None:
        return _dated(safe_date(int(m["y"]), int(m["m"]), int(m["d"])), m["wd"])

    m = DMY_RE.fullmatch(s)
    if m is not None:
        a, b, y = int(m["a"]), int(m["b"]), _year_of(m["y"])
        if order == "either" and a <= 12 and b <= 12 and a != b:
            # English with no region: 05/12/2024 is 5 December or 12 May. Both are kept (with the
            # other two days the constraints let through): a superset, never a false contradiction.
            both = DateValue(date(y, 1, 1), date(y, 12, 31), months=frozenset({a, b}), days=frozenset({a, b}))
            return DateValue(
                both.start,
                both.end,
                months=both.months,
                days=both.days,
                doubt=f"« {m.group(0)} » is {a} {_MONTH_NAMES[b - 1]} day first and {b} {_MONTH_NAMES[a - 1]} "
                "month first; give the source a language with its region (en-GB, en-US) or write the month",
            )
        # Day first, as in French and British usage; month first only for en-US or when day first is impossible.
        if (order == "mdy" and a <= 12) or (b > 12 and a <= 12):
            a, b = b, a
        return _dated(safe_date(y, b, a), m["wd"])

    m = DM_RE.fullmatch(s) or MD_RE.fullmatch(s)
    if m is not None:
        mon, dd = _MONTHS[m["mn"]], _day_num(m["d"])
        if not 1 <= dd <= POSSIBLE_DAYS[mon - 1].bit_length():
            return None
        wd = _WEEKDAYS[m["wd"]] if m["wd"] else None
        return _place(
            ("day", mon, dd), frozenset({mon}), frozenset({dd}), "day", hint, m["y"], m["mod"], wd
        )  # fmt: skip

    m = MONTH_RE.fullmatch(s)
    if m is not None:
        mon = _MONTHS[m["mn"]]
        mod = m["mod"] or m["pre"]
        return _place(("months", mon, mon), frozenset({mon}), None, "month", hint, m["y"], mod)

    m = NUM_MONTH_RE.fullmatch(s)
    if m is not None:
        y, mon = int(m["y"] or m["y2"]), int(m["m"] or m["m2"])
        if not 1 <= mon <= 12:
            return None
        span = month_span(y, mon, mon)
        return DateValue(span[0], span[1], granularity="month") if span else None

    m = PERIOD_RE.fullmatch(s)
    if m is not None:
        n, unit = _ORDINALS[m["o"]], m["u"]
        size = _PERIOD_UNITS[unit]
        if n == -1:
            if m["y"] is None:  # « le dernier trimestre » with no year is the previous one
                return Relative("quarter" if size == 3 else "half", -1)
            n = 12 // size
        return _period(n, size, hint, m["y"], m["mod"])

    m = PERIOD_CODE_RE.fullmatch(s)
    if m is not None:
        code, num, year = (m["u"], m["n"], m["y"]) if m["u"] else (m["u2"], m["n2"], m["y2"])
        return _period(int(num), _PERIOD_CODES[code], hint, year, None)

    m = YEAR_RE.fullmatch(s)
    if m is not None:
        y = int(m["y"])
        return DateValue(date(y, 1, 1), date(y, 12, 31), granularity="year") if y >= 1 else None
    return None


def _period(n: int, size: int, hint: str, year: str | None, mod: str | None) -> Plan | None:
    if not 1 <= n <= 12 // size:
        return None
    first, last = (n - 1) * size + 1, n * size
    return _place(
        ("months", first, last),
        frozenset(range(first, last + 1)), None, "quarter" if size == 3 else "half", hint, year, mod,
    )  # fmt: skip
