"""REF001 reference.contradiction: a source contradicts an official record."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import pair_draft, pairs_with, who


class ReferenceContradiction(Rule):
    """A claim contradicts a source of kind `reference` (an official record).

    Sources of kind `reference` (a decree, a treaty's text, a court record) are what other sources
    are held against: a disagreement with one is not a matter of two accounts but an error.

    Passing (no finding): the reference says « 1 août 2022 », the article « ce lundi » (published
    that Monday): they agree.

    Failing (one error): the reference says « 1 août 2022 », the article « 3 août 2022 ».
    """

    code: ClassVar[str] = "REF001"
    name: ClassVar[str] = "reference.contradiction"
    category: ClassVar[str] = "reference"
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, group: Group) -> Iterator[Draft]:
        disjoint = pairs_with(group, Relation.DISJOINT)
        kind = group.ctx.source_kind
        for p in disjoint:
            ref_left, ref_right = kind(p.left.source) == "reference", kind(p.right.source) == "reference"
            if ref_left == ref_right:
                continue  # two articles (CMP004), or two references disagreeing with each other (CMP004 skips; see below)
            ref, other = (p.left, p.right) if ref_left else (p.right, p.left)
            yield pair_draft(
                group,
                p,
                f"{who(group, other)} contradicts the reference {who(group, ref)} on the {group.label}: "
                f"{other.text} excludes {ref.text}",
                suggestion=f"the reference says {ref.text}",
            )
        for p in disjoint:
            if kind(p.left.source) == kind(p.right.source) == "reference":
                yield pair_draft(
                    group,
                    p,
                    f"the references {who(group, p.left)} and {who(group, p.right)} contradict each other on the "
                    f"{group.label}: {p.left.text} excludes {p.right.text}",
                )


RULE = ReferenceContradiction
