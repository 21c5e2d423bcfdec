"""CMP008 compare.decreasing: a toll that falls over time from one counter."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import below, position_draft, said
from recoupe.rules.builtin.update import moments, repeats
from recoupe.rules.positions import timelines


class Decreasing(Rule):
    """A cumulative figure (a death toll) that goes down over time from one counter.

    A toll can be revised downwards (double counts removed, a body identified as someone already
    counted), but rarely: a fall is worth a second look. It applies to slots marked `cumulative` in
    the slot vocabulary (dead, injured, arrested). A source repeating an older, lower figure is
    reported as outdated (CMP007) instead.

    Passing (no finding): the authorities' toll goes from 18 on 24 June to 23 on 25 June.

    Failing (one warning): it goes from 23 on 25 June to 20 on 26 June.
    """

    code: ClassVar[str] = "CMP008"
    name: ClassVar[str] = "compare.decreasing"
    category: ClassVar[str] = "update"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, group: Group) -> Iterator[Draft]:
        slots = group.ctx.slots
        if slots is None or not slots.cumulative(group.slot):
            return
        for line in timelines(group.positions):
            steps = moments(line)
            old = repeats(group, steps)
            for before, after in itertools.pairwise(steps):
                for p in after:
                    prior = [q for q in before if below(p, q)]
                    if id(p) not in old and prior and len(prior) == len(before):
                        yield position_draft(
                            f"the {group.label} went down over time: {said(group, prior[-1])} then {said(group, p)}",
                            (prior[-1], p),
                            None,
                        )


RULE = Decreasing
