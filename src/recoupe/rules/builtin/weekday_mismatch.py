"""DAT001 date.weekday-mismatch: a date whose weekday cannot be right."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import noted_dates, who


class WeekdayMismatch(Rule):
    """A date whose weekday cannot be right: the source contradicts itself.

    « samedi 17 septembre 2023 » names a Saturday, but 17 September 2023 was a Sunday: one of the two
    is wrong, and nothing in the claim says which. recoupe keeps the date (the more specific of the
    two) to compare the claim with others, and reports the mismatch. The same holds for « ce lundi »
    with no other date in an article published on a Wednesday: this week's Monday is not the
    publication day, which is what « ce lundi » means in a news report.

    Passing (no finding): « lundi 1er août 2022 » (a Monday).

    Failing (one error): « samedi 17 septembre 2023 ».
    """

    code: ClassVar[str] = "DAT001"
    name: ClassVar[str] = "date.weekday-mismatch"
    category: ClassVar[str] = "intra-source"
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, group: Group) -> Iterator[Draft]:
        for w, conflict in noted_dates(group, "conflict"):
            yield Draft(
                message=f"{who(group, w)} gives the {group.label} as {w.text}, but {conflict}",
                claims=w.claims,
                suggestion="check the date and the weekday against the text and the source's publication date",
            )


RULE = WeekdayMismatch
