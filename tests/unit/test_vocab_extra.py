"""The vocabularies of actions, event kinds, domains and topics: the seed's pairs, and no unresolved term claim."""

from __future__ import annotations

import pytest

from recoupe.load import load_corpus
from recoupe.normalize.relation import Relation
from recoupe.normalize.terms import TermValue, parse_term
from recoupe.normalize.values import Normalizer, Unresolved
from recoupe.slots import load_slots
from recoupe.vocab import VocabIndex, load_vocabularies
from tests.conftest import SEED

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
        # --- the seed's pairs ---
        # launching a new framework to strengthen existing relations is common: the accounts only partly agree
        ("action", "lancent une coopération", "renforcent leur coopération", Relation.OVERLAP),
        # initialling and signing differ in treaty practice, but the press swaps them: a variance, not a contradiction
        ("action", "ont signé", "a été paraphé", Relation.OVERLAP),
        # a visit holds meetings without being one
        ("event-kind", "rencontre", "visite", Relation.OVERLAP),
        # a signing ceremony is a meeting of the parties
        ("event-kind", "cérémonie de signature", "rencontre", Relation.NARROWER),
        ("domain", "domaine de la justice", "plusieurs domaines", Relation.NARROWER),
        # --- the rest of the seed's values ---
        # « décider de » + verb is the verb's act
        (
            "action",
            "ont décidé de lancer une coopération bilatérale consolidée",
            "lancent une coopération",
            Relation.EQUAL,
        ),
        (
            "action",
            "ont décidé de lancer une coopération bilatérale consolidée",
            "renforcent leur coopération",
            Relation.OVERLAP,
        ),
        ("action", "renforcent leur coopération", "ont signé", Relation.OVERLAP),
        ("action", "lancent une coopération", "ont signé", Relation.OVERLAP),
        ("event-kind", "simulations de procès virtuels", "atelier de formation", Relation.NARROWER),
        ("event-kind", "cérémonie de signature", "visite", Relation.OVERLAP),
        ("occasion", "la visite à Rabat de la délégation nigérienne", "visite", Relation.EQUAL),
        (
            "occasion",
            "4ème session de la grande commission mixte Maroc-Niger",
            "commission mixte",
            Relation.EQUAL,
        ),
        (
            "occasion",
            "4ème session de la grande commission mixte Maroc-Niger",
            "rencontre",
            Relation.NARROWER,
        ),
        (
            "occasion",
            "4ème session de la grande commission mixte Maroc-Niger",
            "Journée internationale de lutte contre la traite des êtres humains",
            Relation.OVERLAP,
        ),
        ("domain", "le domaine concerné", "plusieurs domaines", Relation.EQUAL),
        ("domain", "divers domaines stratégiques", "plusieurs domaines", Relation.EQUAL),
        ("domain", "domaine de la justice", "le domaine concerné", Relation.NARROWER),
        ("topic", "Immigration clandestine", "immigration", Relation.NARROWER),
        ("topic", "blanchiment d'argent", "traite des personnes", Relation.DISJOINT),
        # --- the hierarchies beyond the seed ---
        ("action", "décidé", "signé", Relation.BROADER),
        ("action", "conclu", "ratifié", Relation.BROADER),
        ("action", "ratifié", "signé", Relation.OVERLAP),
        ("action", "adopté", "paraphé", Relation.OVERLAP),
        ("action", "se sont mis d'accord", "ont signé", Relation.BROADER),
        ("action", "mise en place", "lancement", Relation.EQUAL),
        ("action", "renouvelé", "lancé", Relation.OVERLAP),
        ("action", "prorogé", "lancé", Relation.OVERLAP),
        ("action", "élargissent leur coopération", "intensifient leur coopération", Relation.OVERLAP),
        ("action", "renforcent", "continuer", Relation.NARROWER),
        ("action", "suspendu", "mis fin", Relation.DISJOINT),
        ("action", "suspendu", "renforcé", Relation.DISJOINT),
        ("action", "suspendu", "interrompu", Relation.NARROWER),
        ("action", "strengthened", "renforcent", Relation.EQUAL),
        ("action", "initialled", "signed", Relation.OVERLAP),
        ("event-kind", "simulation de procès", "procès", Relation.DISJOINT),
        ("event-kind", "visite officielle", "visite", Relation.NARROWER),
        ("event-kind", "visite d'étude", "atelier", Relation.NARROWER),
        ("event-kind", "conférence", "réunion", Relation.NARROWER),
        ("event-kind", "conférence de presse", "conférence", Relation.OVERLAP),
        ("event-kind", "réunion ministérielle", "événement", Relation.NARROWER),
        ("domain", "justice", "sécurité", Relation.OVERLAP),
        (
            "domain",
            "lutte contre la traite des êtres humains",
            "lutte contre la criminalité",
            Relation.NARROWER,
        ),
        ("domain", "lutte contre le trafic des êtres humains", "lutte contre la traite", Relation.BROADER),
        ("domain", "lutte contre la traite", "lutte contre le trafic illicite de migrants", Relation.OVERLAP),
        ("domain", "commerce", "économie", Relation.NARROWER),
        ("topic", "drogue", "trafic de drogue", Relation.BROADER),
        ("topic", "drogue", "traite des personnes", Relation.OVERLAP),
        ("topic", "immigration", "trafic illicite de migrants", Relation.OVERLAP),
        ("topic", "prostitution", "traite des personnes", Relation.OVERLAP),
        ("topic", "exploitation sexuelle", "traite des personnes", Relation.OVERLAP),
        ("topic", "proxénétisme", "exploitation sexuelle", Relation.NARROWER),
        ("topic", "prostitution forcée", "prostitution", Relation.NARROWER),
        ("topic", "prostitution forcée", "exploitation sexuelle", Relation.NARROWER),
    ],
)
def test_relate(ix: VocabIndex, slot: str, a: str, b: str, expected: Relation) -> None:
    ta, tb = term(ix, a, slot), term(ix, b, slot)
    assert ta.relate(tb, ix) is expected, (ta, tb)
    assert tb.relate(ta, ix) is expected.converse


@pytest.mark.parametrize(
    ("slot", "value", "concepts"),
    [
        ("topic", "Immigration clandestine", {"irregular-migration"}),
        # the four subjects the seed lists in one parenthesis
        ("topic", "immigration", {"migration"}),
        ("topic", "drogue", {"drugs"}),
        ("topic", "prostitution", {"prostitution"}),
        ("topic", "blanchiment d'argent", {"money-laundering"}),
        ("topic", "trafic des êtres humains", {TIP, SOM}),
        ("action", "lancent une coopération", {"launch"}),
        ("action", "ont décidé de lancer une coopération bilatérale consolidée", {"launch"}),
        ("action", "renforcent leur coopération", {"strengthen"}),
        ("action", "ont signé", {"sign"}),
        ("action", "a été paraphé", {"initial"}),
        ("action", "ont décidé", {"decide"}),
        ("event-kind", "rencontre", {"meeting"}),
        ("event-kind", "visite", {"visit"}),
        ("event-kind", "cérémonie de signature", {"signing-ceremony"}),
        ("event-kind", "simulations de procès virtuels", {"mock-trial-exercise"}),
        ("occasion", "4ème session de la grande commission mixte Maroc-Niger", {"joint-commission-session"}),
        ("occasion", "la visite à Rabat de la délégation nigérienne", {"visit"}),
        (
            "occasion",
            "journée mondiale de lutte contre la traite des êtres humains",
            {"world-day-against-trafficking-in-persons"},
        ),
        ("domain", "domaine de la justice", {"justice"}),
        ("domain", "le domaine concerné", {"unspecified-domain"}),
        ("domain", "divers domaines stratégiques", {"unspecified-domain"}),
        ("domain", "plusieurs domaines", {"unspecified-domain"}),
    ],
)
def test_resolves_to(ix: VocabIndex, slot: str, value: str, concepts: set[str]) -> None:
    res = ix.resolve(value, slot, "fr")
    assert res is not None, value
    assert res.concepts == concepts


def test_homonyms_across_slots_stay_apart(ix: VocabIndex) -> None:
    # « rencontre » is a meeting as an event kind, and level-0 cooperation as an instrument
    assert term(ix, "rencontre", "event-kind").concepts == {"meeting"}
    assert term(ix, "rencontre", "instrument").concepts == {"cooperation"}
    assert term(ix, "simulation de procès", "content").concepts == {"mock-trial"}
    assert term(ix, "simulation de procès", "event-kind").concepts == {"mock-trial-exercise"}
    assert term(ix, "migration", "domain").concepts == {"migration-management"}
    assert term(ix, "migration", "topic").concepts == {"migration"}
    # slots that no new vocabulary serves resolve as before
    assert parse_term("une rencontre", ix, "offence") is None
    assert parse_term("immigration", ix, "offence") is not None  # the offences file serves both slots
    assert parse_term("signé", ix, "instrument") is None


def test_topics_that_are_not_offences_stay_outside_crime(ix: VocabIndex) -> None:
    for cid in ("migration", "irregular-migration", "drugs", "prostitution"):
        assert "crime" not in ix.ancestors(cid), cid
    assert "crime" in ix.ancestors("sexual-exploitation")
    assert ix.ancestors("irregular-migration") == {"migration"}
    assert ix.ancestors("drug-trafficking") == {"transnational-organized-crime", "crime", "drugs"}
    assert ix.broader_chain("drug-trafficking") == ("transnational-organized-crime", "crime")
    # irregular migration is still apart from the protocol offences, migration as a whole is not
    assert ix.is_disjoint("irregular-migration", SOM)
    assert not ix.is_disjoint("migration", SOM)


def test_new_vocabularies_are_built_in(ix: VocabIndex) -> None:
    applies = {v.id: v.applies_to for v in ix.vocabularies.values()}
    assert applies["offences"] == ("offence", "topic")
    assert applies["actions"] == ("action",)
    assert applies["event-kinds"] == ("event-kind", "occasion")
    assert applies["domains"] == ("domain",)
    for vid in ("actions", "event-kinds", "domains"):
        for cid in ix.vocabularies[vid]:
            assert set(ix.concept(cid).pref_label) >= {"fr", "en"}, cid


def test_no_label_is_ambiguous_within_a_slot_but_the_intended_ones(ix: VocabIndex) -> None:
    # Labels may repeat across slots (« rencontre »: meeting, or level-0 cooperation); within one slot, only
    # the non-standard « trafic » wordings may name two concepts.
    trafic = {frozenset({TIP, SOM}), frozenset({"anti-trafficking", "anti-smuggling"})}
    for vocabulary in ix.vocabularies.values():
        for cid in vocabulary:
            c = ix.concept(cid)
            labels = [
                *c.pref_label.values(),
                *(label for labels in c.alt_label.values() for label in labels),
                *(ns.label for ns in c.nonstandard),
            ]
            for slot in vocabulary.applies_to:
                for label in labels:
                    res = ix.resolve(label, slot)
                    assert res is not None and res.exact and cid in res.concepts, (slot, cid, label)
                    assert not res.ambiguous or res.concepts in trafic, (slot, label, res.concepts)


def test_every_term_claim_of_the_seed_resolves() -> None:
    corpus = load_corpus([SEED], load_slots())
    normalizer = Normalizer.default()
    terms = [c for c in corpus.claims if c.type == "term"]
    assert len(terms) >= 40
    unresolved = {
        f"{c.source}/{c.id}": value
        for c in terms
        if isinstance(value := normalizer.normalize(c, corpus.sources[c.source]), Unresolved)
    }
    assert unresolved == {}
    # a claim states one value: no term claim of the seed lists several
    assert not [c.id for c in terms if isinstance(c.claim.value, list)]
