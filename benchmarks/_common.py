"""Shared helpers of the benchmark scripts: corpus sizing and caching, one-core child processes, tables."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks"
OUT = BENCH / "out"  # git-ignored
SCHEMAS = REPO / "src" / "recoupe" / "schemas"
PY = sys.executable
# Realistic shape: a news article states a few dozen claims; an event has a handful of sources.
CLAIMS_PER_SOURCE = 40
SOURCES_PER_EVENT = 4


def shape(
    claims: int, per_source: int = CLAIMS_PER_SOURCE, per_event: int = SOURCES_PER_EVENT
) -> tuple[int, int]:
    """(events, sources per event) for `claims` claims at about `per_source` claims per source."""
    sources = max(1, round(claims / per_source))
    per_event = min(per_event, sources)
    return max(1, sources // per_event), per_event


def corpus(
    name: str,
    claims: int,
    fmt: str,
    seed: int = 0,
    out: Path | None = None,
    per_event: int = SOURCES_PER_EVENT,
) -> Path:
    """A generated corpus under benchmarks/out/<name>, reused when its manifest matches."""
    sys.path.insert(0, str(BENCH))
    from generate import ensure_corpus

    events, spe = shape(claims, per_event=per_event)
    return ensure_corpus((out or OUT) / name, events, spe, claims, fmt, seed)


# The core to pin to; BENCH_CPU picks another when something else (a test run) is busy on CPU 0.
CPU = int(os.environ.get("BENCH_CPU", "0"))


def one_core() -> list[str]:
    """A command prefix pinning a child to one core, so figures are per core whatever the machine has."""
    return ["taskset", "-c", str(CPU)] if shutil.which("taskset") else []


def pin_self() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {CPU})


@dataclass(slots=True)
class Run:
    wall: float  # seconds, process start to exit
    status: int
    maxrss_kib: int  # peak resident set size of this very child (wait4 rusage)
    stdout: str
    stderr: str
    # user + system CPU seconds of the child and of every process it waited for (its --jobs workers):
    # on a shared machine wall time drifts 2-3x with the load, CPU time far less
    cpu: float = 0.0

    def json(self) -> dict[str, Any]:
        """The last stdout line of a child that reports with one JSON object."""
        lines = [ln for ln in self.stdout.splitlines() if ln.strip()]
        if not lines:
            raise RuntimeError(f"child printed nothing; stderr:\n{self.stderr[-3000:]}")
        data: dict[str, Any] = json.loads(lines[-1])
        return data


def run(
    cmd: Sequence[str],
    cwd: Path | None = None,
    pin: bool = True,
    env: dict[str, str] | None = None,
    memory_cap: int | None = None,
) -> Run:
    """Run `cmd` (on one core), timing its wall clock and reading its own peak RSS.

    os.wait4 gives the rusage of exactly this child; RUSAGE_CHILDREN would give the maximum over every
    child this process ever reaped, which mixes runs up. `memory_cap` (bytes of address space) makes a
    runaway child fail with MemoryError instead of waking the OOM killer on a shared machine.
    """
    full = [*one_core(), *cmd] if pin else list(cmd)

    def cap() -> None:
        import resource

        assert memory_cap is not None
        resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))

    t0 = time.perf_counter()
    p = subprocess.Popen(
        full,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=cap if memory_cap else None,  # before the drain threads start
    )
    # Drain the pipes in threads: a chatty child would otherwise block on a full pipe before exiting.
    import threading

    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        chunks[name] = stream.read()

    threads = [threading.Thread(target=drain, args=(n, s)) for n, s in (("out", p.stdout), ("err", p.stderr))]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    for t in threads:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall,
        p.returncode,
        usage.ru_maxrss,
        chunks.get("out", b"").decode("utf-8", "replace"),
        chunks.get("err", b"").decode("utf-8", "replace"),
        usage.ru_utime + usage.ru_stime,
    )


def fmt_rate(x: float | None) -> str:
    return "-" if x is None else f"{x:,.0f}"


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    right = [i > 0 and i != len(header) - 1 for i in range(len(header))]

    def line(r: Sequence[str]) -> str:
        return "  ".join(
            str(c).rjust(w) if right[i] else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep, *(line(r) for r in rows)])


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "FAIL")


def print_profile(path: Path, top: int = 25) -> None:
    import pstats

    st = pstats.Stats(str(path))
    st.sort_stats("tottime").print_stats(top)
    st.sort_stats("cumulative").print_stats(top)
