"""INT001 consistency.intra-source: one source names the same thing in incompatible ways."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.positions import Position, quote

_WORST = (Relation.DISJOINT, Relation.OVERLAP, Relation.NARROWER, Relation.BROADER)


class IntraSource(Rule):
    """One source gives the same point several values that are not the same concept.

    A reader of that source cannot tell which is meant. The second seed article calls one document a
    « déclaration d'entente », an « accord », a « convention » and a « déclaration d'intention »: a
    declaration of understanding and a declaration of intent are distinct instruments, and an
    « accord » or « convention » says nothing of which. The finding is a warning when two of the
    values are distinct (they overlap or exclude each other) and information when the source only
    alternates between a broader and a narrower name.

    Values are only held against each other within one counter at one time: a source that gives
    the ministry's count and the union's, or yesterday's toll and today's, is doing its job. Slots
    whose claims each name one member of a set (participants, content) are not checked.

    Passing (no finding): the source says « déclaration d'entente » twice.

    Failing (one warning): « déclaration d'entente » and « déclaration d'intention » in one source.
    """

    code: ClassVar[str] = "INT001"
    name: ClassVar[str] = "consistency.intra-source"
    category: ClassVar[str] = "intra-source"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, group: Group) -> Iterator[Draft]:
        if group.multiple:
            return  # each claim names another member of a set: several values are expected
        if len(group.positions) == 1:
            return  # every source says one same thing, the common case
        for cell in group.cells:
            if len(cell) < 2:
                continue  # one value per counter and time; several counters or times are no fault
            by_source: dict[str, list[Position]] = {}
            for p in cell:
                for s in p.sources:
                    by_source.setdefault(s, []).append(p)
            for source, ps in by_source.items():
                if len(ps) > 1:
                    yield from self._report(group, source, ps)

    def _report(self, group: Group, source: str, ps: list[Position]) -> Iterator[Draft]:
        relations = [group.relate(a, b) for i, a in enumerate(ps) for b in ps[i + 1 :]]
        worst = next((r for r in _WORST if r in relations), None)
        if worst is None:
            return  # all the same concept, or not comparable (free text)
        names = ", ".join(quote([c for c in p.claims if c.source == source]) for p in ps)
        distinct = worst in (Relation.DISJOINT, Relation.OVERLAP)
        yield Draft(
            message=f"{group.ctx.source_label(source)} names the {group.label} in {len(ps)} different ways: {names}"
            + (" — some of them are distinct concepts" if distinct else " — broader and narrower names"),
            claims=tuple(c for p in ps for c in p.claims if c.source == source),
            relation=worst,
            suggestion="use one name throughout, the most precise the source can support",
            severity=None if distinct else Severity.INFO,
        )


RULE = IntraSource
