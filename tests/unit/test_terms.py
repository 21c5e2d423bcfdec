"""Term values: parse_term over the built-in vocabularies, and relate() on every example of DOMAIN.md."""

from __future__ import annotations

import pytest

from recoupe.normalize.relation import Relation
from recoupe.normalize.terms import TermValue, parse_term
from recoupe.vocab import VocabIndex, load_vocabularies

TIP = "trafficking-in-persons"
SOM = "smuggling-of-migrants"


@pytest.fixture(scope="module")
def ix() -> VocabIndex:
    return load_vocabularies([])


def term(ix: VocabIndex, raw: str, slot: str) -> TermValue:
    value = parse_term(raw, ix, slot, "fr")
    assert value is not None, raw
    return value


@pytest.mark.parametrize(
    ("slot", "a", "b", "expected"),
    [
        # level 0 against level 3: less specific, not a contradiction
        ("instrument", "lancent une coopération", "ont signé une déclaration d'entente", Relation.BROADER),
        ("instrument", "coopération", "déclaration d'entente", Relation.BROADER),
        ("instrument", "rencontre", "traité", Relation.BROADER),
        ("instrument", "accord", "déclaration d'intention", Relation.BROADER),
        ("instrument", "convention", "protocole d'accord", Relation.BROADER),
        ("instrument", "traité", "accord", Relation.NARROWER),
        # distinct non-binding types: a naming variance
        ("instrument", "déclaration d'entente", "déclaration d'intention", Relation.OVERLAP),
        ("instrument", "déclaration d'entente", "mémorandum d'entente", Relation.OVERLAP),
        ("instrument", "protocole d'accord", "déclaration d'intention", Relation.OVERLAP),
        ("instrument", "déclaration d'entente", "déclaration conjointe", Relation.EQUAL),
        # binding against non-binding: a contradiction
        ("instrument", "traité", "déclaration d'entente", Relation.DISJOINT),
        ("instrument", "convention internationale", "lettre d'intention", Relation.DISJOINT),
        ("instrument", "protocole", "protocole d'accord", Relation.DISJOINT),
        # implementing documents may be either
        ("instrument", "plan d'action", "traité", Relation.OVERLAP),
        ("instrument", "feuille de route", "déclaration d'entente", Relation.OVERLAP),
        # offences
        ("offence", "trafic des êtres humains", "traite des êtres humains", Relation.BROADER),
        ("offence", "traite des êtres humains", "trafic des êtres humains", Relation.NARROWER),
        ("offence", "trafic des personnes", "trafic illicite de migrants", Relation.BROADER),
        ("offence", "trafic humain", "trafic d'êtres humains", Relation.EQUAL),
        ("offence", "traite", "trafic illicite de migrants", Relation.DISJOINT),
        ("offence", "traite des personnes", "traite d'êtres humains", Relation.EQUAL),
        ("offence", "immigration clandestine", "trafic de migrants", Relation.DISJOINT),
        ("offence", "immigration clandestine", "trafic des êtres humains", Relation.DISJOINT),
        ("offence", "blanchiment d'argent", "traite", Relation.DISJOINT),
        ("offence", "trafic de drogue", "terrorisme", Relation.OVERLAP),
        ("offence", "criminalité transnationale organisée", "traite", Relation.BROADER),
        # observances
        (
            "occasion",
            "journée mondiale de lutte contre la traite des êtres humains",
            "Journée internationale de lutte contre la traite des êtres humains",
            Relation.EQUAL,
        ),
        (
            "occasion",
            "Journée mondiale de la lutte contre le trafic des êtres humains",
            "Journée mondiale de la lutte contre la traite d'êtres humains",
            Relation.EQUAL,
        ),
        ("occasion", "une journée internationale", "journée mondiale contre la traite", Relation.BROADER),
        ("occasion", "Journée mondiale des réfugiés", "journée mondiale contre la traite", Relation.DISJOINT),
        # cooperation content
        ("content", "formation", "renforcement des capacités", Relation.NARROWER),
        ("content", "échange d'expériences", "échange de bonnes pratiques", Relation.OVERLAP),
        ("content", "entraide judiciaire en matière pénale", "coopération judiciaire", Relation.NARROWER),
        ("content", "simulation de procès", "renforcement des capacités", Relation.NARROWER),
        ("content", "sensibilisation", "formation", Relation.OVERLAP),
    ],
)
def test_relate(ix: VocabIndex, slot: str, a: str, b: str, expected: Relation) -> None:
    ta, tb = term(ix, a, slot), term(ix, b, slot)
    assert ta.relate(tb, ix) is expected
    assert tb.relate(ta, ix) is expected.converse


def test_trafic_is_nonstandard_with_both_legal_terms(ix: VocabIndex) -> None:
    assert term(ix, "le trafic des êtres humains", "offence") == TermValue(
        concepts=frozenset({TIP, SOM}),
        label="trafic des êtres humains",
        nonstandard=True,
        preferred=("traite des personnes", "trafic illicite de migrants"),
        note=(
            "Ambiguous press wording: it may mean trafficking in persons (« traite des personnes ») or "
            "smuggling of migrants (« trafic illicite de migrants »), two distinct offences. Use the legal term."
        ),
    )


def test_standard_term_carries_no_suggestion(ix: VocabIndex) -> None:
    assert term(ix, "la traite des êtres humains", "offence") == TermValue(
        concepts=frozenset({TIP}), label="traite des êtres humains"
    )


def test_protocole_d_accord_is_a_memorandum_not_a_protocol(ix: VocabIndex) -> None:
    value = term(ix, "un protocole d'accord", "instrument")
    assert value.concepts == {"memorandum-of-understanding"}
    assert term(ix, "protocole additionnel", "instrument").concepts == {"protocol"}


def test_disjoint_offences_share_transnational_organized_crime(ix: VocabIndex) -> None:
    a, b = term(ix, "traite", "offence"), term(ix, "trafic illicite de migrants", "offence")
    assert a.relate(b, ix) is Relation.DISJOINT
    assert ix.nearest_common_ancestor(a.concepts, b.concepts) == "transnational-organized-crime"
    assert ix.is_disjoint(TIP, SOM) and ix.is_disjoint(TIP, "irregular-migration")
    assert not ix.is_disjoint("drug-trafficking", "money-laundering")


def test_unresolved_values(ix: VocabIndex) -> None:
    assert parse_term("une rencontre", ix, "offence") is None
    assert parse_term("n'importe quoi", ix, "instrument") is None


def test_unknown_or_empty_concepts_are_unknown(ix: VocabIndex) -> None:
    known = TermValue(frozenset({TIP}), "traite")
    assert known.relate(TermValue(frozenset({"no-such-concept"}), "x"), ix) is Relation.UNKNOWN
    assert known.relate(TermValue(frozenset(), "x"), ix) is Relation.UNKNOWN


def test_to_dict_and_str(ix: VocabIndex) -> None:
    value = term(ix, "trafic d'êtres humains", "offence")
    assert value.to_dict() == {
        "type": "term",
        "concepts": [SOM, TIP],
        "label": "trafic des êtres humains",
        "nonstandard": True,
        "preferred": ["traite des personnes", "trafic illicite de migrants"],
        "note": value.note,
    }
    assert str(value) == f"trafic des êtres humains [{SOM} | {TIP}]"


def test_exact_match_uris_make_concepts_the_same() -> None:
    ix = VocabIndex.from_data(
        [
            (
                "a.yaml",
                {
                    "id": "a",
                    "concepts": {
                        "tip": {"prefLabel": {"en": "trafficking"}, "exactMatch": ["urn:x:tip"]},
                        "som": {"prefLabel": {"en": "smuggling"}, "disjointWith": ["tip"]},
                    },
                },
            ),
            (
                "b.yaml",
                {
                    "id": "b",
                    "concepts": {
                        "traite": {"prefLabel": {"fr": "traite"}, "exactMatch": ["urn:x:tip"]},
                        "traite-sexuelle": {
                            "prefLabel": {"fr": "exploitation sexuelle"},
                            "broader": ["traite"],
                        },
                    },
                },
            ),
        ]
    )

    def rel(a: str, b: str) -> Relation:
        return TermValue(frozenset({a}), a).relate(TermValue(frozenset({b}), b), ix)

    assert ix.same("tip", "traite")
    assert rel("tip", "traite") is Relation.EQUAL
    assert rel("traite-sexuelle", "tip") is Relation.NARROWER  # through the other vocabulary's hierarchy
    assert rel("traite-sexuelle", "som") is Relation.DISJOINT  # disjointness carries over too
    assert rel("som", "traite") is Relation.DISJOINT
