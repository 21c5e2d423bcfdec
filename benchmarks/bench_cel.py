"""CEL expression rules: evaluations per second of a two-claim predicate (a script, not a test).

Measures (a) the compiled expression on a context already built, and (b) the whole expression rule on
a fresh group, which builds the CEL context from the group's claims first. For the choice of engine:
the pure-Python cel-python managed about 1,600 evaluations/s on this machine for the same predicate.

It also prices the CEL guard (issue 18): the cost estimate and the catch of a Rust panic on each
evaluation, the load-time pre-check, and the alternative we did not take, a worker process
evaluating each group behind a pipe (which could be killed past a deadline), all in CPU time.

    python benchmarks/bench_cel.py
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import statistics
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

from recoupe.engine import Engine
from recoupe.normalize.values import Normalizer
from recoupe.rules.base import Group, RuleContext
from recoupe.rules.cel_budget import measure
from recoupe.rules.kinds.expression import CEL_SAMPLE, group_context
from recoupe.rules.kinds.loader import load_rule_files
from recoupe.testing import Case, build_corpus

RULE = """
rules:
  - kind: expression
    code: X-EXP001
    name: bench.two-claims
    description: Two sources give different values and the first is not hedged.
    when: claims.exists(a, claims.exists(b, a.source != b.source && a.normalized != b.normalized && !a.hedged))
"""


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    (folder / "r.yaml").write_text(textwrap.dedent(RULE), "utf-8")
    [rule] = load_rule_files([folder / "r.yaml"])
    norm = Normalizer.default()
    case = Case.model_validate(
        {
            "name": "t",
            "claims": [
                {"source": "a", "id": "c1", "slot": "quantity:dead", "value": "23"},
                {"source": "b", "id": "c2", "slot": "quantity:dead", "value": "37"},
            ],
            "expect": [],
        }
    )
    corpus = build_corpus(case)
    Engine([], norm).normalize(corpus)
    ctx = RuleContext(norm, corpus.sources)
    key = ("e", "", "quantity:dead")

    context = group_context(Group(key, corpus.claims, ctx), rule.fields, False)  # type: ignore[attr-defined]
    n = 200_000
    t = time.perf_counter()
    for _ in range(n):
        rule.expression.evaluate(context)  # type: ignore[attr-defined]
    dt = time.perf_counter() - t
    print(f"compiled expression, prebuilt context: {n / dt:,.0f} evaluations/s ({dt / n * 1e6:.1f} µs)")

    n = 50_000
    t = time.perf_counter()
    for _ in range(n):
        list(rule.check(Group(key, corpus.claims, ctx)))
    dt = time.perf_counter() - t
    print(
        f"expression rule on a fresh group (context + evaluation): {n / dt:,.0f} groups/s ({dt / n * 1e6:.1f} µs)"
    )

    guard_cost(rule.expression, context, CEL_SAMPLE)  # type: ignore[attr-defined]


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its waited-for children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _spread(samples: list[float]) -> str:
    return f"median {statistics.median(samples):.2f} µs (min {min(samples):.2f}, max {max(samples):.2f}, {len(samples)} runs)"


def _worker(conn: Any, source: str) -> None:
    import cel

    program = cel.compile(source)
    while (data := conn.recv()) is not None:
        conn.send(program.execute(data))


def guard_cost(expression: Any, context: Any, sample: dict[str, Any], runs: int = 5) -> None:
    """What the CEL guard costs (CPU time per evaluation), against the unguarded call and against the
    alternative, a subprocess that evaluates each group and can be killed past a deadline."""
    n = 100_000
    for name, call in (
        ("unguarded program.execute", lambda: expression.program.execute(context)),
        ("guarded evaluate (cost estimate, BaseException caught)", lambda: expression.evaluate(context, 2)),
    ):
        samples = []
        for _ in range(runs):
            t = _cpu()
            for _ in range(n):
                call()
            samples.append((_cpu() - t) / n * 1e6)
        print(f"{name}: {_spread(samples)}")
    samples = []
    for _ in range(runs):
        t = _cpu()
        for _ in range(2_000):
            measure(expression.source)
        samples.append((_cpu() - t) / 2_000 * 1e6)
    print(f"load-time pre-check (cel_budget.measure) of this expression: {_spread(samples)}")
    # the alternative: a worker process per run, one pipe round trip per group
    parent, child = multiprocessing.Pipe()
    proc = multiprocessing.get_context("fork").Process(target=_worker, args=(child, expression.source))
    proc.start()
    samples = []
    m = 5_000
    for _ in range(runs):
        t0 = time.process_time()
        before = _child_cpu(proc.pid)
        for _ in range(m):
            parent.send(sample)
            parent.recv()
        samples.append(((time.process_time() - t0) + (_child_cpu(proc.pid) - before)) / m * 1e6)
    parent.send(None)
    proc.join()
    print(f"guarded subprocess (pipe round trip per group, both processes' CPU): {_spread(samples)}")


def _child_cpu(pid: int | None) -> float:
    """CPU seconds a running child has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
