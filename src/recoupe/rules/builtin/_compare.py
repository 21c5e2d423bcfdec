"""Shared wording of the cross-source comparison rules (CMP001-CMP004, REF001)."""

from __future__ import annotations

from recoupe.findings import Severity
from recoupe.normalize.relation import Relation
from recoupe.rules.base import Bundle, Draft, Group, Pair, Wording


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


def bundles(group: Group, *relations: Relation) -> list[Bundle]:
    """The group's bundles (Group.bundles) with these relations."""
    return [b for b in group.bundles if b.relation in relations]


def bundle_draft(b: Bundle, message: str, *, suggestion: str | None = None) -> Draft:
    return Draft(message, b.claims, b.relation, suggestion)  # positional: made once per finding
