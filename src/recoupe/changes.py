"""Diff-aware runs: which claims files changed since a git revision, and which claims that touches."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recoupe.corpus import Corpus, LoadedClaim
from recoupe.errors import InputError, Problem
from recoupe.findings import Finding
from recoupe.load.json_lines import BULK_SUFFIXES
from recoupe.load.yaml_folders import SOURCE_SUFFIXES
from recoupe.yamlio import parse_yaml


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise InputError(
            [Problem("<git>", None, None, "", "--changed-since needs git, which is not installed", "usage")]
        ) from None
    if done.returncode != 0:
        msg = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {' '.join(args)} failed"
        raise InputError([Problem("<git>", None, None, "", f"--changed-since: {msg}", "usage")])
    return done.stdout


@dataclass(frozen=True, slots=True)
class Changes:
    ref: str
    top: Path
    files: set[Path]

    def old_text(self, path: Path) -> str | None:
        """The file as it was at `ref`, or None when it did not exist then."""
        rel = path.resolve().relative_to(self.top).as_posix()
        done = subprocess.run(
            ["git", "show", f"{self.ref}:{rel}"], cwd=self.top, capture_output=True, check=False
        )
        return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def changed_files(ref: str, cwd: Path) -> Changes:
    """Files changed since `ref` (committed, staged, unstaged, and new untracked files), resolved."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except InputError:
        # most often a CI checkout, shallow by default: the revision was never fetched
        message = (
            f"--changed-since: no commit '{ref}' in this clone's history; a CI checkout is shallow unless "
            "asked otherwise: fetch the history first (actions/checkout with fetch-depth: 0)"
        )
        raise InputError([Problem("<git>", None, None, "", message, "usage")]) from None
    names = _git(["diff", "--name-only", "--no-renames", ref, "--"], cwd).splitlines()
    names += _git(["ls-files", "--others", "--exclude-standard"], cwd).splitlines()
    return Changes(ref, top, {(top / n).resolve() for n in names if n})


def _split(text: str | None, shown: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A source file's own fields and its claims by id; None when absent or unreadable."""
    if text is None:
        return None
    try:
        data, _ = parse_yaml(text, shown)
    except InputError:
        return None
    if not isinstance(data, dict):
        return None
    claims = data.pop("claims", None)
    by_id = (
        {c["id"]: c for c in claims if isinstance(c, dict) and "id" in c} if isinstance(claims, list) else {}
    )
    return data, by_id


def changed_claims(corpus: Corpus, changes: Changes) -> set[tuple[str, str]]:
    """(source, claim) of every claim added or edited since the revision.

    A claim counts as changed when its own fields differ; every claim of a source counts when the
    source's other fields (its date, its language) or the text it pins changed, since those change
    how all its claims read.
    """
    files = changes.files

    def touched(name: str | None) -> bool:
        return name is not None and Path(name).resolve() in files

    out: set[tuple[str, str]] = set()
    by_source: dict[str, list[LoadedClaim]] = {}
    for c in corpus.claims:
        by_source.setdefault(c.source, []).append(c)
    for sid, src in corpus.sources.items():
        claims = by_source.get(sid, [])
        if touched(src.text_file):
            out.update((c.source, c.id) for c in claims)
            continue
        if not touched(src.file):
            continue
        path = Path(src.file)
        old = _split(changes.old_text(path), src.file) if src.file.endswith(SOURCE_SUFFIXES) else None
        now = _split(path.read_text("utf-8"), src.file) if old is not None else None
        if old is None or now is None or old[0] != now[0]:
            out.update((c.source, c.id) for c in claims)
            continue
        out.update((c.source, c.id) for c in claims if old[1].get(c.id) != now[1].get(c.id))
    # JSON Lines files: their claims are taken as changed as a whole
    out.update((c.source, c.id) for c in corpus.claims if touched(c.file) and c.file.endswith(BULK_SUFFIXES))
    return out


def events_of(corpus: Corpus, claims: set[tuple[str, str]]) -> set[str]:
    return {c.event for c in corpus.claims if (c.source, c.id) in claims}


def involving(findings: Iterable[Finding], claims: set[tuple[str, str]], sources: set[str]) -> list[Finding]:
    """Findings that name a changed claim (or, with no claim, a changed source)."""
    out = []
    for f in findings:
        if any((c.source, c.claim) in claims for c in f.claims) or (
            not f.claims and set(f.sources) & sources
        ):
            out.append(f)
    return out
