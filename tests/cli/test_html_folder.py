"""The html report past a few megabytes: an index page with the events' counts, and a page per event."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Runner

CHROMIUM = Path("/usr/bin/chromium")


def generated(out: Path, claims: int, events: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate(out, events, 4, claims, "jsonl", seed=3)
    return out / "claims.jsonl"


def test_a_large_report_is_an_index_and_a_page_per_event(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoupe.reporters import html_folder

    corpus = generated(tmp_path / "corpus", 600, 5)
    monkeypatch.setattr(html_folder, "SPLIT_BYTES", 100_000)
    stale = tmp_path / "report_files" / "e00099.html"  # left by an earlier, larger run
    stale.parent.mkdir()
    stale.write_text("old", "utf-8")
    result = run(
        "check",
        str(corpus),
        "--no-cache",
        "--format",
        "html",
        "--output",
        "report.html",
        "--format",
        "json",
        "--output",
        "report.json",
    )
    assert result.exit_code == 1
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    pages = sorted(p.name for p in (tmp_path / "report_files").iterdir())
    assert pages == [f"e{n:05d}.html" for n in range(1, 6)]  # one per event, the stale one gone
    index = (tmp_path / "report.html").read_text("utf-8")
    rows = re.findall(
        r'<tr><td><a href="report_files/(e\d+\.html)">([^<]+)</a>.*?'
        r'<td class="n error[^"]*">(\d+)</td>\s*<td class="n warning[^"]*">(\d+)</td>',
        index,
        re.S,
    )
    events = sorted({f["event"] for f in report["findings"]})
    assert sorted(label for _, label, _, _ in rows) == events  # in the corpus's order; sortable
    for _, event, errors, warnings in rows:  # each row's counts are its event's
        mine = [f for f in report["findings"] if f["event"] == event and f["suppressed"] is None]
        assert (int(errors), int(warnings)) == (
            sum(f["severity"] == "error" for f in mine),
            sum(f["severity"] == "warning" for f in mine),
        )
    assert sum(int(e) for _, _, e, _ in rows) == report["summary"]["by_severity"]["error"]
    first = (tmp_path / "report_files" / rows[0][0]).read_text("utf-8")
    others = [e for e in events if e != rows[0][1]]
    assert rows[0][1] in first and not any(e in first for e in others)  # the page of one event, alone
    assert 'src="http' not in first and "<link" not in first  # self-contained: loads nothing


def test_a_small_report_stays_one_page(run: Runner, tmp_path: Path) -> None:
    corpus = generated(tmp_path / "corpus", 200, 2)
    assert run("check", str(corpus), "--no-cache", "--output", "report.html").exit_code == 1
    assert (tmp_path / "report.html").read_text("utf-8").count('<section class="event"') == 2
    assert not (tmp_path / "report_files").exists()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium to run it")
def test_the_index_of_a_60000_claim_report_opens_in_headless_chromium(run: Runner, tmp_path: Path) -> None:
    corpus = generated(tmp_path / "corpus", 60_000, 375)
    result = run("check", str(corpus), "--no-cache", "--format", "html", "--output", "report.html")
    assert result.exit_code == 1
    assert len(list((tmp_path / "report_files").glob("e*.html"))) == 375
    shot = tmp_path / "index.png"
    done = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1200,900",
            f"--screenshot={shot}",
            (tmp_path / "report.html").as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 900)
    assert len(png) > 20_000  # a page with a table drawn, not a blank one
    shutil.rmtree(tmp_path / "report_files")  # (200 MB: not left in /tmp)
