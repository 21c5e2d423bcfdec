"""The date lexicon: one table per language, merged into the one the parser reads, clashes refused."""

from __future__ import annotations

from datetime import date

import pytest

from recoupe.normalize.dates import parse_date
from recoupe.normalize.dates.lexicon import LEXICONS, WORDS, DateLexicon, merge


def test_french_and_english_are_the_languages() -> None:
    assert [lex.language for lex in LEXICONS] == ["fr", "en"]


def test_every_table_word_is_read_by_the_parser() -> None:
    for lex in LEXICONS:
        assert lex.months.items() <= WORDS.months.items()
        assert lex.weekdays.items() <= WORDS.weekdays.items()
        assert lex.relative.items() <= WORDS.relative.items()
        assert lex.open.items() <= WORDS.open.items()
        assert lex.fillers <= WORDS.fillers
        assert set(lex.recent) <= set(WORDS.recent)


def test_a_word_both_languages_share_keeps_its_meaning() -> None:
    fr, en = LEXICONS
    assert fr.months["sept"] == en.months["sept"] == WORDS.months["sept"] == 9
    for text in ("5 sept 2022", "5 septembre 2022", "Sept 5, 2022", "September 5, 2022"):
        v = parse_date(text)
        assert v is not None and (v.start, v.end) == (date(2022, 9, 5), date(2022, 9, 5)), text


def test_merge_refuses_a_word_with_two_meanings() -> None:
    # « mar » is Tuesday in French abbreviations and March in English: the reason fr.py leaves it out.
    tuesday = DateLexicon(language="xx", weekdays={"mar": 1})
    march = DateLexicon(language="yy", months={"mar": 3}, weekdays={"mar": 6})
    with pytest.raises(
        ValueError, match=r"date lexicons 'xx' and 'yy' give weekdays word 'mar' two meanings: 1 and 6"
    ):
        merge("all", (tuesday, march))


def test_merge_keeps_words_in_table_order_once() -> None:
    a = DateLexicon(language="a", vague=("early", "mid"), fillers=frozenset({"the"}), months={"mai": 5})
    b = DateLexicon(language="b", vague=("mid", "late"), fillers=frozenset({"of"}), months={"mai": 5})
    merged = merge("ab", (a, b))
    assert merged.language == "ab"
    assert merged.vague == ("early", "mid", "late")
    assert merged.fillers == frozenset({"the", "of"})
    assert dict(merged.months) == {"mai": 5}


def test_a_table_word_must_be_folded() -> None:
    with pytest.raises(ValueError, match=r"date lexicon 'fr': months word 'Août' is not folded"):
        DateLexicon(language="fr", months={"Août": 8})


def test_a_modifier_written_before_a_weekday_must_be_a_modifier() -> None:
    with pytest.raises(ValueError, match=r"date lexicon 'en': before word 'this' is not a modifier"):
        DateLexicon(language="en", before=("this",))
