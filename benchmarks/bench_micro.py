"""What each low-level optimization of src/ saves, measured with it and without it in one run.

The code keeps three tricks that trade clarity for speed or memory; each one's comment quotes the
figure this script gives, so that anyone can check it still pays:

- `tuple.__new__` for Finding and ClaimRef (engine.py): CPU per record against the NamedTuple's
  keyword constructor;
- pausing the garbage collector (gcpause.no_collection) around loading, checking and reporting: CPU
  of `recoupe check` on a JSON Lines corpus with and without the pause;
- sharing repeated ids and wordings in the JSON Lines fast path (load/fastpath.py `_canonical` and
  `_words`): peak memory of that check with and without the sharing.

Each with/without pair runs in fresh children pinned to one core, alternating, --rounds times; the
table gives the median ratio and its range.

    python benchmarks/bench_micro.py --claims 100000 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from _common import PY, REPO, corpus, run, table

CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
if mode == "no-pause":
    import contextlib, recoupe.gcpause as g
    g.no_collection = contextlib.nullcontext
    import recoupe.api, recoupe.load.loader, recoupe.reporters.base, recoupe.reporters.json
    for m in (recoupe.api, recoupe.load.loader, recoupe.reporters.base, recoupe.reporters.json):
        m.no_collection = contextlib.nullcontext
if mode == "no-sharing":
    import recoupe.load.fastpath as f
    f._canonical = lambda s, seen, match: s if match(s) is not None else None
    f._words = type("NoMemo", (dict,), {"setdefault": lambda self, k, v: v, "get": lambda self, k, d=None: d})()
from recoupe.api import check
from recoupe.config import load_settings
from recoupe.reporters.json import JsonReporter
import os, pathlib
settings = load_settings(start=pathlib.Path(path).parent, cache=False)
data = check([path], settings)
with open(os.devnull, "wb") as out:
    for chunk in JsonReporter().chunks(data):
        out.write(chunk)
r = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu": r.ru_utime + r.ru_stime, "rss_mib": r.ru_maxrss / 1024}))
"""

NEW_CODE = r"""
import resource, sys, json
from recoupe.findings import Finding, Severity
n = int(sys.argv[1])
fields = ("CMP004", "compare.contradiction", Severity.ERROR, "contradiction", "e", "", "quantity:dead",
          "m", (), None, None, "fp", None, ())
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF); return r.ru_utime + r.ru_stime
new = tuple.__new__
t0 = cpu()
for _ in range(n):
    new(Finding, fields)
t1 = cpu()
names = Finding._fields
kw = dict(zip(names, fields))
for _ in range(n):
    Finding(**kw)
t2 = cpu()
print(json.dumps({"new_ns": (t1 - t0) / n * 1e9, "keywords_ns": (t2 - t1) / n * 1e9}))
"""


def ratios(claims: int, rounds: int, mode: str, key: str) -> tuple[list[float], list[float], list[float]]:
    path = corpus(f"micro-{claims}", claims, "jsonl") / "claims.jsonl"
    base_vals, other_vals, out = [], [], []
    for _ in range(rounds):
        with_it = run([PY, "-c", CHILD, "with", str(path)], cwd=REPO).json()[key]
        without = run([PY, "-c", CHILD, mode, str(path)], cwd=REPO).json()[key]
        base_vals.append(with_it)
        other_vals.append(without)
        out.append(without / with_it)
    return base_vals, other_vals, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    rows = []
    news = [run([PY, "-c", NEW_CODE, "1000000"], cwd=REPO).json() for _ in range(args.rounds)]
    r = [d["keywords_ns"] / d["new_ns"] for d in news]
    rows.append(
        [
            "tuple.__new__ (Finding)",
            f"{statistics.median(d['new_ns'] for d in news):.0f} ns",
            f"{statistics.median(d['keywords_ns'] for d in news):.0f} ns",
            f"{statistics.median(r):.2f}x ({min(r):.2f}-{max(r):.2f})",
        ]
    )
    w, wo, r = ratios(args.claims, args.rounds, "no-pause", "cpu")
    rows.append(
        [
            f"gc pause, check of {args.claims:,} claims",
            f"{statistics.median(w):.2f} s CPU",
            f"{statistics.median(wo):.2f} s CPU",
            f"{statistics.median(r):.2f}x ({min(r):.2f}-{max(r):.2f})",
        ]
    )
    w, wo, r = ratios(args.claims, args.rounds, "no-sharing", "rss_mib")
    rows.append(
        [
            f"shared ids and wordings, same check",
            f"{statistics.median(w):.0f} MiB peak",
            f"{statistics.median(wo):.0f} MiB peak",
            f"{statistics.median(r):.2f}x ({min(r):.2f}-{max(r):.2f})",
        ]
    )
    print(table(rows, ["optimization", "with", "without", "without / with, median (range)"]))
    print(json.dumps({"rows": rows}))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
