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
    """« hier », « la semaine dernière »: `offset` units from the publication day's."""

    unit: str
    offset: int


@dataclass(frozen=True, slots=True)
class Recent:
    """« vient de », « récemment »: on or before the publication day."""


RECENT: Final = Recent()


@dataclass(frozen=True, slots=True)
class Weekday:
    """« lundi », « lundi dernier »: a weekday placed relative to the publication day."""

    wd: int
    how: str


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


Plan = DateValue | Relative | Recent | Weekday | Place | Open
