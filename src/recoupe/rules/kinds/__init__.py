"""The YAML rule kinds, one module each, with the rule-file model (model.py) and its loader (loader.py).

Re-exports only.
"""

from __future__ import annotations

from recoupe.rules.kinds.base import DeclarativeRule
from recoupe.rules.kinds.loader import load_rule_files, rule_files
from recoupe.rules.kinds.model import KINDS, RuleFile, RuleSpec

__all__ = ["KINDS", "DeclarativeRule", "RuleFile", "RuleSpec", "load_rule_files", "rule_files"]
