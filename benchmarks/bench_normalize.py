"""Normalization throughput per value type: `Normalizer.normalize(claim, source)` over a generated corpus.

    python benchmarks/bench_normalize.py [--claims 100000] [--profile] [--types term,quantity,date]

By default the claims' values are mostly distinct (benchmarks/distinct.py: each claim its own wording
and publication day), so the cold pass times the parsers, not the caches; `--values generated` loads
a generated JSON Lines corpus instead, whose values repeat (loading is not timed). It builds `Normalizer.default()` (timed
on its own: vocabularies compile into their lookup index) and imports the modules of each value
type, which the normalizer imports on first use (also timed on its own: 30 to 70 ms, once per
process, which would otherwise land on whichever pass meets the type first). Then it normalizes
every claim twice on one core (CPU 0, or $BENCH_CPU), timing CPU time (user + sys of the process):

  cold  the first pass: whatever the normalizer caches is still empty
  warm  the same claims again: what a long-lived process (or a second corpus) sees

Throughput is reported per claim type and overall. It also reports how many values resolved (the
rest became `Unresolved`): a fast normalizer that resolves nothing does no real work.

Target: >= 50,000 claims/s on one core for term, quantity and date values (judged on the cold pass).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections import defaultdict
from typing import Any

from _common import CPU, corpus, fmt_rate, pin_self, table, verdict

TARGET = 50_000
TARGET_TYPES = ("term", "quantity", "date")
ORDER = ("term", "quantity", "date", "entity", "text")
# what Normalizer._normalize imports on first use of each type
VALUE_MODULES = tuple(f"recoupe.normalize.{m}" for m in ("terms", "quantities", "dates", "entities", "text"))


def clear_caches() -> None:
    """Empty every functools cache of recoupe's modules: what a new process would start with."""
    for name, module in list(sys.modules.items()):
        if name == "recoupe" or name.startswith("recoupe."):
            for obj in list(vars(module).values()):
                clear = getattr(obj, "cache_clear", None)
                if callable(clear):
                    clear()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--types", default=",".join(ORDER), help="comma-separated claim types to time")
    ap.add_argument(
        "--profile", action="store_true", help="cProfile the cold pass and print the top functions"
    )
    ap.add_argument(
        "--repeat", type=int, default=5, help="N cold passes, each from empty caches: best, and the spread"
    )
    ap.add_argument(
        "--values",
        choices=("distinct", "generated"),
        default="distinct",
        help="mostly distinct wordings (cold rates of the parsers), or a generated corpus (values repeat)",
    )
    ap.add_argument(
        "--examples", type=int, default=0, help="print N normalized values per type (a sanity check)"
    )
    a = ap.parse_args(argv)
    types = [t for t in a.types.split(",") if t]

    pin_self()
    by_type: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
    if a.values == "distinct":
        from distinct import distinct_claims

        by_type.update(distinct_claims(a.claims, types, a.seed))
    else:
        from recoupe.load import load_corpus

        path = corpus(f"norm-jsonl-{a.claims}", a.claims, "jsonl", a.seed) / "claims.jsonl"
        t0 = time.perf_counter()
        c = load_corpus([path])
        print(f"loaded {len(c.claims):,} claims in {time.perf_counter() - t0:.1f} s (not counted)")
        for cl in c.claims:
            by_type[cl.type].append((cl, c.sources.get(cl.source)))
    for kind, items in by_type.items():
        # what the normalizer's own table keys on: a repeated key is a cache hit
        keys = {(cl.claim.value if not isinstance(cl.claim.value, list) else tuple(cl.claim.value),
                 src.source.published if src is not None else None,
                 src.source.language if src is not None else None) for cl, src in items}  # fmt: skip
        print(
            f"{kind}: {len(items):,} claims, {100 * len(keys) / max(len(items), 1):.1f} % distinct (wording, day, language)"
        )
    # As `recoupe check` does after loading (recoupe.api.check): the loaded corpus is kept out of the
    # garbage collector's walks, so a collection of it does not land inside the timed pass.
    import gc

    gc.freeze()

    try:
        from recoupe.normalize.values import Normalizer, Unresolved
    except ImportError as e:  # the normalizer is being written; say so rather than crash
        print(f"recoupe.normalize.values.Normalizer is not importable yet: {e}")
        return 2
    t0 = time.perf_counter()
    norm = Normalizer.default()
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    for module in VALUE_MODULES:
        importlib.import_module(module)
    imports = time.perf_counter() - t0

    def one_pass(norm: Any, kind: str) -> tuple[float, int, list[Any]]:
        items = by_type.get(kind, [])
        f = norm.normalize
        t = time.process_time()  # CPU time: what another process on the core does not inflate
        out = [f(cl, src) for cl, src in items]
        return time.process_time() - t, len(items), out

    prof = None
    if a.profile:
        import cProfile

        prof = cProfile.Profile()
    results: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    # Each round of cold passes starts from nothing: a new Normalizer and every cache of recoupe's
    # modules emptied. The fastest round counts (as timeit does): the machine's drift only ever adds.
    passes = [("cold", r) for r in range(max(1, a.repeat))] + [("warm", 0)]
    for label, round_ in passes:
        if label == "cold" and round_ > 0:
            clear_caches()
            norm = Normalizer.default()
        for kind in types:
            if kind in errors:
                continue
            profiler = prof if label == "cold" and round_ == 0 else None
            try:
                if profiler is not None:
                    profiler.enable()
                secs, n, out = one_pass(norm, kind)
            except Exception as e:  # report a crash per type and keep measuring the others
                errors[kind] = f"{type(e).__name__}: {e}"
                continue
            finally:
                if profiler is not None:
                    profiler.disable()
            r = results.setdefault(kind, {"n": n})
            r[label] = min(secs, r.get(label, secs))
            if label == "cold":
                r.setdefault("cold_all", []).append(secs)
            if label == "cold" and round_ == 0:
                r["resolved"] = sum(1 for v in out if not isinstance(v, Unresolved))
                r["examples"] = [
                    (cl.claim.value, v)
                    for (cl, _), v in zip(by_type[kind][: a.examples], out[: a.examples], strict=True)
                ]

    rows: list[list[str]] = []
    tot_n = 0
    tot_cold = tot_warm = 0.0
    failed = False
    for kind in types:
        if kind in errors:
            rows.append([kind, "-", "-", "-", "-", "-", "ERROR"])
            failed = True
            continue
        got = results.get(kind)
        if got is None or not got["n"]:
            continue
        r = got
        n = r["n"]
        cold_rate = n / r["cold"] if r["cold"] else float("inf")
        warm_rate = n / r["warm"] if r.get("warm") else None
        tot_n += n
        tot_cold += r["cold"]
        tot_warm += r.get("warm", 0.0)
        ok = cold_rate >= TARGET if kind in TARGET_TYPES else None
        failed |= ok is False
        rows.append(
            [
                kind,
                f"{n:,}",
                f"{100 * r['resolved'] / n:.0f}%",
                fmt_rate(cold_rate),
                fmt_rate(warm_rate),
                f">= {TARGET:,}/s" if kind in TARGET_TYPES else "-",
                verdict(ok),
            ]
        )
    if tot_n:
        rows.append(
            [
                "all",
                f"{tot_n:,}",
                "",
                fmt_rate(tot_n / tot_cold if tot_cold else None),
                fmt_rate(tot_n / tot_warm if tot_warm else None),
                "",
                "",
            ]
        )
    print(
        f"Normalizer.default() built in {build * 1000:.0f} ms, value modules imported in {imports * 1000:.0f} ms; one core (CPU {CPU}); python {sys.version.split()[0]}"
    )
    print(table(rows, ["type", "claims", "resolved", "cold claims/s", "warm claims/s", "target", "result"]))
    for kind, msg in errors.items():
        print(f"  {kind}: {msg}")
    if a.repeat > 1:
        import statistics

        spread = [
            f"{kind} min {got['n'] / max(got['cold_all']):,.0f} / median "
            f"{got['n'] / statistics.median(got['cold_all']):,.0f} / max {got['n'] / min(got['cold_all']):,.0f}"
            for kind, got in results.items()
            if kind not in errors and got["n"] and "cold_all" in got
        ]
        print(f"  cold claims/s (CPU time) over the {a.repeat} rounds: " + "; ".join(spread))
    if a.examples:
        for kind in types:
            for raw, v in results.get(kind, {}).get("examples", []):
                print(f"  {kind:9} {raw!r:45} -> {v}")
    if prof is not None:
        import pstats

        print("\n--- cProfile of the cold pass ---")
        st = pstats.Stats(prof)
        st.sort_stats("tottime").print_stats(25)
        st.sort_stats("cumulative").print_stats(25)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
