"""Quantities: French and English number wordings parsed into intervals, and the relation between two.

A quantity value is the set of numbers its wording allows, kept as one interval with open, closed
or unbounded ends, plus a unit. « quelque 15.000 » is [13500, 16500] (±10 % by default), « plus de
14 000 » is (14000, ∞), « 15 000 » is the point [15000, 15000]. Comparing two values is plain set
logic on the intervals; values in different known units, or a rank against a count, are UNKNOWN.

Everything runs on exact fractions, and each bound is rounded to a float once, so
« 1,08 million » is exactly 1080000.0 and 15000 × 1.1 is exactly 16500.0.

Where things are: numbers.py (the number formats and how ambiguous separators are read),
approximators.py (« environ », « plus de », « entre »… and Tolerances), lexicon.py (the words),
parser.py (one wording's grammar), folding.py, value.py (QuantityValue), api.py (parse_quantity).
"""

from recoupe.normalize.quantities.api import parse_quantity
from recoupe.normalize.quantities.approximators import DEFAULT_TOLERANCES, Tolerances
from recoupe.normalize.quantities.value import QuantityValue

__all__ = ["DEFAULT_TOLERANCES", "QuantityValue", "Tolerances", "parse_quantity"]
