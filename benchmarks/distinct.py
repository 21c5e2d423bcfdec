"""Claims whose values are mostly distinct, for timing normalization cold: no cache can help.

The generated corpora repeat a few thousand wordings (99.6 % of term values were cache hits), which
times the caches, not the parsers. Here each claim gets its own wording and publication day, drawn
from the forms press coverage uses, so a value is normalized from scratch nearly every time.
"""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace
from typing import Any

_MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
         "novembre", "décembre")  # fmt: skip
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_NOMBRES = ("deux", "trois", "quatre", "cinq", "six", "dix")
# (slot, wordings of that slot's vocabularies)
_TERMS = (
    ("offence", ("traite des êtres humains", "trafic illicite de migrants", "trafic des êtres humains",
                 "blanchiment d'argent", "human trafficking", "migrant smuggling", "mensenhandel",
                 "الاتجار بالبشر", "trata de personas")),
    ("instrument", ("déclaration d'entente", "mémorandum d'entente", "accord-cadre", "protocole d'accord",
                    "coopération", "overeenkomst", "إعلان نوايا")),
    ("content", ("renforcement des capacités", "formation", "échange d'expériences",
                 "entraide judiciaire en matière pénale")),
)  # fmt: skip
_PLACES = ("au Sahel", "en Méditerranée", "à Agadez", "à Rabat", "in the region", "sur la route atlantique")


def _date(r: random.Random) -> str:
    d, m, y, h = r.randint(1, 28), r.randint(1, 12), r.randint(2000, 2030), r.randint(0, 23)
    form = r.randrange(10)
    if form == 0:
        return f"{d} {_MOIS[m - 1]} {y}"
    if form == 1:
        wd = _JOURS[dt.date(y, m, d).weekday()]
        return f"{wd} {d} {_MOIS[m - 1]} {y}"
    if form == 2:
        return f"du {min(d, 25)} au {min(d, 25) + r.randint(1, 3)} {_MOIS[m - 1]} {y}"
    if form == 3:
        return f"{d:02d}/{m:02d}/{y}"
    if form == 4:
        return f"{_MONTHS[m - 1]} {d}, {y}"
    if form == 5:
        return f"le {d} {_MOIS[m - 1]} {y} à {h}h"
    if form == 6:
        return f"il y a {r.choice(_NOMBRES)} {r.choice(('jours', 'semaines', 'mois'))}"
    if form == 7:
        return f"le {d} {_MOIS[m - 1]}"
    if form == 8:
        return f"{r.choice(_JOURS)} dernier"
    return f"{y}-{m:02d}-{d:02d}"


def _quantity(r: random.Random) -> str:
    n = r.randint(1, 10_000_000)
    form = r.randrange(6)
    if form == 0:
        return f"{n:,}".replace(",", " ")
    if form == 1:
        return f"quelque {n:,}".replace(",", ".")
    if form == 2:
        return f"plus de {n}"
    if form == 3:
        return f"{n / 1e6:.2f} millions".replace(".", ",")
    if form == 4:
        return f"près de {n:,}".replace(",", " ")
    return f"about {n:,}"


def _term(r: random.Random) -> tuple[str, str]:
    slot, wordings = r.choice(_TERMS)
    return slot, f"{r.choice(wordings)} {r.choice(_PLACES)} {r.randint(1, 10**6)}"


def _slotted(slot: str, make: Any) -> Any:
    return lambda r: (slot, make(r))


_MAKERS = {"date": _slotted("date", _date), "quantity": _slotted("quantity:dead", _quantity), "term": _term}


def distinct_claims(n: int, kinds: list[str], seed: int = 0) -> dict[str, list[tuple[Any, Any]]]:
    """(claim, source) pairs per type, shaped as the normalizer reads them, each with its own
    wording and publication day (ten languages tags, so numeric dates are read both ways)."""
    r = random.Random(seed)
    out: dict[str, list[tuple[Any, Any]]] = {}
    langs = ("fr", "fr", "fr", "en", "en-GB", "en-US", "nl", "ar", "es", "de")
    for kind in kinds:
        if kind not in _MAKERS:
            continue
        make = _MAKERS[kind]
        pairs = []
        for _ in range(n):
            published = dt.date(2000, 1, 1) + dt.timedelta(days=r.randrange(11_000))
            source = SimpleNamespace(source=SimpleNamespace(language=r.choice(langs), published=published))
            slot, value = make(r)
            body = SimpleNamespace(value=value, approximate=False, slot=slot)
            pairs.append((SimpleNamespace(claim=body, type=kind, slot=slot), source))
        out[kind] = pairs
    return out
