"""Quote folding: the fast fold_source / fold_quote against the per-character reference algorithm."""

from __future__ import annotations

import pickle
import re
import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from recoupe.load import evidence
from recoupe.load.evidence import (
    QuoteMatch,
    _fold_quote_reference,
    _fold_source_reference,
    _sparse,
    fold_quote,
    fold_source,
    locate,
    place,
)
from recoupe.textnorm import _PUNCT_TABLE

SETTINGS = settings(max_examples=400, deadline=None)

# Pieces that NFC leaves alone and that hold no combining mark: texts made of them take the fast path.
NFC_PIECES = [
    "a", "b", "Z", "é", "è", "ç", "À", "œ", "1", ".", ",", "'", '"', "`", "´", "\u02bc",
    "’", "‘", "«", "»", "“", "”", "\u00a0", "\u202f", "\u2009", "\u3000", "\u1680",
    " ", "  ", "    ", "\t", "\n", "\n\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
    "–", "—", "…", "€", "日", "\U0001f600",
]  # fmt: skip
# Pieces that take the reference path: decomposed accents (not NFC), a combining mark NFC cannot
# compose (q + tilde, NFC but a cluster), a stray mark, singletons NFC rewrites (U+2000, U+212B), a
# space or a newline carrying a mark, and Hangul jamo that NFC composes.
OTHER_PIECES = [
    "e\u0301", "E\u0300", "c\u0327", "q\u0303", "a\u0301\u0323", "\u0301", "\u0303", "\u2000", "\u2001",
    "\u212b", " \u0301", "\n\u0301", "\u00a0\u0308", "\u1100\u1161", "\u1161",
]  # fmt: skip

nfc_texts = st.lists(st.sampled_from(NFC_PIECES), max_size=40).map("".join)
mixed_texts = st.lists(st.sampled_from(NFC_PIECES + OTHER_PIECES), max_size=40).map("".join)
any_texts = st.one_of(nfc_texts, mixed_texts, st.text(max_size=30))


def assert_same_map(text: str) -> None:
    """fold_source agrees with the reference on the folded text and on every span of it."""
    ft = fold_source(text)
    folded, starts, ends = _fold_source_reference(text)
    assert ft.folded == folded
    assert ft.original == text
    n = len(folded)
    for i in range(n):
        assert ft.start_of(i) == starts[i], (text, i)
        assert ft.end_of(i) == ends[i], (text, i)
    for i in range(n):
        for j in range(i + 1, n + 1):
            assert ft.span(i, j) == (starts[i], ends[j - 1])
    # The fast path and the compressed reference build the very same value.
    assert ft == _sparse(text, folded, starts, ends)


@SETTINGS
@given(nfc_texts)
@example("")
@example("   ")
@example("  a  ")
@example("\n\nLe\u202f« mot »\u00a0:  fin \n")
def test_fast_path_matches_reference(text: str) -> None:
    assert_same_map(text)


@SETTINGS
@given(mixed_texts)
@example("q\u0303 a")  # NFC, with a mark NFC cannot compose
@example("e\u0301t\u00e9  \u2000x")
@example("\u0301abc")
def test_fallback_matches_reference(text: str) -> None:
    assert_same_map(text)


@SETTINGS
@given(st.text(max_size=40))
def test_arbitrary_text_matches_reference(text: str) -> None:
    assert_same_map(text)


@SETTINGS
@given(any_texts)
@example("  a\u00a0\u202f b\u0085\u2028c  ")
@example("`l’été`")
@example("e\u0301\u2000")
def test_fold_quote_matches_reference(s: str) -> None:
    assert fold_quote(s) == _fold_quote_reference(s)


@SETTINGS
@given(nfc_texts, st.data())
def test_quotes_taken_from_the_text_locate_as_before(text: str, data: st.DataObject) -> None:
    """A quote cut from the original text is placed where the reference map would place it."""
    ft = fold_source(text)
    folded, starts, ends = _fold_source_reference(text)
    if not folded.strip():
        return
    i = data.draw(st.integers(0, len(folded) - 1))
    j = data.draw(st.integers(i + 1, len(folded)))
    q = fold_quote(folded[i:j])
    if not q:
        return
    hits = evidence.find_all(folded, q)
    found = locate(folded[i:j], ft, 1)
    assert isinstance(found, QuoteMatch)
    assert (found.start, found.end) == (starts[hits[0]], ends[hits[0] + len(q) - 1])


@SETTINGS
@given(nfc_texts, st.data())
def test_place_is_locate_for_a_quote_found_once(text: str, data: st.DataObject) -> None:
    """The loader's fast path places a quote exactly where locate does, and only a quote found once."""
    ft = fold_source(text)
    folded, _, _ = _fold_source_reference(text)
    if not folded:
        return
    i = data.draw(st.integers(0, len(folded) - 1))
    j = data.draw(st.integers(i + 1, len(folded)))
    found = locate(folded[i:j], ft, None)
    expected = (found.start, found.end) if isinstance(found, QuoteMatch) else None
    assert place(folded[i:j], ft) == expected


def test_place_declines_what_locate_must_explain() -> None:
    ft = fold_source("Le trafic\n\n et le trafic, le\u202ftrafic.")
    assert place("le trafic", ft) is None  # twice: locate asks for an occurrence
    assert place("la traite", ft) is None  # absent: locate shows the closest passage
    assert place("   ", ft) is None  # folds to nothing
    assert place("et le trafic", ft) == (12, 24)  # after the collapsed paragraph break
    assert place("Le trafic", ft) == (0, 9)  # before it: the one-to-one stretch


def test_whitespace_list_is_what_python_calls_whitespace() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    spaces = "".join(c for c in everything if c.isspace())
    assert spaces == evidence._WHITESPACE
    # fold_quote relies on str.split() and the reference on regex \s: the same characters.
    assert "".join(re.findall(r"\s", everything)) == spaces
    assert "".join(everything.split()) == "".join(c for c in everything if not c.isspace())


def test_combining_marks_are_all_at_or_above_u0300() -> None:
    assert all(not unicodedata.combining(c) for c in map(chr, range(0x300))), (
        "the fast path's combining-mark test starts at U+0300"
    )


def test_typography_pairs_are_fold_typography_table() -> None:
    assert {ord(a): b for a, b in evidence._TYPO_PAIRS} == _PUNCT_TABLE
    # fold_quote returns an ASCII quote with its whitespace collapsed and nothing else replaced
    assert not any(a.isascii() for a, _ in evidence._TYPO_PAIRS)


def test_span_maps_collapsed_runs_and_clusters() -> None:
    text = "  Le\u202fmot\n\n\t«\u00a0q\u0303\u00a0» fin"
    ft = fold_source(text)
    assert ft.folded == 'Le mot " q\u0303 " fin'
    i = ft.folded.index("mot ")
    assert ft.span(i, i + 4) == (5, 11)  # the space stands for the whole "\n\n\t" run
    k = ft.folded.index("q")
    assert ft.span(k, k + 1) == (text.index("q"), text.index("q") + 2)  # q and its tilde go together


def test_sparse_map_is_per_run_not_per_character() -> None:
    text = ("Un mot\u202f; l’autre « mot ». " * 2000 + "\n\n") * 10
    ft = fold_source(text)
    assert len(ft.anchors) == 10  # one per paragraph break, none for single spaces
    assert len(pickle.dumps(ft)) < 3 * len(text.encode())


def test_span_rejects_an_empty_or_outside_slice() -> None:
    ft = fold_source("abc")
    for bad in ((0, 0), (2, 1), (-1, 2), (0, 4)):
        with pytest.raises(IndexError):
            ft.span(*bad)


def test_a_quote_with_a_backtick_is_found() -> None:
    text = fold_source("He said `yes` in Rabat.")
    found = locate("said `yes`", text, None)
    assert isinstance(found, QuoteMatch) and (found.start, found.end) == (3, 13)
