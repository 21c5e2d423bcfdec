"""One check over events, wherever they run: unchanged events from the cache, the others in this
process, in a pool of processes (--jobs) or on a Dask cluster (--engine dask), merged in report order."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from recoupe.scale.partition import event_keys, in_report_order, rules_salt, split, universe

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.corpus import Corpus
    from recoupe.engine import Engine
    from recoupe.findings import Finding
    from recoupe.load.cache import Cache

# Below this many claims, `jobs = 0` (the default: every usable core) checks in this process: starting
# a pool costs more than it saves.
AUTO_MIN_CLAIMS = 20_000
PARTS_PER_WORKER = 4  # parts of unequal cost even out over a few per worker


@dataclass(slots=True)
class Plan:
    """How to run: `jobs` 0 for every usable core; `engine` "local" or "dask"."""

    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    stats: dict[str, int] = field(default_factory=dict)

    def workers(self, claims: int) -> int:
        from recoupe.scale.pool import can_fork, usable_cores

        if self.engine == "dask":
            return self.jobs or usable_cores()
        if self.jobs == 0:
            return usable_cores() if claims >= AUTO_MIN_CLAIMS and can_fork() else 1
        return self.jobs if can_fork() else 1


def run_checks(
    engine: Engine,
    corpus: Corpus,
    settings: Settings,
    plan: Plan,
    *,
    events: set[str] | None = None,
    cache: Cache | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Finding]:
    """The findings of a run over `events` (all when None), in report order."""
    from recoupe.findings import finding_from_dict

    names = universe(corpus)
    if events is not None:
        names = [e for e in names if e in events]
    cached: dict[str, list[Finding]] = {}
    keys: dict[str, str] = {}
    if cache is not None:
        keys = event_keys(corpus, rules_salt(settings, engine.rules))
        for e in names:
            hit = cache.load(keys[e], "findings") if e in keys else None
            if hit is not None:  # (another shape is a miss, checked again and overwritten)
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    cached[e] = [finding_from_dict(d) for d in hit]
    todo = [e for e in names if e not in cached]
    fresh = _check(
        engine, corpus, settings, plan, todo, everything=events is None and not cached, progress=progress
    )
    by_event: dict[str, list[Finding]] = {}
    stray: list[Finding] = []  # (a finding about an event outside its part: none today)
    wanted = set(todo)
    for part in fresh:
        for f in part:
            if f.event in wanted:
                by_event.setdefault(f.event, []).append(f)
            else:
                stray.append(f)
    if cache is not None and not stray:
        for e in todo:
            if e in keys:
                cache.store(keys[e], "findings", [f.to_dict() for f in by_event.get(e, ())])
    plan.stats = {"events_checked": len(todo), "events_cached": len(cached)}
    return in_report_order([cached.get(e) or by_event.get(e, []) for e in names] + [stray])


def _check(
    engine: Engine,
    corpus: Corpus,
    settings: Settings,
    plan: Plan,
    todo: list[str],
    *,
    everything: bool,
    progress: Callable[[str, int, int], None] | None,
) -> list[list[Finding]]:
    if not todo:
        return []
    workers = plan.workers(len(corpus.claims))
    if plan.engine == "dask":
        from recoupe.scale.on_dask import run_on_dask

        parts = split(corpus, todo, workers * PARTS_PER_WORKER)
        return run_on_dask(settings, corpus, parts, plan.scheduler, workers, progress)
    if workers > 1 and len(todo) > 1:
        from recoupe.scale.pool import run_pool

        return run_pool(engine, corpus, split(corpus, todo, workers * PARTS_PER_WORKER), workers, progress)
    return [engine.run(corpus, events=None if everything else set(todo), progress=progress)]
