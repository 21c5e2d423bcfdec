"""Entity values: title stripping, several members, and relations through the registry."""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest

from recoupe.errors import InputError
from recoupe.normalize.entities import EntityValue, Member, Registry, load_registries, parse_entity
from recoupe.normalize.relation import Relation

REGISTRY = """
id: test-entities
entities:
  abdellatif-ouahbi:
    kind: person
    prefLabel: Abdellatif Ouahbi
    altLabel: [Ouahbi]
  aziz-akhannouch: {kind: person, prefLabel: Aziz Akhannouch}
  moumouni-hamidou: {kind: person, prefLabel: Moumouni Hamidou}
  hassoumi-massaoudou: {kind: person, prefLabel: Hassoumi Massaoudou}
  cncltp-tim:
    kind: organisation
    prefLabel: Commission nationale de coordination de la lutte contre la traite des personnes et le trafic illicite de migrants
    acronyms: [CNCLTP/TIM, CNCLTP-TIM]
    partOf: [niger]
  maroc-justice:
    kind: organisation
    prefLabel: ministère de la Justice
    partOf: [morocco]
"""


@pytest.fixture(scope="module")
def reg(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    path = tmp_path_factory.mktemp("reg") / "entities.yaml"
    path.write_text(textwrap.dedent(REGISTRY), encoding="utf-8")
    return load_registries([path])


def ids(value: EntityValue) -> list[str | None]:
    return [m.id for m in value.members]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Abdellatif Ouahbi", "abdellatif-ouahbi"),
        ("le ministre de la Justice, Abdellatif Ouahbi", "abdellatif-ouahbi"),
        ("le ministre de la Justice Abdellatif Ouahbi", "abdellatif-ouahbi"),
        ("Abdellatif Ouahbi, ministre de la Justice", "abdellatif-ouahbi"),
        ("Abdellatif Ouahbi (ministre de la Justice)", "abdellatif-ouahbi"),
        ("M. Ouahbi", "abdellatif-ouahbi"),
        ("S.E. M. Abdellatif Ouahbi", "abdellatif-ouahbi"),
        ("the Justice Minister Abdellatif Ouahbi", "abdellatif-ouahbi"),
        ("Morocco's Justice Minister Abdellatif Ouahbi", "abdellatif-ouahbi"),
        ("le chef du gouvernement, Aziz Akhannouch", "aziz-akhannouch"),
        ("le chef du gouvernement Aziz Akhannouch", "aziz-akhannouch"),
        ("le Premier ministre Aziz Akhannouch", "aziz-akhannouch"),
        ("le président de la commission …, Moumouni Hamidou", "moumouni-hamidou"),
        (
            "le président de la commission nationale de coordination de la lutte contre le trafic des êtres "
            "humains et l'immigration clandestine du Niger, Moumouni Hamidou",
            "moumouni-hamidou",
        ),
        (
            "Moumouni Hamidou, président de la commission nationale de coordination de la lutte contre le "
            "trafic des êtres humains et l'immigration clandestine du Niger",
            "moumouni-hamidou",
        ),
        ("le ministre nigérien des Affaires étrangères, Hassoumi Massaoudou", "hassoumi-massaoudou"),
        ("Mme Hassoumi Massaoudou", "hassoumi-massaoudou"),
        ("CNCLTP/TIM", "cncltp-tim"),
        ("CNCLTP-TIM", "cncltp-tim"),
        ("la CNCLTP / TIM", "cncltp-tim"),
        (
            "la Commission nationale de coordination de la lutte contre la traite des personnes et le trafic "
            "illicite de migrants (CNCLTP/TIM)",
            "cncltp-tim",
        ),
        ("à Rabat", "rabat"),
        ("la ville de Rabat", "rabat"),
        ("dans la capitale marocaine, Rabat", "rabat"),
        ("le Royaume du Maroc", "morocco"),
        ("MA", "morocco"),
        ("la RDC", "dr-congo"),
    ],
)
def test_one_member_with_titles_and_roles_stripped(reg: Registry, raw: str, expected: str) -> None:
    assert ids(parse_entity(raw, reg)) == [expected]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["Maroc", "Niger"], ["morocco", "niger"]),
        ("le Maroc et le Niger", ["morocco", "niger"]),
        ("Morocco and Niger", ["morocco", "niger"]),
        ("Maroc, Niger", ["morocco", "niger"]),
        ("le Maroc, le Niger et le Mali", ["morocco", "niger", "mali"]),
        ("LE MAROC ET LE NIGER", ["morocco", "niger"]),
        ("Maroc & Niger", ["morocco", "niger"]),
        ("à Rabat, au Maroc", ["rabat", "morocco"]),
        (["Maroc", "le Maroc", "Morocco"], ["morocco"]),  # the same entity once
        (
            "le ministre de la Justice, Abdellatif Ouahbi, et le président de la CNCLTP/TIM, Moumouni Hamidou",
            ["abdellatif-ouahbi", "moumouni-hamidou"],
        ),
    ],
)
def test_several_members(reg: Registry, raw: str | list[str], expected: list[str]) -> None:
    assert ids(parse_entity(raw, reg)) == expected


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Jean Dupont", "jean dupont"),
        ("M. Jean Dupont", "jean dupont"),
        ("le roi Mohammed VI", "mohammed vi"),
        ("the Nigerien President Mohamed Bazoum", "mohamed bazoum"),
        ("le président du Niger", "president du niger"),  # a role: not Niger
        ("la commission nationale du Niger", "commission nationale du niger"),  # not Niger either
        ("le président de la CNCLTP/TIM", "president de la cncltp/tim"),  # a person, not the body
        ("le ministre de la Justice", "ministre de la justice"),
        ("Chad Smith", "chad smith"),  # not the country Chad
    ],
)
def test_unknown_names_stay_unresolved(reg: Registry, raw: str, name: str) -> None:
    (member,) = parse_entity(raw, reg).members
    assert member.id is None and not member.resolved
    assert member.name == name


def test_member_fields(reg: Registry) -> None:
    value = parse_entity("le ministre de la Justice, Abdellatif Ouahbi", reg)
    assert value.members == (
        Member("abdellatif-ouahbi", "abdellatif ouahbi", "Abdellatif Ouahbi", ("abdellatif-ouahbi",)),
    )
    assert value.text == "le ministre de la Justice, Abdellatif Ouahbi"
    assert value.ids == ("abdellatif-ouahbi",)
    assert value.resolved
    assert str(value) == "Abdellatif Ouahbi (abdellatif-ouahbi)"
    assert value.to_dict() == {
        "type": "entity",
        "text": "le ministre de la Justice, Abdellatif Ouahbi",
        "members": [{"id": "abdellatif-ouahbi", "name": "abdellatif ouahbi", "label": "Abdellatif Ouahbi"}],
    }


def test_ambiguous_name_keeps_every_candidate(reg: Registry) -> None:
    (congo,) = parse_entity("Congo", reg).members
    assert congo.id is None and congo.candidates == ("congo", "dr-congo") and congo.resolved
    assert congo.to_dict()["candidates"] == ["congo", "dr-congo"]
    assert str(congo) == "Congo (congo | dr-congo)"


def test_list_text_and_str(reg: Registry) -> None:
    value = parse_entity(["Maroc", "Jean Dupont"], reg)
    assert value.text == "Maroc, Jean Dupont"
    assert str(value) == "Maroc (morocco) & Jean Dupont"
    assert not value.resolved
    assert str(parse_entity("", reg)) == "" and parse_entity("", reg).members == ()


def test_cache_returns_the_same_object(reg: Registry) -> None:
    assert parse_entity("le Maroc", reg) is parse_entity("le Maroc", reg)
    assert parse_entity(["Maroc", "Niger"], reg) is parse_entity(("Maroc", "Niger"), reg)


def test_values_pickle_without_the_registry(reg: Registry) -> None:
    value = parse_entity("Rabat", reg)
    back = pickle.loads(pickle.dumps(value))
    assert back == value
    assert back.relate(parse_entity("Maroc", reg)) is Relation.NARROWER


R = Relation


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Rabat", "Maroc", R.NARROWER),
        ("Maroc", "Rabat", R.BROADER),
        ("Rabat", "le Maroc", R.NARROWER),
        ("à Rabat", "Rabat", R.EQUAL),
        ("Maroc", "Morocco", R.EQUAL),
        ("Maroc", "MA", R.EQUAL),
        ("Maroc", "Niger", R.DISJOINT),
        ("Rabat", "Niamey", R.DISJOINT),
        ("Rabat", "Niger", R.DISJOINT),
        ("le ministère de la Justice", "Maroc", R.NARROWER),  # partOf through the registry
        ("CNCLTP/TIM", "Niger", R.NARROWER),
        (["Maroc", "Niger"], "le Maroc et le Niger", R.EQUAL),
        (["Maroc"], ["Maroc", "Niger"], R.BROADER),
        (["Maroc", "Niger"], ["Maroc"], R.NARROWER),
        (["Maroc", "Niger"], ["Maroc", "Mali"], R.OVERLAP),
        (["Maroc", "Niger"], ["Tunisie", "Mali"], R.DISJOINT),
        (["Rabat", "Niger"], ["Maroc", "Niger"], R.NARROWER),
        ("à Rabat, au Maroc", "Rabat", R.EQUAL),  # Rabat already says Maroc
        ("RDC", "Congo", R.NARROWER),  # Congo is ambiguous: the union of both Congos
        ("Congo", "Maroc", R.DISJOINT),
        ("Djibouti", "République de Djibouti", R.EQUAL),  # city or country: the country
        ("Jean Dupont", "jean dupont", R.EQUAL),
        ("Dupont", "Jean Dupont", R.BROADER),
        ("Jean Dupont", "Dupont", R.NARROWER),
        ("Jean Dupont", "Pierre Martin", R.UNKNOWN),
        ("Jean Dupont", "Pierre Dupont", R.UNKNOWN),
        ("Hamidou Diallo", "Diallo Hamidou", R.EQUAL),  # unknown names compare by their words
        ("Hamidou Moumouni", "Moumouni Hamidou", R.BROADER),  # unknown vs registered: never EQUAL
        ("Maroc", "Jean Dupont", R.UNKNOWN),
        ("Abdellatif Ouahbi", "M. Abdellatif", R.NARROWER),  # a part of a registered name says less
        (["Maroc", "Jean Dupont"], ["Maroc", "Pierre Martin"], R.OVERLAP),
        ("", "Maroc", R.BROADER),  # says nothing
    ],
)
def test_relate(reg: Registry, a: str | list[str], b: str | list[str], expected: Relation) -> None:
    va, vb = parse_entity(a, reg), parse_entity(b, reg)
    assert va.relate(vb) is expected
    assert vb.relate(va) is expected.converse
    assert va.relate(vb, reg) is expected  # the registry argument is accepted, and not needed


def test_relate_other_types_is_unknown(reg: Registry) -> None:
    assert parse_entity("Maroc", reg).relate("Maroc") is Relation.UNKNOWN  # type: ignore[arg-type]


def test_registered_surname_without_alias(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "id: r\nentities:\n  ao: {kind: person, prefLabel: Abdellatif Ouahbi}\n", encoding="utf-8"
    )
    reg = load_registries([path], include_builtin=False)
    short = parse_entity("M. Ouahbi", reg)
    assert short.members[0].id is None  # not an alias here
    assert short.relate(parse_entity("Abdellatif Ouahbi", reg)) is Relation.BROADER


def test_name_that_reads_like_an_acronym_resolves_alike_on_every_path(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "id: r\nentities:\n  tim: {kind: person, prefLabel: Tim}\n"
        "  tim-body: {kind: organisation, prefLabel: Trafic illicite de migrants, acronyms: [TIM]}\n",
        encoding="utf-8",
    )
    reg = load_registries([path], include_builtin=False)
    assert parse_entity("TIM", reg).members[0].candidates == ("tim", "tim-body")  # name and acronym
    assert parse_entity("Tim", reg).members[0].candidates == ("tim",)  # acronyms are case-sensitive
    assert parse_entity("la TIM", reg).members[0].candidates == ("tim", "tim-body")


# --- persons and bodies (issue 13) -------------------------------------------------------------------


def _people() -> Registry:
    return load_registries([Path(__file__).parents[1] / "rules" / "fixtures" / "people.yaml"])


def test_a_person_and_a_body_are_never_disjoint() -> None:
    reg = _people()
    person, body = parse_entity("Ali Mahamane", reg), parse_entity("le ministère de la Justice", reg)
    assert (person.relate(body), body.relate(person)) == (Relation.UNKNOWN, Relation.UNKNOWN)
    # two bodies still exclude each other
    assert parse_entity("ONUDC", reg).relate(body) is Relation.DISJOINT


def test_heads_makes_the_person_narrower_only_where_a_head_stands_for_the_body() -> None:
    reg = _people()
    ouahbi, ministry = parse_entity("Abdellatif Ouahbi", reg), parse_entity("ministère de la Justice", reg)
    maroc = parse_entity("le Maroc", reg)
    assert ouahbi.relate(ministry, reg, "heads") is Relation.NARROWER
    assert ministry.relate(ouahbi, reg, "heads") is Relation.BROADER
    assert ouahbi.relate(maroc, reg, "heads") is Relation.NARROWER  # the ministry lies within Morocco
    assert ouahbi.relate(ministry, reg) is Relation.UNKNOWN  # elsewhere a person is not their ministry
    member = parse_entity("Ali Mahamane", reg)
    delegation = parse_entity("la délégation nigérienne", reg)
    assert member.relate(delegation, reg, "heads") is Relation.UNKNOWN  # a member does not sign for it
    assert member.relate(delegation, reg, "members") is Relation.NARROWER


def test_a_registered_name_is_never_split_on_et() -> None:
    reg = _people()
    v = parse_entity("l'Office des Nations unies contre la drogue et le crime", reg)
    assert v.ids == ("unodc",)
    assert parse_entity("le Maroc et l'ONUDC", reg).ids == ("morocco", "unodc")


def test_memberof_and_heads_name_known_entities(tmp_path: Path) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(
        "id: r\nentities:\n  x:\n    kind: person\n    prefLabel: X Y\n    heads: [minstry]\n", "utf-8"
    )
    with pytest.raises(InputError) as err:
        load_registries([f])
    [p] = err.value.problems
    assert (p.line, p.pointer, p.message) == (6, "/entities/x/heads/0", "unknown entity 'minstry' in heads")
