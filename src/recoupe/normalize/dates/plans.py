"""A wording's analysis, which does not depend on the publication day: a final DateValue or a plan.

A DateValue is final (an explicit date); the other plans say how to resolve the wording against a
publication day (see resolving.resolve). Plans are cached and compared, so they hold no closures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from recoupe.normalize.dates.value import DateValue

# What a year holds of a periodic wording: ("day", month, day) or ("months", first month, last month).
OccSpec = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class Relative:
    """« hier », « la semaine dernière »: `offset` units from the publication day's. Units named
    "ago:week" and so on count back from the publication day itself (« il y a deux semaines »)."""

    unit: str
    offset: int


@dataclass(frozen=True, slots=True)
class Recent:
    """« vient de », « récemment »: on or before the publication day."""


RECENT: Final = Recent()


@dataclass(frozen=True, slots=True)
class Weekday:
    """« lundi », « lundi dernier »: a weekday placed relative to the publication day.

    `strict`: « ce lundi » names the publication week's Monday, usually the publication day itself; a
    publication day that is no Monday is a conflict worth reporting. `how` "night" is the night that
    ends on the latest such weekday on or before publication (« la nuit de samedi à dimanche »)."""

    wd: int
    how: str
    strict: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A year-less month, quarter, half or day-month (« en mai dernier »), placed near the publication day."""

    occ: OccSpec
    months: frozenset[int] | None
    days: frozenset[int] | None
    granularity: str
    hint: str
    mod: str | None
    weekday: int | None


@dataclass(frozen=True, slots=True)
class Open:
    """« à partir de X », « avant X »… around an X that depends on the publication day."""

    kind: str
    inner: Plan


@dataclass(frozen=True, slots=True)
class Range:
    """« du 2 au 5 août »: from the first day of `first` to the last day of `last`, both year-less."""

    first: Place
    last: Place


@dataclass(frozen=True, slots=True)
class AtHours:
    """« hier à 13h »: `inner`'s days, at these hours (a bit mask, see DateValue.hours)."""

    inner: Plan
    hours: int


Plan = DateValue | Relative | Recent | Weekday | Place | Open | Range | AtHours
