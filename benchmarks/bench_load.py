"""Cold loading throughput: recoupe's loader on JSON Lines and YAML, against JSON Schema validators.

    python benchmarks/bench_load.py [--claims 100000] [--yaml-claims 20000] [--profile jsonl|yaml]

Each measurement runs in a fresh interpreter pinned to one core (taskset -c 0, or $BENCH_CPU), so its figure
includes start-up and imports, as a user or a CI job sees it. Files are in the page cache (the
corpus was just written or read), so "cold" means a cold process, not a cold disk.

Rows:
  recoupe load (JSONL)   recoupe.load.load_corpus on DIR/claims.jsonl: parse, validate, read and
                         hash the texts, place every quote
  recoupe load (YAML)    the same on the event folders
  CPython floor (JSONL)  the least any CPython loader that places quotes must do, each step one C
                         call: msgspec decodes each line to a dict; each text is read, hashed and
                         folded (no offset map); each quote is folded and found twice (found, then
                         unique). No validation, resolution, duplicate check, offsets or objects.
                         Reference: if this row is under the JSON Lines target, no loader written
                         in Python that places quotes can meet it on this machine.
  check-jsonschema (YAML) the check-jsonschema CLI on the same YAML files (source and event schemas)
  jsonschema (JSONL)     check-jsonschema cannot read JSON Lines, so each line is parsed with orjson
                         and validated with jsonschema's Draft202012Validator (claim-line schema, with
                         the format checker on, as check-jsonschema has it)
  recoupe --help         best of 5
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import CPU, PY, SCHEMAS, Run, corpus, fmt_rate, print_profile, run, table, verdict

TARGET_JSONL = 200_000
TARGET_YAML = 8_000
TARGET_HELP = 0.3

LOAD_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from recoupe.load import load_corpus
t1 = time.perf_counter()
c = load_corpus([Path(sys.argv[1])])
t2 = time.perf_counter()
located = sum(1 for x in c.claims if x.start is not None)
print(json.dumps({"claims": len(c.claims), "located": located, "import_s": t1 - t0, "load_s": t2 - t1}), flush=True)
import os
os._exit(0)  # as the recoupe program ends (cli.run): the corpus is not freed object by object
"""

JSONSCHEMA_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import orjson
from jsonschema import Draft202012Validator
schema = json.loads(open(sys.argv[2], "rb").read())
v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
t1 = time.perf_counter()
claims = bad = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        obj = orjson.loads(line)
        # iter_errors, as a validator reporting every problem must; all lines are valid here.
        if next(v.iter_errors(obj), None) is not None:
            bad += 1
        if obj.get("record", "claim") == "claim":
            claims += 1
t2 = time.perf_counter()
print(json.dumps({"claims": claims, "invalid": bad, "import_s": t1 - t0, "load_s": t2 - t1}))
"""


FLOOR_CHILD = r"""
import json, os, sys, time
t0 = time.perf_counter()
import hashlib, unicodedata
import msgspec
import importlib.util, recoupe
# the folding table itself (plain tuples), read without the loader that the recoupe.load package imports
spec = importlib.util.spec_from_file_location("evidence", os.path.join(os.path.dirname(recoupe.__file__), "load", "evidence.py"))
evidence = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(evidence)
_SOURCE_PAIRS = evidence._SOURCE_PAIRS
t1 = time.perf_counter()
path = sys.argv[1]
root = os.path.dirname(path)
decode = msgspec.json.Decoder().decode
def fold(s):
    if not s.isascii():
        if not unicodedata.is_normalized("NFC", s):
            s = unicodedata.normalize("NFC", s)
        for a, b in _SOURCE_PAIRS:
            if a in s:
                s = s.replace(a, b)
    return " ".join(s.split())
folded = {}
claims = placed = 0
t_text = 0.0
with open(path, "rb") as f:
    for line in f:
        o = decode(line)
        kind = o.get("record", "claim")
        if kind == "claim":
            claims += 1
            text = folded[o["source"]]
            q = fold(o["quote"])
            at = text.find(q)
            if at >= 0 and text.find(q, at + 1) < 0:
                placed += 1
        elif kind == "source":
            u = time.perf_counter()
            t = o["text"]
            with open(os.path.join(root, t["path"]), "rb") as tf:
                raw = tf.read()
            if hashlib.sha256(raw).hexdigest() != t["sha256"]:
                raise SystemExit("sha256 mismatch")
            folded[o["id"]] = fold(raw.decode())
            t_text += time.perf_counter() - u
t2 = time.perf_counter()
print(json.dumps({"claims": claims, "placed": placed, "import_s": t1 - t0, "load_s": t2 - t1, "text_s": t_text}), flush=True)
os._exit(0)
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000, help="claims in the JSON Lines corpus")
    ap.add_argument("--yaml-claims", type=int, default=20_000, help="claims in the YAML corpus")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--repeat", type=int, default=1, help="best of N fresh processes per load row (noisy machines)"
    )
    ap.add_argument(
        "--profile", choices=("jsonl", "yaml"), help="also cProfile that load and print the top functions"
    )
    a = ap.parse_args(argv)

    jsonl_dir = corpus(f"load-jsonl-{a.claims}", a.claims, "jsonl", a.seed)
    yaml_dir = corpus(f"load-yaml-{a.yaml_claims}", a.yaml_claims, "yaml", a.seed)
    jsonl = jsonl_dir / "claims.jsonl"
    yroot = yaml_dir / "yaml"
    source_files = sorted(p for p in yroot.glob("*/*.yaml") if p.name != "event.yaml")
    event_files = sorted(yroot.glob("*/event.yaml"))
    rows: list[list[str]] = []
    notes: list[str] = []
    failed = False

    def best_of(cmd: list[str]) -> Run:
        """The fastest of --repeat runs that succeeded (a failed one only if all failed)."""
        return min((run(cmd) for _ in range(max(1, a.repeat))), key=lambda x: (x.status != 0, x.wall))

    def reference_row(
        what: str, r: Run, status: Callable[[dict[str, Any]], str], note: Callable[[dict[str, Any]], str]
    ) -> None:
        """A row measured for comparison, with no target: its claims/s over the child's whole run."""
        if r.status != 0:
            rows.append([what, "-", "-", "-", "reference", "ERROR"])
            notes.append(f"{what}: exit {r.status}\n{r.stderr[-2000:]}")
            return
        d = r.json()
        rows.append(
            [
                what,
                f"{d['claims']:,}",
                f"{r.wall:.2f}",
                fmt_rate(d["claims"] / r.wall),
                "reference",
                status(d),
            ]
        )
        notes.append(f"{what}: {note(d)}")

    def load_row(what: str, path: Path, n_expected: int, target: float) -> None:
        nonlocal failed
        r = best_of([PY, "-c", LOAD_CHILD, str(path)])
        if r.status != 0:
            failed = True
            rows.append([what, str(n_expected), "-", "-", f">= {target:,.0f}/s", "ERROR"])
            notes.append(f"{what}: exit {r.status}\n{r.stderr[-2000:]}")
            return
        d = r.json()
        rate = d["claims"] / r.wall
        ok = rate >= target and d["claims"] == n_expected
        failed |= not ok
        rows.append(
            [what, f"{d['claims']:,}", f"{r.wall:.2f}", fmt_rate(rate), f">= {target:,.0f}/s", verdict(ok)]
        )
        notes.append(
            f"{what}: outside load_corpus {r.wall - d['load_s']:.2f} s (start-up, imports {d['import_s']:.2f} s, exit), "
            f"load_corpus {d['load_s']:.2f} s = {d['claims'] / d['load_s']:,.0f} claims/s in-process; "
            f"{d['located']:,} quotes located; peak RSS {r.maxrss_kib / 1024:.0f} MiB"
        )

    load_row("recoupe load (JSONL)", jsonl, a.claims, TARGET_JSONL)
    load_row("recoupe load (YAML)", yroot, a.yaml_claims, TARGET_YAML)

    r = best_of([PY, "-c", FLOOR_CHILD, str(jsonl)])
    reference_row(
        "CPython floor (JSONL)",
        r,
        lambda d: "ok" if d["placed"] == d["claims"] else f"{d['claims'] - d['placed']:,} unplaced",
        lambda d: (
            f"outside the loop {r.wall - d['load_s']:.2f} s (imports {d['import_s']:.2f} s), "
            f"loop {d['load_s']:.2f} s, of which texts read, hashed and folded {d['text_s']:.2f} s; "
            "decode, fold and two finds per quote and nothing else"
        ),
    )

    # check-jsonschema on the YAML corpus: one run per schema, both timed, as a CI job would do.
    cj = Path(PY).with_name("check-jsonschema")
    if cj.exists():
        total = 0.0
        ok_all = True
        for schema, files in (("source.schema.json", source_files), ("event.schema.json", event_files)):
            r = run([str(cj), "--schemafile", str(SCHEMAS / schema), *map(str, files)])
            total += r.wall
            if r.status != 0:
                ok_all = False
                notes.append(f"check-jsonschema ({schema}): exit {r.status}\n{(r.stdout + r.stderr)[-2000:]}")
        rows.append(
            [
                "check-jsonschema (YAML)",
                f"{a.yaml_claims:,}",
                f"{total:.2f}",
                fmt_rate(a.yaml_claims / total),
                "reference",
                "ok" if ok_all else "ERROR",
            ]
        )
        notes.append(
            f"check-jsonschema (YAML): {len(source_files)} source files + {len(event_files)} event files, two runs"
        )
    else:
        rows.append(["check-jsonschema (YAML)", "-", "-", "-", "reference", "not installed"])
        notes.append("check-jsonschema: pip install check-jsonschema into this venv")

    reference_row(
        "jsonschema lib (JSONL)",
        run([PY, "-c", JSONSCHEMA_CHILD, str(jsonl), str(SCHEMAS / "claim-line.schema.json")]),
        lambda d: "ok" if d["invalid"] == 0 else f"{d['invalid']} invalid",
        lambda d: (
            f"validation loop {d['load_s']:.2f} s = {d['claims'] / d['load_s']:,.0f} claims/s; "
            "checks structure only (no texts, no quotes)"
        ),
    )

    recoupe = Path(PY).with_name("recoupe")
    times = []
    for _ in range(5):
        r = run([str(recoupe), "--help"])
        if r.status != 0:
            notes.append(f"recoupe --help: exit {r.status}\n{r.stderr[-1000:]}")
            break
        times.append(r.wall)
    if times:
        best = min(times)
        ok = best < TARGET_HELP
        failed |= not ok
        rows.append(
            ["recoupe --help (best of 5)", "-", f"{best:.3f}", "-", f"< {TARGET_HELP} s", verdict(ok)]
        )
    else:
        failed = True
        rows.append(["recoupe --help (best of 5)", "-", "-", "-", f"< {TARGET_HELP} s", "ERROR"])

    print()
    print(f"one core (taskset -c {CPU}), fresh interpreter per row; python {sys.version.split()[0]}")
    print(table(rows, ["what", "claims", "seconds", "claims/s", "target", "result"]))
    print()
    for n in notes:
        print("  " + n)

    if a.profile:
        target = jsonl if a.profile == "jsonl" else yroot
        with tempfile.TemporaryDirectory() as tmp:
            prof = Path(tmp) / "load.prof"
            script = Path(tmp) / "load.py"
            script.write_text(
                f"from pathlib import Path\nfrom recoupe.load import load_corpus\nload_corpus([Path({str(target)!r})])\n"
            )
            r = run([PY, "-m", "cProfile", "-o", str(prof), str(script)])
            if r.status != 0:
                print(r.stderr[-2000:])
            else:
                print(f"\n--- cProfile of load_corpus({a.profile}) ---")
                print_profile(prof)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
