"""CEL expression rules: evaluations per second of a two-claim predicate (a script, not a test).

Measures (a) the compiled expression on a context already built, and (b) the whole expression rule on
a fresh group, which builds the CEL context from the group's claims first. For the choice of engine:
the pure-Python cel-python managed about 1,600 evaluations/s on this machine for the same predicate.

    python benchmarks/bench_cel.py
"""

from __future__ import annotations

import tempfile
import textwrap
import time
from pathlib import Path

from recoupe.engine import Engine
from recoupe.normalize.values import Normalizer
from recoupe.rules.base import Group, RuleContext
from recoupe.rules.kinds.expression import group_context
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


if __name__ == "__main__":
    main()
