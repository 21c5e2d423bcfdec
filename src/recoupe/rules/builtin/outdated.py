"""CMP007 compare.outdated: a source gives a figure its counter had already replaced."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import position_draft, said
from recoupe.rules.builtin.update import moments, repeats
from recoupe.rules.positions import timelines


class Outdated(Rule):
    """A source gives a counter's figure that the counter had already replaced by a newer one.

    The authorities gave 18 dead on 24 June and 23 on 25 June; an article published on 26 June that
    still gives 18, as of its publication, reports an outdated figure. A claim whose `as_of` says
    that the figure is the earlier one is not outdated: it reports history.

    Passing (no finding): the 26 June article gives 18 with `as_of: 2022-06-24`.

    Failing (one warning): the 26 June article gives 18 without `as_of`.
    """

    code: ClassVar[str] = "CMP007"
    name: ClassVar[str] = "compare.outdated"
    category: ClassVar[str] = "update"
    severity: ClassVar[Severity] = Severity.WARNING

    def check(self, group: Group) -> Iterator[Draft]:
        for line in timelines(group.positions):
            steps = moments(line)
            old = repeats(group, steps)
            for p in (p for s in steps for p in s):
                newer = old.get(id(p))
                if newer is not None:
                    yield position_draft(
                        f"{said(group, p)} gives an outdated figure for the {group.label}: "
                        f"it had already been replaced by {said(group, newer)}",
                        (p, newer),
                        None,
                        suggestion=f"give the newer figure {newer.text}, or an 'as_of' date for the older one",
                    )


RULE = Outdated
