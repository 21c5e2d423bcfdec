"""The registry file format, its loader's located problems, and the built-in places."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from recoupe.errors import InputError
from recoupe.models import SCHEMA_BASE
from recoupe.normalize.entities import (
    BUILTIN_DISPLAY,
    Entity,
    Registry,
    RegistryFile,
    builtin_registry,
    load_registries,
)


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def located(err: InputError) -> list[tuple[str, int | None, str]]:
    return [(Path(p.file).name, p.line, p.message) for p in err.problems]


# --- built-in places ---------------------------------------------------------------------------------

AFRICA = [
    "DZ",
    "AO",
    "BJ",
    "BW",
    "BF",
    "BI",
    "CV",
    "CM",
    "CF",
    "TD",
    "KM",
    "CG",
    "CD",
    "CI",
    "DJ",
    "EG",
    "GQ",
    "ER",
    "SZ",
    "ET",
    "GA",
    "GM",
    "GH",
    "GN",
    "GW",
    "KE",
    "LS",
    "LR",
    "LY",
    "MG",
    "MW",
    "ML",
    "MR",
    "MU",
    "MA",
    "MZ",
    "NA",
    "NE",
    "NG",
    "RW",
    "ST",
    "SN",
    "SC",
    "SL",
    "SO",
    "ZA",
    "SS",
    "SD",
    "TZ",
    "TG",
    "TN",
    "UG",
    "ZM",
    "ZW",
]
EU = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]
OTHERS = ["GB", "US", "CA", "RU", "CN", "IN", "JP", "BR", "TR", "SA", "AE", "QA", "KW", "BH", "OM"]


def test_builtin_has_every_country_asked_for() -> None:
    reg = builtin_registry()
    assert len(AFRICA) == 54 and len(EU) == 27
    for code in [*AFRICA, *EU, *OTHERS]:
        ids = reg.lookup(code)
        assert len(ids) == 1, code
        entity = reg[next(iter(ids))]
        assert entity.kind == "place" and not entity.part_of, code


def test_builtin_african_capitals_lie_in_their_country() -> None:
    reg = builtin_registry()
    capitals = [c for c in reg if reg[c].part_of]
    countries_with_capital = {reg[c].part_of[0] for c in capitals}
    african = {next(iter(reg.lookup(code))) for code in AFRICA}
    assert african <= countries_with_capital
    assert reg.is_part_of("rabat", "morocco")
    assert reg.is_part_of("niamey", "niger")
    assert reg.is_part_of("abuja", "nigeria")
    for city in ("marrakech", "casablanca", "tangier"):
        assert reg.is_part_of(city, "morocco")
    assert not reg.is_part_of("morocco", "rabat")
    assert not reg.is_part_of("rabat", "rabat")


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("Maroc", {"morocco"}),
        ("morocco", {"morocco"}),
        ("le Maroc", {"morocco"}),
        ("Royaume du Maroc", {"morocco"}),
        ("marocaine", {"morocco"}),
        ("nigérien", {"niger"}),
        ("Nigerien", {"niger"}),
        ("nigérian", {"nigeria"}),
        ("Nigéria", {"nigeria"}),
        ("Côte-d’Ivoire", {"cote-d-ivoire"}),
        ("Ivory Coast", {"cote-d-ivoire"}),
        ("ESPAGNE", {"spain"}),
        ("Le Caire", {"cairo"}),
        ("Tanger", {"tangier"}),
        ("Marrakesh", {"marrakech"}),
        ("MA", {"morocco"}),
        ("MAR", {"morocco"}),
        ("NER", {"niger"}),
        ("RDC", {"dr-congo"}),
        ("U.S.", {"united-states"}),
        ("Congo", {"congo", "dr-congo"}),  # ambiguous: both
        ("Djibouti", {"djibouti", "djibouti-city"}),
        ("ma", set()),  # acronyms are case-sensitive
        ("CAN", set()),  # the Coupe d'Afrique des nations, not Canada
        ("guinéen", set()),  # ambiguous adjective, left out
    ],
)
def test_builtin_lookup(name: str, ids: set[str]) -> None:
    assert builtin_registry().lookup(name) == ids


def test_builtin_labels_per_language() -> None:
    morocco = builtin_registry()["morocco"]
    assert morocco.pref_label == "Maroc"
    assert morocco.label_for("en") == "Morocco"
    assert morocco.label_for("de") == "Maroc"
    assert morocco.file == BUILTIN_DISPLAY and morocco.line is not None


def test_load_without_paths_is_the_cached_builtin() -> None:
    assert load_registries([]) is builtin_registry()
    assert len(load_registries([], include_builtin=False)) == 0


def test_schema_id() -> None:
    schema = RegistryFile.model_json_schema()
    assert schema["$id"] == SCHEMA_BASE + "registry.schema.json"
    assert schema["title"] == "Registry"


# --- project registries ------------------------------------------------------------------------------


def test_project_registry_merges_with_builtin(tmp_path: Path) -> None:
    path = write(
        tmp_path / "seed.yaml",
        """
        # yaml-language-server: $schema=https://recoupe.dev/schemas/registry.schema.json
        id: seed-entities
        entities:
          maroc-gouvernement:
            kind: organisation
            prefLabel: gouvernement marocain
            partOf: [morocco]
          maroc-justice:
            kind: organisation
            prefLabel: {fr: ministère de la Justice, en: Ministry of Justice}
            altLabel: {fr: [ministère marocain de la Justice]}
            partOf: [maroc-gouvernement]
          abdellatif-ouahbi:
            kind: person
            prefLabel: Abdellatif Ouahbi
            altLabel: [Ouahbi]
            wikidata: Q123
            note: ministre de la Justice
        """,
    )
    reg = load_registries([path])
    assert reg.ids == ("recoupe-places", "seed-entities")
    assert reg.sources == (BUILTIN_DISPLAY, str(path))
    assert reg.lookup("Ouahbi") == {"abdellatif-ouahbi"}
    assert reg.is_part_of("maroc-justice", "morocco")  # transitive
    assert reg.ancestors("maroc-justice") == {"maroc-gouvernement", "morocco"}
    assert {"maroc-justice", "maroc-gouvernement", "rabat"} <= reg.extension("morocco")
    ouahbi = reg["abdellatif-ouahbi"]
    assert (ouahbi.kind, ouahbi.wikidata, ouahbi.line) == ("person", "Q123", 13)
    assert reg["maroc-justice"].labels == (
        "ministère de la Justice",
        "Ministry of Justice",
        "ministère marocain de la Justice",
    )


def test_project_registry_extends_builtin_entities(tmp_path: Path) -> None:
    path = write(
        tmp_path / "seed.yaml",
        """
        id: seed
        entities:
          africa: {kind: place, prefLabel: Afrique, altLabel: [Africa]}
          morocco:
            kind: place
            prefLabel: Maroc
            altLabel: [Chérifien]
            wikidata: Q1028
            partOf: [africa]
            note: one of the two parties
        """,
    )
    reg = load_registries([path])
    morocco = reg["morocco"]
    assert morocco.part_of == ("africa",)
    assert morocco.wikidata == "Q1028" and morocco.note == "one of the two parties"
    assert (Path(morocco.file).name, morocco.line) == ("seed.yaml", 4)
    assert morocco.labels[:3] == ("Maroc", "Chérifien", "Morocco")
    assert morocco.acronyms == ("MA", "MAR")  # the built-in names stay
    assert morocco.label_for("en") == "Morocco"
    assert reg.is_part_of("rabat", "africa")
    # a second project file may not define it again
    again = write(
        tmp_path / "again.yaml", "id: again\nentities:\n  morocco: {kind: place, prefLabel: Maroc}\n"
    )
    with pytest.raises(InputError) as info:
        load_registries([path, again])
    assert located(info.value) == [("again.yaml", 3, f"entity 'morocco' is already defined in {path}:4")]


def test_cycle_through_an_extended_builtin_entity(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.yaml", "id: c\nentities:\n  morocco: {kind: place, prefLabel: Maroc, partOf: [rabat]}\n"
    )
    with pytest.raises(InputError) as info:
        load_registries([path])
    assert located(info.value) == [("c.yaml", 3, "partOf cycle: morocco → rabat → morocco")]


def test_same_name_for_two_entities_is_ambiguous_not_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.yaml",
        """
        id: r
        entities:
          hamidou-a: {kind: person, prefLabel: Moumouni Hamidou, altLabel: [Hamidou]}
          hamidou-b: {kind: person, prefLabel: Hamidou Diallo, altLabel: [Hamidou]}
        """,
    )
    assert load_registries([path], include_builtin=False).lookup("Hamidou") == {"hamidou-a", "hamidou-b"}


def test_malformed_registries_report_every_problem_located(tmp_path: Path) -> None:
    first = write(
        tmp_path / "first.yaml",
        """
        id: first
        entities:
          justice:
            kind: organisation
            prefLable: Ministère de la Justice
          gouvernement:
            kind: organisation
            prefLabel: gouvernement
            partOf: [morroco]
          ouahbi:
            kind: person
            prefLabel: Abdellatif Ouahbi
            wikidata: Q12x
          a-1: {kind: other, prefLabel: A, partOf: [a-2]}
          a-2: {kind: other, prefLabel: "—", partOf: [a-1]}
        """,
    )
    second = write(
        tmp_path / "second.yaml",
        """
        id: first
        entities:
          gouvernement:
            kind: organisation
            prefLabel: le gouvernement
          rabat: {kind: place, prefLabel: Rabat}  # extends the built-in Rabat: not an error
          ouahbi: {kind: persn, prefLabel: Ouahbi}
        """,
    )
    with pytest.raises(InputError) as info:
        load_registries([first, second])
    assert located(info.value) == [
        # the misspelling, not also 'prefLabel' as missing
        ("first.yaml", 5, "unknown key 'prefLable' (did you mean 'prefLabel'?)"),
        ("first.yaml", 9, "unknown entity 'morroco' in partOf (did you mean 'morocco'?)"),
        ("first.yaml", 13, "string should match pattern '^Q[0-9]+$' (got 'Q12x')"),
        ("first.yaml", 15, "name '—' has no word to match on"),
        ("first.yaml", 15, "partOf cycle: a-1 → a-2 → a-1"),
        ("second.yaml", 1, f"registry id 'first' is already used by {first}"),
        ("second.yaml", 3, f"entity 'gouvernement' is already defined in {first}:6"),
        ("second.yaml", 7, "input should be 'person', 'organisation', 'place' or 'other' (got 'persn')"),
    ]
    kinds = {p.kind for p in info.value.problems}
    assert kinds == {"unknown-key", "unknown-id", "type", "invalid", "cycle", "duplicate-id"}


def test_not_a_mapping_and_bad_yaml(tmp_path: Path) -> None:
    listing = write(tmp_path / "list.yaml", "- a\n- b\n")
    broken = write(tmp_path / "broken.yaml", "id: x\nentities: {a: [\n")
    with pytest.raises(InputError) as info:
        load_registries([listing, broken], include_builtin=False)
    files = [(Path(p.file).name, p.kind) for p in info.value.problems]
    assert files == [("broken.yaml", "syntax"), ("list.yaml", "type")]


def test_registry_built_directly_refuses_unsound_input() -> None:
    def ent(i: str, *parents: str) -> Entity:
        return Entity(i, "place", i, (i,), (), None, parents)

    with pytest.raises(ValueError, match="cycle"):
        Registry([ent("a", "b"), ent("b", "a")])
    with pytest.raises(ValueError, match="unknown entity 'zz'"):
        Registry([ent("a", "zz")])
    with pytest.raises(ValueError, match="twice"):
        Registry([ent("a"), ent("a")])
    deep = Registry([ent(f"n{i}", f"n{i + 1}") for i in range(1500)] + [ent("n1500")])
    assert deep.is_part_of("n0", "n1500")
    assert len(deep.extension("n1500")) == 1501  # no recursion limit on long chains
