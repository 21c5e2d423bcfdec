"""Synthetic corpus generator for recoupe benchmarks: events, sources, pinned texts and claims (YAML and JSON Lines).

    python benchmarks/generate.py --events N --sources-per-event S --claims M --out DIR [--format yaml|jsonl|both] [--seed 0]

Writes exactly M claims in total, spread over N events of S sources each:

- YAML:  DIR/yaml/<event>/event.yaml, DIR/yaml/<event>/<source>.txt and DIR/yaml/<event>/<source>.yaml
- JSONL: DIR/claims.jsonl (per event: one event record, its source records, then its claims) with the
  texts under DIR/texts/<source>.txt

Every text is assembled from the very sentences the claims quote, so each quote occurs in its text
exactly once (after recoupe's typographic folding: texts use ’ and narrow no-break spaces where the
quotes use ' and plain spaces, as real claim authors do). Sources of one event state the same
(event, subject, slot) keys, worded to agree, to be less specific, or to contradict each other.

The output is a pure function of the arguments: the same --seed gives byte-identical files.
DIR/manifest.json records the arguments, so the benchmark scripts can reuse a corpus they made before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

# --------------------------------------------------------------------------------------------------
# Word lists. They are small on purpose: a vocabulary index must see the same labels again and
# again (as in real corpora), while the combinations keep values, texts and keys varied.
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # as a value: « Maroc »
    the: str  # with its article, in running text: « le Maroc »
    capital: str
    other_city: str  # a second city, for places that contradict the capital
    adj: str  # feminine plural adjective: « marocaines »
    en: str
    slug: str


COUNTRIES: tuple[Country, ...] = (
    Country("Maroc", "le Maroc", "Rabat", "Casablanca", "marocaines", "Morocco", "maroc"),
    Country("Niger", "le Niger", "Niamey", "Agadez", "nigériennes", "Niger", "niger"),
    Country("Mali", "le Mali", "Bamako", "Gao", "maliennes", "Mali", "mali"),
    Country("Sénégal", "le Sénégal", "Dakar", "Saint-Louis", "sénégalaises", "Senegal", "senegal"),
    Country(
        "Mauritanie",
        "la Mauritanie",
        "Nouakchott",
        "Nouadhibou",
        "mauritaniennes",
        "Mauritania",
        "mauritanie",
    ),
    Country("Tunisie", "la Tunisie", "Tunis", "Sfax", "tunisiennes", "Tunisia", "tunisie"),
    Country(
        "Côte d'Ivoire",
        "la Côte d'Ivoire",
        "Abidjan",
        "Bouaké",
        "ivoiriennes",
        "Côte d'Ivoire",
        "cote-divoire",
    ),
    Country(
        "Burkina Faso",
        "le Burkina Faso",
        "Ouagadougou",
        "Bobo-Dioulasso",
        "burkinabè",
        "Burkina Faso",
        "burkina",
    ),
    Country("Espagne", "l'Espagne", "Madrid", "Algésiras", "espagnoles", "Spain", "espagne"),
    Country("France", "la France", "Paris", "Marseille", "françaises", "France", "france"),
    Country("Tchad", "le Tchad", "N'Djamena", "Abéché", "tchadiennes", "Chad", "tchad"),
    Country("Guinée", "la Guinée", "Conakry", "Kankan", "guinéennes", "Guinea", "guinee"),
    Country("Bénin", "le Bénin", "Cotonou", "Parakou", "béninoises", "Benin", "benin"),
    Country("Nigeria", "le Nigeria", "Abuja", "Lagos", "nigérianes", "Nigeria", "nigeria"),
    Country("Algérie", "l'Algérie", "Alger", "Oran", "algériennes", "Algeria", "algerie"),
    Country("Gabon", "le Gabon", "Libreville", "Port-Gentil", "gabonaises", "Gabon", "gabon"),
    Country("Cameroun", "le Cameroun", "Yaoundé", "Douala", "camerounaises", "Cameroon", "cameroun"),
)

FIRST_NAMES = (
    "Abdellatif",
    "Moumouni",
    "Hassoumi",
    "Aïcha",
    "Fatoumata",
    "Mamadou",
    "Amina",
    "Youssef",
    "Ousmane",
    "Mariam",
    "Jean-Pierre",
    "Nadia",
    "Khadija",
    "Ibrahim",
    "Souleymane",
    "Nouzha",
    "Adama",
    "Rachid",
    "Hélène",
    "Boubacar",
    "Zineb",
    "Émile",
    "Salamatou",
    "Driss",
)
LAST_NAMES = (
    "Ouahbi",
    "Hamidou",
    "Massaoudou",
    "Diallo",
    "Traoré",
    "Koné",
    "Benali",
    "El Amrani",
    "Sow",
    "Cissé",
    "Kaboré",
    "Belhaj",
    "Bouchareb",
    "Issoufou",
    "Ndiaye",
    "Lahlou",
    "Ouédraogo",
    "Tazi",
    "Mbaye",
    "Keïta",
    "Chraïbi",
    "Sanogo",
    "Idrissi",
    "Zongo",
)
# (title in running text, title used inside an entity value, English)
TITLES = (
    ("le ministre de la Justice", "ministre de la Justice", "the Minister of Justice"),
    ("la ministre des Affaires étrangères", "ministre des Affaires étrangères", "the Foreign Minister"),
    ("le ministre de l'Intérieur", "ministre de l'Intérieur", "the Interior Minister"),
    (
        "le secrétaire d'État chargé des Migrations",
        "secrétaire d'État chargé des Migrations",
        "the State Secretary for Migration",
    ),
    ("l'ambassadeur", "ambassadeur", "the ambassador"),
    ("le procureur général", "procureur général", "the Attorney General"),
)
ROLES = (
    "président de la Commission nationale de coordination de lutte contre la traite des personnes",
    "ministre de la Justice",
    "directeur général de la Sûreté nationale",
    "procureur général près la Cour d'appel",
    "secrétaire permanent du Comité interministériel de lutte contre la traite",
    "chef de la délégation",
    "coordonnateur du programme régional de l'ONUDC",
    "directrice de l'Agence nationale de lutte contre la traite des personnes",
)
BODIES = (
    "grande commission mixte {a}-{b}",
    "Commission nationale de lutte contre la traite des êtres humains",
    "Observatoire régional des migrations",
    "Comité conjoint de suivi {a}-{b}",
    "Agence nationale de lutte contre la traite des personnes",
    "Cellule de coordination de la lutte contre le trafic illicite de migrants",
)
OPERATIONS = ("Sahel", "Atlas", "Sirocco", "Ténéré", "Harmattan", "Méditerranée", "Aïr", "Tassili")
OUTLETS = (
    ("Le360", "le360"),
    ("Hespress", "hespress"),
    ("MAP", "map"),
    ("Le Matin", "lematin"),
    ("Jeune Afrique", "jeuneafrique"),
    ("ActuNiger", "actuniger"),
    ("Le Sahel", "lesahel"),
    ("RFI", "rfi"),
    ("APS", "aps"),
    ("AFP", "afp"),
    ("Médias24", "medias24"),
    ("Aujourd'hui le Maroc", "aujourdhui"),
    ("L'Économiste", "leconomiste"),
    ("Le Soleil", "lesoleil"),
    ("Niamey Info", "niameyinfo"),
    ("Sahel Intelligence", "sahelintel"),
)
OUTLETS_EN = (
    ("Reuters", "reuters"),
    ("Morocco World News", "mwn"),
    ("The North Africa Post", "napost"),
    ("Africanews", "africanews"),
    ("AP", "ap"),
)

# Term concepts: concept -> French labels (label, gender) and English labels. `BROADER` gives the
# less specific wordings and `RIVALS` the contradicting ones, so sources can disagree the ways real
# ones do (« coopération » for « déclaration d'entente »; « trafic illicite de migrants » for « traite »).
Labels = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]
Related = dict[str, tuple[str, ...]]
OFFENCES: dict[str, Labels] = {
    "trafficking": (
        (("traite des êtres humains", "f"), ("traite des personnes", "f"), ("traite d'êtres humains", "f")),
        ("human trafficking", "trafficking in persons", "trafficking in human beings"),
    ),
    "smuggling": (
        (("trafic illicite de migrants", "m"), ("trafic de migrants", "m")),
        ("migrant smuggling", "smuggling of migrants"),
    ),
    "trafficking-or-smuggling": (
        (("trafic des êtres humains", "m"), ("trafic de personnes", "m"), ("trafic humain", "m")),
        ("people trafficking", "human smuggling"),
    ),
    "forced-labour": ((("travail forcé", "m"),), ("forced labour",)),
    "sexual-exploitation": ((("exploitation sexuelle", "f"),), ("sexual exploitation",)),
    "drug-trafficking": ((("trafic de drogue", "m"), ("trafic de stupéfiants", "m")), ("drug trafficking",)),
    "money-laundering": (
        (("blanchiment d'argent", "m"), ("blanchiment de capitaux", "m")),
        ("money laundering",),
    ),
    "terrorism": ((("terrorisme", "m"),), ("terrorism",)),
    "irregular-migration": (
        (("immigration clandestine", "f"), ("migration irrégulière", "f")),
        ("irregular migration",),
    ),
    "organised-crime": (
        (("criminalité transnationale organisée", "f"), ("crime organisé", "m")),
        ("organised crime",),
    ),
}
OFFENCE_TRUTHS = (
    "trafficking",
    "trafficking",
    "trafficking",
    "smuggling",
    "forced-labour",
    "sexual-exploitation",
)
OFFENCE_BROADER: Related = {
    "trafficking": ("trafficking-or-smuggling", "organised-crime"),
    "smuggling": ("trafficking-or-smuggling", "irregular-migration"),
    "forced-labour": ("trafficking", "organised-crime"),
    "sexual-exploitation": ("trafficking",),
    "drug-trafficking": ("organised-crime",),
    "money-laundering": ("organised-crime",),
    "terrorism": ("organised-crime",),
}
OFFENCE_RIVALS: Related = {
    "trafficking": ("smuggling", "irregular-migration", "drug-trafficking"),
    "smuggling": ("trafficking", "drug-trafficking"),
    "forced-labour": ("money-laundering", "smuggling"),
    "sexual-exploitation": ("smuggling", "drug-trafficking"),
    "drug-trafficking": ("trafficking", "terrorism"),
    "money-laundering": ("terrorism", "smuggling"),
    "terrorism": ("money-laundering", "trafficking"),
}
INSTRUMENTS: dict[str, Labels] = {
    "declaration-of-understanding": ((("déclaration d'entente", "f"),), ("declaration of understanding",)),
    "memorandum": (
        (("mémorandum d'entente", "m"), ("protocole d'accord", "m")),
        ("memorandum of understanding", "MoU"),
    ),
    "convention": ((("convention", "f"), ("convention de coopération", "f")), ("convention",)),
    "agreement": ((("accord", "m"), ("accord-cadre", "m")), ("agreement", "framework agreement")),
    "declaration-of-intent": ((("déclaration d'intention", "f"),), ("declaration of intent",)),
    "roadmap": ((("feuille de route", "f"),), ("roadmap",)),
    "action-plan": ((("plan d'action conjoint", "m"),), ("joint action plan",)),
    "cooperation": (
        (("coopération", "f"), ("partenariat", "m"), ("accord de coopération", "m")),
        ("cooperation", "partnership"),
    ),
}
INSTRUMENT_TRUTHS = (
    "declaration-of-understanding",
    "memorandum",
    "convention",
    "agreement",
    "declaration-of-intent",
    "roadmap",
    "action-plan",
)
INSTRUMENT_BROADER: Related = {k: ("cooperation",) for k in INSTRUMENT_TRUTHS}
INSTRUMENT_RIVALS: Related = {
    "declaration-of-understanding": ("convention", "agreement"),
    "memorandum": ("convention", "roadmap"),
    "convention": ("declaration-of-intent", "memorandum"),
    "agreement": ("declaration-of-intent", "roadmap"),
    "declaration-of-intent": ("convention", "agreement"),
    "roadmap": ("convention", "memorandum"),
    "action-plan": ("convention", "declaration-of-understanding"),
}
CONTENTS: dict[str, Labels] = {
    "training": ((("formation", "f"), ("formations", "f")), ("training",)),
    "judicial-training": ((("formation des magistrats", "f"),), ("training of judges",)),
    "capacity-building": (
        (("renforcement des capacités", "m"), ("renforcement des capacités des acteurs", "m")),
        ("capacity building",),
    ),
    "experience-exchange": (
        (("échange d'expériences", "m"), ("partage d'expériences", "m")),
        ("exchange of experience",),
    ),
    "good-practices": ((("échange de bonnes pratiques", "m"),), ("sharing of good practices",)),
    "information-sharing": (
        (("partage d'informations", "m"), ("échange de renseignements", "m")),
        ("information sharing",),
    ),
    "technical-assistance": ((("assistance technique", "f"),), ("technical assistance",)),
    "awareness": ((("sensibilisation", "f"), ("campagnes de sensibilisation", "f")), ("awareness raising",)),
    "victim-protection": (
        (("protection des victimes", "f"), ("prise en charge des victimes", "f")),
        ("victim protection",),
    ),
    "monitoring": ((("suivi", "m"), ("mécanisme de suivi", "m")), ("monitoring",)),
}
CONTENT_TRUTHS = tuple(CONTENTS)
CONTENT_BROADER: Related = {
    "judicial-training": ("training",),
    "good-practices": ("experience-exchange",),
    "training": ("capacity-building",),
}
CONTENT_RIVALS: Related = {}  # contents add up; a different one is a different claim
EVENT_KINDS: dict[str, Labels] = {
    "signing-ceremony": ((("cérémonie de signature", "f"),), ("signing ceremony",)),
    "meeting": ((("réunion", "f"), ("rencontre", "f")), ("meeting",)),
    "official-visit": ((("visite officielle", "f"), ("visite de travail", "f")), ("official visit",)),
    "joint-commission": ((("session de la commission mixte", "f"),), ("joint commission session",)),
    "workshop": ((("atelier", "m"), ("séminaire", "m")), ("workshop",)),
}
EVENT_KIND_TRUTHS = ("signing-ceremony", "meeting", "official-visit", "joint-commission", "workshop")
EVENT_KIND_BROADER: Related = {
    "signing-ceremony": ("meeting",),
    "joint-commission": ("meeting",),
    "workshop": ("meeting",),
}
EVENT_KIND_RIVALS: Related = {
    "signing-ceremony": ("workshop",),
    "meeting": ("official-visit",),
    "official-visit": ("workshop",),
}
TERM_TABLES: dict[str, tuple[dict[str, Labels], Related, Related]] = {
    "offence": (OFFENCES, OFFENCE_BROADER, OFFENCE_RIVALS),
    "instrument": (INSTRUMENTS, INSTRUMENT_BROADER, INSTRUMENT_RIVALS),
    "content": (CONTENTS, CONTENT_BROADER, CONTENT_RIVALS),
    "event-kind": (EVENT_KINDS, EVENT_KIND_BROADER, EVENT_KIND_RIVALS),
}

MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS_FR = ("premier", "deuxième", "troisième", "quatrième")
ORDINALS_EN = ("first", "second", "third", "fourth")
# « une vingtaine » and the like: round numbers said with an approximating noun.
ROUND_NOUNS_FR = {
    10: "une dizaine",
    20: "une vingtaine",
    30: "une trentaine",
    40: "une quarantaine",
    50: "une cinquantaine",
    100: "une centaine",
    1000: "un millier",
}
SMALL_WORDS_FR = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
)
QUANTITY_UNITS = {
    "attempts": ("tentatives de migration clandestine", "attempted irregular crossings", (4000, 30000)),
    "arrested": ("suspects", "suspects", (8, 400)),
    "victims": ("victimes", "victims", (5, 250)),
    "dead": ("morts", "dead", (3, 80)),
    "agreements": ("accords", "agreements", (2, 24)),
    "participants": ("participants", "participants", (20, 600)),
    "migrants": ("migrants", "migrants", (1000, 2_500_000)),
}

# Sentence leads: every claim sentence opens with a lead that no other sentence of its text has,
# and the quote starts with it. Connectives are capitalised and appear nowhere else in a text, so a
# quote can only match at its own sentence: that is what makes "found exactly once" hold by design.
CONNECTIVES_FR = (
    "Par ailleurs",
    "En outre",
    "De son côté",
    "Dans ce cadre",
    "À cette occasion",
    "Dans le même temps",
    "Pour rappel",
    "Au cours de la rencontre",
    "Lors de la cérémonie",
    "Dans son allocution",
    "En marge des travaux",
    "Ce jour-là",
    "Dans la foulée",
    "À ce propos",
    "Sur ce point",
    "Selon toute vraisemblance",
)
ATTRIBUTIONS_FR = (
    "",
    "selon le communiqué conjoint",
    "selon l'agence MAP",
    "d'après une source diplomatique",
    "selon le ministère",
    "d'après les organisateurs",
    "indique-t-on de source officielle",
    "selon un responsable",
    "précise le texte",
    "selon des informations non confirmées",
    "d'après la presse locale",
    "selon le compte rendu officiel",
    "apprend-on",
    "selon un communiqué du gouvernement",
    "d'après des sources concordantes",
)
CONNECTIVES_EN = (
    "Meanwhile",
    "In addition",
    "Separately",
    "At the ceremony",
    "During the meeting",
    "On that occasion",
    "In his speech",
    "Moreover",
    "Furthermore",
    "For its part",
    "In this context",
    "As a reminder",
    "On the sidelines",
    "In parallel",
    "Notably",
    "Likewise",
)
ATTRIBUTIONS_EN = (
    "",
    "according to the joint statement",
    "according to MAP",
    "a diplomatic source said",
    "the ministry said",
    "organisers said",
    "officials said",
    "according to unconfirmed reports",
    "local media reported",
    "according to the official record",
    "the government said",
    "sources said",
    "according to the minutes",
    "an official said",
    "the statement added",
)
HEDGING = {
    "selon des informations non confirmées",
    "according to unconfirmed reports",
    "Selon toute vraisemblance",
}
FILLERS_FR = (
    "Les deux délégations ont salué la qualité des échanges.",
    "Cette initiative s'inscrit dans une dynamique régionale plus large.",
    "Les discussions se sont déroulées dans un climat cordial.",
    "Un calendrier de travail doit être arrêté dans les prochaines semaines.",
    "Les détails de la mise en œuvre n'ont pas été rendus publics.",
    "Il s'agit d'une étape importante pour les deux pays.",
    "Les organisations de la société civile suivent ce dossier de près.",
)
FILLERS_EN = (
    "Both delegations praised the quality of the talks.",
    "The initiative is part of a broader regional effort.",
    "Details of the implementation were not made public.",
    "A work schedule is to be set in the coming weeks.",
)


# --------------------------------------------------------------------------------------------------
# The model of one event: its truths, then each source's wording of them
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Person:
    name: str
    title: tuple[str, str, str]
    country: Country


@dataclass(slots=True)
class Fact:
    """One (subject, slot) key of an event, with what is true about it."""

    subject: str  # "" for the event itself
    phrase_fr: str  # how running text names the subject
    phrase_en: str
    slot: str
    truth: Any


@dataclass(slots=True)
class EventModel:
    index: int
    id: str
    host: Country
    guest: Country
    date: int  # proleptic ordinal (datetime.date.toordinal), kept as int for speed
    persons: list[Person]
    facts: list[Fact] = field(default_factory=list)
    n_side: int = 0


@dataclass(slots=True)
class SourceOut:
    id: str
    meta: dict[str, Any]
    text: str
    claims: list[dict[str, Any]]


def _date(ordinal: int) -> tuple[int, int, int, int]:
    """(year, month, day, weekday) of a proleptic ordinal; weekday 0 is Monday."""
    d = dt.date.fromordinal(ordinal)
    return d.year, d.month, d.day, d.weekday()


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _ordinal(year: int, month: int, day: int) -> int:
    return dt.date(year, month, day).toordinal()


def _the(label: str, gender: str) -> str:
    """French definite article with elision: « la traite », « le trafic », « l'exploitation »."""
    if label[0] in "aeiouyéèêàâîôûhAEIOUÉ":
        return "l'" + label
    return ("la " if gender == "f" else "le ") + label


def _a(label: str, gender: str) -> str:
    return ("une " if gender == "f" else "un ") + label


def _fmt_int(n: int, sep: str) -> str:
    s = str(n)
    if n < 1000 or sep == "":
        return s
    parts = []
    while s:
        parts.append(s[-3:])
        s = s[:-3]
    return sep.join(reversed(parts))


def _round_down(n: int) -> int:
    """A round figure a little below n, as in « plus de 14 000 » for 15 000."""
    if n < 12:
        return max(1, n - 2)
    mag: int = 10 ** (len(str(n)) - 2)
    return max(mag, (int(n * 0.93) // mag) * mag)


class EventBuilder:
    """Everything random about one event comes from its own RNG, so output is order-independent."""

    def __init__(self, seed: int, index: int) -> None:
        self.rng = random.Random(seed * 1_000_003 + index)
        rng = self.rng
        host, guest = rng.sample(COUNTRIES, 2)
        year = rng.choice((2019, 2020, 2021, 2022, 2023, 2024))
        day = _ordinal(year, 1, 1) + rng.randrange(365)
        persons = [self._person(c) for c in (host, guest, host, guest)]
        eid = f"{host.slug}-{guest.slug}-{_iso(day)}-{index:06d}"
        self.ev = EventModel(index, eid, host, guest, day, persons)
        self._base_facts()

    def _person(self, country: Country) -> Person:
        rng = self.rng
        return Person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng.choice(TITLES), country)

    # -- facts ----------------------------------------------------------------------------------
    def _base_facts(self) -> None:
        ev, rng = self.ev, self.rng
        subj_fr = rng.choice(("la rencontre", "la cérémonie", "la réunion bilatérale"))
        subj_en = rng.choice(("the meeting", "the ceremony", "the talks"))
        add = ev.facts.append
        add(Fact("", subj_fr, subj_en, "offence", rng.choice(OFFENCE_TRUTHS)))
        add(Fact("", subj_fr, subj_en, "instrument", rng.choice(INSTRUMENT_TRUTHS)))
        add(Fact("", subj_fr, subj_en, "date", ("day", ev.date)))
        add(Fact("", subj_fr, subj_en, "place", (ev.host.capital, ev.host, ev.host.other_city)))
        add(Fact("", subj_fr, subj_en, "parties", (ev.host, ev.guest)))
        add(Fact("", subj_fr, subj_en, "signatories", (ev.persons[0], ev.persons[1])))
        contents = rng.sample(CONTENT_TRUTHS, 3)
        add(Fact("", subj_fr, subj_en, "content", contents[0]))
        add(Fact("", subj_fr, subj_en, "event-kind", rng.choice(EVENT_KIND_TRUTHS)))
        for p in ev.persons[1:3]:
            sid = "person-" + _slug(p.name)
            add(Fact(sid, p.name, p.name, "participant-role", rng.choice(ROLES)))
        body = rng.choice(BODIES).format(a=ev.host.name, b=ev.guest.name)
        add(Fact("body-1", "la " + body if body[0].islower() else body, body, "name", body))
        add(Fact("", subj_fr, subj_en, "content", contents[1]))
        add(Fact("", subj_fr, subj_en, "quantity:participants", self._count("participants")))
        add(Fact("", subj_fr, subj_en, "content", contents[2]))

    def _count(self, what: str) -> int:
        lo, hi = QUANTITY_UNITS[what][2]
        # Log-uniform: counts in the news span orders of magnitude.
        n = int(lo * (hi / lo) ** self.rng.random())
        return n if n < 1000 else (n // 100) * 100

    def fact(self, i: int) -> Fact:
        """The i-th key of the event; side subjects are added on demand, so the pool never runs out."""
        facts = self.ev.facts
        while len(facts) <= i:
            self._side_subject()
        return facts[i]

    def _side_subject(self) -> None:
        ev, rng = self.ev, self.rng
        ev.n_side += 1
        k = ev.n_side
        kind = ("operation", "accords", "attempts", "shipwreck", "person", "body")[(k - 1) % 6]
        add = ev.facts.append
        y, m, _, _ = _date(ev.date)
        months_back = rng.randrange(1, 10)
        mm = (y * 12 + m - 1) - months_back
        month = ("month", mm // 12, mm % 12 + 1)
        quarter = ("quarter", mm // 12, (mm % 12) // 3 + 1)
        if kind == "operation":
            name = f"{rng.choice(OPERATIONS)} {k}"
            sid, fr, en = f"operation-{k}", f"l'opération « {name} »", f"operation “{name}”"
            add(Fact(sid, fr, en, "date", month))
            add(Fact(sid, fr, en, "quantity:arrested", self._count("arrested")))
            add(Fact(sid, fr, en, "place", (ev.guest.other_city, ev.guest, ev.host.other_city)))
            add(Fact(sid, fr, en, "offence", rng.choice(OFFENCE_TRUTHS)))
        elif kind == "accords":
            sid, fr, en = f"accords-{k}", "les accords signés auparavant", "the agreements signed earlier"
            add(Fact(sid, fr, en, "quantity:agreements", self._count("agreements")))
            add(Fact(sid, fr, en, "date", month))
            add(Fact(sid, fr, en, "instrument", rng.choice(INSTRUMENT_TRUTHS)))
            add(Fact(sid, fr, en, "parties", (ev.host, ev.guest)))
        elif kind == "attempts":
            sid, fr, en = f"tentatives-{k}", "les tentatives de migration déjouées", "the foiled crossings"
            add(Fact(sid, fr, en, "quantity:attempts", self._count("attempts")))
            add(Fact(sid, fr, en, "date", quarter))
            add(
                Fact(sid, fr, en, "destination", (ev.host.other_city, ev.host, rng.choice(COUNTRIES).capital))
            )
        elif kind == "shipwreck":
            sid, fr, en = (
                f"naufrage-{k}",
                f"le naufrage au large de {ev.host.other_city}",
                f"the shipwreck off {ev.host.other_city}",
            )
            day = ev.date - rng.randrange(3, 200)
            add(Fact(sid, fr, en, "quantity:dead", self._count("dead")))
            add(Fact(sid, fr, en, "date", ("day", day)))
            add(Fact(sid, fr, en, "quantity:migrants", self._count("migrants")))
        elif kind == "person":
            p = self._person(rng.choice((ev.host, ev.guest)))
            ev.persons.append(p)
            sid = "person-" + _slug(p.name)
            add(Fact(sid, p.name, p.name, "participant-role", rng.choice(ROLES)))
            add(Fact(sid, p.name, p.name, "name", p.name))
        else:
            body = rng.choice(BODIES).format(a=ev.host.name, b=ev.guest.name)
            sid = f"body-{k}"
            add(Fact(sid, "la " + body if body[0].islower() else body, body, "name", body))
            add(
                Fact(
                    sid,
                    "la " + body if body[0].islower() else body,
                    body,
                    "location",
                    (ev.host.capital, ev.host, ev.guest.capital),
                )
            )


def _slug(s: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "-".join("".join(c if c.isalnum() else " " for c in s).split())


# --------------------------------------------------------------------------------------------------
# Wordings: (value, text, extra claim fields). `text` is how the value appears in the sentence.
# --------------------------------------------------------------------------------------------------

AGREE, LESS, CONTRA = 0, 1, 2
Wording = tuple[Any, str, dict[str, Any]]


def term_wording(slot: str, concept: str, rel: int, en: bool, rng: random.Random) -> tuple[str, str, str]:
    """(value, value with its article, value with an indefinite article)."""
    table, broader, rivals = TERM_TABLES[slot]
    if rel == LESS and concept in broader:
        concept = rng.choice(broader[concept])
    elif rel == CONTRA and rivals.get(concept):
        concept = rng.choice(rivals[concept])
    fr, enl = table[concept]
    if en:
        label = rng.choice(enl)
        return (
            label,
            "the " + label if label != "MoU" else "an MoU",
            ("an " if label[0] in "aeio" else "a ") + label,
        )
    label, gender = rng.choice(fr)
    return label, _the(label, gender), _a(label, gender)


def date_wording(
    truth: tuple[Any, ...], published: int | None, rel: int, en: bool, rng: random.Random
) -> Wording:
    kind = truth[0]
    if kind == "day":
        day = truth[1]
        if rel == CONTRA:
            day += rng.choice((-7, -2, -1, 1, 2, 3, 14))
            rel = AGREE
        y, m, d, wd = _date(day)
        if rel == LESS:
            options: list[tuple[str, str]] = []
            if published is not None and 0 <= published - day < 7:
                options.append(
                    ("ce " + WEEKDAYS_FR[wd], "ce " + WEEKDAYS_FR[wd])
                    if not en
                    else ("this " + WEEKDAYS_EN[wd], "this " + WEEKDAYS_EN[wd])
                )
                if published - day == 1:
                    options.append(("hier", "hier") if not en else ("yesterday", "yesterday"))
            if en:
                options += [
                    (f"in {MONTHS_EN[m - 1]} {y}", f"in {MONTHS_EN[m - 1]} {y}"),
                    (
                        f"in the {ORDINALS_EN[(m - 1) // 3]} quarter of {y}",
                        f"in the {ORDINALS_EN[(m - 1) // 3]} quarter of {y}",
                    ),
                    (WEEKDAYS_EN[wd], "on " + WEEKDAYS_EN[wd]),
                ]
            else:
                options += [
                    (f"en {MONTHS_FR[m - 1]} {y}", f"en {MONTHS_FR[m - 1]} {y}"),
                    (
                        f"au {ORDINALS_FR[(m - 1) // 3]} trimestre {y}",
                        f"au {ORDINALS_FR[(m - 1) // 3]} trimestre {y}",
                    ),
                    (f"en {y}", f"en {y}"),
                    (WEEKDAYS_FR[wd], WEEKDAYS_FR[wd]),
                ]
            v, t = rng.choice(options)
            return v, t, {}
        if en:
            long = f"{MONTHS_EN[m - 1]} {d}, {y}"
            v, t = rng.choice(
                (
                    (long, "on " + long),
                    (f"{d} {MONTHS_EN[m - 1]} {y}", f"on {d} {MONTHS_EN[m - 1]} {y}"),
                    (_iso(day), "on " + long),
                    (f"{WEEKDAYS_EN[wd]}, {long}", f"on {WEEKDAYS_EN[wd]}, {long}"),
                )
            )
            return v, t, {}
        dd = "1er" if d == 1 else str(d)
        long = f"{dd} {MONTHS_FR[m - 1]} {y}"
        v, t = rng.choice(
            (
                (long, "le " + long),
                (f"{WEEKDAYS_FR[wd]} {long}", f"ce {WEEKDAYS_FR[wd]} {long}"),
                (_iso(day), "le " + long),
                (f"{d:02d}/{m:02d}/{y}", f"le {d:02d}/{m:02d}/{y}"),
                (f"{d:02d}.{m:02d}.{y}", f"le {d:02d}.{m:02d}.{y}"),
                (f"le {dd} {MONTHS_FR[m - 1]}", f"le {dd} {MONTHS_FR[m - 1]}"),
            )
        )
        return v, t, {}
    if kind == "month":
        y, m = truth[1], truth[2]
        if rel == CONTRA:
            mm = y * 12 + m - 1 + rng.choice((-3, -1, 1, 2))
            y, m = mm // 12, mm % 12 + 1
            rel = AGREE
        if rel == LESS:
            if rng.random() < 0.5:  # narrower: a day within the month
                d = rng.randrange(1, 28)
                v = f"{d} {MONTHS_FR[m - 1]} {y}" if not en else f"{MONTHS_EN[m - 1]} {d}, {y}"
                return v, ("le " + v if not en else "on " + v), {}
            v = (
                f"au {ORDINALS_FR[(m - 1) // 3]} trimestre {y}"
                if not en
                else f"in the {ORDINALS_EN[(m - 1) // 3]} quarter of {y}"
            )
            return v, v, {}
        if en:
            v = rng.choice((f"in {MONTHS_EN[m - 1]} {y}", f"{MONTHS_EN[m - 1]} {y}"))
            return v, (v if v.startswith("in ") else "in " + v), {}
        opts = [f"en {MONTHS_FR[m - 1]} {y}", f"courant {MONTHS_FR[m - 1]} {y}", f"{MONTHS_FR[m - 1]} {y}"]
        if published is not None:
            py, pm, _, _ = _date(published)
            if 0 < (py * 12 + pm) - (y * 12 + m) < 12:
                opts += [f"en {MONTHS_FR[m - 1]} dernier"] * 2
        v = rng.choice(opts)
        return v, (v if v.startswith(("en ", "courant ")) else "en " + v), {}
    # quarter
    y, q = truth[1], truth[2]
    if rel == CONTRA:
        qq = y * 4 + q - 1 + rng.choice((-1, 1, 2))
        y, q = qq // 4, qq % 4 + 1
        rel = AGREE
    if rel == LESS:
        if rng.random() < 0.5:
            m = (q - 1) * 3 + rng.randrange(3)
            v = f"en {MONTHS_FR[m]} {y}" if not en else f"in {MONTHS_EN[m]} {y}"
        else:
            v = f"en {y}" if not en else f"in {y}"
        return v, v, {}
    if en:
        v = rng.choice((f"in the {ORDINALS_EN[q - 1]} quarter of {y}", f"in Q{q} {y}"))
        return v, v, {}
    v = rng.choice(
        (
            f"au {ORDINALS_FR[q - 1]} trimestre {y}",
            f"lors du {ORDINALS_FR[q - 1]} trimestre {y}",
            f"au T{q} {y}",
        )
    )
    return v, v, {}


def quantity_wording(n: int, rel: int, en: bool, rng: random.Random) -> Wording:
    if rel == CONTRA:
        n = max(1, round(n * rng.choice((0.5, 0.62, 1.6, 2.0))))
        if n >= 1000:
            n = (n // 100) * 100
        rel = AGREE
    sep_text = "," if en else rng.choice((" ", "\u202f", "\u00a0", "."))
    # The value is written with plain spaces, the text with whatever the outlet typesets:
    # quote matching folds the difference away, as it must for real articles.
    sep_value = "," if en else (" " if sep_text in (" ", "\u202f", "\u00a0") else ".")
    if rel == AGREE:
        r = rng.random()
        if r < 0.3:
            return n, _fmt_int(n, sep_text), {}
        if n <= 16 and not en and r < 0.45:
            return SMALL_WORDS_FR[n], SMALL_WORDS_FR[n], {}
        if n >= 1_000_000 and r < 0.6:  # « 1,08 million », « 2 millions »
            x = f"{n / 1e6:.2f}".rstrip("0").rstrip(".")
            v = f"{x} million" if en else x.replace(".", ",") + (" million" if n < 2_000_000 else " millions")
            return v, v, {"approximate": True} if x != f"{n / 1e6:g}" else {}
        v = _fmt_int(n, sep_value)
        return v, _fmt_int(n, sep_text), {}
    # less specific: approximated or open-ended
    r = rng.random()
    if not en and n in ROUND_NOUNS_FR and r < 0.3:
        v = ROUND_NOUNS_FR[n]
        return v, v, {"approximate": True}
    low = _round_down(n)
    if en:
        form, num, approx = rng.choice(
            (
                ("some {}", n, True),
                ("about {}", n, True),
                ("nearly {}", n, True),
                ("more than {}", low, False),
                ("at least {}", low, False),
            )
        )
        return (
            form.format(_fmt_int(num, ",")),
            form.format(_fmt_int(num, ",")),
            ({"approximate": True} if approx else {}),
        )
    form, num, approx = rng.choice(
        (
            ("quelque {}", n, True),
            ("près de {}", n, True),
            ("environ {}", n, True),
            ("plus de {}", low, False),
            ("au moins {}", low, False),
            ("moins de {}", n + max(1, n // 10), False),
        )
    )
    return (
        form.format(_fmt_int(num, sep_value)),
        form.format(_fmt_int(num, sep_text)),
        ({"approximate": True} if approx else {}),
    )


def entity_wording(slot: str, truth: Any, rel: int, en: bool, rng: random.Random) -> Wording:
    if slot in ("place", "destination", "location"):
        city, country, other = truth
        if rel == AGREE:
            v = rng.choice((city, city, "à " + city)) if not en else city
            return v, (v if v.startswith("à ") else ("à " if not en else "in ") + city), {}
        if rel == LESS:
            name = country.name if not en else country.en
            prep = (
                ("au " + name if country.the.startswith("le ") else "en " + name) if not en else "in " + name
            )
            return name, prep, {}
        return other, ("à " if not en else "in ") + other, {}
    if slot == "parties":
        a, b = truth
        if rel == CONTRA:
            b = rng.choice([c for c in COUNTRIES if c not in (a, b)])
        if en:
            return [a.en, b.en], f"{a.en} and {b.en}", {}
        r = rng.random()
        if rel == LESS:  # metonymy and « les deux pays »: what an entity registry has to untangle
            v = rng.choice(
                (f"{a.capital} et {b.capital}", "les deux pays", f"les autorités {a.adj} et {b.adj}")
            )
            return v, v, {}
        if r < 0.5:
            return [a.name, b.name], f"{a.the} et {b.the}", {}
        if r < 0.7:
            return [b.name, a.name], f"{b.the} et {a.the}", {}
        v = f"{a.the} et {b.the}"
        return v, v, {}
    # signatories
    p, q = truth
    if rel == CONTRA:
        p = Person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", p.title, p.country)
    if en:
        return p.name, f"{p.title[2]}, {p.name}", {}
    r = rng.random()
    if rel == LESS:
        v = rng.choice((f"M. {p.name.split(' ', 1)[1]}", f"les autorités {p.country.adj}", p.title[0]))
        return v, v, {}
    if r < 0.4:
        v = f"{p.title[0]}, {p.name}"
        return v, v, {}
    if r < 0.7:
        return p.name, f"{p.title[0]}, {p.name}", {}
    return [p.name, q.name], f"{p.name} et {q.name}", {}


def text_wording(truth: str, rel: int, rng: random.Random) -> Wording:
    if rel == CONTRA:
        v = rng.choice(
            (
                "vice-" + truth,
                "ancien " + truth,
                truth.replace("nationale", "régionale").replace("Maroc", "Mali"),
                "conseiller du " + truth,
            )
        )
        return v, v, {}
    if rel == LESS:
        words = truth.split()
        v = " ".join(words[: max(2, len(words) // 2)])
        return v, v, {}
    r = rng.random()
    # Same wording, typeset differently: text normalization must fold case, dashes and apostrophes.
    if r < 0.3:
        v = truth[0].upper() + truth[1:]
    elif r < 0.5:
        v = truth.replace("'", "’")
    elif r < 0.6:
        v = truth.replace("-", "–")
    else:
        v = truth
    return v, v, {}


# Templates: quote = lead + core with {s} (subject phrase) and {v} (the value as written in text).
TEMPLATES_FR: dict[str, tuple[str, ...]] = {
    "offence": (
        "{s} visait à renforcer la lutte contre {v}",
        "les deux pays se sont engagés à combattre {v}",
        "le texte porte sur {v}",
    ),
    "instrument": (
        "les deux parties ont signé {u}",
        "les délégations ont conclu {u}",
        "{s} a débouché sur {u}",
    ),
    "content": (
        "le texte prévoit notamment {v}",
        "les axes retenus comprennent {v}",
        "{s} a mis l'accent sur {v}",
    ),
    "event-kind": ("les délégations ont pris part à {u}", "{s} a pris la forme d'{u}"),
    "date": ("{s} a eu lieu {v}", "{s} s'est tenue {v}", "les faits se sont produits {v}"),
    "place": ("{s} s'est déroulée {v}", "{s} a eu lieu {v}"),
    "destination": ("{s} avaient pour destination {v}", "les départs visaient {v}"),
    "location": ("{s} a son siège {v}", "{s} est installée {v}"),
    "parties": (
        "{v} ont paraphé le document",
        "{v} sont parties prenantes",
        "{v} ont renouvelé leur engagement",
    ),
    "signatories": ("le document a été signé par {v}", "{v} a apposé sa signature"),
    "participant-role": ("{s}, {v}, a conduit les échanges", "{s}, {v}, a pris la parole"),
    "name": ("les représentants de {v} étaient présents", "{v} a été citée", "le nom retenu est « {v} »"),
    "quantity": ("{s} a concerné {v} {unit}", "on dénombre {v} {unit}", "le bilan fait état de {v} {unit}"),
}
TEMPLATES_EN: dict[str, tuple[str, ...]] = {
    "offence": ("{s} aimed to step up the fight against {v}", "both countries pledged to combat {v}"),
    "instrument": ("the two sides signed {u}", "the delegations concluded {u}"),
    "content": ("the text notably provides for {v}", "{s} focused on {v}"),
    "event-kind": ("the delegations took part in {u}",),
    "date": ("{s} took place {v}", "{s} was held {v}"),
    "place": ("{s} took place {v}", "{s} was held {v}"),
    "destination": ("{s} were headed {v}",),
    "location": ("{s} is based {v}",),
    "parties": ("{v} initialled the document", "{v} renewed their commitment"),
    "signatories": ("the document was signed by {v}",),
    "participant-role": ("{s}, {v}, led the talks",),
    "name": ("representatives of the {v} attended", "the name chosen is “{v}”"),
    "quantity": ("{s} involved {v} {unit}", "the toll stands at {v} {unit}"),
}
TAILS_FR = (
    "",
    "",
    ", a-t-on appris",
    ", selon les termes du communiqué",
    " dans un climat de confiance",
    ", souligne-t-on",
)
TAILS_EN = ("", "", ", it was learned", " in a spirit of trust")


class SourceBuilder:
    """Wordings and text of one source."""

    def __init__(
        self, eb: EventBuilder, sindex: int, n_claims: int, outlet: tuple[str, str], en: bool
    ) -> None:
        self.eb, self.ev, self.rng = eb, eb.ev, eb.rng
        self.sindex, self.n_claims, self.en = sindex, n_claims, en
        self.outlet = outlet
        self.id = f"{self.ev.id}-{outlet[1]}"
        rng = self.rng
        r = rng.random()
        self.published: int | None = None if r < 0.12 else self.ev.date + rng.choice((0, 0, 0, 1, 1, 2, 5))
        self.published_value: str | None = None
        if self.published is not None:
            iso = _iso(self.published)
            self.published_value = (
                iso if r < 0.8 else f"{iso}T{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}:00+01:00"
            )
        self.kind = (
            "reference"
            if (sindex == 0 and rng.random() < 0.15)
            else ("press-release" if rng.random() < 0.12 else "article")
        )
        # Typographic apostrophes in the text but ASCII ones in claims: quote matching must fold them.
        self.curly = rng.random() < 0.5

    def build(self) -> SourceOut:
        rng, ev, en = self.rng, self.ev, self.en
        n = self.n_claims
        connectives, attributions = (
            (CONNECTIVES_EN, ATTRIBUTIONS_EN) if en else (CONNECTIVES_FR, ATTRIBUTIONS_FR)
        )
        persons = list(dict.fromkeys(p.name for p in ev.persons[:4]))  # two namesakes: one lead
        n_leads = len(connectives) * (len(attributions) + len(persons))
        if n > n_leads:
            raise SystemExit(
                f"{n} claims per source is more than the {n_leads} distinct sentence leads; use more events or sources"
            )
        # Distinct leads by construction: a sample of indices into connectives x attributions.
        picks = rng.sample(range(n_leads), n)
        n_attr = len(attributions) + len(persons)
        # Which keys this source states: the event's keys in order, skipping some; a reference
        # source states them all and always agrees, as an official record would.
        sentences: list[str] = []
        claims: list[dict[str, Any]] = []
        fact_i = 0
        stated: list[int] = []
        templates = TEMPLATES_EN if en else TEMPLATES_FR
        tails = TAILS_EN if en else TAILS_FR
        for k in range(n):
            if stated and rng.random() < 0.04:
                fi = rng.choice(stated)  # the same key again, worded anew: intra-source variation
            else:
                while self.kind != "reference" and rng.random() < 0.15:
                    fact_i += 1
                fi = fact_i
                fact_i += 1
                stated.append(fi)
            fact = self.eb.fact(fi)
            if self.kind == "reference":
                rel = AGREE
            else:
                r = rng.random()
                rel = AGREE if r < 0.62 else (LESS if r < 0.85 else CONTRA)
            slot = fact.slot
            head = slot.partition(":")[0]
            extra: dict[str, Any]
            vt: str
            u = ""
            unit: str = ""
            if head in TERM_TABLES:
                value, vt, u = term_wording(slot, fact.truth, rel, en, rng)
                extra, ctype = {}, "term"
            elif head == "date":
                value, vt, extra = date_wording(fact.truth, self.published, rel, en, rng)
                ctype = "date"
            elif head == "quantity":
                value, vt, extra = quantity_wording(fact.truth, rel, en, rng)
                unit = str(QUANTITY_UNITS[slot.partition(":")[2]][1 if en else 0])
                ctype = "quantity"
            elif slot in ("participant-role", "name"):
                value, vt, extra = text_wording(fact.truth, rel, rng)
                ctype = "text"
            else:
                value, vt, extra = entity_wording(slot, fact.truth, rel, en, rng)
                ctype = "entity"
            tpl: str = rng.choice(templates[head])
            subj = fact.phrase_en if en else fact.phrase_fr
            core = tpl.format(s=subj, v=vt, u=u, unit=unit).strip()
            pick = picks[k]
            ci, ai = divmod(pick, n_attr)
            attributed: str | None = None
            if ai < len(attributions):
                attr = attributions[ai]
            else:
                attributed = persons[ai - len(attributions)]
                attr = ("selon " if not en else "according to ") + attributed
            lead = connectives[ci] + (", " + attr if attr else "")
            quote = f"{lead}, {core}"
            sentences.append(quote + rng.choice(tails) + ".")
            if rng.random() < 0.25:
                sentences.append(rng.choice(FILLERS_EN if en else FILLERS_FR))
            claim: dict[str, Any] = {"id": f"{slot.replace(':', '-')}-{k + 1}"}
            if fact.subject:
                claim["subject"] = fact.subject
            claim["slot"] = slot
            if rng.random() < 0.6:  # the type is optional: half the claims rely on the slot's default
                claim["type"] = ctype
            claim["value"] = value
            # Claims are typed on a keyboard: plain apostrophes and spaces, whatever the text has.
            claim["quote"] = quote.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'")
            if extra:
                claim.update(extra)
            if attributed is not None:
                claim["attributed_to"] = attributed
            if attr in HEDGING or connectives[ci] in HEDGING:
                claim["hedged"] = True
            if rel == LESS and rng.random() < 0.05:
                claim["note"] = "Worded less precisely than the other sources."
            claims.append(claim)
        text = self._text(sentences)
        return SourceOut(self.id, self._meta(), text, claims)

    def _text(self, sentences: list[str]) -> str:
        rng, ev = self.rng, self.ev
        a, b = ev.host, ev.guest
        if self.en:
            title = f"{a.en} and {b.en} step up cooperation against trafficking"
        else:
            title = f"{a.the[0].upper()}{a.the[1:]} et {b.the} renforcent leur coopération"
        parts = [title, ""]
        if self.published is not None and rng.random() < 0.5:
            y, m, d, _ = _date(self.published)
            parts += [f"{d:02d}.{m:02d}.{y} {title}", ""]
        i = 0
        while i < len(sentences):
            step = rng.randrange(2, 5)
            parts += [" ".join(sentences[i : i + step]), ""]
            i += step
        text = "\n".join(parts)
        if self.curly:
            text = text.replace("'", "’")
        return text

    def _meta(self) -> dict[str, Any]:
        ev = self.ev
        meta: dict[str, Any] = {
            "id": self.id,
            "title": (
                f"{ev.host.en} and {ev.guest.en}: cooperation against trafficking"
                if self.en
                else f"{ev.host.the[0].upper()}{ev.host.the[1:]} et {ev.guest.the} : coopération contre la traite"
            ),
            "outlet": self.outlet[0],
            "url": f"https://{self.outlet[1]}.example/{ev.id}",
            "language": "en" if self.en else "fr",
        }
        if self.published_value is not None:
            meta["published"] = self.published_value
        meta["kind"] = self.kind
        return meta


def build_event(
    seed: int, index: int, claims_per_source: Sequence[int]
) -> tuple[EventModel, list[SourceOut]]:
    eb = EventBuilder(seed, index)
    rng = eb.rng
    outlets = list(OUTLETS)
    rng.shuffle(outlets)
    out = []
    for s, n in enumerate(claims_per_source):
        en = rng.random() < 0.08
        o = OUTLETS_EN[rng.randrange(len(OUTLETS_EN))] if en else outlets[s % len(outlets)]
        if s >= len(outlets) or en:
            o = (o[0], f"{o[1]}-{s + 1}")  # outlets repeat only beyond the list: keep source ids unique
        out.append(SourceBuilder(eb, s, n, o, en).build())
    return eb.ev, out


# --------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------

_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_PLAIN_BAD = set(':#{}[],&*!|>%@`"\n\t\u202f\u00a0\\')


def yaml_scalar(v: Any) -> str:
    """A YAML scalar: plain when that is unambiguous (as people write it), else JSON-quoted."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return str(v)
    s = str(v)
    if s and s[0].isalpha() and not (_PLAIN_BAD & set(s)) and s[-1] != " " and s.lower() not in _YAML_WORDS:
        return s
    return orjson.dumps(s).decode()


def yaml_value(v: Any) -> str:
    if isinstance(v, list):
        return (
            "["
            + ", ".join(yaml_scalar(x) if "," not in str(x) else orjson.dumps(x).decode() for x in v)
            + "]"
        )
    return yaml_scalar(v)


_CLAIM_KEYS = (
    "id",
    "event",
    "subject",
    "slot",
    "type",
    "value",
    "quote",
    "approximate",
    "attributed_to",
    "hedged",
    "note",
)


def source_yaml(src: SourceOut, text_name: str, sha: str, event_id: str, rng: random.Random) -> str:
    lines = ["# yaml-language-server: $schema=../../../schemas/source.schema.json"]
    for k, mv in src.meta.items():
        # Dates stay plain, as people write them (the loader keeps YAML timestamps as strings).
        lines.append(f"{k}: {mv}" if k == "published" else f"{k}: {yaml_scalar(mv)}")
    lines += ["text:", f"  path: {text_name}", f"  sha256: {sha}", "claims:"]
    prev_subject: str | None = None
    for c in src.claims:
        subject = c.get("subject", "")
        if subject != prev_subject:
            lines.append(f"  # --- {subject or 'the event itself'} ---")
            prev_subject = subject
        first = True
        for key in _CLAIM_KEYS:
            if key == "event":
                if rng.random() < 0.05:  # an explicit event, equal to the folder's: the override path
                    v: Any = event_id
                else:
                    continue
            elif key in c:
                v = c[key]
            else:
                continue
            lines.append(f"  {'- ' if first else '  '}{key}: {yaml_value(v)}")
            first = False
    return "\n".join(lines) + "\n"


def event_yaml(ev: EventModel) -> str:
    return (
        "# yaml-language-server: $schema=../../../schemas/event.schema.json\n"
        f"id: {ev.id}\n"
        f"title: {yaml_scalar(f'{ev.host.name} and {ev.guest.name}: cooperation against human trafficking')}\n"
        f"date: {_iso(ev.date)}\n"
        f"place: {yaml_scalar(ev.host.capital)}\n"
        f"description: {yaml_scalar(f'{ev.host.name} and {ev.guest.name} met in {ev.host.capital} and agreed to work together against trafficking; the press tells it in different words.')}\n"
    )


def split_counts(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


@dataclass(slots=True)
class Stats:
    events: int = 0
    sources: int = 0
    claims: int = 0
    files: int = 0
    bytes: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


def generate(
    out: Path,
    events: int,
    sources_per_event: int,
    claims: int,
    fmt: str = "jsonl",
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> Stats:
    if events < 1 or sources_per_event < 1 or claims < events * sources_per_event:
        raise SystemExit("need events >= 1, sources-per-event >= 1 and claims >= events x sources-per-event")
    out.mkdir(parents=True, exist_ok=True)
    want_yaml = fmt in ("yaml", "both")
    want_jsonl = fmt in ("jsonl", "both")
    per_source = split_counts(claims, events * sources_per_event)
    stats = Stats()
    jsonl = None
    texts_dir = out / "texts"
    if want_jsonl:
        texts_dir.mkdir(exist_ok=True)
        jsonl = (out / "claims.jsonl").open("wb")
    buf: list[bytes] = []
    buf_size = 0
    dumps = orjson.dumps
    try:
        for e in range(events):
            counts = per_source[e * sources_per_event : (e + 1) * sources_per_event]
            ev, sources = build_event(seed, e, counts)
            stats.events += 1
            ev_dir = out / "yaml" / ev.id
            if want_yaml:
                ev_dir.mkdir(parents=True, exist_ok=True)
                data = event_yaml(ev).encode()
                (ev_dir / "event.yaml").write_bytes(data)
                stats.files += 1
                stats.bytes += len(data)
            if jsonl is not None:
                line = (
                    dumps(
                        {
                            "record": "event",
                            "id": ev.id,
                            "title": f"{ev.host.name} and {ev.guest.name}",
                            "date": _iso(ev.date),
                            "place": ev.host.capital,
                        }
                    )
                    + b"\n"
                )
                buf.append(line)
                buf_size += len(line)
            yrng = random.Random(seed * 7919 + e)
            for src in sources:
                raw = src.text.encode()
                sha = hashlib.sha256(raw).hexdigest()
                stats.sources += 1
                stats.claims += len(src.claims)
                for c in src.claims:
                    t = c.get("type") or _default_type(c["slot"])
                    stats.by_type[t] = stats.by_type.get(t, 0) + 1
                if want_yaml:
                    (ev_dir / f"{src.id}.txt").write_bytes(raw)
                    data = source_yaml(src, f"{src.id}.txt", sha, ev.id, yrng).encode()
                    (ev_dir / f"{src.id}.yaml").write_bytes(data)
                    stats.files += 2
                    stats.bytes += len(raw) + len(data)
                if jsonl is not None:
                    (texts_dir / f"{src.id}.txt").write_bytes(raw)
                    stats.files += 1
                    stats.bytes += len(raw)
                    rec = {
                        "record": "source",
                        **src.meta,
                        "event": ev.id,
                        "text": {"path": f"texts/{src.id}.txt", "sha256": sha},
                    }
                    line = dumps(rec) + b"\n"
                    buf.append(line)
                    buf_size += len(line)
                    head = {"source": src.id, "event": ev.id}
                    for c in src.claims:
                        line = dumps({**head, **c}) + b"\n"
                        buf.append(line)
                        buf_size += len(line)
            if jsonl is not None and buf_size > 4 << 20:  # write in ~4 MiB chunks
                jsonl.write(b"".join(buf))
                stats.bytes += buf_size
                buf.clear()
                buf_size = 0
            if progress is not None and (e + 1) % 2000 == 0:
                progress(f"  {e + 1}/{events} events, {stats.claims} claims")
        if jsonl is not None and buf:
            jsonl.write(b"".join(buf))
            stats.bytes += buf_size
    finally:
        if jsonl is not None:
            jsonl.close()
            stats.files += 1
    return stats


_SLOT_TYPES = {
    "offence": "term",
    "instrument": "term",
    "content": "term",
    "event-kind": "term",
    "date": "date",
    "place": "entity",
    "destination": "entity",
    "location": "entity",
    "parties": "entity",
    "signatories": "entity",
    "participant-role": "text",
    "name": "text",
}


def _default_type(slot: str) -> str:
    return "quantity" if slot.startswith("quantity:") else _SLOT_TYPES[slot]


def manifest_args(events: int, sources_per_event: int, claims: int, fmt: str, seed: int) -> dict[str, Any]:
    return {
        "events": events,
        "sources_per_event": sources_per_event,
        "claims": claims,
        "format": fmt,
        "seed": seed,
        "generator": hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16],
    }


def ensure_corpus(
    out: Path, events: int, sources_per_event: int, claims: int, fmt: str, seed: int = 0, quiet: bool = False
) -> Path:
    """Generate into `out` unless it already holds this very corpus (same arguments, same generator)."""
    want = manifest_args(events, sources_per_event, claims, fmt, seed)
    manifest = out / "manifest.json"
    if manifest.is_file():
        try:
            if json.loads(manifest.read_text())["args"] == want:
                return out
        except (ValueError, KeyError):
            pass
    import shutil

    if out.exists():
        shutil.rmtree(out)
    t0 = time.perf_counter()
    stats = generate(out, events, sources_per_event, claims, fmt, seed, None if quiet else print)
    dt = time.perf_counter() - t0
    manifest.write_text(
        json.dumps({"args": want, "stats": _stats_dict(stats), "seconds": round(dt, 2)}, indent=2)
    )
    if not quiet:
        print(f"generated {stats.claims} claims ({fmt}) in {out} in {dt:.1f} s")
    return out


def _stats_dict(s: Stats) -> dict[str, Any]:
    return {
        "events": s.events,
        "sources": s.sources,
        "claims": s.claims,
        "files": s.files,
        "bytes": s.bytes,
        "claims_by_type": dict(sorted(s.by_type.items())),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, required=True)
    ap.add_argument("--sources-per-event", type=int, required=True)
    ap.add_argument("--claims", type=int, required=True, help="claims in total (exactly)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--format", choices=("yaml", "jsonl", "both"), default="both")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    stats = generate(a.out, a.events, a.sources_per_event, a.claims, a.format, a.seed, print)
    dt = time.perf_counter() - t0
    (a.out / "manifest.json").write_text(
        json.dumps(
            {
                "args": manifest_args(a.events, a.sources_per_event, a.claims, a.format, a.seed),
                "stats": _stats_dict(stats),
                "seconds": round(dt, 2),
            },
            indent=2,
        )
    )
    print(
        f"wrote {stats.events} events, {stats.sources} sources, {stats.claims} claims "
        f"({', '.join(f'{k} {v}' for k, v in sorted(stats.by_type.items()))})"
    )
    print(
        f"      {stats.files} files, {stats.bytes / 2**20:.1f} MiB, format {a.format}, seed {a.seed}, into {a.out}"
    )
    if a.format in ("jsonl", "both"):
        print(f"      JSON Lines: {a.out / 'claims.jsonl'} (texts in {a.out / 'texts'})")
    if a.format in ("yaml", "both"):
        print(f"      YAML: {a.out / 'yaml'}/<event>/")
    print(f"      in {dt:.2f} s ({stats.claims / dt:,.0f} claims/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
