"""Unicode folding shared by quote matching, label matching and text comparison."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Typographic variants that sources and claim authors mix freely.
# (not the ASCII backtick: source texts keep their ASCII as it is, and a quote must fold the same way)
_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4"
_DQUOTES = "\u00ab\u00bb\u201c\u201d\u201e\u201f\u2039\u203a"
_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003"
_PUNCT_TABLE = str.maketrans(
    {**{c: "'" for c in _APOSTROPHES}, **{c: '"' for c in _DQUOTES}, **{c: " " for c in _SPACES}}
)
_WS = re.compile(r"\s+")


def fold_typography(s: str) -> str:
    """NFC, one kind of apostrophe and double quote, plain spaces. Keeps length per character."""
    return unicodedata.normalize("NFC", s).translate(_PUNCT_TABLE)


def strip_accents(s: str) -> str:
    decomposed = unicodedata.normalize("NFD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold_text(s: str) -> str:
    """Fold for comparing wordings: typography, case, accents and whitespace."""
    if s.isascii():  # nothing to compose, translate or strip: the common case, several times cheaper
        return " ".join(s.lower().replace('"', "").split())
    s = fold_typography(s)
    s = strip_accents(s).casefold()
    s = s.replace('"', "")
    return _WS.sub(" ", s).strip()
