"""The command line, the manifest that lets benchmark scripts reuse a corpus, and ensure_corpus."""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generate.write import Stats, generate

DESCRIPTION = "Synthetic corpus generator for recoupe benchmarks: events, sources, pinned texts and claims (YAML and JSON Lines)."


def manifest_args(events: int, sources_per_event: int, claims: int, fmt: str, seed: int) -> dict[str, Any]:
    return {
        "events": events,
        "sources_per_event": sources_per_event,
        "claims": claims,
        "format": fmt,
        "seed": seed,
        "generator": _generator_hash(),
    }


def _generator_hash() -> str:
    """The generator's own code, every module of it: a corpus made by other code is made again."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def ensure_corpus(
    out: Path, events: int, sources_per_event: int, claims: int, fmt: str, seed: int = 0, quiet: bool = False
) -> Path:
    """Generate into `out` unless it already holds this very corpus (same arguments, same generator)."""
    want = manifest_args(events, sources_per_event, claims, fmt, seed)
    manifest = out / "manifest.json"
    if manifest.is_file():
        try:
            if json.loads(manifest.read_text())["args"] == want:
                return out
        except (ValueError, KeyError):
            pass
    import shutil

    if out.exists():
        shutil.rmtree(out)
    t0 = time.perf_counter()
    stats = generate(out, events, sources_per_event, claims, fmt, seed, None if quiet else print)
    dt = time.perf_counter() - t0
    manifest.write_text(
        json.dumps({"args": want, "stats": _stats_dict(stats), "seconds": round(dt, 2)}, indent=2)
    )
    if not quiet:
        print(f"generated {stats.claims} claims ({fmt}) in {out} in {dt:.1f} s")
    return out


def _stats_dict(s: Stats) -> dict[str, Any]:
    return {
        "events": s.events,
        "sources": s.sources,
        "claims": s.claims,
        "files": s.files,
        "bytes": s.bytes,
        "claims_by_type": dict(sorted(s.by_type.items())),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="generate", description=DESCRIPTION)
    ap.add_argument("--events", type=int, required=True)
    ap.add_argument("--sources-per-event", type=int, required=True)
    ap.add_argument("--claims", type=int, required=True, help="claims in total (exactly)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--format", choices=("yaml", "jsonl", "both"), default="both")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    stats = generate(a.out, a.events, a.sources_per_event, a.claims, a.format, a.seed, print)
    dt = time.perf_counter() - t0
    (a.out / "manifest.json").write_text(
        json.dumps(
            {
                "args": manifest_args(a.events, a.sources_per_event, a.claims, a.format, a.seed),
                "stats": _stats_dict(stats),
                "seconds": round(dt, 2),
            },
            indent=2,
        )
    )
    print(
        f"wrote {stats.events} events, {stats.sources} sources, {stats.claims} claims "
        f"({', '.join(f'{k} {v}' for k, v in sorted(stats.by_type.items()))})"
    )
    print(
        f"      {stats.files} files, {stats.bytes / 2**20:.1f} MiB, format {a.format}, seed {a.seed}, into {a.out}"
    )
    if a.format in ("jsonl", "both"):
        print(f"      JSON Lines: {a.out / 'claims.jsonl'} (texts in {a.out / 'texts'})")
    if a.format in ("yaml", "both"):
        print(f"      YAML: {a.out / 'yaml'}/<event>/")
    print(f"      in {dt:.2f} s ({stats.claims / dt:,.0f} claims/s)")
    return 0
