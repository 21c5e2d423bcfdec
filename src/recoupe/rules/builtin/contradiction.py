"""CMP004 compare.contradiction: two sources cannot both be right."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.normalize.terms import TermValue
from recoupe.rules.base import Draft, Group, Pair, Rule
from recoupe.rules.builtin._compare import hedged, involves_reference, pair_draft, pairs_with, who


def sibling_note(group: Group, p: Pair) -> str:
    """For two terms under a common broader concept, say so: the usual source of the confusion."""
    a, b = p.left.value, p.right.value
    if not (isinstance(a, TermValue) and isinstance(b, TermValue)):
        return ""
    vocab = group.ctx.normalizer.vocab
    parent = vocab.nearest_common_ancestor(a.concepts, b.concepts)
    if parent is None:
        return ""
    return f" (two distinct concepts, both under « {vocab.label(parent)} »)"


class Contradiction(Rule):
    """Two sources state values that exclude each other.

    The sets of worlds the two wordings allow do not meet: 23 dead against 37 dead, 1 August against
    3 August, « traite des êtres humains » (trafficking in persons) against « trafic illicite de
    migrants » (smuggling of migrants) — two legally distinct offences under the same parent,
    which the message names. A contradiction involving a hedged claim is a warning, not an error.
    Contradictions with a source of kind `reference` are reported by REF001 instead.

    Passing (no finding): « traite des êtres humains » against « trafic des êtres humains » (the
    second is ambiguous, so only less specific).

    Failing (one error): « traite des êtres humains » against « trafic illicite de migrants ».
    """

    code: ClassVar[str] = "CMP004"
    name: ClassVar[str] = "compare.contradiction"
    category: ClassVar[str] = "contradiction"
    severity: ClassVar[Severity] = Severity.ERROR

    def check(self, group: Group) -> Iterator[Draft]:
        for p in pairs_with(group, Relation.DISJOINT):
            if involves_reference(group, p):
                continue
            soft = hedged(p)
            yield pair_draft(
                group,
                p,
                f"{who(group, p.left)} and {who(group, p.right)} contradict each other on the {group.label}: "
                f"{p.left.text} excludes {p.right.text}{sibling_note(group, p)}"
                + (" (one of them is hedged)" if soft else ""),
                severity=Severity.WARNING if soft else None,
            )


RULE = Contradiction
