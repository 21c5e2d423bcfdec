"""Resolving against the anchor: a plan placed relative to the publication day (or left partial without one)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Final

from recoupe.normalize.dates.calendar import ONE_DAY, day_span, month_len, month_span
from recoupe.normalize.dates.lexicon import WORDS
from recoupe.normalize.dates.plans import AtHours, OccSpec, Open, Place, Plan, Range, Relative, Weekday
from recoupe.normalize.dates.ranges import range_value
from recoupe.normalize.dates.value import DateValue, canon, day_value, whole, with_text

_MODIFIERS: Final = WORDS.modifiers
_WEEKDAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday_conflict(d: date, wd: int) -> str:
    """« 17 September 2023 is a Sunday, not a Saturday », or "" when the weekday fits the day."""
    if d.weekday() == wd:
        return ""
    return (
        f"{d.day} {d.strftime('%B')} {d.year} is a {_WEEKDAY_NAMES[d.weekday()]}, not a {_WEEKDAY_NAMES[wd]}"
    )


Occurrence = Callable[[int], "tuple[date, date] | None"]


def occurrence(spec: OccSpec) -> Occurrence:
    kind, a, b = spec
    if kind == "day":
        return lambda y: day_span(y, a, b)
    return lambda y: month_span(y, a, b)


def _distance(span: tuple[date, date], d: date) -> int:
    """Days from d to the nearest day of span (0 inside it)."""
    if span[0] <= d <= span[1]:
        return 0
    return min(abs((span[0] - d).days), abs((span[1] - d).days))


def _pick_year(occ: Occurrence, pub: date, how: str) -> tuple[int, int] | None:
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
        elif how == "recent":
            # on or before publication, or in the week after it (an announcement: « le forum se tiendra le 2 août »)
            soon = pub + timedelta(days=7)
            picked = [y for y, (s, _) in cands if s <= pub][-1:] + [
                y for y, (s, _) in cands if pub < s <= soon
            ][:1]
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


def periodic(
    occ: Occurrence,
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
        # « lundi 2 août 2022 » (a Tuesday) contradicts itself; the explicit date is kept over the weekday,
        # and the conflict noted.
        if not w.is_empty:
            v = w
        elif v.start is not None and v.start == v.end:
            return DateValue(
                v.start, v.end, granularity=granularity, conflict=weekday_conflict(v.start, weekday)
            )
        else:  # a weekday that fits no day the wording may mean
            day1 = v.first_day()
            where = f"{day1.day} {day1.strftime('%B')}" if day1 is not None else "the date"
            return with_text(
                canon(v), v.text, conflict=f"{where} is no {_WEEKDAY_NAMES[weekday]} in any year it may mean"
            )
    return canon(v)


def _relative(unit: str, offset: int, pub: date | None) -> DateValue:
    granularity = {"night": "day", "weekend": "week", "week_start": "week", "week_end": "week"}.get(
        unit, unit
    )
    if pub is None:
        return whole(granularity, partial=True)
    if unit == "day":
        return day_value(pub + timedelta(days=offset))
    if unit == "night":  # « cette nuit » straddles the evening before and the publication morning
        return DateValue(pub - ONE_DAY, pub, granularity="day")
    if unit in ("week", "weekend", "week_start", "week_end"):
        monday = pub - timedelta(days=pub.weekday() - 7 * offset)
        first, last = {"weekend": (5, 6), "week_start": (0, 2), "week_end": (3, 6)}.get(unit, (0, 6))
        return DateValue(monday + timedelta(days=first), monday + timedelta(days=last), granularity="week")
    if unit == "year":
        y = pub.year + offset
        return DateValue(date(y, 1, 1), date(y, 12, 31), granularity="year")
    size = {"month": 1, "quarter": 3, "half": 6}[unit]
    idx = pub.year * 12 + (pub.month - 1) // size * size + offset * size
    y, m0 = divmod(idx, 12)
    return DateValue(date(y, m0 + 1, 1), date(y, m0 + size, month_len(y, m0 + size)), granularity=unit)


def _weekday_value(wd: int, how: str, pub: date | None, strict: bool = False) -> DateValue:
    if how == "night":  # from the evening before the weekday to its morning
        if pub is None:
            return DateValue(None, None, weekdays=frozenset({(wd - 1) % 7, wd}), partial=True)
        morning = pub - timedelta(days=(pub.weekday() - wd) % 7)
        return DateValue(morning - ONE_DAY, morning)
    if pub is None:
        return DateValue(None, None, weekdays=frozenset({wd}), partial=True)
    pw = pub.weekday()
    if how == "this":  # the one in the publication week (Monday to Sunday)
        d = pub + timedelta(days=wd - pw)
        if strict and d != pub:  # « ce lundi » in an article of a Wednesday, with no other date
            return DateValue(
                d,
                d,
                conflict=f"the source was published on {_WEEKDAY_NAMES[pw]} {pub.isoformat()}, not a {_WEEKDAY_NAMES[wd]}",
            )
        return day_value(d)
    if how == "last":
        return day_value(pub - timedelta(days=(pw - wd - 1) % 7 + 1))
    if how == "next":
        return day_value(pub + timedelta(days=(wd - pw - 1) % 7 + 1))
    if how == "past":
        return day_value(pub - timedelta(days=(pw - wd) % 7))
    if how == "forward":
        return day_value(pub + timedelta(days=(wd - pw) % 7))
    # A bare « lundi » is the Monday less than a week away either side: the publication day itself when it
    # is a Monday, otherwise the last one or the next one.
    six = timedelta(days=6)
    return canon(DateValue(pub - six, pub + six, weekdays=frozenset({wd})))


def _mod_how(mod: str | None, default: str) -> tuple[str, int | None]:
    """How to place a year-less date given its modifier: (kind, year offset when the year is explicit)."""
    if not mod:
        return default, None
    kind, off = _MODIFIERS[mod]
    return (kind, off) if kind == "year" else (kind, None)


def _place_near(p: Place, pub: date | None) -> DateValue | None:
    """A year-less Place, placed near `pub` (or anywhere, partial, without one)."""
    occ = occurrence(p.occ)
    # A bare day and month (« le 31 janvier ») is the latest such day on or before publication (news
    # reports what happened; a window a year into the future would let a wrong date pass), or one in the
    # week after it, which an announcement may mean.
    # With a weekday (« lundi 1er août »), the weekday may pick the year within the bare window.
    past = p.hint == "bare" and p.occ[0] == "day" and p.weekday is None
    default = "nearest" if p.hint == "forward" else "recent" if past else p.hint
    how, off = _mod_how(p.mod, default)
    if off is not None:
        if pub is None:
            return periodic(occ, p.months, p.days, p.granularity, None, how, None, p.weekday)
        return periodic(occ, p.months, p.days, p.granularity, pub, how, pub.year + off, p.weekday)
    return periodic(occ, p.months, p.days, p.granularity, pub, how, None, p.weekday)


def open_value(kind: str, inner: DateValue | None) -> DateValue | None:
    """« à partir de X », « avant X »…: the union, over the days or periods X may be, of the open interval."""
    if inner is None:
        return None
    bound_needed = inner.start if kind in ("from", "after") else inner.end
    if bound_needed is None:
        # Anchored on something with no first (or last) day: every day qualifies.
        return whole("open", partial=inner.partial)
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
        while run_end < date.max and inner.contains(run_end + ONE_DAY):
            run_end += ONE_DAY
        if run_end == date.max:
            return None
        return DateValue(run_end + ONE_DAY, None, granularity="open", partial=inner.partial)
    last = inner.last_day()
    if last is None:
        return None
    run_start = last  # the start of the last period X may be
    if not inner.constrained and inner.start is not None:
        run_start = inner.start
    while run_start > date.min and inner.contains(run_start - ONE_DAY):
        run_start -= ONE_DAY
    if run_start == date.min:
        return None
    return DateValue(None, run_start - ONE_DAY, granularity="open", partial=inner.partial)


# Half a unit either side of « il y a N unités »: the press counts weeks and months loosely.
_AGO_HALF: Final = {"week": 3, "month": 15, "year": 182}


def _ago(unit: str, n: int, pub: date | None) -> DateValue:
    if pub is None:
        return whole(unit, partial=True)
    if unit == "day":
        return day_value(pub - timedelta(days=n))
    if unit == "week":
        centre = pub - timedelta(days=7 * n)
    elif unit == "month":
        y, m0 = divmod(pub.year * 12 + pub.month - 1 - n, 12)
        centre = date(y, m0 + 1, min(pub.day, month_len(y, m0 + 1)))
    else:
        centre = date(pub.year - n, pub.month, min(pub.day, month_len(pub.year - n, pub.month)))
    half = timedelta(days=_AGO_HALF[unit])
    return DateValue(centre - half, centre + half, granularity=unit)


def resolve(plan: Plan, pub: date | None) -> DateValue | None:
    """The value of an analysed wording, relative forms placed against `pub`."""
    if isinstance(plan, DateValue):
        return plan
    if isinstance(plan, Place):
        return _place_near(plan, pub)
    if isinstance(plan, Relative):
        if plan.unit.startswith("ago:"):
            return _ago(plan.unit[4:], plan.offset, pub)
        return _relative(plan.unit, plan.offset, pub)
    if isinstance(plan, Weekday):
        return _weekday_value(plan.wd, plan.how, pub, plan.strict)
    if isinstance(plan, Range):
        return range_value(plan, pub)
    if isinstance(plan, AtHours):
        inner = resolve(plan.inner, pub)
        return (
            with_text(inner, inner.text, hours=plan.hours, granularity="hour") if inner is not None else None
        )
    if isinstance(plan, Open):
        return open_value(plan.kind, resolve(plan.inner, pub))
    if pub is None:  # Recent
        return whole("open", partial=True)
    return DateValue(None, pub, granularity="open")
