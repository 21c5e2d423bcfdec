"""The `consistency` kind: one source must not mix terms from a set."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field

from recoupe.findings import Category
from recoupe.normalize.values import value_text
from recoupe.rules.base import Draft, Group, RuleContext, Wording
from recoupe.rules.kinds.base import (
    DeclarativeRule,
    KindSpec,
    Leveled,
    SlotSelector,
    Term,
    in_slots,
    quoted,
    rule_of,
    words,
)


class ConsistencySpec(Leveled):
    """Within one group, one source must not use more than one of these terms.

    A term is a label (matched with case, accents, articles and plurals folded) or a concept id (matched
    by any wording that resolves to that concept). Placeholders: {source}, {values}, {count}.
    """

    model_config = ConfigDict(title="consistency rule")

    kind: Literal["consistency"]
    terms: tuple[Term, ...] = Field(
        min_length=2, description="Labels or concept ids of which a source should use only one."
    )
    slots: tuple[SlotSelector, ...] = Field(default=(), description="Only these slots; default all.")


@rule_of(ConsistencySpec)
class ConsistencyRule(DeclarativeRule):
    kind: ClassVar[str] = "consistency"
    placeholders: ClassVar[tuple[str, ...]] = ("source", "values", "count")
    default_message: ClassVar[str] = "{source} mixes {count} terms for the {label}: {values}"
    default_category: ClassVar[Category] = "intra-source"
    spec: ConsistencySpec

    def __init__(self, spec: KindSpec, origin: str) -> None:
        super().__init__(spec, origin)
        from recoupe.vocab import fold_label

        self.keys = tuple(fold_label(t) for t in self.spec.terms)

    def _term_of(self, w: Wording, ctx: RuleContext) -> int | None:
        """Which of the terms (by index) a wording uses, if any."""
        from recoupe.vocab import fold_label

        vocab = getattr(ctx.normalizer, "vocab", None)
        concepts = getattr(w.value, "concepts", None)
        keys = {fold_label(value_text(c.claim.value)) for c in w.claims}
        for i, term in enumerate(self.spec.terms):
            if self.keys[i] in keys:
                return i
            if (
                concepts
                and vocab is not None
                and term in vocab
                and all(vocab.same(c, term) for c in concepts)
            ):
                return i
        return None

    def check(self, group: Group) -> Iterator[Draft]:
        if not in_slots(group.slot, self.spec.slots):
            return
        for source, wordings in group.by_source().items():
            used: dict[int, list[Wording]] = {}
            for w in wordings:
                i = self._term_of(w, group.ctx)
                if i is not None:
                    used.setdefault(i, []).append(w)
            if len(used) < 2:
                continue
            mixed = [w for i in sorted(used) for w in used[i]]
            claims = tuple(c for w in mixed for c in w.claims)
            yield Draft(
                message=self.render_group(
                    group,
                    source=group.ctx.source_label(source),
                    values=quoted(words(claims)),
                    count=len(used),
                ),
                claims=claims,
                category=self.spec.category or self.default_category,
            )
