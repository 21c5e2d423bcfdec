"""CPU time of rendering a report, apart from checking: the same findings rendered several times.

    python benchmarks/bench_report.py [--claims 20000] [--format html --format text] [--rounds 5]

The corpus is generated (JSON Lines, reused from benchmarks/out when its manifest matches) and
checked once; each round then renders every format asked for from the same ReportData (as the CLI
does, through `Reporter.chunks`, garbage collector paused), and the script prints the CPU time (user+sys of this process, `time.process_time`) each render took: the
fastest, the median and the slowest of the rounds, as a machine shared with other work moves
single runs by a third. Run it under two source trees (PYTHONPATH=<tree>/src) to compare them.
"""

from __future__ import annotations

import argparse
import statistics
import time

from _common import CPU, corpus, pin_self, table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=20_000)
    ap.add_argument("--format", action="append", dest="formats", help="default: html and text")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    formats = args.formats or ["html", "text"]

    from recoupe import api
    from recoupe.config import load_settings
    from recoupe.reporters import get_reporter

    pin_self()
    path = corpus(f"report-{args.claims}", args.claims, "jsonl")
    data = api.check([path / "claims.jsonl"], settings=load_settings(start=path, cache=False))
    reporters = {name: get_reporter(name) for name in formats}
    times: dict[str, list[float]] = {name: [] for name in formats}
    sizes: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, reporter in reporters.items():
            t0 = time.process_time()
            report = b"".join(reporter.chunks(data))  # as the CLI writes a report
            times[name].append(time.process_time() - t0)
            sizes[name] = len(report)
    print(
        f"{args.claims:,} claims, {len(data.findings):,} findings; {args.rounds} rounds on CPU {CPU}\n"
        + table(
            [
                [
                    name,
                    f"{min(ts):.3f}",
                    f"{statistics.median(ts):.3f}",
                    f"{max(ts):.3f}",
                    f"{sizes[name] / 2**20:.1f} MiB",
                ]
                for name, ts in times.items()
            ],
            ["format", "min CPU s", "median", "max", "size"],
        )
    )


if __name__ == "__main__":
    main()
