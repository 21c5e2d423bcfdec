"""The laws of entity relations: reflexive, converse-symmetric, NARROWER (and EQUAL) transitive."""

from __future__ import annotations

import itertools
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.normalize.entities import EntityValue, Registry, load_registries, parse_entity
from recoupe.normalize.relation import Relation

# A registry with depth, several parents, ambiguous names and names that contain others.
REGISTRY = """
id: laws
entities:
  rabat-sale-kenitra: {kind: place, prefLabel: Rabat-Salé-Kénitra, partOf: [morocco]}
  hassan: {kind: place, prefLabel: Hassan, altLabel: [quartier Hassan], partOf: [rabat]}
  agdal: {kind: place, prefLabel: Agdal, partOf: [rabat, rabat-sale-kenitra]}
  hassan-ii: {kind: person, prefLabel: Hassan II, altLabel: [Hassan]}
  abdellatif-ouahbi: {kind: person, prefLabel: Abdellatif Ouahbi, altLabel: [Ouahbi]}
  maroc-gouvernement: {kind: organisation, prefLabel: gouvernement marocain, partOf: [morocco]}
  maroc-justice:
    kind: organisation
    prefLabel: ministère de la Justice
    partOf: [maroc-gouvernement]
  cncltp-tim:
    kind: organisation
    prefLabel: Commission nationale de coordination de la lutte contre la traite des personnes
    acronyms: [CNCLTP/TIM]
    partOf: [niger]
"""

POOL = [
    "Maroc", "le Maroc", "Morocco", "MA", "Rabat", "à Rabat", "Agdal", "Hassan", "quartier Hassan",
    "Hassan II", "Rabat-Salé-Kénitra", "Niger", "Niamey", "CNCLTP/TIM", "Congo", "RDC", "Kinshasa",
    "Djibouti", "ministère de la Justice", "gouvernement marocain", "Abdellatif Ouahbi", "M. Ouahbi",
    "le ministre de la Justice, Abdellatif Ouahbi", "Abdellatif", "Jean Dupont", "Dupont", "jean dupont",
    "Jean Pierre Dupont", "Pierre", "le président du Niger", "président", "le Maroc et le Niger",
    "Rabat, Niger", "", "—",
]  # fmt: skip


@pytest.fixture(scope="module")
def reg(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    path = tmp_path_factory.mktemp("laws") / "laws.yaml"
    path.write_text(textwrap.dedent(REGISTRY), encoding="utf-8")
    return load_registries([path])


def check_pair(a: EntityValue, b: EntityValue) -> Relation:
    r = a.relate(b)
    assert b.relate(a) is r.converse, (a, b)
    return r


def check_triple(a: EntityValue, b: EntityValue, c: EntityValue) -> None:
    ab, bc, ac = a.relate(b), b.relate(c), a.relate(c)
    if ab is Relation.NARROWER and bc is Relation.NARROWER:
        assert ac is Relation.NARROWER, (a, b, c)
    if ab is Relation.EQUAL and bc is Relation.EQUAL:
        assert ac is Relation.EQUAL, (a, b, c)
    if ab is Relation.EQUAL:  # equal values stand alike to everything
        assert ac is bc, (a, b, c)


def test_laws_exhaustively_on_single_values(reg: Registry) -> None:
    values = [parse_entity(s, reg) for s in POOL]
    kinds = set()
    for a in values:
        assert a.relate(a) is Relation.EQUAL
        for b in values:
            kinds.add(check_pair(a, b))
    for a, b, c in itertools.product(values, repeat=3):
        check_triple(a, b, c)
    assert kinds == set(Relation)  # the pool exercises every relation


value = st.one_of(
    st.sampled_from(POOL),
    st.lists(st.sampled_from(POOL), min_size=1, max_size=3),
    # pieces glued together: names with separators, roles and honorifics in between
    st.lists(
        st.sampled_from([*POOL, " et ", ", ", " ", "(", ")", "M. ", "le ministre ", " du "]), max_size=5
    ).map("".join),
    st.text(alphabet="aAéMrN ,;()&-'.", max_size=20),
)


@settings(max_examples=400, deadline=None)
@given(value, value, value)
def test_laws_on_lists_and_free_text(
    reg: Registry, a: str | list[str], b: str | list[str], c: str | list[str]
) -> None:
    va, vb, vc = parse_entity(a, reg), parse_entity(b, reg), parse_entity(c, reg)
    for v in (va, vb, vc):
        assert v.relate(v) is Relation.EQUAL
    check_pair(va, vb)
    check_pair(vb, vc)
    check_pair(va, vc)
    for x, y, z in itertools.permutations((va, vb, vc)):
        check_triple(x, y, z)


def test_a_member_entailed_by_another_of_the_same_value_adds_nothing(reg: Registry) -> None:
    # found by hypothesis: [Maroc, ministère de la Justice] equals the ministry alone, so it must stand to
    # « Rabat » as the ministry does (both are parts of Morocco, neither of the other)
    both = parse_entity(["Maroc", "ministère de la Justice"], reg)
    ministry = parse_entity(["ministère de la Justice"], reg)
    rabat = parse_entity("Rabat", reg)
    assert both.relate(ministry) is Relation.EQUAL
    assert both.relate(rabat) is ministry.relate(rabat) is Relation.DISJOINT
