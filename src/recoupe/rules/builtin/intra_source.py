"""INT001 consistency.intra-source: one source names the same thing in incompatible ways."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import who

_WORST = (Relation.DISJOINT, Relation.OVERLAP, Relation.NARROWER, Relation.BROADER)


class IntraSource(Rule):
    """One source gives the same point several values that are not the same concept.

    A reader of that source cannot tell which is meant. The second seed article calls one document a
    « déclaration d'entente », an « accord », a « convention » and a « déclaration d'intention »: a
    declaration of understanding and a declaration of intent are distinct instruments, and an
    « accord » or « convention » says nothing of which. The finding is a warning when two of the
    values are distinct (they overlap or exclude each other) and information when the source only
    alternates between a broader and a narrower name.

    Slots whose claims each name one member of a set (participants, content) are not checked.

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
        if len(group.wordings) == len(group.sources):
            return  # one value per source, the common case
        for ws in group.by_source().values():
            if len(ws) < 2:
                continue
            relations = [group.relate(a, b) for i, a in enumerate(ws) for b in ws[i + 1 :]]
            worst = next((r for r in _WORST if r in relations), None)
            if worst is None:
                continue  # all the same concept, or not comparable (free text)
            names = ", ".join(w.text for w in ws)
            distinct = worst in (Relation.DISJOINT, Relation.OVERLAP)
            yield Draft(
                message=f"{who(group, ws[0])} names the {group.label} in {len(ws)} different ways: {names}"
                + (" — some of them are distinct concepts" if distinct else " — broader and narrower names"),
                claims=tuple(c for w in ws for c in w.claims),
                relation=worst,
                suggestion="use one name throughout, the most precise the source can support",
                severity=None if distinct else Severity.INFO,
            )


RULE = IntraSource
