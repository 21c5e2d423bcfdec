"""End-to-end throughput: `recoupe check` (load + normalize + rules + JSON report) against bare JSON Schema validation.

    python benchmarks/bench_check.py [--claims 1000000] [--jsonschema-limit N] [--profile]

On one generated JSON Lines corpus, each in a fresh process pinned to CPU 0 (or $BENCH_CPU):

  recoupe check     `recoupe check DIR/claims.jsonl --format json --output <tmp>/report.json`, run
                    from an empty temporary folder (no project config is found, and any cache
                    starts empty); wall time and the process's own peak RSS (os.wait4 rusage)
  jsonschema        every line parsed with orjson and validated by jsonschema's
                    Draft202012Validator against schemas/claim-line.schema.json (structure only:
                    no texts, no quotes, no normalization, no rules)

Targets: check >= 1.5x the claims/s of the jsonschema validation; check peak RSS <= 3 GiB.
Exit status 0 (no findings at --fail-on) and 1 (findings) both count as a successful check run.

The report goes to a real temporary file, never /dev/null: recoupe writes reports atomically (a
temp file beside the target, then a rename), which must not be pointed at a device node.
"""

from __future__ import annotations

import argparse
import shutil
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
    ap.add_argument("--keep-report", action="store_true", help="keep the JSON report and print its path")
    a = ap.parse_args(argv)

    jsonl = corpus(f"check-jsonl-{a.claims}", a.claims, "jsonl", a.seed) / "claims.jsonl"
    recoupe = Path(PY).with_name("recoupe")
    rows: list[list[str]] = []
    notes: list[str] = []
    failed = False

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
        r = run(check_cmd, cwd=work, memory_cap=cap)
        check_rate: float | None = None
        if _succeeded(r, report):
            check_rate = a.claims / r.wall
            rss_gib = r.maxrss_kib / 2**20
            ok_rss = rss_gib <= TARGET_RSS_GIB
            failed |= not ok_rss
            rows.append(
                [
                    "recoupe check",
                    f"{a.claims:,}",
                    f"{r.wall:.2f}",
                    fmt_rate(check_rate),
                    f"{rss_gib:.2f} GiB",
                    f"RSS <= {TARGET_RSS_GIB:g} GiB",
                    verdict(ok_rss),
                ]
            )
            notes.append(f"recoupe check: exit {r.status}, {_summary(report)}")
        else:
            failed = True
            rows.append(["recoupe check", f"{a.claims:,}", f"{r.wall:.2f}", "-", "-", "runs", "ERROR"])
            hit_cap = "MemoryError" in r.stderr or "Cannot allocate memory" in r.stderr
            notes.append(
                f"recoupe check: exit {r.status}"
                + (
                    f" - ran out of the {a.memory_cap_gib:g} GiB address-space cap (--memory-cap-gib)"
                    if hit_cap
                    else ""
                )
                + f"\n{(r.stdout[-1500:] + r.stderr[-3000:])}"
            )

        if a.rerun and check_rate is not None:
            r2 = run(check_cmd, cwd=work, memory_cap=cap)
            ok2 = _succeeded(r2, report)
            rows.append(
                [
                    "recoupe check (cached re-run)",
                    f"{a.claims:,}",
                    f"{r2.wall:.2f}",
                    fmt_rate(a.claims / r2.wall) if ok2 else "-",
                    f"{r2.maxrss_kib / 2**20:.2f} GiB",
                    "-",
                    "ok" if ok2 else "ERROR",
                ]
            )
            if not ok2:
                notes.append(f"cached re-run: exit {r2.status}\n{r2.stderr[-2000:]}")

        j = run(
            [
                PY,
                "-c",
                JSONSCHEMA_CHILD,
                str(jsonl),
                str(SCHEMAS / "claim-line.schema.json"),
                str(a.jsonschema_limit),
            ]
        )
        js_rate: float | None = None
        if j.status == 0:
            d = j.json()
            # With a limit the rate is the loop's, plus start-up; the whole corpus would cost more of the same.
            js_rate = d["claims"] / j.wall
            rows.append(
                [
                    "jsonschema (Draft 2020-12)",
                    f"{d['claims']:,}",
                    f"{j.wall:.2f}",
                    fmt_rate(js_rate),
                    f"{j.maxrss_kib / 2**20:.2f} GiB",
                    "reference",
                    "ok" if d["invalid"] == 0 else f"{d['invalid']} invalid",
                ]
            )
            notes.append(
                f"jsonschema: {d['lines']:,} lines (claims + source/event records), validation loop "
                f"{d['loop_s']:.1f} s = {d['claims'] / d['loop_s']:,.0f} claims/s"
                + (" (first N claims only: --jsonschema-limit)" if a.jsonschema_limit else "")
            )
        else:
            rows.append(["jsonschema (Draft 2020-12)", "-", "-", "-", "-", "reference", "ERROR"])
            notes.append(f"jsonschema: exit {j.status}\n{j.stderr[-2000:]}")

        if check_rate is not None and js_rate is not None:
            ratio = check_rate / js_rate
            ok = ratio >= TARGET_RATIO
            failed |= not ok
            rows.append(
                ["check / jsonschema", "", "", f"{ratio:.2f}x", "", f">= {TARGET_RATIO}x", verdict(ok)]
            )
        else:
            failed = True

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
            p = run(
                [
                    PY,
                    "-m",
                    "cProfile",
                    "-o",
                    str(prof),
                    "-m",
                    "recoupe",
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
