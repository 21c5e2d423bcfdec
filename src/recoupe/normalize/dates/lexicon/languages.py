"""The languages whose date words the parser reads, and all their words merged into one table.

Adding a language is adding its table (a module like fr.py) to LEXICONS.
"""

from __future__ import annotations

from typing import Final

from recoupe.normalize.dates.lexicon.en import LEXICON as ENGLISH
from recoupe.normalize.dates.lexicon.fr import LEXICON as FRENCH
from recoupe.normalize.dates.lexicon.model import DateLexicon, merge

LEXICONS: Final = (FRENCH, ENGLISH)

# Digits name a quarter or half the same way in every language.
_DIGITS: Final = DateLexicon(language="digits", ordinals={"1": 1, "2": 2, "3": 3, "4": 4})

WORDS: Final = merge("all", (*LEXICONS, _DIGITS))
