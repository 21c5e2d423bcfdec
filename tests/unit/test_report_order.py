"""Report order: api.check hands findings over sorted, so reporters do not sort them again."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from recoupe import api
from recoupe.config import load_settings
from recoupe.findings import sort_key
from recoupe.reporters import get_reporter
from recoupe.reporters.base import ReportData
from tests.conftest import ROOT, SEED


@pytest.fixture(scope="module")
def checked() -> ReportData:
    return api.check([SEED], load_settings(ROOT))


def test_check_returns_findings_in_report_order(checked: ReportData) -> None:
    assert checked.in_order
    assert len(checked.findings) > 50
    assert checked.findings == sorted(checked.findings, key=sort_key)
    assert checked.ordered() is checked.findings


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "html", "text", "markdown"])
def test_shuffled_findings_report_the_same(checked: ReportData, fmt: str) -> None:
    """Findings in any order (not flagged in order) give the very report of the sorted ones."""
    shuffled = list(checked.findings)
    random.Random(7).shuffle(shuffled)
    assert shuffled != checked.findings
    other = ReportData(shuffled, checked.corpus, checked.rules, fail_on=checked.fail_on)
    assert not other.in_order
    reporter = get_reporter(fmt, color=False, width=100, root=Path("."), show_suppressed=False)
    assert b"".join(reporter.chunks(other)) == b"".join(reporter.chunks(checked))


def test_summary_counts_only_what_counts(checked: ReportData) -> None:
    """The one-pass summary against a plain recount, with a waived and a baselined finding."""
    from recoupe.findings import Severity, Suppression

    findings = list(checked.findings)
    warning = next(i for i, f in enumerate(findings) if f.severity is Severity.WARNING)
    info = next(i for i, f in enumerate(findings) if f.severity is Severity.INFO)
    findings[warning] = findings[warning].with_suppression(Suppression("waiver", "checked by hand"))
    findings[info] = findings[info].with_suppression(Suppression("baseline", "known"))
    data = ReportData(findings, checked.corpus, checked.rules, fail_on="warning", baselined=1, in_order=True)
    active = [f for f in findings if f.suppressed is None]
    s = data.summary()
    assert s["findings"] == len(active) == len(findings) - 2
    assert s["by_severity"] == {v: sum(f.severity == v for f in active) for v in ("error", "warning", "info")}
    recount = {c: sum(f.category == c for f in active) for c in {f.category for f in findings}}
    assert s["by_category"] == {c: n for c, n in recount.items() if n}
    assert s["suppressed"] == {"waived": 1, "baselined": 1}
    assert s["failing"] == len(data.failing()) == s["by_severity"]["error"] + s["by_severity"]["warning"]
    assert s["failing"] > 0
