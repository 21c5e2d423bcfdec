"""CMP005 compare.divergent-accounts: two counters give figures that exclude each other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import position_draft, said
from recoupe.rules.positions import Position, same_time


class DivergentAccounts(Rule):
    """Two counters give values that exclude each other: divergent accounts, not a contradiction.

    « 23 morts selon les autorités » and « 37 morts selon Caminando Fronteras » are both faithful
    reports: two counters counted differently, and a newsroom reports both. The finding lists each
    counter's figure with the sources that give it, once per group. A counter is the claim's
    `attributed_to`, resolved through the registries; a body `partOf` another counts as the same
    counter, so its figures are compared (CMP004), not set side by side.

    Passing (no finding): the authorities' 23 given by two sources.

    Failing (one info finding): 23 according to the authorities, 37 according to Caminando
    Fronteras, on the same day.
    """

    code: ClassVar[str] = "CMP005"
    name: ClassVar[str] = "compare.divergent-accounts"
    category: ClassVar[str] = "divergent"
    severity: ClassVar[Severity] = Severity.INFO

    def check(self, group: Group) -> Iterator[Draft]:
        ps = [p for p in group.positions if p.counter.attributed and not p.negated]
        involved: dict[int, Position] = {}
        for i, a in enumerate(ps):
            for b in ps[i + 1 :]:
                if (
                    not a.counter.same_as(b.counter)
                    and same_time(a, b)
                    and group.relate(a, b) is Relation.DISJOINT
                ):
                    involved.setdefault(id(a), a)
                    involved.setdefault(id(b), b)
        if not involved:
            return
        shown = sorted(involved.values(), key=lambda p: ps.index(p))
        yield position_draft(
            f"the accounts diverge on the {group.label}: " + "; ".join(said(group, p) for p in shown),
            shown,
            Relation.DISJOINT,
        )


RULE = DivergentAccounts
