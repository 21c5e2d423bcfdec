"""CMP001 compare.agreement: several sources say the same thing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import bundles, position_draft, positions_of, said, whom
from recoupe.rules.positions import quote


class Agreement(Rule):
    """Two or more sources state the same value for the same point.

    Values are compared after normalization, so « Rabat » and « à Rabat », or « ce lundi »
    (published Monday 1 August 2022) and « 1er août 2022 », agree. Sources that give the same value
    from the same counter at the same time hold one *position*, and a position held by several
    sources is one finding, however many they are. Two counters that give the same value at the
    same time agree too (the police and the organisers both date a march to 1 May), and so do a
    value a source gives as its own and a counter's.

    Passing (no finding): one source says « Rabat », the other « Tunis » (that is a contradiction,
    reported by CMP004).

    Failing (one info finding): le360 says « à Rabat » and declaration-entente says « Rabat » for the
    place of the event.
    """

    code: ClassVar[str] = "CMP001"
    name: ClassVar[str] = "compare.agreement"
    category: ClassVar[str] = "agreement"
    severity: ClassVar[Severity] = Severity.INFO

    def check(self, group: Group) -> Iterator[Draft]:
        for p in group.positions:
            if len(p.sources) > 1 and not p.negated:
                yield position_draft(
                    f"{whom(group, p)} agree on the {group.label}: {quote(p.claims, ' = ')}",
                    (p,),
                    Relation.EQUAL,
                )
        for bundle in bundles(group, Relation.EQUAL, across=True):  # two counters, or a counter and nobody
            ps = positions_of(group, bundle)
            yield position_draft(
                f"{said(group, ps[0])} agrees with {', '.join(said(group, p) for p in ps[1:])} on the {group.label}",
                ps,
                Relation.EQUAL,
            )


RULE = Agreement
