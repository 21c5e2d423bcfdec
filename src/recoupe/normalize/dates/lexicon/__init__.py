"""Date words by language: one table per language (fr.py, en.py), merged into WORDS for the parser."""

from recoupe.normalize.dates.lexicon.languages import LEXICONS, WORDS
from recoupe.normalize.dates.lexicon.model import DateLexicon, merge

__all__ = ["LEXICONS", "WORDS", "DateLexicon", "merge"]
