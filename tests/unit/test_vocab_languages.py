"""The built-in vocabularies in six languages, the source's language tried first, and extending a built-in concept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recoupe.errors import InputError
from recoupe.vocab import VocabIndex, load_vocabularies
from tests.conftest import Runner

LANGS = {"fr", "en", "es", "de", "nl", "ar"}
MULTILINGUAL = ("offences", "instruments", "observances", "cooperation", "actions")


@pytest.fixture(scope="module")
def ix() -> VocabIndex:
    return load_vocabularies([])


def test_every_concept_of_the_press_vocabularies_speaks_six_languages(ix: VocabIndex) -> None:
    for vid in MULTILINGUAL:
        for cid in ix.vocabularies[vid].concepts:
            assert set(ix.concept(cid).pref_label) == LANGS, cid


@pytest.mark.parametrize(
    ("wording", "lang", "concept"),
    [
        ("mensenhandel", "nl", "trafficking-in-persons"),
        ("Menschenhandel", "de", "trafficking-in-persons"),
        ("la trata de personas", "es", "trafficking-in-persons"),
        ("الاتجار بالبشر", "ar", "trafficking-in-persons"),
        ("mensensmokkel", "nl", "smuggling-of-migrants"),
        ("تهريب المهاجرين", "ar", "smuggling-of-migrants"),
        ("overeenkomst", "nl", "agreement"),
        ("إعلان نوايا", "ar", "declaration-of-intent"),
        ("mémorandum d'entente", "fr", "memorandum-of-understanding"),
        ("مذكرة تفاهم", "ar", "memorandum-of-understanding"),
        ("Werelddag tegen Mensenhandel", "nl", "world-day-against-trafficking-in-persons"),
        ("uitwisseling van goede praktijken", "nl", "exchange-of-good-practices"),
        ("unterzeichnet", "de", "sign"),
        ("وقعا بالأحرف الأولى", "ar", "initial"),
    ],
)
def test_labels_resolve_with_their_language(ix: VocabIndex, wording: str, lang: str, concept: str) -> None:
    res = ix.resolve(wording)
    assert res is not None and (set(res.concepts), res.lang) == ({concept}, lang)


def test_the_source_language_is_tried_first(tmp_path: Path) -> None:
    # « gift » is a present in English and poison in Dutch and German: the source's language decides
    f = tmp_path / "v.yaml"
    f.write_text(
        "id: t\nconcepts:\n  present: {prefLabel: {en: gift}}\n  poison: {prefLabel: {nl: gift, fr: poison}}\n"
        "  note: {prefLabel: {en: note about}}\n",
        "utf-8",
    )
    ix = load_vocabularies([f], include_builtin=False)
    assert ix.resolve("gift", lang="nl").concepts == {"poison"}  # type: ignore[union-attr]
    assert ix.resolve("gift", lang="en-GB").concepts == {"present"}  # type: ignore[union-attr]
    assert ix.resolve("gift").concepts == {"present", "poison"}  # type: ignore[union-attr]
    # inside a longer value, a label of the source's language wins over another language's
    assert ix.resolve("een gift van de buren", lang="nl").concepts == {"poison"}  # type: ignore[union-attr]


def test_a_project_extends_a_builtin_concept_by_id(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text(
        "id: mine\nextend:\n  trafficking-in-persons:\n    altLabel: {pt: [tráfico de pessoas]}\n"
        "    scopeNote: {en: Our desk files forced labour cases here.}\n"
        "  training:\n    broader: [knowledge-sharing]\n",
        "utf-8",
    )
    ix = load_vocabularies([f])
    res = ix.resolve("tráfico de pessoas")
    assert res is not None and (res.concepts, res.lang) == (frozenset({"trafficking-in-persons"}), "pt")
    assert (
        ix.concept("trafficking-in-persons")
        .scope_note["en"]
        .endswith(" Our desk files forced labour cases here.")
    )
    assert ix.vocabulary_of("trafficking-in-persons").id == "offences"  # still defined where it was
    assert "knowledge-sharing" in ix.ancestors("training")


def test_extending_an_unknown_concept_is_located(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("id: mine\nextend:\n  trafficking-in-person:\n    altLabel: {pt: [x]}\n", "utf-8")
    with pytest.raises(InputError) as err:
        load_vocabularies([f])
    [p] = err.value.problems
    assert (p.line, p.pointer, p.message) == (
        3,
        "/extend/trafficking-in-person",
        "cannot extend unknown concept 'trafficking-in-person' (did you mean 'trafficking-in-persons'?)",
    )


@pytest.mark.parametrize(("term", "lang"), [("mensenhandel", "nl"), ("الاتجار بالبشر", "ar")])
def test_vocab_lookup_shows_the_language_that_matched(run: Runner, term: str, lang: str) -> None:
    text = run("vocab", "lookup", term)
    assert text.exit_code == 0
    assert text.stdout.startswith("trafficking-in-persons (offences): ")
    assert f"  matched: « {term} » ({lang})\n" in text.stdout
    [found] = json.loads(run("vocab", "lookup", term, "--format", "json").stdout)["concepts"]
    assert (found["id"], found["matchedLang"]) == ("trafficking-in-persons", lang)
