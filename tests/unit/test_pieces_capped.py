"""The capped formats (SARIF, Markdown) made event by event: where their limits bite, across many
events, the pieces (cached as JSON) still give the very bytes of the whole report."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from recoupe import api
from recoupe.config import load_settings
from recoupe.findings import INPUT_CODE, ClaimRef, Finding, Severity, Suppression
from recoupe.reporters import get_reporter
from recoupe.reporters.base import ReportData
from recoupe.reporters.capped import Capped
from recoupe.reporters.pieces import Piece, Pieced, by_event_in_order, event_data, totals_of
from recoupe.scale.partition import universe
from tests.unit.test_reporters import sarif_errors

ROOT = Path(__file__).resolve().parents[2]
EVENTS = 40


@pytest.fixture(scope="module")
def many() -> ReportData:
    """The bundled run's 67 findings copied into 40 more events, some made errors, some waived; a plugin's
    code (not among the rules) on one info finding of a late event, and an input error in another."""
    seed = api.check([ROOT / "claims"], load_settings(ROOT / "pyproject.toml"))
    findings = list(seed.findings)
    for i in range(EVENTS):
        for j, f in enumerate(seed.findings):
            findings.append(
                f._replace(
                    event=f"e{i:02d}",
                    severity=Severity.ERROR if (i + j) % 6 == 0 else f.severity,
                    fingerprint=f"{f.fingerprint}-{i}",
                    suppressed=Suppression("waiver", "w") if (i * 3 + j) % 11 == 0 else None,
                )
            )
    late = next(f for f in seed.findings if f.severity is Severity.INFO)
    findings.append(late._replace(event="e31", code="PLG900", name="plugin.late", fingerprint="p"))
    bad = ClaimRef("", "", "claims/e12/x.yaml", 3, "", "")
    findings.append(
        Finding(INPUT_CODE, "input.invalid", Severity.ERROR, "input", "e12", "", "", "bad", (bad,))
    )
    return ReportData(
        findings, seed.corpus, seed.rules, extra={"changed_since": "HEAD~1", "changed_claims": 9}
    )


def _events(data: ReportData) -> list[str]:
    return sorted(set(universe(data.corpus)) | {f.event for f in data.findings})


def _pieced(reporter: Pieced, data: ReportData) -> bytes:
    """The report from pieces whose meta went through JSON, as the cache stores it."""
    groups = by_event_in_order(data.ordered())

    def pieces() -> Iterator[Piece]:
        for e in _events(data):
            p = reporter.piece(event_data(data, e, groups.get(e, [])), e)
            yield Piece(p.event, p.body, json.loads(json.dumps(p.meta)))

    return b"".join(reporter.assemble(totals_of(data), pieces()))


def _both(fmt: str, data: ReportData, **options: object) -> bytes:
    reporter = get_reporter(fmt, root=ROOT, **options)
    assert isinstance(reporter, Pieced)
    whole = b"".join(reporter.chunks(data))
    assert _pieced(reporter, data) == whole
    return whole


def _count(data: ReportData, *levels: Severity) -> int:
    return sum(1 for f in data.findings if f.severity in levels)


@pytest.mark.parametrize(
    ("level", "limit"), [("error", 400), ("warning", 400), ("warning", 600), ("info", 600), ("info", 1000)]
)
def test_sarif_pieces_past_the_result_limit(
    many: ReportData, level: str, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recoupe.reporters import sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", limit)
    run = json.loads(_both("sarif", many, sarif_level=level))["runs"][0]
    assert sarif_errors({"version": "2.1.0", "runs": [run]}) == []
    counts = {s: _count(many, s) if s.at_least(level) else 0 for s in Severity}
    assert counts[Severity.ERROR] == 448  # more than 400: errors alone fill that limit
    levels = [r["level"] for r in run["results"]]
    first = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    assert levels == [sarif.LEVEL[s] for s in first for _ in range(counts[s])][:limit]
    below = len(many.findings) - sum(counts.values())
    over = sum(counts.values()) - len(levels)
    assert over > 0
    assert run["properties"]["omitted"] == {"belowLevel": below, "overLimits": over}
    assert run["properties"]["partial"] == {"changedSince": "HEAD~1", "changedClaims": 9}
    # a code no rule has gets its descriptor, whether or not its finding is at the level
    assert [r["id"] for r in run["tool"]["driver"]["rules"][-2:]] == [INPUT_CODE, "PLG900"]


def test_sarif_pieces_past_the_gzip_budget(many: ReportData, monkeypatch: pytest.MonkeyPatch) -> None:
    from recoupe.reporters import sarif

    monkeypatch.setattr(sarif, "RESULTS_GZIP_BUDGET", 30_000)
    monkeypatch.setattr(sarif, "_ESTIMATE_BATCH", 7)
    run = json.loads(_both("sarif", many, sarif_level="info"))["runs"][0]
    assert sarif_errors({"version": "2.1.0", "runs": [run]}) == []
    results = run["results"]
    # whole batches of errors (the count depends on zlib's build, the batching does not)
    assert len(results) % 7 == 0 and 0 < len(results) < 448
    assert {r["level"] for r in results} == {"error"}
    assert run["properties"]["omitted"] == {"belowLevel": 0, "overLimits": len(many.findings) - len(results)}
    # the artifacts are those the results kept name, each at the index the results give it
    named = {
        loc["physicalLocation"]["artifactLocation"]["index"]: loc["physicalLocation"]["artifactLocation"][
            "uri"
        ]
        for r in results
        for loc in [*r.get("locations", []), *r.get("relatedLocations", [])]
    }
    assert named == {i: a["location"]["uri"] for i, a in enumerate(run["artifacts"])}


# (1800, 3000 and 5300 cut where an event could not keep an error whose prefix, in that event
# alone, passed the limit, though a later event had one short enough to fit)
@pytest.mark.parametrize("max_chars", [0, 300, 1800, 3000, 5300, 9000, 30_000, 120_000, 10_000_000, None])
def test_markdown_pieces_within_the_comment_limit(many: ReportData, max_chars: int | None) -> None:
    out = _both("markdown", many, max_chars=max_chars).decode("utf-8")
    lines = out.splitlines()
    errors = sum(1 for line in lines if line.startswith("**error** `"))
    warnings = sum(1 for line in lines if line.startswith("**warning** `"))
    infos = sum(1 for line in lines if line.startswith("- `"))
    active = len(many.active)
    if max_chars is not None and max_chars < 1000:  # the summary alone does not fit: no finding does
        assert errors + warnings + infos == 0
    elif max_chars is not None:
        assert len(out) <= max_chars
    if warnings:  # errors first, across all events
        assert errors == sum(1 for f in many.active if f.severity is Severity.ERROR)
    if errors + warnings + infos < active:
        left = active - errors - warnings - infos
        assert (
            lines[-1]
            == f"_{left} more findings not shown: the comment would be too long. See the full report._"
        )
    else:
        assert max_chars is None or max_chars >= 120_000
        assert lines[-1] == "</details>"


def test_capped_keeps_the_longest_prefix_that_fits() -> None:
    """Whatever the levels and weights, and however they are cut into events, what is kept is the
    longest prefix in show order (level, then arrival) within the budget, and nothing more."""
    rng = random.Random(17)
    for _ in range(300):
        budget = rng.randrange(0, 60)
        items = [(rng.randrange(3), i, rng.randrange(1, 9)) for i in range(rng.randrange(0, 40))]
        prefix, total = [], 0
        for _, i, weight in sorted(items):
            total += weight
            if total > budget:
                break
            prefix.append(i)
        weights = {i: w for _, i, w in items}
        merged: Capped[int] = Capped(budget)
        cuts = sorted(rng.sample(range(len(items) + 1), min(3, len(items) + 1)))
        for start, end in zip([0, *cuts], [*cuts, len(items)], strict=True):
            local: Capped[int] = Capped(budget + rng.randrange(0, 20))  # an event knows only a bound
            for level, i, weight in items[start:end]:
                local.add(level, i, weight)
            merged.merge(json.loads(json.dumps(local.to_json())), lambda _, i, w=weights: (i, w[i]))
        assert list(merged.items()) == prefix
        assert merged.weight <= budget
