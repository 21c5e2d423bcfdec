"""`recoupe draft` against the hand-written claims of the bundled corpus, and its CPU time.

A quality benchmark, not a test. For each seed text with its written source file, the text is drafted
(with the NLP extra and without it) into a scratch copy of its event folder, loaded and normalized like
any corpus, then compared with the written claims:

- a drafted claim matches a written one when their slots are equal and their normalized values EQUAL
  (the relation `recoupe check` uses; subjects and quotes are not compared);
- recall: the share of written date, quantity, term and entity claims that some drafted claim matches
  (targets: 70 %);
- precision: the share of drafted date, quantity, term and entity claims that match some written claim
  (target: 60 %). Drafted role claims (text) are counted apart: text values are compared by wording only.

Then the CPU time (user + sys) of drafting a 1,000-word article made of the seed texts' paragraphs,
after the model and the vocabularies have loaded: each round in a fresh process, so that no cache of
an earlier round helps (target: under 1 s).

    /work/venv/bin/python benchmarks/bench_draft.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "claims"
TYPES = ("date", "quantity", "term", "entity")
WORDS = 1000


def _settings():  # type: ignore[no-untyped-def]
    from recoupe.config import load_settings

    return load_settings(start=REPO)


def _load(folder: Path):  # type: ignore[no-untyped-def]
    from recoupe.load import load_corpus

    return load_corpus([folder], display_root=folder)


def quality(use_nlp: bool) -> list[dict[str, object]]:
    from recoupe import api
    from recoupe.draft import draft_file

    settings = _settings()
    norm = api.normalizer(settings)
    rows = []
    for written_file in sorted(CLAIMS.glob("*/*.yaml")):
        text = written_file.with_suffix(".txt")
        if written_file.name == "event.yaml" or not text.exists():
            continue
        written = _load(written_file.parent)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / written_file.parent.name
            folder.mkdir()
            shutil.copy(written_file.parent / "event.yaml", folder)
            shutil.copy(text, folder)
            draft_file(folder / text.name, norm, use_nlp=use_nlp)
            drafted = _load(folder)
        sid = written_file.stem
        w_claims = [c for c in written.claims if c.source == sid]
        d_claims = list(drafted.claims)
        for c in w_claims:
            c.value = norm.normalize(c, written.sources[sid])
        for c in d_claims:
            c.value = norm.normalize(c, drafted.sources[c.source])

        def match(d, w) -> bool:  # type: ignore[no-untyped-def]
            return bool(d.slot == w.slot and norm.relate(d.value, w.value).name == "EQUAL")

        w4 = [w for w in w_claims if w.type in TYPES]
        d4 = [d for d in d_claims if d.type in TYPES]
        found = [w for w in w4 if any(match(d, w) for d in d4)]
        right = [d for d in d4 if any(match(d, w) for w in w_claims)]
        rows.append(
            {
                "source": sid,
                "nlp": use_nlp,
                "written": len(w4),
                "recalled": len(found),
                "recall": len(found) / len(w4) if w4 else 1.0,
                "drafted": len(d4),
                "correct": len(right),
                "precision": len(right) / len(d4) if d4 else 1.0,
                "roles": sum(1 for d in d_claims if d.type == "text"),
                "missed": sorted({f"{w.slot}={w.claim.value}" for w in w4 if w not in found}),
                "wrong": sorted({f"{d.slot}={d.claim.value}" for d in d4 if d not in right}),
            }
        )
    return rows


def article() -> str:
    """About 1,000 words: the seed texts' paragraphs, repeated in turn until the count is reached."""
    paragraphs = [
        p.strip()
        for t in sorted(CLAIMS.glob("*/*.txt"))
        for p in t.read_text("utf-8").split("\n\n")
        if p.strip()
    ]
    out: list[str] = []
    words = 0
    i = 0
    while words < WORDS:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        words += len(p.split())
        i += 1
    return "\n\n".join(out)


def one_round(use_nlp: bool) -> dict[str, float]:
    """In a fresh process: load everything, then time one draft of the article (user + sys CPU)."""
    from recoupe import api
    from recoupe.draft import draft_text, nlp

    norm = api.normalizer(_settings())
    norm.vocab.resolve("warm up")  # the index is compiled lazily
    text = article()
    if use_nlp:
        nlp.load("fr")  # the model loads before the clock starts
    before = resource.getrusage(resource.RUSAGE_SELF)
    drafted = draft_text(text, norm, lang="fr", use_nlp=use_nlp)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu": cpu, "words": len(text.split()), "claims": len(drafted.claims)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--one-round", choices=["nlp", "plain"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one_round:
        print(json.dumps(one_round(args.one_round == "nlp")))
        return 0
    from recoupe.draft import nlp

    ok = True
    modes = [False] + ([True] if nlp.missing("fr") is None else [])
    if len(modes) == 1:
        print(f"NLP extra: {nlp.missing('fr')}; only the plain path is measured")
    print(f"{'source':<22}{'nlp':<6}{'recall':>16}{'precision':>18}{'roles':>7}")
    details = []
    for use_nlp in modes:
        for r in quality(use_nlp):
            rec, prec = float(r["recall"]), float(r["precision"])  # type: ignore[arg-type]
            ok &= rec >= 0.70 and prec >= 0.60
            print(
                f"{r['source']:<22}{'yes' if use_nlp else 'no':<6}"
                f"{r['recalled']:>5}/{r['written']:<3} {rec:>5.0%}  {r['correct']:>5}/{r['drafted']:<3} {prec:>6.0%}"
                f"{r['roles']:>7}"
            )
            details.append(r)
    for r in details:
        print(
            f"\n{r['source']} (nlp: {r['nlp']}) missed: {r['missed']}\n  not in the written claims: {r['wrong']}"
        )
    print(
        f"\nCPU (user+sys) to draft a {WORDS}-word article, model loaded, {args.rounds} fresh processes each:"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    for use_nlp in modes:
        cpus = []
        for _ in range(args.rounds):
            out = subprocess.run(
                [sys.executable, __file__, "--one-round", "nlp" if use_nlp else "plain"],
                capture_output=True, text=True, env=env, check=True,
            )  # fmt: skip
            got = json.loads(out.stdout.strip().splitlines()[-1])
            cpus.append(got["cpu"])
        ok &= max(cpus) < 1.0
        print(
            f"  nlp {'yes' if use_nlp else 'no ':<3}: {got['words']} words, {got['claims']} claims: "
            f"min {min(cpus):.3f} s, median {statistics.median(cpus):.3f} s, max {max(cpus):.3f} s"
        )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
