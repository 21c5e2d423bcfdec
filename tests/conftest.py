"""Shared fixtures: small corpora written into tmp_path, and a CLI runner that keeps exit codes."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "claims" / "maroc-niger-2022-08-01"
SHARED = ROOT.parent / "shared"

TEXT = (
    "Le Maroc et le Niger ont signé, ce lundi à Rabat, une déclaration d\u2019entente contre la traite "
    "des êtres humains.\nLa\u00a0déclaration prévoit la formation des acteurs. La déclaration est signée.\n"
)


def cache_stats(parsed: int, hits: int, writes: int, checked: int, cached: int) -> dict[str, int]:
    """What `check` says of the cache: claims files parsed, read from it and written; events checked
    and taken from it."""
    return {
        "parsed": parsed,
        "hits": hits,
        "writes": writes,
        "events_checked": checked,
        "events_cached": cached,
    }


def generate_corpus(out: Path, events: int, claims: int, fmt: str = "jsonl", seed: int = 3) -> Path:
    """A corpus of the benchmarks' generator, 4 sources per event: its claims.jsonl, or its yaml folder."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate(out, events, 4, claims, fmt, seed=seed)
    return out / "claims.jsonl" if fmt == "jsonl" else out / "yaml"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def make_source(tmp_path: Path) -> Callable[..., Path]:
    """Write event folder `ev` with one source `src` whose claims are given as YAML text."""

    def make(
        claims_yaml: str, *, text: str = TEXT, source_id: str = "src", extra: str = "", event: str = "ev"
    ) -> Path:
        folder = tmp_path / "claims" / event
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{source_id}.txt").write_text(text, encoding="utf-8")
        body = (
            f"id: {source_id}\ntitle: Test\nlanguage: fr\n{extra}text:\n  path: {source_id}.txt\n"
            f"  sha256: {sha(text)}\nclaims:\n"
            + textwrap.indent(textwrap.dedent(claims_yaml).strip("\n"), "  ")
            + "\n"
        )
        (folder / f"{source_id}.yaml").write_text(body, encoding="utf-8")
        return tmp_path / "claims"

    return make


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A private copy of the seed corpus, to corrupt."""
    dest = tmp_path / "claims" / SEED.name
    shutil.copytree(SEED, dest)
    return tmp_path / "claims"


class Runner:
    """Runs `recoupe.cli.main` in-process, through the same exit-status mapping as the real command."""

    def __init__(self) -> None:
        self._runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Result:
        from recoupe.cli import main

        code: int = 0
        with self._runner.isolation(input=input) as (out, err, mixed):
            try:
                main(list(args))
            except SystemExit as e:
                code = int(e.code or 0)
            stdout, stderr, output = out.getvalue(), err.getvalue(), mixed.getvalue()
        return Result(self._runner, stdout, stderr, output, None, code, None)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Runner:
    """Invoke the CLI in tmp_path (so no project config leaks in) and return click's Result."""
    monkeypatch.chdir(tmp_path)
    return Runner()


class Hung(Exception):
    """A test's code ran past its bound: it would have hung a CI job."""


@pytest.fixture
def bounded() -> Iterator[None]:
    """Fail (rather than hang the suite) if the test runs past 20 s: for FIFOs, devices and cycles."""
    import signal

    def hung(signum: int, frame: object) -> None:
        raise Hung("still running after 20 s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
