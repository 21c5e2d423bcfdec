"""Term values: a claim's wording resolved to a set of vocabulary concepts, and relate() between two of them.

The vocabulary index is passed to `relate` rather than bound into the value: term values stay plain,
hashable records (cheap to cache, pickle and ship to other processes), and the index, which is the
same for a whole run, is built once and handed to whatever compares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from recoupe.normalize.relation import Relation

if TYPE_CHECKING:
    from recoupe.vocab import VocabIndex

__all__ = ["TermValue", "parse_term"]


@dataclass(frozen=True, slots=True)
class TermValue:
    """The set of things a term may denote: the union of its concepts' extensions.

    An ambiguous wording (« trafic des êtres humains ») carries several concepts and means any of them.
    """

    concepts: frozenset[str]
    label: str  # the vocabulary label that matched (stable across wordings), or the value text
    nonstandard: bool = False
    preferred: tuple[str, ...] = ()  # preferred labels to suggest, when the wording is non-standard
    note: str | None = None

    def relate(self, other: TermValue, vocab: VocabIndex) -> Relation:
        """How this term's extension stands to `other`'s, in open-world set logic over `vocab`.

        EQUAL, NARROWER (self is more precise), BROADER, DISJOINT (every pair of concepts declared
        disjoint, directly or through ancestors) or OVERLAP (nothing excludes a shared member). UNKNOWN
        when a concept is not in `vocab`.
        """
        return vocab.relate_concepts(self.concepts, other.concepts)

    def to_dict(self) -> dict[str, object]:
        return {
            "type": "term",
            "concepts": sorted(self.concepts),
            "label": self.label,
            "nonstandard": self.nonstandard,
            "preferred": list(self.preferred),
            "note": self.note,
        }

    def __str__(self) -> str:
        return f"{self.label} [{' | '.join(sorted(self.concepts))}]"


def parse_term(
    raw: str, vocab: VocabIndex, slot: str | None = None, lang: str | None = None
) -> TermValue | None:
    """Resolve a claim value through the vocabularies that apply to `slot`; None when no label matches."""
    res = vocab.resolve(raw, slot, lang)
    if res is None:
        return None
    return TermValue(
        concepts=res.concepts,
        label=res.label,
        nonstandard=res.nonstandard,
        preferred=res.preferred if res.nonstandard else (),
        note=res.note,
    )
