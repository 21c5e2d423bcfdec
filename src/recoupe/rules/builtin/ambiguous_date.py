"""DAT002 date.ambiguous-numeric: a numeric date that the source's language tag leaves ambiguous."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import noted_dates, who


class AmbiguousDate(Rule):
    """A numeric date that reads two ways under the source's language tag.

    `05/12/2024` is 5 December in French and in British English, and 12 May in American English. A
    source tagged `en` (no region) leaves it open: recoupe keeps both readings, so the claim never
    contradicts either, and may miss a real discrepancy.

    Passing (no finding): `05/12/2024` in a source tagged `fr` or `en-GB`.

    Failing (one warning): `05/12/2024` in a source tagged `en`.
    """

    code: ClassVar[str] = "DAT002"
    name: ClassVar[str] = "date.ambiguous-numeric"
    category: ClassVar[str] = "normalization"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, group: Group) -> Iterator[Draft]:
        return (Draft(f"{who(group, w)}: {doubt}", w.claims) for w, doubt in noted_dates(group, "doubt"))


RULE = AmbiguousDate
