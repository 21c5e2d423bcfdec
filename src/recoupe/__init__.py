"""recoupe: a fact-consistency checker for claims that several sources make about one event.

Public API: `check()`, `load_corpus()`, `Finding`, `Rule`, `Relation`, `__version__`.
Attributes are imported on first use so that `import recoupe` (and the CLI's start-up) stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "check": "recoupe.api",
    "load_corpus": "recoupe.load.loader",
    "Corpus": "recoupe.corpus",
    "Finding": "recoupe.findings",
    "Severity": "recoupe.findings",
    "Rule": "recoupe.rules.base",
    "Relation": "recoupe.normalize.relation",
    "InputError": "recoupe.errors",
    "Problem": "recoupe.errors",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'recoupe' has no attribute {name!r}")
    return getattr(import_module(module), name)
