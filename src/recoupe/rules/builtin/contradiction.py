"""CMP004 compare.contradiction: two positions of one counter at one time cannot both be right."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.normalize.terms import TermValue
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import (
    bundles,
    held_by,
    involves_reference,
    position_draft,
    positions_of,
    said,
    whom,
)
from recoupe.rules.positions import Position, PositionPair, qualifiers


def sibling_note(group: Group, a: Position, b: Position) -> str:
    """For two terms under a common broader concept, say so: the usual source of the confusion."""
    if not (isinstance(a.value, TermValue) and isinstance(b.value, TermValue)):
        return ""
    vocab = group.ctx.normalizer.vocab
    parent = vocab.nearest_common_ancestor(a.value.concepts, b.value.concepts)
    if parent is None:
        return ""
    return f" (two distinct concepts, both under « {vocab.label(parent)} »)"


def _message(group: Group, pair: PositionPair) -> str:
    a, b = pair.left, pair.right
    if a.negated != b.negated and a.counter.attributed:
        denial, credit = (a, b) if a.negated else (b, a)
        return (
            f"{held_by(group, denial)} reports that {denial.counter.label} denies the figure {credit.text} "
            f"on the {group.label}, which {held_by(group, credit)} credits to {credit.counter.label}"
        )
    qa, qb = qualifiers(a), qualifiers(b)
    both = f"{held_by(group, a)} and {held_by(group, b)}{f' ({qa})' if qa else ''}" if qa == qb else ""
    return (
        f"{both or whom(group, a) + ' and ' + whom(group, b)} contradict each other on the {group.label}: "
        f"{a.text} excludes {b.text}{sibling_note(group, a, b)}"
    )


class Contradiction(Rule):
    """Two sources state values that exclude each other, from the same counter at the same time.

    The sets of worlds the two wordings allow do not meet: 23 dead against 37 dead from the same
    authorities on the same day, 1 August against 3 August, « traite des êtres humains »
    (trafficking in persons) against « trafic illicite de migrants » (smuggling of migrants) — two
    legally distinct offences under the same parent, which the message names. A counter that denies
    a figure others credit to it contradicts them too. One finding per pair of positions, however
    many sources hold each; all the figures of one counter at one time that exclude each other make one finding.

    Not contradictions: figures of two different counters (CMP005, divergent accounts); one
    counter's figures at two times (CMP006, an update); a figure with no counter against a counter's
    (ATT002). A contradiction involving a hedged position is a warning, and so is one between a
    dated and an undated figure of an evolving slot, where an update cannot be ruled out.
    Contradictions with a source of kind `reference` are reported by REF001 instead.

    Passing (no finding): « 23 morts selon les autorités » against « 37 morts selon Caminando
    Fronteras ».

    Failing (one error): three sources give the authorities' toll on one day as 23, 23 and 37.
    """

    code: ClassVar[str] = "CMP004"
    name: ClassVar[str] = "compare.contradiction"
    category: ClassVar[str] = "contradiction"
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, group: Group) -> Iterator[Draft]:
        for bundle in bundles(group, Relation.DISJOINT):
            pairs = [
                p
                for p in bundle
                if not (involves_reference(group, p.left) or involves_reference(group, p.right))
            ]
            if not pairs:
                continue
            soft = all(p.left.hedged or p.right.hedged for p in pairs)
            yield position_draft(
                "; ".join(_message(group, p) for p in pairs) + (" (hedged)" if soft else ""),
                positions_of(group, pairs),
                Relation.DISJOINT,
                severity=Severity.WARNING if soft else None,
            )
        if group.evolving:
            yield from self._undated(group)

    def _undated(self, group: Group) -> Iterator[Draft]:
        """An undated figure that no dated figure of its counter allows: an update or a contradiction."""
        dated = [p for p in group.positions if p.moment is not None and not p.negated]
        for u in group.positions:
            if u.moment is not None or u.negated:
                continue
            same = [d for d in dated if d.counter.same_as(u.counter) and not d.shares_only(u)]
            if not same or any(group.relate(u, d) is not Relation.DISJOINT for d in same):
                continue
            latest = max(same, key=lambda d: d.moment.start if d.moment else 0)
            yield position_draft(
                f"{said(group, u)} excludes {said(group, latest)} on the {group.label}, but has no date: "
                "it may be an earlier or later figure rather than a contradiction",
                (u, latest),
                Relation.DISJOINT,
                severity=Severity.WARNING,
                suggestion="give the claim an 'as_of' date, or its source a 'published' date",
            )


RULE = Contradiction
