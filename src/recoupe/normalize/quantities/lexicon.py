"""Quantity words, French and English (accent-free, lower case): numbers, ordinals, scales, collectives, units."""

from __future__ import annotations

from typing import Final

# Units whose values can be negative: « moins de 5 °C » does not start at 0.
SIGNED_UNITS: Final = frozenset({"°C", "°F"})

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
SMALL: Final[dict[str, int]] = {**_FR_SMALL, **_EN_SMALL}
HUNDREDS: Final = frozenset({"cent", "cents", "hundred"})
# Big multipliers; "billion" and "trillion" are filled in per language by big_multiplier().
_BIG_FIXED: Final[dict[str, int]] = {
    "mille": 10**3, "thousand": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9,
    "milliards": 10**9,
}  # fmt: skip
BIG_LANG: Final = ("billion", "billions", "trillion", "trillions")
CARDINAL_WORDS: Final = frozenset(SMALL) | HUNDREDS | frozenset(_BIG_FIXED) | frozenset(BIG_LANG)


def big_multiplier(word: str, english: bool) -> int | None:
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


ORDINAL_WORDS: Final[dict[str, str]] = {**_french_ordinals(), **_english_ordinals()}

ROMAN: Final[dict[str, int]] = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

SCALES: Final[dict[str, int]] = {
    "mille": 10**3, "thousand": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6,
    "m": 10**6, "mln": 10**6, "mlns": 10**6, "milliard": 10**9, "milliards": 10**9, "md": 10**9,
    "mds": 10**9, "mrd": 10**9, "mrds": 10**9, "bn": 10**9,
}  # fmt: skip

COLLECTIVES: Final[dict[str, int]] = {
    "huitaine": 8, "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20,
    "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "millier": 1000, "dozen": 12, "score": 20,
}  # fmt: skip
# Plural magnitudes: « des centaines », « hundreds of thousands ». "billions" is per language.
MAGNITUDES: Final[dict[str, int]] = {
    "dizaines": 10, "douzaines": 12, "vingtaines": 20, "centaines": 100, "milliers": 1000,
    "millions": 10**6, "milliards": 10**9, "tens": 10, "dozens": 12, "scores": 20,
    "hundreds": 100, "thousands": 1000,
}  # fmt: skip

UNITS: Final[dict[str, str]] = {
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
