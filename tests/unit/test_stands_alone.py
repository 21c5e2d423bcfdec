"""`stands_alone` finds a value in its quote exactly where the pattern it replaces would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.load.lint import stands_alone

ALPHABET = "81.0,-a_ é٣\u00a0"  # digits (one Arabic-Indic), separators, letters, underscore, spaces


def by_pattern(needle: str, text: str) -> bool:
    return re.search(rf"(?<!\w)(?<!\d[.,]){re.escape(needle)}(?!\w)(?![.,]\d)", text) is not None


@settings(max_examples=3000, deadline=None)
@given(st.text(ALPHABET, max_size=4), st.text(ALPHABET, max_size=14))
def test_it_agrees_with_the_pattern(needle: str, text: str) -> None:
    assert stands_alone(needle, text) == by_pattern(needle, text)


def test_the_cases_it_exists_for() -> None:
    assert stands_alone("81.0", "le bilan est de 81.0 morts")
    assert not stands_alone("81.0", "le bilan est de 81.000 morts")  # inside a longer number
    assert not stands_alone("000", "1.000 morts")  # after a thousands separator
    assert not stands_alone("23", "a23")
    assert stands_alone("23", "a 23, puis 37")  # a comma not followed by a digit ends it
    assert stands_alone("23", "x23 et 23")  # the second occurrence stands alone


def test_figures_of_unseen_events_in_their_quotes() -> None:
    # a toll given by three counters, a protest count « 1,1 million », an English wire story
    assert stands_alone("23", "les autorités marocaines font état de 23 morts")
    assert stands_alone("37", "l'ong caminando fronteras compte au moins 37 morts, puis 40")
    assert not stands_alone("23", "un bilan de 1.230 morts")  # a thousands group, not the toll
    assert stands_alone("1,1 million", "selon la cgt, 1,1 million de manifestants")
    assert not stands_alone("1,1", "1,15 million de manifestants")  # inside a longer number
    assert stands_alone("1.1 million", "police said 1.1 million people marched on saturday")
    assert not stands_alone("1.1 million", "organisers said 11.1 million")
