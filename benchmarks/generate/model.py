"""The model of one event: its truths (facts), the people in it, and the random choices that make them."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from generate.phrasing import QUANTITY_UNITS
from generate.terms import CONTENT_TRUTHS, EVENT_KIND_TRUTHS, INSTRUMENT_TRUTHS, OFFENCE_TRUTHS
from generate.words import BODIES, COUNTRIES, FIRST_NAMES, LAST_NAMES, OPERATIONS, ROLES, TITLES, Country


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


def date_parts(ordinal: int) -> tuple[int, int, int, int]:
    """(year, month, day, weekday) of a proleptic ordinal; weekday 0 is Monday."""
    d = dt.date.fromordinal(ordinal)
    return d.year, d.month, d.day, d.weekday()


def iso_day(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _ordinal(year: int, month: int, day: int) -> int:
    return dt.date(year, month, day).toordinal()


def definite(label: str, gender: str) -> str:
    """French definite article with elision: « la traite », « le trafic », « l'exploitation »."""
    if label[0] in "aeiouyéèêàâîôûhAEIOUÉ":
        return "l'" + label
    return ("la " if gender == "f" else "le ") + label


def indefinite(label: str, gender: str) -> str:
    return ("une " if gender == "f" else "un ") + label


def fmt_int(n: int, sep: str) -> str:
    s = str(n)
    if n < 1000 or sep == "":
        return s
    parts = []
    while s:
        parts.append(s[-3:])
        s = s[:-3]
    return sep.join(reversed(parts))


def round_down(n: int) -> int:
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
        eid = f"{host.slug}-{guest.slug}-{iso_day(day)}-{index:06d}"
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
        y, m, _, _ = date_parts(ev.date)
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
