"""ATT002 attribution.unattributed: a figure with no counter that excludes the counters' figures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import position_draft, said
from recoupe.rules.positions import PositionPair


class Unattributed(Rule):
    """A source gives a figure as its own, and it excludes every figure that a counter gives.

    « 40 morts », stated without saying who counted, against « 23 selon les autorités » and « 37
    selon une ONG »: the figure may come from a third counter the source does not name, or be wrong.
    A figure with no counter is never a contradiction of a counter's figure (at most this warning),
    and none is reported when it matches one counter's figure.

    Passing (no finding): « 37 morts » with no counter, against 23 according to the authorities
    and 37 according to an NGO.

    Failing (one warning): « 40 morts » with no counter, against 23 according to the authorities.
    """

    code: ClassVar[str] = "ATT002"
    name: ClassVar[str] = "attribution.unattributed"
    category: ClassVar[str] = "attribution"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, group: Group) -> Iterator[Draft]:
        by: dict[int, list[PositionPair]] = {}
        for pair in group.across_pairs:
            if not pair.left.counter.attributed and not pair.left.negated and not pair.right.negated:
                by.setdefault(id(pair.left), []).append(pair)
        for pairs in by.values():
            if not all(p.relation is Relation.DISJOINT for p in pairs):
                continue  # it matches, or may match, some counter's figure
            own = pairs[0].left
            others = [p.right for p in pairs]
            yield position_draft(
                f"{said(group, own)} gives no counter for the {group.label}, and its figure excludes "
                + "; ".join(said(group, o) for o in others),
                (own, *others),
                Relation.DISJOINT,
                suggestion="say whose figure it is ('attributed_to'), or check it",
            )


RULE = Unattributed
