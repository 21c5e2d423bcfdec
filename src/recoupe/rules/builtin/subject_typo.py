"""VAL002 input.subject-typo: a subject one source uses, one edit away from the one other sources use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.load.lint import subject_typo_messages
from recoupe.rules.base import Draft, Group, Rule, RuleContext


class SubjectTypo(Rule):
    """A subject that only one source of an event uses, one edit away from a subject other sources use.

    Claims are grouped by subject: « migrant-baot » in one file makes a group of its own, so its
    claims are compared with nothing and every disagreement they hold goes unseen.

    Passing (no finding): every source writes « migrant-boat ».

    Failing (one warning): two sources write « migrant-boat », a third « migrant-baot ».
    """

    code: ClassVar[str] = "VAL002"
    name: ClassVar[str] = "input.subject-typo"
    category: ClassVar[str] = "evidence"
    scope: ClassVar[str] = (
        "event"  # subjects are compared across the event's groups; a warning, as Rule's default
    )

    def check_event(self, event: str, groups: list[Group], ctx: RuleContext) -> Iterator[Draft]:
        claims = [c for g in groups for c in g.claims]
        for c, message in subject_typo_messages(claims):
            yield Draft(message, (c,), suggestion="use the subject the other sources use, if it is the same")


RULE = SubjectTypo
