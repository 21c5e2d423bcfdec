"""Label folding: the matching key of a vocabulary label or a claim value, word by word.

Folding is what lets « les traites d'êtres humains » find the label « traite des êtres humains »: case,
accents, apostrophes, articles, prepositions and regular plurals all fold away. Words and whole texts are
cached apart, as values rarely repeat whole but their words do.
"""

from __future__ import annotations

import re
from functools import lru_cache

from recoupe.textnorm import fold_typography, strip_accents

_WORD = re.compile(r"[^\W_]+")
_STOPWORDS = frozenset(
    {
        # French articles and prepositions; "à" arrives accent-stripped as "a", "d" and "l" are d' and l'
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "en", "a",
        # English
        "the", "an", "of",
        # other elided words (j', m', n', s', t', qu', c'): they never distinguish two labels
        "j", "m", "n", "s", "t", "qu", "c",
    }
)  # fmt: skip
_VOWELS = frozenset("aeiouy")


def _stem(word: str) -> str:
    """Fold French and English regular plurals (and a final mute e) the same way on every side.

    This is not a linguistic stemmer: it only has to map a word's singular and plural to one key.
    Dropping a final "e" after the plural "s" is what makes "boxes"/"box", "personnes"/"personne" and
    "activities"/"activity" (via y -> i) meet; short words are left alone so that "pas" or "ans" survive.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux"):
        word = word[:-3] + "al"
    elif word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == "y" and word[-2] not in _VOWELS:
        word = word[:-1] + "i"
    if len(word) > 3 and word[-1] == "e":
        word = word[:-1]
    return word


@lru_cache(maxsize=131072)
def _fold_word(word: str) -> tuple[str, str] | None:
    """One casefolded word's key without and with accents, or None for an article or preposition.

    Cached on its own: values rarely repeat whole in a large corpus, but their words do.
    """
    # ligatures do not decompose: « œuvre » would otherwise never meet « oeuvre »
    bare = strip_accents(word).replace("œ", "oe").replace("æ", "ae")
    if bare in _STOPWORDS:
        return None
    return _stem(bare), _stem(word)


@lru_cache(maxsize=65536)
def fold_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The folded words of `text`, without and with accents, aligned word for word.

    Matching uses the accent-free words; the accented ones only break ties between labels that differ
    by accents alone (« traite », trafficking, and « traité », treaty).
    """
    plain: list[str] = []
    accented: list[str] = []
    for word in _WORD.findall(fold_typography(text).casefold()):
        folded = _fold_word(word)
        if folded is not None:
            plain.append(folded[0])
            accented.append(folded[1])
    return tuple(plain), tuple(accented)


def fold_label(text: str) -> str:
    """The matching key of a label or value: case, accents, apostrophes, articles, prepositions and plurals folded.

    The key is for comparison only; it is not meant to be read (« la traite d'êtres humains » -> "trait etr humain").
    """
    return " ".join(fold_tokens(text)[0])


def clear_fold_caches() -> None:
    """Forget folded words and texts (for benchmarks: a fold never goes stale)."""
    fold_tokens.cache_clear()
    _fold_word.cache_clear()
