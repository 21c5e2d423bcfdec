"""CMP002 compare.less-specific: one source is only less precise than another."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import bundles, held_by, position_draft, positions_of, said, whom
from recoupe.rules.positions import Position


class LessSpecific(Rule):
    """One source is less precise than another, without contradicting it.

    The less precise value allows every world the more precise one does, and more: « coopération »
    against « déclaration d'entente » (a cooperation is launched; a declaration was signed),
    « ce lundi » against « 1er août 2022 », « quelque 15.000 » against « 15 000 », « 1,08 million »
    against « 1,089 million ». This is not a contradiction; an editor may still want the more precise
    wording. Values are compared within one counter at one time (a figure a source gives as its own
    is also held against the counters' figures); one finding per counter and time (and per figure given
    with no counter), however many sources hold each position.

    Passing (no finding): both sources say « déclaration d'entente ».

    Failing (one info finding): le360 says « coopération », declaration-entente says « déclaration
    d'entente »: declaration-entente is more precise. The finding's relation is that of the first
    position to the second.
    """

    code: ClassVar[str] = "CMP002"
    name: ClassVar[str] = "compare.less-specific"
    category: ClassVar[str] = "less-specific"
    severity: ClassVar[Severity] = Severity.INFO

    def check(self, group: Group) -> Iterator[Draft]:
        for bundle in bundles(group, Relation.NARROWER, Relation.BROADER, across=True):
            # (precise, vague), by the vague position
            by_vague: dict[int, tuple[Position, list[Position]]] = {}
            for a, b, rel in bundle:
                precise, vague = (a, b) if rel is Relation.NARROWER else (b, a)
                by_vague.setdefault(id(vague), (vague, []))[1].append(precise)
            if len(by_vague) == 1:  # the common case: one vaguer position, one or more precise ones
                [(vague, ps)] = by_vague.values()
                texts = ", ".join(p.text for p in ps)
                many = len({s for p in ps for s in p.sources}) > 1
                message = (
                    f"{whom(group, *ps)} {'are' if many else 'is'} more precise than {whom(group, vague)} "
                    f"on the {group.label}: {texts} {'is' if len(ps) == 1 else 'are'} narrower than {vague.text}"
                )
                suggestion = f"prefer {' or '.join(p.text for p in ps)} unless {held_by(group, vague)} has a reason to be vaguer"
            else:
                message = f"some sources are more precise than others on the {group.label}: " + "; ".join(
                    f"{' and '.join(said(group, p) for p in ps)} {'is' if len(ps) == 1 else 'are'} narrower than "
                    f"{said(group, vague)}"
                    for vague, ps in by_vague.values()
                )
                suggestion = "prefer the more precise wording unless a source has a reason to be vaguer"
            yield position_draft(
                message, positions_of(group, bundle), bundle[0].relation, suggestion=suggestion
            )


RULE = LessSpecific
