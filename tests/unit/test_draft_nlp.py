"""The NLP extra's adapter: what spaCy's small models give `recoupe draft`, in character offsets."""

from __future__ import annotations

import pytest

from recoupe.draft import nlp

EN = "Police arrested 12 people in Rabat on Tuesday. Spokesman John Smith said the boat sank."
FR = "Selon la police, les victimes seraient au nombre de 37. Le ministre Abdellatif Ouahbi a déclaré que Rabat coopérera."


def spans(text: str, found: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in found]


@pytest.mark.skipif(nlp.missing("en") is not None, reason=f"NLP path: {nlp.missing('en')}")
def test_english_sentences_names_and_speakers() -> None:
    a = nlp.analyse(EN, "en")
    assert spans(EN, a.sentences) == [
        "Police arrested 12 people in Rabat on Tuesday.",
        "Spokesman John Smith said the boat sank.",
    ]
    assert [(EN[x:y], label) for x, y, label in a.entities] == [
        ("12", "CARDINAL"),
        ("Rabat", "GPE"),
        ("Tuesday", "DATE"),
        ("John Smith", "PERSON"),
    ]
    assert spans(EN, a.speakers) == ["Spokesman John Smith"]
    assert a.conditional == []


@pytest.mark.skipif(nlp.missing("fr") is not None, reason=f"NLP path: {nlp.missing('fr')}")
def test_french_conditional_and_reporting_verb() -> None:
    a = nlp.analyse(FR, "fr")
    assert len(a.sentences) == 2
    assert spans(FR, a.conditional) == ["seraient"]
    assert spans(FR, a.speakers) == ["Le ministre Abdellatif Ouahbi"]
    assert (FR.index("Abdellatif"), FR.index("Abdellatif") + len("Abdellatif Ouahbi"), "PER") in a.entities


def test_a_language_without_a_model_is_said() -> None:
    from importlib.util import find_spec

    assert nlp.missing("xx") == (
        "no spaCy model for language 'xx' is installed (a small spaCy model)"
        if find_spec("spacy") is not None
        else "the NLP extra is not installed (pip install 'recoupe[nlp]')"
    )
