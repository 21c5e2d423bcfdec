"""CMP003 compare.partial: two values are only partly compatible."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import bundle_draft, bundles, who


class Partial(Rule):
    """Two sources give values that overlap without one containing the other.

    Both can be true at once, but neither implies the other: « quelque 15.000 » (13,500 to 16,500 by
    default) against « plus de 14 000 »; « déclaration d'entente » against « déclaration
    d'intention » (near-synonyms in press usage, distinct types of non-binding instrument).

    Passing (no finding): « 15 000 » against « quelque 15.000 » (less specific, CMP002).

    Failing (one warning): « quelque 15.000 » against « plus de 14 000 ». All such pairs of two sources on
    one point make one finding.
    """

    code: ClassVar[str] = "CMP003"
    name: ClassVar[str] = "compare.partial"
    category: ClassVar[str] = "partial"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, group: Group) -> Iterator[Draft]:
        for b in bundles(group, Relation.OVERLAP):
            yield bundle_draft(
                b,
                f"{who(group, b.left[0])} and {who(group, b.right[0])} only partly agree on the {group.label}: "
                f"{b.text(b.left)} overlaps {b.text(b.right)}",
            )


RULE = Partial
