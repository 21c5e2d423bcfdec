"""ATT001 attribution.misattributed: one figure credited to different counters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.quantities import QuantityValue
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import held_by, linked, position_draft, positions_of
from recoupe.rules.positions import PositionPair


class Misattributed(Rule):
    """Different sources credit the same exact figure to different counters.

    One source gives 3,252 dead as the minister's figure, another as the Red Crescent's: one of them
    has most likely credited it to the wrong counter. Two counters can of course arrive at one
    count, so this is a warning to check, not an error. Only exact figures are held to it (an
    approximate « environ 2 000 » from two counters is no sign of anything), and a source that
    itself credits the figure to both counters settles the matter.

    Passing (no finding): one source says 23 according to the authorities and to the Red Cross.

    Failing (one warning): source a says 3 252 according to the minister, source b 3 252 according
    to the Red Crescent.
    """

    code: ClassVar[str] = "ATT001"
    name: ClassVar[str] = "attribution.misattributed"
    category: ClassVar[str] = "attribution"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, group: Group) -> Iterator[Draft]:
        ps = [
            p
            for p in group.positions
            if p.counter.attributed
            and not p.negated
            and isinstance(p.value, QuantityValue)
            and p.value.is_point
        ]
        pairs = [
            PositionPair(a, b, Relation.EQUAL)
            for i, a in enumerate(ps)
            for b in ps[i + 1 :]
            if not a.counter.same_as(b.counter)
            and not set(a.sources) & set(b.sources)
            and group.relate(a, b) is Relation.EQUAL
        ]
        for bundle in linked(pairs):
            named = positions_of(group, bundle)
            yield position_draft(
                f"the same figure {named[0].text} for the {group.label} is credited to "
                + "; ".join(f"{p.counter.label} by {held_by(group, p)}" for p in named)
                + ": one attribution may be wrong",
                named,
                Relation.EQUAL,
                suggestion="check who gave the figure first",
            )


RULE = Misattributed
