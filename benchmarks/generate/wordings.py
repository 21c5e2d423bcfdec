"""Wordings: how a source states a fact's value, agreeing, less specific or contradicting; (value, text, extra fields)."""

from __future__ import annotations

import random
from typing import Any

from generate.model import Person, date_parts, definite, fmt_int, indefinite, iso_day, round_down
from generate.phrasing import (
    MONTHS_EN,
    MONTHS_FR,
    ORDINALS_EN,
    ORDINALS_FR,
    ROUND_NOUNS_FR,
    SMALL_WORDS_FR,
    WEEKDAYS_EN,
    WEEKDAYS_FR,
)
from generate.terms import TERM_TABLES
from generate.words import COUNTRIES, FIRST_NAMES, LAST_NAMES

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
    return label, definite(label, gender), indefinite(label, gender)


def date_wording(
    truth: tuple[Any, ...], published: int | None, rel: int, en: bool, rng: random.Random
) -> Wording:
    kind = truth[0]
    if kind == "day":
        day = truth[1]
        if rel == CONTRA:
            day += rng.choice((-7, -2, -1, 1, 2, 3, 14))
            rel = AGREE
        y, m, d, wd = date_parts(day)
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
                    (iso_day(day), "on " + long),
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
                (iso_day(day), "le " + long),
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
            py, pm, _, _ = date_parts(published)
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
            return n, fmt_int(n, sep_text), {}
        if n <= 16 and not en and r < 0.45:
            return SMALL_WORDS_FR[n], SMALL_WORDS_FR[n], {}
        if n >= 1_000_000 and r < 0.6:  # « 1,08 million », « 2 millions »
            x = f"{n / 1e6:.2f}".rstrip("0").rstrip(".")
            v = f"{x} million" if en else x.replace(".", ",") + (" million" if n < 2_000_000 else " millions")
            return v, v, {"approximate": True} if x != f"{n / 1e6:g}" else {}
        v = fmt_int(n, sep_value)
        return v, fmt_int(n, sep_text), {}
    # less specific: approximated or open-ended
    r = rng.random()
    if not en and n in ROUND_NOUNS_FR and r < 0.3:
        v = ROUND_NOUNS_FR[n]
        return v, v, {"approximate": True}
    low = round_down(n)
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
            form.format(fmt_int(num, ",")),
            form.format(fmt_int(num, ",")),
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
        form.format(fmt_int(num, sep_value)),
        form.format(fmt_int(num, sep_text)),
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
