"""Rules: what a rule is (base.py), the built-in ones (builtin/, listed in registry.py), the YAML rule
kinds (kinds/), Python plugins (plugins.py) and CEL expressions (cel.py). Re-exports only."""

from __future__ import annotations

from recoupe.rules.base import Draft, Group, Rule, RuleContext
from recoupe.rules.registry import BUILTIN_MODULES, builtin_rules

__all__ = ["BUILTIN_MODULES", "Draft", "Group", "Rule", "RuleContext", "builtin_rules"]
