"""The `substitution` kind: a wording to avoid, and the term to use instead."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import ConfigDict, Field

from recoupe.findings import Category
from recoupe.rules.base import Draft, Group
from recoupe.rules.kinds.base import DeclarativeRule, KindSpec, Leveled, SlotSelector, Term, in_slots, rule_of

if TYPE_CHECKING:
    from recoupe.corpus import LoadedClaim


class SubstitutionSpec(Leveled):
    """Report a wording to avoid, suggesting the preferred term.

    A claim matches when its wording (or, for a list, one of its items) equals a label to avoid, with
    case, accents, articles and plurals folded. Placeholders: {source}, {value}, {prefer}.
    """

    model_config = ConfigDict(title="substitution rule")

    kind: Literal["substitution"]
    avoid: tuple[Term, ...] = Field(min_length=1, description="The wordings to avoid.")
    prefer: Term = Field(description="The term to use instead; it is the finding's suggestion.")
    slots: tuple[SlotSelector, ...] = Field(default=(), description="Only these slots; default all.")


@rule_of(SubstitutionSpec)
class SubstitutionRule(DeclarativeRule):
    kind: ClassVar[str] = "substitution"
    placeholders: ClassVar[tuple[str, ...]] = ("source", "value", "prefer")
    default_message: ClassVar[str] = "{source} writes « {value} » for the {label}: prefer « {prefer} »"
    default_category: ClassVar[Category] = "terminology"
    spec: SubstitutionSpec

    def __init__(self, spec: KindSpec, origin: str) -> None:
        super().__init__(spec, origin)
        from recoupe.vocab import fold_label

        self.avoid = frozenset(fold_label(t) for t in self.spec.avoid)

    def _avoided(self, c: LoadedClaim) -> str | None:
        from recoupe.vocab import fold_label

        raw = c.claim.value
        for item in raw if isinstance(raw, list) else [raw]:
            if fold_label(str(item)) in self.avoid:
                return str(item)
        return None

    def check(self, group: Group) -> Iterator[Draft]:
        if not in_slots(group.slot, self.spec.slots):
            return
        for w in group.wordings:
            hits = [(c, word) for c in w.claims if (word := self._avoided(c)) is not None]
            if not hits:
                continue
            yield Draft(
                message=self.render_group(
                    group,
                    source=group.ctx.source_label(w.source),
                    value=" / ".join(dict.fromkeys(word for _, word in hits)),
                    prefer=self.spec.prefer,
                ),
                claims=tuple(c for c, _ in hits),
                suggestion=self.spec.prefer,
                category=self.spec.category or self.default_category,
            )
