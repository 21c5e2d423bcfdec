"""Claims under review (`review: true`): an info finding, and a failing run only when asked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Runner, write

CLAIMS = """
- {id: place, slot: place, value: Rabat, quote: à Rabat, review: true}
- {id: date, slot: date, value: ce lundi, quote: ce lundi}
"""


def test_claims_under_review_are_an_info_finding_that_fails_only_when_asked(
    run: Runner, make_source: Callable[..., Path], tmp_path: Path
) -> None:
    make_source(CLAIMS)
    result = run("check", "claims", "--format", "json")
    assert result.exit_code == 0, result.output
    [finding] = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "REV001"]
    assert (finding["severity"], finding["category"]) == ("info", "review")
    assert [c["claim"] for c in finding["claims"]] == ["place"]
    assert finding["message"] == "src has 1 claim drafted and still under review: place"
    assert run("check", "claims", "--fail-on", "info").exit_code == 1
    write(tmp_path / "recoupe.toml", '[severity]\nREV001 = "error"\n')
    assert run("check", "claims").exit_code == 1
    make_source(CLAIMS.replace(", review: true", ""))
    assert run("check", "claims").exit_code == 0
