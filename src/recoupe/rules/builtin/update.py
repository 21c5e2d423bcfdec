"""CMP006 compare.update: one counter's figure changed over time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Rule
from recoupe.rules.builtin._compare import held_by, position_draft
from recoupe.rules.positions import Position, timelines


def step(group: Group, ps: list[Position]) -> str:
    """« 18 » (2022-06-24: le360): one moment of a timeline."""
    first = ps[0]
    when = first.moment.text if first.moment is not None else "undated"
    return " / ".join(f"{p.text} ({when}: {held_by(group, p)})" for p in ps)


def moments(line: list[Position]) -> list[list[Position]]:
    """A timeline's positions by moment, in time order."""
    out: list[list[Position]] = []
    for p in line:
        if out and out[-1][0].moment == p.moment:
            out[-1].append(p)
        else:
            out.append([p])
    return out


class Update(Rule):
    """One counter gave different figures at different times: an update, not a contradiction.

    « 5 morts », then « 18 », then « 23 », from the same authorities on successive days, is how a
    toll is reported as an event unfolds. When a figure held is the claim's `as_of`, or for slots
    marked `evolving` in the slot vocabulary (dead, injured, missing, arrested, displaced,
    protesters) its source's publication date. The finding shows the counter's figures in time
    order and names the newest as its current figure.

    Passing (no finding): the authorities give 23 on 25 June in two sources.

    Failing (one info finding): the authorities' 18 on 24 June, then 23 on 25 June.
    """

    code: ClassVar[str] = "CMP006"
    name: ClassVar[str] = "compare.update"
    category: ClassVar[str] = "update"
    severity: ClassVar[Severity] = Severity.INFO

    def check(self, group: Group) -> Iterator[Draft]:
        for line in timelines(group.positions):
            steps = moments(line)
            changed = any(
                group.relate(a, b) is not Relation.EQUAL
                for before, after in itertools.pairwise(steps)
                for a in before
                for b in after
            )
            if not changed:
                continue  # the same figure repeated over time
            counter = line[0].counter
            whose = f"{counter.label}'s" if counter.attributed else "the unattributed"
            yield position_draft(
                f"{whose} figure for the {group.label} changed over time: "
                + " → ".join(step(group, s) for s in steps)
                + f"; the current figure is {' / '.join(p.text for p in steps[-1])}",
                line,
                None,
            )


RULE = Update


def repeats(group: Group, steps: list[list[Position]]) -> dict[int, Position]:
    """Positions that repeat a figure their counter had already replaced, each with the newer
    figure it ignores: id(position) -> that newer position."""
    out: dict[int, Position] = {}
    for k, now in enumerate(steps):
        for p in now:
            for i in range(k):
                if not any(group.relate(p, old) is Relation.EQUAL for old in steps[i]):
                    continue
                newer = [
                    q for later in steps[i + 1 : k] for q in later if group.relate(p, q) is not Relation.EQUAL
                ]
                if newer:
                    out[id(p)] = newer[-1]
                    break
    return out
