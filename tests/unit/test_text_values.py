"""Text values: equality of folded strings only, and the near-miss score."""

from __future__ import annotations

import subprocess
import sys

import pytest

from recoupe.normalize.relation import Relation
from recoupe.normalize.text import TextValue, near_miss, parse_text


def test_parse_folds_case_accents_apostrophes_and_spaces() -> None:
    value = parse_text("  La Déclaration  d\u2019Entente\u00a0")
    assert value == TextValue("la declaration d'entente", "  La Déclaration  d\u2019Entente\u00a0")
    assert str(value) == value.text
    assert value.to_dict() == {
        "type": "text",
        "text": "  La Déclaration  d\u2019Entente\u00a0",
        "folded": "la declaration d'entente",
    }


def test_list_is_joined() -> None:
    assert parse_text(["échange d'expériences", "formation"]) == TextValue(
        "echange d'experiences, formation", "échange d'expériences, formation"
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("déclaration d'entente", "Declaration d’entente", Relation.EQUAL),
        ("« un crime contre l'humanité »", "un crime contre l'humanité", Relation.EQUAL),  # quotes fold away
        ("déclaration d'entente", "déclaration d'intention", Relation.UNKNOWN),
        ("Rabat", "à Rabat", Relation.UNKNOWN),  # text knows nothing beyond equality
    ],
)
def test_relate(a: str, b: str, expected: Relation) -> None:
    assert parse_text(a).relate(parse_text(b)) is expected
    assert parse_text(b).relate(parse_text(a)) is expected.converse


def test_relate_other_types_is_unknown() -> None:
    assert parse_text("x").relate("x") is Relation.UNKNOWN  # type: ignore[arg-type]


def test_near_miss() -> None:
    assert near_miss("Déclaration d’entente", "declaration d'entente") == 1.0
    assert near_miss("abc", "xyz") == 0.0
    assert near_miss("", "") == 1.0
    score = near_miss("la traite des êtres humains", "le trafic des êtres humains")
    assert 0.75 < score < 0.95
    assert near_miss("traite des personnes", "traite des personne") == pytest.approx(2 * 19 / 39)


def test_rapidfuzz_is_imported_lazily() -> None:
    # start-up stays light: importing the module must not import rapidfuzz
    code = "import sys, recoupe.normalize.text; print('rapidfuzz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
