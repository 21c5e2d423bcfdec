"""Entity values and how two of them relate: the persons, organisations and places a claim names.

A value is a set of members, one per named entity (« le Maroc et le Niger » has two). Each member
either resolves to registry entities or stays an unknown name that still compares by its words.

Semantics, from which `relate` follows. A value is a conjunction: it says that each of its members
is (among) the referents. Members are ordered by "says at least as much as" (written a ≤ b):
  - two resolved members: a's extension (its entities and everything partOf them) lies within b's,
    so Rabat ≤ Maroc, and an ambiguous name (« Congo ») is the union of its candidates;
  - two unknown names: b's words are a subset of a's, so « Abdellatif Ouahbi » ≤ « Ouahbi »;
  - a resolved member and an unknown name: a ≤ b when b's words are among the words of one name of
    each candidate, or of something it lies within (« Abdellatif Ouahbi » ≤ « M. Ouahbi »). An
    unknown name is never ≤ a resolved member.
This is a preorder (reflexive, transitive). Value A entails value B when every member of B has some
member of A ≤ it. Entailment both ways is EQUAL, one way NARROWER / BROADER. Otherwise, when every
member is resolved, no shared extension at all is DISJOINT (Maroc vs Niger), else OVERLAP; with
unknown names, OVERLAP if some pair is related, else UNKNOWN. The laws follow: relate is reflexive
(EQUAL), converse-symmetric, and NARROWER is transitive (it is strict entailment of a preorder).

The registry is bound at parse time (parse.py): each resolved member carries the extension and name words it
needs, so `relate` needs no registry (the argument is accepted for a uniform call) and values pickle
without dragging the registry along.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from recoupe.normalize.relation import Relation

if TYPE_CHECKING:
    from recoupe.normalize.entities.registry import Registry


@dataclass(frozen=True, slots=True)
class Member:
    """One named entity of a value.

    `id` is set when the name resolves to exactly one registry entity. `candidates` lists every entity
    the name may denote: one (== id), several when the name is ambiguous (then id is None), or none when
    the name is unknown to the registry. `name` is the folded wording, `label` the wording as written.
    `kinds` are the candidates' kinds (person, organisation, place, other).
    """

    id: str | None
    name: str
    label: str
    candidates: tuple[str, ...] = ()
    extension: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    words: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    covers: tuple[tuple[frozenset[str], ...], ...] = field(default=(), compare=False, repr=False)
    kinds: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @property
    def resolved(self) -> bool:
        return bool(self.candidates)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"id": self.id, "name": self.name, "label": self.label}
        if len(self.candidates) > 1:
            out["candidates"] = list(self.candidates)
        return out

    def __str__(self) -> str:
        if self.id is not None:
            return f"{self.label} ({self.id})"
        if self.candidates:
            return f"{self.label} ({' | '.join(self.candidates)})"
        return self.label


def _le(a: Member, b: Member) -> bool:
    """a says at least as much as b (see the module docstring)."""
    if a.candidates:
        if b.candidates:
            return a.extension <= b.extension
        w = b.words
        return all(any(w <= s for s in sets) for sets in a.covers)
    if b.candidates:
        return False
    return b.words <= a.words


def _touch(a: Member, b: Member) -> bool:
    if a.candidates and b.candidates:
        return not a.extension.isdisjoint(b.extension)
    return _le(a, b) or _le(b, a)


@dataclass(frozen=True, slots=True)
class EntityValue:
    """A normalized entity value: its members, and the text as the source worded it."""

    members: tuple[Member, ...]
    text: str

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the members that resolve to exactly one entity."""
        return tuple(m.id for m in self.members if m.id is not None)

    @property
    def resolved(self) -> bool:
        return bool(self.members) and all(m.resolved for m in self.members)

    def relate(
        self, other: EntityValue, registry: Registry | None = None, stands: str | None = None
    ) -> Relation:
        """How this value's set stands to `other`'s.

        `stands` ("heads" or "members") is for slots where a person stands for a body (the minister
        signs for the ministry): the registry's `heads` / `memberOf` then place the person within the
        body. Otherwise `registry` is unused: values carry what they need.
        """
        if not isinstance(other, EntityValue):
            return Relation.UNKNOWN
        le = _le
        if stands is not None and registry is not None:
            by = stands

            def le(a: Member, b: Member) -> bool:
                if a.candidates and b.candidates:
                    return a.extension <= registry.stood_for(b.extension, by)
                return _le(a, b)

        a_members, b_members = _most_specific(self.members), _most_specific(other.members)
        ab = all(any(le(a, b) for a in a_members) for b in b_members)
        ba = all(any(le(b, a) for b in b_members) for a in a_members)
        if ab and ba:
            return Relation.EQUAL
        if ab:
            return Relation.NARROWER
        if ba:
            return Relation.BROADER
        touch = any(_touch(a, b) for a in a_members for b in b_members)
        if all(m.candidates for m in a_members) and all(m.candidates for m in b_members):
            if touch:
                return Relation.OVERLAP
            # A person and a body are different kinds of thing: naming one where another source names
            # the other (the minister, the ministry) may well be two ways of saying who acted.
            return Relation.UNKNOWN if _person_and_body(a_members, b_members) else Relation.DISJOINT
        return Relation.OVERLAP if touch else Relation.UNKNOWN

    def units(self) -> tuple[EntityValue, ...]:
        """The value cut into one value per member, leaving out members another one already entails
        (« Rabat, Maroc » is one place): what a multi-valued slot compares member by member."""
        return tuple(EntityValue((m,), m.label) for m in _most_specific(self.members))

    def to_dict(self) -> dict[str, object]:
        return {"type": "entity", "text": self.text, "members": [m.to_dict() for m in self.members]}

    def __str__(self) -> str:
        return " & ".join(str(m) for m in self.members) if self.members else self.text


def _most_specific(members: tuple[Member, ...]) -> tuple[Member, ...]:
    """Drop members another member of the same value already entails (« Maroc » beside its ministry).

    Without this, two EQUAL values could stand differently to a third: [Maroc, ministère de la
    Justice] equals [ministère de la Justice], yet « Maroc » alone would overlap « Rabat ».
    """
    if len(members) < 2:
        return members
    return tuple(
        m
        for i, m in enumerate(members)
        if not any(j != i and _le(o, m) and not _le(m, o) for j, o in enumerate(members))
    )


def _person_and_body(a: tuple[Member, ...], b: tuple[Member, ...]) -> bool:
    ka = frozenset().union(*(m.kinds for m in a))
    kb = frozenset().union(*(m.kinds for m in b))
    return ("person" in ka and "organisation" in kb) or ("organisation" in ka and "person" in kb)
