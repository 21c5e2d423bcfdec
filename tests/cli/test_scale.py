"""`--jobs` and `--engine dask` give the very report of `--jobs 1`: on the bundled corpus, on a
generated corpus of thousands of claims, and on a corpus with an input error."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Runner, generate_corpus

HAS_DASK = all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed"))
needs_dask = pytest.mark.skipif(
    not HAS_DASK, reason="the dask extra is not installed: pip install 'recoupe[dask]'"
)


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One 2-worker LocalCluster for the module (a cluster takes seconds to start), in a process of
    its own: its threads must not live in this one, which forks --jobs workers."""
    if not HAS_DASK:
        pytest.skip("the dask extra is not installed: pip install 'recoupe[dask]'")
    address = tmp_path_factory.mktemp("dask") / "address"
    script = (
        "import os, sys\n"
        "from distributed import LocalCluster\n"
        "with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:\n"
        "    open(sys.argv[1] + '.tmp', 'w').write(c.scheduler_address)\n"
        "    os.replace(sys.argv[1] + '.tmp', sys.argv[1])\n"
        "    sys.stdin.read()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(address)], stdin=subprocess.PIPE)
    try:
        for _ in range(600):
            if address.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert address.exists(), "the LocalCluster did not start"
        yield address.read_text()
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=60)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4,000 claims over 25 events of 4 sources, as event folders (the benchmarks' generator)."""
    return generate_corpus(tmp_path_factory.mktemp("generated"), 25, 4000, "yaml", seed=7)


def report(run: Runner, where: Path, corpus: str, tmp: Path, *args: str) -> tuple[int, bytes, str]:
    out = tmp / f"report{len(list(tmp.glob('report*')))}.json"
    result = run("check", corpus, "--no-cache", "--format", "json", "--output", str(out), *args)
    return (
        result.exit_code,
        out.read_bytes() if out.exists() else b"",
        result.stderr.replace(str(out), "<out>"),
    )


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)  # the project's own config, as the golden report was made
    return ROOT


def test_jobs_give_the_golden_report_on_the_bundled_corpus(
    run: Runner, in_repo: Path, tmp_path: Path
) -> None:
    golden = (ROOT / "tests" / "golden" / "seed-report.json").read_bytes()
    said = "recoupe: 0 errors, 9 warnings, 58 info; nothing at or above error; wrote <out> (json)\n"
    assert report(run, in_repo, "claims/", tmp_path, "--jobs", "1") == (0, golden, said)
    assert report(run, in_repo, "claims/", tmp_path, "--jobs", "2") == (0, golden, said)


@needs_dask
def test_dask_on_its_own_local_cluster_gives_the_golden_report(in_repo: Path, tmp_path: Path) -> None:
    # in a process of its own, like the cluster: a LocalCluster leaves threads behind it
    golden = (ROOT / "tests" / "golden" / "seed-report.json").read_bytes()
    out = tmp_path / "report.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "recoupe",
            "check",
            "claims/",
            "--no-cache",
            "--engine",
            "dask",
            "--jobs",
            "2",
            "--format",
            "json",
            "--output",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.read_bytes() == golden


def test_jobs_on_thousands_of_claims(
    run: Runner, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoupe.scale import pool

    parts: list[int] = []
    real = pool.run_pool

    def counted(*args: Any, **kwargs: Any) -> Any:
        parts.append(len(args[2]))
        return real(*args, **kwargs)

    monkeypatch.setattr(pool, "run_pool", counted)
    monkeypatch.chdir(tmp_path)
    one = report(run, tmp_path, str(generated), tmp_path, "--jobs", "1")
    assert one[0] == 1 and one[1].count(b'"code": "CMP004"') > 100  # the corpus has contradictions
    assert parts == []
    assert report(run, tmp_path, str(generated), tmp_path, "--jobs", "2") == one
    assert parts == [8]  # 2 workers, 4 parts each: the pool did run
    assert report(run, tmp_path, str(generated), tmp_path, "--jobs", "3") == one


@needs_dask
def test_dask_on_thousands_of_claims(run: Runner, generated: Path, tmp_path: Path, scheduler: str) -> None:
    one = report(run, tmp_path, str(generated), tmp_path, "--jobs", "1")
    assert (
        report(run, tmp_path, str(generated), tmp_path, "--engine", "dask", "--scheduler", scheduler) == one
    )


def _break(generated: Path, tmp_path: Path) -> Path:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(generated, broken)
    first = sorted(p for p in broken.rglob("*.yaml") if p.name != "event.yaml")[3]
    text = first.read_text("utf-8")
    first.write_text(text.replace("  - id: ", "  - idd: ", 1), "utf-8")
    return broken


def test_an_input_error_is_the_same_located_error_whatever_the_jobs(
    run: Runner, generated: Path, tmp_path: Path
) -> None:
    broken = _break(generated, tmp_path)
    one = report(run, tmp_path, str(broken), tmp_path, "--jobs", "1")
    assert one[0] == 2 and b'"code": "INP001"' in one[1]  # the report holds the problem as a finding
    assert one[2].endswith(
        ":13:5: unknown key 'idd' (did you mean 'id'?) at /claims/0/idd [unknown-key]\n1 problem found\n"
    )
    assert report(run, tmp_path, str(broken), tmp_path, "--jobs", "2") == one


@needs_dask
def test_an_input_error_is_the_same_on_dask(
    run: Runner, generated: Path, tmp_path: Path, scheduler: str
) -> None:
    broken = _break(generated, tmp_path)
    one = report(run, tmp_path, str(broken), tmp_path, "--jobs", "1")
    assert report(run, tmp_path, str(broken), tmp_path, "--engine", "dask", "--scheduler", scheduler) == one


def test_scheduler_needs_the_dask_engine(run: Runner, in_repo: Path) -> None:
    result = run("check", "claims/", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert "--scheduler" in result.stderr and "needs --engine dask" in result.stderr


def test_dask_without_the_extra_is_a_usage_error(
    run: Runner, in_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoupe.scale import on_dask

    monkeypatch.setattr(on_dask, "extra_installed", lambda: False)
    result = run("check", "claims/", "--engine", "dask")
    assert result.exit_code == 2
    assert "pip install 'recoupe[dask]'" in result.stderr
