"""The registry of report formats: name -> Reporter class, imported only when a format is used.

`REPORTERS` is the one list of formats; the CLI builds its `click.Choice` from its keys. Its values
are imported on first access, so that listing the names (for `--help`) imports neither rich nor
the reporters.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recoupe.reporters.base import Reporter

__all__ = ["REPORTERS", "REPORTER_PATHS", "get_reporter", "reporter_class"]

# name -> "module:Class"; the order is the order `--help` lists them in
REPORTER_PATHS: dict[str, str] = {
    "text": "recoupe.reporters.text:TextReporter",
    "markdown": "recoupe.reporters.markdown:MarkdownReporter",
    "json": "recoupe.reporters.json:JsonReporter",
    "sarif": "recoupe.reporters.sarif:SarifReporter",
    "junit": "recoupe.reporters.junit:JUnitReporter",
    "html": "recoupe.reporters.html:HtmlReporter",
    "concise": "recoupe.reporters.concise:ConciseReporter",
    "github": "recoupe.reporters.github:GithubReporter",
    "claimreview": "recoupe.reporters.claimreview:ClaimReviewReporter",
}


class _LazyRegistry(Mapping[str, "type[Reporter]"]):
    """A read-only name -> class mapping whose classes are imported on first lookup."""

    def __init__(self, paths: Mapping[str, str]) -> None:
        self._paths = paths
        self._loaded: dict[str, type[Reporter]] = {}

    def __getitem__(self, name: str) -> type[Reporter]:
        cls = self._loaded.get(name)
        if cls is None:
            module, _, attr = self._paths[name].partition(":")
            cls = getattr(importlib.import_module(module), attr)
            self._loaded[name] = cls
        return cls

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __contains__(self, name: object) -> bool:
        return name in self._paths

    def __repr__(self) -> str:
        return f"REPORTERS({', '.join(self._paths)})"


REPORTERS: Mapping[str, type[Reporter]] = _LazyRegistry(REPORTER_PATHS)


def reporter_class(name: str) -> type[Reporter]:
    """The Reporter class of a format; KeyError names the known formats."""
    if name not in REPORTERS:
        raise KeyError(f"unknown report format {name!r}; use one of: {', '.join(REPORTERS)}")
    return REPORTERS[name]


def get_reporter(name: str, **options: Any) -> Reporter:
    """A reporter of the named format, given only the options its constructor takes.

    The CLI can pass its terminal options (`color`, `width`) and output options (`root`) whatever the
    format: those a format has no use for are dropped, so formats stay free to add their own.
    """
    cls = reporter_class(name)
    accepted = inspect.signature(cls).parameters
    return cls(**{k: v for k, v in options.items() if k in accepted})
