"""Shared wording of the cross-source comparison rules (CMP001-CMP004, REF001)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Draft, Group, Pair, Wording

if TYPE_CHECKING:
    from recoupe.loading import LoadedClaim


def who(group: Group, w: Wording) -> str:
    """How a message names the source of a wording, with reported speech made explicit."""
    label = group.ctx.source_label(w.source)
    return f"{label} (quoting {', '.join(w.speakers)})" if w.speakers else label


def hedged(p: Pair) -> bool:
    return any(c.claim.hedged for c in (*p.left.claims, *p.right.claims))


def involves_reference(group: Group, p: Pair) -> bool:
    return "reference" in (group.ctx.source_kind(p.left.source), group.ctx.source_kind(p.right.source))


def pair_draft(
    group: Group, p: Pair, message: str, *, severity: Severity | None = None, suggestion: str | None = None
) -> Draft:
    return Draft(message, p.left.claims + p.right.claims, p.relation, suggestion, None, severity)


def pairs_with(group: Group, *relations: Relation) -> list[Pair]:
    return [p for p in group.cross_source_pairs if p.relation in relations]


class Bundle(NamedTuple):
    """All the pairs between two sources that stand in one relation: reported as one finding."""

    left: tuple[Wording, ...]
    right: tuple[Wording, ...]
    relation: Relation

    @property
    def claims(self) -> tuple[LoadedClaim, ...]:
        left, right = self.left, self.right
        if len(left) == 1 and len(right) == 1:  # the common case: one wording a side
            return left[0].claims + right[0].claims
        return tuple([c for w in (*left, *right) for c in w.claims])

    def text(self, side: tuple[Wording, ...]) -> str:
        return side[0].text if len(side) == 1 else " / ".join(w.text for w in side)


def bundles(group: Group, *relations: Relation) -> list[Bundle]:
    """Pairs with these relations, oriented by source order and bundled per (source, source, relation)."""
    every = group.memo.get("bundles")
    if every is None:  # built once per group for all the rules that bundle
        every = group.memo["bundles"] = _all_bundles(group)
    return [b for b in every if b.relation in relations]


def _all_bundles(group: Group) -> list[Bundle]:
    order = {s: i for i, s in enumerate(group.sources)}
    acc: dict[tuple[str, str, Relation], tuple[dict[int, Wording], dict[int, Wording]]] = {}
    for left, right, rel in group.cross_source_pairs:
        if order[left.source] > order[right.source]:
            left, right, rel = right, left, rel.converse
        key = (left.source, right.source, rel)
        sides = acc.get(key)
        if sides is None:  # the common case: a bundle of one pair
            acc[key] = ({id(left): left}, {id(right): right})
        else:
            sides[0].setdefault(id(left), left)
            sides[1].setdefault(id(right), right)
    return [Bundle(tuple(ls.values()), tuple(rs.values()), rel) for (_, _, rel), (ls, rs) in acc.items()]


def bundle_draft(b: Bundle, message: str, *, suggestion: str | None = None) -> Draft:
    return Draft(message, b.claims, b.relation, suggestion)  # positional: made once per finding
