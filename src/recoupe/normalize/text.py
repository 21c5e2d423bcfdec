"""Text values: free wording compared by folded string, and a fuzzy score for near misses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from recoupe.normalize.relation import Relation
from recoupe.textnorm import fold_text


@dataclass(frozen=True, slots=True)
class TextValue:
    """A free-text value. Two texts are EQUAL when they fold alike; beyond that, not comparable."""

    folded: str
    text: str

    def relate(self, other: TextValue) -> Relation:
        if not isinstance(other, TextValue):
            return Relation.UNKNOWN
        return Relation.EQUAL if self.folded == other.folded else Relation.UNKNOWN

    def to_dict(self) -> dict[str, object]:
        return {"type": "text", "text": self.text, "folded": self.folded}

    def __str__(self) -> str:
        return self.text


def parse_text(raw: str | Sequence[str]) -> TextValue:
    """Normalize a text value: NFC, case, accents, apostrophes and whitespace folded (`fold_text`).

    A list is joined with ", ", as it would be written in a sentence.
    """
    text = raw if isinstance(raw, str) else ", ".join(raw)
    return TextValue(fold_text(text), text)


def near_miss(a: str, b: str) -> float:
    """How alike two wordings are once folded, from 0.0 (nothing shared) to 1.0 (fold alike).

    rapidfuzz's normalized Indel ratio; used to point at the passage closest to a quote not found.
    """
    from rapidfuzz import fuzz  # imported here: start-up must not pay for it

    score: float = fuzz.ratio(fold_text(a), fold_text(b))
    return score / 100.0
