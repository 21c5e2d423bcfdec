"""Every format that can be made event by event (`Pieced`) gives, from pieces, the very bytes of the
report made from the whole run: what `recoupe check` writes over parts is what it writes in one go."""

from __future__ import annotations

import json
import pickle
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from recoupe import api
from recoupe.config import load_settings
from recoupe.findings import Suppression
from recoupe.reporters import get_reporter
from recoupe.reporters.base import ReportData
from recoupe.reporters.pieces import (
    Piece,
    Pieced,
    Tally,
    by_event_in_order,
    event_data,
    pieced_chunks,
    totals_of,
)
from recoupe.scale.partition import universe
from tests.conftest import generate_corpus

ROOT = Path(__file__).resolve().parents[2]

# (format, options) pairs held to byte identity; each format that learns to come in pieces adds its own
PIECED = [
    ("json", {}),
    ("concise", {}),
    ("concise", {"min_severity": "warning"}),
    ("github", {}),
    ("text", {}),
    ("text", {"color": True}),
    ("text", {"width": 60, "show_info": True}),
    ("text", {"color": True, "width": 140, "show_suppressed": True, "show_info": True}),
    ("text", {"min_severity": "warning"}),
    ("text", {"min_severity": "error", "show_suppressed": True}),
    ("junit", {}),
    ("claimreview", {}),
    ("claimreview", {"review_url": "https://example.org/checks", "review_author": "Desk « Vérif »"}),
    ("sarif", {}),
    ("sarif", {"sarif_level": "info"}),
    ("sarif", {"sarif_level": "error"}),
    ("markdown", {}),
    ("markdown", {"max_chars": None}),
    ("markdown", {"max_chars": 3000}),
]


@pytest.fixture(scope="module")
def seed() -> ReportData:
    settings = load_settings(ROOT / "pyproject.toml")
    return api.check([ROOT / "claims"], settings)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """1,500 claims over 12 events of 4 sources (the benchmarks' generator): pieces of many events,
    some with no finding of a kind, every severity."""
    out = generate_corpus(tmp_path_factory.mktemp("generated"), 12, 1500, "jsonl", seed=11).parent
    settings = load_settings(out / "recoupe.toml")
    return api.check([out / "claims.jsonl"], settings.model_copy(update={"cache": False}))


def _events(data: ReportData) -> list[str]:
    return sorted(set(universe(data.corpus)) | {f.event for f in data.findings})


def _same(fmt: str, options: dict[str, object], data: ReportData) -> tuple[bytes, bytes]:
    """The report from pieces and the whole report, of `data`."""
    reporter = get_reporter(fmt, root=ROOT, **options)
    assert isinstance(reporter, Pieced)
    return b"".join(pieced_chunks(reporter, data, _events(data))), b"".join(reporter.chunks(data))


def _suppressed(seed: ReportData, every: int) -> ReportData:
    """The seed run with every `every`th finding waived and the next one baselined (errors and
    warnings among them), two baseline entries left over, failing at warning."""
    findings = list(seed.findings)
    for i in range(0, len(findings), every):
        findings[i] = findings[i].with_suppression(Suppression("waiver", f"checked by hand ({i})"))
        if i + 1 < len(findings):
            findings[i + 1] = findings[i + 1].with_suppression(Suppression("baseline", "known"))
    baselined = sum(1 for f in findings if f.suppressed is not None and f.suppressed.kind == "baseline")
    return ReportData(
        findings,
        seed.corpus,
        seed.rules,
        fail_on="warning",
        baselined=baselined,
        baseline_unmatched=2,
        in_order=True,
    )


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
    assert len(events) == 12 and {f.severity.value for f in generated.findings} == {
        "error",
        "warning",
        "info",
    }
    reporter = get_reporter(fmt, root=ROOT, **options)
    assert isinstance(reporter, Pieced)
    whole = b"".join(reporter.chunks(generated))
    assert b"".join(pieced_chunks(reporter, generated, events)) == whole


@pytest.mark.parametrize(("fmt", "options"), PIECED, ids=[f"{f}-{o}" for f, o in PIECED])
def test_pieces_of_a_run_without_findings(seed: ReportData, fmt: str, options: dict[str, object]) -> None:
    empty = ReportData([], seed.corpus, seed.rules)
    reporter = get_reporter(fmt, root=ROOT, **options)
    assert b"".join(pieced_chunks(reporter, empty, _events(empty))) == b"".join(reporter.chunks(empty))


@pytest.mark.parametrize(("fmt", "options"), PIECED, ids=[f"{f}-{o}" for f, o in PIECED])
def test_pieces_of_a_run_with_waived_and_baselined_findings(
    seed: ReportData, generated: ReportData, fmt: str, options: dict[str, object]
) -> None:
    some = _suppressed(seed, 3)
    assert some.summary()["suppressed"] == {"waived": 23, "baselined": 22}
    every = _suppressed(seed, 2)  # every finding waived or baselined: nothing counts
    assert every.summary()["findings"] == 0
    many = _suppressed(generated, 3)  # twelve events
    assert many.summary()["suppressed"] == {"waived": 417, "baselined": 417}
    for data in (some, every, many):
        from_pieces, whole = _same(fmt, options, data)
        assert from_pieces == whole


@pytest.mark.parametrize(("fmt", "options"), PIECED, ids=[f"{f}-{o}" for f, o in PIECED])
def test_pieces_kept_as_json_give_the_same_report(
    seed: ReportData, fmt: str, options: dict[str, object]
) -> None:
    """A piece's meta is cached as JSON (never pickled): the report from pieces read back is the same."""
    reporter = get_reporter(fmt, root=ROOT, **options)
    assert isinstance(reporter, Pieced)
    data = _suppressed(seed, 4)
    groups = by_event_in_order(data.ordered())
    pieces = [reporter.piece(event_data(data, e, groups.get(e, [])), e) for e in _events(data)]
    kept = [json.dumps([p.event, p.body.decode("utf-8"), p.meta]) for p in pieces]
    back = (Piece(e, body.encode("utf-8"), meta) for e, body, meta in map(json.loads, kept))
    assert b"".join(reporter.assemble(totals_of(data), back)) == b"".join(reporter.chunks(data))


@pytest.mark.parametrize(
    ("fail_on", "failing_cases", "failures"),
    [("error", 44, 44), ("warning", 72, 92), ("info", 368, 750), ("never", 0, 0)],
)
def test_junit_pieces_at_every_fail_on(
    generated: ReportData, fail_on: str, failing_cases: int, failures: int
) -> None:
    data = _suppressed(generated, 5)
    data.fail_on = fail_on
    from_pieces, whole = _same("junit", {}, data)
    assert from_pieces == whole
    head = f'<testsuites name="recoupe" tests="441" failures="{failing_cases}" errors="0" skipped="0">'
    assert whole.split(b"\n")[1].decode() == head
    assert (whole.count(b"<testsuite "), whole.count(b"<failure ")) == (12, failures)


def test_junit_pieces_of_two_corpora_in_turn(seed: ReportData, generated: ReportData) -> None:
    """A reporter that made pieces of one corpus makes those of the next from the next's claims."""
    reporter = get_reporter("junit")
    assert isinstance(reporter, Pieced)
    for data in (seed, generated, seed):
        assert b"".join(pieced_chunks(reporter, data, _events(data))) == b"".join(reporter.chunks(data))


def test_junit_suites_are_laid_out_as_et_indent_lays_out_the_document(generated: ReportData) -> None:
    """Each suite, laid out apart, stands in the report as ET.indent lays out the whole document."""
    report = b"".join(get_reporter("junit").chunks(generated))
    root = ET.fromstring(report)
    for e in root.iter():  # the layout read back is dropped, then made again over the whole tree
        e.text = e.text if e.text and e.text.strip() else None
        e.tail = e.tail if e.tail and e.tail.strip() else None
    ET.indent(root, space="  ")
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    assert report == declaration + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
    assert len(root) == 12


def test_junit_suites_through_a_temporary_file(
    generated: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Suites past what is kept in memory wait on disk, read back in blocks: the same report."""
    from recoupe.reporters import junit

    reporter = get_reporter("junit")
    assert isinstance(reporter, Pieced)
    in_memory = b"".join(reporter.chunks(generated))
    monkeypatch.setattr(junit, "_SPOOL_MEMORY", 1000)
    monkeypatch.setattr(junit, "_BLOCK", 333)
    assert b"".join(reporter.chunks(generated)) == in_memory
    assert b"".join(pieced_chunks(reporter, generated, _events(generated))) == in_memory


def test_junit_reporter_sent_to_a_worker_takes_no_corpus(seed: ReportData) -> None:
    reporter = get_reporter("junit")
    assert isinstance(reporter, Pieced)
    whole = b"".join(reporter.chunks(seed))
    assert b"".join(pieced_chunks(reporter, seed, _events(seed))) == whole
    sent = pickle.loads(pickle.dumps(reporter))
    assert vars(sent) == {"_last": None}
    assert b"".join(pieced_chunks(sent, seed, _events(seed))) == whole


def test_claimreview_batches_give_the_same_list(
    generated: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoupe.reporters import claimreview

    reporter = get_reporter("claimreview")
    whole = b"".join(reporter.chunks(generated))
    assert whole.count(b'"@type": "ClaimReview"') == 143  # the errors and warnings
    monkeypatch.setattr(claimreview, "_BATCH", 7)
    assert b"".join(reporter.chunks(generated)) == whole


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
