"""Every format that can be made event by event (`Pieced`) gives, from pieces, the very bytes of the
report made from the whole run: what `recoupe check` writes over parts is what it writes in one go."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe import api
from recoupe.config import load_settings
from recoupe.reporters import get_reporter
from recoupe.reporters.base import ReportData
from recoupe.reporters.pieces import Pieced, Tally, pieced_chunks, totals_of
from recoupe.scale.partition import universe

ROOT = Path(__file__).resolve().parents[2]

# (format, options) pairs held to byte identity; each format that learns to come in pieces adds its own
PIECED = [
    ("json", {}),
    ("concise", {}),
    ("concise", {"min_severity": "warning"}),
    ("github", {}),
]


@pytest.fixture(scope="module")
def seed() -> ReportData:
    settings = load_settings(ROOT / "pyproject.toml")
    return api.check([ROOT / "claims"], settings)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """1,500 claims over 12 events of 4 sources (the benchmarks' generator): pieces of many events,
    some with no finding of a kind, every severity."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = tmp_path_factory.mktemp("generated")
    generate(out, 12, 4, 1500, "jsonl", seed=11)
    settings = load_settings(out / "recoupe.toml")
    return api.check([out / "claims.jsonl"], settings.model_copy(update={"cache": False}))


def _events(data: ReportData) -> list[str]:
    return sorted(set(universe(data.corpus)) | {f.event for f in data.findings})


@pytest.mark.parametrize(("fmt", "options"), PIECED, ids=[f"{f}-{o}" for f, o in PIECED])
def test_pieces_give_the_whole_report(seed: ReportData, fmt: str, options: dict[str, object]) -> None:
    reporter = get_reporter(fmt, root=ROOT, **options)
    assert isinstance(reporter, Pieced)
    whole = b"".join(reporter.chunks(seed))
    assert b"".join(pieced_chunks(reporter, seed, _events(seed))) == whole


@pytest.mark.parametrize(("fmt", "options"), PIECED, ids=[f"{f}-{o}" for f, o in PIECED])
def test_pieces_of_many_events_give_the_whole_report(
    generated: ReportData, fmt: str, options: dict[str, object]
) -> None:
    events = _events(generated)
    assert len(events) == 12 and {f.severity.value for f in generated.findings} == {"error", "warning", "info"}
    reporter = get_reporter(fmt, root=ROOT, **options)
    assert isinstance(reporter, Pieced)
    whole = b"".join(reporter.chunks(generated))
    assert b"".join(pieced_chunks(reporter, generated, events)) == whole


@pytest.mark.parametrize(("fmt", "options"), PIECED, ids=[f"{f}-{o}" for f, o in PIECED])
def test_pieces_of_a_run_without_findings(seed: ReportData, fmt: str, options: dict[str, object]) -> None:
    empty = ReportData([], seed.corpus, seed.rules)
    reporter = get_reporter(fmt, root=ROOT, **options)
    assert b"".join(pieced_chunks(reporter, empty, _events(empty))) == b"".join(reporter.chunks(empty))


def test_tally_summary_is_the_reports_summary(seed: ReportData) -> None:
    merged = Tally()
    half = len(seed.findings) // 2
    for part in (seed.findings[:half], seed.findings[half:]):
        t = Tally()
        t.add_findings(part)
        merged.merge(Tally.from_json(t.to_json()))
    whole = totals_of(seed)
    merged.events, merged.sources, merged.claims = whole.tally.events, whole.tally.sources, whole.tally.claims
    assert (
        merged.summary("warning")
        == ReportData(seed.findings, seed.corpus, seed.rules, fail_on="warning").summary()
    )
    assert merged.summary()["findings"] == 67
