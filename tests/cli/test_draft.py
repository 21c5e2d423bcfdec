"""`recoupe draft`: the seed texts drafted into files that validate, the qualifiers it sets, no overwrite,
--merge, both NLP paths, and a new user's way from an empty folder to a first report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from recoupe.draft import nlp
from tests.conftest import ROOT, SEED, Runner, write

REGISTRY = ROOT / "vocab" / "seed-entities.yaml"
NO_NLP = "the NLP extra was not used: names that no registry lists (persons, organisations, places) were not drafted"


def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "claims" / "ev"
    folder.mkdir(parents=True)
    for name in ("le360.txt", "declaration-entente.txt"):
        shutil.copy(SEED / name, folder / name)
    write(tmp_path / "recoupe.toml", f'registries = ["{REGISTRY}"]\n')
    return folder


def claims_of(path: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {c["id"]: c for c in data["claims"]}


@pytest.mark.parametrize("use_nlp", [False, True], ids=["rules", "nlp"])
def test_the_seed_texts_draft_into_files_that_validate(run: Runner, tmp_path: Path, use_nlp: bool) -> None:
    if use_nlp and nlp.missing("fr"):
        pytest.skip(f"NLP path: {nlp.missing('fr')}")
    folder = seed_folder(tmp_path)
    flags = [] if use_nlp else ["--no-nlp"]
    for name in ("le360", "declaration-entente"):
        result = run("draft", f"claims/ev/{name}.txt", *flags)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"wrote claims/ev/{name}.yaml: ")
        assert (f"skipped: {NO_NLP}" in result.stdout) is not use_nlp
    valid = run("validate", "claims", "--format", "json")
    assert valid.exit_code == 0, valid.output  # every quote found, every slot known
    le360 = claims_of(folder / "le360.yaml")
    assert all(c["review"] is True and c["quote"] for c in le360.values())
    source = yaml.safe_load((folder / "le360.yaml").read_text(encoding="utf-8"))
    assert (source["title"], source["published"].isoformat(), source["language"]) == (
        "Immigration clandestine : le Maroc et le Niger lancent une coopération de lutte contre le trafic des êtres humains",
        "2022-08-01",
        "fr",
    )
    assert source["text"]["path"] == "le360.txt"
    assert le360["published-01-08-2022"] == {
        "id": "published-01-08-2022", "slot": "published", "type": "date", "value": "01.08.2022",
        "quote": "01.08.2022", "review": True,
    }  # fmt: skip
    assert le360["attempts-quelque-15-000"] == {
        "id": "attempts-quelque-15-000", "slot": "quantity:attempts", "type": "quantity",
        "value": "quelque 15.000", "quote": "quelque 15.000 tentatives", "approximate": True, "review": True,
    }  # fmt: skip
    assert le360["parties-maroc-niger"]["value"] == ["Maroc", "Niger"]
    assert le360["date-ce-lundi-1er-aout-2022"]["quote"] == "ce lundi 1er août 2022"
    assert le360["destination-espagne"]["quote"] == "Espagne"
    role = le360["abdellatif-ouahbi-participant-role"]
    assert (role["subject"], role["value"], role["type"]) == (
        "abdellatif-ouahbi",
        "ministre de la Justice",
        "text",
    )
    # « Le ministre a exprimé … »: the minister is the one named with that title before
    assert le360["origin-asie"]["attributed_to"] == "Abdellatif Ouahbi"
    entente = claims_of(folder / "declaration-entente.yaml")
    # « Selon le président de la Commission …, Moumouni Hamidou, … »
    said = [c for c in entente.values() if c["value"] == "déclaration d’intention"]
    assert [c.get("attributed_to") for c in said] == ["Moumouni Hamidou"]
    # « «Le Maroc comprend bien les problèmes de l’Afrique …», avait-il déclaré. »: the last person named
    assert entente["offence-terrorisme-2"]["quote"] == "terrorisme"
    assert entente["offence-terrorisme-2"]["attributed_to"] == "Hassoumi Massaoudou"
    assert entente["agreements-16"]["slot"] == "quantity:agreements"
    assert entente["date-en-decembre-dernier"]["value"] == "En décembre dernier"
    assert "published" not in yaml.safe_load(
        (folder / "declaration-entente.yaml").read_text(encoding="utf-8")
    )


def test_ids_are_stable_and_a_source_file_is_never_overwritten(run: Runner, tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    assert run("draft", "claims/ev/le360.txt", "--no-nlp").exit_code == 0
    first = (folder / "le360.yaml").read_bytes()
    again = run("draft", "claims/ev/le360.txt", "--no-nlp")
    assert again.exit_code == 2
    assert again.stderr == (
        "error: claims/ev/le360.yaml: already exists; recoupe draft never overwrites a source file: add --merge "
        "to add only the claims it lacks, or choose another --output [exists]\n1 problem found\n"
    )
    assert (folder / "le360.yaml").read_bytes() == first
    assert run("draft", "claims/ev/le360.txt", "--no-nlp", "--output", "claims/ev/copy.yaml").exit_code == 0
    assert claims_of(folder / "copy.yaml") == claims_of(folder / "le360.yaml")


def test_merge_adds_only_the_claims_whose_quote_and_slot_are_missing(run: Runner, tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    run("draft", "claims/ev/declaration-entente.txt", "--no-nlp")
    path = folder / "declaration-entente.yaml"
    whole = claims_of(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = [c for c in data["claims"] if c["slot"] != "date"]
    reviewed = dict(kept[0], id="checked", review=False)  # a person renamed and confirmed this one
    lines = ["# my notes, kept as they are", f"id: {data['id']}", "language: fr", "text:"]
    lines += [f"  path: {data['text']['path']}", f"  sha256: {data['text']['sha256']}", "claims:"]
    lines += [f"  - {json.dumps(c, ensure_ascii=False)}" for c in [reviewed, *kept[1:]]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("draft", "claims/ev/declaration-entente.txt", "--no-nlp", "--merge")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "merged into claims/ev/declaration-entente.yaml: 3 claims drafted for review"
    )
    merged = claims_of(path)
    dates = {k: v for k, v in whole.items() if v["slot"] == "date"}
    assert set(merged) == {"checked", *(k for k in whole if k != kept[0]["id"])}
    assert {k: merged[k] for k in dates} == dates
    assert merged["checked"]["review"] is False
    assert path.read_text(encoding="utf-8").startswith("# my notes, kept as they are\n")
    assert run("validate", "claims").exit_code == 0


NLP_TEXT = "Police arrested 12 people in Rabat on Tuesday, spokesman John Smith said.\n"


def test_without_the_nlp_extra_unregistered_names_are_skipped_and_said(run: Runner, tmp_path: Path) -> None:
    write(tmp_path / "claims" / "ev" / "wire.txt", NLP_TEXT)
    result = run("draft", "claims/ev/wire.txt", "--no-nlp")
    assert result.exit_code == 0, result.output
    assert f"skipped: {NO_NLP}\n" in result.stdout
    found = claims_of(tmp_path / "claims" / "ev" / "wire.yaml")
    assert {(c["slot"], str(c["value"])) for c in found.values()} == {
        ("domain", "Police"),  # a label of the built-in domains vocabulary
        ("quantity:people", "12"),
        ("place", "Rabat"),
        ("date", "on Tuesday"),
    }
    assert {c.get("attributed_to") for c in found.values()} == {"spokesman John Smith"}


@pytest.mark.skipif(nlp.missing("en") is not None, reason=f"NLP path: {nlp.missing('en')}")
def test_with_the_nlp_extra_a_recognized_person_is_drafted(run: Runner, tmp_path: Path) -> None:
    write(tmp_path / "claims" / "ev" / "wire.txt", NLP_TEXT)
    result = run("draft", "claims/ev/wire.txt", "--language", "en")
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.stdout
    found = claims_of(tmp_path / "claims" / "ev" / "wire.yaml")
    assert found["participants-john-smith"]["quote"] == "John Smith"
    assert run("validate", "claims").exit_code == 0


TEXT_A = """Naufrage meurtrier près de Rabat

Selon les autorités, 23 migrants sont morts vendredi 24 juin 2022 au large de Rabat.
"""
TEXT_B = """Deadly shipwreck off Rabat

At least 40 survivors were rescued and 37 migrants died on Friday 24 June 2022 off Rabat, rights groups said.
"""


def test_a_new_user_gets_from_an_empty_folder_to_a_first_report(run: Runner, tmp_path: Path) -> None:
    assert run("init").exit_code == 0
    write(tmp_path / "claims" / "shipwreck" / "agency.txt", TEXT_A)
    write(tmp_path / "claims" / "shipwreck" / "ngo.txt", TEXT_B)
    first = run("draft", "claims/shipwreck/agency.txt", "--event", "shipwreck")
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("wrote claims/shipwreck/event.yaml\nwrote claims/shipwreck/agency.yaml: ")
    assert run("draft", "claims/shipwreck/ngo.txt").exit_code == 0
    report = run("check", "--format", "json")
    # 23 dead according to the authorities, 37 according to rights groups: two counters, divergent
    # accounts, which a newsroom reports side by side; nothing fails the run
    assert report.exit_code == 0, report.output
    findings = [f for f in json.loads(report.stdout)["findings"] if f["event"] == "shipwreck"]
    got = {(f["code"], f["slot"], tuple(sorted(c["source"] for c in f["claims"]))) for f in findings}
    assert (
        "CMP005",
        "quantity:dead",
        ("agency", "ngo"),
    ) in got  # « 23 migrants sont morts », « 37 migrants died »
    assert ("CMP001", "date", ("agency", "ngo")) in got
    assert ("REV001", "", ("agency",) * 4) in got
    text = run("check", "--no-color", "--show-info")  # both are info, folded by default
    assert "REV001" in text.stdout and "CMP005" in text.stdout


def test_a_count_dated_by_au_is_drafted_with_as_of(run: Runner, tmp_path: Path) -> None:
    write(
        tmp_path / "claims" / "ev" / "toll.txt",
        "Bilan\n\nAu 30 juin, 37 morts avaient été recensés, selon les autorités.\n",
    )
    assert run("draft", "claims/ev/toll.txt", "--no-nlp").exit_code == 0
    assert claims_of(tmp_path / "claims" / "ev" / "toll.yaml")["dead-37"] == {
        "id": "dead-37", "slot": "quantity:dead", "type": "quantity", "value": "37", "quote": "37 morts",
        "attributed_to": "les autorités", "as_of": "Au 30 juin", "review": True,
    }  # fmt: skip
    assert run("validate", "claims").exit_code == 0


def test_a_bad_language_or_id_is_a_located_usage_error(run: Runner, tmp_path: Path) -> None:
    write(tmp_path / "claims" / "ev" / "a.txt", "Texte.\n")
    bad = run("draft", "claims/ev/a.txt", "--language", "français")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "error: --language: 'français' is not a language tag (fr, en, pt-BR…) [usage]\n1 problem found\n",
    )
    bad = run("draft", "claims/ev/a.txt", "--source", "a b")
    assert bad.stderr.startswith("error: --source: 'a b' is not a valid id")
    assert not (tmp_path / "claims" / "ev" / "a.yaml").exists()


WIRE = "At least 23 people were killed and some 76 injured on Friday, June 24, 2022, the ministry said.\n"


def test_a_wire_story_counts_the_dead_and_reads_a_date_with_commas(run: Runner, tmp_path: Path) -> None:
    write(tmp_path / "claims" / "ev" / "wire.txt", WIRE)
    assert run("draft", "claims/ev/wire.txt", "--no-nlp").exit_code == 0
    found = claims_of(tmp_path / "claims" / "ev" / "wire.yaml")
    assert {k: (c["slot"], c["value"], c.get("approximate", False)) for k, c in found.items()} == {
        "dead-at-least-23": ("quantity:dead", "At least 23", False),  # the people counted were killed
        "injured-some-76": ("quantity:injured", "some 76", True),
        "date-on-friday-june-24-2022": ("date", "on Friday, June 24, 2022", False),
    }
    assert {c["attributed_to"] for c in found.values()} == {"the ministry"}
    assert run("validate", "claims").exit_code == 0
