"""Rule discovery: built-in rules, Python plugins (entry points, local modules) and YAML rules."""

from __future__ import annotations

import importlib

from recoupe.rules.base import Draft, Group, Rule, RuleContext

__all__ = ["BUILTIN_MODULES", "Draft", "Group", "Rule", "RuleContext", "builtin_rules"]

# One module per rule; the module's RULE attribute is the Rule class.
BUILTIN_MODULES = (
    "agreement",
    "less_specific",
    "partial",
    "contradiction",
    "nonstandard_term",
    "intra_source",
    "uncorroborated",
    "reference",
    "stale_evidence",
    "unresolved",
    "under_review",
)


def builtin_rules() -> list[Rule]:
    rules = []
    for name in BUILTIN_MODULES:
        module = importlib.import_module(f"recoupe.rules.{name}")
        rules.append(module.RULE())
    return rules
