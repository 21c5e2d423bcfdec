"""The words of names: function words and the wordings around a name, tokenizing, and the keys names match on.

Shared by the registry's index (registry.py), its loader (load.py) and value parsing (parse.py), so that a
registered name and a claim's value are cut into words the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from recoupe.textnorm import fold_typography, strip_accents

ARTICLES = frozenset({"le", "la", "les", "l", "un", "une", "the", "an"})
PREPOSITIONS = frozenset(
    {
        "a", "au", "aux", "de", "du", "des", "d", "en", "dans", "entre", "par", "pour", "sur", "chez",
        "vers", "avec", "contre", "parmi", "in", "at", "of", "from", "to", "by", "for", "on", "with",
        "between", "among", "against",
    }
)  # fmt: skip
CONJUNCTIONS = frozenset({"et", "and"})
FUNCTION_WORDS = ARTICLES | PREPOSITIONS | CONJUNCTIONS
# Only these are dropped from the front of a registered name: "Le Caire" must also match "au Caire".
LEADING_NAME_ARTICLES = frozenset({"le", "la", "les", "l", "the"})
# An acronym this short is too often an ordinary word or another body's acronym (ET, CAN, SE...).
SHORT_ACRONYM = 3

_TOKEN_RE = re.compile(r"(?P<abbr>\b(?:[^\W\d_]\.){2,})|(?P<word>\w+)|(?P<sep>[,;:()\[\]{}&|])")

# Honorifics go before a name and say nothing about whom: « M. », « Mme », « S.E. », « Dr ».
HONORIFICS = frozenset(
    {
        "m", "mm", "mme", "mmes", "mlle", "mlles", "monsieur", "messieurs", "madame", "mesdames",
        "mademoiselle", "dr", "docteur", "pr", "prof", "professeur", "me", "maitre", "se", "son", "sa",
        "excellence", "majeste", "altesse", "cheikh", "mr", "mrs", "ms", "miss", "messrs", "sir", "dame",
        "lord", "his", "her", "excellency", "majesty", "highness", "sheikh", "hon", "honorable",
        "honourable",
    }
)  # fmt: skip
# Words stripped from the front of a segment: articles, prepositions and honorifics.
WEAK = ARTICLES | PREPOSITIONS | HONORIFICS | frozenset({"a"})
# Role nouns (fr + en): a segment holding one describes a function, and a name next to it is the person.
ROLES = frozenset(
    {
        # fr
        "ministre", "ministres", "president", "presidente", "presidents", "vice", "secretaire",
        "secretaires", "chef", "cheffe", "roi", "reine", "prince", "princesse", "emir", "sultan",
        "directeur", "directrice", "ambassadeur", "ambassadrice", "commissaire", "gouverneur",
        "gouverneure", "maire", "wali", "general", "generale", "colonel", "commandant", "capitaine",
        "juge", "procureur", "procureure", "porte", "delegue", "deleguee", "conseiller", "conseillere",
        "depute", "deputee", "senateur", "senatrice", "premier", "premiere", "representant",
        "representante", "coordinateur", "coordinatrice", "coordonnateur", "coordonnatrice",
        "dirigeant", "dirigeante", "responsable", "patron", "patronne", "pdg", "dg", "pape",
        "cardinal", "imam", "eveque", "souverain", "souveraine",
        # en
        "minister", "ministers", "secretary", "chief", "head", "king", "queen",
        "princess", "director", "ambassador", "envoy", "commissioner", "governor", "mayor",
        "commander", "captain", "judge", "prosecutor", "spokesman", "spokeswoman", "spokesperson",
        "delegate", "adviser", "advisor", "counsellor", "deputy", "senator", "prime", "representative",
        "coordinator", "chairman", "chairwoman", "chairperson", "chair", "leader", "officer", "ceo",
        "pope",
    }
)  # fmt: skip
# Nouns that only say what kind of place is named: « la ville de Rabat », « le royaume du Maroc ».
DESCRIPTORS = frozenset(
    {
        "ville", "cite", "capitale", "pays", "royaume", "republique", "region", "province", "commune",
        "village", "city", "town", "capital", "country", "kingdom", "republic",
    }
)  # fmt: skip
# Particles inside personal names: « Charles de Gaulle », « Mohamed ould Abdel Aziz ».
PARTICLES = frozenset(
    {"de", "du", "da", "di", "del", "dos", "van", "von", "der", "ben", "bin", "ibn", "ould", "el", "al"}
)


class Token(NamedTuple):
    """A word (sep == '') or a separator of a typography-folded string, with its offsets in it."""

    folded: str  # accents and case folded, as fold_text does: names match on this
    cased: str  # accents folded, case kept: acronyms match on this
    start: int
    end: int
    sep: str


@lru_cache(maxsize=1 << 16)
def _word_forms(raw: str) -> tuple[str, str]:
    cased = strip_accents(raw)
    return cased.casefold(), cased


def tokenize(s: str) -> list[Token]:
    """Words and separators of `s`, which must already be `fold_typography`-ed (offsets refer to it).

    Dotted abbreviations are one word ("U.S." is "US"); other punctuation (- / ' .) only separates words,
    so "CNCLTP/TIM", "CNCLTP-TIM" and "CNCLTP TIM" tokenize alike.
    """
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(s):
        kind = m.lastgroup
        if kind == "sep":
            out.append(Token("", "", m.start(), m.end(), m.group()))
            continue
        raw = m.group()
        if kind == "abbr":
            raw = raw.replace(".", "")
        folded, cased = _word_forms(raw)
        out.append(Token(folded, cased, m.start(), m.end(), ""))
    return out


def content_tokens(folded: Iterable[str]) -> frozenset[str]:
    """The words of a name that carry meaning (no articles, prepositions, conjunctions)."""
    words = tuple(folded)
    kept = frozenset(w for w in words if w not in FUNCTION_WORDS)
    return kept or frozenset(words)


def name_key(label: str) -> tuple[str, ...]:
    """The folded words of a registered name, without a leading article ("Le Caire" -> ("caire",))."""
    words = [t.folded for t in tokenize(fold_typography(label)) if not t.sep]
    i = 0
    while i < len(words) - 1 and words[i] in LEADING_NAME_ARTICLES:
        i += 1
    return tuple(words[i:])


def acronym_key(acronym: str) -> tuple[str, ...]:
    """The case-kept words of an acronym: "CNCLTP/TIM" -> ("CNCLTP", "TIM")."""
    return tuple(t.cased for t in tokenize(fold_typography(acronym)) if not t.sep)
