"""The library entry point: `check()` runs load -> normalize -> rules and returns the report data."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.loading import Corpus
    from recoupe.normalize.values import Normalizer
    from recoupe.reporters.base import ReportData
    from recoupe.rules.base import Rule
    from recoupe.slots import Slots


def corpus_paths(settings: Settings, paths: Sequence[str | Path] = ()) -> list[Path]:
    return [Path(p) for p in paths] if paths else [settings.resolve(p) for p in settings.paths]


def load(settings: Settings, paths: Sequence[str | Path] = (), slots: Slots | None = None) -> Corpus:
    from recoupe.loading import load_corpus
    from recoupe.slots import load_slots

    slots = slots or load_slots([settings.resolve(p) for p in settings.slots])
    return load_corpus(corpus_paths(settings, paths), slots)


def discover(settings: Settings) -> list[Rule]:
    """Every rule a run can use: built-ins, plugins and the project's YAML rules."""
    from recoupe.rules.plugins import discover_rules

    return discover_rules(settings)


def normalizer(settings: Settings) -> Normalizer:
    from recoupe.normalize.values import Normalizer

    return Normalizer.from_settings(settings)


def check(paths: Sequence[str | Path] = (), settings: Settings | None = None) -> ReportData:
    """Validate, normalize and run the rules; raise InputError for bad input."""
    from recoupe.config import load_settings
    from recoupe.engine import Engine, Selection
    from recoupe.reporters.base import ReportData

    settings = settings or load_settings()
    corpus = load(settings, paths)
    rules = discover(settings)
    engine = Engine(
        rules, normalizer(settings), Selection(settings.select, settings.ignore, dict(settings.severity))
    )
    findings = engine.run(corpus)
    return ReportData(findings, corpus, engine.rules, fail_on=settings.fail_on)
