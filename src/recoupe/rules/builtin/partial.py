"""CMP003 compare.partial: two values are only partly compatible."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import bundles, held_by, position_draft, positions_of, said
from recoupe.rules.positions import Position


class Partial(Rule):
    """Two sources give values that overlap without one containing the other.

    Both can be true at once, but neither implies the other: « quelque 15.000 » (13,500 to 16,500 by
    default) against « plus de 14 000 »; « déclaration d'entente » against « déclaration
    d'intention » (near-synonyms in press usage, distinct types of non-binding instrument). Values
    are compared within one counter at one time; one finding per counter and time.

    Passing (no finding): « 15 000 » against « quelque 15.000 » (less specific, CMP002).

    Failing (one warning): « quelque 15.000 » against « plus de 14 000 ».
    """

    code: ClassVar[str] = "CMP003"
    name: ClassVar[str] = "compare.partial"
    category: ClassVar[str] = "partial"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, group: Group) -> Iterator[Draft]:
        for bundle in bundles(group, Relation.OVERLAP, across=True):
            by_right: dict[int, tuple[Position, list[Position]]] = {}
            for a, b, _ in bundle:
                by_right.setdefault(id(b), (b, []))[1].append(a)
            yield position_draft(
                f"sources only partly agree on the {group.label}: "
                + "; ".join(
                    f"{', '.join(p.text for p in ps)} ({held_by(group, *ps)}) "
                    f"{'overlaps' if len(ps) == 1 else 'overlap'} {said(group, b)}"
                    for b, ps in by_right.values()
                ),
                positions_of(group, bundle),
                Relation.OVERLAP,
            )


RULE = Partial
