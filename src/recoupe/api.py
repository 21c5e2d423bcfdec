"""The library entry point: `check()` runs load -> normalize -> rules and returns the report data."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recoupe.baseline import BaselineFile
    from recoupe.config import Settings
    from recoupe.corpus import Corpus
    from recoupe.engine import Engine, Selection
    from recoupe.load.cache import Cache
    from recoupe.normalize.values import Normalizer
    from recoupe.reporters.base import ReportData
    from recoupe.rules.base import Rule
    from recoupe.scale.runner import Plan
    from recoupe.slots import Slots


def corpus_paths(settings: Settings, paths: Sequence[str | Path] = ()) -> list[Path]:
    return [Path(p) for p in paths] if paths else [settings.resolve(p) for p in settings.paths]


def display_root() -> Path:
    """Where files are named from in messages and reports: where recoupe runs, as a person (and CI's
    SARIF upload) expects."""
    return Path.cwd().resolve()


def load(settings: Settings, paths: Sequence[str | Path] = (), slots: Slots | None = None) -> Corpus:
    from recoupe.load import load_corpus
    from recoupe.slots import load_slots

    slots = slots or load_slots([settings.resolve(p) for p in settings.slots])
    return load_corpus(corpus_paths(settings, paths), slots, display_root=display_root())


def discover(settings: Settings) -> list[Rule]:
    """Every rule a run can use: built-ins, plugins and the project's YAML rules."""
    from recoupe.rules.plugins import discover_rules

    return discover_rules(settings)


def normalizer(settings: Settings) -> Normalizer:
    from recoupe.normalize.values import Normalizer

    return Normalizer.from_settings(settings)


def selection_of(settings: Settings, rules: Sequence[Rule]) -> Selection:
    """The run's selection of rules; InputError for a pattern that matches no rule, located at the config
    line or the command-line option that gave it."""
    from recoupe.config import setting_source
    from recoupe.engine import Selection
    from recoupe.errors import InputError, Problem, did_you_mean

    selection = Selection(settings.select, settings.ignore, dict(settings.severity))
    known = sorted({n for r in rules for n in (r.code, r.name, *r.aliases)})
    problems = []
    for option, pattern in selection.unmatched(rules):
        where = setting_source(settings, option)
        hint = did_you_mean(pattern, known) or _family(pattern, rules)
        if where is not None and pattern in where[2]:
            problems.append(
                Problem(
                    where[0],
                    where[1],
                    None,
                    f"/{option}",
                    f"'{pattern}' matches no rule{hint}",
                    "unknown-rule",
                )
            )
        else:
            flag = "--" + option if option != "severity" else "severity"
            problems.append(
                Problem(
                    "<command line>",
                    None,
                    None,
                    "",
                    f"{flag} '{pattern}' matches no rule{hint}",
                    "unknown-rule",
                )
            )
    if problems:
        raise InputError(problems)
    return selection


def _family(pattern: str, rules: Sequence[Rule]) -> str:
    """For a code that is close to no code ('CMP999'): the codes of its family, when it has one."""
    head = pattern.rstrip("0123456789")
    family = [r.code for r in rules if head and r.code.rstrip("0123456789") == head]
    return f" (the {head} rules are {', '.join(family)})" if family else ""


def make_engine(settings: Settings, slots: Slots | None = None) -> Engine:
    """The engine of a run with these settings: its rules, normalizer and selection (InputError
    for a selection that matches no rule)."""
    from recoupe.engine import Engine
    from recoupe.slots import load_slots

    slots = slots or load_slots([settings.resolve(p) for p in settings.slots])
    rules = discover(settings)
    return Engine(rules, normalizer(settings), selection_of(settings, rules), slots=slots)


def make_cache(settings: Settings) -> Cache | None:
    """The cache for this project, salted with everything normalization depends on."""
    if not settings.cache:
        return None
    from importlib import resources

    from recoupe.load.cache import Cache

    # the built-in vocabularies count too: an edited package (or a development checkout) must not be
    # served values normalized with the old ones
    package = Path(str(resources.files("recoupe")))
    builtin = sorted(package.glob("vocab/*.yaml"))
    # and so does recoupe's own code: it parses the files and makes the findings that are cached
    builtin += sorted(package.rglob("*.py"))
    inputs = [
        *builtin,
        *(settings.resolve(p) for p in (*settings.vocabularies, *settings.registries, *settings.slots)),
    ]
    salt = Cache.fingerprint_files(inputs, settings.tolerances.model_dump_json())
    folder = settings.resolve(settings.cache_dir)
    _check_cache_dir(settings, folder)
    return Cache(folder, salt)


def _check_cache_dir(settings: Settings, folder: Path) -> None:
    """Refuse, before any work and at the config's line, a cache folder that could not be made: a
    failed write at the end of a run would otherwise be an internal error (on /proc, under a file)."""
    import os
    import tempfile

    from recoupe.config import setting_source
    from recoupe.errors import InputError, Problem

    existing = folder
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    why = None
    if not existing.is_dir():
        why = f"{existing} is not a folder"
    else:
        try:  # a real probe: root passes access() and still cannot make a folder in /proc
            os.rmdir(tempfile.mkdtemp(prefix=".recoupe-probe-", dir=existing))
        except OSError as e:
            why = e.strerror or type(e).__name__
    if why is None:
        return
    where = setting_source(settings, "cache-dir")
    file, line = (where[0], where[1]) if where else ("<settings>", None)
    message = (
        f"cache-dir '{settings.cache_dir}' cannot be written ({why}); set another, or run with --no-cache"
    )
    raise InputError([Problem(file, line, None, "/cache-dir", message, "write")])


def check(
    paths: Sequence[str | Path] = (),
    settings: Settings | None = None,
    *,
    baseline: Path | None = None,
    changed_since: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    plan: Plan | None = None,
    given: dict[Path, bytes] | None = None,
) -> ReportData:
    """Validate, normalize and run the rules; raise InputError for bad input.

    With `baseline`, findings it lists are marked as baselined; with `changed_since` (a git revision),
    only the events touched by claims files changed since then are checked, and only findings that
    name a changed claim are kept. `plan` says where the events are checked (default: in this
    process); the findings are the same wherever they are. `given` holds source files' content, by
    resolved path, to read instead of the disk (`--stdin-filename`).
    """
    from recoupe import baseline as baselines
    from recoupe.config import load_settings
    from recoupe.gcpause import no_collection
    from recoupe.load import load_corpus
    from recoupe.scale.runner import Plan
    from recoupe.slots import load_slots

    settings = settings or load_settings()
    say = progress or (lambda *_: None)
    slots = load_slots([settings.resolve(p) for p in settings.slots])
    base = baselines.read(baseline) if baseline is not None else None  # fail early on a bad baseline
    cache = make_cache(settings)
    say("loading", 0, 0)
    # The claims loaded and the findings made live until the end of the run and form no reference
    # cycles: the garbage collector would only walk millions of them again and again as more are
    # allocated (a third of a large run). It is off for the run, and what it holds is frozen after.
    with no_collection():
        # files are named relative to where recoupe runs, as a person (and CI's SARIF upload) expects
        corpus = load_corpus(
            corpus_paths(settings, paths),
            slots,
            display_root=display_root(),
            cache=cache,
            progress=progress,
            given=given,
        )
        engine = make_engine(settings, slots)
        gc.freeze()  # (and forked workers share the frozen heap without copying it)
        try:
            return _run(engine, corpus, settings, base, cache, changed_since, progress, plan or Plan())
        finally:
            gc.unfreeze()


def _run(
    engine: Engine,
    corpus: Corpus,
    settings: Settings,
    base: BaselineFile | None,
    cache: Cache | None,
    changed_since: str | None,
    progress: Callable[[str, int, int], None] | None,
    plan: Plan,
) -> ReportData:
    from recoupe import baseline as baselines
    from recoupe import changes
    from recoupe.load import store_in_cache
    from recoupe.reporters.base import ReportData
    from recoupe.scale.runner import run_checks

    changed: set[tuple[str, str]] | None = None
    events: set[str] | None = None
    if changed_since is not None:
        changed = changes.changed_claims(corpus, changes.changed_files(changed_since, settings.root))
        events = changes.events_of(corpus, changed)
    findings = run_checks(engine, corpus, settings, plan, events=events, cache=cache, progress=progress)
    if cache is not None:
        store_in_cache(corpus, cache)
    if changed is not None:
        findings = changes.involving(findings, changed, {src for src, _ in changed})
    data = ReportData(findings, corpus, engine.rules, fail_on=settings.fail_on, in_order=True)
    if base is not None:
        applied = baselines.apply(findings, base)
        data.findings, data.baselined, data.baseline_unmatched = (
            applied.findings,
            applied.baselined,
            applied.unmatched,
        )
    if cache is not None:
        data.extra["cache"] = {
            "parsed": corpus.parsed,
            "hits": cache.hits,
            "writes": cache.writes,
            **plan.stats,
        }
    if changed is not None:
        data.extra["changed_claims"] = len(changed)
        data.extra["changed_since"] = changed_since
    return data
