"""End-to-end `recoupe check` in CPU time: every report format, sources per event, --jobs, the cache.

    python benchmarks/bench_check.py [--claims 1000000] [--rounds 3] [--sweep formats,sources,jobs,cache]

Every row runs `recoupe check` in a fresh process, from an empty folder, with the generated
corpus's own config (`--config DIR/recoupe.toml`: one CEL rule, X-BENCH001, evaluated on every
group). Times are **CPU seconds** (user + system, from os.wait4: the process and every worker it
waited for), beside wall seconds; on a shared machine wall time drifts 2-3x with the load, CPU time
far less. Each figure is the median over --rounds runs, with the spread (min-max) beside it.

Sweeps (`--sweep`, comma-separated; default all four):

  formats   each report format on the JSON Lines corpus, pinned to one core, against jsonschema
            (every line parsed with orjson and validated by Draft202012Validator against
            src/recoupe/schemas/claim-line.schema.json: structure only). Target: check >= 1.5x jsonschema's
            claims per CPU second, peak RSS <= 3 GiB. Rounds alternate jsonschema and check, so a
            drifting machine moves both sides of each ratio alike.
  sources   the JSON report at 2, 4, 10 and 50 sources per event (--sources-claims claims). No target:
            the cost of a group grows with its claims, and this shows by how much.
  jobs      the JSON report with --jobs 1 and --jobs 2, not pinned. Target: --jobs 2 >= 1.6x faster in
            wall time (the only time a parallel run saves); each round runs both back to back, and
            the speed-up is the median of the rounds' ratios. Run it when the machine is quiet.
  cache     a YAML corpus (--cache-claims claims over --cache-events events), pinned: a cold run with an
            empty cache, a re-run with nothing changed, and a re-run after one claims file is edited.
            Target: the edited re-run <= 10 % of the cold run's CPU time, start-up included.

Exit status 0 when every target passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _common import PY, SCHEMAS, Run, corpus, run, table, verdict

TARGET_RATIO = 1.5
TARGET_RSS_GIB = 3.0
TARGET_JOBS = 1.6
TARGET_CACHE = 0.10
FORMATS = ("json", "text", "markdown", "sarif", "junit", "html")
SUFFIX = {"json": "json", "text": "txt", "markdown": "md", "sarif": "sarif", "junit": "xml", "html": "html"}

JSONSCHEMA_CHILD = r"""
import json, sys
import orjson
from jsonschema import Draft202012Validator
v = Draft202012Validator(json.loads(open(sys.argv[2], "rb").read()))
claims = bad = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        obj = orjson.loads(line)
        if next(v.iter_errors(obj), None) is not None:
            bad += 1
        if obj.get("record", "claim") == "claim":
            claims += 1
print(json.dumps({"claims": claims, "invalid": bad}))
"""

HEADER = ["what", "claims", "CPU s", "spread", "wall s", "claims/CPU s", "peak RSS", "target", "result"]


class Bench:
    def __init__(self, rounds: int, work: Path) -> None:
        self.rounds = rounds
        self.work = work
        self.rows: list[list[str]] = []
        self.notes: list[str] = []
        self.failed = False

    def check(
        self, config: Path, paths: list[str], *args: str, pin: bool = True, cwd: Path | None = None
    ) -> Run:
        """One `recoupe check` run; a failed run (not exit 0 or 1) stops the benchmark."""
        cmd = [PY, "-m", "recoupe", "--config", str(config), "check", *paths, "-q", *args]
        r = run(cmd, cwd=cwd or self.work, pin=pin)
        if r.status not in (0, 1):
            raise SystemExit(f"recoupe check failed (exit {r.status}): {' '.join(cmd)}\n{r.stderr[-3000:]}")
        return r

    def row(self, what: str, claims: int, runs: list[Run], target: str = "-", ok: bool | None = None) -> None:
        cpus = [r.cpu for r in runs]
        cpu = statistics.median(cpus)
        rss = max(r.maxrss_kib for r in runs) / 2**20
        self.rows.append(
            [
                what,
                f"{claims:,}",
                f"{cpu:.2f}",
                f"{min(cpus):.2f}-{max(cpus):.2f}",
                f"{statistics.median(r.wall for r in runs):.2f}",
                f"{claims / cpu:,.0f}",
                f"{rss:.2f} GiB",
                target,
                verdict(ok),
            ]
        )
        self.failed |= ok is False

    def ratio_row(self, what: str, ratios: list[float], target: float) -> None:
        mid = statistics.median(ratios)
        ok = mid >= target
        spread = f"{min(ratios):.2f}-{max(ratios):.2f}"
        self.rows.append([what, "", f"{mid:.2f}x", spread, "", "", "", f">= {target}x", verdict(ok)])
        self.failed |= not ok


def sweep_formats(b: Bench, claims: int, seed: int, formats: tuple[str, ...] = FORMATS) -> None:
    root = corpus(f"check-jsonl-{claims}", claims, "jsonl", seed)
    jsonl = str(root / "claims.jsonl")
    js_cmd = [PY, "-c", JSONSCHEMA_CHILD, jsonl, str(SCHEMAS / "claim-line.schema.json")]
    schema_runs: list[Run] = []
    for fmt in formats:
        runs: list[Run] = []
        ratios: list[float] = []
        for _ in range(b.rounds):
            js = run(js_cmd)
            schema_runs.append(js)
            out = b.work / f"report.{SUFFIX[fmt]}"
            r = b.check(
                root / "recoupe.toml",
                [jsonl],
                "--no-cache",
                "--jobs",
                "1",
                "--format",
                fmt,
                "--output",
                str(out),
            )
            runs.append(r)
            ratios.append(js.cpu / r.cpu)  # same claims: the ratio of claims per CPU second
            size = out.stat().st_size if out.is_file() else sum(p.stat().st_size for p in out.rglob("*"))
            shutil.rmtree(out) if out.is_dir() else out.unlink()
        rss_ok = max(r.maxrss_kib for r in runs) / 2**20 <= TARGET_RSS_GIB
        ratio = statistics.median(ratios)
        b.row(f"check --format {fmt}", claims, runs, f"RSS <= {TARGET_RSS_GIB:g} GiB", rss_ok)
        b.ratio_row(f"  {fmt} / jsonschema (CPU)", ratios, TARGET_RATIO)
        b.notes.append(f"{fmt}: report {size / 2**20:.1f} MiB; ratio {ratio:.2f}x")
    b.row("jsonschema (Draft 2020-12)", claims, schema_runs, "reference")


def sweep_sources(b: Bench, claims: int, seed: int) -> None:
    for per_event in (2, 4, 10, 50):
        root = corpus(f"check-sources-{per_event}-{claims}", claims, "jsonl", seed, per_event=per_event)
        runs = [
            b.check(
                root / "recoupe.toml",
                [str(root / "claims.jsonl")],
                "--no-cache",
                "--jobs",
                "1",
                "--format",
                "json",
                "--output",
                str(b.work / "report.json"),
            )
            for _ in range(b.rounds)
        ]
        b.row(f"{per_event} sources per event", claims, runs)


def sweep_jobs(b: Bench, claims: int, seed: int) -> None:
    root = corpus(f"check-jsonl-{claims}", claims, "jsonl", seed)
    paths = [str(root / "claims.jsonl")]
    one: list[Run] = []
    two: list[Run] = []
    for _ in range(b.rounds):
        for jobs, runs in (("1", one), ("2", two)):
            runs.append(
                b.check(
                    root / "recoupe.toml",
                    paths,
                    "--no-cache",
                    "--jobs",
                    jobs,
                    "--format",
                    "json",
                    "--output",
                    str(b.work / "report.json"),
                    pin=False,
                )
            )
    b.row("check --jobs 1 (not pinned)", claims, one)
    b.row("check --jobs 2 (not pinned)", claims, two)
    b.ratio_row(
        "  speed-up, wall time", [a.wall / c.wall for a, c in zip(one, two, strict=True)], TARGET_JOBS
    )
    b.notes.append(
        "jobs: CPU time counts the workers too, so --jobs 2 costs more CPU than --jobs 1; the speed-up is "
        f"in wall time. CPU overhead of --jobs 2: {statistics.median(c.cpu / a.cpu for a, c in zip(one, two, strict=True)):.2f}x"
    )


def sweep_cache(b: Bench, claims: int, events: int, seed: int) -> None:
    src = corpus(
        f"check-yaml-{claims}-{events}", claims, "yaml", seed, per_event=max(1, claims // 40 // events)
    )
    cold: list[Run] = []
    same: list[Run] = []
    edited: list[Run] = []
    for _ in range(b.rounds):
        proj = b.work / "cache-project"
        shutil.rmtree(proj, ignore_errors=True)
        shutil.copytree(src, proj)
        opts = ("--jobs", "1", "--format", "json", "--output", str(b.work / "r.json"))
        cold.append(b.check(proj / "recoupe.toml", ["yaml"], *opts, cwd=proj))
        same.append(b.check(proj / "recoupe.toml", ["yaml"], *opts, cwd=proj))
        target = sorted(p for p in (proj / "yaml").rglob("*.yaml") if p.name != "event.yaml")[0]
        with target.open("a", encoding="utf-8") as f:
            f.write("# edited\n")  # new bytes: the file is parsed and its event checked again
        edited.append(b.check(proj / "recoupe.toml", ["yaml"], *opts, cwd=proj))
    b.row("cold (empty cache)", claims, cold)
    b.row("re-run, nothing changed", claims, same)
    b.row("re-run, one file edited", claims, edited)
    share = [e.cpu / c.cpu for c, e in zip(cold, edited, strict=True)]
    mid = statistics.median(share)
    ok = mid <= TARGET_CACHE
    b.rows.append(
        [
            "  edited / cold (CPU)",
            "",
            f"{mid:.1%}",
            f"{min(share):.1%}-{max(share):.1%}",
            "",
            "",
            "",
            f"<= {TARGET_CACHE:.0%}",
            verdict(ok),
        ]
    )
    b.failed |= not ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000, help="claims of the formats and jobs sweeps")
    ap.add_argument("--sources-claims", type=int, default=100_000)
    ap.add_argument("--cache-claims", type=int, default=100_000)
    ap.add_argument("--cache-events", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sweep", default="formats,sources,jobs,cache")
    ap.add_argument("--formats", default=",".join(FORMATS), help="the formats of the formats sweep")
    a = ap.parse_args(argv)
    sweeps: dict[str, Callable[[Bench], None]] = {
        "formats": lambda b: sweep_formats(b, a.claims, a.seed, tuple(a.formats.split(","))),
        "sources": lambda b: sweep_sources(b, a.sources_claims, a.seed),
        "jobs": lambda b: sweep_jobs(b, a.claims, a.seed),
        "cache": lambda b: sweep_cache(b, a.cache_claims, a.cache_events, a.seed),
    }
    work = Path(tempfile.mkdtemp(prefix="recoupe-bench-check-"))
    try:
        b = Bench(a.rounds, work)
        for name in a.sweep.split(","):
            sweeps[name.strip()](b)
            b.rows.append([""] * len(HEADER))
        print(f"\npython {sys.version.split()[0]}; {a.rounds} rounds; CPU = user + system (os.wait4)")
        print(table(b.rows[:-1], HEADER))
        for n in b.notes:
            print("  " + n)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if b.failed else 0


if __name__ == "__main__":
    sys.exit(main())
