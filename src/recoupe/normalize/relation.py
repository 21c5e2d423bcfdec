"""The six relations between two normalized values, and their converses."""

from __future__ import annotations

from enum import StrEnum


class Relation(StrEnum):
    """How the set of worlds allowed by one value stands to another's.

    NARROWER means the left value is more precise (its set is a strict subset of the right's).
    """

    EQUAL = "EQUAL"
    NARROWER = "NARROWER"
    BROADER = "BROADER"
    OVERLAP = "OVERLAP"
    DISJOINT = "DISJOINT"
    UNKNOWN = "UNKNOWN"

    @property
    def converse(self) -> Relation:
        return _CONVERSE.get(self, self)


_CONVERSE = {Relation.NARROWER: Relation.BROADER, Relation.BROADER: Relation.NARROWER}


def from_inclusion(a_in_b: bool, b_in_a: bool, disjoint: bool) -> Relation:
    """The relation implied by what is known of two sets: inclusions both ways and disjointness."""
    if a_in_b and b_in_a:
        return Relation.EQUAL
    if a_in_b:
        return Relation.NARROWER
    if b_in_a:
        return Relation.BROADER
    if disjoint:
        return Relation.DISJOINT
    return Relation.OVERLAP
