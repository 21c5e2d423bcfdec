"""`recoupe check` end to end: the seed corpus's findings, exit codes, baselines, diff-aware runs, cache."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEED, Runner, cache_stats

SEED_REGISTRY = ROOT / "vocab" / "seed-entities.yaml"


def project(tmp_path: Path, corpus: Path | None = None) -> Path:
    """A project folder like the repository's: claims/, the seed registry, and a recoupe.toml."""
    dest = tmp_path / "proj"
    shutil.copytree(corpus or SEED, dest / "claims" / SEED.name)
    (dest / "vocab").mkdir()
    shutil.copy(SEED_REGISTRY, dest / "vocab" / "seed-entities.yaml")
    (dest / "recoupe.toml").write_text(
        'paths = ["claims"]\nregistries = ["vocab/seed-entities.yaml"]\n', "utf-8"
    )
    return dest


def findings(run: Runner, *args: str) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    result = run("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    return result.exit_code, report["findings"], report["summary"]


def refs(f: dict[str, Any]) -> list[str]:
    return [f"{c['source']}/{c['claim']}" for c in f["claims"]]


def pick(found: list[dict[str, Any]], code: str, slot: str, subject: str = "") -> list[dict[str, Any]]:
    return [f for f in found if f["code"] == code and f["slot"] == slot and f["subject"] == subject]


@pytest.fixture
def seed(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dest = project(tmp_path)
    monkeypatch.chdir(dest)
    return dest


def test_seed_instrument_is_less_specific_not_a_contradiction(run: Runner, seed: Path) -> None:
    _, found, _ = findings(run)
    [less] = pick(found, "CMP002", "instrument")
    assert less["relation"] == "NARROWER"
    assert refs(less) == [
        "declaration-entente/instrument-declaration-entente",
        "declaration-entente/instrument-accord",
        "declaration-entente/instrument-convention",
        "declaration-entente/instrument-declaration-intention",
        "le360/instrument-cooperation",
        "le360/instrument-cooperation-bilaterale",
    ]
    assert less["message"].startswith(
        "declaration-entente is more precise than le360 (Le360) on the instrument of the event"
    )
    assert pick(found, "CMP004", "instrument") == []


def test_seed_offence_is_terminology_plus_less_specific(run: Runner, seed: Path) -> None:
    _, found, _ = findings(run)
    terms = pick(found, "TRM001", "offence")
    assert sorted(tuple(refs(f)) for f in terms) == [
        ("le360/offence-trafic-etres-humains",),
        ("le360/offence-trafic-personnes", "le360/offence-trafic-personnes-cooperation"),
    ]
    assert all(f["severity"] == "warning" for f in terms)
    assert all(
        "« traite des personnes » or « trafic illicite de migrants »" in f["suggestion"] for f in terms
    )
    [less] = pick(found, "CMP002", "offence")
    assert less["relation"] == "NARROWER"
    assert refs(less) == [
        "declaration-entente/offence-traite-etres-humains",
        "declaration-entente/offence-traite-etres-humains-declaration",
        "declaration-entente/offence-traite-personnes",
        "le360/offence-trafic-etres-humains",
        "le360/offence-trafic-personnes",
        "le360/offence-trafic-personnes-cooperation",
    ]
    assert pick(found, "CMP004", "offence") == []


def test_seed_intra_source_instrument_names(run: Runner, seed: Path) -> None:
    _, found, _ = findings(run)
    [intra] = pick(found, "INT001", "instrument")
    assert (intra["severity"], intra["relation"]) == ("warning", "OVERLAP")
    assert refs(intra) == [
        "declaration-entente/instrument-declaration-entente",
        "declaration-entente/instrument-accord",
        "declaration-entente/instrument-convention",
        "declaration-entente/instrument-declaration-intention",
    ]


def test_seed_place_agrees(run: Runner, seed: Path) -> None:
    _, found, _ = findings(run)
    [agree] = pick(found, "CMP001", "place")
    assert agree["relation"] == "EQUAL"
    assert refs(agree) == [
        "declaration-entente/place-rabat",
        "declaration-entente/place-rabat-ceremonie",
        "le360/place-rabat",
        "le360/place-rabat-2",
    ]


def test_seed_date_relation_with_and_without_publication_date(run: Runner, seed: Path) -> None:
    # The second article gives no date: its « ce lundi » is some Monday, broader than 1 August 2022.
    _, found, _ = findings(run)
    [less] = pick(found, "CMP002", "date")
    assert less["relation"] == "BROADER"
    assert refs(less) == [
        "declaration-entente/date-ce-lundi",
        "le360/date-lundi-1er-aout-2022",
        "le360/date-lundi-1er-aout-2022-2",
    ]
    assert pick(found, "CMP001", "date") == []
    # Were it known to be published that Monday, the two would agree.
    src = seed / "claims" / SEED.name / "declaration-entente.yaml"
    src.write_text(
        src.read_text("utf-8").replace("kind: article\n", "kind: article\npublished: 2022-08-01\n", 1),
        "utf-8",
    )
    _, found, _ = findings(run)
    [agree] = pick(found, "CMP001", "date")
    assert agree["relation"] == "EQUAL"
    assert refs(agree) == refs(less)
    assert pick(found, "CMP002", "date") == []


def test_exit_codes(run: Runner, seed: Path) -> None:
    assert run("check").exit_code == 0  # the seed has warnings and info, no error
    assert run("check", "--fail-on", "warning").exit_code == 1
    assert run("check", "--fail-on", "info").exit_code == 1
    assert run("check", "--fail-on", "never").exit_code == 0
    assert run("check", "--format", "xml").exit_code == 2
    assert run("check", "--fail-on", "sometimes").exit_code == 2
    assert run("check", "nowhere").exit_code == 2
    bad = seed / "claims" / SEED.name / "le360.yaml"
    bad.write_text(bad.read_text("utf-8").replace("slot: place", "slot: plaec", 1), "utf-8")
    result = run("check")
    assert result.exit_code == 2
    assert "unknown slot 'plaec' (did you mean 'place'?)" in result.stderr
    assert "Traceback" not in result.output


def add_contradiction(seed: Path) -> None:
    src = seed / "claims" / SEED.name / "le360.yaml"
    src.write_text(
        src.read_text("utf-8")
        + "  - id: offence-smuggling\n    slot: offence\n    value: trafic illicite de migrants\n",
        "utf-8",
    )


def test_baseline_silences_known_findings_and_a_new_contradiction_fails(run: Runner, seed: Path) -> None:
    result = run("baseline", "create", "--reason", "reviewed on 2026-11-23")
    assert result.exit_code == 0, result.output
    base = json.loads((seed / ".recoupe-baseline.json").read_text("utf-8"))
    assert base["reason"] == "reviewed on 2026-11-23"
    n = len(base["entries"])
    code, found, summary = findings(run, "--baseline", ".recoupe-baseline.json", "--fail-on", "warning")
    assert code == 0
    assert summary["findings"] == 0
    assert summary["suppressed"]["baselined"] == n
    assert all(f["suppressed"]["kind"] == "baseline" for f in found)

    add_contradiction(seed)
    code, found, summary = findings(run, "--baseline", ".recoupe-baseline.json")
    assert code == 1
    active = [f for f in found if f["suppressed"] is None]
    contradictions = [f for f in active if f["code"] == "CMP004"]
    # one disagreement, one finding: both of declaration-entente's wordings of the offence against it
    assert [(f["relation"], refs(f)) for f in contradictions] == [
        (
            "DISJOINT",
            [
                "declaration-entente/offence-traite-etres-humains",
                "declaration-entente/offence-traite-etres-humains-declaration",
                "declaration-entente/offence-traite-personnes",
                "le360/offence-smuggling",
            ],
        ),
    ]
    assert summary["by_severity"]["error"] == 1
    # le360 now mixes the ambiguous « trafic » with « trafic illicite de migrants »: new, so reported too
    assert [(f["code"], f["severity"]) for f in active if f["code"] != "CMP004"] == [("INT001", "info")]
    assert summary["baseline_unmatched"] == 0
    # once the new claim goes, every baselined finding is back and nothing new: the old entries all match
    src = seed / "claims" / SEED.name / "le360.yaml"
    src.write_text(src.read_text("utf-8").split("  - id: offence-smuggling")[0], "utf-8")
    code, found, summary = findings(run, "--baseline", ".recoupe-baseline.json", "--fail-on", "info")
    assert (code, summary["findings"], summary["baseline_unmatched"]) == (0, 0, 0)


def test_bad_baseline_is_a_located_error(run: Runner, seed: Path) -> None:
    (seed / "b.json").write_text(
        '{"version": "0.1.0", "created": "x", "entries": [{"code": "CMP001"}]}', "utf-8"
    )
    result = run("check", "--baseline", "b.json")
    assert result.exit_code == 2
    assert "b.json:1:" in result.stderr and "missing required field 'fingerprint'" in result.stderr


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        # not UTF-8 (a Latin-1 « é » in the reason): was an internal error
        (
            b'{"version": "0.1.0", "created": "x", "reason": "r\xe9vis\xe9", "entries": []}',
            "1:50",
            "not UTF-8 at byte 49 (0xE9) [encoding]",
        ),
        (
            b'{"version": "0.1.0",\n "created": "x\x00"}',
            "2:15",
            "not valid JSON: invalid control character [syntax]",
        ),
        (b'{"version": "0.1.0",\n "entries": [\n', "3:1", "not valid JSON: expecting value [syntax]"),
        (b"", "1:1", "not valid JSON: expecting value [syntax]"),
        # YAML would take the trailing comma; a .json file is held to JSON's grammar
        (
            b'{"version": "0.1.0", "created": "x", "entries": [],}',
            "1:52",
            "not valid JSON: expecting property name enclosed in double quotes [syntax]",
        ),
    ],
)
def test_a_baseline_that_is_not_json_is_a_located_error(
    run: Runner, seed: Path, content: bytes, where: str, message: str
) -> None:
    (seed / "b.json").write_bytes(content)
    result = run("check", "--baseline", "b.json")
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: b.json:{where}: {message}"
    ]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_since_reports_only_findings_on_changed_claims(run: Runner, seed: Path) -> None:
    git(seed, "init", "-q", "-b", "main")
    git(seed, "-c", "user.email=t@e", "-c", "user.name=t", "add", ".")
    git(seed, "-c", "user.email=t@e", "-c", "user.name=t", "commit", "-q", "-m", "seed")
    code, found, _ = findings(run, "--changed-since", "HEAD")
    assert (code, found) == (0, [])  # nothing changed
    add_contradiction(seed)
    code, found, _ = findings(run, "--changed-since", "HEAD")
    assert code == 1
    assert found and all("le360/offence-smuggling" in refs(f) for f in found)
    assert sorted(f["code"] for f in found) == ["CMP004", "INT001"]  # one disagreement, one finding
    result = run("check", "--changed-since", "no-such-ref")
    assert result.exit_code == 2
    assert "--changed-since" in result.stderr


def test_cache_is_reused_and_invalidated(run: Runner, seed: Path) -> None:
    from recoupe.api import check
    from recoupe.config import load_settings

    first = check(settings=load_settings(seed))
    assert first.extra["cache"] == cache_stats(2, 0, 2, 1, 0)
    second = check(settings=load_settings(seed))
    assert second.extra["cache"] == cache_stats(0, 2, 0, 0, 1)
    assert [f.fingerprint for f in second.findings] == [f.fingerprint for f in first.findings]
    assert [f.message for f in second.findings] == [f.message for f in first.findings]

    add_contradiction(seed)  # one file changes: only that one is parsed again
    third = check(settings=load_settings(seed))
    assert third.extra["cache"] == cache_stats(1, 1, 1, 1, 0)
    assert any(f.code == "CMP004" for f in third.findings)

    for entry in (seed / ".recoupe_cache").rglob("*.json"):  # a corrupt cache is ignored and rebuilt
        entry.write_bytes(b"garbage")
    fourth = check(settings=load_settings(seed))
    assert fourth.extra["cache"] == cache_stats(2, 0, 2, 1, 0)
    assert [f.fingerprint for f in fourth.findings] == [f.fingerprint for f in third.findings]

    text = seed / "claims" / SEED.name / "declaration-entente.txt"  # an edited text is never served stale
    text.write_text(text.read_text("utf-8") + "\nMise à jour.\n", "utf-8")
    fifth = check(settings=load_settings(seed))
    assert fifth.extra["cache"]["parsed"] == 1
    assert fifth.extra["cache"]["events_checked"] == 1
    assert [f.code for f in fifth.findings if f.code == "EVD001"] == ["EVD001"]

    no_cache = run("check", "--no-cache", "--format", "json")
    assert json.loads(no_cache.stdout)["summary"]["claims"] == len(fifth.corpus.claims)


def test_text_report_says_when_baseline_entries_no_longer_match(run: Runner, seed: Path) -> None:
    assert run("baseline", "create", "--reason", "accepted").exit_code == 0
    src = seed / "claims" / SEED.name / "le360.yaml"
    text = src.read_text("utf-8")
    # le360 now places the event in Tunis: the agreement on Rabat is gone, and a contradiction comes
    src.write_text(text.replace("value: Rabat\n", "value: Tunis\n"), "utf-8")
    result = run("check", "--baseline", ".recoupe-baseline.json", "--format", "text", "--no-color")
    assert result.exit_code == 1
    last = result.stdout.strip().splitlines()[-1]
    assert last.endswith("baselined; 1 baseline entry no longer matches")
    assert last.startswith("1 error, 0 warnings, 0 info;")  # Tunis against Rabat


def test_reports_on_stdout_are_the_reports_written_to_files(run: Runner, seed: Path) -> None:
    """Standard output gets the same bytes as --output, streamed; colour asked for stays in a pipe."""
    for fmt in ("json", "text", "sarif"):
        out = seed / f"report.{fmt}"
        assert run("check", "--format", fmt, "--output", str(out)).exit_code == 0
        assert run("check", "--format", fmt).stdout_bytes == out.read_bytes(), fmt
    plain = run("check").stdout
    coloured = run("check", "--color", "--show-info").stdout
    assert "\x1b[" not in plain
    assert "\x1b[1;33mwarning" in coloured and "CMP002" in coloured


def test_the_program_exits_with_its_status_and_all_its_output(seed: Path) -> None:
    """`python -m recoupe` ends without freeing the run's objects (cli.run): nothing of the report
    may be lost on the way, and the status is the same as main's."""
    import sys

    def program(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "recoupe", *args], cwd=seed, capture_output=True, check=False
        )

    ok = program("check", "--format", "json")
    assert ok.returncode == 0
    report = json.loads(ok.stdout)
    assert report["summary"]["findings"] == len(report["findings"]) > 50
    failing = program("check", "--format", "json", "--fail-on", "info")
    assert failing.returncode == 1
    summary = report["summary"] | {"fail_on": "info", "failing": len(report["findings"])}
    assert json.loads(failing.stdout) == report | {"summary": summary}
    bad = program("check", "nowhere")
    assert bad.returncode == 2
    assert b"no such file or folder" in bad.stderr
    assert program("validate").stdout.startswith(b"ok: 1 events, 2 sources, 102 claims")
