"""PRT001 parts.exceeds-whole: a part counted above the whole it belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule, RuleContext
from recoupe.rules.builtin._compare import below, said
from recoupe.rules.positions import same_time


class PartExceedsWhole(Rule):
    """A figure is larger than the figure of the whole it is part of, for one counter at one time.

    The slot vocabulary says which figures lie within which: `quantity:dead` and `quantity:missing`
    within `quantity:dead-or-missing`; a project adds its own (dead in Derna within dead in eastern
    Libya) with `within:` on its slots. Only figures of one counter at one time are held against
    each other: the authorities' dead against the authorities' dead-or-missing.

    Passing (no finding): 23 dead and 60 dead or missing according to the authorities.

    Failing (one error): 70 dead and 60 dead or missing according to the authorities, on one day.
    """

    code: ClassVar[str] = "PRT001"
    name: ClassVar[str] = "parts.exceeds-whole"
    category: ClassVar[str] = "parts"
    severity: ClassVar[Severity] = Severity.ERROR
    scope: ClassVar[str] = "event"

    def check_event(self, event: str, groups: list[Group], ctx: RuleContext) -> Iterator[Draft]:
        if ctx.slots is None:
            return
        index = {(g.subject, g.slot): g for g in groups}
        for g in groups:
            whole_slot = ctx.slots.within(g.slot)
            whole = index.get((g.subject, whole_slot)) if whole_slot else None
            if whole is None:
                continue
            for part in g.positions:
                for w in whole.positions:
                    if (
                        part.negated
                        or w.negated
                        or not part.counter.same_as(w.counter)
                        or not same_time(part, w)
                    ):
                        continue
                    if below(w, part):
                        yield Draft(
                            f"{said(g, part)} for the {g.label} is more than {said(whole, w)} for the "
                            f"{whole.label}, which it is part of",
                            part.claims + w.claims,
                            Relation.DISJOINT,
                            key=(g.event, g.subject, g.slot),
                            positions=(part, w),
                        )


RULE = PartExceedsWhole
