"""An indefinite amount (« un nombre indéterminé », « a handful ») is no count of one: it stays unresolved,
so that it never contradicts a figure."""

from __future__ import annotations

import pytest

from recoupe.normalize.quantities import parse_quantity


@pytest.mark.parametrize(
    "text",
    ["un nombre indéterminé", "un nombre important de migrants", "une poignée", "un grand nombre de personnes",
     "a handful of people", "a number of migrants", "a lot"],
)  # fmt: skip
def test_indefinite_amounts_are_not_one(text: str) -> None:
    assert parse_quantity(text, lang="fr") is None


@pytest.mark.parametrize("text", ["un mort", "une personne", "un"])
def test_one_of_something_is_still_one(text: str) -> None:
    q = parse_quantity(text, lang="fr")
    assert q is not None and (q.low, q.high) == (1, 1)
