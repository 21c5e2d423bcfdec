"""The bundled corpus's JSON report, byte for byte: refactors must not change what users get.

When a change means to alter the report, regenerate the file with
`recoupe check claims/ --format json --output tests/golden/seed-report.json` from the repository
root, and let the diff show the review what changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "seed-report.json"


def test_seed_json_report_is_unchanged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)  # the project's own recoupe config, as `recoupe check claims/` reads it
    out = tmp_path / "report.json"
    result = Runner()("check", "claims/", "--no-cache", "--format", "json", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == GOLDEN.read_bytes()
