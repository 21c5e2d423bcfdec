"""REF001 reference.contradiction: a source contradicts an official record."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import involves_reference, pairs_in, position_draft, whom


class ReferenceContradiction(Rule):
    """A claim contradicts a source of kind `reference` (an official record).

    Sources of kind `reference` (a decree, a treaty's text, a court record) are what other sources
    are held against: a disagreement with one is not a matter of two accounts but an error. As for
    CMP004, values are compared within one counter at one time.

    Passing (no finding): the reference says « 1 août 2022 », the article « ce lundi » (published
    that Monday): they agree.

    Failing (one error): the reference says « 1 août 2022 », the article « 3 août 2022 ».
    """

    code: ClassVar[str] = "REF001"
    name: ClassVar[str] = "reference.contradiction"
    category: ClassVar[str] = "reference"
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, group: Group) -> Iterator[Draft]:
        for pair in pairs_in(group, Relation.DISJOINT):
            ref_left, ref_right = involves_reference(group, pair.left), involves_reference(group, pair.right)
            if not (ref_left or ref_right):
                continue  # two articles: CMP004
            if ref_left and ref_right:
                message = (
                    f"the references {whom(group, pair.left)} and {whom(group, pair.right)} contradict each other "
                    f"on the {group.label}: {pair.left.text} excludes {pair.right.text}"
                )
                suggestion = None
            else:
                ref, other = (pair.left, pair.right) if ref_left else (pair.right, pair.left)
                message = (
                    f"{whom(group, other)} contradicts the reference {whom(group, ref)} on the {group.label}: "
                    f"{other.text} excludes {ref.text}"
                )
                suggestion = f"the reference says {ref.text}"
            yield position_draft(message, (pair.left, pair.right), Relation.DISJOINT, suggestion=suggestion)


RULE = ReferenceContradiction
