"""Sets: the claims of a multi-valued slot cut into one claim per member, and the members a source omits.

« les commissions marocaine et nigérienne et l'ANLTP » is three signatories. Comparing such lists
whole would make a list of two the "less precise" version of a list of three, and a list that others
only partly repeat "uncorroborated". Cut into members, each member is compared on its own: a member
other sources give too is corroborated, and a member two or more sources give that one source's list
lacks is an omission by that source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recoupe.corpus import LoadedClaim
from recoupe.normalize.relation import Relation

if TYPE_CHECKING:
    from recoupe.normalize.values import Normalizer
    from recoupe.rules.positions import Position

_MATCH = (Relation.EQUAL, Relation.NARROWER, Relation.BROADER)


@dataclass(slots=True)
class MemberClaim(LoadedClaim):
    """One member of a claim that names several: the claim's place and quote, the member's value."""

    member: str = ""  # the member's wording, for messages


def names_several(claims: Sequence[LoadedClaim], normalizer: Normalizer) -> bool:
    """Whether some claim names two or more entities neither of which contains the other: then the
    slot holds several values in this group (a border event is both Melilla and Nador)."""
    return any(len(normalizer.units(c.value)) > 1 for c in claims if hasattr(c.value, "units"))


def cut(claims: Sequence[LoadedClaim], normalizer: Normalizer) -> list[LoadedClaim]:
    """Each claim naming several entities replaced by one claim per entity."""
    out: list[LoadedClaim] = []
    for c in claims:
        units = normalizer.units(c.value) if hasattr(c.value, "units") else (c.value,)
        if len(units) < 2:
            out.append(c)
            continue
        for u in units:
            out.append(
                MemberClaim(
                    c.claim,
                    c.source,
                    c.event,
                    c.subject,
                    c.type,
                    c.file,
                    c.line,
                    c.start,
                    c.end,
                    u,
                    None,
                    str(u.text),
                )
            )
    return out


def wording(c: LoadedClaim) -> str | None:
    """The member's own wording when the claim is one member of a list, else None."""
    return c.member if isinstance(c, MemberClaim) else None


def omissions(positions: Sequence[Position], relate: Any) -> list[tuple[str, Position, list[Position]]]:
    """(source, member, the source's own members) for each member that two or more sources give and
    a source that lists the slot's members does not: no member of its list matches it.

    A source giving a more precise member (« commission nationale marocaine » for « commission
    marocaine ») gives the member too; of two omitted members one within the other, only the more
    precise is reported.
    """
    stated = [p for p in positions if not p.negated]
    n = len(stated)
    matches: list[set[int]] = [set() for _ in range(n)]
    narrower: list[set[int]] = [set() for _ in range(n)]  # j in narrower[i]: stated[j] lies within stated[i]
    for i in range(n):
        for j in range(i + 1, n):
            r = relate(stated[i], stated[j])
            if r in _MATCH:
                matches[i].add(j)
                matches[j].add(i)
            if r is Relation.NARROWER:
                narrower[j].add(i)
            elif r is Relation.BROADER:
                narrower[i].add(j)
    listing = dict.fromkeys(s for p in stated for s in p.sources)
    found: dict[str, list[int]] = {}
    for i, p in enumerate(stated):
        givers = set(p.sources).union(*(stated[j].sources for j in narrower[i]))
        if len(givers) < 2:
            continue
        covered = set(p.sources).union(*(stated[j].sources for j in matches[i]))
        for s in listing:
            if s not in covered:
                found.setdefault(s, []).append(i)
    out = []
    for s, missed in found.items():
        own = [p for p in stated if s in p.sources]
        for i in missed:
            if any(j in narrower[i] for j in missed):
                continue  # a more precise omitted member is reported instead
            out.append((s, stated[i], own))
    return out
