"""Drafting claims from a text (`recoupe draft`): the span finders, the qualifiers and the writer.

lexicon.py holds the word lists, text.py tokens and sentences, dates/quantities/terms/entities.py the
span finders, qualifiers.py attribution, hedging and negation, nlp.py the optional spaCy extra,
core.py puts them together, writer.py and files.py write the result.
"""

from recoupe.draft.core import draft_text
from recoupe.draft.files import Outcome, draft_file
from recoupe.draft.model import Candidate, Drafted

__all__ = ["Candidate", "Drafted", "Outcome", "draft_file", "draft_text"]
