"""Diff-aware runs: which claims files changed since a git revision, and which claims that touches."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from recoupe.errors import InputError, Problem
from recoupe.findings import Finding
from recoupe.loading import Corpus


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise InputError([Problem("<git>", None, None, "", "--changed-since needs git, which is not installed", "usage")]) from None
    if done.returncode != 0:
        msg = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {' '.join(args)} failed"
        raise InputError([Problem("<git>", None, None, "", f"--changed-since: {msg}", "usage")])
    return done.stdout


def changed_files(ref: str, cwd: Path) -> set[Path]:
    """Files changed since `ref` (committed, staged, unstaged, and new untracked files), resolved."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    names = _git(["diff", "--name-only", "--no-renames", ref, "--"], cwd).splitlines()
    names += _git(["ls-files", "--others", "--exclude-standard"], cwd).splitlines()
    return {(top / n).resolve() for n in names if n}


def changed_claims(corpus: Corpus, files: set[Path]) -> set[tuple[str, str]]:
    """(source, claim) of every claim written in a changed file, or pinned to a changed text."""
    def touched(name: str | None) -> bool:
        return name is not None and Path(name).resolve() in files

    sources = {sid for sid, s in corpus.sources.items() if touched(s.file) or touched(s.text_file)}
    return {(c.source, c.id) for c in corpus.claims if c.source in sources or touched(c.file)}


def events_of(corpus: Corpus, claims: set[tuple[str, str]]) -> set[str]:
    return {c.event for c in corpus.claims if (c.source, c.id) in claims}


def involving(findings: Iterable[Finding], claims: set[tuple[str, str]], sources: set[str]) -> list[Finding]:
    """Findings that name a changed claim (or, with no claim, a changed source)."""
    out = []
    for f in findings:
        if any((c.source, c.claim) in claims for c in f.claims) or (not f.claims and set(f.sources) & sources):
            out.append(f)
    return out
