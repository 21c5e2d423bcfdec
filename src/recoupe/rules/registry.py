"""The built-in rules: the modules that hold them, and the rules themselves."""

from __future__ import annotations

import importlib

from recoupe.rules.base import Rule

__all__ = ["BUILTIN_MODULES", "builtin_names", "builtin_rules"]

# One module per rule, under recoupe.rules.builtin; the module's RULE attribute is the Rule class.
BUILTIN_MODULES = (
    "agreement",
    "less_specific",
    "partial",
    "contradiction",
    "divergent",
    "update",
    "outdated",
    "decreasing",
    "omitted",
    "misattributed",
    "unattributed",
    "part_whole",
    "nonstandard_term",
    "intra_source",
    "uncorroborated",
    "reference",
    "stale_evidence",
    "unresolved",
    "weekday_mismatch",
    "ambiguous_date",
    "value_quote",
    "subject_typo",
    "under_review",
)


def builtin_rules() -> list[Rule]:
    rules = []
    for name in BUILTIN_MODULES:
        module = importlib.import_module(f"recoupe.rules.builtin.{name}")
        rules.append(module.RULE())
    return rules


def builtin_names() -> dict[str, str]:
    """Codes and names of the built-in rules, each mapped to how a message names it."""
    out: dict[str, str] = {}
    for r in builtin_rules():
        out[r.code] = out[r.name] = f"the built-in rule {r.code} {r.name}"
    return out
