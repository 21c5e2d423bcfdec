"""The `compare` kind: the relation between two sources' values, mapped to a severity per relation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field

from recoupe.findings import Category, Severity
from recoupe.models import ClaimType
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group
from recoupe.rules.kinds.base import (
    DeclarativeRule,
    KindSpec,
    Level,
    RelationName,
    SlotSelector,
    in_slots,
    rule_of,
    words,
)

# A compare rule without a `category` files each finding by its relation.
RELATION_CATEGORY: dict[str, Category] = {
    "EQUAL": "agreement",
    "NARROWER": "less-specific",
    "BROADER": "less-specific",
    "OVERLAP": "partial",
    "DISJOINT": "contradiction",
    "UNKNOWN": "custom",
}


class CompareSpec(KindSpec):
    """Compare the positions of a group (the values of one counter at one time, each held by one or
    more sources); report the relations you map to a severity, one finding per pair of positions.

    Placeholders: {left}, {right} (the wordings), {left_source}, {right_source}, {relation}.
    """

    model_config = ConfigDict(title="compare rule")

    kind: Literal["compare"]
    relations: dict[RelationName, Level] = Field(
        min_length=1,
        description="The relations to report, each with its severity, e.g. {DISJOINT: error, OVERLAP: warning}. "
        "Relations left out are not reported.",
    )
    slots: tuple[SlotSelector, ...] = Field(default=(), description="Only these slots; default all.")
    types: tuple[ClaimType, ...] = Field(default=(), description="Only claims of these types; default all.")


@rule_of(CompareSpec)
class CompareRule(DeclarativeRule):
    kind: ClassVar[str] = "compare"
    placeholders: ClassVar[tuple[str, ...]] = ("left", "right", "left_source", "right_source", "relation")
    default_message: ClassVar[str] = (
        "{left_source} says « {left} », {right_source} says « {right} »: {relation} ({label})"
    )
    spec: CompareSpec

    def __init__(self, spec: KindSpec, origin: str) -> None:
        super().__init__(spec, origin)
        self.levels = {str(r): Severity(level) for r, level in self.spec.relations.items()}

    @classmethod
    def severity_of(cls, spec: KindSpec) -> Severity:
        assert isinstance(spec, CompareSpec)
        return max((Severity(v) for v in spec.relations.values()), key=lambda s: s.rank)

    @classmethod
    def category_of(cls, spec: KindSpec) -> str:
        assert isinstance(spec, CompareSpec)
        return spec.category or (
            RELATION_CATEGORY[next(iter(spec.relations))] if len(spec.relations) == 1 else "custom"
        )

    def check(self, group: Group) -> Iterator[Draft]:
        spec = self.spec
        if not in_slots(group.slot, spec.slots):
            return
        ctx = group.ctx
        # positions within one counter and time; those of two counters (or of a counter and nobody)
        # only where they are compatible: two counters never contradict each other (CMP005, ATT002)
        across = [p for p in group.across_pairs if p.relation is not Relation.DISJOINT]
        for pair in (*group.position_pairs, *across):
            level = self.levels.get(pair.relation.value)
            if level is None:
                continue
            if spec.types and not (
                pair.left.claims[0].type in spec.types and pair.right.claims[0].type in spec.types
            ):
                continue
            yield Draft(
                message=self.render_group(
                    group,
                    left=" / ".join(words(pair.left.claims)),
                    right=" / ".join(words(pair.right.claims)),
                    left_source=", ".join(ctx.source_label(s) for s in pair.left.sources),
                    right_source=", ".join(ctx.source_label(s) for s in pair.right.sources),
                    relation=pair.relation.value,
                ),
                claims=(*pair.left.claims, *pair.right.claims),
                relation=pair.relation,
                category=spec.category or RELATION_CATEGORY[pair.relation.value],
                severity=level,
                positions=(pair.left, pair.right),
            )
