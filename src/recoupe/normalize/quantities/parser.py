"""The grammar of one quantity wording: qualifiers, one or two amounts, units and the counted noun."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Final

from recoupe.normalize.quantities.approximators import (
    APPROX,
    APPROXIMATORS,
    GE,
    PREFIX_RE,
    PREFIXES,
    RANGE_AND,
    RANGE_TO,
    RANGES,
    SUFFIX_RE,
    SUFFIXES,
    Tolerances,
    as_fraction,
    precise,
    qualify,
    widen,
)
from recoupe.normalize.quantities.folding import lower
from recoupe.normalize.quantities.lexicon import (
    COLLECTIVES,
    MAGNITUDES,
    ORDINAL_WORDS,
    SCALES,
    SIGNED_UNITS,
    UNITS,
    big_multiplier,
)
from recoupe.normalize.quantities.numbers import (
    ARTICLE_RE,
    CARD_ALT,
    CARD_TOKEN_RE,
    CHAIN_WORD_RE,
    COLLECTIVE_RE,
    DIGITS_RE,
    MAG_ALT,
    ORDINAL_DIGITS_RE,
    ORDINAL_ROMAN_RE,
    ORDINAL_WORDS_RE,
    ROMAN_VALID_RE,
    SCALE_RE,
    SEVERAL_BARE_RE,
    SEVERAL_RE,
    Amount,
    WordSum,
    alternation,
    digits_value,
    roman_value,
)
from recoupe.normalize.quantities.value import QuantityValue
from recoupe.textnorm import strip_accents

_DETERMINER_RE: Final = re.compile(r"(?:les|le|la|l'|the)(?:\s+|(?<=')\s*)(?=\S)")

_UNIT_RE: Final = re.compile(rf"\s?(?:(?:de|of)\s|d')?(?P<u>{alternation(UNITS)})(?![a-z0-9])")
_CURRENCY_PREFIX_RE: Final = re.compile(r"(?P<u>us\$|\$|€|£)\s?")
_CONNECTOR_AND_RE: Final = re.compile(r"\s(?:et|and)\s|\s?-\s?")
_CONNECTOR_TO_RE: Final = re.compile(r"\s(?:a|au|to|jusqu'a)\s|\s?-\s?")
_CONNECTOR_BARE_RE: Final = re.compile(r"\s(?:a|to)\s|\s?-\s?")
_NOUN_LEAD_RE: Final = re.compile(r"(?:de|des|du|of)\s|d'")
# A rest that starts like a second term (« deux et trois », « 10 à »), a number word the grammar
# did not take (« mille milliards », « un demi-million ») or an indefinite amount (« un nombre
# indéterminé », « une poignée », « a handful »: not one of anything) is not a noun.
_INDEFINITE = (
    "nombre", "grand nombre", "certain nombre", "poignee", "multitude", "quantite", "foule", "serie",
    "number", "handful", "lot", "lots", "host", "bunch", "great many",
)  # fmt: skip
_NOUN_BAD_LEAD_RE: Final = re.compile(
    rf"(?:et|ou|and|or|a|to|jusqu'a|demi|half|{'|'.join(_INDEFINITE)}|{CARD_ALT}|{MAG_ALT})(?![a-z])|-"
)
_HAS_DIGIT_RE: Final = re.compile(r"\d")


class Parser:
    """One parse of a folded wording. Matching runs on `low` (no accents, lower case); `s` keeps the
    case for « M » (million) versus « m » (metre) and Roman numerals, `key` the accents for nouns."""

    __slots__ = ("approximate", "end", "english", "key", "low", "s", "tol")

    def __init__(self, key: str, approximate: bool, tol: Tolerances, lang: str) -> None:
        s = key if key.isascii() else strip_accents(key)
        self.s = s
        self.key = key if len(key) == len(s) else s
        self.low = lower(s)
        self.end = len(s)
        self.approximate = approximate
        self.tol = tol
        self.english = lang.lower().startswith("en")

    def parse(self) -> QuantityValue | None:
        low = self.low
        qual: int | None = None
        m = SUFFIX_RE.search(low)
        if m is not None:
            qual = GE if m.group("plus") else SUFFIXES[m.group("q")]
            self.end = m.start()
        pos = 0
        m = _DETERMINER_RE.match(low, 0, self.end)
        if m is not None:
            pos = m.end()
        m = PREFIX_RE.match(low, pos, self.end)
        if m is not None:
            if qual is not None:
                return None  # « plus de 15 000 environ »: two qualifiers, no single reading
            qual = PREFIXES[m.group("q")]
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
        if qual is None or qual in RANGES or qual == APPROX:
            connector = (
                _CONNECTOR_AND_RE if qual == RANGE_AND
                else _CONNECTOR_TO_RE if qual == RANGE_TO
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
        if not ok or (qual in RANGES and a2 is None):
            return None
        noun = self._noun(pos)
        if noun is None:
            return None

        lo, hi, hi_open, vague = a1.lo, a1.hi, a1.hi_open, a1.vague
        if a2 is not None:
            lo, hi, hi_open, vague = _span(a1, a2)
        elif qual is None and a1.step and not self.approximate:
            # a bare rounded number covers what rounds or truncates to it (qualifiers keep the
            # number as written: « plus de 2 millions » is above 2,000,000, not above 1,500,000)
            lo, hi, hi_open = precise(a1.lo, a1.step, self.tol.precision)
        if self.approximate and qual not in APPROXIMATORS and not vague:
            t = as_fraction(self.tol.approximate)
            lo = min(lo * (1 - t), lo * (1 + t))
            if hi is not None:
                hi = max(hi * (1 - t), hi * (1 + t))
        signed = lo < 0 or (unit is not None and unit in SIGNED_UNITS)
        bounds = qualify(qual, lo, hi, hi_open, self.tol, signed)
        if bounds is None:
            return None
        blo, blo_open, bhi, bhi_open = bounds
        if blo is not None and bhi is not None and (blo > bhi or (blo == bhi and (blo_open or bhi_open))):
            return None  # « un peu moins de 0 » of a count: no number fits it
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
        m = ORDINAL_DIGITS_RE.match(low, pos, end)
        if m is not None:
            return int(m.group("n")), m.end()
        m = ORDINAL_ROMAN_RE.match(low, pos, end)
        if m is not None:
            roman = self.s[m.start("r") : m.end("r")]
            # Upper case only, and no lone L, C, D or M: « ce », « Le », « De » are words.
            if roman.isupper() and (len(roman) > 1 or roman in "IVX") and ROMAN_VALID_RE.fullmatch(roman):
                return roman_value(roman), m.end()
        m = ORDINAL_WORDS_RE.match(low, pos, end)
        if m is not None:
            words = re.split(r"[\s-]+", low[m.start() : m.start("ord")])
            words = [w for w in words if w and w not in ("et", "and")]
            words.append(ORDINAL_WORDS[m.group("ord")])
            total = WordSum(self.english)
            if all(total.feed(w) for w in words):
                return total.value, m.end()
        return None

    def _amount(self, pos: int) -> Amount | None:
        low, end = self.low, self.end
        m = DIGITS_RE.match(low, pos, end)
        if m is not None:
            p, scale = m.end(), 1
            sm = SCALE_RE.match(low, p, end)
            # Lower-case « m » after a number is metres; only « M » is million.
            if sm is not None and not (sm.group("scale") != "m" or self.s[sm.start("scale")] == "M"):
                sm = None
            read = digits_value(m, before_scale=sm is not None)
            if read is None:
                return None
            value, decimals = read
            if sm is not None:
                word = sm.group("scale")
                scale = SCALES.get(word) or big_multiplier(word, self.english) or 1
                p = sm.end()
            total = value * scale
            # the last digit's worth: a scale word or decimals say the number is rounded
            step = Fraction(scale, 10**decimals) if (decimals or scale > 1) else Fraction(0)
            return Amount(total, total, False, False, p, value, scale, step)

        m = SEVERAL_RE.match(low, pos, end)
        if m is not None:
            magnitude = self._magnitude(m.group("mag")) * self._chain(m.group("chain"))
            return self._several(magnitude, m.end())
        m = SEVERAL_BARE_RE.match(low, pos, end)
        if m is not None:
            return self._several(1, m.end())
        m = COLLECTIVE_RE.match(low, pos, end)
        if m is not None:
            centre = COLLECTIVES[m.group("c")] * self._chain(m.group("chain"))
            lo, hi = widen(Fraction(centre), Fraction(centre), as_fraction(self.tol.collective))
            return Amount(lo, hi, False, True, m.end(), Fraction(centre), 1)
        return self._words(pos)

    def _words(self, pos: int) -> Amount | None:
        low, end = self.low, self.end
        total = WordSum(self.english)
        p = pos
        article = ARTICLE_RE.match(low, pos, end)
        if article is not None:
            total.current, p = 1, article.end()
        last = p if article is None else -1
        while True:
            m = CARD_TOKEN_RE.match(low, p, end)
            if m is None or (total.tokens == 0 and m.group("sep")) or not total.feed(m.group("w")):
                break
            p = last = m.end()
        if last < 0 or total.tokens == 0:
            return None
        value = Fraction(total.value)
        return Amount(value, value, False, False, last, value, 1)

    def _several(self, magnitude: int, end: int) -> Amount:
        tol = self.tol
        lo = as_fraction(float(tol.several_low)) * magnitude
        hi = None if tol.several_high is None else as_fraction(float(tol.several_high)) * magnitude
        return Amount(lo, hi, hi is not None, True, end, lo, 1)

    def _magnitude(self, word: str) -> int:
        return MAGNITUDES.get(word) or big_multiplier(word, self.english) or 1

    def _chain(self, chain: str) -> int:
        factor = 1
        for word in CHAIN_WORD_RE.findall(chain):
            factor *= self._magnitude(word)
        return factor

    def _unit(self, pos: int) -> tuple[str | None, int]:
        m = _UNIT_RE.match(self.low, pos, self.end)
        if m is None:
            return None, pos
        return UNITS[m.group("u")], m.end()

    def _currency_prefix(self, pos: int) -> tuple[str | None, int]:
        m = _CURRENCY_PREFIX_RE.match(self.low, pos, self.end)
        if m is None:
            return None, pos
        return UNITS[m.group("u")], m.end()

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


def _merge_units(a: str | None, b: str | None) -> tuple[str | None, bool]:
    if a is None or b is None or a == b:
        return a or b, True
    return None, False


def _span(a1: Amount, a2: Amount) -> tuple[Fraction, Fraction | None, bool, bool]:
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
