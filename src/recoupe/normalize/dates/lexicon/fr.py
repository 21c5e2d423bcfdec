"""French date words (folded: lower case, no accents)."""

from __future__ import annotations

from typing import Final

from recoupe.normalize.dates.lexicon.model import DateLexicon

_MONTHS: Final = {
    "janvier": 1, "janv": 1,
    "fevrier": 2, "fevr": 2, "fev": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "aout": 8,
    "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}  # fmt: skip
# The abbreviations are left out on purpose: « mar » would clash with English March.
_WEEKDAYS: Final = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}  # fmt: skip
_ORDINALS: Final = {
    "premier": 1, "1er": 1, "1re": 1, "1ere": 1,
    "deuxieme": 2, "second": 2, "seconde": 2, "2e": 2, "2eme": 2,
    "troisieme": 3, "3e": 3, "3eme": 3,
    "quatrieme": 4, "4e": 4, "4eme": 4,
    "dernier": -1, "derniere": -1,
}  # fmt: skip
_FILLERS: Final = frozenset(
    ("le", "la", "les", "l'", "d'", "de", "du", "en", "au", "aux", "dans", "a", "date", "cours",
     "courant", "lors", "pendant", "durant")
)  # fmt: skip
_RELATIVE: Final = {
    "aujourd'hui": ("day", 0), "ce jour": ("day", 0),
    "ce matin": ("day", 0), "ce midi": ("day", 0), "ce soir": ("day", 0), "cet apres-midi": ("day", 0),
    "cette apres-midi": ("day", 0),
    "hier": ("day", -1),
    "demain": ("day", 1),
    "avant-hier": ("day", -2), "avant hier": ("day", -2),
    "apres-demain": ("day", 2), "apres demain": ("day", 2),
    "cette nuit": ("night", 0),
    "cette semaine": ("week", 0),
    "semaine derniere": ("week", -1), "semaine passee": ("week", -1),
    "semaine prochaine": ("week", 1),
    "ce week-end": ("weekend", 0), "ce weekend": ("weekend", 0),
    "week-end dernier": ("weekend", -1), "weekend dernier": ("weekend", -1),
    "week-end prochain": ("weekend", 1),
    "ce mois": ("month", 0),
    "mois dernier": ("month", -1), "mois passe": ("month", -1),
    "mois prochain": ("month", 1),
    "ce trimestre": ("quarter", 0),
    "trimestre dernier": ("quarter", -1), "dernier trimestre": ("quarter", -1),
    "trimestre prochain": ("quarter", 1),
    "ce semestre": ("half", 0), "semestre dernier": ("half", -1), "dernier semestre": ("half", -1),
    "cette annee": ("year", 0),
    "an dernier": ("year", -1), "annee derniere": ("year", -1), "an passe": ("year", -1),
    "annee passee": ("year", -1),
    "an prochain": ("year", 1), "annee prochaine": ("year", 1),
    "debut semaine": ("week_start", 0), "debut cette semaine": ("week_start", 0),
    "debut semaine derniere": ("week_start", -1), "debut semaine passee": ("week_start", -1),
    "debut semaine prochaine": ("week_start", 1),
    "fin semaine": ("week_end", 0), "fin cette semaine": ("week_end", 0),
    "fin semaine derniere": ("week_end", -1), "fin semaine passee": ("week_end", -1),
    "fin semaine prochaine": ("week_end", 1),
}  # fmt: skip
_NUMBERS: Final = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
}  # fmt: skip
_UNITS: Final = {
    "jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month",
    "an": "year", "ans": "year", "annee": "year", "annees": "year",
}  # fmt: skip
_MODIFIERS: Final = {
    "dernier": ("last", 0), "derniere": ("last", 0), "passe": ("last", 0), "passee": ("last", 0),
    "prochain": ("next", 0), "prochaine": ("next", 0), "qui vient": ("next", 0),
    "ce": ("this", 0), "cet": ("this", 0), "cette": ("this", 0),
    "cette annee": ("year", 0),
    "an dernier": ("year", -1), "annee derniere": ("year", -1), "an passe": ("year", -1),
    "annee passee": ("year", -1),
    "an prochain": ("year", 1), "annee prochaine": ("year", 1),
}  # fmt: skip
# « à partir du », « à compter du », « dès », « d'ici »: the « à », « du » and « d' » are fillers.
_OPEN: Final = {
    "partir": ("from", "forward"), "compter": ("from", "forward"), "des": ("from", "forward"),
    "depuis": ("from", "past"),
    "apres": ("after", "forward"),
    "avant": ("before", "forward"),
    "jusqu'": ("until", "forward"), "ici": ("until", "forward"),
}  # fmt: skip

LEXICON: Final = DateLexicon(
    language="fr",
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    ordinals=_ORDINALS,
    first_day=("premier",),
    day_suffixes=("er", "re", "ere", "eme", "e"),
    detached_day_suffixes=("er", "re", "ere"),
    elisions=("l", "d", "qu", "jusqu"),
    hyphen_prefixes=("mi",),
    dropped_suffixes=("-ci",),
    fillers=_FILLERS,
    relative=_RELATIVE,
    modifiers=_MODIFIERS,
    before=("ce", "cet"),
    after_weekday=("dernier", "derniere", "passe", "prochain", "prochaine", "qui vient"),
    month_nouns=("mois",),
    year_nouns=("annee", "an", "exercice"),
    period_units={"trimestre": 3, "semestre": 6},
    period_codes={"t": 3, "s": 6},
    open=_OPEN,
    vague=("debut", "fin", "mi", "milieu"),
    times_of_day=("matin", "soir", "apres-midi", "midi", "nuit", "soiree"),
    local_time=("heure locale",),
    # the cleaner has dropped « de » / « d' » by then: « vient d'être confiée » reads "vient etre confiee"
    recent=("vient", "viennent", "venait", "venaient", "tout recemment", "recemment", "dernierement"),
    numbers=_NUMBERS,
    units=_UNITS,
    ago_before=("il y", "voici", "voila"),
)
