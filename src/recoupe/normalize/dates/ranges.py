"""Date ranges: « du 2 au 5 août », « entre le 2 et le 5 août », « from 1 to 5 August 2022 », « 1–5 August »,
« August 1-5 ». The two ends are cut apart on the folded wording (the cleaner would drop « du » and
« au »), the first end borrows what it leaves out (month, year) from the second, and each end is read
as any date wording is."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Final

from recoupe.normalize.dates.calendar import safe_date
from recoupe.normalize.dates.lexicon import WORDS
from recoupe.normalize.dates.patterns import alt
from recoupe.normalize.dates.plans import Place, Plan, Range
from recoupe.normalize.dates.value import DateValue

_NIGHT = r"(?:(?:dans\s+)?(?:la\s+)?nuit\s+)?"
_DASH = r"\s*[-–—]\s*"
_DAY = r"\d{1,2}(?:er|re|st|nd|rd|th)?|premier|1er|first"
_MON = f"(?:{alt(WORDS.months)})"
_FORMS: Final = (
    re.compile(rf"{_NIGHT}(?:du|de|depuis\s+le)\s+(?P<a>.+?)\s+(?:au|jusqu'\s?au|jusqu'\s?a)\s+(?P<b>.+)"),
    re.compile(rf"(?:{_NIGHT}|entre\s+)(?:le\s+|l'\s?)?(?P<a>{_DAY})\s+(?:au|et\s+le|et)\s+(?P<b>.+)"),
    re.compile(r"entre\s+(?:le\s+|l'\s?)?(?P<a>.+?)\s+et\s+(?:le\s+|l'\s?)?(?P<b>.+)"),
    re.compile(r"(?:from\s+)(?:the\s+)?(?P<a>.+?)\s+(?:to|until|till|through|thru)\s+(?:the\s+)?(?P<b>.+)"),
    re.compile(r"between\s+(?:the\s+)?(?P<a>.+?)\s+and\s+(?:the\s+)?(?P<b>.+)"),
    re.compile(rf"(?P<a>{_DAY}){_DASH}(?P<b>(?:{_DAY})\s+{_MON}.*)"),
)
# « August 1-5, 2022 »: the month first, both days after it
_MONTH_FIRST: Final = re.compile(
    rf"(?P<mn>{_MON})\s+(?P<a>{_DAY}){_DASH}(?P<b>{_DAY})(?P<rest>,?\s+\d{{4}})?"
)
_MAYBE: Final = re.compile(r"\b(?:au|entre|from|between|jusqu)\b|[–—]|\d\s*-\s*\d{1,2}(?:\s+[a-z]|,|$)")
_LEADING_DAY: Final = re.compile(rf"^(?:{_DAY})\s+")
_BARE_DAY: Final = re.compile(rf"(?:{_DAY})")
_YEAR: Final = re.compile(r"\b\d{4}\b")

Parse = Callable[[str], "Plan | None"]


def split_range(folded: str) -> tuple[str, str, bool] | None:
    """The two ends of a range wording, the first completed from the second, and whether the first
    borrowed its year; None when the wording is no range."""
    if _MAYBE.search(folded) is None:  # most wordings are no range: one cheap look says so
        return None
    s = " ".join(folded.replace(",", " , ").split()).replace(" ,", ",")
    m = _MONTH_FIRST.fullmatch(s)
    if m is not None:
        rest = m["rest"] or ""
        return f"{m['mn']} {m['a']}{rest}", f"{m['mn']} {m['b']}{rest}", False
    for form in _FORMS:
        m = form.fullmatch(s)
        if m is None:
            continue
        a, b = m["a"].strip(), m["b"].strip()
        if _BARE_DAY.fullmatch(a):  # « du 2 au 5 août »: the month and year are the second end's
            tail = _LEADING_DAY.sub("", b, count=1)
            if tail == b:
                return None
            return f"{a} {tail}", b, _YEAR.search(tail) is not None
        year = _YEAR.search(b)
        if year is not None and _YEAR.search(a) is None:  # « du 30 juillet au 2 août 2022 »
            return f"{a} {year.group()}", b, True
        return a, b, False
    return None


def parse_range(folded: str, parse: Parse) -> Plan | None:
    """A range wording as a value (both ends dated) or a plan (both ends year-less); None otherwise."""
    ends = split_range(folded)
    if ends is None:
        return None
    a, b, borrowed = ends
    first, last = parse(a), parse(b)
    if isinstance(first, DateValue) and isinstance(last, DateValue):
        start, end = first.first_day(), last.last_day()
        if start is None or end is None:
            return None
        if start > end and borrowed and start.month > end.month:  # « du 30 décembre au 2 janvier 2023 »
            start = safe_date(start.year - 1, start.month, start.day) or start
        return DateValue(start, end, granularity="day") if start <= end else None
    if isinstance(first, Place) and isinstance(last, Place) and first.occ[0] == last.occ[0] == "day":
        return Range(first, last)
    return None


def range_value(r: Range, pub: date | None) -> DateValue | None:
    """A year-less range placed: it starts on the latest such first day on or before publication and
    ends on the next such last day; without a publication day, the days and months it may cover."""
    (_, m1, d1), (_, m2, d2) = r.first.occ, r.last.occ
    if pub is None:
        if m1 == m2 and d1 <= d2:
            return DateValue(
                None, None, months=frozenset({m1}), days=frozenset(range(d1, d2 + 1)), partial=True
            )
        days = frozenset(range(d1, 32)) | frozenset(range(1, d2 + 1))
        return DateValue(None, None, months=frozenset({m1, m2}), days=days, partial=True)
    year = pub.year
    start = safe_date(year, m1, d1)
    while start is None or start > pub:
        year -= 1
        start = safe_date(year, m1, d1)
        if year < pub.year - 8:
            return None
    end = safe_date(start.year, m2, d2)
    if end is None or end < start:
        end = safe_date(start.year + 1, m2, d2)
    return DateValue(start, end, granularity="day") if end is not None else None
