"""`--engine dask`: the events checked as tasks on a Dask `distributed` cluster (recoupe[dask]).

Each task gets one part: the claims of its events, and of those events' sources, with the sources
and events they name (a corpus of its own, pickled by Dask); a worker builds its engine once from
the settings and checks the part as `--jobs` would. A worker therefore needs recoupe and the
project's configured files (vocabularies, registries, slots, rules, plugins) at the same paths as
the client: see docs/scaling.md.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recoupe.config import Settings
    from recoupe.corpus import Corpus
    from recoupe.engine import Engine
    from recoupe.findings import Finding
    from recoupe.scale.parts import PartResult, PartRunner

# The engine each worker process built, by the settings it was built from (a worker may serve
# several runs with different settings).
_engines: dict[str, Engine] = {}


INSTALL_HINT = "--engine dask needs the optional extra: pip install 'recoupe[dask]'"


def extra_installed() -> bool:
    """Whether dask and distributed can be imported (found without importing them: that is slow)."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed"))


def run_on_dask(
    settings: Settings,
    corpus: Corpus,
    parts: list[list[str]],
    scheduler: str | None,
    workers: int,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[list[Finding]]:
    """Each part's findings, in the order of `parts`, from the cluster at `scheduler` (or a
    LocalCluster of `workers` single-threaded processes)."""
    say = progress or (lambda *_: None)
    with _client(scheduler, workers) as (dist, client):
        futures = [client.submit(check_part, settings, sub_corpus(corpus, p), p, pure=False) for p in parts]
        say("checking", 0, len(parts))
        for n, _ in enumerate(dist.as_completed(futures), 1):
            say("checking", n, len(parts))
        return list(client.gather(futures))


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[tuple[Any, Any]]:
    """`distributed` and a client of the cluster at `scheduler`, or of a LocalCluster of `workers`
    single-threaded processes, closed after."""
    import importlib

    try:
        # (as a module of no static type: the extra may be absent where mypy runs)
        dist: Any = importlib.import_module("distributed")
    except ImportError as e:
        raise ImportError(INSTALL_HINT) from e
    cluster: Any = None
    if scheduler is None:
        cluster = dist.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        with dist.Client(scheduler if scheduler is not None else cluster) as client:
            yield dist, client
    finally:
        if cluster is not None:
            cluster.close()


def sub_corpus(corpus: Corpus, events: list[str]) -> Corpus:
    """What checking `events` needs of the corpus: their claims, their sources' claims, and the
    sources and events those name."""
    from recoupe.corpus import Corpus

    wanted = set(events)
    sources = corpus.sources
    homes = {sid for sid, s in sources.items() if s.event in wanted}
    claims = [c for c in corpus.claims if c.event in wanted or c.source in homes]
    named = homes | {c.source for c in claims}
    named_events = wanted | {c.event for c in claims}
    return Corpus(
        events={e: ev for e, ev in corpus.events.items() if e in named_events},
        sources={sid: s for sid, s in sources.items() if sid in named},
        claims=claims,
    )


def check_part(settings: Settings, corpus: Corpus, events: list[str]) -> list[Finding]:
    """Run on a worker: the findings of the part's `events` (its corpus holds a few claims of other
    events too, those of its sources, which only source rules look at)."""
    return _engine(settings).run(corpus, events=set(events))


def _engine(settings: Settings) -> Engine:
    """The engine a run on this worker would build, built once per worker and settings."""
    # not through recoupe.api, which imports this package: the parts a run is built from, directly
    from recoupe.engine import Engine, Selection
    from recoupe.normalize.values import Normalizer
    from recoupe.rules.plugins import discover_rules
    from recoupe.slots import load_slots

    key = settings.model_dump_json() + str(settings.root)
    engine = _engines.get(key)
    if engine is None:
        slots = load_slots([settings.resolve(p) for p in settings.slots])
        selection = Selection(settings.select, settings.ignore, dict(settings.severity))
        engine = _engines[key] = Engine(
            discover_rules(settings), Normalizer.from_settings(settings), selection, slots=slots
        )
    return engine


def run_parts_on_dask(
    runner: PartRunner,
    settings: Settings,
    parts: list[list[str]],
    scheduler: str | None,
    workers: int,
    say: Callable[[str, int, int], None],
) -> list[PartResult]:
    """Each part loaded, checked and rendered by a task on the cluster; its spooled pieces come back
    as bytes and are spooled here as they arrive, so that memory holds one part's pieces at a time.

    A worker reads the part's input from the paths the index names: on a real cluster, the corpus
    sits at the same path on every worker (docs/scaling.md).
    """
    import os

    spec = (
        settings,
        runner.index,
        runner.targets,
        runner.display_root,
        runner.fail_on,
        runner.cache,
        runner.event_keys,
        os.getcwd(),
    )
    with _client(scheduler, workers) as (dist, client):
        shared = client.scatter(spec, broadcast=True)
        futures = [client.submit(_part_task, shared, n, p, pure=False) for n, p in enumerate(parts)]
        results: list[PartResult | None] = [None] * len(parts)
        for done, (future, (result, spooled)) in enumerate(dist.as_completed(futures, with_results=True), 1):
            n = futures.index(future)
            for t, blob in enumerate(spooled):
                path = runner.spool_dir / f"part{n:05d}.{t}"
                path.write_bytes(blob)
                result.spools[t] = str(path)
            results[n] = result
            say("checking", done, len(parts))
            if result.failed:
                break
        return [r for r in results if r is not None]  # (all of them, unless one failed)


def _part_task(spec: tuple[Any, ...], number: int, events: list[str]) -> tuple[PartResult, list[bytes]]:
    """Run on a worker: one part, in the client's working folder."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    from recoupe.scale.parts import PartRunner
    from recoupe.slots import load_slots

    settings, index, targets, display_root, fail_on, cache, event_keys, cwd = spec
    spool = Path(tempfile.mkdtemp(prefix="recoupe-part-"))
    was = os.getcwd()
    # The paths the index names, and the names reports give files, are relative to where the client
    # runs: the task runs there too (one task at a time per worker process: --nthreads 1).
    os.chdir(cwd)
    try:
        slots = load_slots([settings.resolve(p) for p in settings.slots])
        runner = PartRunner(
            index, _engine(settings), slots, targets, display_root, spool, fail_on, cache, event_keys
        )
        result = runner.run(number, events)
        spooled = [Path(p).read_bytes() for p in result.spools]
        return result, spooled
    finally:
        os.chdir(was)
        shutil.rmtree(spool, ignore_errors=True)
