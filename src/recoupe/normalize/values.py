"""The normalizer: each claim value becomes a typed set-valued object; `relate()` compares two of them.

Every value type has `relate(other)` with exact set semantics (see relation.py), `to_dict()` and
`__str__`. Values the vocabularies cannot place become `Unresolved`, which only knows equality.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from recoupe.normalize.relation import Relation
from recoupe.textnorm import fold_text

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.corpus import LoadedClaim, LoadedSource
    from recoupe.normalize.entities import Registry
    from recoupe.vocab import VocabIndex


class Value(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A value of a type we could not normalize (no vocabulary entry, an unreadable date...)."""

    type: str
    text: str
    folded: str
    reason: str

    def relate(self, other: Unresolved) -> Relation:
        return Relation.EQUAL if self.folded == other.folded else Relation.UNKNOWN

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "resolved": False, "text": self.text, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.text} (unresolved)"


def value_text(raw: object) -> str:
    if isinstance(raw, list):
        return ", ".join(str(x) for x in raw)
    return str(raw)


class Normalizer:
    """Turns claim values into set-valued objects, with the project's vocabularies and registries."""

    def __init__(self, vocab: VocabIndex, registry: Registry, tolerances: Any = None) -> None:
        from recoupe.normalize.quantities import Tolerances

        self.vocab = vocab
        self.registry = registry
        self._context: dict[str, Any] = {"TermValue": vocab, "EntityValue": registry}
        self._memo: dict[tuple[Any, ...], Any] = {}
        # keyed by object identity: sound because every value stays alive in _memo (or on its claim)
        self._relations: dict[tuple[int, int], Relation] = {}
        self._stood: dict[tuple[int, int, str], Relation] = {}
        self._units: dict[int, tuple[Any, ...]] = {}
        self._displays: dict[int, str] = {}
        t = tolerances
        self.tolerances = (
            Tolerances(approximate=t.approximate, nearly=t.nearly, precision=t.precision)
            if t is not None
            else Tolerances()
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Normalizer:
        from recoupe.normalize.entities import load_registries
        from recoupe.vocab import load_vocabularies

        vocab = load_vocabularies([settings.resolve(p) for p in settings.vocabularies])
        registry = load_registries([settings.resolve(p) for p in settings.registries])
        return cls(vocab, registry, settings.tolerances)

    @classmethod
    def default(cls, vocabularies: Sequence[Path] = (), registries: Sequence[Path] = ()) -> Normalizer:
        from recoupe.normalize.entities import load_registries
        from recoupe.vocab import load_vocabularies

        return cls(load_vocabularies(list(vocabularies)), load_registries(list(registries)))

    def normalize(self, claim: LoadedClaim, source: LoadedSource | None) -> Any:
        """The claim's value as a set-valued object; the same wording in the same setting is done once."""
        raw = claim.claim.value
        kind = claim.type
        # dates read numbers by the whole tag (05/12/2024 in en-US is 12 May); the rest by the language
        tag = source.source.language if source is not None else None
        lang = tag if kind == "date" or tag is None else tag.split("-")[0]
        # Only what the result depends on goes in the key: the slot for terms (vocabularies apply to
        # slots), the publication day for dates, the approximate flag for quantities.
        key = (
            kind,
            tuple(raw) if isinstance(raw, list) else raw,
            claim.slot if kind == "term" else None,
            source.source.published if kind == "date" and source is not None else None,
            claim.claim.approximate if kind == "quantity" else False,
            lang,
        )
        cached = self._memo.get(key)
        if cached is None:
            if len(self._memo) > 500_000:  # a bound, not a policy: corpora repeat a few thousand wordings
                # identity-keyed tables must go too: a freed value's id can be reused
                self._memo.clear()
                self._relations.clear()
                self._stood.clear()
                self._units.clear()
                self._displays.clear()
            cached = self._memo[key] = self._normalize(claim, source, raw, lang, kind)
        return cached

    def _normalize(
        self, claim: LoadedClaim, source: LoadedSource | None, raw: Any, lang: str | None, kind: str
    ) -> Any:
        if kind == "term":
            from recoupe.normalize.terms import parse_term

            text = value_text(raw)
            term = parse_term(text, self.vocab, slot=claim.slot, lang=lang)
            return term if term is not None else self._unresolved(kind, text, "no vocabulary entry")
        if kind == "date":
            from recoupe.normalize.dates import parse_date

            published = _day(source.source.published) if source is not None else None
            if isinstance(raw, list):
                return self._unresolved(kind, value_text(raw), "a date cannot be a list")
            date = parse_date(str(raw), published, lang or "fr")
            if date is None:
                return self._unresolved(
                    kind,
                    str(raw),
                    "date not understood; rephrase the value as a date the text gives (« 2 août 2022 », "
                    "« du 2 au 5 août »), give the claim an as_of, or report the wording as a case recoupe misses",
                )
            return date
        if kind == "quantity":
            from recoupe.normalize.quantities import parse_quantity

            if isinstance(raw, list):
                return self._unresolved(kind, value_text(raw), "a quantity cannot be a list")
            q = parse_quantity(
                raw, approximate=claim.claim.approximate, tolerances=self.tolerances, lang=lang or "fr"
            )
            if q is None:
                return self._unresolved(
                    kind,
                    str(raw),
                    "quantity not understood; rephrase the value as the figure the text gives (« 15 000 », "
                    "« plus de 200 »), or report the wording as a case recoupe misses",
                )
            return q
        if kind == "entity":
            from recoupe.normalize.entities import parse_entity

            return parse_entity(raw if isinstance(raw, list) else str(raw), self.registry)
        from recoupe.normalize.text import parse_text

        return parse_text(value_text(raw))

    @staticmethod
    def _unresolved(kind: str, text: str, reason: str) -> Unresolved:
        return Unresolved(kind, text, fold_text(text), reason)

    def relate(self, a: Any, b: Any, stands: str | None = None) -> Relation:
        """The relation between two normalized values; UNKNOWN across types.

        Values come from `normalize`, which hands out one object per wording and setting, so a pair
        of objects stands for a pair of wordings: its relation is worked out once per run. `stands`
        is the slot's `represented_by` (who may stand for a body there), which only entities heed.
        """
        if stands is not None and type(a).__name__ == "EntityValue" and type(b) is type(a):
            skey = (id(a), id(b), stands)
            found = self._stood.get(skey)
            if found is None:
                found = self._stood[skey] = a.relate(b, self.registry, stands)
            return found
        key = (id(a), id(b))
        known = self._relations.get(key)
        if known is not None:
            return known
        if type(a) is not type(b):
            result = Relation.UNKNOWN
        else:
            # terms and entities need the vocabulary or registry; the rest carry what they need
            context = self._context.get(type(a).__name__)
            result = a.relate(b, context) if context is not None else a.relate(b)
        if len(self._relations) > 1_000_000:
            self._relations.clear()
        self._relations[key] = result
        return result

    def units(self, value: Any) -> tuple[Any, ...]:
        """A value naming several entities, cut into one value per entity (see EntityValue.units);
        once per value object, so that each unit keeps one identity for `relate`'s table."""
        key = id(value)
        found = self._units.get(key)
        if found is None:
            cut = getattr(value, "units", None)
            found = self._units[key] = (value,) if cut is None else (cut() or (value,))
        return found

    def display(self, value: Any) -> str:
        """str(value), once per value object: reports quote it for every finding that names it."""
        key = id(value)
        shown = self._displays.get(key)
        if shown is None:
            shown = self._displays[key] = str(value)
        return shown


def _day(published: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    return published
