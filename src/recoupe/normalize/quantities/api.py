"""parse_quantity: a quantity wording, or a number read from YAML, to the interval it allows; and its caches."""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction
from functools import lru_cache

from recoupe.normalize.quantities.approximators import DEFAULT_TOLERANCES, Tolerances, as_fraction, widen
from recoupe.normalize.quantities.folding import fold
from recoupe.normalize.quantities.parser import Parser
from recoupe.normalize.quantities.value import QuantityValue


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
    value = _parse_folded(fold(raw), approximate, tolerances, lang)
    if value is None or value.text == raw:
        return value
    return replace(value, text=raw)


@lru_cache(maxsize=32768)
def _parse_folded(key: str, approximate: bool, tolerances: Tolerances, lang: str) -> QuantityValue | None:
    return Parser(key, approximate, tolerances, lang).parse()


def _from_number(value: Fraction, text: str, approximate: bool, tolerances: Tolerances) -> QuantityValue:
    lo: Fraction = value
    hi: Fraction = value
    if approximate:
        lo, hi = widen(lo, hi, as_fraction(tolerances.approximate))
    return QuantityValue(float(lo), float(hi), text=text)
