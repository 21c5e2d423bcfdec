"""How the check scales with sources per event, at a fixed number of claims (issue #12).

Comparison relates positions (what one counter says at one time), not pairs of sources, so the cost
per claim should stay flat as more sources report each event, and the number of findings should grow
with the positions a corpus holds, not with pairs of sources.

Each round generates (once, cached under benchmarks/out/) a JSON Lines corpus of --claims claims with
2, 10, 50 and 200 sources per event, then checks it in a fresh child pinned to one core, which
reports its own CPU time (user + sys) for the check and the JSON report. The ratio to the 2-source
figure is taken within one round; --rounds repeats the whole sweep to show the spread.

    python benchmarks/bench_sources.py --claims 40000 --rounds 3

Target: CPU time per claim at 200 sources within 1.5x of the 2-source figure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from _common import OUT, PY, REPO, run, table

TARGET = 1.5
SWEEP = (2, 10, 50, 200)
CLAIMS_PER_SOURCE = 40

CHILD = r"""
import json, os, resource, sys
from recoupe.api import check
from recoupe.config import load_settings
from recoupe.reporters.json import JsonReporter

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

settings = load_settings(start=__import__("pathlib").Path(sys.argv[1]).parent, cache=False)
t0 = cpu()
data = check([sys.argv[1]], settings)
t1 = cpu()
size = 0
with open(os.devnull, "wb") as out:
    for chunk in JsonReporter().chunks(data):
        size += len(chunk)
t2 = cpu()
print(json.dumps({"check": t1 - t0, "report": t2 - t1, "findings": len(data.findings),
                  "claims": len(data.corpus.claims), "bytes": size}))
"""


def corpus_for(claims: int, per_event: int, seed: int) -> Path:
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import ensure_corpus

    sources = max(per_event, round(claims / CLAIMS_PER_SOURCE))
    events = max(1, sources // per_event)
    return ensure_corpus(OUT / f"sources-{per_event}-{claims}", events, per_event, claims, "jsonl", seed, quiet=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=40_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    corpora = {n: corpus_for(args.claims, n, args.seed) for n in SWEEP}
    per_claim: dict[int, list[float]] = {n: [] for n in SWEEP}
    ratios: dict[int, list[float]] = {n: [] for n in SWEEP}
    findings: dict[int, int] = {}
    for _ in range(args.rounds):
        this: dict[int, float] = {}
        for n in SWEEP:
            r = run([PY, "-c", CHILD, str(corpora[n] / "claims.jsonl")], cwd=REPO)
            if r.status not in (0, 1):
                raise SystemExit(f"check failed on {corpora[n]}:\n{r.stderr[-3000:]}")
            d = r.json()
            this[n] = (d["check"] + d["report"]) / d["claims"] * 1e6
            findings[n] = d["findings"]
            per_claim[n].append(this[n])
        for n in SWEEP:
            ratios[n].append(this[n] / this[SWEEP[0]])
    rows = []
    for n in SWEEP:
        ps, rs = per_claim[n], ratios[n]
        rows.append(
            [
                str(n),
                f"{statistics.median(ps):.1f} ({min(ps):.1f}-{max(ps):.1f})",
                f"{statistics.median(rs):.2f} ({min(rs):.2f}-{max(rs):.2f})",
                f"{findings[n]:,}",
            ]
        )
    print(f"{args.claims:,} claims, {args.rounds} rounds; CPU time of check + JSON report, per claim")
    print(table(rows, ["sources/event", "µs/claim median (range)", "vs 2 sources (range)", "findings"]))
    worst = statistics.median(ratios[SWEEP[-1]])
    print(f"target: {SWEEP[-1]} sources within {TARGET}x of {SWEEP[0]}: {'PASS' if worst <= TARGET else 'FAIL'}")
    print(json.dumps({"per_claim_us": per_claim, "ratios": ratios, "findings": findings}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
