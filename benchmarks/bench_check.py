"""End-to-end throughput: `recoupe check` (load + normalize + rules + JSON report) against bare JSON Schema validation.

    python benchmarks/bench_check.py [--claims 1000000] [--rounds 3] [--jsonschema-limit N] [--profile]

On one generated JSON Lines corpus, each in a fresh process pinned to CPU 0 (or $BENCH_CPU), in
rounds: jsonschema, check, jsonschema (then check, jsonschema for each further round):

  recoupe check     `recoupe check DIR/claims.jsonl --format json --output <tmp>/report.json`, run
                    from an empty temporary folder (no project config is found, and any cache
                    starts empty); wall time and the process's own peak RSS (os.wait4 rusage)
  jsonschema        every line parsed with orjson and validated by jsonschema's
                    Draft202012Validator against schemas/claim-line.schema.json (structure only:
                    no texts, no quotes, no normalization, no rules)

Targets: check >= 1.5x the claims/s of the jsonschema validation; check peak RSS <= 3 GiB. Each
check is held against the mean rate of the two jsonschema runs around it, so that a machine whose
speed drifts (tens of percent within minutes, on a shared one) moves both sides of its ratio alike;
with several rounds the verdict is the median ratio.
Exit status 0 (no findings at --fail-on) and 1 (findings) both count as a successful check run.

The report goes to a real temporary file, never /dev/null: recoupe writes reports atomically (a
temp file beside the target, then a rename), which must not be pointed at a device node.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _common import CPU, PY, SCHEMAS, Run, corpus, fmt_rate, print_profile, run, table, verdict

TARGET_RATIO = 1.5
TARGET_RSS_GIB = 3.0

JSONSCHEMA_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import orjson
from jsonschema import Draft202012Validator
v = Draft202012Validator(json.loads(open(sys.argv[2], "rb").read()))
limit = int(sys.argv[3])
t1 = time.perf_counter()
claims = bad = lines = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        obj = orjson.loads(line)
        if next(v.iter_errors(obj), None) is not None:
            bad += 1
        lines += 1
        if obj.get("record", "claim") == "claim":
            claims += 1
            if claims == limit:
                break
t2 = time.perf_counter()
print(json.dumps({"claims": claims, "lines": lines, "invalid": bad, "import_s": t1 - t0, "loop_s": t2 - t1}))
"""


def _succeeded(r: Run, report: Path) -> bool:
    """Exit 0 or 1 (findings) with a report written; exit 1 from a crash is not a result."""
    return (
        r.status in (0, 1) and "Traceback" not in r.stderr and report.is_file() and report.stat().st_size > 0
    )


def _summary(report: Path) -> str:
    """Size and finding count of the JSON report, read from its head (the report may be gigabytes)."""
    import re

    size = report.stat().st_size
    with report.open("rb") as f:
        head = f.read(16384).decode("utf-8", "replace")
    m = re.search(r'"summary"\s*:\s*\{\s*"findings"\s*:\s*(\d+)', head)
    found = f", {int(m.group(1)):,} findings" if m else ""
    return f"JSON report {size / 2**20:.1f} MiB{found}"


def split_jsonl(jsonl: Path, max_mib: float) -> list[Path]:
    """`jsonl` as parts of at most `max_mib` MiB, cut at line ends, beside it (text paths stay valid).

    recoupe reads a file whole and refuses one above its size limit (yamlio.MAX_FILE_BYTES), so a
    million-claim corpus has to be given in parts until JSON Lines are streamed.
    """
    limit = int(max_mib * 2**20)
    if max_mib <= 0 or jsonl.stat().st_size <= limit:
        return [jsonl]
    stem = jsonl.with_suffix("")
    marker = jsonl.with_name(f"{jsonl.name}.parts-{max_mib:g}")
    if marker.is_file():  # split before: reuse
        return [jsonl.parent / n for n in marker.read_text().split()]
    parts: list[Path] = []
    with jsonl.open("rb") as f:
        chunk: list[bytes] = []
        size = 0
        for line in f:
            if size + len(line) > limit and chunk:
                parts.append(_write_part(stem, len(parts), chunk))
                chunk, size = [], 0
            chunk.append(line)
            size += len(line)
        if chunk:
            parts.append(_write_part(stem, len(parts), chunk))
    marker.write_text("\n".join(p.name for p in parts))
    return parts


def _write_part(stem: Path, i: int, lines: list[bytes]) -> Path:
    part = stem.with_name(f"{stem.name}.part-{i:03d}.jsonl")
    part.write_bytes(b"".join(lines))
    return part


def _check(
    label: str,
    cmd: list[str],
    work: Path,
    report: Path,
    claims: int,
    cap_gib: float,
    rows: list[list[str]],
    notes: list[str],
) -> float | None:
    """One `recoupe check` run: its row and note; its claims/s, or None if it did not run through."""
    report.unlink(missing_ok=True)
    r = run(cmd, cwd=work, memory_cap=int(cap_gib * 2**30) or None)
    if not _succeeded(r, report):
        rows.append([label, f"{claims:,}", f"{r.wall:.2f}", "-", "-", "runs", "ERROR"])
        hit_cap = "MemoryError" in r.stderr or "Cannot allocate memory" in r.stderr
        notes.append(
            f"{label}: exit {r.status}"
            + (f" - ran out of the {cap_gib:g} GiB address-space cap (--memory-cap-gib)" if hit_cap else "")
            + f"\n{(r.stdout[-1500:] + r.stderr[-3000:])}"
        )
        return None
    rss_gib = r.maxrss_kib / 2**20
    ok_rss = rss_gib <= TARGET_RSS_GIB
    rows.append(
        [
            label,
            f"{claims:,}",
            f"{r.wall:.2f}",
            fmt_rate(claims / r.wall),
            f"{rss_gib:.2f} GiB",
            f"RSS <= {TARGET_RSS_GIB:g} GiB",
            verdict(ok_rss),
        ]
    )
    notes.append(f"{label}: exit {r.status}, {_summary(report)}")
    return claims / r.wall


def _rerun(
    cmd: list[str],
    work: Path,
    report: Path,
    claims: int,
    cap: int | None,
    rows: list[list[str]],
    notes: list[str],
) -> None:
    """The same check again in the same folder: the cached re-run a CI job sees."""
    r = run(cmd, cwd=work, memory_cap=cap)
    ok = _succeeded(r, report)
    rows.append(
        [
            "recoupe check (cached re-run)",
            f"{claims:,}",
            f"{r.wall:.2f}",
            fmt_rate(claims / r.wall) if ok else "-",
            f"{r.maxrss_kib / 2**20:.2f} GiB",
            "-",
            "ok" if ok else "ERROR",
        ]
    )
    if not ok:
        notes.append(f"cached re-run: exit {r.status}\n{r.stderr[-2000:]}")


def _jsonschema(cmd: list[str], limit: int, rows: list[list[str]], notes: list[str]) -> float | None:
    """One jsonschema validation run: its row and note; its claims/s, or None if it failed."""
    j = run(cmd)
    if j.status != 0:
        rows.append(["jsonschema (Draft 2020-12)", "-", "-", "-", "-", "reference", "ERROR"])
        notes.append(f"jsonschema: exit {j.status}\n{j.stderr[-2000:]}")
        return None
    d = j.json()
    # With a limit the rate is the loop's, plus start-up; the whole corpus would cost more of the same.
    rows.append(
        [
            "jsonschema (Draft 2020-12)",
            f"{d['claims']:,}",
            f"{j.wall:.2f}",
            fmt_rate(d["claims"] / j.wall),
            f"{j.maxrss_kib / 2**20:.2f} GiB",
            "reference",
            "ok" if d["invalid"] == 0 else f"{d['invalid']} invalid",
        ]
    )
    notes.append(
        f"jsonschema: {d['lines']:,} lines (claims + source/event records), validation loop "
        f"{d['loop_s']:.1f} s = {d['claims'] / d['loop_s']:,.0f} claims/s"
        + (" (first N claims only: --jsonschema-limit)" if limit else "")
    )
    return float(d["claims"]) / j.wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--jsonschema-limit",
        type=int,
        default=0,
        help="validate only the first N claims with jsonschema and extrapolate its rate (0: all)",
    )
    ap.add_argument(
        "--profile", action="store_true", help="also run the check under cProfile and print the top functions"
    )
    ap.add_argument(
        "--memory-cap-gib",
        type=float,
        default=8.0,
        help="address-space limit of the check process (0: none); beyond it the run fails instead of "
        "exhausting the machine",
    )
    ap.add_argument(
        "--rerun",
        action="store_true",
        help="run the check a second time in the same folder: the cached re-run a CI job sees",
    )
    ap.add_argument(
        "--max-file-mib",
        type=float,
        default=60.0,
        help="give recoupe the corpus in parts of at most this size (its per-file limit is 64 MiB); 0: one file",
    )
    ap.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="checks to run, each between two jsonschema runs; the ratio is their median (drifting machines)",
    )
    ap.add_argument("--keep-report", action="store_true", help="keep the JSON report and print its path")
    a = ap.parse_args(argv)

    jsonl = corpus(f"check-jsonl-{a.claims}", a.claims, "jsonl", a.seed) / "claims.jsonl"
    recoupe = Path(PY).with_name("recoupe")
    rows: list[list[str]] = []
    notes: list[str] = []

    work = Path(tempfile.mkdtemp(prefix="recoupe-bench-check-"))
    try:
        report = work / "report.json"
        cap = int(a.memory_cap_gib * 2**30) or None
        parts = [str(p) for p in split_jsonl(jsonl, a.max_file_mib)]
        if len(parts) > 1:
            notes.append(
                f"recoupe check: the {jsonl.stat().st_size / 2**20:.0f} MiB corpus is given as {len(parts)} files "
                f"of <= {a.max_file_mib:g} MiB: recoupe refuses a file above 64 MiB (yamlio.MAX_FILE_BYTES)"
            )
        check_cmd = [str(recoupe), "check", *parts, "--format", "json", "--output", str(report)]
        js_cmd = [
            PY,
            "-c",
            JSONSCHEMA_CHILD,
            str(jsonl),
            str(SCHEMAS / "claim-line.schema.json"),
            str(a.jsonschema_limit),
        ]
        # Rounds of jsonschema, check, ..., jsonschema: each check is held against the mean rate of the
        # two jsonschema runs around it. A machine whose speed drifts by tens of percent within minutes
        # then moves both sides of a ratio alike, whichever way it drifts.
        js_rates: list[float | None] = [_jsonschema(js_cmd, a.jsonschema_limit, rows, notes)]
        check_rates: list[float | None] = []
        for n in range(1, a.rounds + 1):
            label = "recoupe check" if a.rounds == 1 else f"recoupe check, round {n}"
            check_rates.append(
                _check(label, check_cmd, work, report, a.claims, a.memory_cap_gib, rows, notes)
            )
            if n == 1 and a.rerun and check_rates[0] is not None:
                _rerun(check_cmd, work, report, a.claims, cap, rows, notes)
            js_rates.append(_jsonschema(js_cmd, a.jsonschema_limit, rows, notes))

        ratios: list[float] = []
        for n, rate in enumerate(check_rates):
            before, after = js_rates[n], js_rates[n + 1]
            if rate is None or before is None or after is None:
                continue
            ratios.append(rate / ((before + after) / 2))
        failed = any(r[-1] in ("FAIL", "ERROR") for r in rows) or len(ratios) != a.rounds
        if ratios:
            ratio = statistics.median(ratios)
            ok = ratio >= TARGET_RATIO
            failed |= not ok
            each = f" (median of {', '.join(f'{r:.2f}' for r in ratios)})" if len(ratios) > 1 else ""
            rows.append(
                ["check / jsonschema", "", "", f"{ratio:.2f}x", "", f">= {TARGET_RATIO}x", verdict(ok)]
            )
            notes.append(
                "check / jsonschema: each check against the mean jsonschema rate of the runs before and "
                f"after it{each}"
            )

        print()
        print(
            f"one core (taskset -c {CPU}), fresh process per row; python {sys.version.split()[0]}; corpus {jsonl}"
        )
        print(table(rows, ["what", "claims", "seconds", "claims/s", "peak RSS", "target", "result"]))
        print()
        for n in notes:
            print("  " + n)

        if a.profile:
            prof = work / "check.prof"
            # Not `-m recoupe`: the recoupe program ends with os._exit (cli.run), before cProfile could
            # write its profile; cli.main returns through SystemExit, which cProfile waits for.
            script = work / "profiled_check.py"
            script.write_text("import sys\nfrom recoupe.cli import main\nsys.argv[0] = 'recoupe'\nmain()\n")
            p = run(
                [
                    PY,
                    "-m",
                    "cProfile",
                    "-o",
                    str(prof),
                    str(script),
                    "check",
                    *parts,
                    "--format",
                    "json",
                    "--output",
                    str(work / "report-profiled.json"),
                ],
                cwd=work,
                memory_cap=cap,
            )
            if not _succeeded(p, work / "report-profiled.json") or not prof.exists():
                print(f"profiled run failed (exit {p.status}):\n{p.stderr[-2000:]}")
            else:
                print("\n--- cProfile of recoupe check ---")
                print_profile(prof, 30)
        if a.keep_report and report.exists():
            kept = jsonl.parent / "report.json"
            shutil.move(str(report), kept)
            print(f"report kept: {kept}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
