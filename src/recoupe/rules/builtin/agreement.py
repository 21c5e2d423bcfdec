"""CMP001 compare.agreement: two sources say the same thing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import bundle_draft, bundles, who


class Agreement(Rule):
    """Two sources state the same value for the same point.

    Values are compared after normalization, so « Rabat » and « à Rabat », or « ce lundi »
    (published Monday 1 August 2022) and « 1er août 2022 », agree.

    Passing (no finding): one source says « Rabat », the other « Tunis » (that is a contradiction,
    reported by CMP004).

    Failing (one info finding): le360 says « à Rabat » and declaration-entente says « Rabat » for the
    place of the event. All the agreeing wordings of two sources on one point make one finding.
    """

    code: ClassVar[str] = "CMP001"
    name: ClassVar[str] = "compare.agreement"
    category: ClassVar[str] = "agreement"
    severity: ClassVar[Severity] = Severity.INFO

    def check(self, group: Group) -> Iterator[Draft]:
        for b in bundles(group, Relation.EQUAL):
            yield bundle_draft(
                b,
                f"{who(group, b.left[0])} and {who(group, b.right[0])} agree on the {group.label}: "
                f"{b.text(b.left)} = {b.text(b.right)}",
            )


RULE = Agreement
