"""Folding a quantity wording before it is parsed: typography, superscripts and whitespace; case and accents stay."""

from __future__ import annotations

import re
from typing import Final

from recoupe.textnorm import fold_typography

# Superscript letters of « 1ᵉʳ », « 2ⁿᵈ »; minus signs and dashes; the soft hyphen.
_PREP_TABLE: Final = str.maketrans(
    {
        "\u1d49": "e", "\u02b3": "r", "\u1d48": "d", "\u207f": "n", "\u02e2": "s", "\u1d57": "t",
        "\u02b0": "h", "\u1d50": "m", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-",
        "\u2013": "-", "\u2014": "-", "\u00ad": None,
    }
)  # fmt: skip
# LaTeX-ish superscripts left by text extraction: « 1^{er} », « 4^e ».
_CARET: Final = re.compile(r"\^\{?([A-Za-z]+)\}?")
_WS: Final = re.compile(r"\s+")
_LEADING_PUNCT: Final = " \"'"
_TRAILING_PUNCT: Final = " \"'.,;:"


def fold(raw: str) -> str:
    """Typography, superscripts and whitespace folded. Case and accents stay: « 2 M » is two million
    and « 2 m » two metres, and nouns keep their accents for reports."""
    s = fold_typography(raw).translate(_PREP_TABLE)
    if "^" in s:
        s = _CARET.sub(r"\1", s)
    return _WS.sub(" ", s).lstrip(_LEADING_PUNCT).rstrip(_TRAILING_PUNCT)


def lower(s: str) -> str:
    low = s.lower()
    if len(low) == len(s):
        return low
    # A few characters (« İ ») lower to two; keep offsets aligned with the original.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)
