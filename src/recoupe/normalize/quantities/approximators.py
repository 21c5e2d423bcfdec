"""Approximators and bounds: their words, how wide they make a number (Tolerances), the interval they give.

What each wording gives, x being the stated number and t a width from `Tolerances`:
- « quelque », « environ », « autour de », « de l'ordre de », « about », « around », « some »,
  « approximately », « ~ », and the claim's `approximate` flag: [x(1−t), x(1+t)], t = approximate.
- « près de », « presque », « quasiment », « nearly », « almost », « close to »: [x(1−t), x],
  t = nearly. « un peu moins de », « just under »: [x(1−t), x). « un peu plus de », « just over »:
  (x, x(1+t)].
- « une quinzaine », « une centaine », « un millier », « a dozen » (collectives):
  [x(1−t), x(1+t)], t = collective.
- « des centaines », « plusieurs milliers », « quelques dizaines de milliers », « hundreds of
  thousands » : [several_low·B, several_high·B) where B is the magnitude; bare « plusieurs »,
  « quelques », « several », « a few » use B = 1.
- « plus de », « more than », « over », « above »: (x, ∞). « au moins », « at least », « ou plus »,
  « or more », « 15 000+ »: [x, ∞).
- « moins de », « less than », « fewer than », « under »: [0, x); « au plus », « jusqu'à »,
  « up to », « at most », « ou moins »: [0, x]. Quantities are magnitudes, so these start at 0,
  unless the wording is negative (« moins de 0 », « moins de -5 ») or the unit is a temperature,
  where they are unbounded below.
- « entre 10 et 20 », « between 10 and 20 », « de 10 à 20 », « from 10 to 20 », « 10 à 20 »,
  « 10-20 »: [10, 20], inclusive. One scale word or unit applies to both ends: « entre 2 et
  3 millions » is [2e6, 3e6] (the first number takes the scale when it is not larger than the
  second's numeral, so « entre 500 000 et 1 million » stays [5e5, 1e6]).
- The `approximate` flag makes each stated number approximate when the wording has no approximator
  of its own: « plus de 14 000 » flagged approximate is (12600, ∞). Ordinals are never widened.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Final

PRECISIONS: Final = ("round-or-truncate", "round", "exact")


def precise(value: Fraction, step: Fraction, how: str) -> tuple[Fraction, Fraction, bool]:
    """(low, high, high open) of what a number written to `step` covers, by `Tolerances.precision`."""
    if how == "exact" or value < 0:
        return value, value, False
    low = value - step / 2
    return (low, value + step, True) if how == "round-or-truncate" else (low, value + step / 2, True)


@dataclass(frozen=True, slots=True)
class Tolerances:
    """How wide approximate wordings are. Widths are relative: 0.10 means ±10 %."""

    approximate: float = 0.10
    """« quelque », « environ », « about », and the claim's approximate flag: [x(1−t), x(1+t)]."""
    nearly: float = 0.10
    """« près de », « presque », « nearly »: [x(1−t), x]; « un peu plus de »: (x, x(1+t)]."""
    collective: float = 0.20
    """« une quinzaine », « une centaine », « un millier », « a dozen »: [x(1−t), x(1+t)]."""
    several_low: float = 2
    """« plusieurs », « des centaines »: at least this many (times the magnitude)."""
    several_high: float | None = 10
    """« plusieurs », « des centaines »: fewer than this many (times the magnitude); None: no limit."""
    precision: str = "round-or-truncate"
    """What a number written to a given digit covers (« 1,08 million »): every count that rounds or
    truncates to it ("round-or-truncate", [1,075,000, 1,090,000)), only what rounds to it ("round",
    [1,075,000, 1,085,000)), or the number alone ("exact")."""

    def __post_init__(self) -> None:
        for name in ("approximate", "nearly", "collective"):
            width = getattr(self, name)
            if not 0 <= width <= 1:
                raise ValueError(f"Tolerances.{name} must be between 0 and 1, got {width!r}")
        if not (math.isfinite(self.several_low) and self.several_low >= 0):
            raise ValueError(f"Tolerances.several_low must be >= 0, got {self.several_low!r}")
        if self.several_high is not None and not self.several_low < self.several_high < math.inf:
            raise ValueError(f"Tolerances.several_high must exceed several_low, got {self.several_high!r}")
        if self.precision not in PRECISIONS:
            raise ValueError(
                f"Tolerances.precision must be one of {', '.join(PRECISIONS)}, got {self.precision!r}"
            )

    def to_dict(self) -> dict[str, object]:
        return {
            "approximate": self.approximate,
            "nearly": self.nearly,
            "collective": self.collective,
            "several_low": self.several_low,
            "several_high": self.several_high,
            "precision": self.precision,
        }


DEFAULT_TOLERANCES: Final = Tolerances()


@lru_cache(maxsize=64)
def as_fraction(width: float) -> Fraction:
    # Through repr so that 0.1 is exactly 1/10, not the binary 0.1000000000000000055…
    return Fraction(repr(width))


def widen(lo: Fraction, hi: Fraction, t: Fraction) -> tuple[Fraction, Fraction]:
    # min/max keep negative numbers right: « environ -5 » is [-5.5, -4.5].
    return min(lo * (1 - t), lo * (1 + t)), max(hi * (1 - t), hi * (1 + t))


APPROX, NEARLY, JUST_UNDER, JUST_OVER, GT, GE, LT, LE, RANGE_AND, RANGE_TO = range(10)
APPROXIMATORS: Final = frozenset({APPROX, NEARLY, JUST_UNDER, JUST_OVER})
RANGES: Final = frozenset({RANGE_AND, RANGE_TO})

PREFIXES: Final[dict[str, int]] = {
    **dict.fromkeys(
        (
            "quelque", "quelques", "environ", "env.", "approximativement", "a peu pres",
            "autour de", "autour d'", "aux alentours de", "aux alentours d'", "aux environs de",
            "aux environs d'", "de l'ordre de", "de l'ordre d'", "grosso modo", "plus ou moins",
            "circa", "ca.", "about", "around", "approximately", "approx.", "approx", "roughly",
            "some", "~", "≈",
        ),
        APPROX,
    ),
    **dict.fromkeys(
        (
            "pres de", "pres d'", "tout pres de", "tout pres d'", "presque", "quasiment", "quasi",
            "pratiquement", "pas loin de", "pas loin d'", "nearly", "almost", "close to",
            "practically",
        ),
        NEARLY,
    ),
    **dict.fromkeys(
        (
            "un peu moins de", "un peu moins d'", "legerement moins de", "legerement moins d'",
            "just under", "slightly less than", "slightly fewer than", "a little under",
            "a little less than",
        ),
        JUST_UNDER,
    ),
    **dict.fromkeys(
        (
            "un peu plus de", "un peu plus d'", "legerement plus de", "legerement plus d'",
            "just over", "slightly more than", "a little over", "a little more than",
        ),
        JUST_OVER,
    ),
    **dict.fromkeys(
        (
            "plus de", "plus d'", "au-dela de", "au-dela d'", "au dela de", "au dela d'",
            "superieur a", "superieure a", "superieurs a", "superieures a", "more than", "over",
            "above", "in excess of", "upwards of", ">",
        ),
        GT,
    ),
    **dict.fromkeys(
        (
            "au moins", "au minimum", "pas moins de", "pas moins d'", "minimum", "at least",
            "no fewer than", "no less than", "not less than", "a minimum of", ">=", "≥",
        ),
        GE,
    ),
    **dict.fromkeys(
        (
            "moins de", "moins d'", "inferieur a", "inferieure a", "inferieurs a", "inferieures a",
            "less than", "fewer than", "under", "below", "<",
        ),
        LT,
    ),
    **dict.fromkeys(
        (
            "au plus", "au maximum", "jusqu'a", "pas plus de", "pas plus d'", "maximum", "up to",
            "at most", "no more than", "not more than", "a maximum of", "<=", "≤",
        ),
        LE,
    ),
    **dict.fromkeys(("entre", "between"), RANGE_AND),
    **dict.fromkeys(("de", "from"), RANGE_TO),
}  # fmt: skip

SUFFIXES: Final[dict[str, int]] = {
    **dict.fromkeys(("environ", "approximativement", "a peu pres", "or so", "approximately"), APPROX),
    **dict.fromkeys(
        ("au moins", "au minimum", "minimum", "et plus", "ou plus", "or more", "at least", "+"), GE
    ),
    **dict.fromkeys(("au plus", "au maximum", "maximum", "ou moins", "or fewer", "or less", "at most"), LE),
}


def _phrase_pattern(phrases: list[str]) -> str:
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        pattern = re.escape(phrase)
        if phrase == "quelques":
            # « quelques 15 000 » is a sloppy « quelque »; « quelques milliers » means several.
            pattern += r"(?=\s*[\d~])"
        elif phrase[-1].isalpha():
            pattern += r"(?![a-z0-9])"
        parts.append(pattern)
    return "|".join(parts)


PREFIX_RE: Final = re.compile(rf"(?P<q>{_phrase_pattern(list(PREFIXES))})\s*")
SUFFIX_RE: Final = re.compile(
    rf"(?:\s*,\s*|\s+)(?P<q>{_phrase_pattern([p for p in SUFFIXES if p != '+'])})$|\s*(?P<plus>\+)$"
)


def qualify(
    qual: int | None,
    lo: Fraction,
    hi: Fraction | None,
    hi_open: bool,
    tol: Tolerances,
    signed: bool,
) -> tuple[Fraction | None, bool, Fraction | None, bool] | None:
    """Apply a qualifier to the stated interval [lo, hi]: (low, low_open, high, high_open)."""
    if qual is None or qual in RANGES:
        return lo, False, hi, hi_open
    if qual == APPROX:
        t = as_fraction(tol.approximate)
        new_lo = min(lo * (1 - t), lo * (1 + t))
        new_hi = None if hi is None else max(hi * (1 - t), hi * (1 + t))
        return new_lo, False, new_hi, hi_open
    if qual == NEARLY:
        t = as_fraction(tol.nearly)
        # Towards zero: « près de 100 » is [90, 100], « près de -100 » is [-100, -90].
        new_hi = None if hi is None else max(hi, hi * (1 - t))
        return min(lo, lo * (1 - t)), False, new_hi, hi_open
    if qual == JUST_UNDER:
        if lo < 0 or hi is None:
            return None
        return lo * (1 - as_fraction(tol.nearly)), False, hi, True
    if qual == JUST_OVER:
        if lo < 0:
            return None
        return lo, True, None if hi is None else hi * (1 + as_fraction(tol.nearly)), hi_open
    if qual == GT:
        return lo, True, None, False
    if qual == GE:
        return lo, False, None, False
    if qual in (LT, LE):
        if hi is None:
            return None  # « moins de plusieurs centaines » with no upper limit configured
        strict = qual == LT or hi_open
        floor_ok = not signed and (hi > 0 if strict else hi >= 0)
        return (Fraction(0) if floor_ok else None), False, hi, strict
    raise AssertionError(qual)
