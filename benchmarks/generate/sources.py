"""One source: its sentences from templates, its claims, its text and its metadata; and one event's sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generate.model import EventBuilder, EventModel, SourceOut, date_parts, iso_day
from generate.phrasing import (
    ATTRIBUTIONS_EN,
    ATTRIBUTIONS_FR,
    CONNECTIVES_EN,
    CONNECTIVES_FR,
    FILLERS_EN,
    FILLERS_FR,
    HEDGING,
    QUANTITY_UNITS,
)
from generate.terms import TERM_TABLES
from generate.wordings import (
    AGREE,
    CONTRA,
    LESS,
    date_wording,
    entity_wording,
    quantity_wording,
    term_wording,
    text_wording,
)
from generate.words import OUTLETS, OUTLETS_EN

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
            iso = iso_day(self.published)
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
            y, m, d, _ = date_parts(self.published)
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
