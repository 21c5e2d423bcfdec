"""Number parsing: digits and their separators, number words, Roman numerals, and the patterns that find them.

Number formats, and how ambiguous separators are read
------------------------------------------------------
- Digits with grouped thousands: « 15 000 » (space, U+00A0 or U+202F), « 15.000 » (French),
  « 15,000 » (English), « 15'000 »; a decimal part may follow with the other separator:
  « 1.080.000,50 », « 1,080,000.50 ».
- One separator followed by exactly three digits is a thousands separator, in both languages:
  « 1,080 » and « 1.080 » are 1080. Claims quote press wording, where « 15.000 » (French) and
  « 15,000 » (English) are far more common than a decimal with three places.
  Exceptions: a leading « 0 » makes it decimal (« 0,080 » is 0.08), and so do more than three
  digits before the separator (« 1234,567 ») and a scale word after it (« 1,089 million » is
  1,089,000).
- Precision: a number keeps the precision it is written with. « 1,08 million » is written to the
  10,000 and covers every count that rounds or truncates to it, [1,075,000, 1,090,000); « 23,5 » covers
  [23.45, 23.6). An integer written in full (« 1 089 000 », « 15.000 ») is exact. See
  `Tolerances.precision`.
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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from typing import Final, NamedTuple

from recoupe.normalize.quantities.lexicon import (
    BIG_LANG,
    CARDINAL_WORDS,
    COLLECTIVES,
    HUNDREDS,
    MAGNITUDES,
    ORDINAL_WORDS,
    ROMAN,
    SCALES,
    SMALL,
    big_multiplier,
)


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_SEP: Final = r"(?:[\s-]+(?:et|and)[\s-]+|[\s-]+)"
CARD_ALT: Final = alternation(CARDINAL_WORDS)
CARD_TOKEN_RE: Final = re.compile(rf"(?P<sep>{_WORD_SEP}?)(?P<w>{CARD_ALT})(?![a-z])")
ARTICLE_RE: Final = re.compile(r"an? (?=(?:hundred|thousand|million|billion|trillion)(?![a-z]))")
ORDINAL_WORDS_RE: Final = re.compile(
    rf"(?:(?:{CARD_ALT}){_WORD_SEP})*(?P<ord>{alternation(ORDINAL_WORDS)})(?![a-z])"
)
ORDINAL_DIGITS_RE: Final = re.compile(
    r"(?P<n>\d+)(?:\s?(?:ieme|eme)|er|ere|re|em|e|nde|nd|st|rd|th)(?![a-z0-9])"
)
ORDINAL_ROMAN_RE: Final = re.compile(r"(?P<r>[ivxlcdm]+)(?:ieme|eme|ere|er|re|e)(?![a-z0-9])")
ROMAN_VALID_RE: Final = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")

# Grouped thousands first, so « 1.080 » reads as 1080 and « 1,08 » falls through to a decimal.
DIGITS_RE: Final = re.compile(
    r"(?P<sign>[-+])?"
    r"(?:(?P<g>\d{1,3}(?P<sep>[ .,'])\d{3}(?:(?P=sep)\d{3})*)(?:(?P<gd>[.,])(?P<gf>\d+))?"
    r"|(?P<i>\d+)(?:[.,](?P<f>\d+))?)"
    r"(?![\d])"
)

SCALE_RE: Final = re.compile(rf"\s?(?P<scale>{alternation([*SCALES, *BIG_LANG])})(?![a-z0-9])")

MAG_ALT: Final = alternation([*MAGNITUDES, "billions"])
_MAG_CHAIN: Final = rf"(?P<chain>(?:\s(?:de\s|d'|of\s)(?:{MAG_ALT})(?![a-z]))*)"
SEVERAL_RE: Final = re.compile(
    rf"(?:(?:des|plusieurs|quelques|several|a few|few)\s)?(?P<mag>{MAG_ALT})(?![a-z]){_MAG_CHAIN}"
)
SEVERAL_BARE_RE: Final = re.compile(r"(?:plusieurs|quelques|several|a few)(?![a-z])(?!\s?\d)")
COLLECTIVE_RE: Final = re.compile(
    rf"(?:(?:une|un|an|a)\s)?(?P<c>{alternation(COLLECTIVES)})(?![a-z]){_MAG_CHAIN}"
)
CHAIN_WORD_RE: Final = re.compile(MAG_ALT)


class Amount(NamedTuple):
    """One stated number, before qualifiers: [lo, hi] (hi may be open or unbounded)."""

    lo: Fraction
    hi: Fraction | None
    hi_open: bool
    vague: bool  # already approximate by its own words (« une quinzaine », « des milliers »)
    end: int
    numeral: Fraction  # the number before its scale word, to share one scale across a range
    scale: int
    # the worth of the last digit written, when it says the number is rounded: « 1,08 million » is
    # written to the 10,000, « 23,5 » to the tenth; 0 for an integer written in full (exact)
    step: Fraction = Fraction(0)


class WordSum:
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
        if word in SMALL:
            v = SMALL[word]
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
        elif word in HUNDREDS:
            if current >= 100 or (current and self.prev in HUNDREDS):
                return False
            self.current = (current or 1) * 100
        else:
            big = big_multiplier(word, self.english)
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


def digits_value(m: re.Match[str], before_scale: bool = False) -> tuple[Fraction, int] | None:
    """The number the digits write, and how many decimals they give (its precision).

    Before a scale word a lone « , » or « . » and three digits is a decimal mark: « 1,089 million »
    is 1.089 million, not 1,089 millions."""
    grouped = m.group("g")
    if grouped is None:
        whole, frac = m.group("i"), m.group("f") or ""
    else:
        sep, dsep = m.group("sep"), m.group("gd")
        if dsep == sep:
            return None  # « 1,080,5 »
        groups = grouped.split(sep)
        head = groups[0]
        if len(groups) == 2 and sep in ".," and dsep is None and (head == "0" or before_scale):
            whole, frac = head, groups[1]  # « 0,080 »: nobody groups the thousands of zero
        elif head.startswith("0"):
            return None
        else:
            whole, frac = "".join(groups), m.group("gf") or ""
    value = Fraction(int(whole + frac), 10 ** len(frac))
    return (-value if m.group("sign") == "-" else value), len(frac)


def roman_value(roman: str) -> int:
    total = 0
    for a, b in zip(roman, roman[1:] + " ", strict=True):
        v = ROMAN[a]
        total += -v if b != " " and ROMAN[b] > v else v
    return total
