"""COR001 coverage.uncorroborated: a point only one source makes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import who


class Uncorroborated(Rule):
    """A point that only one of the event's sources makes.

    Reported only for events that have at least two sources: with a single source, everything is
    uncorroborated and the finding would say nothing. For a slot whose claims each name one member
    of a set (participants, the content of an agreement), each member that no other source matches
    is reported on its own.

    Passing (no finding): both articles state the place of the event.

    Failing (one info finding): only le360 reports « quelque 15.000 » attempts prevented.
    """

    code: ClassVar[str] = "COR001"
    name: ClassVar[str] = "coverage.uncorroborated"
    category: ClassVar[str] = "uncorroborated"
    severity: ClassVar[Severity] = Severity.INFO

    def check(self, group: Group) -> Iterator[Draft]:
        for p in group.unmatched_positions:
            yield Draft(
                message=f"only {group.ctx.source_label(p.sources[0])}"
                + (f" (quoting {p.counter.label})" if p.counter.attributed else "")
                + f" mentions {p.text} among the {group.label}",
                claims=p.claims,
            )
        if len(group.sources) != 1 or len(group.ctx.event_sources.get(group.event, ())) < 2:
            return
        w = group.wordings[0]
        values = ", ".join(x.text for x in group.wordings)
        yield Draft(
            message=f"only {who(group, w)} states the {group.label}: {values}",
            claims=tuple(group.claims),
        )


RULE = Uncorroborated
