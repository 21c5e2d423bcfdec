"""The html report past a few megabytes: an index page with the events' counts, and a page per event."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Runner, generate_corpus

CHROMIUM = Path("/usr/bin/chromium")


def generated(out: Path, claims: int, events: int) -> Path:
    return generate_corpus(out, events, claims)


def test_a_large_report_is_an_index_and_a_page_per_event(run: Runner, tmp_path: Path) -> None:
    from recoupe.reporters.html_folder import page_name

    corpus = generated(tmp_path / "corpus", 600, 5)
    stale = tmp_path / "report_files" / "e00099.html"  # left by an earlier run
    stale.parent.mkdir()
    stale.write_text("old", "utf-8")
    result = run(
        "check",
        str(corpus),
        "--no-cache",
        "--html-split",
        "0.1",  # 100 KiB: past it at 600 claims
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
    events = sorted({f["event"] for f in report["findings"]})
    assert len(events) == 5
    pages = sorted(p.name for p in (tmp_path / "report_files").iterdir())
    assert pages == sorted(page_name(e) for e in events)  # one per event, the stale one gone
    index = (tmp_path / "report.html").read_text("utf-8")
    rows = re.findall(
        r'<tr><td><a href="report_files/([^"]+\.html)">([^<]+)</a>.*?'
        r'<td class="n error[^"]*">(\d+)</td>\s*<td class="n warning[^"]*">(\d+)</td>',
        index,
        re.S,
    )
    assert [(page, label) for page, label, _, _ in rows] == [(page_name(e), e) for e in events]
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
    # its claims' panels and its charts are there: a <template> per claim, an SVG chart per group
    assert first.count('<template id="info-c') == 120 and '<figure class="chart"' in first
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left


def test_html_split_0_always_makes_a_folder_and_a_large_one_a_page(run: Runner, tmp_path: Path) -> None:
    corpus = generated(tmp_path / "corpus", 200, 2)
    assert run("check", str(corpus), "--no-cache", "--html-split", "0", "--output", "a.html").exit_code == 1
    assert len(list((tmp_path / "a_files").iterdir())) == 2
    assert "one page per event" in (tmp_path / "a.html").read_text("utf-8")
    (tmp_path / "recoupe.toml").write_text("html-split-mib = 0\n", "utf-8")
    assert run("check", str(corpus), "--no-cache", "--output", "b.html").exit_code == 1
    assert len(list((tmp_path / "b_files").iterdir())) == 2
    # the command line wins over the config; 1000 MiB: one page
    assert (
        run("check", str(corpus), "--no-cache", "--html-split", "1000", "--output", "c.html").exit_code == 1
    )
    assert (tmp_path / "c.html").read_text("utf-8").count('<section class="event"') == 2
    assert not (tmp_path / "c_files").exists()


def test_a_bad_html_split_is_located_and_exits_2(run: Runner, tmp_path: Path) -> None:
    corpus = generated(tmp_path / "corpus", 200, 2)
    result = run("check", str(corpus), "--html-split", "-1", "--output", "a.html")
    assert result.exit_code == 2
    assert "Invalid value for '--html-split': -1.0 is not in the range x>=0." in result.stderr
    (tmp_path / "recoupe.toml").write_text('cache = false\nhtml-split-mib = "big"\n', "utf-8")
    result = run("check", str(corpus), "--output", "b.html")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'recoupe.toml'}:2: input should be a valid number, unable to parse string as a "
        "number (got 'big') at /html-split-mib [type]",
        "1 problem found",
    ]
    assert not (tmp_path / "a.html").exists() and not (tmp_path / "a_files").exists()


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
    assert len(list((tmp_path / "report_files").glob("*.html"))) == 375
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
