"""The `require` kind: a slot every event must state, possibly by several sources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field

from recoupe.findings import Category
from recoupe.models import SlotName
from recoupe.rules.base import Draft, Group, RuleContext
from recoupe.rules.kinds.base import DeclarativeRule, Leveled, quoted, rule_of, words


class RequireSpec(Leveled):
    """Every event must state this slot, by at least `min_sources` distinct sources.

    Negated claims do not count: saying what something was not does not state what it was. Placeholders:
    {count} (sources that state it), {min_sources}, {sources}, {values}.
    """

    model_config = ConfigDict(title="require rule")

    kind: Literal["require"]
    slot: SlotName
    subject: str | None = Field(
        default=None,
        min_length=1,
        description="Only claims about this subject; default any subject, the event itself included.",
    )
    min_sources: int = Field(default=1, ge=1, description="How many distinct sources must state the slot.")

    def slot_references(self) -> Iterator[tuple[str, str]]:
        yield "slot", self.slot  # a slot name, never a family, so the selectors' check fits it


@rule_of(RequireSpec)
class RequireRule(DeclarativeRule):
    kind: ClassVar[str] = "require"
    scope: ClassVar[str] = "event"
    placeholders: ClassVar[tuple[str, ...]] = ("count", "min_sources", "sources", "values")
    default_message: ClassVar[str] = (
        "the {label} is stated by {count} source(s) ({sources}); at least {min_sources} required"
    )
    default_category: ClassVar[Category] = "uncorroborated"
    spec: RequireSpec

    def check_event(self, event: str, groups: list[Group], ctx: RuleContext) -> Iterator[Draft]:
        spec = self.spec
        stating = [
            c
            for g in groups
            if g.slot == spec.slot and (spec.subject is None or g.subject == spec.subject)
            for c in g.claims
            if not c.claim.negated
        ]
        sources = list(dict.fromkeys(c.source for c in stating))
        if len(sources) >= spec.min_sources:
            return
        subject = spec.subject or ""
        yield Draft(
            message=self.render(
                spec.slot,
                subject,
                event,
                count=len(sources),
                min_sources=spec.min_sources,
                sources=", ".join(ctx.source_label(s) for s in sources) or "none",
                values=quoted(words(stating)),
            ),
            claims=tuple(stating),
            category=spec.category or self.default_category,
            key=(event, subject, spec.slot),
        )
