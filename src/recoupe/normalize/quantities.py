"""Quantities: French and English number wordings parsed into intervals, and the relation between two.

A quantity value is the set of numbers its wording allows, kept as one interval with open, closed
or unbounded ends, plus a unit. « quelque 15.000 » is [13500, 16500] (±10 % by default), « plus de
14 000 » is (14000, ∞), « 15 000 » is the point [15000, 15000]. Comparing two values is plain set
logic on the intervals; values in different known units, or a rank against a count, are UNKNOWN.

Number formats, and how ambiguous separators are read
------------------------------------------------------
- Digits with grouped thousands: « 15 000 » (space, U+00A0 or U+202F), « 15.000 » (French),
  « 15,000 » (English), « 15'000 »; a decimal part may follow with the other separator:
  « 1.080.000,50 », « 1,080,000.50 ».
- One separator followed by exactly three digits is a thousands separator, in both languages:
  « 1,080 » and « 1.080 » are 1080. Claims quote press wording, where « 15.000 » (French) and
  « 15,000 » (English) are far more common than a decimal with three places.
  Exceptions: a leading « 0 » makes it decimal (« 0,080 » is 0.08), and so do more than three
  digits before the separator (« 1234,567 »).
- One separator followed by one, two or four and more digits is a decimal mark: « 15,5 », « 1,08 »,
  « 15.5 », « 1.0805 ».
- Scale words and abbreviations after digits: « mille », « million(s) », « milliard(s) », « k »,
  « M » (upper case only: « 15 m » is metres), « Md », « Mds », « Mrd », « mln », « bn »,
  « thousand », « million », « billion ». « billion » is 10⁹ when `lang` starts with "en" and 10¹²
  otherwise (the French « billion »); « milliard » is always 10⁹.
- Number words, French (up to the milliards, with « soixante-dix », « quatre-vingt(s) », the
  Belgian and Swiss « septante », « huitante », « octante », « nonante ») and English (« twenty-three »,
  « one hundred and five », « a million »).
- Ordinals: « 4e », « 4ᵉ », « 4ème », « 4eme », « 1er », « 1re », « 1ère », « 1^{er} », « IVe »
  (Roman, upper case), « quatrième », « vingt et unième », « première », « 4th », « 21st »,
  « fourth », « twenty-first ». An ordinal is a point value with `ordinal=True`.

Approximators and bounds (x is the stated number, t a width from `Tolerances`)
------------------------------------------------------------------------------
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

Everything runs on exact fractions, and each bound is rounded to a float once, so
« 1,08 million » is exactly 1080000.0 and 15000 × 1.1 is exactly 16500.0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from typing import Final, NamedTuple

from recoupe.normalize.relation import Relation, from_inclusion
from recoupe.textnorm import fold_typography, strip_accents

__all__ = ["DEFAULT_TOLERANCES", "QuantityValue", "Tolerances", "parse_quantity"]


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

    def __post_init__(self) -> None:
        for name in ("approximate", "nearly", "collective"):
            width = getattr(self, name)
            if not 0 <= width <= 1:
                raise ValueError(f"Tolerances.{name} must be between 0 and 1, got {width!r}")
        if not (math.isfinite(self.several_low) and self.several_low >= 0):
            raise ValueError(f"Tolerances.several_low must be >= 0, got {self.several_low!r}")
        if self.several_high is not None and not self.several_low < self.several_high < math.inf:
            raise ValueError(f"Tolerances.several_high must exceed several_low, got {self.several_high!r}")

    def to_dict(self) -> dict[str, object]:
        return {
            "approximate": self.approximate,
            "nearly": self.nearly,
            "collective": self.collective,
            "several_low": self.several_low,
            "several_high": self.several_high,
        }


DEFAULT_TOLERANCES: Final = Tolerances()

# Units whose values can be negative: « moins de 5 °C » does not start at 0.
_SIGNED_UNITS: Final = frozenset({"°C", "°F"})


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


# --------------------------------------------------------------------------------------------
# Public parse entry point and its caches
# --------------------------------------------------------------------------------------------


def parse_quantity(
    raw: str | int | float,
    *,
    approximate: bool = False,
    tolerances: Tolerances = DEFAULT_TOLERANCES,
    lang: str = "fr",
) -> QuantityValue | None:
    """The interval a claim's quantity wording allows, or None when it is not a quantity.

    `approximate` is the claim's flag: it widens each stated number by `tolerances.approximate`
    unless the wording already carries an approximator. `lang` only decides « billion » (10⁹ in
    English, 10¹² in French); both languages' words and formats are always recognised.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        return _parse_text(raw, approximate, tolerances, lang)
    if isinstance(raw, int):
        return _from_number(Fraction(raw), str(raw), approximate, tolerances)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return None
        # repr gives the shortest decimal that round-trips, i.e. the number the author typed.
        return _from_number(Fraction(repr(raw)), repr(raw), approximate, tolerances)
    return None


@lru_cache(maxsize=32768)
def _parse_text(raw: str, approximate: bool, tolerances: Tolerances, lang: str) -> QuantityValue | None:
    # Two levels: this one skips folding for a repeated raw string; the folded cache below shares
    # the parse between wordings that differ only in typography (NBSP, curly quotes, spacing).
    value = _parse_folded(_fold(raw), approximate, tolerances, lang)
    if value is None or value.text == raw:
        return value
    return replace(value, text=raw)


@lru_cache(maxsize=32768)
def _parse_folded(key: str, approximate: bool, tolerances: Tolerances, lang: str) -> QuantityValue | None:
    return _Parser(key, approximate, tolerances, lang).parse()


def _from_number(value: Fraction, text: str, approximate: bool, tolerances: Tolerances) -> QuantityValue:
    lo: Fraction = value
    hi: Fraction = value
    if approximate:
        lo, hi = _widen(lo, hi, _frac(tolerances.approximate))
    return QuantityValue(float(lo), float(hi), text=text)


@lru_cache(maxsize=64)
def _frac(width: float) -> Fraction:
    # Through repr so that 0.1 is exactly 1/10, not the binary 0.1000000000000000055…
    return Fraction(repr(width))


def _widen(lo: Fraction, hi: Fraction, t: Fraction) -> tuple[Fraction, Fraction]:
    # min/max keep negative numbers right: « environ -5 » is [-5.5, -4.5].
    return min(lo * (1 - t), lo * (1 + t)), max(hi * (1 - t), hi * (1 + t))


# --------------------------------------------------------------------------------------------
# Text folding
# --------------------------------------------------------------------------------------------

# Superscript letters of « 1ᵉʳ », « 2ⁿᵈ »; minus signs and dashes; the soft hyphen.
_PREP_TABLE: Final = str.maketrans(
    {
        "\u1d49": "e", "\u02b3": "r", "\u1d48": "d", "\u207f": "n", "\u02e2": "s", "\u1d57": "t",
        "\u02b0": "h", "\u1d50": "m", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-",
        "\u2013": "-", "\u2014": "-", "\u00ad": None,
    }
)  # fmt: skip
# LaTeX-ish superscripts left by text extraction: « 1^{er} », « 4^e ».
_CARET: Final = re.compile(r"\^\{?([A-Za-z]+)\}?")
_WS: Final = re.compile(r"\s+")
_LEADING_PUNCT: Final = " \"'"
_TRAILING_PUNCT: Final = " \"'.,;:"


def _fold(raw: str) -> str:
    """Typography, superscripts and whitespace folded. Case and accents stay: « 2 M » is two million
    and « 2 m » two metres, and nouns keep their accents for reports."""
    s = fold_typography(raw).translate(_PREP_TABLE)
    if "^" in s:
        s = _CARET.sub(r"\1", s)
    return _WS.sub(" ", s).lstrip(_LEADING_PUNCT).rstrip(_TRAILING_PUNCT)


def _lower(s: str) -> str:
    low = s.lower()
    if len(low) == len(s):
        return low
    # A few characters (« İ ») lower to two; keep offsets aligned with the original.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


# --------------------------------------------------------------------------------------------
# Vocabularies (accent-free, lower case)
# --------------------------------------------------------------------------------------------

_APPROX, _NEARLY, _JUST_UNDER, _JUST_OVER, _GT, _GE, _LT, _LE, _RANGE_AND, _RANGE_TO = range(10)
_APPROXIMATORS: Final = frozenset({_APPROX, _NEARLY, _JUST_UNDER, _JUST_OVER})
_RANGES: Final = frozenset({_RANGE_AND, _RANGE_TO})

_PREFIXES: Final[dict[str, int]] = {
    **dict.fromkeys(
        (
            "quelque", "quelques", "environ", "env.", "approximativement", "a peu pres",
            "autour de", "autour d'", "aux alentours de", "aux alentours d'", "aux environs de",
            "aux environs d'", "de l'ordre de", "de l'ordre d'", "grosso modo", "plus ou moins",
            "circa", "ca.", "about", "around", "approximately", "approx.", "approx", "roughly",
            "some", "~", "≈",
        ),
        _APPROX,
    ),
    **dict.fromkeys(
        (
            "pres de", "pres d'", "tout pres de", "tout pres d'", "presque", "quasiment", "quasi",
            "pratiquement", "pas loin de", "pas loin d'", "nearly", "almost", "close to",
            "practically",
        ),
        _NEARLY,
    ),
    **dict.fromkeys(
        (
            "un peu moins de", "un peu moins d'", "legerement moins de", "legerement moins d'",
            "just under", "slightly less than", "slightly fewer than", "a little under",
            "a little less than",
        ),
        _JUST_UNDER,
    ),
    **dict.fromkeys(
        (
            "un peu plus de", "un peu plus d'", "legerement plus de", "legerement plus d'",
            "just over", "slightly more than", "a little over", "a little more than",
        ),
        _JUST_OVER,
    ),
    **dict.fromkeys(
        (
            "plus de", "plus d'", "au-dela de", "au-dela d'", "au dela de", "au dela d'",
            "superieur a", "superieure a", "superieurs a", "superieures a", "more than", "over",
            "above", "in excess of", "upwards of", ">",
        ),
        _GT,
    ),
    **dict.fromkeys(
        (
            "au moins", "au minimum", "pas moins de", "pas moins d'", "minimum", "at least",
            "no fewer than", "no less than", "not less than", "a minimum of", ">=", "≥",
        ),
        _GE,
    ),
    **dict.fromkeys(
        (
            "moins de", "moins d'", "inferieur a", "inferieure a", "inferieurs a", "inferieures a",
            "less than", "fewer than", "under", "below", "<",
        ),
        _LT,
    ),
    **dict.fromkeys(
        (
            "au plus", "au maximum", "jusqu'a", "pas plus de", "pas plus d'", "maximum", "up to",
            "at most", "no more than", "not more than", "a maximum of", "<=", "≤",
        ),
        _LE,
    ),
    **dict.fromkeys(("entre", "between"), _RANGE_AND),
    **dict.fromkeys(("de", "from"), _RANGE_TO),
}  # fmt: skip

_SUFFIXES: Final[dict[str, int]] = {
    **dict.fromkeys(("environ", "approximativement", "a peu pres", "or so", "approximately"), _APPROX),
    **dict.fromkeys(
        ("au moins", "au minimum", "minimum", "et plus", "ou plus", "or more", "at least", "+"), _GE
    ),
    **dict.fromkeys(("au plus", "au maximum", "maximum", "ou moins", "or fewer", "or less", "at most"), _LE),
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


_PREFIX_RE: Final = re.compile(rf"(?P<q>{_phrase_pattern(list(_PREFIXES))})\s*")
_SUFFIX_RE: Final = re.compile(
    rf"(?:\s*,\s*|\s+)(?P<q>{_phrase_pattern([p for p in _SUFFIXES if p != '+'])})$|\s*(?P<plus>\+)$"
)
_DETERMINER_RE: Final = re.compile(r"(?:les|le|la|l'|the)(?:\s+|(?<=')\s*)(?=\S)")

_FR_SMALL: Final[dict[str, int]] = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80, "octante": 80,
    "nonante": 90,
}  # fmt: skip
_EN_SMALL: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SMALL: Final[dict[str, int]] = {**_FR_SMALL, **_EN_SMALL}
_HUNDREDS: Final = frozenset({"cent", "cents", "hundred"})
# Big multipliers; "billion" and "trillion" are filled in per language by _big().
_BIG_FIXED: Final[dict[str, int]] = {
    "mille": 10**3, "thousand": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9,
    "milliards": 10**9,
}  # fmt: skip
_BIG_LANG: Final = ("billion", "billions", "trillion", "trillions")
_CARDINAL_WORDS: Final = frozenset(_SMALL) | _HUNDREDS | frozenset(_BIG_FIXED) | frozenset(_BIG_LANG)


def _big(word: str, english: bool) -> int | None:
    value = _BIG_FIXED.get(word)
    if value is not None:
        return value
    if word.startswith("billion"):
        return 10**9 if english else 10**12
    if word.startswith("trillion"):
        return 10**12 if english else 10**18
    return None


def _french_ordinals() -> dict[str, str]:
    forms = {"premier": "un", "premiere": "un", "second": "deux", "seconde": "deux"}
    for word in (*(w for w in _FR_SMALL if w not in ("zero", "une", "vingts")), "cent", "mille",
                 "million", "milliard", "billion"):  # fmt: skip
        stem = {"cinq": "cinqu", "neuf": "neuv"}.get(word, word[:-1] if word.endswith("e") else word)
        forms[stem + "ieme"] = word
    return forms


def _english_ordinals() -> dict[str, str]:
    forms = {"first": "one", "second": "two", "third": "three", "fifth": "five", "eighth": "eight",
             "ninth": "nine", "twelfth": "twelve"}  # fmt: skip
    for word in (*(w for w in _EN_SMALL if w != "zero"), "hundred", "thousand", "million",
                 "billion"):  # fmt: skip
        if word in ("one", "two", "three", "five", "eight", "nine", "twelve"):
            continue
        forms[word[:-1] + "ieth" if word.endswith("y") else word + "th"] = word
    return forms


_ORDINAL_WORDS: Final[dict[str, str]] = {**_french_ordinals(), **_english_ordinals()}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_SEP: Final = r"(?:[\s-]+(?:et|and)[\s-]+|[\s-]+)"
_CARD_ALT: Final = _alternation(_CARDINAL_WORDS)
_CARD_TOKEN_RE: Final = re.compile(rf"(?P<sep>{_WORD_SEP}?)(?P<w>{_CARD_ALT})(?![a-z])")
_ARTICLE_RE: Final = re.compile(r"an? (?=(?:hundred|thousand|million|billion|trillion)(?![a-z]))")
_ORDINAL_WORDS_RE: Final = re.compile(
    rf"(?:(?:{_CARD_ALT}){_WORD_SEP})*(?P<ord>{_alternation(_ORDINAL_WORDS)})(?![a-z])"
)
_ORDINAL_DIGITS_RE: Final = re.compile(
    r"(?P<n>\d+)(?:\s?(?:ieme|eme)|er|ere|re|em|e|nde|nd|st|rd|th)(?![a-z0-9])"
)
_ORDINAL_ROMAN_RE: Final = re.compile(r"(?P<r>[ivxlcdm]+)(?:ieme|eme|ere|er|re|e)(?![a-z0-9])")
_ROMAN_VALID_RE: Final = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN: Final[dict[str, int]] = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

# Grouped thousands first, so « 1.080 » reads as 1080 and « 1,08 » falls through to a decimal.
_DIGITS_RE: Final = re.compile(
    r"(?P<sign>[-+])?"
    r"(?:(?P<g>\d{1,3}(?P<sep>[ .,'])\d{3}(?:(?P=sep)\d{3})*)(?:(?P<gd>[.,])(?P<gf>\d+))?"
    r"|(?P<i>\d+)(?:[.,](?P<f>\d+))?)"
    r"(?![\d])"
)
_SCALES: Final[dict[str, int]] = {
    "mille": 10**3, "thousand": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6,
    "m": 10**6, "mln": 10**6, "mlns": 10**6, "milliard": 10**9, "milliards": 10**9, "md": 10**9,
    "mds": 10**9, "mrd": 10**9, "mrds": 10**9, "bn": 10**9,
}  # fmt: skip
_SCALE_RE: Final = re.compile(rf"\s?(?P<scale>{_alternation([*_SCALES, *_BIG_LANG])})(?![a-z0-9])")

_COLLECTIVES: Final[dict[str, int]] = {
    "huitaine": 8, "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20,
    "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "millier": 1000, "dozen": 12, "score": 20,
}  # fmt: skip
# Plural magnitudes: « des centaines », « hundreds of thousands ». "billions" is per language.
_MAGNITUDES: Final[dict[str, int]] = {
    "dizaines": 10, "douzaines": 12, "vingtaines": 20, "centaines": 100, "milliers": 1000,
    "millions": 10**6, "milliards": 10**9, "tens": 10, "dozens": 12, "scores": 20,
    "hundreds": 100, "thousands": 1000,
}  # fmt: skip
_MAG_ALT: Final = _alternation([*_MAGNITUDES, "billions"])
_MAG_CHAIN: Final = rf"(?P<chain>(?:\s(?:de\s|d'|of\s)(?:{_MAG_ALT})(?![a-z]))*)"
_SEVERAL_RE: Final = re.compile(
    rf"(?:(?:des|plusieurs|quelques|several|a few|few)\s)?(?P<mag>{_MAG_ALT})(?![a-z]){_MAG_CHAIN}"
)
_SEVERAL_BARE_RE: Final = re.compile(r"(?:plusieurs|quelques|several|a few)(?![a-z])(?!\s?\d)")
_COLLECTIVE_RE: Final = re.compile(
    rf"(?:(?:une|un|an|a)\s)?(?P<c>{_alternation(_COLLECTIVES)})(?![a-z]){_MAG_CHAIN}"
)
_CHAIN_WORD_RE: Final = re.compile(_MAG_ALT)

_UNITS: Final[dict[str, str]] = {
    **dict.fromkeys(("%", "pour cent", "pour-cent", "pourcent", "percent", "per cent", "pct"), "%"),
    **dict.fromkeys(
        (
            "points de pourcentage",
            "point de pourcentage",
            "percentage points",
            "percentage point",
            "pp",
        ),
        "pp",
    ),
    **dict.fromkeys(("km2", "km²", "kilometres carres", "square kilometres", "square kilometers"), "km2"),
    **dict.fromkeys(("m2", "m²", "metres carres", "square metres", "square meters"), "m2"),
    **dict.fromkeys(("ha", "hectare", "hectares"), "ha"),
    **dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers"), "km"),
    **dict.fromkeys(("m", "metre", "metres", "meter", "meters"), "m"),
    **dict.fromkeys(("cm", "centimetre", "centimetres", "centimeter", "centimeters"), "cm"),
    **dict.fromkeys(("mm", "millimetre", "millimetres", "millimeter", "millimeters"), "mm"),
    **dict.fromkeys(("mile", "miles"), "mi"),
    **dict.fromkeys(("kg", "kilo", "kilos", "kilogramme", "kilogrammes", "kilogram", "kilograms"), "kg"),
    **dict.fromkeys(("g", "gramme", "grammes", "gram", "grams"), "g"),
    **dict.fromkeys(("t", "tonne", "tonnes", "ton", "tons"), "t"),
    **dict.fromkeys(("€", "eur", "euro", "euros"), "EUR"),
    **dict.fromkeys(("$", "us$", "usd", "dollar", "dollars", "dollars americains"), "USD"),
    **dict.fromkeys(
        ("£", "gbp", "livre sterling", "livres sterling", "pound sterling", "pounds sterling"),
        "GBP",
    ),
    **dict.fromkeys(("mad", "dh", "dhs", "dirham", "dirhams"), "MAD"),
    **dict.fromkeys(("fcfa", "f cfa", "franc cfa", "francs cfa", "cfa", "xof", "xaf"), "FCFA"),
    **dict.fromkeys(("an", "ans", "annee", "annees", "year", "years", "yr", "yrs"), "years"),
    **dict.fromkeys(("mois", "month", "months"), "months"),
    **dict.fromkeys(("semaine", "semaines", "week", "weeks"), "weeks"),
    **dict.fromkeys(("jour", "jours", "day", "days"), "days"),
    **dict.fromkeys(("h", "heure", "heures", "hour", "hours", "hr", "hrs"), "hours"),
    **dict.fromkeys(("min", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("seconde", "secondes", "second", "seconds"), "seconds"),
    **dict.fromkeys(("°c", "degres celsius", "degre celsius", "degrees celsius"), "°C"),
    **dict.fromkeys(("°f", "degrees fahrenheit"), "°F"),
}
_UNIT_RE: Final = re.compile(rf"\s?(?:(?:de|of)\s|d')?(?P<u>{_alternation(_UNITS)})(?![a-z0-9])")
_CURRENCY_PREFIX_RE: Final = re.compile(r"(?P<u>us\$|\$|€|£)\s?")
_CONNECTOR_AND_RE: Final = re.compile(r"\s(?:et|and)\s|\s?-\s?")
_CONNECTOR_TO_RE: Final = re.compile(r"\s(?:a|au|to|jusqu'a)\s|\s?-\s?")
_CONNECTOR_BARE_RE: Final = re.compile(r"\s(?:a|to)\s|\s?-\s?")
_NOUN_LEAD_RE: Final = re.compile(r"(?:de|des|du|of)\s|d'")
# A rest that starts like a second term (« deux et trois », « 10 à ») or a number word the grammar
# did not take (« mille milliards », « un demi-million ») is not a noun.
_NOUN_BAD_LEAD_RE: Final = re.compile(
    rf"(?:et|ou|and|or|a|to|jusqu'a|demi|half|{_CARD_ALT}|{_MAG_ALT})(?![a-z])|-"
)
_HAS_DIGIT_RE: Final = re.compile(r"\d")


class _Amount(NamedTuple):
    """One stated number, before qualifiers: [lo, hi] (hi may be open or unbounded)."""

    lo: Fraction
    hi: Fraction | None
    hi_open: bool
    vague: bool  # already approximate by its own words (« une quinzaine », « des milliers »)
    end: int
    numeral: Fraction  # the number before its scale word, to share one scale across a range
    scale: int


class _WordSum:
    """Adds up French or English number words one at a time, refusing a word that cannot follow."""

    __slots__ = ("current", "english", "last_big", "prev", "tokens", "total")

    def __init__(self, english: bool) -> None:
        self.total = 0
        self.current = 0
        self.last_big = 0
        self.prev = ""
        self.tokens = 0
        self.english = english

    @property
    def value(self) -> int:
        return self.total + self.current

    def feed(self, word: str) -> bool:
        current, rest = self.current, self.current % 100
        if word in _SMALL:
            v = _SMALL[word]
            if v == 0:
                ok = self.tokens == 0
            elif word.startswith("vingt") and self.prev == "quatre" and rest == 4:
                v = 76  # quatre-vingt(s): the « quatre » already counted is a multiplier
                ok = True
            elif v >= 20:
                ok = rest == 0
            elif v >= 10:
                ok = rest in (0, 60, 80)  # dix, soixante-dix, quatre-vingt-onze
            else:
                ok = rest == 0 or current % 10 == 0  # vingt-trois, dix-sept
            if not ok or self.prev == "zero":
                return False
            self.current = current + v
        elif word in _HUNDREDS:
            if current >= 100 or (current and self.prev in _HUNDREDS):
                return False
            self.current = (current or 1) * 100
        else:
            big = _big(word, self.english)
            if big is None or (self.last_big and big >= self.last_big):
                return False
            if word.endswith("s") and current < 2:
                return False  # « millions » alone is « des millions », not one million
            self.total += (current or 1) * big
            self.current = 0
            self.last_big = big
        self.prev = word
        self.tokens += 1
        return True


class _Parser:
    """One parse of a folded wording. Matching runs on `low` (no accents, lower case); `s` keeps the
    case for « M » (million) versus « m » (metre) and Roman numerals, `key` the accents for nouns."""

    __slots__ = ("approximate", "end", "english", "key", "low", "s", "tol")

    def __init__(self, key: str, approximate: bool, tol: Tolerances, lang: str) -> None:
        s = key if key.isascii() else strip_accents(key)
        self.s = s
        self.key = key if len(key) == len(s) else s
        self.low = _lower(s)
        self.end = len(s)
        self.approximate = approximate
        self.tol = tol
        self.english = lang.lower().startswith("en")

    def parse(self) -> QuantityValue | None:
        low = self.low
        qual: int | None = None
        m = _SUFFIX_RE.search(low)
        if m is not None:
            qual = _GE if m.group("plus") else _SUFFIXES[m.group("q")]
            self.end = m.start()
        pos = 0
        m = _DETERMINER_RE.match(low, 0, self.end)
        if m is not None:
            pos = m.end()
        m = _PREFIX_RE.match(low, pos, self.end)
        if m is not None:
            if qual is not None:
                return None  # « plus de 15 000 environ »: two qualifiers, no single reading
            qual = _PREFIXES[m.group("q")]
            pos = m.end()

        ordinal = self._ordinal(pos)
        if ordinal is not None:
            value, pos = ordinal
            noun = self._noun(pos)
            if qual is not None or noun is None:
                return None
            return QuantityValue(value, value, ordinal=True, noun=noun or None, text=self.key)

        unit, pos = self._currency_prefix(pos)
        a1 = self._amount(pos)
        if a1 is None:
            return None
        u1, pos = self._unit(a1.end)
        unit, ok = _merge_units(unit, u1)
        a2 = None
        if qual is None or qual in _RANGES or qual == _APPROX:
            connector = (
                _CONNECTOR_AND_RE if qual == _RANGE_AND
                else _CONNECTOR_TO_RE if qual == _RANGE_TO
                else _CONNECTOR_BARE_RE
            ).match(low, pos, self.end)  # fmt: skip
            if connector is not None:
                u0, p2 = self._currency_prefix(connector.end())
                a2 = self._amount(p2)
                if a2 is not None:
                    u2, pos = self._unit(a2.end)
                    unit, ok2 = _merge_units(unit, u0)
                    unit, ok3 = _merge_units(unit, u2)
                    ok = ok and ok2 and ok3
        if not ok or (qual in _RANGES and a2 is None):
            return None
        noun = self._noun(pos)
        if noun is None:
            return None

        lo, hi, hi_open, vague = a1.lo, a1.hi, a1.hi_open, a1.vague
        if a2 is not None:
            lo, hi, hi_open, vague = _span(a1, a2)
        if self.approximate and qual not in _APPROXIMATORS and not vague:
            t = _frac(self.tol.approximate)
            lo = min(lo * (1 - t), lo * (1 + t))
            if hi is not None:
                hi = max(hi * (1 - t), hi * (1 + t))
        signed = lo < 0 or (unit is not None and unit in _SIGNED_UNITS)
        bounds = _qualify(qual, lo, hi, hi_open, self.tol, signed)
        if bounds is None:
            return None
        blo, blo_open, bhi, bhi_open = bounds
        return QuantityValue(
            None if blo is None else float(blo),
            None if bhi is None else float(bhi),
            blo_open,
            bhi_open,
            unit=unit,
            noun=noun or None,
            text=self.key,
        )

    def _ordinal(self, pos: int) -> tuple[int, int] | None:
        low, end = self.low, self.end
        m = _ORDINAL_DIGITS_RE.match(low, pos, end)
        if m is not None:
            return int(m.group("n")), m.end()
        m = _ORDINAL_ROMAN_RE.match(low, pos, end)
        if m is not None:
            roman = self.s[m.start("r") : m.end("r")]
            # Upper case only, and no lone L, C, D or M: « ce », « Le », « De » are words.
            if roman.isupper() and (len(roman) > 1 or roman in "IVX") and _ROMAN_VALID_RE.fullmatch(roman):
                return _roman_value(roman), m.end()
        m = _ORDINAL_WORDS_RE.match(low, pos, end)
        if m is not None:
            words = re.split(r"[\s-]+", low[m.start() : m.start("ord")])
            words = [w for w in words if w and w not in ("et", "and")]
            words.append(_ORDINAL_WORDS[m.group("ord")])
            total = _WordSum(self.english)
            if all(total.feed(w) for w in words):
                return total.value, m.end()
        return None

    def _amount(self, pos: int) -> _Amount | None:
        low, end = self.low, self.end
        m = _DIGITS_RE.match(low, pos, end)
        if m is not None:
            value = _digits_value(m)
            if value is None:
                return None
            p, scale = m.end(), 1
            sm = _SCALE_RE.match(low, p, end)
            # Lower-case « m » after a number is metres; only « M » is million.
            if sm is not None and (sm.group("scale") != "m" or self.s[sm.start("scale")] == "M"):
                word = sm.group("scale")
                scale = _SCALES.get(word) or _big(word, self.english) or 1
                p = sm.end()
            total = value * scale
            return _Amount(total, total, False, False, p, value, scale)

        m = _SEVERAL_RE.match(low, pos, end)
        if m is not None:
            magnitude = self._magnitude(m.group("mag")) * self._chain(m.group("chain"))
            return self._several(magnitude, m.end())
        m = _SEVERAL_BARE_RE.match(low, pos, end)
        if m is not None:
            return self._several(1, m.end())
        m = _COLLECTIVE_RE.match(low, pos, end)
        if m is not None:
            centre = _COLLECTIVES[m.group("c")] * self._chain(m.group("chain"))
            lo, hi = _widen(Fraction(centre), Fraction(centre), _frac(self.tol.collective))
            return _Amount(lo, hi, False, True, m.end(), Fraction(centre), 1)
        return self._words(pos)

    def _words(self, pos: int) -> _Amount | None:
        low, end = self.low, self.end
        total = _WordSum(self.english)
        p = pos
        article = _ARTICLE_RE.match(low, pos, end)
        if article is not None:
            total.current, p = 1, article.end()
        last = p if article is None else -1
        while True:
            m = _CARD_TOKEN_RE.match(low, p, end)
            if m is None or (total.tokens == 0 and m.group("sep")) or not total.feed(m.group("w")):
                break
            p = last = m.end()
        if last < 0 or total.tokens == 0:
            return None
        value = Fraction(total.value)
        return _Amount(value, value, False, False, last, value, 1)

    def _several(self, magnitude: int, end: int) -> _Amount:
        tol = self.tol
        lo = _frac(float(tol.several_low)) * magnitude
        hi = None if tol.several_high is None else _frac(float(tol.several_high)) * magnitude
        return _Amount(lo, hi, hi is not None, True, end, lo, 1)

    def _magnitude(self, word: str) -> int:
        return _MAGNITUDES.get(word) or _big(word, self.english) or 1

    def _chain(self, chain: str) -> int:
        factor = 1
        for word in _CHAIN_WORD_RE.findall(chain):
            factor *= self._magnitude(word)
        return factor

    def _unit(self, pos: int) -> tuple[str | None, int]:
        m = _UNIT_RE.match(self.low, pos, self.end)
        if m is None:
            return None, pos
        return _UNITS[m.group("u")], m.end()

    def _currency_prefix(self, pos: int) -> tuple[str | None, int]:
        m = _CURRENCY_PREFIX_RE.match(self.low, pos, self.end)
        if m is None:
            return None, pos
        return _UNITS[m.group("u")], m.end()

    def _noun(self, pos: int) -> str | None:
        """The rest of the wording as a noun; "" when there is none, None when it is not a noun."""
        low = self.low
        while pos < self.end and low[pos] == " ":
            pos += 1
        if pos >= self.end:
            return ""
        if _NOUN_BAD_LEAD_RE.match(low, pos, self.end):
            return None
        m = _NOUN_LEAD_RE.match(low, pos, self.end)
        if m is not None:
            pos = m.end()
        rest = self.key[pos : self.end].strip()
        # A second number in the rest (« 23 morts et 37 blessés ») is more than one quantity.
        if not rest or not rest[0].isalpha() or _HAS_DIGIT_RE.search(rest):
            return None
        return rest


def _digits_value(m: re.Match[str]) -> Fraction | None:
    grouped = m.group("g")
    if grouped is None:
        whole, frac = m.group("i"), m.group("f") or ""
    else:
        sep, dsep = m.group("sep"), m.group("gd")
        if dsep == sep:
            return None  # « 1,080,5 »
        groups = grouped.split(sep)
        head = groups[0]
        if head == "0" and len(groups) == 2 and sep in ".," and dsep is None:
            whole, frac = "0", groups[1]  # « 0,080 »: nobody groups the thousands of zero
        elif head.startswith("0"):
            return None
        else:
            whole, frac = "".join(groups), m.group("gf") or ""
    value = Fraction(int(whole + frac), 10 ** len(frac))
    return -value if m.group("sign") == "-" else value


def _roman_value(roman: str) -> int:
    total = 0
    for a, b in zip(roman, roman[1:] + " ", strict=True):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


def _merge_units(a: str | None, b: str | None) -> tuple[str | None, bool]:
    if a is None or b is None or a == b:
        return a or b, True
    return None, False


def _span(a1: _Amount, a2: _Amount) -> tuple[Fraction, Fraction | None, bool, bool]:
    """The hull of a range's two ends, sharing one scale word (« entre 2 et 3 millions »)."""
    lo1, hi1 = a1.lo, a1.hi
    shares_scale = a1.scale == 1 and a2.scale != 1 and not a1.vague and not a2.vague
    if shares_scale and a1.numeral <= a2.numeral:
        lo1 = hi1 = a1.numeral * a2.scale
    vague = a1.vague or a2.vague
    lo = min(lo1, a2.lo)  # « entre 20 et 10 » is the same range
    if hi1 is None or a2.hi is None:
        return lo, None, False, vague
    if hi1 != a2.hi:
        return (lo, hi1, a1.hi_open, vague) if hi1 > a2.hi else (lo, a2.hi, a2.hi_open, vague)
    return lo, hi1, a1.hi_open and a2.hi_open, vague


def _qualify(
    qual: int | None,
    lo: Fraction,
    hi: Fraction | None,
    hi_open: bool,
    tol: Tolerances,
    signed: bool,
) -> tuple[Fraction | None, bool, Fraction | None, bool] | None:
    """Apply a qualifier to the stated interval [lo, hi]: (low, low_open, high, high_open)."""
    if qual is None or qual in _RANGES:
        return lo, False, hi, hi_open
    if qual == _APPROX:
        t = _frac(tol.approximate)
        new_lo = min(lo * (1 - t), lo * (1 + t))
        new_hi = None if hi is None else max(hi * (1 - t), hi * (1 + t))
        return new_lo, False, new_hi, hi_open
    if qual == _NEARLY:
        t = _frac(tol.nearly)
        # Towards zero: « près de 100 » is [90, 100], « près de -100 » is [-100, -90].
        new_hi = None if hi is None else max(hi, hi * (1 - t))
        return min(lo, lo * (1 - t)), False, new_hi, hi_open
    if qual == _JUST_UNDER:
        if lo < 0 or hi is None:
            return None
        return lo * (1 - _frac(tol.nearly)), False, hi, True
    if qual == _JUST_OVER:
        if lo < 0:
            return None
        return lo, True, None if hi is None else hi * (1 + _frac(tol.nearly)), hi_open
    if qual == _GT:
        return lo, True, None, False
    if qual == _GE:
        return lo, False, None, False
    if qual in (_LT, _LE):
        if hi is None:
            return None  # « moins de plusieurs centaines » with no upper limit configured
        strict = qual == _LT or hi_open
        floor_ok = not signed and (hi > 0 if strict else hi >= 0)
        return (Fraction(0) if floor_ok else None), False, hi, strict
    raise AssertionError(qual)
