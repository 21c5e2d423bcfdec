"""CMP002 compare.less-specific: one source is only less precise than another."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import bundle_draft, bundles, who


class LessSpecific(Rule):
    """One source is less precise than another, without contradicting it.

    The less precise value allows every world the more precise one does, and more: « coopération »
    against « déclaration d'entente » (a cooperation is launched; a declaration was signed),
    « ce lundi » against « 1er août 2022 », « quelque 15.000 » against « 15 000 ». This is not a
    contradiction; an editor may still want the more precise wording.

    Passing (no finding): both sources say « déclaration d'entente ».

    Failing (one info finding): le360 says « coopération », declaration-entente says « déclaration
    d'entente »: declaration-entente is more precise. The finding's relation is that of the first
    source's wordings to the second's; all such pairs of two sources on one point make one finding.
    """

    code: ClassVar[str] = "CMP002"
    name: ClassVar[str] = "compare.less-specific"
    category: ClassVar[str] = "less-specific"
    severity: ClassVar[Severity] = Severity.INFO

    def check(self, group: Group) -> Iterator[Draft]:
        for b in bundles(group, Relation.NARROWER, Relation.BROADER):
            precise, vague = (b.left, b.right) if b.relation is Relation.NARROWER else (b.right, b.left)
            yield bundle_draft(
                b,
                f"{who(group, precise[0])} is more precise than {who(group, vague[0])} on the {group.label}: "
                f"{b.text(precise)} is narrower than {b.text(vague)}",
                suggestion=f"prefer {b.text(precise)} unless {who(group, vague[0])} has a reason to be vaguer",
            )


RULE = LessSpecific
