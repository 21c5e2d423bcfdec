"""CMP009 compare.omitted: a member of a set that other sources give and one source's list leaves out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import held_by
from recoupe.rules.members import omissions


class Omitted(Rule):
    """A member of a set that two or more sources give, and that one source's list leaves out.

    Sets (parties, signatories, participants, content) are compared member by member. A source whose
    list lacks a member that at least two other sources give is less complete, not wrong: the
    finding names what it omits. A member given by one source only is COR001's matter, and a list
    that others fully repeat is corroborated.

    Passing (no finding): two sources list the same three signatories.

    Failing (one info finding): two sources list three signatories, a third lists two of them: it
    omits the third.
    """

    code: ClassVar[str] = "CMP009"
    name: ClassVar[str] = "compare.omitted"
    category: ClassVar[str] = "less-specific"
    severity: ClassVar[Severity] = Severity.INFO

    def check(self, group: Group) -> Iterator[Draft]:
        # a slot made multi-valued only by one source naming two towns is no list the others owe
        if len(group.sources) < 3 or not group.listed:
            return
        for source, member, own in omissions(group.positions, group.relate):
            listed = ", ".join(p.text for p in own)
            mine = {(c.source, c.claim.id): c for p in own for c in p.claims if c.source == source}
            theirs = {(c.source, c.claim.id): c for c in member.claims}
            yield Draft(
                f"{group.ctx.source_label(source)} lists {listed} among the {group.label} but omits "
                f"{member.text}, which {held_by(group, member)} give",
                tuple({**mine, **theirs}.values()),
                suggestion=f"check whether {member.text} belongs in {source}'s list",
            )


RULE = Omitted
