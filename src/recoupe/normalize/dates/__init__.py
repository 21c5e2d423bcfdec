"""Dates as sets of days: the DateValue type, its exact set relations, and the French/English date parser.

lexicon/ (the words, one table per language), patterns.py (the forms a wording takes), parsing.py (a
wording to a value or a plan), resolving.py (a plan against the publication day), calendar.py (bit-mask
calendar arithmetic), value.py (DateValue and its relations), api.py (parse_date and its caches).
"""

from recoupe.normalize.dates.api import parse_date
from recoupe.normalize.dates.value import DateValue

__all__ = ["DateValue", "parse_date"]
