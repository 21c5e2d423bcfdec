"""The html folder made event by event, as a run over parts makes it (each part's events rendered by a
reporter of its own from that part's corpus, the pieces' meta through JSON, the parts' counts merged),
is the folder of the whole run file for file, byte for byte; and a write that fails leaves the last
report as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from recoupe import api
from recoupe.config import load_settings
from recoupe.corpus import Corpus
from recoupe.reporters import get_reporter
from recoupe.reporters.base import ReportData
from recoupe.reporters.html import HtmlReporter
from recoupe.reporters.html_folder import events_of, page_name
from recoupe.reporters.pieces import Piece, Pieced, Tally, Totals, by_event_in_order, event_data, totals_of
from recoupe.scale.partition import split
from tests.conftest import ROOT, generate_corpus


@pytest.fixture(scope="module")
def seed() -> ReportData:
    return api.check([ROOT / "claims"], load_settings(ROOT / "pyproject.toml", cache=False))


@pytest.fixture(scope="module")
def thousands(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """4,000 claims over 25 events of 4 sources (the benchmarks' generator)."""
    out = tmp_path_factory.mktemp("generated")
    corpus = generate_corpus(out, 25, 4000, "yaml", seed=7)
    return api.check([corpus], load_settings(out, cache=False))


def _part(corpus: Corpus, events: list[str]) -> Corpus:
    """What a worker loads for these events: their claims, and the sources they need."""
    wanted = set(events)
    claims = [c for c in corpus.claims if c.event in wanted]
    named = {sid for sid, s in corpus.sources.items() if s.event in wanted} | {c.source for c in claims}
    return Corpus(
        events={e: ev for e, ev in corpus.events.items() if e in wanted},
        sources={sid: s for sid, s in corpus.sources.items() if sid in named},
        claims=claims,
    )


def over_parts(data: ReportData, parts: int, split_bytes: float | None) -> tuple[Totals, list[Piece]]:
    groups = by_event_in_order(data.ordered())
    merged = Tally()
    pieces: list[Piece] = []
    for names in split(data.corpus, events_of(data), parts):
        corpus = _part(data.corpus, names)
        # a source counts in its own event's part (another may load it for its claims)
        mine = [s for s in corpus.sources.values() if s.event in names]
        tally = Tally(
            events=len(corpus.events),
            sources=len(mine),
            claims=len(corpus.claims),
            text_chars=sum(len(s.text or "") for s in mine),
        )
        worker = HtmlReporter(split_bytes=split_bytes)
        whole = ReportData([], corpus, data.rules, fail_on=data.fail_on, version=data.version)
        for e in names:
            tally.add_findings(groups.get(e, []))
            p = worker.piece(event_data(whole, e, groups.get(e, [])), e)
            pieces.append(Piece(p.event, p.body, json.loads(json.dumps(p.meta))))  # (cached as JSON)
        merged.merge(Tally.from_json(tally.to_json()))
    assert merged == totals_of(data).tally
    return Totals(merged, data.rules, fail_on=data.fail_on, version=data.version), pieces


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("corpus", ["seed", "thousands"])
def test_the_folder_from_pieces_is_the_whole_runs(
    corpus: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    data: ReportData = request.getfixturevalue(corpus)
    # the bundled corpus is one small page unless asked; 4,000 claims are past the default 8 MiB
    split_bytes = 0 if corpus == "seed" else None
    reporter = get_reporter("html", split_bytes=split_bytes)
    assert isinstance(reporter, HtmlReporter) and isinstance(reporter, Pieced)
    reporter.write(data, tmp_path / "whole" / "report.html")
    whole = files(tmp_path / "whole")
    events = events_of(data)
    assert sorted(whole) == sorted(["report.html", *(f"report_files/{page_name(e)}" for e in events)])
    assert len(events) == {"seed": 1, "thousands": 25}[corpus]
    totals, pieces = over_parts(data, 3, split_bytes)
    assert reporter.in_folder(totals)
    reporter.write_pieces(totals, iter(pieces), tmp_path / "parts" / "report.html")
    assert files(tmp_path / "parts") == whole
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == ["report.html", "report_files"]


def test_the_default_split_is_decided_from_the_counts(seed: ReportData, thousands: ReportData) -> None:
    reporter = HtmlReporter()
    assert not reporter.in_folder(totals_of(seed))
    assert reporter.in_folder(totals_of(thousands))
    big = totals_of(seed)
    big.tally.text_chars = 9 * 2**20  # texts alone past 8 MiB
    assert reporter.in_folder(big)
    assert HtmlReporter(split_bytes=0).in_folder(Totals(Tally(), []))  # 0: a folder even when empty


def test_a_single_page_is_not_made_from_pieces(seed: ReportData, tmp_path: Path) -> None:
    reporter = HtmlReporter()
    with pytest.raises(ValueError, match="one page, which is not made from pieces"):
        reporter.write_pieces(totals_of(seed), iter([]), tmp_path / "report.html")
    with pytest.raises(ValueError, match="a folder: give `into`"):
        reporter.assemble(totals_of(seed), iter([]))
    assert list(tmp_path.iterdir()) == []


def test_a_write_that_fails_leaves_the_last_report(
    thousands: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoupe import outfile
    from recoupe.errors import InputError

    reporter = HtmlReporter()
    index = tmp_path / "report.html"
    reporter.write(thousands, index)
    before = files(tmp_path)
    totals, pieces = over_parts(thousands, 2, None)

    def failing() -> Iterator[Piece]:
        yield from pieces[:3]
        raise RuntimeError("a worker died")

    with pytest.raises(RuntimeError, match="a worker died"):
        reporter.write_pieces(totals, failing(), index)
    assert files(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report_files"]  # no temporary

    def full(path: Path, data: object) -> None:
        raise outfile.write_failed(path, "No space left on device")

    # the index fails once the new folder is in place: the old one is put back
    monkeypatch.setattr(outfile, "write_atomic", full)
    with pytest.raises(InputError) as failed:
        reporter.write_pieces(totals, iter(pieces[:2]), index)
    assert failed.value.problems[0].message == "cannot write: No space left on device"
    assert files(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report_files"]


def test_page_names_come_from_the_event_alone() -> None:
    assert page_name("melilla-2022-06-24") == "melilla-2022-06-24-c13584a1.html"
    # a file system that ignores case, or refuses ':', still gets one file per event
    names = {page_name(e) for e in ("Melilla:2022", "melilla:2022", "melilla-2022")}
    assert len(names) == 3 and all(n.startswith("melilla-2022-") for n in names)
