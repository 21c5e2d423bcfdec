"""`--jobs N`: the events checked by a pool of forked processes, each part's findings sent back.

The workers are forked once the corpus is loaded, so they share it (copy-on-write) instead of
receiving it: only the names of a part's events go out, and its findings come back. Each worker
normalizes the claims of its events and runs the rules on them, which is nearly all of a check's
cost past loading.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recoupe.corpus import Corpus
    from recoupe.engine import Engine
    from recoupe.findings import Finding
    from recoupe.scale.parts import PartResult, PartRunner

# What the forked workers inherit: set just before the pool starts, cleared after.
_shared: tuple[Engine, Corpus, list[list[str]]] | None = None


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on macOS)
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_pool(
    engine: Engine,
    corpus: Corpus,
    parts: list[list[str]],
    workers: int,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[list[Finding]]:
    """Each part's findings (in report order within it), in the order of `parts`."""
    from concurrent.futures import ProcessPoolExecutor

    global _shared
    say = progress or (lambda *_: None)
    _shared = (engine, corpus, parts)
    try:
        # fork, not spawn: a spawned worker would have to be sent the whole corpus. An executor, not
        # multiprocessing.Pool: a worker that dies (killed, out of memory) fails the run with
        # BrokenProcessPool instead of leaving the parent waiting for it forever.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(parts)), mp_context=context) as pool:
            out: list[list[Finding]] = []
            say("checking", 0, len(parts))
            for found in pool.map(_check_part, range(len(parts))):
                out.append(found)
                say("checking", len(out), len(parts))
            return out
    finally:
        _shared = None


def _check_part(index: int) -> list[Finding]:
    assert _shared is not None, "a worker forked before the pool's state was set"
    engine, corpus, parts = _shared
    return engine.run(corpus, events=set(parts[index]))


# What the forked workers of a run over parts inherit: the runner and the parts.
_parts: tuple[PartRunner, list[list[str]]] | None = None


def run_part_pool(
    runner: PartRunner, parts: list[list[str]], workers: int, say: Callable[[str, int, int], None]
) -> list[PartResult]:
    """Each part run by a forked worker (which loads, checks and renders it), results in part order.

    The parent holds only the index, so forking costs little; a part's pieces come back as a spool
    file, not through the pipe. The first part that fails stops the run: it loads whole instead.
    """
    from concurrent.futures import ProcessPoolExecutor

    global _parts
    _parts = (runner, parts)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(parts)), mp_context=context) as pool:
            out: list[PartResult] = []
            for future in [pool.submit(_run_part, i) for i in range(len(parts))]:
                out.append(future.result())
                say("checking", len(out), len(parts))
                if out[-1].failed:  # the rest would be for nothing: the run loads whole
                    pool.shutdown(cancel_futures=True)
                    break
            return out
    finally:
        _parts = None


def _run_part(index: int) -> PartResult:
    assert _parts is not None, "a worker forked before the pool's state was set"
    runner, parts = _parts
    return runner.run(index, parts[index])
